"""A submission typed over several rows, one opinion per row (a 受付簿 / 意見整理表 whose 受付番号
repeats on each of a letter's rows, or a 受付番号 cell merged over them): one submission in
提出件数, 提出者数 and 提出方法別, its opinions numbered on (1-1, 1-2, 1-3), every row kept."""

from __future__ import annotations

import json

import pytest
from conftest import invoke, read_csv_rows, write_csv

from cluster.io import assign_comment_ids, rows_of_one_submission
from cluster.messages_ja import is_known, translate  # noqa: F401

HEADER = ["受付番号", "意見番号", "提出方法", "氏名", "ご意見"]
LEDGER = [
    ["1", "1", "電子メール", "山田太郎", "図書館の開館時間を夜8時まで延長してください。"],
    ["1", "2", "電子メール", "山田太郎", "駅前に駐輪場を増やしてください。"],
    ["1", "3", "電子メール", "山田太郎", "公民館の予約をインターネットでできるようにしてください。"],
    ["2", "4", "郵送", "佐藤花子", "図書館の開館時間を延ばしてほしいです。仕事帰りに寄れません。"],
    ["3", "5", "FAX", "鈴木一郎", "駐輪場が足りないので増設してください。"],
    ["3", "6", "FAX", "", "公民館の予約をオンライン化してほしい。"],  # 氏名 on the first row only
    ["4", "7", "持参", "高橋次郎", "特にありません。"],
]


def _run(tmp_path, rows, *extra, header=HEADER):
    src = write_csv(tmp_path / "ledger.csv", header, rows)
    out = tmp_path / "out"
    res = invoke("run", src, "--out", out, "--model", "char-hash", *extra)
    assert res.exit_code == 0, res.output
    return out, res.output


def test_runs_are_consecutive_rows_that_agree():
    ids = [r[0] for r in LEDGER]
    who = [(r[2], r[3]) for r in LEDGER]
    texts = [r[4] for r in LEDGER]
    assert rows_of_one_submission(ids, who, texts) == [[0, 1, 2], [4, 5]]
    # the same 受付番号 apart in the file, under another 氏名, or with the same text twice: not one submission
    assert rows_of_one_submission(["1", "2", "1"], [("",)] * 3, ["あ", "い", "う"]) == []
    assert rows_of_one_submission(["1", "1"], [("山田",), ("佐藤",)], ["あ", "い"]) == []
    assert rows_of_one_submission(["1", "1"], [("郵送", "山田"), ("FAX", "山田")], ["あ", "い"]) == []
    assert rows_of_one_submission(["1", "1"], [("山田",), ("山田",)], ["同じ文", "同じ文"]) == []
    # two sheets read as one table: a run never crosses from one sheet to the next
    assert rows_of_one_submission(["1", "1"], [("",)] * 2, ["あ", "い"], row_sheets=["郵送", "FAX"]) == []


def test_rows_of_one_submission_keep_their_id_and_others_warn():
    ids, notes = assign_comment_ids(["1", "1", "2", "2", "1"], "受付番号", one_submission=[[2, 3]])
    assert ids == ["1", "1~2", "2", "2", "1~3"]
    assert any("1 submission typed over several rows" in n for n in notes)
    assert any("used by more than one row: 1 " in n for n in notes)  # the 1s apart still warn
    assert not any("used by more than one row: 2" in n for n in notes)


def test_ledger_counts_each_submission_once(tmp_path):
    out, output = _run(tmp_path, LEDGER)
    assert "受付番号: 2 submissions typed over several rows, one opinion per row" in output
    assert "4 submissions in 7 rows -> 7 opinion rows (6 with content)" in output
    assert "used by more than one row" not in output
    rows = read_csv_rows(out / "opinions.csv")
    assert [(r["opinion_id"], r["comment_id"], r["row_number"]) for r in rows] == [
        ("1-1", "1", "1"), ("1-2", "1", "2"), ("1-3", "1", "3"), ("2-1", "2", "4"),
        ("3-1", "3", "5"), ("3-2", "3", "6"), ("4-1", "4", "7")]
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "提出者数：4名（提出件数 4件）" in report
    assert "提出方法別：郵送 1件、持参 1件、FAX 1件、電子メール 1件" in report
    assert "意見総数：6件" in report and "意見を含まない提出：1件" in report
    counts = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]
    assert counts["input_rows"] == 7 and counts["submissions"] == 4
    assert counts["submissions_without_opinions"] == 1


def test_a_file_without_such_rows_keeps_its_counts(tmp_path):
    # the same opinions, one submission per row: no submissions key, the old line
    rows = [[str(k), str(k), r[2], r[3] or "鈴木一郎", r[4]] for k, r in enumerate(LEDGER, 1)]
    out, output = _run(tmp_path, rows)
    assert "7 submissions -> 7 opinion rows" in output and "typed over several rows" not in output
    counts = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]
    assert "submissions" not in counts
    assert "提出件数 7件" in (out / "report.md").read_text(encoding="utf-8")


