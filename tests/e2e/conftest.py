"""End-to-end tests: the site on Django's live server, driven in Debian's headless Chromium by
Playwright (never `playwright install`)."""

import os
from typing import Any

import pytest

import web.environment  # noqa: F401  (configures Django before pytest-django looks)
from web.fixtures import *  # noqa: F403

# Playwright's sync API runs an event loop in the test thread; the ORM calls of the fixtures
# are still synchronous and safe there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            "Chromium is missing: run scripts/install-system-deps (apt-get install chromium)"
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "locale": "zh-CN",
        "timezone_id": "Asia/Shanghai",
        "viewport": {"width": 1360, "height": 900},
        "accept_downloads": True,
    }


@pytest.fixture(scope="session")
def base_url() -> None:
    """No base URL: tests use the live server's. (Replaces pytest-base-url's fixture, whose
    method-style definition pytest 9 deprecates, an error under ``filterwarnings = error``.)"""
    return None
