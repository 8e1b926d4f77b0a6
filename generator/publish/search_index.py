"""The search index: Pagefind, run over the finished pages as the build's last stage."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.errors import InputError

_BODY = "data-pagefind-body"
_BODY_BYTES = _BODY.encode()
_TAG_NAME = re.compile(rb"<([A-Za-z][\w-]*)")
# Outside the indexed elements, Pagefind still reads the page's language and any
# data-pagefind-* attribute (metadata, filters, sort keys).
_HTML_TAG = re.compile(rb"<html\b[^>]*>", re.I)
_PAGEFIND_TAG = re.compile(rb"<[^<>]*\bdata-pagefind-[^>]*>")


def indexed_text(page: bytes) -> bytes | None:
    """What Pagefind reads of a page (UTF-8) marked with `data-pagefind-body`: the marked
    elements, the `<html>` tag and other `data-pagefind-*` tags; None when the page has no
    marked element (then Pagefind indexes every page whole, if no page has one).

    Used to tell whether the index must be rebuilt: a template edit outside the marked
    elements (the header, the footer) leaves it as it is. Bytes, as the page is written:
    encoding it once more would cost as much as finding the parts.
    """
    start = page.find(_BODY_BYTES)
    if start < 0:
        return None
    parts, outside, position = [], [], 0
    while start >= 0:
        opening = page.rfind(b"<", position, start)
        name = _TAG_NAME.match(page, opening) if opening >= 0 else None
        if name is None:  # not inside a tag: keep the rest of the page, to be safe
            parts.append(page[position:])
            position = len(page)
            break
        end = _element_end(page, opening, name.group(1))
        outside.append(page[position:opening])
        parts.append(page[opening:end])
        position = end
        start = page.find(_BODY_BYTES, position)
    outside.append(page[position:])
    rest = b"".join(outside)
    read = _HTML_TAG.findall(rest)
    if b"data-pagefind-" in rest:  # rare: the regex is slow on a whole page
        read += _PAGEFIND_TAG.findall(rest)
    return b"".join(read) + b"\0" + b"\0".join(parts)


def _element_end(page: bytes, opening: int, name: bytes) -> int:
    """Where the element opened at `opening` ends (after its closing tag), counting nested
    elements of the same name; the end of the page if it is never closed."""
    depth = 0
    for tag in _tag_pattern(name.lower()).finditer(page, opening):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return len(page)


@functools.lru_cache(maxsize=16)
def _tag_pattern(name: bytes) -> re.Pattern:
    return re.compile(rb"<(/?)" + re.escape(name) + rb"\b[^>]*>", re.I)


# Pagefind holds the whole index of one run in memory, about 0.25 MB a page on explainer
# pages. Above this many pages the index is built in parts, one run each, and the search page
# merges them in the browser (Pagefind's mergeIndex), so memory stays bounded.
PAGES_PER_PART = 2_500
PARTS_FILE = "parts.json"  # in the main bundle: the other parts' folders, relative to it


def run_pagefind(site: Path, output: Path | None = None) -> None:
    """Index the built pages into site/pagefind/ (or `output`) with Pagefind from PyPI, in
    parts when there are many (see PAGES_PER_PART)."""
    output = output or site / "pagefind"
    pages = [p for p in site.rglob("*.html") if not p.is_relative_to(output)]
    parts: list[str] = []
    if len(pages) <= PAGES_PER_PART:
        _pagefind(site, output)
    else:
        # Pagefind reads only marked pages when some page is marked: each part must too.
        marked = [p for p in pages if _BODY in p.read_text(encoding="utf-8", errors="replace")]
        pages = sorted(marked or pages)
        for number, start in enumerate(range(0, len(pages), PAGES_PER_PART)):
            part = f"part-{number}/" if number else ""
            # Beside the bundle, so a killed build leaves it inside its staging folder.
            with tempfile.TemporaryDirectory(prefix=".part-", dir=output.parent) as folder:
                for page in pages[start : start + PAGES_PER_PART]:
                    link = Path(folder) / page.relative_to(site)
                    link.parent.mkdir(parents=True, exist_ok=True)
                    os.link(page, link)  # the same file: URLs are relative to the site root
                _pagefind(Path(folder), output / part)
            if part:
                parts.append(part)
    (output / PARTS_FILE).write_text(json.dumps(parts) + "\n", encoding="utf-8")


def _pagefind(site: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    command += ["--output-path", str(output)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
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
