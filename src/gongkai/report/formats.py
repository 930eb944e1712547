"""The two national annual-report formats, written once as data (DOMAIN §1 and §2).

Labels are copied exactly from the formats; ``variants`` are the spellings seen in real reports
(DOMAIN §1.6). Keys are those of ``shared/corpus/truth/KEYS.md`` and of canonical JSON.
"""

from __future__ import annotations

from gongkai.report.spec import (
    Balance,
    ColumnKind,
    ColumnSpec,
    FormatSpec,
    RowKind,
    RowSpec,
    SectionSpec,
    TableSpec,
)

# ── Sections (identical in both formats, DOMAIN §1.2 and §2.2) ─────────────────────────────────

SECTIONS = (
    SectionSpec("overview", "一、总体情况"),
    SectionSpec("proactive", "二、主动公开政府信息情况", ("二、行政机关主动公开政府信息情况",)),
    SectionSpec(
        "applications",
        "三、收到和处理政府信息公开申请情况",
        ("三、行政机关收到和处理政府信息公开申请情况",),
    ),
    SectionSpec(
        "appeals",
        "四、政府信息公开行政复议、行政诉讼情况",
        (
            "四、因政府信息公开工作被申请行政复议提起行政诉讼情况",
            "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        ),
    ),
    SectionSpec(
        "problems",
        "五、存在的主要问题及改进情况",
        ("五、政府信息公开工作存在的主要问题及改进情况", "五、存在问题及改进情况"),
    ),
    SectionSpec("other", "六、其他需要报告的事项"),
)

# ── Table 三 (DOMAIN §1.4, §2.4): the same columns and rows in both formats but for （六） ──────

_PART = "法人或其他组织"
APPLICANT_PARTS = (
    ColumnSpec("natural_person", "自然人"),
    ColumnSpec("commercial_enterprise", "商业企业", group=_PART, variants=("企业",)),
    ColumnSpec("research_institution", "科研机构", group=_PART, variants=("科研",)),
    ColumnSpec(
        "public_welfare_org", "社会公益组织", group=_PART, variants=("社会组织", "公益组织")
    ),
    ColumnSpec("legal_service_org", "法律服务机构", group=_PART),
    ColumnSpec("other_org", "其他", group=_PART),
)
APPLICANT_KEYS = tuple(column.key for column in APPLICANT_PARTS)
# A2: 总计 is the sum of the six applicant columns.
APPLICANT_COLUMNS = (
    *APPLICANT_PARTS,
    ColumnSpec("total", "总计", variants=("合计",), sum_of=APPLICANT_KEYS),
)


def _t3(key: str, label: str, parent: str | None = None, *variants: str) -> RowSpec:
    return RowSpec(key, label, parent=parent, columns=APPLICANT_COLUMNS, variants=variants)


def _t3_heading(key: str, label: str, parent: str | None, *variants: str) -> RowSpec:
    # A heading carries no numbers in the standard format; some reports print a subtotal there (A4).
    return RowSpec(
        key, label, RowKind.HEADING, parent=parent, columns=APPLICANT_COLUMNS, variants=variants
    )


_OUTCOMES = "outcomes"
_T3_HEAD = (
    _t3("new_received", "一、本年新收政府信息公开申请数量"),
    _t3("carried_over", "二、上年结转政府信息公开申请数量"),
    RowSpec(_OUTCOMES, "三、本年度办理结果", RowKind.HEADING),
    _t3("granted", "（一）予以公开", _OUTCOMES),
    _t3("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", _OUTCOMES),
    _t3_heading("denied", "（三）不予公开", _OUTCOMES, "不予公开情况"),
    _t3("denied_state_secret", "1.属于国家秘密", "denied"),
    _t3("denied_other_law", "2.其他法律行政法规禁止公开", "denied", "2.其他法律行政止公开"),
    _t3(
        "denied_three_safety",
        "3.危及“三安全一稳定”",
        "denied",
        '3.危及"三安全一稳定"',
        "3.危及三安全一稳定",
    ),
    _t3("denied_third_party", "4.保护第三方合法权益", "denied"),
    _t3("denied_internal_affairs", "5.属于三类内部事务信息", "denied"),
    _t3("denied_process_info", "6.属于四类过程性信息", "denied"),
    _t3("denied_enforcement_file", "7.属于行政执法案卷", "denied"),
    _t3("denied_admin_query", "8.属于行政查询事项", "denied"),
    _t3_heading("unable", "（四）无法提供", _OUTCOMES),
    _t3("unable_not_held", "1.本机关不掌握相关政府信息", "unable"),
    _t3("unable_need_create", "2.没有现成信息需要另行制作", "unable"),
    _t3("unable_unclear", "3.补正后申请内容仍不明确", "unable"),
    _t3_heading("notproc", "（五）不予处理", _OUTCOMES),
    _t3("notproc_petition", "1.信访举报投诉类申请", "notproc"),
    _t3("notproc_repeat", "2.重复申请", "notproc"),
    _t3("notproc_publication", "3.要求提供公开出版物", "notproc"),
    _t3("notproc_massive", "4.无正当理由大量反复申请", "notproc"),
    _t3("notproc_confirm", "5.要求行政机关确认或重新出具已获取信息", "notproc"),
)

_OUTCOME_PARTS = ("granted", "partial", "denied", "unable", "notproc", "other")
_T3_TAIL = (
    # A3: （七）总计 is the sum of the outcome rows (each application counted once, C1).
    RowSpec(
        "total", "（七）总计", parent=_OUTCOMES, columns=APPLICANT_COLUMNS, sum_of=_OUTCOME_PARTS
    ),
    _t3("carried_forward", "四、结转下年度继续办理"),
)

# A1, the header note of table 三: 第一项加第二项之和，等于第三项加第四项之和.
_T3_BALANCE = Balance(
    "A1", left=("new_received", "carried_over"), right=("total", "carried_forward")
)
_T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _table3(other_rows: tuple[RowSpec, ...]) -> TableSpec:
    return TableSpec(
        "table3",
        "applications",
        "收到和处理政府信息公开申请情况",
        rows=_T3_HEAD + other_rows + _T3_TAIL,
        column_sum_rule="A2",
        balances=(_T3_BALANCE,),
        corner_note=_T3_NOTE,
        column_caption="申请人情况",
    )


# 2019: （六）其他处理 is one data row. 2021: three sub-rows (DOMAIN §2.6 item 6).
TABLE3_2019 = _table3((_t3("other", "（六）其他处理", _OUTCOMES),))
TABLE3_2021 = _table3(
    (
        _t3_heading("other", "（六）其他处理", _OUTCOMES),
        _t3(
            "other_no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "other",
            "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
        ),
        _t3(
            "other_no_fee",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "other",
            "2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请",
        ),
        _t3("other_other", "3.其他", "other"),
    )
)

# ── Table 四 (DOMAIN §1.5, §2.5): identical in both formats ───────────────────────────────────

APPEAL_COLUMNS = (
    ColumnSpec("upheld", "结果维持"),
    ColumnSpec("corrected", "结果纠正"),
    ColumnSpec("other", "其他结果"),
    ColumnSpec("pending", "尚未审结"),
    ColumnSpec("total", "总计", sum_of=("upheld", "corrected", "other", "pending")),
)
_LITIGATION = "litigation"
TABLE4 = TableSpec(
    "table4",
    "appeals",
    "政府信息公开行政复议、行政诉讼情况",
    rows=(
        RowSpec("review", "行政复议", columns=APPEAL_COLUMNS, rule="A5"),
        RowSpec(_LITIGATION, "行政诉讼", RowKind.HEADING),
        RowSpec(
            "litigation_direct",
            "未经复议直接起诉",
            parent=_LITIGATION,
            columns=APPEAL_COLUMNS,
            rule="A6",
        ),
        RowSpec(
            "litigation_after_review",
            "复议后起诉",
            parent=_LITIGATION,
            columns=APPEAL_COLUMNS,
            rule="A7",
        ),
    ),
    transposed=True,
)

# ── Table 二 (DOMAIN §1.3 for 2021, §2.3 for 2019) ────────────────────────────────────────────


def _caption(key: str, label: str, columns: tuple[ColumnSpec, ...]) -> RowSpec:
    return RowSpec(key, label, RowKind.CAPTION, columns=columns)


def _t2(
    key: str, label: str, parent: str, columns: tuple[ColumnSpec, ...], *variants: str
) -> RowSpec:
    return RowSpec(key, label, parent=parent, columns=columns, variants=variants)


_DECISIONS_2021 = (ColumnSpec("decisions", "本年处理决定数量"),)
_ITEM1_2021 = (
    ColumnSpec("issued", "本年制发件数"),
    ColumnSpec("abolished", "本年废止件数"),
    ColumnSpec("in_force", "现行有效件数"),
)
_FEES_2021 = (
    ColumnSpec(
        "amount",
        "本年收费金额（单位：万元）",
        ColumnKind.AMOUNT,
        variants=("本年收费金额(单位:万元)", "本年收费金额（万元）"),
    ),
)
TABLE2_2021 = TableSpec(
    "table2",
    "proactive",
    "主动公开政府信息情况",
    rows=(
        _caption("item1", "第二十条第（一）项", _ITEM1_2021),
        _t2("regulations", "规章", "item1", _ITEM1_2021),
        _t2("normative_docs", "行政规范性文件", "item1", _ITEM1_2021, "规范性文件"),
        _caption("item5", "第二十条第（五）项", _DECISIONS_2021),
        _t2("licensing", "行政许可", "item5", _DECISIONS_2021),
        _caption("item6", "第二十条第（六）项", _DECISIONS_2021),
        _t2("punishment", "行政处罚", "item6", _DECISIONS_2021),
        _t2("coercion", "行政强制", "item6", _DECISIONS_2021),
        _caption("item8", "第二十条第（八）项", _FEES_2021),
        _t2("fees", "行政事业性收费", "item8", _FEES_2021),
    ),
)

_ITEM1_2019 = (
    ColumnSpec("made", "本年新制作数量"),
    ColumnSpec("published", "本年新公开数量"),
    ColumnSpec("public_total", "对外公开总数量"),
)
_PREVIOUS = ColumnSpec("previous_count", "上一年项目数量")
_CHANGE = ColumnSpec(
    "change", "本年增/减", ColumnKind.CHANGE, variants=("本年增减", "本年增（减）")
)
_ITEMS_2019 = (_PREVIOUS, _CHANGE, ColumnSpec("decisions", "处理决定数量"))
_FEES_2019 = (_PREVIOUS, _CHANGE)
_PROCUREMENT_2019 = (
    ColumnSpec("project_count", "采购项目数量"),
    ColumnSpec("amount", "采购总金额", ColumnKind.AMOUNT),
)
TABLE2_2019 = TableSpec(
    "table2",
    "proactive",
    "主动公开政府信息情况",
    rows=(
        _caption("item1", "第二十条第（一）项", _ITEM1_2019),
        _t2("regulations", "规章", "item1", _ITEM1_2019),
        _t2("normative_docs", "规范性文件", "item1", _ITEM1_2019, "行政规范性文件"),
        _caption("item5", "第二十条第（五）项", _ITEMS_2019),
        _t2("licensing", "行政许可", "item5", _ITEMS_2019),
        _t2("other_admin_services", "其他对外管理服务事项", "item5", _ITEMS_2019),
        _caption("item6", "第二十条第（六）项", _ITEMS_2019),
        _t2("punishment", "行政处罚", "item6", _ITEMS_2019),
        _t2("coercion", "行政强制", "item6", _ITEMS_2019),
        _caption("item8", "第二十条第（八）项", _FEES_2019),
        _t2("fees", "行政事业性收费", "item8", _FEES_2019),
        _caption("item9", "第二十条第（九）项", _PROCUREMENT_2019),
        _t2("procurement", "政府集中采购", "item9", _PROCUREMENT_2019),
    ),
)

# ── The formats ───────────────────────────────────────────────────────────────────────────────

FORMAT_2019 = FormatSpec(
    key="2019",
    name="2019年格式",
    document="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    sections=SECTIONS,
    tables=(TABLE2_2019, TABLE3_2019, TABLE4),
)
FORMAT_2021 = FormatSpec(
    key="2021",
    name="2021年格式",
    document="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    sections=SECTIONS,
    tables=(TABLE2_2021, TABLE3_2021, TABLE4),
)
FORMATS: dict[str, FormatSpec] = {spec.key: spec for spec in (FORMAT_2019, FORMAT_2021)}
TABLE_KEYS = ("table2", "table3", "table4")


def get_format(key: str) -> FormatSpec:
    """The format with canonical key ``"2019"`` or ``"2021"``."""
    try:
        return FORMATS[key]
    except KeyError:
        raise KeyError(f"unknown report format {key!r}; known: {', '.join(FORMATS)}") from None


def expected_format(year: int) -> FormatSpec | None:
    """The format a report for ``year`` must use (F1); ``None`` before 2019 (free-form reports)."""
    for spec in FORMATS.values():
        if spec.covers(year):
            return spec
    return None
