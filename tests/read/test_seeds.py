"""The seed reader: the AP format, front matter, slugs, and bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.read.seeds import assign_unique_slugs, list_seeds, read_article
from generator.slugs import SLUG_RE, slugify
from tests.sites import ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_the_ap_seed_is_split_into_headline_dateline_and_paragraphs():
    article = read_article(ROOT / "seeds" / "gaza-delegation-talks.txt")
    assert article.headline.startswith("Talks Resume On Bringing Israeli Officials")
    assert (article.dateline.place, article.dateline.source) == ("WASHINGTON", "AP")
    assert article.paragraphs[0].startswith("Talks have restarted aimed at bringing")
    assert "(AP)" not in article.text
    assert len(article.paragraphs) == 11
    assert article.slug == "talks-resume-on-bringing-israeli-officials-to-the-us"
    assert article.paragraph_lines[0] == 3


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_every_sample_seed_reads_with_a_dateline_and_a_url_safe_slug(path):
    article = read_article(path)
    assert article.dateline is not None and article.dateline.source == "AP"
    assert len(article.paragraphs) >= 5
    assert SLUG_RE.match(article.slug)


def test_slugs_are_stable_and_url_safe():
    assert slugify("Talks Resume On Bringing Israeli Officials To The US") == slugify(
        "Talks Resume On Bringing Israeli Officials To The US"
    )
    assert slugify("Café: U.S. & U.N. agree — 100%!") == "cafe-us-un-agree-100"
    assert len(slugify("word " * 40)) <= 60


def test_front_matter_sets_date_tags_slug_and_source(tmp_path):
    path = write(
        tmp_path,
        "a.txt",
        '+++\ndate = 2024-03-27\ntags = ["gaza"]\nslug = "my-slug"\n'
        'source_url = "https://apnews.com/x"\n+++\n'
        "Headline\n\nGAZA CITY, Gaza Strip (AP) — Body.\n",
    )
    article = read_article(path)
    assert article.date == dt.date(2024, 3, 27)
    assert article.tags == ["gaza"]
    assert article.slug == "my-slug" and article.slug_chosen
    assert article.source_url == "https://apnews.com/x"
    assert article.dateline.place == "GAZA CITY, Gaza Strip"
    assert article.paragraphs == ["Body."]
    assert article.paragraph_lines == [9]


def test_markdown_seeds_use_the_heading_and_plain_paragraph_text(tmp_path):
    path = write(
        tmp_path, "m.md", "# A *Markdown* headline\n\nLONDON (AP) -- It **works**.\n\nMore.\n"
    )
    article = read_article(path)
    assert article.headline == "A Markdown headline"
    assert article.paragraphs == ["It works.", "More."]
    assert article.dateline.place == "LONDON"


def test_an_article_without_a_dateline_keeps_its_first_paragraph(tmp_path):
    article = read_article(write(tmp_path, "n.txt", "Headline\n\nJust a paragraph.\n"))
    assert article.dateline is None and article.paragraphs == ["Just a paragraph."]


@pytest.mark.parametrize(
    ("name", "data", "message", "line"),
    [
        ("empty.txt", b"", "is empty", None),
        ("blank.txt", b"  \n\n \t\n", "holds only whitespace", None),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary", None),
        ("latin1.txt", "Headline\n\nCaf\xe9 owners said.\n".encode("latin-1"), "Windows-1252", 3),
        ("utf16.txt", "Headline\n\nBody.\n".encode("utf-16"), "UTF-16", 1),
        ("headline.txt", b"Only a headline\n", "no body", 1),
        ("dateline.txt", b"Headline\n\nWASHINGTON (AP) --\n", "dateline but no article", 3),
        ("unclosed.txt", b"+++\ndate = 2024-01-01\nHeadline\n\nBody\n", "never closed", 1),
        (
            "badtoml.txt",
            b"+++\ndate = 2024-01-01\ntags = [gaza]\n+++\nH\n\nB\n",
            "not valid TOML",
            3,
        ),
        ("badtype.txt", b'+++\ndate = "yesterday"\n+++\nH\n\nB\n', "`date` must be a date", 2),
        ("typo.txt", b'+++\ntag = ["x"]\n+++\nH\n\nB\n', "did you mean `tags`", 2),
        ("badslug.txt", b'+++\nslug = "Not A Slug"\n+++\nH\n\nB\n', "`slug`", 2),
    ],
)
def test_bad_files_give_an_error_naming_the_file_and_line(tmp_path, name, data, message, line):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert message in str(caught.value)
    assert caught.value.path == path
    assert caught.value.line == line
    assert str(caught.value).startswith(str(path))


def test_clashing_slugs_are_numbered_but_chosen_slugs_clash_loudly(tmp_path):
    a = read_article(write(tmp_path, "a.txt", "Same Headline\n\nBody one.\n"))
    b = read_article(write(tmp_path, "b.txt", "Same Headline\n\nBody two.\n"))
    chosen = '+++\nslug = "same-headline"\n+++\n'
    c = read_article(write(tmp_path, "c.txt", chosen + "Other\n\nBody three.\n"))
    d = read_article(write(tmp_path, "d.txt", chosen + "Other\n\nBody four.\n"))
    kept, errors = assign_unique_slugs([a, b, c, d], reserved={"actors": "the actor directory"})
    assert c.slug == "same-headline"  # a chosen slug keeps its name
    assert {a.slug, b.slug} == {"same-headline-2", "same-headline-3"}
    assert len(errors) == 1 and errors[0].path == d.path and str(c.path) in str(errors[0])
    assert kept == [a, b, c]


def test_list_seeds_skips_editor_files_and_symlink_loops(tmp_path):
    (tmp_path / "a.txt").write_text("H\n\nB\n")
    (tmp_path / ".a.txt.swp").write_text("x")
    (tmp_path / "a.txt~").write_text("x")
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("# H\n\nB\n")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [p.relative_to(tmp_path).as_posix() for p in list_seeds(tmp_path)] == [
        "a.txt",
        "sub/b.md",
    ]


def test_list_seeds_does_not_enter_a_symlinked_folder(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "other.txt").write_text("H\n\nB\n")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("H\n\nB\n")
    (seeds / "linked").symlink_to(elsewhere, target_is_directory=True)
    assert [p.name for p in list_seeds(seeds)] == ["a.txt"]
