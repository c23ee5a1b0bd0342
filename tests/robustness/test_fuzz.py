"""Property-based and mutation tests: whatever the bytes, `check_file` returns a FileResult (findings or a
one-line error) within the time bound, never an exception.

Inputs: random bytes (with and without format magic), and the real reports of examples/ and the corpus
mutated as documents get damaged in the wild: truncated, lines deleted/duplicated/swapped, table cells
deleted/swapped, numbers replaced by random ones, labels with typos, tables cut in half, the report
pasted twice, garbage inserted.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.robustness.seeds import CORPUS, check_bounded, seed_bytes, seed_paths

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI never flakes, failures reproduce
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
SEEDS = st.sampled_from(seed_paths())
TD = re.compile(rb"<td\b.*?</td>", re.S | re.I)
TABLE = re.compile(rb"<table\b.*?</table>", re.S | re.I)
DIGITS = re.compile(rb"\d+")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _join(lines: list[bytes]) -> bytes:
    return b"\n".join(lines)


@given(st.binary(max_size=4096), st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx", ".xlsx", ".doc", ""]))
@FUZZ
def test_random_bytes(data: bytes, ext: str) -> None:
    check_bounded(f"random{ext}", data)


MAGIC = [b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html><body><table>", b"\xff\xfe", b"\xef\xbb\xbf"]


@given(st.sampled_from(MAGIC), st.binary(max_size=4096))
@FUZZ
def test_random_bytes_behind_a_format_signature(magic: bytes, data: bytes) -> None:
    check_bounded("signed.bin", magic + data)


@given(SEEDS, st.data())
@FUZZ
def test_truncated(path: Path, data: st.DataObject) -> None:
    raw = seed_bytes(path)
    cut = data.draw(st.integers(0, len(raw)))
    check_bounded(path.name, raw[:cut])


@given(SEEDS, st.data(), st.sampled_from(["delete", "duplicate", "swap"]))
@FUZZ
def test_lines_deleted_duplicated_swapped(path: Path, data: st.DataObject, op: str) -> None:
    lines = _lines(seed_bytes(path))
    i = data.draw(st.integers(0, len(lines) - 1))
    n = data.draw(st.integers(1, 8))
    if op == "delete":
        del lines[i : i + n]
    elif op == "duplicate":
        lines[i:i] = lines[i : i + n]
    else:
        j = data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    check_bounded(path.name, _join(lines))


def _cells(raw: bytes) -> list[tuple[int, int]]:
    """(start, end) of the table cells: <td> elements, or the fields of pipe/tab rows."""
    spans = [(m.start(), m.end()) for m in TD.finditer(raw)]
    if spans:
        return spans
    pos = 0
    for line in raw.split(b"\n"):
        sep = b"\t" if b"\t" in line else b"|" if line.count(b"|") >= 2 else None
        if sep is not None:
            start = pos
            for part in line.split(sep):
                spans.append((start, start + len(part)))
                start += len(part) + 1
        pos += len(line) + 1
    return spans


@given(SEEDS, st.data(), st.sampled_from(["delete", "duplicate", "swap"]))
@FUZZ
def test_cells_deleted_duplicated_swapped(path: Path, data: st.DataObject, op: str) -> None:
    raw = seed_bytes(path)
    spans = _cells(raw)
    if not spans:
        check_bounded(path.name, raw)
        return
    a = data.draw(st.sampled_from(spans))
    b = data.draw(st.sampled_from(spans))
    first, second = sorted([a, b])
    cell_a, cell_b = raw[first[0] : first[1]], raw[second[0] : second[1]]
    if op == "delete":
        out = raw[: first[0]] + raw[first[1] :]
    elif op == "duplicate":
        out = raw[: first[1]] + (b"\t" if b"\t" in cell_a else b"") + cell_a + raw[first[1] :]
    elif first[1] <= second[0]:
        out = raw[: first[0]] + cell_b + raw[first[1] : second[0]] + cell_a + raw[second[1] :]
    else:
        out = raw
    check_bounded(path.name, out)


NUMBERS = st.one_of(
    st.integers(-10, 1000).map(str),
    st.integers(0, 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", "-", "—", "无", "1,234", "1.5", "3万元", "０", "١٢", "1e9", "--3"]),
)


@given(SEEDS, st.data())
@FUZZ
def test_random_numbers_in_cells(path: Path, data: st.DataObject) -> None:
    raw = seed_bytes(path)
    runs = list(DIGITS.finditer(raw))
    out = bytearray(raw)
    for m in sorted(data.draw(st.lists(st.sampled_from(runs), max_size=12, unique_by=lambda m: m.start())),
                    key=lambda m: -m.start()):
        out[m.start() : m.end()] = data.draw(NUMBERS).encode("utf-8")
    check_bounded(path.name, bytes(out))


@given(SEEDS, st.data())
@FUZZ
def test_labels_with_typos(path: Path, data: st.DataObject) -> None:
    text = seed_bytes(path).decode("utf-8", errors="replace")
    positions = [m.start() for m in CJK.finditer(text)]
    chars = list(text)
    for pos in data.draw(st.lists(st.sampled_from(positions), max_size=40)):
        chars[pos] = data.draw(st.sampled_from(["", "一", "口", "x", "（", "、", " ", chars[pos] * 2, "\u3000"]))
    check_bounded(path.name, "".join(chars).encode("utf-8"))


@given(SEEDS, st.data())
@FUZZ
def test_table_cut_in_half(path: Path, data: st.DataObject) -> None:
    raw = seed_bytes(path)
    tables = [(m.start(), m.end()) for m in TABLE.finditer(raw)]
    if tables:
        start, end = data.draw(st.sampled_from(tables))
        mid = (start + end) // 2
        keep_rest = data.draw(st.booleans())  # with or without the text after the table
        out = raw[:mid] + (raw[end:] if keep_rest else b"")
    else:
        lines = _lines(raw)
        rows = [i for i, line in enumerate(lines) if b"|" in line or b"\t" in line]
        if not rows:
            rows = list(range(len(lines)))
        first, last = rows[0], rows[-1]
        mid = (first + last) // 2
        out = _join(lines[:mid] + lines[last + 1 :])
    check_bounded(path.name, out)


@given(SEEDS, st.sampled_from(["twice", "twice-cut", "reversed-lines"]))
@FUZZ
def test_report_pasted_twice(path: Path, how: str) -> None:
    raw = seed_bytes(path)
    if how == "twice":
        out = raw + b"\n" + raw
    elif how == "twice-cut":
        out = raw + raw[: len(raw) // 2]
    else:
        out = _join(_lines(raw)[::-1])
    check_bounded(path.name, out)


@given(SEEDS, st.data())
@FUZZ
def test_garbage_inserted(path: Path, data: st.DataObject) -> None:
    raw = seed_bytes(path)
    out = raw
    for _ in range(data.draw(st.integers(1, 5))):
        pos = data.draw(st.integers(0, len(out)))
        out = out[:pos] + data.draw(st.binary(min_size=1, max_size=64)) + out[pos:]
    check_bounded(path.name, out)


# ---------------------------------------------------------------- binary formats (fewer examples: slower)

BINARY = settings(FUZZ, max_examples=6)


@cache
def _docx() -> bytes:
    """A small DOCX built from the clean example (paragraphs and one table)."""
    from docx import Document

    doc = Document()
    for line in (EXAMPLES / "2023_example_clean.txt").read_text(encoding="utf-8").splitlines():
        if "|" in line:
            continue
        doc.add_paragraph(line)
    table = doc.add_table(rows=3, cols=3)
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            cell.text = str(i * 3 + j)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@given(st.sampled_from(["pdf", "docx"]), st.data())
@BINARY
def test_damaged_pdf_and_docx(kind: str, data: st.DataObject) -> None:
    raw = (CORPUS / "2024_huaian_shi.pdf").read_bytes() if kind == "pdf" else _docx()
    how = data.draw(st.sampled_from(["truncate", "flip"]))
    if how == "truncate":
        out = raw[: data.draw(st.integers(0, len(raw)))]
    else:
        buf = bytearray(raw)
        for pos in data.draw(st.lists(st.integers(0, len(raw) - 1), min_size=1, max_size=20)):
            buf[pos] = data.draw(st.integers(0, 255))
        out = bytes(buf)
    check_bounded(f"damaged.{kind}", out)


def test_every_seed_checks_cleanly() -> None:
    """The unmutated seeds themselves (and the two binary seeds) satisfy the invariant, with no error."""
    for path in seed_paths():
        assert check_bounded(path.name, seed_bytes(path)).error is None, path
    assert check_bounded("r.docx", _docx()).error is None
    assert len(seed_paths()) >= 20
