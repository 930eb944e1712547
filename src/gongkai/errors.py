"""Errors a user sees: each has a stable code, a message in Chinese, and says where."""

from __future__ import annotations


class GongkaiError(Exception):
    """Base of gongkai's errors. ``code`` is stable; ``message`` is Chinese, for the user."""

    code = "error"

    def __init__(self, message: str, *, where: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.where}：{self.message}" if self.where else self.message


class ReportInputError(GongkaiError):
    """An input that is not a readable report (bad JSON, wrong structure, unsupported file)."""

    code = "invalid_input"
