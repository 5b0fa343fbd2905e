#!/usr/bin/env bash
# Ingestion speed, framescope next to Xapian's own indexers, in the same run:
#
#   bench/index_bench.sh [RUNS]     # default 3 runs; prints each run, then the medians
#
# 1. HTML: the 91 pages of extraction/dev, gunzipped and copied COPIES times (default 10: 910
#    files with distinct names, one flat folder). framescope: `init` a fresh study, then
#    `import FOLDER` + `index` (extraction, language identification, near-duplicate clustering and
#    frame classification are always on). omindex (xapian-omega): `omindex --db DB --url / FOLDER`
#    into a fresh database. Pages/s = input files / wall seconds.
# 2. Records: DOCS (default 50,000) documents from bench/gen_jsonl.cc (seed 1). framescope:
#    `import docs.jsonl` + `index` into a fresh study. scriptindex (xapian-omega):
#    `scriptindex --overwrite DB bench/scriptindex_docs.script docs.dump`, the same records in its
#    dump format. Documents/s = records / wall seconds; peak RSS from /usr/bin/time -v.
# Each tool runs under /usr/bin/time -v; framescope first in odd runs, the peer first in even
# runs. Input files are read once before the runs so that no tool meets a cold page cache.
#
# Environment: BUILD_DIR (default <repo>/build, configured already), BENCH_DATA (default
# /work/shared/bench), BENCH_OUT (scratch folder, default a fresh temp dir, kept), DOCS, COPIES,
# ONLY (html or records: run one part only).
set -euo pipefail

runs="${1:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
data="${BENCH_DATA:-/work/shared/bench}"
html_src="$data/extraction/dev/html"
out="${BENCH_OUT:-$(mktemp -d -t index_bench.XXXXXX)}"
docs="${DOCS:-50000}"
copies="${COPIES:-10}"
only="${ONLY:-}"
mkdir -p "$out"

for tool in omindex scriptindex xapian-delve; do
  command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install xapian-omega xapian-tools)" >&2; exit 1; }
done
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time (GNU time) is required" >&2; exit 1; }
[[ -d "$html_src" ]] || { echo "missing benchmark data: $html_src" >&2; exit 1; }
[[ -f "$build/CMakeCache.txt" ]] || { echo "no configured build in $build (set BUILD_DIR)" >&2; exit 1; }

cmake --build "$build" --target framescope -j2 >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
# A copy, so that a rebuild by someone else during the runs cannot change the binary measured.
mkdir -p "$out/bin"
cp -p "$build/cli/framescope" "$out/bin/framescope"
fs="$out/bin/framescope"
# The generator has no dependencies; it is compiled here so that the benchmark needs no CMake
# target of its own.
c++ -std=c++20 -O2 -o "$out/gen_jsonl" "$root/bench/gen_jsonl.cc"

