"""Table alignment: lines of tokens → **template rows and cells** of one table, with observations.

Rows are aligned by label and by order: a label matches a template row (fuzzily, more loosely for the
row the order expects next); a row of values without a label takes the next expected row; a group
label carrying values (its first item's label lost or merged into it) hands them to its first item.
A row with fewer or more values than columns is reported and never shifted into its neighbours.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from gaicheck.extract.labels import label_set_for
from gaicheck.extract.split import split_candidates
from gaicheck.extract.stream import Line, Token
from gaicheck.extract.values import parse_value
from gaicheck.model.document import Location
from gaicheck.templates import ColumnSpec, Label, RowSpec, TableSpec

LOOKAHEAD = 8


@dataclass(slots=True)
class RowSlot:
    spec: RowSpec
    columns: list[ColumnSpec]
    found: bool = False
    label: Token | None = None
    label_official: bool = True
    unlabelled: bool = False
    values: list[Token] = field(default_factory=list)
    blank: bool = False  # the row is there but holds no value at all
    unsplittable: str | None = None  # the digit run that could not be split safely
    label_only: bool = False  # its label was seen with nothing after it (a heading): a later label may claim it
    via_group: str | None = None  # its values followed a group label directly (the item's own label lost)
    candidates: list[list[Token]] = field(default_factory=list)  # the splits an unsplittable run allows
    # "row": no split of its digit run satisfies the row's identities; "table": no split of the runs of the
    # table's open rows together satisfies the column identities — wrong as published either way
    no_reading: str = ""
    # with no_reading "table": the keys of the rows whose runs together fit no reading (this row's included)
    together: tuple[str, ...] = ()
    # the digit run of a row read only because exactly one split satisfies its own identities: that
    # reading is in question when the column identities through the row then fail (issue 13 point 6)
    pinned: list[Token] = field(default_factory=list)
    loc: Location | None = None


@dataclass(slots=True)
class ExtraRow:
    label: Token
    values: list[Token]


@dataclass(slots=True)
class HeaderDeviation:
    token: Token
    official: str


@dataclass(slots=True)
class TableResult:
    spec: TableSpec
    slots: list[RowSlot]
    started: bool = False
    loc: Location | None = None
    extra_rows: list[ExtraRow] = field(default_factory=list)
    header_deviations: list[HeaderDeviation] = field(default_factory=list)
    subtotals: dict[str, RowSlot] = field(default_factory=dict)  # group key → its one-row subtotal


def _trim(values: list[Token], expected: int) -> list[Token]:
    """Drop label padding and separator noise around a row's values.

    Empties that are not real (text tables: pipes/tabs) are dropped at both ends; real empties
    (exact grids, one-cell-per-line) only while the row is longer than the table is wide.
    """
    vals = list(values)
    while vals and vals[0].kind == "empty" and (not vals[0].exact or len(vals) > expected):
        vals.pop(0)
    while vals and vals[-1].kind == "empty" and (not vals[-1].exact or len(vals) > expected):
        vals.pop()
    return vals


RowIdentity = tuple[list[str], list[str]]  # column keys: sum(lhs) == sum(rhs) in every row


def _constraints(columns: list[ColumnSpec], identities: list[RowIdentity]) -> list[tuple[list[int], list[int]]]:
    index = {c.key: i for i, c in enumerate(columns)}
    out = []
    for lhs, rhs in identities:
        if all(k in index for k in lhs + rhs):
            out.append(([index[k] for k in lhs], [index[k] for k in rhs]))
    return out


MAX_CANDIDATES = 64


def _one_digit_each(values: list[Token], width: int) -> list[Token] | None:
    """A run of plain digits with exactly as many digits as cells has one reading: a digit per cell."""
    if sum(len(t.text) for t in values) != width or not all(t.text.isascii() and t.text.isdigit() for t in values):
        return None
    out: list[Token] = []
    for tok in values:
        for i, digit in enumerate(tok.text):
            col = None if tok.loc.column is None else tok.loc.column + i
            out.append(Token(digit, replace(tok.loc, column=col), tok.kind, tok.exact, False))
    return out


def all_readings(values: list[Token], columns: list[ColumnSpec]) -> list[list[Token]] | None:
    """Every split of a row's digit run, its identities aside (None: more than ALL_READINGS, or the
    search's budget spent)."""
    return split_candidates(values, [c.kind for c in columns], [], ALL_READINGS)


