"""The rule catalogue, loaded from `rules/catalogue/*.toml`: codes, names, severities, messages.

Rule engine → **catalogue** (message templates) → Finding. Every code a rule may emit is declared
here once; a rule that emits an undeclared code is a bug caught by the tests.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Literal

from pydantic import BaseModel

from gaicheck.resources import rules_dir


class RuleSpec(BaseModel):
    code: str
    name: str
    severity: Literal["error", "warning", "info"]
    title_zh: str
    title_en: str
    message_zh: str
    message_en: str
    explanation_zh: str
    explanation_en: str
    example_bad: str = ""
    example_good: str = ""

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")


@cache
def load_catalogue() -> dict[str, RuleSpec]:
    rules: dict[str, RuleSpec] = {}
    for path in sorted((rules_dir() / "catalogue").glob("*.toml")):
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        for entry in data.get("rules", []):
            spec = RuleSpec.model_validate(entry)
            if spec.code in rules:
                raise ValueError(f"duplicate rule code {spec.code} in {path.name}")
            rules[spec.code] = spec
    return dict(sorted(rules.items()))


def get_rule(code: str) -> RuleSpec:
    return load_catalogue()[code]


def matches(code: str, selectors: list[str]) -> bool:
    """True when a code is selected by one of the selectors (a code, a prefix such as `SUM`, or `ALL`)."""
    return any(s == "ALL" or code.startswith(s) for s in selectors)
