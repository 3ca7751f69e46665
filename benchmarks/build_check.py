"""Benchmark ``sajeon build --check`` on a large memory, old code beside new in one run.

Writes a project under benchmarks/out/ with the bundled glossary and a memory file of N
segment pairs (TSV written directly), builds its database once, then times the check with
this tree's code and with an earlier commit's (``--baseline``, unpacked by
:func:`release.baseline_tree`). Each check runs in a fresh process whose resident memory
is sampled every 10 ms; the peak printed is the largest sample or the kernel's high-water
mark for the process (VmHWM), whichever is larger.

    python benchmarks/build_check.py --segments 200000 --baseline 3434d62
    python benchmarks/build_check.py --segments 1000000      # the issue 16 target

Target (issue 16): 1,000,000 segments checked in < 10 s and < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
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


def edit_middle_row(memory: Path, segments: int) -> None:
    """A drifted file: the row in the middle edited by hand (streamed, so that this process
    stays small while the checks run)."""
    edited = memory.with_suffix(".edited")
    with memory.open("rb") as old, edited.open("wb") as new:
        for number, line in enumerate(old):
            if number == segments // 2:
                line = line.replace(b"\tdesk\t", b"\tdesk (edited)\t")
            new.write(line)
    edited.replace(memory)


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
    print(json.dumps(STEPS[argv[0]](*argv[1:])))


def run_step(src: Path, *args) -> dict:
    """One step in a fresh process running the code in ``src``; its resident memory is
    sampled while it runs."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, __file__, "--child", *map(str, args)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    peak_kb = anon_kb = hwm_kb = 0
    status = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None:
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
            # VmHWM is the kernel's own peak of this program's memory (since its exec).
            hwm_kb = max(hwm_kb, int(fields["VmHWM"].split()[0]))
            if int(fields["VmRSS"].split()[0]) > peak_kb:
                peak_kb = int(fields["VmRSS"].split()[0])
                anon_kb = int(fields["RssAnon"].split()[0])  # of which not file pages
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.01)
    output = proc.stdout.read() if proc.stdout else ""
    if proc.returncode:
        raise SystemExit(f"step {args[0]} failed ({proc.returncode})")
    result = json.loads(output.strip().splitlines()[-1])
    # Not ru_maxrss: Linux carries the parent's peak across fork and exec into it.
    result["peak_mb"] = max(peak_kb, hwm_kb) / 1024
    result["anon_mb"] = anon_kb / 1024
    return result


def report(label: str, result: dict) -> None:
    found = result["differences"]
    verdict = "agrees" if not found else f"{len(found)}+ difference(s): {found[0][:60]}"
    print(
        f"{label:<34} {result['seconds']:7.2f} s {result['peak_mb']:7.0f} MB peak "
        f"({result['anon_mb']:.0f} MB anonymous)   {verdict}"
    )


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
    edit_middle_row(root / "memory" / "ko-en.tsv", args.segments)
    for label, src in trees:
        report(f"  one row edited, {label}", run_step(src, "check", root))
    if not args.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        main()
