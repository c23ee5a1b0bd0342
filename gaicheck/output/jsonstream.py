"""Streamed JSON for the document formats (json, sarif, gitlab): one long array written item by item.

sink → json / sarif / gitlab → **jsonstream** → the output file. The text is byte-identical to
`json.dumps(document, ensure_ascii=False, indent=2) + "\\n"`, but the array (one entry per file or per
finding) is never held whole, so the output of a batch of any size costs the memory of one item.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

_MARK = "\x00gaicheck-streamed-array\x00"
_MARK_JSON = json.dumps(_MARK, ensure_ascii=False)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _split(document: dict[str, Any], path: Sequence[str | int]) -> tuple[str, str, int]:
    """The document's text before and after the array at `path`, and that array's nesting level."""
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = _MARK
    head, tail = _dumps(document).split(_MARK_JSON)
    line = head[head.rfind("\n") + 1 :]  # e.g. '  "files": '
    return head, tail, (len(line) - len(line.lstrip(" "))) // 2


def write_array(out: TextIO, items: Iterable[Any], level: int = 0) -> None:
    """A JSON array at nesting `level`, as json.dumps(indent=2) writes it there."""
    pad = "  " * (level + 1)
    first = True
    for item in items:
        out.write(("[\n" if first else ",\n") + pad + _dumps(item).replace("\n", "\n" + pad))
        first = False
    out.write("[]" if first else "\n" + "  " * level + "]")


def write_document(
    out: TextIO,
    document: Callable[[], dict[str, Any]],
    path: Sequence[str | int],
    items: Iterable[Any],
) -> None:
    """Write `document()` with the array at `path` replaced by `items`. `document` is called before the
    items are written (for the text before the array) and again after (for the text after it), so the
    parts after the array may hold what was counted while the items went by (a summary)."""
    head, _tail, level = _split(document(), path)
    out.write(head)
    write_array(out, items, level)
    out.write(_split(document(), path)[1] + "\n")
