"""A plain spaCy baseline, scored beside the extractor so its figures mean something.

Actors: the model's PERSON and ORG entities (not GPE: most are places), people merged when
they share a last word ("Nick Bos", "Bos"), organisations when their names are equal; each
actor is named by its longest form. Quotes: the extractor's own quote spans (so attribution
is compared on the same quotes), each given to the nearest PERSON entity outside quotation
marks in a sentence the quote is in or in the sentence before it.

It reads only the extraction's token table (the same parse, from the cache), never spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.eval.score import name_words
from generator.model import Actor, Extraction, Quote

KINDS = {"PERSON": "person", "ORG": "organization"}


@dataclass
class Entity:
    start: int  # character offsets in the article's text
    end: int
    label: str
    text: str


def entities(extraction: Extraction) -> list[Entity]:
    table = extraction.tokens
    text = "\n\n".join(extraction.paragraphs)
    found = []
    for first, last, label in table.entities:
        if label in KINDS and first < last <= len(table.starts):
            start, end = table.starts[first], table.ends[last - 1]
            found.append(Entity(start, end, label, text[start:end]))
    return found


def _key(entity: Entity) -> tuple[str, ...] | None:
    words = name_words(entity.text)
    if not words:
        return None
    return ("person", words[-1]) if entity.label == "PERSON" else ("organization", *words)


def actors_of(found: list[Entity]) -> tuple[list[Actor], dict[int, Actor]]:
    """Actors merged from the entities, and the actor of each entity (by its index)."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, entity in enumerate(found):
        key = _key(entity)
        if key is not None:
            groups.setdefault(key, []).append(i)
    actors, actor_of = [], {}
    for number, (key, members) in enumerate(groups.items(), start=1):
        forms = list(dict.fromkeys(found[i].text for i in members))
        name = max(forms, key=lambda f: len(name_words(f)))
        actor = Actor(
            id=f"baseline-{number}",
            name=name,
            kind=key[0],
            aliases=[f for f in forms if f != name],
            mentions=len(members),
        )
        actors.append(actor)
        actor_of.update({i: actor for i in members})
    return actors, actor_of


def _sentence_index(sentences: list[tuple[int, int]], char: int) -> int:
    for i, (start, end) in enumerate(sentences):
        if char < end:
            return i if char >= start else max(i - 1, 0)
    return len(sentences) - 1


def speaker_of(
    quote: Quote, people: list[int], found: list[Entity], extraction: Extraction
) -> int | None:
    """The index of the PERSON entity nearest the quote, in its sentences or the one before."""
    sentences = extraction.tokens.sentences
    if not sentences:
        return None
    first = max(_sentence_index(sentences, quote.start) - 1, 0)
    last = _sentence_index(sentences, max(quote.end - 1, quote.start))
    low, high = sentences[first][0], sentences[last][1]
    marks = [(q.start - 1, q.end + 1) for q in extraction.quotes]
    best = None
    for i in people:
        entity = found[i]
        if not (low <= entity.start and entity.end <= high):
            continue
        if any(start <= entity.start < end for start, end in marks):
            continue
        distance = (
            quote.start - entity.end if entity.end <= quote.start else entity.start - quote.end
        )
        if best is None or distance < best[0]:
            best = (distance, i)
    return best[1] if best else None


def baseline(extraction: Extraction) -> tuple[list[Actor], list[Quote]]:
    """What plain NER finds in the extraction's article: its actors and attributed quotes."""
    found = entities(extraction)
    actors, actor_of = actors_of(found)
    people = [i for i, e in enumerate(found) if e.label == "PERSON"]
    quotes = []
    for quote in extraction.quotes:
        i = speaker_of(quote, people, found, extraction)
        speaker = actor_of.get(i) if i is not None else None
        quotes.append(
            Quote(
                text=quote.text,
                speaker=speaker.id if speaker else None,
                speaker_label=found[i].text if i is not None else "",
                paragraph=quote.paragraph,
                start=quote.start,
                end=quote.end,
            )
        )
    return actors, quotes
