"""The glossary's dictionary: the shipped file, its reader, and the converter that makes it."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.knowledge.dictionary import (
    Dictionary,
    Sense,
    find_entry,
    fold_lemma,
    sense_problem,
    write_dictionary,
)
from generator.knowledge.dictionary_build import convert, main
from generator.knowledge.enrich import KnowledgeIndex
from generator.knowledge.load import Knowledge


def small_dictionary(path: Path) -> Path:
    entries = {
        fold_lemma(lemma): {"lemma": lemma, "zipf": zipf, "senses": senses}
        for lemma, zipf, senses in [
            ("cease-fire", 3.3, [Sense("n", "a state of peace agreed to between opponents")]),
            ("aquifer", 2.9, [Sense("n", "underground bed yielding ground water")]),
            (
                "vessel",
                4.3,
                [Sense("n", "a tube in which a body fluid circulates"), Sense("n", "a ship")],
            ),
            ("water table", 5.1, [Sense("n", "the level below which the ground is wet")]),
        ]
    }
    write_dictionary(path, entries, {"source": "test"}, 64, 32)  # several blocks
    return path


def test_lookups_fold_hyphens_and_case_and_keep_the_senses_in_order(tmp_path):
    dictionary = Dictionary(small_dictionary(tmp_path / "d.dict"))
    assert not dictionary.opened  # nothing is read before the first lookup
    assert find_entry(dictionary, "aquifers").lemma == "aquifer"
    # Only the blocks it needed: one of the words, one of the senses.
    assert len(dictionary._words.decompressed) == 1 < len(dictionary._words.spans)
    assert len(dictionary._senses.decompressed) == 1 < len(dictionary._senses.spans)
    for spelling in ("cease-fire", "ceasefire", "Cease-Fire"):
        assert find_entry(dictionary, spelling).lemma == "cease-fire"
    assert find_entry(dictionary, "water table").zipf == 5.1
    senses = find_entry(dictionary, "vessel").senses
    assert [s.definition for s in senses] == ["a tube in which a body fluid circulates", "a ship"]
    assert find_entry(dictionary, "truce") is None


def test_a_sense_the_dictionary_lacks_is_explained(tmp_path):
    dictionary = Dictionary(small_dictionary(tmp_path / "d.dict"))
    assert sense_problem(dictionary, "vessel", 2) is None
    assert "2 senses of “vessel”, so there is no sense 3" in sense_problem(dictionary, "vessel", 3)
    assert "no entry “truce”" in sense_problem(dictionary, "truce", 1)


@pytest.mark.parametrize("damage", [b"", b"not a dictionary at all", None])
def test_a_damaged_or_missing_dictionary_is_an_error_naming_the_file(tmp_path, damage):
    path = tmp_path / "d.dict"
    if damage is not None:
        path.write_bytes(damage)
    with pytest.raises(InputError) as caught:
        Dictionary(path).lookup("aquifer")
    assert caught.value.path == path
    assert "make dictionary" in caught.value.hint


def test_a_damaged_block_is_an_error_naming_the_file(tmp_path):
    path = small_dictionary(tmp_path / "d.dict")
    data = bytearray(path.read_bytes())
    data[-20:] = b"x" * 20  # the last block's compressed bytes
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="damaged") as caught:
        Dictionary(path).lookup("water table")
    assert caught.value.path == path


def test_the_index_opens_no_dictionary_before_an_article_needs_it_and_never_saves_it(tmp_path):
    index = KnowledgeIndex.build(Knowledge(), small_dictionary(tmp_path / "d.dict"))
    assert index._dictionary is None
    index.dictionary.lookup("aquifer")
    restored = pickle.loads(pickle.dumps(index))  # as the build's saved state does
    assert restored._dictionary is None
    assert restored.dictionary.lookup("aquifer").lemma == "aquifer"


def test_the_shipped_dictionary_has_multiword_and_hyphenated_lemmas_and_no_names():
    dictionary = Dictionary()
    assert find_entry(dictionary, "ceasefire").lemma == "cease-fire"
    assert find_entry(dictionary, "intensive care unit") is not None
    assert find_entry(dictionary, "appeal").senses[0].definition == "earnest or urgent request"
    assert find_entry(dictionary, "paris") is None  # "Paris" is a name
    assert "Open English WordNet" in dictionary.header["source"]


OEWN_ENTRIES = """\
Agra:
  n:
    sense:
    - id: 'agra%1:15:00::'
      synset: 08888888-n
