"""Sentence alignment of an article and its translation: Gale–Church with anchors.

The aligner finds the most probable monotonic sequence of links (1–1, 1–0, 0–1, 2–1, 1–2)
between the source sentences x₁…xₘ and the target sentences y₁…yₙ by dynamic programming.
The score of a link is a sum of log-probabilities (log-likelihood ratios for the anchors):

* **prior** log P(type), estimated from calibration articles;
* **length** (Gale & Church 1993, with a density instead of their tail probability): the
  target length ℓ_t (characters without spaces) given the source length ℓ_s is normal with
  mean c·ℓ_s and variance s²·ℓ_s; a 1–2 link also pays −log ℓ_t for splitting ℓ_t in two,
  an added target sentence (0–1) pays the log-normal density of target sentence lengths,
  and a dropped source sentence (1–0) only its prior;
* **anchors**: for each anchor type (numbers, days, months, quotations, glossary terms,
  paragraph kind) and each side, every anchor found on the other side of the link adds
  log(p/q) and every one missing adds log((1−p)/(1−q)), where p is how often an anchor is
  found across a true link and q across a wrong but nearby one;
* **paragraphs**: at each point between two links, whether a paragraph ends there on both
  sides, on one, or on neither, again as a log-likelihood ratio.

Every parameter is estimated from calibration data by :func:`estimate` (see
``benchmarks/align_calibrate.py``) and stored in ``sajeon/data/align-model.json``.

A link's confidence is its posterior probability, computed with the forward–backward
algorithm over all alignments. A document pair whose best alignment explains the text
little better than "the two texts are unrelated" is reported as not a translation.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from ..core.model import InputError
from ..core.sentences import Sentence
from .anchors import ANCHOR_TYPES, Anchors, TermFinder, count_matches, sentence_anchors

LINK_TYPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (1, 3), (2, 2),
)  # fmt: skip
# How likely a headline is to link with the other side's headline before any evidence:
# a translation always has one, but it is rewritten more often than any sentence.
TITLE_PRIOR = 0.9
# A headline has a few words; a section label ("Economy", "북한경제") has one or two.
HEADLINE_WORDS = 3
# Captions may describe different photos: even odds before the evidence.
CAPTION_PRIOR = 0.5
BOUNDARIES = ("both", "source", "target", "neither")
SIDES = ("source_found", "source_missing", "target_found", "target_missing")
NEG_INF = float("-inf")


def type_name(n_source: int, n_target: int) -> str:
    return f"{n_source}-{n_target}"


def length(text: str) -> int:
    """Characters without whitespace: Korean spacing varies, the content does not."""
    return sum(1 for ch in text if not ch.isspace())


@dataclass
class Model:
    """The parameters of the aligner (see :func:`estimate`)."""

    ratio: float  # c: target characters per source character
    variance: float  # s²: variance of ℓ_t − c·ℓ_s per source character
    priors: dict[str, float]  # link type → probability
    target_log_mean: float  # log-normal of target sentence lengths (for 0–1 links)
    target_log_sd: float
    anchor_weights: dict[str, dict[str, float]] = field(default_factory=dict)
    boundary_weights: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.9  # links with a lower confidence are marked for review
    min_evidence: float = 0.0  # per sentence; below: not a translation
    notes: dict[str, object] = field(default_factory=dict)  # how it was estimated

    @classmethod
    def load(cls, path: Path | None = None) -> Model:
        if path is None:
            text = resources.files(__package__).joinpath("data/align-model.json").read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
        try:
            return cls(**json.loads(text))
        except (ValueError, TypeError) as exc:
            raise InputError(f"{path}: not an aligner model file ({exc})") from None

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n", "utf-8")

    def length_only(self) -> Model:
        """The same model without anchors and paragraph features: plain Gale–Church."""
        return Model(
            self.ratio,
            self.variance,
            self.priors,
            self.target_log_mean,
            self.target_log_sd,
            threshold=self.threshold,
            min_evidence=self.min_evidence,
        )


@dataclass
class Link:
    source: tuple[int, ...]  # 0-based sentence indices
    target: tuple[int, ...]
    confidence: float = 1.0
    evidence: str = ""  # short, for the reviewer: which anchors agree or disagree

    @property
    def type(self) -> str:
        return type_name(len(self.source), len(self.target))

    @property
    def aligned(self) -> bool:
        return bool(self.source) and bool(self.target)


@dataclass
class Alignment:
    source: list[Sentence]
    target: list[Sentence]
    links: list[Link]
    evidence: float  # per sentence, against "unrelated texts"
    is_translation: bool

    def link_texts(self, link: Link) -> tuple[str, str]:
        return (
            " ".join(self.source[i].text for i in link.source),
            " ".join(self.target[j].text for j in link.target),
        )


# --------------------------------------------------------------------------- scoring


def _log_normal_density(x: float, mean: float, variance: float) -> float:
    return -0.5 * math.log(2 * math.pi * variance) - (x - mean) ** 2 / (2 * variance)


class _Scorer:
    def __init__(
        self,
        model: Model,
        source: Sequence[Sentence],
        target: Sequence[Sentence],
        source_anchors: Sequence[Anchors] | None,
        target_anchors: Sequence[Anchors] | None,
    ):
        self.model = model
        self.source_lengths = [max(1, length(s.text)) for s in source]
        self.target_lengths = [max(1, length(s.text)) for s in target]
        self.source_anchors = source_anchors
        self.target_anchors = target_anchors
        self.log_priors = {k: math.log(v) for k, v in model.priors.items()}
        # a model estimated before 3–1, 1–3 and 2–2 links existed has no prior for them
        self.link_types = [t for t in LINK_TYPES if type_name(*t) in self.log_priors]
        self.source_ends = [s.last_in_paragraph for s in source]
        self.target_ends = [t.last_in_paragraph for t in target]

    def target_marginal(self, j: int) -> float:
        """log density of an added target sentence's length (log-normal)."""
        x = self.target_lengths[j]
        m = self.model
        return _log_normal_density(math.log(x), m.target_log_mean, m.target_log_sd**2) - math.log(x)

    def length_score(self, si: Sequence[int], tj: Sequence[int]) -> float:
        if not tj:
            return 0.0
        if not si:
            return self.target_marginal(tj[0])
        ls = sum(self.source_lengths[i] for i in si)
        lt = sum(self.target_lengths[j] for j in tj)
        m = self.model
        score = _log_normal_density(lt, m.ratio * ls, m.variance * ls)
        if len(tj) > 1:  # where the translator split it: uniform over the split points
            score -= (len(tj) - 1) * math.log(lt) - math.lgamma(len(tj))
        return score

    def anchor_score(
        self, si: Sequence[int], tj: Sequence[int], without: tuple[str, ...] = ()
    ) -> float:
        if not si or not tj or self.source_anchors is None or self.target_anchors is None:
            return 0.0
        src = _merged(self.source_anchors, si)
        tgt = _merged(self.target_anchors, tj)
        score = 0.0
        for kind, w in self.model.anchor_weights.items():
            if kind in without:
                continue
            found, missing = count_matches(src.get(kind), tgt.get(kind))
            score += found * w["source_found"] + missing * w["source_missing"]
            found, missing = count_matches(tgt.get(kind), src.get(kind))
            score += found * w["target_found"] + missing * w["target_missing"]
        return score

    def boundary(self, i: int, j: int) -> float:
        if not self.model.boundary_weights:
            return 0.0
        return self.model.boundary_weights[self.boundary_kind(i, j)]

    def boundary_kind(self, i: int, j: int) -> str:
        source_end = i == 0 or self.source_ends[i - 1]
        target_end = j == 0 or self.target_ends[j - 1]
        if source_end and target_end:
            return "both"
        if source_end:
            return "source"
        return "target" if target_end else "neither"

    def link_score(self, si: Sequence[int], tj: Sequence[int]) -> float:
        kind = type_name(len(si), len(tj))
        return self.log_priors[kind] + self.length_score(si, tj) + self.anchor_score(si, tj)

    def gain(self, si: Sequence[int], tj: Sequence[int]) -> float:
        """How much better a link explains its sentences than leaving them unaligned: the
        length and anchor scores against the length of unrelated target sentences. The
        paragraph kind is left out: any two articles have a headline and captions."""
        unrelated = sum(self.target_marginal(j) for j in tj)
        return self.length_score(si, tj) + self.anchor_score(si, tj, ("kind",)) - unrelated


