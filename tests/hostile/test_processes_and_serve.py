"""A killed build leaves no process and no lock behind; template runtime errors name their
file and line; the dev server survives every failure, client disconnects and odd request
targets."""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.bench.corpus import article, generate, people_pool
from generator.commands.serve import DevServer
from generator.config import DEFAULT_THEME, load_config
from generator.incremental.workers import PARALLEL_FROM, Job, produce_all
from generator.pipeline import build
from generator.publish.lock import build_lock
from tests.devserver import Events, get, running_server
from tests.sites import GAZA, ROOT, make_site, use_site_theme

# ---------------------------------------------------------------- processes and the lock


def _stat_fields(pid: str) -> list[str] | None:
    """/proc/<pid>/stat after the command name: state, ppid, pgrp, ..."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _live_processes(where: Callable[[list[str]], bool]) -> list[int]:
    """Processes (not zombies: those have exited) whose stat fields match."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        fields = _stat_fields(pid)
        if fields and fields[0] != "Z" and where(fields):
            found.append(int(pid))
    return found


def _children(pid: int) -> list[int]:
    return _live_processes(lambda fields: int(fields[1]) == pid)


def _group(group: int) -> list[int]:
    return _live_processes(lambda fields: int(fields[2]) == group)


def _poll(condition: Callable[[], bool], seconds: float, step: float = 0.002) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def _cli_build(config_path: Path, **popen: object) -> subprocess.Popen:
    command = [sys.executable, "-m", "generator", "--config", str(config_path), "build"]
    return subprocess.Popen([*command, "--no-search"], cwd=ROOT, **popen)


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    """A site of 150 generated articles, built once: enough for extraction and rendering
    to use worker processes (two, whatever the machine)."""
    folder = tmp_path_factory.mktemp("big")
    generate(folder / "seeds", 150)
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(DEFAULT_THEME, folder / "theme")
    config_path = folder / "site.toml"
    config_path.write_text(
        'title = "Big"\nbase_url = "https://example.org/"\ntheme = "theme"\n\n'
        "[extract]\nprocesses = 2\n"
    )
    assert _cli_build(config_path).wait(timeout=600) == 0
    return config_path


def _edit_base_template(site: Path, mark: str) -> None:
    base = site / "theme" / "templates" / "base.html"
    base.write_text(base.read_text().replace("</body>", f"<!-- {mark} --></body>"))


def _add_seeds(site: Path, mark: str) -> None:
    people = people_pool(random.Random(mark))
    for i in range(24):
        text = article(random.Random(f"{mark}{i}"), 1000 + i, people)
        (site / "seeds" / f"{mark}-{i:02d}.txt").write_text(text + f"\n{mark} {i}.\n")


def _cache_entries(site: Path) -> int:
    return sum(1 for _ in (site / ".cache" / "extract").rglob("*.json"))


def _staging_files(site: Path, old: set[Path]) -> bool:
    return any(
        any(p.is_file() for p in folder.rglob("*"))
        for folder in site.glob("._site-new-*")
        if folder not in old
    )


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["compiling templates", "rendering", "extracting"])
def test_a_killed_build_leaves_no_process_and_the_next_build_runs(big_site, moment):
    site = big_site.parent
    mark = f"killed-while-{moment.split()[0]}"
    _edit_base_template(site, mark)
    if moment == "extracting":
        _add_seeds(site, mark)
    entries, staging = _cache_entries(site), set(site.glob("._site-new-*"))
    process = _cli_build(big_site, start_new_session=True, stderr=subprocess.PIPE)
    reached = {
        # The template compiler is forked as the build starts, before anything else.
        "compiling templates": lambda: bool(_children(process.pid)),
        "rendering": lambda: _staging_files(site, staging) and bool(_children(process.pid)),
        "extracting": lambda: _cache_entries(site) > entries and bool(_children(process.pid)),
    }[moment]
    try:
        assert _poll(lambda: process.poll() is not None or reached(), 300)
        assert process.poll() is None, process.stderr.read().decode()
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stderr.close()
    try:
        assert _poll(lambda: not _group(process.pid), 5, step=0.05), "processes outlived it"
    finally:  # whatever is left would hold the lock for the builds of other tests
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert (site / ".cache" / "build.lock").exists()  # the file stays; its lock does not

    done = _cli_build(big_site, stderr=subprocess.PIPE, text=True)
    _, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    assert mark in (site / "_site" / "index.html").read_text()


