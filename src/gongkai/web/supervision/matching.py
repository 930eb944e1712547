"""Which organ a read report belongs to, from the name printed in it (or, failing that, the
file's name): exact, then after normalising, then fuzzy — a fuzzy match is only proposed, a
person confirms it (issue 13: "a confirmation step for unsure matches")."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

SURE = 0.92  # at or above: filed without asking
PROPOSE = 0.6  # at or above: proposed for confirmation; below: unmatched

_NOISE = re.compile(r"[\s\u3000（）()【】\[\]《》“”\"'·:：,，、.。_\-—0-9０-９]+")
_WORDS = re.compile(r"(政府信息公开工作年度报告|政府信息公开年度报告|年度报告|年度|年报|工作|汇总)")


def normalize_name(name: str) -> str:
    return _NOISE.sub("", _WORDS.sub("", name))


@dataclass(frozen=True, slots=True)
class Match:
    organ_id: int | None
    score: float

    @property
    def is_sure(self) -> bool:
        return self.organ_id is not None and self.score >= SURE


class OrganMatcher:
    """Matches names against one set of organs (name → id), normalised once for a whole batch."""

    def __init__(self, organs: Mapping[str, int]) -> None:
        self.organs = dict(organs)
        self.by_plain = {normalize_name(name): organ_id for name, organ_id in organs.items()}
        self.plain_names = list(self.by_plain)

    def match(self, printed: str, fallback: str) -> Match:
        """The best organ for the name ``printed`` in the report, or for ``fallback`` (the
        file name) when nothing printed matches."""
        best = Match(None, 0.0)
        for text in (printed, fallback):
            if not text:
                continue
            if text in self.organs:
                return Match(self.organs[text], 1.0)
            plain = normalize_name(text)
            if plain in self.by_plain:
                return Match(self.by_plain[plain], 0.99)
            best = max(best, self._closest(plain), key=lambda match: match.score)
        return best if best.score >= PROPOSE else Match(None, best.score)

    def _closest(self, plain: str) -> Match:
        best = Match(None, 0.0)
        for name, organ_id in self.by_plain.items():
            if name and (name in plain or plain in name) and min(len(name), len(plain)) >= 4:
                score = 0.9 * min(len(name), len(plain)) / max(len(name), len(plain)) + 0.05
                if score > best.score:
                    best = Match(organ_id, score)
        close = difflib.get_close_matches(plain, self.plain_names, n=1, cutoff=PROPOSE)
        if close:
            score = difflib.SequenceMatcher(None, plain, close[0]).ratio() * 0.95
            if score > best.score:
                best = Match(self.by_plain[close[0]], score)
        return best


def match_organ(printed: str, fallback: str, organs: Mapping[str, int]) -> Match:
    """One match against ``organs`` (name → id); see :class:`OrganMatcher` for many."""
    return OrganMatcher(organs).match(printed, fallback)
