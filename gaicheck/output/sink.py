"""Output sink: the checked files, one by one in input order → the chosen format → stdout or `--output`.

batch → **sink** → text / full / json / sarif / github / junit / gitlab / html. Line formats (text,
github) are written as each file arrives and only counts are kept; document formats keep what they
need (the findings; the Report too for full and html) and are written at the end.
"""

from __future__ import annotations

import os
from typing import TextIO

from gaicheck.model.finding import FileResult
from gaicheck.model.report import Report
from gaicheck.output import text
from gaicheck.output.text import Tally

STREAMED = ("text", "github")
NEEDS_REPORTS = ("full", "html")


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
    ) -> None:
        self.out, self.fmt, self.lang, self.fail_on = out, fmt, lang, fail_on
        self.statistics, self.color, self.group_by = statistics, color, group_by
        self.tally = Tally()
        self.items: list[tuple[FileResult, Report | None]] = []

    @property
    def streaming(self) -> bool:
        return self.fmt in STREAMED and not (self.fmt == "text" and self.group_by)

    def add(self, result: FileResult, report: Report | None = None) -> None:
        self.tally.add(result)
        if self.fmt == "text" and self.streaming:
            self._write(text.file_lines(result, self.lang, self.color))
        elif self.fmt == "github":
            from gaicheck.output import github

            self._write(github.file_lines(result))
        else:
            self.items.append((result, report if self.fmt in NEEDS_REPORTS else None))

    def _write(self, lines: list[str]) -> None:
        for line in lines:
            self.out.write(line + "\n")

    def finish(self) -> None:
        results = [r for r, _ in self.items]
        if self.fmt == "text":
            if self.group_by:
                self.out.write(text.render_grouped(results, self.lang, self.statistics))
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
            self.out.write(full.render(self.items, self.lang, self.color, ascii_only=encoding != "utf8"))
        elif self.fmt == "json":
            from gaicheck.output import jsonout

            self.out.write(jsonout.render(results))
        elif self.fmt == "sarif":
            from gaicheck.output import sarif

            self.out.write(sarif.render(results, self.lang))
        elif self.fmt == "junit":
            from gaicheck.output import junit

            self.out.write(junit.render(results, self.lang, self.fail_on))
        elif self.fmt == "gitlab":
            from gaicheck.output import gitlab

            self.out.write(gitlab.render(results))
        elif self.fmt == "html":
            from gaicheck.output import html

            self.out.write(html.render(self.items, self.lang))
