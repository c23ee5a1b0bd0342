"""`gaicheck serve`: start the web page and HTTP API (uvicorn running gaicheck.server.app).

cli (LazyGroup) → **command** → http (uvicorn settings) → app. Starlette and uvicorn are imported only
when the command runs.
"""

from __future__ import annotations

import dataclasses

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
    type=click.FloatRange(1, 3600),
    help="单次检查时间上限（秒，PDF 另加每页时间；默认同命令行：30，GAICHECK_MAX_SECONDS）/ "
    "time limit of one check (PDFs: plus the per-page time; default as in the CLI: 30)",
)
@click.option(
    "--seconds-per-page",
    type=click.FloatRange(0, 60),
    help="PDF 每页增加的检查时间（秒；默认同命令行：0.2，GAICHECK_SECONDS_PER_PAGE）/ "
    "seconds added to the time limit per PDF page (default as in the CLI: 0.2)",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="检查进程数（另有一个进程专门检查小文件）/ worker processes (plus one reserved for small files)",
)
@click.option(
    "--memory-mb",
    default=1024,
    show_default=True,
    type=click.IntRange(64, 1024 * 1024),
    help="所有检查进程共用的内存上限（MB）/ memory budget shared by all worker processes",
)
@click.option(
    "--queue-size",
    default=32,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="每条队列（小文件/大文件）最多排队的检查数，超出则答 503 / checks waiting per lane before 503",
)
@click.option(
    "--small-mb",
    default=2.0,
    show_default=True,
    type=click.FloatRange(0, 1024),
    help="小文件上限（MB，DOCX/XLSX 按解压后大小；PDF 另须不超过 30 页），由专门的进程检查 / "
    "small-file limit (DOCX/XLSX: uncompressed; PDFs: also at most 30 pages), served by a reserved process",
)
@click.option(
    "--header-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.5, 600),
    help="客户端发送请求头的时限（秒）/ seconds a client has to send the request head",
)
@click.option(
    "--body-timeout",
    default=60.0,
    show_default=True,
    type=click.FloatRange(1, 3600),
    help="客户端上传请求体的时限（秒）/ seconds a client has to send the request body",
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
    timeout_seconds: float | None,
    seconds_per_page: float | None,
    workers: int,
    memory_mb: int,
    queue_size: int,
    small_mb: float,
    header_timeout: float,
    body_timeout: float,
    cors_origins: tuple[str, ...],
) -> None:
    """启动网页和 HTTP API（文件不保存）/ start the web page and HTTP API (nothing is stored)."""
    try:
        import uvicorn

        from gaicheck.server.app import create_app
        from gaicheck.server.config import MB, MIN_WORKER_MB, ServerConfig
        from gaicheck.server.http import uvicorn_config
        from gaicheck.server.pool import describe
    except ImportError as exc:
        raise click.UsageError(
            f"需要先安装服务器组件 / install the server extra first: pip install 'gaicheck[server]' ({exc})"
        ) from exc
    config = ServerConfig(
        max_upload_bytes=int(max_upload_mb * MB),
        workers=workers,
        memory_mb=memory_mb,
        queue_size=queue_size,
        small_bytes=int(small_mb * MB),
        header_timeout=header_timeout,
        body_timeout=body_timeout,
        prestart=True,
        cors_origins=tuple(cors_origins),
    )
    if timeout_seconds is not None:  # otherwise the command line's limit (gaicheck/limits.py)
        config = dataclasses.replace(config, timeout_seconds=timeout_seconds)
    if seconds_per_page is not None:
        config = dataclasses.replace(config, seconds_per_page=seconds_per_page)
    if min(config.worker_memory_mb, config.small_worker_mb) < MIN_WORKER_MB:
        need = MIN_WORKER_MB * config.processes
        raise click.UsageError(
            f"--memory-mb {memory_mb} 不够 {config.processes} 个检查进程使用（至少 {need}）/ "
            f"too little memory for {config.processes} worker processes (at least {need} MB)"
        )
    click.echo(f"gaicheck serve: http://{host}:{port}/  (Ctrl+C 停止 / to stop)", err=True)
    click.echo(f"  {describe(config)}", err=True)
    uvicorn.Server(uvicorn_config(create_app(config), host, port, config)).run()
