"""Renderers: one generated report (generate.Spec) → the bytes of one publication shape, with its known cells.

Each `Shape` writes the same document (title, date, six sections, three tables) the way one kind of
publication does: text dumps (pipe, Markdown, tab, one cell per line, run-on crawler text), HTML as Word,
WPS and CMS editors write it, DOCX, XLSX and PDF. `render(spec, seed)` returns a `Rendered`: the file
name and bytes and the cells it deliberately wrote blank (`—`, `/`, `无` for a zero), which a reader must
report as blank. Style choices come from `seed`, so a changed report renders in the same style.
"""

from __future__ import annotations

import html
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from tests.shapes.generate import GCell, Grid, Spec, dense, grids, paragraphs, published, template, title, width

Block = tuple[str, str] | tuple[str, str, Grid]  # ("p", text) | ("h", heading) | ("t", table key, grid)


@dataclass
class Rendered:
    name: str
    data: bytes
    blank: set[str] = field(default_factory=set)  # cells written as an empty marker
    # where a blank cell must be placed: (line, column) of its own `<td` (shapes on one long line)
    blank_at: dict[str, tuple[int, int]] = field(default_factory=dict)
    # cells of rows written without their label (a structural note, STR007, may name them)
    unlabelled: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Shape:
    name: str
    family: str  # text | runon | html | docx | xlsx | pdf
    render: Callable[[Spec, int], Rendered]
    runon: bool = False  # cells glued: a cell may be named unreadable instead of read


def document(spec: Spec) -> list[Block]:
    """The report in reading order."""
    prose = paragraphs(spec)
    tables = grids(spec)
    blocks: list[Block] = [("p", title(spec)), ("p", published(spec)), *[("p", t) for t in prose["intro"]]]
    for key, heading in spec.headings.items():
        blocks.append(("h", heading))
        blocks += [("p", t) for t in prose.get(key, [])]
        if key in tables:
            blocks.append(("t", key, tables[key]))
    return blocks


# ---- cell text styles ---------------------------------------------------------------------------
FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def thousands(raw: str) -> str:
    sign = raw[0] if raw[:1] in "+-" else ""
    body = raw[len(sign) :]
    whole, dot, frac = body.partition(".")
    return sign + (f"{int(whole):,}" if whole.isdigit() else whole) + dot + frac


class Styler:
    """Writes a value cell's text in one style; records cells written blank."""

    def __init__(
        self,
        rng: random.Random,
        dashes: bool = False,
        full_width: bool = False,
        commas: bool = False,
        zero_fee: bool = False,
        seed: int = 0,
    ) -> None:
        self.rng, self.dashes, self.full_width, self.commas, self.zero_fee = rng, dashes, full_width, commas, zero_fee
        self.seed = seed
        self.blank: set[str] = set()

    def __call__(self, cell: GCell) -> str:
        text = cell.text
        if cell.key is None:
            return text
        if self.dashes and text == "0":
            # whether a zero is blank, and its marker, depend on the cell only: a changed report (a 0 made
            # 1 before it) blanks the same other cells with the same markers
            own = random.Random(f"{self.seed}/{cell.key}")
            if own.random() < 0.5:
                self.blank.add(cell.key)
                return own.choice(["—", "/", "无", "-"])
        if self.zero_fee and text == "0" and cell.key.endswith(".amount"):
            text = "0.00"
        if self.commas:
            text = thousands(text)
        if self.full_width:
            text = text.translate(FULL_WIDTH)
        return text


def plain(cell: GCell) -> str:
    return cell.text


# ---- text ---------------------------------------------------------------------------------------
def table_lines(grid: Grid, style: Callable[[GCell], str], fill: str) -> list[list[str]]:
    """Rows of cell texts. fill: 'empty' (a spanned position is an empty cell), 'omit' (left out: rows
    with one value), 'repeat' (the spanning cell's text again, as some converters write merged cells)."""
    out: list[list[str]] = []
    for row in dense(grid):
        line = []
        for cell, start in row:
            if start:
                line.append(style(cell))
            elif fill == "empty":
                line.append("")
            elif fill == "repeat" and cell.key is None:
                line.append(cell.text)
        out.append(line)
    return out


def text_doc(spec: Spec, table: Callable[[Grid], list[str]], gap: bool = False) -> str:
    lines: list[str] = []
    for block in document(spec):
        if block[0] == "t":
            lines += table(block[2])  # type: ignore[misc]
        else:
            lines.append(block[1])
        if gap:
            lines.append("")
    return "\n".join(lines) + "\n"


