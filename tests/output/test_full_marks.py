"""`--format full` marks the culprit search's answer (gaicheck/output/full.py): the suggested cell with its
proposed value, distinct from the cells merely involved in the broken identity, under a legend in the words
of the clerk's legend (gaicheck/output/clerk.py)."""

from __future__ import annotations

import re
from pathlib import Path

from gaicheck.api import check_report, parse_path, result_for
from gaicheck.checks.options import Options
from gaicheck.model.finding import FileResult
from gaicheck.output import full
from tests.pinpoint.measure import with_values

ROOT = Path(__file__).resolve().parents[2]
WRONG = "examples/2023_example_wrong_totals.txt"
CLEAN = "examples/2023_example_clean.txt"


def _render(path: str, select: str, lang: str = "zh", color: bool = False) -> str:
    report = parse_path(str(ROOT / path))
    report.path = path
    return full.render([(result_for(report, Options(select=[select], lang=lang)), report)], lang, color=color)


def test_unique_suggestion_marked_with_its_value() -> None:
    first = _render(WRONG, "SUM001").split("\n\n")[0]
    assert first.splitlines()[1:] == [
        "       表2 收到和处理政府信息公开申请情况",
        "┌──────────────────────────────────┬───────────┐",
        "│                                  │    自然人 │",
        "├──────────────────────────────────┼───────────┤",
        "│ 一、本年新收政府信息公开申请数量 │      [52] │",
        "│ 二、上年结转政府信息公开申请数量 │       [3] │",
        "│ （七）总计                       │ [49 → 48] │",
        "│ 四、结转下年度继续办理           │       [7] │",
        "└──────────────────────────────────┴───────────┘",
        "  应为 55，实为 56",
        "  图例：[n → m] 最可能出错（→ 建议值）；[n] 所在勾稽关系不成立",
    ]


def test_candidates_marked_and_said_so_in_english() -> None:
    out = _render(WRONG, "SUM004", lang="en")
    assert out.splitlines()[1:] == [
        "                  Table 3: Administrative reconsideration and litigation",
        "┌────────────────────────────────┬─────────┬───────────┬──────────────┬─────────┬─────────┐",
        "│                                │  upheld │ corrected │ other result │ pending │   total │",
        "├────────────────────────────────┼─────────┼───────────┼──────────────┼─────────┼─────────┤",
        "│ Administrative reconsideration │ [2 → 3] │   [1 → 2] │      [0 → 1] │ [1 → 2] │ [5 → 4] │",
        "└────────────────────────────────┴─────────┴───────────┴──────────────┴─────────┴─────────┘",
        "  expected 4, found 5",
        "  Legend: [n → m] one of the possible culprits (→ value); [n] in an identity that fails",
        "",
        "1 file(s) checked: 1 error(s), 0 warning(s), 0 info",
    ]


def test_colours_follow_the_clerk_legend() -> None:
    """Suggested: white on red; a candidate: red; an involved cell: bold only, never painted wrong."""
    unique = _render(WRONG, "SUM001", color=True).split("\n\n")[0]
    assert re.findall(r"\x1b\[([0-9;]+)m(\s*\[[^\]]+\])\x1b\[0m", unique) == [
        ("1", "     [52]"), ("1", "      [3]"), ("1;37;41", "[49 → 48]"), ("1", "      [7]"),
    ]
    candidates = _render(WRONG, "SUM004", color=True)
    assert [m.strip() for m in re.findall(r"\x1b\[1;31m(\s*\[[^\]]+\])\x1b\[0m", candidates)] == [
        "[2 → 3]", "[1 → 2]", "[0 → 1]", "[1 → 2]", "[5 → 4]",
    ]


def test_no_suggestion_keeps_every_cell_bracketed_as_wrong() -> None:
    """Classification none (no one- or two-cell change explains it): no value proposed, no legend, the
    cells painted as before."""
    report = parse_path(str(ROOT / CLEAN))
    cells = report.cell_map()
    changes = {k: int(v) + d for k, d in (("apply.granted.natural", 3), ("apply.partial.research", 1),
                                          ("apply.new.legal", 2)) if isinstance(v := cells[k].value, int)}
    changed = with_values(report, changes)
    findings = [f for f in check_report(changed, Options(select=["SUM001"])) if f.code == "SUM001"]
    assert findings and all(f.classification == "none" for f in findings)
    result = FileResult(path=CLEAN, findings=findings[:1])
    out = full.render([(result, changed)], "zh", color=True)
    assert "→ " not in out.split("\n", 1)[1] and "图例" not in out
    assert re.findall(r"\x1b\[1;37;41m\s*\[(\d+)\]\x1b\[0m", out) == ["3", "0", "1", "0"]  # apply.{new,carry_forward,total,carried_over}.legal: 1+2, 0, 1, 0
