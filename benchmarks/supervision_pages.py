"""How fast the supervisor's pages answer for a large region: 5,000 organs × 8 years of reports.

    .venv/bin/python benchmarks/supervision_pages.py --keep                    # SQLite
    scripts/with-postgres .venv/bin/python benchmarks/supervision_pages.py --explain
    .venv/bin/python benchmarks/supervision_pages.py --organs 500 --quick     # a smoke run

The database is migrated and filled directly (bulk inserts of organs, current reports and their
recorded key figures: the pages read those, never the reports' JSON); then each page is
requested through Django's test client as the region's supervisor, several rounds, cold (the
cached results dropped before each request, as after a filing) and warm. Printed per page: the
median and best wall time and the median CPU time of this process (what the page costs on a
machine shared with others: wall time there includes waiting for a core). Target: under 200 ms.

``--keep`` keeps the generated database and reuses it on the next run (filling 5,000 organs
takes a minute): SQLite in ``var/bench/supervision-N.sqlite3`` (``--sqlite PATH`` to choose),
PostgreSQL as the database ``gongkai_bench_supervision_N`` of the server in ``DATABASE_URL``
(``scripts/with-postgres`` deletes its whole cluster afterwards: point ``DATABASE_URL`` at a
lasting server to reuse it). ``--explain`` runs each query of a cold request again under
``EXPLAIN ANALYZE`` (PostgreSQL: the server's execution time) or timed (SQLite) and prints the
slowest; ``--profile`` prints cProfile's top functions of one cold request per page.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

YEARS = tuple(range(2017, 2025))  # 8 years
KINDS = ("department", "township")
TARGET_MS = 200
ROOT_NAME = "基准区人民政府"
REPO = Path(__file__).resolve().parent.parent


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--organs", type=int, default=5000)
    parser.add_argument("--quick", action="store_true", help="3 rounds per page instead of 9")
    parser.add_argument("--keep", action="store_true", help="keep the database and reuse it")
    parser.add_argument("--sqlite", type=Path, help="the SQLite file to keep (with --keep)")
    parser.add_argument("--explain", action="store_true", help="time each query of the pages")
    parser.add_argument("--profile", action="store_true", help="cProfile one cold request")
    return parser.parse_args()


def choose_database(args: argparse.Namespace) -> None:
    """Point the settings at the benchmark's own database (before Django reads them)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        parts = urlsplit(url)
        name = f"gongkai_bench_supervision_{args.organs}"
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
        return
    if args.keep:
        path = args.sqlite or REPO / "var" / "bench" / f"supervision-{args.organs}.sqlite3"
    else:
        path = Path(tempfile.mkdtemp(prefix="gongkai-bench-")) / "supervision.sqlite3"
    os.environ["GONGKAI_SQLITE_PATH"] = str(path)


ARGS = parse_args()
choose_database(ARGS)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
os.environ.setdefault("GONGKAI_SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmn")
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))
os.environ["GONGKAI_HTTPS"] = "0"
os.environ["GONGKAI_STATIC_MANIFEST"] = "0"  # no collectstatic needed: pages, not static files
os.environ["GONGKAI_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from gongkai.report.figures import FIGURE_KEYS  # noqa: E402
from gongkai.web.accounts import services as accounts  # noqa: E402
from gongkai.web.accounts.models import Role, User  # noqa: E402
from gongkai.web.organs.models import Organ  # noqa: E402
from gongkai.web.reports.models import AnnualReport  # noqa: E402
from gongkai.web.supervision.freshness import forget  # noqa: E402
from gongkai.web.supervision.models import ReportFigures  # noqa: E402
from timing import print_rows  # noqa: E402


def fill(organs: int) -> None:
    """The region: a county government, ``organs`` − 1 departments and townships below it, each
    with a current report for every year (one in 50 missing, one in 40 with an A error). In one
    transaction: a run stopped half-way leaves nothing to be mistaken for a filled database."""
    rng = random.Random(0)
    root = Organ.objects.create(name=ROOT_NAME, kind="county_government")
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


def is_postgresql() -> bool:
    return str(settings.DATABASES["default"]["ENGINE"]).endswith("postgresql")


def server(statement: str, *params: object) -> list[tuple[object, ...]]:
    """A statement on the PostgreSQL server's maintenance database (create or drop ours)."""
    import psycopg

    database = settings.DATABASES["default"]
    with psycopg.connect(  # type: ignore[call-overload]
        host=database["HOST"],
        port=database["PORT"] or 5432,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as maintenance:
        cursor = maintenance.execute(statement, params or None)
        return cursor.fetchall() if cursor.description else []


def prepare(organs: int) -> str:
    """Migrate and fill the database unless a kept one is already filled; say which."""
    name = settings.DATABASES["default"]["NAME"]
    if is_postgresql() and not server("SELECT 1 FROM pg_database WHERE datname = %s", name):
        server(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)
    if Organ.objects.filter(name=ROOT_NAME).exists():
        return f"reused {name}"
    started = time.perf_counter()
    with transaction.atomic():
        fill(organs)
    if is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would soon: plans for the real row counts
    return f"filled {name} in {time.perf_counter() - started:.1f} s"


def drop(args: argparse.Namespace) -> None:
    if args.keep:
        return
    name = settings.DATABASES["default"]["NAME"]
    connections.close_all()
    if is_postgresql():
        server(f'DROP DATABASE IF EXISTS "{name}"')
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)


def server_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL server process (from ``/proc``:
    the server runs on this machine under ``scripts/with-postgres``); 0 on SQLite, whose
    queries run in this process and count in its CPU time."""
    if not is_postgresql():
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0  # a server on another machine
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_page(
    client: Client, url: str, rounds: int, *, cold: bool
) -> tuple[float, float, float, float]:
    """Median wall time, best wall time, median CPU time of this process and mean CPU time of
    the PostgreSQL server process (its clock ticks are 10 ms: a mean over the rounds), in ms;
    ``cold``: the cached results dropped first, as after a filing."""
    client.get(url)  # warm-up: templates, query plans
    walls, cpus = [], []
    server_started = server_cpu()
    for _ in range(rounds):
        if cold:
            forget()
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    server = (server_cpu() - server_started) * 1000 / rounds
    return statistics.median(walls), min(walls), statistics.median(cpus), server


def query_time(sql: str) -> float:
    """The query's execution time in ms: the server's (EXPLAIN ANALYZE) on PostgreSQL, this
    process's CPU time running it on SQLite (which runs queries in-process)."""
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0][0]
            return float(plan["Planning Time"]) + float(plan["Execution Time"])
        cpu = time.process_time()
        cursor.execute(sql)
        cursor.fetchall()
        return (time.process_time() - cpu) * 1000


