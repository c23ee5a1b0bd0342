"""The rules, filed by their codes: Report → **checks** → Findings.

One subpackage per family of `rules/catalogue/*.toml` (str, tpl, sum, val, meta, sty, txt, yoy), one
module per code named after it (`sum/identities.py` holds SUM001–SUM005: one identity engine); the
module's docstring documents the rule. `registry.py` maps every code to its rule function, `run.py`
runs the selected ones over a report with one `RuleContext` (context.py). Helpers shared by several
families live in `common/` and `gaicheck/prose/`.
"""
