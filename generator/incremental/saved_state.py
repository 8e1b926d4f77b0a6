"""What one build leaves for the next, in another process: `.cache/build-state.pickle`.

The seeds as read (by file stat), the knowledge base and its index (by the stats of
`content/`) and every enriched explainer (by extraction key, slug, path and knowledge
digest). With it, a build after a template edit reads no seed, parses no Markdown and
decodes no extraction: it renders. The file is discarded whole when the generator's own
code changes, since enrichment rules may have changed with it.

Why pickle: the state is a graph, not a tree (the site's lists, actors' appearances and the
glossary share the very explainers the state keeps by key; articles and explainers share
their paragraphs), and the build relies on that sharing (it reuses the assembled site while
its explainers are the same objects). Pickle keeps it, and loads the 1,000-article state
(about 9 MB, hundreds of thousands of small objects) in about 50 ms; JSON would need an
encoding of references and a Python call per object to rebuild it, several times slower.

Why it cannot run code: the cache folder may come from a CI cache or another person, so
(a) the file is signed with an HMAC-SHA256 under a random key of this machine, kept outside
the cache folder and the project (`key_path`), and checked before a byte is unpickled: a file
this machine did not write is ignored; and (b) even a signed file may name only the exact
classes in `_CLASSES` (the generator's data classes, dates, paths), looked up in a table,
never imported or reached through dotted names. Anything else means starting afresh from the
extraction cache: slower, never wrong.

`EXPLAINER_STATE_KEY`, when set, is the key file's path (tests set it to a temporary one).
When no key can be read or made (no writable home folder), no state is saved.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import os
import pickle
import secrets
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path, PosixPath

from generator import model, site
from generator.incremental.cachefile import read_bytes
from generator.incremental.memory import loading_live_objects
from generator.knowledge import load as knowledge
from generator.knowledge import match
from generator.knowledge.enrich import KnowledgeIndex
from generator.knowledge.load import Knowledge
from generator.model import Article, Explainer
from generator.site import Site

FORMAT = 2
KEY_VARIABLE = "EXPLAINER_STATE_KEY"
KEY_BYTES = 32
MAX_BYTES = 1 << 30  # the 10,000-article state is about 90 MB


@dataclass
class BuildState:
    code: str = ""  # the key of the generator's code that wrote it (keys.code_key)
    articles: dict[Path, tuple[tuple, list[Article]]] = field(default_factory=dict)
    knowledge: tuple[tuple, Knowledge, KnowledgeIndex] | None = None
    explainers: dict[tuple, Explainer] = field(default_factory=dict)
    # Assembled from exactly the explainers above and the knowledge base (its time aside).
    site: Site | None = None
    # The key of the site.toml, seeds and content/ it was all made from (keys.inputs_key),
    # and whether their build reported errors: while the key is the same and there were
    # none, the site above is the site.
    sources: str = ""
    errors: bool = False


# Every class a state holds; a class added to the state must be added here, or the state
# never loads (tests/incremental/test_saved_state.py notices: the next build reads the
# extractions).
_CLASSES = [
    BuildState,
    KnowledgeIndex,
    knowledge.ActorProfile,
    knowledge.ContextEntry,
    knowledge.GlossaryEntry,
    knowledge.Knowledge,
    knowledge.Override,
    knowledge.Page,
    match.PhraseMatcher,
    match._Node,
    model.Actor,
    model.Article,
    model.Claim,
    model.ContextBox,
    model.Dateline,
    model.Explainer,
    model.Extraction,
    model.Mention,
    model.Quote,
    model.Term,
    model.TokenTable,
    site.ActorEntry,
    site.Appearance,
    site.GlossaryItem,
    site.Site,
    date,
    datetime,
    timedelta,
    timezone,
    PosixPath,
]


class _Unpickler(pickle.Unpickler):
    """Finds only the classes above, by the exact names pickle wrote them under."""

    _allowed = {(cls.__module__, cls.__qualname__): cls for cls in _CLASSES}

    def find_class(self, module: str, name: str) -> object:
        found = self._allowed.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a build state")
        return found


def key_path() -> Path:
    """Where this machine's key is: $EXPLAINER_STATE_KEY, else in the user's state folder
    ($XDG_STATE_HOME, or ~/.local/state), outside every project and its cache folder."""
    named = os.environ.get(KEY_VARIABLE)
    if named:
        return Path(named)
    state_home = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(state_home):  # a relative one is to be ignored (XDG spec)
        state_home = os.path.join(Path.home(), ".local", "state")
    return Path(state_home, "explainer-generator", "cache-key")


def machine_key(cache_folder: Path) -> bytes | None:
    """This machine's key, made if there is none; None if it cannot be, or if it lies in
    the cache folder, whose files anyone who wrote the folder could have chosen."""
    try:
        path = key_path()
        if path.resolve().is_relative_to(cache_folder.resolve()):
            return None
    except RuntimeError:  # no home folder, or a loop of links
        return None
    try:
        with open(path, "rb") as handle:
            key = handle.read(KEY_BYTES + 1)
    except OSError:
        key = b""
    if len(key) == KEY_BYTES:
        return key
    try:
        return _new_key(path)  # missing, or not one we made
    except OSError:
        return None


def _new_key(path: Path) -> bytes:
    """A random key, written whole under `path`, readable by this user alone. Two builds
    making one at once each sign with their own; the next build ignores one state."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".new-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return key


def _header(code: str) -> bytes:
    return f"explainer-state {FORMAT} {code}\n".encode()


def signed(payload: bytes, code: str, key: bytes) -> bytes:
    """The file for a pickled state: its HMAC, then a header naming the code, then it."""
    body = _header(code) + payload
    return hmac.digest(key, body, hashlib.sha256) + body


def _payload_start(data: bytes, code: str, key: bytes) -> int | None:
    """Where the pickle starts in a file `signed` made with this key for this code; None
    for any other file. Nothing of it is unpickled before this."""
    mac_size = hashlib.sha256().digest_size
    body = memoryview(data)[mac_size:]
    if not hmac.compare_digest(data[:mac_size], hmac.digest(key, body, hashlib.sha256)):
        return None
    header = _header(code)
    return mac_size + len(header) if body[: len(header)] == header else None


def load_state(path: Path, code: str) -> BuildState:
    """The state the last build saved, or an empty one if it is missing, stale, damaged or
    not signed with this machine's key."""
    key = machine_key(path.parent)
    if key is None:
        return BuildState(code=code)
    try:
        data = read_bytes(path, MAX_BYTES)
    except OSError:
        return BuildState(code=code)
    start = _payload_start(data, code, key)
    if start is None:
        return BuildState(code=code)
    stream = io.BytesIO(data)
    stream.seek(start)
    with loading_live_objects():  # hundreds of thousands of objects, none garbage
        try:
            state = _Unpickler(stream).load()
        except Exception:  # a class renamed since, say: start afresh
            state = None
    if not isinstance(state, BuildState) or state.code != code:
        return BuildState(code=code)
    return state


def save_state(path: Path, state: BuildState) -> None:
    """Write the state atomically and signed (a killed build leaves the previous file or
    none); nothing is written without a key."""
    key = machine_key(path.parent)
    if key is None:
        return
    data = signed(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), state.code, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
