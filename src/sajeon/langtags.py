"""Language tags: BCP 47 in, checked and normalised with Babel's locale data."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

# Babel quietly maps these to English; a termbase must never do that.
_NOT_LANGUAGES = {"und", "mul", "zxx", "mis", "root"}


@lru_cache(maxsize=256)
def _parse(tag: str) -> Locale:
    from .model import InputError

    raw = (tag or "").strip()
    if not raw:
        raise InputError("language tag is empty")
    if raw.lower().split("-")[0].split("_")[0] in _NOT_LANGUAGES:
        raise InputError(f"unknown language tag {tag!r}: name a language such as ko or en")
    sep = "_" if "_" in raw else "-"
    try:
        return Locale.parse(raw, sep=sep)
    except (UnknownLocaleError, ValueError, TypeError):
        raise InputError(
            f"unknown language tag {tag!r}: use a BCP 47 tag such as ko, en, ja or zh-Hans"
        ) from None


@lru_cache(maxsize=1024)
def normalise_lang(tag: str) -> str:
    """``"KO"`` → ``"ko"``, ``"ko_kr"`` → ``"ko-KR"``, ``"zh_hans"`` → ``"zh-Hans"``.

    Raises :class:`~sajeon.model.InputError` for anything Babel does not know.
    """
    locale = _parse(tag)
    return "-".join(p for p in (locale.language, locale.script, locale.territory) if p)


def display_name(tag: str, in_lang: str = "en") -> str:
    """The language's name, e.g. ``display_name("ko")`` → ``"Korean"``."""
    return _parse(tag).get_display_name(_parse(in_lang)) or tag


def gettext_locale(tag: str) -> str:
    """The gettext spelling of a tag for a PO header: ``ko-KR`` → ``ko_KR``."""
    return str(_parse(tag))


def plural_forms(tag: str) -> str:
    """The gettext Plural-Forms header for the language, from Babel's CLDR data."""
    return str(get_plural(_parse(tag)))


def primary_language(tag: str) -> str:
    """``ko-KR`` → ``ko``: what tools match on first."""
    return _parse(tag).language
