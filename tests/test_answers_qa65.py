"""QA65: staff reuse earlier consultations' answer tables. The worksheet and `review show` name the
candidate the report shows (a higher-scoring one matched by another opinion than the row's is held
back there, so it is not offered to the departments either)."""

from __future__ import annotations

import pytest
from conftest import invoke, read_csv_rows, write_csv

from cluster.messages_ja import is_known

PAST = [["P1", "公園の駐車場は有料化して管理費に充てるべきだ。", "公園駐車場の有料化については、他市の事例を踏まえ研究してまいります。"],
        ["P2", "さくら駅の駐輪場が足りないので増設してほしい。", "さくら駅周辺の駐輪場は、北口を中心に増設を検討してまいります。"],
        ["P3", "図書館の開館時間を延長してほしい。", "平日の開館時間を20時まで延長する方向で検討してまいります。"],
        ["P4", "市営駐車場に電気自動車の充電設備をつくってほしい。", "市営駐車場への充電設備の設置を検討してまいります。"]]
COMMENTS = [["1", "駅前の市営駐車場にEV充電器を設置してほしい。"],
            ["2", "駅前の市営駐車場にEV充電器を設置してほしい。急速充電器が望ましいです。"],
            ["3", "駅前の市営駐車場にEV充電器を設置してほしい。"],
            ["4", "さくら駅の駐輪場が満車です。駐輪場の増設をお願いします。"]]


def _worksheet_row(path, cluster_id):
    from openpyxl import load_workbook

    ws = load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "No.")
    return dict(zip(header, next(r for r in rows if len(r) > 1 and r[1] == cluster_id)))


def _mixed_row(tmp_path, *options):
    """The EV charger's row holding a 駐輪場 request too (moved there by staff): P2 answers the member best."""
    past = write_csv(tmp_path / "past.csv", ["No.", "ご意見の概要", "市の考え方"], PAST)
    src = write_csv(tmp_path / "in.csv", ["受付番号", "ご意見"], COMMENTS)
    out = tmp_path / "out"
    args = ("run", src, "--out", out, "--model", "char-hash", "--answers", past, *options)
    assert invoke(*args).exit_code == 0
    ev = next(r["cluster_id"] for r in read_csv_rows(out / "clusters.csv") if "EV" in r["representative"])
    invoke("review", "move", out, "4-1", ev)
    res = invoke(*args)
    assert res.exit_code == 0, res.output
    top = next(a for a in read_csv_rows(out / "answers.csv") if a["cluster_id"] == ev and a["rank"] == "1")
    assert top["answer_id"] == "P2"  # answers.csv keeps the best by score
    return out, ev


def test_the_worksheet_and_review_show_offer_the_reports_candidate(tmp_path):
    out, ev = _mixed_row(tmp_path, "--min-answer-score", "0.1")
    row = next(r for r in read_csv_rows(out / "clusters.csv") if r["cluster_id"] == ev)
    assert row["answer_status"] == "candidate" and row["answer_id"] == "P4"  # the report's: on the EV words
    sheet = _worksheet_row(out / "worksheet.xlsx", ev)
    assert sheet["回答案の番号"] == "P4" and sheet["回答の状態"] == "回答案あり"
    shown = invoke("review", "show", out, ev).output
    assert "candidate: past answer P4" in shown and "candidate: past answer P2" not in shown


def test_a_held_back_candidate_is_offered_only_as_a_weak_one(tmp_path):
    out, ev = _mixed_row(tmp_path)
    row = next(r for r in read_csv_rows(out / "clusters.csv") if r["cluster_id"] == ev)
    assert row["answer_status"] == "none"
    sheet = _worksheet_row(out / "worksheet.xlsx", ev)
    assert sheet["回答案の番号"] == "P2" and sheet["回答の状態"].startswith("未記入（参考")  # greyed, to check
    assert "answer: none confirmed, no candidate" in invoke("review", "show", out, ev).output


# --- last year's published table as it is kept: title rows, notes and a footer under the table

LAST_YEAR = [
    ["あおば市子育て支援計画（案）に対する意見募集の結果"],
    ["意見募集期間：令和7年1月6日～2月5日　意見総数：3件"],
    ["No.", "ご意見の概要", "件数", "市の考え方"],
    [1, "放課後児童クラブの待機児童が多い。定員を増やしてほしい。", 2, "小学校の余裕教室を活用し、定員の拡大を進めてまいります。"],
    [2, "病児保育室を市の南部にも設けてほしい。", 1, "南部地域への病児保育室の開設を検討してまいります。"],
    [3, "公園のトイレを洋式にしてほしい。", 4, "利用の多い公園から順次、洋式化を進めてまいります。"],
    ["※同趣旨の意見は一つにまとめております。"],
    ["【問い合わせ先】あおば市こども未来部子育て支援課"],
]


