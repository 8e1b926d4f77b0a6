"""Property-based tests: generated articles never break the reader or the extractor, and
what the extractor says is always grounded in the text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.extract.pipeline import extract
from generator.knowledge.enrich import KnowledgeIndex, enrich
from generator.knowledge.load import Knowledge
from generator.read.seeds import read_article
from generator.render.explainer_json import explainer_json
from tests.nlp import nlp

SCHEMA = json.loads(
    (
        Path(__file__).resolve().parent.parent / "generator" / "schema" / "explainer-1.json"
    ).read_text()
)
FIRST = ["Maria", "James", "Aisha", "Yoav", "Karine", "Li", "José", "Ngozi"]
LAST = ["Alvarez", "Netanyahu", "Jean-Pierre", "O'Brien", "Okafor", "Wei", "Müller"]
TITLES = ["Sen.", "Prime Minister", "press secretary", "Gov.", "Dr.", "the judge", ""]
ORGS = ["the World Health Organization", "the WHO", "the U.N.", "Hamas", "the White House"]
PLACES = ["WASHINGTON", "GENEVA", "GAZA CITY, Gaza Strip", "NEW YORK"]
WORDS = [
    "officials",
    "said",
    "the",
    "vote",
    "cease-fire",
    "talks",
    "on",
    "Tuesday",
    "and",
    "would",
    "resume",
    "after",
    "a",
    "delay",
    "because",
    "of",
    "the",
    "dispute",
]
QUOTE_MARKS = [('"', '"'), ("“", "”"), ('"', ""), ("“", '"'), ("", '"')]

name = st.builds(
    lambda f, last, t: f"{t} {f} {last}".strip(),
    st.sampled_from(FIRST),
    st.sampled_from(LAST),
    st.sampled_from(TITLES),
)
words = st.lists(st.sampled_from(WORDS), min_size=3, max_size=18).map(" ".join)
quote = st.builds(
    lambda marks, text, who, form: (
        f"{marks[0]}{text},{marks[1]} {who} said."
        if form == 0
        else f"{who} said: {marks[0]}{text}.{marks[1]}"
        if form == 1
        else f"{marks[0]}{text},{marks[1]} said {who}, a spokesperson."
    ),
    st.sampled_from(QUOTE_MARKS),
    words,
    st.one_of(name, st.sampled_from(ORGS)),
    st.integers(0, 2),
)
sentence = st.one_of(
    words.map(lambda w: w.capitalize() + "."),
    st.builds(lambda n, w: f"{n} {w}.", name, words),
    st.builds(lambda o, w: f"{o[0].upper()}{o[1:]} {w}.", st.sampled_from(ORGS), words),
    quote,
    st.text(min_size=1, max_size=40).filter(
        lambda t: t.strip() and "\n" not in t and "\r" not in t
    ),
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
article = st.builds(
    lambda head, place, paras: (head, place, paras),
    words.map(str.title),
    st.one_of(st.none(), st.sampled_from(PLACES)),
    st.lists(paragraph, min_size=1, max_size=6),
)

FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FAST
@given(st.binary(max_size=400))
def test_the_reader_gives_an_article_or_a_clear_error_for_any_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "seed.txt"
    path.write_bytes(data)
    try:
        article = read_article(path)
    except InputError as error:
        assert error.path == path and error.message
    else:
        assert article.headline and article.paragraphs and article.slug


@FAST
@given(article)
def test_extraction_is_valid_and_grounded_in_the_text(tmp_path_factory, parts):
    headline, place, paragraphs = parts
    if place:
        paragraphs = [f"{place} (AP) -- {paragraphs[0]}", *paragraphs[1:]]
    path = tmp_path_factory.mktemp("article") / "seed.txt"
    path.write_text(headline + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    try:
        seed = read_article(path)
    except InputError:
        return  # e.g. a paragraph of whitespace only: the reader's own tests cover these
    extraction = extract(seed, nlp()(seed.text))
    text = seed.text
    data = explainer_json(enrich(extraction, KnowledgeIndex.build(Knowledge())))
    jsonschema.validate(data, SCHEMA)
    ids = {a["id"] for a in data["actors"]}
    assert len(ids) == len(data["actors"])
    for quote in data["quotes"]:
        assert quote["text"] in text
        assert quote["speaker"] is None or quote["speaker"] in ids
        assert 1 <= quote["paragraph"] <= len(extraction.paragraphs)
    for actor in data["actors"]:
        assert any(form in text for form in [actor["name"], *actor["aliases"]]), actor


def test_the_model_is_the_one_site_toml_names():
    assert nlp().meta["version"] == "3.8.0"
