#!/usr/bin/python3
"""Peer run for `storyloom eval dates --peer`: Debian's python3-dateparser on
the same JSONL file, timed, so storyloom scores both sides alike.

Usage: dateparser_dates.py FILE.jsonl
Prints one JSON object: {"elapsed_seconds": s, "lines": [[{"start", "end",
"value", "text"}...] one list a line]}; start/end are UTF-8 byte offsets.

Each line runs dateparser.search.search_dates(text, languages=[lang],
settings={'RELATIVE_BASE': dct, 'PREFER_DATES_FROM': 'past'}) (no
RELATIVE_BASE when dct is null). dateparser returns datetimes; the value is
cut to the granularity of the matched text as dateparser itself reads it:
DateDataParser(...).get_date_data(matched text).period is 'day' (and 'time')
-> YYYY-MM-DD, 'week' -> the ISO week YYYY-Www, 'month' -> YYYY-MM, 'year'
-> YYYY. Only search_dates is timed, not the granularity pass.
"""
import datetime
import json
import logging
import sys
import time
import warnings

import dateparser.search
from dateparser.date import DateDataParser


def value_of(dt, period):
    if period == "year":
        return "%04d" % dt.year
    if period == "month":
        return "%04d-%02d" % (dt.year, dt.month)
    if period == "week":
        y, w, _ = dt.isocalendar()
        return "%04d-W%02d" % (y, w)
    return "%04d-%02d-%02d" % (dt.year, dt.month, dt.day)


def main():
    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    examples = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if line.strip():
                examples.append(json.loads(line))
    raw = []
    elapsed = 0.0
    for ex in examples:
        settings = {"PREFER_DATES_FROM": "past"}
        if ex.get("dct"):
            settings["RELATIVE_BASE"] = datetime.datetime.fromisoformat(ex["dct"])
        t0 = time.perf_counter()
        try:
            found = dateparser.search.search_dates(ex["text"], languages=[ex["lang"]], settings=settings) or []
        except Exception:  # dateparser raises on some inputs; count as nothing found
            found = []
        elapsed += time.perf_counter() - t0
        raw.append((ex, settings, found))
    lines = []
    for ex, settings, found in raw:
        text = ex["text"]
        parser = DateDataParser(languages=[ex["lang"]], settings=settings)
        out = []
        pos = 0
        for matched, dt in found:
            at = text.find(matched, pos)
            if at < 0:
                at = text.find(matched)
            if at < 0:
                continue
            pos = at + len(matched)
            try:
                period = parser.get_date_data(matched).period or "day"
            except Exception:
                period = "day"
            start = len(text[:at].encode("utf-8"))
            end = start + len(matched.encode("utf-8"))
            out.append({"start": start, "end": end, "value": value_of(dt, period), "text": matched})
        lines.append(out)
    json.dump({"elapsed_seconds": elapsed, "lines": lines}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
