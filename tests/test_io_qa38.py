"""Office files (QA38): a CP932 CSV saved by Excel writes 「?」 for a character CP932 lacks (𠮷, 髙, an
emoji), so the reader warns with the rows; a workbook written by a program keeps its total row's
formula uncalculated (「合計」 beside 「=COUNTA(…)」), which is no opinion. Texts invented."""
from __future__ import annotations

from cluster.messages_ja import translate
from cluster.pipeline import RunOptions, read_submissions


def test_question_marks_inside_words_of_a_cp932_file_are_named(tmp_path):
    path = tmp_path / "郵送.csv"
    path.write_bytes(("受付番号,ご意見\n"
                      "1,?野家の前の歩道にベンチを置いてください。\n"
                      "2,バス停の時刻表は見やすいですか?また、文字を大きくしてほしい。\n"
                      "3,公園に?を植えてください。\n"
                      "4,図書館の開館時間を延ばしてください。\n").encode("cp932"))
    lines: list[str] = []
    read_submissions(path, RunOptions(), lines.append)
    warning, = [line for line in lines if "「?」" in line]
    assert warning.startswith("warning: 2 rows of this CP932 file hold 「?」 inside Japanese words (rows 1, 3")
    assert translate(warning).startswith("警告：このCP932のファイルの2行で、日本語の語の中に「?」があります")
    # the same text in UTF-8 is not Excel's doing: no warning
    path.write_text(path.read_bytes().decode("cp932"), encoding="utf-8")
    lines.clear()
    read_submissions(path, RunOptions(), lines.append)
    assert not [line for line in lines if "「?」" in line]


def test_an_uncalculated_total_formula_under_the_data_is_no_submission(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["受付番号", "提出方法", "ご意見"])
    ws.append(["1", "郵送", "駅前の駐輪場を増やしてください。"])
    ws.append(["2", "FAX", "バスの本数を増やしてください。"])
    ws.append(["", "合計", '=COUNTA(C2:C3)&"件"'])  # openpyxl stores no calculated value
    wb.save(tmp_path / "郵送.xlsx")
    lines: list[str] = []
    subs, info = read_submissions(tmp_path / "郵送.xlsx", RunOptions(), lines.append)
    assert [s.text for s in subs] == ["駅前の駐輪場を増やしてください。", "バスの本数を増やしてください。"]
    assert info["footer_rows"] and "COUNTA" in info["footer_rows"][0]
