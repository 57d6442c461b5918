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

python3 - "$work/score.json" "$seed" <<'PY'
import json, sys

score = json.load(open(sys.argv[1]))
overall, by_type = score["overall"], score["by_type"]
missed = []

def at_most(name, value, limit):
    if value is not None and value > limit:
        missed.append(f"{name} is {100 * value:.2f}%, target at most {100 * limit:.1f}%")

def at_least(name, value, limit):
    if value is None or value < limit:
        shown = "none" if value is None else f"{100 * value:.2f}%"
        missed.append(f"{name} is {shown}, target above {100 * limit:.1f}%")

at_most("SECRET leak rate", by_type.get("SECRET", {}).get("leak_rate"), 0.0)
at_most("overall leak rate", overall["leak_rate"], 0.01 - 1e-9)
at_least("keep rate", overall["keep_rate"], 0.97 + 1e-9)
at_least("precision", overall["precision"], 0.97 + 1e-9)
fmt = score["format"]
if fmt["errors"] or fmt["missing"] or fmt["bad_lines"] or fmt["findings_invalid"]:
    missed.append(f"output format problems: {fmt}")

if missed:
    print(f"anonymizer targets missed on generated secrets documents (seed {sys.argv[2]}):\n  "
          + "\n  ".join(missed))
    sys.exit(1)
print(f"anonymizer targets met on generated secrets documents (seed {sys.argv[2]})")
PY
