"""Which words of an article are glossary terms, and in which sense (from the dictionary).

Runs on the cached token table, so a build never needs spaCy. The table keeps no part of
speech, so the part of speech of a word comes from the dictionary, narrowed by the word
before it ("the appeal" is a noun, "to appeal" a verb).

A term is a word or a dictionary lemma of several words ("intensive care unit", "water
table") that general English rarely uses, by wordfreq's Zipf scale, and that is no name
(inside a named entity, or capitalised inside a sentence), number or punctuation. Multiword
lemmas are fixed expressions a reader may not take apart ("quantitative tightening"), so
they may be made of commoner words than a single term.

The sense is chosen by a simplified Lesk: the sense whose definition, example and synonyms
share most words with the sentence and the paragraph, with WordNet's order (the commonest
sense first) as the prior.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from generator.knowledge.dictionary import Dictionary, Entry, Sense, Word, fold_lemma
from generator.knowledge.match import Words
from generator.model import TokenTable

# Zipf scale: 3 is once per million words. A noun under NOUN_RARE is a term, and so is a
# multiword lemma whose rarest word is under MULTI_RARE: readers meet a domain's things as
# nouns ("indemnity", "aquifer"). A verb, adjective or adverb must be rarer still: most of
# those a general reader knows ("approve", "diplomatic", "sharply").
NOUN_RARE = 4.35
OTHER_RARE = 3.3
MULTI_RARE = 4.6
LONGEST = 4  # words in the longest lemma looked for
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"}
_NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
# The word before a noun or a verb, when it says which.
_BEFORE_NOUN = {
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "my", "your", "of", "some", "any", "no", "each", "every", "another", "such", "'s", "’s",
}  # fmt: skip
_BEFORE_VERB = {
    "to", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "not",
    "did", "does", "do", "we", "they", "i", "you", "he", "she", "it", "who",
}  # fmt: skip
# Words that say nothing about a sense: Lesk counts only the others.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our out over own
    same she should so some such than that the their them then there these they this those
    through to too under until up very was we were what when where which while who whom why
    will with would you your said say says one two used use especially usually something
    someone person people thing things make made way often ours yours theirs mine""".split()  # noqa: SIM905
)
ARTICLE_SHARE = 0.5  # what a word shared with the article beyond the paragraph is worth
PRIOR = 1.0  # what being WordNet's first sense is worth, in shared words (of weight 1)
UNKNOWN_WEIGHT = 2.0  # a shared word WordNet does not have (or in another form)
COMMON_WEIGHT = 1.0  # a shared common word (dictionary.COMMON_ZIPF), looked up in no block


@dataclass(frozen=True)
class TermCandidate:
    """A term's first use in the article, with its dictionary entry and chosen sense."""

    entry: Entry
    sense: Sense
    number: int  # the sense's 1-based place in entry.senses (what editors pin)
    start: int
    end: int
    word: int  # index of its first word


