"""Reader fixes from a QA pass (cluster.io): empty rows, ids, personal-data columns, extra
fields, repeated and spaced column names, cover sheets, dates, bracketed channel notes.
The texts are invented for these tests."""
from __future__ import annotations

import datetime

import pytest

from cluster.io import (InputError, assign_comment_ids, choose_columns, is_personal_column, normalize_channel,
                        read_table)
from cluster.pipeline import RunOptions, build_report_model, read_submissions


def _csv(path, text, encoding="utf-8"):
    path.write_text(text, encoding=encoding)
    return path


def _xlsx(path, sheets):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


# ------------------------------------------------------------------ 1. empty rows and ids

BLANK_ROW_CSV = "番号,提出日,ご意見\n1,2026/4/1,公園にベンチがほしい。\n,,\n2,2026/4/2,図書館を増やしてほしい。\n"


def test_an_all_empty_row_is_kept_but_takes_no_real_id_and_is_not_a_submission(tmp_path):
    path = _csv(tmp_path / "c.csv", BLANK_ROW_CSV)
    lines: list[str] = []
    subs, info = read_submissions(path, RunOptions(), lines.append)
    # every input row is still there (opinions.csv shows it as empty) ...
    assert [s.text for s in subs] == ["公園にベンチがほしい。", "", "図書館を増やしてほしい。"]
    # ... but the real 番号 2 stays 2: the blank row never takes it
    assert [s.comment_id for s in subs] == ["1", "row2", "2"]
    assert info["blank_rows"] == [2]
    said = [x for x in lines if "every cell empty" in x]
    assert len(said) == 1 and "row 2 in opinions.csv (line 3 of the file)" in said[0] \
        and "not counted as submissions" in said[0]
    model = build_report_model(subs, [], [], {}, {}, 0.15, RunOptions(), path, blank_rows=info["blank_rows"])
    assert (model.n_submissions, model.n_submitters, model.n_excluded) == (2, 2, 2)  # 2 without ok opinions here


def test_csv_and_excel_count_an_all_blank_row_the_same_way(tmp_path):
    # A CSV keeps every record (the blank one as an empty row in opinions.csv); a blank Excel
    # row is not a row. Either way: a line says so, no real id moves, the report counts agree.
    csv_path = _csv(tmp_path / "c.csv", "番号,ご意見\n1,公園にベンチがほしい。\n,\n2,図書館を増やしてほしい。\n")
    xlsx_path = _xlsx(tmp_path / "c.xlsx", [("意見", [("番号", "ご意見"), (1, "公園にベンチがほしい。"), (None, None),
                                                       (2, "図書館を増やしてほしい。")])])
    got = []
    for path in (csv_path, xlsx_path):
        lines: list[str] = []
        subs, info = read_submissions(path, RunOptions(), lines.append)
        # the CSV's line 3 (row 2 in opinions.csv), Excel's row 3 (not read)
        assert len([x for x in lines if ("line 3 of the file" in x or "row 3" in x) and "not " in x
                    and "submission" in x]) == 1
        model = build_report_model(subs, [], [], {}, {}, 0.15, RunOptions(), path, blank_rows=info["blank_rows"])
        got.append(([s.comment_id for s in subs if s.text], model.n_submissions, model.n_submitters))
    assert got[0] == got[1] == (["1", "2"], 2, 2)


def test_a_blank_id_never_takes_an_id_the_file_uses():
    ids, notes = assign_comment_ids(["", "1", "3", ""], "受付番号")
    assert ids == ["row1", "1", "3", "4"]
    assert len(notes) == 1 and "row1" in notes[0]
    # without an id column: the row numbers, as before
    assert assign_comment_ids(["", "", ""])[0] == ["1", "2", "3"]


def test_repeated_ids_get_one_warning_line_naming_them():
    ids, notes = assign_comment_ids(["1", "1", "2", "1~2", "2", "1"], "受付番号", row_numbers=[2, 3, 4, 5, 6, 7])
    assert ids == ["1", "1~3", "2", "1~2", "2~2", "1~4"]  # never an id the file itself uses (1~2)
    assert len(ids) == len(set(ids))
    warnings = [n for n in notes if n.startswith("warning:")]
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert "1 (rows 2, 3, 7)" in warnings[0] and "2 (rows 4, 6)" in warnings[0]


