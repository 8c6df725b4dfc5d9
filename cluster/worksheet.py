"""The answer worksheet (回答作成シート): staff write summaries and answers in Excel, the tool
reads them back as decisions.

In many offices the table of opinions goes out to the departments concerned (担当課), who
write the 考え方 in Excel and send the file back. Every run writes ``worksheet.xlsx`` for that:

- sheet 「回答作成」: one row per cluster in report order: No., cluster_id, 件数, 該当箇所,
  **ラベル**, **ご意見の概要** and **考え方** (to edit, shaded like 該当箇所, 対応区分 and 担当課), the answer's
  status, and the best candidate (a past answer, or an answer confirmed for another row of this
  run: number run:C…) with its number, score and the opinion it answered (copy it into 考え方
  to use it);
- sheet 「意見一覧」: every distinct opinion of every cluster with its copies' count, so whoever
  writes the answer can read what was said (it is not imported; an import that finds it
  edited says so);
- a very hidden sheet ``_import``: what the worksheet showed in the two editable columns and in
  ラベル, the opinions of each cluster (one id and text fingerprint per distinct text), the
  candidates, and the name of the run folder that wrote it.

``import_worksheet`` (``cluster review import DIR FILE``) compares the three columns with what the
worksheet showed and records a ``label`` (the row's published heading 【…】), ``summary`` or
``answer`` decision for each cell that was changed (a changed 該当箇所 cell: a ``section``
decision, the row's published 該当箇所; a changed 担当課 cell: a ``department`` decision, the
department that writes the row's answer, never published; 回答案の担当課 beside it is the past
answer's department, a suggestion). The decisions name the cluster's opinions as the worksheet knew them, found again in
the run folder by id and text (and with their exact and near copies there), so a worksheet
that was out for two weeks still lands on the right groups after merges, re-runs or late
comments. An answer pasted unchanged from the candidate column is recorded as that past
answer (``answer_id``). A cell that was emptied records nothing (``cluster review undo``
withdraws a decision); a change already recorded is not recorded twice, so importing the same
file again is harmless. Every row is checked before anything is written. A change that replaces
an answer or summary already in force for its cluster (another department's worksheet, an older
copy, the command line) is named, one line per cluster (``ImportResult.replaces``, dry run too):
the later one wins, but never silently.

An older worksheet, whose hidden sheet does not remember the labels it showed, is compared with
the run's staff labels: a label written where the run has none is recorded; one that differs from
the run's own label may be the old label that copy showed, so it is named with the
``cluster review label`` command that records it, not recorded over the newer one.

What the import does not take, it names (``ImportResult.messages``): an emptied cell, an edited
意見一覧, and a worksheet written in another run folder whose opinions are found here (a copy of
the folder, a run of the same comments into a new one): its cells land on those opinions, and
the line names the folder it came from. It refuses, with one line and before anything is
recorded, a worksheet whose No. or 件数 cells no longer match their cluster (the line names the
cell: one cell typed over, or several rows of columns sorted apart from cluster_id), and one
whose ご意見の概要 or 考え方 column was sorted or pasted apart from its rows: two cells or more
that hold what the worksheet showed for another row (its written text, or its best candidate),
while that row no longer holds it, or one such cell whose text was cut from its row (that row's
cell emptied or changed) and pasted into this one only (see ``_moved_cells``). A row's own
candidate pasted, or one answer written for several rows on purpose (it stays in the row that
showed it, or went to several rows), is imported; another row's candidate pasted while that row
is untouched is imported and named (staff may have pasted the wrong row's candidate).

Edits Excel users make that would be lost or published wrongly stop the import too, naming the
cells (QA45): an editable column whose header was renamed, a cell merged over rows (read from
the sheet's XML: a read-only workbook does not show merges), a 考え方 holding only a past answer's
number, a cell Excel turned into a date. Edits in the columns not imported (the candidate, its
number, 回答の状態: the hidden sheet keeps what they showed) are named, and so are the rows a
corrected copy of an imported file leaves as shown while that file's decision stays in force.
"""
from __future__ import annotations

import datetime
import json
import re
import shlex
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence

from .io import InputError, counted, shorten
from .io import _cell_text as _io_cell_text
from .answers import stands_in_report
from .records import AnswerCandidate
from .report import (XLSX_CELL_LIMIT, ReportModel, _text_cells, print_setup, published_summary, row_height,
                     save_workbook, use_japanese_font, xlsx_font, xlsx_text)

MAIN_SHEET = "回答作成"
OPINIONS_SHEET = "意見一覧"
HIDDEN_SHEET = "_import"
FORMAT = "pubcom-cluster worksheet 1"
SUMMARY = "ご意見の概要"
ANSWER = "考え方"
LABEL = "ラベル"
CATEGORY = "対応区分"
SECTION = "該当箇所"
DEPARTMENT = "担当課"  # the department staff assigned the row (a department decision); 回答案の担当課 suggests one
MAIN_HEADER = ["No.", "cluster_id", "件数", SECTION, LABEL, SUMMARY, ANSWER, CATEGORY, DEPARTMENT, "回答の状態",
               "回答案（未確認）", "回答案の番号", "スコア", "回答案が答えた意見", "回答案の担当課",
               "回答案の出典"]  # 出典: which consultation (and year) the answer was written for: is it stale?
OPINIONS_HEADER = ["No.", "cluster_id", "opinion_id", "件数", "ご意見"]
STATUS_WORDS = {"confirmed": "確定", "candidate": "回答案あり", "none": "未記入"}
# A candidate from half the report's threshold up is shown to staff, marked as weak: QA found right
# past answers at 0.10-0.14 hidden under the 0.15 threshold, and wrong ones mostly below 0.07.
WEAK_FRACTION = 0.5
WEAK_STATUS = "未記入（参考：一致度の低い回答案）"
OPINION_WIDTH = 90  # 意見一覧's opinion column
LISTING_CUT_MARK = "…（Excelのセルの上限を超えるため以下省略。全文は opinions.csv）"
MAX_SHEET_ROWS = 1_000_000  # Excel holds 1,048,576 rows a sheet
CANDIDATE, STATUS, CANDIDATE_ID = "回答案（未確認）", "回答の状態", "回答案の番号"
UNREAD = (CANDIDATE, STATUS, CANDIDATE_ID)  # shown beside the editable columns, not imported: a change is named


@dataclass(frozen=True)
class WorksheetUnit:
    """One distinct opinion text of a cluster: the first opinion holding it and its copies."""

    cluster_id: str
    opinion_id: str
    count: int
    text: str  # as shown (masked)
    fingerprint: str  # decisions.text_fingerprint of the opinion's own text


