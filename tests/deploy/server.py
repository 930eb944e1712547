"""A production installation in a temporary folder, served by gunicorn as docs/deployment.md
says: migrate, load the demo data, collect the static files, start gunicorn on a free loopback
port. Shared by the deploy tests and benchmarks/load.py."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
SECRET = "deploy-test-secret-" + "k" * 40
DEMO_PASSWORD = "gongkai-demo-2024"  # web/demo: every demo account's password


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def production_environment(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    """The environment of docs/deployment.md: production settings behind a proxy."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "VIRTUAL_ENV", "GONGKAI_CORPUS_DIR"}
    environment = {key: value for key, value in os.environ.items() if key in keep}
    environment.update(
        {
            "GONGKAI_SECRET_KEY": SECRET,
            "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "GONGKAI_DATA_DIR": str(data_dir),
            "GONGKAI_BEHIND_PROXY": "1",
            "GONGKAI_CALENDAR_WARN_FROM_MONTH": "13",
        }
    )
    if database_url:
        environment["DATABASE_URL"] = database_url
    return environment


def manage(environment: dict[str, str], *arguments: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "gongkai.web", *arguments],
        env=environment,
        check=True,
        capture_output=True,
    )


def install(environment: dict[str, str]) -> None:
    """The documented installation steps, with the demo data."""
    manage(environment, "migrate", "--noinput", "-v0")
    manage(environment, "load_demo")
    manage(environment, "collectstatic", "--noinput", "-v0")


# nginx sets this on every request it forwards (deploy/nginx/gongkai.conf).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    cookies: list[tuple[str, str]]


def request(
    base_url: str, method: str, path: str, body: bytes | None, headers: dict[str, str] | None
) -> Answer:
    """One request as nginx would forward it (no redirect followed)."""
    parts = urlsplit(base_url)
    connection = HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request(method, path, body, headers={**PROXY_HEADERS, **(headers or {})})
        response = connection.getresponse()
        cookies = [
            tuple(value.split(";", 1)[0].split("=", 1))
            for name, value in response.getheaders()
            if name.lower() == "set-cookie"
        ]
        return Answer(
            response.status,
            dict(response.getheaders()),
            response.read(),
            [(c[0], c[1]) for c in cookies if len(c) == 2],
        )
    finally:
        connection.close()


def fetch(base_url: str, path: str, headers: dict[str, str] | None = None) -> Answer:
    return request(base_url, "GET", path, None, headers)


def post(base_url: str, path: str, body: bytes, headers: dict[str, str]) -> Answer:
    return request(base_url, "POST", path, body, headers)


def _cookies(answer: Answer, jar: dict[str, str]) -> dict[str, str]:
    for name, value in answer.cookies:
        jar[name] = value
    return jar


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def login(base_url: str, username: str, password: str) -> dict[str, str]:
    """The cookies of a logged-in session, through the login form (with its CSRF token)."""
    page = fetch(base_url, "/accounts/login/")
    jar = _cookies(page, {})
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    if token is None:
        raise RuntimeError("登录页没有 CSRF 令牌")
    form = urlencode(
        {"csrfmiddlewaretoken": token.group(1).decode(), "username": username, "password": password}
    )
    host = urlsplit(base_url).netloc
    answer = post(
        base_url,
        "/accounts/login/",
        form.encode(),
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(jar),
            "Origin": f"https://{host}",
            "Referer": f"https://{host}/accounts/login/",
        },
    )
    if answer.status != 302:
        raise RuntimeError(f"{username} 登录失败（{answer.status}）")
    return _cookies(answer, jar)


def wait_until_serving(base_url: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn 已退出（返回码 {process.returncode}）")
        try:
            fetch(base_url, "/accounts/login/")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn 在 {seconds} 秒内没有开始服务")


@dataclass(frozen=True)
class Server:
    base_url: str
    pid: int  # the gunicorn master's


@contextmanager
def gunicorn(
    environment: dict[str, str], workers: int = 2, log: Path | None = None
) -> Iterator[Server]:
    """gunicorn with deploy/gunicorn.conf.py on a free loopback port, until the block ends."""
    port = free_port()
    environment = {**environment, "GONGKAI_BIND": f"127.0.0.1:{port}"}
    environment["WEB_CONCURRENCY"] = str(workers)
    output = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG), "gongkai.web.wsgi"],
        env=environment,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base_url, process, 60)
        yield Server(base_url, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            output.close()  # type: ignore[union-attr]
