"""Evaluate the sentence splitter and the article aligner on the hand-made evaluation set.

    python benchmarks/align_eval.py             # the full table
    python benchmarks/align_eval.py --size 4    # the first 4 articles only (quick)

Data: ``tests/data/align/pairs`` (12 Korean–English article pairs with gold links) and
``tests/data/align/split`` (sentence-splitting gold). None of it was used to estimate the
aligner's parameters (see ``benchmarks/align_calibrate.py``).

A link is a pair of sentence sets (Korean, English); a predicted link is correct only if
exactly the same link is in the gold (1–0 and 0–1 links included). Precision, recall and F1
are given per link type (precision over the links predicted with that type, recall over the
gold links of that type) and for all links, for:

* **full**: length model + anchors (numbers, quotes, glossary terms, paragraph kind) +
  paragraph boundaries — what ``sajeon align`` uses;
* **length only**: the same Gale–Church length model and link priors, nothing else (the
  baseline);
* two ablations in between.

Alignment is run on the gold sentences (so splitting errors do not count twice) and, for
the full model, also end to end from the running text (``ko.txt``/``en.txt``, and the HTML
pages where there are some), with links compared by their text.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sajeon.alignment.align import Alignment, Model, align
from sajeon.alignment.anchors import TermFinder
from sajeon.alignment.goldlinks import GoldArticle, read_gold_dir
from sajeon.core.sentences import split_paragraph, split_sentences
from sajeon.formats.article import read_article
from sajeon.storage.project import Project

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests/data/align"
TYPES = ("1-1", "2-1", "1-2", "1-0", "0-1")
TARGETS = {"1-1": 0.95, "all": 0.85}
SPLIT_TARGET = 0.98


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


LinkKey = tuple[tuple[object, ...], tuple[object, ...]]


def link_type(key: LinkKey) -> str:
    return f"{len(key[0])}-{len(key[1])}"


def score_links(pairs: Sequence[tuple[set[LinkKey], set[LinkKey]]]) -> dict[str, Scores]:
    """Scores per link type and for "all" from (predicted, gold) link sets."""
    result = {t: Scores() for t in (*TYPES, "all")}
    for predicted, gold in pairs:
        for key in predicted:
            hit = key in gold
            for name in (link_type(key), "all"):
                if hit:
                    result[name].tp += 1
                else:
                    result[name].fp += 1
        for key in gold - predicted:
            for name in (link_type(key), "all"):
                result[name].fn += 1
    return result


def index_links(alignment_links) -> set[LinkKey]:
    return {(tuple(link.source), tuple(link.target)) for link in alignment_links}


def text_links(alignment: Alignment) -> set[LinkKey]:
    """Links as texts, to compare alignments of differently split sentences."""
    return {
        (
            tuple(_norm(alignment.source[i].text) for i in link.source),
            tuple(_norm(alignment.target[j].text) for j in link.target),
        )
        for link in alignment.links
    }


def gold_text_links(article: GoldArticle, strip_markers: bool = False) -> set[LinkKey]:
    def text(s: str) -> str:
        if strip_markers:
            for marker in ("[사진] ", "[Photo] "):
                s = s.removeprefix(marker)
        return _norm(s)

    return {
        (
            tuple(text(article.source[i].text) for i in link.source),
            tuple(text(article.target[j].text) for j in link.target),
        )
        for link in article.links
    }


def _norm(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- systems


def systems(model: Model) -> dict[str, Model]:
    no_paragraphs = replace(model, boundary_weights={})
    return {
        "full": model,
        "anchors, no paragraphs": no_paragraphs,
        "length + paragraphs": replace(
            model.length_only(), boundary_weights=model.boundary_weights
        ),
        "length only (baseline)": model.length_only(),
    }


def evaluate(
    articles: Sequence[GoldArticle], model: Model, terms: TermFinder | None
) -> tuple[dict[str, Scores], list[tuple[float, bool]]]:
    """Scores on gold sentences, and (confidence, correct) for every predicted link."""
    pairs = []
    confidences: list[tuple[float, bool]] = []
    for article in articles:
        alignment = align(article.source, article.target, model, terms=terms)
        predicted = index_links(alignment.links)
        gold = index_links(article.links)
        pairs.append((predicted, gold))
        for link in alignment.links:
            confidences.append((link.confidence, (link.source, link.target) in gold))
    return score_links(pairs), confidences


def evaluate_end_to_end(
    articles: Sequence[GoldArticle], model: Model, terms: TermFinder | None, suffix: str
) -> tuple[dict[str, Scores], int]:
    pairs = []
    count = 0
    for article in articles:
        directory = DATA / "pairs" / article.name
        ko, en = directory / f"ko.{suffix}", directory / f"en.{suffix}"
        if not ko.exists():
            continue
        count += 1
        source = split_sentences(read_article(ko, "ko").paragraphs, "ko")
        target = split_sentences(read_article(en, "en").paragraphs, "en")
        alignment = align(source, target, model, terms=terms)
        pairs.append((text_links(alignment), gold_text_links(article, suffix == "html")))
    return score_links(pairs), count


def detection(
    articles: Sequence[GoldArticle], model: Model, terms: TermFinder | None
) -> tuple[int, int, int, int]:
    """(translations accepted, translations, unrelated pairs refused, unrelated pairs)."""
    accepted = refused = others = 0
    for a in articles:
        for b in articles:
            result = align(a.source, b.target, model, terms=terms).is_translation
            if a is b:
                accepted += result
            else:
                others += 1
                refused += not result
    return accepted, len(articles), refused, others


# --------------------------------------------------------------------------- splitting


def split_scores(lang: str, suffix: str = "") -> tuple[Scores, int, int]:
    """Sentence-boundary scores on split/LANG.sents: (scores, paragraphs right, paragraphs).

    A boundary is a character offset inside a paragraph where one sentence ends and the
    next begins; paragraph ends are given, so they are not counted.
    """
    text = (DATA / "split" / f"{lang}{suffix}.sents").read_text("utf-8")
    scores = Scores()
    right = total = 0
    for block in text.strip().split("\n\n"):
        gold_sentences = block.split("\n")
        paragraph = " ".join(gold_sentences)
        predicted = split_paragraph(paragraph, lang)
        gold_b, pred_b = _offsets(gold_sentences), _offsets(predicted)
        scores.tp += len(gold_b & pred_b)
        scores.fp += len(pred_b - gold_b)
        scores.fn += len(gold_b - pred_b)
        total += 1
        right += predicted == gold_sentences
    return scores, right, total


def _offsets(sentences: Sequence[str]) -> set[int]:
    offsets, position = set(), 0
    for sentence in sentences[:-1]:
        position += len(sentence) + 1
        offsets.add(position)
    return offsets


# --------------------------------------------------------------------------- report


def run(size: int | None = None, out: Callable[[str], None] = print) -> dict[str, object]:
    project = Project(ROOT)
    terms = TermFinder(project.load_glossary())
    model = Model.load()
    articles = read_gold_dir(DATA / "pairs")[:size]
    n_links = sum(len(a.links) for a in articles)
    out(
        f"Evaluation set: {len(articles)} article pairs, "
        f"{sum(len(a.source) for a in articles)} Korean and "
        f"{sum(len(a.target) for a in articles)} English sentences, {n_links} gold links"
    )
    out(
        f"Model: c = {model.ratio}, s² = {model.variance}, estimated from "
        f"{model.notes.get('data', 'calibration data')}"
    )
    out("")
    header = f"{'system':24} " + " ".join(f"{t:>17}" for t in (*TYPES, "all"))
    out("Link P / R / F1 on gold sentences")
    out(header)
    results: dict[str, object] = {}
    confidences: list[tuple[float, bool]] = []
    started = time.perf_counter()
    for name, system in systems(model).items():
        scores, conf = evaluate(articles, system, terms if system.anchor_weights else None)
        if name == "full":
            confidences = conf
        results[name] = scores
        out(
            f"{name:24} "
            + " ".join(
                f"{s.precision:.2f}/{s.recall:.2f}/{s.f1:.2f}".rjust(17)
                for s in (scores[t] for t in (*TYPES, "all"))
            )
        )
    elapsed = time.perf_counter() - started
    gold_counts = {t: results["full"][t].tp + results["full"][t].fn for t in TYPES}
    out(
        f"{'(gold links)':24} "
        + " ".join(f"{gold_counts[t]:>17}" for t in TYPES)
        + f"{n_links:>18}"
    )
    out("")
    full = results["full"]
    for key, target in TARGETS.items():
        f1 = full[key].f1
        out(
            f"target F1 {key:>3} ≥ {target:.2f}: {f1:.3f} "
            f"{'met' if f1 >= target else 'NOT MET'} "
            f"(baseline {results['length only (baseline)'][key].f1:.3f})"
        )
    threshold = model.threshold
    confident = [ok for c, ok in confidences if c >= threshold]
    doubtful = [ok for c, ok in confidences if c < threshold]
    wrong = sum(1 for _, ok in confidences if not ok)
    out(
        f"confidence ≥ {threshold:.2f}: {len(confident)} links, "
        f"{sum(confident) / max(1, len(confident)):.1%} correct; marked for review: "
        f"{len(doubtful)} links, {sum(1 for ok in doubtful if not ok)} of the {wrong} wrong "
        "links among them"
    )
    results["confident_precision"] = sum(confident) / max(1, len(confident))
    out("")
    out("End to end from running text (splitter + full aligner, links compared by text)")
    for suffix in ("txt", "html"):
        scores, count = evaluate_end_to_end(articles, model, terms, suffix)
        results[f"end_to_end_{suffix}"] = scores
        if count:
            out(
                f"  {suffix:4} ({count:2} articles): all links "
                f"P {scores['all'].precision:.3f} R {scores['all'].recall:.3f} "
                f"F1 {scores['all'].f1:.3f}; 1–1 F1 {scores['1-1'].f1:.3f}"
            )
    accepted, positives, refused, negatives = detection(articles, model, terms)
    results["detection"] = (accepted, positives, refused, negatives)
    out("")
    out(
        f"Not a translation: {accepted}/{positives} real pairs accepted, "
        f"{refused}/{negatives} pairs of unrelated articles refused "
        f"(threshold {model.min_evidence} evidence per sentence)"
    )
    out("")
    out("Sentence splitting (split/: boundaries inside paragraphs; -heldout: written after")
    out("the rules were finished and never used to change them)")
    for suffix in ("", "-heldout"):
        for lang in ("ko", "en"):
            scores, right, total = split_scores(lang, suffix)
            results[f"split_{lang}{suffix}"] = scores
            out(
                f"  {lang + suffix:10} boundary P {scores.precision:.3f} R {scores.recall:.3f} "
                f"F1 {scores.f1:.3f} ({scores.tp}/{scores.tp + scores.fn} found, "
                f"{scores.fp} false); {right}/{total} paragraphs exactly right; "
                f"target ≥ {SPLIT_TARGET} {'met' if scores.f1 >= SPLIT_TARGET else 'NOT MET'}"
            )
    out("")
    out(
        f"alignment time: {elapsed / (4 * max(1, len(articles))) * 1000:.0f} ms per article "
        "(all four systems averaged)"
    )
    return results


def leave_one_out(size: int | None = None, out: Callable[[str], None] = print) -> None:
    """For comparison only: parameters estimated on the other evaluation articles (plus the
    calibration data) instead of on the calibration data alone."""
    from sajeon.alignment.align import estimate
    from sajeon.storage.sourcefiles import read_memory_file

    terms = TermFinder(Project(ROOT).load_glossary())
    bundled = Model.load()
    articles = read_gold_dir(DATA / "pairs")[:size]
    calibration = read_gold_dir(DATA / "calibration")
    memory = [(s.source, s.target) for _, s in read_memory_file(ROOT / "memory/ko-en.tsv")]
    pairs = []
    ratios = []
    for k, article in enumerate(articles):
        rest = [a for i, a in enumerate(articles) if i != k]
        model = estimate([*calibration, *rest], memory, terms=terms)
        model.threshold, model.min_evidence = bundled.threshold, bundled.min_evidence
        ratios.append(model.ratio)
        alignment = align(article.source, article.target, model, terms=terms)
        pairs.append((index_links(alignment.links), index_links(article.links)))
    scores = score_links(pairs)
    out("")
    out(
        f"Leave one article out (estimated on calibration + the other {len(articles) - 1} "
        f"articles; c between {min(ratios):.3f} and {max(ratios):.3f}): "
        f"1–1 F1 {scores['1-1'].f1:.3f}, all links F1 {scores['all'].f1:.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, help="evaluate the first N articles only")
    parser.add_argument(
        "--leave-one-out",
        action="store_true",
        help="also estimate the parameters on the other evaluation articles, for comparison",
    )
    args = parser.parse_args()
    results = run(args.size)
    if args.leave_one_out:
        leave_one_out(args.size)
    full = results["full"]
    met = all(full[k].f1 >= v for k, v in TARGETS.items())  # type: ignore[index]
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
