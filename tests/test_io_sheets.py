"""A workbook that keeps the comments on several sheets (one per channel or per month): every
sheet with the same columns is read, as one table; a sheet with other columns or a copy of a
sheet is named, not read. QA: a workbook of three channel sheets lost two of them without a word.

The comments were written for these tests (an imagined town's library plan).
"""
from __future__ import annotations

from pathlib import Path

import openpyxl

from cluster.io import read_table
from conftest import invoke, read_csv_rows, write_workbook

HEADER = ["受付番号", "ご意見"]


CHANNEL_SHEETS = {
    "郵送": [HEADER, ["1", "図書館の開館時間を延長してほしい。"], ["2", "駅前の駐輪場を増やしてください。"]],
    "ＦＡＸ": [HEADER, ["1", "図書館を夜まで開けてほしい。"], ["2", "公園にトイレを設置してください。"]],
    "電子メール": [HEADER, ["1", "駅前の駐輪場が足りません。"]],
}


def test_channel_sheets_are_one_table_with_the_sheet_as_channel(tmp_path):
    path = write_workbook(tmp_path / "comments.xlsx", CHANNEL_SHEETS)
    out = tmp_path / "out"
    res = invoke("run", path, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "(xlsx, sheets 郵送, ＦＡＸ, 電子メール, read as one table)" in res.output
    assert "channel = 提出方法（シート名） (guessed)" in res.output
    assert ("3 sheets with the same columns read as one table (郵送 2, ＦＡＸ 2, 電子メール 1 rows); each sheet's "
            "name is read as the channel (提出方法（シート名）); 受付番号 repeats across sheets, so each id has its "
            "sheet's name in front (FAX-1)") in res.output
    rows = read_csv_rows(out / "opinions.csv")
    assert [r["comment_id"] for r in rows] == ["郵送-1", "郵送-2", "ＦＡＸ-1", "ＦＡＸ-2", "電子メール-1"]
    assert "提出方法別：郵送 2件、FAX 2件、電子メール 1件" in (out / "report.md").read_text(encoding="utf-8")


def test_month_sheets_numbered_through_keep_their_ids_and_name_the_sheet(tmp_path):
    path = write_workbook(tmp_path / "m.xlsx", {
        "1月": [HEADER, ["101", "図書館の開館時間を延長してほしい。"]],
        "2月": [HEADER, ["102", "駅前の駐輪場を増やしてください。"], ["102", "公園にトイレを設置してください。"]],
    })
    table = read_table(path)
    assert table.sheets == ["1月", "2月"] and len(table) == 3
    assert [r["シート"] for r in table.rows] == ["1月", "2月", "2月"]
    assert [r["受付番号"] for r in table.rows] == ["101", "102", "102"]  # repeats within a sheet: not prefixed
    assert table.where([1, 2]) == "rows 2, 3 in opinions.csv (sheet 2月 row 2, sheet 2月 row 3)"
    assert any("column シート names each row's sheet" in n for n in table.notes)


def test_a_sheet_with_other_columns_or_a_copy_is_named_not_read(tmp_path):
    sheets = dict(CHANNEL_SHEETS)
    sheets["集計"] = [["提出方法", "件数"], ["郵送", "2"], ["FAX", "2"]]
    sheets["郵送（控え）"] = CHANNEL_SHEETS["郵送"]
    out = tmp_path / "out"
    res = invoke("run", write_workbook(tmp_path / "c.xlsx", sheets), "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "sheet 郵送（控え） not read: every row of it is in sheet 郵送, which is read (--sheet NAME reads one alone)" \
        in res.output
    assert "sheet 集計 not read: other columns (--sheet NAME reads one of them alone)" in res.output
    assert len(read_csv_rows(out / "opinions.csv")) == 5
    # only a sheet of other columns beside the comments: said, not silent
    res = invoke("run", write_workbook(tmp_path / "d.xlsx", {"意見": CHANNEL_SHEETS["郵送"], "集計": sheets["集計"]}),
                 "--out", tmp_path / "out2", "--model", "char-hash")
    assert "sheet 集計 not read: its columns differ from sheet 意見's (--sheet NAME reads one of them instead)" \
        in res.output


def test_a_named_sheet_is_read_alone(tmp_path):
    path = write_workbook(tmp_path / "comments.xlsx", CHANNEL_SHEETS)
    out = tmp_path / "out"
    res = invoke("run", path, "--out", out, "--model", "char-hash", "--sheet", "ＦＡＸ")
    assert res.exit_code == 0, res.output
    assert [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")] == ["1", "2"]


def test_a_copy_sheet_first_never_hides_the_rows_only_the_real_sheet_has(tmp_path):
    """QA: with the 控え sheet first, the real sheet (one late letter more) was dropped as a
    repeat and the late letter was in no output."""
    late = CHANNEL_SHEETS["郵送"] + [["3", "公園に水飲み場を増やしてください。"]]
    table = read_table(write_workbook(tmp_path / "a.xlsx", {"郵送（控え）": CHANNEL_SHEETS["郵送"], "郵送": late,
                                                      "ＦＡＸ": CHANNEL_SHEETS["ＦＡＸ"]}))
    assert table.sheets == ["郵送", "ＦＡＸ"] and len(table) == 5
    assert any("水飲み場" in r["ご意見"] for r in table.rows)
    assert any("sheet 郵送（控え） not read: every row of it is in sheet 郵送, which is read" in n for n in table.notes)
    # the same rows on both: the sheet not named as a copy is read, whatever the order
    table = read_table(write_workbook(tmp_path / "b.xlsx", {"郵送（控え）": CHANNEL_SHEETS["郵送"],
                                                      "郵送": CHANNEL_SHEETS["郵送"]}))
    assert table.sheet == "郵送" and len(table) == 2
    # each has rows the other lacks: neither is dropped quietly
    other = [HEADER, CHANNEL_SHEETS["郵送"][1], ["9", "噴水を直してください。"]]
    table = read_table(write_workbook(tmp_path / "c.xlsx", {"郵送": CHANNEL_SHEETS["郵送"], "郵送２": other}))
    assert any(n.startswith("warning: sheet 郵送２ not read: it shares 1 row with sheet 郵送 but each has rows the "
                            "other lacks") for n in table.notes)


def test_a_blank_id_names_its_sheet_and_its_row_on_that_sheet(tmp_path):
    """A row without an id got its row number in the joined table (the 2nd row of sheet ＦＡＸ
    became 「4」, a number no sheet shows there); staff look a comment up on its own sheet."""
    sheets = {
        "郵送": [HEADER, ["1", "図書館の開館時間を延長してほしい。"], ["", "駅前の駐輪場を増やしてください。"]],
        "ＦＡＸ": [HEADER, ["1", "図書館を夜まで開けてほしい。"], ["", "公園にトイレを設置してください。"],
                 ["3", "市民会館の駐車場が狭いです。"]],
    }
    out = tmp_path / "out"
    res = invoke("run", write_workbook(tmp_path / "c.xlsx", sheets), "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")] == [
        "郵送-1", "郵送-2", "ＦＡＸ-1", "ＦＡＸ-2", "ＦＡＸ-3"]


def test_a_blank_id_on_a_sheet_keeps_ids_unique_and_the_warning_names_the_sheet_row(tmp_path):
    """Month sheets numbered through (ids not prefixed): a blank id is still numbered on its
    sheet; when that id is taken, it becomes 「2月-row1」 and the warning says where the row is."""
    sheets = {
        "1月": [HEADER, ["101", "図書館の開館時間を延長してほしい。"], ["2月-1", "駅前の駐輪場を増やしてください。"]],
        "2月": [HEADER, ["", "公園にトイレを設置してください。"], ["", "図書館を夜まで開けてほしい。"]],
    }
    out = tmp_path / "out"
    res = invoke("run", write_workbook(tmp_path / "m.xlsx", sheets), "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")] == ["101", "2月-1", "2月-row1", "2月-2"]
    assert ("1 row without a 受付番号 read as 2月-row1 (row 3 in opinions.csv (sheet 2月 row 2)): its row number on "
            "its sheet is another row's 受付番号") in res.output


def test_sheets_without_an_id_column_are_numbered_on_each_sheet(tmp_path):
    sheets = {"郵送": [["ご意見"], ["図書館の開館時間を延長してほしい。"], ["駅前の駐輪場を増やしてください。"]],
              "電子メール": [["ご意見"], ["公園にトイレを設置してください。"]]}
    out = tmp_path / "out"
    res = invoke("run", write_workbook(tmp_path / "n.xlsx", sheets), "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")] == ["郵送-1", "郵送-2", "電子メール-1"]


def test_one_sheet_and_csv_number_a_blank_id_by_its_row_as_before(tmp_path):
    rows = [HEADER, ["1", "図書館の開館時間を延長してほしい。"], ["", "駅前の駐輪場を増やしてください。"],
            ["", "公園にトイレを設置してください。"]]
    out = tmp_path / "out"
    res = invoke("run", write_workbook(tmp_path / "one.xlsx", {"郵送": rows}), "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")] == ["1", "2", "3"]
    csv_path = tmp_path / "one.csv"
    csv_path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    res = invoke("run", csv_path, "--out", tmp_path / "out2", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert [r["comment_id"] for r in read_csv_rows(tmp_path / "out2" / "opinions.csv")] == ["1", "2", "3"]


def test_the_workbook_is_loaded_once_for_all_its_sheets(tmp_path, monkeypatch):
    """openpyxl reads the whole file on each load: once per sheet made a big workbook slow."""
    path = write_workbook(tmp_path / "comments.xlsx", CHANNEL_SHEETS)
    loads = []
    real = openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: loads.append(1) or real(*a, **k))
    table = read_table(path)
    assert table.sheets == ["郵送", "ＦＡＸ", "電子メール"] and len(table) == 5
    assert len(loads) == 1
