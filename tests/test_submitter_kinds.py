"""提出者数 by 個人 / 団体: a column telling the kind of submitter (個人・団体, 提出者区分, 区分 with such
values …) or naming the organisation (団体名), the count in every report format and run.json, and
nothing changed without such a column.

The comment tables are small and invented for these tests (an imagined みどり市's park and library
plan), written as CSV (UTF-8 and CP932) and Excel."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from cluster.cli import main
from cluster import io as cio
from cluster.io import choose_columns, read_table

from test_messages_ja import _lines_agree

PARKING = "駅前の駐輪場が足りません。駐輪場を増やしてください。"
LIBRARY = "図書館の開館時間を延長してほしい。平日は仕事で行けません。"
TREES = "みどり公園の木を残してください。夏の日陰として欠かせません。"
BUS = "コミュニティバスの本数を増やしてください。"
TOILET = "公園のトイレを洋式にしてください。高齢者が使いにくいです。"
LIGHTS = "公園の照明を増やしてほしい。夜は暗くて危ないです。"


def _write(path: Path, header, rows, encoding="utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


def _xlsx(path: Path, header, rows) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "意見一覧"
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _cli(*args) -> list[str]:
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="cluster")
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


def _run(out: Path, *inputs, extra=()) -> list[str]:
    """The lines of a run, its progress (stderr) first: the read line is the first."""
    result = CliRunner().invoke(main, ["run", *map(str, inputs), "--out", str(out), "--model", "char-hash",
                                       "--no-worksheet", *map(str, extra)], prog_name="cluster")
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]


def _count_line(out: Path, head: str = "提出") -> str:
    lines = [line[2:] for line in (out / "report.md").read_text(encoding="utf-8").splitlines()
             if line.startswith(f"- {head}")]
    return lines[0]


# a web form's export: 個人・団体 and 団体名; みどり自治会 sends two letters signed by two officers (one
# with the 団体名 spaced), 山田 writes twice, one value is no kind the tool knows
FORM = ["受付番号", "氏名", "個人・団体", "団体名", "提出方法", "ご意見"]
FORM_ROWS = [
    ["1", "山田 太郎", "個人", "", "電子メール", PARKING],
    ["2", "佐藤 花子", "個人", "", "電子申請", LIBRARY],
    ["3", "鈴木 一郎", "団体", "みどり自治会", "郵送", TREES],
    ["4", "高橋 次郎", "団体", "みどり 自治会", "郵送", TREES + "会員一同の願いです。"],
    ["5", "伊藤 三郎", "法人", "株式会社みどり交通", "FAX", BUS],
    ["6", "山田 太郎", "個人", "", "電子メール", TOILET],
    ["7", "中村 さくら", "学生", "", "電子申請", LIGHTS],
]


def test_kind_and_organisation_columns_are_guessed(tmp_path):
    table = read_table(_write(tmp_path / "form.csv", FORM, FORM_ROWS))
    taken = choose_columns(table)
    assert cio.choose_kind_columns(table, taken=taken) == {"kind": "個人・団体", "organisation": "団体名"}
    assert "団体名" not in table.unused_columns
    # other names that tell the kind; 区分 and 属性 only when their values are 個人 / 団体-like
    for name, values, found in [("個人／団体の別", ["個人", "団体"], True), ("提出者区分", ["個人", "法人"], True),
                                ("区分", ["個人", "ＮＰＯ法人", "個人"], True), ("属性", ["■個人", "☑団体"], True),
                                ("区分", ["郵送", "FAX", "持参"], False), ("属性", ["会社員", "学生", "主婦"], False)]:
        rows = [[str(i + 1), v, t] for i, (v, t) in enumerate(zip(values, [PARKING, LIBRARY, TREES]))]
        table = read_table(_write(tmp_path / "t.csv", ["番号", name, "ご意見"], rows))
        chosen = cio.choose_kind_columns(table, taken=choose_columns(table))
        assert chosen["kind"] == (name if found else None), (name, values, chosen)
    # 「提出者区分」 contains 「提出者」: never the submitter column (its 「団体」 would count as one person)
    table = read_table(_write(tmp_path / "k.csv", ["番号", "提出者区分", "ご意見"], [["1", "団体", PARKING]]))
    assert choose_columns(table)["submitter"] is None
    # 「氏名・団体名」 is the submitter column, not the organisation's
    table = read_table(_write(tmp_path / "n.csv", ["番号", "氏名・団体名", "ご意見"], [["1", "みどり自治会", PARKING]]))
    assert choose_columns(table)["submitter"] == "氏名・団体名"
    assert cio.choose_kind_columns(table, taken=choose_columns(table)) == {"kind": None, "organisation": None}
    assert [cio.submitter_kind(v) for v in ["個人", "団体", "法人", "企業", "事業者", "組合", "NPO", "特定非営利活動法人",
                                        "団体（自治会）", "市民", "学生", ""]] == \
        ["個人", "団体", "団体", "団体", "団体", "団体", "団体", "団体", "団体", "個人", "学生", ""]


def test_report_counts_by_kind_in_every_format(tmp_path):
    out = tmp_path / "out"
    lines = _run(out, _write(tmp_path / "form.csv", FORM, FORM_ROWS))
    assert lines[0].endswith("submitter = 氏名 (guessed), kind = 個人・団体 (guessed), organisation = 団体名 (guessed)")
    # 学生 is counted as written, and said; みどり自治会's two letters are one organisation, and said
    assert "個人・団体: 1 value not among the known kinds of submitter (個人, 団体), counted as written: 「学生」 1 row" \
        in lines
    assert ("提出者数: 3 submissions name 2 organisations (1 is on more than one): an organisation counts once by its "
            "name") in lines
    line = ("提出者数：5（個人 2名、団体 2団体、学生 1名。提出件数 7件。同一の氏名による提出は1名として計上。"
            "同一の団体による提出は1団体として計上）")
    assert _count_line(out) == line
    assert f"<li>{line}</li>" in (out / "report.html").read_text(encoding="utf-8")
    ws = openpyxl.load_workbook(out / "report.xlsx").active
    assert line in [c.value for row in ws.iter_rows() for c in row]
    # report.csv is the table alone, as before: no count lines
    with open(out / "report.csv", encoding="utf-8-sig", newline="") as fh:
        report_csv = list(csv.reader(fh))
    assert report_csv[0][0] == "No." and not any("提出者数" in c for r in report_csv for c in r)
    # run.json: the split as the report counts it
    counts = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]
    assert counts["submitters_by_kind"] == {"個人": 2, "団体": 2, "学生": 1}
    assert counts["submissions_by_kind"] == {"個人": 3, "団体": 3, "学生": 1}
    columns = json.loads((out / "run.json").read_text(encoding="utf-8"))["input"]["columns"]
    assert columns["kind"] == "個人・団体" and columns["organisation"] == "団体名"
    # the report to publish says the same
    _run(out, tmp_path / "form.csv", extra=["--final"])
    assert _count_line(out) == line


def test_organisation_column_alone_counts_each_organisation_once(tmp_path):
    """A 団体名 column without a kind column: a filled cell is an organisation's letter, counted
    once by its name however many officers sign; an empty one an individual's. Excel input."""
    rows = [[1, "山田 太郎", "", PARKING], [2, "鈴木 一郎", "みどり自治会", TREES],
            [3, "高橋 次郎", "みどり自治会", TREES + "子ども会からもお願いします。"], [4, "佐藤 花子", "なし", LIBRARY],
            [5, "伊藤 三郎", "さくら商店会", BUS]]
    out = tmp_path / "out"
    lines = _run(out, _xlsx(tmp_path / "letters.xlsx", ["番号", "氏名", "団体名", "ご意見"], rows))
    assert lines[0].endswith("submitter = 氏名 (guessed), organisation = 団体名 (guessed)"), lines[0]
    assert _count_line(out) == "提出者数：4（個人 2名、団体 2団体。提出件数 5件。同一の団体による提出は1団体として計上）"
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]["submitters_by_kind"] == \
        {"個人": 2, "団体": 2}


