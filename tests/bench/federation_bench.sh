#!/usr/bin/env bash
# Benchmark: federation delivery at scale between two real instances over HTTPS on loopback:
# push ingest of LESSONS lessons beside this machine's bounds (openssl speed ed25519 verifies,
# single-row inserts into the same PostgreSQL), approval-to-visible latency, and catch-up by pull
# of LESSONS lessons approved while the subscriber was down. Builds the benchmark in Release
# (build/bench) and runs it on a throw-away PostgreSQL cluster. Not part of deploy/test.sh.
#
#   tests/bench/federation_bench.sh [LESSONS [LATENCY_SAMPLES]]     default 10000 and 200
set -euo pipefail
cd "$(dirname "$0")/../.."

lessons=${1:-10000}
samples=${2:-200}
[[ $lessons =~ ^[1-9][0-9]*$ && $samples =~ ^[1-9][0-9]*$ ]] || {
  echo "usage: $0 [LESSONS [LATENCY_SAMPLES]]" >&2
  exit 2
}
command -v openssl >/dev/null || { echo "openssl is needed" >&2; exit 2; }

mkdir -p build/logs
echo "building the benchmark (Release; output in build/logs/federation-bench-build.log)" >&2
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DHINDSIGHT_SANITIZE=OFF \
  -DHINDSIGHT_TESTS=ON >build/logs/federation-bench-configure.log
cmake --build build/bench --target hindsight test_cluster federation_bench \
  >build/logs/federation-bench-build.log

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
build/bench/bin/federation_bench --lessons "$lessons" --latency-samples "$samples"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
