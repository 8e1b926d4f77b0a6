"""content/ can never write outside the output folder, replace the site's own pages, or get
past validation without its file and line: each case is a small site built with the command
line, checked for what its user sees."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main
from generator.publish.staging import SiteWriter
from tests.sites import entry, write_site_toml

ROOT = Path(__file__).resolve().parents[2]
SEED = "gaza-delegation-talks.txt"  # names Karine Jean-Pierre, Rafah and Gaza


def small_site(folder: Path, cache: Path | None = None) -> Path:
    """A site with the default theme and an empty content/; with a warm extraction cache,
    the one seed it holds. Returns its site.toml."""
    (folder / "seeds").mkdir(parents=True)
    (folder / "content").mkdir()
    if cache is not None:
        shutil.copy(ROOT / "seeds" / SEED, folder / "seeds" / SEED)
        shutil.copytree(cache, folder / ".cache" / "extract")
    return write_site_toml(
        folder, seeds=folder / "seeds", content=folder / "content", theme=ROOT / "theme"
    )


def build(config: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    """`python -m generator build --no-search`: its exit status and what it printed."""
    capsys.readouterr()
    status = main(["--config", str(config), "build", "--no-search"])
    out, err = capsys.readouterr()
    return status, out + err


def built(config: Path, capsys: pytest.CaptureFixture) -> Path:
    """Build a good site; its output folder."""
    status, printed = build(config, capsys)
    assert status == 0, printed
    return config.parent / "_site"


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The extraction of the one seed, made once, so each site below skips the parser."""
    folder = tmp_path_factory.mktemp("warm")
    config = small_site(folder)
    shutil.copy(ROOT / "seeds" / SEED, folder / "seeds" / SEED)
    status = main(["--config", str(config), "build", "--no-search"])
    assert status == 0
    return folder / ".cache" / "extract"


@pytest.mark.parametrize("name", ["..", "."])  # pages/...md, pages/..md
def test_a_page_named_dots_writes_nothing_outside_the_output_folder(name, tmp_path, capsys):
    config = small_site(tmp_path)
    before = files(built(config, capsys))
    around = sorted(tmp_path.iterdir())
    page = entry(tmp_path / "content", "pages", name, 'title = "Up"')
    status, printed = build(config, capsys)
    assert status == 2
    assert f"{page}: `{name}` cannot be the name of a page" in printed
    assert "lowercase letters a-z, digits and hyphens" in printed
    assert "Traceback" not in printed
    assert sorted(tmp_path.iterdir()) == around
    assert files(tmp_path / "_site") == before


@pytest.mark.parametrize(("name", "replaced"), [("..", "index.html"), (".", "actors/index.html")])
def test_an_actor_profile_cannot_replace_a_built_in_page(
    name, replaced, tmp_path, capsys, warm_cache
):
    config = small_site(tmp_path, warm_cache)
    front = 'name = "Karine Jean-Pierre"\nkind = "person"\nrole = "Press secretary"'
    entry(tmp_path / "content", "actors", "karine-jean-pierre", front)
    site = built(config, capsys)
    assert "Karine Jean-Pierre" in (site / "actors/karine-jean-pierre/index.html").read_text()
    page = (site / replaced).read_bytes()
    (tmp_path / "content/actors/karine-jean-pierre.md").rename(
        tmp_path / f"content/actors/{name}.md"
    )
    status, printed = build(config, capsys)
    assert status == 2
    assert f"content/actors/{name}.md: `{name}` cannot be the name of an actor" in printed
    assert (site / replaced).read_bytes() == page
    assert not (tmp_path / "index.html").exists()


@pytest.mark.parametrize(
    ("name", "built_in"),
    [
        ("actors", "actors/index.html"),
        ("glossary", "glossary/index.html"),
        ("search", "search/index.html"),
        ("index", "index.html"),
        ("404", "404.html"),
        ("feed.xml", "feed.xml"),
        ("sitemap.xml", "sitemap.xml"),
    ],
)
def test_a_page_named_like_a_built_in_page_is_an_error_naming_both(
    name, built_in, tmp_path, capsys
):
    config = small_site(tmp_path)
    before = files(built(config, capsys))
    page = entry(tmp_path / "content", "pages", name, 'title = "Mine"')
    status, printed = build(config, capsys)
    assert status == 2, printed
    assert f"{page}: `{name}` is the name of the site's own {built_in}" in printed
    assert "rename" in printed and "Traceback" not in printed
    assert files(tmp_path / "_site") == before


@pytest.mark.parametrize(
    ("slug", "holder"), [("about", "content/pages/about.md"), ("glossary", "glossary/index.html")]
)
def test_a_seed_choosing_a_taken_slug_is_an_error_naming_what_holds_it(
    slug, holder, tmp_path, warm_cache, capsys
):
    config = small_site(tmp_path, warm_cache)
    entry(tmp_path / "content", "pages", "about", 'title = "About"')
    seed = tmp_path / "seeds" / "chosen.txt"
    seed.write_text(f'+++\nslug = "{slug}"\n+++\nA Headline\n\nA body.\n', encoding="utf-8")
    status, printed = build(config, capsys)
    assert status == 1, printed
    assert f"{seed}:1: slug `{slug}` is already used by" in printed
    assert holder in printed and "Traceback" not in printed
    assert "Built 1 explainer" in printed  # the other seed is published


