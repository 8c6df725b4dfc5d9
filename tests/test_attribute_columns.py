"""--attribute-column: 提出者の内訳 by the submitters' attributes (年代, 在住・在勤 …), counted as
提出者数 counts them, ages in years by their ten years, never addresses or free text."""

from __future__ import annotations

import json
import zipfile

import pytest
from conftest import invoke, write_csv

from cluster.messages_ja import is_known, translate
from cluster.report import attribute_breakdown, attribute_value

HEADER = ["受付番号", "年代", "お住まい", "氏名", "ご意見"]
ROWS = [
    ["1", "30代", "市内在住", "山田太郎", "図書館の開館時間を夜8時まで延長してください。"],
    ["2", "４０歳代", "市内在勤", "佐藤花子", "駅前に駐輪場を増やしてください。"],
    ["3", "67", "市内在住", "鈴木一郎", "公民館の予約をインターネットでできるようにしてください。"],
    ["4", "", "市外", "高橋次郎", "図書館の開館時間を延ばしてほしいです。"],
    ["5", "30代", "市内在住", "山田太郎", "駐輪場が足りないので増設してください。"],  # 山田 again: one submitter
]


def _run(tmp_path, rows, *extra, header=HEADER, out="out"):
    src = write_csv(tmp_path / "comments.csv", header, rows)
    return invoke("run", src, "--out", tmp_path / out, "--model", "char-hash", *extra), tmp_path / out


def test_ages_fold_into_their_ten_years():
    assert [attribute_value(v) for v in ("34", "３４歳", "7", "95才", "30歳代", "２０代", "市内在住")] == [
        "30代", "30代", "10歳未満", "90歳以上", "30代", "20代", "市内在住"]
    # ages in age order, other values most first, 記載なし last
    assert attribute_breakdown(["30代", "", "20代", "70歳以上", "10歳未満", "30代"]) == [
        ("10歳未満", 1), ("20代", 1), ("30代", 2), ("70歳以上", 1), ("記載なし", 1)]
    assert attribute_breakdown(["市外", "市内在住", "市内在住", ""]) == [("市内在住", 2), ("市外", 1), ("記載なし", 1)]


