"""Atomic output under a crash, a corrupt cache, and two builds at once."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from generator.config import load_config
from generator.pipeline import build
from generator.publish.lock import build_lock
from tests.sites import GAZA, make_site


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_build_killed_while_writing_leaves_the_previous_site(tmp_path):
    config = load_config(make_site(tmp_path))
    build(config)
    before = snapshot(config.output_dir)
    seed = config.seeds_dir / "gaza-delegation-talks.txt"
    seed.write_text(seed.read_text() + "\nA paragraph the killed build never publishes.\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--config", str(config.path), "build"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Wait until the new site is being written (its staging folder has files), then kill.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        staging = list(tmp_path.glob("._site-new-*"))
        if staging and any(p.is_file() for p in staging[0].rglob("*")):
            break
        time.sleep(0.002)
    else:
        process.kill()
        raise AssertionError("the build never started writing")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot(config.output_dir) == before
    report = build(config)
    assert report.errors == []
    assert "never publishes" in (config.output_dir / GAZA / "index.html").read_text()
    assert not list(tmp_path.glob("._site-*"))


def test_a_corrupt_cache_entry_is_discarded_and_rebuilt(tmp_path):
    config = load_config(make_site(tmp_path))
    build(config, search=False)
    entries = sorted((config.cache_dir / "extract").rglob("*.json"))
    assert entries
    entries[0].write_text(entries[0].read_text()[:100])  # truncated
    entries[1].write_text('{"slug": 3}')  # well-formed but wrong
    # fresh: past the saved build state, which would not need the extractions at all.
    report = build(config, search=False, fresh=True)
    assert report.parsed == 2 and report.errors == []
    assert build(config, search=False, fresh=True).parsed == 0  # the rewritten entries are good


def test_a_second_build_at_the_same_time_stops_with_a_clear_message(tmp_path):
    config = load_config(make_site(tmp_path))
    with build_lock(config):
        done = subprocess.run(
            [sys.executable, "-m", "generator", "--config", str(config.path), "build"],
            capture_output=True,
            text=True,
        )
    assert done.returncode == 2
    assert "another build of this site is running" in done.stderr
    assert "Traceback" not in done.stderr
