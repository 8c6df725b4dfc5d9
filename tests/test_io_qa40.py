"""QA40: a ministry's consultation read from three files (the e-Gov export, the typed-in letters, the
e-mails). `--submitter-column "氏名（法人・団体名）"`, the e-Gov export's name column, refused the run because
the letters' workbook names it 氏名; 「e-Gov意見.csv」 was counted under 「e-Gov意見」 rather than 電子申請; a
submitter count of one read 「1 submitters」. Invented texts."""
from __future__ import annotations

import json

import pytest

from conftest import invoke, model_args, write_csv

from cluster.io import channel_in_name


@pytest.mark.parametrize("name, channel", [
    ("e-Gov意見", "電子申請"), ("郵送分", "郵送"), ("電子メール_2月", "電子メール"), ("FAX受付", "FAX"),
    ("web", "電子申請"), ("意見交換会", "意見交換会"), ("みなと市", "みなと市"),
])
def test_a_file_named_after_its_channel_with_more_words_counts_under_it(name, channel):
    assert channel_in_name(name) == channel


def test_a_column_option_applies_to_the_files_that_have_the_column(tmp_path):
    egov = write_csv(tmp_path / "e-Gov意見.csv", ["受付番号", "提出者区分", "氏名（法人・団体名）", "意見"], [
        ["0001", "法人・団体", "東和パック株式会社", "施行期日を延期してください。"],
        ["0002", "法人・団体", "東和パック株式会社", "識別表示の併記を認めてください。"],
        ["0003", "個人", "森 一郎", "回収目標の根拠を示してください。"],
    ])
    letters = write_csv(tmp_path / "郵送分.csv", ["番号", "氏名", "ご意見"], [
        ["L1", "川上 花子", "説明会を開いてください。"], ["L2", "川上 花子", "資料を図書館に置いてください。"],
    ])
    out = tmp_path / "out"
    result = invoke("run", egov, letters, "--submitter-column", "氏名（法人・団体名）", "--out", out, *model_args())
    assert result.exit_code == 0, result.output
    assert "郵送分.csv has no column '氏名（法人・団体名）' (--submitter-column): its column is guessed" in result.output
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    # 東和パック once, 森 一郎, and 川上 花子 once by the letters' own 氏名 column
    assert run["counts"]["submitters_by_kind"] == {"個人": 1, "団体": 1, "区分不明": 1}
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "提出者数：3（" in report
    assert "電子申請 3件" in report and "郵送 2件" in report, report[:800]


def test_an_option_no_file_has_is_still_refused(tmp_path):
    src = write_csv(tmp_path / "web.csv", ["番号", "ご意見"], [["1", "説明会を開いてください。"]])
    other = write_csv(tmp_path / "郵送.csv", ["番号", "ご意見"], [["A", "資料を置いてください。"]])
    result = invoke("run", src, other, "--submitter-column", "氏名", "--out", tmp_path / "out", *model_args())
    assert result.exit_code != 0 and "unknown submitter column '氏名'" in result.output
