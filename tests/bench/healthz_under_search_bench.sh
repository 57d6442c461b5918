#!/usr/bin/env bash
# GET /healthz latency while 16 clients run broad full-text searches, for this tree's binary
# and for a baseline revision's (default 60b919a, the last one that ran handlers on the I/O
# threads), measured one after the other in one run and printed side by side.
# Usage: tests/bench/healthz_under_search_bench.sh [BASELINE_REVISION [COUNT]]
#   COUNT postmortems are seeded (default 10,000); BENCH_SECONDS is the load's length (default
#   20). As root on Debian 12; installs wrk.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=deploy/steps.sh
source deploy/steps.sh
baseline=${1:-60b919a}
count=${2:-10000}
duration=${BENCH_SECONDS:-20}
clients=16
baseline_commit=$(git rev-parse --verify --short "$baseline^{commit}")
current_label=$(git describe --always --dirty)

deploy/install-deps.sh
dpkg-query -W -f='${Status}' wrk 2>/dev/null | grep -q "install ok installed" ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null

work=$(mktemp -d /tmp/hindsight-healthz-bench-XXXXXX)
chmod 711 "$work"
server_pid=""
load_pid=""
cleanup() {
  if [[ -n "$load_pid" ]]; then kill "$load_pid" 2>/dev/null || true; fi
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Both builds as postmortem_bench.sh builds; the baseline from `git archive` in its own
# directory. CCACHE_BASEDIR lets ccache reuse objects across runs' different temp paths.
release_build() {  # release_build SOURCE_DIR
  CCACHE_BASEDIR="$1" cmake -S "$1" -B "$1/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DHINDSIGHT_SANITIZE=OFF -DHINDSIGHT_TESTS=OFF &&
    CCACHE_BASEDIR="$1" cmake --build "$1/build" --target hindsight
}
echo "building $current_label (log: build/logs/healthz-bench-current.log)..." >&2
quietly build/logs/healthz-bench-current.log release_build "$PWD"
echo "building baseline $baseline_commit (log: build/logs/healthz-bench-baseline.log)..." >&2
mkdir "$work/baseline"
git archive "$baseline_commit" | tar -x -C "$work/baseline"
quietly build/logs/healthz-bench-baseline.log release_build "$work/baseline"

# Broad searches: the most frequent everyday words of the seed, each in most postmortems.
queries=(service error alerts customers service+error error+alert service+customers
  customers+errors+alerts)
{
  printf 'local queries = {'
  printf '"%s", ' "${queries[@]}"
  cat <<'LUA'
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/postmortems?q=" .. queries[(i % #queries) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("%d %d %.1f %.1f\n", summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
} >"$work/search.lua"

# measure NAME BINARY PORT: seeds a fresh data directory and leaves the figures in
# $work/NAME.idle (samples p50 p99 max), $work/NAME.healthz (same, under load) and
# $work/NAME.search (requests errors p50 p99).
measure() {
  local name=$1 bin=$2 port=$3 data="$work/$1-data"
  "$bin" serve --data-dir "$data" --listen "127.0.0.1:$port" >"$work/$name.out" 2>"$work/$name.err" &
  server_pid=$!
  until grep -q "listening on" "$work/$name.err" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || step_failed "$work/$name.err" "$bin" serve
    sleep 0.2
  done
  local token socket_dir
  token=$("$bin" token add --username admin --data-dir "$data")
  socket_dir=$(awk -F"'" '/unix_socket_directories/ {print $2}' "$data/pg/postmaster.opts" 2>/dev/null || true)
  [[ -n "$socket_dir" ]] || socket_dir="$data/run"
  local psql_cmd=(psql -q "host=$socket_dir user=hindsight dbname=hindsight")
  echo "$name: seeding $count postmortems..." >&2
  "${psql_cmd[@]}" -v count="$count" -f tests/bench/seed_postmortems.sql >/dev/null
  if [[ ! -f "$work/matches" ]]; then
    for q in "${queries[@]}"; do
      "${psql_cmd[@]}" -At -c "SELECT '${q//+/ }: ' || round(100.0 * count(*) / $count) || '%'
        FROM postmortems WHERE search_vector @@ websearch_to_tsquery('english', '${q//+/ }')"
    done | paste -sd, - | sed 's/,/, /g' >"$work/matches"
  fi
  local q
  for q in "${queries[@]}"; do  # warm the buffers and prepare the statements
    curl -skf -o /dev/null -H "Authorization: Bearer $token" \
      "https://127.0.0.1:$port/api/v1/postmortems?q=$q"
  done

  echo "$name: /healthz with no load, ${duration} s..." >&2
  tests/bench/healthz_probe.py "$port" "$duration" >"$work/$name.idle"
  echo "$name: /healthz under $clients searching clients, ${duration} s..." >&2
  wrk -t2 -c"$clients" -d"${duration}s" --timeout 30s -H "Authorization: Bearer $token" \
    -s "$work/search.lua" "https://127.0.0.1:$port" >"$work/$name.wrk" &
  load_pid=$!
  sleep 1  # the probe covers the load's middle, not its start and end
  tests/bench/healthz_probe.py "$port" "$((duration - 2))" >"$work/$name.healthz"
  wait "$load_pid"
  load_pid=""
  tail -n 1 "$work/$name.wrk" >"$work/$name.search"

  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=""
}

measure baseline "$work/baseline/build/bin/hindsight" 18451
measure current build/bin/hindsight 18452

field() { awk -v i="$2" '{print $i}' "$work/$1"; }
row() { printf '%-32s %22s %22s\n' "$@"; }
echo
echo "/healthz every 20 ms while $clients clients (wrk -t2 -c$clients) search $count postmortems for"
echo "${duration} s; queries and the share of postmortems each matches: $(cat "$work/matches")"
row "" "baseline $baseline_commit" "current $current_label"
row "/healthz p99, no load" "$(field baseline.idle 3) ms" "$(field current.idle 3) ms"
for metric in "p50:2" "p99:3" "max:4"; do
  row "/healthz ${metric%:*} under load" "$(field baseline.healthz "${metric#*:}") ms" \
    "$(field current.healthz "${metric#*:}") ms"
done
row "/healthz samples under load" "$(field baseline.healthz 1)" "$(field current.healthz 1)"
row "searches completed" "$(field baseline.search 1)" "$(field current.search 1)"
row "search errors" "$(field baseline.search 2)" "$(field current.search 2)"
row "search p50" "$(field baseline.search 3) ms" "$(field current.search 3) ms"
row "search p99" "$(field baseline.search 4) ms" "$(field current.search 4) ms"
echo "reference (an earlier measurement, synchronous handlers): /healthz p99 237 ms under the same load"
