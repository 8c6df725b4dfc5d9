"""Worksheet imports of edits Excel users make (QA45): renamed columns and sheets, columns the
import does not read, merged cells, a past answer's number typed as the answer, cells Excel
turned into dates, full-width digits, and a corrected copy imported after a wrong one. Each was
silently dropped, published as typed, or refused with the wrong words.
"""
from __future__ import annotations

import datetime
import re

import openpyxl
import pytest
from click.testing import CliRunner

from cluster.cli import main
from cluster.messages_ja import is_known, translate
from cluster.worksheet import ANSWER, HIDDEN_SHEET, MAIN_SHEET, SUMMARY
from conftest import cluster_of, invoke
from test_worksheet import decision_lines, edit, first_run, main_rows, project  # noqa: F401 - fixtures


def _import(out, path, *extra):
    res = CliRunner().invoke(main, ["review", "import", str(out), str(path), *extra])
    assert "Traceback" not in res.output, res.output
    return res


def _refused(out, path, *parts):
    before = (out / "decisions.jsonl").read_bytes()
    res = _import(out, path)
    assert res.exit_code == 2, res.output
    assert len(res.output.strip().splitlines()) == 1, res.output
    for part in parts:
        assert part in res.output, res.output
    assert (out / "decisions.jsonl").read_bytes() == before
    return res.output


@pytest.mark.parametrize("column, renamed", [("担当課", "担当課名"), ("対応区分", "対応区分（A～E）"),
                                             ("ラベル", "ラベル（見出し）"), ("該当箇所", "該当箇所（章・節）")])
def test_a_renamed_editable_column_is_refused_not_dropped(project, column, renamed):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    wb, columns, rows = main_rows(out / "worksheet.xlsx")
    ws = wb[MAIN_SHEET]
    ws.cell(rows[of["S4-1"]], columns[column], "B" if column == "対応区分" else "バス停の位置")
    ws.cell(rows[of["S1-1"]], columns[ANSWER], "営業時間の延長を検討します。")
    ws.cell(min(rows.values()) - 1, columns[column], renamed)
    wb.save(tmp / "renamed.xlsx")
    _refused(out, tmp / "renamed.xlsx", f"{column} (now 「{renamed}」) renamed", f"put the name {column} back")


def test_a_deleted_editable_column_is_named(project):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    wb, columns, rows = main_rows(out / "worksheet.xlsx")
    ws = wb[MAIN_SHEET]
    ws.cell(rows[of["S4-1"]], columns[ANSWER], "バス停を移します。")
    ws.delete_cols(columns["担当課"])
    wb.save(tmp / "deleted.xlsx")
    res = _import(out, tmp / "deleted.xlsx")
    assert res.exit_code == 0 and "recorded 1 answer" in res.output, res.output
    assert "column 担当課 is no longer in sheet 「回答作成」 (deleted?): nothing is read for it" in res.output


def test_edits_in_columns_the_import_does_not_read_are_named(project):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    wb, columns, rows = main_rows(out / "worksheet.xlsx")
    ws = wb[MAIN_SHEET]
    pool, bus, park = rows[of["S1-1"]], rows[of["S4-1"]], rows[of["S7-1"]]
    candidate = ws.cell(pool, columns["回答案（未確認）"]).value
    assert candidate and ws.cell(bus, columns["回答の状態"]).value != "確定"
    ws.cell(pool, columns["回答案（未確認）"], candidate.replace("検討してまいります", "令和9年度に延長します"))
    ws.cell(bus, columns["回答の状態"], "確定")
    ws.cell(park, columns["回答案の番号"], "Ｋ１")  # a past answer chosen by its number, full-width
    wb.save(tmp / "unread.xlsx")
    res = _import(out, tmp / "unread.xlsx")
    assert res.exit_code == 0 and "recorded nothing" in res.output, res.output
    lines = res.output.splitlines()
    (cand,) = [x for x in lines if x.startswith("回答案（未確認） was changed")]
    assert f"row {pool} ({of['S1-1']})" in cand and "does not read this column" in cand and "copy it into 考え方" in cand
    (status,) = [x for x in lines if x.startswith("回答の状態 was changed")]
    assert f"row {bus} ({of['S4-1']}) 「確定」" in status and f"cluster review answer {out} {of['S4-1']} --answer-id" in status
    (number,) = [x for x in lines if x.startswith("回答案の番号 was changed")]
    assert f"row {park} ({of['S7-1']}) 「K1」" in number and f"{of['S7-1']} --answer-id K1`" in number
    # the rows named are not counted among the unchanged ones
    assert f"({len(rows) - 3} rows unchanged" in res.output, res.output
    # the same cells as the worksheet showed them: nothing named
    res = _import(out, out / "worksheet.xlsx")
    assert "was changed" not in res.output, res.output


