"""The three tables from a token stream, the same way for every input kind.

The stream is read once, in order. Table 二 starts at its first 第二十条 caption, table 三 at its
header or first row, table 四 at its 行政复议 header after table 三, and everything stops at
section 五. Within table 二 and 三 a row is a label followed by its numbers: the numbers continue
over lines until the row has as many as it has columns (one value per line, as some pages print
them), or end where the next label or the end of a table row comes (glued digit runs, cut apart by
``digits.py``). Table 三's rows always come in the format's order, so a row of numbers with no
label of its own (a PDF converter separates labels from numbers) is the next row not yet read.
Table 四 is the run of fifteen numbers after its header.

Nothing is invented: a row that cannot be read is left out (its cells are *missing*) with a
finding that says where and why; a digit run with more than one reading is left out with the
candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import product

from gongkai.readers import findings, hints, witness
from gongkai.readers.checks import appeals_check, row_check, signs_fit, violations
from gongkai.readers.columns import column_centres, column_order, place
from gongkai.readers.digits import splits, to_number
from gongkai.readers.document import Blank
from gongkai.readers.metadata import is_section_heading
from gongkai.readers.rowlabels import fold_label, full_label, match_row
from gongkai.readers.tokens import Kind, Token
from gongkai.readers.witness import Witness
from gongkai.report.findings import Finding
from gongkai.report.formats import APPEAL_COLUMNS
from gongkai.report.model import Cell, Number, Source, Tables
from gongkai.report.spec import (
    ColumnSpec,
    FormatSpec,
    RowKind,
    RowSpec,
    TableSpec,
)


class Mode(StrEnum):
    BEFORE = "before"
    TABLE2 = "table2"
    TABLE3 = "table3"
    TABLE4 = "table4"
    AFTER = "after"


_T2_START = ("第二十条第",)
_T3_START = ("本年新收", "申请人情况", "勾稽关系")
_T4_START = ("行政复议", "行政诉讼")
_END = ("存在的主要问题", "存在问题", "其他需要报告")

_VALUES = (Kind.NUMBER, Kind.BLANK, Kind.DASH)


@dataclass(slots=True)
class _Row:
    """Numbers being collected for one row."""

    spec: RowSpec | None  # None: a row of numbers with no place (they are dropped)
    tokens: list[Token] = field(default_factory=list)
    repaired: str | None = None  # the printed label when matched by similarity
    bare: bool = False  # numbers with no label of their own


@dataclass(slots=True)
class _Ambiguous:
    spec: RowSpec
    candidates: list[tuple[str, ...]]
    tokens: list[Token]


@dataclass(slots=True)
class Assembly:
    tables: Tables = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    found: bool = False  # a table's header or rows were seen, even if no number was
    # Lines that hold nothing but table content (not narrative): left out of the sections' text.
    table_lines: set[int] = field(default_factory=set)


class _Assembler:
    def __init__(
        self, spec: FormatSpec, blank: Blank, narrative: str, witness: Witness | None
    ) -> None:
        self.spec = spec
        self.blank = blank
        self.narrative = narrative  # the report's text, which may state table 二's numbers
        self.witness = witness  # last year's report, which may decide a glued run
        self.out = Assembly()
        self.mode = Mode.BEFORE
        self.label: list[str] = []
        self.after_value = False
        self.row: _Row | None = None
        self.pointer = -1  # index in table 三's rows of the last row read
        self.ambiguous: list[_Ambiguous] = []
        self.appeal_values: list[Token] = []
        self.unread_appeals: list[Token] = []  # numbers after table 四's header that did not fit
        self.blanks: list[tuple[str, str, str]] = []
        self.splits: dict[str, list[tuple[RowSpec, str, str]]] = {}
        self.header: list[str] = []  # table 三's header text, until its first row
        self.heading_x: dict[str, list[tuple[str, float]]] = {}  # header words with positions
        self.heading_page: dict[str, int | None] = {}  # the page those words are on
        self.header_done: set[str] = set()  # tables whose header has ended (a row label came)
        self.pending_blank: RowSpec | None = None  # a table 二 row label with no number yet
        self.pending_source: Source | None = None
        self.printed_rows: dict[str, Source | None] = {}  # table 三 rows whose label was seen
        self.order: tuple[str, ...] | None = None  # table 三's columns as printed, if not standard
        self.narrative_lines: set[int] = set()  # lines with text outside the tables
        self.guessed: set[str] = set()  # table 三 rows placed by row order, with no label

    # ── the stream ───────────────────────────────────────────────────────────────────────────

    def run(self, stream: Sequence[Token]) -> Assembly:
        for token in stream:
            if self.mode is Mode.AFTER:
                break
            if token.kind is Kind.LABEL:
                self._on_label(token)
            elif token.kind is Kind.BREAK:
                self._on_break()
            else:
                self._on_value(token)
            self._note_line(token)
        self._finish()
        self.out.table_lines -= self.narrative_lines
        return self.out

    def _note_line(self, token: Token) -> None:
        """Whether the token's line is table content or narrative (a section heading between
        the tables is narrative: it starts its section)."""
        if token.kind is Kind.BREAK:
            return
        in_table = self.mode in (Mode.TABLE2, Mode.TABLE3, Mode.TABLE4)
        if in_table and not (token.kind is Kind.LABEL and is_section_heading(token.text)):
            self.out.table_lines.add(token.line)
        else:
            self.narrative_lines.add(token.line)

    def _on_label(self, token: Token) -> None:
        self._end_row()
        if (
            self.mode is Mode.TABLE4
            and self.appeal_values
            and not _between_groups(len(self.appeal_values), token.text)
        ):
            if self._finish_appeals():
                self.mode = Mode.AFTER
                return
            self.unread_appeals = self.appeal_values
            self.appeal_values = []
        if self.after_value:
            self.label = []
            self.after_value = False
        if self.mode is Mode.TABLE2 and token.x is not None:
            self._blank_row_of_table2(token)
        self.label.append(token.text)
        if self.mode is Mode.TABLE3 and "table3" not in self.out.tables:
            self.header.append(token.text)
        if self.mode is Mode.TABLE3 and token.x is not None and not self._names_column(token):
            match = match_row(self.spec.table("table3"), token.text)
            if match is not None and match.exact:
                self.printed_rows.setdefault(match.row.key, token.source)
                self.header_done.add("table3")  # the rows have begun: their labels are no header
        heading = self.mode in (Mode.TABLE3, Mode.TABLE4) and not (
            {self.mode.value} & (self.out.tables.keys() | self.header_done)
        )
        if token.x is not None and (heading or self.mode is Mode.TABLE2):
            self._note_heading(self.mode.value, token)
        if self.mode is not Mode.BEFORE:
            self.out.found = True
        # a PDF prints '第二十条 第（一）项' as two words: a marker may span the last two
        self._switch(fold_label("".join(self.label[-2:])))

    def _blank_row_of_table2(self, token: Token) -> None:
        """A table 二 row printed in a PDF with every cell empty: its whole label, then at once
        the next row's label, a caption or a section heading. In a part whose columns were located
        its empty cells are cells, read by the blank rule (as an empty row of an HTML table)."""
        table = self.spec.table("table2")
        pending, source = self.pending_blank, self.pending_source
        self.pending_blank = full_label(table, token.text)
        self.pending_source = token.source
        text = fold_label(token.text)
        ends = (
            self.pending_blank is not None
            or any(marker in text for marker in _T2_START)
            or is_section_heading(token.text)
        )
        if pending is None or not ends or pending.key in self.out.tables.get("table2", {}):
            return
        words = self.heading_x.get("table2", [])
        if column_centres(pending.columns, words) is not None:
            blank = Token(Kind.BLANK, "", source)
            self._store(table, pending, [blank] * len(pending.columns), [""] * len(pending.columns))

    def _names_column(self, token: Token) -> bool:
        """Whether a word of table 三 is one of its column headings ('其他', '总计' also name
        rows)."""
        columns = self.spec.table("table3").data_rows[0].columns
        return fold_label(token.text) in {
            fold_label(name) for column in columns for name in (column.label, *column.variants)
        }

    def _note_heading(self, table: str, token: Token) -> None:
        """A header word and where it is printed. Positions are those of one page: a header on
        a later page (a spreadsheet's right-hand columns printed after its rows) starts afresh."""
        assert token.x is not None
        page = token.source.page if token.source is not None else None
        if self.heading_page.get(table) != page:
            self.heading_page[table] = page
            self.heading_x[table] = []
        self.heading_x.setdefault(table, []).append((token.text, token.x))

    def _switch(self, text: str) -> None:
        if any(marker in text for marker in _END) and self.mode is not Mode.BEFORE:
            self._end_table()
            self.mode = Mode.AFTER
        elif self.mode in (Mode.BEFORE, Mode.TABLE2) and any(m in text for m in _T2_START):
            self.mode = Mode.TABLE2
            # each of table 二's parts has its own header: its columns' positions start afresh
            self.heading_x["table2"] = self.heading_x.get("table2", [])[-1:]
        elif self.mode in (Mode.BEFORE, Mode.TABLE2) and any(m in text for m in _T3_START):
            self.mode = Mode.TABLE3
            self.label = self.label[-1:]
        elif self.mode is Mode.TABLE3 and any(m in text for m in _T4_START):
            self._end_table()
            self.mode = Mode.TABLE4

    def _on_break(self) -> None:
        self._end_row()
        if self.mode is not Mode.TABLE4:
            self.label = []
            self.after_value = False

    def _on_value(self, token: Token) -> None:
        self.pending_blank = None
        if self.mode is Mode.TABLE4:
            self.appeal_values.append(token)
            self.after_value = True
            return
        if self.row is not None and _new_printed_line(self.row.tokens, token):
            self._end_row()
        if self.row is None:
            if self.mode is Mode.TABLE3 and self.order is None and self.header:
                self.order = self._header_order()
                self.header = []
            self.row = self._place()
        if self.row is None:
            return
        self.row.tokens.append(token)
        self.after_value = True
        if self.row.spec is not None and len(self.row.tokens) == len(self.row.spec.columns):
            self._end_row()

    def _header_order(self) -> tuple[str, ...] | None:
        """Table 三's columns as its header prints them. On a page with positions the header's
        words stand over their columns, left to right, whatever order the text gives them in."""
        table = self.spec.table("table3")
        standard = table.data_rows[0].columns
        if column_centres(standard, self.heading_x.get("table3", [])) is not None:
            return None
        return column_order(table, "".join(self.header))

    # ── rows of table 二 and 三 ──────────────────────────────────────────────────────────────

    def _place(self) -> _Row | None:
        """The row the numbers that start here belong to."""
        label = "".join(self.label)
        self.label = []
        if self.mode is Mode.BEFORE and label:
            # a page that starts inside table 三 (an excerpt): a full row label starts it
            if full_label(self.spec.table("table3"), label) is None:
                return None  # a sentence's number, not a row ('予以公开258件')
            self.mode = Mode.TABLE3
        if self.mode not in (Mode.TABLE2, Mode.TABLE3):
            return None
        table = self.spec.table(self.mode.value)
        match = match_row(table, label) if label else None
        if match is not None:
            read = self.out.tables.get(table.key, {})
            if match.row.key in self.guessed and match.exact:
                # numbers placed here by row order alone belong elsewhere: the row's own label
                # comes with its own numbers (a spanning heading's line read as the next row)
                read.pop(match.row.key, None)
                self.guessed.discard(match.row.key)
            elif match.row.key in read:
                return _Row(None)  # printed twice: the first reading stands
            return _Row(match.row, repaired=None if match.exact else match.printed)
        if self.mode is Mode.TABLE3:
            following = self._next_unread(table)
            return _Row(following, bare=True) if following is not None else _Row(None)
        return _Row(None)

    def _next_unread(self, table: TableSpec) -> RowSpec | None:
        read = self.out.tables.get(table.key, {})
        for index in range(self.pointer + 1, len(table.rows)):
            row = table.rows[index]
            if row.kind is RowKind.DATA and row.key not in read:
                return row
        return None

    def _end_row(self) -> None:
        row, self.row = self.row, None
        if row is None or row.spec is None or not row.tokens:
            return
        table = self.spec.table(self.mode.value if self.mode is not Mode.BEFORE else "table3")
        values = _trim_blanks(row.tokens, len(row.spec.columns))
        if row.bare and all(token.kind is Kind.BLANK for token in values):
            return  # the empty tail of a row, not a row
        if row.repaired is not None:
            self.out.findings.append(findings.repaired_label(table, row.spec, row.repaired))
        if row.bare:
            self.guessed.add(row.spec.key)
        self._read_row(table, row.spec, values)

    def _columns(self, table: TableSpec, spec: RowSpec) -> tuple[ColumnSpec, ...]:
        """The row's columns in the order the document prints them."""
        if table.key != "table3" or self.order is None:
            return spec.columns
        by_key = {column.key: column for column in spec.columns}
        return tuple(by_key[key] for key in self.order)

    def _read_row(self, table: TableSpec, spec: RowSpec, values: list[Token]) -> None:
        width = len(spec.columns)
        if len(values) == width:
            self._store(table, spec, values, [token.text for token in values])
            return
        placed = self._by_position(table, self._columns(table, spec), values)
        if placed is not None:
            self._store(table, spec, placed, [token.text for token in placed])
            return
        if (
            len(values) > width
            or any(token.kind is not Kind.NUMBER for token in values)
            or _positioned(values)
        ):
            self.out.findings.append(findings.row_unreadable(table, spec, values, "count"))
            if _positioned(values):  # its printed line was this: a later bare line is not it
                self._advance(table, spec)
            return
        runs = [token.text for token in values]
        columns = self._columns(table, spec)
        candidates = splits(runs, width, row_check(columns))
        if candidates is not None:
            candidates = [c for c in candidates if signs_fit(c, columns)]
        if candidates is None or not candidates:
            self.out.findings.append(findings.row_unreadable(table, spec, values, "split"))
        elif len(candidates) == 1:
            self._store(table, spec, values, list(candidates[0]), split_from=runs)
        elif table.key != "table3":  # table 二 has no identities: only its own text can decide
            decided = hints.decide(spec, candidates, self.narrative)
            if decided is None and self._by_witness(table, spec, values, candidates):
                return
            if decided is None:
                kept = self._store_agreed(table, spec, values, candidates)
                self.out.findings.append(
                    findings.ambiguous_row(table, spec, runs, candidates, kept)
                )
                return
            chosen, stated = decided
            self._store(table, spec, values, list(chosen), split_from=runs, decided=True)
            quoted = "；".join(hint.sentence for hint in stated)
            self.out.findings.append(
                findings.resolved_by_text(table, spec, runs, list(chosen), quoted)
            )
        else:
            self.ambiguous.append(_Ambiguous(spec, candidates, values))
            self._advance(table, spec)

    def _by_witness(
        self,
        table: TableSpec,
        spec: RowSpec,
        values: list[Token],
        candidates: list[tuple[str, ...]],
    ) -> bool:
        """Store the one reading of a glued row that agrees with last year's report, if there
        is exactly one (rules Y1–Y3 as a witness); ``False`` when the witness decides nothing."""
        if self.witness is None:
            return False
        relation = self.witness.relation(self.spec.key, table, spec)
        if relation is None:
            return False
        columns = [column.key for column in self._columns(table, spec)]
        numbers = [[to_number(text) for text in candidate] for candidate in candidates]
        decided = witness.decide(relation, columns, numbers)
        if decided is None:
            return False
        index, said = decided
        runs = [token.text for token in values]
        chosen = list(candidates[index])
        self._store(table, spec, values, chosen, split_from=runs, decided=True)
        self.out.findings.append(findings.resolved_by_previous(table, spec, runs, chosen, said))
        return True

    def _by_position(
        self, table: TableSpec, columns: Sequence[ColumnSpec], values: list[Token]
    ) -> list[Token] | None:
        """A row printed with empty cells (a PDF shows nothing there): each number placed under
        the column heading it is printed beneath, the other cells empty. ``None`` when the
        positions are unknown or do not fit one number per column."""
        if len(values) >= len(columns) or any(
            t.x is None or t.kind is not Kind.NUMBER for t in values
        ):
            return None
        centres = column_centres(columns, self.heading_x.get(table.key, []))
        if centres is None:
            return None
        slots = place([t.x for t in values if t.x is not None], centres)
        if slots is None:
            return None
        by_slot = dict(zip(slots, values, strict=True))
        blank = Token(Kind.BLANK, "", values[0].source)
        return [by_slot.get(index, blank) for index in range(len(columns))]

    def _store(
        self,
        table: TableSpec,
        spec: RowSpec,
        tokens: list[Token],
        texts: list[str],
        split_from: list[str] | None = None,
        decided: bool = False,
    ) -> None:
        """Store a row; ``decided``: its split was chosen by the column identities (and is
        reported as such, not as a unique split)."""
        printed: dict[str, Cell] = {}
        for index, column in enumerate(self._columns(table, spec)):
            token = tokens[min(index, len(tokens) - 1)] if split_from else tokens[index]
            printed[column.key] = self._cell(table, spec, column, token, texts[index], split_from)
        cells = {column.key: printed[column.key] for column in spec.columns}
        self.out.tables.setdefault(table.key, {})[spec.key] = cells
        if split_from and not decided:
            self._split(table, spec, split_from, texts)
        self._advance(table, spec)

    def _store_agreed(
        self,
        table: TableSpec,
        spec: RowSpec,
        tokens: list[Token],
        candidates: list[tuple[str, ...]],
    ) -> int:
        """The cells of an ambiguous row that every reading agrees on ('31+1244': 31 is the
        上一年项目数量 whichever way '+1244' is cut); the others stay missing. Nothing is stored
        when the readings agree on no cell. How many cells were stored."""
        columns = self._columns(table, spec)
        agreed = {
            column.key: texts.pop()
            for index, column in enumerate(columns)
            if len(texts := {candidate[index] for candidate in candidates}) == 1
        }
        if not agreed:
            return 0
        cells = {
            column.key: (
                Cell(to_number(agreed[column.key]), source=tokens[0].source)
                if column.key in agreed
                else Cell(None)
            )
            for column in spec.columns
        }
        self.out.tables.setdefault(table.key, {})[spec.key] = cells
        return len(agreed)

    def _cell(
        self,
        table: TableSpec,
        spec: RowSpec,
        column: ColumnSpec,
        token: Token,
        text: str,
        split_from: list[str] | None,
    ) -> Cell:
        if split_from:  # printed as its own part of the run, not the whole run
            number = to_number(text)
            return Cell(number, raw=text if text != str(number) else None, source=token.source)
        if token.kind is Kind.BLANK:
            self.blanks.append((table.key, spec.key, column.key))
            value: Number | None = 0 if self.blank is Blank.ZERO else None
            return Cell(value, raw="", source=token.source)
        if token.kind is Kind.DASH:
            return Cell(None, raw=token.raw, source=token.source)
        return Cell(to_number(token.text), raw=token.raw, source=token.source)

    def _split(self, table: TableSpec, spec: RowSpec, runs: list[str], texts: list[str]) -> None:
        self.splits.setdefault(table.key, []).append((spec, " ".join(runs), "|".join(texts)))

    def _advance(self, table: TableSpec, spec: RowSpec) -> None:
        if table.key == "table3":
            self.pointer = max(self.pointer, table.rows.index(spec))

    def _end_table(self) -> None:
        self._end_row()
        if self.mode is Mode.TABLE3:
            self._resolve_ambiguous()

    # ── table 四 ─────────────────────────────────────────────────────────────────────────────

    def _finish_appeals(self) -> bool:
        """Read the numbers collected after table 四's header; ``False`` if they are not its
        fifteen (a sentence's numbers between the heading and the table)."""
        table = self.spec.table("table4")
        rows = table.data_rows
        columns = [column for row in rows for column in row.columns]
        values = _trim_blanks(self.appeal_values, len(columns))
        placed = self._by_position(table, columns, values)
        if placed is not None:
            values = placed
        if len(values) == len(columns):
            texts = [token.text for token in values]
            self._store_appeals(table, rows, values, texts, None)
            return True
        if len(values) > len(columns) or any(t.kind is not Kind.NUMBER for t in values):
            return False
        if _positioned(values):
            return False  # a PDF's numbers are its words: never cut
        runs = [token.text for token in values]
        candidates = splits(runs, len(columns), appeals_check(rows))
        if candidates is None or len(candidates) != 1:
            if candidates:
                self.out.findings.append(findings.ambiguous_appeals(table, runs, candidates))
                return True
            return False
        self._store_appeals(table, rows, values, list(candidates[0]), runs)
        return True

    def _store_appeals(
        self,
        table: TableSpec,
        rows: Sequence[RowSpec],
        tokens: list[Token],
        texts: list[str],
        split_from: list[str] | None,
    ) -> None:
        index = 0
        for row in rows:
            cells: dict[str, Cell] = {}
            for column in row.columns:
                token = tokens[min(index, len(tokens) - 1)]
                cells[column.key] = self._cell(table, row, column, token, texts[index], split_from)
                index += 1
            self.out.tables.setdefault(table.key, {})[row.key] = cells
        if split_from:
            self._split(table, rows[0], split_from, texts)

    # ── the end ──────────────────────────────────────────────────────────────────────────────

    def _finish(self) -> None:
        self._end_row()
        if self.mode is Mode.TABLE4 and self.appeal_values and not self._finish_appeals():
            self.unread_appeals = self.appeal_values
        if "table4" not in self.out.tables and self.unread_appeals:
            table = self.spec.table("table4")
            self.out.findings.append(
                findings.row_unreadable(table, table.data_rows[0], self.unread_appeals, "split")
            )
        if self.mode is Mode.TABLE3:
            self._resolve_ambiguous()
        self._empty_rows()
        if self.blanks:
            self.out.findings.append(findings.blank_cells(self.blanks, self.blank))
        for key, cut in self.splits.items():
            self.out.findings.append(findings.split_runs(self.spec.table(key), cut))
        for table in self.spec.tables:
            read = set(self.out.tables.get(table.key, {}))
            said = {ref.row for f in self.out.findings for ref in f.cells if ref.table == table.key}
            self.out.findings.extend(findings.missing_rows(table, read, said))

    def _empty_rows(self) -> None:
        """Table 三 rows a PDF prints with every cell empty: their label is there, no number
        follows it. In a table whose columns were located (so its empty cells are cells), they
        are rows of empty cells — read by the blank rule, like an empty row of an HTML table."""
        table = self.spec.table("table3")
        if self.blank is not Blank.ZERO or not self.printed_rows:
            return
        if (
            column_centres(
                self._columns(table, table.data_rows[0]), self.heading_x.get("table3", [])
            )
            is None
        ):
            return
        read = self.out.tables.get("table3", {})
        said = {ref.row for f in self.out.findings for ref in f.cells if ref.table == "table3"}
        for row in table.data_rows:
            if row.key in self.printed_rows and row.key not in read and row.key not in said:
                blank = Token(Kind.BLANK, "", self.printed_rows[row.key])
                blanks = [blank] * len(row.columns)
                self._store(table, row, blanks, [""] * len(row.columns))

    def _resolve_ambiguous(self) -> None:
        """Choose among the readings of glued rows the one combination that breaks the fewest of
        table 三's column identities (A1, A3); a tie leaves the rows unread."""
        if not self.ambiguous:
            return
        table = self.spec.table("table3")
        known = self.out.tables.get("table3", {})
        scored: list[tuple[int, tuple[tuple[str, ...], ...]]] = []
        for combination in product(*(item.candidates for item in self.ambiguous)):
            values = {key: [c.value for c in cells.values()] for key, cells in known.items()}
            for item, texts in zip(self.ambiguous, combination, strict=True):
                printed = self._columns(table, item.spec)
                by_key = {c.key: to_number(t) for c, t in zip(printed, texts, strict=True)}
                values[item.spec.key] = [by_key[c.key] for c in item.spec.columns]
            scored.append((violations(table, values), combination))
        scored.sort(key=lambda item: item[0])
        unique = len(scored) == 1 or scored[0][0] < scored[1][0]
        if not unique and self._witnessed():
            self._resolve_ambiguous()  # the rows left, now with the witnessed rows known
            return
        for index, item in enumerate(self.ambiguous):
            runs = [token.text for token in item.tokens]
            if unique:
                chosen = list(scored[0][1][index])
                self._store(table, item.spec, item.tokens, chosen, split_from=runs, decided=True)
                self.out.findings.append(
                    findings.resolved_by_identities(table, item.spec, runs, chosen)
                )
            else:
                self.out.findings.append(
                    findings.ambiguous_row(table, item.spec, runs, item.candidates)
                )
        self.ambiguous = []

    def _witnessed(self) -> bool:
        """Store the glued table 三 rows the identities leave undecided that last year's report
        decides (上年结转 = last year's 结转下年度); whether any was."""
        table = self.spec.table("table3")
        left = [
            item
            for item in self.ambiguous
            if not self._by_witness(table, item.spec, item.tokens, item.candidates)
        ]
        decided = len(left) < len(self.ambiguous)
        self.ambiguous = left
        return decided


# Table 四 printed as three small tables (PDF-to-Markdown and OCR conversions, some Word layouts):
# each group under its own heading, with its own 结果维持 … 总计 header and one row of five numbers.
_APPEAL_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
_APPEAL_HEADER = re.compile(
    "|".join((*_APPEAL_GROUPS, "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    + r"|[()（）\s:：|]"
)


def _between_groups(collected: int, text: str) -> bool:
    """Whether ``text``, after ``collected`` of table 四's numbers, is the heading of its next
    group of five: nothing but table 四's header words, naming (if it names a group) the group
    that comes next in the format's order."""
    width = len(APPEAL_COLUMNS)
    if collected % width or collected >= width * len(_APPEAL_GROUPS):
        return False
    folded = fold_label(text)
    if _APPEAL_HEADER.sub("", folded):
        return False
    named = [index for index, group in enumerate(_APPEAL_GROUPS) if group in folded]
    return all(index == collected // width for index in named)


def _positioned(tokens: Sequence[Token]) -> bool:
    """Whether the tokens were printed at known positions (a PDF): then each number is one word,
    never a glued run to cut (an empty cell is empty, not a missing separator)."""
    return any(token.x is not None for token in tokens)


def _new_printed_line(row: Sequence[Token], token: Token) -> bool:
    """A PDF row's numbers are on one printed line: a number on the next line starts another row
    (the next row, or a later page's right-hand columns), it never completes this one."""
    known = token.x is not None and bool(row) and row[-1].x is not None
    return known and row[-1].line != token.line


def _trim_blanks(tokens: list[Token], width: int) -> list[Token]:
    """A grid row's cells beyond the table's columns (a wider header row) are not values."""
    values = list(tokens)
    while len(values) > width and values[-1].kind is Kind.BLANK:
        values.pop()
    while len(values) > width and values[0].kind is Kind.BLANK:
        values.pop(0)
    return values


def assemble(
    stream: Sequence[Token],
    spec: FormatSpec,
    blank: Blank,
    narrative: str = "",
    witness: Witness | None = None,
) -> Assembly:
    """The tables in ``stream``; ``narrative`` is the report's text (to decide glued runs of
    table 二 by the numbers it states), ``witness`` the organ's report of the year before (to
    decide those the text does not)."""
    return _Assembler(spec, blank, narrative, witness).run(stream)


__all__ = ["Assembly", "assemble", "column_order"]
