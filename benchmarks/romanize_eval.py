"""Exact-match accuracy of the McCune–Reischauer romanizer on published North Korean
place names.

    python benchmarks/romanize_eval.py            # figures and every miss
    python benchmarks/romanize_eval.py --quiet    # figures only

Reads benchmarks/data/nk_places_mr.tsv: the Hangul name with its unit (회령시), the
published MR spelling of the name proper without diacritics and with them, and where it
was published. Each name is romanized in the ``bare`` style (the name proper, no County
or City) and compared letter for letter.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sajeon.core.romanize import romanize  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "nk_places_mr.tsv"


def load(path: Path = DATA) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def evaluate(rows: list[dict[str, str]], diacritics: bool) -> list[tuple[str, str, str]]:
    """The misses: (Hangul, expected, got)."""
    column = "mr_diacritics" if diacritics else "mr_plain"
    misses = []
    for row in rows:
        got = romanize(row["hangul"], diacritics=diacritics, style="bare")
        if got != row[column]:
            misses.append((row["hangul"], row[column], got))
    return misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args()
    rows = load()
    print(f"{len(rows)} published North Korean place names ({DATA.name})")
    for diacritics in (False, True):
        misses = evaluate(rows, diacritics)
        right = len(rows) - len(misses)
        label = "with diacritics   " if diacritics else "without diacritics"
        print(f"{label}: {right}/{len(rows)} exact = {right / len(rows):.1%}")
        if not args.quiet:
            for hangul, expected, got in misses:
                print(f"  miss  {hangul}\texpected {expected}\tgot {got}")


if __name__ == "__main__":
    main()
