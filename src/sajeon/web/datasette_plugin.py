"""sajeon's Datasette plugin: a term-lookup tool for translators, read-only.

Registered through the ``datasette`` entry point, so a plain ``datasette sajeon.db`` gets
the same pages and behaviour as ``sajeon serve``. Everything here applies only to sajeon
databases (those holding a ``_sajeon_meta`` table); other databases are left alone.

* Metadata: titles, descriptions of every table and column, default sorts and facets
  (:mod:`sajeon.web.datasette_metadata`).
* ``?_search=`` on the terms, segments, concepts and term_pairs pages and their JSON goes
  through sajeon's Korean-aware index (:func:`sajeon.storage.search.parse_query`), not Datasette's
  ``escape_fts``, which cannot query it.
* Pages of our own (:data:`PAGES`): ranked search, the term view of one concept, the
  concordance, and the translation-memory engine's fuzzy match and "terms in this text"
  (the same answers as ``sajeon lookup`` and ``sajeon terms``, from the same functions).
  Each is HTML and, with ``.json``, JSON. Pages call :mod:`sajeon.app`'s functions on
  Datasette's read connection and render their results; their JSON is
  :func:`sajeon.app.to_json` of the result, as the CLI's ``--json``, plus links. A new
  page is added with the :func:`page` decorator and appears in the navigation bar and
  Datasette's menu.
* Read-only: every connection Datasette opens on a sajeon database gets
  ``PRAGMA query_only``, and writable canned queries on one stop Datasette at startup.
  The two paste pages also take a POST (an article does not fit in a URL): it reads only,
  and Datasette's CSRF middleware checks a browser's token before the page runs.
* The home page (``/``) when every database served is sajeon's: its pages and figures.
"""

from __future__ import annotations

import asyncio
import copy
import json
import math
import os
import re
import sqlite3
import time
import unicodedata
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import sqlite_timelimit, tilde_decode, tilde_encode
from datasette.utils.asgi import (
    BadRequest,
    Base400,
    NotFound,
    Request,
    Response,
    asgi_static,
)
from datasette.views.index import IndexView
from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader
from markupsafe import Markup, escape
from rapidfuzz.distance import Levenshtein

from .. import app
from ..core import similarity
from ..core.errors import shown
from ..core.langtags import display_name, normalise_lang
from ..core.model import Concept, InputError, check_date
from ..core.text import strip_invisible
from ..engine import termrec, tm
from ..storage.search import Highlighter, parse_query
from ..storage.store import COUNT_CAP, Store
from . import datasette_metadata

HERE = Path(__file__).parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"
STATIC_ROUTE = "/-/sajeon/static/"
# Tables and views whose ?_search= goes through sajeon's index.
SEARCH_TABLES = ("terms", "segments", "concepts", "term_pairs")
PAGE_SIZE = 50
CONCORDANCE_PREVIEW = 5
MATCH_NAMES = app.MATCH_NAMES
FLAGGED = ("deprecated", "forbidden")
# Characters of text pasted into the fuzzy-match and terms pages: a long article is 5,000.
# Their forms POST the text (read-only: a POST to them reads, never writes), since in a
# URL it would not fit (see MAX_URL_TEXT).
MAX_TEXT = 20_000
# Most characters of text that links carry in their URL (?text=): 1,000 Korean characters
# are 9,000 bytes percent-encoded; with a browser's headers (a Referer of up to 4 KiB
# among them) the request stays under the 16 KiB head that uvicorn, under Datasette,
# accepts when it arrives in pieces.
MAX_URL_TEXT = 1000
# A POST body larger than this is refused before it is parsed (a text of MAX_TEXT
# characters is at most 12 bytes a character percent-encoded; well over it is no paste).
MAX_BODY = 4 * 1024 * 1024
# A search page with more concepts than this shows one line per concept (?view=).
COMPACT_OVER = 10
# Translations shown on a concept's page.
CONCEPT_TRANSLATIONS = 10
MAX_MATCHES = 100
MAX_ROWID = 2**63 - 1

# ---- Limits that bound what one request can cost (docs/input-rules.md, "The server under
# load"). The benchmark (benchmarks/server_load.py) turns them off with
# SAJEON_SERVER_LIMITS=off to measure the server without them; nothing else should.
LIMITS_ENV = "SAJEON_SERVER_LIMITS"
# The lowest min_score of a fuzzy match: the floor of the CAT tools translators use (Trados
# Studio's minimum match value goes down to 30%, OmegaT shows matches from 30%). Below it a
# match shares little more than particles and endings with the sentence, and a threshold
# near 0 makes every segment of the memory a match to read and score.
MIN_MATCH_SCORE = 30.0
# Sentences looked up in one fuzzy-match request: a text of MAX_TEXT characters in
# ordinary news sentences (40 characters or more) has under 500; more means lines of a
# few syllables each, every one a lookup of its own.
MAX_SENTENCES = 1_000
# Characters of a search or concordance query (?q=): a sentence fits, an article does not
# (Terms in text is for those).
MAX_QUERY = MAX_URL_TEXT
# Results a search or concordance pages through: as many as are counted (COUNT_CAP);
# beyond them SQLite would step over every earlier match to reach the page.
MAX_PAGED = COUNT_CAP
# One request's time limit is at most this many times sql_time_limit_ms, however many
# sentences its text has.
MAX_UNITS = 30
# Whole numbers in parameters: more digits than this are refused before int() (Python
# refuses over 4,300 digits, SQLite over 2**63).
MAX_DIGITS = 18
# Expensive requests (Fuzzy match, Terms in text, the concordance) waiting for their turn
# beyond those running; more are refused at once with 429. And how long one waits at most.
EXPENSIVE_WAITING = 4
EXPENSIVE_WAIT_SECONDS = 10.0


# ---------------------------------------------------------------------------- which databases


_known: dict[tuple, bool] = {}


def _has_sajeon_meta(path: Path, mutable: bool) -> bool:
    uri = Path(path).resolve().as_uri() + ("?mode=ro" if mutable else "?immutable=1")
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            return bool(
                conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sajeon_meta'"
                ).fetchone()
            )
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def is_sajeon_database(datasette, name: str | None) -> bool:
    """Whether Datasette's database ``name`` is a sajeon database (cached: metadata is
    looked up many times a request). A database that is not one yet is checked again
    when its file changes."""
    db = datasette.databases.get(name) if name else None
    if db is None or db.is_memory or not db.path:
        return False
    path = Path(db.path)
    key = (name, str(path), db.is_mutable)
    if _known.get(key):
        return True
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return False
    if _known.get((*key, stamp)) is False:
        return False
    found = _has_sajeon_meta(path, db.is_mutable)
    _known[key if found else (*key, stamp)] = found
    return found


