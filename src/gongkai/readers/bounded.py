"""Reading a file in a separate process, within limits of wall time, CPU time and memory.

A small file can be built to cost a reader minutes of CPU or gigabytes of memory (a PDF page of
twenty million text operators, a worksheet merged over all of its 17 billion cells, a Word cell
spanning two million columns). The readers refuse what they can see coming; this module makes sure
that whatever they cannot see still ends, with a Chinese message, inside limits the caller sets —
and in another process, so that the caller (the web server, ``gongkai check -j``) keeps working.

The child process (``main`` in a fresh interpreter) sets its own resource limits
(``RLIMIT_AS`` for memory, ``RLIMIT_CPU`` for processor time, an alarm for wall time) before it
reads, and answers on its standard output with JSON only: the report in canonical JSON plus what
the reader found while reading, or the reader's error. JSON, never pickle: the child reads hostile
input, and what it says must not be able to run code in the parent.

A scan read by OCR takes 5–7 s of CPU a page, and a legacy Office file needs LibreOffice: they
get their own, longer limits (``Budget``). The parent never parses the file to decide: an image
or an old Office file is told by its first bytes and read within its limits at once; a PDF is
read within the ordinary limits, and only when that child finds no text layer (answer
``needs_ocr``, given before any page is rendered) is it read again, within the OCR limits. So a
hostile PDF with a text layer never gets more than the ordinary limits.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongkai.errors import ReportInputError
from gongkai.readers import ocr
from gongkai.readers.witness import Previous
from gongkai.report.findings import CellRef, Finding, Severity
from gongkai.report.model import Report

# Above the limit the child may run a little longer while it is being killed.
_GRACE_SECONDS = 5
# The largest answer a child may give: a report's canonical JSON is tens of kilobytes.
_MAX_ANSWER_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What one reading may cost. A report reads in well under a second and 100 MB."""

    wall_seconds: float = 60.0
    cpu_seconds: int = 30
    memory_mb: int = 1024
    # pages OCR may read within these limits; 0: a scan is answered ``needs_ocr`` unread
    ocr_pages: int = ocr.MAX_PAGES


@dataclass(frozen=True, slots=True)
class Budget:
    """The limits for each kind of reading: ``ordinary`` (text-layer PDFs, Office, text),
    ``scan`` (OCR of images and image-only PDFs) and ``converted`` (.doc/.xls by LibreOffice)."""

    ordinary: Limits
    scan: Limits
    converted: Limits

    def first(self, path: str | Path) -> Limits:
        """The limits to start reading ``path`` with, from its first bytes only."""
        with Path(path).open("rb") as file:
            head = file.read(8)
        if head.startswith(_IMAGES):
            return self.scan
        if head.startswith(_OLE):
            return self.converted
        return self.ordinary


# First bytes of the files that need OCR (PNG, JPEG, TIFF) or LibreOffice (an OLE2 file).
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_OLE = b"\xd0\xcf\x11\xe0"


# The command line's limits (``gongkai check --bounded``); the site takes its own from settings.
DEFAULT_BUDGET = Budget(
    ordinary=Limits(ocr_pages=0),
    scan=Limits(wall_seconds=900, cpu_seconds=600, memory_mb=2048),
    converted=Limits(wall_seconds=180, cpu_seconds=120, memory_mb=2048, ocr_pages=0),
)


def read_answer(
    path: str | Path,
    budget: Budget,
    progress: Path | None = None,
    previous: Path | None = None,
) -> dict[str, Any]:
    """The child's answer for ``path`` (see ``finish``), each reading within its limits in
    ``budget``; a scanned PDF is read twice: found to have no text, then by OCR. ``progress``
    is a file the child keeps up to date with the OCR's pages done (``progress_of``);
    ``previous`` a file written by ``write_previous``, the witness for glued digit runs."""
    limits = budget.first(path)
    answer = finish(start(path, limits, progress, previous), limits)
    if answer.get("error", {}).get("code") == "needs_ocr" and limits != budget.scan:
        answer = finish(start(path, budget.scan, progress, previous), budget.scan)
    return answer


