"""Datasette metadata for a sajeon database: what every table and column means, how tables
sort and facet by default. The plugin serves it through ``get_metadata``; a local
``metadata.json`` given to Datasette still overrides any of it."""

from __future__ import annotations

from html import escape

LICENSE = "Apache-2.0"
LICENSE_URL = "https://www.apache.org/licenses/LICENSE-2.0"
SOURCE = "sajeon glossary/ and memory/ files; each concept lists its own sources"

DESCRIPTION = (
    "Korean–English glossary and translation memory for newsroom translators working on "
    "North Korea. Read-only: it is built from the project's glossary/ and memory/ files, "
    "which only the sajeon command changes."
)

TABLES: dict[str, dict] = {
    "concepts": {
        "description": (
            "One row per concept: the thing that a set of terms in several languages names "
            "(an organ of state, a place, an office, a legal term)."
        ),
        "columns": {
            "id": "Stable concept id, made from the English term (ministry-of-state-security).",
            "domain": "Subject field: security, place, law, economy, military …",
            "definition": "What the concept is, for translators.",
            "note": "House-style or usage note on the concept as a whole.",
            "created": "Date the concept was added (YYYY-MM-DD).",
            "modified": "Date the concept or one of its terms last changed.",
            "author": "Who added the concept.",
        },
        "sort": "id",
        "facets": ["domain"],
    },
    "sources": {
        "description": "Where a concept's terms come from: URLs or citations, in order.",
        "columns": {
            "concept_id": "The concept the source supports.",
            "position": "Order of the source within its concept (1 = first).",
            "source": "URL or bibliographic citation.",
        },
        "sort": "concept_id",
    },
    "terms": {
        "description": (
            "Every term of every concept, in every language, with its status: use preferred "
            "terms, admitted ones where needed; deprecated and forbidden terms are recorded "
            "so that they can be recognised and replaced."
        ),
        "columns": {
            "id": "Row id (internal; changes when the database is rebuilt).",
            "concept_id": "The concept the term names.",
            "lang": "Language as a BCP 47 tag (ko, en, ja …).",
            "text": "The term as written.",
            "status": "preferred, admitted, deprecated (outdated) or forbidden (never use).",
            "pos": "Part of speech (TBX-Basic picklist).",
            "type": "Term type: fullForm, acronym, abbreviation, shortForm, variant, phrase.",
            "note": "Usage note on this term.",
            "valid_from": "First year or date the term was in use (e.g. a name after a renaming).",
            "valid_until": "Last year or date the term was in use (a former name).",
            "folded": "The term as search compares it (NFKC, case-folded); internal.",
        },
        "sort": "text",
        "facets": ["lang", "status"],
    },
    "segments": {
        "description": (
            "The translation memory: sentence pairs from past translations, source and "
            "target side by side, newest first."
        ),
        "columns": {
            "id": "Row id. Ids follow translation dates (sajeon build keeps them so): "
            "sorted by id descending, newest come first.",
            "key": "Stable content hash of the pair (same pair, same key).",
            "source_lang": "Language of the source sentence.",
            "target_lang": "Language of the translation.",
            "source": "Source sentence.",
            "target": "Its translation as published.",
            "origin": "Article or document the pair comes from.",
            "date": "Date of the translation (YYYY-MM-DD).",
            "translator": "Who translated it.",
            "note": "Note on the pair.",
        },
        # Newest first. Not by date: with ?_search=, SQLite would then walk the whole
        # date index for a rare query (seconds at a million pairs); by id it walks only
        # the matches.
        "sort_desc": "id",
        "facets": ["source_lang", "target_lang"],
    },
    "term_pairs": {
        "description": (
            "Every source term with every target term of the same concept, one pair a row: "
            "what a CAT tool's glossary shows. Search matches the source term."
        ),
        "columns": {
            "concept_id": "The concept both terms name.",
            "domain": "Subject field of the concept.",
            "source_lang": "Language of the source term.",
            "source_term": "Source term.",
            "source_status": "Status of the source term.",
            "target_lang": "Language of the target term.",
            "target_term": "Target term.",
            "target_status": "Status of the target term: use preferred ones.",
            "target_type": "Term type of the target term (abbreviation, fullForm …).",
            "definition": "Definition of the concept.",
            "concept_note": "Note on the concept.",
            "source_note": "Usage note on the source term.",
            "target_note": "Usage note on the target term.",
            "source_valid_from": "Source term in use since.",
            "source_valid_until": "Source term in use until.",
            "target_valid_from": "Target term in use since.",
            "target_valid_until": "Target term in use until.",
        },
        "facets": ["domain", "source_lang", "target_lang", "target_status"],
    },
    # The search indexes, the fuzzy-match index and bookkeeping: nothing a translator
    # reads, so hidden from the table list (``?_hidden=1`` shows them), but described.
    "terms_fts": {"hidden": True, "description": "Korean-aware n-gram index of terms (FTS5)."},
    "segments_fts": {
        "hidden": True,
        "description": "Korean-aware n-gram index of segments (FTS5).",
    },
    "segments_words": {
        "hidden": True,
        "description": (
            "Every English (Latin-script) word of the segments index: search spells a "
            "typed prefix out as these words."
        ),
        "columns": {"word": "A word as the index holds it (lower case, without accents)."},
    },
    **{
        f"{index}_{part}": {"hidden": True, "description": f"{what} of {index} (kept by SQLite)."}
        for index in ("terms_fts", "segments_fts")
        for part, what in (
            ("data", "Index data"),
            ("idx", "Index of the index pages"),
            ("docsize", "Document sizes"),
            ("config", "Settings"),
        )
    },
    "tm_postings": {
        "hidden": True,
        "description": (
            "Fuzzy-match index: for every character token of the segment sources, the "
            "segments holding it (as ranks) at the last full build."
        ),
        "columns": {
            "token": "A character and its occurrence number in the text (code point × 256 + n).",
            "df": "How many segments hold the token.",
            "ranks": "Their ranks (segments ordered by source length), packed int32.",
        },
    },
    "tm_delta": {
        "hidden": True,
        "description": "Fuzzy-match index of the segments added since the last full build.",
        "columns": {
            "token": "A character token (as in tm_postings).",
            "segment_id": "A segment holding it.",
        },
    },
    "tm_lengths": {
        "hidden": True,
        "description": "Fuzzy-match index: every segment's normalised source length.",
        "columns": {
            "segment_id": "The segment.",
            "length": "Characters in its source after normalisation.",
        },
    },
    "tm_meta": {
        "hidden": True,
        "description": (
            "Fuzzy-match index: rank → segment id, where each length starts, and the "
            "index generation (for caches)."
        ),
        "columns": {"key": "ranks, length_starts or generation.", "value": "Its value."},
    },
    "_sajeon_files": {
        "hidden": True,
        "description": "Fingerprints of the source files the database was built from.",
        "columns": {
            "path": "A glossary or memory file, relative to the project.",
            "sha256": "Hash of its bytes at the last build or change.",
        },
    },
    "_sajeon_meta": {
        "hidden": True,
        "description": "Schema version and build facts.",
        "columns": {"key": "Name of the fact.", "value": "Its value."},
    },
}

