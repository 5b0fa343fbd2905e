#!/usr/bin/env bash
# Crawl benchmark: framescope vs wget, in the same run, on the same generated loopback site.
#
#   bench/crawl_bench.sh            # BUILD_DIR=build RUNS=3 PAGES=5000 SITE_PORT=48080
#
# Builds nothing: needs $BUILD_DIR/bench/gen_site, $BUILD_DIR/bench/serve_static and
# $BUILD_DIR/cli/framescope (cmake --build build --target gen_site serve_static framescope).
#
# One site (gen_site, PAGES articles of 8-15 KB), one server (serve_static, the crawler's own
# LoopbackServer), then RUNS rounds; each round runs both crawlers one after the other (the order
# alternates between rounds), one connection each, politeness off, WARC writing on:
#   framescope crawl --seed http://bench.localhost:PORT/robots.txt --allow-private --delay 0
#                    --concurrency 1        (finds the articles through robots.txt Sitemap:)
#   wget --recursive --level=inf --warc-file ... http://127.0.0.1:PORT/
#                                           (finds them through the index and list pages; wget
#                                            cannot resolve *.localhost, so it gets 127.0.0.1,
#                                            which the site folder maps to the same files)
# Both run under /usr/bin/time -v. Article pages and HTTP responses are counted from each tool's
# own WARC file, the same way for both. Medians over the rounds are printed as a Markdown table.
# One extra framescope run with --concurrency 4 is reported for information only.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
RUNS=${RUNS:-3}
PAGES=${PAGES:-5000}
SITE_PORT=${SITE_PORT:-48080}
FRAMESCOPE=$BUILD_DIR/cli/framescope
for bin in "$BUILD_DIR/bench/gen_site" "$BUILD_DIR/bench/serve_static" "$FRAMESCOPE"; do
  [[ -x $bin ]] || { echo "crawl_bench: $bin missing; build it first" >&2; exit 2; }
