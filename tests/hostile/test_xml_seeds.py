"""Hostile XML seeds: entity expansion ("billion laughs"), external entities naming a local
file, DTDs and parameter entities on the network. Each is refused at once with an error
naming the file and line; nothing is expanded, read or fetched, and the other seeds are
still published."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.read.seeds import read_seed

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "read" / "fixtures" / "hostile"
GOOD = ROOT / "seeds" / "senate-stopgap-budget-vote.txt"
SECRET = "Zq7 private-key-material 4f19c2"
TIMEOUT = 90  # a slow shared machine; a hang fails the test soon


def external_entity(target: str) -> str:
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE nitf [\n  <!ENTITY secret SYSTEM "{target}">\n]>\n'
        "<nitf><body><body.head><hedline><hl1>Leaked</hl1></hedline></body.head>"
        "<body.content><p>&secret;</p></body.content></body></nitf>\n"
    )


def test_a_billion_laughs_file_is_refused_at_once_with_its_line():
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_seed(HOSTILE / "billion-laughs.xml")
    assert time.monotonic() - started < 5
    assert caught.value.path == HOSTILE / "billion-laughs.xml"
    assert caught.value.line == 3  # the first <!ENTITY
    assert "declares XML entities" in caught.value.message
    assert "DOCTYPE" in caught.value.hint


def test_an_external_entity_naming_a_local_file_is_refused_and_nothing_of_it_shown(tmp_path):
    secret = tmp_path / "id_rsa"
    secret.write_text(SECRET)
    seed = tmp_path / "leak.xml"
    seed.write_text(external_entity(secret.as_uri()))
    with pytest.raises(InputError) as caught:
        read_seed(seed)
    assert (caught.value.path, caught.value.line) == (seed, 3)
    assert "declares the XML entity `secret`" in caught.value.message
    assert SECRET not in str(caught.value)
    with pytest.raises(InputError, match="entities are refused"):
        read_seed(HOSTILE / "external-entity.xml")


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY leak "fetched">')

    def log_message(self, *args):
        pass


def test_no_dtd_is_loaded_from_a_file_or_the_network_nor_an_entity_fetched(tmp_path):
    # A DTD that is no DTD: loading it would be an error, and would have read the file.
    private = tmp_path / "private.dtd"
    private.write_text(f"{SECRET} <!ENTITY broken\n")
    local = tmp_path / "local.xml"
    local.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "{private}">\n'
        "<nitf><body><body.head><hedline><hl1>Rates hold</hl1></hedline></body.head>"
        "<body.content><p>The bank held rates.</p></body.content></body></nitf>\n"
    )
    assert read_seed(local).articles[0].paragraphs == ["The bank held rates."]
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    _Counting.requests = []
    try:
        with_dtd = tmp_path / "dtd.xml"  # NITF names its DTD: allowed, and never loaded
        with_dtd.write_text(
            f'<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "{url}/nitf.dtd">\n'
            "<nitf><body><body.head><hedline><hl1>Rates hold</hl1></hedline></body.head>"
            "<body.content><p>The bank held rates.</p></body.content></body></nitf>\n"
        )
        assert read_seed(with_dtd).articles[0].paragraphs == ["The bank held rates."]
        remote = tmp_path / "remote.xml"
        remote.write_text(
            f'<?xml version="1.0"?>\n<!DOCTYPE nitf [\n<!ENTITY % r SYSTEM "{url}/x.dtd"> %r;\n]>\n'
            "<nitf/>\n"
        )
        with pytest.raises(InputError, match="declares the XML entity `r`") as caught:
            read_seed(remote)
        assert caught.value.line == 3
    finally:
        server.shutdown()
        server.server_close()
    assert _Counting.requests == []


def test_hostile_xml_seeds_fail_alone_and_publish_nothing_of_a_local_file(tmp_path):
    (tmp_path / "site.toml").write_text('title = "T"\nbase_url = "https://example.org/"\n')
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / GOOD.name).write_bytes(GOOD.read_bytes())
    (seeds / "laughs.xml").write_bytes((HOSTILE / "billion-laughs.xml").read_bytes())
    secret = tmp_path / "home" / "id_rsa"
    secret.parent.mkdir()
    secret.write_text(SECRET)
    (seeds / "leak.xml").write_text(external_entity(secret.as_uri()))

    done = subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(tmp_path / "site.toml")]
        + ["build", "--no-search"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )

    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stderr  # two seeds failed, the site is built
    assert f"{seeds / 'laughs.xml'}:3: declares XML entities" in done.stderr
    assert f"{seeds / 'leak.xml'}:3: declares the XML entity `secret`" in done.stderr
    pages = [p.read_text() for p in (tmp_path / "_site").rglob("*.html")]
    assert any("Senate Clears Key Hurdle On Stopgap Budget" in page for page in pages)
    assert not any(SECRET in page or "Leaked" in page for page in pages)