def write_worksheet(path: Path, model: ReportModel, units: Sequence[WorksheetUnit],
                    candidates_by_cluster: Mapping[str, Sequence[AnswerCandidate]],
                    mask: Callable[[str], str], log: Callable[[str], None] | None = None,
                    min_score: float = 0.0) -> None:
    """Write the worksheet for the report ``model`` (its rows' texts are already masked;
    the candidate column shows the best past answer from ``min_score`` up, as the report does, and
    a weaker one (from ``WEAK_FRACTION`` of it) for a row without an answer, marked as weak;
    ``mask`` masks the candidates' texts the same way). Byte-identical for the same content."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, PatternFill, Side

    wb = Workbook()
    use_japanese_font(wb)
    ws = wb.active
    ws.title = MAIN_SHEET
    ws.append([xlsx_text(f"回答作成シート：{model.title}")])
    ws["A1"].font = xlsx_font(bold=True, size=14)
    ws.append(["「該当箇所」「ラベル」「ご意見の概要」「考え方」「対応区分」「担当課」（色付きの列）を書き換え、"
               "`cluster review import 出力フォルダ このファイル` で"
               "取り込みます。該当箇所は公表する表のその行の該当箇所（案の章・節など）になります。"
               "担当課はその行の回答を書く課です（公表しません。「回答案の担当課」は過去の回答を書いた課です）。"
               "ラベルは公表する表で行の見出し【…】になります。過去の回答案を使うときは、その文を「考え方」に"
               "貼り付けてください。対応区分はセルの一覧から選びます。ほかの列（件数など）の変更は取り込まれません。空にしたセルは何も取り消しません"
               "（取り消しは `cluster review undo`）。"
               "行の並べ替えや列の追加はかまいませんが、並べ替えは行全体で行い、cluster_id の列と非表示のシートは"
               "変えないでください。"])
    ws.append([])
    ws.append(MAIN_HEADER)
    header_row = ws.max_row
    thin = Side(style="thin", color="666666")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    editable = PatternFill("solid", fgColor="FFF7D6")
    for cell in ws[header_row]:
        cell.font = xlsx_font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF7")
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    # the run folder's name: a worksheet imported into another folder (of the same comments) is named
    folder = Path(path).resolve().parent
    if folder.name.startswith(".staging-"):  # a run writes its outputs into DIR/.staging-…, then moves them
        folder = folder.parent
    hidden_rows = [["format", FORMAT, "", ""], ["folder", folder.name, "", ""]]
    summary_col, answer_col = MAIN_HEADER.index(SUMMARY) + 1, MAIN_HEADER.index(ANSWER) + 1
    label_col, category_col = MAIN_HEADER.index(LABEL) + 1, MAIN_HEADER.index(CATEGORY) + 1
    section_col = MAIN_HEADER.index(SECTION) + 1  # a changed 該当箇所 becomes a section decision: editable too
    department_col = MAIN_HEADER.index(DEPARTMENT) + 1  # and a changed 担当課 a department decision
    shown_category = {c.code: c.shown for c in model.categories}
    for row_number, r in enumerate(model.rows, header_row + 1):
        cands = list(candidates_by_cluster.get(r.cluster_id) or [])
        written_answer = r.answer if r.answer_status == "confirmed" else ""
        # the candidate the report shows (QA65: the worksheet showed a higher-scoring one the report
        # held back, matched by another opinion than the row's), else, for a row without an answer,
        # a weaker one (answers.csv lists every one) from half the threshold up, marked
        best = next((c for c in cands if stands_in_report(c, min_score)), None)
        if best is None and r.answer_status == "none" and cands and cands[0].score >= min_score * WEAK_FRACTION:
            best = cands[0]
        weak = best is not None and not stands_in_report(best, min_score)
        status = WEAK_STATUS if weak else STATUS_WORDS.get(r.answer_status, r.answer_status)
        # the ご意見の概要 the report publishes (a long letter's requests, not its story: QA47), for staff
        # to correct; the 意見一覧 sheet lists every opinion whole
        summary = published_summary(r)
        ws.append([r.no, r.cluster_id, r.count, xlsx_text(r.section), xlsx_text(r.label), xlsx_text(summary),
                   xlsx_text(written_answer), xlsx_text(shown_category.get(r.category, r.category)),
                   xlsx_text(r.department), status,
                   xlsx_text(mask(best.answer)) if best else "", best.answer_id if best else "",
                   round(best.score, 4) if best else None, xlsx_text(mask(best.past_opinion)) if best else "",
                   xlsx_text(best.department) if best else "", xlsx_text(mask(best.source)) if best else ""])
        for column in range(1, len(MAIN_HEADER) + 1):
            cell = ws.cell(row=row_number, column=column)
            cell.alignment = wrap
            cell.border = border
            if column in (section_col, label_col, summary_col, answer_col, category_col, department_col):
                cell.fill = editable
            elif weak and column > department_col:
                cell.font = xlsx_font(color="808080")  # grey: a weak suggestion, to check before use
        # and the candidate's number and the status shown (not imported: a changed cell is named)
        hidden_rows.append(["written", r.cluster_id, xlsx_text(summary), xlsx_text(written_answer), r.no, r.count,
                            best.answer_id if best else "", status])
        hidden_rows.append(["label", r.cluster_id, xlsx_text(r.label), ""])  # an edit becomes a label decision
        hidden_rows.append(["category", r.cluster_id, xlsx_text(shown_category.get(r.category, r.category)), ""])
        hidden_rows.append(["section", r.cluster_id, xlsx_text(r.section), ""])  # an edit becomes a section decision
        hidden_rows.append(["department", r.cluster_id, xlsx_text(r.department), ""])  # and a department decision
        hidden_rows += [["candidate", r.cluster_id, c.answer_id, xlsx_text(mask(c.answer))] for c in cands]
    for col, width in zip("ABCDEFGHIJKLMNOP", (6, 10, 7, 14, 18, 50, 50, 16, 12, 10, 45, 10, 7, 35, 12, 16)):
        ws.column_dimensions[col].width = width
    _category_choices(ws, model.categories, category_col, header_row + 1, header_row + len(model.rows))
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    print_setup(ws, header_row)  # 16 columns: landscape, A4, fit to the width, header on every page
    ws.auto_filter.ref = f"A{header_row}:P{header_row + len(model.rows)}"  # filter by 担当課 to share out

    sheet = wb.create_sheet(OPINIONS_SHEET)
    sheet.append(OPINIONS_HEADER)
    for cell in sheet[1]:
        cell.font = xlsx_font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF7")
    number_of = {r.cluster_id: r.no for r in model.rows}
    # in the report's order (No. 1, 2 …: with --topics that is the draft's order, not the clusters'),
    # as staff read the first sheet and print the second beside it (QA32: 17, 17, 18 … 7 … 1)
    units = sorted(units, key=lambda u: number_of.get(u.cluster_id, len(number_of) + 1))
    shown = units[:MAX_SHEET_ROWS]
    if len(units) > len(shown) and log:
        log(f"worksheet: {OPINIONS_SHEET} lists the first {len(shown):,} of {len(units):,} distinct opinions "
            "(an Excel sheet holds about a million rows); opinions.csv has them all")
    listed, cut = [], []
    for row_number, u in enumerate(shown, 2):
        if len(u.text) > XLSX_CELL_LIMIT:
            cut.append(u.opinion_id)
        listed.append([number_of.get(u.cluster_id), u.cluster_id, u.opinion_id, u.count,
                       xlsx_text(u.text, LISTING_CUT_MARK)])
        sheet.append(listed[-1])
        sheet.cell(row=row_number, column=len(OPINIONS_HEADER)).alignment = wrap  # the opinion, wrapped
        height = row_height([(listed[-1][-1], OPINION_WIDTH)])
        if height:
            sheet.row_dimensions[row_number].height = height
        hidden_rows.append(["unit", u.cluster_id, u.opinion_id, u.fingerprint])
    if cut and log:
        log(f"worksheet: {OPINIONS_SHEET} cuts {len(cut):,} opinion{'s' if len(cut) > 1 else ''} longer than an "
            f"Excel cell holds ({XLSX_CELL_LIMIT:,} characters): {', '.join(cut[:5])}{' …' if len(cut) > 5 else ''}; "
            "opinions.csv has them whole")
    hidden_rows.append(["listing", _listing_fingerprint([OPINIONS_HEADER] + listed), "", ""])
    for col, width in zip("ABCDE", (6, 10, 12, 6, OPINION_WIDTH)):
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = "A2"
    print_setup(sheet, 1)
    hidden = wb.create_sheet(HIDDEN_SHEET)
    hidden.sheet_state = "veryHidden"  # Excel's menus cannot show it: staff edit the visible sheets only
    for row in hidden_rows:
        hidden.append(row)
    _text_cells(wb)
    save_workbook(wb, path)


def _category_choices(ws, categories, column: int, first_row: int, last_row: int) -> None:
    """A dropdown of the run's 対応区分 in the 対応区分 cells (「A：ご意見を踏まえ…」). Excel keeps a
    list typed into the rule to 255 characters without commas: longer, the codes alone. A value
    typed by hand (「参考」) is let through with a warning; the import reads it or names the row."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if not categories or last_row < first_row:
        return
    shown = [c.shown for c in categories]
    if any("," in s or '"' in s for s in shown) or len(",".join(shown)) > 250:
        shown = [c.code for c in categories]
    if any("," in s or '"' in s for s in shown) or len(",".join(shown)) > 250:
        return
    rule = DataValidation(type="list", formula1='"' + ",".join(shown) + '"', allow_blank=True,
                          showErrorMessage=True, errorStyle="warning", errorTitle=CATEGORY,
                          error="一覧にない対応区分です。取り込むときに区分の記号か名前で照合します。",
                          showInputMessage=True, promptTitle=CATEGORY, prompt="一覧から選んでください")
    letter = get_column_letter(column)
    rule.add(f"{letter}{first_row}:{letter}{last_row}")
    ws.add_data_validation(rule)


# ------------------------------------------------------------------------------ import

@dataclass
class ImportResult:
    planned: list = field(default_factory=list)  # (kind, cluster_id, text or past answer id) per change
    recorded: list = field(default_factory=list)  # the Decision objects appended (none on a dry run)
    unchanged: int = 0  # rows left as the worksheet showed them (editable cells and ラベル)
    already: int = 0  # changes recorded by an earlier import
    messages: list[str] = field(default_factory=list)  # cells that record nothing, and why
    # one line per cluster whose answer or summary in force the import replaces (dry run too)
    replaces: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Sheet:
    written: dict  # cluster_id -> (summary, answer) as shown
    units: dict  # cluster_id -> [(opinion_id, fingerprint)]
    candidates: dict  # cluster_id -> [(answer_id, text as shown)]
    rows: list  # (excel row number, cluster_id, summary cell, answer cell)
    listing_edited: bool = False  # 意見一覧 differs from what was written (its edits are not read)
    labels: dict = field(default_factory=dict)  # cluster_id -> ラベル as shown (older worksheets: none)
    label_cells: dict = field(default_factory=dict)  # cluster_id -> ラベル cell now
    folder: str = ""  # the name of the run folder that wrote it (older worksheets: "")
    categories: dict = field(default_factory=dict)  # cluster_id -> 対応区分 as shown (older worksheets: none)
    category_cells: dict = field(default_factory=dict)  # cluster_id -> 対応区分 cell now
    sections: dict = field(default_factory=dict)  # cluster_id -> 該当箇所 as shown (older worksheets: none)
    section_cells: dict = field(default_factory=dict)  # cluster_id -> 該当箇所 cell now
    departments: dict = field(default_factory=dict)  # cluster_id -> 担当課 as shown (older worksheets: none)
    department_cells: dict = field(default_factory=dict)  # cluster_id -> 担当課 cell now
    sheet_name: str = MAIN_SHEET  # the sheet read (staff may have renamed 回答作成)
    dates: dict = field(default_factory=dict)  # (cluster_id, column) -> an editable cell Excel holds as a date
    unread: dict = field(default_factory=dict)  # cluster_id -> {column not imported: its cell now} (UNREAD)
    missing: tuple = ()  # editable columns the worksheet had that are no longer in the sheet (deleted)
    shown_extra: dict = field(default_factory=dict)  # cluster_id -> (candidate number, 回答の状態) as shown
    added: dict = field(default_factory=dict)  # a column staff added (メモ) -> how many of its cells hold text


