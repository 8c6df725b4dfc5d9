"""QA41: a city's こども向けパブリックコメント read from a web form's CSV (「いけんを書いてね」), the school
cards' workbook (a sheet a school, 「いけん」) and past answers given as comments.

- children's column names are guessed, never inside another hiragana word (「たいけん」);
- ``--text-column`` applies to the files that have the column, the others' is guessed; an unknown
  column is named with its file, without the column the reader added (シート);
- a past-answers table given as comments is read, with a warning;
- the lines QA41 met in English under ``--lang ja`` are Japanese;
- a ``--final`` report with one row classed: no 「0項目」 lines, no 「対応区分が未記入」 note.
Invented texts."""
from __future__ import annotations

import json

import pytest

from conftest import cluster_of, invoke, read_csv_rows, write_csv, write_workbook
from test_messages_ja import _cli, _lines_agree

from cluster.io import TEXT_COLUMN_CANDIDATES, guess_column
from cluster.messages_ja import is_known, translate

CHAR = ("--model", "char-hash")

WEB = [["2026/06/01 8:00", "小3", "ゆいゆい", "こうえんを もっと ふやしてほしい！！"],
       ["2026/06/01 9:10", "中1", "ハル", "図書館で勉強できる席をふやしてほしい"],
       ["2026/06/02 10:20", "小5", "", "通学路に信号をつけてほしい。車がこわいです"]]
CARDS = {
    "みなと小": [["番号", "学年", "いけん"], ["1", "小2", "きゅうしょくを おいしくしてほしい"],
                ["2", "小4", "学校のトイレをきれいにしてほしい"]],
    "東小": [["番号", "学年", "いけん"], ["1", "小6", "じどうかんを ふやして ほしいです"],
            ["2", "小1", "ボールあそびができる公園がほしい〜"]],
}


def _web(tmp_path):
    return write_csv(tmp_path / "電子申請_こどもフォーム.csv", ["タイムスタンプ", "学年", "ニックネーム", "いけんを書いてね"], WEB)


def _cards(tmp_path):
    return write_workbook(tmp_path / "学校で書いたカード.xlsx", CARDS)


# ------------------------------------------------------------------ 1. children's column names


@pytest.mark.parametrize("columns, text", [
    (["タイムスタンプ", "学年", "ニックネーム", "いけんを書いてね"], "いけんを書いてね"),
    (["番号", "学年", "いけん"], "いけん"),
    (["番号", "ごいけん"], "ごいけん"),
    (["番号", "あなたのいけん"], "あなたのいけん"),
    (["番号", "おねがい"], "おねがい"),
    (["番号", "かんがえ"], "かんがえ"),
    (["たいけんしたこと", "いけん"], "いけん"),  # 体験 is no opinion; the exact name wins anyway
])
def test_childrens_text_columns_are_guessed(columns, text):
    assert guess_column(columns, TEXT_COLUMN_CANDIDATES, what="text", required=False) == text


@pytest.mark.parametrize("other", [
    "たいけんしたこと",  # 体験: 「いけん」 inside another hiragana word
    "はいけんしました",
    "いけんばんごう",
    "保護者へのおねがい",  # 「おねがい」 and 「かんがえ」 only as the whole name
    "しのかんがえ",
])
def test_ikens_inside_other_words_are_not_the_text(other):
    columns = ["番号", other, "あなたのいけん"]  # (before the text column, so a plain containment takes it)
    assert guess_column(columns, TEXT_COLUMN_CANDIDATES, what="text", required=False) == "あなたのいけん"


