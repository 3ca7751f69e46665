"""Datasette metadata for a sajeon database: what every table and column means, how tables
sort and facet by default. The plugin serves it through ``get_metadata``; a local
``metadata.json`` given to Datasette still overrides any of it."""

from __future__ import annotations

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
    # The search index and bookkeeping: nothing a translator reads.
    "terms_fts": {"hidden": True, "description": "Korean-aware n-gram index of terms."},
    "segments_fts": {"hidden": True, "description": "Korean-aware n-gram index of segments."},
    "_sajeon_files": {
        "hidden": True,
        "description": "Fingerprints of the source files the database was built from.",
    },
    "_sajeon_meta": {"hidden": True, "description": "Schema version and build facts."},
}


def database_metadata(search_url: str) -> dict:
    """Metadata for one sajeon database; ``search_url`` is its search page."""
    return {
        "description_html": (
            f"<p>{DESCRIPTION}</p>" + search_form(search_url, "Search terms and translations")
        ),
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "source": SOURCE,
        "tables": TABLES,
    }


def instance_metadata(search_urls: dict[str, str]) -> dict:
    """Top-level metadata when every database served is a sajeon database."""
    forms = "".join(
        search_form(url, f"Search {name}", f"sajeon-q-{i}")
        if len(search_urls) > 1
        else search_form(url, "Search terms and translations")
        for i, (name, url) in enumerate(search_urls.items())
    )
    return {
        "title": "sajeon 사전",
        "description_html": f"<p>{DESCRIPTION}</p>{forms}",
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "source": SOURCE,
    }


def search_form(action: str, label: str, field_id: str = "sajeon-q") -> str:
    return (
        f'<form class="sajeon-search" action="{action}" method="get" role="search">'
        f'<label for="{field_id}">{label}</label>'
        f'<input type="search" id="{field_id}" name="q" lang="ko" autofocus '
        'placeholder="보위, 국가보위성에서, smuggling …">'
        ' <input type="submit" value="Search"></form>'
    )
