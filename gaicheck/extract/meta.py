"""Report metadata: lines → **title, report year, organ, publication date**, for the extractor.

The year comes from the report's title, never from page chrome (a portal banner saying
今天是2019年4月20日 above a 2022 report).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from gaicheck.extract.stream import Line
from gaicheck.model.document import Location

_TITLE = regex.compile(
    r"(?P<pre>[^。；;]{0,60}?)(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?P<mid>[^。；;]{0,40}?)政府信息公开(?:工作)?(?:年度)?(?:工作)?报告"
)
_TITLE_SUFFIX_YEAR = regex.compile(
    r"(?P<pre>[^。；;]{2,60}?)政府信息公开(?:工作)?年度报告\s*[（(]\s*(?P<year>(?:19|20)\d{2})\s*年?度?\s*[)）]"
)
_DATE_LABELLED = regex.compile(
    r"(?:发布日期|发文日期|成文日期|发布时间|公开日期|印发日期|生成日期)\s*[:：|]?\s*(?:\|\s*)?"
    r"(?P<y>(?:19|20)\d{2})\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})"
)
_DATE_LINE = regex.compile(r"^\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*$")
_ORGAN_NOISE = regex.compile(r"^(?:标题|题目|名称|关于|印发|公布|[\s:：|#*]+)+|[\s:：|#*]+$")
# a title ends with 报告 (optionally "（2022年度）"); a sentence that merely mentions 年度报告 does not
_TITLE_END = regex.compile(r"报告\s*(?:[（(]\s*(?:19|20)\d{2}\s*年?度?\s*[)）])?\s*[#*]*\s*$")

TITLE_SCAN_LINES = 80
_ORGAN_LINE = regex.compile(r"^\p{Han}{2,30}(?:政府|办公室|办公厅|委员会|局|委|办|厅|中心|街道办事处|办事处|管委会)$")
_WRAPPED_TITLE_HEAD = regex.compile(r"(?:19|20)\d{2}\s*年.*政府信息公开")


@dataclass(slots=True)
class Meta:
    title: str | None = None
    title_line: int | None = None  # index into the lines
    title_loc: Location | None = None
    year: int | None = None
    organ: str | None = None
    published: str | None = None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# Folding (NFKC) every scanned line is the costly part of this module. A line can only be a title (or
# the head of a wrapped one) when it holds 告 (报告) or 政 (政府信息公开), a labelled date only when it
# holds 期 (…日期) or 时 and 间 (发布时间), a date line only when it holds 年 (or U+F98E, which folds to
# it); no other character folds to one of these (tests/spine/test_meta_prefilter.py), so lines without
# them are skipped unfolded. Nor can a line much longer than a title fold into one:
# NFKC merges at most 4 characters into one (the longest canonical decomposition) and the strip() after
# it removes whitespace only, at most one character more at each end of the stripped original.
_TITLE_CHARS = ("告", "政")
_DATE_CHARS = ("期", "时", "间")
_YEAR_CHARS = ("年", "\uf98e")
_MAX_TITLE = 120
_MAX_TITLE_UNFOLDED = 4 * (_MAX_TITLE + 2)
_TITLE_TAIL = regex.compile(r"\s*(?:[（(]\s*(?:19|20)\d{2}\s*年?度?\s*[)）])?\s*[#*]*\s*")  # _TITLE_END after 报告


def _may_be_title(raw: str, following: str) -> bool:
    """False when `raw`, folded, can be neither a title nor the head of one wrapped onto `following`.
    Folds a few characters at most: NFKC of a text cut just after 告 (a character that composes with
    nothing) is the NFKC of the two pieces, so what follows the last 告 can be checked alone."""
    size = len(raw.strip())
    if size > _MAX_TITLE_UNFOLDED:
        return False  # folded, still longer than _MAX_TITLE
    end = raw.rfind("告")
    if end != -1 and _TITLE_TAIL.fullmatch(_fold(raw[end + 1 :]).rstrip()) is not None:
        return True  # may end like a title
    # a wrapped title's head holds 政府信息公开, is at most 80 characters with its short (≤ 12) following
    # line, and one of them holds 报告
    return (
        "政" in raw
        and size <= 4 * (80 + 2)
        and 0 < len(following.strip()) <= 4 * (12 + 2)
        and ("告" in raw or "告" in following)
    )


def find_title(lines: list[Line], html_title: str | None) -> Meta:
    meta = Meta()
    head = lines[:TITLE_SCAN_LINES]
    for i, line in enumerate(head):
        if _TITLE_CHARS[0] not in line.text and _TITLE_CHARS[1] not in line.text:
            continue  # folded, it would match neither _TITLE_END nor _WRAPPED_TITLE_HEAD
        if not _may_be_title(line.text, head[i + 1].text if i + 1 < len(head) else ""):
            continue
        text = _fold(line.text).strip()
        following = _fold(head[i + 1].text).strip() if i + 1 < len(head) else ""
        if (
            text
            and _TITLE_END.search(text) is None
            and _WRAPPED_TITLE_HEAD.search(text) is not None
            and 0 < len(following) <= 12
        ):
            joined = text + following  # a title wrapped over two lines
            if _TITLE_END.search(joined) is not None and len(joined) <= 80:
                text = joined
        if not text or len(text) > _MAX_TITLE or _TITLE_END.search(text) is None:
            continue
        m = _TITLE.search(text) or _TITLE_SUFFIX_YEAR.search(text)
        if m is None:
            continue
        meta.title, meta.title_line, meta.year = line.text.strip(), line.index, int(m.group("year"))
        meta.title_loc = line.loc
        organ = m.group("pre").strip()
        if not organ and "mid" in m.groupdict():
            organ = (m.group("mid") or "").strip()
        organ = _ORGAN_NOISE.sub("", organ)
        if not organ and line.index > 0:
            previous = next((p for p in reversed(head[:i]) if p.text.strip()), None)
            if previous is not None and _ORGAN_LINE.match(_fold(previous.text).strip()):
                organ = _fold(previous.text).strip()  # organ on its own line above the title
        meta.organ = organ or None
        break
    if meta.title is None and html_title and _TITLE_END.search(_fold(html_title).strip()):
        m = _TITLE.search(_fold(html_title)) or _TITLE_SUFFIX_YEAR.search(_fold(html_title))
        if m is not None:
            meta.title, meta.year = html_title.strip(), int(m.group("year"))
            meta.organ = _ORGAN_NOISE.sub("", m.group("pre").strip()) or None
    return meta


def _iso(y: str, m: str, d: str) -> str | None:
    month, day = int(m), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{int(y):04d}-{month:02d}-{day:02d}"


def find_published(lines: list[Line], doc_meta: dict[str, str]) -> str | None:
    for key in ("发布日期", "发文日期", "成文日期", "发布时间"):
        if key in doc_meta:
            m = _DATE_LABELLED.search(f"{key}:{doc_meta[key]}")
            if m is not None:
                return _iso(m.group("y"), m.group("m"), m.group("d"))
    for line in lines[:TITLE_SCAN_LINES]:
        text = line.text
        if _DATE_CHARS[0] not in text and (_DATE_CHARS[1] not in text or _DATE_CHARS[2] not in text):
            continue
        m = _DATE_LABELLED.search(_fold(line.text))
        if m is not None:
            return _iso(m.group("y"), m.group("m"), m.group("d"))
    for line in reversed(lines[-15:]):
        if _YEAR_CHARS[0] not in line.text and _YEAR_CHARS[1] not in line.text:
            continue
        m = _DATE_LINE.match(_fold(line.text))
        if m is not None:
            return _iso(m.group("y"), m.group("m"), m.group("d"))
    return None
