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
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sajeon.alignment.align import Alignment, Model, align
from sajeon.alignment.anchors import TermFinder
from sajeon.alignment.goldlinks import GoldArticle, read_gold, read_gold_dir
from sajeon.core.sentences import split_paragraph, split_sentences
from sajeon.formats.article import read_article
from sajeon.storage.project import Project

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests/data/align"
PUBLISHED = DATA / "published"
# The release this tree is compared with: the aligner before issue 14.
BASELINE = "c9b0717ad55ef0581416a9ecdb911a092619add2"
TYPES = ("1-1", "2-1", "1-2", "3-1", "1-3", "2-2", "1-0", "0-1")
TARGETS = {"1-1": 0.95, "all": 0.85}
PUBLISHED_TARGETS = {"all": 0.95, "ok": 0.98}
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


# --------------------------------------------------------------------------- release vs tree
#
# Both sets are scored the way a user meets them: the older set on its gold sentences (as
# before, so the figures stay comparable), the published-style set end to end from the
# saved pages and pasted texts, furniture and all. The release's code runs the same
# function in a child process (``--predict``), with the glossary of this tree.


def published_dirs(size: int | None = None) -> list[Path]:
    if not PUBLISHED.is_dir():
        return []
    return sorted(d for d in PUBLISHED.iterdir() if (d / "links.tsv").exists())[:size]


def page_file(directory: Path, lang: str) -> Path:
    for suffix in ("html", "txt"):
        if (path := directory / f"{lang}.{suffix}").exists():
            return path
    raise SystemExit(f"{directory}: no {lang}.html or {lang}.txt")


def evaluation_spec(size: int | None = None) -> dict[str, object]:
    old = [str(d) for d in sorted((DATA / "pairs").iterdir()) if (d / "links.tsv").exists()]
    published = [[str(page_file(d, "ko")), str(page_file(d, "en"))] for d in published_dirs(size)]
    return {
        "project": str(ROOT),
        "old": old[:size],
        "published": published,
        "published_unrelated": [
            [ko, en] for a, (ko, _) in enumerate(published)
            for b, (_, en) in enumerate(published) if a != b
        ],
    }  # fmt: skip


def predict(spec: dict[str, object], model: Model | None = None) -> dict[str, object]:
    """What the sajeon on ``sys.path`` makes of the evaluation data: links with their
    confidences, evidence and verdict per pair; the pages go through ``sajeon align``'s own
    reading (:class:`Aligner`). Uses only what every release since issue 6 has, so that
    the release can run it too."""
    from sajeon.alignment.align import Model as LoadedModel
    from sajeon.alignment.align import align as align_pair
    from sajeon.alignment.articles import Aligner
    from sajeon.alignment.goldlinks import read_gold
    from sajeon.storage.project import Project as LoadedProject

    model = model or LoadedModel.load()
    aligner = Aligner(model, LoadedProject(Path(str(spec["project"]))).load_glossary())

    def result(alignment) -> dict[str, object]:
        return {
            "source": [s.text for s in alignment.source],
            "target": [t.text for t in alignment.target],
            "links": [[list(k.source), list(k.target), k.confidence] for k in alignment.links],
            "evidence": alignment.evidence,
            "translation": alignment.is_translation,
        }

    def pages(ko: str, en: str):
        return aligner.align_files(Path(ko), Path(en), force=True).alignment

    old = [read_gold(Path(d)) for d in spec["old"]]  # type: ignore[union-attr]
    out: dict[str, object] = {"threshold": model.threshold, "min_evidence": model.min_evidence}
    out["old"] = [result(align_pair(a.source, a.target, model, terms=aligner.terms)) for a in old]
    out["old_unrelated"] = [
        align_pair(a.source, b.target, model, terms=aligner.terms).evidence
        for a in old
        for b in old
        if a is not b
    ]
    out["published"] = [result(pages(ko, en)) for ko, en in spec["published"]]  # type: ignore[union-attr]
    out["published_unrelated"] = [
        pages(ko, en).evidence
        for ko, en in spec["published_unrelated"]  # type: ignore[union-attr]
    ]
    return out


def predict_release(rev: str, spec: dict[str, object]) -> dict[str, object]:
    from release import baseline_tree, run_with

    call = "predict(json.load(sys.stdin))"
    return run_with(baseline_tree(rev), "align_eval", call, stdin=json.dumps(spec))


def _text_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def map_to_gold(texts: Sequence[str], gold: Sequence[str]) -> list[int | None]:
    """The gold sentence each extracted sentence is (most of), or None for furniture: a
    sentence matches a gold one when one contains the other up to a few characters
    (a caption with its credit, a sentence cut short) and it is at least half as long."""
    from rapidfuzz import fuzz

    keys = [_text_key(g) for g in gold]
    mapped: list[int | None] = []
    for text in texts:
        key = _text_key(text)
        best: tuple[float, float, int] | None = None
        for index, other in enumerate(keys):
            if not key or not other:
                continue
            short, long = sorted((key, other), key=len)
            ratio = len(short) / len(long)
            overlap = fuzz.partial_ratio(short, long)
            if overlap >= 90 and ratio >= 0.5 and (best is None or (overlap, ratio) > best[:2]):
                best = (overlap, ratio, index)
        mapped.append(best[2] if best else None)
    return mapped


def published_scores(
    prediction: dict[str, object], size: int | None = None
) -> tuple[dict[str, Scores], list[tuple[float, bool]]]:
    """Link scores on the published-style set from a prediction: each extracted sentence is
    mapped to its gold sentence, and a link counts when it has exactly the gold link's
    sentences. A link of furniture only is ignored when unaligned, wrong when aligned."""
    pairs = []
    confidences: list[tuple[float, bool]] = []
    for directory, result in zip(published_dirs(size), prediction["published"], strict=True):
        gold = read_gold(directory)
        gold_links = {(frozenset(k.source), frozenset(k.target)) for k in gold.links}
        source = map_to_gold(result["source"], [s.text for s in gold.source])
        target = map_to_gold(result["target"], [t.text for t in gold.target])
        predicted = set()
        for src, tgt, confidence in result["links"]:
            key = (
                frozenset(source[i] for i in src if source[i] is not None),
                frozenset(target[j] for j in tgt if target[j] is not None),
            )
            if not key[0] and not key[1]:
                if not (src and tgt):
                    continue  # furniture left unaligned: noise for the reviewer, no harm
                key = (frozenset({-1 - len(predicted)}), frozenset())  # furniture linked
            predicted.add(key)
            if src and tgt:
                confidences.append((confidence, key in gold_links))
        pairs.append((predicted, gold_links))
    return score_links(pairs), confidences


def old_scores(prediction: dict[str, object], size: int | None = None):
    articles = read_gold_dir(DATA / "pairs")[:size]
    pairs = []
    confidences: list[tuple[float, bool]] = []
    for article, result in zip(articles, prediction["old"], strict=True):
        gold = index_links(article.links)
        predicted = {(tuple(src), tuple(tgt)) for src, tgt, _ in result["links"]}
        pairs.append((predicted, gold))
        confidences += [
            ((c, (tuple(s), tuple(t)) in gold)) for s, t, c in result["links"] if s and t
        ]
    return score_links(pairs), confidences


@dataclass
class SetFigures:
    f1_one: float
    f1_all: float
    ok_links: int
    ok_right: int
    translations: int
    refused: int
    unrelated: int
    unrelated_refused: int
    lowest_translation: float
    highest_unrelated: float
    threshold: float

    @property
    def ok_precision(self) -> float:
        return self.ok_right / self.ok_links if self.ok_links else 1.0


def set_figures(prediction, which: str, size: int | None = None) -> tuple[SetFigures, dict]:
    scorer = published_scores if which == "published" else old_scores
    scores, confidences = scorer(prediction, size)
    threshold = float(prediction["threshold"])
    ok = [right for confidence, right in confidences if confidence >= threshold]
    min_evidence = float(prediction["min_evidence"])
    own = [r["evidence"] for r in prediction[which]]
    others = prediction[f"{which}_unrelated"]
    figures = SetFigures(
        scores["1-1"].f1,
        scores["all"].f1,
        len(ok),
        sum(ok),
        len(own),
        sum(1 for e in own if e < min_evidence),
        len(others),
        sum(1 for e in others if e < min_evidence),
        min(own, default=0.0),
        max(others, default=0.0),
        min_evidence,
    )
    return figures, scores


def comparison_table(rows: list[tuple[str, str, SetFigures]]) -> list[str]:
    lines = [
        "| set | aligner | F1 1–1 | F1 all | `ok` links right | translations refused "
        "| unrelated pairs refused | evidence: lowest translation / highest unrelated "
        "(threshold) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, system, f in rows:
        lines.append(
            f"| {name} | {system} | {f.f1_one:.3f} | {f.f1_all:.3f} | "
            f"{f.ok_precision:.1%} ({f.ok_right}/{f.ok_links}) | {f.refused}/{f.translations} | "
            f"{f.unrelated_refused}/{f.unrelated} | {f.lowest_translation:.2f} / "
            f"{f.highest_unrelated:.2f} ({f.threshold:.2f}) |"
        )
    return lines


def anchor_contributions(size: int | None, out: Callable[[str], None]) -> None:
    """The published-style set with one kind of anchor left out at a time."""
    model = Model.load()
    spec = evaluation_spec(size)
    spec["published_unrelated"] = []
    groups = {
        "names (romanization)": ("name",),
        "numbers, days, months": ("number", "day", "month"),
        "glossary terms": ("term",),
        "common words (word list)": ("word",),
        "quotations": ("quote",),
        "paragraph kind": ("kind",),
        "all anchors": tuple(model.anchor_weights),
    }
    out("Anchor kinds on the published-style set (end to end), each left out in turn")
    out(f"{'without':24} {'F1 all':>7} {'F1 1–1':>7} {'ok right':>14} {'refused':>8}")
    variants = {"(full model)": model}
    for name, kinds in groups.items():
        weights = {k: v for k, v in model.anchor_weights.items() if k not in kinds}
        variants[name] = replace(model, anchor_weights=weights)
    for name, variant in variants.items():
        prediction = predict(spec, variant)
        prediction["published_unrelated"] = []
        figures, _ = set_figures(prediction, "published", size)
        out(
            f"{name:24} {figures.f1_all:7.3f} {figures.f1_one:7.3f} "
            f"{figures.ok_precision:8.1%} ({figures.ok_links:3}) "
            f"{figures.refused:4}/{figures.translations}"
        )


def compare_with_release(
    rev: str | None, size: int | None = None, out: Callable[[str], None] = print
) -> dict[str, tuple[SetFigures, dict]]:
    spec = evaluation_spec(size)
    predictions = {"this tree": predict(spec)}
    if rev:
        predictions[f"release {rev[:7]}"] = predict_release(rev, spec)
    rows = []
    results: dict[str, tuple[SetFigures, dict]] = {}
    for which, label in (("old", f"older set ({len(spec['old'])} pairs, gold sentences)"),
                         ("published", f"published-style ({len(spec['published'])} pairs, "
                                       "from the pages)")):  # fmt: skip
        for system in reversed(predictions):
            figures, scores = set_figures(predictions[system], which, size)
            results[f"{which}/{system}"] = (figures, scores)
            rows.append((label, system, figures))
    for line in comparison_table(rows):
        out(line)
    scores = results["published/this tree"][1]
    out("")
    out("Published-style set, this tree: link P / R / F1 by type (gold links)")
    out("  " + "  ".join(
        f"{t} {scores[t].precision:.2f}/{scores[t].recall:.2f}/{scores[t].f1:.2f} "
        f"({scores[t].tp + scores[t].fn})" for t in (*TYPES, "all")
    ))  # fmt: skip
    return results


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
        "--baseline",
        default=BASELINE,
        help=f"release to compare with, in the same run (default {BASELINE[:12]})",
    )
    parser.add_argument("--no-baseline", action="store_true", help="this tree only")
    parser.add_argument(
        "--leave-one-out",
        action="store_true",
        help="also estimate the parameters on the other evaluation articles, for comparison",
    )
    args = parser.parse_args()
    compared = compare_with_release(None if args.no_baseline else args.baseline, args.size)
    print("")
    anchor_contributions(args.size, print)
    print("")
    print("Older set in detail")
    results = run(args.size)
    if args.leave_one_out:
        leave_one_out(args.size)
    full = results["full"]
    met = all(full[k].f1 >= v for k, v in TARGETS.items())  # type: ignore[index]
    published = compared.get("published/this tree")
    if published and published_dirs(args.size):
        f = published[0]
        met = met and (
            f.f1_all >= PUBLISHED_TARGETS["all"]
            and f.ok_precision >= PUBLISHED_TARGETS["ok"]
            and f.refused == 0
            and f.unrelated_refused == f.unrelated
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
