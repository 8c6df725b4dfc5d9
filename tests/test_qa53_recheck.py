"""QA53, a re-check of the session's fixes on a new consultation (a 図書館・公民館再編計画): what it still found."""
from __future__ import annotations

import pytest
from conftest import invoke, model_args, read_csv_rows, write_csv

from cluster.mask import mask_personal_data
from cluster.normalize import is_empty_opinion
from cluster.split import split_submission
from cluster.stance import question_polarity

FORM_HEADER = ["タイムスタンプ", "第2章について", "第3章について", "その他ご意見"]
COURTESY = "いつもありがとうございます。特にありません。"


def test_question_columns_whose_answers_repeat_are_read(tmp_path):
    # the same courtesy answers and a request typed twice: the column was taken for no free text, unread
    ch2 = ["北図書館分室を残してください。", "閲覧席を増やしてほしいです。", COURTESY, COURTESY, COURTESY,
           "北図書館分室を残してください。", "駐車場を広げてください。", "学習室を夜まで開けてください。"]
    ch3 = ["開館時間を夜8時まで延長してください。", COURTESY, COURTESY, "使用料の値上げには反対です。",
           "開館時間を夜8時まで延長してください。", "予約をネットでできるようにしてほしい。", COURTESY,
           "公民館の和室を残してください。"]
    rows = [[f"2026/1/{i + 10} 10:00", a, b, "特になし"] for i, (a, b) in enumerate(zip(ch2, ch3))]
    src = write_csv(tmp_path / "form.csv", FORM_HEADER, rows)
    res = invoke("run", src, "--out", tmp_path / "out", *model_args())
    assert res.exit_code == 0, res.output
    ok = [r for r in read_csv_rows(tmp_path / "out" / "opinions.csv") if r["status"] == "ok"]
    assert len(ok) == 10  # 5 + 5 answers with content; the courtesy ones are none
    assert {"北図書館分室を残してください。", "開館時間を夜8時まで延長してください。"} <= {r["text"] for r in ok}


@pytest.mark.parametrize("text", [
    COURTESY,
    "いつも図書館を利用させていただいています。計画案の資料はとても分かりやすかったです。特に意見はありません。",
    "長々と書きましたが、よろしくお願いいたします。",
    "乱文失礼いたしました。",
])
def test_courtesy_with_the_no_comment_last_and_closings_are_no_opinion(text):
    assert is_empty_opinion(text)


def test_a_campaign_forwarded_under_a_note_that_ends_with_a_greeting_is_the_opinion():
    forward = ("-------- 転送メッセージ --------\n差出人: 公民館を守る会 <mamoru@example.org>\n"
               "日付: 2026/01/18 19:30\n件名: 意見提出のお願い\n\n会員の皆様へ\n以下の文面で市へ意見を送ってください。\n\n"
               "東公民館の廃止に反対します。地域の活動の拠点を残してください。\n")
    note = "私も毎週、東公民館の書道サークルに通っています。よろしくお願いします。"
    text = f"市の担当者様\n{note}\n\n{forward}"
    kinds = [(s.part or ("closing" if s.closing else "ok"), s.text_of(text)) for s in split_submission(text)]
    assert ("reason", note) in kinds
    assert [t for k, t in kinds if k == "ok"] == ["東公民館の廃止に反対します。地域の活動の拠点を残してください。"]


def test_a_question_said_in_disbelief_is_an_objection_too():
    texts = ["なぜ北図書館分室を廃止するのですか。納得できません。", "東公民館の跡地はどうなるのですか。"]
    assert question_polarity(texts).tolist() == [0, 1]


def test_a_school_in_hiragana_with_no_and_a_class_is_masked():
    assert mask_personal_data("みなみ小の5年3組です。としょかんがすきです。").startswith("［学校名］の5年3組")
    assert mask_personal_data("ちかくの小学校の3年生です。") == "ちかくの小学校の3年生です。"


def test_withdrawn_rows_of_a_second_file_are_named_as_opinions_csv_numbers_them(tmp_path):
    first = write_csv(tmp_path / "web.csv", ["No", "意見"], [[str(i), f"図書館の{w}を増やしてください。"]
                                                          for i, w in enumerate(["本", "席", "駐車場"], 1)])
    second = write_csv(tmp_path / "logo.csv", ["申請ID", "ステータス", "ご意見"],
                       [["L-1", "受付済", "公民館の和室を残してください。"], ["L-2", "取下げ", "開館時間を延長してください。"],
                        ["L-3", "テスト", "テスト送信です。"]])
    res = invoke("run", first, second, "--out", tmp_path / "out", *model_args())
    assert res.exit_code == 0, res.output
    assert "rows 5, 6 in opinions.csv" in res.output
    rows = {r["row_number"]: r["status"] for r in read_csv_rows(tmp_path / "out" / "opinions.csv")}
    assert rows["5"] == rows["6"] == "excluded" and rows["4"] == "ok"


def test_submissions_counted_one_each_are_said_in_one_sentence(tmp_path):
    web = write_csv(tmp_path / "web.csv", ["No", "意見"], [["1", "図書館の本を増やしてください。"],
                                                          ["2", "閲覧席を増やしてください。"]])
    letters = write_csv(tmp_path / "letters.csv", ["No", "氏名", "意見"],
                        [["1", "山田 太郎", "公民館の和室を残してください。"], ["2", "山田 太郎", "駐車場を広げてください。"],
                         ["3", "", "開館時間を延長してください。"]])
    res = invoke("run", web, letters, "--out", tmp_path / "out", *model_args())
    assert res.exit_code == 0, res.output
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "氏名の欄がない提出2件と氏名の記載がない提出1件は、それぞれ1件を1名として計上" in report


def test_a_chapter_cited_gives_the_row_its_section_by_the_words_it_shares(tmp_path):
    # a form's question 「第3章について」 cites the chapter for every answer under it; the topics divide it
    topics = tmp_path / "目次.txt"
    topics.write_text("目　次\n第3章 再編の基本方針 …… 10\n　第1節 施設の複合化と駐車場 …… 10\n"
                      "　第2節 開館時間とサービスの見直し …… 12\n　第3節 使用料の見直し …… 14\n第4章 施設ごとの方針 …… 16\n",
                      encoding="utf-8")
    src = write_csv(tmp_path / "form.csv", ["タイムスタンプ", "第3章について", "その他ご意見"],
                    [["2026/1/10", "平日の開館時間を21時まで延長してください。", "特になし"],
                     ["2026/1/11", "公民館の使用料の値上げには反対です。", "説明会を土日にも開いてください。"],
                     ["2026/1/12", "再編の進め方全体について、もっと丁寧に説明してください。", ""]])
    res = invoke("run", src, "--topics", topics, "--out", tmp_path / "out", *model_args())
    assert res.exit_code == 0, res.output
    where = {r["ご意見の概要"]: r["該当箇所"] for r in read_csv_rows(tmp_path / "out" / "report.csv")}
    assert where["平日の開館時間を21時まで延長してください。"].startswith("第3章第2節")
    assert where["公民館の使用料の値上げには反対です。"].startswith("第3章第3節")


@pytest.mark.parametrize("name", ["LoGoフォーム", "Google Forms", "Microsoft Forms", "Webフォーム", "e-Gov意見"])
def test_a_file_named_after_a_form_service_counts_under_denshi_shinsei(name):
    from cluster.io import channel_in_name

    assert channel_in_name(name) == "電子申請"
    assert channel_in_name("Eーmail") == "電子メール" and channel_in_name("郵送分") == "郵送"