def sajeon_databases(datasette) -> list[str]:
    return [n for n in datasette.databases if is_sajeon_database(datasette, n)]


def page_url(
    datasette, database: str, name: str, path: str = "", suffix: str = "", **params
) -> str:
    """URL of plugin page ``name`` for ``database`` (``suffix=".json"`` for its JSON);
    empty parameters are left out."""
    url = f"{datasette.urls.database(database)}/-/{name}{path}{suffix}"
    query = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


def concept_url(datasette, database: str, concept_id: str) -> str:
    """The term view of a concept; the id is tilde-encoded like Datasette's row URLs, so
    that an id with a dot cannot be taken for ``.json``."""
    return page_url(datasette, database, "concept", "/" + tilde_encode(concept_id))


# ---------------------------------------------------------------------------- metadata


_metadata_cache: dict[tuple, dict] = {}


@hookimpl
def get_metadata(datasette, key, database, table):
    names = tuple(n for n in datasette.databases if not n.startswith("_"))
    sajeon = tuple(n for n in names if is_sajeon_database(datasette, n))
    if not sajeon:
        return None
    cache_key = (id(datasette), names, sajeon)
    if cache_key not in _metadata_cache:
        urls = {
            n: {p: page_url(datasette, n, p) for p in ("search", "match", "terms")} for n in sajeon
        }
        metadata = {"databases": {n: datasette_metadata.database_metadata(urls[n]) for n in sajeon}}
        if sajeon == names:  # the whole instance is sajeon's: title the index page too
            metadata.update(datasette_metadata.instance_metadata(urls))
        _metadata_cache[cache_key] = metadata
    # Datasette merges into what it is given, so it gets a copy.
    return copy.deepcopy(_metadata_cache[cache_key])


# ---------------------------------------------------------------------------- read-only


@hookimpl
def prepare_connection(conn, database, datasette):
    """No statement run through Datasette can write to a sajeon database: not arbitrary
    SQL, not a canned query, not another plugin using Datasette's connections."""
    try:
        found = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sajeon_meta'"
        ).fetchone()
    except sqlite3.Error:
        return
    if found:
        conn.execute("PRAGMA query_only = 1")


@hookimpl
def startup(datasette):
    for name in sajeon_databases(datasette):
        queries = (datasette.metadata("queries", database=name, fallback=False)) or {}
        for query_name, query in queries.items():
            if isinstance(query, dict) and query.get("write"):
                raise ValueError(
                    f"canned query {query_name!r} on {name} has write: true, but sajeon "
                    "databases are read-only in Datasette; change them with the sajeon command"
                )


# ---------------------------------------------------------------------------- ?_search=


@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    """``?_search=`` through sajeon's Korean-aware index. Called last, so that its
    ``supports_search`` wins over Datasette's, which finds no FTS table it can use."""
    if table not in SEARCH_TABLES or not is_sajeon_database(datasette, database):
        return None
    query = request.args.get("_search", "")
    extra_context = {"supports_search": True, "search": query}
    if not query.strip():
        return FilterArguments([], extra_context=extra_context)
    parsed = parse_query(query)
    description = [f'search matches "{query}"']
    if not parsed:  # nothing to search for (only punctuation): matches nothing
        return FilterArguments(["0"], {}, description, extra_context)
    if table != "segments":
        where = Store.search_filter(table, "sajeon_search")
        return FilterArguments([where], {"sajeon_search": parsed.match}, description, extra_context)
    newest_upto = _newest_page_bound(request, datasette, database)

    async def segment_filters() -> FilterArguments:
        db = datasette.get_database(database)
        match = await db.execute_fn(lambda conn: Store.on_connection(conn).segment_match(parsed))
        params = {"sajeon_search": match}
        if newest_upto is None:
            where = Store.search_filter(table, "sajeon_search")
        else:
            where = Store.newest_segments_filter("sajeon_search", "sajeon_upto", "sajeon_limit")
            # Any page Datasette returns has at most max_returned_rows rows (+1 to see
            # whether there is a next one).
            params |= {"sajeon_upto": newest_upto, "sajeon_limit": datasette.max_returned_rows + 1}
        return FilterArguments([where], params, description, extra_context)

    return segment_filters


# Arguments of a segments table request that change neither which rows match nor their
# order: with only these, a page is the newest matches (see _newest_page_bound).
_PAGE_ONLY_ARGS = {
    "_search", "_size", "_shape", "_next", "_nocount", "_nofacet", "_nosuggest",
    "_col", "_nocol", "_labels", "_nolabels", "_json", "_nl", "_trace", "_sort_desc",
}  # fmt: skip
_NO_COUNT_SHAPES = ("array", "object")


def _newest_page_bound(request, datasette, database: str) -> int | None:
    """For a segments page whose rows are simply the newest matches, the highest id it can
    show (after ``?_next=``); None when the page needs every match.

    That is: the default order (id descending), no filter but the search, and neither a
    row count nor facets, which Datasette computes with the same WHERE clause (the JSON
    shapes array and object, or ``_nocount`` with ``_nofacet``). Then the search asks
    FTS5 for the newest matches only (walking its index backwards) instead of every
    match: a common syllable matches a third of a large memory.
    """
    args = request.args
    if any(key not in _PAGE_ONLY_ARGS for key in args):
        return None
    if args.get("_shape") not in _NO_COUNT_SHAPES and not (
        args.get("_nocount") and args.get("_nofacet")
    ):
        return None
    metadata = datasette.table_metadata(database, "segments")
    if metadata.get("sort") or metadata.get("sort_desc") != "id":
        return None
    if args.get("_sort_desc", "id") != "id":
        return None
    after = args.get("_next")
    if not after:
        return MAX_ROWID
    # Datasette's token for a page sorted by id descending is "<id>,<id>" (sort value, key).
    parts = after.split(",")
    if len(parts) != 2 or not all(part.isascii() and part.isdigit() for part in parts):
        return None
    value, key = (int(part) for part in parts)
    # Its WHERE clause: id < value, or id = value and id > key.
    return value if key < value else value - 1


# ---------------------------------------------------------------------------- table pages


# Text columns and the column that holds their language, per table.
_LANG_COLUMNS = {
    "terms": {"text": "lang"},
    "term_pairs": {"source_term": "source_lang", "target_term": "target_lang"},
    "segments": {"source": "source_lang", "target": "target_lang"},
}


