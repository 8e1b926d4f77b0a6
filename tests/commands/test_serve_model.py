"""The dev server loads spaCy while it starts, so the first seed edit does not wait for it."""

from __future__ import annotations

import time
from pathlib import Path

from generator.commands.serve import DevServer
from generator.config import load_config
from generator.pipeline import build
from tests.devserver import Events
from tests.sites import make_site


def test_the_model_is_loaded_at_start_though_the_first_build_needs_none(tmp_path: Path) -> None:
    config = make_site(tmp_path / "site")
    build(load_config(config), search=False)  # every seed in the cache: serving parses none
    dev = DevServer(config, port=0)
    dev.start()
    try:
        assert dev.reports[0].parsed == 0
        deadline = time.monotonic() + 120
        while not dev.builder.model.loaded and time.monotonic() < deadline:
            time.sleep(0.05)
        assert dev.builder.model.loaded  # with no edit yet

        events = Events(dev)
        seed = next(dev.config.seeds_dir.glob("*.txt"))
        seed.write_text(seed.read_text() + "\nA paragraph added in the editor.\n")
        assert not events.data()["failed"]
        assert dev.reports[-1].parsed == 1
    finally:
        dev.stop()
