"""QA90 (a prefecture's 24,000 submissions, three campaigns): a campaign letter written in paragraphs is one opinion
as its copies without blank lines are, an address in a city named in hiragana is masked, an address line over the
name is no sentence a PDF cut, and two more lines in Japanese. The texts were written for these tests."""
from __future__ import annotations

import pytest

from conftest import assert_masked, invoke, read_csv_rows, split_texts, write_csv

LETTER = ("パブリックコメントを提出します。\n計画案第５章に記載されている官民連携（ｺﾝｾｯｼｮﾝ方式）の導入に反対します。\n\n"
          "海外では水道の民営化により料金の高騰や水質の悪化が起き、再公営化した例が数多くあります。\n\n"
          "命に関わる水道は、公共の責任で運営されるべきです。\n\nｺﾝｾｯｼｮﾝ方式の検討を計画から削除してください。")


def test_a_campaign_letter_in_paragraphs_is_one_opinion():
    assert split_texts(LETTER) == [LETTER]
    assert split_texts(LETTER.replace("\n\n", "\n")) == [LETTER.replace("\n\n", "\n")]


def test_a_paragraph_asking_another_thing_is_still_an_opinion_of_its_own():
    letter = "駅前駐輪場の有料化に反対します。\n\n中央図書館の開館時間を夜9時まで延長してください。"
    assert split_texts(letter) == ["駅前駐輪場の有料化に反対します。", "中央図書館の開館時間を夜9時まで延長してください。"]


def test_campaign_copies_with_and_without_blank_lines_count_alike(tmp_path):
    rows = [[f"W{k}", "電子メール", LETTER if k % 2 else LETTER.replace("\n\n", "\n")] for k in range(1, 7)]
    rows.append(["Z1", "郵送", "図書館の開館時間を延長してください。"])
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "提出方法", "ご意見"], rows), "--out", out,
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output
    ok = [r for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"]
    assert len(ok) == 7
    assert "意見総数：7件" in (out / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, secret, kept", [
    ("水道記念館を残してほしい。\n\nみずほ県みなと市桜台9丁目30番27号", "桜台9丁目", "水道記念館を残してほしい。"),
    ("住まいはみなと市青葉台2丁目3番です。", "青葉台", "住まいは"),
    ("私はやまと市桜台9丁目に住んでいます。", "桜台9丁目", "私は"),
    ("わたしはみなと市に住んでいます。みなと市の水道は大切です。", "(none)", "みなと市の水道は大切です。"),
])
def test_an_address_in_a_city_named_in_hiragana_is_masked(text, secret, kept):
    assert_masked(text, secrets=[secret], kept=[kept])


def test_an_address_line_over_the_name_is_no_sentence_cut_by_a_page():
    from cluster.layout import repair_layout

    text = ("計画案を読みました。\nマンションの受水槽の点検を支援してほしい。\n将来世代のためにもお願いしたいです。\n"
            "受水槽の清掃費用を補助してほしい。\n\nみずほ県やまと市日の出町1丁目33番13号\n山口 英代\nTEL 090-6887-5183")
    assert repair_layout(text)[0] == text


def test_two_more_lines_in_japanese():
    from cluster.messages_ja import is_known, translate

    line = ("note: form letters sent 100 times or more are never grouped together, only by staff (rows C001, C002); "
            "two that ask the same are joined with `cluster review merge out ROW ROW` (their ids)")
    assert is_known(line) and "100件以上送られた同文意見" in translate(line)


# --- QA92: the day's rules tempted ------------------------------------------------------------------------

@pytest.mark.parametrize("letter, second", [
    ("地域交通の予約を電話以外でもできるようにしてください。\n\nバス停の時刻表の文字を大きくすることが必要です。",
     "バス停の時刻表の文字を大きくすることが必要です。"),
    ("高齢者に無料乗車券を配るべきです。\n\nまた、駅のエレベーターの設置が必要です。", "また、駅のエレベーターの設置が必要です。"),
])
def test_a_request_said_with_beki_or_hitsuyou_is_still_a_request(letter, second):
    assert split_texts(letter)[1:] == [second]


def test_a_title_the_letter_does_not_say_again_goes_with_its_first_opinion():
    from cluster.split import split_submission

    for letter in ("コミュニティバスの増便を求める意見\n\n駅前の駐輪場も増やしてください。",
                   "バス運賃の値上げに反対する意見\n\n現行の200円を維持してください。"):
        segs = split_submission(letter)
        assert [(letter[s.start:s.end], s.closing) for s in segs] == [(letter, False)]


def test_a_title_said_again_is_a_greeting_and_a_haikei_under_it_too():
    from cluster.split import split_submission

    letter = ("みどり町のバス増便に関する要望書\n\n拝啓　時下ますますご清祥のこととお慶び申し上げます。\n\n"
              "みどり町のバスを増便してください。\n\n敬具")
    assert [(letter[s.start:s.end], s.closing) for s in split_submission(letter)] == [
        ("みどり町のバス増便に関する要望書", True), ("拝啓　時下ますますご清祥のこととお慶び申し上げます。", True),
        ("みどり町のバスを増便してください。", False), ("敬具", True)]
    letter = "駅前バス停の移設について（要望）\n\n駅前バス停を駅の入口に移設してください。"
    assert [s.closing for s in split_submission(letter)] == [True, False]


def test_a_title_alone_over_nothing_that_asks_is_the_opinion():
    from cluster.split import split_submission

    letter = "図書館の開館時間の延長を求める意見\n\n仕事帰りに寄れません。"
    assert [s.closing for s in split_submission(letter)][0] is False


def test_a_first_line_saying_what_the_opinion_is_about_stays_in_it():
    letter = ("役場前のバス停に屋根がないという意見\n\n近所の高齢者からもよく聞きます。雨の日は傘をさして待つしかありません。"
              "屋根とベンチを設置してください。")
    assert split_texts(letter) == [letter]


@pytest.mark.parametrize("letter", [
    "現行のバス路線には問題があります。問題点は以下のとおりです。\n・便数が少ない\n・停留所が遠い\n・運賃が高い\n\n計画の見直しを求めます。",
    "背景として次の点があります。\n一、町内のタクシー会社が昨年撤退した。\n二、高齢者の免許返納が増えている。\n\n"
    "そのため、乗合タクシーの台数を増やしてください。",
])
def test_problems_listed_before_the_request_they_argue_for_are_one_opinion(letter):
    assert split_texts(letter) == [letter]


def test_a_list_of_problems_with_nothing_asked_after_it_stays_a_list():
    assert len(split_texts("問題点は以下のとおりです。\n・便数が少ない\n・停留所が遠い")) == 3
