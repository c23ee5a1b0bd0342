"""Helpers for the cross-year tests: parse inputs, run the cross-file rules, compact signatures."""

from __future__ import annotations

from pathlib import Path

from gaicheck.api import parse_path
from gaicheck.checks.options import Options
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report
from gaicheck.series.crossfile import cross_file_findings

ROOT = Path(__file__).resolve().parent.parent.parent
SERIES = ROOT / "tests" / "data" / "series"
CORPUS = ROOT / "tests" / "data" / "corpus"


def parse(*paths: Path) -> list[Report]:
    return [parse_path(str(p)) for p in paths]


def case(name: str) -> list[Path]:
    return sorted((SERIES / name).iterdir())


def run(paths: list[Path], lang: str = "zh", previous: list[Path] | None = None) -> dict[str, list[Finding]]:
    prev = parse(*previous) if previous else None
    return cross_file_findings(parse(*paths), Options(lang=lang), previous=prev)


def sig(finding: Finding) -> tuple[str, tuple[str, ...], object, object]:
    return (finding.code, tuple(finding.cells), finding.expected, finding.actual)


def codes(findings: dict[str, list[Finding]]) -> dict[str, list[str]]:
    return {Path(path).name: [f.code for f in fs] for path, fs in findings.items() if fs}
