"""Copy detection finds near copies among narratives (names and numbers changed) and leaves
different reports alone; the passages shared are shown."""

from __future__ import annotations

import re

from gongkai.readers import read_report
from gongkai.report.similarity import (
    find_copies,
    jaccard,
    narrative_text,
    normalize,
    shingles,
    sketch,
)
from support.corpus import CORPUS

RAW = CORPUS / "raw"


def narrative(name: str) -> str:
    return narrative_text(read_report(RAW / name).sections)


def test_numbers_and_punctuation_do_not_hide_a_copy() -> None:
    assert normalize("共受理申请 12 件，办结 10 件。") == normalize("共受理申请35件,办结 30件")


def test_a_template_filed_by_another_organ_is_found_with_its_shared_sentences() -> None:
    original = narrative("seed-qingshan-justice-2023.txt")
    assert len(original) > 500
    copy = re.sub(r"\d+", "7", original.replace("青山区司法局", "白云区司法局"))
    other = narrative("007.txt")  # 平潭 2021: a different organ's own narrative
    pairs = find_copies({"青山": original, "白云": copy, "平潭": other})
    assert [(p.first, p.second) for p in pairs] == [("白云", "青山")]
    assert pairs[0].similarity > 0.9
    assert pairs[0].shared
    assert all(len(normalize(s)) >= 12 for s in pairs[0].shared)


def test_different_narratives_are_not_paired() -> None:
    texts = {name: narrative(name) for name in ("007.txt", "002.pdf", "012.md")}
    assert all(texts.values())
    assert find_copies(texts) == []


def test_the_sketch_estimates_the_jaccard_similarity() -> None:
    original = narrative("seed-qingshan-justice-2023.txt")
    half = original[: len(original) // 2] + narrative("007.txt")[: len(original) // 2]
    a, b = shingles(original), shingles(half)
    sa, sb = sketch(a), sketch(b)
    estimate = sum(x == y for x, y in zip(sa, sb, strict=True)) / len(sa)
    assert abs(estimate - jaccard(a, b)) < 0.2


def test_an_excluded_pair_and_empty_texts_are_left_out() -> None:
    text = narrative("seed-qingshan-justice-2023.txt")
    assert find_copies({"a": text, "b": text}, exclude=[("b", "a")]) == []
    assert find_copies({"a": "", "b": ""}) == []
