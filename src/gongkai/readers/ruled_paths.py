"""A PDF page's ruling lines, taken from the paths it draws (pypdfium2's page objects).

A word processor, a spreadsheet or a browser prints a table's rules as vector paths: a thin
filled rectangle per cell side (Chromium), a stroked two-point line (LibreOffice), or one stroked
path for many lines. Reading them from the page's objects gives the same lines as rendering the
page and looking for long runs of ink, at a small part of the cost (rendering was the costliest
step of reading a PDF by far), and in the text layer's own coordinates.

A path counts where it is drawn in a visible tone: a white rule or a light shading is not a
line. A filled area wider than a rule in both directions (a shaded heading) is not one either;
its outline is taken only when it is stroked.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# A horizontal line: its y and its x from, to; a vertical one: its x and its y from, to (points).
Rule = tuple[float, float, float]
Matrix = tuple[float, float, float, float, float, float]

_THIN = 2.5  # points: a path this thin across is a rule (rules are printed 0.25–1.5 pt wide)
_STRAIGHT = 0.5  # points: a stroked segment whose ends differ this little across is straight
_LIGHT = 230  # a grey level (0–255) from which paint is too light to be a rule
# More path objects or segments than this on a page is a drawing, not a report's table (and
# a damaged file could hold millions): the page is read as having no rules.
_MAX_PATHS = 20_000
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def rules(page: pdfium.PdfPage) -> tuple[list[Rule], list[Rule]]:
    """The page's horizontal and vertical rules, in PDF points (y upwards, as the text
    layer's character boxes)."""
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    for count, (path, matrix) in enumerate(_paths(page.raw)):
        if count >= _MAX_PATHS:
            return [], []
        _path_rules(path, matrix, horizontal, vertical)
    return horizontal, vertical


def _paths(page: ctypes.c_void_p) -> Iterator[tuple[ctypes.c_void_p, Matrix]]:
    """The page's path objects, also those inside form XObjects, each with the matrix that
    takes its container's coordinates to the page's."""
    stack = [
        (pdfium_c.FPDFPage_GetObject(page, index), _IDENTITY)
        for index in reversed(range(pdfium_c.FPDFPage_CountObjects(page)))
    ]
    while stack:
        obj, matrix = stack.pop()
        if not obj:  # pdfium could not give the object (a damaged file): nothing to read
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, matrix
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and len(stack) < _MAX_PATHS:
            inner = _compose(_matrix(obj), matrix)
            count = pdfium_c.FPDFFormObj_CountObjects(obj)
            stack += [
                (pdfium_c.FPDFFormObj_GetObject(obj, index), inner)
                for index in reversed(range(max(count, 0)))
            ]


def _path_rules(
    path: ctypes.c_void_p, matrix: Matrix, horizontal: list[Rule], vertical: list[Rule]
) -> None:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(path, fill, stroke):
        return
    filled = fill.value != 0 and _visible(pdfium_c.FPDFPageObj_GetFillColor, path)
    stroked = bool(stroke.value) and _visible(pdfium_c.FPDFPageObj_GetStrokeColor, path)
    if not (filled or stroked):
        return
    left, bottom, right, top = _bounds(path, matrix)
    if top - bottom <= _THIN and right - left > _THIN:
        horizontal.append(((top + bottom) / 2, left, right))
    elif right - left <= _THIN and top - bottom > _THIN:
        vertical.append(((left + right) / 2, bottom, top))
    elif stroked:
        _stroked_sides(path, _compose(_matrix(path), matrix), horizontal, vertical)


def _stroked_sides(
    path: ctypes.c_void_p, matrix: Matrix, horizontal: list[Rule], vertical: list[Rule]
) -> None:
    """The straight horizontal and vertical segments of a stroked path (a table's grid drawn as
    one path, or a cell's outline as a rectangle)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    count = min(pdfium_c.FPDFPath_CountSegments(path), _MAX_PATHS)
    start = current = None
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = _apply(matrix, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = current = point
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
            _side(current, point, horizontal, vertical)
        current = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _side(current, start, horizontal, vertical)
            current = start


def _side(
    a: tuple[float, float], b: tuple[float, float], horizontal: list[Rule], vertical: list[Rule]
) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y1 - y0) <= _STRAIGHT and abs(x1 - x0) > _THIN:
        horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) <= _STRAIGHT and abs(y1 - y0) > _THIN:
        vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _visible(get_colour: Callable[..., int], obj: ctypes.c_void_p) -> bool:
    """Whether paint of the colour ``get_colour`` gives (fill or stroke) can be seen."""
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not get_colour(obj, r, g, b, a):
        return True  # a colour pdfium cannot say (a pattern): drawn, as far as we know
    return a.value > 0 and 0.299 * r.value + 0.587 * g.value + 0.114 * b.value < _LIGHT


def _bounds(obj: ctypes.c_void_p, matrix: Matrix) -> tuple[float, float, float, float]:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return 0.0, 0.0, 0.0, 0.0
    corners = [
        _apply(matrix, x, y) for x in (left.value, right.value) for y in (bottom.value, top.value)
    ]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _matrix(obj: ctypes.c_void_p) -> Matrix:
    raw = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, raw):
        return _IDENTITY
    return raw.a, raw.b, raw.c, raw.d, raw.e, raw.f


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix of applying ``inner``, then ``outer``."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f
