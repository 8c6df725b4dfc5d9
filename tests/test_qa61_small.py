"""QA61: small consultations and the published document. 「まとめて8項目」 and 「同趣旨の意見は一つにまとめて
おります」 were printed over eight opinions in eight rows; a consultation without opinions got an empty
table (and 「氏名の欄がないため」 beside a 氏名 column); 「いつも町政にご尽力いただき…」 was published and joined
two letters on unrelated requests; 「なお、…してください」 stayed inside the request above it."""

from __future__ import annotations

import pytest
from conftest import invoke, read_csv_rows, split_texts, write_csv

from cluster.normalize import strip_greetings

HEADER = ["受付番号", "提出方法", "氏名", "ご意見"]


def _run(tmp_path, rows, *extra):
    comments = write_csv(tmp_path / "c.csv", HEADER, rows)
    res = invoke("run", comments, "--out", tmp_path / "out", "--model", "char-hash", "--no-progress", *extra)
    assert res.exit_code == 0, res.output
    return (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_no_merge_no_merge_wording(tmp_path):
    md = _run(tmp_path, [["1", "電子メール", "山田", "（1）町営バスの始発を早めてください。\n（2）図書館の開館日を増やしてください。"]])
    assert "- 意見総数：2件\n" in md
    assert "同趣旨" not in md and "まとめて" not in md


def test_merged_rows_keep_the_wording(tmp_path):
    letter = "中央公民館の廃止に反対します。地域の活動の場を残してください。"
    md = _run(tmp_path, [[str(k), "郵送", f"氏名{k}", letter] for k in range(1, 4)])
    assert "- 意見総数：3件（同趣旨の意見をまとめて1項目）" in md and "※同趣旨の意見は一つにまとめております。" in md


def test_no_opinions_no_table(tmp_path):
    md = _run(tmp_path, [["1", "郵送", "山田", "特にありません。"], ["2", "電子メール", "佐藤", "いつもお世話になっております。"]])
    assert "※案に対するご意見はありませんでした。" in md
    assert "| No." not in md and "同趣旨" not in md and "- 意見総数：0件" in md
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<table" not in html and "案に対するご意見はありませんでした" in html and html.rstrip().endswith("</html>")
    import openpyxl

    ws = openpyxl.load_workbook(tmp_path / "out" / "report.xlsx").active
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "※案に対するご意見はありませんでした。" in cells and "ご意見の概要" not in cells


def test_no_submissions_at_all(tmp_path):
    md = _run(tmp_path, [["", "", "", ""], ["", "", "", ""]])
    assert "※ご意見の提出はありませんでした。" in md
    assert "- 提出者数：0名（提出件数 0件）" in md  # not 「氏名の欄がないため」 beside a 氏名 column


@pytest.mark.parametrize("greeting", [
    "いつも町政にご尽力いただきありがとうございます。",
    "日頃より町政にご尽力いただき感謝申し上げます。",
    "日頃より市政運営にご尽力いただき、誠にありがとうございます。",
])
def test_thanks_for_the_towns_work_is_a_greeting(greeting):
    assert strip_greetings(greeting + "公園のトイレを洋式に改修してください。") == "公園のトイレを洋式に改修してください。"


def test_thanks_inside_a_request_stays():
    text = "職員の皆さんのご尽力には感謝しますが、図書館の開館時間を延ばしてください。"
    assert strip_greetings(text) == text


def test_two_letters_sharing_only_their_greeting_are_two_rows(tmp_path):
    _run(tmp_path, [["1", "郵送", "山田", "日頃より町政にご尽力いただき感謝申し上げます。\n図書館の蔵書に大活字本を増やしてください。"],
                    ["2", "郵送", "佐藤", "いつも町政にご尽力いただきありがとうございます。\n公園のトイレを洋式に改修してください。"]])
    rows = [r for r in read_csv_rows(tmp_path / "out" / "opinions.csv") if r["status"] == "ok"]
    assert len({r["cluster_id"] for r in rows}) == 2
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "ご尽力" not in md  # the published summaries hold the requests only


def test_a_note_that_asks_for_another_thing_is_an_opinion():
    text = ("ですから、東ルートの運行本数を1時間に1本に戻してください。"
            "なお、計画案の14頁の図表は文字が小さく読みにくいので、大きな文字版も用意してください。")
    assert split_texts(text) == ["ですから、東ルートの運行本数を1時間に1本に戻してください。",
                                 "なお、計画案の14頁の図表は文字が小さく読みにくいので、大きな文字版も用意してください。"]
