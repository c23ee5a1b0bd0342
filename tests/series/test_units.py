"""Units of the cross-year rules: organ normalisation, grouping, text similarity, catalogue data."""

from __future__ import annotations

import string

import pytest

from gaicheck.catalogue import load_catalogue
from gaicheck.model.report import Report
from gaicheck.series.config import load_config
from gaicheck.series.grouping import group_reports, normalise_organ, ungroupable
from gaicheck.series.similarity import identical_except_years, normalise, overlap


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("淮安市洪泽区人民政府", "淮安市洪泽区政府"),
        ("淮安市洪泽区政府", "淮安市洪泽区政府"),
        ("淮安市人民政府", "淮安市政府"),  # the city is not the district
        ("上海市人民政府办公厅", "上海市政府办公厅"),
        ("示例县人民政府办公室", "示例县政府办"),
        ("示例县政府办", "示例县政府办"),
        ("ＡＢ县　人民政府", "AB县政府"),
        ("标题: 平潭综合实验区", "平潭综合实验区"),
        ("平潭综合实验区管理委员会", "平潭综合实验区管委会"),
        ("关于", None),
        ("", None),
    ],
)
def test_normalise_organ(written: str, key: str | None) -> None:
    assert normalise_organ(written) == key


def _report(path: str, organ: str | None, year: int | None, template: str = "2021", title: str | None = None) -> Report:
    return Report(path=path, format="text", organ=organ, report_year=year, template=template, title=title)  # type: ignore[arg-type]


def test_group_reports_orders_by_year_and_keeps_organs_apart() -> None:
    reports = [
        _report("c.txt", "甲县人民政府", 2024),
        _report("a.txt", "甲县政府", 2022),
        _report("b.txt", "乙县人民政府", 2023),
        _report("d.txt", None, 2023, title="甲县人民政府2023年度政府信息公开工作年度报告"),
        _report("e.txt", None, None),
        _report("f.txt", "甲县人民政府", None),
    ]
    groups = group_reports(reports)
    assert [(s.key, [r.path for r in s.reports]) for s in groups] == [
        ("乙县政府", ["b.txt"]),
        ("甲县政府", ["a.txt", "d.txt", "c.txt"]),
    ]
    assert [(r.path, why) for r, why in ungroupable(reports)] == [("e.txt", "organ"), ("f.txt", "year")]


def test_same_organ_and_year_is_one_report_the_better_read_kept() -> None:
    poor = _report("r.txt", "甲县人民政府", 2023, template="none")
    good = _report("r.html", "甲县人民政府", 2023)
    (series,) = group_reports([poor, good])
    assert [r.path for r in series.reports] == ["r.html"]
    assert [(d.path, k.path) for d, k in series.duplicates] == [("r.txt", "r.html")]


def test_normalise_masks_years_and_folds_width() -> None:
    assert normalise("２０２３年 我镇\n二〇二四年计划").text == "####年我镇####年计划"


def test_overlap_share_and_longest_passage() -> None:
    previous = "2022年，一是主动公开内容不够丰富；二是政策解读形式较为单一。"
    current = "2023年，一是主动公开内容不够丰富；二是依申请答复质量有待提高。"
    found = overlap(previous, current, shingle=10)
    assert found.longest == "2023年，一是主动公开内容不够丰富；二是"
    assert found.copied == found.longest_chars == 21  # "####年，一是主动公开内容不够丰富；二是"
    assert (found.length, found.share) == (33, pytest.approx(21 / 33))
    assert overlap(previous, "完全不同的文字内容，没有任何相同的段落。", shingle=10).share == 0


def test_identical_except_years() -> None:
    assert identical_except_years("2022年工作 总结", "2023年工作总结")
    assert not identical_except_years("2022年工作总结", "2023年工作小结")


def test_catalogue_and_config() -> None:
    catalogue = load_catalogue()
    yoy = {code: spec for code, spec in catalogue.items() if code.startswith("YOY")}
    assert list(yoy) == [f"YOY{n:03d}" for n in range(1, 11)]
    assert {c: s.severity for c, s in yoy.items()} == {
        "YOY001": "error", "YOY002": "warning", "YOY003": "warning", "YOY004": "warning", "YOY005": "warning",
        "YOY006": "warning", "YOY007": "error", "YOY008": "info", "YOY009": "info", "YOY010": "info",
    }
    for code, spec in yoy.items():
        if code == "YOY010":
            continue
        for template in (spec.message_zh, spec.message_en):
            fields = {name for _t, name, _f, _c in string.Formatter().parse(template) if name}
            assert {"previous_path", "previous_year"} <= fields, code
    config = load_config()
    assert (config.similarity_threshold, config.shingle) == (0.5, 10)
    assert "50%" in yoy["YOY006"].explanation_zh and "n元组" in yoy["YOY006"].explanation_zh


def test_short_name_joins_the_only_full_name_it_can_be() -> None:
    reports = [
        _report("a.pdf", "洪泽区人民政府", 2023),
        _report("b.pdf", "淮安市洪泽区人民政府", 2024),
        _report("c.txt", "城关镇人民政府", 2023),
        _report("d.txt", "甲县城关镇人民政府", 2024),
        _report("e.txt", "乙县城关镇人民政府", 2024),
    ]
    groups = {s.key: [r.path for r in s.reports] for s in group_reports(reports)}
    # 城关镇 could be 甲县's or 乙县's: it stays on its own
    assert groups == {
        "淮安市洪泽区政府": ["a.pdf", "b.pdf"],
        "城关镇政府": ["c.txt"],
        "甲县城关镇政府": ["d.txt"],
        "乙县城关镇政府": ["e.txt"],
    }
