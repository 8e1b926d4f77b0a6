"""Attributed claims against their gold (tests/extraction/claims/, conventions in its README):
are the claims found, with the right span and the right speaker?

A found claim matches a gold claim in the same paragraph when the Jaccard index of their sets
of words is at least 0.5; pairs are one to one, best overlap first. Recall: gold claims
matched; speaker accuracy: matched claims whose speaker is right (the names match as actors
are matched, or both name nobody); precision: found claims matched with the right speaker.

"seen" is the sample seeds and the articles the rule was tuned on; "held-out" three articles
written and annotated blind. Beside the extractor, a plain baseline from the same parse: each
reporting verb with a subject and a clausal complement, the complement as the span and the
actor named at the subject (no coreference) as the speaker.

The articles are parsed here, once each, and both systems read that parse: the baseline
needs the dependencies, which no extraction keeps.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

from generator.config import SiteConfig
from generator.errors import InputError
from generator.eval.score import name_match
from generator.extract.lexicon import REPORTING_VERBS
from generator.model import Actor, Article, Claim, Extraction
from generator.read.seeds import read_article

if TYPE_CHECKING:
    from spacy.tokens import Doc

CLAIMS_ROOT = Path("tests") / "extraction" / "claims"
CLAIM_SETS = {
    "seen": ("claims seen (tuned on)", "gold"),
    "held-out": ("claims held-out (blind)", "held-out"),
}
SYSTEMS = ("extractor", "baseline")
OVERLAP = 0.5
HINT = "see tests/extraction/claims/README.md for the gold file's fields"


@dataclass
class GoldClaim:
    text: str
    paragraph: int
    speaker: list[str] | None  # the speaker's names; None: a source the article does not name


@dataclass
class ClaimGold:
    path: Path
    article: Path
    claims: list[GoldClaim]


@dataclass
class ClaimScore:
    gold: int = 0
    found: int = 0  # claims the system gave
    matched: int = 0  # gold claims matched by span
    speaker_right: int = 0  # of those, with the right speaker
    problems: list[str] = field(default_factory=list)

    def add(self, other: ClaimScore) -> None:
        for f in fields(self):
            if f.name != "problems":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def figures(self) -> dict[str, float | None]:
        def ratio(a: int, b: int) -> float | None:
            return a / b if b else None

        return {
            "precision": ratio(self.speaker_right, self.found),
            "recall": ratio(self.matched, self.gold),
            "speaker": ratio(self.speaker_right, self.matched),
        }


@dataclass
class ClaimSetResult:
    name: str
    label: str
    scores: dict[str, ClaimScore] = field(default_factory=dict)  # system -> total
    articles: dict[str, dict[str, ClaimScore]] = field(default_factory=dict)


# Gold files ---------------------------------------------------------------------------------


def _line_of(text: str, needle: str) -> int | None:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


class _MalformedClaim(Exception):
    """What is wrong with a gold file, and a piece of its text near it (to find the line)."""

    def __init__(self, message: str, near: str | None = None) -> None:
        super().__init__(message)
        self.near = near


def _field(entry: object, key: str, what: str) -> object:
    if not isinstance(entry, dict):
        raise _MalformedClaim(f"{what} must be an object, not {json.dumps(entry)}")
    if key not in entry:
        near = next((json.dumps(v) for v in entry.values() if isinstance(v, str)), None)
        raise _MalformedClaim(f"{what} has no `{key}`", near)
    return entry[key]


def _gold_claim(entry: object, speakers: dict) -> GoldClaim:
    text = _field(entry, "text", "a claim")
    paragraph = _field(entry, "paragraph", "a claim")
    speaker = _field(entry, "speaker", "a claim")
    if not isinstance(text, str) or not text.strip():
        raise _MalformedClaim("a claim's `text` must be the words of its span", json.dumps(text))
    if not isinstance(paragraph, int) or paragraph < 1:
        raise _MalformedClaim("a claim's `paragraph` must be a number from 1", json.dumps(text))
    if speaker is not None and speaker not in speakers:
        raise _MalformedClaim(
            f"a claim's speaker {speaker!r} is not among the `speakers`", json.dumps(speaker)
        )
    return GoldClaim(text, paragraph, None if speaker is None else list(speakers[speaker]))


def load_claim_gold(path: Path, root: Path) -> ClaimGold:
    """One gold file; InputError naming the file and line when it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot be read: {exc}", path=path, hint=HINT) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg}", path=path, line=exc.lineno, hint=HINT
        ) from None
    try:
        speakers = _field(data, "speakers", "the file")
        if not isinstance(speakers, dict):
            raise _MalformedClaim("`speakers` must map each id to its names", '"speakers"')
        entries = _field(data, "claims", "the file")
        if not isinstance(entries, list):
            raise _MalformedClaim("`claims` must be a list", '"claims"')
        claims = [_gold_claim(entry, speakers) for entry in entries]
        article = _field(data, "article", "the file")
        return ClaimGold(path, root / str(article), claims)
    except _MalformedClaim as exc:
        line = _line_of(text, exc.near) if exc.near else None
        raise InputError(str(exc), path=path, line=line, hint=HINT) from None


