#!/usr/bin/env bash
# Every test: install dependencies, build twice (warnings as errors; then AddressSanitizer +
# UndefinedBehaviorSanitizer) and run the whole suite, unit and end-to-end, in both builds.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
# Readers written by others, used to check our files (pinned by tests/interop/package-lock.json).
(cd tests/interop && npm ci --no-audit --no-fund --silent)

echo "== release build (-Werror) =="
./scripts/build.sh release
(cd build && ctest --output-on-failure -j "$jobs")

echo "== sanitizer build (ASan + UBSan) =="
./scripts/build.sh asan
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j "$jobs")
echo "== fuzz smoke (libFuzzer, 15 s per target) =="
./scripts/fuzz.sh 15

echo "all tests passed in both builds"
