"""``sajeon build --check`` for a memory of any size (issue 16): streamed, in bounded memory.

The database's segments and the rows the memory files would build are each reduced to two
arrays, the 64-bit key of every segment and a hash of its row, and compared key by key;
only the rows whose hashes differ (or that one side lacks) are then read in full, from
both sides, and compared value by value, in the words the check has always used
(:func:`diff_table`). Both sides hash the same text, a row's values joined by \\x1f
(:meth:`Store.segment_digest_rows`, made by SQLite): a memory file's line is that text,
tabs swapped, when its values are as the build would store them (the usual case, checked
cheaply per line); any other line goes the build's own way
(:func:`sourcefiles.memory_row_segment`). Memory is about 50 bytes a segment plus one
batch of lines, not the whole memory twice with its indexes as before; the glossary,
small, is still built in memory and compared in full.
"""

from __future__ import annotations

import bisect
import hashlib
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from ..core.langtags import normalise_lang
from ..core.model import MAX_SEGMENT, InputError, Segment, check_date
from ..core.text import FILLERS
from .sourcefiles import SEGMENT_COLUMNS, memory_row_segment, read_memory_file, row_of_cells
from .store import DATA_TABLES, Store, segment_row

# How a table's rows are named in a message: the first ``width`` values are its natural key.
KEY_WIDTH = {"concepts": 1, "sources": 2, "terms": 3, "segments": 1}
GLOSSARY_TABLES = ("concepts", "sources", "terms")
# A memory this large (segments in the database) shows its progress.
LARGE = 100_000
# Lines read from a memory file at a time (about 4 MB): the batch held in memory.
READ_HINT = 4 << 20

Progress = Callable[[int, int], None]


def diff_table(table: str, expected: list[tuple], actual: list[tuple]) -> list[str]:
    """Human-readable differences in one table, keyed the way a translator would name the
    rows: those only in the files, then those only in the database, then those that differ,
    each group in key order."""
    width = KEY_WIDTH[table]
    want = {row[:width]: row for row in expected}
    have = {row[:width]: row for row in actual}
    lines: list[str] = []
    for key in sorted(want.keys() - have.keys(), key=str):
        lines.append(f"{table}: {_key(key)} is in the files but not in the database")
    for key in sorted(have.keys() - want.keys(), key=str):
        lines.append(f"{table}: {_key(key)} is in the database but not in the files")
    for key in sorted(want.keys() & have.keys(), key=str):
        if want[key] != have[key]:
            lines.append(
                f"{table}: {_key(key)} differs: files {want[key][width:]} "
                f"vs database {have[key][width:]}"
            )
    return lines


def diff_dumps(expected: dict[str, list[tuple]], actual: dict[str, list[tuple]]) -> list[str]:
    """:func:`diff_table` over every data table the two dumps hold."""
    return [
        line
        for table in DATA_TABLES
        if table in expected
        for line in diff_table(table, expected[table], actual[table])
    ]


def _key(key: tuple) -> str:
    return "/".join(str(k) for k in key)


# ------------------------------------------------------------------------ the hashed rows


class Hashed:
    """One side's segments: 64-bit keys, row hashes and (files side) where each row is, as
    file number << 32 | line number, gathered a batch at a time into arrays (a Python int
    per value would cost five times as much). Python's own string hash is used: both sides
    are hashed in this one process, and it costs a fraction of a cryptographic one."""

    def __init__(self) -> None:
        self._keys: list[np.ndarray] = []
        self._hashes: list[np.ndarray] = []
        self._where: list[np.ndarray] = []
        self.readers: list[_FileReader] = []  # files side: where its batches began

    def add(self, keys: list[int], hashes: list[int], where: list[int] | None = None) -> None:
        self._keys.append(np.array(keys, dtype=np.uint64))
        self._hashes.append(np.array(hashes, dtype=np.int64))
        if where is not None:
            self._where.append(np.array(where, dtype=np.int64))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Keys, hashes and where each row is, sorted by key, each key once (its first row:
        the build keeps the first of identical pairs)."""
        keys = np.concatenate([np.zeros(0, np.uint64), *self._keys])
        hashes = np.concatenate([np.zeros(0, np.int64), *self._hashes])
        where = np.concatenate([np.zeros(0, np.int64), *self._where])
        keys, first = np.unique(keys, return_index=True)
        return keys, hashes[first], where[first] if len(where) else where


def database_side(store: Store, progress: Callable[[int], None]) -> Hashed:
    """The database's segments hashed (those whose key a build can make; the others are
    compared in full instead, :meth:`Store.odd_segment_keys`)."""
    side = Hashed()
    done = 0
    for rows in store.segment_digest_rows():
        side.add([int(key, 16) for key, _ in rows], [hash(text) for _, text in rows])
        done += len(rows)
        progress(done)
    return side


def files_side(paths: list[Path], root: Path, progress: Callable[[int], None]) -> Hashed:
    """The rows the memory files would build, hashed, one batch of lines at a time."""
    side = Hashed()
    finished = 0  # the bytes of the files read to the end
    for number, path in enumerate(paths):
        for read in _hash_file(path, root, number, side):
            progress(finished + read)
        finished += path.stat().st_size
        progress(finished)
    return side


def _hash_file(path: Path, root: Path, number: int, side: Hashed) -> Iterator[int]:
    """Hash one memory file's rows into ``side``, yielding the bytes read so far. On
    any problem (not UTF-8, a wrong header or field count, a value the build refuses) the
    file is read the build's way, which raises the build's error for its first problem."""
    reader = _FileReader(path, root)
    side.readers.append(reader)
    try:
        read = 0
        for size, batch, plain in reader.batches():
            side.add(*reader.hash_batch(batch, plain, number))
            read += size
            yield read
    except (_Refused, InputError):
        for _ in read_memory_file(path, root):
            pass
        raise InputError(f"{reader.label}: not a memory file the build can read") from None


class _Refused(Exception):
    """The file is not as the build reads it: let the build's reader say why."""