def _merged(anchors: Sequence[Anchors], indices: Sequence[int]) -> Anchors:
    if len(indices) == 1:
        return anchors[indices[0]]
    result = Anchors()
    for i in indices:
        result = result.merged(anchors[i])
    return result


def _logsumexp(values: list[float]) -> float:
    top = max(values)
    if top == NEG_INF:
        return NEG_INF
    return top + math.log(sum(math.exp(v - top) for v in values))


# --------------------------------------------------------------------------- alignment


def align(
    source: Sequence[Sentence],
    target: Sequence[Sentence],
    model: Model,
    *,
    terms: TermFinder | None = None,
    source_lang: str = "ko",
    target_lang: str = "en",
) -> Alignment:
    """Align two sentence lists; anchors are used when ``model`` has anchor weights.

    Headlines and captions are blocks of their own: the headline links with the other
    side's headline, a caption with the caption it describes wherever it sits on the page
    (a crossing link) or with none, when the pages show different photos. The body is
    aligned monotonically around them.
    """
    source, target = list(source), list(target)
    m, n = len(source), len(target)
    use_anchors = bool(model.anchor_weights)
    scorer = _Scorer(
        model,
        source,
        target,
        sentence_anchors(source, source_lang, terms) if use_anchors else None,
        sentence_anchors(target, target_lang, terms) if use_anchors else None,
    )
    links = _title_links(scorer, source, target) + _caption_links(scorer, source, target)
    taken_source = {i for link in links for i in link.source}
    taken_target = {j for link in links for j in link.target}
    body_source = [i for i in range(m) if i not in taken_source]
    body_target = [j for j in range(n) if j not in taken_target]
    links += _align_body(scorer, body_source, body_target)
    links = _in_reading_order(links)
    if use_anchors:
        labels = {**terms.labels, **terms.words.labels} if terms else {}
        for link in links:
            link.evidence = describe_evidence(scorer, link.source, link.target, labels)
    evidence = document_evidence(scorer, links, m, n)
    return Alignment(source, target, links, evidence, evidence >= model.min_evidence or m + n == 0)


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -500 else 0.0


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _leading_headings(sentences: Sequence[Sentence]) -> list[int]:
    """Headline candidates: the headings of three words or more before the first body
    sentence (a section label or a kicker may stand above the headline, sub-headlines
    below it)."""
    found = []
    for index, sentence in enumerate(sentences):
        if sentence.kind == "body":
            break
        if sentence.kind == "heading" and len(sentence.text.split()) >= HEADLINE_WORDS:
            found.append(index)
    return found


