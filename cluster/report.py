"""The published result: counts, then No. / ご意見の概要 / 件数 / 考え方.

One report model feeds every format (xlsx, md, html, csv), so they never disagree.
Everything in the report is masked for personal data (see ``mask``) unless the run was
told otherwise, and every cell is safe in its format: CSV cells that would start a formula
get a leading apostrophe, xlsx cells are text cells with Excel's quotePrefix style (never a
formula, no visible apostrophe), Markdown table syntax and HTML markup are escaped.
``save_workbook`` writes the xlsx byte-identically for the same content (fixed zip dates).
"""
from __future__ import annotations

import datetime
import html
import io
import os
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .io import (
    atomic_path,
    escape_cell,
    normalize_channel,
    strip_controls,
    submitter_key,
    write_csv,
    write_text,
)

CANDIDATE_MARK = "【回答案（過去の回答からの候補・未確認）】"
# an answer staff confirmed for another row of this consultation (answer id run:C003)
RUN_CANDIDATE_MARK = "【回答案（今回確定した他の回答からの候補・未確認）】"
NO_ANSWER = "（考え方は未記入）"
SAME_INTENT_NOTE = "同趣旨の意見は一つにまとめております。"


@dataclass(frozen=True)
class ReportRow:
    no: int
    section: str  # the part of the draft: topic and page references
    summary: str  # ご意見の概要 (the representative opinion, masked)
    count: int  # opinions in the group
    answer: str  # 考え方
    answer_status: str  # confirmed | candidate | none
    label: str = ""  # a label staff gave the group (automatic keyword labels are not published)
    cluster_id: str = ""
    answer_from_run: bool = False  # the candidate is an answer confirmed for another row of this run


@dataclass
class ReportModel:
    title: str
    n_submitters: int
    n_submissions: int
    by_channel: list[tuple[str, int]]
    n_opinions: int
    n_excluded: int
    rows: list[ReportRow] = field(default_factory=list)
    masked: bool = True

    def count_lines(self) -> list[str]:
        lines = [f"提出者数：{self.n_submitters}名（提出件数 {self.n_submissions}件）"]
        if self.by_channel:
            lines.append("提出方法別：" + "、".join(f"{c} {n}件" for c, n in self.by_channel))
        lines.append(f"意見総数：{self.n_opinions}件（整理後 {len(self.rows)}件）")
        if self.n_excluded:
            lines.append(f"意見を含まない提出：{self.n_excluded}件")
        return lines


def count_channels_and_submitters(subs, unknown: str = "不明") -> tuple[Counter, bool, set[str]]:
    """For the report's counts: (submissions per channel, normalised with ``io.normalize_channel``
    and ``unknown`` for none; whether any submission named a channel; the set of submitter keys,
    ``io.submitter_key`` of the name, else one key per row)."""
    channels = [normalize_channel(s.channel) for s in subs]
    by_channel = Counter(c or unknown for c in channels)
    submitters = {submitter_key(s.submitter) or f"#row{s.row_number}" for s in subs}
    return by_channel, any(channels), submitters


def candidate_mark(row: ReportRow) -> str:
    return RUN_CANDIDATE_MARK if row.answer_from_run else CANDIDATE_MARK


def answer_cell(row: ReportRow) -> str:
    if row.answer_status == "confirmed":
        return row.answer
    if row.answer_status == "candidate":
        return f"{candidate_mark(row)}\n{row.answer}"
    return NO_ANSWER


def heading_line(row: ReportRow) -> str:
    """【staff label】（section） or 【section】: what the row is about, above the opinion."""
    if row.label and row.section:
        return f"【{row.label}】（{row.section}）"
    if row.label or row.section:
        return f"【{row.label or row.section}】"
    return ""


def summary_cell(row: ReportRow) -> str:
    head = heading_line(row)
    return f"{head}\n{row.summary}" if head else row.summary


# ------------------------------------------------------------------ writers


def write_all(model: ReportModel, out_dir: Path, csv_encoding: str = "utf-8-sig") -> list[Path]:
    paths = [out_dir / "report.xlsx", out_dir / "report.md", out_dir / "report.html", out_dir / "report.csv"]
    write_xlsx(model, paths[0])
    write_text(paths[1], to_markdown(model))
    write_text(paths[2], to_html(model))
    write_report_csv(model, paths[3], csv_encoding)
    return paths