def _row_value(row, column: str):
    try:
        value = row[column]
    except (IndexError, KeyError):
        return None
    # Foreign keys shown with their label arrive as {"value": …, "label": …}.
    return value.get("value") if isinstance(value, dict) else value


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Korean cells carry ``lang`` (fonts, line breaking, screen readers); every term links
    to its term view."""
    lang_column = _LANG_COLUMNS.get(table or "", {}).get(column)
    if not lang_column or not isinstance(value, str):
        return None
    if not is_sajeon_database(datasette, database):
        return None
    lang = _row_value(row, lang_column)
    lang_attr = Markup(' lang="{}"').format(lang) if isinstance(lang, str) else ""
    concept_id = _row_value(row, "concept_id")
    if table in ("terms", "term_pairs") and isinstance(concept_id, str):
        url = concept_url(datasette, database, concept_id)
        return Markup('<a href="{}"{}>{}</a>').format(url, lang_attr, value)
    return Markup("<span{}>{}</span>").format(lang_attr, value)


@hookimpl
def extra_css_urls(template, database, table, columns, view_name, request, datasette):
    if (database and is_sajeon_database(datasette, database)) or (
        view_name in ("index", "sajeon-home") and sajeon_databases(datasette)
    ):
        return [datasette.urls.path(STATIC_ROUTE + "sajeon.css")]
    return None


@hookimpl
def extra_body_script(template, database, table, columns, view_name, request, datasette):
    """A concept's row page links to its term view (Datasette has no row-action hook)."""
    if view_name != "row" or table != "concepts" or not is_sajeon_database(datasette, database):
        return None
    pks = (request.url_vars or {}).get("pks") if request else None
    if not pks:
        return None
    url = concept_url(datasette, database, tilde_decode(pks))
    return (
        "document.addEventListener('DOMContentLoaded', () => {"
        "const h = document.querySelector('.content h1'); if (!h) return;"
        "const p = document.createElement('p'); const a = document.createElement('a');"
        f"a.href = {json.dumps(url)}; a.textContent = 'Term view of this concept →';"
        "p.appendChild(a); h.after(p); });"
    )


@hookimpl
def table_actions(datasette, actor, database, table, request):
    if table not in SEARCH_TABLES or not is_sajeon_database(datasette, database):
        return None
    query = request.args.get("_search", "") if request else ""
    label = f"Ranked search for “{query}”" if query else "Ranked term search"
    links = [{"href": page_url(datasette, database, "search", q=query), "label": label}]
    if table == "segments":
        links.append(
            {
                "href": page_url(datasette, database, "concordance", q=query),
                "label": "Concordance" + (f" for “{query}”" if query else ""),
            }
        )
    return links


@hookimpl
def menu_links(datasette, actor, request):
    async def inner():
        links = []
        for name in sajeon_databases(datasette):
            if not await datasette.permission_allowed(
                actor, "view-database", resource=name, default=True
            ):
                continue
            for p in PAGES:
                if p.nav:
                    links.append(
                        {"href": page_url(datasette, name, p.name), "label": f"{name}: {p.title}"}
                    )
        return links

    return inner


# ---------------------------------------------------------------------------- templates


class _DeclaringBaseLoader(BaseLoader):
    """Serves Datasette's ``base.html`` with ``<html lang="en">`` and ``<meta charset>``:
    every page then declares its encoding and language (the interface is English;
    Korean content carries ``lang="ko"`` on its own elements)."""

    def __init__(self, inner: BaseLoader):
        self.inner = inner

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        if template in ("base.html", "default:base.html"):
            source = source.replace("<html>", '<html lang="en">', 1)
            source = source.replace("<head>", '<head>\n    <meta charset="utf-8">', 1)
        return source, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()


@hookimpl
def prepare_jinja2_environment(env, datasette):
    # Datasette looks for a plugin's templates beside a package, not a module, so ours are
    # added here, after the user's --template-dir and Datasette's own.
    env.loader = ChoiceLoader(
        [_DeclaringBaseLoader(env.loader), FileSystemLoader(str(TEMPLATES_DIR))]
    )


# ---------------------------------------------------------------------------- under load


def limits_on() -> bool:
    """Whether the limits on a request's cost are on: always, but in the benchmark that
    measures the server without them."""
    return os.environ.get(LIMITS_ENV, "").strip().lower() != "off"


class Busy(Base400):
    """Every slot for expensive requests is taken: answered 429 with ``Retry-After``."""

    status = 429

    def __init__(self, retry_after: int):
        super().__init__(
            "sajeon is busy with other long requests (fuzzy match, terms in text, "
            f"concordance): try again in {retry_after} second{'s' if retry_after != 1 else ''}"
        )
        self.retry_after = retry_after


class Gate:
    """Expensive requests, a few at a time: ``running`` of them in Datasette's SQL
    threads, up to ``waiting`` more waiting for a turn (at most ``wait_seconds``), and
    any more refused at once (:class:`Busy`).

    Every page's work runs on Datasette's few SQL threads (three by default) and shares
    the CPU with them; without a bound, a handful of clients repeating a fuzzy match
    keep every thread busy and each cheap search waits behind them. With at most
    ``running`` expensive ones at a time, fewer than the threads and the cores, a search
    always finds a free thread and a core. Waiting costs nothing: a coroutine, no thread.
    """

    def __init__(self, running: int, waiting: int, wait_seconds: float):
        self.running, self.waiting, self.wait_seconds = running, waiting, wait_seconds
        self.semaphore = asyncio.Semaphore(running)
        self.inside = 0  # running and waiting
        self.seconds = 1.0  # how long a request holds its turn, on average (moving)

    def retry_after(self) -> int:
        """Seconds until those inside now have likely had their turn."""
        return max(1, math.ceil(self.seconds * self.inside / self.running))

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        if self.inside >= self.running + self.waiting:
            raise Busy(self.retry_after())
        self.inside += 1
        try:
            try:
                # asyncio.timeout, not wait_for: in Python 3.11 wait_for can swallow a
                # cancellation that comes as the semaphore is acquired.
                async with asyncio.timeout(self.wait_seconds):
                    await self.semaphore.acquire()
            except TimeoutError:
                raise Busy(self.retry_after()) from None
            started = time.monotonic()
            try:
                yield
            finally:
                self.semaphore.release()
                self.seconds = 0.8 * self.seconds + 0.2 * (time.monotonic() - started)
        finally:
            self.inside -= 1


_gates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def gate(datasette) -> Gate:
    """The gate of one Datasette instance (its SQL threads are its own): as many running
    as leave one SQL thread and one core free, at least one."""
    found = _gates.get(datasette)
    if found is None:
        threads = datasette.setting("num_sql_threads") or 1
        running = max(1, min((os.cpu_count() or 1) - 1, threads - 1))
        found = _gates[datasette] = Gate(running, EXPENSIVE_WAITING, EXPENSIVE_WAIT_SECONDS)
    return found


# ---------------------------------------------------------------------------- pages


