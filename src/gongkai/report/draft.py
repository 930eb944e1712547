"""The draft narrative of a compiled report: sentences with the year's figures filled in, each
saying which records it came from (issue 12 item 3).

The figures are a plain dict (``{"received": 3, "wechat_posts": 1092, …}``): the table figures
come from the compiled tables themselves (:func:`table_figures`), so the narrative cannot
contradict them; the others (channels, items, fees) are gathered by the caller from its records.
The sentences are data (``data/draft_sentences.toml``); a sentence whose figures are missing is
left out, so an organ without a WeChat account gets no sentence about one.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from gongkai.report.model import Number, Report

SENTENCES = Path(__file__).parent / "data" / "draft_sentences.toml"

Figures = Mapping[str, Any]

# The outcome groups of table 三 named in the narrative: (figure, rows added up).
_TABLE3_GROUPS = {
    "granted": ("granted",),
    "partial": ("partial",),
    "denied": (
        "denied_state_secret",
        "denied_other_law",
        "denied_three_safety",
        "denied_third_party",
        "denied_internal_affairs",
        "denied_process_info",
        "denied_enforcement_file",
        "denied_admin_query",
    ),
    "unable": ("unable_not_held", "unable_need_create", "unable_unclear"),
    "notproc": (
        "notproc_petition",
        "notproc_repeat",
        "notproc_publication",
        "notproc_massive",
        "notproc_confirm",
    ),
    "other_handling": ("other_no_correction", "other_no_fee", "other_other"),
}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the draft: its section, its text, the records it came from, and the
    figures it states (name → value), for the recompile diff."""

    section: str
    text: str
    source: str
    figures: tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class _Template:
    section: str
    text: str
    source: str
    needs: tuple[str, ...]
    when: str = ""
    each: str = ""


@cache
def _templates() -> tuple[_Template, ...]:
    data = tomllib.loads(SENTENCES.read_text(encoding="utf-8"))
    return tuple(
        _Template(
            section=row["section"],
            text=row["text"],
            source=row["source"],
            needs=tuple(row.get("needs", ())),
            when=row.get("when", ""),
            each=row.get("each", ""),
        )
        for row in data["sentence"]
    )


def _count(figures: Figures, key: str) -> int:
    value = figures.get(key)
    return int(value) if isinstance(value, int | float) else 0


CONDITIONS: dict[str, Callable[[Figures], bool]] = {
    "no_applications": lambda f: _count(f, "received") + _count(f, "carried_over") == 0,
    "has_applications": lambda f: _count(f, "received") + _count(f, "carried_over") > 0,
    "has_wechat": lambda f: _count(f, "wechat_posts") > 0,
    "has_douyin": lambda f: _count(f, "douyin_videos") > 0,
    "has_items": lambda f: _count(f, "items_published") > 0,
    "no_fees": lambda f: _count(f, "fees") == 0,
    "has_fees": lambda f: _count(f, "fees") > 0,
}


def _cell(report: Report, table: str, row: str, column: str = "total") -> Number | None:
    return report.value(table, row, column)


def table_figures(report: Report) -> dict[str, Number | None]:
    """The figures of tables 三 and 四 that the narrative states, read from the report itself."""
    figures: dict[str, Number | None] = {
        "received": _cell(report, "table3", "new_received"),
        "carried_over": _cell(report, "table3", "carried_over"),
        "concluded": _cell(report, "table3", "total"),
        "carried_forward": _cell(report, "table3", "carried_forward"),
    }
    for name, rows in _TABLE3_GROUPS.items():
        values = [_cell(report, "table3", row) for row in rows]
        figures[name] = None if None in values else sum(v for v in values if v is not None)
    for column in ("upheld", "corrected", "other", "pending"):
        figures[f"review_{column}"] = _cell(report, "table4", "review", column)
    figures["review"] = _cell(report, "table4", "review")
    direct = _cell(report, "table4", "litigation_direct")
    after = _cell(report, "table4", "litigation_after_review")
    figures["litigation_direct"], figures["litigation_after_review"] = direct, after
    figures["litigation"] = None if direct is None or after is None else direct + after
    return figures


def _shown(value: Any) -> str:
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, Mapping):
        return "，".join(f"{label}{count}条" for label, count in value.items())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _present(figures: Figures, key: str) -> bool:
    value = figures.get(key)
    return value is not None and value != "" and value != {} and value != []


def _fill(template: _Template, figures: Figures) -> Iterable[Sentence]:
    if not all(_present(figures, key) for key in template.needs):
        return
    if template.when and not CONDITIONS[template.when](figures):
        return
    entries: list[Mapping[str, Any]] = list(figures[template.each]) if template.each else [{}]
    for entry in entries:
        values = {**figures, **entry}
        used = tuple(
            (key, values[key])
            for key in sorted(values)
            if ("{" + key + "}" in template.text or key in template.needs)
            and isinstance(values[key], int | float)
            and key != "year"
        )
        text = template.text.format_map({k: _shown(v) for k, v in values.items()})
        yield Sentence(template.section, text, template.source, used)


def draft_sentences(figures: Figures) -> list[Sentence]:
    """Every sentence the figures allow, in the order of the sentence data."""
    return [sentence for template in _templates() for sentence in _fill(template, figures)]


def draft_sections(sentences: Iterable[Sentence]) -> dict[str, str]:
    """The narrative: each section's sentences, one paragraph each."""
    sections: dict[str, list[str]] = {}
    for sentence in sentences:
        sections.setdefault(sentence.section, []).append(sentence.text)
    return {key: "\n\n".join(texts) for key, texts in sections.items()}


def stated_figures(sentences: Iterable[Sentence]) -> dict[str, Any]:
    """Every figure the draft states (name → value), for comparing two compiles."""
    return {key: value for sentence in sentences for key, value in sentence.figures}


def figure_changes(
    before: Mapping[str, Any], after: Mapping[str, Any], labels: Mapping[str, str]
) -> list[str]:
    """The figures that differ, each as '正文·微信公众号发布篇数：1092 → 1100'."""
    changed = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old != new:
            shown_old = "空" if old is None else _shown(old)
            shown_new = "空" if new is None else _shown(new)
            changed.append(f"正文·{labels.get(key, key)}：{shown_old} → {shown_new}")
    return changed


FIGURE_LABELS = {
    "received": "新收申请",
    "carried_over": "上年结转申请",
    "concluded": "办结申请",
    "carried_forward": "结转下年度申请",
    "granted": "予以公开",
    "partial": "部分公开",
    "denied": "不予公开",
    "unable": "无法提供",
    "notproc": "不予处理",
    "other_handling": "其他处理",
    "review": "行政复议",
    "review_upheld": "复议维持",
    "review_corrected": "复议纠正",
    "review_other": "复议其他结果",
    "review_pending": "复议尚未审结",
    "litigation": "行政诉讼",
    "litigation_direct": "直接起诉",
    "litigation_after_review": "复议后起诉",
    "wechat_posts": "微信公众号发布篇数",
    "wechat_original": "本单位撰写篇数",
    "wechat_reposts": "转发篇数",
    "adoptions": "媒体采用次数",
    "wechat_followers": "公众号关注人数",
    "douyin_videos": "抖音视频个数",
    "items_published": "主动公开信息条数",
    "fees": "信息处理费（元）",
    "fee_cases": "收费申请件数",
    "year": "年度",
}
