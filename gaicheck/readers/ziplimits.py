"""Zip-bomb guard for the zip-based formats: file → sniff → **zip limits** → DOCX/XLSX reader → Document.

Reads only the zip's central directory (no decompression) and refuses a file whose members would
expand beyond the limits (`gaicheck.limits`: 200 MB uncompressed, 10,000 members by default) before
python-docx or openpyxl open it. Python's zipfile never inflates a member beyond its declared size,
so the declared sizes checked here bound what the readers can unpack.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from gaicheck.readers.errors import ReadError

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_ENTRIES = 10_000


def _defaults() -> tuple[int, int]:
    try:
        from gaicheck.limits import default_limits

        limits = default_limits()
        return limits.max_zip_bytes, limits.max_zip_entries
    except ImportError:  # pragma: no cover - the limits module is part of the package
        return DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRIES


def check_zip(data: bytes, max_bytes: int | None = None, max_entries: int | None = None) -> None:
    """Raise ReadError when `data` is not a readable zip or expands beyond the limits (0 = no limit)."""
    default_bytes, default_entries = _defaults()
    max_bytes = default_bytes if max_bytes is None else max_bytes
    max_entries = default_entries if max_entries is None else max_entries
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ReadError(f"压缩包损坏，无法读取 / damaged file: not a readable zip ({exc})") from exc
    if max_entries and len(infos) > max_entries:
        raise ReadError(
            f"文件包含的成员过多（{len(infos)} 个，上限 {max_entries} 个）/ "
            f"too many members in the zip ({len(infos)}, limit {max_entries})"
        )
    total = sum(info.file_size for info in infos)
    if max_bytes and total > max_bytes:
        raise ReadError(
            f"解压后过大（{total / 1048576:.0f} MB，上限 {max_bytes / 1048576:.0f} MB），疑似压缩炸弹 / "
            f"uncompressed size too large ({total / 1048576:.0f} MB, limit {max_bytes / 1048576:.0f} MB): "
            "possible zip bomb"
        )
