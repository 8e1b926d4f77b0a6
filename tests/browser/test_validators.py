"""Real validators on one page of each type: the Nu HTML Checker (vnu-jar from npm, run with
Java) reports no errors, and axe-core (from npm, injected by Playwright) finds no violations,
in light and in dark mode."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import AXE_JS, PAGE_TYPES, VNU_JAR, missing

pytestmark = pytest.mark.browser


def _file_of(site, path: str):
    """The built file of a URL path: /actors/ → actors/index.html, /404.html → 404.html."""
    relative = path.strip("/")
    if path.endswith("/"):
        relative = f"{relative}/index.html".lstrip("/")
    return site / relative


def test_nu_html_checker_finds_no_errors(browser_site):
    java = shutil.which("java")
    if java is None:
        missing("java")
    if not VNU_JAR.exists():
        missing(f"{VNU_JAR} (run `npm ci`)")
    files = [str(_file_of(browser_site, path)) for path in PAGE_TYPES.values()]
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    report = [
        f"{m.get('url', '').rsplit('/', 2)[-2:]}:{m.get('lastLine')}: {m.get('message')} "
        f"[{m.get('extract', '').strip()[:80]}]"
        for m in messages
    ]
    assert report == []
    assert done.returncode == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_violations(kind, scheme, make_page, base_url):
    if not AXE_JS.exists():
        missing(f"{AXE_JS} (run `npm ci`)")
    watch = make_page(scheme=scheme)
    p = watch.page
    p.goto(base_url + PAGE_TYPES[kind], wait_until="networkidle")
    if kind == "search":  # check the results too, not only the empty box
        p.fill(".pagefind-ui__search-input", "Netanyahu")
        p.wait_for_selector(".pagefind-ui__result")
    p.emulate_media(color_scheme=scheme)
    p.add_script_tag(path=str(AXE_JS))
    result = p.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert violations == []
