"""HTML: a print-ready page (A4, official-document typography) with every table in the exact
row and column spans of the national format. The PDF writer prints this same page."""

from __future__ import annotations

import html
from collections.abc import Iterable

from gongkai import __version__
from gongkai.report.findings import CellRef, Severity
from gongkai.report.model import Report
from gongkai.writers.annotate import Annotations, anchor, describe_ref
from gongkai.writers.document import Document, Section, build_document
from gongkai.writers.layout import GridCell, Role, TableGrid
from gongkai.writers.settings import SANS, SERIF, WriterSettings
from gongkai.writers.values import MISSING_TEXT

# Official-document (GB/T 9704) proportions: A4, margins 37/26/35/28 mm, title in 二号 (22 pt),
# body in 三号 (16 pt) on a 28 pt line; tables in 五号 (10.5 pt) so that table 三 fits a page.
_CSS = """
@page {
  size: A4;
  margin: 37mm 26mm 35mm 28mm;
  @bottom-center {
    content: "第 " counter(page) " 页 共 " counter(pages) " 页";
    font-family: %(body)s; font-size: 10.5pt;
  }
  %(top_right)s
}
html { font-family: %(body)s; font-size: 16pt; line-height: 28pt; color: #000; }
body { margin: 0; }
h1 { font-family: %(title)s; font-weight: bold; font-size: 22pt; line-height: 1.45;
     text-align: center; margin: 0 0 28pt; }
h2 { font-family: %(heading)s; font-weight: normal; font-size: 16pt; margin: 14pt 0 0;
     break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; table-layout: fixed; width: 100%%; margin: 8pt 0 12pt;
        font-size: 10.5pt;
        line-height: 1.3; break-inside: avoid; }
table.table3 { font-size: 9.5pt; line-height: 1.25; }
table.table4 { font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.75pt solid #000; padding: 2pt 3pt; text-align: center;
         vertical-align: middle; font-weight: normal; }
th.corner { font-size: 8.5pt; text-align: left; }
td.label { text-align: left; }
td.n { white-space: nowrap; }
td.missing { color: #666; }
/* The signature stays whole and with the text above it: never the date alone on a page. */
.closing { margin-top: 28pt; break-inside: avoid; break-before: avoid; }
article > p:last-of-type, section:last-of-type p:last-child { break-after: avoid; }
.closing p { text-align: right; text-indent: 0; }
p.contact { margin-top: 14pt; text-indent: 0; font-size: 12pt; }
@media screen {
  body { max-width: 170mm; margin: 2em auto; padding: 0 1em; }
}
"""

_ANNOTATION_CSS = """
p.banner { text-indent: 0; text-align: center; font-family: %(heading)s; font-size: 12pt;
           color: #b00020; }
.findings { border: 1pt solid #b00020; padding: 6pt 10pt; margin: 0 0 20pt; font-size: 11pt;
            line-height: 1.5; }
.findings h2 { margin-top: 0; }
.findings p { text-indent: 0; }
.findings ol { margin: 4pt 0 0; padding-left: 0; list-style: none; }
.findings li { margin: 3pt 0; }
.findings .cells { color: #333; font-size: 10pt; }
.num { display: inline-block; min-width: 1.4em; font-weight: bold; color: #fff;
       background: #b00020; text-align: center; border-radius: 2pt; }
.sev-warning .num, .flag-warning sup a { background: #a15c00; }
.sev-info .num, .flag-info sup a { background: #3a5a8c; }
.flag-error { background: #ffd7dc; }
.flag-warning { background: #ffecc2; }
.flag-info { background: #dbe7fb; }
table.flag-error, table.flag-warning, table.flag-info { outline: 2pt solid #b00020; }
sup.mark { font-size: 7pt; line-height: 0; white-space: nowrap; }
sup.mark a { color: #fff; background: #b00020; text-decoration: none; padding: 0 1.5pt;
             border-radius: 1.5pt; margin-left: 1pt; }
p.table-marks { text-indent: 0; font-size: 10pt; }
a { color: inherit; }
"""


def render_html(
    report: Report, settings: WriterSettings, annotations: Annotations | None = None
) -> bytes:
    """The report as a UTF-8 HTML page."""
    return page(build_document(report, settings), annotations).encode("utf-8")