def _earlier_texts(run_dir) -> dict[str, list[str]]:
    """run.json's ``earlier_texts``: {opinion id now: fingerprints of the texts it held before}."""
    try:
        info = json.loads((Path(run_dir) / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    earlier = info.get("earlier_texts") if isinstance(info, dict) else None
    return {str(k): [str(f) for f in v] for k, v in earlier.items() if isinstance(v, list)} \
        if isinstance(earlier, dict) else {}


def _listing_fingerprint(rows) -> str:
    """The 意見一覧 sheet's cells, whatever order its rows were sorted or filtered into: tells an
    edited listing from one only read (its edits are not imported)."""
    import hashlib

    def norm(v) -> str:
        return "\n".join(line.rstrip() for line in _io_cell_text(v).replace("\r\n", "\n").strip().split("\n"))

    lines = sorted("\t".join(norm(v) for v in row).rstrip("\t") for row in rows)
    return hashlib.sha1("\n".join(x for x in lines if x).encode("utf-8")).hexdigest()


def _cell_text(cell, where: str) -> str:
    """A cell as text, read as the comment reader reads cells (``io._cell_text``: a whole number
    without 「.0」, a date at midnight as the date); a formula is refused."""
    if getattr(cell, "data_type", None) == "f" and cell.value is not None:
        raise InputError(f"{where} holds a formula ({str(cell.value)[:30]}); type the text itself")
    return _io_cell_text(cell.value)


def _read(path: Path) -> _Sheet:
    from openpyxl import load_workbook

    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(f"{path}: not an Excel worksheet (.xlsx); import the worksheet.xlsx a run wrote, "
                         "edited and saved in Excel format")
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - zip, XML or openpyxl errors: one line either way
        # (a CSV renamed .xlsx, a file cut short by a mail attachment): what it is, not the exception's name
        import zipfile

        why = ("not an Excel file inside (a CSV or text file renamed .xlsx?)" if isinstance(exc, zipfile.BadZipFile)
               else "damaged or not saved by Excel")
        raise InputError(f"{path}: cannot be read as an Excel file ({why}); save it again in Excel as "
                         "「Excel ブック (*.xlsx)」") from None
    try:
        main = _main_sheet(path, wb)
        written, units, candidates, labels, categories, sections, departments = {}, {}, {}, {}, {}, {}, {}
        listing, folder, shown_extra = None, "", {}
        placed: dict[str, tuple] = {}  # cluster id -> (No., 件数) as written: catches rows sorted apart
        for row in wb[HIDDEN_SHEET].iter_rows(values_only=True):
            kind, cid, a, b, no, count, shown_id, status = (list(row) + [None] * 8)[:8]
            cid, a, b = str(cid or ""), str(a or ""), str(b or "")
            if kind == "format" and cid != FORMAT:
                raise InputError(f"{path}: written by another version of the tool ({cid}); write a new worksheet "
                                 "with `cluster run`")
            if kind == "written":
                written[cid] = (a, b)
                placed[cid] = (no, count)
                if status is not None:  # (older worksheets: not kept)
                    shown_extra[cid] = (str(shown_id or ""), str(status))
            elif kind == "unit":
                units.setdefault(cid, []).append((a, b))
            elif kind == "candidate":
                candidates.setdefault(cid, []).append((a, b))
            elif kind == "listing":
                listing = cid
            elif kind == "label":
                labels[cid] = a
            elif kind == "category":
                categories[cid] = a
            elif kind == "section":
                sections[cid] = a
            elif kind == "department":
                departments[cid] = a
            elif kind == "folder":
                folder = cid
        rows, header, seen, label_cells, category_cells, section_cells, department_cells = [], None, {}, {}, {}, {}, {}
        misplaced = []  # (row, cluster id, [(column, as written, as now)]): No. or 件数 not the cluster's
        dates, unread, missing, header_row, added = {}, {}, (), 0, {}
        editable = [name for name, shown in ((LABEL, labels), (CATEGORY, categories), (SECTION, sections),
                                             (DEPARTMENT, departments)) if shown]  # (older worksheets: none)
        for number, cells in enumerate(wb[main].iter_rows(), 1):
            values = [c.value for c in cells]
            if header is None:
                if _is_header(values):
                    header = {v: i for i, v in enumerate(values) if isinstance(v, str)}
                    missing = _renamed_columns(path, main, header, editable)
                    header_row = number
                continue
            where = f"{path.name}, row {number}"

            def cell(name: str) -> str:
                i = header.get(name)
                return _cell_text(cells[i], f"{where}, column {name}") if i is not None and i < len(cells) else ""

            cid = cell("cluster_id").strip()
            if not cid:
                if cell(SUMMARY).strip() or cell(ANSWER).strip():
                    raise InputError(f"{where}: {SUMMARY} or {ANSWER} filled in a row without a cluster_id "
                                     "(was it cleared?); put the cluster_id back")
                continue
            if cid not in written:
                raise InputError(f"{where}: cluster {cid!r} is not one of this worksheet's clusters "
                                 "(was the row copied from another worksheet?)")
            changed = [(name, str(was), now) for name, was, now in
                       zip(("No.", "件数"), placed.get(cid, (None, None)), (cell("No."), cell("件数")))
                       if was is not None and now and unicodedata.normalize("NFKC", now).strip() != str(was)]
            if changed:
                misplaced.append((number, cid, changed))
            if cid in seen:
                raise InputError(f"{where}: cluster {cid} appears twice (also row {seen[cid]}); keep one row")
            seen[cid] = number
            rows.append((number, cid, cell(SUMMARY), cell(ANSWER)))
            if "ラベル" in header:
                label_cells[cid] = cell("ラベル")
            if CATEGORY in header:
                category_cells[cid] = cell(CATEGORY)
            if SECTION in header:
                section_cells[cid] = cell(SECTION)
            if DEPARTMENT in header:
                department_cells[cid] = cell(DEPARTMENT)
            for name in (SUMMARY, ANSWER, LABEL, CATEGORY, SECTION, DEPARTMENT):
                i = header.get(name)
                if i is not None and i < len(cells) and isinstance(cells[i].value, (datetime.date, datetime.time)):
                    dates[(cid, name)] = _io_cell_text(cells[i].value)  # 「3-1」 typed, a date kept (QA45)
            # columns not imported: their cells now, to name the ones staff changed (QA45: silently dropped)
            unread[cid] = {name: _io_cell_text(cells[header[name]].value) for name in UNREAD
                           if header.get(name) is not None and header[name] < len(cells)}
            for name, i in header.items():  # a column staff added (「メモ」): named, not read (QA88)
                if name not in MAIN_HEADER and i < len(cells) and _io_cell_text(cells[i].value).strip():
                    added[name] = added.get(name, 0) + 1
        if header is None:
            raise InputError(f"{path}: sheet {MAIN_SHEET!r} has no header row with cluster_id, {SUMMARY} and "
                             f"{ANSWER}; do not rename those columns")
        if misplaced:
            raise InputError(_misplaced_message(path, misplaced))
        _refuse_merged_cells(path, wb, main, header, header_row, {number: cid for number, cid, _, _ in rows})
        edited = (listing is not None and OPINIONS_SHEET in wb.sheetnames and
                  _listing_fingerprint(wb[OPINIONS_SHEET].iter_rows(values_only=True)) != listing)
        return _Sheet(written, units, candidates, rows, edited, labels, label_cells, folder, categories, category_cells,
                      sections, section_cells, departments, department_cells, main, dates, unread, missing, shown_extra,
                      added)
    finally:
        wb.close()


def _is_header(values) -> bool:
    return "cluster_id" in values and SUMMARY in values and ANSWER in values


def _main_sheet(path: Path, wb) -> str:
    """The name of the sheet to read: 回答作成, or the one visible sheet holding its header row when
    staff renamed it (QA45: 「回答作成（道路課）」 was 「not a worksheet」). A missing hidden sheet, or
    no such sheet or several, is refused with what is missing."""
    if HIDDEN_SHEET not in wb.sheetnames:
        if MAIN_SHEET in wb.sheetnames:
            raise InputError(f"{path}: not a worksheet written by `cluster run` (its hidden sheet {HIDDEN_SHEET}, which "
                             f"remembers what each row showed, is missing); start again from the worksheet.xlsx in the "
                             "run folder")
        raise InputError(f"{path}: not a worksheet written by `cluster run` (sheet {MAIN_SHEET!r} or its hidden "
                         f"sheet is missing); use the worksheet.xlsx from the run folder")
    if MAIN_SHEET in wb.sheetnames:
        return MAIN_SHEET
    found = [ws.title for ws in wb.worksheets
             if ws.title not in (HIDDEN_SHEET, OPINIONS_SHEET) and getattr(ws, "sheet_state", "visible") == "visible"
             and any(_is_header(values) for values in ws.iter_rows(max_row=30, values_only=True))]
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(f"{path}: sheet {MAIN_SHEET!r} is missing and no other sheet has its header row (cluster_id, "
                         f"{SUMMARY}, {ANSWER}); use the worksheet.xlsx from the run folder")
    raise InputError(f"{path}: sheet {MAIN_SHEET!r} is missing and {len(found)} sheets have its header row "
                     f"({', '.join(found)}); keep one of them and name it {MAIN_SHEET}")


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _renamed_columns(path: Path, sheet: str, header: dict, editable: Sequence[str]) -> tuple:
    """The editable columns no longer in ``header`` (deleted: named by the import). One whose name
    is still part of a column's name (「担当課名」「対応区分（A～E）」) was renamed: what staff typed
    under it would be dropped, so the import is refused, as for a renamed 考え方 (QA45)."""
    unknown = [name for name in header if name not in MAIN_HEADER and name.strip()]
    renamed, missing = [], []
    for name in editable:
        if name in header:
            continue
        now = next((h for h in unknown if _key(name) in _key(h)), None)
        (renamed if now else missing).append((name, now))
    if renamed:
        cols = ", ".join(f"{name} (now 「{now}」)" for name, now in renamed)
        names = ", ".join(name for name, _ in renamed)
        raise InputError(f"{path}: sheet {sheet!r}: column{'s' if len(renamed) > 1 else ''} {cols} renamed: the "
                         f"import reads a column by its name, so what was typed under it would be lost; nothing "
                         f"recorded: put the name{'s' if len(renamed) > 1 else ''} {names} back in the header row")
    return tuple(name for name, _ in missing)


def _merged_ranges(wb, sheet: str) -> list[str]:
    """The merged ranges of ``sheet`` (「G14:G15」), read from its XML: a read-only workbook does not
    show them, and loading the whole sheet to find them is slow for a big worksheet."""
    try:
        xml = wb._archive.read(wb[sheet]._worksheet_path)
    except Exception:  # noqa: BLE001 - another openpyxl: no merges found rather than no import
        return []
    start = xml.find(b"mergeCell")  # after the rows: found at C speed in a sheet of 20,000 rows
    if start < 0:
        return []
    return [m.decode() for m in re.findall(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+\d+:[A-Z]+\d+)\"",
                                           xml[max(0, start - 10):])]


def _refuse_merged_cells(path: Path, wb, sheet: str, header: dict, header_row: int, cid_of: dict) -> None:
    """An editable cell merged over two rows or more holds its text for the top row only: the others
    would be counted unchanged (QA45); refused, naming the rows."""
    from openpyxl.utils.cell import range_boundaries

    columns = {header[name] + 1: name for name in (LABEL, SUMMARY, ANSWER, CATEGORY, SECTION, DEPARTMENT)
               if name in header}
    for ref in _merged_ranges(wb, sheet):
        try:
            first_col, first_row, last_col, last_row = range_boundaries(ref)
        except ValueError:
            continue
        names = [columns[c] for c in range(first_col, last_col + 1) if c in columns]
        if last_row <= max(first_row, header_row) or not names:
            continue
        rows = [f"{_row(n, cid_of[n])}" for n in range(max(first_row, header_row + 1), last_row + 1) if n in cid_of]
        if len(rows) < 2:
            continue
        raise InputError(f"{path.name}: {' and '.join(names)} cells of {', '.join(rows)} are merged into one "
                         f"({ref}): the import reads such a cell for the top row only; nothing recorded: unmerge "
                         "them and fill each row (copy the text into every row it answers)")


def import_hint(run_dir, path) -> str:
    """What to do with a filled-in worksheet kept by a run: 「import it with `cluster review import
    DIR FILE`」, or, when decisions in force were imported from this very file (its content, as
    ``review import`` records it: ``source_sha1``), that it was imported (QA24: a worksheet filled
    in place and imported was kept with 「import it with …」, as if it had not been)."""
    import hashlib

    from .decisions import _withdrawn, load_decisions

    path = Path(path)
    try:
        sha1 = hashlib.sha1(path.read_bytes()).hexdigest()[:12]
        decisions = load_decisions(run_dir)
    except (OSError, InputError):
        decisions = []
    withdrawn = _withdrawn(decisions)
    imported = [n for n, d in enumerate(decisions, 1)
                if d.kind != "withdraw" and n not in withdrawn and d.value.get("source_sha1") == sha1]
    if not imported:
        return f"import it with `cluster review import {run_dir} {path}`"
    shown = ", ".join(map(str, imported[:5])) + (" …" if len(imported) > 5 else "")
    return (f"it was imported already (decision{'s' if len(imported) > 1 else ''} {shown}): nothing to import "
            "again")


def was_edited(path) -> bool:
    """Whether the worksheet at ``path`` was changed since a run wrote it, told by its content,
    not its file time (a copy of the run folder, ``cp -r`` or a download, gets new times): its
    ラベル, ご意見の概要 or 考え方 cells differ from what its hidden sheet says they showed, a row
    is missing, its 意見一覧 was edited, or it can no longer be read as the worksheet the run wrote
    (anything staff may have done to it counts: a copy is kept before a run writes a new one).
    False when there is no such file; opened and saved without changes is not edited."""
    path = Path(path)
    if not path.is_file():
        return False
    try:
        sheet = _read(path)
    except InputError:
        return True
    except Exception:  # noqa: BLE001 - a file the reader cannot walk was changed by someone: keep it
        return True
    if sheet.listing_edited or {cid for _, cid, _, _ in sheet.rows} != set(sheet.written):
        return True
    for _, cid, summary, answer in sheet.rows:
        shown_summary, shown_answer = sheet.written[cid]
        if not (_same(summary, shown_summary) and _same(answer, shown_answer)):
            return True
        if cid in sheet.labels and cid in sheet.label_cells and not _same(sheet.label_cells[cid], sheet.labels[cid]):
            return True
        if cid in sheet.categories and cid in sheet.category_cells and \
                not _same(sheet.category_cells[cid], sheet.categories[cid]):
            return True
        if cid in sheet.sections and cid in sheet.section_cells and \
                not _same(sheet.section_cells[cid], sheet.sections[cid]):
            return True
        if cid in sheet.departments and cid in sheet.department_cells and \
                not _same(sheet.department_cells[cid], sheet.departments[cid]):
            return True
    return False


def _misplaced_message(path: Path, misplaced: list) -> str:
    """One line for rows whose No. or 件数 is not their cluster's: it names the cells. One cell of
    one row is a cell typed over; more (or a row whose No. and 件数 both moved) is a sort of some
    columns only, or a cluster_id changed: the cells no longer describe the row's cluster."""
    number, cid, changed = misplaced[0]
    cells = "; ".join(f"column {name} was {was} when the worksheet was written and is now {now}"
                      for name, was, now in changed)
    where = f"{path.name}, row {number} (cluster {cid})"
    if len(misplaced) == 1 and len(changed) == 1:
        name, was, _ = changed[0]
        return (f"{where}: {cells}; was it typed over by mistake? {name} is not imported: put {was} back "
                "(or start again from the run's worksheet.xlsx)")
    more = f" (and {len(misplaced) - 1} more rows like it)" if len(misplaced) > 1 else ""
    return (f"{where}: {cells}{more}: were only some columns sorted, or cluster_id cells changed? "
            "Sort whole rows, or start again from the run's worksheet.xlsx")


def _norm(s: str) -> str:
    """A cell's text without line-ending differences and trailing blanks (Excel rewrites both)."""
    return "\n".join(line.rstrip() for line in s.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n"))


def _same(a: str, b: str) -> bool:
    """Equal once line endings and surrounding blanks are set aside (Excel rewrites both)."""
    return _norm(a) == _norm(b)


def _staff_labels(run_dir) -> dict[str, str]:
    """{cluster id: the label staff gave it} in the run's clusters.csv (automatic labels are not
    shown in the worksheet); empty when it cannot be read."""
    from .io import read_table, unescape_cell

    try:
        rows = read_table(Path(run_dir) / "clusters.csv").rows
    except (InputError, ValueError, OSError):
        return {}
    return {unescape_cell(r.get("cluster_id", "")): unescape_cell(r.get("label", "")) if
            str(r.get("label_edited", "")).strip() == "yes" else "" for r in rows}


@dataclass(frozen=True)
class _Moved:
    """A text an editable cell holds that the worksheet showed for another row, not its own."""

    column: str
    number: int  # the first row holding it
    cid: str
    other_number: int  # the row that showed it (0: that row is no longer in the sheet)
    other: str
    rows: int  # how many rows hold it
    candidate: bool  # shown as that row's best candidate, not as its written text
    source_untouched: bool  # that row's cell is still as the worksheet showed it


def _moved_cells(sheet: _Sheet) -> list[_Moved]:
    """The editable cells that hold what the worksheet showed for another row, while that row no
    longer holds it: one ``_Moved`` per text.

    What a row showed is its written text (summary, answer) and, in 考え方, its best candidate.
    A column sorted or pasted apart from its rows moves several texts away from the rows that
    showed them, each to another row: two such texts or more stop the import, and so does one
    text cut from its row (that row's cell emptied or changed) and pasted into one other row
    (``import_worksheet``). Honest work does not look like that: text a row may take as its own
    (its written text, any of its candidates) never counts; an answer written for other rows on
    purpose still stands in the row that showed it, and when it does not (that row got a new
    answer), it went to several rows: it is one text however many rows took it."""
    number_of = {cid: number for number, cid, _, _ in sheet.rows}
    now = {cid: {SUMMARY: summary, ANSWER: answer} for _, cid, summary, answer in sheet.rows}
    shown_by: dict[tuple[str, str], list[tuple[str, bool]]] = {}  # (column, text) -> (cluster, as candidate)
    own: dict[str, dict[str, set[str]]] = {}
    for cid, (summary, answer) in sheet.written.items():
        cands = [text for _, text in sheet.candidates.get(cid, [])]
        for column, texts in ((SUMMARY, [(summary, False)]), (ANSWER, [(answer, False)] + [(t, True) for t in cands[:1]])):
            seen: set[str] = set()
            for text, as_candidate in texts:
                if _norm(text) and _norm(text) not in seen:
                    seen.add(_norm(text))
                    shown_by.setdefault((column, _norm(text)), []).append((cid, as_candidate))
        own[cid] = {SUMMARY: {_norm(summary)}, ANSWER: {_norm(t) for t in [answer] + cands}}

    def untouched(cid: str, column: str) -> bool:
        shown = sheet.written[cid][0 if column == SUMMARY else 1]
        return cid in now and _same(now[cid][column], shown)

    moved: dict[tuple[str, str], _Moved] = {}  # (column, text) -> the first cell holding it
    for number, cid, summary, answer in sheet.rows:
        for column, cell in ((SUMMARY, summary), (ANSWER, answer)):
            text = _norm(cell)
            if not text or text in own.get(cid, {}).get(column, ()):
                continue
            origins = [(c, cand) for c, cand in shown_by.get((column, text), []) if c != cid]
            if not origins or any(c in now and _norm(now[c][column]) == text for c, _ in origins):
                continue
            if (column, text) in moved:
                first = moved[(column, text)]
                moved[(column, text)] = _Moved(**{**first.__dict__, "rows": first.rows + 1})
                continue
            other, as_candidate = origins[0]
            moved[(column, text)] = _Moved(column, number, cid, number_of.get(other, 0), other, 1,
                                           all(cand for _, cand in origins),
                                           any(untouched(c, column) for c, _ in origins))
    return list(moved.values())


def _changed_cells(sheet: _Sheet, cells: dict, shown: dict, column: str, named: set, result: ImportResult):
    """``(row number, cluster id, the staff's text)`` of each cell of ``column`` that differs from what
    the worksheet showed (``shown``; a row it says nothing of is not read). An emptied cell records
    nothing: it is named in ``result`` and added to ``named`` (so it is not said to be unchanged)."""
    from .review import _staff_text

    for number, cid, _, _ in sheet.rows:
        if cid not in cells or cid not in shown or _same(cells[cid], shown[cid]):
            continue
        text = _staff_text(cells[cid])
        if text.strip():
            yield number, cid, text
            continue
        result.messages.append(f"row {number} ({cid}): {column} was emptied; nothing recorded "
                               "(withdraw a decision with `cluster review undo`)")
        named.add(cid)


def _category_changes(run_dir, path: Path, sheet: _Sheet, result: ImportResult) -> tuple[dict, set]:
    """``({cluster id: Category}, {cluster ids named})``: the 対応区分 cells changed from what the
    worksheet showed, read as the run's categories (code, 「A：…」 from the dropdown, name, or a
    word only one name holds). An emptied cell is named and records nothing; a value no category
    holds stops the import with the row and the choices."""
    from .categories import choices, find_category
    from .review import run_categories

    changes, named, refused = {}, set(), []
    categories = None
    for number, cid, text in _changed_cells(sheet, sheet.category_cells, sheet.categories, CATEGORY, named, result):
        categories = categories or run_categories(run_dir)
        try:
            changes[cid] = find_category(text, categories)
        except InputError as exc:  # every such cell is named at once: a department fixes them in one go
            refused.append((number, cid, str(exc).split("; one of:")[0]))
    if len(refused) == 1:
        number, cid, why = refused[0]
        raise InputError(f"{path.name}, row {number} ({cid}), column {CATEGORY}: {why}; nothing recorded; "
                         + choices(categories))
    if refused:
        cells = "; ".join(f"row {number} ({cid}): {why}" for number, cid, why in refused[:8])
        more = f"; and {len(refused) - 8} more" if len(refused) > 8 else ""
        raise InputError(f"{path.name}: {len(refused)} cells of column {CATEGORY} name no category of this run: "
                         f"{cells}{more}; nothing recorded; " + choices(categories))
    return changes, named


def _older_columns(run_dir, sheet: "_Sheet", opinions_of, clustered, result: "ImportResult") -> set:
    """The rows of an older worksheet (no shown value for 該当箇所, 対応区分 or 担当課 in its hidden
    sheet) whose cell in such a column differs from its cluster's value in this run: one line per
    column names them and the command that records one; they are not recorded. Returns their ids."""
    from .io import read_table, unescape_cell

    older = [(name, kind, cells, cols) for name, kind, cells, shown, cols in (
        (SECTION, "section", sheet.section_cells, sheet.sections, ("section", "report_section", "topic")),
        (CATEGORY, "category", sheet.category_cells, sheet.categories, ("category",)),
        (DEPARTMENT, "department", sheet.department_cells, sheet.departments, ("department",)))
        if cells and not shown and any(str(v).strip() for v in cells.values())]
    if not older:
        return set()
    try:
        now = {unescape_cell(r.get("cluster_id", "")): r for r in read_table(Path(run_dir) / "clusters.csv").rows}
    except (InputError, ValueError, OSError):
        now = {}
    named: set = set()
    for name, kind, cells, cols in older:
        found = []
        for number, cid, _, _ in sheet.rows:
            text = " ".join(str(cells.get(cid, "")).split())
            if not text:
                continue
            current = Counter(unescape_cell(clustered[i].get("cluster_id", "")) for i in opinions_of(cid))
            target = current.most_common(1)[0][0] if current else cid
            values = [unescape_cell(str(now.get(target, {}).get(c, "") or "")) for c in cols]
            if any(v and (_same(text, v) or (kind == "category" and _norm(text).startswith(_norm(v))))
                   for v in values):
                continue
            found.append((number, cid, target, text))
            named.add(cid)
        if found:
            number, cid, target, text = found[0]
            listed = ", ".join(f"{_row(n, c)} 「{shorten(t, 20)}」" for n, c, _, t in found[:5])
            result.messages.append(
                f"column {name}: this worksheet (written by an older version) does not say what it showed there, "
                f"so {len(found)} cell{'s' if len(found) > 1 else ''} that differ{'s' if len(found) == 1 else ''} "
                f"from this run {'is' if len(found) == 1 else 'are'} not recorded: {listed}"
                f"{' …' if len(found) > 5 else ''}; record one with `cluster review {kind} "
                f"{shlex.quote(str(run_dir))} {target} {shlex.quote(text)}`")
    return named


def _row(number: int, cid: str) -> str:
    return f"row {number} ({cid})" if number else cid


def _shown(sheet: _Sheet, cid: str, column: str):
    """What the worksheet showed in a row's editable cell (None: an older worksheet does not say)."""
    if column in (SUMMARY, ANSWER):
        return sheet.written[cid][0 if column == SUMMARY else 1] if cid in sheet.written else None
    return {LABEL: sheet.labels, CATEGORY: sheet.categories, SECTION: sheet.sections,
            DEPARTMENT: sheet.departments}[column].get(cid)


def _now(sheet: _Sheet, cid: str, column: str, cells: dict | None = None) -> str:
    """A row's editable cell as it is now (``cells``: {cluster id: (summary, answer)}, for many rows)."""
    if column in (SUMMARY, ANSWER):
        cells = cells if cells is not None else {c: (s, a) for _, c, s, a in sheet.rows}
        return cells.get(cid, ("", ""))[0 if column == SUMMARY else 1]
    return {LABEL: sheet.label_cells, CATEGORY: sheet.category_cells, SECTION: sheet.section_cells,
            DEPARTMENT: sheet.department_cells}[column].get(cid, "")


def _listed(items: list[str], limit: int = 5) -> str:
    return ", ".join(items[:limit]) + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _refuse_dates(path: Path, sheet: _Sheet) -> None:
    """A changed editable cell Excel holds as a date (「3-1」 typed in 該当箇所 becomes 2026-03-01)
    would be published as that date (QA45): refused, naming the cells."""
    if not sheet.dates:
        return
    number_of = {cid: number for number, cid, _, _ in sheet.rows}
    now = {cid: (summary, answer) for _, cid, summary, answer in sheet.rows}
    cells = sorted((number_of.get(cid, 0), cid, column, text) for (cid, column), text in sheet.dates.items()
                   if _shown(sheet, cid, column) is None
                   or not _same(_now(sheet, cid, column, now), _shown(sheet, cid, column)))
    if not cells:
        return
    fix = ("nothing recorded: type it as text (with a leading apostrophe, '3-1, or as 3－1)" if len(cells) == 1 else
           "nothing recorded: type them as text (with a leading apostrophe, '3-1, or as 3－1)")
    if len(cells) == 1:
        number, cid, column, text = cells[0]
        raise InputError(f"{path.name}, {_row(number, cid)}, column {column}: Excel changed what was typed into a "
                         f"date ({text}); {fix}")
    named = _listed([f"{_row(number, cid)} {column} {text}" for number, cid, column, text in cells])
    raise InputError(f"{path.name}: {len(cells)} cells hold a date Excel changed what was typed into: {named}; {fix}")


# 「4」「２」「回答案No.7」「No.3」 typed in 考え方 to mean a past answer (QA45: published as the answer)
_BARE_NUMBER = re.compile(r"(?:過去の)?(?:回答案?|答え)?の?(?:番号|no\.?|#)?\s*(\d{1,6})\s*番?", re.I)


def _refuse_references(path: Path, sheet: _Sheet) -> None:
    """A changed 考え方 cell that only points to another row (「同上」「No.3と同じ」): published, it would read so
    under a row whose neighbour may answer another question, and rows renumber when late opinions come
    (QA88). Refused, every such cell named."""
    from .review import refers_to_another_row

    cells = [(number, cid, answer.strip()) for number, cid, _, answer in sheet.rows
             if not _same(answer, sheet.written[cid][1]) and refers_to_another_row(answer)]
    if not cells:
        return
    named = _listed([f"{_row(number, cid)} 「{typed}」" for number, cid, typed in cells])
    raise InputError(f"{path.name}: column {ANSWER} of {named} only points to another row: published, it would read "
                     f"so, and rows are numbered anew when opinions come late; nothing recorded: copy the answer itself "
                     f"into {'each' if len(cells) > 1 else 'the'} cell")


def _refuse_bare_numbers(path: Path, sheet: _Sheet, run_dir) -> None:
    """A changed 考え方 cell holding a number only (or a past answer's id) meant that past answer:
    published as the answer, it would read 「4」. Refused, with the hint."""

    ids = {str(a) for cands in sheet.candidates.values() for a, _ in cands}
    cells = []
    for number, cid, _, answer in sheet.rows:
        if _same(answer, sheet.written[cid][1]):
            continue
        text = unicodedata.normalize("NFKC", answer).strip()
        m = _BARE_NUMBER.fullmatch(text)
        if m or (text and text in ids):
            cells.append((number, cid, answer.strip(), m[1] if m else text))
    if not cells:
        return
    number, cid, typed, n = cells[0]
    command = f"`cluster review answer {shlex.quote(str(run_dir))} {cid} --answer-id {shlex.quote(n)}`"
    if len(cells) == 1:
        raise InputError(f"{path.name}, {_row(number, cid)}, column {ANSWER} holds only 「{typed}」: did you mean past "
                         f"answer {n}? It would be published as the answer; nothing recorded: paste that answer's text "
                         f"into {ANSWER}, or {command}")
    named = _listed([f"{_row(number, cid)} 「{typed}」" for number, cid, typed, _ in cells])
    raise InputError(f"{path.name}: {len(cells)} cells of column {ANSWER} hold only a number: {named}: did you mean "
                     f"past answers by number? They would be published as the answers; nothing recorded: paste each "
                     f"answer's text into {ANSWER}, or {command} (one row at a time)")


def _unread_changes(sheet: _Sheet, run_dir, result: ImportResult) -> set:
    """One line per column the import does not read whose cells staff changed (the candidate edited
    in place, 回答の状態 set to 確定, a past answer's number typed: QA45, silently dropped); the
    cluster ids named."""

    edited: dict[str, list] = {CANDIDATE: [], STATUS: [], CANDIDATE_ID: []}
    for number, cid, _, answer in sheet.rows:
        now = sheet.unread.get(cid, {})
        cands = sheet.candidates.get(cid, [])
        best_id, best = (str(cands[0][0]), cands[0][1]) if cands else ("", "")
        if cid in sheet.shown_extra:  # (older worksheets do not say: their best candidate, any status)
            best_id = sheet.shown_extra[cid][0]
            best = best if best_id else ""
        answered = not _same(answer, sheet.written[cid][1])
        text = now.get(CANDIDATE, "")
        if _norm(text) and not _same(text, best) and not _same(text, answer):
            edited[CANDIDATE].append((number, cid, ""))
        text = _norm(now.get(STATUS, ""))
        allowed = ({sheet.shown_extra[cid][1]} if cid in sheet.shown_extra else
                   {STATUS_WORDS["confirmed"]} if _norm(sheet.written[cid][1]) else
                   {w for k, w in STATUS_WORDS.items() if k != "confirmed"} | {WEAK_STATUS})
        if text and text not in allowed and not answered:
            edited[STATUS].append((number, cid, text, str(cands[0][0]) if cands else ""))
        text = unicodedata.normalize("NFKC", now.get(CANDIDATE_ID, "")).strip()
        if text and text != best_id:
            edited[CANDIDATE_ID].append((number, cid, text))
    folder = shlex.quote(str(run_dir))
    named = set()
    for column, cells in edited.items():
        if not cells:
            continue
        named |= {c[1] for c in cells}
        rows = _listed([f"{_row(c[0], c[1])}" + (f" 「{c[2]}」" if c[2] else "") for c in cells])
        cid = cells[0][1]
        if column == CANDIDATE:
            what = f"to use the edited text, copy it into {ANSWER}"
        elif column == STATUS:
            what = (f"a row is confirmed by its {ANSWER}: copy the candidate into {ANSWER}, or "
                    f"`cluster review answer {folder} {cid} --answer-id {shlex.quote(cells[0][3] or 'N')}`")
        else:
            typed = cells[0][2] if re.fullmatch(r"[\w:.-]+", cells[0][2]) else "N"
            what = (f"to answer with a past answer, `cluster review answer {folder} {cid} --answer-id "
                    f"{shlex.quote(typed)}` (or paste its text into {ANSWER})")
        result.messages.append(f"{column} was changed in {rows}: the import does not read this column, nothing "
                               f"recorded for it; {what}")
    return named


def _left_by_an_earlier_copy(run_dir, sheet: _Sheet, decisions, withdrawn: set, earlier: set, todo,
                             opinions_of) -> list[str]:
    """One line per row whose cell is as the worksheet showed it while the decision in force for it
    was imported from an earlier copy of this file (``earlier``: files whose changes this one holds
    too). A later copy that puts a wrong-row paste right leaves that row as it was shown (blank):
    the wrong answer stayed in force without a word (QA45)."""

    from .decisions import TEXT_KINDS

    columns = {"answer": ANSWER, "summary": SUMMARY, "label": LABEL, "category": CATEGORY, "section": SECTION,
               "department": DEPARTMENT}
    planned = {(kind, cid) for kind, cid, _, _ in todo}
    latest: dict[tuple[str, str], int] = {}  # (kind, opinion id) -> the last decision in force naming it
    for n, d in enumerate(decisions, 1):
        if d.kind in TEXT_KINDS and n not in withdrawn:
            for oid in d.opinion_ids:
                latest[(d.kind, oid)] = n
    now = {cid: (summary, answer) for _, cid, summary, answer in sheet.rows}
    lines = []
    for number, cid, _, _ in sheet.rows:
        ids = None
        for kind in TEXT_KINDS:
            column = columns[kind]
            shown = _shown(sheet, cid, column)
            if (kind, cid) in planned or shown is None or not _same(_now(sheet, cid, column, now), shown):
                continue
            ids = opinions_of(cid) if ids is None else ids
            n = max((latest.get((kind, oid), 0) for oid in ids), default=0)
            if not n or decisions[n - 1].value.get("source_sha1", "") not in earlier:
                continue
            d = decisions[n - 1]
            value = (d.value.get("text") or (f"past answer {d.value['answer_id']}" if d.value.get("answer_id") else "")
                     if kind == "answer" else d.value.get(kind) or "")
            if _same(str(value), shown) or (kind == "category" and _norm(shown).startswith(str(value))):
                continue
            lines.append(f"{_row(number, cid)}: {column} is as the worksheet showed it "
                         f"({shorten(shown, 20) if _norm(shown) else 'blank'}), but a decision imported from "
                         f"{d.value.get('source', 'another file')} since then gives it 「{shorten(str(value), 30)}」 "
                         f"(decision {n}); to take it back `cluster review undo {shlex.quote(str(run_dir))} "
                         f"--decision {n}`")
    return lines


def _content_pairs(text: str) -> list[str]:
    """Pairs of characters of a text's words (kanji, katakana, letters, digits): what an answer and
    the opinion it answers share (駐輪場, バス停), not 「します」."""
    text = unicodedata.normalize("NFKC", text or "")
    keep = [ch if ("\u4e00" <= ch <= "\u9fff" or "\u30a1" <= ch <= "\u30fa" or ch.isalnum() and not
                   "\u3041" <= ch <= "\u309f") else " " for ch in text]
    text = "".join(keep)
    return [text[k:k + 2] for k in range(len(text) - 1) if " " not in text[k:k + 2]]


def _answers_off_their_rows(sheet: "_Sheet", answers: Mapping[str, str], run_dir, path) -> str | None:
    """One line when most of the answers written in this file read like the opinions of other rows
    than their own (QA45: the 考え方 column sorted on its own in Excel, 「現在選択されている範囲を並べ替える」,
    put every new answer on another row, and nothing could tell: the worksheet had shown none of
    them). An answer is off its row when another row's opinion shares clearly more of its words
    than its own row's; a line only when that holds for two or more answers and at least half."""
    if len(answers) < 2:
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer

    number = {cid: n for n, cid, _, _ in sheet.rows}
    cids = [cid for _, cid, _, _ in sheet.rows if cid in sheet.written]
    opinions = [sheet.written[cid][0] or "" for cid in cids]
    if len(cids) < 3:
        return None
    vec = TfidfVectorizer(analyzer=_content_pairs, sublinear_tf=True)
    try:
        x = vec.fit_transform(opinions + [answers[c] for c in answers])
    except ValueError:  # no words at all
        return None
    # kept sparse, row by row: a worksheet of 20,000 rows with thousands of answers would not fit dense
    sims = (x[len(cids):] @ x[:len(cids)].T).tocsr()
    position = {cid: j for j, cid in enumerate(cids)}
    off = []
    for k, cid in enumerate(answers):
        if cid not in number or cid not in position:
            continue
        row = sims.getrow(k)
        scores = dict(zip(row.indices.tolist(), row.data.tolist()))
        own = scores.pop(position[cid], 0.0)
        if not scores:
            continue
        other = min(scores, key=lambda j: (-scores[j], j))  # the most alike other row (the first on a tie)
        if scores[other] >= 0.2 and scores[other] > 2 * own + 0.05:
            off.append((number[cid], number[cids[other]]))
    if len(off) < 2 or 2 * len(off) < len(answers):
        return None
    off.sort()
    shown = ", ".join(f"row {a}'s like row {b}'s" for a, b in off[:3]) + (" …" if len(off) > 3 else "")
    return (f"the {ANSWER} written in {len(off)} of {len(answers)} rows read like the opinions of other rows ({shown}): "
            f"was the {ANSWER} column sorted or pasted apart from its rows? Check them before the next run; "
            f"`cluster review undo {shlex.quote(str(run_dir))} --import {shlex.quote(Path(path).name)}` takes this "
            "import back")


def import_worksheet(run_dir, path, by: str | None = None, dry_run: bool = False) -> ImportResult:
    """Record a ``summary`` or ``answer`` decision for every editable cell of the worksheet at
    ``path`` that differs from what the worksheet showed (see the module doc). Nothing is
    recorded when a row is wrong; ``dry_run`` records nothing and lists what would be."""
    from .decisions import TEXT_KINDS, _withdrawn, append_decision, load_decisions, text_fingerprint
    from .review import (_answer_text_in_run, _archive_answers, _run_state, _staff_text, _with_fingerprints,
                         overruled_notes, replacement_notes)
    from .io import unescape_cell

    path = Path(path)
    sheet = _read(path)
    moved = _moved_cells(sheet)
    if len(moved) >= 2:
        named = ", ".join(f"{_row(m.number, m.cid)} holds the {m.column} shown for {_row(m.other_number, m.other)}"
                          for m in moved[:4])
        more = f" and {len(moved) - 4} more" if len(moved) > 4 else ""
        raise InputError(f"{path.name}: {len(moved)} cells hold what the worksheet showed for another row: "
                         f"{named}{more}; was a column sorted or pasted apart from its rows? Nothing recorded: "
                         "sort whole rows (or undo the paste), or start again from the run's worksheet.xlsx")
    pasted_candidate = None  # one row's candidate pasted into another row, that row untouched: named
    if moved:
        m = moved[0]
        if m.rows == 1 and not m.source_untouched:
            # cut from its row and pasted into another (the answer would be recorded for the wrong
            # opinions), or its row sorted or typed over after the paste: refused even alone
            what = (f"the candidate (回答案) shown for {_row(m.other_number, m.other)}" if m.candidate
                    else f"the {m.column} shown for {_row(m.other_number, m.other)}")
            cells_now = {cid: (summary, answer) for _, cid, summary, answer in sheet.rows}
            emptied = not _norm(cells_now.get(m.other, ("", ""))[0 if m.column == SUMMARY else 1])
            where = (f"whose {m.column} cell was {'emptied' if emptied else 'changed'}" if m.other_number
                     else "a row no longer in the sheet")
            raise InputError(f"{path.name}: {_row(m.number, m.cid)} holds {what}, {where}: was it cut and pasted "
                             f"into the wrong row? Nothing recorded: put it back in {_row(m.other_number, m.other)} "
                             f"(to use it for {m.cid} too, keep it in both rows), or start again from the run's "
                             "worksheet.xlsx")
        if m.candidate:
            pasted_candidate = m
    # each kind of cell to fix is named, all at once (QA88: one per attempt made a department send the file three times)
    problems = []
    for check in (lambda: _refuse_dates(path, sheet), lambda: _refuse_references(path, sheet),
                  lambda: _refuse_bare_numbers(path, sheet, run_dir)):
        try:
            check()
        except InputError as exc:
            problems.append(str(exc))
    if problems:
        error = InputError(problems[0])
        error.lines = problems  # each its own error line (cli)
        raise error
    import hashlib

    # two departments may both send back 「worksheet.xlsx」: the content tells their imports apart
    source_sha1 = hashlib.sha1(path.read_bytes()).hexdigest()[:12]
    state = _run_state(run_dir)
    _, _, row_of = state
    clustered = {oid: row for oid, row in row_of.items() if unescape_cell(row.get("cluster_id", ""))}
    fp_of = {oid: text_fingerprint(unescape_cell(row.get("text", ""))) for oid, row in clustered.items()}
    first_with_fp: dict[str, str] = {}
    for oid, fp in fp_of.items():
        first_with_fp.setdefault(fp, oid)
    # the texts the run's opinions held before this version read them otherwise (run.json's earlier_texts: a
    # letter cut otherwise, 「L-001-1.2」 now 「L-001-2」): a worksheet written before still names them (QA111)
    for oid, fps in _earlier_texts(run_dir).items():
        if oid in clustered:
            for fp in fps:
                first_with_fp.setdefault(fp, oid)

    def now_id(oid: str, fp: str | None) -> str | None:
        """The opinion a worksheet's (or a decision's) id and text name in this run."""
        if fp is None or fp_of.get(oid) == fp:
            return oid if oid in clustered else None
        return first_with_fp.get(fp)
    group_members: dict[str, list[str]] = {}
    for oid, row in clustered.items():
        group = unescape_cell(row.get("duplicate_group", ""))
        if group:
            group_members.setdefault(group, []).append(oid)

    def opinions_of(cid: str) -> list[str]:
        """The cluster's opinions in this run: each distinct text by its id (or, when the id now
        holds another text, by the text), with its exact and near copies."""
        out: dict[str, None] = {}
        for oid, fp in sheet.units.get(cid, []):
            found = now_id(oid, fp)
            if found is None:
                continue
            group = unescape_cell(clustered[found].get("duplicate_group", ""))
            for i in (group_members[group] if group else [found]):
                out.setdefault(i, None)
        return list(out)

    # every decision in force, by kind, opinion set and text: a change recorded once (this file
    # imported before, or an older copy of it) is not recorded again over a newer decision
    decisions = load_decisions(run_dir)
    withdrawn = _withdrawn(decisions)
    recorded_before: set[tuple] = set()
    recorded_from: dict[tuple, set] = {}  # the same key -> the files (source_sha1) it was imported from
    for n, d in enumerate(decisions, 1):
        if d.kind in TEXT_KINDS and n not in withdrawn:
            value = (d.value.get(d.kind) if d.kind in ("summary", "label", "category", "section", "department")
                     else (d.value.get("text") or d.value.get("answer_id")))
            recorded_before.add((d.kind, frozenset(d.opinion_ids), str(value or "")))
            recorded_from.setdefault((d.kind, frozenset(d.opinion_ids), str(value or "")), set()).add(
                d.value.get("source_sha1", ""))
            # (and under the ids its opinions have now: an upgrade cut 「L-001-1.2」 as 「L-001-2」, QA111 recorded
            # a label and a summary a second time)
            fps = d.value.get("fingerprints") or {}
            now = frozenset(filter(None, (now_id(i, fps.get(i)) for i in d.opinion_ids)))
            if now and now != frozenset(d.opinion_ids):
                recorded_before.add((d.kind, now, str(value or "")))
                recorded_from.setdefault((d.kind, now, str(value or "")), set()).add(d.value.get("source_sha1", ""))

    result = ImportResult()
    if sheet.sheet_name != MAIN_SHEET:
        result.messages.append(f"read sheet 「{sheet.sheet_name}」 as the worksheet's {MAIN_SHEET} (the only sheet with "
                               "its header row; was it renamed?)")
    if sheet.missing:
        result.messages.append(f"column{'s' if len(sheet.missing) > 1 else ''} {', '.join(sheet.missing)} "
                               f"{'are' if len(sheet.missing) > 1 else 'is'} no longer in sheet "
                               f"「{sheet.sheet_name}」 (deleted?): nothing is read for "
                               f"{'them' if len(sheet.missing) > 1 else 'it'}")
    unread_named = _unread_changes(sheet, run_dir, result)
    for name, n in sheet.added.items():
        result.messages.append(f"column {name} is not one of the worksheet's ({counted(n, 'cell')} written in it): the "
                               "import does not read it, nothing recorded from it")
    if pasted_candidate:
        m = pasted_candidate
        answer_id = sheet.candidates[m.other][0][0]
        result.messages.append(f"{_row(m.number, m.cid)}: {ANSWER} is the candidate shown for "
                               f"{_row(m.other_number, m.other)} (past answer {answer_id}), not one of {m.cid}'s "
                               f"own: it is taken as {m.cid}'s answer; if it was meant for the other row, put it "
                               f"there (`cluster review undo {shlex.quote(str(run_dir))} --import "
                               f"{shlex.quote(path.name)}` takes an import back)")
    here = Path(run_dir).resolve().name
    if sheet.folder and sheet.folder != here:
        result.messages.append(f"{path.name} was written in run folder {sheet.folder}, not {here}: its cells land on "
                               f"the same opinions here (found by id and text); if it belongs to {sheet.folder}, "
                               f"import it there (`cluster review undo {shlex.quote(str(run_dir))} --import "
                               f"{shlex.quote(path.name)}` takes an import back)")
    labels_now = None if sheet.labels else _staff_labels(run_dir)  # an older worksheet: the run's labels
    label_changes: dict[str, str] = {}  # cluster id -> the label to record
    label_named: set[str] = set()  # rows whose ラベル cell is named (emptied, or not recorded): not 「unchanged」
    for number, cid, _, _ in sheet.rows:
        if cid not in sheet.label_cells:
            continue
        cell, new = sheet.label_cells[cid], _staff_text(sheet.label_cells[cid])
        if sheet.labels:
            if cid not in sheet.labels or _same(cell, sheet.labels[cid]):
                continue
            if not new:
                result.messages.append(f"row {number} ({cid}): ラベル was emptied; nothing recorded "
                                       "(withdraw a decision with `cluster review undo`)")
                label_named.add(cid)
                continue
            label_changes[cid] = new
            continue
        # an older worksheet does not remember the labels it showed: it is compared with the run's
        # staff labels. A label written where the run has none is recorded; one that differs from
        # the run's own may be the older label this copy showed, so it is named, not recorded over it
        current = Counter(unescape_cell(clustered[i].get("cluster_id", "")) for i in opinions_of(cid))
        target = current.most_common(1)[0][0] if current else None  # the row's cluster in this run
        if target is None or not new or _same(cell, labels_now.get(target, "")):
            continue
        if not labels_now.get(target):
            label_changes[cid] = new
            continue
        result.messages.append(
            f"row {number} ({cid}): ラベル is not its cluster's label in this run "
            f"({shorten(labels_now[target], 30)}) and this worksheet (written by an older version) does not say "
            f"which label it showed, so it is not recorded over that one: record it with `cluster review label "
            f"{shlex.quote(str(run_dir))} {target} {shlex.quote(new)}`")
        label_named.add(cid)
    # 該当箇所 changed from what the worksheet showed (older worksheets do not say: not read)
    section_changes: dict[str, str] = {}  # cluster id -> the 該当箇所 to record
    section_named: set[str] = set()  # rows whose 該当箇所 cell was emptied: named, not 「unchanged」
    for _, cid, text in _changed_cells(sheet, sheet.section_cells, sheet.sections, SECTION, section_named, result):
        section_changes[cid] = " ".join(text.split())  # one line, as `cluster review section` records it
    # 担当課 likewise: a department's name written or changed (the coordinator's, or a department's copy)
    department_changes: dict[str, str] = {}  # cluster id -> the 担当課 to record
    department_named: set[str] = set()
    for _, cid, text in _changed_cells(sheet, sheet.department_cells, sheet.departments, DEPARTMENT,
                                       department_named, result):
        department_changes[cid] = " ".join(text.split())
    # a value that is no category of the run is refused here, before anything is recorded
    category_changes, category_named = _category_changes(run_dir, path, sheet, result)
    # an older worksheet (QA48) says nothing of what it showed in 該当箇所, 対応区分 or 担当課 (not editable
    # then, or columns staff added by hand): a cell that differs from this run's value is named, not
    # recorded over it (it may be what the older run showed); it was dropped without a word
    section_named |= _older_columns(run_dir, sheet, opinions_of, clustered, result)
    if sheet.listing_edited:
        result.messages.append(f"sheet {OPINIONS_SHEET} was changed: it is there to read, its edits are not "
                               f"imported (only the columns to fill in {MAIN_SHEET} are); to move an opinion "
                               "to another cluster use `cluster review move` or the notebook")
    todo = []
    archive = None  # the run's past answers, read on the first candidate answers.csv no longer lists
    changed_rows = gone_rows = 0
    earlier: set[str] = set()  # files whose changes this one holds too (an earlier copy of it)
    again: list[tuple] = []  # (kind, row number, cluster id, opinion ids, value) recorded by an earlier import
    for number, cid, summary_cell, answer_cell in sheet.rows:
        shown_summary, shown_answer = sheet.written[cid]
        changes = [("label", label_changes[cid])] if cid in label_changes else []
        if cid in category_changes:
            changes.append(("category", category_changes[cid]))
        if cid in section_changes:
            changes.append(("section", section_changes[cid]))
        if cid in department_changes:
            changes.append(("department", department_changes[cid]))
        for kind, column, new, shown in (("summary", SUMMARY, summary_cell, shown_summary),
                                         ("answer", ANSWER, answer_cell, shown_answer)):
            if _same(new, shown):
                continue
            text = _staff_text(new)
            if not text:
                result.messages.append(f"row {number} ({cid}): {column} was emptied; nothing recorded "
                                       "(withdraw a decision with `cluster review undo`)")
                continue
            changes.append((kind, text))
        if not changes:
            result.unchanged += not ({cid} & (label_named | category_named | section_named | department_named
                                              | unread_named))
            continue
        changed_rows += 1
        ids = opinions_of(cid)
        if not ids:
            gone_rows += 1
            result.messages.append(f"row {number} ({cid}): its opinions are no longer in the run; nothing recorded")
            continue
        for kind, text in changes:
            value: dict = {"cluster": cid, "source": path.name, "source_sha1": source_sha1}
            if kind in ("summary", "label", "section", "department"):
                value[kind], key_value = text, text
            elif kind == "category":
                value.update(category=text.code, name=text.name)
                key_value = text.code
            else:
                answer_id = next((a for a, shown in sheet.candidates.get(cid, []) if _same(shown, text)), None)
                if answer_id:
                    # answers.csv of the last run, else the past answers it used (a candidate of an
                    # older worksheet may be among no cluster's top three now)
                    original = _answer_text_in_run(run_dir, answer_id)
                    if not original:
                        if archive is None:
                            archive = _archive_answers(run_dir)[0] or {}
                        original = archive.get(answer_id, "")
                    value.update({"answer_id": answer_id, **({"answer_text": original} if original else {})})
                    key_value = answer_id
                else:
                    value["text"], key_value = text, text
            if (kind, frozenset(ids), key_value) in recorded_before:
                result.already += 1
                again.append((kind, number, cid, ids, value))
                # the same words imported from another file: an earlier version of this one (fixed since).
                # Only written text tells: a code (対応区分 C), a section, a department or a candidate picked
                # is what two departments' copies choose alike (QA58)
                if kind in ("summary", "label") or (kind == "answer" and "text" in value):
                    earlier |= recorded_from.get((kind, frozenset(ids), key_value), set()) - {"", source_sha1}
                continue
            todo.append((kind, cid, ids, value))
    if not changed_rows and sheet.units and not any(opinions_of(c) for c in sheet.units):
        # nothing changed, and none of its opinions are here either (QA42: 「recorded nothing」 for another
        # consultation's worksheet; a filled one was refused)
        raise InputError(f"{path}: none of this worksheet's opinions are in {run_dir}; it belongs to another run "
                         "folder (import it into the folder whose worksheet.xlsx it was)")
    if changed_rows and gone_rows == changed_rows and not any(sheet.units.get(c) and opinions_of(c)
                                                              for c in sheet.written):
        raise InputError(f"{path}: none of this worksheet's opinions are in {run_dir}; it belongs to another run "
                         "folder (import it into the folder whose worksheet.xlsx it was)")
    # rows of an older worksheet whose clusters were merged since: both changes are recorded, and the
    # next run keeps the one covering more of the merged cluster; say so now, not at that run
    now_in: dict[tuple[str, str], list[str]] = {}
    for kind, cid, ids, value in todo:
        current = Counter(unescape_cell(clustered[i].get("cluster_id", "")) for i in ids if i in clustered)
        if current:
            now_in.setdefault((kind, current.most_common(1)[0][0]), []).append(cid)
    for (kind, current), rows_of in now_in.items():
        if len(rows_of) > 1:
            what = {"summary": "summaries", "label": "labels", "category": "categories (対応区分)",
                    "section": "sections (該当箇所)", "department": "departments (担当課)"}.get(kind, "answers")
            result.messages.append(f"rows of {' and '.join(rows_of)} are one cluster now ({current}, merged since "
                                   f"this worksheet was written): both {what} are recorded and the next run keeps "
                                   "the one covering more of it; check that row after the run")
    written_answers = {cid: value["text"] for kind, cid, _, value in todo if kind == "answer" and value.get("text")}
    if note := _answers_off_their_rows(sheet, written_answers, run_dir, path):
        result.messages.append(note)
    if earlier:
        result.messages += _left_by_an_earlier_copy(run_dir, sheet, decisions, withdrawn, earlier, todo, opinions_of)
    # two departments' copies of a row: the later import wins, never silently
    result.replaces = replacement_notes(run_dir, todo, decisions, state)
    result.messages += overruled_notes(run_dir, again, decisions, state)
    for kind, cid, ids, value in todo:
        shown = (value.get("summary") or value.get("label") or value.get("section") or value.get("department")
                 or value.get("text")
                 or (f"{value['category']} {value.get('name', '')}".strip() if kind == "category" else "")
                 or f"past answer {value.get('answer_id')}")
        result.planned.append((kind, cid, shown))
        if not dry_run:
            result.recorded.append(append_decision(run_dir, kind, ids, _with_fingerprints(row_of, value, ids), by))
    return result
