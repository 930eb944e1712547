"""Typed settings from the environment, and the list of every setting read (for the docs test).

Each helper records the variable it reads, so ``docs/configuration.md`` can be checked against the
settings module. A secret may also come from a file named by ``<NAME>_FILE`` (Docker secrets).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    kind: str
    default: str


READ: dict[str, Variable] = {}


class ConfigurationError(Exception):
    """A setting in the environment has a value of the wrong form."""


def _raw(name: str, kind: str, default: object) -> str | None:
    READ[name] = Variable(name, kind, "" if default is None else str(default))
    value = os.environ.get(name)
    return None if value is None or value == "" else value


def envstr(name: str, default: str) -> str:
    value = _raw(name, "str", default)
    return default if value is None else value


def envbool(name: str, default: bool) -> bool:
    value = _raw(name, "bool", default)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ConfigurationError(f"{name}={value!r}: expected true or false")


def envint(name: str, default: int) -> int:
    value = _raw(name, "int", default)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name}={value!r}: expected an integer") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = _raw(name, "list", ",".join(default))
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def envsecret(name: str, default: str | None) -> str | None:
    """A secret from ``NAME`` or from the file named by ``NAME_FILE``."""
    value = _raw(name, "secret", default)
    file_name = _raw(f"{name}_FILE", "path", None)
    if value is not None:
        return value
    if file_name is not None:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return default


def database_from_url(url: str, conn_max_age: int = 60) -> dict[str, object]:
    """A Django ``DATABASES`` entry from ``postgres://user:password@host:port/name``."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise ConfigurationError(
            f"DATABASE_URL: unsupported scheme {parts.scheme!r} (use postgres://)"
        )
    options: dict[str, str] = {}
    for pair in filter(None, parts.query.split("&")):
        key, _, value = pair.partition("=")
        options[key] = unquote(value)
    host = unquote(parts.hostname or "")
    if not host and "host" in options:
        host = options.pop("host")  # a socket directory: postgres:///name?host=/run/postgresql
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        "CONN_MAX_AGE": conn_max_age,
        "ATOMIC_REQUESTS": False,
    }
