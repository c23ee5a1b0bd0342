"""Reading a request into (file name, bytes, check options): multipart upload, pasted text or raw body.

request → **inputs** → worker. The file name is reduced to a basename here; it never reaches the filesystem.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from gaicheck import i18n
from gaicheck.catalogue import load_catalogue
from gaicheck.checks.options import Options
from gaicheck.server.config import ServerConfig
from gaicheck.server.errors import RequestError
from gaicheck.server.limits import check_size, safe_filename, too_large

PASTED_NAME = i18n.word("page.pasted_name", "zh")  # the file name of pasted text (the page's: in its language)


@dataclass(slots=True)
class Upload:
    filename: str
    data: bytes
    pasted: str | None = None  # the pasted text, to show it again in the form


def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


def options_from(params: dict[str, str]) -> Options:
    lang = params.get("lang") or "zh"
    if lang not in ("zh", "en"):
        raise RequestError(400, f"lang 只能是 zh 或 en / lang must be zh or en, not {lang[:20]!r}")
    select, ignore = _codes(params.get("select")) or ["ALL"], _codes(params.get("ignore"))
    known = load_catalogue()
    for code in select + ignore:
        if code != "ALL" and not any(k.startswith(code) for k in known):
            raise RequestError(400, f"未知的规则代码 / unknown rule code: {code[:20]}")
    return Options(lang=lang, select=select, ignore=ignore)


async def read_form(request: Request, config: ServerConfig) -> FormData:
    return await request.form(max_files=2, max_fields=20, max_part_size=config.max_upload_bytes)


async def upload_from_form(form: FormData, config: ServerConfig, pasted_name: str = PASTED_NAME) -> Upload:
    """A non-empty `file` part wins; otherwise the `text` field (pasted report, named `pasted_name`)."""
    item = form.get("file")
    if isinstance(item, UploadFile):
        if item.size is not None and item.size > config.max_upload_bytes:
            raise too_large(config)
        data = await item.read(config.max_upload_bytes + 1)
        check_size(data, config)
        if data:
            return Upload(filename=safe_filename(item.filename), data=data)
    text = form.get("text")
    if isinstance(text, str) and text.strip():
        data = text.encode("utf-8")
        check_size(data, config)
        return Upload(filename=pasted_name, data=data, pasted=text)
    raise RequestError(400, "请选择报告文件或粘贴报告全文 / send a file (field 'file') or the text (field 'text')")


async def upload_from_request(request: Request, config: ServerConfig) -> tuple[Upload, dict[str, str]]:
    """API input: multipart (`file` or `text` field), a url-encoded form with `text`, or the raw body with
    `?filename=`; options from query parameters (or form fields)."""
    params = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await read_form(request, config)
        for key in ("lang", "select", "ignore"):
            value = form.get(key)
            if isinstance(value, str) and key not in params:
                params[key] = value
        return await upload_from_form(form, config), params
    body = await request.body()
    check_size(body, config)
    if content_type.startswith("application/x-www-form-urlencoded") and "filename" not in params:
        form = await read_form(request, config)  # a web form with the pasted `text`; else the raw body
        if isinstance(form.get("text"), str):
            for key in ("lang", "select", "ignore"):
                value = form.get(key)
                if isinstance(value, str) and key not in params:
                    params[key] = value
            return await upload_from_form(form, config), params
    if not body:
        raise RequestError(400, "请求体为空：请上传文件 / empty request body: send the file (field 'file' or raw body)")
    return Upload(filename=safe_filename(params.get("filename")), data=body), params
