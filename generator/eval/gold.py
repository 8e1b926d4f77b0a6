"""Gold files: what a careful reader finds in an article, to score the extractor against.

Two forms are read. The hand-written files of tests/extraction/gold list every actor with
`name`, `aliases`, `kind` (places included), `role`, and the quotes with the gold name of
their speaker. The files converted from GUM and LitBank (tests/extraction/make_gold.py) give
each actor's `names` as written in the text, places apart, and, for LitBank, `speakers` that
quotes refer to by id. A corpus that does not annotate something says null there (LitBank
marks speakers, not every actor; GUM marks no quotes), and that figure is not scored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError

HINT = "regenerate it with `make gold`, or fix the hand-written file (tests/extraction/README.md)"


@dataclass
class GoldActor:
    name: str
    kind: str  # person, organization, group or place
    names: list[str]  # every name the text uses for it, the main one first
    role: str | None = None


@dataclass
class GoldQuote:
    text: str
    speaker: GoldActor | None  # None: the speaker is not named (a pronoun, "an official")
    paragraph: int | None = None  # 1-based, as Quote.paragraph


@dataclass
class Gold:
    path: Path  # the gold file
    article: Path  # the seed it describes
    actors: list[GoldActor] | None  # people and organisations; None: not annotated
    places: list[GoldActor] | None
    quotes: list[GoldQuote] | None


class _Malformed(Exception):
    """What is wrong, and a piece of the file's text near it (to find its line)."""

    def __init__(self, message: str, near: str | None) -> None:
        super().__init__(message)
        self.near = near


def _need(entry: object, key: str, what: str):
    if not isinstance(entry, dict):
        raise _Malformed(f"{what} must be an object, not {json.dumps(entry)}", json.dumps(entry))
    if key not in entry:
        first = next((v for v in entry.values() if isinstance(v, str)), None)
        near = json.dumps(first, ensure_ascii=False) if first else None
        raise _Malformed(f"{what} has no `{key}`", near)
    return entry[key]


def _actor(entry: dict) -> GoldActor:
    name = _need(entry, "name", "an actor")
    names = entry.get("names") or [name, *entry.get("aliases", [])]
    return GoldActor(name, _need(entry, "kind", "an actor"), list(names), entry.get("role"))


def _speaker(quote: dict, data: dict, actors: list[GoldActor]) -> GoldActor | None:
    speaker = _need(quote, "speaker", "a quote")
    if speaker is None:
        return None
    if "speakers" in data:  # LitBank: speakers by id, some of them unnamed
        for entry in data["speakers"]:
            if _need(entry, "id", "a speaker") == speaker:
                named = _need(entry, "named", "a speaker")
                return GoldActor(entry["name"], "person", entry["names"]) if named else None
    else:
        for actor in actors:
            if actor.name == speaker:
                return actor
    where = "speakers" if "speakers" in data else "actors"
    raise _Malformed(f"a quote's speaker {speaker!r} is not among the {where}", json.dumps(speaker))


def _list(data: dict, key: str) -> list | None:
    value = _need(data, key, "the file")
    if value is not None and not isinstance(value, list):
        raise _Malformed(f"`{key}` must be a list or null", f'"{key}"')
    return value


def parse_gold(data: object, path: Path, root: Path) -> Gold:
    """A gold file's data as a Gold; _Malformed says what is wrong."""
    article = _need(data, "article", "the file")
    listed = _list(data, "actors")
    everyone = [_actor(e) for e in listed] if listed is not None else None
    if "places" in data:
        places = _list(data, "places")
        places = [_actor(e) for e in places] if places is not None else None
    else:  # the hand-written form lists places among the actors
        places = [a for a in everyone or [] if a.kind == "place"]
    actors = [a for a in everyone if a.kind != "place"] if everyone is not None else None
    quotes = _list(data, "quotes")
    if quotes is not None:
        quotes = [
            GoldQuote(
                _need(q, "text", "a quote"), _speaker(q, data, everyone or []), q.get("paragraph")
            )
            for q in quotes
        ]
    return Gold(path, root / article, actors, places, quotes)


def load_gold(path: Path, root: Path) -> Gold:
    """Read one gold file; InputError naming the file and line when it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot be read: {exc}", path=path, hint=HINT) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg}", path=path, line=exc.lineno, hint=HINT
        ) from None
    try:
        return parse_gold(data, path, root)
    except _Malformed as exc:
        at = text.find(exc.near) if exc.near else -1
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        raise InputError(str(exc), path=path, line=line, hint=HINT) from None
