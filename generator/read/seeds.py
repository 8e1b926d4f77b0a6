"""Read one seed file (an AP-style article, .txt or .md) into an Article."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path

from generator.errors import InputError, closest, shown
from generator.model import Article, Dateline
from generator.read.frontmatter import Document, key_line, split_front_matter
from generator.slugs import SLUG_RE, slugify

SEED_SUFFIXES = (".txt", ".md")
# spaCy's own limit per text; a wire article is a few thousand characters.
MAX_CHARS = 1_000_000
# No more is ever read of a seed: a UTF-8 character takes at most four bytes.
MAX_BYTES = 4 * MAX_CHARS
SPECIAL_FILES = (  # what a seed that is not a regular file is, by its stat mode
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)
# PLACE (SOURCE) -- : the place in capitals, optionally ", Region"; dashes as typed on wires.
DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]*[A-Z.](?:, [A-Z][\w.'’\- ]*?)?)\s+"
    r"\((?P<source>[A-Za-z][\w .&/-]{0,40})\)\s*(?:--|—|–|-|:)\s*"
)
FRONT_MATTER_KEYS = {
    "date": "a date: date = 2024-03-27",
    "tags": 'a list of strings: tags = ["gaza", "diplomacy"]',
    "slug": 'lowercase words and hyphens: slug = "gaza-delegation-talks"',
    "source_url": 'an http(s) URL: source_url = "https://apnews.com/…"',
    "title": 'a string that replaces the headline: title = "…"',
}


def is_seed(path: Path) -> bool:
    """Seed files: .txt/.md, not hidden, not an editor's backup."""
    name = path.name
    return (
        path.suffix.lower() in SEED_SUFFIXES
        and not name.startswith((".", "#", "~"))
        and not name.endswith("~")
    )


def list_seeds(folder: Path) -> list[Path]:
    """Seed files under a folder, sorted, following no symlinked folders (no loops)."""
    if not folder.is_dir():
        return []
    found = []
    for parent, _, names in os.walk(folder):  # (walk enters no symlinked folder)
        found += [path for name in names if is_seed(path := Path(parent, name))]
    return sorted(found)


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 text (of mostly Latin letters) has a NUL in every other byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:400]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = max(len(head) // 2, 1)
    return max(even, odd) > 0.4 * pairs and min(even, odd) < 0.05 * pairs


# What a file that is not UTF-8 seems to be, and the iconv name to convert it from.
def _guess_encoding(data: bytes) -> tuple[str, str]:
    if _looks_utf16(data):
        return "UTF-16", "UTF-16"
    try:
        data.decode("cp1252")
        return "Windows-1252 (Latin-1)", "CP1252"
    except UnicodeDecodeError:
        return "an 8-bit encoding other than UTF-8", "LATIN1"


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 text with Unix newlines, or a clear error saying what the file seems to be."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8000] and not _looks_utf16(data):
        raise InputError(
            "not a text file (it holds binary data)",
            path=path,
            hint="seeds and content files must be plain UTF-8 text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        name, iconv = _guess_encoding(data)
        line = 1 if iconv == "UTF-16" else data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8: it looks like {name}",
            path=path,
            line=line,
            hint=f"convert it: iconv -f {iconv} -t UTF-8 '{shown(path.name)}' > fixed.txt",
        ) from None
    if "\x00" in text:
        raise InputError(
            "not a text file (it holds NUL bytes)",
            path=path,
            line=text[: text.index("\x00")].count("\n") + 1,
            hint="seeds and content files must be plain UTF-8 text",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
        problem = None
        if key == "date":
            if isinstance(value, dt.datetime):
                value = value.date()
            elif isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value)
                except ValueError:
                    problem = True
            if not isinstance(value, dt.date):
                problem = True
        elif key == "tags":
            problem = not (isinstance(value, list) and all(isinstance(t, str) for t in value))
        elif key == "slug":
            problem = not (isinstance(value, str) and SLUG_RE.match(value))
        elif key == "source_url":
            problem = not (isinstance(value, str) and re.match(r"https?://\S+$", value))
        elif key == "title":
            problem = not (isinstance(value, str) and value.strip())
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


def _blocks(body: str, first_line: int) -> list[tuple[str, int]]:
    """Blank-line separated blocks with their 1-based line numbers; lines joined by spaces."""
    blocks: list[tuple[str, int]] = []
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


def _markdown_blocks(body: str, first_line: int) -> list[tuple[str, int]]:
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


def _too_long(path: Path, size: int) -> InputError:
    return InputError(
        f"too long for one article ({size / 1_000_000:.1f} MB; "
        f"a seed may be at most {MAX_BYTES / 1_000_000:.0f} MB and {MAX_CHARS:,} characters)",
        path=path,
        hint="a seed is one article; split a feed dump into one file per article",
    )


def _check_name(path: Path) -> None:
    """A name that is not UTF-8 could not be written into a page or a record; refuse it."""
    for name, what in ((path.name, "file name"), (str(path.parent), "name of a folder it is in")):
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(
                f"the {what} is not valid UTF-8",
                path=path,
                hint="rename it with a UTF-8 name (`convmv -f latin1 -t utf-8 --notest` does it)",
            ) from None


def _not_regular(path: Path, mode: int) -> InputError | None:
    kind = next((name for test, name in SPECIAL_FILES if test(mode)), None)
    if kind is None:
        return None
    return InputError(
        f"is {kind}, not a regular file",
        path=path,
        hint="seeds are plain text files; move it out of the seeds folder",
    )


def _inside(path: Path, folder: Path) -> str:
    """The file a seed is, its links followed, when that file is inside `folder`."""
    target = os.path.realpath(path, strict=True)
    if not Path(target).is_relative_to(os.path.realpath(folder)):
        raise InputError(
            "is a link to a file outside the seeds folder",
            path=path,
            hint="copy the article into the seeds folder instead of linking to it",
        )
    return target


def _read_bytes(path: Path, folder: Path | None = None) -> bytes:
    """The bytes of a seed that is a regular file inside `folder` (by default its own).

    A link is followed only to a file inside the folder, so a seed can never publish a
    private file. Pipes and devices are refused from their stat, before any open that could
    wait for a writer or never end; the file is then opened without blocking and checked
    again through its descriptor, in case it was swapped since. No more than `MAX_BYTES`
    is read, even of a file that grows meanwhile.
    """
    _check_name(path)
    try:
        target = _inside(path, folder or path.parent)
        if problem := _not_regular(path, os.stat(target).st_mode):
            raise problem
        flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_NOCTTY | os.O_CLOEXEC
        with os.fdopen(os.open(target, flags), "rb") as handle:
            opened = os.fstat(handle.fileno())
            if problem := _not_regular(path, opened.st_mode):
                raise problem
            if opened.st_size > MAX_BYTES:  # no need to read it to know
                raise _too_long(path, opened.st_size)
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}", path=path) from None
    if len(data) > MAX_BYTES:
        raise _too_long(path, len(data))
    return data


