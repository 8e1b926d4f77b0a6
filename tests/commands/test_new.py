"""`new`: a new site that builds as it is."""

from __future__ import annotations

import subprocess
import sys


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True
    )


def test_a_new_site_builds_and_shows_its_example(tmp_path):
    done = run("new", "mysite", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    site = tmp_path / "mysite"
    for name in (
        "site.toml",
        "seeds/example.txt",
        "content/glossary/budget.md",
        "content/actors/ana-ruiz.md",
        "content/pages/about.md",
    ):
        assert (site / name).is_file(), name
    built = run("build", "--no-search", cwd=site)
    assert built.returncode == 0, built.stderr
    page = (
        site / "_site" / "city-council-approves-budget-after-late-night-vote" / "index.html"
    ).read_text()
    assert "Ana Ruiz" in page and "Mayor" in page
    assert "An editor’s note" in page or "An editor's note" in page  # the override applied
    assert (site / "_site" / "about" / "index.html").exists()


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "file.txt").write_text("x")
    done = run("new", "taken", cwd=tmp_path)
    assert done.returncode == 2 and "taken: is not empty" in done.stderr
