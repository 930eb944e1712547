"""A PDF page's ruling lines read from the paths it draws (``readers/ruled_paths.py``), on pages
written here operator by operator: each way printers draw a rule, and the paint that is not one."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from gongkai.readers import ruled_paths


def _pdf(content: str, form: str | None = None) -> bytes:
    """A one-page A4 PDF drawing ``content``; ``form``: a form XObject /F1 drawing that."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        + (" /Resources << /XObject << /F1 5 0 R >> >>" if form else "")
        + " >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
    ]
    if form is not None:
        objects.append(
            f"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Length {len(form)} >>\n"
            f"stream\n{form}\nendstream"
        )
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def _rules(content: str, form: str | None = None) -> tuple[list[tuple], list[tuple]]:
    pdf = pdfium.PdfDocument(_pdf(content, form))
    try:
        horizontal, vertical = ruled_paths.rules(pdf[0])
    finally:
        pdf.close()
    rounded = [tuple(round(v, 1) for v in rule) for rule in horizontal]
    return sorted(rounded), sorted(tuple(round(v, 1) for v in rule) for rule in vertical)


def test_a_stroked_line_is_a_rule() -> None:  # LibreOffice draws each cell side so
    # a stroke's bounds reach a little past its ends (pdfium adds up to its width)
    horizontal, vertical = _rules("0 0 0 RG 1 w 100 700 m 300 700 l S")
    assert vertical == []
    assert horizontal == [pytest.approx((700.0, 100.0, 300.0), abs=1.0)]
    horizontal, vertical = _rules("0 0 0 RG 1 w 100 500 m 100 700 l S")
    assert horizontal == []
    assert vertical == [pytest.approx((100.0, 500.0, 700.0), abs=1.0)]


def test_a_thin_filled_rectangle_is_a_rule() -> None:  # Chromium draws borders so
    horizontal, vertical = _rules("0 0 0 rg 100 600 200 0.75 re f 50 100 1 300 re f")
    assert horizontal == [(600.4, 100.0, 300.0)]
    assert vertical == [(50.5, 100.0, 400.0)]


def test_a_stroked_rectangle_gives_its_four_sides() -> None:
    horizontal, vertical = _rules("0 0 0 RG 1 w 100 300 200 50 re S")
    assert horizontal == [(300.0, 100.0, 300.0), (350.0, 100.0, 300.0)]
    assert vertical == [(100.0, 300.0, 350.0), (300.0, 300.0, 350.0)]


def test_one_path_drawing_a_whole_grid_gives_each_line() -> None:
    grid = "0 0 0 RG 0.5 w 100 700 m 400 700 l 100 650 m 400 650 l 100 700 m 100 650 l "
    grid += "250 700 m 250 650 l 400 700 m 400 650 l S"
    horizontal, vertical = _rules(grid)
    assert [rule[0] for rule in horizontal] == [650.0, 700.0]
    assert [rule[0] for rule in vertical] == [100.0, 250.0, 400.0]


@pytest.mark.parametrize(
    "content",
    [
        "1 1 1 RG 1 w 100 500 m 300 500 l S",  # a white rule: nothing printed
        "0.95 0.95 0.95 rg 100 500 200 0.75 re f",  # a hairline too light to see
        "0.8 0.8 0.8 rg 100 400 200 50 re f",  # a shaded heading: an area, not a rule
        "0 0 0 rg 100 400 2 2 re f",  # a dot
        "0 0 0 RG 1 w 100 400 m 150 450 l S",  # a slanted stroke
        "0 0 0 rg 100 400 m 200 500 l 300 400 l h f",  # a filled triangle
    ],
)
def test_paint_that_is_no_rule_gives_none(content: str) -> None:
    assert _rules(content) == ([], [])


def test_a_rule_inside_a_form_is_placed_by_the_form_s_matrix() -> None:
    # the form is drawn shifted 50 pt right and 100 pt up, at half size
    horizontal, _ = _rules("q 0.5 0 0 0.5 50 100 cm /F1 Do Q", "0 0 0 RG 1 w 0 200 m 400 200 l S")
    assert horizontal == [pytest.approx((200.0, 50.0, 250.0), abs=1.0)]


def test_a_page_of_countless_paths_is_no_table() -> None:
    many = " ".join(f"0 0 0 rg 10 {i % 800} 100 0.5 re f" for i in range(20_001))
    assert _rules(many) == ([], [])
