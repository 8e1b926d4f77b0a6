"""A plain-text seed (.txt): optional `+++` front matter, the headline, a blank line, then
the paragraphs, each separated by a blank line, in any wire's layout (see wire.py)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from generator.errors import InputError, closest
from generator.model import Article
from generator.read import wire
from generator.read.files import MAX_CHARS, decode_text, too_long
from generator.read.frontmatter import Document, key_line, split_front_matter
from generator.read.story import Block, Story, make_article
from generator.slugs import SLUG_RE

FRONT_MATTER_KEYS = {
    "date": "a date: date = 2024-03-27",
    "tags": 'a list of strings: tags = ["gaza", "diplomacy"]',
    "slug": 'lowercase words and hyphens: slug = "gaza-delegation-talks"',
    "source_url": 'an http(s) URL: source_url = "https://apnews.com/…"',
    "title": 'a string that replaces the headline: title = "…"',
}

# Splits the text after the front matter into blocks; given the 1-based line it starts on.
BlockSplitter = Callable[[str, int], list[Block]]


def read_text(data: bytes, path: Path) -> Article:
    """A plain-text seed; InputError naming the file and line on bad input."""
    return read_blocks(data, path, plain_blocks)


def read_blocks(data: bytes, path: Path, split: BlockSplitter) -> Article:
    """A seed of text with front matter whose body `split` makes into blocks: the first is
    the headline, the rest the story."""
    text = seed_text(data, path)
    document = split_front_matter(text, path)
    meta = _check_front_matter(document.meta, text, path)
    blocks = _body_blocks(document, path, split)
    story = wire.tidy(_headline_and_paragraphs(blocks, path), path)
    return make_article(path, story, data, meta)


def seed_text(data: bytes, path: Path) -> str:
    """The seed's text: UTF-8, within spaCy's limit, not blank."""
    text = decode_text(data, path)
    if len(text) > MAX_CHARS:
        raise too_long(path, len(data))
    if not text.strip():
        raise InputError(
            "is empty" if not text else "holds only whitespace",
            path=path,
            hint="a seed is a headline line, a blank line, then the article's paragraphs",
        )
    return text


def plain_blocks(body: str, first_line: int) -> list[Block]:
    """Blank-line separated blocks with their 1-based line numbers; lines joined by spaces."""
    blocks: list[Block] = []
    current: list[str] = []
    start = first_line
    for number, line in enumerate(body.split("\n"), start=first_line):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append((" ".join(current), start))
            current = []
    if current:
        blocks.append((" ".join(current), start))
    return blocks


def _check_front_matter(meta: dict, text: str, path: Path) -> dict:
    checked: dict = {}
    for key, value in meta.items():
        line = key_line(text, key)
        if key not in FRONT_MATTER_KEYS:
            guess = closest(key, FRONT_MATTER_KEYS)
            raise InputError(
                f"unknown front matter key `{key}`",
                path=path,
                line=line,
                hint=f"did you mean `{guess}`?"
                if guess
                else f"known: {', '.join(FRONT_MATTER_KEYS)}",
            )
        value, problem = _checked_value(key, value)
        if problem:
            raise InputError(
                f"front matter `{key}` must be {FRONT_MATTER_KEYS[key].split(':')[0]}, "
                f"not {value!r}",
                path=path,
                line=line,
                hint=FRONT_MATTER_KEYS[key].split(": ", 1)[-1],
            )
        checked[key] = value
    return checked


def _checked_value(key: str, value: object) -> tuple[object, bool]:
    """The value of a front matter key as the Article holds it, and whether it is wrong."""
    if key == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        elif isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return value, True
        return value, not isinstance(value, dt.date)
    if key == "tags":
        return value, not (isinstance(value, list) and all(isinstance(t, str) for t in value))
    if key == "slug":
        return value, not (isinstance(value, str) and SLUG_RE.match(value))
    if key == "source_url":
        return value, not (isinstance(value, str) and re.match(r"https?://\S+$", value))
    return value, not (isinstance(value, str) and value.strip())  # title


def _body_blocks(document: Document, path: Path, split: BlockSplitter) -> list[Block]:
    """The blocks of text after the front matter, with their lines; at least one."""
    blocks = split(document.body, document.body_line)
    if not blocks:
        raise InputError(
            "has front matter but no article",
            path=path,
            line=document.body_line,
            hint="after the closing `+++`, write the headline, a blank line and the paragraphs",
        )
    return blocks


def _headline_and_paragraphs(blocks: list[Block], path: Path) -> Story:
    """The first block as the headline, if it can be one, and the paragraphs after it."""
    (headline, headline_line), paragraphs = blocks[0], blocks[1:]
    for looks_like, what in (
        (wire.dateline_match, "dateline paragraph"),
        (wire.is_byline, "byline"),
    ):
        if looks_like(headline):
            raise InputError(
                f"has no headline: the first line is the {what}",
                path=path,
                line=headline_line,
                hint="put the headline on the first line, then a blank line, then the article",
            )
    if not paragraphs:
        raise InputError(
            "has a headline but no body",
            path=path,
            line=headline_line,
            hint="leave one blank line after the headline, then write the paragraphs",
        )
    if len(headline) > 300:
        raise InputError(
            "the first paragraph is too long to be a headline (no headline line?)",
            path=path,
            line=headline_line,
            hint="put the headline on the first line, followed by a blank line",
        )
    return Story(headline, paragraphs, headline_line)
