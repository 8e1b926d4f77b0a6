"""Saved blocks: what a page's template writes into its blocks, kept between builds.

An edit to `base.html` changes every page, but not what `explainer.html` writes into the
`main` block of each. So the blocks a page template defines are saved, keyed by everything
they can read: the source of the template and of every template it imports or includes, the
context values the block uses (by their fingerprints), the site's configuration and the
generator's code. Which blocks can be saved, and what each reads, is worked out in
template_analysis.py; this module fingerprints the values and keeps the saved text in
`.cache/fragments/`. (What "digest", "fingerprint" and "key" mean: see keys.py.)
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import os
import pickle
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.incremental.cachefile import DAMAGE, read_bytes
from generator.model import Explainer
from generator.site import ActorEntry, Appearance, Pagination, Site


class Lazy:
    """A context value computed only when a page's blocks are rendered afresh, once.

    `basis` is everything `compute` reads (besides the site's configuration and the code):
    its fingerprint stands for the value's, so the value need not exist to look up the cache.
    """

    def __init__(self, compute: Callable[[], object], basis: object) -> None:
        self._compute: Callable[[], object] | None = compute
        self._value: object = None
        self.basis = basis

    def value(self) -> object:
        if self._compute is not None:
            self._value, self._compute = self._compute(), None
        return self._value


# A key (64 hex digits), or a key being written by a process (see FragmentStore.put).
_OWN_NAME = re.compile(r"\.?[0-9a-f]{64}(\.[0-9]+)?")
_EXPLAINER_FIELDS = [f.name for f in dataclasses.fields(Explainer)]
_PLAIN = (str, int, float, bool, type(None))


def made_from(value: object) -> object:
    """What a value of the assembled site is made from, in plain values and explainers
    (which fingerprint without pickling), or `value` itself when it is not one of those."""
    if isinstance(value, Appearance):  # its actor and quotes are those of this id
        return value.explainer, value.actor.id
    if isinstance(value, ActorEntry):
        shown = [(a.explainer, a.actor.id) for a in value.appearances]
        return value.id, value.name, value.kind, value.bio, shown
    if isinstance(value, Pagination):
        return value.number, value.count, value.explainers, value.newer, value.older
    if isinstance(value, Site):  # the build's time is in it: a block reading it is never saved
        raise pickle.PicklingError("the site changes every build")
    return value


_MADE_FROM = (Appearance, ActorEntry, Pagination, Site)
_BY_FINGERPRINT = (Explainer, *_MADE_FROM)  # pickled by their fingerprints, where inside


class ValueFingerprints:
    """Fingerprints of context values, from their pickled contents.

    An explainer counts by what the build made it from (`origins`: the key by which the
    build reuses it, with what assembling added), so a page listing twenty explainers costs
    twenty lookups, not twenty pickles; an explainer without an origin by its fields. The
    site's own objects count by what they are made from (`made_from`). Values that cannot
    be pickled have no fingerprint (None).
    """

    def __init__(self, origins: Mapping[int, str] | None = None) -> None:
        """`origins`: id of each explainer of this build -> a digest of its key."""
        self.origins = origins or {}
        # id -> (the object, kept alive so its id is not reused, and its fingerprint)
        self._memo: dict[int, tuple[object, str | None]] = {}

    def of(self, value: object) -> str | None:
        known = self._memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        try:
            origin = self.origins.get(id(value)) if isinstance(value, Explainer) else None
            if origin is not None:
                # What assembling the site gave it from other explainers counts too.
                learned = [
                    (a.id, a.role, a.affiliation, a.learned_from)
                    for a in value.actors
                    if a.learned_from
                ]
                data = repr((origin, value.sources, value.related, learned)).encode()
            elif isinstance(value, Explainer):
                # Its fields. They hold no other explainer (only slugs): no need for the
                # hook below, which costs a Python call per object pickled.
                fields = [getattr(value, name) for name in _EXPLAINER_FIELDS]
                data = pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL)
            elif isinstance(value, _MADE_FROM):
                data = self._data(made_from(value))
            else:
                data = self._data(value)
            fingerprint: str | None = hashlib.sha256(data).hexdigest()
        except (pickle.PicklingError, TypeError, AttributeError):
            fingerprint = None
        self._memo[id(value)] = (value, fingerprint)
        return fingerprint

    def _data(self, value: object) -> bytes:
        """Bytes that stand for the value: for a tuple or list of explainers and plain values
        (the usual basis), their fingerprints and reprs; for anything else, its pickle."""
        plain = self._plain(value)
        return plain.encode() if plain is not None else self._pickle(value)

    def _plain(self, value: object) -> str | None:
        if type(value) in _PLAIN:
            return repr(value)
        if isinstance(value, Explainer):
            fingerprint = self.of(value)
            if fingerprint is None:
                raise pickle.PicklingError("an explainer without a fingerprint")
            return f"E{fingerprint}"
        if type(value) in (tuple, list):
            items = [self._plain(item) for item in value]
            return None if None in items else f"{type(value).__name__}({','.join(items)})"
        return None

    def _pickle(self, value: object) -> bytes:
        """Pickled, with explainers (and objects with a basis) in it by their fingerprint."""
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)

        def persistent_id(obj: object) -> str | None:
            if not isinstance(obj, _BY_FINGERPRINT):
                return None
            fingerprint = self.of(obj)
            if fingerprint is None:
                raise pickle.PicklingError(f"no fingerprint for {type(obj).__name__}")
            return fingerprint

        pickler.persistent_id = persistent_id
        pickler.dump(value)
        return buffer.getvalue()


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
            data = read_bytes(self.folder / key).decode("utf-8")
            end = data.index("\n")
            lengths = json.loads(data[:end])
        except DAMAGE:
            return None  # rendered again, and saved over it
        blocks, start = {}, end + 1
        for name, length in lengths.items() if type(lengths) is dict else ():
            if type(length) is not int or length < 0:
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
        """Remove what the last build did not use (and temporary files left by a killed one).

        Only names this store writes, and never through a link: the folder may have been
        replaced by a link to a folder of the user's own files."""
        if self.folder.is_symlink():
            return
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name not in used and _OWN_NAME.fullmatch(name):
                with contextlib.suppress(OSError):
                    os.unlink(self.folder / name)
