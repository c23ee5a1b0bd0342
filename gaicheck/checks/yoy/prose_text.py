"""What YOY006 and YOY007 share: the prose of sections 一 to 六 as the extractor found it (tables are not
prose; the title and the preamble before section 一, fixed wording in every report, are left out),
joined, with the block a passage starts in. The measuring is gaicheck/series/similarity.py's.
"""

from __future__ import annotations

from gaicheck.model.report import Position, Report, TextBlock


def blocks(report: Report, section: str | None = None) -> list[TextBlock]:
    """Prose blocks inside sections (all of them, or one section)."""
    return [t for t in report.text if t.section is not None and (section is None or t.section == section)]


def joined(parts: list[TextBlock]) -> tuple[str, list[int]]:
    """The blocks' text joined by newlines, and the offset where each block starts."""
    starts: list[int] = []
    pos = 0
    for block in parts:
        starts.append(pos)
        pos += len(block.text) + 1
    return "\n".join(b.text for b in parts), starts


def block_at(parts: list[TextBlock], starts: list[int], offset: int) -> Position | None:
    if not parts or offset < 0:
        return parts[0] if parts else None
    index = max(i for i, s in enumerate(starts) if s <= offset)
    return parts[index]
