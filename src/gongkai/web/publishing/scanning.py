"""The checks before the last approval (WORKBENCH B §4.4): 错敏词 from a word list, and personal
data — identity numbers (with their check digit and a real birth date), mobile numbers, bank
cards (Luhn) — in the title, the body and every attachment's text.

A finding shows where it is and a masked excerpt, never the whole number: the review record must
not itself spread what it warns about.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from gongkai.web.publishing.presets import WordRule

# GB 11643-1999: 17 digits and a check character over ISO 7064 MOD 11-2.
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")
_CARD = re.compile(r"(?<!\d)(\d{16,19})(?!\d)")


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # "word", "identity", "mobile", "bank_card"
    label: str
    where: str
    excerpt: str
    suggestion: str = ""


def is_identity_number(text: str) -> bool:
    if len(text) != 18 or not text[:17].isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(text[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != text[17].upper():
        return False
    try:
        datetime.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    return True


def passes_luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def mask(number: str) -> str:
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def scan_personal_data(text: str, where: str) -> list[Finding]:
    found = []
    for match in _ID.finditer(text):
        if is_identity_number(match.group(1)):
            found.append(Finding("identity", "身份证号码", where, mask(match.group(1))))
    for match in _MOBILE.finditer(text):
        found.append(Finding("mobile", "手机号码", where, mask(match.group(1))))
    for match in _CARD.finditer(text):
        number = match.group(1)
        if passes_luhn(number) and not is_identity_number(number):
            found.append(Finding("bank_card", "银行卡号", where, mask(number)))
    return found


def scan_words(text: str, where: str, words: Iterable[WordRule]) -> list[Finding]:
    found = []
    for rule in words:
        if rule.word in text:
            note = f"（{rule.note}）" if rule.note else ""
            found.append(
                Finding("word", "错敏词", where, rule.word, f"建议：{rule.suggestion}{note}")
            )
    return found


def scan(parts: Iterable[tuple[str, str]], words: Iterable[WordRule]) -> list[Finding]:
    """Every finding in ``parts`` (where, text): words first, then personal data."""
    rules = list(words)
    found: list[Finding] = []
    for where, text in parts:
        found += scan_words(text, where, rules)
        found += scan_personal_data(text, where)
    return found


def fingerprint(findings: list[Finding]) -> str:
    """Identifies a set of findings: an override covers exactly the findings it was given for."""
    data = json.dumps([asdict(f) for f in findings], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()
