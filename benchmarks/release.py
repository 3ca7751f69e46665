"""The code of an earlier release, for benchmarks that compare it with this tree in the same
run (``qa_eval.py``, ``align_eval.py``)."""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path

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
