"""News articles as plain text or HTML pages: their paragraphs and metadata.

Plain text: UTF-8 (a BOM and CRLF line ends are fine). A line is a paragraph, and blank lines
may separate paragraphs; a file whose blank-line blocks mostly hold several lines is taken
to be hard-wrapped, and its lines are joined within each block. Leading paragraphs without
a sentence ending are the headline and sub-headlines; paragraphs that start with a caption
marker (``[사진]``, ``▲``, ``[Photo]``, ``Photo:``) are captions.

HTML: the article body only (lxml). The content root is ``<article>`` (or ``<main>``, or an
element whose class or itemprop says article body), without navigation, asides, related
links, forms, scripts and footers; ``<h1>``–``<h6>`` become headings, ``<figcaption>``
captions, and ``<p>``, ``<li>``, ``<blockquote>`` and ``<br>``-separated text paragraphs.
Title, canonical URL and publication date come from the page's ``<head>``. Boxes inside
the content root that are not the article (related links, share buttons, tags, asides) are
left out and listed in ``Article.dropped``.

Furniture (``furniture=True`` or a :class:`~.furniture.Rules`): tag lists, photo credits,
caption markers, bylines, copyright lines and the like are removed by the rules of
``data/furniture.toml`` (plus a newsroom's own) and listed in ``Article.dropped``, in document
order, each with the rule's name as its reason. A caption keeps only the caption proper.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import lxml.html
from lxml import etree

from ..core.model import InputError, clean_input
from ..core.sentences import Paragraph
from ..core.text import is_hangul
from .furniture import Dropped, Piece, Rules, apply_rules, load_rules

_CAPTION = {
    "ko": re.compile(
        r"^\s*(?:\[\s*(?:사진|자료사진|그래픽|영상|이미지|캡처)[^\]]*\]|▲|\(사진\s*[=:]|사진\s*[=:])"
    ),
    "en": re.compile(r"^\s*(?:\[\s*(?:photo|image|picture|graphic|video|caption)[^\]]*\]|"
                     r"(?:photo|image|caption)\s*:)", re.IGNORECASE),
}  # fmt: skip
# A sentence ending: a headline has none (or ends in … / ?).
_SENTENCE_END = re.compile(r"(?:다|요|[a-z0-9%)”’\"'])[.!]['\"”’)]*$")
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "table",
    "tr", "td", "th", "blockquote", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "pre", "address", "hr", "br",
}  # fmt: skip
# Dropped without a word (no text a reader sees) and, inside the article, listed as dropped.
_SILENT_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "input", "textarea")
_BOX_TAGS = {"nav", "aside", "form", "button", "select", "footer", "menu"}
_BOILERPLATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|comment|comments|advert|ad|ads|banner|"
    r"breadcrumb|byline-share|newsletter|subscribe|tags|promo|related\w*|recommend\w*|"
    r"(?:most|more)[-_]?(?:read|viewed|popular|news|stories)|popular\w*)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BODY_CLASS = re.compile(r"article[-_]?(?:body|content|text|view)|entry-content|news[-_]?body",
                         re.IGNORECASE)  # fmt: skip


@dataclass
class Article:
    paragraphs: list[Paragraph]
    title: str | None = None
    url: str | None = None
    date: str | None = None
    path: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    dropped: list[Dropped] = field(default_factory=list)


def decode(
    data: bytes, label: str, encoding: str | None = None, *, encoding_option: bool = True
) -> str:
    """Text of a file: UTF-8 with or without BOM, NFC, LF line ends.

    ``encoding`` (e.g. cp949 for an old Korean archive) is used for files that are not valid
    UTF-8, so one setting serves a Korean folder in CP949 and an English one in UTF-8.
    Without ``encoding_option`` (a command that has no --encoding) a CP949 file is named
    as such but no option is suggested.
    """
    if encoding and encoding.lower().replace("_", "-") not in ("utf-8", "utf8", "utf-8-sig"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
        try:
            text = text if text is not None else data.decode(encoding)
        except LookupError:
            raise InputError(f"{label}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{label}: not valid {encoding} ({exc.reason})") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            hint = ""
            try:
                data.decode("cp949")
                hint = "; it looks like EUC-KR/CP949" + (
                    ": use --encoding cp949" if encoding_option else ", save it as UTF-8"
                )
            except UnicodeDecodeError:
                pass
            raise InputError(f"{label}:{line}: not valid UTF-8 ({exc.reason}){hint}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def is_html(text: str, path: Path | None = None) -> bool:
    if path is not None and path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in text[:2000].lower()


def read_article(
    path: Path,
    lang: str,
    *,
    encoding: str | None = None,
    label: str | None = None,
    furniture: Rules | bool = False,
) -> Article:
    """Read an article from a text or HTML file; with ``furniture`` (True: the bundled
    rules, or the given ones) page furniture is removed and listed in ``dropped``."""
    label = label or path.as_posix()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{label}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{label}: is a directory, not an article file") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{label}: a binary file, not text or HTML")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not encoding:
        encoding = "utf-16"
    rules = load_rules() if furniture is True else furniture or None
    if is_html(data[:4096].decode("latin-1"), path):
        article = parse_html(data, lang, label, encoding, rules)
    else:
        article = extract_text(decode(data, label, encoding), lang, rules)
    article.path = label
    return article


# --------------------------------------------------------------------------- plain text


def parse_text(text: str, lang: str) -> list[Paragraph]:
    return classify(_text_paragraphs(text), lang)


def extract_text(text: str, lang: str, rules: Rules | None = None) -> Article:
    """A pasted article: its paragraphs, without the furniture the rules find."""
    texts = _text_paragraphs(text)
    if rules is None:
        return Article(classify(texts, lang))
    return _article(texts, [None] * len(texts), lang, rules, {})


def _article(
    texts: list[str], kinds: list[str | None], lang: str, rules: Rules | None, meta: dict
) -> Article:
    """Paragraphs with kinds, furniture applied: kinds already known (HTML) are kept;
    ``dropped:REASON`` marks a box of the page left out."""
    pieces = [Piece(t, k) for t, k in zip(texts, kinds, strict=True)]
    for piece in pieces:
        if piece.kind and piece.kind.startswith("dropped:"):
            piece.dropped.append(Dropped(piece.text, piece.kind.split(":", 1)[1], lang))
            piece.keep = False
    if rules is not None:
        apply_rules(pieces, lang, rules, meta.get("url"))
    kept = [p for p in pieces if p.keep]
    paragraphs = classify([p.text for p in kept], lang, [p.kind for p in kept])
    return Article(
        paragraphs,
        title=meta.get("title"),
        url=meta.get("url"),
        date=meta.get("date"),
        meta=meta,
        dropped=[d for p in pieces for d in p.dropped],
    )


def _text_paragraphs(text: str) -> list[str]:
    lines = [_clean(line) for line in text.split("\n")]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    multi = sum(1 for b in blocks if len(b) > 1)
    wrapped = len(blocks) > 1 and multi > len(blocks) / 2
    return [" ".join(b) for b in blocks] if wrapped else [line for b in blocks for line in b]


def classify(texts: list[str], lang: str, kinds: list[str | None] | None = None) -> list[Paragraph]:
    """Paragraphs with kinds: captions by marker, leading unpunctuated lines as headings."""
    caption = _CAPTION.get(lang, _CAPTION["en"])
    paragraphs: list[Paragraph] = []
    in_head = True
    for i, text in enumerate(texts):
        kind = kinds[i] if kinds else None
        if kind is None:
            if caption.match(text):
                kind = "caption"
            elif in_head and len(text) < 200 and not _SENTENCE_END.search(text):
                kind = "heading"
            else:
                kind = "body"
        if kind == "body":
            in_head = False
        paragraphs.append(Paragraph(text, kind))
    return paragraphs


def _clean(text: str) -> str:
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------------------- HTML


def parse_html(
    data: bytes, lang: str, label: str, encoding: str | None = None, rules: Rules | None = None
) -> Article:
    if encoding is None:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
        if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
            encoding = declared.group(1).decode("ascii")
    text = decode(data, label, encoding)
    try:
        document = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{label}: not readable as HTML ({exc})") from None
    meta = _head_meta(document)
    root = _content_root(document)
    for element in list(root.iter(*_SILENT_TAGS)):
        _drop(element)
    texts: list[str] = []
    kinds: list[str | None] = []
    _collect(root, texts, kinds)
    if not any(k == "heading" for k in kinds):
        headline = document.xpath("//h1")
        if len(headline) == 1 and (text := _clean(headline[0].text_content())):
            texts.insert(0, text)
            kinds.insert(0, "heading")
        elif rules is not None and meta.get("title"):  # an old page: the title is in <head>
            title = meta["title"]
            # set in the body as plain text (a table cell, a <b>)? then that is the headline
            same = next((k for k, t in enumerate(texts[:10]) if _clean(t) == title), None)
            if same is None:
                texts.insert(0, title)
                kinds.insert(0, "heading")
            else:
                kinds[same] = "heading"
    # Within the body, paragraphs are body text unless a marker or a rule says caption.
    if rules is None:
        caption = _CAPTION.get(lang, _CAPTION["en"])
        kinds = [
            k or ("caption" if caption.match(t) else "body")
            for t, k in zip(texts, kinds, strict=True)
        ]
    else:
        kinds = [k or "body" for k in kinds]
    return _article(texts, kinds, lang, rules, meta)


def _without_site_name(title: str) -> str:
    """``헤드라인 - 데일리NK``, ``데일리NK :: 헤드라인`` → ``헤드라인``: a page title
    without the site's name, which stands after the headline or, behind ``::`` or ``|``,
    before it."""
    found = re.match(r"(.{10,}?)\s+(?:::|[-|–:·»])\s+[^-|–:·»]{2,25}$", title)
    if found:
        return found.group(1)
    found = re.match(r"[^-|–:·»]{2,25}?\s*(?:::|\|)\s*(.{10,})$", title)
    return found.group(1) if found else title


def _drop(element) -> None:
    if element.getparent() is not None:
        element.drop_tree()


def _head_meta(document) -> dict[str, str]:
    meta: dict[str, str] = {}

    def first(*xpaths: str) -> str | None:
        for xpath in xpaths:
            for value in document.xpath(xpath):
                value = _clean(str(value))
                if value:
                    return value
        return None

    title = first("//meta[@property='og:title']/@content", "//title/text()")
    if title:  # the headline, not "headline | Site name"
        meta["title"] = _without_site_name(title)
    url = first("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
    if url:
        meta["url"] = url
    date = first(
        "//meta[@property='article:published_time']/@content",
        "//meta[@name='date']/@content",
        "//time/@datetime",
    )
    if date and re.match(r"\d{4}-\d{2}-\d{2}", date):
        meta["date"] = date[:10]
    return meta


def _content_root(document):
    articles = document.xpath("//article")
    if articles:
        return max(articles, key=lambda e: len(e.text_content()))
    for xpath in ("//main", "//*[@itemprop='articleBody']"):
        found = document.xpath(xpath)
        if found:
            return found[0]
    bodies = [
        e
        for e in document.iter()
        if isinstance(e.tag, str) and _BODY_CLASS.search(e.get("class", ""))
    ]
    if bodies:
        return max(bodies, key=lambda e: len(e.text_content()))
    body = document.find("body")
    if body is None:
        return document
    for element in list(body.iter("header")):
        _drop(element)
    return body


def _box_reason(element, tag: str) -> str | None:
    """Why a box inside the article is not the article: its tag or its class."""
    found = _BOILERPLATE_CLASS.search(element.get("class", "") + " " + element.get("id", ""))
    if not found:
        return f"<{tag}> inside the article" if tag in _BOX_TAGS else None
    word = found.group().strip(" _-").lower()
    for prefix, reason in _BOX_REASONS:
        if word.startswith(prefix):
            return reason
    return f"'{word}' box inside the article"


_BOX_REASONS = (
    ("related", "related articles"), ("recommend", "related articles"),
    ("most", "related articles"), ("more", "related articles"), ("popular", "related articles"),
    ("share", "share or print buttons"), ("sharing", "share or print buttons"),
    ("social", "share or print buttons"), ("byline-share", "share or print buttons"),
    ("tags", "tag list"), ("ad", "advertisement"), ("banner", "advertisement"),
    ("promo", "advertisement"), ("comment", "comments"), ("newsletter", "newsletter box"),
    ("subscribe", "newsletter box"), ("breadcrumb", "breadcrumb"),
)  # fmt: skip


def _collect(root, texts: list[str], kinds: list[str | None]) -> None:
    """Walk the tree in document order; block elements and <br> end a paragraph."""
    current: list[str] = []
    kind_stack: list[str | None] = [None]

    def flush() -> None:
        text = _clean("".join(current))
        current.clear()
        if text:
            texts.append(text)
            kinds.append(kind_stack[-1])

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        block = tag in _BLOCK_TAGS or tag in _BOX_TAGS
        if block:  # <br> is in _BLOCK_TAGS: it ends a paragraph too
            flush()
        kind = kind_stack[-1]
        box = _box_reason(element, tag) if element is not root else None
        inside_box = bool(kind and kind.startswith("dropped:"))
        if box and not (inside_box and box.startswith("<")):  # the innermost class names it
            kind = f"dropped:{box}"
        elif inside_box:
            pass
        elif re.fullmatch(r"h[1-6]", tag):
            kind = "heading"
        elif tag == "figcaption" or "caption" in element.get("class", "").lower():
            kind = "caption"
        kind_stack.append(kind)
        if element.text and tag not in ("br",) and isinstance(element.tag, str):
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()
        kind_stack.pop()

    walk(root)
    flush()


# --------------------------------------------------------------------------- text or file
#
# Commands that take a text (lookup, terms) take it unquoted too: their words are one text.
# A single word that looks like a file name is never taken for text: a mistyped name must
# say "file not found", not "no glossary terms found".

_FILE_EXTENSIONS = {
    "txt", "text", "md", "html", "htm", "xhtml", "xml", "po", "pot", "tmx", "tbx", "tsv",
    "csv", "utf8", "json", "xlf", "xliff", "sdlxliff", "mqxliff", "docx", "doc", "odt",
    "rtf", "pdf", "srt", "vtt",
}  # fmt: skip


def looks_like_path(argument: str) -> bool:
    """Whether a one-word argument names a file: it ends in a file extension (기사.txt,
    draft.po) or holds a slash without Hangul (남/북 is text, ./missing is a path)."""
    if not argument or len(argument) > 4096 or any(c.isspace() for c in argument):
        return False
    stem, dot, extension = argument.rpartition(".")
    if dot and stem and extension.lower() in _FILE_EXTENSIONS:
        return True
    return ("/" in argument or "\\" in argument) and not any(is_hangul(c) for c in argument)


def _is_file(path: Path) -> bool:
    """Whether an argument names a file; a sentence too long for a file name is not one
    (Python 3.11's Path.is_file raises for it)."""
    try:
        return path.is_file()
    except OSError:
        return False


def text_argument(
    words: Sequence[str], *, files: bool, stdin: TextIO, what: str = "TEXT"
) -> tuple[str, str | None]:
    """``(text, file name or None)`` from a command's TEXT arguments: ``-`` reads
    ``stdin``, several words are one text, and with ``files`` a single word naming a file
    is read (UTF-8). A word that looks like a file name but is none (or, without
    ``files``, is one) is refused. Wherever the text comes from, it is checked the same
    way (:func:`sajeon.core.model.clean_input`): invalid UTF-8, control characters and an
    empty text are refused, invisible characters removed."""
    if list(words) == ["-"]:
        # Bytes, decoded here, so that invalid UTF-8 is refused with its line as in a file.
        raw = getattr(stdin, "buffer", None)
        text = (
            decode(raw.read(), "standard input", encoding_option=False)
            if raw is not None
            else stdin.read()
        )
        return clean_input(text, "standard input", lines=True), None
    text, file = _words_or_file(words, files=files, what=what)
    return clean_input(text, file or what, lines=file is not None), file


def _words_or_file(words: Sequence[str], *, files: bool, what: str) -> tuple[str, str | None]:
    if len(words) != 1:
        if files and any(_is_file(Path(w)) for w in words if looks_like_path(w)):
            raise InputError(
                f"{' '.join(words)}: give one file on its own, or the text (several words "
                "are read as one text)"
            )
        return " ".join(words), None
    word = words[0]
    if files and "\n" not in word and _is_file(Path(word)):
        return decode(Path(word).read_bytes(), word, encoding_option=False), word
    if looks_like_path(word):
        if not files:
            raise InputError(
                f"{word}: looks like a file name, and this command takes the text itself "
                "('-' reads it from standard input)"
            )
        if Path(word).is_dir():
            raise InputError(f"{word}: is a directory, not a text file")
        raise InputError(f"{word}: file not found")
    return word, None
