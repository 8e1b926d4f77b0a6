"""Coreference as rules on the parse: whom a pronoun ("she said") or a description ("the
league", "the parson") stands for, and each person's gender.

Rules, because no maintained library resolves coreference offline with spaCy 3.8 from PyPI
alone: coreferee's English model and spacy-experimental's coref component are not on PyPI,
and fastcoref and spacy-coref download their models from a hub when they run.

Gender comes from the article first: a gendered title before one of the person's names
("Mrs.", "Sir") or a gendered role ("spokeswoman"), then the pronouns that follow the person
where nobody else could be meant; for someone with a first name, only names that hold it
count (the surname alone may be a relative's). Failing both, from the first name
(`firstnames.py`). When none says, the gender stays unknown and either pronoun may refer to
the person: no gender is guessed.

A pronoun refers back, sentence by sentence and up to eight paragraphs, to an actor that
agrees with it: he/him/his to a person not known to be a woman, she/her to one not known to
be a man, they/them/their to an organisation, a group or unnamed people ("two officials"),
it/its to an organisation. In the pronoun's own sentence the nearest subject before it
wins, else the nearest mention; in an earlier sentence its subject, else its first mention.
Someone unnamed ("a nurse … said") counts too, so "she" after them is not a named woman
further back; the subject of a paragraph with quotations is never someone they call by name.
Words inside quotation marks are the speaker's and are skipped. Each pronoun resolved counts
as a mention of its actor after it.

A description ("the league", "the parson", "the commissioner") refers to the last actor whose
name or role holds its noun: the National Football League, Parson Tringham; bodies' nouns
only to organisations. A definite description of a person that nothing introduced with "a"
("the former secretary of state told supporters") is a second reference to whom was just
named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.firstnames import FirstNames
from generator.extract.lexicon import (
    GENERIC_BODIES,
    INSTITUTION_HEADS,
    OFFICE_NOUNS,
    ROLE_BACKREF_EXCLUDE,
    TITLE_ABBREVIATIONS,
    TITLE_HEADS,
)
from generator.extract.state import State
from generator.model import Actor

# Pronouns of the third person, by what they can refer to.
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
NEUTER = {"it", "its", "itself"}
SUBJECT_PRONOUNS = {"he", "she", "they", "it"}
# Titles and roles that say a person's gender: English courtesy and noble titles, kinship
# words used as titles ("Aunt Polly"), and the gendered job nouns AP style keeps.
MALE_TITLES = {
    "mr", "mr.", "sir", "lord", "king", "prince", "duke", "earl", "baron", "count", "emperor",
    "uncle", "brother", "father", "master", "monsieur", "m.", "herr", "señor", "signor",
    "don", "spokesman", "chairman", "congressman", "councilman", "businessman", "alderman",
}  # fmt: skip
FEMALE_TITLES = {
    "mrs", "mrs.", "ms", "ms.", "miss", "madam", "madame", "mme", "mme.", "mlle", "lady",
    "dame", "queen", "princess", "duchess", "countess", "baroness", "empress", "aunt", "sister",
    "mother", "mademoiselle", "frau", "señora", "señorita", "signora", "spokeswoman",
    "chairwoman", "congresswoman", "councilwoman", "businesswoman", "actress",
}  # fmt: skip
HONORIFICS = MALE_TITLES | FEMALE_TITLES | set(TITLE_ABBREVIATIONS)
SUBJECTS = {"nsubj", "nsubjpass"}
# Where a name called out sits in a quotation: at its start, after a comma or an exclamation,
# after "oh", "dear" or "my dear"; and before a comma, a stop or the end.
CALL = r"(?:^|[,;!?]\s+|\b(?:[Oo]h|[Dd]ear|[Mm]y dear)\s+)(?P<name>{})(?=[,.!?]|$)"
PARAGRAPHS_BACK = 8  # how far back a pronoun may refer ("he said" after a paragraph between)
# Nouns for bodies: "the league", "the campaign" refer to organisations, never to a person
# whose role holds the word ("campaign manager").
BODY_NOUNS = INSTITUTION_HEADS | GENERIC_BODIES | OFFICE_NOUNS
# Nouns news uses to refer again to someone just named ("the former secretary of state",
# "the Republican nominee"): the title words, less those AP uses for unnamed sources.
SECOND_REFERENCES = (TITLE_HEADS - ROLE_BACKREF_EXCLUDE) | {
    "nominee", "candidate", "challenger", "incumbent", "lawmaker", "politician", "billionaire",
    "businessman", "businesswoman", "congressman", "congresswoman",
}  # fmt: skip
# Nouns for people the article may leave unnamed ("a nurse", "the old man"), with the gender
# the noun itself says: the title words of lexicon.TITLE_HEADS and everyday words for people.
PERSON_NOUNS = dict.fromkeys(TITLE_HEADS, "") | {
    "man": "male", "boy": "male", "father": "male", "son": "male", "husband": "male",
    "brother": "male", "gentleman": "male", "uncle": "male", "king": "male",
    "woman": "female", "girl": "female", "mother": "female", "daughter": "female",
    "wife": "female", "sister": "female", "lady": "female", "aunt": "female", "queen": "female",
    "nurse": "", "person": "", "resident": "", "witness": "", "voter": "", "student": "",
    "worker": "", "source": "", "neighbor": "", "neighbour": "", "friend": "", "victim": "",
    "survivor": "", "patient": "", "driver": "", "parent": "", "child": "", "stranger": "",
    "fellow": "", "youth": "", "visitor": "", "passenger": "", "customer": "", "employee": "",
    "soldier": "", "servant": "", "guest": "", "traveler": "", "traveller": "", "host": "",
    "doctor": "", "officer": "", "spokesman": "male", "spokeswoman": "female",
}  # fmt: skip


@dataclass
class Antecedent:
    """One place an actor is referred to, outside quotation marks, in reading order."""

    actor: str
    token: int  # the head token's index in the doc
    sentence: int  # the sentence's first token
    paragraph: int
    subject: bool  # the subject of its clause
    gender: str | None = None  # for someone unnamed ("the woman"), what the noun says
    plural: bool = False  # unnamed people ("two officials"), whom "they" can mean


def agrees(state: State, pronoun: str, mention: Antecedent) -> bool:
    if not mention.actor:  # someone the article does not name: "a nurse", "the man"
        if pronoun in PLURAL:
            return mention.plural
        if (pronoun in MALE or pronoun in FEMALE) and not mention.plural:
            wanted = "male" if pronoun in MALE else "female"
            return mention.gender in (None, wanted)
        return False
    actor = state.actors.get(mention.actor)
    if actor is None:
        return False
    gender = state.genders.get(mention.actor)
    if pronoun in MALE or pronoun in FEMALE:
        wanted, other = ("male", "female") if pronoun in MALE else ("female", "male")
        if actor.kind == "person":
            return gender != other
        return gender == wanted  # a name NER took for a body but that is a first name
    if pronoun in PLURAL:
        return actor.kind in ("organization", "group")
    return actor.kind == "organization"


def named_mentions(state: State) -> list[Antecedent]:
    """The actors' names outside quotation marks: each run of tokens of one actor."""
    doc = state.doc
    found = []
    previous = None
    for i in sorted(state.token_actor):
        actor_id = state.token_actor[i]
        token = doc[i]
        if (previous is not None and previous == (i - 1, actor_id)) or state.in_quote(token.idx):
            previous = (i, actor_id)
            continue
        previous = (i, actor_id)
        run = [t for t in doc[i : i + 8] if state.token_actor.get(t.i) == actor_id]
        head = max(run, key=lambda t: t.dep_ in SUBJECTS or t.head.i not in state.token_actor)
        found.append(mention_of(state, actor_id, head))
    return found


