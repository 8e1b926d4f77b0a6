"""Files produced in forked worker processes: the same results, in the same order, as in the
build's own process, and a job's error reaches the build."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.incremental.workers import PARALLEL_FROM, Job, produce_all

MANY = PARALLEL_FROM + 20  # enough for the work to be shared out among workers


def page(n: int) -> str:
    return f"<h1>Page {n}</h1>" + "<p>Text.</p>" * (n % 7)


def jobs(count: int = MANY) -> list[Job]:
    # Lambdas: a worker inherits the jobs through the fork, so they need not pickle.
    return [Job(f"p{n}/index.html", lambda n=n: page(n)) for n in range(count)]


def writer(folder: Path):
    """A deliver function as the build's: write the file where it was produced and send back
    only a digest, with the process that wrote it."""

    def deliver(path: str, text: str) -> tuple[str, int]:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        return hashlib.sha256(text.encode()).hexdigest(), os.getpid()

    return deliver


def files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text() for p in folder.rglob("*") if p.is_file()}


def test_workers_produce_what_the_build_produces_alone_in_the_same_order(tmp_path):
    alone = list(produce_all(jobs(), 1, writer(tmp_path / "alone")))
    shared = list(produce_all(jobs(), 2, writer(tmp_path / "shared")))
    assert [(path, digest) for path, (digest, _) in shared] == [
        (path, digest) for path, (digest, _) in alone
    ]
    assert files(tmp_path / "shared") == files(tmp_path / "alone")
    assert len(files(tmp_path / "shared")) == MANY
    assert {pid for _, (_, pid) in alone} == {os.getpid()}
    assert os.getpid() not in {pid for _, (_, pid) in shared}  # all made in workers


def test_a_few_files_are_produced_in_the_build_itself(tmp_path):
    produced = list(produce_all(jobs(PARALLEL_FROM - 1), 2, writer(tmp_path)))
    assert {pid for _, (_, pid) in produced} == {os.getpid()}


def test_an_input_error_in_a_worker_reaches_the_build_with_its_file_and_line(tmp_path):
    def broken() -> str:
        raise InputError("'oops' is undefined", path="theme/templates/page.html", line=3)

    work = jobs()
    work[MANY // 2] = Job("broken/index.html", broken)
    with pytest.raises(InputError) as caught:
        list(produce_all(work, 2, writer(tmp_path)))
    assert caught.value.path == Path("theme/templates/page.html")
    assert caught.value.line == 3
    assert str(caught.value) == "theme/templates/page.html:3: 'oops' is undefined"


def test_any_other_error_in_a_worker_reaches_the_build_too(tmp_path):
    def broken() -> str:
        raise ZeroDivisionError("division by zero in a filter")

    work = jobs()
    work[-1] = Job("broken/index.html", broken)
    with pytest.raises(ZeroDivisionError, match="division by zero in a filter"):
        list(produce_all(work, 2, writer(tmp_path)))


@pytest.mark.parametrize("count", [PARALLEL_FROM - 1, MANY])
def test_meanwhile_runs_once_in_the_build_itself(tmp_path, count):
    ran: list[int] = []
    list(produce_all(jobs(count), 2, writer(tmp_path), meanwhile=lambda: ran.append(os.getpid())))
    assert ran == [os.getpid()]
