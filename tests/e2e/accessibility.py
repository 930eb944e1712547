"""The browser tests' accessibility check: axe-core (from npm, `make axe`) in the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def assert_accessible(browser: Browser, url: str, width: int = 1280) -> None:
    """axe-core finds no WCAG 2 A/AA violation (the page's CSP is bypassed only to inject axe)."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `make axe` (npm ci)")
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag',"
        " values: ['wcag2a', 'wcag2aa']}})).violations.map(v => v.id + ': ' +"
        " v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    context.close()
    assert result == [], f"{url}: {result}"
