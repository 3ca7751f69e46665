"""A sajeon project: the source files in ``glossary/`` and ``memory/`` and the database
built from them. Every change goes through here, so that files and database agree."""

from __future__ import annotations

import datetime as _dt
import hashlib
import itertools
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..core.glossary import Change, Glossary
from ..core.model import InputError, Segment
from ..core.phases import mark, phase
from .drift import GLOSSARY_TABLES, diff_dumps, memory_drift
from .sourcefiles import (
    FileChanges,
    fingerprint,
    format_glossary,
    format_memory,
    format_rows,
    memory_file_problem,
    memory_files,
    memory_header,
    memory_line,
    read_glossary,
    read_memory_file,
    read_rows,
)
from .store import (
    Documents,
    SegmentAppender,
    Store,
    id_order,
    index_words,
    segment_documents,
    segment_row,
)

DB_NAME = "sajeon.db"
NO_PROJECT = "no sajeon project here or above; use -C DIR or `sajeon init`"


def is_project(directory: Path) -> bool:
    """Whether ``directory`` is a sajeon project: it holds ``glossary/`` or ``memory/``
    (empty folders will do)."""
    return (directory / "glossary").is_dir() or (directory / "memory").is_dir()


def today() -> str:
    """Today's date for created/modified fields; $SAJEON_TODAY fixes it (reproducible imports)."""
    fixed = os.environ.get("SAJEON_TODAY")
    if fixed:
        from ..core.model import check_date

        return check_date(fixed, "SAJEON_TODAY") or fixed
    return _dt.date.today().isoformat()


@dataclass
class MemoryLoad:
    segments: list[Segment] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (where, first seen at)


@dataclass
class BuildReport:
    concepts: int
    terms: int
    segments: int
    duplicates: list[tuple[str, str]]


@dataclass
class SegmentsAdded:
    added: list[Segment]
    duplicates: list[Segment]
    path: Path