class _FileReader:
    def __init__(self, path: Path, root: Path):
        self.path, self.root = path, root
        try:
            self.label = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            self.label = path.as_posix()
        self.header: list[str] = []
        self.langs: tuple[str, str] | None = None
        self.starts: list[tuple[int, int]] = []  # (first line number, byte offset) per batch

    def batches(
        self, start: tuple[int, int] | None = None
    ) -> Iterator[tuple[int, list[tuple[int, str]], bool]]:
        """(bytes read, [(line number, line)], plain) for the lines after the header (or
        from ``start``, a byte offset and the line number before it), a few MB at a time;
        lines split at LF only and a CR at their end dropped, as
        :func:`sourcefiles.read_rows` does. ``plain``: see :func:`_plain`. Where each batch
        began is noted in :attr:`starts`."""
        number = 1
        with self.path.open("rb") as fh:
            first = fh.readline()
            self._read_header(first)
            if start is not None:
                fh.seek(start[0])
                number = start[1]
            while True:
                offset = fh.tell()
                chunk = fh.readlines(READ_HINT)
                if not chunk:
                    return
                self.starts.append((number + 1, offset))
                try:
                    text = b"".join(chunk).decode("utf-8")
                except UnicodeDecodeError:
                    raise _Refused() from None
                lines = text.split("\n")
                if lines[-1] == "":
                    lines.pop()
                batch = [(number + i, line.rstrip("\r")) for i, line in enumerate(lines, 1)]
                number += len(lines)
                yield sum(map(len, chunk)), batch, _plain(text)

    def _read_header(self, first: bytes) -> None:
        try:
            header = first.decode("utf-8-sig").rstrip("\n").rstrip("\r").split("\t")
        except UnicodeDecodeError:
            raise _Refused() from None
        if len(header) != 2 + len(SEGMENT_COLUMNS) or tuple(header[2:]) != SEGMENT_COLUMNS:
            raise _Refused()
        self.header = header
        try:
            self.langs = (normalise_lang(header[0]), normalise_lang(header[1]))
        except InputError:
            self.langs = None  # every row then goes the build's way, which says why

    def hash_batch(
        self, batch: list[tuple[int, str]], plain: bool, file_number: int
    ) -> tuple[list[int], list[int], list[int]]:
        """Keys, row hashes and places of a batch's rows (blank lines skipped, as the
        build skips them)."""
        as_stored = _as_stored_plain if plain else _as_stored
        keys: list[int] = []
        hashes: list[int] = []
        where: list[int] = []
        fields = len(self.header)
        langs = self.langs
        prefix = "\x1f".join(langs) + "\x1f" if langs else ""
        for line_number, line in batch:
            if not line.strip():
                continue
            cells = line.split("\t")
            if len(cells) != fields:
                raise _Refused()
            if langs and as_stored(line, cells):
                keys.append(_key64(*langs, cells[0], cells[1]))
                hashes.append(hash(prefix + line.replace("\t", "\x1f")))
            else:
                segment = self.segment(line_number, cells)
                keys.append(int(segment.key, 16))
                hashes.append(hash(row_text(segment)))
            where.append(file_number << 32 | line_number)
        return keys, hashes, where

    def segment(self, line_number: int, cells: list[str]) -> Segment:
        """The build's segment of this line (or its error, naming the line)."""
        where = f"{self.label}:{line_number}"
        return memory_row_segment(self.header, row_of_cells(self.header, cells, where))


def row_text(segment: Segment) -> str:
    """What :meth:`Store.segment_digest_rows` gives for this segment's row."""
    return "\x1f".join(value or "" for value in segment_row(segment)[1:])


