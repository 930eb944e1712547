"""The files of a bulk import: a zip screened from its directory before anything is extracted,
or a folder walked; then every file read in parallel processes, each with a time limit.

Refused before extraction (the whole zip): an archive that is not a zip or is encrypted; more
entries than ``GONGKAI_BULK_MAX_FILES``; an unpacked size over ``GONGKAI_BULK_MAX_UNPACKED_MB``
or an entry compressed more than ``MAX_RATIO`` to 1 (a zip bomb); an entry whose path is absolute,
climbs out with ``..``, or is a symbolic link (path traversal). Extraction then writes each entry
itself, counting the bytes it writes, so a directory that lies about sizes is still stopped.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import stat
import zipfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import FrameType

from gongkai.cli.collection import REPORT_SUFFIXES
from gongkai.readers.office import ZIP_ERRORS

MAX_RATIO = 100  # a report compresses perhaps 10:1; 100:1 is a bomb
_CHUNK = 1024 * 1024


class ArchiveRejectedError(Exception):
    """The zip is refused as a whole; ``message`` says why, in Chinese."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class Limits:
    max_files: int
    max_unpacked_bytes: int
    timeout_seconds: int


def _unsafe_name(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return (
        path.is_absolute()
        or ".." in path.parts
        or (len(name) > 1 and name[1] == ":")  # C:\…
        or "\x00" in name
    )


def _is_symlink(entry: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(entry.external_attr >> 16)


def screen_zip(path: Path, limits: Limits) -> list[zipfile.ZipInfo]:
    """The report entries of the zip, after the checks above; ``ArchiveRejectedError`` else."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except ZIP_ERRORS:
        raise ArchiveRejectedError(
            "上传的文件不是有效的 zip 压缩包，未导入任何报告。", "not_zip"
        ) from None
    for entry in entries:
        if _unsafe_name(entry.filename):
            raise ArchiveRejectedError(
                f"压缩包中的“{entry.filename}”路径不安全（绝对路径或含“..”），整个压缩包已拒绝。",
                "unsafe_path",
            )
        if _is_symlink(entry):
            raise ArchiveRejectedError(
                f"压缩包中的“{entry.filename}”是符号链接，整个压缩包已拒绝。", "symlink"
            )
        if entry.flag_bits & 0x1:
            raise ArchiveRejectedError(
                f"压缩包中的“{entry.filename}”已加密，无法读取；请提供未加密的压缩包。", "encrypted"
            )
        if entry.file_size > MAX_RATIO * max(entry.compress_size, 1) and entry.file_size > _CHUNK:
            raise ArchiveRejectedError(
                f"压缩包中的“{entry.filename}”压缩比超过 {MAX_RATIO}:1，疑似压缩炸弹，"
                "整个压缩包已拒绝。",
                "zip_bomb",
            )
    files = [e for e in entries if not e.is_dir() and _wanted(e.filename)]
    total = sum(entry.file_size for entry in files)
    if len(files) > limits.max_files:
        raise ArchiveRejectedError(
            f"压缩包含 {len(files)} 个报告文件，超过上限 {limits.max_files} 个。", "too_many"
        )
    if total > limits.max_unpacked_bytes:
        raise ArchiveRejectedError(
            f"压缩包解压后共 {total // _CHUNK} MB，超过上限 "
            f"{limits.max_unpacked_bytes // _CHUNK} MB，疑似压缩炸弹，整个压缩包已拒绝。",
            "zip_bomb",
        )
    return files


def _wanted(name: str) -> bool:
    path = PurePosixPath(name)
    return path.suffix.lower() in REPORT_SUFFIXES and not any(
        part.startswith(".") or part == "__MACOSX" for part in path.parts
    )


def extract_zip(path: Path, folder: Path, limits: Limits) -> list[tuple[str, Path]]:
    """Screen, then extract the report entries under ``folder`` (flat, numbered names keep two
    entries of the same name apart); returns each entry's name in the zip and its file."""
    entries = screen_zip(path, limits)
    written: list[tuple[str, Path]] = []
    budget = limits.max_unpacked_bytes
    with zipfile.ZipFile(path) as archive:
        for number, entry in enumerate(entries, 1):
            name = PurePosixPath(entry.filename.replace("\\", "/")).name
            target = folder / f"{number:05d}-{name}"
            try:
                with archive.open(entry) as source, target.open("wb") as sink:
                    while chunk := source.read(_CHUNK):
                        budget -= len(chunk)
                        if budget < 0:
                            raise ArchiveRejectedError(
                                "压缩包实际解压大小超过上限，疑似压缩炸弹，整个压缩包已拒绝。",
                                "zip_bomb",
                            )
                        sink.write(chunk)
            except ZIP_ERRORS:
                raise ArchiveRejectedError(
                    f"压缩包中的“{entry.filename}”已损坏，无法解压，整个压缩包已拒绝。", "damaged"
                ) from None
            written.append((entry.filename, target))
    return written


def list_folder(folder: Path) -> list[Path]:
    """The report files under ``folder`` (no hidden files, no symbolic links)."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink() and _wanted(path.relative_to(folder).as_posix())
    )


# ── Reading in parallel ───────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class ReadOutcome:
    path: str
    report_json: str | None
    error: str | None


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError


def read_one(path: str, timeout: int) -> ReadOutcome:
    """Read one file into canonical JSON, within ``timeout`` seconds (run in a worker)."""
    import gongkai
    from gongkai.errors import ReportInputError
    from gongkai.report.canonical import dumps

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    try:
        report = gongkai.read(Path(path))
        return ReadOutcome(path, dumps(report), None)
    except TimeoutError:
        return ReadOutcome(path, None, f"读取超过 {timeout} 秒，已放弃")
    except ReportInputError as error:
        return ReadOutcome(path, None, error.message)
    except Exception:
        # A reader's bug must not stop the other files of the batch.
        return ReadOutcome(path, None, "文件格式无法识别或已损坏")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read_all(
    paths: Sequence[Path],
    jobs: int,
    timeout: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[ReadOutcome]:
    """Every file read, in order, in ``jobs`` processes; ``progress(n)`` after each file."""
    names = [str(path) for path in paths]
    if jobs <= 1 or len(names) < 2:
        results: Iterator[ReadOutcome] = (read_one(name, timeout) for name in names)
        for count, outcome in enumerate(results, 1):
            if progress:
                progress(count)
            yield outcome
        return
    workers = min(jobs, len(names), os.cpu_count() or 1)
    # forkserver, not fork: the site's process has threads and open database connections.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        chunk = max(1, len(names) // (workers * 16))
        mapped = pool.map(read_one, names, [timeout] * len(names), chunksize=chunk)
        for count, outcome in enumerate(mapped, 1):
            if progress:
                progress(count)
            yield outcome
