"""The metadata finder skips lines it can tell unfolded (NFKC) are no title or date line: that rests on
properties of Unicode's folding, checked here over all of Unicode, and must change no result."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from gaicheck.extract import meta
from gaicheck.extract.stream import flatten
from gaicheck.model.document import Document, Location, Paragraph
from gaicheck.readers import read_file


def test_no_other_character_folds_to_a_prefilter_character() -> None:
    sources: dict[str, set[str]] = {ch: {ch} for ch in meta._TITLE_CHARS + meta._DATE_CHARS}
    sources[meta._YEAR_CHARS[0]] = set(meta._YEAR_CHARS)
    found: dict[str, set[str]] = {ch: set() for ch in sources}
    for cp in range(sys.maxunicode + 1):
        folded = unicodedata.normalize("NFKC", chr(cp))
        for ch in sources:
            if ch in folded:
                found[ch].add(chr(cp))
    assert found == sources


def test_folding_shrinks_a_line_by_at_most_a_factor_of_4_plus_the_strip() -> None:
    # what `_MAX_TITLE_UNFOLDED` rests on: NFKC turns every character into at least one, composition merges
    # at most len(NFD(c)) <= 4 of them into one character c, and a folded non-space character never
    # becomes all whitespace nor starts or ends with more than one whitespace character
    longest, edge = 0, 0
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        longest = max(longest, len(unicodedata.normalize("NFD", ch)))
        folded = unicodedata.normalize("NFKC", ch)
        assert folded.isspace() == ch.isspace()
        if not ch.isspace():
            edge = max(edge, len(folded) - len(folded.lstrip()), len(folded) - len(folded.rstrip()))
    assert longest <= 4 and edge <= 1
    assert meta._MAX_TITLE_UNFOLDED == 4 * (meta._MAX_TITLE + 2)


def test_title_prefilter_changes_no_result(monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Path(__file__).resolve().parents[2]
    docs = [
        read_file(str(p))
        for d in ("examples", "tests/data/corpus")
        for p in sorted((repo / d).iterdir())
        if p.suffix in (".txt", ".md", ".html")
    ]
    tricky = [
        ["某某区人民政府", "２０２２年度政府信息公开工作年度报告"],
        ["某县2022年政府信息公开", "工作年度报告"],
        ["某县2022年政府信息公开", "工作年度报告。"],
        ["某某局政府信息公开年度报告（２０２１年度）　", "正文"],
        ["某某局政府信息公开年度报告 ( 2021 年 ) ＃＃ \x1c", ""],
        ["某某局2023年政府信息公开工作年度报告。", "x"],
        ["某某局2023年政府信息公开工作年度报告\u0301", "x"],
        ["  " * 300 + "某某局2023年政府信息公开工作年度报告", "x"],
        ["发布日期：２０２３年１月１９日", "正文"],
        ["发布 时间 2023-01-19", "正文", "２０２３年１月１９日"],
        ["正文", "2023年1月㏠", "2023\uf98e1月19日 "],
    ]
    for lines in tricky:
        blocks = [Paragraph(t, Location(line=i + 1)) for i, t in enumerate(lines)]
        docs.append(Document(path="x.txt", format="text", blocks=list(blocks)))
    flat = [flatten(d) for d in docs]
    fast = [(meta.find_title(lines, None), meta.find_published(lines, {})) for lines in flat]
    monkeypatch.setattr(meta, "_may_be_title", lambda raw, following: True)
    monkeypatch.setattr(meta, "_TITLE_CHARS", ("", ""))
    monkeypatch.setattr(meta, "_DATE_CHARS", ("", "", ""))
    monkeypatch.setattr(meta, "_YEAR_CHARS", ("", ""))
    assert [(meta.find_title(lines, None), meta.find_published(lines, {})) for lines in flat] == fast
    assert sum(title.title is not None for title, _ in fast) > 20
    assert sum(published is not None for _, published in fast) > 5
