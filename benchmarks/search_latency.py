"""Search latency through Datasette's JSON API on a large generated database (issue 3).

Builds a database of --segments segment pairs and --concepts concepts through sajeon's own
Store code (the bundled glossary included, so real terms are there too), opens it in
Datasette with the sajeon plugin, as ``sajeon serve`` does, and times JSON requests for
1-, 2- and 3+-syllable Korean queries and English ones:

* ``terms``        /sajeon/-/search.json?q=…       ranked term search (+ 5 newest segments)
* ``concordance``  /sajeon/-/concordance.json?q=…  newest 50 segments with highlights
* ``table``        /sajeon/segments.json?_search=… Datasette's table API with sajeon's filter

and, as the baseline in the same run, the same concordance question asked with a plain
``LIKE`` scan through Datasette's SQL API. It prints p50 and p95 per class.

    python benchmarks/search_latency.py                      # 1,000,000 / 100,000
    python benchmarks/search_latency.py --size 0.02          # 2% of that, for a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from itertools import chain
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import newsgen  # noqa: E402

from sajeon.storage.project import Project  # noqa: E402
from sajeon.storage.store import Store  # noqa: E402
from sajeon.web.server import SETTINGS, ensure_plugin  # noqa: E402

# Per class, common words of the generated news and one rare one (only in the bundled
# memory's few sentences): the rare one is where a scan without an index hurts most.
QUERIES = {
    "ko 1 syllable": ["군", "북", "도", "성", "밀", "탐"],
    "ko 2 syllables": ["보위", "탈북", "밀수", "단속", "장마", "사진"],
    "ko 3+ syllables": [
        "국가보위성",
        "보위부에서",
        "온성군 보위부",
        "국경경비대",
        "사회안전성",
        "전파 탐지",
    ],
    # Spacing other than the text's: unspaced queries for spaced text and the reverse.
    "ko spacing": [
        "온성군보위부",
        "회령시보위부에서",
        "불법통화",
        "한국영상물",
        "송금중개",
        "국경 경비대",
    ],
    "English": [
        "security",
        "smuggling",
        "State Security",
        "Hyesan",
        "border guards",
        "photographer",
    ],
}
ENDPOINTS = {
    "terms": "/sajeon/-/search.json?q={q}",
    "concordance": "/sajeon/-/concordance.json?q={q}",
    "table": "/sajeon/segments.json?_search={q}&_shape=array&_size=50",
}
# The baseline: what the concordance would cost without sajeon's index.
LIKE_SQL = (
    "select id, source, target, date from segments "
    "where source like :p or target like :p order by date desc, id desc limit 50"
)


def build(path: Path, n_segments: int, n_concepts: int) -> float:
    started = time.perf_counter()
    bundled = Project(ROOT)
    glossary = list(bundled.load_glossary())
    concepts = chain(glossary, newsgen.concepts(n_concepts))
    segments = chain(bundled.load_memory().segments, newsgen.segments(n_segments))
    path.unlink(missing_ok=True)
    with Store(path) as store:
        store.rebuild(concepts, segments, {})
    return time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def measure(path: Path, repeat: int) -> dict:
    from datasette.app import Datasette

    ensure_plugin()
    # As sajeon serve runs it, except a time limit the LIKE baseline can finish within.
    settings = {**{k: _setting(v) for k, v in SETTINGS.items()}, "sql_time_limit_ms": 60_000}
    ds = Datasette([str(path)], settings=settings)
    client = ds.client
    await client.get("/sajeon/-/search.json?q=warmup")
    results: dict = {}
    jobs = [(name, url) for name, url in ENDPOINTS.items()]
    jobs.append(("LIKE baseline", "/sajeon.json?sql=" + quote(LIKE_SQL) + "&p={q}&_shape=array"))
    for endpoint, template in jobs:
        for cls, queries in QUERIES.items():
            times = []
            hits = 0
            for _ in range(1 if endpoint == "LIKE baseline" else repeat):
                for query in queries:
                    arg = f"%{query}%" if endpoint == "LIKE baseline" else query
                    url = template.format(q=quote(arg))
                    t0 = time.perf_counter()
                    response = await client.get(url)
                    times.append((time.perf_counter() - t0) * 1000)
                    assert response.status_code == 200, (url, response.text[:300])
                    data = response.json()
                    if isinstance(data, dict):
                        data = data.get("terms") or data.get("segments") or []
                    hits += bool(data)
            results.setdefault(endpoint, {})[cls] = {
                "p50": statistics.median(times),
                "p95": percentile(times, 0.95),
                "n": len(times),
                "found": hits,
            }
    for db in ds.databases.values():
        db.close()
    return results


def _setting(value: str):
    return {"on": True, "off": False}.get(value, int(value) if value.isdigit() else value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=1_000_000)
    parser.add_argument("--concepts", type=int, default=100_000)
    parser.add_argument(
        "--size", type=float, default=1.0, help="Scale both sizes, e.g. 0.02 while developing."
    )
    parser.add_argument("--repeat", type=int, default=4, help="Rounds of each query.")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--reuse", action="store_true", help="Reuse a database already built.")
    args = parser.parse_args()
    n_segments = int(args.segments * args.size)
    n_concepts = int(args.concepts * args.size)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{n_segments}-{n_concepts}" / "sajeon.db"
    path.parent.mkdir(exist_ok=True)
    if args.reuse and path.exists():
        print(f"reusing {path}")
    else:
        print(f"building {n_segments:,} segment pairs and {n_concepts:,} concepts …", flush=True)
        seconds = build(path, n_segments, n_concepts)
        print(f"built {path} in {seconds:.0f} s ({path.stat().st_size / 1e6:.0f} MB)")
    print(f"machine: {os.cpu_count()} CPUs; SQLite via Python {sys.version.split()[0]}")
    results = asyncio.run(measure(path, args.repeat))
    print()
    print(f"{'endpoint':<14} {'queries':<16} {'p50 ms':>8} {'p95 ms':>8} {'n':>4}  found")
    for endpoint, classes in results.items():
        for cls, r in classes.items():
            print(
                f"{endpoint:<14} {cls:<16} {r['p50']:8.1f} {r['p95']:8.1f} {r['n']:4}"
                f"  {r['found']}/{r['n']}"
            )
    (args.out / f"search_latency-{n_segments}-{n_concepts}.json").write_text(
        json.dumps(results, indent=2)
    )


if __name__ == "__main__":
    main()