def pipe(outer: bool, fill: str) -> Callable[[Spec, int], Rendered]:
    def render(spec: Spec, seed: int) -> Rendered:
        def table(grid: Grid) -> list[str]:
            rows = table_lines(grid, plain, fill)
            if outer:
                return ["| " + " | ".join(r) + " |" for r in rows]
            return [" | ".join(r) if len(r) > 1 else r[0] + " |" for r in rows]

        return Rendered("report.txt", text_doc(spec, table).encode())

    return render


def markdown(spec: Spec, seed: int) -> Rendered:
    """A converter's Markdown (pandoc, a CMS export): `#` headings, tables with a separator row under
    their first row, blank lines around them, and the page's metadata table with an escaped pipe."""
    rng = random.Random(seed)

    def table(grid: Grid) -> list[str]:
        rows = table_lines(grid, plain, "empty")
        lines = ["| " + " | ".join(r) + " |" for r in rows]
        sep = "|" + "|".join(rng.choice(["---", ":---:", "---:", "-----"]) for _ in rows[0]) + "|"
        return ["", lines[0], sep, *lines[1:], ""]

    meta = [
        "| 索引号 | 11350128MB1234567X/2024-00012 |",
        "| --- | --- |",
        "| 主题分类 | 政务公开 \\| 年度报告 |",
        "",
    ]
    body = text_doc(spec, table, gap=True)
    body = body.replace(title(spec) + "\n", f"# {title(spec)}\n", 1)
    for heading in spec.headings.values():
        body = body.replace(f"\n{heading}\n", f"\n## {heading}\n", 1)
    return Rendered("report.md", ("\n".join(meta) + "\n" + body).encode())


def _moved_row(spec: Spec, rng: random.Random) -> tuple[str, str] | None:
    """A table-2 row of a group (not its last) and the row after its group, when that row is an outcome
    as well (the unlabelled row may then be taken for it by position): (moved row, row after)."""
    rows = template(spec.version)["tables"]["apply"]["rows"]
    choices = []
    for row in rows:
        group = row.get("group")
        if group in (None, "outcomes"):
            continue
        members = [r for r in rows if r.get("group") == group]
        after = rows.index(members[-1]) + 1
        if row is not members[-1] and after < len(rows) and rows[after].get("tags") == row.get("tags"):
            choices.append((row["key"], rows[after]["key"]))
    return rng.choice(choices) if choices else None


