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
#: Links below this posterior probability are marked for review (a design choice, not fitted:
#: at most one link in ten marked confident should be wrong if the posteriors are honest).
THRESHOLD = 0.9


def calibrate(
    calibration: Path = CALIBRATION, project: Path = ROOT, memory: Path | None = None
) -> Model:
    terms = TermFinder(Project(project).load_glossary())
    articles = read_gold_dir(calibration)
    memory = memory or project / "memory/ko-en.tsv"
    pairs = [(s.source, s.target) for _, s in read_memory_file(memory)] if memory.exists() else []
    model = estimate(articles, pairs, terms=terms)
    model.threshold = THRESHOLD
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
    }
    return model


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
