#!/usr/bin/env bash
# Installs the Debian 12 packages Hindsight needs to build, run and test, skipping what is
# already there. Needs root (or sudo) when something is missing. apt's output goes to
# build/logs/ and is shown only when it fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/deploy/steps.sh"

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-url1.81-dev
  libpqxx-dev postgresql
  libssl-dev openssl ca-certificates
  nlohmann-json3-dev libgtest-dev libgmock-dev
  libre2-dev libhyperscan-dev libpsl-dev libargon2-dev
  libtomlplusplus-dev libcli11-dev libfmt-dev
  clang-format clang libclang-rt-14-dev
  ruby-faker wamerican python3
  python3-hypothesis python3-jsonschema
)
# The web frontend is built with node (frontend/), and the interop tests run a node peer
# (tests/interop): Debian's nodejs and npm, unless a node is installed already (a node from
# elsewhere conflicts with Debian's npm package, so it is looked for on PATH, not with dpkg).
if ! command -v node >/dev/null; then
  packages+=(nodejs npm)
elif ! command -v npm >/dev/null; then
  packages+=(npm)
fi

# The browser tests drive Debian's chromium (tests/browser), unless one is installed already.
if ! command -v chromium >/dev/null; then
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} > 0)); then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  quietly "$root/build/logs/apt-update.log" "${sudo_cmd[@]}" apt-get update -q
  quietly "$root/build/logs/apt-install.log" "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