def markdown_pdf(spec: Spec, seed: int) -> Rendered:
    """Markdown converted from a PDF (the 上海市科委 2024 family): a table-2 row whose label the converter
    lost, its numbers written as a row of their own (with a separator row under it) after the rest of its
    group, just before the next group's first row and its label (`1.信访举报投诉类申请`); the lost label
    survives as a garbled line of text above the group. The row is read where its group has a free row
    (STR007 says it had no label), never as the labelled row that follows it (no STR007 + STR008 pair)."""
    rng = random.Random(seed)
    moved, before = _moved_row(spec, rng) or ("", "")
    rows = template(spec.version)["tables"]["apply"]["rows"]
    labels = {r["key"]: r["label"] for r in rows}
    cols = [c["key"] for c in template(spec.version)["tables"]["apply"]["columns"]]
    moved_cells = [f"apply.{moved}.{c}" for c in cols] if moved else []

    def table(grid: Grid) -> list[str]:
        lines: list[str] = []
        held: list[str] = []
        for cells, texts in zip(dense(grid), table_lines(grid, plain, "empty"), strict=True):
            keys = {cell.key for cell, _start in cells if cell.key}
            line = "| " + " | ".join(texts) + " |"
            if moved and f"apply.{moved}.total" in keys:
                values = [cell.text for cell, start in cells if start and cell.key]
                held = ["| " + " | ".join(values) + " |", "|" + "---|" * len(values)]
                label = labels[moved]
                cut = max(1, len(label) // 2)
                lines += [label[:cut] + "另", "法提供" + label[cut:]]  # its label, garbled with a neighbour's
                continue
            if moved and f"apply.{before}.total" in keys:
                lines += held
            lines.append(line)
            if len(lines) == 1:
                lines.append("|" + "---|" * len(texts))
        return ["", *lines, ""]

    body = text_doc(spec, table, gap=True)
    return Rendered("report.md", body.encode(), unlabelled=set(moved_cells))


def tabs(spec: Spec, seed: int) -> Rendered:
    return Rendered(
        "report.txt", text_doc(spec, lambda g: ["\t".join(r) for r in table_lines(g, plain, "empty")]).encode()
    )


def one_per_line(spec: Spec, seed: int) -> Rendered:
    """Copied from a web page: every cell on its own line, tables separated by blank lines."""

    def table(grid: Grid) -> list[str]:
        return [""] + [t for r in table_lines(grid, plain, "omit") for t in r] + [""]

    return Rendered("report.txt", text_doc(spec, table).encode())


def runon(sep: str, header_line: bool = False) -> Callable[[Spec, int], Rendered]:
    """Crawler text: a whole table on one line (cells glued, or one space apart), glued to its heading
    and to what follows; with `header_line`, each table row on its own line but the header labels and
    the first row of digits on one line (table 3's one row follows its labels)."""

    def render(spec: Spec, seed: int) -> Rendered:
        rng = random.Random(seed)
        out: list[str] = []
        line = ""
        for block in document(spec):
            if block[0] == "t":
                rows = table_lines(block[2], plain, "omit")  # type: ignore[misc]
                if header_line:
                    text_rows = [sep.join(r) for r in rows]
                    heads = next((i for i, r in enumerate(block[2]) if any(c.key for c in r)), 0)  # type: ignore[misc]
                    head = sep.join(text_rows[: heads + 1])
                    out.append(line + head)
                    out += text_rows[heads + 1 :]
                    line = ""
                else:
                    line += sep.join(t for r in rows for t in r)
            elif block[0] == "h" and line and rng.random() < 0.7:
                line += block[1]  # the next heading follows the table directly
            else:
                if line:
                    out.append(line)
                line = block[1]
        out.append(line)
        return Rendered("report.txt", ("\n".join(out) + "\n").encode())

    return render


# ---- HTML ---------------------------------------------------------------------------------------
def _html_rows(grid: Grid, cell_html: Callable[[GCell], str], first: int = 0, last: int | None = None) -> list[str]:
    rows = []
    for row in grid[first:last]:
        cells = []
        for cell in row:
            attrs = (f' rowspan="{cell.rows}"' if cell.rows > 1 else "") + (
                f' colspan="{cell.cols}"' if cell.cols > 1 else ""
            )
            cells.append(f"<td{attrs}>{cell_html(cell)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return rows


def _split_at(grid: Grid) -> int:
    """A row where the table can be cut without cutting a rowspan (for 'one table in two')."""
    spans_until = 0
    candidates = []
    for r, row in enumerate(grid):
        if r >= spans_until and r > 3:
            candidates.append(r)
        for cell in row:
            spans_until = max(spans_until, r + cell.rows)
    return candidates[len(candidates) // 2] if candidates else len(grid)


def html_page(spec: Spec, table_html: Callable[[str, Grid], str], para: Callable[[str], str], head: str = "") -> str:
    parts = [f'<html><head><meta charset="utf-8"><title>{html.escape(title(spec))}</title>{head}</head><body>']
    for block in document(spec):
        if block[0] == "t":
            parts.append(table_html(block[1], block[2]))  # type: ignore[misc]
        else:
            parts.append(para(block[1]))
    parts.append("</body></html>")
    return "\n".join(parts)


def html_word(spec: Spec, seed: int) -> Rendered:
    """Word's 'save as web page': every cell a <p class=MsoNormal> with <span>s, &nbsp; in empty cells."""
    rng = random.Random(seed)

    def cell_html(cell: GCell) -> str:
        text = html.escape(cell.text)
        if cell.key is None and len(cell.text) > 6 and rng.random() < 0.5:  # a label cut into runs
            cut = rng.randint(1, len(cell.text) - 1)
            text = f"{html.escape(cell.text[:cut])}</span><span style='font-family:宋体'>{html.escape(cell.text[cut:])}"
        inner = f"<span lang=EN-US style='font-size:10.5pt'>{text or '&nbsp;'}</span>"
        return f"<p class=MsoNormal align=center style='text-align:center'>{inner}<o:p></o:p></p>"

    def table(key: str, grid: Grid) -> str:
        rows = _html_rows(grid, cell_html)
        return (
            "<div class=WordSection1><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>"
            + "\n".join(rows)
            + "</table></div>"
        )

    page = html_page(
        spec, table, lambda t: f"<p class=MsoNormal><span style='font-size:16pt'>{html.escape(t)}</span></p>"
    )
    return Rendered("report.html", page.encode())


def html_wps(spec: Spec, seed: int) -> Rendered:
    """WPS: <p><span> in cells, long labels broken with <br>, styles inline."""
    rng = random.Random(seed)

    def cell_html(cell: GCell) -> str:
        text = html.escape(cell.text)
        if cell.key is None and "（" in cell.text[1:] and rng.random() < 0.7:
            i = cell.text.index("（", 1)
            text = html.escape(cell.text[:i]) + "<br/>" + html.escape(cell.text[i:])
        return f'<p style="text-align:center;line-height:20px"><span style="font-size:14px;font-family:仿宋_GB2312">{text}</span></p>'

    def table(key: str, grid: Grid) -> str:
        return (
            '<table width="100%" border="1" style="border-collapse:collapse"><tbody>'
            + "".join(_html_rows(grid, cell_html))
            + "</tbody></table>"
        )

    page = html_page(spec, table, lambda t: f'<p style="text-indent:2em"><span>{html.escape(t)}</span></p>')
    return Rendered("report.html", page.encode())


def html_cms(spec: Spec, seed: int) -> Rendered:
    """CMS editors: &nbsp; padding, full-width digits or thousands separators, 0.00 fees, header rows in
    their own <table>, a long table cut in two, tables nested in a layout table."""
    rng = random.Random(seed)
    style = Styler(rng, full_width=rng.random() < 0.4, commas=rng.random() < 0.5, zero_fee=True)
    separate_header, cut, nested = rng.random() < 0.5, rng.random() < 0.5, rng.random() < 0.5

    def cell_html(cell: GCell) -> str:
        text = html.escape(style(cell))
        return f"&nbsp;{text}&nbsp;" if cell.key and rng.random() < 0.3 else text

    def table(key: str, grid: Grid) -> str:
        open_ = '<table border="1" cellspacing="0">'
        heads = 3 if key == "apply" else (3 if key == "review" else 0)
        parts = []
        if separate_header and heads:
            parts.append(open_ + "".join(_html_rows(grid, cell_html, 0, heads)) + "</table>")
            start = heads
        else:
            start = 0
        if cut and key == "apply":
            at = _split_at(grid)
            parts.append(open_ + "".join(_html_rows(grid, cell_html, start, at)) + "</table>")
            parts.append("<p>&nbsp;</p>" + open_ + "".join(_html_rows(grid, cell_html, at)) + "</table>")
        else:
            parts.append(open_ + "".join(_html_rows(grid, cell_html, start)) + "</table>")
        body = "\n".join(parts)
        if nested:
            body = f'<table class="layout" width="100%"><tr><td>{body}</td></tr></table>'
        return body

    page = html_page(spec, table, lambda t: f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{html.escape(t)}</p>")
    return Rendered("report.html", page.encode(), style.blank)


def html_dashes(spec: Spec, seed: int) -> Rendered:
    """Zeros written —, /, 无 or - in some cells (read as blank, named by a blank-cell finding)."""
    style = Styler(random.Random(seed), dashes=True, seed=seed)

    def table(key: str, grid: Grid) -> str:
        return '<table border="1">' + "".join(_html_rows(grid, lambda c: html.escape(style(c)))) + "</table>"

    page = html_page(spec, table, lambda t: f"<p>{html.escape(t)}</p>")
    return Rendered("report.html", page.encode(), style.blank)


def html_one_line(spec: Spec, seed: int) -> Rendered:
    """A CMS page whose whole body sits on one line (上海市人民政府办公厅 2019: line 8 has 36,000
    characters): every cell `<td nowrap style=…><p align="center">…</p></td>`, zeros sometimes written
    `&nbsp;` (blank). Each blank cell must be placed at its own `<td` (line:column), not at the line's start,
    and findings must come in document order."""
    rng = random.Random(seed)
    blank: set[str] = set()
    blank_at: dict[str, tuple[int, int]] = {}
    head = f'<html><head><meta charset="utf-8"><title>{html.escape(title(spec))}</title></head>'
    body: list[str] = ["<body>"]
    at = [len("<body>")]  # characters on line 2 (the body) before the next part

    def add(part: str) -> None:
        body.append(part)
        at[0] += len(part)

    for block in document(spec):
        if block[0] != "t":
            add(f"<p>{html.escape(block[1])}</p>")
            continue
        add('<table align="center" border="1" cellspacing="1"><tbody>')
        for row in block[2]:  # type: ignore[misc]
            add("<tr>")
            for cell in row:
                span = f' colspan="{cell.cols}"' if cell.cols > 1 else ""
                span += f' rowspan="{cell.rows}"' if cell.rows > 1 else ""
                text = html.escape(cell.text)
                # which zeros are blank depends on the cell only, so a changed report blanks the same ones
                chance = random.Random(f"{seed}/{cell.key}").random() if cell.key else 1.0
                if cell.key and cell.text == "0" and not cell.key.startswith("active.") and chance < 0.5:
                    blank.add(cell.key)
                    blank_at[cell.key] = (2, at[0] + 1)
                    text = "&nbsp;"
                add(
                    f'<td{span} nowrap="nowrap" style="width:{rng.randint(38, 219)}px;"><p align="center">{text}</p></td>'
                )
            add("</tr>")
        add("</tbody></table>")
    page = head + "\n" + "".join(body) + "</body></html>\n"
    return Rendered("report.html", page.encode(), blank, blank_at)


# ---- DOCX ---------------------------------------------------------------------------------------
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_table_xml(grid: Grid, style: Callable[[GCell], str], inner: str = "") -> str:
    """A w:tbl with merged cells written both ways Word writes them: w:gridSpan across, w:vMerge down
    (a restart cell, then continuation cells). `inner`: a table nested in the first cell."""
    n = width(grid)
    rows = []
    for r, line in enumerate(dense(grid)):
        cells = []
        c = 0
        while c < n:
            cell = line[c][0]
            first_row = _starts_row(grid, r, cell)
            props = f'<w:gridSpan w:val="{cell.cols}"/>' if cell.cols > 1 else ""
            if cell.rows > 1:
                props += '<w:vMerge w:val="restart"/>' if first_row else "<w:vMerge/>"
            text = escape(style(cell)) if first_row else ""
            body = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
            if inner and r == 0 and c == 0:
                body = inner + "<w:p/>"
            cells.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
            c += cell.cols
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    borders = "".join(
        f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for b in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    cols = "".join('<w:gridCol w:w="800"/>' for _ in range(n))
    return f"<w:tbl {W}><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _starts_row(grid: Grid, r: int, cell: GCell) -> bool:
    return any(c is cell for c in grid[r])


def _docx_render(spec: Spec, seed: int, nested: bool) -> Rendered:
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml

    rng = random.Random(seed)
    document_ = docx.Document()
    document_.core_properties.title = title(spec)
    body = document_.element.body
    sect = body[-1]  # w:sectPr stays last

    def add_table(xml: str) -> None:
        sect.addprevious(parse_xml(xml))

    for block in document(spec):
        if block[0] != "t":
            document_.add_paragraph(block[1])
            continue
        key, grid = block[1], block[2]  # type: ignore[misc]
        if nested:  # the table inside the one cell of a layout table
            add_table(_docx_table_xml([[GCell("")]], plain, inner=_docx_table_xml(grid, plain)))
        elif key == "apply" and rng.random() < 0.7:  # continued after a page break, header rows repeated or not
            at = _split_at(grid)
            add_table(_docx_table_xml(grid[:at], plain))
            document_.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            add_table(_docx_table_xml((grid[:3] if rng.random() < 0.5 else []) + grid[at:], plain))
        else:
            add_table(_docx_table_xml(grid, plain))
    buffer = io.BytesIO()
    document_.save(buffer)
    return Rendered("report.docx", buffer.getvalue())


def docx_merged(spec: Spec, seed: int) -> Rendered:
    return _docx_render(spec, seed, nested=False)


def docx_nested(spec: Spec, seed: int) -> Rendered:
    return _docx_render(spec, seed, nested=True)


# ---- XLSX ---------------------------------------------------------------------------------------
def xlsx(spec: Spec, seed: int) -> Rendered:
    """One sheet: the prose in column A, each table with its merged cells; values as numbers."""
    import openpyxl

    rng = random.Random(seed)
    book = openpyxl.Workbook()
    sheet = book.active
    r = 1
    for block in document(spec):
        if block[0] != "t":
            sheet.cell(r, 1, block[1])
            r += 1
            continue
        grid = block[2]  # type: ignore[misc]
        n = width(grid)
        taken = [[False] * n for _ in grid]
        for gr, row in enumerate(grid):
            c = 0
            for cell in row:
                while taken[gr][c]:
                    c += 1
                value: object = cell.text
                if cell.key and rng.random() < 0.8 and cell.text.lstrip("+-").replace(".", "", 1).isdigit():
                    value = float(cell.text) if "." in cell.text else int(cell.text)
                sheet.cell(r + gr, c + 1, value)
                if cell.rows > 1 or cell.cols > 1:
                    sheet.merge_cells(
                        start_row=r + gr, start_column=c + 1, end_row=r + gr + cell.rows - 1, end_column=c + cell.cols
                    )
                for dr in range(cell.rows):
                    for dc in range(cell.cols):
                        taken[gr + dr][c + dc] = True
                c += cell.cols
        r += len(grid) + 1
    buffer = io.BytesIO()
    book.save(buffer)
    return Rendered("report.xlsx", buffer.getvalue())


# ---- PDF ----------------------------------------------------------------------------------------
CJK_FONT = "STSong-Light"


def _pdf(spec: Spec, seed: int, ruled: bool) -> Rendered:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    body = ParagraphStyle("body", fontName=CJK_FONT, fontSize=11, leading=16, wordWrap="CJK")
    small = ParagraphStyle("cell", fontName=CJK_FONT, fontSize=7, leading=9, wordWrap="CJK")
    margin = 15 * mm
    total = A4[0] - 2 * margin
    story: list[object] = []
    for block in document(spec):
        if block[0] != "t":
            story.append(RLParagraph(escape(block[1]), body))
            continue
        key, grid = block[1], block[2]  # type: ignore[misc]
        n = width(grid)
        data: list[list[object]] = [["" for _ in range(n)] for _ in grid]
        spans = []
        taken = [[False] * n for _ in grid]
        for r, row in enumerate(grid):
            c = 0
            for cell in row:
                while taken[r][c]:
                    c += 1
                data[r][c] = RLParagraph(escape(cell.text), small)
                if cell.rows > 1 or cell.cols > 1:
                    spans.append(("SPAN", (c, r), (c + cell.cols - 1, r + cell.rows - 1)))
                for dr in range(cell.rows):
                    for dc in range(cell.cols):
                        taken[r + dr][c + dc] = True
                c += cell.cols
        if key == "apply":
            label = total * 0.5
            widths = [label * 0.2, label * 0.3, label * 0.5] + [(total - label) / 7] * 7
        else:
            widths = [total / n] * n
        commands: list[tuple[object, ...]] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *spans]
        if ruled:
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        table = RLTable(data, colWidths=widths)
        table.setStyle(TableStyle(commands))
        story += [Spacer(1, 4), table, Spacer(1, 4)]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title(spec),
    ).build(story)
    return Rendered("report.pdf", buffer.getvalue())


def pdf_ruled(spec: Spec, seed: int) -> Rendered:
    return _pdf(spec, seed, ruled=True)


def pdf_unruled(spec: Spec, seed: int) -> Rendered:
    return _pdf(spec, seed, ruled=False)


SHAPES = [
    Shape("pipe-outer", "text", pipe(outer=True, fill="empty")),
    Shape("pipe-bare", "text", pipe(outer=False, fill="empty")),
    Shape("pipe-one-value", "text", pipe(outer=False, fill="omit")),
    Shape("pipe-merged-repeat", "text", pipe(outer=True, fill="repeat")),
    Shape("markdown", "text", markdown),
    Shape("markdown-pdf", "text", markdown_pdf),
    Shape("tab", "text", tabs),
    Shape("one-per-line", "text", one_per_line),
    Shape("runon-glued", "runon", runon(""), runon=True),
    Shape("runon-spaced", "runon", runon(" "), runon=True),
    Shape("runon-header-line", "runon", runon(" ", header_line=True), runon=True),
    Shape("html-word", "html", html_word),
    Shape("html-wps", "html", html_wps),
    Shape("html-cms", "html", html_cms),
    Shape("html-dashes", "html", html_dashes),
    Shape("html-one-line", "html", html_one_line),
    Shape("docx-merged", "docx", docx_merged),
    Shape("docx-nested", "docx", docx_nested),
    Shape("xlsx", "xlsx", xlsx),
    Shape("pdf-ruled", "pdf", pdf_ruled),
    Shape("pdf-unruled", "pdf", pdf_unruled),
]
BY_NAME = {s.name: s for s in SHAPES}
