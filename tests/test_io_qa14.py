"""Reader fixes from the QA14 pass (cluster.io): text under a merged header cell, the line an
unclosed quote opened on, broken JSON lines named whole, row numbers in the extra-field warning,
unused columns named. The texts are invented for these tests."""
from __future__ import annotations

import pytest

from cluster.io import InputError, choose_columns, read_table
from cluster.pipeline import RunOptions, read_submissions
from conftest import write_sheet




def _one_line(exc) -> str:
    text = str(exc.value)
    assert "\n" not in text and "Traceback" not in text
    return text


# ------------------------------------------------------------------ 1. merged header cells


def test_text_under_a_header_merged_over_two_columns_is_read_as_one_text(tmp_path):
    path = write_sheet(tmp_path / "m.xlsx", [
        ["受付番号", "ご意見", None, "添付ファイル"],
        [1, "第2章に賛成です。", "ただし第3章の期限は延ばしてください。", "資料.pdf"],
        [2, "第4章の図が見にくいです。", None, None],
        [3, None, "緑地の目標値を上げてほしい。", None],
    ], merges=["B1:C1"])
    lines: list[str] = []
    subs, _ = read_submissions(path, RunOptions(), lines.append)
    assert [s.text for s in subs] == ["第2章に賛成です。\nただし第3章の期限は延ばしてください。",
                                      "第4章の図が見にくいです。", "緑地の目標値を上げてほしい。"]
    said = [x for x in lines if "merged header" in x]
    assert len(said) == 1 and "ご意見" in said[0] and "B–C" in said[0], lines
    # the attachment column is still its own column, not the text
    table = read_table(path)
    assert table.columns == ["受付番号", "ご意見", "添付ファイル"]
    assert table.rows[0]["添付ファイル"] == "資料.pdf"


def test_text_under_a_merged_last_header_cell_is_read_not_left_as_extra(tmp_path):
    path = write_sheet(tmp_path / "m.xlsx", [
        ["受付番号", "ご意見", None, None],
        [1, "第2章に賛成です。", "ただし第3章の期限は延ばしてください。", "以上です。"],
        [2, "反対です。", None, None],
    ], merges=["B1:D1"])
    lines: list[str] = []
    subs, _ = read_submissions(path, RunOptions(), lines.append)
    assert subs[0].text == "第2章に賛成です。\nただし第3章の期限は延ばしてください。\n以上です。"
    assert subs[1].text == "反対です。"
    assert all(dict(s.extra) == {} for s in subs)
    assert not any("beyond the header" in x for x in lines), lines
    assert any("ご意見 spans columns B–D (merged header)" in x for x in lines), lines


def test_another_column_under_a_merged_header_is_joined_with_a_space(tmp_path):
    path = write_sheet(tmp_path / "m.xlsx", [
        ["番号", "氏名", None, "ご意見"],
        [1, "山田", "花子", "公園を増やしてほしい。"],
    ], merges=["B1:C1"])
    table = read_table(path)
    chosen = choose_columns(table)
    assert table.columns == ["番号", "氏名", "ご意見"]
    assert table.rows[0]["氏名"] == "山田 花子" and chosen["submitter"] == "氏名"
    assert any("氏名 spans columns B–C" in n for n in table.read_notes(chosen["text"]))


def test_a_merged_title_above_the_header_is_not_a_merged_header(tmp_path):
    path = write_sheet(tmp_path / "m.xlsx", [
        ["○○計画（案）に対する意見一覧", None, None],
        ["受付番号", "ご意見", "提出方法"],
        [1, "賛成です。", "郵送"],
    ], merges=["A1:C1"])
    table = read_table(path)
    assert table.columns == ["受付番号", "ご意見", "提出方法"]
    assert not any("merged header" in n for n in table.read_notes("ご意見"))


# ------------------------------------------------------------------ 2. the line an unclosed quote opened on