def _title_links(
    scorer: _Scorer, source: Sequence[Sentence], target: Sequence[Sentence]
) -> list[Link]:
    """The headline pair: of the headings at the top of each side, the two that explain
    each other best (the others are aligned with the body)."""
    pairs = [
        (scorer.gain((i,), (j,)), i, j)
        for i in _leading_headings(source)
        for j in _leading_headings(target)
    ]
    if not pairs:
        return []
    gain, i, j = max(pairs)
    return [Link((i,), (j,), _sigmoid(_logit(TITLE_PRIOR) + gain))]


def _caption_links(
    scorer: _Scorer, source: Sequence[Sentence], target: Sequence[Sentence]
) -> list[Link]:
    """Captions paired by evidence, best pair first; a caption whose best partner explains
    it worse than "a different photo" stays unaligned."""
    source_captions = [i for i, s in enumerate(source) if s.kind == "caption"]
    target_captions = [j for j, t in enumerate(target) if t.kind == "caption"]
    if not source_captions and not target_captions:
        return []
    odds = _logit(CAPTION_PRIOR)
    scored = sorted(
        ((odds + scorer.gain((i,), (j,)), i, j) for i in source_captions for j in target_captions),
        reverse=True,
    )
    links: list[Link] = []
    best: dict[tuple[str, int], float] = {}
    for score, i, j in scored:
        best.setdefault(("s", i), score)
        best.setdefault(("t", j), score)
    used_source: set[int] = set()
    used_target: set[int] = set()
    for score, i, j in scored:
        if score > 0 and i not in used_source and j not in used_target:
            links.append(Link((i,), (j,), _sigmoid(score)))
            used_source.add(i)
            used_target.add(j)
    for i in source_captions:
        if i not in used_source:
            links.append(Link((i,), (), 1 - _sigmoid(best.get(("s", i), NEG_INF))))
    for j in target_captions:
        if j not in used_target:
            links.append(Link((), (j,), 1 - _sigmoid(best.get(("t", j), NEG_INF))))
    return links


