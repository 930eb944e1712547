"""When the supervision data last changed, as a cache key.

The per-organ rows and the year-over-year sums of a large region take a few hundred
milliseconds to gather, but they change only when a report is filed or replaced, a return is
made or resolved, or an organ is added or moved. ``data_version`` names that state with a few
indexed MAX/COUNT queries; a cached result under an older version is simply never read again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, cast

from django.db.models import Count, Max, Sum

from gongkai.web.organs.models import Organ
from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision.models import ReportReturn


def data_version() -> str:
    # Times as well as ids: ids are reused after a restore or a rolled-back transaction.
    reports = AnnualReport.objects.aggregate(
        Max("pk"), Max("filed_at"), Max("replaced_at"), Count("pk")
    )
    returns = ReportReturn.objects.aggregate(Max("pk"), Max("returned_at"), Max("resolved_at"))
    organs = Organ.objects.aggregate(Max("pk"), Max("created_at"), Count("pk"))
    # An organ moved to another parent changes no count: the sum of parent ids does.
    parents = Organ.objects.aggregate(Sum("parent_id"))["parent_id__sum"]
    parts = [*reports.values(), *returns.values(), *organs.values(), parents]
    return hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()[:24]


_KEPT: OrderedDict[str, Any] = OrderedDict()
_LOCK = threading.Lock()
KEEP = 16  # results kept per process (a region of 5,000 organs is a few MB)


def cached[T](name: str, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or its result kept from an earlier call for the same data version.

    Kept in this process's memory, not in Django's cache: unpickling thousands of rows from a
    cache costs as much as reading them again. Callers must not change what they get back.
    """
    full = f"{name}:{'-'.join(map(str, key))}:{data_version()}"
    with _LOCK:
        if full in _KEPT:
            _KEPT.move_to_end(full)
            return cast("T", _KEPT[full])
    value = compute()
    with _LOCK:
        _KEPT[full] = value
        while len(_KEPT) > KEEP:
            _KEPT.popitem(last=False)
    return value


def forget() -> None:
    """Drop everything kept (benchmarks measure the uncached path with it)."""
    with _LOCK:
        _KEPT.clear()
