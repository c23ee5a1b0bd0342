"""Request errors of the server: one exception carrying the HTTP status and a bilingual message.

Raised anywhere between the upload and the rule engine; rendered as JSON (API) or as the page (clerks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gaicheck.server.config import ServerConfig

STATUS_SLUG = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "too_large",
    415: "unsupported_type",
    422: "unreadable",
    503: "timeout",
}


class RequestError(Exception):
    """A request that cannot be answered with a check; `message` is one line, Chinese / English.
    `error` overrides the status's slug (503 "busy" vs "timeout"); `retry_after` adds that header."""

    def __init__(self, status: int, message: str, error: str | None = None, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.error = error
        self.retry_after = retry_after

    @property
    def slug(self) -> str:
        return self.error or STATUS_SLUG.get(self.status, "error")

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)} if self.retry_after is not None else {}

    def said(self, lang: str) -> str:
        """The message as the page shows it: both languages in Chinese (as the API gives it), the English
        half in English."""
        _chinese, sep, english = self.message.partition("/ ")
        return english if lang == "en" and sep and english else self.message

    def as_json(self) -> dict[str, object]:
        return {"status": self.status, "error": self.slug, "message": self.message}

    def __reduce__(self) -> tuple[type[RequestError], tuple[int, str, str | None, int | None]]:
        return (RequestError, (self.status, self.message, self.error, self.retry_after))


def busy(config: ServerConfig, zh: str, en: str) -> RequestError:
    """503 with Retry-After: the server has no room for this request now (the reason, in both languages)."""
    retry = config.retry_after()
    return RequestError(
        503,
        f"服务器繁忙（{zh}），请 {retry} 秒后再试 / server busy ({en}), retry in {retry} s",
        error="busy",
        retry_after=retry,
    )
