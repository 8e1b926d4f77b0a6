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

from generator.model import TokenTable

_DROP = re.compile(r"[-.'’‘]")
_NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
_END = "\0end"


@dataclass(frozen=True)
class Word:
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


def _fold(word: str, keep_case: bool = False) -> str:
    word = _DROP.sub("", word)
    return word if keep_case else word.lower()


def words_of(tokens: TokenTable, text: str) -> list[Word]:
    """Merge hyphenated tokens ("cease", "-", "fire") into words, keeping offsets."""
    words: list[Word] = []
    n = len(tokens.starts)
    i = 0
    while i < n:
        j = i
        # Absorb "-" + next token while they touch: cease-fire, U.S.-led, 20-year-old.
        while (
            j + 2 < n
            and tokens.lowers[j + 1] in ("-", "–")
            and tokens.ends[j] == tokens.starts[j + 1]
            and tokens.ends[j + 1] == tokens.starts[j + 2]
        ):
            j += 2
        parts = range(i, j + 1, 2)
        surface_lower = "".join(tokens.lowers[k] for k in parts)
        words.append(
            Word(
                folded=_fold(surface_lower),
                cased=_fold(
                    "".join(text[tokens.starts[k] : tokens.ends[k]] for k in parts), keep_case=True
                ),
                lemma=_fold("".join(tokens.lemmas[k] for k in parts)),
                first_token=i,
                last_token=j,
                start=tokens.starts[i],
                end=tokens.ends[j],
            )
        )
        i = j + 1
    return words


def phrase_words(phrase: str) -> list[str]:
    """How a phrase from content/ splits into words, the same way the text is split."""
    chunks = re.findall(r"[\w’'.-]+", phrase)
    return [w for w in (_fold(c.strip(".-'’"), keep_case=True) for c in chunks) if w]


class PhraseMatcher:
    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, phrase: str, entry: str) -> None:
        words = phrase_words(phrase)
        if not words:
            return
        case_sensitive = any(c.isupper() for c in phrase)
        node = self.root
        for word in words:
            key = ("C", word) if case_sensitive else ("i", word.lower())
            node = node.setdefault(key, {})
        node.setdefault(_END, entry)

    def find(self, tokens: TokenTable, words: list[Word]) -> list[Match]:
        """Every non-overlapping match, leftmost first, the longest phrase winning."""
        matches: list[Match] = []
        i = 0
        while i < len(words):
            best: tuple[int, str] | None = None
            nodes = [self.root]
            j = i
            while nodes and j < len(words):
                word = words[j]
                keys = (("i", word.folded), ("i", word.lemma), ("C", word.cased))
                nodes = [n[k] for n in nodes for k in set(keys) if k in n]
                for node in nodes:
                    if _END in node and _respects_entities(tokens, words[i], words[j]):
                        best = (j, node[_END])
                        break
                j += 1
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
        if label not in _NUMERIC_LABELS and (start < lo or end > hi):
            return False
    return True
