"""Each person's role and affiliation, from the title patterns AP uses.

Before the name ("Israeli Defense Minister Yoav Gallant", "Sen. Rick Scott, R-Fla."), after it
as an appositive ("Jake Sullivan, the national security adviser"), or as a possessive
appositive before it ("Biden's national security adviser, Jake Sullivan"). A title before the
name wins, then an appositive, then a courtesy title ("Dr.").
"""

from __future__ import annotations

import re

from generator.extract.lexicon import (
    CORPORATE_TITLES,
    COURTESY,
    DESCRIPTIONS,
    GENERIC_BODIES,
    MARKETS,
    NATIONALITIES,
    OCCUPATIONS,
    PARTIES,
    STATES,
    TITLE_ABBREVIATIONS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from generator.extract.rules.entities import PORTFOLIOS, is_title
from generator.extract.rules.merge import EQUIVALENT
from generator.extract.rules.salience import weights
from generator.extract.state import State
from generator.model import Actor

CLOSED_CLASSES = {"DET", "VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON", "NUM", "PART"}
SMALL = {"of", "for", "the", "and", "to", "on", "at", "from", "in"}
PARTY_RE = re.compile(r"^,\s*([DRIL])-([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\s*[,.]")


def display(tokens) -> str:
    """Title words as a heading: "Sen." → "Senator", "press secretary" → "Press Secretary"."""
    words = []
    for t in tokens:
        text = TITLE_ABBREVIATIONS.get(t.lower_, t.text)
        if t.text == "-" and words:
            words[-1] += "-"
            continue
        if t.text == "," and words:
            words[-1] += ","
            continue
        if text.lower() in SMALL and words:
            text = text.lower()
        elif text.islower():
            text = text.capitalize()
        if words and words[-1].endswith("-"):
            words[-1] += text
        else:
            words.append(text)
    return " ".join(words)


def place_name(state: State, token) -> str:
    actor = state.actor_at(token.i)
    if actor is not None:
        return actor.name
    ent = next((e for e in state.doc.ents if e.start <= token.i < e.end), None)
    text = ent.text if ent is not None else token.text
    text = re.sub(r"^(the|The) ", "", text)
    return NATIONALITIES.get(text.lower(), EQUIVALENT.get(text.lower(), text))


def before_name(state: State, start: int):
    """Role and affiliation words just before a name, or None."""
    doc = state.doc
    i = start - 1
    collected = []
    while i >= 0:
        t = doc[i]
        inside_title = t.lower_ == "of" and collected and i > 0 and is_title(doc[i - 1])
        hyphen = t.text == "-" and collected and i > 0 and is_title(doc[i - 1])
        if t.is_space:
            break
        if t.is_punct and not hyphen and t.lower_ not in TITLE_ABBREVIATIONS:
            break
        if t.pos_ in CLOSED_CLASSES and not inside_title:
            break
        if (
            t.tag_ == "POS"
            or state.token_actor.get(i)
            and state.actors[state.token_actor[i]].kind == "person"
        ):
            break
        collected.insert(0, t)
        i -= 1
    heads = [
        k
        for k, t in enumerate(collected)
        if (is_title(t) or t.lemma_ in OCCUPATIONS) and t.lower_ not in TITLE_MODIFIERS
    ]
    if not heads:
        return None
    last = heads[-1] + 1
    if last < len(collected) and collected[last].lower_ == "of":
        last = len(collected)  # "Secretary of State"
    toks = collected[:last]
    # Leading names are whose title it is: "Israeli", "White House", "Fed", "U.N.".
    k = 0
    while k < len(toks) and not is_title(toks[k]) and toks[k].lower_ not in PORTFOLIOS:
        # A capitalised noun before a lowercase title is whose it is ("Facebook creator").
        lowercase_title = k + 1 < len(toks) and toks[k + 1].is_lower
        named = toks[k].text[:1].isupper() and toks[k].pos_ in ("PROPN", "NOUN")
        proper = named and (toks[k].pos_ == "PROPN" or lowercase_title)
        entity = toks[k].ent_type_ and not toks[k].is_lower  # not "grammarian" inside an ORG
        if not (proper or entity or toks[k].lower_ in NATIONALITIES):
            break
        k += 1
    affiliation = affiliation_of(state, toks[:k]) if k else None
    return display(toks[k:]), affiliation


def affiliation_of(state: State, tokens) -> str:
    """The body or country some words name, by an actor's name or alias when there is one."""
    text = " ".join(t.text for t in tokens)
    for actor in state.actors.values():
        if text == actor.name or text in actor.aliases:
            return actor.name
    if len(tokens) == 1:
        return place_name(state, tokens[0])
    return NATIONALITIES.get(text.lower(), EQUIVALENT.get(text.lower(), text))


def is_role_head(head) -> bool:
    """A noun an appositive gives as someone's role: a title ("general counsel"), an
    occupation ("a cotton grower"), a description ("a 14-year-old boy"), or an award
    ("the league's Rookie of the Year")."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    word = head.lemma_.lower()
    return head.lower_ in TITLE_HEADS or word in OCCUPATIONS or word in DESCRIPTIONS


def noun_role(state: State, head, skip: set[int]):
    """Role and affiliation of a title noun phrase: "the coalition's general counsel"."""
    if not is_role_head(head):
        return None
    affiliation = None
    role = []
    for child in head.lefts:
        if child.i in skip or child.dep_ in ("det", "punct"):
            continue
        if child.dep_ == "poss":
            affiliation = owner_name(state, child)
        elif child.dep_ in ("compound", "amod", "nmod"):
            if child.ent_type_ in ("ORG", "GPE", "NORP") and child.lower_ not in PORTFOLIOS:
                affiliation = affiliation or place_name(state, child)
            else:
                role.extend(t for t in child.subtree if t.tag_ != "POS")
    role.append(head)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "to":
            role.extend(child.subtree)  # "ambassador to Canada" is another country's
        elif child.dep_ == "prep" and child.lower_ in ("of", "for", "at"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects:
                continue
            obj = objects[0]
            if obj.ent_type_ and obj.lower_ not in PORTFOLIOS:
                affiliation = affiliation or place_name(state, obj)
                body = state.actor_at(obj.i)
                # "founder of Lantern Games", "an analyst at Bernstein": an employer, whatever
                # NER called it, is a body, not a site.
                employer = obj.ent_type_ == "FAC" or (child.lower_ == "at" and head.i < obj.i)
                if body is not None and body.kind == "place" and employer:
                    body.kind = "organization"
            elif child.lower_ in ("of", "for"):
                role.extend(t for t in child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "from" and head.lemma_ in DESCRIPTIONS:
            role.extend(child.subtree)  # "a 14-year-old boy from Irving, Texas"
    while role and role[-1].is_punct:
        role.pop()
    return display(role), affiliation


def owner_name(state: State, token) -> str | None:
    """ "Biden's" → "Biden administration"; "Nigeria's" → "Nigeria"; "the coalition's" → it."""
    actor = state.actor_at(token.i)
    if actor is not None:
        if actor.kind == "person":
            return f"{actor.name.split()[-1]} administration"
        return actor.name
    if token.pos_ == "NOUN":
        for other in reversed(list(state.actors.values())):
            if other.kind == "organization" and token.lower_ in other.name.lower().split():
                return other.name
    return None


def party(state: State, end_char: int) -> str | None:
    match = PARTY_RE.match(state.article.text[end_char : end_char + 30])
    if not match:
        return None
    state_name = STATES.get(match.group(2), match.group(2))
    return f"{PARTIES[match.group(1)]}, {state_name}"


def apply(state: State) -> None:
    doc = state.doc
    ranks: dict[str, int] = {}  # the priority of the role each actor has so far
    for candidate in state.candidates:
        actor = state.actors.get(candidate.actor or "")
        if actor is None or actor.kind != "person" or candidate.in_quote:
            continue
        span = candidate.span
        found = []  # (priority, role, affiliation)
        pre = before_name(state, span.start)
        if pre:
            found.append((0 if pre[0] not in COURTESY else 3, *pre))
        root = span.root
        skip = set(range(span.start, span.end))
        for child in root.rights:
            if child.dep_ == "appos":
                post = noun_role(state, child, skip)
                if post:
                    found.append((1, *post))
        if root.dep_ == "appos":
            post = noun_role(state, root.head, skip)
            if post:
                found.append((2, *post))
        found.sort(key=lambda f: f[0])
        if found and found[0][1] and found[0][0] < ranks.get(actor.id, 9):
            actor.role = found[0][1]
            ranks[actor.id] = found[0][0]
        affiliation = party(state, span.end_char)
        if (
            span.end < len(doc) - 1
            and doc[span.end].lower_ == "of"
            and doc[span.end + 1].ent_type_ == "GPE"
        ):
            affiliation = affiliation or place_name(state, doc[span.end + 1])
        for _, _, aff in found:
            affiliation = affiliation or aff
        if affiliation and not actor.affiliation:
            actor.affiliation = affiliation
    for actor in state.actors.values():
        if actor.kind == "person" and actor.role and not actor.affiliation:
            resolve_generic_body(state, actor)


def resolve_generic_body(state: State, actor: Actor) -> None:
    """ "A company spokesman" speaks for the story's company, "a union organizer" for its
    union: the body becomes the affiliation and leaves the role ("Spokesman")."""
    words = actor.role.split()
    first = words[0].lower()
    if first in GENERIC_BODIES and len(words) > 1:
        body = body_called(state, first)
        if body is not None:
            actor.role = " ".join(words[1:])
            actor.affiliation = body
    elif actor.role.lower() in CORPORATE_TITLES:
        actor.affiliation = body_called(state, "company")


def body_called(state: State, word: str) -> str | None:
    """The organization of the story a generic word refers to: one whose name has the word
    ("Teachers Union"), or that the text calls so ("the United Steelworkers union"); for a
    company, failing those, the organization the story is most about."""
    bodies = [
        a
        for a in state.actors.values()
        if a.kind == "organization" and a.name.lower().removeprefix("the ") not in MARKETS
    ]
    for body in bodies:
        if any(word in name.lower().split() for name in [body.name, *body.aliases]):
            return body.name
    text = state.article.text
    by_id = {b.id: b for b in bodies}
    for mention in state.mentions:
        if mention.actor in by_id:
            named = text[mention.start : mention.end].lower().split()
            after = re.match(r"\s+(\w+)", text[mention.end : mention.end + 40])
            if named[-1:] == [word] or (after and after.group(1).lower() == word):
                return by_id[mention.actor].name
    if word not in ("company", "firm") or not bodies:
        return None
    scores = weights(state)
    return max(bodies, key=lambda b: scores.get(b.id, 0)).name
