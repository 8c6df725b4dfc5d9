"""The opinion shown as a row's ご意見の概要 when the row holds a campaign.

A representative whose report form holds fewer masks is preferred (a phone number masked in the
middle of a summary reads badly), but only among opinions that stand for at least half as many
letters as the best-ranked one: QA44 had 15 letters asking for medical interpreters, each with its
sender's phone number, published under a lone opinion about something else that held no personal
data. The texts are invented for the test (an imagined city's plan for foreign residents).
"""
from __future__ import annotations

from conftest import invoke, model_args, write_csv

from cluster.pipeline import _least_personal

CAMPAIGN = "病院に医療通訳を配置してください。私の母（電話090-12{k:02d}-56{k:02d}）も言葉が通じずに困っています。{more}お願いします。"


def report_rows(out):
    return [line for line in (out / "report.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and line.split("|")[1].strip().isdigit()]


def test_a_campaign_row_shows_the_campaign_not_a_lone_opinion_without_personal_data(tmp_path):
    rows = [[f"K{k + 1}", CAMPAIGN.format(k=k, more="とても" if k % 2 else "")] for k in range(8)]
    rows += [["L1", "医療通訳を病院に置いてほしいです。外国人の患者は言葉が通じなくて困っています。"],
             ["L2", "ごみの出し方の案内を多言語で作ってください。"],
             ["L3", "日本語教室を夜間にも開いてほしい。"],
             ["L4", "防災無線の内容を外国語でも知らせてほしい。"]]
    comments = write_csv(tmp_path / "comments.csv", ["番号", "ご意見"], rows)
    out = tmp_path / "out"
    res = invoke("run", comments, "--out", out, *model_args())
    assert res.exit_code == 0, res.output
    first = report_rows(out)[0]
    assert "| 9 |" in first  # the campaign and the lone request share the row
    assert "病院に医療通訳を配置してください。" in first and "［電話番号］" in first
    assert "090-12" not in (out / "report.md").read_text(encoding="utf-8")


def test_the_least_personal_choice_keeps_to_opinions_standing_for_half_the_copies_or_more():
    masked = {0: "… ［電話番号］ …", 1: "…", 2: "… ［氏名］ …", 3: "…"}
    counts = [10, 1, 6, 5]
    assert _least_personal([0, 1, 2, 3], masked.__getitem__) == 1  # without counts: the first without masks
    assert _least_personal([0, 1, 2, 3], masked.__getitem__, counts) == 3  # 5 of 10 copies: still weighed
    assert _least_personal([0, 1, 2], masked.__getitem__, counts) == 0  # 6 copies, a mask too: the first stays
    assert _least_personal([1, 3], masked.__getitem__, [0, 1, 0, 4]) == 1  # the first is always kept
