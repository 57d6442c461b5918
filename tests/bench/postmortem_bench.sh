#!/usr/bin/env bash
# Benchmarks GET /api/v1/postmortems/{id} against nginx serving the same bytes as a static file
# over HTTPS (wrk, keep-alive, 32 connections, side by side in one run), and full-text search
# latency (p50/p95/p99) at each archive size, for broad queries (words in most postmortems) and
# rare ones (one kind of incident, a few percent), with the ratio of the p95s between the largest
# and the smallest size. At each size the database's time for ranking the bounded candidates
# (what the server does) and for ranking every match (the plan before search_terms) is measured
# side by side with pgbench on the same data. Then the peer feed is filled with one received
# lesson per postmortem (seed_feed.sql) and its searches are measured the same way.
# Usage: tests/bench/postmortem_bench.sh [COUNT...]  (default 10000 100000; as root on Debian 12,
# installs wrk, nginx)
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
((${#sizes[@]} > 0)) || sizes=(10000 100000)
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

# Broad: the seed's everyday incident words, each in most postmortems, alone, together and with
# a filter. Rare: one theme each (about 3% of the archive), with filters and phrases.
broad=(service error alerts customers service+error error+alert service+customers
  customers+errors+alerts traffic+requests team+minutes restart\&severity=SEV2 alert\&status=published)
rare=(replication+lag certificate+expiry kafka\&severity=SEV2 %22connection+pool%22 dns+-resolver
  disk\&tag=disk rollout+canary\&status=published vacuum+bloat\&limit=50 vendor\&category=dependency
  oom+killer+memory)

# The peer feed's sets: the same words over received lessons, with the feed's filters.
feed_broad=(service error alerts customers service+error error+alert service+customers
  customers+errors+alerts traffic+requests team+minutes restart\&severity=SEV2 alert\&tag=latency)
feed_rare=(replication+lag certificate+expiry kafka\&severity=SEV2 %22connection+pool%22 dns+-resolver
  disk\&tag=disk rollout+canary\&severity=SEV1 vacuum+bloat\&limit=50 vendor\&factor=dependency
  oom+killer+memory)

# search_lua NAME PATH QUERY...: a wrk script cycling through the queries of PATH, printing
# p50 p95 p99 count.
search_lua() {
  local name=$1 path=$2
  shift 2
  {
    printf 'local queries = {'
    printf '"%s", ' "$@"
    cat <<'LUA'
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "PATH?q=" .. queries[(i % #queries) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("%.1f %.1f %.1f %d\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.requests))
end
LUA
  } | sed "s|PATH?q=|$path?q=|" >"$work/$name.lua"
}
search_lua broad /api/v1/postmortems "${broad[@]}"
search_lua rare /api/v1/postmortems "${rare[@]}"
search_lua feed-broad /api/v1/feed "${feed_broad[@]}"
search_lua feed-rare /api/v1/feed "${feed_rare[@]}"

# The text of the text-only queries of a set, for pgbench: "'w1', 'w2', ..."
pg_texts() {
  local q out=()
  for q in "$@"; do
    [[ "$q" == *'&'* ]] && continue
    q=${q//+/ }
    out+=("'${q//%22/\"}'")
  done
  local IFS=,
  echo "${out[*]}"
}

# pgbench_sql SET PLAN: one search of a random text of SET, ranked as PLAN ranks it.
pgbench_sql() {
  local texts
  texts=$(pg_texts "${@:3}")
  echo "\\set n random(1, $(tr -cd ',' <<<"$texts" | wc -c | awk '{print $1 + 1}'))"
  local q="(ARRAY[$texts])[:n]"
  if [[ $2 == every ]]; then
    cat <<SQL
SELECT p.id FROM postmortems p WHERE p.search_vector @@ websearch_to_tsquery('english', $q)
ORDER BY ts_rank(p.search_vector, websearch_to_tsquery('english', $q)) DESC, p.updated_at DESC, p.id DESC LIMIT 21;
SQL
  else  # the statement of server/postmortems/postmortem_search.cpp (common/db/ranked_search.hpp)
    cat <<SQL
WITH listed AS MATERIALIZED (SELECT DISTINCT b.id FROM unnest((tsvector_to_array(to_tsvector('english', $q)))[1:5]) AS w(lexeme),
LATERAL (SELECT t.postmortem_id AS id FROM search_terms t WHERE t.lexeme = w.lexeme
ORDER BY t.score DESC, t.updated_at DESC, t.postmortem_id DESC LIMIT 200) b),
best AS MATERIALIZED (SELECT b.id FROM listed, LATERAL (SELECT p.id FROM postmortems p WHERE p.id = listed.id
AND p.search_vector @@ websearch_to_tsquery('english', $q) OFFSET 0) b),
newest AS MATERIALIZED (SELECT p.id FROM postmortems p WHERE p.search_vector @@ websearch_to_tsquery('english', $q)
AND (SELECT count(*) FROM best) < 101 ORDER BY p.updated_at DESC, p.id DESC LIMIT 200),
candidate AS (SELECT best.id FROM best UNION SELECT newest.id FROM newest)
SELECT c.id FROM (SELECT p.id, p.updated_at, ts_rank(p.search_vector, websearch_to_tsquery('english', $q)) AS rank
FROM candidate JOIN postmortems p ON p.id = candidate.id) c ORDER BY c.rank DESC, c.updated_at DESC, c.id DESC LIMIT 21;
SQL
  fi
}

# pgbench_run SOCKET_DIR SET PLAN QUERY...: "p50 p95 p99 count" of the statement alone, 4 clients.
pgbench_run() {
  local socket_dir=$1 name="$2-$3"
  pgbench_sql "${@:2}" >"$work/$name.sql"
  rm -f "$work"/pgb.*
  (cd "$work" && pgbench -n -c4 -j1 -T"$duration" -f "$name.sql" -l --log-prefix=pgb \
    -h "$socket_dir" -U hindsight hindsight >"$work/$name.log" 2>&1)
  cat "$work"/pgb.* | awk '{print $3 / 1000}' | sort -n |
    awk '{v[NR] = $1} END {printf "%.1f %.1f %.1f %d\n", v[int(NR * 0.50)], v[int(NR * 0.95)], v[int(NR * 0.99)], NR}'
}

row() { printf '  %-44s %9s %9s %9s %8s\n' "$@"; }
# measure_server SET: the server's figures for SET.
measure_server() {
  local set=$1 p50 p95 p99 n
  read -r p50 p95 p99 n < <(wrk -t1 -c4 -d"${duration}s" -H "Authorization: Bearer $token" \
    -s "$work/$set.lua" "https://127.0.0.1:$port" | tail -n 1)
  row "$set, server" "$p50" "$p95" "$p99" "$n"
  echo "$p95" >"$work/p95-$set-$count"
}
# measure_set SET QUERY...: the server's figures for SET, then the statement alone both ways.
measure_set() {
  local set=$1 p50 p95 p99 n plan
  measure_server "$set"
  for plan in candidates every; do
    read -r p50 p95 p99 n < <(pgbench_run "$socket_dir" "$set" "$plan" "${@:2}")
    row "$set, SQL alone, ranking $plan" "$p50" "$p95" "$p99" "$n"
  done
}
port=18443
for count in "${sizes[@]}"; do
  data="$work/data-$count"
  rm -f "$work/server.err"  # the last size's "listening on" must not be read as this one's
  build/bin/hindsight serve --data-dir "$data" --listen 127.0.0.1:$port >"$work/server.log" 2>"$work/server.err" &
  server_pid=$!
  until grep -q "listening on" "$work/server.err" 2>/dev/null; do sleep 0.2; done
  token=$(build/bin/hindsight token add --username admin --data-dir "$data")
  socket_dir=$(awk -F"'" '/unix_socket_directories/ {print $2}' "$data/pg/postmaster.opts" 2>/dev/null || true)
  [[ -n "$socket_dir" ]] || socket_dir="$data/run"
  psql_cmd=(psql -q "host=$socket_dir user=hindsight dbname=hindsight")

  echo "seeding $count postmortems..." >&2
  seed_start=$(date +%s)
  "${psql_cmd[@]}" -v count="$count" -f tests/bench/seed_postmortems.sql >/dev/null
  echo "seeded in $(($(date +%s) - seed_start)) s" >&2
  for q in "${broad[@]}" "${rare[@]}"; do  # warm the buffers and prepare the statements
    curl -skf -o /dev/null -H "Authorization: Bearer $token" "https://127.0.0.1:$port/api/v1/postmortems?q=$q"
  done

  echo
  echo "search over $count postmortems (wrk -t1 -c4 -d${duration}s, ms; load before: $(cut -d' ' -f1-3 /proc/loadavg)):"
  row "" p50 p95 p99 requests
  measure_set broad "${broad[@]}"
  measure_set rare "${rare[@]}"
  "${psql_cmd[@]}" -At -c "SELECT 'search_terms: ' || count(*) || ' rows, ' ||
    pg_size_pretty(pg_total_relation_size('search_terms')) || '; postmortems: ' ||
    pg_size_pretty(pg_total_relation_size('postmortems')) FROM search_terms"

  echo "seeding $count received lessons..." >&2
  seed_start=$(date +%s)
  "${psql_cmd[@]}" -f tests/bench/seed_feed.sql >/dev/null
  echo "seeded in $(($(date +%s) - seed_start)) s" >&2
  for q in "${feed_broad[@]}" "${feed_rare[@]}"; do
    curl -skf -o /dev/null -H "Authorization: Bearer $token" "https://127.0.0.1:$port/api/v1/feed?q=$q"
  done
  echo "peer feed search over $count received lessons (wrk -t1 -c4 -d${duration}s, ms):"
  measure_server feed-broad
  measure_server feed-rare

  if [[ "$count" == "${sizes[-1]}" ]]; then
    id=$("${psql_cmd[@]}" -At -c "SELECT id FROM postmortems ORDER BY id LIMIT 1")
    url="https://127.0.0.1:$port/api/v1/postmortems/$id"
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
    ssl_certificate $data/tls/cert.pem;
    ssl_certificate_key $data/tls/key.pem;
    root $work/static;
    default_type application/json;
  }
}
NGINX
    nginx -c "$nginx_conf"
    rps() { awk '/Requests\/sec/ {print $2}'; }
    echo
    echo "GET one postmortem ($bytes bytes), wrk -t2 -c32 -d${duration}s, keep-alive:"
    nginx_rps=$(wrk -t2 -c32 -d"${duration}s" "https://127.0.0.1:18444/postmortem.json" | rps)
    hs_rps=$(wrk -t2 -c32 -d"${duration}s" -H "Authorization: Bearer $token" "$url" | rps)
    printf '  nginx static file: %10.0f req/s\n  hindsight:         %10.0f req/s\n  ratio:             %10.2f\n' \
      "$nginx_rps" "$hs_rps" "$(echo "$hs_rps / $nginx_rps" | bc -l)"
  fi
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=""
done

if ((${#sizes[@]} > 1)); then
  echo
  for set in broad rare feed-broad feed-rare; do
    printf 'search p95 ratio, %s, %s / %s rows: %.2f\n' "$set" "${sizes[-1]}" "${sizes[0]}" \
      "$(echo "$(cat "$work/p95-$set-${sizes[-1]}") / $(cat "$work/p95-$set-${sizes[0]}")" | bc -l)"
  done
fi
