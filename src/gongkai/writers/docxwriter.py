"""DOCX: the report as a Word document in official-document typography (GB/T 9704 proportions:
A4, margins 37/26/35/28 mm, 二号 title, 三号 body on a 28 pt line), fonts named explicitly, and
each table with the merged cells of the national format. Built with python-docx."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from io import BytesIO
from xml.sax.saxutils import escape

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle

from gongkai.report.model import Report
from gongkai.writers.document import Document, build_document
from gongkai.writers.layout import GridCell, Role, TableGrid
from gongkai.writers.settings import WriterSettings

_PAGE_WIDTH, _PAGE_HEIGHT = Mm(210), Mm(297)
_MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
# Table text: 五号 (10.5 pt); table 三 and 四 are dense, so 小五 (9 pt) lets them fit a page.
_SMALL_TABLES = frozenset({"table3", "table4"})
_TABLE_SIZE = Pt(10.5)


def render_docx(report: Report, settings: WriterSettings) -> bytes:
    """The report as a DOCX file."""
    doc = build_document(report, settings)
    template, ids = _template(settings.body_font, settings.heading_font, settings.title_font)
    word = docx.Document(BytesIO(template))
    _write_properties(word, doc)
    # The body is written as WordprocessingML in one piece: python-docx's per-paragraph style
    # lookup and cell merging cost milliseconds per call, and a report has hundreds of cells.
    body = [_paragraph(doc.title, ids["Title"])]
    body.extend(_paragraph(text, ids["Normal"]) for text in doc.preamble)
    for section in doc.sections:
        body.append(_paragraph(section.title, ids["Heading 1"]))
        body.extend(_paragraph(text, ids["Normal"]) for text in section.paragraphs)
        for grid in section.grids:
            small = grid.table.key in _SMALL_TABLES
            body.append(table_xml(grid, ids["Table Text Small" if small else "Table Text"]))
            body.append(_paragraph("", ids["Normal"]))  # as Word does: tables never touch
    body.append(_paragraph("", ids["Normal"]))  # a blank line above the signature
    body.extend(_paragraph(line, ids["Closing"]) for line in doc.closing)
    if doc.contact:
        body.append(_paragraph(doc.contact, ids["Contact"]))
    _append_body(word, "".join(body))
    out = BytesIO()
    word.save(out)
    return out.getvalue()


@lru_cache(maxsize=8)
def _template(body_font: str, heading_font: str, title_font: str) -> tuple[bytes, dict[str, str]]:
    """An empty document with the page and styles set up, and its style ids: made once per set
    of fonts, since styling python-docx's default template takes longer than writing a report."""
    word = docx.Document()
    _set_up_page(word)
    fonts = WriterSettings(body_font=body_font, heading_font=heading_font, title_font=title_font)
    ids = _set_up_styles(word, fonts)
    out = BytesIO()
    word.save(out)
    return out.getvalue(), ids


def _append_body(word: WordDocument, content: str) -> None:
    fragment = parse_xml(f"<w:body {nsdecls('w')}>{content}</w:body>")
    section_properties = word.element.body.sectPr
    assert section_properties is not None
    for element in list(fragment):
        section_properties.addprevious(element)


def _paragraph(text: str, style_id: str, alignment: str | None = None) -> str:
    justification = f'<w:jc w:val="{alignment}"/>' if alignment else ""
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{justification}</w:pPr>{run}</w:p>'


def _set_up_page(word: WordDocument) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = _PAGE_WIDTH, _PAGE_HEIGHT
    section.top_margin = _MARGINS["top"]
    section.bottom_margin = _MARGINS["bottom"]
    section.left_margin = _MARGINS["left"]
    section.right_margin = _MARGINS["right"]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("第 ")
    _field(footer._p, "PAGE", "1")
    footer.add_run(" 页 共 ")
    _field(footer._p, "NUMPAGES", "1")
    footer.add_run(" 页")


def _field(paragraph: BaseOxmlElement, instruction: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph.append(field)


def _fonts(style: ParagraphStyle, family: str, size: Pt, *, bold: bool = False) -> None:
    """Name the font for Latin and for East Asian text: Word picks Chinese glyphs from the
    ``eastAsia`` slot, which ``font.name`` alone leaves unset."""
    font = style.font
    font.name = family
    font.size = size
    font.bold = bold
    font.color.rgb = None
    r_pr = style.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(slot), family)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme), None)


def _paragraph_style(word: WordDocument, name: str) -> ParagraphStyle:
    styles = word.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
    assert isinstance(style, ParagraphStyle)
    return style


