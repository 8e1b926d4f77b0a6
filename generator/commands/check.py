"""`check`: what the knowledge base is missing, so editors see what to write next.

Terms no editor has defined, across all seeds, ranked by how many explainers use them: those
the dictionary answers (with the sense it chose, so an editor can pin another) and those
that need an editor (rare words the dictionary lacks). People named in three or more
explainers with no profile. Per seed, people with no role. References in content/ that
point nowhere. Everything comes from the cached extractions: `check` never parses again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.config import SiteConfig
from generator.errors import InputError, shown
from generator.knowledge.dictionary import Dictionary, find_entry
from generator.knowledge.enrich import KnowledgeIndex, enrich
from generator.knowledge.load import Knowledge
from generator.knowledge.match import words_of
from generator.knowledge.terms import NOUN_RARE, STOPWORDS, term_key, usable_words
from generator.model import Explainer, Extraction
from generator.site import known_people, learn_across, same_person

# wordfreq has barely seen a word under this (Zipf scale): mostly misspellings ("hastag").
MIN_KNOWN = 2.0
PROFILE_AFTER = 3  # explainers naming a person before `check` suggests a profile


@dataclass
class SeedReport:
    path: str
    slug: str
    actors_without_role: list[str] = field(default_factory=list)


@dataclass
class TermNeed:
    """A term no editor has defined, with the explainers that use it."""

    term: str
    explainers: list[str] = field(default_factory=list)  # slugs
    definition: str = ""  # the dictionary's, if it answers
    sense: int = 0
    senses: int = 0  # how many the dictionary has for it

    @property
    def answered(self) -> bool:
        return bool(self.definition)


@dataclass
class ProfileNeed:
    name: str
    id: str
    explainers: list[str] = field(default_factory=list)


@dataclass
class CheckReport:
    seeds: list[SeedReport] = field(default_factory=list)
    terms: list[TermNeed] = field(default_factory=list)  # most used first
    profiles: list[ProfileNeed] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def missing(self) -> int:
        """What only an editor can write (the dictionary's answers are not counted)."""
        editor = sum(not t.answered for t in self.terms)
        roles = sum(len(s.actors_without_role) for s in self.seeds)
        return len(self.broken) + editor + roles + len(self.profiles)

    def render(self) -> str:
        # Terms and names come from the articles' text, which may hold control characters.
        lines = []
        for seed in self.seeds:
            lines.append(f"{shown(seed.path)} ({seed.slug})")
            actors = shown(", ".join(seed.actors_without_role)) or "none"
            lines.append(f"  actors with no role: {actors}")
        lines += _render_terms(self.terms)
        if self.profiles:
            lines.append(f"people in {PROFILE_AFTER} or more explainers with no profile:")
            for need in self.profiles:
                lines.append(
                    f"  {shown(need.name)} ({_count(need.explainers)}): "
                    f"add content/actors/{need.id}.md"
                )
        if self.broken:
            lines.append("broken references in content/:")
            lines.extend(f"  {b}" for b in self.broken)
        lines.extend(f"error: {e}" for e in self.errors)
        lines.append(f"{self.missing} thing(s) to write")
        return "\n".join(lines)


def _count(explainers: list[str]) -> str:
    return f"{len(explainers)} explainer{'s' if len(explainers) != 1 else ''}"


def _render_terms(terms: list[TermNeed]) -> list[str]:
    editor = [t for t in terms if not t.answered]
    answered = [t for t in terms if t.answered]
    lines = ["terms that need an editor (not in the dictionary), most used first:"]
    lines += [f"  {shown(t.term)} ({_count(t.explainers)})" for t in editor] or ["  none"]
    lines.append(
        "terms the dictionary answers, most used first (to show another sense, add "
        "content/glossary/<term>.md with `sense = N`):"
    )
    for t in answered:
        lines.append(
            f"  {shown(t.term)} ({_count(t.explainers)}): sense {t.sense} of {t.senses}, "
            f"“{shown(t.definition)}”"
        )
    if not answered:
        lines.append("  none")
    return lines


def words_for_an_editor(
    extraction: Extraction,
    explainer: Explainer,
    dictionary: Dictionary,
    zipf: Callable[[str, str], float],
) -> list[str]:
    """Rare words of the article that no glossary entry covers and the dictionary lacks:
    no names, numbers or words wordfreq has barely seen."""
    text = "\n\n".join(extraction.paragraphs)
    words = words_of(extraction.tokens, text)
    covered = [(t.start, t.end) for t in explainer.glossary if t.start >= 0]
    covered += [(m.start, m.end) for m in explainer.mentions]
    found = []
    for i in usable_words(extraction.tokens, words):
        word = text[words.start[i] : words.end[i]].lower()
        if any(s < words.end[i] and words.start[i] < e for s, e in covered):
            continue
        if not word.isalpha() or word in STOPWORDS:
            continue
        if MIN_KNOWN <= zipf(word, "en") < NOUN_RARE and find_entry(dictionary, word) is None:
            lemma = words.lemma[i] or word
            if find_entry(dictionary, lemma) is None:
                found.append(lemma)
    return list(dict.fromkeys(found))


def _gather_terms(
    needs: dict[str, TermNeed], explainer: Explainer, editor_words: list[str], known: set[str]
) -> None:
    for term in explainer.glossary:
        if term.source == "dictionary" and term.id not in known:
            need = needs.setdefault(term_key(term.term), TermNeed(term.term))
            need.explainers.append(explainer.slug)
            need.definition, need.sense = need.definition or term.definition, term.sense
    for word in editor_words:
        needs.setdefault(term_key(word), TermNeed(word)).explainers.append(explainer.slug)


def profiles_needed(explainers: list[Explainer], knowledge: Knowledge) -> list[ProfileNeed]:
    """People named in PROFILE_AFTER or more explainers (a surname alone counting for the
    full name the site knows) with no profile in content/actors/."""
    known, surnames = known_people(explainers)
    people: dict[str, ProfileNeed] = {}
    for explainer in explainers:
        for actor in explainer.actors:
            if actor.kind != "person" or actor.id in knowledge.actors:
                continue
            person = same_person(actor, known, surnames)
            need = people.setdefault(person, ProfileNeed(actor.name, person))
            if len(actor.name) > len(need.name):
                need.name = actor.name
            if explainer.slug not in need.explainers:
                need.explainers.append(explainer.slug)
    found = [p for p in people.values() if len(p.explainers) >= PROFILE_AFTER]
    return sorted(found, key=lambda p: (-len(p.explainers), p.name))


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


def _rank(needs: dict[str, TermNeed], index: KnowledgeIndex) -> list[TermNeed]:
    for need in needs.values():
        entry = find_entry(index.dictionary, need.term) if need.answered else None
        need.senses = len(entry.senses) if entry else 0
    return sorted(needs.values(), key=lambda t: (-len(t.explainers), t.term.lower()))


def check(config: SiteConfig) -> CheckReport:
    from wordfreq import zipf_frequency

    from generator.pipeline import Builder
    from generator.report import BuildReport

    report = CheckReport()
    pipeline = Builder(config, keep=False, restore=False)
    knowledge, index = pipeline.knowledge()
    articles, report.errors = pipeline.read_seeds(knowledge.reserved_names())
    extracted = BuildReport()
    needs: dict[str, TermNeed] = {}
    explainers = []
    for article, extraction in pipeline.extractions(articles, extracted):
        explainer = enrich(extraction, index)
        editor_words = words_for_an_editor(extraction, explainer, index.dictionary, zipf_frequency)
        _gather_terms(needs, explainer, editor_words, set(knowledge.glossary))
        explainers.append(explainer)
        report.seeds.append(SeedReport(str(article.path), article.slug))
    report.errors.extend(extracted.errors)
    learn_across(explainers)  # a role another explainer gives is a role
    for seed, explainer in zip(report.seeds, explainers, strict=True):
        seed.actors_without_role = [
            a.name for a in explainer.actors if a.kind == "person" and not a.role
        ]
    report.terms = _rank(needs, index)
    report.profiles = profiles_needed(explainers, knowledge)
    actor_names = {
        n.lower() for e in explainers for a in e.actors for n in [a.id, a.name, *a.aliases]
    }
    report.broken = _broken_references(knowledge, {a.slug for a in articles}, actor_names)
    return report
