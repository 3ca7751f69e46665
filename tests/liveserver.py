"""A real ``sajeon serve`` process on 127.0.0.1 for tests, and the real CLI beside it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def sajeon_command(project_root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "sajeon.cli", "-C", str(project_root), *args]


def run_sajeon(project_root: Path, *args: str) -> subprocess.CompletedProcess:
    """The sajeon command as a user runs it, in another process."""
    return subprocess.run(
        sajeon_command(project_root, *args), capture_output=True, text=True, timeout=120
    )


class LiveServer:
    def __init__(self, process: subprocess.Popen, port: int, log: Path):
        self.process = process
        self.port = port
        self.log = log
        self.url = f"http://{HOST}:{port}"

    def get(self, path: str, timeout: float = 30) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def json(self, path: str):
        status, body = self.get(path)
        assert status == 200, (path, status, body[:300])
        return json.loads(body)

    def search(self, query: str) -> list[str]:
        return [h["text"] for h in self.json(f"/sajeon/-/search.json?q={quote(query)}")["terms"]]


@contextmanager
def live_server(project_root: Path, log_dir: Path, *extra: str):
    """Start ``sajeon serve`` on a free port, wait until it answers, stop it by its pid."""
    port = free_port()
    log = log_dir / f"serve-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            sajeon_command(project_root, "serve", "--port", str(port), *extra),
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    server = LiveServer(process, port, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise AssertionError(f"sajeon serve exited:\n{log.read_text()}")
            try:
                if server.get("/-/versions.json", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"sajeon serve did not answer:\n{log.read_text()}")
            time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
