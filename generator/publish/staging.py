"""Writing the site: into a staging folder, then swapped in whole.

Files whose bytes did not change are hard-linked from the previous site instead of written,
so they keep their modification time (and hosting tools upload only what changed).

A build deletes only what it can prove it made: every folder it makes (the site, a staging
folder, the folder an old site is removed from) carries a marker file, and the output folder
is replaced only when it is missing, empty or marked.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from generator.errors import InputError

_RENAME_EXCHANGE = 2

MARKER = ".explainer-site"
GENERATOR = "explainer-generator"
_MARKER_TEXT = (
    json.dumps(
        {
            "generator": GENERATOR,
            "note": "made by a build; the next build replaces this folder whole",
        }
    )
    + "\n"
).encode()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    at_fdcwd = -100
    result = libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _identity(stat: os.stat_result) -> list[int]:
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def _write_new(path: str, data: bytes) -> None:
    """Write a file that must not exist yet (FileExistsError if it does)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with memoryview(data) as rest:
            while rest:
                rest = rest[os.write(fd, rest) :]
    finally:
        os.close(fd)


def _same_bytes(path: str, data: bytes) -> bool:
    """Whether the file holds exactly these bytes (False if it cannot be read)."""
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def is_generated(folder: Path) -> bool:
    """Whether a folder (itself, not a symlink to one) carries the generator's marker."""
    marker = folder / MARKER
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
        info = os.lstat(marker)
        if not stat.S_ISREG(info.st_mode) or info.st_size > 4096:
            return False
        data = json.loads(marker.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("generator") == GENERATOR


def check_replaceable(output: Path) -> None:
    """Raise InputError unless a build may replace the output folder: it is missing, empty,
    or a site the generator made (it carries the marker)."""
    try:
        mode = os.lstat(output).st_mode
        if stat.S_ISDIR(mode) and (is_generated(output) or _is_empty(output)):
            return
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(
            f"cannot read the output folder: {exc.strerror or exc}",
            path=output,
            hint="set `output` in site.toml to a folder you can write to",
        ) from None
    if stat.S_ISLNK(mode):
        raise InputError(
            "the output folder is a symlink; a build replaces its output folder whole, never "
            "through a link",
            path=output,
            hint="set `output` in site.toml to the folder itself, or remove the link",
        )
    if not stat.S_ISDIR(mode):
        raise InputError(
            "the output path is not a folder",
            path=output,
            hint="move it away, or set `output` in site.toml to another folder",
        )
    raise InputError(
        f"the output folder is not empty and has no {MARKER} file, so it is not a site the "
        "generator made; a build replaces its output folder whole and would delete what it holds",
        path=output,
        hint="move it away or empty it, or set `output` in site.toml to another folder (a site "
        "built by an earlier version of the generator can simply be deleted)",
    )


def _is_empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def _delete_generated(folder: Path) -> None:
    """Delete a folder the generator made, its marker last: a deletion cut short leaves a
    folder still marked, which the next build recognises and finishes."""
    try:
        with os.scandir(folder) as entries:
            rest = [entry for entry in entries if entry.name != MARKER]
    except OSError:
        return
    for entry in rest:
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)  # (never follows symlinks)
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    with contextlib.suppress(OSError):
        os.unlink(folder / MARKER)
        os.rmdir(folder)


def _remove_leftovers(output: Path) -> None:
    """Delete the staging folders and old sites a killed build left beside the output:
    only folders with this build's own naming and the marker (not symlinks to one)."""
    own = re.compile(rf"\.{re.escape(output.name)}-(?:new|old)-[a-z0-9_]+")
    with os.scandir(output.parent) as entries:
        leftovers = [Path(e.path) for e in entries if own.fullmatch(e.name)]
    for folder in leftovers:
        if is_generated(folder):  # (a symlink is not)
            _delete_generated(folder)


