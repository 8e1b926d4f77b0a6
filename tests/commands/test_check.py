"""`check`: what editors still need to write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.sites import entry

SEED = (
    "Senate Breaks Filibuster\n\nWASHINGTON (AP) -- Senator Jane Holt broke the filibuster "
    "with a cloture vote on Tuesday, and lawmakers sent the bill to the House.\n\n"
    "Holt said the vote mattered.\n"
)


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
    (tmp_path / "seeds" / "a.txt").write_text(SEED)
    entry(tmp_path / "content", "explainers", "no-such-slug", 'hide = ["x"]')
    return tmp_path


def test_check_lists_undefined_terms_missing_roles_and_broken_references(tmp_path):
    done = run_check(site(tmp_path), "--strict")
    assert done.returncode == 1, done.stderr
    assert "filibuster" in done.stdout and "cloture vote" in done.stdout
    assert "no-such-slug.md: no seed has the slug `no-such-slug`" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_defined_term_is_no_longer_listed_and_without_strict_check_passes(tmp_path):
    folder = site(tmp_path)
    entry(folder / "content", "glossary", "filibuster", 'term = "filibuster"', "A delay tactic.")
    done = run_check(folder)
    assert done.returncode == 0, done.stderr
    terms_line = next(line for line in done.stdout.splitlines() if "terms with no" in line)
    assert "filibuster" not in terms_line and "cloture vote" in terms_line
