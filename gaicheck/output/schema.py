"""The JSON contract as pydantic models: `gaicheck schema` prints their JSON Schema, and the tests
check that `gaicheck check --format json` (gaicheck/output/jsonout.py) validates against it.

Findings → jsonout (the document) ⟷ **schema** (its description). Keep both in step.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


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


class FileEntry(_Strict):
    path: str
    format: str | None
    template: Literal["2019", "2021", "mixed", "legacy", "none"] | None
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


class CheckDocument(_Strict):
    """The output of `gaicheck check --format json`."""

    model_config = ConfigDict(extra="forbid", title="gaicheck check --format json")

    version: str
    files: list[FileEntry]
    summary: Summary


def json_schema() -> dict[str, Any]:
    schema = CheckDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def render_schema() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