def test_repeats_apart_in_the_file_stay_separate_submissions(tmp_path):
    rows = [LEDGER[0], LEDGER[3], [*LEDGER[1][:4], LEDGER[1][4]]]  # 1, 2, 1: not consecutive
    out, output = _run(tmp_path, rows)
    assert "used by more than one row: 1 " in output
    assert [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")] == ["1", "2", "1~2"]
    assert "提出件数 3件" in (out / "report.md").read_text(encoding="utf-8")


def test_merged_id_cells_in_excel_are_one_submission(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["受付番号", "提出方法", "氏名", "ご意見"])
    for r in LEDGER[:6]:
        first = r[1] in ("1", "4", "5")
        ws.append([r[0] if first else None, r[2] if first else None, r[3] if first else None, r[4]])
    for col in "ABC":
        ws.merge_cells(f"{col}2:{col}4")
        ws.merge_cells(f"{col}6:{col}7")
    wb.save(tmp_path / "ledger.xlsx")
    out = tmp_path / "out"
    res = invoke("run", tmp_path / "ledger.xlsx", "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "3 submissions in 6 rows" in res.output
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "提出者数：3名（提出件数 3件）" in report and "FAX 1件" in report


def test_two_rows_of_one_submission_in_one_row_are_named(tmp_path):
    # a near copy typed on the submission's second row: grouped with the first, each counted, and said
    rows = [["1", "1", "郵送", "山田太郎", "図書館の開館時間を夜8時まで延長してください。"],
            ["1", "2", "郵送", "山田太郎", "図書館の開館時間を夜8時まで延長してください。お願いします。"],
            *LEDGER[3:]]
    out, output = _run(tmp_path, rows)
    clusters = {r["opinion_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv")}
    assert clusters["1-1"] == clusters["1-2"]
    line = next(x for x in output.splitlines() if "holds two or more opinions of one submission" in x)
    # ... without offering a join (a join works within one row, QA55)
    assert "(1-1, 1-2)" in line and "cluster review join" not in line and "cluster review move" in line


def test_join_across_rows_is_refused_with_a_clear_line(tmp_path):
    out, _ = _run(tmp_path, LEDGER)
    res = invoke("review", "join", out, "1-1", "1-2")
    assert res.exit_code != 0
    assert "are on different rows of submission 1 (rows 1 and 2 in opinions.csv)" in res.output
    assert "Traceback" not in res.output


@pytest.mark.parametrize("line", [
    "受付番号: 2 submissions typed over several rows, one opinion per row, each counts once in 提出件数 and 提出者数, "
    "its opinions numbered on (1-1, 1-2, 1-3): 1 on rows 1, 2, 3 in opinions.csv (lines 2, 3, 4 of the file); "
    "3 on rows 5, 6 in opinions.csv (lines 6, 7 of the file)",
    "4 submissions in 7 rows -> 7 opinion rows (6 with content)",
    "merged cells: filled 6 merged ranges with the value of their first row (受付番号 2, 氏名 2, 提出方法 2)",
    "1-1 and 1-2 are on different rows of submission 1 (rows 1 and 2 in opinions.csv); only opinions of one row can be joined: "
    "to make them one opinion, put the text in one row of the input",
])
def test_lines_read_in_japanese(line):
    ja = translate(line)
    assert is_known(line) and not any(w in ja for w in ("submission", "rows", "typed", "joined"))


def test_a_blank_line_between_a_submissions_rows_does_not_part_them(tmp_path):
    src = tmp_path / "ledger.csv"
    lines = [",".join(HEADER)] + [",".join(r) for r in LEDGER[:3]] + [",,,,"] + [",".join(r) for r in LEDGER[3:]]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    res = invoke("run", src, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    lines2 = [",".join(HEADER)] + [",".join(r) for r in LEDGER[:2]] + [",,,,"] + [",".join(r) for r in LEDGER[2:]]
    src.write_text("\n".join(lines2) + "\n", encoding="utf-8")  # the blank line inside submission 1
    res = invoke("run", src, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "used by more than one row" not in res.output
    assert "提出者数：4名（提出件数 4件）" in (out / "report.md").read_text(encoding="utf-8")
    ids = [(r["opinion_id"], r["status"]) for r in read_csv_rows(out / "opinions.csv")]
    assert ids[:4] == [("1-1", "ok"), ("1-2", "ok"), ("row3-1", "empty"), ("1-3", "ok")]
    assert len({i for i, _ in ids}) == len(ids)


def test_an_id_on_the_first_row_only_is_said(tmp_path):
    rows = [["1", "1", "電子メール", "山田太郎", LEDGER[0][4]], ["", "2", "", "", LEDGER[1][4]],
            ["", "3", "", "", LEDGER[2][4]], ["2", "4", "郵送", "佐藤花子", LEDGER[3][4]]]
    out, output = _run(tmp_path, rows)
    assert ("note: 2 rows without a 受付番号 under a row with one, naming no 氏名 or 提出方法 (rows 2, 3 in opinions.csv "
            "(lines 3, 4 of the file)), each counts as a submission of its own") in output
    assert "fill in its 受付番号 or merge the cells" in output
    line = next(x for x in output.splitlines() if "under a row with one" in x)
    assert is_known(line)


def test_the_notebook_offers_no_join_for_rows_typed_one_opinion_each(tmp_path):
    from cluster import notebook_ui as ui
    from cluster.review import load_run

    out, _ = _run(tmp_path, LEDGER)
    assert ui.submission_options(load_run(out)) == []
