"""The theme's filters: small wordings and formats every page uses, in Python for speed."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

from markupsafe import Markup

KIND_LABELS = {
    "person": "Person",
    "organization": "Organization",
    "group": "Group",
    "place": "Place",
}
KIND_PLURALS = {
    "person": "People",
    "organization": "Organizations",
    "group": "Groups",
    "place": "Places",
}
CONTEXT_LABELS = {
    "background": "Background",
    "why-it-matters": "Why it matters",
    "whats-next": "What’s next",
    "place": "The place",
    "organization": "The organization",
    "event": "The event",
    "process": "How it works",
    "person": "Profile",
}


# One encoder for every page (json.dumps with options makes a new one per call).
_JSON = json.JSONEncoder(ensure_ascii=False)


def json_for_script(value: object) -> Markup:
    """JSON safe inside <script>: "<", ">" and "&" escaped so text can never close the tag."""
    text = _JSON.encode(value)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def initial(text: str) -> str:
    """The A–Z letter a term is filed under: its first letter without accents, else "#"."""
    first = unicodedata.normalize("NFKD", text.strip()[:1]).encode("ascii", "ignore").decode()
    return first.upper() if first.isalpha() else "#"


def kind_label(kind: str) -> str:
    """ "person" → "Person"."""
    return KIND_LABELS.get(kind, kind.capitalize())


def kind_plural(kind: str) -> str:
    """ "person" → "People"."""
    return KIND_PLURALS.get(kind, kind.capitalize())


def context_label(kind: str) -> str:
    """ "whats-next" → "What’s next"."""
    return CONTEXT_LABELS.get(kind, kind.replace("-", " ").capitalize())


def times(n: int) -> str:
    """1 → "once", 2 → "twice", 5 → "5 times"."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def plural(n: int, one: str, many: str) -> str:
    """`n|plural('explainer', 'explainers')` → "1 explainer", "3 explainers"."""
    return f"{n} {one if n == 1 else many}"


def long_date(date: dt.date) -> Markup:
    """A <time> element: "March 4, 2024"."""
    return Markup('<time datetime="{}">{} {}, {}</time>').format(
        date.isoformat(), date.strftime("%B"), date.day, date.year
    )


def role_line(role: str | None, affiliation: str | None) -> str:
    """ "Prime minister, Israel", or whichever of the two is known."""
    return ", ".join(part for part in (role, affiliation) if part)


DICTIONARY_LABEL = Markup('<small class="term-source">Dictionary definition</small>')


def rich(text: str, source: str) -> Markup:
    """Article text is plain and stays escaped (in a paragraph); knowledge-base text is
    sanitised HTML already; the dictionary's plain text is labelled as the dictionary's."""
    if source == "knowledge":
        return Markup(text)
    if source == "dictionary":
        return Markup("<p>{} {}</p>").format(text, DICTIONARY_LABEL)
    return Markup("<p>{}</p>").format(text)


FILTERS = {
    "tojson_script": json_for_script,
    "initial": initial,
    "kind_label": kind_label,
    "kind_plural": kind_plural,
    "context_label": context_label,
    "times": times,
    "plural": plural,
    "long_date": long_date,
    "role_line": role_line,
    "rich": rich,
}
