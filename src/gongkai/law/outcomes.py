"""Answer types of 条例 第三十六条 and related articles, and the row of table 三 each is counted in.

DOMAIN §4.6. Each ``Outcome`` carries the articles a reply letter must cite, their text as
published (国务院令第711号, the 2019 条例 — DOMAIN source S11), and its table 三 row in both
annual-report formats: the 2021 format (国办公开办函〔2021〕30号) splits （六）其他处理 into three
rows; the 2019 format (〔2019〕60号) has one. ``mapping`` says whether the row is fixed by the
format's own wording (``format``) or is our reading of it (``inferred``, DOMAIN's [I]).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.report.formats import TABLE3_2019, TABLE3_2021
from gongkai.report.spec import TableSpec

__all__ = [
    "ARTICLES",
    "REGULATION",
    "Outcome",
    "OutcomeRule",
    "TableRow",
    "article_texts",
    "legal_basis",
    "outcomes_for_row",
    "rule_for",
    "table_row",
]

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURE_TITLE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

# The text of the 条例 (国务院令第711号) that reply letters cite, keyed by article (and item).
ARTICLES: dict[str, str] = {
    "第十四条": (
        "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家"
        "安全、公共安全、经济安全、社会稳定的政府信息，不予公开。"
    ),
    "第十五条": (
        "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。"
        "但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。"
    ),
    "第十六条第一款": (
        "行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。"
    ),
    "第十六条第二款": (
        "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"
        "以及行政执法案卷信息，可以不予公开。法律、法规、规章规定上述信息应当公开的，从其规定。"
    ),
    "第三十条": (
        "政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内"
        "一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自行政机关收到补正"
        "的申请之日起计算。申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息"
        "公开申请。"
    ),
    "第三十二条": (
        "依申请公开的政府信息公开会损害第三方合法权益的，行政机关应当书面征求第三方的意见。第三方"
        "应当自收到征求意见书之日起15个工作日内提出意见。第三方逾期未提出意见的，由行政机关依照本"
        "条例的规定决定是否公开。第三方不同意公开且有合理理由的，行政机关不予公开。行政机关认为不"
        "公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面"
        "告知第三方。"
    ),
    "第三十五条": (
        "申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关可以要求申请人说明理由。行政"
        "机关认为申请理由不合理的，告知申请人不予处理；行政机关认为申请理由合理，但是无法在本条例"
        "第三十三条规定的期限内答复申请人的，可以确定延迟答复的合理期限并告知申请人。"
    ),
    "第三十六条第（一）项": "所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径；",
    "第三十六条第（二）项": (
        "所申请公开信息可以公开的，向申请人提供该政府信息，或者告知申请人获取该政府信息的方式、"
        "途径和时间；"
    ),
    "第三十六条第（三）项": (
        "行政机关依据本条例的规定决定不予公开的，告知申请人不予公开并说明理由；"
    ),
    "第三十六条第（四）项": "经检索没有所申请公开信息的，告知申请人该政府信息不存在；",
    "第三十六条第（五）项": (
        "所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由；能够确定负责公开该政府"
        "信息的行政机关的，告知申请人该行政机关的名称、联系方式；"
    ),
    "第三十六条第（六）项": (
        "行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，告知"
        "申请人不予重复处理；"
    ),
    "第三十六条第（七）项": (
        "所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定"
        "的，告知申请人依照有关法律、行政法规的规定办理。"
    ),
    "第三十七条": (
        "申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理的，行政机关应"
        "当向申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由。"
    ),
    "第三十八条": (
        "行政机关向申请人提供的信息，应当是已制作或者获取的政府信息。除依照本条例第三十七条的规定"
        "能够作区分处理的外，需要行政机关对现有政府信息进行加工、分析的，行政机关可以不予提供。"
    ),
    "第三十九条第一款": (
        "申请人以政府信息公开申请的形式进行信访、投诉、举报等活动，行政机关应当告知申请人不作为"
        "政府信息公开申请处理并可以告知通过相应渠道提出。"
    ),
    "第三十九条第二款": (
        "申请人提出的申请内容为要求行政机关提供政府公报、报刊、书籍等公开出版物的，行政机关可以"
        "告知获取的途径。"
    ),
    "第四十二条": (
        "行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过"
        "合理范围的，行政机关可以收取信息处理费。"
    ),
}


class Outcome(StrEnum):
    """What the organ decided on one application (one per application, DOMAIN C1)."""

    ALREADY_PUBLIC = "already-public"
    DISCLOSED = "disclosed"
    PARTIAL = "partial"
    DENIED_STATE_SECRET = "denied-state-secret"
    DENIED_LAW_PROHIBITS = "denied-law-prohibits"
    DENIED_THREE_SAFETY = "denied-three-safety"
    DENIED_THIRD_PARTY = "denied-third-party"
    DENIED_INTERNAL_AFFAIRS = "denied-internal-affairs"
    DENIED_PROCESS_INFO = "denied-process-info"
    DENIED_ENFORCEMENT_FILE = "denied-enforcement-file"
    SPECIAL_PROCEDURE = "special-procedure"
    NOT_EXIST = "not-exist"
    NOT_THIS_ORGAN = "not-this-organ"
    NEEDS_PROCESSING = "needs-processing"
    STILL_UNCLEAR = "still-unclear"
    PETITION = "petition"
    REPEAT = "repeat"
    PUBLICATION = "publication"
    EXCESSIVE = "excessive"
    CONFIRM_OR_REISSUE = "confirm-or-reissue"
    NO_CORRECTION = "no-correction"
    FEE_UNPAID = "fee-unpaid"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class TableRow:
    """A row of table 三 in one format: its key in canonical JSON and its printed label."""

    format: str
    key: str
    label: str
    parent_label: str | None


@dataclass(frozen=True, slots=True)
class OutcomeRule:
    """An outcome: its name, the articles a letter cites, what the letter must say, its rows."""

    outcome: Outcome
    name: str
    articles: tuple[str, ...]  # keys of ARTICLES, or other instruments in full
    answer: str  # what the organ must tell the applicant
    row_2021: str
    row_2019: str
    mapping: str  # "format" or "inferred"


def _rule(
    outcome: Outcome,
    name: str,
    articles: tuple[str, ...],
    answer: str,
    row: str,
    mapping: str = "inferred",
    row_2019: str | None = None,
) -> OutcomeRule:
    return OutcomeRule(outcome, name, articles, answer, row, row_2019 or row, mapping)


_DENY = "告知申请人不予公开并说明理由"
_A36_3 = "第三十六条第（三）项"

_RULES = (
    _rule(
        Outcome.ALREADY_PUBLIC,
        "已主动公开",
        ("第三十六条第（一）项",),
        "告知获取该政府信息的方式、途径",
        "granted",
    ),
    _rule(
        Outcome.DISCLOSED,
        "予以公开",
        ("第三十六条第（二）项",),
        "提供该政府信息，或者告知获取的方式、途径和时间",
        "granted",
        "format",
    ),
    _rule(
        Outcome.PARTIAL,
        "部分公开（区分处理）",
        ("第三十七条",),
        "提供可以公开的内容，并对不予公开的内容说明理由（同时引用不予公开的依据条款）",
        "partial",
        "format",
    ),
    _rule(
        Outcome.DENIED_STATE_SECRET,
        "不予公开：属于国家秘密",
        (_A36_3, "第十四条"),
        _DENY,
        "denied_state_secret",
    ),
    _rule(
        Outcome.DENIED_LAW_PROHIBITS,
        "不予公开：其他法律、行政法规禁止公开",
        (_A36_3, "第十四条"),
        f"{_DENY}，写明禁止公开的法律、行政法规及条款",
        "denied_other_law",
    ),
    _rule(
        Outcome.DENIED_THREE_SAFETY,
        "不予公开：危及“三安全一稳定”",
        (_A36_3, "第十四条"),
        _DENY,
        "denied_three_safety",
    ),
    _rule(
        Outcome.DENIED_THIRD_PARTY,
        "不予公开：保护第三方合法权益",
        (_A36_3, "第十五条", "第三十二条"),
        f"{_DENY}，写明征求第三方意见的情况",
        "denied_third_party",
    ),
    _rule(
        Outcome.DENIED_INTERNAL_AFFAIRS,
        "不予公开：属于三类内部事务信息",
        (_A36_3, "第十六条第一款"),
        _DENY,
        "denied_internal_affairs",
    ),
    _rule(
        Outcome.DENIED_PROCESS_INFO,
        "不予公开：属于四类过程性信息",
        (_A36_3, "第十六条第二款"),
        _DENY,
        "denied_process_info",
    ),
    _rule(
        Outcome.DENIED_ENFORCEMENT_FILE,
        "不予公开：属于行政执法案卷",
        (_A36_3, "第十六条第二款"),
        _DENY,
        "denied_enforcement_file",
    ),
    _rule(
        Outcome.SPECIAL_PROCEDURE,
        "属于行政查询事项（工商、不动产登记资料等）",
        ("第三十六条第（七）项",),
        "告知依照有关法律、行政法规的规定办理",
        "denied_admin_query",
    ),
    _rule(
        Outcome.NOT_EXIST,
        "经检索信息不存在",
        ("第三十六条第（四）项",),
        "告知该政府信息不存在",
        "unable_not_held",
    ),
    _rule(
        Outcome.NOT_THIS_ORGAN,
        "不属于本机关负责公开",
        ("第三十六条第（五）项",),
        "告知并说明理由；能够确定负责公开的机关的，告知其名称、联系方式",
        "unable_not_held",
    ),
    _rule(
        Outcome.NEEDS_PROCESSING,
        "需要对现有信息加工、分析",
        ("第三十八条",),
        "可以不予提供，说明需要另行制作",
        "unable_need_create",
    ),
    _rule(
        Outcome.STILL_UNCLEAR,
        "补正后申请内容仍不明确",
        ("第三十条",),
        "告知补正后申请内容仍不明确，无法提供",
        "unable_unclear",
    ),
    _rule(
        Outcome.PETITION,
        "信访、投诉、举报类申请",
        ("第三十九条第一款",),
        "告知不作为政府信息公开申请处理，并可以告知通过相应渠道提出",
        "notproc_petition",
    ),
    _rule(
        Outcome.REPEAT, "重复申请", ("第三十六条第（六）项",), "告知不予重复处理", "notproc_repeat"
    ),
    _rule(
        Outcome.PUBLICATION,
        "要求提供公开出版物",
        ("第三十九条第二款",),
        "可以告知获取的途径",
        "notproc_publication",
    ),
    _rule(
        Outcome.EXCESSIVE,
        "无正当理由大量、反复申请",
        ("第三十五条",),
        "要求说明理由后，认为理由不合理的，告知不予处理",
        "notproc_massive",
    ),
    _rule(
        Outcome.CONFIRM_OR_REISSUE,
        "要求行政机关确认或重新出具已获取的信息",
        (),
        "告知不予处理（条例无对应条款，仅为年报统计类别）",
        "notproc_confirm",
    ),
    _rule(
        Outcome.NO_CORRECTION,
        "无正当理由逾期不补正",
        ("第三十条",),
        "视为放弃申请，行政机关不再处理",
        "other_no_correction",
        "format",
        "other",
    ),
    _rule(
        Outcome.FEE_UNPAID,
        "逾期未按收费通知缴纳费用",
        ("第四十二条", FEE_MEASURE_TITLE),
        "视为放弃申请，行政机关不再处理",
        "other_no_fee",
        "format",
        "other",
    ),
    _rule(Outcome.OTHER, "其他处理", (), "按实际情况答复", "other_other", "format", "other"),
)
RULES: dict[Outcome, OutcomeRule] = {rule.outcome: rule for rule in _RULES}
_TABLES: dict[str, TableSpec] = {"2019": TABLE3_2019, "2021": TABLE3_2021}


def rule_for(outcome: Outcome) -> OutcomeRule:
    return RULES[outcome]


def table_row(outcome: Outcome, format: str = "2021") -> TableRow:
    """The table 三 row ``outcome`` is counted in, in the 2021 or 2019 format."""
    rule = RULES[outcome]
    table = _TABLES[format]
    key = rule.row_2021 if format == "2021" else rule.row_2019
    row = table.row(key)
    parent = table.row(row.parent).label if row.parent and row.parent != "outcomes" else None
    return TableRow(format, key, row.label, parent)


def outcomes_for_row(row_key: str, format: str = "2021") -> tuple[Outcome, ...]:
    """Every outcome counted in a row: the reverse of ``table_row``."""
    return tuple(o for o in Outcome if table_row(o, format).key == row_key)


def legal_basis(outcome: Outcome) -> str:
    """The sentence a reply letter cites, e.g. “根据《中华人民共和国政府信息公开条例》
    第三十六条第（一）项的规定，告知获取该政府信息的方式、途径。” (``article_texts`` gives the
    articles' words)."""
    rule = RULES[outcome]
    if not rule.articles:
        return f"{rule.name}：条例无对应条款，请写明事实与理由。"
    regulation = [a for a in rule.articles if a in ARTICLES]
    others = [a for a in rule.articles if a not in ARTICLES]
    cited = f"{REGULATION}{'、'.join(regulation)}" if regulation else ""
    if others:
        cited += ("及" if cited else "") + "、".join(others)
    return f"根据{cited}的规定，{rule.answer}。"


def article_texts(outcome: Outcome) -> tuple[tuple[str, str], ...]:
    """(article, text) of each 条例 article ``outcome`` cites, as published."""
    return tuple((a, ARTICLES[a]) for a in RULES[outcome].articles if a in ARTICLES)
