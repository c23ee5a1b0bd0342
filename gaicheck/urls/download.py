"""Download one address within limits — size, timeout, a bounded number of redirects, http and https only —
with the standard library (urllib: nothing more to start). Whatever goes wrong becomes one DownloadError
line naming the address and the reason.

urls (a page, its attachments) → **download** → bytes, the address they came from, a file name.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO

from gaicheck import i18n
from gaicheck.files import is_url

TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
MAX_BYTES = 50 * 1024 * 1024
CHUNK = 1 << 16
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"  # kept as they are when an address is percent-encoded
USER_AGENT = "gaicheck (government information disclosure report checker)"


class DownloadError(Exception):
    """One line: the address and why it could not be downloaded."""


@dataclass(frozen=True, slots=True)
class Downloaded:
    url: str  # where the bytes came from, after redirects
    data: bytes
    name: str  # the file name in the address's path (percent-decoded), "" when it has none


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        if not is_url(newurl):  # never to ftp:, file: or anything but the web
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-http address", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def file_name(url: str) -> str:
    path = urllib.parse.urlsplit(url).path
    return urllib.parse.unquote(path.rsplit("/", 1)[-1])


def download(url: str, lang: str = "zh", max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS) -> Downloaded:
    """The bytes at `url`; DownloadError (one line) for anything that keeps them from arriving whole."""

    def fail(reason: str) -> DownloadError:
        return DownloadError(i18n.word("archive.url_failed", lang, url=url, reason=" ".join(reason.split())))

    if not is_url(url):
        raise fail(i18n.word("archive.url_scheme", lang))
    limit = f"{max_bytes / 1048576:.1f} MB" if max_bytes >= 104858 else f"{max_bytes / 1024:.1f} KB"
    opener = urllib.request.build_opener(_Redirects())
    # links on Chinese sites often hold Chinese file names as they are: percent-encode what is not ASCII
    request = urllib.request.Request(urllib.parse.quote(url, safe=URL_SAFE), headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise fail(i18n.word("archive.url_too_large", lang, limit=limit))
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise fail(i18n.word("archive.url_too_large", lang, limit=limit))
                chunks.append(chunk)
            final = response.geturl()
    except DownloadError:
        raise
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise fail(i18n.word("archive.url_redirects", lang, limit=MAX_REDIRECTS)) from exc
        raise fail(i18n.word("archive.url_status", lang, status=exc.code)) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise fail(i18n.word("archive.url_timeout", lang, seconds=timeout)) from exc
        reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
        raise fail(str(reason)) from exc
    except TimeoutError as exc:
        raise fail(i18n.word("archive.url_timeout", lang, seconds=timeout)) from exc
    except (OSError, ValueError) as exc:  # a connection reset, a malformed address or answer
        raise fail(str(exc) or type(exc).__name__) from exc
    return Downloaded(final, b"".join(chunks), file_name(final))


__all__ = ["MAX_REDIRECTS", "TIMEOUT_SECONDS", "DownloadError", "Downloaded", "download", "file_name", "is_url"]
