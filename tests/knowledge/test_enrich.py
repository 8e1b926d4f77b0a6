"""Enrichment: profiles merge with extracted actors, glossary and context attach, overrides."""

from __future__ import annotations

from pathlib import Path

from generator.knowledge.enrich import KnowledgeIndex, enrich
from generator.knowledge.load import load_knowledge
from tests.nlp import extraction_of
from tests.sites import entry

TEXT = (
    "Prime Minister Benjamin Netanyahu canceled a planned visit after the U.N. vote on a "
    "cease-fire resolution, the White House said.",
    '"We are working to find a date," said press secretary Karine Jean-Pierre. Netanyahu '
    "said the abstention was a mistake. Officials in Rafah prepared for an invasion.",
)


def knowledge_base(folder: Path, override: str | None = None):
    entry(
        folder,
        "glossary",
        "cease-fire",
        'term = "cease-fire"\naliases = ["truce"]',
        "A halt to fighting.",
    )
    entry(
        folder,
        "glossary",
        "abstention",
        'term = "abstention"\naliases = ["abstained"]',
        "Choosing not to vote.",
    )
    entry(folder, "glossary", "veto", 'term = "veto"', "A blocking vote.")
    entry(
        folder,
        "context",
        "rafah",
        'title = "Rafah"\nkind = "place"\ntriggers = ["Rafah"]',
        "A city in southern Gaza.",
    )
    entry(
        folder,
        "context",
        "un",
        'title = "The U.N."\nkind = "organization"\ntriggers = ["United Nations Security Council"]',
        "Not triggered here.",
    )
    entry(
        folder,
        "actors",
        "netanyahu",
        'name = "Benjamin Netanyahu"\naliases = ["Bibi"]\nkind = "person"\n'
        'role = "Prime Minister"\naffiliation = "Israel"',
        "Israel's prime minister.",
    )
    entry(folder, "actors", "nobody", 'name = "Someone Absent"\nkind = "person"')
    if override is not None:
        entry(folder, "explainers", "test", override, "Corrected on Tuesday.")
    return KnowledgeIndex.build(load_knowledge(folder))


def test_profiles_fill_gaps_and_never_add_absent_actors(tmp_path):
    explainer = enrich(extraction_of(*TEXT), knowledge_base(tmp_path))
    actors = {a.name: a for a in explainer.actors}
    netanyahu = actors["Benjamin Netanyahu"]
    assert netanyahu.id == "netanyahu"  # the profile's id, shared across explainers
    assert netanyahu.affiliation == "Israel"
    assert "Bibi" in netanyahu.aliases and "Israel" in netanyahu.bio
    assert "Someone Absent" not in actors
    # Mentions and quotes follow the renamed id.
    assert {m.actor for m in explainer.mentions} >= {"netanyahu"}


def test_glossary_terms_and_context_attach_where_the_text_uses_them(tmp_path):
    explainer = enrich(extraction_of(*TEXT), knowledge_base(tmp_path))
    terms = [t.term for t in explainer.glossary if t.source == "knowledge"]
    assert terms == ["cease-fire", "abstention"]  # in order of first use; no "veto"
    first = explainer.glossary[0]
    body = "\n\n".join(explainer.extraction.paragraphs)
    assert body[first.start : first.end] == "cease-fire"
    assert [c.id for c in explainer.context if c.source == "knowledge"] == ["rafah"]


def test_an_override_rewrites_what_the_page_shows(tmp_path):
    override = (
        'summary = ["An editor wrote this."]\n'
        'hide = ["White House"]\npin = ["karine-jean-pierre"]\n'
        'roles = { "netanyahu" = "Israeli Prime Minister" }\n'
        'add_context = ["un"]\nremove_context = ["rafah"]\n'
        'add_terms = ["veto"]\nremove_terms = ["abstention"]'
    )
    explainer = enrich(extraction_of(*TEXT), knowledge_base(tmp_path, override))
    assert explainer.summary == ["An editor wrote this."]
    names = [a.name for a in explainer.actors]
    assert "White House" not in names
    assert names[0] == "Karine Jean-Pierre" and explainer.actors[0].key
    assert next(a for a in explainer.actors if a.id == "netanyahu").role == (
        "Israeli Prime Minister"
    )
    assert [c.id for c in explainer.context if c.source == "knowledge"] == ["un"]
    assert {t.term for t in explainer.glossary} >= {"veto", "cease-fire"}
    assert "abstention" not in {t.term for t in explainer.glossary}
    assert "Corrected on Tuesday." in explainer.notes[0]


def test_enrichment_leaves_the_cached_extraction_unchanged(tmp_path):
    extraction = extraction_of(*TEXT)
    before = repr(extraction)
    enrich(extraction, knowledge_base(tmp_path, 'hide = ["netanyahu"]'))
    assert repr(extraction) == before
