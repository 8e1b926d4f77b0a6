"""`serve`: build, serve the output folder on 127.0.0.1, rebuild on change, reload the browser.

One worker thread rebuilds (never two builds at once); a failed build keeps the last good site
and shows its error as an overlay, whatever the error; pages reload through Server-Sent Events.
"""

from __future__ import annotations

import errno
import json
import mimetypes
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markupsafe import escape

from generator.commands.watch import Watcher
from generator.config import load_config
from generator.errors import InputError, InputErrors
from generator.pipeline import Builder
from generator.publish.search_index import refresh_search
from generator.report import BuildReport

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


class DevServer:
    def __init__(self, config_path: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
        self.config_path = config_path
        self.config = load_config(config_path)
        self.builder = Builder(self.config)
        self.live = LiveState()
        handler = partial(
            Handler, root=self.config.output_dir, base_path=self.config.base_path, live=self.live
        )
        self.server = bind(host, port, handler)
        self.watcher = Watcher(self.config)
        self.stopping = threading.Event()
        self.worker = threading.Thread(target=self._rebuild_loop, name="rebuild", daemon=True)
        self.reports: list[BuildReport] = []  # for tests and benchmarks
        self.idle = threading.Event()  # set while no change waits to be built

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{self.config.base_path}/"

    def _run_build(self, *, search: bool) -> None:
        try:
            report = self.builder.build(search=search, keep_search=not search)
        except Exception as exc:
            self._failed(exc)
            return
        self.reports.append(report)
        self.live.publish(report.errors, failed=False)
        _log(report.summary())

    def _failed(self, exc: Exception) -> None:
        """Show why a build failed, in the log and over every page; the last good site
        stays. Any exception: a server that stopped rebuilding would ignore every edit."""
        errors = _errors_of(exc)
        self.live.publish(errors, failed=True)
        if isinstance(exc, (InputError, InputErrors)):
            _log("build failed:\n" + "\n".join(f"  {e}" for e in errors))
        else:
            _log("build failed:\n" + traceback.format_exc())

    def _apply(self, kinds: set[str]) -> None:
        if "config" in kinds:
            try:
                self.config = load_config(self.config_path)
            except Exception as exc:
                self._failed(exc)
                return
            self.builder = Builder(self.config)
            self.server.RequestHandlerClass = partial(
                Handler,
                root=self.config.output_dir,
                base_path=self.config.base_path,
                live=self.live,
            )
            self._run_build(search=True)
            return
        self._run_build(search=False)
        if not self.live.failed and not self.builder.search_current:
            started = time.perf_counter()
            try:
                refresh_search(self.config.output_dir)
            except InputError as exc:
                _log(f"search index not refreshed: {exc}")
            except Exception:  # the site is built; only its search lags behind
                _log("search index not refreshed:\n" + traceback.format_exc())
            else:
                self.builder.mark_search_indexed()
                _log(f"search index refreshed in {time.perf_counter() - started:.2f} s")

    def _rebuild_loop(self) -> None:
        while not self.stopping.is_set():
            batch = self.watcher.next_batch(timeout=0.2)
            if not batch:
                self.idle.set()
            else:
                self.idle.clear()
                kinds = {c.kind for c in batch}
                names = sorted({c.path.name for c in batch})
                more = f" and {len(names) - 5} more" if len(names) > 5 else ""
                _log("changed: " + ", ".join(names[:5]) + more)
                try:
                    self._apply(kinds)
                except Exception as exc:  # this thread must outlive any failure
                    self._failed(exc)

    def start(self) -> None:
        """Build once, then watch and serve in background threads."""
        self._run_build(search=True)
        self.watcher.start()
        self.worker.start()
        threading.Thread(target=self.server.serve_forever, name="http", daemon=True).start()

    def stop(self) -> None:
        self.stopping.set()
        self.live.close()
        self.watcher.stop()
        self.server.shutdown()
        self.server.server_close()
        self.worker.join(timeout=30)


def _errors_of(exc: Exception) -> list[InputError]:
    """What a failed build shows: the input errors it found, or the unexpected exception."""
    if isinstance(exc, InputErrors):
        return exc.errors
    if isinstance(exc, InputError):
        return [exc]
    return [
        InputError(
            f"the build stopped on an unexpected error: {type(exc).__name__}: {exc}",
            hint="the traceback is in the server's log; undo the last change, or report it",
        )
    ]


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def serve(config_path: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Run until Ctrl-C; the exit is clean (threads joined, the port released)."""
    server = DevServer(config_path, host, port)
    server.start()
    print(f"Serving {server.config.output_dir} at {server.url} (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("\nstopping…", file=sys.stderr)
    finally:
        server.stop()
    return 0
