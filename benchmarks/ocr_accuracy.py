"""Cell accuracy and speed of reading scans by OCR (``readers/ocr.py``).

Every corpus PDF and a PDF written by gongkai's writers from every truth file are rendered to page
images (pypdfium2) — at 150, 200 and 300 dpi, and at 200 dpi also turned by +1° and −1° and with
scanner noise — packed as a multi-page TIFF and read through ``read_bytes`` like any upload.
Each cell is compared with the truth: right, missing (reported so) or wrong (the target is 0).
A cell the truth does not know is printed blank by the writers, and a blank in a published table
is a printed zero (DOMAIN §1.6): read as 0 it is counted apart ("blank→0"), not as wrong.

    .venv/bin/python benchmarks/ocr_accuracy.py [--items 002,004] [--variants 200dpi,noisy]

OCR takes seconds per page: the full run (all items, all variants) takes an hour or more on one
core. Exit status 1 when any cell is wrong.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from gongkai.errors import GongkaiError
from gongkai.readers import read_bytes
from gongkai.report.model import Report
from gongkai.report.truth import report_from_truth
from gongkai.writers import render
from timing import pin_to_one_core, print_rows

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# name: (dpi, degrees turned, noisy)
VARIANTS = {
    "150dpi": (150, 0.0, False),
    "200dpi": (200, 0.0, False),
    "300dpi": (300, 0.0, False),
    "200dpi+1°": (200, 1.0, False),
    "200dpi-1°": (200, -1.0, False),
    "200dpi noisy": (200, 0.0, True),
}


@dataclass
class Tally:
    right: int = 0
    missing: int = 0
    wrong: int = 0
    blank_zero: int = 0  # a cell printed blank read as 0, as DOMAIN §1.6 reads a published blank
    pages: int = 0
    seconds: float = 0.0
    failed: int = 0  # files not read at all


def sources(items: set[str] | None) -> list[tuple[str, bytes, Report]]:
    """(name, PDF, truth) for every corpus PDF and every truth file written as a PDF."""
    out = []
    for truth_path in sorted((CORPUS / "truth").glob("*.json")):
        item = truth_path.stem
        if items and item not in items:
            continue
        truth = report_from_truth(json.loads(truth_path.read_text(encoding="utf-8")))
        raw = CORPUS / "raw" / f"{item}.pdf"
        if raw.exists():
            out.append((f"{item}.pdf (corpus)", raw.read_bytes(), truth))
        out.append((f"{item} (gongkai PDF)", render(truth, "pdf"), truth))
    return out


def scan(pdf: bytes, dpi: int, degrees: float, noisy: bool, seed: int = 7) -> bytes:
    """The PDF as a multi-page TIFF, as a scanner might make it."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    random = np.random.default_rng(seed)
    for page in document:
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        if degrees:
            image = image.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor=255)
        if noisy:
            pixels = np.asarray(image, dtype=np.float64)
            pixels += random.normal(0, 18, pixels.shape)  # sensor noise
            specks = random.random(pixels.shape)
            pixels[specks < 0.002] = 0  # dust
            pixels[specks > 0.998] = 255
            image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
        pages.append(image)
    document.close()
    out = io.BytesIO()
    pages[0].save(
        out,
        format="TIFF",
        save_all=True,
        append_images=pages[1:],
        dpi=(dpi, dpi),
        compression="tiff_deflate",
    )
    return out.getvalue()


def compare(truth: Report, read: Report, tally: Tally, wrong: list[str], name: str) -> None:
    expected = {(t, r, c): cell.value for t, r, c, cell in truth.iter_cells()}
    got = {(t, r, c): cell.value for t, r, c, cell in read.iter_cells()}
    for key, value in expected.items():
        if value is None:
            continue
        if got.get(key) is None:
            tally.missing += 1
        elif got[key] == value:
            tally.right += 1
        else:
            tally.wrong += 1
            wrong.append(f"{name} {'.'.join(key)}: read {got[key]}, printed {value}")
    for key, value in got.items():  # a number read where the report prints none
        if value is not None and expected.get(key) is None:
            if value == 0:
                # the writer prints a value the truth does not know as a blank cell, and a blank
                # in a published table is a printed zero (DOMAIN §1.6): not judged, counted apart
                tally.blank_zero += 1
                continue
            tally.wrong += 1
            wrong.append(f"{name} {'.'.join(key)}: read {value}, printed nothing")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", help="comma-separated truth items (default: all)")
    parser.add_argument("--variants", help=f"comma-separated, of: {', '.join(VARIANTS)}")
    args = parser.parse_args()
    items = set(args.items.split(",")) if args.items else None
    variants = args.variants.split(",") if args.variants else list(VARIANTS)
    print(f"OCR accuracy ({pin_to_one_core()})")
    tallies = {variant: Tally() for variant in variants}
    wrong: list[str] = []
    for name, pdf, truth in sources(items):
        for variant in variants:
            dpi, degrees, noisy = VARIANTS[variant]
            image = scan(pdf, dpi, degrees, noisy)
            tally = tallies[variant]
            start = time.perf_counter()
            try:
                read = read_bytes(image, f"{name}.tiff")
            except GongkaiError as error:
                tally.failed += 1
                print(f"  {name} {variant}: not read ({error.code})", flush=True)
                continue
            finally:
                tally.seconds += time.perf_counter() - start
                tally.pages += len(pdfium.PdfDocument(pdf))
            before = (tally.right, tally.missing, tally.wrong)
            compare(truth, read, tally, wrong, f"{name} {variant}")
            right, missing, wrongs = (
                now - then
                for now, then in zip((tally.right, tally.missing, tally.wrong), before, strict=True)
            )
            print(f"  {name} {variant}: right {right} missing {missing} wrong {wrongs}", flush=True)
    body = [
        [
            variant,
            str(t.right),
            str(t.missing),
            str(t.wrong),
            str(t.blank_zero),
            f"{t.right / max(t.right + t.missing + t.wrong, 1):.1%}",
            str(t.failed),
            f"{t.seconds / max(t.pages, 1):.1f}",
        ]
        for variant, t in tallies.items()
    ]
    print_rows(
        ["variant", "right", "missing", "wrong", "blank→0", "right %", "files not read", "s/page"],
        body,
    )
    for line in wrong:
        print("WRONG", line)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
