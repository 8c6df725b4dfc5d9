"""The ``department`` decision: the coordinating office assigns each row to the department that
writes its answer (担当課).

Recorded with `cluster review department`, applied on every run like a label or a 該当箇所 (it
names the row's opinions and follows them through re-runs and merges), shown by `review list` /
`review show`, withdrawn by `review undo`, and read from a changed 担当課 cell of worksheet.xlsx.
worksheet.xlsx, clusters.csv and report.csv show it; the published report.xlsx/.md/.html do not.
The comments below were written for these tests (an imagined town's roads, parks and library).
"""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from conftest import cluster_of, invoke, read_csv_rows, run_folder

HEADER = ["番号", "ご意見"]
ROWS = [
    ["S1", "通学路の歩道を広げてほしい。朝は子どもが車道にはみ出して危ない。"],
    ["S2", "通学路の歩道が狭く、子どもが車道を歩いていて危ないので広げてください。"],
    ["S3", "中央公園のトイレが古いので建て替えてほしい。"],
    ["S4", "中央公園のトイレを新しく建て替えてください。古くて使いにくい。"],
    ["S5", "図書館の開館時間を夜九時まで延長してほしい。"],
    ["S6", "仕事帰りに使えるよう、図書館の開館時間を夜まで延長してください。"],
]
ROADS = "道路課"
PARKS = "公園緑地課"
MAIN_SHEET = "回答作成"


@pytest.fixture
def project(tmp_path):
    out, run, of = run_folder(tmp_path, HEADER, ROWS)
    # the grouping this small input gets, checked once so the tests can rely on it
    assert of["S1-1"] == of["S2-1"] != of["S3-1"] == of["S4-1"] != of["S5-1"] == of["S6-1"]
    return {"out": out, "run": run, "of": of}


def departments(out: Path) -> dict[str, str]:
    """clusters.csv's department column, by cluster id."""
    return {r["cluster_id"]: r["department"] for r in read_csv_rows(out / "clusters.csv")}


def worksheet_rows(path: Path):
    """(workbook, main sheet, {column name: number}, {cluster id: row number}) of a worksheet.xlsx."""
    wb = openpyxl.load_workbook(path)
    ws = wb[MAIN_SHEET]
    header = next(row for row in ws.iter_rows() if "cluster_id" in [c.value for c in row])
    cols = {c.value: c.column for c in header}
    rows = {ws.cell(r, cols["cluster_id"]).value: r for r in range(header[0].row + 1, ws.max_row + 1)
            if ws.cell(r, cols["cluster_id"]).value}
    return wb, ws, cols, rows


def last_decision(out: Path) -> dict:
    return json.loads((out / "decisions.jsonl").read_text(encoding="utf-8").splitlines()[-1])


