"""Runs translate-toolkit's tmdb on a memory and a list of queries; prints JSON.

Run by benchmarks/fuzzy_lookup.py with the Python of a throwaway virtualenv holding
translate-toolkit 3.18.1 (the last release with translate.storage.tmdb), because it
cannot live beside the translate-toolkit the tests use.

    python tmdb_driver.py MEMORY.tsv QUERIES.txt DB_PATH THRESHOLD
"""

from __future__ import annotations

import json
import os
import sys
import time

from translate.storage.tmdb import TMDB


def main() -> None:
    memory, queries, db_path, threshold = sys.argv[1:5]
    if os.path.exists(db_path):
        os.remove(db_path)
    started = time.perf_counter()
    tmdb = TMDB(db_path, max_candidates=10**9, min_similarity=float(threshold))
    with open(memory, encoding="utf-8") as f:
        units = []
        for line in f:
            source, target = line.rstrip("\n").split("\t")
            units.append({"source": source, "target": target, "context": ""})
    tmdb.add_list(units, "ko", "en")
    build = time.perf_counter() - started
    times, results = [], []
    with open(queries, encoding="utf-8") as f:
        for query in f.read().split("\n"):
            if not query:
                continue
            started = time.perf_counter()
            found = tmdb.translate_unit(query, "ko", "en")
            times.append(time.perf_counter() - started)
            results.append(sorted({r["source"] for r in found}))
    print(
        json.dumps(
            {
                "build_seconds": build,
                "db_bytes": os.path.getsize(db_path),
                "times": times,
                "results": results,
            }
        )
    )


if __name__ == "__main__":
    main()
