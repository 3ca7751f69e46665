"""Wall-time phases of a long operation (a large import), for profiling.

Switched on by the environment variable ``SAJEON_PHASES`` naming a directory: every process
taking part (the importing one and the one reading the file) then records when each phase
began and ended and writes them to ``phases-<pid>.json`` there when :func:`save` is called.
The benchmark (``benchmarks/formats.py --profile``) adds them up and shows how the
processes overlap. Off (the default), :func:`phase` returns one shared do-nothing context
manager: the cost is a dictionary lookup per call, and calls are per batch, not per row.

Times are :func:`time.perf_counter`, which on Linux is the system-wide monotonic clock, so
the intervals of the two processes can be laid side by side.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

ENV = "SAJEON_PHASES"

_NOTHING = contextlib.nullcontext()
_intervals: list[tuple[str, float, float]] = []
_pid: int | None = None


def enabled() -> bool:
    return bool(os.environ.get(ENV))


@contextlib.contextmanager
def _timed(name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        _record(name, start, time.perf_counter())


def _record(name: str, start: float, end: float) -> None:
    global _pid
    if _pid != os.getpid():  # a forked child starts with its parent's list: not its own
        _intervals.clear()
        _pid = os.getpid()
    _intervals.append((name, start, end))


def phase(name: str) -> contextlib.AbstractContextManager:
    """``with phase("row inserts"): ...`` records the block's wall time when profiling."""
    return _timed(name) if os.environ.get(ENV) else _NOTHING


def mark(name: str, start: float) -> None:
    """Record a phase that began at ``start`` (a perf_counter value) and ends now."""
    if os.environ.get(ENV):
        _record(name, start, time.perf_counter())


def save(role: str) -> None:
    """Write this process's intervals (when profiling) as ``phases-<pid>.json``."""
    folder = os.environ.get(ENV)
    if not folder or _pid != os.getpid():
        return
    times = os.times()  # the CPU this process used: its work, whatever else ran meanwhile
    data = {
        "role": role,
        "pid": os.getpid(),
        "cpu": times.user + times.system,
        "intervals": _intervals,
    }
    (Path(folder) / f"phases-{os.getpid()}.json").write_text(json.dumps(data), "utf-8")
    _intervals.clear()
