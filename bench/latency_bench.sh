#!/usr/bin/env bash
# Latency as a user sees it: the wall time of whole `framescope` processes (start, open the index,
# answer, print, exit) at several corpus sizes.
#
#   bench/latency_bench.sh [ROUNDS]     # default 5 timed rounds of every query
#
# For each size in SIZES (default "10000 50000 200000"): a study holding the first SIZE documents
# of bench/gen_jsonl.cc's corpus (seed 1; the first N documents of a larger run are the documents
# of a run of N), built with `init` + `import` + `index` (timed once, for information). Then:
#   - startup: `framescope --version`, 20 times (process start-up alone);
#   - search: the 20 queries below (words in six languages, phrases, boolean operators, NEAR, a
#     wildcard, field filters, a date range), each `framescope search Q --study S --format json
#     --limit 10` to /dev/null; one untimed warm-up pass, then ROUNDS passes over all queries;
#     p50 / p90 / max over the ROUNDS x 20 timings;
#   - trend: `framescope trend --study S --by year --group type --format csv` over every document,
#     one warm-up, then ROUNDS runs (median), plus one run under /usr/bin/time -v for peak RSS.
# Times come from bash's EPOCHREALTIME around each process, so no extra process is timed; the CPU
# time (user + system) of each process comes from bash's `times` (10 ms resolution). On a shared,
# loaded machine the wall time includes waiting for a core, which the CPU time does not.
#
# Environment: BUILD_DIR (default <repo>/build, configured already), BENCH_OUT (scratch folder;
# studies are kept there and reused by the next run with the same BENCH_OUT; default a fresh temp
# dir), SIZES.
set -euo pipefail

rounds="${1:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
out="${BENCH_OUT:-$(mktemp -d -t latency_bench.XXXXXX)}"
read -r -a sizes <<<"${SIZES:-10000 50000 200000}"
mkdir -p "$out"

[[ -x /usr/bin/time ]] || { echo "/usr/bin/time (GNU time) is required" >&2; exit 1; }
[[ -f "$build/CMakeCache.txt" ]] || { echo "no configured build in $build (set BUILD_DIR)" >&2; exit 1; }
cmake --build "$build" --target framescope -j2 >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
# A copy, so that a rebuild by someone else during the runs cannot change the binary measured.
mkdir -p "$out/bin"
cp -p "$build/cli/framescope" "$out/bin/framescope"
fs="$out/bin/framescope"
c++ -std=c++20 -O2 -o "$out/gen_jsonl" "$root/bench/gen_jsonl.cc"

queries=(
  'election'
  'Wahl'
  'inflation prices'
  '"of the"'
  'refugees OR asylum'
  'vaccine NOT pandemic'
  'title:election'
  'lang:de Krieg'
  'outlet:"The Daily Ledger" economy'
  'type:state_media sanctions'
  'date:2018..2019 election'
  'surveil*'
  '选举'
  '疫苗 医院'
  'выборы'
  'élection OR elecciones'
  'energy NEAR gas'
  'country:de Energie'
  '"carbon emissions"'
  'year:2020 lang:es'
)

