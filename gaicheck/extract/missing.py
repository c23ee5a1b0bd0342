"""Why a statistical table is missing: the Document's pictures and attachment links, and the sections
found → **the reason** → the extractor's `table_missing` observation (STR002 words it).

A picture inside the table's section (between its heading and the next heading found) says the table
was given as a picture; else a link to a document file says it may be in that attachment; a report that
is nothing but its title and pictures says the same of them; otherwise nothing stands in its place.
Format-neutral: pictures and links are placed by block index, whatever the reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from gaicheck.extract.sections import FoundSection
from gaicheck.model.document import Document, Location, Picture
from gaicheck.templates import TableSpec

Reason = Literal["picture", "attachment", "none"]


@dataclass(slots=True, frozen=True)
class Missing:
    """reason: what stands in the table's place; loc: where the finding points; then what STR002's
    message names: the section's number and the picture's name or PDF page, or the attachment's text and target."""

    reason: Reason
    loc: Location | None
    section: str | None = None
    picture: str | None = None
    picture_page: int | None = None
    attachment: str | None = None
    href: str | None = None


def _span(section: FoundSection, sections: dict[str, FoundSection], end: int) -> tuple[int, int]:
    """The blocks of a section: after its heading's block, up to and including the next heading's."""
    start = section.line.block
    following = [s.line.block for s in sections.values() if s.line.block > start]
    return start, min(following, default=end)


def _picture(picture: Picture, section: str | None) -> Missing:
    return Missing("picture", picture.loc, section, picture.name or None, picture.loc.page)


def why_missing(
    document: Document, table: TableSpec, sections: dict[str, FoundSection], fallback: Location | None
) -> Missing:
    """Why `table` was not found; `fallback`: where to point when nothing else is known (the title)."""
    section = sections.get(table.section)
    end = len(document.blocks) + 1
    if section is not None and document.pictures:
        start, stop = _span(section, sections, end)
        inside = next((p for p in document.pictures if start < p.block <= stop), None)
        if inside is not None:
            return _picture(inside, section.number)
    if document.attachments:
        link = document.attachments[0]
        return Missing("attachment", link.loc, attachment=link.text, href=link.href)
    if not sections and document.pictures:  # nothing but a title and pictures
        return _picture(document.pictures[0], None)
    return Missing("none", section.line.loc if section is not None else fallback)
