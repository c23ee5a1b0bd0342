"""The extractor hands the rules typed observations (model/observations.py): structured facts, no text
it formatted itself; the STR and TPL rules word their findings from them."""

from __future__ import annotations

from dataclasses import fields

from gaicheck.api import parse_path
from gaicheck.checks.context import RuleContext
from gaicheck.checks.options import Options
from gaicheck.checks.run import run_rules
from gaicheck.model.observations import (
    LabelDeviation,
    LegacyTemplate,
    ObservationKind,
    RowLong,
    TableMissing,
)
from tests.conftest import DATA, EXAMPLES

ROW = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]


def test_a_row_too_long_is_a_typed_fact() -> None:
    report = parse_path(str(EXAMPLES / "2020_dakouzhen.txt"))
    ctx = RuleContext(report)
    first = ctx.observed(RowLong)[0]
    assert first == RowLong(
        line=68, column=1, table="apply", row="other", table_no=2, row_label="（六）其他处理",
        cells=[f"apply.other.{c}" for c in ROW], found=8, expected=7, values=("0",) * 8,
    )
    assert first.kind is ObservationKind.ROW_LONG
    assert [o.row for o in ctx.observed(RowLong)] == ["other", "total", "carry_forward"]
    deviation = ctx.observed(LabelDeviation)
    assert deviation == [
        LabelDeviation(
            line=53, column=3, table="apply", table_no=2, part="row", row="denied_prohibited",
            found="2. 其他法律法规禁止公开", official="2.其他法律行政法规禁止公开",
        )
    ]
    assert ctx.observed(TableMissing) == []


def test_the_rules_word_the_findings_from_the_facts() -> None:
    report = parse_path(str(EXAMPLES / "2022_shuikouzhen.txt"))
    (obs,) = RuleContext(report).observed(LabelDeviation)
    assert (obs.part, obs.row, obs.table_no, obs.found) == ("column", None, 1, "对外公开总数")
    zh = run_rules(report, Options(select=["TPL005"]))
    en = run_rules(report, Options(select=["TPL005"], lang="en"))
    assert [f.message for f in zh] == ["表1列标题「对外公开总数」与官方表述「对外公开总数量」不一致"]
    assert [f.message for f in en] == ['Table 1 column header "对外公开总数" differs from the official wording "对外公开总数量"']
    assert [(f.line, f.column, f.cells, f.expected, f.actual) for f in zh] == [
        (32, 1, [], "对外公开总数量", "对外公开总数")
    ]


def test_legacy_template_observation() -> None:
    report = parse_path(str(DATA / "corpus" / "2018_pingtan_shiyanqu_legacy.html"))
    assert report.observations == [LegacyTemplate(signal="主动公开文件数")]
    (finding,) = run_rules(report, Options(select=["TPL003"]))
    assert finding.message == "这份报告使用2019年以前的旧版统计表（如「主动公开文件数」），不能按2019/2021年版格式核对"


def test_no_observation_holds_text_the_extractor_wrote() -> None:
    """Every text field of every observation over the examples and corpus is the document's own text, a
    template label or a key: none says 表N or Table N (the rules' wording)."""
    paths = sorted(EXAMPLES.glob("*")) + sorted((DATA / "corpus").glob("*"))
    seen: set[ObservationKind] = set()
    for path in paths:
        report = parse_path(str(path))
        for obs in report.observations:
            seen.add(obs.kind)
            for f in fields(obs):
                value = getattr(obs, f.name)
                texts = value if isinstance(value, (list, tuple)) else [value]
                for text in texts:
                    if isinstance(text, str) and f.name != "where":
                        assert not text.startswith(("表", "Table")), (path.name, obs)
    assert seen >= {ObservationKind.ROW_LONG, ObservationKind.LABEL_DEVIATION, ObservationKind.RUN_UNSPLITTABLE}
