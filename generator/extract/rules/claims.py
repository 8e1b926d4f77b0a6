"""Attributed claims: what someone is reported to have said outside quotation marks.

Most attribution in news is indirect speech ("Netanyahu said his decision was meant to …",
"The CDC team arrived last week, the agency said", "…, according to WHO figures"). A claim is
the content clause of a reporting verb, read from the parse:

- `X said (that) …`, `X told Y (that) …`, `X warned that …`, `…, saying …`: the verb's clausal
  complement;
- `… , X said.` and `…, X said, but …`: the clause the verb interrupts or follows, up to it;
- `according to X, …`: the clause the phrase qualifies, up to the phrase when it stands inside;
- `X accused Y of …`: the object and its "of"; `X denied/confirmed/announced …`: the object.

The speaker is the verb's subject as attribution.py reads it (climbing "…, saying" and "and
said" to the clause's subject), resolved as quotations are: names, titles, and through
coreference pronouns and descriptions ("she", "the league"); a source the article does not
name keeps `speaker=None` and the phrase that introduced it ("a senior Fed official").

Not claims: a clause wholly inside quotation marks (a quote), orders and questions ("urged
lawmakers to act", "asked whether"), what was not or not yet said ("declined to say", "did not
say", "if the court says", "will announce"), "said" in other senses ("that said", "the said
document"), and an attribution inside another claim ("the cuts scientists say are needed").
When one claim reports another ("X told Y that …, the ministry said") the claim is X's.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.extract.lexicon import REPORTING_VERBS
from generator.extract.rules.attribution import AMBIGUOUS, label_for, resolve, subject_of
from generator.extract.rules.coref import BODY_NOUNS
from generator.extract.state import State
from generator.model import Actor, Claim

# Verbs of the list attribution uses (Levin's verbs of communication and manner of speaking,
# lexicon.REPORTING_VERBS) that ask or order rather than assert: their complement is a
# question or a request, never a claim.
NOT_ASSERTING = {
    "ask", "inquire", "enquire", "query", "question", "wonder", "demand", "request", "plead",
    "beg", "entreat", "implore", "command", "instruct", "urge", "call", "challenge", "propose",
    "advise", "remind", "dismiss", "praise", "criticize", "describe", "mock", "taunt", "tease",
}  # fmt: skip
# Verbs news attributes findings and disclosures with, beside speech: the cue verbs of the
# Penn Attribution Relations Corpus (Pareti, PARC 3.0, 2016) that Levin's speech classes lack.
ATTRIBUTING = {"estimate", "report", "disclose", "reveal", "dispute", "forecast"}
# Verbs whose object alone is what was said: "denied the allegation", "confirmed the deaths".
OBJECT_VERBS = {
    "deny", "confirm", "announce", "acknowledge", "admit", "dispute", "disclose", "reveal",
}  # fmt: skip
CLAIM_VERBS = (REPORTING_VERBS - NOT_ASSERTING) | ATTRIBUTING | OBJECT_VERBS
# Words a second reference to a body uses ("the company said", "the unit said"), beside the
# heads of bodies' names coreference knows.
BODY_WORDS = BODY_NOUNS | {
    "unit", "utility", "regulator", "watchdog", "federation", "carrier", "airline", "operator",
    "manufacturer", "drugmaker", "automaker", "retailer", "insurer", "lender", "broadcaster",
    "network", "newspaper", "publisher", "developer", "group", "organization", "body",
}  # fmt: skip
PARAGRAPHS_BACK = 3  # how far back a body's second reference looks for its name
# Subjects that, after ", and" in the reporter's own tense, go on about the speaker.
SPEAKER_AGAIN = {"he", "she", "they", "it"}
# A clause that makes the saying unreal or uncertain: "if the court says", "unless it confirms".
UNREAL_MARKS = {"if", "unless", "whether"}
# What "according to" names when it cites a source, not a rule or a plan ("according to plan",
# "according to Japanese law"): an actor, a person, or one of these.
SOURCE_NOUNS = {
    "report", "statement", "figure", "data", "estimate", "survey", "result", "document",
    "record", "filing", "notice", "poll", "study", "analysis", "index", "count", "tally",
    "police", "official", "authority", "source", "agency", "ministry", "media",
    "witness", "prosecutor", "investigator", "researcher", "expert", "analyst", "testimony",
}  # fmt: skip
OPENING = ('"', "“", "‘")
CLOSING = ('"', "”", "’")
PERSON_WORDS = {"spokesman", "spokeswoman", "spokesperson", "aide", "lawyer", "person", "people"}


@dataclass
class Found:
    """A claim before the claims of one article are weighed against each other."""

    verb: object  # the reporting verb's token ("according" for "according to")
    root: object  # the head of the content
    first: int  # token range of the span, inclusive
    last: int
    subject: object  # the speaker's token


def apply(state: State) -> None:
    found = [claim for token in state.doc if (claim := candidate(state, token)) is not None]
    found = keep_outermost(keep_innermost_speakers(found))
    claims = [made for f in found if (made := make_claim(state, f)) is not None]
    state.claims = sorted(claims, key=lambda c: c.start)


def candidate(state: State, verb) -> Found | None:
    """The claim a token reports, if it is a reporting verb used to report something said."""
    if state.in_quote(verb.idx) or not asserts(verb):
        return None
    if verb.lower_ == "according":
        return according(state, verb)
    subject = subject_of(verb)
    if subject is None or state.in_quote(subject.idx):
        return None
    if verb.lemma_ == "accuse":
        return accusation(state, verb, subject)
    root, excluded = content(verb)
    if root is None:
        return None
    first, last = span_around(state, root, excluded | other_acts(root, verb))
    if first is None:
        return None
    return Found(verb, root, first, last, subject)


def asserts(verb) -> bool:
    """A reporting verb that reports something said: not negated, not hypothetical, not an
    order or a question, not "declined to say", not in a question."""
    if verb.lower_ == "according":
        return any(c.lower_ == "to" for c in verb.children)
    if verb.pos_ != "VERB" or verb.lemma_ not in CLAIM_VERBS or verb.dep_ in ("amod", "xcomp"):
        return False
    # "began", "returned": reporting only with a clause of their own ("ruled that …").
    ambiguous = verb.lemma_ in AMBIGUOUS and verb.lemma_ not in OBJECT_VERBS
    if ambiguous and not any(c.dep_ == "ccomp" for c in verb.children):
        return False
    for child in verb.children:
        if child.dep_ in ("neg", "auxpass") or child.tag_ in ("MD", "TO"):
            return False  # "did not say", "was told", "would say", "expected to confirm"
        if child.dep_ == "mark" and child.lower_ in UNREAL_MARKS:
            return False
    return verb.sent[-1].text != "?"


def content(verb):
    """The head of what a verb reports, and the tokens to leave out of its span (the reporting
    clause itself, when it interrupts or follows the content)."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            return child, set()
    clause = that_clause(verb)
    if clause is not None:
        return clause, set()
    if verb.lemma_ in OBJECT_VERBS:
        for child in verb.children:
            if child.dep_ in ("dobj", "xcomp", "pcomp") and child.pos_ in ("NOUN", "VERB", "PROPN"):
                return child, set()
    if is_tag(verb):
        # "The CDC team arrived last week, the agency said": the verb hangs on the content.
        return verb.head, {t.i for t in verb.subtree}
    return None, set()


