"""A batch parked for the cross-year rules: pipeline.many → **parked** (every file's result and series view in a
spool on disk, plus which file is kept for each organ and year) → cross-year rules → the results read back.

Reports of different organs are never compared, so unless the whole batch is needed (last year's reports
given with --previous, the opt-in county aggregate, or full reports kept for the full/html output), the
rules run organ by organ, and only the report kept for each organ and year (grouping.rank: a second file
of the same organ and year is a duplicate, never compared) is read back: memory holds one organ's years at
a time, however large the batch. What is needed to choose is noted as each file arrives, so nothing is
read back twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from gaicheck.checks.options import Options
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report
from gaicheck.pipeline import crossyear
from gaicheck.pipeline.single import Checked
from gaicheck.spool import Spool

Rank = tuple[tuple[int, int, int, str], int]  # (grouping.rank of the report, position in the batch)


class ParkedBatch:
    def __init__(self) -> None:
        self.spool: Spool[Checked] = Spool()
        self.full_reports = False  # a file kept its whole report (full/html output): no views to go by
        self._kept: dict[tuple[str, int], Rank] = {}  # (organ key as found, year) → the file kept

    def add(self, checked: Checked) -> None:
        position = self.spool.append(checked)
        if checked.series_blob is None and checked.report is not None:
            self.full_reports = True
        key, year, rank = checked.series_key, checked.series_year, checked.series_rank
        if checked.series_blob is not None and key is not None and year is not None and rank is not None:
            best = self._kept.get((key, year))
            if best is None or (rank, position) < best:
                self._kept[(key, year)] = (rank, position)

    def __iter__(self) -> Iterator[Checked]:
        return iter(self.spool)

    def close(self) -> None:
        self.spool.close()

    def cross_year(self, options: Options, previous: list[Report]) -> dict[str, list[Finding]]:
        """The cross-year findings of the batch, by report path."""
        if previous or options.check_aggregate or self.full_reports:
            reports = [r for r in (c.series_report() for c in self.spool) if r is not None]
            return crossyear.findings(reports, options, previous)
        aliases = crossyear.resolve_short_names({key for key, _year in self._kept})
        by_organ: dict[str, dict[int, Rank]] = {}
        for (key, year), chosen in self._kept.items():
            years = by_organ.setdefault(aliases.get(key, key), {})
            if year not in years or chosen < years[year]:
                years[year] = chosen
        extra: dict[str, list[Finding]] = {}
        for years in by_organ.values():
            if len(years) < 2:
                continue  # one report of an organ: nothing to compare it with
            views = (self.spool[position].series_report() for _rank, position in years.values())
            reports = [r for r in views if r is not None]
            for path, found in crossyear.findings(reports, options, []).items():
                extra.setdefault(path, []).extend(found)
        return extra
