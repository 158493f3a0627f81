#!/usr/bin/env bash
# Builds casus with its tests and runs every test (unit, golden, end-to-end),
# then the same unit and golden tests under AddressSanitizer and UBSan.
#   scripts/test.sh            # all tests
#   SANITIZE=0 scripts/test.sh # skip the sanitizer build
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/install-deps.sh
# The dashboard and playwright-core for the browser test (ctest -L browser).
bash scripts/build-web.sh
jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCASUS_BUILD_TESTS=ON -DCASUS_BUILD_BENCHMARKS=ON -DCASUS_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")
if [ "${SANITIZE:-1}" != "0" ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCASUS_BUILD_TESTS=ON -DCASUS_BUILD_BENCHMARKS=OFF \
    -DCASUS_SANITIZE=address,undefined >/dev/null
  cmake --build build-asan -j"$jobs"
  (cd build-asan && ctest --output-on-failure -j"$jobs" -L 'unit|golden|e2e')
fi
