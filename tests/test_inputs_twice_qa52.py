"""One file given twice, or a copy of it under another name, is refused (QA52: read as 34 more submissions)."""
from __future__ import annotations

import shutil

from conftest import invoke, model_args, write_csv

ROWS = [["1", "駅前の駐輪場を増やしてください。"], ["2", "図書館の開館時間を延ばしてほしい。"]]


def test_a_copy_under_another_name_is_refused_with_one_line(tmp_path):
    src = write_csv(tmp_path / "web.csv", ["No", "意見"], ROWS)
    copy = tmp_path / "web (2).csv"
    shutil.copy(src, copy)
    res = invoke("run", src, copy, "--out", tmp_path / "out", *model_args())
    assert res.exit_code != 0
    assert "web (2).csv has the same content as web.csv" in res.output
    assert "Traceback" not in res.output and not (tmp_path / "out" / "report.md").exists()
    res = invoke("run", src, src, "--out", tmp_path / "out", *model_args(), "--lang", "ja")
    assert res.exit_code != 0 and "web.csv が2回指定されています" in res.output


def test_two_files_with_other_rows_are_read(tmp_path):
    a = write_csv(tmp_path / "web.csv", ["No", "意見"], ROWS)
    b = write_csv(tmp_path / "letters.csv", ["No", "意見"], [["1", "公園にトイレを設置してください。"]])
    res = invoke("run", a, b, "--out", tmp_path / "out", *model_args())
    assert res.exit_code == 0, res.output
