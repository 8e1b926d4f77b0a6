"""Direct quotations and who said them (first pass: a named speaker in the same sentence)."""

from __future__ import annotations

import re

from generator.extract.state import State
from generator.model import Quote

QUOTE_RE = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")
SPEECH_VERBS = {"say", "tell", "add", "ask", "write", "call", "announce", "warn", "accuse"}


def apply(state: State) -> None:
    text = state.article.text
    for match in QUOTE_RE.finditer(text):
        start, end = match.span(1)
        words = match.group(1).strip(" ,")
        if len(words.split()) < 2:
            continue
        sentence = state.doc.char_span(start, end, alignment_mode="expand")
        sent = sentence.sent if sentence is not None else None
        speaker = None
        label = "unnamed source"
        if sent is not None:
            for candidate in state.candidates:
                span = candidate.span
                if (
                    candidate.kind == "person"
                    and sent.start <= span.start < sent.end
                    and not (start <= span.start_char < end)
                    and any(t.lemma_ in SPEECH_VERBS for t in sent)
                ):
                    speaker = candidate.actor
                    label = state.actors[speaker].name if speaker in state.actors else span.text
                    break
        state.quotes.append(
            Quote(
                text=words,
                speaker=speaker,
                speaker_label=label,
                paragraph=state.paragraph_of(start),
                start=start,
                end=end,
            )
        )
