"""Errors about the user's input: each names the file, the line when known, and what to do."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from pathlib import Path

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Controls, lone surrogates (the bytes of a name that is not UTF-8), line and paragraph
# separators; and the bidirectional overrides, which can make a line read backwards.
_ESCAPED_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(char: str) -> str:
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    if unicodedata.category(char) in _ESCAPED_CATEGORIES or char in _BIDI_CONTROLS:
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def shown(text: object) -> str:
    """Text from the user's files or file names, made safe to print on one line.

    Control characters are backslash-escaped, so a file name cannot start a line of its
    own (a forged `error:`), move the cursor or recolour the terminal; the bytes of a name
    that is not UTF-8 are shown as `\\xNN`. Printable text, backslashes included, is kept
    as it is, so showing shown text again changes nothing.
    """
    text = str(text)
    return text if text.isprintable() else "".join(_escape(char) for char in text)


def _shown_lines(text: str) -> str:
    """Like `shown`, but a message's own line breaks are kept, each next line indented, so
    none of them can pass for a line of output of its own."""
    return "\n    ".join(shown(line) for line in text.split("\n"))


class InputError(Exception):
    """A problem in a file the user wrote (a seed, site.toml, content/, a template)."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __reduce__(self):
        # Survive pickling (errors cross process boundaries in parallel builds).
        return (self.__class__, (self.message,), self.__dict__)

    @property
    def location(self) -> str:
        """The file (its name escaped as `shown` does) and the line, when known."""
        if self.path is None:
            return ""
        return f"{shown(self.path)}:{self.line}" if self.line else shown(self.path)

    def __str__(self) -> str:
        # Every error printed goes through here: what came from the user's files is escaped.
        message = _shown_lines(self.message)
        text = f"{self.location}: {message}" if self.path else message
        if self.hint:
            text += f"\n  hint: {_shown_lines(self.hint)}"
        return text

    def to_dict(self) -> dict:
        """As JSON data (the last build's record, the dev server's overlay); the path as
        printed, which JSON and a web page can always hold."""
        return {
            "path": shown(self.path) if self.path else None,
            "line": self.line,
            "message": self.message,
            "hint": self.hint,
        }


class InputErrors(Exception):
    """Several input errors found together, so the user can fix them all in one go."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known name closest to a misspelt one, for "did you mean" hints."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None
