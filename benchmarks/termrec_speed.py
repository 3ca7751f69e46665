"""Term-recognition throughput: the Aho–Corasick recogniser against a naive per-term loop,
on the same generated glossary and Korean text.

    python benchmarks/termrec_speed.py                         # 100,000 terms, 10 MB
    python benchmarks/termrec_speed.py --terms 20000 --mb 1    # quick
    python benchmarks/termrec_speed.py --repeat 5              # fastest of five runs

The glossary is the bundled one plus generated concepts (place names with administrative
suffixes, agencies of places, enterprises, people's names, common nouns); the text is
generated newsroom Korean (benchmarks/corpus.py). The naive loop (``str.find`` for every
term, then the same boundary rules are not even applied) runs on a slice of the text and
its MB/s is extrapolated, since over the whole text it would take hours.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import GIVEN, PLACES, SURNAMES, pairs  # noqa: E402
from sajeon.core.model import Concept, Term  # noqa: E402
from sajeon.engine.termrec import Recogniser  # noqa: E402
from sajeon.storage.project import Project  # noqa: E402

SYLLABLES = (
    "가나다라마바사아자차카타파하강경고공관광교구국군금기길남농대도동두량려련령로류리"
    "림마명모목무문미민박반방백범법병보봉부북분사산상새서석선성세소송수순시신심안암양"
    "어연영오옥온왕용우운원월위유윤은을의이인일임장재전정제조종주중지진창천철청초촌총"
    "최추춘충칠탄태통파평포풍하학한함해행향허혁현혜호화황회효후흥"
)
SUFFIXES = ["군", "시", "리", "동", "구역", "로동자구", "읍", "협동농장"]
BODIES = ["보위부", "안전부", "인민위원회", "당위원회", "검찰소", "재판소", "인민병원", "역"]
ENTERPRISES = ["무역회사", "광산", "기업소", "공장", "탄광", "수산사업소", "상점", "연합기업소"]


def word(r: random.Random, low: int, high: int) -> str:
    return "".join(r.choice(SYLLABLES) for _ in range(r.randint(low, high)))


def generated_concepts(count: int, seed: int = 3) -> list[Concept]:
    r = random.Random(seed)
    seen: set[str] = set()
    concepts = []
    places = [p for p, _ in PLACES]
    while len(concepts) < count:
        kind = r.random()
        if kind < 0.3:
            text = word(r, 2, 3) + r.choice(SUFFIXES)
        elif kind < 0.5:
            text = f"{r.choice([*places, word(r, 2, 2) + '군'])} {r.choice(BODIES)}"
        elif kind < 0.65:
            text = word(r, 2, 3) + r.choice(ENTERPRISES)
        elif kind < 0.8:
            text = r.choice(SURNAMES) + r.choice(GIVEN) + r.choice(GIVEN)
        else:
            text = word(r, 2, 4)
        if text in seen:
            continue
        seen.add(text)
        n = len(concepts)
        concepts.append(
            Concept(f"generated-{n}", [Term("ko", text), Term("en", f"generated term {n}")])
        )
    return concepts


def text_of(megabytes: float, seed: int = 8) -> str:
    """Generated articles: paragraphs of two to six sentences, blank lines between."""
    r = random.Random(seed)
    paragraphs, size = [], 0
    sentences = pairs(10**8, seed=seed)
    while size < megabytes * 1e6:
        paragraph = " ".join(next(sentences)[0] for _ in range(r.randint(2, 6)))
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs)


def naive(keys: list[str], text: str) -> int:
    found = 0
    for key in keys:
        start = text.find(key)
        while start != -1:
            found += 1
            start = text.find(key, start + 1)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=100_000)
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--naive-kb", type=float, default=50.0, help="text the naive loop reads")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="match the text this many times and report the fastest (a shared machine's "
        "other work only ever adds time); every time is printed",
    )
    args = parser.parse_args()
    concepts = list(Project(ROOT).load_glossary())
    concepts += generated_concepts(max(0, args.terms - len(concepts)))
    terms = sum(1 for c in concepts for t in c.terms if t.lang == "ko")
    started = time.perf_counter()
    recogniser = Recogniser(concepts, "ko", "en")
    build = time.perf_counter() - started
    text = text_of(args.mb)
    megabytes = len(text.encode()) / 1e6
    times = []
    for _ in range(max(1, args.repeat)):
        started = time.perf_counter()
        found = recogniser.find(text)
        times.append(time.perf_counter() - started)
    elapsed = min(times)
    sample = text[: int(args.naive_kb * 1000 / 3)]
    sample_mb = len(sample.encode()) / 1e6
    keys = [t.text for c in concepts for t in c.terms if t.lang == "ko"]
    started = time.perf_counter()
    naive(keys, sample)
    naive_elapsed = time.perf_counter() - started
    print(f"Term recognition, {terms:,} Korean terms in {len(concepts):,} concepts")
    print("| method | text | time | throughput | occurrences |")
    print("|---|---|---|---|---|")
    print(
        f"| sajeon Recogniser (Aho–Corasick + boundary rules) | {megabytes:.1f} MB | "
        f"{elapsed:.2f} s | {megabytes / elapsed:.1f} MB/s | {len(found):,} |"
    )
    print(
        f"| naive loop: str.find per term | {sample_mb * 1000:.0f} KB | {naive_elapsed:.2f} s | "
        f"{sample_mb / naive_elapsed:.3f} MB/s | (substrings, no rules) |"
    )
    print(
        f"automaton build: {build:.1f} s; speed-up "
        f"{(megabytes / elapsed) / (sample_mb / naive_elapsed):,.0f}×; "
        f"runs: {', '.join(f'{t:.2f} s' for t in times)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