# Matching -----------------------------------------------------------------------------------


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", "")))


def jaccard(a: str, b: str) -> float:
    x, y = words(a), words(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def speaker_right(claim: Claim, gold: GoldClaim, actors: dict[str, Actor]) -> bool:
    actor = actors.get(claim.speaker) if claim.speaker else None
    if gold.speaker is None or actor is None:
        return gold.speaker is None and actor is None
    names = [actor.name, *actor.aliases]
    return any(name_match(a, b) for a in names for b in gold.speaker)


def score_claims(claims: list[Claim], actors: list[Actor], gold: list[GoldClaim]) -> ClaimScore:
    """One article's claims against its gold claims."""
    score = ClaimScore(gold=len(gold), found=len(claims))
    by_id = {a.id: a for a in actors}
    pairs = sorted(
        (
            (-jaccard(c.text, g.text), i, j)
            for i, g in enumerate(gold)
            for j, c in enumerate(claims)
            if c.paragraph == g.paragraph and jaccard(c.text, g.text) >= OVERLAP
        ),
    )
    paired: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in paired and j not in used:
            paired[i] = j
            used.add(j)
    for i, g in enumerate(gold):
        if i not in paired:
            score.problems.append(f"missed ¶{g.paragraph} {g.text[:50]!r}")
            continue
        score.matched += 1
        claim = claims[paired[i]]
        if speaker_right(claim, g, by_id):
            score.speaker_right += 1
        else:
            who = by_id[claim.speaker].name if claim.speaker in by_id else None
            gold_who = g.speaker[0] if g.speaker else None
            score.problems.append(
                f"speaker ¶{g.paragraph} {g.text[:30]!r}: {who!r} ({claim.speaker_label!r}), "
                f"gold {gold_who!r}"
            )
    score.problems += [
        f"extra ¶{c.paragraph} {c.text[:50]!r}" for j, c in enumerate(claims) if j not in used
    ]
    return score


# The baseline -------------------------------------------------------------------------------


def baseline_claims(doc: Doc, extraction: Extraction) -> list[Claim]:
    """Each reporting verb of the general list (lexicon.REPORTING_VERBS) with a subject and a
    clausal complement: the complement is the claim, the actor named at the subject (by the
    extraction's mentions) its speaker."""
    text = doc.text
    claims = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_ not in REPORTING_VERBS:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if subject is None or clause is None:
            continue
        start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
        speaker = next(
            (m.actor for m in extraction.mentions if m.start <= subject.idx < m.end), None
        )
        claims.append(
            Claim(
                text=text[start:end],
                speaker=speaker,
                speaker_label=subject.text,
                verb=verb.text,
                paragraph=text.count("\n\n", 0, start) + 1,
                start=start,
                end=end,
            )
        )
    return claims


# The run ------------------------------------------------------------------------------------


def check_spans(gold: ClaimGold, article: Article) -> None:
    """Each gold span stands, exactly as written, in its paragraph: a typo would make the
    claim unmatchable and count against every system alike."""
    text = gold.path.read_text(encoding="utf-8")
    for claim in gold.claims:
        paragraphs = article.paragraphs
        inside = (
            claim.paragraph <= len(paragraphs) and claim.text in paragraphs[claim.paragraph - 1]
        )
        if not inside:
            raise InputError(
                f"a claim's text is not in paragraph {claim.paragraph} of {article.path}",
                path=gold.path,
                line=_line_of(text, json.dumps(claim.text, ensure_ascii=False)),
                hint="copy the span from the article as it stands, and count paragraphs from 1",
            )


def _load(root: Path, folder: str, errors: list[InputError]) -> list[tuple[ClaimGold, Article]]:
    pairs = []
    for path in sorted((root / CLAIMS_ROOT / folder).glob("*.json")):
        try:
            gold = load_claim_gold(path, root)
            article = read_article(gold.article)
            check_spans(gold, article)
            pairs.append((gold, article))
        except InputError as exc:  # one bad file must not hide the others
            errors.append(exc)
    return pairs


def evaluate_claims(
    config: SiteConfig, root: Path
) -> tuple[list[ClaimSetResult], list[InputError]]:
    """The extractor's and the baseline's claims on each claims set, from one parse."""
    from generator.extract.nlp import load_model
    from generator.extract.pipeline import extract

    errors: list[InputError] = []
    loaded = {name: _load(root, folder, errors) for name, (_, folder) in CLAIM_SETS.items()}
    if not any(loaded.values()):
        return [], errors
    nlp = load_model(config.extract.model, config.extract.model_version)
    results = []
    for name, pairs in loaded.items():
        result = ClaimSetResult(name, CLAIM_SETS[name][0])
        result.scores = {system: ClaimScore() for system in SYSTEMS}
        docs = nlp.pipe(article.text for _, article in pairs)
        for (gold, article), doc in zip(pairs, docs, strict=True):
            extraction = extract(article, doc)
            found = {
                "extractor": score_claims(extraction.claims, extraction.actors, gold.claims),
                "baseline": score_claims(
                    baseline_claims(doc, extraction), extraction.actors, gold.claims
                ),
            }
            result.articles[gold.path.stem] = found
            for system, score in found.items():
                result.scores[system].add(score)
        results.append(result)
    return results, errors


def _cell(value: float | None) -> str:
    return f"{'—' if value is None else f'{value:.2f}':>9}"


def claims_table(results: list[ClaimSetResult]) -> str:
    lines = [f"{'set':31} {'docs':>4}  {'system':9} {'precision':>9} {'recall':>9} {'speaker':>9}"]
    for result in results:
        for n, system in enumerate(SYSTEMS):
            figures = result.scores[system].figures
            label, docs = (result.label, str(len(result.articles))) if n == 0 else ("", "")
            cells = "".join(_cell(figures[k]) for k in ("precision", "recall", "speaker"))
            lines.append(f"{label:31} {docs:>4}  {system:9}{cells}")
    return "\n".join(lines)


def claims_json(results: list[ClaimSetResult]) -> dict:
    return {
        r.name: {
            "label": r.label,
            "documents": len(r.articles),
            **{
                system: {"figures": score.figures, "gold": score.gold, "found": score.found}
                for system, score in r.scores.items()
            },
            "articles": {
                name: {
                    "extractor": found["extractor"].figures,
                    "baseline": found["baseline"].figures,
                    # Held-out articles are read for their figures only, never their errors.
                    "problems": found["extractor"].problems if r.name != "held-out" else [],
                }
                for name, found in r.articles.items()
            },
        }
        for r in results
    }
