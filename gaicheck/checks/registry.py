"""The registry: one table mapping every rule code to the function that emits it, and where it lives.

rules/catalogue/*.toml (the codes) + **registry** → checks/run.py (the report rules, in this order) and
gaicheck/series/crossfile.py (the cross-year rules); `gaicheck explain CODE` and `gaicheck rules --format md`
say where each rule lives from here.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gaicheck.checks.context import RuleContext
from gaicheck.checks.meta import meta001_period_year_mismatch as meta001
from gaicheck.checks.meta import meta002_opening_year_mismatch as meta002
from gaicheck.checks.meta import meta003_published_late as meta003
from gaicheck.checks.meta import meta004_published_too_early as meta004
from gaicheck.checks.meta import meta005_cited_format_mismatch as meta005
from gaicheck.checks.meta import meta006_missing_fee_statement as meta006
from gaicheck.checks.meta import meta007_overview_too_long as meta007
from gaicheck.checks.meta import meta008_problems_section_empty as meta008
from gaicheck.checks.meta import meta009_other_section_empty as meta009
from gaicheck.checks.str import str001_missing_section as str001
from gaicheck.checks.str import str002_missing_table as str002
from gaicheck.checks.str import str003_missing_row as str003
from gaicheck.checks.str import str004_row_too_short as str004
from gaicheck.checks.str import str005_row_too_long as str005
from gaicheck.checks.str import str006_blank_cells as str006
from gaicheck.checks.str import str007_row_label_missing as str007
from gaicheck.checks.str import str008_extra_row as str008
from gaicheck.checks.str import str009_no_text as str009
from gaicheck.checks.str import str010_unreadable_cells as str010
from gaicheck.checks.str import str011_group_total_instead_of_items as str011
from gaicheck.checks.str import str012_unreadable_ocr_cells as str012
from gaicheck.checks.str import str013_run_split_by_prose as str013
from gaicheck.checks.sty import sty001_regulation_name as sty001
from gaicheck.checks.sty import sty002_document_number_brackets as sty002
from gaicheck.checks.sty import sty003_unbalanced_brackets as sty003
from gaicheck.checks.sty import sty004_section_order as sty004
from gaicheck.checks.sty import sty005_section_numbering as sty005
from gaicheck.checks.sum import identities
from gaicheck.checks.sum import sum006_inconsistent_run as sum006
from gaicheck.checks.sum import sum007_inconsistent_runs as sum007
from gaicheck.checks.tpl import tpl001_template_year_mismatch as tpl001
from gaicheck.checks.tpl import tpl002_mixed_template as tpl002
from gaicheck.checks.tpl import tpl003_legacy_template as tpl003
from gaicheck.checks.tpl import tpl004_not_a_report as tpl004
from gaicheck.checks.tpl import tpl005_label_deviation as tpl005
from gaicheck.checks.tpl import tpl006_year_unknown as tpl006
from gaicheck.checks.txt import txt001_prose_no_applications_contradicted as txt001
from gaicheck.checks.txt import txt002_prose_no_review_contradicted as txt002
from gaicheck.checks.txt import txt003_prose_count_mismatch as txt003
from gaicheck.checks.txt import txt004_prose_sum_mismatch as txt004
from gaicheck.checks.txt import txt005_prose_all_upheld_contradicted as txt005
from gaicheck.checks.val import val001_negative_count as val001
from gaicheck.checks.val import val002_non_integer_count as val002
from gaicheck.checks.val import val003_not_a_number as val003
from gaicheck.checks.val import val004_fee_amount_in_yuan as val004
from gaicheck.checks.val import val005_fee_amount_decimals as val005
from gaicheck.checks.val import val006_new_published_above_total as val006
from gaicheck.checks.val import val007_item_count_below_zero as val007

ReportCheck = Callable[[RuleContext], None]

# code → the rule run over each report (one function may emit several codes of its family)
REPORT_RULES: dict[str, ReportCheck] = {
    "STR001": str001.check,
    "STR002": str002.check,
    "STR003": str003.check,
    "STR004": str004.check,
    "STR005": str005.check,
    "STR006": str006.check,
    "STR007": str007.check,
    "STR008": str008.check,
    "STR009": str009.check,
    "STR010": str010.check,
    "STR011": str011.check,
    "STR012": str012.check,
    "STR013": str013.check,
    "TPL001": tpl001.check,
    "TPL002": tpl002.check,
    "TPL003": tpl003.check,
    "TPL004": tpl004.check,
    "TPL005": tpl005.check,
    "TPL006": tpl006.check,
    "SUM001": identities.check,
    "SUM002": identities.check,
    "SUM003": identities.check,
    "SUM004": identities.check,
    "SUM005": identities.check,
    "SUM006": sum006.check,
    "SUM007": sum007.check,
    "VAL001": val001.check,
    "VAL002": val002.check,
    "VAL003": val003.check,
    "VAL004": val004.check,
    "VAL005": val005.check,
    "VAL006": val006.check,
    "VAL007": val007.check,
    "META001": meta001.check,
    "META002": meta002.check,
    "META003": meta003.check,
    "META004": meta004.check,
    "META005": meta005.check,
    "META006": meta006.check,
    "META007": meta007.check,
    "META008": meta008.check,
    "META009": meta009.check,
    "STY001": sty001.check,
    "STY002": sty002.check,
    "STY003": sty003.check,
    "STY004": sty004.check,
    "STY005": sty005.check,
    "TXT001": txt001.check,
    "TXT002": txt002.check,
    "TXT003": txt003.check,
    "TXT004": txt004.check,
    "TXT005": txt005.check,
}

# code → the cross-year rule, as "module:function" (run by gaicheck/series/crossfile.py over the pairs of a
# series, which imports them; named here, not imported, so that checking one file imports no series code)
CROSS_YEAR_RULES: dict[str, str] = {
    "YOY001": "gaicheck.checks.yoy.yoy001_carry_over_mismatch:carry_over",
    "YOY002": "gaicheck.checks.yoy.yoy002_in_force_stock_flow:in_force_2021",
    "YOY003": "gaicheck.checks.yoy.yoy003_item_count_rollover:item_counts_2019",
    "YOY004": "gaicheck.checks.yoy.yoy004_published_total_rollover:published_total_2019",
    "YOY005": "gaicheck.checks.yoy.yoy005_template_regression:template_regression",
    "YOY006": "gaicheck.checks.yoy.yoy006_copied_prose:copied_prose",
    "YOY007": "gaicheck.checks.yoy.yoy007_copied_report:copied_report",
    "YOY008": "gaicheck.checks.yoy.yoy008_series_gap:series_gap",
    "YOY009": "gaicheck.checks.yoy.yoy009_cross_year_unverifiable:emit_unverifiable",
    "YOY010": "gaicheck.checks.yoy.yoy010_aggregate_difference:aggregate_findings",
}

CODES: tuple[str, ...] = (*REPORT_RULES, *CROSS_YEAR_RULES)  # every code with a rule


def report_checks() -> list[tuple[tuple[str, ...], ReportCheck]]:
    """Each report rule once, with the codes it emits, in the order of REPORT_RULES."""
    codes: dict[ReportCheck, list[str]] = {}
    for code, func in REPORT_RULES.items():
        codes.setdefault(func, []).append(code)
    return [(tuple(found), func) for func, found in codes.items()]


def rule(code: str) -> Callable[..., Any] | None:
    """The function that emits `code` (a cross-year rule's module is imported on demand)."""
    if code in REPORT_RULES:
        return REPORT_RULES[code]
    if code not in CROSS_YEAR_RULES:
        return None
    module, _, name = CROSS_YEAR_RULES[code].partition(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return found


def module_of(code: str) -> str | None:
    """The dotted name of the module where the rule of `code` lives (None for an unknown code)."""
    if code in REPORT_RULES:
        return REPORT_RULES[code].__module__
    if code in CROSS_YEAR_RULES:
        return CROSS_YEAR_RULES[code].partition(":")[0]
    return None


def where(code: str) -> str | None:
    """The source file of the rule of `code`, relative to the project (e.g. gaicheck/checks/sum/identities.py)."""
    module = module_of(code)
    if module is None:
        return None
    package = Path(sys.modules["gaicheck"].__file__ or "").parent
    return Path(package.name, *module.split(".")[1:]).with_suffix(".py").as_posix()