ALL_READINGS = 4096  # readings of a pinned row's run searched when the column identities through it fail


def resolve_runs(
    values: list[Token], columns: list[ColumnSpec], identities: list[RowIdentity]
) -> tuple[list[Token] | None, list[list[Token]], bool]:
    """Values of a row holding digit runs: (the split, [], False) when the run has one reading — exactly one
    split fits the row's identities, or the run has one digit per cell (then the identities speak for
    themselves) —, else (None, the candidate splits for a table-level decision — empty when too many —,
    whether the search ended with no split at all: the row is then wrong under every reading)."""
    if len(values) == len(columns) or not any(t.run for t in values) or any(t.kind == "empty" for t in values):
        return values, [], False
    single = _one_digit_each(values, len(columns))
    if single is not None:
        return single, [], False
    found = split_candidates(values, [c.kind for c in columns], _constraints(columns, identities), MAX_CANDIDATES)
    if found is not None and len(found) == 1:
        return found[0], [], False
    return None, found or [], found == []


def _distinct_columns(spec: TableSpec) -> list[ColumnSpec]:
    """The table's columns, the first of each wording (blocks repeat their column headers)."""
    columns = [c for b in spec.blocks for c in b.columns] if spec.layout == "blocks" else list(spec.columns)
    seen: dict[str, ColumnSpec] = {}
    for c in columns:
        seen.setdefault(c.label, c)
    return list(seen.values())


