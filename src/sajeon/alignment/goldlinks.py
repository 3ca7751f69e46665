"""Gold sentence alignments: the format of ``tests/data/align/pairs/*`` and
``tests/data/align/calibration/*``, used to calibrate and evaluate the aligner.

A directory per article pair holds ``ko.sents`` and ``en.sents`` (one sentence per line, a
blank line between paragraphs), ``links.tsv`` (header ``ko<TAB>en``, then one link per line
with comma-separated 1-based sentence numbers; an empty side is a 1–0 or 0–1 link) and
optionally ``meta.tsv`` (``title url date translator``). A newsroom can calibrate the
aligner on its own archive by writing a few such directories.

A paragraph's first line may start with ``@title ``, ``@subtitle `` or ``@caption `` to give
its kind (``tests/data/align/published/``); without tags, kinds follow the plain-text rules
(caption markers, leading unpunctuated lines). Caption links may cross other links (the
captions sit at different places on the two pages); the other links are monotonic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.model import InputError
from ..core.sentences import Sentence
from ..formats.article import classify, decode
from .align import GoldPair, Link


@dataclass
class GoldArticle(GoldPair):
    name: str = ""
    meta: dict[str, str] = field(default_factory=dict)


_TAGS = {"@title ": "heading", "@subtitle ": "heading", "@caption ": "caption"}


def read_sents(path: Path, lang: str) -> list[Sentence]:
    text = decode(path.read_bytes(), path.as_posix())
    paragraphs = [
        [line.strip() for line in p.split("\n") if line.strip()]
        for p in text.strip().split("\n\n")
        if p.strip()
    ]
    tagged: list[str | None] = []
    for lines in paragraphs:
        tag = next((t for t in _TAGS if lines[0].startswith(t)), None)
        tagged.append(_TAGS[tag] if tag else None)
        if tag:
            lines[0] = lines[0].removeprefix(tag).strip()
    if any(tagged):
        kinds = [kind or "body" for kind in tagged]
    else:
        kinds = [p.kind for p in classify([" ".join(p) for p in paragraphs], lang)]
    sentences: list[Sentence] = []
    for index, (lines, kind) in enumerate(zip(paragraphs, kinds, strict=True)):
        for k, line in enumerate(lines):
            sentences.append(Sentence(line, index, kind, k == len(lines) - 1))
    return sentences


def read_links(
    path: Path, source: list[Sentence] | int, target: list[Sentence] | int
) -> list[Link]:
    """The links of ``links.tsv``: every sentence in exactly one link, a link's sentences
    consecutive, links other than caption links in the order of both texts."""
    label = path.as_posix()
    sentences = {"source": source, "target": target}
    sizes = {k: v if isinstance(v, int) else len(v) for k, v in sentences.items()}
    lines = decode(path.read_bytes(), label).split("\n")
    links: list[Link] = []
    seen: dict[str, set[int]] = {"source": set(), "target": set()}
    last = {"source": -1, "target": -1}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 2:
            raise InputError(f"{label}:{number}: expected two tab-separated columns")
        try:
            link = Link(*(tuple(int(x) - 1 for x in c.split(",") if x.strip()) for c in cells))
        except ValueError:
            raise InputError(f"{label}:{number}: sentence numbers must be integers") from None
        crossing = False
        for side, indices in (("source", link.source), ("target", link.target)):
            if indices and indices[-1] - indices[0] != len(indices) - 1:
                raise InputError(f"{label}:{number}: {side} sentences not consecutive")
            if any(i < 0 or i >= sizes[side] for i in indices):
                raise InputError(f"{label}:{number}: {side} sentence number out of range")
            if seen[side] & set(indices):
                raise InputError(f"{label}:{number}: a {side} sentence is in two links")
            seen[side].update(indices)
            texts = sentences[side]
            if indices and not isinstance(texts, int):
                crossing |= texts[indices[0]].kind == "caption"
        if not crossing:
            for side, indices in (("source", link.source), ("target", link.target)):
                if indices and indices[0] < last[side]:
                    raise InputError(f"{label}:{number}: {side} sentences out of order")
                if indices:
                    last[side] = indices[-1]
        links.append(link)
    for side in ("source", "target"):
        if len(seen[side]) != sizes[side]:
            raise InputError(
                f"{label}: links cover {len(seen[side])}/{sizes[side]} {side} sentences"
            )
    return links


def read_gold(directory: Path, source_lang: str = "ko", target_lang: str = "en") -> GoldArticle:
    source = read_sents(directory / f"{source_lang}.sents", source_lang)
    target = read_sents(directory / f"{target_lang}.sents", target_lang)
    links = read_links(directory / "links.tsv", source, target)
    meta: dict[str, str] = {}
    meta_path = directory / "meta.tsv"
    if meta_path.exists():
        rows = decode(meta_path.read_bytes(), meta_path.as_posix()).strip().split("\n")
        if len(rows) >= 2:
            meta = dict(zip(rows[0].split("\t"), rows[1].split("\t"), strict=False))
    return GoldArticle(source, target, links, name=directory.name, meta=meta)


def read_gold_dir(directory: Path) -> list[GoldArticle]:
    """Every article pair in ``directory`` (sub-directories holding links.tsv), by name."""
    return [read_gold(d) for d in sorted(directory.iterdir()) if (d / "links.tsv").exists()]