class SiteWriter:
    """Collects a new site in a staging folder beside the output, then swaps it in."""

    def __init__(self, output: Path, made_from: dict[str, list] | None = None) -> None:
        """`made_from`: for files of the current output, the key each was made from and its
        identity then (see store_made)."""
        # Resolved, but not its last part: a symlink there must be seen, never followed.
        self.output = output.parent.resolve() / output.name
        self.made_from = made_from or {}
        try:
            self.output.parent.mkdir(parents=True, exist_ok=True)
            # Callers hold the build lock, so staging folders left here were left by a
            # build that was killed: they are garbage.
            _remove_leftovers(self.output)
            self.staging = self._new_folder("new")
        except OSError as exc:
            raise InputError(
                f"cannot write the output folder: {exc.strerror or exc}",
                path=self.output,
                hint="set `output` in site.toml to a folder you can write to",
            ) from None
        os.chmod(self.staging, 0o755)  # mkdtemp makes it private; a site is meant to be read
        self.written = 0
        self.kept = 0
        self._folders: set[str] = set()  # made in the staging folder by this process
        self._removal: subprocess.Popen | threading.Thread | None = None
        self._trash: Path | None = None  # the folder the old site is being removed from

    def _new_folder(self, kind: str) -> Path:
        """A marked folder beside the output, named so a later build can recognise it."""
        folder = Path(
            tempfile.mkdtemp(prefix=f".{self.output.name}-{kind}-", dir=self.output.parent)
        )
        _write_new(f"{folder}/{MARKER}", _MARKER_TEXT)
        return folder

    def write(self, relpath: str, data: str | bytes) -> None:
        self.tally(self.store(relpath, data))

    def store(self, relpath: str, data: str | bytes) -> bool:
        """Put one file in the staging folder, without counting it (so forked workers can
        call it); True when the previous site's identical file was linked instead."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        # Plain strings, not Paths: this runs for every file, and Paths cost a third of it.
        if _same_bytes(f"{self.output}/{relpath}", data):
            try:
                self._link_previous(relpath)
                return True
            except OSError:  # (removed meanwhile, or links not allowed there)
                pass
        target = self._target(relpath)
        self._replace(target, lambda: _write_new(target, data))
        return False

    def store_made(self, relpath: str, key: str, text: Callable[[], str]) -> tuple[bool, list[int]]:
        """Put a file whose bytes `key` determines. If the previous build made the previous
        site's file from the same key and it has not changed since (same inode, size and
        modification time), it is linked without reading either; else as `store`. Returns
        whether it was kept and the file's identity, for the next build's `made_from`."""
        known = self.made_from.get(relpath)
        if isinstance(known, list) and known[:1] == [key]:
            try:
                if _identity(os.stat(f"{self.output}/{relpath}")) == known[1:]:
                    self._link_previous(relpath)
                    return True, known[1:]
            except OSError:
                pass
        kept = self.store(relpath, text())
        return kept, _identity(os.stat(f"{self.staging}/{relpath}"))

    def _link_previous(self, relpath: str) -> None:
        """Put the previous site's file in the staging folder, hard-linked."""
        target, previous = self._target(relpath), f"{self.output}/{relpath}"
        self._replace(target, lambda: os.link(previous, target))

    def _target(self, relpath: str) -> str:
        """Where a file goes in the staging folder, its folder made."""
        # Paths hold names from content/: only plain ones, so no file lands outside the
        # staging folder or on another's place (`actors/../index.html`).
        if {"", ".", ".."} & set(relpath.split("/")):
            raise ValueError(f"{relpath!r} is not a plain path inside the output folder")
        target = f"{self.staging}/{relpath}"
        folder = os.path.dirname(target)
        if folder not in self._folders:  # (a set per process: mkdir is slow to fail)
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return target

    @staticmethod
    def _replace(target: str, make: Callable[[], None]) -> None:
        """Make the file; if this build already put one there, remove it first, so we never
        write through an earlier hard link (it may be the previous site's file)."""
        try:
            make()
        except FileExistsError:
            os.unlink(target)
            make()

    def tally(self, kept: bool) -> None:
        if kept:
            self.kept += 1
        else:
            self.written += 1

    def copy(self, source: Path, relpath: str) -> None:
        """Copy a static file, linking the previous copy when it is identical."""
        self.write(relpath, source.read_bytes())

    def keep(self, folder: str) -> bool:
        """Carry a folder of the previous site over unchanged (hard links, no copies); False
        if there is none."""
        previous = self.output / folder
        if not previous.is_dir():
            return False
        # os.walk and plain strings: Path objects would take most of the time (1,000 files).
        old, new = str(self.output), str(self.staging)
        for parent, _, names in os.walk(previous):
            target = new + parent[len(old) :]
            os.makedirs(target, exist_ok=True)
            for name in names:
                os.link(f"{parent}/{name}", f"{target}/{name}")
            self.kept += len(names)
        return True

    def drop(self, folder: str) -> None:
        """Take a kept folder out again, before anything is written there: its files are the
        previous site's, and writing through a link would change the site being served."""
        kept = self.staging / folder
        self.kept -= sum(1 for p in kept.rglob("*") if p.is_file())
        shutil.rmtree(kept)

    def commit(self) -> None:
        """Put the new site in place of the old one. The old one is removed in the background
        (mostly kernel time, which overlaps the build's last steps): call `wait`."""
        check_replaceable(self.output)  # again: something may have moved in during the build
        if not (self.output.exists() or self.output.is_symlink()):
            os.rename(self.staging, self.output)
            return
        # The old site goes into a marked folder, so a removal cut short is finished later.
        trash = self._new_folder("old")
        if _exchange(self.staging, self.output):
            os.rename(self.staging, trash / "site")
        else:  # No renameat2: two renames, leaving the output missing only for an instant.
            os.rename(self.output, trash / "site")
            os.rename(self.staging, self.output)
        self._remove(trash)

    def _remove(self, trash: Path) -> None:
        self._trash = trash
        rm = shutil.which("rm")
        if rm:  # a process of its own: a thread would mostly wait for the interpreter lock
            self._removal = subprocess.Popen([rm, "-rf", "--", str(trash / "site")])
        else:
            self._removal = threading.Thread(
                target=shutil.rmtree, args=(trash / "site",), kwargs={"ignore_errors": True}
            )
            self._removal.start()

    def wait(self) -> None:
        """Return once the old site is gone."""
        if isinstance(self._removal, subprocess.Popen):
            self._removal.wait()
        elif self._removal is not None:
            self._removal.join()
        self._removal = None
        if self._trash is not None:
            _delete_generated(self._trash)
            self._trash = None

    def abort(self) -> None:
        """Remove the staging folder (after `commit`, the old site, already being removed)."""
        if is_generated(self.staging):
            _delete_generated(self.staging)
        self.wait()