def progress_of(progress: Path) -> tuple[int, int] | None:
    """(pages done, pages) of an OCR reading, or ``None`` before OCR has started."""
    try:
        data = json.loads(progress.read_text(encoding="utf-8"))
        return int(data["done"]), int(data["pages"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def read_bounded(
    path: str | Path, limits: Limits | Budget | None = None, *, previous: Previous = None
) -> Report:
    """The report in ``path``, read in a child process within ``limits`` (or, given a
    ``Budget``, within the limits its kind needs: see ``read_answer``); ``previous`` as for
    ``read_report`` (last year's report, a witness for glued digit runs).

    Raises ``ReportInputError`` as ``read_report`` does, and also when the reading exceeds a
    limit (codes ``time_limit``, ``memory_limit``) or the child fails (``reader_failed``).
    """
    budget = limits if isinstance(limits, Budget) else None
    limits = limits if isinstance(limits, Limits) else Limits()
    with tempfile.TemporaryDirectory(prefix="gongkai-previous-") as folder:
        witness = None
        if previous is not None:
            witness = Path(folder) / "previous.json"
            write_previous(previous, witness)
        if budget is not None:
            return answer_report(read_answer(path, budget, previous=witness), str(path))
        return answer_report(finish(start(path, limits, previous=witness), limits), str(path))


def write_previous(previous: Report | Sequence[Report], path: Path) -> None:
    """Write last year's report (or several reports) for a child to read as its witness:
    canonical JSON, ``{"report": …}`` or ``{"reports": […]}``."""
    from gongkai.report.canonical import to_dict

    if isinstance(previous, Report):
        data: dict[str, Any] = {"report": to_dict(previous)}
    else:
        data = {"reports": [to_dict(report) for report in previous]}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _read_previous(path: str | None) -> Previous:
    """The witness a parent wrote with ``write_previous`` (our own file, read before the
    limits are set)."""
    if path is None:
        return None
    from gongkai.report.canonical import from_dict

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if "report" in data:
        return from_dict(data["report"])
    return [from_dict(item) for item in data["reports"]]


def start(
    path: str | Path,
    limits: Limits,
    progress: Path | None = None,
    previous: Path | None = None,
) -> subprocess.Popen[bytes]:
    """Start reading ``path`` in a child process; ``finish`` waits for its answer.
    ``previous``: a file written by ``write_previous``, the witness for the reading."""
    command = [
        sys.executable,
        "-P",  # the current folder is not searched for modules
        "-c",
        "import sys; from gongkai.readers.bounded import main; sys.exit(main(sys.argv[1:]))",
        "--cpu",
        str(limits.cpu_seconds),
        "--memory",
        str(limits.memory_mb),
        "--wall",
        str(limits.wall_seconds),
        "--ocr-pages",
        str(limits.ocr_pages),
        *(["--progress", str(progress.resolve())] if progress is not None else []),
        *(["--previous", str(Path(previous).resolve())] if previous is not None else []),
        str(Path(path).resolve()),
    ]
    return subprocess.Popen(  # our own module, the path as one argument
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a signal for the parent's group does not reach the reader
    )


def finish(process: subprocess.Popen[bytes], limits: Limits) -> dict[str, Any]:
    """Wait for the child's answer (killing it at the wall-time limit) as a JSON-ready dict:
    ``{"report": …, "reading": […]}`` or ``{"error": {"message", "code"}}``."""
    try:
        output, _ = process.communicate(timeout=limits.wall_seconds + _GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return _error(_time_message(limits), "time_limit")
    if process.returncode == 0 and len(output) <= _MAX_ANSWER_BYTES:
        try:
            answer = json.loads(output)
        except ValueError:
            answer = None
        if isinstance(answer, dict) and ("report" in answer or "error" in answer):
            return answer
    return _death(process.returncode, limits)


def _death(returncode: int, limits: Limits) -> dict[str, Any]:
    """What a child that gave no answer died of, from its exit status."""
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):  # RLIMIT_CPU: SIGXCPU, then SIGKILL
        return _error(_cpu_message(limits), "time_limit")
    if returncode == -signal.SIGALRM:
        return _error(_time_message(limits), "time_limit")
    if returncode in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS, _OUT_OF_MEMORY):
        # a C library that cannot allocate under RLIMIT_AS aborts or crashes
        return _error(_memory_message(limits), "memory_limit")
    return _error("读取程序意外退出，文件格式无法识别或已损坏", "reader_failed")


def answer_report(answer: dict[str, Any], where: str | None) -> Report:
    """The report in a child's answer, or its error raised as ``ReportInputError``."""
    from gongkai.report.canonical import from_dict

    if "error" in answer:
        error = answer["error"]
        raise ReportInputError(str(error["message"]), where=where, code=str(error["code"]))
    report = from_dict(answer["report"], source_file=answer.get("source_file"))
    report.reading = tuple(_finding(item) for item in answer.get("reading", []))
    return report


def _finding(item: dict[str, Any]) -> Finding:
    return Finding(
        rule=item["rule"],
        severity=Severity(item["severity"]),
        message_zh=item["message_zh"],
        message_en=item["message_en"],
        cells=tuple(
            CellRef(cell["table"], cell.get("row"), cell.get("column"))
            for cell in item.get("cells", [])
        ),
        values=dict(item.get("values", {})),
    )


def _error(message: str, code: str) -> dict[str, Any]:
    return {"error": {"message": message, "code": code}}


def _time_message(limits: Limits) -> str:
    return (
        f"读取时间超过上限（{limits.wall_seconds:g} 秒），文件可能被构造为拖垮读取程序，已停止读取"
    )


def _cpu_message(limits: Limits) -> str:
    return f"读取耗用的处理器时间超过上限（{limits.cpu_seconds} 秒），文件过于复杂，已停止读取"


def _memory_message(limits: Limits) -> str:
    return f"读取所需内存超过上限（{limits.memory_mb} MB），文件过于复杂，已停止读取"


# The child's own exit status when Python itself runs out of memory outside any handler.
_OUT_OF_MEMORY = 3


# ── The child ─────────────────────────────────────────────────────────────────────────────────


def _limit_self(limits: Limits) -> None:
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # SIGXCPU at the soft limit; the kernel sends SIGKILL at the hard limit a second later
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # with no handler installed, SIGALRM ends the process even inside a C library's loop
    signal.alarm(max(1, math.ceil(limits.wall_seconds)))
    os.nice(5)  # the web server's requests go first


def _preload() -> None:
    """Import every reading library before the limits are set: the limits bound the reading of
    the file, not the loading of code, and an import cut short by the memory limit fails with
    errors (SystemError, ImportError) that could not be told apart from a reader's bug."""
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import pypdfium2  # noqa: F401

    import gongkai.readers
    import gongkai.report.canonical  # noqa: F401


def _cpu_used() -> float:
    """CPU seconds of this process and of the programs it ran (Tesseract, LibreOffice), which
    ``RLIMIT_CPU`` counts each on its own."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    ran = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + ran.ru_utime + ran.ru_stime


def _on_page(limits: Limits, progress: Path | None) -> Callable[[int, int], None]:
    """After each OCR page: say how far the reading is, and stop it once the CPU of the reader
    and its Tesseract runs together pass the limit."""

    def on_page(done: int, pages: int) -> None:
        if progress is not None:
            partial = progress.with_name(f".{progress.name}.partial")
            partial.write_text(json.dumps({"done": done, "pages": pages}), encoding="utf-8")
            os.replace(partial, progress)
        if _cpu_used() > limits.cpu_seconds:
            raise ReportInputError(_cpu_message(limits), code="time_limit")

    return on_page


def _child(
    path: str, limits: Limits, progress: Path | None = None, previous_file: str | None = None
) -> dict[str, Any]:
    previous = _read_previous(previous_file)
    _preload()
    _limit_self(limits)
    from gongkai.readers import read_report
    from gongkai.report.canonical import from_dict, to_dict

    ocr.SCAN.set(ocr.Scan(limits.ocr_pages, _on_page(limits, progress)))
    try:
        report = read_report(path, previous=previous)
        data = to_dict(report)
        # the same limits as a stored report: a number no report prints is refused here, not
        # when the stored report is loaded again
        from_dict(data)
    except ReportInputError as error:
        return _error(error.message, error.code)
    except MemoryError:
        return _error(_memory_message(limits), "memory_limit")
    except RecursionError:
        return _error("文件结构嵌套过深，无法读取", "unreadable")
    except Exception:  # a reader's bug must end in a message, not a traceback
        return _error("文件格式无法识别或已损坏", "unreadable")
    return {
        "report": data,
        "reading": [finding.as_dict() for finding in report.reading],
        "source_file": report.source_file,
    }


def main(argv: list[str]) -> int:
    import argparse

    default = Limits()
    parser = argparse.ArgumentParser(prog="python -m gongkai.readers.bounded")
    parser.add_argument("--cpu", type=int, default=default.cpu_seconds)
    parser.add_argument("--memory", type=int, default=default.memory_mb)
    parser.add_argument("--wall", type=float, default=default.wall_seconds)
    parser.add_argument("--ocr-pages", type=int, default=default.ocr_pages)
    parser.add_argument("--progress", type=Path)
    parser.add_argument("--previous", default=None)
    parser.add_argument("path")
    arguments = parser.parse_args(argv)
    limits = Limits(arguments.wall, arguments.cpu, arguments.memory, arguments.ocr_pages)
    try:
        answer = _child(arguments.path, limits, arguments.progress, arguments.previous)
        text = json.dumps(answer, ensure_ascii=False)
    except MemoryError:
        return _OUT_OF_MEMORY
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