@pytest.mark.parametrize(
    ("name", "suggested"),
    [("about us", "about-us"), ("faq?", "faq"), ("notes#2", "notes-2"), ("About", "about")],
)
def test_a_page_name_that_would_break_its_links_is_an_error(name, suggested, tmp_path, capsys):
    config = small_site(tmp_path)
    page = entry(tmp_path / "content", "pages", name, 'title = "Mine"')
    status, printed = build(config, capsys)
    assert status == 2
    assert f"{page}: `{name}` cannot be the name of a page" in printed
    assert f"rename it to `{suggested}.md`" in printed
    assert not (tmp_path / "_site").exists()


def test_a_phrase_claimed_twice_names_both_files_and_lines(tmp_path, capsys):
    config = small_site(tmp_path)
    first = entry(tmp_path / "content", "glossary", "cease-fire", 'term = "cease-fire"')
    second = entry(
        tmp_path / "content",
        "glossary",
        "truce",
        'term = "truce"\naliases = [\n  "armistice",\n  "Ceasefire",\n]',
    )
    status, printed = build(config, capsys)
    assert status == 2
    assert f"{second}:5: term or alias `Ceasefire` is also claimed by {first}:2" in printed


def test_quoted_front_matter_keys_are_reported_with_their_line(tmp_path, capsys):
    config = small_site(tmp_path)
    path = entry(
        tmp_path / "content",
        "glossary",
        "veto",
        '"term" = "veto"\n"aliases" = "vetoes"\n\'categry\' = "law"',
    )
    status, printed = build(config, capsys)
    assert status == 2
    assert f"{path}:3: field `aliases` must be a list of strings" in printed
    assert f"{path}:4: unknown field `categry`" in printed


@pytest.mark.parametrize("phrase", ["-", "\u200b", "“…”"])
@pytest.mark.parametrize("where", ["term", "alias"])
def test_a_phrase_with_no_letter_or_digit_is_refused(phrase, where, tmp_path, capsys):
    config = small_site(tmp_path)
    front = f'term = "{phrase}"' if where == "term" else f'term = "veto"\naliases = ["{phrase}"]'
    path = entry(tmp_path / "content", "glossary", "veto", front)
    status, printed = build(config, capsys)
    assert status == 2
    line = 2 if where == "term" else 3
    assert f"{path}:{line}: term or alias {phrase!r} has no letter or digit" in printed


def test_a_footnote_in_a_definition_is_an_error_with_its_line(tmp_path, capsys):
    config = small_site(tmp_path)
    body = "A pause in fighting.\n\nAgreed by both sides[^1].\n\n[^1]: Usually in writing."
    path = entry(tmp_path / "content", "glossary", "truce", 'term = "truce"', body)
    status, printed = build(config, capsys)
    assert status == 2
    assert f"{path}:6: a glossary definition cannot have footnotes" in printed


class Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id"]


def test_footnotes_of_two_context_boxes_on_one_page_keep_their_ids_apart(
    tmp_path, capsys, warm_cache
):
    config = small_site(tmp_path, warm_cache)
    for name, trigger in (("rafah", "Rafah"), ("gaza", "Gaza")):
        front = f'title = "{trigger}"\nkind = "place"\ntriggers = ["{trigger}"]'
        body = f"About {trigger}[^1].\n\n[^1]: A note on {trigger}."
        entry(tmp_path / "content", "context", name, front, body)
    (made,) = built(config, capsys).glob("*/explainer.json")
    html = (made.parent / "index.html").read_text()
    assert "A note on Rafah" in html and "A note on Gaza" in html
    parser = Ids()
    parser.feed(html)
    repeated = sorted({i for i in parser.ids if parser.ids.count(i) > 1})
    assert repeated == []
    for target in re.findall(r'href="#(fn[^"]*)"', html):
        assert target in parser.ids


def test_a_content_file_over_the_size_limit_is_refused(tmp_path, capsys):
    config = small_site(tmp_path)
    path = tmp_path / "content" / "pages" / "big.md"
    path.parent.mkdir()
    path.write_text('+++\ntitle = "Big"\n+++\n' + "word " * 200_000)
    status, printed = build(config, capsys)
    assert status == 2
    assert f"{path}: is larger than the limit for a content file (1,000,000 bytes)" in printed


@pytest.mark.parametrize(
    "relpath", ["../escaped.html", "a/../../escaped.html", "actors/../index.html", "/x.html"]
)
def test_the_writer_refuses_a_path_that_is_not_plainly_inside_its_folder(relpath, tmp_path):
    writer = SiteWriter(tmp_path / "site" / "_site")
    staged = sorted(writer.staging.rglob("*"))
    try:
        with pytest.raises(ValueError, match="not a plain path inside the output folder"):
            writer.store(relpath, b"<p>x</p>")
        assert sorted(writer.staging.rglob("*")) == staged
    finally:
        writer.abort()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == []
