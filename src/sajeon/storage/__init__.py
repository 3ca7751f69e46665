"""Where data lives: the TSV source files, the SQLite store (the only SQL), its search and fuzzy
indexes, and the project that changes files and database together. Builds on core."""
