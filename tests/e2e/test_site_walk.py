"""A walk through the site as each demo persona, in a real browser: every page reachable from
the navigation (two clicks deep) answers without a 404 or 500, and fits a 1360 px screen and a
375 px phone without scrolling sideways (a wide table scrolls inside its own box), and no
select shows Django's untranslated "- Select an option -"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from e2e.session import log_in
from gongkai.web.demo import data as demo
from gongkai.web.organs.models import Organ

pytestmark = pytest.mark.django_db(transaction=True)

PERSONAS = (
    "clerk",
    "submitter",
    "reviewer",
    "reviewer2",
    "reviewer3",
    "head",
    "supervisor",
    "admin",
)
PAGES_PER_PERSONA = 30
SHOTS = Path("/tmp/site-walk-shots")
# Downloads, feeds and the admin's model pages are not pages to walk. Logging out would end the
# walk.
NOT_WALKED = re.compile(
    r"(logout|\.(pdf|xlsx|docx|zip|csv|json|xml|html|txt)$|/download|/original|/export|/annotated"
    r"|/file/|/attachment|feed|/static/|/media/|/admin/.+/|/api/)"
)


def links_on(page: Page, base: str, here: str) -> list[str]:
    found = []
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
        if not href or href.startswith(("#", "mailto:", "javascript:")):
            continue
        url = urlparse(urljoin(base + here, href))
        if url.netloc != urlparse(base).netloc or NOT_WALKED.search(url.path):
            continue
        if "page=" in url.query:  # one page of each list is enough
            continue
        found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found


def walk(page: Page, base: str, name: str, start: str) -> list[str]:
    """The problems found, one line each."""
    problems: list[str] = []
    seen: set[str] = set()
    queue = [(start, 0)]
    while queue and len(seen) < PAGES_PER_PERSONA:
        path, depth = queue.pop(0)
        # One page of each kind: /reports/7/ stands for every report page.
        shape = re.sub(r"\d+", "N", path)
        if shape in seen:
            continue
        seen.add(shape)
        page.set_viewport_size({"width": 1360, "height": 900})
        try:
            response = page.goto(base + path)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                continue
            raise
        status = response.status if response else 0
        if status in (404, 500) or status >= 500:
            problems.append(f"{name} {path}: {status}")
            continue
        if "Select an option" in page.content():  # Django's default, untranslated
            problems.append(f"{name} {path}: an English empty choice")
        for width in (1360, 375):
            page.set_viewport_size({"width": width, "height": 900})
            scroll = int(page.evaluate("document.documentElement.scrollWidth"))
            if scroll > width:
                problems.append(f"{name} {path}: {scroll} px wide at {width} px")
        slug = re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") or "home"
        page.screenshot(path=str(SHOTS / f"{name}_{slug}_375.png"), full_page=True)
        if depth < 2:
            queue.extend((link, depth + 1) for link in links_on(page, base, path))
    assert len(seen) > 3, f"{name} reached almost nothing: {seen}"
    return problems


def test_every_page_answers_and_fits_for_every_persona(
    page: Page, live_server: Any, tmp_path: Path
) -> None:
    demo.load([])
    SHOTS.mkdir(exist_ok=True)
    base = live_server.url
    bureau = Organ.objects.get(name=demo.BUREAU)
    problems = walk(page, base, "anonymous", f"/open/{bureau.pk}/")
    for persona in PERSONAS:
        page.context.clear_cookies()
        log_in(page, base, persona, demo.PASSWORD)
        problems += walk(page, base, persona, "/")
    assert problems == [], "\n".join(problems)
