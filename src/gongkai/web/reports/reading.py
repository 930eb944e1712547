"""Reading an uploaded file outside the request, in a bounded child process.

The request that receives the file starts the reading and may wait a few seconds for it; a thread
of the server process waits for the child (``gongkai.readers.bounded``: limits on wall time, CPU
and memory) and writes its answer next to the staged file (``ANSWER``). Whichever request
comes next for the reading — in this server process or another — finds the answer there. The
thread never touches the database, so a reading the server forgets (a restart) is only late: it
is declared interrupted once it is overdue.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings

from gongkai.readers import bounded
from gongkai.report.model import Report

# The files the reading keeps beside the staged upload. Each name has a space, which an uploaded
# file's stored name never has (``services.stored_name``): an upload named like one of them can
# neither replace it nor be taken for the reader's answer.
ANSWER = "reading answer.json"
PREVIOUS = "previous reports.json"  # the organ's filed reports, witnesses for glued digit runs
RUNNING = "reading started"  # touched when the child starts (a reading may first wait for a slot)
PROGRESS = "reading progress.json"  # an OCR reading's pages done, kept up to date by the child

_slots_lock = threading.Lock()
_slots: threading.BoundedSemaphore | None = None


def limits() -> bounded.Limits:
    """The ordinary limits. OCR is not allowed within them: a scanned PDF is read again within
    the OCR limits (``budget``)."""
    return bounded.Limits(
        wall_seconds=float(settings.GONGKAI_READ_WALL_SECONDS),
        cpu_seconds=int(settings.GONGKAI_READ_CPU_SECONDS),
        memory_mb=int(settings.GONGKAI_READ_MEMORY_MB),
        ocr_pages=0,
    )


def budget() -> bounded.Budget:
    """The limits for each kind of reading: ordinary, scans (OCR) and legacy Office files."""
    return bounded.Budget(
        ordinary=limits(),
        scan=bounded.Limits(
            wall_seconds=float(settings.GONGKAI_OCR_WALL_SECONDS),
            cpu_seconds=int(settings.GONGKAI_OCR_CPU_SECONDS),
            memory_mb=int(settings.GONGKAI_OCR_MEMORY_MB),
            ocr_pages=int(settings.GONGKAI_OCR_MAX_PAGES),
        ),
        converted=bounded.Limits(
            wall_seconds=float(settings.GONGKAI_CONVERT_WALL_SECONDS),
            cpu_seconds=int(settings.GONGKAI_CONVERT_CPU_SECONDS),
            memory_mb=int(settings.GONGKAI_CONVERT_MEMORY_MB),
            ocr_pages=0,
        ),
    )


def _longest_wall() -> float:
    """The longest a reading may take: a scanned PDF is read within the ordinary limits first."""
    return float(settings.GONGKAI_READ_WALL_SECONDS) + max(
        settings.GONGKAI_OCR_WALL_SECONDS, settings.GONGKAI_CONVERT_WALL_SECONDS
    )


def _free_slots() -> threading.BoundedSemaphore:
    global _slots
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(max(1, int(settings.GONGKAI_READ_WORKERS)))
        return _slots


def launch(path: Path, previous: Sequence[Report] = ()) -> threading.Thread:
    """Start reading the staged file at ``path``; its answer will be in the same folder.
    ``previous``: the organ's filed reports, among which the reader takes the year before's as
    the witness for glued digit runs."""
    witness = write_witness(path, previous)
    thread = threading.Thread(
        target=_read,
        args=(path, budget(), witness),
        name=f"gongkai-read-{path.parent.name}",
        daemon=True,
    )
    thread.start()
    return thread


def read_waiting(path: Path, previous: Sequence[Report] = ()) -> dict[str, Any]:
    """Read the staged file at ``path`` as ``launch`` does, but in this thread, waiting for the
    answer (for a caller that files the report at once)."""
    return bounded.read_answer(path, budget(), previous=write_witness(path, previous))


def write_witness(path: Path, previous: Sequence[Report]) -> Path | None:
    """Write the organ's filed reports beside the staged file at ``path`` for the reading child
    (``PREVIOUS``), or nothing when there are none."""
    if not previous:
        return None
    witness = path.parent / PREVIOUS
    bounded.write_previous(previous, witness)
    return witness


def _read(path: Path, budget: bounded.Budget, previous: Path | None) -> None:
    with _free_slots():
        (path.parent / RUNNING).touch()
        answer = bounded.read_answer(path, budget, path.parent / PROGRESS, previous)
    _write_answer(path.parent, answer)


def _write_answer(folder: Path, answer: dict[str, Any]) -> None:
    if not folder.is_dir():  # the upload was cancelled or cleaned up meanwhile
        return
    partial = folder / f"{ANSWER}.partial"
    partial.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, folder / ANSWER)  # whoever reads it sees all of it or nothing


def answer_of(folder: Path) -> dict[str, Any] | None:
    """The child's answer, or ``None`` while it is still reading."""
    try:
        answer = json.loads((folder / ANSWER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return answer if isinstance(answer, dict) else None


def progress_of(folder: Path) -> tuple[int, int] | None:
    """(pages done, pages) while a scan is read by OCR; ``None`` for any other reading."""
    return bounded.progress_of(folder / PROGRESS)


def progress_of_staging(staging: str) -> tuple[int, int] | None:
    """``progress_of`` the staging folder a ``Reading`` names (relative to the media root)."""
    return progress_of(Path(settings.MEDIA_ROOT) / staging)


def overdue(folder: Path, started: float) -> bool:
    """Whether a reading without an answer can no longer give one (its thread was lost).

    ``started`` is when the upload came in (a Unix time); a reading waits for a slot first, so
    the limit counts from when the child started, if it did."""
    margin = _longest_wall() + 30
    try:
        began = (folder / RUNNING).stat().st_mtime
    except FileNotFoundError:
        # still waiting for a slot: each reading ahead of it may take the whole wall time
        waiting = margin * (settings.GONGKAI_READ_WORKERS + 10)
        return time.time() > started + waiting
    return time.time() > began + margin
