"""Legacy Word / Excel / WPS reader (.doc, .wps, .xls, .et: OLE2 files): file → **office reader** → Document.

There is no well-kept pure-Python reader for the Word and WPS formats, and LibreOffice reads all four,
so each is converted by LibreOffice (`soffice` or `libreoffice` on PATH) to its Open XML sibling in a
private temporary directory (`soffice --headless --convert-to docx|xlsx`, with a private profile so
that a running LibreOffice, or a second conversion in parallel, never takes the request; 60 s at
most) and read by the DOCX or XLSX reader: a workbook then gives exactly the cells its .xlsx would
(merged ranges, number formats, saved formula values), with no second spreadsheet reader to keep in
step. WPS writes .wps and .et in the Word 97 and Excel 97 binary formats; the file is handed to
LibreOffice as .doc or .xls (its filters look at the content, and a .wps name would also offer it to
the Microsoft Works filter). The Document keeps the original path, says `format="docx"`/`"xlsx"` and
notes `converted-from-doc`/`-wps`/`-xls`/`-et`. Without LibreOffice, or when the conversion fails, a
ReadError tells the user how to convert.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from gaicheck.model.document import Document
from gaicheck.readers.errors import ReadError

TIMEOUT_SECONDS = 60
# kind → (Open XML target, the name LibreOffice is given, what to save it as)
KINDS: dict[str, tuple[str, str]] = {
    "doc": ("docx", ".doc"),
    "wps": ("docx", ".doc"),
    "xls": ("xlsx", ".xls"),
    "et": ("xlsx", ".xls"),
}


def how_to(target: str) -> str:
    app = "Word" if target == "docx" else "Excel"
    return (
        f"请用 {app} 或 WPS 将文件另存为 .{target} 后再检查 / "
        f"save it as .{target} with {app} or WPS, or install LibreOffice"
    )


def find_soffice() -> str | None:
    """The LibreOffice command on PATH, if any."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(soffice: str, data: bytes, suffix: str, target: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Convert a file's bytes (named `input{suffix}`) to `target` ("docx", "xlsx") bytes with LibreOffice;
    ReadError on failure."""
    with tempfile.TemporaryDirectory(prefix="gaicheck-office-") as tmp:
        source = Path(tmp) / f"input{suffix}"
        source.write_bytes(data)
        out_dir = Path(tmp) / "out"
        out_dir.mkdir()
        # a private profile: a running LibreOffice of the user (or a parallel conversion) would
        # otherwise swallow the request
        profile = Path(tmp) / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ]
        try:
            # its own process group: on a timeout the whole of LibreOffice (the `soffice` script, its
            # launcher and `soffice.bin`) is killed, not only the script
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "HOME": tmp},
                start_new_session=True,
            )
        except OSError as exc:
            raise ReadError(
                f"无法运行 LibreOffice / cannot run LibreOffice ({exc.strerror or exc}); {how_to(target)}"
            ) from exc
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill(process)
            raise ReadError(
                f"LibreOffice 转换超时（{timeout:g} 秒）/ LibreOffice conversion timed out; {how_to(target)}"
            ) from exc
        produced = out_dir / f"input.{target}"
        if not produced.is_file():
            raise ReadError(f"LibreOffice 未能转换此文件 / LibreOffice could not convert this file; {how_to(target)}")
        return produced.read_bytes()


def _kill(process: subprocess.Popen[bytes]) -> None:
    """End a conversion that ran out of time, with every process it started."""
    killpg = getattr(os, "killpg", None)
    try:
        if killpg is not None:
            killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows has no process groups of this kind
            process.kill()
    except OSError:
        pass  # already gone
    process.wait()


def kind_of(path: str, data: bytes) -> str:
    """doc, wps, xls or et: what sniff says, else the extension."""
    from gaicheck.readers.sniff import sniff_format

    kind = sniff_format(path, data)
    if kind in KINDS:
        return kind
    ext = Path(path).suffix.lower().lstrip(".")
    return ext if ext in KINDS else "doc"


def read(path: str, data: bytes) -> Document:
    from gaicheck.readers import docx as docx_reader
    from gaicheck.readers import xlsx as xlsx_reader

    kind = kind_of(path, data)
    target, suffix = KINDS[kind]
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(f"无法直接读取 .{kind} 文件 / cannot read .{kind} files directly: {how_to(target)}")
    converted = convert(soffice, data, suffix, target, timeout=TIMEOUT_SECONDS)
    document = (docx_reader.read if target == "docx" else xlsx_reader.read)(path, converted)
    document.path = path
    document.notes.append(f"converted-from-{kind}")
    return document
