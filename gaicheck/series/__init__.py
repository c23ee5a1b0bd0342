"""Across years and organs: reports of one issuing organ are grouped into a series ordered by year
(grouping.py), and consecutive reports are compared (crossfile.py → YOY findings).

Reports (from the extractor) → **series** → Findings for each report, merged by the `check` command.
"""
