"""`cluster review cut … --before A --before B`: one letter cut into three or more opinions without a run
between the cuts (QA47: the second cut named the first cut's new part, which did not exist yet)."""
from __future__ import annotations

from conftest import invoke, read_csv_rows, run_folder

LETTER = ("母は認知症で要介護4です。ショートステイの枠を増やしてください。家族会を夜間にも開いてください。"
          "介護離職を防ぐ企業への啓発も計画に入れてほしい。")


def test_cuts_given_at_once_in_any_order_cut_the_letter_at_each(tmp_path):
    out, run, _ = run_folder(tmp_path, ["受付番号", "ご意見"], [["1", LETTER], ["2", "駅前の駐輪場を増設してください。"]],
                             "--no-split")
    res = invoke("review", "cut", str(out), "1-1", "--before", "家族会", "--before", "ショートステイ",
                 "--before", "介護離職")
    assert res.exit_code == 0, res.output
    # each line names the part the run will cut and the id it will make
    assert "1-1.2 「ショートステイの枠を増やしてください。」 and 1-1.2.2 「家族会を夜間にも開いてください。" in res.output
    run()
    texts = {r["opinion_id"]: r["text"] for r in read_csv_rows(out / "opinions.csv") if r["comment_id"] == "1"}
    assert texts == {"1-1": "母は認知症で要介護4です。", "1-1.2": "ショートステイの枠を増やしてください。",
                     "1-1.2.2": "家族会を夜間にも開いてください。", "1-1.2.2.2": "介護離職を防ぐ企業への啓発も計画に入れてほしい。"}


def test_a_bad_cut_among_several_records_none(tmp_path):
    out, _, _ = run_folder(tmp_path, ["受付番号", "ご意見"], [["1", LETTER], ["2", "駅前の駐輪場を増設してください。"]],
                           "--no-split")
    res = invoke("review", "cut", str(out), "1-1", "--before", "家族会", "--before", "図書館")
    assert res.exit_code != 0 and "「図書館」 is not in the text of 1-1" in res.output
    res = invoke("review", "cut", str(out), "1-1", "--before", "家族会", "--before", "家族会を", "--lang", "ja")
    assert res.exit_code != 0 and "同じ位置で切り分けます" in res.output
    assert not (out / "decisions.jsonl").exists() or not (out / "decisions.jsonl").read_text(encoding="utf-8").strip()
