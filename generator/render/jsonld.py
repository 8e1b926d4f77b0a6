"""Structured data (schema.org JSON-LD) for the pages: plain dicts, serialised by the theme."""

from __future__ import annotations

from collections.abc import Callable

from generator.model import Actor, Explainer
from generator.render.explainer_json import plain_text

CONTEXT = "https://schema.org"
# schema.org types for the actor kinds; a group (e.g. "Democrats") is an Organization.
ACTOR_TYPES = {"person": "Person", "organization": "Organization", "group": "Organization"}
WORDS_PER_MINUTE = 230

Absolute = Callable[[str], str]


def reading_minutes(explainer: Explainer) -> int:
    """Minutes to read the article at an adult's pace; at least one."""
    return max(1, round(explainer.word_count / WORDS_PER_MINUTE))


def _thing(kind: str, name: str, url: str) -> dict:
    return {"@type": ACTOR_TYPES.get(kind, "Place"), "name": name, "url": url}


def actor_thing(actor: Actor, absolute: Absolute) -> dict:
    thing = _thing(actor.kind, actor.name, absolute(f"/actors/{actor.id}/"))
    if actor.aliases:
        thing["alternateName"] = actor.aliases
    if actor.kind == "person":
        if actor.role:
            thing["jobTitle"] = actor.role
        if actor.affiliation:
            thing["affiliation"] = {"@type": "Organization", "name": actor.affiliation}
    return thing


def explainer_ld(explainer: Explainer, site_name: str, language: str, absolute: Absolute) -> dict:
    """The explainer as a BackgroundNewsArticle mentioning its people and organisations."""
    extraction = explainer.extraction
    url = absolute(f"/{explainer.slug}/")
    data: dict = {
        "@context": CONTEXT,
        "@type": "BackgroundNewsArticle",
        "headline": explainer.title,
        "description": " ".join(explainer.summary),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": language,
        "wordCount": explainer.word_count,
        "timeRequired": f"PT{reading_minutes(explainer)}M",
        "publisher": {"@type": "Organization", "name": site_name, "url": absolute("/")},
        "mentions": [actor_thing(a, absolute) for a in explainer.actors],
    }
    if extraction.date:
        data["datePublished"] = extraction.date.isoformat()
    if extraction.dateline:
        data["dateline"] = extraction.dateline.place
        data["sourceOrganization"] = {"@type": "Organization", "name": extraction.dateline.source}
    if extraction.source_url:
        data["isBasedOn"] = extraction.source_url
    if extraction.tags:
        data["keywords"] = extraction.tags
    if explainer.glossary:
        data["about"] = [{"@type": "DefinedTerm", "name": t.term} for t in explainer.glossary]
    return data


def glossary_ld(items: list, site_name: str, absolute: Absolute) -> dict:
    """The site's glossary as one DefinedTermSet."""
    url = absolute("/glossary/")
    return {
        "@context": CONTEXT,
        "@type": "DefinedTermSet",
        "@id": url,
        "name": f"Glossary · {site_name}",
        "url": url,
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "@id": f"{url}#{item.id}",
                "name": item.term.term,
                "description": plain_text(item.term.definition)
                if item.term.source == "knowledge"
                else item.term.definition,
                "inDefinedTermSet": url,
            }
            for item in items
        ],
    }


def actor_ld(entry, absolute: Absolute) -> dict:
    """An actor's page: a ProfilePage about one person, organisation or place."""
    thing = _thing(entry.kind, entry.name, absolute(f"/actors/{entry.id}/"))
    if entry.kind == "person" and entry.roles:
        thing["jobTitle"] = entry.roles[0]
    if entry.affiliations:
        thing["affiliation"] = [{"@type": "Organization", "name": a} for a in entry.affiliations]
    thing["subjectOf"] = [
        {
            "@type": "BackgroundNewsArticle",
            "headline": a.explainer.title,
            "url": absolute(f"/{a.explainer.slug}/"),
        }
        for a in entry.appearances
    ]
    return {
        "@context": CONTEXT,
        "@type": "ProfilePage",
        "url": absolute(f"/actors/{entry.id}/"),
        "mainEntity": thing,
    }


def collection_ld(name: str, url: str, description: str, parts: list[tuple[str, str]]) -> dict:
    """A listing page (index, actors directory) as a CollectionPage with an ItemList."""
    return {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": name,
        "url": url,
        "description": description,
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": i, "name": title, "url": href}
                for i, (title, href) in enumerate(parts, start=1)
            ],
        },
    }


def webpage_ld(name: str, url: str, site_name: str) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "WebPage",
        "name": name,
        "url": url,
        "isPartOf": {"@type": "WebSite", "name": site_name},
    }
