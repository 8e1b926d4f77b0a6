"""Which blocks of a page template can be saved between builds, and what each one reads.

Found from the templates' syntax trees (`jinja2.meta`): see saved_blocks.py for what the
saved blocks are keyed by. A block is saved only when everything it can read is known beforehand;
one that calls `super()` or `self`, is scoped, reads a name its parent template sets, or
includes a template chosen at run time is always rendered.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jinja2
from jinja2 import Environment, TemplateNotFound, nodes
from jinja2.meta import find_undeclared_variables

from generator.incremental.cachefile import DAMAGE, read_json


@dataclass(frozen=True)
class TemplatePlan:
    """What caching a page template's blocks takes."""

    digest: str  # the template's source and every template its blocks can use
    blocks: dict[str, frozenset[str]]  # cacheable block -> the context names it reads
    live: frozenset[str]  # names the rest of the page reads (its parents, other blocks)

    @cached_property
    def reads(self) -> list[str]:
        """Every name the cacheable blocks read, sorted."""
        return sorted(set().union(*self.blocks.values()))


class TemplateAnalysis:
    """Which blocks of each page template can be cached (see the module's docstring).

    Plans are put together from what each template's own source says (`_facts`: the names
    it reads and sets, its blocks, the templates it names). Those facts are kept in
    `cache_file` by a key of the source, so after an edit only the edited template is parsed
    again.
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
        self._saved = self._load()  # source's key -> facts, from earlier builds
        self._stored = set(self._saved)  # what the file holds
        self._used: dict[str, dict] = {}  # source's key -> facts, this build
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

    def facts_of(self, names: list[str]) -> dict[str, dict]:
        """The facts of these templates by their source's key, parsing those that are new (for
        `learn` in another process; see precompile.py)."""
        for name in names:
            with contextlib.suppress(Exception):  # (reported when the template is used)
                self._template(name)
        return dict(self._used)

    def learn(self, facts: dict[str, dict]) -> None:
        """Take facts found by another process's `facts_of`; they are saved with this
        build's."""
        self._saved.update(facts)
        self._used.update(facts)

    def save(self) -> None:
        """Keep the facts of the templates used in this build for the next; failures only
        cost time."""
        if self.cache_file is None or self._used.keys() == self._stored:
            return
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.cache_file.parent, prefix=".new-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._used, handle)
            os.replace(temporary, self.cache_file)
            self._stored = set(self._used)
        except OSError:
            pass

    def _load(self) -> dict[str, dict]:
        if self.cache_file is None or not self._read:
            return {}
        try:
            saved = read_json(self.cache_file)
        except DAMAGE:  # (see cachefile.py) analysed afresh
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
        # A parent's block this page replaces is not rendered (but through super(), which
        # the page's block then calls, and such a block is not counted as replacing it).
        replaced = {block["name"] for block in facts["blocks"] if block["saveable"]}
        live = top_reads | self._rendered_reads(facts["extends"][0], replaced)
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

    def _rendered_reads(
        self, name: str, replaced: set[str], seen: frozenset[str] = frozenset()
    ) -> set[str]:
        """Names a parent template reads, its parents included, when the blocks in
        `replaced` are replaced below it (blocks nested in those can still be called)."""
        if name in seen:  # a template extending itself: Jinja reports it
            return set()
        facts = self._template(name)[1]
        names = self._reads(facts["top"])
        for block in facts["blocks"]:
            names |= self._reads(block["inner"] if block["name"] in replaced else block)
        mine = {block["name"] for block in facts["blocks"] if block["saveable"]}
        for parent in facts["extends"]:
            names |= self._rendered_reads(parent, replaced | mine, seen | {name})
        return names

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
