"""`check`: what the knowledge base is missing, so editors see what to write next.

Per seed: candidate terms with no definition (noun phrases whose words are rare in general
English by wordfreq, and named events and laws spaCy finds), actors with no role, and
references in content/ that point nowhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.config import SiteConfig
from generator.errors import InputError, shown
from generator.knowledge.enrich import enrich
from generator.knowledge.load import Knowledge
from generator.knowledge.match import words_of

RARE_ZIPF = 3.3  # wordfreq's Zipf scale: 3 is about once per million words
NAMED_LABELS = {"EVENT", "LAW"}
MAX_TERMS = 15


@dataclass
class SeedReport:
    path: str
    slug: str
    terms: list[str] = field(default_factory=list)
    actors_without_role: list[str] = field(default_factory=list)


@dataclass
class CheckReport:
    seeds: list[SeedReport] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return len(self.broken) + sum(len(s.terms) + len(s.actors_without_role) for s in self.seeds)

    def render(self) -> str:
        lines = []
        for seed in self.seeds:
            lines.append(f"{shown(seed.path)} ({seed.slug})")
            # Terms and names come from the article's text, which may hold control characters.
            terms = shown(", ".join(seed.terms)) or "none"
            actors = shown(", ".join(seed.actors_without_role)) or "none"
            lines.append(f"  terms with no definition: {terms}")
            lines.append(f"  actors with no role: {actors}")
        if self.broken:
            lines.append("broken references in content/:")
            lines.extend(f"  {b}" for b in self.broken)
        lines.extend(f"error: {e}" for e in self.errors)
        lines.append(f"{self.missing} thing(s) to write")
        return "\n".join(lines)


def _candidate_terms(doc, covered: set[str], zipf) -> list[str]:
    """Noun phrases with a rare word, and named events or laws, most rare first."""
    scored: dict[str, float] = {}
    for chunk in doc.noun_chunks:
        # Proper nouns are actors and places, handled elsewhere; a term is common words.
        words = [t for t in chunk if t.pos_ in ("NOUN", "ADJ") and not t.ent_type_]
        nouns = [t for t in words if t.pos_ == "NOUN"]
        if not nouns or nouns[-1] is not words[-1]:
            continue
        rarity = min(zipf(t.lower_, "en") for t in nouns)
        if rarity < RARE_ZIPF:
            phrase = " ".join(t.lower_ for t in words)
            scored[phrase] = min(rarity, scored.get(phrase, 99))
    for ent in doc.ents:
        if ent.label_ in NAMED_LABELS:
            scored[re.sub(r"^(the|The) ", "", ent.text)] = 0.0
    found = [p for p in sorted(scored, key=scored.get) if p.lower() not in covered]
    return found[:MAX_TERMS]


def _broken_references(knowledge: Knowledge, slugs: set[str], actors: set[str]) -> list[str]:
    broken = []
    for override in knowledge.overrides.values():
        if override.slug not in slugs:
            broken.append(f"{shown(override.path)}: no seed has the slug `{override.slug}`")
            continue
        for name in [*override.hide, *override.pin, *override.roles]:
            if name.lower() not in actors:
                broken.append(
                    f"{shown(override.path)}: `{shown(name)}` is not an actor of {override.slug}"
                )
    for page in knowledge.pages.values():
        for link in re.findall(r'href="/([^"#?]*)', page.body):
            first = link.split("/")[0]
            if first and first not in slugs | knowledge.reserved_names().keys():
                broken.append(f"{shown(page.path)}: link to /{shown(link)} leads nowhere")
    return broken


def check(config: SiteConfig) -> CheckReport:
    from wordfreq import zipf_frequency

    from generator.extract.nlp import load_model
    from generator.pipeline import Builder
    from generator.report import BuildReport

    report = CheckReport()
    pipeline = Builder(config, keep=False, restore=False)
    knowledge, index = pipeline.knowledge()
    articles, report.errors = pipeline.read_seeds(knowledge.reserved_names())
    extracted = BuildReport()
    found = list(pipeline.extractions(articles, extracted))
    report.errors.extend(extracted.errors)
    nlp = load_model(config.extract.model, config.extract.model_version)
    actor_names: dict[str, set[str]] = {}
    for article, extraction in found:
        explainer = enrich(extraction, index)
        text = article.text
        covered = {t.term.lower() for t in explainer.glossary}
        for match in [
            *index.glossary.find(extraction.tokens, words_of(extraction.tokens, text)),
            *index.context.find(extraction.tokens, words_of(extraction.tokens, text)),
        ]:
            covered.add(text[match.start : match.end].lower())
        for actor in explainer.actors:
            covered.update(n.lower() for n in [actor.name, *actor.aliases])
        seed = SeedReport(str(article.path), article.slug)
        seed.terms = _candidate_terms(nlp(text), covered, zipf_frequency)
        seed.actors_without_role = [
            a.name for a in explainer.actors if a.kind == "person" and not a.role
        ]
        report.seeds.append(seed)
        actor_names[article.slug] = {
            n.lower() for a in explainer.actors for n in [a.id, a.name, *a.aliases]
        }
    all_actors = set().union(*actor_names.values()) if actor_names else set()
    report.broken = _broken_references(knowledge, {a.slug for a in articles}, all_actors)
    return report