def _key64(source_lang: str, target_lang: str, source: str, target: str) -> int:
    """:func:`sajeon.core.model.segment_key` as the number its 16 hex digits write."""
    data = "\x1f".join((source_lang, target_lang, source, target)).encode("utf-8")
    return int.from_bytes(hashlib.sha256(data).digest()[:8], "big")


def _plain(text: str) -> bool:
    """Whether a batch of lines is NFC and holds only printable characters (but for the
    tabs and line ends between values) and no fillers: then each line needs only the
    checks of :func:`_as_stored_plain`."""
    if FILLERS.search(text) or not unicodedata.is_normalized("NFC", text):
        return False
    return text.replace("\t", "").replace("\n", "").isprintable()


def _as_stored_plain(line: str, cells: list[str]) -> bool:
    """:func:`_as_stored` for a line of a :func:`_plain` batch."""
    source, target, origin, date, translator, _ = cells
    if not source or not target or len(source) > MAX_SEGMENT or len(target) > MAX_SEGMENT:
        return False
    if "\\" in line or line[0] == " " or line[-1] == " " or " \t" in line or "\t " in line:
        return False
    if "  " in origin or "  " in translator:
        return False
    return _date_as_written(date)


def _date_as_written(date: str) -> bool:
    if not date:
        return True
    try:
        return check_date(date, "date") == date
    except InputError:
        return False


def _as_stored(line: str, cells: list[str]) -> bool:
    """Whether the build stores this line's values exactly as written (so that the line is
    its own row's text): no escapes, NFC, printable, no fillers, nothing to trim or
    collapse, a date as written, texts within the length limit. Conservative: a line that
    fails goes the build's way, which gives the same row or the build's error."""
    if "\\" in line or not unicodedata.is_normalized("NFC", line) or FILLERS.search(line):
        return False
    source, target, origin, date, translator, note = cells
    for text in (source, target):
        if not text or len(text) > MAX_SEGMENT or not _trimmed(text):
            return False
    for value in (origin, translator):
        if value and (not _trimmed(value) or "  " in value):
            return False
    if note and not _trimmed(note):
        return False
    return _date_as_written(date)


def _trimmed(value: str) -> bool:
    return value.isprintable() and value[0] != " " and value[-1] != " "


# ------------------------------------------------------------------------ the check


def memory_drift(
    store: Store, paths: list[Path], root: Path, progress: Progress | None = None
) -> list[str]:
    """The segments' differences between the database ``store`` and the memory files
    ``paths``. ``progress(done, total)`` is called as a large memory is read: the
    database's rows, then the files' bytes counted as as many rows again. (Reading the
    database in a second thread was tried: no faster, as hashing holds the GIL.)"""
    rows = store.segment_count()
    size = sum(path.stat().st_size for path in paths)
    if progress is None or rows < LARGE:
        progress = _no_progress
    actual = database_side(store, lambda done: progress(done, 2 * rows))
    expected = files_side(
        paths, root, lambda done: progress(rows + rows * done // max(size, 1), 2 * rows)
    )
    want_keys, want_hashes, want_where = expected.arrays()
    have_keys, have_hashes, _ = actual.arrays()
    only_files = np.setdiff1d(want_keys, have_keys, assume_unique=True)
    only_db = np.setdiff1d(have_keys, want_keys, assume_unique=True)
    both, in_want, in_have = np.intersect1d(
        want_keys, have_keys, assume_unique=True, return_indices=True
    )
    changed = both[want_hashes[in_want] != have_hashes[in_have]]
    keys = np.concatenate([only_files, only_db, changed])
    odd = store.odd_segment_keys()
    if not len(keys) and not odd:
        return []
    # Only these rows are read in full, from both sides.
    places = want_where[np.isin(want_keys, keys)]
    have = store.segment_rows([*(f"{int(k):016x}" for k in keys), *odd])
    return diff_table("segments", _expected_rows(expected.readers, places), have)


def _expected_rows(readers: list[_FileReader], places: np.ndarray) -> list[tuple]:
    """The build's rows of the lines at ``places`` (file number << 32 | line number), read
    again from their files: only the batches that hold them."""
    wanted: dict[tuple[int, int], set[int]] = {}
    for place in places.tolist():
        number, line_number = place >> 32, place & 0xFFFFFFFF
        starts = readers[number].starts
        batch = bisect.bisect_right(starts, (line_number, 1 << 62)) - 1
        wanted.setdefault((number, batch), set()).add(line_number)
    found: list[tuple] = []
    for (number, batch), lines in sorted(wanted.items()):
        first, offset = readers[number].starts[batch]
        reader = _FileReader(readers[number].path, readers[number].root)
        _, rows, _ = next(reader.batches((offset, first - 1)))
        for line_number, line in rows:
            if line_number in lines:
                found.append(segment_row(reader.segment(line_number, line.split("\t"))))
    return found


def _no_progress(done: int, total: int) -> None:
    pass
