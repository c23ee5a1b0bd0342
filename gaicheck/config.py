"""Configuration: `[tool.gaicheck]` in `pyproject.toml` or a `gaicheck.toml`, found by walking up from
the checked path, merged with the command-line options into the effective Settings.

CLI + config file → **Settings** → engine Options (select/ignore/severity), per-file ignores, exclude
globs, output format. Unknown keys and unknown rule codes are errors (ConfigError → exit code 2).
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

FORMATS = ("text", "full", "json", "sarif", "github", "junit", "gitlab", "html", "xlsx")
Format = Literal["text", "full", "json", "sarif", "github", "junit", "gitlab", "html", "xlsx"]
SeverityName = Literal["error", "warning", "info"]


class ConfigError(Exception):
    """A configuration that cannot be used: unknown key, unknown code, unreadable file."""


class Settings(BaseModel):
    """The effective settings; field aliases are the configuration keys."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=lambda: ["ALL"])
    ignore: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    fail_on: SeverityName = Field(default="error", alias="fail-on")
    lang: Literal["zh", "en"] = "zh"
    exclude: list[str] = Field(default_factory=list)
    format: Format = "text"
    # the result cache (gaicheck/pipeline/cache.py): on by default, in .gaicheck_cache next to the configuration
    cache: bool = True
    cache_dir: str = Field(default="", alias="cache-dir")  # "" = .gaicheck_cache next to the configuration
    cache_max_mb: int = Field(default=512, ge=1, alias="cache-max-mb")
    # where the settings came from (not a configuration key)
    source: str | None = Field(default=None, exclude=True)
    root: str = Field(default=".", exclude=True)

    # ---- derived values -------------------------------------------------------------------------
    def selected(self) -> list[str]:
        return [*self.select, *self.extend_select]

    def severity_overrides(self) -> dict[str, str]:
        """`severity` keys may be codes or prefixes; the engine wants one entry per code."""
        from gaicheck.catalogue import load_catalogue, matches

        out: dict[str, str] = {}
        for code in load_catalogue():
            for selector, level in self.severity.items():
                if matches(code, [selector]):
                    out[code] = level
        return out

    def ignores_for(self, path: str) -> list[str]:
        """The codes `per-file-ignores` switches off for one file."""
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores.items():
            if glob_match(path, pattern, self.root):
                codes.extend(ignored)
        return codes

    def is_excluded(self, path: str) -> bool:
        return any(glob_match(path, pattern, self.root) for pattern in self.exclude)

    def as_toml(self) -> str:
        """The effective settings as a `[tool.gaicheck]`-style TOML text (`gaicheck config`)."""
        import json

        lines = [f"# {'source: ' + self.source if self.source else 'no configuration file: defaults'}"]
        data = self.model_dump(by_alias=True)
        for key in sorted(data):
            value = data[key]
            if isinstance(value, dict):
                inner = ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v, ensure_ascii=False)}"
                                  for k, v in sorted(value.items()))
                lines.append(f"{key} = {{{inner}}}" if inner else f"{key} = {{}}")
            else:
                lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        return "\n".join(lines) + "\n"


def glob_match(path: str, pattern: str, root: str) -> bool:
    """Match a file against a glob: relative to the configuration's folder, or by file name alone
    when the pattern has no `/` (as in ruff's per-file-ignores)."""
    posix = Path(path).as_posix()
    candidates = {posix, posix.removeprefix("./")}
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
        if not rel.startswith(".."):
            candidates.add(Path(rel).as_posix())
    except ValueError:  # another drive on Windows
        pass
    pattern = pattern.removeprefix("./")
    if pattern.endswith("/") and "/" not in pattern.rstrip("/"):
        # `archive/` excludes every folder named archive, at any depth, as `archive` does (which also
        # excludes a file of that name); a pattern with a `/` inside is relative to the configuration's folder
        name = pattern.rstrip("/")
        parts = Path(posix).parts
        folders = [*parts[:-1], *(parts[-1:] if os.path.isdir(path) else [])]
        return any(fnmatch.fnmatchcase(folder, name) for folder in folders)
    if "/" not in pattern.rstrip("/"):
        candidates.add(Path(path).name)
        # a bare folder name excludes everything under it
        candidates.update(part for part in Path(posix).parts[:-1])
    if pattern.endswith("/"):
        pattern += "*"
    return any(fnmatch.fnmatchcase(c, pattern) or fnmatch.fnmatchcase(c, pattern + "/*") for c in candidates)


