"""The editorial knowledge base in content/: Markdown files with TOML front matter.

A file's name is its entry's id and part of the site's addresses, so it must be a slug, and a
page may not take a name of the site's own files. A file is at most MAX_FILE_BYTES long.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import InputError, InputErrors, closest
from generator.knowledge.dictionary import Dictionary, sense_problem
from generator.knowledge.match import phrase_words
from generator.model import ACTOR_KINDS, CONTEXT_KINDS
from generator.read.frontmatter import Document, key_line, split_front_matter, value_line
from generator.read.seeds import decode_text
from generator.slugs import BUILT_IN, SLUG_RE, reserved_names, slugify

# A content file is one entry or page written by hand, a few kilobytes. Anything larger is
# refused without being read whole, so a stray dump cannot take the build's time and memory.
MAX_FILE_BYTES = 1_000_000

CATEGORIES = (
    "politics",
    "diplomacy",
    "war",
    "law",
    "economy",
    "health",
    "science",
    "elections",
    "sports",
    "media",
    "general",
)

STR, STRS, STR_MAP = "a string", "a list of strings", "a table of strings"
SENSE, SENSE_MAP = "a sense number (1 or more)", "a table of sense numbers (1 or more)"
FLAG = "true or false"
# Per kind of file: key -> (expected form, required)
SCHEMAS: dict[str, dict[str, tuple[str, bool]]] = {
    "glossary": {
        "term": (STR, True),
        "aliases": (STRS, False),
        "category": (STR, False),
        # Without a body: show the dictionary's definition in this sense (as `check` lists).
        "sense": (SENSE, False),
        # Never a glossary term, on any page: an everyday word in this site's beat.
        "suppress": (FLAG, False),
    },
    "context": {"title": (STR, True), "kind": (STR, True), "triggers": (STRS, True)},
    "actors": {
        "name": (STR, True),
        "aliases": (STRS, False),
        "kind": (STR, True),
        "role": (STR, False),
        "affiliation": (STR, False),
    },
    "explainers": {
        "summary": (STRS, False),
        "hide": (STRS, False),
        "pin": (STRS, False),
        "roles": (STR_MAP, False),
        "add_context": (STRS, False),
        "remove_context": (STRS, False),
        "add_terms": (STRS, False),
        "remove_terms": (STRS, False),
        # Dictionary terms: not in this explainer, or in this sense.
        "suppress_terms": (STRS, False),
        "senses": (SENSE_MAP, False),
    },
    "pages": {"title": (STR, True)},
}
NOUNS = {
    "glossary": "a glossary entry",
    "context": "a context entry",
    "actors": "an actor",
    "explainers": "an explainer's override",
    "pages": "a page",
}
CHOICES = {
    ("context", "kind"): CONTEXT_KINDS,
    ("actors", "kind"): ACTOR_KINDS,
    ("glossary", "category"): CATEGORIES,
}


@dataclass
class GlossaryEntry:
    id: str
    term: str
    aliases: list[str]
    category: str
    definition: str  # HTML; empty when the entry pins a sense or suppresses the term
    path: Path
    sense: int | None = None  # the dictionary's sense to show, if no definition is written
    suppress: bool = False


@dataclass
class ContextEntry:
    id: str
    title: str
    kind: str
    triggers: list[str]
    body: str  # HTML
    path: Path


@dataclass
class ActorProfile:
    id: str
    name: str
    aliases: list[str]
    kind: str
    role: str | None
    affiliation: str | None
    bio: str  # HTML
    path: Path


@dataclass
class Override:
    slug: str
    path: Path
    summary: list[str] | None = None
    hide: list[str] = field(default_factory=list)
    pin: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    add_context: list[str] = field(default_factory=list)
    remove_context: list[str] = field(default_factory=list)
    add_terms: list[str] = field(default_factory=list)
    remove_terms: list[str] = field(default_factory=list)
    suppress_terms: list[str] = field(default_factory=list)
    senses: dict[str, int] = field(default_factory=dict)  # term -> the dictionary's sense
    note: str = ""  # HTML


@dataclass
class Page:
    name: str
    title: str
    body: str  # HTML
    path: Path


@dataclass
class Knowledge:
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)
    context: dict[str, ContextEntry] = field(default_factory=dict)
    actors: dict[str, ActorProfile] = field(default_factory=dict)
    overrides: dict[str, Override] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    digest: str = ""  # changes whenever any file in content/ changes
    # Per file, "<kind>/<id>" -> sha256 of its bytes: what an explainer drew on can be checked.
    entry_digests: dict[str, str] = field(default_factory=dict)

    def reserved_names(self) -> dict[str, str]:
        """The names an explainer may not take (the site's own files and these pages), each
        with what holds it."""
        return reserved_names({name: page.path for name, page in self.pages.items()})


def _sense_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _well_typed(value: object, form: str) -> bool:
    if form == SENSE:
        return _sense_number(value)
    if form == SENSE_MAP:
        return isinstance(value, dict) and all(
            isinstance(k, str) and k.strip() and _sense_number(v) for k, v in value.items()
        )
    if form == FLAG:
        return isinstance(value, bool)
    if form == STR:
        return isinstance(value, str) and bool(value.strip())
    if form == STRS:
        return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _check(kind: str, meta: dict, text: str, path: Path, errors: list[InputError]) -> bool:
    schema = SCHEMAS[kind]
    ok = True
    for key, value in meta.items():
        if key not in schema:
            guess = closest(key, schema)
            errors.append(
                InputError(
                    f"unknown field `{key}` in a {kind} entry",
                    path=path,
                    line=key_line(text, key),
                    hint=f"did you mean `{guess}`?" if guess else f"fields: {', '.join(schema)}",
                )
            )
            ok = False
        elif not _well_typed(value, schema[key][0]):
            errors.append(
                InputError(
                    f"field `{key}` must be {schema[key][0]} (not empty), not {value!r}",
                    path=path,
                    line=key_line(text, key),
                )
            )
            ok = False
        elif (kind, key) in CHOICES and value not in CHOICES[(kind, key)]:
            errors.append(
                InputError(
                    f"field `{key}` is {value!r}; it must be one of: "
                    + ", ".join(CHOICES[(kind, key)]),
                    path=path,
                    line=key_line(text, key),
                )
            )
            ok = False
    for key, (_form, required) in schema.items():
        if required and key not in meta:
            errors.append(
                InputError(
                    f"missing field `{key}` ({schema[key][0]})",
                    path=path,
                    line=1,
                    hint="add it to the front matter between the `+++` lines",
                )
            )
            ok = False
    return ok


def _read(path: Path) -> bytes:
    """A content file's bytes; one over MAX_FILE_BYTES is refused without being read."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            # (A device or a pipe says 0: no more than the limit is read from those.)
            data = b"" if size > MAX_FILE_BYTES else handle.read((size or MAX_FILE_BYTES) + 1)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=path) from None
    if max(size, len(data)) > MAX_FILE_BYTES:
        raise InputError(
            f"is larger than the limit for a content file ({MAX_FILE_BYTES:,} bytes)",
            path=path,
            hint="a content file holds one entry or page: shorten it, or split it in several",
        )
    return data


