"""The editorial knowledge base in content/: Markdown files with TOML front matter."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError, InputErrors, closest
from generator.frontmatter import key_line, split_front_matter
from generator.match import phrase_words
from generator.model import ACTOR_KINDS
from generator.seeds import decode_text

CONTEXT_KINDS = (
    "background",
    "why-it-matters",
    "whats-next",
    "place",
    "organization",
    "event",
    "process",
    "person",
)
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
# Per kind of file: key -> (expected form, required)
SCHEMAS: dict[str, dict[str, tuple[str, bool]]] = {
    "glossary": {"term": (STR, True), "aliases": (STRS, False), "category": (STR, False)},
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
    },
    "pages": {"title": (STR, True)},
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
    definition: str  # HTML
    path: Path


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


def _well_typed(value: object, form: str) -> bool:
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
        line = key_line(text, key)
        if key not in schema:
            guess = closest(key, schema)
            errors.append(
                InputError(
                    f"unknown field `{key}` in a {kind} entry",
                    path=path,
                    line=line,
                    hint=f"did you mean `{guess}`?" if guess else f"fields: {', '.join(schema)}",
                )
            )
            ok = False
        elif not _well_typed(value, schema[key][0]):
            errors.append(
                InputError(
                    f"field `{key}` must be {schema[key][0]} (not empty), not {value!r}",
                    path=path,
                    line=line,
                )
            )
            ok = False
        elif (kind, key) in CHOICES and value not in CHOICES[(kind, key)]:
            errors.append(
                InputError(
                    f"field `{key}` is {value!r}; it must be one of: "
                    + ", ".join(CHOICES[(kind, key)]),
                    path=path,
                    line=line,
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


def _claim(
    claims: dict[str, Path], what: str, phrase: str, path: Path, errors: list[InputError]
) -> None:
    """Record that a file claims a phrase; the same phrase in two files is an error."""
    key = " ".join(phrase_words(phrase)).lower()  # as matching sees it: "Ceasefire" = "cease-fire"
    other = claims.get(key)
    if other is not None and other != path:
        errors.append(
            InputError(
                f"{what} `{phrase}` is also claimed by {other}",
                path=path,
                line=None,
                hint="keep it in one entry and remove it from the other",
            )
        )
    claims.setdefault(key, path)


def load_knowledge(folder: Path) -> Knowledge:
    """Read content/; raise InputErrors listing every problem across all files."""
    # Imported here: a build that restores the knowledge base never parses Markdown.
    from generator.markdown import make_markdown

    knowledge = Knowledge()
    errors: list[InputError] = []
    md = make_markdown()
    digest = hashlib.sha256()
    glossary_claims: dict[str, Path] = {}
    context_claims: dict[str, Path] = {}
    actor_claims: dict[str, Path] = {}
    for kind in SCHEMAS:
        for path in sorted((folder / kind).glob("*.md")) if (folder / kind).is_dir() else []:
            try:
                data = path.read_bytes()
                digest.update(path.name.encode() + b"\0" + data)
                knowledge.entry_digests[f"{kind}/{path.stem}"] = hashlib.sha256(data).hexdigest()
                text = decode_text(data, path)
                document = split_front_matter(text, path)
            except InputError as exc:
                errors.append(exc)
                continue
            if not _check(kind, document.meta, text, path, errors):
                continue
            meta, body_html, entry_id = document.meta, md.render(document.body), path.stem
            if kind == "glossary":
                if not document.body.strip():
                    errors.append(
                        InputError(
                            "a glossary entry needs a definition in its body",
                            path=path,
                            line=document.body_line,
                        )
                    )
                    continue
                for phrase in [meta["term"], *meta.get("aliases", [])]:
                    _claim(glossary_claims, "term or alias", phrase, path, errors)
                knowledge.glossary[entry_id] = GlossaryEntry(
                    entry_id,
                    meta["term"],
                    meta.get("aliases", []),
                    meta.get("category", "general"),
                    body_html,
                    path,
                )
            elif kind == "context":
                for phrase in meta["triggers"]:
                    _claim(context_claims, "trigger", phrase, path, errors)
                knowledge.context[entry_id] = ContextEntry(
                    entry_id, meta["title"], meta["kind"], meta["triggers"], body_html, path
                )
            elif kind == "actors":
                for phrase in [meta["name"], *meta.get("aliases", [])]:
                    _claim(actor_claims, "name or alias", phrase, path, errors)
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
                    slug=entry_id,
                    path=path,
                    note=body_html if document.body.strip() else "",
                    **meta,
                )
            else:
                knowledge.pages[entry_id] = Page(entry_id, meta["title"], body_html, path)
    _check_references(knowledge, errors)
    if errors:
        raise InputErrors(errors)
    knowledge.digest = digest.hexdigest()
    return knowledge


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