# CPU seconds (user + system) used by the finished children of this shell, from bash's `times`
# written to a file (in a command substitution it would report the subshell's children instead).
cpu_file="$out/.times.$$"
child_cpu() {
  awk 'NR == 2 {s = 0; for (i = 1; i <= 2; i++) {split($i, p, /[ms]/); s += p[1] * 60 + p[2]}
    print s}' "$1"
}
# Milliseconds taken by "$@" (stdout and stderr discarded); exits the script if it fails. Prints
# the wall time, and the CPU time (user + system) of the process on fd 3 when FD3 is set.
time_ms() {
  times >"$cpu_file.0"
  local t0="$EPOCHREALTIME"
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  local t1="$EPOCHREALTIME"
  times >"$cpu_file.1"
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f\n", (b - a) * 1000}'
  if [[ -n "${FD3:-}" ]]; then
    awk -v a="$(child_cpu "$cpu_file.0")" -v b="$(child_cpu "$cpu_file.1")" \
      'BEGIN {printf "%.0f\n", (b - a) * 1000}' >&3
  fi
  return 0
}
# Percentile P (0-100, nearest rank) of the numbers on stdin.
pct() {
  sort -g | awk -v p="$1" '{v[NR] = $1} END {k = int((p / 100) * NR + 0.999999); if (k < 1) k = 1;
    print v[k]}'
}
median() {
  sort -g | awk '{v[NR] = $1} END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
wall_of() {
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$1"
}
rss_mb_of() { awk -F': ' '/Maximum resident set size/ {printf "%.1f\n", $2 / 1024}' "$1"; }

max_size=0
for n in "${sizes[@]}"; do ((n > max_size)) && max_size=$n; done
if [[ ! -f "$out/corpus.$max_size.complete" ]]; then
  "$out/gen_jsonl" --count "$max_size" --seed 1 --jsonl "$out/corpus.jsonl"
  touch "$out/corpus.$max_size.complete"
fi

cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
fs_built="$(date -u -r "$fs" +%Y-%m-%dT%H:%MZ)"
echo "framescope latency benchmark: $(date -u +%Y-%m-%dT%H:%MZ), nproc $(nproc), $cpu_model; framescope binary built $fs_built"
echo "sizes ${sizes[*]}; $rounds rounds x ${#queries[@]} queries; scratch $out"

declare -A s_p50 s_p90 s_max s_cpu t_med t_cpu t_rss b_p50
for n in "${sizes[@]}"; do
  s="$out/study-$n"
  if [[ ! -f "$s/.complete" ]]; then
    rm -rf "$s"
    head -n "$n" "$out/corpus.jsonl" >"$out/docs-$n.jsonl"
    "$fs" init "$s" >/dev/null 2>&1
    /usr/bin/time -v -o "$out/import-$n.time" "$fs" import --study "$s" "$out/docs-$n.jsonl" \
      >"$out/import-$n.log" 2>&1
    /usr/bin/time -v -o "$out/index-$n.time" "$fs" index --study "$s" >"$out/index-$n.log" 2>&1
    rm -f "$out/docs-$n.jsonl"
    touch "$s/.complete"
  fi
  echo
  echo "== $n documents: built by import $(wall_of "$out/import-$n.time") s + index" \
    "$(wall_of "$out/index-$n.time") s (peak RSS $(rss_mb_of "$out/index-$n.time") MB);" \
    "index $(du -sm "$s/index" | cut -f1) MB; load $(cut -d' ' -f1-3 /proc/loadavg)"

  for ((i = 0; i < 20; i++)); do time_ms "$fs" --version; done >"$out/startup-$n.ms"
  b_p50[$n]="$(pct 50 <"$out/startup-$n.ms")"

  for q in "${queries[@]}"; do "$fs" search "$q" --study "$s" --format json --limit 10 >/dev/null; done
  : >"$out/search-$n.ms"
  : >"$out/search-$n.cpu"
  declare -A per_query=()
  for ((r = 1; r <= rounds; r++)); do
    for i in "${!queries[@]}"; do
      ms="$(FD3=1 time_ms "$fs" search "${queries[$i]}" --study "$s" --format json --limit 10 \
        3>>"$out/search-$n.cpu")"
      echo "$ms" >>"$out/search-$n.ms"
      per_query[$i]+="$ms "
    done
  done
  printf '  %-36s %9s %10s\n' query hits "median ms"
  for i in "${!queries[@]}"; do
    hits="$("$fs" search "${queries[$i]}" --study "$s" --format json --limit 1 |
      awk -F': *' '/^  "total"/ {gsub(/[ ,]/, "", $2); print $2}')"
    printf '  %-36s %9s %10s\n' "${queries[$i]}" "$hits" \
      "$(tr ' ' '\n' <<<"${per_query[$i]}" | grep . | median)"
  done
  unset per_query
  s_p50[$n]="$(pct 50 <"$out/search-$n.ms")"
  s_p90[$n]="$(pct 90 <"$out/search-$n.ms")"
  s_max[$n]="$(pct 100 <"$out/search-$n.ms")"
  # The tick-based CPU times are 0 or 10 ms for most searches: their mean is the useful figure.
  s_cpu[$n]="$(awk '{s += $1} END {printf "%.1f\n", NR ? s / NR : 0}' "$out/search-$n.cpu")"
  echo "  search: p50 ${s_p50[$n]} ms, p90 ${s_p90[$n]} ms, max ${s_max[$n]} ms" \
    "($((rounds * ${#queries[@]})) processes); mean CPU ${s_cpu[$n]} ms (10 ms ticks);" \
    "startup alone (--version) p50 ${b_p50[$n]} ms"

  trend=("$fs" trend --study "$s" --by year --group type --format csv)
  "${trend[@]}" >"$out/trend-$n.csv" 2>/dev/null
  : >"$out/trend-$n.cpu"
  for ((r = 1; r <= rounds; r++)); do FD3=1 time_ms "${trend[@]}" 3>>"$out/trend-$n.cpu"; done \
    >"$out/trend-$n.ms"
  /usr/bin/time -v -o "$out/trend-$n.time" "${trend[@]}" >/dev/null 2>&1
  t_med[$n]="$(median <"$out/trend-$n.ms")"
  t_cpu[$n]="$(median <"$out/trend-$n.cpu")"
  t_rss[$n]="$(rss_mb_of "$out/trend-$n.time")"
  echo "  trend --by year --group type: median ${t_med[$n]} ms (runs: $(tr '\n' ' ' <"$out/trend-$n.ms"))," \
    "CPU median ${t_cpu[$n]} ms," \
    "peak RSS ${t_rss[$n]} MB; $(($(wc -l <"$out/trend-$n.csv") - 1)) rows"
done

echo
echo "Summary (ms; whole process)"
printf '%-9s %9s %9s %9s %9s %9s %12s %9s %10s\n' docs startup search_p50 search_p90 search_max \
  cpu_mean trend_median trend_cpu trend_MB
for n in "${sizes[@]}"; do
  printf '%-9s %9s %9s %9s %9s %9s %12s %9s %10s\n' "$n" "${b_p50[$n]}" "${s_p50[$n]}" \
    "${s_p90[$n]}" "${s_max[$n]}" "${s_cpu[$n]}" "${t_med[$n]}" "${t_cpu[$n]}" "${t_rss[$n]}"
done
prev=""
for n in "${sizes[@]}"; do
  if [[ -n "$prev" ]]; then
    awk -v a="$prev" -v b="$n" -v s0="${s_p50[$prev]}" -v s1="${s_p50[$n]}" -v t0="${t_med[$prev]}" \
      -v t1="${t_med[$n]}" 'BEGIN {printf "%s -> %s documents (x%.1f): search p50 x%.2f, trend x%.2f\n",
      a, b, b / a, s1 / s0, t1 / t0}'
  fi
  prev="$n"
done
