"""Observations: what the extractor noticed about a document's structure, as typed facts (no text is
formatted here: the rules word their findings from these facts).

extractor → **Observation** (one dataclass per ObservationKind, with where it was seen) → Report.observations
→ the STR and TPL rules (gaicheck/checks/str/, gaicheck/checks/tpl/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar, Literal

from gaicheck.model.document import Location


class ObservationKind(StrEnum):
    TABLE_MISSING = "table_missing"  # a table of the template was not found (STR002)
    ROW_MISSING = "row_missing"  # a row of a found table is absent (STR003)
    ROW_SHORT = "row_short"  # a row with fewer values than columns (STR004)
    ROW_LONG = "row_long"  # a row with more values than columns (STR005)
    ROW_UNLABELLED = "row_unlabelled"  # a row of figures without its label, placed by position (STR007)
    EXTRA_ROW = "extra_row"  # a labelled row the template does not have (STR008)
    RUN_UNSPLITTABLE = "run_unsplittable"  # a row's digits run together (STR010)
    RUN_INCONSISTENT = "run_inconsistent"  # no split of a digit run satisfies the identities (SUM006)
    GROUP_ROW = "group_row"  # a group given as one subtotal row instead of its items (STR011)
    LABEL_DEVIATION = "label_deviation"  # a row label or column header not in the official wording (TPL005)
    MIXED_TEMPLATE = "mixed_template"  # labels of both formats (TPL002)
    LEGACY_TEMPLATE = "legacy_template"  # the pre-2019 statistics table (TPL003)


@dataclass(slots=True, kw_only=True)
class Observed:
    """Where an observation was made (the source position, as in Position)."""

    line: int | None = None
    column: int | None = None
    page: int | None = None
    where: Location | None = None  # rendered by gaicheck.i18n.location


@dataclass(slots=True, kw_only=True)
class TableMissing(Observed):
    """Where it points: the picture or the attachment link standing in the table's place, else the
    section heading (or the title) when known."""

    kind: ClassVar[ObservationKind] = ObservationKind.TABLE_MISSING
    table: str
    table_no: int
    title: str  # the table's official title
    # what stands in its place: a picture (in `section`, named `picture`, or a PDF page `picture_page`
    # without text), a linked attachment (`attachment` text, `href` target), or nothing
    reason: Literal["picture", "attachment", "none"] = "none"
    section: str | None = None
    picture: str | None = None
    picture_page: int | None = None
    attachment: str | None = None
    href: str | None = None


@dataclass(slots=True, kw_only=True)
class RowObserved(Observed):
    """An observation about one template row of a table (its cells, which are left unassigned)."""

    table: str
    row: str  # the row key ("" for a table printed as one row)
    table_no: int
    row_label: str  # the official label
    cells: list[str]  # keys of the row's cells


@dataclass(slots=True, kw_only=True)
class RowMissing(RowObserved):
    kind: ClassVar[ObservationKind] = ObservationKind.ROW_MISSING


@dataclass(slots=True, kw_only=True)
class RowUnlabelled(RowObserved):
    kind: ClassVar[ObservationKind] = ObservationKind.ROW_UNLABELLED


@dataclass(slots=True, kw_only=True)
class RowCount(RowObserved):
    """A row whose number of values differs from its number of columns."""

    found: int  # values found
    expected: int  # columns
    values: tuple[str, ...]  # the values' text as found ("" for a blank)


@dataclass(slots=True, kw_only=True)
class RowShort(RowCount):
    kind: ClassVar[ObservationKind] = ObservationKind.ROW_SHORT


@dataclass(slots=True, kw_only=True)
class RowLong(RowCount):
    kind: ClassVar[ObservationKind] = ObservationKind.ROW_LONG


@dataclass(slots=True, kw_only=True)
class RunUnsplittable(RowObserved):
    kind: ClassVar[ObservationKind] = ObservationKind.RUN_UNSPLITTABLE
    raw: str  # the digits as found
    expected: int  # cells they should fill
    readings: list[list[str]] = field(default_factory=list)  # the splits it allows (one text per cell), if few
    chosen: list[str] = field(default_factory=list)  # the one split the prose's figures allow (prose/witness.py)
    witness: list[str] = field(default_factory=list)  # the prose that chose it, quoted


@dataclass(slots=True, kw_only=True)
class RunInconsistent(RowObserved):
    """A digit run that no split makes satisfy its identities: the published row is wrong under every reading."""

    kind: ClassVar[ObservationKind] = ObservationKind.RUN_INCONSISTENT
    raw: str  # the digits as found
    expected: int  # cells they should fill
    scope: str  # "row": the row's own identities; "table": those across the table's rows
    together: tuple[str, ...] = ()  # scope "table": the rows (keys) whose runs together fit no reading


@dataclass(slots=True, kw_only=True)
class ExtraRow(Observed):
    kind: ClassVar[ObservationKind] = ObservationKind.EXTRA_ROW
    table: str
    table_no: int
    label: str  # the row's label as found


@dataclass(slots=True, kw_only=True)
class GroupRow(Observed):
    kind: ClassVar[ObservationKind] = ObservationKind.GROUP_ROW
    table: str
    row: str  # the group key
    table_no: int
    group: str  # the group's label
    items: tuple[str, ...]  # the labels of the group's item rows
    cells: list[str]  # keys of the item rows' cells


@dataclass(slots=True, kw_only=True)
class LabelDeviation(Observed):
    kind: ClassVar[ObservationKind] = ObservationKind.LABEL_DEVIATION
    table: str
    table_no: int
    part: Literal["row", "column"]  # a row label or a column header
    row: str | None  # the row key (a row label), None for a column header
    found: str
    official: str


@dataclass(slots=True, kw_only=True)
class MixedTemplate(Observed):
    kind: ClassVar[ObservationKind] = ObservationKind.MIXED_TEMPLATE
    chosen: str  # the version the report is read as (by majority)
    labels: dict[str, tuple[str, ...]]  # version → the labels found that only that version has


@dataclass(slots=True, kw_only=True)
class LegacyTemplate(Observed):
    kind: ClassVar[ObservationKind] = ObservationKind.LEGACY_TEMPLATE
    signal: str  # a label of the pre-2019 table found


Observation = (
    TableMissing
    | RowMissing
    | RowUnlabelled
    | RowShort
    | RowLong
    | RunUnsplittable
    | RunInconsistent
    | ExtraRow
    | GroupRow
    | LabelDeviation
    | MixedTemplate
    | LegacyTemplate
)
