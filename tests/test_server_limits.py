"""The server under hostile load (issue 15, bullet 5): every bad number a page takes is a
400 with one line, never a 500; expensive pages take turns (the Gate) and answer 429 with
Retry-After when the queue is full, while cheap pages keep answering. How fast they answer
is measured by benchmarks/server_load.py, not here."""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode

import pytest

from sajeon.web import datasette_plugin
from sajeon.web.datasette_plugin import (
    EXPENSIVE_WAITING,
    MAX_PAGED,
    MAX_QUERY,
    MAX_SENTENCES,
    MAX_TEXT,
    MIN_MATCH_SCORE,
    Busy,
    Gate,
)

from .dsclient import Client
from .liveserver import live_server

# Values no whole-number parameter takes: overflow (SQLite's and Python's int limits),
# zero, negative, words, decimals, exponents, and digits that are not ASCII.
BAD_WHOLE = [
    "99999999999999999999",
    "9" * 5000,
    "0",
    "-1",
    "-99999999999999999999",
    "abc",
    "1.5",
    "1e3",
    "0x10",
    "²",
    "١",
    "1 2",
    "+1",
]
# Values min_score does not take: NaN, infinities, overflow, out of range, below the floor.
BAD_SCORES = ["nan", "NaN", "inf", "-inf", "1e400", "-1", "0", "29.9", "100.1", "abc", "9" * 400]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from sajeon.storage.project import Project

    from .conftest import ROOT

    root = tmp_path_factory.mktemp("limits") / "project"
    root.mkdir()
    for name in ("glossary", "memory"):
        (root / name).symlink_to(ROOT / name)
    project = Project(root)
    project.build()
    client = Client([project.db_path])
    yield client
    client.close()


