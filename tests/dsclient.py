"""Synchronous access to Datasette's own test client (``datasette.client``) for tests."""

from __future__ import annotations

import asyncio
from pathlib import Path

from datasette.app import Datasette


class Client:
    """A real Datasette instance over real files, with the sajeon plugin loaded through
    its entry point, and blocking ``get``/``post`` for tests."""

    def __init__(self, files: list[Path] = (), immutables: list[Path] = (), **kwargs):
        self.loop = asyncio.new_event_loop()
        self.ds = Datasette(
            [str(f) for f in files], immutables=[str(f) for f in immutables], **kwargs
        )

    def run(self, coroutine):
        return self.loop.run_until_complete(coroutine)

    def get(self, path: str, **kwargs):
        return self.run(self.ds.client.get(path, **kwargs))

    def post(self, path: str, **kwargs):
        return self.run(self.ds.client.post(path, **kwargs))

    def request(self, method: str, path: str, **kwargs):
        return self.run(self.ds.client.request(method, path, **kwargs))

    def json(self, path: str):
        response = self.get(path)
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        return response.json()

    def close(self) -> None:
        for db in self.ds.databases.values():
            db.close()
        self.loop.close()
