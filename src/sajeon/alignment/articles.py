"""Align published articles with their translations: read, split, align, review, import.

This is what ``sajeon align`` does, kept out of the CLI: :func:`align_files` for one
article pair, :func:`match_folders` for a folder of Korean articles and a folder of their
translations, matched by file name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.glossary import Glossary
from ..core.model import InputError, check_date
from ..core.sentences import split_sentences
from ..formats.article import Article, read_article
from ..formats.furniture import Rules
from ..storage.sourcefiles import FileChanges
from .align import Alignment, Model, align
from .anchors import TermFinder
from .review import Review, review_from_alignment

ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".md")


@dataclass
class ArticlePair:
    alignment: Alignment
    review: Review
    source: Article
    target: Article


@dataclass
class Aligner:
    """The model and glossary for a run, so that many pairs share one term index."""

    model: Model
    glossary: Glossary | None = None
    source_lang: str = "ko"
    target_lang: str = "en"
    encoding: str | None = None
    #: page furniture rules (True: the bundled ones); what they drop is listed in the review
    furniture: Rules | bool = True
    terms: TermFinder | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.encoding:
            try:
                "".encode(self.encoding)
            except LookupError:
                raise InputError(f"unknown encoding {self.encoding!r}") from None
        if self.glossary is not None and self.model.anchor_weights:
            self.terms = TermFinder(self.glossary, self.source_lang, self.target_lang)

    def align_files(
        self,
        source_path: Path,
        target_path: Path,
        meta: dict[str, str] | None = None,
        *,
        force: bool = False,
        source_label: str | None = None,
        target_label: str | None = None,
    ) -> ArticlePair:
        """Align two article files; raise InputError for empty or unrelated texts."""
        if meta and meta.get("date"):
            check_date(meta["date"], "date")
        source_label = source_label or source_path.as_posix()
        target_label = target_label or target_path.as_posix()
        source = read_article(source_path, self.source_lang, encoding=self.encoding,
                              label=source_label, furniture=self.furniture)  # fmt: skip
        target = read_article(target_path, self.target_lang, encoding=self.encoding,
                              label=target_label, furniture=self.furniture)  # fmt: skip
        source_sentences = split_sentences(source.paragraphs, self.source_lang)
        target_sentences = split_sentences(target.paragraphs, self.target_lang)
        for label, sentences, lang in (
            (source_label, source_sentences, self.source_lang),
            (target_label, target_sentences, self.target_lang),
        ):
            if not sentences:
                raise InputError(f"{label}: no {lang} text to align (the file is empty)")
        alignment = align(
            source_sentences,
            target_sentences,
            self.model,
            terms=self.terms,
            source_lang=self.source_lang,
            target_lang=self.target_lang,
        )
        if not alignment.is_translation and not force:
            raise InputError(
                f"{target_label} does not look like a translation of {source_label} "
                f"(evidence {alignment.evidence:.2f} per sentence; translations score above "
                f"{self.model.min_evidence:.2f}): check the files, or use --force to align anyway"
            )
        merged = article_meta(source, target, target_sentences)
        merged |= {k: v for k, v in (meta or {}).items() if v}
        merged.setdefault("source file", source_path.name)
        merged.setdefault("target file", target_path.name)
        dropped = [
            (article_lang, item.text, item.reason)
            for article, article_lang in ((source, self.source_lang), (target, self.target_lang))
            for item in article.dropped
        ]
        review = review_from_alignment(
            alignment, self.model.threshold, merged, self.source_lang, self.target_lang, dropped
        )
        return ArticlePair(alignment, review, source, target)


def article_meta(source: Article, target: Article, target_sentences) -> dict[str, str]:
    """Title, URL and date from the translation's HTML head, else the original's; the
    title falls back to the translation's headline."""
    meta: dict[str, str] = {}
    for article in (source, target):  # the translation wins: it is what was published
        for key in ("title", "url", "date"):
            value = getattr(article, key)
            if value:
                meta[key] = value
    if target.title:
        meta["title"] = target.title
    if "title" not in meta:
        headings = [s.text for s in target_sentences if s.kind == "heading"]
        if headings:
            meta["title"] = headings[0]
    return meta


def match_folders(
    source_dir: Path, target_dir: Path
) -> tuple[list[tuple[str, Path, Path]], list[Path], list[Path]]:
    """(name, source, target) for files with the same name (without extension) in both
    folders, plus the files left without a partner on each side."""

    def articles(directory: Path) -> dict[str, Path]:
        found: dict[str, Path] = {}
        for path in sorted(directory.iterdir()):
            if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES:
                if path.stem in found:
                    raise InputError(
                        f"{path}: two articles named {path.stem!r} "
                        f"({found[path.stem].name} and {path.name})"
                    )
                found[path.stem] = path
        return found

    sources, targets = articles(source_dir), articles(target_dir)
    pairs = [(name, sources[name], targets[name]) for name in sorted(sources.keys() & targets)]
    lonely_sources = [sources[n] for n in sorted(sources.keys() - targets.keys())]
    lonely_targets = [targets[n] for n in sorted(targets.keys() - sources.keys())]
    return pairs, lonely_sources, lonely_targets


def read_meta_table(path: Path) -> dict[str, dict[str, str]]:
    """A TSV of article metadata for folder mode: ``name title url date translator``."""
    from ..formats.article import decode

    lines = [line for line in decode(path.read_bytes(), path.as_posix()).split("\n") if line]
    if not lines:
        raise InputError(f"{path}: empty file (expected a header 'name title url date translator')")
    header = lines[0].split("\t")
    if "name" not in header:
        raise InputError(f"{path}:1: the header needs a 'name' column (the article file name)")
    table: dict[str, dict[str, str]] = {}
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) > len(header):
            raise InputError(f"{path}:{number}: {len(cells)} fields, expected {len(header)}")
        row = dict(zip(header, cells, strict=False))
        table[row["name"]] = {k: v for k, v in row.items() if k != "name" and v}
    return table


def write_output(path: Path, text: str) -> None:
    """Write one output file atomically (never a half-written review file)."""
    files = FileChanges()
    files.set(path, text)
    files.commit()
