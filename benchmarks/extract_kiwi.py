"""Would a morphological analyser find new names better than sajeon's rules? (issue 13)

On the Korean side of the extraction evaluation memory (benchmarks/extract_eval.py), with
an empty glossary so that every name is unknown, compare the names found by

* sajeon's rules (`sajeon terms --unknown`, sajeon.engine.discover), and
* kiwipiepy's proper nouns (NNP, with a following 군/시/구역/리/로동자구 joined to them),

by recall of the gold names, candidates that are not names, time and installed size.
kiwipiepy is not a dependency of sajeon: install it beside it to run this
(`pip install kiwipiepy`).

    python benchmarks/extract_kiwi.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from extract_eval import HELD_BACK, NEW, TEMPLATES

from sajeon import app

SUFFIXES = ("군", "시", "구역", "리", "로동자구", "총국")


def sentences() -> list[str]:
    names = [*HELD_BACK, *NEW]
    return [src.format(ko=name) for name in names for src, _ in TEMPLATES]


def sajeon_names(texts: list[str]) -> tuple[set[str], float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        app.init(root)
        start = time.perf_counter()
        found = set()
        for text in texts:
            result = app.find_terms(root, text, unknown=True)
            found.update(u.name for u in result.unknown or [])
        return found, time.perf_counter() - start


def kiwi_names(texts: list[str]) -> tuple[set[str], float, float]:
    from kiwipiepy import Kiwi

    start = time.perf_counter()
    kiwi = Kiwi()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    found = set()
    for text in texts:
        tokens = kiwi.tokenize(text)
        for i, token in enumerate(tokens):
            if token.tag != "NNP":
                continue
            name = token.form
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            if after is not None and after.form in SUFFIXES and after.start == token.end:
                name += after.form
            found.add(name)
    return found, loaded, time.perf_counter() - start


def size_of(module: str) -> float:
    import importlib.util

    total = 0
    for name in (module, module + "_model"):
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                total += sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
    return total / 1e6


def main() -> int:
    texts = sentences()
    gold = {*HELD_BACK, *NEW}
    ours, ours_time = sajeon_names(texts)
    rows = [("sajeon rules", ours, ours_time, 0.0, 0.0)]
    try:
        theirs, loaded, theirs_time = kiwi_names(texts)
        rows.append(("kiwipiepy NNP", theirs, theirs_time, loaded, size_of("kiwipiepy")))
    except ImportError:
        print("kiwipiepy is not installed (pip install kiwipiepy): sajeon's rules only")
    print(f"{len(texts)} sentences naming {len(gold)} places and organs, none in the glossary")
    print("| finder | names found | not names | time | load | installed |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, found, seconds, load, size in rows:
        hit = len(found & gold)
        print(
            f"| {label} | {hit}/{len(gold)} = {hit / len(gold):.0%} | {len(found - gold)} "
            f"| {seconds:.2f} s | {load:.2f} s | {size:.0f} MB |"
        )
        for name in sorted(gold - found):
            print(f"    missed: {name}", file=sys.stderr)
        for name in sorted(found - gold):
            print(f"    not a name: {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
