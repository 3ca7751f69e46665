"""Language tags: BCP 47 in, checked and normalised with Babel's locale data."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global, get_locale_identifier, parse_locale
from babel.messages.plurals import get_plural

from .errors import InputError

# Babel quietly maps these to English; a termbase must never do that.
_NOT_LANGUAGES = {"und", "mul", "zxx", "mis", "root"}


@lru_cache(maxsize=256)
def _parse(tag: str) -> Locale:
    raw = (tag or "").strip()
    if not raw:
        raise InputError("language tag is empty")
    if raw.lower().split("-")[0].split("_")[0] in _NOT_LANGUAGES:
        raise InputError(f"unknown language tag {tag!r}: name a language such as ko or en")
    sep = "_" if "_" in raw else "-"
    try:
        parts = _canonical_parts(raw, sep)
        locale = Locale.parse(get_locale_identifier(parts))
    except (UnknownLocaleError, ValueError, TypeError):
        raise InputError(
            f"unknown language tag {tag!r}: use a BCP 47 tag such as ko, en, ja or zh-Hans"
        ) from None
    return locale if parts[1] else _without_region(locale)


def _canonical_parts(raw: str, sep: str) -> tuple[str, str | None, str | None, str | None]:
    """(language, region, script, variant) with the language subtag made BCP 47 through
    CLDR's language aliases: ISO 639-2/3 codes in either form (``kor``, ``eng``, ``chi`` and
    ``zho``, ``fre`` and ``fra``) and retired ones (``iw``) become ``ko``, ``en``, ``zh``,
    ``fr``, ``he``. An alias that is a regional language (``prs`` → ``fa_AF``, Dari) keeps
    its region and script unless the tag names its own."""
    language, region, script, variant = parse_locale(raw, sep=sep)[:4]
    alias = get_global("language_aliases").get(language)
    if alias:
        language, alias_region, alias_script = parse_locale(alias)[:3]
        region, script = region or alias_region, script or alias_script
    return language, region, script, variant


def _without_region(locale: Locale) -> Locale:
    """``locale`` without the region Babel filled in from CLDR's likely subtags for a tag
    that named none (``kor`` would otherwise come back as ``ko_KR``, ``eng`` as ``en_US``):
    a region is a claim about the text that only the tag's writer can make."""
    if not locale.territory:
        return locale
    for parts in ((locale.language, None, locale.script), (locale.language,)):
        try:
            return Locale(*parts)
        except UnknownLocaleError:
            continue
    return locale  # no CLDR locale for the bare language (none in Babel 2.x's data)


