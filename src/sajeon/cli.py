"""The ``sajeon`` command: a thin click layer over :mod:`sajeon.storage.project`."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
import unicodedata
from dataclasses import asdict
from pathlib import Path

import click

from . import __version__
from .alignment import review as alignment_format
from .alignment.align import Model as AlignModel
from .alignment.articles import Aligner, match_folders, read_meta_table, write_output
from .core import similarity
from .core.glossary import add_terms, merge, merge_concept_into, remove_term, set_concept, set_term
from .core.langtags import Folding, normalise_lang
from .core.model import PARTS_OF_SPEECH, STATUSES, TERM_TYPES, Concept, InputError, Segment, Term
from .core.sources import canonical_url
from .engine import pretranslate as pretranslate_mod
from .engine import qa, termrec, tm
from .formats import csvfile, exchange, po, tmx
from .formats.article import text_argument
from .storage import background
from .storage.project import Project, today
from .storage.sourcefiles import FileChanges


class SajeonGroup(click.Group):
    """Turns expected failures into a one-line error and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.OperationalError as exc:
            raise click.ClickException(f"database error: {exc}") from None
        except OSError as exc:
            if exc.filename:
                raise click.ClickException(f"{exc.filename}: {exc.strerror}") from None
            raise


def _project(ctx: click.Context) -> Project:
    return ctx.find_object(Project).require()


def _change_glossary(ctx: click.Context, operation) -> None:
    """Apply a glossary operation to files and database, and say what it did."""
    for message in _project(ctx).change_glossary(operation).messages:
        click.echo(message)


def _lang(ctx, param, value):
    if value is None:
        return None
    try:
        return normalise_lang(value)
    except InputError as exc:
        raise click.BadParameter(str(exc)) from None


def lang_option(*param_decls: str, default: str | None = None, help: str):
    """A language option: the tag checked and normalised with Babel."""
    return click.option(
        *param_decls,
        default=default,
        show_default=default is not None,
        callback=_lang,
        help=help,
    )