def test_a_cell_merged_over_rows_is_refused_naming_the_rows(project):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    wb, columns, rows = main_rows(out / "worksheet.xlsx")
    ws = wb[MAIN_SHEET]
    top = min(rows.values())
    ids = {r: c for c, r in rows.items()}
    ws.cell(top, columns[ANSWER], "二つの行に共通の回答です。")
    ws.merge_cells(start_row=top, start_column=columns[ANSWER], end_row=top + 1, end_column=columns[ANSWER])
    wb.save(tmp / "merged.xlsx")
    _refused(out, tmp / "merged.xlsx", f"考え方 cells of row {top} ({ids[top]}), row {top + 1} ({ids[top + 1]}) are "
             "merged into one", "unmerge them and fill each row")
    # merged across columns in one row: read as before (the top-left cell)
    wb, columns, rows = main_rows(out / "worksheet.xlsx")
    ws = wb[MAIN_SHEET]
    ws.cell(rows[of["S4-1"]], columns[SUMMARY], "バス停の移設を求める意見")
    ws.merge_cells(start_row=rows[of["S4-1"]], start_column=columns[SUMMARY], end_row=rows[of["S4-1"]],
                   end_column=columns[ANSWER])
    wb.save(tmp / "across.xlsx")
    res = _import(out, tmp / "across.xlsx")
    assert res.exit_code == 0 and "recorded 1 summary" in res.output, res.output


@pytest.mark.parametrize("typed, number", [("4", "4"), ("２", "2"), ("回答案No.7", "7"), ("No.3", "3"), ("K2", "K2")])
def test_a_bare_number_typed_as_the_answer_is_refused(project, typed, number):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    filled = edit(out / "worksheet.xlsx", tmp / "number.xlsx", {of["S4-1"]: {ANSWER: typed}})
    _refused(out, filled, f"column 考え方 holds only 「{typed}」: did you mean past answer {number}?",
             f"`cluster review answer {out} {of['S4-1']} --answer-id {number}`")


def test_an_answer_with_a_number_in_it_is_imported(project):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    filled = edit(out / "worksheet.xlsx", tmp / "text.xlsx", {of["S4-1"]: {ANSWER: "令和8年度に2か所移設します。"}})
    res = _import(out, filled)
    assert res.exit_code == 0 and "recorded 1 answer" in res.output, res.output


@pytest.mark.parametrize("column", ["該当箇所", ANSWER])
def test_a_cell_excel_turned_into_a_date_is_refused(project, column):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    filled = edit(out / "worksheet.xlsx", tmp / "date.xlsx", {of["S4-1"]: {column: datetime.datetime(2026, 3, 1)}})
    _, _, rows = main_rows(filled)
    _refused(out, filled, f"row {rows[of['S4-1']]} ({of['S4-1']}), column {column}: Excel changed what was typed "
             "into a date (2026-03-01)", "leading apostrophe")


def test_a_full_width_number_is_the_same_number(project):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    wb, columns, rows = main_rows(out / "worksheet.xlsx")
    ws = wb[MAIN_SHEET]
    no = ws.cell(rows[of["S4-1"]], columns["No."]).value
    ws.cell(rows[of["S4-1"]], columns["No."], str(no).translate(str.maketrans("0123456789", "０１２３４５６７８９")))
    ws.cell(rows[of["S4-1"]], columns[ANSWER], "バス停を移します。")
    wb.save(tmp / "fw.xlsx")
    res = _import(out, tmp / "fw.xlsx")
    assert res.exit_code == 0 and "recorded 1 answer" in res.output, res.output


