"""Fuzzy lookup speed and recall: sajeon's index against an exhaustive rapidfuzz scan and
translate-toolkit's tmdb, side by side on the same generated memory and queries.

    python benchmarks/fuzzy_lookup.py                          # 10,000 / 100,000 / 1,000,000
    python benchmarks/fuzzy_lookup.py --sizes 10000 --queries 50   # quick

For each size: a memory of generated Korean–English pairs (benchmarks/corpus.py) is built
into a sajeon database with Store.rebuild; then the same queries (half edited copies of
memory sentences, half new sentences) go to

* sajeon: ``tm.lookup`` (top 10, threshold 75%), in a warm process, as a server runs it;
* the exhaustive scan: rapidfuzz's ``process.extract`` over every normalised source held in
  memory, with the same score and cutoff (the no-index limit);
* tmdb: translate-toolkit 3.18.1's SQLite TM (FTS "OR of words" + Levenshtein), installed
  in a throwaway virtualenv under benchmarks/out/ and driven in a subprocess, at the sizes
  up to --tmdb-max-size.

Recall is measured against the exhaustive scan: every segment scoring at or above the
threshold must be returned (sajeon is asked with no result limit for this).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from rapidfuzz import process  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from benchmarks.corpus import pairs, perturb, revise  # noqa: E402
from sajeon.core.model import Segment  # noqa: E402
from sajeon.core.similarity import normalise, score_normalised  # noqa: E402
from sajeon.engine import tm  # noqa: E402
from sajeon.storage.store import Store  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
TT_VERSION = "3.18.1"


def build(size: int, reuse: bool) -> tuple[Path, float | None]:
    path = OUT / f"fuzzy-{size}.db"
    if reuse and path.exists():
        return path, None
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    segments: dict[str, Segment] = {}
    for ko, en in pairs(size, seed=size):
        segment = Segment("ko", "en", ko, en, origin="generated", date="2025-01-01")
        segments.setdefault(segment.key, segment)
    started = time.perf_counter()
    with Store(path) as store:
        store.rebuild([], list(segments.values()), {})
    return path, time.perf_counter() - started


def queries_for(sources: list[str], count: int, seed: int) -> list[str]:
    r = random.Random(seed)
    queries = []
    for i in range(count):
        if i % 2:
            queries.append(next(pairs(1, seed=seed * 1000 + i))[0])  # a new sentence
        else:
            base = r.choice(sources)
            edited = revise(base, r) if r.random() < 0.5 else perturb(base, r, r.randint(1, 8))
            queries.append(edited)
    return queries


def index_bytes(store: Store) -> int | None:
    try:
        row = store.conn.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'tm\\_%' ESCAPE '\\' "
            "OR name LIKE 'sqlite_autoindex_tm\\_%' ESCAPE '\\'"
        ).fetchone()
        return row[0]
    except Exception:  # dbstat is not compiled into every SQLite
        return None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def tmdb_python() -> Path:
    venv = OUT / "venv-tt"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", f"translate-toolkit=={TT_VERSION}"],
            check=True,
        )
    return python


def run_tmdb(rows: list[tuple[int, str, str]], queries: list[str], threshold: float) -> dict:
    memory, query_file = OUT / "tmdb-memory.tsv", OUT / "tmdb-queries.txt"
    memory.write_text("".join(f"{s}\t{t}\n" for _, s, t in rows), encoding="utf-8")
    query_file.write_text("\n".join(queries) + "\n", encoding="utf-8")
    result = subprocess.run(
        [
            str(tmdb_python()),
            str(ROOT / "benchmarks" / "tmdb_driver.py"),
            str(memory),
            str(query_file),
            str(OUT / "tmdb.db"),
            str(threshold),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout)


def measure(size: int, args) -> dict:
    path, full_build = build(size, args.reuse)
    store = Store(path)
    started = time.perf_counter()
    with store.write():
        store.rebuild_tm_index()
    index_build = time.perf_counter() - started
    rows = store.conn.execute("SELECT id, source, target FROM segments ORDER BY id").fetchall()
    ids = [r[0] for r in rows]
    sources = [normalise(r[1]) for r in rows]
    queries = queries_for(sources, args.queries, seed=size)
    threshold = args.threshold
    store.close()

    store = Store(path)  # a fresh process-like start: nothing of this database cached
    tm._CACHE.clear()
    started = time.perf_counter()
    tm.lookup(store, queries[0], threshold=threshold)
    cold = time.perf_counter() - started
    for query in queries_for(sources, 20, seed=size + 1):  # warm up, other queries
        tm.lookup(store, query, threshold=threshold)
    ours = []
    for query in queries:
        started = time.perf_counter()
        tm.lookup(store, query, threshold=threshold, limit=10)
        ours.append(time.perf_counter() - started)

    scan, truth_total, found_total, same_sets, top_agree = [], 0, 0, 0, 0
    truths = []
    for query in queries:
        q = normalise(query)
        started = time.perf_counter()
        hits = process.extract(
            q,
            sources,
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=threshold / 100 - 1e-9,
            limit=None,
        )
        scan.append(time.perf_counter() - started)
        truth = {ids[i]: score_normalised(q, sources[i]) for _, _, i in hits}
        truth = {k: v for k, v in truth.items() if v >= threshold}
        truths.append(truth)
        found = {
            m.segment_id: m.score for m in tm.lookup(store, query, threshold=threshold, limit=None)
        }
        truth_total += len(truth)
        found_total += len(set(found) & set(truth))
        same_sets += found == truth
        best = sorted(truth.values(), reverse=True)[:10]
        top = [m.score for m in tm.lookup(store, query, threshold=threshold, limit=10)]
        top_agree += top == best
    result = {
        "size": size,
        "segments": len(ids),
        "full_build_s": full_build,
        "index_build_s": index_build,
        "db_mb": os.path.getsize(path) / 1e6,
        "index_mb": (index_bytes(store) or 0) / 1e6,
        "cold_ms": cold * 1000,
        "p50_ms": percentile(ours, 0.5) * 1000,
        "p95_ms": percentile(ours, 0.95) * 1000,
        "recall": found_total / truth_total if truth_total else 1.0,
        "identical_sets": same_sets,
        "top10_identical": top_agree,
        "queries": len(queries),
        "matches_per_query": truth_total / len(queries),
        "scan_p50_ms": percentile(scan, 0.5) * 1000,
        "scan_p95_ms": percentile(scan, 0.95) * 1000,
    }
    store.close()
    if size <= args.tmdb_max_size:
        subset = queries[: args.tmdb_queries]
        data = run_tmdb(rows, subset, threshold)
        text_of = dict(zip(ids, sources, strict=True))
        hit = total = 0
        for truth, got in zip(truths, data["results"], strict=False):
            expected = {text_of[i] for i in truth}
            total += len(expected)
            hit += len(expected & {normalise(s) for s in got})
        result.update(
            tmdb_p50_ms=percentile(data["times"], 0.5) * 1000,
            tmdb_p95_ms=percentile(data["times"], 0.95) * 1000,
            tmdb_recall=hit / total if total else 1.0,
            tmdb_build_s=data["build_seconds"],
            tmdb_db_mb=data["db_bytes"] / 1e6,
            tmdb_queries=len(subset),
        )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--threshold", type=float, default=75.0)
    parser.add_argument("--tmdb-max-size", type=int, default=10_000)
    parser.add_argument("--tmdb-queries", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="reuse databases built before")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        print(f"measuring {size:,} generated pairs …", file=sys.stderr, flush=True)
        results.append(measure(size, args))
    print(f"Fuzzy lookup, threshold {args.threshold:g}%, top 10; times per query")
    print(
        "| memory | segments | index build | DB size (index) | sajeon p50 | sajeon p95 | "
        "first query | recall | exhaustive scan p50 | speed-up (p50) | tmdb p50 | tmdb recall |"
    )
    print("|" + "---|" * 12)
    for r in results:
        tmdb = (
            (f"{r['tmdb_p50_ms']:.0f} ms", f"{r['tmdb_recall']:.1%}")
            if "tmdb_p50_ms" in r
            else ("—", "—")
        )
        print(
            f"| {r['size']:,} | {r['segments']:,} | {r['index_build_s']:.1f} s | "
            f"{r['db_mb']:.0f} MB ({r['index_mb']:.0f} MB) | {r['p50_ms']:.1f} ms | "
            f"{r['p95_ms']:.1f} ms | {r['cold_ms']:.0f} ms | {r['recall']:.1%} | "
            f"{r['scan_p50_ms']:.1f} ms | {r['scan_p50_ms'] / r['p50_ms']:.0f}× | "
            f"{tmdb[0]} | {tmdb[1]} |"
        )
    for r in results:
        extra = (
            f"; tmdb: {r['tmdb_queries']} queries, build {r['tmdb_build_s']:.1f} s, "
            f"{r['tmdb_db_mb']:.0f} MB"
            if "tmdb_p50_ms" in r
            else ""
        )
        print(
            f"{r['size']:,}: {r['queries']} queries, {r['matches_per_query']:.1f} matches ≥ "
            f"threshold per query; identical match sets {r['identical_sets']}/{r['queries']}, "
            f"identical top-10 scores {r['top10_identical']}/{r['queries']}; exhaustive p95 "
            f"{r['scan_p95_ms']:.1f} ms{extra}"
        )
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
