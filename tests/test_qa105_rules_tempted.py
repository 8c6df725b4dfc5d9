"""QA105: the rules added for QA103/QA104 tempted. The fax rule removed real sentences after its keywords (「総枚数
3枚までに…やめてほしい。」), 一 after a katakana word was read as ー where it is the numeral (「レベル一の警報」), OCR's
look-alikes changed real words (「ペット口コミ」「バス二コース」), a contact line 「年齢 65歳以上の…」 lost a whole opinion,
a spaced fax's name and phone (「佐 藤 花 子」「0 9 0 - …」) were published, a line under a name was glued to it
(「市民の森⏎林一郎」), 「賛成することはできます」 read as against, 「郵送分析」 counted as 郵送. The texts were written for
these tests."""
from __future__ import annotations

import pytest

from conftest import invoke, read_csv_rows, write_csv
from cluster.io import channel_in_name
from cluster.layout import repair_layout
from cluster.normalize import is_empty_opinion
from cluster.stance import explicit_polarity, request_directions


@pytest.mark.parametrize("line", [
    "2026/05/13 10:00 FAX受付開始と広報に書いてありましたが、番号が誤っていました。",
    "2026/5/13 9:03 0265-33-1029に電話したが誰も出なかった。", "2026/05/13 09:03 市長への手紙 FAX の返事が来ない件",
    "2026/05/20 18:30 中央公民館 P.3/4の資料を持参", "送信者 として市の責任を明確にしてください。",
    "送信元 が市役所と偽る詐欺メールが増えています。", "総枚数 3枚までに意見書を制限するのはやめてほしい。",
    "ページ数 10ページ以内という制限を撤廃してください。", "受信日 2026年5月13日に提出した意見が反映されていません。"])
def test_a_sentence_that_opens_with_a_fax_banners_words_stays(line):
    text = f"{line}\n駐車場を増やしてください。"
    assert repair_layout(text)[0] == text


@pytest.mark.parametrize("banner", ["13-MAY-2026 09:03 SATO SHOTEN 0265 33 1029 P.001/002", "No.0123 P.1",
                                    "May 13 2026 09:03AM  FROM 0265331029  P. 1",
                                    "2026年 5月13日 9時03分 サトウ商店 0265-33-1029 1/2", "送　信　票",
                                    # (QA107: the sender's place in kana after the number)
                                    "2026/05/10 10:15 FROM 0465-12-3456 みなと市東町 佐藤"])
def test_other_fax_machines_banners_are_taken_out_too(banner):
    assert repair_layout(f"{banner}\n商店街の街路灯をLEDにしてください。")[0] == "商店街の街路灯をLEDにしてください。"


@pytest.mark.parametrize("text", ["レベル一の警報でも避難所を開けて。", "クラス一の人気行事を廃止しないで。", "ルート一を残して。",
                                  "ペット口コミサイトで知りました。", "路線バス二コースを統合するのはやめてください。",
                                  "チーム八チームで大会を運営する。", "ゴミ袋はサイズ二コ入りにしてほしい。"])
def test_a_kanji_beside_katakana_that_is_a_word_or_a_numeral_stays(text):
    assert repair_layout(text)[0] == text


@pytest.mark.parametrize("text, read", [("卜イレを増やして。", "トイレを増やして。"), ("八ンバーガー店", "ハンバーガー店"),
                                        ("工レベーターを設置して。", "エレベーターを設置して。"), ("二コ二コ保育園", "ニコニコ保育園"),
                                        ("コミュニティバスは１〇時から", "コミュニティバスは１０時から")])
def test_ocr_look_alikes_that_make_a_known_word_are_read(text, read):
    assert repair_layout(text)[0] == read


@pytest.mark.parametrize("text", ["年齢 65歳以上の人のバス運賃を無料にしてほしい。", "電話 110番の通報が増えています。",
                                  "FAX 1台では足りないので増やしてほしい。"])
