// Runs Readability.js (with jsdom) over the extraction benchmark's pages, one page after the
// other in this one process, and writes what it extracted so `extract_eval score` can grade it
// with the same implementation of the metric that grades framescope.
//
//   node readability_extract.mjs HTML_DIR OUT.jsonl [GROUND_TRUTH.json] [--warmup N]
//
// HTML_DIR holds <id>.html.gz. With GROUND_TRUTH.json ({id: {url, ...}}) each page gets its own
// URL as the document URL (framescope is given the same URL); without it a placeholder is used.
// OUT.jsonl receives one {"id", "text", "ms", "dom_ms"} line per page; text is Readability's
// textContent (what the article-extraction-benchmark scores for Readability.js; "" when it finds
// no article), ms the time of the JSDOM parse plus Readability's parse(), dom_ms the JSDOM part.
// --warmup N extracts the first N pages once, untimed, before the timed pass, so the figure is
// not dominated by V8 compiling jsdom on the first page. Reading and gunzipping the file and
// writing the output are not timed. Prints one summary line. The process runs one page at a time;
// the caller pins it to a core (bench/extract_bench.sh uses taskset), which also keeps V8's
// background compiler and GC threads on that core.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gunzipSync } from "node:zlib";

import { Readability } from "@mozilla/readability";
import { JSDOM, VirtualConsole } from "jsdom";

const args = process.argv.slice(2);
let warmup = 0;
const warmupAt = args.indexOf("--warmup");
if (warmupAt >= 0) {
  warmup = Number.parseInt(args[warmupAt + 1], 10);
  args.splice(warmupAt, 2);
}
const [htmlDir, outPath, truthPath] = args;
if (!htmlDir || !outPath || !(warmup >= 0)) {
  console.error(
    "usage: node readability_extract.mjs HTML_DIR OUT.jsonl [GROUND_TRUTH.json] [--warmup N]",
  );
  process.exit(2);
}
const truth = truthPath ? JSON.parse(readFileSync(truthPath, "utf8")) : {};
const suffix = ".html.gz";
const ids = readdirSync(htmlDir)
  .filter((f) => f.endsWith(suffix))
  .map((f) => f.slice(0, -suffix.length))
  .sort();

// A fresh VirtualConsole forwards nothing, so jsdom's CSS parse complaints stay off stdout.
const quiet = new VirtualConsole();

function load(id) {
  return gunzipSync(readFileSync(join(htmlDir, id + suffix))).toString("utf8");
}

function extract(html, url) {
  let text = "";
  let dom = null;
  let domMs = 0;
  const t0 = performance.now();
  try {
    dom = new JSDOM(html, { url, virtualConsole: quiet });
    domMs = performance.now() - t0;
    const article = new Readability(dom.window.document).parse();
    text = article?.textContent ?? "";
  } catch {
    text = "";
  }
  const ms = performance.now() - t0;
  dom?.window.close();
  return { text, ms, domMs: domMs || ms };
}

const round = (x) => Math.round(x * 1000) / 1000;
const urlOf = (id) => truth[id]?.url || "https://example.invalid/";
for (const id of ids.slice(0, warmup)) extract(load(id), urlOf(id));

const lines = [];
let totalMs = 0;
let totalDomMs = 0;
let failed = 0;
for (const id of ids) {
  const { text, ms, domMs } = extract(load(id), urlOf(id));
  if (!text) ++failed;
  totalMs += ms;
  totalDomMs += domMs;
  lines.push(JSON.stringify({ id, text, ms: round(ms), dom_ms: round(domMs) }));
}
writeFileSync(outPath, lines.join("\n") + (lines.length ? "\n" : ""));
const perPage = (x) => (ids.length ? x / ids.length : 0).toFixed(2);
console.log(
  `readability.js pages ${ids.length}  no article ${failed}  ` +
    `${(ids.length / (totalMs / 1000)).toFixed(1)} pages/s  ` +
    `(ms per page: jsdom parse ${perPage(totalDomMs)}, ` +
    `readability ${perPage(totalMs - totalDomMs)}, total ${perPage(totalMs)}; ` +
    `warm-up pages ${warmup})`,
);
