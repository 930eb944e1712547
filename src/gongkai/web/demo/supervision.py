"""Demo data for the supervisor's side (示例数据): reports of the 青山区 organs for 2020–2022, so
that the year-over-year pages, the charts and copy detection show something.

Every number here is made up for the demo — each filing's note says so — but the reports obey
the statutory sums (A1–A10) and carry each organ's 结转 from one year to the next (Y1), except
for the few anomalies put in on purpose: one organ whose applications jump fivefold, one whose
tables 三 and 四 repeat last year's, one with an arithmetic error, two townships filing one
narrative template, and an organ that files late or not at all.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import gongkai
from gongkai import OrganKind, Report
from gongkai.report.canonical import loads
from gongkai.report.formats import APPLICANT_KEYS, get_format
from gongkai.web.accounts.models import User
from gongkai.web.organs.models import Organ
from gongkai.web.reports import services as reports
from gongkai.web.reports.models import AnnualReport

YEARS = (2020, 2021, 2022)
NOTE = "示例数据：演示用的虚构数字，非真实报告"
JUMPS = {("青山区住房和城乡建设局", 2022): 5}  # applications ×5 from last year
REPEATS = {("青山区审计局", 2022)}  # tables 三 and 四 identical to 2021
FAULTY = {("青山区财政局", 2022)}  # 总计 one more than its parts (A3)
LATE = {("青山区教育局", 2021): datetime.date(2022, 2, 15)}
NOT_FILED = {("青山区富强路街道办事处", 2020), ("青山区卫生健康委员会", 2022)}
TEMPLATE_TOWNSHIPS = ("青山区兴胜镇人民政府", "青山区富强路街道办事处")
SEED = Path(gongkai.__file__).parent / "samples" / "qingshan-justice-2023.json"

_LEAVES_2021 = (
    "granted",
    "partial",
    "denied_state_secret",
    "denied_third_party",
    "denied_process_info",
    "unable_not_held",
    "unable_need_create",
    "notproc_repeat",
    "other_other",
)
_LEAVES_2019 = (*_LEAVES_2021[:-1], "other")


def load(organs: dict[str, Organ], admin: User, log: list[str]) -> None:
    """File the demo reports of ``YEARS`` for every organ under 青山区 (oldest year first)."""
    narrative = gongkai.read(SEED).sections or {}
    for year in YEARS:
        filed = 0
        for name, organ in sorted(organs.items()):
            if (name, year) in NOT_FILED:
                continue
            rng = random.Random(f"{name}/{year}/text")
            report = demo_report(organ, year, _sections(name, narrative, rng))
            reports.file_imported_report(admin, organ, report, NOTE)
            filed += 1
        log.append(f"已导入示例数据：{year} 年度 {filed} 份报告")


_PHRASES = (
    "全年主动公开政府信息，重点做好财政预决算、重大建设项目和公共资源配置信息公开",
    "健全政府信息公开申请登记、审核、办理、答复、归档工作机制",
    "推进基层政务公开标准化规范化建设，更新完善公开事项目录",
    "加强政府网站和政务新媒体管理，按时更新栏目内容",
    "围绕优化营商环境，及时发布惠企政策并开展政策解读",
    "开展政务公开业务培训，提升工作人员依法公开意识和能力",
    "规范依申请公开办理流程，严格按照法定时限答复",
    "落实政策性文件公开前审查，防止泄露国家秘密和个人隐私",
    "扩大公众参与，重要决策事项公开征求社会意见",
    "做好政府公报、档案馆、图书馆等查阅场所建设",
    "将政务公开工作纳入年度绩效考核，强化监督问责",
    "部分栏目更新不够及时，政策解读形式较为单一",
    "依申请公开答复文书的规范性仍需提高",
    "基层工作人员业务能力与新形势要求存在差距",
    "下一步将加强统筹协调，持续提升公开质量和实效",
    "聚焦群众关切，加大民生领域信息公开力度",
)


def _sections(name: str, seed: dict[str, str], rng: random.Random) -> dict[str, str]:
    """The seed's narrative for the two template townships (a near copy, on purpose); a short
    narrative of the organ's own for the others."""
    if name in TEMPLATE_TOWNSHIPS:
        return {key: text.replace("青山区司法局", name) for key, text in seed.items()}
    picked = rng.sample(_PHRASES, 4)
    return {
        "overview": f"{name}（示例数据）：" + "；".join(picked[:3]) + "。",
        "problems": picked[3] + "。",
    }