class RowAligner:
    """Aligns the 'rows' layout (table 2) and the 'blocks' layout (table 1)."""

    def __init__(self, spec: TableSpec, identities: list[RowIdentity] | None = None) -> None:
        self.spec = spec
        self.identities = identities or []
        if spec.layout == "blocks":
            pairs = [(r, b.columns) for b in spec.blocks for r in b.rows]
            self.captions = label_set_for(
                spec, "captions", lambda: [Label(key=b.key, label=b.caption) for b in spec.blocks]
            )
        else:
            pairs = [(r, spec.columns) for r in spec.rows]
            self.captions = label_set_for(spec, "captions", lambda: [])
        self.slots = [RowSlot(r, cols) for r, cols in pairs]
        self.rows = label_set_for(spec, "rows", lambda: [r for r, _ in pairs])
        self.groups = label_set_for(spec, "groups", lambda: spec.groups)
        self.headers = label_set_for(spec, "headers", lambda: [Label(key=h, label=h) for h in spec.header_labels])
        self.columns = label_set_for(spec, "columns", lambda: _distinct_columns(spec))

    def _free(self, i: int, pending: int | None) -> bool:
        return not self.slots[i].found or self.slots[i].label_only or i == pending

    def _match_row(self, text: str, next_idx: int, pending: int | None = None) -> tuple[int, bool] | None:
        """`pending`: the row whose label was just seen with no value yet (a heading): it may be claimed again."""
        if next_idx < len(self.slots) and self._free(next_idx, pending):
            m = self.rows.match(text, (next_idx,), loose=True)
            if m is not None:
                return m.index, m.official
        if self.rows.match(text) is None:
            return None  # no row label at all: nor one of a subset (matching fewer labels finds no more)
        free = [i for i, s in enumerate(self.slots) if not s.found or s.label_only or i == pending]  # `_free`
        window = tuple([i for i in free if next_idx <= i < next_idx + LOOKAHEAD])
        m = self.rows.match(text, window)
        if m is None:
            m = self.rows.match(text, tuple(free))
        if m is None:
            return self._reclaim(text, pending)
        return m.index, m.official

    def _known(self, text: str) -> bool:
        return any(
            labels.match(text, fuzzy=False) is not None
            for labels in (self.rows, self.groups, self.captions, self.headers, self.columns)
        )

    def _labels_apart(self, tokens: list[Token]) -> list[Token]:
        """A label token holding several template labels one space apart (`（三）不予公开 1.属于国家秘密`,
        a group label and its first row written on one line) as one token per label; other tokens as
        they are. Split only when the whole is no label and every part is one (exact wording)."""
        if not any(t.kind == "label" and " " in t.text.strip() for t in tokens):
            return tokens
        out: list[Token] = []
        for tok in tokens:
            parts = tok.text.split() if tok.kind == "label" else []
            if len(parts) < 2 or self.rows.match(tok.text, fuzzy=False) is not None or not all(map(self._known, parts)):
                out.append(tok)
                continue
            pos = 0
            for part in parts:
                pos = tok.text.index(part, pos)
                col = None if tok.loc.column is None else tok.loc.column + pos
                out.append(Token(part, replace(tok.loc, column=col), "label", tok.exact))
                pos += len(part)
        return out

    def _join_wrapped(self, lines: list[Line]) -> list[Line]:
        """Row labels wrapped over several lines around their numbers (a PDF table drawn without rules:
        `5.要求行政机关确认或重新出具已获` / `0 7 0 0 6 0 13` / `取信息`), joined into one label token when
        the pieces together are a row label in its exact wording and numbers lie among them. The joined
        label goes where a piece shares its line with numbers (those numbers are the row's), else where
        the first piece was."""
        pieces = [
            (i, j)
            for i, line in enumerate(lines)
            for j, tok in enumerate(line.tokens)
            if tok.kind == "label" and not self._known(tok.text)
        ]
        if len(pieces) < 2:
            return lines
        tokens: list[list[Token | None]] = [list(line.tokens) for line in lines]
        used: set[tuple[int, int]] = set()
        for n, (i, j) in enumerate(pieces):
            if (i, j) in used:
                continue
            text = lines[i].tokens[j].text
            chain = [(i, j)]
            for i2, j2 in pieces[n + 1 : n + 3]:
                if i2 - chain[-1][0] > 2 or (i2, j2) in used:
                    break
                text += lines[i2].tokens[j2].text
                chain.append((i2, j2))
                if self.rows.match(text, fuzzy=False) is None:
                    continue
                if not any(t.kind == "value" for k in range(i, i2 + 1) for t in lines[k].tokens):
                    break  # label lines with no numbers among them: a label on two lines, read as it is
                home = next((p for p in chain if any(t.kind == "value" for t in lines[p[0]].tokens)), chain[0])
                first = lines[i].tokens[j]
                for li, tj in chain:
                    tokens[li][tj] = None
                tokens[home[0]][home[1]] = Token(text, first.loc, "label", first.exact)
                used.update(chain)
                break
        if not used:
            return lines
        touched = {li for li, _tj in used}
        return [
            replace(line, tokens=[t for t in toks if t is not None]) if k in touched else line
            for k, (line, toks) in enumerate(zip(lines, tokens, strict=True))
        ]

    def _reclaim(self, text: str, current: int | None) -> tuple[int, bool] | None:
        """A label whose row was taken by an unlabelled row, placed there by position only: the label is the
        better witness. The unlabelled row moves to the nearest free row before it that the identities treat
        alike (same tags, e.g. both outcomes: every total stays as it was), so that its guess and this label
        do not contradict each other; None when there is no such row (the label is then outside the template)."""
        taken = tuple(i for i, s in enumerate(self.slots) if s.found and s.unlabelled and i != current)
        m = self.rows.match(text, taken, fuzzy=False) if taken else None
        if m is None:
            return None
        k = m.index
        moved = self.slots[k]
        free = [
            j
            for j in range(k)
            if not self.slots[j].found
            and self.slots[j].spec.tags == moved.spec.tags
            and len(self.slots[j].columns) == len(moved.columns)
        ]
        if not free:
            return None
        target = self.slots[free[-1]]
        target.found, target.unlabelled, target.loc = True, True, moved.loc
        target.values, target.blank, target.unsplittable, target.candidates, target.no_reading = (
            moved.values,
            moved.blank,
            moved.unsplittable,
            moved.candidates,
            moved.no_reading,
        )
        target.pinned = moved.pinned
        moved.found, moved.unlabelled, moved.values, moved.blank = False, False, [], False
        moved.unsplittable, moved.candidates, moved.via_group, moved.loc = None, [], None, None
        moved.no_reading, moved.pinned = "", []
        return k, m.official

    def align(self, lines: list[Line]) -> TableResult:
        result = TableResult(self.spec, self.slots)
        lines = self._join_wrapped(lines)
        next_idx = 0
        cur: int | None = None
        cur_vals: list[Token] = []
        extra: Token | None = None  # an unknown label that may start a row outside the template
        extra_vals: list[Token] = []
        group: str | None = None  # the group whose label was seen last, before any row of it

        def close() -> None:
            nonlocal cur, cur_vals, extra, extra_vals
            if cur is not None and not cur_vals:
                self.slots[cur].label_only = True
            elif cur is not None:
                self.slots[cur].label_only = False
                self._fill(self.slots[cur], cur_vals, self.identities)
            elif extra is not None and any(t.kind == "value" for t in extra_vals):
                result.extra_rows.append(ExtraRow(extra, list(extra_vals)))
            cur, cur_vals, extra, extra_vals = None, [], None, []

        for line in lines:
            matched_here = False
            held: list[Token] = []  # empties of a header-like line: kept only if a value follows on the line
            for tok in self._labels_apart(line.tokens):
                if tok.kind == "label":
                    hit = self._match_row(tok.text, next_idx, cur if not cur_vals else None)
                    if hit is not None:
                        idx, official = hit
                        slot = self.slots[idx]
                        seen_official = slot.found and slot.label_official and (slot.label_only or idx == cur)
                        close()
                        if seen_official:
                            official = True  # its official heading was seen first
                        slot.found, slot.label, slot.label_official, slot.loc = True, tok, official, tok.loc
                        if result.loc is None:
                            result.loc = tok.loc
                        cur = idx
                        next_idx = max(next_idx, idx + 1)
                        result.started = True
                        matched_here = True
                        group = None
                        held = []
                        continue
                    g = self.groups.match(tok.text)
                    if g is not None or self.captions.match(tok.text) is not None:
                        close()
                        group = self.groups.labels[g.index].key if g is not None else None
                        continue
                    if self.headers.match(tok.text, fuzzy=False) is not None:
                        continue
                    col = self.columns.match(tok.text)
                    if col is not None:
                        if not col.official:
                            wording = self.columns.labels[col.index].label
                            result.header_deviations.append(HeaderDeviation(tok, wording))
                        continue
                    if cur is not None and line.multi and any(t.kind == "value" for t in cur_vals):
                        cur_vals.append(Token(tok.text, tok.loc, "value", tok.exact))  # text in a number cell
                        continue
                    if result.started and line.multi and (cur is None or cur_vals):
                        close()
                        extra = tok
                    continue
                # a value or an empty cell
                if tok.kind == "empty" and line.multi and not matched_here and not cur_vals and not extra_vals:
                    held.append(tok)
                    continue
                if tok.kind == "value" and held:
                    if cur is not None:
                        cur_vals.extend(held)
                    held = []
                if cur is None and extra is None:
                    if tok.kind == "empty" or not result.started or next_idx >= len(self.slots):
                        continue
                    cur = next_idx
                    slot = self.slots[cur]
                    slot.found, slot.unlabelled, slot.loc = True, True, tok.loc
                    if group is not None and slot.spec.group == group:
                        slot.via_group = group
                    next_idx += 1
                if cur is not None:
                    cur_vals.append(tok)
                else:
                    extra_vals.append(tok)
            if line.multi and (cur_vals or extra_vals):
                close()
        close()
        for slot in self.slots:
            if slot.label_only:
                self._fill(slot, [], self.identities)
        self._subtotals(result)
        return result

    def resolve_across_rows(self, column_identities: list[RowIdentity]) -> None:
        """Rows whose digit runs allow several splits, decided together by the column identities
        (`column_identities` name rows) that hold in a column over their cells and fully known ones.
        The rows fall into groups tied by such identities; in each, the combinations of their splits
        are searched with every identity tested as soon as its rows are chosen: exactly one
        combination → taken; none → every row of the group is wrong as published under every reading
        (SUM006); several, or the node budget spent → the rows stay unread.

        A row read only because one split satisfies its own identities (`pinned`) counts as known; when
        a group tied through it has no combination, that reading is in question: the group is searched
        again with every reading of such rows (their own identities aside). Exactly one combination →
        taken (the row's own identity then fails, naming its cells); else none of the rows is read, and
        each of them, the pinned ones included, is named by SUM006 (no reading satisfies every identity:
        the pinned rows' other readings break their own)."""
        open_slots = [s for s in self.slots if s.unsplittable is not None and s.candidates]
        if not open_slots or not column_identities:
            return
        decided = self._decide(open_slots, column_identities, set())
        failed: list[list[RowSlot]] = []  # a group with no combination, with the pinned rows tied to it
        reopen: list[RowSlot] = []
        for rows, tied, found in decided:
            pinned = [s for s in tied if s.pinned]
            if found == [] and pinned:
                reopen += [s for s in pinned if not any(s is r for r in reopen)]
                failed.append([*rows, *pinned])
            else:
                self._apply(rows, found)
        if not reopen:
            return
        readings = {s.spec.key: all_readings(s.pinned, s.columns) for s in reopen}
        searchable = [s for s in reopen if readings[s.spec.key] is not None]
        taken: set[str] = set()
        if searchable:
            saved = {s.spec.key: s.candidates for s in searchable}
            for s in searchable:
                s.candidates = readings[s.spec.key] or []
            still_open = [s for s in self.slots if s.unsplittable is not None and s.candidates]
            try:
                again = self._decide(
                    sorted([*still_open, *searchable], key=lambda s: len(s.candidates)),
                    column_identities,
                    {s.spec.key for s in searchable},
                )
            finally:
                for s in searchable:
                    s.candidates = saved[s.spec.key]
            in_question = {s.spec.key for group in failed for s in group}
            for rows, _tied, found in again:
                if found is not None and len(found) == 1 and any(s.spec.key in in_question for s in rows):
                    self._apply(rows, found)
                    taken |= {s.spec.key for s in rows}
        named: list[list[RowSlot]] = []  # the groups left in question, merged where they share a row
        for group in failed:
            if any(s.spec.key in taken for s in group):
                continue
            for slot in group:
                if slot.unsplittable is None:
                    slot.unsplittable, slot.values = " ".join(t.text for t in slot.pinned), slot.pinned
                slot.candidates, slot.no_reading = [], "table"
            joined = [g for g in named if any(s is t for s in group for t in g)]
            merged = [s for g in joined for s in g] + group
            named = [g for g in named if not any(g is j for j in joined)] + [merged]
        for group in named:
            _together(group)

    @staticmethod
    def _apply(rows: list[RowSlot], found: list[dict[str, list[Token]]] | None) -> None:
        if found is None:
            return
        if not found:
            for slot in rows:
                slot.no_reading = "table"
            _together(rows)
        elif len(found) == 1:
            for slot in rows:
                slot.values, slot.unsplittable, slot.candidates, slot.pinned = found[0][slot.spec.key], None, [], []

    def _decide(
        self, open_slots: list[RowSlot], column_identities: list[RowIdentity], reopened: set[str]
    ) -> list[tuple[list[RowSlot], list[RowSlot], list[dict[str, list[Token]]] | None]]:
        """Per group of open rows tied by column identities: (its rows, the other rows its identities
        name, the combinations `_combinations` finds). `reopened`: pinned rows searched as open."""
        by_key = {s.spec.key: s for s in self.slots}
        order = {s.spec.key: i for i, s in enumerate(open_slots)}
        width = len(self.spec.columns)

        cache: dict[tuple[str, int], float | None] = {}

        def known(slot: RowSlot, col: int) -> float | None:
            key = (slot.spec.key, col)
            if key not in cache:
                cache[key] = value_of(slot, col)
            return cache[key]

        def value_of(slot: RowSlot, col: int) -> float | None:
            if slot.unsplittable is not None or slot.spec.key in reopened:
                return None
            if not slot.found or len(slot.values) != width:
                return None
            v = parse_value(slot.values[col].text).value
            return None if v is None else float(v)

        # (lhs rows, rhs rows, column) of each identity that bears on an open row and can be tested
        instances: list[tuple[list[str], list[str], int]] = []
        for lhs, rhs in column_identities:
            if not all(r in by_key for r in lhs + rhs) or not any(r in order for r in lhs + rhs):
                continue
            for col in range(width):
                if all(r in order or known(by_key[r], col) is not None for r in lhs + rhs):
                    instances.append((lhs, rhs, col))
        groups = list(range(len(open_slots)))  # union-find over the open rows an identity ties

        def root(i: int) -> int:
            while groups[i] != i:
                i = groups[i]
            return i

        for lhs, rhs, _col in instances:
            tied = [order[r] for r in lhs + rhs if r in order]
            for i in tied[1:]:
                groups[root(i)] = root(tied[0])
        out: list[tuple[list[RowSlot], list[RowSlot], list[dict[str, list[Token]]] | None]] = []
        for g in sorted({root(order[r]) for lhs, rhs, _c in instances for r in lhs + rhs if r in order}):
            rows = [s for i, s in enumerate(open_slots) if root(i) == g]
            mine = [inst for inst in instances if any(r in order and root(order[r]) == g for r in inst[0] + inst[1])]
            others = list({r: by_key[r] for inst in mine for r in inst[0] + inst[1] if r not in order}.values())
            out.append((rows, others, _combinations(rows, mine, by_key, known, bool(reopened))))
        return out

    def _subtotals(self, result: TableResult) -> None:
        """A group label carrying values with none of its items after it is the group's one-row subtotal
        (e.g. a 2021 table keeping the 2019 single row （六）其他处理), not its first item."""
        for slot in self.slots:
            if slot.via_group is None:
                continue
            siblings = [s for s in self.slots if s.spec.group == slot.via_group and s is not slot]
            if siblings and not any(s.found for s in siblings):
                result.subtotals[slot.via_group] = replace(slot)
                slot.found, slot.unlabelled, slot.values, slot.blank, slot.via_group = False, False, [], False, None

    @staticmethod
    def _fill(slot: RowSlot, values: list[Token], identities: list[RowIdentity]) -> None:
        expected = len(slot.columns)
        vals = _trim(values, expected)
        if not any(t.kind == "value" for t in vals):
            slot.blank = True
            slot.values = [t for t in values if t.kind == "empty"][:expected]
            return
        resolved, slot.candidates, impossible = resolve_runs(vals, slot.columns, identities)
        slot.no_reading = "row" if impossible else ""
        slot.pinned = (
            vals if resolved is not None and resolved is not vals and _one_digit_each(vals, expected) is None else []
        )
        if resolved is None:
            slot.unsplittable = " ".join(t.text for t in vals)
        slot.values = resolved if resolved is not None else vals