def test_notes_under_a_published_table_are_said_as_notes(tmp_path):
    from cluster.answers import read_past_answers
    from conftest import write_sheet

    past = write_sheet(tmp_path / "last_year.xlsx", LAST_YEAR)
    lines: list[str] = []
    records, _ = read_past_answers(past, log=lines.append)
    assert [r.answer_id for r in records] == ["1", "2", "3"]
    note = next(x for x in lines if "note rows" in x)
    assert note.startswith("past answers: last_year.xlsx: 2 note rows without an answer skipped") and is_known(note)
    assert "「※同趣旨の意見は一つにまとめております。」" in note
    assert not any("empty answer" in x for x in lines)  # no "merged cells?" advice for them


def test_a_column_of_numbers_given_as_the_answers_is_refused_with_the_right_one_named(tmp_path):
    from conftest import write_sheet

    past = write_sheet(tmp_path / "last_year.xlsx", LAST_YEAR)
    src = write_csv(tmp_path / "in.csv", ["受付番号", "ご意見"], [["1", "公園のトイレを洋式にしてください。"]])
    for column in ("件数", "No."):
        res = invoke("run", src, "--out", tmp_path / "out", "--model", "char-hash", "--answers", past,
                     "--answer-text-column", column)
        last = res.output.strip().splitlines()[-1]
        assert res.exit_code != 0 and "Traceback" not in res.output
        assert f"the answer column '{column}' holds numbers, not answer texts" in last
        assert "give --answer-text-column 市の考え方" in last and is_known(last.removeprefix("error: "))
    assert not (tmp_path / "out").exists()


def test_a_pdf_copys_line_breaks_inside_a_sentence_are_joined(tmp_path):
    from cluster.answers import read_past_answers

    past = write_csv(tmp_path / "ken.csv", ["No.", "意見の要旨", "県の考え方"], [
        ["1", "医療的ケア児を受け入れる保育所を増やしてほしい。",
         "医療的ケア児の受入れについては、看護師を配置する保育所への補助を拡充し、受入れ\n施設の増加を図ります。"],
        ["2", "相談窓口を増やしてほしい。",
         "相談窓口は次のとおり拡充します。\n・平日夜間の電話相談\n・土日のオンライン相談"],
        ["3", "周知してほしい。", "周知に努めます。\n今後も広報紙で\nお知らせします。"]])
    records, _ = read_past_answers(past, log=None)
    answers = {r.answer_id: r.answer for r in records}
    assert answers["1"].endswith("補助を拡充し、受入れ施設の増加を図ります。")
    assert answers["2"] == "相談窓口は次のとおり拡充します。\n・平日夜間の電話相談\n・土日のオンライン相談"  # a list stays
    assert answers["3"] == "周知に努めます。\n今後も広報紙で\nお知らせします。"  # short lines a writer ended stay


@pytest.mark.parametrize("answer", [
    "本市では以下の取組を進めています\n路線バスの増便補助\nデマンド交通の導入",
    "道路幅員に余裕のある路線では自転車道を整備します\n2　困難な路線は自転車専用通行帯を整備します\n3　その他の路線は表示を設置します",
    "バス停の待合環境については上屋を設置します\nイ　ベンチは順次設置してまいります",
])
def test_an_answers_own_list_lines_are_not_joined(answer):
    from cluster.answers import _unwrapped

    assert _unwrapped(answer) == answer  # (QA68: joined into one line and published so)


def test_latin_words_joined_across_a_break_keep_their_blank():
    from cluster.answers import _unwrapped

    assert _unwrapped("We will consider\nthe fare in the next review of the plan.") == \
        "We will consider the fare in the next review of the plan."