def _family(name: str, fallback: str, generic: str) -> str:
    """A CSS font-family list: the organ's font, then the Noto face, then a generic family."""
    clean = "".join(ch for ch in name if ch not in '"\\<>;{}')
    names = [clean] if clean == fallback else [clean, fallback]
    return ", ".join([*(f'"{n}"' for n in names), generic])


def stylesheet(settings: WriterSettings, annotated: bool = False) -> str:
    fonts = {
        "body": _family(settings.body_font, SERIF, "serif"),
        "heading": _family(settings.heading_font, SANS, "sans-serif"),
        "title": _family(settings.title_font, SERIF, "serif"),
    }
    top_right = (
        f'@top-right {{ content: "批注版"; font-family: {fonts["heading"]}; font-size: 10.5pt; '
        "color: #b00020; }"
        if annotated
        else ""
    )
    faces = "".join(
        f'@font-face {{ font-family: "{family}"; src: url("{path.resolve().as_uri()}"); }}\n'
        for family, path in settings.font_files().items()
    )
    css = faces + _CSS % {**fonts, "top_right": top_right}
    return css + (_ANNOTATION_CSS % fonts if annotated else "")


def page(doc: Document, annotations: Annotations | None = None) -> str:
    """The whole HTML page of ``doc``, annotated when ``annotations`` is given."""
    esc = html.escape
    parts = [
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n',
        f"<title>{esc(doc.title)}</title>\n",
        *_meta(doc),
        f"<style>{stylesheet(doc.settings, annotations is not None)}</style>\n",
        '</head>\n<body>\n<article class="report">\n',
    ]
    if annotations is not None:
        parts.append('<p class="banner">批注版</p>\n')
    parts.append(f"<h1>{esc(doc.title)}</h1>\n")
    if annotations is not None:
        parts.append(_findings(doc, annotations))
    parts.extend(f"<p>{esc(text)}</p>\n" for text in doc.preamble)
    for section in doc.sections:
        parts.append(_section(section, annotations))
    parts.append('<div class="closing">\n')
    parts.extend(f"<p>{esc(line)}</p>\n" for line in doc.closing)
    parts.append("</div>\n")
    if doc.contact:
        parts.append(f'<p class="contact">{esc(doc.contact)}</p>\n')
    parts.append("</article>\n</body>\n</html>\n")
    return "".join(parts)


def _meta(doc: Document) -> Iterable[str]:
    """Metadata a reader (and WeasyPrint, for the PDF's info) can take without parsing text."""
    report = doc.report
    spec = report.spec
    pairs = [
        ("author", doc.organ),
        ("description", f"{doc.organ}{report.year}年政府信息公开工作年度报告"),
        ("keywords", f"政府信息公开, 年度报告, {report.year}, {spec.document}"),
        ("generator", f"gongkai {__version__}"),
        ("gongkai:format", spec.key),
        ("gongkai:year", str(report.year)),
        ("gongkai:organ", doc.organ),
    ]
    if doc.signed_on is not None:
        pairs.append(("dcterms.created", doc.signed_on.isoformat()))
    return (
        f'<meta name="{name}" content="{html.escape(value, quote=True)}">\n'
        for name, value in pairs
    )


def _section(section: Section, annotations: Annotations | None) -> str:
    parts = [f'<section id="{section.key}">\n<h2>{html.escape(section.title)}</h2>\n']
    parts.extend(f"<p>{html.escape(text)}</p>\n" for text in section.paragraphs)
    for grid in section.grids:
        parts.append(table_html(grid, annotations))
    parts.append("</section>\n")
    return "".join(parts)