def _together(rows: list[RowSlot]) -> None:
    """Mark rows whose runs fit no reading together: each names them all, in the table's order."""
    keys = tuple(dict.fromkeys(s.spec.key for s in rows))
    for slot in rows:
        slot.together = keys


ACROSS_BUDGET = 200_000  # combinations tried, in all, before rows tied by column identities stay unread
# the same when pinned rows are searched with every reading: spent, the rows are named (SUM006), not read
REOPEN_BUDGET = 2_000


def _combinations(
    rows: list[RowSlot],
    instances: list[tuple[list[str], list[str], int]],
    by_key: dict[str, RowSlot],
    known: Callable[[RowSlot, int], float | None],
    narrow: bool = False,
) -> list[dict[str, list[Token]]] | None:
    """The combinations of the rows' splits under which every identity instance holds: [] (none), one,
    or None when there are several or the budget is spent. Depth-first over the rows, each instance
    tested once its last open row is chosen. `narrow`: first drop each row's splits that fail an
    instance whose other rows are all known (the search of a pinned row's every reading)."""
    keys = [s.spec.key for s in rows]
    position = {k: i for i, k in enumerate(keys)}
    checks: list[list[tuple[list[str], list[str], int]]] = [[] for _ in rows]
    alone: list[list[tuple[list[str], list[str], int]]] = [[] for _ in rows]
    for inst in instances:
        at = {position[r] for r in inst[0] + inst[1] if r in position}
        checks[max(at)].append(inst)
        if narrow and len(at) == 1:
            alone[max(at)].append(inst)
    chosen: dict[str, list[Token]] = {}
    numbers: dict[str, list[float]] = {}  # the chosen splits' values
    found: list[dict[str, list[Token]]] = []
    nodes = 0
    budget = REOPEN_BUDGET if narrow else ACROSS_BUDGET

    def value(tok: Token) -> float:
        v = parse_value(tok.text).value
        return math.nan if v is None else float(v)

    def term(row: str, col: int) -> float:
        values = numbers.get(row)
        if values is None:
            fixed = known(by_key[row], col)  # an instance is kept only when its fixed cells are known
            return math.nan if fixed is None else fixed
        return values[col]

    def holds(inst: tuple[list[str], list[str], int]) -> bool:
        lhs, rhs, col = inst
        return abs(sum(term(r, col) for r in lhs) - sum(term(r, col) for r in rhs)) <= 1e-9

    def search(i: int) -> bool:
        """False when the search must stop (several found, or the budget spent)."""
        nonlocal nodes
        if i == len(rows):
            found.append(dict(chosen))
            return len(found) < 2
        for candidate, values in options[i]:
            nodes += 1
            if nodes > budget:
                return False
            chosen[keys[i]], numbers[keys[i]] = candidate, values
            if all(holds(inst) for inst in checks[i]) and not search(i + 1):
                return False
        chosen.pop(keys[i], None)
        numbers.pop(keys[i], None)
        return True

    options = [[(c, [value(t) for t in c]) for c in s.candidates] for s in rows]
    for i, key in enumerate(keys):
        if alone[i]:
            kept = []
            for candidate, values in options[i]:
                numbers[key] = values
                if all(holds(inst) for inst in alone[i]):
                    kept.append((candidate, values))
            numbers.pop(key, None)
            options[i] = kept
    return found if search(0) else None


