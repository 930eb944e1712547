"""The applications workbench with a million cases: table 三 compiled for a year, the clerk's
dashboard and the case list (keyset pagination), on SQLite or PostgreSQL.

    .venv/bin/python benchmarks/applications_speed.py                     # SQLite, 1,000,000 cases
    scripts/with-postgres .venv/bin/python benchmarks/applications_speed.py   # PostgreSQL
    .venv/bin/python benchmarks/applications_speed.py --cases 20000       # a smoke run
    GONGKAI_PG_KEEP=/var/tmp/gongkai-pg scripts/with-postgres \
        .venv/bin/python benchmarks/applications_speed.py --keep --explain   # reuse, show plans

The generated cases are kept for the next run: on SQLite in the file ``--sqlite`` names
(default ``/var/tmp/gongkai-bench-applications-<cases>.sqlite3``), on PostgreSQL in the database
``--database`` names when ``--keep`` is given (a cluster kept by ``GONGKAI_PG_KEEP``, see
``scripts/with-postgres``). A run on a kept database only migrates it and measures.

The cases all belong to one organ (the hardest case for its indexes), received on working and
other days from 2017-01 to 2026-11 (about 100,000 a year); 98 % are answered 3–40 days after
receipt with an outcome drawn from every table 三 row, 2 % are still open with a deadline around
today. They are written straight into the table (``COPY`` on PostgreSQL, ``executemany`` on
SQLite): building them through the services would take hours and measure nothing asked here.

Targets (issue 10): table 三 of a year under 1 s; the dashboard and a page of the case list under
100 ms per request — measured as whole requests through Django's test client, logged in as the
clerk, after a warm-up. Each line gives wall time and this process's CPU time (``process_time``:
what a loaded machine does not inflate), and on PostgreSQL the server's own execution time of the
line's queries (``EXPLAIN (ANALYZE, BUFFERS)`` of each, the plans printed with ``--explain``; on
SQLite ``--explain`` prints ``EXPLAIN QUERY PLAN``).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import pin_to_one_core, print_rows

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
os.environ.setdefault("GONGKAI_SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
os.environ["GONGKAI_HTTPS"] = "0"
os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))
# No collectstatic here: plain static URLs (the manifest lookup is a dict read either way).
os.environ.setdefault("GONGKAI_STATIC_MANIFEST", "0")
os.environ.setdefault("GONGKAI_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument(
        "--sqlite",
        type=Path,
        default=None,
        help="SQLite file kept between runs (default: gongkai-bench-applications-N.sqlite3 in "
        "/var/tmp)",
    )
    parser.add_argument(
        "--database",
        default="gongkai_bench_applications",
        help="PostgreSQL database name (in the cluster DATABASE_URL points to)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="PostgreSQL: keep the database for the next run"
    )
    parser.add_argument(
        "--explain", action="store_true", help="print the query plans of every measurement"
    )
    return parser.parse_args()


ARGS = parse_arguments()


def choose_database(args: argparse.Namespace) -> None:
    """Point Django at the kept SQLite file, or at (a fresh or kept) PostgreSQL database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        default = Path(f"/var/tmp/gongkai-bench-applications-{args.cases}.sqlite3")
        os.environ["GONGKAI_SQLITE_PATH"] = str(args.sqlite or default)
        return
    import psycopg

    base, _, _name = url.rpartition("/")
    os.environ["DATABASE_URL"] = f"{base}/{args.database}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (args.database,)
        ).fetchone()
        if exists and not args.keep:
            admin.execute(f'DROP DATABASE "{args.database}"')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{args.database}"')


choose_database(ARGS)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from gongkai.law import Outcome  # noqa: E402
from gongkai.report.formats import APPLICANT_KEYS  # noqa: E402
from gongkai.report.organs import OrganKind  # noqa: E402
from gongkai.web.accounts import services as accounts  # noqa: E402
from gongkai.web.accounts.models import Role, User  # noqa: E402
from gongkai.web.applications import clock  # noqa: E402
from gongkai.web.applications.models import Application  # noqa: E402
from gongkai.web.applications.selectors import compile_table_three, dashboard  # noqa: E402
from gongkai.web.organs.models import Organ  # noqa: E402
from gongkai.web.organs.services import create_organ  # noqa: E402