def test_a_loanword_in_brackets_after_a_kinship_word_is_no_name():
    from conftest import assert_masked

    assert_masked("家族の介護をしている子ども（ヤングケアラー）に気づいて支援してほしい。",
                  kept=["子ども（ヤングケアラー）"])
    assert_masked("母（ボランティア）として参加しています。", kept=["母（ボランティア）"])
    assert_masked("息子（ハルト）は小学生です。", secrets=["ハルト"])
    assert_masked("娘（ミオ）が通う保育園", secrets=["ミオ"])
    # names UniDic reads as words (QA68: サクラ + コ, モモ + カ, one loanword, one native word) stay names
    # ... and names made of loanwords (QA70)
    for name in ("サクラコ", "モモカ", "ヒマワリ", "ソフィア", "コスモス", "タイヨウ", "サマーローズ", "ライトスター"):
        assert_masked(f"長女（{name}）は小学生です。", secrets=[name])
    assert_masked("子ども（ステップファミリー）の支援", kept=["子ども（ステップファミリー）"])


def test_a_past_table_given_twice_or_copied_is_read_once(tmp_path):
    import shutil

    from cluster.answers import read_past_answers

    past = write_csv(tmp_path / "past.csv", ["No.", "ご意見の概要", "市の考え方"], PAST)
    copy = tmp_path / "past_copy.csv"
    shutil.copy(past, copy)
    lines: list[str] = []
    records, _ = read_past_answers([past, past, copy], log=lines.append)
    assert [r.answer_id for r in records] == ["P1", "P2", "P3", "P4"]  # one file: no file-name prefix
    assert "past answers: past.csv is given twice: read once" in lines
    said = "past answers: past_copy.csv is a copy of past.csv (the same content): read once, as past.csv"
    assert said in lines and is_known(said)


def test_a_wrong_file_given_as_past_answers_is_told_as_past_answers(tmp_path):
    import zipfile

    src = write_csv(tmp_path / "in.csv", ["受付番号", "ご意見"], COMMENTS)
    ods = tmp_path / "past.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    res = invoke("run", src, "--out", tmp_path / "o1", "--model", "char-hash", "--answers", ods)
    last = res.output.strip().splitlines()[-1]
    assert res.exit_code != 0 and "not a past-answer table; save the past answers as CSV or Excel (.xlsx)" in last
    assert is_known(last.removeprefix("error: "))
    run = tmp_path / "last_year"
    assert invoke("run", src, "--out", run, "--model", "char-hash").exit_code == 0
    res = invoke("run", src, "--out", tmp_path / "o2", "--model", "char-hash", "--answers", run)
    last = res.output.strip().splitlines()[-1]
    assert res.exit_code != 0 and f"is a folder, not a file (a run folder: give its report.xlsx, {run / 'report.xlsx'}" in last
    assert is_known(last.removeprefix("error: "))


def test_answers_written_for_another_body_are_warned_of(tmp_path):
    past = write_csv(tmp_path / "ken.csv", ["No.", "意見の要旨", "県の考え方"], PAST)
    src = write_csv(tmp_path / "in.csv", ["受付番号", "ご意見"], COMMENTS)
    res = invoke("run", src, "--out", tmp_path / "out", "--model", "char-hash", "--answers", past,
                 "--answer-heading", "市の考え方")
    line = next(x for x in res.output.splitlines() if "another body" in x)
    assert line.startswith("warning: past answers: ken.csv: its answers are 「県の考え方」, this report's column is 「市の考え方」")
    assert is_known(line.removeprefix("warning: "))
    res = invoke("run", src, "--out", tmp_path / "out2", "--model", "char-hash", "--answers", past,
                 "--answer-heading", "県の考え方")
    assert "another body" not in res.output
    ours = write_csv(tmp_path / "honshi.csv", ["No.", "意見の要旨", "本市の考え方"], PAST)
    res = invoke("run", src, "--out", tmp_path / "out3", "--model", "char-hash", "--answers", ours,
                 "--answer-heading", "みなと市の考え方")
    assert "another body" not in res.output  # a 市's both (QA68)


def test_a_note_row_without_a_number_is_no_continuation_of_the_answer_above(tmp_path):
    from cluster.answers import read_past_answers

    past = write_csv(tmp_path / "pref.csv", ["No.", "意見の要旨", "県の考え方"], [
        ["1", "運賃を値上げしないでほしい。", "運賃の改定は慎重に検討します。"],
        ["", "※同趣旨のご意見はまとめて掲載しています。", ""],
        ["2", "バス停に屋根をつけてほしい。", "利用の多い停留所から上屋を設置してまいります。"]])
    lines: list[str] = []
    records, _ = read_past_answers(past, log=lines.append)
    assert [r.opinion for r in records] == ["運賃を値上げしないでほしい。", "バス停に屋根をつけてほしい。"]
    assert any("1 note row without an answer skipped" in x for x in lines)
