"""Join an extraction with the knowledge base: profiles, glossary, context, overrides."""

from __future__ import annotations

import bisect
import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.knowledge.dictionary import DEFAULT_PATH, Dictionary, Entry, find_entry
from generator.knowledge.load import GlossaryEntry, Knowledge, Override
from generator.knowledge.match import Match, PhraseMatcher, Words, words_of
from generator.knowledge.terms import TermCandidate, find_terms, term_key
from generator.model import Actor, ContextBox, Explainer, Extraction, Mention, Term
from generator.slugs import slugify


@dataclass
class KnowledgeIndex:
    """Lookups built once per build from the knowledge base, shared by every explainer."""

    knowledge: Knowledge
    glossary: PhraseMatcher = field(default_factory=PhraseMatcher)
    context: PhraseMatcher = field(default_factory=PhraseMatcher)
    profiles: dict[str, str] = field(default_factory=dict)  # lowercased name/alias -> id
    # Changes when what an article can match changes (terms, aliases, triggers, names, ids,
    # the dictionary file); not when only a definition, a body or a bio does.
    digest: str = ""
    dictionary_path: Path = DEFAULT_PATH
    # Opened at the first article that needs a definition; never saved with the index.
    _dictionary: Dictionary | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_dictionary": None}

    @property
    def dictionary(self) -> Dictionary:
        if self._dictionary is None:
            self._dictionary = Dictionary(self.dictionary_path)
        return self._dictionary

    @classmethod
    def build(cls, knowledge: Knowledge, dictionary_path: Path = DEFAULT_PATH) -> KnowledgeIndex:
        index = cls(knowledge, dictionary_path=dictionary_path)
        phrases = []
        for entry in knowledge.glossary.values():
            for phrase in [entry.term, *entry.aliases]:
                index.glossary.add(phrase, entry.id)
                phrases.append(("glossary", entry.id, phrase))
        for entry in knowledge.context.values():
            for phrase in entry.triggers:
                index.context.add(phrase, entry.id)
                phrases.append(("context", entry.id, phrase))
        for profile in knowledge.actors.values():
            for name in [profile.name, *profile.aliases]:
                index.profiles[name.lower()] = profile.id
                phrases.append(("actors", profile.id, name))
        # The data file's size and time (a stat, not a read): new dictionary data, new terms.
        try:
            stat = os.stat(dictionary_path)
            phrases.append(("dictionary", str(stat.st_size), str(stat.st_mtime_ns)))
        except OSError:
            phrases.append(("dictionary", "missing", ""))
        index.digest = hashlib.sha256(repr(sorted(phrases)).encode()).hexdigest()
        return index


def _merge_profiles(actors: list[Actor], index: KnowledgeIndex, used: set[str]) -> dict[str, str]:
    """Fill actors from their content/actors profile; returns renamed ids (old -> new)."""
    renamed: dict[str, str] = {}
    for actor in actors:
        found = next(
            (
                index.profiles[n.lower()]
                for n in [actor.name, *actor.aliases]
                if n.lower() in index.profiles
            ),
            None,
        )
        if found is None:
            continue
        used.add(f"actors/{found}")
        profile = index.knowledge.actors[found]
        if actor.id != profile.id:
            renamed[actor.id] = profile.id
            actor.id = profile.id
        if actor.name != profile.name:
            actor.aliases = [actor.name, *actor.aliases]
            actor.name = profile.name
        actor.aliases = [
            a for a in dict.fromkeys([*actor.aliases, *profile.aliases]) if a != actor.name
        ]
        actor.kind = profile.kind
        actor.role = actor.role or profile.role
        actor.affiliation = actor.affiliation or profile.affiliation
        actor.bio = profile.bio or None
    return renamed


def _apply_override(
    explainer: Explainer, override: Override, knowledge: Knowledge, used: set[str]
) -> None:
    def named(actor: Actor, names: list[str]) -> bool:
        wanted = {n.lower() for n in names}
        return actor.id in wanted or actor.name.lower() in wanted

    explainer.actors = [a for a in explainer.actors if not named(a, override.hide)]
    for actor in explainer.actors:
        if named(actor, override.pin):
            actor.pinned = actor.key = True
        for name, role in override.roles.items():
            if named(actor, [name]):
                actor.role = role
    explainer.actors.sort(key=lambda a: not a.pinned)  # stable: pinned first, order kept
    if override.summary is not None:
        explainer.summary = list(override.summary)
    if override.note:
        explainer.notes.append(override.note)
    explainer.context = [c for c in explainer.context if c.id not in override.remove_context]
    for entry_id in override.add_context:
        used.add(f"context/{entry_id}")
        if all(c.id != entry_id for c in explainer.context):
            entry = knowledge.context[entry_id]
            explainer.context.append(
                ContextBox(entry.id, entry.title, entry.kind, entry.body, "knowledge")
            )
    explainer.glossary = [t for t in explainer.glossary if t.id not in override.remove_terms]
    for entry_id in override.add_terms:
        used.add(f"glossary/{entry_id}")
        if all(t.id != entry_id for t in explainer.glossary):
            entry = knowledge.glossary[entry_id]
            explainer.glossary.append(Term(entry.term, entry.definition, "knowledge", entry.id))