def _run_in_a_worker() -> tuple[int, list[str]]:
    """This process's id and what its descriptors point at."""
    targets = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            targets.append(os.readlink(f"/proc/self/fd/{fd}"))
    return os.getpid(), targets


def test_render_workers_do_not_hold_the_build_lock(tmp_path):
    config = load_config(make_site(tmp_path))
    jobs = [Job(f"{i}.html", _run_in_a_worker) for i in range(PARALLEL_FROM)]
    with build_lock(config):
        seen = dict(produce_all(jobs, 2, lambda path, produced: produced))
    workers = {pid: targets for pid, targets in seen.values() if pid != os.getpid()}
    assert workers  # they ran in other processes
    for targets in workers.values():
        assert not [t for t in targets if t.endswith("build.lock")]


# ------------------------------------------------------------ template runtime errors


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """The sample site's extraction cache, so each build below costs no parsing."""
    folder = tmp_path_factory.mktemp("sample")
    build(load_config(make_site(folder)), search=False)
    return folder / ".cache" / "extract"


@pytest.mark.parametrize(
    ("templates", "broken", "line", "said"),
    [
        (
            {
                "404.html": '{% extends "default:404.html" %}\n{% block main %}\n'
                "<p>{{ 1 // 0 }}</p>\n{% endblock %}\n"
            },
            "404.html",
            3,
            "ZeroDivisionError",
        ),
        (
            {
                "404.html": '{% extends "default:404.html" %}\n'
                "{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}\n"
                "{% block main %}{{ down(0) }}{% endblock %}\n"
            },
            "404.html",
            2,
            "calls itself without end",
        ),
        (
            {
                "404.html": '{% extends "default:404.html" %}\n'
                '{% block main %}{% include "again.html" %}{% endblock %}\n',
                "again.html": '<div>\n{% include "again.html" %}\n</div>\n',
            },
            "again.html",
            2,
            "calls itself without end",
        ),
    ],
    ids=["division by zero", "recursive macro", "recursive include"],
)
def test_a_template_runtime_error_names_the_file_and_line(
    tmp_path, extracted, templates, broken, line, said
):
    config_path = make_site(tmp_path)
    shutil.copytree(extracted, tmp_path / ".cache" / "extract")
    folder = use_site_theme(config_path, templates)
    done = _cli_build(config_path, stderr=subprocess.PIPE, text=True)
    _, err = done.communicate(timeout=300)
    assert done.returncode == 2
    assert f"{folder / broken}:{line}: " in err and said in err
    assert "Traceback" not in err


def test_a_template_that_is_not_utf8_names_the_file_and_line(tmp_path, extracted):
    config_path = make_site(tmp_path)
    shutil.copytree(extracted, tmp_path / ".cache" / "extract")
    folder = use_site_theme(config_path, {"404.html": ""})
    (folder / "404.html").write_bytes(b'{% extends "default:404.html" %}\n\xff\xfe caf\xe9\n')
    done = _cli_build(config_path, stderr=subprocess.PIPE, text=True)
    _, err = done.communicate(timeout=300)
    assert done.returncode == 2
    assert f"{folder / '404.html'}:2: " in err and "not UTF-8" in err
    assert "Traceback" not in err


# ------------------------------------------------------------------------ the dev server


def test_a_template_runtime_error_is_an_overlay_and_the_next_edit_rebuilds(tmp_path):
    with running_server(tmp_path, "404.html") as server:
        events = Events(server)
        template = server.config.root / "theme" / "templates" / "404.html"
        template.write_text(
            '{% extends "default:404.html" %}\n{% block main %}{{ 1 // 0 }}{% endblock %}\n'
        )
        event = events.data()
        assert event["failed"]
        error = event["errors"][0]
        assert (error["path"], error["line"]) == (str(template), 2)
        status, page = get(server, f"/{GAZA}/")
        assert status == 200 and "Benjamin Netanyahu" in page  # the last good site
        assert 'id="live-errors"' in page and "404.html:2" in page
        template.write_text('{% extends "default:404.html" %}\n')
        assert not events.data()["failed"]
        assert 'id="live-errors"' not in get(server, f"/{GAZA}/")[1]


DEEP = "[" * 5000 + "]" * 5000  # nested past Python's recursion limit when parsed


def _deeply_nested_front_matter(config_path: Path) -> Callable[[], None]:
    entry = config_path.parent / "content" / "glossary" / "deep.md"
    entry.write_text(f'+++\nterm = "deep"\nnested = {DEEP}\n+++\nA definition.\n')
    return entry.unlink


