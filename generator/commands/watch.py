"""Watching the site's sources with watchdog: changes debounced, filtered and sorted by kind.

A watched folder that is deleted stops its watch for good (inotify watches the folder, not
its name), so the folders are looked at again while waiting: one that is back, or is a new
folder under the same name, is watched again and counts as changed.
"""

from __future__ import annotations

import os
import queue
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from generator.config import SiteConfig
from generator.read.seeds import is_seed

# Editors' swap, backup and probe files: never a reason to rebuild.
IGNORED = re.compile(r"^(\..*|#.*#|.*~|.*\.(swp|swx|swo|tmp|part|crdownload)|4913|\d+)$")
QUIET = 0.08  # seconds without events before a batch is handed over (atomic saves come in pairs)
LONGEST = 1.0  # a stream of events is handed over at least this often


@dataclass(frozen=True)
class Change:
    kind: str  # "config", "seed", "content", "template", "static"
    path: Path


def classify(config: SiteConfig, path: Path) -> str | None:
    """What kind of source a path is, or None when a change to it needs no rebuild."""
    path = path.absolute()
    if IGNORED.match(path.name):
        return None
    if config.path is not None and path == config.path:
        return "config"
    if path.is_relative_to(config.output_dir) or path.is_relative_to(config.cache_dir):
        return None
    if path.is_relative_to(config.seeds_dir):
        return "seed" if is_seed(path) else None
    if path.is_relative_to(config.content_dir):
        return "content" if path.suffix == ".md" else None
    for theme in config.theme_dirs:
        if path.is_relative_to(theme / "templates"):
            return "template"
        if path.is_relative_to(theme / "static"):
            return "static"
    return None


class _Handler(FileSystemEventHandler):
    def __init__(self, config: SiteConfig, changes: queue.Queue) -> None:
        self.config = config
        self.changes = changes

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        for raw in paths:
            if not raw:
                continue
            path = Path(os.fsdecode(raw))  # a name that is not UTF-8 stays a name
            kind = classify(self.config, path)
            if kind is not None:
                self.changes.put(Change(kind, path))


@dataclass(frozen=True)
class _Watched:
    """A folder's watch, and which folder it is (device and inode) when it was made."""

    watch: ObservedWatch
    identity: tuple[int, int]


def _identity(folder: Path) -> tuple[int, int] | None:
    """The folder's device and inode; None if it is missing (or not a folder)."""
    try:
        info = folder.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None


class Watcher:
    """Runs a watchdog observer over the seeds, content, theme folders and site.toml."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.changes: queue.Queue = queue.Queue()
        self.observer = Observer()
        self._handler = _Handler(config, self.changes)
        # Each folder with the kind of change it stands for when it comes back whole.
        self._kinds = {config.seeds_dir: "seed", config.content_dir: "content"}
        self._kinds.update((theme, "template") for theme in config.theme_dirs)
        self._watched: dict[Path, _Watched] = {}
        for folder in self._kinds:
            self._watch(folder)
        self.observer.schedule(self._handler, str(config.root), recursive=False)

    def _watch(self, folder: Path) -> bool:
        """Watch `folder` unless it is missing or already watched alive; True if it was
        (re)scheduled."""
        identity = _identity(folder)
        known = self._watched.get(folder)
        if identity is None or (known and known.identity == identity and self._alive(known)):
            return False
        if known is not None:
            del self._watched[folder]
            self.observer.unschedule(known.watch)  # its emitter stopped with the old folder
        try:
            watch = self.observer.schedule(self._handler, str(folder), recursive=True)
        except OSError:  # gone again already: looked at next time
            return False
        self._watched[folder] = _Watched(watch, identity)
        return True

    def _alive(self, known: _Watched) -> bool:
        if not self.observer.is_alive():  # not started yet: nothing runs, nothing died
            return True
        return any(e.watch == known.watch and e.is_alive() for e in self.observer.emitters)

    def _rewatch(self) -> None:
        """Watch again the folders that came back; each counts as changed."""
        for folder, kind in self._kinds.items():
            if self._watch(folder):
                self.changes.put(Change(kind, folder))

    def start(self) -> None:
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)

    def next_batch(self, timeout: float | None = None) -> list[Change] | None:
        """Wait for changes, then collect until the folder is quiet; None on timeout."""
        self._rewatch()
        try:
            first = self.changes.get(timeout=timeout)
        except queue.Empty:
            return None
        batch = [first]
        started = time.monotonic()
        while time.monotonic() - started < LONGEST:
            try:
                batch.append(self.changes.get(timeout=QUIET))
            except queue.Empty:
                break
        return list(dict.fromkeys(batch))
