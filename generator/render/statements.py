"""What each speaker said, as pages show it: quotations and claims together, in article order.

A claim is the reporter's paraphrase, never the speaker's words, so it keeps its reporting verb
("accused the union of …") and is shown marked as such. Sources the article does not name
("a senior Fed official") are gathered apart; a quote nothing attributes is not a source's.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Claim, Explainer, Quote

UNATTRIBUTED = "unattributed"  # the label attribution gives a quote with no speaker
# A pronoun nothing resolved says no more than "unattributed" does.
PRONOUNS = {"he", "she", "it", "they", "i", "we", "you"}


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    paraphrase: bool  # a claim, in the reporter's words; False: a quotation
    lead: str  # for a claim, the reporting words before it ("accused"); "" for "according to"
    speaker_label: str
    paragraph: int
    start: int


def statement(said: Quote | Claim) -> Statement:
    if isinstance(said, Claim):
        lead = "" if said.verb.lower() == "according to" else said.verb
        return Statement(said.text, True, lead, said.speaker_label, said.paragraph, said.start)
    return Statement(said.text, False, "", said.speaker_label, said.paragraph, said.start)


def in_order(quotes: list[Quote], claims: list[Claim]) -> list[Statement]:
    """Quotes and claims as one list, in the order the article gives them; a partial quote
    inside one of the claims is shown there, with its quotation marks, not again apart."""
    apart = [q for q in quotes if not any(c.start <= q.start and q.end <= c.end for c in claims)]
    return sorted((statement(s) for s in [*apart, *claims]), key=lambda s: s.start)


def by_speaker(explainer: Explainer) -> dict[str, list[Statement]]:
    """Each named speaker's quotes and claims, in article order."""
    quotes: dict[str, list[Quote]] = {}
    claims: dict[str, list[Claim]] = {}
    for quote in explainer.quotes:
        if quote.speaker:
            quotes.setdefault(quote.speaker, []).append(quote)
    for claim in explainer.claims:
        if claim.speaker:
            claims.setdefault(claim.speaker, []).append(claim)
    return {
        speaker: in_order(quotes.get(speaker, []), claims.get(speaker, []))
        for speaker in quotes.keys() | claims.keys()
    }


def unnamed_sources(explainer: Explainer) -> list[Statement]:
    """What sources the article does not name said. An actor an editor hid is no unnamed
    source: only what the extraction itself attributed to nobody named is."""
    extraction = explainer.extraction
    quoted = {q.start for q in extraction.quotes if q.speaker is None}
    claimed = {c.start for c in extraction.claims if c.speaker is None}
    quotes = [q for q in explainer.quotes if q.speaker is None and q.start in quoted]
    claims = [c for c in explainer.claims if c.speaker is None and c.start in claimed]
    return [s for s in in_order(quotes, claims) if described(s.speaker_label)]


def described(label: str) -> bool:
    """Whether a label says who an unnamed source is ("a senior Fed official"), not just
    "unattributed" or a pronoun nothing resolved."""
    return label.lower() not in PRONOUNS | {UNATTRIBUTED, ""}
