"""Benchmark the exchange formats: export N concepts to TBX and PO, import an M-unit TMX.

Prints seconds, units per second and peak memory (each measurement runs in a fresh child
process; the memory of it and every process it starts is sampled every 25 ms and the peak
of the sums reported), and, in the same run, translate-toolkit's own TMX and PO readers on
the same files as a baseline.

    python benchmarks/formats.py                       # 100,000 concepts, 1,000,000 units
    python benchmarks/formats.py --concepts 10000 --units 100000   # while developing
    python benchmarks/formats.py --profile --units 200000          # the import's phases

``--profile`` imports with sajeon's phase recorder on (:mod:`sajeon.core.phases`) and
prints the wall time of each phase in each process and how the two processes overlap.
$SAJEON_BENCH_SRC runs another copy of the code (say an older commit's ``src/``).

Targets (issue 16): TMX import at least 33,000 units/s (stretch 50,000) with the peak
memory of all processes together under 300 MB; each export under 5 s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
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
    from sajeon.core import phases
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
    phases.mark("import", start)
    phases.save("importer")
    return {"seconds": time.perf_counter() - start, "units": result.added}


# What search, concordance and fuzzy lookup read, and what they answer, after an import:
# equal between two versions of the code means the same results. The queries are
# search_latency.py's and sentences of the generated file, edited.
ANSWER_TABLES = {
    "segments": "SELECT * FROM segments ORDER BY id",
    "segments_words": "SELECT * FROM segments_words ORDER BY word",
    "fts vocabulary": "SELECT * FROM segments_fts_v ORDER BY term",
    "tm_postings": "SELECT * FROM tm_postings ORDER BY token",
    "tm_delta": "SELECT * FROM tm_delta ORDER BY token, segment_id",
    "tm_lengths": "SELECT * FROM tm_lengths ORDER BY segment_id",
    "tm_meta": "SELECT * FROM tm_meta ORDER BY key",
    "_sajeon_meta": "SELECT * FROM _sajeon_meta ORDER BY key",
    "schema": "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name",
}


def step_answers(project_dir: str) -> dict:
    import hashlib

    from search_latency import QUERIES

    from sajeon.engine import tm
    from sajeon.storage.store import Store

    answers: dict[str, str] = {}
    with Store(Path(project_dir) / "sajeon.db") as store:
        store.conn.execute(
            "CREATE VIRTUAL TABLE temp.segments_fts_v USING fts5vocab(main, segments_fts, row)"
        )
        for name, sql in ANSWER_TABLES.items():
            digest = hashlib.sha256()
            for row in store.conn.execute(sql):
                digest.update(repr(row).encode())
            answers[name] = digest.hexdigest()[:16]
        rng = random.Random(5)
        sources = [r[0] for r in store.conn.execute("SELECT source FROM segments LIMIT 2000")]
        for query in [q for group in QUERIES.values() for q in group]:
            hits = store.search_segments(query, limit=50)
            count = store.count_segments_with_any([query])
            answers[f"search {query}"] = repr(([h.id for h in hits], count))
        for i in range(12):
            text = rng.choice(sources)
            text = text.replace("소식통이", "소식통은") if i % 2 else text[: len(text) * 3 // 4]
            matches = tm.lookup(store, text, threshold=70, limit=20)
            answers[f"fuzzy {i}"] = repr([(m.segment_id, round(m.score, 6)) for m in matches])
    return answers


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
    "answers": step_answers,
    "ttk": step_ttk,
    "polib": step_polib,
}


def child(argv: list[str]) -> None:
    result = STEPS[argv[0]](*[int(a) if a.isdigit() else a for a in argv[1:]])
    if argv[0] == "answers":
        print(json.dumps(result))
        return
    # Kept for comparison with earlier runs: this process's own peak plus the largest
    # peak of a process it started (an upper bound, the two peak at different times).
    result["maxrss_mb"] = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    ) / 1024
    print(json.dumps(result))


# ----------------------------------------------------------------- memory, sampled over time

SAMPLE_SECONDS = 0.025


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (Linux: /proc/PID/task/TID/children)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):  # gone meanwhile
                queue += [int(c) for c in task.read_text().split()]
    return found


def _memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, Pss) of a process in KiB; (0, 0) once it is gone. Pss shares the pages
    a forked child still has in common with its parent between the two, so the sum of
    Pss over processes is what they really hold; the sum of VmRSS counts those twice."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


def run(*args, env: dict | None = None) -> dict:
    """A step in a child process, its memory and its children's sampled together every
    25 ms: the peak is of the per-sample sums (the real peak of all processes, give or
    take a sample), not a sum of separate peaks."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", *map(str, args)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    peak_rss = peak_pss = 0
    most_processes = 0
    sampled = Path("/proc/self/status").exists()
    while process.poll() is None:
        if sampled:
            pids = _descendants(process.pid)
            pairs = [_memory_kib(pid) for pid in pids]
            peak_rss = max(peak_rss, sum(r for r, _ in pairs))
            peak_pss = max(peak_pss, sum(p for _, p in pairs))
            most_processes = max(most_processes, len(pids))
        time.sleep(SAMPLE_SECONDS)
    output = process.stdout.read()
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, args, output)
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_mb"] = peak_rss / 1024 if sampled else result["maxrss_mb"]
    result["peak_pss_mb"] = peak_pss / 1024
    result["processes"] = most_processes
    return result