class Project:
    def __init__(self, root: Path | str, db_path: Path | str | None = None):
        self.root = Path(root).resolve()
        self.db_path = Path(db_path).resolve() if db_path else self.root / DB_NAME
        self.glossary_dir = self.root / "glossary"
        self.memory_dir = self.root / "memory"
        self.exports_dir = self.root / "exports"
        # set by discover() when no project was found at or above where it started
        self.searched = False

    @classmethod
    def discover(
        cls, start: Path | str | None = None, db_path: Path | str | None = None
    ) -> Project:
        """The nearest directory at or above ``start`` holding ``glossary/`` or ``memory/``
        (like git finds its repository); ``start`` itself when there is none, which
        :meth:`require` then refuses."""
        here = Path(start or os.getcwd()).resolve()
        for candidate in (here, *here.parents):
            if is_project(candidate):
                return cls(candidate, db_path)
        project = cls(here, db_path)
        project.searched = True
        return project

    def require(self) -> Project:
        """This project, or an :class:`InputError` when its directory holds neither
        ``glossary/`` nor ``memory/``: a command run in the wrong folder must not leave
        an empty glossary and database there."""
        if is_project(self.root):
            return self
        if self.searched:
            raise InputError(NO_PROJECT)
        raise InputError(
            f"no sajeon project in {self.root} (no glossary/ or memory/ folder); "
            "use -C DIR or `sajeon init`"
        )

    @classmethod
    def init(cls, root: Path | str, source_lang: str = "ko", target_lang: str = "en") -> Project:
        """Make a new, empty project in ``root`` (created if missing): ``glossary/`` with
        the header-only ``concepts.tsv`` and ``terms.tsv``, ``memory/SOURCE-TARGET.tsv``
        with its header (which gives the project its languages), and a ``.gitignore`` for
        the database when there is none. Refused where a project already is."""
        project = cls(root)
        if is_project(project.root):
            raise InputError(f"{project.root} is already a sajeon project")
        if project.root.exists() and not project.root.is_dir():
            raise InputError(f"{project.root}: not a directory")
        concepts_text, terms_text = format_glossary([])
        files = FileChanges()
        files.set(project.concepts_file, concepts_text)
        files.set(project.terms_file, terms_text)
        files.set(
            project.default_memory_file(source_lang, target_lang),
            format_rows(memory_header(source_lang, target_lang), []),
        )
        gitignore = project.root / ".gitignore"
        if not gitignore.exists():
            files.set(
                gitignore, f"# sajeon build makes it from glossary/ and memory/\n{DB_NAME}*\n"
            )
        files.commit()
        return project

    # ------------------------------------------------------------------ files

    @property
    def concepts_file(self) -> Path:
        return self.glossary_dir / "concepts.tsv"

    @property
    def terms_file(self) -> Path:
        return self.glossary_dir / "terms.tsv"

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def glossary_paths(self) -> list[Path]:
        return [self.concepts_file, self.terms_file]

    def memory_paths(self) -> list[Path]:
        return memory_files(self.memory_dir) if self.memory_dir.is_dir() else []

    def languages(self) -> list[str]:
        """The project's languages: those of the memory files' headers and of the glossary's
        terms, or ko and en for an empty project. Imported files' region tags fold into
        these (:class:`sajeon.core.langtags.Folding`). Read from the files' first columns only,
        so that a large memory costs nothing here; the files are checked elsewhere."""
        found: dict[str, None] = {}
        for path in self.memory_paths():
            with path.open(encoding="utf-8-sig", errors="replace") as fh:
                found.update(dict.fromkeys(fh.readline().split("\t")[:2]))
        if self.terms_file.exists():
            with self.terms_file.open(encoding="utf-8-sig", errors="replace") as fh:
                header = fh.readline().rstrip("\r\n").split("\t")
                column = header.index("lang") if "lang" in header else None
                for line in fh if column is not None else ():
                    cells = line.split("\t", column + 1)
                    if len(cells) > column:
                        found[cells[column]] = None
        langs = [lang.strip() for lang in found if lang.strip()]
        return langs or ["ko", "en"]

    def load_glossary(self) -> Glossary:
        present = [p.exists() for p in self.glossary_paths()]
        if not any(present):
            return Glossary()
        if not all(present):
            missing = next(
                p for p, ok in zip(self.glossary_paths(), present, strict=True) if not ok
            )
            raise InputError(
                f"{self.relative(missing)}: file not found "
                "(the glossary needs both concepts.tsv and terms.tsv)"
            )
        return Glossary(read_glossary(self.glossary_dir, self.root))

    def load_memory(self) -> MemoryLoad:
        load = MemoryLoad()
        seen: dict[str, str] = {}
        for path in self.memory_paths():
            for where, segment in read_memory_file(path, self.root):
                key = segment.key
                if key in seen:
                    load.duplicates.append((where, seen[key]))
                    continue
                seen[key] = where
                load.segments.append(segment)
        return load

    def fingerprints(self, paths: Iterable[Path]) -> dict[str, str]:
        return {self.relative(p): fingerprint(p) for p in paths if p.exists()}

    # ------------------------------------------------------------------ database

    @contextmanager
    def _writing(self, store: Store) -> Iterator[None]:
        """The database's write lock, and with it the clearing of what a killed import left
        in the project's root: every command that changes data takes the lock here."""
        with store.write():
            removed = remove_leftovers(self.root)
            if removed:
                print(
                    f"removed {len(removed)} file(s) left by an interrupted import: "
                    + ", ".join(removed),
                    file=sys.stderr,
                )
            yield

    def build(
        self, *, only_if_stale: bool = False, paths: Iterable[Path] | None = None
    ) -> BuildReport | None:
        """Compile the source files into the database (in place, in one transaction).

        With ``only_if_stale``, nothing is done (and None returned) when, once the write
        lock is held, the database turns out to be current for ``paths`` (all source files
        when None): another process may have finished the same build, or a change, while
        this one waited for the lock.
        """
        with Store(self.db_path) as store:
            store.enable_wal()
            with self._writing(store):
                # The files are read under the write lock: read before it, they could miss
                # a change another process commits in the meantime, and the rebuild would
                # then lose that change.
                if only_if_stale and store.is_current() and not self.stale_files(store, paths):
                    return None
                glossary = self.load_glossary()
                memory = self.load_memory()
                prints = self.fingerprints([*self.glossary_paths(), *self.memory_paths()])
                store.replace_content(glossary, memory.segments, prints)
        return BuildReport(
            concepts=len(glossary),
            terms=sum(len(c.terms) for c in glossary),
            segments=len(memory.segments),
            duplicates=memory.duplicates,
        )

    def stale_files(self, store: Store, paths: Iterable[Path] | None = None) -> list[str]:
        """Source files whose content differs from what the database was built from."""
        recorded = store.fingerprints()
        if paths is None:
            paths = [*self.glossary_paths(), *self.memory_paths()]
            names = set(recorded)
        else:
            paths = list(paths)
            names = {self.relative(p) for p in paths} & set(recorded)
        current = self.fingerprints(paths)
        return sorted(n for n in names | set(current) if recorded.get(n) != current.get(n))

    def open_store(self, paths: Iterable[Path] | None = None, *, quiet: bool = False) -> Store:
        """The database, built first if it is missing, from an older sajeon, or stale with
        respect to ``paths`` (all source files when None)."""
        paths = None if paths is None else list(paths)
        if self.db_path.exists():
            store = Store(self.db_path)
            if store.is_current():
                stale = self.stale_files(store, paths)
                if not stale:
                    return store
                reason = f"{', '.join(stale[:3])}{' …' if len(stale) > 3 else ''} changed"
            else:
                reason = "it was made by another version of sajeon"
            store.close()
        else:
            reason = "it does not exist yet"
        if not quiet:
            print(f"building {self.relative(self.db_path)} ({reason})", file=sys.stderr)
        self.build(only_if_stale=True, paths=paths)
        return Store(self.db_path)

    def check(self, progress: Callable[[int, int], None] | None = None) -> list[str]:
        """Differences between the database and what the source files would build. The
        glossary is built in memory and compared in full; the memory is streamed and
        compared by hashes, row by row only where they differ (:mod:`.drift`).
        ``progress(done, total)`` is called as a large memory is read."""
        if not self.db_path.exists():
            return [f"{self.relative(self.db_path)} does not exist: run 'sajeon build'"]
        glossary = self.load_glossary()
        paths = self.memory_paths()
        with Store(self.db_path) as actual, Store(":memory:") as expected:
            if not actual.is_current():
                return [f"{self.relative(self.db_path)} was made by another version of sajeon"]
            expected.rebuild(glossary, [], {})
            lines = diff_dumps(expected.dump(GLOSSARY_TABLES), actual.dump(GLOSSARY_TABLES))
            return lines + memory_drift(actual, paths, self.root, progress)

    # ------------------------------------------------------------------ changes

    def change_glossary(self, operation: Callable[[Glossary], Change]) -> Change:
        """Apply ``operation`` to the glossary; write the files and the database together.

        Nothing is written when the operation raises. If writing the files fails, the
        database transaction is rolled back; if the database commit fails, the files get
        their old content back.
        """
        store = self.open_store(self.glossary_paths())
        files = FileChanges()
        try:
            # The write lock is taken before the files are read, so two changes made at
            # the same time queue up instead of one overwriting the other.
            with self._writing(store):
                glossary = self.load_glossary()
                change = operation(glossary)
                concepts_text, terms_text = format_glossary(glossary)
                files.set(self.concepts_file, concepts_text)
                files.set(self.terms_file, terms_text)
                for concept_id in sorted(change.deleted):
                    store.delete_concept(concept_id)
                for concept_id in sorted(change.changed):
                    store.put_concept(glossary.get(concept_id))
                store.set_fingerprints(
                    {
                        self.relative(self.concepts_file): _sha(concepts_text),
                        self.relative(self.terms_file): _sha(terms_text),
                    }
                )
                files.commit()
            return change
        except BaseException:
            files.rollback()
            raise
        finally:
            store.close()

    def default_memory_file(self, source_lang: str, target_lang: str) -> Path:
        return self.memory_dir / f"{source_lang}-{target_lang}.tsv"

    def memory_file(self, path: Path | str) -> Path:
        """``path`` (relative to the project's root unless absolute) as a memory file that
        the build reads, or an :class:`InputError`: rows written anywhere else would be in
        the database but not in the build, and the next build would drop them."""
        given = Path(path)
        full = given if given.is_absolute() else self.root / given
        problem = memory_file_problem(full, self.memory_dir)
        if problem:
            raise InputError(f"{given}: {problem}")
        return full

    def add_segments(self, segments: Iterable[Segment], path: Path | None = None) -> SegmentsAdded:
        """Add segment pairs to a memory file and the database; identical pairs already
        stored (or repeated in ``segments``) are skipped and reported."""
        cleaned = [s.cleaned() for s in segments]
        if not cleaned:
            raise InputError("no segments to add")
        pairs = {(s.source_lang, s.target_lang) for s in cleaned}
        if len(pairs) > 1:
            raise InputError("segments of several language pairs: add them one pair at a time")
        source_lang, target_lang = pairs.pop()
        path = self.memory_file(path or self.default_memory_file(source_lang, target_lang))
        if path.exists():
            header, _ = read_rows(path, None, self.relative(path))
            if header[:2] != [source_lang, target_lang]:
                raise InputError(
                    f"{self.relative(path)} holds {header[0]}→{header[1]} segments, "
                    f"not {source_lang}→{target_lang}"
                )
        store = self.open_store([*self.memory_paths(), path])
        files = FileChanges()
        try:
            with self._writing(store):
                keys = store.segment_keys(s.key for s in cleaned)
                added: list[Segment] = []
                duplicates: list[Segment] = []
                for segment in cleaned:
                    if segment.key in keys:
                        duplicates.append(segment)
                    else:
                        keys.add(segment.key)
                        added.append(segment)
                if added:
                    if path.exists():
                        files.append(path, "".join(memory_line(s) for s in added))
                    else:
                        files.set(path, format_memory(added))
                    store.add_segments(added)
                    files.commit()
                    store.set_fingerprints({self.relative(path): fingerprint(path)})
            return SegmentsAdded(added, duplicates, path)
        except BaseException:
            files.rollback()
            raise
        finally:
            store.close()

    # ------------------------------------------------------------------ issue 4: streamed import

    def import_segments(
        self,
        segments: Iterable[tuple[str, Segment]] | BatchSource,
        *,
        path: Path | None = None,
        dry_run: bool = False,
        batch_size: int = 5000,
        progress: Callable[[int], None] | None = None,
    ) -> SegmentImport:
        """Add ``(where, segment)`` pairs from an exchange file to the memory, streamed.

        Memory stays flat however large the file: segments are checked against the stored
        keys and inserted in batches, inside ONE write transaction, while the memory file's
        new content is written to a temporary file. Only when the whole file has been read
        is the temporary file moved into place and the transaction committed; any error (or
        a kill) before that leaves the database and the memory files as they were.

        ``segments`` may also be a :class:`BatchSource` that reads and prepares the
        batches elsewhere (:class:`sajeon.storage.background.BackgroundReader`, another process).
        """
        if isinstance(segments, BatchSource):
            batches = segments.batches(batch_size)
        else:
            batches = segment_batches(segments, batch_size)
        try:
            first = next(batches, None)
            if first is None:
                raise InputError("no segment pairs to import")
            pair = first.rows[0][1:3]
            path = self.memory_file(path or self.default_memory_file(*pair))
            if path.exists():
                with path.open("r", encoding="utf-8-sig", newline="") as fh:
                    header = fh.readline().rstrip("\r\n").split("\t")
                if tuple(header[:2]) != pair:
                    raise InputError(
                        f"{self.relative(path)} holds {'→'.join(header[:2])} segments, "
                        f"not {pair[0]}→{pair[1]}"
                    )
            return self._import_batches(
                itertools.chain([first], batches), pair, path, dry_run, progress
            )
        finally:
            close = getattr(batches, "close", None)
            if close is not None:
                close()

    def _import_batches(
        self,
        batches: Iterable[SegmentBatch],
        pair: tuple[str, str],
        path: Path,
        dry_run: bool,
        progress: Callable[[int], None] | None,
    ) -> SegmentImport:
        result = SegmentImport(path=path, source_lang=pair[0], target_lang=pair[1])
        store = self.open_store([*self.memory_paths(), path])
        staged = _StagedFile(path, self.root)
        appender = None
        try:
            with self._writing(store):
                staged.start(memory_header(*pair))
                # (under the kill test's pause hook, a small cache makes the open transaction
                # spill into the WAL early, as a very large import does)
                store.use_large_cache(1 if os.environ.get("SAJEON_TEST_PAUSE_AFTER") else 64)
                appender = store.segment_appender(self.root)
                for batch in batches:
                    self._import_batch(store, appender, staged, batch, result)
                    if progress:
                        progress(result.read)
                if dry_run or not result.added:
                    raise _Rollback()
                appender.finish()
                with phase("memory file"):
                    digest = staged.finish()
                    store.set_fingerprints({self.relative(path): digest})
                    staged.replace()
            staged.done()
            return result
        except _Rollback:
            staged.discard()
            return result
        except BaseException:
            staged.undo()
            raise
        finally:
            if appender is not None:
                appender.close()
            store.close()

    def _import_batch(
        self,
        store: Store,
        appender: SegmentAppender,
        staged: _StagedFile,
        batch: SegmentBatch,
        result: SegmentImport,
    ) -> None:
        keys = [row[0] for row in batch.rows]
        with phase("unique-key checks"):
            fresh = appender.fresh(keys)
        result.read += len(keys)
        if len(fresh) == len(keys):
            appender.add(batch.rows, batch.docs, order=batch.order, words=batch.words)
            with phase("memory file"):
                staged.write_bytes(batch.text)
        else:
            chosen = set(fresh)
            for i in range(len(keys)):
                if i not in chosen:
                    result.duplicates += 1
                    if len(result.duplicate_examples) < 10:
                        result.duplicate_examples.append(Segment(*batch.rows[i][1:]))
            if fresh:
                # The batch's words are those of all its rows: the fresh ones' are made
                # again, so that no word of a skipped row is added.
                order = [i for i in batch.order if i in chosen]
                appender.add(batch.rows, batch.docs, order=order)
                with phase("memory file"):
                    staged.write_bytes(batch.lines(fresh))
        result.added += len(fresh)
        _test_pause(result.read)


