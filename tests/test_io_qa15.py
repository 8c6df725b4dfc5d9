"""Reader fixes from the QA15 pass (cluster.io): two-row headers, sheets without a header row,
total and note rows under the data, English channel names, Excel's _xHHHH_ escapes. The texts
are invented for these tests."""
from __future__ import annotations

import pytest

from cluster.io import InputError, choose_columns, normalize_channel, read_table
from cluster.pipeline import RunOptions, read_submissions
from conftest import write_sheet




def _read(path, **kw):
    lines: list[str] = []
    subs, info = read_submissions(path, RunOptions(**kw), lines.append)
    return subs, info, lines


# ------------------------------------------------------------------ 1. two-row headers

_TWO_ROWS = [
    ["受付番号", "氏名", "ご意見", None, "提出方法"],
    [None, None, "要旨", "全文", None],
    [1, "川口春子", "駐輪場", "駅前の駐輪場が足りません。屋根付きで増やしてください。", "郵送"],
    [2, "森田夏男", "公園", "西公園の遊具が古く危険です。更新をお願いします。", "持参"],
    [3, "秋山冬美", "反対", "計画案の財源が示されていないので反対します。", "FAX"],
]


@pytest.mark.parametrize("merges", [(), ("C1:D1", "A1:A2", "B1:B2", "E1:E2")], ids=["blank", "merged"])
def test_a_second_header_row_of_sub_headings_is_part_of_the_header(tmp_path, merges):
    path = write_sheet(tmp_path / "two.xlsx", _TWO_ROWS, merges)
    table = read_table(path)
    assert table.columns == ["受付番号", "氏名", "ご意見（要旨）", "ご意見（全文）", "提出方法"]
    assert len(table.rows) == 3 and table.row_numbers == [3, 4, 5]
    assert "rows 1-2" in table.describe()
    cols = choose_columns(table)
    assert cols["text"] == "ご意見（全文）" and cols["id"] == "受付番号"
    assert table.rows[0]["ご意見（全文）"].startswith("駅前の駐輪場")
    assert table.rows[0]["ご意見（要旨）"] == "駐輪場"
    # no merged-header join over columns that have sub-headings of their own
    assert not any("merged header" in n for n in table.read_notes(cols["text"]))
    subs, _info, lines = _read(path)
    assert [s.text[:4] for s in subs] == ["駅前の駐", "西公園の", "計画案の"]
    assert "ご意見（要旨）" in " ".join(lines)  # named as not used


def test_a_sub_heading_names_its_column_for_the_options(tmp_path):
    path = write_sheet(tmp_path / "two.xlsx", _TWO_ROWS, ("C1:D1",))
    for given in ("全文", "ご意見 全文", "ご意見（全文）"):
        subs, _info, _lines = _read(path, text_column=given)
        assert subs[1].text.startswith("西公園"), given
    subs, _info, _lines = _read(path, text_column="要旨")
    assert [s.text for s in subs] == ["駐輪場", "公園", "反対"]


