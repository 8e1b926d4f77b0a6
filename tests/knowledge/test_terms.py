"""Glossary terms from the dictionary: which words, which sense, and what editors can change."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputErrors
from generator.knowledge.enrich import KnowledgeIndex, enrich
from generator.knowledge.load import Knowledge, load_knowledge
from tests.nlp import extraction_of
from tests.sites import entry

HOSPITAL = (
    "PHOENIX (AP) -- The hospital closed its intensive care unit on Thursday after an "
    "outbreak of a drug-resistant fungus, Dr. Rafael Ortiz said. Forty-two patients were "
    "screened, and three had catheters.",
    "Staff cleaned every surface with a disinfectant, and visitors must wear gloves.",
)
SHOAL = (
    "MANILA (AP) -- Coast guard ships fired water cannons at a supply boat near the shoal, "
    "damaging the vessel's engine and injuring three sailors aboard the boat.",
)


def glossary(extraction, knowledge: Knowledge | None = None) -> dict[str, tuple[str, str]]:
    explainer = enrich(extraction, KnowledgeIndex.build(knowledge or Knowledge()))
    return {t.term: (t.source, t.definition) for t in explainer.glossary}


def test_rare_words_and_multiword_lemmas_are_terms_but_names_numbers_and_everyday_words_are_not():
    terms = glossary(extraction_of(*HOSPITAL))
    for term in ("intensive care unit", "fungus", "catheter", "disinfectant"):
        assert terms[term][0] == "dictionary", term
    assert terms["catheter"][1].startswith("A thin flexible tube inserted into the body")
    shown = " ".join(terms).lower()
    for not_a_term in ("ortiz", "rafael", "phoenix", "thursday", "forty", "hospital", "said"):
        assert not_a_term not in shown
    assert "intensive" not in terms and "care" not in terms  # part of the longer lemma


def test_the_sense_is_the_one_whose_definition_fits_the_article():
    # WordNet's first sense of "vessel" is a tube in which a body fluid circulates.
    terms = glossary(extraction_of(*SHOAL))
    assert terms["vessel"][1] == "A craft designed for water transportation."
    assert terms["water cannon"][1].startswith("A hose (carried on a truck)")


def test_an_editors_entry_wins_over_the_dictionary(tmp_path):
    entry(tmp_path, "glossary", "fungus", 'term = "fungus"', "A mould or yeast.")
    terms = glossary(extraction_of(*HOSPITAL), load_knowledge(tmp_path))
    assert terms["fungus"] == ("knowledge", "<p>A mould or yeast.</p>\n")
    assert terms["catheter"][0] == "dictionary"


def test_an_editor_suppresses_a_term_on_every_page_or_on_one(tmp_path):
    entry(tmp_path, "glossary", "fungus", 'term = "fungus"\nsuppress = true', "")
    entry(tmp_path, "explainers", "test", 'suppress_terms = ["catheters"]')
    terms = glossary(extraction_of(*HOSPITAL), load_knowledge(tmp_path))
    assert "fungus" not in terms and "catheter" not in terms
    assert terms["disinfectant"][0] == "dictionary"


def test_an_editor_pins_a_sense_for_the_site_or_for_one_article(tmp_path):
    entry(tmp_path, "glossary", "shoal", 'term = "shoal"\nsense = 3', "")
    entry(tmp_path, "explainers", "test", "senses = {vessel = 1}")
    terms = glossary(extraction_of(*SHOAL), load_knowledge(tmp_path))
    assert terms["shoal"] == ("dictionary", "A large group of fish.")
    assert terms["vessel"][1] == "A tube in which a body fluid circulates."


def test_a_sense_the_dictionary_lacks_is_an_error_with_the_file_and_line(tmp_path):
    entry(tmp_path, "glossary", "shoal", 'term = "shoal"\nsense = 40', "")
    entry(tmp_path, "glossary", "cloture-vote", 'term = "cloture vote"\nsense = 1', "")
    entry(tmp_path, "explainers", "test", "hide = []\nsenses = {vessel = 9}")
    with pytest.raises(InputErrors) as caught:
        load_knowledge(tmp_path)
    errors = {Path(e.path).name: e for e in caught.value.errors}
    assert errors["shoal.md"].line == 3 and "5 senses of “shoal”" in errors["shoal.md"].message
    assert "no entry “cloture vote”" in errors["cloture-vote.md"].message
    assert errors["test.md"].line == 3 and "no sense 9" in errors["test.md"].message
    assert "check" in errors["test.md"].hint


def test_suppressing_a_term_and_defining_it_at_once_is_an_error(tmp_path):
    entry(tmp_path, "glossary", "fungus", 'term = "fungus"\nsuppress = true', "A mould.")
    with pytest.raises(InputErrors) as caught:
        load_knowledge(tmp_path)
    (error,) = caught.value.errors
    assert error.line == 3 and "cannot also have a definition" in error.message


def test_a_glossary_entry_without_a_body_says_what_else_it_can_do(tmp_path):
    entry(tmp_path, "glossary", "fungus", 'term = "fungus"', "")
    with pytest.raises(InputErrors) as caught:
        load_knowledge(tmp_path)
    (error,) = caught.value.errors
    assert "needs a definition" in error.message and "sense = N" in error.hint
