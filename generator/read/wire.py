"""The conventions of wire copy, found in a story's paragraphs whatever its format.

Datelines (`WASHINGTON (AP) —`, `LONDON, March 27 (Reuters) -`, `Paris (AFP) -`), bylines
(`By JANE DOE`), date lines under the headline (Wikinews' `Tuesday, September 22, 2015`),
editor's notes, photo captions and trailers (`… contributed to this report.`, `Reporting by
…; Editing by …`) are taken out of the paragraphs, so they reach neither the page's text nor
the summary nor the extraction. The names a byline or trailer gives become the credits.

Each pattern is strict: a paragraph of the story is never taken for one (`By the end of the
year, …` is no byline, `the weather contributed.` no trailer).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.errors import InputError
from generator.model import Dateline
from generator.read.story import Block, Story

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DASH = r"\s*(?:--|—|–|-|:)\s*"
# PLACE (SOURCE) -- : the place in capitals (NEW YORK/LONDON), then ", Region" or a Reuters
# or AFP date (", March 27", ", March 27, 2024"), then the source in brackets and a dash.
DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’/\- ]*[A-Z.])"
    rf"(?:,\s+(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:,\s+(?P<year>\d{{4}}))?"
    r"|,\s+(?P<region>[A-Z][\w.'’\- ]*?))?\s+"
    rf"\((?P<source>[A-Za-z][\w .&/-]{{0,40}})\){_DASH}"
)
# AFP and others write the place in ordinary capitals (`Paris (AFP) -`): then only a news
# agency's name in the brackets makes it a dateline.
AGENCIES = "AP|AFP|Reuters|dpa|DPA|Xinhua|Kyodo|Yonhap|EFE|ANSA|UPI|PTI|IANS|Bernama|AAP|TASS"
MIXED_CASE_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][a-zà-ÿ'’]+(?:[ -](?:[A-Z][a-zà-ÿ'’]+|de|da|do|del|la|le|am)){0,3})"
    rf"(?:,\s+(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:,\s+(?P<year>\d{{4}}))?"
    r"|,\s+(?P<region>[A-Z][\w.'’\- ]*?))?\s+"
    rf"\((?P<source>{AGENCIES})\){_DASH}"
)
# A paragraph that is only a date, under the headline: `Tuesday, September 22, 2015`,
# `Published March 27, 2024 10:30 a.m. EDT`, `27 March 2024`, `2024-03-27`.
DATE_LINE_RE = re.compile(
    r"^(?:(?:Published|Updated|Posted|Last updated)(?: on)?:?\s+)?"
    rf"(?:{_WEEKDAY},?\s+)?"
    rf"(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\s+(?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
    r"(?:,?\s+(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?\.?$"
)
EDITORS_NOTE_RE = re.compile(r"^editors?['’]?s?\s+note\b\s*[:—–-]?", re.IGNORECASE)
# Photo captions: AP's `FILE -` opening, a `Photo:` label, or a photo credit closing it.
CAPTION_START_RE = re.compile(r"^(?:FILE\s*(?:--|—|–|-)\s|(?:Photo|Caption|Pictured)\s*:)")
CAPTION_CREDIT_RE = re.compile(
    r"(?:\([^()]*\b(?:Photo|PHOTO|Photograph)\b[^()]*\)"
    r"|\b(?:REUTERS|EPA(?:-EFE)?|AFP)\s?/\s?[A-Z][^()]*)\.?$"
)
BYLINE_RE = re.compile(r"^by:?\s+(?P<names>.+?)\.?$", re.IGNORECASE)
# `Associated Press writers Jane Roe in Berlin and John Poe contributed to this report.`
CONTRIBUTED_RE = re.compile(
    r"^(?P<who>.+?)\s+contributed"
    r"(?:\s+(?:to\s+this\s+(?:report|story|article)|reporting|(?:reporting\s+)?from\s+[^.]+))?"
    r"\s*\.?$"
)
# One part of a Reuters trailer: `Reporting by Jane Doe in Washington`, `Editing by …`.
CREDIT_PART_RE = re.compile(
    r"^(?P<role>(?:Additional\s+)?(?:reporting|writing|editing|compiled|edited|graphics"
    r"|research|production|fact-?checking)(?:\s+and\s+\w+)?)\s+by\s+(?P<names>.+?)\.?$",
    re.IGNORECASE,
)
# Roles whose names are credited; editors and producers are not bylined.
REPORTING = re.compile(r"reporting|writing|compiled|research", re.IGNORECASE)
# Boilerplate under a story: separators, `Our Standards: …`, `Follow AP's coverage …`.
BOILERPLATE_RE = re.compile(
    r"^(?:[_=*—–-]{3,}|Our Standards:.*|Follow (?:AP|Reuters|AFP|us)\b.*"
    r"|.*\bAP is solely responsible for all content\.?)$"
)
# The headings of what follows a Wikinews story: its sources, related stories, links.
END_MATTER_RE = re.compile(r"^(?:Sources?|Related news|External links|References)$", re.I)
_ROLES = ("writer", "reporter", "correspondent", "journalist", "researcher", "photographer")
# What comes before a contributor's name: `Associated Press writer`, `AP video journalist`.
_ROLE_RE = re.compile(rf"^.*?\b(?:{'|'.join(_ROLES)})s?\s+", re.IGNORECASE)
# The lowercase words a trailer's list of contributors may hold besides names and places.
TRAILER_WORDS = frozenset(
    {"and", "in", "from", "of", "the", "staff", "also", "news", "video", "data"}
    | {role + plural for role in _ROLES for plural in ("", "s")}
)
# Wire services named after a byline's names on the same line (`By JANE DOE Associated Press`).
_WIRE_AFTER_NAME_RE = re.compile(
    r"\s+(?:The\s+)?(?:Associated\s+Press|AP|Reuters|AFP|Agence\s+France-Presse|UPI)\b.*$"
)
_PARTICLES = frozenset(
    {"de", "da", "del", "della", "der", "den", "di", "do", "dos", "du", "la", "le", "van"}
    | {"von", "bin", "bint", "al", "el", "ter", "ten", "y", "e"}
)
_NAME_WORD_RE = re.compile(r"^[^\W\d_][\w'’.-]*$")
# After a comma in a byline, what says who the writer works for rather than who they are.
_AFFILIATION_RE = re.compile(
    r"\b(?:Press|AP|AFP|Reuters|Bloomberg|Writer|Correspondent|Reporter|Editor|Staff|News"
    r"|Times|Post|Journal|Agency|Service|Bureau|Wire|Today|Herald|Tribune|Guardian)\b",
    re.IGNORECASE,
)


def tidy(story: Story, path: Path) -> Story:
    """The story without its bylines, date lines, notes, captions and trailers; the dateline,
    the date and the credits they gave, where the format had not already said."""
    paragraphs = _without_end_matter(story.paragraphs)
    paragraphs = [p for p in paragraphs if not _is_note_or_caption(p[0])]
    paragraphs = _take_head(story, paragraphs)
    paragraphs = _take_trailers(story, paragraphs)
    if paragraphs:
        paragraphs = _take_dateline(story, paragraphs, path)
    story.paragraphs = paragraphs
    story.credits = list(dict.fromkeys(story.credits))
    return story


def dateline_match(text: str) -> re.Match[str] | None:
    """The dateline that opens a paragraph, in any of the wires' layouts."""
    return DATELINE_RE.match(text) or MIXED_CASE_DATELINE_RE.match(text)