def test_a_renamed_main_sheet_is_read_and_named(project):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    filled = edit(out / "worksheet.xlsx", tmp / "filled.xlsx", {of["S4-1"]: {ANSWER: "バス停を移します。"}})
    wb = openpyxl.load_workbook(filled)
    wb[MAIN_SHEET].title = "回答作成（道路課）"
    wb.save(tmp / "renamed.xlsx")
    res = _import(out, tmp / "renamed.xlsx")
    assert res.exit_code == 0 and "recorded 1 answer" in res.output, res.output
    assert "read sheet 「回答作成（道路課）」 as the worksheet's 回答作成" in res.output
    # two sheets with its header: which one? refused, naming them
    wb.copy_worksheet(wb["回答作成（道路課）"]).title = "回答作成（写し）"
    wb.save(tmp / "two.xlsx")
    _refused(out, tmp / "two.xlsx", "sheet '回答作成' is missing and 2 sheets have its header row",
             "回答作成（道路課）, 回答作成（写し）")
    # the hidden sheet deleted: said so
    wb = openpyxl.load_workbook(filled)
    del wb[HIDDEN_SHEET]
    wb.save(tmp / "nohidden.xlsx")
    _refused(out, tmp / "nohidden.xlsx", "its hidden sheet _import, which remembers what each row showed, is missing")


def test_a_corrected_copy_names_the_wrong_answer_its_earlier_copy_left(project):
    """v1 pastes one row's candidate into the wrong row and is imported; v2, the same worksheet put
    right, leaves that row blank as shown: the wrong answer is still in force, and said to be."""
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    wb, columns, rows = main_rows(out / "worksheet.xlsx")
    candidate = wb[MAIN_SHEET].cell(rows[of["S1-1"]], columns["回答案（未確認）"]).value
    wrong, right = of["S7-1"], of["S1-1"]
    v1 = edit(out / "worksheet.xlsx", tmp / "v1.xlsx", {wrong: {ANSWER: candidate}, of["S4-1"]: {ANSWER: "バス停を移します。"}})
    v2 = edit(out / "worksheet.xlsx", tmp / "v2.xlsx", {right: {ANSWER: candidate}, of["S4-1"]: {ANSWER: "バス停を移します。"}})
    assert _import(out, v1).exit_code == 0
    n = next(i for i, d in enumerate(decision_lines(out), 1) if d["value"].get("cluster") == wrong)
    res = _import(out, v2)
    assert res.exit_code == 0 and "recorded 1 answer" in res.output, res.output
    (line,) = [x for x in res.output.splitlines() if "is as the worksheet showed it" in x]
    assert line.startswith(f"row {rows[wrong]} ({wrong}): 考え方 is as the worksheet showed it (blank), but a decision "
                           f"imported from v1.xlsx since then gives it 「")
    assert line.endswith(f"(decision {n}); to take it back `cluster review undo {out} --decision {n}`")
    # another department's copy (sharing no change with v1) says nothing of v1's rows
    other = edit(out / "worksheet.xlsx", tmp / "other.xlsx", {of["S10-1"]: {ANSWER: "使用料は据え置きます。"}})
    assert "is as the worksheet showed it" not in _import(out, other).output


LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
TOKENS = re.compile(r"`[^`]+`|「[^」]*」|[\w./-]*\.xlsx|[A-Z]+\d+:[A-Z]+\d+|\b[A-Z]\d+\b|\d+")


