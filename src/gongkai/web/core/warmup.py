"""Work a server process would otherwise do on its first request, done once before it serves.

gunicorn loads the site in its master process (``preload_app``, deploy/gunicorn.conf.py) and calls
``warm_up`` there before forking the workers: every worker, the first ones and those that replace
a worker retired after ``max_requests``, then starts with the URLconf imported (which imports the
views and through them WeasyPrint, openpyxl, the API framework: about two seconds of CPU) and the
templates compiled, instead of paying for them on a request that a person is waiting for.

Nothing here may touch the database: a connection opened in the master would be shared by the
forked workers. ``warm_up`` closes any that a module opened at import, to be sure.
"""

from __future__ import annotations

from pathlib import Path

from django.db import connections
from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.urls import get_resolver


def template_names() -> list[str]:
    """Every HTML template of the Django template engines' directories and apps."""
    names: set[str] = set()
    for engine in engines.all():
        if not isinstance(engine, DjangoTemplates):
            continue
        for folder in engine.template_dirs:
            root = Path(folder)
            names.update(str(path.relative_to(root)) for path in root.rglob("*.html"))
    return sorted(names)


def warm_up() -> int:
    """Import the URLconf (and every view with it) and compile the HTML templates into the
    template engine's cache; the number of templates compiled."""
    get_resolver().url_patterns  # noqa: B018  (imports the URLconf and every view module)
    compiled = 0
    for engine in engines.all():
        if not isinstance(engine, DjangoTemplates):
            continue
        for name in template_names():
            engine.get_template(name)
            compiled += 1
    connections.close_all()
    return compiled
