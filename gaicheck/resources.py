"""Where the data files live: the `rules/` folder (templates and rule catalogue).

Looked up beside the package in a source checkout, or in the installed shared-data copy.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    candidates = [
        here.parent / "rules",  # source checkout / editable install
        here / "_rules",  # wheel: rules/ copied into the package
        Path(sys.prefix) / "share" / "gaicheck" / "rules",
    ]
    for candidate in candidates:
        if (candidate / "templates").is_dir():
            return candidate
    raise FileNotFoundError("gaicheck: the rules/ data folder was not found next to the package")
