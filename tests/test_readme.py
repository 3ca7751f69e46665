"""The README stays true: a two-command Quick start whose second command is what CI runs,
an example for every CLI command, and the bundled data's counts as they are."""

from __future__ import annotations

import re

import click

from sajeon.cli import cli
from sajeon.storage.project import Project

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.M | re.S)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def code_blocks(text: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```", text, re.M | re.S)


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
        else:
            paths.append((*prefix, name))
    return paths


def test_quick_start_is_two_commands_and_the_second_is_what_ci_runs():
    blocks = code_blocks(section("Quick start"))
    assert len(blocks) == 1
    commands = [line for line in blocks[0].splitlines() if line.strip()]
    assert len(commands) == 2, commands
    setup, tests = commands
    assert "pip install -e '.[test]'" in setup and setup.endswith("sajeon serve")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in ci  # CI runs exactly the README's test command


def test_every_command_has_an_example():
    examples = "\n".join(code_blocks(README))
    paths = command_paths(cli)
    assert len(paths) >= 20
    missing = [
        " ".join(path)
        for path in paths
        if not re.search(rf"(^|\$ |\s)sajeon {re.escape(' '.join(path))}\b", examples, re.M)
    ]
    assert missing == []


def test_counts_in_the_readme_are_the_bundled_data():
    project = Project(ROOT)
    glossary = project.load_glossary()
    concepts = len(glossary)
    terms = sum(len(c.terms) for c in glossary)
    segments = len(project.load_memory().segments)
    quick_start = section("Quick start")
    quick_start = " ".join(quick_start.split())  # as rendered: line breaks are spaces
    assert f"({concepts} concepts, {terms} terms)" in quick_start
    assert f"memory ({segments} segment pairs)" in quick_start
    assert f"The bundled memory is {segments} segment pairs" in " ".join(README.split())


def test_documentation_links_point_at_files_that_exist():
    for target in re.findall(r"\]\(((?:docs/)[^)#]+)", README):
        assert (ROOT / target).is_file(), target
