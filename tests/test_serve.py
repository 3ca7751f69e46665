"""``sajeon serve`` as a real process on 127.0.0.1, with the real CLI writing beside it
(issue 3): changes show on the next request, and nothing reports "database is locked"."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from urllib.parse import quote, urlencode

import pytest

from sajeon.web.datasette_plugin import MAX_TEXT, MAX_URL_TEXT

from .conftest import ROOT
from .liveserver import HOST, live_server, run_sajeon, sajeon_command

pytestmark = pytest.mark.server


@pytest.fixture
def unbuilt_project(tmp_path):
    """The bundled glossary and memory, with no database yet."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(ROOT / "glossary", root / "glossary")
    shutil.copytree(ROOT / "memory", root / "memory")
    return root


def test_serve_builds_then_shows_cli_writes_without_restart(unbuilt_project, tmp_path):
    with live_server(unbuilt_project, tmp_path) as server:
        assert (unbuilt_project / "sajeon.db").exists()  # built because it was missing
        assert "building sajeon.db (it does not exist yet)" in server.log.read_text()
        status, html = server.get("/")
        assert status == 200 and "sajeon 사전" in html
        assert "국가보위성" in server.search("보위")
        assert server.search("보위성신설국") == []

        added = run_sajeon(unbuilt_project, "term", "add", "보위성신설국", "New Bureau of the MSS")
        assert added.returncode == 0, added.stderr

        assert server.search("신설국") == ["보위성신설국"]
        status, html = server.get(f"/sajeon/terms?_search={quote('신설국')}")
        assert status == 200 and "보위성신설국" in html


def test_concurrent_cli_writes_and_http_reads(bundled_project, tmp_path):
    """CLI writers queue on BEGIN IMMEDIATE; HTTP readers read WAL snapshots: no request
    fails and no write fails while both happen at once."""
    root = bundled_project.root
    new_terms = [f"동시등록어{i}" for i in range(4)]
    with live_server(root, tmp_path) as server:
        statuses: list[int] = []
        stop = threading.Event()

        def read_all_the_time():
            paths = [
                f"/sajeon/-/search.json?q={quote('동시등록')}",
                f"/sajeon/terms.json?_search={quote('동시등록')}&_shape=array",
                f"/sajeon/-/concordance.json?q={quote('동시등록')}",
                "/sajeon/terms.json?_size=5",
            ]
            i = 0
            while not stop.is_set() and i < 2000:
                statuses.append(server.get(paths[i % len(paths)])[0])
                i += 1

        reader = threading.Thread(target=read_all_the_time)
        reader.start()
        try:
            writers = [
                subprocess.Popen(
                    sajeon_command(root, "term", "add", text, f"Concurrent term {i}"),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for i, text in enumerate(new_terms)
            ]
            writers.append(
                subprocess.Popen(
                    sajeon_command(
                        root,
                        "segment",
                        "add",
                        "동시등록어가 추가된 문장이다.",
                        "A sentence added at once.",
                    ),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
            results = [(w.wait(timeout=120), *w.communicate()) for w in writers]
        finally:
            stop.set()
            reader.join(timeout=60)
        for code, out, err in results:
            assert code == 0, err
            assert "locked" not in out + err
        assert statuses and set(statuses) == {200}, sorted(set(statuses))
        assert sorted(server.search("동시등록")) == new_terms
        rows = server.json(f"/sajeon/-/concordance.json?q={quote('동시등록')}")["segments"]
        assert [r["target"] for r in rows] == ["A sentence added at once."]
    assert "locked" not in server.log.read_text()
    check = run_sajeon(root, "build", "--check")
    assert check.returncode == 0, check.stdout + check.stderr


def send_in_pieces(server, request: bytes) -> bytes:
    """Send a request 1,000 bytes at a time, as over a network, and read the answer."""
    with socket.create_connection((HOST, server.port), timeout=30) as conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for start in range(0, len(request), 1000):
            conn.sendall(request[start : start + 1000])
            time.sleep(0.005)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


def test_longest_linked_text_reaches_the_page(bundled_project, tmp_path):
    """Links to the terms and fuzzy-match pages carry the text in the URL. With the most
    they carry (all Korean) and a browser's headers, a Referer of 4 KiB (Chromium's
    limit) among them, sent in pieces as over a network, the server still reads the
    request."""
    text = "국가보위성에서 " + "국" * (MAX_URL_TEXT - 8)
    path = f"/sajeon/-/terms.json?text={quote(text)}&from=ko&to=en"
    with live_server(bundled_project.root, tmp_path) as server:
        head = (
            f"GET {path} HTTP/1.1\r\nHost: {HOST}:{server.port}\r\n"
            "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "
            "Gecko) Chrome/120.0.0.0 Safari/537.36\r\n"
            "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            "Accept-Language: ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7\r\n"
            f"Referer: {server.url}/{'r' * (4096 - len(server.url) - 1)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        status, _, body = send_in_pieces(server, head).partition(b"\r\n\r\n")
        assert status.startswith(b"HTTP/1.1 200"), (len(head), status)
        assert b'"concept_id": "ministry-of-state-security"' in body


def test_longest_pasted_text_is_posted_through_the_form(bundled_project, tmp_path):
    """The forms POST the text: the most they take, all Korean, with the CSRF cookie and
    token a browser sends, in pieces, reaches the page, which finds every term."""
    text = ("국가보위성에서 " * MAX_TEXT)[:MAX_TEXT]
    with live_server(bundled_project.root, tmp_path) as server:
        with urllib.request.urlopen(server.url + "/sajeon/-/terms", timeout=30) as response:
            cookie = response.headers["set-cookie"].split(";")[0]
            token = re.search(r'name="csrftoken" value="([^"]+)"', response.read().decode())[1]
        body = urlencode({"csrftoken": token, "text": text, "from": "ko", "to": "en"}).encode()
        head = (
            f"POST /sajeon/-/terms HTTP/1.1\r\nHost: {HOST}:{server.port}\r\n"
            f"Cookie: {cookie}\r\nReferer: {server.url}/sajeon/-/terms\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        status, _, page = send_in_pieces(server, head + body).partition(b"\r\n\r\n")
        assert status.startswith(b"HTTP/1.1 200"), (len(body), status)
        page = page.decode()
        found = text.count("국가보위성")
        assert f"{found:,} terms of 1 concept" in page
        # Without the token, Datasette's CSRF protection refuses it.
        forged = head + body.replace(token.encode(), b"x" * len(token))
        assert send_in_pieces(server, forged).startswith(b"HTTP/1.1 403")
