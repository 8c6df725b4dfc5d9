"""QA74: what the published table shows of awkward submissions.

- a fallback paragraph (「せめて…だけでも…してください。」) stays with the request it softens;
- a citizen quoting the draft under a lead-in (「…に次の記載があります。」 then 「> …」) keeps the quotation;
- copies within one letter are no campaign in 「うち、同一またはほぼ同一の文面で寄せられた意見」;
- a submission of figures only (「3/4」「0012」) is no opinion;
- a form export that escaped 「&」 has its entities decoded even beside an escaped tag.

The comments were written for these tests (an imagined city's park plan).
"""
from __future__ import annotations

import pytest

from conftest import invoke, read_csv_rows, split_texts, write_csv

from cluster.io import decode_html_text
from cluster.normalize import is_empty_opinion

FOUNTAIN = "噴水の水を止めないでください。\n夏場は子どもたちの水遊びの場です。\n\nせめて7月と8月だけでも\n運転してください。"


@pytest.mark.parametrize("text", [
    FOUNTAIN,
    "東町線を残してください。\n\n全面的な存続が難しいなら、朝夕だけでも運行してください。",
    "芝生広場をそのまま残してください。\n\n少なくとも半分は芝生のままにしてほしいです。",
])
def test_a_fallback_paragraph_stays_with_its_request(text):
    assert [t for t in split_texts(text) if t.strip()] == [text]


def test_a_second_point_in_its_own_paragraph_is_still_cut():
    text = "公園の遊具を早く更新してください。\n\n駐車場が狭いので拡張してほしいです。"
    assert split_texts(text) == ["公園の遊具を早く更新してください。", "駐車場が狭いので拡張してほしいです。"]


QUOTING = "計画案12頁に次の記載があります。\n> 北公園の駐車場を200台に拡張する\nこの拡張には反対です。芝生広場を残してください。"


def test_a_quotation_of_the_draft_under_a_lead_in_stays_in_the_opinion(tmp_path):
    rows = [["Q1", "電子メール", QUOTING], ["Q2", "郵送", "トイレを洋式にしてください。"]]
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "提出方法", "ご意見"], rows), "--out", out,
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output
    q1 = [r for r in read_csv_rows(out / "opinions.csv") if r["comment_id"] == "Q1"]
    assert [(r["status"], r["text"]) for r in q1] == [("ok", QUOTING)]
    assert "200台に拡張する" in (out / "report.md").read_text(encoding="utf-8")


def test_copies_within_one_letter_are_no_campaign_in_the_report(tmp_path):
    item = "北公園の芝生広場を駐車場にしないでください。"
    letter = "\n".join(f"{k}. {item}" for k in range(1, 6))
    campaign = "南公園に屋根付きの休憩所を設けてください。高齢者が夏に休める場所が必要です。"
    rows = [["L1", "郵送", letter], ["L2", "電子メール", "噴水を夏も動かしてください。"]]
    out = tmp_path / "out"
    comments = write_csv(tmp_path / "c.csv", ["番号", "提出方法", "ご意見"], rows)
    assert invoke("run", comments, "--out", out, "--model", "char-hash").exit_code == 0
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "同一またはほぼ同一の文面で寄せられた意見" not in report
    # five people sending one text is a campaign, named as before
    rows += [[f"K{k}", "電子メール", campaign] for k in range(1, 6)]
    write_csv(comments, ["番号", "提出方法", "ご意見"], rows)
    out2 = tmp_path / "out2"
    assert invoke("run", comments, "--out", out2, "--model", "char-hash").exit_code == 0
    line = next(x for x in (out2 / "report.md").read_text(encoding="utf-8").splitlines()
                if "同一またはほぼ同一の文面で寄せられた意見" in x)
    assert "：5件（No. " in line and "：5件）" in line


@pytest.mark.parametrize("text", ["3/4", "0012", "2026/3/4", "①"])
def test_figures_alone_are_no_opinion(text):
    assert is_empty_opinion(text)


@pytest.mark.parametrize("text", ["1e5で十分です", "100%賛成です。", "反対"])
def test_a_word_beside_figures_is_an_opinion(text):
    assert not is_empty_opinion(text)


def test_entities_of_an_export_that_escaped_every_ampersand_are_decoded():
    assert decode_html_text("ベンチ&amp;テーブルを増やして。表記&lt;script&gt;は例です。") == \
        "ベンチ&テーブルを増やして。表記<script>は例です。"
    # an entity written out, with no escaped 「&」 beside it, stays as written
    assert decode_html_text("&lt;script&gt; は文字として書きました。") == "&lt;script&gt; は文字として書きました。"


@pytest.mark.parametrize("first, second", [
    ("図書館の開館時間を夜8時まで延長してください。", "せめて市民プールのシャワーは無料に戻してください。"),
    ("市民プールを再開してください。", "少なくとも、防災無線の音量は早急に改善すべきです。"),
    ("道路の除雪を早めてください。", "せめて、ごみ収集の日程表は紙でも配ってください。"),
])
def test_a_fallback_word_before_a_new_subject_opens_a_new_opinion(first, second):
    """QA82: the fallback rule above kept these second requests inside the first."""
    assert [t for t in split_texts(f"{first}\n\n{second}") if t.strip()] == [first, second]
