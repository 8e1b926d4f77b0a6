"""The whole pipeline on the sample site: pages, links, escaping, cache, atomic output."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from generator.config import load_config
from generator.errors import InputError
from generator.pipeline import build
from tests.sites import GAZA, ROOT, make_site, use_site_theme


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    config = load_config(make_site(folder))
    report = build(config)
    return config, report


def test_every_sample_seed_becomes_an_explainer_page(built):
    config, report = built
    site = config.output_dir
    seeds = list((ROOT / "seeds").glob("*.txt"))
    assert report.errors == []
    assert report.explainers == len(seeds) >= 5
    for name in (
        "index.html",
        "404.html",
        ".nojekyll",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "actors/index.html",
        "glossary/index.html",
        "search/index.html",
        "static/style.css",
        "pagefind/pagefind.js",
    ):
        assert (site / name).exists(), name
    index = (site / "index.html").read_text()
    assert index.count('href="/talks-resume') >= 1


def test_the_gaza_page_shows_its_headline_and_actors(built):
    config, _ = built
    page = (config.output_dir / GAZA / "index.html").read_text()
    assert "Talks Resume On Bringing Israeli Officials To The US" in page
    for name in ("Benjamin Netanyahu", "Karine Jean-Pierre", "Yoav Gallant", "Hamas"):
        assert name in page
    # Text is escaped, never raw: the apostrophe in "Netanyahu's office" is an entity.
    assert "Netanyahu&#39;s office" in page or "Netanyahu’s office" in page


def test_explainer_json_follows_the_contract(built):
    config, _ = built
    data = json.loads((config.output_dir / GAZA / "explainer.json").read_text())
    assert data["schema"] == "explainer/1"
    assert data["slug"] == GAZA
    assert data["dateline"] == {"place": "WASHINGTON", "source": "AP"}
    actors = {a["name"]: a for a in data["actors"]}
    netanyahu = actors["Benjamin Netanyahu"]
    assert netanyahu["kind"] == "person" and "Netanyahu" in netanyahu["aliases"]
    assert netanyahu["mentions"] >= 7 and netanyahu["key"] is True
    assert "AP" not in actors and "WASHINGTON" not in actors
    assert data["summary"] and data["summary"][0].startswith("Talks have restarted")
    assert all({"text", "speaker", "speaker_label", "paragraph"} <= set(q) for q in data["quotes"])


def test_a_second_build_with_nothing_changed_parses_nothing(built):
    config, _ = built
    before = {p: p.stat().st_ino for p in config.output_dir.rglob("*.html")}
    again = build(config, search=False)
    assert again.parsed == 0
    assert again.explainers == len(list((ROOT / "seeds").glob("*.txt")))
    # Unchanged pages keep their files (same inode: hard-linked, not rewritten).
    after = {p: p.stat().st_ino for p in config.output_dir.rglob("*.html")}
    same = [p for p in before if after.get(p) == before[p]]
    assert len(same) >= len(before) - 2  # index and feed carry the build time at most
    # The site replaced is gone by the time the build returns.
    assert not list(config.output_dir.parent.glob(f".{config.output_dir.name}-*"))


def test_editing_one_seed_parses_only_that_seed(built):
    config, _ = built
    seed = config.seeds_dir / "gaza-delegation-talks.txt"
    seed.write_text(seed.read_text() + "\nA new closing line was added.\n")
    report = build(config, search=False)
    assert report.parsed == 1
    assert (
        "A new closing line was added."
        in (config.output_dir / GAZA / "index.html").read_text()
    )


def test_article_text_is_escaped_not_interpreted(tmp_path):
    config = load_config(make_site(tmp_path))
    for seed in config.seeds_dir.glob("*"):
        if seed.name != "gaza-delegation-talks.txt":
            seed.unlink()
    (config.seeds_dir / "hostile.txt").write_text(
        "A <b>bold</b> {{ 7 * 7 }} headline\n\n"
        'LONDON (AP) -- Officials said <script>alert("x")</script> and {% raw %} '
        'appeared in the text, "a quote with <i>markup</i>," Jane Doe said.\n',
        encoding="utf-8",
    )
    report = build(config, search=False)
    assert report.errors == []
    page = next(config.output_dir.glob("a-b-bold-*/index.html")).read_text()
    assert "<script>alert" not in page and "<b>bold</b>" not in page and "<i>markup" not in page
    assert "&lt;script&gt;alert" in page and "{{ 7 * 7 }}" in page and "49" not in page


def test_links_respect_a_base_url_with_a_path(tmp_path):
    config = load_config(make_site(tmp_path, "https://example.org/sub/"))
    build(config, search=False)
    page = (config.output_dir / GAZA / "index.html").read_text()
    links = re.findall(r'(?:href|src)="(/[^"]*)"', page)
    assert links and all(link.startswith("/sub/") for link in links)
    assert "https://example.org/sub/" in (config.output_dir / "sitemap.xml").read_text()


def test_a_failing_build_leaves_the_previous_site_untouched(tmp_path):
    config = load_config(make_site(tmp_path))
    build(config, search=False)
    before = {
        p.relative_to(config.output_dir): p.read_bytes()
        for p in config.output_dir.rglob("*")
        if p.is_file()
    }
    theme = use_site_theme(
        tmp_path / "site.toml",
        {
            "explainer.html": '{% extends "default:explainer.html" %}\n'
            "{% block main %}{{ no_such_variable }}{% endblock %}\n"
        },
        name="broken-theme",
    )
    broken = load_config(tmp_path / "site.toml")
    with pytest.raises(InputError) as caught:
        build(broken, search=False)
    assert caught.value.path == theme / "explainer.html"
    assert caught.value.line == 2
    assert "no_such_variable" in str(caught.value)
    after = {
        p.relative_to(config.output_dir): p.read_bytes()
        for p in config.output_dir.rglob("*")
        if p.is_file()
    }
    assert after == before
    assert not list(tmp_path.glob("._site-*"))  # no staging folder left behind


def test_one_bad_seed_fails_alone_and_the_command_exits_non_zero(tmp_path):
    config = load_config(make_site(tmp_path))
    (config.seeds_dir / "zz-empty.txt").write_text("")
    (config.seeds_dir / "zz-latin1.txt").write_bytes("Caf\xe9\n\nBody.\n".encode("latin-1"))
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(config.path), "build", "--no-search"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert "2 seeds failed" in done.stderr
    assert "zz-empty.txt: is empty" in done.stderr
    assert "zz-latin1.txt:1: not UTF-8" in done.stderr
    assert "Traceback" not in done.stderr
    assert (config.output_dir / GAZA / "index.html").exists()


def test_a_build_with_a_warm_cache_never_imports_spacy(built):
    config, _ = built
    probe = (
        "import sys; from generator.config import load_config;"
        "from generator.pipeline import build;"
        f"r = build(load_config({str(config.path)!r}), search=False);"
        "print(r.parsed, 'spacy' in sys.modules, 'thinc' in sys.modules,"
        " 'generator.extract.pipeline' in sys.modules)"  # nor the extraction rules
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.split() == ["0", "False", "False", "False"], done.stderr


def test_the_command_does_nothing_when_no_input_changed(tmp_path):
    config = load_config(make_site(tmp_path))

    def run(*extra: str) -> str:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "--config",
                str(config.path),
                "build",
                "--no-search",
                *extra,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    assert run().startswith("Built ")
    assert run().startswith("Nothing changed since the last build")
    assert run("--force").startswith("Built ")
    content = next((config.content_dir / "glossary").glob("*.md"))
    content.write_text(content.read_text() + "\nOne more sentence.\n")
    assert run().startswith("Built ")  # content/ is an input too
    shutil.rmtree(config.output_dir / GAZA)
    (config.output_dir / "index.html").unlink()
    assert run().startswith("Built ")  # so is the output
    assert (config.output_dir / GAZA / "index.html").exists()