def test_an_opinion_opening_with_a_contact_word_and_a_number_is_an_opinion(text):
    assert not is_empty_opinion(text)


def test_a_spaced_faxs_name_and_phone_are_closed_up_and_masked(tmp_path):
    text = "佐 藤 花 子\n0 9 0 - 1 2 3 4 - 5 6 7 8\n歩 道 を 広 げ て く だ さ い 。"
    assert repair_layout(text)[0] == "佐藤花子\n090-1234-5678\n歩道を広げてください。"
    comments = write_csv(tmp_path / "fax.csv", ["受付番号", "提出方法", "ご意見"], [["F1", "FAX", text],
                                                                              ["F2", "FAX", "自転車道を整備してください。"]])
    result = invoke("run", comments, "--out", tmp_path / "out", "--model", "char-hash")
    assert result.exit_code == 0, result.output
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "歩道を広げてください。" in report
    for secret in ("佐藤", "花子", "佐 藤", "5678", "5 6 7 8"):
        assert secret not in report


@pytest.mark.parametrize("text", ["市民の森\n林一郎", "高橋\n本町2丁目3番", "山本\n花子"])
def test_a_line_under_a_name_or_a_place_is_never_glued_to_it(text):
    assert repair_layout(text)[0] == text


def test_support_said_with_dekiru_is_support_and_denied_support_against():
    texts = ["統合案に賛成することはできます。", "統合案に賛成はできない。", "統合案に賛成とまでは言えません。"]
    assert explicit_polarity(texts).tolist() == [1, -1, -1]
    assert request_directions("公民館を廃止して良いとは思いません。") == {"keep": 1}


@pytest.mark.parametrize("name, channel", [("郵送分析_電子申請", "電子申請"), ("LoGoフォーム_郵送分入力", "郵送")])
def test_bun_opening_a_word_is_no_batch(name, channel):
    assert channel_in_name(name) == channel


def test_the_rerun_hint_reaches_an_input_named_with_a_dash_and_a_model_folder_from_elsewhere(tmp_path, monkeypatch):
    from cluster.review import rerun_command

    monkeypatch.chdir(tmp_path)
    write_csv(tmp_path / "-意見.csv", ["受付番号", "ご意見"], [["1", "図書館を延長してください。"], ["2", "駐輪場を増やして。"]])
    result = invoke("run", "--out", "o", "--model", "char-hash", "--", "-意見.csv")
    assert result.exit_code == 0, result.output
    command = rerun_command("o")
    assert command == "cluster run './-意見.csv' --model char-hash --out o"
    monkeypatch.chdir(tmp_path.parent)
    assert f"{tmp_path}/-意見.csv" in rerun_command(tmp_path / "o")
    assert {r["text"] for r in read_csv_rows(tmp_path / "o" / "opinions.csv")} >= {"図書館を延長してください。"}
    # a model folder given relative to where the run was made is shown from there; a model's name as it is
    from cluster.review import _model_shown

    (tmp_path / "mymodel").mkdir()
    assert _model_shown("./mymodel", tmp_path, here=False) == str(tmp_path / "mymodel")
    assert _model_shown("./mymodel", tmp_path, here=True) == "./mymodel"
    assert _model_shown("char-hash", tmp_path, here=False) == "char-hash"


def test_a_number_line_between_items_heads_nothing_and_keeps_its_text():
    """bench_reliability's property test (this session): 「2.0」 between (1) and (2) became the heading 「0」 of (2), its
    「2.」 lost between the segments."""
    from cluster.split import split_submission

    text = "\n(1)図書館の開館時間を延長してください。\n2.0\n(2)駐輪場を増やしてください。\n"
    segments = split_submission(text)
    assert all(s.heading == "" for s in segments)
    assert [text[s.start:s.end] for s in segments if s.marker in ("(1)", "(2)")] == [
        "図書館の開館時間を延長してください。", "駐輪場を増やしてください。"]
