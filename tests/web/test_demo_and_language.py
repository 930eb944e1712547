"""`make run`'s demo data, the English translation, and the documentation of the settings."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gongkai.web import env
from gongkai.web.accounts.models import User
from gongkai.web.demo import data
from gongkai.web.organs.models import Organ
from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision.selectors import supervision_overview

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_the_demo_has_the_district_the_bureau_its_units_and_a_login_per_role(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("load_demo")
    out = capsys.readouterr().out
    district = Organ.objects.get(name="青山区人民政府")
    bureau = Organ.objects.get(name="青山区司法局", parent=district)
    assert {"办公室", "法治宣传股"} <= set(bureau.units.values_list("name", flat=True))
    assert bureau.units.filter(kind="judicial_office").exists()
    for login in data.LOGINS:
        assert login.username in out
        assert User.objects.get(username=login.username).check_password(data.PASSWORD)
    assert data.PASSWORD in out
    seed = AnnualReport.objects.get(organ=bureau, year=2023)
    assert seed.original_sha256  # filed through the upload path, original kept


@pytest.mark.django_db
def test_the_demo_gives_the_supervisor_page_content() -> None:
    data.load([])
    overview = supervision_overview(Organ.objects.get(name="青山区人民政府"), data.DEMO_YEAR)
    assert overview.filed >= 2
    assert overview.missing >= 1


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing() -> None:
    data.load([])
    counts = (Organ.objects.count(), User.objects.count(), AnnualReport.objects.count())
    log: list[str] = []
    data.load(log)
    assert (Organ.objects.count(), User.objects.count(), AnnualReport.objects.count()) == counts
    assert "已存在" in log[0]


@pytest.mark.django_db
def test_the_site_speaks_english_when_asked(clerk: User) -> None:
    client = Client()
    client.force_login(clerk)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("core:home")).content.decode()
    assert "Upload the annual report" in html
    assert "上传年度报告" not in html


@pytest.mark.django_db
def test_chinese_is_the_default(clerk: User) -> None:
    client = Client()
    client.force_login(clerk)
    assert "上传年度报告" in client.get(reverse("core:home")).content.decode()


def test_every_ui_string_has_an_english_translation() -> None:
    po = (ROOT / "src/gongkai/web/locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    untranslated = re.findall(r'\nmsgid "(.+)"\nmsgstr ""\n\n', po)
    assert untranslated == []
    assert "#, fuzzy" not in po


def test_the_english_catalogue_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    # The check above reads the catalogue as committed; this one extracts the strings again from a
    # copy of the sources (as `make messages-update` does), so a page whose new strings were never
    # added to the catalogue fails here instead of showing Chinese on the English site.
    web = ROOT / "src" / "gongkai" / "web"
    copy = tmp_path / "web"
    shutil.copytree(
        web, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "migrations")
    )
    (tmp_path / "extract_settings.py").write_text(
        "SECRET_KEY = 'extract'\nUSE_I18N = True\nLOCALE_PATHS = []\nINSTALLED_APPS = []\n",
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete", "-v0"],
        cwd=copy,
        env={
            "PYTHONPATH": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "extract_settings",
            "PATH": "/usr/bin:/bin",
        },
        check=True,
    )
    po = copy / "locale/en/LC_MESSAGES/django.po"
    for selection in ("--untranslated", "--only-fuzzy"):
        left = subprocess.run(
            ["msgattrib", selection, "--no-wrap", str(po)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        msgids = re.findall(r'^msgid "(.+)"$', left, flags=re.MULTILINE)
        assert msgids == [], f"run `make messages-update` and translate these ({selection})"


def test_every_setting_is_documented() -> None:
    import gongkai.web.settings  # noqa: F401  (reads every variable)

    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", text))
    missing = sorted(name for name in env.READ if name not in documented)
    assert missing == []


def test_the_user_guide_shows_the_screenshots_it_names() -> None:
    guide = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    images = re.findall(r"\(images/(web-[\w-]+\.png)\)", guide)
    assert images
    for name in images:
        assert (ROOT / "docs" / "images" / name).is_file(), name


def test_the_readme_explains_make_run_and_the_demo_logins() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## 网站" in readme
    assert data.PASSWORD in readme


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_until_english_is_chosen(clerk: User) -> None:
    client = Client(headers={"Accept-Language": "en-US,en;q=0.9"})
    client.force_login(clerk)
    assert "上传年度报告" in client.get(reverse("core:home")).content.decode()