def is_byline(text: str) -> bool:
    return byline_names(text) is not None


def byline_names(text: str) -> list[str] | None:
    """The names in a byline (`By JANE DOE and JOHN ROE, Associated Press`), or None when the
    paragraph is not one."""
    found = BYLINE_RE.match(text.strip())
    if not found or len(text) > 200:
        return None
    parts = re.split(r"\s*(?:,|;|\||/|&|\band\b|\s[—–-]\s)\s*", found.group("names"))
    parts = [_WIRE_AFTER_NAME_RE.sub("", part) for part in parts if part]
    if not parts or not _is_name(parts[0]):
        return None
    names = []
    for part in parts:
        if _is_name(part) and not (names and _AFFILIATION_RE.search(part)):
            names.append(_as_written(part))
        elif not _AFFILIATION_RE.search(part):
            return None  # neither a name nor whom they write for: a sentence
    return names


def parse_date(text: str) -> dt.date | None:
    """The date a date line gives, if the paragraph is one."""
    found = DATE_LINE_RE.match(text.strip())
    if not found:
        return None
    if found.group("iso"):
        return _date(*map(int, found.group("iso").split("-")))
    month = found.group("month") or found.group("month2")
    day = found.group("day") or found.group("day2")
    year = found.group("year") or found.group("year2")
    return _date(int(year), _month(month), int(day))