def stem(word: str) -> str:
    """A crude singular, enough to let "appeals" meet "appeal" in a definition."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text: str) -> set[str]:
    """The words of a text that can tell senses apart, stemmed."""
    found = set()
    for raw in text.lower().replace("’", "'").split():
        word = raw.strip(".,;:!?()[]\"'‘“”-–—")
        if len(word) > 2 and word.isalpha() and word not in STOPWORDS:
            found.add(stem(word))
    return found


def _is_name_or_number(tokens: TokenTable, words: Words, i: int, sentence_starts: set[int]) -> bool:
    first, last = words.first[i], words.last[i]
    for k in range(first, last + 1):
        entity = tokens.entity[k]
        if entity >= 0 and tokens.entities[entity][2] in _NAME_LABELS | _NUMERIC_LABELS:
            return True
    cased = words.cased[i]
    if not cased.isalpha():
        return True  # numbers, punctuation, "COVID19"
    # A capital inside a sentence is a name NER missed; "Drought" opening one is not.
    return cased[0].isupper() and (words.start[i] not in sentence_starts or cased.isupper())


def _keys_at(words: Words, i: int, n: int) -> list[str]:
    """The folded keys of words i..i+n-1: with the last word's lemma ("taxes" is "tax", not
    "taxis"), then as written."""
    head = words.folded[i : i + n - 1]
    keys = [" ".join([*head, words.folded[i + n - 1]])]
    lemma = words.lemma[i + n - 1]
    if lemma and lemma != words.folded[i + n - 1]:
        keys.insert(0, " ".join([*head, lemma]))
    return keys


def _lemma_keys(
    words: Words, usable: list[bool], dictionary: Dictionary
) -> dict[int, list[tuple[int, list[str]]]]:
    """Per word, the keys worth looking up there, longest phrase first, each with its
    length in words: the word itself unless it is common (then no term), and the phrases it
    starts when some lemma of several words starts with it."""
    keys: dict[int, list[tuple[int, list[str]]]] = {}
    for i in range(len(words)):
        if not usable[i]:
            continue
        found = []
        if dictionary.starts_phrase(words.folded[i]):
            pair = " ".join(words.folded[i : i + 2])
            for n in range(2, LONGEST + 1):
                if i + n > len(words) or not all(usable[i : i + n]):
                    break
                if n > 2 and not dictionary.starts_phrase(pair):
                    break
                found.append((n, _keys_at(words, i, n)))
        found.reverse()
        single = _keys_at(words, i, 1)
        if not any(dictionary.is_common(key) for key in single):
            found.append((1, single))
        if found:
            keys[i] = found
    return keys


def part_of_speech(found: Word, words: Words, i: int, n: int) -> str:
    """The word's likely part of speech, from the word before it, its ending and its lemma
    (spaCy lemmatises by part of speech: "ruling" the noun keeps its "-ing")."""
    has = found.parts
    if n > 1:
        return "n" if "n" in has else has[0]
    before = words.folded[i - 1].lower() if i > 0 else ""
    surface, lemma = words.folded[i], words.lemma[i]
    if before in _BEFORE_VERB and "v" in has:
        return "v"
    if before in _BEFORE_NOUN and "n" in has:
        return "n"
    if surface.endswith("ly") and "r" in has:
        return "r"
    if surface != lemma and surface.endswith(("ed", "ing")):
        return "v" if "v" in has else "a"
    return next(pos for pos in ("n", "a", "v", "r") if pos in has)


def is_term(found: Word, n: int, pos: str, dictionary: Dictionary) -> bool:
    """Rare enough for a general reader to need it explained, and not made plainly from a
    common word (dictionary.COMMON_ZIPF: a "grower" grows, a "judgment" judges)."""
    if n > 1:
        return found.zipf < MULTI_RARE
    if found.zipf >= (NOUN_RARE if pos == "n" else OTHER_RARE):
        return False
    return pos != "n" or not any(dictionary.is_common(base) for base in _bases(found.key))


def _bases(word: str) -> list[str]:
    """The words an agent noun or a noun in "-ment" may be made from."""
    for suffix in ("ment", "er", "or"):
        stem_ = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem_) >= 3:
            return [stem_, stem_ + "e", stem_[:-1] if stem_[-1] == stem_[-2] else stem_]
    return []


def choose_sense(
    entry: Entry,
    senses: list[Sense],
    sentence: set[str],
    paragraph: set[str],
    weight: Callable[[str], float],
    article: frozenset[str] | set[str] = frozenset(),
) -> Sense:
    """Simplified Lesk: the words a sense shares with the sentence count twice, with the
    rest of the paragraph once, with the rest of the article a little (what the article is
    about: "premium" in a story on insurance), each by how rare it is (sharing "court" says
    less than sharing "jurisdiction"); WordNet's order breaks ties and decides when nothing
    is shared."""
    own = content_words(entry.lemma.replace("-", " "))
    best, best_score = senses[0], float("-inf")
    for rank, sense in enumerate(senses):
        gloss = " ".join([sense.definition, sense.example, *sense.synonyms]).replace("_", " ")
        signature = content_words(gloss) - own
        score = 2 * sum(weight(w) for w in signature & sentence)
        score += sum(weight(w) for w in signature & (paragraph - sentence))
        score += ARTICLE_SHARE * sum(weight(w) for w in signature & (article - paragraph))
        score += PRIOR / (rank + 1)
        if score > best_score:
            best, best_score = sense, score
    return best


def _context(
    text: str,
    start: int,
    sentences: list[tuple[int, int]],
    known: dict[int, tuple[set[str], set[str]]],
) -> tuple[set[str], set[str]]:
    """The content words of the sentence and of the paragraph around an offset (`known`
    keeps them by sentence: several terms share one)."""
    number = bisect.bisect_right([s for s, _ in sentences], start) - 1
    if number not in known:
        s, e = sentences[number] if number >= 0 else (start, start)
        low = text.rfind("\n\n", 0, start)
        high = text.find("\n\n", start)
        paragraph = text[low + 2 if low >= 0 else 0 : high if high >= 0 else len(text)]
        known[number] = content_words(text[s:e]), content_words(paragraph)
    return known[number]


def usable_words(tokens: TokenTable, words: Words, skip: set[int] | None = None) -> list[int]:
    """The indexes of the words a term may be made of: no names, numbers or punctuation,
    and none of `skip`."""
    skip = skip or set()
    sentence_starts = {s for s, _ in tokens.sentences}
    return [
        i
        for i in range(len(words))
        if i not in skip and not _is_name_or_number(tokens, words, i, sentence_starts)
    ]


def find_terms(
    tokens: TokenTable,
    words: Words,
    text: str,
    dictionary: Dictionary,
    skip: set[int] | None = None,
) -> list[TermCandidate]:
    """The article's glossary terms from the dictionary, each at its first use, in order.

    `skip`: indexes of words already explained (by an editor's entry or the article), or
    that an editor suppressed: no term starts or runs through them.
    """
    usable = [False] * len(words)
    for i in usable_words(tokens, words, skip):
        usable[i] = True
    candidates = _lemma_keys(words, usable, dictionary)
    known = dictionary.words(k for at in candidates.values() for _, keys in at for k in keys)
    contexts: dict[int, tuple[set[str], set[str]]] = {}  # by sentence
    article_words = content_words(text)

    def weight(word: str) -> float:
        """How much sharing a word says: more the rarer it is in general English."""
        found = known.get(word)
        if found is not None:
            return min(max(7.0 - found.zipf, 0.5), 4.5)
        return COMMON_WEIGHT if dictionary.is_common(word) else UNKNOWN_WEIGHT

    found: list[TermCandidate] = []
    seen: set[str] = set()
    i = 0
    while i < len(words):
        match = _longest(candidates.get(i, []), known)
        if match is None:
            i += 1
            continue
        word, n = match
        pos = part_of_speech(word, words, i, n)
        entry = None
        if word.key not in seen and is_term(word, n, pos, dictionary):
            seen.add(word.key)
            entry = dictionary.lookup(word.key)
        if entry is not None:
            start, end = words.start[i], words.end[i + n - 1]
            sentence, paragraph = _context(text, start, tokens.sentences, contexts)
            sense = choose_sense(
                entry, entry.of_pos(pos), sentence, paragraph, weight, article_words
            )
            found.append(TermCandidate(entry, sense, entry.senses.index(sense) + 1, start, end, i))
        i += n
    return found


def _longest(
    candidates: list[tuple[int, list[str]]], known: dict[str, Word]
) -> tuple[Word, int] | None:
    """The longest dictionary lemma among a word's candidates, with its length in words."""
    for n, keys in candidates:
        for key in keys:
            found = known.get(key)
            if found is not None:
                return found, n
    return None


def term_key(phrase: str) -> str:
    """How editors' phrases (suppressions, pinned senses) are compared with terms."""
    return " ".join(stem(w) for w in fold_lemma(phrase).split())
