"""Odd files in seeds/: links out of the folder, pipes, devices, names that are not UTF-8 or
that hold control characters. Each is refused with an error naming it, without hanging or
reading it whole, and the other seeds are still published."""

from __future__ import annotations

import gzip
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "seeds" / "senate-stopgap-budget-vote.txt"
GOOD_HEADLINE = "Senate Clears Key Hurdle On Stopgap Budget"
# Long enough for a slow shared machine, short enough that a hang fails the test soon.
TIMEOUT = 90
SECRET = "Zq7 private-key-material 4f19c2"
PRIVATE_ARTICLE = (
    f"Internal Memo {SECRET}\n\n"
    f"WASHINGTON (AP) -- The memo says {SECRET} must never leave this machine.\n\n"
    "Officials declined to comment on Tuesday.\n"
)
LINKED_ARTICLE = (
    "Senate Breaks Filibuster Over Farm Bill\n\n"
    "WASHINGTON (AP) -- Senator Jane Holt broke the filibuster with a cloture vote on "
    "Tuesday, and lawmakers sent the farm bill to the House.\n\n"
    "Holt said the vote mattered.\n"
)


def make_site(folder: Path) -> Path:
    """A site of one good seed and the default theme; its seeds folder."""
    (folder / "site.toml").write_text('title = "T"\nbase_url = "https://example.org/"\n')
    seeds = folder / "seeds"
    seeds.mkdir()
    (seeds / GOOD.name).write_bytes(GOOD.read_bytes())
    return seeds


def _limit_memory() -> None:
    # A build that reads /dev/zero would otherwise take every byte of the machine's memory.
    limit = 3 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run(folder: Path, *args: str, memory_limit: bool = False) -> subprocess.CompletedProcess:
    """Run `python -m generator ARGS` on the site; fail the test if it does not finish soon."""
    command = [sys.executable, "-m", "generator", "--config", str(folder / "site.toml"), *args]
    with subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # so a hung build and the processes it forked can all be killed
        preexec_fn=_limit_memory if memory_limit else None,
    ) as process:
        try:
            out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"`{' '.join(args)}` did not finish in {TIMEOUT} s")
    return subprocess.CompletedProcess(
        command,
        process.returncode,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
    )


def build(folder: Path, *args: str, memory_limit: bool = False) -> subprocess.CompletedProcess:
    return run(folder, "build", *args, memory_limit=memory_limit)


def assert_the_good_seed_is_published(folder: Path, done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stderr  # some seeds failed, the site is built
    pages = [p.read_text() for p in (folder / "_site").glob("*/index.html")]
    assert any(GOOD_HEADLINE in page for page in pages), done.stderr


def site_bytes(folder: Path) -> bytes:
    """Every file of the built site, the search index's compressed files uncompressed."""
    found = b""
    for path in sorted((folder / "_site").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found += gzip.decompress(data) if data.startswith(b"\x1f\x8b") else data
    return found


def test_a_link_out_of_the_seeds_folder_is_refused_and_one_inside_is_followed(tmp_path):
    seeds = make_site(tmp_path)
    private = tmp_path / "home" / "id_rsa"
    private.parent.mkdir()
    private.write_text(PRIVATE_ARTICLE)
    (seeds / "leak.txt").symlink_to(private)
    (seeds / "originals").mkdir()
    (seeds / "originals" / "farm-bill.text").write_text(LINKED_ARTICLE)
    (seeds / "farm-bill.txt").symlink_to(Path("originals", "farm-bill.text"))

    done = build(tmp_path)  # with the search index

    assert_the_good_seed_is_published(tmp_path, done)
    assert f"{seeds / 'leak.txt'}: is a link to a file outside the seeds folder" in done.stderr
    assert "1 seed failed" in done.stderr
    published = site_bytes(tmp_path)
    assert SECRET.encode() not in published
    assert b"Senate Breaks Filibuster Over Farm Bill" in published


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    seeds = make_site(tmp_path)
    os.mkfifo(seeds / "pipe.txt")

    done = build(tmp_path, "--no-search")

    assert_the_good_seed_is_published(tmp_path, done)
    assert f"{seeds / 'pipe.txt'}: is a named pipe (FIFO), not a regular file" in done.stderr


def test_a_link_to_dev_zero_fails_at_once_without_reading_it(tmp_path):
    seeds = make_site(tmp_path)
    (seeds / "zero.txt").symlink_to("/dev/zero")

    done = build(tmp_path, "--no-search", memory_limit=True)

    assert_the_good_seed_is_published(tmp_path, done)
    assert f"{seeds / 'zero.txt'}: is a link to a file outside the seeds folder" in done.stderr


def test_a_name_that_is_not_utf8_fails_that_seed_only(tmp_path):
    seeds = make_site(tmp_path)
    (Path(os.fsdecode(seeds)) / os.fsdecode(b"caf\xe9.txt")).write_text(LINKED_ARTICLE)

    done = build(tmp_path, "--no-search")

    assert_the_good_seed_is_published(tmp_path, done)
    assert f"{seeds}/caf\\xe9.txt: the file name is not valid UTF-8" in done.stderr
    assert b"Farm Bill" not in site_bytes(tmp_path)


def test_a_newline_or_escape_in_a_name_cannot_forge_a_line_of_output(tmp_path):
    seeds = make_site(tmp_path)
    (seeds / "late\nerror: every seed failed\x1b[2K.txt").write_text("")

    done = build(tmp_path, "--no-search")

    assert_the_good_seed_is_published(tmp_path, done)
    lines = done.stderr.splitlines()
    assert f"  {seeds}/late\\nerror: every seed failed\\x1b[2K.txt: is empty" in lines
    assert not [line for line in lines if line.startswith("error:")]
    assert "\x1b" not in done.stderr


def test_check_lists_odd_seed_names_as_one_error_line_each(tmp_path):
    seeds = make_site(tmp_path)
    (Path(os.fsdecode(seeds)) / os.fsdecode(b"caf\xe9.txt")).write_text(LINKED_ARTICLE)
    (seeds / "late\nerror: forged.txt").write_text("")

    done = run(tmp_path, "check")

    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1
    errors = [line for line in done.stdout.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {seeds}/caf\\xe9.txt: the file name is not valid UTF-8",
        f"error: {seeds}/late\\nerror: forged.txt: is empty",
    ]
    assert f"{seeds / GOOD.name} (senate-clears-key-hurdle" in done.stdout
