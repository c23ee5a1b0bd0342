"""The words the archive features (cache, URLs, cluster) show a user, Chinese and English side by side in one
place (to be moved into gaicheck/i18n.py with the rest): pipeline.cache / fetch / cluster → **notices** → cli.
"""

from __future__ import annotations

NOTICES: dict[str, tuple[str, str]] = {
    # cluster (pipeline/cluster.py)
    "dask_missing": ("未安装 Dask，请运行 pip install 'gaicheck[dask]'",
                     "Dask is not installed: pip install 'gaicheck[dask]'"),
    "scheduler_unreachable": ("无法连接 Dask 调度器 {address}：{reason}",
                              "cannot reach the Dask scheduler {address}: {reason}"),
    "scheduler_with_stdin": ("标准输入不能与 --scheduler 同用", "standard input cannot be used with --scheduler"),
    # URLs (fetch/)
    "url_failed": ("{url}：无法下载：{reason}", "{url}: cannot download: {reason}"),
    "url_too_large": ("超过大小上限 {limit}", "larger than the limit of {limit}"),
    "url_timeout": ("超时（{seconds:g} 秒）", "timed out ({seconds:g} s)"),
    "url_redirects": ("重定向次数过多（上限 {limit}）", "too many redirects (limit {limit})"),
    "url_status": ("服务器返回 HTTP {status}", "the server answered HTTP {status}"),
    "url_scheme": ("只支持 http 和 https 地址", "only http and https addresses are supported"),
    "urls_file": ("无法读取网址列表 {path}：{reason}", "cannot read the list of addresses {path}: {reason}"),
}


def notice(key: str, lang: str = "zh", **fields: object) -> str:
    """The notice `key` in `lang` (Chinese unless "en"), its {fields} filled in."""
    zh, en = NOTICES[key]
    return (en if lang == "en" else zh).format(**fields)


__all__ = ["NOTICES", "notice"]
