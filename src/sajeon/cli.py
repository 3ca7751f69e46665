"""The ``sajeon`` command: options in, one call to :mod:`sajeon.app`, its result out.

Each command parses its options, calls one application function and hands the result to
:func:`report`: :func:`render_text` prints it for people, ``--json`` prints
:func:`sajeon.app.to_json` of it. Formats, files, SQL and rules live in :mod:`sajeon.app`
and below, not here.
"""

from __future__ import annotations

import functools
import json
import math
import sqlite3
import sys
import unicodedata
from pathlib import Path
from typing import Any

import click

from . import __version__, app
from .core.errors import shown
from .core.langtags import normalise_lang
from .core.model import (
    PARTS_OF_SPEECH,
    STATUSES,
    TERM_TYPES,
    Concept,
    InputError,
    check_choice,
    check_date,
    clean_input,
)
from .core.romanize import parse_style
from .engine import pretranslate as pretranslate_mod
from .engine import qa, tm
from .formats import csvfile, exchange
from .storage.project import Project, is_project


def _cut(message: str, most: int = 1_000) -> str:
    """An error line that quotes an over-long value (a 40,000-character --date) keeps its
    start and its end, which says what is wrong, and leaves out the middle."""
    if len(message) <= most:
        return message
    return f"{message[: most // 2]} … {message[-most // 2 :]}"


class SajeonGroup(click.Group):
    """Turns expected failures into a one-line error and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            raise click.ClickException(_cut(str(exc))) from None
        except sqlite3.DatabaseError as exc:  # --db naming a file that is no database, too
            project = ctx.find_object(Project)
            where = f"{project.db_path}: " if project is not None else ""
            raise click.ClickException(f"database error: {where}{exc}") from None
        except OSError as exc:
            if exc.filename:
                raise click.ClickException(f"{exc.filename}: {exc.strerror}") from None
            raise


# ---------------------------------------------------------------------------- option values
# Issue 15: click checks every value before a command runs, so that a bad one is one line
# naming the option and exit status 2, never a traceback from deep inside. Every command
# uses these types: a new option gets the same rules by using them too.

# The most rows any count option may ask for: more than any memory sajeon is built for
# (300,000 units in the import benchmark), and small enough for SQLite's 64-bit LIMIT.
MAX_COUNT = 1_000_000
MIN_WIDTH = 20  # pretranslate --width: below it a msgstr line holds barely a word
MAX_PATH = 4096  # PATH_MAX on Linux; no file system takes a longer path
MAX_TAG = 64  # a language tag: RFC 5646 asks tools to take 35 characters at least


class FiniteFloat(click.FloatRange):
    """A number in a range. click's FloatRange lets NaN through (every comparison with NaN
    is false) and, with an open bound, infinity; neither is a score or a threshold."""

    name = "number"

    def convert(self, value: Any, param, ctx) -> float:
        number = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{shown(str(value))} is not a finite number", param, ctx)
        return super().convert(number, param, ctx)


def count(minimum: int = 1, maximum: int = MAX_COUNT) -> click.IntRange:
    """A count of rows, hits or columns: at least ``minimum`` (a limit of 0 or -1 shows
    nothing, or cut lists from the end), at most ``maximum``."""
    return click.IntRange(minimum, maximum)


class Text(click.ParamType):
    """A text option that needs a value: an empty one is a mistake (an unset shell
    variable), not a request for the default."""

    name = "text"

    def convert(self, value: Any, param, ctx) -> str:
        if isinstance(value, str) and not value:
            self.fail("needs a value, not an empty text", param, ctx)
        return value


class DateOption(Text):
    """A date given as an option: a bad one is a bad option (exit 2), judged by the model's
    one date rule (``check_date``: calendar days only). ``partial`` also takes YYYY and
    YYYY-MM; ``clearable`` takes an empty text (term set: clear the date)."""

    name = "date"

    def __init__(self, *, partial: bool = False, clearable: bool = False):
        self.partial, self.clearable = partial, clearable

    def convert(self, value: Any, param, ctx) -> str:
        if isinstance(value, str) and not value and self.clearable:
            return value
        value = super().convert(value, param, ctx)
        try:
            what = "date" if param.name == "date" else f"{param.name.replace('_', '-')} date"
            check_date(value, what, partial=self.partial)
        except InputError as exc:
            self.fail(str(exc), param, ctx)
        return value


class FilePath(click.Path):
    """A file or directory name: not empty (click takes '' as the current directory) and
    not longer than any file system allows."""

    def convert(self, value: Any, param, ctx):
        if isinstance(value, str) and not value:
            self.fail("needs a file name, not an empty text", param, ctx)
        if isinstance(value, str) and len(value) > MAX_PATH:
            self.fail(f"{shown(value)} is longer than any path can be", param, ctx)
        return super().convert(value, param, ctx)


def _checked(check):
    """A callback running ``check`` on an option's value, which it passes on as given (the
    library checks it again where it is used): an InputError is a bad option (exit
    status 2), said the way the library says it."""

    def callback(ctx, param, value):
        if value is None or value == ():
            return value
        try:
            check(value)
        except InputError as exc:
            raise click.BadParameter(_cut(str(exc))) from None
        return value

    return callback


def _encoding(name: str) -> None:
    try:
        b"a".decode(name, "ignore")  # a text encoding: base64 and zlib are codecs of bytes
    except LookupError:
        raise InputError(f"unknown encoding {shown(name)}: not a text encoding") from None


def _one_of(choices: tuple[str, ...], what: str):
    """A check that the value is one of ``choices``, or empty (to clear a field)."""
    return lambda value: check_choice(value, choices, what)


def _maps(specs: tuple[str, ...]) -> None:
    csvfile.Mapping.parse(list(specs))


def _settings(ctx, param, pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """serve --setting: checked as Datasette checks them, before anything is built or
    the server announced (Datasette's own check would come after both)."""
    from datasette.cli import Setting

    for pair in pairs:
        Setting().convert(pair, param, ctx)  # a BadParameter naming --setting
    return pairs


def _project(ctx: click.Context) -> Project:
    return ctx.find_object(Project).require()


def _lang(ctx, param, value):
    if value is None:
        return None
    if isinstance(value, tuple):  # a repeatable option
        return tuple(_lang(ctx, param, one) for one in value)
    if len(value) > MAX_TAG:  # not worth Babel's time, nor a whole line of error
        raise click.BadParameter(f"{shown(value)} is not a language tag")
    try:
        return normalise_lang(value)
    except InputError as exc:
        raise click.BadParameter(str(exc)) from None


def _memory_file(ctx, param, value):
    """A ``--file`` memory file: only where the build reads (memory/**/*.tsv), checked by
    the project's own rule so that a bad path is a bad option (exit 2) and nothing runs
    (not with click.Path, whose os.stat fails on a NUL in the name)."""
    if value is None:
        return None
    try:
        ctx.find_object(Project).memory_file(value)
    except InputError as exc:
        raise click.BadParameter(str(exc)) from None
    return Path(value)


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


# ---------------------------------------------------------------------------- reports


def json_option(f):
    """``--json``: the same on every command, the report as JSON on standard output."""
    return click.option(
        "--json", "as_json", is_flag=True, help="Print the report as JSON (see docs/api.md)."
    )(f)


def old_format_option(f):
    """``--format text|json`` of lookup, terms and check: kept for a release, deprecated
    for ``--json`` (``--format`` names file formats, in import and export)."""

    def deprecated(ctx, param, value):
        if value is not None:
            click.echo(f"sajeon: '--format {value}' is deprecated; use --json", err=True)
        return value

    return click.option(
        "--format",
        "old_format",
        type=click.Choice(["text", "json"]),
        hidden=True,
        callback=deprecated,
        expose_value=True,
    )(f)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(app.to_json(data), ensure_ascii=False, indent=2))


