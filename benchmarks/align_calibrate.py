"""Estimate the aligner's parameters from calibration data and write them to
``src/sajeon/alignment/data/align-model.json``.

Calibration data is kept apart from the evaluation set (``tests/data/align/pairs``):

* ``tests/data/align/calibration/*``: article pairs with gold links (link-type priors,
  anchor and paragraph weights, lengths);
* ``memory/ko-en.tsv``: the bundled sentence pairs (lengths only).

The not-a-translation threshold is set between the calibration articles aligned with their
own translation and with each other article's translation. Run from the project root:

    python benchmarks/align_calibrate.py            # print the figures and write the model
    python benchmarks/align_calibrate.py --check    # only print; fail if the file differs
    python benchmarks/align_calibrate.py --calibration ../archive/gold --out newsroom.json
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from sajeon.alignment.align import Model, align, estimate
from sajeon.alignment.anchors import TermFinder
from sajeon.alignment.goldlinks import read_gold_dir
from sajeon.storage.project import Project
from sajeon.storage.sourcefiles import read_memory_file

ROOT = Path(__file__).resolve().parent.parent
CALIBRATION = ROOT / "tests/data/align/calibration"
MODEL_FILE = ROOT / "src/sajeon/alignment/data/align-model.json"
#: Links marked ok should be right this often: the review threshold is the lowest posterior
#: at which the calibration links reach it, each article aligned by a model estimated
#: without it (the posteriors of a model on its own training data flatter it), and never
#: below 0.90: ten calibration articles are too few to trust a lower one.
OK_PRECISION = 0.99
THRESHOLDS = tuple(round(0.9 + k / 100, 2) for k in range(10))


def calibrate(
    calibration: Path = CALIBRATION, project: Path = ROOT, memory: Path | None = None
) -> Model:
    terms = TermFinder(Project(project).load_glossary())
    articles = read_gold_dir(calibration)
    memory = memory or project / "memory/ko-en.tsv"
    pairs = [(s.source, s.target) for _, s in read_memory_file(memory)] if memory.exists() else []
    model = estimate(articles, pairs, terms=terms)
    model.threshold, precision, marked = review_threshold(articles, pairs, terms)
    # Not a translation: compare each calibration article with its own translation and with
    # every other article's, and put the threshold halfway between the two groups.
    own, other = [], []
    for a in articles:
        for b in articles:
            evidence = align(a.source, b.target, model, terms=terms).evidence
            (own if a is b else other).append(evidence)
    model.min_evidence = round((min(own) + max(other)) / 2, 4)
    model.ratio = round(model.ratio, 4)
    model.variance = round(model.variance, 4)
    model.target_log_mean = round(model.target_log_mean, 4)
    model.target_log_sd = round(model.target_log_sd, 4)
    model.priors = {k: round(v, 4) for k, v in model.priors.items()}
    model.notes |= {
        "data": f"{_name(calibration)} (articles) + {_name(memory)} (sentence pairs)",
        "evidence_own_translation_min": round(min(own), 3),
        "evidence_other_article_max": round(max(other), 3),
        "ok_precision_held_out": round(precision, 4),
        "ok_links_held_out": marked,
    }
    return model


def review_threshold(articles, pairs, terms) -> tuple[float, float, int]:
    """(threshold, precision of the links at or above it, their number): each calibration
    article aligned by a model estimated on the others."""
    scored: list[tuple[float, bool]] = []
    for k, article in enumerate(articles):
        held_out = estimate([*articles[:k], *articles[k + 1 :]], pairs, terms=terms)
        gold = {(link.source, link.target) for link in article.links}
        alignment = align(article.source, article.target, held_out, terms=terms)
        scored += [(link.confidence, (link.source, link.target) in gold)
                   for link in alignment.links if link.aligned]  # fmt: skip
    for threshold in THRESHOLDS:
        marked = [right for confidence, right in scored if confidence >= threshold]
        if marked and sum(marked) / len(marked) >= OK_PRECISION:
            return threshold, sum(marked) / len(marked), len(marked)
    marked = [right for confidence, right in scored if confidence >= THRESHOLDS[-1]]
    return THRESHOLDS[-1], sum(marked) / max(1, len(marked)), len(marked)


def _name(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="do not write; compare")
    parser.add_argument(
        "--calibration",
        type=Path,
        default=CALIBRATION,
        help="folder of gold article pairs (default: tests/data/align/calibration)",
    )
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="project whose glossary and memory to use"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=MODEL_FILE,
        help="where to write the model (default: the bundled one); use it with "
        "'sajeon align --model FILE'",
    )
    args = parser.parse_args()
    model = calibrate(args.calibration, args.project)
    print(
        f"length model: c = {model.ratio} English chars per Korean char, "
        f"s² = {model.variance} (per Korean char); "
        f"{model.notes['length_beads']} links from {model.notes['articles']} articles "
        f"and {model.notes['sentence_pairs']} memory pairs"
    )
    print(
        "link priors:  "
        + ", ".join(f"{k} {v:.3f}" for k, v in model.priors.items())
        + f"  (counts {model.notes['link_counts']}, add-one smoothed)"
    )
    print(f"0–1 length:   log-normal, mean {model.target_log_mean}, sd {model.target_log_sd}")
    print("anchor weights (log-likelihood ratios, true vs nearby wrong links):")
    for kind, w in model.anchor_weights.items():
        print(f"  {kind:7} " + "  ".join(f"{k} {v:+.2f}" for k, v in w.items()))
    print(
        "paragraph boundary weights: "
        + ", ".join(f"{k} {v:+.2f}" for k, v in model.boundary_weights.items())
    )
    print(
        f"review below confidence {model.threshold}: links at or above it right "
        f"{model.notes['ok_precision_held_out']:.1%} of the time "
        f"({model.notes['ok_links_held_out']} links, each article held out)"
    )
    print(
        f"not a translation below {model.min_evidence} evidence per sentence "
        f"(own translation ≥ {model.notes['evidence_own_translation_min']}, "
        f"other article ≤ {model.notes['evidence_other_article_max']})"
    )
    text = json.dumps(asdict(model), indent=2, ensure_ascii=False) + "\n"
    if args.check:
        same = args.out.exists() and args.out.read_text("utf-8") == text
        print(f"{_name(args.out)} is {'up to date' if same else 'OUT OF DATE'}")
        return 0 if same else 1
    args.out.write_text(text, "utf-8")
    print(f"wrote {_name(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
