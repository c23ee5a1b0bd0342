"""Output sink: the checked files, one by one in input order → the chosen format → stdout or `--output`.

batch → **sink** → text / full / json / sarif / github / junit / gitlab / html / xlsx. Line formats (text,
github) are written as each file arrives and only counts are kept; document formats park what they
need (the findings; the Report too for full and html) in a spool on disk (gaicheck/spool.py) and
write it out file by file at the end, so the memory of a batch does not grow with its size. The workbook
(xlsx) is the one binary format: it is written to `binary`, not to the text stream.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, TextIO

from gaicheck.model.finding import FileResult
from gaicheck.model.report import Report
from gaicheck.output import text
from gaicheck.output.text import Tally
from gaicheck.spool import Spool

if TYPE_CHECKING:
    from gaicheck.output.dashboard import Overview

STREAMED = ("text", "github")
NEEDS_REPORTS = ("full", "html")
BINARY = ("xlsx",)


class Sink:
    def __init__(
        self,
        out: TextIO,
        fmt: str,
        lang: str = "zh",
        fail_on: str = "error",
        statistics: bool = False,
        color: bool = False,
        group_by: str | None = None,
        binary: IO[bytes] | None = None,
    ) -> None:
        self.out, self.fmt, self.lang, self.fail_on = out, fmt, lang, fail_on
        self.binary = binary
        self.overview: Overview | None = None  # html: the batch's overview page, counted as files arrive
        self.statistics, self.color, self.group_by = statistics, color, group_by
        self.tally = Tally()
        self.spool: Spool[tuple[FileResult, Report | None]] | None = None

    @property
    def streaming(self) -> bool:
        return self.fmt in STREAMED and not (self.fmt == "text" and self.group_by)

    def add(self, result: FileResult, report: Report | None = None) -> None:
        self.tally.add(result)
        if self.fmt == "text" and self.streaming:
            self._write(text.file_lines(result, self.lang, self.color))
        elif self.fmt == "github":
            from gaicheck.output import github

            self._write(github.file_lines(result, self.lang))
        else:
            if self.fmt == "html":
                if self.overview is None:
                    from gaicheck.output.dashboard import Overview

                    self.overview = Overview()
                self.overview.add(result)
            if self.spool is None:
                self.spool = Spool()
            self.spool.append((result, report if self.fmt in NEEDS_REPORTS else None))

    def items(self) -> Iterator[tuple[FileResult, Report | None]]:
        """What was added (document formats), read back from the spool one file at a time."""
        return iter(self.spool) if self.spool is not None else iter(())

    def results(self) -> Iterator[FileResult]:
        return (result for result, _report in self.items())

    def _write(self, lines: list[str]) -> None:
        for line in lines:
            self.out.write(line + "\n")

    def finish(self) -> None:
        try:
            self._finish()
        finally:
            if self.spool is not None:
                self.spool.close()

    def _finish(self) -> None:
        if self.fmt == "text":
            if self.group_by:
                self.out.write(text.render_grouped(list(self.results()), self.lang, self.statistics))
                return
            if self.statistics:
                self._write(self.tally.statistics())
            self._write([self.tally.summary(self.lang)])
        elif self.fmt == "github":
            summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
            if summary_file:
                from gaicheck.output import github

                try:
                    with open(summary_file, "a", encoding="utf-8") as fh:
                        fh.write(github.step_summary(self.tally, self.lang))
                except OSError:
                    pass
        elif self.fmt == "full":
            from gaicheck.output import full

            encoding = (getattr(self.out, "encoding", None) or "utf-8").lower().replace("-", "")
            full.write(self.out, self.items(), self.lang, self.color, ascii_only=encoding != "utf8")
        elif self.fmt == "json":
            from gaicheck.output import jsonout

            jsonout.write(self.out, self.results(), self.lang)
        elif self.fmt == "sarif":
            from gaicheck.output import sarif

            sarif.write(self.out, self.results, self.lang)
        elif self.fmt == "junit":
            from gaicheck.output import junit

            junit.write(self.out, self.results, self.lang, self.fail_on)
        elif self.fmt == "gitlab":
            from gaicheck.output import gitlab

            gitlab.write(self.out, self.results(), self.lang)
        elif self.fmt == "html":
            from gaicheck.output import html

            html.write(self.out, self.items(), self.tally.files, self.lang, self.overview)
        elif self.fmt == "xlsx":
            from gaicheck.output import xlsx

            xlsx.write(self.binary if self.binary is not None else self.out.buffer, self.results(), self.lang)