def table_html(grid: TableGrid, annotations: Annotations | None = None) -> str:
    """One statutory table as an HTML ``<table>`` with its row and column spans."""
    key = grid.table.key
    classes = f"t {key}"
    attributes = ""
    prefix = ""
    if annotations is not None:
        ref = CellRef(key)
        mark = annotations.mark(ref)
        if mark is not None:
            classes += f" flag-{mark.severity.value}"
            attributes = f' id="{anchor(ref)}"'
            prefix = f'<p class="table-marks">本表涉及的问题：{_mark_links(mark.numbers)}</p>\n'
    parts = [prefix, f'<table class="{classes}"{attributes}>\n', _colgroup(grid)]
    rows = grid.rows()
    if grid.head_rows:
        parts.append("<thead>\n")
    for index, row in enumerate(rows):
        if index == grid.head_rows:
            parts.append("</thead>\n<tbody>\n" if grid.head_rows else "<tbody>\n")
        parts.append("<tr>")
        parts.extend(_cell_html(cell, annotations) for cell in row)
        parts.append("</tr>\n")
    parts.append("</tbody>\n</table>\n")
    return "".join(parts)


def _colgroup(grid: TableGrid) -> str:
    """Column widths: narrow heading columns, one wide label column, equal value columns."""
    labels = grid.label_columns
    values = grid.width - labels
    if labels == 0:
        widths = [100 / values] * values
    else:
        label_share = 48.0 if labels > 1 else 28.0
        narrow = [9.0] * (labels - 1)  # room for “（三）”, which may not break
        widths = [*narrow, label_share - sum(narrow), *[(100 - label_share) / values] * values]
    cols = "".join(f'<col style="width:{width:.2f}%">' for width in widths)
    return f"<colgroup>{cols}</colgroup>\n"


_CLASSES = {
    Role.CORNER: "corner",
    Role.CAPTION: "caption",
    Role.GROUP: "group",
    Role.HEADER: "header",
    Role.LABEL: "label",
    Role.VALUE: "n",
    Role.BLANK: "blank",
}


def _cell_html(cell: GridCell, annotations: Annotations | None) -> str:
    tag = "th" if cell.is_head else "td"
    classes = _CLASSES[cell.role]
    if cell.role is Role.VALUE and cell.text == MISSING_TEXT:
        classes += " missing"
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    text = html.escape(cell.text)
    mark = annotations.mark(cell.ref) if annotations is not None else None
    if mark is not None and cell.ref is not None:
        classes += f" flag flag-{mark.severity.value}"
        spans += f' id="{anchor(cell.ref)}"'
        text += f'<sup class="mark">{_mark_links(mark.numbers)}</sup>'
    return f'<{tag} class="{classes}"{spans}>{text}</{tag}>'


def _mark_links(numbers: Iterable[int]) -> str:
    return "".join(f'<a href="#f-{number}">{number}</a>' for number in numbers)


def _printed_refs(doc: Document) -> set[CellRef]:
    """Every cell, row label and table the page prints, so that only real anchors are linked."""
    refs: set[CellRef] = set()
    for grid in doc.grids:
        refs.add(CellRef(grid.table.key))
        refs.update(cell.ref for cell in grid.cells if cell.ref is not None)
    return refs


def _findings(doc: Document, annotations: Annotations) -> str:
    """The numbered list of findings, each linked to the cells it involves."""
    esc = html.escape
    counts = annotations.counts()
    total = len(annotations.findings)
    summary = (
        f"共 {total} 项：错误 {counts[Severity.ERROR]} 项，警告 {counts[Severity.WARNING]} 项，"
        f"提示 {counts[Severity.INFO]} 项。表中标色并编号的单元格即问题涉及的单元格；"
        "点击编号可在问题与单元格之间跳转。"
        if total
        else "未发现问题。"
    )
    printed = _printed_refs(doc)
    parts = [
        '<section class="findings" id="findings">\n<h2>检查发现的问题</h2>\n',
        f"<p>{summary}</p>\n<ol>\n",
    ]
    for number, finding in enumerate(annotations.findings, start=1):
        links = [
            f'<a href="#{anchor(ref)}">{esc(describe_ref(doc.report.format, ref))}</a>'
            if ref in printed
            else esc(describe_ref(doc.report.format, ref))
            for ref in dict.fromkeys(finding.cells)
        ]
        cells = f'<br><span class="cells">涉及：{"、".join(links)}</span>' if links else ""
        parts.append(
            f'<li id="f-{number}" class="finding sev-{finding.severity.value}">'
            f'<span class="num">{number}</span> 【{finding.severity.label}】{esc(finding.rule)} '
            f"{esc(finding.message_zh)}{cells}</li>\n"
        )
    parts.append("</ol>\n</section>\n")
    return "".join(parts)