ORGAN_NAME = "青山区司法局"
FIRST = datetime.date(2017, 1, 1)
LAST = datetime.date(2026, 11, 30)
OUTCOMES = [o.value for o in Outcome]
OPEN_STATES = ("registered", "in-progress", "awaiting-correction", "consulting", "drafted")


def rows(organ_id: int, count: int, today: datetime.date) -> Iterator[dict[str, object]]:
    rng = random.Random(0)
    span = (LAST - FIRST).days
    now = timezone.now()
    for serial in range(1, count + 1):
        received = FIRST + datetime.timedelta(days=rng.randrange(span + 1))
        open_case = rng.random() < 0.02
        if open_case:
            received = today - datetime.timedelta(days=rng.randrange(60))
        decided = None if open_case else received + datetime.timedelta(days=rng.randrange(3, 41))
        due = received + datetime.timedelta(days=28)
        yield {
            "organ_id": organ_id,
            "year": received.year,
            "serial": serial,
            "number": f"青司公开〔{received.year}〕第{serial}号",
            "query_code": secrets.token_hex(6),
            "status": rng.choice(OPEN_STATES) if open_case else "closed",
            "version": 1,
            "is_demo": False,
            "applicant_kind": rng.choice(APPLICANT_KEYS),
            "applicant_name": f"申请人{serial}",
            "identity_kind": "other",
            "identity_number": f"ID{serial:012d}",
            "agent_name": "",
            "agent_identity": "",
            "agent_authorised": False,
            "address": "",
            "postcode": "",
            "phone": "",
            "email": "",
            "request_text": "某项政府信息",
            "provision_form": "paper",
            "delivery_method": "post",
            "channel": "in-person",
            "arrived_on": received,
            "confirmed_on": None,
            "received_on": received,
            "on_the_spot": False,
            "correction_sent_on": None,
            "correction_items": "",
            "correction_period_end": None,
            "correction_received_on": None,
            "extension_approved_on": None,
            "extension_approved_by_id": None,
            "extension_days": None,
            "extension_reason": "",
            "secrecy_reviewed": False,
            "outcome": "" if open_case else rng.choice(OUTCOMES),
            "decision_text": "",
            "withheld_parts": "",
            "withheld_reason": "",
            "search_record": "",
            "responsible_organ": "",
            "review_level_done": 0,
            "decided_on": decided,
            "delivered_on": None,
            "delivery_record": "",
            "transfer_to_id": None,
            "reply_due": due,
            "next_due": due if open_case else None,
            "clock_estimated": False,
            "is_open": open_case,
            "created_at": now,
            "updated_at": now,
        }


def insert(organ_id: int, count: int, today: datetime.date) -> float:
    table = Application._meta.db_table
    columns = [f.column for f in Application._meta.concrete_fields if f.column != "id"]
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows(organ_id, count, today):
                    copy.write_row([row[c] for c in columns])
        else:
            # A large page cache: the indexes on random keys (query code, decided_on) are
            # otherwise rewritten from disk page by page.
            cursor.execute("PRAGMA cache_size = -1000000")
            marks = ", ".join("%s" for _ in columns)
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
            batch: list[list[object]] = []
            for row in rows(organ_id, count, today):
                batch.append([row[c] for c in columns])
                if len(batch) == 20000:
                    cursor.executemany(sql, batch)
                    batch.clear()
            if batch:
                cursor.executemany(sql, batch)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM as autovacuum would: index-only scans need the visibility map.
            cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute("PRAGMA cache_size = -2000")
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def prepare(cases: int) -> tuple[Organ, Any, float | None]:
    """The organ and its clerk with ``cases`` cases: generated once, found again on a kept
    database (then the insert time is None)."""
    organ = Organ.objects.filter(name=ORGAN_NAME).first()
    if organ is not None:
        found = Application.objects.filter(organ=organ).count()
        if found != cases:
            sys.exit(f"the kept database has {found:,} cases, not {cases:,}: delete it first")
        with connection.cursor() as cursor:
            # New indexes from later migrations need statistics too.
            cursor.execute("ANALYZE")
        return organ, User.objects.get(username="clerk"), None
    organ = create_organ(None, name=ORGAN_NAME, kind=OrganKind.DEPARTMENT)
    clerk = accounts.create_account(None, username="clerk", password="x" * 12, validate=False)
    accounts.grant_role(None, clerk, Role.CLERK, organ=organ)
    return organ, clerk, insert(organ.pk, cases, clock.today())


