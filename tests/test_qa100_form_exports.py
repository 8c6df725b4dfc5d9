"""QA100: the raw exports of the web-form services cities use (LoGoフォーム, Graffer, e-Tumo, Googleフォーム, Microsoft
Forms, kintone, e-Gov), each row accounted for. A 郵送 sheet typed by staff with a blank 市の考え方 column was passed
over as a working sheet (its letters missing from the counts), a Google form whose question does not say 「意見」 was
refused as a file without a header, staff's test submissions were counted without a word, and a file named after its
form service was a channel of its own. The exports were written for these tests."""
from __future__ import annotations

import pytest

from conftest import invoke, read_csv_rows, write_csv, write_workbook
from cluster.io import channel_in_name

WEB = [["回答ID", "回答日時", "お名前", "ご意見"],
       ["501", "2026-01-10 10:00", "高橋 三郎", "市営住宅の建て替えを早く進めてください。"],
       ["502", "2026-01-11 11:00", "田村 和子", "高齢者向けの住宅を増やしてほしいです。"]]


def letters(answers):
    return [["受付番号", "氏名", "ご意見", "市の考え方"],
            *[[f"P{k}", name, text, answer] for k, (name, text, answer) in enumerate(zip(
                ["山田 一郎", "佐藤 花子", "鈴木 次郎"],
                ["空き家の活用を進めてください。", "家賃補助の対象を広げてほしい。", "住宅の耐震改修に補助を出してください。"],
                answers), 1)]]


def test_letters_typed_in_beside_the_form_are_read_with_their_blank_answer_column(tmp_path):
    answers = ["", "", ""]
    post = letters(answers)
    out = tmp_path / "out"
    result = invoke("run", write_workbook(tmp_path / "住宅計画_意見.xlsx", {"Web": WEB, "郵送": post}), "--out", out,
                    "--model", "char-hash")
    assert result.exit_code == 0, result.output
    texts = {r["text"] for r in read_csv_rows(out / "opinions.csv")}
    assert "空き家の活用を進めてください。" in texts and "市営住宅の建て替えを早く進めてください。" in texts
    assert "意見総数：5件" in (out / "report.md").read_text(encoding="utf-8")


def test_a_sheet_with_answers_written_stays_passed_over_and_is_named_with_its_rows(tmp_path):
    """A sheet holding staff's answers, 氏名 or not, may be a working sheet copied from the letters (QA101: read,
    its letters were counted twice); passed over, it is named with its rows so staff can tell a list left out."""
    out = tmp_path / "out"
    result = invoke("run", write_workbook(tmp_path / "意見.xlsx", {"Web": WEB, "郵送": letters(["検討します。", "", ""])}),
                    "--out", out, "--model", "char-hash")
    assert result.exit_code == 0, result.output
    assert "sheet 郵送 (a working sheet (a 考え方 or 回答 column), 3 rows) not read" in result.output


def test_a_handling_status_column_is_no_answer(tmp_path):
    fax = [["受付番号", "ご意見", "対応状況"], ["F1", "公営住宅の家賃を下げてください。", "未対応"],
           ["F2", "住宅のバリアフリー改修に補助をお願いします。", "対応中"]]
    out = tmp_path / "out"
    result = invoke("run", write_workbook(tmp_path / "意見.xlsx", {"Web": WEB, "FAX": fax}), "--out", out,
                    "--model", "char-hash")
    assert result.exit_code == 0, result.output
    assert "公営住宅の家賃を下げてください。" in {r["text"] for r in read_csv_rows(out / "opinions.csv")}


@pytest.mark.parametrize("column, cells", [("ご質問はありますか", ["はい", "いいえ"]),
                                           ("ご要望の分野（複数選択可）", ["公園", "道路"])])
def test_a_choice_whose_name_sounds_like_writing_is_no_text_column(tmp_path, column, cells):
    header = ["タイムスタンプ", column, "計画案について、お気づきの点を自由にお書きください。"]
    rows = [["2026/01/10 10:00:00", cells[0], "図書館の開館時間を延長してください。"],
            ["2026/01/11 09:30:00", cells[1], "駅前の駐輪場を増やしてください。"]]
    out = tmp_path / "out"
    result = invoke("run", write_csv(tmp_path / "form.csv", header, rows), "--out", out, "--model", "char-hash")
    assert result.exit_code == 0, result.output
    assert [r["text"] for r in read_csv_rows(out / "opinions.csv")] == [rows[0][2], rows[1][2]]


