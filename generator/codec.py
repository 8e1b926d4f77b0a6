"""Extraction ⇄ JSON, for the cache (the exact round trip of the dataclasses)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from generator.model import (
    Actor,
    ContextBox,
    Dateline,
    Extraction,
    Mention,
    Quote,
    Term,
    TokenTable,
)


def extraction_to_dict(extraction: Extraction) -> dict:
    data = dataclasses.asdict(extraction)
    data["date"] = extraction.date.isoformat() if extraction.date else None
    return data


def extraction_from_dict(data: dict) -> Extraction:
    """Rebuild an Extraction; a missing or mistyped field raises (KeyError, TypeError…)."""
    tokens = TokenTable(**data["tokens"])
    tokens.entities = [tuple(e) for e in tokens.entities]
    tokens.sentences = [tuple(s) for s in tokens.sentences]
    return Extraction(
        slug=data["slug"],
        title=data["title"],
        dateline=Dateline(**data["dateline"]) if data["dateline"] else None,
        date=dt.date.fromisoformat(data["date"]) if data["date"] else None,
        summary=list(data["summary"]),
        actors=[Actor(**a) for a in data["actors"]],
        quotes=[Quote(**q) for q in data["quotes"]],
        context=[ContextBox(**c) for c in data["context"]],
        terms=[Term(**t) for t in data["terms"]],
        mentions=[Mention(**m) for m in data["mentions"]],
        tokens=tokens,
        paragraphs=list(data["paragraphs"]),
        tags=list(data["tags"]),
        source_url=data["source_url"],
        source_path=data["source_path"],
    )
