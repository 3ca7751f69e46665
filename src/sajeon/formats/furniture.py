"""Page furniture of news articles: rules read from data, applied to an article's paragraphs.

The rules ship with the package (``data/furniture.toml``, whose comments document the format);
a newsroom adds its own under ``[furniture]`` in ``sajeon.toml`` (``[[furniture.rule]]``, and
``disable = [names]`` to switch bundled rules off). Nothing is dropped silently: every piece
removed is returned as a :class:`Dropped` with the rule's name as its reason.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from itertools import pairwise
from pathlib import Path

from ..core.config import CONFIG_FILE, line_of, read_text
from ..core.errors import InputError

TAG_LIST = "tag list"
REPEATED_ALT = "image alt text repeated above its caption"
ALT_ABOVE_CAPTION = "image alt text above its caption"
SECTION_LABEL = "section label"
TEASER = "related article teaser"
RELATED_HEADING = "related articles"
BREADCRUMB = "breadcrumb"
_PLACES = ("line", "start", "end")
_KEYS = {"name", "lang", "site", "caption", *_PLACES}
_TAG_WORD = re.compile(r"#?[a-z0-9][a-z0-9'’-]*|#[^\s#]+")
_FRAGMENT = re.compile(r"\{\{(\w+)\}\}")
# A paragraph that reads as running text: a sentence ending at its end.
_SENTENCE = re.compile(r"[.!?。]['\"”’)\]]*$")
_CAPTION_START = re.compile(r"\s*(?:\[[^\]]{1,20}\]|▲|\(?사진\s*[=:]|(?:file )?photo\s*:)", re.I)


@dataclass(frozen=True)
class Dropped:
    """A piece of furniture removed from an article, and why."""

    text: str
    reason: str
    lang: str | None = None


@dataclass(frozen=True)
class Rule:
    name: str
    place: str  # "line", "start" or "end"
    pattern: re.Pattern[str]
    lang: str | None = None
    site: str | None = None
    caption: bool = True

    def applies(self, lang: str, url: str | None) -> bool:
        if self.lang and self.lang != lang:
            return False
        return not (self.site and url and self.site not in url)


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...] = ()
    disabled: frozenset[str] = field(default_factory=frozenset)
    fragments: dict[str, str] = field(default_factory=dict, compare=False)

    def enabled(self, name: str) -> bool:
        return name not in self.disabled

    def for_article(self, lang: str, url: str | None) -> list[Rule]:
        return [r for r in self.rules if r.applies(lang, url) and self.enabled(r.name)]


# --------------------------------------------------------------------------- reading rules


def _expand(source: str, fragments: dict[str, str], where: str) -> str:
    """``{{date}}`` in a rule's expression: the fragment of that name, as a group."""

    def one(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in fragments:
            known = ", ".join(sorted(fragments)) or "none"
            raise InputError(f"{where}: unknown fragment {{{{{name}}}}} (known: {known})")
        return f"(?:{fragments[name]})"

    return _FRAGMENT.sub(one, source)


def _rule(entry: object, label: str, text: str, number: int, fragments: dict[str, str]) -> Rule:
    where = f"{label}: rule {number}"
    if not isinstance(entry, dict):
        raise InputError(f"{where}: must be a table with name and line, start or end")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{where}: needs a name (the reason shown for what it drops)")
    where = f"{label}: rule {number} ({name!r})"
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise InputError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    places = [p for p in _PLACES if p in entry]
    if len(places) != 1:
        raise InputError(f"{where}: needs exactly one of line, start, end")
    place = places[0]
    source = entry[place]
    if not isinstance(source, str) or not source:
        raise InputError(f"{where}: {place} must be a non-empty string")
    try:
        pattern = re.compile(_expand(source, fragments, where), re.IGNORECASE)
    except re.error as exc:
        raise InputError(f"{where}: {place} is not a valid regular expression ({exc})") from None
    lang = entry.get("lang")
    if lang not in (None, "ko", "en"):
        raise InputError(f'{where}: lang must be "ko" or "en"')
    caption = entry.get("caption", place != "line")
    if not isinstance(caption, bool):
        raise InputError(f"{where}: caption must be true or false")
    site = entry.get("site")
    if site is not None and not isinstance(site, str):
        raise InputError(f"{where}: site must be a host name")
    return Rule(name.strip(), place, pattern, lang, site, caption)


def _fragments(data: dict, label: str, known: dict[str, str]) -> dict[str, str]:
    """Named pieces of expressions (``[fragment]``, ``date = '…'``), used as ``{{date}}``;
    a fragment may use those defined before it."""
    table = data.get("fragment", {})
    if not isinstance(table, dict):
        raise InputError(f"{label}: 'fragment' must be a table of named expressions")
    fragments = dict(known)
    for name, source in table.items():
        if not isinstance(source, str) or not source:
            raise InputError(f"{label}: fragment {name!r} must be a non-empty string")
        fragments[name] = _expand(source, fragments, f"{label}: fragment {name!r}")
    return fragments


def parse_rules(
    text: str, label: str, table: str | None = None, fragments: dict[str, str] | None = None
) -> Rules:
    """Rules from TOML text: top-level ``[[rule]]`` (the bundled file) or ``[table]``'s;
    ``fragments`` are those a rule may use besides the text's own ``[fragment]`` table."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{label}: not valid TOML: {exc}") from None
    if table is not None:
        data = data.get(table, {})
        if not isinstance(data, dict):
            raise InputError(f"{label}:{line_of(text, table)}: '{table}' must be a [{table}] table")
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise InputError(f"{label}: 'rule' must be an array of tables ([[rule]])")
    disabled = data.get("disable", [])
    if not isinstance(disabled, list) or not all(isinstance(d, str) for d in disabled):
        raise InputError(f"{label}: disable must be a list of rule names")
    known = _fragments(data, label, fragments or {})
    rules = tuple(_rule(e, label, text, n, known) for n, e in enumerate(entries, start=1))
    return Rules(rules, frozenset(disabled), known)


def bundled_rules() -> Rules:
    data = resources.files("sajeon.formats").joinpath("data/furniture.toml")
    return parse_rules(data.read_text(encoding="utf-8"), "furniture.toml")


def load_rules(config: Path | None = None) -> Rules:
    """The bundled rules plus a project's ``[furniture]`` table (``sajeon.toml``), if any."""
    rules = bundled_rules()
    if config is not None and config.is_dir():
        config = config / CONFIG_FILE
    if config is None or not config.is_file():
        return rules
    label = config.as_posix()
    extra = parse_rules(read_text(config, label), label, "furniture", rules.fragments)
    return Rules(rules.rules + extra.rules, rules.disabled | extra.disabled, extra.fragments)


# --------------------------------------------------------------------------- applying rules


@dataclass
class Piece:
    """A paragraph on its way through the rules: its text, kind (None: not yet known) and
    what was cut from it."""

    text: str
    kind: str | None
    dropped: list[Dropped] = field(default_factory=list)
    keep: bool = True
    tail: list[Dropped] = field(default_factory=list)  # cut from the end, last first


def is_tag_list(text: str, lang: str) -> bool:
    """A short line of lowercase keywords (or #hashtags) without sentence punctuation."""
    words = text.split()
    if not 3 <= len(words) <= 25 or re.search(r"[.!?,;:\"“”()]", text):
        return False
    if all(w.startswith("#") for w in words):
        return True
    return lang == "en" and all(_TAG_WORD.fullmatch(w) for w in words)


def _cut(piece: Piece, rule: Rule, lang: str) -> bool:
    match = rule.pattern.match(piece.text) if rule.place == "start" else None
    if rule.place == "end":
        match = rule.pattern.search(piece.text)
    if not match or not match.group().strip():
        return False
    cut = Dropped(match.group().strip(), rule.name, lang)
    if rule.place == "start":
        piece.dropped.append(cut)
        piece.text = piece.text[match.end() :].strip()
    else:
        piece.tail.insert(0, cut)
        piece.text = piece.text[: match.start()].strip()
    if rule.caption:
        piece.kind = "caption" if piece.kind != "dropped" else piece.kind
    return True


def apply_rules(pieces: list[Piece], lang: str, rules: Rules, url: str | None = None) -> None:
    """Drop furniture paragraphs and cut markers and credits, in place; then the rules that
    need context: related-article teasers, section labels, image alt text."""
    active = rules.for_article(lang, url)
    lines = [r for r in active if r.place == "line"]
    # credits first: "Image: Daily NK" alone is a credit, not a marker and a caption
    edges = [r for r in active if r.place == "end"] + [r for r in active if r.place == "start"]
    tags = rules.enabled(TAG_LIST)
    teasers = rules.enabled(TEASER)
    previous: Piece | None = None
    related = body_seen = False
    for piece in pieces:
        if not piece.keep:
            continue
        reason = next((r.name for r in lines if r.pattern.fullmatch(piece.text)), None)
        if reason is None and tags and piece.kind != "heading" and is_tag_list(piece.text, lang):
            reason = TAG_LIST
        if reason is None and related and teasers and _is_teaser(piece):
            reason = TEASER
        if reason is not None:
            piece.dropped.append(Dropped(piece.text, reason, lang))
            piece.keep = False
            related = related or (body_seen and reason == RELATED_HEADING)
            continue
        credit_only = False
        while (
            piece.kind != "heading"
            and piece.text
            and any(_cut(piece, rule, lang) for rule in edges)
        ):
            credit_only = not piece.text
        piece.dropped += piece.tail  # in document order: markers, then credits
        if not piece.text:
            piece.keep = False
            if credit_only and previous is not None and previous.kind in (None, "body"):
                previous.kind = "caption"  # a caption without marker, then its credit
            continue
        if _is_running_text(piece):
            body_seen, related = True, False
        previous = piece
    if rules.enabled(SECTION_LABEL):
        _drop_section_labels(pieces, lang)
    if rules.enabled(REPEATED_ALT):
        _drop_repeated_alt(pieces, lang)
    if rules.enabled(ALT_ABOVE_CAPTION):
        _drop_alt_above_caption(pieces, lang)


def _is_running_text(piece: Piece) -> bool:
    """A paragraph of the article's text: it ends as a sentence does."""
    return piece.kind not in ("heading", "caption") and bool(_SENTENCE.search(piece.text))


def _is_short_unpunctuated(text: str, most: int) -> bool:
    ends = re.search(r"(?<!\.\.)[.!。]['\"”’)\]]*$", text)
    return 2 <= len(text) <= most and not ends and not _CAPTION_START.match(text)


def _is_teaser(piece: Piece) -> bool:
    """A headline-like line: what follows a "related articles" heading until the text resumes."""
    return piece.kind != "caption" and _is_short_unpunctuated(piece.text, 160)


def _is_label(piece: Piece) -> bool:
    """One or two words alone, without digits or punctuation: a section or category name."""
    text = piece.text
    return (
        piece.kind != "heading"
        and len(text.split()) <= 2
        and len(text) <= 25
        and not re.search(r"[\d.,!?:;\"“”()\[\]@#]", text)
    )


def _is_headline(piece: Piece) -> bool:
    text = piece.text
    heading_like = piece.kind in (None, "heading", "body") and len(text.split()) >= 3
    return heading_like and not _SENTENCE.search(text) and not _CAPTION_START.match(text)


def _drop_section_labels(pieces: list[Piece], lang: str) -> None:
    """Before the headline (or right after a breadcrumb), a line of one or two words is the
    page's section or category, not the article."""
    head: list[Piece] = []
    for piece in pieces:
        if piece.keep and _is_running_text(piece):
            break
        head.append(piece)
    after_crumb = False
    for i, piece in enumerate(head):
        if not piece.keep:
            after_crumb = any(d.reason == BREADCRUMB for d in piece.dropped)
            continue
        headline_follows = any(p.keep and _is_headline(p) for p in head[i + 1 :])
        if _is_label(piece) and (after_crumb or headline_follows):
            piece.dropped.append(Dropped(piece.text, SECTION_LABEL, lang))
            piece.keep = False
            continue
        after_crumb = False


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _drop_repeated_alt(pieces: list[Piece], lang: str) -> None:
    kept = [p for p in pieces if p.keep]
    for piece, following in pairwise(kept):
        if (
            following.kind == "caption"
            and piece.kind != "caption"
            and len(piece.text) >= 8
            and _norm(following.text).startswith(_norm(piece.text).rstrip("."))
        ):
            piece.dropped.append(Dropped(piece.text, REPEATED_ALT, lang))
            piece.keep = False


def _drop_alt_above_caption(pieces: list[Piece], lang: str) -> None:
    """A short unpunctuated line directly above a caption describes the image (its alt text
    or description), unless it may be the headline or a sub-headline: in the head, it must
    follow furniture or two lines of heading."""
    kept_before = 0
    body_seen = False
    for before, piece, following in zip([None, *pieces], pieces, pieces[1:], strict=False):
        if not piece.keep:
            continue
        alt = (
            following.keep
            and following.kind == "caption"
            and piece.kind not in ("caption", "heading")
            and _is_short_unpunctuated(piece.text, 120)
            and len(piece.text) >= 8
        )
        in_head_safe = (
            body_seen
            or kept_before >= 2
            or (kept_before >= 1 and before is not None and not before.keep)
        )
        if alt and in_head_safe:
            piece.dropped.append(Dropped(piece.text, ALT_ABOVE_CAPTION, lang))
            piece.keep = False
            continue
        kept_before += 1
        body_seen = body_seen or _is_running_text(piece)
