"""Identity documents on an application (条例第二十九条: 身份证明): the check digit of an 18-digit
居民身份证 (GB 11643-1999) and the check character of a 统一社会信用代码 (GB 32100-2015), and how
numbers are masked wherever a person who does not handle the case may see them."""

from __future__ import annotations

import datetime
import re
from enum import StrEnum

__all__ = [
    "IdentityError",
    "IdentityKind",
    "mask_identity",
    "mask_phone",
    "validate_identity",
]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: I, O, S, V, Z never used
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


class IdentityKind(StrEnum):
    RESIDENT_ID = "resident-id"  # 居民身份证
    CREDIT_CODE = "credit-code"  # 统一社会信用代码
    PASSPORT = "passport"
    OTHER = "other"


class IdentityError(ValueError):
    """An identity number that cannot be right; the message says why, in Chinese."""


def _resident_id(number: str) -> str:
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise IdentityError("居民身份证号码应为18位：前17位是数字，最后一位是数字或X")
    try:
        datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdentityError("居民身份证号码第7–14位的出生日期不存在") from None
    expected = resident_id_check(number[:17])
    if number[17] != expected:
        raise IdentityError(f"居民身份证号码校验码不符：最后一位应为 {expected}，请核对号码")
    return number


def _credit_code(code: str) -> str:
    if len(code) != 18 or any(char not in _USCC_CHARS for char in code):
        raise IdentityError(
            "统一社会信用代码应为18位，由数字和大写字母组成（不使用 I、O、S、V、Z）"
        )
    expected = credit_code_check(code[:17])
    if code[17] != expected:
        raise IdentityError(f"统一社会信用代码校验码不符：最后一位应为 {expected}，请核对代码")
    return code


def resident_id_check(first17: str) -> str:
    """The check character of a 居民身份证 number from its first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def credit_code_check(first17: str) -> str:
    """The check character of a 统一社会信用代码 from its first 17 characters."""
    total = sum(
        _USCC_CHARS.index(char) * weight
        for char, weight in zip(first17, _USCC_WEIGHTS, strict=True)
    )
    return _USCC_CHARS[(31 - total % 31) % 31]


def validate_identity(kind: IdentityKind, number: str) -> str:
    """The number in its normal form (upper case, no spaces), or ``IdentityError``."""
    cleaned = re.sub(r"\s+", "", number).upper()
    if kind is IdentityKind.RESIDENT_ID:
        return _resident_id(cleaned)
    if kind is IdentityKind.CREDIT_CODE:
        return _credit_code(cleaned)
    text = number.strip()
    if not text:
        raise IdentityError("请填写证件号码")
    return text


def mask_identity(number: str) -> str:
    """First 3 and last 4 characters shown (个人信息保护法第五十一条: least exposure)."""
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_phone(phone: str) -> str:
    digits = phone.strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
