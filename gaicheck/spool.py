"""Spool: what a batch has checked, parked on disk until the output is written.

batch → **spool** → cross-year rules / document outputs (json, sarif, junit, gitlab, full, html). Those need
every file before they can finish (the cross-year rules compare files; a document format has a head that
counts them), but a portal batch of tens of thousands of files must not hold them all in memory: each item
is pickled into an unnamed temporary file, and only its offset and length stay in memory. Items are read
back one at a time, in the order they were added. When no temporary file can be created (read-only
system) or the disk fills up, the pickled items stay in memory instead.
"""

from __future__ import annotations

import io
import pickle
import tempfile
from collections.abc import Iterator
from typing import IO, Generic, TypeVar

T = TypeVar("T")


class Spool(Generic[T]):
    def __init__(self) -> None:
        self._file: IO[bytes]
        try:
            self._file = tempfile.TemporaryFile(prefix="gaicheck-")  # noqa: SIM115 - closed by close()
        except OSError:
            self._file = io.BytesIO()
        self._index: list[tuple[int, int]] = []
        self._end = 0

    def append(self, item: T) -> int:
        """Store `item`; returns its position (0, 1, …)."""
        data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self._file.seek(self._end)
            self._file.write(data)
        except OSError:  # disk full: go on in memory with what was written so far
            self._to_memory()
            self._file.seek(self._end)
            self._file.write(data)
        self._index.append((self._end, len(data)))
        self._end += len(data)
        return len(self._index) - 1

    def _to_memory(self) -> None:
        self._file.seek(0)
        kept = io.BytesIO(self._file.read(self._end))
        self._file.close()
        self._file = kept

    def __getitem__(self, position: int) -> T:
        offset, length = self._index[position]
        self._file.seek(offset)
        item: T = pickle.loads(self._file.read(length))
        return item

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[T]:
        for position in range(len(self._index)):
            yield self[position]

    def close(self) -> None:
        self._file.close()
