"""Watching a site's sources on the real filesystem: edits come as batches of changes by kind,
each file once, with editors' scratch files and the build's own output left out."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from generator.commands.watch import Change, Watcher
from generator.config import load_config


@pytest.fixture
def watcher(tmp_path: Path):
    for folder in ("seeds", "content", "theme/templates", "theme/static"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "site.toml").write_text('title = "T"\ntheme = "theme"\n', encoding="utf-8")
    watching = Watcher(load_config(tmp_path / "site.toml"))
    watching.start()
    yield watching
    watching.stop()


def settle(watcher: Watcher, timeout: float = 15) -> None:
    """Wait until the events of what was just written have all arrived."""
    deadline = time.monotonic() + timeout
    size, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        if watcher.changes.qsize() != size:
            size, since = watcher.changes.qsize(), time.monotonic()
        elif size and time.monotonic() - since > 1.0:
            return
        time.sleep(0.05)


def ours(batch: list[Change] | None, root: Path) -> list[Change]:
    """The changes under the test's folder (the default theme, in the repository, is watched
    too and may be edited meanwhile)."""
    return [c for c in batch or [] if c.path.is_relative_to(root)]


def test_edits_come_as_one_batch_of_changes_by_kind_each_file_once(watcher, tmp_path):
    root = tmp_path
    seed = root / "seeds" / "vote.txt"
    seed.write_text("Senate Votes\n\nWASHINGTON (AP) -- The Senate voted.\n")
    with seed.open("a") as more:
        more.write("A second paragraph.\n")
    (root / "content" / "glossary").mkdir()
    (root / "content" / "glossary" / "cloture.md").write_text('+++\nterm = "cloture"\n+++\nX.\n')
    (root / "theme" / "templates" / "page.html").write_text("{{ content_page.title }}")
    (root / "theme" / "static" / "extra.css").write_text("p { color: red }")
    with (root / "site.toml").open("a") as config:
        config.write('description = "Edited."\n')
    # None of these needs a rebuild: editors' swap, backup and probe files, files that are
    # not seeds or content, and what the build itself writes.
    ignored = [
        root / "seeds" / ".vote.txt.swp",
        root / "seeds" / "vote.txt~",
        root / "seeds" / "notes.json",
        root / "content" / "README.txt",
        root / "theme" / "templates" / ".page.html.swp",
        root / "theme" / "templates" / "page.html~",
        root / "theme" / "static" / "4913",  # vim's probe that it may write there
        root / "_site" / "index.html",
        root / ".cache" / "entry.json",
    ]
    for path in ignored:
        path.parent.mkdir(exist_ok=True)
        path.write_text("x")
    settle(watcher)
    batch = ours(watcher.next_batch(timeout=10), root)
    assert not {c.path for c in batch} & {*ignored, root / "_site", root / ".cache"}
    # (A theme folder whose files changed comes too, as a change of its kind.)
    files = [c for c in batch if not c.path.is_dir()]
    assert sorted(files, key=lambda c: c.kind) == [
        Change("config", root / "site.toml"),
        Change("content", root / "content" / "glossary" / "cloture.md"),
        Change("seed", seed),
        Change("static", root / "theme" / "static" / "extra.css"),
        Change("template", root / "theme" / "templates" / "page.html"),
    ]
    assert ours(watcher.next_batch(timeout=0.5), root) == []  # nothing left over


def test_an_editors_atomic_save_is_a_change_to_the_file_it_replaces(watcher, tmp_path):
    seed = tmp_path / "seeds" / "vote.txt"
    probe = tmp_path / "seeds" / "4913"  # vim checks that it may write in the folder
    probe.write_text("")
    probe.unlink()
    scratch = tmp_path / "seeds" / "vote.txt.tmp"
    scratch.write_text("Senate Votes\n\nWASHINGTON (AP) -- The Senate voted.\n")
    os.replace(scratch, seed)
    settle(watcher)
    started = time.monotonic()
    assert ours(watcher.next_batch(timeout=10), tmp_path) == [Change("seed", seed)]
    assert time.monotonic() - started < 0.9  # handed over as soon as the folder is quiet


def test_a_stream_of_edits_is_handed_over_while_it_goes_on(watcher, tmp_path):
    seed = tmp_path / "seeds" / "live.txt"
    stop = threading.Event()

    def keep_writing() -> None:  # like a long copy or a script writing a seed line by line
        until = time.monotonic() + 8
        with seed.open("a", buffering=1) as out:
            while not stop.wait(0.02) and time.monotonic() < until:
                out.write("One more line.\n")

    writing = threading.Thread(target=keep_writing)
    writing.start()
    try:
        started = time.monotonic()
        batch = watcher.next_batch(timeout=10)
        waited = time.monotonic() - started
    finally:
        stop.set()
        writing.join()
    assert ours(batch, tmp_path) == [Change("seed", seed)]
    # A batch is handed over at least once a second however busy the folder (plus the time
    # the first event takes to arrive), not when the writer stops.
    assert waited < 4
