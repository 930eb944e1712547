"""Item bodies: Markdown written by staff, rendered without any raw HTML (CommonMark with HTML
switched off, so ``<script>`` is shown as text) and with markdown-it's link check, which refuses
``javascript:`` and ``data:`` links."""

from __future__ import annotations

from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def render_markdown(text: str) -> str:
    """Safe HTML for ``text``: every ``<`` the author typed is escaped."""
    return _MARKDOWN.render(text or "")
