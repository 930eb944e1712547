"""How long a bulk import of 1,000 reports takes (read, match, check, file), on this machine.

    .venv/bin/python benchmarks/bulk_import.py                 # 1,000 reports, -j 2
    .venv/bin/python benchmarks/bulk_import.py --count 100     # a smoke run

The reports are the seed report as published (``../shared/corpus/raw/seed-qingshan-justice-
2023.txt``), each with its organ's name replaced by one of 1,000 organs created below a county
government, written to a folder and imported through the same service as
``python -m gongkai.web import_reports`` (a fresh SQLite database, or PostgreSQL under
``scripts/with-postgres``). Target: 1,000 reports in under 2 minutes with 2 processes.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from supervision_pages import ensure_database  # configures Django on import

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "raw"
SEED_TEXT = SEED / "seed-qingshan-justice-2023.txt"
TARGET_SECONDS = 120


def main() -> None:
    # Imported here, once supervision_pages has configured Django.
    from django.core.management import call_command

    from gongkai.web.accounts import services as accounts
    from gongkai.web.accounts.models import Role
    from gongkai.web.organs.models import Organ
    from gongkai.web.supervision import bulk

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    if not SEED_TEXT.is_file():
        raise SystemExit(f"the corpus is missing: {SEED_TEXT}")
    ensure_database()
    call_command("migrate", verbosity=0)
    root = Organ.objects.create(name="导入基准区人民政府", kind="county_government")
    names = [f"导入基准区第{n:04d}局" for n in range(args.count)]
    Organ.objects.bulk_create(Organ(name=name, kind="department", parent=root) for name in names)
    user = accounts.create_account(None, username="importer", password="x" * 12, validate=False)
    accounts.grant_role(None, user, Role.SUPERVISOR, organ=root)
    text = SEED_TEXT.read_text(encoding="utf-8")
    folder = Path(tempfile.mkdtemp(prefix="gongkai-bulk-"))
    for name in names:
        (folder / f"{name}.txt").write_text(text.replace("青山区司法局", name), encoding="utf-8")
    started = time.perf_counter()
    cpu = time.process_time()
    batch = bulk.start_folder_import(user, root, folder)
    batch = bulk.run_import(batch.pk, args.jobs)
    wall, used = time.perf_counter() - started, time.process_time() - cpu
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = workers.ru_utime + workers.ru_stime
    counts = bulk.count_outcomes(batch)
    print(f"{args.count} reports, -j {args.jobs}, load average {os.getloadavg()[0]:.1f}")
    print(f"outcomes: {counts}")
    rate = args.count / wall
    print(f"wall {wall:.1f} s ({rate:.1f} reports/s)")
    print(f"CPU: main process {used:.1f} s, reading processes {children:.1f} s")
    verdict = "met" if wall < TARGET_SECONDS * args.count / 1000 else "NOT met"
    print(f"Target: 1,000 reports in < {TARGET_SECONDS} s (scaled to {args.count}): {verdict}")


if __name__ == "__main__":
    main()
