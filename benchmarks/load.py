"""Load on the production server: gunicorn (deploy/gunicorn.conf.py) with the demo data, driven by
an asyncio client (httpx) over loopback, bounded in time and in requests.

    .venv/bin/python benchmarks/load.py                              # SQLite, about 2 minutes
    scripts/with-postgres .venv/bin/python benchmarks/load.py        # PostgreSQL (DATABASE_URL)
    .venv/bin/python benchmarks/load.py --seconds 5 --connections 10 # a smoke run

A fresh installation is made in a temporary folder as docs/deployment.md says (migrate, demo data,
collectstatic; on PostgreSQL a fresh database named by DATABASE_URL), then gunicorn starts with
``--workers`` workers on a free loopback port. Each scenario keeps ``--connections`` connections
busy for ``--seconds`` seconds (or ``--requests`` requests, whichever comes first), each request
sent as nginx forwards it (``X-Forwarded-Proto: https``):

* ``report page``: the clerk opens the bureau's report (its findings and marked tables);
* ``supervisor page``: the district's supervisor opens the overview of the organs below it;
* ``portal home``, ``portal column``, ``portal item``, ``portal search``: the public portal of
  the bureau, as anybody on the internet sees it (no session): its home page, the list of one
  catalogue column, one published item, a search for a word of an item's title;
* ``API``: a token lists the reports (``/api/v1/reports/``) and fetches one with its data;
* ``mix``: all of the above at once, and one of the connections uploading the bundled canonical
  JSON report again and again as a new version (one clerk filing while everybody reads).

Latency is measured by the client from sending to the last byte. Server CPU is the gunicorn
processes' user + system time (``/proc``) over the scenario, divided by the requests served: what
one request costs a core, whatever else the machine is doing. ``req/s per core`` is the throughput
divided by the machine's cores (client and server share them). ``cores for p95 100 ms`` is
Little's law: ``connections`` requests always in flight are answered within about 0.1 s only if the
server serves ``connections / 0.1`` requests a second, and each costs ``server CPU ms/req``.

The installation takes about two minutes to prepare; ``--keep DIR`` keeps it in ``DIR`` and a later
run with the same ``--keep DIR`` (and the same ``DATABASE_URL``) serves it again without preparing
it anew, so that the figures can be re-taken quickly on a quieter machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import gongkai  # noqa: E402
from deploy.server import (  # noqa: E402
    DEMO_PASSWORD,
    PROXY_HEADERS,
    cookie_header,
    gunicorn,
    install,
    login,
    manage,
    production_environment,
)
from timing import print_rows  # noqa: E402

UPLOAD = Path(gongkai.__file__).parent / "samples" / "qingshan-justice-2023.json"
TICKS = os.sysconf("SC_CLK_TCK")

Request = Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: int = 0  # no answer at all (connection error, timeout)

    @property
    def count(self) -> int:
        return len(self.latencies)


# ── the server's CPU ──────────────────────────────────────────────────────────────────────────


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def server_cpu_seconds(master: int) -> float:
    """User + system time of the gunicorn master and its live workers (and reaped ones)."""
    total = 0.0
    for pid in [master, *_children(master)]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, cutime, cstime are fields 14-17 of stat (11-14 after the name).
        total += sum(int(value) for value in fields[11:15]) / TICKS
    return total


# ── the scenarios ─────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Site:
    base_url: str
    clerk: dict[str, str]
    supervisor: dict[str, str]
    token: str
    report_url: str
    api_report: str
    supervisor_url: str
    upload_url: str
    portal: dict[str, str]  # portal page -> its URL


def _get(url: str, cookies: dict[str, str] | None = None, token: str | None = None) -> Request:
    headers = dict(PROXY_HEADERS)
    if cookies:
        headers["Cookie"] = cookie_header(cookies)
    if token:
        headers["Authorization"] = f"Token {token}"

    async def send(client: httpx.AsyncClient) -> httpx.Response:
        return await client.get(url, headers=headers)

    return send


def _upload(site: Site) -> Request:
    host = urlsplit(site.base_url).netloc
    headers = {
        **PROXY_HEADERS,
        "Cookie": cookie_header(site.clerk),
        "Origin": f"https://{host}",
        "Referer": f"https://{host}{site.upload_url}",
    }
    content = UPLOAD.read_bytes()

    async def send(client: httpx.AsyncClient) -> httpx.Response:
        form = await client.get(site.upload_url, headers=headers)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert token is not None, "上传页没有 CSRF 令牌"
        return await client.post(
            site.upload_url,
            headers=headers,
            data={"csrfmiddlewaretoken": token.group(1)},
            files={"file": (UPLOAD.name, content, "application/json")},
        )

    return send


def scenarios(site: Site) -> dict[str, list[Request]]:
    report = _get(site.report_url, site.clerk)
    supervisor = _get(site.supervisor_url, site.supervisor)
    portal = {f"portal {page}": _get(url) for page, url in site.portal.items()}
    api = [_get("/api/v1/reports/", token=site.token), _get(site.api_report, token=site.token)]
    return {
        "report page": [report],
        "supervisor page": [supervisor],
        **{name: [page] for name, page in portal.items()},
        "API": api,
        "mix": [report, report, supervisor, *portal.values(), *api],
    }


async def _connection(
    client: httpx.AsyncClient,
    requests: list[Request],
    outcome: Outcome,
    deadline: float,
    budget: list[int],
    offset: int,
) -> None:
    turn = offset
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        send = requests[turn % len(requests)]
        turn += 1
        started = time.perf_counter()
        try:
            response = await send(client)
        except httpx.HTTPError:
            outcome.failures += 1
            continue
        outcome.latencies.append(time.perf_counter() - started)
        outcome.statuses[response.status_code] += 1


async def run(
    site: Site, requests: list[Request], connections: int, seconds: float, limit: int, upload: bool
) -> tuple[Outcome, float, Outcome]:
    outcome, uploads = Outcome(), Outcome()
    budget = [limit]
    limits = httpx.Limits(max_connections=connections + 1, max_keepalive_connections=connections)
    timeout = httpx.Timeout(60.0)
    async with httpx.AsyncClient(base_url=site.base_url, limits=limits, timeout=timeout) as client:
        started = time.monotonic()
        deadline = started + seconds
        readers = connections - 1 if upload else connections
        tasks = [
            _connection(client, requests, outcome, deadline, budget, offset)
            for offset in range(readers)
        ]
        if upload:
            tasks.append(_connection(client, [_upload(site)], uploads, deadline, [limit], 0))
        await asyncio.gather(*tasks)
        elapsed = time.monotonic() - started
    return outcome, elapsed, uploads


def client_process(
    site: Site, scenario: str, connections: int, seconds: float, limit: int, upload: bool
) -> tuple[Outcome, float, Outcome, float]:
    """One client process's share of a scenario (picklable arguments, for a process pool);
    its outcome, elapsed time, uploads and CPU seconds."""
    started = time.process_time()
    outcome, elapsed, uploads = asyncio.run(
        run(site, scenarios(site)[scenario], connections, seconds, limit, upload)
    )
    return outcome, elapsed, uploads, time.process_time() - started


def run_spread(
    site: Site, scenario: str, connections: int, seconds: float, limit: int, clients: int
) -> tuple[Outcome, float, Outcome, float]:
    """The scenario's connections spread over ``clients`` processes (one Python process cannot
    drive 50 connections fast enough on a small machine); the merged outcome."""
    shares = [connections // clients + (i < connections % clients) for i in range(clients)]
    with ProcessPoolExecutor(max_workers=clients) as pool:
        futures = [
            pool.submit(
                client_process,
                site,
                scenario,
                share,
                seconds,
                limit // clients,
                scenario == "mix" and i == 0,
            )
            for i, share in enumerate(shares)
            if share
        ]
        results = [future.result() for future in futures]
    merged, uploads = Outcome(), Outcome()
    for outcome, _, uploaded, _ in results:
        merged.latencies += outcome.latencies
        merged.statuses.update(outcome.statuses)
        merged.failures += outcome.failures
        uploads.latencies += uploaded.latencies
        uploads.statuses.update(uploaded.statuses)
    elapsed = max(result[1] for result in results)
    return merged, elapsed, uploads, sum(result[3] for result in results)


# ── setting up ────────────────────────────────────────────────────────────────────────────────


def _shell(environment: dict[str, str], code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.web", "shell", "-c", code],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def prepare(environment: dict[str, str]) -> dict[str, str]:
    """The URLs and the API token the scenarios use, read from the demo data."""
    code = (
        "from gongkai.web.accounts.models import User;"
        "from gongkai.web.accounts.services import create_api_token;"
        "from gongkai.web.organs.models import Organ;"
        "from gongkai.web.publishing.selectors import published_items;"
        "from gongkai.web.reports.models import AnnualReport;"
        "bureau = Organ.objects.get(name='青山区司法局');"
        "district = Organ.objects.get(name='青山区人民政府');"
        "report = AnnualReport.objects.filter(organ=bureau, is_current=True).latest('year');"
        "item = published_items(bureau).order_by('-published_at', '-id').first();"
        "token = create_api_token(User.objects.get(username='supervisor'), 'load')[1];"
        "print(report.pk, report.year, bureau.pk, district.pk, item.pk, item.node_id,"
        " item.title[:2].encode().hex(), token)"
    )
    report, year, bureau, district, item, column, word, token = _shell(environment, code).split()
    query = urlencode({"q": bytes.fromhex(word).decode()})
    return {
        "report_url": f"/reports/{report}/",
        "api_report": f"/api/v1/reports/{report}/",
        "supervisor_url": f"/supervision/{district}/{year}/",
        "upload_url": f"/reports/organ/{bureau}/upload/",
        "portal_home": f"/open/{bureau}/",
        "portal_column": f"/open/{bureau}/column/{column}/",
        "portal_item": f"/open/{bureau}/item/{item}/",
        "portal_search": f"/open/{bureau}/search/?{query}",
        "token": token,
    }


def installed(
    folder: Path, environment: dict[str, str], database_url: str | None
) -> dict[str, str]:
    """The scenarios' URLs and token: from ``folder`` when an earlier run prepared it for the same
    database, else from a fresh installation made there now."""
    marker = folder / "load-prepared.json"
    if marker.exists():
        kept = json.loads(marker.read_text())
        if kept.get("database_url") == (database_url or ""):
            print(f"reusing the installation in {folder}", file=sys.stderr)
            # The code may have changed since: its migrations and static files (both no-ops
            # when nothing did).
            manage(environment, "migrate", "--noinput", "-v0")
            manage(environment, "collectstatic", "--noinput", "-v0")
            return dict(kept["names"])
    if database_url:
        fresh_postgres_database(database_url)
    install(environment)
    names = prepare(environment)
    marker.write_text(json.dumps({"database_url": database_url or "", "names": names}))
    return names


def fresh_postgres_database(url: str) -> None:
    """Drop and create the database named by ``url`` (a throwaway cluster's, as
    scripts/with-postgres gives)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8'")


