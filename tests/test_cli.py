"""The command line: wrong input gets a short message with the fix, never a traceback."""

from __future__ import annotations

import subprocess
import sys


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True
    )


def test_a_misspelt_command_gets_a_guess():
    done = run("biuld")
    assert done.returncode == 2 and "did you mean 'build'?" in done.stderr


def test_a_misspelt_option_gets_a_guess():
    done = run("build", "--frce")
    assert done.returncode == 2 and "did you mean '--force'?" in done.stderr


def test_a_missing_site_toml_says_what_to_do(tmp_path):
    done = run("build", cwd=tmp_path)
    assert done.returncode == 2
    assert "site.toml: not found" in done.stderr and "--config" in done.stderr
    assert "Traceback" not in done.stderr


def test_extract_of_a_missing_file_is_a_clear_error(tmp_path):
    (tmp_path / "site.toml").write_text('title = "T"\n')
    done = run("extract", "nowhere.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "error: nowhere.txt: cannot be read: No such file or directory"
