"""Hostile and broken input: a clear error naming the file and line, or a correct page;
never a traceback, and nothing from the input ever becomes markup or script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sites import ROOT, assert_nothing_injected, make_site

HOSTILE = Path(__file__).resolve().parent

ERRORS = {  # seed -> (message, line)
    "empty.txt": ("is empty", None),
    "whitespace.txt": ("holds only whitespace", None),
    "binary.txt": ("not a text file (it holds binary data)", None),
    "latin1.txt": ("not UTF-8: it looks like Windows-1252", 1),
    "no-headline.txt": ("has no headline: the first line is the dateline", 1),
    "dateline-only.txt": ("has a dateline but no article text", 3),
    "bad-front-matter.txt": ("front matter is not valid TOML", 3),
    "wrong-type-front-matter.txt": ("front matter `date` must be a date", 2),
    "same-slug-b.txt": ("slug `same-story` is already used by", 1),
    "huge.txt": ("too long for one article", None),
}
PAGES = {  # seed -> a phrase its page must show
    "no-dateline.txt": "Senate Votes To Keep Government Open",
    "all-quotes.txt": "Not today, not tomorrow, not ever.",
    "mixed-quotes.txt": "Nobody can say otherwise.",
    "html-script.txt": "Officials &lt;b&gt;Deny&lt;/b&gt; Report",
    "markdown-jinja.txt": "{{ 7 * 7 }}",
    "long-paragraph.txt": "Long Paragraph Test",
    "same-slug-a.txt": "First Story",
}


def explainer_pages(folder: Path) -> dict[str, str]:
    """Slug -> HTML of every explainer page of a built site."""
    return {
        p.parent.name: (p.parent / "index.html").read_text()
        for p in (folder / "_site").glob("*/explainer.json")
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    config_path = make_site(folder)
    seeds = folder / "seeds"
    shutil.rmtree(seeds)
    shutil.copytree(HOSTILE / "seeds", seeds)
    shutil.copy(ROOT / "seeds" / "gaza-delegation-talks.txt", seeds)
    sentence = "Officials met again on Tuesday to discuss the budget and the vote. "
    (seeds / "huge.txt").write_text("Huge\n\nWASHINGTON (AP) -- " + sentence * 160_000)
    (seeds / "long-paragraph.txt").write_text(
        "Long Paragraph Test\n\nWASHINGTON (AP) -- " + sentence * 1_700
    )  # ~20,000 words
    (seeds / "loop").symlink_to(seeds, target_is_directory=True)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(config_path), "build"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    return folder, done


def test_the_build_reports_every_bad_seed_and_no_traceback(hostile_site):
    _, done = hostile_site
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{len(ERRORS)} seeds failed" in done.stderr


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_each_bad_seed_gets_a_clear_error_with_file_and_line(hostile_site, name):
    folder, done = hostile_site
    message, line = ERRORS[name]
    where = f"{folder / 'seeds' / name}" + (f":{line}" if line else "")
    expected = f"{where}: {message}"
    assert expected in done.stderr, done.stderr


def test_two_seeds_with_one_slug_name_each_other(hostile_site):
    folder, done = hostile_site
    assert f"already used by {folder / 'seeds' / 'same-slug-a.txt'}" in done.stderr


@pytest.mark.parametrize("name", sorted(PAGES))
def test_survivable_seeds_become_correct_pages(hostile_site, name):
    folder, _ = hostile_site
    page = next((t for t in explainer_pages(folder).values() if PAGES[name] in t), None)
    assert page is not None, f"no page shows {PAGES[name]!r}"
    assert_nothing_injected(page)


def test_markup_in_an_article_is_shown_as_text(hostile_site):
    folder, _ = hostile_site
    page = next(t for t in explainer_pages(folder).values() if "Deny&lt;/b&gt;" in t)
    assert "&lt;script&gt;alert(&#34;body&#34;)&lt;/script&gt;" in page or (
        "&lt;script&gt;alert(&quot;body&quot;)" in page
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_template_syntax_in_an_article_is_not_evaluated(hostile_site):
    folder, _ = hostile_site
    page = next(t for t in explainer_pages(folder).values() if "Li Wei" in t)
    assert "{{ 7 * 7 }}" in page and "{% raw %}" in page and ">49<" not in page
    assert "**bold claims**" in page


def test_the_symlink_loop_is_not_followed(hostile_site):
    folder, _ = hostile_site
    assert not list((folder / "_site").glob("*loop*"))


def test_a_seed_deleted_during_the_build_is_reported(tmp_path, monkeypatch):
    from generator import pipeline
    from generator.config import load_config

    config = load_config(make_site(tmp_path))
    ghost = config.seeds_dir / "ghost.txt"
    real = pipeline.list_seeds
    monkeypatch.setattr(pipeline, "list_seeds", lambda folder: [*real(folder), ghost])
    report = pipeline.build(config, search=False)
    assert [str(e) for e in report.errors] == [
        f"{ghost}: cannot be read: No such file or directory"
    ]
    assert report.explainers == len(real(config.seeds_dir))


def test_an_unwritable_output_folder_is_a_clear_error(tmp_path):
    config_path = make_site(tmp_path)
    config_path.write_text(
        config_path.read_text().replace('output = "_site"', 'output = "/proc/explainers"')
    )
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(config_path), "build", "--no-search"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "/proc/explainers: cannot write the output folder" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_output_folder_is_created(tmp_path):
    config_path = make_site(tmp_path)
    config_path.write_text(
        config_path.read_text().replace('output = "_site"', 'output = "deep/er/site"')
    )
    subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(config_path), "build", "--no-search"],
        capture_output=True,
        check=True,
    )
    assert (tmp_path / "deep" / "er" / "site" / "index.html").exists()
