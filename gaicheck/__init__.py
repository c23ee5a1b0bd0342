"""gaicheck — a consistency-audit linter for Chinese government information-disclosure annual reports.

Data flow: file → reader → Document → extractor → Report → rule engine → Findings → reporter.
Public API: `check_path`, `parse_path` (imported lazily so `gaicheck --version` stays fast).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from gaicheck.api import check_path, parse_path

__all__ = ["__version__", "check_path", "parse_path"]


def __getattr__(name: str) -> Any:
    if name in ("check_path", "parse_path", "check_file"):
        from gaicheck import api

        return getattr(api, name)
    raise AttributeError(name)
