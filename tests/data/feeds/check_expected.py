#!/usr/bin/python3
"""Checks EXPECTED.json against the feed files beside it, not against any reader.

Run with Debian's Python (it needs python3-lxml):
    /usr/bin/python3 tests/data/feeds/check_expected.py

It confirms what the gold claims about the files themselves: every file is
listed and exists; the well-formed ones parse strictly and the broken one only
with recovery; the declared encoding is what the bytes are; every date_utc is
date_as_given converted to UTC; every title, link and body phrase occurs in the
file's text once XML and HTML escapes are undone. It prints one line per
problem, naming the file and the item, and exits 1 if there was any.
"""
import datetime
import email.utils
import html
import json
import os
import re
import sys

try:
    import lxml.etree as etree
except ImportError:
    print("skipped: python3-lxml is not installed (scripts/bootstrap installs it)")
    sys.exit(77)

HERE = os.path.dirname(os.path.abspath(__file__))
problems = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def to_utc(given):
    """The guideline's normalisation: RFC 822 or W3C-DTF in, ISO-8601 UTC out."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", given):
        return given  # a day with no time and no zone stays a day
    if re.match(r"\d{4}-\d{2}-\d{2}T", given):
        iso = given.replace("Z", "+00:00")
        iso = re.sub(r"T(\d{2}:\d{2})([+-])", r"T\1:00\2", iso)  # W3C-DTF allows hh:mm
        moment = datetime.datetime.fromisoformat(iso)
    else:
        moment = email.utils.parsedate_to_datetime(given)
    moment = moment.astimezone(datetime.timezone.utc).replace(microsecond=0)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def flat_text(root):
    """All text of the file: XML decoded, then HTML escapes and tags undone."""
    text = " ".join(root.itertext())
    for _ in range(2):  # escaped HTML holds one more layer of escapes
        text = re.sub(r"<[^>]*>", " ", html.unescape(text))
    return re.sub(r"\s+", " ", text)


def squash(s):
    return re.sub(r"\s+", " ", s)


def check_file(name, gold):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        problem(name, "listed in EXPECTED.json but missing")
        return
    raw = open(path, "rb").read()
    try:
        raw.decode(gold["encoding"].lower())
    except (UnicodeDecodeError, LookupError) as e:
        problem(name, f"bytes are not {gold['encoding']}: {e}")
    if gold["encoding"] != "UTF-8":
        try:
            raw.decode("utf-8")
            problem(name, "declared non-UTF-8 but the bytes are valid UTF-8, so nothing is tested")
        except UnicodeDecodeError:
            pass
    try:
        etree.fromstring(raw)
        strict_ok = True
    except etree.XMLSyntaxError:
        strict_ok = False
    if strict_ok != gold["well_formed"]:
        problem(name, f"well_formed says {gold['well_formed']}, strict parsing says {strict_ok}")
    root = etree.fromstring(raw, etree.XMLParser(recover=True))
    if not gold["well_formed"]:
        recovered = sum(1 for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == "item")
        if recovered < gold["documents_at_least"]:
            problem(name, f"a recovering parser finds {recovered} items, fewer than documents_at_least")
    text = flat_text(root)
    # The recovering parser may drop a stray '&'; the gold's phrases must survive in the raw text too.
    raw_text = squash(html.unescape(raw.decode(gold["encoding"].lower(), errors="replace")))
    def occurs(phrase):
        return squash(phrase) in text or squash(phrase) in raw_text
    for key in ("source",):
        if gold.get(key) and not occurs(gold[key]):
            problem(name, f"{key} {gold[key]!r} not in the file")
    entries = gold.get("items", []) + gold.get("urls", [])
    for i, item in enumerate(entries):
        where = f"{name} item {i + 1}"
        if item["date_utc"] != to_utc(item["date_as_given"]):
            problem(where, f"date_utc {item['date_utc']} but {item['date_as_given']!r} is {to_utc(item['date_as_given'])}")
        if item["date_as_given"] not in raw_text:
            problem(where, f"date_as_given {item['date_as_given']!r} not in the file")
        for key in ("title", "body_phrase", "body_phrase_ideal", "title_must_contain", "author"):
            if item.get(key) and not occurs(item[key]):
                problem(where, f"{key} {item[key]!r} not in the file")
        for phrase in item.get("body_phrases_more", []):
            if not occurs(phrase):
                problem(where, f"phrase {phrase!r} not in the file")
        link = item.get("link") or item.get("url")
        tail = link.rsplit("/", 1)[-1]
        if tail not in raw_text:
            problem(where, f"link {link!r} has no trace in the file")
        if item.get("content") not in (None, "full", "summary"):
            problem(where, f"content must be full or summary, not {item['content']!r}")
    if isinstance(gold.get("documents"), int) and gold["documents"] != len(entries):
        problem(name, f"documents {gold['documents']} but {len(entries)} items listed")


def main():
    gold = json.load(open(os.path.join(HERE, "EXPECTED.json"), encoding="utf-8"))["files"]
    on_disk = {f for f in os.listdir(HERE) if f.endswith((".xml", ".rdf"))}
    for name in sorted(on_disk - set(gold)):
        problem(name, "a feed file with no entry in EXPECTED.json")
    for name, entry in gold.items():
        check_file(name, entry)
    for p in problems:
        print(p)
    print(f"{len(gold)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
