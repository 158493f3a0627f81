#!/usr/bin/env bash
# The main job: code the shipped sample corpus into a database and print its summary.
# Usage: scripts/main-job.sh [CASUS_BINARY] [DATABASE]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
casus=${1:-$here/build/casus}
db=${2:-casus.db}
"$casus" code --quiet --db "$db" "$here/data/sample/articles.jsonl"
"$casus" stats --db "$db"