@dataclass
class SegmentBatch:
    """Segments read from a file, with what storing them needs, prepared together (in
    another process, for a large file: :mod:`sajeon.storage.background`)."""

    rows: list[tuple]  # each segment as sajeon.storage.store.segment_row
    docs: Documents  # their search documents
    text: bytes  # their lines of a memory file, UTF-8
    line_ends: np.ndarray  # where each line ends in text
    order: list[int]  # the positions of the rows in the order they get ids (store.id_order)
    words: tuple[set[str], set[str]]  # their English index words (store.index_words)

    @classmethod
    def prepare(cls, items: list[tuple[str, Segment]]) -> SegmentBatch:
        # All the per-row work that needs no database happens here, in the reading
        # process when there is one, so that the importing process only writes.
        with phase("batch: rows and file lines"):
            rows, data, line_ends = cls._rows_and_lines(items)
            order = id_order(rows)
        with phase("search documents: make"):
            docs = segment_documents(rows)
        with phase("English words"):
            words = index_words(docs[2])
        return cls(rows, docs, data, line_ends, order, words)

    @staticmethod
    def _rows_and_lines(items: list[tuple[str, Segment]]) -> tuple[list[tuple], bytes, np.ndarray]:
        rows = [segment_row(segment) for _, segment in items]
        # The memory-file lines, all at once when no value needs escaping (the usual
        # case: no tab, line break or backslash anywhere), else one by one.
        text = "\n".join(["\t".join([v or "" for v in row[3:]]) for row in rows]) + "\n"
        plain = text.count("\t") == 5 * len(rows) and text.count("\n") == len(rows)
        if not plain or "\\" in text or "\r" in text:
            text = "".join(memory_line(segment) for _, segment in items)
        data = text.encode("utf-8")
        line_ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10) + 1
        return rows, data, line_ends

    def lines(self, chosen: list[int]) -> bytes:
        """The memory-file lines of the segments at these positions."""
        starts = np.concatenate(([0], self.line_ends[:-1])).tolist()
        ends = self.line_ends.tolist()
        return b"".join(self.text[starts[i] : ends[i]] for i in chosen)


