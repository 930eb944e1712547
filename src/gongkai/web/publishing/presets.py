"""The app's data files (``data/``): 第二十条 categories, 索引号 rules, scoring presets, import
column presets and the default 错敏词 list. Formats and word lists are data, not code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


def _load(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@cache
def categories() -> dict[str, str]:
    """第二十条 categories: key ("20-07") → label."""
    return {row["key"]: row["label"] for row in _load("article20.json")["categories"]}


@dataclass(frozen=True, slots=True)
class IndexRule:
    key: str
    label: str
    pattern: str
    period: str  # "year" or "month": the serial restarts each period


@cache
def index_rules() -> dict[str, IndexRule]:
    return {row["key"]: IndexRule(**row) for row in _load("index_rules.json")["rules"]}


@dataclass(frozen=True, slots=True)
class ScoringPreset:
    key: str
    label: str
    points: dict[str, dict[str, float]]  # outlet level → item type ("*" for any) → points
    quota: dict[str, int]  # unit kind (tier) → items a quarter
    deduction_per_missing: float
    bonus_per_extra: float
    bonus_cap: float

    def points_for(self, level: str, item_type: str) -> float:
        row = self.points.get(level, {})
        return float(row.get(item_type, row.get("*", 0)))


@cache
def scoring_presets() -> dict[str, ScoringPreset]:
    return {row["key"]: ScoringPreset(**row) for row in _load("scoring.json")["presets"]}


@dataclass(frozen=True, slots=True)
class ImportPreset:
    key: str
    label: str
    columns: dict[str, str]  # field → the export's column header ("" when the export has none)


@cache
def import_presets() -> dict[str, ImportPreset]:
    return {row["key"]: ImportPreset(**row) for row in _load("import_presets.json")["presets"]}


@dataclass(frozen=True, slots=True)
class WordRule:
    word: str
    suggestion: str
    note: str


def parse_words(text: str) -> list[WordRule]:
    """Lines ``错误写法 => 建议写法 # 说明``; blank lines and ``#`` lines are skipped."""
    rules = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line, _, note = line.partition("#")
        word, _, suggestion = line.partition("=>")
        if word.strip():
            rules.append(WordRule(word.strip(), suggestion.strip(), note.strip()))
    return rules


@cache
def default_words() -> tuple[WordRule, ...]:
    return tuple(parse_words((DATA / "sensitive_words.txt").read_text(encoding="utf-8")))
