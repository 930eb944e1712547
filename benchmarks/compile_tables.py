"""How long compiling tables 二 and 四 from an organ's records takes, as the records grow.

    .venv/bin/python benchmarks/compile_tables.py            # the full run (about a minute)
    .venv/bin/python benchmarks/compile_tables.py --quick    # a smoke run of a few seconds

A throwaway SQLite database (migrated from scratch) holds one organ with N registered documents
(issued over 2015–2024, a third abolished later), ten years of monthly figures and N/2 复议/诉讼
cases (filed over 2015–2024, most closed), built from ``random.Random(0)``; a second organ holds
the same amount, so the queries must filter. Each measurement times ``compile_table2(organ,
2024)`` and ``compile_table4(organ, 2024)``: one aggregate query per source, whatever N is.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import sys
import tempfile
from pathlib import Path

from timing import measure, pin_to_one_core, print_rows

D = datetime.date


def _setup(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
    os.environ["GONGKAI_DEBUG"] = "1"
    os.environ["GONGKAI_DATA_DIR"] = str(folder)
    os.environ["GONGKAI_SQLITE_PATH"] = str(folder / "bench.sqlite3")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _fill(organ: object, documents: int, rng: random.Random) -> None:
    from gongkai.web.appeals.models import Case
    from gongkai.web.registers.models import Document, MonthlyFigures

    first = D(2015, 1, 1)
    days = (D(2024, 12, 31) - first).days
    rows = []
    for n in range(documents):
        issued = first + datetime.timedelta(days=rng.randrange(days))
        abolished = issued + datetime.timedelta(days=rng.randrange(1, 2000)) if n % 3 == 0 else None
        kind = "regulations" if n % 10 == 0 else "normative_docs"
        rows.append(
            Document(
                organ=organ, kind=kind, title=f"文件{n}", issued_on=issued, abolished_on=abolished
            )
        )
    Document.objects.bulk_create(rows, batch_size=2000)
    MonthlyFigures.objects.bulk_create(
        MonthlyFigures(
            organ=organ, year=y, month=m, licensing=rng.randrange(50), punishment=rng.randrange(20)
        )
        for y in range(2015, 2025)
        for m in range(1, 13)
    )
    cases = []
    for n in range(documents // 2):
        filed = first + datetime.timedelta(days=rng.randrange(days))
        kind = ("review", "litigation_direct", "litigation_after_review")[n % 3]
        if n % 5 == 0:
            cases.append(Case(organ=organ, kind=kind, body="法院", filed_on=filed))
        else:
            closed = filed + datetime.timedelta(days=rng.randrange(1, 200))
            result = ("upheld", "corrected", "other")[n % 3]
            cases.append(
                Case(
                    organ=organ,
                    kind=kind,
                    body="法院",
                    filed_on=filed,
                    result=result,
                    closed_on=closed,
                )
            )
    Case.objects.bulk_create(cases, batch_size=2000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds")
    args = parser.parse_args(argv)
    pinned = pin_to_one_core()
    sizes = (1_000,) if args.quick else (1_000, 10_000, 100_000)
    rounds, seconds = (3, 0.2) if args.quick else (7, 0.5)
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as folder:
        _setup(Path(folder))
        from gongkai import OrganKind
        from gongkai.web.appeals.compiling import compile_table4
        from gongkai.web.organs.services import create_organ
        from gongkai.web.registers.compiling import compile_table2

        print(f"Python {platform.python_version()} · SQLite · {pinned}")
        print(f"{rounds} rounds per measurement, each at least {seconds} s, after a warm-up")
        body = []
        for size in sizes:
            rng = random.Random(0)
            organ = create_organ(None, name=f"机关{size}", kind=OrganKind.DEPARTMENT)
            other = create_organ(None, name=f"另一机关{size}", kind=OrganKind.DEPARTMENT)
            _fill(organ, size, rng)
            _fill(other, size, rng)
            for name, compile_one in (("table 二", compile_table2), ("table 四", compile_table4)):
                result = measure(
                    name,
                    lambda f=compile_one, o=organ: f(o, 2024),
                    1,
                    rounds=rounds,
                    min_round_seconds=seconds,
                )
                body.append(
                    [
                        name,
                        f"{size:,}",
                        f"{size // 2:,}",
                        f"{1000 / result.median:.2f}",
                        f"{1000 / result.best:.2f}",
                    ]
                )
        print_rows(
            ["compile", "documents", "cases", "ms (median)", "ms (best)"],
            body,
            "compile_table2 / compile_table4 for 2024, one organ among two",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
