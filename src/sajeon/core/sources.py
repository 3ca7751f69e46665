"""Source citations: point copies of Wikipedia articles at the canonical page.

Term lists gathered from the web cite mirrors (wikimili, pinocchiopedia, IPFS snapshots,
proxies). A glossary should cite the original, so an importer can rewrite a mirror URL
to ``https://en.wikipedia.org/wiki/Title``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, unquote, urlsplit

# (host pattern, path pattern whose group "title" is the article title)
_MIRRORS: tuple[tuple[str, str], ...] = (
    (r"wikimili\.com", r"/en/(?P<title>[^?#]+)"),
    (r"pinocchiopedia\.com", r"/wiki/(?P<title>[^?#]+)"),
    (r"chaos\.owiki\.org", r"/wiki/(?P<title>[^?#]+)"),
    (r"(?:www\.)?absoluteastronomy\.com", r"/topics/(?P<title>[^?#]+)"),
    (r"[a-z0-9]+\.ipfs\.dweb\.link", r"/wiki/(?P<title>[^?#]+?)(?:\.html)?"),
    (r"wiki\.av1\.space", r"/content/wikipedia_en_[^/]+/(?P<title>[^?#]+)"),
    (r"piglix\.com", r"/piglix/(?P<title>[^?#]+)"),
    (r"wikizero\.net", r"/wiki/en/(?P<title>[^?#]+)"),
    (r"enwikipedia\.net", r"/wiki/(?P<title>[^?#]+)"),
    (r"the-uncensored-wiki\.com(?::\d+)?", r"/.*/(?P<title>[^/?#]+?)(?:_[0-9a-f]{4})?\.html"),
    (r"www\.wiki3\.en-us\.nina\.az", r"/(?P<title>[^/?#]+?)\.html"),
    (r"friendlywiki\.com", r"/article/index\.php"),  # title in ?title=
    (r"mediated\.wiki", r"/source/(?P<title>[^?#]+)"),
    (r"en\.academic\.ru", r"/dic\.nsf/enwiki/\d+/(?P<title>[^?#]+)"),
)


_WIKIPEDIA = re.compile(r"(?P<lang>[a-z][a-z-]*)\.(?:m\.)?wikipedia\.org")
_DBPEDIA_RESOURCE = re.compile(r"https?://dbpedia\.org/resource/(?P<title>.+)")


def _title_url(title: str, lang: str = "en") -> str:
    title = unquote(title).replace(" ", "_")
    return f"https://{lang}.wikipedia.org/wiki/" + quote(title, safe="()_,'!-.:/")


def canonical_url(url: str) -> str:
    """The en.wikipedia.org address for a known copy of an English Wikipedia article;
    any other URL (and non-English Wikipedias) unchanged."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if parts.port and host == "the-uncensored-wiki.com":
        host = f"{host}:{parts.port}"
    query = parse_qs(parts.query)
    wiki = _WIKIPEDIA.fullmatch(host)
    if wiki and parts.path.startswith("/wiki/"):  # http, mobile → the canonical https page
        return _title_url(parts.path[len("/wiki/") :], wiki.group("lang"))
    if host == "de.zxc.wiki" and parts.path.startswith("/wiki/"):  # a German Wikipedia copy
        return _title_url(parts.path[len("/wiki/") :], "de")
    if host == "movatter.jp" and query.get("url"):  # a proxy: the article is in ?url=
        return canonical_url(query["url"][0])
    if host == "triplydb.com" and query.get("resource"):  # a DBpedia browser
        resource = _DBPEDIA_RESOURCE.fullmatch(query["resource"][0])
        if resource:
            return _title_url(resource.group("title"))
    for host_re, path_re in _MIRRORS:
        if not re.fullmatch(host_re, host):
            continue
        if host == "friendlywiki.com":
            title = query.get("title")
            return _title_url(title[0]) if title else url
        match = re.fullmatch(path_re, parts.path)
        if match:
            return _title_url(match.group("title"))
    return url
