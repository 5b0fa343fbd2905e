#!/usr/bin/env python3
"""Builds data/labelled/<language>.jsonl from the writers' batches in data/labelled/src/*.txt.

Each output line: {"id", "language", "title", "text", "label", "outlet", "kind", "date", "case"}
(DESIGN.md "Labelled data"). Malformed input stops the build with FILE:LINE and the reason.
Deterministic: the same sources give byte-identical files.
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
KEYS = ["id", "language", "outlet", "kind", "date", "title", "label", "case"]
LABELS = {"alarmist", "balanced", "supportive", "none"}
LANGS = {"en", "fr", "de", "es", "zh"}


def fail(path, line, msg):
    sys.exit(f"{path}:{line}: {msg}")


def parse(path):
    docs, cur, body, in_body, start = [], None, [], False, 0
    lines = path.read_text(encoding="utf-8").split("\n")

    def finish():
        if cur is None:
            return
        missing = [k for k in KEYS if k not in cur]
        if missing:
            fail(path, start, f"document {cur.get('id', '?')} lacks {', '.join(missing)}")
        if not in_body:
            fail(path, start, f"document {cur['id']} has no '---' line")
        paragraphs = [re.sub(r"\s+", " ", p).strip() for p in "\n".join(body).split("\n\n")]
        cur["text"] = "\n\n".join(p for p in paragraphs if p)
        if not cur["text"]:
            fail(path, start, f"document {cur['id']} has no text")
        docs.append(cur)

    for n, line in enumerate(lines, 1):
        if line.strip() == "%%% doc":
            finish()
            cur, body, in_body, start = {}, [], False, n
            continue
        if cur is None:
            continue
        if not in_body:
            if line.strip() == "---":
                in_body = True
                continue
            if not line.strip():
                continue
            key, sep, value = line.partition(":")
            if not sep:
                fail(path, n, f"expected 'key: value', got {line!r}")
            key, value = key.strip(), value.strip()
            if key not in KEYS:
                fail(path, n, f"unknown key {key!r}")
            cur[key] = value
        else:
            body.append(line)
    finish()
    for d in docs:
        if d["label"] not in LABELS:
            fail(path, 0, f"{d['id']}: bad label {d['label']!r}")
        if d["language"] not in LANGS:
            fail(path, 0, f"{d['id']}: bad language {d['language']!r}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["date"]):
            fail(path, 0, f"{d['id']}: bad date {d['date']!r}")
    return docs


def main():
    by_lang, seen = {}, set()
    for path in sorted((ROOT / "src").glob("*.txt")):
        for d in parse(path):
            if d["id"] in seen:
                fail(path, 0, f"duplicate id {d['id']}")
            seen.add(d["id"])
            by_lang.setdefault(d["language"], []).append(d)
    for lang, docs in sorted(by_lang.items()):
        out = ROOT / f"{lang}.jsonl"
        with out.open("w", encoding="utf-8") as f:
            for d in sorted(docs, key=lambda d: d["id"]):
                rec = {"id": d["id"], "language": d["language"], "title": d["title"],
                       "text": d["text"], "label": d["label"], "outlet": d["outlet"],
                       "kind": d["kind"], "date": d["date"], "case": d["case"].split()}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        counts = {}
        for d in docs:
            counts[d["label"]] = counts.get(d["label"], 0) + 1
        print(f"{out.name}: {len(docs)} documents {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
