"""Section headings: lines → **the six sections** (where each starts, its wording), for the extractor."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from gaicheck.extract.labels import LabelMatch, label_set_for
from gaicheck.extract.normalize import match_key
from gaicheck.extract.stream import Line
from gaicheck.templates import Label, SectionSpec, Template

_HEADING = regex.compile(
    r"^\s*(?:第)?(?P<num>[一二三四五六七八九十]{1,2})\s*(?:部分)?\s*[、.．,，:：\s]\s*(?P<title>.+)$"
)
_HEADING_FIRST = frozenset("第一二三四五六七八九十")  # what `_HEADING` can match first, after its leading spaces
_SENTENCE_END = regex.compile(r"[。：:；;]")


@dataclass(slots=True)
class FoundSection:
    spec: SectionSpec
    line: Line
    found_title: str
    official: bool
    number: str


def _same_start(title: str, candidates: list[int], specs: list[SectionSpec]) -> LabelMatch | None:
    """A numbered heading that keeps the start of its section's official title and rewords the end
    (`五、存在的主要问题及明年工作计划` for `五、存在的主要问题及改进情况`): the section, as a deviation.
    The shared start must be at least half the official title and six characters long."""
    key = match_key(title)
    for i in candidates:
        official = match_key(specs[i].title)
        shared = next(
            (n for n, (a, b) in enumerate(zip(key, official, strict=False)) if a != b), min(len(key), len(official))
        )
        if shared >= 6 and 2 * shared >= len(official):
            return LabelMatch(i, False, title)
    return None


def find_sections(lines: list[Line], template: Template, start: int) -> dict[str, FoundSection]:
    specs = template.sections
    labels = label_set_for(
        template, "sections", lambda: [Label(key=s.key, label=s.title, aliases=s.aliases) for s in specs]
    )
    found: dict[str, FoundSection] = {}
    for line in lines[start:]:
        text = line.text.strip()
        if not text or text[0] not in _HEADING_FIRST or len(line.text) > 200:
            continue  # `_HEADING` cannot match (str.strip() takes every \s), or too long
        non_empty = [t for t in line.tokens if t.text.strip()]
        if len(non_empty) != 1:
            continue
        m = _HEADING.match(text)
        if m is None:
            continue
        title = m.group("title").strip()
        hit = labels.match(title)
        if hit is None:
            head = _SENTENCE_END.split(title, maxsplit=1)[0]
            hit = labels.match(head) if head != title else None
            if hit is not None:
                title = head
        if hit is None:
            # the number is a strong anchor: accept a looser wording for the section it numbers
            same_number = [i for i, spec in enumerate(specs) if spec.number == m.group("num")]
            hit = labels.match(title, same_number, loose=True) or _same_start(title, same_number, specs)
        if hit is None:
            continue
        spec = specs[hit.index]
        if spec.key in found:
            continue
        official = hit.official and m.group("num") == spec.number
        found[spec.key] = FoundSection(spec, line, f"{m.group('num')}、{title}", official, m.group("num"))
    return found
