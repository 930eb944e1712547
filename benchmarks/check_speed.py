"""How many reports ``gongkai.check`` checks per second on one core.

    .venv/bin/python benchmarks/check_speed.py            # the full run (about a minute)
    .venv/bin/python benchmarks/check_speed.py --quick    # a smoke run of a few seconds

Two measurements for each input set: the single-report rules (``check(report)``, no previous
report), and the same with the organ's previous-year report (``check(report, previous)``), which
adds the cross-year rules Y1–Y6. Input sets:

* ``truth corpus``: every hand-checked report of ``../shared/corpus/truth`` (tables only, no
  narrative), through ``report_from_truth``. Its previous-year report is the same organ's truth
  file for the year before when the corpus has one, otherwise a copy of the report moved back one
  year whose 结转下年度 equals this year's 上年结转;
* ``bundled samples``: the two reports in ``gongkai/samples``, read with ``gongkai.read`` (one
  with its full narrative), previous reports made the same way;
* ``synthetic, tables`` and ``synthetic, narrative``: 1,000 consistent reports (every identity
  holds, numbers nonzero, half in each format version that their year calls for), built from
  ``random.Random(0)``, with a consistent previous-year report each; the second set also carries
  a six-section narrative whose figures agree with the tables.

Each measurement warms up, then times several rounds with ``time.perf_counter`` (garbage
collection off during a round, as ``timeit`` does); a round checks the whole set, repeated until
it lasts long enough to time. The table gives the best and the median round.
"""

from __future__ import annotations

import argparse
import copy
import json
import platform
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import gongkai
from gongkai import OrganKind, Report, Severity, check
from gongkai.report.formats import APPLICANT_KEYS, get_format
from gongkai.report.truth import report_from_truth
from timing import Measurement, measure, pin_to_one_core, print_rows

TRUTH = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "truth"
SAMPLES = Path(gongkai.__file__).parent / "samples"
TARGET = 5_000  # reports per second, single-report rules
SYNTHETIC_COUNT = 1_000

Pair = tuple[Report, Report | None]


# ── Inputs ─────────────────────────────────────────────────────────────────────────────────────


def truth_reports() -> list[Report]:
    """Every truth file as a report; exits with a clear message when the corpus is absent."""
    files = sorted(TRUTH.glob("*.json")) if TRUTH.is_dir() else []
    if not files:
        sys.exit(
            f"check_speed: the shared corpus is missing: no truth files in {TRUTH}\n"
            "(the benchmark expects the repository next to shared/, as /work/main and "
            "/work/shared)"
        )
    return [report_from_truth(json.loads(path.read_text(encoding="utf-8"))) for path in files]


def sample_reports() -> list[Report]:
    return [gongkai.read(path) for path in sorted(SAMPLES.glob("*.json"))]


def moved_back_one_year(report: Report) -> Report:
    """A previous-year report for ``report``: the same numbers a year earlier, carrying forward
    exactly what ``report`` says was carried over (so that Y1 holds)."""
    previous = copy.deepcopy(report)
    previous.year -= 1
    previous.published_on = None
    carried_over = report.tables.get("table3", {}).get("carried_over")
    if carried_over is not None:
        previous.tables["table3"]["carried_forward"] = dict(carried_over)
    return previous


def with_previous(reports: Sequence[Report]) -> tuple[list[Pair], int]:
    """Each report with its previous-year report, and how many of those are real reports of the
    set (same organ, the year before) rather than made by ``moved_back_one_year``."""
    by_organ_year = {(report.organ, report.year): report for report in reports}
    pairs: list[Pair] = []
    real = 0
    for report in reports:
        previous = by_organ_year.get((report.organ, report.year - 1))
        if previous is not None:
            real += 1
        else:
            previous = moved_back_one_year(report)
        pairs.append((report, previous))
    return pairs, real


# ── Synthetic reports ──────────────────────────────────────────────────────────────────────────

