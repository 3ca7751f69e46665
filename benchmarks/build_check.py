"""Benchmark ``sajeon build --check`` on a large memory, old code beside new in one run.

Writes a project under benchmarks/out/ with the bundled glossary and a memory file of N
segment pairs (TSV written directly), builds its database once, then times the check with
this tree's code and with an earlier commit's (``--baseline``, unpacked by
:func:`release.baseline_tree`). Each check runs in a fresh process whose resident memory
is sampled every 10 ms; the peak printed is the larger of the samples and the process's
own ``ru_maxrss``.

    python benchmarks/build_check.py --segments 200000 --baseline 3434d62
    python benchmarks/build_check.py --segments 1000000      # the issue 16 target

Target (issue 16): 1,000,000 segments checked in < 10 s and < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from formats import EN_NOUNS, EN_PLACES, EN_VERBS, KO_NOUNS, KO_PLACES, KO_VERBS
from release import OUT, ROOT, baseline_tree


def write_memory(path: Path, segments: int) -> None:
    """A memory file of ``segments`` distinct pairs as sajeon writes them: every fifth with
    a note, every hundredth with an escaped newline, dates across a year."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("ko\ten\torigin\tdate\ttranslator\tnote\n")
        for i in range(segments):
            p, n, v = rng.randrange(18), rng.randrange(30), rng.randrange(10)
            note = f"Checked with source #{i}." if i % 5 == 0 else ""
            extra = "\\n(이어서)" if i % 100 == 0 else ""
            out.write(
                f"{KO_PLACES[p]}에서 {KO_NOUNS[n]} 관련 {KO_VERBS[v]}고 소식통이 {i}일 "
                f"전했다.{extra}\tIn {EN_PLACES[p]}, the {EN_NOUNS[n]} {EN_VERBS[v]}, a source "
                f"said on day {i}.\tbench/{i // 40}\t2025-{1 + i % 12:02d}-{1 + i % 28:02d}\t"
                f"desk\t{note}\n"
            )


def make_project(root: Path, segments: int) -> None:
    """The project, built once (in a child process of this tree's code)."""
    if root.exists():
        shutil.rmtree(root)
    (root / "memory").mkdir(parents=True)
    shutil.copytree(ROOT / "glossary", root / "glossary")
    write_memory(root / "memory" / "ko-en.tsv", segments)
    run_step(ROOT / "src", "build", root)


# --------------------------------------------------------------------------- child steps


def step_build(root: str) -> dict:
    from sajeon.storage.project import Project

    start = time.perf_counter()
    report = Project(Path(root)).build()
    return {"seconds": time.perf_counter() - start, "segments": report.segments}


def step_check(root: str) -> dict:
    from sajeon import app

    start = time.perf_counter()
    drift = app.check_build(Path(root))
    return {"seconds": time.perf_counter() - start, "differences": drift.differences[:5]}


STEPS = {"build": step_build, "check": step_check}


def child(argv: list[str]) -> None:
    result = STEPS[argv[0]](*argv[1:])
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run_step(src: Path, *args) -> dict:
    """One step in a fresh process running the code in ``src``; its resident memory is
    sampled while it runs."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, __file__, "--child", *map(str, args)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    peak_kb = 0
    status = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    peak_kb = max(peak_kb, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(0.01)
    output = proc.stdout.read() if proc.stdout else ""
    if proc.returncode:
        raise SystemExit(f"step {args[0]} failed ({proc.returncode})")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_mb"] = max(peak_kb / 1024, result["maxrss_mb"])
    return result


def report(label: str, result: dict) -> None:
    found = result["differences"]
    verdict = "agrees" if not found else f"{len(found)}+ difference(s): {found[0][:60]}"
    print(f"{label:<34} {result['seconds']:7.2f} s {result['peak_mb']:7.0f} MB peak   {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=1_000_000)
    parser.add_argument("--baseline", help="an earlier commit to time beside this tree")
    parser.add_argument("--keep", action="store_true", help="keep the project afterwards")
    args = parser.parse_args()
    root = OUT / f"build-check-{args.segments}"
    start = time.perf_counter()
    make_project(root, args.segments)
    print(f"{args.segments:,} segments written and built in {time.perf_counter() - start:.0f} s")
    trees = [("this tree", ROOT / "src")]
    if args.baseline:
        trees.insert(0, (f"baseline {args.baseline}", baseline_tree(args.baseline) / "src"))
    for label, src in trees:
        report(f"build --check, {label}", run_step(src, "check", root))
    # A drifted file: one row in the middle changed by hand.
    memory = root / "memory" / "ko-en.tsv"
    lines = memory.read_text(encoding="utf-8").split("\n")
    middle = len(lines) // 2
    lines[middle] = lines[middle].replace("desk", "desk (edited)")
    memory.write_text("\n".join(lines), encoding="utf-8")
    for label, src in trees:
        report(f"  one row edited, {label}", run_step(src, "check", root))
    if not args.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        main()
