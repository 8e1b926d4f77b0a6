"""Who said each quotation: the subject of the nearest speech verb outside the quote marks.

Covers `"…," Name said.`, `"…," said Name, the title.`, `Name said: "…"`, split quotes,
partial quotes (`called the vote "very, very bad"`), "according to Name", title and pronoun
attributions ("the official said", "she added"), and quotes that run over paragraphs or follow
an attributed quote in the same paragraph. Unnamed sources keep `speaker=None` with a label.
"""

from __future__ import annotations

from generator.extract.lexicon import COURTESY, SPEECH_VERBS, TITLE_ABBREVIATIONS
from generator.extract.state import State
from generator.model import Actor

CORE_VERBS = {"say", "tell", "add", "write", "according"}  # the usual attribution verbs
PRONOUNS = {"he", "she", "they", "i", "we"}
CUT = {"relcl", "acl", "advcl", "punct", "appos", "cc", "conj"}


def frame(state: State, start: int, end: int) -> list:
    """The sentences around a quote, where its attribution can be."""
    doc = state.doc
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or not len(first):
        return []
    sents = [first[0].sent]
    if first[-1].sent != sents[0]:
        sents.append(first[-1].sent)
    last = sents[-1]
    gap = state.article.text[end : doc[last.end].idx] if last.end < len(doc) else "\n"
    if len(gap) <= 3 and "\n" not in gap:
        sents.append(doc[last.end].sent)  # `"…," the general said.` cut as its own sentence
    return sents


def speech_verbs(state: State, sents, start: int, end: int) -> list:
    """Speech verbs outside quotation marks in the quote's own paragraph, nearest first."""
    text = state.article.text
    low = text.rfind("\n\n", 0, start) + 1
    high = text.find("\n\n", end)
    high = len(text) if high < 0 else high
    verbs = []
    for sent in sents:
        for token in sent:
            if not low <= token.idx < high or state.in_quote(token.idx):
                continue
            if (
                token.lemma_ in SPEECH_VERBS and token.pos_ == "VERB"
            ) or token.lower_ == "according":
                distance = start - token.idx if token.idx < start else token.idx - end
                core = token.lemma_ in CORE_VERBS or token.lower_ == "according"
                verbs.append(((not core, distance), token))
    return [t for _, t in sorted(verbs, key=lambda v: v[0])]


def subject_of(verb):
    if verb.lower_ == "according":
        for prep in verb.children:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
        return None
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.tag_ in ("WP", "WDT") and node.dep_ == "relcl":
                    return antecedent(child, node.head)

                return child
        if node.dep_ == "acl" and node.head.pos_ == "PROPN":
            # "Solberg, who took over in 2022, called the win …": the parser, thrown by the
            # clause, makes "called" modify the name; the name is its subject.
            return node.head
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head.pos_ == "VERB":
            node = node.head
        else:
            break
    return None


def antecedent(pronoun, head):
    """Whom a relative pronoun stands for: "Ibarra, who accused …" → Ibarra. The parser often
    hangs the clause on the last noun ("Ibarra of the Popular Party, who"); "who" means a
    person, so climb out of "of" phrases to the name they qualify."""
    if pronoun.lower_ == "who":
        node = head
        while node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ == "of":
            node = node.head.head
            if node.pos_ == "PROPN":
                return node
    return head


def noun_phrase(token) -> str:
    """ "A lawyer familiar with the state's strategy, who spoke …" → without the clause."""
    keep = []

    def walk(t):
        for child in t.lefts:
            if child.dep_ not in CUT:
                walk(child)
        keep.append(t)
        for child in t.rights:
            if child.dep_ not in CUT:
                walk(child)

    walk(token)
    text = "".join(t.text_with_ws for t in keep).strip().rstrip(",")
    return text[:1].lower() + text[1:] if keep[0].pos_ == "DET" else text


COURTESY_ABBREVIATIONS = {v: k.capitalize() for k, v in TITLE_ABBREVIATIONS.items()}


def label_for(actor: Actor) -> str:
    """How a page names a speaker: "Karine Jean-Pierre, White House press secretary"."""
    if actor.kind != "person" or not actor.role:
        return actor.name
    if actor.role in COURTESY:
        return f"{COURTESY_ABBREVIATIONS[actor.role]} {actor.name}"  # "Dr. Anita Sorensen"
    role = " ".join(w if w.isupper() or "." in w else w.lower() for w in actor.role.split())
    body = actor.affiliation
    if body and "," not in body and len(body.split()) <= 3 and "administration" not in body:
        return f"{actor.name}, {body} {role}"
    return f"{actor.name}, {role}"


