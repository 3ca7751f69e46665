"""The Datasette pages of the translation-memory engine (issue 5): fuzzy lookup and
"terms in this text". Plain async views; the sajeon Datasette plugin registers them:

    @hookimpl
    def register_routes():
        return tm_pages.ROUTES

They answer exactly what ``sajeon lookup`` and ``sajeon terms`` print, from the same
functions (:func:`sajeon.tm.lookup`, :func:`sajeon.termrec.recogniser_for`), and render
``templates/sajeon_fuzzy.html`` and ``templates/sajeon_terms.html``; ``?format=json``
returns the data instead.
"""

from __future__ import annotations

import unicodedata

from datasette.utils.asgi import Response

from . import similarity, termrec, tm
from .langtags import normalise_lang
from .model import InputError
from .store import Store

MAX_TEXT = 20_000  # characters accepted from the form


async def _sajeon_database(datasette, request):
    """The database named by ?db=, else the first one that sajeon built."""
    wanted = request.args.get("db")
    for name, db in datasette.databases.items():
        if name.startswith("_") or db.path is None or wanted not in (None, name):
            continue
        result = await db.execute(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('tm_meta', 'terms')"
        )
        if result.first()[0] == 2:
            return name, db
    return None, None


def _lang(value: str | None, default: str) -> str:
    try:
        return normalise_lang(value) if value else default
    except InputError:
        return default


async def fuzzy_page(datasette, request) -> Response:
    text = (request.args.get("text") or "")[:MAX_TEXT]
    try:
        min_score = min(
            100.0, max(0.0, float(request.args.get("min_score") or tm.DEFAULT_THRESHOLD))
        )
    except ValueError:
        min_score = tm.DEFAULT_THRESHOLD
    try:
        limit = min(100, max(1, int(request.args.get("limit") or 10)))
    except ValueError:
        limit = 10
    source_lang = _lang(request.args.get("from"), "ko")
    target_lang = _lang(request.args.get("to"), "en")
    name, db = await _sajeon_database(datasette, request)
    matches, error = [], None
    if db is None:
        error = "No sajeon database with a fuzzy-match index: run 'sajeon build'."
    elif similarity.normalise(text):

        def run(conn):
            store = Store.from_connection(conn, db.path)
            return tm.lookup(
                store,
                text,
                threshold=min_score,
                limit=limit,
                source_lang=source_lang,
                target_lang=target_lang,
            )

        matches = [m.as_dict() for m in await db.execute_fn(run)]
    data = {
        "query": similarity.normalise(text),
        "min_score": min_score,
        "source_lang": source_lang,
        "target_lang": target_lang,
        "matches": matches,
    }
    if request.args.get("format") == "json":
        return Response.json(data if not error else {**data, "error": error})
    return Response.html(
        await datasette.render_template(
            "sajeon_fuzzy.html",
            {**data, "text": text, "limit": limit, "database": name, "error": error},
            request=request,
        )
    )


async def terms_page(datasette, request) -> Response:
    text = (request.args.get("text") or "")[:MAX_TEXT]
    lang = _lang(request.args.get("from"), "ko")
    to_lang = _lang(request.args.get("to"), "en")
    name, db = await _sajeon_database(datasette, request)
    terms, error, pieces = [], None, []
    if db is None:
        error = "No sajeon database here: run 'sajeon build'."
    elif text.strip():

        def run(conn):
            store = Store.from_connection(conn, db.path)
            return termrec.recogniser_for(store, lang, to_lang).find(text)

        found = await db.execute_fn(run)
        terms = [m.as_dict() for m in found]
        pieces = _highlight(unicodedata.normalize("NFC", text), found)
    data = {"lang": lang, "to": to_lang, "terms": terms}
    if request.args.get("format") == "json":
        return Response.json(data if not error else {**data, "error": error})
    return Response.html(
        await datasette.render_template(
            "sajeon_terms.html",
            {**data, "text": text, "pieces": pieces, "database": name, "error": error},
            request=request,
        )
    )


def _highlight(text: str, matches) -> list[dict]:
    """The text cut into plain pieces and recognised terms, for the template."""
    pieces, last = [], 0
    for index, m in enumerate(matches):
        if m.start < last:
            continue  # an overlapping shared syllable (함경북도 보위국): shown once
        pieces.append({"text": text[last : m.start]})
        pieces.append({"text": text[m.start : m.end], "term": index})
        last = m.end
    pieces.append({"text": text[last:]})
    return [p for p in pieces if p["text"]]


ROUTES = [
    (r"^/-/sajeon/fuzzy$", fuzzy_page),
    (r"^/-/sajeon/terms$", terms_page),
]
