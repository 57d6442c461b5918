#!/usr/bin/env bash
# Runs `hindsight anonymize` over the labelled development corpus and fails naming every missed
# target of the anonymizer (leak, keep and precision rates). Exits 77 (reported as skipped)
# when the corpus is not beside the clone.
# Usage: corpus_score_test.sh HINDSIGHT_BINARY CORPUS_DIR
set -euo pipefail
binary=$1
corpus=$2

if [[ ! -f "$corpus/input.jsonl" || ! -f "$corpus/gold.jsonl" || ! -f "$corpus/score.py" ]]; then
  echo "skipped: no anonymizer corpus at $corpus (it lives in ../shared/ beside the clone)"
  exit 77
fi
if ! command -v python3 >/dev/null; then
  echo "skipped: python3 is needed to run the corpus scorer"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$binary" anonymize <"$corpus/input.jsonl" >"$work/output.jsonl"
python3 "$corpus/score.py" --input "$corpus/input.jsonl" --gold "$corpus/gold.jsonl" \
  --output "$work/output.jsonl"
python3 "$corpus/score.py" --input "$corpus/input.jsonl" --gold "$corpus/gold.jsonl" \
  --output "$work/output.jsonl" --json >"$work/score.json"

python3 - "$work/score.json" <<'PY'
import json, sys

score = json.load(open(sys.argv[1]))
overall, by_type = score["overall"], score["by_type"]
missed = []

def at_most(name, value, limit):
    if value is not None and value > limit:
        missed.append(f"{name} is {100 * value:.1f}%, target at most {100 * limit:.1f}%")

def at_least(name, value, limit):
    if value is None or value < limit:
        shown = "none" if value is None else f"{100 * value:.1f}%"
        missed.append(f"{name} is {shown}, target at least {100 * limit:.1f}%")

for kind in ("SECRET", "EMAIL", "IP_ADDRESS", "MAC_ADDRESS", "URL"):
    at_most(f"{kind} leak rate", by_type.get(kind, {}).get("leak_rate"), 0.0)
at_most("overall leak rate", overall["leak_rate"], 0.02 - 1e-9)
at_most("PERSON leak rate", by_type.get("PERSON", {}).get("leak_rate"), 0.05 - 1e-9)
at_least("keep rate", overall["keep_rate"], 0.97)
at_least("precision", overall["precision"], 0.90)
fmt = score["format"]
if fmt["errors"] or fmt["missing"] or fmt["bad_lines"] or fmt["findings_invalid"]:
    missed.append(f"output format problems: {fmt}")

if missed:
    print("anonymizer targets missed:\n  " + "\n  ".join(missed))
    sys.exit(1)
print("anonymizer targets met")
PY
