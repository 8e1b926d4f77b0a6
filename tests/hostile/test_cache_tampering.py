"""A cache folder anyone may have replaced (restored from CI, shared, tampered with): nothing
in it runs as code, and a bad entry costs a slower build, never a failed one."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.config import load_config
from generator.incremental import saved_state as buildstate
from generator.incremental.extraction_cache import ExtractionCache
from generator.incremental.keys import code_key
from generator.pipeline import build
from tests.sites import GAZA, built_files, make_site

NESTED = b"[" * 100_000 + b"]" * 100_000  # deeper than Python's recursion limit
NOT_UTF8 = b"\xff\xfe\x80 not text \xc3\x28"


@pytest.fixture(autouse=True)
def machine_key(tmp_path, monkeypatch) -> Path:
    """This machine's key, kept for the test outside the site and its cache folder."""
    path = tmp_path / "state" / "cache-key"
    monkeypatch.setenv(buildstate.KEY_VARIABLE, str(path))
    return path


@pytest.fixture
def site(tmp_path):
    config = load_config(make_site(tmp_path / "site"))
    assert build(config, search=False).errors == []
    return config


def _page(config) -> str:
    return (config.output_dir / GAZA / "index.html").read_text()


def _extraction_reads(monkeypatch) -> list:
    """The articles whose cached extraction a build reads (none when it restores its state)."""
    read: list = []
    real = ExtractionCache.get
    monkeypatch.setattr(ExtractionCache, "get", lambda self, a: read.append(a) or real(self, a))
    return read


def _global(module: str, name: str) -> bytes:
    text = [s.encode() for s in (module, name)]
    return b"".join(pickle.SHORT_BINUNICODE + bytes([len(s)]) + s for s in text) + (
        pickle.STACK_GLOBAL
    )


def _function_gadget(marker: Path) -> bytes:
    """A pickle that makes a function from `types.CodeType` and `types.FunctionType`, both
    named as attributes of modules `generator.incremental.saved_state` imports, and calls it."""
    code = compile(f"open({str(marker)!r}, 'w').close()", "<payload>", "exec")
    fields = "argcount posonlyargcount kwonlyargcount nlocals stacksize flags code consts names"
    fields += " varnames filename name qualname firstlineno linetable exceptiontable freevars"
    fields += " cellvars"
    arguments = tuple(getattr(code, f"co_{name}") for name in fields.split())
    plain = pickle.dumps(arguments, protocol=3)[2:-1]  # no header, no STOP, no global
    return (
        pickle.PROTO
        + bytes([4])
        + _global("generator.incremental.saved_state", "pickle.FunctionType")
        + pickle.MARK
        + _global("generator.incremental.saved_state", "tempfile._types.CodeType")
        + plain
        + pickle.REDUCE  # the code object
        + pickle.EMPTY_DICT
        + pickle.TUPLE
        + pickle.REDUCE  # the function
        + pickle.EMPTY_TUPLE
        + pickle.REDUCE  # called
        + pickle.STOP
    )


class _System:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch '{self.marker}'",))


def _os_system_gadget(marker: Path) -> bytes:
    return pickle.dumps(_System(marker), protocol=pickle.HIGHEST_PROTOCOL)


# (An unsigned os.system pickle: tests/incremental/test_saved_state.py.)
@pytest.mark.parametrize(
    ("gadget", "signed"),
    [(_function_gadget, False), (_function_gadget, True), (_os_system_gadget, True)],
    ids=["FunctionType, unsigned", "FunctionType, signed", "os.system, signed"],
)
def test_a_state_file_that_would_run_code_runs_none(site, machine_key, tmp_path, gadget, signed):
    marker = tmp_path / "ran"
    payload = gadget(marker)
    pickle.loads(payload)  # unpickled freely, the payload does run
    assert marker.exists()
    marker.unlink()
    path = site.cache_dir / "build-state.pickle"
    if signed:  # as if the key had leaked: the loader still takes only the data classes
        payload = buildstate.signed(payload, code_key(), machine_key.read_bytes())
    path.write_bytes(payload)
    report = build(site, search=False)
    assert report.errors == [] and "Talks Resume" in _page(site)
    assert not marker.exists()


def test_a_state_signed_with_another_machines_key_is_ignored(site, tmp_path, monkeypatch):
    before = built_files(site)
    monkeypatch.setenv(buildstate.KEY_VARIABLE, str(tmp_path / "other machine" / "cache-key"))
    read = _extraction_reads(monkeypatch)
    report = build(site, search=False)
    assert report.errors == [] and built_files(site) == before
    assert len(read) == len(list(site.seeds_dir.glob("*.txt")))  # started afresh
    read.clear()
    assert build(site, search=False).errors == []
    assert read == []  # the state saved again, signed with this machine's key


def test_a_key_inside_the_cache_folder_is_not_trusted(tmp_path, monkeypatch):
    # It would travel with the folder: whoever can write the folder could sign a state.
    config = load_config(make_site(tmp_path / "site"))
    monkeypatch.setenv(buildstate.KEY_VARIABLE, str(config.cache_dir / "cache-key"))
    assert build(config, search=False).errors == []
    read = _extraction_reads(monkeypatch)
    assert build(config, search=False).errors == [] and read
    assert not (config.cache_dir / "cache-key").exists()


