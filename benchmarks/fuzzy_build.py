"""The fuzzy index's build alone, this tree's code against a baseline commit's, in one run.

    python benchmarks/fuzzy_build.py                           # 100,000 and 1,000,000 segments
    python benchmarks/fuzzy_build.py --sizes 100000 --repeat 3 # while developing

For each size a memory of generated Korean–English pairs (benchmarks/corpus.py, as
benchmarks/fuzzy_lookup.py makes it) is stored once under benchmarks/out/; then each code
(the baseline's files unpacked by benchmarks/release.py's ``baseline_tree``, and this
tree's) runs in its own process, alternately, on the same database:

* ``rebuild``: ``Store.rebuild_tm_index`` (``sajeon build``): read every source, build the
  index, write it, commit;
* ``bulk``: the path of a large import: the sources fed in batches of 5,000 to
  ``tm_bulk.TokenPairs`` (as ``SegmentAppender.add`` does), then ``built_index`` and the
  write, commit (reading the sources included);
* ``delta``: the path of small additions to a large memory: 1,000 new segments through
  ``Store.add_segments`` (a ``segment add`` at a time: 100 calls of 10) and 20,000 through a
  ``SegmentAppender`` (a small import: the index's part of it timed too), then 30 lookups
  (top 10, 75%) of edited copies of the added sentences, rolled back afterwards.

Every variant leaves a digest: of the fuzzy index's tables for ``rebuild`` and ``bulk``,
of the lookups' answers (ids and scores) for ``delta``, where the code may hold the added
segments in tm_delta or packed. The codes must agree. The
process's peak memory (VmHWM) is printed beside the time.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
VARIANTS = ("rebuild", "bulk", "delta")
BASELINE = "3434d62575a04f5e268bc85c90d145527a2d1512"


def database(size: int) -> Path:
    """The generated memory of ``size`` pairs, built once."""
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import pairs
    from sajeon.core.model import Segment
    from sajeon.storage.store import Store

    path = OUT / f"fuzzy-build-{size}.db"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    segments: dict[str, Segment] = {}
    for ko, en in pairs(size, seed=size):
        segment = Segment("ko", "en", ko, en, origin="generated", date="2025-01-01")
        segments.setdefault(segment.key, segment)
    making = path.with_suffix(".making")  # a run stopped half-way leaves no database
    for suffix in ("", "-wal", "-shm"):
        Path(f"{making}{suffix}").unlink(missing_ok=True)
    with Store(making) as store:
        store.rebuild([], list(segments.values()), {})
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    making.rename(path)
    return path


def digest(store) -> str:
    """A hash of the fuzzy index's tables, in a fixed order."""
    h = hashlib.sha256()
    for table in ("tm_postings", "tm_delta", "tm_lengths", "tm_meta"):
        for row in store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
            h.update(repr(row).encode())
    return h.hexdigest()[:16]


def child(path: Path, variant: str) -> dict:
    """One variant, run by this tree's or the baseline's code (whichever is on sys.path)."""
    from sajeon.core.model import Segment
    from sajeon.engine import tm
    from sajeon.storage import tm_bulk
    from sajeon.storage.store import SegmentAppender, Store, segment_row

    store = Store(path)
    result: dict = {}
    if variant == "rebuild":
        started = time.perf_counter()
        with store.write():
            store.rebuild_tm_index()
        result["seconds"] = time.perf_counter() - started
    elif variant == "bulk":
        started = time.perf_counter()
        with store.write():
            pairs = tm_bulk.TokenPairs(OUT)
            cursor = store.conn.execute("SELECT id, source FROM segments ORDER BY id")
            while chunk := cursor.fetchmany(5000):
                pairs.add([i for i, _ in chunk], [s for _, s in chunk])
            store._write_tm_index(pairs.built_index())
            pairs.close()
        result["seconds"] = time.perf_counter() - started
    else:
        sources = [s for (s,) in store.conn.execute("SELECT source FROM segments LIMIT 21000")]
        added = [
            Segment("ko", "en", f"{s} 추가 {i}", f"added {i}", date="2026-01-01")
            for i, s in enumerate(sources)
        ]
        store.conn.execute("BEGIN IMMEDIATE")
        started = time.perf_counter()
        for start in range(0, 1000, 10):
            store.add_segments(added[start : start + 10])
        result["add_seconds"] = time.perf_counter() - started
        started = time.perf_counter()
        appender = SegmentAppender(store, OUT)
        rows = [segment_row(s) for s in added[1000:21000]]
        for start in range(0, len(rows), 5000):
            appender.add(rows[start : start + 5000])
        finishing = time.perf_counter()
        appender.finish()
        result["import_seconds"] = time.perf_counter() - started
        result["finish_seconds"] = time.perf_counter() - finishing
        result["peak_mb"] = peak_mb()
        # How the index is held differs (tm_delta or packed): the lookups must not.
        queries = [added[i].source[:-3] + "도 추가" for i in range(0, 21000, 700)]
        found = []
        started = time.perf_counter()
        for query in queries:
            found.append([(m.segment_id, m.score) for m in tm.lookup(store, query, limit=10)])
        result["lookup_ms"] = (time.perf_counter() - started) / len(queries) * 1000
        result["digest"] = hashlib.sha256(repr(found).encode()).hexdigest()[:16]
        store.conn.execute("ROLLBACK")
    result.setdefault("peak_mb", peak_mb())
    if "digest" not in result:
        result["digest"] = digest(store)
    store.close()
    return result


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ``ru_maxrss``, not inherited
    from the parent across fork and exec)."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def run(tree: Path, path: Path, variant: str) -> dict:
    from release import run_with

    call = "child(__import__('pathlib').Path(sys.argv[2]), sys.argv[3])"
    return run_with(tree, "fuzzy_build", call, (str(path), variant))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--baseline",
        default=BASELINE,
        help=f"commit to compare with (default {BASELINE[:12]}, the code before issue 16)",
    )
    parser.add_argument("--no-baseline", action="store_true", help="this tree only")
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    from release import baseline_tree

    trees = {"now": ROOT}
    if not args.no_baseline:
        rev = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", args.baseline],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        trees = {f"before ({rev[:8]})": baseline_tree(rev), **trees}
    for size in args.sizes:
        path = database(size)
        print(f"## {size:,} generated pairs ({path.stat().st_size / 1e6:,.0f} MB database)")
        for variant in args.variants:
            for _ in range(args.repeat):
                for name, tree in trees.items():
                    r = run(tree, path, variant)
                    times = (
                        f"{r['seconds']:6.2f} s"
                        if "seconds" in r
                        else f"add 1,000: {r['add_seconds']:5.2f} s, "
                        f"import 20,000: {r['import_seconds']:5.2f} s "
                        f"(its index {r['finish_seconds']:5.2f} s), "
                        f"then lookup {r['lookup_ms']:5.1f} ms"
                    )
                    print(
                        f"{variant:8} {name:20} {times}  {r['peak_mb']:6.0f} MB peak  "
                        f"index {r['digest']}",
                        flush=True,
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
