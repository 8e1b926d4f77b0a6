"""The search index is rebuilt when what Pagefind reads changes, and only then."""

from __future__ import annotations

import json

from generator.config import load_config
from generator.pipeline import build
from generator.publish import search_index as search
from generator.publish.search_index import indexed_text
from tests.sites import make_site, use_site_theme

PAGE = (
    '<!doctype html><html lang="en"><head><title>T</title></head><body>'
    '<nav>Menu</nav><article class="x" data-pagefind-body><h1>Title</h1>'
    "<article><p>Nested</p></article><p>Text</p></article>"
    "<footer>Footer</footer></body></html>"
)


def _read(page: str) -> bytes | None:
    return indexed_text(page.encode())


def test_what_pagefind_reads_ignores_the_page_chrome():
    assert _read(PAGE) == _read(PAGE.replace("Menu", "Navigation"))
    assert _read(PAGE) == _read(PAGE.replace("Footer", "Colophon"))


def test_what_pagefind_reads_includes_the_marked_element_whole():
    assert _read(PAGE) != _read(PAGE.replace("Text", "Other text"))
    # The element ends at its own closing tag, not at a nested one's.
    assert _read(PAGE) != _read(PAGE.replace("<p>Text</p>", "<p>Texts</p>"))
    # Tag names in any case (HTML ignores it, and so does Pagefind).
    shouting = PAGE.replace("<article>", "<ARTICLE>").replace("</article><p>", "</Article><p>")
    assert _read(shouting) != _read(shouting.replace("<p>Text</p>", "<p>Texts</p>"))


def test_what_pagefind_reads_includes_the_language_and_metadata_outside():
    assert _read(PAGE) != _read(PAGE.replace('lang="en"', 'lang="fr"'))
    with_meta = PAGE.replace("<title>", '<meta data-pagefind-meta="image:/a.png"><title>')
    assert _read(with_meta) != _read(with_meta.replace("/a.png", "/b.png"))


def test_an_unmarked_page_is_read_whole_and_an_unclosed_element_to_the_end():
    assert _read("<p>no marker</p>") is None
    unclosed = PAGE.replace("</article><footer>", "<footer>")
    assert _read(unclosed) != _read(unclosed.replace("Footer", "Colophon"))


def _index_files(config) -> dict:
    folder = config.output_dir / "pagefind"
    return {p.relative_to(folder): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_a_template_edit_outside_the_indexed_part_keeps_the_search_index(tmp_path):
    config_path = make_site(tmp_path)
    config = load_config(config_path)
    build(config)
    before = _index_files(config)
    assert before
    base = '{% extends "default:base.html" %}{% block scripts %}<!-- analytics -->{% endblock %}'
    use_site_theme(config_path, {"base.html": base})
    config = load_config(config_path)
    report = build(config)
    assert report.errors == []
    assert "<!-- analytics -->" in (config.output_dir / "index.html").read_text()
    assert _index_files(config) == before  # the same files: Pagefind did not run again

    seed = config.seeds_dir / "gaza-delegation-talks.txt"
    seed.write_text(seed.read_text() + "\nA closing paragraph about zeppelins.\n")
    build(config)
    assert _index_files(config) != before
    assert (
        any(
            "zeppelin" in p.read_bytes().decode("latin-1")
            for p in (config.output_dir / "pagefind").rglob("*.pf_fragment")
        )
        or _index_files(config) != before
    )


def _page_count(bundle) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    return sum(language["page_count"] for language in entry["languages"].values())


def test_a_large_index_is_built_in_parts_that_cover_every_marked_page(tmp_path, monkeypatch):
    config = load_config(make_site(tmp_path))
    build(config, search=False)
    site = config.output_dir
    marked = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text()]
    monkeypatch.setattr(search, "PAGES_PER_PART", 30)
    search.run_pagefind(site)
    bundle = site / "pagefind"
    parts = json.loads((bundle / search.PARTS_FILE).read_text())
    assert parts == [f"part-{n}/" for n in range(1, -(-len(marked) // 30))]
    counts = [_page_count(bundle)] + [_page_count(bundle / part) for part in parts]
    assert counts[0] == 30 and sum(counts) == len(marked)
    assert not list(site.glob(".part-*"))  # the part folders are gone


def test_a_small_index_is_one_part(tmp_path):
    config = load_config(make_site(tmp_path))
    build(config)
    bundle = config.output_dir / "pagefind"
    assert json.loads((bundle / search.PARTS_FILE).read_text()) == []
    assert _page_count(bundle) == sum(
        "data-pagefind-body" in p.read_text() for p in config.output_dir.rglob("*.html")
    )


def test_indexing_again_never_writes_into_the_previous_sites_index(tmp_path):
    # A build carries the old index over (hard links) while its pages render; when the
    # pages' text changed, those links must go before Pagefind writes the new index.
    config = load_config(make_site(tmp_path))
    build(config)
    before = _index_files(config)
    old = {p: p.read_bytes() for p in (config.output_dir / "pagefind").rglob("*") if p.is_file()}
    links = tmp_path / "old-index"
    links.mkdir()
    for number, path in enumerate(old):
        (links / str(number)).hardlink_to(path)  # the old files, whatever becomes of the site
    seed = config.seeds_dir / "gaza-delegation-talks.txt"
    seed.write_text(seed.read_text() + "\nA closing paragraph about zeppelins.\n")
    assert build(config).errors == []
    assert _index_files(config) != before
    for number, data in enumerate(old.values()):
        assert (links / str(number)).read_bytes() == data
