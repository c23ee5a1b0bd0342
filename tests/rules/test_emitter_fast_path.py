"""The emitter builds a Finding without validation when its values are of the declared types: the object
is the one validation gives (same fields, fields set, dump), on every finding of the corpus; a value of
another type (or an unknown severity) still goes through validation."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gaicheck.checks.emitter import Emitter
from gaicheck.checks.options import Options
from gaicheck.checks.run import run_rules
from gaicheck.extract.extractor import extract
from gaicheck.model.finding import Finding
from gaicheck.model.report import Position, Report
from gaicheck.readers import read_file
from tests.conftest import DATA, EXAMPLES

FILES = sorted(
    p
    for d in (EXAMPLES, DATA / "corpus")
    for p in d.iterdir()
    if p.suffix in (".txt", ".md", ".html", ".htm") and p.name.lower() not in ("sources.md", "readme.md")
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fast_findings_equal_validated_ones(lang: str) -> None:
    count = 0
    for path in FILES:
        for found in run_rules(extract(read_file(str(path))), Options(lang=lang)):
            validated = Finding(**found.__dict__)
            assert found == validated
            assert found.model_fields_set == validated.model_fields_set
            assert found.model_dump_json() == validated.model_dump_json()
            assert found.__pydantic_extra__ == validated.__pydantic_extra__
            count += 1
    assert count > 100


def test_other_values_are_validated() -> None:
    report = Report(path="x", format="text")
    out = Emitter(report, Options())
    out.emit("STR009", {}, at=Position(page=1), expected=True)  # bool: validation makes it the int 1
    assert out.findings[-1].expected == 1 and type(out.findings[-1].expected) is int
    bad = Emitter(report, Options(severity={"STR009": "fatal"}))
    with pytest.raises(ValidationError):
        bad.emit("STR009", {}, at=Position(page=1))