def bad_requests():
    """(page, parameters) of every bad numeric parameter of every plugin page."""
    for value in BAD_WHOLE:
        yield "search", {"q": "보위", "page": value}
        yield "search", {"q": "보위", "size": value}
        yield "concordance", {"q": "보위", "page": value}
        yield "concordance", {"q": "보위", "size": value}
        yield "match", {"text": "보위부", "limit": value}
    for value in BAD_SCORES:
        yield "match", {"text": "보위부", "min_score": value}
    # Past the results that are counted and paged.
    for page in ("search", "concordance"):
        yield page, {"q": "보위", "page": str(MAX_PAGED // 50 + 1)}
        yield page, {"q": "보위", "size": "10", "page": str(MAX_PAGED // 10 + 1)}
        yield page, {"q": "보" * (MAX_QUERY + 1)}
    yield "search", {"q": "보위", "lang": "\x00"}
    yield "search", {"q": "보위", "lang": "xx-yy-zz"}
    yield "terms", {"text": "보위부", "date": "2020-13"}
    yield "terms", {"text": "보위부", "from": "nan"}


BAD = list(bad_requests())


@pytest.mark.parametrize(("page", "params"), BAD, ids=[f"{p} {json.dumps(q)[:60]}" for p, q in BAD])
def test_bad_parameter_is_a_400_with_one_line(client, page, params):
    for suffix in (".json", ""):
        response = client.get(f"/sajeon/-/{page}{suffix}?{urlencode(params)}")
        assert response.status_code == 400, (suffix, response.text[:300])
        if suffix:
            error = response.json()["error"]
            assert "\n" not in error and len(error) < 300, error
            assert list(params)[-1] in error, error  # the bad one is named


def test_the_last_page_that_is_paged_is_served(client):
    for page in ("search", "concordance"):
        assert client.get(f"/sajeon/-/{page}.json?q=x&page={MAX_PAGED // 50}").status_code == 200
        assert client.get(f"/sajeon/-/{page}.json?q=x&page=0001").status_code == 200


def test_fuzzy_match_at_its_lowest_score_is_served(client):
    data = client.json(f"/sajeon/-/match.json?text={quote('군')}&min_score={MIN_MATCH_SCORE:g}")
    assert data["min_score"] == MIN_MATCH_SCORE


def test_text_of_too_many_sentences_is_refused(client):
    text = "\n".join("가나" for _ in range(MAX_SENTENCES + 1))
    assert len(text) <= MAX_TEXT
    response = client.post("/sajeon/-/match.json", data={"text": text})
    assert response.status_code == 400
    assert f"at most {MAX_SENTENCES:,} sentences" in response.json()["error"]


# ---------------------------------------------------------------------------- the gate


def test_gate_runs_some_queues_some_and_refuses_the_rest():
    async def scenario():
        gate = Gate(running=1, waiting=1, wait_seconds=60)
        release = asyncio.Event()
        order = []

        async def request(name):
            async with gate.turn():
                order.append(name)
                await release.wait()

        first = asyncio.create_task(request("first"))
        second = asyncio.create_task(request("second"))
        for _ in range(10):  # let both start
            await asyncio.sleep(0)
        assert gate.inside == 2 and order == ["first"]  # one runs, one waits
        with pytest.raises(Busy) as refused:
            async with gate.turn():
                pass
        assert refused.value.status == 429 and refused.value.retry_after >= 1
        release.set()
        await asyncio.gather(first, second)
        assert order == ["first", "second"] and gate.inside == 0

    asyncio.run(scenario())


def test_gate_refuses_after_waiting_too_long():
    async def scenario():
        gate = Gate(running=1, waiting=1, wait_seconds=0)
        hold = asyncio.Event()

        async def holder():
            async with gate.turn():
                await hold.wait()

        task = asyncio.create_task(holder())
        for _ in range(10):
            await asyncio.sleep(0)
        with pytest.raises(Busy):
            async with gate.turn():
                pass
        hold.set()
        await task

    asyncio.run(scenario())


def test_limits_are_on_unless_the_benchmark_turns_them_off(monkeypatch):
    monkeypatch.delenv(datasette_plugin.LIMITS_ENV, raising=False)
    assert datasette_plugin.limits_on()
    monkeypatch.setenv(datasette_plugin.LIMITS_ENV, "off")
    assert not datasette_plugin.limits_on()


# ---------------------------------------------------------------------------- a real server


def _request(url: str, data: bytes | None = None) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, data=data)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.mark.server
def test_busy_server_answers_429_with_retry_after_and_search_still_answers(
    bundled_project, tmp_path
):
    # Pasted articles of the longest length: each keeps its turn a while.
    article = "\n".join(
        f"{i}번 체포된 주민들은 현재 온성군 보위부에서 조사를 받고 있다." for i in range(400)
    )
    article = article[:MAX_TEXT]
    body = urlencode({"text": article}).encode()
    clients = 4 * (1 + EXPENSIVE_WAITING)
    with live_server(bundled_project.root, tmp_path) as server:
        for _ in range(10):  # a burst, until one finds the queue full
            start = threading.Barrier(clients + 1)
            answers: list[tuple[int, dict, str]] = []

            def expensive(path: str, start=start, answers=answers) -> None:
                start.wait()
                answers.append(_request(server.url + path, body))

            threads = [
                threading.Thread(target=expensive, args=(f"/sajeon/-/{p}.json",))
                for p in ("match", "terms") * (clients // 2)
            ]
            for thread in threads:
                thread.start()
            start.wait()
            cheap = _request(server.url + f"/sajeon/-/search.json?q={quote('보위')}")
            for thread in threads:
                thread.join()
            assert cheap[0] == 200, cheap
            assert {status for status, _, _ in answers} <= {200, 429}, answers
            busy = [a for a in answers if a[0] == 429]
            if busy:
                break
        assert busy, "no request found the server busy"
        _, headers, text = busy[0]
        assert int(headers["Retry-After"]) >= 1
        error = json.loads(text)
        assert error["status"] == 429 and "try again in" in error["error"]
        assert any(a[0] == 200 for a in answers)  # the queue's first were served


@pytest.mark.parametrize("path", ["match?text=x", "terms?text=x", "concordance?q=x"])
def test_full_queue_is_a_429_page_and_json_with_retry_after(client, path):
    full = datasette_plugin.gate(client.ds)
    full.inside = full.running + full.waiting  # as if every place were taken
    try:
        page, query = path.split("?")
        for suffix in ("", ".json"):
            response = client.get(f"/sajeon/-/{page}{suffix}?{query}")
            assert response.status_code == 429
            assert int(response.headers["retry-after"]) >= 1
            assert "try again in" in response.text
        assert response.json()["status"] == 429
        # Cheap pages do not take turns.
        assert client.get(f"/sajeon/-/search?q={quote('보위')}").status_code == 200
        assert client.get("/sajeon/-/concept/ministry-of-state-security").status_code == 200
    finally:
        full.inside = 0