def _name_error(kind: str, path: Path) -> InputError | None:
    """Why a file's name cannot name its entry, if it cannot."""
    name = path.stem
    if kind == "pages" and name in BUILT_IN:
        made, what = BUILT_IN[name]
        return InputError(
            f"`{name}` is the name of the site's own {made} ({what})",
            path=path,
            hint="rename this file: a page's name is its address (/<name>/)",
        )
    if SLUG_RE.match(name):
        return None
    renamed = slugify(name)
    if kind == "pages" and renamed in BUILT_IN:
        renamed = ""
    return InputError(
        f"`{name}` cannot be the name of {NOUNS[kind]}: a file's name in content/ is used in "
        "the site's addresses, so it may hold only lowercase letters a-z, digits and hyphens "
        "between them",
        path=path,
        hint=f"rename it to `{renamed}.md`" if renamed else "rename it, e.g. to `my-page.md`",
    )


@dataclass(frozen=True)
class PhraseClaim:
    """A phrase a file claims, with what finds its line (only needed for an error)."""

    phrase: str
    key: str  # the front matter key it is written under
    path: Path
    text: str  # the file's

    @property
    def line(self) -> int | None:
        return value_line(self.text, self.key, self.phrase)


def _claim(
    claims: dict[str, PhraseClaim], what: str, claim: PhraseClaim, errors: list[InputError]
) -> None:
    """Record that a file claims a phrase; the same phrase in two files is an error, and so
    is a phrase that no article's words can match."""
    phrase, path = claim.phrase, claim.path
    if not any(char.isalnum() for char in phrase):
        errors.append(
            InputError(
                f"{what} {phrase!r} has no letter or digit, so no article can match it",
                path=path,
                line=claim.line,
                hint="write the phrase as articles spell it, or remove it",
            )
        )
        return
    key = " ".join(phrase_words(phrase)).lower()  # as matching sees it: "Ceasefire" = "cease-fire"
    other = claims.setdefault(key, claim)
    if other.path != path:
        where = f"{other.path}:{other.line}" if other.line else str(other.path)
        errors.append(
            InputError(
                f"{what} `{phrase}` is also claimed by {where}",
                path=path,
                line=claim.line,
                hint="keep it in one entry and remove it from the other",
            )
        )


