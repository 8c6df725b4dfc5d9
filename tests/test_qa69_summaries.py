"""QA69: the ご意見の概要 column as a citizen and an editor read it. Closing courtesies (「どうぞご検討ください」
「皆様お体にお気をつけください」) are no opinions of their own and leave the published text and what the grouping
reads; a summary drops 「なお、」「上記に関連して、」 at its start; a child's signature written all in hiragana
(「みどりしょうがっこう 4ねん3くみ やまだ そうた」) is masked; `review show` quotes the published summary."""

from __future__ import annotations

import pytest
from conftest import assert_masked, invoke, read_csv_rows, write_csv

from cluster.normalize import display_text, is_greeting_sentence


@pytest.mark.parametrize("sentence", [
    "子育て中の親の声として、どうぞご検討ください。",
    "お忙しいところ恐縮ですが、前向きなご検討をお願いいたします。",
    "寒い日が続きますので、皆様お体にお気をつけください。",
    "ご検討のほどよろしくお願い申し上げます。",
    "何卒よろしくお願い申し上げます。",
    "お忙しいところ恐れ入りますが、一点だけ意見させてください。",
    "職員の皆様もご自愛ください。",
])
def test_closing_courtesies_are_greetings(sentence):
    assert is_greeting_sentence(sentence)


@pytest.mark.parametrize("sentence", ["バスの増便をご検討ください。", "駐輪場の増設を前向きにご検討ください。",
                                      "高齢者に十分な配慮をお願いします。", "健康診断の費用を助成してください。",
                                      # QA70: what the consideration is for is named
                                      "来年度の重点事業として、ぜひご検討ください。", "高齢者の足として、どうぞご検討ください。",
                                      "市の新規事業として、前向きにご検討ください。", "前向きにご検討いただけますよう強く要望します。"])
def test_a_request_that_names_what_is_no_greeting(sentence):
    assert not is_greeting_sentence(sentence)


@pytest.mark.parametrize("text", ["慎重なご検討をお願いいたします。", "前向きなご検討をお願いいたします。",
                                  "市民の声として、慎重な検討をお願いいたします。"])
def test_a_courtesy_request_alone_is_the_submissions_opinion(text):
    from cluster.normalize import is_empty_opinion

    assert not is_empty_opinion(text) and display_text(text) == text  # (QA70: counted as no opinion)


LETTER = ("みどり市役所　図書館課の皆様へ\n\n私は奥沢地区に住んで50年になる農家の者です。月に2回やってくる移動図書館が"
          "楽しみです。\n\n移動図書館の巡回をこれからも続けてください。\n\n寒い日が続きますので、皆様お体にお気をつけください。\n"
          "奥沢　石川ハル")


