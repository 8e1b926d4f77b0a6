"""The live preview against Hugo's: from saving an article to the browser's reload.

Ours is `make serve` (the DevServer, in this process; the reload is its Server-Sent Event);
Hugo's is `hugo server` on the same article bodies as Markdown pages (the reload is the
LiveReload message its pages' script receives over a WebSocket). Each gets 5 edits of one
article, each adding a paragraph no earlier run added (so nothing comes from a cache), and
the first is saved as soon as the server answers: for ours, while spaCy may still be
loading in the background. Both run on the same machine in the same run.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from generator.bench.live import EventStream
from generator.bench.others import environment, hugo_site
from generator.bench.sites import ROOT, make_site
from generator.bench.tables import markdown_table
from generator.bench.timing import run
from generator.commands.serve import DevServer
from generator.read.seeds import list_seeds, read_article

EDITS = 5
HUGO_READY = "Web Server is available"


@dataclass
class PreviewFigures:
    first: float  # seconds from saving the first edit to the reload
    median: float  # of all the edits, the first included


def _figures(times: list[float]) -> PreviewFigures:
    return PreviewFigures(times[0], statistics.median(times))


def _edit(path: Path, original: str, number: int) -> None:
    path.write_text(original + f"\n\nA paragraph added, edit {number} at {time.time_ns()}.\n")


def ours(site_toml: Path, seed: Path) -> PreviewFigures:
    """Our dev server, started on a built site; the first edit as soon as it serves."""
    server = DevServer(site_toml, port=0)
    server.start()
    original = seed.read_text()
    try:
        events = EventStream(server)
        times = []
        for number in range(EDITS):
            if number:  # from a quiet server: the search refresh after a reload finished
                time.sleep(0.3)
                server.idle.wait(timeout=600)
            saved = time.perf_counter()
            _edit(seed, original, number)
            arrived, event = events.next()
            if event["failed"]:
                raise RuntimeError(f"the rebuild failed: {event['errors']}")
            times.append(arrived - saved)
    finally:
        seed.write_text(original)
        server.stop()
    return _figures(times)


class LiveReload:
    """A client of Hugo's LiveReload WebSocket (/livereload), as its pages' script is."""

    def __init__(self, port: int) -> None:
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=120)
        self.stream = self.socket.makefile("rb")
        key = base64.b64encode(os.urandom(16)).decode()
        self.socket.sendall(
            f"GET /livereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        status = self.stream.readline()
        if b" 101 " not in status:
            raise RuntimeError(f"hugo server refused the WebSocket: {status!r}")
        while self.stream.readline() not in (b"\r\n", b""):
            pass
        self._send(
            {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}
        )
        self.receive()  # its hello

    def _send(self, message: dict) -> None:
        payload = json.dumps(message, separators=(",", ":")).encode()  # as browsers send it
        assert len(payload) < 126  # (a hello) one byte of length
        mask = os.urandom(4)  # a client masks what it sends (RFC 6455)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.socket.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + masked)

    def receive(self) -> dict:
        """The next text message, as JSON."""
        while True:
            opcode, length = self.stream.read(2)
            size = length & 0x7F
            if size >= 126:
                size = int.from_bytes(self.stream.read(2 if size == 126 else 8), "big")
            payload = self.stream.read(size)
            if opcode & 0x0F == 1:
                return json.loads(payload)

    def close(self) -> None:
        self.stream.close()
        self.socket.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hugo(hugo_binary: Path, site: Path, page: Path) -> PreviewFigures:
    """`hugo server` on a Hugo site; the first edit as soon as it serves."""
    port = _free_port()
    process = subprocess.Popen(
        [str(hugo_binary), "server", "--bind", "127.0.0.1", "--port", str(port)],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    original = page.read_text()
    try:
        for line in process.stdout:
            if HUGO_READY in line:
                break
        else:
            raise RuntimeError(f"hugo server stopped ({process.wait()})")
        # Its log, read so that the pipe never fills.
        threading.Thread(target=process.stdout.read, daemon=True).start()
        client = LiveReload(port)
        times = []
        for number in range(EDITS):
            if number:
                time.sleep(0.3)
            saved = time.perf_counter()
            _edit(page, original, number)
            while client.receive().get("command") != "reload":
                pass
            times.append(time.perf_counter() - saved)
        client.close()
    finally:
        page.write_text(original)
        process.terminate()
        process.wait(timeout=30)
    return _figures(times)


def _bodies(seeds: Path) -> list[tuple[str, str]]:
    """(headline, body) of each seed as our reader reads it (front matter and all)."""
    articles = [read_article(path, seeds) for path in list_seeds(seeds)]
    return [(a.headline, "\n\n".join(a.paragraphs)) for a in articles]


def _targets(work: Path, sizes: list[int], seed: int) -> list[tuple[str, Path]]:
    """The sample site and the largest bench site up to 1,000 articles, each built once, so
    that the servers start on a built site, as after `make build`."""
    sample = work / "preview-sample"
    shutil.rmtree(sample, ignore_errors=True)
    for folder in ("seeds", "content", "theme"):
        shutil.copytree(ROOT / folder, sample / folder)
    (sample / "site.toml").write_text('title = "Preview"\ntheme = "theme"\n')
    big = min(max(sizes), 1000)
    site = work / f"site-{big}"
    if not (site / "site.toml").exists():
        make_site(site, big, seed)
    targets = [("sample site", sample / "site.toml"), (f"{big:,} articles", site / "site.toml")]
    for _, site_toml in targets:
        run([sys.executable, "-m", "generator", "--config", str(site_toml), "build", "--no-search"])
    return targets


def preview_section(work: Path, sizes: list[int], seed: int = 1) -> str:
    """Ours and Hugo's on the sample site and on the largest site up to 1,000 articles."""
    hugo_binary = environment(work) / "hugo"
    rows = []
    for name, site_toml in _targets(work, sizes, seed):
        seeds = site_toml.parent / "seeds"
        hugo_folder = work / f"preview-hugo-{site_toml.parent.name}"
        shutil.rmtree(hugo_folder, ignore_errors=True)
        hugo_site(hugo_folder, _bodies(seeds))
        theirs = hugo(hugo_binary, hugo_folder, hugo_folder / "content" / "posts" / "a00000.md")
        mine = ours(site_toml, sorted(seeds.glob("*.txt"))[0])
        rows.append(
            [
                name,
                f"{mine.first:.2f}",
                f"{mine.median:.2f}",
                f"{theirs.first:.2f}",
                f"{theirs.median:.2f}",
            ]
        )
    return (
        "### Live preview against Hugo\n\nFrom saving an article to the browser's reload "
        "event: `make serve` on the site, `hugo server` on its article bodies as Markdown "
        f"pages; {EDITS} edits of one article each, the first saved as soon as the server "
        "answers (ours may still be loading spaCy then).\n\n"
        + markdown_table(
            ["site", "ours: first edit", "ours: median", "Hugo: first edit", "Hugo: median"],
            rows,
        )
    )


if __name__ == "__main__":
    print(
        preview_section(Path("/dev/shm/explainer-bench"), [int(n) for n in sys.argv[1:]] or [1000])
    )
