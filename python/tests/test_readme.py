"""The README's Python session, run as written: it must still work, and
print what the README shows."""
import os
import pathlib
import re
import subprocess
import sys

import storyloom
from conftest import REPO, SEEDS, require_seeds

DATED = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?) ")


def readme_session():
    """The code and the output shown under the README's "### Python"."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^### Python\n(.*?)(?=^#{1,3} )", text, re.S | re.M)
    assert section, 'README.md has no "### Python" section'
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", section.group(1), re.S | re.M)
    code = next(body for lang, body in blocks if lang == "python")
    shown = next(body for lang, body in blocks if lang == "text")
    return code, shown


def test_the_readme_session_prints_the_niger_timeline(tmp_path):
    require_seeds()
    code, shown = readme_session()
    # The session reads ../shared/seeds, as from a checkout's root.
    work = tmp_path / "checkout"
    work.mkdir()
    (tmp_path / "shared").symlink_to(SEEDS.parent, target_is_directory=True)
    # The module this test imports, whatever PYTHONPATH's form.
    env = dict(os.environ, PYTHONPATH=str(pathlib.Path(storyloom.__file__).resolve().parents[1]))
    done = subprocess.run([sys.executable, "-c", code], cwd=work, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()

    # What the README shows is what it prints ("..." stands for lines left out).
    at = 0
    for line in shown.splitlines():
        if line.strip() == "...":
            continue
        assert line in out[at:], f"the README shows {line!r}; the session printed:\n{done.stdout}"
        at = out.index(line, at) + 1

    # And what it prints is the Niger story's timeline.
    assert out[0] == "7 documents in 2 stories"
    dates = [m.group(1) for m in map(DATED.match, out) if m]
    assert len(dates) >= 12
    assert dates == sorted(dates)
    assert dates[0] == "2023-07" and dates[-1] == "2024-04-22"
    assert out[1].startswith("story ") and "ar,id,vi" in out[1], "the largest story is the Niger story"
    assert (work / "news.db").exists()
