"""When the supervision data last changed, as a cache key; and the cache itself.

The per-organ rows and the year-over-year sums of a large region take some tens of
milliseconds to gather, but they change only when a report is filed or replaced, its figures
recorded, a return made or resolved, or an organ added or moved. ``data_version`` names that
state with one query of a few index lookups (the newest row of each table, by primary key, and
the newest audit entry, whose hash chain covers every other change: a resolved return, an organ
moved or renamed); a cached result under an older version is simply never read again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, cast

from django.core.cache import cache
from django.db import connection

from gongkai.web.audit.models import AuditEntry
from gongkai.web.organs.models import Organ
from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision.models import ReportFigures, ReportReturn

CACHE_SECONDS = 24 * 3600  # an old version is never read again; this only frees the space


def _newest(model: type[Any], *columns: str) -> str:
    """A scalar subquery: the newest row's ``columns`` (by primary key: an index lookup)."""
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.pk.column)
    fields = " || '/' || ".join(
        f"COALESCE(CAST({connection.ops.quote_name(column)} AS TEXT), '')" for column in columns
    )
    return f"(SELECT {fields} FROM {table} ORDER BY {key} DESC LIMIT 1)"


def data_version() -> str:
    # Times beside ids: ids are reused after a rolled-back transaction (SQLite) or a restore.
    parts = (
        _newest(AnnualReport, "id", "filed_at"),
        _newest(ReportFigures, "report_id", "arithmetic_errors"),
        _newest(ReportReturn, "id", "returned_at"),
        _newest(Organ, "id", "created_at"),
        _newest(AuditEntry, "id", "entry_hash"),
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}")
        row = cursor.fetchone()
    return hashlib.sha256("/".join(map(str, row)).encode()).hexdigest()[:24]


_KEPT: OrderedDict[str, Any] = OrderedDict()
_LOCK = threading.Lock()
KEEP = 16  # results kept per process (a region of 5,000 organs is a few MB)
_generation = 0  # raised by forget(): the keys of everything cached before are never asked for


def cached[T](
    name: str, key: tuple[Any, ...], compute: Callable[[], T], *, shared: bool = True
) -> T:
    """``compute()``, or its result kept from an earlier call for the same data version.

    Kept in this process's memory (read back without unpickling) and, when ``shared``, in
    Django's cache too, so that the other workers (gunicorn runs several) and a restarted
    process find it. Thousands of rows are not shared: pickling and unpickling them costs as much
    as reading them again. Callers must not change what they get back.
    """
    full = f"supervision:{name}:{'-'.join(map(str, key))}:{data_version()}:{_generation}"
    with _LOCK:
        if full in _KEPT:
            _KEPT.move_to_end(full)
            return cast("T", _KEPT[full])
    found = cache.get(full, _MISSING) if shared else _MISSING
    value = compute() if found is _MISSING else found
    if shared and found is _MISSING:
        cache.set(full, value, CACHE_SECONDS)
    with _LOCK:
        _KEPT[full] = value
        while len(_KEPT) > KEEP:
            _KEPT.popitem(last=False)
    return cast("T", value)


_MISSING = object()


def forget(*, memory_only: bool = False) -> None:
    """Make every result be computed again (benchmarks measure the uncached path with it);
    ``memory_only``: drop only this process's copies, as a worker that has not yet read them."""
    global _generation
    with _LOCK:
        _KEPT.clear()
        if not memory_only:
            _generation += 1
