#!/usr/bin/env bash
# Extraction speed and quality, framescope next to Readability.js, in one run on one core.
#
#   bench/extract_bench.sh [RUNS]          # default 3 runs; prints each run, then the medians
#
# Each run, both pinned to the same core with taskset, one page at a time:
#   1. framescope's extractor over the extraction dev pages (extract_eval body --split):
#      pages/s, P/R/F1 on all pages and on each fixed half (tune: ids 0-7..., check: ids 8-f...,
#      see bench/extract_eval.cc), and the time split decode / parse / rest;
#   2. Readability.js (jsdom + @mozilla/readability, versions pinned in
#      bench/peers/package-lock.json) over the same pages, its output graded by
#      `extract_eval score` (the same metric code);
#   3. the speed ratio framescope / Readability.js;
#   4. framescope's exact-day date accuracy on the dates dev pages.
# Both sides get one untimed warm-up page; page reading and gunzipping are never timed.
#
# Environment: BUILD_DIR (default <repo>/build, must be configured already), BENCH_CPU (default 0),
# BENCH_DATA (default /work/shared/bench), BENCH_OUT (scratch folder, default a fresh temp dir).
set -euo pipefail

runs="${1:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
cpu="${BENCH_CPU:-0}"
data="${BENCH_DATA:-/work/shared/bench}"
truth="$data/extraction/dev/ground-truth.json"
html="$data/extraction/dev/html"
dates_truth="$data/dates/dev/truth.json"
dates_html="$data/dates/dev/html"
peers="$root/bench/peers"
out="${BENCH_OUT:-$(mktemp -d -t extract_bench.XXXXXX)}"
mkdir -p "$out"

for f in "$truth" "$html" "$dates_truth" "$dates_html"; do
  [[ -e "$f" ]] || { echo "missing benchmark data: $f" >&2; exit 1; }
done
command -v node >/dev/null || { echo "node is required for the Readability.js side" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset (util-linux) is required" >&2; exit 1; }
[[ -f "$build/CMakeCache.txt" ]] || {
  echo "no configured build in $build (set BUILD_DIR)" >&2
  exit 1
}

cmake --build "$build" --target extract_eval -j2 >"$out/build.log" 2>&1 || {
  cat "$out/build.log" >&2
  exit 1
}
eval_bin="$build/bench/extract_eval"

# Install the pinned peers when node_modules is missing or older than the lock file.
if [[ ! -f "$peers/node_modules/.package-lock.json" ||
      "$peers/package-lock.json" -nt "$peers/node_modules/.package-lock.json" ]]; then
  (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error)
fi
version_of() { node -p "require('$peers/node_modules/$1/package.json').version"; }
readability_version="$(version_of @mozilla/readability)"
jsdom_version="$(version_of jsdom)"

# Prints the field that follows (after) or precedes (before) the first word $2 on text $1, without
# parentheses, percent signs and commas.
after() {
  awk -v w="$2" '{for (i = 1; i < NF; i++) if ($i == w) {
    gsub(/[()%,]/, "", $(i + 1)); print $(i + 1); exit}}' <<<"$1"
}
before() {
  awk -v w="$2" '{for (i = 2; i <= NF; i++) if ($i == w) {
    gsub(/[()%,]/, "", $(i - 1)); print $(i - 1); exit}}' <<<"$1"
}
median() {
  sort -g | awk '{v[NR] = $1} END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
# Prints $1 / $2 with one decimal, 0 when $2 is 0.
ratio_of() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}'; }

echo "framescope vs Readability.js $readability_version" \
  "(jsdom $jsdom_version, node $(node --version))"
cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "cpu $cpu_model, pinned to core $cpu; $runs runs"
declare -a fs_pps fs_f1 fs_p fs_r fs_med rj_pps rj_f1 rj_p rj_r rj_med ratio med_ratio acc
declare -a sp_decode sp_parse sp_rest sp_total rj_dom rj_read tune_f1 check_f1
for ((run = 1; run <= runs; run++)); do
  echo "--- run $run"
  fs="$(taskset -c "$cpu" "$eval_bin" body "$truth" "$html" --split --warmup 1 \
        --predictions "$out/framescope.jsonl")"
  echo "$fs"
  rj_raw="$(taskset -c "$cpu" node "$peers/readability_extract.mjs" "$html" \
            "$out/readability.jsonl" "$truth" --warmup 1)"
  echo "$rj_raw"
  rj="$("$eval_bin" score "$truth" "$out/readability.jsonl" --label readability.js)"
  echo "$rj"
  dates="$(taskset -c "$cpu" "$eval_bin" dates "$dates_truth" "$dates_html" --warmup 1)"
  echo "$dates"

  fs_line="$(grep '^framescope pages' <<<"$fs")"
  split_line="$(grep '^framescope time split' <<<"$fs")"
  fs_pps+=("$(before "$fs_line" pages/s)")
  fs_p+=("$(after "$fs_line" precision)") fs_r+=("$(after "$fs_line" recall)")
  fs_f1+=("$(after "$fs_line" F1)") fs_med+=("$(after "$fs_line" median)")
  tune_line="$(grep '^framescope half tune' <<<"$fs")"
  check_line="$(grep '^framescope half check' <<<"$fs")"
  tune_f1+=("$(after "$tune_line" F1)") check_f1+=("$(after "$check_line" F1)")
  sp_decode+=("$(after "$split_line" decode)") sp_parse+=("$(after "$split_line" parse)")
  sp_rest+=("$(after "$split_line" rest)") sp_total+=("$(after "$split_line" total)")
  rj_pps+=("$(before "$rj" pages/s)")
  rj_p+=("$(after "$rj" precision)") rj_r+=("$(after "$rj" recall)")
  rj_f1+=("$(after "$rj" F1)") rj_med+=("$(after "$rj" median)")
  rj_dom+=("$(after "$rj_raw" parse)") rj_read+=("$(after "$rj_raw" readability)")
  acc+=("$(after "$dates" accuracy)")
  ratio+=("$(ratio_of "${fs_pps[-1]}" "${rj_pps[-1]}")")
  med_ratio+=("$(ratio_of "${rj_med[-1]}" "${fs_med[-1]}")")
  echo "ratio framescope / Readability.js: ${ratio[-1]}x pages/s, ${med_ratio[-1]}x median page"
done

m() { printf '%s\n' "$@" | median; }
echo "=== medians of $runs runs (core $cpu)"
printf '%-16s %10s %12s %7s %7s %7s\n' extractor pages/s "median ms" P R F1
printf '%-16s %10s %12s %7s %7s %7s\n' framescope "$(m "${fs_pps[@]}")" "$(m "${fs_med[@]}")" \
  "$(m "${fs_p[@]}")" "$(m "${fs_r[@]}")" "$(m "${fs_f1[@]}")"
printf '%-16s %10s %12s %7s %7s %7s\n' readability.js "$(m "${rj_pps[@]}")" "$(m "${rj_med[@]}")" \
  "$(m "${rj_p[@]}")" "$(m "${rj_r[@]}")" "$(m "${rj_f1[@]}")"
echo "framescope F1 by half: tune $(m "${tune_f1[@]}")  check $(m "${check_f1[@]}")"
echo "speed ratio framescope / Readability.js: $(m "${ratio[@]}")x pages/s (goal >= 30x)," \
  "$(m "${med_ratio[@]}")x median page"
echo "framescope ms per page: decode $(m "${sp_decode[@]}")" \
  " parse $(m "${sp_parse[@]}")" \
  " rest (metadata, scoring, text output, language, dates) $(m "${sp_rest[@]}")" \
  " total $(m "${sp_total[@]}")"
echo "readability.js ms per page: jsdom parse $(m "${rj_dom[@]}")  readability $(m "${rj_read[@]}")"
echo "framescope dates exact-day accuracy: $(m "${acc[@]}")"
echo "outputs in $out"
