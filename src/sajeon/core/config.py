"""The project's configuration file, ``sajeon.toml`` at the project root: one table per
part of sajeon that can be set per project (``[check]``, ``[romanize]``), read with
:mod:`tomllib`, every error one line naming the file, the line and the key."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from .errors import InputError

CONFIG_FILE = "sajeon.toml"


def read_text(path: Path, label: str) -> str:
    """The file's text (UTF-8, a BOM allowed)."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: not valid UTF-8 ({exc.reason})") from None


def table(text: str, label: str, name: str) -> dict:
    """The ``[name]`` table of the file's text (empty when it has none)."""
    try:
        found = tomllib.loads(text).get(name, {})
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{label}: not valid TOML: {exc}") from None
    if not isinstance(found, dict):
        raise InputError(f"{label}:{line_of(text, name)}: '{name}' must be a [{name}] table")
    return found


def line_of(text: str, key: str) -> int | str:
    """The line a TOML key or table is set on (for messages); '?' when written otherwise."""
    pattern = re.compile(rf"^\s*(?:\[\s*{re.escape(key)}\s*\]|[\"']?{re.escape(key)}[\"']?\s*=)")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return "?"