@pytest.mark.parametrize("line", [
    "row 7 (C003): 考え方 is the candidate shown for row 6 (C002) (past answer 1), not one of C003's own: it is taken as "
    "C003's answer; if it was meant for the other row, put it there (`cluster review undo out --import ws.xlsx` takes "
    "an import back)",
    "error: ws.xlsx: row 9 (C005) holds the ご意見の概要 shown for row 8 (C004), whose ご意見の概要 cell was emptied: "
    "was it cut and pasted into the wrong row? Nothing recorded: put it back in row 8 (C004) (to use it for C005 too, "
    "keep it in both rows), or start again from the run's worksheet.xlsx",
    "error: ws.xlsx: 2 cells hold what the worksheet showed for another row: row 5 (C001) holds the 考え方 shown for "
    "row 6 (C002), row 6 (C002) holds the 考え方 shown for row 5 (C001); was a column sorted or pasted apart from its "
    "rows? Nothing recorded: sort whole rows (or undo the paste), or start again from the run's worksheet.xlsx",
    "error: ws.xlsx, row 6 (cluster C002): column No. was 2 when the worksheet was written and is now 20; was it typed "
    "over by mistake? No. is not imported: put 2 back (or start again from the run's worksheet.xlsx)",
    "error: ws.xlsx, row 5 (C001), column 対応区分: 「反映」 is only in D：案に反映しなかったもの, which says the "
    "opposite; write the code; nothing recorded; one of: A：案を修正したもの; D：案に反映しなかったもの",
    "would record answer for C002: past answer 1",
    "error: ws.xlsx: sheet '回答作成': columns ラベル (now 「ラベル（見出し）」), 担当課 (now 「担当課名」) renamed: the "
    "import reads a column by its name, so what was typed under it would be lost; nothing recorded: put the names "
    "ラベル, 担当課 back in the header row",
    "column 担当課 is no longer in sheet 「回答作成」 (deleted?): nothing is read for it",
    "read sheet 「回答作成（道路課）」 as the worksheet's 回答作成 (the only sheet with its header row; was it renamed?)",
    "error: ws.xlsx: not a worksheet written by `cluster run` (its hidden sheet _import, which remembers what each row "
    "showed, is missing); start again from the worksheet.xlsx in the run folder",
    "error: ws.xlsx: sheet '回答作成' is missing and no other sheet has its header row (cluster_id, ご意見の概要, 考え方); "
    "use the worksheet.xlsx from the run folder",
    "error: ws.xlsx: sheet '回答作成' is missing and 2 sheets have its header row (回答作成（道路課）, 回答作成（写し）); "
    "keep one of them and name it 回答作成",
    "error: ws.xlsx: 考え方 cells of row 14 (C010), row 15 (C011) are merged into one (G14:G15): the import reads such "
    "a cell for the top row only; nothing recorded: unmerge them and fill each row (copy the text into every row it "
    "answers)",
    "error: ws.xlsx, row 9 (C004), column 該当箇所: Excel changed what was typed into a date (2026-03-01); nothing "
    "recorded: type it as text (with a leading apostrophe, '3-1, or as 3－1)",
    "error: ws.xlsx, row 5 (C001), column 考え方 holds only 「4」: did you mean past answer 4? It would be published as "
    "the answer; nothing recorded: paste that answer's text into 考え方, or `cluster review answer out C001 "
    "--answer-id 4`",
    "error: ws.xlsx: 2 cells of column 考え方 hold only a number: row 5 (C001) 「4」, row 11 (C007) 「２」: did you mean "
    "past answers by number? They would be published as the answers; nothing recorded: paste each answer's text into "
    "考え方, or `cluster review answer out C001 --answer-id 4` (one row at a time)",
    "回答案（未確認） was changed in row 6 (C002): the import does not read this column, nothing recorded for it; to use "
    "the edited text, copy it into 考え方",
    "回答の状態 was changed in row 7 (C003) 「確定」: the import does not read this column, nothing recorded for it; a "
    "row is confirmed by its 考え方: copy the candidate into 考え方, or `cluster review answer out C003 --answer-id 2`",
    "回答案の番号 was changed in row 5 (C001) 「4」, row 8 (C004) 「3」: the import does not read this column, nothing "
    "recorded for it; to answer with a past answer, `cluster review answer out C001 --answer-id 4` (or paste its text "
    "into 考え方)",
    "row 7 (C003): 考え方 is as the worksheet showed it (blank), but a decision imported from v1.xlsx since then gives "
    "it 「ご意見ありがとうございます。」 (decision 1); to take it back `cluster review undo out --decision 1`",
    "v1.xlsx was written in run folder R5, not R6: its cells land on the same opinions here (found by id and text); "
    "if it belongs to R5, import it there (`cluster review undo R6 --import v1.xlsx` takes an import back)",
])
def test_worksheet_import_lines_are_japanese(line):
    ja = translate(line)
    assert is_known(line) and ja != line, ja
    body = ja.split("：", 1)[-1] if ja.startswith(("エラー：", "注：")) else ja
    names = r"(?<![A-Za-z])(?:cluster_id|_import|worksheet|xlsx|No|Excel)(?![A-Za-z])"  # (names, kept)
    assert not LATIN_WORD.search(re.sub(names, "", TOKENS.sub("", body))), ja
    missing = [t for t in TOKENS.findall(line) if t not in ja]
    assert not missing, (missing, ja)


ANSWERS = {  # written by staff for the four rows of the fixture (pool, bus stop, lawn, tennis fee)
    "S1-1": "市民プールの営業時間の延長は、利用状況を見ながら検討してまいります。",
    "S4-1": "運動公園のバス停の移設について、バス事業者と協議します。",
    "S7-1": "芝生広場は残す方向で計画を見直します。",
    "S10-1": "テニスコートの使用料は、利用者の負担に配慮して改定額を見直します。",
}


