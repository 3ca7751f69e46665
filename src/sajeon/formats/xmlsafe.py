"""Reading XML files from strangers safely, and turning XML errors into one-line messages.

Every TBX and TMX file sajeon reads goes through :func:`iterparse`. The parser never expands
entities, never loads a DTD and never touches the network; and before a single element is
handed to the caller, the document's prolog is checked:

* a DOCTYPE that declares entities is refused (billion laughs, XXE with ``file://`` or
  ``http://`` entities): a TBX or TMX file has no use for them;
* a DOCTYPE that points at a DTD by URL is refused: sajeon never fetches it, and a file that
  asks for one was not written for offline use (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, the
  usual local name, is fine and simply not loaded).

Elements are streamed: the caller gets each wanted element complete and clears it when done,
so a million-unit TMX is read in constant memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..core.model import InputError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Characters XML 1.0 cannot carry at all, not even as character references.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_PROLOG_BYTES = 1 << 16


def parser_options() -> dict:
    """Options for lxml parsers: no entity expansion, no DTD, no network, no huge trees."""
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "huge_tree": False,
    }


@dataclass
class Root:
    """What a document is: its root element's namespace, local name and attributes."""

    namespace: str | None
    name: str
    attrib: dict[str, str]
    line: int


def syntax_error(label: str, exc: etree.XMLSyntaxError) -> InputError:
    """A one-line message for a file that is not well-formed XML."""
    message = (exc.msg or str(exc)).strip().rstrip(".")
    message = re.sub(r", line \d+, column \d+$", "", message)
    if "Document is empty" in message or "Start tag expected" in message:
        return InputError(f"{label}: empty file or no XML in it (expected a root element)")
    if "not proper UTF-8" in message or "invalid character in attribute value" in message:
        message = f"not valid UTF-8 or not the declared encoding ({message})"
    line, column = exc.position if exc.position else (exc.lineno, 0)
    return InputError(f"{label}:{line}:{column}: not well-formed XML: {message}")


def _raw_prolog(path: Path) -> tuple[str, bool]:
    """The start of the file as text, good enough to read the prolog, and whether that is
    the whole file."""
    with path.open("rb") as fh:
        head = fh.read(_PROLOG_BYTES)
        complete = not fh.read(1)
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace"), complete
    return head.decode("latin-1"), complete


@dataclass
class Doctype:
    """What the raw text of a DOCTYPE declaration says, read without any XML parser."""

    system_id: str | None
    public_id: str | None
    entities: list[str]


_DOCTYPE_HEAD = re.compile(
    r"<!DOCTYPE\s+[^\s\[>]+"
    r"(?:\s+(?:SYSTEM\s+(?P<sys1>\"[^\"]*\"|'[^']*')"
    r"|PUBLIC\s+(?P<pub>\"[^\"]*\"|'[^']*')(?:\s+(?P<sys2>\"[^\"]*\"|'[^']*'))?))?\s*"
)
_ENTITY_DECL = re.compile(r"<!ENTITY\s+(?:%\s+)?([^\s\"'>]+)")


def _internal_subset_end(text: str, start: int) -> int:
    """Index just past the ``]`` that closes the internal subset opened at ``start``,
    skipping quoted literals and comments; -1 when it does not close within ``text``."""
    pos = start
    while pos < len(text):
        char = text[pos]
        if char in "\"'":
            close = text.find(char, pos + 1)
            if close < 0:
                return -1
            pos = close + 1
        elif text.startswith("<!--", pos):
            close = text.find("-->", pos + 4)
            if close < 0:
                return -1
            pos = close + 3
        elif char == "]":
            return pos + 1
        else:
            pos += 1
    return -1


def scan_prolog(prolog: str, label: str, complete: bool = True) -> Doctype | None:
    """Read the DOCTYPE of a document from its raw first bytes, before any parser sees it.

    sajeon's refusals must not depend on the installed libxml2: a newer one stops on an
    entity bomb with its own message while still reading the DTD. So the prolog (XML
    declaration, comments, processing instructions, DOCTYPE) is read here as text; a prolog
    that does not end within the bytes read (``complete`` false: the file goes on) is refused
    rather than left to the parser."""
    pos = 0
    for bom in ("\ufeff", "\xef\xbb\xbf"):  # the UTF-8 BOM, decoded or as Latin-1 bytes
        if prolog.startswith(bom):
            pos = len(bom)
    doctype = None
    while True:
        while pos < len(prolog) and prolog[pos] in " \t\r\n":
            pos += 1
        if len(prolog) - pos < 16 and not complete:  # too little left to tell what comes next
            raise InputError(
                f"{label}: no root element in the first {_PROLOG_BYTES // 1024} KiB "
                "(the prolog before it is too long for a TBX or TMX file)"
            )
        if pos >= len(prolog):
            return doctype  # a short file: the parser says what is wrong with it
        if prolog.startswith("<?", pos) or prolog.startswith("<!--", pos):
            end_mark = "?>" if prolog[pos + 1] == "?" else "-->"
            close = prolog.find(end_mark, pos + 2)
            if close < 0:
                pos = len(prolog)
                continue
            pos = close + len(end_mark)
        elif prolog.startswith("<!DOCTYPE", pos):
            head = _DOCTYPE_HEAD.match(prolog, pos)
            if head is None:
                return doctype  # malformed: the parser reports where
            system_id = (head.group("sys1") or head.group("sys2") or "")[1:-1] or None
            public_id = (head.group("pub") or "")[1:-1] or None
            entities: list[str] = []
            pos = head.end()
            if prolog.startswith("[", pos):
                end = _internal_subset_end(prolog, pos + 1)
                if end < 0:
                    raise InputError(
                        f"{label}: the DOCTYPE does not end within the first "
                        f"{_PROLOG_BYTES // 1024} KiB; sajeon refuses documents with DTDs "
                        "that large"
                    )
                entities = _ENTITY_DECL.findall(prolog, pos, end)
                pos = end
            doctype = Doctype(system_id, public_id, entities)
            close = prolog.find(">", pos)
            pos = close + 1 if close >= 0 else len(prolog)
        else:
            return doctype  # the root element (or something the parser will refuse)