def width(text: str) -> int:
    """Terminal columns: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(cls=SajeonGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sajeon")
@click.option(
    "-C",
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="SAJEON_PROJECT",
    help="Project directory (holding glossary/ and memory/). Default: the nearest one "
    "at or above the current directory.",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="SAJEON_DB",
    help="Database file. Default: sajeon.db in the project directory.",
)
@click.pass_context
def cli(ctx: click.Context, project_dir: Path | None, db_path: Path | None) -> None:
    """사전 sajeon: a Korean–English glossary and translation memory.

    The glossary lives in glossary/*.tsv and the memory in memory/*.tsv; sajeon keeps a
    SQLite database (sajeon.db) built from them and updates both on every change.

    \b
    Examples:
      sajeon term add 국가보위성 "Ministry of State Security" --domain security
      sajeon term search 보위
      sajeon segment add "보위부가 주민들을 감시하고 있다." "The MSS is watching residents."
      sajeon build --check
    """
    ctx.obj = Project(project_dir, db_path) if project_dir else Project.discover(None, db_path)


@cli.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@lang_option("--from", "source_lang", default="ko", help="Source language of the memory.")
@lang_option("--to", "target_lang", default="en", help="Target language of the memory.")
@click.pass_context
def init(ctx: click.Context, directory: Path | None, source_lang: str, target_lang: str) -> None:
    """Make a new, empty sajeon project in DIRECTORY (default: -C DIR, or the current
    directory): glossary/ and memory/ with header-only files. Refused where a project
    already is.

    \b
    Examples:
      sajeon init ../north-korea-desk
      sajeon -C ../north-korea-desk term add 국가보위성 "Ministry of State Security"
      sajeon init --from ko --to en-GB
    """
    root = directory or ctx.find_root().params.get("project_dir") or Path.cwd()
    project = Project.init(root, source_lang, target_lang)
    files = [project.concepts_file, project.terms_file, *project.memory_paths()]
    click.echo(
        f"made a sajeon project in {root}: " + ", ".join(project.relative(path) for path in files)
    )


# ---------------------------------------------------------------------------- build / stats


@cli.command()
@click.option(
    "--check", is_flag=True, help="Do not build; report where the database and the files differ."
)
@click.pass_context
def build(ctx: click.Context, check: bool) -> None:
    """Build the database from glossary/ and memory/.

    The database is updated in place in one transaction, so a running server keeps
    reading it. The same files always give the same content.

    \b
    Examples:
      sajeon build
      sajeon build --check     # exit status 1 if the database has drifted,
                               # e.g. after 두만강's row in glossary/terms.tsv
                               # was edited by hand
    """
    project = _project(ctx)
    if check:
        drift = project.check()
        for line in drift:
            click.echo(line)
        if drift:
            raise click.ClickException(
                f"{len(drift)} difference(s) between the files and "
                f"{project.relative(project.db_path)}"
            )
        click.echo(f"{project.relative(project.db_path)} agrees with glossary/ and memory/")
        return
    report = project.build()
    for where, first in report.duplicates:
        click.echo(f"warning: {where}: same segment pair as {first}, stored once", err=True)
    click.echo(
        f"built {project.relative(project.db_path)}: {report.concepts} concepts, "
        f"{report.terms} terms, {report.segments} segments"
    )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of concepts, terms and segments, by language, status, domain and pair.

    \b
    Examples:
      sajeon stats          # 211 concepts, 469 terms … (국가보위성 counts once)
      sajeon stats --json
    """
    project = _project(ctx)
    with project.open_store() as store:
        data = store.stats()
    if as_json:
        emit_json(data)
        return
    click.echo(
        f"{data['concepts']} concepts, {data['terms']} terms, {data['sources']} sources, "
        f"{data['segments']} segments"
    )
    for title, key in (
        ("terms by language", "terms_by_language"),
        ("terms by status", "terms_by_status"),
        ("concepts by domain", "concepts_by_domain"),
        ("segments by pair", "segments_by_pair"),
    ):
        if data[key]:
            click.echo(
                f"{title}: " + ", ".join(f"{k or '(none)'} {v}" for k, v in data[key].items())
            )


# ---------------------------------------------------------------------------- term


@cli.group()
def term() -> None:
    """Add, change, show and search glossary terms.

    \b
    Examples:
      sajeon term add 온성군 "Onsong County" --domain place
      sajeon term show 국가보위성
      sajeon term search 보위
      sajeon term set 국가안전보위부 --status deprecated --valid-until 2016
    """


_term_options = [
    click.option("--status", type=click.Choice(STATUSES), help="Status of the term(s) added."),
    click.option("--pos", type=click.Choice(PARTS_OF_SPEECH), help="Part of speech."),
    click.option(
        "--type", "term_type", type=click.Choice(TERM_TYPES), help="Term type, e.g. abbreviation."
    ),
    click.option(
        "--valid-from", help="First date the term was in use (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
    click.option("--valid-until", help="Last date the term was in use, e.g. for a former name."),
]


def _which_term(f):
    """--lang and --concept: which term TEXT means, for commands that change one."""
    f = click.option("-c", "--concept", "concept_id", help="The concept, when TEXT is in several.")(
        f
    )
    return lang_option("-l", "--lang", default="ko", help="Language of TEXT.")(f)


def _apply(options):
    def decorator(f):
        for option in reversed(options):
            f = option(f)
        return f

    return decorator


@term.command("add")
@click.argument("text")
@click.argument("translation", required=False)
@lang_option("-l", "--lang", default="ko", help="Language of TEXT.")
@lang_option("-t", "--to", "to_lang", default="en", help="Language of TRANSLATION.")
@click.option(
    "-c",
    "--concept",
    "concept_id",
    help="Add to this existing concept (a synonym, an older name, another language).",
)
@click.option(
    "--new-concept",
    is_flag=True,
    help="Make a new concept even though TEXT is already in one (a homonym).",
)
@click.option("--domain", help="Subject field, e.g. security, place, law.")
@click.option("--definition", help="What the concept is.")
@click.option("--note", help="A note on the concept for translators.")
@click.option(
    "--source",
    "sources",
    multiple=True,
    help="Where the term comes from (URL or citation); repeatable.",
)
@click.option("--author", envvar="SAJEON_AUTHOR", help="Who added it (default: $SAJEON_AUTHOR).")
@_apply(_term_options)
@click.pass_context
def term_add(
    ctx,
    text,
    translation,
    lang,
    to_lang,
    concept_id,
    new_concept,
    domain,
    definition,
    note,
    sources,
    author,
    status,
    pos,
    term_type,
    valid_from,
    valid_until,
) -> None:
    """Add TEXT (Korean by default) and its TRANSLATION (English by default).

    Without --concept this makes a new concept, and refuses when the term is already in the
    glossary: it says in which concept, and whether to add a variant (--concept ID) or a
    different concept (--new-concept).

    \b
    Examples:
      sajeon term add 국가보위성 "Ministry of State Security" --domain security \\
          --definition "North Korea's secret police" --source https://en.wikipedia.org/wiki/Ministry_of_State_Security_(North_Korea)
      sajeon term add 보위부 --concept ministry-of-state-security --type shortForm
      sajeon term add 국가안전보위부 --concept ministry-of-state-security \\
          --status deprecated --valid-until 2016
      sajeon term add MSS --lang en --concept ministry-of-state-security --type abbreviation
      sajeon term add 国家保衛省 --lang ja --concept ministry-of-state-security
    """
    terms = [
        Term(lang, text, pos=pos, type=term_type, valid_from=valid_from, valid_until=valid_until)
    ]
    if translation is not None:
        if to_lang == lang:
            raise InputError(f"TEXT and TRANSLATION are both {lang}; set --lang or --to")
        terms.append(
            Term(
                to_lang,
                translation,
                pos=pos,
                type=term_type,
                valid_from=valid_from,
                valid_until=valid_until,
            )
        )
    _change_glossary(
        ctx,
        lambda g: add_terms(
            g,
            terms,
            status=status,
            concept_id=concept_id,
            new_concept=new_concept,
            domain=domain,
            definition=definition,
            note=note,
            sources=sources,
            author=author,
            today=today(),
        ),
    )


@term.command("set")
@click.argument("text")
@_which_term
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    help="New status; making a term preferred makes the previous preferred term admitted.",
)
@click.option("--pos", help="Part of speech (" + ", ".join(PARTS_OF_SPEECH) + "); empty to clear.")
@click.option(
    "--type", "term_type", help="Term type (" + ", ".join(TERM_TYPES) + "); empty to clear."
)
@click.option("--note", help="Usage note on the term; empty to clear.")
@click.option("--valid-from", help="First date in use; empty to clear.")
@click.option("--valid-until", help="Last date in use; empty to clear.")
@click.pass_context
def term_set(
    ctx, text, lang, concept_id, status, pos, term_type, note, valid_from, valid_until
) -> None:
    """Change a term's status, part of speech, type, usage note or validity period.

    \b
    Examples:
      sajeon term set 국가보위성 --status preferred
      sajeon term set 인민보안성 --status deprecated --valid-until 2020
      sajeon term set "State Security Department" --lang en --status deprecated
    """
    _change_glossary(
        ctx,
        lambda g: set_term(
            g,
            lang,
            text,
            concept_id=concept_id,
            today=today(),
            status=status,
            pos=pos,
            type=term_type,
            note=note,
            valid_from=valid_from,
            valid_until=valid_until,
        ),
    )


@term.command("rm")
@click.argument("text")
@_which_term
@click.pass_context
def term_rm(ctx, text, lang, concept_id) -> None:
    """Remove a term (and its concept, if it was the last term).

    \b
    Examples:
      sajeon term rm "관리소(정치범수용소)"
      sajeon term rm "Ministry for Protection of the State" --lang en
    """
    _change_glossary(
        ctx,
        lambda g: remove_term(g, lang, text, concept_id=concept_id, today=today()),
    )


def _concept_json(concept: Concept) -> dict:
    return asdict(concept)


def echo_concept(concept: Concept) -> None:
    click.echo(
        click.style(concept.id, bold=True) + (f"  [{concept.domain}]" if concept.domain else "")
    )
    langs = list(dict.fromkeys(t.lang for t in concept.terms))
    text_width = max(width(t.text) for t in concept.terms)
    for lang in langs:
        for i, term in enumerate(concept.terms_in(lang)):
            status = term.status
            if status in ("deprecated", "forbidden"):
                status = click.style(status.upper(), fg="red")
            extra = [x for x in (term.type, term.pos, term.period) if x]
            line = f"  {pad(lang if i == 0 else '', 6)}{pad(term.text, text_width)}  {status}"
            if extra:
                line += "  (" + ", ".join(extra) + ")"
            click.echo(line)
            if term.note:
                click.echo(f"  {'':6}  ↳ {term.note}")
    for label, value in (("definition", concept.definition), ("note", concept.note)):
        if value:
            click.echo(f"  {label}: {value}")
    for source in concept.sources:
        click.echo(f"  source: {source}")
    dates = ", ".join(
        f"{k} {v}"
        for k, v in (
            ("created", concept.created),
            ("modified", concept.modified),
            ("by", concept.author),
        )
        if v
    )
    if dates:
        click.echo(f"  {dates}")


@term.command("show")
@click.argument("text_or_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def term_show(ctx, text_or_id, as_json) -> None:
    """Show every concept holding a term (in any language), or a concept by id.

    \b
    Examples:
      sajeon term show 국가보위성
      sajeon term show "Onsong County"
      sajeon term show ministry-of-state-security
    """
    project = _project(ctx)
    with project.open_store(project.glossary_paths()) as store:
        ids = store.concept_ids_with_term(text_or_id)
        concepts = store.concepts(ids) if ids else [c for c in [store.concept(text_or_id)] if c]
    if not concepts:
        raise InputError(
            f"no term or concept {text_or_id!r}; try 'sajeon term search {text_or_id}'"
        )
    if as_json:
        emit_json([_concept_json(c) for c in concepts])
        return
    for i, concept in enumerate(concepts):
        if i:
            click.echo()
        echo_concept(concept)


@term.command("list")
@click.option("--domain", help="Only concepts in this domain.")
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    help="List the terms of this status themselves, with their concept and validity.",
)
@lang_option("-l", "--lang", default="ko", help="Source language.")
@lang_option("-t", "--to", "to_lang", default="en", help="Target language.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def term_list(ctx, domain, status, lang, to_lang, as_json) -> None:
    """List concepts, one line each: source term → target term. With --status, list the
    terms of that status instead (in every language, or in --lang if given), each with
    its validity, the name to use instead and its concept.

    \b
    Examples:
      sajeon term list                       # 국가보위성  →  Ministry of State Security …
      sajeon term list --domain security
      sajeon term list --status deprecated   # 인민보안성  ko  deprecated  until 2020 …
      sajeon term list --status forbidden --lang en
    """
    project = _project(ctx)
    with project.open_store(project.glossary_paths()) as store:
        concepts = store.concepts()
    concepts = [c for c in concepts if domain is None or c.domain == domain]
    if status is not None:
        explicit = ctx.get_parameter_source("lang") is click.core.ParameterSource.COMMANDLINE
        _list_terms_of_status(concepts, status, lang if explicit else None, to_lang, as_json)
        return
    if as_json:
        emit_json([_concept_json(c) for c in concepts])
        return
    rows = []
    for c in concepts:
        source, target = c.preferred(lang), c.preferred(to_lang)
        rows.append((source.text if source else "—", target.text if target else "—", c))
    if not rows:
        click.echo("no concepts")
        return
    w = max(width(r[0]) for r in rows)
    for source, target, c in rows:
        click.echo(f"{pad(source, w)}  →  {target}  [{c.id}{', ' + c.domain if c.domain else ''}]")


def _list_terms_of_status(
    concepts: list[Concept], status: str, lang: str | None, to_lang: str, as_json: bool
) -> None:
    """One line per term of ``status``: the term, its validity, what to use instead in its
    own language, the concept's term in the target language (or in Korean for a
    target-language term) and the concept."""
    rows = []
    for concept in concepts:
        for term in concept.terms:
            if term.status != status or (lang is not None and term.lang != lang):
                continue
            instead = concept.preferred(term.lang)
            other = concept.preferred(to_lang if term.lang != to_lang else "ko")
            rows.append((term, instead if instead is not term else None, other, concept))
    if as_json:
        emit_json(
            [
                {
                    "concept": c.id,
                    **asdict(t),
                    "use_instead": i.text if i else None,
                    "translation": o.text if o else None,
                }
                for t, i, o, c in rows
            ]
        )
        return
    if not rows:
        click.echo(f"no {status} terms")
        return
    text_width = max(width(t.text) for t, *_ in rows)
    period_width = max(width(t.period or "") for t, *_ in rows)
    for term, instead, other, concept in rows:
        line = f"{pad(term.text, text_width)}  {pad(term.lang, 3)} {status}"
        line += f"  {pad(term.period or '', period_width)}"
        if instead is not None:
            line += f"  use: {instead.text}"
        if other is not None:
            line += f"  →  {other.text}"
        click.echo(f"{line}  [{concept.id}]")
    click.echo(f"{len(rows)} {status} term(s)")


@term.command("search")
@click.argument("query")
@lang_option("-l", "--lang", help="Only terms in this language.")
@lang_option("-t", "--to", "to_lang", default="en", help="Show each hit's term in this language.")
@click.option("-n", "--limit", default=20, show_default=True, help="Most hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def term_search(ctx, query, lang, to_lang, limit, as_json) -> None:
    """Search terms in any language, Korean-aware: particles, compounds and one- or
    two-syllable queries work; English is case-insensitive. Exact matches come first.

    \b
    Examples:
      sajeon term search 보위            # finds 국가보위성, 보위부, 도 보위국 …
      sajeon term search 국가보위성에서   # the particle is ignored
      sajeon term search 군
      sajeon term search "state security"
    """
    project = _project(ctx)
    with project.open_store(project.glossary_paths()) as store:
        hits = store.search_terms(query, lang=lang, limit=limit)
        concepts = {c.id: c for c in store.concepts(h.concept_id for h in hits)}
    results = []
    for hit in hits:
        concept = concepts[hit.concept_id]
        other = concept.preferred(to_lang if hit.lang != to_lang else "ko")
        results.append({**asdict(hit), "translation": other.text if other else None})
    if as_json:
        emit_json(results)
        return
    if not results:
        click.echo(f"no terms match {query!r}")
        return
    labels = [
        r["text"] + ("" if r["status"] == "preferred" else f" ({r['status']})") for r in results
    ]
    w = max(width(label) for label in labels)
    for label, r in zip(labels, results, strict=True):
        click.echo(
            f"{pad(label, w)}  →  {r['translation'] or '—'}  "
            f"[{r['concept_id']}{', ' + r['domain'] if r['domain'] else ''}]"
        )


# ---------------------------------------------------------------------------- concept


@cli.group()
def concept() -> None:
    """Change a concept's domain, definition, note and sources, or merge two concepts.

    \b
    Examples:
      sajeon concept set tumen-river --definition "The border river (두만강) with China and Russia."
      sajeon concept merge ryanggang yanggang-province    # 량강도 and 양강도 are one province
    """


@concept.command("set")
@click.argument("concept_id")
@click.option("--domain", help="New domain; empty to clear.")
@click.option("--definition", help="New definition; empty to clear.")
@click.option("--note", help="New note; empty to clear.")
@click.option("--author", help="New author; empty to clear.")
@click.option("--add-source", multiple=True, help="Add a source; repeatable.")
@click.option("--remove-source", multiple=True, help="Remove a source; repeatable.")
@click.pass_context
def concept_set(
    ctx, concept_id, domain, definition, note, author, add_source, remove_source
) -> None:
    """Change fields of concept CONCEPT_ID.

    \b
    Example:
      sajeon concept set ministry-of-state-security \\
          --definition "North Korea's secret police (국가보위성), known as 보위부"
    """
    _change_glossary(
        ctx,
        lambda g: set_concept(
            g,
            concept_id,
            today=today(),
            add_sources=add_source,
            remove_sources=remove_source,
            domain=domain,
            definition=definition,
            note=note,
            author=author,
        ),
    )


@concept.command("merge")
@click.argument("concept_id")
@click.argument("into_id")
@click.pass_context
def concept_merge(ctx, concept_id, into_id) -> None:
    """Merge concept CONCEPT_ID into INTO_ID: its terms and sources move over, and it is
    deleted. Use it when two entries turn out to name the same thing.

    \b
    Example:
      # 국가안전보위부 (State Security Department) is the former name of 국가보위성:
      sajeon concept merge state-security-department ministry-of-state-security
    """
    _change_glossary(
        ctx,
        lambda g: merge_concept_into(g, concept_id, into_id, today=today()),
    )


# ---------------------------------------------------------------------------- segment


@cli.group()
def segment() -> None:
    """Add segment pairs to the translation memory and search it.

    \b
    Examples:
      sajeon segment add "보위부가 주민 3명을 체포했다." "The MSS arrested three residents."
      sajeon segment search 보위부
    """


@segment.command("add")
@click.argument("source")
@click.argument("target")
@lang_option("-l", "--lang", "--from", "source_lang", default="ko", help="Source language.")
@lang_option("-t", "--to", "target_lang", default="en", help="Target language.")
@click.option("--origin", help="Document title, URL or id the pair comes from.")
@click.option("--date", help="Date of the translation (YYYY-MM-DD). Default: today.")
@click.option(
    "--translator", envvar="SAJEON_AUTHOR", help="Who translated it (default: $SAJEON_AUTHOR)."
)
@click.option("--note", help="A note on the pair.")
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Memory file to add to. Default: memory/SOURCE-TARGET.tsv.",
)
@click.pass_context
def segment_add(
    ctx, source, target, source_lang, target_lang, origin, date, translator, note, path
) -> None:
    """Add a SOURCE sentence and its TARGET translation to the memory.

    An identical pair is stored once: adding it again changes nothing.

    \b
    Example:
      sajeon segment add "온성군 보위부는 주민 3명을 체포했다." \\
          "The Onsong County MSS arrested three residents." \\
          --origin "Daily NK, 2025-03-14" --translator "J. Park"
    """
    result = _project(ctx).add_segments(
        [
            Segment(
                source_lang,
                target_lang,
                source,
                target,
                origin=origin,
                date=date or today(),
                translator=translator,
                note=note,
            )
        ],
        path,
    )
    project = _project(ctx)
    if result.added:
        click.echo(f"added 1 segment to {project.relative(result.path)}")
    else:
        click.echo(f"already in the memory: {source!r} → {target!r}")


@segment.command("search")
@click.argument("query")
@click.option("-n", "--limit", default=20, show_default=True, help="Most pairs to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def segment_search(ctx, query, limit, as_json) -> None:
    """Concordance: past translations whose source or target contains QUERY, newest first.

    \b
    Examples:
      sajeon segment search 보위부
      sajeon segment search smuggling
    """
    project = _project(ctx)
    with project.open_store(project.memory_paths()) as store:
        hits = store.search_segments(query, limit=limit)
    if as_json:
        emit_json([{"id": h.id, **asdict(h.segment)} for h in hits])
        return
    if not hits:
        click.echo(f"no segments match {query!r}")
        return
    for hit in hits:
        s = hit.segment
        meta = " · ".join(filter(None, (s.date, s.origin, s.translator)))
        click.echo(click.style(meta or f"segment {hit.id}", dim=True))
        click.echo(f"  {s.source_lang}  {s.source}")
        click.echo(f"  {s.target_lang}  {s.target}")


# ------------------------------------------------------------------ import (issue 4: every format)


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(exchange.IMPORT_FORMATS),
    help="The file's format (default: from its content and name). tbx = TBX 2008 "
    "(<martif>), tbx3 = TBX v3 (<tbx>), omegat = OmegaT tab-separated glossary.",
)
@click.option(
    "--as",
    "as_kind",
    type=click.Choice(("glossary", "memory")),
    help="For a PO file not made by sajeon: import it as glossary terms or memory segments.",
)
@lang_option(
    "--from",
    "source_lang",
    help="Source language: where the file does not say (PO, OmegaT), or the direction of a "
    "TMX; with --to, the only two languages imported.",
)
@lang_option("--to", "target_lang", help="Target language to import.")
@click.option(
    "--keep-regions",
    is_flag=True,
    help="Store region tags as written (memory/ko-KR-en-US.tsv) instead of folding them into "
    "the project's languages (ko, en).",
)
@click.option(
    "--file",
    "memory_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Memory file to add segments to. Default: memory/SOURCE-TARGET.tsv.",
)
@click.option(
    "-m",
    "--map",
    "maps",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="CSV/TSV: map a column to a language tag (a term in that language; the first is the "
    "source language) or to one of: " + ", ".join(csvfile.FIELDS) + ". Repeatable.",
)
@click.option(
    "--delimiter",
    help="Field delimiter (default: the one the header holds most of: comma, semicolon or tab).",
)
@click.option(
    "--synonyms",
    "synonym_separator",
    metavar="SEP",
    help="CSV/TSV: a term cell holds several terms separated by SEP (e.g. '|').",
)
@click.option(
    "--source-separator",
    default=" | ",
    show_default=True,
    help="Separator between several sources in one cell.",
)
@click.option(
    "--domain-map",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TSV of category → domain (a category ending in * matches by prefix).",
)
@click.option(
    "--canonical-sources",
    is_flag=True,
    help="Point copies of Wikipedia articles at the en.wikipedia.org page.",
)
@click.option("--dry-run", is_flag=True, help="Report what would change; change nothing.")
@click.pass_context
def import_(
    ctx,
    file,
    fmt,
    as_kind,
    source_lang,
    target_lang,
    keep_regions,
    memory_file,
    maps,
    delimiter,
    synonym_separator,
    source_separator,
    domain_map,
    canonical_sources,
    dry_run,
) -> None:
    """Import a glossary (TBX, PO, CSV/TSV, OmegaT), a memory (TMX, PO) or a reviewed
    alignment file (from 'sajeon align').

    The format is found from the content and the name. Glossaries are merged into
    glossary/: rows or entries sharing a term form one concept, concepts already present are
    merged, and every difference is reported as a conflict (nothing is overwritten).
    Segments go to memory/SOURCE-TARGET.tsv; pairs already stored are counted, not doubled.
    A file with an error changes nothing.

    Region tags (ko-KR, en-US, en_GB) are stored as the project's languages (those of
    glossary/ and memory/; ko and en for an empty project); a region other than the one the
    language stands for (en-GB, ko-KP) is kept in the segment's or term's note.

    \b
    Examples:
      sajeon import exports/sajeon-ko-en.tbx
      sajeon import colleague.tmx --dry-run
      sajeon import weblate-ko.po --as memory --from en
      sajeon import terms.csv --map 한국어=ko --map English=en --map 분야=domain
      sajeon import onsong.review.tsv      # reviewed alignment → memory
      sajeon import ../shared/data/nk_terms.tsv \\
          --map korean=ko --map english=en --map category=domain --map source_url=source \\
          --domain-map glossary/starter/domains.tsv --canonical-sources --dry-run
    """
    # issue 6: a reviewed alignment file (from 'sajeon align') goes into the memory
    if alignment_format.is_review_file(file):
        if source_lang or target_lang or keep_regions:
            raise InputError(
                f"{file}: --from, --to and --keep-regions do not apply to a reviewed alignment "
                "file (sajeon align wrote its languages)"
            )
        return import_review(ctx, file, dry_run=dry_run)
    project = _project(ctx)
    label = str(file)
    fmt = exchange.sniff(file, label, fmt, mapped=bool(maps))
    folding = Folding(tuple(project.languages()), keep_regions)
    chosen = folding.choose(source_lang, target_lang)
    if as_kind and fmt != "po":
        kind = "a memory" if fmt == "tmx" else "a glossary"
        raise InputError(f"{file}: --as is for PO files; a {fmt.upper()} file is always {kind}")
    suffix = " (dry run: nothing changed)" if dry_run else ""
    if fmt == "tmx":
        report = tmx.TMXRead()
        with _progress(file, f"reading {file.name}") as progress:
            # issue 4: a large file is read in a second process while this one stores it
            segments = background.reader(
                tmx.read_tmx,
                file,
                label,
                source_lang=source_lang,
                target_lang=target_lang,
                folding=folding,
                report=report,
                progress=progress,
            )
            result = project.import_segments(segments, path=memory_file, dry_run=dry_run)
        _echo_segments(project, file, result, report.warnings(), suffix)
        return
    if fmt == "po":
        po_file = po.load(
            file, label, source_lang=source_lang, target_lang=target_lang, folding=folding
        )
        if exchange.classify_po(po_file, as_kind) == "memory":
            result = project.import_segments(
                po.read_memory(po_file), path=memory_file, dry_run=dry_run
            )
            _echo_segments(project, file, result, po_file.warnings(), suffix)
            return
        taken = set(project.load_glossary().concepts)
        incoming = po.read_glossary(po_file, taken_ids=taken)
        incoming, folded = exchange.fold_concepts(incoming, chosen, label)
        _merge_concepts(project, file, incoming, po_file.warnings() + folded, dry_run)
        return
    if fmt in ("tbx", "tbx3"):
        taken = set(project.load_glossary().concepts)
        incoming, warnings = exchange.read_glossary_file(file, label, fmt, taken)
        incoming, folded = exchange.fold_concepts(incoming, chosen, label)
        _merge_concepts(project, file, incoming, warnings + folded, dry_run)
        return
    taken = set(project.load_glossary().concepts)
    if fmt == "omegat":
        incoming = csvfile.read_omegat(file, source_lang, target_lang, taken_ids=taken)
        incoming, folded = exchange.fold_concepts(incoming, chosen, label)
        _merge_concepts(project, file, incoming, folded, dry_run)
        return
    warnings = []
    if not delimiter:
        delimiter, warnings = csvfile.choose_delimiter(file, {"csv": ",", "tsv": "\t"}.get(fmt))
    if not maps:  # sajeon's own spreadsheet (either layout), or an error asking for --map
        incoming, folded = exchange.fold_concepts(
            csvfile.read_sheet(file, delimiter), chosen, label
        )
        _merge_concepts(project, file, incoming, warnings + folded, dry_run)
        return
    mapping = csvfile.Mapping.parse(list(maps))
    domains = csvfile.read_domain_map(domain_map) if domain_map else None
    incoming = csvfile.read_concepts(
        file,
        mapping,
        delimiter=delimiter,
        source_separator=source_separator,
        source_filter=canonical_url if canonical_sources else None,
        domain_filter=domains,
        taken_ids=taken,
        synonym_separator=synonym_separator,
    )
    incoming, folded = exchange.fold_concepts(incoming, chosen, label)
    _merge_concepts(project, file, incoming, warnings + folded, dry_run)


def _merge_concepts(project, file, incoming, warnings, dry_run) -> None:
    """Merge imported concepts into the glossary in one all-or-nothing change."""
    report_holder = {}

    def operation(glossary):
        report = merge(glossary, incoming, today=today())
        report_holder["report"] = report
        if dry_run:
            raise _DryRun()
        return report.change

    with contextlib.suppress(_DryRun):
        project.change_glossary(operation)
    report = report_holder["report"]
    click.echo(
        f"{file.name}: {len(incoming)} concepts read; {report.summary()}"
        + (" (dry run: nothing changed)" if dry_run else "")
    )
    for line in report.conflicts:
        click.echo(f"conflict: {line}")
    for line in warnings:
        click.echo(f"warning: {file.name}: {line}", err=True)


def _echo_segments(project, file, result, warnings, suffix) -> None:
    click.echo(
        f"{file.name}: {result.read} segment pairs read ({result.source_lang}→"
        f"{result.target_lang}); {result.added} new"
        + (f" in {project.relative(result.path)}" if result.added and not suffix else "")
        + f", {result.duplicates} already in the memory{suffix}"
    )
    for segment in result.duplicate_examples[:3]:
        click.echo(f"  already stored: {segment.source[:60]!r}")
    for line in warnings:
        click.echo(f"warning: {file.name}: {line}", err=True)


@contextlib.contextmanager
def _progress(file: Path, label: str):
    """A progress bar over the bytes of ``file``, on a terminal only."""
    if not sys.stdout.isatty():
        yield None
        return
    with click.progressbar(length=file.stat().st_size, label=label) as bar:
        done = {"n": 0}

        def update(position: int) -> None:
            bar.update(position - done["n"])
            done["n"] = position

        yield update


class _DryRun(Exception):
    """Raised inside a change to roll it back after reporting."""


# ---------------------------------------------------------------------------- align (issue 6)


@cli.command("align")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.argument("target", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Review file to write; for folders, the folder to write NAME.tsv and NAME.html "
    "into (default: alignments/). Default for one pair: standard output.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a side-by-side HTML page (one pair; folders always get one).",
)
@click.option(
    "--import",
    "do_import",
    is_flag=True,
    help="Add the confident links to the memory now (links to review are left out).",
)
@click.option("--title", help="Title of the published translation (default: from the page).")
@click.option("--url", help="URL of the published translation (default: from the page).")
@click.option("--date", help="Publication date, YYYY-MM-DD (default: from the page).")
@click.option(
    "--translator", envvar="SAJEON_AUTHOR", help="Who translated it (default: $SAJEON_AUTHOR)."
)
@click.option(
    "--meta",
    "meta_table",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Folders: a TSV with columns name, title, url, date, translator per article.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    help="Links with a lower confidence are marked for review (default: the model's, 0.90).",
)
@click.option(
    "--model",
    "model_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Aligner parameters (JSON from benchmarks/align_calibrate.py). Default: bundled.",
)
@click.option("--force", is_flag=True, help="Align even texts that are not translations.")
@click.option(
    "--encoding",
    help="Encoding of articles that are not UTF-8 (with or without BOM), e.g. cp949.",
)
@click.option(
    "--file",
    "memory_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Memory file to import into. Default: memory/ko-en.tsv.",
)
@click.pass_context
def align_command(
    ctx,
    source,
    target,
    output,
    html_path,
    do_import,
    title,
    url,
    date,
    translator,
    meta_table,
    threshold,
    model_path,
    force,
    encoding,
    memory_path,
) -> None:
    """Align a Korean article (SOURCE) with its English translation (TARGET) into segment
    pairs: a review file to check and then 'sajeon import', or straight into the memory.

    Articles are plain text (one paragraph per line) or HTML pages (the article body is
    taken, without navigation; captions are marked). Links are 1–1, 2–1, 1–2, or a
    sentence without counterpart; each has a confidence, and doubtful links are marked
    for review. With two folders, files with the same name are aligned pairwise.

    \b
    Examples:
      # 온성군 보위부 기사 (ko.txt) and its English version (en.txt):
      sajeon align ko.txt en.txt -o onsong.tsv --html onsong.html
      sajeon import onsong.tsv                       # after reviewing it
      sajeon align ko.html en.html --import --translator "Jane Harwood"
      sajeon align archive/ko archive/en -o alignments --meta archive/meta.tsv
    """
    project = _project(ctx)
    model = AlignModel.load(model_path)
    if threshold is not None:
        model.threshold = threshold
    glossary = project.load_glossary()
    aligner = Aligner(model, glossary, encoding=encoding)
    meta = {"title": title, "url": url, "date": date, "translator": translator}
    if source.is_dir() or target.is_dir():
        if not (source.is_dir() and target.is_dir()):
            raise InputError(f"give two files or two folders, not {source} and {target}")
        if html_path:
            raise InputError("--html is for one pair; folders get NAME.html beside NAME.tsv")
        _align_folders(project, aligner, source, target, output, meta, meta_table, force,
                       do_import, memory_path)  # fmt: skip
        return
    pair = aligner.align_files(source, target, meta, force=force)
    review = pair.review
    if output:
        write_output(output, alignment_format.format_review(review))
    if html_path:
        write_output(html_path, alignment_format.render_html(review))
    if not output and not html_path and not do_import:
        click.echo(alignment_format.format_review(review), nl=False)
    counts = review.counts()
    click.echo(
        f"{source.name} ↔ {target.name}: {len(review.rows)} links, {counts['ok']} ok, "
        f"{counts['review']} to review, {counts['unaligned']} unaligned"
        + (f"; wrote {output}" if output else "")
        + (
            f" and {html_path}"
            if output and html_path
            else f"; wrote {html_path}"
            if html_path
            else ""
        ),
        err=True,
    )
    if do_import:
        _import_segments(project, review.segments(("ok",)), memory_path, "confident links")


def _align_folders(
    project, aligner, source_dir, target_dir, output, meta, meta_table, force, do_import,
    memory_path,
) -> None:  # fmt: skip
    pairs, lonely_sources, lonely_targets = match_folders(source_dir, target_dir)
    if not pairs:
        raise InputError(f"no articles with the same file name in {source_dir} and {target_dir}")
    table = read_meta_table(meta_table) if meta_table else {}
    output = output or Path("alignments")
    output.mkdir(parents=True, exist_ok=True)
    totals = {"links": 0, "ok": 0, "review": 0, "unaligned": 0}
    refused: list[str] = []
    segments: list[Segment] = []
    with click.progressbar(
        pairs,
        label="aligning",
        show_pos=True,
        item_show_func=lambda item: item[0] if item else "",
        file=sys.stderr,
    ) as bar:
        for name, source, target in bar:
            article_meta = {**meta, **{k: v for k, v in table.get(name, {}).items() if v}}
            try:
                pair = aligner.align_files(source, target, article_meta, force=force)
            except InputError as exc:
                refused.append(str(exc))
                continue
            review = pair.review
            write_output(output / f"{name}.tsv", alignment_format.format_review(review))
            write_output(output / f"{name}.html", alignment_format.render_html(review))
            counts = review.counts()
            totals["links"] += len(review.rows)
            for key in ("ok", "review", "unaligned"):
                totals[key] += counts[key]
            segments += review.segments(("ok",))
    for path in lonely_sources:
        click.echo(f"warning: {path}: no translation with the same name in {target_dir}", err=True)
    for path in lonely_targets:
        click.echo(f"warning: {path}: no original with the same name in {source_dir}", err=True)
    for message in refused:
        click.echo(f"skipped: {message}", err=True)
    click.echo(
        f"{len(pairs) - len(refused)} articles aligned: {totals['links']} links, "
        f"{totals['ok']} ok, {totals['review']} to review, {totals['unaligned']} unaligned"
        + (f"; {len(refused)} skipped" if refused else "")
        + f"; review files in {output}/"
    )
    if do_import:
        _import_segments(project, segments, memory_path, "confident links")


def _import_segments(project, segments, memory_path, what: str) -> None:
    if not segments:
        click.echo(f"no {what} to import")
        return
    result = project.add_segments(segments, memory_path)
    click.echo(
        f"imported {len(result.added)} new segment pairs into {project.relative(result.path)}"
        + (f" ({len(result.duplicates)} already there)" if result.duplicates else "")
    )


def import_review(ctx, file: Path, *, dry_run: bool = False) -> None:
    """'sajeon import REVIEW_FILE': the links marked ok go into the memory, once."""
    project = _project(ctx)
    review = alignment_format.read_review(file)
    counts = review.counts()
    segments = review.segments(("ok",))
    notes = []
    if counts["review"]:
        n = counts["review"]
        notes.append(f"{n} {'link' if n == 1 else 'links'} still marked review, not imported")
    if counts["unaligned"] + counts["skip"]:
        n = counts["unaligned"] + counts["skip"]
        notes.append(f"{n} unaligned or skipped {'row' if n == 1 else 'rows'} left out")
    if dry_run:
        keys = {s.key for s in project.load_memory().segments}
        new = {s.cleaned().key for s in segments} - keys
        click.echo(
            f"{file.name}: {len(segments)} links ok, {len(new)} new (dry run: nothing changed)"
        )
    else:
        click.echo(f"{file.name}: {len(segments)} links ok")
        _import_segments(project, segments, None, "links marked ok")
    for note in notes:
        click.echo(f"note: {note}")


# ---------------------------------------------------------------------------- issue 3: serve


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "-p", "--port", default=8001, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option(
    "--setting",
    "settings",
    multiple=True,
    nargs=2,
    metavar="NAME VALUE",
    help="A Datasette setting, e.g. --setting sql_time_limit_ms 3000; repeatable.",
)
@click.option("--no-sql", is_flag=True, help="Turn arbitrary SQL off (default_allow_sql off).")
@click.option(
    "--metadata",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A Datasette metadata file; what it says overrides sajeon's metadata.",
)
@click.pass_context
def serve(ctx, host, port, settings, no_sql, metadata) -> None:
    """Serve the glossary and memory in the browser, read-only, with Datasette.

    Builds the database first if it is missing or stale. Terms and segments added with
    sajeon while it runs show on the next page load. Stop it with Ctrl-C.

    \b
    Examples:
      sajeon serve                       # http://127.0.0.1:8001/ — type 보위 to find 국가보위성
      sajeon serve --port 8080 --no-sql
      sajeon serve --setting sql_time_limit_ms 3000
    """
    from .web import server

    project = _project(ctx)
    server.check_port(host, port)
    project.open_store().close()
    chosen = dict(settings)
    if no_sql:
        chosen["default_allow_sql"] = "off"
    args = server.datasette_arguments(project.db_path, host, port, chosen, metadata)
    name = project.db_path.stem
    click.echo(
        f"sajeon: serving {project.relative(project.db_path)} read-only; search at "
        f"http://{host}:{port}/{name}/-/search",
        err=True,
    )
    server.run(args)


@cli.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def snapshot(ctx, target: Path) -> None:
    """Write a consistent copy of the database to TARGET for immutable replicas.

    The copy is one self-contained file (no WAL) with merged search indexes, made from
    one moment of the database even while sajeon writes to it. Serve it with
    `datasette -i TARGET --inspect-file counts.json` on as many machines as needed.

    \b
    Example (every replica then finds 국가보위성 for 보위, like the live server):
      sajeon snapshot dist/sajeon.db
      datasette inspect dist/sajeon.db --inspect-file dist/counts.json
    """
    project = _project(ctx)
    target.parent.mkdir(parents=True, exist_ok=True)
    with project.open_store() as store:
        store.snapshot(target)
    click.echo(f"wrote {target}")


# ---------------------------------------------------------------------------- issue 4: export


@cli.command("export")
@click.option(
    "-f",
    "--format",
    "kinds",
    multiple=True,
    type=click.Choice(exchange.EXPORT_KINDS),
    help="Only this format; repeatable. Default: all of them.",
)
@lang_option(
    "--from",
    "source_lang",
    default="ko",
    help="Source language of the glossary exports.",
)
@click.option("--to", "target_langs", multiple=True, help="Only this target language; repeatable.")
@click.option(
    "-d",
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to write to. Default: exports/ in the project.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; fail if the files in the directory are not up to date.",
)
@click.pass_context
def export(ctx, kinds, source_lang, target_langs, directory, check) -> None:
    """Write the glossary and memory in the formats CAT tools read.

    \b
    For every language pair (ko-en for the bundled data):
      sajeon-ko-en.tbx       TBX-Basic 2008, complete: Weblate, MultiTerm, Phrase
      sajeon-ko-en-cat.tbx   TBX-Basic 2008 for CAT tools (OmegaT): the rendering to use
      sajeon-ko-en-tbx3.tbx  TBX-Basic v3 (DCA)
      sajeon-ko-en.po        glossary as PO: Poedit, Lokalize, Weblate
      sajeon-ko-en.csv/.tsv  spreadsheet, one row per concept (memoQ, csv2tbx)
      sajeon-ko-en.utf8      OmegaT glossary: the rendering to use (complete for import)
      memory-ko-en.tmx       TMX 1.4b
      memory-ko-en.po        memory as PO
    Files are only rewritten when their content changes; the same data always gives the
    same bytes.

    \b
    Examples:
      sajeon export
      sajeon export --check          # in CI: exit 1 if exports/ is out of date
      sajeon export --format tbx --dir out      # 국가보위성 → Ministry of State Security …
    """
    project = _project(ctx)
    targets = [normalise_lang(t) for t in target_langs] or None
    glossary = project.load_glossary()
    memory = project.load_memory()
    files = exchange.render_exports(
        list(glossary),
        memory.segments,
        source_lang=source_lang,
        target_langs=targets,
        kinds=kinds or exchange.EXPORT_KINDS,
    )
    if not files:
        raise InputError("nothing to export: the glossary and the memory are empty")
    directory = directory or project.exports_dir
    shown = project.relative(directory)
    prune = not kinds and not targets
    if check:
        stale = exchange.stale_exports(directory, files)
        if not prune:
            stale = [n for n in stale if n in {f.name for f in files}]
        if stale:
            raise click.ClickException(
                f"{shown}/ is out of date ({', '.join(stale)}): run 'sajeon export'"
            )
        click.echo(f"{shown}/ is up to date ({len(files)} files)")
        return
    changed = exchange.write_exports(directory, files, prune=prune)
    for f in files:
        mark = "wrote" if f.name in changed else "unchanged"
        click.echo(f"{mark:9}  {shown}/{f.name}  ({f.count} {_unit(f.kind)})")
    for name in changed:
        if name not in {f.name for f in files}:
            click.echo(f"removed    {shown}/{name}")


def _unit(kind: str) -> str:
    if kind in ("tmx", "memory-po"):
        return "segments"
    if kind in ("csv", "tsv", "omegat"):
        return "rows"
    return "concepts"


# ---------------------------------------------------------------------------- issue 5
# Translation-memory engine: fuzzy lookup, term recognition, pre-translation, term QA.


QA_IGNORE = "qa-ignore.tsv"


@cli.command()
@click.argument("text", nargs=-1, required=True)
@click.option(
    "-m",
    "--min-score",
    type=click.FloatRange(0, 100),
    default=tm.DEFAULT_THRESHOLD,
    show_default=True,
    help="Lowest match percentage to show.",
)
@click.option("-n", "--limit", default=10, show_default=True, help="Most matches to show.")
@lang_option(
    "-l",
    "--from",
    "source_lang",
    default="ko",
    help="Source language of the segments to search.",
)
@lang_option(
    "-t",
    "--to",
    "target_lang",
    default="en",
    help="Target language of the segments to search.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def lookup(ctx, text, min_score, limit, source_lang, target_lang, fmt) -> None:
    """Find past translations of TEXT in the memory: exact matches first, then fuzzy
    matches with their percentage, best first ('-' reads TEXT from standard input;
    quotes are optional, several words are one text).

    The percentage is the Levenshtein similarity of the two source texts,
    100 × (1 − distance / length of the longer), after Unicode NFC and whitespace
    normalisation, rounded down.

    \b
    Examples:
      sajeon lookup "체포된 주민들은 현재 회령시 보위부에서 조사를 받고 있다."
      sajeon lookup "보위부가 주민 5명을 체포했다." --min-score 60 -n 3
      sajeon lookup "…" --format json
    """
    query, _ = text_argument(text, files=False, stdin=sys.stdin)
    if not similarity.normalise(query):
        raise InputError("nothing to look up: TEXT is empty")
    project = _project(ctx)
    with project.open_store(project.memory_paths()) as store:
        matches = tm.lookup(
            store,
            query,
            threshold=min_score,
            limit=limit,
            source_lang=source_lang,
            target_lang=target_lang,
        )
    if fmt == "json":
        emit_json(
            {
                "query": similarity.normalise(query),
                "min_score": min_score,
                "source_lang": source_lang,
                "target_lang": target_lang,
                "matches": [m.as_dict() for m in matches],
            }
        )
        return
    if not matches:
        click.echo(f"no match of {min_score:g}% or more in the memory")
        return
    for match in matches:
        label = "exact" if match.exact else f"{match.percent}%"
        style = {"fg": "green", "bold": True} if match.exact else {"bold": True}
        click.echo(f"{click.style(pad(label, 6), **style)}{match.source}")
        click.echo(f"{'':6}{match.target}")
        meta = " · ".join(filter(None, (match.date, match.origin, match.translator)))
        click.echo(click.style(f"{'':6}{meta or f'segment {match.segment_id}'}", dim=True))


@cli.command()
@click.argument("text_or_file", nargs=-1, required=True)
@lang_option("-l", "--from", "lang", default="ko", help="Language of the text.")
@lang_option("-t", "--to", "to_lang", default="en", help="Language of the translations to show.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def terms(ctx, text_or_file, lang, to_lang, fmt) -> None:
    """List the glossary terms in TEXT_OR_FILE (a file name, '-' for standard input, or
    the text itself, quotes optional): where each is, its preferred translation, and
    warnings for deprecated or forbidden terms. A name that looks like a file's (a slash,
    an extension such as .txt) but names none is an error, not a text.

    Korean terms are found with particles and endings attached (국가보위성에서), inside
    compounds (온성군보위부) and, for one- and two-syllable terms, only where they stand
    as words of their own (군 in 군 당국, not in 군대); the longest match wins.

    \b
    Examples:
      sajeon terms "국가보위성에서 온성군보위부에 지시를 내렸다."
      sajeon terms article.txt --format json
      sajeon terms "The MSS arrested two defectors." --from en --to ko
    """
    text, where = text_argument(text_or_file, files=True, stdin=sys.stdin)
    project = _project(ctx)
    with project.open_store(project.glossary_paths()) as store:
        matches = termrec.recogniser_for(store, lang, to_lang).find(text)
    if fmt == "json":
        emit_json(
            {"file": where, "lang": lang, "to": to_lang, "terms": [m.as_dict() for m in matches]}
        )
        return
    if not matches:
        click.echo("no glossary terms found")
        return
    rows = []
    for m in matches:
        place = f"{where}:{m.line}:{m.column}" if where else f"{m.line}:{m.column}"
        surface = m.text + (f"({m.suffix})" if m.suffix else "")
        rows.append((place, surface, m))
    w_place = max(width(r[0]) for r in rows)
    w_surface = max(width(r[1]) for r in rows)
    for place, surface, m in rows:
        also = f" (also {', '.join(m.alternatives)})" if m.alternatives else ""
        line = (
            f"{pad(place, w_place)}  {pad(surface, w_surface)}  → "
            f"{m.translation or '—'}{also}  [{m.concept_id}]"
        )
        click.echo(line)
        if m.term != m.text:
            click.echo(f"{'':{w_place}}  {'':{w_surface}}    glossary term: {m.term}")
        for warning in m.warnings:
            click.echo(click.style(f"{'':{w_place}}  {'':{w_surface}}    ⚠ {warning}", fg="red"))
        if m.other_concepts:
            click.echo(
                f"{'':{w_place}}  {'':{w_surface}}    also a term of {', '.join(m.other_concepts)}"
            )
    concepts = len({m.concept_id for m in matches})
    click.echo(f"{len(matches)} term occurrence(s), {concepts} concept(s)")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@lang_option("-l", "--from", "source_lang", default="ko", help="Source language.")
@lang_option("-t", "--to", "target_lang", default="en", help="Target language.")
@click.option(
    "--ignore",
    "ignore_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"Ignore list of accepted exceptions. Default: {QA_IGNORE} in the project, if any.",
)
@click.option("--no-ignore", is_flag=True, help="Report every finding, ignore list or not.")
@click.option("--strict", is_flag=True, help="Exit non-zero on warnings too.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def check(ctx, files, source_lang, target_lang, ignore_path, no_ignore, strict, fmt) -> None:
    """Check that translated FILES (PO, TMX or bilingual TSV) use the glossary's terms.

    For each glossary term in a segment's source, the translation must contain one of the
    concept's approved target terms. Reported per segment (file:line): a missing term,
    a forbidden or deprecated term, and a confusable (another concept's term where this
    one's is missing, e.g. 보위부 rendered "Ministry of Social Security"). Exit status 1
    when there are errors (with --strict also warnings).

    Accepted exceptions go in qa-ignore.tsv at the project root, a TSV with the header
    "source concept check reason" (source text or *, concept id or *, check name or *).

    \b
    Examples:
      sajeon check draft.po
      sajeon check memory/ko-en.tsv export.tmx --format json
      sajeon check draft.po --strict --no-ignore
    """
    project = _project(ctx)
    with project.open_store(project.glossary_paths()) as store:
        concepts = store.concepts()
    rules = []
    if not no_ignore:
        path = ignore_path or project.root / QA_IGNORE
        if ignore_path or path.exists():
            rules = qa.read_ignore_list(path, project.relative(path), [c.id for c in concepts])
    units = []
    for file in files:
        units += qa.read_units(file, source_lang, target_lang, str(file))
    report = qa.Checker(concepts, source_lang, target_lang).run(units, rules)
    failed = report.errors > 0 or (strict and report.warnings > 0)
    if fmt == "json":
        emit_json({"files": [str(f) for f in files], **report.as_dict()})
    else:
        for issue in report.active:
            colour = "red" if issue.severity == "error" else "yellow"
            click.echo(
                f"{issue.file}:{issue.line or '-'}: "
                + click.style(f"{issue.severity}: {issue.kind}", fg=colour, bold=True)
                + f": {issue.message}"
            )
            if issue.id:
                click.echo(f"    id: {issue.id}")
            click.echo(f"    {source_lang}: {issue.source}")
            click.echo(f"    {target_lang}: {issue.target}")
        for where in report.unused_ignores:
            click.echo(f"{where}: note: this exception matched nothing; remove it?")
        ignored = len(report.issues) - len(report.active)
        click.echo(
            f"checked {report.segments} segment(s): {report.errors} error(s), "
            f"{report.warnings} warning(s)" + (f", {ignored} ignored" if ignored else "")
        )
    if failed:
        ctx.exit(1)


@cli.command()
@click.argument("po_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Where to write the result ('-' for standard output). Default: PO_FILE itself.",
)
@click.option(
    "-m",
    "--min-score",
    type=click.FloatRange(0, 100),
    default=tm.DEFAULT_THRESHOLD,
    show_default=True,
    help="Lowest fuzzy-match percentage to use.",
)
@lang_option("-l", "--from", "source_lang", default="ko", help="Language of the msgids.")
@lang_option(
    "-t",
    "--to",
    "target_lang",
    help="Language of the translations. Default: the PO header's Language.",
)
@click.option(
    "--width",
    default=pretranslate_mod.DEFAULT_WIDTH,
    show_default=True,
    help="Wrap new msgstr lines at this many columns (GNU gettext's default is 79).",
)
@click.pass_context
def pretranslate(ctx, po_file, output, min_score, source_lang, target_lang, width) -> None:
    """Fill the untranslated entries of PO_FILE from the memory.

    Exact matches become translations; fuzzy matches at or above --min-score are filled
    and marked '#, fuzzy', with a '# sajeon: 87% match, from …' comment and the memory's
    source as the previous msgid ('#| msgid'). Nothing else in the file changes.

    \b
    Examples:
      # msgid "체포된 주민들은 현재 무산군 보위부에서 조사를 받고 있다." gets the
      # memory's translation of the same sentence about 온성군 as a fuzzy match:
      sajeon pretranslate article.po -o article.pretranslated.po
      sajeon pretranslate article.po --min-score 85
    """
    project = _project(ctx)
    data = po_file.read_bytes()
    text = pretranslate_mod.decode(data, str(po_file))
    with project.open_store(project.memory_paths()) as store:
        result, report = pretranslate_mod.pretranslate(
            store,
            text,
            threshold=min_score,
            source_lang=source_lang,
            target_lang=target_lang,
            width=width,
            label=str(po_file),
            languages=Folding(tuple(project.languages())),
        )
    destination = output or po_file
    if str(destination) == "-":
        click.echo(result, nl=False)
    else:
        bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
        changes = FileChanges()
        changes.set(destination, bom + result)
        changes.commit()
    summary = (
        f"{po_file}: {report.entries} entries, {report.untranslated} untranslated; filled "
        f"{report.exact} exact and {report.fuzzy} fuzzy"
    )
    if str(destination) != "-":
        summary += f" → {destination}"
    click.echo(summary, err=str(destination) == "-")


def main() -> None:  # pragma: no cover - console entry point
    cli(prog_name="sajeon")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
