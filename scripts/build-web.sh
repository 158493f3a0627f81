#!/usr/bin/env bash
# Builds the web dashboard into web/dist: installs the npm packages pinned in
# web/package-lock.json (Chart.js, Cytoscape.js, playwright-core for the
# browser test) and copies the page and the libraries. Run by setup.sh and test.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here/web"
command -v npm >/dev/null || { echo "build-web.sh: npm is missing (scripts/install-deps.sh)" >&2; exit 1; }
# npm ci only when the lock file changed since the last install.
stamp=node_modules/.casus-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
node build.mjs
