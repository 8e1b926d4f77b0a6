"""Named entities from spaCy's NER that can be actors, trimmed and re-kinded by their syntax.

The small model mislabels often ("Adeyemi" as a place, "Mali" as a person), so the kind is
checked against what the sentence does with the name and against short lists of places.
"""

from __future__ import annotations

import re

from generator.extract.lexicon import (
    DOCUMENT_HEADS,
    DWELLING_VERBS,
    EVENT_HEADS,
    EVENT_WORDS,
    FACILITY_HEADS,
    FIELDS_OF_STUDY,
    HONORIFICS,
    INSTITUTION_HEADS,
    NEWS_AGENCIES,
    OFFICE_NOUNS,
    PERSON_NOUNS,
    PLACE_NAMES,
    POST_NOMINALS,
    POSTING_VERBS,
    REGIONS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    TITLE_HEADS,
    WORK_FORMS,
    WORK_NOUNS,
)
from generator.extract.state import Candidate, State

CLUB_MARKERS = {"FC", "SC", "AFC", "CF"}
WEB_ADDRESS = re.compile(r"\.(com|org|net|io|co|tv)$", re.IGNORECASE)
# The letters and marks a person's name is written with (a nickname in quotation marks
# too: 'Austin Shepherd "Shep" Padalecki'): no commas, brackets or digits.
PERSON_NAME = re.compile(r"^[^\W\d_]+(?:[ .'’\"“”-]+[^\W\d_]+)*[.\"”]?$")
NAME_MARKS = {".", "-", "'", "’", '"', "“", "”"}
QUOTE_MARKS = {'"', "'", "“", "”", "‘", "’"}  # football clubs' names end with these
# Verbs of being and having: a country their subject does not act ("Israel has a border").
STATE_VERBS = {
    "be",
    "have",
    "become",
    "remain",
    "seem",
    "lie",
    "sit",
    "border",
    "include",
    "contain",
    "face",
    "need",
    "lack",
    "get",
    "see",
    "host",
    "exist",
    "stand",
    "look",
}
# Where a people named in the plural stands as a party to the action, not a modifier.
GROUP_ROLES = {"nsubj", "nsubjpass", "dobj", "conj", "pobj", "attr", "dative"}
# Words that count or measure a group: "millions of Americans", "a majority of Republicans".
QUANTITY_WORDS = {
    "ten",
    "dozen",
    "hundred",
    "thousand",
    "million",
    "billion",
    "lot",
    "number",
    "majority",
    "minority",
    "most",
    "many",
    "some",
    "half",
    "percent",
    "%",
    "share",
    "handful",
    "few",
}
# Words that open the brackets after a person's name in a biography: "(born …", "(née …".
LIFE_DATE_OPENERS = {"born", "b.", "née", "nee", "c.", "ca."}
KIND_OF_LABEL = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "NORP": "group",
    "FAC": "place",
}
# A department named inside a title: "Defense Secretary", "Secretary of State".
PORTFOLIOS = {
    "defense", "state", "justice", "treasury", "commerce", "interior", "energy", "labor",
    "health", "education", "transportation", "agriculture", "foreign", "environment", "trade",
    "finance", "homeland", "security", "transport", "cabinet", "housing",
    "communications", "culture", "tourism", "veterans", "immigration", "home", "economy",
    "development", "infrastructure", "information", "water", "mining", "fisheries",
}  # fmt: skip


