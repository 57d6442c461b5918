#!/usr/bin/env bash
# Generates fresh secrets documents (secrets_corpus_generator.py) and fails naming every missed
# target of the anonymizer on them: no SECRET leaked, overall leak under 1 %, keep rate and
# precision above 97 %. Scored with the dev corpus's scorer; exits 77 (reported as skipped)
# when the corpus is not beside the clone.
# Usage: generated_secrets_score_test.sh HINDSIGHT_BINARY CORPUS_DIR [SEED [DOCS]]
set -euo pipefail
binary=$1
corpus=$2
seed=${3:-20261206}
docs=${4:-60}
here=$(cd "$(dirname "$0")" && pwd)

if [[ ! -f "$corpus/score.py" ]]; then
  echo "skipped: no anonymizer corpus scorer at $corpus (it lives in ../shared/ beside the clone)"
  exit 77
fi
if ! command -v python3 >/dev/null; then
  echo "skipped: python3 is needed to generate and score the documents"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/secrets_corpus_generator.py" --seed "$seed" --docs "$docs" --out "$work"
"$binary" anonymize <"$work/input.jsonl" >"$work/output.jsonl"
python3 "$corpus/score.py" --input "$work/input.jsonl" --gold "$work/gold.jsonl" \
  --output "$work/output.jsonl" --per-doc
python3 "$corpus/score.py" --input "$work/input.jsonl" --gold "$work/gold.jsonl" \
  --output "$work/output.jsonl" --json >"$work/score.json"

python3 "$here/score_targets.py" "$work/score.json" \
  "generated secrets documents (seed $seed)" \
  "leak:SECRET<=0" "leak<0.01" "keep>0.97" "precision>0.97"
