"""QA104: a small town's letters and faxes typed in or read by OCR. The fax machine's lines (「FAX送信票」「送信日時 …」,
a page's header with the sender's number and name, 「P.1/2」) were kept in the opinions: they grouped four unrelated
faxes into one row, which was published with them and 「P.1」 as its 該当箇所; a cover sheet counted as an opinion;
a line break inside a word of a short fax line (「反⏎対します」) was published; OCR's kanji for katakana (「口一タリ一」
「コミュ二テイバス」), its kanji zero among digits (「5〇台」) and a space after every character (「図 書 館 の …」) were
published as read. The texts were written for these tests."""
from __future__ import annotations

import pytest

from conftest import invoke, read_csv_rows, write_csv
from cluster.labels import find_references
from cluster.layout import repair_layout
from cluster.normalize import is_empty_opinion


@pytest.mark.parametrize("banner", [
    "FAX送信票", "【FAX送信票】", "送信日時 2026/05/12 10:31", "送信日時：令和8年5月12日 10時", "送信枚数 2枚（本票含む）",
    "2026/05/13 09:03 FAX 0265-33-1029 サトウ商店 P.02/02", "2026/05/16 11:05  0265-29-6618  ｽｽﾞｷ ﾃﾂｵ  P.01",
    "FROM 0265-18-3390 ﾀｶﾊｼ ﾂﾖｼ", "P.1/1", "P.01/02", "送信者：山田太郎"])
def test_a_fax_machines_line_is_taken_out_of_the_letter(banner):
    text, fix = repair_layout(f"{banner}\n図書館の開館時間を夜8時まで延長してください。")
    assert text == "図書館の開館時間を夜8時まで延長してください。" and fix.fax_lines == 1


@pytest.mark.parametrize("line", ["P.12", "2026年5月13日", "送信者の皆様へ", "送信日時が遅い", "FAX送信票の書式を見直して",
                                  "令和8年5月1日 10:00から説明会がありました。"])
def test_a_line_that_only_looks_like_a_fax_banner_stays(line):
    text, fix = repair_layout(f"{line}\n図書館の開館時間を延長してください。")
    assert text.startswith(line) and fix.fax_lines == 0


def test_a_page_counter_is_no_place_in_the_draft():
    assert find_references("P.1/2 図書館の駐車場を増やしてください。P.12の表について") == ["P.12"]
    assert find_references("12頁と1/2ページ") == ["12頁"]


@pytest.mark.parametrize("text, read", [
    ("駅前の口一タリ一にバス停を作り、コミュ二ティバスを増便してください。", "駅前のロータリーにバス停を作り、コミュニティバスを増便してください。"),
    # (a word the dictionary does not know stays as read: 「コミュ二テイ」, QA105)
    ("コミュ二テイバスを増便して。", None),
    ("駐車場が5〇台では足りません。", "駐車場が50台では足りません。"),
    ("センタ一の駐車場を広げて。", "センターの駐車場を広げて。"),
    ("二ュースで知りました。", "ニュースで知りました。"),
    # real words stay: a counter after 二, 口 and 工 of kanji words, 一 counting, a kanji year
    ("トイレを二カ所にしてほしい。", None), ("口コミで広がっています。", None), ("人口データを見ました。", None),
    ("エネルギー工学の観点から。", None), ("ケース一つ一つ確認して。", None), ("タイプ一、タイプ二。", None),
    ("二〇二六年の計画です。", None), ("評価は3○です。", None)])
def test_ocr_look_alike_characters_are_read_as_the_katakana_and_digits_they_stand_for(text, read):
    assert repair_layout(text)[0] == (read or text)


def test_a_line_with_a_space_after_every_character_is_closed_up_and_a_spaced_name_is_not():
    text, fix = repair_layout("図 書 館 の 開 館 時 間 を 夜 ８ 時 ま で 延 長 し て く だ さ い 。")
    assert text == "図書館の開館時間を夜８時まで延長してください。" and fix.spaced_lines == 1
    for kept in ("山田 翔\u3000電話 090-1234-5678", "町民 プールを 存続させて ください。"):
        assert repair_layout(kept)[0] == kept


