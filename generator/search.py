"""The search index: Pagefind, run over the finished pages as the build's last stage."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.errors import InputError


def run_pagefind(site: Path, output: Path | None = None) -> None:
    """Index the built pages into site/pagefind/ (or `output`) with Pagefind from PyPI."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    if output is not None:
        command += ["--output-path", str(output)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(
            f"the search indexer could not run: {exc}",
            hint="reinstall it: .venv/bin/pip install 'pagefind[bin]'",
        ) from exc
    if done.returncode != 0:
        raise InputError(
            "the search indexer failed: " + (done.stderr or done.stdout).strip()[-2000:],
            hint="reinstall it with `make distclean build`",
        )


def refresh_search(site: Path) -> None:
    """Re-index a live site and swap the new index in whole, so search never sees half of it."""
    staging = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site.parent))
    try:
        run_pagefind(site, staging / "pagefind")
        old = site / "pagefind"
        if old.exists():
            os.rename(old, staging / "old")
        os.rename(staging / "pagefind", old)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
