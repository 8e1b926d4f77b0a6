"""Claims through enrichment: they reach the explainer under the speaker's profile id, and a
hidden actor's claims keep their words without a speaker, as quotes do."""

from __future__ import annotations

from pathlib import Path

from generator.knowledge.enrich import KnowledgeIndex, enrich
from generator.knowledge.load import load_knowledge
from tests.nlp import extraction_of
from tests.sites import entry

TEXT = (
    "Talks have restarted on a new date for the visit, the White House said Wednesday.",
    "Prime Minister Benjamin Netanyahu said the abstention was a mistake.",
)


def knowledge_base(folder: Path, override: str | None = None) -> KnowledgeIndex:
    entry(
        folder,
        "actors",
        "netanyahu",
        'name = "Benjamin Netanyahu"\nkind = "person"\nrole = "Prime Minister"',
        "Israel's prime minister.",
    )
    if override is not None:
        entry(folder, "explainers", "test", override)
    return KnowledgeIndex.build(load_knowledge(folder))


def test_claims_reach_the_explainer_under_the_profiles_id(tmp_path):
    explainer = enrich(extraction_of(*TEXT), knowledge_base(tmp_path))
    assert [(c.speaker, c.text) for c in explainer.claims] == [
        ("white-house", "Talks have restarted on a new date for the visit"),
        ("netanyahu", "the abstention was a mistake"),
    ]


def test_a_hidden_actors_claims_keep_their_words_without_a_speaker(tmp_path):
    extraction = extraction_of(*TEXT)
    before = repr(extraction)
    explainer = enrich(extraction, knowledge_base(tmp_path, 'hide = ["White House"]'))
    assert [(c.speaker, c.text) for c in explainer.claims] == [
        (None, "Talks have restarted on a new date for the visit"),
        ("netanyahu", "the abstention was a mistake"),
    ]
    assert repr(extraction) == before
