"""A whole `gaicheck check` run: the files found → tasks (per-file-ignores, standard input, what each
result must keep) → pipeline.many (any --jobs, input order) → the cross-year rules over the parked batch
→ one `Checked` per file, in input order, with its cross-year findings merged in.

cli (options) → **run** → cli (baseline, output). The command line opens the memory cap around it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from gaicheck.catalogue import matches
from gaicheck.checks.options import Options
from gaicheck.files import STDIN, Found, is_url
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report
from gaicheck.pipeline.cache import ResultCache
from gaicheck.pipeline.errors import folder_failure
from gaicheck.pipeline.many import Backend, check_many, collector_tuned
from gaicheck.pipeline.single import Checked, Task, check_file


class PreviousUnreadable(Exception):
    """A report given with --previous could not be read: the run cannot compare against it."""

    def __init__(self, path: str, error: str) -> None:
        super().__init__(f"{path}: {error}")
        self.path, self.error = path, error


@dataclass
class CheckRun:
    found: Found
    options: Options
    ignores_for: Callable[[str], list[str]] = lambda _path: []
    full_reports: bool = False  # the output redraws the reports (full, html): keep them whole
    previous: list[str] = field(default_factory=list)  # last year's reports: compared against, not reported
    jobs: int = 1
    stdin: bytes | None = None
    warn: Callable[[str], None] = lambda _line: None  # one line for the user (cross-year rules failed)
    cache: ResultCache | None = None  # per-file results kept between runs (pipeline/cache.py)
    backend: Backend | None = None  # a cluster instead of local processes (pipeline/cluster.py)
    _previous_reports: list[Report] = field(default_factory=list)

    @property
    def files(self) -> list[str]:
        return self.found.files

    @property
    def cross_year(self) -> bool:
        """Whether the cross-year rules run: more than one file, or last year's reports given."""
        return len(self.files) > 1 or bool(self.previous)

    def read_previous(self) -> None:
        """Read the --previous reports (within the same limits); PreviousUnreadable for one that fails."""
        for path in self.previous:
            result, report = check_file(path, self.options)
            if report is None:
                raise PreviousUnreadable(path, result.error or "")
            self._previous_reports.append(report)

    def _tasks(self) -> Iterator[Task]:
        keep_reports = self.cross_year or self.full_reports
        for path in self.files:
            reason = self.found.unreadable.get(path)
            yield Task(
                path, self.options, self.ignores_for(path), keep_reports,
                self.stdin if path == STDIN else None,
                series_only=self.cross_year and not self.full_reports,
                failure=folder_failure(reason) if reason is not None else None,
                url=is_url(path),
            )

    def results(self, on_done: Callable[[], None] | None = None) -> Iterator[Checked]:
        """Every file's Checked, in input order (whatever `jobs` is)."""
        with collector_tuned():
            jobs = min(self.jobs, max(1, len(self.files)))
            stream = check_many(self._tasks(), jobs, on_done, self.cache, self.backend)
            if not self.cross_year:
                yield from stream
            else:
                yield from self._with_cross_year(stream)
        if self.cache is not None:
            self.cache.finish()  # the memo of content hashes saved, the size bound kept

    def _with_cross_year(self, stream: Iterator[Checked]) -> Iterator[Checked]:
        from gaicheck.pipeline.parked import ParkedBatch

        parked = ParkedBatch()  # on disk until the cross-year rules have run
        try:
            for checked in stream:
                parked.add(checked)
            try:
                extra = parked.cross_year(self.options, self._previous_reports)
            except Exception as exc:  # the cross-year rules must not cost the per-file findings
                self.warn(f"跨年度核对失败 / cross-file rules failed: {type(exc).__name__}: {exc}")
                extra = {}
            for checked in parked:
                added = self._keep(checked, list(extra.get(checked.result.path, [])))
                if added:
                    checked.result.findings = sorted([*checked.result.findings, *added], key=Finding.sort_key)
                yield checked
        finally:
            parked.close()

    def _keep(self, checked: Checked, findings: list[Finding]) -> list[Finding]:
        findings = [f for f in checked.suppress(findings) if matches(f.code, self.options.select)]
        return [f for f in findings if not matches(f.code, self.options.ignore)]


__all__ = ["CheckRun", "PreviousUnreadable"]