# ---- inputs ----------------------------------------------------------------------------------
html="$out/html"
if [[ ! -f "$html/.complete" ]]; then
  rm -rf "$html" && mkdir -p "$html"
  for f in "$html_src"/*.html.gz; do
    name="$(basename "$f" .gz)"
    gunzip -c "$f" >"$html/c0-$name"
    for ((k = 1; k < copies; k++)); do cp "$html/c0-$name" "$html/c$k-$name"; done
  done
  touch "$html/.complete"
fi
pages="$(find "$html" -name '*.html' | wc -l)"
html_bytes="$(cat "$html"/*.html | wc -c)"
if [[ ! -f "$out/docs.$docs.complete" ]]; then
  "$out/gen_jsonl" --count "$docs" --seed 1 --jsonl "$out/docs.jsonl" --scriptindex "$out/docs.dump"
  touch "$out/docs.$docs.complete"
fi
cat "$html"/*.html "$out/docs.jsonl" "$out/docs.dump" >/dev/null

# ---- helpers ---------------------------------------------------------------------------------
# Runs "$@" under /usr/bin/time -v, stdout+stderr to $log, the time report to $log.time.
timed() {
  local log="$1"
  shift
  /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1 || {
    echo "failed: $* (see $log)" >&2
    tail -5 "$log" >&2
    exit 1
  }
}
# Seconds of wall clock in a /usr/bin/time -v report ("h:mm:ss" or "m:ss.ss").
wall_of() {
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$1"
}
cpu_of() { awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$1"; }
rss_mb_of() { awk -F': ' '/Maximum resident set size/ {printf "%.1f\n", $2 / 1024}' "$1"; }
sum() { awk '{s += $1} END {print s}'; }
max() { sort -g | tail -1; }
median() {
  sort -g | awk '{v[NR] = $1} END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.1f}" 'BEGIN {printf f "\n", (b > 0 ? a / b : 0)}'; }
load() { cut -d' ' -f1 /proc/loadavg; }
doccount() { xapian-delve "$1" | awk -F' = ' '/number of documents/ {print $2}'; }

# framescope: init + import INPUT + index into a fresh study; sets fs_wall, fs_cpu, fs_rss, fs_docs.
run_framescope() {
  local tag="$1" input="$2" s="$out/study-$1"
  rm -rf "$s"
  "$fs" init "$s" >/dev/null 2>&1
  timed "$out/$tag.import.log" "$fs" import --study "$s" "$input"
  timed "$out/$tag.index.log" "$fs" index --study "$s"
  fs_wall="$( (wall_of "$out/$tag.import.log.time"; wall_of "$out/$tag.index.log.time") | sum)"
  fs_cpu="$( (cpu_of "$out/$tag.import.log.time"; cpu_of "$out/$tag.index.log.time") | sum)"
  fs_rss="$( (rss_mb_of "$out/$tag.import.log.time"; rss_mb_of "$out/$tag.index.log.time") | max)"
  fs_import="$(wall_of "$out/$tag.import.log.time")"
  fs_docs="$(doccount "$s/index")"
  fs_bytes="$(du -sb "$s/index" | cut -f1)"
}
# A Xapian peer into a fresh database; sets px_wall, px_cpu, px_rss, px_docs.
run_peer() {
  local tag="$1" db="$out/db-$1"
  shift
  rm -rf "$db"
  local args=("$@")
  args=("${args[@]//@DB@/$db}")
  timed "$out/$tag.log" "${args[@]}"
  px_wall="$(wall_of "$out/$tag.log.time")"
  px_cpu="$(cpu_of "$out/$tag.log.time")"
  px_rss="$(rss_mb_of "$out/$tag.log.time")"
  px_docs="$(doccount "$db")"
  px_bytes="$(du -sb "$db" | cut -f1)"
}

cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
fs_built="$(date -u -r "$fs" +%Y-%m-%dT%H:%MZ)"
echo "framescope index benchmark: $(date -u +%Y-%m-%dT%H:%MZ), nproc $(nproc), $cpu_model; framescope binary built $fs_built"
echo "$(omindex --version | head -1); $(scriptindex --version | head -1); runs $runs; scratch $out"

# ---- 1. HTML -----------------------------------------------------------------------------------
if [[ -z "$only" || "$only" == html ]]; then
  echo
  echo "HTML: $pages files ($((html_bytes / 1024 / 1024)) MB), $copies copies of $html_src"
  printf '%-4s %-11s %8s %8s %8s %8s %7s %9s %6s\n' run tool wall_s pages/s cpu_s rss_MB docs index_MB load
  declare -a h_fs h_px h_ratio h_fs_cpu h_px_cpu h_fs_rss h_px_rss
  for ((r = 1; r <= runs; r++)); do
    order=(fs px)
    ((r % 2 == 0)) && order=(px fs)
    for who in "${order[@]}"; do
      l="$(load)"
      if [[ $who == fs ]]; then
        run_framescope "html-$r" "$html"
        printf '%-4s %-11s %8.2f %8.1f %8.2f %8.1f %7s %9.1f %6s\n' "$r" framescope "$fs_wall" \
          "$(div "$pages" "$fs_wall")" "$fs_cpu" "$fs_rss" "$fs_docs" \
          "$(div "$fs_bytes" 1048576)" "$l"
        echo "     (import $fs_import s; $(grep -o 'index: [0-9]* documents indexed.*' "$out/html-$r.index.log" | head -1))"
      else
        run_peer "omindex-$r" omindex --db @DB@ --url / "$html"
        printf '%-4s %-11s %8.2f %8.1f %8.2f %8.1f %7s %9.1f %6s\n' "$r" omindex "$px_wall" \
          "$(div "$pages" "$px_wall")" "$px_cpu" "$px_rss" "$px_docs" \
          "$(div "$px_bytes" 1048576)" "$l"
      fi
    done
    h_fs+=("$(div "$pages" "$fs_wall" %.2f)")
    h_px+=("$(div "$pages" "$px_wall" %.2f)")
    h_ratio+=("$(div "$px_wall" "$fs_wall" %.3f)")
    h_fs_cpu+=("$fs_cpu")
    h_px_cpu+=("$px_cpu")
    h_fs_rss+=("$fs_rss")
    h_px_rss+=("$px_rss")
    echo "     run $r: framescope / omindex = $(div "$px_wall" "$fs_wall" %.2f)x pages/s," \
      "$(div "$px_cpu" "$fs_cpu" %.2f)x pages per CPU second"
  done
  echo "HTML medians: framescope $(printf '%s\n' "${h_fs[@]}" | median) pages/s," \
    "omindex $(printf '%s\n' "${h_px[@]}" | median) pages/s," \
    "ratio $(printf '%s\n' "${h_ratio[@]}" | median)x (goal >= 2x);" \
    "CPU s $(printf '%s\n' "${h_fs_cpu[@]}" | median) vs $(printf '%s\n' "${h_px_cpu[@]}" | median);" \
    "peak RSS MB $(printf '%s\n' "${h_fs_rss[@]}" | median) vs $(printf '%s\n' "${h_px_rss[@]}" | median)"
fi

# ---- 2. Records --------------------------------------------------------------------------------
if [[ -z "$only" || "$only" == records ]]; then
  echo
  echo "Records: $docs generated documents ($(($(wc -c <"$out/docs.jsonl") / 1024 / 1024)) MB JSONL," \
    "$(($(wc -c <"$out/docs.dump") / 1024 / 1024)) MB scriptindex dump)"
  printf '%-4s %-11s %8s %8s %8s %8s %7s %9s %6s\n' run tool wall_s docs/s cpu_s rss_MB docs index_MB load
  declare -a j_fs j_px j_ratio j_fs_cpu j_px_cpu j_fs_rss j_px_rss
  for ((r = 1; r <= runs; r++)); do
    order=(fs px)
    ((r % 2 == 0)) && order=(px fs)
    for who in "${order[@]}"; do
      l="$(load)"
      if [[ $who == fs ]]; then
        run_framescope "jsonl-$r" "$out/docs.jsonl"
        printf '%-4s %-11s %8.2f %8.1f %8.2f %8.1f %7s %9.1f %6s\n' "$r" framescope "$fs_wall" \
          "$(div "$docs" "$fs_wall")" "$fs_cpu" "$fs_rss" "$fs_docs" \
          "$(div "$fs_bytes" 1048576)" "$l"
        echo "     (import $fs_import s; $(grep -o 'index: [0-9]* documents indexed.*' "$out/jsonl-$r.index.log" | head -1))"
      else
        run_peer "scriptindex-$r" scriptindex --overwrite @DB@ "$root/bench/scriptindex_docs.script" \
          "$out/docs.dump"
        printf '%-4s %-11s %8.2f %8.1f %8.2f %8.1f %7s %9.1f %6s\n' "$r" scriptindex "$px_wall" \
          "$(div "$docs" "$px_wall")" "$px_cpu" "$px_rss" "$px_docs" \
          "$(div "$px_bytes" 1048576)" "$l"
      fi
    done
    j_fs+=("$(div "$docs" "$fs_wall" %.2f)")
    j_px+=("$(div "$docs" "$px_wall" %.2f)")
    j_ratio+=("$(div "$px_wall" "$fs_wall" %.3f)")
    j_fs_cpu+=("$fs_cpu")
    j_px_cpu+=("$px_cpu")
    j_fs_rss+=("$fs_rss")
    j_px_rss+=("$px_rss")
    echo "     run $r: framescope / scriptindex = $(div "$px_wall" "$fs_wall" %.2f)x docs/s," \
      "$(div "$px_cpu" "$fs_cpu" %.2f)x docs per CPU second"
  done
  echo "Records medians: framescope $(printf '%s\n' "${j_fs[@]}" | median) docs/s," \
    "scriptindex $(printf '%s\n' "${j_px[@]}" | median) docs/s," \
    "ratio $(printf '%s\n' "${j_ratio[@]}" | median)x (goal >= 1x);" \
    "CPU s $(printf '%s\n' "${j_fs_cpu[@]}" | median) vs $(printf '%s\n' "${j_px_cpu[@]}" | median);" \
    "peak RSS MB $(printf '%s\n' "${j_fs_rss[@]}" | median) vs $(printf '%s\n' "${j_px_rss[@]}" | median)" \
    "(goal < 1024)"
fi
