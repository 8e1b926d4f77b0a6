"""Copies of the sample site for tests to build, edit and inspect.

Shared by the test files of every package, so that no test file imports another.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZA = "talks-resume-on-bringing-israeli-officials-to-the-us"


def make_site(folder: Path, base_url: str = "https://example.org/") -> Path:
    """A copy of the sample site (seeds, content, site.toml) using the default theme."""
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copytree(ROOT / "content", folder / "content")
    text = (ROOT / "site.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^base_url = .*$", f'base_url = "{base_url}"', text)
    text = re.sub(r"(?m)^theme = .*$", f'theme = "{ROOT / "theme"}"', text)
    (folder / "site.toml").write_text(text, encoding="utf-8")
    return folder / "site.toml"


def use_site_theme(config_path: Path, templates: dict[str, str], name: str = "theme") -> Path:
    """Give a site made by make_site a theme of its own with these templates; its folder."""
    folder = config_path.parent / name / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    for template, text in templates.items():
        (folder / template).write_text(text)
    text = config_path.read_text()
    config_path.write_text(re.sub(r"(?m)^theme = .*$", f'theme = "{name}"', text))
    return folder


def _toml_value(value: object) -> str:
    if isinstance(value, dict):
        raise TypeError("tables are written separately")
    return json.dumps(value) if isinstance(value, str) else str(value).lower()


def write_site_toml(folder: Path, **overrides: object) -> Path:
    """A copy of the sample site.toml in `folder`, its folders pointing back at the repository."""
    data = tomllib.loads((ROOT / "site.toml").read_text(encoding="utf-8"))
    for key in ("seeds", "content", "theme"):
        data[key] = str(ROOT / data.get(key, key))
    data.update(output="_site", cache=".cache")
    data.update({k: str(v) if isinstance(v, Path) else v for k, v in overrides.items()})
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if k not in tables]
    for name, table in tables.items():
        lines += ["", f"[{name}]", *(f"{k} = {_toml_value(v)}" for k, v in table.items())]
    path = folder / "site.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def entry(folder: Path, kind: str, name: str, front: str, body: str = "Body text.") -> Path:
    """Write a knowledge-base file content/<kind>/<name>.md with this front matter and body."""
    path = folder / kind / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"+++\n{front}\n+++\n{body}\n", encoding="utf-8")
    return path


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a file of a site, failing if the text to replace is not there."""
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new))


def built_files(config) -> dict:
    """Every built file but the search index, the feed's build times taken out."""
    files = {}
    for path in config.output_dir.rglob("*"):
        if path.is_file() and "pagefind" not in path.parts:
            data = path.read_bytes()
            if path.name == "feed.xml":
                data = re.sub(rb"<updated>[^<]*</updated>", b"", data)
            files[str(path.relative_to(config.output_dir))] = data
    return files


class _Elements(HTMLParser):
    """Every element, attribute and inline script of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def assert_nothing_injected(page: str) -> None:
    """No element, event attribute, script URL or script in this HTML came from hostile input."""
    parsed = _Elements()
    parsed.feed(page)
    for tag, attrs in parsed.tags:
        assert tag not in ("iframe", "img", "b", "strong", "object", "embed"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith(("javascript:", "data:")), value
    scripts = [
        (attrs.get("type"), text)
        for (tag, attrs), text in zip(
            [t for t in parsed.tags if t[0] == "script"], parsed.scripts, strict=True
        )
    ]
    for kind, text in scripts:
        if kind == "application/ld+json":
            json.loads(text)  # still one valid JSON value: "</script>" in text cannot close it
        else:
            assert "alert(" not in text
