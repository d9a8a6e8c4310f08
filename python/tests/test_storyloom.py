"""The storyloom module as a Python user meets it: ingest, stories, a
timeline, documents, search, errors and pandas."""
import json
import os
import subprocess
import sys
import threading

import pytest

import storyloom
from conftest import REPO, SAMPLES, SEEDS


def run_cli(binary, *args):
    done = subprocess.run([binary, *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


# Ingest

def test_ingest_reports_the_seeds(seeds_store):
    _, report = seeds_store
    assert report["inputs"] == 5
    assert report["documents"] == 7  # one seed holds three glued articles
    assert report["issues"] == []
    assert report["already_stored"] is False
    assert report["stories"] >= 2  # the Niger story and the Sudan fragment
    assert report["placed"] == 7


def test_ingesting_the_same_files_again_adds_nothing(seeds_store):
    store, first = seeds_store
    again = store.ingest(SEEDS)  # one path, not a list, is fine too
    assert again["already_stored"] is True
    assert again["inputs_known"] == 5
    assert again["documents"] == 0
    assert again["stories"] == first["stories"]


def test_bad_input_is_reported_by_file_and_line_not_raised(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Floods close the river port of Niamey.", "title": "Floods in Niamey"}\n'
                    '{"text": "broken\n', encoding="utf-8")
    with storyloom.open(tmp_path / "bad.db", create=True) as store:
        report = store.ingest([feed])
        assert report["documents"] == 1
        assert len(report["issues"]) == 1
        assert report["issues"][0].startswith(f"{feed}:2: ")
        missing = tmp_path / "nowhere.txt"
        report = store.ingest([missing])
        assert report["documents"] == 0
        assert any(str(missing) in issue for issue in report["issues"])


def test_the_samples_make_stories_with_timelines(tmp_path):
    with storyloom.open(tmp_path / "samples.db", create=True) as store:
        report = store.ingest([SAMPLES])
        assert report["documents"] > 0 and report["issues"] == []
        stories = store.stories()
        assert len(stories) == report["stories"] > 0
        assert [s["size"] for s in stories] == sorted((s["size"] for s in stories), reverse=True)
        largest = stories[0]
        timeline = store.timeline(largest["id"])
        assert timeline["story"] == largest["id"]
        assert timeline["entries"], "the largest sample story has dated entries"


# Reading stories

def test_stories_cover_every_document_once(seeds_store):
    store, _ = seeds_store
    stories = store.stories(docs=True)
    documents = store.documents()
    assert len(documents) == 7
    placed = sorted(d for s in stories for d in s["docs"])
    assert placed == sorted(d["id"] for d in documents)
    for s in stories:
        assert s["size"] == len(s["docs"])
        assert isinstance(s["title"], str) and isinstance(s["langs"], list)


def test_the_niger_story_gathers_three_languages(seeds_store, niger):
    store, _ = seeds_store
    assert set(niger["langs"]) >= {"vi", "id", "ar"}
    assert niger["size"] == 6  # every seed article but the Sudan fragment
    story = store.story(niger["id"])
    assert story["id"] == niger["id"]
    assert len(story["docs"]) == 6
    assert story["events"] == store.events(niger["id"])
    assert all(e["start"] <= e["end"] for e in story["events"] if e["start"])
    # The Arabic report is folded under the Indonesian one it translates.
    by_lang = {d["lang"]: d for d in story["docs"]}
    assert by_lang["ar"]["duplicate_of"] == by_lang["id"]["id"]


def test_stories_filter_by_language(seeds_store, niger):
    store, _ = seeds_store
    arabic = store.stories(lang="ar")
    assert [s["id"] for s in arabic] == [niger["id"]]
    assert store.stories(limit=1) == store.stories()[:1]


def test_the_niger_timeline_runs_from_the_coup_to_the_withdrawal(seeds_store, niger):
    store, _ = seeds_store
    timeline = store.timeline(niger["id"], lang="vi")
    assert timeline["story"] == niger["id"]
    entries = timeline["entries"]
    assert len(entries) >= 12
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    assert dates[0] == "2023-07"
    assert "đảo chính" in entries[0]["sentences"][0]["text"]  # the coup
    assert dates[-1] == "2024-04-22"
    assert "rút" in " ".join(s["text"] for s in entries[-1]["sentences"])  # the withdrawal talks
    story_docs = {d["id"] for d in store.story(niger["id"])["docs"]}
    for entry in entries:
        for sentence in entry["sentences"]:
            assert sentence["doc"] in story_docs
            assert sentence["lang"] in {"vi", "id", "ar"}


def test_a_document_in_full(seeds_store, niger):
    store, _ = seeds_store
    brief = next(d for d in store.documents() if d["lang"] == "ar")
    doc = store.document(brief["id"])
    assert doc["id"] == brief["id"] and doc["lang"] == "ar"
    assert "النيجر" in doc["text"]
    assert doc["story"]["id"] == niger["id"]
    assert doc["paragraphs"] and doc["sentences"]
    for start, end in doc["sentences"]:
        assert 0 <= start < end <= len(doc["text"].encode("utf-8"))


def test_search_finds_reports_in_their_own_language(seeds_store, niger):
    store, _ = seeds_store
    results = store.search("Niger Rusia")
    assert results["query"] == "Niger Rusia"
    assert results["total"] >= 1
    top = results["hits"][0]
    assert top["lang"] == "id" and top["story"] == niger["id"]
    assert "Niger" in top["snippet"]["text"]
    arabic = store.search("النيجر", lang="ar")
    assert arabic["hits"] and all(h["lang"] == "ar" for h in arabic["hits"])
    assert store.search("Niger", story=niger["id"])["total"] >= 5
    assert store.search("zzzqqq")["hits"] == []


# The same views as the command line and the HTTP API

def test_answers_are_the_json_views_of_the_cli(seeds_store, niger, cli):
    store, _ = seeds_store
    db = store.location
    lines = run_cli(cli, "stories", "--json", "--store", db).splitlines()
    assert [json.loads(line) for line in lines] == store.stories(docs=True)
    assert json.loads(run_cli(cli, "story", str(niger["id"]), "--json", "--store", db)) == store.story(niger["id"])
    shown = run_cli(cli, "timeline", str(niger["id"]), "--lang", "vi", "--sentences", "3", "--format", "json",
                    "--store", db)
    assert json.loads(shown) == store.timeline(niger["id"], lang="vi")


# Errors

def test_what_does_not_exist_raises_lookup_error(seeds_store):
    store, _ = seeds_store
    with pytest.raises(LookupError, match="999999"):
        store.story(999999)
    with pytest.raises(LookupError):
        store.timeline(999999)
    with pytest.raises(LookupError):
        store.events(999999)
    with pytest.raises(LookupError):
        store.document(999999)


def test_a_missing_store_is_not_created_unless_asked(tmp_path):
    path = tmp_path / "absent.db"
    with pytest.raises(FileNotFoundError, match="absent.db"):
        storyloom.open(path)
    assert not path.exists()
    storyloom.open(path, create=True).close()
    assert path.exists()


def test_bad_arguments_raise_value_error(seeds_store, niger):
    store, _ = seeds_store
    with pytest.raises(ValueError, match="lang"):
        store.stories(lang="Vietnamese")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        store.timeline(niger["id"], from_="last week")
    with pytest.raises(ValueError, match="format"):
        store.ingest([SEEDS], format="pdf")
    with pytest.raises(ValueError, match="sort"):
        store.stories(sort="alphabetical")
    with pytest.raises(TypeError):
        store.ingest(42)


def test_a_closed_store_says_so(tmp_path):
    with storyloom.open(tmp_path / "c.db", create=True) as store:
        assert not store.closed and store.backend == "sqlite"
    assert store.closed
    with pytest.raises(ValueError, match="closed"):
        store.stories()


def test_threads_share_a_store(seeds_store, niger):
    store, _ = seeds_store
    expected = store.timeline(niger["id"], lang="vi")
    results, errors = [], []

    def read():
        try:
            results.append(store.timeline(niger["id"], lang="vi"))
        except Exception as e:  # noqa: BLE001 (reported below)
            errors.append(e)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert results == [expected] * 4


# pandas

def test_to_pandas_gives_one_row_per_story(seeds_store):
    pytest.importorskip("pandas", reason="python3-pandas is not installed")
    store, _ = seeds_store
    stories = store.stories()
    frame = storyloom.to_pandas(stories)
    assert len(frame) == len(stories)
    assert list(frame["id"]) == [s["id"] for s in stories]
    assert {"title", "size", "langs", "start", "end"} <= set(frame.columns)
    assert frame["size"].sum() == 7
    # A page gives its list: the API's stories, a search's hits, a timeline's entries.
    assert len(storyloom.to_pandas({"total": len(stories), "stories": stories})) == len(stories)
    hits = store.search("Niger")
    assert len(storyloom.to_pandas(hits)) == len(hits["hits"])



def test_to_pandas_gives_a_timeline_one_row_per_date(seeds_store, niger):
    pytest.importorskip("pandas", reason="python3-pandas is not installed")
    store, _ = seeds_store
    timeline = store.timeline(niger["id"], lang="vi")
    frame = storyloom.to_pandas(timeline)
    assert list(frame["date"]) == [e["date"] for e in timeline["entries"]]
    events = storyloom.to_pandas(store.events(niger["id"]))
    assert list(events["number"]) == list(range(1, len(events) + 1))


def test_to_pandas_without_pandas_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(ImportError, match="python3-pandas"):
        storyloom.to_pandas([{"id": 1}])


# Resources

def test_resources_are_found_from_the_build_tree_or_named(tmp_path):
    with storyloom.open(tmp_path / "named.db", create=True, resources=REPO / "resources") as store:
        assert store.ingest([SAMPLES])["documents"] > 0
    with storyloom.open(tmp_path / "none.db", create=True, resources=tmp_path / "empty") as store:
        with pytest.raises(Exception, match="lid.176.ftz"):
            store.ingest([SAMPLES])


# PostgreSQL

@pytest.fixture
def pg_url():
    """A database of its own on the server STORYLOOM_TEST_PG names, dropped after."""
    server = os.environ.get("STORYLOOM_TEST_PG")
    if not server:
        pytest.skip("STORYLOOM_TEST_PG is not set: the PostgreSQL store is not tried (.ci/run starts a server)")
    name = f"storyloom_py_{os.getpid()}"
    base, _, query = server.partition("?")
    url = base[:base.index("/", base.index("://") + 3)] + "/" + name + ("?" + query if query else "")

    def psql(sql):
        subprocess.run(["psql", server, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                       capture_output=True, text=True)

    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(f"CREATE DATABASE {name}")
    yield url
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_postgresql_store_answers_as_a_sqlite_one(pg_url, tmp_path):
    with storyloom.open(pg_url, create=True) as pg, storyloom.open(tmp_path / "same.db", create=True) as lite:
        assert pg.backend == "postgresql"
        assert pg.ingest([SAMPLES])["documents"] == lite.ingest([SAMPLES])["documents"] > 0
        assert pg.stories(docs=True) == lite.stories(docs=True)
        largest = lite.stories()[0]["id"]
        assert pg.timeline(largest) == lite.timeline(largest)