def write_report_csv(model: ReportModel, path: Path, encoding: str = "utf-8-sig") -> None:
    header = ["No.", "該当箇所", "見出し", "ご意見の概要", "件数", "考え方", "回答の状態"]
    status = {"confirmed": "確定", "candidate": "候補", "none": "未記入"}
    rows = [[r.no, _clean(r.section), _clean(r.label), _clean(r.summary), r.count, _clean(r.answer),
             status[r.answer_status]] for r in model.rows]
    write_csv(path, header, rows, encoding=encoding)


_MD_SPECIAL = str.maketrans({"|": "&#124;", "[": "&#91;", "]": "&#93;", "`": "&#96;", "\\": "&#92;"})


def _clean(text: str) -> str:
    """No control characters in a published cell (Excel refuses them; browsers show garbage).

    Input files are cleaned when read, but labels and answers typed by staff, past answers and
    report titles reach the report by other ways."""
    return strip_controls(text)[0] if isinstance(text, str) else text


XLSX_CELL_LIMIT = 32_767  # characters an Excel cell holds
XLSX_CUT_MARK = "…（Excelのセルの上限を超えるため以下省略。全文は report.md / opinions.csv）"


def xlsx_text(text):
    """``_clean`` text that fits an Excel cell: a longer text is cut with a visible note,
    never silently (Excel itself would refuse or cut the cell)."""
    text = _clean(text)
    if isinstance(text, str) and len(text) > XLSX_CELL_LIMIT:
        return text[:XLSX_CELL_LIMIT - len(XLSX_CUT_MARK)] + XLSX_CUT_MARK
    return text


def _md_cell(text: str) -> str:
    """Text for a Markdown line or table cell: no markup, link, image or extra column from it.

    HTML is escaped; ``|`` would open a column, ``[``/``]`` a link or image
    (``[x](javascript:…)``, ``![x](http://tracker…)``), a backquote a code span that swallows
    the escapes, a backslash an escape of our own entities."""
    text = html.escape(_clean(text), quote=False).translate(_MD_SPECIAL)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def to_markdown(model: ReportModel) -> str:
    out = [f"# {_md_cell(model.title)}", ""]
    out += [f"- {_md_cell(line)}" for line in model.count_lines()]  # channel names come from the input
    if model.by_channel:
        out += ["", "| 提出方法 | 件数 |", "|---|---:|"]
        out += [f"| {_md_cell(c)} | {n} |" for c, n in model.by_channel]
    out += ["", f"※{SAME_INTENT_NOTE}", ""]
    out += ["| No. | ご意見の概要 | 件数 | 考え方 |", "|---:|---|---:|---|"]
    for r in model.rows:
        out.append(f"| {r.no} | {_md_cell(summary_cell(r))} | {r.count} | {_md_cell(answer_cell(r))} |")
    out.append("")
    return "\n".join(out)


_HTML_STYLE = """
body { font-family: "Yu Gothic", "Hiragino Sans", "Noto Sans CJK JP", sans-serif; margin: 2em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #666; padding: 0.4em; vertical-align: top; }
th { background: #e8eef7; }
td.num { text-align: right; white-space: nowrap; }
.candidate { color: #8a4b00; }
.section { font-weight: bold; }
@media print { body { margin: 0; } tr { page-break-inside: avoid; } }
"""


def _html_text(text: str) -> str:
    return html.escape(_clean(text)).replace("\n", "<br>")


def to_html(model: ReportModel) -> str:
    e = _html_text
    parts = [
        "<!DOCTYPE html>", '<html lang="ja"><head><meta charset="utf-8">',
        f"<title>{e(model.title)}</title><style>{_HTML_STYLE}</style></head><body>",
        f"<h1>{e(model.title)}</h1>", "<ul>",
    ]
    parts += [f"<li>{e(line)}</li>" for line in model.count_lines()]
    parts.append("</ul>")
    if model.by_channel:
        parts.append("<table style=\"width:auto\"><tr><th>提出方法</th><th>件数</th></tr>")
        parts += [f"<tr><td>{e(c)}</td><td class=\"num\">{n}</td></tr>" for c, n in model.by_channel]
        parts.append("</table>")
    parts.append(f"<p>※{e(SAME_INTENT_NOTE)}</p>")
    parts.append("<table><tr><th>No.</th><th>ご意見の概要</th><th>件数</th><th>考え方</th></tr>")
    for r in model.rows:
        head = heading_line(r)
        section = f'<div class="section">{e(head)}</div>' if head else ""
        if r.answer_status == "candidate":
            answer = f'<div class="candidate">{e(candidate_mark(r))}</div>{e(r.answer)}'
        else:
            answer = e(answer_cell(r))
        parts.append(
            f"<tr><td class=\"num\">{r.no}</td><td>{section}{e(r.summary)}</td>"
            f"<td class=\"num\">{r.count}</td><td>{answer}</td></tr>"
        )
    parts += ["</table>", "</body></html>", ""]
    return "\n".join(parts)