def test_report_breaks_submitters_down(tmp_path):
    res, out = _run(tmp_path, ROWS, "--attribute-column", "年代", "--attribute-column", "お住まい")
    assert res.exit_code == 0, res.output
    assert "--attribute-column 年代: 3 values (30代, 40代, 60代), 1 submission without one" in res.output
    assert "columns not used" not in res.output  # both are read now
    md = (out / "report.md").read_text(encoding="utf-8")
    # four submitters (山田 twice counts once), as 提出者数 says
    assert "提出者数：4名（提出件数 5件" in md
    assert "提出者の内訳（年代）：30代 1名、40代 1名、60代 1名、記載なし 1名" in md
    assert "提出者の内訳（お住まい）：市内在住 2名、市内在勤 1名、市外 1名" in md
    assert "提出者の内訳（年代）" in (out / "report.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(out / "report.xlsx") as z:
        sheets = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/") and n.endswith(".xml"))
    assert "提出者の内訳（お住まい）：市内在住 2名" in sheets
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert info["settings"]["attribute_columns"] == ["年代", "お住まい"]
    assert any("提出者の内訳（年代）" in line for line in info["report_header"]["counts"])


def test_without_names_submissions_are_counted(tmp_path):
    rows = [[r[0], r[1], r[2], r[4]] for r in ROWS]
    res, out = _run(tmp_path, rows, "--attribute-column", "お住まい", header=["受付番号", "年代", "お住まい", "ご意見"])
    assert res.exit_code == 0, res.output
    assert "提出件数の内訳（お住まい）：市内在住 3件、市内在勤 1件、市外 1件" in (out / "report.md").read_text(encoding="utf-8")


def test_kept_for_the_next_run_and_hinted(tmp_path):
    res, out = _run(tmp_path, ROWS)
    assert res.exit_code == 0, res.output
    assert "note: 年代, お住まい could give the report 提出者の内訳: --attribute-column 年代" in res.output
    assert "提出者の内訳" not in (out / "report.md").read_text(encoding="utf-8")
    invoke("run", tmp_path / "comments.csv", "--out", out, "--model", "char-hash", "--attribute-column", "年代")
    again = invoke("run", tmp_path / "comments.csv", "--out", out, "--model", "char-hash")
    assert "kept from the earlier run" in again.output and "--attribute-column 年代" in again.output
    assert "提出者の内訳（年代）" in (out / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("column, said", [
    ("性別", "unknown attribute column '性別'; the input's other columns: 年代, お住まい"),
    ("氏名", "that column is read as the submitter (氏名) column"),
    ("ご意見", "that column is read as the text column"),
])
def test_a_column_it_cannot_use_is_refused_in_one_line(tmp_path, column, said):
    res, out = _run(tmp_path, ROWS, "--attribute-column", column)
    assert res.exit_code != 0 and said in res.output
    assert "Traceback" not in res.output and not (out / "report.md").exists()


def test_addresses_are_never_a_breakdown(tmp_path):
    rows = [[str(k), "30代", f"みなと市緑町{k}丁目{k}番", f"山田{k}", f"公園にベンチを{k}基増やしてください。"]
            for k in range(1, 25)]
    res, out = _run(tmp_path, rows, "--attribute-column", "お住まい")
    assert res.exit_code != 0
    assert "--attribute-column お住まい: 24 different values; 提出者の内訳 publishes a few categories" in res.output
    assert not (out / "report.md").exists()


@pytest.mark.parametrize("line", [
    "--attribute-column 年代: 3 values (30代, 40代, 60代), 1 submission without one: the report gives 提出者の内訳（年代）",
    "unknown attribute column '性別'; the input's other columns: 年代, お住まい",
    "--attribute-column 氏名: that column is read as the submitter (氏名) column; name a column of the submitters' "
    "attributes (年代, 在住・在勤 …)",
    "--attribute-column お住まい: 24 different values; 提出者の内訳 publishes a few categories (at most 20: 年代, "
    "在住・在勤, 性別 …), not addresses or free text: name a column of categories",
    "note: 年代, お住まい could give the report 提出者の内訳: --attribute-column 年代 counts the submitters by it",
])
def test_lines_read_in_japanese(line):
    assert is_known(line)
    assert not any(w in translate(line) for w in ("values", "column;", "could", "submitters"))


def test_personal_data_in_the_column_is_no_category(tmp_path):
    rows = [ROWS[0], [ROWS[1][0], "40代", "みなと市緑町3丁目12番地", *ROWS[1][3:]],
            [ROWS[2][0], "090-1234-5678", "市内在住", *ROWS[2][3:]]]
    res, out = _run(tmp_path, rows, "--attribute-column", "年代", "--attribute-column", "お住まい")
    assert res.exit_code == 0, res.output
    assert ("warning: --attribute-column cells holding personal data (a name, an address, a phone number) are counted "
            "as 記載なし in 提出者の内訳: 年代 1, お住まい 1") in res.output
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "提出者の内訳（年代）：30代 1名、40代 1名、記載なし 1名" in md
    assert "提出者の内訳（お住まい）：市内在住 2名、記載なし 1名" in md
    assert "［" not in "".join(line for line in md.splitlines() if "内訳" in line)


def test_an_empty_option_stops_the_kept_breakdown(tmp_path):
    _run(tmp_path, ROWS, "--attribute-column", "年代")
    res = invoke("run", tmp_path / "comments.csv", "--out", tmp_path / "out", "--model", "char-hash",
                 "--attribute-column", "")
    assert res.exit_code == 0, res.output
    assert "kept from the earlier run" not in res.output
    assert "提出者の内訳" not in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    again = invoke("run", tmp_path / "comments.csv", "--out", tmp_path / "out", "--model", "char-hash")
    assert "kept from the earlier run" not in again.output
    assert "提出者の内訳" not in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_a_value_typed_on_a_later_row_of_one_submission_counts(tmp_path):
    header = ["受付番号", "年代", "氏名", "ご意見"]
    rows = [["1", "", "山田太郎", "図書館の開館時間を夜8時まで延長してください。"],
            ["1", "30代", "山田太郎", "駅前に駐輪場を増やしてください。"],
            ["2", "60代", "佐藤花子", "公民館の予約をインターネットでできるようにしてください。"]]
    res, out = _run(tmp_path, rows, "--attribute-column", "年代", header=header)
    assert res.exit_code == 0, res.output
    assert "提出者の内訳（年代）：30代 1名、60代 1名" in (out / "report.md").read_text(encoding="utf-8")


def test_a_place_named_like_a_family_name_is_a_category(tmp_path):
    # 東浜 and 高橋 are family names to the masking; as お住まい they are places (QA58)
    rows = [["1", "30代", "東浜市", "山田太郎", ROWS[0][4]], ["2", "40代", "高橋市", "佐藤花子", ROWS[1][4]],
            ["3", "50代", "東浜市", "鈴木一郎", ROWS[2][4]], ["4", "60代", "山田太郎", "高橋次郎", ROWS[3][4]]]
    res, out = _run(tmp_path, rows, "--attribute-column", "お住まい")
    assert res.exit_code == 0, res.output
    assert "提出者の内訳（お住まい）：東浜市 2名、高橋市 1名、記載なし 1名" in (out / "report.md").read_text(encoding="utf-8")
    assert "お住まい 1; check those cells" in res.output  # the name typed into the column