def is_subject(token) -> bool:
    """The subject of its clause, or its appositive: "The surgeon general, Dr. Nathan Park,"."""
    return token.dep_ in SUBJECTS or (token.dep_ == "appos" and token.head.dep_ in SUBJECTS)


def mention_of(state: State, actor_id: str, token, gender: str | None = None) -> Antecedent:
    return Antecedent(
        actor=actor_id,
        token=token.i,
        sentence=token.sent.start,
        paragraph=state.paragraph_of(token.idx),
        subject=is_subject(token),
        gender=gender,
    )


# Gender --------------------------------------------------------------------------------------


def runs_of(state: State) -> dict[str, list[tuple[int, int]]]:
    """Each actor's names in the text, as token ranges."""
    found: dict[str, list[tuple[int, int]]] = {}
    for i in sorted(state.token_actor):
        actor_id = state.token_actor[i]
        spans = found.setdefault(actor_id, [])
        if spans and spans[-1][1] == i and state.token_actor.get(i - 1) == actor_id:
            spans[-1] = (spans[-1][0], i + 1)
        else:
            spans.append((i, i + 1))
    return found


def own_names(state: State, actor_id: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The names that surely mean this person: for someone with a first name, those that
    hold it. The surname alone may be a relative's that merging joined ("Mr. Temple" in a
    story about Charlotte Temple), so what surrounds it says nothing of her gender."""
    given = first_name(state, actor_id)
    if not given:
        return spans
    return [(a, b) for a, b in spans if any(t.text == given for t in state.doc[a:b])]


def title_gender(state: State, actor_id: str, spans: list[tuple[int, int]]) -> str | None:
    """ "Mrs. Hilbery", "Sir John", a spokeswoman: what a title before a name or a role says."""
    doc = state.doc
    words = (state.actors[actor_id].role or "").lower().split()[-1:]
    for start, end in own_names(state, actor_id, spans):
        words += [t.lower_ for t in doc[max(start - 1, 0) : end]]
    votes = {"male": 0, "female": 0}
    for word in words:
        if word in MALE_TITLES:
            votes["male"] += 1
        elif word in FEMALE_TITLES:
            votes["female"] += 1
    return decide(votes)


def pronoun_votes(
    state: State, mentions: list[Antecedent], spans: dict[str, list[tuple[int, int]]]
) -> dict[str, dict[str, int]]:
    """For each person, the gendered pronouns that follow one of their own names in its
    sentence or the next one of its paragraph, when no other person is mentioned between."""
    doc = state.doc
    votes: dict[str, dict[str, int]] = {}
    people = [m for m in mentions if state.actors[m.actor].kind == "person"]
    own = {a: own_names(state, a, spans.get(a, [])) for a in {m.actor for m in people}}
    for n, mention in enumerate(people):
        following = people[n + 1].token if n + 1 < len(people) else len(doc)
        if not any(a <= mention.token < b for a, b in own[mention.actor]):
            continue
        same_sentence = [m for m in people if m.sentence == mention.sentence]
        if any(m.actor != mention.actor for m in same_sentence):
            continue
        end = doc[mention.token].sent.end
        if end < len(doc) and state.paragraph_of(doc[end].idx) == mention.paragraph:
            end = doc[end].sent.end  # the next sentence too, in the same paragraph
        for token in doc[mention.token + 1 : min(end, following)]:
            gender = "male" if token.lower_ in MALE else "female" if token.lower_ in FEMALE else ""
            if gender and not state.in_quote(token.idx):
                tally = votes.setdefault(mention.actor, {"male": 0, "female": 0})
                tally[gender] += 1
                break
    return votes


def decide(votes: dict[str, int]) -> str | None:
    """The gender most votes give, when they give it at least twice as often as the other."""
    male, female = votes["male"], votes["female"]
    if male > 2 * female:
        return "male"
    if female > 2 * male:
        return "female"
    return None


def first_name(state: State, actor_id: str) -> str | None:
    """The first word of the person's longest name when it is not a title: "Hillary"."""
    actor = state.actors[actor_id]
    name = max([actor.name, *actor.aliases], key=lambda n: len(n.split()))
    words = [w for w in name.split() if w.lower() not in HONORIFICS]
    words = [w for w in words if w.lower() not in TITLE_HEADS]
    if not words or not words[0][:1].isupper() or words[0].isupper():
        return None
    return words[0]


