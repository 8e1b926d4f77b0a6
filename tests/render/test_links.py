"""Crawl the built site: every internal link and asset in every HTML file resolves to a file
(and a fragment to an id on the target page), with base_url at the root and under a path."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.slow

LINK_ATTRS = {"href", "src", "action", "poster", "data"}
BASES = {"root": "https://example.org/", "sub": "https://example.org/sub/"}


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in LINK_ATTRS:
                self.links.append(value)
            elif name == "srcset":
                self.links += [part.split()[0] for part in value.split(",") if part.strip()]


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def target_file(site: Path, base_path: str, url_path: str) -> Path | None:
    """The file a site-absolute URL path names, or None when it is outside base_url's path."""
    if not url_path.startswith(base_path + "/"):
        return None
    relative = unquote(url_path[len(base_path) + 1 :])
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return site / relative


def broken_links(site: Path, base_url: str) -> list[str]:
    base = urlsplit(base_url)
    base_path = base.path.rstrip("/")
    pages = {path: parse(path) for path in sorted(site.rglob("*.html"))}
    problems: list[str] = []
    for path, page in pages.items():
        where = path.relative_to(site).as_posix()
        page_url = base_url + where.removesuffix("index.html")
        for link in page.links:
            url = urlsplit(urljoin(page_url, link))
            if url.scheme not in ("http", "https") or url.netloc != base.netloc:
                continue  # mailto:, or another site (checked by hand, not here)
            if where == "404.html" and not link.startswith(("/", "http", "#")):
                problems.append(f"{where}: relative link {link!r} breaks at other depths")
            target = target_file(site, base_path, url.path)
            if target is None:
                problems.append(f"{where}: {link!r} is outside {base_url}")
            elif not target.is_file():
                problems.append(f"{where}: {link!r} → missing {target.relative_to(site)}")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(url.fragment) not in ids:
                    problems.append(f"{where}: {link!r} → no id {url.fragment!r}")
    return problems


@pytest.mark.parametrize("where", BASES)
def test_every_internal_link_resolves(where, build_site):
    site = build_site(f"links-{where}", base_url=BASES[where])
    html_files = list(site.rglob("*.html"))
    assert len(html_files) > 10
    assert broken_links(site, BASES[where]) == []


def test_links_carry_the_base_path(build_site):
    """Under a path every site-absolute link starts with it, so GitHub Pages projects work."""
    site = build_site("links-sub", base_url=BASES["sub"])
    for path in site.rglob("*.html"):
        for link in parse(path).links:
            if link.startswith("/"):
                assert link.startswith("/sub/"), f"{path.relative_to(site)}: {link}"
