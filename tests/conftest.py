"""Shared fixtures: every test works on a real project directory and a real SQLite file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sajeon.cli import cli
from sajeon.storage.project import Project

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# CI sets this so that nothing that needs ../shared, msgfmt or a browser is skipped there.
REQUIRE_ALL = os.environ.get("SAJEON_REQUIRE_ALL") == "1"


def pytest_report_header(config) -> list[str]:
    """The versions this run tested with, so that a green run says what it covered."""
    import shutil as _shutil
    import sqlite3
    import subprocess
    from importlib.metadata import PackageNotFoundError, version

    from lxml import etree

    packages = []
    for name in (
        "lxml", "datasette", "sqlite-utils", "polib", "babel", "click", "rapidfuzz",
        "pyahocorasick", "numpy", "inflect", "translate-toolkit", "saxonche", "playwright",
    ):  # fmt: skip
        try:
            packages.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            packages.append(f"{name} (not installed)")
    libxml = ".".join(map(str, etree.LIBXML_VERSION))
    compiled = ".".join(map(str, etree.LIBXML_COMPILED_VERSION))
    tools = []
    for command, args in (("msgfmt", ["--version"]), ("chromium", ["--version"])):
        path = _shutil.which(command)
        if path is None:
            tools.append(f"{command} (not found)")
            continue
        out = subprocess.run([path, *args], capture_output=True, text=True, timeout=60).stdout
        tools.append(out.splitlines()[0].strip() if out else command)
    return [
        "sajeon tested with: " + ", ".join(packages),
        f"libxml2 {libxml} (lxml built against {compiled}), SQLite {sqlite3.sqlite_version}",
        "tools: " + "; ".join(tools),
    ]


def need(condition: bool, reason: str) -> None:
    """Skip with a clear reason, except in CI, where the test must run."""
    if condition:
        return
    if REQUIRE_ALL:
        pytest.fail(f"required in CI but missing: {reason}")
    pytest.skip(reason)


@pytest.fixture
def shared() -> Path:
    need(SHARED.is_dir(), f"{SHARED} (the shared material) is not beside the project")
    return SHARED


@pytest.fixture
def empty_project(tmp_path: Path) -> Project:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "memory").mkdir()
    return Project(tmp_path)


@pytest.fixture
def bundled_project(tmp_path: Path) -> Project:
    """A copy of the project's bundled glossary and memory, built into a fresh database."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(ROOT / "glossary", root / "glossary")
    shutil.copytree(ROOT / "memory", root / "memory")
    project = Project(root)
    project.build()
    return project


@pytest.fixture(scope="session")
def built_template(tmp_path_factory) -> Path:
    """The bundled project, built once per run, for tests that run many commands each on
    a copy of it (the bad-input corpus)."""
    root = tmp_path_factory.mktemp("template") / "project"
    root.mkdir()
    shutil.copytree(ROOT / "glossary", root / "glossary")
    shutil.copytree(ROOT / "memory", root / "memory")
    Project(root).build()
    return root


class Sajeon:
    """Runs the real ``sajeon`` command in-process against one project."""

    def __init__(self, project: Project):
        self.project = project
        self.runner = CliRunner()

    def __call__(self, *args: str, ok: bool = True, input: str | None = None):
        result = self.runner.invoke(
            cli, ["-C", str(self.project.root), *args], input=input, catch_exceptions=False
        )
        if ok and result.exit_code != 0:
            raise AssertionError(
                f"sajeon {' '.join(args)} failed ({result.exit_code}):\n{result.output}"
            )
        if not ok and result.exit_code == 0:
            raise AssertionError(f"sajeon {' '.join(args)} should have failed:\n{result.output}")
        return result


@pytest.fixture
def sajeon(bundled_project: Project) -> Sajeon:
    return Sajeon(bundled_project)


@pytest.fixture
def sajeon_empty(empty_project: Project) -> Sajeon:
    return Sajeon(empty_project)


def snapshot(project: Project) -> dict[str, bytes]:
    """Every source file's bytes and the database's data, to prove nothing changed."""
    files = {
        p.relative_to(project.root).as_posix(): p.read_bytes()
        for d in (project.glossary_dir, project.memory_dir)
        if d.exists()
        for p in sorted(d.rglob("*"))
        if p.is_file()
    }
    if project.db_path.exists():
        from sajeon.storage.store import Store

        with Store(project.db_path) as store:
            files["<database>"] = repr(store.dump()).encode()
    return files
