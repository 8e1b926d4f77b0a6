"""Extraction on a real Dask cluster: two worker processes started by this test process."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    import distributed
except ImportError:  # the tests must run on CI: there a missing Dask is a failure
    if os.environ.get("CI") == "true":
        raise
    pytest.skip(
        "dask[distributed] is not installed (pip install -e '.[dask]')", allow_module_level=True
    )

from generator.bench.corpus import generate
from generator.cli import main
from generator.config import ExtractConfig, load_config
from generator.errors import InputError, InputErrors
from generator.extract import nlp as nlp_module
from generator.extract.runner import ExtractResult, iter_extractions
from generator.incremental import Incremental
from generator.read.seeds import list_seeds, read_article
from tests.sites import make_site

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.fixture
def client(cluster: distributed.LocalCluster) -> Iterator[distributed.Client]:
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as c:
        yield c


def synthetic_site(folder: Path, n: int) -> Path:
    """A site of n generated articles with the sample knowledge base, no cache."""
    config = make_site(folder)
    shutil.rmtree(folder / "seeds")
    generate(folder / "seeds", n, seed=3)
    return config


def build(config: Path, *options: str) -> int:
    return main(["--config", str(config), "build", "--no-search", *options])


def test_a_two_worker_cluster_builds_the_same_site_as_this_machine(
    tmp_path: Path,
    cluster: distributed.LocalCluster,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    local = make_site(tmp_path / "local")
    seeds = len(list_seeds(local.parent / "seeds"))
    assert build(local) == 0
    assert f"({seeds} parsed" in capsys.readouterr().out

    def no_model_here(*args: object) -> None:
        raise AssertionError("the build parsed an article itself")

    # Every article is parsed on the workers: the build never loads spaCy.
    monkeypatch.setattr(nlp_module, "load_model", no_model_here)
    config = make_site(tmp_path / "dask")
    assert build(config, "--scheduler", cluster.scheduler_address) == 0
    assert f"({seeds} parsed" in capsys.readouterr().out
    assert tree(tmp_path / "dask" / "_site") == tree(tmp_path / "local" / "_site")


def test_a_worker_killed_mid_build_is_survived(
    tmp_path: Path,
    cluster: distributed.LocalCluster,
    client: distributed.Client,
    capsys: pytest.CaptureFixture,
) -> None:
    config = synthetic_site(tmp_path / "site", 32)  # four batches: both workers busy
    pids = client.run(os.getpid)
    killed: list[str] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            busy = [w for w, tasks in client.processing().items() if tasks and w in pids]
            if busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(busy[0])
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    status = build(config, "--scheduler", cluster.scheduler_address)
    killer.join()
    assert killed, "no worker was seen at work"
    assert status == 0
    assert "(32 parsed" in capsys.readouterr().out
    seeds = list_seeds(config.parent / "seeds")
    pages = [p for p in (config.parent / "_site").glob("*/explainer.json")]
    assert len(pages) == len(seeds) == 32
    client.wait_for_workers(2, timeout=120)  # the nanny restarts it, for the next test


def test_what_arrived_before_an_interruption_is_not_parsed_again(
    tmp_path: Path, cluster: distributed.LocalCluster
) -> None:
    config = load_config(synthetic_site(tmp_path / "site", 16))
    settings = ExtractConfig(executor="dask", scheduler=cluster.scheduler_address)
    cache = Incremental(config).extractions
    articles = [read_article(p, config.seeds_dir) for p in list_seeds(config.seeds_dir)]

    first = ExtractResult()
    extractions = iter_extractions(articles, settings, cache, first)
    received = [next(extractions) for _ in range(3)]  # then the build is stopped
    extractions.close()
    assert all(not isinstance(outcome, InputError) for _, outcome in received)
    arrived = first.parsed  # the batches that came back, each kept whole
    assert 3 <= arrived < 16

    again = ExtractResult()
    outcomes = list(iter_extractions(articles, settings, cache, again))
    assert len(outcomes) == 16
    assert again.parsed == 16 - arrived < 16
    assert all(not isinstance(outcome, InputError) for _, outcome in outcomes)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_scheduler_nobody_answers_at_is_a_clear_error_within_seconds(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    config = make_site(tmp_path / "site")
    started = time.monotonic()
    assert build(config, "--scheduler", address) == 2
    assert time.monotonic() - started < 20
    err = capsys.readouterr().err
    assert f"error: --scheduler: no Dask scheduler answers at {address}" in err
    assert "`dask scheduler`" in err
    assert "Traceback" not in err

    text = config.read_text().replace(
        "[extract]", f'[extract]\nexecutor = "dask"\nscheduler = "{address}"'
    )
    config.write_text(text)
    line = text.splitlines().index(f'scheduler = "{address}"') + 1
    assert build(config) == 2
    assert f"site.toml:{line}: no Dask scheduler answers at {address}" in capsys.readouterr().err


def test_executor_settings_are_checked_with_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    def errors(table: str) -> str:
        (tmp_path / "site.toml").write_text(f'title = "T"\n\n[extract]\n{table}\n')
        with pytest.raises(InputErrors) as caught:
            load_config(tmp_path / "site.toml")
        return str(caught.value)

    assert 'site.toml:4: `extract.executor` = "dusk" is not one of "local" or "dask"' in errors(
        'executor = "dusk"'
    )
    assert 'did you mean executor = "dask"?' in errors('executor = "dusk"')
    assert 'site.toml:4: `extract.executor` = "dask" needs the address' in errors(
        'executor = "dask"'
    )
    missing_scheme = errors('executor = "dask"\nscheduler = "10.0.0.5:8786"')
    assert 'site.toml:5: `extract.scheduler` = "10.0.0.5:8786" is not a Dask scheduler address' in (
        missing_scheme
    )
    assert 'site.toml:4: `extract.scheduler` is set but `extract.executor` is "local"' in errors(
        'scheduler = "tcp://10.0.0.5:8786"'
    )
    (tmp_path / "site.toml").write_text('title = "T"\n')
    assert main(["--config", str(tmp_path / "site.toml"), "build", "--scheduler", "8786"]) == 2
    assert 'error: --scheduler: "8786" is not a Dask scheduler address' in capsys.readouterr().err
