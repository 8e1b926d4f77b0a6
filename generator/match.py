"""Find knowledge-base phrases in an article: a word trie walked over the cached tokens.

No regex per term and no spaCy: the article's tokens and lemmas come from the cached
extraction. Words joined by hyphens count as one word, so "cease-fire", "ceasefire" and
"cease-fires" (lemma) all match the term "cease-fire". A phrase written in lowercase matches in
any case; one with capitals ("WHO", "Fed", "Gaza Strip") only as written, so "who" is not the
WHO. A match never cuts through a named entity ("Gaza" is not found inside "Gaza City").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from generator.model import TokenTable

_NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


class Word(NamedTuple):
    """One word of the text: one token, or tokens joined by hyphens without spaces."""

    folded: str  # lowercase, without hyphens, dots and apostrophes
    cased: str  # the same with case kept
    lemma: str
    first_token: int
    last_token: int  # inclusive
    start: int  # character offsets in Article.text
    end: int


@dataclass(frozen=True)
class Match:
    entry: str
    start: int
    end: int


_DROP_TABLE = str.maketrans("", "", "-.'’‘")


def _fold(word: str, keep_case: bool = False) -> str:
    word = word.translate(_DROP_TABLE)
    return word if keep_case else word.lower()


def words_of(tokens: TokenTable, text: str) -> list[Word]:
    """Merge hyphenated tokens ("cease", "-", "fire") into words, keeping offsets.

    Runs once per article and build; kept lean because it is the matcher's only per-token cost.
    """
    words: list[Word] = []
    starts, ends, lowers, lemmas = tokens.starts, tokens.ends, tokens.lowers, tokens.lemmas
    n = len(starts)
    i = 0
    while i < n:
        j = i
        # Absorb "-" + next token while they touch: cease-fire, U.S.-led, 20-year-old.
        while (
            j + 2 < n
            and lowers[j + 1] in ("-", "–")
            and ends[j] == starts[j + 1]
            and ends[j + 1] == starts[j + 2]
        ):
            j += 2
        if i == j:
            cased = text[starts[i] : ends[i]].translate(_DROP_TABLE)
            lemma = lemmas[i].translate(_DROP_TABLE)
            folded = lowers[i].translate(_DROP_TABLE)
        else:
            parts = range(i, j + 1, 2)
            cased = "".join(text[starts[k] : ends[k]] for k in parts).translate(_DROP_TABLE)
            lemma = "".join(lemmas[k] for k in parts).translate(_DROP_TABLE)
            folded = "".join(lowers[k] for k in parts).translate(_DROP_TABLE)
        words.append(Word(folded, cased, lemma, i, j, starts[i], ends[j]))
        i = j + 1
    return words


def phrase_words(phrase: str) -> list[str]:
    """How a phrase from content/ splits into words, the same way the text is split."""
    chunks = re.findall(r"[\w’'.-]+", phrase)
    return [w for w in (_fold(c.strip(".-'’"), keep_case=True) for c in chunks) if w]


class _Node:
    """A trie node: next words matched in any case, next words matched as written."""

    __slots__ = ("any_case", "as_written", "entry")

    def __init__(self) -> None:
        self.any_case: dict[str, _Node] = {}
        self.as_written: dict[str, _Node] = {}
        self.entry: str | None = None


def _step(nodes: list[_Node], word: Word) -> list[_Node]:
    """The nodes reached from `nodes` by one word, by its folded form, lemma or cased form."""
    reached: list[_Node] = []
    for node in nodes:
        for found in (
            node.any_case.get(word.folded),
            node.any_case.get(word.lemma),
            node.as_written.get(word.cased),
        ):
            if found is not None and found not in reached:
                reached.append(found)
    return reached


class PhraseMatcher:
    def __init__(self) -> None:
        self.root = _Node()

    def add(self, phrase: str, entry: str) -> None:
        words = phrase_words(phrase)
        if not words:
            return
        case_sensitive = any(c.isupper() for c in phrase)
        node = self.root
        for word in words:
            table = node.as_written if case_sensitive else node.any_case
            key = word if case_sensitive else word.lower()
            node = table.setdefault(key, _Node())
        if node.entry is None:
            node.entry = entry

    def find(self, tokens: TokenTable, words: list[Word]) -> list[Match]:
        """Every non-overlapping match, leftmost first, the longest phrase winning."""
        matches: list[Match] = []
        root = self.root
        n = len(words)
        i = 0
        while i < n:
            nodes = _step([root], words[i])
            best: tuple[int, str] | None = None
            j = i
            while nodes:
                for node in nodes:
                    if node.entry is not None and _respects_entities(tokens, words[i], words[j]):
                        best = (j, node.entry)
                        break
                j += 1
                if j == n:
                    break
                nodes = _step(nodes, words[j])
            if best is None:
                i += 1
                continue
            last, entry = best
            matches.append(Match(entry, words[i].start, words[last].end))
            i = last + 1
        return matches


def _respects_entities(tokens: TokenTable, first: Word, last: Word) -> bool:
    """False when the span covers part of a name but not all of it."""
    lo, hi = first.first_token, last.last_token + 1
    for k in (lo, hi - 1):
        index = tokens.entity[k]
        if index < 0:
            continue
        start, end, label = tokens.entities[index]
        while start < end - 1 and tokens.lowers[start] in ("the", "a", "an"):
            start += 1  # "the Security Council": the article is not part of the name
        while end - 1 > start and tokens.lowers[end - 1] in ("'s", "’s", "'", "’"):
            end -= 1  # nor is a possessive: "the First Amendment's"
        if label not in _NUMERIC_LABELS and (start < lo or end > hi):
            return False
    return True