def test_staffs_working_sheet_is_still_passed_over_and_its_rows_counted_in_the_line(tmp_path):
    work = [["No.", "ご意見の概要", "市の考え方"], ["1", "市営住宅の建て替え", "計画的に進めます。"],
            ["2", "高齢者向け住宅", "検討します。"]]
    out = tmp_path / "out"
    result = invoke("run", write_workbook(tmp_path / "意見.xlsx", {"Web": WEB, "整理": work}), "--out", out,
                    "--model", "char-hash")
    assert result.exit_code == 0, result.output
    assert "sheet 整理 (a working sheet (a 考え方 or 回答 column), 2 rows) not read" in result.output
    assert "計画的に進めます。" not in {r["text"] for r in read_csv_rows(out / "opinions.csv")}


def test_a_google_forms_question_as_the_column_name_is_the_text_column(tmp_path):
    header = ["タイムスタンプ", "メールアドレス", "計画案について、お気づきの点やご提案を自由にお書きください。", "年代"]
    rows = [["2026/01/10 10:00:00", "a@example.jp", "図書館の開館時間を延長してください。", "30代"],
            ["2026/01/11 09:30:00", "b@example.jp", "駅前の駐輪場を増やしてください。", "40代"]]
    out = tmp_path / "out"
    result = invoke("run", write_csv(tmp_path / "form.csv", header, rows), "--out", out, "--model", "char-hash")
    assert result.exit_code == 0, result.output
    assert "text = 計画案について、お気づきの点やご提案を自由にお書きください。 (guessed)" in result.output
    assert [r["text"] for r in read_csv_rows(out / "opinions.csv")] == [rows[0][2], rows[1][2]]
    assert "a@example.jp" not in (out / "report.md").read_text(encoding="utf-8")


def test_staffs_tests_of_the_form_are_named(tmp_path):
    rows = [["1", "テスト"], ["2", "図書館の開館時間を延長してください。"],
            ["3", "テスト送信です。表示の確認のため送信しました。"], ["4", "特にありません。"]]
    result = invoke("run", write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], rows), "--out", tmp_path / "out",
                    "--model", "char-hash")
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.output.splitlines() if "only test the form" in ln)
    assert line.startswith("2 submissions only test the form") and ": 1, 3;" in line  # not 4: it says it has no opinion


@pytest.mark.parametrize("name, channel", [("Googleフォーム_環境計画", "電子申請"), ("LoGoフォーム_回答", "電子申請"),
                                           ("Graffer申請データ", "電子申請"), ("e-Tumo", "電子申請"),
                                           ("kintone_意見", "kintone_意見"), ("郵送分", "郵送")])
def test_a_file_named_after_its_form_service_counts_as_電子申請(name, channel):
    assert channel_in_name(name) == channel


@pytest.mark.parametrize("sheet", [
    [["No.", "ご意見", "担当課", "対応状況"], ["1", "市営住宅の建替えを早く進めて下さい。", "住宅課", "対応中"],
     ["2", "高齢者向けの住宅を増やして欲しいです。", "住宅課", "未対応"]],
    [["No.", "氏名", "ご意見の要旨", "市の考え方"], ["1", "高橋 三郎", "市営住宅の建て替えの早期実施", ""],
     ["2", "田村 和子", "高齢者向け住宅の増設", ""]],
])
def test_a_work_list_or_a_summary_table_retyping_the_texts_is_staffs(tmp_path, sheet):
    """QA102: read as comments, the letters were counted twice."""
    out = tmp_path / "out"
    result = invoke("run", write_workbook(tmp_path / "意見.xlsx", {"Web": WEB, "整理": sheet}), "--out", out,
                    "--model", "char-hash")
    assert result.exit_code == 0, result.output
    assert "sheet 整理 (a working sheet (a 考え方 or 回答 column), 2 rows) not read" in result.output
    assert "意見総数：2件" in (out / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("column", ["関心のある分野を自由にお選びください", "ご記入いただいた方の年代"])
def test_a_choice_worded_as_a_prompt_is_no_text_column(tmp_path, column):
    header = ["タイムスタンプ", column, "計画案について、お気づきの点を自由にお書きください。"]
    rows = [["2026/01/10 10:00:00", "公園", "図書館の開館時間を延長してください。"],
            ["2026/01/11 09:30:00", "道路", "駅前の駐輪場を増やしてください。"]]
    out = tmp_path / "out"
    result = invoke("run", write_csv(tmp_path / "form.csv", header, rows), "--out", out, "--model", "char-hash")
    assert result.exit_code == 0, result.output
    assert [r["text"] for r in read_csv_rows(out / "opinions.csv")] == [rows[0][2], rows[1][2]]
