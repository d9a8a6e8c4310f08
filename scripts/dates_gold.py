#!/usr/bin/python3
"""Gold files for `storyloom eval dates` that point into the shared data.

A record names its document by `source` (see tests/data/dates/GUIDELINE.md)
instead of carrying the text, so no sentence of the shared data enters the
repository. This script prints a document and checks gold files; the eval
reads the same sources in C++ (src/eval/dates_sources.cc).

Usage:
  dates_gold.py text SOURCE [--data DIR] [--numbered]   print a document
  dates_gold.py docs CORPUS [--data DIR]                 list SOURCE names
  dates_gold.py check FILE... [--data DIR]               verify records
  dates_gold.py resolve FILE [--data DIR]                records with "text"
  dates_gold.py split OUTDIR FILE...                      dev.jsonl / test.jsonl
  dates_gold.py agree GOLD OTHER                          agreement per language

The split is by document and fixed: a document is in test when the first
byte of the MD5 of its "doc" is odd, in dev otherwise.

DIR defaults to ../shared/data beside this checkout.
"""
import ast
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data"))
VALUE = re.compile(r"^(\d{4}(-(\d{2}(-\d{2})?|W\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI))?|\d{2,3})$")
_cache = {}


def _ntrex_ids(data):
    if "ntrex" not in _cache:
        with open(os.path.join(data, "ntrex", "DOCUMENT_IDS.tsv"), encoding="utf-8") as f:
            _cache["ntrex"] = [line.rstrip("\n").split("\t")[0] for line in f]
    return _cache["ntrex"]


def document_text(source, data):
    path, _, key = source.partition("#")
    full = os.path.join(data, path)
    if path.startswith("ntrex/"):
        ids = _ntrex_ids(data)
        with open(full, encoding="utf-8") as f:
            lines = f.read().split("\n")
        return "\n".join(lines[i] for i, d in enumerate(ids) if d == key)
    if path.startswith("mmds/"):
        if "mmds" not in _cache:
            with open(full, encoding="utf-8") as f:
                _cache["mmds"] = json.load(f)["articles"]
        for a in _cache["mmds"]:
            if str(a["ID"]) == key:
                s = a["sentences"]
                if isinstance(s, str):
                    s = ast.literal_eval(s)
                return "\n".join(x["content"] for x in s)
        raise KeyError(source)
    if path.endswith("articles.jsonl"):
        with open(full, encoding="utf-8") as f:
            for line in f:
                j = json.loads(line)
                if str(j["id"]) == key:
                    return j["text"]
        raise KeyError(source)
    with open(full, encoding="utf-8") as f:
        return f.read()


def check(files, data):
    bad = 0
    for fn in files:
        with open(fn, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                r = json.loads(line)
                where = "%s:%d" % (fn, n)
                text = document_text(r["source"], data).encode("utf-8")
                if not re.match(r"^\d{4}-\d{2}-\d{2}$", r.get("dct") or ""):
                    print(where, "dct is not YYYY-MM-DD"); bad += 1
                last = -1
                for t in r["timexes"]:
                    s, raw = t["start"], t["text"].encode("utf-8")
                    if text[s:s + len(raw)] != raw:
                        print(where, "text %r not at byte %d" % (t["text"], s)); bad += 1
                    if s < last:
                        print(where, "%r out of text order" % t["text"]); bad += 1
                    last = s
                    for v in t["value"].split("/"):
                        if not VALUE.match(v):
                            print(where, "value %r of %r is not a storyloom date value" % (t["value"], t["text"])); bad += 1
    print("%d problem(s)" % bad)
    return 1 if bad else 0


def main(argv):
    data = DEFAULT_DATA
    if "--data" in argv:
        i = argv.index("--data"); data = argv[i + 1]; del argv[i:i + 2]
    if len(argv) < 2:
        print(__doc__); return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "text":
        t = document_text(args[0], data)
        if "--numbered" in args:
            for i, line in enumerate(t.split("\n"), 1):
                print("%4d  %s" % (i, line))
        else:
            sys.stdout.write(t + "\n")
        return 0
    if cmd == "docs":
        corpus = args[0]
        if corpus.startswith("ntrex/"):
            seen = []
            for d in _ntrex_ids(data):
                if d not in seen:
                    seen.append(d)
            for d in seen:
                print("%s#%s" % (corpus, d))
        elif corpus == "mmds/dev.json":
            with open(os.path.join(data, corpus), encoding="utf-8") as f:
                for a in json.load(f)["articles"]:
                    print("%s#%s" % (corpus, a["ID"]))
        elif corpus.endswith("articles.jsonl"):
            with open(os.path.join(data, corpus), encoding="utf-8") as f:
                for line in f:
                    print("%s#%s" % (corpus, json.loads(line)["id"]))
        return 0
    if cmd == "check":
        return check(args, data)
    if cmd == "split":
        import hashlib
        outdir, files = args[0], args[1:]
        parts = {"dev": [], "test": []}
        for fn in files:
            with open(fn, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        r = json.loads(line)
                        odd = hashlib.md5(r["doc"].encode("utf-8")).digest()[0] % 2
                        parts["test" if odd else "dev"].append(r)
        for name, records in parts.items():
            with open(os.path.join(outdir, name + ".jsonl"), "w", encoding="utf-8") as f:
                for r in records:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
            print("%s: %d documents, %d expressions" % (name, len(records), sum(len(r["timexes"]) for r in records)))
        return 0
    if cmd == "agree":
        # A second annotation of the same documents scored against the first
        # as storyloom is: spans overlap and values equal, one to one.
        def load(fn):
            with open(fn, encoding="utf-8") as f:
                return {(r["lang"], r["doc"]): r for r in map(json.loads, filter(str.strip, f))}
        gold, other = load(args[0]), load(args[1])
        counts = {}
        for key, o in other.items():
            if key not in gold:
                continue
            g = gold[key]
            c = counts.setdefault(key[0], [0, 0, 0])
            c[0] += len(g["timexes"])
            c[1] += len(o["timexes"])
            used = [False] * len(g["timexes"])
            for t in o["timexes"]:
                s0, e0 = t["start"], t["start"] + len(t["text"].encode("utf-8"))
                for k, u in enumerate(g["timexes"]):
                    s1, e1 = u["start"], u["start"] + len(u["text"].encode("utf-8"))
                    if not used[k] and s0 < e1 and s1 < e0 and t["value"] == u["value"]:
                        used[k] = True
                        c[2] += 1
                        break
        for lang, (ng, no, ok) in sorted(counts.items()):
            p, r = (ok / no if no else 0), (ok / ng if ng else 0)
            print("%s  gold %d  other %d  agree %d  P %.3f  R %.3f  F1 %.3f" % (lang, ng, no, ok, p, r, 2 * p * r / (p + r) if p + r else 0))
        return 0
    if cmd == "resolve":
        with open(args[0], encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    r["text"] = document_text(r["source"], data)
                    print(json.dumps(r, ensure_ascii=False))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