def test_kind_column_override(tmp_path):
    rows = [["1", "山田", "一般", PARKING], ["2", "佐藤", "事業者", LIBRARY], ["3", "鈴木", "事業者", TREES]]
    path = _write(tmp_path / "form.csv", ["番号", "氏名", "応募者のタイプ", "ご意見"], rows)
    out = tmp_path / "out"
    lines = _run(out, path)  # not a name the tool knows: no split
    assert "kind =" not in lines[0] and _count_line(out) == "提出者数：3名（提出件数 3件）"
    lines = _run(out, path, extra=["--kind-column", "応募者のタイプ"])
    assert lines[0].endswith("submitter = 氏名 (guessed), kind = 応募者のタイプ"), lines[0]
    assert _count_line(out) == "提出者数：3（個人 1名、団体 2団体。提出件数 3件）"
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["settings"]["kind_column"] == "応募者のタイプ"
    # a 区分 column of other values is not guessed, but read when given: its values counted as written
    rows = [["1", "山田", "個人", PARKING], ["2", "佐藤", "その他", LIBRARY], ["3", "鈴木", "学生", TREES]]
    path2 = _write(tmp_path / "o.csv", ["番号", "氏名", "区分", "ご意見"], rows)
    assert "kind =" not in _run(out, path2)[0]
    lines = _run(out, path2, extra=["--kind-column", "区分"])
    assert lines[0].endswith("kind = 区分") and lines[1] == (
        "区分: 2 values not among the known kinds of submitter (個人, 団体), counted as written: 「その他」 1 row, "
        "「学生」 1 row"), lines[:2]
    assert _count_line(out) == "提出者数：3（個人 1名、その他 1名、学生 1名。提出件数 3件）"
    # a 団体名 column given is read as the organisation's name
    table = read_table(_write(tmp_path / "g.csv", ["番号", "氏名", "団体名", "法人名", "ご意見"],
                              [["1", "山田", "", "", PARKING]]))
    assert cio.choose_kind_columns(table, "法人名", choose_columns(table)) == {"kind": None, "organisation": "法人名"}
    # with several files the option applies to those that have the column; the others' are guessed (QA40)
    other = _write(tmp_path / "郵送.csv", ["番号", "氏名", "ご意見"], [["1", "高橋", BUS]])
    assert ("郵送.csv has no column '応募者のタイプ' (--kind-column): its column is guessed"
            in _run(tmp_path / "o2", path, other, extra=["--kind-column", "応募者のタイプ"]))
    assert _run(tmp_path / "o3", path, extra=["--kind-column", "ご意見"])[-1].startswith(
        "error: --kind-column 'ご意見' is the text column; the kind of submitter must come from another column")