def explain(client: Client, pages: list[tuple[str, str]]) -> None:
    """Each page's queries on a cold request, their count and time, the slowest shown."""
    where = "server" if is_postgresql() else "in-process CPU"
    body = []
    for name, url in pages:
        forget()
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        timed = []
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            timed.append((query_time(sql), sql))
        timed.sort(reverse=True)
        slowest = timed[0] if timed else (0.0, "")
        short = " ".join(slowest[1].split())[:70]
        body.append(
            [
                name,
                str(len(captured)),
                f"{sum(t for t, _ in timed):.1f}",
                f"{slowest[0]:.1f}",
                short,
            ]
        )
    headers = ["page (cold)", "queries", f"{where} ms", "slowest", "slowest query"]
    print_rows(headers, body, f"Queries of one cold request, timed again ({where})")


def profile(client: Client, pages: list[tuple[str, str]]) -> None:
    for name, url in pages:
        forget()
        profiler = cProfile.Profile(time.process_time)  # CPU: wall time is mostly waiting here
        profiler.enable()
        client.get(url)
        profiler.disable()
        print(f"\n── cProfile, cold: {name}")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


def pages_of(root: Organ) -> list[tuple[str, str]]:
    year = YEARS[-1]
    overview = reverse("supervision:overview", args=[root.pk, year])
    first = Organ.objects.filter(parent=root).order_by("pk").first()
    assert first is not None
    return [
        ("per-organ table, page 1", overview),
        ("per-organ table, sorted by 新收, page 3", overview + "?sort=received&dir=desc&page=3"),
        ("per-organ table, faulty only, all mode", overview + "?status=faulty&mode=all"),
        ("charts data (JSON)", reverse("supervision:overview_data", args=[root.pk, year])),
        ("year over year, region", reverse("supervision:region", args=[root.pk])),
        ("year over year data (JSON)", reverse("supervision:region_data", args=[root.pk])),
        ("one organ over the years", reverse("supervision:organ", args=[root.pk, first.pk])),
    ]


def main() -> None:
    args = ARGS
    rounds = 3 if args.quick else 9
    engine = str(settings.DATABASES["default"]["ENGINE"]).rsplit(".", 1)[-1]
    how = prepare(args.organs)
    try:
        reports = AnnualReport.objects.count()
        print(
            f"{engine}: {args.organs} organs × {len(YEARS)} years = {reports} reports ({how}), "
            f"Python {sys.version.split()[0]}"
        )
        root = Organ.objects.get(name=ROOT_NAME)
        client = Client()
        client.force_login(User.objects.get(username="bench"))
        pages = pages_of(root)
        measure(client, pages, rounds)
        if args.explain:
            explain(client, pages)
        if args.profile:
            profile(client, pages)
    finally:
        drop(args)


def measure(client: Client, pages: list[tuple[str, str]], rounds: int) -> None:
    body = []
    slowest = {True: 0.0, False: 0.0}
    cpu_slowest = {True: 0.0, False: 0.0}
    for name, url in pages:
        cells = [name]
        for cold in (True, False):
            median, best, cpu, server = time_page(client, url, rounds, cold=cold)
            slowest[cold] = max(slowest[cold], median)
            cpu_slowest[cold] = max(cpu_slowest[cold], cpu + server)
            cells += [f"{median:,.0f}", f"{best:,.0f}", f"{cpu:,.0f}"]
            if is_postgresql():
                cells.append(f"{server:,.0f}")
        body.append(cells)
    headers = ["page", "cold ms", "best", "CPU ms", "warm ms", "best", "CPU ms"]
    if is_postgresql():
        headers = [*headers[:4], "server CPU", *headers[4:], "server CPU"]
    print_rows(
        headers, body, f"{rounds} rounds per page (cold: cached results dropped before each)"
    )
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for cold, label in ((True, "cold"), (False, "warm")):
        verdict = "met" if slowest[cold] < TARGET_MS else "NOT met"
        print(
            f"Target < {TARGET_MS} ms per page ({label}): {verdict} in wall time (slowest median "
            f"{slowest[cold]:,.0f} ms; CPU, with the server's, {cpu_slowest[cold]:,.0f} ms)"
        )


if __name__ == "__main__":
    main()
