"""The emitter builds a Finding without validation when its values are of the declared types: the object
is the one validation gives (equal, same field types, same pickle), on every finding of the corpus; a value
of another type (or an unknown severity) still goes through validation."""

from __future__ import annotations

import pickle
from dataclasses import asdict, fields

import pytest
from pydantic import ValidationError

from gaicheck.checks.emitter import Emitter
from gaicheck.checks.options import Options
from gaicheck.checks.run import run_rules
from gaicheck.extract.extractor import extract
from gaicheck.model.finding import validate_finding
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
            validated = validate_finding(asdict(found))
            assert found == validated
            assert [type(getattr(found, f.name)) for f in fields(found)] == [
                type(getattr(validated, f.name)) for f in fields(validated)
            ]
            assert pickle.loads(pickle.dumps(found)) == validated
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
