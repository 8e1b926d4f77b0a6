"""The built pages in a real browser: they load cleanly, the glossary popovers work by
keyboard and pointer, search finds an explainer, they read without JavaScript and fit 320 px.
Screenshots go to tests/artifacts/screenshots/ (git-ignored) for a human to look at."""

from __future__ import annotations

import json

import pytest
from conftest import ARTIFACTS, PAGE_TYPES, serve

from generator.publish import search_index as search

pytestmark = pytest.mark.browser

SCREENSHOTS = ARTIFACTS / "screenshots"
EXPLAINER = PAGE_TYPES["explainer"]


def _goto(watch, url: str) -> None:
    watch.page.goto(url, wait_until="networkidle")


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_loads_without_errors(kind, page, base_url):
    _goto(page, base_url + PAGE_TYPES[kind])
    assert page.page.locator("h1").count() == 1
    assert page.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots(width, scheme, make_page, base_url):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    watch = make_page(width=width, scheme=scheme)
    for kind, path in PAGE_TYPES.items():
        _goto(watch, base_url + path)
        if kind == "search":
            watch.page.fill(".pagefind-ui__search-input", "Netanyahu")
            watch.page.wait_for_selector(".pagefind-ui__result")
        target = SCREENSHOTS / f"{kind}-{width}-{scheme}.png"
        watch.page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 0
    assert watch.problems == []


def _open_popovers(page) -> int:
    return page.locator(".term-pop:popover-open").count()


def test_glossary_popover_by_keyboard(page, base_url):
    _goto(page, base_url + EXPLAINER)
    p = page.page
    term = p.locator(".story-text button.term").first
    assert term.count() == 1, "the sample explainer has no glossary term in its text"
    popover = p.locator("#" + term.get_attribute("popovertarget"))
    term.focus()
    p.keyboard.press("Enter")
    assert popover.is_visible()
    assert term.get_attribute("aria-expanded") in (None, "true")
    p.keyboard.press("Escape")
    assert not popover.is_visible()
    p.keyboard.press("Space")
    assert popover.is_visible()
    # Tab moves into the open popover: the glossary link, then the close button.
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.classList.contains('term-more')")
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.classList.contains('term-close')")
    p.keyboard.press("Enter")
    assert not popover.is_visible()
    assert _open_popovers(p) == 0
    assert page.problems == []


def test_glossary_popover_by_pointer(page, base_url):
    _goto(page, base_url + EXPLAINER)
    p = page.page
    term = p.locator(".story-text button.term").first
    popover = p.locator("#" + term.get_attribute("popovertarget"))
    term.click()
    assert popover.is_visible()
    box = popover.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 20
    popover.locator(".term-close").click()
    assert not popover.is_visible()
    term.click()
    assert popover.is_visible()
    p.locator("h1").click()  # a click elsewhere closes it
    assert not popover.is_visible()
    term.click()
    term.click()  # the term toggles it
    assert not popover.is_visible()
    assert page.problems == []


def test_search_finds_explainer_by_actor_name(page, base_url):
    _goto(page, base_url + PAGE_TYPES["search"])
    p = page.page
    p.fill(".pagefind-ui__search-input", "Netanyahu")
    result = p.locator(f'.pagefind-ui__result-link[href*="{EXPLAINER}"]')
    result.first.wait_for(timeout=10_000)
    assert "Israeli" in result.first.inner_text()
    assert page.problems == []


@pytest.fixture(scope="session")
def parts_site(build_site):
    """The sample site with its search index built in parts of 20 pages, as a large site's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "PAGES_PER_PART", 20)
        folder = build_site("browser-parts")
    with serve(folder) as url:
        yield folder, url


def test_search_merges_an_index_built_in_parts(page, parts_site):
    folder, url = parts_site
    parts = json.loads((folder / "pagefind" / search.PARTS_FILE).read_text())
    assert len(parts) >= 3
    _goto(page, url + PAGE_TYPES["search"])
    p = page.page
    p.fill(".pagefind-ui__search-input", "Netanyahu")
    # His profile and the explainer are indexed in different parts; both are found.
    for path in (PAGE_TYPES["actor"], EXPLAINER):
        p.locator(f'.pagefind-ui__result-link[href$="{path}"]').first.wait_for(timeout=10_000)
    assert page.problems == []


def test_search_query_in_address(page, base_url):
    """The 404 page's search form sends ?q=; the search page runs it."""
    _goto(page, base_url + PAGE_TYPES["search"] + "?q=abstention")
    page.page.locator(f'.pagefind-ui__result-link[href*="{EXPLAINER}"]').first.wait_for(
        timeout=10_000
    )


@pytest.mark.parametrize("kind", ["explainer", "glossary", "actor", "search"])
def test_pages_read_without_javascript(kind, browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        p = context.new_page()
        p.goto(base_url + PAGE_TYPES[kind])
        if kind == "explainer":
            assert p.locator("#text-h").is_visible()
            assert p.locator(".article-glossary dt").count() > 0
            assert p.locator(".actor-card").count() > 0
        elif kind == "search":
            assert p.locator(".notice").is_visible()
            assert "Search needs JavaScript" in p.locator(".notice").inner_text()
        else:
            assert p.locator("main h1").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_horizontal_scroll_at_320px(kind, make_page, base_url):
    watch = make_page(width=320)
    _goto(watch, base_url + PAGE_TYPES[kind])
    overflow = watch.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
