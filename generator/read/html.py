"""A saved web page (.html, .htm): the article in it, found by trafilatura.

trafilatura (https://trafilatura.readthedocs.io) finds a page's main text and leaves out
navigation, advertising and comments; it is maintained, and benchmarked against the other
extractors in its documentation. It also gives the headline, the date, the author and the
canonical URL. The page's text is decoded from the encoding its meta tag names.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError
from generator.model import Article
from generator.read import wire
from generator.read.files import decode_text
from generator.read.story import Block, Story, make_article

if TYPE_CHECKING:
    from lxml import etree

# Browsers look for the meta tag in the first 1,024 bytes; saved pages often put it later.
CHARSET_SCAN = 8192
_META_CHARSET_RE = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
# Labels that browsers read as Windows-1252 (the WHATWG Encoding Standard), and a page that
# says UTF-16 yet was found as bytes that are not: read as UTF-8, as browsers do.
_AS_BROWSERS_READ = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
}


def read_html(data: bytes, path: Path) -> Article:
    """The article of a saved web page; InputError naming the file when none is found."""
    import trafilatura  # here: it takes a while to import, and most builds read no page

    document = trafilatura.bare_extraction(
        decode_text(data, path, page_encoding(data, path)),
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    headline = (document.title or "").strip() if document else ""
    blocks = _blocks(document.body, headline) if document and document.body is not None else []
    if not blocks:
        raise InputError(
            "holds no article text that could be found",
            path=path,
            hint="save the article's own page (not a front page or a list of stories)",
        )
    if not headline:
        raise InputError(
            "has no headline (no <title>, <h1> or og:title)",
            path=path,
            hint="save the article's own page, with its head",
        )
    story = Story(headline, blocks)
    story.date = _date(document.date)
    story.tags = _tags([*(document.tags or []), *(document.categories or [])])
    story.credits = _authors(document.author or "")
    if re.match(r"https?://\S+$", document.url or ""):
        story.source_url = document.url
    return make_article(path, wire.tidy(story, path), data)


def page_encoding(data: bytes, path: Path) -> str:
    """The encoding a page's byte-order mark or meta tag names; UTF-8 when none does."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    found = _META_CHARSET_RE.search(data[:CHARSET_SCAN])
    if not found:
        return "utf-8"
    label = found.group(1).decode("ascii", "replace").lower()
    try:
        codecs.lookup(label)
    except LookupError:
        raise InputError(
            f"names the encoding `{label}` in its meta tag, which is not one known here",
            path=path,
            line=data[: found.start()].count(b"\n") + 1,
            hint='save the page as UTF-8 with <meta charset="utf-8">',
        ) from None
    return _AS_BROWSERS_READ.get(label, label)


def _blocks(body: etree._Element, headline: str) -> list[Block]:
    """The paragraphs trafilatura kept: paragraphs, headings (but the headline), list items
    and quotes, each with its line in the page."""
    blocks: list[Block] = []
    for element in body:
        parts = list(element.iter("item")) if element.tag == "list" else [element]
        for part in parts:
            text = re.sub(r"\s+", " ", "".join(part.itertext())).strip()
            if text and element.tag in ("p", "head", "list", "quote") and text != headline:
                blocks.append((text, part.sourceline or 0))
    return blocks


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _tags(values: list[str]) -> list[str]:
    """The page's keywords and categories, one tag each (a meta tag lists them by commas)."""
    tags = [tag.strip() for value in values for tag in value.split(",")]
    return list(dict.fromkeys(tag for tag in tags if tag))


def _authors(author: str) -> list[str]:
    """The people among the page's authors (trafilatura joins them with semicolons)."""
    return [name for part in author.split(";") for name in wire.listed_names(part) or []]
