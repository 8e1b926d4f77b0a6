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

    Parses each template once through the environment's loader; one per build.
    """

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._parsed: dict[str, tuple[nodes.Template, str]] = {}
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

    def _plan(self, name: str) -> TemplatePlan | None:
        tree, _ = self._parse(name)
        extends = [n for n in tree.body if isinstance(n, nodes.Extends)]
        if len(extends) != 1 or len(_all(tree.body, nodes.Extends)) != 1:
            return None
        parent = _template_names(extends[0])[0]
        chain = self._closure([parent], (nodes.Extends,))
        parent_sets = set().union(*(_assigned(self._parse(p)[0].body) for p in chain))
        top = [n for n in tree.body if not isinstance(n, (nodes.Block, nodes.Extends))]
        top_sets, top_reads = _assigned(top), self._reads(top)
        live = top_reads | self._whole_reads(parent)
        blocks: dict[str, frozenset[str]] = {}
        for block in (n for n in tree.body if isinstance(n, nodes.Block)):
            reads = self._reads(block.body)
            if reads & top_sets:  # e.g. `{% set x = explainer.extraction %}` above the blocks
                reads = (reads - top_sets) | top_reads
            if block.scoped or _uses_self_or_super(block.body) or reads & parent_sets:
                live |= reads
                continue
            blocks[block.name] = frozenset(reads)
            # A block inside it can also be called on its own by a parent template.
            for inner in block.find_all(nodes.Block):
                live |= self._reads(inner.body)
        # Its own source and those of what it imports or includes, not its parents'.
        used = [t for node in _all(tree.body, _USES) for t in _template_names(node)]
        sources = {name: self._parse(name)[1], **self._closure(used, _REFERENCES)}
        digest = hashlib.sha256()
        for template, source in sorted(sources.items()):
            digest.update(f"{template}\0{source}\0".encode())
        return TemplatePlan(digest.hexdigest(), blocks, frozenset(live))

    def _parse(self, name: str) -> tuple[nodes.Template, str]:
        if name not in self._parsed:
            source, filename, _ = self.env.loader.get_source(self.env, name)
            self._parsed[name] = (self.env.parse(source, name, filename), source)
        return self._parsed[name]

    def _reads(self, body: list[nodes.Node]) -> set[str]:
        """Context names read by these nodes and by the templates they include (or import
        with context). Names of the environment's globals are not counted."""
        tree = nodes.Template(list(body), lineno=1)
        tree.set_environment(self.env)
        names = set(find_undeclared_variables(tree))
        for node in _all(body, _USES):
            if isinstance(node, nodes.Include) or node.with_context:
                for name in _template_names(node):
                    names |= self._whole_reads(name)
        return names

    def _whole_reads(self, name: str) -> set[str]:
        """Names read by a whole template, its parents included."""
        if name not in self._whole:
            self._whole[name] = set()  # a template including itself: Jinja reports it
            tree, _ = self._parse(name)
            names = self._reads(tree.body)
            for node in _all(tree.body, nodes.Extends):
                for parent in _template_names(node):
                    names |= self._whole_reads(parent)
            self._whole[name] = names
        return self._whole[name]

    def _closure(self, names: list[str], kinds: tuple) -> dict[str, str]:
        """Sources of these templates and of those they reference through `kinds` nodes."""
        found: dict[str, str] = {}
        todo = list(names)
        while todo:
            name = todo.pop()
            if name not in found:
                tree, found[name] = self._parse(name)
                todo += [t for node in _all(tree.body, kinds) for t in _template_names(node)]
        return found


_USES = (nodes.Include, nodes.Import, nodes.FromImport)
_REFERENCES = (nodes.Extends, *_USES)


class _Dynamic(Exception):
    """A template name computed at run time: what it reads cannot be known beforehand."""


def _all(body: list[nodes.Node], kinds) -> list:
    found = [node for node in body if isinstance(node, kinds)]
    for node in body:
        found += list(node.find_all(kinds))
    return found


def _template_names(node: nodes.Node) -> list[str]:
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
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".new-")
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(header + "\n" + "".join(blocks.values()))
            os.replace(temporary, self.folder / key)
        except OSError:
            pass

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