@dataclass
class PageRequest:
    """What a page view gets: the request and the sajeon database it is for."""

    datasette: Any
    request: Any
    database: str
    format: str | None  # "json" for the .json form of the page
    page: str  # the Page's name
    form: dict[str, str] | None = None  # the fields of a POST

    @property
    def wants_json(self) -> bool:
        return self.format == "json"

    def _raw(self, name: str) -> str | None:
        """A parameter from the form of a POST, else from the URL."""
        if self.form is not None:
            return self.form.get(name)
        return self.request.args.get(name)

    def arg(self, name: str, default: str = "") -> str:
        return (self._raw(name) or default).strip()

    def _whole_number(self, name: str, default: int, most: int | None = None) -> int:
        raw = self.arg(name, str(default))
        digits = raw.lstrip("0")
        # ASCII digits only: str.isdigit() also takes ² and ١, which int() refuses or reads.
        if not (raw.isascii() and raw.isdigit()) or not digits:
            raise BadRequest(f"{name} must be a positive whole number, not {shown(raw, keep=20)}")
        most = most if most is not None else 10**MAX_DIGITS - 1
        if len(digits) > MAX_DIGITS or int(digits) > most:
            raise BadRequest(f"{name} must be at most {most}, not {shown(raw, keep=20)}")
        return int(digits)

    def page_number(self, size: int) -> int:
        """``?page=``, so far that its first result is among the :data:`MAX_PAGED` first."""
        most = max(1, math.ceil(MAX_PAGED / size))
        number = self._whole_number("page", 1)
        if number > most:
            raise BadRequest(
                f"page must be at most {most}, not {number}: only the first {MAX_PAGED:,} "
                f"results are paged (at {size} a page); make the query more specific"
            )
        return number

    def page_size(self) -> int:
        """``?size=``: hits per page, at most Datasette's ``max_returned_rows``."""
        return self._whole_number("size", PAGE_SIZE, self.datasette.setting("max_returned_rows"))

    def limit(self, default: int) -> int:
        """``?limit=``: most results, at most :data:`MAX_MATCHES`."""
        return self._whole_number("limit", default, MAX_MATCHES)

    def percentage(self, name: str, default: float, least: float = 0) -> float:
        """A number from ``least`` to 100 (not NaN, not infinite)."""
        raw = self.arg(name)
        if not raw:
            return default
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not least <= value <= 100:  # also false for nan
            what = shown(raw, keep=20)
            raise BadRequest(f"{name} must be a number from {least:g} to 100, not {what}")
        return value

    def query(self, name: str = "q") -> str:
        """A search query, at most :data:`MAX_QUERY` characters."""
        query = self.arg(name)
        if len(query) > MAX_QUERY and limits_on():
            raise BadRequest(
                f"{name} must be at most {MAX_QUERY:,} characters, not {len(query):,}: "
                "search for a word or a phrase (Terms in text takes a whole text)"
            )
        return query

    def language(self, name: str, default: str) -> str:
        """A language tag (``?from=ko``), normalised like the CLI's ``--from``/``--to``."""
        raw = self.arg(name)
        try:
            return normalise_lang(raw) if raw else default
        except InputError as exc:
            raise BadRequest(f"{name}: {exc}") from None

    def raw_text(self, name: str = "text") -> str:
        """Pasted text as given (not stripped: offsets count from its start), with the
        browser's CRLF line ends made LF again; not checked (to show it back)."""
        return (self._raw(name) or "").replace("\r\n", "\n")

    def text(self, name: str = "text", most: int = MAX_TEXT) -> str:
        """:meth:`raw_text`, at most ``most`` characters, without invisible characters
        (read through, as search reads through them)."""
        text = strip_invisible(self.raw_text(name))
        if len(text) > most:
            raise BadRequest(
                f"{name} must be at most {most:,} characters, not {len(text):,}: "
                f"shorten it by {len(text) - most:,}, paste it in parts, or use the "
                "sajeon command (sajeon terms FILE)"
            )
        return text

    async def read(
        self, work: Callable[[Store], Any], *, time_limit: bool = True, units: int = 1
    ) -> Any:
        """Run ``work`` with a Store on one of Datasette's read connections, within
        Datasette's ``sql_time_limit_ms`` like every other query, or ``units`` times it
        (at most :data:`MAX_UNITS` times) for work that is that many lookups (the
        sentences of a text); ``time_limit=False`` for work whose cost does not depend on
        the request, such as loading the glossary once."""
        db = self.datasette.get_database(self.database)
        units = max(1, min(units, MAX_UNITS) if limits_on() else units)
        limit_ms = self.datasette.setting("sql_time_limit_ms") * units

        def run(conn):
            store = Store.on_connection(conn, db.path)
            if not time_limit:
                return work(store)
            with sqlite_timelimit(conn, limit_ms):
                return work(store)

        try:
            return await db.execute_fn(run)
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise BadRequest(
                    f"the search took longer than {limit_ms} ms; make the query more specific"
                ) from None
            raise

    def url(self, name: str, path: str = "", **params) -> str:
        return page_url(self.datasette, self.database, name, path, **params)

    def same_page_url(self, **params) -> str:
        """This page (in the same format) with other parameters: for next-page links."""
        path = self.datasette.urls.path(self.request.path)  # keeps .json, if there
        query = {k: v for k, v in params.items() if v not in (None, "")}
        return f"{path}?{urlencode(query)}" if query else path

    def concept_url(self, concept_id: str) -> str:
        return concept_url(self.datasette, self.database, concept_id)

    def json(self, data: dict) -> Response:
        return Response(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )

    async def json_off_loop(self, make: Callable[[], dict]) -> Response:
        """:meth:`json` of what ``make`` returns, made and encoded in a thread (see
        :func:`off_loop`)."""
        body = await off_loop(lambda: json.dumps(make(), ensure_ascii=False, indent=2))
        return Response(body, content_type="application/json; charset=utf-8")

    def _json_url(self) -> str | None:
        """This page's JSON as a link; after a POST, with the form in the URL when the
        text fits there (else None: POST the form to the .json URL instead)."""
        path = self.request.path + ".json"
        if self.form is None:
            query = self.request.query_string
        else:
            params = {k: v for k, v in self.form.items() if k != "csrftoken" and v}
            if len(params.get("text", "")) > MAX_URL_TEXT:
                return None
            query = urlencode(params)
        return f"{path}?{query}" if query else path

    async def html(self, template: str, context: dict, status: int = 200) -> Response:
        nav = [
            {"href": self.url(p.name), "label": p.title, "current": p.name == self.page}
            for p in PAGES
            if p.nav
        ]
        json_url = self._json_url()
        html = await self.datasette.render_template(
            [template],
            {
                "database": self.database,
                "sajeon_nav": nav,
                "sajeon_page": self.page,
                "database_url": self.datasette.urls.database(self.database),
                "json_url": json_url,
                "marks": marks,
                "lang_name": _lang_name,
                "max_text": MAX_TEXT,
                "min_match_score": f"{MIN_MATCH_SCORE:g}",
                "counted": counted,
                **context,
            },
            request=self.request,
            view_name=f"sajeon-{self.page}",
        )
        return Response.html(html, status=status)


