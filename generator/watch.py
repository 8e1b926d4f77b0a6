"""Watching the site's sources with watchdog: changes debounced, filtered and sorted by kind."""

from __future__ import annotations

import queue
import re
import time
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.config import SiteConfig
from generator.seeds import is_seed

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
            path = Path(raw.decode() if isinstance(raw, bytes) else raw)
            kind = classify(self.config, path)
            if kind is not None:
                self.changes.put(Change(kind, path))


class Watcher:
    """Runs a watchdog observer over the seeds, content, theme folders and site.toml."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.changes: queue.Queue = queue.Queue()
        self.observer = Observer()
        handler = _Handler(config, self.changes)
        folders = [config.seeds_dir, config.content_dir, *config.theme_dirs]
        for folder in folders:
            if folder.is_dir():
                self.observer.schedule(handler, str(folder), recursive=True)
        self.observer.schedule(handler, str(config.root), recursive=False)

    def start(self) -> None:
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)

    def next_batch(self, timeout: float | None = None) -> list[Change] | None:
        """Wait for changes, then collect until the folder is quiet; None on timeout."""
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
