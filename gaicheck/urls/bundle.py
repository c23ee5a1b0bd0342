"""A web page and the attachments it links, read as **one** Document: the page's blocks, then each
attachment's, every location of an attachment naming it (`Location.source`), so that the tables an
attachment holds fill what the page lacks (STR002 does not fire for them) and a finding says where it is.

urls.download (page, attachments) → **bundle** → Document → extractor (as any file's).
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

from gaicheck.model.document import (
    ATTACHMENT_EXTENSIONS,
    Attachment,
    Block,
    Document,
    Location,
    Paragraph,
    Picture,
    Row,
    Table,
)
from gaicheck.readers import read_bytes
from gaicheck.urls.download import Downloaded, download

MAX_ATTACHMENTS = 10


@dataclass(slots=True)
class Fetched:
    """A page and the attachments it links, downloaded."""

    page: Downloaded
    attachments: list[tuple[Attachment, Downloaded]] = field(default_factory=list)


def fetch(url: str, lang: str = "zh", max_bytes: int | None = None) -> Fetched:
    """The page at `url` and each attachment it links (at most MAX_ATTACHMENTS, each within the limits);
    DownloadError for the first that cannot be downloaded."""
    sized = {"max_bytes": max_bytes} if max_bytes else {}
    page = download(url, lang, **sized)
    document = read_bytes(page.url, page.data)
    fetched = Fetched(page)
    seen: set[str] = set()
    for link in document.attachments[:MAX_ATTACHMENTS]:
        target = urllib.parse.urljoin(page.url, link.href.strip())
        if target in seen:
            continue
        seen.add(target)
        fetched.attachments.append((link, download(target, lang, **sized)))
    return fetched


def attachment_name(link: Attachment, got: Downloaded) -> str:
    """The attachment's name as a reader and a user know it: its file name, else the link's text."""
    for name in (got.name, link.text.strip()):
        if name.lower().endswith(ATTACHMENT_EXTENSIONS):
            return name
    return got.name or link.text.strip() or got.url


def _at(loc: Location, source: str) -> Location:
    return Location(loc.line, loc.column, loc.page, loc.table, loc.row, loc.cell, loc.paragraph, source)


def _moved(block: Block, source: str) -> Block:
    if isinstance(block, Paragraph):
        return Paragraph(block.text, _at(block.loc, source))
    rows = [Row([type(c)(c.text, _at(c.loc, source), c.spanned) for c in row.cells], _at(row.loc, source))
            for row in block.rows]
    return Table(rows, _at(block.loc, source), block.exact_grid)


Place = tuple[int, int]  # (block index, row index within a table block; 0 for a paragraph)


def _headings(document: Document) -> tuple[dict[str, Place], set[str]]:
    """The template sections found in `document` (section key → where its heading is), and the sections
    that hold a statistical table in that template."""
    from gaicheck.extract.meta import find_title
    from gaicheck.extract.sections import find_sections
    from gaicheck.extract.stream import flatten
    from gaicheck.templates import registry

    lines = flatten(document)
    meta = find_title(lines, document.title)
    template = registry().for_year(meta.year)
    found = find_sections(lines, template, meta.title_line or 0)
    places: dict[str, Place] = {}
    for key, f in found.items():
        block = f.line.block
        if block < 0:
            continue
        row = 0
        if isinstance(document.blocks[block], Table):
            table = document.blocks[block]
            assert isinstance(table, Table)
            row = next((i for i, r in enumerate(table.rows) if r.loc == f.line.loc), 0)
        places[key] = (block, row)
    return places, {t.section for t in template.table_order()}


def _tables_by_section(part: Document) -> tuple[dict[str, list[Table]], list[Block]]:
    """An attachment's tables under the section heading each follows (its own headings, as the official
    statistical tables carry them, in a paragraph or in a table's row: then the rows after it), and its
    blocks when it has no heading to go by."""
    places, owning = _headings(part)
    heads = sorted((place, key) for key, place in places.items())
    if not heads:
        return {}, list(part.blocks)
    placed: dict[str, list[Table]] = {}
    for number, ((block, row), key) in enumerate(heads):
        if key not in owning:
            continue
        stop_block, stop_row = heads[number + 1][0] if number + 1 < len(heads) else (len(part.blocks), 0)
        tables: list[Table] = []
        for index in range(block, min(stop_block, len(part.blocks) - 1) + 1):
            piece = part.blocks[index]
            if not isinstance(piece, Table):
                continue
            first = row + 1 if index == block else 0
            last = stop_row if index == stop_block else len(piece.rows)
            if index == stop_block and not (stop_row > 0):
                continue  # the next heading opens this block: nothing of it belongs here
            rows = piece.rows[first:last]
            if rows:
                tables.append(Table(rows, rows[0].loc, piece.exact_grid))
        if tables:
            placed[key] = tables
    return placed, []


def read_fetched(url: str, fetched: Fetched) -> Document:
    """One Document for the page and its attachments, its path the page's address. An attachment's table
    goes under the page's heading of the section it belongs to, where the page has none of its own (the
    extractor looks for a table in its section); an attachment without such headings goes at the end."""
    document = read_bytes(url, fetched.page.data)
    document.path = url
    page_heads = {key: block for key, (block, _row) in _headings(document)[0].items()}
    after: dict[int, list[Block]] = {}  # page block index → attachment blocks placed after it
    at_end: list[Block] = []
    pictures: list[Picture] = []
    read: set[str] = set()
    for link, got in fetched.attachments:
        name = attachment_name(link, got)
        part = read_bytes(name, got.data)
        placed, rest = _tables_by_section(part)
        for key, tables in placed.items():
            head = page_heads.get(key)
            moved = [_moved(t, name) for t in tables]
            if head is None:
                at_end.extend(moved)
            elif not _has_table(document, head, page_heads):
                after.setdefault(head, []).extend(moved)
        at_end.extend(_moved(block, name) for block in rest)
        pictures.extend(Picture(_at(p.loc, name), -1, p.name) for p in part.pictures)
        read.add(link.href)
    blocks: list[Block] = []
    index: dict[int, int] = {}  # page block → its index in the merged document
    for number, block in enumerate(document.blocks):
        index[number] = len(blocks)
        blocks.append(block)
        blocks.extend(after.get(number, []))
    index[len(document.blocks)] = len(blocks)
    blocks.extend(at_end)
    document.blocks = blocks
    document.pictures = [Picture(p.loc, index.get(p.block, p.block), p.name) for p in document.pictures]
    document.pictures.extend(Picture(p.loc, len(blocks), p.name) for p in pictures)
    # a link whose attachment was read holds nothing more: only the others may still hold a missing table
    document.attachments = [Attachment(a.text, a.href, a.loc, index.get(a.block, a.block))
                            for a in document.attachments if a.href not in read]
    return document


def _has_table(document: Document, head: int, heads: dict[str, int]) -> bool:
    """Whether the page's section whose heading is block `head` holds a table of its own."""
    stop = min((b for b in heads.values() if b > head), default=len(document.blocks))
    return any(isinstance(b, Table) for b in document.blocks[head + 1:stop])


__all__ = ["MAX_ATTACHMENTS", "Fetched", "attachment_name", "fetch", "read_fetched"]
