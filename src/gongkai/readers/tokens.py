"""A document's lines as a stream of tokens: label text, numbers, empty cells, row ends.

Text is NFKC-normalised first (full-width digits and signs become ASCII). Numbers are found as
printed, with thousands separators, a unit or a note glued to them ('251000元',
'22（其中修订16件）'). Digits that belong to a label stay in the label: the '2' of '2.其他法律…'
(also when glued to the previous row's numbers, as in '00000002.其他法律…'), and years or dates
('2023 年'). A cell printed as '—' (as gongkai's own writers print a missing value) is missing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from gongkai.readers.document import Document, Line
from gongkai.report.model import Source


class Kind(StrEnum):
    LABEL = "label"
    NUMBER = "number"
    BLANK = "blank"  # an empty cell of a grid row
    DASH = "dash"  # a cell printed as '-', '/', '—' or '无': explicitly nothing, read as missing
    BREAK = "break"  # the end of a closed row


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str  # a number's digits as a plain literal ('-18', '7730.28'), a label's text
    source: Source | None = None
    raw: str | None = None  # a number as printed when it differs ('251000元', '1,234')
    x: float | None = None  # where on the page it was printed, when known (PDF)
    line: int = -1  # the index of its line in the document


# A number, optionally with thousands separators, a unit and a （其中…） note.
_NUMBER = re.compile(
    r"(?P<number>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"(?P<unit>\s*(?:万元|元|件|个|条|项|次|人次))?"
    r"(?P<note>\s*[（(]其中[^）)]{0,40}[）)])?"
)
# '2.' before label text is an item number; so is the last digit of a run glued to it.
_ENUMERATOR = re.compile(r"\d[.．、](?=\s*[^\d\s.．、,，)）|])")
# A number followed by 年/月/日 is a date, not a value.
_DATE_SUFFIX = re.compile(r"\s*[年月日号]")
_ANY_DIGIT = re.compile(r"\d")
_DASHES = frozenset({"-", "－", "—", "——", "/", "／", "无", "\\", "－－"})


def tokens(document: Document) -> list[Token]:
    stream: list[Token] = []
    for index, line in enumerate(document.lines):
        # built anew rather than with dataclasses.replace, which is slow for so many tokens
        stream.extend(
            Token(token.kind, token.text, token.source, token.raw, token.x, index)
            for token in _line_tokens(line)
        )
    return stream


def _line_tokens(line: Line) -> list[Token]:
    # A table row's label is inside the row: text before it does not label its numbers.
    out: list[Token] = [Token(Kind.BREAK, "")] if line.closed else []
    for piece in line.pieces:
        text = piece.text
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        stripped = text.strip()
        if line.grid and not stripped:
            out.append(Token(Kind.BLANK, "", piece.source))
        elif stripped in _DASHES and (line.closed or line.grid or piece.x is not None):
            out.append(Token(Kind.DASH, stripped, piece.source, raw=stripped, x=piece.x))
        elif stripped:
            split = _split(stripped, piece.source)
            if len(split) == 1 and piece.x is not None:  # a word that is one label or number
                word = split[0]  # not dataclasses.replace: it is slow, and PDFs have many words
                split = [Token(word.kind, word.text, word.source, word.raw, piece.x)]
            out.extend(split)
    if line.closed:
        out.append(Token(Kind.BREAK, ""))
    return out


def _split(text: str, source: Source) -> list[Token]:
    """Label and number tokens of one piece of text, in order."""
    if text.isdigit() and text.isascii():  # most table cells: one plain number
        return [Token(Kind.NUMBER, text, source)]
    if not _ANY_DIGIT.search(text):  # most labels
        return [Token(Kind.LABEL, text, source)]
    out: list[Token] = []
    label_at = 0
    position = 0
    enumerators = {m.start() for m in _ENUMERATOR.finditer(text)}
    for match in _NUMBER.finditer(text):
        start, end = match.span("number")
        if start < position:
            continue
        number = match.group("number")
        whole_end = match.end()
        if end - 1 in enumerators:  # the run's last digit numbers the label that follows
            number, whole_end = number[:-1], end - 1
            if not number or not number[-1].isdigit():
                continue
        elif start > 0 and (text[start - 1].isalpha() and not _is_cjk(text[start - 1])):
            continue  # part of a word or code ('A4', 'www2')
        elif _DATE_SUFFIX.match(text, match.end("number")):
            continue
        if text[label_at:start].strip():
            out.append(Token(Kind.LABEL, text[label_at:start], source))
        printed = text[start:whole_end].strip()
        out.append(
            Token(
                Kind.NUMBER,
                number.replace(",", ""),
                source,
                raw=printed if printed != number else None,
            )
        )
        label_at = position = whole_end
    if text[label_at:].strip():
        out.append(Token(Kind.LABEL, text[label_at:], source))
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
