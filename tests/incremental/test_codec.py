"""The extraction cache's format: an Extraction comes back exactly as it was written, and an
entry holding anything the generator could not have written is refused."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from generator.incremental.codec import DecodeError, extraction_from_dict, extraction_to_dict
from generator.model import (
    Actor,
    ContextBox,
    Dateline,
    Extraction,
    Mention,
    Quote,
    Term,
    TokenTable,
)


def extraction() -> Extraction:
    """Every field set, the token table consistent with 'Jane Holt voted.'"""
    return Extraction(
        slug="senate-vote",
        title="Senate Votes",
        dateline=Dateline("WASHINGTON", "AP"),
        date=dt.date(2024, 3, 4),
        summary=["Holt voted."],
        actors=[
            Actor(
                id="jane-holt",
                name="Jane Holt",
                kind="person",
                role="Senator",
                affiliation=None,
                aliases=["Holt"],
                mentions=2,
                key=True,
            )
        ],
        quotes=[Quote("We won.", "jane-holt", "Holt", 2, start=30, end=37)],
        context=[ContextBox("senate", "The Senate", "organization", "The upper house.")],
        terms=[Term("cloture", "Ending debate.", id="cloture", start=40, end=47)],
        mentions=[Mention("jane-holt", 0, 9)],
        tokens=TokenTable(
            starts=[0, 5, 10, 15],
            ends=[4, 9, 15, 16],
            lowers=["jane", "holt", "voted", "."],
            lemmas=["Jane", "Holt", "vote", "."],
            entity=[0, 0, -1, -1],
            entities=[(0, 2, "PERSON")],
            sentences=[(0, 16)],
            word_folded=["jane", "holt", "voted", "."],
            word_lemma=["jane", "holt", "vote", "."],
            word_cased=["Jane", "Holt", "voted", "."],
            word_first=[0, 1, 2, 3],
            word_last=[0, 1, 2, 3],
        ),
        paragraphs=["Jane Holt voted."],
        tags=["congress"],
        source_url="https://apnews.com/1",
        source_path="seeds/senate-vote.txt",
    )


def written() -> dict:
    """An entry as the cache writes it and reads it back: through JSON text."""
    return json.loads(json.dumps(extraction_to_dict(extraction()), ensure_ascii=False))


def test_an_extraction_comes_back_equal_through_json():
    assert extraction_from_dict(written()) == extraction()


def test_absent_optional_values_come_back_as_none():
    bare = extraction()
    bare.dateline = bare.date = bare.source_url = None
    bare.actors[0].role = None
    data = json.loads(json.dumps(extraction_to_dict(bare)))
    assert data["date"] is None
    assert extraction_from_dict(data) == bare


def _set(path: str, value: object):
    """A change to a written entry: the value at a dotted path (list items by number)."""

    def damage(data: dict) -> None:
        *parents, last = path.split(".")
        for part in parents:
            data = data[int(part)] if isinstance(data, list) else data[part]
        if isinstance(data, list):
            data[int(last)] = value
        else:
            data[last] = value

    return damage


DAMAGE = {
    "a number for the slug": _set("slug", 3),
    "text for a count": _set("actors.0.mentions", "2"),
    "true for a count": _set("actors.0.mentions", True),
    "a number for a flag": _set("actors.0.key", 1),
    "a fraction for a paragraph number": _set("quotes.0.paragraph", 2.0),
    "an object for a list": _set("actors", {"0": {}}),
    "a list for an object": _set("dateline", ["WASHINGTON", "AP"]),
    "a field the model lacks": _set("actors.0.colour", "red"),
    "a number in a list of text": _set("tokens.lowers", ["jane", 5, "voted", "."]),
    "an entity row of the wrong types": _set("tokens.entities", [["0", 2, "PERSON"]]),
    "columns of different lengths": _set("tokens.lemmas", ["Jane"]),
    "a token pointing past the entities": _set("tokens.entity", [0, 1, -1, -1]),
    "a word pointing past the tokens": _set("tokens.word_last", [0, 1, 2, 4]),
    "an entity ending past the tokens": _set("tokens.entities", [[0, 5, "PERSON"]]),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_an_entry_the_generator_could_not_have_written_is_refused(damage):
    data = copy.deepcopy(written())
    DAMAGE[damage](data)
    with pytest.raises(DecodeError):
        extraction_from_dict(data)


@pytest.mark.parametrize("value", [None, [], "entry", 3])
def test_an_entry_that_is_not_an_object_is_refused(value):
    with pytest.raises(DecodeError):
        extraction_from_dict(value)