def _claims(meta: dict, keys: tuple[str, ...], path: Path, text: str) -> list[PhraseClaim]:
    """The phrases of these keys, each a string or a list of strings."""
    found = []
    for key in keys:
        value = meta.get(key, [])
        for phrase in [value] if isinstance(value, str) else value:
            found.append(PhraseClaim(phrase, key, path, text))
    return found


# The phrases each kind of file claims (no two files may claim one), and what they are called.
CLAIMED = {
    "glossary": (("term", "aliases"), "term or alias"),
    "context": (("triggers",), "trigger"),
    "actors": (("name", "aliases"), "name or alias"),
}


@dataclass
class _Loading:
    """What reading content/ gathers as it goes: every file's errors are kept, so one bad
    file never hides the others."""

    to_html: Callable[[str, str], tuple[str, int | None]]  # markdown.render, set up
    knowledge: Knowledge = field(default_factory=Knowledge)
    errors: list[InputError] = field(default_factory=list)
    claims: dict[str, dict[str, PhraseClaim]] = field(
        default_factory=lambda: {kind: {} for kind in CLAIMED}
    )
    digest: Any = field(default_factory=hashlib.sha256)  # of every file, names and bytes
    # Opened only if an entry pins a dictionary sense, to check that the sense exists.
    dictionary: Dictionary = field(default_factory=Dictionary)


def load_knowledge(folder: Path) -> Knowledge:
    """Read content/; raise InputErrors listing every problem across all files."""
    # Imported here: a build that restores the knowledge base never parses Markdown.
    from generator.knowledge.markdown import make_markdown, render

    loading = _Loading(functools.partial(render, make_markdown()))
    for kind in SCHEMAS:
        for path in sorted((folder / kind).glob("*.md")) if (folder / kind).is_dir() else []:
            read = _read_file(loading, kind, path)
            if read is not None:
                _add_entry(loading, kind, path, *read)
    knowledge, errors = loading.knowledge, loading.errors
    _check_references(knowledge, errors)
    _check_pinned_senses(knowledge, loading.dictionary, errors)
    if errors:
        raise InputErrors(errors)
    knowledge.digest = loading.digest.hexdigest()
    return knowledge


def _read_file(loading: _Loading, kind: str, path: Path) -> tuple[str, Document] | None:
    """A content file's text and front matter, counted in the digests; None if its name,
    bytes or fields are wrong (the errors are recorded)."""
    named = _name_error(kind, path)
    if named is not None:
        loading.errors.append(named)
        return None
    try:
        data = _read(path)
        loading.digest.update(path.name.encode() + b"\0" + data)
        loading.knowledge.entry_digests[f"{kind}/{path.stem}"] = hashlib.sha256(data).hexdigest()
        text = decode_text(data, path)
        document = split_front_matter(text, path)
    except InputError as exc:
        loading.errors.append(exc)
        return None
    if not _check(kind, document.meta, text, path, loading.errors):
        return None
    return text, document