done
command -v wget > /dev/null || { echo "crawl_bench: wget not found" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/crawl_bench.XXXXXX")
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2> /dev/null || true; wait "$server_pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$BUILD_DIR/bench/gen_site" "$work/site" --host bench.localhost --port "$SITE_PORT" --pages "$PAGES" >&2
ln -s bench.localhost "$work/site/127.0.0.1"
# Read the site once so that neither crawler pays for cold page-cache reads on the server side.
find "$work/site/bench.localhost" -type f -exec cat {} + > /dev/null

"$BUILD_DIR/bench/serve_static" "$work/site" --port "$SITE_PORT" --site-port "$SITE_PORT" \
  > "$work/port" 2> "$work/server.log" &
server_pid=$!
for _ in $(seq 50); do [[ -s $work/port ]] && break; sleep 0.1; done
port=$(head -1 "$work/port")
[[ -n $port ]] || { echo "crawl_bench: server did not start" >&2; exit 1; }
echo "site: $PAGES articles, server on 127.0.0.1:$port (pid $server_pid)" >&2

# Prints "<responses> <article responses>" for the WARC files given.
count_warc() {
  zcat "$@" | tr -d '\r' | awk '
    /^WARC\/1\.[01]$/ { inhdr = 1; resp = 0; uri = ""; next }
    inhdr && /^WARC-Type: response$/ { resp = 1 }
    inhdr && /^WARC-Target-URI: / { uri = $2 }
    inhdr && /^$/ { inhdr = 0; if (resp) { n++; if (uri ~ /\/news\//) a++ } }
    END { print n + 0, a + 0 }'
}

# Prints "<wall s> <user s> <sys s> <max RSS KB>" from a /usr/bin/time -v report.
parse_time() {
  awk -F': ' '
    /User time/ { u = $2 }
    /System time/ { s = $2 }
    /Maximum resident set size/ { r = $2 }
    /Elapsed \(wall clock\)/ {
      n = split($2, p, ":"); w = 0
      for (i = 1; i <= n; i++) w = w * 60 + p[i]
    }
    END { print w, u, s, r }' "$1"
}

results=$work/results.tsv
: > "$results"

run_framescope() {  # label concurrency
  local label=$1 conc=$2 dir=$work/fs-$1
  mkdir -p "$dir"
  "$FRAMESCOPE" init "$dir/study" > /dev/null
  /usr/bin/time -v -o "$dir/time" "$FRAMESCOPE" crawl --study "$dir/study" \
    --seed "http://bench.localhost:$port/robots.txt" --allow-private --delay 0 \
    --concurrency "$conc" > "$dir/out" 2> "$dir/err"
  grep -E '^crawl:' "$dir/err" >&2 || true
  local warcs=("$dir"/study/archive/*.warc.gz)
  echo "framescope-c$conc $label $(count_warc "${warcs[@]}") $(parse_time "$dir/time") $(cat "${warcs[@]}" | wc -c)" >> "$results"
  rm -rf "$dir"
}

run_wget() {  # label
  local label=$1 dir=$work/wget-$1
  mkdir -p "$dir/files"
  (cd "$dir/files" && /usr/bin/time -v -o "$dir/time" wget --recursive --level=inf --no-verbose \
    --no-directories --delete-after --warc-file="$dir/crawl" -o "$dir/log" \
    "http://127.0.0.1:$port/") || { echo "wget failed (see $dir/log)" >&2; tail "$dir/log" >&2; exit 1; }
  tail -1 "$dir/log" >&2
  echo "wget $label $(count_warc "$dir/crawl.warc.gz") $(parse_time "$dir/time") $(wc -c < "$dir/crawl.warc.gz")" >> "$results"
  rm -rf "$dir"
}

for r in $(seq "$RUNS"); do
  echo "round $r/$RUNS" >&2
  if ((r % 2)); then run_framescope "$r" 1; run_wget "$r"; else run_wget "$r"; run_framescope "$r" 1; fi
done
echo "information only: framescope --concurrency 4" >&2
run_framescope info 4

kill "$server_pid"; wait "$server_pid" 2> /dev/null || true; server_pid=""
grep -E 'requests served' "$work/server.log" >&2 || true

echo
echo "Per run (tool round responses articles wall_s user_s sys_s maxrss_kb warc_bytes):"
sed 's/^/    /' "$results"
echo
# Medians per tool over the rounds of each derived figure, then framescope/wget ratios.
awk -v runs="$RUNS" '
  function median(tool, key,    n, i, j, t, v) {
    n = cnt[tool]
    for (i = 1; i <= n; i++) v[i] = val[tool, key, i]
    for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  {
    tool = $1; k = ++cnt[tool]; order[tool] = order[tool] ? order[tool] : ++ntools; names[order[tool]] = tool
    cpu = $6 + $7
    val[tool, "articles", k] = $4; val[tool, "responses", k] = $3; val[tool, "wall", k] = $5
    val[tool, "pps", k] = $4 / $5; val[tool, "cpu", k] = cpu
    val[tool, "mspp", k] = 1000 * cpu / $4; val[tool, "rss", k] = $8 / 1024
    val[tool, "warc", k] = $9 / 1048576
  }
  END {
    print "| Tool | Runs | Article pages | HTTP responses | Wall s | Pages/s | User+sys CPU s | CPU ms/page | Peak RSS MB | WARC MB |"
    print "|---|---|---|---|---|---|---|---|---|---|"
    for (i = 1; i <= ntools; i++) {
      t = names[i]
      label = t == "framescope-c1" ? "framescope --concurrency 1" : t == "framescope-c4" ? "framescope --concurrency 4 (information only)" : "wget (one connection)"
      printf "| %s | %d | %d | %d | %.2f | %.0f | %.2f | %.3f | %.1f | %.1f |\n", label, cnt[t],
        median(t, "articles"), median(t, "responses"), median(t, "wall"), median(t, "pps"),
        median(t, "cpu"), median(t, "mspp"), median(t, "rss"), median(t, "warc")
    }
    if (cnt["framescope-c1"] && cnt["wget"]) {
      printf "\nframescope/wget (medians, equal concurrency): pages/s %.2fx, CPU ms/page %.2fx, peak RSS %.2fx, WARC bytes %.2fx\n",
        median("framescope-c1", "pps") / median("wget", "pps"),
        median("framescope-c1", "mspp") / median("wget", "mspp"),
        median("framescope-c1", "rss") / median("wget", "rss"),
        median("framescope-c1", "warc") / median("wget", "warc")
    }
  }' "$results"
