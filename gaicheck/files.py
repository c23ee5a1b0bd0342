"""Input discovery: command-line paths → the list of files to check (directories walked recursively,
hidden folders skipped, only report formats taken), in a stable order."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

REPORT_EXTENSIONS = {
    ".txt", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml",
    ".docx", ".pdf", ".xlsx", ".doc", ".wps", ".xls", ".et",
}


# documentation that sits beside reports in a folder, never a report itself
IGNORED_NAMES = {"readme.md", "sources.md", "changelog.md", "license.md", "readme.txt"}


def discover(paths: list[str], excluded: Callable[[str], bool] | None = None) -> list[str]:
    """Files to check, in command-line order, each directory's files sorted. `excluded` (the
    configuration's `exclude` globs) prunes folders and files, named ones included (so a pre-commit
    hook honours it too)."""
    skip = excluded or (lambda _path: False)
    files: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            found: list[str] = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not skip(str(Path(root) / d)))
                for name in names:
                    if name.startswith(".") or name.lower() in IGNORED_NAMES:
                        continue
                    if Path(name).suffix.lower() in REPORT_EXTENSIONS and not skip(str(Path(root) / name)):
                        found.append(str(Path(root) / name))
            files.extend(sorted(found))
        elif not skip(str(path)):
            files.append(str(path))  # missing or odd files are reported by the checker, not dropped
    return files