@dataclass
class Page:
    name: str  # the URL: /<database>/-/<name><path>
    title: str  # the label in the navigation bar
    view: Callable[[PageRequest], Awaitable[Response]]
    path: str = ""  # a regular expression for more of the URL, with named groups
    nav: bool = True  # listed in the navigation bar and menu
    tables: tuple[str, ...] = ("terms",)  # tables the page reads: their permissions apply
    post: bool = False  # also answers POST (a form too long for a URL); it reads only
    expensive: bool = False  # its cost grows with the request: one Gate turn at a time


#: The plugin's pages, in navigation order. Add one with :func:`page`.
PAGES: list[Page] = []


def page(
    name: str,
    title: str,
    path: str = "",
    nav: bool = True,
    tables: tuple[str, ...] = ("terms",),
    post: bool = False,
    expensive: bool = False,
):
    """Register a page view: ``async def view(req: PageRequest) -> Response``.

    It is served for every sajeon database at ``/<database>/-/<name><path>`` and, with
    ``.json`` appended, as JSON (``req.wants_json``); named groups of ``path`` are in
    ``req.request.url_vars``. With ``post=True`` it also takes its parameters from a
    POSTed form (``req.arg`` reads them); the view must only read. With
    ``expensive=True`` a request waits for its turn at the :class:`Gate` before anything
    else (reading a POST's form included), and one finding the queue full is answered
    429 at once."""

    def register(view):
        PAGES.append(Page(name, title, view, path, nav, tables, post, expensive))
        return view

    return register


def _route(p: Page):
    async def view(datasette, request):
        methods = ("GET", "HEAD", "POST") if p.post else ("GET", "HEAD")
        if request.method not in methods:
            return Response.text("Method not allowed: sajeon pages are read-only", status=405)
        try:
            db = datasette.get_database(route=request.url_vars["database"])
        except KeyError:
            raise NotFound("Database not found") from None
        if not is_sajeon_database(datasette, db.name):
            raise NotFound(f"{db.name} is not a sajeon database")
        await datasette.ensure_permissions(
            request.actor,
            [
                *(("view-table", (db.name, t)) for t in p.tables),
                ("view-database", db.name),
                "view-instance",
            ],
        )
        if not (p.expensive and limits_on()):
            return await _serve(p, datasette, request, db.name)
        # The turn covers the whole request: parsing a pasted article, splitting it and
        # shaping the answer are work on the event loop, which every request shares.
        try:
            async with gate(datasette).turn():
                return await _serve(p, datasette, request, db.name)
        except Busy as exc:
            return await _busy(datasette, request, exc)

    return view


async def _serve(p: Page, datasette, request, database: str) -> Response:
    form = None
    if request.method == "POST":
        # Datasette's CSRF check (asgi-csrf) has already run: a browser's form carries
        # the page's csrftoken; a client without cookies (curl) needs none.
        if int(request.headers.get("content-length") or 0) > MAX_BODY:
            return Response.text(f"Request too large: at most {MAX_BODY:,} bytes", 413)
        form = await request.post_vars()
    req = PageRequest(datasette, request, database, request.url_vars.get("format"), p.name, form)
    return await p.view(req)


async def off_loop(work: Callable[[], Any]) -> Any:
    """``work()`` in a thread: the answer to a pasted article (thousands of matches to
    shape and encode) takes a good part of a second of Python, which on the event loop
    would hold up every other request; in a thread it shares the interpreter in small
    slices. Threads from asyncio's own pool: only expensive pages, one Gate turn at a
    time, use it."""
    return await asyncio.to_thread(work)


async def _busy(datasette, request, exc: Busy) -> Response:
    """429 with ``Retry-After``: Datasette's JSON error, or its error page."""
    headers = {"Retry-After": str(exc.retry_after)}
    info = {"ok": False, "error": str(exc), "status": exc.status, "title": "Busy"}
    if request.url_vars.get("format") == "json":
        return Response.json(info, status=exc.status, headers=headers)
    html = await datasette.render_template(["error.html"], info, request=request)
    return Response.html(html, status=exc.status, headers=headers)


# ---------------------------------------------------------------------------- home page


#: What the home page offers, per sajeon database: (page, label, what it is for).
HOME_PAGES = (
    ("search", "Search", "terms and translations, Korean-aware: 보위 finds 국가보위성"),
    ("terms", "Terms in text", "paste an article: every glossary term in it, with warnings"),
    ("match", "Fuzzy match", "paste an article: past translations of similar sentences"),
    ("concordance", "Concordance", "where and how a word was translated, newest first"),
)


async def home_view(datasette, request):
    """The instance's home page when every database served is sajeon's: its pages and
    how much each database holds, instead of Datasette's list of tables. Otherwise
    Datasette's own home page."""
    names = [n for n in datasette.databases if not n.startswith("_")]
    if not names or sajeon_databases(datasette) != names:
        scope = {**request.scope, "url_route": {"kwargs": {"format": None}}}
        return await IndexView(datasette).dispatch_request(Request(scope, request.receive))
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    databases = []
    for name in names:
        visible, _ = await datasette.check_visibility(request.actor, "view-database", name)
        if not visible:
            continue
        counts = await datasette.get_database(name).execute_fn(
            lambda conn: Store.on_connection(conn).counts()
        )
        databases.append(
            {
                "name": name,
                "counts": counts,
                "pages": [
                    {"href": page_url(datasette, name, p), "label": label, "what": what}
                    for p, label, what in HOME_PAGES
                ],
                "search_url": page_url(datasette, name, "search"),
                "tables_url": datasette.urls.database(name),
            }
        )
    html = await datasette.render_template(
        ["sajeon_home.html"],
        {"databases": databases, "description": datasette_metadata.DESCRIPTION},
        request=request,
        view_name="sajeon-home",
    )
    return Response.html(html)


@hookimpl
def register_routes(datasette):
    routes = [
        (f"^{STATIC_ROUTE}(?P<path>.*)$", asgi_static(str(STATIC_DIR))),
        # Before Datasette's own: plugin routes are matched first.
        (r"^/$", home_view),
    ]
    for p in PAGES:
        regex = rf"^/(?P<database>[^/]+)/-/{re.escape(p.name)}{p.path}(\.(?P<format>json))?$"
        routes.append((regex, _route(p)))
    return routes


