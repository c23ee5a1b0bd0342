"""Upload safety, before anything is read: the file name (basename only, never a path), the body
(an ASGI middleware counting bytes as they arrive against the size limit and the server's budget for
bodies held at once, with a deadline for the whole body) and the DOCX/XLSX zip-bomb guard.

request → **limits** → pool → worker process (gaicheck.api.parse_bytes). Nothing here touches the filesystem.
"""

from __future__ import annotations

import asyncio
import unicodedata
import zipfile
from io import BytesIO

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gaicheck.server.config import ServerConfig, size_label
from gaicheck.server.errors import RequestError, busy

DEFAULT_NAME = "upload"


def safe_filename(name: str | None, default: str = DEFAULT_NAME) -> str:
    """The last component of a client-given name, without control characters; never a path."""
    if not name:
        return default
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    base = base.lstrip(".") if set(base) == {"."} else base
    return base[-200:] if base else default


def too_large(config: ServerConfig) -> RequestError:
    return RequestError(
        413,
        f"上传内容过大（上限 {config.max_upload_mb}）/ upload too large (limit {config.max_upload_mb})",
    )


def check_size(data: bytes, config: ServerConfig) -> None:
    if len(data) > config.max_upload_bytes:
        raise too_large(config)


def check_zip(data: bytes, config: ServerConfig) -> None:
    """Refuse a DOCX/XLSX whose entries would inflate past the limits (zip bomb) before any reader opens it."""
    if not data.startswith(b"PK\x03\x04"):
        return
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return  # not a readable zip: the format sniffer refuses it (415)
    if len(infos) > config.max_zip_entries:
        raise RequestError(
            413, f"压缩包条目过多（{len(infos)}个，上限{config.max_zip_entries}个）/ too many zip entries"
        )
    total = sum(max(info.file_size, 0) for info in infos)
    if total > config.max_unzipped_bytes:
        limit = size_label(config.max_unzipped_bytes)
        raise RequestError(413, f"文件解压后过大（上限 {limit}）/ file too large when uncompressed (limit {limit})")


def guard_upload(data: bytes, config: ServerConfig) -> None:
    check_size(data, config)
    check_zip(data, config)


class BodyTooLarge(Exception):
    """Raised inside `receive` when a request body passes the limit; the app turns it into 413."""


class BodyBudget:
    """Bytes of request bodies the server process holds at once, over all requests: a body that would
    pass the budget is refused (503 busy) instead of growing the server."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def take(self, size: int) -> bool:
        if self.used + size > self.limit:
            return False
        self.used += size
        return True

    def give_back(self, size: int) -> None:
        self.used = max(self.used - size, 0)


def body_timeout(config: ServerConfig) -> RequestError:
    seconds = f"{config.body_timeout:g}"
    return RequestError(408, f"上传超时（须在 {seconds} 秒内传完）/ request body not received within {seconds} s")


class BodySizeLimit:
    """ASGI middleware for request bodies: refuse those over the size limit (by Content-Length, or while
    they stream in), those that do not arrive within `body_timeout` seconds (408: slow clients cannot hold
    a connection) and those the server has no room for now (503 busy, with Retry-After)."""

    def __init__(self, app: ASGIApp, config: ServerConfig, budget: BodyBudget | None = None) -> None:
        self.app = app
        self.config = config
        self.max_bytes = config.max_body_bytes
        self.budget = budget or BodyBudget(config.buffered_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = 0
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                declared = int(value) if value.isdigit() else 0
        seen = held = 0
        limit = self.max_bytes
        deadline = asyncio.get_running_loop().time() + self.config.body_timeout
        done = False

        async def limited_receive() -> Message:
            nonlocal seen, held, done
            if declared > limit:
                raise BodyTooLarge()
            if done:  # the body is in: what follows is only a disconnect, wait for it as long as needed
                return await receive()
            if declared > held:
                if not self.budget.take(declared - held):
                    raise busy(self.config, "同时上传过多", "too many uploads at once")
                held = declared
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise body_timeout(self.config) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge()
                if seen > held:
                    if not self.budget.take(seen - held):
                        raise busy(self.config, "同时上传过多", "too many uploads at once")
                    held = seen
                done = not message.get("more_body", False)
            return message

        async def closing_send(message: Message) -> None:
            if message["type"] == "http.response.start" and not done and (declared or seen):
                # answered before the body was in (408, 413, 503): close, do not read the rest
                message["headers"] = [*message.get("headers", []), (b"connection", b"close")]
            await send(message)

        try:
            await self.app(scope, limited_receive, closing_send)
        finally:
            self.budget.give_back(held)
