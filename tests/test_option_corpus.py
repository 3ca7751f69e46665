"""The base invocations of the option corpus (tests/badinput/cases_options.py) are valid,
so that each bad-value case fails because of its value and nothing else, and a command
without one keeps the corpus from loading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sajeon.cli import cli

from .badinput import cases_options

RUN = sorted(set(cases_options.BASE) - {"serve"})  # serve would not return


@pytest.mark.parametrize("command", RUN)
def test_base_invocation_succeeds(command: str, built_template: Path, tmp_path: Path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(built_template, root)
    argv, files = cases_options.BASE[command]
    for name, data in files.items():
        (root / name).write_bytes(data)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["-C", str(root), *argv])
    assert result.exit_code == 0, result.output


def test_every_command_has_a_base_invocation():
    assert set(cases_options.BASE) == set(cases_options.commands())


def test_a_command_without_one_stops_the_corpus(monkeypatch):
    base = dict(cases_options.BASE)
    del base["lookup"]
    monkeypatch.setattr(cases_options, "BASE", base)
    with pytest.raises(LookupError, match="sajeon lookup"):
        list(cases_options.cases())


def test_every_numeric_option_has_a_range():
    """A count or a score without bounds lets -1, NaN or 10**30 through to the engine."""
    for name, command in cases_options.commands().items():
        for param in command.params:
            if isinstance(param.type, cases_options.click.types._NumberParamTypeBase):
                assert param.type.min is not None and param.type.max is not None, (name, param)
