"""TOML front matter between `+++` lines, shared by seeds and the knowledge base."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError

FENCE = "+++"


@dataclass
class Document:
    meta: dict
    body: str
    body_line: int  # 1-based line of the body's first line in the file


def split_front_matter(text: str, path: Path) -> Document:
    """Separate `+++` TOML front matter from the body; a file without it has empty meta."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return Document({}, text, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            break
    else:
        raise InputError(
            "front matter opened with `+++` on line 1 is never closed",
            path=path,
            line=1,
            hint="add a line with only `+++` after the last front matter key",
        )
    source = "\n".join(lines[1:index])
    try:
        meta = load_toml(source)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        reason = re.sub(r" \(at line.*", "", str(exc))
        raise InputError(
            f"front matter is not valid TOML: {reason}",
            path=path,
            line=int(found.group(1)) + 1 if found else 1,
            hint='strings need quotes (tags = ["politics"]) and dates are written 2024-03-27',
        ) from exc
    return Document(meta, "\n".join(lines[index + 1 :]), index + 2)


def load_toml(text: str) -> dict:
    """`tomllib.loads`, with nesting too deep for the parser as a decode error (on the line
    that nests most) rather than a RecursionError."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        lines = text.splitlines() or [""]
        deepest = max(range(len(lines)), key=lambda i: sum(map(lines[i].count, "[{")))
        raise tomllib.TOMLDecodeError(
            f"arrays or tables nested too deeply (at line {deepest + 1}, column 1)"
        ) from None


# A key as TOML writes it: bare, "basic" or 'literal'.
_KEY = r"""("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)"""
# A front matter line that opens a table of a key ([roles]) or sets it (maybe as the first
# part of a dotted key: roles.x = …).
_KEY_RE = re.compile(rf"\s*(?:\[\s*{_KEY}\s*[\].]|{_KEY}\s*[=.])")


def _key_name(token: str) -> str | None:
    """The key a token of _KEY_RE names: quotes removed, escapes decoded."""
    if not token.startswith('"'):
        return token.strip("'")
    try:
        return next(iter(tomllib.loads(f"{token} = 0")))
    except tomllib.TOMLDecodeError:
        return None


def _front_lines(text: str) -> list[str]:
    """The front matter's lines, after the opening `+++` (line 2 of the file is the first)."""
    lines = text.split("\n")
    if lines[0].strip() != FENCE:
        return []
    end = next((i for i, line in enumerate(lines[1:]) if line.strip() == FENCE), len(lines))
    return lines[1 : end + 1]


def key_line(text: str, key: str) -> int | None:
    """Line of `key = …` in a file's front matter, so field errors can point at it."""
    for number, line in enumerate(_front_lines(text), start=2):
        found = _KEY_RE.match(line)
        if found and _key_name(found.group(1) or found.group(2)) == key:
            return number
    return None


def value_line(text: str, key: str, value: str) -> int | None:
    """Line of one string in `key`'s value (a list may span lines), else of the key."""
    start = key_line(text, key)
    if start is None:
        return None
    quoted = (json.dumps(value, ensure_ascii=False), f"'{value}'")
    lines = _front_lines(text)
    for number in range(start, len(lines) + 2):
        line = lines[number - 2]
        if number > start and _KEY_RE.match(line):
            break  # the next key: the value was written some other way (escaped, say)
        if any(q in line for q in quoted):
            return number
    return start
