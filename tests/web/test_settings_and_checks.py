"""Settings come from typed environment variables; the system checks guard the invariants; the
production configuration passes `check --deploy` with nothing to say."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.test import override_settings

from gongkai.web import env
from gongkai.web.core import checks as gongkai_checks


def test_envbool_reads_the_usual_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_X", "yes")
    assert env.envbool("GONGKAI_X", False) is True
    monkeypatch.setenv("GONGKAI_X", "0")
    assert env.envbool("GONGKAI_X", True) is False
    monkeypatch.setenv("GONGKAI_X", "maybe")
    with pytest.raises(env.ConfigurationError):
        env.envbool("GONGKAI_X", True)


def test_envint_refuses_what_is_not_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_N", "12")
    assert env.envint("GONGKAI_N", 3) == 12
    monkeypatch.setenv("GONGKAI_N", "twelve")
    with pytest.raises(env.ConfigurationError):
        env.envint("GONGKAI_N", 3)


def test_a_secret_can_come_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n", encoding="utf-8")
    monkeypatch.delenv("GONGKAI_S", raising=False)
    monkeypatch.setenv("GONGKAI_S_FILE", str(secret))
    assert env.envsecret("GONGKAI_S", None) == "s3cret"


def test_database_url_names_a_postgresql_database() -> None:
    config = env.database_from_url("postgres://gk:p%40ss@db.example:5433/gongkai?sslmode=require")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("gongkai", "gk", "p@ss")
    assert (config["HOST"], config["PORT"]) == ("db.example", "5433")
    assert config["OPTIONS"] == {"sslmode": "require"}


def test_database_url_refuses_other_databases() -> None:
    with pytest.raises(env.ConfigurationError):
        env.database_from_url("mysql://localhost/gongkai")


def test_the_site_speaks_chinese_on_beijing_time_by_default(settings: object) -> None:
    from django.conf import settings as django_settings

    assert django_settings.LANGUAGE_CODE == "zh-hans"
    assert django_settings.TIME_ZONE == "Asia/Shanghai"
    assert ("en", "English") in django_settings.LANGUAGES


def test_the_time_zone_check_fails_on_another_zone() -> None:
    with override_settings(TIME_ZONE="UTC"):
        found = gongkai_checks.check_time_zone()
    assert [message.id for message in found] == ["gongkai.E001"]


def test_the_time_zone_check_passes_on_asia_shanghai() -> None:
    assert gongkai_checks.check_time_zone() == []


def test_the_font_check_warns_without_a_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gongkai_checks, "has_cjk_font", lambda: False)
    assert [message.id for message in gongkai_checks.check_cjk_font()] == ["gongkai.W002"]


def test_the_font_check_finds_the_installed_noto_cjk() -> None:
    assert gongkai_checks.check_cjk_font() == []


def test_the_calendar_check_warns_when_this_year_is_not_covered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gongkai_checks, "_calendar_covers", lambda: lambda year: False)
    with override_settings(GONGKAI_CALENDAR_WARN_FROM_MONTH=1):
        ids = [message.id for message in gongkai_checks.check_calendar()]
    assert ids == ["gongkai.W003", "gongkai.W004"]


def test_the_calendar_check_is_quiet_when_every_year_is_covered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gongkai_checks, "_calendar_covers", lambda: lambda year: True)
    assert gongkai_checks.check_calendar() == []


@pytest.mark.parametrize("value", ["2-30", "feb", "13-01"])
def test_a_township_deadline_that_is_not_a_date_is_an_error(value: str) -> None:
    with override_settings(GONGKAI_TOWNSHIP_DEADLINE=value):
        assert [m.id for m in gongkai_checks.check_township_deadline()] == ["gongkai.E005"]


def test_echarts_present_passes_and_missing_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    assert gongkai_checks.check_echarts() == []  # `make` copies it before the tests run
    monkeypatch.setattr(gongkai_checks, "ECHARTS", "supervision/vendor/absent.min.js")
    assert [m.id for m in gongkai_checks.check_echarts()] == ["gongkai.E006"]


def test_the_checks_are_registered_under_the_gongkai_tag() -> None:
    assert "gongkai" in checks.registry.registry.tags_available()


def _production_environment(tmp_path: Path) -> dict[str, str]:
    keep = {"PATH", "HOME", "LANG", "PYTHONPATH", "VIRTUAL_ENV"}
    environment = {k: v for k, v in os.environ.items() if k in keep}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "gongkai.web.settings",
            "GONGKAI_SECRET_KEY": "p" * 30 + "-production-secret-" + "q" * 30,
            "GONGKAI_ALLOWED_HOSTS": "gongkai.example.gov.cn",
            "GONGKAI_DATA_DIR": str(tmp_path),
            # Whether next year's holiday calendar is out depends on today's date; that check
            # has tests of its own above.
            "GONGKAI_CALENDAR_WARN_FROM_MONTH": "13",
        }
    )
    return environment


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_environment(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_cache_folder_is_shared_by_every_process(tmp_path: Path) -> None:
    # Two processes (as two gunicorn workers) with GONGKAI_CACHE_DIR: what one caches, the other
    # reads.
    environment = {**_production_environment(tmp_path), "GONGKAI_CACHE_DIR": str(tmp_path / "c")}
    program = (
        "import django, sys; django.setup(); from django.core.cache import cache; "
        "sys.argv[1] == 'set' and cache.set('shared', 'yes'); print(cache.get('shared'))"
    )
    for step, expected in (("set", "yes"), ("get", "yes")):
        result = subprocess.run(
            [sys.executable, "-c", program, step],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == expected


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    environment = _production_environment(tmp_path)
    del environment["GONGKAI_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "GONGKAI_SECRET_KEY" in result.stderr


def test_pages_carry_a_content_security_policy_and_safe_headers(client: object) -> None:
    from django.test import Client

    response = Client().get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_cookies_are_secure_in_production() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
            "s.SESSION_COOKIE_HTTPONLY, s.DEBUG)",
        ],
        env=_production_environment(Path(os.environ["GONGKAI_DATA_DIR"])),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True", "True", "True", "True", "False"]
