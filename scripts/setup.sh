#!/usr/bin/env bash
# Set-up on a fresh Debian 12 machine: install what is missing, build casus,
# and run the main job on the shipped sample corpus (casus.db + summary).
#   scripts/setup.sh            # as root, or with sudo available
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCASUS_BUILD_TESTS=OFF -DCASUS_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target casus
# The web dashboard served by `casus serve` (npm packages -> web/dist).
bash scripts/build-web.sh
rm -f casus.db casus.db-wal casus.db-shm
exec scripts/main-job.sh build/casus casus.db
