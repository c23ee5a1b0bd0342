"""Input discovery: command-line paths → the list of files to check (directories walked recursively,
hidden folders skipped, only report formats taken), in a stable order.

A folder that cannot be listed is never skipped in silence: it stays in the list, at its place, with the
reason (`Found.unreadable`), and the run reports it as a file that could not be checked. A path named on
the command line but excluded by the configuration is left out and noted (`Found.excluded`), so the
command line can say so. Only the bare `-` means standard input; `./-` is the file named `-`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

STDIN = "-"

REPORT_EXTENSIONS = {
    ".txt", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml",
    ".docx", ".pdf", ".xlsx", ".doc", ".wps", ".xls", ".et",
}


# documentation that sits beside reports in a folder, never a report itself
IGNORED_NAMES = {"readme.md", "sources.md", "changelog.md", "license.md", "readme.txt"}


def is_url(text: str) -> bool:
    """A web page's address (`gaicheck check https://…`), not a path."""
    return text.startswith(("http://", "https://"))


@dataclass(slots=True)
class Found:
    files: list[str] = field(default_factory=list)  # in order; unreadable folders in their place
    unreadable: dict[str, str] = field(default_factory=dict)  # folder → why it could not be listed
    excluded: list[str] = field(default_factory=list)  # named on the command line, excluded by the configuration


def find_files(paths: list[str], excluded: Callable[[str], bool] | None = None) -> Found:
    """Files to check, in command-line order, each directory's files sorted. `excluded` (the
    configuration's `exclude` globs) prunes folders and files, named ones included (so a pre-commit
    hook honours it too)."""
    skip = excluded or (lambda _path: False)
    found = Found()
    for raw in paths:
        if raw == STDIN or is_url(raw):  # standard input, a web page (gaicheck/urls/)
            found.files.append(raw)
            continue
        path = Path(raw)
        shown = raw if str(path) == STDIN else str(path)  # `./-`: the file named "-", not standard input
        if skip(shown):
            found.excluded.append(shown)
        elif path.is_dir():
            _walk(path, skip, found)
        else:
            found.files.append(shown)  # missing or odd files are reported by the checker, not dropped
    return found


def _walk(top: Path, skip: Callable[[str], bool], found: Found) -> None:
    files: list[str] = []
    failed: list[str] = []

    def on_error(exc: OSError) -> None:
        where = str(exc.filename) if exc.filename is not None else str(top)
        found.unreadable[where] = exc.strerror or str(exc)
        failed.append(where)

    for root, dirs, names in os.walk(top, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not skip(str(Path(root) / d)))
        for name in names:
            if name.startswith(".") or name.lower() in IGNORED_NAMES:
                continue
            if Path(name).suffix.lower() in REPORT_EXTENSIONS and not skip(str(Path(root) / name)):
                files.append(str(Path(root) / name))
    found.files.extend(sorted([*files, *failed]))


def discover(paths: list[str], excluded: Callable[[str], bool] | None = None) -> list[str]:
    """The paths of `find_files`, unreadable folders included (checking them names the reason)."""
    return find_files(paths, excluded).files


__all__ = ["IGNORED_NAMES", "REPORT_EXTENSIONS", "STDIN", "Found", "discover", "find_files", "is_url"]
