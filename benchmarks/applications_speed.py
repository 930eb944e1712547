"""The applications workbench with a million cases: table 三 compiled for a year, the clerk's
dashboard and the case list (keyset pagination), on SQLite or PostgreSQL.

    .venv/bin/python benchmarks/applications_speed.py                     # SQLite, 1,000,000 cases
    scripts/with-postgres .venv/bin/python benchmarks/applications_speed.py   # PostgreSQL
    .venv/bin/python benchmarks/applications_speed.py --cases 20000       # a smoke run

The cases all belong to one organ (the hardest case for its indexes), received on working and
other days from 2017-01 to 2026-11 (about 100,000 a year); 98 % are answered 3–40 days after
receipt with an outcome drawn from every table 三 row, 2 % are still open with a deadline around
today. They are written straight into the table (``COPY`` on PostgreSQL, ``executemany`` on
SQLite): building them through the services would take hours and measure nothing asked here.

Targets (issue 10): table 三 of a year under 1 s; the dashboard and a page of the case list under
100 ms per request — measured as whole requests through Django's test client, logged in as the
clerk, after a warm-up.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import secrets
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import pin_to_one_core, print_rows

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
os.environ.setdefault("GONGKAI_SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
os.environ["GONGKAI_HTTPS"] = "0"
os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-bench-"))
os.environ.setdefault("GONGKAI_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")


def create_database() -> None:
    """scripts/with-postgres starts an empty cluster: create the database DATABASE_URL names."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')


create_database()

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
from gongkai.web.accounts.models import Role  # noqa: E402
from gongkai.web.applications import clock  # noqa: E402
from gongkai.web.applications.models import Application  # noqa: E402
from gongkai.web.applications.selectors import compile_table_three, dashboard  # noqa: E402
from gongkai.web.organs.services import create_organ  # noqa: E402

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
    if connection.vendor == "postgresql":
        # VACUUM as autovacuum would: index-only scans need the visibility map.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {table}")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def timed(function: Callable[[], object], rounds: int) -> tuple[float, float]:
    function()  # warm-up
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    samples.sort()
    return samples[len(samples) // 2] * 1000, samples[0] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    pinned = pin_to_one_core()
    call_command("migrate", verbosity=0)
    organ = create_organ(None, name="青山区司法局", kind=OrganKind.DEPARTMENT)
    clerk = accounts.create_account(None, username="clerk", password="x" * 12, validate=False)
    accounts.grant_role(None, clerk, Role.CLERK, organ=organ)
    today = clock.today()
    seconds = insert(organ.pk, args.cases, today)
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
    results = []
    for name, function, target in measured:
        median, best = timed(function, args.rounds)
        verdict = "met" if median < target else "MISSED"
        results.append([name, f"{median:.1f}", f"{best:.1f}", f"< {target}", verdict])
    vendor = connection.vendor
    version = connection.Database.sqlite_version if vendor == "sqlite" else connection.pg_version
    print(
        f"gongkai applications · Python {platform.python_version()} · {vendor} {version} · {pinned}"
    )
    print(f"{args.cases:,} cases in one organ, inserted in {seconds:.0f} s; {args.rounds} rounds")
    print_rows(["measurement", "ms (median)", "ms (best)", "target ms", ""], results)


if __name__ == "__main__":
    main()
