"""The production server starts from the documented commands on this machine: a fresh
installation (migrate, demo data, collectstatic) served by gunicorn with deploy/gunicorn.conf.py,
production settings behind a proxy; pages, static files (WhiteNoise) and the API answer."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.server import (
    DEMO_PASSWORD,
    cookie_header,
    fetch,
    gunicorn,
    install,
    login,
    production_environment,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    environment = production_environment(tmp_path_factory.mktemp("gongkai"))
    install(environment)
    with gunicorn(environment) as server:
        yield server.base_url


def test_gunicorn_serves_the_login_page_in_chinese(site: str) -> None:
    answer = fetch(site, "/accounts/login/")
    assert answer.status == 200
    assert "登录" in answer.body.decode()
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=")


def test_plain_http_is_sent_to_https(site: str) -> None:
    answer = fetch(site, "/accounts/login/", {"X-Forwarded-Proto": "http"})
    assert answer.status == 301
    assert answer.headers["Location"].startswith("https://")


def test_static_files_come_with_hashed_names_cached_for_a_year(site: str) -> None:
    page = fetch(site, "/accounts/login/").body.decode()
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page)
    assert stylesheet is not None, page[:500]
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet.group(1))  # manifest storage
    answer = fetch(site, stylesheet.group(1), {"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert "max-age=315360000" in answer.headers["Cache-Control"]
    assert answer.headers.get("Content-Encoding") == "gzip"


def test_the_api_answers_json(site: str) -> None:
    schema = json.loads(fetch(site, "/api/v1/openapi.json").body)
    assert schema["openapi"].startswith("3.1")
    answer = fetch(site, "/api/v1/reports/?organ=99999999999999999999")
    assert answer.status == 401  # no token: refused before the parameter is looked at
    assert json.loads(answer.body)["error"] == "unauthorized"


def test_a_logged_in_clerk_sees_the_demo_report(site: str) -> None:
    cookies = login(site, "clerk", DEMO_PASSWORD)
    home = fetch(site, "/", {"Cookie": cookie_header(cookies)})
    assert home.status == 200
    link = re.search(r'href="(/reports/\d+/)"', home.body.decode())
    assert link is not None
    page = fetch(site, link.group(1), {"Cookie": cookie_header(cookies)})
    assert page.status == 200
    assert "青山区司法局" in page.body.decode()


def test_the_documented_commands_are_in_the_deployment_guide() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "deployment.md").read_text("utf-8")
    for command in (
        "python -m gongkai.web migrate",
        "python -m gongkai.web collectstatic --noinput",
        "gunicorn -c /opt/gongkai/deploy/gunicorn.conf.py gongkai.web.wsgi",
        "python -m gongkai.web backup",
        "python -m gongkai.web restore",
        "nginx -t",
    ):
        assert command in guide, command
