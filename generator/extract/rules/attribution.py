"""Who said each quotation: the subject of the nearest reporting verb outside the quote marks.

Covers `"…," Name said.`, `"…," said Name, the title.`, inverted and colon layouts (`"…,"
responded campaign chairman Name`, `Name went further: "…"`, a colon ending the paragraph
before), what someone said standing for them (`Clinton's response was swift: "…"`,
"according to a statement from the campaign"), split quotes, partial quotes
(`called the vote "very, very bad"`, `compared him to a duck, "smoothly sailing"`: the
subject of the verb the quoted words hang on), "according to Name", titles, descriptions and
pronouns ("the official said", "she added": rules/coref.py says whom they stand for), and
quotes that run over paragraphs or follow an attributed quote in the same paragraph. A
speaker named only by a surname NER missed ("Trump responded") is the actor of that name.
Unnamed sources keep `speaker=None` with a label.
"""

from __future__ import annotations

import re

from generator.extract.lexicon import COURTESY, REPORTING_VERBS, TITLE_ABBREVIATIONS
from generator.extract.rules.coref import calls
from generator.extract.state import State
from generator.model import Actor

CORE_VERBS = {"say", "tell", "add", "write", "according"}  # the usual attribution verbs
PRONOUNS = {"he", "she", "they", "i", "we", "it"}
CUT = {"relcl", "acl", "advcl", "punct", "appos", "cc", "conj"}
# "went on", "broke in": a verb that reports speech only with its particle.
PHRASAL = {
    ("go", "on"), ("break", "in"), ("cut", "in"), ("chime", "in"), ("put", "in"),
    ("speak", "up"), ("call", "out"), ("cry", "out"), ("sing", "out"), ("point", "out"),
}  # fmt: skip
# After a quotation, the parser often files the speaker of an inverted tag ("…," said the
# parson) as an object or a modifier of the verb.
INVERTED = {"nsubj", "dobj", "attr", "npadvmod", "appos", "oprd", "nsubjpass"}
SPEAKING_KINDS = ("person", "organization", "group")
# A dateline opening a paragraph: "NEW YORK (AP) — ", "WASHINGTON — ".
DATELINE = re.compile(r"[A-Z][A-Z.,' ]{1,40}(?:\s*\([^)\n]{1,40}\))?\s*[—–-]{1,2}\s")
# Nouns for what someone said or wrote: their maker is the speaker ("Clinton's response was
# swift:", "according to a statement from the campaign").
SPEECH_NOUNS = {
    "statement", "response", "reply", "answer", "message", "comment", "remark", "tweet",
    "post", "retort", "words", "letter", "email", "release", "announcement", "verdict",
}  # fmt: skip
# Reporting verbs with an everyday sense too ("had begun moving patients", "returned home"):
# they report speech only as a tag right beside the quotation (`"…," she returned`).
AMBIGUOUS = {
    "begin", "return", "continue", "resume", "finish", "pursue", "proceed", "persist", "go",
    "break", "cut", "put", "nod", "smile", "grin", "shrug", "laugh", "sigh", "agree", "charge",
    "rule", "deny", "dismiss", "object", "command", "question", "correct", "reason", "wonder",
    "mock", "challenge", "counter", "repeat", "breathe", "thunder", "cry", "call", "point",
}  # fmt: skip


def reports(token) -> bool:
    """Whether a token is a verb that reports speech: "said", "countered", "went on"."""
    if token.pos_ not in ("VERB", "AUX") and token.lower_ != "according":
        return False
    if token.lemma_ in REPORTING_VERBS or token.lower_ == "according":
        return True
    return any((token.lemma_, c.lower_) in PHRASAL for c in token.children if c.dep_ == "prt")


def beside(state: State, verb, start: int, end: int) -> bool:
    """Whether a verb is a tag right beside a quotation: after it with at most a few words
    between (`"…," she returned`), or before it with only a colon or comma between."""
    text = state.article.text
    if verb.idx >= end:
        between = text[end : verb.idx]
        return not any(c in between for c in ".!?;\n") and len(between.split()) <= 4
    between = text[verb.idx + len(verb) : start]
    return len(between.split()) <= 4 and between.rstrip(' "“‘').endswith((":", ","))


