#!/usr/bin/env bash
# Browser test of the dashboard (ctest label "browser"): codes the fictional
# test corpus into a fresh database, starts `casus serve` on a free port, and
# runs dashboard_test.mjs in headless Chromium. Fails loudly when Chromium,
# node or the built dashboard is missing; CASUS_SKIP_BROWSER=1 skips it (exit 77).
#   tests/browser/run.sh CASUS_BINARY [SCREENSHOT.png]
set -euo pipefail
casus=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
shot=${2:-$PWD/dashboard.png}
if [ "${CASUS_SKIP_BROWSER:-0}" = "1" ]; then
  echo "SKIPPED: CASUS_SKIP_BROWSER=1" >&2
  exit 77
fi
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v node >/dev/null || fail "node is not installed (scripts/install-deps.sh)"
[ -x "${CASUS_CHROMIUM:-/usr/bin/chromium}" ] || fail "Chromium is not installed (apt-get install chromium; scripts/install-deps.sh)"
[ -f "$here/web/dist/index.html" ] || fail "the dashboard is not built: run scripts/build-web.sh"
[ -d "$here/web/node_modules/playwright-core" ] || fail "playwright-core is missing: run scripts/build-web.sh"

tmp=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
"$casus" code --quiet --dict "$here/tests/fixtures/dicts/fictional" --db "$tmp/test.db" \
  "$here/tests/unit/server/articles.jsonl"
"$casus" serve --db "$tmp/test.db" --port 0 --web "$here/web/dist" > "$tmp/serve.log" 2>&1 &
pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://[0-9.]*:[0-9]*/' "$tmp/serve.log" || true)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; fail "casus serve exited"; }
  sleep 0.1
done
[ -n "$url" ] || fail "casus serve did not start: $(cat "$tmp/serve.log")"
node "$here/tests/browser/dashboard_test.mjs" --url "$url" --screenshot "$shot"
