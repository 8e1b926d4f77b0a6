"""The dev server's HTTP side: files from the output folder only, the live-reload event
stream, and the error overlay injected into every HTML page while the last build failed.

It binds 127.0.0.1 unless told otherwise, answers GET and HEAD only, never lists a folder,
never serves outside the output folder and never redirects to another host.
"""

from __future__ import annotations

import errno
import json
import mimetypes
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markupsafe import escape

from generator.errors import InputError

LIVE = "/__live/"
KEEPALIVE = 15.0  # seconds between SSE comments, so proxies and browsers keep the stream open
RELOAD_JS = """(() => {
  const me = document.currentScript;
  let epoch = new URL(me.src).searchParams.get("epoch");
  const events = new EventSource("/__live/events?epoch=" + epoch);
  events.addEventListener("build", (event) => {
    const data = JSON.parse(event.data);
    if (data.errors.length && data.failed) { show(data.errors); } else { location.reload(); }
  });
  function show(errors) {
    let box = document.getElementById("live-errors");
    if (!box) {
      box = document.createElement("div");
      box.id = "live-errors";
      box.setAttribute("role", "alert");
      document.body.prepend(box);
    }
    box.textContent = "";
    const title = document.createElement("strong");
    title.textContent = "The last build failed; this is the previous site.";
    box.append(title);
    for (const e of errors) {
      const line = document.createElement("pre");
      line.textContent = (e.path ? e.path + (e.line ? ":" + e.line : "") + ": " : "") +
        e.message + (e.hint ? "\\n  hint: " + e.hint : "");
      box.append(line);
    }
  }
})();
"""
NO_SITE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    "<title>No site built yet</title></head><body><h1>No site built yet</h1>"
    "<p>The output folder does not exist: no build has succeeded yet. Fix what is below "
    "and save; this page reloads when a build succeeds.</p>"
    "{errors}</body></html>"
)
OVERLAY_CSS = (
    "#live-errors{position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:50vh;"
    "overflow:auto;margin:0;padding:1rem;background:#2b0b0b;color:#ffe9e9;"
    "font:14px/1.4 ui-monospace,monospace;border-top:4px solid #e5484d}"
    "#live-errors pre{white-space:pre-wrap;margin:.5rem 0 0}"
)


@dataclass
class LiveState:
    """What the browser needs to know: which build is current and whether it failed."""

    epoch: int = 0
    errors: list[dict] = field(default_factory=list)
    failed: bool = False  # True when the last build produced nothing (the old site is shown)
    closed: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, errors: list[InputError], failed: bool) -> None:
        with self.changed:
            self.epoch += 1
            self.errors = [e.to_dict() for e in errors]
            self.failed = failed
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.epoch != seen or self.closed, timeout)
            return self.epoch

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def message(self) -> str:
        return json.dumps({"epoch": self.epoch, "errors": self.errors, "failed": self.failed})


