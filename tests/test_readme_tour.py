"""The README's examples are a script: every ``sajeon`` command in its code blocks runs, in
the order written, on a copy of the bundled project, with the files it names taken from
``docs/examples/`` (a new user's clone has them too).

A command passes when it exits 0, or when the README says it fails: the next line is a
``#   Error: …`` comment (the error must then be that one), or its comment says "exit
status 1". In ``console`` blocks, the lines shown under ``$ sajeon …`` are its output: they
must appear in order; ``…`` stands for anything (a line of it for any number of lines).
``sajeon serve`` is not started (it would not return); its options are checked instead.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sajeon.cli import cli
from sajeon.storage.project import Project

from .conftest import ROOT, SHARED, need

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```([a-z]*)\n(.*?)^```", re.M | re.S)


@dataclass
class Example:
    line: int  # in README.md, for the failure message
    args: list[str]
    fails_with: str | None = None  # the error the README shows, when it shows one
    may_fail: bool = False  # "exit status 1" in its comment: a check that reports errors
    output: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"README.md:{self.line}: sajeon {shlex.join(self.args)}"


def _logical_lines(body: str, first: int) -> list[tuple[int, str]]:
    """Lines with their README line numbers, continuation backslashes joined."""
    lines: list[tuple[int, str]] = []
    pending = None
    for number, line in enumerate(body.splitlines(), first):
        if pending is not None:
            start, text = pending
            line = text + " " + line.strip()
            number = start
        if line.rstrip().endswith("\\"):
            pending = (number, line.rstrip()[:-1])
            continue
        pending = None
        lines.append((number, line))
    return lines


def examples(readme: str = README) -> list[Example]:
    found: list[Example] = []
    for block in BLOCK.finditer(readme):
        kind, body = block.group(1), block.group(2)
        if kind not in ("bash", "console"):
            continue
        first = readme.count("\n", 0, block.start(2)) + 1
        current: Example | None = None
        for number, line in _logical_lines(body, first):
            command = line[2:] if kind == "console" and line.startswith("$ ") else line
            if kind == "console" and not line.startswith("$ "):
                if current is not None:
                    current.output.append(line)
                continue
            if line.startswith("#   Error: ") and current is not None:
                current.fails_with = "Error: " + line.removeprefix("#   Error: ").strip()
                continue
            words = shlex.split(command, comments=True)
            if not words or words[0] != "sajeon":
                current = None
                continue
            current = Example(number, words[1:], may_fail="exit status 1" in command)
            found.append(current)
    return found


def output_matches(expected: list[str], actual: list[str]) -> bool:
    """Doctest-like: line for line, white space folded; ``…`` in a line matches anything
    there, and a line of only ``…`` any number of lines. Nothing shown: not checked."""
    if not expected:
        return True
    actual = [line for line in actual if not line.startswith("building ")]
    return _lines_match(expected, actual)


def _lines_match(expected: list[str], actual: list[str]) -> bool:
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == "…":
        return any(_lines_match(rest, actual[i:]) for i in range(len(actual) + 1))
    if not actual:
        return False
    pattern = ".*".join(re.escape(" ".join(part.split())) for part in head.split("…"))
    return bool(re.fullmatch(pattern, " ".join(actual[0].split()))) and _lines_match(
        rest, actual[1:]
    )


def _check_serve_options(example: Example) -> None:
    serve = cli.commands["serve"]
    with click.Context(cli) as parent:
        serve.make_context("serve", list(example.args[1:]), parent=parent)


@pytest.fixture
def tour_project(tmp_path: Path, monkeypatch) -> Project:
    """The bundled project as a new user's clone has it, with ../shared beside it."""
    need(SHARED.is_dir(), f"{SHARED} (the shared material) is not beside the project")
    root = tmp_path / "clone"
    root.mkdir()
    for name in ("glossary", "memory", "docs"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "qa-ignore.tsv", root / "qa-ignore.tsv")
    (tmp_path / "shared").symlink_to(SHARED, target_is_directory=True)
    monkeypatch.chdir(root)
    return Project(root)


def test_the_readme_has_examples_for_the_tour():
    found = examples()
    assert len(found) >= 40
    assert any(e.fails_with for e in found)  # the refusal example is run too
    assert any(e.output for e in found)


def test_every_readme_example_runs_in_order(tour_project: Project):
    runner = CliRunner()
    failures = []
    for example in examples():
        if example.args[:1] == ["serve"]:
            try:
                _check_serve_options(example)
            except click.ClickException as exc:
                failures.append(f"{example}: {exc.format_message()}")
            continue
        result = runner.invoke(cli, example.args, catch_exceptions=True)
        output = result.output
        if result.exception and not isinstance(result.exception, SystemExit):
            failures.append(f"{example}: raised {result.exception!r}")
        elif example.fails_with is not None:
            if result.exit_code != 1 or not output_matches(
                [example.fails_with], output.splitlines()
            ):
                failures.append(f"{example}: expected the error shown, got:\n{output}")
        elif result.exit_code != 0 and not (example.may_fail and result.exit_code == 1):
            failures.append(f"{example}: exit {result.exit_code}:\n{output}")
        elif not output_matches(example.output, output.splitlines()):
            failures.append(f"{example}: output differs from the README:\n{output}")
    assert not failures, "\n\n".join(failures)


def test_output_matching_is_strict_where_the_readme_shows_text():
    actual = ["93%   체포된 주민들은", "      The arrested", "87%   무산군"]
    assert output_matches(["93%   체포된 주민들은", "…"], actual)
    assert output_matches(["93% …", "…", "87% …"], actual)
    assert not output_matches(["92%   체포된 주민들은"], actual)
    assert not output_matches(["87%   무산군", "93%   체포된 주민들은"], actual)
    assert not output_matches(["93%   체포된 주민들은"], actual)  # more output than shown