def _in_reading_order(links: list[Link]) -> list[Link]:
    """Links in the order of the source text; a link without source sentences goes after
    the last link whose target sentences come before it."""

    def position(link: Link) -> tuple[float, int]:
        if link.source:
            return (link.source[0], 0)
        before = [
            other.source[-1]
            for other in links
            if other.source and other.target and other.target[-1] < link.target[0]
        ]
        return (max(before, default=-1) + 0.5, link.target[0])

    return sorted(links, key=position)


def _align_body(scorer: _Scorer, rows: list[int], cols: list[int]) -> list[Link]:
    """Monotonic alignment of the body sentences ``rows`` (source) and ``cols`` (target):
    the best path by dynamic programming, each link's posterior by forward–backward."""
    m, n = len(rows), len(cols)
    link_types = scorer.link_types
    # Every state (i, j) is the point after i source and j target sentences.
    band = max(25, int(0.25 * max(m, n))) + abs(m - n)

    def in_band(i: int, j: int) -> bool:
        return m == 0 or n == 0 or abs(j - i * n / m) <= band

    scores: dict[tuple[int, int, int, int], float] = {}

    def link_score(i0: int, j0: int, i1: int, j1: int) -> float:
        key = (i0, j0, i1, j1)
        if key not in scores:
            s = scorer.link_score(rows[i0:i1], cols[j0:j1])
            if (i1, j1) != (m, n):
                # the paragraph ends after the last body sentence before the boundary
                s += scorer.boundary(rows[i1 - 1] + 1 if i1 else 0, cols[j1 - 1] + 1 if j1 else 0)
            scores[key] = s
        return scores[key]

    forward = [[NEG_INF] * (n + 1) for _ in range(m + 1)]
    best = [[NEG_INF] * (n + 1) for _ in range(m + 1)]
    back: dict[tuple[int, int], tuple[int, int]] = {}
    forward[0][0] = best[0][0] = 0.0
    for i in range(m + 1):
        for j in range(n + 1):
            if (i, j) == (0, 0) or not in_band(i, j):
                continue
            totals: list[float] = []
            for di, dj in link_types:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or forward[pi][pj] == NEG_INF:
                    continue
                if not (_adjacent(rows, pi, i) and _adjacent(cols, pj, j)):
                    continue  # a link never spans a caption or headline taken out
                s = link_score(pi, pj, i, j)
                totals.append(forward[pi][pj] + s)
                if best[pi][pj] + s > best[i][j]:
                    best[i][j] = best[pi][pj] + s
                    back[(i, j)] = (pi, pj)
            if totals:
                forward[i][j] = _logsumexp(totals)
    backward = [[NEG_INF] * (n + 1) for _ in range(m + 1)]
    backward[m][n] = 0.0
    for i in range(m, -1, -1):
        for j in range(n, -1, -1):
            if (i, j) == (m, n) or forward[i][j] == NEG_INF:
                continue
            totals = []
            for di, dj in link_types:
                ni, nj = i + di, j + dj
                if ni > m or nj > n or backward[ni][nj] == NEG_INF:
                    continue
                if not (_adjacent(rows, i, ni) and _adjacent(cols, j, nj)):
                    continue
                totals.append(link_score(i, j, ni, nj) + backward[ni][nj])
            if totals:
                backward[i][j] = _logsumexp(totals)
    total = forward[m][n]
    path: list[tuple[int, int]] = [(m, n)]
    while path[-1] != (0, 0):
        path.append(back[path[-1]])
    path.reverse()
    links: list[Link] = []
    for (i0, j0), (i1, j1) in itertools.pairwise(path):
        posterior = math.exp(
            min(0.0, forward[i0][j0] + link_score(i0, j0, i1, j1) + backward[i1][j1] - total)
        )
        links.append(Link(tuple(rows[i0:i1]), tuple(cols[j0:j1]), posterior))
    return links


