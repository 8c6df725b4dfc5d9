"""A workbook that keeps the comments on several sheets (one per channel or per month): every
sheet with the same columns is read, as one table; a sheet with other columns or a copy of a
sheet is named, not read. QA: a workbook of three channel sheets lost two of them without a word.

The comments were written for these tests (an imagined town's library plan).
"""
from __future__ import annotations

import json
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
            "sheet's name in front (郵送-1)") in res.output  # the first id (QA41: it said FAX-1 for any workbook)
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
    assert "sheet 集計 (a count, example or working sheet by its name, 2 rows) not read: no list of comments (--sheet NAME " \
        "reads it alone)" in res.output
    assert len(read_csv_rows(out / "opinions.csv")) == 5
    # only a sheet of other columns beside the comments: said, not silent
    res = invoke("run", write_workbook(tmp_path / "d.xlsx", {"意見": CHANNEL_SHEETS["郵送"], "集計": sheets["集計"]}),
                 "--out", tmp_path / "out2", "--model", "char-hash")
    assert "sheet 集計 (a count, example or working sheet by its name, 2 rows) not read: no list of comments (--sheet NAME " \
        "reads it alone)" \
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


# A town's workbook as staff keep it: the web form's export on one sheet, the letters and faxes typed
# in on another with columns of their own, a count sheet, a working sheet of answers, and a sheet for
# publication that repeats the web form's opinions under other column names.
MIXED_SHEETS = {
    "電子申請": [["受付番号", "受付日時", "氏名", "ご意見"],
             ["E-1", "2026-01-10 10:00", "山田太郎", "図書館の開館時間を夜8時まで延長してほしい。"],
             ["E-2", "2026-01-11 11:00", "", "駅前の駐輪場を増やしてください。"]],
    "郵送・FAX": [["No.", "受付日", "提出方法", "氏名", "意見内容"],
               ["1", "1月12日", "郵送", "佐藤花子", "図書館を夜遅くまで開けてほしいです。"],
               ["2", "1月13日", "FAX", "", "公園にトイレを設置してください。"]],
    "集計": [["提出方法", "件数"], ["郵送", "1"], ["FAX", "1"]],
    "作業用": [["ご意見の概要", "市の考え方"], ["開館時間の延長", "検討します。"]],
    "公表用": [["番号", "意見"], ["1", "図書館の開館時間を夜8時まで延長してほしい。"], ["2", "駅前の駐輪場を増やしてください。"]],
}


def test_a_sheet_of_comments_with_columns_of_its_own_is_read_as_another_input(tmp_path):
    """QA: a web form's export and the typed-in letters on two sheets of one workbook, with
    different columns: the letters' sheet was named in a warning and not read, so staff had to
    save it as a file of its own."""
    path = write_workbook(tmp_path / "受付.xlsx", MIXED_SHEETS)
    out = tmp_path / "out"
    res = invoke("run", path, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert ("read 2 rows from 受付.xlsx (xlsx, sheet 郵送・FAX); columns: text = 意見内容 (guessed), id = No. (guessed), "
            "channel = 提出方法 (guessed), submitter = 氏名 (guessed)") in res.output
    assert "sheet 郵送・FAX has other columns: read on its own, as another input file is" in res.output
    # a count sheet and staff's working sheet are no comments; the sheet for publication repeats them
    assert ("sheets 集計 (a count, example or working sheet by its name, 2 rows), 作業用 (a count, example or working "
            "sheet by its name, 1 row) not read: no list of comments") in res.output
    assert "warning: sheets 集計" not in res.output  # named so: no warning
    assert "sheet 公表用 not read: its opinions are those of sheet 電子申請 in other columns" in res.output
    assert "2 sheets of 1 file read as one consultation: 受付.xlsx (sheet 電子申請) 2 rows, 受付.xlsx (sheet 郵送・FAX) 2 rows" \
        in res.output
    rows = read_csv_rows(out / "opinions.csv")
    assert [(r["comment_id"], r["channel"]) for r in rows] == [
        ("E-1", "電子申請"), ("E-2", "電子申請"), ("1", "郵送"), ("2", "FAX")]
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "提出方法別：郵送 1件、FAX 1件、電子申請 2件" in report
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert [(i["name"], i.get("sheet"), i["rows"]) for i in info["inputs"]] == [
        ("電子申請", "電子申請", [1, 2]), ("郵送・FAX", "郵送・FAX", [3, 4])]
    # a review command's re-run reads the workbook once again, not each sheet's rows twice
    res = invoke("review", "confirm", out, "C001")
    assert res.exit_code == 0, res.output
    assert len(read_csv_rows(out / "opinions.csv")) == 4


def test_sheets_of_their_own_in_two_workbooks_keep_ids_apart_and_a_late_file_keeps_them(tmp_path):
    a = write_workbook(tmp_path / "本庁.xlsx", {k: MIXED_SHEETS[k] for k in ("電子申請", "郵送・FAX")})
    b = write_workbook(tmp_path / "支所.xlsx", {"郵送・FAX": [["No.", "提出方法", "意見内容"],
                                                           ["1", "持参", "公民館の駐車場を広げてください。"]],
                                              "電子申請": [["受付番号", "ご意見", "受付日時"],
                                                       ["E-9", "バスの本数を増やしてほしい。", "1月20日"]]})
    out = tmp_path / "out"
    res = invoke("run", a, b, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    ids = [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")]
    assert len(ids) == len(set(ids)) == 6
    # the two 「郵送・FAX」 sheets share the id 1: the files' names tell them apart
    assert "本庁-郵送・FAX-1" in ids and "支所-郵送・FAX-1" in ids
    late = tmp_path / "late.csv"
    late.write_text("受付番号,ご意見\nL-1,図書館の開館時間を延長してください。\n", encoding="utf-8")
    res = invoke("run", a, b, late, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")] == ids + ["L-1"]
    rows = read_csv_rows(out / "opinions.csv")
    # a sheet without a channel column counts under its sheet's name, whichever file it is in
    assert {r["channel"] for r in rows if r["comment_id"].startswith(("E-", "本庁-電子申請", "支所-電子申請"))} == {"電子申請"}


def test_a_sheet_without_a_column_of_opinions_is_named_with_a_warning(tmp_path):
    """QA35: the line said 「its columns differ from sheet 電子申請's」 for a sheet that was no list of
    comments, beside a sheet of other columns that was read: now it says why."""
    sheets = {"電子申請": MIXED_SHEETS["電子申請"], "名簿": [["氏名", "住所"], ["山田太郎", "東町1-2"]],
              "回答案": [["No.", "ご意見の概要", "市の考え方"], ["1", "開館時間の延長", "検討します。"]]}
    res = invoke("run", write_workbook(tmp_path / "w.xlsx", sheets), "--out", tmp_path / "out", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert ("warning: sheets 名簿 (no column of opinions, 1 row), 回答案 (a count, example or working sheet by its name, "
            "1 row) not read: no list of comments (--sheet NAME reads one of them alone)") in res.output


def test_a_sheet_named_after_its_channel_is_counted_so_without_advice(tmp_path):
    """QA35: 「電子申請」 (a sheet of its own columns) was told to be named after its channel."""
    res = invoke("run", write_workbook(tmp_path / "受付.xlsx", {k: MIXED_SHEETS[k] for k in ("電子申請", "郵送・FAX")}),
                 "--out", tmp_path / "out", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert ("受付.xlsx (sheet 電子申請) has no channel column: its 2 rows count under 「電子申請」 in 提出方法別 "
            "(the sheet's name)") in res.output
    assert "name the sheet after its channel" not in res.output