def test_an_unclosed_quote_names_the_line_it_opened_on(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('受付番号,ご意見\n1,"賛成です。\n2,反対です。\n3,特になし\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    text = _one_line(info)
    assert "line 2" in text and "受付番号 1" in text and "never closed" in text, text
    assert "line 4" not in text


def test_an_unclosed_quote_closed_by_a_later_rows_quote_names_its_own_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("受付番号,提出方法,ご意見\n"
                    "101,郵送,\"説明会を開いてほしい。\"\n"
                    "102,郵送,\"説明会を各地で開催してほしい。\n"
                    "103,FAX,補助率を上げてください。\n"
                    "104,郵送,\"対象の範囲が不明確です。\"\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    text = _one_line(info)
    assert "line 3" in text and "受付番号 102" in text, text
    assert "line 5" in text  # where the cell would have ended


def test_a_stray_quote_inside_a_quoted_cell_names_its_line(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text('番号\tご意見\n1\t意見です。\n2\t"用語"ＧＸ"の定義を"\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    text = _one_line(info)
    assert "line 3" in text and "番号 2" in text and '""' in text, text


# ------------------------------------------------------------------ 3. broken JSON lines


def test_a_broken_json_line_is_named_whole(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "A1", "意見": "賛成です。"}\n{"id": "A2", "意見": "反対で\n{"id": "A3", "意見": "特になし"}\n',
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    text = _one_line(info)
    assert "line 2" in text and "column 20" in text and "fix or remove that line" in text, text
    assert not text.rstrip().endswith(" at")


def test_a_broken_json_array_names_line_and_column(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('[\n{"id": 1, "意見": "賛成"},\n{"id": 2 "意見": "反対"}\n]\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    text = _one_line(info)
    assert "line 3" in text and "column" in text, text


# ------------------------------------------------------------------ 4. row numbers in the extra-field warning


def test_extra_field_warning_uses_the_row_numbers_of_opinions_csv(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("番号,ご意見\n1,公園に、ベンチが,ほしい。\n2,\"図書館を\n増やしてほしい。\"\n3,あ,い\n",
                    encoding="utf-8")
    lines: list[str] = []
    subs, _ = read_submissions(path, RunOptions(), lines.append)
    said = [x for x in lines if "more fields than the header" in x]
    # opinions.csv row_number 1 and 3; the file's lines 2 and 5 (a cell spans lines 3-4)
    assert len(said) == 1 and "rows 1, 3 in opinions.csv" in said[0] and "lines 2, 5 of the file" in said[0], said
    assert [s.row_number for s in subs] == [1, 2, 3]


# ------------------------------------------------------------------ 5. columns the run does not use


def test_unused_columns_are_named_once(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("受付番号,ご意見,添付ファイル,受付日\n1,賛成です。,資料.pdf,2026-04-01\n", encoding="utf-8")
    lines: list[str] = []
    read_submissions(path, RunOptions(), lines.append)
    said = [x for x in lines if "not used" in x]
    assert len(said) == 1 and "添付ファイル" in said[0] and "受付日" in said[0], lines


def test_a_repeated_id_is_named_by_opinions_csv_row_number_and_the_excel_row(tmp_path):
    # QA: the repeated-id warning gave Excel rows while other warnings gave opinions.csv's row_number
    path = write_sheet(tmp_path / "r.xlsx", [
        ["令和8年度 計画（案）に対する意見一覧"], [],
        ["受付番号", "ご意見"],
        [101, "駐輪場を増やしてください。"], [102, "バスの本数を増やしてほしい。"], [101, "公園にベンチがほしい。"],
    ])
    lines: list[str] = []
    subs, _ = read_submissions(path, RunOptions(), lines.append)
    # (apart in the file: not one submission typed over several rows, test_rows_of_one_submission.py)
    assert [s.comment_id for s in subs] == ["101", "102", "101~2"]
    warning = next(x for x in lines if x.startswith("warning:") and "101" in x)
    assert "101 (rows 1, 3 in opinions.csv (Excel rows 4, 6))" in warning