def _adjacent(indices: list[int], start: int, end: int) -> bool:
    """Whether ``indices[start:end]`` are consecutive sentences of the text."""
    return end - start < 2 or indices[end - 1] - indices[start] == end - start - 1


def document_evidence(scorer: _Scorer, links: list[Link], m: int, n: int) -> float:
    """How much better the alignment explains the pair than "unrelated texts", per sentence.

    Only what a wrong pairing cannot fake counts: for each aligned link, the length and
    anchor scores against those of leaving its sentences unaligned; link priors and
    paragraph features are left out, since any two articles get them.
    """
    if not m or not n:
        return 0.0
    gain = sum(scorer.gain(link.source, link.target) for link in links if link.aligned)
    return gain / (m + n)


def describe_evidence(
    scorer: _Scorer, si: Sequence[int], tj: Sequence[int], labels: dict[str, str] | None = None
) -> str:
    """'= 5000, Ministry of State Security; ≠ day 11' — anchors that agree and disagree,
    for the reviewer."""
    labels = labels or {}
    if not si or not tj or scorer.source_anchors is None or scorer.target_anchors is None:
        return ""
    src = _merged(scorer.source_anchors, si)
    tgt = _merged(scorer.target_anchors, tj)
    agree: list[str] = []
    differ: list[str] = []
    for kind in ANCHOR_TYPES:
        other = set().union(*tgt.get(kind)) if tgt.get(kind) else set()
        for key in sorted(src.get(kind), key=sorted):
            if kind in ("name", "word"):  # Korean words are listed only where found
                continue
            label = _label(kind, key, labels)
            (agree if key & other else differ).append(label)
        other = set().union(*src.get(kind)) if src.get(kind) else set()
        for key in sorted(tgt.get(kind), key=sorted):
            if not key & other:
                if kind != "word":  # a word rendered freely is no evidence against a link
                    differ.append(_label(kind, key, labels))
            elif kind in ("name", "word"):
                agree.append(_label(kind, key, labels))
    parts = []
    if agree:
        parts.append("= " + ", ".join(agree))
    if differ:
        parts.append("≠ " + ", ".join(differ))
    if (lengths := describe_lengths(scorer, si, tj)) is not None:
        parts.append(lengths)
    return "; ".join(parts)


def describe_lengths(scorer: _Scorer, si: Sequence[int], tj: Sequence[int]) -> str | None:
    """A note such as "English 1.8× the expected length" when the lengths of a link are far
    from what the length model expects (more than two standard deviations), else None."""
    source = sum(scorer.source_lengths[i] for i in si)
    target = sum(scorer.target_lengths[j] for j in tj)
    expected = scorer.model.ratio * source
    if abs(target - expected) <= 2 * math.sqrt(scorer.model.variance * source):
        return None
    return f"English {target / expected:.1f}× the expected length"


def _label(kind: str, key: frozenset[str], labels: dict[str, str]) -> str:
    if kind in ("term", "word"):
        return "/".join(sorted(labels.get(k, k) for k in key))
    if kind == "name":  # the run as written: "Kim Jong Un", "Hoeryong"
        return "name " + max(key, key=lambda k: (k != k.lower(), len(k)))
    value = "/".join(sorted(key))
    return {"day": f"day {value}", "month": f"month {value}"}.get(kind, value)


# --------------------------------------------------------------------------- estimation


@dataclass
class GoldPair:
    """Calibration data: sentences of both sides and the true links."""

    source: list[Sentence]
    target: list[Sentence]
    links: list[Link]


