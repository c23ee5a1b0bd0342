"""Across years and organs: reports of one issuing organ are grouped into a series ordered by year
(grouping.py), and consecutive reports are compared (crossfile.py runs the rules of gaicheck/checks/yoy/
on the pairs plan.py chooses → YOY findings). This package holds the grouping, pairing and parking; the
rules themselves live in gaicheck/checks/yoy/.

Reports (from the extractor) → **series** → Findings for each report, merged by the `check` command.
"""