# ------------------------------------------------------------------ 2. personal-data columns


def test_a_phone_number_column_is_never_guessed_as_the_id(tmp_path):
    path = _csv(tmp_path / "c.csv", "氏名,電話番号,郵便番号,ご意見\n山川,090-0000-1111,100-0001,公園にベンチがほしい。\n")
    chosen = choose_columns(read_table(path))
    assert chosen["id"] is None and chosen["text"] == "ご意見" and chosen["submitter"] == "氏名"
    path = _csv(tmp_path / "d.csv", "ＦＡＸ番号,〒番号,受付番号,ご意見\n03-0000-0000,100,A-1,駐輪場を増やしてほしい。\n")
    assert choose_columns(read_table(path))["id"] == "受付番号"
    # named on purpose it is still taken
    assert choose_columns(read_table(path), id="ＦＡＸ番号")["id"] == "ＦＡＸ番号"


@pytest.mark.parametrize("name", ["電話番号", "TEL", "携帯番号", "FAX番号", "ファクス番号", "郵便番号", "〒",
                                  "住所", "メールアドレス", "E-mail", "マイナンバー", "個人番号", "生年月日", "氏名",
                                  "名前"])
def test_personal_column_names(name):
    assert is_personal_column(name)


@pytest.mark.parametrize("name", ["受付番号", "番号", "No.", "ID", "意見番号", "提出方法", "ご意見"])
def test_id_column_names_are_not_personal(name):
    assert not is_personal_column(name)


# ------------------------------------------------------------------ 3. extra fields


def test_extra_fields_are_joined_back_into_a_last_text_column_with_a_warning(tmp_path):
    path = _csv(tmp_path / "c.csv", "番号,ご意見\n1,公園に、ベンチが,ほしい。\n2,図書館を増やしてほしい。\n3,あ,い,う\n")
    lines: list[str] = []
    subs, _ = read_submissions(path, RunOptions(), lines.append)
    assert [s.text for s in subs] == ["公園に、ベンチが,ほしい。", "図書館を増やしてほしい。", "あ,い,う"]
    said = [x for x in lines if "more fields than the header" in x]
    assert len(said) == 1 and "rows 1, 3 in opinions.csv (lines 2, 4 of the file)" in said[0] \
        and "joined back" in said[0]
    assert all(dict(s.extra) == {} for s in subs)


def test_extra_fields_after_a_middle_text_column_are_kept_with_a_warning(tmp_path):
    path = _csv(tmp_path / "c.csv", "番号,ご意見,提出方法\n1,公園に、ベンチが,ほしい。,郵送\n2,図書館がほしい。,持参\n")
    table = read_table(path)
    chosen = choose_columns(table)
    assert chosen["text"] == "ご意見"
    assert table.rows[0]["_extra"] == "郵送"
    said = [x for x in table.read_notes(chosen["text"]) if "beyond the header" in x]
    assert len(said) == 1 and "row 1 in opinions.csv (line 2 of the file)" in said[0]


# ------------------------------------------------------------------ 4. repeated column names


def test_a_repeated_column_name_is_readable_and_warned_about(tmp_path):
    path = _csv(tmp_path / "c.tsv", "番号\tご意見\tご意見\t提出方法\n1\t公園にベンチがほしい。\t図書館もほしい。\t郵送\n")
    table = read_table(path)
    assert table.columns == ["番号", "ご意見", "ご意見.1", "提出方法"]
    said = [x for x in table.read_notes("ご意見") if "used twice" in x]
    assert len(said) == 1 and "ご意見.1" in said[0] and "--text-column" in said[0]
    assert table.rows[0][choose_columns(table, text="ご意見.1")["text"]] == "図書館もほしい。"


# ------------------------------------------------------------------ 5. spaces and line breaks in names