def report(result: Any, as_json: bool) -> None:
    """The one way a command prints its result: as JSON, or as text for people."""
    if as_json:
        emit_json(result)
    else:
        render_text(result)


@functools.singledispatch
def render_text(result: Any) -> None:
    raise NotImplementedError(f"no text rendering for {type(result).__name__}")


def _warn(file: str, warnings: list[str]) -> None:
    for line in warnings:
        click.echo(f"warning: {file}: {line}", err=True)


@click.group(cls=SajeonGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sajeon")
@click.option(
    "-C",
    "--project",
    "project_dir",
    type=FilePath(file_okay=False, path_type=Path),
    envvar="SAJEON_PROJECT",
    help="Project directory (holding glossary/ and memory/). Default: the nearest one "
    "at or above the current directory.",
)
@click.option(
    "--db",
    "db_path",
    type=FilePath(dir_okay=False, path_type=Path),
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
@click.argument("directory", required=False, type=FilePath(file_okay=False, path_type=Path))
@lang_option("--from", "source_lang", default="ko", help="Source language of the memory.")
@lang_option("--to", "target_lang", default="en", help="Target language of the memory.")
@json_option
@click.pass_context
def init(ctx: click.Context, directory: Path | None, source_lang, target_lang, as_json) -> None:
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
    report(app.init(root, source_lang, target_lang), as_json)


@render_text.register
def _(result: app.InitResult) -> None:
    click.echo(f"made a sajeon project in {result.root}: " + ", ".join(result.files))


# ---------------------------------------------------------------------------- build / stats


@cli.command()
@click.option(
    "--check", is_flag=True, help="Do not build; report where the database and the files differ."
)
@json_option
@click.pass_context
def build(ctx: click.Context, check: bool, as_json: bool) -> None:
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
    if check:
        # On stderr, so that the report (and --json) stays alone on stdout.
        with _Progress("checking", always=True, positions=False) as progress:
            drift = app.check_build(_project(ctx), progress)
        report(drift, as_json)
        if not drift.ok:
            if as_json:
                ctx.exit(1)
            raise click.ClickException(
                f"{len(drift.differences)} difference(s) between the files and {drift.database}"
            )
        return
    report(app.build(_project(ctx)), as_json)


@render_text.register
def _(result: app.DriftResult) -> None:
    for line in result.differences:
        click.echo(line)
    if result.ok:
        click.echo(f"{result.database} agrees with glossary/ and memory/")


@render_text.register
def _(result: app.BuildResult) -> None:
    for d in result.duplicates:
        click.echo(f"warning: {d.where}: same segment pair as {d.first}, stored once", err=True)
    click.echo(
        f"built {result.database}: {result.concepts} concepts, "
        f"{result.terms} terms, {result.segments} segments"
    )


@cli.command()
@json_option
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of concepts, terms and segments, by language, status, domain and pair.

    \b
    Examples:
      sajeon stats          # 211 concepts, 469 terms … (국가보위성 counts once)
      sajeon stats --json
    """
    report(app.stats(_project(ctx)), as_json)


@render_text.register
def _(data: app.StatsResult) -> None:
    click.echo(
        f"{data.concepts} concepts, {data.terms} terms, {data.sources} sources, "
        f"{data.segments} segments"
    )
    for title, counts in (
        ("terms by language", data.terms_by_language),
        ("terms by status", data.terms_by_status),
        ("concepts by domain", data.concepts_by_domain),
        ("segments by pair", data.segments_by_pair),
    ):
        if counts:
            click.echo(f"{title}: " + ", ".join(f"{k or '(none)'} {v}" for k, v in counts.items()))


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
        "--valid-from",
        type=DateOption(partial=True),
        help="First date the term was in use (YYYY, YYYY-MM or YYYY-MM-DD).",
    ),
    click.option(
        "--valid-until",
        type=DateOption(partial=True),
        help="Last date the term was in use, e.g. for a former name.",
    ),
]


def _which_term(f):
    """--lang and --concept: which term TEXT means, for commands that change one."""
    f = click.option(
        "-c", "--concept", "concept_id", type=Text(), help="The concept, when TEXT is in several."
    )(f)
    return lang_option("-l", "--lang", default="ko", help="Language of TEXT.")(f)


def _apply(options):
    def decorator(f):
        for option in reversed(options):
            f = option(f)
        return f

    return decorator


@render_text.register
def _(result: app.GlossaryChange) -> None:
    for message in result.messages:
        click.echo(message)


@term.command("add")
@click.argument("text")
@click.argument("translation", required=False)
@lang_option("-l", "--lang", default="ko", help="Language of TEXT.")
@lang_option("-t", "--to", "to_lang", default="en", help="Language of TRANSLATION.")
@click.option(
    "-c",
    "--concept",
    "concept_id",
    type=Text(),
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
    type=Text(),
    multiple=True,
    help="Where the term comes from (URL or citation); repeatable.",
)
@click.option("--author", envvar="SAJEON_AUTHOR", help="Who added it (default: $SAJEON_AUTHOR).")
@_apply(_term_options)
@json_option
@click.pass_context
def term_add(ctx, text, translation, term_type, as_json, **options) -> None:
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
    report(app.add_term(_project(ctx), text, translation, type=term_type, **options), as_json)


@term.command("set")
@click.argument("text")
@_which_term
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    help="New status; making a term preferred makes the previous preferred term admitted.",
)
@click.option(
    "--pos",
    callback=_checked(_one_of(PARTS_OF_SPEECH, "part of speech")),
    help="Part of speech (" + ", ".join(PARTS_OF_SPEECH) + "); empty to clear.",
)
@click.option(
    "--type",
    "term_type",
    callback=_checked(_one_of(TERM_TYPES, "term type")),
    help="Term type (" + ", ".join(TERM_TYPES) + "); empty to clear.",
)
@click.option("--note", help="Usage note on the term; empty to clear.")
@click.option(
    "--valid-from",
    type=DateOption(partial=True, clearable=True),
    help="First date in use; empty to clear.",
)
@click.option(
    "--valid-until",
    type=DateOption(partial=True, clearable=True),
    help="Last date in use; empty to clear.",
)
@json_option
@click.pass_context
def term_set(ctx, text, lang, concept_id, term_type, as_json, **changes) -> None:
    """Change a term's status, part of speech, type, usage note or validity period.

    \b
    Examples:
      sajeon term set 국가보위성 --status preferred
      sajeon term set 인민보안성 --status deprecated --valid-until 2020
      sajeon term set "State Security Department" --lang en --status deprecated
    """
    result = app.set_term_fields(
        _project(ctx), text, lang=lang, concept_id=concept_id, type=term_type, **changes
    )
    report(result, as_json)


@term.command("rm")
@click.argument("text")
@_which_term
@json_option
@click.pass_context
def term_rm(ctx, text, lang, concept_id, as_json) -> None:
    """Remove a term (and its concept, if it was the last term).

    \b
    Examples:
      sajeon term rm "관리소(정치범수용소)"
      sajeon term rm "Ministry for Protection of the State" --lang en
    """
    report(app.remove_term_from(_project(ctx), text, lang=lang, concept_id=concept_id), as_json)


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
@json_option
@click.pass_context
def term_show(ctx, text_or_id, as_json) -> None:
    """Show every concept holding a term (in any language), or a concept by id.

    \b
    Examples:
      sajeon term show 국가보위성
      sajeon term show "Onsong County"
      sajeon term show ministry-of-state-security
    """
    result = app.show_term(_project(ctx), text_or_id)
    if as_json:
        emit_json(result)
        return
    for i, concept in enumerate(result.concepts):
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
@json_option
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
    if status is not None:
        explicit = ctx.get_parameter_source("lang") is click.core.ParameterSource.COMMANDLINE
        result = app.list_terms_of_status(
            _project(ctx), status, domain=domain, lang=lang if explicit else None, to_lang=to_lang
        )
    else:
        result = app.list_concepts(_project(ctx), domain=domain, lang=lang, to_lang=to_lang)
    report(result, as_json)


@render_text.register
def _(result: app.ConceptsResult) -> None:
    rows = []
    for c in result.concepts:
        source, target = c.preferred(result.source_lang), c.preferred(result.target_lang)
        rows.append((source.text if source else "—", target.text if target else "—", c))
    if not rows:
        click.echo("no concepts")
        return
    w = max(width(r[0]) for r in rows)
    for source, target, c in rows:
        click.echo(f"{pad(source, w)}  →  {target}  [{c.id}{', ' + c.domain if c.domain else ''}]")


@render_text.register
def _(result: app.TermsOfStatusResult) -> None:
    status, rows = result.status, result.terms
    if not rows:
        click.echo(f"no {status} terms")
        return
    text_width = max(width(r.term.text) for r in rows)
    period_width = max(width(r.term.period or "") for r in rows)
    for row in rows:
        line = f"{pad(row.term.text, text_width)}  {pad(row.term.lang, 3)} {status}"
        line += f"  {pad(row.term.period or '', period_width)}"
        if row.use_instead is not None:
            line += f"  use: {row.use_instead}"
        if row.translation is not None:
            line += f"  →  {row.translation}"
        click.echo(f"{line}  [{row.concept}]")
    click.echo(f"{len(rows)} {status} term(s)")


@term.command("search")
@click.argument("query")
@lang_option("-l", "--lang", help="Language of QUERY: only terms in it (default: any).")
@lang_option("-t", "--to", "to_lang", default="en", help="Show each hit's term in this language.")
@click.option(
    "-n", "--limit", type=count(), default=20, show_default=True, help="Most hits to show."
)
@json_option
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
    # A query is checked as every text argument is: control characters and an empty
    # query refused, invisible characters read through.
    query = clean_input(query, "QUERY")
    result = app.search_terms(_project(ctx), query, lang=lang, to_lang=to_lang, limit=limit)
    report(result, as_json)


@render_text.register
def _(result: app.TermSearchResult) -> None:
    if not result.hits:
        click.echo(f"no terms match {result.query!r}")
        return
    labels = [
        f.hit.text + ("" if f.hit.status == "preferred" else f" ({f.hit.status})")
        for f in result.hits
    ]
    w = max(width(label) for label in labels)
    for label, found in zip(labels, result.hits, strict=True):
        hit = found.hit
        click.echo(
            f"{pad(label, w)}  →  {found.translation or '—'}  "
            f"[{hit.concept_id}{', ' + hit.domain if hit.domain else ''}]"
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
@click.option("--add-source", type=Text(), multiple=True, help="Add a source; repeatable.")
@click.option("--remove-source", type=Text(), multiple=True, help="Remove a source; repeatable.")
@json_option
@click.pass_context
def concept_set(ctx, concept_id, add_source, remove_source, as_json, **changes) -> None:
    """Change fields of concept CONCEPT_ID.

    \b
    Example:
      sajeon concept set ministry-of-state-security \\
          --definition "North Korea's secret police (국가보위성), known as 보위부"
    """
    result = app.set_concept_fields(
        _project(ctx), concept_id, add_sources=add_source, remove_sources=remove_source, **changes
    )
    report(result, as_json)


@concept.command("merge")
@click.argument("concept_id")
@click.argument("into_id")
@json_option
@click.pass_context
def concept_merge(ctx, concept_id, into_id, as_json) -> None:
    """Merge concept CONCEPT_ID into INTO_ID: its terms and sources move over, and it is
    deleted. Use it when two entries turn out to name the same thing.

    \b
    Example:
      # 국가안전보위부 (State Security Department) is the former name of 국가보위성:
      sajeon concept merge state-security-department ministry-of-state-security
    """
    report(app.merge_concepts(_project(ctx), concept_id, into_id), as_json)


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
@click.option(
    "--date", type=DateOption(), help="Date of the translation (YYYY-MM-DD). Default: today."
)
@click.option(
    "--translator", envvar="SAJEON_AUTHOR", help="Who translated it (default: $SAJEON_AUTHOR)."
)
@click.option("--note", help="A note on the pair.")
@click.option(
    "--file",
    "path",
    metavar="PATH",
    callback=_memory_file,
    help="Memory file to add to, a .tsv under memory/. Default: memory/SOURCE-TARGET.tsv.",
)
@json_option
@click.pass_context
def segment_add(ctx, source, target, as_json, **options) -> None:
    """Add a SOURCE sentence and its TARGET translation to the memory.

    An identical pair is stored once: adding it again changes nothing.

    \b
    Example:
      sajeon segment add "온성군 보위부는 주민 3명을 체포했다." \\
          "The Onsong County MSS arrested three residents." \\
          --origin "Daily NK, 2025-03-14" --translator "J. Park"
    """
    report(app.add_segment(_project(ctx), source, target, **options), as_json)


@render_text.register
def _(result: app.SegmentAddResult) -> None:
    if result.added:
        click.echo(f"added 1 segment to {result.path}")
    else:
        click.echo(f"already in the memory: {result.segment.source!r} → {result.segment.target!r}")


@segment.command("search")
@click.argument("query")
@click.option(
    "-n", "--limit", type=count(), default=20, show_default=True, help="Most pairs to show."
)
@json_option
@click.pass_context
def segment_search(ctx, query, limit, as_json) -> None:
    """Concordance: past translations whose source or target contains QUERY, newest first.

    \b
    Examples:
      sajeon segment search 보위부
      sajeon segment search smuggling
    """
    query = clean_input(query, "QUERY")  # as term search checks it
    report(app.search_segments(_project(ctx), query, limit=limit), as_json)


@render_text.register
def _(result: app.SegmentSearchResult) -> None:
    if not result.hits:
        click.echo(f"no segments match {result.query!r}")
        return
    for hit in result.hits:
        s = hit.segment
        meta = " · ".join(filter(None, (s.date, s.origin, s.translator)))
        click.echo(click.style(meta or f"segment {hit.id}", dim=True))
        click.echo(f"  {s.source_lang}  {s.source}")
        click.echo(f"  {s.target_lang}  {s.target}")


# ------------------------------------------------------------------ import (issue 4: every format)


@cli.command("import")
@click.argument("file", type=FilePath(exists=True, dir_okay=False, path_type=Path))
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
    metavar="PATH",
    callback=_memory_file,
    help="Memory file to add to, a .tsv under memory/. Default: memory/SOURCE-TARGET.tsv.",
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="COLUMN=FIELD",
    callback=_checked(_maps),
    help="CSV/TSV: map a column to a language tag (a term in that language; the first is the "
    "source language) or to one of: " + ", ".join(csvfile.FIELDS) + ". Repeatable.",
)
@click.option(
    "-m",
    "old_maps",
    multiple=True,
    callback=_checked(_maps),
    hidden=True,
    help="Deprecated spelling of --map (-m is --min-score elsewhere).",
)
@click.option(
    "--delimiter",
    callback=_checked(csvfile.check_delimiter),
    help="Field delimiter (default: the one the header holds most of: comma, semicolon or tab).",
)
@click.option(
    "--synonyms",
    "synonym_separator",
    type=Text(),
    metavar="SEP",
    help="CSV/TSV: a term cell holds several terms separated by SEP (e.g. '|').",
)
@click.option(
    "--source-separator",
    type=Text(),
    default=" | ",
    show_default=True,
    help="Separator between several sources in one cell.",
)
@click.option(
    "--domain-map",
    type=FilePath(exists=True, dir_okay=False, path_type=Path),
    help="TSV of category → domain (a category ending in * matches by prefix).",
)
@click.option(
    "--canonical-sources",
    is_flag=True,
    help="Point copies of Wikipedia articles at the en.wikipedia.org page.",
)
@click.option("--dry-run", is_flag=True, help="Report what would change; change nothing.")
@json_option
@click.pass_context
def import_(ctx, file, fmt, maps, old_maps, as_json, **options) -> None:
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
    if old_maps:
        click.echo("sajeon: '-m' for --map is deprecated; use --map", err=True)
    with _Progress(f"reading {file.name}", file.stat().st_size) as progress:
        result = app.import_file(
            _project(ctx), file, format=fmt, maps=[*maps, *old_maps], progress=progress, **options
        )
    report(result, as_json)


@render_text.register
def _(result: app.ImportResult) -> None:
    suffix = " (dry run: nothing changed)" if result.dry_run else ""
    if result.glossary is not None:
        g = result.glossary
        click.echo(f"{result.file}: {g.read} concepts read; {g.summary()}{suffix}")
        for line in g.conflicts:
            click.echo(f"conflict: {line}")
    if result.memory is not None:
        m = result.memory
        click.echo(
            f"{result.file}: {m.read} segment pairs read ({m.source_lang}→{m.target_lang}); "
            f"{m.added} new"
            + (f" in {m.path}" if m.added and not result.dry_run else "")
            + f", {m.duplicates} already in the memory{suffix}"
        )
        for source in m.duplicate_examples[:3]:
            click.echo(f"  already stored: {source[:60]!r}")
    if result.review is not None:
        r = result.review
        if result.dry_run:
            click.echo(f"{result.file}: {r.ok} links ok, {r.new} new{suffix}")
        else:
            click.echo(f"{result.file}: {r.ok} links ok")
            _echo_imported(r.imported)
        for note in r.notes:
            click.echo(f"note: {note}")
    _warn(result.file, result.warnings)


def _echo_imported(imported: app.SegmentsReport | None) -> None:
    if imported is None:
        return
    if imported.path is None:
        click.echo(f"no {imported.what} to import")
        return
    click.echo(
        f"imported {imported.added} new segment pairs into {imported.path}"
        + (f" ({imported.duplicates} already there)" if imported.duplicates else "")
    )


class _Progress:
    """A progress bar shown on a terminal once the work reports progress: the bytes of a
    file read (``bar(position)``), or articles aligned (``bar(done, total, name)``)."""

    def __init__(
        self,
        label: str,
        length: int | None = None,
        *,
        always: bool = False,
        positions: bool = True,
    ):
        self.label, self.length, self.always = label, length, always
        self.positions = positions  # show "done/total" (when a total is given)
        self.bar = None
        self.done = 0

    def __enter__(self):
        return self if (self.always or sys.stdout.isatty()) else None

    def __call__(self, position: int, total: int | None = None, item: str = "") -> None:
        if self.bar is None:
            self.bar = click.progressbar(
                length=total or self.length,
                label=self.label,
                show_pos=total is not None and self.positions,
                item_show_func=(lambda name: name or "") if total is not None else None,
                file=sys.stderr if self.always else None,
            ).__enter__()
        self.bar.update(position - self.done, current_item=item or None)
        self.done = position

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


# ---------------------------------------------------------------------------- align (issue 6)


@cli.command("align")
@click.argument("source", type=FilePath(exists=True, path_type=Path))
@click.argument("target", type=FilePath(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=FilePath(path_type=Path),
    help="Review file to write; for folders, the folder to write NAME.tsv and NAME.html "
    "into (default: alignments/). Default for one pair: standard output.",
)
@click.option(
    "--html",
    "html_path",
    type=FilePath(dir_okay=False, path_type=Path),
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
@click.option(
    "--date", type=DateOption(), help="Publication date, YYYY-MM-DD (default: from the page)."
)
@click.option(
    "--translator", envvar="SAJEON_AUTHOR", help="Who translated it (default: $SAJEON_AUTHOR)."
)
@click.option(
    "--meta",
    "meta_table",
    type=FilePath(exists=True, dir_okay=False, path_type=Path),
    help="Folders: a TSV with columns name, title, url, date, translator per article.",
)
@click.option(
    "--threshold",
    type=FiniteFloat(0, 1),
    help="Links with a lower confidence are marked for review (default: the model's, 0.90).",
)
@click.option(
    "--model",
    "model_path",
    type=FilePath(exists=True, dir_okay=False, path_type=Path),
    help="Aligner parameters (JSON from benchmarks/align_calibrate.py). Default: bundled.",
)
@click.option("--force", is_flag=True, help="Align even texts that are not translations.")
@click.option(
    "--encoding",
    callback=_checked(_encoding),
    help="Encoding of articles that are not UTF-8 (with or without BOM), e.g. cp949.",
)
@click.option(
    "--file",
    "memory_path",
    metavar="PATH",
    callback=_memory_file,
    help="Memory file to import into, a .tsv under memory/. Default: memory/ko-en.tsv.",
)
@json_option
@click.pass_context
def align_command(ctx, source, target, html_path, as_json, **options) -> None:
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
    if as_json and not (options["output"] or html_path or options["do_import"]):
        raise click.UsageError("--json needs -o, --html or --import: the review file is output")
    with _Progress("aligning", always=True) as progress:
        result = app.align(
            _project(ctx), source, target, html=html_path, progress=progress, **options
        )
    report(result, as_json)


@render_text.register
def _(result: app.AlignResult) -> None:
    if result.folders:
        for line in result.warnings:
            click.echo(f"warning: {line}", err=True)
        for message in result.skipped:
            click.echo(f"skipped: {message}", err=True)
        t = result.totals()
        click.echo(
            f"{len(result.pairs)} articles aligned: {t['links']} links, "
            f"{t['ok']} ok, {t['review']} to review, {t['unaligned']} unaligned"
            + (f", {t['dropped']} furniture dropped" if t["dropped"] else "")
            + (f"; {len(result.skipped)} skipped" if result.skipped else "")
            + f"; review files in {result.output}/"
        )
    else:
        if result.review_text is not None:
            click.echo(result.review_text, nl=False)
        (p,) = result.pairs
        wrote = [w for w in (result.output, result.html) if w]
        click.echo(
            f"{p.name}: {p.links} links, {p.ok} ok, {p.review} to review, "
            f"{p.unaligned} unaligned"
            + (f", {p.dropped} furniture dropped" if p.dropped else "")
            + (f"; wrote {' and '.join(wrote)}" if wrote else ""),
            err=True,
        )
    _echo_imported(result.imported)


# ---------------------------------------------------------------------------- issue 3: serve


@cli.command()
@click.option(
    "--host", type=Text(), default="127.0.0.1", show_default=True, help="Address to listen on."
)
@click.option(
    "-p", "--port", default=8001, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option(
    "--setting",
    "settings",
    multiple=True,
    nargs=2,
    metavar="NAME VALUE",
    callback=_settings,
    help="A Datasette setting, e.g. --setting sql_time_limit_ms 3000; repeatable.",
)
@click.option("--no-sql", is_flag=True, help="Turn arbitrary SQL off (default_allow_sql off).")
@click.option(
    "--metadata",
    type=FilePath(exists=True, dir_okay=False, path_type=Path),
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
    server.check_port(host, port)  # before anything is built or announced
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
@click.argument("target", type=FilePath(dir_okay=False, path_type=Path))
@json_option
@click.pass_context
def snapshot(ctx, target: Path, as_json: bool) -> None:
    """Write a consistent copy of the database to TARGET for immutable replicas.

    The copy is one self-contained file (no WAL) with merged search indexes, made from
    one moment of the database even while sajeon writes to it. Serve it with
    `datasette -i TARGET --inspect-file counts.json` on as many machines as needed.

    \b
    Example (every replica then finds 국가보위성 for 보위, like the live server):
      sajeon snapshot dist/sajeon.db
      datasette inspect dist/sajeon.db --inspect-file dist/counts.json
    """
    report(app.snapshot(_project(ctx), target), as_json)


@render_text.register
def _(result: app.SnapshotResult) -> None:
    click.echo(f"wrote {result.path}")


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
@click.option(
    "--to",
    "target_langs",
    multiple=True,
    callback=_lang,
    help="Only this target language; repeatable.",
)
@click.option(
    "-d",
    "--dir",
    "directory",
    type=FilePath(file_okay=False, path_type=Path),
    help="Directory to write to. Default: exports/ in the project.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; fail if the files in the directory are not up to date.",
)
@json_option
@click.pass_context
def export(ctx, kinds, source_lang, target_langs, directory, check, as_json) -> None:
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
    result = app.export(
        _project(ctx),
        formats=kinds,
        source_lang=source_lang,
        target_langs=target_langs,
        directory=directory,
        check=check,
    )
    report(result, as_json)
    if not result.ok:
        if as_json:
            ctx.exit(1)
        raise click.ClickException(
            f"{result.directory}/ is out of date ({', '.join(result.stale)}): run 'sajeon export'"
        )


@render_text.register
def _(result: app.ExportResult) -> None:
    shown = result.directory
    if result.check:
        if result.ok:
            click.echo(f"{shown}/ is up to date ({len(result.files)} files)")
        return
    for f in result.files:
        mark = "wrote" if f.written else "unchanged"
        click.echo(f"{mark:9}  {shown}/{f.name}  ({f.count} {f.unit})")
    for name in result.removed:
        click.echo(f"removed    {shown}/{name}")


# ---------------------------------------------------------------------------- issue 5
# Translation-memory engine: fuzzy lookup, term recognition, pre-translation, term QA.


@cli.command()
@click.argument("text", nargs=-1, required=True)
@click.option(
    "-m",
    "--min-score",
    type=FiniteFloat(0, 100),
    default=tm.DEFAULT_THRESHOLD,
    show_default=True,
    help="Lowest match percentage to show.",
)
@click.option(
    "-n", "--limit", type=count(), default=10, show_default=True, help="Most matches to show."
)
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
    "--date",
    type=DateOption(partial=True),
    help="Date of the text (YYYY, YYYY-MM or YYYY-MM-DD): show the names valid then.",
)
@json_option
@old_format_option
@click.pass_context
def lookup(ctx, text, as_json, old_format, **options) -> None:
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
      sajeon lookup "…" --json
      sajeon lookup "인민보안성이 단속을 벌였다." --date 2018   # and the names valid then
    """
    query, _ = app.read_text_or_file(text, files=False)
    result = app.lookup(_project(ctx), query, **options)
    report(result, as_json or old_format == "json")


@render_text.register
def _(result: app.LookupResult) -> None:
    for m in result.terms:
        also = f" (also {', '.join(m.alternatives)})" if m.alternatives else ""
        click.echo(f"{m.text} → {m.translation or '—'}{also} at {result.date}  [{m.concept_id}]")
        for warning in m.warnings:
            click.echo(click.style(f"    ⚠ {warning}", fg="red"))
    if not result.matches:
        click.echo(f"no match of {result.min_score:g}% or more in the memory")
        return
    for match in result.matches:
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
    "--date",
    type=DateOption(partial=True),
    help="Date of the text (YYYY, YYYY-MM or YYYY-MM-DD): show the names valid then.",
)
@click.option(
    "--unknown",
    is_flag=True,
    help="Also names and organs that look like terms but are not in the glossary.",
)
@click.option(
    "--translation",
    type=Text(),
    help="The text's English (text or file): suggestions take the words spelling a name.",
)
@json_option
@old_format_option
@click.pass_context
def terms(
    ctx, text_or_file, lang, to_lang, date, unknown, translation, as_json, old_format
) -> None:
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
      sajeon terms article.txt --json
      sajeon terms "The MSS arrested two defectors." --from en --to ko
      sajeon terms "인민보안성이 단속을 벌였다." --date 2018-05-01
      sajeon terms --unknown "새별군 보위부가 주민들을 체포했다."
    """
    text, where = app.read_text_or_file(text_or_file)
    english = app.read_text_or_file(translation, what="--translation")[0] if translation else None
    result = app.find_terms(
        _project(ctx),
        text,
        lang=lang,
        to_lang=to_lang,
        file=where,
        date=date,
        unknown=unknown,
        translation=english,
    )
    report(result, as_json or old_format == "json")


@render_text.register
def _(result: app.TermsResult) -> None:
    _render_terms(result)
    if result.unknown is None:
        return
    if not result.unknown:
        click.echo("no unknown names found")
    for u in result.unknown:
        place = f"{result.file}:{u.line}:{u.column}" if result.file else f"{u.line}:{u.column}"
        seen = f"  (in the translation: {u.from_translation})" if u.from_translation else ""
        click.echo(f"{place}  {u.name}  ? {u.suggestion}  [not in the glossary: {u.kind}]{seen}")
    if result.unknown:
        click.echo(f"{len(result.unknown)} name(s) not in the glossary")


def _render_terms(result: app.TermsResult) -> None:
    if not result.terms:
        click.echo("no glossary terms found")
        return
    rows = []
    for m in result.terms:
        place = f"{result.file}:{m.line}:{m.column}" if result.file else f"{m.line}:{m.column}"
        surface = m.text + (f"({m.suffix})" if m.suffix else "")
        rows.append((place, surface, m))
    w_place = max(width(r[0]) for r in rows)
    w_surface = max(width(r[1]) for r in rows)
    indent = f"{'':{w_place}}  {'':{w_surface}}    "
    for place, surface, m in rows:
        also = f" (also {', '.join(m.alternatives)})" if m.alternatives else ""
        click.echo(
            f"{pad(place, w_place)}  {pad(surface, w_surface)}  → "
            f"{m.translation or '—'}{also}  [{m.concept_id}]"
        )
        if m.term != m.text:
            click.echo(f"{indent}glossary term: {m.term}")
        for warning in m.warnings:
            click.echo(click.style(f"{indent}⚠ {warning}", fg="red"))
        if m.other_concepts:
            click.echo(f"{indent}also a term of {', '.join(m.other_concepts)}")
    click.echo(f"{result.count} term occurrence(s), {result.concepts} concept(s)")


@cli.command("extract")
@click.argument("file", required=False, type=FilePath(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=FilePath(dir_okay=False, path_type=Path),
    help="Write the review file here (TSV; set status to accept, then sajeon import it).",
)
@click.option("-n", "--limit", type=count(), help="At most this many candidates.")
@click.option("--min-count", type=count(), default=1, show_default=True, help="Fewest segments.")
@json_option
@click.pass_context
def extract_command(ctx, file, output, limit, min_count, as_json) -> None:
    """Propose new glossary entries from the memory (or FILE: a TMX, a PO memory or an
    alignment review file): names and organs not in the glossary (새별군, 조직지도부),
    ranked by frequency and by how steadily one English accompanies them, with the
    segments they came from.

    \b
    Examples:
      sajeon extract -o candidates.tsv     # edit: status accept / reject
      sajeon import candidates.tsv         # accepted rows become concepts
      sajeon extract docs/examples/trados.tmx --json
    """
    result = app.extract_terms(_project(ctx), file, output=output, limit=limit, min_count=min_count)
    report(result, as_json)


@render_text.register
def _(result: app.ExtractResult) -> None:
    for c in result.candidates:
        click.echo(
            f"{c.count:>3}  {pad(c.term, 16)}  → {c.english}  "
            f"({c.english_count}/{c.count} with it; {c.kind})"
        )
        for e in c.evidence[:1]:
            click.echo(click.style(f"       {e.origin}: {e.source}", dim=True))
    wrote = f"; wrote {result.output}" if result.output else ""
    click.echo(
        f"{len(result.candidates)} candidate(s) in {result.segments} segment(s) of "
        f"{result.read}{wrote}"
    )


@cli.command()
@click.argument("files", nargs=-1, required=True, type=FilePath(dir_okay=False, path_type=Path))
@lang_option("-l", "--from", "source_lang", default="ko", help="Source language.")
@lang_option("-t", "--to", "target_lang", default="en", help="Target language.")
@click.option(
    "--ignore",
    "ignore_path",
    type=FilePath(dir_okay=False, path_type=Path),
    help=f"Ignore list of accepted exceptions. Default: {app.QA_IGNORE} in the project, if any.",
)
@click.option("--no-ignore", is_flag=True, help="Report every finding, ignore list or not.")
@click.option("--strict", is_flag=True, help="Exit non-zero on warnings too.")
@click.option(
    "--date",
    type=DateOption(partial=True),
    help="Date of the texts (YYYY, YYYY-MM or YYYY-MM-DD): the names valid then. "
    "Default: each file's own (memory date column, PO header, review file).",
)
@click.option(
    "--error",
    type=click.Choice(list(qa.DEFAULT_SEVERITY)),
    multiple=True,
    metavar="KIND",
    help="Report this kind of finding as an error (repeatable), e.g. --error missing.",
)
@click.option(
    "--warn",
    type=click.Choice(list(qa.DEFAULT_SEVERITY)),
    multiple=True,
    metavar="KIND",
    help="Report this kind of finding as a warning (repeatable), e.g. --warn confusable.",
)
@click.option(
    "--config",
    "config_path",
    type=FilePath(dir_okay=False, path_type=Path),
    help=f"Config file with a [check] table of severities. Default: {app.CONFIG} in the project.",
)
@click.option(
    "--all-links",
    is_flag=True,
    help="In alignment review files, check the links not marked ok too.",
)
@json_option
@old_format_option
@click.pass_context
def check(ctx, files, as_json, old_format, **options) -> None:
    """Check that translated FILES (PO, TMX, bilingual TSV or alignment review files)
    use the glossary's terms.

    For each glossary term in a segment's source, the translation must contain one of the
    concept's approved target terms. Reported per segment (file:line), with the rule that
    produced it: a confusable (another concept's term where this one's is missing, e.g.
    보위부 rendered "Ministry of Social Security"), a forbidden or deprecated term (also a
    name not valid at the segment's date: "Ministry of Social Security" in 2018), a
    missing term, and "not a translation pair?" when source and target share no glossary
    term, number or name. Missing terms and not-a-pair are warnings, the others errors;
    change that with --error KIND / --warn KIND or a [check] table in sajeon.toml. Exit
    status 1 when there are errors (with --strict also warnings).

    Accepted exceptions go in qa-ignore.tsv at the project root, a TSV with the header
    "source concept check reason" (source text or *, concept id or *, check name or *).

    \b
    Examples:
      sajeon check draft.po
      sajeon check memory/ko-en.tsv export.tmx --json
      sajeon check draft.po --strict --no-ignore --error missing
      sajeon check article.review.tsv --date 2018-05-01 --all-links
    """
    result = app.check(_project(ctx), files, **options)
    report(result, as_json or old_format == "json")
    if result.failed:
        ctx.exit(1)


@render_text.register
def _(result: app.CheckResult) -> None:
    report_ = result.report
    for issue in report_.active:
        colour = "red" if issue.severity == "error" else "yellow"
        click.echo(
            f"{issue.file}:{issue.line or '-'}: "
            + click.style(f"{issue.severity}: {issue.kind}", fg=colour, bold=True)
            + f": {issue.message}"
        )
        click.echo(click.style(f"    rule: {issue.rule}", dim=True))
        if issue.id:
            click.echo(f"    id: {issue.id}")
        click.echo(f"    {result.source_lang}: {issue.source}")
        click.echo(f"    {result.target_lang}: {issue.target}")
    for where in report_.unused_ignores:
        click.echo(f"{where}: note: this exception matched nothing; remove it?")
    if report_.passed_over:
        click.echo(
            f"note: {report_.passed_over} link(s) of review files not marked ok were not "
            "checked (--all-links checks them)"
        )
    ignored = len(report_.issues) - len(report_.active)
    click.echo(
        f"checked {report_.segments} segment(s): {report_.errors} error(s), "
        f"{report_.warnings} warning(s)" + (f", {ignored} ignored" if ignored else "")
    )


@cli.command()
@click.argument("po_file", type=FilePath(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=FilePath(dir_okay=False, allow_dash=True, path_type=Path),
    help="Where to write the result ('-' for standard output). Default: PO_FILE itself.",
)
@click.option(
    "-m",
    "--min-score",
    type=FiniteFloat(0, 100),
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
    type=count(MIN_WIDTH),
    default=pretranslate_mod.DEFAULT_WIDTH,
    show_default=True,
    help="Wrap new msgstr lines at this many columns (GNU gettext's default is 79).",
)
@json_option
@click.pass_context
def pretranslate(ctx, po_file, output, as_json, **options) -> None:
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
    if as_json and str(output) == "-":
        raise click.UsageError("--json and -o - both write to standard output; choose one")
    report(app.pretranslate(_project(ctx), po_file, output=output, **options), as_json)


@render_text.register
def _(result: app.PretranslateResult) -> None:
    to_stdout = result.output == "-"
    if to_stdout:
        click.echo(result.text, nl=False)
    summary = (
        f"{result.file}: {result.entries} entries, {result.untranslated} untranslated; filled "
        f"{result.exact} exact and {result.fuzzy} fuzzy"
    )
    if not to_stdout:
        summary += f" → {result.output}"
    click.echo(summary, err=to_stdout)


@cli.command()
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--system",
    type=click.Choice(["mr", "rr"]),
    help="mr: McCune–Reischauer as newsrooms write North Korean names (default); "
    "rr: Revised Romanization (South Korea).",
)
@click.option(
    "--diacritics/--no-diacritics",
    default=None,
    help="Keep MR's breves and apostrophes (Hoeryŏng, Ch'ŏngjin). Default: without.",
)
@click.option(
    "--style",
    callback=_checked(parse_style),
    help="Comma-separated: city (시 → City), bare (the name proper), lee (리/이 → Lee), "
    "park (박 → Park). Default: the [romanize] table of sajeon.toml.",
)
@click.option("--name", is_flag=True, help="TEXT is a personal name, surname first.")
@json_option
@click.pass_context
def romanize(ctx, text, system, diacritics, style, name, as_json) -> None:
    """Romanize the Hangul in TEXT ('-' reads standard input; quotes are optional):
    McCune–Reischauer without diacritics by default, with North Korean spelling (initial
    ㄹ kept: Ryanggang) and administrative units as newsrooms write them (군 → County,
    도 → Province, 구역 → District, 시 dropped). A project's sajeon.toml may set the
    default in a [romanize] table: system, diacritics, style. Works outside a project too.

    \b
    Examples:
      sajeon romanize 회령시                    # Hoeryong
      sajeon romanize 회령시 --diacritics       # Hoeryŏng
      sajeon romanize 온성군 --system rr        # Onseong County
      sajeon romanize 리설주 --name --style lee # Lee Sol Ju
    """
    words, _ = app.read_text_or_file(text, files=False)
    here = ctx.find_object(Project)
    project = here if here is not None and is_project(here.root) else None
    result = app.romanize(
        words, system=system, diacritics=diacritics, style=style, name=name, project=project
    )
    report(result, as_json)


@render_text.register
def _(result: app.RomanizeResult) -> None:
    click.echo(result.romanized)


def main() -> None:  # pragma: no cover - console entry point
    cli(prog_name="sajeon")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
