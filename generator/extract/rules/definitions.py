"""Terms the article defines itself: abbreviations in brackets, appositives, relative clauses.

"the Centers for Disease Control and Prevention (CDC)" defines CDC; "Rafah, which is
overflowing with displaced civilians" and "Hamas, the militant group that …" define the
name before the comma. People are left to the roles rule: their appositive is a title.
"""

from __future__ import annotations

import re

from generator.extract.state import State
from generator.model import Term
from generator.slugs import slugify

ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z.]{1,9})\)")
STOP = {"of", "and", "the", "for", "on", "to", "in"}
# Appositives that comment on the whole clause ("…, a step that would …"), not on the name.
CLAUSE_NOUNS = {"step", "move", "decision", "remedy", "sign", "blow", "change", "record"}
NAMED = ("ORG", "GPE", "LOC", "NORP", "FAC", "LAW", "EVENT", "PRODUCT")


def expansion(text: str, at: int, abbreviation: str) -> tuple[int, str] | None:
    """The words before "(ABBR)" whose initials spell it, in order: "Centers for Disease
    Control and Prevention (CDC)", "nationally determined contributions (NDCs)".

    The nearest start that works wins; small words, and one other word, may be skipped.
    """
    letters = abbreviation.replace(".", "").rstrip("s").upper()
    base = max(0, at - 200)
    words = list(re.finditer(r"[A-Za-z][\w'’-]*", text[base:at]))[-(len(letters) + 6) :]
    for i in range(len(words) - 1, -1, -1):
        if words[i].group()[0].upper() != letters[0]:
            continue
        need = list(letters[1:])
        skipped = 0
        for word in words[i + 1 :]:
            if need and word.group()[0].upper() == need[0]:
                need.pop(0)
            elif word.group().lower() not in STOP:
                skipped += 1
        if not need and skipped <= 1:
            start = base + words[i].start()
            return start, text[start:at].strip()
    return None


def add(state: State, term: str, definition: str, start: int, seen: set[str]) -> None:
    key = term.lower()
    if key in seen or not definition:
        return
    seen.add(key)
    state.terms.append(
        Term(
            term=term,
            definition=definition,
            source="article",
            id=slugify(term),
            start=start,
            end=start + len(term),
        )
    )


def clause(state: State, token, name: str, person: bool) -> str | None:
    """ "which is overflowing with displaced civilians" → "Rafah is overflowing with …"."""
    for child in token.rights:
        words = [t for t in child.subtree]
        text = "".join(t.text_with_ws for t in words).strip().rstrip(",")
        if state.in_quote(child.idx):
            continue
        if child.dep_ == "relcl" and words[0].lower_ == "which":
            rest = text.split(" ", 1)[1] if " " in text else ""
            return f"{name} {rest}." if rest else None
        if person:
            continue  # a person's appositive is a title, and "which" never follows a person
        if child.dep_ == "appos" and child.pos_ == "NOUN" and words[0].pos_ == "DET":
            if child.lemma_ in CLAUSE_NOUNS:
                continue
            return f"{name} is {text}."
    return None


def apply(state: State) -> None:
    text = state.article.text
    seen: set[str] = set()
    for match in ABBREVIATION.finditer(text):
        found = expansion(text, match.start(), match.group(1))
        if found:
            add(state, match.group(1), found[1], match.start(1), seen)
    for ent in state.doc.ents:
        person = ent.label_ == "PERSON"  # the model calls some places people: "Rafah, which"
        if (ent.label_ not in NAMED and not person) or state.in_quote(ent.start_char):
            continue
        name = re.sub(r"^(the|The) ", "", ent.text)
        definition = clause(state, ent.root, name, person)
        if definition:
            start = ent.start_char + (len(ent.text) - len(name))
            add(state, name, definition, start, seen)
    state.terms.sort(key=lambda t: t.start)
