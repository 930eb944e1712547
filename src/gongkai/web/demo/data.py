"""The demo: 青山区人民政府 with its departments and townships, 青山区司法局 (the seed report's
bureau) with its units, one account per role, the seed report filed through the upload path, and
the corpus reports filed under other organs so the supervision page has content.

The corpus reports are real reports of other organs; here their numbers are filed, for the demo
only, as 2023 reports of 青山区 organs, and each filing's note says which report they come from.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.db import transaction

import gongkai
from gongkai import OrganKind, ReportInputError
from gongkai.report.truth import report_from_truth
from gongkai.web.accounts import services as accounts
from gongkai.web.accounts.models import Role, User
from gongkai.web.demo import publishing as publishing_demo
from gongkai.web.demo import registers as demo_registers
from gongkai.web.demo import supervision as supervision_demo
from gongkai.web.organs.models import Organ, UnitKind
from gongkai.web.organs.services import create_organ, create_unit
from gongkai.web.reports import services as reports

SAMPLES = Path(gongkai.__file__).parent / "samples"
DISTRICT = "青山区人民政府"
BUREAU = "青山区司法局"
DEMO_YEAR = 2023
PASSWORD = "gongkai-demo-2024"

DEPARTMENTS = (
    ("青山区人民政府办公室", OrganKind.DEPARTMENT),
    (BUREAU, OrganKind.DEPARTMENT),
    ("青山区教育局", OrganKind.DEPARTMENT),
    ("青山区财政局", OrganKind.DEPARTMENT),
    ("青山区卫生健康委员会", OrganKind.DEPARTMENT),
    ("青山区审计局", OrganKind.DEPARTMENT),
    ("青山区住房和城乡建设局", OrganKind.DEPARTMENT),
    ("青山区兴胜镇人民政府", OrganKind.TOWNSHIP),
    ("青山区富强路街道办事处", OrganKind.SUBDISTRICT),
)
UNITS = (
    ("办公室", UnitKind.OFFICE),
    ("法治宣传股", UnitKind.SECTION),
    ("公共法律服务股", UnitKind.SECTION),
    ("人民参与和促进法治股", UnitKind.SECTION),
    ("青福司法所", UnitKind.JUDICIAL_OFFICE),
    ("富强路司法所", UnitKind.JUDICIAL_OFFICE),
    ("兴胜司法所", UnitKind.JUDICIAL_OFFICE),
)
# corpus id -> (organ it is filed under, publication date used in the demo)
CORPUS_FILINGS = (
    ("002", DISTRICT, datetime.date(2024, 3, 28)),
    ("012", "青山区教育局", datetime.date(2024, 2, 6)),
    ("008", "青山区财政局", datetime.date(2024, 1, 26)),
    ("007", "青山区卫生健康委员会", datetime.date(2024, 1, 30)),
    ("016", "青山区兴胜镇人民政府", datetime.date(2024, 2, 18)),
)


@dataclass(frozen=True, slots=True)
class Login:
    username: str
    role: str
    scope: str


LOGINS = (
    Login("admin", "系统管理员", "全部机关"),
    Login("supervisor", "上级政务公开办（监督）", DISTRICT),
    Login("clerk", "公开办工作人员", BUREAU),
    Login("reviewer", "审核人（一级）", BUREAU),
    Login("head", "机关负责人", BUREAU),
    Login("submitter", "股室报送人", f"{BUREAU}·法治宣传股"),
    Login("outsider", "公开办工作人员（其他机关）", "青山区教育局"),
    Login("reviewer2", "审核人（二级）", BUREAU),
    Login("reviewer3", "审核人（三级）", BUREAU),
)


def corpus_dir() -> Path:
    configured = os.environ.get("GONGKAI_CORPUS_DIR")
    if configured:
        return Path(configured)
    return Path(gongkai.__file__).resolve().parents[3] / "shared" / "corpus"


def is_loaded() -> bool:
    return Organ.objects.filter(name=DISTRICT).exists()


def load(log: list[str]) -> None:
    """Create the demo once; a second call changes nothing."""
    if is_loaded():
        log.append("演示数据已存在，未重复导入。")
        return
    with transaction.atomic():
        organs = _organs()
        admin = _accounts(organs)
    _seed_report(organs[BUREAU], admin, log)
    _corpus_reports(organs, admin, log)
    with transaction.atomic():
        demo_registers.load(organs[BUREAU], admin, log)
    supervision_demo.load(organs, admin, log)
    publishing_demo.load(organs[BUREAU], log)
    from gongkai.web.demo.applications import load_applications

    load_applications(organs[BUREAU], log)
    from gongkai.web.demo import compiled

    compiled.load(organs[BUREAU], log)


def _organs() -> dict[str, Organ]:
    district = create_organ(None, name=DISTRICT, kind=OrganKind.COUNTY_GOVERNMENT)
    organs = {DISTRICT: district}
    for name, kind in DEPARTMENTS:
        organs[name] = create_organ(None, name=name, kind=kind, parent=district)
    for unit_name, unit_kind in UNITS:
        create_unit(None, organ=organs[BUREAU], name=unit_name, kind=unit_kind)
    return organs


def _accounts(organs: dict[str, Organ]) -> User:
    def account(username: str, full_name: str) -> User:
        return accounts.create_account(
            None, username=username, password=PASSWORD, full_name=full_name, validate=False
        )

    admin = account("admin", "系统管理员")
    accounts.grant_role(None, admin, Role.ADMINISTRATOR)
    bureau = organs[BUREAU]
    accounts.grant_role(
        None, account("supervisor", "区政务公开办"), Role.SUPERVISOR, organ=organs[DISTRICT]
    )
    accounts.grant_role(None, account("clerk", "司法局公开办"), Role.CLERK, organ=bureau)
    accounts.grant_role(
        None, account("reviewer", "司法局审核人"), Role.REVIEWER, organ=bureau, review_level=1
    )
    accounts.grant_role(None, account("head", "司法局负责人"), Role.ORGAN_HEAD, organ=bureau)
    accounts.grant_role(
        None,
        account("submitter", "法治宣传股"),
        Role.UNIT_SUBMITTER,
        unit=bureau.units.get(name="法治宣传股"),
    )
    accounts.grant_role(
        None, account("outsider", "教育局公开办"), Role.CLERK, organ=organs["青山区教育局"]
    )
    return admin


def seed_file() -> Path:
    """The seed report as published (text) when the text reader can read it, else the bundled
    canonical JSON of the same report."""
    text = corpus_dir() / "raw" / "seed-qingshan-justice-2023.txt"
    if text.is_file():
        try:
            gongkai.read(text)
        except ReportInputError:
            pass
        else:
            return text
    return SAMPLES / "qingshan-justice-2023.json"


def _seed_report(bureau: Organ, admin: User, log: list[str]) -> None:
    clerk = User.objects.get(username="clerk")
    path = seed_file()
    with path.open("rb") as handle:
        filing = reports.file_uploaded_report(clerk, bureau, File(handle, name=path.name))
    log.append(f"已导入种子报告：{bureau.name} {filing.year} 年度（{path.name}）")


def _corpus_reports(organs: dict[str, Organ], admin: User, log: list[str]) -> None:
    truth = corpus_dir() / "truth"
    filings = CORPUS_FILINGS
    if not truth.is_dir():
        log.append(f"未找到语料库（{truth}），改用随附示例。")
        report = gongkai.read(SAMPLES / "hongze-2023-tables.json")
        report.published_on = datetime.date(2024, 3, 28)
        reports.file_imported_report(
            admin, organs[DISTRICT], report, "示例数据：数字取自随附示例 hongze-2023-tables.json"
        )
        return
    for corpus_id, organ_name, published_on in filings:
        data = json.loads((truth / f"{corpus_id}.json").read_text(encoding="utf-8"))
        report = report_from_truth(data)
        note = (
            f"演示数据：数字取自语料库 {corpus_id}（{data['organ']} {data['year']} 年度报告），"
            f"作为 {DEMO_YEAR} 年度报告报送"
        )
        report.year = DEMO_YEAR
        report.published_on = published_on
        reports.file_imported_report(admin, organs[organ_name], report, note)
        log.append(f"已导入语料库报告 {corpus_id} → {organ_name}")


def logins_text(host: str = "http://127.0.0.1:8000") -> str:
    lines = [f"演示站点：{host}/    所有演示账号的密码：{PASSWORD}", ""]
    lines += [f"  {login.username:<11} {login.role}（{login.scope}）" for login in LOGINS]
    return "\n".join(lines)
