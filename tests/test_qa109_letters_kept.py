"""QA109: 453 ordinary letters run through the session's new rules, old code against new. Letters opening with an
official's title and a colon (「市長：お願いがあります。…」「事務局：…」) were dropped as a meeting's staff, a letter's own
line with a date, a time and a phone number went as a fax header, 「（拍手）が起きましたが」 lost its subject, a
questionnaire's 「問1〇」 became 「問10」, a letter's 「3/12ページ」 line went as a page counter, 「あの 日の」 lost 「あの」,
and 「…八十三才です⏎足が悪いので」 was glued. The letters were written for these tests."""
from __future__ import annotations

import pytest

from conftest import invoke, read_csv_rows, write_csv
from cluster.layout import repair_layout
from cluster.normalize import display_text
from cluster.transcript import speaker_turns

OPENING_WITH_A_TITLE = ["市長：お願いがあります。駅前の駐輪場を増やしてください。",
                        "市長さん：こうえんに ブランコを ふやして ください。",
                        "教育長様：通学路の見守りを続けてください。",
                        "事務局：計画案の第3章について意見を送ります。バスの本数を増やしてください。",
                        "議長：市議会でも公共交通の議論を深めてください。"]


@pytest.mark.parametrize("letter", OPENING_WITH_A_TITLE)
def test_a_letter_opening_with_a_title_and_a_colon_is_no_record(letter):
    assert speaker_turns(letter) is None


def test_letters_opening_with_titles_are_counted_among_ordinary_letters(tmp_path):
    rows = [[f"L{k}", "郵送", t] for k, t in enumerate(OPENING_WITH_A_TITLE + [
        "図書館の開館時間を延長してください。", "公園のトイレを洋式にしてほしい。", "バス停に屋根を付けてください。",
        "空き家の活用を進めてください。", "自転車道を整備してください。", "子ども食堂への支援をお願いします。"], 1)]
    out = tmp_path / "out"
    result = invoke("run", write_csv(tmp_path / "letters.csv", ["受付番号", "提出方法", "ご意見"], rows),
                    "--out", out, "--model", "char-hash")
    assert result.exit_code == 0, result.output
    assert "meeting" not in result.output
    assert all(r["status"] != "excluded" for r in read_csv_rows(out / "opinions.csv"))
    assert "- 提出件数：11件" in (out / "report.md").read_text(encoding="utf-8")


def test_a_dialogue_a_letter_retells_is_the_letter():
    letter = "市：予算がありません。\n市民：それなら計画を見直すべきです。\nこんなやり取りではなく、きちんと説明してください。"
    assert speaker_turns(letter) is None


@pytest.mark.parametrize("text", [
    "5月10日 9時30分 市役所(0265-22-1111)から電話があると言われたが\n誰からもかかってこなかった。対応を改善してください。",
    "誤字があった場所\n3/12ページ\n修正してください。", "問1〇 問2× 問3〇", "評価：4〇",
    "私は八十三才です\n足が悪いので病院の送迎をしてほしい"])
def test_a_letters_own_lines_stay_as_written(text):
    assert repair_layout(text)[0] == text


@pytest.mark.parametrize("text", ["市長の説明に（拍手）が起きましたが、中身がありません。",
                                  "議事録には（聞き取れず）とありましたが、大事な発言でした。",
                                  "あの 日の 大雨で 道路が 冠水しました。"])
def test_a_letters_words_like_a_records_notes_or_fillers_stay(text):
    assert display_text(text) == text


@pytest.mark.parametrize("text, read", [
    ("No.123 P.5\nに書かれた数値が前年と違います。確認してください。", None),
    ("本 町 三 丁 目\nのバス停を復活させてください。", None),
    ("FAX送信票\nみなと市 交通政策課 御中\n送信枚数 2枚\nバスの便を増やしてください。",
     "みなと市 交通政策課 御中\nバスの便を増やしてください。")])
def test_a_line_the_sentence_goes_on_under_or_an_addressee_is_not_taken_or_glued(text, read):
    assert repair_layout(text)[0] == (read or text)


def test_a_filler_quoted_in_a_letter_stays():
    assert display_text("市長は会見で、えー、と言葉を濁していましたが、はっきり答えてください。") == \
        "市長は会見で、えー、と言葉を濁していましたが、はっきり答えてください。"
