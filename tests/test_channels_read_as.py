"""A channel value counted under another word is named when the file is read (QA47: 「ホームページ」
was counted as 電子申請 in 提出方法別 and nothing said so)."""
from __future__ import annotations

from conftest import invoke, write_csv

from cluster.io import channels_read_as


def test_values_counted_under_another_word_are_named_with_their_rows():
    found = channels_read_as(["ホームページ", "ホームページ", "窓口", "郵送", "ＦＡＸ", "電子 メール", "FAX（夜間）", "",
                              "区長への手紙"])
    assert found == {("ホームページ", "電子申請"): 2, ("窓口", "持参"): 1}


def test_the_run_says_which_values_it_counted_under_which_channel(tmp_path):
    comments = write_csv(tmp_path / "c.csv", ["受付番号", "提出方法", "ご意見"],
                         [["1", "ホームページ", "駅前の駐輪場を増やしてください。"],
                          ["2", "ホームページ", "図書館の開館時間を延長してほしい。"],
                          ["3", "郵送", "公園のトイレを洋式にしてください。"]])
    res = invoke("run", comments, "--out", tmp_path / "out", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "提出方法: counted under the standard channels: 「ホームページ」 as 電子申請 (2 rows)" in res.output
    assert "郵送」 as" not in res.output
    res = invoke("run", comments, "--out", tmp_path / "out", "--model", "char-hash", "--lang", "ja")
    assert "提出方法：次の値は既定の提出方法として数えます：「ホームページ」→電子申請（2行）" in res.output
