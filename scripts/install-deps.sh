#!/usr/bin/env bash
# Installs the Debian 12 packages casus needs to build and test, if missing.
set -euo pipefail
pkgs=(build-essential cmake pkg-config libsqlite3-dev sqlite3 libsimdjson-dev libcli11-dev
      libgtest-dev libbenchmark-dev python3
      wordnet-base)  # wordnet-base: only to regenerate src/syntax/wordnet_tables.inc
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The analyst's side: cpp-httplib for `casus serve`, Chromium for the
# dashboard's browser test, node and npm (only if missing) to build web/.
web_missing=()
for p in libcpp-httplib-dev chromium; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || web_missing+=("$p")
done
command -v node >/dev/null || web_missing+=(nodejs)
command -v npm >/dev/null || web_missing+=(npm)
if [ ${#web_missing[@]} -gt 0 ]; then
  echo "installing: ${web_missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${web_missing[@]}" >/dev/null
fi