@dataclass(slots=True)
class FlatResult:
    spec: TableSpec
    values: list[Token]
    started: bool
    loc: Location | None
    header_deviations: list[HeaderDeviation]
    unsplittable: str | None = None
    no_reading: bool = False  # no split of the run satisfies the identities: wrong as published

    @property
    def expected(self) -> int:
        return len(self.spec.rows) * len(self.spec.columns)

    @property
    def blank(self) -> bool:
        return self.started and not any(t.kind == "value" for t in self.values)


def align_flat(spec: TableSpec, lines: list[Line], identities: list[RowIdentity] | None = None) -> FlatResult:
    """Table 3: header labels, then one row of 15 values (possibly split over several lines/tables)."""
    headers = label_set_for(
        spec, "flat headers", lambda: [Label(key=h, label=h) for h in spec.header_labels] + list(spec.columns)
    )
    values: list[Token] = []
    started = False
    loc: Location | None = None
    deviations: list[HeaderDeviation] = []
    for line in lines:
        line_vals: list[Token] = []
        for tok in line.tokens:
            if tok.kind == "label":
                m = headers.match(tok.text)
                if m is not None:
                    started = True
                    if loc is None:
                        loc = tok.loc
                    if not m.official and m.index >= len(spec.header_labels):
                        deviations.append(HeaderDeviation(tok, headers.labels[m.index].label))
                continue
            if started:
                line_vals.append(tok)
        if line.multi:
            line_vals = _trim(line_vals, len(line_vals) if any(t.exact for t in line_vals) else 0)
        values.extend(line_vals)
    expected = len(spec.rows) * len(spec.columns)
    values = _trim(values, expected)
    unsplittable = None
    no_reading = False
    if any(t.run for t in values) and len(values) != expected:
        columns = [c for _r in spec.rows for c in spec.columns]
        width = len(spec.columns)
        flat_ids = [
            ([f"{r}:{k}" for k in lhs], [f"{r}:{k}" for k in rhs])
            for r in range(len(spec.rows))
            for lhs, rhs in identities or []
        ]
        keyed = [c.model_copy(update={"key": f"{i // width}:{c.key}"}) for i, c in enumerate(columns)]
        resolved, _candidates, no_reading = resolve_runs(values, keyed, flat_ids)
        if resolved is None:
            unsplittable = " ".join(t.text for t in values)
        else:
            values = resolved
    return FlatResult(spec, values, started, loc, deviations, unsplittable, no_reading)
