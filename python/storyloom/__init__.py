"""storyloom: stories and dated timelines from multilingual news.

    import storyloom
    with storyloom.open("news.db", create=True) as store:
        store.ingest(["feeds/"])
        for s in store.stories(limit=10):
            print(s["id"], s["title"])
        timeline = store.timeline(store.stories()[0]["id"], lang="en")

Answers are plain Python values (dicts, lists, str, int, float, None) with
the fields of the HTTP API's JSON (web/openapi.json), so code written for
`storyloom serve` reads them unchanged. A story or document that does not
exist raises LookupError, a bad argument ValueError, a store failure
RuntimeError; the message is the engine's.

to_pandas(data) makes a pandas DataFrame of a list of answers (stories,
events, documents), or of the list inside a page (a search's "hits", the
API's "stories", a timeline's "entries").
"""

from ._storyloom import Store, open  # noqa: F401  (the module's API)

__all__ = ["Store", "open", "to_pandas"]

# The list a page holds, by the key that names it.
_PAGE_KEYS = ("stories", "hits", "entries")


def _rows(data):
    if isinstance(data, dict):
        for key in _PAGE_KEYS:
            if isinstance(data.get(key), list):
                return data[key]
        return [data]
    return list(data)


def to_pandas(data):
    """A pandas DataFrame with one row per item.

    `data` is a list of dicts (store.stories(), store.events(id), ...) or a
    page holding one: a search answer (its "hits"), the API's story list (its
    "stories") or a timeline (its "entries"). A single story or document
    gives one row. Nested values (a story's coverage, a hit's snippet) stay
    as they are in one column each.
    """
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "storyloom.to_pandas needs pandas, which is not importable here "
            "(on Debian: apt-get install python3-pandas, and run /usr/bin/python3)"
        ) from e
    rows = _rows(data)
    if any(not isinstance(r, dict) for r in rows):
        raise TypeError("to_pandas takes storyloom answers: a list of dicts, or a page holding one")
    return pandas.DataFrame.from_records(rows)