def genders(state: State, mentions: list[Antecedent]) -> dict[str, str]:
    found = {}
    spans = runs_of(state)
    votes = pronoun_votes(state, mentions, spans)
    people = [a for a in state.actors.values() if a.kind == "person"]
    # NER often takes a character's one-word name for a body ("Tuppence"): its first name
    # can still say it is a person's.
    unknown = [
        a.id
        for a in state.actors.values()
        if a.kind in ("organization", "group") and " " not in a.name
    ]
    for actor in people:
        gender = title_gender(state, actor.id, spans.get(actor.id, []))
        if gender is None and actor.id in votes:
            gender = decide(votes[actor.id])
        if gender:
            found[actor.id] = gender
        else:
            unknown.append(actor.id)
    names = {a: first_name(state, a) for a in unknown}
    if any(names.values()):
        with FirstNames() as resource:
            for actor_id, name in names.items():
                gender = resource.gender(name) if name else None
                if gender:
                    found[actor_id] = gender
    return found


# Pronouns and descriptions ------------------------------------------------------------------


def calls(text: str, actor: Actor) -> bool:
    """Whether a quotation calls the actor by name ("Are you in earnest, Marilla?")."""
    words = actor.name.split()
    for name in {actor.name, *actor.aliases, words[0], words[-1]}:
        if len(name) > 2 and re.search(CALL.format(re.escape(name)), text):
            return True
    return False


