"""Extraction on a Dask cluster: `[extract] executor = "dask"`, or `build --scheduler`.

The build is a client of the scheduler. Each worker loads the model once (`ModelPlugin`,
registered under a name that says which model and extraction code, so that a worker keeps it
from one build to the next; a worker with other code is refused) and parses batches of
articles. A batch comes back to the build,
which writes it to the cache as it arrives (runner.py): a build that stops, however it stops,
resumes where it stopped. Only a bounded number of batches is out at a time, so neither the
scheduler nor the build holds a whole archive's text twice.

A task lost with its worker is run again by the scheduler (up to `allowed-failures` workers);
one that raises is retried (`RETRIES`); a batch that fails anyway is tried again article by
article, so only the article that breaks a worker fails, as an error for its seed.
"""

from __future__ import annotations

import hashlib
import queue
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import distributed
from distributed.diagnostics.plugin import WorkerPlugin

from generator.config import ExtractConfig
from generator.errors import InputError
from generator.extract.executors import Outcomes, extract_batch
from generator.model import Article

if TYPE_CHECKING:
    from spacy.language import Language

EXTRACT = Path(__file__).resolve().parent  # generator/extract
BATCH = 8  # articles per task: about a second of parsing, so a task costs the scheduler little
RETRIES = 2  # more runs of a task that raised
CONNECT_TIMEOUT = 5  # seconds for the scheduler to answer
WORKER_TIMEOUT = 60  # seconds the cluster may have no worker before the build gives up
IN_FLIGHT = 2  # batches out per worker thread: one running, one waiting to start
INSTALL = (
    "install on every worker the generator at the build's commit (pip install -e '.[dask]' "
    "in a checkout of it) and the spaCy model site.toml names; README.md, 'Extraction on a "
    "Dask cluster', says how"
)


