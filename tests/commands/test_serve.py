"""The dev server: live reload over SSE, incremental rebuilds, the error overlay, safety."""

from __future__ import annotations

import http.client
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from generator.commands.serve import DevServer
from tests.devserver import Events, get, running_server
from tests.sites import GAZA, make_site


@pytest.fixture
def server(tmp_path):
    with running_server(tmp_path, "404.html") as dev:
        yield dev


def wait_for_report(server: DevServer, count: int, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while len(server.reports) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(server.reports) >= count
    return server.reports[count - 1]


def test_the_server_binds_loopback_and_serves_the_site(server):
    assert server.server.server_address[0] == "127.0.0.1"
    status, page = get(server, f"/{GAZA}/")
    assert status == 200 and "Benjamin Netanyahu" in page
    assert "/__live/reload.js" in page


def test_editing_a_seed_reextracts_it_alone_and_reloads_the_page(server):
    events = Events(server)
    seed = server.config.seeds_dir / "gaza-delegation-talks.txt"
    seed.write_text(seed.read_text() + "\nEditors added this closing line.\n")
    event = events.data()
    assert event["errors"] == [] and not event["failed"]
    report = wait_for_report(server, 2)
    assert report.parsed == 1
    assert "Editors added this closing line." in get(server, f"/{GAZA}/")[1]


def test_a_template_edit_rerenders_without_reextracting(server):
    events = Events(server)
    template = server.config.root / "theme" / "templates" / "404.html"
    template.write_text('{% extends "default:404.html" %}{% block title %}Lost{% endblock %}\n')
    events.data()
    assert wait_for_report(server, 2).parsed == 0
    status, page = get(server, "/no-such-page/")
    assert status == 404 and "<title>Lost</title>" in page


def test_a_broken_template_shows_an_overlay_until_it_is_fixed(server):
    events = Events(server)
    template = server.config.root / "theme" / "templates" / "404.html"
    template.write_text('{% extends "default:404.html" %}{% block title %}{{ oops(}}{% endblock %}')
    event = events.data()
    assert event["failed"]
    assert event["errors"][0]["path"] == str(template) and event["errors"][0]["line"] == 1
    status, page = get(server, f"/{GAZA}/")
    assert status == 200 and "Benjamin Netanyahu" in page  # the last good site
    assert 'id="live-errors"' in page and "404.html:1" in page
    template.write_text('{% extends "default:404.html" %}\n')
    assert not events.data()["failed"]
    assert 'id="live-errors"' not in get(server, f"/{GAZA}/")[1]


def test_deleting_a_seed_removes_its_page(server):
    events = Events(server)
    (server.config.seeds_dir / "gaza-delegation-talks.txt").unlink()
    events.data()
    assert get(server, f"/{GAZA}/")[0] == 404


def test_editor_temp_files_do_not_trigger_builds(server):
    for name in (".gaza.txt.swp", "gaza.txt~", "4913", "#gaza.txt#"):
        (server.config.seeds_dir / name).write_text("x")
    time.sleep(1.0)
    assert len(server.reports) == 1


@pytest.mark.parametrize(
    "path",
    [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc/passwd",
        "//etc/passwd",
        "/static/../../site.toml",
        "/..%2f..%2fsite.toml",
        "/%00",
        "/outside/",
    ],
)
def test_nothing_outside_the_output_folder_is_served(server, path):
    outside = server.config.root / "secret.txt"
    outside.write_text("secret")
    (server.config.output_dir / "outside").symlink_to(server.config.root)
    status, body = get(server, path)
    assert status in (400, 404) and "secret" not in body and "root:" not in body


def test_no_directory_listings(server):
    status, body = get(server, "/static/")
    assert status == 404 and "Directory listing" not in body and 'href="style.css"' not in body


def test_a_busy_port_moves_to_the_next_free_one(server):
    port = server.server.server_address[1]
    second = DevServer(server.config_path, port=port)
    try:
        assert second.server.server_address[1] != port
    finally:
        second.server.server_close()


def test_a_burst_of_requests_during_a_rebuild_is_answered(server):
    seed = server.config.seeds_dir / "gaza-delegation-talks.txt"
    seed.write_text(seed.read_text() + "\nAnother paragraph.\n")
    paths = [f"/{GAZA}/", "/", "/actors/", "/static/style.css"] * 50
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(lambda p: get(server, p)[0], paths))
    assert statuses == [200] * 200


def test_stop_releases_the_port_and_threads(tmp_path):
    dev = DevServer(make_site(tmp_path), port=0)
    dev.start()
    port = dev.server.server_address[1]
    dev.stop()
    assert not dev.worker.is_alive()
    assert not dev.watcher.observer.is_alive()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))  # free again


def test_oversized_requests_are_refused(server):
    status, _ = get(server, "/" + "a" * 70000)
    assert status in (400, 414)


def test_a_base_url_path_is_served_as_in_production(tmp_path):
    dev = DevServer(make_site(tmp_path, "https://example.org/sub/"), port=0)
    dev.start()
    try:
        assert dev.url.endswith("/sub/")
        status, page = get(dev, f"/sub/{GAZA}/")
        assert status == 200 and 'href="/sub/actors/' in page
        assert get(dev, f"/{GAZA}/")[0] == 404  # outside the base path
        host, port = dev.server.server_address[:2]
        connection = http.client.HTTPConnection(host, port, timeout=30)
        connection.request("GET", "/")
        response = connection.getresponse()
        assert (response.status, response.getheader("Location")) == (301, "/sub/")
    finally:
        dev.stop()
