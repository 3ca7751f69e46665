"""The code of an earlier release, for benchmarks that compare it with this tree in the same
run (``qa_eval.py``, ``align_eval.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def baseline_tree(rev: str) -> Path:
    """The release's files, unpacked once under benchmarks/out/ (git archive of ``rev``)."""
    tree = OUT / f"baseline-{rev[:12]}"
    if (tree / "src" / "sajeon").is_dir():
        return tree
    tree.mkdir(parents=True, exist_ok=True)
    archive = tree.with_suffix(".tar")
    with archive.open("wb") as out:
        done = subprocess.run(["git", "-C", str(ROOT), "archive", rev], stdout=out)
    if done.returncode:
        raise SystemExit(f"--baseline {rev}: git archive failed (is it a commit of this clone?)")
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    archive.unlink()
    return tree


def run_with(
    tree: Path, module: str, call: str, args: tuple[str, ...] = (), stdin: str | None = None
) -> Any:
    """``module.call`` (a benchmark module's function, as Python source that may use
    ``sys.argv[2:]`` = ``args`` and standard input) evaluated with the sajeon of ``tree``
    in a child process; what it returns, through JSON."""
    program = (
        f"import sys, json; sys.path.insert(0, sys.argv[1]); import {module}; "
        f"print(json.dumps({module}.{call}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(tree / "src"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tree / "src")},
        cwd=Path(__file__).parent,
    )
    if done.returncode:
        raise SystemExit(f"{tree.name}: {module}.{call}: {done.stderr.strip()[-1500:]}")
    return json.loads(done.stdout)
