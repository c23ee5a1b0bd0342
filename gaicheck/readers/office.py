"""Legacy Word / WPS reader (.doc, .wps: OLE2 files): file → **office reader** → Document → extractor.

There is no pure-Python reader for these formats. When LibreOffice is installed (`soffice` or
`libreoffice` on PATH) the file is converted to .docx in a private temporary directory
(`soffice --headless --convert-to docx`, 60 s at most) and read by the DOCX reader; the Document
keeps the original path and says `format="docx"` with the note `converted-from-doc`/`-wps`.
Without LibreOffice, or when the conversion fails, a ReadError tells the user how to convert.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from gaicheck.model.document import Document
from gaicheck.readers.errors import ReadError

TIMEOUT_SECONDS = 60
HOW_TO = "请用 Word 或 WPS 将文件另存为 .docx 后再检查 / save it as .docx with Word or WPS, or install LibreOffice"


def find_soffice() -> str | None:
    """The LibreOffice command on PATH, if any."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_docx(soffice: str, data: bytes, suffix: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Convert a .doc/.wps file's bytes to .docx bytes with LibreOffice; ReadError on failure."""
    with tempfile.TemporaryDirectory(prefix="gaicheck-office-") as tmp:
        source = Path(tmp) / f"input{suffix}"
        source.write_bytes(data)
        out_dir = Path(tmp) / "out"
        out_dir.mkdir()
        # a private profile: a running LibreOffice of the user would otherwise swallow the request
        profile = Path(tmp) / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(out_dir),
            str(source),
        ]
        try:
            subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=timeout,
                check=False,
                env={**os.environ, "HOME": tmp},
            )
        except subprocess.TimeoutExpired as exc:
            raise ReadError(
                f"LibreOffice 转换超时（{timeout:g} 秒）/ LibreOffice conversion timed out; {HOW_TO}"
            ) from exc
        except OSError as exc:
            raise ReadError(f"无法运行 LibreOffice / cannot run LibreOffice ({exc.strerror or exc}); {HOW_TO}") from exc
        produced = out_dir / "input.docx"
        if not produced.is_file():
            raise ReadError(f"LibreOffice 未能转换此文件 / LibreOffice could not convert this file; {HOW_TO}")
        return produced.read_bytes()


def read(path: str, data: bytes) -> Document:
    from gaicheck.readers import docx as docx_reader

    kind = "wps" if Path(path).suffix.lower() == ".wps" else "doc"
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(f"无法直接读取 .{kind} 文件 / cannot read .{kind} files directly: {HOW_TO}")
    converted = convert_to_docx(soffice, data, f".{kind}", timeout=TIMEOUT_SECONDS)
    document = docx_reader.read(path, converted)
    document.path = path
    document.notes.append(f"converted-from-{kind}")
    return document