def is_tag(verb) -> bool:
    """ "…, the agency said." or "…, the spokesperson said, but …": a reporting clause after
    its content, set off by a comma, holding nothing but its subject before the verb and no
    object after it."""
    head = verb.head
    if verb.dep_ not in ("parataxis", "advcl", "conj") or head.i >= verb.i:
        return False
    if head.pos_ not in ("VERB", "AUX") or any(c.dep_ == "dobj" for c in verb.children):
        return False
    doc = verb.doc
    comma = next((t.i for t in reversed(doc[head.i : verb.i]) if t.text == ","), None)
    if comma is None:
        return False
    own = {t.i for t in verb.subtree}
    return all(i in own for i in range(comma + 1, verb.i))


def that_clause(verb):
    """ "said in a statement that …", "warned for weeks that …": the parser hangs the clause
    on the noun before it."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            for clause in noun.children:
                if clause.dep_ in ("acl", "ccomp", "relcl") and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
                ):
                    return clause
    return None


def other_acts(root, verb) -> set[int]:
    """What the reporter goes on to tell, joined to the content by the parser: the speaker's
    next act of saying or asking ("said the administration supported the bill and urged the
    House to pass it"), or a clause about the speaker after ", and" ("said the committee
    would need more evidence, and she declined to say when"). Either is in the reporting
    verb's own tense with no auxiliary: "and would not comment" is part of what was said."""
    left = set()
    for child in root.children:
        if child.dep_ == "conj" and child.tag_ == verb.tag_ and goes_on(child):
            left.update(t.i for t in child.subtree)
    return left


def goes_on(clause) -> bool:
    children = list(clause.children)
    if any(c.dep_ in ("aux", "neg", "mark") for c in children):
        return False  # "and that it encouraged …": a second content clause
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    if subject is None:
        return clause.lemma_ in REPORTING_VERBS | NOT_ASSERTING
    return subject.lower_ in SPEAKER_AGAIN


def accusation(state: State, verb, subject) -> Found | None:
    """ "accused the union of holding …": from the object to the end of its "of" phrase, and of
    the "by" phrase that says how (`of "retreating" … by allowing the resolution to pass`)."""
    target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if target is None:
        return None
    of = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        of = next((t for t in target.subtree if t.lower_ == "of"), None)
    if of is None:
        return None
    last = max(of.right_edge.i, target.right_edge.i)
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ == "by" and child.i > last:
            last = child.right_edge.i
    return Found(verb, target, target.left_edge.i, last, subject)


def according(state: State, verb) -> Found | None:
    """ "…, according to the Labor Department's index" and "According to Yonhap, …"."""
    source = next(
        (obj for prep in verb.children for obj in prep.children if obj.dep_ == "pobj"), None
    )
    if source is None or not cites(state, source):
        return None
    root = verb.head
    while root.dep_ in ("prep", "pobj", "agent") and root.head is not root:
        root = root.head
    if root is verb or root.pos_ not in ("VERB", "AUX"):
        return None
    first, last = span_around(state, root, {t.i for t in verb.subtree})
    if first is None:
        return None
    return Found(verb, root, first, last, speaker_token(state, source))


def cites(state: State, source) -> bool:
    """Whether "according to" names a source: an actor, a person, a report or figures."""
    if speaker_token(state, source) is not source or state.actor_at(source.i) is not None:
        return True
    return source.pos_ == "PROPN" or source.lemma_ in SOURCE_NOUNS | PERSON_WORDS


def speaker_token(state: State, source):
    """Who stands behind a cited document: "the Labor Department's index", "WHO figures", "a
    notice the company posted", "its own figures"."""
    if state.actor_at(source.i) is not None or source.i in state.references:
        return source
    for child in source.children:
        if child.dep_ in ("poss", "compound", "nsubj", "nmod") and (
            state.actor_at(child.i) is not None or child.i in state.references
        ):
            return child
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
            named = [t for t in child.children if state.actor_at(t.i) is not None]
            if named:
                return named[0]
        if child.dep_ == "relcl":
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
    return source


def span_around(state: State, root, excluded: set[int]) -> tuple[int | None, int]:
    """The run of the root's words around it, stopping at excluded tokens and at the
    paragraph's edges; without a leading "that" and the punctuation at either end."""
    inside = {t.i for t in root.subtree} - excluded
    text = state.article.text
    low = text.rfind("\n\n", 0, root.idx) + 1  # the root's paragraph
    high = text.find("\n\n", root.idx) % (len(text) + 1)
    doc = state.doc

    def fits(i: int) -> bool:
        return i in inside and low <= doc[i].idx < high

    first = last = root.i
    while fits(first - 1):
        first -= 1
    while fits(last + 1):
        last += 1
    while first <= last and (doc[first].is_punct and not opens(doc[first]) or leading(doc[first])):
        first += 1
    while last >= first and (
        doc[last].is_punct and not closes(doc[last]) or doc[last].dep_ == "cc"
    ):
        last -= 1
    if first > last:
        return None, 0
    return first, last


def opens(token) -> bool:
    return token.text in OPENING and token.whitespace_ == ""


def closes(token) -> bool:
    return token.text in CLOSING and (token.i == 0 or token.nbor(-1).whitespace_ == "")


def leading(token) -> bool:
    """A word that joins the content to the reporting verb: "said that …", "said, and …"."""
    if token.lower_ == "that":
        return token.dep_ != "det"
    return token.dep_ in ("mark", "cc") and token.lower_ in ("and", "but")


def keep_innermost_speakers(found: list[Found]) -> list[Found]:
    """ "Park told Hamada that …, the ministry said": the ministry only reports Park's claim."""
    verbs = {f.verb.i for f in found}
    return [f for f in found if f.root.i not in verbs]


def keep_outermost(found: list[Found]) -> list[Found]:
    """An attribution inside another claim's span is part of that claim ("the cuts
    scientists say are needed")."""
    return [
        f for f in found if not any(o is not f and o.first <= f.verb.i <= o.last for o in found)
    ]


def make_claim(state: State, found: Found) -> Claim | None:
    doc = state.doc
    text = state.article.text
    start = doc[found.first].idx
    end = doc[found.last].idx + len(doc[found.last])
    quoted = [state.in_quote(t.idx) for t in doc[found.first : found.last + 1] if t.is_alpha]
    if not quoted or all(quoted):
        return None  # a quotation, which the quotes rule already gives
    start, end = whole_quotations(state, start, end)
    actor, label = speaker(state, found.subject, found.verb)
    if label is None:
        return None
    return Claim(
        text=text[start:end],
        speaker=actor.id if actor else None,
        speaker_label=label,
        verb=verb_words(found.verb),
        paragraph=state.paragraph_of(start),
        partial_quote=any(quoted),
        start=start,
        end=end,
    )


def speaker(state: State, subject, verb) -> tuple[Actor | None, str | None]:
    """(actor, label) as quotations are attributed, and where that names nobody, what a claim's
    speaker more often is: the actor beside the subject ("The utility Xcel Energy said"), a
    body by its acronym ("The WHO said", "WHO figures") or its second reference ("the agency
    said"). A cited document no actor stands behind is named by its own words."""
    actor, label = resolve(state, subject, verb, subject.idx)
    if actor is None:
        actor = beside(state, subject, verb) or second_reference(state, subject)
        # A document's maker may stand inside its name ("WHO figures"); a person's body
        # never makes the person its voice ("a former FDA inspector").
        cited = verb.lower_ == "according"
        for token in (subject, *subject.children) if cited else (subject,):
            actor = actor or by_acronym(state, token)
    if actor is not None:
        return actor, label_for(actor)
    if label is None and verb.lower_ == "according":
        label = state.doc[subject.left_edge.i : subject.right_edge.i + 1].text
    return None, label


def beside(state: State, subject, verb) -> Actor | None:
    for child in [*verb.children, *subject.children]:
        if child.dep_ in ("nsubj", "appos") and child.i != subject.i:
            actor = state.actor_at(child.i)
            if actor is not None and actor.kind != "place":
                return actor
    return None


def by_acronym(state: State, subject) -> Actor | None:
    """ "The WHO": the body whose name's capitals spell the word."""
    word = subject.text
    if not (word.isupper() and 2 <= len(word) <= 6):
        return None
    for actor in state.actors.values():
        capitals = "".join(w[0] for w in actor.name.split() if w[:1].isupper())
        if actor.kind == "organization" and capitals == word:
            return actor
    return None


def second_reference(state: State, subject) -> Actor | None:
    """ "the agency said", "the unit said", "the 26-year-old said": the body (or person) whose
    name holds the word, else the last one named in the last few paragraphs, one named as the
    subject of its clause first."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return None
    if subject.lemma_ in BODY_WORDS:
        kinds: tuple[str, ...] = ("organization", "group")
    elif subject.lower_ == "old" and any(t.lower_ == "year" for t in subject.subtree):
        kinds = ("person",)
    else:
        return None
    paragraph = state.paragraph_of(subject.idx)
    named, near, acting = [], [], []
    for mention, actor in state.mentioned_before(subject.idx):
        if actor.kind not in kinds:
            continue
        if subject.lower_ in actor.name.lower().split():
            named.append(actor)
        if paragraph - state.paragraph_of(mention.start) <= PARAGRAPHS_BACK:
            near.append(actor)
            if acts(state, mention.start):
                acting.append(actor)
    return (named or acting or near or [None])[-1]


def acts(state: State, char: int) -> bool:
    """Whether the name at a character offset is the subject of its clause."""
    span = state.doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span[0]
    while token.dep_ == "compound" and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def whole_quotations(state: State, start: int, end: int) -> tuple[int, int]:
    """A span that cuts into a quotation takes it whole, with its marks: `said "a dozen or
    more" conservatives`, `was "very, very bad."` (the parser may leave a mark outside)."""
    text = state.article.text
    for quote in state.quote_spans:
        if quote.start >= end or quote.end <= start:
            continue
        opening = max(text.rfind(mark, 0, quote.start) for mark in OPENING)
        if opening >= quote.start - 3:
            start = min(start, opening)
        if quote.closed:
            found = [text.find(mark, quote.end, quote.end + 3) for mark in CLOSING]
            closing = min((f for f in found if f >= 0), default=-1)
            end = max(end, closing + 1) if closing >= 0 else end
    return start, end


def verb_words(verb) -> str:
    """The reporting words as the page shows them: "said", "told reporters", "according to"."""
    if verb.lower_ == "according":
        return f"{verb.text} to"
    if verb.lemma_ == "tell":
        hearer = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if hearer is not None and len(list(hearer.subtree)) <= 4:
            words = verb.doc[hearer.left_edge.i : hearer.right_edge.i + 1]
            return f"{verb.text} {words.text}"
    return verb.text
