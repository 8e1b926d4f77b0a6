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

_NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


@dataclass
class Words:
    """The words of a text as parallel lists: one item per token, or per run of tokens joined
    by hyphens without spaces ("cease", "-", "fire" is one word). Lists, not objects, because
    this runs over every token of every article on each build."""

    folded: list[str]  # lowercase, without hyphens, dots and apostrophes
    lemma: list[str]  # the lemma, folded the same way
    cased: list[str]  # the surface with case kept, folded the same way
    first: list[int]  # token range of each word, inclusive
    last: list[int]
    start: list[int]  # character offsets in Article.text
    end: list[int]

    def __len__(self) -> int:
        return len(self.folded)


@dataclass(frozen=True)
class Match:
    entry: str
    start: int
    end: int


_DROP_TABLE = str.maketrans("", "", "-.'’‘")
_DASHES = ("-", "–")


def _fold(word: str, keep_case: bool = False) -> str:
    word = word.translate(_DROP_TABLE)
    return word if keep_case else word.lower()


def words_of(tokens: TokenTable, text: str) -> Words:
    """The words of an extraction: as kept in its token table, else grouped now."""
    if tokens.word_folded or not tokens.starts:
        starts, ends = tokens.starts, tokens.ends
        return Words(
            tokens.word_folded,
            tokens.word_lemma,
            tokens.word_cased,
            tokens.word_first,
            tokens.word_last,
            [starts[i] for i in tokens.word_first],
            [ends[i] for i in tokens.word_last],
        )
    return group_words(tokens, text)


def group_words(tokens: TokenTable, text: str) -> Words:
    """Group tokens into words (see Words), keeping offsets."""
    table = _DROP_TABLE
    starts, ends, lowers, lemmas = tokens.starts, tokens.ends, tokens.lowers, tokens.lemmas
    n = len(starts)
    # Hyphens that join two touching tokens: cease-fire, U.S.-led, 20-year-old.
    joins = [
        j
        for j in range(1, n - 1)
        if lowers[j] in _DASHES and ends[j - 1] == starts[j] and ends[j] == starts[j + 1]
    ]
    if not joins:
        index = list(range(n))
        return Words(
            [w.translate(table) for w in lowers],
            [w.translate(table) for w in lemmas],
            [text[s:e].translate(table) for s, e in zip(starts, ends, strict=True)],
            index,
            index,
            list(starts),
            list(ends),
        )
    joined = set(joins)
    groups: list[list[int]] = []
    i = 0
    while i < n:
        group = [i]
        while i + 1 in joined:
            group.append(i + 2)
            i += 2
        groups.append(group)
        i += 1
    return Words(
        ["".join(lowers[k] for k in g).translate(table) for g in groups],
        ["".join(lemmas[k] for k in g).translate(table) for g in groups],
        ["".join(text[starts[k] : ends[k]] for k in g).translate(table) for g in groups],
        [g[0] for g in groups],
        [g[-1] for g in groups],
        [starts[g[0]] for g in groups],
        [ends[g[-1]] for g in groups],
    )


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


def _step(nodes: list[_Node], words: Words, i: int) -> list[_Node]:
    """The nodes reached from `nodes` by word i, by its folded form, lemma or cased form."""
    reached: list[_Node] = []
    for node in nodes:
        for found in (
            node.any_case.get(words.folded[i]),
            node.any_case.get(words.lemma[i]),
            node.as_written.get(words.cased[i]),
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

    def find(self, tokens: TokenTable, words: Words) -> list[Match]:
        """Every non-overlapping match, leftmost first, the longest phrase winning."""
        matches: list[Match] = []
        root = self.root
        any_case, as_written = root.any_case, root.as_written
        folded, lemma, cased = words.folded, words.lemma, words.cased
        n = len(folded)
        i = 0
        while i < n:
            # Most words start no phrase: three dict lookups decide it.
            if (
                folded[i] not in any_case
                and lemma[i] not in any_case
                and (cased[i] not in as_written)
            ):
                i += 1
                continue
            nodes = _step([root], words, i)
            best: tuple[int, str] | None = None
            j = i
            while nodes:
                for node in nodes:
                    if node.entry is not None and _respects_entities(
                        tokens, words.first[i], words.last[j]
                    ):
                        best = (j, node.entry)
                        break
                j += 1
                if j == n:
                    break
                nodes = _step(nodes, words, j)
            if best is None:
                i += 1
                continue
            last, entry = best
            matches.append(Match(entry, words.start[i], words.end[last]))
            i = last + 1
        return matches


def _respects_entities(tokens: TokenTable, lo: int, last: int) -> bool:
    """False when the tokens lo..last cover part of a name but not all of it."""
    hi = last + 1
    for k in (lo, last):
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
