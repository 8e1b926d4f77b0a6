"""Fragment cache: what a page's template writes into its blocks, kept between builds.

An edit to `base.html` changes every page, but not what `explainer.html` writes into the
`main` block of each. So the blocks a page template defines are saved, keyed by everything
they can read: the source of the template and of every template it imports or includes, the
context values the block uses (by a digest of their contents), the site's configuration and
the generator's code. A block is cached only when all of that is known from the template's
syntax tree; one that calls `super()` or `self`, is scoped, reads a name its parent template
sets, or includes a template chosen at run time is always rendered.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import Environment, TemplateNotFound, nodes
from jinja2.meta import find_undeclared_variables

from generator.model import Explainer


class Lazy:
    """A context value computed only when a page's blocks are rendered afresh, once.

    `basis` is everything `compute` reads (besides the site's configuration and the code):
    its digest stands for the value's, so the value need not exist to look up the cache.
    """

    def __init__(self, compute: Callable[[], object], basis: object) -> None:
        self._compute: Callable[[], object] | None = compute
        self._value: object = None
        self.basis = basis

    def value(self) -> object:
        if self._compute is not None:
            self._value, self._compute = self._compute(), None
        return self._value


_EXPLAINER_FIELDS = [f.name for f in dataclasses.fields(Explainer)]
_PLAIN = (str, int, float, bool, type(None))


class Fingerprints:
    """Digests of context values, from their pickled contents.

    An explainer inside another value (a related explainer, an index page's list) counts by
    its own digest, computed once per build, so a page listing twenty explainers costs twenty
    lookups, not twenty pickles. So does an object whose class has `fingerprint_basis()`,
    by the digest of what that returns: what the object is made from. Values that cannot be
    pickled have no digest (None).
    """

    def __init__(self) -> None:
        # id -> (the object, kept alive so its id is not reused, and its digest)
        self._memo: dict[int, tuple[object, str | None]] = {}

    def of(self, value: object) -> str | None:
        known = self._memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        try:
            if isinstance(value, Explainer) and value.origin:
                # What the build made it from determines it (the same reasoning lets a build
                # reuse the last one's explainers), apart from what `assemble` adds.
                data = repr((value.origin, value.sources, value.related)).encode()
            elif isinstance(value, Explainer):
                # Its fields, not its cached properties (rendering fills those in). They
                # hold no other explainer (only slugs): no need for the hook below, which
                # costs a Python call per object pickled.
                fields = [getattr(value, name) for name in _EXPLAINER_FIELDS]
                data = pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL)
            elif hasattr(type(value), "fingerprint_basis"):
                if type(value).fingerprint_basis is None:  # differs in every build
                    raise pickle.PicklingError(f"{type(value).__name__} changes every build")
                data = self._data(value.fingerprint_basis())
            else:
                data = self._data(value)
            digest: str | None = hashlib.sha256(data).hexdigest()
        except (pickle.PicklingError, TypeError, AttributeError):
            digest = None
        self._memo[id(value)] = (value, digest)
        return digest

    def _data(self, value: object) -> bytes:
        """Bytes that stand for the value: for a tuple or list of explainers and plain values
        (the usual basis), their digests and reprs; for anything else, its pickle."""
        plain = self._plain(value)
        return plain.encode() if plain is not None else self._pickle(value)

    def _plain(self, value: object) -> str | None:
        if type(value) in _PLAIN:
            return repr(value)
        if isinstance(value, Explainer):
            digest = self.of(value)
            if digest is None:
                raise pickle.PicklingError("an explainer without a digest")
            return f"E{digest}"
        if type(value) in (tuple, list):
            items = [self._plain(item) for item in value]
            return None if None in items else f"{type(value).__name__}({','.join(items)})"
        return None

    def _pickle(self, value: object) -> bytes:
        """Pickled, with explainers (and objects with a basis) in it by their digest."""
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)

        def persistent_id(obj: object) -> str | None:
            if not isinstance(obj, Explainer) and not hasattr(type(obj), "fingerprint_basis"):
                return None
            digest = self.of(obj)
            if digest is None:
                raise pickle.PicklingError(f"no digest for {type(obj).__name__}")
            return digest

        pickler.persistent_id = persistent_id
        pickler.dump(value)
        return buffer.getvalue()


@dataclass(frozen=True)
class TemplatePlan:
    """What caching a page template's blocks takes."""

    digest: str  # the template's source and every template its blocks can use
    blocks: dict[str, frozenset[str]]  # cacheable block -> the context names it reads
    live: frozenset[str]  # names the rest of the page reads (its parents, other blocks)


class TemplateAnalysis:
    """Which blocks of each page template can be cached (see the module's docstring).

    Plans are put together from what each template's own source says (`_facts`: the names
    it reads and sets, its blocks, the templates it names). Those facts are kept in
    `cache_file` by a digest of the source, so after an edit only the edited template is
    parsed again.
    """

    def __init__(
        self, env: Environment, cache_file: Path | None = None, salt: str = "", read: bool = True
    ) -> None:
        """`cache_file`: where the facts are kept; `read`: False to parse every template
        afresh (they are still saved)."""
        self.env = env
        self.cache_file = cache_file
        self._read = read
        # What else the facts depend on: the analysis code, Jinja, the names of the globals
        # (they are not counted as reads).
        self._salt = f"{salt}\0{jinja2.__version__}\0{sorted(env.globals)}"
        self._saved = self._load()  # source digest -> facts, from earlier builds
        self._used: dict[str, dict] = {}  # source digest -> facts, this build
        self._sources: dict[str, tuple[str, dict]] = {}  # name -> (source, facts)
        self._whole: dict[str, set[str]] = {}
        self._plans: dict[str, TemplatePlan | None] = {}

    def plan(self, name: str) -> TemplatePlan | None:
        """None when no block can be cached: the template extends nothing, or a template
        chosen at run time."""
        if name not in self._plans:
            try:
                self._plans[name] = self._plan(name)
            except (_Dynamic, TemplateNotFound):
                self._plans[name] = None
        return self._plans[name]

    def save(self) -> None:
        """Keep the facts of the templates used in this build for the next; failures only
        cost time."""
        if self.cache_file is None or self._used.keys() == self._saved.keys():
            return
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.cache_file.parent, prefix=".new-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._used, handle)
            os.replace(temporary, self.cache_file)
        except OSError:
            pass

    def _load(self) -> dict[str, dict]:
        if self.cache_file is None or not self._read:
            return {}
        try:
            saved = json.loads(self.cache_file.read_bytes())
        except (OSError, ValueError):
            return {}
        return saved if isinstance(saved, dict) else {}

    def _plan(self, name: str) -> TemplatePlan | None:
        source, facts = self._template(name)
        if len(facts["extends"]) != 1 or facts["extends_nested"]:
            return None
        chain = [self._template(p)[1] for p in self._closure(facts["extends"], uses=False)]
        parent_sets = set().union(*(set(parent["assigned"]) for parent in chain))
        # A block a parent declares scoped (in a loop, say) sees the loop's variables.
        parent_scoped = set().union(*(set(parent["scoped"]) for parent in chain))
        top_sets, top_reads = set(facts["top"]["assigned"]), self._reads(facts["top"])
        live = top_reads | self._whole_reads(facts["extends"][0])
        blocks: dict[str, frozenset[str]] = {}
        for block in facts["blocks"]:
            reads = self._reads(block)
            if reads & top_sets:  # e.g. `{% set x = explainer.extraction %}` above the blocks
                reads = (reads - top_sets) | top_reads
            if not block["saveable"] or reads & parent_sets or block["name"] in parent_scoped:
                live |= reads
                continue
            blocks[block["name"]] = frozenset(reads)
            # A block inside it can also be called on its own by a parent template.
            live |= self._reads(block["inner"])
        # Its own source and those of what it imports or includes, not its parents'.
        used = self._closure([t for t, _ in facts["uses"]], uses=True)
        digest = hashlib.sha256(f"{name}\0{source}\0".encode())
        for template in sorted(used):
            digest.update(f"{template}\0{self._template(template)[0]}\0".encode())
        return TemplatePlan(digest.hexdigest(), blocks, frozenset(live))

    def _template(self, name: str) -> tuple[str, dict]:
        """A template's source and facts, parsing it only if its source is new."""
        if name not in self._sources:
            source, filename, _ = self.env.loader.get_source(self.env, name)
            key = hashlib.sha256(f"{self._salt}\0{source}".encode()).hexdigest()
            facts = self._saved.get(key)
            if not _well_formed(facts):
                facts = _facts(self.env, self.env.parse(source, name, filename))
            self._used[key] = facts
            self._sources[name] = (source, facts)
        source, facts = self._sources[name]
        if facts["dynamic"]:
            raise _Dynamic
        return source, facts

    def _reads(self, part: dict) -> set[str]:
        """Names a part reads, with those of the templates it includes (or imports with
        context)."""
        names = set(part["reads"])
        for template in part["context_uses"]:
            names |= self._whole_reads(template)
        return names

    def _whole_reads(self, name: str) -> set[str]:
        """Names read by a whole template, its parents included."""
        if name not in self._whole:
            self._whole[name] = set()  # a template including itself: Jinja reports it
            facts = self._template(name)[1]
            names = self._reads(facts)
            for parent in facts["extends"]:
                names |= self._whole_reads(parent)
            self._whole[name] = names
        return self._whole[name]

    def _closure(self, names: list[str], *, uses: bool) -> list[str]:
        """These templates and those they extend (and import or include, if `uses`)."""
        found: list[str] = []
        todo = list(names)
        while todo:
            name = todo.pop()
            if name not in found:
                found.append(name)
                facts = self._template(name)[1]
                todo += facts["extends"] + ([t for t, _ in facts["uses"]] if uses else [])
        return found


def _facts(env: Environment, tree: nodes.Template) -> dict:
    """What one template's syntax tree says, its includes and parents not followed."""

    def part(body: list[nodes.Node]) -> dict:
        return {
            "reads": sorted(_own_reads(env, body)),
            "context_uses": [t for t, with_context in _uses(body) if with_context],
        }

    try:
        top = [n for n in tree.body if not isinstance(n, (nodes.Block, nodes.Extends))]
        extends = [t for n in tree.body if isinstance(n, nodes.Extends) for t in _names(n)]
        blocks = [n for n in tree.body if isinstance(n, nodes.Block)]
        return {
            "dynamic": False,
            "extends": extends,
            "extends_nested": len(_all(tree.body, nodes.Extends)) != len(extends),
            "uses": _uses(tree.body),
            "assigned": sorted(_assigned(tree.body)),
            "scoped": sorted({b.name for b in _all(tree.body, nodes.Block) if b.scoped}),
            **part(tree.body),
            "top": {**part(top), "assigned": sorted(_assigned(top))},
            "blocks": [
                {
                    "name": block.name,
                    "saveable": not block.scoped and not _uses_self_or_super(block.body),
                    **part(block.body),
                    "inner": part([n for inner in block.find_all(nodes.Block) for n in inner.body]),
                }
                for block in blocks
            ],
        }
    except _Dynamic:
        return {"dynamic": True}


def _well_formed(facts: object) -> bool:
    return isinstance(facts, dict) and (
        facts.get("dynamic") is True
        or {"extends", "blocks", "top", "uses", "scoped"} <= facts.keys()
    )


def _own_reads(env: Environment, body: list[nodes.Node]) -> set[str]:
    tree = nodes.Template(list(body), lineno=1)
    tree.set_environment(env)
    return set(find_undeclared_variables(tree))


def _uses(body: list[nodes.Node]) -> list[tuple[str, bool]]:
    """The templates these nodes include or import, and whether each sees the context."""
    return [
        (t, isinstance(node, nodes.Include) or node.with_context)
        for node in _all(body, (nodes.Include, nodes.Import, nodes.FromImport))
        for t in _names(node)
    ]


class _Dynamic(Exception):
    """A template name computed at run time: what it reads cannot be known beforehand."""


def _all(body: list[nodes.Node], kinds) -> list:
    found = [node for node in body if isinstance(node, kinds)]
    for node in body:
        found += list(node.find_all(kinds))
    return found


def _names(node: nodes.Node) -> list[str]:
    """The template names an extends, include or import node gives."""
    target = node.template
    if isinstance(target, nodes.Const) and isinstance(target.value, str):
        return [target.value]
    if isinstance(target, (nodes.List, nodes.Tuple)) and all(
        isinstance(item, nodes.Const) and isinstance(item.value, str) for item in target.items
    ):
        return [item.value for item in target.items]
    raise _Dynamic


def _assigned(body: list[nodes.Node]) -> set[str]:
    """Names a template sets in the context (what its blocks and children can read)."""
    names: set[str] = set()
    for node in _all(body, (nodes.Assign, nodes.AssignBlock)):
        target = node.target
        targets = [target] if isinstance(target, nodes.Name) else target.find_all(nodes.Name)
        names |= {t.name for t in targets}
    names |= {node.target for node in _all(body, nodes.Import)}
    for node in _all(body, nodes.FromImport):
        names |= {n[1] if isinstance(n, tuple) else n for n in node.names}
    names |= {node.name for node in _all(body, nodes.Macro)}
    return names


def _uses_self_or_super(body: list[nodes.Node]) -> bool:
    return any(n.name in ("self", "super") for n in _all(body, nodes.Name))


class FragmentStore:
    """Saved blocks in `.cache/fragments/`, a file per key: a first line of JSON giving each
    block's name and length, then the blocks' text one after the other (no JSON string
    escaping to undo: a page's blocks are most of its text)."""

    def __init__(self, folder: Path, *, read: bool = True) -> None:
        self.folder = folder
        self.read = read  # False: render everything afresh (build --force), still save
        self.templates_file = folder.with_name(folder.name + "-templates.json")  # their facts
        self._made = False  # the folder exists (in this process)

    def get(self, key: str) -> dict[str, str] | None:
        """The blocks saved under `key`; None if there are none or the file is damaged."""
        if not self.read:
            return None
        try:
            data = (self.folder / key).read_bytes().decode("utf-8")
            end = data.index("\n")
            lengths = json.loads(data[:end])
        except (OSError, ValueError):
            return None
        blocks, start = {}, end + 1
        for name, length in lengths.items() if isinstance(lengths, dict) else ():
            if not isinstance(length, int):
                return None
            blocks[name] = data[start : start + length]
            start += length
        return blocks if start == len(data) else None

    def put(self, key: str, blocks: dict[str, str]) -> None:
        """Write atomically (a killed build leaves no half file); failures only cost speed."""
        header = json.dumps({name: len(text) for name, text in blocks.items()})
        data = (header + "\n" + "".join(blocks.values())).encode("utf-8")
        # Named by key and process: no other writer uses the name (mkstemp would cost more).
        temporary = self.folder / f".{key}.{os.getpid()}"
        try:
            if not self._made:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._made = True
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, self.folder / key)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()

    def prune(self, used: set[str]) -> None:
        """Remove what the last build did not use (and temporary files left by a killed one)."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name not in used:
                with contextlib.suppress(OSError):
                    os.unlink(self.folder / name)