def test_without_a_name_column_submissions_are_counted_by_kind(tmp_path):
    """No 氏名 column: the submissions by kind, said as the line without kinds says it. A CP932 file
    whose 提出者区分 column is not taken for a 氏名 column."""
    rows = [["1", "個人", PARKING], ["2", "団体", LIBRARY], ["3", "個人", TREES], ["4", "", BUS],
            ["5", "団体", TREES]]
    out = tmp_path / "out"
    lines = _run(out, _write(tmp_path / "郵送.csv", ["受付番号", "提出者区分", "ご意見"], rows, encoding="cp932"))
    assert "submitter = (none), kind = 提出者区分 (guessed)" in lines[0], lines[0]
    line = "提出件数：5件（個人 2件、団体 2件、区分不明 1件）（氏名の欄がないため、提出者数は数えていません）"
    assert _count_line(out) == line
    counts = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]
    assert counts["submitters_by_kind"] is None and counts["submissions_by_kind"] == {"個人": 2, "団体": 2, "区分不明": 1}


def test_several_files_one_without_the_column(tmp_path):
    web = _write(tmp_path / "電子申請.csv", ["受付番号", "氏名", "個人・団体", "ご意見"],
                 [["1", "山田", "個人", PARKING], ["2", "みどり自治会", "団体", TREES]])
    post = _write(tmp_path / "郵送.csv", ["受付番号", "氏名", "ご意見"], [["1", "佐藤", LIBRARY], ["2", "鈴木", BUS]])
    out = tmp_path / "out"
    lines = _run(out, web, post)
    assert ("郵送.csv has no column telling 個人 or 団体: its 2 rows count as 「区分不明」 in 提出者数 (give it a "
            "個人・団体 column to count them by kind)") in lines
    assert _count_line(out) == "提出者数：4（個人 1名、団体 1団体、区分不明 2名。提出件数 4件）"


