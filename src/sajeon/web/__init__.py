"""The browser front end: the Datasette plugin with its pages, templates and static files, the
metadata it serves, and ``sajeon serve``. Calls every layer below; the CLI starts it."""