def test_a_web_form_and_school_cards_are_read_without_renaming_their_columns(tmp_path):
    out = tmp_path / "out"
    result = invoke("run", _web(tmp_path), _cards(tmp_path), "--out", out, *CHAR)
    assert result.exit_code == 0, result.output
    assert "text = いけんを書いてね (guessed)" in result.output
    assert "text = いけん (guessed)" in result.output
    rows = [r for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"]
    assert len(rows) == 7


# ------------------------------------------------------------------ 2. --text-column for several files


def test_a_text_column_option_applies_to_the_files_that_have_it(tmp_path):
    out = tmp_path / "out"
    result = invoke("run", _web(tmp_path), _cards(tmp_path), "--text-column", "いけんを書いてね", "--out", out, *CHAR)
    assert result.exit_code == 0, result.output
    assert ("学校で書いたカード.xlsx has no column 'いけんを書いてね' (--text-column): its column is guessed"
            in result.output)
    assert "text = いけんを書いてね, " in result.output  # given for the web form
    assert "text = いけん (guessed)" in result.output
    assert len([r for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"]) == 7


def test_an_unknown_column_is_named_with_its_file_and_without_the_sheet_column(tmp_path):
    cards, web = _cards(tmp_path), _web(tmp_path)
    result = invoke("run", cards, web, "--text-column", "ないよ", "--out", tmp_path / "o1", *CHAR)
    assert result.exit_code != 0
    line = next(ln for ln in result.output.splitlines() if "unknown text column" in ln)
    assert line == "error: 学校で書いたカード.xlsx: unknown text column 'ないよ'; the file has: 番号, 学年, いけん"
    result = invoke("run", web, cards, "--id-column", "受付番号", "--out", tmp_path / "o2", *CHAR)
    assert result.exit_code != 0
    assert "error: 電子申請_こどもフォーム.csv: unknown id column '受付番号'; the file has: " in result.output
    result = invoke("run", cards, "--submitter-column", "氏名", "--out", tmp_path / "o3", *CHAR)
    assert "error: 学校で書いたカード.xlsx: unknown submitter column '氏名'; the file has: 番号, 学年, いけん" \
        in result.output
    nothing = write_csv(tmp_path / "メモ.csv", ["a", "b"], [["1", "2"]])
    result = invoke("run", web, nothing, "--out", tmp_path / "o4", *CHAR)
    assert "error: メモ.csv: cannot guess the text column; give --text-column (the file has: a, b)" in result.output


# ------------------------------------------------------------------ 3. past answers given as comments

PAST = [["1", "公園をふやしてほしい。", "身近な公園の整備を計画的に進めてまいります。", "公園緑地課"],
        ["2", "児童館を中学生も使えるようにしてほしい。", "中高生の居場所づくりについて、検討してまいります。", "こども家庭課"],
        ["3", "通学路を安全にしてほしい。", "関係機関と連携し、通学路の安全点検を行ってまいります。", "学校教育課"]]


def test_a_past_answers_table_given_as_comments_is_read_with_a_warning(tmp_path):
    past = write_csv(tmp_path / "前回の考え方.csv", ["No.", "ご意見の概要", "市の考え方", "担当課"], PAST)
    out = tmp_path / "out"
    result = invoke("run", _web(tmp_path), past, "--out", out, *CHAR)
    assert result.exit_code == 0, result.output  # staff may mean it: read, not refused
    assert ("warning: 前回の考え方.csv looks like a table of past answers: its column 市の考え方 holds answers beside "
            "the opinions in ご意見の概要; its rows are read as this consultation's opinions (counted and published); "
            "if it holds the answers of an earlier consultation, give it with --answers instead") in result.output
    assert len(read_csv_rows(out / "opinions.csv")) == 6
    # a reply-wanted or status column of a comment form is no answer column
    comments = write_csv(tmp_path / "comments.csv", ["番号", "ご意見", "回答希望", "対応"],
                         [["1", "公園をふやしてほしい。", "有", "済"], ["2", "図書館を夜まで開けてほしい。", "無", ""]])
    result = invoke("run", comments, "--out", tmp_path / "out2", *CHAR)
    assert result.exit_code == 0, result.output
    assert "past answers" not in result.output


# ------------------------------------------------------------------ 4. --lang ja

CAMPAIGN_A = "みどり公園にボール遊びができる広場を作ってください。子どもたちが思い切り体を動かせる場所が近くにありません。"
CAMPAIGN_B = "みどり公園にボール遊びができる広場を作ってください。今は道路で遊ぶしかなく、車が通るたびに危ない思いをしています。"


def _ja_inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    camp = write_csv(d / "郵送.csv", ["番号", "ご意見"],
                     [[f"L{i}", CAMPAIGN_A] for i in range(1, 7)] + [[f"L{i}", CAMPAIGN_B] for i in range(7, 13)]
                     + [["L13", "図書館の開館時間を延長してほしい。"]])
    cards = _cards(d)
    past = write_csv(d / "前回の考え方.csv", ["No.", "ご意見の概要", "市の考え方", "担当課"], PAST)
    pa_bad = write_csv(d / "pa_bad.csv", ["ご意見の概要"], [["公園を増やして"]])
    topics = write_csv(d / "topics.csv", ["章の名前", "説明"], [["第1章 公園", "公園"]])
    broken = d / "意見まとめ.xlsx"
    broken.write_bytes(b"PK\x03\x04junk")
    return [[camp, cards], [cards, _web(d), "--text-column", "いけんを書いてね"], [camp, past],
            [camp, "--answers", pa_bad], [camp, "--topics", topics], [broken], [cards, "--text-column", "ないよ"]]


def test_the_lines_qa41_met_in_english_are_japanese(tmp_path):
    checked = 0
    seen = []
    for k, args in enumerate(_ja_inputs(tmp_path)):
        out_en, out_ja = tmp_path / f"en{k}", tmp_path / f"ja{k}"
        en = _cli("run", *args, "--out", out_en, *CHAR)
        ja = _cli("run", *args, "--out", out_ja, *CHAR, "--lang", "ja")
        checked += _lines_agree(en, ja, {str(out_ja): str(out_en)})
        seen += ja
    assert checked >= 30
    said = "\n".join(seen)
    for english in ("read as one table", "sheets with the same columns", "campaigns of different wording",
                    "cannot guess", "no topic column", "not an Excel workbook", "File is not a zip file",
                    "looks like a table of past answers", "has no column", "unknown text column"):
        assert english not in said, english
    # the sheets line gives the real first id, not always FAX-1
    assert "IDの前にシート名を付けました（みなと小-1）" in said
    assert "C001 には、文面の違う同文意見のグループが2個入っています" in said
    assert "pa_bad.csv：回答（考え方）の列がわかりません。--answer-text-column で指定してください" in said
    assert "意見まとめ.xlsx：読み込めるExcelのブックではありません" in said


@pytest.mark.parametrize("line", [
    "note: 3 more rows hold campaigns of different wording, with smaller second campaigns: C004, C009, C012 "
    "(clusters.csv: campaign_copies; `cluster review show` lists a row's texts)",
    "3 sheets with the same columns read as one table (郵送 2, ＦＡＸ 2, 電子メール 1 rows); each sheet's name is read as "
    "the channel (提出方法（シート名）); 受付番号 repeats across sheets, so each id has its sheet's name in front (郵送-1)",
    "2 sheets with the same columns read as one table (郵送 2, 意見交換会 2 rows); column シート names each row's sheet "
    "(--channel-column シート counts the sheets as channels in 提出方法別)",
    "error: 受付.xlsx: unknown kind column '区分'; the file has: 番号, ご意見",
])
def test_variants_of_those_lines_are_japanese(line):
    ja = translate(line)
    assert is_known(line) and ja != line
    assert not any(w in ja for w in ("sheets", "campaigns", "unknown", "read as"))


# ------------------------------------------------------------------ 5. 対応区分 in a --final report

LETTERS = ["公園をふやしてほしい。ボール遊びができる場所がありません。", "図書館を夜まで開けてほしい。",
           "通学路に信号をつけてほしい。", "給食のおかわりをもっとしたい。", "児童館を中学生も使えるようにしてほしい。"]


def test_a_final_report_with_one_row_classed_counts_no_empty_classes(tmp_path):
    src = write_csv(tmp_path / "郵送.csv", ["番号", "ご意見"], [[str(i), t] for i, t in enumerate(LETTERS, 1)])
    out = tmp_path / "out"
    assert invoke("run", src, "--out", out, *CHAR).exit_code == 0
    row = cluster_of(out)["1-1"]
    assert invoke("review", "category", out, row, "参考").exit_code == 0
    assert invoke("run", src, "--out", out, *CHAR).exit_code == 0
    draft = (out / "report.md").read_text(encoding="utf-8")
    assert "※対応区分が未記入の項目が" in draft  # a draft names the rows still unclassed
    assert "0項目" not in draft  # a class without rows says nothing while rows are unclassed
    assert "対応区分C　今後の取組の参考とするもの：1項目" in draft
    result = invoke("run", src, "--out", out, "--final", *CHAR)
    assert result.exit_code == 0, result.output
    final = (out / "report.md").read_text(encoding="utf-8")
    assert "※対応区分が未記入" not in final and "0項目" not in final
    assert "対応区分未記入：" in final  # counted above the table, as README says
    clusters = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]["clusters"]
    assert f"対応区分未記入：{clusters - 1}項目" in final


def test_every_row_classed_counts_the_empty_classes_too():
    from types import SimpleNamespace

    from cluster.categories import DEFAULT_CATEGORIES, count_lines

    rows = [SimpleNamespace(category="C", count=3), SimpleNamespace(category="A", count=1)]
    lines = count_lines(rows, DEFAULT_CATEGORIES)
    assert "対応区分B　ご意見の趣旨が既に案に盛り込まれているもの：0項目（意見 0件）" in lines
    assert not any("未記入" in ln for ln in lines)
    partial = count_lines(rows + [SimpleNamespace(category="", count=2)], DEFAULT_CATEGORIES)
    assert partial == ["対応区分A　ご意見を踏まえ案を修正したもの：1項目（意見 1件）",
                       "対応区分C　今後の取組の参考とするもの：1項目（意見 3件）", "対応区分未記入：1項目（意見 2件）"]
