#!/usr/bin/env bash
# Runs `framescope demo` and prints its per-stage timings (crawl, index, trend, search, report),
# the first measurement docs/BENCHMARKS.md records. Usage: bench/demo_stages.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
study=$(mktemp -d)/demo
/usr/bin/time -v "$build/cli/framescope" demo --study "$study" > "$study.out" 2> "$study.time"
sed -n '/== Timings ==/,/total/p' "$study.out"
grep -E "Maximum resident|Elapsed \(wall" "$study.time"
grep -E "^index:|^crawl:" "$study.out" "$study.time" || true
rm -rf "$(dirname "$study")"
