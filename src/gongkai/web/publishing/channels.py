"""The organ's channels (WeChat official account, Douyin, Weibo, the portal…): publications with
their figures, follower counts by date, media adoptions, and the import of a platform's own
XLSX/CSV export through a column mapping.

An import is checked row by row first; if any row is bad, the file is refused with every bad row
listed by line number and nothing is stored (all or nothing).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from gongkai.web.audit.services import record_change
from gongkai.web.organs.models import Organ, Unit
from gongkai.web.publishing.models import (
    Adoption,
    Channel,
    FollowerCount,
    Item,
    Publication,
)
from gongkai.web.reports.uploads import UploadRejectedError, max_upload_bytes, too_large_message

FIELDS = ("title", "published_on", "link", "original", "reads", "likes", "shares")
FIELD_LABELS = {
    "title": "标题",
    "published_on": "发布日期",
    "link": "链接",
    "original": "是否原创",
    "reads": "阅读数",
    "likes": "点赞数",
    "shares": "转发数",
}
REQUIRED = ("title", "published_on")
MAX_ROWS = 20_000
_TRUE = {"是", "原创", "1", "true", "yes", "y", "√"}
_FALSE = {"否", "转载", "转发", "非原创", "0", "false", "no", "n", ""}
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def create_channel(actor: Any, organ: Organ, kind: Any, name: str, address: str = "") -> Channel:
    with transaction.atomic():
        channel = Channel.objects.create(organ=organ, kind=kind, name=name, address=address)
        record_change(
            actor, "channel.create", channel, None, {"name": name, "kind": kind}, organ=organ
        )
    return channel


def record_followers(
    actor: Any, channel: Channel, counted_on: datetime.date, count: int
) -> FollowerCount:
    with transaction.atomic():
        row, _created = FollowerCount.objects.update_or_create(
            channel=channel, counted_on=counted_on, defaults={"count": count}
        )
        record_change(
            actor,
            "channel.followers",
            channel,
            None,
            {"counted_on": counted_on.isoformat(), "count": count},
            organ=channel.organ,
        )
    return row


def record_adoption(actor: Any, organ: Organ, unit: Unit, data: dict[str, Any]) -> Adoption:
    item: Item | None = data.get("item")
    if unit.organ_id != organ.pk or (item is not None and item.organ_id != organ.pk):
        raise UploadRejectedError("所选股室或信息不属于本机关。", "scope")
    evidence = data.get("evidence")
    if evidence:
        # The same screen as an item's attachments: a scan, a photo or a PDF of the printed page.
        from gongkai.web.publishing.attachments import screen_attachment

        screen_attachment(b"".join(evidence.chunks()), evidence.name)
        evidence.seek(0)
    with transaction.atomic():
        adoption = Adoption.objects.create(organ=organ, unit=unit, **data)
        record_change(
            actor,
            "adoption.create",
            adoption,
            None,
            {"outlet": adoption.outlet, "level": adoption.level, "title": adoption.title},
            organ=organ,
        )
    return adoption


@dataclass(slots=True)
class ImportResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, message)


def read_table(data: bytes, name: str) -> list[list[str]]:
    """The rows of a CSV (UTF-8 or GB18030) or XLSX file as text."""
    if len(data) > max_upload_bytes():
        raise UploadRejectedError(too_large_message(), "too_large")
    if name.lower().endswith(".xlsx"):
        return _xlsx_rows(data, name)
    if name.lower().endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return list(csv.reader(io.StringIO(text)))[: MAX_ROWS + 1]
        raise UploadRejectedError("CSV 文件的编码无法识别（请另存为 UTF-8）。", "encoding")
    raise UploadRejectedError("请上传平台导出的 .xlsx 或 .csv 文件。", "unsupported")


def _xlsx_rows(data: bytes, name: str) -> list[list[str]]:
    from openpyxl import load_workbook

    from gongkai.errors import ReportInputError
    from gongkai.readers import identify
    from gongkai.readers.office import check_package

    if identify(data) != "xlsx":
        raise UploadRejectedError(f"“{name}”不是有效的 Excel（.xlsx）文件。", "mismatch")
    try:
        check_package(data, name)
    except ReportInputError as error:
        raise UploadRejectedError(f"{error.message}。文件未导入。", error.code) from None
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = []
        for values in book.worksheets[0].iter_rows(values_only=True):
            rows.append([_text(value) for value in values])
            if len(rows) > MAX_ROWS:
                break
        return rows
    finally:
        book.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(text: str) -> datetime.date | None:
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def parse_count(text: str) -> int | None:
    cleaned = text.replace(",", "").replace("，", "").strip()
    if not cleaned:
        return None
    if cleaned.endswith("万"):
        return int(float(cleaned[:-1]) * 10000)
    value = int(cleaned)
    if value < 0:
        raise ValueError(cleaned)
    return value


def check_rows(
    table: list[list[str]], mapping: dict[str, str], default_original: bool
) -> ImportResult:
    """Each data row as a publication's fields, or the reasons it cannot be one (line numbers as
    the spreadsheet shows them: the header is line 1)."""
    result = ImportResult()
    if not table:
        result.errors.append((1, "文件中没有数据。"))
        return result
    header = [cell.strip() for cell in table[0]]
    where: dict[str, int] = {}
    for name in FIELDS:
        column = mapping.get(name, "").strip()
        if not column:
            continue
        if column not in header:
            result.errors.append((1, f"表头中没有“{column}”列（对应{FIELD_LABELS[name]}）。"))
        else:
            where[name] = header.index(column)
    for name in REQUIRED:
        if not mapping.get(name, "").strip():
            result.errors.append((1, f"必须指定“{FIELD_LABELS[name]}”对应的列。"))
    if result.errors:
        return result
    if len(table) > MAX_ROWS + 1:
        result.errors.append((MAX_ROWS + 2, f"一次最多导入 {MAX_ROWS} 行。"))
        return result
    for line, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row, problems = _check_row(cells, where, default_original)
        if problems:
            result.errors += [(line, problem) for problem in problems]
        else:
            result.rows.append(row)
    if not result.rows and not result.errors:
        result.errors.append((2, "文件中没有数据行。"))
    return result


def _check_row(
    cells: list[str], where: dict[str, int], default_original: bool
) -> tuple[dict[str, Any], list[str]]:
    def cell(name: str) -> str:
        index = where.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    problems = []
    title = cell("title")
    if not title:
        problems.append("标题为空。")
    elif len(title) > 300:
        problems.append("标题超过 300 字。")
    published_on = parse_date(cell("published_on"))
    if published_on is None:
        problems.append(f"发布日期“{cell('published_on')}”无法识别（应为 2023-01-05 这样的日期）。")
    link = cell("link")
    if link and not re.match(r"^https?://", link, re.IGNORECASE):
        problems.append(f"链接“{link[:60]}”不是 http(s) 网址。")
    original = default_original
    if "original" in where:
        flag = cell("original").lower()
        if flag in _TRUE:
            original = True
        elif flag in _FALSE:
            original = False
        else:
            problems.append(f"是否原创“{flag}”无法识别（应为 是/否）。")
    row: dict[str, Any] = {
        "title": title,
        "published_on": published_on,
        "link": link,
        "is_original": original,
    }
    for name in ("reads", "likes", "shares"):
        try:
            row[name] = parse_count(cell(name))
        except ValueError:
            problems.append(f"{FIELD_LABELS[name]}“{cell(name)}”不是非负整数。")
    return row, problems


FIGURES = ("reads", "likes", "shares")


def _store(channel: Channel, rows: list[dict[str, Any]]) -> tuple[int, int]:
    """New publications are added; one already on record (same link, or same title and date)
    gets the export's later figures (reads, likes, shares) and original flag."""
    existing = list(Publication.objects.filter(channel=channel))
    by_link = {p.link: p for p in existing if p.link}
    by_title = {(p.title, p.published_on): p for p in existing}
    new, changed = [], []
    for row in rows:
        found = by_link.get(row["link"]) if row["link"] else None
        found = found or by_title.get((row["title"], row["published_on"]))
        if found is None:
            new.append(Publication(channel=channel, **row))
            continue
        for name in FIGURES:
            if row[name] is not None:
                setattr(found, name, row[name])
        found.is_original = row["is_original"]
        changed.append(found)
    Publication.objects.bulk_create(new)
    Publication.objects.bulk_update(changed, [*FIGURES, "is_original"])
    return len(new), len(changed)


def import_publications(
    actor: Any,
    channel: Channel,
    data: bytes,
    name: str,
    mapping: dict[str, str],
    *,
    default_original: bool = True,
) -> ImportResult:
    """Import every row or none: the result lists bad rows, and then nothing was stored."""
    result = check_rows(read_table(data, name), mapping, default_original)
    if result.errors:
        return result
    with transaction.atomic():
        created, updated = _store(channel, result.rows)
        record_change(
            actor,
            "channel.import",
            channel,
            None,
            {"file": name, "rows": len(result.rows), "created": created, "updated": updated},
            organ=channel.organ,
        )
    return result
