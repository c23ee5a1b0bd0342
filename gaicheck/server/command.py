"""`gaicheck serve`: start the web page and HTTP API (uvicorn running gaicheck.server.app).

cli (LazyGroup) → **command** → app. Starlette and uvicorn are imported only when the command runs.
"""

from __future__ import annotations

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址（默认只允许本机访问）/ address to bind")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="端口 / port")
@click.option(
    "--max-upload-mb",
    default=20.0,
    show_default=True,
    type=click.FloatRange(0.01, 1024),
    help="上传文件大小上限（MB）/ upload size limit",
)
@click.option(
    "--timeout",
    "timeout_seconds",
    default=60.0,
    show_default=True,
    type=click.FloatRange(1, 3600),
    help="单次检查时间上限（秒）/ time limit of one check",
)
@click.option(
    "--workers",
    "worker_threads",
    default=4,
    show_default=True,
    type=click.IntRange(1, 64),
    help="同时进行的检查数 / checks running at once",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="允许跨域访问 API 的来源（可重复；默认关闭）/ origin allowed by CORS (repeatable; default off)",
)
def serve(
    host: str,
    port: int,
    max_upload_mb: float,
    timeout_seconds: float,
    worker_threads: int,
    cors_origins: tuple[str, ...],
) -> None:
    """启动网页和 HTTP API（文件不保存）/ start the web page and HTTP API (nothing is stored)."""
    try:
        import uvicorn

        from gaicheck.server.app import create_app
        from gaicheck.server.config import MB, ServerConfig
    except ImportError as exc:
        raise click.UsageError(
            f"需要先安装服务器组件 / install the server extra first: pip install 'gaicheck[server]' ({exc})"
        ) from exc
    config = ServerConfig(
        max_upload_bytes=int(max_upload_mb * MB),
        timeout_seconds=timeout_seconds,
        worker_threads=worker_threads,
        cors_origins=tuple(cors_origins),
    )
    click.echo(f"gaicheck serve: http://{host}:{port}/  (Ctrl+C 停止 / to stop)", err=True)
    uvicorn.run(create_app(config), host=host, port=port, log_level="info", server_header=False)
