#!/usr/bin/env python3
"""Writes Indonesian/Malay development text for tuning storyloom's id/ms decision.

Output: one text a line, "lang<TAB>source<TAB>text", lang being id or ms. The
file is for tuning only and stays outside the repository (the sources' own
licences apply to it). Two sources, neither of them the evaluation set:

  --mmds FILE   an MMDS-style dev.json ({"articles": [{"ID", "title",
                "sentences": [{"content"}]}]}): each sentence of an article
                that is written in Indonesian or Malay. Which is which is
                given by --mmds-id (article IDs of Indonesian outlets); every
                other article whose text reads as Indonesian/Malay (enough
                common function words) is taken as Malay.
  --locale DIR  gettext catalogues DIR/{id,ms}/LC_MESSAGES/*.mo (Debian's
                software translations), read with msgunfmt; each translated
                message of at least --min-words words is one text. The
                iso_* catalogues (lists of names) are skipped.

Usage:
  scripts/langid/dev_sentences.py --mmds ../shared/data/mmds/dev.json \
      --mmds-id 607,629,630,631,636 --locale /usr/share/locale > /tmp/idms_dev.tsv
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

FUNCTION_WORDS = {"yang", "dan", "di", "untuk", "dengan", "ini", "itu"}


def words(text):
    return re.findall(r"[a-z]+", text.lower())


def mmds_rows(path, indonesian_ids):
    with open(path, encoding="utf-8") as f:
        articles = json.load(f)["articles"]
    for a in articles:
        sentences = [s["content"] for s in a["sentences"]]
        w = words(" ".join(sentences))
        if not w or sum(t in FUNCTION_WORDS for t in w) / len(w) < 0.05:
            continue  # English, Chinese, ...
        lang = "id" if str(a["ID"]) in indonesian_ids else "ms"
        for s in sentences:
            s = " ".join(s.split())
            if s:
                yield lang, "mmds:%s" % a["ID"], s


def po_messages(mo_path):
    """The entries of a catalogue as {"msgid": ..., "msgstr[0]": ...} dicts."""
    po = subprocess.run(["msgunfmt", mo_path], capture_output=True, text=True, errors="replace").stdout
    # msgunfmt separates entries with a blank line and writes each field as
    # one or more quoted lines.
    for block in po.split("\n\n"):
        entry, key = {}, None
        for line in block.splitlines():
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                entry[key] = m.group(2)
            elif line.startswith('"') and key is not None:
                entry[key] += line[1:-1]
        if entry:
            yield entry


def unescape(s):
    return s.replace("\\n", " ").replace("\\t", " ").replace('\\"', '"').replace("\\\\", "\\")


def locale_rows(locale_dir, min_words):
    for lang in ("id", "ms"):
        for mo in sorted(glob.glob(os.path.join(locale_dir, lang, "LC_MESSAGES", "*.mo"))):
            name = os.path.basename(mo)[:-3]
            if name.startswith("iso_"):
                continue
            for e in po_messages(mo):
                msgid = unescape(e.get("msgid", ""))
                for k, v in e.items():
                    if not k.startswith("msgstr"):
                        continue
                    text = " ".join(unescape(v).split())
                    if not text or text == " ".join(msgid.split()) or not msgid:
                        continue
                    if len(words(text)) < min_words:
                        continue
                    yield lang, "mo:%s" % name, text
                    break


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mmds")
    ap.add_argument("--mmds-id", default="", help="comma-separated article IDs written in Indonesian")
    ap.add_argument("--locale")
    ap.add_argument("--min-words", type=int, default=4)
    args = ap.parse_args()
    out = sys.stdout
    if args.mmds:
        ids = {x.strip() for x in args.mmds_id.split(",") if x.strip()}
        for row in mmds_rows(args.mmds, ids):
            out.write("\t".join(row) + "\n")
    if args.locale:
        for row in locale_rows(args.locale, args.min_words):
            out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
