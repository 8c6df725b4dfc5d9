"""A row keeps the letter it showed as ご意見の概要 when late near-copies of another wording join its
form letter (QA25: three rows changed their published summary after a late file, though the letter
they showed was still in them). Letters invented for the test."""
from __future__ import annotations

from conftest import invoke, read_csv_rows, write_csv

V1 = "撤去後の土地の原状回復について意見を述べます。放置された跡地が荒れ地になっています。事業者に原状回復を義務付けてください。"
V2 = "撤去後の土地の原状回復について意見を述べます。放置された跡地が荒地になっています。事業者に原状回復を必ず義務付けてください。"
OTHERS = ["駅前のバス停に屋根とベンチを設置してほしい。", "図書館の開館時間を夜まで延長してください。",
          "公園に子どもの遊具を増やしてほしい。", "ごみの分別を分かりやすくしてください。"]


def test_a_late_wording_that_outnumbers_the_shown_letter_does_not_replace_it(tmp_path):
    early = [[f"A{k}", V1] for k in range(3)] + [["B1", V2]] + [[f"O{k}", t] for k, t in enumerate(OTHERS)]
    src = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], early)
    out = tmp_path / "out"
    assert invoke("run", src, "--out", out, "--model", "char-hash").exit_code == 0
    row = next(r for r in read_csv_rows(out / "clusters.csv") if "原状回復" in r["representative"])
    # (its first sentence names the subject, 「…について意見を述べます。」: the opinion's heading since QA59)
    assert row["representative"].startswith(V1.split("。", 1)[1][:20]) and "荒れ地" in row["representative"]
    # five late letters of the other wording: on their own they would now stand for the group
    late = write_csv(tmp_path / "late.csv", ["受付番号", "ご意見"], early + [[f"L{k}", V2] for k in range(5)])
    res = invoke("run", late, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    after = next(r for r in read_csv_rows(out / "clusters.csv") if r["cluster_id"] == row["cluster_id"])
    assert after["representative_opinion_id"] == row["representative_opinion_id"]
    assert "荒れ地" in after["representative"]
    assert "荒れ地" in (out / "report.md").read_text(encoding="utf-8")
    # a fresh run of the same input shows the wording most letters use
    fresh = tmp_path / "fresh"
    assert invoke("run", late, "--out", fresh, "--model", "char-hash").exit_code == 0
    shown = next(r for r in read_csv_rows(fresh / "clusters.csv") if "原状回復" in r["representative"])
    assert "荒地" in shown["representative"]
