"""JSON: the canonical JSON of :mod:`gongkai.report.canonical` (what ``gongkai.read`` reads)."""

from __future__ import annotations

from gongkai.report.canonical import dumps
from gongkai.report.model import Report
from gongkai.writers.settings import WriterSettings


def render_json(report: Report, settings: WriterSettings) -> bytes:
    """Canonical JSON, UTF-8. The settings do not apply: JSON carries the report's own data."""
    del settings  # the JSON is the report as data; titles and fonts are for printed output
    return (dumps(report) + "\n").encode("utf-8")