_APPLICANTS = APPLICANT_KEYS
_PLACES = "东西南北中青山河湖松柏桃李江海云石金玉"
_OVERVIEW_SENTENCES = (
    "本机关坚持以公开为常态、不公开为例外，持续完善政府信息公开制度。",
    "围绕重点领域信息公开，及时发布财政预决算、重大建设项目等信息。",
    "进一步规范依申请公开办理流程，严格落实登记、审核、答复各环节要求。",
    "加强政府网站和政务新媒体管理，健全信息发布审核机制。",
    "组织开展政务公开业务培训，提升工作人员业务能力。",
    "深化政策解读，采用图文、视频等形式解读重要政策文件。",
    "完善政府信息管理，动态更新政府信息公开目录。",
    "加强政务公开专区建设，为群众提供查阅服务。",
    "推进基层政务公开标准化规范化建设，梳理公开事项清单。",
    "强化监督保障，将政务公开工作纳入年度绩效考核。",
    "积极回应社会关切，做好舆情收集、研判和回应工作。",
    "建立健全政府信息公开保密审查机制，防止泄密事件发生。",
)
_PROBLEM_SENTENCES = (
    "存在的问题：信息公开的及时性有待提高，部分栏目更新不够及时。",
    "存在的问题：政策解读形式较为单一，解读质量有待提升。",
    "存在的问题：工作人员业务水平参差不齐，培训不足。",
    "改进措施：下一步将加强栏目日常维护，确保信息及时更新。",
    "改进措施：将丰富解读形式，提高政策解读的针对性。",
    "改进措施：加强业务培训，建立常态化学习机制。",
)


@dataclass(frozen=True, slots=True)
class _Organ:
    name: str
    kind: OrganKind


def _synthetic_organ(rng: random.Random, index: int) -> _Organ:
    place = "".join(rng.choice(_PLACES) for _ in range(2))
    if index % 2:
        return _Organ(f"{place}市人民政府", OrganKind.CITY_GOVERNMENT)
    return _Organ(f"{place}区第{index}局", OrganKind.DEPARTMENT)


def _set(report: Report, table: str, row: str, values: dict[str, int | Decimal]) -> None:
    for column, value in values.items():
        report.set(table, row, column, value)


def _table2(rng: random.Random, report: Report, previous: Report | None, organ: _Organ) -> None:
    may_make_regulations = organ.kind.may_make_regulations
    if report.format == "2021":
        for row in ("regulations", "normative_docs"):
            before = previous.value("table2", row, "in_force") if previous else None
            in_force_before = int(before) if before is not None else rng.randint(5, 60)
            if row == "regulations" and not may_make_regulations:
                _set(report, "table2", row, {"issued": 0, "abolished": 0, "in_force": 0})
                continue
            issued = rng.randint(1, 12)
            abolished = rng.randint(0, min(in_force_before, 5))
            in_force = in_force_before + issued - abolished
            _set(
                report,
                "table2",
                row,
                {"issued": issued, "abolished": abolished, "in_force": in_force},
            )
        for row in ("licensing", "punishment", "coercion"):
            _set(report, "table2", row, {"decisions": rng.randint(1, 5_000)})
        _set(report, "table2", "fees", {"amount": Decimal(rng.randint(1, 9_999_999)) / 100})
        return
    for row in ("regulations", "normative_docs"):
        if row == "regulations" and not may_make_regulations:
            _set(report, "table2", row, {"made": 0, "published": 0, "public_total": 0})
            continue
        made = rng.randint(1, 12)
        published = rng.randint(1, made)
        _set(
            report,
            "table2",
            row,
            {"made": made, "published": published, "public_total": published + rng.randint(0, 80)},
        )
    for row in ("licensing", "other_admin_services", "punishment", "coercion", "fees"):
        if previous is not None:
            count_before = previous.value("table2", row, "previous_count")
            change_before = previous.value("table2", row, "change")
            assert count_before is not None
            assert change_before is not None
            count = int(count_before + change_before)
        else:
            count = rng.randint(5, 200)
        values: dict[str, int | Decimal] = {
            "previous_count": count,
            "change": rng.randint(-min(count, 5), 10),
        }
        if row != "fees":
            values["decisions"] = rng.randint(1, 3_000)
        _set(report, "table2", row, values)
    _set(
        report,
        "table2",
        "procurement",
        {"project_count": rng.randint(1, 50), "amount": Decimal(rng.randint(1, 99_999_999)) / 100},
    )