def test_header_line_breaks_are_one_line_and_the_full_text_wins_over_the_summary(tmp_path):
    path = _csv(tmp_path / "c.csv", 'No,"ご意見\n（要旨）","ご意見\n（全文）"\n1,ベンチ,公園にベンチがほしい。\n')
    table = read_table(path)
    assert table.columns == ["No", "ご意見（要旨）", "ご意見（全文）"]
    assert choose_columns(table)["text"] == "ご意見（全文）"
    assert choose_columns(table, text="ご意見（要旨）")["text"] == "ご意見（要旨）"
    assert choose_columns(table, text="ご意見\n（要旨）")["text"] == "ご意見（要旨）"
    with pytest.raises(InputError) as exc:
        choose_columns(table, text="ご意見\n（原文）")
    assert "\n" not in str(exc.value)


def test_spaced_column_names_are_guessed_and_matched(tmp_path):
    path = _csv(tmp_path / "c.csv", "受付　番号,ご　意　見\n1,公園にベンチがほしい。\n")
    table = read_table(path)
    chosen = choose_columns(table)
    assert (chosen["text"], chosen["id"]) == ("ご意見", "受付番号")
    assert choose_columns(table, text="ご意見")["text"] == "ご意見"
    assert choose_columns(table, text="ご　意　見", id="受付 番号")["id"] == "受付番号"


# ------------------------------------------------------------------ 6. a cover sheet


def test_a_cover_sheet_is_skipped_with_a_note(tmp_path):
    path = _xlsx(tmp_path / "c.xlsx", [("表紙", [("さくら市公園計画（案）",), ("令和8年4月",)]),
                                       ("意見", [("No.", "ご意見"), (1, "公園にベンチがほしい。"), (2, "芝生を広げて。")])])
    table = read_table(path)
    assert table.sheet == "意見" and len(table) == 2
    assert any("表紙" in n and "skipped" in n for n in table.notes)
    # named, the cover is read: and the error then says which sheet and which others
    with pytest.raises(InputError) as exc:
        choose_columns(read_table(path, sheet="表紙"))
    assert "'表紙'" in str(exc.value) and "意見" in str(exc.value) and "--sheet" in str(exc.value)


def test_cannot_guess_in_an_other_sheet_names_the_sheets(tmp_path):
    # no sheet has a column of opinions (a first sheet without one is passed over for one that has it: QA83)
    path = _xlsx(tmp_path / "c.xlsx", [("集計", [("区分", "件数"), ("郵送", 3), ("持参", 1)]),
                                       ("メモ", [("日付", "件数"), ("1/10", 3)])])
    with pytest.raises(InputError) as exc:
        choose_columns(read_table(path))
    msg = str(exc.value)
    assert "read sheet '集計'" in msg and "other sheets: メモ" in msg and "--sheet NAME" in msg and "\n" not in msg


def test_a_first_sheet_without_a_column_of_opinions_is_passed_over(tmp_path):
    path = _xlsx(tmp_path / "c.xlsx", [("集計", [("区分", "件数"), ("郵送", 3), ("持参", 1)]),
                                       ("意見", [("No.", "ご意見"), (1, "公園にベンチがほしい。")])])
    table = read_table(path)
    assert table.sheet == "意見" and choose_columns(table)["text"] == "ご意見"


# ------------------------------------------------------------------ 7. dates


def test_an_excel_date_reads_as_a_date(tmp_path):
    path = _xlsx(tmp_path / "c.xlsx", [("意見", [("受付番号", "受付日時", "ご意見"),
                                                 (datetime.datetime(2026, 4, 1), datetime.datetime(2026, 4, 1, 9, 30),
                                                  "公園にベンチがほしい。")])])
    row = read_table(path).rows[0]
    assert row["受付番号"] == "2026-04-01"
    assert row["受付日時"] == "2026-04-01T09:30:00"  # a time of day is kept


# ------------------------------------------------------------------ 8. channel notes


@pytest.mark.parametrize("value,expected", [("持参（窓口）", "持参"), ("FAX(夜間)", "FAX"), ("郵送【はがき】", "郵送"),
                                            ("電子メール （添付あり）", "電子メール"), ("電話（代表）", "電話(代表)"),
                                            ("持参", "持参")])
def test_a_standard_channel_with_a_bracketed_note_is_that_channel(value, expected):
    assert normalize_channel(value) == expected
