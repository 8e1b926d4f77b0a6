"""The search index: Pagefind, run over the finished pages as the build's last stage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.errors import InputError


def run_pagefind(site: Path) -> None:
    """Index the built pages into site/pagefind/ with the Pagefind binary from PyPI."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
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