def frame(state: State, start: int, end: int) -> list:
    """The sentences around a quote, where its attribution can be."""
    doc = state.doc
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or not len(first):
        return []
    sents = [first[0].sent]
    if first[-1].sent != sents[0]:
        sents.append(first[-1].sent)
    before = sents[0].start
    if before > 0 and doc[before - 1].sent[-1].text == ":":
        sents.insert(0, doc[before - 1].sent)  # `Name responded:` cut as its own sentence
    last = sents[-1]
    gap = state.article.text[end : doc[last.end].idx] if last.end < len(doc) else "\n"
    if len(gap) <= 3 and "\n" not in gap:
        sents.append(doc[last.end].sent)  # `"…," the general said.` cut as its own sentence
    return sents


def speech_verbs(state: State, sents, start: int, end: int) -> list:
    """Reporting verbs outside quotation marks in the quote's own paragraph (or the one before,
    when it ends with a colon), nearest first."""
    text = state.article.text
    low = text.rfind("\n\n", 0, start) + 1
    if low > 1 and text[: low - 1].rstrip().endswith(":"):
        low = text.rfind("\n\n", 0, low - 1) + 1  # `… said in a statement:` ending the one before
    high = text.find("\n\n", end)
    high = len(text) if high < 0 else high
    verbs = []
    for sent in sents:
        for token in sent:
            if not low <= token.idx < high or state.in_quote(token.idx) or not reports(token):
                continue
            if token.lemma_ in AMBIGUOUS and not beside(state, token, start, end):
                continue
            distance = start - token.idx if token.idx < start else token.idx - end
            core = token.lemma_ in CORE_VERBS or token.lower_ == "according"
            # "exclaimed Mrs. Hilbery, as he finished, '…'": a plain reporting verb before a
            # verb that reports speech only sometimes, however near.
            verbs.append(((not core, token.lemma_ in AMBIGUOUS, distance), token))
    return [t for _, t in sorted(verbs, key=lambda v: v[0])]


def subject_of(verb, after_quote: bool = False, quoted=None):
    """The subject of a reporting verb; after a quotation also the speaker of an inverted tag
    that the parser did not call a subject (`"…," said the parson`). Tokens `quoted` says are
    quoted words (which the parser sometimes makes the subject) are passed over."""

    def spoken(token) -> bool:
        return quoted is not None and quoted(token)

    if verb.lower_ == "according":
        for prep in verb.children:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
        return None
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not spoken(child):
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
    # A quoted word taken for the subject shows an inverted tag too: the tag of a split quote
    # ("'Oh, Mr. Fortescue,' exclaimed Mrs. Hilbery, '…'") read from its second part.
    if after_quote or any(c.dep_ == "nsubj" and spoken(c) for c in verb.children):
        for child in verb.rights:
            if child.dep_ in INVERTED and child.pos_ in ("PROPN", "NOUN", "PRON"):
                return None if spoken(child) else child
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


def earlier_speaker(state: State, verb) -> str | None:
    """For "she said" that names no actor: the unnamed source an earlier reporting verb
    introduced, in this paragraph or the two before ("A nurse … said … ", "she said"), as long
    as nobody named speaks between."""
    doc = state.doc
    text = state.article.text
    start = verb.idx
    for _ in range(3):
        start = text.rfind("\n\n", 0, max(start - 2, 0)) + 1
    for token in reversed(doc[: verb.i]):
        if token.idx < start:
            break
        if not reports(token) or token.lemma_ in AMBIGUOUS or state.in_quote(token.idx):
            continue
        subject = subject_of(token)
        if subject is None or subject.lower_ in PRONOUNS or state.in_quote(subject.idx):
            continue
        if named(state, subject) is not None or subject.pos_ != "NOUN":
            return None
        return unnamed_label(state, subject)
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
    """The actor a subject names, directly, through an appositive ("his aide, Name") or through
    coreference ("she", "the league")."""
    actor = state.actor_at(subject.i)
    if actor is None:
        for child in subject.children:
            if child.dep_ == "appos":
                actor = state.actor_at(child.i)
                if actor:
                    break
    if actor is None and subject.i in state.references:
        actor = state.actors.get(state.references[subject.i])
    return actor


def by_name(state: State, subject) -> Actor | None:
    """ "Trump responded" where NER missed "Trump": the actor whose name ends with it, who goes
    by it, or whose two-word name starts with it ("Tommy"), the one mentioned last before."""
    if subject.pos_ not in ("PROPN", "NOUN") or not subject.text[:1].isupper():
        return None  # the parser takes a surname opening a sentence for a noun ("Trump")
    word = subject.text
    last = None
    for _, actor in state.mentioned_before(subject.idx):
        if actor.kind not in SPEAKING_KINDS:
            continue
        words = actor.name.split()
        first_name = actor.kind == "person" and len(words) == 2 and words[0] == word
        if words[-1] == word or word in actor.aliases or first_name:
            last = actor
    return last


