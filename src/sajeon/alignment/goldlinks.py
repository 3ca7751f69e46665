"""Gold sentence alignments: the format of ``tests/data/align/pairs/*`` and
``tests/data/align/calibration/*``, used to calibrate and evaluate the aligner.

A directory per article pair holds ``ko.sents`` and ``en.sents`` (one sentence per line, a
blank line between paragraphs), ``links.tsv`` (header ``ko<TAB>en``, then one link per line
with comma-separated 1-based sentence numbers; an empty side is a 1–0 or 0–1 link) and
optionally ``meta.tsv`` (``title url date translator``). A newsroom can calibrate the
aligner on its own archive by writing a few such directories.
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


def read_sents(path: Path, lang: str) -> list[Sentence]:
    text = decode(path.read_bytes(), path.as_posix())
    paragraphs = [p.split("\n") for p in text.strip().split("\n\n") if p.strip()]
    kinds = classify([" ".join(p) for p in paragraphs], lang)
    sentences: list[Sentence] = []
    for index, (lines, paragraph) in enumerate(zip(paragraphs, kinds, strict=True)):
        lines = [line.strip() for line in lines if line.strip()]
        for k, line in enumerate(lines):
            sentences.append(Sentence(line, index, paragraph.kind, k == len(lines) - 1))
    return sentences


def read_links(path: Path, n_source: int, n_target: int) -> list[Link]:
    label = path.as_posix()
    lines = decode(path.read_bytes(), label).split("\n")
    links: list[Link] = []
    next_source = next_target = 0
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 2:
            raise InputError(f"{label}:{number}: expected two tab-separated columns")
        try:
            source = tuple(int(x) - 1 for x in cells[0].split(",") if x.strip())
            target = tuple(int(x) - 1 for x in cells[1].split(",") if x.strip())
        except ValueError:
            raise InputError(f"{label}:{number}: sentence numbers must be integers") from None
        if source and source != tuple(range(next_source, next_source + len(source))):
            raise InputError(f"{label}:{number}: source sentences out of order")
        if target and target != tuple(range(next_target, next_target + len(target))):
            raise InputError(f"{label}:{number}: target sentences out of order")
        next_source += len(source)
        next_target += len(target)
        links.append(Link(source, target))
    if (next_source, next_target) != (n_source, n_target):
        raise InputError(
            f"{label}: links cover {next_source}/{n_source} source and "
            f"{next_target}/{n_target} target sentences"
        )
    return links


def read_gold(directory: Path, source_lang: str = "ko", target_lang: str = "en") -> GoldArticle:
    source = read_sents(directory / f"{source_lang}.sents", source_lang)
    target = read_sents(directory / f"{target_lang}.sents", target_lang)
    links = read_links(directory / "links.tsv", len(source), len(target))
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
