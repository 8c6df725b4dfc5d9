"""QA54: character-level noise of real office input: invisible characters inside numbers and
names, variant kanji in 氏名, HTML entities of a form's export, list markers (★, Ⅰ．, I．, ㋐, ｱ．)
and a Latin name before its e-mail in angle brackets."""

from __future__ import annotations

import pytest
from conftest import split_texts, invoke, read_csv_rows, write_csv

from cluster.io import decode_html_text, strip_controls, submitter_key
from cluster.mask import mask_personal_data


def test_invisible_characters_are_stripped_and_counted():
    assert strip_controls("090\u200b-2222-33\u00ad33") == ("090-2222-3333", 2)
    assert strip_controls("佐藤\u2060健\u200e") == ("佐藤健", 2)
    # line and paragraph separators are line breaks; a zero-width joiner (emoji) stays
    assert strip_controls("修理すれば\u2028使えます。\u2029以上") == ("修理すれば\n使えます。\n以上", 0)
    assert strip_controls("👨\u200d👩\u200d👧") == ("👨\u200d👩\u200d👧", 0)


def test_one_name_however_it_is_spelt_counts_once():
    assert submitter_key("佐藤\u200b健") == submitter_key("佐藤 健") == "佐藤健"
    assert submitter_key("山﨑 花子") == submitter_key("山崎　花子")
    assert submitter_key("𠮷田 太郎") == submitter_key("吉田太郎")
    assert submitter_key("葛\U000E0100西 真一") == submitter_key("葛西真一")
    assert submitter_key("山崎花子") != submitter_key("山田花子")


def test_run_masks_and_counts_through_invisible_characters(tmp_path):
    rows = [
        ["W-01", "佐藤 健", "公園のトイレを洋式にしてください。問い合わせは090\u200b-2222-3333までお願いします。"],
        ["W-02", "佐藤\u200b健", "東町の佐藤\u200b健です。ベンチを増やしてください。"],
        ["W-03", "山﨑 花子", "ドッグランを設置してください。"],
        ["W-04", "山崎　花子", "ドッグランの設置をお願いします。"],
        ["W-05", "高橋 一郎", "駐車台数が&lt;150台&gt;では足りません。300台以上に増やしてください。"],
    ]
    src = write_csv(tmp_path / "in.csv", ["受付番号", "氏名", "ご意見"], rows)
    out = tmp_path / "out"
    res = invoke("run", src, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "removed 3 control or invisible characters (in 2 rows; the rows are kept)" in res.output
    report = (out / "report.md").read_text(encoding="utf-8")
    for leak in ("090-2222-3333", "2222", "佐藤健", "佐藤", "\u200b"):
        assert leak not in report, leak
    assert "提出者数：3名（提出件数 5件。同一の氏名による提出は1名として計上）" in report
    assert "駐車台数が&lt;150台&gt;では足りません" in report  # one escape (Markdown), not &amp;lt;
    texts = [r["text"] for r in read_csv_rows(out / "opinions.csv")]
    assert any(t.startswith("駐車台数が<150台>では") for t in texts)


def test_entities_of_an_escaping_export_are_decoded():
    assert decode_html_text("手すり&amp;おむつ交換台を。&quot;誰でもトイレ&quot;に。") == '手すり&おむつ交換台を。"誰でもトイレ"に。'
    assert decode_html_text("駐車台数が&lt;150台&gt;では") == "駐車台数が<150台>では"
    # what decodes to markup is written of, not escaped: it stays as written
    assert decode_html_text("&lt;script&gt; は文字として表示されるべきです。") == "&lt;script&gt; は文字として表示されるべきです。"
    assert decode_html_text("A&B社の?a=1&copy=2") == "A&B社の?a=1&copy=2"  # no entity: as written


@pytest.mark.parametrize("text, pieces", [
    ("★トイレをきれいにしてほしい。\n★ベンチを増やしてほしい。※日陰がなく夏は暑すぎます。",
     ["トイレをきれいにしてほしい。", "ベンチを増やしてほしい。※日陰がなく夏は暑すぎます。"]),
    ("Ⅰ．ドッグランを設置してください。\nⅡ．ボール遊びができる広場を残してください。",
     ["ドッグランを設置してください。", "ボール遊びができる広場を残してください。"]),
    ("I．トイレを洋式にしてください。\nII．ベンチを増やしてください。\nIII．駐車場を広げてください。",
     ["トイレを洋式にしてください。", "ベンチを増やしてください。", "駐車場を広げてください。"]),
    ("㋐トイレを洋式にしてください。\n㋑ベンチを増やしてください。",
     ["トイレを洋式にしてください。", "ベンチを増やしてください。"]),
    ("ｱ．トイレを洋式にしてください。\nｲ．ベンチを増やしてください。",
     ["トイレを洋式にしてください。", "ベンチを増やしてください。"]),
])
def test_more_list_markers_cut_items(text, pieces):
    assert split_texts(text) == pieces


@pytest.mark.parametrize("text", [
    "Ⅱ期計画では駐車場を広げてください。\nⅢ期ではベンチを増やしてください。",  # a phase, no item
    "★印の施設は休館日が月曜日です。開館日を増やしてください。",  # one bullet-like line is no list
])
def test_no_list_without_one(text):
    assert len(split_texts(text)) == 1


def test_latin_name_before_its_address_in_angle_brackets_is_masked():
    text = "キャッチボールができる広場を残してください。\nHarada Tsuyoshi <harada.t@example.ne.jp>"
    masked = mask_personal_data(text, ["原田 剛"])
    assert "Harada" not in masked and "harada" not in masked
    assert masked.endswith("［氏名］ <［メールアドレス］>")


def test_cp932_outputs_drop_a_glyph_variant_not_the_kanji():
    from cluster.io import codepage_text

    lost: list[str] = []
    assert codepage_text("葛\U000E0100西 真一", "cp932", lost) == "葛西 真一" and lost == []


def test_a_list_continued_from_a_page_before_is_cut():
    text = "⑨トイレをきれいにしてほしい。\n⑩ベンチを増やしてほしい。\n⑪駐車場を広げてほしい。"
    assert split_texts(text) == ["トイレをきれいにしてほしい。", "ベンチを増やしてほしい。", "駐車場を広げてほしい。"]
    # two such lines are not enough to call it a list
    assert len(split_texts("⑨トイレをきれいにしてほしい。\n⑩ベンチを増やしてほしい。")) == 1
