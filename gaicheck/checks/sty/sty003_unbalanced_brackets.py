"""STY003 unbalanced-brackets: a paragraph has a bracket or quotation mark without its other half (a list
marker such as 1) or （一） is not a bracket).

Report (prose of the sections in sty.toml [data] bracket_sections) → **STY003** → one finding per
paragraph, at the first unbalanced mark.
"""

from __future__ import annotations

import re
from functools import cache

import regex

from gaicheck import i18n
from gaicheck.checks.context import RuleContext
from gaicheck.checks.sty.common import is_document
from gaicheck.prose.facts import compiled, facts, strings
from gaicheck.prose.paragraphs import Paragraph, paragraphs


@cache
def _bracket_table(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, list[tuple[int, bool]]]]:
    """A pattern finding any bracket character (stdlib `re`: scans a character set faster than `regex`),
    and for each one its (family, is_opening) roles in family order (only bracket characters change the
    stack, so `_unbalanced` visits nothing else)."""
    roles: dict[str, list[tuple[int, bool]]] = {}
    for family, (opening, closing) in enumerate(pairs):
        for ch in dict.fromkeys(opening + closing):
            roles.setdefault(ch, []).append((family, ch in opening))
    if not roles:
        return re.compile("$^"), roles
    return re.compile("[" + "".join(re.escape(ch) for ch in roles) + "]"), roles


def _unbalanced(
    par: Paragraph, pairs: tuple[tuple[str, str], ...], marker: regex.Pattern[str]
) -> tuple[int, str, bool] | None:
    """The first bracket without its other half: (index, mark, is_opening)."""
    finder, roles = _bracket_table(pairs)
    text = par.text
    stack: list[tuple[int, int]] = []  # (family, index)
    for m in finder.finditer(text):
        i = m.start()
        ch = text[i]
        for family, opening in roles[ch]:
            if opening:
                stack.append((family, i))
            elif stack and stack[-1][0] == family:
                stack.pop()
            elif any(f == family for f, _ in stack):
                # an inner bracket of another family was left open
                return stack[-1][1], text[stack[-1][1]], True
            elif marker.search(text[max(0, i - 4) : i]) or (i <= 2 and ch in ")）"):
                continue
            else:
                return i, ch, False
    if stack:
        index = stack[0][1]
        return index, text[index], True
    return None


_CLAUSE_MARK = re.compile("[，。；,;]")  # a sentence has one (one C scan, not one `in` per mark)


def check(ctx: RuleContext) -> None:
    if not is_document(ctx.report):
        return
    data = facts("sty")
    pairs = tuple((str(p[0]), str(p[1])) for p in data.get("bracket_pairs", []))
    marker = compiled(str(data.get("list_marker_pattern", "$^")))
    sections: set[str | None] = {s or None for s in strings("sty", "bracket_sections")}
    shortest = int(data.get("bracket_min_length", 15))
    for par in paragraphs(ctx, sections):
        if len(par.text) < shortest or _CLAUSE_MARK.search(par.text) is None:
            continue  # page chrome and labels are not sentences
        found = _unbalanced(par, pairs, marker)
        if found is None:
            continue
        index, mark, opening = found
        start, end = max(0, index - 12), min(len(par.text), index + 13)
        quote = ("…" if start > 0 else "") + par.text[start:end] + ("…" if end < len(par.text) else "")
        ctx.emit(
            "STY003",
            {
                "quote": quote,
                "mark": mark,
                "problem": i18n.word("sty.never_closed" if opening else "sty.closes_nothing", ctx.lang),
            },
            at=par.position(index),
            actual=mark,
        )
