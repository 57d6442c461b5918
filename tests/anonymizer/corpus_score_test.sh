#!/usr/bin/env bash
# Runs `hindsight anonymize` over the labelled development corpus and fails naming every missed
# target of the anonymizer (leak, keep and precision rates). Exits 77 (reported as skipped)
# when the corpus is not beside the clone.
# Usage: corpus_score_test.sh HINDSIGHT_BINARY CORPUS_DIR
set -euo pipefail
binary=$1
corpus=$2
here=$(cd "$(dirname "$0")" && pwd)

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

python3 "$here/score_targets.py" "$work/score.json" "the development corpus" \
  "leak:SECRET<=0" "leak:EMAIL<=0" "leak:IP_ADDRESS<=0" "leak:MAC_ADDRESS<=0" "leak:URL<=0" \
  "leak<0.02" "leak:PERSON<0.05" "keep>=0.97" "precision>=0.90"