class BatchSource:
    """Something that reads segments and hands them over as prepared batches."""

    def batches(self, size: int) -> Iterator[SegmentBatch]:
        raise NotImplementedError


def segment_batches(items: Iterable[tuple[str, Segment]], size: int) -> Iterator[SegmentBatch]:
    """``(where, segment)`` pairs in prepared batches of ``size``, the first of one pair
    (so that a wrong memory file is reported before more of the file is read). Every
    segment must be of the first one's language pair."""
    stream = iter(items)
    first = next(stream, None)
    if first is None:
        return
    pair = (first[1].source_lang, first[1].target_lang)
    yield SegmentBatch.prepare([first])
    batch: list[tuple[str, Segment]] = []
    # The reading and checking of a batch's segments, timed as a whole (not per segment).
    began = time.perf_counter()
    for where, segment in stream:
        if (segment.source_lang, segment.target_lang) != pair:
            raise InputError(
                f"{where}: a {segment.source_lang}→{segment.target_lang} pair in a "
                f"file of {pair[0]}→{pair[1]} pairs; import one pair at a time"
            )
        batch.append((where, segment))
        if len(batch) >= size:
            mark("read and check", began)
            yield SegmentBatch.prepare(batch)
            batch = []
            began = time.perf_counter()
    mark("read and check", began)
    if batch:
        yield SegmentBatch.prepare(batch)