def demo_report(organ: Organ, year: int, sections: dict[str, str]) -> Report:
    rng = random.Random(f"{organ.name}/{year}")
    spec_key = "2019" if year <= 2020 else "2021"
    report = Report(format=spec_key, organ=organ.name, year=year, sections=sections)
    report.organ_kind = organ.organ_kind
    for table in get_format(spec_key).tables:
        for row, column in table.cells():
            report.set(table.key, row.key, column.key, 0)
    previous = _previous(organ, year)
    if (organ.name, year) in REPEATS and previous is not None:
        _copy_tables(previous, report)
    else:
        _table3(report, previous, rng, JUMPS.get((organ.name, year), 1))
        _table4(report, rng)
    _table2(report, previous, rng)
    if (organ.name, year) in FAULTY:
        total = report.value("table3", "total", "total") or 0
        report.set("table3", "total", "total", total + 1)
    report.published_on = LATE.get((organ.name, year), _on_time(organ, year, rng))
    return report


def _previous(organ: Organ, year: int) -> Report | None:
    filing = AnnualReport.objects.filter(organ=organ, year=year - 1, is_current=True).first()
    return loads(filing.report_json) if filing else None


def _on_time(organ: Organ, year: int, rng: random.Random) -> datetime.date:
    # 条例第四十九条: departments by 1月31日, governments by 3月31日 (townships: local date).
    last = 31 if organ.organ_kind is OrganKind.DEPARTMENT else 60
    return datetime.date(year + 1, 1, 1) + datetime.timedelta(days=rng.randint(10, last - 1))


def _copy_tables(previous: Report, report: Report) -> None:
    for table in ("table3", "table4"):
        for row, columns in previous.tables.get(table, {}).items():
            for column, cell in columns.items():
                if report.has_row(table, row):
                    report.set(table, row, column, cell.value)


def _table3(report: Report, previous: Report | None, rng: random.Random, factor: int) -> None:
    leaves = _LEAVES_2019 if report.format == "2019" else _LEAVES_2021
    for column in APPLICANT_KEYS:
        scale = {"natural_person": 12, "commercial_enterprise": 3}.get(column, 0)
        over = int(previous.value("table3", "carried_forward", column) or 0) if previous else 0
        new = rng.randint(0, scale) * factor if scale else 0
        forward = rng.randint(0, min(2, new + over))
        answered = new + over - forward
        parts = _split(answered, len(leaves), rng)
        for row, value in zip(leaves, parts, strict=True):
            report.set("table3", row, column, value)
        report.set("table3", "new_received", column, new)
        report.set("table3", "carried_over", column, over)
        report.set("table3", "carried_forward", column, forward)
        report.set("table3", "total", column, answered)
    for row in report.tables["table3"]:
        values = [report.value("table3", row, c) or 0 for c in APPLICANT_KEYS]
        report.set("table3", row, "total", sum(values))


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` split over ``parts`` leaves, most of it granted (the first leaf)."""
    values = [0] * parts
    for _ in range(total):
        values[0 if rng.random() < 0.6 else rng.randrange(parts)] += 1
    return values


def _table4(report: Report, rng: random.Random) -> None:
    for row in ("review", "litigation_direct", "litigation_after_review"):
        upheld = rng.randint(0, 2) if row != "litigation_after_review" else 0
        corrected = 1 if row == "review" and rng.random() < 0.3 else 0
        report.set("table4", row, "upheld", upheld)
        report.set("table4", row, "corrected", corrected)
        report.set("table4", row, "total", upheld + corrected)


def _table2(report: Report, previous: Report | None, rng: random.Random) -> None:
    report.set("table2", "licensing", "decisions", rng.randint(20, 400))
    report.set("table2", "punishment", "decisions", rng.randint(0, 60))
    if report.format == "2021":
        issued, abolished = rng.randint(0, 3), rng.randint(0, 1)
        before = previous.value("table2", "normative_docs", "in_force") if previous else None
        in_force = int(before) if before is not None and previous.format == "2021" else 10  # type: ignore[union-attr]
        report.set("table2", "normative_docs", "issued", issued)
        report.set("table2", "normative_docs", "abolished", abolished)
        report.set("table2", "normative_docs", "in_force", max(0, in_force + issued - abolished))
