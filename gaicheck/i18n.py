"""Language: the one way code reaches a word a user reads, in Chinese (the default) or English.

rules/catalogue/*.toml (messages) + rules/templates/*.toml (names of tables, rows, columns, sections) + the
word table below (locations, cell statuses, severities, the output formats' own words) → **i18n** → rules'
messages and every output format. Nothing else chooses between languages: other modules pass `lang` on.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Literal

from gaicheck.templates import (
    NON_VERSIONS,
    ColumnSpec,
    Label,
    RowSpec,
    SectionSpec,
    TableSpec,
    Template,
    all_templates,
    registry,
)

if TYPE_CHECKING:
    from gaicheck.catalogue import RuleSpec
    from gaicheck.model.document import Location
    from gaicheck.model.observations import RowObserved
    from gaicheck.model.report import CellValue

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

# key → (Chinese, English); `{name}` fields are filled by `word(key, lang, name=…)`
_WORDS: dict[str, tuple[str, str]] = {
    # severities
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "info"),
    # a cell's state, as a rule states why an identity cannot be checked
    "status.empty": ("为空", "blank"),
    "status.missing": ("缺失", "missing"),
    "status.ambiguous": ("无法确定", "not assignable"),
    "status.invalid": ("不是数字", "not a number"),
    "status.ok": ("无数值", "without value"),
    "status.unreadable": ("无法识别", "unreadable (OCR)"),  # a cell read from a picture whose value is not trusted
    # location parts (a finding's place in a file without lines: PDF, Word, Excel)
    # archive features: cache, URLs, cluster (gaicheck/urls/, gaicheck/pipeline/cluster.py, cli)
    # cluster (pipeline/cluster.py)
    "archive.dask_missing": ("未安装 Dask，请运行 pip install 'gaicheck[dask]'",
                     "Dask is not installed: pip install 'gaicheck[dask]'"),
    "archive.scheduler_unreachable": ("无法连接 Dask 调度器 {address}：{reason}",
                              "cannot reach the Dask scheduler {address}: {reason}"),
    "archive.scheduler_with_stdin": (
        "标准输入不能与 --scheduler 同用", "standard input cannot be used with --scheduler"
    ),
    # URLs (fetch/)
    "archive.url_failed": ("{url}：无法下载：{reason}", "{url}: cannot download: {reason}"),
    "archive.url_too_large": ("超过大小上限 {limit}", "larger than the limit of {limit}"),
    "archive.url_timeout": ("超时（{seconds:g} 秒）", "timed out ({seconds:g} s)"),
    "archive.url_redirects": ("重定向次数过多（上限 {limit}）", "too many redirects (limit {limit})"),
    "archive.url_status": ("服务器返回 HTTP {status}", "the server answered HTTP {status}"),
    "archive.url_scheme": ("只支持 http 和 https 地址", "only http and https addresses are supported"),
    "archive.urls_file": ("无法读取网址列表 {path}：{reason}", "cannot read the list of addresses {path}: {reason}"),
    "loc.source": ("附件「{name}」", 'attachment "{name}"'),
    "loc.page": ("第{n}页", "page {n}"),
    "loc.table": ("表{n}", "table {n}"),
    "loc.row": ("第{n}行", "row {n}"),
    "loc.cell": ("第{n}列", "cell {n}"),
    "loc.paragraph": ("第{n}段", "paragraph {n}"),
    "loc.line": ("第{n}行", "line {n}"),
    "loc.column": ("第{n}列", "column {n}"),
    "loc.sep": (" ", ", "),
    "value.text": ("{v}", "“{v}”"),
    # lists and punctuation
    "list.sep": ("、", ", "),
    "clause.sep": ("，", ", "),
    "colon": ("：", ": "),
    # META
    "meta.month_day": ("{month}月{day}日", "{date}"),
    "meta.no_content": ("没有实质内容", "has no content"),
    "meta.only_says": ("只写了「{text}」", 'only says "{text}"'),
    "meta.no_fee": ("没有提及信息处理费", "does not mention fees"),
    # STR
    "str.all_columns": ("全部各列", "all columns"),
    "str.quoted": ("「{name}」", '"{name}"'),
    "str.column": ("「{name}」列", 'column "{name}"'),
    "str.ocr_hint": (
        "；需要安装图像识别组件：pip install 'gaicheck[ocr]'", "; OCR needs the ocr extra: pip install 'gaicheck[ocr]'"
    ),
    # OCR: the mark on findings about cells read from a picture (gaicheck/checks/ocr_mark.py)
    "ocr.mark": ("（图像识别）", " (OCR)"),
    # STY
    "sty.numbered": ("「{found}」应为「{number}、」", '"{found}" should be numbered {number}'),
    "sty.items_sep": ("；", "; "),
    "sty.never_closed": ("没有对应的右半", "is never closed"),
    "sty.closes_nothing": ("没有对应的左半", "closes nothing"),
    # TXT
    "txt.table": ("表{n}", "table {n} "),
    "txt.label": ("「{x}」", '"{x}"'),
    "txt.plus": ("+", " + "),
    "txt.rows_sum": ("「{metric}」{k}行之和", '"{metric}" ({k} rows)'),
    "txt.bound": ("（总计列空白，按已填各列合计，至少）", " (total column blank: sum of the filled columns)"),
    "txt.at_least": ("{v}", "at least {v}"),
    # VAL
    "val.unit_yuan": ("单元格写明单位为“元”", 'the cell says "元" (yuan)'),
    "val.million": ("数值达到100万（按万元计即100亿元），疑似按元填报", "10⁶ or more, probably entered in yuan"),
    # YOY
    "yoy.more_columns": ("等{all}列", " and {more} more"),
    "yoy.bad_this_year": ("本年「{row}」{cols}{status}", 'this year\'s "{row}" {cols} {status}'),
    "yoy.bad_last_year": ("上年「{row}」{cols}{status}", 'last year\'s "{row}" {cols} {status}'),
    "yoy.bad_sep": ("，", "; "),
    "yoy.check_reason": ("{check}：{reason}", "{check}: {reason}"),
    "yoy.checks_sep": ("；", " / "),
    "yoy.legacy_not_comparable": (
        "该报告为2019年以前的旧版格式，与现行格式不可比，不作跨年度比较",
        "it is in the pre-2019 format, which cannot be compared with the current formats",
    ),
    "yoy.no_tables_not_comparable": (
        "该报告未识别出国办格式的统计表，不作跨年度比较",
        "no statistical tables of the national format were recognised in it",
    ),
    "yoy.no_organ": (
        "无法从标题确定发布机关，不作比较", "the issuing organ could not be read from a title, so they are not compared"
    ),
    "yoy.organs_differ": (
        "两份报告的发布机关不同（{previous} / {current}），不作比较",
        'the issuing organs differ ("{previous}" / "{current}"), so they are not compared',
    ),
    "yoy.no_year": ("无法从标题确定报告年度，不作比较", "the report year could not be read from a title"),
    "yoy.not_earlier": (
        "指定的上年报告为{previous}年度，不早于本报告（{current}年度），不作比较",
        "the given previous report is for {previous}, not earlier than this one ({current})",
    ),
    "yoy.check.carried_over": ("上年结转", "carried over"),
    "yoy.check.in_force": ("现行有效件数", "in force"),
    "yoy.check.items_last_year": ("上一年项目数量", "items last year"),
    "yoy.check.total_published": ("对外公开总数量", "total published"),
    "yoy.all_prose": ("全文（第一至第六部分的文字）", "All prose (sections I to VI)"),
    "yoy.section": ("第{n}部分「{title}」", "Section {n} ({title})"),
    "yoy.more_reports": ("等{all}份", " and {more} more"),
    # TPL
    "tpl.pre_2019": ("2019年以前", "pre-2019"),
    # STR002: what stands in a missing table's place
    "str002.picture_page": (
        "：第{page}页只有图片、没有文字，表格可能以图片发布",
        ": page {page} shows a picture and no text; the table may have been published as a picture",
    ),
    "str002.picture_named": ("（{name}）", " ({name})"),
    "str002.picture_in_section": (
        "：第{section}部分中是一张图片{named}，表格可能以图片发布",
        ": section {section} holds a picture{named} instead; the table may have been published as a picture",
    ),
    "str002.picture_in_text": (
        "：文中是一张图片{named}，表格可能以图片发布",
        ": it holds a picture{named} instead; the table may have been published as a picture",
    ),
    "str002.attachment": (
        "：正文中没有表格，只有附件「{text}」（{href}），表格可能在附件中，请单独检查该附件",
        ': the text has no table, only the attachment "{text}" ({href}); the table may be in it, check it on its own',
    ),
    "str002.nothing": (
        "：正文中没有该表，也没有代替它的图片或附件",
        ": the text has no such table, nor a picture or an attachment in its place",
    ),
    "tpl.no_title_no_tables": ("没有年度报告标题，也没有统计表格", "no annual report title and no statistical tables"),
    "tpl.section_heading": ("第{n}部分标题", "Heading of section {n}"),
    "tpl.column_label": ("表{n}列标题", "Table {n} column header"),
    "tpl.row_label": ("表{n}行标题", "Table {n} row label"),
    # the identities (SUM)
    "sum.others_zero": ("其余各项为0", "all others 0"),
    "sum.every_column": ("全部各列", "in every column"),
    "sum.every_row": ("全部各行", "in every row"),
    "sum.more_places": ("等{all}处", " and {more} more"),
    "sum.more_items": ("等{n}项", "and {n} more"),
    "sum.run_row": ("{name}行", "row {name}"),
    "sum.run_rows": ("{names}{n}行", "rows {names}"),
    "sum.run_sep": ("；", "; "),
    "sum.name_status": ("{name}{status}", "{name} {status}"),
    # tables
    "table.heading": ("表{n} {title}", "Table {n}: {title}"),
    "table.more_rows": ("……另有{n}行", "… {n} more row(s)"),
    "cell.blank": ("（空）", "(blank)"),
    # text and the formats built on it
    "text.cannot_check": ("无法检查", "cannot check"),
    "text.organ_unknown": ("（未识别机关）", "(organ not found)"),
    "summary.checked": (
        "共检查{files}个文件：错误{error}个，警告{warning}个，提示{info}个",
        "{files} file(s) checked: {error} error(s), {warning} warning(s), {info} info",
    ),
    "summary.unreadable": ("；{n}个文件无法读取", "; {n} file(s) could not be read"),
    "full.expected": ("应为 {value}", "expected {value}"),
    "full.actual": ("实为 {value}", "found {value}"),
    # --format full marks a finding's cells as the clerk's legend does (gaicheck/output/clerk.py)
    "full.legend": ("{legend}{colon}{marks}", "{legend}{colon}{marks}"),
    "full.legend.sep": ("；", "; "),
    "github.header": ("| 规则 | 名称 | 数量 |", "| code | name | count |"),
    # explain
    "explain.severity": ("默认级别", "Default severity"),
    "explain.where": ("代码位置", "Where it lives"),
    "explain.wrong": ("错误示例：", "Wrong:"),
    "explain.right": ("正确示例：", "Right:"),
    # the HTML page
    "html.title": ("政府信息公开工作年度报告检查结果", "Annual report check results"),
    "html.file": ("文件", "File"),
    "html.organ": ("机关", "Organ"),
    "html.year": ("年度", "Year"),
    "html.template": ("表格版本", "Template"),
    "html.findings": ("发现的问题", "Findings"),
    "html.none": ("未发现问题。", "No findings."),
    "html.legend": ("图例", "Legend"),
    "html.wrong": ("数字有误", "wrong figure"),
    "html.blank": ("空白或缺失", "blank or missing"),
    "html.unverifiable": ("无法核对", "cannot be checked"),
    "html.cell": ("查看单元格", "see cell"),
    "html.line": ("第{n}行", "line {n}"),
    "html.col": ("第{n}列", "column {n}"),
    "html.page": ("第{n}页", "page {n}"),
    "html.place_sep": ("，", ", "),
    "html.place": (" （{place}）", " ({place})"),
    "html.unreadable": ("无法检查此文件：", "This file cannot be checked: "),
    "html.expected": ("应为", "expected"),
    "html.actual": ("实为", "found"),
    "html.values_sep": ("；", "; "),
    "html.no_tables": ("未找到统计表。", "No table found."),
    "html.generated": ("由 gaicheck {v} 生成", "generated by gaicheck {v}"),
    "html.summary": (
        "错误{error}个，警告{warning}个，提示{info}个", "{error} error(s), {warning} warning(s), {info} info"
    ),
    "html.lang": ("zh-CN", "en"),
    "html.facts_sep": ("　", " · "),
    # the workbook (--format xlsx)
    "xlsx.sheet.findings": ("问题清单", "Findings"),
    "xlsx.sheet.files": ("汇总", "Summary"),
    "xlsx.sheet.rules": ("规则统计", "Rules"),
    "xlsx.col.organ": ("机关", "Organ"),
    "xlsx.col.year": ("年度", "Year"),
    "xlsx.col.file": ("文件", "File"),
    "xlsx.col.place": ("位置", "Place"),
    "xlsx.col.code": ("规则", "Code"),
    "xlsx.col.severity": ("级别", "Severity"),
    "xlsx.col.message": ("问题", "Message"),
    "xlsx.col.table": ("表格", "Table"),
    "xlsx.col.row": ("行", "Row"),
    "xlsx.col.column": ("列", "Column"),
    "xlsx.col.expected": ("应为", "Expected"),
    "xlsx.col.found": ("实为", "Found"),
    "xlsx.col.suggestion": ("修改建议", "Suggestion"),
    "xlsx.col.template": ("表格版本", "Template"),
    "xlsx.col.errors": ("错误", "Errors"),
    "xlsx.col.warnings": ("警告", "Warnings"),
    "xlsx.col.infos": ("提示", "Infos"),
    "xlsx.col.cells_read": ("读到数字的单元格", "Cells read"),
    "xlsx.col.cells_unread": ("未读到数字的单元格", "Cells not read"),
    "xlsx.col.note": ("说明", "Note"),
    "xlsx.col.title": ("规则名称", "Rule"),
    "xlsx.col.count": ("数量", "Count"),
    "xlsx.col.files": ("涉及文件数", "Files"),
    "xlsx.line": ("第{line}行第{column}列", "line {line}, column {column}"),
    "xlsx.unreadable": ("无法读取：{error}", "cannot be read: {error}"),
    "xlsx.suggestion": ("{cell}：{change}", "{cell}: {change}"),
    "xlsx.suggestion.value": ("{current} → {proposed}", "{current} → {proposed}"),
    "xlsx.suggestion.hint": ("（{hint}）", " ({hint})"),
    "xlsx.suggestion.sep": ("；", "; "),
    "xlsx.cell": ("{row}「{column}」", "{row} / {column}"),
    # `gaicheck compare OLD NEW`
    "compare.title": ("年度报告对比", "Year-to-year comparison"),
    "compare.head": ("{old}（{old_year}年度，{old_template}）→ {new}（{new_year}年度，{new_template}）",
                     "{old} ({old_year}, {old_template}) → {new} ({new_year}, {new_template})"),
    "compare.organ": ("机关：{old} / {new}", "Organ: {old} / {new}"),
    "compare.not_paired": (
        "这两份报告不是同一机关不同年度的报告（机关不同、年度相同或无法识别），gaicheck check 不对其作跨年度核对",
        "these are not one organ's reports of two different years (organs differ, same year, or not recognised): "
        "gaicheck check does not compare them",
    ),
    "compare.col.row": ("行", "Row"),
    "compare.col.column": ("列", "Column"),
    "compare.col.change": ("变化", "Change"),
    "compare.year": ("{year}年度", "{year}"),
    "compare.same": ("=", "="),
    "compare.unread": ("无法比较", "not comparable"),
    "compare.only_old": ("仅{old_year}年度有", "only in {old_year}"),
    "compare.only_new": ("仅{year}年度有", "only in {year}"),
    "compare.findings": ("跨年度核对（与 gaicheck check 对这两份报告的结果相同）",
                         "Cross-year findings (as gaicheck check gives them for this pair)"),
    "compare.no_findings": ("无", "none"),
    "compare.prose": ("文字雷同（YOY006 的测量方法，不论是否超过阈值）",
                      "Prose reuse (YOY006's measure, whatever the threshold)"),
    "compare.prose.share": (
        "{scope}：{year}年度的文字有{share}（{copied}/{chars}字）见于{old_year}年度报告；最长的相同段落{longest_chars}字：「{longest}」",
        '{scope}: {share} ({copied}/{chars} characters) of the {year} text is in the {old_year} report; '
        'longest identical passage, {longest_chars} characters: "{longest}"',
    ),
    "compare.prose.none": (
        "{scope}：{year}年度的文字有{share}（{copied}/{chars}字）见于{old_year}年度报告",
        "{scope}: {share} ({copied}/{chars} characters) of the {year} text is in the {old_year} report",
    ),
    "compare.prose.short": ("{scope}：文字太短，不比较", "{scope}: too short to compare"),
    "compare.total": (
        "共{cells}个单元格：增加{up}个，减少{down}个，相同{same}个，无法比较{unread}个，"
        "仅{old_year}年度有{only_old}个，仅{year}年度有{only_new}个",
        "{cells} cells: {up} up, {down} down, {same} the same, {unread} not comparable, {only_old} only in {old_year}, "
        "{only_new} only in {year}",
    ),
    "compare.unknown": ("未识别", "not found"),
    "compare.heading_note": ("{heading}（{note}）", "{heading} ({note})"),
    # the overview page of a batch (--format html over several files)
    "dash.overview": ("总览", "Overview"),
    "dash.totals": (
        "共检查{files}个文件、{organs}个机关：错误{error}个，警告{warning}个，提示{info}个",
        "{files} file(s) of {organs} organ(s) checked: {error} error(s), {warning} warning(s), {info} info",
    ),
    "dash.matrix": ("各机关、各年度的问题数", "Findings per organ and year"),
    "dash.matrix_note": (
        "每格为 错误/警告/提示 的个数；红色有错误，黄色只有警告，绿色没有错误和警告，灰色无法读取。点击打开该报告。",
        "Each cell: errors/warnings/infos; red: errors, yellow: warnings only, green: neither, grey: unreadable. "
        "Click to open the report.",
    ),
    "dash.organ": ("机关", "Organ"),
    "dash.unknown_year": ("年度不详", "year unknown"),
    "dash.unreadable_cell": ("无法读取", "unreadable"),
    "dash.open": ("查看", "open"),
    "dash.top": ("最常见的问题", "Most frequent problems"),
    "dash.code": ("规则", "Code"),
    "dash.title": ("名称", "Rule"),
    "dash.severity": ("级别", "Severity"),
    "dash.count": ("次数", "Findings"),
    "dash.files": ("涉及文件", "Files"),
    "dash.chart_severity": ("按级别", "By severity"),
    "dash.chart_rule": ("按规则（前{n}条）", "By rule (top {n})"),
    "dash.unreadable_list": ("无法读取的文件", "Files that could not be read"),
    "dash.back": ("↑ 返回总览", "↑ back to the overview"),
    # the web page (gaicheck/server/view.py; its templates hold the rest of its words)
    "page.status.ok": ("已读取", "read"),
    "page.status.empty": ("空白", "blank"),
    "page.status.missing": ("缺失", "missing"),
    "page.status.ambiguous": ("无法对应到列", "not assignable to a column"),
    "page.status.invalid": ("不是数字", "not a number"),
    "page.status.unreadable": ("图像无法识别", "unreadable in the picture"),
    "page.class.wrong": ("数字不符", "wrong figure"),
    "page.class.blank": ("空白或缺失", "blank or missing"),
    "page.class.unverifiable": ("无法核对", "cannot be checked"),
    "page.class.ok": ("", ""),
    "page.cell": ("{row} ·「{column}」：{status}", "{row} · {column}: {status}"),
    "page.note": ("，{note}", ", {note}"),
    "page.contents": ("信息内容", "Contents"),
    "page.version": ("{version}版（{notice}）", "{version} format ({notice})"),
    "page.template.mixed": ("混用2019版与2021版表格", "2019 and 2021 tables mixed"),
    "page.template.legacy": ("2019年以前的旧格式（无法核对）", "pre-2019 format (cannot be checked)"),
    "page.template.none": ("未识别出统计表", "no statistical table found"),
    "page.year": ("{year}年", "{year}"),
    "page.unknown": ("未识别", "not found"),
    # the page's own words (gaicheck/server/templates/*.html; "page.js.*": the words static/app.js writes)
    "page.title": ("gaicheck 年度报告检查", "gaicheck annual report check"),
    "page.report_title": ("{name} · gaicheck 检查报告", "{name} · gaicheck report"),
    "page.heading": (
        "政府信息公开工作年度报告 · 发布前检查",
        "Government information disclosure annual report · check before publishing",
    ),
    "page.intro": (
        "上传报告（Word、PDF、HTML、Excel、文本）或粘贴全文，检查三张统计表的合计、空白和格式。文件只在本次检查中使用，不保存。",
        "Upload the report (Word, PDF, HTML, Excel, text) or paste its text: the totals, blanks and format of its "
        "three statistical tables are checked. The file is used for this check only and is not kept.",
    ),
    "page.upload": ("上传报告文件", "Upload the report file"),
    "page.upload_limit": ("不超过 {mb}。", "At most {mb}."),
    "page.paste": ("或粘贴报告全文", "or paste the report's text"),
    "page.paste_hint": (
        "把报告从网页或文档中复制后粘贴到这里（包括三张统计表）",
        "Copy the report from its web page or document and paste it here (with the three tables)",
    ),
    "page.submit": ("开始检查", "Check"),
    "page.lang": ("问题说明语言", "Language"),
    "page.cannot_check": ("无法检查：", "Cannot check: "),
    "page.footer": (
        "依据国办公开办函〔2019〕60号、〔2021〕30号格式",
        "formats of notices Guobangongkaibanhan [2019] No. 60 and [2021] No. 30",
    ),
    "page.rules_json": ("规则列表（JSON）", "rules (JSON)"),
    "page.generated": ("gaicheck {v} 生成", "generated by gaicheck {v}"),
    "page.pasted_name": ("粘贴的文本.txt", "pasted text.txt"),
    "page.line_column": ("第{line}行第{column}列", "line {line}, column {column}"),
    "page.result": ("检查结果：{name}", "Result: {name}"),
    "page.dt.title": ("报告标题", "Title"),
    "page.dt.organ": ("发布机关", "Issuing organ"),
    "page.dt.year": ("报告年度", "Year"),
    "page.dt.template": ("表格模板", "Template"),
    "page.dt.format": ("文件格式", "File format"),
    "page.dt.counts": ("问题数量", "Findings"),
    "page.count.error": ("错误 {n}", "errors {n}"),
    "page.count.warning": ("警告 {n}", "warnings {n}"),
    "page.count.info": ("提示 {n}", "info {n}"),
    "page.download": ("下载检查报告（HTML）", "Download the report (HTML)"),
    "page.download_note": ("离线也可打开，可打印或存档", "opens offline, to print or to keep"),
    "page.download_note_short": (
        "离线也可打开，可打印或存档（简版）", "opens offline, to print or to keep (short version)"
    ),
    "page.tables_hint": (
        "点击右侧的问题，对应单元格会被框出；点击“试改”把建议值填入表中并重新核对（不会改动您的文件）。",
        "Click a finding on the right to outline its cells; click \"try it\" to put the suggested values into the "
        "table and check it again (your file is not changed).",
    ),
    "page.copy_table2": ("复制表2（含试改）", "Copy table 2 (with the values tried)"),
    "page.undo": ("撤销试改", "Undo"),
    "page.findings": ("发现的问题（{n}）", "Findings ({n})"),
    "page.js.still": ("试改后仍有 {n} 处勾稽关系不成立。", "With the values tried, identities still failing: {n}."),
    "page.js.holds": (
        "试改后全部勾稽关系成立（仅在本页试改，不会改动您的文件）。",
        "With the values tried, every identity holds (tried in this page only; your file is not changed).",
    ),
    "page.js.copied": ("已复制，可粘贴到 Word、WPS 或 Excel。", "Copied: paste it into Word, WPS or Excel."),
    "page.js.copy_by_hand": ("请按 Ctrl+C 复制下方文本。", "Press Ctrl+C to copy the text below."),
    "page.js.too_large": ("文件超过大小上限，无法检查。", "The file is larger than the limit: it cannot be checked."),
    "page.js.submit": ("开始检查", "Check"),
    "page.js.checking": ("正在检查…", "Checking…"),
    # `gaicheck series`
    # the cross-year checks a pair of reports gets (series/plan.py), in the order they run
    "series.check.carry_over": ("上年结转（YOY001）", "carry-over (YOY001)"),
    "series.check.in_force_2021": ("现行有效件数（YOY002）", "in force (YOY002)"),
    "series.check.rollover_2019": (
        "上一年项目数量、对外公开总数量（YOY003、YOY004）", "2019 table 1 roll-over (YOY003, YOY004)"
    ),
    "series.check.template_regression": ("格式倒退（YOY005）", "template went backwards (YOY005)"),
    "series.check.prose": ("文字雷同（YOY006、YOY007）", "copied prose (YOY006, YOY007)"),
    # command-line errors said in both languages at once (before or whatever the chosen language)
    "cli.cannot_write": (
        "无法写入输出文件 / cannot write output {path}: {problem}",
        "无法写入输出文件 / cannot write output {path}: {problem}",
    ),
    "cli.xlsx_to_terminal": (
        "不向终端输出 xlsx 工作簿，请用 -o 文件名 / refusing to write an xlsx workbook to a terminal: use -o FILE",
        "不向终端输出 xlsx 工作簿，请用 -o 文件名 / refusing to write an xlsx workbook to a terminal: use -o FILE",
    ),
    "cli.compare_two_files": (
        "compare 需要两个文件 / compare needs two files", "compare 需要两个文件 / compare needs two files"
    ),
    "series.head": ("{organ}（归并键：{key}）：{n}份报告，{years}年度", "{organ} (key: {key}): {n} report(s), {years}"),
    "series.cells": ("{n}个单元格读到数字", "{n} cells read"),
    "series.against": ("对照 {path}", "against {path}"),
    "series.checks": ("：{checks}", ": {checks}"),
    "series.pair": ("        ↳ {against}（{kind}）{detail}", "        ↳ {against} ({kind}){detail}"),
    "series.kind.compared": ("比较", "compared"),
    "series.kind.gap": ("缺少中间年度，数字不比较", "years missing in between, figures not compared"),
    "series.kind.previous_not_comparable": (
        "上一份报告格式不可比，不比较", "previous report not comparable, not compared"
    ),
    "series.kind.current_not_comparable": ("本报告格式不可比，不比较", "this report not comparable, not compared"),
    "series.ungrouped": ("{path}: 未归组：{reason}", "{path}: not grouped: {reason}"),
    "series.ungrouped.organ": ("标题中找不到发布机关", "no issuing organ found in the title"),
    "series.ungrouped.year": ("标题中找不到报告年度", "no report year found in the title"),
    # SUM: the culprit search's suggestion (gaicheck/checks/sum/pinpoint.py)
    "pin.cell": ("表{n}「{row}」「{column}」", 'table {n} "{row}" / "{column}"'),
    "pin.unique": (
        "最可能出错：{cell}{current}，改为{proposed}后全部勾稽关系成立",
        "most likely wrong: {cell} {current}; with {proposed} every identity holds",
    ),
    "pin.unique_pair": (
        "最可能出错：{changes}，改后全部勾稽关系成立",
        "most likely wrong: {changes}; then every identity holds",
    ),
    "pin.change": ("{cell}{current}改为{proposed}", "{cell} {current} → {proposed}"),
    "pin.and": ("、", " and "),
    "pin.sep": ("；", "; "),
    "pin.candidates": (
        "可能出错（{n}种改法同样使全部勾稽关系成立）：{changes}",
        "possibly wrong ({n} changes make every identity hold equally well): {changes}",
    ),
    "pin.more": ("；另有{n}处", "; {n} more"),
    "pin.none": (
        "改动一两个数字无法使全部勾稽关系成立：可能有多个数字出错，或某行错位",
        "no change of one or two numbers makes every identity hold: several numbers are wrong, or a row is shifted",
    ),
    "pin.hint": ("（{hint}）", " ({hint})"),
    "pin.hint.omitted_or_double": (
        "差额等于另一项的值：可能漏计或重复计算", "the difference equals another term: left out or counted twice"
    ),
    "pin.hint.transposition": ("可能是相邻两位数字颠倒", "two adjacent digits may be swapped"),
    "pin.hint.extra_or_missing_zero": ("可能多写或少写了一个0", "a zero may be added or missing"),
    "pin.hint.digit_slip": ("可能有一位数字写错", "one digit may have slipped"),
    "pin.arrow": (" → ", " → "),
    # the tables as the clerk sees them (gaicheck/output/clerk.py): one legend for the page and the report
    "clerk.suggested": ("最可能出错（→ 建议值）", "most likely wrong (→ suggested value)"),
    "clerk.candidate": ("可能出错之一（→ 建议值）", "one of the possible culprits (→ value)"),
    "clerk.involved": ("所在勾稽关系不成立", "in an identity that fails"),
    "clerk.wrong": ("数值有误", "wrong value"),
    "clerk.blank": ("空白或缺失", "blank or missing"),
    "clerk.unverifiable": ("无法核对", "cannot be checked"),
    "clerk.try": ("；建议改为 {value}", "; suggested value {value}"),
    "clerk.item": ("项目", "Item"),
    "page.try": ("试改", "try it"),
    "page.try_n": ("试改{n}", "try {n}"),
    "clerk.not_found": ("（报告中未找到此表）", "(not found in the report)"),
    "clerk.as_written": ("报告写作「{label}」", 'written "{label}"'),
    "clerk.ocr_crop": ("图片原样（图像识别读作 {value}）", "the picture as drawn (OCR read {value})"),
    "series.unreadable": ("{path}: 无法读取: {error}", "{path}: cannot read: {error}"),
    "series.total": ("共{files}个文件，{organs}个机关", "{files} file(s), {organs} organ(s)"),
    "series.duplicate": (
        "  重复：{dropped} 与 {kept} 是同一机关同一年度的报告，采用后者（读到数字的单元格 {kept_ok} 对 {dropped_ok}）",
        "  duplicate: {dropped} is the same organ and year as {kept}; the latter is used "
        "({kept_ok} vs {dropped_ok} cells read)",
    ),
}


def word(key: str, lang: str, /, **fields: object) -> str:
    """The word or phrase `key` in `lang` (Chinese for any language but English), its fields filled in."""
    zh, en = _WORDS[key]
    text = en if lang == "en" else zh
    return text.format(**fields) if fields else text


def pick(lang: str, zh: str, en: str) -> str:
    """Of two renderings of one thing, the one in `lang` (for data that carries both, e.g. `title_zh/_en`)."""
    return en if lang == "en" else zh


def value(found: object, lang: str) -> str:
    """A finding's expected or found value as shown: text (the document's, or the official wording) in quotes
    in English, where it is usually Chinese; numbers as they are."""
    return word("value.text", lang, v=found) if isinstance(found, str) else f"{found}"


def severity(level: str, lang: str) -> str:
    return word(f"severity.{level}", lang)


def status(state: str, lang: str) -> str:
    """Why a cell has no usable value (empty, missing, ambiguous, invalid), as messages say it."""
    return word(f"status.{state}", lang)


def join(items: list[str], lang: str) -> str:
    """Items of a list in running text: `甲、乙` / `a, b`."""
    return word("list.sep", lang).join(items)


# ---------------------------------------------------------------- the rule catalogue


def rule_title(spec: RuleSpec, lang: str) -> str:
    return pick(lang, spec.title_zh, spec.title_en)


def rule_explanation(spec: RuleSpec, lang: str) -> str:
    return pick(lang, spec.explanation_zh, spec.explanation_en)


def message(spec: RuleSpec, lang: str, fields: dict[str, object]) -> str:
    """A finding's message: the catalogue template of its rule in `lang`, with the rule's fields."""
    # str.format_map looks fields up like string.Formatter().vformat (so _Fields.__missing__ keeps an
    # unknown field as "{name}"), at a fifth of the cost
    return pick(lang, spec.message_zh, spec.message_en).format_map(_Fields(fields))


class _Fields(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# ---------------------------------------------------------------- locations


def location(loc: Location | None, lang: str) -> str:
    """Where in a file without lines (or a table of one) a piece was found: `第3页 表2 第5行 第4列` /
    `page 3, table 2, row 5, cell 4`. Empty when the location says nothing of the kind."""
    if loc is None:
        return ""
    parts: list[str] = []
    if loc.source is not None:
        parts.append(word("loc.source", lang, name=loc.source))
    if loc.page is not None:
        parts.append(word("loc.page", lang, n=loc.page))
    if loc.table is not None:
        parts.append(word("loc.table", lang, n=loc.table))
    if loc.row is not None:
        parts.append(word("loc.row", lang, n=loc.row))
    if loc.cell is not None:
        parts.append(word("loc.cell", lang, n=loc.cell))
    if loc.paragraph is not None:
        parts.append(word("loc.paragraph", lang, n=loc.paragraph))
    if loc.line is not None and loc.table is None:
        parts.append(word("loc.line", lang, n=loc.line))
        if loc.column is not None and loc.page is None:
            parts.append(word("loc.column", lang, n=loc.column))
    return word("loc.sep", lang).join(parts)


def place(where: Location | None, page: int | None, lang: str) -> str:
    """A finding's place when it has no line: its location, else its page (empty when neither is known)."""
    return location(where, lang) or (word("loc.page", lang, n=page) if page else "")


