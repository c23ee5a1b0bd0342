"""Pictures inside a DOCX body, read by OCR: DOCX reader → **docx_pictures** → ocr.page → blocks in place.

A paragraph holding a picture (`<a:blip r:embed>`) of a table is read with the `ocr` extra, when the
document has fewer than three tables of its own; the picture's blocks follow that paragraph, located by
its number (plus table/row/cell), and the paragraph gets the note `ocr-paragraph:N`.
"""

from __future__ import annotations

from typing import Any

from gaicheck.model.document import Block, Document, Table
from gaicheck.readers.errors import ReadError

BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
MIN_SIDE = 120


def picture_ids(paragraph: Any) -> list[str]:
    """The relationship ids of the pictures drawn in a paragraph."""
    return [rid for blip in paragraph.iter(BLIP) if (rid := blip.get(EMBED))]


def add_docx_pictures(doc: Document, part: Any, found: list[tuple[int, str]]) -> None:
    """OCR the pictures (paragraph number, relationship id) and put their blocks after their paragraphs."""
    if not found or sum(1 for b in doc.blocks if isinstance(b, Table)) >= 3:
        return
    from gaicheck.readers.image import ocr_ready

    if not ocr_ready():
        return
    from gaicheck.ocr import OcrUnavailable, max_pages
    from gaicheck.ocr.page import read_picture
    from gaicheck.readers.image import grey_pages, open_image
    from gaicheck.readers.pictures import any_text, place_pictures, read_a_table

    pictures: list[tuple[int, list[Block]]] = []
    read: set[int] = set()
    table_no = 1 + sum(1 for b in doc.blocks if isinstance(b, Table))
    for paragraph, rid in found:
        if max_pages() and len(pictures) >= max_pages():
            break
        try:
            data = part.related_parts[rid].blob
            image = open_image(data)
            if min(image.size) < MIN_SIDE:
                continue
            grey = grey_pages(image)[0]
        except (KeyError, AttributeError, ReadError, IndexError):
            continue  # a linked (not embedded), broken or oversized picture is skipped
        try:
            result = read_picture(grey, {"paragraph": paragraph}, f"picture {rid}", table_no)
        except OcrUnavailable:
            return
        if any_text(result.blocks):
            table_no += sum(1 for b in result.blocks if isinstance(b, Table))
            pictures.append((paragraph, result.blocks))
            if read_a_table(result.blocks):
                read.add(paragraph)  # a table read from it: no longer a picture standing in for one
            doc.notes.append(f"ocr-paragraph:{paragraph}")
    if not pictures:
        return
    blocks: list[Block] = []
    for block in doc.blocks:
        while pictures and block.loc.paragraph is not None and block.loc.paragraph > pictures[0][0]:
            blocks.extend(pictures.pop(0)[1])
        blocks.append(block)
    for _paragraph, extra in pictures:
        blocks.extend(extra)
    old, doc.blocks = doc.blocks, blocks
    place_pictures(doc, old, lambda p: p.loc.paragraph in read and p.loc.table is None)
