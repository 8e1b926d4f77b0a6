"""The build never destroys what it did not make: a hostile or mistaken site.toml (output or
cache on top of the project, its seeds, its theme; a symlink; a folder of someone else's
files; a misspelt seeds folder) is refused with the file, line and key, and every folder the
user owns is still there afterwards."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.config import load_config
from generator.pipeline import build
from tests.sites import GAZA, make_site

# What marks a folder as one the generator made (a site, or one being written).
MARKER = ".explainer-site"
MARKED = '{"generator": "explainer-generator"}\n'


def run_build(config_path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(config_path), "build", "--no-search"]
        + list(extra),
        capture_output=True,
        text=True,
    )


def set_key(config_path: Path, key: str, value: str) -> int:
    """Set a top-level key of site.toml (a TOML literal string); the line it is on."""
    line = f"{key} = '{value}'"
    text = config_path.read_text(encoding="utf-8")
    if re.search(rf"(?m)^{key} = ", text):
        text = re.sub(rf"(?m)^{key} = .*$", lambda _: line, text)
    else:
        text = text.replace("[extract]", f"{line}\n\n[extract]")
    config_path.write_text(text, encoding="utf-8")
    return text.splitlines().index(line) + 1


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def refused(done: subprocess.CompletedProcess, config_path: Path, line: int, key: str) -> None:
    """The build stopped with a config error naming the file, the line and the key."""
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"{config_path}:{line}: `{key}`" in done.stderr, done.stderr
    assert "hint:" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample site, built once (its extraction cache warm)."""
    folder = tmp_path_factory.mktemp("built") / "project"
    config = load_config(make_site(folder))
    assert build(config, search=False).errors == []
    return folder


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A built sample site of this test's own, in tmp_path/project; its site.toml."""
    shutil.copytree(built, tmp_path / "project", symlinks=True)
    return tmp_path / "project" / "site.toml"


def test_output_naming_the_seeds_folder_is_refused_and_the_seeds_survive(project):
    seeds = files(project.parent / "seeds")
    line = set_key(project, "output", "seeds")
    done = run_build(project)
    refused(done, project, line, "output")
    assert "the `seeds` folder" in done.stderr
    assert files(project.parent / "seeds") == seeds


def test_output_naming_the_project_keeps_the_project_and_its_git_history(project):
    (project.parent / ".git").mkdir()
    (project.parent / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    line = set_key(project, "output", ".")
    done = run_build(project)
    refused(done, project, line, "output")
    assert "the site's folder" in done.stderr
    assert (project.parent / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert (project.parent / "seeds" / "gaza-delegation-talks.txt").exists()


def test_output_above_the_project_keeps_the_project_and_its_neighbours(project):
    neighbour = project.parent.parent / "neighbour"
    neighbour.mkdir()
    (neighbour / "notes.txt").write_text("mine")
    line = set_key(project, "output", "..")
    done = run_build(project)
    refused(done, project, line, "output")
    assert "contains the site's folder" in done.stderr
    assert (neighbour / "notes.txt").read_text() == "mine"
    assert (project.parent / "seeds" / "gaza-delegation-talks.txt").exists()


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("output", "content/site", "is inside the `content` folder"),
        ("output", "my-theme/site", "is inside the `theme` folder"),
        ("output", "my-theme", "is the `theme` folder"),
        ("output", ".cache", "is the `cache` folder"),
        ("output", "seeds/../seeds", "is the `seeds` folder"),
        ("output", "{project}/content", "is the `content` folder"),
        ("output", "alias/out", "is inside the `seeds` folder"),  # alias -> seeds
        ("cache", "_site", "is the `output` folder"),
        ("cache", "_site/cache", "is inside the `output` folder"),
        ("cache", "seeds", "is the `seeds` folder"),
        ("cache", ".", "is the site's folder"),
    ],
)
def test_output_and_cache_must_be_folders_of_their_own(project, key, value, said):
    folder = project.parent
    (folder / "my-theme" / "templates").mkdir(parents=True)
    set_key(project, "theme", "my-theme")
    (folder / "alias").symlink_to(folder / "seeds")
    before = {name: files(folder / name) for name in ("seeds", "content", "_site")}
    line = set_key(project, key, value.format(project=folder))
    done = run_build(project)
    refused(done, project, line, key)
    assert said in done.stderr
    assert {name: files(folder / name) for name in before} == before
    assert not (folder / "_site" / "last-build.json").exists()  # the cache was never published


def test_an_absolute_output_folder_is_replaced_only_once_it_is_the_generators(project):
    elsewhere = project.parent.parent / "www"
    elsewhere.mkdir()
    (elsewhere / "photo.jpg").write_bytes(b"not the generator's")
    set_key(project, "output", str(elsewhere))
    done = run_build(project)
    assert done.returncode == 2
    assert f"error: {elsewhere}: " in done.stderr and "move it away or empty it" in done.stderr
    assert "Traceback" not in done.stderr
    assert (elsewhere / "photo.jpg").read_bytes() == b"not the generator's"

    (elsewhere / "photo.jpg").unlink()  # an empty folder is fine
    assert run_build(project).returncode == 0
    assert (elsewhere / GAZA / "index.html").exists()
    marker = json.loads((elsewhere / MARKER).read_text())
    assert marker["generator"] == "explainer-generator"
    assert MARKER not in (elsewhere / "sitemap.xml").read_text()
    # The site it made carries the marker, so the next build may replace it.
    (project.parent / "seeds" / "gaza-delegation-talks.txt").unlink()
    assert run_build(project).returncode == 0
    assert not (elsewhere / GAZA).exists()