def resolve(state: State, subject, verb, quote_start: int, quote: str = ""):
    """(actor, label) for the subject of a reporting verb; actor None for an unnamed source.
    A pronoun or description never means someone the quotation calls by name: "'Are you in
    earnest, Marilla?' she demanded" is not Marilla's."""
    actor = named(state, subject)
    if actor is not None and subject.i in state.references and calls(quote, actor):
        return None, subject.text
    if actor is not None and actor.kind != "place":
        return actor, label_for(actor)
    actor = by_name(state, subject) or actor
    if actor is not None:
        return actor, label_for(actor)
    if subject.lower_ in PRONOUNS:
        return None, earlier_speaker(state, verb) or subject.text
    if subject.pos_ in ("NOUN", "PROPN"):
        return None, unnamed_label(state, subject)
    return None, None


def governing_subject(state: State, start: int, end: int):
    """For a partial quote inside a sentence: the subject of the verb its words hang on
    (`compared the president to a duck, "smoothly sailing"` → the one comparing). Only when
    words of the paragraph stand before the opening mark, and the verb is in the paragraph."""
    doc = state.doc
    text = state.article.text
    before = text[text.rfind("\n\n", 0, start) + 1 : start - 1].rstrip()
    if not before or not (before[-1].isalnum() or before[-1] in ",:"):
        return None
    words = doc.char_span(start, end, alignment_mode="expand")
    if words is None or not len(words):
        return None
    low, high = start - len(before) - 1, text.find("\n\n", end) % (len(text) + 1)
    node = words.root
    for _ in range(6):
        if node.head is node or not low <= node.head.idx <= high:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX") and not start <= node.idx < end:
            subject = subject_of(node)
            if subject is not None and not state.in_quote(subject.idx):
                return subject
    return None


def past_dateline(state: State, subject):
    """ "NEW YORK (AP) — Hillary Clinton's running mate, Tim Kaine, said": the parser makes the
    dateline the subject and the speaker its appositive. A subject inside the dateline gives
    way to its appositive after it."""
    if subject is None:
        return None
    text = state.article.text
    start = text.rfind("\n\n", 0, subject.idx) + 1
    found = DATELINE.match(text, start)
    if found is None or subject.idx >= found.end():
        return subject
    later = [c for c in subject.children if c.dep_ == "appos" and c.idx >= found.end()]
    return later[0] if later else None


def source_of(noun):
    """ "Clinton's response", "a statement from the campaign": who made what is quoted."""
    if noun is None or noun.lemma_ not in SPEECH_NOUNS:
        return noun
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return noun


def introducer(state: State, start: int):
    """ "Podesta went further:" before a quotation, in its paragraph or ending the one before:
    the subject of the clause the colon closes, whatever its verb."""
    text = state.article.text
    before = text[: start - 1].rstrip(' \n"“‘')
    if not before.endswith(":"):
        return None
    colon = state.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None or not len(colon):
        return None
    head = colon[0].head
    if state.in_quote(head.idx):
        return None
    if head.pos_ == "NOUN":  # "Trump's message to voters:"
        found = source_of(head)
        return found if found is not head else None
    return source_of(subject_of(head)) if head.pos_ in ("VERB", "AUX") else None


def attribute(state: State, start: int, end: int) -> tuple[str | None, str | None]:
    """(actor id, label) for one quotation, or (None, None) when nothing attributes it."""

    def quoted(token) -> bool:
        return state.in_quote(token.idx)

    for verb in speech_verbs(state, frame(state, start, end), start, end):
        subject = subject_of(verb, after_quote=verb.idx > end, quoted=quoted)
        subject = source_of(past_dateline(state, subject))
        if subject is None or state.in_quote(subject.idx):
            continue
        actor, label = resolve(state, subject, verb, start, state.article.text[start:end])
        if label:
            return (actor.id if actor else None, label)
    subject = introducer(state, start) or governing_subject(state, start, end)
    if subject is not None:
        actor = named(state, subject) or by_name(state, subject)
        if actor is not None and actor.kind != "place":
            return actor.id, label_for(actor)
    return None, None


def apply(state: State) -> None:
    attributed = [attribute(state, span.start, span.end) for span in state.quote_spans]
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
