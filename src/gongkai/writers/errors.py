"""Errors of the writers: each a ``GongkaiError`` with a stable code and a Chinese message."""

from __future__ import annotations

from gongkai.errors import GongkaiError


class WriterError(GongkaiError):
    """A report could not be written."""

    code = "write_failed"


class UnsupportedOutputError(WriterError):
    """An output format no writer knows (``render(report, "odt")``)."""

    code = "unsupported_output"


class WriterSettingsError(WriterError):
    """A writer setting (or settings file) that cannot be used."""

    code = "invalid_settings"
