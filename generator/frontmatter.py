"""TOML front matter between `+++` lines, shared by seeds and the knowledge base."""

from __future__ import annotations

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
        meta = tomllib.loads(source)
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


def key_line(text: str, key: str) -> int | None:
    """Line of `key = …` in a file's front matter, so field errors can point at it."""
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
        if number > 1 and line.strip() == FENCE:
            break
    return None