def test_a_department_is_recorded_and_shown_where_staff_work_never_in_the_published_report(project):
    out, of = project["out"], project["of"]
    roads = of["S1-1"]
    res = invoke("review", "department", out, roads, f"  {ROADS} ", "--by", "企画課")
    assert res.exit_code == 0, res.output
    assert "recorded department" in res.output and f"担当課 「{ROADS}」" in res.output
    assert "the published report does not show it" in res.output
    line = last_decision(out)
    assert line["kind"] == "department" and line["value"]["department"] == ROADS and line["by"] == "企画課"
    assert set(line["opinion_ids"]) == {"S1-1", "S2-1"}
    project["run"]()
    # clusters.csv: a column of its own, added at the end (the earlier columns keep their places)
    header = list(read_csv_rows(out / "clusters.csv")[0])
    assert header[-1] == "department" and header[-4:-1] == ["section", "report_no", "report_section"]
    assert departments(out) == {c: (ROADS if c == roads else "") for c in departments(out)}
    # report.csv, the working table: 担当課 at the end; the published formats never show it
    report = read_csv_rows(out / "report.csv")
    assert list(report[0])[-1] == "担当課"
    assert [r["担当課"] for r in report if ROADS in r["担当課"]] and \
        all(r["担当課"] in ("", ROADS) for r in report)
    for name in ("report.md", "report.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert ROADS not in text and "担当課" not in text, name
    cells = [c.value for row in openpyxl.load_workbook(out / "report.xlsx").active.iter_rows() for c in row]
    assert not any(isinstance(v, str) and (ROADS in v or "担当課" in v) for v in cells)


def test_the_worksheet_has_an_editable_department_column_prefilled_with_the_decision(project):
    out, of = project["out"], project["of"]
    assert invoke("review", "department", out, of["S3-1"], PARKS).exit_code == 0
    project["run"]()
    wb, ws, cols, rows = worksheet_rows(out / "worksheet.xlsx")
    assert "担当課" in cols and "回答案の担当課" in cols  # the assignment, and the past answer's as a suggestion
    assert ws.cell(rows[of["S3-1"]], cols["担当課"]).value == PARKS
    assert ws.cell(rows[of["S1-1"]], cols["担当課"]).value in (None, "")
    # shaded as the other fill-in columns are
    shaded = ws.cell(rows[of["S1-1"]], cols["考え方"]).fill.fgColor.rgb
    assert ws.cell(rows[of["S1-1"]], cols["担当課"]).fill.fgColor.rgb == shaded
    assert ws.cell(rows[of["S1-1"]], cols["回答案の担当課"]).fill.fgColor.rgb != shaded
    # the filter covers it, so the coordinator can filter the rows by department
    assert ws.auto_filter.ref.split(":")[1].rstrip("0123456789") >= openpyxl.utils.get_column_letter(cols["担当課"])
    assert "担当課" in ws.cell(2, 1).value  # the instruction line names it


def test_a_changed_department_cell_is_imported_and_the_returned_copy_records_nothing_more(project, tmp_path):
    out, of = project["out"], project["of"]
    library = of["S5-1"]
    wb, ws, cols, rows = worksheet_rows(out / "worksheet.xlsx")
    ws.cell(rows[library], cols["担当課"]).value = "中央図書館"
    ws.cell(rows[of["S1-1"]], cols["担当課"]).value = f" {ROADS}\n"  # one line, as the command records it
    edited = tmp_path / "coordinator.xlsx"
    wb.save(edited)
    res = invoke("review", "import", out, edited, "--by", "企画課")
    assert res.exit_code == 0, res.output
    assert "2 departments (担当課)" in res.output
    recorded = [json.loads(line) for line in (out / "decisions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(d["kind"], d["value"]["department"], d["value"]["cluster"]) for d in recorded} == \
        {("department", "中央図書館", library), ("department", ROADS, of["S1-1"])}
    project["run"]()
    assert departments(out)[library] == "中央図書館" and departments(out)[of["S1-1"]] == ROADS
    # a department sends back its copy of the new worksheet, the 担当課 untouched: nothing new
    again = invoke("review", "import", out, out / "worksheet.xlsx")
    assert again.exit_code == 0 and "recorded nothing" in again.output
    # an emptied 担当課 cell records nothing and says so
    wb, ws, cols, rows = worksheet_rows(out / "worksheet.xlsx")
    ws.cell(rows[library], cols["担当課"]).value = None
    emptied = tmp_path / "emptied.xlsx"
    wb.save(emptied)
    res = invoke("review", "import", out, emptied)
    assert res.exit_code == 0 and "担当課 was emptied; nothing recorded" in res.output
    assert len((out / "decisions.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_a_department_survives_reruns_and_follows_its_opinions_into_a_merge(project):
    out, of = project["out"], project["of"]
    assert invoke("review", "department", out, of["S1-1"], ROADS).exit_code == 0
    project["run"]()
    project["run"]()  # a second run: still there
    assert departments(out)[cluster_of(out)["S1-1"]] == ROADS
    now = cluster_of(out)
    res = invoke("review", "merge", out, now["S3-1"], now["S1-1"])
    assert res.exit_code == 0, res.output
    assert f"担当課 「{ROADS}」 now stand" in res.output  # the merged row keeps it: said before the run
    project["run"]()
    merged = cluster_of(out)
    assert merged["S1-1"] == merged["S3-1"]
    assert departments(out)[merged["S1-1"]] == ROADS
    assert sorted(departments(out).values()) == ["", ROADS]


def test_a_merge_of_rows_of_two_departments_names_the_one_kept(project):
    out, of = project["out"], project["of"]
    assert invoke("review", "department", out, of["S1-1"], ROADS).exit_code == 0
    assert invoke("review", "department", out, of["S3-1"], PARKS).exit_code == 0
    res = invoke("review", "merge", out, of["S1-1"], of["S3-1"])
    assert res.exit_code == 0, res.output
    note = next(line for line in res.output.splitlines() if "differ; the merged row keeps" in line)
    assert f"(担当課 「{ROADS}」)" in note and f"(担当課 「{PARKS}」)" in note
    assert "`cluster review department " in note
    kept = PARKS if f"keeps {of['S3-1']}'s" in note else ROADS
    project["run"]()
    assert departments(out)[cluster_of(out)["S1-1"]] == kept


def test_list_show_and_undo(project):
    out, of = project["out"], project["of"]
    cid = of["S5-1"]
    short = "c" + str(int(cid[1:]))
    res = invoke("review", "department", out, short, "中央図書館")
    assert res.exit_code == 0, res.output
    listed = invoke("review", "list", out)
    assert "department" in listed.output and "中央図書館" in listed.output
    shown = invoke("review", "show", out, cid)
    assert "担当課: (none); decision 1, recorded since the run, makes it 「中央図書館」" in shown.output
    project["run"]()
    shown = invoke("review", "show", out, cid)
    assert "担当課: 中央図書館" in shown.output.splitlines()
    undone = invoke("review", "undo", out)
    assert undone.exit_code == 0, undone.output
    assert "(department of" in undone.output and "中央図書館" in undone.output
    project["run"]()
    assert set(departments(out).values()) == {""}
    wb, ws, cols, rows = worksheet_rows(out / "worksheet.xlsx")
    assert ws.cell(rows[cid], cols["担当課"]).value in (None, "")


def test_an_empty_department_is_refused_with_one_line(project):
    out, of = project["out"], project["of"]
    res = invoke("review", "department", out, of["S1-1"], "  ")
    assert res.exit_code != 0
    assert [line for line in res.output.splitlines() if line.strip()] == ["error: the department is empty"]
    assert "department" not in (out / "decisions.jsonl").read_text(encoding="utf-8")


def test_the_command_speaks_japanese(project):
    out, of = project["out"], project["of"]
    res = invoke("review", "department", out, of["S1-1"], ROADS, "--lang", "ja")
    assert res.exit_code == 0, res.output
    assert f"担当課を記録しました：{of['S1-1']}" in res.output and "「道路課」" in res.output
    res = invoke("review", "department", out, of["S1-1"], " ", "--lang", "ja")
    assert "エラー：担当課が空です。入力してください" in res.output


def test_the_same_department_twice_is_refused_so_one_undo_takes_it_back(project):
    # a button pressed twice: two decisions, and one undo left the other in force
    out, of = project["out"], project["of"]
    cid = of["S3-1"]
    assert invoke("review", "department", out, cid, PARKS).exit_code == 0
    again = invoke("review", "department", out, cid, f" {PARKS} ")
    assert again.exit_code == 2
    assert f"{cid} already has this department 「{PARKS}」" in again.output and "(decision 1)" in again.output
    ja = invoke("review", "department", out, cid, PARKS, "--lang", "ja")
    assert f"{cid} にはすでに同じ担当課 「{PARKS}」 が記録されています（判断1" in ja.output
    assert ja.output.rstrip().endswith("記録しませんでした")
    assert len((out / "decisions.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    assert invoke("review", "undo", out).exit_code == 0
    project["run"]()
    assert departments(out)[cid] == ""
    # another department, and then the first one again after it, are recorded
    assert invoke("review", "department", out, cid, ROADS).exit_code == 0
    assert invoke("review", "department", out, cid, PARKS).exit_code == 0
    project["run"]()
    assert departments(out)[cid] == PARKS