ceasefire:
  n:
    sense:
    - id: 'ceasefire%1:26:00::'
      synset: 13994359-n
cease-fire:
  n:
    sense:
    - id: 'cease-fire%1:26:00::'
      synset: 13994359-n
appeal:
  n:
    sense:
    - id: 'appeal%1:10:00::'
      synset: 07201488-n
    - id: 'appeal%1:07:00::'
      synset: 04694682-n
  v:
    sense:
    - id: 'appeal%2:32:00::'
      synset: 00757492-v
"""
OEWN_SYNSETS = """\
13994359-n:
  definition:
  - a state of peace agreed to between opponents so they can discuss peace terms
  hypernym:
  - 13993683-n
  members:
  - armistice
  - cease-fire
  partOfSpeech: n
07201488-n:
  definition:
  - earnest or urgent request
  example:
  - source: A Writer
    text: an appeal to the public
      to keep calm
  - an appeal for help
  members:
  - entreaty
  - appeal
  partOfSpeech: n
04694682-n:
  definition:
  - attractiveness that interests or pleases
  partOfSpeech: n
08888888-n:
  definition:
  - a city in India
  partOfSpeech: n
"""
OEWN_VERBS = """\
00757492-v:
  definition:
  - request earnestly
  partOfSpeech: v
"""


def oewn_source(folder: Path) -> Path:
    (folder / "yaml").mkdir(parents=True)
    (folder / "yaml" / "entries-a.yaml").write_text(OEWN_ENTRIES)
    (folder / "yaml" / "noun.act.yaml").write_text(OEWN_SYNSETS)
    (folder / "yaml" / "verb.communication.yaml").write_text(OEWN_VERBS)
    (folder / "SOURCE.txt").write_text("commit abc (2026-01-01)\n")
    return folder


def test_the_converter_keeps_what_the_glossary_needs_and_makes_the_same_bytes(tmp_path):
    data = oewn_source(tmp_path / "oewn")
    entries, header = convert(data)
    assert "agra" not in entries  # a name
    assert entries["ceasefire"]["lemma"] == "cease-fire"  # two spellings, one entry
    assert len(entries["ceasefire"]["senses"]) == 1
    appeal = entries["appeal"]["senses"]
    assert [(s.pos, s.definition) for s in appeal] == [
        ("n", "earnest or urgent request"),
        ("n", "attractiveness that interests or pleases"),
        ("v", "request earnestly"),
    ]
    assert appeal[0].example == "an appeal to the public to keep calm"
    assert appeal[0].synonyms == ["entreaty"]
    assert "abc" in header["source"] and "CC BY 4.0" in header["licence"]
    assert main([str(data), "--out", str(tmp_path / "one.dict")]) == 0
    assert main([str(data), "--out", str(tmp_path / "two.dict")]) == 0
    assert (tmp_path / "one.dict").read_bytes() == (tmp_path / "two.dict").read_bytes()
    made = Dictionary(tmp_path / "one.dict")
    assert find_entry(made, "cease-fire").senses[0].synonyms == ["armistice"]


def test_the_converter_names_what_its_data_folder_lacks(tmp_path, capsys):
    assert main([str(tmp_path), "--out", str(tmp_path / "d.dict")]) == 2
    error = capsys.readouterr().err
    assert str(tmp_path) in error and "yaml/" in error
    assert not (tmp_path / "d.dict").exists()


def test_a_broken_source_file_is_named_with_its_line(tmp_path, capsys):
    data = oewn_source(tmp_path / "oewn")
    (data / "yaml" / "noun.act.yaml").write_text(OEWN_SYNSETS.replace("  - earnest", "- earnest"))
    assert main([str(data), "--out", str(tmp_path / "d.dict")]) == 2
    error = capsys.readouterr().err
    assert "noun.act.yaml:" in error and "not valid YAML" in error
    assert not (tmp_path / "d.dict").exists()


def test_the_dictionary_ships_in_the_package():
    # Users have no WordNet source: an installed generator must carry the converted file.
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    assert '"knowledge/data/*.dict"' in pyproject
