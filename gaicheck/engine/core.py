"""Former home of the rule engine; kept so that old import paths work.

Moved (see CHANGELOG.md): `Options` → `gaicheck.checks.options`, `Emitter` → `gaicheck.checks.emitter`,
`run_rules` → `gaicheck.checks.run`; the rules themselves → `gaicheck/checks/<family>/`, one module per
code, listed by `gaicheck.checks.registry`. Import from the new paths in new code; these names stay
re-exported here for the documented API (`from gaicheck.engine.core import Options`).
"""

from __future__ import annotations

from gaicheck.checks.emitter import Emitter
from gaicheck.checks.options import Options
from gaicheck.checks.run import run_rules

__all__ = ["Emitter", "Options", "run_rules"]
