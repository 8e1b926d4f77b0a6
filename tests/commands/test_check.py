"""`check`: what editors still need to write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.sites import entry

SEEDS = {
    "a.txt": (
        "Senate Breaks Filibuster\n\nWASHINGTON (AP) -- Senator Jane Holt broke the filibuster "
        "with a cloture vote on Tuesday, and lawmakers sent the bill to the House.\n\n"
        "Holt said the vote mattered, and Tom Reyes agreed.\n"
    ),
    "b.txt": (
        "Airstrike Hits Depot\n\nWASHINGTON (AP) -- An airstrike hit a fuel depot on Monday, "
        "Senator Jane Holt said - and a hastag about it spread online. A cloture motion "
        "failed.\n"
    ),
    "c.txt": (
        "Holt Calls For Calm\n\nWASHINGTON (AP) -- Senator Jane Holt called for calm after "
        "the airstrike.\n"
    ),
}


def run_check(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", *args],
        cwd=folder,
        capture_output=True,
        text=True,
    )


def site(tmp_path: Path) -> Path:
    (tmp_path / "site.toml").write_text('title = "T"\n')
    (tmp_path / "seeds").mkdir()
    for name, text in SEEDS.items():
        (tmp_path / "seeds" / name).write_text(text)
    entry(tmp_path / "content", "explainers", "no-such-slug", 'hide = ["x"]')
    return tmp_path


def section(output: str, heading: str) -> list[str]:
    """The indented lines under the line starting with `heading`."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading)) + 1
    found = []
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        found.append(line.strip())
    return found


def test_terms_are_ranked_by_explainers_and_say_whether_the_dictionary_answers(tmp_path):
    done = run_check(site(tmp_path))
    assert "Traceback" not in done.stderr, done.stderr
    editor = section(done.stdout, "terms that need an editor")
    answered = section(done.stdout, "terms the dictionary answers")
    assert editor[0] == "airstrike (2 explainers)"
    assert answered[0].startswith("cloture (2 explainers): sense 1 of 2, “A rule for limiting")
    assert any(line.startswith("filibuster (1 explainer): sense ") for line in answered)
    listed = " ".join(editor + answered)
    for junk in ("hastag", " - ", "Holt", "Tuesday", "senator"):
        assert junk not in listed


def test_a_person_in_three_explainers_without_a_profile_gets_one_suggested(tmp_path):
    folder = site(tmp_path)
    done = run_check(folder)
    people = section(done.stdout, "people in 3 or more explainers with no profile")
    assert people == ["Jane Holt (3 explainers): add content/actors/jane-holt.md"]
    entry(folder / "content", "actors", "jane-holt", 'name = "Jane Holt"\nkind = "person"')
    assert "no profile" not in run_check(folder).stdout


def test_strict_fails_on_what_only_an_editor_can_write_not_on_the_dictionarys_answers(tmp_path):
    done = run_check(site(tmp_path), "--strict")
    assert done.returncode == 1, done.stderr
    assert "actors with no role: Tom Reyes" in done.stdout
    assert "no-such-slug.md: no seed has the slug `no-such-slug`" in done.stdout
    answered = tmp_path / "answered"
    (answered / "seeds").mkdir(parents=True)
    (answered / "site.toml").write_text('title = "T"\n')
    (answered / "seeds" / "a.txt").write_text(SEEDS["a.txt"].replace(", and Tom Reyes agreed", ""))
    done = run_check(answered, "--strict")
    assert done.returncode == 0, done.stdout
    assert section(done.stdout, "terms the dictionary answers")[0].startswith("cloture")
    assert done.stdout.splitlines()[-1] == "0 thing(s) to write"


def test_a_defined_term_is_no_longer_listed_and_without_strict_check_passes(tmp_path):
    folder = site(tmp_path)
    entry(folder / "content", "glossary", "cloture", 'term = "cloture"', "Ending a debate.")
    done = run_check(folder)
    assert done.returncode == 0, done.stderr
    answered = section(done.stdout, "terms the dictionary answers")
    assert not any(line.startswith("cloture") for line in answered)
    assert any(line.startswith("filibuster") for line in answered)
