"""The HTTP side of `gaicheck serve`: uvicorn's settings and its HTTP/1.1 protocol with a deadline for the
request head, so that slow clients (slowloris) cannot hold connections open.

command → **http** (uvicorn) → app. uvicorn's `timeout_keep_alive` only closes idle connections and is
reset by every byte received; here a connection must deliver a complete request line and headers within
`header_timeout` seconds of opening (or of its previous response), else it is closed. The body has its
own deadline in the app (gaicheck.server.limits.BodySizeLimit).
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from gaicheck.server.config import ServerConfig

MAX_HEAD_BYTES = 16 * 1024  # request line and headers (h11's default, stated)
KEEP_ALIVE_SECONDS = 5  # an idle kept-alive connection is closed after this
MAX_CONNECTIONS = 1000  # connections at once; beyond them uvicorn answers 503


def head_deadline_protocol(header_timeout: float) -> type[H11Protocol]:
    """uvicorn's h11 protocol, closing a connection whose request head is not in after `header_timeout`."""

    class HeadDeadlineProtocol(H11Protocol):
        _head_timer: asyncio.TimerHandle | None = None

        def _arm_head_deadline(self) -> None:
            self._disarm_head_deadline()
            self._head_timer = self.loop.call_later(header_timeout, self._head_deadline_passed)

        def _disarm_head_deadline(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_deadline_passed(self) -> None:
            self._head_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()  # no request, or only part of its head: a slow or idle client

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm_head_deadline()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm_head_deadline()  # the next request on this connection

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm_head_deadline()
            super().connection_lost(exc)

    return HeadDeadlineProtocol


def uvicorn_config(app: Any, host: str, port: int, config: ServerConfig, log_level: str = "info") -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        server_header=False,
        http=head_deadline_protocol(config.header_timeout),
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_graceful_shutdown=5,
    )