def write_xlsx(model: ReportModel, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wb = Workbook()
    ws = wb.active
    ws.title = "意見と考え方"
    thin = Side(style="thin", color="666666")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")

    def text_cell(value):
        # The text as written: cells that look like formulas are made text cells below
        # (``_text_cells``), Excel's way, not with a visible apostrophe.
        return xlsx_text(value)

    ws.append([text_cell(model.title)])
    ws["A1"].font = Font(bold=True, size=14)
    for line in model.count_lines():
        ws.append([text_cell(line)])
    if model.by_channel:
        ws.append([])
        ws.append(["提出方法", "件数"])
        for c, n in model.by_channel:
            ws.append([text_cell(c), n])
    ws.append([])
    ws.append([text_cell(f"※{SAME_INTENT_NOTE}")])
    ws.append([])
    ws.append(["No.", "ご意見の概要", "件数", "考え方"])
    # after the append: max_row does not count the blank row above, so max_row + 1 before it
    # was that blank row
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF7")
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center")
    # Cells are styled by row number: ws[ws.max_row] scans the whole sheet for its size on
    # every call, quadratic in the rows (10 s for 6,000 clusters).
    for row_number, r in enumerate(model.rows, header_row + 1):
        ws.append([r.no, text_cell(summary_cell(r)), r.count, text_cell(answer_cell(r))])
        for column in range(1, 5):
            cell = ws.cell(row=row_number, column=column)
            cell.alignment = wrap
            cell.border = border
    for col, width in zip("ABCD", (6, 60, 7, 60)):
        ws.column_dimensions[col].width = width
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    _text_cells(wb)
    save_workbook(wb, path)


def _looks_like_formula(value: str) -> bool:
    """What the CSV writers escape with an apostrophe (``io.escape_cell``): one rule for both."""
    return escape_cell(value) != value


def _text_cells(wb) -> None:
    """Every string cell stays a string: ``=SUM(…)``, ``-5%の…``, ``+αの…``, ``@cmd`` are
    written as text cells (data type ``s``) with the quotePrefix style, what Excel itself
    does for text typed after an apostrophe: the apostrophe is hidden, shown in the formula
    bar only, and the cell never becomes a formula (openpyxl would make ``=…`` one)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and _looks_like_formula(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def fixed_timestamp() -> datetime.datetime:
    """The time written into xlsx files: ``SOURCE_DATE_EPOCH`` when set (the reproducible-
    builds convention), else 1980-01-01 00:00 (the earliest a zip entry can hold), so the same
    input gives a byte-identical file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        stamp = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).replace(tzinfo=None)
        return max(stamp, _ZIP_EPOCH)
    return _ZIP_EPOCH


_ZIP_EPOCH = datetime.datetime(1980, 1, 1)
_CORE_TIME_RE = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def save_workbook(wb, path: Path) -> None:
    """Save an openpyxl workbook byte-identically for the same content (atomic).

    openpyxl stamps the file with the current time three ways: the workbook's created and
    modified properties (docProps/core.xml; ``save`` always sets modified to now) and every zip
    entry's date. The workbook is written to memory, then every entry is rewritten in the same
    order with a fixed date, fixed attributes and the fixed time in docProps/core.xml."""
    stamp = fixed_timestamp()
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "pubcom-cluster"
    raw = io.BytesIO()
    wb.save(raw)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_TIME_RE.sub(lambda m: m.group(1) + iso + m.group(2), data)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # not the platform's default: the same bytes on Windows
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data, compresslevel=6)
    with atomic_path(path) as tmp:
        tmp.write_bytes(out.getvalue())
