"""Article extraction scored against gold: which sentences of the article an extractor keeps,
with which kind, and which furniture it leaves in.

A case is a saved page or text (``ko.html``, ``en.txt`` …) next to its gold ``ko.sents`` /
``en.sents`` (paragraphs separated by a blank line, ``@title`` / ``@subtitle`` / ``@caption``
on a paragraph's first line) and optionally ``ko.furniture`` / ``en.furniture`` (one piece of
furniture a line): the format of ``tests/data/align/published/README.md``. Sentences are
matched by normalised text containment (case, whitespace and quote styles ignored).

Extractors: sajeon's ``read_article`` with the furniture rules and without them (today's
reader), and, when importable, trafilatura and readability-lxml (HTML only; their output has
no paragraph kinds, so a caption they keep is not recognisable as one).

    python benchmarks/article_extract.py [FOLDER ...] [-v]

Default folders: ``tests/data/article`` and ``tests/data/align/published``.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sajeon.formats.article import read_article

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = (ROOT / "tests/data/article", ROOT / "tests/data/align/published")
KIND = {"title": "heading", "subtitle": "heading", "caption": "caption", "body": "body"}
SHORT = 15  # furniture shorter than this counts as kept only as a paragraph of its own


@dataclass
class Gold:
    sentences: list[tuple[str, str]]  # (text, "title" | "subtitle" | "caption" | "body")
    furniture: list[str]


@dataclass
class Output:
    paragraphs: list[tuple[str, str | None]]  # (text, kind or None when unknown)
    title: str | None = None
    dropped: list[str] | None = None  # what the extractor says it dropped (None: it doesn't)


@dataclass
class Score:
    files: int = 0
    body: list[int] = field(default_factory=lambda: [0, 0])
    titles: list[int] = field(default_factory=lambda: [0, 0])
    captions: list[int] = field(default_factory=lambda: [0, 0])
    as_caption: int = 0
    kinds: list[int] = field(default_factory=lambda: [0, 0])
    furniture: list[int] = field(default_factory=lambda: [0, 0])
    junk: list[int] = field(default_factory=lambda: [0, 0])
    listed: list[int] = field(default_factory=lambda: [0, 0])
    misses: list[str] = field(default_factory=list)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[“”„″]", '"', re.sub(r"[‘’′]", "'", text))
    return re.sub(r"\s+", " ", text).strip()


def read_gold(sents: Path) -> Gold:
    sentences: list[tuple[str, str]] = []
    for block in sents.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        kind = "body"
        if lines and (tag := re.match(r"@(title|subtitle|caption) ", lines[0])):
            kind, lines[0] = tag.group(1), lines[0][tag.end() :]
        sentences += [(line, kind) for line in lines]
    furniture_path = sents.with_suffix(".furniture")
    furniture = []
    if furniture_path.exists():
        furniture = [line.strip() for line in furniture_path.read_text("utf-8").splitlines()]
    return Gold(sentences, [f for f in furniture if f])


def cases(folders: list[Path]) -> list[tuple[Path, str, Gold]]:
    found = []
    for folder in folders:
        for sents in sorted(folder.rglob("*.sents")):
            lang = sents.stem
            for suffix in (".html", ".txt"):
                source = sents.with_suffix(suffix)
                if source.exists():
                    found.append((source, lang, read_gold(sents)))
    return found


# --------------------------------------------------------------------------- extractors


def sajeon(furniture: bool) -> Callable[[Path, str], Output | None]:
    def run(path: Path, lang: str) -> Output:
        article = read_article(path, lang, furniture=furniture)
        paragraphs = [(p.text, p.kind) for p in article.paragraphs]
        return Output(paragraphs, article.title, [d.text for d in article.dropped])

    return run


def trafilatura_extractor() -> Callable[[Path, str], Output | None] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(path: Path, lang: str) -> Output | None:
        if path.suffix != ".html":
            return None
        html = path.read_text(encoding="utf-8")
        text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
        meta = trafilatura.extract_metadata(html)
        # a table layout comes out as Markdown rows: "| cell | cell |", pipes escaped
        cells = [c.replace("\\|", "|").strip() for line in text.split("\n")
                 for c in re.split(r"(?<!\\)\|", line)]  # fmt: skip
        paragraphs = [(cell, None) for cell in cells if cell]
        return Output(paragraphs, meta.title if meta else None)

    return run


def readability_extractor() -> Callable[[Path, str], Output | None] | None:
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        return None

    def run(path: Path, lang: str) -> Output | None:
        if path.suffix != ".html":
            return None
        document = Document(path.read_text(encoding="utf-8"))
        tree = lxml.html.fromstring(document.summary())
        for br in tree.iter("br"):
            br.tail = "\n" + (br.tail or "")
        paragraphs = []
        for element in tree.iter("p", "div", "td", "li", "figcaption", "h1", "h2", "h3"):
            own = (element.text or "") + "".join(
                (c.text_content() if c.tag not in ("p", "div", "td", "li", "table") else "")
                + (c.tail or "")
                for c in element
            )
            paragraphs += [(line, None) for line in own.split("\n") if line.strip()]
        return Output(paragraphs, document.short_title())

    return run


# --------------------------------------------------------------------------- scoring


def kept_furniture(piece: str, paragraphs: list[str], golds: list[str]) -> bool:
    """Whether a piece of furniture is in the output, outside the gold sentences (an image's
    alt text repeated in its caption is kept only if it is there twice)."""
    piece = norm(piece)
    if len(piece) < SHORT:
        return piece in paragraphs
    for paragraph in paragraphs:
        for gold in golds:
            paragraph = paragraph.replace(gold, " ", 1)
        if piece in paragraph:
            return True
    return False


def listed(piece: str, dropped: list[str]) -> bool:
    piece = norm(piece)
    return any(piece in d or (len(d) >= 3 and d in piece) for d in map(norm, dropped))


def score(result: Output, gold: Gold, total: Score, name: str) -> None:
    paragraphs = [(norm(t), k) for t, k in result.paragraphs]
    texts = [t for t, _ in paragraphs]
    total.files += 1
    for sentence, kind in gold.sentences:
        s = norm(sentence)
        where = [k for t, k in paragraphs if s in t]
        counter = {"title": total.titles, "caption": total.captions}.get(kind, total.body)
        counter[1] += 1
        if kind == "title" and not where and result.title and norm(result.title) == s:
            where = [None]
        if where:
            counter[0] += 1
            total.kinds[0] += where[0] == KIND[kind]
            total.as_caption += kind == "caption" and where[0] == "caption"
        else:
            total.misses.append(f"{name}: [{kind}] {sentence[:70]}")
        total.kinds[1] += 1
    golds = [norm(s) for s, _ in gold.sentences]
    for piece in gold.furniture:
        total.furniture[1] += 1
        if kept_furniture(piece, texts, golds):
            total.furniture[0] += 1
            total.misses.append(f"{name}: kept furniture {piece[:70]}")
        if result.dropped is not None:
            total.listed[1] += 1
            total.listed[0] += listed(piece, result.dropped)
            if not listed(piece, result.dropped):
                total.misses.append(f"{name}: not listed {piece[:70]}")
    for text in texts:
        total.junk[1] += 1
        total.junk[0] += not any(g in text or text in g for g in golds)


def pct(pair: list[int]) -> str:
    return f"{pair[0]}/{pair[1]}" if pair[1] else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=list(DEFAULT))
    parser.add_argument("-v", "--verbose", action="store_true", help="list what was missed")
    args = parser.parse_args()
    extractors = {
        "sajeon + rules": sajeon(True),
        "sajeon today": sajeon(False),
        "trafilatura": trafilatura_extractor(),
        "readability": readability_extractor(),
    }
    found = cases([f for f in args.folders if f.exists()])
    misses: list[str] = []
    for suffix, title in ((".html", "saved pages"), (".txt", "pasted texts")):
        group = [c for c in found if c[0].suffix == suffix]
        print(f"\n{title} ({len(group)} files)\n")
        misses += table(extractors, group)
    if args.verbose:
        print("\n".join(misses))


def table(extractors: dict, found: list[tuple[Path, str, Gold]]) -> list[str]:
    header = ("extractor", "files", "body kept", "title", "captions kept", "as caption",
              "right kind", "furniture kept", "not article", "furniture listed")  # fmt: skip
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    misses: list[str] = []
    for name, extractor in extractors.items():
        if extractor is None:
            print(f"| {name} | not installed |")
            continue
        total = Score()
        for path, lang, gold in found:
            result = extractor(path, lang)
            if result is not None:
                score(result, gold, total, f"{path.parent.name}/{path.name}")
        row = (name, str(total.files), pct(total.body), pct(total.titles), pct(total.captions),
               f"{total.as_caption}/{total.captions[1]}", pct(total.kinds), pct(total.furniture),
               pct(total.junk), pct(total.listed))  # fmt: skip
        print("| " + " | ".join(row) + " |")
        misses += [f"{name} · {m}" for m in total.misses]
    return misses


if __name__ == "__main__":
    main()
