"""How well ``sajeon check`` finds terminology errors, on a bitext with errors put in.

    python benchmarks/qa_eval.py                  # figures, and every miss or false alarm
    python benchmarks/qa_eval.py --make-injected  # rewrite tests/data/qa/injected.tsv
    python benchmarks/qa_eval.py --articles       # the article set only, against --baseline

Two evaluations. The written set:

tests/data/qa/clean.tsv holds correct translations (every glossary term of the source
rendered with an approved term); injected.tsv holds copies of them with one error each,
made by --make-injected: the approved rendering of one concept replaced by a confusable
concept's term, by a deprecated or forbidden term of the same concept, or by a generic
word (the term missing); injected-by-hand.tsv holds errors written by hand (MSS for
사회안전성, "Ministry of Social Security" for 보위부 …). The figures: the share of injected
errors reported for the right segment and concept, and false alarms (issues of any
severity) per 100 clean segments.

The article set (tests/data/qa/articles/, see its README): twelve article-length pairs in
the style of published newsroom English, with the findings an editor accepts marked in
gold.tsv. ``sajeon check --json`` is run on them twice in one run, by this tree's code and
by the release it is compared with (``--baseline REV``, unpacked with git archive under
benchmarks/out/), each with its own glossary. Findings are read as data (kind, severity,
concept, line), so new kinds are counted without a change here. A gold finding is found
when a finding names its segment and concept (a gold ``*``, "not a translation pair?",
is matched by a finding with no concept); every other finding is a false alarm, counted
by kind and severity.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # release.py, when imported as a module

from release import baseline_tree  # noqa: E402

from sajeon.engine.qa import Checker, Unit, read_units  # noqa: E402
from sajeon.storage.project import Project  # noqa: E402

DATA = ROOT / "tests" / "data" / "qa"
ARTICLES = DATA / "articles"
OUT = ROOT / "benchmarks" / "out"
# The release the article evaluation compares with: the commit issue 12's work started from.
BASELINE = "10cd278e1e2bdd9d4e9eb4bbe0ffceb0d32b03f8"
# Targets of issue 12, per article.
TARGET_ERROR_ALARMS = 0.5
TARGET_WARNING_ALARMS = 3.0
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


# ---------------------------------------------------------------------------- article set


@dataclass(frozen=True)
class Gold:
    """A finding an editor accepts: segment (file, line), concept (or *), kind, level."""

    file: str
    line: int
    concept: str
    kind: str
    level: str  # error | warning
    injected: bool


def read_gold(directory: Path = ARTICLES) -> list[Gold]:
    header, *lines = (directory / "gold.tsv").read_text(encoding="utf-8").splitlines()
    columns = header.split("\t")
    gold = []
    for line in lines:
        row = dict(zip(columns, line.split("\t"), strict=True))
        gold.append(
            Gold(
                row["file"],
                int(row["line"]),
                row["concept"],
                row["kind"],
                row["level"],
                row["injected"] == "yes",
            )
        )
    return gold


def article_files(directory: Path = ARTICLES) -> list[Path]:
    return sorted(p for p in directory.glob("*.tsv") if p.name != "gold.tsv")


def run_check(tree: Path, files: list[Path], db: Path) -> list[dict]:
    """``sajeon check --json --no-ignore`` by the code and glossary of ``tree``, in its own
    process; the findings that are not ignored."""
    program = "import sys; sys.path.insert(0, sys.argv.pop(1)); from sajeon.cli import cli; cli()"
    command = [sys.executable, "-c", program, str(tree / "src"), "--project", str(tree)]
    command += ["--db", str(db), "check", "--no-ignore", "--json", *map(str, files)]
    env = {k: v for k, v in os.environ.items() if k not in ("SAJEON_PROJECT", "SAJEON_DB")}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{tree}: sajeon check failed: {done.stderr.strip()[-500:]}")
    return [i for i in json.loads(done.stdout)["issues"] if not i.get("ignored")]


@dataclass
class ArticleScore:
    segments: int = 0
    gold: int = 0
    found: int = 0
    found_as_error: int = 0  # error-level gold findings reported as errors
    error_alarms: int = 0  # false alarms of severity error
    warning_alarms: int = 0
    missed: list[Gold] = field(default_factory=list)


@dataclass
class ArticleFigures:
    articles: dict[str, ArticleScore] = field(default_factory=dict)
    # gold kind → [marked, found, found as error, injected error-level]
    by_gold_kind: dict[str, list[int]] = field(default_factory=dict)
    # reported kind → [false alarms that are errors, … that are warnings]
    alarms_by_kind: dict[str, list[int]] = field(default_factory=dict)
    alarms: list[str] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(a, name) for a in self.articles.values())

    def per_article(self, name: str) -> float:
        return self.total(name) / len(self.articles) if self.articles else 0.0

    @property
    def injected_errors(self) -> tuple[int, int]:
        """(injected error-level findings, of which reported as errors)."""
        counts = self.by_gold_kind.values()
        return sum(c[3] for c in counts), sum(c[2] for c in counts)


def _matches(gold: Gold, issue: dict) -> bool:
    if gold.concept == "*":  # a finding about the pair, not a concept ("*" or none)
        return issue.get("concept") in (None, "", "*")
    return issue.get("concept") == gold.concept


def score_articles(
    issues: list[dict], gold: list[Gold], files: list[Path], segments: dict[str, int]
) -> ArticleFigures:
    """Compare reported findings with the gold findings, per article and per kind."""
    figures = ArticleFigures()
    by_file: dict[str, list[dict]] = {}
    for issue in issues:
        by_file.setdefault(Path(issue["file"]).name, []).append(issue)
    for path in files:
        name = path.name
        score = figures.articles.setdefault(name, ArticleScore(segments=segments[name]))
        left = list(by_file.get(name, []))
        for g in (g for g in gold if g.file == name):
            score.gold += 1
            counts = figures.by_gold_kind.setdefault(g.kind, [0, 0, 0, 0])
            counts[0] += 1
            counts[3] += g.level == "error" and g.injected
            hits = [i for i in left if i["line"] == g.line and _matches(g, i)]
            if not hits:
                score.missed.append(g)
                continue
            left = [i for i in left if i not in hits]
            score.found += 1
            counts[1] += 1
            if g.level == "error" and any(i["severity"] == "error" for i in hits):
                score.found_as_error += 1
                counts[2] += 1
        for issue in left:
            error = issue["severity"] == "error"
            score.error_alarms += error
            score.warning_alarms += not error
            alarm = figures.alarms_by_kind.setdefault(issue["kind"], [0, 0])
            alarm[0 if error else 1] += 1
            figures.alarms.append(
                f"{name}:{issue['line']}: {issue['severity']}: {issue['kind']}: {issue['message']}"
            )
    return figures


def evaluate_articles(tree: Path, label: str) -> ArticleFigures:
    files = article_files()
    OUT.mkdir(parents=True, exist_ok=True)
    issues = run_check(tree, files, OUT / f"qa-eval-{label}.db")
    segments = {p.name: len(read_units(p, "ko", "en", p.name)) for p in files}
    return score_articles(issues, read_gold(), files, segments)


def article_report(runs: dict[str, ArticleFigures], show_alarms: bool) -> list[str]:
    """The before/after tables: per gold kind, false alarms per reported kind, per article."""
    names = list(runs)
    lines = ["", "Article set (tests/data/qa/articles): " + " vs ".join(names)]
    head = "".join(f"{n:>24}" for n in names)
    lines += ["", f"{'gold kind':<14}{'marked':>7}" + head]
    lines.append(f"{'':<21}" + "".join(f"{'found / as error':>24}" for _ in names))
    kinds = sorted({k for f in runs.values() for k in f.by_gold_kind})
    for kind in kinds:
        marked = next(f.by_gold_kind[kind][0] for f in runs.values() if kind in f.by_gold_kind)
        cells = "".join(
            f"{'{} / {}'.format(*f.by_gold_kind.get(kind, [0, 0, 0])[1:3]):>24}"
            for f in runs.values()
        )
        lines.append(f"{kind:<14}{marked:>7}" + cells)
    lines += ["", f"{'false alarms':<21}" + "".join(f"{'errors / warnings':>24}" for _ in names)]
    for kind in sorted({k for f in runs.values() for k in f.alarms_by_kind}):
        cells = "".join(
            f"{'{} / {}'.format(*f.alarms_by_kind.get(kind, [0, 0])):>24}" for f in runs.values()
        )
        lines.append(f"{kind:<21}" + cells)
    lines += ["", f"{'article':<34}{'seg':>4}{'gold':>5}" + head]
    lines.append(f"{'':<43}" + "".join(f"{'found, alarms err/warn':>24}" for _ in names))
    for article in next(iter(runs.values())).articles:
        first = next(iter(runs.values())).articles[article]
        cells = ""
        for f in runs.values():
            a = f.articles[article]
            cells += f"{f'{a.found}, {a.error_alarms} / {a.warning_alarms}':>24}"
        lines.append(f"{article[:-4]:<34}{first.segments:>4}{first.gold:>5}" + cells)
    lines.append("")
    for name, f in runs.items():
        injected, as_error = f.injected_errors
        met = (
            as_error == injected
            and f.per_article("error_alarms") <= TARGET_ERROR_ALARMS
            and f.per_article("warning_alarms") <= TARGET_WARNING_ALARMS
        )
        lines.append(
            f"{name}: injected errors reported as errors {as_error} of {injected}; "
            f"gold found {f.total('found')} of {f.total('gold')}; false alarms per article: "
            f"{f.per_article('error_alarms'):.2f} errors (target ≤ {TARGET_ERROR_ALARMS}), "
            f"{f.per_article('warning_alarms'):.2f} warnings (target ≤ {TARGET_WARNING_ALARMS:g})"
            f"; targets {'met' if met else 'not met'}"
        )
    if show_alarms:
        for name, f in runs.items():
            lines.append(f"{name}:")
            lines += [
                f"    missed: {g.file}:{g.line} {g.kind} {g.concept}"
                for a in f.articles.values()
                for g in a.missed
            ]
            lines += [f"    false alarm: {alarm}" for alarm in f.alarms]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--make-injected", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="Figures only, no list of misses.")
    parser.add_argument("--articles", action="store_true", help="The article set only.")
    parser.add_argument(
        "--baseline",
        default=BASELINE,
        metavar="REV",
        help=f"Release to compare the article set with (default {BASELINE[:12]}).",
    )
    parser.add_argument("--no-baseline", action="store_true", help="This tree only.")
    args = parser.parse_args()
    if not args.articles:
        written(args)
    runs = {}
    if not args.no_baseline:
        runs[f"baseline {args.baseline[:12]}"] = evaluate_articles(
            baseline_tree(args.baseline), "baseline"
        )
    runs["this tree"] = evaluate_articles(ROOT, "current")
    print("\n".join(article_report(runs, not args.quiet)))
    return 0


def written(args) -> None:
    """The written set: injected errors found, false alarms per 100 clean segments."""
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


if __name__ == "__main__":
    sys.exit(main())