def call_forms(state: State) -> dict[str, set[str]]:
    """The forms a quotation could call each actor by ("Tommy", "Mr. Bennet", "Holmes"), with
    the actors that go by each."""
    forms: dict[str, set[str]] = {}
    for actor in state.actors.values():
        if actor.kind not in ("person", "organization", "group"):
            continue
        words = actor.name.split()
        for form in {actor.name, *actor.aliases, words[0], words[-1]}:
            if len(form) > 2 and form.lower().rstrip(".") not in HONORIFICS:
                forms.setdefault(form, set()).add(actor.id)
    return forms


def called_by_paragraph(state: State) -> dict[int, set[str]]:
    """The actors each paragraph's quotations call by name."""
    forms = call_forms(state) if state.quotes else {}
    found: dict[int, set[str]] = {}
    for quote in state.quotes:
        for form in (f for f in forms if f in quote.text):  # a substring test first: cheap
            if re.search(CALL.format(re.escape(form)), quote.text):
                found.setdefault(quote.paragraph, set()).update(forms[form])
    return found


def antecedent(
    state: State, word: str, token, before: list[Antecedent], called: dict[int, set[str]]
) -> Antecedent | None:
    """The mention a pronoun refers back to; for the subject of a paragraph with quotations,
    never someone they call by name ("'Are you in earnest, Marilla?' she demanded")."""
    sentence = token.sent.start
    paragraph = state.paragraph_of(token.idx)
    excluded = called.get(paragraph, set()) if token.dep_ in SUBJECTS else set()
    fitting = [
        m
        for m in before
        if paragraph - m.paragraph < PARAGRAPHS_BACK
        and agrees(state, word, m)
        and m.actor not in excluded
    ]
    if not fitting:
        return None
    # A sentence is also cut at a paragraph break: the parser sometimes runs one over it.
    own = [
        m
        for m in fitting
        if (m.paragraph, m.sentence) == (paragraph, sentence) and not bound(m, token, state)
    ]
    if own:
        subjects = [m for m in own if m.subject]
        return (subjects or own)[-1]
    last = max((m.paragraph, m.sentence) for m in fitting)
    earlier = [m for m in fitting if (m.paragraph, m.sentence) == last]
    subjects = [m for m in earlier if m.subject]
    return (subjects or earlier)[0]


def bound(mention: Antecedent, pronoun, state: State) -> bool:
    """ "Trump praised him": an object pronoun is not the subject of its own verb."""
    if pronoun.dep_ not in ("dobj", "iobj") or pronoun.lower_.endswith("self"):
        return False
    head = state.doc[mention.token]
    return mention.subject and head.head.i == pronoun.head.i


def description(state: State, token, before: list[Antecedent]) -> str | None:
    """ "the league" → the last organisation named "… League"; "the parson" → the last person
    whose name holds the word (Parson Tringham) or whose role ends with it."""
    if token.pos_ != "NOUN" or not token.is_lower or token.i in state.token_actor:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    if any(c.dep_ in ("poss", "compound", "amod") for c in token.children):
        return None  # "the Senate's majority leader", "the state league": someone else's
    body = token.lower_ in BODY_NOUNS
    for mention in reversed(before):
        actor = state.actors.get(mention.actor)
        if actor is None or (actor.kind == "person") == body:
            continue
        words = " ".join([actor.name, *actor.aliases]).lower().split()
        role = (actor.role or "").lower().split()[-1:]
        if token.lower_ in words or token.lower_ in role:
            return actor.id
    if body:
        return None
    # Fiction calls a character "the parson" before naming him Parson Tringham: a title word
    # in one person's name, wherever the name comes.
    titled = [
        a.id
        for a in state.actors.values()
        if a.kind == "person" and token.text.capitalize() in a.name.split()[:-1]
    ]
    return titled[0] if len(titled) == 1 else None


