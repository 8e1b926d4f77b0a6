"""A seed's bytes, read safely, and its text decoded: shared by every reader.

A seed is read only if it is a regular file whose real path is inside the seeds folder; pipes
and devices are refused from their stat, never opened in a way that could block; at most
`MAX_BYTES` is read. Names that are not UTF-8 are refused, since they could not be written
into a page or a record.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.errors import InputError, shown

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


def too_long(path: Path, size: int) -> InputError:
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
        hint="seeds are plain files; move it out of the seeds folder",
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


def read_seed_bytes(path: Path, folder: Path | None = None) -> bytes:
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
                raise too_long(path, opened.st_size)
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror}", path=path) from None
    if len(data) > MAX_BYTES:
        raise too_long(path, len(data))
    return data


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


def decode_text(data: bytes, path: Path, encoding: str = "utf-8") -> str:
    """Text with Unix newlines, or a clear error saying what the file seems to be.

    `encoding`: what the file says it is (a web page's meta tag); plain text is UTF-8.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8"
    if b"\x00" in data[:8000] and not _looks_utf16(data):
        raise InputError(
            "not a text file (it holds binary data)",
            path=path,
            hint="seeds and content files must be plain UTF-8 text",
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        name, iconv = _guess_encoding(data)
        line = 1 if iconv == "UTF-16" else data[: exc.start].count(b"\n") + 1
        said = "not UTF-8" if encoding == "utf-8" else f"not {encoding}, as it says it is"
        raise InputError(
            f"{said}: it looks like {name}",
            path=path,
            line=line,
            hint=f"convert it: iconv -f {iconv} -t UTF-8 '{shown(path.name)}' > fixed{path.suffix}",
        ) from None
    if "\x00" in text:
        raise InputError(
            "not a text file (it holds NUL bytes)",
            path=path,
            line=text[: text.index("\x00")].count("\n") + 1,
            hint="seeds and content files must be plain UTF-8 text",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")
