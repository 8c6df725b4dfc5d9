"""Readers and writers (cluster.io): formats, encodings, damaged input, column guessing, CSV safety."""
from __future__ import annotations

import csv
import json
import random
import re

import pytest

from cluster.io import (ID_COLUMN_CANDIDATES, TEXT_COLUMN_CANDIDATES, InputError, escape_cell, guess_column,
                        read_table, write_csv)

HEADER = ["受付番号", "ご意見"]
ROWS = [
    ["1", "公園のトイレを洋式に改修してください。"],
    ["2", "図書館の開館時間を夜まで延長してほしい。"],
    ["3", "駅前の駐輪場が足りません。"],
]
# Characters that exist in CP932 but are easy to break (0x5C second bytes: ソ 表 能).
CP932_ROWS = [["1", "ソフトボール場の表示を見直す能力が必要です。"], ["2", "～①　㈱の表記"]]


def _write(path, header, rows, encoding="utf-8", delimiter=","):
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows([header, *rows])
    return path


def _texts(table, col="ご意見"):
    return [r[col] for r in table.rows]


# ------------------------------------------------------------------ formats and encodings


@pytest.mark.parametrize("encoding,expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig")])
def test_csv_utf8_with_and_without_bom(tmp_path, encoding, expected):
    table = read_table(_write(tmp_path / "c.csv", HEADER, ROWS, encoding))
    assert table.columns == HEADER  # the BOM is not glued to the first column name
    assert table.encoding == expected
    assert table.format == "csv"
    assert _texts(table) == [r[1] for r in ROWS]


def test_csv_cp932(tmp_path):
    table = read_table(_write(tmp_path / "c.csv", HEADER, CP932_ROWS, "cp932"))
    assert table.encoding == "cp932"
    assert table.columns == HEADER
    assert _texts(table) == [r[1] for r in CP932_ROWS]


def test_explicit_encoding_overrides_detection(tmp_path):
    path = _write(tmp_path / "c.csv", HEADER, CP932_ROWS, "cp932")
    assert _texts(read_table(path, encoding="cp932")) == [r[1] for r in CP932_ROWS]
    with pytest.raises(InputError):
        read_table(path, encoding="utf-8")


def test_tsv(tmp_path):
    rows = [["1", "カンマ, を含む意見です。"], ["2", "二つ目の意見。"]]
    table = read_table(_write(tmp_path / "c.tsv", HEADER, rows, delimiter="\t"))
    assert table.format == "tsv"
    assert _texts(table) == [r[1] for r in rows]


def test_tab_separated_file_with_csv_name(tmp_path):
    rows = [["1", "カンマ, を含む意見です。"]]
    table = read_table(_write(tmp_path / "c.csv", HEADER, rows, delimiter="\t"))
    assert table.columns == HEADER
    assert _texts(table) == ["カンマ, を含む意見です。"]


def test_xlsx(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["番号", "ご意見", "受付日"])
    ws.append([1, "公園のトイレを改修してください。\n洋式にしてほしい。", "2026-10-01"])
    ws.append([2, "図書館の蔵書を増やしてほしい。", None])
    ws.append([3.0, None, None])  # a row with no opinion is still a row
    wb.save(tmp_path / "c.xlsx")
    table = read_table(tmp_path / "c.xlsx")
    assert table.format == "xlsx"
    assert table.columns == ["番号", "ご意見", "受付日"]
    assert [r["番号"] for r in table.rows] == ["1", "2", "3"]  # 1.0 -> "1", not "1.0"
    assert _texts(table) == ["公園のトイレを改修してください。\n洋式にしてほしい。", "図書館の蔵書を増やしてほしい。", ""]


def test_xlsx_formula_cells_without_saved_results_keep_their_text(tmp_path):
    """A comment that starts with 「=」 written by a script is stored as a formula with no saved
    result; it must come out as written, and a row holding only such a cell is still a row."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["ご意見", "備考"])
    ws.append(["=図書館の開館時間を延長してください。", None])  # openpyxl stores it as a formula
    ws.append(["公園のトイレを改修してください。", "=1+1"])
    wb.save(tmp_path / "f.xlsx")
    table = read_table(tmp_path / "f.xlsx")
    assert _texts(table) == ["=図書館の開館時間を延長してください。", "公園のトイレを改修してください。"]
    assert [r["備考"] for r in table.rows] == ["", "=1+1"]
    # a workbook without formulas is read once (no second load)
    wb = Workbook()
    wb.active.append(["ご意見"])
    wb.active.append(["図書館の蔵書を増やしてほしい。"])
    wb.save(tmp_path / "plain.xlsx")
    from cluster.io import _has_formulas

    assert _has_formulas((tmp_path / "f.xlsx").read_bytes())
    assert not _has_formulas((tmp_path / "plain.xlsx").read_bytes())


def _with_saved_results(path, results: dict[str, str]):
    """Give formula cells the result Excel saves with them (openpyxl writes none): ``results``
    maps a sheet's XML path in the zip and a cell (``"xl/worksheets/sheet1.xml!C2"``) to its value."""
    import zipfile

    parts = {}
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            parts[info.filename] = zf.read(info.filename)
    for where, value in results.items():
        member, cell = where.split("!")
        xml = parts[member].decode("utf-8")
        start = xml.index(f'<c r="{cell}"')
        end = xml.index("</c>", start)
        assert "<v />" in xml[start:end], xml[start:end]
        xml = xml[:start] + xml[start:end].replace("<v />", f"<v>{value}</v>") + xml[end:]
        parts[member] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    return path


def test_xlsx_with_formulas_is_opened_once_and_reads_as_before(tmp_path, monkeypatch):
    """A formula cell reads as its saved result, one without a result as its formula text, the
    hidden sheet is still reported; the workbook is opened once, and formulas in a hidden sheet
    do not make the read sheet's cells be parsed a second time."""
    import openpyxl
    from openpyxl import Workbook

    from cluster import io as cio

    wb = Workbook()
    memo = wb.active
    memo.title = "集計"
    memo.append(["件数", "=COUNTA(意見!B:B)-1"])
    memo.sheet_state = "hidden"
    ws = wb.create_sheet("意見")
    ws.append(["受付番号", "ご意見", "文字数"])
    ws.append([1, "児童館の開館日を増やしてほしい。", "=LEN(B2)"])  # saved result: 16
    ws.append([2, "=市民プールの営業期間を延ばしてください。", None])  # no saved result
    wb.save(tmp_path / "f.xlsx")
    _with_saved_results(tmp_path / "f.xlsx", {"xl/worksheets/sheet1.xml!B1": "2",
                                               "xl/worksheets/sheet2.xml!C2": "16"})
    loads = []
    real_load = openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: loads.append(k) or real_load(*a, **k))
    parsed = []
    real_grid = cio._sheet_grid
    monkeypatch.setattr(cio, "_sheet_grid", lambda ws: parsed.append(ws.title) or real_grid(ws))

    table = read_table(tmp_path / "f.xlsx")
    assert table.sheet == "意見"
    assert [r["文字数"] for r in table.rows] == ["16", ""]  # the saved result, not 「=LEN(B2)」
    assert _texts(table) == ["児童館の開館日を増やしてほしい。", "=市民プールの営業期間を延ばしてください。"]
    assert table.read_notes("ご意見") == [
        "hidden sheet not read: 集計 (read sheet 意見; --sheet NAME reads another)",
        # the cell with no saved result is named (QA59), the one with its result is not
        "warning: 1 cell (B3) holds a formula whose value was never calculated (a workbook written by a program, not "
        "saved by Excel): read as the formula's text; if they are formulas, open the file in Excel, save it and run again"]
    assert len(loads) == 1 and parsed == ["意見", "意見"]  # values, then formulas: one workbook

    # the formula only in the hidden sheet: the read sheet is parsed once
    ws.delete_rows(2, 2)
    ws.append([1, "児童館の開館日を増やしてほしい。", 16])
    wb.save(tmp_path / "g.xlsx")
    data = (tmp_path / "g.xlsx").read_bytes()
    assert cio._has_formulas(data) and cio._has_formulas(data, "xl/worksheets/sheet1.xml")
    assert not cio._has_formulas(data, "/xl/worksheets/sheet2.xml")
    loads.clear()
    parsed.clear()
    table = read_table(tmp_path / "g.xlsx")
    assert [r["文字数"] for r in table.rows] == ["16"] and len(loads) == 1 and parsed == ["意見"]
    # named: the hidden sheet's formula reads as its saved result
    loads.clear()
    _with_saved_results(tmp_path / "g.xlsx", {"xl/worksheets/sheet1.xml!B1": "1"})
    assert read_table(tmp_path / "g.xlsx", sheet="集計", header_row=1).columns == ["件数", "1"]
    assert len(loads) == 1


def test_xlsx_named_sheet(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["メモ"])
    wb.active.append(["表紙"])
    ws = wb.create_sheet("意見")
    ws.append(["ご意見"])
    ws.append(["二枚目のシートの意見"])
    wb.save(tmp_path / "c.xlsx")
    assert _texts(read_table(tmp_path / "c.xlsx", sheet="意見")) == ["二枚目のシートの意見"]
    with pytest.raises(InputError, match="意見"):
        read_table(tmp_path / "c.xlsx", sheet="ない")


def test_json_lines(tmp_path):
    lines = [{"id": 1, "text": "公園を広くしてほしい。"}, {"id": 2, "text": "図書館を新しく。", "channel": "郵送"}]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    table = read_table(path)
    assert table.format == "jsonl"
    assert table.columns == ["id", "text", "channel"]
    assert [r["text"] for r in table.rows] == ["公園を広くしてほしい。", "図書館を新しく。"]
    assert [r["channel"] for r in table.rows] == ["", "郵送"]


