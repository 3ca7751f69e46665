"""The translation engine: fuzzy lookup in the memory, term recognition, terminology QA and
pre-translation of PO files. Builds on core, storage and formats."""
