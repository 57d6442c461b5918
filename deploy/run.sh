#!/usr/bin/env bash
# Quick start: installs what is missing, builds a Release binary and the web frontend, and runs
# `hindsight serve` on the embedded PostgreSQL, serving the frontend at /. Defaults are set
# through the environment, so yours win.
# Ctrl-C stops the server cleanly (in-flight requests finish, the database is stopped).
# Build output goes to build/logs/ and is shown in full only when a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/steps.sh

deploy/install-deps.sh

echo "building hindsight (Release; output in build/logs/run-build.log)" >&2
quietly build/logs/run-configure.log \
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DHINDSIGHT_SANITIZE=OFF -DHINDSIGHT_TESTS=OFF
build_quietly build/logs/run-build.log cmake --build build --target hindsight

build_frontend

if [[ $(id -u) -eq 0 ]]; then
  : "${HINDSIGHT_DATA_DIR:=/var/lib/hindsight}"
else
  : "${HINDSIGHT_DATA_DIR:=$PWD/var}"
fi
: "${HINDSIGHT_LISTEN:=127.0.0.1:8443}"
export HINDSIGHT_DATA_DIR HINDSIGHT_LISTEN
: "${HINDSIGHT_STATIC_DIR:=$PWD/frontend/dist}"
export HINDSIGHT_STATIC_DIR

echo "data directory: $HINDSIGHT_DATA_DIR" >&2
exec build/bin/hindsight serve