def _add_entry(loading: _Loading, kind: str, path: Path, text: str, document: Document) -> None:
    """Add a file's entry to the knowledge, with the phrases it claims."""
    meta, entry_id, knowledge = document.meta, path.stem, loading.knowledge
    body_html, footnote = loading.to_html(document.body, f"{kind}-{entry_id}")
    if kind == "glossary" and not _has_definition(document, path, footnote, loading.errors):
        return
    if kind == "glossary" and not _pins_one(meta, document, text, path, loading.errors):
        return
    if kind in CLAIMED:
        keys, what = CLAIMED[kind]
        for claim in _claims(meta, keys, path, text):
            _claim(loading.claims[kind], what, claim, loading.errors)
    if kind == "glossary":
        knowledge.glossary[entry_id] = GlossaryEntry(
            entry_id,
            meta["term"],
            meta.get("aliases", []),
            meta.get("category", "general"),
            body_html if document.body.strip() else "",
            path,
            meta.get("sense"),
            meta.get("suppress", False),
        )
    elif kind == "context":
        knowledge.context[entry_id] = ContextEntry(
            entry_id, meta["title"], meta["kind"], meta["triggers"], body_html, path
        )
    elif kind == "actors":
        knowledge.actors[entry_id] = ActorProfile(
            entry_id,
            meta["name"],
            meta.get("aliases", []),
            meta["kind"],
            meta.get("role"),
            meta.get("affiliation"),
            body_html,
            path,
        )
    elif kind == "explainers":
        knowledge.overrides[entry_id] = Override(
            slug=entry_id, path=path, note=body_html if document.body.strip() else "", **meta
        )
    else:
        knowledge.pages[entry_id] = Page(entry_id, meta["title"], body_html, path)


def _has_definition(
    document: Document, path: Path, footnote: int | None, errors: list[InputError]
) -> bool:
    """Whether a glossary file has a definition (or needs none: it pins the dictionary's
    sense or suppresses the term); a footnote in it is an error too."""
    if not document.body.strip() and ("sense" in document.meta or document.meta.get("suppress")):
        return True
    if not document.body.strip():
        errors.append(
            InputError(
                "a glossary entry needs a definition in its body",
                path=path,
                line=document.body_line,
                hint="write one, or use the dictionary's with `sense = N` (`check` lists the "
                "senses), or keep the term off every page with `suppress = true`",
            )
        )
        return False
    if footnote is not None:
        errors.append(
            InputError(
                "a glossary definition cannot have footnotes: it is shown in a "
                "box within the article's text, where a note has nowhere to go",
                path=path,
                line=document.body_line + footnote,
                hint="write the note into the definition, or move it to a "
                "context entry (content/context/)",
            )
        )
    return True


def _pins_one(meta: dict, document: Document, text: str, path: Path, errors: list) -> bool:
    """A glossary entry that suppresses its term can neither define it nor pin a sense."""
    if not meta.get("suppress"):
        return True
    if "sense" in meta or document.body.strip():
        errors.append(
            InputError(
                "`suppress = true` keeps the term off every page, so this entry cannot also "
                + ("pin a `sense`" if "sense" in meta else "have a definition"),
                path=path,
                line=key_line(text, "suppress"),
                hint="remove `suppress`, or the "
                + ("`sense`" if "sense" in meta else "definition"),
            )
        )
        return False
    return True


def _check_pinned_senses(
    knowledge: Knowledge, dictionary: Dictionary, errors: list[InputError]
) -> None:
    """Every sense an editor pins is one the dictionary has."""
    pins = [
        (entry.path, "sense", entry.term, entry.sense)
        for entry in knowledge.glossary.values()
        if entry.sense is not None
    ]
    for override in knowledge.overrides.values():
        pins += [(override.path, "senses", term, n) for term, n in override.senses.items()]
    for path, key, term, number in pins:
        problem = sense_problem(dictionary, term, number)
        if problem is not None:
            text = path.read_text(encoding="utf-8", errors="replace")
            line = key_line(text, key) if key == "sense" else value_line(text, key, term)
            errors.append(
                InputError(
                    problem,
                    path=path,
                    line=line or key_line(text, key),
                    hint="`python -m generator check` lists the senses of the terms it "
                    "shows; or write the definition in a glossary entry's body",
                )
            )


def _check_references(knowledge: Knowledge, errors: list[InputError]) -> None:
    """Overrides may only name context and glossary entries that exist."""
    for override in knowledge.overrides.values():
        for key, table in (
            ("add_context", knowledge.context),
            ("remove_context", knowledge.context),
            ("add_terms", knowledge.glossary),
            ("remove_terms", knowledge.glossary),
        ):
            for name in getattr(override, key):
                if name not in table:
                    guess = closest(name, table)
                    errors.append(
                        InputError(
                            f"`{key}` names `{name}`, which is not an entry in content/"
                            + ("context/" if "context" in key else "glossary/"),
                            path=override.path,
                            line=key_line(override.path.read_text(), key),
                            hint=f"did you mean `{guess}`?" if guess else "check the file name",
                        )
                    )