def trailer_names(text: str) -> list[str] | None:
    """The reporters a trailer credits, or None when the paragraph is no trailer."""
    text = text.strip()
    if BOILERPLATE_RE.match(text):
        return []
    if text.startswith("(") and text.endswith(")"):  # Reuters brackets its trailer
        text = text[1:-1].strip()
    contributed = CONTRIBUTED_RE.match(text)
    if contributed and len(text.split()) <= 60:
        return _contributors(contributed.group("who"))
    parts = re.split(r"\s*;\s*", text.rstrip("."))
    matches = [CREDIT_PART_RE.match(part) for part in parts]
    if not all(matches):
        return None
    names: list[str] = []
    for found in matches:
        listed = listed_names(found.group("names"))
        if listed is None:
            return None
        if REPORTING.search(found.group("role")):
            names += listed
    return names


def _is_note_or_caption(text: str) -> bool:
    starts = EDITORS_NOTE_RE.match(text) or CAPTION_START_RE.match(text)
    return bool(starts or CAPTION_CREDIT_RE.search(text))


def _without_end_matter(paragraphs: list[Block]) -> list[Block]:
    """The paragraphs before a wiki's closing `Sources` or `Related news` heading."""
    for index, (text, _) in enumerate(paragraphs):
        if index and END_MATTER_RE.match(text):
            return paragraphs[:index]
    return paragraphs


def _take_head(story: Story, paragraphs: list[Block]) -> list[Block]:
    """The bylines and date lines between the headline and the story."""
    while paragraphs:
        text = paragraphs[0][0]
        if (names := byline_names(text)) is not None:
            story.credits += names
        elif (date := parse_date(text)) is not None:
            story.date = story.date or date
        else:
            break
        paragraphs = paragraphs[1:]
    return paragraphs


def _take_trailers(story: Story, paragraphs: list[Block]) -> list[Block]:
    """The trailers at the end of the story, their names kept in the order written."""
    names: list[str] = []
    while paragraphs and (found := trailer_names(paragraphs[-1][0])) is not None:
        names = found + names
        paragraphs = paragraphs[:-1]
    story.credits += names
    return paragraphs


def _take_dateline(story: Story, paragraphs: list[Block], path: Path) -> list[Block]:
    """The dateline that opens the first paragraph, if any, and the paragraphs without it."""
    first, first_line = paragraphs[0]
    found = dateline_match(first)
    if not found:
        return paragraphs
    place = found["place"].strip() + (f", {found['region']}" if found["region"] else "")
    story.dateline = story.dateline or Dateline(place, found["source"].strip())
    if found["year"] and story.date is None:
        story.date = _date(int(found["year"]), _month(found["month"]), int(found["day"]))
    rest = first[found.end() :].strip()
    if rest:
        return [(rest, first_line), *paragraphs[1:]]
    if len(paragraphs) == 1:
        raise InputError(
            "has a dateline but no article text after it",
            path=path,
            line=first_line or None,
            hint="write the story after `PLACE (AP) --`",
        )
    return paragraphs[1:]


def _contributors(who: str) -> list[str] | None:
    """The names in `Associated Press writers A in Berlin and B contributed`; None when the
    words before `contributed` are a sentence's, not a list of people."""
    words = re.findall(r"[\w'’.-]+", who)
    if any(w[0].islower() and w not in TRAILER_WORDS for w in words):
        return None
    return listed_names(who) or []


def listed_names(text: str) -> list[str] | None:
    """`AP writer Jane Doe in Washington, John Roe and Ann Poe`: the people, without their
    roles and places; an agency named alone (`Reuters`) is no person. None when a part is
    not a name at all."""
    names = []
    for part in re.split(r"\s*(?:,|\band\b|&)\s*", text):
        name = re.sub(r"\s+(?:in|from)\s+.*$", "", _ROLE_RE.sub("", part)).strip()
        if not name or " " not in name or _AFFILIATION_RE.search(name):
            continue
        if not _is_name(name):
            return None
        names.append(_as_written(name))
    return names


def _is_name(text: str) -> bool:
    """Two to five words, each capitalised or a particle (`de`, `van`): a person's name."""
    words = text.split()
    capitalised = [w for w in words if _NAME_WORD_RE.match(w) and w[0].isupper()]
    particles = [w for w in words if w in _PARTICLES]
    return 2 <= len(words) <= 5 and len(capitalised) + len(particles) == len(words)


def _as_written(name: str) -> str:
    """A name in ordinary capitals (AP bylines are in capitals: JANE MCDONALD-O'NEIL)."""
    if not name.isupper():
        return name
    words = []
    for word in name.split():
        if re.fullmatch(r"[IVX]+", word):  # a regnal or family number: III
            words.append(word)
            continue
        word = re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word)
        words.append(re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), word))
    return " ".join(words)


def _month(name: str) -> int:
    return _MONTH_NUMBERS[name.rstrip(".").lower()]


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # February 30: not a date, so not a date line
        return None
