"""What the gunicorn master does before forking its workers (deploy/gunicorn.conf.py)."""

from __future__ import annotations

from django.db import connection
from django.template import engines

from gongkai.web.core.warmup import template_names, warm_up


def test_warming_up_compiles_every_page_template_and_leaves_no_connection_open() -> None:
    names = template_names()
    assert "core/base.html" in names
    assert "reports/detail.html" in names
    assert warm_up() >= len(names)
    # The cached loader now holds the compiled templates: the workers inherit them.
    loader = engines["django"].engine.template_loaders[0]  # type: ignore[attr-defined]
    assert any(key.startswith("reports/detail.html") for key in loader.get_template_cache)
    assert connection.connection is None
