"""The one error sajeon raises for bad input. Its own module so that every core module (the
model, language tags) can raise it without importing another: ``model`` re-exports it."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input from a user or a file; the message is one line naming the value."""
