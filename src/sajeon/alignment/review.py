"""The alignment review file: one link per line, for a person to check in a text editor or
a spreadsheet before the pairs go into the memory; and a one-page HTML side-by-side view.

The file is UTF-8 tab-separated text::

    # sajeon alignment review<TAB>1
    # title<TAB>Onsong MSS rounds up more than ten residents over Tumen River smuggling
    # url<TAB>https://example.org/news/01-onsong-smuggling-arrests
    # date<TAB>2025-03-14
    # translator<TAB>Jane Harwood
    # source file<TAB>ko.txt
    # target file<TAB>en.txt
    # threshold<TAB>0.90
    # statuses<TAB>ok = import; review = check, then set ok or skip; skip = …; unaligned = …
    status  confidence  ko#  en#  ko  en  note  evidence
    ok      0.99        1    1    온성군 보위부, …  Onsong MSS rounds up …          = 10, …
    unaligned 0.97      2         국경 연선 주민들 …
    review  0.52        6    5,6  …  …  ≠ 11

``status`` is what the reviewer changes: ``ok`` links are imported, ``review`` links are
those the aligner was unsure of (not imported until set to ``ok``), ``skip`` is never
imported, ``unaligned`` marks a sentence without counterpart, ``dropped`` lists the page
furniture (photo credits, tag lists, bylines …) left out of the alignment, with the rule that
dropped it as evidence, so that nothing is left out silently. Texts may be corrected, rows
merged (put both sentences in one row) or deleted; ``note`` goes into the memory's note
column. ``confidence``, the sentence numbers and ``evidence`` are for reading only.
Lines starting with ``#`` before the header carry the article's metadata, which becomes the
origin of every imported pair. A spreadsheet may save the file with CRLF, a BOM, or cells in
CSV-style quotes (with inner quotes doubled); all are read back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from ..core.model import InputError, Segment, check_date
from ..formats.article import decode
from .align import Alignment

MAGIC = "# sajeon alignment review"
VERSION = "1"
STATUSES = ("ok", "review", "skip", "unaligned", "dropped")
META_KEYS = ("title", "url", "date", "translator", "source file", "target file", "threshold")
STATUS_HELP = (
    "ok = import; review = check, then set ok or skip; skip = never import; "
    "unaligned = no counterpart (not imported); dropped = page furniture, not article text "
    "(not imported)"
)


@dataclass
class ReviewRow:
    status: str
    confidence: float | None
    source_numbers: str  # "6" or "13,14" (1-based), for reading only
    target_numbers: str
    source: str
    target: str
    note: str = ""
    evidence: str = ""
    line: int = 0

    @property
    def type(self) -> str:
        def count(numbers: str, text: str) -> int:
            return len([n for n in numbers.split(",") if n.strip()]) if text else 0

        return (
            f"{count(self.source_numbers, self.source)}-{count(self.target_numbers, self.target)}"
        )


@dataclass
class Review:
    source_lang: str
    target_lang: str
    rows: list[ReviewRow]
    meta: dict[str, str] = field(default_factory=dict)
    label: str = ""  # the file, for errors that name a row's line

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def origin(self) -> str | None:
        return article_origin(self.meta.get("title"), self.meta.get("url"))

    def segments(self, statuses: tuple[str, ...] = ("ok",)) -> list[Segment]:
        """Segment pairs for the memory from the rows with these statuses, checked as
        every door checks them (a bad text is an error naming its row's line)."""
        date = self.meta.get("date") or None
        segments = []
        for row in self.rows:
            if row.status not in statuses or not (row.source and row.target):
                continue
            segment = Segment(
                self.source_lang,
                self.target_lang,
                row.source,
                row.target,
                origin=self.origin,
                date=date,
                translator=self.meta.get("translator") or None,
                note=row.note or None,
            )
            try:
                segments.append(segment.cleaned())
            except InputError as exc:
                where = f"{self.label}:{row.line}: " if self.label else ""
                raise InputError(f"{where}{exc}") from None
        return segments


def article_origin(title: str | None, url: str | None) -> str | None:
    """The memory's origin for pairs from one article: ``Title <URL>``, or either alone.

    The same article always gives the same origin, so its pairs can be found together
    (``sajeon segment search``) and a re-import changes nothing.
    """
    title = " ".join((title or "").split())
    url = (url or "").strip()
    if title and url:
        return f"{title} <{url}>"
    return title or (f"<{url}>" if url else None)


# --------------------------------------------------------------------------- from an alignment


def review_from_alignment(
    alignment: Alignment,
    threshold: float,
    meta: dict[str, str],
    source_lang: str = "ko",
    target_lang: str = "en",
    dropped: Sequence[tuple[str, str, str]] = (),
) -> Review:
    """The review file of an alignment; ``dropped`` is the furniture left out of the texts,
    as (language, text, why) in page order."""
    rows: list[ReviewRow] = []
    for link in alignment.links:
        source, target = alignment.link_texts(link)
        status = "review" if link.confidence < threshold else "ok" if link.aligned else "unaligned"
        rows.append(
            ReviewRow(
                status,
                link.confidence,
                ",".join(str(i + 1) for i in link.source),
                ",".join(str(j + 1) for j in link.target),
                source,
                target,
                evidence=link.evidence,
            )
        )
    for lang, text, reason in dropped:
        source, target = (text, "") if lang == source_lang else ("", text)
        rows.append(ReviewRow("dropped", None, "", "", source, target, evidence=reason))
    meta = {k: v for k, v in meta.items() if v}
    meta["threshold"] = f"{threshold:.2f}"
    return Review(source_lang, target_lang, rows, meta)


# --------------------------------------------------------------------------- writing


def _cell(value: str) -> str:
    return " ".join(value.split())  # a cell is one line without tabs


def format_review(review: Review) -> str:
    lines = [f"{MAGIC}\t{VERSION}"]
    for key in META_KEYS:
        if review.meta.get(key):
            lines.append(f"# {key}\t{_cell(review.meta[key])}")
    lines.append(f"# statuses\t{STATUS_HELP}")
    s, t = review.source_lang, review.target_lang
    lines.append("\t".join(("status", "confidence", f"{s}#", f"{t}#", s, t, "note", "evidence")))
    for row in review.rows:
        confidence = "" if row.confidence is None else f"{row.confidence:.2f}"
        lines.append(
            "\t".join(
                (
                    row.status,
                    confidence,
                    row.source_numbers,
                    row.target_numbers,
                    _cell(row.source),
                    _cell(row.target),
                    _cell(row.note),
                    _cell(row.evidence),
                )
            )
        )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- reading


def is_review_file(path: Path) -> bool:
    """Whether ``path`` starts like a review file (used by ``sajeon import``)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(200)
    except OSError:
        return False
    text = head.decode("utf-8-sig", errors="replace").lstrip('"')
    return text.startswith(MAGIC)


def _unquote(cell: str) -> str:
    r"""Undo a spreadsheet's CSV-style quoting: ``"say ""hi"" now"`` → ``say "hi" now``.

    Only a cell that starts and ends with a quote and has every inner quote doubled is
    taken as quoted; a sentence that merely begins and ends with a quotation (and has no
    doubled quotes) is left alone, since no spreadsheet quotes a cell without a reason.
    """
    if len(cell) >= 2 and cell[0] == '"' and cell[-1] == '"':
        inner = cell[1:-1]
        if not inner:
            return ""
        if '""' in inner and '"' not in inner.replace('""', ""):
            return inner.replace('""', '"')
    return cell


def read_review(path: Path, label: str | None = None) -> Review:
    label = label or path.as_posix()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{label}: file not found") from None
    lines = decode(data, label).split("\n")
    meta: dict[str, str] = {}
    header: list[str] | None = None
    rows: list[ReviewRow] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        cells = [_unquote(c) for c in raw.split("\t")]
        if header is None:
            if "version" not in meta:
                if not cells[0].startswith(MAGIC):
                    raise InputError(
                        f"{label}:{number}: not a sajeon alignment review file "
                        f"(the first line must start with {MAGIC!r})"
                    )
                meta["version"] = cells[1].strip() if len(cells) > 1 else ""
                continue
            if cells[0].startswith("#"):
                key = cells[0].lstrip("#").strip()
                meta[key] = cells[1].strip() if len(cells) > 1 else ""
                continue
            header = [c.strip() for c in cells]
            if len(header) < 6 or header[:2] != ["status", "confidence"]:
                raise InputError(
                    f"{label}:{number}: header must be 'status confidence SRC# TGT# SRC TGT "
                    f"note evidence', found {' '.join(header)!r}"
                )
            continue
        rows.append(_row(cells, header, f"{label}:{number}", number))
    if header is None:
        raise InputError(f"{label}: no header row (status, confidence, …) and no links")
    if meta.get("version") not in (VERSION, ""):
        raise InputError(f"{label}:1: review file version {meta['version']!r} is not supported")
    source_lang, target_lang = header[4], header[5]
    if meta.get("date"):
        meta["date"] = check_date(meta["date"], f"{label}: date") or ""
    meta.pop("version", None)
    meta.pop("statuses", None)
    return Review(source_lang, target_lang, rows, meta, label)


def _row(cells: list[str], header: list[str], where: str, number: int) -> ReviewRow:
    if len(cells) > len(header):
        extra = [c for c in cells[len(header) :] if c.strip()]
        if extra:
            raise InputError(
                f"{where}: {len(cells)} fields, expected {len(header)} ({' '.join(header)}); "
                "is there a tab inside a text?"
            )
    cells = cells + [""] * (len(header) - len(cells))
    status = cells[0].strip().lower()
    if status not in STATUSES:
        raise InputError(f"{where}: unknown status {cells[0]!r}: use one of {', '.join(STATUSES)}")
    confidence: float | None = None
    if cells[1].strip():
        try:
            confidence = float(cells[1])
        except ValueError:
            raise InputError(f"{where}: confidence {cells[1]!r} is not a number") from None
    source, target = cells[4].strip(), cells[5].strip()
    if status == "ok" and not (source and target):
        side = header[4] if not source else header[5]
        raise InputError(
            f"{where}: status ok but the {side} text is empty: fill it in, "
            "or set the status to unaligned or skip"
        )
    return ReviewRow(
        status,
        confidence,
        cells[2].strip(),
        cells[3].strip(),
        source,
        target,
        note=cells[6].strip() if len(cells) > 6 else "",
        evidence=cells[7].strip() if len(cells) > 7 else "",
        line=number,
    )


# --------------------------------------------------------------------------- HTML view


def render_html(review: Review) -> str:
    """A self-contained page: both texts side by side, one row per link."""
    env = Environment(
        loader=PackageLoader("sajeon.alignment", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("alignment.html")
    return template.render(
        review=review,
        counts=review.counts(),
        origin=review.origin,
        url=review.meta.get("url", ""),
        safe_url=bool(re.match(r"https?://", review.meta.get("url", ""))),
    )