def test_new_lines_in_japanese(tmp_path):
    form = _write(tmp_path / "form.csv", FORM, FORM_ROWS)
    web = _write(tmp_path / "電子申請.csv", ["受付番号", "氏名", "個人・団体", "ご意見"], [["1", "山田", "個人", PARKING]])
    post = _write(tmp_path / "郵送.csv", ["受付番号", "氏名", "ご意見"], [["1", "佐藤", LIBRARY]])
    checked = 0
    for k, args in enumerate([[form], [web, post], [form, "--kind-column", "備考"], [form, "--kind-column", "ご意見"]]):
        en = _run(tmp_path / f"en{k}", *args)
        ja = _run(tmp_path / f"ja{k}", *args, "--lang", "ja")
        checked += _lines_agree(en, ja, {str(tmp_path / f"ja{k}"): str(tmp_path / f"en{k}")})
    assert checked >= 12, checked
    ja = _run(tmp_path / "ja0", form, "--lang", "ja")
    assert "、個人・団体の別 = 個人・団体（推定）、団体名 = 団体名（推定）" in ja[0], ja[0]


def test_without_a_kind_column_the_report_is_as_before(tmp_path):
    """A 区分 column that holds no 個人 / 団体 values is no kind column: the read line, the count
    line and run.json's counts are as they were."""
    rows = [["1", "山田", "意見", PARKING], ["2", "佐藤", "質問", LIBRARY], ["3", "山田", "意見", TREES]]
    path = _write(tmp_path / "c.csv", ["受付番号", "氏名", "区分", "ご意見"], rows)
    table = read_table(path)
    assert cio.choose_kind_columns(table, taken=choose_columns(table)) == {"kind": None, "organisation": None}
    out = tmp_path / "out"
    lines = _run(out, path)
    assert lines[0].endswith("submitter = 氏名 (guessed)")
    assert "column not used: 区分 (only the columns named above are read)" in lines
    assert _count_line(out) == "提出者数：2名（提出件数 3件。同一の氏名による提出は1名として計上）"
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert "submitters_by_kind" not in info["counts"] and set(info["input"]["columns"]) == {
        "text", "id", "channel", "submitter"}


def test_kinds_written_in_kana_are_individuals_and_organisations():
    """QA42: 「こじん」 and 「ｺｼﾞﾝ」 were published as kinds of their own beside 個人."""
    assert [cio.submitter_kind(v) for v in ["こじん", "ｺｼﾞﾝ", "コジン", "だんたい", "ﾀﾞﾝﾀｲ", "学生"]] == [
        "個人", "個人", "個人", "団体", "団体", "学生"]


def test_an_organisation_signing_a_letter_of_another_file_counts_once(tmp_path):
    """QA42: 県消費者団体連絡会 sent two web rows (団体, its 団体名) and a letter signed with that name in a file
    without the kind column: counted as one 団体 and again under 区分不明."""
    from cluster.report import count_kinds
    from cluster.records import Submission

    subs = [Submission(1, "W-1", "…", submitter="森 一郎", kind="団体", organisation="県消費者団体連絡会"),
            Submission(2, "W-2", "…", submitter="森 一郎", kind="団体", organisation="県消費者団体連絡会"),
            Submission(3, "W-3", "…", submitter="川上 花子", kind="個人"),
            Submission(4, "L-1", "…", submitter="県消費者団体連絡会"),
            Submission(5, "L-2", "…", submitter="山田 太郎")]
    assert count_kinds(subs) == [("個人", 1, 1), ("団体", 1, 3), ("区分不明", 1, 1)]
