"""`make serve` in a real browser: the open page reloads itself after an edit, and shows the
error overlay while a build is broken."""

from __future__ import annotations

import pytest

from tests.devserver import running_server
from tests.sites import GAZA


@pytest.fixture
def dev_server(tmp_path):
    with running_server(tmp_path, "explainer.html") as server:
        yield server


def test_the_open_page_reloads_after_a_seed_edit(dev_server, page):
    tab = page.page
    tab.goto(dev_server.url + f"{GAZA}/")
    tab.wait_for_function("document.readyState === 'complete'")
    tab.evaluate("window.__marker = 'before'")  # gone once the page reloads
    seed = dev_server.config.seeds_dir / "gaza-delegation-talks.txt"
    seed.write_text(seed.read_text() + "\nThis line came in after the last change.\n")
    tab.wait_for_function("window.__marker === undefined", timeout=60_000)
    tab.get_by_text("This line came in after the last change.").wait_for(timeout=10_000)
    # The event stream is cut when the page reloads: that is the reload, not a failure.
    assert [p for p in page.problems if "/__live/events" not in p] == []


def test_a_broken_template_shows_the_overlay_and_a_fix_clears_it(dev_server, page):
    tab = page.page
    tab.goto(dev_server.url + f"{GAZA}/")
    template = dev_server.config.root / "theme" / "templates" / "explainer.html"
    template.write_text(
        '{% extends "default:explainer.html" %}{% block nope %}{{ x( }}{% endblock %}\n'
    )
    overlay = tab.locator("#live-errors")
    overlay.wait_for(timeout=60_000)
    assert "explainer.html:1" in overlay.inner_text()
    assert tab.get_by_role("heading", level=1).count() == 1  # the old page is still there
    template.write_text('{% extends "default:explainer.html" %}\n')
    overlay.wait_for(state="detached", timeout=60_000)