def clean_name(text: str) -> str:
    """The entity's name without a leading article, possessive or stray punctuation."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:\"'“”(")
    text = re.sub(r"^(?:the|The)\s+", "", text)
    text = re.sub(r"(?:'s|’s|'|’)$", "", text)
    return text.strip()


def is_title(token) -> bool:
    return token.lower_ in TITLE_ABBREVIATIONS or token.lower_ in TITLE_HEADS


def trim(span, kind: str):
    """Drop articles, possessive marks, brackets, and for people a leading title."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].pos_ in ("DET", "PUNCT") or doc[start].text == "("):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        if doc[end - 1].text == "." and doc[end - 1].text != doc[end - 1].text_with_ws:
            break
        end -= 1
    for i in range(start + 1, end):
        if doc[i].text == "(":  # "National Hurricane Center (NHC"
            end = i
            break
    if kind == "person":
        while end - start > 2 and is_title(doc[start]):
            start += 1
        while end - start > 1 and doc[end - 1].text.rstrip(".") in POST_NOMINALS:
            end -= 1  # "Daniel Bernoulli FRS" is Daniel Bernoulli
            while end > start and doc[end - 1].text == ",":
                end -= 1
    if kind == "organization" and end + 1 < len(doc) and doc[end].lower_ == "of":
        place = doc[end + 1]
        institution = doc[end - 1].lower_ in INSTITUTION_HEADS
        if place.ent_type_ == "GPE" or (institution and place.pos_ == "PROPN" and place.is_title):
            end += 2  # "Railway Workers Union of Kenya": the country is part of the name
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
    if kind == "organization" and start >= 2 and doc[start - 1].tag_ == "POS":
        owner = doc[start - 2]
        if (
            owner.ent_type_ == "GPE"
            and doc[end - 1].lower_ in INSTITUTION_HEADS
            and end - start <= 3
        ):
            start -= 2  # "China's Foreign Ministry": the country's own ministry
    ordinal = start > 0 and re.match(r"\d+(st|nd|rd|th)$", doc[start - 1].text)
    court = any(t.lower_ in INSTITUTION_HEADS for t in doc[start:end])
    if kind == "organization" and ordinal and court:
        start -= 1  # "9th U.S. Circuit Court of Appeals", not "the 60th NATO summit"
    if kind in ("organization", "group"):
        # A lowercase noun NER took in is a description, not the name: "the United
        # Steelworkers union", "the Catalan party Junts".
        while end - start > 1 and doc[end - 1].is_lower and doc[end - 1].pos_ == "NOUN":
            end -= 1
        nouns = [i for i in range(start, end - 1) if doc[i].is_lower and doc[i].pos_ == "NOUN"]
        if nouns and all(doc[i].text[:1].isupper() for i in range(nouns[-1] + 1, end)):
            start = nouns[-1] + 1
    return doc[start:end]


def is_title_fragment(span) -> bool:
    """ "Defense" in "Defense Secretary Lloyd Austin" or "State" in "Secretary of State"."""
    doc = span.doc
    words = [t for t in span if t.is_alpha]
    if not words or not all(t.lower_ in PORTFOLIOS for t in words):
        return False
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 2 : span.start] if span.start >= 2 else None
    if after is not None and is_title(after):
        return True
    return bool(before is not None and is_title(before[0]) and before[1].lower_ == "of")


def life_dates_follow(span) -> bool:
    """Whether brackets after the name open with a birth or a life's dates, as a biography
    introduces its subject: "(born 1988", "(née Buckley", "(c. 1818 – 1880"."""
    doc = span.doc
    end = span.end
    while end < len(doc) and (doc[end].text.rstrip(".") in POST_NOMINALS or doc[end].text == ","):
        end += 1  # "Edmund Carrow FRS (1901 – 1980)"
    if end + 1 >= len(doc) or doc[end].text != "(":
        return False
    first = doc[end + 1]
    return first.lower_ in LIFE_DATE_OPENERS or (
        first.ent_type_ == "DATE" and any(t.text in ("–", "-") for t in doc[end + 1 : end + 8])
    )


def doc_after(span, n: int):
    """The n tokens after a span (fewer at the end of the text)."""
    return span.doc[span.end : span.end + n]


def names_a_work(span, kind: str) -> bool:
    """A title: after a noun for a work ("the television series Gilmore Girls"), after
    "titled" or, for a body, "called" ("a theory called Frame Semantics"), ending in a
    musical form ("Cello Concerto"), or, for a body, followed by its year in brackets."""
    if span[-1].lower_ in WORK_FORMS:
        return True
    if kind != "person" and [t.shape_ for t in doc_after(span, 3)] == ["(", "dddd", ")"]:
        return True  # "Cheaper by the Dozen (2003)": a film's or a book's year
    i = span.start - 1
    while i >= 0 and span.doc[i].text in QUOTE_MARKS:
        i -= 1
    if i < 0:
        return False
    before = span.doc[i]
    if before.lower_ in ("titled", "entitled") or (before.lower_ == "called" and kind != "person"):
        return True
    return before.pos_ == "NOUN" and before.lemma_.lower() in WORK_NOUNS


