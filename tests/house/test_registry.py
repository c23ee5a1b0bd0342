"""Every rule code has exactly one home: the registry maps each catalogue code to a function in a module
of its family's package, named after the code (or holding only that family's codes); `gaicheck explain`
says where it lives, and docs/rules.md is what `gaicheck rules --format md` prints."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from gaicheck.catalogue import load_catalogue
from gaicheck.checks.reference import render_markdown
from gaicheck.checks.registry import CROSS_YEAR_RULES, REPORT_RULES, RULES, module_of, report_checks, where

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ROOT / "gaicheck" / "checks"
CODE = re.compile(r'"((?:STR|TPL|SUM|VAL|TXT|META|STY|YOY)\d{3})"')


def test_every_catalogue_code_has_exactly_one_rule() -> None:
    assert sorted(RULES) == sorted(load_catalogue())
    assert not set(REPORT_RULES) & set(CROSS_YEAR_RULES)
    assert sorted(code for codes, _func in report_checks() for code in codes) == sorted(REPORT_RULES)


def test_each_rule_lives_in_its_familys_package_named_after_its_code() -> None:
    for code in RULES:
        family = load_catalogue()[code].family.lower()
        module = module_of(code)
        assert module is not None
        package, _, name = module.rpartition(".")
        assert package == f"gaicheck.checks.{family}", code
        if not name.startswith(code.lower() + "_"):
            # a module holding several codes holds only its family's (e.g. sum/identities.py)
            held = {c for c in RULES if module_of(c) == module}
            assert {load_catalogue()[c].family.lower() for c in held} == {family}, (code, module)
        assert where(code) == module.replace(".", "/") + ".py"


def test_a_module_named_after_a_code_holds_that_code_only_and_no_module_emits_another_familys_code() -> None:
    for path in sorted(CHECKS.glob("*/*.py")):
        family = path.parent.name
        emitted = set(CODE.findall(path.read_text(encoding="utf-8")))
        assert all(c.lower().startswith(family) for c in emitted), (path, emitted)
        m = re.match(r"([a-z]+\d{3})_", path.name)
        if m:
            module = f"gaicheck.checks.{family}.{path.stem}"
            assert [c for c in RULES if module_of(c) == module] == [m.group(1).upper()], path


def test_the_modules_docstring_documents_its_rule() -> None:
    for code in RULES:
        module = module_of(code)
        assert module is not None
        doc = sys.modules[module].__doc__ or ""
        assert code in doc, (code, module)


def _run(*args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "gaicheck", *args], capture_output=True, text=True, encoding="utf-8", check=True
    )
    return out.stdout


def test_explain_says_where_the_rule_lives() -> None:
    assert "代码位置: gaicheck/checks/sum/identities.py\n" in _run("explain", "SUM004")
    assert "Where it lives: gaicheck/checks/str/str004_row_too_short.py\n" in _run("explain", "str004", "--lang", "en")


def test_rules_reference_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), "docs/rules.md is stale: run `gaicheck rules --format md > docs/rules.md`"
    assert _run("rules", "--format", "md") == committed


def test_rules_reference_has_one_section_per_code() -> None:
    text = render_markdown()
    headings = re.findall(r"^### (\S+) (\S+)$", text, flags=re.MULTILINE)
    catalogue = load_catalogue()
    assert sorted(headings) == sorted((c, s.name) for c, s in catalogue.items())
    assert "- Where it lives / 代码位置: `gaicheck/checks/yoy/yoy010_aggregate_difference.py`" in text


def test_old_import_paths_still_work() -> None:
    from gaicheck.checks.emitter import Emitter
    from gaicheck.checks.options import Options
    from gaicheck.checks.run import run_rules
    from gaicheck.engine import core, structure

    assert (core.Options, core.Emitter, core.run_rules) == (Options, Emitter, run_rules)
    assert structure.effective_template.__module__ == "gaicheck.checks.common.template"
