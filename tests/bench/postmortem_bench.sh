#!/usr/bin/env bash
# Benchmarks GET /api/v1/postmortems/{id} against nginx serving the same bytes as a static file
# over HTTPS (wrk, keep-alive, 32 connections, side by side in one run), and the p95 latency
# of full-text searches over a database of COUNT postmortems (default 100,000).
# Usage: tests/bench/postmortem_bench.sh [COUNT]     (as root on Debian 12; installs wrk, nginx)
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-100000}
duration=${BENCH_SECONDS:-15}

deploy/install-deps.sh
for p in wrk nginx-light; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null
done
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DHINDSIGHT_SANITIZE=OFF -DHINDSIGHT_TESTS=OFF >/dev/null
cmake --build build --target hindsight >/dev/null

work=$(mktemp -d /tmp/hindsight-bench-XXXXXX)
chmod 711 "$work"
server_pid=""
nginx_conf="$work/nginx.conf"
cleanup() {
  [[ -n "$server_pid" ]] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && nginx -c "$nginx_conf" -s stop 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

build/bin/hindsight serve --data-dir "$work/data" --listen 127.0.0.1:18443 >"$work/server.log" 2>"$work/server.err" &
server_pid=$!
until grep -q "listening on" "$work/server.err" 2>/dev/null; do sleep 0.2; done
token=$(build/bin/hindsight token add --username admin --data-dir "$work/data")
socket_dir=$(awk -F"'" '/unix_socket_directories/ {print $2}' "$work/data/pg/postmaster.opts" 2>/dev/null || true)
[[ -n "$socket_dir" ]] || socket_dir="$work/data/run"
psql_cmd=(psql -q "host=$socket_dir user=hindsight dbname=hindsight")

echo "seeding $count postmortems..." >&2
seed_start=$(date +%s)
"${psql_cmd[@]}" -v count="$count" -f tests/bench/seed_postmortems.sql >/dev/null
echo "seeded in $(( $(date +%s) - seed_start )) s" >&2

id=$("${psql_cmd[@]}" -At -c "SELECT id FROM postmortems ORDER BY id LIMIT 1")
url="https://127.0.0.1:18443/api/v1/postmortems/$id"
mkdir -p "$work/static"
curl -sk -H "Authorization: Bearer $token" "$url" >"$work/static/postmortem.json"
bytes=$(stat -c %s "$work/static/postmortem.json")

cat >"$nginx_conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:18444 ssl;
    ssl_certificate $work/data/tls/cert.pem;
    ssl_certificate_key $work/data/tls/key.pem;
    root $work/static;
    default_type application/json;
  }
}
NGINX
nginx -c "$nginx_conf"

rps() { awk '/Requests\/sec/ {print $2}'; }
echo "GET one postmortem ($bytes bytes), wrk -t2 -c32 -d${duration}s, keep-alive:"
nginx_rps=$(wrk -t2 -c32 -d"${duration}s" "https://127.0.0.1:18444/postmortem.json" | rps)
hs_rps=$(wrk -t2 -c32 -d"${duration}s" -H "Authorization: Bearer $token" "$url" | rps)
printf '  nginx static file: %10.0f req/s\n  hindsight:         %10.0f req/s\n  ratio:             %10.2f\n' \
  "$nginx_rps" "$hs_rps" "$(echo "$hs_rps / $nginx_rps" | bc -l)"

cat >"$work/search.lua" <<'LUA'
local queries = {"q=replication+lag", "q=certificate+expiry", "q=kafka&severity=SEV2",
  "q=%22connection+pool%22", "q=dns+-resolver", "q=disk&tag=disk", "q=rollout+canary&status=published",
  "severity=SEV1", "tag=latency", "q=vacuum+bloat&limit=50", "category=dependency&q=vendor",
  "q=oom+killer+memory"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/postmortems?" .. queries[(i % #queries) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("  p50 %.1f ms, p95 %.1f ms, p99 %.1f ms over %d searches\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests))
end
LUA
echo "search over $count postmortems (12 query shapes, wrk -t1 -c4 -d${duration}s):"
wrk -t1 -c4 -d"${duration}s" -H "Authorization: Bearer $token" -s "$work/search.lua" \
  "https://127.0.0.1:18443" | grep "p95"
