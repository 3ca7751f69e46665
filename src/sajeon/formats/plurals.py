"""A PO header's ``Plural-Forms``, checked as GNU msgfmt checks it (issue 15).

``Plural-Forms: nplurals=2; plural=(n != 1);`` says how many plural forms the language has
and which one a number takes, as a C expression of ``n``. msgfmt refuses a header whose
``nplurals`` is not a positive integer, whose expression does not parse, or whose
expression gives a form number (for n from 0 to 1000) that is not below ``nplurals``; so
does sajeon, rather than write or import a file that gettext cannot use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..core.model import InputError

#: msgfmt tries the expression for these numbers
CHECKED_NUMBERS = range(0, 1001)

_NPLURALS = re.compile(r"(?:^|;)\s*nplurals\s*=\s*([^;]*)")
_PLURAL = re.compile(r"(?:^|;)\s*plural\s*=\s*([^;]*)")
_TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[<>+\-*/%!?:()]))")

# Binary operators of the gettext grammar (plural-exp.y), loosest first.
_BINARY = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    "<": 4,
    ">": 4,
    "<=": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}

Formula = Callable[[int], int]


class _DivisionByZero(Exception):
    pass


@dataclass(frozen=True)
class PluralForms:
    nplurals: int | None  # None: the header does not say
    formula: Formula | None


def parse_header(value: str, where: str) -> PluralForms:
    """The ``Plural-Forms`` value, or an :class:`InputError` naming ``where``."""
    found = _NPLURALS.search(value)
    count = None
    if found:
        raw = found.group(1).strip()
        if not raw.isascii() or not raw.isdigit() or int(raw) == 0:
            raise InputError(
                f"{where}: Plural-Forms: nplurals={raw!r} is not a positive whole number "
                "(e.g. nplurals=1; plural=0; for Korean)"
            )
        count = int(raw)
    found = _PLURAL.search(value)
    formula = None
    if found:
        formula = parse_expression(found.group(1), where)
        if count is not None:
            _check_range(formula, count, where)
    return PluralForms(count, formula)


def _check_range(formula: Formula, count: int, where: str) -> None:
    for n in CHECKED_NUMBERS:
        try:
            form = formula(n)
        except _DivisionByZero:
            raise InputError(
                f"{where}: Plural-Forms: the plural expression divides by zero (for n={n})"
            ) from None
        if not 0 <= form < count:
            raise InputError(
                f"{where}: Plural-Forms: the plural expression gives form {form} for n={n}, "
                f"but nplurals={count}"
            )


def parse_expression(text: str, where: str) -> Formula:
    """A function of n for a C plural expression, or an :class:`InputError`."""
    tokens = _tokens(text, where)
    parser = _Parser(tokens, text, where)
    formula = parser.expression()
    if parser.position != len(tokens):
        parser.fail()
    return formula


def _tokens(text: str, where: str) -> list[str]:
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            raise InputError(f"{where}: Plural-Forms: cannot read plural={text.strip()!r}")
        tokens.append(match.group(match.lastindex))
        position = match.end()
    return tokens


class _Parser:
    """Precedence climbing over the tokens; ``?:`` is the loosest and right-associative."""

    def __init__(self, tokens: list[str], text: str, where: str):
        self.tokens, self.text, self.where, self.position = tokens, text, where, 0

    def fail(self):
        raise InputError(
            f"{self.where}: Plural-Forms: plural={self.text.strip()!r} is not a valid "
            "plural expression"
        )

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            self.fail()
        self.position += 1
        return token

    def expression(self) -> Formula:
        condition = self.binary(1)
        if self.peek() != "?":
            return condition
        self.take()
        then = self.expression()
        if self.take() != ":":
            self.fail()
        otherwise = self.expression()
        return lambda n: then(n) if condition(n) else otherwise(n)

    def binary(self, level: int) -> Formula:
        left = self.unary()
        while _BINARY.get(self.peek() or "", 0) >= level:
            operator = self.take()
            right = self.binary(_BINARY[operator] + 1)
            left = _apply(operator, left, right)
        return left

    def unary(self) -> Formula:
        token = self.take()
        if token == "!":
            inner = self.unary()
            return lambda n: int(not inner(n))
        if token == "(":
            inner = self.expression()
            if self.take() != ")":
                self.fail()
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        self.fail()


def _apply(operator: str, left: Formula, right: Formula) -> Formula:
    def divide(a: int, b: int) -> int:
        if b == 0:
            raise _DivisionByZero()
        return a // b if operator == "/" else a % b

    # C's || and && do not evaluate their right side when the left decides
    if operator == "||":
        return lambda n: int(bool(left(n) or right(n)))
    if operator == "&&":
        return lambda n: int(bool(left(n) and right(n)))
    operations: dict[str, Callable[[int, int], int]] = {
        "==": lambda a, b: int(a == b),
        "!=": lambda a, b: int(a != b),
        "<": lambda a, b: int(a < b),
        ">": lambda a, b: int(a > b),
        "<=": lambda a, b: int(a <= b),
        ">=": lambda a, b: int(a >= b),
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": divide,
        "%": divide,
    }
    operation = operations[operator]
    return lambda n: operation(left(n), right(n))
