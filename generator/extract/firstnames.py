"""The gender a first name usually has, from the data of the `nomquamgender` package.

`nomquamgender` (MIT licence; Van Buskirk, Clauset and Larremore, "An open-source cultural
consensus approach to name-based gender classification", 2023) ships `name_data.json`: 720,000
lowercased, transliterated first names from 36 sources, each with the share of women who bear
it. Loading it whole costs two seconds and 280 MB in every process that parses articles, so
it is read in place instead: its keys are sorted, and a binary search over the file finds a
name in about twenty short reads. The package's own module is not imported (it loads pandas
and the whole file).

Only clear names give an answer: borne by women at least nine times in ten ("Hillary"), or
by men at least nine times in ten ("Donald"). "Jean" or "Kim" give none: a rule that needs a
gender has to find it in the article or do without.
"""

from __future__ import annotations

import importlib.util
import json
import mmap
import unicodedata
from pathlib import Path

from generator.errors import InputError

PACKAGE = "nomquamgender"
INSTALL_HINT = (
    "run `make build` (it installs the project's dependencies into .venv), or install it "
    "yourself: .venv/bin/pip install nomquamgender==0.1.4"
)
CLEAR = 0.1  # at most this share of the other gender; the package's own default threshold
MIN_SOURCES = 2  # a name only one source lists is too often a typing slip
SCAN = 256  # below this many bytes the search reads entries one after another
DECODER = json.JSONDecoder()


def data_path() -> Path:
    """Where the package keeps its name data; an InputError when it is not installed."""
    spec = importlib.util.find_spec(PACKAGE)  # finds the package without running it
    folders = spec.submodule_search_locations if spec else None
    path = Path(next(iter(folders)), "name_data.json") if folders else None
    if path is None or not path.is_file():
        raise InputError(f"the first-name data of `{PACKAGE}` is not installed", hint=INSTALL_HINT)
    return path


def fold(name: str) -> str:
    """ "José" → "jose": the package keeps names lowercased and without accents."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c)).lower()


def _entry_after(data: mmap.mmap, at: int) -> int | None:
    """Offset of the first key that starts after `at` (the quote mark before it)."""
    found = data.find(b'], "', at)
    return None if found < 0 else found + 3


def _key(data: mmap.mmap, at: int) -> tuple[str, int]:
    """The key that starts at `at`, and where its value starts."""
    text = data[at : at + 128].decode("ascii", "replace")
    key, end = DECODER.raw_decode(text)
    return key, at + end + 2  # past ': '


def _value(data: mmap.mmap, at: int) -> object:
    return DECODER.raw_decode(data[at : at + 256].decode("ascii", "replace"))[0]


def _lookup(data: mmap.mmap, name: str) -> object:
    low, high = 1, len(data)  # the first key starts after the opening brace
    while high - low > SCAN:
        middle = (low + high) // 2
        at = _entry_after(data, middle)
        if at is None or _key(data, at)[0] >= name:
            high = middle
        else:
            low = at
    at: int | None = low
    while at is not None and at < len(data) - 1:
        key, value_at = _key(data, at)
        if key >= name:
            return _value(data, value_at) if key == name else None
        at = _entry_after(data, value_at)
    return None


def valid(value: object) -> bool:
    """An entry as the package writes it: [sources, count, share of women, …]."""
    return (
        isinstance(value, list)
        and len(value) >= 3
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value[:3])
    )


class FirstNames:
    """Open the data once per article: `with FirstNames() as names: names.gender("Hillary")`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_path()
        self._file = None
        self._data: mmap.mmap | None = None

    def __enter__(self) -> FirstNames:
        self._file = self.path.open("rb")
        if self.path.stat().st_size:  # an empty file cannot be mapped; it knows no name
            self._data = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._data is not None:
            self._data.close()
        if self._file is not None:
            self._file.close()

    def gender(self, first_name: str) -> str | None:
        """ "female", "male", or None when the name is rare or borne by both."""
        if self._file is None:
            raise RuntimeError("use FirstNames in a with block")
        key = fold(first_name)
        if self._data is None or not key.isalpha():
            return None
        try:
            value = _lookup(self._data, key)
        except ValueError:  # a damaged file: no answer rather than a wrong one
            return None
        if not valid(value) or value[0] < MIN_SOURCES:
            return None
        share_of_women = value[2]
        if share_of_women >= 1 - CLEAR:
            return "female"
        if share_of_women <= CLEAR:
            return "male"
        return None
