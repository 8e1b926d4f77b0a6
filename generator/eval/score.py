"""Scoring one article's actors and quotes against its gold file: the one matcher.

Actors. A found actor and a gold actor are the same entity when one of the found actor's
names (its name or an alias) and one of the gold names are equal, or one is a run of
consecutive words of the other ("Bos" and "Nick Bos", "Reclamation" and "Bureau of
Reclamation", "Helsinki University" and "Helsinki"), a run that is more than titles and
joining words ("Mr", "of"). Names are compared in lower case, without periods, a leading
"the" or a final "'s". Pairs are made one to one, best first: equal names before runs, the
same kind before another kind, then in order of the gold file and of the extraction. A found
actor left unpaired counts against precision, also when it is a second actor for an entity
already paired (the page would show that person twice). People, organisations and groups are
scored as actors; places apart.

Quotes. A gold quote is found when an extracted quote starts with the same words (up to six);
among several, the one nearest by paragraph. Its attribution is right when the speaker is
the gold speaker by the rule above, or when both say nobody is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

from generator.eval.gold import Gold, GoldActor
from generator.model import Actor, Quote

ACTOR_KINDS = ("person", "organization", "group")
QUOTE_WORDS = 6
# A run of these words alone does not make two names one: "Mr" is not "Mr Bennet".
NOT_ENOUGH = {"the", "of", "and", "for", "a", "an", "mr", "mrs", "ms", "miss", "dr", "sir", "st"}
EQUAL, RUN = 2, 1


def name_words(name: str) -> tuple[str, ...]:
    name = name.lower().replace("’", "'").replace(".", " ")
    name = re.sub(r"'s\b", "", name)
    found = re.findall(r"[^\W_]+(?:['&-][^\W_]+)*", name)
    return tuple(found[1:] if found[:1] == ["the"] else found)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def name_match(a: str, b: str) -> int:
    """EQUAL, RUN (one name is a run of the other's words) or 0."""
    x, y = name_words(a), name_words(b)
    if not x or not y:
        return 0
    if x == y:
        return EQUAL
    shorter, longer = (x, y) if len(x) < len(y) else (y, x)
    if set(shorter) <= NOT_ENOUGH:
        return 0
    return RUN if _contains(longer, shorter) else 0


def same_entity(found: Actor, gold: GoldActor) -> int:
    """How well a found actor's names match a gold actor's: EQUAL, RUN or 0."""
    return max(
        (name_match(a, b) for a in [found.name, *found.aliases] for b in gold.names), default=0
    )


def pair_actors(found: list[Actor], gold: list[GoldActor]) -> dict[int, Actor]:
    """Gold index → the found actor paired with it, one to one, best matches first."""
    candidates = []
    for i, g in enumerate(gold):
        for j, actor in enumerate(found):
            level = same_entity(actor, g)
            if level:
                candidates.append((-level, actor.kind != g.kind, i, j))
    pairs: dict[int, Actor] = {}
    used: set[int] = set()
    for _, _, i, j in sorted(candidates):
        if i not in pairs and j not in used:
            pairs[i] = found[j]
            used.add(j)
    return pairs


def roles_agree(found: str | None, gold: str) -> bool:
    if not found:
        return False
    a = " ".join(re.findall(r"[a-z]+", found.lower()))
    b = " ".join(re.findall(r"[a-z]+", gold.lower()))
    return bool(a and b) and (a in b or b in a)


def quote_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


@dataclass
class Score:
    """Counts over one or more articles; `figures` turns them into ratios."""

    actors_found: int = 0
    actors_gold: int = 0
    actors_matched: int = 0
    places_found: int = 0
    places_gold: int = 0
    places_matched: int = 0
    roles_gold: int = 0
    roles_right: int = 0
    quotes_gold: int = 0
    quotes_found: int = 0  # quotes extracted, gold or not
    quotes_matched: int = 0  # gold quotes found
    quotes_attributed: int = 0  # gold quotes found and attributed right
    problems: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for f in fields(self):
            if f.name != "problems":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def counts(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "problems"}

    @property
    def figures(self) -> dict[str, float | None]:
        """Ratios; None where there was nothing to count (a corpus without roles, say): only
        what a gold file annotates is counted at all."""

        def ratio(a: int, b: int) -> float | None:
            return a / b if b else None

        return {
            "actor_p": ratio(self.actors_matched, self.actors_found),
            "actor_r": ratio(self.actors_matched, self.actors_gold),
            "place_p": ratio(self.places_matched, self.places_found),
            "place_r": ratio(self.places_matched, self.places_gold),
            "role": ratio(self.roles_right, self.roles_gold),
            "quote_p": ratio(self.quotes_matched, self.quotes_found),
            "quote_r": ratio(self.quotes_matched, self.quotes_gold),
            "attr_found": ratio(self.quotes_attributed, self.quotes_matched),
            "attr_all": ratio(self.quotes_attributed, self.quotes_gold),
        }


def _score_actors(actors: list[Actor], gold: Gold, score: Score, roles: bool) -> None:
    if gold.actors is None:
        return
    found = [a for a in actors if a.kind in ACTOR_KINDS]
    pairs = pair_actors(found, gold.actors)
    score.actors_found, score.actors_gold, score.actors_matched = (
        len(found),
        len(gold.actors),
        len(pairs),
    )
    paired = {id(a) for a in pairs.values()}
    score.problems += [
        f"missed {g.kind} {g.name!r}" for i, g in enumerate(gold.actors) if i not in pairs
    ]
    score.problems += [f"extra {a.kind} {a.name!r}" for a in found if id(a) not in paired]
    for i, g in enumerate(gold.actors):
        if not (roles and g.role):
            continue
        score.roles_gold += 1
        actor = pairs.get(i)
        if actor is not None and roles_agree(actor.role, g.role):
            score.roles_right += 1
        elif actor is not None:
            score.problems.append(f"role of {g.name!r}: {actor.role!r}, gold {g.role!r}")


def _score_places(actors: list[Actor], gold: Gold, score: Score) -> None:
    if gold.places is None:
        return
    found = [a for a in actors if a.kind == "place"]
    score.places_found, score.places_gold = len(found), len(gold.places)
    score.places_matched = len(pair_actors(found, gold.places))


def _nearest(candidates: list[Quote], paragraph: int | None) -> Quote:
    if paragraph is None:
        return candidates[0]
    return min(candidates, key=lambda q: abs(q.paragraph - paragraph))


def _score_quotes(actors: list[Actor], quotes: list[Quote], gold: Gold, score: Score) -> None:
    if gold.quotes is None:
        return
    by_id = {a.id: a for a in actors}
    left = list(quotes)
    score.quotes_found, score.quotes_gold = len(quotes), len(gold.quotes)
    for q in gold.quotes:
        first = quote_words(q.text)[:QUOTE_WORDS]
        candidates = [f for f in left if quote_words(f.text)[: len(first)] == first]
        if not first or not candidates:
            score.problems.append(f"missed quote {q.text[:40]!r}")
            continue
        quote = _nearest(candidates, q.paragraph)
        left.remove(quote)
        score.quotes_matched += 1
        speaker = by_id.get(quote.speaker) if quote.speaker else None
        if q.speaker is None:
            right = speaker is None
        else:
            right = speaker is not None and same_entity(speaker, q.speaker) > 0
        if right:
            score.quotes_attributed += 1
        else:
            score.problems.append(
                f"quote {q.text[:30]!r}: {speaker.name if speaker else None!r} "
                f"({quote.speaker_label!r}), gold {q.speaker.name if q.speaker else None!r}"
            )
    score.problems += [f"extra quote {f.text[:40]!r}" for f in left]


def score_article(
    actors: list[Actor], quotes: list[Quote], gold: Gold, roles: bool = True
) -> Score:
    """Compare what was found in one article (by the extractor or the baseline) with its gold;
    `roles=False` for a system that gives none (its role figure is then "—", not 0)."""
    score = Score()
    _score_actors(actors, gold, score, roles)
    _score_places(actors, gold, score)
    _score_quotes(actors, quotes, gold, score)
    return score
