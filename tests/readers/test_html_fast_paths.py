"""The HTML reader's fast paths give what the general code gives (text, location and grid)."""

from __future__ import annotations

import random

import pytest
from lxml import etree

from gaicheck.readers import html
from gaicheck.readers.html import _Locator, _Reader, _structure, normalize


def _reference_search(source: str, key: str, start: int, end: int) -> int:
    """The locator's search as first written: two backward scans per hit."""
    pos = source.find(key, start, end)
    while pos != -1:
        lo = pos - 4096 if pos > 4096 else 0
        if source.rfind("<", lo, pos) <= source.rfind(">", lo, pos):
            return pos
        close = source.find(">", pos, end)
        if close == -1:
            return -1
        pos = source.find(key, close + 1, end)
    return -1


SOURCES = [
    '<td style="padding:0 0pt"><p style="margin:0"><span style="font:0">0</span></p></td> 0',
    "<p>1 < 2</p><p>2</p>",
    "a 0 <b title='0'>0</b>",
    "0<x a=0>",
    "<x a=0",
    "<" + "a" * 5000 + " 0>0",
    "x" * 5000 + "<a b=0>0",
    "<a>\n0</a>",
    "",
]


@pytest.mark.parametrize("source", SOURCES)
def test_search_matches_the_reference(source: str) -> None:
    locator = _Locator(source)
    for key in ("0", "1", "2", "a", "x0", "<"):
        for start in range(0, len(source) + 1, max(1, len(source) // 40)):
            for end in (len(source), start + 3, start + 16384):
                assert locator._search(key, start, end) == _reference_search(source, key, start, end)


def _cells(markup: str) -> tuple[str, list[etree._Element], _Reader]:
    source = f"<html><body><table><tr>{markup}</tr></table></body></html>"
    root = etree.fromstring(source, etree.HTMLParser())
    data, containers = _structure(root)
    return source, list(root.iter("td")), _Reader(source, data, containers)


CELLS = [
    "<td><p>一、本年新收</p></td>",
    "<td>\n<p align=center><span style='x'>859</span></p>\n</td>",
    "<td> x <p>a</p></td>",
    "<td><p>a</p> tail</td>",
    "<td><p>a<br>b</p></td>",
    "<td><p></p></td>",
    "<td><p> \n </p>\n</td>",
    "<td>\u200b<p>a</p></td>",
    "<td><div><p>a</p><p>b</p></div></td>",
    "<td><p>a</p><p>b</p></td>",
    "<td><span>a</span></td>",
    "<td><br></td>",
    "<td><p><span>中\n文</span> <span>x</span></p></td>",
]


@pytest.mark.parametrize("markup", CELLS)
def test_cell_text_matches_the_full_walk(markup: str) -> None:
    source, tds, fast = _cells(markup)
    _source, _tds, slow = _cells(markup)
    for td, td2 in zip(tds, _tds, strict=True):
        assert fast.cell_text(td) == slow._cell_text_walk(td2)


def _grid_of(rows: list[list[tuple[int, int]]]) -> list[list[tuple[str, bool]]]:
    reader = _Reader("", set(), set())
    loc = html.Location(line=1)
    specs: list[html._RowSpec] = []
    need = 0
    for r, row in enumerate(rows):
        cells = [(f"{r}.{c}", loc, rs, cs) for c, (rs, cs) in enumerate(row)]
        specs.append((loc, cells, any(rs != 1 or cs != 1 for rs, cs in row)))
        need += sum((len(rows) - r if rs == 0 or rs > len(rows) - r else rs) * cs for rs, cs in row)
    table = reader._grid(specs, need)
    return [] if table is None else [[(cell.text, cell.spanned) for cell in row.cells] for row in table.rows]


def test_grid_rows_without_spans_are_filled_whole() -> None:
    assert _grid_of([[(1, 1), (1, 1)], [(1, 1)], []]) == [
        [("0.0", False), ("0.1", False)],
        [("1.0", False), ("", False)],
        [("", False), ("", False)],
    ]
    assert _grid_of([[(2, 1), (1, 1)], [(1, 1)], [(1, 1), (1, 1)]]) == [
        [("0.0", False), ("0.1", False)],
        [("0.0", True), ("1.0", False)],
        [("2.0", False), ("2.1", False)],
    ]
    assert _grid_of([[(1, 1)], [(1, 2)], [(0, 1), (1, 1)]]) == [
        [("0.0", False), ("", False)],
        [("1.0", False), ("1.0", True)],
        [("2.0", False), ("2.1", False)],
    ]
    assert _grid_of([]) == []


def test_normalize_shortcut_is_exact() -> None:
    rng = random.Random(7)
    alphabet = ["1", "a", "中", "文", " ", "\n", "\u3000", "\u00a0", "\u200b", "\u00ad", "\x1c", "²", "Ⅷ"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        slow = " ".join(html._ZERO_WIDTH_RE.sub("", html._CJK_BREAK.sub("", text)).split())
        assert normalize(text) == slow


@pytest.mark.parametrize("source", ["", "\n", "a", "a\n", "\na\n\nb", "x\ny\n\n", "中文\n" * 3])
def test_line_starts_as_split_gives_them(source: str) -> None:
    expected = [0]
    for line in source.split("\n"):
        expected.append(expected[-1] + len(line) + 1)
    assert html._line_starts(source) == expected
