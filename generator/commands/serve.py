"""`serve`: build, serve the output folder on 127.0.0.1, rebuild on change, reload the browser.

One worker thread rebuilds (never two builds at once); a failed build keeps the last good site
and shows its error as an overlay, whatever the error; pages reload through Server-Sent Events
(the HTTP side is commands/http.py).
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from functools import partial
from pathlib import Path

from generator.commands.http import Handler, LiveState, bind
from generator.commands.watch import Watcher
from generator.config import load_config
from generator.errors import InputError, InputErrors
from generator.pipeline import Builder
from generator.publish.search_index import refresh_search
from generator.report import BuildReport


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
            model = self.builder.model
            self.builder = Builder(self.config)
            new, old = self.config.extract, model.settings
            if (new.model, new.model_version) == (old.model, old.model_version):
                self.builder.model = model  # the same model: not loaded again
            else:
                self._load_model_ahead()
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

    def _load_model_ahead(self) -> None:
        """Load spaCy in the background while the first build runs (which seldom needs
        it, the cache being warm), so that the first seed edit does not wait 1-2 s for it."""
        if self.config.extract.executor == "local":
            self.builder.model.start()

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
        self._load_model_ahead()
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