def find_config(start: str) -> Path | None:
    """The nearest gaicheck.toml, or pyproject.toml with a [tool.gaicheck] table, from `start` upwards."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        own, pyproject = folder / "gaicheck.toml", folder / "pyproject.toml"
        try:
            if own.is_file():
                return own
            if not pyproject.is_file():
                continue
        except OSError:  # a folder that cannot be looked into: its configuration cannot be known
            continue
        # a pyproject.toml that is not TOML (or not UTF-8) is an error, never skipped in silence: it may
        # hold the [tool.gaicheck] table meant for these files (--isolated or --config goes around it)
        data = _read_toml(pyproject, hint=True)
        if isinstance(data.get("tool"), dict) and "gaicheck" in data["tool"]:
            return pyproject
    return None


def _read_toml(path: Path, hint: bool = False) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except UnicodeDecodeError as exc:
        reason = "不是 UTF-8 编码 / not UTF-8"
        error: Exception = exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        reason = " ".join(str(getattr(exc, "strerror", None) or exc).split())
        error = exc
    around = "（可用 --isolated 或 --config 跳过 / use --isolated or --config to go around it）" if hint else ""
    raise ConfigError(f"无法读取配置文件 / cannot read configuration {path}: {reason}{around}") from error


def load_file(path: Path) -> Settings:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("gaicheck", {}) if isinstance(tool, dict) else {}
    else:
        table = data  # top-level keys, as in ruff.toml; a [tool.gaicheck] table is accepted too
        tool = data.get("tool")
        if set(data) == {"tool"} and isinstance(tool, dict) and set(tool) == {"gaicheck"}:
            table = tool["gaicheck"]
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.gaicheck] 必须是表 / must be a table")
    return validate(table, source=str(path), root=str(path.parent))


def validate(table: dict[str, Any], source: str | None = None, root: str = ".") -> Settings:
    known = {f.alias or name for name, f in Settings.model_fields.items() if name not in ("source", "root")}
    for key in table:
        if key not in known:
            raise ConfigError(
                f"{source or 'configuration'}: 未知的配置项 / unknown key '{key}' (known: {', '.join(sorted(known))})"
            )
    try:
        settings = Settings.model_validate(table)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{source or 'configuration'}: 配置无效 / invalid configuration: {problems}") from exc
    settings = settings.model_copy(update={"source": source, "root": root})
    check_codes(settings)
    return settings


def check_codes(settings: Settings) -> None:
    codes = [*settings.select, *settings.ignore, *settings.extend_select, *settings.severity]
    for ignored in settings.per_file_ignores.values():
        codes.extend(ignored)
    validate_codes(codes, settings.source)


def validate_codes(codes: list[str], source: str | None = None) -> None:
    from gaicheck.catalogue import load_catalogue

    known = load_catalogue()
    for code in codes:
        if code != "ALL" and not any(k.startswith(code) for k in known):
            where = f"{source}: " if source else ""
            raise ConfigError(f"{where}未知的规则代码 / unknown rule code: {code}")


def load_settings(paths: list[str], config: str | None = None, isolated: bool = False) -> Settings:
    """The settings from `--config FILE`, or discovered from the first checked path (or the current
    folder), or the defaults with `--isolated`."""
    if isolated:
        return Settings()
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise ConfigError(f"配置文件不存在 / configuration file not found: {config}")
        return load_file(path)
    start = next((p for p in paths if p != "-" and not p.startswith(("http://", "https://"))), ".")  # not a URL
    found = find_config(start)
    return load_file(found) if found else Settings()


def merge_cli(
    settings: Settings,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    extend_select: list[str] | None = None,
    fail_on: str | None = None,
    lang: str | None = None,
    fmt: str | None = None,
    cache_dir: str | None = None,
    no_cache: bool = False,
) -> Settings:
    """Command-line options win: --select replaces, --ignore and --extend-select add."""
    update: dict[str, Any] = {}
    if select:
        update["select"] = select
    if ignore:
        update["ignore"] = [*settings.ignore, *ignore]
    if extend_select:
        update["extend_select"] = [*settings.extend_select, *extend_select]
    if fail_on:
        update["fail_on"] = fail_on
    if lang:
        update["lang"] = lang
    if fmt:
        update["format"] = fmt
    if cache_dir:  # relative to where gaicheck runs, as any command-line path
        update["cache_dir"] = os.path.abspath(cache_dir)
    if no_cache:
        update["cache"] = False
    merged = settings.model_copy(update=update)
    validate_codes([*(select or []), *(ignore or []), *(extend_select or [])])
    return merged
