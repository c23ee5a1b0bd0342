"""Streamed output and the spool: a batch's results are parked on disk and written file by file, with
the same bytes as writing the whole document at once, and the memory of a batch does not grow with it."""

from __future__ import annotations

import io
import json
import os
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from gaicheck import cli, spool
from gaicheck.model.document import Location
from gaicheck.model.finding import FileResult, Finding
from gaicheck.output import gitlab, jsonout, junit, sarif
from gaicheck.output.jsonstream import write_array, write_document
from gaicheck.spool import Spool
from tests.conftest import EXAMPLES


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("items", [[], [1], ["一\n二", {"a": [1, {"b": []}]}, [], None], [{"k": "值"}] * 3])
def test_streamed_array_is_written_as_json_dumps_writes_it(items: list[Any]) -> None:
    document = {"version": "1", "runs": [{"tool": {"x": [1, 2]}, "results": items, "after": {"n": 0}}], "z": []}
    out = io.StringIO()
    write_document(out, lambda: {"version": "1", "runs": [{"tool": {"x": [1, 2]}, "results": [], "after": {"n": 0}}],
                                 "z": []}, ["runs", 0, "results"], iter(items))
    assert out.getvalue() == _dumps(document)
    top = io.StringIO()
    write_array(top, iter(items))
    assert top.getvalue() + "\n" == _dumps(items)


def test_text_after_the_array_can_hold_what_was_counted() -> None:
    seen: list[int] = []
    out = io.StringIO()

    def counted() -> Any:
        for n in range(3):
            seen.append(n)
            yield n

    write_document(out, lambda: {"items": [], "count": len(seen)}, ["items"], counted())
    assert json.loads(out.getvalue()) == {"items": [0, 1, 2], "count": 3}


def _results() -> list[FileResult]:
    finding = Finding(code="SUM001", name="n", severity="error", message="第一项(52)≠55", line=3, column=2,
                      cells=["apply.total.natural"], expected="55", actual="52")
    info = Finding(code="META007", name="m", severity="info", message="长", line=None, where=Location(page=2))
    return [
        FileResult(path="甲/a.txt", format="text", template="2021", report_year=2023, organ="甲", findings=[finding, info]),
        FileResult(path="b.html", error="无法读取文件"),
        FileResult(path="c.txt", format="text", template="2019"),
    ]


def test_document_formats_match_the_whole_document_builders() -> None:
    results = _results()
    assert jsonout.render(results) == _dumps(jsonout.check_document(results))
    assert sarif.render(results, "en") == _dumps(sarif.sarif_log(results, "en"))
    assert gitlab.render(results) == _dumps(gitlab.issues(results))
    xml = junit.render(results, "zh", "error")
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="gaicheck" tests="3" failures="1" '
                          'errors="1">\n  <testsuite name="gaicheck" tests="3" failures="1" errors="1">\n    <testcase ')
    assert xml.count("<testcase ") == 3 and xml.endswith("  </testsuite>\n</testsuites>\n")
    assert '<error message="无法读取文件" type="unreadable">无法读取文件</error>' in xml
    assert junit.render([]) == ('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="gaicheck" tests="0" '
                                'failures="0" errors="0">\n  <testsuite name="gaicheck" tests="0" failures="0" '
                                'errors="0" />\n</testsuites>\n')


def test_spool_gives_back_what_was_put_in_order() -> None:
    parked: Spool[tuple[FileResult, None]] = Spool()
    results = _results()
    assert [parked.append((r, None)) for r in results] == [0, 1, 2]
    assert len(parked) == 3
    assert parked[1][0] == results[1]
    assert [r for r, _ in parked] == results
    assert [r for r, _ in parked] == results  # read twice (sarif, junit)
    parked.close()


def test_spool_keeps_working_without_a_temporary_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("read-only file system")

    monkeypatch.setattr(spool.tempfile, "TemporaryFile", refuse)
    parked: Spool[int] = Spool()
    parked.append(41)
    parked.append(42)
    assert list(parked) == [41, 42]


def _batch(root: Path, copies: int) -> Path:
    """`copies` files: the examples again and again, under distinct names (hard links)."""
    sources = sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".txt")
    root.mkdir()
    for i in range(copies):
        source = sources[i % len(sources)]
        os.link(source, root / f"{i:04d}_{source.name}")
    return root


def _peak_bytes(folder: Path, fmt: str) -> tuple[int, str]:
    """Peak Python memory of checking `folder` (the output goes to a file, as a portal's CI would write it)."""
    output = folder.with_suffix(".out")
    tracemalloc.start()
    try:
        result = CliRunner().invoke(cli.main, ["check", "--isolated", "--format", fmt, "-j", "1", "-o", str(output),
                                               str(folder)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1, result.output
    return peak, output.read_text(encoding="utf-8")


def test_memory_of_a_batch_does_not_grow_with_the_number_of_files(tmp_path: Path) -> None:
    fmt = "json"
    small, large = _batch(tmp_path / "small", 14), _batch(tmp_path / "large", 140)
    _peak_bytes(small, fmt)  # warm: rule catalogue, templates, compiled patterns
    small_peak, small_out = _peak_bytes(small, fmt)
    large_peak, large_out = _peak_bytes(large, fmt)
    assert len(large_out) > 8 * len(small_out)  # ten times the files, about ten times the output …
    assert large_peak < 1.5 * small_peak  # … in about the same memory (it grew 10× when results were kept)


class _FullDisk(io.BytesIO):
    """A temporary file on a disk that fills up after `room` bytes."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.room:
            raise OSError(28, "No space left on device")
        return super().write(data)


def test_spool_goes_on_in_memory_when_the_disk_fills_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spool.tempfile, "TemporaryFile", lambda **_kwargs: _FullDisk(200))
    parked: Spool[str] = Spool()
    items = [f"项目{n}" * 20 for n in range(10)]
    for item in items:
        parked.append(item)
    assert list(parked) == items
