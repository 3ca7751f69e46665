"""The server under hostile load (issue 15): does the cheap search page keep answering
while clients hammer the expensive pages?

Starts a real ``sajeon serve`` on 127.0.0.1 over the bundled data plus ``--segments``
generated segment pairs (100,000 by default, as :mod:`newsgen` writes them; 0 for the
bundled data alone). For 0, 3, 6 and 10 clients, each client repeats the expensive requests
in turn, as fast as the server answers:

* ``match``        Fuzzy match of a one-syllable text at the lowest ``min_score`` allowed
* ``match article`` Fuzzy match of a pasted 20,000-character article (POST)
* ``terms``        Terms in text of the same article (POST)
* ``concordance``  the concordance of a one-syllable query

while one client times the cheap search page (``/sajeon/-/search.json?q=…``, one request
after another). It prints p50/p95 of the cheap page per load and the status mix of the
expensive requests (200, 429 …), with the server's limits on and, in the same run, off
(``SAJEON_SERVER_LIMITS=off``, which only this benchmark sets).

    python benchmarks/server_load.py                    # 100,000 segments, 15 s per load
    python benchmarks/server_load.py --segments 0 --seconds 5
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import httpx  # noqa: E402
import newsgen  # noqa: E402

from sajeon.storage.project import Project  # noqa: E402
from sajeon.web.datasette_plugin import MAX_TEXT, MIN_MATCH_SCORE  # noqa: E402

HOST = "127.0.0.1"
CHEAP_QUERIES = ["보위", "국가보위성", "탈북", "온성군 보위부", "security", "밀수"]
LOADS = (0, 3, 6, 10)


def project_with(segments: int, out: Path) -> Path:
    """A copy of the bundled project with ``segments`` generated pairs in a memory file of
    their own, built (reused when already there)."""
    root = (out / f"server-load-{segments}").resolve()
    if (root / "sajeon.db").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copytree(ROOT / "glossary", root / "glossary")
    shutil.copytree(ROOT / "memory", root / "memory")
    project = Project(root)
    if segments:
        project.add_segments(newsgen.segments(segments), root / "memory" / "generated.tsv")
    project.build()
    return root


def article(length: int = MAX_TEXT) -> str:
    """Generated news sentences, one a line, up to ``length`` characters."""
    lines, size = [], 0
    for segment in newsgen.segments(10 * length, seed=7):
        if size + len(segment.source) + 1 > length:
            break
        lines.append(segment.source)
        size += len(segment.source) + 1
    return "\n".join(lines)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextmanager
def server(root: Path, limits: bool):
    """``sajeon serve`` in its own process, stopped by its pid."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if not limits:
        env["SAJEON_SERVER_LIMITS"] = "off"
    command = [sys.executable, "-m", "sajeon.cli", "-C", str(root), "serve", "--port", str(port)]
    log = root / f"serve-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise SystemExit(f"sajeon serve exited:\n{log.read_text()}")
            try:
                if httpx.get(url + "/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"sajeon serve did not answer:\n{log.read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


def expensive_requests(text: str) -> list[tuple[str, str, str, bytes | None]]:
    """(kind, method, path, form) of each expensive request a client repeats; forms are
    encoded once here, so that the clients spend little of the CPU they share with the
    server."""
    score = f"{MIN_MATCH_SCORE:g}"
    return [
        ("match", "GET", f"/sajeon/-/match.json?text={quote('군')}&min_score={score}", None),
        ("match article", "POST", "/sajeon/-/match.json", form(text=text, min_score=score)),
        ("terms", "POST", "/sajeon/-/terms.json", form(text=text)),
        ("concordance", "GET", f"/sajeon/-/concordance.json?q={quote('군')}", None),
    ]


def form(**fields: str) -> bytes:
    return urlencode(fields).encode()


FORM_HEADERS = {"content-type": "application/x-www-form-urlencoded"}


async def hammer(url: str, requests: list, stop: float, statuses: Counter, offset: int) -> None:
    """One hostile client: the expensive requests in turn until ``stop``."""
    async with httpx.AsyncClient(base_url=url, timeout=600) as client:
        i = offset
        while time.monotonic() < stop:
            kind, method, path, body = requests[i % len(requests)]
            i += 1
            try:
                headers = FORM_HEADERS if body else None
                response = await client.request(method, path, content=body, headers=headers)
                statuses[(kind, response.status_code)] += 1
                if response.status_code in (429, 503):
                    # A polite client would wait Retry-After; a hostile one does not, but
                    # it does not spin on a refusal either.
                    await asyncio.sleep(0.05)
            except httpx.HTTPError as exc:
                statuses[(kind, type(exc).__name__)] += 1


async def time_cheap(url: str, stop: float) -> tuple[list[float], Counter]:
    """The translator's client: the search page, one request after another."""
    times: list[float] = []
    statuses: Counter = Counter()
    async with httpx.AsyncClient(base_url=url, timeout=600) as client:
        i = 0
        while time.monotonic() < stop:
            query = CHEAP_QUERIES[i % len(CHEAP_QUERIES)]
            i += 1
            started = time.perf_counter()
            response = await client.get(f"/sajeon/-/search.json?q={quote(query)}")
            times.append((time.perf_counter() - started) * 1000)
            statuses[response.status_code] += 1
            await asyncio.sleep(0.02)  # a person's pace, roughly: not a load of its own
    return times, statuses


async def one_load(url: str, clients: int, seconds: float, requests: list) -> dict:
    stop = time.monotonic() + seconds
    statuses: Counter = Counter()
    hostile = [hammer(url, requests, stop, statuses, offset=i) for i in range(clients)]
    (times, cheap), *_ = await asyncio.gather(time_cheap(url, stop), *hostile)
    return {"times": times, "cheap": cheap, "statuses": statuses}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def status_mix(statuses: Counter) -> str:
    totals: Counter = Counter()
    for (_, status), n in statuses.items():
        totals[status] += n
    return " ".join(f"{status}×{n}" for status, n in sorted(totals.items(), key=str)) or "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=15, help="Per load and mode.")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument(
        "--modes", default="on,off", help="Limits on, off or both (on,off: the default)."
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"project: bundled data + {args.segments:,} generated segment pairs …", flush=True)
    root = project_with(args.segments, args.out)
    requests = expensive_requests(article())
    print(f"machine: {os.cpu_count()} CPUs; {args.seconds:g} s per load", flush=True)
    rows = []
    for mode in args.modes.split(","):
        with server(root, limits=mode == "on") as url:
            httpx.get(url + "/sajeon/-/search.json?q=warmup", timeout=60)
            for clients in LOADS:
                result = asyncio.run(one_load(url, clients, args.seconds, requests))
                times = result["times"]
                row = (
                    mode,
                    clients,
                    statistics.median(times),
                    percentile(times, 0.95),
                    len(times),
                    " ".join(f"{s}×{n}" for s, n in sorted(result["cheap"].items())),
                    status_mix(result["statuses"]),
                )
                rows.append(row)
                print(
                    f"limits {row[0]:<3} {row[1]:>2} clients: search p50 {row[2]:7.1f} ms  "
                    f"p95 {row[3]:7.1f} ms  (n={row[4]}, {row[5]});  expensive: {row[6]}",
                    flush=True,
                )
                for (kind, status), n in sorted(result["statuses"].items(), key=str):
                    print(f"    {kind:<14} {status}: {n}")
    print()
    print("| limits | clients | search p50 ms | search p95 ms | expensive requests (status×n) |")
    print("|---|---:|---:|---:|---|")
    for mode, clients, p50, p95, _, _, mix in rows:
        print(f"| {mode} | {clients} | {p50:.1f} | {p95:.1f} | {mix} |")


if __name__ == "__main__":
    main()