class Handler(BaseHTTPRequestHandler):
    """Serves files under the output folder only; no listings, nothing outside it."""

    server_version = "explainers-dev"
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, root: Path, base_path: str, live: LiveState, **kwargs) -> None:
        self.root = root
        self.base_path = base_path
        self.live = live
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:  # quiet: the build log matters more
        pass

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_POST(self) -> None:
        self.send_error(405, "Method Not Allowed")

    do_PUT = do_DELETE = do_PATCH = do_POST

    def do_GET(self, head: bool = False) -> None:
        path = request_path(self.path)
        if path.startswith(LIVE):
            return self.live_endpoint(path[len(LIVE) :], head)
        if not self.root.is_dir():
            return self.no_site(head)
        if self.base_path and path in ("/", ""):
            return self.redirect(self.base_path + "/")
        target = self.resolve(path)
        if target is None:
            return self.not_found(head)
        if target.is_dir():
            if not path.endswith("/"):
                return self.redirect(path + "/")
            target = target / "index.html"
            if not target.is_file():
                return self.not_found(head)
        self.send_file(target, 200, head)

    def resolve(self, url_path: str) -> Path | None:
        """The file a URL path names, or None when it is not strictly inside the output."""
        path = unquote(url_path)
        if "\x00" in path or "\\" in path:
            return None
        if self.base_path:
            if path != self.base_path and not path.startswith(self.base_path + "/"):
                return None
            path = path[len(self.base_path) :]
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if ".." in parts:
            return None
        root = self.root.resolve()
        candidate = root.joinpath(*parts)
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if real != root and not real.is_relative_to(root):
            return None  # a symlink out of the site
        return real

    def send_file(self, target: Path, status: int, head: bool) -> None:
        try:
            body = target.read_bytes()
        except OSError:
            return self.send_error(404, "Not Found")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype == "text/html":
            body = self.inject(body)
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def inject(self, body: bytes) -> bytes:
        """Add the reload script, and the error overlay when the last build failed."""
        extra = f'<script src="{LIVE}reload.js?epoch={self.live.epoch}"></script>'
        if self.live.errors:
            lines = "".join(f"<pre>{escape(_error_text(e))}</pre>" for e in self.live.errors)
            title = (
                "The last build failed; this is the previous site."
                if self.live.failed
                else "Some seeds could not be built."
            )
            extra += (
                f'<style>{OVERLAY_CSS}</style><div id="live-errors" role="alert">'
                f"<strong>{title}</strong>{lines}</div>"
            )
        marker = body.rfind(b"</body>")
        if marker < 0:
            return body + extra.encode()
        return body[:marker] + extra.encode() + body[marker:]

    def not_found(self, head: bool) -> None:
        page = self.root / "404.html"
        if page.is_file():
            return self.send_file(page, 404, head)
        self.send_error(404, "Not Found")

    def no_site(self, head: bool) -> None:
        """What every URL shows while no build has made the output folder."""
        errors = "".join(f"<pre>{escape(_error_text(e))}</pre>" for e in self.live.errors)
        body = NO_SITE.format(errors=errors).encode()
        body += f'<script src="{LIVE}reload.js?epoch={self.live.epoch}"></script>'.encode()
        self.send_response(503)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def redirect(self, location: str) -> None:
        # Always a path on this server: "//host/..." or "/\\host" would send browsers away.
        location = "/" + location.lstrip("/\\")
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def live_endpoint(self, name: str, head: bool) -> None:
        if name == "reload.js":
            body = RELOAD_JS.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)
        elif name == "events" and not head:
            self.event_stream()
        else:
            self.send_error(404, "Not Found")

    def event_stream(self) -> None:
        """Server-Sent Events: one `build` event per finished build after the client's epoch."""
        query = urlsplit(self.path).query
        try:
            seen = int(dict(p.split("=", 1) for p in query.split("&") if "=" in p)["epoch"])
        except (KeyError, ValueError):
            seen = self.live.epoch
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            while not self.live.closed:
                epoch = self.live.wait(seen, KEEPALIVE)
                if self.live.closed:
                    break
                if epoch != seen:
                    seen = epoch
                    self.wfile.write(f"event: build\ndata: {self.live.message()}\n\n".encode())
                else:
                    self.wfile.write(b": keepalive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


def request_path(target: str) -> str:
    """The path a request names on this server. An absolute-form target
    (`GET http://host/path`) gives its path, and leading slashes collapse to one, so the
    path, repeated in a redirect, is never read as another host (`//host/path`)."""
    parts = urlsplit(target)
    path = parts.path if parts.scheme else target.partition("?")[0].partition("#")[0]
    return "/" + path.lstrip("/")


def _error_text(error: dict) -> str:
    where = error["path"] or ""
    if where and error["line"]:
        where += f":{error['line']}"
    text = f"{where}: {error['message']}" if where else error["message"]
    return text + (f"\n  hint: {error['hint']}" if error["hint"] else "")


class DevHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that went away mid-answer (a closed tab, a reload) is not an error."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def bind(host: str, port: int, handler, tries: int = 20) -> DevHTTPServer:
    """A server on the first free port from `port` on; says so when it had to move."""
    for candidate in range(port, port + tries):
        try:
            server = DevHTTPServer((host, candidate), handler)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            print(f"port {candidate} is busy; trying {candidate + 1}", file=sys.stderr)
            continue
        return server
    raise InputError(
        f"ports {port}–{port + tries - 1} on {host} are all busy",
        hint="pass a free one with --port",
    )