# ---------------------------------------------------------------- template names


def _name(label: Label, lang: str) -> str:
    return pick(lang, label.label, label.en or label.label)


def column_name(column: ColumnSpec, lang: str) -> str:
    return _name(column, lang)


def row_name(row: RowSpec, lang: str) -> str:
    return _name(row, lang)


def row_short(row: RowSpec, lang: str) -> str:
    """How messages name a row for short (`第一项`, `（三）1.属于国家秘密` / `item I`, `(3) 1. State secret`)."""
    return pick(lang, row.short or row.label, row.short_en or row.en or row.short or row.label)


def group_name(group: Label, lang: str) -> str:
    return _name(group, lang)


def section_title(section: SectionSpec, lang: str) -> str:
    return pick(lang, section.title, section.title_en or section.title)


def section_named(key: str, official: str, version: str, lang: str) -> str:
    """A section's title by its key: `official` (as the extractor recorded it) in Chinese, the template's
    English title in English."""
    templates = all_templates()
    for template in [t for t in templates if t.version == version] or list(reversed(templates)):
        for section in template.sections:
            if section.key == key:
                return pick(lang, official, section.title_en or official)
    return official


_NUMERALS = {"一": "I", "二": "II", "三": "III", "四": "IV", "五": "V", "六": "VI", "七": "VII", "八": "VIII"}


