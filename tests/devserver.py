"""A dev server over a copy of the sample site, its live-reload events and plain GET requests."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.bench.live import EventStream
from generator.commands.serve import DevServer
from tests.sites import make_site, use_site_theme


class Events(EventStream):
    def __init__(self, server: DevServer) -> None:
        super().__init__(server)
        assert self.content_type == "text/event-stream"

    def data(self) -> dict:
        """The data of the next build event."""
        return self.next(timeout=60)[1]


def get(server: DevServer, path: str) -> tuple[int, str]:
    host, port = server.server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.putrequest("GET", path, skip_host=False, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


@contextmanager
def running_server(folder: Path, template: str) -> Iterator[DevServer]:
    """A dev server, started, over a copy of the sample site whose own theme has `template`
    (extending the default one), so tests can edit the theme."""
    config_path = make_site(folder)
    use_site_theme(config_path, {template: f'{{% extends "default:{template}" %}}\n'})
    dev = DevServer(config_path, port=0)
    dev.start()
    try:
        yield dev
    finally:
        dev.stop()
