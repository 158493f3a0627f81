#!/usr/bin/env bash
# Bad input: broken JSON, invalid UTF-8, missing fields, a 50 MB line, empty
# input, a malformed dictionary. Each gets file:line on stderr, the rest is
# still coded, the exit code says something was skipped, nothing crashes and
# nothing already stored is lost.
set -uo pipefail
casus=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
good='{"id":"g1","date":"2025-03-04","text":"Russia attacked Ukraine."}'
good2='{"id":"g2","date":"2025-03-04","text":"France condemned Iran."}'
{
  echo "$good"
  echo '{"id":"b1","date":"2025-03-04","text":"broken'
  printf '{"id":"b2","date":"2025-03-04","text":"bad \xff utf8"}\n'
  echo '{"id":"b3","text":"no date"}'
  echo '{"id":"b4","date":"2025-03-04"}'
  python3 -c 'import sys; sys.stdout.write("{\"id\":\"huge\",\"date\":\"2025-03-04\",\"text\":\"" + "a" * (50 * 1024 * 1024) + "\"}\n")'
  echo "$good2"
} > "$tmp/in.jsonl"

"$casus" code --quiet --db "$tmp/x.db" --out "$tmp/ev.jsonl" "$tmp/in.jsonl" 2> "$tmp/err"
rc=$?
cat "$tmp/err"
[ $rc -eq 1 ] || fail "exit code $rc, expected 1 (records skipped)"
for line in 2 3 4 5 6; do
  grep -q "in.jsonl:$line: " "$tmp/err" || fail "no message for line $line"
done
[ "$(wc -l < "$tmp/ev.jsonl")" -eq 2 ] || fail "expected 2 events from the good lines"
[ "$(sqlite3 "$tmp/x.db" 'select count(*) from documents')" -eq 2 ] || fail "documents not stored"

# --strict stops at the first bad record, keeping what was stored before.
"$casus" code --quiet --strict --db "$tmp/y.db" "$tmp/in.jsonl" 2>/dev/null
rc=$?
[ $rc -eq 1 ] || fail "--strict exit code $rc"
[ "$(sqlite3 "$tmp/y.db" 'select count(*) from documents')" -eq 1 ] || fail "--strict lost stored data"

# Empty input.
: > "$tmp/empty.jsonl"
"$casus" code --quiet "$tmp/empty.jsonl" > /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] || fail "empty input exit code $rc"

# A malformed dictionary line names file:line:column and quotes the fragment.
mkdir "$tmp/dict"
printf '[actors]\nRussia => RUS\nUkraine => ukr\n[verbs]\nverb attack => 190\n' > "$tmp/dict/a.dict"
echo "$good" | "$casus" code --dict "$tmp/dict" > "$tmp/ev2.jsonl" 2> "$tmp/err"
grep -q 'a.dict:3:12: bad actor code "ukr"' "$tmp/err" || { cat "$tmp/err"; fail "dictionary error message"; }
"$casus" dict-check "$tmp/dict" > /dev/null 2>&1
[ $? -eq 1 ] || fail "dict-check exit code"

# A missing input file and a bad flag.
"$casus" code --quiet /nonexistent.jsonl > /dev/null 2> "$tmp/err"
[ $? -eq 1 ] || fail "missing file exit code"
grep -q "/nonexistent.jsonl" "$tmp/err" || fail "missing file message"
"$casus" code --format xml < /dev/null > /dev/null 2>&1
[ $? -eq 2 ] || fail "bad --format should exit 2"
echo "e2e bad input: ok"