def extraction_code() -> str:
    """A digest of the code that makes an extraction and of the classes it is made of."""
    digest = hashlib.sha256()
    files = sorted(EXTRACT.rglob("*.py")) + [EXTRACT.parent / "model.py"]
    for path in files:
        digest.update(f"{path.relative_to(EXTRACT.parent)}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ModelPlugin(WorkerPlugin):
    """Loads the spaCy model in each worker, once: when the plugin is registered, and in
    any worker that joins (or is restarted) later."""

    idempotent = True  # registered again by the next build: the workers keep their model

    def __init__(self, model: str, version: str, code: str) -> None:
        self.model, self.version, self.code = model, version, code
        self.name = f"explainer-model-{model}-{version}-code-{code[:16]}"
        self.nlp: Language | None = None

    def setup(self, worker: distributed.Worker) -> None:
        if extraction_code() != self.code:
            # Its extractions would be cached as this code's, and might not even unpickle
            # here: the site would differ from a local build of the same seeds.
            raise InputError(
                f"the Dask worker {worker.address} has other extraction code than the build "
                "(generator/extract/ or generator/model.py differ)"
            )
        from generator.extract.nlp import load_model

        self.nlp = load_model(self.model, self.version)


def extract_on_worker(articles: list[Article], plugin: str) -> Outcomes:
    """The task each batch is: on a worker, with the model its plugin loaded."""
    nlp = distributed.get_worker().plugins[plugin].nlp
    return extract_batch(nlp, articles)


@dataclass
class DaskExecutor:
    settings: ExtractConfig
    batch: int = BATCH

    def map(self, articles: list[Article]) -> Iterator[tuple[list[Article], Outcomes]]:
        client = self._connect()
        try:
            plugin = self._load_model(client)
            yield from _Run(self, client, plugin).batches(articles)
        finally:
            client.close()

    def error(self, message: str, hint: str) -> InputError:
        """An error about the cluster, reported where its address was given."""
        return InputError(
            message,
            path=self.settings.scheduler_source or None,
            line=self.settings.scheduler_line,
            hint=hint,
        )

    def _connect(self) -> distributed.Client:
        address = self.settings.scheduler
        try:
            client = distributed.Client(
                address, timeout=CONNECT_TIMEOUT, set_as_default=False, name="explainer-build"
            )
        except (OSError, TimeoutError):
            raise self.error(
                f"no Dask scheduler answers at {address} (waited {CONNECT_TIMEOUT} s)",
                hint=f"start one there (`dask scheduler`) and its workers (`dask worker "
                f"{address}`), or correct the address; README.md, 'Extraction on a Dask "
                f"cluster', says how",
            ) from None
        except Exception:  # something answered, but not in Dask's protocol
            raise self.error(
                f"what answers at {address} is not a Dask scheduler",
                hint="check the host and port: `dask scheduler` prints its address as it starts",
            ) from None
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except TimeoutError:
            client.close()
            raise self.error(
                f"the Dask scheduler at {address} has had no worker for {WORKER_TIMEOUT} s",
                hint=f"start workers with `dask worker {address}`; {INSTALL}",
            ) from None
        return client

    def _load_model(self, client: distributed.Client) -> str:
        """Have every worker load the model; the plugin's name, which tasks find it by."""
        s = self.settings
        plugin = ModelPlugin(s.model, s.model_version, extraction_code())
        try:
            client.register_plugin(plugin)
        except Exception as exc:  # raised on a worker: a missing model, package or version
            client.close()
            message = exc.message if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
            raise self.error(
                f"a Dask worker of {s.scheduler} cannot extract: {message}", hint=INSTALL
            ) from None
        return plugin.name


class _Run:
    """One build's batches on the cluster: a few out at a time, taken back as they finish."""

    def __init__(self, executor: DaskExecutor, client: distributed.Client, plugin: str) -> None:
        self.executor = executor
        self.client = client
        self.plugin = plugin
        self.finished: queue.Queue = queue.Queue()  # futures, as their tasks end
        self.out: dict[distributed.Future, list[Article]] = {}

    def batches(self, articles: list[Article]) -> Iterator[tuple[list[Article], Outcomes]]:
        size = self.executor.batch
        todo = [articles[i : i + size] for i in range(0, len(articles), size)]
        todo.reverse()  # popped from the end: the first batches go first
        try:
            while todo or self.out:
                room = self._room()
                while todo and len(self.out) < room:
                    self._submit(todo.pop())
                future = self._next_finished()
                batch = self.out.pop(future)
                outcomes, failure = _outcomes(future)
                if outcomes is not None:
                    yield batch, outcomes
                elif len(batch) > 1:
                    todo += [[article] for article in batch]  # find which article it was
                else:
                    yield batch, [failure]
        finally:
            self.client.cancel(list(self.out))

    def _room(self) -> int:
        """Batches to keep out: asked each time, since workers come and go."""
        return IN_FLIGHT * max(1, sum(self.client.nthreads().values()))

    def _submit(self, batch: list[Article]) -> None:
        future = self.client.submit(
            extract_on_worker, batch, self.plugin, retries=RETRIES, pure=False
        )
        self.out[future] = batch
        future.add_done_callback(self.finished.put)

    def _next_finished(self) -> distributed.Future:
        """The next future to finish; an error if the cluster keeps none of its promises."""
        while True:
            try:
                future = self.finished.get(timeout=WORKER_TIMEOUT)
            except queue.Empty:
                if not self.client.nthreads():
                    address = self.executor.settings.scheduler
                    raise self.executor.error(
                        f"the Dask cluster at {address} has had no worker for "
                        f"{WORKER_TIMEOUT} s; what was extracted is in the cache",
                        hint=f"start workers (`dask worker {address}`), then build again: "
                        "it resumes where this one stopped",
                    ) from None
                continue
            if future.status == "cancelled":
                # The scheduler went away (the build's own cancellations come after this).
                address = self.executor.settings.scheduler
                raise self.executor.error(
                    f"the Dask scheduler at {address} stopped answering during the build; "
                    "what was extracted is in the cache",
                    hint="restart it and its workers, then build again: it resumes where "
                    "this one stopped",
                )
            return future


def _outcomes(future: distributed.Future) -> tuple[Outcomes | None, str]:
    """What a finished task returned, or None and why it failed."""
    try:
        return future.result(), ""
    except Exception as exc:  # raised on the worker, or its result could not be read here
        return None, f"extraction failed on the Dask cluster: {type(exc).__name__}: {exc}"
