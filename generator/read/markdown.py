"""A Markdown seed (.md): like a plain-text seed, its headings and paragraphs as plain text
(emphasis, links and code kept as their words, raw HTML left out)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.model import Article
from generator.read.story import Block
from generator.read.text import read_blocks


def read_markdown(data: bytes, path: Path) -> Article:
    """A Markdown seed; InputError naming the file and line on bad input."""
    return read_blocks(data, path, markdown_blocks)


def markdown_blocks(body: str, first_line: int) -> list[Block]:
    """Headings and paragraphs of a Markdown seed as plain text, with their lines."""
    from markdown_it import MarkdownIt  # here: most builds read no .md seed (or none at all)

    blocks = []
    tokens = MarkdownIt("commonmark").parse(body)
    for index, token in enumerate(tokens):
        if token.type == "inline" and tokens[index - 1].type in ("heading_open", "paragraph_open"):
            text = "".join(
                child.content
                if child.type in ("text", "code_inline")
                else " "
                if child.type in ("softbreak", "hardbreak")
                else ""
                for child in token.children or []
            )
            line = first_line + (token.map[0] if token.map else 0)
            blocks.append((re.sub(r"\s+", " ", text).strip(), line))
    return [b for b in blocks if b[0]]
