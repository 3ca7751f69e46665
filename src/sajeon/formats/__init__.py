"""Exchange formats: one module per format, each reading and writing :mod:`sajeon.model`."""
