#!/usr/bin/env bash
# Benchmark: request signatures signed and verified per second by our RFC 9421 code (signature
# base and Ed25519; read_signature and verify_signature), raw Ed25519 through common/crypto's
# wrapper, and `openssl speed -seconds N ed25519`, side by side in one run: ROUNDS rounds, each
# running openssl speed and then ours, so both see the same load; the table shows each round's
# median. One thread each, rates per CPU second, as openssl speed counts them. Not part of
# deploy/test.sh.
#
#   tests/bench/signatures_bench.sh [SECONDS [ROUNDS]]     default 5 seconds a measure, 3 rounds
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-5}
rounds=${2:-3}
[[ $seconds =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ ]] || {
  echo "usage: $0 [SECONDS [ROUNDS]]" >&2
  exit 2
}
command -v openssl >/dev/null || { echo "openssl is needed" >&2; exit 2; }

# The same Release build deploy/run.sh makes, with the benchmark program.
mkdir -p build/logs
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DHINDSIGHT_SANITIZE=OFF -DHINDSIGHT_TESTS=OFF \
  >build/logs/signatures-bench-configure.log
cmake --build build --target signatures_bench >build/logs/signatures-bench-build.log

# Lines "MEASURE RATE", one per measure and round.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
results=()
for ((round = 1; round <= rounds; round++)); do
  # openssl's last line: " 253 bits EdDSA (Ed25519)   0.0000s   0.0001s  35201.1  13101.0"
  line=$(openssl speed -seconds "$seconds" ed25519 2>/dev/null | grep 'Ed25519' | tail -n 1)
  echo "round $round: openssl speed:$line"
  results+=("$(awk '{print "openssl-sign", $(NF-1); print "openssl-verify", $NF}' <<<"$line")")
  ours=$(build/bin/signatures_bench --seconds "$seconds")
  awk -v round="$round" '{print "round " round ": " $0}' <<<"$ours"
  results+=("$(awk '{print $1, $(NF-1)}' <<<"$ours")")
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "$(openssl version | cut -d' ' -f1-2); median of $rounds rounds of $seconds s a measure;" \
  "one thread; per CPU second"
printf '%s\n' "${results[@]}" | awk '
  { rates[$1] = rates[$1] " " $2 }
  function median(name,    list, n, i, j, t) {
    n = split(rates[name], list, " ")
    for (i = 2; i <= n; i++)
      for (j = i; j > 1 && list[j - 1] + 0 > list[j] + 0; j--) { t = list[j]; list[j] = list[j - 1]; list[j - 1] = t }
    return n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
  }
  END {
    os = median("openssl-sign"); ov = median("openssl-verify")
    rs = median("ed25519-sign"); rv = median("ed25519-verify")
    qs = median("rfc9421-sign"); qv = median("rfc9421-verify")
    printf "%-44s %12s %12s\n", "", "signs/s", "verifies/s"
    printf "%-44s %12.0f %12.0f\n", "openssl speed ed25519 (20-byte message)", os, ov
    printf "%-44s %12.0f %12.0f\n", "Ed25519 through common/crypto (20 bytes)", rs, rv
    printf "%-44s %12.0f %12.0f\n", "RFC 9421 request (POST to an inbox)", qs, qv
    printf "%-44s %11.2fx %11.2fx\n", "wrapper / openssl", rs / os, rv / ov
    printf "%-44s %11.2fx %11.2fx\n", "RFC 9421 request / openssl", qs / os, qv / ov
  }'
