"""The draft narrative from a plain dict of figures (no Django): sentences left out when their
figures are missing, each with its source, and figures read from the tables themselves."""

from __future__ import annotations

import datetime

import gongkai
from gongkai.report.draft import (
    FIGURE_LABELS,
    draft_sections,
    draft_sentences,
    figure_changes,
    stated_figures,
    table_figures,
)


def test_a_sentence_needs_all_its_figures() -> None:
    sentences = draft_sentences({"organ": "某局", "year": 2024, "wechat_posts": 5})
    texts = " ".join(s.text for s in sentences)
    assert "统计期限为2024年1月1日至2024年12月31日" in texts
    assert "微信公众号" not in texts  # no channel name, original or repost counts: left out


def test_figures_are_filled_in_with_their_source() -> None:
    figures = {
        "year": 2023,
        "wechat_name": "青山司法",
        "wechat_posts": 1092,
        "wechat_original": 301,
        "wechat_reposts": 791,
        "adoptions": 214,
        "budget_publications": [
            {"title": "2023 年度预算公开报告", "published_on": datetime.date(2023, 2, 10)}
        ],
    }
    sentences = draft_sentences(figures)
    overview = draft_sections(sentences)["overview"]
    assert overview.startswith("2023年2月10日，通过政府门户网站公开《2023 年度预算公开报告》。")
    assert "累计发布各类信息1092篇，其中本单位撰写301篇" in overview
    [wechat] = [s for s in sentences if "微信" in s.text]
    assert "发布渠道记录" in wechat.source
    assert stated_figures(sentences)["wechat_reposts"] == 791


def test_the_table_figures_come_from_the_report() -> None:
    report = gongkai.loads(
        '{"format": "2021", "organ": "某局", "year": 2024, "tables": {"table3": '
        '{"new_received": {"total": 4}, "carried_over": {"total": 1}, "granted": {"total": 2},'
        ' "unable_not_held": {"total": 1}, "unable_unclear": {"total": 1},'
        ' "unable_need_create": {"total": 0},'
        ' "total": {"total": 4}, "carried_forward": {"total": 1}}}}'
    )
    figures = table_figures(report)
    assert figures["received"] == 4
    assert figures["unable"] == 2
    assert figures["denied"] is None  # its rows are blank: not stated
    assert figures["review"] is None


def test_changed_figures_are_listed_with_their_labels() -> None:
    assert figure_changes({"review": 0, "fees": 5}, {"review": 1, "fees": 5}, FIGURE_LABELS) == [
        "正文·行政复议：0 → 1"
    ]