def test_an_output_path_that_is_a_file_is_refused(project):
    (project.parent / "notes.txt").write_text("my notes")
    set_key(project, "output", "notes.txt")
    done = run_build(project)
    assert done.returncode == 2 and "not a folder" in done.stderr
    assert "Traceback" not in done.stderr
    assert (project.parent / "notes.txt").read_text() == "my notes"


@pytest.mark.parametrize(("key", "name"), [("output", "_site"), ("cache", ".cache")])
def test_a_symlinked_output_or_cache_folder_is_refused_and_its_target_kept(project, key, name):
    target = project.parent.parent / "elsewhere"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    shutil.rmtree(project.parent / name)
    (project.parent / name).symlink_to(target)
    line = set_key(project, key, name)
    done = run_build(project)
    refused(done, project, line, key)
    assert f"is a symlink to {target}" in done.stderr
    assert files(target) == {"keep.txt": b"mine"}
    assert (project.parent / name).is_symlink()


def test_leftover_clean_up_removes_only_the_generators_own_staging_folders(project):
    folder = project.parent
    outside = folder.parent / "outside"
    (outside / "site").mkdir(parents=True)
    (outside / "site" / "index.html").write_text("another site")
    (outside / "site" / MARKER).write_text(MARKED)
    lookalikes = {
        "._site-backup-2024": "a backup the user made",
        "._site-new-notours1": "named like a staging folder, but no marker",
    }
    for name, text in lookalikes.items():
        (folder / name).mkdir()
        (folder / name / "keep.txt").write_text(text)
    (folder / "._site-old-linked01").symlink_to(outside / "site")  # marked, through a link
    leftover = folder / "._site-new-killed01"  # what a killed build leaves
    shutil.copytree(folder / "_site", leftover)
    (leftover / MARKER).write_text(MARKED)

    assert run_build(project, "--force").returncode == 0
    for name, text in lookalikes.items():
        assert (folder / name / "keep.txt").read_text() == text
    assert (folder / "._site-old-linked01").is_symlink()
    assert (outside / "site" / "index.html").read_text() == "another site"
    assert not leftover.exists()


@pytest.mark.parametrize(
    ("key", "value", "guess"), [("seeds", "seedz", "seeds"), ("content", "contnet", "content")]
)
def test_a_misspelt_seeds_or_content_folder_is_an_error_and_the_site_stays(
    project, key, value, guess
):
    before = files(project.parent / "_site")
    line = set_key(project, key, value)
    done = run_build(project)
    refused(done, project, line, key)
    assert f'did you mean {key} = "{guess}"?' in done.stderr
    assert files(project.parent / "_site") == before


def test_a_site_without_a_seeds_folder_is_an_error(project):
    shutil.rmtree(project.parent / "seeds")
    project.write_text(re.sub(r"(?m)^seeds = .*\n", "", project.read_text()))
    done = run_build(project)
    assert done.returncode == 2
    assert f"error: {project.parent / 'seeds'}: " in done.stderr and "`seeds`" in done.stderr
    assert (project.parent / "_site" / GAZA / "index.html").exists()


def test_an_emptied_seeds_folder_does_not_replace_the_site_unless_allowed(project):
    for seed in (project.parent / "seeds").iterdir():
        seed.unlink()
    done = run_build(project)
    assert done.returncode == 2
    assert "no explainer" in done.stderr and "--allow-empty" in done.stderr
    assert "Traceback" not in done.stderr
    assert (project.parent / "_site" / GAZA / "index.html").exists()

    done = run_build(project, "--allow-empty")
    assert done.returncode == 0, done.stderr
    assert not (project.parent / "_site" / GAZA).exists()
    assert (project.parent / "_site" / "index.html").exists()


def test_when_every_seed_fails_each_error_is_shown_and_the_site_stays(project):
    seeds = project.parent / "seeds"
    for seed in seeds.iterdir():
        seed.unlink()
    (seeds / "a-empty.txt").write_text("")
    (seeds / "b-latin1.txt").write_bytes("Caf\xe9\n\nBody.\n".encode("latin-1"))
    done = run_build(project)
    assert done.returncode == 2
    assert "a-empty.txt: is empty" in done.stderr
    assert "b-latin1.txt:1: not UTF-8" in done.stderr
    assert "no explainer" in done.stderr
    assert (project.parent / "_site" / GAZA / "index.html").exists()


@pytest.mark.parametrize(
    ("base_url", "said"),
    [
        ("http://[::1/", "not a valid URL"),
        ("https://example.org/my site/", "a space"),
        ("https://example.org/<b>/", "'<'"),
        ('https://example.org/"x/', "'\"'"),
    ],
)
def test_a_bad_base_url_is_a_config_error_not_a_traceback(project, base_url, said):
    before = files(project.parent / "_site")
    line = set_key(project, "base_url", base_url)
    done = run_build(project)
    refused(done, project, line, "base_url")
    assert said in done.stderr
    assert files(project.parent / "_site") == before
