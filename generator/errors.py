"""Errors about the user's input: each names the file, the line when known, and what to do."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path


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
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.path else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def to_dict(self) -> dict:
        return {
            "path": str(self.path) if self.path else None,
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
