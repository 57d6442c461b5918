#!/usr/bin/env bash
# Benchmark: `hindsight anonymize` (Release build) against the redact-pii npm package over the
# dev corpus, each run lasting at least 5 s; prints MB/s for both, the ratio, and max RSS at 1x
# and 10x input. Not part of deploy/test.sh. The peer is installed with npm into a cache
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

# One build at a time on a shared machine.
lock=(flock /tmp/hindsight-build.lock)
# GCC 12 at -O3 reports false positives (array-bounds, restrict, mismatched-new-delete inside
# Asio coroutine frames) in code the benchmark does not measure; they stay warnings here.
relaxed="-Wno-error=mismatched-new-delete -Wno-error=array-bounds -Wno-error=restrict"
relaxed+=" -Wno-error=stringop-overflow -Wno-error=maybe-uninitialized"
"${lock[@]}" cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release \
  "-DCMAKE_CXX_FLAGS_RELEASE=-O3 -DNDEBUG" "-DCMAKE_CXX_FLAGS=$relaxed" \
  -DHINDSIGHT_SANITIZE=OFF -DHINDSIGHT_TESTS=OFF >/dev/null
"${lock[@]}" cmake --build build/release --target hindsight >/dev/null 2>&1

python3 tests/bench/anonymizer_bench.py build/release/bin/hindsight \
  tests/bench/redact_pii_peer.js "$cache/node_modules" "$corpus" "$work" "$@"
