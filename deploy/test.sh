#!/usr/bin/env bash
# Runs every test: installs what is missing (Debian packages, and the npm packages of the
# interop tests' node peer and of the browser tests), builds the web frontend, builds with
# AddressSanitizer and UBSan, and runs the suite through ctest (one throw-away PostgreSQL for
# the whole run), including the anonymizer fuzz run and its targets on
# ../shared/anonymizer-corpus, and the browser tests in chromium. Non-zero on failure. The
# build's output goes to build/logs/ (shown in full if it fails); ctest's is shown.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/steps.sh

deploy/install-deps.sh

# The npm packages of the interop tests' node peer and of the browser tests, as their
# package-lock.json files pin them, and the web frontend the browser tests drive.
npm_install tests/interop build/logs/npm-ci.log
npm_install tests/browser build/logs/npm-ci-browser.log
build_frontend

build_dir=build/sanitize
echo "building the tests (sanitized; output in build/logs/test-build.log)" >&2
quietly build/logs/test-configure.log \
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DHINDSIGHT_SANITIZE=ON
build_quietly build/logs/test-build.log cmake --build "$build_dir"

# Leaks in libpq/OpenSSL's process-lifetime caches are not ours to fix; real leaks still fail.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 300 "$@"
