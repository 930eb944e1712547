"""How fast the supervisor's pages answer for a large region: 5,000 organs × 8 years of reports.

    .venv/bin/python benchmarks/supervision_pages.py                      # SQLite (a temp file)
    scripts/with-postgres .venv/bin/python benchmarks/supervision_pages.py   # PostgreSQL
    .venv/bin/python benchmarks/supervision_pages.py --organs 500 --quick  # a smoke run

A fresh database is migrated and filled directly (bulk inserts of organs, current reports and
their recorded key figures: the pages read those, never the reports' JSON); then each page is
requested through Django's test client as the region's supervisor, several rounds, and the
median and best response times are printed. Target: under 200 ms per page.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
os.environ.setdefault("GONGKAI_SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmn")
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))
os.environ["GONGKAI_HTTPS"] = "0"
os.environ["GONGKAI_ALLOWED_HOSTS"] = "testserver"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from gongkai.report.figures import FIGURE_KEYS  # noqa: E402
from gongkai.web.accounts import services as accounts  # noqa: E402
from gongkai.web.accounts.models import Role  # noqa: E402
from gongkai.web.organs.models import Organ  # noqa: E402
from gongkai.web.reports.models import AnnualReport  # noqa: E402
from gongkai.web.supervision.freshness import forget  # noqa: E402
from gongkai.web.supervision.models import ReportFigures  # noqa: E402
from timing import print_rows  # noqa: E402

TARGET_MS = 200
YEARS = tuple(range(2017, 2025))  # 8 years
KINDS = ("department", "township")


def fill(organs: int) -> tuple[Organ, object]:
    """The region: a county government, ``organs`` − 1 departments and townships below it, each
    with a current report for every year (one in 50 missing, one in 40 with an A error)."""
    rng = random.Random(0)
    root = Organ.objects.create(name="基准区人民政府", kind="county_government")
    Organ.objects.bulk_create(
        Organ(name=f"基准区第{n:05d}号机关", kind=rng.choice(KINDS), parent=root)
        for n in range(1, organs)
    )
    user = accounts.create_account(None, username="bench", password="x" * 12, validate=False)
    accounts.grant_role(None, user, Role.SUPERVISOR, organ=root)
    ids = list(Organ.objects.values_list("id", flat=True))
    for year in YEARS:
        filings = [
            AnnualReport(
                organ_id=organ_id,
                year=year,
                entry="import",
                report_json="{}",
                filed_by=user,
                error_count=rng.randint(0, 2),
                published_on=None,
            )
            for organ_id in ids
            if rng.random() > 0.02
        ]
        AnnualReport.objects.bulk_create(filings, batch_size=2000)
        created = AnnualReport.objects.filter(year=year).values_list("id", flat=True)
        rows = []
        for report_id in created:
            received = rng.randint(0, 80)
            values = {key: rng.randint(0, received) for key in FIGURE_KEYS if key != "fees"}
            values["received"] = received
            rows.append(
                ReportFigures(
                    report_id=report_id,
                    arithmetic_errors=1 if rng.random() < 0.025 else 0,
                    tables_digest=f"{rng.getrandbits(64):016x}",
                    **values,
                )
            )
        ReportFigures.objects.bulk_create(rows, batch_size=2000)
    return root, user


def time_page(client: Client, url: str, rounds: int, *, cold: bool) -> tuple[float, float, float]:
    """Median wall time, best wall time and median CPU time of this process, in ms; ``cold``:
    the kept rows and sums dropped first, as after a filing. CPU time is what the page costs on
    a machine shared with others (wall time there includes waiting for a core)."""
    client.get(url)  # warm-up: templates, query plans
    walls, cpus = [], []
    for _ in range(rounds):
        if cold:
            forget()
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def ensure_database() -> None:
    """PostgreSQL (scripts/with-postgres): create the named database when the cluster is new."""
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("postgresql"):
        return
    import psycopg

    params = {
        "host": database["HOST"],
        "port": database["PORT"] or 5432,
        "user": database["USER"],
        "password": database["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as connection:  # type: ignore[call-overload]
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{database["NAME"]}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organs", type=int, default=5000)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rounds = 3 if args.quick else 9
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    ensure_database()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    root, user = fill(args.organs)
    reports = AnnualReport.objects.count()
    print(
        f"{engine}: {args.organs} organs × {len(YEARS)} years = {reports} reports "
        f"(filled in {time.perf_counter() - started:.1f} s), Python {sys.version.split()[0]}"
    )
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    year = YEARS[-1]
    pages = [
        ("per-organ table, page 1", reverse("supervision:overview", args=[root.pk, year])),
        (
            "per-organ table, sorted by 新收, faulty only",
            reverse("supervision:overview", args=[root.pk, year]) + "?sort=received&dir=desc",
        ),
        ("charts data (JSON)", reverse("supervision:overview_data", args=[root.pk, year])),
        ("year over year, region", reverse("supervision:region", args=[root.pk])),
        ("year over year data (JSON)", reverse("supervision:region_data", args=[root.pk])),
        (
            "one organ over the years",
            reverse("supervision:organ", args=[root.pk, root.pk + 1]),
        ),
    ]
    body = []
    slowest = {True: 0.0, False: 0.0}
    for name, url in pages:
        cells = [name]
        for cold in (True, False):
            median, best, cpu = time_page(client, url, rounds, cold=cold)
            slowest[cold] = max(slowest[cold], median)
            cells += [f"{median:,.0f}", f"{best:,.0f}", f"{cpu:,.0f}"]
        body.append(cells)
    headers = ["page", "cold ms", "best", "CPU ms", "warm ms", "best", "CPU ms"]
    print_rows(headers, body, f"{rounds} rounds per page (cold: cache dropped before each)")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for cold, label in ((True, "cold"), (False, "warm")):
        verdict = "met" if slowest[cold] < TARGET_MS else "NOT met"
        print(
            f"Target < {TARGET_MS} ms per page ({label}): {verdict} (slowest median "
            f"{slowest[cold]:,.0f} ms)"
        )
    if Path(settings.DATABASES["default"]["NAME"]).suffix == ".sqlite3":
        print(f"database: {settings.DATABASES['default']['NAME']}")


if __name__ == "__main__":
    main()