@pytest.mark.parametrize("text, joined", [
    ("図書館の移転に反\n対します。", "図書館の移転に反対します。"),
    ("地区公\n民館の統廃合には反対します。", "地区公民館の統廃合には反対します。"),
    # lines that end a request or a heading are no word cut
    ("図書館を残してほしい\n駐車場を増やしてほしい", None), ("交通について\n駐車場が足りません", None),
    ("山田\n太郎", None)])
def test_a_short_lines_break_inside_a_word_is_joined(text, joined):
    assert repair_layout(text)[0] == (joined or text)


def test_a_contact_line_alone_is_no_opinion():
    assert is_empty_opinion("TEL 0265-61-2204") and not is_empty_opinion("電話 が遠いので窓口を増やして")


FAXES = [
    ["F01", "FAX", "", "FAX送信票\n送信日時 2026/05/12 10:31\nみどり町役場 企画課 御中\n"
                        "図 書 館 の 開 館 時 間 を 夜 ８ 時 ま で 延 長 し て く だ さ い 。\nP.1/1"],
    ["F02", "FAX", "", "送信日時 2026/05/14 14:22\n体育館にエアコンを付けてください。夏は暑すぎます。\nP.1/1"],
    ["F03", "FAX", "", "2026/05/15 16:40 FAX 0265-18-3390 タカハシ商店 P.01/01\n複合施設の駐車場を増やしてください。"],
    ["F04", "FAX", "", "FAX送信票\n送信日時 2026/05/15 08:10\nTEL 0265-61-2204\n送信枚数 2枚（本票含む）"],
    ["F05", "FAX", "", "(1) 町民プールの廃止に反対です。\n2026/05/13 09:03 FAX 0265-33-1029 サトウ商店 P.02/02\n"
                        "(2) 図書館の移転に反\n対します。"],
    ["L01", "郵送", "山本 花子", "図書館の開館時間を延長してほしいです。"],
]


def test_a_towns_faxes_are_read_without_their_banners(tmp_path):
    comments = write_csv(tmp_path / "faxes.csv", ["受付番号", "提出方法", "氏名", "ご意見"], FAXES)
    out = tmp_path / "out"
    result = invoke("run", comments, "--out", out, "--model", "char-hash")
    assert result.exit_code == 0, result.output
    assert "fax banner lines removed" in result.output
    from cluster.messages_ja import is_known

    assert all(is_known(line) for line in result.output.splitlines() if "page layout undone" in line)
    rows = read_csv_rows(out / "opinions.csv")
    by_id = {r["opinion_id"]: r for r in rows}
    assert {r["comment_id"] for r in rows} == {f[0] for f in FAXES}  # every row accounted for
    # the cover sheet alone is no opinion; the others' banners are in none
    assert all(r["status"] != "ok" for r in rows if r["comment_id"] == "F04")
    ok = [r for r in rows if r["status"] == "ok"]
    for r in ok:
        assert not any(w in r["text"] for w in ("送信", "FAX", "P.0", "P.1", "サトウ商店", "タカハシ商店")), r["text"]
    # the second page's header is out of the first item, the word cut by the fax's line joined in the second
    assert by_id["F05-1"]["text"] == "町民プールの廃止に反対です。" and by_id["F05-2"]["text"] == "図書館の移転に反対します。"
    # the library, air-conditioning and parking faxes are not one row
    cluster = {r["comment_id"]: r["cluster_id"] for r in ok}
    assert len({cluster["F01"], cluster["F02"], cluster["F03"]}) == 3
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "送信日時" not in report and "FAX送信票" not in report and "P.1" not in report
    assert "| 図書館の開館時間を夜８時まで延長してください。 | 2 |" in report  # the spaced fax read with the letter
    assert "図 書 館" not in report and "反<br>対" not in report
    assert "意見を含まない提出：1件" in report

