"""Benchmark the exchange formats: export N concepts to TBX and PO, import an M-unit TMX.

Prints seconds, units per second and peak memory (each measurement runs in a fresh child
process, so ``ru_maxrss`` is that step's own peak), and, in the same run, translate-toolkit's
own TMX and PO readers on the same files as a baseline.

    python benchmarks/formats.py                       # 100,000 concepts, 1,000,000 units
    python benchmarks/formats.py --concepts 10000 --units 100000   # while developing

Targets (issue 4): each export under 5 s; TMX import at least 50,000 units/s with peak
memory under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Syllables and words to build Korean and English text that looks like newsroom copy.
KO_NOUNS = [
    "보위부", "안전부", "장마당", "국경", "세관", "밀수꾼", "돈주", "농장", "협동농장", "철도",
    "역전", "군당", "도당", "인민반", "주민", "탈북민", "무역회사", "외화", "쌀값", "옥수수",
    "휘발유", "환율", "단속반", "검열", "강연회", "군부대", "경비대", "휴대전화", "송금", "중개인",
]  # fmt: skip
KO_PLACES = [
    "혜산시", "회령시", "온성군", "무산군", "청진시", "신의주시", "평성시", "함흥시", "김책시",
    "강계시", "안주시", "사리원시", "해주시", "원산시", "남포시", "만포시", "삼지연시", "나선시",
]  # fmt: skip
KO_VERBS = [
    "단속을 강화했다", "가격이 올랐다", "주민들을 체포했다", "검열을 시작했다", "지시를 내렸다",
    "거래가 줄었다", "통제를 풀었다", "회의를 열었다", "벌금을 물렸다", "경비를 늘렸다",
]  # fmt: skip
EN_NOUNS = [
    "Ministry of State Security", "Ministry of Social Security", "market", "border", "customs",
    "smuggler", "donju", "farm", "cooperative farm", "railway", "station", "county party",
    "provincial party", "neighborhood watch unit", "residents", "defector", "trading company",
    "foreign currency", "rice price", "corn", "gasoline", "exchange rate", "crackdown unit",
    "inspection", "lecture", "military unit", "border guards", "mobile phone", "remittance",
    "broker",
]  # fmt: skip
EN_PLACES = [
    "Hyesan", "Hoeryong", "Onsong County", "Musan County", "Chongjin", "Sinuiju", "Pyongsong",
    "Hamhung", "Kimchaek", "Kanggye", "Anju", "Sariwon", "Haeju", "Wonsan", "Nampo", "Manpo",
    "Samjiyon", "Rason",
]  # fmt: skip
EN_VERBS = [
    "stepped up a crackdown", "saw prices rise", "arrested residents", "began an inspection",
    "issued an order", "saw trade fall", "eased controls", "held a meeting", "imposed fines",
    "added guards",
]  # fmt: skip
DOMAINS = ["security", "economy", "place", "law", "party", "military", "society", "transport"]


def make_concepts(n: int):
    from sajeon.core.model import Concept, Term

    rng = random.Random(4)
    concepts = []
    for i in range(n):
        place, noun = rng.randrange(len(KO_PLACES)), rng.randrange(len(KO_NOUNS))
        terms = [
            Term("ko", f"{KO_PLACES[place]} {KO_NOUNS[noun]} {i}", "preferred", pos="noun"),
            Term("en", f"{EN_PLACES[place]} {EN_NOUNS[noun]} {i}", "preferred", pos="noun"),
        ]
        if i % 5 == 0:
            terms.append(Term("en", f"{EN_NOUNS[noun]} no. {i}", "admitted", type="shortForm"))
        if i % 17 == 0:
            old = Term("ko", f"옛 {KO_NOUNS[noun]} {i}", "deprecated", valid_until="2016")
            old.note = "2016년 개칭 전 이름."
            terms.append(old)
        definition = f"The {EN_NOUNS[noun]} of {EN_PLACES[place]} <{i}> & co."
        concepts.append(
            Concept(
                id=f"c{i:06d}",
                terms=terms,
                domain=DOMAINS[i % len(DOMAINS)],
                definition=definition if i % 3 == 0 else None,
                sources=[f"https://www.dailynk.com/english/{i}/"],
                created="2025-01-02",
                modified="2025-06-30",
                author="bench",
            )
        )
    return concepts


def write_tmx(path: Path, units: int) -> None:
    """A TMX of ``units`` sentence pairs, written directly (fast), every fifth with a note."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
            '<tmx version="1.4">\n  <header creationtool="bench" creationtoolversion="1" '
            'segtype="sentence" o-tmf="bench" adminlang="en" srclang="ko" '
            'datatype="plaintext" creationdate="20250630T000000Z"/>\n  <body>\n'
        )
        for i in range(units):
            p, n, v = rng.randrange(18), rng.randrange(30), rng.randrange(10)
            note = f"<note>Checked with source #{i}.</note>" if i % 5 == 0 else ""
            out.write(
                f'    <tu creationdate="2025{1 + i % 12:02d}{1 + i % 28:02d}T000000Z">'
                f'<prop type="x-origin">bench/{i // 40}</prop>{note}'
                f'<tuv xml:lang="ko"><seg>{KO_PLACES[p]}에서 {KO_NOUNS[n]} 관련 {KO_VERBS[v]}고 '
                f"소식통이 {i}일 전했다.</seg></tuv>"
                f'<tuv xml:lang="en"><seg>In {EN_PLACES[p]}, the {EN_NOUNS[n]} {EN_VERBS[v]}, '
                f"a source said on day {i}.</seg></tuv></tu>\n"
            )
        out.write("  </body>\n</tmx>\n")


