"""URL-safe slugs from headlines and names, and the names the site's own files take."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from generator.errors import shown

_STOP_TAIL = {"a", "an", "the", "to", "of", "on", "in", "and", "or", "for", "at", "by", "with"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str, max_length: int = 60) -> str:
    """Lowercase ASCII words joined by hyphens, cut at a word boundary ("U.S." → "us")."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"(?<=\w)[.'’](?=\w)", "", text)  # U.S. -> US, Israel's -> Israels
    words = re.findall(r"[a-z0-9]+", text.lower())
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > max_length:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1] in _STOP_TAIL:
        kept.pop()
    return "-".join(kept)[:max_length].strip("-")


# The top-level names of the site's own files: each one's file and what it is. A page in
# content/pages/ is published at /<name>/, so it may take none of them.
BUILT_IN = {
    "index": ("index.html", "the home page"),
    "page": ("page/2/index.html", "the home page's later pages"),
    "actors": ("actors/index.html", "the actor directory"),
    "glossary": ("glossary/index.html", "the glossary"),
    "search": ("search/index.html", "the search page"),
    "404": ("404.html", "the page shown for an address that does not exist"),
    "feed.xml": ("feed.xml", "the Atom feed"),
    "sitemap.xml": ("sitemap.xml", "the sitemap"),
    "robots.txt": ("robots.txt", "the rules for crawlers"),
    "static": ("static/", "the theme's static files"),
    "pagefind": ("pagefind/", "the search index"),
}


def reserved_names(pages: Mapping[str, Path]) -> dict[str, str]:
    """Every top-level name an explainer may not take, with what already holds it: the
    site's own files, then the pages of content/pages/ (by their file)."""
    taken = {name: f"the site's own {made} ({what})" for name, (made, what) in BUILT_IN.items()}
    taken.update((name, shown(path)) for name, path in pages.items())
    return taken
