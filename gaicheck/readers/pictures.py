"""Pictures inside an HTML page, read by OCR: HTML reader → **pictures** → ocr.page → blocks in place.

An `<img>` is read when its picture is a `data:` URI or a local file beside the page (a relative path
that stays inside the page's folder); nothing is ever fetched from the network. Only pages with fewer
than three tables of their own are searched (a page whose tables are HTML needs no picture of them), only
pictures of at least MIN_SIDE pixels each way are read (not logos or icons), and only with the `ocr`
extra. The picture's blocks go where the `<img>` stands; their locations are its line and column
(plus table/row/cell), and each such line gets the note `ocr-line:N`.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from gaicheck.model.document import Block, Document, Paragraph, Picture, Table
from gaicheck.readers.errors import ReadError

MIN_SIDE = 120
_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE | re.DOTALL)
_DATA_URI = re.compile(r"^data:image/[a-z0-9.+-]+;base64,(.*)$", re.IGNORECASE | re.DOTALL)


def _picture_bytes(src: str, folder: Path | None) -> bytes | None:
    """The picture's bytes: decoded from a data: URI, or read from a file inside `folder`; else None."""
    src = src.strip()
    m = _DATA_URI.match(src)
    if m:
        try:
            return base64.b64decode(re.sub(r"\s+", "", m.group(1)), validate=True)
        except (binascii.Error, ValueError):
            return None
    if folder is None or re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE) or src.startswith(("/", "\\")):
        return None  # http:, https:, file:, an absolute path: never read
    relative = unquote(src.split("#", 1)[0].split("?", 1)[0])
    try:
        target = (folder / relative).resolve()
        if not target.is_relative_to(folder.resolve()) or not target.is_file():
            return None
        return target.read_bytes()
    except (OSError, ValueError):
        return None


def add_html_pictures(doc: Document, source: str) -> None:
    """OCR the page's pictures of tables and put their blocks where the pictures stand (in place)."""
    if sum(1 for b in doc.blocks if isinstance(b, Table)) >= 3 or "<img" not in source.lower():
        return
    from gaicheck.readers.image import ocr_ready

    if not ocr_ready():
        return
    from gaicheck.ocr import OcrUnavailable, max_pages
    from gaicheck.readers.image import grey_pages, open_image

    folder = Path(doc.path).parent if doc.path not in ("", "-") else None  # standard input: no folder
    found: list[tuple[int, list[Block]]] = []
    table_no = 1
    for m in _IMG.finditer(source):
        if max_pages() and len(found) >= max_pages():
            break
        data = _picture_bytes(next(g for g in m.groups() if g is not None), folder)
        if data is None:
            continue
        try:
            image = open_image(data)
            if min(image.size) < MIN_SIDE:
                continue
            frames = grey_pages(image)[:1]
        except ReadError:
            continue  # a broken or oversized picture on a page is skipped, not fatal
        line = source.count("\n", 0, m.start()) + 1
        column = m.start() - (source.rfind("\n", 0, m.start()) + 1) + 1
        from gaicheck.ocr.page import read_picture

        try:
            result = read_picture(frames[0], {"line": line, "column": column}, f"<img> line {line}", table_no)
        except OcrUnavailable:
            return
        if any_text(result.blocks):
            table_no += sum(1 for b in result.blocks if isinstance(b, Table))
            found.append((line, result.blocks))
            doc.notes.append(f"ocr-line:{line}")
    if not found:
        return
    blocks: list[Block] = []
    pending = sorted(found, key=lambda f: f[0])
    for block in doc.blocks:
        while pending and (block.loc.line or 0) > pending[0][0]:
            blocks.extend(pending.pop(0)[1])
        blocks.append(block)
    for _line, extra in pending:
        blocks.extend(extra)
    old, doc.blocks = doc.blocks, blocks
    lines = {line for line, blocks in found if read_a_table(blocks)}
    place_pictures(doc, old, lambda p: p.loc.line in lines)


def any_text(blocks: list[Block]) -> bool:
    """Did OCR read any text from a picture (a ruled grid without text is left a picture)?"""
    return any(
        b.text.strip() if isinstance(b, Paragraph) else any(c.text.strip() for r in b.rows for c in r.cells)
        for b in blocks
    )


def read_a_table(blocks: list[Block]) -> bool:
    """Did OCR read a table with some text from a picture (then it no longer stands in for a table)?"""
    return any(isinstance(b, Table) and any(c.text.strip() for r in b.rows for c in r.cells) for b in blocks)


def place_pictures(doc: Document, old: list[Block], read: Callable[[Picture], bool]) -> None:
    """After OCR put blocks among `old` (now `doc.blocks`): the pictures OCR read leave `doc.pictures`
    (their tables are among the blocks now), the others keep pointing at the same block."""
    at = {id(block): i for i, block in enumerate(doc.blocks)}
    kept: list[Picture] = []
    for picture in doc.pictures:
        if read(picture):
            continue
        block = at[id(old[picture.block])] if picture.block < len(old) else len(doc.blocks)
        kept.append(Picture(picture.loc, block, picture.name))
    doc.pictures = kept