def estimate(
    pairs: Sequence[GoldPair],
    sentence_pairs: Sequence[tuple[str, str]] = (),
    *,
    terms: TermFinder | None = None,
    near: int = 3,
) -> Model:
    """Estimate every parameter from gold-aligned articles (and extra 1–1 sentence pairs,
    which inform the length model only)."""
    beads: list[tuple[int, int]] = []
    for pair in pairs:
        for link in pair.links:
            if link.aligned:
                beads.append(
                    (
                        sum(length(pair.source[i].text) for i in link.source),
                        sum(length(pair.target[j].text) for j in link.target),
                    )
                )
    beads += [(length(s), length(t)) for s, t in sentence_pairs]
    ratio = sum(t for _, t in beads) / sum(s for s, _ in beads)
    variance = sum((t - ratio * s) ** 2 / s for s, t in beads) / (len(beads) - 1)
    counts = {type_name(*t): 1.0 for t in LINK_TYPES}  # add-one smoothing
    for pair in pairs:
        for link in pair.links:
            counts[link.type] += 1
    total = sum(counts.values())
    priors = {k: v / total for k, v in counts.items()}
    target_logs = [math.log(max(1, length(s.text))) for p in pairs for s in p.target]
    target_logs += [math.log(max(1, length(t))) for _, t in sentence_pairs]
    mean = sum(target_logs) / len(target_logs)
    sd = math.sqrt(sum((x - mean) ** 2 for x in target_logs) / (len(target_logs) - 1))
    model = Model(ratio, variance, priors, mean, sd)
    model.anchor_weights = _estimate_anchor_weights(pairs, terms, near)
    model.boundary_weights = _estimate_boundary_weights(pairs, near)
    model.notes = {
        "length_beads": len(beads),
        "articles": len(pairs),
        "sentence_pairs": len(sentence_pairs),
        "link_counts": {k: int(v - 1) for k, v in counts.items()},
    }
    return model


def _estimate_anchor_weights(
    pairs: Sequence[GoldPair], terms: TermFinder | None, near: int
) -> dict[str, dict[str, float]]:
    # (found, total) per anchor type and side, over true links and over nearby wrong ones
    true = {k: [[1, 2], [1, 2]] for k in ANCHOR_TYPES}
    wrong = {k: [[1, 2], [1, 2]] for k in ANCHOR_TYPES}
    for pair in pairs:
        src = sentence_anchors(pair.source, "ko", terms)
        tgt = sentence_anchors(pair.target, "en", terms)
        aligned = [link for link in pair.links if link.aligned]
        for k, link in enumerate(aligned):
            s = _merged(src, link.source)
            t = _merged(tgt, link.target)
            _count(true, s, t)
            for other in aligned[max(0, k - near) : k + near + 1]:
                if other is link:
                    continue
                t2 = _merged(tgt, other.target)
                _count(wrong, s, t2)
    weights: dict[str, dict[str, float]] = {}
    for kind in ANCHOR_TYPES:
        w: dict[str, float] = {}
        for side, name in ((0, "source"), (1, "target")):
            p = true[kind][side][0] / true[kind][side][1]
            q = wrong[kind][side][0] / wrong[kind][side][1]
            w[f"{name}_found"] = round(math.log(p / q), 4)
            w[f"{name}_missing"] = round(math.log((1 - p) / (1 - q)), 4)
        weights[kind] = w
    return weights


def _count(table: dict[str, list[list[int]]], s: Anchors, t: Anchors) -> None:
    for kind in ANCHOR_TYPES:
        for side, (own, other) in enumerate(
            ((s.get(kind), t.get(kind)), (t.get(kind), s.get(kind)))
        ):
            found, missing = count_matches(own, other)
            table[kind][side][0] += found
            table[kind][side][1] += found + missing


def _estimate_boundary_weights(pairs: Sequence[GoldPair], near: int) -> dict[str, float]:
    true = dict.fromkeys(BOUNDARIES, 1)
    wrong = dict.fromkeys(BOUNDARIES, 1)
    for pair in pairs:
        scorer = _Scorer(Model(1, 1, {}, 0, 1), pair.source, pair.target, None, None)
        m, n = len(pair.source), len(pair.target)
        i = j = 0
        for link in pair.links[:-1]:
            i += len(link.source)
            j += len(link.target)
            true[scorer.boundary_kind(i, j)] += 1
            for dj in range(-near, near + 1):
                if dj and 0 <= j + dj <= n and (i, j + dj) not in ((0, 0), (m, n)):
                    wrong[scorer.boundary_kind(i, j + dj)] += 1
    t_total, w_total = sum(true.values()), sum(wrong.values())
    return {k: round(math.log((true[k] / t_total) / (wrong[k] / w_total)), 4) for k in BOUNDARIES}
