"""What one build leaves for the next, in another process: `.cache/build-state.pickle`.

The seeds as read (by file stat), the knowledge base and its index (by the stats of
`content/`) and every enriched explainer (by extraction key, slug, path and knowledge
digest). With it, a build after a template edit reads no seed, parses no Markdown and
decodes no token table: it renders. The file is discarded whole when the generator's own
code changes, since enrichment rules may have changed with it.

Pickle is used because it is the one format that loads thousands of small dataclasses fast.
Loading is restricted to the generator's own data classes and a few standard value types, so
a tampered file can fail to load but cannot run code; any failure means starting afresh.
"""

from __future__ import annotations

import gc
import io
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.enrich import KnowledgeIndex
from generator.knowledge import Knowledge
from generator.model import Article, Explainer
from generator.site import Site

FORMAT = 1

# Modules whose classes a state file may contain, and the classes allowed from elsewhere.
_OWN_MODULES = {
    "generator.buildstate",
    "generator.enrich",
    "generator.knowledge",
    "generator.match",
    "generator.model",
    "generator.site",
}
_ALLOWED = {
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "timezone"),
    ("datetime", "timedelta"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
}


@dataclass
class BuildState:
    code: str = ""  # fingerprint of the generator's code that wrote it
    articles: dict[Path, tuple[tuple, Article]] = field(default_factory=dict)
    knowledge: tuple[tuple, Knowledge, KnowledgeIndex] | None = None
    explainers: dict[tuple, Explainer] = field(default_factory=dict)
    # Assembled from exactly the explainers above and the knowledge base (its time aside).
    site: Site | None = None
    # The key of the site.toml, seeds and content/ it was all made from (fingerprint.
    # inputs_key), and whether their build reported errors: while the key is the same and
    # there were none, the site above is the site.
    sources: str = ""
    errors: bool = False


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if module in _OWN_MODULES or (module, name) in _ALLOWED:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a build state")


def load_state(path: Path, code: str) -> BuildState:
    """The state the last build saved, or an empty one if it is missing, stale or unreadable."""
    try:
        data = path.read_bytes()
    except OSError:
        return BuildState(code=code)
    # Loading creates a few hundred thousand objects and none is garbage: without this the
    # cyclic collector would run hundreds of times over them (three times slower). Once
    # loaded, they live as long as the build, so later collections are told to skip them.
    gc.disable()
    try:
        state = _Unpickler(io.BytesIO(data)).load()
    except Exception:  # corrupt, truncated, from another version: start afresh
        state = None
    finally:
        gc.freeze()
        gc.enable()
    if not isinstance(state, tuple) or len(state) != 2 or state[0] != FORMAT:
        return BuildState(code=code)
    state = state[1]
    if not isinstance(state, BuildState) or state.code != code:
        return BuildState(code=code)
    return state


def save_state(path: Path, state: BuildState) -> None:
    """Write the state atomically: a killed build leaves the previous file or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((FORMAT, state), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
