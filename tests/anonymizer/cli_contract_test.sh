#!/usr/bin/env bash
# `hindsight anonymize` as docs/anonymizer.md's contract has it: one output line per input line,
# an error line for a bad line while the run goes on (exit 0), exit 2 and a message for a bad
# config.
# Usage: cli_contract_test.sh HINDSIGHT_BINARY
set -euo pipefail
binary=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

printf '%s\n' \
  '{"id": "a", "context": {"people": [{"name": "Haruka Inoue", "username": "hinoue"}]}, "text": "Haruka Inoue paged from 10.1.2.3"}' \
  'not json' \
  '{"id": 7, "text": 5}' \
  '{"id": "b", "text": "token ghp_MUP6n0a0uARxlNtencYFJEeAgYzQJjOIfPkz"}' >"$work/in.jsonl"
"$binary" anonymize <"$work/in.jsonl" >"$work/out.jsonl" || fail "exit code $? for bad lines"
[[ $(wc -l <"$work/out.jsonl") -eq 4 ]] || fail "expected 4 output lines"
python3 - "$work/out.jsonl" <<'PY' || exit 1
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
assert rows[0]["id"] == "a", rows[0]
assert rows[0]["text"] == "[PERSON-1] paged from [IP_ADDRESS-1]", rows[0]
assert rows[0]["findings"] == [{"type": "PERSON", "start": 0, "end": 12},
                               {"type": "IP_ADDRESS", "start": 24, "end": 32}], rows[0]
assert "error" in rows[1] and rows[1]["id"] is None, rows[1]
assert rows[2]["id"] == 7 and "error" in rows[2], rows[2]
assert rows[3]["text"] == "token [SECRET-1]", rows[3]
PY

# Dates and times are coarsened only with `context.incident_start`, and reported as `coarsened`,
# not as findings; without it the line keeps its shape and its dates.
printf '%s\n' \
  '{"id": "d", "context": {"incident_start": "2024-03-05T14:00:00Z"}, "text": "paged 2024-03-05 14:05 UTC, fixed on March 6 at 3 p.m."}' \
  '{"id": "e", "text": "paged 2024-03-05 14:05 UTC, fixed on March 6 at 3 p.m."}' \
  '{"id": "f", "context": {"incident_start": "last Tuesday"}, "text": "x"}' >"$work/dates.jsonl"
"$binary" anonymize <"$work/dates.jsonl" >"$work/dates.out" || fail "exit code $? for dates"
python3 - "$work/dates.out" <<'PY' || exit 1
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
assert rows[0]["text"] == "paged T+5m, fixed on T+25h", rows[0]
assert rows[0]["findings"] == [], rows[0]
assert rows[0]["coarsened"] == [{"start": 6, "end": 26, "replacement": "T+5m"},
                                {"start": 37, "end": 54, "replacement": "T+25h"}], rows[0]
assert rows[1] == {"id": "e", "findings": [],
                   "text": "paged 2024-03-05 14:05 UTC, fixed on March 6 at 3 p.m."}, rows[1]
assert rows[2]["id"] == "f" and "incident_start" in rows[2]["error"], rows[2]
PY

# Input is answered in blocks on several threads; output keeps input order across blocks of
# every size, including a line longer than a block.
python3 - "$work/many.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as out:
    for i in range(30000):
        if i == 12345:
            text = "x " * 700000 + f"paged from 10.9.{i // 256 % 256}.{i % 256}"
        else:
            text = f"line {i} paged from 10.9.{i // 256 % 256}.{i % 256}"
        out.write(json.dumps({"id": i, "text": text}) + ("\r\n" if i % 7 == 0 else "\n"))
PY
"$binary" anonymize <"$work/many.jsonl" >"$work/many.out" || fail "exit code $? for many lines"
python3 - "$work/many.out" <<'PY' || exit 1
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
assert len(rows) == 30000, len(rows)
for i, row in enumerate(rows):
    assert row["id"] == i, (i, row["id"])
    assert row["text"].endswith("paged from [IP_ADDRESS-1]"), (i, row["text"][-80:])
PY

cat >"$work/bad.toml" <<'TOML'
[anonymizer]
org_names = ["Marlowe"]
[[anonymizer.patterns]]
name = "broken"
type = "SECRET"
regex = "(unclosed"
TOML
status=0
"$binary" anonymize --config "$work/bad.toml" </dev/null 2>"$work/err" || status=$?
[[ $status -eq 2 ]] || fail "bad config: exit $status, expected 2"
grep -q "broken" "$work/err" || fail "bad config message does not name the pattern: $(cat "$work/err")"

cat >"$work/good.toml" <<'TOML'
[anonymizer]
org_names = ["Marlowe"]
allowed_terms = ["Marlowe Street"]
[[anonymizer.patterns]]
name = "badge"
type = "ACCOUNT_ID"
regex = "BADGE#[0-9]{5}"
TOML
out=$(echo '{"id": "c", "text": "Marlowe badge BADGE#12345 on Marlowe Street"}' |
  "$binary" anonymize --config "$work/good.toml")
[[ $out == *'"text":"[ORG-1] badge [ACCOUNT_ID-1] on Marlowe Street"'* ]] || fail "config not applied: $out"
# `hindsight` runs anonymize without the server's libraries, and becomes hindsight-server (beside
# it) for every other subcommand.
if ldd "$binary" | grep -E 'libpq|libssl|libboost'; then fail "hindsight links the server's libraries"; fi
"$binary" anonymize --help | grep -q -- "--config" || fail "anonymize --help does not list --config"
status=0
"$binary" anonymize --no-such-flag </dev/null 2>"$work/err" || status=$?
[[ $status -eq 2 ]] && grep -q "^hindsight: .*no-such-flag" "$work/err" || fail "bad flag: exit $status, $(cat "$work/err")"
"$binary" --help | grep -q "serve" || fail "hindsight --help does not come from hindsight-server"
status=0
"$binary" user add --role admin </dev/null 2>"$work/err" || status=$?
[[ $status -eq 2 ]] && grep -q "username" "$work/err" || fail "user add without --username: exit $status, $(cat "$work/err")"
mkdir "$work/alone" && cp "$binary" "$work/alone/hindsight"
status=0
"$work/alone/hindsight" serve 2>"$work/err" || status=$?
[[ $status -eq 1 ]] && grep -q "cannot run .*hindsight-server" "$work/err" || fail "no hindsight-server: exit $status, $(cat "$work/err")"
echo '{"id": "x", "text": "from 10.1.2.3"}' | "$work/alone/hindsight" anonymize | grep -q IP_ADDRESS ||
  fail "anonymize needs hindsight-server"

echo "anonymize CLI contract holds"
