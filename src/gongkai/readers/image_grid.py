"""Table cells from a page's ruling lines (numpy and Pillow; no OpenCV).

A published table is drawn with ruling lines, and a cell is the box they enclose. On a page image
(a scan) the lines are found as long straight runs of dark pixels: a character's strokes are far
shorter than any cell's side; a PDF with a text layer gives them as the paths it draws
(``ruled_paths.py``), placed on the same pixel grid. A cell is then the box
around a point bounded by the nearest line on each side that actually passes by it, so a cell
merged across columns or rows comes out as one box, as it was printed.

A scan is seldom straight: the page is first turned by the angle that makes its rows of ink most
sharply horizontal (searched within ±3°), so that a 1° tilt neither breaks the lines nor moves a
number into the next row.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray
from PIL import Image

Mask = NDArray[np.bool_]

DARK = 160  # grey level below which a pixel is ink
MAX_SKEW_DEGREES = 3.0
_SKEW_STEP = 0.1
# The shortest run that counts as a ruling line, in inches: a character at report sizes is at
# most 0.2 in wide or tall, a table cell at least 0.25 in wide and 0.18 in tall.
_MIN_HORIZONTAL_INCHES = 0.3
_MIN_VERTICAL_INCHES = 0.16
_LONG_VERTICAL_INCHES = 0.5  # longer than any character's stroke
_MERGE_PIXELS = 3  # runs this close (a line a few pixels thick) are one line
# The most cells a page's lines may form. A page of an annual report holds a few hundred (table 三
# is about 30 rows by 9 columns); a page drawn with thousands of lines is no report table, and
# testing every crossing of them would take minutes (fuzzing found such a page).
_MAX_GRID_CELLS = 5_000


@dataclass(frozen=True, slots=True, order=True)
class Segment:
    """A ruling line: ``at`` is its y (horizontal) or x (vertical), from ``start`` to ``end``."""

    at: int
    start: int
    end: int


@dataclass(frozen=True, slots=True, order=True)
class Box:
    top: int
    left: int
    bottom: int
    right: int

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def width(self) -> int:
        return self.right - self.left


def grey(image: Image.Image) -> Image.Image:
    return image.convert("L")


def deskewed(image: Image.Image) -> tuple[Image.Image, float]:
    """``image`` (greyscale) turned straight, and the angle it was turned by (degrees)."""
    small = image.reduce(4) if min(image.size) > 800 else image
    ink = Image.fromarray(((np.asarray(small) < DARK) * 255).astype(np.uint8))
    scores: dict[float, float] = {}
    steps = int(MAX_SKEW_DEGREES / _SKEW_STEP)
    for step in range(-steps, steps + 1):
        angle = round(step * _SKEW_STEP, 1)
        rotated = ink.rotate(angle, resample=Image.Resampling.NEAREST)
        profile = np.asarray(rotated, dtype=np.float64).sum(axis=1)
        scores[angle] = float(np.square(profile).sum())
    best = max(scores, key=lambda angle: scores[angle])
    # a straight page stays untouched: turning it by a hair only blurs it
    if best == 0 or scores[best] < scores[0.0] * 1.02:
        return image, 0.0
    return image.rotate(best, resample=Image.Resampling.BICUBIC, fillcolor=255), best


def ink(image: Image.Image) -> Mask:
    """The dark pixels of a greyscale image, without isolated specks (a scanner's noise)."""
    dark = np.asarray(image) < DARK
    padded = np.pad(dark, 1)
    neighbours = sum(
        padded[1 + dy : padded.shape[0] - 1 + dy, 1 + dx : padded.shape[1] - 1 + dx]
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
        if dy or dx
    )
    return dark & (np.asarray(neighbours) > 0)


def _runs(mask: Mask, minimum: int) -> list[Segment]:
    """Runs of True along each row of ``mask`` at least ``minimum`` long, as segments."""
    candidates = np.nonzero(mask.sum(axis=1) >= minimum)[0]  # too little ink for a line: skip
    padded = np.zeros((len(candidates), mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask[candidates]
    change = np.diff(padded, axis=1)
    rows, starts = np.nonzero(change == 1)
    rows = candidates[rows]
    _, ends = np.nonzero(change == -1)  # same order: row by row, left to right
    long = (ends - starts) >= minimum
    return [
        Segment(int(r), int(s), int(e))
        for r, s, e in zip(rows[long], starts[long], ends[long], strict=True)
    ]


def _merged(segments: list[Segment]) -> list[Segment]:
    """Runs on neighbouring rows that overlap are one (thick or slightly tilted) line."""
    lines: list[Segment] = []
    for segment in sorted(segments):
        joined = False
        for index in range(len(lines) - 1, -1, -1):
            line = lines[index]
            if segment.at - line.at > _MERGE_PIXELS:
                break
            if segment.start <= line.end and line.start <= segment.end:
                lines[index] = Segment(
                    line.at, min(line.start, segment.start), max(line.end, segment.end)
                )
                joined = True
                break
        if not joined:
            lines.append(segment)
    return lines


@dataclass(slots=True)
class Grid:
    """The ruling lines of one page image."""

    horizontal: list[Segment]
    vertical: list[Segment]
    mask: Mask | None  # the page's ink, lines included (None: lines drawn as a PDF's paths)

    @classmethod
    def find(cls, mask: Mask, dpi: float) -> Grid:
        """The lines of a page image: long runs of ink."""
        horizontal = _runs(mask, round(_MIN_HORIZONTAL_INCHES * dpi))
        vertical = _runs(mask.T, round(_MIN_VERTICAL_INCHES * dpi))
        return cls.of_lines(horizontal, vertical, dpi, mask)

    @classmethod
    def of_lines(
        cls, horizontal: list[Segment], vertical: list[Segment], dpi: float, mask: Mask | None
    ) -> Grid:
        """The grid of lines found in pieces (a run of ink per pixel row, a path per cell
        side): pieces that overlap or touch are one line, and a line too short to be a rule
        is dropped."""
        horizontal = [
            line
            for line in _merged(horizontal)
            if line.end - line.start >= _MIN_HORIZONTAL_INCHES * dpi
        ]
        vertical = [
            line
            for line in _merged(vertical)
            if line.end - line.start >= _MIN_VERTICAL_INCHES * dpi
        ]
        # A ruling line runs from one line to another (or, where a table goes on over a page
        # break, from the page's edge to a line); a character's stroke floats in its cell.
        long = round(_LONG_VERTICAL_INCHES * dpi)
        vertical = [
            line
            for line in vertical
            if (_meets(horizontal, line.at, line.start) + _meets(horizontal, line.at, line.end))
            >= (1 if line.end - line.start >= long else 2)
        ]
        return cls(horizontal, vertical, mask)

    def cells(self) -> list[Box]:
        """Every cell of every ruled table on the page, top to bottom, left to right: around
        the middle of each strip between neighbouring lines, the box bounded by the nearest
        line on each side that actually passes by it."""
        ys = _spread(h.at for h in self.horizontal)
        xs = _spread(v.at for v in self.vertical)
        if len(ys) * len(xs) > _MAX_GRID_CELLS:
            return []  # no ruled table is read: its cells are reported missing, never guessed
        middles_x = [(left + right) / 2 for left, right in pairwise(xs)]
        middles_y = [(top + bottom) / 2 for top, bottom in pairwise(ys)]
        # the lines that pass each strip's middle, in order
        across = {x: _passing(self.horizontal, x) for x in middles_x}
        along = {y: _passing(self.vertical, y) for y in middles_y}
        found: set[Box] = set()
        for y in middles_y:
            for x in middles_x:
                sides, ends = _between(along[y], x), _between(across[x], y)
                if sides is None or ends is None:
                    continue
                box = Box(ends[0], sides[0], ends[1], sides[1])
                if box.width > 4 and box.height > 4:
                    found.add(box)
        return sorted(found)

    def _inside(self, box: Box) -> Mask:
        assert self.mask is not None, "a grid of drawn paths has no image to look inside"
        margin = _MERGE_PIXELS + 1
        return self.mask[
            box.top + margin : box.bottom - margin, box.left + margin : box.right - margin
        ]

    def inked(self, box: Box) -> bool:
        """Whether anything is printed inside the cell (its ruling lines left out)."""
        inside = self._inside(box)
        return bool(inside.size) and int(inside.sum()) >= 8

    def ink_shape(self, box: Box) -> tuple[int, int]:
        """The height and width of what is printed inside the cell."""
        inside = self._inside(box)
        rows = np.nonzero(inside.any(axis=1))[0]
        columns = np.nonzero(inside.any(axis=0))[0]
        if not rows.size:
            return 0, 0
        return int(rows[-1] - rows[0] + 1), int(columns[-1] - columns[0] + 1)


def _meets(lines: list[Segment], along: int, at: int) -> bool:
    """Whether one of ``lines`` passes through the point (``along`` on it, ``at`` across)."""
    slack = 2 * _MERGE_PIXELS
    return any(
        abs(line.at - at) <= slack and line.start - slack <= along <= line.end + slack
        for line in lines
    )


def _passing(lines: list[Segment], at: float) -> list[int]:
    """Where the lines that pass the point ``at`` along them lie, in order."""
    slack = _MERGE_PIXELS
    return sorted(line.at for line in lines if line.start - slack <= at <= line.end + slack)


def _between(positions: list[int], at: float) -> tuple[int, int] | None:
    """The nearest of ``positions`` (in order) before and after ``at``, if there are both."""
    before = bisect.bisect_left(positions, at)
    after = bisect.bisect_right(positions, at)
    if before == 0 or after == len(positions):
        return None
    return positions[before - 1], positions[after]


def _spread(positions: Iterable[int]) -> list[int]:
    """Line positions with those a few pixels apart (one line's two edges) taken once."""
    out: list[int] = []
    for position in sorted(set(positions)):
        if not out or position - out[-1] > 2 * _MERGE_PIXELS:
            out.append(position)
    return out


def rows(cells: list[Box]) -> list[list[Box]]:
    """Cells grouped into printed rows, each ordered left to right. A row is the strip between
    two neighbouring horizontal lines; a cell merged over several rows (a heading printed once
    for a group of rows) belongs to each of them, as a word processor's table model has it."""
    tops = _spread(box.top for box in cells)
    out = []
    for top in tops:
        row = [box for box in cells if box.top - _MERGE_PIXELS <= top < box.bottom - _MERGE_PIXELS]
        out.append(sorted(row, key=lambda box: box.left))
    return out


def tables(cells: list[Box]) -> list[Box]:
    """The outline of each ruled table: cells that touch belong to the same table."""
    outlines: list[Box] = []
    for box in sorted(cells):
        for index, outline in enumerate(outlines):
            if (
                box.top <= outline.bottom + _MERGE_PIXELS
                and box.left <= outline.right + 1
                and (outline.left <= box.right + 1)
            ):
                outlines[index] = Box(
                    min(outline.top, box.top),
                    min(outline.left, box.left),
                    max(outline.bottom, box.bottom),
                    max(outline.right, box.right),
                )
                break
        else:
            outlines.append(box)
    return outlines
