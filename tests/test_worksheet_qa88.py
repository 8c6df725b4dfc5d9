"""QA88: an answer that only points to another row (「同上」「No.3と同じ」) is refused, in a worksheet and on
the command line: published, it would read so under a row whose neighbour may answer another question, and
rows are numbered anew when opinions come late."""
from __future__ import annotations

import pytest

from cluster.messages_ja import is_known
from cluster.review import refers_to_another_row
from cluster.worksheet import ANSWER
from conftest import cluster_of, invoke
from test_worksheet import edit, first_run, project  # noqa: F401 - fixtures
from test_worksheet_qa45 import _import, _refused


@pytest.mark.parametrize("typed", ["同上", "No.3と同じ", "上記と同じです。", "〃", "3番と同様", "No.5を参照してください"])
def test_a_worksheet_answer_pointing_to_another_row_is_refused(project, typed):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    filled = edit(out / "worksheet.xlsx", tmp / "ref.xlsx", {of["S4-1"]: {ANSWER: typed}})
    said = _refused(out, filled, f"「{typed}」 only points to another row", "copy the answer itself")
    assert is_known(said.strip())


def test_every_cell_pointing_elsewhere_is_named_at_once(project):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    filled = edit(out / "worksheet.xlsx", tmp / "refs.xlsx", {of["S4-1"]: {ANSWER: "同上"}, of["S1-1"]: {ANSWER: "No.2と同じ"}})
    said = _refused(out, filled, "「同上」", "「No.2と同じ」", "into each cell")
    assert of["S4-1"] in said and of["S1-1"] in said


def test_an_answer_that_mentions_the_same_words_is_imported(project):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    filled = edit(out / "worksheet.xlsx", tmp / "ok.xlsx", {of["S4-1"]: {ANSWER: "同上の理由により、バス停は移設しません。"}})
    res = _import(out, filled)
    assert res.exit_code == 0 and "recorded 1 answer" in res.output, res.output


def test_review_answer_refuses_a_pointer_to_another_row(project):
    out = project["out"]
    row = cluster_of(out)["S4-1"]
    before = (out / "decisions.jsonl").read_bytes() if (out / "decisions.jsonl").exists() else b""
    res = invoke("review", "answer", out, row, "--text", "同上")
    assert res.exit_code != 0 and "only points to another row" in res.output
    after = (out / "decisions.jsonl").read_bytes() if (out / "decisions.jsonl").exists() else b""
    assert after == before


def test_what_counts_as_a_pointer():
    assert refers_to_another_row("No.3と同じです。") and refers_to_another_row("上に同じ")
    assert not refers_to_another_row("ご意見のとおり、No.3の施策と同じく修正します。")
    assert not refers_to_another_row("同上の理由により、計画に反映します。")


def test_every_kind_of_cell_to_fix_is_named_in_one_import(project):
    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    filled = edit(out / "worksheet.xlsx", tmp / "two.xlsx", {of["S4-1"]: {ANSWER: "同上"}, of["S1-1"]: {ANSWER: "4"}})
    before = (out / "decisions.jsonl").read_bytes()
    res = _import(out, filled)
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert len(lines) == 2 and "only points to another row" in lines[0] and "holds only 「4」" in lines[1], lines
    assert all(is_known(line) for line in lines)
    assert (out / "decisions.jsonl").read_bytes() == before


def test_a_column_staff_added_is_named_not_dropped_in_silence(project):
    import openpyxl

    from cluster.worksheet import MAIN_SHEET
    from test_worksheet import main_rows

    out, tmp = project["out"], project["dir"]
    of = cluster_of(out)
    wb, columns, rows = main_rows(out / "worksheet.xlsx")
    ws = wb[MAIN_SHEET]
    col = ws.max_column + 1
    header_row = min(rows.values()) - 1
    ws.cell(header_row, col, "メモ")
    ws.cell(rows[of["S4-1"]], col, "課長に確認すること")
    ws.cell(rows[of["S4-1"]], columns[ANSWER], "令和8年度に移設します。")
    wb.save(tmp / "memo.xlsx")
    res = _import(out, tmp / "memo.xlsx")
    assert res.exit_code == 0 and "recorded 1 answer" in res.output, res.output
    line = next(x for x in res.output.splitlines() if "メモ" in x)
    assert "column メモ is not one of the worksheet's (1 cell written in it)" in line and is_known(line)
    assert openpyxl  # (the file was written with it)
