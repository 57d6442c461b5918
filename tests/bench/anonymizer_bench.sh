#!/usr/bin/env bash
# Benchmark: `hindsight anonymize` (Release build) against the redact-pii npm package over the
# dev corpus repeated to 1, 10 and 100 MB; prints MB/s for both at each size (start-up
# included), the ratios, and max RSS. Not part of deploy/test.sh. The peer is installed with npm into a cache
# directory outside the repository; the corpus stays in ../shared/.
set -euo pipefail
cd "$(dirname "$0")/../.."

corpus=${HINDSIGHT_CORPUS:-$(pwd)/../shared/anonymizer-corpus}
cache=${HINDSIGHT_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hindsight-bench}
work=${HINDSIGHT_BENCH_WORK:-/tmp/hindsight-bench-$(id -u)}
[[ -f $corpus/input.jsonl ]] || { echo "no corpus at $corpus" >&2; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "node and npm are needed" >&2; exit 2; }

if [[ ! -d $cache/node_modules/redact-pii ]]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent redact-pii@3.4.0 >&2
fi

# The same Release build deploy/run.sh makes.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DHINDSIGHT_SANITIZE=OFF -DHINDSIGHT_TESTS=OFF >/dev/null
cmake --build build --target hindsight >/dev/null

python3 tests/bench/anonymizer_bench.py build/bin/hindsight \
  tests/bench/redact_pii_peer.js "$cache/node_modules" "$corpus" "$work" "$@"