def introductions(doc) -> dict[str, int]:
    """Where each noun is first introduced with "a", "an" or "one" ("a senior official")."""
    found: dict[str, int] = {}
    for token in doc:
        if token.dep_ == "det" and token.lower_ in ("a", "an", "one"):
            found.setdefault(token.head.lemma_, token.head.i)
    return found


def second_reference(
    state: State, token, before: list[Antecedent], introduced: dict[str, int]
) -> str | None:
    """ "…," the former secretary of state told supporters: a definite description of a
    person that no earlier sentence introduced ("a senior official … the official" did) is
    the way news refers again to someone just named: the person a pronoun there would mean."""
    if token.pos_ != "NOUN" or token.dep_ not in SUBJECTS or token.i in state.token_actor:
        return None
    if token.lemma_ not in SECOND_REFERENCES or not token.is_lower:
        return None
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
        return None
    if any(c.dep_ in ("poss", "appos") for c in children):
        return None  # "Ryan's spokeswoman": someone else, named or not
    if introduced.get(token.lemma_, len(state.doc)) < token.i:
        return None
    paragraph = state.paragraph_of(token.idx)
    own = (paragraph, token.sent.start)
    people = [
        m
        for m in before
        if m.actor
        and state.actors[m.actor].kind == "person"
        and paragraph - m.paragraph < 2
        and (m.paragraph, m.sentence) != own
    ]
    if not people:
        return None
    last = max((m.paragraph, m.sentence) for m in people)
    earlier = [m for m in people if (m.paragraph, m.sentence) == last]
    actor = state.actors[([m for m in earlier if m.subject] or earlier)[0].actor]
    if actor.role and token.lower_ not in actor.role.lower():
        return None  # "the president" after a senator: someone else, named or not
    return actor.id


def unnamed(state: State, token) -> Antecedent | None:
    """ "A nurse in Zinder … said", "Two officials said": someone the article does not name,
    as the subject of a clause. A pronoun after them means them, not a named actor further
    back."""
    if token.pos_ != "NOUN" or token.dep_ not in SUBJECTS or token.lemma_ not in PERSON_NOUNS:
        return None
    if any(c.dep_ == "appos" and c.i in state.token_actor for c in token.children):
        return None  # "the surgeon general, Dr. Nathan Park": named after all
    gender = PERSON_NOUNS[token.lemma_]
    plural = token.tag_ == "NNS"  # "two officials said … they added": not a body named before
    return Antecedent("", token.i, token.sent.start, 0, True, gender or None, plural)


def apply(state: State) -> None:
    doc = state.doc
    mentions = named_mentions(state)
    state.genders = genders(state, mentions)
    by_token = {m.token: m for m in mentions}
    called = called_by_paragraph(state)
    introduced = introductions(doc)
    seen: list[Antecedent] = []
    for token in doc:
        if token.i in by_token:
            seen.append(by_token[token.i])
            continue
        if state.in_quote(token.idx):
            continue
        word = token.lower_
        if word in MALE or word in FEMALE or word in PLURAL or word in NEUTER:
            if token.pos_ != "PRON":
                continue
            found = antecedent(state, word, token, seen, called)
            if found is not None:
                gender = "male" if word in MALE else "female" if word in FEMALE else None
                seen.append(mention_of(state, found.actor, token, gender))
                if found.actor:
                    state.references[token.i] = found.actor
            continue
        actor_id = description(state, token, seen) or second_reference(
            state, token, seen, introduced
        )
        if actor_id is not None:
            state.references[token.i] = actor_id
            seen.append(mention_of(state, actor_id, token))
            continue
        someone = unnamed(state, token)
        if someone is not None:
            someone.paragraph = state.paragraph_of(token.idx)
            seen.append(someone)
