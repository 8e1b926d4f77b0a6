"""The site around the explainers: theme overrides, structured data, Open Graph, feed,
sitemap and the weight of each page's CSS and JavaScript."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

MAX_ASSET_BYTES = 40 * 1024
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
EXPLAINER = "talks-resume-on-bringing-israeli-officials-to-the-us"


class Head(HTMLParser):
    """What a page links and embeds: JSON-LD, meta properties, stylesheets, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.json_ld: list[dict] = []
        self.meta: dict[str, str] = {}
        self.assets: list[str] = []
        self.inline_bytes = 0
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content") or ""
        elif tag == "link" and a.get("rel") == "stylesheet":
            self.assets.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        elif tag in ("script", "style"):
            self._script = a.get("type") or "text/javascript"

    def handle_data(self, data: str) -> None:
        if self._script == "application/ld+json":
            self.json_ld.append(json.loads(data))
        elif self._script is not None:
            self.inline_bytes += len(data.encode())

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._script = None


def head_of(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_site_theme_overrides_one_template_and_extends_the_default(build_site, tmp_path):
    theme = tmp_path / "mytheme"
    (theme / "templates").mkdir(parents=True)
    (theme / "static").mkdir()
    (theme / "templates" / "explainer.html").write_text(
        '{% extends "default:explainer.html" %}\n'
        "{% block title %}Override: {{ super() }}{% endblock %}\n"
        '{% block main %}<p class="from-site-theme">Site theme</p>{{ super() }}{% endblock %}\n',
        encoding="utf-8",
    )
    (theme / "static" / "extra.css").write_text("p { color: red }\n", encoding="utf-8")
    site = build_site("theme-override", theme=theme, search=False)
    page = (site / EXPLAINER / "index.html").read_text(encoding="utf-8")
    assert "<title>Override: " in page
    assert 'class="from-site-theme"' in page
    assert "The short version" in page  # the default template's block, through super()
    assert '<link rel="stylesheet" href="/static/style.css">' in page  # the default's base
    assert (site / "static" / "extra.css").is_file()
    assert (site / "static" / "style.css").is_file()  # the default's static files too
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "from-site-theme" not in index and "Override:" not in index


def test_explainer_json_ld_is_a_news_article_with_mentions(sample_site):
    head = head_of(sample_site / EXPLAINER / "index.html")
    (data,) = head.json_ld
    assert data["@context"] == "https://schema.org"
    assert data["@type"] in ("NewsArticle", "BackgroundNewsArticle")
    contract = json.loads((sample_site / EXPLAINER / "explainer.json").read_text())
    assert data["headline"] == contract["title"]
    types = {m["@type"] for m in data["mentions"]}
    assert {"Person", "Organization"} <= types
    names = {m["name"] for m in data["mentions"]}
    assert names == {a["name"] for a in contract["actors"]}
    assert all(m["url"].startswith("https://example.org/actors/") for m in data["mentions"])


def test_glossary_json_ld_is_a_defined_term_set(sample_site):
    (data,) = head_of(sample_site / "glossary" / "index.html").json_ld
    assert data["@type"] == "DefinedTermSet"
    page = (sample_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert len(data["hasDefinedTerm"]) == page.count("<dt>")
    for term in data["hasDefinedTerm"]:
        assert term["@type"] == "DefinedTerm" and term["name"] and term["description"]


def test_every_page_has_open_graph_tags_and_valid_json_ld(sample_site):
    for path in html_pages(sample_site):
        head = head_of(path)
        where = path.relative_to(sample_site)
        for key in ("og:title", "og:type", "og:url", "og:site_name", "og:description"):
            assert head.meta.get(key), f"{where}: no {key}"
        assert head.meta["og:url"].startswith("https://example.org/"), where
        assert head.json_ld, f"{where}: no JSON-LD"
        assert all(d["@context"] == "https://schema.org" and d["@type"] for d in head.json_ld)


def test_feed_is_well_formed_atom(sample_site):
    feed = ET.parse(sample_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    explainers = list(sample_site.glob("*/explainer.json"))
    assert len(entries) == len(explainers)
    for entry in entries:
        for child in ("title", "id", "updated", "summary"):
            assert (entry.findtext(f"{ATOM}{child}") or "").strip()
        assert entry.find(f"{ATOM}link").get("href").startswith("https://example.org/")
    assert feed.find(f"{ATOM}author") is not None


def test_sitemap_is_well_formed_and_lists_existing_pages(sample_site):
    root = ET.parse(sample_site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    locs = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    assert "https://example.org/" in locs
    for loc in locs:
        assert loc.startswith("https://example.org/")
        relative = loc.removeprefix("https://example.org/")
        assert (sample_site / relative / "index.html").is_file(), loc
    robots = (sample_site / "robots.txt").read_text()
    assert "Sitemap: https://example.org/sitemap.xml" in robots


def test_css_and_js_weigh_under_40_kb_per_page(sample_site):
    weights = {}
    for path in html_pages(sample_site):
        head = head_of(path)
        total = head.inline_bytes
        for asset in head.assets:
            if "/pagefind/" in asset:
                continue  # Pagefind's own files are not counted
            total += (sample_site / asset.lstrip("/")).stat().st_size
        weights[path.relative_to(sample_site).as_posix()] = total
    heavy = {page: size for page, size in weights.items() if size >= MAX_ASSET_BYTES}
    assert heavy == {}
    assert max(weights.values()) > 0


@pytest.mark.parametrize("page", ["index.html", f"{EXPLAINER}/index.html", "404.html"])
def test_pages_make_no_external_requests(sample_site, page):
    head = head_of(sample_site / page)
    assert all(a.startswith("/") for a in head.assets), head.assets
