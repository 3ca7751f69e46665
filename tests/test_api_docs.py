"""docs/api.md stays true: its Python examples run, in order, against a copy of the
bundled project (with docs/examples), from the project's root."""

from __future__ import annotations

import re
import shutil

from sajeon.storage.project import Project

from .conftest import ROOT

API = ROOT / "docs" / "api.md"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, re.M | re.S)


def test_every_api_example_runs(bundled_project: Project, monkeypatch, capsys):
    blocks = python_blocks(API.read_text(encoding="utf-8"))
    assert len(blocks) >= 20
    shutil.copytree(ROOT / "docs" / "examples", bundled_project.root / "docs" / "examples")
    monkeypatch.chdir(bundled_project.root)
    namespace: dict = {}
    for number, block in enumerate(blocks, 1):
        try:
            exec(compile(block, f"docs/api.md block {number}", "exec"), namespace)
        except Exception as exc:
            raise AssertionError(f"docs/api.md example {number} failed:\n{block}") from exc
    # The examples changed the copy, not the bundled project.
    assert "국경경비대" in (bundled_project.root / "glossary" / "terms.tsv").read_text("utf-8")
    assert "국경경비대" not in (ROOT / "glossary" / "terms.tsv").read_text("utf-8")


def test_every_app_function_has_an_example():
    from sajeon import app

    text = API.read_text(encoding="utf-8")
    examples = "\n".join(python_blocks(text))
    functions = [n for n in app.__all__ if callable(getattr(app, n)) and n.islower()]
    missing = [n for n in functions if f"app.{n}(" not in examples]
    assert missing == [], missing
