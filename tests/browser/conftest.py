"""Browser fixtures: the sample site with a rich knowledge base, served over HTTP, and
headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Locally a missing browser, Java or node_modules skips these tests; with CI=true it fails them.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# One page of each type, by path (the about page comes from content/pages/about.md).
PAGE_TYPES = {
    "index": "/",
    "index-page": "/page/2/",
    "explainer": "/talks-resume-on-bringing-israeli-officials-to-the-us/",
    "actors": "/actors/",
    "actor": "/actors/benjamin-netanyahu/",
    "glossary": "/glossary/",
    "search": "/search/",
    "about": "/about/",
    "404": "/404.html",
}


def missing(what: str) -> None:
    """Skip locally, fail on CI: the browser tests must run there."""
    message = f"{what} is missing (see .ci/run)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_site(build_site) -> Path:
    """The sample site, built with the starter knowledge base (glossary, context, bios, about),
    its index in pages of three explainers (so the pager is checked too)."""
    return build_site("browser", per_page=3)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A built site served on a free local port; yields its URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(browser_site: Path) -> Iterator[str]:
    with serve(browser_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        missing(f"Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


class PageWatch:
    """A page that records console errors, failed requests and HTTP errors."""

    def __init__(self, page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on(
            "console",
            lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"),
        )
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on(
            "requestfailed",
            lambda r: self.problems.append(f"request failed: {r.url} {r.failure}"),
        )
        page.on(
            "response",
            lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"),
        )


@pytest.fixture
def make_page(browser):
    """Factory: a fresh page at a viewport width and colour scheme, watched for errors."""
    contexts = []

    def make(width: int = 1280, scheme: str = "light", height: int = 900) -> PageWatch:
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=scheme
        )
        contexts.append(context)
        return PageWatch(context.new_page())

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page) -> PageWatch:
    return make_page()
