"""Fact tables for the prose rules: the `[data]` table of a rule-catalogue file
(`rules/catalogue/<family>.toml`): deadlines, notice numbers, official names, keywords.

Catalogue data → **facts** → rule modules (gaicheck/checks/txt, meta, sty). Facts are data, not code;
`compiled` keeps their patterns compiled for the process.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

import regex

from gaicheck.resources import rules_dir


@cache
def facts(family: str) -> dict[str, Any]:
    """The `[data]` table of rules/catalogue/<family>.toml (empty when absent)."""
    path = rules_dir() / "catalogue" / f"{family}.toml"
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError:
        return {}
    table = data.get("data", {})
    return table if isinstance(table, dict) else {}


@cache
def compiled(pattern: str) -> regex.Pattern[str]:
    """A compiled pattern, kept for the process (regex's own compile cache costs more per lookup)."""
    return regex.compile(pattern)


def strings(family: str, key: str) -> list[str]:
    """A list of strings of the [data] table (a fresh copy: the caller may change it)."""
    return list(_strings(family, key))


@cache
def _strings(family: str, key: str) -> tuple[str, ...]:
    """strings(), converted once: facts() are kept for the process too."""
    value = facts(family).get(key, [])
    return tuple(str(v) for v in value) if isinstance(value, list) else ()