# ---------------------------------------------------------------------------- page helpers


def marks(pieces: list[tuple[str, str | None]]) -> Markup:
    """Highlighted text: ``<mark>`` around hits and known terms."""
    out = []
    for text, kind in pieces:
        if kind:
            out.append(Markup('<mark class="sajeon-{}">{}</mark>').format(kind, text))
        else:
            out.append(escape(text))
    return Markup("").join(out)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 term", "26 terms"; a count cut at :data:`COUNT_CAP` is "more than 10,000 terms"."""
    plural = plural or noun + "s"
    if number > COUNT_CAP:
        return f"more than {COUNT_CAP:,} {plural}"
    return f"{number:,} {noun if number == 1 else plural}"


def _spans(pieces: list[tuple[str, str | None]]) -> list[list]:
    """Highlights as ``[start, end, kind]`` character offsets, for JSON clients."""
    spans, at = [], 0
    for text, kind in pieces:
        if kind:
            spans.append([at, at + len(text), kind])
        at += len(text)
    return spans


def _lang_name(tag: str) -> str:
    try:
        return display_name(tag)
    except ValueError:
        return tag


def _lang_order(concept: Concept, first: tuple[str, ...] = ("ko", "en")) -> list[str]:
    langs = list(dict.fromkeys(t.lang for t in concept.terms))
    return sorted(langs, key=lambda lang: (first.index(lang) if lang in first else 99, lang))


def _example_term(concept: Concept):
    """The term to show a concept's translations with: its Korean one if it has one."""
    return concept.preferred("ko") or concept.preferred("en") or (concept.terms or [None])[0]


def _concept_json(req: PageRequest, concept: Concept) -> dict:
    return {**asdict(concept), "url": req.concept_url(concept.id)}


# ---------------------------------------------------------------------------- search page


@page("search", "Search", tables=("terms", "segments"))
async def search_page(req: PageRequest) -> Response:
    """Terms ranked best first (exact, exact without particle, prefix, substring), shown
    by concept, and the newest translations that contain the query."""
    query = req.query()
    lang = req.language("lang", "") or None
    size = req.page_size()
    number = req.page_number(size)
    view = req.arg("view")
    if view not in ("", "cards", "compact"):
        raise BadRequest(f"view must be cards or compact, not {view!r}")

    def work(store: Store):
        if not query:
            return None, [], {"terms": 0, "concepts": 0, "segments": 0}
        found = app.search_terms(store, query, lang=lang, limit=size, offset=(number - 1) * size)
        segments = app.search_segments(store, query, limit=CONCORDANCE_PREVIEW + 1).hits
        return found, segments, app.search_counts(store, query, lang=lang)

    found, segments, counts = await req.read(work)
    found_terms = found.hits if found else []
    hits, more = [f.hit for f in found_terms], bool(found and found.more)
    concepts = found.concepts if found else {}
    counts["exact"] = all(n <= COUNT_CAP for n in counts.values())
    suggested = await _terms_in_query(req, query) if query and not hits else []

    def this_page(**params) -> str:
        current = {"q": query, "lang": lang, "size": req.arg("size"), "view": view}
        return req.same_page_url(**{**current, **params})

    next_url = this_page(page=number + 1) if more else None
    mark = Highlighter(query)
    segment_rows = [
        {
            "id": h.id,
            **asdict(h.segment),
            "source_pieces": mark(h.segment.source),
            "target_pieces": mark(h.segment.target),
        }
        for h in segments[:CONCORDANCE_PREVIEW]
    ]
    if req.wants_json:
        return req.json(
            {
                "database": req.database,
                "query": query,
                "lang": lang,
                "page": number,
                # Each hit as app.to_json gives it to `sajeon term search --json`, with a link.
                "terms": [
                    {**app.to_json(f), "concept_url": req.concept_url(f.hit.concept_id)}
                    for f in found_terms
                ],
                "next_url": next_url,
                "segments": [
                    {k: v for k, v in row.items() if not k.endswith("_pieces")}
                    for row in segment_rows
                ],
                "more_segments": len(segments) > CONCORDANCE_PREVIEW,
                "concordance_url": req.url("concordance", q=query),
                "count": counts,
                "terms_in_query": [m.as_dict() for m in suggested],
            }
        )
    # One card per concept, in the order of its best hit.
    cards: dict[str, dict] = {}
    for h in hits:
        card = cards.setdefault(
            h.concept_id,
            {"concept": concepts[h.concept_id], "hits": [], "url": req.concept_url(h.concept_id)},
        )
        card["hits"].append({**asdict(h), "match": MATCH_NAMES[h.match_rank]})
    for card in cards.values():
        concept = card["concept"]
        matched = {(x["lang"], x["text"]) for x in card["hits"]}
        card["heading"] = [
            t for t in (concept.preferred(lang_) for lang_ in _lang_order(concept)[:2]) if t
        ] or concept.terms[:1]
        card["languages"] = [
            {
                "lang": lang_,
                "terms": [
                    {"term": t, "matched": (t.lang, t.text) in matched}
                    for t in concept.terms_in(lang_)
                ],
            }
            for lang_ in _lang_order(concept)
        ]
    # The terms page reads Korean by default; English needs saying.
    source_lang, target_lang = termrec.text_languages(query)
    langs = {} if source_lang == "ko" else {"from": source_lang, "to": target_lang}
    compact = view == "compact" or (not view and len(cards) > COMPACT_OVER)
    return await req.html(
        "sajeon_search.html",
        {
            "query": query,
            "lang": lang,
            "cards": list(cards.values()),
            "compact": compact,
            "other_view_url": this_page(view="cards" if compact else "compact", page=number),
            "counts": counts,
            "first": (number - 1) * size + 1,
            "last": (number - 1) * size + len(hits),
            "target_lang": target_lang,
            "suggested": suggested,
            "concept_url": req.concept_url,
            "next_url": next_url,
            "page_number": number,
            "segments": segment_rows,
            "more_segments": len(segments) > CONCORDANCE_PREVIEW,
            "concordance_url": req.url("concordance", q=query),
            "match_url": req.url("match", text=query),
            "terms_url": req.url("terms", text=query, **langs),
            "table_search_url": f"{req.datasette.urls.table(req.database, 'terms')}?"
            + urlencode({"_search": query}),
        },
    )


async def _terms_in_query(req: PageRequest, query: str) -> list[termrec.TermMatch]:
    """Glossary terms inside a query that no term matches as a whole: a phrase or a
    sentence typed into the search box, for which *Terms in text* is the better tool."""
    lang, to_lang = termrec.text_languages(query)

    def work(store: Store) -> list[termrec.TermMatch]:
        return app.find_terms(store, query, lang=lang, to_lang=to_lang).terms

    # Like the terms page: loading the recogniser does not depend on the request.
    return await req.read(work, time_limit=False)


