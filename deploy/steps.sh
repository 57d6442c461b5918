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

step_failed() {
  local log=$1
  shift
  echo "failed: $* (its output follows; it is also in $log)" >&2
  cat "$log" >&2
  exit 1
}