def _refuse_unsafe_doctype(
    label: str, entities: list[str], identifiers: tuple[str | None, ...]
) -> None:
    if entities:
        names = ", ".join(entities[:3])
        raise InputError(
            f"{label}: the DOCTYPE declares entities ({names}); sajeon refuses XML with entity "
            "declarations (they are used for billion-laughs and external-entity attacks)"
        )
    for identifier in identifiers:
        if identifier and _URL.match(identifier):
            raise InputError(
                f"{label}: the DOCTYPE points at a DTD on the network ({identifier}); sajeon "
                "never fetches DTDs: remove the DOCTYPE line or name a local file"
            )


def check_prolog(path: Path, label: str) -> Root:
    """Check that ``path`` is non-empty, well-formed up to its root element and declares no
    entities and no remote DTD; return its root element.

    The DOCTYPE is judged from the raw text first (:func:`scan_prolog`), then, as a second
    line of defence, from what the parser reports."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{label}: file not found") from None
    if size == 0:
        raise InputError(f"{label}: empty file")
    prolog, complete = _raw_prolog(path)
    if not prolog.strip(" \t\r\n\ufeff\x00"):
        raise InputError(f"{label}: empty file (only whitespace)")
    doctype = scan_prolog(prolog, label, complete)
    if doctype is not None:
        _refuse_unsafe_doctype(label, doctype.entities, (doctype.system_id, doctype.public_id))
    try:
        events = etree.iterparse(str(path), events=("start",), **parser_options())
        _, element = next(events)
    except etree.XMLSyntaxError as exc:
        raise syntax_error(label, exc) from None
    except StopIteration:
        raise InputError(f"{label}: empty file or no XML in it (expected a root element)") from None
    docinfo = element.getroottree().docinfo
    dtd = docinfo.internalDTD
    _refuse_unsafe_doctype(
        label,
        [e.name for e in dtd.iterentities()] if dtd is not None else [],
        (docinfo.system_url, docinfo.public_id),
    )
    qname = etree.QName(element)
    return Root(qname.namespace, qname.localname, dict(element.attrib), element.sourceline or 1)


class _CountingReader:
    """A binary file that counts the bytes the parser has taken (for a progress bar)."""

    def __init__(self, fh):
        self.fh = fh
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.count += len(data)
        return data


def iterparse(
    path: Path,
    label: str,
    tags: tuple[str, ...],
    progress: Callable[[int], None] | None = None,
) -> Iterator[etree._Element]:
    """Yield each element whose tag is in ``tags`` when it is complete.

    The caller must be done with an element before asking for the next one: elements are
    cleared (and their finished siblings dropped) to keep memory flat. ``progress`` is
    called now and then with the number of bytes read so far.
    """
    with path.open("rb") as fh:
        reader = _CountingReader(fh)
        reported = 0
        try:
            for _, element in etree.iterparse(
                reader, events=("end",), tag=tags, **parser_options()
            ):
                yield element
                element.clear(keep_tail=False)
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]
                if progress is not None and reader.count - reported >= 1 << 20:
                    reported = reader.count
                    progress(reported)
        except etree.XMLSyntaxError as exc:
            raise syntax_error(label, exc) from None
        if progress is not None:
            progress(reader.count)


def text_of(element: etree._Element) -> str:
    """All text inside ``element``, without markup."""
    return "".join(element.itertext())


def escape_text(value: str) -> str:
    """Element content escaped exactly as lxml escapes it (a CR as ``&#13;``, so that it
    survives the parser's line-end normalisation)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def escape_attribute(value: str) -> str:
    value = escape_text(value).replace('"', "&quot;")
    return value.replace("\n", "&#10;").replace("\t", "&#9;")


def check_xml_text(value: str | None, where: str) -> str | None:
    """Refuse text XML 1.0 cannot carry (sajeon's policy: refuse, never strip silently)."""
    if value is not None:
        bad = XML_ILLEGAL.search(value)
        if bad:
            raise InputError(
                f"{where}: contains U+{ord(bad.group()):04X}, which XML 1.0 cannot carry; "
                "remove it from the source file"
            )
    return value
