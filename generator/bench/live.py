"""The dev server's latency: from saving a file to the browser's reload event."""

from __future__ import annotations

import http.client
import json
import queue
import statistics
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from generator.commands.serve import DevServer

EDITS = 5


@dataclass
class LiveFigures:
    site: str
    seed: float  # median seconds from saving a seed to the reload event
    content: float  # … a content/ file
    template: float  # … a template


class EventStream:
    """A client of the dev server's Server-Sent Events: `build` events, in order, with the
    time each arrived. Used by the benchmark and the tests."""

    def __init__(self, server: DevServer) -> None:
        host, port = server.server.server_address[:2]
        self.connection = http.client.HTTPConnection(host, port, timeout=300)
        self.connection.request("GET", f"/__live/events?epoch={server.live.epoch}")
        self.response = self.connection.getresponse()
        self.content_type = self.response.getheader("Content-Type")
        self.events: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for raw in self.response:
                line = raw.decode().strip()
                if line.startswith("data: "):
                    self.events.put((time.perf_counter(), json.loads(line[6:])))
        except (OSError, ValueError):
            pass

    def next(self, timeout: float = 600) -> tuple[float, dict]:
        """The next event: (when it arrived, its data)."""
        return self.events.get(timeout=timeout)


def _latency(events: EventStream, path: Path, text: str) -> float:
    saved = time.perf_counter()
    path.write_text(text)
    arrived, event = events.next()
    if event["failed"]:
        raise RuntimeError(f"the rebuild failed: {event['errors']}")
    return arrived - saved


def bench_live(
    name: str, site_toml: Path, seed: Path, content: Path, template: Path
) -> LiveFigures:
    """Median save-to-reload time for a seed, a content file and a template, EDITS times each."""
    server = DevServer(site_toml, port=0)
    server.start()
    try:
        events = EventStream(server)
        figures = {}
        for label, path in (("seed", seed), ("content", content), ("template", template)):
            original = path.read_text()
            times = []
            for number in range(EDITS):
                suffix = (
                    f"\nAn added paragraph, edit {number}.\n"
                    if label != "template"
                    else f"{{# edit {number} #}}\n"
                )
                # Start from a quiet server: the search refresh after a reload has finished.
                time.sleep(0.3)
                server.idle.wait(timeout=600)
                times.append(_latency(events, path, original + suffix))
            path.write_text(original)
            events.next()
            figures[label] = statistics.median(times)
    finally:
        server.stop()
    return LiveFigures(name, figures["seed"], figures["content"], figures["template"])
