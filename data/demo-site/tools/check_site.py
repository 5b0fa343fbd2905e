#!/usr/bin/env python3
"""Check the generated demo site (run after build_site.py).

Usage:  python3 data/demo-site/tools/check_site.py [--out DIR]

Checks, for every outlet under www/: HTML pages decode in their declared charset and have
balanced, properly nested tags (html.parser); feeds and sitemaps parse with xml.etree;
every article of gold.jsonl is in its outlet's sitemap and exists on disk; the draft page is
in the sitemap and under a Disallow: path of robots.txt; internal links resolve; JSON-LD
parses; outlets meant to have no structured date have none; article pages are 5-40 KB.
Exit status 1 if any check fails.  Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_site import OUTLETS, PORT  # noqa: E402

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
NO_STRUCTURED_DATE = {"quotidienrhone", "ostasienforum", "bytesceptic", "zhiyanweekly"}
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IGNORED_PREFIXES = ("/img/", "/search", "/newsletter", "/comments/")


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple[int, int]]] = []
        self.problems: list[str] = []
        self.links: list[str] = []
        self.ldjson: list[str] = []
        self.title = ""
        self.html_lang: str | None = "<none>"
        self._in: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in, self._buf = "ld", []
        if tag == "title":
            self._in, self._buf = "title", []
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"end tag for void element </{tag}> at {self.getpos()}")
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> at {self.getpos()} does not close "
                                 f"{self.stack[-1] if self.stack else 'anything'}")
            return
        self.stack.pop()
        if self._in == "ld" and tag == "script":
            self.ldjson.append("".join(self._buf))
            self._in = None
        if self._in == "title" and tag == "title":
            self.title = "".join(self._buf)
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._buf.append(data)

    def close(self):
        super().close()
        if self.stack:
            self.problems.append(f"unclosed tags at end: {self.stack[-3:]}")


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=here)
    args = ap.parse_args()
    out = args.out
    fails: list[str] = []
    gold = [json.loads(l) for l in (out / "gold.jsonl").read_text("utf-8").splitlines() if l.strip()]
    gold_by_outlet = defaultdict(list)
    for g in gold:
        gold_by_outlet[g["outlet"]].append(g)
    sizes: list[int] = []
    n_html = n_xml = 0
    for o in OUTLETS:
        root = out / "www" / f"{o.slug}.localhost"
        origin = f"http://{o.slug}.localhost:{PORT}"
        if not root.is_dir():
            fails.append(f"{o.slug}: missing folder {root}")
            continue

        def local(url: str) -> Path | None:
            u = urlsplit(url)
            if u.scheme and (u.scheme, u.netloc) != ("http", f"{o.slug}.localhost:{PORT}"):
                return None
            p = u.path
            if not p.startswith("/") or p.startswith(IGNORED_PREFIXES):
                return None
            f = root / p.lstrip("/")
            return f / "index.html" if p.endswith("/") else f

        # robots
        robots = (root / "robots.txt").read_text("utf-8")
        disallows = [l.split(":", 1)[1].strip() for l in robots.splitlines() if l.startswith("Disallow:")]
        if "crawl-delay" in robots.lower():
            fails.append(f"{o.slug}: robots.txt has Crawl-delay")
        if f"Sitemap: {origin}/sitemap.xml" not in robots:
            fails.append(f"{o.slug}: robots.txt lacks the Sitemap line")
        # sitemaps
        locs: set[str] = set()
        todo = [root / "sitemap.xml"]
        while todo:
            f = todo.pop()
            n_xml += 1
            tree = ET.parse(f).getroot()
            if tree.tag == SM + "sitemapindex":
                for loc in tree.iter(SM + "loc"):
                    todo.append(local(loc.text))
            else:
                locs |= {loc.text for loc in tree.iter(SM + "loc")}
        for g in gold_by_outlet[o.slug]:
            if g["url"] not in locs:
                fails.append(f"{o.slug}: {g['id']} missing from sitemap")
            f = local(g["url"])
            if not f or not f.is_file():
                fails.append(f"{o.slug}: {g['url']} has no file")
        draft_url = f"{origin}{o.disallow}draft-1.html"
        if draft_url not in locs:
            fails.append(f"{o.slug}: draft page {draft_url} not in sitemap")
        blocked = [u for u in locs if any(urlsplit(u).path.startswith(d) for d in disallows)]
        if blocked != [draft_url]:
            fails.append(f"{o.slug}: sitemap URLs under Disallow: {blocked} (expected only the draft)")
        # feed
        feeds = [p for p in ("feed.xml", "atom.xml", "rss.rdf") if (root / p).is_file()]
        if len(feeds) != 1:
            fails.append(f"{o.slug}: expected one feed, found {feeds}")
        for p in feeds:
            n_xml += 1
            t = ET.parse(root / p).getroot()
            items = [el for el in t.iter() if el.tag.split("}")[-1] in ("item", "entry")]
            if len(items) > 15 or len(items) != min(15, len(gold_by_outlet[o.slug])):
                fails.append(f"{o.slug}: feed has {len(items)} items")
        # html pages
        for f in sorted(root.rglob("*")):
            if f.suffix not in (".html", ".htm"):
                continue
            n_html += 1
            raw = f.read_bytes()
            name = f"{o.slug}/{f.relative_to(root)}"
            if o.encoding == "iso-8859-1":
                if b'charset=iso-8859-1' not in raw[:600]:
                    fails.append(f"{name}: no latin-1 meta")
                try:
                    raw.decode("utf-8")
                    if re.search(rb"[\x80-\xff]", raw):
                        fails.append(f"{name}: latin-1 page is also valid UTF-8 (suspicious)")
                except UnicodeDecodeError:
                    pass
                text = raw.decode("iso-8859-1")
            else:
                if b'<meta charset="utf-8">' not in raw[:300]:
                    fails.append(f"{name}: no utf-8 meta")
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    fails.append(f"{name}: not UTF-8: {exc}")
                    continue
            c = Checker()
            c.feed(text)
            c.close()
            fails += [f"{name}: {p}" for p in c.problems]
            for href in c.links:
                t = local(href)
                if t is not None and not t.is_file():
                    fails.append(f"{name}: dead link {href}")
            for js in c.ldjson:
                try:
                    json.loads(js)
                except ValueError as exc:
                    fails.append(f"{name}: bad JSON-LD: {exc}")
            is_article = not f.name.startswith(("index", "about", "contact", "privacy")) \
                and "section" not in f.parts or (f.name == "index.html" and len(f.relative_to(root).parts) > 1)
            if is_article:
                sizes.append(len(raw))
                if not 5000 <= len(raw) <= 40000:
                    fails.append(f"{name}: article page size {len(raw)} outside 5-40 KB")
                if f == root / o.disallow.strip("/") / "draft-1.html" and \
                        "DRAFT \u2014 must not be crawled" not in c.title:
                    fails.append(f"{name}: draft title wrong: {c.title!r}")
            if o.slug in NO_STRUCTURED_DATE:
                if re.search(r'datetime=|ld\+json|published_time|itemprop="date', text):
                    fails.append(f"{name}: structured date on an outlet that must have none")
            if o.jsonld and is_article and not c.ldjson:
                fails.append(f"{name}: JSON-LD missing")
            if o.og and 'property="og:title"' not in text:
                fails.append(f"{name}: og:title missing")
            if (c.html_lang or None) != o.html_lang:
                fails.append(f"{name}: html lang {c.html_lang!r} != {o.html_lang!r}")
    for fl in fails[:200]:
        print("FAIL", fl)
    if sizes:
        print(f"checked {n_html} HTML pages and {n_xml} XML files; article pages "
              f"{min(sizes)}-{max(sizes)} bytes (median {sorted(sizes)[len(sizes) // 2]})")
    print(f"{len(fails)} problem(s)")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
