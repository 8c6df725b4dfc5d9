"""Rows with a blank 受付番号 are numbered by their place (「FAX-3」 on a workbook of sheets, the
row number on one sheet or a CSV): the run names them in one line, so staff can tell an id made
up for a row from one typed in the file. QA: a made-up 「FAX-3」 looked like a typed one.

The comments were written for these tests (an imagined town's library plan).
"""
from __future__ import annotations

from pathlib import Path


from cluster.io import assign_comment_ids
from conftest import invoke, read_csv_rows, write_csv, write_workbook

HEADER = ["受付番号", "ご意見"]
TEXTS = ["図書館の開館時間を延長してほしい。", "駅前の駐輪場を増やしてください。", "公園にトイレを設置してください。",
         "市民会館の駐車場が狭いです。", "図書館を夜まで開けてほしい。", "児童書の棚を増やしてほしい。",
         "自習室の席を増やしてください。", "返却ポストを駅にも置いてほしい。", "雑誌の種類を増やしてほしい。"]


def lines_with(output: str, text: str) -> list[str]:
    return [line for line in output.splitlines() if text in line]


def test_a_workbook_of_sheets_names_the_rows_numbered_by_their_place(tmp_path):
    sheets = {
        "郵送": [HEADER, ["郵送-1", TEXTS[0]], ["郵送-2", TEXTS[1]]],
        "FAX": [HEADER, ["FAX-1", TEXTS[2]], ["FAX-2", TEXTS[3]], ["", TEXTS[4]], ["FAX-4", TEXTS[5]],
                ["", TEXTS[6]]],
        "電子メール": [HEADER, ["", TEXTS[7]], ["電子メール-2", TEXTS[8]]],
    }
    out = tmp_path / "out"
    res = invoke("run", write_workbook(tmp_path / "w.xlsx", sheets), "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    ids = [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")]
    assert "FAX-3" in ids and "FAX-5" in ids and "電子メール-1" in ids
    found = lines_with(res.output, "without a 受付番号")
    assert found == ["3 rows without a 受付番号 are numbered by their place: FAX-3 (sheet FAX row 4), "
                     "FAX-5 (sheet FAX row 6), 電子メール-1 (sheet 電子メール row 2)"], res.output


def test_a_csv_names_the_rows_numbered_by_their_row(tmp_path):
    path = write_csv(tmp_path / "c.csv", HEADER, [["A-1", TEXTS[0]], ["", TEXTS[1]], ["A-3", TEXTS[2]],
                                                  ["", TEXTS[3]]])
    out = tmp_path / "out"
    res = invoke("run", path, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")] == ["A-1", "2", "A-3", "4"]
    assert lines_with(res.output, "without a 受付番号") == [
        "2 rows without a 受付番号 are numbered by their place: 2 (line 3 of the file), 4 (line 5 of the file)"]
    # without an id column every row is numbered by its place: nothing to tell apart, no line
    path = write_csv(tmp_path / "n.csv", ["ご意見"], [[TEXTS[0]], [TEXTS[1]]])
    res = invoke("run", path, "--out", tmp_path / "out2", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert not lines_with(res.output, "numbered by")
    assert assign_comment_ids(["", "", ""])[1] == []
    # QA30: a row whose every cell is empty is said once (no submission), not again as numbered by its place
    path = write_csv(tmp_path / "b.csv", HEADER, [["A-1", TEXTS[0]], ["", ""], ["", TEXTS[1]]])
    res = invoke("run", path, "--out", tmp_path / "out3", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert lines_with(res.output, "without a 受付番号") == [
        "1 row without a 受付番号 is numbered by its place: 3 (line 4 of the file)"]
    assert lines_with(res.output, "every cell empty")


def test_a_taken_number_and_a_placed_one_share_one_line_naming_each_row_once(tmp_path):
    sheets = {
        "1月": [HEADER, ["101", TEXTS[0]], ["2月-1", TEXTS[1]]],
        "2月": [HEADER, ["", TEXTS[2]], ["", TEXTS[3]]],
    }
    res = invoke("run", write_workbook(tmp_path / "m.xlsx", sheets), "--out", tmp_path / "out", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    found = lines_with(res.output, "without a 受付番号")
    assert len(found) == 1, res.output
    assert found[0].startswith("1 row without a 受付番号 is numbered by its place: 2月-2 (sheet 2月 row 3); ")
    assert "read as 2月-row1 (row 3 in opinions.csv (sheet 2月 row 2))" in found[0]
    assert found[0].count("2月-2") == 1 and found[0].count("2月-row1") == 1


def test_many_blank_ids_are_listed_ten_and_counted():
    ids, notes = assign_comment_ids(["A-1"] + [""] * 12, "受付番号", row_numbers=list(range(2, 15)))
    assert ids[1:] == [str(n) for n in range(2, 14)]
    assert notes == ["12 rows without a 受付番号 are numbered by their place: "
                     + ", ".join(f"{n} (row {n + 1})" for n in range(2, 12)) + " and 2 more"]
