"""A column that names the draft on every row (e-Gov's export: 件名 / 案件名) gives the report title,
as a title row above the table does; an e-mail's 件名 (a subject per row) does not."""

from __future__ import annotations

from conftest import invoke, write_csv

HEADER = ["意見番号", "件名", "氏名", "意見"]
TEXTS = ["バスの本数を増やしてください。", "駅前に駐輪場を増やしてください。", "コミュニティバスの路線を延ばしてほしい。"]


def _title(tmp_path, subjects, *extra):
    rows = [[str(k), s, "", t] for k, (s, t) in enumerate(zip(subjects, TEXTS), 1)]
    src = write_csv(tmp_path / "egov.csv", HEADER, rows)
    res = invoke("run", src, "--out", tmp_path / "out", "--model", "char-hash", *extra)
    assert res.exit_code == 0, res.output
    return (tmp_path / "out" / "report.md").read_text(encoding="utf-8").splitlines()[0], res.output


def test_the_case_name_on_every_row_is_the_title(tmp_path):
    title, output = _title(tmp_path, ["みどり市公共交通計画（案）"] * 3)
    assert title == "# みどり市公共交通計画（案）に対する意見募集の結果"
    assert "is made from the file name" not in output


def test_subjects_that_differ_are_no_title(tmp_path):
    title, output = _title(tmp_path, ["バスについて", "駐輪場の件", "意見です"])
    assert title == "# 「egov」に対する意見募集の結果" and "is made from the file name" in output


def test_a_given_title_wins(tmp_path):
    title, _ = _title(tmp_path, ["みどり市公共交通計画（案）"] * 3, "--title", "公共交通計画への意見募集の結果")
    assert title == "# 公共交通計画への意見募集の結果"
