"""What YOY006 and YOY007 share: the prose of sections 一 to 六 as the extractor found it (tables are not
prose: a text block of a table's section made of the template's own wording — a header, a row label, the
corner note — is left out, as are the title and the preamble before section 一, fixed wording in every
report), joined, with the block a passage starts in. The measuring is gaicheck/series/similarity.py's.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from pydantic import BaseModel

from gaicheck.model.report import Position, Report, TextBlock
from gaicheck.templates import registry

GRAM = 2  # characters of a template-wording piece
# a block this much covered by the templates' pieces is table text: on the corpus, labels, headers, notes and
# table titles cut or glued by converters are covered 83–100%, prose (of sections 二–四 or misplaced in
# them) at most 78%
TABLE_WORDING_SHARE = 0.85


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for item in value.__dict__.values():
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _letters(text: str) -> str:
    """Letters and digits only (NFKC): what remains of a table label whatever the layout did to it."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())


def _table_grams() -> frozenset[str]:
    grams: set[str] = set()
    for template in registry().templates:
        for text in _strings(template.tables):
            letters = _letters(text)
            grams.update(letters[i : i + GRAM] for i in range(len(letters) - GRAM + 1))
    return frozenset(grams)


def is_table_wording(text: str) -> bool:
    """True when most of `text` is pieces of the templates' table wording (labels, headers, notes)."""
    letters = _letters(text)
    if not letters:
        return True
    grams = registry().view(("yoy", "table_grams"), _table_grams)
    if len(letters) < GRAM:
        return any(letters in gram for gram in grams)
    covered = [False] * len(letters)
    for i in range(len(letters) - GRAM + 1):
        if letters[i : i + GRAM] in grams:
            covered[i : i + GRAM] = [True] * GRAM
    return sum(covered) >= TABLE_WORDING_SHARE * len(letters)


def _table_sections() -> frozenset[str]:
    return frozenset(key for template in registry().templates for key in template.tables)


def blocks(report: Report, section: str | None = None) -> list[TextBlock]:
    """Prose blocks inside sections (all of them, or one section); in a table's section, not its wording."""
    tables = registry().view(("yoy", "table_sections"), _table_sections)
    return [
        t
        for t in report.text
        if t.section is not None
        and (section is None or t.section == section)
        and not (t.section in tables and is_table_wording(t.text))
    ]


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