@lru_cache(maxsize=1024)
def normalise_lang(tag: str) -> str:
    """``"KO"`` → ``"ko"``, ``"ko_kr"`` → ``"ko-KR"``, ``"zh_hans"`` → ``"zh-Hans"``.

    Raises :class:`~sajeon.core.errors.InputError` for anything Babel does not know.
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


# --------------------------------------------------------------------------- folding (issue 10)
#
# Other tools tag text with a region (OmegaT KO-KR/EN-US, Trados and memoQ ko-KR/en-US,
# msginit en_US, MultiTerm en-GB). On import such a tag is stored as the project's language
# when one matches, so the default commands (ko→en) see what was imported:
#
# * a tag folds into a project language that names no region, of the same language and the
#   same script: scripts never fold (zh-Hant-TW, zh-TW never become zh, which CLDR's likely
#   subtags make Simplified; sr-Latn never becomes sr, which is Cyrillic);
# * the region a bare tag stands for (CLDR likely subtags: en → US, ko → KR, pt → BR,
#   zh → CN) says nothing more, and folds silently; any other region is a real distinction
#   (en-GB spelling, ko-KP North Korean orthography, pt-PT, fr-CA) and the original tag is
#   kept in the note of the segment or term.


@lru_cache(maxsize=256)
def _subtags(tag: str) -> tuple[str, str | None, str | None]:
    """(language, script, region) of a tag, the script filled in from CLDR's likely subtags
    when the tag does not name one; the region only as written."""
    locale = _parse(tag)
    script = locale.script
    if script is None:
        likely = get_global("likely_subtags")
        full = likely.get(f"{locale.language}_{locale.territory}") or likely.get(locale.language)
        if full:
            script = Locale.parse(full).script
    return locale.language, script, locale.territory


@lru_cache(maxsize=256)
def _likely_region(tag: str) -> str | None:
    """The region a tag without one stands for: ``en`` → US, ``zh-Hant`` → TW."""
    locale = _parse(tag)
    if locale.territory:
        return locale.territory
    likely = get_global("likely_subtags")
    key = f"{locale.language}_{locale.script}" if locale.script else locale.language
    full = likely.get(key) or likely.get(locale.language)
    return Locale.parse(full).territory if full else None


def compatible(tag: str, lang: str) -> bool:
    """Whether text tagged ``tag`` may be filed under ``lang`` (both normalised): the same
    language and script, and no other region (``en-US`` → ``en`` yes, ``en-US`` →
    ``en-GB`` no, ``zh-Hant-TW`` → ``zh`` no)."""
    if tag == lang:
        return True
    language, script, region = _subtags(tag)
    want_language, want_script, want_region = _subtags(lang)
    return (
        language == want_language
        and script == want_script
        and (want_region is None or region is None or region == want_region)
    )


def region_noted(tag: str, lang: str) -> bool:
    """Whether filing ``tag`` under ``lang`` loses a real distinction, so that the original
    tag belongs in a note: ``en-GB`` → ``en`` yes, ``en-US`` → ``en`` and ``ko-KR`` → ``ko``
    no (the regions those bare tags stand for)."""
    region = _subtags(tag)[2]
    return region is not None and tag != lang and region != _likely_region(lang)


@dataclass(frozen=True)
class Folding:
    """How the language tags of an imported file become the project's languages.

    ``project``: the project's languages (:meth:`sajeon.storage.project.Project.languages`);
    ``chosen_source``, ``chosen_target``: --from and --to, which win over the project's
    languages and, when both are given, are the only languages imported; ``keep_regions``:
    store every other tag as written (``sajeon import --keep-regions``).
    """

    project: tuple[str, ...] = ("ko", "en")
    keep_regions: bool = False
    chosen_source: str | None = None
    chosen_target: str | None = None

    def choose(self, source: str | None, target: str | None) -> Folding:
        """A copy with --from/--to (normalised) added to those already chosen."""
        return replace(
            self,
            chosen_source=normalise_lang(source) if source else self.chosen_source,
            chosen_target=normalise_lang(target) if target else self.chosen_target,
        )

    @property
    def chosen(self) -> tuple[str, ...]:
        return tuple(lang for lang in (self.chosen_source, self.chosen_target) if lang)

    def fold(self, tag: str) -> tuple[str | None, bool]:
        """``(language to store, whether the original tag goes in a note)`` for a normalised
        tag; None for a language left out (neither --from nor --to, when both are given)."""
        chosen = self.chosen
        if tag in chosen:
            return tag, False
        for lang in chosen:
            if compatible(tag, lang):
                return lang, region_noted(tag, lang)
        if len(chosen) == 2:
            return None, False
        if self.keep_regions or tag in self.project:
            return tag, False
        into = [
            lang for lang in self.project if _subtags(lang)[2] is None and compatible(tag, lang)
        ]
        if len(into) == 1:
            return into[0], region_noted(tag, into[0])
        return tag, False


def without_region_note(note: str | None) -> str | None:
    """``note`` without its ``Language tag: …`` line: what a term shared by two regions says
    apart from the tag it happened to be filed under."""
    if not note or "Language tag: " not in note:
        return note
    lines = [line for line in note.split("\n") if not line.startswith("Language tag: ")]
    return "\n".join(lines) or None


def region_note(tag: str, side: str | None = None) -> str:
    """The note line that keeps a folded tag: ``Language tag: en-GB`` on a term,
    ``Target language tag: en-GB`` on a segment (what the file said, not a claim that the
    term is used only there)."""
    return f"{side} language tag: {tag}" if side else f"Language tag: {tag}"
