"""The quarterly 通报 of units' submissions and adoptions (WORKBENCH B §3, §2.6): the ranking
table and the list of adopted items, as DOCX (python-docx) and PDF (WeasyPrint from the same
HTML the page template gives). Text from records goes in as text: Word runs and escaped HTML."""

from __future__ import annotations

import io

from django.template.loader import render_to_string

from gongkai.web.organs.models import Organ
from gongkai.web.publishing.ranking import UnitScore

HEADERS = ("排名", "单位", "报送条数", "任务数", "采用条数", "采用得分", "扣分", "加分", "总分")


WITHDRAWN = "（该信息已从门户撤回）"


def title_of(organ: Organ, year: int, quarter: int | None) -> str:
    period = f"{year}年第{quarter}季度" if quarter else f"{year}年度"
    return f"{organ.name}{period}信息报送和采用情况通报"


def table_rows(rows: list[UnitScore]) -> list[list[str]]:
    return [
        [
            str(row.place),
            row.unit.name,
            str(row.submitted),
            str(row.quota),
            str(row.adopted),
            f"{row.adoption_points:g}",
            f"{row.deduction:g}",
            f"{row.bonus:g}",
            f"{row.total:g}",
        ]
        for row in rows
    ]


def render_docx(organ: Organ, year: int, quarter: int | None, rows: list[UnitScore]) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    heading = document.add_heading(title_of(organ, year, quarter), level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    submitted = sum(row.submitted for row in rows)
    adopted = sum(row.adopted for row in rows)
    document.add_paragraph(
        f"本期各股室、司法所共报送信息 {submitted} 条，被各级媒体采用 {adopted} 条。"
        "现将得分和排名情况通报如下。"
    )
    document.add_heading("一、得分和排名", level=2)
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = text
    for values in table_rows(rows):
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    document.add_heading("二、采用信息目录", level=2)
    for row in rows:
        if not row.adoptions:
            continue
        document.add_paragraph(f"{row.unit.name}（{row.adopted} 条）", style="List Bullet")
        for scored in row.adoptions:
            a = scored.adoption
            document.add_paragraph(
                f"{a.adopted_on:%Y-%m-%d} {a.outlet}（{a.get_level_display()}）：{a.title}"
                f"（{scored.points:g} 分）{WITHDRAWN if scored.is_withdrawn else ''}"
            )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_pdf(organ: Organ, year: int, quarter: int | None, rows: list[UnitScore]) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]

    html = render_to_string(
        "publishing/bulletin_print.html",
        {
            "title": title_of(organ, year, quarter),
            "headers": HEADERS,
            "table": table_rows(rows),
            "rows": rows,
            "submitted": sum(row.submitted for row in rows),
            "adopted": sum(row.adopted for row in rows),
            "withdrawn_note": WITHDRAWN,
        },
    )
    return bytes(HTML(string=html).write_pdf())