@dataclass
class SegmentImport:
    """What a streamed memory import did."""

    path: Path
    source_lang: str
    target_lang: str
    read: int = 0
    added: int = 0
    duplicates: int = 0
    duplicate_examples: list[Segment] = field(default_factory=list)


class _Rollback(Exception):
    """Leaves the import transaction without committing (dry run, nothing new)."""


def _test_pause(done: int) -> None:
    """TEST-ONLY hook: with SAJEON_TEST_PAUSE_AFTER=N set, stop for a minute once N segments
    have been staged, so a test can kill the import half-way and check nothing changed."""
    after = os.environ.get("SAJEON_TEST_PAUSE_AFTER")
    if after and done >= int(after):
        print("SAJEON_TEST_PAUSED", file=sys.stderr, flush=True)
        time.sleep(60)


class _StagedFile:
    """A memory file's new content, written beside the project while an import streams.

    The old file (if any) is copied in first and new lines appended; on success the staged
    file replaces the old one, which is kept as a hard link until the database commits.
    """

    def __init__(self, path: Path, root: Path):
        self.path = path
        self.root = root
        self.tmp: Path | None = None
        self.backup: Path | None = None
        self.fh = None
        self.digest = hashlib.sha256()
        self.ends_with_newline = True

    def start(self, header: tuple[str, ...]) -> None:
        # The process id in the name tells a later command whether the import that left
        # the file is still running (see remove_leftovers).
        fd, name = tempfile.mkstemp(
            prefix=f"{LEFTOVER_PREFIX}{os.getpid()}-", suffix=".tmp", dir=self.root
        )
        self.tmp = Path(name)
        self.fh = os.fdopen(fd, "wb")
        if self.path.exists():
            with self.path.open("rb") as old:
                for block in iter(lambda: old.read(1 << 20), b""):
                    self._put(block)
            if not self.ends_with_newline:
                self._put(b"\n")
        else:
            self._put(("\t".join(header) + "\n").encode("utf-8"))

    def _put(self, data: bytes) -> None:
        self.fh.write(data)
        self.digest.update(data)
        if data:
            self.ends_with_newline = data.endswith(b"\n")

    def write(self, text: str) -> None:
        self._put(text.encode("utf-8"))

    def write_bytes(self, data: bytes) -> None:
        self._put(data)

    def finish(self) -> str:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        self.fh = None
        return self.digest.hexdigest()

    def replace(self) -> None:
        """Move the staged file into place, keeping the old one until :meth:`done`."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            mode = self.path.stat().st_mode & 0o777
            self.backup = self.tmp.with_suffix(".old")
            os.link(self.path, self.backup)
        else:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.chmod(self.tmp, mode)
        os.replace(self.tmp, self.path)
        self.replaced = True

    def done(self) -> None:
        if self.backup is not None:
            self.backup.unlink(missing_ok=True)

    def discard(self) -> None:
        if self.fh is not None:
            self.fh.close()
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)

    def undo(self) -> None:
        """Put the old memory file back (after a failed commit) and drop the staged file."""
        self.discard()
        if getattr(self, "replaced", False):
            if self.backup is not None:
                os.replace(self.backup, self.path)
            else:
                self.path.unlink(missing_ok=True)


LEFTOVER_PREFIX = ".sajeon-import-"
_LEFTOVER = re.compile(re.escape(LEFTOVER_PREFIX) + r"(?:(\d+)-)?.*\.(?:tmp|old)")


def remove_leftovers(root: Path) -> list[str]:
    """Remove the staged files (``.tmp``) and backups (``.old``) of imports that were
    killed, and return their names. Called with the write lock held, so no import can be
    staging now; but an import that has just committed drops its ``.old`` only after
    releasing the lock, so the files of a process that is still alive are kept."""
    removed = []
    for path in sorted(root.glob(LEFTOVER_PREFIX + "*")):
        match = _LEFTOVER.fullmatch(path.name)
        if not match or not path.is_file():
            continue
        if match.group(1) and _alive(int(match.group(1))):
            continue
        path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed


def _alive(pid: int) -> bool:
    """Whether process ``pid`` is running (a zombie, killed but not yet reaped, is not);
    this process counts as alive, as its own imports clean up after themselves."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process (or no such id: keep the file, to be safe)
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
