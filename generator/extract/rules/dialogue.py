"""Who speaks the lines of a conversation that no reporting verb attributes.

Conventions of written dialogue (after Muzny et al., "A Two-stage Sieve Approach for Quote
Attribution", EACL 2017: its "paragraph mention", "conversation" and "vocative" sieves):

- a paragraph holds one speaker's turn, so a line with no tag whose paragraph tells what one
  person does (`He looked round and lowered his voice.`) is that person's, and so is one
  right after narration that ends on them (`The girl flushed.`);
- in a run of consecutive paragraphs that each hold a quotation, two people take turns;
- a line that calls someone by name ("Tommy, you're stony!") is spoken to them, not by them.

An untagged line goes to the speaker that turn-taking implies from the nearest tagged lines,
when those before and after it agree, unless it calls that speaker by name. News rarely sets
quotations this way, and a quote paragraph there keeps the attribution it has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.extract.rules.attribution import label_for, named
from generator.extract.rules.coref import called_by_paragraph
from generator.extract.state import State
from generator.model import Quote

SUBJECTS = {"nsubj", "nsubjpass"}
REACH = 6  # lines from a tagged line over which turn-taking is trusted
PARTNER_REACH = 1  # two tagged lines in a row show who takes turns (news rarely has them)


@dataclass
class Turn:
    """The quotations of one paragraph, and the actors they call by name."""

    paragraph: int
    quotes: list[Quote] = field(default_factory=list)
    calls: set[str] = field(default_factory=set)  # every actor going by a name it calls

    @property
    def speaker(self) -> str | None:
        """The actor every attributed quotation of the paragraph gives, if just one."""
        found = {q.speaker for q in self.quotes if q.speaker}
        return found.pop() if len(found) == 1 else None

    @property
    def open(self) -> bool:
        return all(q.speaker is None and q.speaker_label == "unattributed" for q in self.quotes)


def turns(state: State) -> list[Turn]:
    called = called_by_paragraph(state)
    by_paragraph: dict[int, Turn] = {}
    for quote in state.quotes:
        turn = by_paragraph.setdefault(quote.paragraph, Turn(quote.paragraph))
        turn.quotes.append(quote)
        turn.calls = called.get(quote.paragraph, set())
    return list(by_paragraph.values())


def give(state: State, turn: Turn, actor_id: str) -> None:
    label = label_for(state.actors[actor_id])
    for quote in turn.quotes:
        quote.speaker, quote.speaker_label = actor_id, label


def narrator_of(state: State, turn: Turn) -> str | None:
    """The person whose doing the paragraph tells outside its quotation marks, if one."""
    doc = state.doc
    text = state.article.text
    start = text.rfind("\n\n", 0, turn.quotes[0].start) + 2 if turn.paragraph > 1 else 0
    end = text.find("\n\n", turn.quotes[-1].end)
    span = doc.char_span(start, len(text) if end < 0 else end, alignment_mode="expand")
    found = set()
    for token in span or []:
        if token.dep_ in SUBJECTS and not state.in_quote(token.idx):
            actor = named(state, token)
            if actor is not None and actor.kind == "person":
                found.add(actor.id)
    return found.pop() if len(found) == 1 else None


def narration_before(state: State, turn: Turn, quoted: set[int]) -> str | None:
    """The person the narration paragraph right before a line ends on, as the subject of its
    last sentence (`The girl flushed.` → the next line is hers)."""
    if turn.paragraph - 1 in quoted or turn.paragraph < 2:
        return None
    doc = state.doc
    text = state.article.text
    end = text.rfind("\n\n", 0, turn.quotes[0].start)
    if turn.quotes[0].start - end > 3:
        return None  # the paragraph has words of its own before the line
    last = doc.char_span(max(end - 1, 0), end, alignment_mode="expand")
    if last is None or not len(last):
        return None
    found = set()
    for token in last[-1].sent:
        if token.dep_ in SUBJECTS and token.idx < end:
            actor = named(state, token)
            if actor is not None and (actor.kind == "person" or actor.id in state.genders):
                found.add(actor.id)
    return found.pop() if len(found) == 1 else None


def implied(anchors: dict[int, str], i: int, j: int) -> str | None:
    """Who speaks line i if two people alternate, judging from the tagged line j: its speaker
    at an even distance; at an odd one the other person, the speaker of a tagged line next to
    j. News quoting one person after another shows no such pair, so gets no guess."""
    if (i - j) % 2 == 0:
        return anchors[j]
    others = [k for k, s in anchors.items() if (k - j) % 2 and s != anchors[j]]
    others = [k for k in others if abs(k - j) <= PARTNER_REACH]
    return anchors[min(others, key=lambda k: abs(k - j))] if others else None


def nearest(run: list[Turn], i: int) -> str | None:
    """The speaker turn-taking around the nearest tagged lines gives line i, when the tagged
    lines around it show two people and those before and after it agree."""
    anchors = {j: t.speaker for j, t in enumerate(run) if t.speaker and abs(i - j) <= REACH}
    near = sorted(anchors, key=lambda j: abs(i - j))
    before = next((j for j in near if j < i), None)
    after = next((j for j in near if j > i), None)
    votes = {implied(anchors, i, j) for j in (before, after) if j is not None} - {None}
    return votes.pop() if len(votes) == 1 else None


def alternate(state: State, run: list[Turn]) -> None:
    found = {i: nearest(run, i) for i, turn in enumerate(run) if turn.open}
    for i, speaker in found.items():
        if speaker is not None and speaker not in run[i].calls:
            give(state, run[i], speaker)


def runs(found: list[Turn]) -> list[list[Turn]]:
    """Turns in consecutive paragraphs."""
    groups: list[list[Turn]] = []
    for turn in found:
        if groups and groups[-1][-1].paragraph == turn.paragraph - 1:
            groups[-1].append(turn)
        else:
            groups.append([turn])
    return groups


def apply(state: State) -> None:
    found = turns(state)
    quoted = {t.paragraph for t in found}
    for turn in found:
        if turn.open:
            actor_id = narrator_of(state, turn) or narration_before(state, turn, quoted)
            if actor_id is not None and actor_id not in turn.calls:
                give(state, turn, actor_id)
    for run in runs(found):
        alternate(state, run)