def _glossary(
    extraction: Extraction,
    words: Words,
    index: KnowledgeIndex,
    override: Override | None,
    used: set[str],
) -> list[Term]:
    """The article's own definitions, replaced by editors' entries for the same term, then
    the dictionary's for the rarer words nobody defined."""
    knowledge = index.knowledge
    glossary = [replace(t) for t in extraction.terms]
    matches = index.glossary.find(extraction.tokens, words)
    for entry_id, match in _first_uses(matches).items():
        used.add(f"glossary/{entry_id}")
        entry = knowledge.glossary[entry_id]
        glossary = [t for t in glossary if t.term.lower() != entry.term.lower()]
        term = None if entry.suppress else _editors_term(entry, match, index.dictionary)
        if term is not None:
            glossary.append(term)
    # Words an editor's entry or the article already explain are no dictionary term.
    taken = [(m.start, m.end) for m in matches] + [(t.start, t.end) for t in glossary]
    skip = _words_within(words, taken)
    defined = {term_key(t.term) for t in glossary}
    hidden = {term_key(p) for p in override.suppress_terms} if override else set()
    pinned = {term_key(t): n for t, n in override.senses.items()} if override else {}
    text = "\n\n".join(extraction.paragraphs)
    for found in find_terms(extraction.tokens, words, text, index.dictionary, skip):
        key = term_key(found.entry.lemma)
        surface = term_key(text[found.start : found.end])
        if defined & {key, surface} or hidden & {key, surface}:
            continue
        number = pinned.get(key, pinned.get(surface, found.number))
        glossary.append(_dictionary_term(found, number))
    glossary.sort(key=lambda t: (t.start < 0, t.start))
    return glossary


def _words_within(words: Words, spans: list[tuple[int, int]]) -> set[int]:
    """The indexes of the words that overlap any of these character spans."""
    found: set[int] = set()
    for start, end in spans:
        i = max(bisect.bisect_right(words.end, start), 0)  # the first word ending after start
        while i < len(words) and words.start[i] < end:
            found.add(i)
            i += 1
    return found


def definition_text(definition: str) -> str:
    """A WordNet definition as a sentence: "earnest or urgent request" -> "Earnest or urgent
    request." """
    definition = definition.strip()
    if not definition:
        return definition
    return definition[0].upper() + definition[1:] + ("" if definition.endswith(".") else ".")


def _dictionary_term(found: TermCandidate, number: int) -> Term:
    entry = found.entry
    sense = entry.senses[number - 1]
    return Term(
        entry.lemma,
        definition_text(sense.definition),
        "dictionary",
        _dictionary_id(entry, number),
        found.start,
        found.end,
        sense=number,
    )


def _dictionary_id(entry: Entry, number: int) -> str:
    """The term's anchor: a sense of a lemma has its own, so the site's glossary lists
    two senses used on two pages apart."""
    slug = slugify(entry.lemma) or "term"
    return slug if number == 1 else f"{slug}-{number}"


def _editors_term(entry: GlossaryEntry, match: Match, dictionary: Dictionary) -> Term | None:
    """An editor's entry: their definition, or the dictionary's sense they pinned (None if
    a dictionary replaced since content/ was loaded lacks it)."""
    if entry.definition or entry.sense is None:
        return Term(entry.term, entry.definition, "knowledge", entry.id, match.start, match.end)
    found = find_entry(dictionary, entry.term)
    if found is None or entry.sense > len(found.senses):
        return None
    definition = definition_text(found.senses[entry.sense - 1].definition)
    return Term(entry.term, definition, "dictionary", entry.id, match.start, match.end, entry.sense)


def _first_uses(matches: list[Match]) -> dict[str, Match]:
    first: dict[str, Match] = {}
    for match in matches:
        first.setdefault(match.entry, match)
    return first


def enrich(extraction: Extraction, index: KnowledgeIndex) -> Explainer:
    """The explainer a page shows; the extraction itself is left unchanged (it is cached)."""
    knowledge = index.knowledge
    # Its own override counts even when absent: adding one must reach the page.
    used = {f"explainers/{extraction.slug}"}
    # Copies, since enrichment edits them and the extraction is shared (memory, cache).
    actors = [replace(a, aliases=list(a.aliases)) for a in extraction.actors]
    renamed = _merge_profiles(actors, index, used)
    quotes = [replace(q) for q in extraction.quotes]
    claims = [replace(c) for c in extraction.claims]
    for said in [*quotes, *claims]:
        said.speaker = renamed.get(said.speaker, said.speaker)
    words = words_of(extraction.tokens, "\n\n".join(extraction.paragraphs))

    override = knowledge.overrides.get(extraction.slug)
    glossary = _glossary(extraction, words, index, override, used)

    context = [replace(c) for c in extraction.context]
    for entry_id in _first_uses(index.context.find(extraction.tokens, words)):
        used.add(f"context/{entry_id}")
        entry = knowledge.context[entry_id]
        context.append(ContextBox(entry.id, entry.title, entry.kind, entry.body, "knowledge"))

    explainer = Explainer(
        extraction=extraction,
        actors=actors,
        quotes=quotes,
        summary=list(extraction.summary),
        context=context,
        glossary=glossary,
        claims=claims,
    )
    if override is not None:
        _apply_override(explainer, override, knowledge, used)
    visible = {a.id for a in explainer.actors}
    for mention in extraction.mentions:
        actor_id = renamed.get(mention.actor, mention.actor)
        if actor_id in visible:
            explainer.mentions.append(Mention(actor_id, mention.start, mention.end))
    for said in [*explainer.quotes, *explainer.claims]:
        if said.speaker is not None and said.speaker not in visible:
            said.speaker = None  # a hidden actor keeps their words, without the card link
    explainer.sources = {key: knowledge.entry_digests.get(key) for key in sorted(used)}
    return explainer