def _set_up_styles(word: WordDocument, settings: WriterSettings) -> dict[str, str]:
    """Set the document's styles; returns the style id of each style name used in the body."""
    normal = _paragraph_style(word, "Normal")
    _fonts(normal, settings.body_font, Pt(16))
    body = normal.paragraph_format
    body.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    body.line_spacing = Pt(28)
    body.first_line_indent = Pt(32)  # two characters of 三号
    body.space_before = body.space_after = Pt(0)
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    title = _paragraph_style(word, "Title")
    _fonts(title, settings.title_font, Pt(22), bold=True)
    _plain_block(title, WD_ALIGN_PARAGRAPH.CENTER, after=28, line=Pt(36))
    _remove_border(title)

    heading = _paragraph_style(word, "Heading 1")
    _fonts(heading, settings.heading_font, Pt(16))
    _plain_block(heading, WD_ALIGN_PARAGRAPH.LEFT, before=14, line=Pt(28))
    heading.paragraph_format.first_line_indent = Pt(32)
    heading.paragraph_format.keep_with_next = True

    for name, size in (("Table Text", _TABLE_SIZE), ("Table Text Small", Pt(9))):
        cell_text = _paragraph_style(word, name)
        _fonts(cell_text, settings.body_font, size)
        _plain_block(cell_text, WD_ALIGN_PARAGRAPH.CENTER)
        cell_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    closing = _paragraph_style(word, "Closing")
    _plain_block(closing, WD_ALIGN_PARAGRAPH.RIGHT, line=Pt(28))
    contact = _paragraph_style(word, "Contact")
    _fonts(contact, settings.body_font, Pt(12))
    _plain_block(contact, WD_ALIGN_PARAGRAPH.LEFT, before=14, line=Pt(20))
    names = ("Normal", "Title", "Heading 1", "Table Text", "Table Text Small", "Closing", "Contact")
    return {name: str(word.styles[name].style_id) for name in names}


def _plain_block(
    style: ParagraphStyle,
    alignment: WD_ALIGN_PARAGRAPH,
    *,
    before: int = 0,
    after: int = 0,
    line: Pt | None = None,
) -> None:
    block = style.paragraph_format
    block.alignment = alignment
    block.first_line_indent = Pt(0)
    block.space_before, block.space_after = Pt(before), Pt(after)
    if line is not None:
        block.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        block.line_spacing = line


def _remove_border(style: ParagraphStyle) -> None:
    """The default template's Title has a bottom rule; an official title has none."""
    p_pr = style.element.pPr
    if p_pr is not None:
        for border in p_pr.findall(qn("w:pBdr")):
            p_pr.remove(border)


def _write_properties(word: WordDocument, doc: Document) -> None:
    properties = word.core_properties
    properties.title = doc.title
    properties.author = doc.organ
    properties.subject = doc.subject
    properties.keywords = doc.keywords
    properties.comments = doc.marker
    if doc.signed_on is not None:
        moment = dt.datetime.combine(doc.signed_on, dt.time(), tzinfo=dt.UTC)
        properties.created = properties.modified = moment


_TWIPS_PER_MM = 1440 / 25.4
_TEXT_TWIPS = round(156 * _TWIPS_PER_MM)
_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def column_twips(grid: TableGrid) -> list[int]:
    """Column widths: narrow heading columns, one wide label column, equal value columns."""
    labels = grid.label_columns
    values = grid.width - labels
    if labels == 0:
        return [_TEXT_TWIPS // values] * values
    label_share = 0.48 if labels > 1 else 0.28
    narrow = [round(_TEXT_TWIPS * 0.09)] * (labels - 1)
    wide = round(_TEXT_TWIPS * label_share) - sum(narrow)
    return [*narrow, wide, *[round(_TEXT_TWIPS * (1 - label_share)) // values] * values]


def table_xml(grid: TableGrid, style_id: str) -> str:
    """A ``w:tbl`` of the grid: ``gridSpan`` for a column span, ``vMerge`` restart/continue for a
    row span — the same markup Word writes for merged cells."""
    widths = column_twips(grid)
    owner: dict[tuple[int, int], GridCell] = {}
    for cell in grid.cells:
        for row in range(cell.top, cell.bottom):
            owner[row, cell.left] = cell
    parts = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{width}"/>' for width in widths),
        "</w:tblGrid>",
    ]
    for row in range(grid.height):
        header = "<w:tblHeader/>" if row < grid.head_rows else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        column = 0
        while column < grid.width:
            cell = owner[row, column]
            parts.append(_cell_xml(cell, row, widths, style_id))
            column += cell.colspan
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _cell_xml(cell: GridCell, row: int, widths: list[int], style_id: str) -> str:
    width = sum(widths[cell.left : cell.right])
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    merge = ""
    if cell.rowspan > 1:
        merge = '<w:vMerge w:val="restart"/>' if row == cell.top else "<w:vMerge/>"
    text = cell.text if row == cell.top else ""
    alignment = "left" if cell.role in (Role.LABEL, Role.CORNER) else None
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}'
        f'<w:vAlign w:val="center"/></w:tcPr>{_paragraph(text, style_id, alignment)}</w:tc>'
    )
