"""Exchange formats: one module per format (TBX, TMX, PO, CSV/TSV, articles), each reading and
writing :mod:`sajeon.core.model`, and :mod:`~sajeon.formats.exchange` choosing among them."""
