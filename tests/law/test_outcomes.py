"""Answer types (条例第三十六条 and related articles) ↔ rows of table 三 (DOMAIN §4.6)."""

from __future__ import annotations

import pytest

from gongkai.law import Outcome, article_texts, legal_basis, outcomes_for_row, table_row
from gongkai.law.outcomes import ARTICLES, FEE_MEASURE_TITLE, RULES
from gongkai.report.formats import TABLE3_2019, TABLE3_2021

_EDGES = {"new_received", "carried_over", "total", "carried_forward"}


@pytest.mark.parametrize("format_key", ["2019", "2021"])
def test_every_outcome_row_of_table_3_has_an_answer_type(format_key: str) -> None:
    """第三十六条 etc.: each outcome data row of the format is reachable from some outcome."""
    table = TABLE3_2019 if format_key == "2019" else TABLE3_2021
    rows = {row.key for row in table.data_rows} - _EDGES
    assert rows == {table_row(outcome, format_key).key for outcome in Outcome}


def test_the_three_other_handling_rows_of_2021_are_one_row_in_2019() -> None:
    """DOMAIN §2.6 item 6: （六）其他处理 is split in 2021 only."""
    for outcome in (Outcome.NO_CORRECTION, Outcome.FEE_UNPAID, Outcome.OTHER):
        assert table_row(outcome, "2019").label == "（六）其他处理"
    assert table_row(Outcome.NO_CORRECTION).label.startswith("1.申请人无正当理由逾期不补正")
    assert table_row(Outcome.FEE_UNPAID).key == "other_no_fee"


def test_a_refusal_to_protect_a_third_party_cites_articles_36_15_and_32() -> None:
    """第三十六条第（三）项 with the ground in 第十五条 and the procedure of 第三十二条."""
    row = table_row(Outcome.DENIED_THIRD_PARTY)
    assert (row.key, row.parent_label) == ("denied_third_party", "（三）不予公开")
    basis = legal_basis(Outcome.DENIED_THIRD_PARTY)
    assert basis.startswith("根据《中华人民共和国政府信息公开条例》第三十六条第（三）项、第十五条")
    assert [article for article, _ in article_texts(Outcome.DENIED_THIRD_PARTY)] == [
        "第三十六条第（三）项",
        "第十五条",
        "第三十二条",
    ]


def test_information_not_held_and_not_this_organs_share_one_row() -> None:
    """第三十六条第（四）项 and 第（五）项 → （四）1 [I]."""
    assert outcomes_for_row("unable_not_held") == (Outcome.NOT_EXIST, Outcome.NOT_THIS_ORGAN)


def test_already_public_and_disclosed_are_both_granted() -> None:
    """第三十六条第（一）项, 第（二）项 → （一）予以公开."""
    assert outcomes_for_row("granted", "2019") == (Outcome.ALREADY_PUBLIC, Outcome.DISCLOSED)
    assert "方式、途径" in legal_basis(Outcome.ALREADY_PUBLIC)


def test_every_cited_article_has_its_text_or_is_the_fee_measure() -> None:
    for rule in RULES.values():
        for article in rule.articles:
            assert article in ARTICLES or article == FEE_MEASURE_TITLE, article


def test_the_article_texts_are_the_published_wording() -> None:
    """条例 (国务院令第711号) as published, e.g. 第三十条's 7 working days and 第三十二条's 15."""
    assert "自收到申请之日起7个工作日内" in ARTICLES["第三十条"]
    assert "15个工作日内提出意见" in ARTICLES["第三十二条"]
    assert (
        ARTICLES["第三十六条第（四）项"]
        == "经检索没有所申请公开信息的，告知申请人该政府信息不存在；"
    )


def test_confirm_or_reissue_has_no_article_and_says_so() -> None:
    """DOMAIN §4.6: no explicit article for （五）5."""
    assert "条例无对应条款" in legal_basis(Outcome.CONFIRM_OR_REISSUE)
    assert table_row(Outcome.CONFIRM_OR_REISSUE).key == "notproc_confirm"