def report(label: str, result: dict, target: str = "") -> None:
    rate = result["units"] / result["seconds"] if result["seconds"] else float("inf")
    print(
        f"{label:<46} {result['seconds']:8.2f} s {rate:12,.0f} units/s "
        f"{result['peak_mb']:8.0f} MB peak   {target}"
    )


# ----------------------------------------------------------------- the import's profile

IMPORTER_WAIT = "wait for the reader"
READER_WAIT = "wait for the importer"


def _union(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _length(intervals: list[tuple[float, float]]) -> float:
    return sum(b - a for a, b in intervals)


def _intersection(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> float:
    total, i, j = 0.0, 0, 0
    while i < len(a) and j < len(b):
        low, high = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        total += max(0.0, high - low)
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


Spans = list[tuple[float, float]]


def _minus(span: tuple[float, float], holes: Spans) -> Spans:
    out, start = [], span[0]
    for a, b in _union(holes):
        if a > start:
            out.append((start, min(a, span[1])))
        start = max(start, b)
    if start < span[1]:
        out.append((start, span[1]))
    return out


def profile(tmx_path: Path, folder: Path, label: str, source: Path | None = None) -> dict:
    """Import with the phase recorder on (sajeon.core.phases) with the code in ``source``
    (this checkout's when None); print each process's phases and how the two overlap."""
    timings = folder / f"phases-{label}"
    timings.mkdir()
    env = {**os.environ, "SAJEON_PHASES": str(timings)}
    if source is not None:
        env["SAJEON_BENCH_SRC"] = str(source.resolve())
    project = folder / f"project-{label}"
    result = run("import", tmx_path, project, env=env)
    result["project"] = project
    processes = [json.loads(p.read_text()) for p in sorted(timings.glob("phases-*.json"))]
    importer = next(p for p in processes if p["role"] == "importer")
    whole = next((a, b) for name, a, b in importer["intervals"] if name == "import")
    wall = whole[1] - whole[0]
    rate = result["units"] / wall
    print(f"\n{label}: import of {result['units']:,} units, {wall:.2f} s wall, {rate:,.0f} units/s")
    print(f"{'process':<9} {'phase':<34} {'seconds':>8} {'share':>6}")
    busy: dict[str, list[tuple[float, float]]] = {}
    for proc in sorted(processes, key=lambda p: p["role"]):
        totals: dict[str, float] = {}
        waits = []
        for name, a, b in proc["intervals"]:
            if name == "import":
                continue
            totals[name] = totals.get(name, 0.0) + (b - a)
            if name in (IMPORTER_WAIT, READER_WAIT):
                waits.append((a, b))
        for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
            print(f"{proc['role']:<9} {name:<34} {seconds:8.2f} {seconds / wall:6.0%}")
        if proc["role"] == "importer":
            busy["importer"] = _minus(whole, waits)
        else:
            spans = [(a, b) for name, a, b in proc["intervals"]]
            span = (min(a for a, _ in spans), max(b for _, b in spans))
            busy[proc["role"]] = _minus(span, waits)
    for role, spans in busy.items():
        print(
            f"{role:<9} {'busy (all but waiting)':<34} {_length(spans):8.2f} "
            f"{_length(spans) / wall:6.0%}"
        )
    for proc in sorted(processes, key=lambda p: p["role"]):
        if "cpu" in proc:  # CPU seconds: the work done, less swayed by other load than wall time
            print(f"{proc['role']:<9} {'CPU time (whole process)':<34} {proc['cpu']:8.2f}")
    if "reader" in busy:
        both = _intersection(busy["importer"], busy["reader"])
        print(f"{'both':<9} {'busy at the same time':<34} {both:8.2f} {both / wall:6.0%}")
    print(
        f"peak memory of all processes, sampled every {SAMPLE_SECONDS * 1000:.0f} ms: "
        f"{result['peak_mb']:.0f} MB (sum of VmRSS), {result['peak_pss_mb']:.0f} MB (sum of "
        f"Pss); {result['processes']} processes at most"
    )
    return result


def compare(before_project: Path, after_project: Path, before_source: Path) -> None:
    """Stop with an error unless both imports answer every question alike."""
    env = {**os.environ, "SAJEON_BENCH_SRC": str(before_source.resolve())}
    answers = [
        _child_json("answers", before_project, env=env),
        _child_json("answers", after_project),
    ]
    differ = [k for k in answers[0] if answers[0][k] != answers[1].get(k)]
    print(
        f"\nsame answers before and after: {len(answers[0]) - len(differ)} of "
        f"{len(answers[0])} (tables read by search and fuzzy lookup, "
        f"{sum(k.startswith('search') for k in answers[0])} searches, "
        f"{sum(k.startswith('fuzzy') for k in answers[0])} fuzzy lookups)"
    )
    if differ:
        sys.exit(f"DIFFERENT: {', '.join(differ)}")


def _child_json(*args, env: dict | None = None) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concepts", type=int, default=100_000, help="concepts to export")
    parser.add_argument("--units", type=int, default=1_000_000, help="units in the TMX")
    parser.add_argument("--size", type=float, default=1.0, help="scale both (0.1 = a tenth)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="only the TMX import, with the wall time of each of its phases",
    )
    parser.add_argument("--tmp", type=Path, help="folder for the generated files")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="SRC",
        help="with --profile: also profile the code in SRC (an older src/) on the same "
        "file, and check that search, concordance and fuzzy lookup answer alike",
    )
    args = parser.parse_args()
    concepts = int(args.concepts * args.size)
    units = int(args.units * args.size)
    if args.tmp:
        args.tmp.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sajeon-bench-", dir=args.tmp) as tmp:
        folder = Path(tmp)
        if args.profile:
            tmx_path = folder / "m.tmx"
            write_tmx(tmx_path, units)
            after = profile(tmx_path, folder, "this code")
            if args.before:
                before = profile(tmx_path, folder, "before", args.before)
                compare(before["project"], after["project"], args.before)
            return
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
            "target ≥ 33,000/s, < 300 MB",
        )
        report("  of which reading and checking the TMX", run("parse", tmx_path))
        report("  baseline: translate-toolkit reads that TMX", run("ttk", "tmx", tmx_path))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        # $SAJEON_BENCH_SRC: another copy of the code (an older commit's src/), to compare
        # before and after in one run.
        source = (
            os.environ.get("SAJEON_BENCH_SRC") or Path(__file__).resolve().parent.parent / "src"
        )
        sys.path.insert(0, str(source))
        sys.path.insert(1, str(Path(__file__).resolve().parent))  # search_latency's queries
        child(sys.argv[2:])
    else:
        main()
