#!/usr/bin/env bash
# Times two commands as whole processes, alternating A B A B ..., and prints
# the median CPU seconds (user + sys) of each and the median of the pairwise
# ratios A/B. On a shared, noisy machine the ratio of runs taken side by side
# is steadier than either figure alone.
#
#   bench/paired_runs.sh N 'COMMAND A' 'COMMAND B'
#
# Example (a new coder against an older build, on the news corpus):
#   bench/paired_runs.sh 11 \
#     'build/casus code -q ../shared/corpora/wikipedia-current-events-2025-2026.jsonl -o /dev/null' \
#     '/tmp/old/build/casus code -q ../shared/corpora/wikipedia-current-events-2025-2026.jsonl -o /dev/null'
set -euo pipefail
if [[ $# -ne 3 ]]; then
  echo "usage: $0 RUNS 'COMMAND A' 'COMMAND B'" >&2
  exit 2
fi
runs=$1
a=$2
b=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cpu() {  # prints user+sys seconds of one run of "$1"
  /usr/bin/time -f '%U %S' -o "$tmp/t" bash -c "$1" > /dev/null 2>&1 || true
  awk '{ printf "%.3f\n", $1 + $2 }' "$tmp/t"
}

cpu "$a" > /dev/null  # warm-up (file cache)
cpu "$b" > /dev/null
for ((i = 0; i < runs; i++)); do
  ta=$(cpu "$a")
  tb=$(cpu "$b")
  echo "$ta $tb" >> "$tmp/pairs"
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "runs: $runs pairs (A B alternating, after one warm-up each)"
echo "A cpu s, median: $(awk '{ print $1 }' "$tmp/pairs" | median)"
echo "B cpu s, median: $(awk '{ print $2 }' "$tmp/pairs" | median)"
echo "A/B cpu, median of pairs: $(awk '{ if ($2 > 0) printf "%.3f\n", $1 / $2 }' "$tmp/pairs" | median)" \
     "(min $(awk '{ if ($2 > 0) printf "%.3f\n", $1 / $2 }' "$tmp/pairs" | sort -g | head -1)," \
     "max $(awk '{ if ($2 > 0) printf "%.3f\n", $1 / $2 }' "$tmp/pairs" | sort -g | tail -1))"
