"""The database into a file and back: SQLite through its online backup API (consistent while the
site keeps serving), PostgreSQL through ``pg_dump --format=custom`` and ``pg_restore``."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from gongkai.web.operations.archive import BackupError

DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"不支持备份这种数据库：{connection.vendor}")
    return str(connection.vendor)


def dump(to: Path) -> None:
    """The whole database into the file ``to``."""
    if vendor() == "sqlite":
        _sqlite_dump(to)
    else:
        _run_pg("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={to}")


def load(source: Path) -> None:
    """The database replaced by the dump in ``source`` (made by ``dump`` on the same vendor)."""
    if vendor() == "sqlite":
        _sqlite_load(source)
    else:
        connection.close()
        _run_pg(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        )


def _sqlite_dump(to: Path) -> None:
    connection.ensure_connection()
    target = sqlite3.connect(to)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def _sqlite_load(source: Path) -> None:
    # Written through the site's own connection, page by page: no other connection sees a
    # half-copied file, and the WAL stays consistent.
    connection.ensure_connection()
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        origin.backup(connection.connection)
    finally:
        origin.close()


# ── PostgreSQL ────────────────────────────────────────────────────────────────────────────────


def pg_binary(name: str) -> str:
    """``pg_dump``/``pg_restore`` from GONGKAI_PG_BIN_DIR, else the newest Debian cluster's
    binaries (which can read every older server's), else the PATH."""
    folders = [settings.GONGKAI_PG_BIN_DIR] if settings.GONGKAI_PG_BIN_DIR else []
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    folders += [str(path) for path in reversed(debian)]
    for folder in folders:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"找不到 {name}：请安装 postgresql-client，或设置 GONGKAI_PG_BIN_DIR")
    return found


def _pg_environment(database: dict[str, Any]) -> dict[str, str]:
    environment = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    for option, value in database.get("OPTIONS", {}).items():
        if option == "sslmode":
            environment["PGSSLMODE"] = str(value)
    return environment


def _run_pg(program: str, *arguments: str) -> None:
    # settings_dict is the live connection's: under the tests it names the test database.
    result = subprocess.run(
        [pg_binary(program), *arguments],
        env=_pg_environment(connection.settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{program} 失败：{result.stderr.strip()[-800:]}")