# ── the report ────────────────────────────────────────────────────────────────────────────────


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def cores_for(connections: int, cpu_per_request: float, seconds: float = 0.1) -> float:
    """Little's law: ``connections`` requests always in flight, each answered within
    ``seconds``, need ``connections / seconds`` requests a second, each ``cpu_per_request``
    seconds of a core (the server's alone: the clients and the database come on top)."""
    return connections / seconds * cpu_per_request


def row(
    name: str, outcome: Outcome, elapsed: float, cpu: float, connections: int, load: float
) -> list[str]:
    cores = os.cpu_count() or 1
    if not outcome.count:
        return [name, "0", "-", "-", "-", "-", "-", str(outcome.failures), "-", "-", "-", "-"]
    rate = outcome.count / elapsed
    bad = sum(n for status, n in outcome.statuses.items() if status >= 400) + outcome.failures
    return [
        name,
        f"{outcome.count:,}",
        f"{rate:,.0f}",
        f"{rate / cores:,.0f}",
        _ms(statistics.median(outcome.latencies)),
        _ms(_percentile(outcome.latencies, 0.95)),
        _ms(_percentile(outcome.latencies, 0.99)),
        str(bad),
        f"{cpu / outcome.count * 1000:,.1f}",
        f"{outcome.count / cpu:,.0f}" if cpu else "-",
        f"{cores_for(connections, cpu / outcome.count):,.1f}",
        f"{load:.1f}",
    ]


