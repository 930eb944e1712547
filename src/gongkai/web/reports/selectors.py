"""Reads of the report archive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.db.models import QuerySet

from gongkai import Finding, Report, ReportInputError
from gongkai.report.canonical import loads
from gongkai.web.organs.models import Organ
from gongkai.web.reports.checking import findings_from_json
from gongkai.web.reports.models import AnnualReport


def list_archive(organ: Organ) -> QuerySet[AnnualReport]:
    """The organ's current reports, newest year first."""
    return AnnualReport.objects.filter(organ=organ, is_current=True).order_by("-year")


# An upload whose year is not chosen is read with this many of the organ's latest reports on
# hand: the reader takes the one of the year before the year it reads.
_WITNESSES = 10


def list_witnesses(organ: Organ, year: int | None) -> list[Report]:
    """The organ's filed reports an upload of ``year`` may be read against (the year before, as
    the witness for glued digit runs): that year's current report when the year is known, else
    the latest current ones. Withdrawn reports are no witness."""
    filings = AnnualReport.objects.filter(organ=organ, is_current=True, withdrawn_at__isnull=True)
    if year is not None:
        filings = filings.filter(year=year - 1)
    reports = []
    for filing in filings.order_by("-year")[:_WITNESSES]:
        try:
            reports.append(report_of(filing))
        except ReportInputError:
            continue  # stored before its numbers were checked: it loads no more, and is no witness
    return reports


def list_history(organ: Organ, year: int) -> QuerySet[AnnualReport]:
    """Every version filed for the year, newest first."""
    # Only the columns a list shows: each version's report and findings can be large.
    return (
        AnnualReport.objects.filter(organ=organ, year=year)
        .select_related("filed_by")
        .defer("report_json", "findings")
        .order_by("-version")
    )


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a year's report as the report page lists it."""

    pk: int
    version: int
    filed_at: datetime
    filed_by: str
    error_count: int
    is_current: bool
    replaced_at: datetime | None
    withdrawn_at: datetime | None


def list_versions(organ: Organ, year: int) -> list[Version]:
    """Every version filed for the year, newest first, as plain rows: the report page shows
    this list on every view, and rows cost a fraction of model instances and their joins."""
    rows = (
        AnnualReport.objects.filter(organ=organ, year=year)
        .order_by("-version")
        .values_list(
            "pk",
            "version",
            "filed_at",
            "filed_by__full_name",
            "filed_by__username",
            "error_count",
            "is_current",
            "replaced_at",
            "withdrawn_at",
        )
    )
    return [
        Version(
            pk, version, filed_at, full_name or username or "", errors, current, replaced, withdrawn
        )
        for (
            pk,
            version,
            filed_at,
            full_name,
            username,
            errors,
            current,
            replaced,
            withdrawn,
        ) in rows
    ]


@dataclass(frozen=True, slots=True)
class CheckedAgainst:
    """The last-year version a filing was checked against, as the report page names it."""

    pk: int
    year: int
    version: int
    is_current: bool


def checked_against(filing: AnnualReport) -> CheckedAgainst | None:
    """Four columns of ``filing.previous`` rather than the whole row (its report and findings)."""
    if filing.previous_id is None:
        return None
    row = (
        AnnualReport.objects.filter(pk=filing.previous_id)
        .values_list("pk", "year", "version", "is_current")
        .first()
    )
    return CheckedAgainst(*row) if row is not None else None


def get_current(organ: Organ, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(organ=organ, year=year, is_current=True).first()


def list_current_for(organ_ids: set[int] | None, year: int | None = None) -> QuerySet[AnnualReport]:
    """Current reports of the given organs (all organs for ``None``)."""
    reports = AnnualReport.objects.filter(is_current=True).select_related("organ")
    if organ_ids is not None:
        reports = reports.filter(organ_id__in=organ_ids)
    if year is not None:
        reports = reports.filter(year=year)
    return reports.order_by("organ__name", "-year")


def report_of(filing: AnnualReport) -> Report:
    """The filing's report. The same text gives the same object (callers must not change it):
    validating the stored JSON against the schema again costs ~8 ms a time."""
    return _loaded(filing.report_json)


@lru_cache(maxsize=64)
def _loaded(report_json: str) -> Report:
    return loads(report_json)


def findings_of(filing: AnnualReport) -> list[Finding]:
    return findings_from_json(filing.findings)