Query = tuple[str, object]  # SQL and its parameters


@dataclass(frozen=True, slots=True)
class Timing:
    wall_ms: float  # median
    best_ms: float
    cpu_ms: float  # median CPU time of this process
    queries: list[Query]  # the statements of one call


def timed(function: Callable[[], object], rounds: int) -> Timing:
    queries: list[Query] = []

    def record(execute: Callable[..., object], sql: str, params: object, *rest: object) -> object:
        queries.append((sql, params))
        return execute(sql, params, *rest)

    # A wrapper rather than CaptureQueriesContext: each request resets Django's query log.
    with connection.execute_wrapper(record):
        function()  # warm-up, and the queries one call makes
    walls, cpus = [], []
    for _ in range(rounds):
        started, cpu_started = time.perf_counter(), time.process_time()
        function()
        cpus.append(time.process_time() - cpu_started)
        walls.append(time.perf_counter() - started)
    return Timing(
        statistics.median(walls) * 1000, min(walls) * 1000, statistics.median(cpus) * 1000, queries
    )


def explain(queries: list[Query]) -> tuple[float | None, list[str]]:
    """The server's execution time of ``queries`` summed (PostgreSQL), and each plan."""
    plans: list[str] = []
    postgresql = connection.vendor == "postgresql"
    server_ms = 0.0
    with connection.cursor() as cursor:
        for sql, params in queries:
            # A UNION on PostgreSQL starts "(SELECT".
            if not sql.lstrip(" (").upper().startswith("SELECT"):
                continue
            if postgresql:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                lines = [line for (line,) in cursor.fetchall()]
                server_ms += sum(
                    float(line.split()[2]) for line in lines if line.startswith("Execution Time:")
                )
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                lines = [str(row[-1]) for row in cursor.fetchall()]
            plans.append(f"{sql}  {params}\n    " + "\n    ".join(lines))
    return (server_ms if postgresql else None), plans


def main() -> None:
    args = ARGS
    pinned = pin_to_one_core()
    call_command("migrate", verbosity=0)
    organ, clerk, seconds = prepare(args.cases)
    client = Client()
    client.force_login(clerk)
    middle = Application.objects.order_by("id").values_list("id", flat=True)[args.cases // 2]

    def request(url: str) -> Callable[[], object]:
        def get() -> object:
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        return get

    measured = [
        ("table 三, 2025 (compile_table_three)", lambda: compile_table_three(organ, 2025), 1000),
        ("table 三, 2026 (compile_table_three)", lambda: compile_table_three(organ, 2026), 1000),
        ("dashboard (selector)", lambda: dashboard([organ.pk]), 100),
        ("GET /applications/ (dashboard page)", request("/applications/"), 100),
        ("GET /applications/cases/ (first page)", request("/applications/cases/"), 100),
        (
            f"GET /applications/cases/?after={middle}",
            request(f"/applications/cases/?after={middle}"),
            100,
        ),
        (
            "GET /applications/cases/?status=consulting",
            request("/applications/cases/?status=consulting"),
            100,
        ),
    ]
    results, all_plans = [], []
    for name, function, target in measured:
        timing = timed(function, args.rounds)
        server_ms, plans = explain(timing.queries)
        all_plans.append((name, plans))
        verdict = "met" if timing.wall_ms < target else "MISSED"
        results.append(
            [
                name,
                f"{timing.wall_ms:.1f}",
                f"{timing.best_ms:.1f}",
                f"{timing.cpu_ms:.1f}",
                "–" if server_ms is None else f"{server_ms:.1f}",
                str(len(timing.queries)),
                f"< {target}",
                verdict,
            ]
        )
    vendor = connection.vendor
    version = connection.Database.sqlite_version if vendor == "sqlite" else connection.pg_version
    print(
        f"gongkai applications · Python {platform.python_version()} · {vendor} {version} · {pinned}"
    )
    made = "kept from an earlier run" if seconds is None else f"inserted in {seconds:.0f} s"
    print(f"{args.cases:,} cases in one organ, {made}; {args.rounds} rounds after a warm-up")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    headers = ["measurement", "wall ms (median)", "wall ms (best)", "CPU ms", "server ms"]
    print_rows([*headers, "queries", "target ms", ""], results)
    if args.explain:
        for name, plans in all_plans:
            print(f"\n── {name}")
            for plan in plans:
                print(plan)


if __name__ == "__main__":
    main()
