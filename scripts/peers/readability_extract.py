#!/usr/bin/python3
"""Peer run for `storyloom eval extract --peer`: Debian's python3-readability
on the benchmark pages, timed, so storyloom can score both sides alike.

Usage: readability_extract.py DIR [--limit N] [--pages ID,ID,...]
Prints one JSON object: {"elapsed_seconds": s, "pages": {page_id: text},
"titles": {page_id: title}}. Pages are taken in sorted page-id order, as
storyloom takes them (only those of --pages when given). The time covers
parsing and extraction only, not reading the files.
"""
import argparse
import gzip
import json
import logging
import pathlib
import sys
import time

import lxml.html
from readability import Document


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", type=pathlib.Path)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--pages", default="", help="comma-separated page ids")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # readability logs every retry

    truth = json.loads((args.dir / "ground-truth.json").read_text(encoding="utf-8"))
    page_ids = sorted(truth)
    if args.pages:
        wanted = set(args.pages.split(","))
        page_ids = [p for p in page_ids if p in wanted]
    if args.limit > 0:
        page_ids = page_ids[: args.limit]

    pages = {}
    for page_id in page_ids:
        path = args.dir / "html" / f"{page_id}.html.gz"
        try:
            pages[page_id] = gzip.decompress(path.read_bytes())
        except OSError:
            pages[page_id] = b""

    texts = {}
    titles = {}
    started = time.perf_counter()
    for page_id, html in pages.items():
        try:
            document = Document(html)
            summary = document.summary(html_partial=True)
            texts[page_id] = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
            titles[page_id] = document.short_title()
        except Exception:  # a failed page counts as an empty prediction
            texts[page_id] = ""
            titles[page_id] = ""
    elapsed = time.perf_counter() - started

    json.dump({"elapsed_seconds": elapsed, "pages": texts, "titles": titles}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
