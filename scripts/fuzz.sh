#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 20) on a seed corpus
# made from the test fixtures and the demo site. Findings are written to build-fuzz/findings/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(robots feeds warc extract html_tree)
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFRAMESCOPE_FUZZ=ON -DFRAMESCOPE_MODULES="corpus;crawler" -DFRAMESCOPE_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]/%/_fuzz}"
site=data/demo-site/www
mkdir -p build-fuzz/findings
for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t
  mkdir -p "$corpus"
  case $t in
    robots) find "$site" -name robots.txt | head -20 | xargs -I{} cp {} "$corpus/" 2>/dev/null || true ;;
    feeds) find "$site" -name '*.xml' -o -name '*.rdf' | head -40 | xargs -I{} cp {} "$corpus/" 2>/dev/null || true ;;
    warc) cp tests/fuzz/seeds/warc/* tests/fuzz/regressions/*.warc "$corpus/" ;;
    extract | html_tree) find "$site" -name '*.htm*' | head -40 | xargs -I{} cp {} "$corpus/" 2>/dev/null || true ;;
  esac
  echo "== fuzz $t for ${seconds}s =="
  ASAN_OPTIONS=detect_leaks=0 ./build-fuzz/tests/fuzz/${t}_fuzz "$corpus" -max_total_time="$seconds" \
    -max_len=262144 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/findings/${t}- \
    -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|ERROR|SUMMARY)" || true
  if ls build-fuzz/findings/${t}-* >/dev/null 2>&1; then echo "fuzz $t: FINDINGS in build-fuzz/findings"; exit 1; fi
done
