#!/usr/bin/env python3
"""Build the Framescope demo news site from data/demo-site/src/*.txt.

Usage:  python3 data/demo-site/tools/build_site.py [--src DIR] [--out DIR] [--lenient]

Reads every src/*.txt article source (format: src/FORMAT.md) and writes, below --out
(default: data/demo-site/):

  sources.csv   the 14 fictional outlets
  gold.jsonl    one line per article: id, url, outlet, language, published, title, frame, case
  www/<slug>.localhost/...   one static site per outlet (deleted and rewritten on every run)

Python 3.11 standard library only.  Deterministic: the same sources give byte-identical
output (all randomness is drawn from random.Random seeded with fixed strings; no clock,
no environment, no hash-order dependence).  Malformed sources are reported as
`file:line: message` and nothing is written (exit status 1); --lenient skips the broken
articles with a warning instead.

All outlets, people, boilerplate and text are fictional and written for Framescope.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

PORT = 48080
HOME_COUNT = 20
FEED_COUNT = 15
SECTION_PAGE_MAX = 60


def origin_of(slug: str) -> str:
    return f"http://{slug}.localhost:{PORT}"


# ---------------------------------------------------------------------------
# Outlets (hand-checked against src/FORMAT.md)
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Outlet:
    slug: str
    name: str            # exactly as in FORMAT.md (sources.csv)
    language: str        # ISO 639-1, as in FORMAT.md
    country: str
    type: str
    display: str         # name shown in the page header
    ui: str              # boilerplate string set: en fr de es zh zht
    html_lang: str | None  # value of <html lang>; None = attribute missing
    template: str
    url_scheme: str      # date | news | section | a
    feed: str            # rss2 | atom | rdf
    sitemap: str         # urlset | yearly | news
    jsonld: str | None   # None | plain | graph
    og: bool
    og_suffix: bool
    time_el: bool        # <time datetime> in the page
    canonical: bool
    cookie: bool
    comments: bool
    modified: bool       # dateModified on some articles
    tz: str              # key of TZ_RULES
    disallow: str        # disallowed folder (robots.txt), holds the draft page
    title_suffix: str
    tagline: str
    founded: int
    company: str
    about: str
    figure_prob: float
    encoding: str = "utf-8"
    read_more: bool = False


OUTLETS: list[Outlet] = [
    Outlet("harbourledger", "The Harbour Ledger", "en", "GB", "western_press",
           "The Harbour Ledger", "en", "en-GB", "broadsheet", "date", "rss2", "yearly",
           "plain", True, False, True, True, True, False, True, "london", "/private/",
           " | The Harbour Ledger", "News, analysis and comment from the quayside to the world",
           1887, "Harbour Ledger Media Ltd",
           "The Harbour Ledger has reported on politics, business and the wider world since "
           "{founded} and is owned by an independent trust.", 0.7),
    Outlet("northerncourier", "The Northern Courier", "en", "US", "western_press",
           "The Northern Courier", "en", "en-US", "regional", "news", "rss2", "urlset",
           None, True, True, True, True, False, True, False, "eastern", "/drafts/",
           " | The Northern Courier", "Your daily paper for the northern counties",
           1921, "Northern Courier Publishing Co.",
           "The Northern Courier has been the daily paper of the northern counties since "
           "{founded}, covering city hall, the statehouse and the world beyond.", 0.6,
           read_more=True),
    Outlet("continentalwire", "Continental Wire Service", "en", "US", "wire_service",
           "Continental Wire Service", "en", "en", "wire", "a", "rss2", "news",
           "plain", False, False, True, True, False, False, False, "eastern", "/embargoed/",
           " | CWS", "Fast. Accurate. Independent.",
           1949, "Continental Wire Service, Inc.",
           "Continental Wire Service is a news agency founded in {founded} that supplies text, "
           "photo and video reports to newspapers and broadcasters.", 0.3),
    Outlet("meridianinstitute", "Meridian Policy Institute", "en", "US", "think_tank",
           "Meridian Policy Institute", "en", "en-US", "thinktank", "section", "atom", "urlset",
           "graph", False, False, False, True, False, False, False, "eastern", "/staging/",
           " | Meridian Policy Institute", "Research and analysis for a changing world",
           1978, "Meridian Policy Institute",
           "The Meridian Policy Institute is a nonpartisan research organization founded in "
           "{founded} that studies governance, technology and international affairs.", 0.2),
    Outlet("bytesceptic", "The Byte Sceptic", "en", "AU", "blog",
           "The Byte Sceptic", "en", "en-AU", "blog", "section", "atom", "urlset",
           None, False, False, False, True, False, True, False, "sydney", "/private/",
           " \u2013 The Byte Sceptic", "Technology, hype and the people it happens to",
           2011, "The Byte Sceptic",
           "The Byte Sceptic is a group blog started in {founded} by a handful of engineers "
           "and writers who are tired of breathless technology coverage.", 0.4),
    Outlet("quotidienrhone", "Le Quotidien du Rh\u00f4ne", "fr", "FR", "western_press",
           "Le Quotidien du Rh\u00f4ne", "fr", None, "legacy", "a", "rdf", "urlset",
           None, False, False, False, False, True, True, False, "paris", "/brouillons/",
           " - Le Quotidien du Rh\u00f4ne", "L'information de la vall\u00e9e du Rh\u00f4ne",
           1946, "SA Le Quotidien du Rh\u00f4ne",
           "Le Quotidien du Rh\u00f4ne informe ses lecteurs de la vall\u00e9e depuis {founded} : "
           "actualit\u00e9 locale, r\u00e9gionale, nationale et internationale.", 0.5,
           encoding="iso-8859-1"),
    Outlet("tribunelemanique", "La Tribune L\u00e9manique", "fr", "CH", "western_press",
           "La Tribune L\u00e9manique", "fr", "fr-CH", "broadsheet", "section", "atom", "urlset",
           None, True, False, True, True, True, False, False, "zurich", "/private/",
           " | La Tribune L\u00e9manique", "Le quotidien de l'arc l\u00e9manique",
           1898, "Tribune L\u00e9manique SA",
           "La Tribune L\u00e9manique para\u00eet depuis {founded} et couvre l'actualit\u00e9 de "
           "l'arc l\u00e9manique, de la Suisse et du monde.", 0.6),
    Outlet("abendpost", "Rheinische Abendpost", "de", "DE", "western_press",
           "Rheinische Abendpost", "de", "de-DE", "regional", "section", "rss2", "urlset",
           None, True, True, True, True, True, True, False, "berlin", "/intern/",
           " | Rheinische Abendpost", "Nachrichten aus der Region und aus aller Welt",
           1949, "Rheinische Abendpost GmbH & Co. KG",
           "Die Rheinische Abendpost erscheint seit {founded} und berichtet unabh\u00e4ngig "
           "\u00fcber Politik, Wirtschaft, Kultur und das Geschehen in der Region.", 0.6),
    Outlet("ostasienforum", "Ostasien-Forum Kassel", "de", "DE", "think_tank",
           "Ostasien-Forum Kassel", "de", "de", "thinktank", "news", "rss2", "urlset",
           None, False, False, False, True, True, False, False, "berlin", "/intern/",
           " \u2013 Ostasien-Forum Kassel", "Analysen zu Politik und Gesellschaft in Ostasien",
           1994, "Ostasien-Forum Kassel e. V.",
           "Das Ostasien-Forum Kassel ist ein gemeinn\u00fctziger Verein, der seit {founded} "
           "Analysen zu Politik, Recht und Gesellschaft in Ostasien ver\u00f6ffentlicht.", 0.0),
    Outlet("faroaustral", "El Faro Austral", "es", "AR", "western_press",
           "El Faro Austral", "es", "es-AR", "regional", "date", "rss2", "urlset",
           None, True, False, True, True, False, True, False, "buenosaires", "/borradores/",
           " | El Faro Austral", "Periodismo desde el sur",
           1924, "Editorial El Faro Austral S.A.",
           "El Faro Austral se publica desde {founded} y cubre la pol\u00edtica, la econom\u00eda "
           "y la cultura de la Argentina y del mundo.", 0.6),
    Outlet("gacetaiberica", "La Gaceta Ib\u00e9rica", "es", "ES", "western_press",
           "La Gaceta Ib\u00e9rica", "es", "es-ES", "broadsheet", "section", "rss2", "urlset",
           "plain", False, False, True, True, True, False, True, "madrid", "/privado/",
           " - La Gaceta Ib\u00e9rica", "Informaci\u00f3n independiente desde 1977",
           1977, "Ediciones La Gaceta Ib\u00e9rica, S.L.",
           "La Gaceta Ib\u00e9rica es un diario independiente fundado en {founded} con redacciones "
           "en Madrid y Barcelona.", 0.6),
    Outlet("huaxiadaily", "\u534e\u590f\u65e5\u62a5 (Huaxia Daily)", "zh", "CN", "state_media",
           "\u534e\u590f\u65e5\u62a5", "zh", "zh-CN", "portal", "date", "rss2", "yearly",
           "plain", False, False, False, True, False, False, True, "shanghai", "/private/",
           " - \u534e\u590f\u65e5\u62a5", "\u6743\u5a01 \u00b7 \u53ca\u65f6 \u00b7 \u5168\u9762",
           1950, "\u534e\u590f\u65e5\u62a5\u793e",
           "\u534e\u590f\u65e5\u62a5\u521b\u520a\u4e8e{founded}\u5e74\uff0c\u662f\u4e00\u4efd"
           "\u7efc\u5408\u6027\u65e5\u62a5\uff0c\u62a5\u9053\u56fd\u5185\u5916\u65f6\u653f\u3001"
           "\u7ecf\u6d4e\u3001\u793e\u4f1a\u548c\u6587\u5316\u65b0\u95fb\u3002", 0.5),
    Outlet("chinahorizon", "China Horizon", "en", "CN", "state_media",
           "China Horizon", "en", "en", "portal", "news", "rss2", "urlset",
           "plain", True, False, True, True, False, False, False, "shanghai", "/drafts/",
           " - China Horizon", "China news for the world",
           2009, "China Horizon Media",
           "China Horizon was launched in {founded} to bring news and views from China to "
           "readers around the world.", 0.5),
    Outlet("zhiyanweekly", "\u76f4\u8a00\u5468\u520a (Zhiyan Weekly)", "zh", "TW",
           "independent_chinese",
           "\u76f4\u8a00\u5468\u520a", "zht", "en", "blog", "a", "atom", "urlset",
           None, False, False, False, False, False, True, False, "taipei", "/private/",
           " | \u76f4\u8a00\u5468\u520a", "\u7368\u7acb\u30fb\u76f4\u8a00\u30fb\u6df1\u5ea6",
           2015, "\u76f4\u8a00\u5468\u520a",
           "\u76f4\u8a00\u5468\u520a\u5275\u8fa6\u65bc{founded}\u5e74\uff0c\u662f\u4e00\u500b"
           "\u7531\u8b80\u8005\u652f\u6301\u7684\u7368\u7acb\u4e2d\u6587\u8a55\u8ad6\u5a92\u9ad4"
           "\u3002", 0.3),
]
OUTLET_BY_SLUG = {o.slug: o for o in OUTLETS}

FRAMES = ("alarmist", "balanced", "supportive", "none")
CASE_TAGS = ("rebuttal", "dramatic-headline", "critical-zh", "off-topic", "passing-mention")
HEADER_KEYS = ("id", "outlet", "date", "title", "authors", "section", "frame", "case", "summary")
REQUIRED_KEYS = ("id", "outlet", "date", "title", "authors", "section", "frame", "summary")
NONEMPTY_KEYS = ("id", "outlet", "date", "title", "section", "frame", "summary")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$")


# ---------------------------------------------------------------------------
# Time zones (rules written out so that output does not depend on the host's tzdata)
# ---------------------------------------------------------------------------

def _nth_sunday(y: int, m: int, n: int) -> date:
    d = date(y, m, 1)
    d += timedelta(days=(6 - d.weekday()) % 7)
    return d + timedelta(weeks=n - 1)


def _last_sunday(y: int, m: int) -> date:
    d = date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
    return d - timedelta(days=(d.weekday() + 1) % 7)


def _eu(base: int):
    def f(dt: datetime) -> int:
        y = dt.year
        utc = dt - timedelta(minutes=base)
        start = datetime.combine(_last_sunday(y, 3), datetime.min.time()) + timedelta(hours=1)
        end = datetime.combine(_last_sunday(y, 10), datetime.min.time()) + timedelta(hours=1)
        return base + 60 if start <= utc < end else base
    return f


def _us_eastern(dt: datetime) -> int:
    y = dt.year
    if y >= 2007:
        start, end = _nth_sunday(y, 3, 2), _nth_sunday(y, 11, 1)
    else:
        start, end = _nth_sunday(y, 4, 1), _last_sunday(y, 10)
    s = datetime.combine(start, datetime.min.time()) + timedelta(hours=2)
    e = datetime.combine(end, datetime.min.time()) + timedelta(hours=1)  # 02:00 EDT = 01:00 EST
    return -240 if s <= dt < e else -300


def _sydney(dt: datetime) -> int:
    y = dt.year
    if y >= 2008:
        end, start = _nth_sunday(y, 4, 1), _nth_sunday(y, 10, 1)
    else:
        end, start = _last_sunday(y, 3), _last_sunday(y, 10)
    e = datetime.combine(end, datetime.min.time()) + timedelta(hours=2)  # 03:00 AEDT
    s = datetime.combine(start, datetime.min.time()) + timedelta(hours=2)
    return 660 if (dt < e or dt >= s) else 600


def _buenos_aires(dt: datetime) -> int:
    for a, b in ((datetime(2007, 12, 30), datetime(2008, 3, 16)),
                 (datetime(2008, 10, 19), datetime(2009, 3, 15))):
        if a <= dt < b:
            return -120
    return -180


TZ_RULES = {
    "london": (_eu(0), ("GMT", "BST")),
    "paris": (_eu(60), ("CET", "CEST")),
    "zurich": (_eu(60), ("CET", "CEST")),
    "berlin": (_eu(60), ("MEZ", "MESZ")),
    "madrid": (_eu(60), ("CET", "CEST")),
    "eastern": (_us_eastern, ("EST", "EDT")),
    "sydney": (_sydney, ("AEST", "AEDT")),
    "buenosaires": (_buenos_aires, ("ART", "ARST")),
    "shanghai": (lambda dt: 480, ("CST", "CST")),
    "taipei": (lambda dt: 480, ("CST", "CST")),
}
TZ_STD = {"london": 0, "paris": 60, "zurich": 60, "berlin": 60, "madrid": 60,
          "eastern": -300, "sydney": 600, "buenosaires": -180, "shanghai": 480, "taipei": 480}


def utc_offset(tz: str, dt: datetime) -> int:
    return TZ_RULES[tz][0](dt)


def tz_abbr(tz: str, off: int) -> str:
    std, dst = TZ_RULES[tz][1]
    return std if off == TZ_STD[tz] else dst


def fmt_off(off: int, colon: bool = True) -> str:
    sign = "+" if off >= 0 else "-"
    h, m = divmod(abs(off), 60)
    return f"{sign}{h:02d}:{m:02d}" if colon else f"{sign}{h:02d}{m:02d}"


def iso_local(dt: datetime, off: int) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + fmt_off(off)


def rfc822(dt: datetime, off: int) -> str:
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    mons = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return (f"{days[dt.weekday()]}, {dt.day:02d} {mons[dt.month - 1]} {dt.year} "
            f"{dt:%H:%M:%S} {fmt_off(off, colon=False)}")


# ---------------------------------------------------------------------------
# Source parsing
# ---------------------------------------------------------------------------

class SourceError(Exception):
    def __init__(self, rel: str, line: int, msg: str):
        super().__init__(f"{rel}:{line}: {msg}")
        self.rel, self.line, self.msg = rel, line, msg


@dataclass
class Block:
    kind: str                  # p | h2 | quote | ul
    items: list[str]           # paragraph text(s) or list items


@dataclass
class Article:
    rel: str
    line: int
    id: str
    outlet: Outlet
    dt: datetime
    title: str
    authors: list[str]
    section: str
    frame: str
    case: list[str]
    summary: str
    body: list[Block]
    text_lines: list[tuple[int, str]]     # every source line of the article (for error reports)
    # computed later
    off: int = 0
    iso: str = ""
    path: str = ""           # URL path, starting with /
    file: str = ""           # file path below the host folder
    url: str = ""
    section_slug: str = ""
    modified: tuple[datetime, int] | None = None
    figure: tuple[str, str, str] | None = None     # alt, caption, credit
    comments: list[tuple[str, str, datetime]] = field(default_factory=list)
    draft: bool = False
    source_name: str | None = None   # for syndicated:<id> copies: the original's outlet name

    @property
    def modified_iso(self) -> str | None:
        return iso_local(*self.modified) if self.modified else None


@dataclass
class CommentPool:
    rel: str
    lines: list[tuple[str, str]]
    language: str | None = None


def _blocks_from_body(lines: list[tuple[int, str]]) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []

    def flush():
        if not para:
            return
        if all(p.startswith("- ") or p == "-" for p in para):
            blocks.append(Block("ul", [p[2:].strip() for p in para if p[2:].strip()]))
        elif para[0].startswith(">"):
            txt = " ".join((p[1:].strip() if p.startswith(">") else p.strip()) for p in para)
            if blocks and blocks[-1].kind == "quote":
                blocks[-1].items.append(txt)
            else:
                blocks.append(Block("quote", [txt]))
        else:
            blocks.append(Block("p", [" ".join(p.strip() for p in para)]))
        para.clear()

    for _, raw in lines:
        s = raw.strip()
        if not s:
            flush()
            continue
        if s.startswith("## "):
            flush()
            blocks.append(Block("h2", [s[3:].strip()]))
            continue
        para.append(s)
    flush()
    return [b for b in blocks if any(x for x in b.items)]


def parse_file(path: Path, rel: str) -> tuple[list[Article], CommentPool | None, list[SourceError]]:
    errors: list[SourceError] = []
    articles: list[Article] = []
    pool: CommentPool | None = None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], None, [SourceError(rel, 0, f"cannot read file: {exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return [], None, [SourceError(rel, line, "file is not valid UTF-8")]
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    # Split into blocks at %%% lines.
    chunks: list[tuple[str, int, list[tuple[int, str]]]] = []
    cur: tuple[str, int, list[tuple[int, str]]] | None = None
    for no, line in enumerate(lines, 1):
        bad = [c for c in line if (ord(c) < 32 and c != "\t") or 0x7f <= ord(c) < 0xa0]
        if bad:
            errors.append(SourceError(rel, no, f"control character U+{ord(bad[0]):04X} in text"))
            continue
        if line.startswith("%%%"):
            kind = line[3:].strip()
            if kind not in ("article", "comments"):
                errors.append(SourceError(rel, no, f"unknown block '{line.strip()}' "
                                                   "(expected '%%% article' or '%%% comments')"))
                cur = None
                continue
            cur = (kind, no, [])
            chunks.append(cur)
            continue
        if cur is None:
            if line.strip():
                errors.append(SourceError(rel, no, "text outside an article or comments block"))
            continue
        cur[2].append((no, line))

    pool_line = 0
    for kind, start, body in chunks:
        if kind == "comments":
            if pool is not None:
                errors.append(SourceError(rel, start, "second '%%% comments' block "
                                                      f"(the first starts at line {pool_line})"))
                continue
            pool_line = start
            entries = []
            for no, line in body:
                if not line.strip():
                    continue
                name, sep, txt = line.partition(":")
                if not sep or not name.strip() or not txt.strip():
                    errors.append(SourceError(rel, no, "comment line must be 'Name: comment text'"))
                    continue
                entries.append((name.strip(), txt.strip()))
            pool = CommentPool(rel, entries)
            continue
        try:
            articles.append(_parse_article(rel, start, body))
        except SourceError as exc:
            errors.append(exc)
    return articles, pool, errors


def _parse_article(rel: str, start: int, body: list[tuple[int, str]]) -> Article:
    header: dict[str, tuple[int, str]] = {}
    sep_at = None
    for i, (no, line) in enumerate(body):
        if line.strip() == "---":
            sep_at = i
            break
        if not line.strip():
            continue
        m = re.match(r"^([A-Za-z_-]+)\s*:(.*)$", line)
        if not m:
            raise SourceError(rel, no, f"expected 'key: value' header line or '---', got {line.strip()[:40]!r}")
        key, val = m.group(1), m.group(2).strip()
        if key not in HEADER_KEYS:
            raise SourceError(rel, no, f"unknown header key '{key}' (known: {', '.join(HEADER_KEYS)})")
        if key in header:
            raise SourceError(rel, no, f"header key '{key}' given twice (first on line {header[key][0]})")
        header[key] = (no, val)
    if sep_at is None:
        raise SourceError(rel, start, "article header is not closed by a '---' line")
    for key in REQUIRED_KEYS:
        if key not in header:
            raise SourceError(rel, start, f"article is missing the header key '{key}'")
    for key in NONEMPTY_KEYS:
        if not header[key][1]:
            raise SourceError(rel, header[key][0], f"header key '{key}' is empty")

    no, aid = header["id"]
    if not ID_RE.match(aid):
        raise SourceError(rel, no, f"bad id '{aid}': use lowercase ASCII letters, digits and hyphens")
    no, slug = header["outlet"]
    if slug not in OUTLET_BY_SLUG:
        raise SourceError(rel, no, f"unknown outlet '{slug}' (known: {', '.join(OUTLET_BY_SLUG)})")
    outlet = OUTLET_BY_SLUG[slug]
    no, dval = header["date"]
    m = DATE_RE.match(dval)
    if not m:
        raise SourceError(rel, no, f"bad date '{dval}': expected YYYY-MM-DDTHH:MM")
    try:
        dt = datetime(*(int(x) for x in m.groups()))
    except ValueError as exc:
        raise SourceError(rel, no, f"bad date '{dval}': {exc}") from None
    no, frame = header["frame"]
    if frame not in FRAMES:
        raise SourceError(rel, no, f"bad frame '{frame}' (expected one of: {', '.join(FRAMES)})")
    case: list[str] = []
    if "case" in header:
        no, cval = header["case"]
        for tag in cval.split():
            if tag in CASE_TAGS or re.match(r"^syndicated:[a-z0-9]+(?:-[a-z0-9]+)*$", tag):
                if tag not in case:
                    case.append(tag)
            else:
                raise SourceError(rel, no, f"bad case tag '{tag}' (expected: {', '.join(CASE_TAGS)}, "
                                           "syndicated:<id>)")
    authors = [a.strip() for a in header["authors"][1].split(";") if a.strip()]
    blocks = _blocks_from_body(body[sep_at + 1:])
    if not blocks:
        raise SourceError(rel, body[sep_at][0], "article has no body text after '---'")
    return Article(rel=rel, line=start, id=aid, outlet=outlet, dt=dt,
                   title=header["title"][1], authors=authors, section=header["section"][1],
                   frame=frame, case=case, summary=header["summary"][1], body=blocks,
                   text_lines=[(start, "")] + body)


LANG_HINTS = {
    "en": " the and of to is that in for with this are not ",
    "fr": " le la les des est et une que pour pas qui dans sur ",
    "de": " der die das und ist nicht ein eine mit für auch sich zu ",
    "es": " el la los las de que y es en por una para con no ",
}


def guess_language(lines: list[tuple[str, str]]) -> str | None:
    text = " ".join(t for _, t in lines)
    if re.search(r"[\u4e00-\u9fff]", text):
        return "zh"
    words = re.findall(r"[a-zà-ÿß]+", text.lower())
    scores = {lang: sum(1 for w in words if f" {w} " in hint) for lang, hint in LANG_HINTS.items()}
    best = max(sorted(scores), key=lambda k: scores[k])
    return best if scores[best] else None


# ---------------------------------------------------------------------------
# Boilerplate strings, by UI language (all written for this project)
# ---------------------------------------------------------------------------

S_ALL: dict[str, dict[str, object]] = {
    "en": {
        "home": "Home", "search": "Search", "search_ph": "Search the site",
        "ad": "Advertisement",
        "cookie": "We use cookies to keep this site working, to understand how it is used and to "
                  "show you relevant adverts. You can accept all cookies or choose which ones you allow.",
        "cookie_ok": "Accept all", "cookie_no": "Reject non-essential", "cookie_set": "Manage settings",
        "share": "Share this article", "share_x": "Share on X", "share_fb": "Share on Facebook",
        "share_mail": "Share by email",
        "related": "Related articles", "mostread": "Most read", "latest": "Latest news",
        "nl_title": "Get the morning briefing",
        "nl_text": "The day's most important stories in your inbox before breakfast. Free, and you "
                   "can unsubscribe at any time.",
        "nl_ph": "Your email address", "nl_btn": "Sign up",
        "comments": "Comments ({n})", "no_comments": "No comments yet. Be the first to share your view.",
        "leave": "Leave a comment", "c_name": "Name", "c_text": "Your comment", "c_send": "Post comment",
        "about": "About us", "contact": "Contact", "privacy": "Privacy policy", "rss": "RSS feed",
        "sitemap": "Sitemap", "rights": "All rights reserved.", "by": "By ", "and": " and ",
        "published": "Published", "updated": "Updated", "photo": "Photo", "read_more": "Read more:",
        "source": "Source:", "more_in": "More in {section}", "top": "Back to top", "menu": "Menu",
        "skip": "Skip to content", "subscribe": "Subscribe", "login": "Sign in", "topics": "Topics",
        "empty": "There are no articles here yet.", "section_title": "{section}",
        "contact_body": ["News tips and corrections: please write to the newsroom at newsroom@{domain}.",
                         "For advertising, subscriptions and other questions, use the contact form or "
                         "call our reader service on weekdays during office hours."],
        "privacy_body": ["This policy explains which personal data {site} collects when you visit this "
                         "website, why we collect it and how long we keep it.",
                         "We use strictly necessary cookies to run the site and, with your consent, "
                         "analytics and advertising cookies. You can change your choice at any time "
                         "in the cookie settings."],
        "about_2": "Our editorial decisions are made by our journalists alone. Corrections are "
                   "published on the page of the article concerned.",
        "draft_title": "Working title: follow-up piece, not yet approved",
        "draft_body": ["[Draft, not for publication. Quotes still to be checked and headline to be "
                       "agreed with the desk.]",
                       "Placeholder text: this paragraph will be replaced before publication."],
        "captions": ["Surveillance cameras above a pedestrian crossing.",
                     "Commuters pass a public notice board in a city centre.",
                     "An information screen in a railway station concourse.",
                     "Shoppers pay with their phones at a market stall.",
                     "Office towers in a business district at dusk.",
                     "Residents queue at a government service hall.",
                     "Delegates arrive for a policy meeting.",
                     "The entrance of a courthouse on a rainy morning."],
        "alt": "Illustrative photo", "photographers": ["Tomasz Reilly", "Ada Whitcombe",
                                                       "Lionel Fenwick", "Priya Castell"],
    },
    "fr": {
        "home": "Accueil", "search": "Rechercher", "search_ph": "Rechercher sur le site",
        "ad": "Publicit\u00e9",
        "cookie": "Nous utilisons des cookies pour assurer le bon fonctionnement du site, mesurer "
                  "son audience et vous proposer des publicit\u00e9s adapt\u00e9es. Vous pouvez tout "
                  "accepter ou choisir les cookies que vous autorisez.",
        "cookie_ok": "Tout accepter", "cookie_no": "Continuer sans accepter",
        "cookie_set": "Param\u00e9trer les cookies",
        "share": "Partager cet article", "share_x": "Partager sur X",
        "share_fb": "Partager sur Facebook", "share_mail": "Partager par e-mail",
        "related": "\u00c0 lire aussi", "mostread": "Les plus lus",
        "latest": "Derni\u00e8res actualit\u00e9s",
        "nl_title": "La lettre du matin",
        "nl_text": "L'essentiel de l'actualit\u00e9 chaque matin dans votre bo\u00eete de "
                   "r\u00e9ception. Gratuit et sans engagement.",
        "nl_ph": "Votre adresse e-mail", "nl_btn": "Je m'inscris",
        "comments": "R\u00e9actions ({n})", "no_comments": "Aucune r\u00e9action pour le moment.",
        "leave": "R\u00e9agir \u00e0 cet article", "c_name": "Pseudo", "c_text": "Votre commentaire",
        "c_send": "Publier",
        "about": "Qui sommes-nous", "contact": "Contact", "privacy": "Donn\u00e9es personnelles",
        "rss": "Flux RSS", "sitemap": "Plan du site", "rights": "Tous droits r\u00e9serv\u00e9s.",
        "by": "Par ", "and": " et ", "published": "Publi\u00e9 le", "updated": "Mis \u00e0 jour le",
        "photo": "Photo", "read_more": "Lire aussi :", "source": "Source :",
        "more_in": "Plus dans la rubrique {section}", "top": "Haut de page", "menu": "Menu",
        "skip": "Aller au contenu", "subscribe": "S'abonner", "login": "Se connecter",
        "topics": "Th\u00e8mes", "empty": "Aucun article pour le moment.",
        "section_title": "{section}",
        "contact_body": ["Pour signaler une information ou demander une correction, \u00e9crivez "
                         "\u00e0 la r\u00e9daction : redaction@{domain}.",
                         "Pour la publicit\u00e9, les abonnements et toute autre question, notre "
                         "service lecteurs vous r\u00e9pond du lundi au vendredi."],
        "privacy_body": ["Cette page explique quelles donn\u00e9es personnelles {site} collecte "
                         "lorsque vous consultez notre site, pourquoi et pendant combien de temps.",
                         "Nous utilisons des cookies strictement n\u00e9cessaires au fonctionnement "
                         "du site et, avec votre accord, des cookies de mesure d'audience et de "
                         "publicit\u00e9. Vous pouvez modifier votre choix \u00e0 tout moment."],
        "about_2": "Les choix \u00e9ditoriaux rel\u00e8vent de la seule r\u00e9daction. Les "
                   "rectifications sont publi\u00e9es sur la page de l'article concern\u00e9.",
        "draft_title": "Titre provisoire : suite de l'enqu\u00eate, non valid\u00e9",
        "draft_body": ["[Brouillon, ne pas publier. Citations \u00e0 v\u00e9rifier, titre \u00e0 "
                       "valider avec le chef d'\u00e9dition.]",
                       "Texte provisoire : ce paragraphe sera remplac\u00e9 avant publication."],
        "captions": ["Des cam\u00e9ras de surveillance au-dessus d'un passage pi\u00e9ton.",
                     "Des passants devant un panneau d'affichage public.",
                     "Un \u00e9cran d'information dans le hall d'une gare.",
                     "Paiement par t\u00e9l\u00e9phone sur un march\u00e9.",
                     "Des tours de bureaux dans un quartier d'affaires, au cr\u00e9puscule.",
                     "File d'attente dans un centre de services administratifs.",
                     "Arriv\u00e9e des d\u00e9l\u00e9gu\u00e9s \u00e0 une r\u00e9union.",
                     "L'entr\u00e9e d'un tribunal un matin de pluie."],
        "alt": "Photo d'illustration", "photographers": ["Mathilde Roussel", "Yann Delorme",
                                                          "Agathe Perrin"],
    },
    "de": {
        "home": "Startseite", "search": "Suche", "search_ph": "Suchbegriff eingeben",
        "ad": "Anzeige",
        "cookie": "Wir verwenden Cookies, um unsere Website zu betreiben, die Nutzung zu analysieren "
                  "und Ihnen passende Werbung anzuzeigen. Sie k\u00f6nnen alle Cookies akzeptieren "
                  "oder selbst festlegen, welche Sie zulassen.",
        "cookie_ok": "Alle akzeptieren", "cookie_no": "Nur notwendige", "cookie_set": "Einstellungen",
        "share": "Artikel teilen", "share_x": "Auf X teilen", "share_fb": "Auf Facebook teilen",
        "share_mail": "Per E-Mail teilen",
        "related": "Mehr zum Thema", "mostread": "Meistgelesen", "latest": "Neueste Artikel",
        "nl_title": "Der Abend-Newsletter",
        "nl_text": "Die wichtigsten Nachrichten des Tages, jeden Abend kostenlos in Ihrem Postfach. "
                   "Abmeldung jederzeit m\u00f6glich.",
        "nl_ph": "Ihre E-Mail-Adresse", "nl_btn": "Anmelden",
        "comments": "Kommentare ({n})", "no_comments": "Noch keine Kommentare.",
        "leave": "Kommentar schreiben", "c_name": "Name", "c_text": "Ihr Kommentar", "c_send": "Absenden",
        "about": "Impressum", "contact": "Kontakt", "privacy": "Datenschutz", "rss": "RSS-Feed",
        "sitemap": "Sitemap", "rights": "Alle Rechte vorbehalten.", "by": "Von ", "and": " und ",
        "published": "Ver\u00f6ffentlicht am", "updated": "Aktualisiert am", "photo": "Foto",
        "read_more": "Lesen Sie auch:", "source": "Quelle:",
        "more_in": "Mehr aus dem Ressort {section}", "top": "Nach oben", "menu": "Men\u00fc",
        "skip": "Zum Inhalt springen", "subscribe": "Abo", "login": "Anmelden", "topics": "Themen",
        "empty": "Hier gibt es noch keine Artikel.", "section_title": "{section}",
        "contact_body": ["Hinweise und Korrekturen an die Redaktion: redaktion@{domain}.",
                         "F\u00fcr Fragen zu Anzeigen, Abonnements und allem anderen erreichen Sie "
                         "unseren Leserservice montags bis freitags."],
        "privacy_body": ["Diese Erkl\u00e4rung beschreibt, welche personenbezogenen Daten {site} "
                         "beim Besuch dieser Website verarbeitet, zu welchem Zweck und wie lange.",
                         "Wir setzen technisch notwendige Cookies ein und, mit Ihrer Einwilligung, "
                         "Cookies f\u00fcr Reichweitenmessung und Werbung. Ihre Auswahl k\u00f6nnen "
                         "Sie jederzeit \u00e4ndern."],
        "about_2": "Verantwortlich f\u00fcr den redaktionellen Inhalt ist die Redaktionsleitung. "
                   "Korrekturen ver\u00f6ffentlichen wir beim jeweiligen Artikel.",
        "draft_title": "Arbeitstitel: Nachdreh, noch nicht abgenommen",
        "draft_body": ["[Entwurf, nicht ver\u00f6ffentlichen. Zitate noch autorisieren lassen, "
                       "\u00dcberschrift mit dem Desk abstimmen.]",
                       "Platzhaltertext: Dieser Absatz wird vor der Ver\u00f6ffentlichung ersetzt."],
        "captions": ["\u00dcberwachungskameras \u00fcber einem Fu\u00dfg\u00e4nger\u00fcberweg.",
                     "Passanten vor einer \u00f6ffentlichen Anschlagtafel.",
                     "Ein Anzeigebildschirm in einer Bahnhofshalle.",
                     "Bezahlen per Smartphone an einem Marktstand.",
                     "B\u00fcrot\u00fcrme in einem Gesch\u00e4ftsviertel in der Abendd\u00e4mmerung.",
                     "Wartende in einem B\u00fcrgeramt.",
                     "Delegierte auf dem Weg zu einer Sitzung.",
                     "Der Eingang eines Gerichtsgeb\u00e4udes an einem regnerischen Morgen."],
        "alt": "Symbolbild", "photographers": ["Jonas Kettler", "Mareike Lindqvist", "Till Oberhaus"],
    },
    "es": {
        "home": "Portada", "search": "Buscar", "search_ph": "Buscar en el sitio",
        "ad": "Publicidad",
        "cookie": "Utilizamos cookies propias y de terceros para el funcionamiento del sitio, para "
                  "analizar el tr\u00e1fico y para mostrarle publicidad personalizada. Puede "
                  "aceptarlas todas o configurar cu\u00e1les permite.",
        "cookie_ok": "Aceptar todas", "cookie_no": "Rechazar", "cookie_set": "Configurar",
        "share": "Compartir", "share_x": "Compartir en X", "share_fb": "Compartir en Facebook",
        "share_mail": "Compartir por correo",
        "related": "Noticias relacionadas", "mostread": "Lo m\u00e1s le\u00eddo",
        "latest": "\u00daltimas noticias",
        "nl_title": "Bolet\u00edn diario",
        "nl_text": "Reciba cada ma\u00f1ana las noticias m\u00e1s importantes en su correo. Es "
                   "gratuito y puede darse de baja cuando quiera.",
        "nl_ph": "Su correo electr\u00f3nico", "nl_btn": "Suscribirme",
        "comments": "Comentarios ({n})", "no_comments": "Todav\u00eda no hay comentarios.",
        "leave": "Deje su comentario", "c_name": "Nombre", "c_text": "Comentario", "c_send": "Enviar",
        "about": "Qui\u00e9nes somos", "contact": "Contacto", "privacy": "Pol\u00edtica de privacidad",
        "rss": "RSS", "sitemap": "Mapa del sitio", "rights": "Todos los derechos reservados.",
        "by": "Por ", "and": " y ", "published": "Publicado el", "updated": "Actualizado el",
        "photo": "Foto", "read_more": "Leer m\u00e1s:", "source": "Fuente:",
        "more_in": "M\u00e1s en {section}", "top": "Volver arriba", "menu": "Men\u00fa",
        "skip": "Ir al contenido", "subscribe": "Suscribirse", "login": "Iniciar sesi\u00f3n",
        "topics": "Temas", "empty": "Todav\u00eda no hay art\u00edculos en esta secci\u00f3n.",
        "section_title": "{section}",
        "contact_body": ["Para enviar informaci\u00f3n o pedir una correcci\u00f3n, escriba a la "
                         "redacci\u00f3n: redaccion@{domain}.",
                         "Para publicidad, suscripciones y otras consultas, nuestro servicio de "
                         "atenci\u00f3n al lector responde de lunes a viernes."],
        "privacy_body": ["Esta pol\u00edtica explica qu\u00e9 datos personales recoge {site} cuando "
                         "usted visita este sitio, con qu\u00e9 fin y durante cu\u00e1nto tiempo.",
                         "Usamos cookies estrictamente necesarias y, con su consentimiento, cookies "
                         "de medici\u00f3n y de publicidad. Puede cambiar su elecci\u00f3n en "
                         "cualquier momento."],
        "about_2": "Las decisiones editoriales corresponden \u00fanicamente a la redacci\u00f3n. "
                   "Las correcciones se publican en la p\u00e1gina de cada art\u00edculo.",
        "draft_title": "T\u00edtulo provisional: seguimiento, sin aprobar",
        "draft_body": ["[Borrador, no publicar. Faltan verificar citas y acordar el t\u00edtulo "
                       "con la mesa.]",
                       "Texto de relleno: este p\u00e1rrafo se reemplazar\u00e1 antes de publicar."],
        "captions": ["C\u00e1maras de vigilancia sobre un paso peatonal.",
                     "Peatones frente a un tablero de avisos p\u00fablicos.",
                     "Una pantalla informativa en una estaci\u00f3n de tren.",
                     "Pagos con el tel\u00e9fono en un puesto de mercado.",
                     "Torres de oficinas en un distrito financiero al atardecer.",
                     "Vecinos esperan turno en una oficina de tr\u00e1mites.",
                     "Delegados llegan a una reuni\u00f3n oficial.",
                     "La entrada de un tribunal en una ma\u00f1ana de lluvia."],
        "alt": "Foto ilustrativa", "photographers": ["Luc\u00eda Arrieta", "Tom\u00e1s Bengoechea",
                                                      "Valeria Sosa"],
    },
    "zh": {
        "home": "首页", "search": "搜索", "search_ph": "请输入关键词", "ad": "广告",
        "cookie": "本网站使用Cookie以保障网站正常运行并改进服务。", "cookie_ok": "同意",
        "cookie_no": "拒绝", "cookie_set": "设置",
        "share": "分享到：", "share_x": "分享到X", "share_fb": "分享到Facebook", "share_mail": "邮件分享",
        "related": "相关新闻", "mostread": "排行榜", "latest": "最新报道",
        "nl_title": "订阅每日要闻", "nl_text": "每天早上把最重要的新闻发送到您的邮箱。",
        "nl_ph": "电子邮箱", "nl_btn": "订阅",
        "comments": "读者评论（{n}）", "no_comments": "暂无评论。", "leave": "发表评论",
        "c_name": "昵称", "c_text": "评论内容", "c_send": "提交",
        "about": "关于我们", "contact": "联系我们", "privacy": "隐私政策", "rss": "RSS订阅",
        "sitemap": "网站地图", "rights": "版权所有", "by": "记者 ", "and": "、",
        "published": "发布时间：", "updated": "更新时间：", "photo": "图片", "read_more": "延伸阅读：",
        "source": "来源：", "more_in": "更多{section}新闻", "top": "返回顶部", "menu": "菜单",
        "skip": "跳到正文", "subscribe": "订阅", "login": "登录", "topics": "标签",
        "empty": "本栏目暂无文章。", "section_title": "{section}",
        "contact_body": ["新闻线索与更正请发送至：news@{domain}。",
                         "广告、发行及其他事务，请于工作日联系读者服务部。"],
        "privacy_body": ["本政策说明{site}在您访问本网站时收集哪些个人信息、收集目的以及保存期限。",
                         "我们仅在必要范围内使用Cookie，您可以随时在浏览器中更改相关设置。"],
        "about_2": "本报坚持准确、及时、全面的报道原则，欢迎读者监督指正。",
        "draft_title": "暂定标题：后续报道（未审）",
        "draft_body": ["【草稿，请勿发布。引语待核实，标题待编辑部确定。】", "占位文字：本段将在发布前替换。"],
        "captions": ["人行横道上方的监控摄像头。", "市民经过街头的公示栏。", "火车站大厅内的电子显示屏。",
                     "市场摊位前，顾客用手机付款。", "黄昏时分商务区的写字楼。", "市民在政务服务大厅排队办理业务。",
                     "代表们抵达会场。", "雨天清晨的法院大门。"],
        "alt": "资料图片", "photographers": ["周明远", "林晓岚", "高振宇"],
        "editors": ["王立群", "陈思雨", "赵一鸣"],
    },
    "zht": {
        "home": "首頁", "search": "搜尋", "search_ph": "輸入關鍵字", "ad": "廣告",
        "cookie": "本網站使用Cookie以維持網站運作並改善服務。", "cookie_ok": "同意",
        "cookie_no": "拒絕", "cookie_set": "設定",
        "share": "分享：", "share_x": "分享到 X", "share_fb": "分享到 Facebook",
        "share_mail": "以電子郵件分享",
        "related": "相關文章", "mostread": "熱門文章", "latest": "最新文章",
        "nl_title": "訂閱電子報", "nl_text": "每週精選評論與深度報導，直接寄到你的信箱。",
        "nl_ph": "電子郵件地址", "nl_btn": "訂閱",
        "comments": "讀者留言（{n}）", "no_comments": "目前還沒有留言。", "leave": "發表留言",
        "c_name": "名稱", "c_text": "留言內容", "c_send": "送出留言",
        "about": "關於我們", "contact": "聯絡我們", "privacy": "隱私權政策", "rss": "RSS 訂閱",
        "sitemap": "網站地圖", "rights": "版權所有", "by": "文／", "and": "、",
        "published": "發表於", "updated": "更新於", "photo": "圖片", "read_more": "延伸閱讀：",
        "source": "來源：", "more_in": "更多{section}文章", "top": "回到頂端", "menu": "選單",
        "skip": "跳至主要內容", "subscribe": "訂閱", "login": "登入", "topics": "標籤",
        "empty": "這個分類還沒有文章。", "section_title": "{section}",
        "contact_body": ["投稿、爆料與更正請來信：editor@{domain}。",
                         "廣告合作與訂閱事宜，請於週一至週五與我們聯絡。"],
        "privacy_body": ["本政策說明{site}在你瀏覽本網站時蒐集哪些個人資料、蒐集目的與保存期間。",
                         "我們只使用維持網站運作所必需的Cookie，你可以隨時在瀏覽器中變更設定。"],
        "about_2": "我們不接受任何政府或政黨資助，編輯方針由編輯部獨立決定。",
        "draft_title": "暫定標題：後續報導（未定稿）",
        "draft_body": ["【草稿，請勿發布。引述待查證，標題待編輯部確認。】", "預留文字：本段將在發布前替換。"],
        "captions": ["行人穿越道上方的監視攝影機。", "民眾經過街頭的公告欄。", "火車站大廳內的電子看板。",
                     "市場攤位前，顧客以手機付款。", "黃昏時分商業區的辦公大樓。", "民眾在行政服務大廳排隊辦理業務。",
                     "代表們抵達會場。", "雨天清晨的法院大門。"],
        "alt": "示意圖", "photographers": ["陳柏宇", "吳怡君", "黃子謙"],
    },
}

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "f\u00e9vrier", "mars", "avril", "mai", "juin", "juillet", "ao\u00fbt",
           "septembre", "octobre", "novembre", "d\u00e9cembre"],
    "de": ["Januar", "Februar", "M\u00e4rz", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
}


def d_en_us(dt): return f"{MONTHS['en'][dt.month - 1]} {dt.day}, {dt.year}"
def d_en_gb(dt): return f"{dt.day} {MONTHS['en'][dt.month - 1]} {dt.year}"
def d_fr(dt): return f"{'1er' if dt.day == 1 else dt.day} {MONTHS['fr'][dt.month - 1]} {dt.year}"
def d_de(dt): return f"{dt.day}. {MONTHS['de'][dt.month - 1]} {dt.year}"
def d_es(dt): return f"{dt.day} de {MONTHS['es'][dt.month - 1]} de {dt.year}"
def d_zh(dt): return f"{dt.year}年{dt.month}月{dt.day}日"


def t_12(dt, dots=True):
    h = dt.hour % 12 or 12
    if dots:
        return f"{h}:{dt.minute:02d} {'a.m.' if dt.hour < 12 else 'p.m.'}"
    return f"{h}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'}"


def display_date(o: Outlet, dt: datetime, off: int) -> str:
    """The article date as the outlet prints it in the page."""
    s = o.slug
    if s == "harbourledger":
        return f"{d_en_gb(dt)}, {dt:%H:%M} {tz_abbr(o.tz, off)}"
    if s == "northerncourier":
        return f"{d_en_us(dt)} {t_12(dt)} {tz_abbr(o.tz, off)[0]}T"
    if s == "continentalwire":
        utc = dt - timedelta(minutes=off)
        return f"{d_en_us(utc)} {t_12(utc, dots=False)} UTC"
    if s in ("meridianinstitute", "bytesceptic"):
        return d_en_us(dt)
    if s == "quotidienrhone":
        return f"Publi\u00e9 le {d_fr(dt)} \u00e0 {dt:%H}h{dt:%M}"
    if s == "tribunelemanique":
        return f"{d_fr(dt)}, {dt:%H}h{dt:%M}"
    if s == "abendpost":
        return f"{dt:%d.%m.%Y}, {dt:%H:%M} Uhr"
    if s == "ostasienforum":
        return d_de(dt)
    if s == "faroaustral":
        return f"{d_es(dt)} \u00b7 {dt:%H:%M}"
    if s == "gacetaiberica":
        return f"{d_es(dt)}, {dt:%H:%M} {tz_abbr(o.tz, off)}"
    if s in ("huaxiadaily", "chinahorizon"):
        return f"{dt:%Y-%m-%d %H:%M}"
    if s == "zhiyanweekly":
        return d_zh(dt)
    raise KeyError(s)


def comment_date(o: Outlet, dt: datetime) -> str:
    ui = o.ui
    if ui == "en":
        return f"{d_en_us(dt)} at {t_12(dt, dots=False).lower()}"
    if ui == "fr":
        return f"le {d_fr(dt)} \u00e0 {dt:%H}h{dt:%M}"
    if ui == "de":
        return f"{dt:%d.%m.%Y} um {dt:%H:%M} Uhr"
    if ui == "es":
        return f"{d_es(dt)}, {dt:%H:%M}"
    return f"{d_zh(dt)} {dt:%H:%M}"


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def e(s: object) -> str:
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")


def rng_for(*parts: str) -> random.Random:
    return random.Random("\x1f".join(parts))


ZH_SECTIONS = {
    "国内": "guonei", "国际": "guoji", "國際": "guoji", "时政": "shizheng", "時政": "shizheng",
    "评论": "pinglun", "評論": "pinglun", "观点": "guandian", "觀點": "guandian", "科技": "keji",
    "财经": "caijing", "財經": "caijing", "经济": "jingji", "經濟": "jingji", "社会": "shehui",
    "社會": "shehui", "法治": "fazhi", "深度": "shendu", "专题": "zhuanti", "專題": "zhuanti",
    "政治": "zhengzhi", "中国": "zhongguo", "中國": "zhongguo", "两岸": "liangan", "兩岸": "liangan",
    "文化": "wenhua", "人权": "renquan", "人權": "renquan", "要闻": "yaowen", "要聞": "yaowen",
    "地方": "difang", "调查": "diaocha", "調查": "diaocha", "专访": "zhuanfang", "專訪": "zhuanfang",
    "数字": "shuzi", "數位": "shuwei", "国际观察": "guoji-guancha", "读书": "dushu", "讀書": "dushu",
    "新闻": "xinwen", "新聞": "xinwen", "时评": "shiping", "時評": "shiping", "网评": "wangping",
    "特稿": "tegao", "社论": "shelun", "社論": "shelun", "世界": "shijie", "民生": "minsheng",
    "台湾": "taiwan", "台灣": "taiwan", "香港": "xianggang", "专栏": "zhuanlan", "專欄": "zhuanlan",
    "中国观察": "zhongguo-guancha", "中國觀察": "zhongguo-guancha", "通讯": "tongxun", "通訊": "tongxun",
    "解读": "jiedu", "解讀": "jiedu", "经济·解读": "jingji-jiedu", "經濟·解讀": "jingji-jiedu",
    "国际评论": "guoji-pinglun", "國際評論": "guoji-pinglun", "对外": "duiwai", "理论": "lilun",
    "理論": "lilun", "访谈": "fangtan", "訪談": "fangtan", "生活": "shenghuo", "教育": "jiaoyu",
    "军事": "junshi", "軍事": "junshi", "体育": "tiyu", "體育": "tiyu", "健康": "jiankang",
    "城市": "chengshi", "金融": "jinrong", "产业": "chanye", "產業": "chanye", "媒体": "meiti",
    "媒體": "meiti", "公民": "gongmin", "司法": "sifa", "数据": "shuju", "數據": "shuju",
}
# top-level folders a /<section>/<id>/ URL must not take over (slugs never contain dots,
# so they cannot clash with index.html, feed.xml etc.)
RESERVED_TOP = {"section", "img", "static", "search", "comments", "newsletter", "wp-admin",
                "private", "drafts", "intern", "staging", "embargoed", "brouillons", "borradores",
                "privado"}


def slugify(section: str) -> str:
    if section in ZH_SECTIONS:
        return ZH_SECTIONS[section]
    s = unicodedata.normalize("NFKD", section.replace("ß", "ss"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if not s:
        s = "s-" + hashlib.sha1(section.encode("utf-8")).hexdigest()[:8]
    if s in RESERVED_TOP or re.match(r"^\d{4}$", s):
        s = "s-" + s
    return s


def join_names(o: Outlet, names: list[str], wrap=lambda n: e(n)) -> str:
    S = S_ALL[o.ui]
    parts = [wrap(n) for n in names]
    if o.ui in ("zh", "zht"):
        return S["and"].join(parts) if o.ui == "zht" else " ".join(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + S["and"] + parts[-1]


def byline(o: Outlet, a: Article, cls="author") -> str:
    if not a.authors:
        return ""
    S = S_ALL[o.ui]
    return e(S["by"]) + join_names(o, a.authors, lambda n: f'<span class="{cls}">{e(n)}</span>')


def jdump(obj, pretty=False) -> str:
    s = json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None,
                   separators=None if pretty else (",", ":"))
    return s.replace("</", "<\\/")


# ---------------------------------------------------------------------------
# Site context per outlet
# ---------------------------------------------------------------------------

@dataclass
class Page:
    kind: str                     # article | home | section | static | draft
    path: str                     # URL path
    heading: str
    description: str
    article: Article | None = None
    items: list[Article] = field(default_factory=list)
    paras: list[str] = field(default_factory=list)
    section: str | None = None


class Site:
    def __init__(self, o: Outlet, articles: list[Article], year_to: int):
        self.o = o
        self.S = S_ALL[o.ui]
        self.origin = origin_of(o.slug)
        self.domain = f"{o.slug}.localhost"
        self.year_to = year_to
        self.articles = sorted(articles, key=lambda a: (a.dt, a.id), reverse=True)  # newest first
        # section slugs, stable and collision-free
        self.section_slug: dict[str, str] = {}
        used: dict[str, str] = {}
        for name in sorted({a.section for a in self.articles}):
            s = slugify(name)
            base, n = s, 2
            while s in used and used[s] != name:
                s, n = f"{base}-{n}", n + 1
            used[s] = name
            self.section_slug[name] = s
        counts: dict[str, int] = {}
        for a in self.articles:
            counts[a.section] = counts.get(a.section, 0) + 1
        self.sections = sorted(counts, key=lambda s: (-counts[s], s))
        for a in self.articles:
            self._place(a)
        self.draft = self._make_draft()

    # -- URLs ----------------------------------------------------------------
    def _place(self, a: Article) -> None:
        o = self.o
        a.off = utc_offset(o.tz, a.dt)
        a.iso = iso_local(a.dt, a.off)
        a.section_slug = self.section_slug.get(a.section, slugify(a.section))
        if a.draft:
            a.path = f"{o.disallow}draft-1.html"
            a.file = a.path.lstrip("/")
        elif o.url_scheme == "date":
            a.path = f"/{a.dt:%Y/%m/%d}/{a.id}.html"
            a.file = a.path.lstrip("/")
        elif o.url_scheme == "news":
            a.path = f"/news/{a.id}.html"
            a.file = a.path.lstrip("/")
        elif o.url_scheme == "section":
            a.path = f"/{a.section_slug}/{a.id}/"
            a.file = f"{a.section_slug}/{a.id}/index.html"
        elif o.url_scheme == "a":
            a.path = f"/a/{a.id}.htm"
            a.file = a.path.lstrip("/")
        else:
            raise ValueError(o.url_scheme)
        a.url = self.origin + a.path
        r = rng_for("extras", o.slug, a.id)
        if o.modified and r.random() < 0.35:
            mdt = a.dt + timedelta(minutes=r.randrange(45, 60 * 30, 5))
            a.modified = (mdt, utc_offset(o.tz, mdt))
        if r.random() < o.figure_prob:
            S = self.S
            cap = r.choice(S["captions"])
            credit = f"{S['photo']}: {r.choice(S['photographers'])}"
            a.figure = (S["alt"], cap, credit)

    def _make_draft(self) -> Article:
        S = self.S
        newest = self.articles[0].dt if self.articles else datetime(2024, 1, 15, 9, 0)
        dt = datetime(newest.year, newest.month, newest.day, 18, 0) + timedelta(days=1)
        section = self.sections[0] if self.sections else S["latest"]
        title = "DRAFT \u2014 must not be crawled: " + S["draft_title"]
        a = Article(rel="(generated)", line=0, id="draft-1", outlet=self.o, dt=dt, title=title,
                    authors=[], section=section, frame="none", case=[], summary=S["draft_body"][0],
                    body=[Block("p", [p]) for p in S["draft_body"]], text_lines=[], draft=True)
        self._place(a)
        return a

    def section_url(self, name: str) -> str:
        if name not in self.section_slug:      # only the draft of an outlet without articles
            return "/"
        return f"/section/{self.section_slug[name]}.html"

    def abs(self, path: str) -> str:
        return self.origin + path

    def feed_path(self) -> str:
        return {"rss2": "/feed.xml", "atom": "/atom.xml", "rdf": "/rss.rdf"}[self.o.feed]

    def feed_type(self) -> str:
        return "application/atom+xml" if self.o.feed == "atom" else "application/rss+xml"

    # -- lists -----------------------------------------------------------------
    def related(self, a: Article, n=4) -> list[Article]:
        others = [x for x in self.articles if x.id != a.id]
        key = lambda x: (x.section != a.section, abs((x.dt - a.dt).total_seconds()), x.id)
        return sorted(others, key=key)[:n]

    def most_read(self, seed: str, exclude: str | None = None, n=5) -> list[Article]:
        pool = sorted((x for x in self.articles if x.id != exclude), key=lambda x: x.id)
        r = rng_for("mostread", self.o.slug, seed)
        return r.sample(pool, min(n, len(pool)))

    def nav(self) -> list[tuple[str, str]]:
        return [(self.S["home"], "/")] + [(s, self.section_url(s)) for s in self.sections[:8]]

    def footer_links(self) -> list[tuple[str, str]]:
        S = self.S
        return [(S["about"], "/about.html"), (S["contact"], "/contact.html"),
                (S["privacy"], "/privacy.html"), (S["rss"], self.feed_path()),
                (S["sitemap"], "/sitemap.xml")]

    def copyright(self) -> str:
        o = self.o
        if o.ui in ("zh", "zht"):
            return f"\u00a9 {o.founded}-{self.year_to} {e(o.company)} {e(self.S['rights'])}"
        return f"\u00a9 {o.founded}\u2013{self.year_to} {e(o.company)}. {e(self.S['rights'])}"

    def share_links(self, page: Page) -> list[tuple[str, str, str]]:
        url = self.abs(page.path)
        u = quote(url, safe="")
        t = quote(page.heading, safe="")
        S = self.S
        return [("x", S["share_x"], f"https://x.com/intent/post?url={u}&text={t}"),
                ("facebook", S["share_fb"], f"https://www.facebook.com/sharer/sharer.php?u={u}"),
                ("email", S["share_mail"], f"mailto:?subject={t}&body={u}")]

    def doc_title(self, page: Page) -> str:
        o = self.o
        if page.kind == "home":
            return f"{o.display} \u2013 {o.tagline}" if o.ui not in ("zh", "zht") \
                else f"{o.display} - {o.tagline}"
        return page.heading + o.title_suffix

    def lang_attr(self) -> str:
        return f' lang="{self.o.html_lang}"' if self.o.html_lang else ""

    # -- <head> ----------------------------------------------------------------
    def head(self, page: Page, style: str, script: str, extra: str = "") -> str:
        o, S = self.o, self.S
        a = page.article
        h: list[str] = ["<head>"]
        if o.encoding == "utf-8":
            h.append('<meta charset="utf-8">')
        else:
            h.append('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
        h.append(f"<title>{e(self.doc_title(page))}</title>")
        if o.template != "legacy":
            h.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
        h.append(f'<meta name="description" content="{e(page.description)}">')
        if page.kind == "draft":
            h.append('<meta name="robots" content="noindex, nofollow">')
        if o.canonical:
            h.append(f'<link rel="canonical" href="{e(self.abs(page.path))}">')
        if o.og:
            og_title = page.heading + (o.title_suffix if o.og_suffix else "")
            if page.kind == "home":
                og_title = o.display
            h.append(f'<meta property="og:site_name" content="{e(o.display)}">')
            h.append(f'<meta property="og:title" content="{e(og_title)}">')
            h.append(f'<meta property="og:description" content="{e(page.description)}">')
            h.append(f'<meta property="og:type" content="{"article" if a else "website"}">')
            h.append(f'<meta property="og:url" content="{e(self.abs(page.path))}">')
            h.append(f'<meta property="og:locale" content="{self.og_locale()}">')
            if a:
                if a.figure:
                    h.append(f'<meta property="og:image" content="{e(self.abs("/img/" + a.id + ".jpg"))}">')
                h.append(f'<meta property="article:published_time" content="{a.iso}">')
                if a.modified:
                    h.append(f'<meta property="article:modified_time" content="{a.modified_iso}">')
                h.append(f'<meta property="article:section" content="{e(a.section)}">')
                for name in a.authors:
                    h.append(f'<meta property="article:author" content="{e(name)}">')
            if o.template == "regional":
                h.append('<meta name="twitter:card" content="summary_large_image">')
        h.append(f'<link rel="alternate" type="{self.feed_type()}" '
                 f'title="{e(o.display)} \u2013 {e(S["rss"])}" href="{e(self.abs(self.feed_path()))}">'
                 if o.encoding == "utf-8" else
                 f'<link rel="alternate" type="{self.feed_type()}" title="{e(o.display)} - RSS" '
                 f'href="{e(self.abs(self.feed_path()))}">')
        if a and o.jsonld:
            h.append('<script type="application/ld+json">'
                     + jdump(self.jsonld(a), pretty=(o.jsonld == "graph" or o.slug == "huaxiadaily"))
                     + "</script>")
        if extra:
            h.append(extra)
        h.append(f"<style>{style}</style>")
        if script:
            h.append(f"<script>{script}</script>")
        h.append("</head>")
        return "\n".join(h)

    def og_locale(self) -> str:
        return {"harbourledger": "en_GB", "northerncourier": "en_US", "abendpost": "de_DE",
                "faroaustral": "es_AR", "tribunelemanique": "fr_CH",
                "chinahorizon": "en_US"}.get(self.o.slug, "en_US")

    def jsonld(self, a: Article) -> dict:
        o = self.o
        lang = o.html_lang if o.html_lang and o.slug != "chinahorizon" else o.language
        if o.slug == "chinahorizon":
            lang = "en"
        people = [{"@type": "Person", "name": n} for n in a.authors]
        publisher = {"@type": "Organization", "name": o.display,
                     "logo": {"@type": "ImageObject", "url": self.abs("/img/logo.png")}}
        if o.jsonld == "graph":
            org_id = self.origin + "/#organization"
            site_id = self.origin + "/#website"
            graph = [
                {"@type": "Organization", "@id": org_id, "name": o.display, "url": self.origin + "/",
                 "logo": {"@type": "ImageObject", "url": self.abs("/img/logo.png")}},
                {"@type": "WebSite", "@id": site_id, "url": self.origin + "/", "name": o.display,
                 "publisher": {"@id": org_id}, "inLanguage": lang},
                {"@type": "WebPage", "@id": a.url, "url": a.url, "name": a.title + o.title_suffix,
                 "isPartOf": {"@id": site_id}, "inLanguage": lang,
                 "breadcrumb": {"@id": a.url + "#breadcrumb"}},
                {"@type": "BreadcrumbList", "@id": a.url + "#breadcrumb", "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": self.origin + "/"},
                    {"@type": "ListItem", "position": 2, "name": a.section,
                     "item": self.abs(self.section_url(a.section))},
                    {"@type": "ListItem", "position": 3, "name": a.title}]},
            ]
            art = {"@type": "NewsArticle", "@id": a.url + "#article", "isPartOf": {"@id": a.url},
                   "mainEntityOfPage": {"@id": a.url}, "headline": a.title,
                   "description": a.summary, "datePublished": a.iso,
                   "author": [{"@id": self.origin + "/#/person/" + slugify(n)} for n in a.authors]
                   or {"@id": org_id},
                   "publisher": {"@id": org_id}, "inLanguage": lang, "articleSection": a.section}
            if a.modified:
                art["dateModified"] = a.modified_iso
            graph.append(art)
            for n in a.authors:
                graph.append({"@type": "Person", "@id": self.origin + "/#/person/" + slugify(n),
                              "name": n})
            return {"@context": "https://schema.org", "@graph": graph}
        d: dict = {"@context": "https://schema.org", "@type": "NewsArticle",
                   "mainEntityOfPage": {"@type": "WebPage", "@id": a.url},
                   "headline": a.title, "description": a.summary, "datePublished": a.iso}
        if a.modified:
            d["dateModified"] = a.modified_iso
        elif o.slug == "huaxiadaily":
            d["dateModified"] = a.iso
        d["author"] = people if people else {"@type": "Organization", "name": o.display}
        d["publisher"] = publisher
        d["inLanguage"] = lang
        d["articleSection"] = a.section
        if a.figure:
            d["image"] = [self.abs(f"/img/{a.id}.jpg")]
        if o.slug == "continentalwire":
            d["isAccessibleForFree"] = True
            d["copyrightHolder"] = {"@type": "Organization", "name": o.company}
        return d

    # -- shared fragments ------------------------------------------------------
    def body_html(self, a: Article, inserts: dict[int, str] | None = None,
                  h2_class: str = "", legacy=False) -> str:
        out: list[str] = []
        inserts = inserts or {}
        hc = f' class="{h2_class}"' if h2_class else ""
        for i, b in enumerate(a.body):
            if legacy:
                if b.kind == "p":
                    out.append(f'<div class="bloc"><div class="txt">{e(b.items[0])}<br><br></div></div>')
                elif b.kind == "h2":
                    out.append(f'<div class="inter"><b>{e(b.items[0])}</b></div><br>')
                elif b.kind == "quote":
                    out.append('<div class="bloc"><div class="citation"><i>'
                               + "<br><br>".join(e(x) for x in b.items) + "</i><br><br></div></div>")
                else:
                    out.append('<div class="bloc"><div class="txt">'
                               + "".join(f"&middot; {e(x)}<br>" for x in b.items) + "<br></div></div>")
            else:
                if b.kind == "p":
                    out.append(f"<p>{e(b.items[0])}</p>")
                elif b.kind == "h2":
                    out.append(f"<h2{hc}>{e(b.items[0])}</h2>")
                elif b.kind == "quote":
                    out.append("<blockquote>" + "".join(f"<p>{e(x)}</p>" for x in b.items)
                               + "</blockquote>")
                else:
                    out.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in b.items) + "</ul>")
            if i + 1 in inserts and i + 1 < len(a.body):
                out.append(inserts[i + 1])
        return "\n".join(out)

    def mid(self, a: Article, after: int, min_blocks: int) -> int | None:
        return after if len(a.body) >= min_blocks else None

    def read_more_insert(self, a: Article) -> dict[int, str]:
        if not self.o.read_more or a.draft or len(a.body) < 3:
            return {}
        rel = self.related(a, 1)
        if not rel:
            return {}
        r = rel[0]
        pos = (len(a.body) + 1) // 2
        return {pos: f'<p class="read-more"><strong>{e(self.S["read_more"])}</strong> '
                     f'<a href="{e(r.path)}">{e(r.title)}</a></p>'}

    def comments_for(self, a: Article) -> list[tuple[str, str, datetime]]:
        return a.comments


# ---------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------

CSS = {
    "broadsheet": "body{margin:0;font-family:Georgia,'Times New Roman',serif;color:#1a1a1a;background:#fff}"
                  ".masthead{border-bottom:3px double #111}.masthead__inner{max-width:1180px;margin:0 auto;"
                  "display:flex;justify-content:space-between;align-items:flex-end;padding:18px 16px}"
                  ".masthead__logo{font-size:2.6rem;font-weight:700;color:#111;text-decoration:none;"
                  "letter-spacing:-.02em}.masthead__tagline{margin:4px 0 0;font-style:italic;color:#555}"
                  ".primary-nav__list{list-style:none;display:flex;gap:18px;max-width:1180px;margin:0 auto;"
                  "padding:10px 16px}.primary-nav a{color:#111;text-transform:uppercase;font:600 .8rem "
                  "Helvetica,Arial,sans-serif;text-decoration:none}.layout{max-width:1180px;margin:0 auto;"
                  "display:grid;grid-template-columns:1fr 300px;gap:40px;padding:24px 16px}"
                  ".story__headline{font-size:2.4rem;line-height:1.1;margin:.2em 0}.story__standfirst{"
                  "font-size:1.25rem;color:#444}.story__meta{font:.85rem Helvetica,Arial,sans-serif;"
                  "color:#666;border-top:1px solid #ddd;padding-top:8px}.story__body p{font-size:1.1rem;"
                  "line-height:1.6}.story__body blockquote{border-left:4px solid #b00;margin:1.5em 0;"
                  "padding-left:1em;font-style:italic}.ad{background:#f4f4f4;text-align:center;"
                  "padding:8px;margin:16px auto}.ad__label{font:10px Arial,sans-serif;text-transform:"
                  "uppercase;color:#888;display:block}.ad--leaderboard .ad__slot{width:728px;height:90px;"
                  "margin:0 auto}.ad--mpu .ad__slot{width:300px;height:250px;margin:0 auto}"
                  ".cookie-consent{position:fixed;bottom:0;left:0;right:0;background:#111;color:#eee;"
                  "padding:16px;z-index:99}.share-tools ul{list-style:none;display:flex;gap:8px;padding:0}"
                  ".site-footer{background:#111;color:#bbb;padding:32px 16px;font:.85rem Helvetica,"
                  "Arial,sans-serif}.site-footer a{color:#ddd}.teaser{border-bottom:1px solid #e5e5e5;"
                  "padding:12px 0}.skip-link{position:absolute;left:-9999px}",
    "regional": "body{margin:0;background:#e9ecef;font:15px/1.5 Verdana,Geneva,sans-serif}"
                "#wrapper{width:1000px;margin:0 auto;background:#fff}#top-links{background:#1d3557;"
                "color:#fff;font-size:11px;padding:4px 10px;text-align:right}#top-links ul{margin:0;"
                "padding:0;list-style:none}#top-links li{display:inline;margin-left:12px}"
                "#top-links a{color:#fff}#header{padding:14px 10px;overflow:hidden}#logo{float:left}"
                "#logo .site-name{font:bold 36px 'Trebuchet MS',sans-serif;color:#1d3557}"
                "#logo .slogan{display:block;color:#777;font-size:12px}#header-ad{float:right;"
                "width:468px;height:60px;background:#f1f1f1}#navigation{background:#e63946}"
                "#navigation ul{margin:0;padding:0;list-style:none;overflow:hidden}"
                "#navigation li{float:left}#navigation a{display:block;padding:8px 14px;color:#fff;"
                "font-weight:bold;text-decoration:none}#main{overflow:hidden;padding:10px}"
                "#left-column{float:left;width:640px}#right-column{float:right;width:300px}"
                ".headline{font:bold 30px/1.15 'Trebuchet MS',sans-serif;margin:8px 0}"
                ".deck{font-size:17px;color:#444}.article-info{color:#666;font-size:12px;"
                "border-bottom:1px dotted #ccc;padding-bottom:6px}.article-text p{margin:0 0 1em}"
                ".ad{background:#f7f7f7;border:1px solid #eee;text-align:center;color:#999;"
                "font-size:10px;padding:6px;margin:12px 0}.inline-ad{min-height:250px}"
                ".widget{border-top:3px solid #1d3557;margin-bottom:18px}.widget h3{font-size:14px;"
                "text-transform:uppercase}.comment-item{border-bottom:1px solid #eee;padding:8px 0}"
                ".read-more{background:#f1faee;padding:6px 10px;border-left:3px solid #e63946}"
                "#footer{background:#1d3557;color:#ccd;padding:16px;font-size:11px}#footer a{color:#fff}"
                ".cookie-notice{background:#333;color:#fff;padding:12px;font-size:13px}",
    "wire": "body{margin:0;font:16px/1.55 'Helvetica Neue',Arial,sans-serif;color:#222}"
            ".wire-ticker{background:#ff8000;color:#000;font-weight:700;padding:4px 20px;font-size:12px}"
            ".wire-header{display:flex;align-items:center;gap:30px;padding:12px 20px;border-bottom:1px "
            "solid #ddd}.wire-logo{font-weight:800;font-size:22px;color:#000;text-decoration:none}"
            ".wire-nav a{margin-right:14px;color:#333;font-size:14px;text-decoration:none}"
            ".wire-main{max-width:760px;margin:0 auto;padding:20px}.wire-slug{font-size:12px;"
            "text-transform:uppercase;letter-spacing:.08em;color:#ff8000;font-weight:700}"
            ".wire-headline{font-size:34px;line-height:1.15;margin:8px 0 12px}.wire-meta{font-size:13px;"
            "color:#666}.wire-body p{margin:0 0 1.1em}.wire-credit,.wire-licensing{font-size:13px;"
            "color:#666}.ad-slot{background:#fafafa;border:1px dashed #ccc;min-height:100px;"
            "text-align:center;margin:24px 0}.ad-label{font-size:11px;color:#999;margin:0}"
            ".wire-footer{border-top:4px solid #ff8000;padding:20px;font-size:13px;color:#555}"
            ".wire-share a{font-size:12px;margin-right:10px}",
    "thinktank": "body{margin:0;font:17px/1.65 'Source Serif',Georgia,serif;color:#202a33;"
                 "background:#fbfaf7}.site-head{background:#0b3954;color:#fff}.container{max-width:"
                 "1120px;margin:0 auto;padding:0 20px}.site-head .container{display:flex;align-items:"
                 "center;justify-content:space-between;padding:18px 20px}.brand{color:#fff;"
                 "text-decoration:none}.brand-name{display:block;font:700 22px 'Helvetica Neue',Arial,"
                 "sans-serif;letter-spacing:.04em;text-transform:uppercase}.brand-sub{font-size:13px;"
                 "opacity:.8}.main-menu ul{list-style:none;display:flex;gap:22px;margin:0;padding:0}"
                 ".main-menu a{color:#fff;font:14px 'Helvetica Neue',Arial,sans-serif}.btn-donate{"
                 "background:#ff5a5f;color:#fff;padding:8px 16px;border-radius:3px}.row{display:flex;"
                 "gap:48px;padding:32px 0}.col-main{flex:1}.col-side{width:300px}.pub-type{font:700 12px "
                 "'Helvetica Neue',Arial,sans-serif;text-transform:uppercase;color:#087e8b}.pub-title{"
                 "font-size:40px;line-height:1.15;margin:10px 0}.pub-summary{background:#eef4f5;"
                 "padding:16px 22px;border-left:4px solid #087e8b}.pub-body h2{font-size:24px;"
                 "margin-top:1.8em}.pub-body blockquote{margin:1.5em 2em;color:#444}.pub-cite{"
                 "font-size:14px;color:#555;border-top:1px solid #ccc;margin-top:40px}.side-box{"
                 "background:#fff;border:1px solid #e1e1e1;padding:16px;margin-bottom:20px}"
                 ".ad{font:11px Arial,sans-serif;color:#888;text-align:center;background:#f0f0f0;"
                 "padding:20px}.site-foot{background:#0b3954;color:#cfe;padding:30px 0;font-size:14px}"
                 ".site-foot a{color:#fff}.cookie-bar{background:#fff;border-top:2px solid #0b3954;"
                 "padding:14px 20px;font-size:14px}.visually-hidden{position:absolute;left:-9999px}",
    "portal": "body{margin:0;font:14px/1.8 'Microsoft YaHei','PingFang SC',SimSun,sans-serif;color:#333}"
              ".w1200{width:1200px;margin:0 auto}.fl{float:left}.fr{float:right}.clearfix:after{"
              "content:'';display:block;clear:both}.topbar{background:#f5f5f5;border-bottom:1px solid "
              "#e5e5e5;font-size:12px;line-height:32px}.topbar-r{float:right}.header{height:90px}"
              ".logo{float:left;padding-top:18px}.logo span{font:bold 34px 'STKaiti',serif;color:#c00}"
              ".logo img{display:none}.header-search{float:right;padding-top:30px}.nav{background:#c00}"
              ".nav-list{margin:0 auto;padding:0;list-style:none;height:42px}.nav-list li{float:left}"
              ".nav-list a{display:block;padding:0 20px;line-height:42px;color:#fff;font-size:16px}"
              ".gg{background:#fafafa;border:1px solid #eee;color:#aaa;font-size:12px;text-align:center;"
              "margin:10px auto;height:90px}.main-l{width:820px}.main-r{width:340px}.crumb{font-size:12px;"
              "color:#888;border-bottom:1px solid #eee}.article-title{font-size:28px;line-height:1.4;"
              "text-align:center;margin:20px 0 10px}.article-info{text-align:center;color:#999;"
              "font-size:13px}.article-info span{margin:0 8px}.article-content{font-size:16px;"
              "line-height:2}.article-content p{text-indent:2em;margin:0 0 1em}.pic{text-align:center;"
              "text-indent:0!important}.pic-desc{text-align:center;color:#666;font-size:14px;"
              "text-indent:0!important}.editor{text-align:right;color:#999}.phb h3,.xgxw h3{"
              "border-bottom:2px solid #c00;font-size:18px}.phb ol{padding-left:20px}.footer{"
              "background:#333;color:#999;text-align:center;padding:20px 0;margin-top:30px;font-size:12px}"
              ".footer a{color:#ccc;margin:0 6px}",
    "blog": "body{margin:0;font:17px/1.7 -apple-system,'Segoe UI',Roboto,sans-serif;color:#2b2b2b;"
            "background:#fcfcfc}.site{max-width:1100px;margin:0 auto}.screen-reader-text{position:"
            "absolute!important;clip:rect(1px,1px,1px,1px);height:1px;width:1px;overflow:hidden}"
            ".site-header{padding:30px 20px 10px;border-bottom:1px solid #eee}.site-title{font-size:"
            "30px;font-weight:800;margin:0}.site-title a{color:#2b2b2b;text-decoration:none}"
            ".site-description{color:#777;margin:0}.main-navigation ul{list-style:none;margin:0;"
            "padding:0;display:flex;gap:20px}.main-navigation a{color:#0073aa;text-decoration:none}"
            ".menu-toggle{display:none}.site-content{display:flex;gap:50px;padding:30px 20px}"
            ".content-area{flex:1;min-width:0}.widget-area{width:280px;font-size:15px}"
            ".entry-title{font-size:36px;line-height:1.2;margin:0 0 8px}.entry-meta,.entry-footer{"
            "font-size:14px;color:#767676}.entry-content blockquote{border-left:3px solid #0073aa;"
            "margin-left:0;padding-left:20px;color:#555}.post-navigation{display:flex;"
            "justify-content:space-between;border-top:1px solid #eee;border-bottom:1px solid #eee;"
            "padding:14px 0;margin:30px 0}.comment-list{list-style:none;padding:0}.comment-body{"
            "border-bottom:1px solid #eee;padding:14px 0}.comment-meta{font-size:14px}"
            ".widget{margin-bottom:36px}.widget-title{font-size:14px;text-transform:uppercase;"
            "letter-spacing:.1em}.ad-widget{background:#f2f2f2;text-align:center;padding:40px 10px;"
            "color:#999;font-size:12px}.site-footer{border-top:1px solid #eee;padding:24px 20px;"
            "font-size:14px;color:#767676}",
    "legacy": "body{margin:0;background:#d9d2c5;font-family:Arial,Helvetica,sans-serif;font-size:12px}"
              "#global{width:980px;margin:0 auto;background:#fff}#bandeau{background:#7a1f1f;"
              "height:100px;position:relative}#logo{position:absolute;left:14px;top:18px}#logo a{"
              "color:#fff;font:bold 38px 'Times New Roman',serif;text-decoration:none}#logo img{"
              "border:0}#slogan{position:absolute;left:16px;top:70px;color:#f3d9b1;font-style:italic}"
              "#menu{background:#333;color:#999;padding:5px 10px}#menu a{color:#fff;font-weight:bold;"
              "text-decoration:none}.rubrique{color:#7a1f1f;font-weight:bold;text-transform:uppercase}"
              ".titre_article{font:bold 24px 'Times New Roman',serif;margin:6px 0}.chapo{font-weight:"
              "bold;font-size:13px}.signature{color:#7a1f1f}.date_publi{color:#777;font-size:11px}"
              ".texte{font-size:13px;line-height:1.5}.inter{color:#7a1f1f;font-size:14px}.citation{"
              "color:#444;margin-left:20px}.pub{background:#eee;color:#999;font-size:10px;text-align:"
              "center;padding:4px}td.colonne_droite{background:#f3efe6;width:250px}.reaction{"
              "border-bottom:1px dotted #aaa;padding:6px 0}#pied{background:#333;color:#ccc;"
              "padding:10px;font-size:11px}#pied a{color:#fff}#bandeau_cookies{background:#fffbe6;"
              "border:1px solid #e0c97a;padding:8px;font-size:11px}",
}

JS = {
    "broadsheet": "document.documentElement.className=document.documentElement.className.replace('no-js','js');"
                  "window.hlq=window.hlq||[];window.hlq.push(['page',{type:document.body?'article':'page'}]);",
    "regional": "var _ncq=_ncq||[];_ncq.push(['trackPageview']);function closeCookies(){"
                "var b=document.getElementById('cookie-notice');if(b){b.style.display='none';}}",
    "wire": "window.cwsConfig={edition:'intl',adsEnabled:true};",
    "thinktank": "window.siteAnalytics=window.siteAnalytics||function(){(window.siteAnalytics.q="
                 "window.siteAnalytics.q||[]).push(arguments)};siteAnalytics('pageview');",
    "portal": "var _hmt=_hmt||[];(function(){var d=new Date();window.__pv={t:d.getTime()};})();",
    "blog": "document.documentElement.className+=' js';var themeSettings={\"menuToggle\":true};",
    "legacy": "function popup(u){window.open(u,'imprimer','width=600,height=500');return false;}",
}


def cookie_html(site: Site, style: str) -> str:
    if not site.o.cookie:
        return ""
    S = site.S
    if style == "broadsheet":
        return (f'<div class="cookie-consent" id="cookie-consent" role="dialog" aria-live="polite">'
                f'<p class="cookie-consent__text">{e(S["cookie"])}</p>'
                f'<div class="cookie-consent__actions"><button type="button" class="btn btn--primary">'
                f'{e(S["cookie_ok"])}</button> <button type="button" class="btn">{e(S["cookie_no"])}'
                f'</button> <a href="/privacy.html">{e(S["cookie_set"])}</a></div></div>')
    if style == "regional":
        return (f'<div id="cookie-notice" class="cookie-notice"><span>{e(S["cookie"])}</span> '
                f'<a href="#" onclick="closeCookies();return false;" class="cn-accept">'
                f'{e(S["cookie_ok"])}</a> <a href="/privacy.html" class="cn-more">{e(S["cookie_set"])}'
                f'</a></div>')
    if style == "thinktank":
        return (f'<aside class="cookie-bar" aria-label="Cookies"><p>{e(S["cookie"])}</p>'
                f'<form class="cookie-bar__form"><button name="consent" value="all">{e(S["cookie_ok"])}'
                f'</button> <button name="consent" value="none">{e(S["cookie_no"])}</button></form>'
                f'</aside>')
    # legacy
    return (f'<div id="bandeau_cookies">{e(S["cookie"])} <a href="#">[{e(S["cookie_ok"])}]</a> '
            f'<a href="/privacy.html">[{e(S["cookie_set"])}]</a></div>')


def newsletter_html(site: Site, cls: str, heading_tag="h2", box="section") -> str:
    S = dict(site.S)
    if site.o.template == "thinktank":
        S.update(TT[site.o.ui]["nl"])
    req = "" if box == "div" else " required"
    return (f'<{box} class="{cls}"><{heading_tag}>{e(S["nl_title"])}</{heading_tag}>'
            f'<p>{e(S["nl_text"])}</p><form action="/newsletter" method="post">'
            f'<input type="{"text" if box == "div" else "email"}" name="email" placeholder="{e(S["nl_ph"])}"{req}> '
            f'<button type="submit">{e(S["nl_btn"])}</button></form></{box}>')


def li_links(items: list[Article], absolute: Site | None = None, cls="") -> str:
    c = f' class="{cls}"' if cls else ""
    return "".join(f'<li{c}><a href="{e(absolute.abs(x.path) if absolute else x.path)}">'
                   f'{e(x.title)}</a></li>' for x in items)


def static_paras(site: Site, kind: str) -> tuple[str, list[str]]:
    S, o = site.S, site.o
    fmt = dict(site=o.display, domain=site.domain, founded=o.founded)
    if kind == "about":
        return S["about"], [o.about.format(**fmt), S["about_2"]]
    if kind == "contact":
        return S["contact"], [p.format(**fmt) for p in S["contact_body"]]
    return S["privacy"], [p.format(**fmt) for p in S["privacy_body"]]


def static_inner(site: Site, pg: Page, legacy: bool = False) -> str:
    """Paragraphs of an about/contact/privacy page plus a short list of the latest articles."""
    S = site.S
    latest = site.articles[:8]
    if legacy:
        out = "".join(f'<div class="txt">{e(p)}<br><br></div>' for p in pg.paras)
        if latest:
            out += (f'<div class="titre_bloc">{e(S["latest"])}</div>'
                    + "".join(f'<div class="lien">&raquo; <a href="{e(x.path)}">{e(x.title)}</a></div>'
                              for x in latest))
        return out
    out = "".join(f"<p>{e(p)}</p>" for p in pg.paras)
    if latest:
        out += (f'<h2 class="latest-title">{e(S["latest"])}</h2><ul class="latest-list">'
                + "".join(f'<li><a href="{e(x.path)}">{e(x.title)}</a> <span class="latest-summary">'
                          f'{e(x.summary)}</span></li>' for x in latest) + "</ul>")
    return out


# -- broadsheet: harbourledger, tribunelemanique, gacetaiberica ---------------------------------

def tpl_broadsheet(site: Site, pg: Page) -> str:
    o, S = site.o, site.S
    a = pg.article
    out = ["<!DOCTYPE html>", f'<html{site.lang_attr()} class="no-js">',
           site.head(pg, CSS["broadsheet"], JS["broadsheet"]),
           f'<body class="{"page-article" if a else "page-index"} section-{e(a.section_slug) if a else "home"}">',
           f'<a class="skip-link" href="#main-content">{e(S["skip"])}</a>',
           cookie_html(site, "broadsheet"),
           '<header class="masthead" role="banner"><div class="masthead__inner">'
           f'<div class="masthead__brand"><a class="masthead__logo" href="{site.origin}/" rel="home">'
           f'{e(o.display)}</a><p class="masthead__tagline">{e(o.tagline)}</p></div>'
           f'<div class="masthead__tools"><a class="btn btn--subscribe" href="{site.origin}/about.html">'
           f'{e(S["subscribe"])}</a> <form class="masthead__search" action="/search" method="get" '
           f'role="search"><label for="q">{e(S["search"])}</label> <input id="q" name="q" type="search" '
           f'placeholder="{e(S["search_ph"])}"> <button type="submit">{e(S["search"])}</button></form>'
           '</div></div>'
           f'<nav class="primary-nav" aria-label="{e(S["menu"])}"><ul class="primary-nav__list">'
           + "".join(f'<li class="primary-nav__item"><a href="{site.origin}{e(h)}">{e(t)}</a></li>'
                     for t, h in site.nav())
           + "</ul></nav></header>",
           f'<div class="ad ad--leaderboard"><span class="ad__label">{e(S["ad"])}</span>'
           '<div class="ad__slot" id="ad-top" data-size="728x90"></div></div>',
           '<main id="main-content" class="layout"><div class="layout__primary">']
    if a:
        date_html = ""
        if o.time_el:
            date_html = f'<time datetime="{a.iso}" class="story__published">{e(display_date(o, a.dt, a.off))}</time>'
            if a.modified:
                mdt, moff = a.modified
                date_html += (f' <span class="story__updated">{e(S["updated"])} <time datetime='
                              f'"{a.modified_iso}">{e(display_date(o, mdt, moff))}</time></span>')
        else:
            date_html = f'<span class="story__published">{e(display_date(o, a.dt, a.off))}</span>'
        by = byline(o, a, "byline__author")
        syn = f'<p class="story__source">{e(S["source"])} {e(a.source_name)}</p>' if a.source_name else ""
        fig = ""
        if a.figure:
            alt, cap, credit = a.figure
            fig = (f'<figure class="story__figure"><img src="/img/{e(a.id)}.jpg" alt="{e(alt)}: {e(cap)}" '
                   f'width="1200" height="675" loading="lazy"><figcaption>{e(cap)} '
                   f'<span class="story__credit">{e(credit)}</span></figcaption></figure>')
        ins = {}
        if len(a.body) >= 6:
            ins[3] = (f'<div class="ad ad--inline"><span class="ad__label">{e(S["ad"])}</span>'
                      '<div class="ad__slot" data-size="300x250"></div></div>')
        share = ('<div class="share-tools"><span class="share-tools__label">' + e(S["share"])
                 + '</span><ul>' + "".join(f'<li><a class="share share--{k}" href="{e(h)}" rel="noopener">'
                                           f'{e(t)}</a></li>' for k, t, h in site.share_links(pg))
                 + "</ul></div>")
        out += [
            '<article class="story">',
            '<header class="story__header">'
            f'<p class="story__kicker"><a href="{site.origin}{e(site.section_url(a.section))}">{e(a.section)}</a></p>'
            f'<h1 class="story__headline">{e(a.title)}</h1>'
            f'<p class="story__standfirst">{e(a.summary)}</p>'
            '<div class="story__meta">'
            + (f'<p class="byline">{by}</p>' if by else "") + syn
            + f'<p class="story__date">{date_html}</p></div></header>',
            share, fig,
            '<div class="story__body">', site.body_html(a, ins), "</div>",
            f'<footer class="story__footer"><p class="story__topics">{e(S["topics"])}: '
            f'<a href="{site.origin}{e(site.section_url(a.section))}">{e(a.section)}</a></p></footer>',
            "</article>",
        ]
        rel = site.related(a)
        if rel:
            out.append(f'<section class="related-stories"><h2 class="related-stories__title">'
                       f'{e(S["related"])}</h2><ul class="related-stories__list">'
                       + li_links(rel, site, "related-stories__item") + "</ul></section>")
    elif pg.kind in ("home", "section"):
        out.append(f'<section class="front"><h1 class="front__title">{e(pg.heading)}</h1>')
        if not pg.items:
            out.append(f'<p class="front__empty">{e(S["empty"])}</p>')
        else:
            out.append('<ul class="front__list">')
            for x in pg.items:
                t = (f'<p class="teaser__meta"><time datetime="{x.iso}">{e(display_date(o, x.dt, x.off))}'
                     f'</time></p>') if o.time_el else ""
                out.append(f'<li class="teaser"><p class="teaser__kicker">{e(x.section)}</p>'
                           f'<h2 class="teaser__headline"><a href="{site.abs(x.path)}">{e(x.title)}</a></h2>'
                           f'<p class="teaser__summary">{e(x.summary)}</p>{t}</li>')
            out.append("</ul>")
        out.append("</section>")
    else:
        out.append(f'<article class="static-page"><h1>{e(pg.heading)}</h1>'
                   + static_inner(site, pg) + "</article>")
    mr = site.most_read(pg.path, a.id if a else None)
    out += ['</div><aside class="layout__rail">',
            f'<section class="rail-block rail-block--mostread"><h2 class="rail-block__title">'
            f'{e(S["mostread"])}</h2><ol class="mostread">' + li_links(mr, site) + "</ol></section>",
            f'<div class="ad ad--mpu"><span class="ad__label">{e(S["ad"])}</span>'
            '<div class="ad__slot" data-size="300x250"></div></div>',
            newsletter_html(site, "newsletter-signup"),
            "</aside></main>",
            '<footer class="site-footer"><div class="site-footer__inner">'
            f'<p class="site-footer__brand">{e(o.display)}</p>'
            '<ul class="site-footer__sections">'
            + "".join(f'<li><a href="{site.origin}{e(h)}">{e(t)}</a></li>' for t, h in site.nav()[1:])
            + '</ul><ul class="site-footer__links">'
            + "".join(f'<li><a href="{site.origin}{e(h)}">{e(t)}</a></li>' for t, h in site.footer_links())
            + f'</ul><p class="site-footer__copyright">{site.copyright()}</p>'
            f'<p class="site-footer__top"><a href="#main-content">{e(S["top"])}</a></p></div></footer>',
            "</body>", "</html>"]
    return "\n".join(x for x in out if x)


# -- regional: northerncourier, faroaustral, abendpost ---------------------------------------

def comments_block_regional(site: Site, a: Article) -> str:
    S = site.S
    cs = a.comments
    out = [f'<div id="comments" class="comments-section"><h3>{e(S["comments"].format(n=len(cs)))}</h3>']
    if cs:
        out.append('<ul class="comment-thread">')
        for name, text, dt in cs:
            out.append(f'<li class="comment-item"><div class="comment-header"><span class="commenter">'
                       f'{e(name)}</span> <span class="comment-time">{e(comment_date(site.o, dt))}</span>'
                       f'</div><p class="comment-body">{e(text)}</p></li>')
        out.append("</ul>")
    else:
        out.append(f'<p class="no-comments">{e(S["no_comments"])}</p>')
    out.append(f'<form class="comment-form" action="/comments/post" method="post"><h4>{e(S["leave"])}</h4>'
               f'<label>{e(S["c_name"])} <input type="text" name="name"></label>'
               f'<label>{e(S["c_text"])} <textarea name="comment" rows="4"></textarea></label>'
               f'<button type="submit">{e(S["c_send"])}</button></form></div>')
    return "".join(out)


def tpl_regional(site: Site, pg: Page) -> str:
    o, S = site.o, site.S
    a = pg.article
    out = ["<!DOCTYPE html>", f"<html{site.lang_attr()}>",
           site.head(pg, CSS["regional"], JS["regional"]),
           f'<body id="{o.slug}" class="{pg.kind}">',
           cookie_html(site, "regional"),
           '<div id="wrapper">',
           f'<div id="top-links"><ul><li><a href="/about.html">{e(S["subscribe"])}</a></li>'
           f'<li><a href="/about.html">{e(S["login"])}</a></li></ul></div>',
           f'<div id="header"><div id="logo"><a href="/"><span class="site-name">{e(o.display)}</span></a>'
           f'<span class="slogan">{e(o.tagline)}</span></div>'
           f'<div id="header-ad" class="ad"><small>{e(S["ad"])}</small></div></div>',
           '<div id="navigation"><ul class="menu">'
           + "".join(f'<li class="menu-item"><a href="{e(h)}">{e(t)}</a></li>' for t, h in site.nav())
           + "</ul></div>",
           '<div id="main"><div id="left-column">']
    if a:
        out.append(f'<div class="breadcrumb"><a href="/">{e(S["home"])}</a> &rsaquo; '
                   f'<a href="{e(site.section_url(a.section))}">{e(a.section)}</a></div>')
        out.append('<div class="article-container">')
        out.append(f'<h1 class="headline">{e(a.title)}</h1>')
        out.append(f'<p class="deck">{e(a.summary)}</p>')
        by = byline(o, a, "author-link")
        dl = (f'<time datetime="{a.iso}">{e(display_date(o, a.dt, a.off))}</time>' if o.time_el
              else e(display_date(o, a.dt, a.off)))
        out.append('<div class="article-info">' + (f'<div class="author-name">{by}</div>' if by else "")
                   + (f'<div class="source-line">{e(S["source"])} {e(a.source_name)}</div>' if a.source_name else "")
                   + f'<div class="date-line">{e(S["published"])} {dl}</div></div>')
        out.append('<div class="social-share">' + " ".join(
            f'<a class="share-{k}" href="{e(h)}" target="_blank">{e(t)}</a>' for k, t, h in site.share_links(pg))
            + "</div>")
        if a.figure:
            alt, cap, credit = a.figure
            out.append(f'<figure class="photo"><img src="/img/{e(a.id)}.jpg" alt="{e(cap)}" width="640" '
                       f'height="400"><figcaption class="caption">{e(cap)} ({e(credit)})</figcaption></figure>')
        ins = site.read_more_insert(a)
        if len(a.body) >= 4:
            k = 2 if 2 not in ins else 3
            ins[k] = (f'<div class="ad inline-ad"><small>{e(S["ad"])}</small></div>')
        out.append('<div class="article-text">' + site.body_html(a, ins) + "</div>")
        out.append(f'<div class="tags">{e(S["topics"])}: <a href="{e(site.section_url(a.section))}">'
                   f'{e(a.section)}</a></div>')
        out.append("</div>")
        if o.comments and not a.draft:
            out.append(comments_block_regional(site, a))
        rel = site.related(a)
        if rel:
            out.append(f'<div class="more-stories"><h3>{e(S["related"])}</h3><ul>' + li_links(rel)
                       + "</ul></div>")
    elif pg.kind in ("home", "section"):
        out.append(f'<h1 class="page-title">{e(pg.heading)}</h1>')
        if not pg.items:
            out.append(f'<p>{e(S["empty"])}</p>')
        for i, x in enumerate(pg.items):
            t = (f'<time datetime="{x.iso}">{e(display_date(o, x.dt, x.off))}</time>' if o.time_el
                 else e(display_date(o, x.dt, x.off)))
            out.append(f'<div class="story-summary{" lead" if i == 0 else ""}"><h2><a href="{e(x.path)}">'
                       f'{e(x.title)}</a></h2><div class="summary-meta">{t}</div><p>{e(x.summary)}</p></div>')
    else:
        out.append(f'<div class="static-page"><h1>{e(pg.heading)}</h1>'
                   + static_inner(site, pg) + "</div>")
    mr = site.most_read(pg.path, a.id if a else None)
    out += ['</div><div id="right-column">',
            f'<div class="widget most-popular"><h3>{e(S["mostread"])}</h3><ol>' + li_links(mr) + "</ol></div>",
            f'<div class="ad ad-sidebar"><small>{e(S["ad"])}</small></div>',
            '<div class="widget newsletter">' + newsletter_html(site, "nl-box", "h3") + "</div>",
            "</div></div>",
            '<div id="footer"><div class="footer-links">'
            + " | ".join(f'<a href="{e(h)}">{e(t)}</a>' for t, h in site.footer_links())
            + f'</div><div class="copyright">{site.copyright()}</div></div>',
            "</div>", "</body>", "</html>"]
    return "\n".join(x for x in out if x)


# -- wire: continentalwire ------------------------------------------------------------------

WIRE_EDITORS = ["Martin Okafor", "Sandra Velde", "Hugh Pemberton", "Rosa Lindgren"]


def tpl_wire(site: Site, pg: Page) -> str:
    o, S = site.o, site.S
    a = pg.article
    out = ["<!DOCTYPE html>", f"<html{site.lang_attr()}>",
           site.head(pg, CSS["wire"], JS["wire"]),
           '<body class="wire">',
           f'<div class="wire-ticker"><span class="wire-brand">CWS</span> <span class="wire-tagline">'
           f'{e(o.tagline)}</span></div>',
           f'<header class="wire-header"><a class="wire-logo" href="/">{e(o.display)}</a>'
           f'<nav class="wire-nav" aria-label="{e(S["menu"])}">'
           + " ".join(f'<a href="{e(h)}">{e(t)}</a>' for t, h in site.nav())
           + "</nav></header>",
           '<main class="wire-main">']
    if a:
        utc = a.dt - timedelta(minutes=a.off)
        by = byline(o, a, "wire-author")
        words = sum(len(" ".join(b.items).split()) for b in a.body)
        out.append(f'<section class="wire-story" data-story-id="{e(a.id)}">')
        out.append(f'<div class="wire-slug"><a href="{e(site.section_url(a.section))}">{e(a.section)}</a></div>')
        out.append(f'<h1 class="wire-headline">{e(a.title)}</h1>')
        out.append('<div class="wire-meta">' + (f'<span class="wire-byline">{by}</span> <span class="wire-sep">|</span> ' if by else "")
                   + f'<time datetime="{utc:%Y-%m-%dT%H:%M:%S}Z">{e(display_date(o, a.dt, a.off))}</time>'
                   f' <span class="wire-readtime">{max(1, round(words / 230))} min read</span></div>')
        out.append('<div class="wire-share">' + "".join(
            f'<a class="wire-share-{k}" href="{e(h)}">{e(t)}</a>' for k, t, h in site.share_links(pg)) + "</div>")
        if a.figure:
            alt, cap, credit = a.figure
            out.append(f'<figure class="wire-photo"><img src="/img/{e(a.id)}.jpg" alt="{e(cap)}">'
                       f'<figcaption>{e(cap)} CWS/{e(credit.split(": ", 1)[-1])}</figcaption></figure>')
        out.append('<div class="wire-body">' + site.body_html(a) + "</div>")
        r = rng_for("editor", o.slug, a.id)
        credit = ""
        if a.authors:
            credit = (f"Reporting by {join_names(o, a.authors)}; Editing by {e(r.choice(WIRE_EDITORS))}")
        else:
            credit = f"Compiled by CWS staff; Editing by {e(r.choice(WIRE_EDITORS))}"
        out.append(f'<p class="wire-credit">{credit}</p>')
        if a.source_name:
            out.append(f'<p class="wire-credit">{e(S["source"])} {e(a.source_name)}</p>')
        out.append('<p class="wire-standards"><a href="/about.html">Our Standards: the CWS Editorial '
                   'Principles.</a></p>')
        out.append(f'<p class="wire-licensing">For licensing and syndication of this story contact '
                   f'sales@{site.domain}.</p>')
        out.append("</section>")
    elif pg.kind in ("home", "section"):
        out.append(f'<h1 class="wire-page-title">{e(pg.heading)}</h1>')
        if not pg.items:
            out.append(f'<p>{e(S["empty"])}</p>')
        else:
            out.append('<ul class="wire-list">')
            for x in pg.items:
                utc = x.dt - timedelta(minutes=x.off)
                out.append(f'<li class="wire-item"><time datetime="{utc:%Y-%m-%dT%H:%M:%S}Z">'
                           f'{e(display_date(o, x.dt, x.off))}</time> <a href="{e(x.path)}">{e(x.title)}</a>'
                           f'<p>{e(x.summary)}</p></li>')
            out.append("</ul>")
    else:
        out.append(f'<section class="wire-static"><h1>{e(pg.heading)}</h1>'
                   + static_inner(site, pg) + "</section>")
    out.append(f'<div class="ad-slot" data-ad="mid"><p class="ad-label">{e(S["ad"])}</p></div>')
    if a:
        rel = site.related(a)
        if rel:
            out.append('<section class="wire-more"><h2>More from CWS</h2><ul>' + li_links(rel) + "</ul></section>")
    mr = site.most_read(pg.path, a.id if a else None)
    latest = [x for x in site.articles if not a or x.id != a.id][:6]
    out += [f'<section class="wire-popular"><h2>{e(S["mostread"])}</h2><ol>' + li_links(mr) + "</ol></section>",
            '<section class="wire-latest"><h2>Latest from CWS</h2><ul>'
            + "".join(f'<li><span class="wire-latest-slug">{e(x.section)}</span> <a href="{e(x.path)}">'
                      f'{e(x.title)}</a></li>' for x in latest) + "</ul></section>" if latest else "",
            newsletter_html(site, "wire-newsletter"),
            "</main>",
            '<footer class="wire-footer"><nav class="wire-footer-nav">'
            + " &middot; ".join(f'<a href="{e(h)}">{e(t)}</a>' for t, h in site.footer_links())
            + f'</nav><p>{site.copyright()} All quotes delayed a minimum of 15 minutes.</p></footer>',
            "</body>", "</html>"]
    return "\n".join(x for x in out if x)


# -- thinktank: meridianinstitute, ostasienforum --------------------------------------------

TT = {
    "en": {"pubs": "Publications", "donate": "Donate", "summary": "Summary", "cite": "Cite this publication",
           "pdf": "Download PDF", "authors": "About the authors", "related": "Related research",
           "mostread": "Most viewed", "sponsor": "Advertisement",
           "nl": {"nl_title": "Research updates", "nl_text": "New analysis, event invitations and "
                  "commentary from our scholars, once a week.", "nl_btn": "Subscribe"},
           "roles": ["Senior Fellow, Asia Program", "Research Fellow", "Visiting Scholar",
                     "Director, Technology and Governance Program"]},
    "de": {"pubs": "Publikationen", "donate": "Spenden", "summary": "Zusammenfassung",
           "cite": "Zitiervorschlag", "pdf": "PDF herunterladen", "authors": "Zu den Autorinnen und Autoren",
           "related": "Weitere Analysen", "mostread": "Meistgelesen", "sponsor": "Anzeige",
           "nl": {"nl_title": "Forum-Newsletter", "nl_text": "Neue Analysen, Veranstaltungshinweise "
                  "und Kommentare aus dem Forum, einmal im Monat.", "nl_btn": "Abonnieren"},
           "roles": ["Senior Fellow", "Fellow im Programm China", "Programmleitung Digitalpolitik",
                     "Associate Fellow"]},
}


def tpl_thinktank(site: Site, pg: Page) -> str:
    o, S = site.o, site.S
    T = TT[o.ui]
    a = pg.article
    out = ["<!DOCTYPE html>", f"<html{site.lang_attr()}>",
           site.head(pg, CSS["thinktank"], JS["thinktank"]),
           f'<body class="tt tt-{pg.kind}">',
           cookie_html(site, "thinktank"),
           '<div class="page">',
           '<header class="site-head"><div class="container">'
           f'<a class="brand" href="/"><span class="brand-name">{e(o.display)}</span>'
           f'<span class="brand-sub">{e(o.tagline)}</span></a>'
           f'<nav class="main-menu" aria-label="{e(S["menu"])}"><ul>'
           + f'<li><a href="/">{e(T["pubs"])}</a></li>'
           + "".join(f'<li><a href="{e(h)}">{e(t)}</a></li>' for t, h in site.nav()[1:])
           + f'<li><a href="/about.html">{e(S["about"])}</a></li></ul></nav>'
           f'<a class="btn-donate" href="/about.html">{e(T["donate"])}</a></div></header>',
           '<div class="container"><div class="row"><div class="col-main">']
    if a:
        by = byline(o, a, "pub-author")
        out.append('<article class="publication">')
        out.append(f'<div class="pub-type"><a href="{e(site.section_url(a.section))}">{e(a.section)}</a></div>')
        out.append(f'<h1 class="pub-title">{e(a.title)}</h1>')
        if by:
            out.append(f'<p class="pub-byline">{by}</p>')
        if a.source_name:
            out.append(f'<p class="pub-source">{e(S["source"])} {e(a.source_name)}</p>')
        out.append(f'<div class="pub-date">{e(display_date(o, a.dt, a.off))}</div>')
        out.append(f'<div class="pub-summary"><h2>{e(T["summary"])}</h2><p>{e(a.summary)}</p></div>')
        out.append(f'<div class="pub-actions"><a class="pub-pdf" href="/about.html">{e(T["pdf"])}</a> '
                   + " ".join(f'<a class="pub-share pub-share--{k}" href="{e(h)}">{e(t)}</a>'
                              for k, t, h in site.share_links(pg)) + "</div>")
        if a.figure:
            alt, cap, credit = a.figure
            out.append(f'<figure class="pub-figure"><img src="/img/{e(a.id)}.jpg" alt="{e(alt)}">'
                       f'<figcaption>{e(cap)} &ndash; {e(credit)}</figcaption></figure>')
        out.append('<div class="pub-body">' + site.body_html(a, h2_class="pub-h") + "</div>")
        if a.authors:
            out.append(f'<section class="pub-authors"><h2>{e(T["authors"])}</h2><ul>'
                       + "".join(f'<li class="author-card"><span class="author-name">{e(n)}</span> '
                                 f'<span class="author-role">{e(rng_for("role", o.slug, n).choice(T["roles"]))}'
                                 f'</span></li>' for n in a.authors) + "</ul></section>")
        names = join_names(o, a.authors) if a.authors else e(o.display)
        out.append(f'<div class="pub-cite"><h2>{e(T["cite"])}</h2><p>{names}, \u201c{e(a.title)}\u201d, '
                   f'{e(o.display)}, {e(display_date(o, a.dt, a.off))}, {e(a.url)}.</p></div>')
        out.append("</article>")
    elif pg.kind in ("home", "section"):
        out.append(f'<h1 class="listing-title">{e(pg.heading)}</h1>')
        if not pg.items:
            out.append(f'<p>{e(S["empty"])}</p>')
        for x in pg.items:
            who = join_names(o, x.authors) if x.authors else ""
            out.append(f'<div class="pub-teaser"><div class="pub-type">{e(x.section)}</div>'
                       f'<h2><a href="{e(x.path)}">{e(x.title)}</a></h2>'
                       + (f'<p class="pub-teaser-authors">{who}</p>' if who else "")
                       + f'<p>{e(x.summary)}</p></div>')
    else:
        out.append(f'<div class="static"><h1>{e(pg.heading)}</h1>'
                   + static_inner(site, pg) + "</div>")
    out.append('</div><div class="col-side">')
    if a:
        rel = site.related(a)
        if rel:
            out.append(f'<div class="side-box related"><h2>{e(T["related"])}</h2><ul>' + li_links(rel)
                       + "</ul></div>")
    mr = site.most_read(pg.path, a.id if a else None)
    out += [f'<div class="side-box popular"><h2>{e(T["mostread"])}</h2><ol>' + li_links(mr) + "</ol></div>",
            '<div class="side-box">' + newsletter_html(site, "tt-newsletter", "h2") + "</div>",
            f'<div class="ad sponsor-box">{e(T["sponsor"])}</div>',
            "</div></div></div>",
            '<footer class="site-foot"><div class="container"><ul class="foot-links">'
            + "".join(f'<li><a href="{e(h)}">{e(t)}</a></li>' for t, h in site.footer_links())
            + f'</ul><p>{site.copyright()}</p></div></footer>',
            "</div>", "</body>", "</html>"]
    return "\n".join(x for x in out if x)


# -- portal: huaxiadaily, chinahorizon -------------------------------------------------------

PORTAL = {
    "zh": {"here": "当前位置：", "body": "正文", "app": "客户端", "other": "English", "editor": "责任编辑：",
           "print": "打印", "error": "纠错", "weixin": "微信", "weibo": "微博", "summary": "【内容提要】",
           "notice": "本网站所刊登的各种新闻、信息和专栏资料，未经协议授权，禁止下载使用。",
           "editors": ["王立群", "陈思雨", "赵一鸣", "刘晓晨"]},
    "en": {"here": "You are here:", "body": "Article", "app": "App", "other": "中文", "editor": "Editor:",
           "print": "Print", "error": "Report an error", "weixin": "WeChat", "weibo": "Weibo",
           "summary": "",
           "notice": "Content on this site may not be reproduced without permission.",
           "editors": ["Li Wenjing", "Zhang Hao", "Sun Meiling"]},
}


def tpl_portal(site: Site, pg: Page) -> str:
    o, S = site.o, site.S
    P = PORTAL[o.ui]
    a = pg.article
    out = ["<!DOCTYPE html>", f"<html{site.lang_attr()}>",
           site.head(pg, CSS["portal"], JS["portal"],
                     extra='<meta name="keywords" content="' + e(", ".join(
                         [o.display] + (([a.section]) if a else []))) + '">'),
           "<body>",
           f'<div class="topbar"><div class="w1200"><span class="topbar-l"><a href="/">{e(o.display)}</a> '
           f'<a href="/about.html">{e(P["app"])}</a></span><span class="topbar-r"><a href="/about.html">'
           f'{e(S["login"])}</a> | <a href="/about.html">{e(P["other"])}</a></span></div></div>',
           f'<div class="header w1200"><div class="logo"><a href="/"><img src="/img/logo.png" alt="{e(o.display)}">'
           f'<span>{e(o.display)}</span></a><em class="slogan">{e(o.tagline)}</em></div>'
           f'<div class="header-search"><form action="/search" method="get"><input type="text" name="q" '
           f'placeholder="{e(S["search_ph"])}"><button type="submit">{e(S["search"])}</button></form></div></div>',
           '<div class="nav"><div class="w1200"><ul class="nav-list">'
           + "".join(f'<li><a href="{e(h)}">{e(t)}</a></li>' for t, h in site.nav()) + "</ul></div></div>",
           f'<div class="gg gg-banner w1200"><span class="gg-tag">{e(S["ad"])}</span></div>',
           '<div class="container w1200 clearfix"><div class="main-l fl">']
    if a:
        out.append(f'<div class="crumb">{e(P["here"])}<a href="/">{e(S["home"])}</a> &gt; '
                   f'<a href="{e(site.section_url(a.section))}">{e(a.section)}</a> &gt; {e(P["body"])}</div>')
        out.append('<div class="article">')
        out.append(f'<h1 class="article-title">{e(a.title)}</h1>')
        when = e(display_date(o, a.dt, a.off))
        if o.time_el:
            when = f'<time datetime="{a.iso}">{when}</time>'
        src = a.source_name or o.display
        info = [f'<span class="time">{when}</span>',
                f'<span class="source">{e(S["source"])}{"" if o.ui == "zh" else " "}{e(src)}</span>']
        if a.authors:
            info.append(f'<span class="author">{byline(o, a, "name")}</span>')
        out.append('<div class="article-info">' + "".join(info) + "</div>")
        if P["summary"]:
            out.append(f'<div class="summary"><b>{e(P["summary"])}</b>{e(a.summary)}</div>')
        body = []
        if a.figure:
            alt, cap, credit = a.figure
            body.append(f'<p class="pic"><img src="/img/{e(a.id)}.jpg" alt="{e(cap)}"></p>'
                        f'<p class="pic-desc">{e(cap)}（{e(credit)}）</p>' if o.ui == "zh" else
                        f'<p class="pic"><img src="/img/{e(a.id)}.jpg" alt="{e(cap)}"></p>'
                        f'<p class="pic-desc">{e(cap)} ({e(credit)})</p>')
        body.append(site.body_html(a))
        out.append('<div class="article-content" id="detail">' + "\n".join(body) + "</div>")
        ed = rng_for("editor", o.slug, a.id).choice(P["editors"])
        out.append(f'<div class="editor">{"（" if o.ui == "zh" else "("}{e(P["editor"])}{e(ed)}'
                   f'{"）" if o.ui == "zh" else ")"}</div>')
        sl = site.share_links(pg)
        out.append(f'<div class="share-box"><span>{e(S["share"])}</span>'
                   f'<a class="s-weixin" href="#">{e(P["weixin"])}</a>'
                   f'<a class="s-weibo" href="#">{e(P["weibo"])}</a>'
                   + "".join(f'<a class="s-{k}" href="{e(h)}">{e(t)}</a>' for k, t, h in sl)
                   + f' <a class="print" href="#" onclick="window.print();return false;">{e(P["print"])}</a>'
                   f' <a class="jiucuo" href="/contact.html">{e(P["error"])}</a></div>')
        out.append("</div>")
        rel = site.related(a)
        if rel:
            out.append(f'<div class="xgxw"><h3>{e(S["related"])}</h3><ul>' + li_links(rel) + "</ul></div>")
    elif pg.kind in ("home", "section"):
        out.append(f'<div class="crumb">{e(P["here"])}<a href="/">{e(S["home"])}</a>'
                   + (f' &gt; {e(pg.heading)}' if pg.kind == "section" else "") + "</div>")
        out.append(f'<h1 class="list-title">{e(pg.heading)}</h1>')
        if not pg.items:
            out.append(f'<p>{e(S["empty"])}</p>')
        else:
            out.append('<ul class="news-list">')
            for x in pg.items:
                out.append(f'<li><a href="{e(x.path)}">{e(x.title)}</a><span class="date">'
                           f'{x.dt:%Y-%m-%d}</span><p class="intro">{e(x.summary)}</p></li>')
            out.append("</ul>")
    else:
        out.append(f'<div class="static-content"><h1>{e(pg.heading)}</h1>'
                   + static_inner(site, pg) + "</div>")
    mr = site.most_read(pg.path, a.id if a else None)
    out += ['</div><div class="main-r fr">',
            f'<div class="phb"><h3>{e(S["mostread"])}</h3><ol>' + li_links(mr) + "</ol></div>",
            f'<div class="gg gg-side"><span class="gg-tag">{e(S["ad"])}</span></div>',
            '<div class="dingyue">' + newsletter_html(site, "dy-box", "h3") + "</div>",
            "</div></div>",
            '<div class="footer"><div class="w1200"><p class="footer-links">'
            + "|".join(f'<a href="{e(h)}">{e(t)}</a>' for t, h in site.footer_links())
            + f'</p><p>{site.copyright()}</p><p>{e(P["notice"])}</p></div></div>',
            "</body>", "</html>"]
    return "\n".join(x for x in out if x)


# -- blog: bytesceptic, zhiyanweekly ---------------------------------------------------------

BLOG = {
    "en": {"posted_on": "Posted on", "by": "by", "says": "says:", "reply": "Reply", "posted_in": "Posted in",
           "leave": "Leave a Reply", "prev": "Previous post", "next": "Next post", "recent": "Recent Posts",
           "powered": "Built with care and too much coffee.", "cats": "Categories"},
    "zht": {"posted_on": "發表於", "by": "作者：", "says": "說：", "reply": "回覆", "posted_in": "分類：",
            "leave": "發表迴響", "prev": "上一篇", "next": "下一篇", "recent": "近期文章",
            "powered": "本站由讀者訂閱支持。", "cats": "分類"},
}


def post_number(aid: str) -> int:
    return int(hashlib.sha1(aid.encode()).hexdigest()[:6], 16) % 9000 + 1000


def tpl_blog(site: Site, pg: Page) -> str:
    o, S = site.o, site.S
    B = BLOG[o.ui]
    a = pg.article
    body_cls = "single single-post" if a else ("home blog" if pg.kind == "home" else "archive category")
    out = ["<!DOCTYPE html>", f"<html{site.lang_attr()}>",
           site.head(pg, CSS["blog"], JS["blog"],
                     extra='<meta name="generator" content="sceptic-press 4.2">' if o.ui == "en" else ""),
           f'<body class="{body_cls}">',
           '<div id="page" class="site">',
           f'<a class="skip-link screen-reader-text" href="#content">{e(S["skip"])}</a>',
           '<header id="masthead" class="site-header"><div class="site-branding">'
           f'<p class="site-title"><a href="/" rel="home">{e(o.display)}</a></p>'
           f'<p class="site-description">{e(o.tagline)}</p></div>'
           f'<nav id="site-navigation" class="main-navigation"><button class="menu-toggle" '
           f'aria-controls="primary-menu" aria-expanded="false">{e(S["menu"])}</button>'
           '<div class="menu-primary-container"><ul id="primary-menu" class="menu">'
           + "".join(f'<li class="menu-item"><a href="{e(h)}">{e(t)}</a></li>' for t, h in site.nav())
           + f'<li class="menu-item"><a href="/about.html">{e(S["about"])}</a></li></ul></div></nav></header>',
           '<div id="content" class="site-content"><div id="primary" class="content-area">'
           '<main id="main" class="site-main">']
    if a:
        n = post_number(a.id)
        out.append(f'<article id="post-{n}" class="post-{n} post type-post status-publish format-standard '
                   f'hentry category-{e(a.section_slug)}">')
        who = join_names(o, a.authors, lambda x: f'<span class="author vcard"><a class="url fn n" '
                                                  f'href="/about.html">{e(x)}</a></span>')
        meta = f'<span class="posted-on">{e(B["posted_on"])} {e(display_date(o, a.dt, a.off))}</span>'
        if who:
            meta += f'<span class="byline"> {e(B["by"])} {who}</span>'
        if a.source_name:
            meta += f' <span class="via">{e(S["source"])} {e(a.source_name)}</span>'
        out.append(f'<header class="entry-header"><h1 class="entry-title">{e(a.title)}</h1>'
                   f'<div class="entry-meta">{meta}</div></header>')
        if a.figure:
            alt, cap, credit = a.figure
            out.append(f'<div class="post-thumbnail"><figure class="wp-caption"><img src="/img/{e(a.id)}.jpg" '
                       f'alt="{e(alt)}" class="attachment-post-thumbnail"><figcaption class="wp-caption-text">'
                       f'{e(cap)} {e(credit)}</figcaption></figure></div>')
        out.append('<div class="entry-content">' + site.body_html(a) + "</div>")
        out.append(f'<footer class="entry-footer"><span class="cat-links">{e(B["posted_in"])} '
                   f'<a href="{e(site.section_url(a.section))}" rel="category tag">{e(a.section)}</a></span>'
                   '<div class="sharedaddy"><ul>' + "".join(
                       f'<li class="share-{k}"><a href="{e(h)}" target="_blank">{e(t)}</a></li>'
                       for k, t, h in site.share_links(pg)) + "</ul></div></footer>")
        out.append("</article>")
        if not a.draft:
            idx = next(i for i, x in enumerate(site.articles) if x.id == a.id)
            newer = site.articles[idx - 1] if idx > 0 else None
            older = site.articles[idx + 1] if idx + 1 < len(site.articles) else None
            if newer or older:
                out.append(f'<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links">'
                           + (f'<div class="nav-previous"><a href="{e(older.path)}" rel="prev"><span class="meta-nav">'
                              f'{e(B["prev"])}</span> {e(older.title)}</a></div>' if older else "")
                           + (f'<div class="nav-next"><a href="{e(newer.path)}" rel="next"><span class="meta-nav">'
                              f'{e(B["next"])}</span> {e(newer.title)}</a></div>' if newer else "")
                           + "</div></nav>")
            rel = site.related(a, 3)
            if rel:
                out.append(f'<div class="related-posts"><h3>{e(S["related"])}</h3><ul>' + li_links(rel)
                           + "</ul></div>")
            cs = a.comments
            out.append('<div id="comments" class="comments-area">')
            if cs:
                out.append(f'<h2 class="comments-title">{e(S["comments"].format(n=len(cs)))}</h2><ol class="comment-list">')
                for i, (name, text, dt) in enumerate(cs):
                    cid = n * 10 + i
                    out.append(f'<li id="comment-{cid}" class="comment even depth-1"><article class="comment-body">'
                               f'<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">'
                               f'{e(name)}</b> <span class="says">{e(B["says"])}</span></div>'
                               f'<div class="comment-metadata"><a href="#comment-{cid}">{e(comment_date(o, dt))}'
                               f'</a></div></footer><div class="comment-content"><p>{e(text)}</p></div>'
                               f'<div class="reply"><a class="comment-reply-link" href="#respond">{e(B["reply"])}'
                               f'</a></div></article></li>')
                out.append("</ol>")
            out.append(f'<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">'
                       f'{e(B["leave"])}</h3><form action="/comments/post" method="post" id="commentform">'
                       f'<p class="comment-form-comment"><label for="comment">{e(S["c_text"])}</label> '
                       f'<textarea id="comment" name="comment" rows="6"></textarea></p>'
                       f'<p class="comment-form-author"><label for="author">{e(S["c_name"])}</label> '
                       f'<input id="author" name="author" type="text"></p><p class="form-submit">'
                       f'<input name="submit" type="submit" id="submit" class="submit" value="{e(S["c_send"])}">'
                       f'</p></form></div></div>')
    elif pg.kind in ("home", "section"):
        if pg.kind == "section":
            out.append(f'<header class="page-header"><h1 class="page-title">{e(pg.heading)}</h1></header>')
        else:
            out.append(f'<h1 class="screen-reader-text">{e(pg.heading)}</h1>')
        if not pg.items:
            out.append(f'<p>{e(S["empty"])}</p>')
        for x in pg.items:
            n = post_number(x.id)
            out.append(f'<article id="post-{n}" class="post-{n} post type-post hentry"><header class="entry-header">'
                       f'<h2 class="entry-title"><a href="{e(x.path)}" rel="bookmark">{e(x.title)}</a></h2>'
                       f'<div class="entry-meta"><span class="posted-on">{e(display_date(o, x.dt, x.off))}</span>'
                       f'</div></header><div class="entry-summary"><p>{e(x.summary)}</p></div></article>')
    else:
        out.append(f'<article class="page type-page"><header class="entry-header"><h1 class="entry-title">'
                   f'{e(pg.heading)}</h1></header><div class="entry-content">'
                   + static_inner(site, pg) + "</div></article>")
    recent = site.articles[:5]
    mr = site.most_read(pg.path, a.id if a else None)
    out += ["</main></div>",
            '<aside id="secondary" class="widget-area">',
            f'<section class="widget widget_search"><form role="search" method="get" action="/search">'
            f'<label><span class="screen-reader-text">{e(S["search"])}</span><input type="search" name="s" '
            f'placeholder="{e(S["search_ph"])}"></label><button type="submit">{e(S["search"])}</button></form></section>',
            f'<section class="widget widget_recent_entries"><h2 class="widget-title">{e(B["recent"])}</h2><ul>'
            + li_links(recent) + "</ul></section>",
            f'<section class="widget widget_top_posts"><h2 class="widget-title">{e(S["mostread"])}</h2><ul>'
            + li_links(mr) + "</ul></section>",
            f'<section class="widget widget_ad"><div class="ad-widget ad">{e(S["ad"])}</div></section>',
            '<section class="widget widget_newsletter">' + newsletter_html(site, "nl-widget", "h2") + "</section>",
            f'<section class="widget widget_categories"><h2 class="widget-title">{e(B["cats"])}</h2><ul>'
            + "".join(f'<li class="cat-item"><a href="{e(h)}">{e(t)}</a></li>' for t, h in site.nav()[1:])
            + "</ul></section>",
            "</aside></div>",
            '<footer id="colophon" class="site-footer"><div class="footer-menu">'
            + " &middot; ".join(f'<a href="{e(h)}">{e(t)}</a>' for t, h in site.footer_links())
            + f'</div><div class="site-info">{site.copyright()} <span class="sep"> | </span>{e(B["powered"])}</div></footer>',
            "</div>", "</body>", "</html>"]
    return "\n".join(x for x in out if x)


# -- legacy: quotidienrhone (ISO-8859-1, table layout, div+br paragraphs) --------------------

def tpl_legacy(site: Site, pg: Page) -> str:
    o, S = site.o, site.S
    a = pg.article
    out = ['<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
           '"http://www.w3.org/TR/html4/loose.dtd">',
           f"<html{site.lang_attr()}>",
           site.head(pg, CSS["legacy"], JS["legacy"]),
           "<body>",
           '<div id="global">',
           cookie_html(site, "legacy"),
           f'<div id="bandeau"><div id="logo"><a href="/index.html">{e(o.display)}</a></div>'
           f'<div id="slogan">{e(o.tagline)}</div></div>',
           '<div id="menu">'
           + " | ".join(f'<a href="{"/index.html" if h == "/" else e(h)}">{e(t)}</a>' for t, h in site.nav())
           + "</div>",
           f'<div class="pub" id="pub_haut">{e(S["ad"])}</div>',
           '<table width="100%" cellpadding="8" cellspacing="0" border="0"><tr>'
           '<td valign="top" class="colonne_gauche">']
    if a:
        out.append(f'<div class="rubrique"><a href="{e(site.section_url(a.section))}">{e(a.section)}</a></div>')
        out.append(f'<div class="titre_article">{e(a.title)}</div>')
        out.append(f'<div class="chapo">{e(a.summary)}</div>')
        if a.authors:
            out.append(f'<div class="signature">{byline(o, a, "nom")}</div>')
        if a.source_name:
            out.append(f'<div class="signature">{e(S["source"])} {e(a.source_name)}</div>')
        out.append(f'<div class="date_publi">{e(display_date(o, a.dt, a.off))}</div>')
        out.append('<div class="outils"><a href="#" onclick="return popup(this.href);">Imprimer</a> | '
                   + " | ".join(f'<a href="{e(h)}">{e(t)}</a>' for k, t, h in site.share_links(pg)) + "</div>")
        if a.figure:
            alt, cap, credit = a.figure
            out.append(f'<div class="photo"><img src="/img/{e(a.id)}.jpg" alt="{e(cap)}" width="400" '
                       f'height="260" border="0"><br><span class="legende">{e(cap)} {e(credit)}</span></div><br>')
        ins = {}
        if len(a.body) >= 4:
            ins[2] = f'<div class="pub" id="pub_milieu">{e(S["ad"])}</div><br>'
        out.append('<div class="contenu_article"><div class="texte">' + site.body_html(a, ins, legacy=True)
                   + "</div></div>")
        if o.comments and not a.draft:
            cs = a.comments
            out.append(f'<div class="reactions"><div class="titre_bloc">{e(S["comments"].format(n=len(cs)))}</div>')
            for name, text, dt in cs:
                out.append(f'<div class="reaction"><b>{e(name)}</b> - {e(comment_date(o, dt))}<br>{e(text)}</div>')
            if not cs:
                out.append(f'<div class="reaction">{e(S["no_comments"])}</div>')
            out.append(f'<div class="reagir"><a href="/contact.html">{e(S["leave"])}</a></div></div>')
        rel = site.related(a)
        if rel:
            out.append(f'<div class="a_lire"><div class="titre_bloc">{e(S["related"])}</div>'
                       + "".join(f'<div class="lien">&raquo; <a href="{e(x.path)}">{e(x.title)}</a></div>'
                                 for x in rel) + "</div>")
    elif pg.kind in ("home", "section"):
        out.append(f'<div class="titre_rubrique">{e(pg.heading)}</div>')
        if not pg.items:
            out.append(f'<div>{e(S["empty"])}</div>')
        for x in pg.items:
            out.append(f'<div class="une"><a href="{e(x.path)}" class="titre_une">{e(x.title)}</a><br>'
                       f'<span class="chapo_une">{e(x.summary)}</span></div><br>')
    else:
        out.append(f'<div class="titre_rubrique">{e(pg.heading)}</div>'
                   + static_inner(site, pg, legacy=True))
    mr = site.most_read(pg.path, a.id if a else None)
    latest = [x for x in site.articles if not a or x.id != a.id][:6]
    out += ['</td><td valign="top" class="colonne_droite">',
            f'<div class="bloc_droite"><div class="titre_bloc">{e(S["mostread"])}</div><ol>'
            + li_links(mr) + "</ol></div>",
            f'<div class="bloc_droite"><div class="titre_bloc">{e(S["latest"])}</div>'
            + "".join(f'<div class="lien">&raquo; <a href="{e(x.path)}">{e(x.title)}</a><br>'
                      f'<span class="chapo_une">{e(x.summary)}</span></div>' for x in latest) + "</div>",
            f'<div class="pub" id="pub_droite">{e(S["ad"])}</div>',
            newsletter_html(site, "lettre", "h3", box="div"),
            "</td></tr></table>",
            '<div id="pied">' + " - ".join(f'<a href="{e(h)}">{e(t)}</a>' for t, h in site.footer_links())
            + f'<br>{site.copyright()}</div>',
            "</div>", "</body>", "</html>"]
    return "\n".join(x for x in out if x)


TEMPLATES = {"broadsheet": tpl_broadsheet, "regional": tpl_regional, "wire": tpl_wire,
             "thinktank": tpl_thinktank, "portal": tpl_portal, "blog": tpl_blog, "legacy": tpl_legacy}


# ---------------------------------------------------------------------------
# Feeds, sitemaps, robots
# ---------------------------------------------------------------------------

def x(s: str) -> str:
    return xml_escape(s, {'"': "&quot;"})


def feed_xml(site: Site) -> str:
    o = site.o
    items = site.articles[:FEED_COUNT]
    newest = items[0] if items else site.draft
    lang = o.language
    title, link = o.display, site.origin + "/"
    if o.feed == "rss2":
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/">', "<channel>",
               f"<title>{x(title)}</title>", f"<link>{x(link)}</link>",
               f"<description>{x(o.tagline)}</description>", f"<language>{x(o.html_lang or lang)}</language>",
               f"<lastBuildDate>{rfc822(newest.dt, newest.off)}</lastBuildDate>",
               f'<atom:link href="{x(site.abs("/feed.xml"))}" rel="self" type="application/rss+xml"/>']
        for a in items:
            out += ["<item>", f"<title>{x(a.title)}</title>", f"<link>{x(a.url)}</link>",
                    f'<guid isPermaLink="true">{x(a.url)}</guid>',
                    f"<pubDate>{rfc822(a.dt, a.off)}</pubDate>"]
            out += [f"<dc:creator>{x(n)}</dc:creator>" for n in a.authors]
            out += [f"<category>{x(a.section)}</category>", f"<description>{x(a.summary)}</description>",
                    "</item>"]
        out += ["</channel>", "</rss>"]
    elif o.feed == "atom":
        out = ['<?xml version="1.0" encoding="utf-8"?>',
               f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{x(lang)}">',
               f"<title>{x(title)}</title>", f"<subtitle>{x(o.tagline)}</subtitle>",
               f'<link rel="alternate" type="text/html" href="{x(link)}"/>',
               f'<link rel="self" type="application/atom+xml" href="{x(site.abs("/atom.xml"))}"/>',
               f"<id>{x(link)}</id>",
               f"<updated>{newest.modified_iso or newest.iso}</updated>",
               f"<author><name>{x(o.display)}</name></author>"]
        for a in items:
            out += ["<entry>", f'<title type="text">{x(a.title)}</title>',
                    f'<link rel="alternate" type="text/html" href="{x(a.url)}"/>',
                    f"<id>{x(a.url)}</id>", f"<published>{a.iso}</published>",
                    f"<updated>{a.modified_iso or a.iso}</updated>"]
            out += [f"<author><name>{x(n)}</name></author>" for n in a.authors]
            out += [f'<category term="{x(a.section)}"/>', f'<summary type="text">{x(a.summary)}</summary>',
                    "</entry>"]
        out.append("</feed>")
    else:  # RSS 1.0 / RDF
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
               'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
               f'<channel rdf:about="{x(site.abs("/rss.rdf"))}">',
               f"<title>{x(title)}</title>", f"<link>{x(link)}</link>",
               f"<description>{x(o.tagline)}</description>", f"<dc:language>{x(lang)}</dc:language>",
               f"<dc:date>{newest.iso}</dc:date>",
               "<items>", "<rdf:Seq>"]
        out += [f'<rdf:li rdf:resource="{x(a.url)}"/>' for a in items]
        out += ["</rdf:Seq>", "</items>", "</channel>"]
        for a in items:
            out += [f'<item rdf:about="{x(a.url)}">', f"<title>{x(a.title)}</title>",
                    f"<link>{x(a.url)}</link>", f"<description>{x(a.summary)}</description>",
                    f"<dc:date>{a.iso}</dc:date>", f"<dc:subject>{x(a.section)}</dc:subject>"]
            out += [f"<dc:creator>{x(n)}</dc:creator>" for n in a.authors]
            out.append("</item>")
        out.append("</rdf:RDF>")
    return "\n".join(out) + "\n"


def sitemap_files(site: Site) -> dict[str, str]:
    o = site.o
    arts = sorted(site.articles + [site.draft], key=lambda a: (a.dt, a.id), reverse=True)
    newest_iso = site.articles[0].iso if site.articles else site.draft.iso

    def url_el(loc: str, lastmod: str, extra: str = "", freq: str | None = None) -> str:
        s = f"<url><loc>{x(loc)}</loc><lastmod>{lastmod}</lastmod>"
        if freq:
            s += f"<changefreq>{freq}</changefreq>"
        return s + extra + "</url>"

    pages = [url_el(site.origin + "/", newest_iso, freq="hourly")]
    for sec in site.sections:
        latest = next(a for a in site.articles if a.section == sec)
        pages.append(url_el(site.abs(site.section_url(sec)), latest.iso, freq="daily"))
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    if o.sitemap == "urlset":
        body = pages + [url_el(a.url, a.modified_iso or a.iso) for a in arts]
        return {"sitemap.xml": "\n".join([head, f"<urlset {ns}>"] + body + ["</urlset>"]) + "\n"}
    if o.sitemap == "news":
        body = list(pages)
        for a in arts:
            news = (f"<news:news><news:publication><news:name>{x(o.display)}</news:name>"
                    f"<news:language>{x(o.language)}</news:language></news:publication>"
                    f"<news:publication_date>{a.iso}</news:publication_date>"
                    f"<news:title>{x(a.title)}</news:title></news:news>")
            body.append(url_el(a.url, a.modified_iso or a.iso, news))
        return {"sitemap.xml": "\n".join(
            [head, f'<urlset {ns} xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">']
            + body + ["</urlset>"]) + "\n"}
    # yearly sitemap index
    files: dict[str, str] = {}
    years = sorted({a.dt.year for a in arts}, reverse=True)
    idx = [head, f"<sitemapindex {ns}>"]
    for y in years:
        ya = [a for a in arts if a.dt.year == y]
        name = f"sitemap-{y}.xml"
        # lastmod of the child = newest publication/modification in it (compared as instants)
        lm = max(ya, key=lambda a: (a.modified[0] - timedelta(minutes=a.modified[1])) if a.modified
                 else (a.dt - timedelta(minutes=a.off)))
        lm_iso = lm.modified_iso or lm.iso
        idx.append(f"<sitemap><loc>{x(site.abs('/' + name))}</loc><lastmod>{lm_iso}</lastmod></sitemap>")
        files[name] = "\n".join([head, f"<urlset {ns}>"] + [url_el(a.url, a.modified_iso or a.iso) for a in ya]
                                + ["</urlset>"]) + "\n"
    idx.append("</sitemapindex>")
    files["sitemap.xml"] = "\n".join(idx) + "\n"
    return files


def robots_txt(site: Site) -> str:
    o = site.o
    lines = ["# robots.txt for " + o.slug + ".localhost (Framescope demo site)", "User-agent: *",
             f"Disallow: {o.disallow}", "Disallow: /search"]
    if o.template == "blog":
        lines.append("Disallow: /comments/")
    lines += ["Allow: /", "", f"Sitemap: {site.origin}/sitemap.xml", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------

def assign_comments(articles: list[Article], pools: list[CommentPool], file_lang: dict[str, str]) -> None:
    by_lang: dict[str, list[tuple[str, str]]] = {}
    for p in pools:
        if p.language:
            by_lang.setdefault(p.language, []).extend(p.lines)
    own = {p.rel: p for p in pools}
    for a in articles:
        o = a.outlet
        if not o.comments:
            continue
        p = own.get(a.rel)
        cand = p.lines if p and p.language == o.language and p.lines else by_lang.get(o.language, [])
        if o.encoding != "utf-8":
            cand = [c for c in cand if _encodable(c[0] + c[1], o.encoding)]
        r = rng_for("comments", o.slug, a.id)
        n = min(r.randint(0, 3), len(cand))
        picks = r.sample(range(len(cand)), n)
        t = a.dt
        out = []
        for i in sorted(picks):
            t = t + timedelta(minutes=r.randrange(17, 60 * 20))
            out.append((cand[i][0], cand[i][1], t))
        a.comments = out


def _encodable(s: str, enc: str) -> bool:
    try:
        s.encode(enc)
        return True
    except UnicodeEncodeError:
        return False


def check_encoding(a: Article) -> SourceError | None:
    enc = a.outlet.encoding
    if enc == "utf-8":
        return None
    for no, line in a.text_lines:
        for ch in line:
            if not _encodable(ch, enc):
                return SourceError(a.rel, no, f"character {ch!r} (U+{ord(ch):04X}) cannot be written in "
                                              f"{enc.upper()}: outlet '{a.outlet.slug}' is served as latin-1 "
                                              f"(use e.g. ' for \u2019, \" for \u201c\u201d, - for \u2014, "
                                              f"oe for \u0153)")
    return None


def build(src: Path, out: Path, lenient: bool) -> int:
    files = sorted(p for p in src.glob("*.txt") if p.is_file())
    all_articles: list[Article] = []
    pools: list[CommentPool] = []
    errors: list[SourceError] = []
    file_lang: dict[str, str] = {}
    for f in files:
        rel = f"{src.name}/{f.name}"
        arts, pool, errs = parse_file(f, rel)
        errors += errs
        good = []
        for a in arts:
            err = check_encoding(a)
            if err:
                errors.append(err)
            else:
                good.append(a)
        all_articles += good
        langs = [a.outlet.language for a in arts]
        if langs:
            file_lang[rel] = max(sorted(set(langs)), key=langs.count)
        if pool:
            # the comments' own text decides; the file's majority language is the fallback
            pool.language = guess_language(pool.lines) or file_lang.get(rel)
            pools.append(pool)
    seen: dict[str, Article] = {}
    unique: list[Article] = []
    for a in all_articles:
        if a.id in seen:
            b = seen[a.id]
            errors.append(SourceError(a.rel, a.line, f"duplicate id '{a.id}' (first used at {b.rel}:{b.line})"))
        else:
            seen[a.id] = a
            unique.append(a)
    warnings: list[str] = []
    for a in unique:
        for c in a.case:
            if c.startswith("syndicated:") and c.split(":", 1)[1] not in seen:
                warnings.append(f"{a.rel}:{a.line}: warning: '{c}' refers to an id that does not exist (yet)")
    by_id = {a.id: a for a in unique}
    for a in unique:
        for c in a.case:
            if c.startswith("syndicated:"):
                orig = by_id.get(c.split(":", 1)[1])
                a.source_name = orig.outlet.display if orig else "Continental Wire Service"
    for p in pools:
        if not p.language:
            warnings.append(f"{p.rel}: warning: cannot tell the language of the comments block; ignored")
    if errors:
        for err in sorted(errors, key=lambda x: (x.rel, x.line)):
            print(("warning: skipped: " if lenient else "error: ") + str(err), file=sys.stderr)
        if not lenient:
            print(f"build_site: {len(errors)} error(s) in the sources; nothing written "
                  "(use --lenient to skip broken articles)", file=sys.stderr)
            return 1
    for w in warnings:
        print(w, file=sys.stderr)

    assign_comments(unique, pools, file_lang)
    year_to = max((a.dt.year for a in unique), default=2024)
    outputs: dict[str, bytes] = {}
    gold: list[dict] = []
    stats: dict[str, dict[str, int]] = {}
    for o in OUTLETS:
        site = Site(o, [a for a in unique if a.outlet.slug == o.slug], year_to)
        files_o = render_site(site)
        host = f"www/{o.slug}.localhost/"
        for k, v in files_o.items():
            outputs[host + k] = v
        stats[o.slug] = {"articles": len(site.articles), "files": len(files_o),
                         "html": sum(1 for k in files_o if k.endswith((".html", ".htm")))}
        for a in site.articles:
            gold.append({"id": a.id, "url": a.url, "outlet": o.slug, "language": o.language,
                         "published": a.iso, "title": a.title, "frame": a.frame, "case": a.case})
    gold.sort(key=lambda g: g["id"])
    outputs["gold.jsonl"] = "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold).encode("utf-8")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "slug", "domains", "country", "language", "type", "homepage"])
    for o in OUTLETS:
        w.writerow([o.name, o.slug, f"{o.slug}.localhost", o.country, o.language, o.type,
                    f"{origin_of(o.slug)}/"])
    outputs["sources.csv"] = buf.getvalue().encode("utf-8")

    # write: www/ is replaced as a whole
    www = out / "www"
    tmp = out / "www.tmp-build"
    if tmp.exists():
        shutil.rmtree(tmp)
    for rel, data in sorted(outputs.items()):
        target = (tmp / rel[4:]) if rel.startswith("www/") else None
        if target is None:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if www.exists():
        shutil.rmtree(www)
    tmp.rename(www)
    (out / "gold.jsonl").write_bytes(outputs["gold.jsonl"])
    (out / "sources.csv").write_bytes(outputs["sources.csv"])

    total_html = sum(s["html"] for s in stats.values())
    total_files = sum(s["files"] for s in stats.values())
    print(f"build_site: {len(files)} source file(s), {len(unique)} article(s), {len(OUTLETS)} outlets, "
          f"{total_files} files in www/ ({total_html} HTML pages)")
    for o in OUTLETS:
        s = stats[o.slug]
        print(f"  {o.slug:18} {s['articles']:4} articles  {s['html']:4} html  {s['files']:4} files")
    return 0


def render_site(site: Site) -> dict[str, bytes]:
    o, S = site.o, site.S
    tpl = TEMPLATES[o.template]
    files: dict[str, str] = {}
    for a in site.articles:
        files[a.file] = tpl(site, Page("article", a.path, a.title, a.summary, article=a))
    d = site.draft
    files[d.file] = tpl(site, Page("draft", d.path, d.title, d.summary, article=d))
    files["index.html"] = tpl(site, Page("home", "/", S["latest"], o.tagline,
                                         items=site.articles[:HOME_COUNT]))
    for sec in site.sections:
        items = [a for a in site.articles if a.section == sec][:SECTION_PAGE_MAX]
        p = site.section_url(sec)
        files[p.lstrip("/")] = tpl(site, Page("section", p, S["section_title"].format(section=sec),
                                              S["more_in"].format(section=sec), items=items, section=sec))
    for kind in ("about", "contact", "privacy"):
        heading, paras = static_paras(site, kind)
        files[f"{kind}.html"] = tpl(site, Page("static", f"/{kind}.html", heading, heading, paras=paras))
    out: dict[str, bytes] = {}
    for k, v in files.items():
        v = v if v.endswith("\n") else v + "\n"
        out[k] = v.encode(o.encoding, errors="xmlcharrefreplace") if o.encoding != "utf-8" \
            else v.encode("utf-8")
    out[site.feed_path().lstrip("/")] = feed_xml(site).encode("utf-8")
    for k, v in sitemap_files(site).items():
        out[k] = v.encode("utf-8")
    out["robots.txt"] = robots_txt(site).encode("utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, default=here / "src", help="folder of *.txt article sources")
    ap.add_argument("--out", type=Path, default=here,
                    help="output folder for sources.csv, gold.jsonl and www/ (default: data/demo-site)")
    ap.add_argument("--lenient", action="store_true",
                    help="skip malformed articles with a warning instead of failing")
    args = ap.parse_args(argv)
    if not args.src.is_dir():
        print(f"build_site: source folder {args.src} does not exist", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    return build(args.src, args.out, args.lenient)


if __name__ == "__main__":
    sys.exit(main())
