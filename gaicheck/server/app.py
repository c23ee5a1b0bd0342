"""The ASGI application: routes for the page (`/`, `/check`) and the API (`/api/v1/...`, `/healthz`,
`/openapi.json`), error handlers, security headers, the request-body limits and optional CORS.

request → limits/inputs → pool → worker process (gaicheck.api) → render (page) or JSON (API).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gaicheck import __version__, i18n
from gaicheck.catalogue import load_catalogue
from gaicheck.server import render
from gaicheck.server.config import ServerConfig
from gaicheck.server.errors import RequestError
from gaicheck.server.inputs import Upload, options_from, read_form, upload_from_form, upload_from_request
from gaicheck.server.limits import BodySizeLimit, BodyTooLarge, too_large
from gaicheck.server.pool import Pool
from gaicheck.server.worker import Job

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


class JSONUTF8Response(JSONResponse):
    """JSON with Chinese left readable (as the CLI prints it)."""

    def render(self, content: Any) -> bytes:
        return render.json_bytes(content)


def _json(document: bytes) -> Response:
    """A JSON document a worker process has already encoded."""
    return Response(document, media_type="application/json")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _config(request: Request) -> ServerConfig:
    config: ServerConfig = request.app.state.config
    return config


def _pool(request: Request) -> Pool:
    pool: Pool = request.app.state.pool
    return pool


def _is_api(request: Request) -> bool:
    return not (request.url.path == "/" or request.url.path == "/check" or request.url.path.startswith("/static"))


def _page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    config = _config(request)
    html = render.page(config.max_upload_bytes, config.max_upload_mb, **context)
    return HTMLResponse(html, status_code=status)


# ---- page -------------------------------------------------------------------------------------------


async def index(request: Request) -> Response:
    """The empty page, in English with `?lang=en` (its language select preset)."""
    return _page(request, lang=render.language(request.query_params.get("lang")))


async def clerk_css(request: Request) -> Response:
    """The tables' colours and legend, shared with the downloadable report (gaicheck.output.clerk)."""
    from gaicheck.output.clerk import CSS

    return Response(CSS, media_type="text/css; charset=utf-8")


async def page_check(request: Request) -> Response:
    config = _config(request)
    form = await read_form(request, config)
    lang = form.get("lang")
    params = {"lang": lang if isinstance(lang, str) else "zh"}
    text = form.get("text")
    pasted = text if isinstance(text, str) else None
    try:
        options = options_from(params)
        pasted_name = i18n.word("page.pasted_name", options.lang)
        upload: Upload = await upload_from_form(form, config, pasted_name)
    except RequestError as exc:
        return _page(request, exc.status, error=exc, pasted=pasted, lang=render.language(params["lang"]))

    job = Job("page", upload.filename, options, pasted=upload.pasted is not None)
    try:
        html = await _pool(request).submit(job, upload.data)
    except RequestError as exc:
        response = _page(request, exc.status, error=exc, pasted=pasted, lang=options.lang)
        response.headers.update(exc.headers)
        return response
    return HTMLResponse(html)


# ---- API --------------------------------------------------------------------------------------------


async def api_check(request: Request) -> Response:
    config = _config(request)
    upload, params = await upload_from_request(request, config)
    options = options_from(params)
    return _json(await _pool(request).submit(Job("check", upload.filename, options), upload.data))


async def api_parse(request: Request) -> Response:
    config = _config(request)
    upload, _params = await upload_from_request(request, config)
    return _json(await _pool(request).submit(Job("parse", upload.filename), upload.data))


async def api_rules(request: Request) -> Response:
    return JSONUTF8Response([spec.model_dump() for spec in load_catalogue().values()])


async def healthz(request: Request) -> Response:
    return JSONUTF8Response({"status": "ok", "version": __version__})


async def openapi(request: Request) -> Response:
    from gaicheck.server.openapi import openapi_schema

    return JSONUTF8Response(openapi_schema())


# ---- errors -----------------------------------------------------------------------------------------


def _error_response(request: Request, error: RequestError) -> Response:
    if _is_api(request):
        response: Response = JSONUTF8Response(error.as_json(), status_code=error.status, headers=error.headers)
    else:
        lang = render.language(request.query_params.get("lang"))  # the body (the form) is not read here
        response = _page(request, error.status, error=error, lang=lang)
        response.headers.update(error.headers)
    return response


async def on_request_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestError)
    return _error_response(request, exc)


async def on_body_too_large(request: Request, exc: Exception) -> Response:
    return _error_response(request, too_large(_config(request)))


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {
        404: "没有这个地址 / not found",
        405: "不支持这种请求方法 / method not allowed",
        400: f"请求格式错误 / bad request: {exc.detail}",
    }
    error = RequestError(exc.status_code, messages.get(exc.status_code, str(exc.detail)))
    response = _error_response(request, error)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def on_unexpected(request: Request, exc: Exception) -> Response:
    error = RequestError(500, "服务器内部错误 / internal server error")
    return _error_response(request, error)


# ---- application ------------------------------------------------------------------------------------


def create_app(config: ServerConfig | None = None) -> Starlette:
    config = config or ServerConfig()
    pool = Pool(config)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if config.prestart:
            await pool.start()
        try:
            yield
        finally:
            await pool.close()

    middleware = [Middleware(SecurityHeaders), Middleware(BodySizeLimit, config=config)]
    if config.cors_origins:
        middleware.insert(
            1,
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["content-type"],
            ),
        )
    routes = [
        Route("/", index, methods=["GET"]),
        Route("/check", page_check, methods=["POST"]),
        Route("/api/v1/check", api_check, methods=["POST"]),
        Route("/api/v1/parse", api_parse, methods=["POST"]),
        Route("/api/v1/rules", api_rules, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/clerk.css", clerk_css, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Mount("/static", app=StaticFiles(packages=[("gaicheck.server", "static")]), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            RequestError: on_request_error,
            BodyTooLarge: on_body_too_large,
            HTTPException: on_http_error,
            Exception: on_unexpected,
        },
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.pool = pool
    return app