@pytest.mark.parametrize("shift", [0, 1])
def test_answers_sorted_apart_from_their_rows_are_named(project, shift):
    # QA45: the 考え方 column sorted on its own (Excel's 「現在選択されている範囲を並べ替える」) put every
    # new answer on another row; the worksheet had shown none of them, so nothing could tell
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    wb, columns, rows = main_rows(out / "worksheet.xlsx")
    ws = wb[MAIN_SHEET]
    order = sorted(ANSWERS, key=lambda o: rows[of[o]])
    for k, opinion in enumerate(order):
        ws.cell(rows[of[order[(k + shift) % len(order)]]], columns[ANSWER], ANSWERS[opinion])
    wb.save(tmp / "sorted.xlsx")
    res = _import(out, tmp / "sorted.xlsx")
    assert res.exit_code == 0, res.output
    named = [line for line in res.output.splitlines() if "read like the opinions of other rows" in line]
    if shift:
        assert len(named) == 1 and "4 of 4 rows" in named[0] and "--import sorted.xlsx" in named[0], res.output
        ja = translate(named[0])
        assert "並べ替え" in ja and is_known(named[0]), ja
    else:
        assert not named, res.output


def test_a_file_imported_again_after_another_replaced_one_of_its_answers_says_so(project):
    # QA45: A, then B (replacing A's bus-stop answer), then A again: 「recorded nothing … 2 changes recorded
    # before」, and staff A believed their answer stood
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    for name, answers in (("ws_A.xlsx", {"S1-1": "プールの営業時間を延長します。", "S4-1": "A課：バス停を移します。"}),
                          ("ws_B.xlsx", {"S7-1": "芝生広場を残します。", "S4-1": "B課：バス停は今の位置とします。"})):
        wb, columns, rows = main_rows(out / "worksheet.xlsx")
        for opinion, text in answers.items():
            wb[MAIN_SHEET].cell(rows[of[opinion]], columns[ANSWER], text)
        wb.save(tmp / name)
    assert _import(out, tmp / "ws_A.xlsx").exit_code == 0
    assert _import(out, tmp / "ws_B.xlsx").exit_code == 0
    again = _import(out, tmp / "ws_A.xlsx")
    assert again.exit_code == 0, again.output
    lines = [line for line in again.output.splitlines() if "was imported before, but" in line]
    assert len(lines) == 1 and f"({of['S4-1']})" in lines[0], again.output
    assert "「A課：バス停を移します。」" in lines[0] and "「B課：バス停は今の位置とします。」" in lines[0]
    assert "from ws_B.xlsx" in lines[0]
    assert is_known(lines[0]) and "取り込み" in translate(lines[0])
    # the unchanged one (pool) is not named; importing B again names nothing
    assert not [line for line in _import(out, tmp / "ws_B.xlsx").output.splitlines() if "was imported before, but" in line]


def test_a_csv_renamed_xlsx_is_refused_in_words_not_an_exception_name(project):
    out, tmp = project["out"], project["dir"]
    fake = tmp / "worksheet_csv.xlsx"
    fake.write_text("No.,考え方\n1,駐輪場を増やします。\n", encoding="utf-8")
    line = _refused(out, fake, "cannot be read as an Excel file", "renamed .xlsx?", "Excel ブック (*.xlsx)")
    assert "BadZipFile" not in line
    assert "ファイル名を .xlsx に変えたもの" in translate(line.strip().removeprefix("error: "))


def test_two_departments_choosing_the_same_category_are_not_copies_of_each_other(project):
    """QA58: two departments' copies of one worksheet, each answering its own rows, both set one shared
    row's 対応区分 to the same code. That code is no sign that the second file is a corrected copy of the
    first: the first file's answers, left blank in the second, are not offered for undo."""
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    shared = of["S7-1"]
    dept_a = edit(out / "worksheet.xlsx", tmp / "deptA.xlsx",
                  {of["S4-1"]: {ANSWER: "バス停を移します。"}, shared: {"対応区分": "C"}})
    dept_b = edit(out / "worksheet.xlsx", tmp / "deptB.xlsx",
                  {of["S10-1"]: {ANSWER: "使用料は据え置きます。"}, shared: {"対応区分": "C"}})
    assert _import(out, dept_a).exit_code == 0
    res = _import(out, dept_b)
    assert res.exit_code == 0 and "recorded 1 answer" in res.output, res.output
    assert "is as the worksheet showed it" not in res.output, res.output
