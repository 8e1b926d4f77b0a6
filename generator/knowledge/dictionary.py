"""The dictionary under the editors' knowledge base: Open English WordNet, shipped compact.

`data/oewn.dict` (made by dictionary_build.py) holds two sorted sections of compressed
blocks, indexed in its header:

    OEWN-DICT 2\\n
    <length of the header>\\n
    <header: JSON with the source, the licence, each section's index of blocks, and the
     words that lemmas of several words start with>
    <words: zlib-compressed lines "folded lemma<TAB>zipf<TAB>parts of speech">
    <senses: zlib-compressed lines "folded lemma<TAB>JSON of the lemma and its senses">

Deciding which words of an article are terms needs only the small first section (how
common a lemma is, its parts of speech); definitions are decompressed for the few words that
are terms. Opening the file reads the header only; each block is decompressed once, when a
lookup first needs it; a build whose articles need no definition never opens the file.
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
MAGIC = b"OEWN-DICT 2\n"
# Text per block before compression: about what one lookup decompresses.
WORD_BLOCK_BYTES = 2_048
BLOCK_BYTES = 8_192
POS_ORDER = ("n", "v", "a", "r")
# Words at least this common (Zipf scale) are listed in the header: most of an article's
# words are, and none of them is a term, so they need no lookup.
COMMON_ZIPF = 4.5
REINSTALL = (
    "the dictionary ships with the generator: reinstall it, or make the file again with "
    "`make dictionary DATA=<Open English WordNet source>`"
)


@dataclass(frozen=True)
class Sense:
    pos: str  # "n", "v", "a" or "r"
    definition: str
    example: str = ""
    synonyms: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Word:
    """What deciding whether a word is a term needs: how common it is, and its parts of
    speech."""

    key: str  # folded
    zipf: float  # how common its rarest word is (wordfreq's Zipf scale; 3 = once a million)
    parts: str  # its parts of speech in POS_ORDER: "nv" for a noun and a verb


@dataclass(frozen=True)
class Entry:
    """A lemma's senses, in WordNet's order (nouns first, then verbs, adjectives, adverbs)."""

    key: str
    lemma: str  # as WordNet spells it: "cease-fire"
    zipf: float
    senses: list[Sense]

    def of_pos(self, pos: str) -> list[Sense]:
        return [s for s in self.senses if s.pos == pos]


def fold_lemma(phrase: str) -> str:
    """The key a lemma or an article's words are looked up by."""
    return " ".join(phrase_words(phrase)).lower()


def _encode(entry: dict) -> str:
    senses = [[s.pos, s.definition, s.example, s.synonyms] for s in entry["senses"]]
    return json.dumps({"l": entry["lemma"], "s": senses}, ensure_ascii=False, separators=(",", ":"))


def _decode(word: Word, text: str) -> Entry:
    raw = json.loads(text)
    senses = [
        Sense(pos, definition, example, list(synonyms))
        for pos, definition, example, synonyms in raw["s"]
    ]
    return Entry(word.key, raw["l"], word.zipf, senses)


def _word_line(key: str, entry: dict) -> str:
    parts = "".join(p for p in POS_ORDER if any(s.pos == p for s in entry["senses"]))
    return f"{key}\t{entry['zipf']:.2f}\t{parts}\n"


def _blocks(lines: list[str], block_bytes: int) -> tuple[list[bytes], list[list]]:
    """Sorted lines ("key<TAB>…") in compressed blocks of about block_bytes, and their
    index: [first key, offset in the section, length] per block."""
    blocks: list[bytes] = []
    index: list[list] = []
    chunk: list[str] = []
    offset = size = 0
    for number, line in enumerate(lines):
        chunk.append(line)
        size += len(line)
        if size >= block_bytes or number == len(lines) - 1:
            data = zlib.compress("".join(chunk).encode("utf-8"), 9)
            index.append([chunk[0].split("\t", 1)[0], offset, len(data)])
            blocks.append(data)
            offset += len(data)
            chunk, size = [], 0
    return blocks, index


def write_dictionary(
    path: Path,
    entries: dict[str, dict],
    header: dict,
    block_bytes: int = BLOCK_BYTES,
    word_block_bytes: int = WORD_BLOCK_BYTES,
) -> int:
    """Write the file (see the module's docstring); returns its size in bytes. `entries`:
    folded lemma -> {"lemma", "zipf", "senses"}."""
    keys = sorted(entries)
    words, word_index = _blocks([_word_line(k, entries[k]) for k in keys], word_block_bytes)
    senses, sense_index = _blocks([f"{k}\t{_encode(entries[k])}\n" for k in keys], block_bytes)
    words_size = sum(len(b) for b in words)
    for row in sense_index:
        row[1] += words_size  # the senses follow the words
    # The words a lemma of several words starts with: the phrases an article's other words
    # start need no lookup.
    starts = sorted({key.split(" ", 1)[0] for key in keys if " " in key})
    # And the two words a lemma of three or more starts with.
    pairs = sorted({" ".join(key.split(" ", 2)[:2]) for key in keys if key.count(" ") > 1})
    common = [k for k in keys if " " not in k and entries[k]["zipf"] >= COMMON_ZIPF]
    head = {
        **header,
        "words": word_index,
        "senses": sense_index,
        "phrase_starts": starts,
        "phrase_pairs": pairs,
        "common": common,
        "common_zipf": COMMON_ZIPF,
    }
    head_bytes = json.dumps(head, ensure_ascii=False, sort_keys=True).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        handle.write(MAGIC + f"{len(head_bytes)}\n".encode() + head_bytes)
        for data in words + senses:
            handle.write(data)
    os.replace(tmp, path)
    return path.stat().st_size