def test_a_closing_paragraph_is_no_opinion_row_and_no_part_of_the_summary(tmp_path):
    rows = [["M-023", "石川ハル", LETTER], ["M-024", "森", "移動図書館の巡回を続けてほしいです。"],
            ["M-032", "坂本", "児童コーナーを広くしてください。\n\n子育て中の親の声として、どうぞご検討ください。"],
            ["Q-01", "西田", "蔵書検索をスマートフォンでも使いやすくしてください。\n\n以上です。ご検討のほどよろしくお願い申し上げます。"],
            ["Q-08", "辛島", "いつも大変お世話になっております。お忙しいところ恐れ入りますが、一点だけ意見させてください。"
                            "館内の案内表示を外国語でも表記してください。何卒よろしくお願い申し上げます。"]]
    src = write_csv(tmp_path / "in.csv", ["受付番号", "氏名", "ご意見"], rows)
    out = tmp_path / "out"
    assert invoke("run", src, "--out", out).exit_code == 0
    ok = [r for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"]
    assert len(ok) == 5  # one opinion each: no row for 「…お気をつけください」 or 「どうぞご検討ください」
    report = (out / "report.md").read_text(encoding="utf-8")
    for courtesy in ("お気をつけ", "ご検討ください", "ご検討のほど", "何卒", "お世話になって", "意見させて"):
        assert courtesy not in report
    of = {r["comment_id"]: r["cluster_id"] for r in ok}
    assert of["Q-01"] != of["Q-08"]  # (QA69: their courtesies made them one row)


@pytest.mark.parametrize("lead", ["なお、", "上記に関連して、", "前述のとおり、", "上記の件ですが、", "先ほどの意見の補足ですが、"])
def test_a_summary_drops_a_reference_to_what_came_before(lead):
    assert display_text(lead + "土日も開館してください。") == "土日も開館してください。"


def test_a_childs_hiragana_signature_is_masked():
    text = "ぼくの なまえは やまだ そうた です。としょかんに まんがを おいてください。\nみどりしょうがっこう 4ねん3くみ やまだ そうた"
    assert_masked(text, names=["山田そうた"], secrets=["やまだ", "みどりしょうがっこう"], kept=["4ねん3くみ", "まんがを"])
    assert_masked("ほんを ふやして\n3ねん2くみ さとう はると", secrets=["さとう", "はると"], kept=["3ねん2くみ"])
    assert_masked("ぼくは 4ねん3くみの たなか ゆうき です。", secrets=["たなか", "ゆうき"])
    assert_masked("ほんを ふやして\n2ねん1くみ みんなで がんばろう", kept=["みんなで がんばろう"])


def test_review_show_quotes_the_published_summary(tmp_path):
    story = "いつも大変お世話になっております。中央図書館の開館時間を延長してください。何卒よろしくお願い申し上げます。"
    src = write_csv(tmp_path / "in.csv", ["受付番号", "ご意見"], [["1", story], ["2", "公園を増やしてください。"]])
    out = tmp_path / "out"
    assert invoke("run", src, "--out", out, "--model", "char-hash").exit_code == 0
    row = next(r for r in read_csv_rows(out / "report.csv") if "開館時間" in r["ご意見の概要"])
    cid = next(r["cluster_id"] for r in read_csv_rows(out / "clusters.csv") if r["report_no"] == row["No."])
    shown = next(x for x in invoke("review", "show", out, cid).output.splitlines() if x.startswith("summary:"))
    assert "お世話になって" not in shown and "「中央図書館の開館時間を延長してください。」" in shown  # as published


@pytest.mark.parametrize("text, secrets, kept", [
    ("ほんを ふやして\n緑小学校 4ねん3くみ やまだ そうた", ["緑小学校", "やまだ", "そうた"], ["4ねん3くみ"]),
    ("ほんを ふやして\nみどり小 3ねん2くみ おおたに しょうへい", ["みどり小", "おおたに", "しょうへい"], ["3ねん2くみ"]),
    ("ほんを ふやして\n5ねん2くみ たかはしれん", ["たかはしれん"], ["5ねん2くみ"]),
    ("ほんを ふやして\n3ねん2くみ さとう はると（10さい）", ["さとう", "はると"], ["（10さい）"]),
    ("しんごうを つけてください。 4ねん3くみ　やまだ　そうた　（10さい）", ["やまだ", "そうた"], ["4ねん3くみ"]),
    ("ほんを\n3ねん2くみ みんなだいすき", [], ["みんなだいすき"]),
    ("ほん\nみどり小 2ねん1くみ ずっと だいすき", [], ["ずっと だいすき"]),
    ("としょかん だいすき\n1ねんせい ありがとう", [], ["ありがとう"]),
    ("甥っ子（リアム）が通う学童です。", ["リアム"], ["甥っ子"]),
    ("娘（エミリー・スミス）が通う保育園", ["エミリー", "スミス"], ["娘（"]),
    ("息子（ケビン・ブラウン、10歳）の学校", ["ケビン", "ブラウン"], ["10歳"]),
])
def test_more_of_a_childs_names_are_masked(text, secrets, kept):
    assert_masked(text, secrets=secrets, kept=kept)  # (QA70: each was published)


@pytest.mark.parametrize("text", ["東町1丁目の市道の舗装が傷んでいます。", "西町2丁目の側溝のふたが壊れています。",
                                  "本町1丁目のカーブミラーが見えにくい。"])
def test_a_block_named_as_the_place_of_road_works_stays(text):
    assert_masked(text, kept=[text[:5]])  # (QA70: 「［住所］の市道…」 lost where to repair)