def read_article(path: Path, folder: Path | None = None) -> Article:
    """Read and split one seed; raise InputError naming the file and line on bad input.
    `folder`: the seeds folder, out of which no link is followed (see _read_bytes)."""
    data = _read_bytes(path, folder)
    text = _seed_text(data, path)
    document = split_front_matter(text, path)
    meta = _check_front_matter(document.meta, text, path)
    headline, paragraphs = _headline_and_paragraphs(_body_blocks(document, path), path)
    dateline, paragraphs = _split_dateline(paragraphs, path)
    title = meta.get("title", headline)
    return Article(
        path=path,
        slug=meta.get("slug") or slugify(title) or slugify(path.stem) or "article",
        headline=title,
        paragraphs=[p for p, _ in paragraphs],
        paragraph_lines=[line for _, line in paragraphs],
        dateline=dateline,
        date=meta.get("date"),
        tags=meta.get("tags", []),
        source_url=meta.get("source_url"),
        digest=hashlib.sha256(data).hexdigest(),
        slug_chosen="slug" in meta,
    )


def _seed_text(data: bytes, path: Path) -> str:
    """The seed's text: UTF-8, within spaCy's limit, not blank."""
    text = decode_text(data, path)
    if len(text) > MAX_CHARS:
        raise _too_long(path, len(data))
    if not text.strip():
        raise InputError(
            "is empty" if not text else "holds only whitespace",
            path=path,
            hint="a seed is a headline line, a blank line, then the article's paragraphs",
        )
    return text


def _body_blocks(document: Document, path: Path) -> list[tuple[str, int]]:
    """The blocks of text after the front matter, with their lines; at least one."""
    if path.suffix.lower() == ".md":
        blocks = _markdown_blocks(document.body, document.body_line)
    else:
        blocks = _blocks(document.body, document.body_line)
    if not blocks:
        raise InputError(
            "has front matter but no article",
            path=path,
            line=document.body_line,
            hint="after the closing `+++`, write the headline, a blank line and the paragraphs",
        )
    return blocks


def _headline_and_paragraphs(
    blocks: list[tuple[str, int]], path: Path
) -> tuple[str, list[tuple[str, int]]]:
    """The first block as the headline, if it can be one, and the paragraphs after it."""
    (headline, headline_line), paragraphs = blocks[0], blocks[1:]
    if DATELINE_RE.match(headline):
        raise InputError(
            "has no headline: the first line is the dateline paragraph",
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
    return headline, paragraphs


def _split_dateline(
    paragraphs: list[tuple[str, int]], path: Path
) -> tuple[Dateline | None, list[tuple[str, int]]]:
    """The dateline that opens the first paragraph, if any, and the paragraphs without it."""
    first, first_line = paragraphs[0]
    match = DATELINE_RE.match(first)
    if not match:
        return None, paragraphs
    dateline = Dateline(match.group("place").strip(), match.group("source").strip())
    rest = first[match.end() :].strip()
    if rest:
        return dateline, [(rest, first_line), *paragraphs[1:]]
    if len(paragraphs) == 1:
        raise InputError(
            "has a dateline but no article text after it",
            path=path,
            line=first_line,
            hint="write the story after `PLACE (AP) --`",
        )
    return dateline, paragraphs[1:]


def assign_unique_slugs(articles: list[Article], reserved: Mapping[str, str]) -> list[InputError]:
    """Make slugs unique in file order; a clash between chosen (front matter) slugs is an error.

    `reserved`: the names explainers may not take, with what holds each (`slugs.
    reserved_names`). Derived slugs that clash get "-2", "-3"…; returns errors for the
    articles to drop.
    """
    errors: list[InputError] = []
    owner: dict[str, Article] = {}
    # Chosen slugs claim their names first, so a derived slug never takes one from them.
    for article in sorted(articles, key=lambda a: not a.slug_chosen):
        slug = article.slug
        if slug in owner or slug in reserved:
            if article.slug_chosen:
                other = owner.get(slug)
                errors.append(
                    InputError(
                        f"slug `{slug}` is already used by "
                        + (shown(other.path) if other else reserved[slug]),
                        path=article.path,
                        line=1,
                        hint="give one of them another `slug` in its front matter",
                    )
                )
                continue
            number = 2
            while f"{slug}-{number}" in owner or f"{slug}-{number}" in reserved:
                number += 1
            article.slug = f"{slug}-{number}"
        owner[article.slug] = article
    return errors