def last_person(state: State, before: int) -> Actor | None:
    found = None
    for mention in state.mentions:
        if mention.start >= before:
            break
        actor = state.actors.get(mention.actor)
        if actor and actor.kind == "person" and not state.in_quote(mention.start):
            found = actor
    return found


def earlier_speaker(state: State, verb):
    """For "she said": the subject of an earlier speech verb in the same paragraph."""
    doc = state.doc
    paragraph_start = state.article.text.rfind("\n\n", 0, verb.idx) + 1
    for token in reversed(doc[: verb.i]):
        if token.idx < paragraph_start:
            break
        if token.lemma_ not in SPEECH_VERBS or token.pos_ != "VERB" or state.in_quote(token.idx):
            continue
        subject = subject_of(token)
        if subject is None or subject.lower_ in PRONOUNS or state.in_quote(subject.idx):
            continue
        actor = named(state, subject)
        if actor is not None and actor.kind == "person":
            return actor, label_for(actor)
        if actor is None and subject.pos_ == "NOUN":
            return None, unnamed_label(state, subject)
    return None


def unnamed_label(state: State, subject) -> str:
    """The phrase that introduced an unnamed source: "the official" → "a senior Fed official"."""
    det = next((c.lower_ for c in subject.children if c.dep_ == "det"), "")
    if det != "the":
        return noun_phrase(subject)
    for token in reversed(state.doc[: subject.i]):
        if token.lower_ == subject.lower_ and any(
            c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one") for c in token.children
        ):
            return noun_phrase(token)
    return f"an {subject.lower_}" if subject.lower_[:1] in "aeiou" else f"a {subject.lower_}"


def named(state: State, subject) -> Actor | None:
    """The actor a subject names, directly or through an appositive ("his aide, Name")."""
    actor = state.actor_at(subject.i)
    if actor is None:
        for child in subject.children:
            if child.dep_ == "appos":
                actor = state.actor_at(child.i)
                if actor:
                    break
    return actor


def resolve(state: State, subject, verb, quote_start: int):
    """(actor, label) for the subject of a speech verb; actor None for an unnamed source."""
    actor = named(state, subject)
    if actor is not None and actor.kind != "place":
        return actor, label_for(actor)
    if subject.lower_ in PRONOUNS:
        for other in speech_verbs(state, [verb.sent], quote_start, quote_start):
            other_subject = subject_of(other)
            if other is not verb and other_subject is not None:
                other_actor = state.actor_at(other_subject.i)
                if other_actor and other_actor.kind == "person" and other.i < verb.i:
                    return other_actor, label_for(other_actor)
        found = earlier_speaker(state, verb)
        if found is not None:
            return found
        actor = last_person(state, subject.idx)
        if actor is not None:
            return actor, label_for(actor)
        return None, subject.text
    if subject.pos_ in ("NOUN", "PROPN"):
        return None, unnamed_label(state, subject)
    return None, None


def apply(state: State) -> None:
    attributed: list[tuple[str | None, str | None]] = []
    for span in state.quote_spans:
        result = (None, None)
        for verb in speech_verbs(state, frame(state, span.start, span.end), span.start, span.end):
            subject = subject_of(verb)
            if subject is None or state.in_quote(subject.idx):
                continue
            actor, label = resolve(state, subject, verb, span.start)
            if label:
                result = (actor.id if actor else None, label)
                break
        attributed.append(result)
    quotes = state.quotes
    spans = state.quote_spans
    # An unclosed quote with no attribution of its own takes that of its continuation.
    for i in range(len(quotes) - 2, -1, -1):
        if attributed[i][1] is None and not spans[i].closed and spans[i + 1].continues:
            attributed[i] = attributed[i + 1]
    # A continued quote, or a second quote in the same paragraph, keeps the same speaker.
    for i in range(1, len(quotes)):
        same_paragraph = quotes[i].paragraph == quotes[i - 1].paragraph
        if attributed[i][1] is None and (spans[i].continues or same_paragraph):
            attributed[i] = attributed[i - 1]
    for quote, (speaker, label) in zip(quotes, attributed, strict=True):
        quote.speaker = speaker
        quote.speaker_label = label or "unattributed"