def test_a_two_row_header_in_a_csv(tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("受付番号,ご意見,,提出方法\n,要旨,全文,\n1,バス,路線バスを増やしてください。,郵送\n"
                    "2,除雪,除雪を強化してください。,FAX\n", encoding="utf-8")
    table = read_table(path)
    assert table.columns == ["受付番号", "ご意見（要旨）", "ご意見（全文）", "提出方法"]
    assert choose_columns(table)["text"] == "ご意見（全文）" and len(table.rows) == 2


def test_a_first_data_row_of_short_words_is_not_a_sub_heading_row(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("受付番号,ご意見,提出方法\n1,バス,郵送\n2,除雪,FAX\n", encoding="utf-8")
    table = read_table(path)
    assert table.columns == ["受付番号", "ご意見", "提出方法"] and len(table.rows) == 2
    # a merged header over a long letter typed on (no sub-headings) is still joined
    path = write_sheet(tmp_path / "m.xlsx", [["受付番号", "ご意見", None], [1, "第2章に賛成です。", "続きです。"]], ("B1:C1",))
    table = read_table(path)
    assert table.columns == ["受付番号", "ご意見"] and "続きです" in table.rows[0]["ご意見"]


# ------------------------------------------------------------------ 2. no header row


def test_a_sheet_without_a_header_row_is_read_as_data(tmp_path):
    path = write_sheet(tmp_path / "blocks.xlsx", [
        ["【意見1】第2章について"], ["通学路の歩道が狭く危険です。"], [None],
        ["【意見2】第3章 公共交通"], ["乗合タクシーを当日予約にしてほしい。"],
    ])
    table = read_table(path)
    assert table.columns == ["column1"]
    assert [r["column1"] for r in table.rows][0] == "【意見1】第2章について"
    assert table.row_numbers[0] == 1
    subs, _info, lines = _read(path)
    assert subs[0].text == "【意見1】第2章について" and len(subs) == 4
    assert sum("no header row" in x for x in lines) == 1


def test_header_row_0_means_no_header(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("受付番号,ご意見\n1,バスを増やしてください。\n", encoding="utf-8")
    table = read_table(path, header_row=0)
    assert table.columns == ["column1", "column2"] and len(table.rows) == 2
    assert table.rows[0]["column1"] == "受付番号"


def test_a_short_label_first_row_is_still_a_header(tmp_path):
    path = write_sheet(tmp_path / "one.xlsx", [["市民の声"], ["通学路の歩道が狭く危険です。"]])
    table = read_table(path)
    assert table.columns == ["市民の声"] and len(table.rows) == 1
    # a form's question as the column name is a header, not an opinion
    path = tmp_path / "form.csv"
    path.write_text("送信時刻,計画案について、ご意見をお聞かせください。\n2026/4/1,通学路の歩道を広げてほしい。\n",
                    encoding="utf-8")
    table = read_table(path)
    assert not table.headerless and len(table.rows) == 1


# ------------------------------------------------------------------ 3. total and note rows


def test_total_and_note_rows_under_the_data_are_not_submissions(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("受付番号,提出方法,ご意見\n1,FAX,教育の情報を広報誌に載せてほしい。\n2,郵送,防災の予算を増やしてほしい。\n"
                    '合計,,"1,000件"\n※個人情報は削除しています。,,\n', encoding="utf-8")
    table = read_table(path)
    assert len(table.rows) == 2
    assert table.footer_rows == [(4, "合計 1,000件"), (5, "※個人情報は削除しています。")]
    text = table.describe()
    assert "合計 1,000件" in text and "※個人情報" in text and "not submissions" in text
    path = write_sheet(tmp_path / "f.xlsx", [["受付番号", "提出方法", "ご意見"], [1, "郵送", "バスを増やしてください。"],
                                       ["合計 1件", None, None], [None, None, "※個人情報は削除しています。"]])
    table = read_table(path)
    assert len(table.rows) == 1 and [n for n, _ in table.footer_rows] == [3, 4]


def test_a_note_like_opinion_among_the_data_is_kept(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("受付番号,ご意見\n1,※第2章について意見します。\n2,注意喚起の看板を増やしてほしい。\n", encoding="utf-8")
    table = read_table(path)
    assert len(table.rows) == 2 and not table.footer_rows


# ------------------------------------------------------------------ 4. English channel names


def test_english_channel_names_are_folded():
    got = [normalize_channel(v) for v in ["Post", "Walk-in", "In person", "Web", "Online", "Website",
                                          "Online form", "ウェブ", "電子申請"]]
    assert got == ["郵送", "持参", "持参", "電子申請", "電子申請", "電子申請", "電子申請", "電子申請", "電子申請"]


def test_an_unknown_channel_name_is_said(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("ID,Channel,Comment\nA1,Post,バスを増やして。\nA2,Pigeon,公園を広げて。\nA3,Web,図書館を夜まで。\n",
                    encoding="utf-8")
    _subs, _info, lines = _read(path)
    said = [x for x in lines if "Pigeon" in x]
    assert len(said) == 1 and "Post" not in said[0]


# ------------------------------------------------------------------ 5. Excel escapes


def test_excel_escapes_in_cells_are_decoded(tmp_path):
    path = write_sheet(tmp_path / "x.xlsx", [["受付番号", "ご意見"], [1, "統合に反対します。_x000D_\n白紙に戻してください。"],
                                       [2, "記号_x005F_x000D_はそのまま"]])
    table = read_table(path)
    assert table.rows[0]["ご意見"] == "統合に反対します。\n白紙に戻してください。"
    assert table.rows[1]["ご意見"] == "記号_x000D_はそのまま"


def test_rows_that_are_no_submission_are_accounted_for_in_run_json(tmp_path):
    import json

    from conftest import invoke

    path = tmp_path / "f.csv"
    path.write_text("さくら市計画（案）に対する意見一覧\n受付番号,ご意見\n1,図書館の開館時間を延長してほしい。\n"
                    "2,駅前に駐輪場を増やしてほしい。\n合計,2件\n", encoding="utf-8")
    res = invoke("run", path, "--out", tmp_path / "out", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    info = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))["input"]
    assert info["title_rows"] == ["さくら市計画（案）に対する意見一覧"] and info["footer_rows"] == ["合計 2件"]
