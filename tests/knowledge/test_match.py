"""Knowledge-base phrase matching on real parses: inflections, case, names, overlaps."""

from __future__ import annotations

import pytest

from generator.knowledge.match import PhraseMatcher, words_of
from tests.nlp import extraction_of


def found(text: str, phrases: dict[str, str]) -> list[tuple[str, str]]:
    """(entry, matched text) for each match of the phrases in the text."""
    matcher = PhraseMatcher()
    for phrase, entry in phrases.items():
        matcher.add(phrase, entry)
    extraction = extraction_of(text)
    body = "\n\n".join(extraction.paragraphs)
    return [
        (m.entry, body[m.start : m.end])
        for m in matcher.find(extraction.tokens, words_of(extraction.tokens, body))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The U.N. demanded a cease-fire on Monday.",
        "The U.N. demanded a ceasefire on Monday.",
        "Both sides broke several cease-fires last year.",
        "Several ceasefires collapsed.",
        "Talk of a Cease-Fire grew.",
    ],
)
def test_spelling_inflection_and_case_variants_all_match(text):
    assert [entry for entry, _ in found(text, {"cease-fire": "ceasefire"})] == ["ceasefire"]


def test_a_word_family_matches_only_through_a_declared_alias():
    text = "The United States abstained from the vote."
    assert found(text, {"abstention": "abstention"}) == []
    assert found(text, {"abstention": "abstention", "abstained": "abstention"}) == [
        ("abstention", "abstained")
    ]


def test_matches_fall_on_word_boundaries_only():
    text = "The warning came as the warlords met. The war went on."
    assert found(text, {"war": "war"}) == [("war", "war")]


def test_capitalised_phrases_match_only_as_written():
    text = "Officials who spoke to the WHO said the Fed fed the markets."
    assert found(text, {"WHO": "who", "Fed": "fed"}) == [("who", "WHO"), ("fed", "Fed")]


def test_a_phrase_never_matches_inside_a_longer_name():
    text = "Strikes hit Gaza City overnight, and aid reached southern Gaza."
    assert found(text, {"Gaza": "gaza"}) == [("gaza", "Gaza")]
    assert found(text, {"Gaza": "gaza", "Gaza City": "gaza-city"}) == [
        ("gaza-city", "Gaza City"),
        ("gaza", "Gaza"),
    ]


def test_the_longest_phrase_wins_and_matches_do_not_overlap():
    text = "The Security Council adopted a cease-fire resolution."
    phrases = {
        "resolution": "res",
        "cease-fire": "cf",
        "cease-fire resolution": "cfr",
        "Security Council": "sc",
    }
    assert found(text, phrases) == [("sc", "Security Council"), ("cfr", "cease-fire resolution")]


def test_abbreviations_with_dots_match_their_plain_form():
    assert found("The U.N. vote came late.", {"UN": "un"}) == [("un", "U.N.")]


def test_every_occurrence_is_reported_in_order():
    text = "A veto was threatened. The veto was not used. Vetoes are rare."
    assert [m for _, m in found(text, {"veto": "veto"})] == ["veto", "veto", "Vetoes"]


def test_a_possessive_is_not_part_of_the_name_it_follows():
    text = "They cited the First Amendment's protections."
    assert found(text, {"First Amendment": "first"}) == [("first", "First Amendment")]


def test_the_words_kept_with_an_extraction_are_the_words_grouped_from_its_tokens():
    from generator.knowledge.match import group_words

    extraction = extraction_of("The U.S.-led cease-fire talks, a 20-year-old's hope, resumed.")
    body = "\n\n".join(extraction.paragraphs)
    assert words_of(extraction.tokens, body) == group_words(extraction.tokens, body)
    assert "ceasefire" in words_of(extraction.tokens, body).folded