def _table3(rng: random.Random, report: Report, carried_over: dict[str, int]) -> None:
    table = report.spec.table("table3")
    edges = ("new_received", "carried_over", "total", "carried_forward")
    outcome_rows = [row.key for row in table.data_rows if row.key not in edges]
    totals = dict.fromkeys(_APPLICANTS, 0)
    for row in outcome_rows:
        values = {
            column: rng.randint(1, 9) if column == "natural_person" else rng.randint(0, 2)
            for column in _APPLICANTS
        }
        if row == "granted":  # enough handled in every column to absorb what was carried over
            for column in _APPLICANTS:
                values[column] += carried_over[column]
        _set(report, "table3", row, {**values, "total": sum(values.values())})
        for column, value in values.items():
            totals[column] += value
    forward = {column: rng.randint(0, 1) for column in _APPLICANTS}
    new = {c: totals[c] + forward[c] - carried_over[c] for c in _APPLICANTS}
    for row, values in (
        ("total", totals),
        ("new_received", new),
        ("carried_over", carried_over),
        ("carried_forward", forward),
    ):
        _set(report, "table3", row, {**values, "total": sum(values.values())})


def _table4(rng: random.Random, report: Report) -> None:
    for row in ("review", "litigation_direct", "litigation_after_review"):
        upheld = rng.randint(1, 9)
        parts = {
            "upheld": upheld,
            "corrected": rng.randint(0, upheld // 2),
            "other": rng.randint(0, 3),
            "pending": rng.randint(0, 3),
        }
        _set(report, "table4", row, {**parts, "total": sum(parts.values())})


def _narrative(rng: random.Random, report: Report, organ: _Organ) -> dict[str, str]:
    value = report.value
    year = report.year
    overview = rng.sample(_OVERVIEW_SENTENCES, 6)
    if organ.kind.is_government:
        overview.append("将政务公开纳入政府绩效考核，开展社会评议，落实责任追究制度。")
    overview.append(
        f"{year}年共收到政府信息公开申请{value('table3', 'new_received', 'total')}件，"
        f"办结{value('table3', 'total', 'total')}件，"
        f"结转下年度继续办理{value('table3', 'carried_forward', 'total')}件。"
    )
    return {
        "preamble": (
            f"本报告由{report.organ}编制。所列数据统计期限为{year}年1月1日至{year}年12月31日。"
        ),
        "overview": "\n".join(overview),
        "proactive": "该部分以表格形式报告。",
        "applications": "该部分以表格形式报告。",
        "appeals": f"本年度行政复议{value('table4', 'review', 'total')}件。",
        "problems": "\n".join(
            rng.sample(_PROBLEM_SENTENCES[:3], 2) + rng.sample(_PROBLEM_SENTENCES[3:], 2)
        ),
        "other": "本年度未收取信息处理费。",
    }


def _synthetic_report(
    rng: random.Random,
    organ: _Organ,
    year: int,
    previous: Report | None,
    narrative: bool,
) -> Report:
    format_key = "2021" if year >= 2021 else "2019"
    report = Report(format=format_key, organ=organ.name, year=year, organ_kind=organ.kind)
    report.title = f"{organ.name}{year}年政府信息公开工作年度报告"
    deadline_month = 1 if organ.kind is OrganKind.DEPARTMENT else 3
    report.published_on = date(year + 1, deadline_month, 1) + timedelta(days=rng.randint(0, 27))
    if previous is not None:
        forward = previous.tables["table3"]["carried_forward"]
        carried_over = {c: int(forward[c].value or 0) for c in _APPLICANTS}
    else:
        carried_over = {c: rng.randint(0, 1) for c in _APPLICANTS}
    _table2(rng, report, previous, organ)
    _table3(rng, report, carried_over)
    _table4(rng, report)
    if narrative:
        report.sections = _narrative(rng, report, organ)
    return report


def synthetic_pairs(count: int, *, narrative: bool, seed: int = 0) -> list[Pair]:
    """``count`` consistent reports, each with the same organ's consistent previous-year report;
    deterministic for a given seed."""
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for index in range(count):
        organ = _synthetic_organ(rng, index)
        # Half in each format; 2019-format pairs are 2019→2020, 2021-format pairs 2021+→2022+.
        year = rng.randint(2022, 2025) if index % 4 < 2 else 2020
        previous = _synthetic_report(rng, organ, year - 1, None, narrative)
        current = _synthetic_report(rng, organ, year, previous, narrative)
        assert get_format(current.format).covers(current.year)
        pairs.append((current, previous))
    return pairs


# ── Measuring ──────────────────────────────────────────────────────────────────────────────────


def measure_checks(
    name: str, pairs: Sequence[Pair], *, rounds: int, min_round_seconds: float
) -> Measurement:
    def one_pass() -> None:
        for report, previous in pairs:
            check(report, previous)

    return measure(name, one_pass, len(pairs), rounds=rounds, min_round_seconds=min_round_seconds)


def severities(pairs: Sequence[Pair]) -> Counter[str]:
    return Counter(f.severity.value for report, previous in pairs for f in check(report, previous))


def print_table(title: str, rows: Sequence[Measurement]) -> None:
    headers = ("input set", "reports", "reports/s (median)", "reports/s (best)", "µs/report")
    body = [
        (
            row.name,
            f"{row.items:,}",
            f"{row.median:,.0f}",
            f"{row.best:,.0f}",
            f"{1e6 / row.median:,.1f}",
        )
        for row in rows
    ]
    print_rows(headers, body, title)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run, not a measurement")
    parser.add_argument("--rounds", type=int, help="timed rounds per measurement")
    args = parser.parse_args(argv)

    quick = args.quick
    rounds = args.rounds or (2 if quick else 7)
    min_round_seconds = 0.02 if quick else 0.5
    synthetic_count = 50 if quick else SYNTHETIC_COUNT

    pinned = pin_to_one_core()
    print(
        f"gongkai {gongkai.__version__} · Python {platform.python_version()} "
        f"({platform.python_implementation()}) · {platform.machine()} · {pinned}"
    )
    print(f"{rounds} rounds per measurement, each at least {min_round_seconds} s, after a warm-up")
    if quick:
        print("--quick: a smoke run with a small synthetic set; the figures are not a measurement")

    truth = truth_reports()
    samples = sample_reports()
    truth_pairs, truth_real = with_previous(truth)
    sample_pairs, _ = with_previous(samples)
    inputs: list[tuple[str, list[Pair]]] = [
        (f"truth corpus ({truth_real} real previous)", truth_pairs),
        ("bundled samples", sample_pairs),
        ("synthetic, tables", synthetic_pairs(synthetic_count, narrative=False)),
        ("synthetic, narrative", synthetic_pairs(synthetic_count, narrative=True)),
    ]
    for name, pairs in inputs:
        if name.startswith("synthetic"):
            found = severities(pairs)
            errors = found[Severity.ERROR.value]
            note = "consistent" if errors == 0 else f"NOT consistent: {errors} errors"
            print(f"{name}: {len(pairs)} reports, {note}; findings by severity {dict(found)}")

    single = [
        measure_checks(
            name,
            [(report, None) for report, _ in pairs],
            rounds=rounds,
            min_round_seconds=min_round_seconds,
        )
        for name, pairs in inputs
    ]
    print_table("Single-report rules: check(report)", single)
    cross = [
        measure_checks(name, pairs, rounds=rounds, min_round_seconds=min_round_seconds)
        for name, pairs in inputs
    ]
    print_table("With the previous year's report: check(report, previous)", cross)

    slowest = min(single, key=lambda row: row.median)
    met = slowest.median >= TARGET
    verdict = "met" if met else "NOT met"
    print(
        f"\nTarget ≥ {TARGET:,} reports/s for single-report rules: {verdict} "
        f"(slowest set: {slowest.name}, {slowest.median:,.0f} reports/s median)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
