"""The dictionary under the editors' knowledge base: Open English WordNet, shipped compact.

`data/oewn.dict` (made by dictionary_build.py) is a sorted, compressed file with an index:

    OEWN-DICT 1\\n
    <length of the header>\\n
    <header: JSON with the source, the licence and the index of blocks>
    <blocks: each zlib-compressed lines "folded lemma<TAB>JSON entry", sorted>

Opening it reads the header only; a lookup decompresses the few blocks holding the lemmas
asked for, and each block once. A build whose articles need no definition never opens it.
Lemmas are folded the way knowledge-base matching folds an article's words
(match.phrase_words): lowercase, without hyphens, dots or apostrophes, so "cease-fire",
"ceasefire" and "Cease-Fire" are one entry.
"""

from __future__ import annotations

import bisect
import json
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError
from generator.knowledge.match import phrase_words

DEFAULT_PATH = Path(__file__).parent / "data" / "oewn.dict"
MAGIC = b"OEWN-DICT 1\n"
BLOCK_BYTES = 16_384  # of text before compression: a lookup decompresses about this much
POS_ORDER = ("n", "v", "a", "r")
POS_NAMES = {"n": "noun", "v": "verb", "a": "adjective", "r": "adverb"}


@dataclass(frozen=True)
class Sense:
    pos: str  # "n", "v", "a" or "r"
    definition: str
    example: str = ""
    synonyms: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Entry:
    """A lemma's senses, in WordNet's order (nouns first, then verbs, adjectives, adverbs)."""

    key: str  # folded
    lemma: str  # as WordNet spells it: "cease-fire"
    zipf: float  # how common its rarest word is (wordfreq's Zipf scale; 3 = once a million)
    senses: list[Sense]

    def of_pos(self, pos: str) -> list[Sense]:
        return [s for s in self.senses if s.pos == pos]


REINSTALL = (
    "the dictionary ships with the generator: reinstall it, or make the file again with "
    "`make dictionary DATA=<Open English WordNet source>`"
)


def fold_lemma(phrase: str) -> str:
    """The key a lemma or an article's words are looked up by."""
    return " ".join(phrase_words(phrase)).lower()


def _encode(entry: dict) -> str:
    senses = [[s.pos, s.definition, s.example, s.synonyms] for s in entry["senses"]]
    return json.dumps(
        {"l": entry["lemma"], "z": round(entry["zipf"], 2), "s": senses},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _decode(key: str, text: str) -> Entry:
    raw = json.loads(text)
    senses = [
        Sense(pos, definition, example, list(synonyms))
        for pos, definition, example, synonyms in raw["s"]
    ]
    return Entry(key, raw["l"], raw["z"], senses)


def write_dictionary(path: Path, entries: dict[str, dict], header: dict, block_bytes: int) -> int:
    """Write the file (see the module's docstring); returns its size in bytes."""
    blocks: list[bytes] = []
    index: list[list] = []  # [first key, offset, length] per block
    lines: list[str] = []
    size = 0
    offset = 0

    def flush() -> None:
        nonlocal offset, size
        data = zlib.compress("".join(lines).encode("utf-8"), 9)
        index.append([lines[0].split("\t", 1)[0], offset, len(data)])
        blocks.append(data)
        offset += len(data)
        lines.clear()
        size = 0

    for key in sorted(entries):
        line = f"{key}\t{_encode(entries[key])}\n"
        lines.append(line)
        size += len(line)
        if size >= block_bytes:
            flush()
    if lines:
        flush()
    head = json.dumps({**header, "index": index}, ensure_ascii=False, sort_keys=True).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        handle.write(MAGIC + f"{len(head)}\n".encode() + head)
        for data in blocks:
            handle.write(data)
    os.replace(tmp, path)
    return path.stat().st_size


class Dictionary:
    """Lookups in the data file, which is opened at the first lookup, not before."""

    def __init__(self, path: Path = DEFAULT_PATH) -> None:
        self.path = path
        self.header: dict = {}
        self._firsts: list[str] = []  # the first key of each block
        self._spans: list[tuple[int, int]] = []  # offset, length of each block
        self._data_start = 0
        self._blocks: dict[int, dict[str, str]] = {}  # decompressed: key -> encoded entry
        self._entries: dict[str, Entry | None] = {}
        self.opened = False

    def _open(self) -> None:
        try:
            with self.path.open("rb") as handle:
                if handle.read(len(MAGIC)) != MAGIC:
                    raise ValueError("it does not start as a dictionary file does")
                length = int(handle.readline())
                self.header = json.loads(handle.read(length))
                self._data_start = handle.tell()
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else exc
            raise InputError(
                f"the glossary's dictionary cannot be read: {reason}",
                path=self.path,
                hint=REINSTALL,
            ) from None
        self._firsts = [first for first, _, _ in self.header["index"]]
        self._spans = [(offset, length) for _, offset, length in self.header["index"]]
        self.opened = True

    def _block(self, number: int) -> dict[str, str]:
        block = self._blocks.get(number)
        if block is None:
            offset, length = self._spans[number]
            with self.path.open("rb") as handle:
                handle.seek(self._data_start + offset)
                data = handle.read(length)
            try:
                text = zlib.decompress(data).decode("utf-8")
                block = dict(line.split("\t", 1) for line in text.splitlines())
            except (zlib.error, UnicodeDecodeError, ValueError) as exc:
                raise InputError(
                    f"the glossary's dictionary is damaged ({exc})", path=self.path, hint=REINSTALL
                ) from None
            self._blocks[number] = block
        return block

    def lookup(self, key: str) -> Entry | None:
        """The entry of a folded lemma (fold_lemma), if WordNet has one."""
        if key in self._entries:
            return self._entries[key]
        if not self.opened:
            self._open()
        number = bisect.bisect_right(self._firsts, key) - 1
        found = None
        if number >= 0:
            text = self._block(number).get(key)
            found = _decode(key, text) if text is not None else None
        self._entries[key] = found
        return found

    def lookup_many(self, keys: Iterable[str]) -> dict[str, Entry]:
        """The entries of those keys that WordNet has."""
        found = {}
        for key in sorted(set(keys)):  # sorted: each block is decompressed once, in order
            entry = self.lookup(key)
            if entry is not None:
                found[key] = entry
        return found


def find_entry(dictionary: Dictionary, phrase: str) -> Entry | None:
    """The entry of a phrase as an editor writes it: "appeals" finds "appeal"."""
    key = fold_lemma(phrase)
    entry = dictionary.lookup(key) if key else None
    if entry is None and key.endswith("s"):
        entry = dictionary.lookup(key[:-1])
    return entry


def sense_problem(dictionary: Dictionary, phrase: str, number: int) -> str | None:
    """Why an editor cannot pin sense `number` of a phrase, if they cannot."""
    entry = find_entry(dictionary, phrase)
    if entry is None:
        return f"the dictionary has no entry “{phrase}”, so it has no sense {number} to show"
    if number > len(entry.senses):
        count = len(entry.senses)
        return (
            f"the dictionary has {count} sense{'s' if count > 1 else ''} of “{entry.lemma}”, "
            f"so there is no sense {number}"
        )
    return None
