# shellcheck shell=bash
# Sourced by the deploy scripts. A long step writes its output to a log file and the terminal
# shows one line for it; a step that fails shows its whole log and stops the script.

# quietly LOG COMMAND...: runs COMMAND with all its output in LOG.
quietly() {
  local log=$1
  shift
  mkdir -p "$(dirname "$log")"
  if ! "$@" >"$log" 2>&1; then
    step_failed "$log" "$@"
  fi
}

# build_quietly LOG COMMAND...: like quietly, keeping Ninja's "[done/total]" count on one line
# when stderr is a terminal.
build_quietly() {
  local log=$1
  shift
  mkdir -p "$(dirname "$log")"
  : >"$log"
  if ! "$@" 2>&1 | show_progress "$log"; then
    end_progress_line
    step_failed "$log" "$@"
  fi
  end_progress_line
}

show_progress() {
  local line
  while IFS= read -r line || [[ -n $line ]]; do
    printf '%s\n' "$line" >>"$1"
    if [[ -t 2 && $line =~ ^\[([0-9]+)/([0-9]+)\] ]]; then
      printf '\r  %s of %s build steps done' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" >&2
    fi
  done
}

end_progress_line() {
  if [[ -t 2 ]]; then printf '\n' >&2; fi
}

# npm_install DIR LOG: `npm ci` in DIR from its committed package-lock.json, run again only when
# the lock file changed since the last install. Install scripts stay off: nothing here needs one.
npm_install() {
  local dir=$1 log=$2
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-package-lock.json"; then
    echo "installing the npm packages of $dir (npm ci; output in $log)" >&2
    quietly "$log" npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund
    cp "$dir/package-lock.json" "$dir/node_modules/.installed-package-lock.json"
  fi
}

# build_frontend: the web frontend into frontend/dist (API types generated from
# server/api/openapi.json, type-checked, bundled by Vite), which `hindsight serve` serves.
build_frontend() {
  npm_install frontend build/logs/npm-ci-frontend.log
  echo "building the web frontend (output in build/logs/frontend-build.log)" >&2
  quietly build/logs/frontend-build.log npm run --prefix frontend build
}

step_failed() {
  local log=$1
  shift
  echo "failed: $* (its output follows; it is also in $log)" >&2
  cat "$log" >&2
  exit 1
}
