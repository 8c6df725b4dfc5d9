"""QA111: a worksheet filled in before an upgrade and imported after it. Opinions this version reads otherwise (a
speaker's label gone, a letter cut otherwise: 「L-001-1.2」 now 「L-001-2」) were said to be 「no longer in the run」 and
nothing was recorded for their rows, or a label and summary imported before were recorded a second time. The upgrade
is played here by what it leaves in the folder: the opinion under another id, its earlier text in run.json's
earlier_texts. The texts were written for these tests."""
from __future__ import annotations

import csv
import json

from conftest import invoke, read_csv_rows, write_csv
from cluster.decisions import text_fingerprint
from test_worksheet import edit, main_rows

ROWS = [["L1", "郵送", "駅前の駐輪場を増やしてください。朝は停める場所がありません。"],
        ["W1", "電子メール", "図書館の開館時間を夜九時まで延ばしてほしいです。"],
        ["W2", "電子メール", "公園のトイレを洋式にしてください。"]]


def _run(tmp_path, out):
    res = invoke("run", write_csv(tmp_path / "comments.csv", ["受付番号", "提出方法", "ご意見"], ROWS), "--out", out,
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output


def _upgrade(out, old_id: str, new_id: str, new_text: str):
    """The folder as a re-run by another build leaves it: ``old_id`` read otherwise, now ``new_id`` with ``new_text``,
    its earlier text kept in run.json's earlier_texts."""
    path = out / "opinions.csv"
    rows = read_csv_rows(path)
    before = ""
    for r in rows:
        if r["opinion_id"] == old_id:
            before, r["opinion_id"], r["text"] = r["text"], new_id, new_text
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    info["earlier_texts"] = {new_id: [text_fingerprint(before)]}
    (out / "run.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")


def _filled(tmp_path, out, label):
    _, _, rows = main_rows(out / "worksheet.xlsx")
    cid = next(r["cluster_id"] for r in read_csv_rows(out / "opinions.csv") if r["opinion_id"] == "L1-1")
    assert cid in rows
    return edit(out / "worksheet.xlsx", tmp_path / "filled.xlsx", {cid: {"ラベル": label}}), cid


def test_a_row_whose_opinion_this_version_reads_otherwise_is_still_recorded(tmp_path):
    out = tmp_path / "out"
    _run(tmp_path, out)
    filled, cid = _filled(tmp_path, out, "駅前の駐輪場")
    _upgrade(out, "L1-1", "L1-2", "駅前の駐輪場を増やしてください。朝は停める場所がありません")
    res = invoke("review", "import", out, filled, "--dry-run")
    assert res.exit_code == 0, res.output
    assert "no longer in the run" not in res.output
    assert f"would record label for {cid}: 駅前の駐輪場" in res.output


def test_a_label_imported_before_the_upgrade_is_not_recorded_again(tmp_path):
    out = tmp_path / "out"
    _run(tmp_path, out)
    filled, cid = _filled(tmp_path, out, "駅前の駐輪場")
    res = invoke("review", "import", out, filled)
    assert res.exit_code == 0 and "recorded" in res.output, res.output
    # (the same text under the next id: 「L-001-1.2」 read as 「L-001-2」)
    _upgrade(out, "L1-1", "L1-2", ROWS[0][2])
    again = invoke("review", "import", out, filled, "--dry-run")
    assert again.exit_code == 0, again.output
    assert "would record label" not in again.output and "recorded before" in again.output
