"""QA110: README's promises on faxes and meeting records checked one by one. The office's other units (道路整備部,
教育委員会, 市民センター所長) were read as citizens, two 「市長：お願いがあります。」 letters of a small channel as a record,
a 説明会 file whose participants carry no label published its moderator, a cell of names and 「市：」 published the names,
「…と答えた。」「…との回答であった。」 summaries were opinions, a 自治会's 会長 was excluded as staff, a fax cover sheet's
「宛先 …」 line was an opinion, a 「3/4」 line inside a sentence went as a page number, and an older resident's lines, each a
sentence without 「。」, were run into one. The texts were written for these tests."""
from __future__ import annotations

import pytest

from conftest import invoke, read_csv_rows, write_csv
from cluster.layout import repair_layout
from cluster.normalize import is_empty_opinion
from cluster.transcript import as_record_text, is_staff_speaker, record_groups, reports_an_answer, without_reporting_frame


@pytest.mark.parametrize("speaker, staff", [("道路整備部", True), ("教育委員会", True), ("市民センター所長", True),
                                            ("都市計画課", True), ("会長", False), ("田中", False), ("参加者1", False)])
def test_the_offices_units_in_a_speaker_column_are_the_office(speaker, staff):
    assert is_staff_speaker(speaker) is staff


def test_a_small_channels_letters_opening_with_a_title_are_no_record():
    texts = ["市長：お願いがあります。駅前の駐輪場を増やしてください。", "市長：もう一つお願いがあります。公園を。", "図書館を延長して。"]
    assert record_groups(texts, ["持参"] * 3) == set()
    # a record typed one turn per row has both sides
    assert record_groups(["司会：始めます。", "参加者1：バスを増やして。", "事務局：検討します。"], ["説明会"] * 3) == {"説明会"}


def test_a_file_named_for_a_meeting_is_a_record_though_only_the_moderator_is_labelled(tmp_path):
    rows = [["1", "司会：ご意見のある方はどうぞ。"], ["2", "朝のバスを増やしてほしいです。"], ["3", "司会：ほかにございますか。"],
            ["4", "公園にトイレを付けてください。"], ["5", "図書館の開館時間を延長してください。"]]
    out = tmp_path / "out"
    result = invoke("run", write_csv(tmp_path / "説明会.csv", ["番号", "ご意見"], rows), "--out", out, "--model", "char-hash")
    assert result.exit_code == 0, result.output
    status = {r["comment_id"]: r["status"] for r in read_csv_rows(out / "opinions.csv")}
    assert status == {"1": "excluded", "2": "ok", "3": "excluded", "4": "ok", "5": "ok"}
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "司会" not in report and "ほかにございますか" not in report


def test_a_cell_of_names_and_the_city_in_a_meeting_file_publishes_no_name(tmp_path):
    cell = "田中：うちは農家なんですけど、農地を残してほしいんです。\n市：検討します。\n鈴木：バスを増やしてほしい。"
    assert as_record_text(cell) == "発言者1：うちは農家なんですけど、農地を残してほしいんです。\n事務局：検討します。\n発言者2：バスを増やしてほしい。"
    out = tmp_path / "out"
    result = invoke("run", write_csv(tmp_path / "意見交換会.csv", ["番号", "発言記録"], [["M1", cell], ["M2", "司会：始めます。\n参加者1：図書館を延長して。"]]),
                    "--out", out, "--model", "char-hash")
    assert result.exit_code == 0, result.output
    ok = [r["text"] for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"]
    assert "うちは農家なんですけど、農地を残してほしいんです。" in ok and "バスを増やしてほしい。" in ok
    report = (out / "report.md").read_text(encoding="utf-8")
    for word in ("田中", "鈴木", "検討します", "発言者"):
        assert word not in report, word


def test_more_ways_staff_summarise_an_answer_or_a_request():
    assert reports_an_answer("○ 市から、検討すると答えた。")
    assert reports_an_answer("○ 市の回答は、予算の範囲で対応するとの回答であった。")
    assert without_reporting_frame("○ 参加者Aから、バスを増やしてほしいとの意見があった。") == "バスを増やしてほしい。"
    assert without_reporting_frame("○ 70代男性から、公園を整備してほしいとの要望があった。") == "公園を整備してほしい。"


@pytest.mark.parametrize("text, read", [
    ("FAX送信票\n宛先 みなと市 企画課\n送信枚数 1枚", ""),
    ("市民の\n3/4\nが反対しています。", None),
    ("バスを増やしてください\n公園を整備してほしい\n図書館を残してください", None)])
def test_a_cover_sheets_addressee_goes_and_a_fraction_and_unended_sentences_stay(text, read):
    assert repair_layout(text)[0] == (text if read is None else read)
    assert is_empty_opinion(repair_layout("FAX送信票\n宛先 みなと市 企画課\n送信枚数 1枚")[0] or " ")
