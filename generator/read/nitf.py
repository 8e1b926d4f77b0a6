"""An NITF seed (IPTC News Industry Text Format 3.x, an .xml file whose root is `nitf`).

headline `body.head/hedline/hl1` (else `head/title`); byline `body.head/byline` (its `person`
elements when it has them); dateline `body.head/dateline` (the place, and `story.date`);
date `story.date`, else `docdata/date.issue` or `date.release`; source `distributor`, else
`docdata/doc.copyright@holder`; tags `docdata/key-list/keyword@key`; paragraphs the `p`,
`hl2` and list items of `body.content` (media, tables and notes left out); `body.end/
tagline` read as a trailer. Works with or without NITF's namespace.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from lxml import etree

from generator.errors import InputError
from generator.model import Article, Dateline
from generator.read import wire
from generator.read.story import Block, Story, make_article
from generator.read.xml import every, first, local_name, text_of

PARAGRAPHS = {"p", "hl2", "li", "dt", "dd", "pre"}
CONTAINERS = {"block", "bq", "ul", "ol", "dl"}  # read inside; anything else is left out


def read_nitf(root: etree._Element, data: bytes, path: Path) -> Article:
    """An NITF file's article; InputError naming the file and line on bad input."""
    story = wire.tidy(nitf_story(root, path), path)
    # `tagline`: the credits under the story, after those at the end of its text.
    for tagline in every(root, "body/body.end/tagline"):
        story.credits += wire.trailer_names(text_of(tagline)) or []
    story.credits = list(dict.fromkeys(story.credits))
    return make_article(path, story, data)


def nitf_story(root: etree._Element, path: Path) -> Story:
    """What an `nitf` element says of its story, before the wire conventions are applied."""
    body = first(root, "body")
    headline, line = _headline(root)
    if not headline:
        raise InputError(
            "has no headline (no `hl1` in `body.head/hedline`, no `head/title`)",
            path=path,
            line=root.sourceline,
            hint="an NITF story needs <hedline><hl1>…</hl1></hedline> in <body.head>",
        )
    story = Story(headline, content_paragraphs(root), line)
    head = first(body, "body.head") if body is not None else None
    if head is not None:
        story.credits = _byline(first(head, "byline"))
        story.dateline = _dateline(head, root)
    story.date = _date(root, path)
    story.tags = [k.get("key", "").strip() for k in every(root, "head/docdata/key-list/keyword")]
    story.tags = [tag for tag in story.tags if tag]
    return story


def _headline(root: etree._Element) -> tuple[str, int]:
    for found in (first(root, "body/body.head/hedline/hl1"), first(root, "head/title")):
        if text_of(found):
            return text_of(found), found.sourceline or 0
    return "", 0


def content_paragraphs(root: etree._Element) -> list[Block]:
    """The paragraphs of an `nitf` element's `body/body.content`."""
    content = first(root, "body/body.content")
    return _paragraphs(content) if content is not None else []


def _paragraphs(container: etree._Element) -> list[Block]:
    """The text blocks of `body.content` (or of a block inside it), in order."""
    blocks: list[Block] = []
    for element in container:
        name = local_name(element)
        if name in PARAGRAPHS and (text := text_of(element)):
            blocks.append((text, element.sourceline or 0))
        elif name in CONTAINERS:
            blocks += _paragraphs(element)
    return blocks


def _byline(byline: etree._Element | None) -> list[str]:
    """The people a byline names: its `person` elements, else the names in its text."""
    if byline is None:
        return []
    people = [text_of(person) for person in every(byline, ".//person")]
    if any(people):
        return [person for person in people if person]
    text = text_of(byline)
    names = wire.byline_names(text if text.lower().startswith("by") else f"By {text}")
    return names or []


def _dateline(head: etree._Element, root: etree._Element) -> Dateline | None:
    """The dateline's place, with the distributor (else the copyright holder) as source."""
    dateline = first(head, "dateline")
    if dateline is None:
        return None
    place = _place(dateline).strip(" ,;:-—–")
    source = text_of(first(head, "distributor")) or _copyright_holder(root)
    return Dateline(place, source) if place and source else None


def _place(dateline: etree._Element) -> str:
    """Its `location`, else its own words without its date (`WASHINGTON, <story.date>…`)."""
    location = first(dateline, "location")
    if location is not None:
        return text_of(location)
    parts = [dateline.text or ""]
    for child in dateline:
        if local_name(child) != "story.date":
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return re.sub(r"\s+", " ", " ".join(parts))


def _copyright_holder(root: etree._Element) -> str:
    found = first(root, "head/docdata/doc.copyright")
    return (found.get("holder") or "").strip() if found is not None else ""


def _date(root: etree._Element, path: Path) -> dt.date | None:
    """The story's date: `story.date`, else when the document was issued or released."""
    for where in (
        "body/body.head/dateline/story.date",
        "head/docdata/date.issue",
        "head/docdata/date.release",
    ):
        found = first(root, where)
        if found is not None and found.get("norm"):
            return norm_date(found.get("norm"), found, path)
    return None


def norm_date(value: str, element: etree._Element, path: Path) -> dt.date:
    """An ISO 8601 date, basic (`20240327T143000Z`) or extended (`2024-03-27T14:30:00Z`)."""
    digits = re.match(r"^\s*(\d{4})-?(\d{2})-?(\d{2})", value)
    try:
        if digits:
            return dt.date(*map(int, digits.groups()))
    except ValueError:
        pass
    raise InputError(
        f"`{local_name(element)}` gives the date {value!r}, which is not a date",
        path=path,
        line=element.sourceline,
        hint="write it as ISO 8601: 20240327T143000Z or 2024-03-27",
    )