def section_number(number: str, lang: str) -> str:
    """A section's number as the report writes it (`二`) or in English (`II`)."""
    return pick(lang, number, _NUMERALS.get(number, number))


def table_title(table: TableSpec, lang: str) -> str:
    return pick(lang, table.title, table.title_en or table.title)


def template_notice(template: Template, lang: str) -> str:
    return pick(lang, template.notice, template.notice_en or template.notice)


def template_label(template: str | None, lang: str) -> str:
    """A report's template as a summary names it: `2021版（国办公开办函〔2021〕30号）`, or mixed/legacy/none."""
    if template is None:
        return ""
    if template in NON_VERSIONS:
        return word(f"page.template.{template}", lang)
    versions = registry()
    if not versions.is_version(template):
        return template
    return word("page.version", lang, version=template, notice=template_notice(versions.get(template), lang))


_Specs = tuple[dict[tuple[str, str], RowSpec], dict[tuple[str, str], ColumnSpec], dict[tuple[str, str], Label]]


@cache
def _specs(version: str) -> _Specs:
    """(table, row) → row, (table, column) → column and (table, group) → group of a version (for any other
    name: of every version, the later first)."""
    rows: dict[tuple[str, str], RowSpec] = {}
    columns: dict[tuple[str, str], ColumnSpec] = {}
    groups: dict[tuple[str, str], Label] = {}
    templates = all_templates()
    ordered = [t for t in templates if t.version == version] or list(reversed(templates))
    for template in ordered:
        for table in template.tables.values():
            for row, column in table.cell_specs():
                rows.setdefault((table.key, row.key), row)
                columns.setdefault((table.key, column.key), column)
            for group in table.groups:
                groups.setdefault((table.key, group.key), group)
    return rows, columns, groups


