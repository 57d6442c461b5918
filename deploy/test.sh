#!/usr/bin/env bash
# Runs every test: installs what is missing (Debian packages, and the npm packages of the
# interop tests' node peer), builds with AddressSanitizer and UBSan, and runs the suite through
# ctest (one throw-away PostgreSQL for the whole run), including the anonymizer fuzz run and its
# targets on ../shared/anonymizer-corpus. Non-zero on failure. The build's output goes to
# build/logs/ (shown in full if it fails); ctest's is shown.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/steps.sh

deploy/install-deps.sh

# The interop tests' npm packages, as tests/interop/package-lock.json pins them. npm ci runs
# again only when the lock file changed since the last install.
interop=tests/interop
if ! cmp -s "$interop/package-lock.json" "$interop/node_modules/.installed-package-lock.json"; then
  echo "installing the interop tests' npm packages (npm ci; output in build/logs/npm-ci.log)" >&2
  quietly build/logs/npm-ci.log npm ci --prefix "$interop" --ignore-scripts --no-audit --no-fund
  cp "$interop/package-lock.json" "$interop/node_modules/.installed-package-lock.json"
fi

build_dir=build/sanitize
echo "building the tests (sanitized; output in build/logs/test-build.log)" >&2
quietly build/logs/test-configure.log \
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DHINDSIGHT_SANITIZE=ON
build_quietly build/logs/test-build.log cmake --build "$build_dir"

# Leaks in libpq/OpenSSL's process-lifetime caches are not ours to fix; real leaks still fail.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 300 "$@"