def is_located(span) -> bool:
    """Whether the name is where someone is born, lives, travels or dies, or where a region
    lies: "born at Stridon", "settled in Trier", "a journey through Thrace", "the desert of
    Chalcis". Not a body's name ("Harrow School", "the U.N."), which can be a place too."""
    root = span.root
    if root.dep_ != "pobj" or root.lower_ in INSTITUTION_HEADS or span.text.isupper():
        return False
    prep, governor = root.head, root.head.head
    if prep.lower_ in ("in", "at", "through", "into", "near") and governor.pos_ == "VERB":
        return governor.lemma_ in DWELLING_VERBS
    return (
        prep.lower_ in ("in", "of", "through")
        and governor.pos_ == "NOUN"
        and governor.lemma_ in REGIONS
    )


def counts(token) -> bool:
    """Whether a word counts or measures: "tens", "millions", "most", "a majority"."""
    return token.like_num or token.pos_ == "NUM" or token.lemma_ in QUANTITY_WORDS


def kind_of(span, kind: str) -> str | None:
    """The kind the name's words and syntax support, or None for no actor at all."""
    root = span.root
    text = span.text
    if not any(t.text[:1].isupper() for t in span):
        return None  # "youth academy": NER's guess, but a name has a capital
    if span[-1].text in CLUB_MARKERS:
        return "organization"  # "Harbor City FC", whatever NER called it
    if span[0].lower_ in EVENT_HEADS:
        return None  # "Hurricane Delphine": an event
    if text in PLACE_NAMES:
        return "place"
    if life_dates_follow(span):
        return "person"  # "Brock Holt (born June 11, 1988)", whatever NER called it
    award = [t.lower_ for t in doc_after(span, 3)] == ["of", "the", "year"]  # "Rookie" of the Year
    if names_an_event(span) or " of the Year" in text or award:
        return None  # "the Teen Choice Awards", "Coach of the Year": an event or an award
    if names_a_work(span, kind):
        return None  # "the novel Dark Matters", "his First Symphony": a work
    if span[-1].lower_ in FIELDS_OF_STUDY and not any(t.lower_ in INSTITUTION_HEADS for t in span):
        return None  # "a Master of Education in Sport Psychology": a discipline, not a body
    if re.findall(r"[\w-]+", text.lower())[-1] in DOCUMENT_HEADS:
        return None  # "the GNU Free Document License", "the British National Corpus"
    if root.lower_ in FACILITY_HEADS and kind != "person":
        return "place"  # "the Al Wakrah Stadium": a building, not the body that runs it
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    if before == ["known", "as"] and kind != "person":
        return None  # "known as COP": the name of a thing
    if span.start >= 2 and doc[span.start - 1].text == "(":
        before = doc[span.start - 2]
        if before.ent_type_ and before.ent_type_ not in KIND_OF_LABEL:
            return None  # "the Digital Markets Act (DMA)": a law, not a body
    if root.lower_ in INSTITUTION_HEADS and len(span) > 1 and kind != "person":
        return "organization"
    if kind == "organization" and root.dep_ == "pobj" and root.head.lower_ == "near":
        return "place"
    if kind in ("organization", "person") and is_located(span):
        return "place"  # "settled in Trier", "the desert of Chalcis"
    listed = root.dep_ == "conj" and root.head.ent_type_ in ("GPE", "LOC")
    if kind == "organization" and len(span) == 1 and listed:
        return "place"  # "at the corner of California and Dupont"
    source = (
        root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according"
    )
    if kind == "place" and source:
        return "organization"  # "according to Quantcast", "according to China": a source
    if kind == "group":
        # A people named in the plural is one: "Republicans joined Democrats", "talks with
        # the Palestinians"; "Israeli officials", "a Democrat", "a Swiss bank" describe.
        plural = root.tag_ in ("NNPS", "NNS") and text.endswith("s")
        if root.pos_ == "ADJ" or root.dep_ in ("amod", "compound", "appos", "nmod", "poss"):
            return None
        if not plural or root.dep_ not in GROUP_ROLES:
            return None
        if root.dep_ == "pobj" and root.head.lower_ == "of" and counts(root.head.head):
            return None  # "millions of Americans", "most of the Democrats": a count of people
    if kind == "person":
        head = root.head
        office = (
            root.dep_ == "compound" and head.lower_ in OFFICE_NOUNS
        )  # "the Bush administration"
        article = span.start and doc[span.start - 1].lower_ in ("the", "a", "an")
        if len(span) == 1 and article and not office:
            return None  # "the Gospels", "a converted Jew": a word, not someone's name
        modifier = root.dep_ == "compound" and head.pos_ == "NOUN" and len(span) == 1
        if modifier and head.lower_ not in TITLE_HEADS and head.lower_ not in OFFICE_NOUNS:
            return None  # "Measles cases": a word used as a modifier, not a person
        if root.dep_ == "conj" and head.ent_type_ in ("GPE", "LOC"):
            return "place"  # "in Orlando and Gainesville"
        if (
            root.dep_ == "pobj"
            and head.lower_ in ("near", "in", "at", "from")
            and not any(is_title(t) for t in span.doc[max(0, span.start - 2) : span.start])
        ):
            return "place"
    proper_name = len(span) >= 2 and all(t.pos_ == "PROPN" for t in span)
    if kind in ("place", "organization") and proper_name and text not in PLACE_NAMES:
        if root.dep_ == "appos" and root.head.lower_ in TITLE_HEADS:
            return "person"  # "Nigeria's health minister, Amara Okafor"
        if kind == "place" and root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS:
            return "person"  # "Lars Holmberg said", labelled a facility
        listed = any(t.ent_type_ == "PERSON" for t in conjuncts(root))
        if is_a_person(root) or listed:
            return "person"  # "Eyal Tzafrir is a mathematician", "Jerry Sands, Stolmy Varga"
    return kind