def test_the_key_is_made_once_private_to_its_owner(site, machine_key):
    assert stat.S_IMODE(machine_key.stat().st_mode) == 0o600
    assert len(machine_key.read_bytes()) == 32
    key = machine_key.read_bytes()
    assert build(site, search=False).errors == []
    assert machine_key.read_bytes() == key


def test_the_key_lives_in_the_users_state_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(buildstate.KEY_VARIABLE)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert buildstate.key_path() == tmp_path / "state" / "explainer-generator" / "cache-key"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/state")  # the XDG spec ignores it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    home_state = tmp_path / "home" / ".local" / "state"
    assert buildstate.key_path() == home_state / "explainer-generator" / "cache-key"


def _retitled(data: bytes) -> bytes:
    entry = json.loads(data)
    entry["title"] = 5  # JSON, every field present, one of the wrong type
    return json.dumps(entry).encode()


def _misindexed(data: bytes) -> bytes:
    entry = json.loads(data)
    entry["tokens"]["word_first"][0] = 10**6  # the first word starts past the last token
    return json.dumps(entry).encode()


def _endless(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


EXTRACTION_DAMAGE: dict[str, Callable[[Path], None]] = {
    "deeply nested": lambda path: path.write_bytes(NESTED),
    "a field of the wrong type": lambda path: path.write_bytes(_retitled(path.read_bytes())),
    "a token index out of range": lambda path: path.write_bytes(_misindexed(path.read_bytes())),
    "a link to an endless file": _endless,
}


@pytest.mark.parametrize("damage", EXTRACTION_DAMAGE)
def test_a_damaged_extraction_entry_is_discarded_once(site, damage):
    entries = sorted((site.cache_dir / "extract").rglob("*.json"))
    EXTRACTION_DAMAGE[damage](entries[0])
    # fresh: past the saved state, which would not need the extractions at all.
    report = build(site, search=False, fresh=True)
    assert report.errors == [] and report.parsed == 1
    assert build(site, search=False, fresh=True).parsed == 0  # the entry was made again


def _overlapping(data: bytes) -> bytes:
    """The first block's length takes the second's text, which gets a negative length: the
    lengths still add up to the file's."""
    header, _, rest = data.partition(b"\n")
    lengths = json.loads(header)
    first, second = list(lengths)[:2]
    lengths[first] += lengths[second] + 1
    lengths[second] = -1
    return json.dumps(lengths).encode() + b"\n" + rest


BLOCK_DAMAGE: dict[str, Callable[[Path], None]] = {
    "deeply nested header": lambda path: path.write_bytes(NESTED + b"\n" + path.read_bytes()),
    "a negative length": lambda path: path.write_bytes(_overlapping(path.read_bytes())),
    "a link to an endless file": _endless,
}


@pytest.mark.parametrize("damage", BLOCK_DAMAGE)
def test_damaged_saved_blocks_are_rendered_again(site, damage):
    before = built_files(site)
    folder = site.cache_dir / "fragments"
    saved = [p for p in folder.iterdir() if len(json.loads(p.read_bytes().split(b"\n")[0])) > 1]
    assert saved  # files of several blocks
    for path in saved:
        BLOCK_DAMAGE[damage](path)
    assert build(site, search=False).errors == []
    assert built_files(site) == before


RECORD_DAMAGE = {
    "last-build.json": NESTED,
    "made-from.json": NESTED,
    "fragments-templates.json": NESTED,
    "search-key": NOT_UTF8,
}


@pytest.mark.parametrize("name", RECORD_DAMAGE)
def test_a_damaged_record_of_the_last_build_means_building_again(site, name):
    before = built_files(site)
    (site.output_dir / "pagefind").mkdir()  # as a site built with its search index
    (site.cache_dir / name).write_bytes(RECORD_DAMAGE[name])
    report = build(site, search=False, force=False)
    assert report.errors == [] and not report.unchanged
    assert built_files(site) == before


def test_cache_files_in_the_way_do_not_fail_the_build(site):
    (site.cache_dir / "last-build.json").unlink()
    (site.cache_dir / "last-build.json").mkdir()
    shutil.rmtree(site.cache_dir / "extract")
    (site.cache_dir / "extract").write_text("not a folder")
    seed = site.seeds_dir / "gaza-delegation-talks.txt"
    seed.write_text(seed.read_text() + "\nA line added later.\n")
    assert build(site, search=False).errors == []
    assert "A line added later." in _page(site)


def test_a_saved_blocks_folder_linked_elsewhere_loses_nothing_there(site, tmp_path):
    elsewhere = tmp_path / "documents"
    elsewhere.mkdir()
    (elsewhere / "thesis.odt").write_text("years of work")
    folder = site.cache_dir / "fragments"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.symlink_to(elsewhere)
    assert build(site, search=False).errors == []
    assert (elsewhere / "thesis.odt").read_text() == "years of work"
