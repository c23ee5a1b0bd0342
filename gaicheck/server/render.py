"""HTML rendering of the page and of the downloadable report, with Jinja2 autoescaping on: every piece
of report text (labels, values, messages, file names) is escaped, so `<script>` in a report shows as text.

view → **render** → HTML. The download uses gaicheck.output.html.render_report_html when that module is
installed, else this package's own standalone rendering (templates/report.html, CSS inline, no script).
"""

from __future__ import annotations

import base64
import importlib
import json
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any

import jinja2
from markupsafe import Markup

from gaicheck import __version__, i18n
from gaicheck.model.finding import Finding
from gaicheck.model.report import Report
from gaicheck.output import clerk
from gaicheck.server.view import PageView, build_view, script_json

SCRIPT_WORDS = ("still", "holds", "copied", "copy_by_hand", "too_large", "submit", "checking")  # app.js's


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("gaicheck.server", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def stylesheet() -> str:
    return files("gaicheck.server").joinpath("static", "app.css").read_text(encoding="utf-8")


def language(value: object) -> i18n.Lang:
    """The page's language from a form field or query parameter: English when asked for, else Chinese."""
    return "en" if value == "en" else "zh"


def script_words(lang: str) -> Markup:
    """The words static/app.js writes (`page.js.*`), as JSON for `<script type="application/json">`."""
    return Markup(script_json({name: i18n.word(f"page.js.{name}", lang) for name in SCRIPT_WORDS}))


def words(lang: str) -> Callable[..., str]:
    """`w(key, **fields)` for the templates: gaicheck.i18n's word `key` in `lang`."""

    def w(key: str, **fields: object) -> str:
        return i18n.word(key, lang, **fields)

    return w


def render(template: str, **context: Any) -> str:
    """A template with the page's defaults; `w(key, **fields)` in it is gaicheck.i18n's word in `lang`."""
    defaults: dict[str, Any] = {
        "version": __version__,
        "inline_css": None,
        "max_upload_bytes": 0,
        "max_upload_mb": "20",
        "error": None,
        "view": None,
        "pasted": None,
        "lang": "zh",
        "download_href": None,
        "download_name": "",
        "download_note": "",
        "clerk_css": Markup(clerk.CSS),
    }
    defaults.update(context)
    lang = language(defaults["lang"])
    defaults["w"] = words(lang)
    defaults["script_words"] = script_words(lang)
    return environment().get_template(template).render(**defaults)


def page(max_upload_bytes: int, max_upload_mb: str, **context: Any) -> str:
    """The page (`/`, `/check`): the form with the upload limit, and whatever `context` adds."""
    return render("index.html", max_upload_bytes=max_upload_bytes, max_upload_mb=max_upload_mb, **context)


def checked_page(
    filename: str, report: Report, findings: list[Finding], lang: str, pasted: str | None, **limits: Any
) -> str:
    """The page showing one checked report, with its downloadable HTML report."""
    view = build_view(filename, report, findings, lang)
    html, made_by = report_html(report, findings, lang, view)
    note = i18n.word("page.download_note" if made_by == "gaicheck.output.html" else "page.download_note_short", lang)
    return page(
        view=view,
        pasted=pasted,
        lang=lang,
        download_href=data_url(html),
        download_name=download_name(filename),
        download_note=note,
        **limits,
    )


def json_bytes(content: Any) -> bytes:
    """JSON with Chinese left readable (as the CLI prints it)."""
    return json.dumps(content, ensure_ascii=False, indent=2).encode("utf-8")


def own_report_html(view: PageView, lang: str) -> str:
    return render("report.html", view=view, inline_css=stylesheet(), lang=lang)


def report_html(report: Report, findings: list[Finding], lang: str, view: PageView) -> tuple[str, str]:
    """The downloadable HTML report and which renderer made it ("gaicheck.output.html" or "server")."""
    try:
        module = importlib.import_module("gaicheck.output.html")
    except ImportError:
        module = None
    renderer = getattr(module, "render_report_html", None)
    if callable(renderer):
        html = renderer(report, findings, lang)
        if isinstance(html, str):
            return html, "gaicheck.output.html"
    return own_report_html(view, lang), "server"


def data_url(html: str) -> str:
    return "data:text/html;charset=utf-8;base64," + base64.b64encode(html.encode("utf-8")).decode("ascii")


def download_name(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0] if "." in filename.strip(".") else filename
    return f"{stem or 'report'}-gaicheck.html"
