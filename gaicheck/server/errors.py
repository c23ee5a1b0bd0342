"""Request errors of the server: one exception carrying the HTTP status and a bilingual message.

Raised anywhere between the upload and the rule engine; rendered as JSON (API) or as the page (clerks).
"""

from __future__ import annotations

STATUS_SLUG = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_type",
    422: "unreadable",
    503: "timeout",
}


class RequestError(Exception):
    """A request that cannot be answered with a check; `message` is one line, Chinese / English."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    @property
    def slug(self) -> str:
        return STATUS_SLUG.get(self.status, "error")

    def as_json(self) -> dict[str, object]:
        return {"status": self.status, "error": self.slug, "message": self.message}
