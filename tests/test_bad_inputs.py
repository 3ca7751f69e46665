"""Runs the bad-input corpus of ``tests/badinput`` (issue 15): every case refused with a
one-line error, no traceback, nothing changed."""

from __future__ import annotations

import re
import shutil
import traceback
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from sajeon.cli import cli
from sajeon.storage.project import Project

from .badinput import BULLETS, Case, all_cases
from .conftest import snapshot

CASES = all_cases()


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob(".sajeon-*"))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_cleanly(
    case: Case, built_template: Path, tmp_path: Path, monkeypatch
):
    root = tmp_path / "project"
    shutil.copytree(built_template, root)
    for name, data in case.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    monkeypatch.chdir(root)  # a case names its files relative to the project
    project = Project(root)
    before = snapshot(project)
    leftovers = _leftovers(root)
    result = CliRunner().invoke(
        cli, ["-C", str(root), *case.argv], input=case.stdin, catch_exceptions=True
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"sajeon {' '.join(case.argv)} raised:\n{trace}")
    assert "Traceback" not in result.output, result.output
    if case.may_accept and result.exit_code == 0:
        return
    assert result.exit_code != 0, f"accepted: sajeon {' '.join(case.argv)}\n{result.output}"
    assert result.exit_code == case.exit_code or case.may_accept, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error: ")]
    assert len(errors) == 1, result.output
    if case.exit_code == 1:  # bad data: the error is all there is (progress notes aside)
        others = [line for line in lines if not line.startswith(("Error: ", "building "))]
        assert not others, result.output
    if not case.may_accept:
        assert re.search(case.message, errors[0]), f"{errors[0]!r} !~ {case.message!r}"
    assert snapshot(project) == before
    assert _leftovers(root) == leftovers


def test_the_corpus_covers_every_rule():
    per_bullet = Counter(case.bullet for case in CASES if not case.may_accept)
    assert set(per_bullet) <= set(BULLETS), set(per_bullet) - set(BULLETS)
    assert len({case.id for case in CASES}) == len(CASES), "case ids must be unique"
    assert sum(per_bullet.values()) >= 250, per_bullet
    assert set(per_bullet) == set(BULLETS), f"no cases for {set(BULLETS) - set(per_bullet)}"
