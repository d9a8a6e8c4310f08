"""Fixtures for the storyloom module's tests: stores ingested once a session.

The module comes from the build folder (PYTHONPATH=build/python, as CTest
sets it). The seeds live in ../shared beside the checkout; tests that need
them skip, saying so, when it is absent.
"""
import os
import pathlib

import pytest

import storyloom

REPO = pathlib.Path(__file__).resolve().parents[2]
SEEDS = (REPO / ".." / "shared" / "seeds").resolve()
SAMPLES = REPO / "samples"


def require_seeds():
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found at {SEEDS} (../shared is absent)")


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory):
    """A store holding the five seed documents, and the report of their ingest."""
    require_seeds()
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    store = storyloom.open(path, create=True)
    report = store.ingest([SEEDS])
    yield store, report
    store.close()


@pytest.fixture(scope="session")
def niger(seeds_store):
    """The Niger story, found by its content: the story holding the Indonesian report."""
    store, _ = seeds_store
    indonesian = [d["id"] for d in store.documents(limit=100) if d["lang"] == "id"]
    assert len(indonesian) == 1, "the seeds hold one Indonesian report"
    holding = [s for s in store.stories(docs=True) if indonesian[0] in s["docs"]]
    assert len(holding) == 1
    return holding[0]


@pytest.fixture(scope="session")
def cli():
    """The storyloom binary of the same build, when CTest names it."""
    binary = os.environ.get("STORYLOOM_BINARY")
    if not binary or not os.path.exists(binary):
        pytest.skip("STORYLOOM_BINARY is not set to the storyloom binary (CTest sets it)")
    return binary
