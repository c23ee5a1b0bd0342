"""Baselines: `--write-baseline FILE` records today's findings, `--baseline FILE` reports only new ones.

Findings → **baseline filter** → reporter. A finding is known when the baseline has one with the same
path, code and cells (lines are ignored, so editing text above a table does not resurrect old
findings); counts are kept, so a second identical finding in the same file is still new.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from gaicheck.model.finding import Finding

BASELINE_VERSION = 1
Key = tuple[str, str, tuple[str, ...]]


def normalise_path(path: str) -> str:
    return Path(path).as_posix().removeprefix("./")


def finding_key(path: str, finding: Finding) -> Key:
    return (normalise_path(path), finding.code, tuple(finding.cells))


class BaselineError(Exception):
    pass


class Baseline:
    def __init__(self, counts: Counter[Key] | None = None) -> None:
        self.counts: Counter[Key] = counts if counts is not None else Counter()

    def add(self, path: str, findings: list[Finding]) -> None:
        for finding in findings:
            self.counts[finding_key(path, finding)] += 1

    def new_findings(self, path: str, findings: list[Finding]) -> list[Finding]:
        """The findings not covered by the baseline (each baseline entry covers one finding)."""
        left: Counter[Key] = Counter()
        out: list[Finding] = []
        for finding in findings:
            key = finding_key(path, finding)
            left[key] += 1
            if left[key] > self.counts.get(key, 0):
                out.append(finding)
        return out

    def dump(self) -> str:
        entries = [
            {"path": p, "code": c, "cells": list(cells), "count": n}
            for (p, c, cells), n in sorted(self.counts.items())
        ]
        document = {"gaicheck_baseline": BASELINE_VERSION, "findings": entries}
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"

    def write(self, path: str) -> None:
        Path(path).write_text(self.dump(), encoding="utf-8")

    @classmethod
    def read(cls, path: str) -> Baseline:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            counts: Counter[Key] = Counter()
            for e in data["findings"]:
                counts[(normalise_path(str(e["path"])), str(e["code"]), tuple(str(c) for c in e["cells"]))] += int(
                    e.get("count", 1)
                )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BaselineError(f"无法读取基线文件 / cannot read baseline {path}: {exc}") from exc
        return cls(counts)