def _named(spec: Label | None, lang: str, official: str) -> str:
    return pick(lang, official, spec.en if spec is not None and spec.en else official)


def cell_row(table: str, row: str, version: str, lang: str, official: str) -> str:
    """The name of a cell's row: `official` (the wording the extractor recorded) in Chinese, the template's
    English name in English (`official` when the template has none)."""
    return _named(_specs(version)[0].get((table, row)), lang, official)


def cell_column(table: str, column: str, version: str, lang: str, official: str) -> str:
    """The name of a cell's column, as `cell_row` names its row."""
    return _named(_specs(version)[1].get((table, column)), lang, official)


def group_row(table: str, group: str, version: str, lang: str, official: str) -> str:
    """The name of a group of rows (`（三）不予公开` / `(3) Not disclosed`), as `cell_row` names a row."""
    return _named(_specs(version)[2].get((table, group)), lang, official)


def observed_row(obs: RowObserved, version: str, lang: str) -> str:
    """The row an observation of the extractor is about: a template row by its key, or (key "") the single
    printed row of a flat table (the extractor records the official wording)."""
    if obs.row:
        return cell_row(obs.table, obs.row, version, lang, obs.row_label)
    return flat_row(obs.table, lang, obs.row_label)


def template_row(table: str, row: str, version: str, lang: str) -> str:
    """A row's name as the template of `version` gives it (its key when the template has no such row)."""
    spec = _specs(version)[0].get((table, row))
    return row_name(spec, lang) if spec is not None else row


