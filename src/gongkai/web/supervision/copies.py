"""Near-copy narratives among the organs of a region in one year (``gongkai.report.similarity``).

Reads each current report's narrative from its canonical JSON; the detection itself grows with
the total text, not with the square of the number of organs."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings

from gongkai.report.similarity import SimilarPair, find_copies, narrative_text
from gongkai.web.organs.models import Organ
from gongkai.web.reports.models import AnnualReport
from gongkai.web.supervision.region import region_q


@dataclass(frozen=True, slots=True)
class CopyPair:
    first: AnnualReport
    second: AnnualReport
    pair: SimilarPair

    @property
    def percent(self) -> int:
        return round(self.pair.similarity * 100)


def list_copies(organ: Organ, year: int) -> tuple[list[CopyPair], int]:
    """The near-copy pairs under ``organ`` for ``year`` and how many narratives were compared."""
    filings = {
        str(filing.pk): filing
        for filing in AnnualReport.objects.filter(
            region_q(organ.pk, "organ"), year=year, is_current=True
        ).select_related("organ")
    }
    texts: dict[str, str] = {}
    for key, filing in filings.items():
        # Only the sections are needed: the JSON is read, not turned into a Report.
        sections = json.loads(filing.report_json).get("sections")
        text = narrative_text(sections)
        if text.strip():
            texts[key] = text
    threshold = settings.GONGKAI_COPY_THRESHOLD_PERCENT / 100
    pairs = [
        CopyPair(filings[pair.first], filings[pair.second], pair)
        for pair in find_copies(texts, threshold)
    ]
    return pairs, len(texts)
