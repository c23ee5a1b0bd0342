"""Former home of the STR and TPL rules (now gaicheck/checks/str/ and gaicheck/checks/tpl/); kept so
that the old import path of `effective_template` (now gaicheck.checks.common.template) works."""

from __future__ import annotations

from gaicheck.checks.common.template import effective_template

__all__ = ["effective_template"]
