"""The one error sajeon raises for bad input. Its own module so that every core module (the
model, language tags) can raise it without importing another: ``model`` re-exports it."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input from a user or a file; the message is one line naming the value."""


def shown(value: str, most: int = 40, keep: int | None = None) -> str:
    """A value quoted for an error line: whole when it has at most ``most`` characters,
    else its first ``keep`` (default ``most``) and its length (an over-long argument)."""
    if len(value) <= most:
        return repr(value)
    return f"{value[: keep or most]!r}… ({len(value):,} characters)"