def is_a_person(root) -> bool:
    """ "Aner Shalev is an Israeli mathematician": the name is the subject of a "be" whose
    complement is a word for a person."""
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return False
    return any(c.dep_ == "attr" and c.lemma_ in PERSON_NOUNS for c in root.head.children)


def conjuncts(root) -> list:
    """The words a name is listed with: "Jerry Sands, Stolmy Pimentel and Mark Melancon"."""
    related = [root.head] if root.dep_ == "conj" else []
    return related + [c for c in root.children if c.dep_ == "conj"]


def apply(state: State) -> None:
    # The names of events ("Hurricane Delphine") make their short forms ("Delphine") events too.
    events = {e[-1].text for e in state.doc.ents if e[0].lower_ in EVENT_HEADS and len(e) > 1}
    # A website or network NER calls a person in one sentence is one in all of them.
    online = {clean_name(e.text) for e in state.doc.ents if is_online(e)}
    # Words the article also writes in lower case: "Order", "Imperial" are no names.
    common = {t.lower_ for t in state.doc if t.is_lower and t.is_alpha}
    for ent in state.doc.ents:
        host = event_host(ent)
        if host is not None:
            in_quote = state.in_quote(host.start_char)
            state.candidates.append(Candidate(host, host.text, "organization", in_quote=in_quote))
            continue
        kind = KIND_OF_LABEL.get(ent.label_)
        if kind is None:
            continue
        span = trim(ent, kind)
        if not len(span):
            continue
        if span.end < len(span.doc) and span.doc[span.end].text in CLUB_MARKERS:
            span = span.doc[span.start : span.end + 1]  # NER often stops before "FC"
        name = clean_name(span.text)
        if not name or not any(c.isalpha() for c in name) or name in events:
            continue
        if len(span) == 1 and span[0].tag_ == "NNS" and span[0].is_sent_start:
            continue  # "Commuters crowded …": a plural common noun opening a sentence
        word = span[0].lower_
        if len(span) == 1 and word in common and word not in INSTITUTION_HEADS:
            continue  # "we do hereby Order", "our Imperial edict": a word, capitalised
        if name.rstrip(".") in POST_NOMINALS or name.lower().rstrip(".") in HONORIFICS:
            continue  # "Jr.", "FRS" or "Mlle." on its own, cut from the name it goes with
        if name.lower() in NEWS_AGENCIES and not _defined_here(span):
            continue
        kind = "organization" if name in online else kind_of(span, kind)
        if kind == "person" and not PERSON_NAME.match(name):
            span = name_part(span)  # "Ahmed Mohamed, 14" is Ahmed Mohamed
            name = clean_name(span.text) if span is not None else ""
            if not PERSON_NAME.match(name):
                continue  # "S. F., Cal" or "Governor(s": no one's name
        if kind is None:
            continue
        if kind in ("organization", "place") and is_title_fragment(span):
            continue
        in_quote = state.in_quote(span.start_char)
        state.candidates.append(Candidate(span=span, name=name, kind=kind, in_quote=in_quote))
        if kind == "place" and ent.label_ == "GPE" and governs(span):
            # "North Korea fired artillery": the country's government acts, and is an actor
            # besides the place (GUM's convention: a country acting is an organisation).
            state.candidates.append(Candidate(span, name, "organization", in_quote=in_quote))


