"""No import circle through the pipeline, the readers, the cross-year rules, the API or the command line,
counting imports inside functions (the ones under `if TYPE_CHECKING:` aside): the circles that were hidden
that way (batch ↔ series.parked, the readers' ReadError imported inside twelve functions) stay gone."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINE = ("gaicheck.pipeline", "gaicheck.readers", "gaicheck.series", "gaicheck.api", "gaicheck.cli",
        "gaicheck.files", "gaicheck.limits", "gaicheck.spool", "gaicheck.suppress")


def _modules() -> dict[str, Path]:
    found = {}
    for path in (ROOT / "gaicheck").rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden = {
            id(node)
            for block in ast.walk(tree)
            if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
            for statement in block.body
            for node in ast.walk(statement)
        }
        for node in ast.walk(tree):
            if id(node) in hidden:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{alias.name}" for alias in node.names]
            for target in targets:
                resolved = resolve(target)
                if resolved and resolved != name:
                    graph[name].add(resolved)
    return graph


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        here = todo.pop()
        for nxt in graph[here]:
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def test_no_import_circle_through_the_pipeline() -> None:
    graph = _graph()
    circles = sorted(m for m in graph if m.startswith(MINE) and _reaches(graph, m, m))
    assert circles == []


def test_read_error_is_imported_at_the_top_of_each_reader() -> None:
    for path in (ROOT / "gaicheck" / "readers").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        local = [
            node.lineno
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef)
            for node in ast.walk(function)
            if isinstance(node, ast.ImportFrom) and any(a.name == "ReadError" for a in node.names)
        ]
        assert local == [], path.name
