"""Reading a large memory file in a second process while the first one stores it.

A large TMX import spends about as long parsing and checking XML as storing what it read.
:class:`BackgroundReader` runs a reader such as :func:`sajeon.formats.tmx.read_tmx` in a
child process, which also prepares each batch (keys, memory-file lines, search
documents, id order, English index words: :meth:`sajeon.storage.project.SegmentBatch.prepare`)
and sends it through a pipe from a thread, a few batches ahead at most; the importing
process stores batch after batch meanwhile. The child waits when it is that far ahead:
memory stays flat.

What the caller sees is what reading in-process gives: the same batches in the same
order, an :class:`~sajeon.core.model.InputError` with the same message at the same point of
the stream (after the batches read before it), the reader's report filled in at the end,
and progress calls. If the importing process dies, the child's next write to the pipe
fails and it ends; if the import stops early, the child is stopped.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..core import phases
from ..core.model import InputError
from .project import BatchSource, SegmentBatch, segment_batches

#: Files at least this large are read in a second process; smaller ones are read in
#: less time than starting one takes.
BACKGROUND_BYTES = 4 * 1024 * 1024


def worth_it(path: Path) -> bool:
    """Whether reading ``path`` in a second process pays (and the machine has two cores)."""
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return size >= BACKGROUND_BYTES and (os.cpu_count() or 1) > 1


def reader(read: Callable[..., Any], path: Path, *args: Any, **kwargs: Any) -> Any:
    """``read(path, *args, **kwargs)``: in a second process when ``path`` is large enough
    for that to pay, else here (for :meth:`sajeon.storage.project.Project.import_segments`)."""
    if worth_it(path):
        return BackgroundReader(read, path, *args, **kwargs)
    return read(path, *args, **kwargs)


class BackgroundReader(BatchSource):
    """``reader(*args, **kwargs)`` (yielding ``(where, segment)`` pairs) run in a child
    process, handed over as prepared batches. A ``report`` keyword argument is filled in
    with the child's report when reading ends; ``progress`` is called with what the
    child passed to its own progress callback."""

    def __init__(
        self,
        reader: Callable[..., Any],
        *args: Any,
        report: Any = None,
        progress: Callable[[int], None] | None = None,
        **kwargs: Any,
    ):
        self.reader = reader
        self.args = args
        self.kwargs = kwargs
        self.report = report
        self.progress = progress

    def batches(self, size: int) -> Iterator[SegmentBatch]:
        # fork: the child starts at once and inherits the imported modules; it touches
        # nothing of the parent's but its end of the pipe (no database is open yet in the
        # importing process, and the child never opens one).
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(
            target=_read,
            args=(sender, receiver, self.reader, self.args, self.kwargs, self.report, size),
            daemon=True,
            name="sajeon-reader",
        )
        child.start()
        sender.close()
        try:
            while True:
                try:
                    with phases.phase("wait for the reader"):
                        data = receiver.recv_bytes()
                    with phases.phase("receive (unpickle)"):
                        kind, payload, position = pickle.loads(data)
                    del data
                except EOFError:
                    raise RuntimeError(
                        f"the process reading the file stopped unexpectedly "
                        f"(exit code {child.exitcode})"
                    ) from None
                if position is not None and self.progress is not None:
                    self.progress(position)
                if kind == "batch":
                    yield payload
                elif kind == "done":
                    if self.report is not None and payload is not None:
                        vars(self.report).update(vars(payload))
                    return
                elif kind == "error":
                    raise InputError(payload)
                else:
                    raise RuntimeError(f"the process reading the file failed:\n{payload}")
        finally:
            receiver.close()
            child.join(timeout=5)
            if child.is_alive():  # the import stopped before the end of the file
                child.terminate()
                child.join()


def _read(sender, receiver, reader, args, kwargs, report, size) -> None:
    """The child: read, prepare and send batches; then the report, or the error."""
    receiver.close()
    position: list[int | None] = [None]
    outbox = _Outbox(sender)

    def send(kind: str, payload: Any) -> None:
        with phases.phase("send (pickle)"):
            data = pickle.dumps((kind, payload, position[0]), pickle.HIGHEST_PROTOCOL)
        with phases.phase("wait for the importer"):
            outbox.put(data)

    def progress(done: int) -> None:
        position[0] = done

    try:
        if report is not None:
            kwargs = {**kwargs, "report": report}
        items = reader(*args, progress=progress, **kwargs)
        for batch in segment_batches(items, size):
            send("batch", batch)
        send("done", report)
        outbox.close()
        phases.save("reader")
    except InputError as exc:
        _quietly(send, outbox, "error", str(exc))
    except (BrokenPipeError, KeyboardInterrupt):  # the importing process is gone, or ^C
        pass
    except BaseException:
        _quietly(send, outbox, "crash", traceback.format_exc())
    finally:
        with contextlib.suppress(OSError):
            outbox.close()
        sender.close()


#: Batches the reading process may have ready beyond the one the pipe is taking: it reads
#: on while the importing process is slow with one batch, and the importing process finds
#: the next one ready after a slow stretch of the file. Each is a few megabytes.
OUTBOX_BATCHES = 3


class _Outbox:
    """Sends pickled messages through the pipe from a thread of the reading process, so
    that reading goes on while a write waits for the importing process (the write
    releases the GIL). Messages go in order; once the pipe is broken, :meth:`put` raises
    BrokenPipeError, as a write would."""

    def __init__(self, sender) -> None:
        self.sender = sender
        self.queue: queue.Queue[bytes | None] = queue.Queue(OUTBOX_BATCHES)
        self.broken = False
        self.thread = threading.Thread(target=self._pump, name="sajeon-sender", daemon=True)
        self.thread.start()

    def _pump(self) -> None:
        while (data := self.queue.get()) is not None:
            if self.broken:
                continue  # drain, so that put() never waits on a dead pipe
            try:
                self.sender.send_bytes(data)
            except OSError:
                self.broken = True

    def put(self, data: bytes) -> None:
        while not self.broken:
            try:
                self.queue.put(data, timeout=0.1)
                return
            except queue.Full:
                continue
        raise BrokenPipeError("the importing process is gone")

    def close(self) -> None:
        """Wait until every message is written (or the pipe broke)."""
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()
        if self.broken:
            raise BrokenPipeError("the importing process is gone")


def _quietly(send: Callable[[str, Any], None], outbox: _Outbox, kind: str, payload: Any) -> None:
    with contextlib.suppress(OSError):  # BrokenPipeError among them
        send(kind, payload)
        outbox.close()
