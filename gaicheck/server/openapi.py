"""The OpenAPI 3.1 description of the HTTP API, served at /openapi.json (written by hand: the API is small
and its JSON bodies are the documented `gaicheck check/parse --format json` contracts)."""

from __future__ import annotations

from typing import Any

from gaicheck import __version__

_ERROR = {
    "type": "object",
    "required": ["status", "error", "message"],
    "properties": {
        "status": {"type": "integer"},
        "error": {"type": "string", "examples": ["too_large"]},
        "message": {"type": "string", "description": "one line, Chinese / English"},
    },
}
_UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary", "description": "the report (DOCX, PDF, HTML, text)"},
                    "text": {"type": "string", "description": "the report's text, when no file is sent"},
                },
            }
        },
        "application/octet-stream": {
            "schema": {"type": "string", "format": "binary"},
            "description": "the raw file; give its name with ?filename=",
        },
    },
}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _query(name: str, description: str, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": "string", **schema}, "description": description}


_PARAMS = [
    _query("filename", "raw body only: the file name (basename)"),
    _query("lang", "message language", enum=["zh", "en"], default="zh"),
    _query("select", "codes or prefixes to check, comma-separated"),
    _query("ignore", "codes or prefixes to skip, comma-separated"),
]


def _errors(*statuses: int) -> dict[str, Any]:
    reasons = {
        400: "bad input (no file, empty body, unknown option)",
        408: "the request body did not arrive within the body timeout (request_timeout)",
        413: "upload too large, a DOCX/XLSX that inflates past the limits (too_large), or a check that needs "
        "more memory than a worker process has (memory_limit)",
        415: "unsupported file type",
        422: "the file cannot be read",
        503: "the check passed its time limit (timeout), the server has no room for it now (busy), or its "
        "worker process died (worker_failed); Retry-After says when to try again",
    }
    retry = {"Retry-After": {"description": "seconds to wait before trying again", "schema": {"type": "integer"}}}
    return {
        str(s): {
            "description": reasons[s],
            "content": _json({"$ref": "#/components/schemas/Error"}),
            **({"headers": retry} if s == 503 else {}),
        }
        for s in statuses
    }


def openapi_schema() -> dict[str, Any]:
    upload_errors = _errors(400, 408, 413, 415, 422, 503)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "gaicheck",
            "version": __version__,
            "description": "政府信息公开工作年度报告一致性检查 / consistency checks for government "
            "information-disclosure annual reports. Nothing is stored.",
        },
        "paths": {
            "/api/v1/check": {
                "post": {
                    "summary": "Check one report (same JSON as `gaicheck check --format json`)",
                    "parameters": _PARAMS,
                    "requestBody": _UPLOAD_BODY,
                    "responses": {
                        "200": {
                            "description": "the check result",
                            "content": _json({"$ref": "#/components/schemas/CheckResult"}),
                        },
                        **upload_errors,
                    },
                }
            },
            "/api/v1/parse": {
                "post": {
                    "summary": "Parse one report (same JSON as `gaicheck parse --format json`)",
                    "parameters": [_PARAMS[0]],
                    "requestBody": _UPLOAD_BODY,
                    "responses": {
                        "200": {"description": "one entry per template cell", "content": _json({"type": "object"})},
                        **upload_errors,
                    },
                }
            },
            "/api/v1/rules": {
                "get": {
                    "summary": "The rule catalogue (same JSON as `gaicheck rules --format json`)",
                    "responses": {
                        "200": {
                            "description": "rules",
                            "content": _json({"type": "array", "items": {"type": "object"}}),
                        }
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness",
                    "responses": {"200": {"description": "ok", "content": _json({"type": "object"})}},
                }
            },
        },
        "components": {
            "schemas": {
                "Error": _ERROR,
                "CheckResult": {
                    "type": "object",
                    "required": ["version", "files", "summary"],
                    "properties": {
                        "version": {"type": "string"},
                        "files": {"type": "array", "items": {"type": "object"}},
                        "summary": {"type": "object"},
                    },
                },
            }
        },
    }