HEADERS = [
    "scenario",
    "requests",
    "req/s",
    "req/s per core",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "server CPU ms/req",
    "req per CPU-s",
    "cores for p95 100 ms",
    "load avg",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="每个场景的时长（秒）")
    parser.add_argument("--requests", type=int, default=20000, help="每个场景最多的请求数")
    parser.add_argument("--connections", type=int, default=50, help="并发连接数")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker 数")
    parser.add_argument("--clients", type=int, default=4, help="客户端进程数")
    parser.add_argument("--only", action="append", help="只运行这些场景（可重复）")
    parser.add_argument(
        "--keep", type=Path, help="把安装保留在这个目录，下次用同一目录时直接复用（默认临时目录）"
    )
    parser.add_argument(
        "--worker-class", default="sync", choices=["sync", "gthread"], help="gunicorn worker 类型"
    )
    parser.add_argument("--threads", type=int, default=4, help="gthread 每个 worker 的线程数")
    arguments = parser.parse_args(argv)

    database_url = os.environ.get("DATABASE_URL")
    folder = arguments.keep or Path(tempfile.mkdtemp(prefix="gongkai-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    environment = production_environment(folder.resolve(), database_url)
    if arguments.worker_class != "sync":
        environment["GUNICORN_CMD_ARGS"] = (
            f"--worker-class {arguments.worker_class} --threads {arguments.threads}"
        )
    names = installed(folder, environment, database_url)

    print(
        f"gongkai {gongkai.__version__} · Python {platform.python_version()} · "
        f"{os.cpu_count()} cores · database: {'PostgreSQL' if database_url else 'SQLite'} · "
        f"gunicorn, {arguments.workers} {arguments.worker_class} workers"
        f"{f' × {arguments.threads} threads' if arguments.worker_class == 'gthread' else ''} · "
        f"{arguments.connections} connections "
        f"from {arguments.clients} client processes · load average {os.getloadavg()[0]:.1f} · "
        f"{arguments.seconds:g} s or {arguments.requests:,} requests per scenario"
    )
    rows: list[list[str]] = []
    with gunicorn(environment, workers=arguments.workers, log=folder / "gunicorn.log") as server:
        base = server.base_url
        site = Site(
            base_url=base,
            clerk=login(base, "clerk", DEMO_PASSWORD),
            supervisor=login(base, "supervisor", DEMO_PASSWORD),
            token=names["token"],
            report_url=names["report_url"],
            api_report=names["api_report"],
            supervisor_url=names["supervisor_url"],
            upload_url=names["upload_url"],
            portal={page: names[f"portal_{page}"] for page in ("home", "column", "item", "search")},
        )
        for name in scenarios(site):
            if arguments.only and name not in arguments.only:
                continue
            # Warm every worker (caches, first connections) before timing.
            run_spread(site, name, arguments.connections, 2.0, 500, arguments.clients)
            cpu_before = server_cpu_seconds(server.pid)
            outcome, elapsed, uploads, client_cpu = run_spread(
                site,
                name,
                arguments.connections,
                arguments.seconds,
                arguments.requests,
                arguments.clients,
            )
            cpu = server_cpu_seconds(server.pid) - cpu_before
            served = outcome.count + uploads.count * 2  # an upload is a GET and a POST
            share = cpu * outcome.count / max(served, 1)
            load = os.getloadavg()[0]
            rows.append(row(name, outcome, elapsed, share, arguments.connections, load))
            if name == "mix":
                uploaded = row("  of which uploads", uploads, elapsed, 0.0, 1, load)
                rows.append([*uploaded[:8], "-", "-", "-", "-"])
            print(
                f"{name}: statuses {dict(outcome.statuses)}, uploads {dict(uploads.statuses)}, "
                f"client CPU {client_cpu / max(outcome.count, 1) * 1000:.1f} ms/req",
                file=sys.stderr,
            )
    print_rows(HEADERS, rows)
    print(f"load average at the end: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
