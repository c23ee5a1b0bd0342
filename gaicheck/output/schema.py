"""The JSON contract as pydantic models: `gaicheck schema` prints their JSON Schema, and the tests
check that `gaicheck check --format json` (gaicheck/output/jsonout.py) validates against it.

Findings → jsonout (the document) ⟷ **schema** (its description). Keep both in step.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, create_model

from gaicheck.templates import NON_VERSIONS, registry


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SuggestionEntry(_Strict):
    """A change of one cell the culprit search proposes (SUM001–SUM004); never applied to the document."""

    cell: str  # the cell's key
    current: int | float
    proposed: int | float
    kind: Literal["unique", "candidate"]  # the only explanation, or one of several equally good ones
    hint: Literal["omitted_or_double", "transposition", "extra_or_missing_zero", "digit_slip"] | None
    solution: int  # suggestions with the same number are changed together (a pair)


class FindingEntry(_Strict):
    code: str
    name: str
    severity: Literal["error", "warning", "info"]
    message: str
    line: int | None
    column: int | None
    page: int | None
    where: str | None
    cells: list[str]
    expected: str | int | float | None
    actual: str | int | float | None
    # SUM001–SUM004: unique / candidates / none (no change of one or two cells explains it); else null
    classification: Literal["unique", "candidates", "none"] | None
    suggestions: list[SuggestionEntry]
    advice: str | None  # the suggestion in one sentence


class _FileEntry(_Strict):
    path: str
    format: str | None
    template: str | None  # one of the registry's versions or NON_VERSIONS: see `check_document_model`
    report_year: int | None
    organ: str | None
    findings: list[FindingEntry]
    error: str | None


class Summary(_Strict):
    files: int
    errors: int
    warnings: int
    infos: int
    unreadable: int


class _CheckDocument(_Strict):
    model_config = ConfigDict(extra="forbid", title="gaicheck check --format json")

    version: str
    files: list[_FileEntry]
    summary: Summary


def check_document_model() -> type[BaseModel]:
    """The model of the output of `gaicheck check --format json`: a file's `template` is one of the
    versions the registry found (rules/templates/*.toml, $GAICHECK_TEMPLATE_DIRS) or NON_VERSIONS."""
    return _check_document_model(registry().versions)


@cache
def _check_document_model(versions: tuple[str, ...]) -> type[BaseModel]:
    names: Any = Literal[(*versions, *NON_VERSIONS)]
    entry: Any = create_model("FileEntry", __base__=_FileEntry, template=(names | None, ...))
    document: type[BaseModel] = create_model(
        "CheckDocument",
        __base__=_CheckDocument,
        __doc__="The output of `gaicheck check --format json`.",
        files=(list[entry], ...),
    )
    return document


def json_schema() -> dict[str, Any]:
    schema = check_document_model().model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def render_schema() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
