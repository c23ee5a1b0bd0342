"""The one pipeline (gaicheck/pipeline/): the command line, the Python API and the server check a file the
same way; many files come back in input order whatever the number of processes; every exception a file
can cause becomes one line of the error taxonomy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import gaicheck
from gaicheck import api
from gaicheck.cli import main
from gaicheck.engine.core import Options
from gaicheck.limits import Limits
from gaicheck.pipeline import errors, single
from gaicheck.pipeline.errors import FileFailure, Kind, TimeLimitExceeded, classify
from gaicheck.pipeline.many import check_many
from gaicheck.pipeline.single import Task, check_task, parse_file
from gaicheck.readers.errors import ReadError
from gaicheck.server import worker
from gaicheck.server.config import ServerConfig
from gaicheck.server.errors import RequestError
from gaicheck.server.worker import read_report
from tests.conftest import EXAMPLES

WRONG = EXAMPLES / "2023_example_wrong_totals.txt"
CLEAN = EXAMPLES / "2023_example_clean.txt"


def test_cli_api_and_server_give_the_same_findings() -> None:
    data = WRONG.read_bytes()
    through_api = api.check_file(str(WRONG))
    through_pipeline, report = single.check_file(str(WRONG))
    assert report is not None and through_api == through_pipeline
    codes = [f.code for f in through_api.findings]
    assert codes == ["TXT003", "VAL002", "SUM001", "SUM003", "SUM001", "SUM003", "SUM004"]
    out = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", str(WRONG)]).stdout
    assert [f["code"] for f in json.loads(out)["files"][0]["findings"]] == codes
    served = read_report(WRONG.name, data, ServerConfig())
    assert api.check_report(served) == through_api.findings
    assert gaicheck.check_path(str(WRONG)) == through_api.findings  # the README's API


def test_many_files_come_back_in_input_order_with_any_number_of_processes(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)) * 50)
    paths = [str(WRONG), str(tmp_path / "bad.txt"), str(tmp_path / "missing.txt"), str(CLEAN), str(WRONG)]
    tasks = [Task(p, Options()) for p in paths]
    one = [(c.result.path, c.result.error, len(c.result.findings)) for c in check_many(tasks, 1)]
    two = [(c.result.path, c.result.error, len(c.result.findings)) for c in check_many(tasks, 2)]
    assert one == two
    assert [p for p, _e, _n in one] == paths
    assert [n for _p, _e, n in one] == [7, 0, 0, 0, 7]
    assert one[1][1] == "无法识别的文件格式 / unrecognised file format: bad.txt"
    assert one[2][1] == "无法读取文件 / cannot read file: No such file or directory"


@pytest.mark.parametrize(
    ("raised", "kind", "message"),
    [
        (ReadError("损坏 / damaged\nsecond line"), Kind.UNREADABLE, "损坏 / damaged second line"),
        (TimeLimitExceeded(12.5), Kind.TIME, "检查超时（上限 12.5 秒）/ time limit exceeded (12.5 s)"),
        (MemoryError(), Kind.MEMORY, "内存不足（上限 1024 MB）/ memory limit exceeded (1024 MB)"),
        (ImportError("no module named x"), Kind.UNSUPPORTED,
         "缺少读取此格式的组件 / a component needed for this format is missing: no module named x"),
        (ValueError("bad\ntable"), Kind.UNPARSABLE, "无法解析文件 / cannot parse file: ValueError: bad table"),
        (RecursionError("deep"), Kind.UNPARSABLE, "无法解析文件 / cannot parse file: RecursionError: deep"),
        (ZeroDivisionError("x"), Kind.INTERNAL, "内部错误 / internal error: ZeroDivisionError: x"),
    ],
)
def test_every_exception_becomes_one_line(raised: BaseException, kind: Kind, message: str) -> None:
    failure = classify(raised, Limits())
    assert (failure.kind, failure.message) == (kind, message)


def test_a_long_message_is_cut_to_one_line_of_300_characters() -> None:
    failure = classify(ValueError("x\n" * 400), Limits())
    assert len(failure.message) == errors.MAX_MESSAGE and "\n" not in failure.message


def test_a_bug_in_a_rule_costs_only_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise AttributeError("a bug")

    monkeypatch.setattr(single, "result_for", broken)
    checked = check_task(Task(str(WRONG), Options()))
    assert checked.result.error == "内部错误 / internal error: AttributeError: a bug"


def test_parse_file_raises_one_failure_and_parse_path_names_the_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileFailure) as caught:
        parse_file(str(tmp_path / "gone.txt"))
    assert caught.value.failure.message == "无法读取文件 / cannot read file: No such file or directory"
    with pytest.raises(ReadError) as read:
        api.parse_path(str(tmp_path / "gone.txt"))
    assert str(read.value) == f"无法读取文件 / cannot read file: {tmp_path / 'gone.txt'}: No such file or directory"


def test_the_server_answers_from_the_same_taxonomy(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RequestError) as caught:
        read_report("r.pdf", b"%PDF-1.4\n" + b"x" * 200, ServerConfig())
    assert (caught.value.status, caught.value.message) == (
        422, "无法读取文件 / cannot read file: PDF 文件损坏，无法读取 / damaged PDF, cannot be read (PDFSyntaxError)")

    def bad_table(*_args: object) -> None:
        raise ValueError("bad table")

    monkeypatch.setattr(worker, "parse_bytes", bad_table)
    with pytest.raises(RequestError) as caught:
        read_report("r.txt", CLEAN.read_bytes(), ServerConfig())
    assert (caught.value.status, caught.value.message) == (422, "无法解析文件 / cannot parse file: ValueError: bad table")
