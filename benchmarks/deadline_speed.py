"""How many deadline computations ``gongkai.law`` does per second on one core.

    .venv/bin/python benchmarks/deadline_speed.py            # the full run (about half a minute)
    .venv/bin/python benchmarks/deadline_speed.py --quick    # a smoke run of a few seconds

Inputs, built from ``random.Random(0)`` with receipt dates spread over 2019-06 … 2026-10 (all in
confirmed years):

* ``add_workdays``: one "+20 working days" (第三十三条第二款) — the calendar arithmetic alone;
* ``plain``: ``compute_deadlines`` of an application with only its receipt (reply and 补正-notice
  deadlines);
* ``mixed``: a realistic mix — a third with a 补正, a quarter with a third-party consultation, a
  fifth with an extension, a tenth with a fee notice, and a reply date for half of them;
* ``mixed + steps``: the same, also writing the calculation out (``result.steps()``), which the
  web page shows but a list of due dates does not need.

Each measurement warms up, then times several rounds with ``time.perf_counter`` (garbage
collection off during a round); the table gives the best and the median round.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import gongkai
from gongkai.law import (
    ApplicationEvents,
    Consultation,
    ConsultationKind,
    Correction,
    Extension,
    FeeNotice,
    Receipt,
    add_workdays,
    compute_deadlines,
    default_calendar,
)
from timing import Measurement, measure, pin_to_one_core, print_rows

TARGET = 50_000  # deadline computations per second, one core
FIRST, DAYS = date(2019, 6, 1), (date(2026, 10, 1) - date(2019, 6, 1)).days
AS_OF = date(2026, 11, 1)


def plain_events(rng: random.Random, count: int) -> list[ApplicationEvents]:
    return [
        ApplicationEvents(Receipt(FIRST + timedelta(days=rng.randrange(DAYS))))
        for _ in range(count)
    ]


def mixed_events(rng: random.Random, count: int) -> list[ApplicationEvents]:
    result = []
    for _ in range(count):
        received = FIRST + timedelta(days=rng.randrange(DAYS))
        start = received
        correction = consultations = extension = fee = replied = None
        if rng.random() < 1 / 3:
            sent = received + timedelta(days=rng.randint(1, 8))
            start = sent + timedelta(days=rng.randint(1, 10))
            correction = Correction(sent, start)
        if rng.random() < 1 / 4:
            began = start + timedelta(days=rng.randint(1, 10))
            consultations = (
                Consultation(
                    ConsultationKind.THIRD_PARTY, began, began + timedelta(days=rng.randint(3, 20))
                ),
            )
        if rng.random() < 1 / 5:
            extension = Extension(start + timedelta(days=20))
        if rng.random() < 1 / 10 and start.year >= 2021:  # 109号 applies from 2021
            notice = start + timedelta(days=rng.randint(3, 15))
            fee = FeeNotice(notice, paid=notice + timedelta(days=rng.randint(1, 30)))
        if rng.random() < 1 / 2:
            replied = start + timedelta(days=rng.randint(5, 40))
        result.append(
            ApplicationEvents(
                Receipt(received),
                correction=correction,
                consultations=consultations or (),
                extension=extension,
                fee=fee,
                replied=replied,
            )
        )
    return result


def print_table(rows: Sequence[Measurement]) -> None:
    headers = ("input set", "items", "per second (median)", "per second (best)", "µs/item")
    body = [
        (
            row.name,
            f"{row.items:,}",
            f"{row.median:,.0f}",
            f"{row.best:,.0f}",
            f"{1e6 / row.median:,.2f}",
        )
        for row in rows
    ]
    print_rows(headers, body)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run, not a measurement")
    parser.add_argument("--rounds", type=int, help="timed rounds per measurement")
    args = parser.parse_args(argv)
    rounds = args.rounds or (2 if args.quick else 7)
    min_round_seconds = 0.02 if args.quick else 0.5
    count = 200 if args.quick else 5_000

    pinned = pin_to_one_core()
    print(
        f"gongkai {gongkai.__version__} · Python {platform.python_version()} "
        f"({platform.python_implementation()}) · {platform.machine()} · {pinned}"
    )
    print(f"{rounds} rounds per measurement, each at least {min_round_seconds} s, after a warm-up")
    if args.quick:
        print("--quick: a smoke run with a small input set; the figures are not a measurement")

    started = time.perf_counter()
    calendar = default_calendar()
    print(f"calendar loaded in {1e3 * (time.perf_counter() - started):.1f} ms (once per process)")
    rng = random.Random(0)
    starts = [FIRST + timedelta(days=rng.randrange(DAYS)) for _ in range(count)]
    plain = plain_events(rng, count)
    mixed = mixed_events(rng, count)

    def run_add() -> None:
        for day in starts:
            add_workdays(day, 20)

    def run(events: list[ApplicationEvents], steps: bool) -> Callable[[], None]:
        def one_pass() -> None:
            for item in events:
                result = compute_deadlines(item, as_of=AS_OF, calendar=calendar)
                if steps:
                    result.steps()

        return one_pass

    settings = {"rounds": rounds, "min_round_seconds": min_round_seconds}
    rows = [
        measure("add_workdays (+20)", run_add, count, **settings),
        measure("plain", run(plain, False), count, **settings),
        measure("mixed", run(mixed, False), count, **settings),
        measure("mixed + steps", run(mixed, True), count, **settings),
    ]
    print_table(rows)
    deadline_rows = [row for row in rows if row.name in ("plain", "mixed")]
    slowest = min(deadline_rows, key=lambda row: row.median)
    verdict = "met" if slowest.median >= TARGET else "NOT met"
    print(
        f"\nTarget ≥ {TARGET:,} deadline computations/s (without steps): {verdict} "
        f"(slowest set: {slowest.name}, {slowest.median:,.0f}/s median)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
