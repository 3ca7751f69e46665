"""How well ``sajeon check`` finds terminology errors, on a bitext with errors put in.

    python benchmarks/qa_eval.py                  # figures, and every miss or false alarm
    python benchmarks/qa_eval.py --make-injected  # rewrite tests/data/qa/injected.tsv

tests/data/qa/clean.tsv holds correct translations (every glossary term of the source
rendered with an approved term); injected.tsv holds copies of them with one error each,
made by --make-injected: the approved rendering of one concept replaced by a confusable
concept's term, by a deprecated or forbidden term of the same concept, or by a generic
word (the term missing); injected-by-hand.tsv holds errors written by hand (MSS for
사회안전성, "Ministry of Social Security" for 보위부 …). The figures: the share of injected
errors reported for the right segment and concept, and false alarms (issues of any
severity) per 100 clean segments.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sajeon.engine.qa import Checker, Unit, read_units  # noqa: E402
from sajeon.storage.project import Project  # noqa: E402

DATA = ROOT / "tests" / "data" / "qa"
GENERIC = {
    "place": "the region",
    "security": "the authorities",
    "law": "the case",
    "economy": "goods",
    "person": "an official",
    "military": "an officer",
    "society": "people",
    "party": "the organisation",
}


def make_injected(checker: Checker, seed: int = 5) -> list[dict]:
    """One injected error per clean segment that has a term to spoil."""
    r = random.Random(seed)
    units = read_units(DATA / "clean.tsv", "ko", "en", "clean.tsv")
    concepts = checker.concepts
    rows = []
    kinds = ["confusable", "wrong-status", "missing"]
    for number, unit in enumerate(units):
        if checker.check(unit):
            continue
        source_ids = {
            c.id for _, _, senses in checker.source.find_senses(unit.source) for c, _ in senses
        }
        # Spoil a concept named once in the source and rendered once in the target, so
        # that the error is one a reader of that segment would see.
        source_count: dict[str, int] = {}
        for _, _, senses in checker.source.find_senses(unit.source):
            source_count[senses[0][0].id] = source_count.get(senses[0][0].id, 0) + 1
        rendered = [
            (s, e, concept)
            for s, e, senses in checker.target.find_senses(unit.target)
            for concept, term in senses[:1]
            if concept.id in source_ids and term.approved
        ]
        spans = [
            (s, e, concept)
            for s, e, concept in rendered
            if source_count.get(concept.id) == 1
            and sum(1 for x in rendered if x[2].id == concept.id) == 1
        ]
        if not spans:
            continue
        kind = kinds[number % 3]

        def bad_terms(concept):
            return [t for t in concept.terms_in("en") if t.status in ("deprecated", "forbidden")]

        with_bad = [span for span in spans if bad_terms(span[2])]
        s, e, concept = r.choice(with_bad if kind == "wrong-status" and with_bad else spans)
        bad = bad_terms(concept)
        confusables = sorted(
            (
                o
                for o in concepts.values()
                if o.id not in source_ids and o.preferred("en") and checker.confusable(concept, o)
            ),
            key=lambda o: o.id,
        )
        if kind == "wrong-status" and not bad:
            kind = "confusable"
        if kind == "confusable" and not confusables:
            kind = "missing"
        if kind == "wrong-status":
            term = r.choice(bad)
            replacement, kind = term.text, term.status
        elif kind == "confusable":
            replacement = r.choice(confusables).preferred("en").text
        else:
            replacement = GENERIC.get(concept.domain or "", "it")
        target = unit.target[:s] + replacement + unit.target[e:]
        rows.append(
            {
                "ko": unit.source,
                "en": target,
                "concept": concept.id,
                "kind": kind,
                "original": unit.target,
            }
        )
    return rows


def write_injected(rows: list[dict]) -> None:
    lines = ["ko\ten\tconcept\tkind\toriginal"]
    lines += [
        "\t".join(row[k] for k in ("ko", "en", "concept", "kind", "original")) for row in rows
    ]
    (DATA / "injected.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass
class Figures:
    clean_segments: int = 0
    false_alarms: int = 0
    injected: int = 0
    found: int = 0
    same_kind: int = 0  # found and reported as the kind that was injected
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind → [injected, found]
    notes: list[str] = field(default_factory=list)

    @property
    def detection(self) -> float:
        return self.found / self.injected if self.injected else 1.0

    @property
    def false_alarms_per_100(self) -> float:
        return 100 * self.false_alarms / self.clean_segments if self.clean_segments else 0.0


def evaluate(glossary=None) -> Figures:
    glossary = glossary if glossary is not None else Project(ROOT).load_glossary()
    checker = Checker(glossary, "ko", "en")
    figures = Figures()
    for unit in read_units(DATA / "clean.tsv", "ko", "en", "clean.tsv"):
        figures.clean_segments += 1
        for issue in checker.check(unit):
            figures.false_alarms += 1
            figures.notes.append(f"clean.tsv:{unit.line}: false alarm: {issue.message}")
    rows = []
    for name in ("injected.tsv", "injected-by-hand.tsv"):
        header, *lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        columns = header.split("\t")
        for number, line in enumerate(lines, start=2):
            rows.append((name, number, dict(zip(columns, line.split("\t"), strict=True))))
    for name, number, row in rows:
        unit = Unit(name, number, None, row["ko"], row["en"])
        issues = checker.check(unit)
        hit = any(i.concept == row["concept"] for i in issues)
        counts = figures.by_kind.setdefault(row["kind"], [0, 0])
        counts[0] += 1
        figures.injected += 1
        if hit:
            counts[1] += 1
            figures.found += 1
            figures.same_kind += any(
                i.concept == row["concept"] and i.kind == row["kind"] for i in issues
            )
        else:
            figures.notes.append(
                f"{name}:{number}: missed {row['kind']} of {row['concept']}: {row['en']}"
            )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--make-injected", action="store_true")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    glossary = Project(ROOT).load_glossary()
    if args.make_injected:
        rows = make_injected(Checker(glossary, "ko", "en"))
        write_injected(rows)
        print(f"wrote {len(rows)} segments with an injected error to {DATA / 'injected.tsv'}")
    f = evaluate(glossary)
    print(f"{'kind':<12}{'injected':>9}{'found':>7}{'rate':>8}")
    for kind, (injected, found) in sorted(f.by_kind.items()):
        print(f"{kind:<12}{injected:>9}{found:>7}{found / injected:>8.1%}")
    print(f"{'all':<12}{f.injected:>9}{f.found:>7}{f.detection:>8.1%}")
    print(f"reported as the kind injected: {f.same_kind} of {f.found}")
    print(
        f"false alarms: {f.false_alarms} on {f.clean_segments} clean segments "
        f"= {f.false_alarms_per_100:.2f} per 100"
    )
    if not args.quiet:
        for note in f.notes:
            print("   ", note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
