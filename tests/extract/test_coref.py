"""Coreference rules: each person's gender, and whom pronouns and descriptions stand for."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError
from generator.extract import firstnames
from generator.extract.firstnames import FirstNames
from generator.extract.pipeline import RULES
from generator.extract.rules import coref
from generator.extract.state import State
from generator.model import Article
from tests.nlp import nlp


def state_after_coref(*paragraphs: str) -> State:
    article = Article(path=Path("t.txt"), slug="t", headline="H", paragraphs=list(paragraphs))
    state = State(article=article, doc=nlp()(article.text))
    for rule in RULES[: RULES.index(coref) + 1]:
        rule.apply(state)
    return state


def gender_of(state: State, name: str) -> str | None:
    [actor] = [a for a in state.actors.values() if a.name == name]
    return state.genders.get(actor.id)


def referent(state: State, word: str, nth: int = 0) -> str | None:
    tokens = [t for t in state.doc if t.text == word]
    actor_id = state.references.get(tokens[nth].i)
    return state.actors[actor_id].name if actor_id else None


def test_the_articles_own_pronouns_and_titles_give_a_gender_before_the_first_name():
    state = state_after_coref(
        "Jean Marlow, the county clerk, said her office would count every ballot.",
        "Mr. Kim Ortega, the challenger, filed a complaint.",
    )
    # "Jean" is as often a man's name and "Kim" a woman's: the article says otherwise.
    assert gender_of(state, "Jean Marlow") == "female"
    assert gender_of(state, "Kim Ortega") == "male"


def test_a_first_name_gives_a_gender_when_the_article_does_not():
    state = state_after_coref("Hillary Clinton and Donald Trump met the press in Ohio.")
    assert gender_of(state, "Hillary Clinton") == "female"
    assert gender_of(state, "Donald Trump") == "male"


def test_no_gender_is_guessed_when_nothing_says_it():
    state = state_after_coref("Jean Marlow filed the complaint in Ohio.")
    assert gender_of(state, "Jean Marlow") is None


def test_pronouns_agree_in_gender_and_number():
    state = state_after_coref(
        "Hillary Clinton met Donald Trump and the Federal Election Commission in Ohio.",
        "He left early. She stayed, and they published new rules.",
    )
    assert referent(state, "He") == "Donald Trump"
    assert referent(state, "She") == "Hillary Clinton"
    assert referent(state, "they") == "Federal Election Commission"


def test_a_pronoun_prefers_the_subject_of_the_sentence_before():
    state = state_after_coref(
        "Donald Trump criticized Paul Ryan on Tuesday. He spoke for an hour.",
    )
    assert referent(state, "He") == "Donald Trump"


def test_a_pronoun_inside_a_quotation_is_left_to_its_speaker():
    state = state_after_coref('Paul Ryan said: "He will regret it," after the vote.')
    assert not any(state.doc[i].text == "He" for i in state.references)


def test_a_description_names_the_actor_whose_name_holds_its_noun():
    state = state_after_coref(
        "The National Football League fined the club on Friday.",
        "Parson Tringham rode past. The league did not comment, and the parson smiled.",
    )
    assert referent(state, "league") == "National Football League"
    assert referent(state, "parson") == "Parson Tringham"


# The first-name resource -------------------------------------------------------------------


def test_first_names_clear_ones_only():
    with FirstNames() as names:
        assert names.gender("Hillary") == "female"
        assert names.gender("Donald") == "male"
        assert names.gender("José") == "male"  # kept without accents
        assert names.gender("Jean") is None  # borne by both
        assert names.gender("Xqzv") is None  # not a name


def test_a_missing_first_name_resource_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(firstnames, "PACKAGE", "no_such_package_here")
    with pytest.raises(InputError) as caught:
        FirstNames()
    assert "not installed" in caught.value.message
    assert "pip install nomquamgender" in caught.value.hint


def test_a_title_or_pronoun_after_the_surname_alone_does_not_set_the_gender():
    # The surname alone may be a relative's that merging joined to her name.
    state = state_after_coref(
        "Charlotte Temple walked in the garden with her father.",
        "Mr. Temple smiled at the gate. He said nothing.",
        "Mr. Temple went in, and Mr. Temple sat down.",
    )
    assert gender_of(state, "Charlotte Temple") == "female"


def test_a_first_name_ner_took_for_a_body_still_takes_she():
    state = state_after_coref(
        "Tommy met Tuppence at the corner of Dover Street.",
        '"Mind the tea comes in separate teapots," she added severely.',
    )
    [tuppence] = [a for a in state.actors.values() if a.name == "Tuppence"]
    tuppence.kind = "organization"  # as the model labels her in other sentences
    state.references.clear()
    coref.apply(state)
    assert referent(state, "she") == "Tuppence"


def test_a_title_word_names_the_character_before_the_name_comes():
    state = state_after_coref(
        '"Good night, Sir John," said the parson.',
        "Parson Tringham rode on toward the village.",
    )
    assert referent(state, "parson") == "Parson Tringham"


def test_a_damaged_first_name_file_gives_no_gender_and_no_crash(tmp_path):
    damaged = tmp_path / "name_data.json"
    for content in (b"", b'\x00\xff garbage ], "x', b'{"aaa": {"x": 1}, "hillary": [24, "a"]}'):
        damaged.write_bytes(content)
        with FirstNames(damaged) as names:
            assert names.gender("Hillary") is None
            assert names.gender("Aaa") is None