def test_broken_json_line_is_an_input_error(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "一行目"}\n{"text": 壊れた\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        read_table(path)


def test_quoted_newlines_and_crlf(tmp_path):
    data = ('受付番号,ご意見\r\n1,"一行目\r\n二行目"\r\n2,"引用符 ""内"" の意見"\r\n3,最後\r\n').encode("utf-8")
    path = tmp_path / "c.csv"
    path.write_bytes(data)
    table = read_table(path)
    assert len(table) == 3
    assert _texts(table) == ["一行目\n二行目", '引用符 "内" の意見', "最後"]
    assert all("\r" not in t for t in _texts(table))


def test_stray_control_characters_are_stripped_counted_and_the_row_kept(tmp_path):
    rows = [
        ["1", "公園のトイレを洋式に改修してください。遊具の点検もお願いします。\x07"],
        ["2", "図書館の開館\x00時間を夜まで延長してほしい。仕事帰りに寄れるようにしてください。"],
        ["3", "駅前の駐輪場が足りません。増設を検討してください。"],
    ]
    table = read_table(_write(tmp_path / "c.csv", HEADER, rows))
    assert len(table) == 3
    assert _texts(table) == [
        "公園のトイレを洋式に改修してください。遊具の点検もお願いします。",
        "図書館の開館時間を夜まで延長してほしい。仕事帰りに寄れるようにしてください。",
        "駅前の駐輪場が足りません。増設を検討してください。",
    ]
    assert table.control_chars_removed == [1, 1, 0]


def test_short_file_with_stray_control_characters_is_not_binary(tmp_path):
    # Cells pasted from an old Excel sheet carry \x0b line breaks; each row is short.
    rows = [["1", "賛成\x0bです"], ["2", "反対\x0bです"], ["3", "特に\x0bなし"]]
    table = read_table(_write(tmp_path / "c.csv", HEADER, rows))
    assert _texts(table) == ["賛成です", "反対です", "特になし"]
    assert table.control_chars_removed == [1, 1, 1]


def test_short_and_long_rows_are_kept(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("受付番号,ご意見\n1\n2,意見,余分なセル\n", encoding="utf-8")
    table = read_table(path)
    assert len(table) == 2
    assert table.rows[0]["ご意見"] == ""
    assert table.rows[1]["ご意見"] == "意見"
    assert table.rows[1]["_extra"] == "余分なセル"


def test_empty_cells_row_is_a_row(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("受付番号,ご意見\n1,あ\n,\n3,う\n", encoding="utf-8")
    assert len(read_table(path)) == 3


# ------------------------------------------------------------------ bad input


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_table(tmp_path / "nothing.csv")


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(InputError):
        read_table(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\r\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "c.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty"):
        read_table(path)


@pytest.mark.parametrize("name,data", [
    ("random.csv", random.Random(7).randbytes(5000)),
    ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(8).randbytes(3000)),
    ("zeros.csv", b"\x00\x01\x02\x03" * 500),
])
def test_binary_data(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_table(path)
    assert "\n" not in str(info.value)


def test_fake_xlsx(tmp_path):
    path = tmp_path / "c.xlsx"
    path.write_text("受付番号,ご意見\n1,あ\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_table(path)


def test_broken_csv_unclosed_quote(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('受付番号,ご意見\n1,"閉じていない引用符\n2,次の行\n', encoding="utf-8")
    with pytest.raises(InputError, match="quote"):
        read_table(path)


# ------------------------------------------------------------------ columns


@pytest.mark.parametrize("columns,expected", [
    (["受付番号", "ご意見"], "ご意見"),
    (["No.", "本文", "備考"], "本文"),
    (["id", "text"], "text"),
    (["番号", "意見の内容"], "意見の内容"),
    (["No", "Comment"], "Comment"),  # case-insensitive
    (["番号", "ご意見（300字以内）"], "ご意見（300字以内）"),  # a name containing a candidate
    (["番号", "ｺﾒﾝﾄ"], "ｺﾒﾝﾄ"),  # half-width katakana folds with NFKC
])
def test_text_column_guess(columns, expected):
    assert guess_column(columns, TEXT_COLUMN_CANDIDATES) == expected


def test_id_column_guess():
    assert guess_column(["受付番号", "ご意見"], ID_COLUMN_CANDIDATES, what="id", required=False) == "受付番号"
    assert guess_column(["日付", "ご意見"], ID_COLUMN_CANDIDATES, what="id", required=False) is None


def test_column_override():
    columns = ["ご意見", "要約"]
    assert guess_column(columns, TEXT_COLUMN_CANDIDATES) == "ご意見"
    assert guess_column(columns, TEXT_COLUMN_CANDIDATES, given="要約") == "要約"


def test_unknown_column_lists_the_columns():
    with pytest.raises(InputError) as info:
        guess_column(["受付番号", "ご意見", "提出方法"], TEXT_COLUMN_CANDIDATES, given="本文です")
    message = str(info.value)
    assert "本文です" in message
    for col in ("受付番号", "ご意見", "提出方法"):
        assert col in message


def test_no_guessable_column_says_what_to_give():
    with pytest.raises(InputError, match="--text-column") as info:
        guess_column(["日付", "区分"], TEXT_COLUMN_CANDIDATES)
    assert "日付" in str(info.value)


@pytest.mark.parametrize("flag", ["--id-column", "--channel-column", "--submitter-column"])
@pytest.mark.parametrize("text_given", [False, True])
def test_a_column_named_for_the_text_and_another_role_is_refused(tmp_path, flag, text_given):
    from click.testing import CliRunner

    from cluster.cli import main

    path = _write(tmp_path / "c.csv", ["受付番号", "提出方法", "ご意見"],
                  [["1", "郵送", "公民館の駐車場を広げてほしい。"], ["2", "持参", "図書館の返却ポストを増やしてほしい。"]])
    args = ["run", str(path), "--out", str(tmp_path / "out"), "--model", "char-hash", flag, "ご意見"]
    result = CliRunner().invoke(main, args + (["--text-column", "ご意見"] if text_given else []))
    assert result.exit_code == 2, result.output
    lines = [x for x in result.output.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.output
    assert f"{flag} 'ご意見' is the text column" in lines[0] and "受付番号, 提出方法, ご意見" in lines[0]
    assert not (tmp_path / "out" / "report.xlsx").exists()


def test_a_guess_that_lands_on_the_text_column_is_dropped(tmp_path):
    from cluster.pipeline import RunOptions, read_submissions

    # 「提出者のご意見」 contains both 提出者 (a submitter column name) and ご意見 (a text column name)
    path = _write(tmp_path / "c.csv", ["受付番号", "提出者のご意見"],
                  [["1", "歩道橋にエレベーターを付けてほしい。"], ["2", "歩道橋にエレベーターを付けてほしい。"]])
    lines: list[str] = []
    subs, info = read_submissions(path, RunOptions(), lines.append)
    assert info["columns"]["submitter"] is None and [s.submitter for s in subs] == ["", ""]
    assert "submitter = (none)" in lines[0]
    from cluster.io import choose_columns

    assert choose_columns(read_table(path)) == {"text": "提出者のご意見", "id": "受付番号", "channel": None,
                                                "submitter": None}
    # other columns given or guessed as before
    assert choose_columns(read_table(path), id="提出者のご意見", text="受付番号")["id"] == "提出者のご意見"


def test_duplicate_and_blank_column_names_stay_distinct(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("ご意見,ご意見,\nあ,い,う\n", encoding="utf-8")
    table = read_table(path)
    assert len(set(table.columns)) == 3
    assert [table.rows[0][c] for c in table.columns] == ["あ", "い", "う"]


# ------------------------------------------------------------------ writing


@pytest.mark.parametrize("value", ["=SUM(A1:A3)", "+A1", "+1+2", "-x", "@a", "=1+1", "-", "+81 3 1234", "\tx"])
def test_escape_cell_escapes_formulas(value):
    escaped = escape_cell(value)
    assert escaped != value
    assert escaped.endswith(value)
    assert escaped[0] not in "=+-@\t"


@pytest.mark.parametrize("value", ["-5", "3.14", "+7", "-0.5", "1e5", "公園", "", "a=b", 12, None, 3.5])
def test_escape_cell_keeps_numbers_and_plain_text(value):
    assert escape_cell(value) == value


def test_write_csv_bom_escaping_and_round_trip(tmp_path):
    path = tmp_path / "out.csv"
    rows = [["1", "=HYPERLINK(\"x\")", -5], ["2", "改行\nを含む", "@user"], ["3", None, "3.14"]]
    write_csv(path, ["id", "text", "value"], rows)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        back = list(csv.reader(fh))
    assert back[0] == ["id", "text", "value"]
    assert back[1] == ["1", "'=HYPERLINK(\"x\")", "-5"]
    assert back[2] == ["2", "改行\nを含む", "'@user"]
    assert back[3] == ["3", "", "3.14"]
    assert not list(tmp_path.glob(".out.csv.*"))  # no temporary file left behind


def test_write_csv_failure_leaves_previous_file(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(path, ["a"], [["前の内容"]])
    before = path.read_bytes()

    def rows():
        yield ["途中まで"]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_csv(path, ["a"], rows())
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


# ------------------------------------------------------------------ title rows above the header


def _guess_text(table):
    return guess_column(table.columns, TEXT_COLUMN_CANDIDATES)


def test_csv_title_row_above_the_header_is_skipped_and_reported(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("みどり区自転車活用計画（案）に対するご意見一覧,,\n"
                    "受付番号,提出方法,ご意見\n"
                    "1,郵送,駅の西口に駐輪場を増やしてほしい。\n"
                    "2,電子メール,歩道の段差をなくしてください。\n", encoding="utf-8")
    table = read_table(path)
    assert table.columns == ["受付番号", "提出方法", "ご意見"]
    assert _guess_text(table) == "ご意見"
    assert _texts(table) == ["駅の西口に駐輪場を増やしてほしい。", "歩道の段差をなくしてください。"]
    assert table.header_row == 2
    assert table.skipped_rows == [(1, "みどり区自転車活用計画（案）に対するご意見一覧")]
    described = table.describe()
    assert "header found on row 2" in described and "1 row above it skipped" in described
    assert "みどり区自転車活用計画" in described  # the skipped row does not vanish silently


def test_several_rows_above_the_header_and_a_plain_file_is_unchanged(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("意見募集の結果について,,,\n"
                    ",,,令和7年4月1日現在\n"
                    "\n"
                    "番号,受付日,氏名,意見の内容\n"
                    "1,2025-03-02,川村 花子,公民館の予約をインターネットでできるようにしてほしい。\n", encoding="utf-8")
    table = read_table(path)
    assert table.header_row == 4
    assert [n for n, _ in table.skipped_rows] == [1, 2]
    assert table.rows[0]["意見の内容"].startswith("公民館の予約")
    # no title: the first row stays the header, nothing is reported
    plain = read_table(_write(tmp_path / "p.csv", HEADER, ROWS))
    assert plain.header_row == 1 and plain.skipped_rows == [] and plain.describe() == "csv, utf-8"
    # a short two-cell title above known column names
    two = tmp_path / "two.csv"
    two.write_text("意見一覧,令和7年4月\n受付番号,提出方法,ご意見\n1,郵送,あ\n", encoding="utf-8")
    assert read_table(two).header_row == 2
    # unknown column names are kept even when a data row below looks like labels
    own = tmp_path / "own.csv"
    own.write_text("cluster_id,label\nC001,駐輪場の意見\nC002,受付番号\n", encoding="utf-8")
    assert read_table(own).columns == ["cluster_id", "label"]
    # a one-column file whose header is a known name keeps it, whatever the rows below look like
    one = tmp_path / "one.csv"
    one.write_text("ご意見\n駐輪場,増やして\n図書館\n", encoding="utf-8")
    assert read_table(one).columns[0] == "ご意見"


def test_header_row_given_overrides_the_search(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("資料3,,\n区分,整理,本文\nA,B,公園に日陰を増やしてほしい。\n", encoding="utf-8")
    table = read_table(path, header_row=2)
    assert table.columns == ["区分", "整理", "本文"]
    assert table.skipped_rows == [(1, "資料3")]
    assert "header on row 2" in table.describe()
    with pytest.raises(InputError, match="only 3 rows") as info:
        read_table(path, header_row=9)
    assert "\n" not in str(info.value)
    empty = tmp_path / "e.csv"
    empty.write_text("題名\n\n番号,ご意見\n1,あ\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 2 is empty"):
        read_table(empty, header_row=2)


@pytest.mark.parametrize("head", [
    "意見募集の結果,令和7年5月\nNo.,ご意見（要約）\n",  # a title and a date over a header of one known name
    "意見\n受付番号,ご意見\n",  # a one-cell title that is itself a column name
])
def test_title_rows_that_look_like_labels_give_way_to_the_header(tmp_path, head):
    path = tmp_path / "t.csv"
    path.write_text(head + "1,バスを増やしてほしい。\n2,公園のトイレを清潔にしてほしい。\n", encoding="utf-8")
    table = read_table(path)
    assert table.header_row == 2
    assert _texts(table, table.columns[-1]) == ["バスを増やしてほしい。", "公園のトイレを清潔にしてほしい。"]


def test_a_one_column_file_keeps_its_header_on_the_first_row(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("ご意見\nバスを増やしてほしい。\n公園を広げてほしい。\n", encoding="utf-8")
    table = read_table(path)
    assert table.header_row == 1 and _texts(table) == ["バスを増やしてほしい。", "公園を広げてほしい。"]


def test_xlsx_merged_title_cell_above_the_header(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "北町地区まちづくり方針（案）へのご意見"
    ws.merge_cells("A1:E1")
    ws.append(["受付番号", "受付日", "提出方法", "氏名", "ご意見"])
    ws.append([1, "2025-05-01", "持参", "匿名", "集会所の建て替えを急いでほしい。"])
    wb.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx")
    assert table.columns == ["受付番号", "受付日", "提出方法", "氏名", "ご意見"]
    assert _guess_text(table) == "ご意見"
    assert _texts(table) == ["集会所の建て替えを急いでほしい。"]
    assert table.header_row == 2 and table.skipped_rows[0][0] == 1
    assert "北町地区まちづくり方針" in table.describe()


def test_cli_header_row_flag_reaches_the_reader(tmp_path):
    from click.testing import CliRunner

    from cluster.cli import main

    path = _write(tmp_path / "c.csv", HEADER, ROWS)
    result = CliRunner().invoke(main, ["run", str(path), "--out", str(tmp_path / "out"), "--header-row", "7"])
    assert result.exit_code == 2
    assert "error:" in result.output and "--header-row 7" in result.output and "Traceback" not in result.output
    assert "--header-row" in CliRunner().invoke(main, ["run", "--help"]).output


def test_read_line_names_the_skipped_title_and_the_sheet(tmp_path):
    from openpyxl import Workbook

    from cluster.pipeline import RunOptions, read_submissions

    path = tmp_path / "c.csv"
    path.write_text("東川市バス路線再編案への意見,,\n受付番号,提出方法,ご意見\n1,郵送,終バスを遅くしてほしい。\n",
                    encoding="utf-8")
    lines: list[str] = []
    subs, info = read_submissions(path, RunOptions(), lines.append)
    assert [s.text for s in subs] == ["終バスを遅くしてほしい。"]
    assert "header found on row 2" in lines[0] and "東川市バス路線再編案への意見" in lines[0]
    wb = Workbook()
    wb.active.title = "一覧"
    wb.active.append(["ご意見"])
    wb.active.append(["図書館に自習室を作ってほしい。"])
    wb.save(tmp_path / "c.xlsx")
    lines.clear()
    read_submissions(tmp_path / "c.xlsx", RunOptions(), lines.append)
    assert "(xlsx, sheet 一覧)" in lines[0] and "xlsx, xlsx" not in lines[0]


# ------------------------------------------------------------------ hidden sheets, merged cells


def test_hidden_sheets_are_not_the_default(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    memo = wb.active
    memo.title = "作業メモ"
    memo.append(["メモ", "内部用"])
    memo.append(["集計は金曜まで", "課内のみ"])
    memo.sheet_state = "hidden"
    ws = wb.create_sheet("意見一覧")
    ws.append(["受付番号", "ご意見"])
    ws.append([1, "プールの営業を夏休み以外にも広げてほしい。"])
    wb.save(tmp_path / "h.xlsx")
    table = read_table(tmp_path / "h.xlsx")
    assert table.sheet == "意見一覧"
    assert _texts(table) == ["プールの営業を夏休み以外にも広げてほしい。"]
    assert any("作業メモ" in n and "hidden" in n for n in table.read_notes("ご意見"))
    assert read_table(tmp_path / "h.xlsx", sheet="作業メモ").columns == ["メモ", "内部用"]  # named: read
    # only hidden sheets hold data: one line naming them
    ws.sheet_state = "veryHidden"
    wb.create_sheet("空")
    wb.save(tmp_path / "h2.xlsx")
    with pytest.raises(InputError, match="hidden sheets: 作業メモ, 意見一覧") as info:
        read_table(tmp_path / "h2.xlsx")
    assert "\n" not in str(info.value)


def _merged_workbook(path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["受付番号", "提出方法", "氏名", "ご意見"])
    ws.append([1, "郵送", "佐藤", "市民農園の区画を増やしてほしい。"])
    ws.append([2, "電子メール", "鈴木", "ゴミ出しの曜日を見直してください。"])
    ws.append([None, None, None, "集積所にカラス除けネットを。"])  # same letter, second row
    ws.append([3, "持参", "高橋", "防犯灯を増やしてほしい。"])
    ws.append([4, None, "伊藤", None])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:C4")
    ws.merge_cells("D5:D6")  # one text over two submissions
    ws.merge_cells("B5:B6")
    wb.save(path)
    return path


def test_xlsx_merged_cells_are_filled_except_the_text(tmp_path):
    table = read_table(_merged_workbook(tmp_path / "m.xlsx"))
    assert [r["提出方法"] for r in table.rows] == ["郵送", "電子メール", "電子メール", "持参", "持参"]
    assert [r["受付番号"] for r in table.rows] == ["1", "2", "2", "3", "4"]
    assert [r["氏名"] for r in table.rows] == ["佐藤", "鈴木", "鈴木", "高橋", "伊藤"]
    # the text is not copied into the second submission (it would count one opinion twice)
    assert _texts(table)[3:] == ["防犯灯を増やしてほしい。", ""]
    notes = table.read_notes("ご意見")
    assert any("filled 4 merged ranges" in n for n in notes), notes
    assert any("text column ご意見" in n and "rows 5-6" in n for n in notes), notes
    # past answer tables (fill_merged): every column, the text included
    assert _texts(read_table(tmp_path / "m.xlsx", fill_merged=True))[4] == "防犯灯を増やしてほしい。"


def test_merged_cells_in_a_column_named_as_text_are_not_filled(tmp_path):
    table = read_table(_merged_workbook(tmp_path / "m.xlsx"), text_column="提出方法")
    assert [r["提出方法"] for r in table.rows] == ["郵送", "電子メール", "", "持参", ""]
    assert _texts(table)[4] == "防犯灯を増やしてほしい。"


# ------------------------------------------------------------------ JSON lines: nested and missing fields


def test_json_lines_nested_objects_are_flattened(tmp_path):
    path = tmp_path / "c.jsonl"
    recs = [{"id": 1, "body": {"text": "児童館の開館日を増やしてほしい。", "meta": {"lang": "ja"}}},
            {"id": 2, "text": "横断歩道を新設してください。", "tags": ["交通", "安全"]}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    table = read_table(path)
    assert table.columns == ["id", "body.text", "body.meta.lang", "text", "tags"]
    assert table.rows[0]["body.text"] == "児童館の開館日を増やしてほしい。"
    assert guess_column(table.columns, TEXT_COLUMN_CANDIDATES, "body.text") == "body.text"
    assert table.rows[1]["tags"] == "交通\n安全"
    assert not any(v.startswith(("{", "[")) for r in table.rows for v in r.values())
    notes = table.read_notes("text")
    assert len(notes) == 1 and "1 of 2 records have no 'text' field" in notes[0]
    assert "body.text" in notes[0] and "\n" not in notes[0]
    assert table.read_notes("body.text") and "1 of 2" in table.read_notes("body.text")[0]
    # a key that is present but null is not "missing"
    path.write_text('{"id": 1, "text": null}\n{"id": 2, "text": "あ"}\n', encoding="utf-8")
    assert read_table(path).read_notes("text") == []


def _jsonl(path, recs):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    return path


def test_json_lines_with_two_spellings_of_the_text_field_are_read_together(tmp_path):
    """Most records say 「意見」, two say 「ご意見」 (listed first, and first in the name order):
    every opinion is read, under the name most records use, and one line says so."""
    from cluster.pipeline import RunOptions, read_submissions

    recs = [{"受付番号": "A-1", "ご意見": "美術館の休館日を減らしてほしい。"},
            {"受付番号": "A-2", "意見": "駐車場の料金を下げてほしい。"},
            {"受付番号": "A-3", "意見": "トイレを清潔にしてほしい。"},
            {"受付番号": "A-4", "意見": None, "ご意見": "館内に授乳室を設けてほしい。"},
            {"受付番号": "A-5", "意見": "展示の解説を多言語にしてほしい。"},
            {"受付番号": "A-6", "意見": ""}]
    lines: list[str] = []
    subs, info = read_submissions(_jsonl(tmp_path / "c.jsonl", recs), RunOptions(), lines.append)
    assert [s.text for s in subs] == ["美術館の休館日を減らしてほしい。", "駐車場の料金を下げてほしい。",
                                      "トイレを清潔にしてほしい。", "館内に授乳室を設けてほしい。",
                                      "展示の解説を多言語にしてほしい。", ""]
    assert info["columns"]["text"] == "意見" and "text = 意見 (guessed)" in lines[0]
    assert not any(x.startswith("warning:") for x in lines)
    said = [x for x in lines[1:] if "ご意見" in x]
    assert said == [("the records name the text field 2 ways: '意見' in 5 records, 'ご意見' in 2 (records 1, 4); "
                     "read together as the text column '意見' (--text-column NAME reads one field only)")]
    assert all(dict(s.extra) == {} for s in subs)  # the text is not kept twice
    # a field named for another role is not a spelling of the text field
    subs, info = read_submissions(tmp_path / "c.jsonl", RunOptions(submitter_column="ご意見"), lines.append)
    assert info["columns"]["text"] == "意見" and [s.submitter for s in subs][:2] == ["美術館の休館日を減らしてほしい。", ""]


def test_json_lines_text_field_is_the_one_most_records_have(tmp_path):
    """A record with text under both names: nothing is combined, the field most records have is
    read, and the one record whose opinion is under the other name is named in one warning line
    that says which --text-column reads it."""
    from cluster.pipeline import RunOptions, read_submissions

    recs = [{"ご意見": "歩道の段差をなくしてほしい。", "内容": "（窓口で受付）"},
            {"内容": "街路樹の落ち葉を片付けてほしい。"},
            {"内容": "信号の時間を長くしてほしい。"},
            {"ご意見": "自転車レーンを整備してほしい。"}]
    path = _jsonl(tmp_path / "c.jsonl", recs)
    lines: list[str] = []
    subs, info = read_submissions(path, RunOptions(), lines.append)
    assert info["columns"]["text"] == "内容"  # in 3 of 4 records (ご意見 comes first in the name order)
    assert [s.text for s in subs][1:3] == ["街路樹の落ち葉を片付けてほしい。", "信号の時間を長くしてほしい。"]
    warn = [x for x in lines if x.startswith("warning:")]
    assert len(warn) == 1 and "\n" not in warn[0]
    assert warn[0].startswith("warning: 1 of 4 records have no '内容' field and are read as empty (records 4;")
    assert "their text is under 'ご意見'" in warn[0] and "records 1 have text under both" in warn[0]
    assert "give --text-column ご意見 to read that field instead" in warn[0]
    # the field named: as given, the others are not combined, and the warning names the way back
    lines.clear()
    subs, _ = read_submissions(path, RunOptions(text_column="ご意見"), lines.append)
    assert [s.text for s in subs] == ["歩道の段差をなくしてほしい。", "", "", "自転車レーンを整備してほしい。"]
    warn = [x for x in lines if x.startswith("warning:")]
    assert len(warn) == 1 and "2 of 4 records have no 'ご意見' field" in warn[0]
    assert "give --text-column 内容 to read that field instead" in warn[0]


def test_json_lines_empty_text_field_with_the_text_under_another_name_warns(tmp_path):
    recs = [{"意見": "", "コメント": "公園に水飲み場を設けてほしい。"}, {"意見": "ベンチを増やしてほしい。"}]
    table = read_table(_jsonl(tmp_path / "c.jsonl", recs))
    notes = table.read_notes("意見")
    assert len(notes) == 1 and notes[0].startswith("warning: 1 of 2 records have an empty '意見' field")
    assert "under 'コメント' (records 1)" in notes[0] and "--text-column コメント" in notes[0]


def test_json_lines_text_field_is_not_a_field_that_only_contains_a_text_name(tmp_path):
    """Empty submissions omit 「意見」, so more records have 「意見番号」 (it contains 「意見」) and
    「意見の理由」: the text is still 「意見」, the exact name, and 意見番号 is the id."""
    from cluster.pipeline import RunOptions, read_submissions

    recs = [{"意見番号": "R-01", "意見": "児童館の開館日を増やしてほしい。", "意見の理由": "共働き世帯が多いため"},
            {"意見番号": "R-02", "意見の理由": "特になし"},
            {"意見番号": "R-03", "意見": "通学路に横断歩道を設けてほしい。", "意見の理由": "事故が心配"},
            {"意見番号": "R-04", "意見の理由": "なし"}]
    lines: list[str] = []
    subs, info = read_submissions(_jsonl(tmp_path / "c.jsonl", recs), RunOptions(), lines.append)
    assert info["columns"]["text"] == "意見" and info["columns"]["id"] == "意見番号"
    # 「意見の理由」 is each opinion's reason, read with it; a reason alone saying nothing is no opinion
    assert [s.text for s in subs] == ["児童館の開館日を増やしてほしい。\n【理由】共働き世帯が多いため", "【理由】特になし",
                                      "通学路に横断歩道を設けてほしい。\n【理由】事故が心配", "【理由】なし"]
    assert [s.comment_id for s in subs] == ["R-01", "R-02", "R-03", "R-04"]
    from cluster.pipeline import split_opinions

    assert [(o.status, o.text) for o in split_opinions(subs)] == [
        ("ok", "児童館の開館日を増やしてほしい。\n【理由】共働き世帯が多いため"), ("empty", "特になし"),
        ("ok", "通学路に横断歩道を設けてほしい。\n【理由】事故が心配"), ("empty", "なし")]
    # no exact text name: a field containing one is the text, never one named for the id
    recs = [{"意見番号": "P-1", "提出内容": "公民館の予約をネットでできるようにしてほしい。"},
            {"意見番号": "P-2"}]
    subs, info = read_submissions(_jsonl(tmp_path / "d.jsonl", recs), RunOptions(), lines.append)
    assert info["columns"]["text"] == "提出内容" and info["columns"]["id"] == "意見番号"
    assert [s.comment_id for s in subs] == ["P-1", "P-2"]


def test_csv_text_column_guess_skips_a_column_named_for_the_id(tmp_path):
    path = _write(tmp_path / "c.csv", ["意見番号", "意見（300字以内）"], [["1", "市営プールの営業期間を延ばしてほしい。"]])
    from cluster.io import choose_columns

    cols = choose_columns(read_table(path))
    assert cols["text"] == "意見（300字以内）" and cols["id"] == "意見番号"


def test_json_lines_empty_text_field_warning_names_only_text_field_spellings(tmp_path):
    """「意見の理由」 contains 「意見」 but is not a spelling of the text field: it is not offered
    as the --text-column to read instead."""
    recs = [{"意見": "", "意見の理由": "とくになし"}, {"意見": "ごみ集積所にカラス除けのネットを配ってほしい。"}]
    table = read_table(_jsonl(tmp_path / "c.jsonl", recs))
    assert table.read_notes("意見") == []


# ------------------------------------------------------------------ channels and submitters


@pytest.mark.parametrize("written,expected", [
    ("FAX", "FAX"), ("ＦＡＸ", "FAX"), ("fax", "FAX"), ("ファクス", "FAX"), ("ファックス", "FAX"),
    ("メール", "電子メール"), ("E-mail", "電子メール"), ("Ｅメール", "電子メール"), ("e-mail", "電子メール"),
    ("電子メール", "電子メール"), (" 電子 メール ", "電子メール"), ("Ｅ－ｍａｉｌ", "電子メール"),
    ("郵送", "郵送"), ("郵便", "郵送"), ("持参", "持参"), ("窓口", "持参"),
    ("ｗｅｂフォーム", "電子申請"), ("電子　申請", "電子申請"), ("Post", "郵送"), ("Walk-in", "持参"), ("", ""),
    ("e-Gov", "電子申請"), ("ｅ－Ｇｏｖ", "電子申請"), ("電子政府の総合窓口", "電子申請"),  # a ministry's web form (QA25)
])
def test_normalize_channel(written, expected):
    from cluster.io import normalize_channel

    assert normalize_channel(written) == expected


def test_channel_and_submitter_counts_fold_spellings(tmp_path):
    from cluster.records import Submission
    from cluster.report import count_channels_and_submitters

    given = [("ＦＡＸ", "山田 太郎"), ("ファックス", "山田　太郎"), ("FAX", "山田太郎"), ("E-mail", ""),
             ("電子メール", ""), ("郵便", "ﾔﾏﾀﾞ"), ("", "ヤマダ")]
    subs = [Submission(row_number=i + 1, comment_id=str(i + 1), text="意見", channel=c, submitter=s)
            for i, (c, s) in enumerate(given)]
    by_channel, has_channels, submitters = count_channels_and_submitters(subs, "不明")
    assert dict(by_channel) == {"FAX": 3, "電子メール": 2, "郵送": 1, "不明": 1}
    assert has_channels
    # 山田太郎 three ways is one person; ﾔﾏﾀﾞ/ヤマダ are one after NFKC; two unnamed rows count apart
    assert len(submitters) == 4
    assert not count_channels_and_submitters([Submission(1, "1", "x")], "不明")[1]  # no channel column


def test_placeholder_names_count_apart_and_are_not_masked_as_names(tmp_path):
    from cluster.records import Submission
    from cluster.report import count_channels_and_submitters

    given = ["匿名", "匿名", "市民", "", "無記名"]
    subs = [Submission(row_number=i + 1, comment_id=str(i + 1), text="意見", submitter=s) for i, s in enumerate(given)]
    assert len(count_channels_and_submitters(subs, "不明")[2]) == 5  # five anonymous people, not three
    from click.testing import CliRunner

    from cluster.cli import main

    path = tmp_path / "anon.csv"
    path.write_text("受付番号,氏名,ご意見\n1,匿名,市民の声をもっと聞いてほしい。\n2,市民,匿名での意見提出を認めてほしい。\n",
                    encoding="utf-8")
    res = CliRunner().invoke(main, ["run", str(path), "--out", str(tmp_path / "out"), "--model", "char-hash"])
    assert res.exit_code == 0, res.output
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "市民の声をもっと聞いてほしい。" in md and "匿名での意見提出を認めてほしい。" in md
    assert "提出者数：2名" in md


def test_report_counts_use_the_folded_channels_and_names(tmp_path):
    from cluster.pipeline import RunOptions, build_report_model
    from cluster.records import Submission

    given = [("ＦＡＸ", "森 一郎"), ("ファクス", "森　一郎"), ("Eメール", "森一郎"), ("郵便", "")]
    subs = [Submission(row_number=i + 1, comment_id=str(i + 1), text="意見", channel=c, submitter=s)
            for i, (c, s) in enumerate(given)]
    model = build_report_model(subs, [], [], {}, {}, 0.15, RunOptions(), tmp_path / "c.csv")
    assert dict(model.by_channel) == {"FAX": 2, "電子メール": 1, "郵送": 1}
    assert model.n_submitters == 2 and model.n_submissions == 4


def test_a_file_without_a_header_is_read_as_data_or_told_to_add_one(tmp_path):
    from cluster.io import QUERY_OPTIONS, choose_columns

    path = tmp_path / "nohead.csv"
    path.write_text("バス路線を増やしてほしい。\n公園を広げてほしい。\n", encoding="utf-8")
    # a comment table: its first row reads like an opinion, so every row is data (said in one line)
    table = read_table(path)
    assert table.headerless and len(table.rows) == 2 and choose_columns(table)["text"] == "column1"
    assert sum("no header row" in n for n in table.read_notes()) == 1
    # another kind of file (a query, past answers) is told to add one
    table = read_table(path, options=QUERY_OPTIONS)
    with pytest.raises(InputError, match="reads like an opinion.*add a header row"):
        guess_column(table.columns, TEXT_COLUMN_CANDIDATES, None, what="text")


def test_messages_name_the_options_of_the_file_being_read(tmp_path):
    """The comment file's messages name `cluster run`'s options; a file read with other options
    (``QUERY_OPTIONS``, ``PAST_ANSWER_OPTIONS``) gets those, or what to change in the file."""
    from cluster.io import (
        COMMENT_OPTIONS,
        PAST_ANSWER_OPTIONS,
        QUERY_OPTIONS,
        choose_columns,
    )

    bad = tmp_path / "bad.csv"
    bad.write_bytes("ご意見\n".encode() + b"\x81\x20\xff\n")
    with pytest.raises(InputError, match="save it as CSV UTF-8 or give --encoding$"):
        read_table(bad)
    with pytest.raises(InputError, match="save it as CSV UTF-8$"):
        read_table(bad, options=PAST_ANSWER_OPTIONS)
    with pytest.raises(InputError, match="save it as CSV UTF-8 or give --encoding$"):  # cluster answers --query
        read_table(bad, options=QUERY_OPTIONS)
    recs = [{"ご意見の概要": "ごみ袋を安くしてほしい。"}, {"意見": "収集日を増やしてほしい。"}]
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    (comment_note,) = read_table(path, options=COMMENT_OPTIONS).read_notes("ご意見の概要")
    (past_note,) = read_table(path, options=PAST_ANSWER_OPTIONS).read_notes("ご意見の概要")
    assert "give --text-column 意見" in comment_note
    assert "give --answer-opinion-column 意見" in past_note and "--text-column" not in past_note
    # a query table: --id-column on the text column is refused naming the query's own options
    query = _write(tmp_path / "q.csv", ["番号", "ご意見"], [["1", "歩道橋を撤去しないでください。"]])
    with pytest.raises(InputError, match=r"^--id-column 'ご意見' is the text column \(given with --text-column\)"):
        choose_columns(read_table(query, options=QUERY_OPTIONS), text="ご意見", id="ご意見")


# ------------------------------------------------------------------ broken bytes, other kinds of files

LETTERS = [["1", "駐輪場の屋根を直してください。"], ["2", "図書館の開館時間を延ばしてください。"],
           ["3", "公園のトイレを洋式にしてほしい。"]]


@pytest.mark.parametrize("given", [None, "cp932"])
def test_a_cp932_file_with_a_broken_character_is_read_with_geta_and_a_warning(tmp_path, given):
    """A CP932 letter cut mid-character (a lead byte with no trail byte): the whole file used to
    be refused as 「not UTF-8 or CP932」, or with --encoding cp932 a codec message naming a byte
    offset nobody can find in Excel. Now that row reads 〓 and a warning names its line."""
    letters = [text for _, text in LETTERS] * 10
    data = "受付番号,ご意見\r\n".encode("cp932")
    for number, text in enumerate(letters, 1):
        data += f"{number},".encode("cp932")
        data += text.encode("cp932")[:-2] + b"\x82" if number == 2 else text.encode("cp932")  # 「。」 cut
        data += b"\r\n"
    path = tmp_path / "broken.csv"
    path.write_bytes(data)
    table = read_table(path, encoding=given)
    texts = _texts(table)
    assert len(texts) == 30 and texts[:1] + texts[2:] == letters[:1] + letters[2:]
    assert texts[1].startswith("図書館の開館時間を延ばしてください") and "〓" in texts[1]
    notes = table.read_notes("ご意見")
    assert any("〓" in n and "line 3" in n for n in notes), notes


def test_a_file_broken_throughout_is_still_refused(tmp_path):
    path = tmp_path / "noise.csv"  # a UTF-8 letter with every seventh byte lost
    data = ("受付番号,ご意見\n" + "".join(f"{n},{t}\n" for n, t in LETTERS * 20)).encode("utf-8")
    path.write_bytes(bytes(b for i, b in enumerate(data) if i % 7 != 6))
    with pytest.raises(InputError, match="not a text file in UTF-8 or CP932"):
        read_table(path)
    with pytest.raises(InputError, match=r"not cp932: .*line"):
        read_table(path, encoding="cp932")


def test_private_use_characters_are_kept_and_named(tmp_path):
    """外字 from a sender's PC (CP932 user-defined area) reach the report as characters other
    computers show differently: kept, with a warning naming the line."""
    data = "受付番号,ご意見\n1,渡辺".encode("cp932") + b"\xf0\x40" + "です。道路を直して。\n".encode("cp932")
    path = tmp_path / "gaiji.csv"
    path.write_bytes(data)
    table = read_table(path)
    assert "\ue000" in _texts(table)[0]
    assert any("private-use" in n and "line 2" in n for n in table.read_notes("ご意見"))
    assert not any("private-use" in n for n in read_table(_write(tmp_path / "c.csv", HEADER, ROWS)).read_notes("ご意見"))


@pytest.mark.parametrize("name, data, says", [
    ("iken.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF file"),
    ("iken.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF file"),
    ("iken.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image"),
    ("~$comments.xlsx", b"\x0bYamada   \x00" * 10, "lock file Excel keeps while comments.xlsx is open"),
])
def test_other_kinds_of_files_are_named(tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=says) as info:
        read_table(path)
    assert "\n" not in str(info.value) and "--encoding" not in str(info.value)


def _zip(path, members):
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        for name, body in members.items():
            z.writestr(name, body)
    return path


@pytest.mark.parametrize("name, members, says", [
    ("iken.csv", {"comments.csv": "番号,ご意見\n1,公園を増やしてほしい。\n"}, "is a ZIP archive, not a comment table; unpack it"),
    ("iken.xlsx", {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}, "is a Word document"),
])
def test_zip_files_that_are_not_workbooks_are_named(tmp_path, name, members, says):
    """A zip of the comments, or a Word file renamed .xlsx, gave 「cannot open as Excel: There is
    no item named '[Content_Types].xml'」."""
    with pytest.raises(InputError, match=re.escape(says)):
        read_table(_zip(tmp_path / name, members))


def test_utf16_without_a_byte_order_mark_is_named_and_readable_with_encoding(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes("番号,ご意見\r\n1,公園を増やしてほしい。\r\n2,図書館を夜まで開けて。\r\n".encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16 text without a byte order mark.*--encoding utf-16-le"):
        read_table(path)
    assert _texts(read_table(path, encoding="utf-16-le")) == ["公園を増やしてほしい。", "図書館を夜まで開けて。"]
