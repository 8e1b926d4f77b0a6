"""Actors on real text: entity bounds, merging, pruning, kinds and roles, on sentences written
for these tests in the style of the failures seen on GUM's news and biographies."""

from __future__ import annotations

from pathlib import Path

from generator.cache import ExtractionCache
from generator.extract.pipeline import extract
from generator.model import Article, Extraction
from tests.nlp import nlp


def article_of(*paragraphs: str) -> Article:
    return Article(path=Path("t.txt"), slug="t", headline="H", paragraphs=list(paragraphs))


def run(*paragraphs: str) -> Extraction:
    article = article_of(*paragraphs)
    return extract(article, nlp()(article.text))


def names(extraction: Extraction, *kinds: str) -> list[str]:
    kinds = kinds or ("person", "organization", "group")
    return sorted(a.name for a in extraction.actors if a.kind in kinds)


# Token table --------------------------------------------------------------------------------


def test_an_entity_ending_on_a_paragraph_break_keeps_its_words_and_its_cache_entry(tmp_path):
    # NER takes the paragraph break into "the U.S. Congress:\n\n"; the entity's bounds in the
    # kept tokens must still run from its first word to its last.
    article = article_of("He wrote a letter to the U.S. Congress:", "WHEREAS, a body of men met.")
    extraction = extract(article, nlp()(article.text))
    table = extraction.tokens
    [(start, end, label)] = table.entities
    assert label == "ORG"
    assert table.lowers[start:end] == ["the", "u.s.", "congress", ":"]
    cache = ExtractionCache(tmp_path, "model", "1")
    cache.put(article, extraction)
    assert cache.get(article) is not None  # before, the entry was rejected on every build
