"""Prints the detection recall (per file and in total) at the end of the test run."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.detection.test_detection import RESULTS

    if not RESULTS:
        return
    write = terminalreporter.write_line
    terminalreporter.section("detection recall")
    totals = {"change": [0, 0], "delete": [0, 0]}
    for path, run in sorted(RESULTS.items()):
        row = []
        for kind in ("change", "delete"):
            outcomes = [o for o in run.outcomes if o.kind == kind]
            hit = sum(o.detected for o in outcomes)
            totals[kind][0] += hit
            totals[kind][1] += len(outcomes)
            row.append(f"{kind} {hit}/{len(outcomes)}")
        extra = f"  (not checkable: {len(run.uncheckable)})" if run.uncheckable else ""
        write(f"{path}: {', '.join(row)}{extra}")
    for kind, (hit, total) in totals.items():
        write(f"recall {kind}: {hit}/{total} = {100 * hit / max(total, 1):.1f}%")
