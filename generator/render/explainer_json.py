"""The published explainer contract: explainer.json, schema `explainer/1` (DESIGN.md)."""

from __future__ import annotations

import html
import re

from generator.model import Explainer

SCHEMA = "explainer/1"


def plain_text(markup: str) -> str:
    """Text of an HTML fragment, for JSON consumers that do not render HTML."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def explainer_json(explainer: Explainer) -> dict:
    x = explainer.extraction
    return {
        "schema": SCHEMA,
        "slug": x.slug,
        "title": x.title,
        "dateline": {"place": x.dateline.place, "source": x.dateline.source}
        if x.dateline
        else None,
        "date": x.date.isoformat() if x.date else None,
        "tags": list(x.tags),
        "source_url": x.source_url,
        "summary": list(explainer.summary),
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "role": a.role,
                "affiliation": a.affiliation,
                "aliases": list(a.aliases),
                "mentions": a.mentions,
                "key": a.key,
                # The explainer whose article gave the role and affiliation, when this one
                # names the person without them.
                "learned_from": a.learned_from,
            }
            for a in explainer.actors
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "speaker_label": q.speaker_label,
                "paragraph": q.paragraph,
            }
            for q in explainer.quotes
        ],
        # Reported speech outside quotation marks, as written; speaker null: an unnamed source.
        "claims": [
            {
                "text": c.text,
                "speaker": c.speaker,
                "speaker_label": c.speaker_label,
                "verb": c.verb,
                "paragraph": c.paragraph,
                "partial_quote": c.partial_quote,
            }
            for c in explainer.claims
        ],
        "glossary": [
            {
                "term": t.term,
                "definition": plain_text(t.definition) if t.source == "knowledge" else t.definition,
                "source": t.source,
            }
            for t in explainer.glossary
        ],
        "context": [
            {
                "id": c.id,
                "title": c.title,
                "kind": c.kind,
                "body": plain_text(c.body) if c.source == "knowledge" else c.body,
                "source": c.source,
            }
            for c in explainer.context
        ],
    }