# --------------------------------------------------------------------------- child steps


def step_export(kind: str, n: int, out: str) -> dict:
    from sajeon.formats import po, tbx

    concepts = make_concepts(n)
    start = time.perf_counter()
    if kind == "tbx":
        with open(out, "wb") as fh:
            count = tbx.write_tbx(concepts, fh, langs=["ko", "en"], title="t", description="d")
    else:
        with open(out, "wb") as fh:
            count = po.write_glossary_po(
                concepts, fh, source_lang="ko", target_lang="en", day="2025-06-30"
            )
    return {"seconds": time.perf_counter() - start, "units": count}


def step_import(tmx_path: str, project_dir: str) -> dict:
    from sajeon.formats import tmx
    from sajeon.storage import background
    from sajeon.storage.project import Project

    root = Path(project_dir)
    (root / "glossary").mkdir(parents=True, exist_ok=True)
    (root / "memory").mkdir(parents=True, exist_ok=True)
    project = Project(root)
    project.build()
    start = time.perf_counter()
    # As `sajeon import` does it: a large file is read in a second process.
    segments = background.reader(tmx.read_tmx, Path(tmx_path), "bench.tmx")
    result = project.import_segments(segments)
    return {"seconds": time.perf_counter() - start, "units": result.added}


def step_parse_only(tmx_path: str) -> dict:
    """Reading and checking every unit without storing it: the parser's share."""
    from sajeon.formats import tmx

    start = time.perf_counter()
    count = sum(1 for _ in tmx.read_tmx(Path(tmx_path), "bench.tmx"))
    return {"seconds": time.perf_counter() - start, "units": count}


def step_ttk(kind: str, path: str) -> dict:
    start = time.perf_counter()
    if kind == "tmx":
        from translate.storage.tmx import tmxfile

        with open(path, "rb") as fh:
            count = len(tmxfile(fh, sourcelanguage="ko", targetlanguage="en").units)
    else:
        from translate.storage.po import pofile

        with open(path, "rb") as fh:
            count = len(pofile.parsefile(fh).units) - 1
    return {"seconds": time.perf_counter() - start, "units": count}


def step_polib(path: str) -> dict:
    import polib

    start = time.perf_counter()
    count = len(polib.pofile(path))
    return {"seconds": time.perf_counter() - start, "units": count}


STEPS = {
    "export": step_export,
    "import": step_import,
    "parse": step_parse_only,
    "ttk": step_ttk,
    "polib": step_polib,
}


def child(argv: list[str]) -> None:
    result = STEPS[argv[0]](*[int(a) if a.isdigit() else a for a in argv[1:]])
    # The step's own peak, plus the largest peak of a process it started (the import's
    # reading process): the two may peak at different times, so this is an upper bound.
    result["peak_mb"] = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    ) / 1024
    print(json.dumps(result))


def run(*args) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def report(label: str, result: dict, target: str = "") -> None:
    rate = result["units"] / result["seconds"] if result["seconds"] else float("inf")
    print(
        f"{label:<46} {result['seconds']:8.2f} s {rate:12,.0f} units/s "
        f"{result['peak_mb']:8.0f} MB peak   {target}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concepts", type=int, default=100_000, help="concepts to export")
    parser.add_argument("--units", type=int, default=1_000_000, help="units in the TMX")
    parser.add_argument("--size", type=float, default=1.0, help="scale both (0.1 = a tenth)")
    args = parser.parse_args()
    concepts = int(args.concepts * args.size)
    units = int(args.units * args.size)
    with tempfile.TemporaryDirectory(prefix="sajeon-bench-") as tmp:
        folder = Path(tmp)
        print(f"sajeon exchange formats: {concepts:,} concepts, {units:,} TMX units")
        tbx_path, po_path, tmx_path = folder / "g.tbx", folder / "g.po", folder / "m.tmx"
        report(
            f"export {concepts:,} concepts → TBX 2008",
            run("export", "tbx", concepts, tbx_path),
            "target < 5 s",
        )
        report(
            f"export {concepts:,} concepts → glossary PO",
            run("export", "po", concepts, po_path),
            "target < 5 s",
        )
        report("  baseline: polib reads that PO", run("polib", po_path))
        report("  baseline: translate-toolkit reads that PO", run("ttk", "po", po_path))
        write_tmx(tmx_path, units)
        print(f"(TMX of {units:,} units: {tmx_path.stat().st_size / 1e6:,.0f} MB)")
        report(
            f"import {units:,}-unit TMX (parse, store, index)",
            run("import", tmx_path, folder / "project"),
            "target ≥ 50,000/s, < 300 MB",
        )
        report("  of which reading and checking the TMX", run("parse", tmx_path))
        report("  baseline: translate-toolkit reads that TMX", run("ttk", "tmx", tmx_path))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
        child(sys.argv[2:])
    else:
        main()