def _deeply_nested_site_toml(config_path: Path) -> Callable[[], None]:
    text = config_path.read_text()
    config_path.write_text(f"{text}\nnested = {DEEP}\n")
    return lambda: config_path.write_text(text)


@pytest.mark.parametrize("breaks", [_deeply_nested_front_matter, _deeply_nested_site_toml])
def test_the_server_survives_a_failing_build_and_rebuilds_on_the_next_edit(tmp_path, breaks):
    with running_server(tmp_path, "404.html") as server:
        events = Events(server)
        undo = breaks(server.config_path)
        assert events.data()["errors"]  # the build failed, or left that file out
        status, page = get(server, f"/{GAZA}/")
        assert status == 200 and 'id="live-errors"' in page  # the site, and what went wrong
        undo()
        assert not events.data()["failed"]
        assert server.worker.is_alive()
        seed = server.config.seeds_dir / "gaza-delegation-talks.txt"
        seed.write_text(seed.read_text() + "\nA paragraph written after the failure.\n")
        assert not events.data()["failed"]
        assert "written after the failure" in get(server, f"/{GAZA}/")[1]


def test_a_seeds_folder_deleted_and_restored_is_watched_again(tmp_path):
    with running_server(tmp_path, "404.html") as server:
        events = Events(server)
        seeds = server.config.seeds_dir
        shutil.rmtree(seeds)
        events.data()  # whatever a build without seeds does
        shutil.copytree(ROOT / "seeds", seeds)
        seed = seeds / "gaza-delegation-talks.txt"
        seed.write_text(seed.read_text() + "\nA line written once everything came back.\n")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if not events.data()["failed"]:
                status, page = get(server, f"/{GAZA}/")
                if status == 200 and "everything came back" in page:
                    break
        else:
            raise AssertionError("the restored seeds folder was not built")
        seed.write_text(seed.read_text() + "\nAnd one more edit.\n")
        assert not events.data()["failed"]
        assert "And one more edit." in get(server, f"/{GAZA}/")[1]


def test_before_any_good_build_every_url_says_so(tmp_path):
    config_path = make_site(tmp_path)
    template = use_site_theme(config_path, {"404.html": "{{ 1 // 0 }}"}) / "404.html"
    server = DevServer(config_path, port=0)
    server.start()
    try:
        events = Events(server)
        for path in ("/", f"/{GAZA}/", "/no-such-page"):
            status, page = get(server, path)
            assert status == 503
            assert "No site built yet" in page and f"{template}:1" in page
            assert "/__live/reload.js" in page
        template.write_text('{% extends "default:404.html" %}\n')
        assert not events.data()["failed"]
        assert get(server, "/")[0] == 200
    finally:
        server.stop()


def _request_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if "process_request_thread" in t.name]


def test_a_client_that_hangs_up_is_not_logged_as_a_traceback(tmp_path, capfd):
    with running_server(tmp_path, "404.html") as server:
        (server.config.output_dir / "big.bin").write_bytes(b"\0" * (16 << 20))
        capfd.readouterr()
        host, port = server.server.server_address[:2]
        for _ in range(3):
            client = socket.create_connection((host, port), timeout=30)
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            assert client.recv(12).startswith(b"HTTP/1.1 200")
            # Reset, not a polite close: the server is mid-write.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
        assert _poll(lambda: not _request_threads(), 30, step=0.05)
        assert get(server, f"/{GAZA}/")[0] == 200
        err = capfd.readouterr().err
        assert "Traceback" not in err and "ConnectionReset" not in err and "BrokenPipe" not in err


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1//evil.example",
        "http://evil.example//evil.example",
        "http://127.0.0.1///evil.example",
    ],
)
def test_redirects_never_lead_to_another_host(tmp_path, target):
    with running_server(tmp_path, "404.html") as server:
        page = server.config.output_dir / "evil.example" / "index.html"
        page.parent.mkdir()
        page.write_text("<p>a page named like a host</p>")
        host, port = server.server.server_address[:2]
        connection = http.client.HTTPConnection(host, port, timeout=30)
        connection.putrequest("GET", target, skip_accept_encoding=True)  # sent as it is
        connection.endheaders()
        response = connection.getresponse()
        # A path on this server, never "//evil.example/" (which browsers take as a host).
        assert (response.status, response.getheader("Location")) == (301, "/evil.example/")
