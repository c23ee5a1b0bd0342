"""The prose as a second witness for table 1: Report (a run-on table-1 row the extractor could not split, with
the splits it allows) + the figures the prose states for that row (gaicheck.prose.claims, txt.toml
[data.metrics] with `table = "active"`) → the one split that agrees with every stated figure, written into
the row's cells; the observation keeps the split and the quoted prose (STR013 says so). Several or no
agreeing splits leave the row unread (STR010).

extractor → Report → **witness** → rules (pipeline/stages.py runs it after the extractor).
"""

from __future__ import annotations

from gaicheck.checks.context import RuleContext
from gaicheck.extract.values import parse_value
from gaicheck.model.observations import RunUnsplittable
from gaicheck.model.report import Report
from gaicheck.prose.claims import Claim, count_claims

TABLE = "active"


def _stated(claims: list[Claim], obs: RunUnsplittable) -> dict[int, list[Claim]]:
    """Index of the row's cell → the prose claims about that cell (only claims naming exactly this row)."""
    out: dict[int, list[Claim]] = {}
    for claim in claims:
        rows = [str(r) for r in claim.spec.get("rows", [])]
        if rows != [obs.row]:
            continue
        key = f"{TABLE}.{obs.row}.{claim.spec.get('column', 'total')}"
        if key in obs.cells:
            out.setdefault(obs.cells.index(key), []).append(claim)
    return out


def _agrees(reading: list[str], stated: dict[int, list[Claim]]) -> bool:
    for index, claims in stated.items():
        if index >= len(reading):
            return False
        value = parse_value(reading[index]).value
        if value is None or any(float(value) != float(c.stated) for c in claims):
            return False
    return True


def choose_by_prose(report: Report) -> None:
    """Split each unread run-on table-1 row whose splits the prose's figures narrow to one (in place)."""
    runs = [
        o for o in report.observations if isinstance(o, RunUnsplittable) and o.table == TABLE and len(o.readings) > 1
    ]
    if not runs:
        return
    claims = [c for c in count_claims(RuleContext(report)) if c.spec.get("table") == TABLE]
    if not claims:
        return
    cells = {c.key: c for c in report.cells}
    for obs in runs:
        stated = _stated(claims, obs)
        if not stated:
            continue
        fits = [reading for reading in obs.readings if _agrees(reading, stated)]
        if len(fits) != 1 or len(fits[0]) != len(obs.cells):
            continue
        for key, text in zip(obs.cells, fits[0], strict=True):
            cell = cells.get(key)
            if cell is None:
                continue
            parsed = parse_value(text)
            cell.raw, cell.value, cell.unit, cell.status = text, parsed.value, parsed.unit, parsed.status
        obs.chosen = list(fits[0])
        witnesses = [c for index in sorted(stated) for c in stated[index]]
        obs.witness = list(dict.fromkeys(c.paragraph.quote(c.start, c.end) for c in witnesses))