# ---------------------------------------------------------------------------- term view


@page("concept", "Term", path=r"/(?P<concept_id>[^/]+?)", nav=False, tables=("terms",))
async def concept_page(req: PageRequest) -> Response:
    """One concept with all its languages and terms, statuses, definition, notes, sources,
    validity dates, and recent translations that use any of its terms."""
    concept_id = tilde_decode(req.request.url_vars["concept_id"])

    def work(store: Store):
        concept = store.concept(concept_id)
        if concept is None:
            return None, [], [], 0
        texts = _source_terms(concept)
        examples = store.segments_with_any(texts, limit=CONCEPT_TRANSLATIONS)
        return concept, texts, examples, store.count_segments_with_any(texts)

    concept, texts, examples, count = await req.read(work)
    if concept is None:
        raise NotFound(f"No concept {concept_id!r}")
    # Every term of the concept is marked in the pairs, approved ones green, the others red.
    known = [t.text for t in concept.terms if t.approved]
    flagged = [t.text for t in concept.terms if not t.approved]
    mark = Highlighter("", known, flagged)
    rows = [
        {
            "id": h.id,
            **asdict(h.segment),
            "source_pieces": mark(h.segment.source),
            "target_pieces": mark(h.segment.target),
        }
        for h in examples
    ]
    if req.wants_json:
        return req.json(
            {
                "database": req.database,
                "concept": _concept_json(req, concept),
                "translations": {
                    "terms": texts,
                    "count": count,
                    "count_exact": count <= COUNT_CAP,
                    "segments": [
                        {
                            **{k: v for k, v in row.items() if not k.endswith("_pieces")},
                            "source_highlights": _spans(row["source_pieces"]),
                            "target_highlights": _spans(row["target_pieces"]),
                        }
                        for row in rows
                    ],
                },
            }
        )
    return await req.html(
        "sajeon_concept.html",
        {
            "concept": concept,
            "languages": [
                {"lang": lang, "terms": concept.terms_in(lang)} for lang in _lang_order(concept)
            ],
            "concordance_url": lambda text: req.url("concordance", q=text),
            "row_url": req.datasette.urls.row(req.database, "concepts", concept.id),
            "examples": rows,
            "example_terms": texts,
            "example_count": count,
        },
    )


def _source_terms(concept: Concept) -> list[str]:
    """The terms to find a concept's translations with: all its terms (any status: an old
    name in an old translation counts) in the language of its example term, Korean if
    it has Korean ones."""
    example = _example_term(concept)
    return [t.text for t in concept.terms_in(example.lang)] if example else []


# ---------------------------------------------------------------------------- concordance


@page("concordance", "Concordance", tables=("segments", "terms"), expensive=True)
async def concordance_page(req: PageRequest) -> Response:
    """Where and how was it translated? Source and target side by side, newest first, the
    query highlighted, and the glossary's terms for it marked in the translation."""
    query = req.query()
    size = req.page_size()
    number = req.page_number(size)

    def work(store: Store):
        if not query:
            return [], [], 0
        hits = app.search_segments(store, query, limit=size + 1, offset=(number - 1) * size).hits
        parsed = parse_query(query)
        concepts = store.concepts(store.concepts_for_terms([parsed.text, *parsed.stems]))
        return hits, concepts, store.count_segments_with_any([query])

    hits, concepts, count = await req.read(work)
    known = [t.text for c in concepts for t in c.terms if t.approved]
    flagged = [t.text for c in concepts for t in c.terms if not t.approved]
    mark = Highlighter(query, known, flagged)
    rows = []
    for h in hits[:size]:
        source = mark(h.segment.source)
        target = mark(h.segment.target)
        rows.append(
            {"id": h.id, **asdict(h.segment), "source_pieces": source, "target_pieces": target}
        )
    next_url = (
        req.same_page_url(q=query, size=req.arg("size"), page=number + 1)
        if len(hits) > size
        else None
    )
    if req.wants_json:
        return req.json(
            {
                "database": req.database,
                "query": query,
                "page": number,
                "segments": [
                    {
                        **{k: v for k, v in row.items() if not k.endswith("_pieces")},
                        "source_highlights": _spans(row["source_pieces"]),
                        "target_highlights": _spans(row["target_pieces"]),
                    }
                    for row in rows
                ],
                "glossary": [_concept_json(req, c) for c in concepts],
                "count": count,
                "count_exact": count <= COUNT_CAP,
                "next_url": next_url,
            }
        )
    return await req.html(
        "sajeon_concordance.html",
        {
            "query": query,
            "rows": rows,
            "concepts": concepts,
            "concept_url": req.concept_url,
            "next_url": next_url,
            "page_number": number,
            "count": count,
            "first": (number - 1) * size + 1,
            "table_search_url": f"{req.datasette.urls.table(req.database, 'segments')}?"
            + urlencode({"_search": query}),
        },
    )


# ---------------------------------------------------------------------------- fuzzy match


@page("match", "Fuzzy match", tables=("segments",), post=True, expensive=True)
async def match_page(req: PageRequest) -> Response:
    """Paste a sentence or a whole article: for each sentence, past translations of
    similar sentences, with their percentage, best first. The matches are
    :func:`sajeon.engine.tm.lookup`'s, as ``sajeon lookup`` prints them for that sentence; the
    parts of each match's source that differ from the sentence are marked."""
    form = {
        "text": req.raw_text(),
        "min_score_text": req.arg("min_score") or f"{tm.DEFAULT_THRESHOLD:g}",
        "limit": req.arg("limit") or "10",
        "source_lang": req.arg("from") or "ko",
        "target_lang": req.arg("to") or "en",
    }
    try:
        text = req.text()
        least = MIN_MATCH_SCORE if limits_on() else 0
        min_score = req.percentage("min_score", tm.DEFAULT_THRESHOLD, least)
        limit = req.limit(10)
        source_lang = req.language("from", "ko")
        target_lang = req.language("to", "en")
        sentences = app.sentence_count(text, source_lang)
        if sentences > MAX_SENTENCES and limits_on():
            raise BadRequest(
                f"text must have at most {MAX_SENTENCES:,} sentences, not {sentences:,}: "
                "paste it in parts, or use the sajeon command (sajeon lookup)"
            )
    except BadRequest as exc:
        return await _form_error(req, "sajeon_fuzzy.html", form, exc)

    def work(store: Store) -> app.SentencesLookupResult:
        return app.lookup_sentences(
            store,
            text,
            min_score=min_score,
            limit=limit,
            source_lang=source_lang,
            target_lang=target_lang,
        )

    try:
        # Each sentence is a lookup of its own: each gets the time limit of one.
        result = await req.read(work, units=sentences)
    except InputError as exc:  # a database built before the fuzzy index existed
        raise BadRequest(str(exc)) from None
    query, found, count = result.query, result.sentences, result.count
    if req.wants_json:
        return await req.json_off_loop(lambda: _match_json(req, result))
    rows = await off_loop(lambda: _match_rows(req, found))
    return await req.html(
        "sajeon_fuzzy.html",
        {
            **form,
            "text": text,
            "query": query,
            "min_score": min_score,
            "min_score_text": f"{min_score:g}",
            "limit": limit,
            "source_lang": source_lang,
            "target_lang": target_lang,
            "sentences": rows,
            "count": count,
            "matched_sentences": sum(1 for s in found if s.matches),
            "other_page": _other_page(req, "terms", text, source_lang, target_lang),
        },
    )