def template_column(table: str, column: str, version: str, lang: str) -> str:
    """A column's name as the template of `version` gives it (its key when the template has no such column)."""
    spec = _specs(version)[1].get((table, column))
    return column_name(spec, lang) if spec is not None else column


def key_names(key: str, version: str, lang: str) -> tuple[str, str, str]:
    """(table, row, column) names of a cell key `table.row.column`, the row named for short as messages name
    it (`（三）1.属于国家秘密`); a `previous:` prefix (last year's cell) is dropped, a key that is no cell key
    is given as the row."""
    parts = key.removeprefix("previous:").split(".")
    if len(parts) != 3:
        return "", key, ""
    table, row, column = parts
    number = table_number(table)
    heading = word("table.heading", lang, n=number, title=table_name(table, lang)) if number else table
    rows, _columns, groups = _specs(version)
    row_spec, group = rows.get((table, row)), groups.get((table, row))
    if row_spec is not None:
        row_named = row_short(row_spec, lang)
    else:
        row_named = group_name(group, lang) if group is not None else row
    return heading, row_named, template_column(table, column, version, lang)


def cell_names(cell: CellValue, version: str, lang: str) -> tuple[str, str]:
    """(row name, column name) of a cell in `lang`."""
    return (
        cell_row(cell.table, cell.row, version, lang, cell.row_label),
        cell_column(cell.table, cell.col, version, lang, cell.column_label),
    )


def flat_row(table: str, lang: str, official: str) -> str:
    """How messages name the single printed row of a flat table (table 3: 行政复议、行政诉讼)."""
    spec = _table_specs().get(table)
    english = spec.row_label_en if spec is not None else None
    return pick(lang, official, english or official)


@cache
def _table_specs() -> dict[str, TableSpec]:
    out: dict[str, TableSpec] = {}
    for template in all_templates():
        for key, table in template.tables.items():
            out.setdefault(key, table)
    return out


def table_number(key: str) -> int:
    """The printed number of a table (`active` → 1); 0 for an unknown key."""
    spec = _table_specs().get(key)
    return spec.number if spec is not None else 0


def table_named(key: str, lang: str, official: str) -> str:
    """A table's title: `official` (as the extractor recorded it) in Chinese, the template's English one in English."""
    spec = _table_specs().get(key)
    english = spec.title_en if spec is not None else None
    return pick(lang, official, english or official)


def table_name(key: str, lang: str) -> str:
    """The title of a table by its key (`apply` → 收到和处理政府信息公开申请情况); the key when unknown."""
    spec = _table_specs().get(key)
    return table_title(spec, lang) if spec is not None else key