def governs(span) -> bool:
    """Whether a country or city does something a government does: the subject of a verb
    that takes an object or reports speech ("North Korea fired artillery", "China said")."""
    root = span.root
    verb = root.head
    if root.dep_ != "nsubj" or verb.pos_ != "VERB" or verb.lemma_ in STATE_VERBS:
        return False
    if not all(t.text[:1].isupper() for t in span if t.is_alpha):
        return False  # "a united Germany": a description of the place
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False  # "moved to California to pursue acting": the parser's subject
    objects = any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
    return objects or verb.lemma_ in SPEECH_VERBS


def name_part(span):
    """The words of a person's name before a comma, bracket or number NER ran on into, if
    one of them is more than an initial; else None."""
    end = span.start
    while end < span.end:
        token = span.doc[end]
        if token.like_num or (token.is_punct and token.text not in NAME_MARKS):
            break
        end += 1
    words = span.doc[span.start : end]
    return words if any(len(t) > 2 and t.is_alpha for t in words) else None


def is_online(span) -> bool:
    """A website or network: a web address ("Represent.com"), or where something is posted
    ("posted a photo on Twitter", "said on Facebook")."""
    if WEB_ADDRESS.search(span.text):
        return True
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in ("on", "via"):
        return False
    verb = root.head.head
    if verb.dep_ == "dobj":
        verb = verb.head  # "posted [a photo on Twitter]"
    return verb.lemma_ in POSTING_VERBS


def names_an_event(span) -> bool:
    """Whether a name has an event's or award's word in it, hyphenated ones too ("All-Star")."""
    text = span.text.lower()
    words = {*re.findall(r"[\w-]+", text), *re.findall(r"\w+", text)}  # "all-star", "fest"
    return not words.isdisjoint(EVENT_WORDS)


def event_host(ent):
    """The body whose abbreviation opens an event's or award's name ("the 2022 FIFA World
    Cup", "the BAFTA Award"): it runs the event, and acts in the story. None for events
    without one, and for names that are no event."""
    if ent.label_ != "EVENT" and not names_an_event(ent):
        return None
    doc = ent.doc
    start = ent.start
    while start < ent.end and (doc[start].pos_ in ("DET", "NUM") or doc[start].like_num):
        start += 1
    end = start
    while end < ent.end and is_initialism(doc[end]):
        end += 1
    while start > 0 and is_initialism(doc[start - 1]):
        start -= 1  # NER often leaves it out: "the 2022 FIFA [World Cup]"
    return doc[start:end] if end > start else None


def is_initialism(token) -> bool:
    return token.is_upper and token.is_alpha and len(token) > 1


def _defined_here(span) -> bool:
    """An abbreviation the article defines in brackets ("the Armed Forces (AFP)") is no agency."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].text == "("