#: The pages a translator starts from, named in the database description.
TOOLS = (
    ("match", "Fuzzy match", "paste a sentence to find past translations of similar ones"),
    ("terms", "Terms in text", "paste a text to see the glossary terms in it, with warnings"),
)


def database_metadata(pages: dict[str, str]) -> dict:
    """Metadata for one sajeon database; ``pages`` are the URLs of its search, fuzzy-match
    and terms pages."""
    return {
        "description_html": (
            f"<p>{DESCRIPTION}</p>"
            + search_form(pages["search"], "Search terms and translations")
            + tool_links(pages)
        ),
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "source": SOURCE,
        "tables": TABLES,
    }


def instance_metadata(pages: dict[str, dict[str, str]]) -> dict:
    """Top-level metadata when every database served is a sajeon database; ``pages``
    maps each database to its page URLs."""
    forms = "".join(
        search_form(urls["search"], f"Search {name}", f"sajeon-q-{i}") + tool_links(urls)
        if len(pages) > 1
        else search_form(urls["search"], "Search terms and translations") + tool_links(urls)
        for i, (name, urls) in enumerate(pages.items())
    )
    return {
        "title": "sajeon 사전",
        "description_html": f"<p>{DESCRIPTION}</p>{forms}",
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "source": SOURCE,
    }


def tool_links(pages: dict[str, str]) -> str:
    items = "".join(
        f'<li><a href="{escape(pages[name], quote=True)}">{label}</a>: {what}</li>'
        for name, label, what in TOOLS
    )
    return f'<ul class="sajeon-tools">{items}</ul>'


def search_form(action: str, label: str, field_id: str = "sajeon-q") -> str:
    return (
        f'<form class="sajeon-search" action="{escape(action, quote=True)}" method="get" '
        'role="search">'
        f'<label for="{field_id}">{label}</label>'
        f'<input type="search" id="{field_id}" name="q" lang="ko" autofocus '
        'placeholder="보위, 국가보위성에서, smuggling …">'
        ' <input type="submit" value="Search"></form>'
    )
