"""Dictionary definitions on the page and in explainer.json: labelled, escaped, valid."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from generator.model import Term
from generator.render.annotate import annotated_paragraphs
from generator.render.explainer_json import explainer_json
from generator.render.filters import rich
from tests.explainers import make_explainer, span

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "generator" / "schema" / "explainer-1.json").read_text()
)
PARAGRAPHS = ("The boat ran aground near the shoal.",)


def shoal(definition: str = "A sandbank <visible> at low tide.") -> Term:
    start, end = span(PARAGRAPHS, "shoal")
    return Term("shoal", definition, "dictionary", "shoal", start, end, sense=1)


def test_the_popover_labels_a_dictionary_definition_and_escapes_it():
    explainer = make_explainer(*PARAGRAPHS, glossary=[shoal()])
    (paragraph,) = annotated_paragraphs(explainer, lambda path: path)
    assert (
        '<span class="term-def">A sandbank &lt;visible&gt; at low tide. '
        '<small class="term-source">Dictionary definition</small></span>'
    ) in paragraph


def test_the_glossary_labels_a_dictionary_definition_and_no_other():
    assert rich("A sandbank <visible>.", "dictionary") == (
        "<p>A sandbank &lt;visible&gt;. "
        '<small class="term-source">Dictionary definition</small></p>'
    )
    assert "term-source" not in rich("Defined in the text.", "article")
    assert "term-source" not in rich("<p>An editor's.</p>", "knowledge")


def test_explainer_json_says_a_definition_is_the_dictionarys_and_keeps_the_schema():
    data = explainer_json(make_explainer(*PARAGRAPHS, glossary=[shoal("A sandbank.")]))
    assert data["glossary"] == [
        {"term": "shoal", "definition": "A sandbank.", "source": "dictionary"}
    ]
    jsonschema.validate(data, SCHEMA)