def _match_json(req: PageRequest, result: app.SentencesLookupResult) -> dict:
    data = app.to_json(result)  # as `sajeon lookup --json` gives each sentence's
    for sentence in data["sentences"]:
        for m in sentence["matches"]:
            m["segment_url"] = req.datasette.urls.row(req.database, "segments", m["segment_id"])
    # Every sentence's matches in one list, each knowing its sentence.
    data["matches"] = [
        {**m, "sentence": i} for i, s in enumerate(data["sentences"]) for m in s["matches"]
    ]
    return {"database": req.database, **data}


def _match_rows(req: PageRequest, found: list[app.SentenceLookup]) -> list[dict]:
    """Each sentence and its matches for the page, what differs from it marked."""
    return [
        {
            "number": i + 1,
            "text": s.text,
            "matches": [
                {
                    **m.as_dict(),
                    "url": req.datasette.urls.row(req.database, "segments", m.segment_id),
                    "source_pieces": [(m.source, None)]
                    if m.exact
                    else _differences(s.query, m.source),
                }
                for m in s.matches
            ],
        }
        for i, s in enumerate(found)
    ]


def _other_page(req: PageRequest, name: str, text: str, lang: str, to_lang: str) -> dict:
    """The other paste page for the same text: a link when the text fits in a URL, else
    the form to POST it with (``action`` and ``fields``)."""
    fields = {"text": text, "from": lang, "to": to_lang}
    if len(text) <= MAX_URL_TEXT:
        return {"href": req.url(name, **fields)}
    return {"action": req.url(name), "fields": fields}


async def _form_error(req: PageRequest, template: str, form: dict, error: BadRequest) -> Response:
    """A parameter the page cannot use: JSON clients get Datasette's 400; a person gets
    the page with the form as it was sent, and the message above it."""
    if req.wants_json:
        raise error
    return await req.html(template, {**form, "error": str(error)}, status=400)


def _differences(query: str, source: str) -> list[tuple[str, str | None]]:
    """A match's source (normalised) cut into pieces, those not in the query marked
    ``diff``: what the translator must change in the old translation."""
    source = similarity.normalise(source)
    pieces: list[tuple[str, str | None]] = []
    for tag, _, _, start, end in Levenshtein.opcodes(query, source):
        if start == end:  # deleted from the query: nothing of the source to mark
            continue
        kind = None if tag == "equal" else "diff"
        if pieces and pieces[-1][1] == kind:
            pieces[-1] = (pieces[-1][0] + source[start:end], kind)
        else:
            pieces.append((source[start:end], kind))
    return pieces


# ---------------------------------------------------------------------------- terms in text


@page("terms", "Terms in text", tables=("terms",), post=True, expensive=True)
async def terms_in_text_page(req: PageRequest) -> Response:
    """Paste a text: the glossary terms in it, as ``sajeon terms`` lists them
    (:func:`sajeon.engine.termrec.recogniser_for`), highlighted in the text, with the preferred
    translation and warnings for deprecated and forbidden terms."""
    form = {
        "text": req.raw_text(),
        "lang": req.arg("from") or "ko",
        "to": req.arg("to") or "en",
        "date": req.arg("date"),
    }
    try:
        text = req.text()
        lang = req.language("from", "ko")
        to_lang = req.language("to", "en")
        # ?date=: the names valid when the text was written (2018 → 인민보안성's then name)
        date = check_date(req.arg("date"), "date", partial=True)
    except (BadRequest, InputError) as exc:
        return await _form_error(req, "sajeon_terms.html", form, BadRequest(str(exc)))

    # Names the glossary lacks (a new county, an organ), for a Korean text: shown apart.
    unknown = lang.split("-")[0] == "ko"

    def work(store: Store) -> app.TermsResult:
        return app.find_terms(store, text, lang=lang, to_lang=to_lang, date=date, unknown=unknown)

    # Not under the SQL time limit: the recogniser reads the whole glossary once per
    # version of it, however short the text; matching a bounded text is quick.
    result = await req.read(work, time_limit=False)
    found, concepts = result.terms, result.concepts
    # Each term as app.to_json gives it to `sajeon terms --json`, with a link.
    terms = await off_loop(
        lambda: [{**app.to_json(m), "concept_url": req.concept_url(m.concept_id)} for m in found]
    )
    if req.wants_json:
        return await req.json_off_loop(
            lambda: {
                "database": req.database,
                **app.to_json(result),
                "terms": terms,
                "length": len(text),
            }
        )
    return await req.html(
        "sajeon_terms.html",
        {
            "text": text,
            "lang": lang,
            "to": to_lang,
            "date": date or "",
            "terms": terms,
            "pieces": _term_pieces(text, found),
            "concepts": concepts,
            # each name once, in the order met (the JSON keeps every occurrence)
            "unknown": list({u.name: u for u in result.unknown or []}.values()),
            "concept_url": req.concept_url,
            "other_page": _other_page(req, "match", text, lang, to_lang),
        },
    )


def _term_pieces(text: str, matches: list[termrec.TermMatch]) -> list[dict]:
    """The (NFC) text cut into plain pieces and recognised terms (``term``: the index of
    the match), for the template."""
    text = unicodedata.normalize("NFC", text)
    pieces, last = [], 0
    for index, m in enumerate(matches):
        # A syllable two terms share (함경북도 보위국 is 함경북도 and 도 보위국) is
        # highlighted as part of the first.
        start = max(m.start, last)
        while start < m.end and text[start].isspace():
            start += 1
        if start >= m.end:
            continue
        pieces.append({"text": text[last:start], "term": None})
        pieces.append({"text": text[start : m.end], "term": index})
        last = m.end
    pieces.append({"text": text[last:], "term": None})
    return [p for p in pieces if p["text"]]