@dataclass
class _Section:
    """One section's blocks: their first keys and places, and those decompressed so far,
    each "\\n" + its lines (searched, not split: most of a block is never asked for)."""

    firsts: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    decompressed: dict[int, str] = field(default_factory=dict)
    data: bytes = b""  # the section's compressed bytes, when read whole

    @classmethod
    def of(cls, index: list[list]) -> _Section:
        return cls([first for first, _, _ in index], [(o, n) for _, o, n in index])


class Dictionary:
    """Lookups in the data file, which is opened at the first lookup, not before."""

    def __init__(self, path: Path = DEFAULT_PATH) -> None:
        self.path = path
        self.header: dict = {}
        self.opened = False
        self._data_start = 0
        self._words = _Section()
        self._senses = _Section()
        self._phrase_starts: frozenset[str] = frozenset()
        self._phrase_pairs: frozenset[str] = frozenset()
        self._common: frozenset[str] = frozenset()
        self._found_words: dict[str, Word | None] = {}
        self._found_entries: dict[str, Entry | None] = {}

    def _open(self) -> None:
        try:
            with self.path.open("rb") as handle:
                if handle.read(len(MAGIC)) != MAGIC:
                    raise ValueError("it does not start as a dictionary file does")
                self.header = json.loads(handle.read(int(handle.readline())))
                self._data_start = handle.tell()
                self._words = _Section.of(self.header["words"])
                # Read whole (under a megabyte): an article looks up hundreds of words.
                self._words.data = handle.read(sum(n for _, n in self._words.spans))
            self._senses = _Section.of(self.header["senses"])
            self._phrase_starts = frozenset(self.header["phrase_starts"])
            self._phrase_pairs = frozenset(self.header["phrase_pairs"])
            self._common = frozenset(self.header["common"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else exc
            raise InputError(
                f"the glossary's dictionary cannot be read: {reason}",
                path=self.path,
                hint=REINSTALL,
            ) from None
        self.opened = True

    def _damaged(self, key: str, exc: Exception) -> InputError:
        return InputError(
            f"the glossary's dictionary is damaged near “{key}” ({exc})",
            path=self.path,
            hint=REINSTALL,
        )

    def _line(self, section: _Section, key: str) -> str | None:
        """The rest of `key`'s line in a section (of the opened file), if it has one."""
        number = bisect.bisect_right(section.firsts, key) - 1
        if number < 0:
            return None
        block = section.decompressed.get(number)
        if block is None:
            offset, length = section.spans[number]
            if section.data:
                data = section.data[offset : offset + length]
            else:
                with self.path.open("rb") as handle:
                    handle.seek(self._data_start + offset)
                    data = handle.read(length)
            try:
                block = "\n" + zlib.decompress(data).decode("utf-8")
            except (zlib.error, UnicodeDecodeError) as exc:
                raise self._damaged(key, exc) from None
            section.decompressed[number] = block
        at = block.find(f"\n{key}\t")
        if at < 0:
            return None
        start = at + len(key) + 2
        return block[start : block.find("\n", start)]

    def starts_phrase(self, words: str) -> bool:
        """Whether some lemma of more words starts with these: a folded word, or two (then
        some lemma of three or more)."""
        if not self.opened:
            self._open()
        return words in (self._phrase_pairs if " " in words else self._phrase_starts)

    def is_common(self, word: str) -> bool:
        """Whether a folded single word is a lemma at least COMMON_ZIPF common."""
        if not self.opened:
            self._open()
        return word in self._common

    def word(self, key: str) -> Word | None:
        """How common a folded lemma (fold_lemma) is, and its parts of speech, if WordNet
        has it."""
        if key not in self._found_words:
            if not self.opened:
                self._open()
            line = self._line(self._words, key)
            found = None
            if line is not None:
                try:
                    zipf, parts = line.split("\t")
                    found = Word(key, float(zipf), parts)
                except ValueError as exc:
                    raise self._damaged(key, exc) from None
            self._found_words[key] = found
        return self._found_words[key]

    def words(self, keys: Iterable[str]) -> dict[str, Word]:
        """The words among those keys that WordNet has."""
        found = {}
        for key in sorted(set(keys)):  # sorted: the blocks are read in order
            word = self.word(key)
            if word is not None:
                found[key] = word
        return found

    def lookup(self, key: str) -> Entry | None:
        """A folded lemma's entry with its senses, if WordNet has it."""
        if key not in self._found_entries:
            word = self.word(key)
            line = self._line(self._senses, key) if word is not None else None
            try:
                self._found_entries[key] = None if line is None else _decode(word, line)
            except (ValueError, KeyError, TypeError) as exc:
                raise self._damaged(key, exc) from None
        return self._found_entries[key]


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
