"""Loading content/: validation with file, line and field; duplicates; the starter set."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputErrors
from generator.knowledge.load import load_knowledge
from tests.sites import ROOT, entry


def errors_of(folder: Path) -> list:
    with pytest.raises(InputErrors) as caught:
        load_knowledge(folder)
    return caught.value.errors


def test_the_starter_knowledge_base_loads_and_is_large_enough():
    knowledge = load_knowledge(ROOT / "content")
    assert len(knowledge.glossary) >= 150
    assert len(knowledge.context) >= 40
    with_aliases = [e for e in knowledge.glossary.values() if e.aliases]
    assert len(with_aliases) >= 0.8 * len(knowledge.glossary)
    categories = {entry.category for entry in knowledge.glossary.values()}
    assert {
        "politics",
        "diplomacy",
        "war",
        "law",
        "economy",
        "health",
        "science",
        "elections",
        "sports",
    } <= categories
    assert "about" in knowledge.pages
    assert "<pre" in knowledge.pages["about"].body  # fenced code, highlighted by Pygments


def test_entries_load_with_markdown_bodies(tmp_path):
    entry(
        tmp_path,
        "glossary",
        "veto",
        'term = "veto"\naliases = ["vetoes"]\ncategory = "diplomacy"',
        "A *no* vote that blocks a decision. <script>x</script>",
    )
    entry(tmp_path, "context", "rafah", 'title = "Rafah"\nkind = "place"\ntriggers = ["Rafah"]')
    entry(tmp_path, "actors", "hamas", 'name = "Hamas"\nkind = "group"\nrole = "Militant group"')
    entry(
        tmp_path,
        "explainers",
        "some-slug",
        'summary = ["One.", "Two."]\nhide = ["x"]',
        "An editor's note.",
    )
    knowledge = load_knowledge(tmp_path)
    veto = knowledge.glossary["veto"]
    assert veto.aliases == ["vetoes"]
    assert "<em>no</em>" in veto.definition
    assert "&lt;script&gt;" in veto.definition  # raw HTML is shown as text
    assert knowledge.context["rafah"].triggers == ["Rafah"]
    assert knowledge.actors["hamas"].kind == "group"
    override = knowledge.overrides["some-slug"]
    assert override.summary == ["One.", "Two."] and "editor" in override.note


def test_a_bad_field_names_the_file_the_line_and_the_field(tmp_path):
    path = entry(tmp_path, "glossary", "veto", 'term = "veto"\naliases = "vetoes"')
    (error,) = errors_of(tmp_path)
    assert (error.path, error.line) == (path, 3)
    assert "field `aliases` must be a list of strings" in error.message


def test_unknown_fields_and_missing_fields_and_bad_choices_are_all_reported(tmp_path):
    entry(tmp_path, "context", "a", 'title = "A"\nkind = "backgrond"\ntrigers = ["A"]')
    messages = [e.message for e in errors_of(tmp_path)]
    assert any("kind" in m and "must be one of" in m for m in messages)
    assert any("unknown field `trigers`" in m for m in messages)
    assert any("missing field `triggers`" in m for m in messages)


def test_two_entries_claiming_one_term_name_both_files(tmp_path):
    first = entry(tmp_path, "glossary", "cease-fire", 'term = "cease-fire"')
    second = entry(tmp_path, "glossary", "truce", 'term = "truce"\naliases = ["Ceasefire"]')
    (error,) = errors_of(tmp_path)
    assert error.path == second and str(first) in error.message


def test_a_glossary_entry_needs_a_definition(tmp_path):
    entry(tmp_path, "glossary", "veto", 'term = "veto"', body="")
    assert "needs a definition" in errors_of(tmp_path)[0].message


def test_overrides_may_only_name_existing_entries(tmp_path):
    entry(tmp_path, "glossary", "veto", 'term = "veto"')
    path = entry(tmp_path, "explainers", "s", 'add_terms = ["vetto"]')
    (error,) = errors_of(tmp_path)
    assert error.path == path and error.hint == "did you mean `veto`?"


def test_unreadable_front_matter_is_an_error_with_its_line(tmp_path):
    path = tmp_path / "glossary" / "x.md"
    path.parent.mkdir()
    path.write_text('+++\nterm = "x"\naliases = [oops]\n+++\nBody\n')
    (error,) = errors_of(tmp_path)
    assert (error.path, error.line) == (path, 3)


def test_front_matter_nested_past_the_parsers_depth_names_the_line(tmp_path):
    deep = "[" * 5000 + "]" * 5000
    path = entry(tmp_path, "glossary", "deep", f'term = "deep"\nnested = {deep}')
    [error] = errors_of(tmp_path)
    assert error.path == path and error.line == 3 and "nested too deeply" in str(error)
