"""A NewsML-G2 seed: an .xml file whose root is a `newsItem`, or a `newsMessage` whose
`itemSet` holds several, in the IPTC G2 namespace (http://iptc.org/std/nar/2006-10-01/).

Of each text item: the headline (`contentMeta/headline`), the date (`itemMeta/firstCreated`,
else `versionCreated`), tags (`contentMeta/subject/name`, `keyword`), the dateline's place
(`contentMeta/located/name`) with the provider as source, the byline (`contentMeta/by`,
else `creator/name`), and the paragraphs of `contentSet/inlineXML` (XHTML or NITF) or of
`inlineData` (plain text). Items that are not text (pictures, packages) are passed over; an
item that cannot be read is an error naming its number and guid, and the others still count.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree

from generator.errors import InputError
from generator.model import Dateline
from generator.read import wire
from generator.read.nitf import content_paragraphs, norm_date
from generator.read.story import Block, SeedFile, Story, make_article
from generator.read.text import plain_blocks
from generator.read.xml import every, first, local_name, text_of

G2 = "http://iptc.org/std/nar/2006-10-01/"
# XHTML: what is read inside, what is left out; any other element with text is a paragraph.
CONTAINERS = {"div", "section", "article", "main", "ul", "ol", "dl", "blockquote", "body"}
LEFT_OUT = {"figure", "figcaption", "table", "aside", "nav", "header", "footer", "script"}
LEFT_OUT |= {"style", "img", "video", "audio", "iframe", "object", "head", "title"}
BLOCKS = CONTAINERS | LEFT_OUT | {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "dd"}


def is_newsml(root: etree._Element) -> bool:
    return etree.QName(root).namespace == G2 and local_name(root) in ("newsItem", "newsMessage")


def read_newsml(root: etree._Element, data: bytes, path: Path) -> SeedFile:
    """The articles of a `newsItem` or `newsMessage`, and an error per unreadable item."""
    if local_name(root) == "newsItem":
        return SeedFile([make_article(path, _item_story(root, path), data)])
    items = list(enumerate(every(root, "itemSet/newsItem"), start=1))
    items = [(number, item) for number, item in items if _is_text(item)]
    if not items:
        raise InputError(
            "holds no text news item (`itemSet/newsItem` with itemClass ninat:text)",
            path=path,
            line=root.sourceline,
            hint="a NewsML-G2 seed needs at least one text item with its content inline",
        )
    found = SeedFile([])
    for number, item in items:  # numbered as in the file, pictures and all
        try:
            story = _item_story(item, path)
            # An item's own XML, so editing one item re-extracts that item alone.
            found.articles.append(make_article(path, story, etree.tostring(item)))
        except InputError as exc:
            found.errors.append(_item_error(exc, number, item, path))
    return found


def _is_text(item: etree._Element) -> bool:
    item_class = first(item, "itemMeta/itemClass")
    return item_class is None or item_class.get("qcode", "").endswith(":text")


def _item_error(exc: InputError, number: int, item: etree._Element, path: Path) -> InputError:
    guid = item.get("guid")
    return InputError(
        f"news item {number}" + (f" ({guid})" if guid else "") + f": {exc.message}",
        path=path,
        line=exc.line or item.sourceline,
        hint=exc.hint,
    )


def _item_story(item: etree._Element, path: Path) -> Story:
    meta = first(item, "contentMeta")
    headline = first(meta, "headline") if meta is not None else None
    if not text_of(headline):
        raise InputError(
            "has no headline (`contentMeta/headline`)",
            path=path,
            line=(meta if meta is not None else item).sourceline,
            hint="give the item <headline>…</headline> in its <contentMeta>",
        )
    story = Story(text_of(headline), _paragraphs(item, text_of(headline), path))
    story.headline_line = headline.sourceline or 0
    story.date = _date(item, path)
    story.tags = [text_of(first(s, "name")) for s in every(meta, "subject")]
    story.tags = [tag for tag in story.tags + [text_of(k) for k in every(meta, "keyword")] if tag]
    story.dateline = _dateline(item, meta)
    story.credits = _credits(meta)
    return wire.tidy(story, path)


def _paragraphs(item: etree._Element, headline: str, path: Path) -> list[Block]:
    """The item's text: its inline XHTML or NITF, else its inline plain text."""
    inline = first(item, "contentSet/inlineXML")
    if inline is not None:
        for child in inline:
            if local_name(child) == "nitf":
                return content_paragraphs(child)
            if local_name(child) == "html":
                body = first(child, "body")
                blocks = _xhtml_blocks(body) if body is not None else []
                return [block for block in blocks if block[0] != headline]
    data = first(item, "contentSet/inlineData")
    if data is not None:
        return plain_blocks(data.text or "", data.sourceline or 1)
    remote = first(item, "contentSet/remoteContent")
    if remote is not None:
        raise InputError(
            f"its text is not in the file but at {remote.get('href') or 'another address'}",
            path=path,
            line=remote.sourceline,
            hint="ask the wire for items with their text inline (<inlineXML>)",
        )
    raise InputError(
        "has no text (no `contentSet/inlineXML` or `inlineData`)",
        path=path,
        line=item.sourceline,
        hint="the item's <contentSet> should hold its text in <inlineXML>",
    )


def _xhtml_blocks(container: etree._Element) -> list[Block]:
    """The paragraphs of an XHTML element, in order; figures, tables and the like left out."""
    blocks: list[Block] = []
    for element in container:
        name = local_name(element)
        if name in LEFT_OUT:
            continue
        if name in CONTAINERS and any(local_name(child) in BLOCKS for child in element):
            blocks += _xhtml_blocks(element)
        elif text := text_of(element):
            blocks.append((text, element.sourceline or 0))
    return blocks


def _date(item: etree._Element, path: Path) -> dt.date | None:
    for where in ("itemMeta/firstCreated", "itemMeta/versionCreated"):
        found = first(item, where)
        if found is not None and text_of(found):
            return norm_date(text_of(found), found, path)
    return None


def _dateline(item: etree._Element, meta: etree._Element) -> Dateline | None:
    """Where the story was filed (`located`), with who provides it as the source."""
    place = text_of(first(meta, "located/name"))
    provider = first(item, "itemMeta/provider")
    source = ""
    if provider is not None:
        qcode = provider.get("qcode", "").partition(":")[2]
        source = provider.get("literal") or text_of(first(provider, "name")) or qcode
    return Dateline(place, source.strip()) if place and source.strip() else None


def _credits(meta: etree._Element) -> list[str]:
    """The people the item names as its byline (`by`), else its creators who are people."""
    by = text_of(first(meta, "by"))
    if by:
        return wire.byline_names(by if by.lower().startswith("by") else f"By {by}") or []
    names = [text_of(first(creator, "name")) for creator in every(meta, "creator")]
    return [name for name in names if name and wire.byline_names(f"By {name}")]
