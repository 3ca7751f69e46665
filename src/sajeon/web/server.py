"""``sajeon serve``: the database in Datasette, read-only, with sajeon's plugin.

The file is served *mutable* (not ``-i``), so that what the sajeon command writes (in
``BEGIN IMMEDIATE`` transactions, over WAL) shows on the next request without a restart.
Datasette never writes to it: the plugin sets ``PRAGMA query_only`` on every connection.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

from ..core.model import InputError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001

#: Datasette settings ``sajeon serve`` starts with; ``--setting NAME VALUE`` overrides.
#: Arbitrary SQL stays allowed, but bounded: it is read-only (SELECT only, on query_only
#: connections), stopped after one second and cut at 1,000 rows.
SETTINGS: dict[str, str] = {
    "sql_time_limit_ms": "1000",
    "max_returned_rows": "1000",
    "facet_time_limit_ms": "200",
    # Facet suggestions try every column of a table on each page load: over a large memory
    # that is most of a second's work for suggestions nobody needs (the useful facets are
    # set in the metadata).
    "suggest_facets": "off",
    "default_allow_sql": "on",
}


#: Seconds a Python thread runs before another that waits gets its turn (see :func:`run`).
SWITCH_INTERVAL = 0.001


def ensure_plugin() -> None:
    """Register the plugin when sajeon runs without being installed (from a source tree):
    then Datasette has not found it through the entry point."""
    from datasette.plugins import pm

    from . import datasette_plugin

    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="sajeon")


def check_port(host: str, port: int) -> None:
    """Refuse a port the server could not listen on (another server has it, or the host is
    not this machine's) before anything is built or announced: bind it as uvicorn will
    (SO_REUSEADDR), then let it go."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError, OverflowError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise InputError(f"cannot serve on {host}:{port}: {reason}") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise InputError(
                f"cannot serve on {host}:{port}: {reason}; choose another port with --port"
            ) from None


def datasette_arguments(
    db_path: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    settings: dict[str, str] | None = None,
    metadata: Path | None = None,
) -> list[str]:
    """The ``datasette serve`` command line that ``sajeon serve`` runs."""
    args = ["serve", str(db_path), "--host", host, "--port", str(port)]
    for name, value in {**SETTINGS, **(settings or {})}.items():
        args += ["--setting", name, str(value)]
    if metadata:
        args += ["--metadata", str(metadata)]
    return args


def run(args: list[str]) -> None:
    """Run ``datasette`` with ``args`` in this process until it is stopped."""
    from datasette.cli import cli as datasette_cli

    from . import datasette_plugin

    ensure_plugin()
    # Expensive pages work in threads (one at a time: the plugin's Gate), and Python runs
    # one thread at a time: a thread that wants the interpreter back (the event loop with
    # a new request, a cheap search's thread back from SQLite) waits for the busy one to
    # let go, every SWITCH_INTERVAL. The default of 5 ms, paid at each of the dozen
    # hand-overs of a search, would add tens of milliseconds to it under load.
    if datasette_plugin.limits_on():
        sys.setswitchinterval(SWITCH_INTERVAL)
    datasette_cli.main(args=args, prog_name="sajeon serve", standalone_mode=False)
    sys.stdout.flush()
