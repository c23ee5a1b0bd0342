"""English output: with `--lang en`, a finding's message and location hold Chinese only inside quotes (where
they quote the document's own text), template labels appear by their English names; and Chinese output keeps
its Chinese words. Runs the whole corpus and the examples through the CLI, as a user would."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from functools import cache

from gaicheck import i18n
from gaicheck.model.document import Location
from gaicheck.templates import all_templates, load_legacy
from tests.conftest import ROOT

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
# document text is quoted: “…”, "…", 「…」 (a quote may hold another kind of quote)
QUOTED = re.compile(r"“[^”]*”|「[^」]*」|\"[^\"]*\"")
INPUTS = ["examples", "tests/data/corpus"]


def unquoted_cjk(text: str) -> list[str]:
    """The Chinese characters of `text` outside quotes (the pieces they sit in, for the failure message)."""
    rest = QUOTED.sub("“”", text)
    return [rest[max(0, m.start() - 12): m.end() + 12] for m in CJK.finditer(rest)]


@cache
def _run(fmt: str, lang: str = "en") -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "gaicheck", "check", *INPUTS, "--isolated", "-j", "1", "--format", fmt, "--lang", lang],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    assert done.returncode == 1, done.stderr  # the examples hold real mistakes
    return done.stdout


def test_quoted_text_is_not_counted() -> None:
    assert unquoted_cjk('Table 2, row "（一）予以公开": “第一项”') == []
    assert unquoted_cjk("row （一）予以公开") == ["row （一）予以公开"]


def test_json_messages_and_locations_in_english() -> None:
    document = json.loads(_run("json"))
    findings = [f for entry in document["files"] for f in entry["findings"]]
    assert len(findings) > 100
    bad = {
        (f["code"], field, piece)
        for f in findings
        for field in ("message", "where")
        for piece in unquoted_cjk(f[field] or "")
    }
    assert sorted(bad) == []
    places = [f["where"] for f in findings if f["where"]]
    assert places and all(re.fullmatch(r"[a-z0-9 ,]+", p) for p in places), places


def test_text_lines_in_english() -> None:
    lines = _run("text").splitlines()
    assert re.fullmatch(
        r"\d+ file\(s\) checked: \d+ error\(s\), \d+ warning\(s\), \d+ info(; \d+ file\(s\) could not be read)?",
        lines[-1],
    )
    bad = [(line, piece) for line in lines[:-1] for piece in unquoted_cjk(line.split(": ", 1)[1])]
    assert bad == []


def test_huaian_location_in_english() -> None:
    """The issue's example: a PDF cell's place was printed `[第3页 表2 第9行 第3列]` in English output."""
    lines = [line for line in _run("text").splitlines() if "2023_huaian_hongzequ.pdf" in line]
    assert lines and any(line.endswith("[page 3, table 2, row 9, cell 3]") for line in lines), lines


def _visible_html(page: str) -> str:
    """The page's words written by gaicheck: without the document's own text (cell values, organ, title)."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    page = re.sub(r"<td[^>]*>.*?</td>", "", page, flags=re.S)  # cell values, as found
    page = re.sub(r'<p class="meta">.*?</p>', "", page, flags=re.S)  # organ (as found), year, template
    page = re.sub(r'<p class="explain">.*?</p>', "", page, flags=re.S)  # the catalogue's explanations (they
    # name the Chinese terms they explain)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def test_html_page_in_english() -> None:
    """Headings, table labels, findings (message, place, rule title) and the page's own words."""
    page = _run("html")
    assert '<html lang="en">' in page
    bad = sorted({piece for line in _visible_html(page).splitlines() for piece in unquoted_cjk(line)})
    assert bad == []
    assert "<th>natural persons</th>" in page and 'scope="row">(7) Total</th>' in page


def test_every_template_label_has_an_english_name() -> None:
    for template in all_templates():
        names: list[str] = [template.name_en, template.notice_en]
        names += [s.title_en for s in template.sections]
        for table in template.tables.values():
            names.append(table.title_en)
            names += [c.en for c in table.columns] + [r.en for r in table.rows] + [g.en for g in table.groups]
            names += [r.short_en for r in table.rows]
            for block in table.blocks:
                names += [block.caption_en] + [c.en for c in block.columns] + [r.en for r in block.rows]
                names += [r.short_en for r in block.rows]
        assert all(names), template.version
        assert [n for n in names if CJK.search(n)] == [], template.version
    legacy = load_legacy()
    assert legacy.name_en and legacy.label_en and not CJK.search(legacy.name_en + legacy.label_en)


def test_template_names_through_i18n() -> None:
    assert i18n.cell_row("apply", "denied_secret", "2021", "en", "1.属于国家秘密") == "1. State secret"
    assert i18n.cell_row("apply", "denied_secret", "2021", "zh", "1.属于国家秘密") == "1.属于国家秘密"
    assert i18n.cell_column("apply", "natural", "2019", "en", "自然人") == "natural persons"
    assert i18n.cell_row("active", "normative", "2019", "en", "规范性文件") == "Normative documents"
    assert i18n.cell_row("active", "normative", "2021", "en", "行政规范性文件") == "Administrative normative documents"
    assert i18n.cell_column("review", "other", "mixed", "en", "其他结果") == "other result"
    assert i18n.table_name("review", "en") == "Administrative reconsideration and litigation"
    assert i18n.section_number("四", "en") == "IV"


def test_chinese_words_in_chinese_output() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    shown = {
        lang: subprocess.run(
            [sys.executable, "-m", "gaicheck", "explain", "SUM005", "--lang", lang],
            cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", check=True,
        ).stdout.splitlines()[1]
        for lang in ("zh", "en")
    }
    assert shown == {"zh": "默认级别: 警告", "en": "Default severity: warning"}
    assert i18n.severity("error", "zh") == "错误" and i18n.severity("info", "en") == "info"


def test_locations_in_both_languages() -> None:
    cell = Location(page=3, table=2, row=9, cell=3)
    assert i18n.location(cell, "zh") == "第3页 表2 第9行 第3列"
    assert i18n.location(cell, "en") == "page 3, table 2, row 9, cell 3"
    paragraph = Location(paragraph=12)
    assert (i18n.location(paragraph, "zh"), i18n.location(paragraph, "en")) == ("第12段", "paragraph 12")
    assert i18n.place(None, 4, "en") == "page 4" and i18n.place(None, None, "zh") == ""
    assert i18n.value("规章", "en") == "“规章”" and i18n.value("规章", "zh") == "规章" and i18n.value(5, "en") == "5"
