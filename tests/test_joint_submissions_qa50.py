"""Submissions that carry several people are named when read (QA50, a school consolidation plan).

提出者数 counts a submission once; a city may publish 「うち連名…件」 or 「このほか署名…筆」, and staff had to
read every letter to find a PTA's letter signed by its officers, 「…ほか役員一同」, 「保護者有志 32名」, a petition's
「署名 1,250筆」 or 30 names under 「賛同者（連名）」."""
from __future__ import annotations

import json

from conftest import invoke, model_args, write_csv

from cluster.pipeline import joint_submissions
from cluster.records import Submission

JOINT = {
    "A-1": "北小学校の統合に反対します。\n\n北小学校PTA\n会長　山本 健一\n副会長　佐藤 美和",
    "A-2": "スクールバスを運行してください。\n\n北山町内会 会長 田村 正雄 ほか役員一同",
    "A-3": "統合の時期を延ばしてください。\n\n東小学校 保護者有志 32名",
    "A-4": "南台小の存続を求めます。署名 1,250筆を添えて提出します。",
    "A-5": "跡地に児童館をつくってください。\n\n賛同者（連名）\n山田 一郎\n鈴木 花子\n高橋 三郎",
}
SINGLE = {
    "B-1": "説明会を土日にも開いてください。\n\n北山町内会 会長 田村 正雄",  # one officer
    "B-2": "署名活動をしている人がいますが、私は賛成です。",  # no count
    "B-3": "通学路に歩道を整備してほしい。",
}


def _subs(texts):
    return [Submission(comment_id=cid, row_number=i, text=t) for i, (cid, t) in enumerate(texts.items(), 1)]


def test_joint_submissions_are_found_and_single_ones_are_not():
    found = dict(joint_submissions(_subs({**JOINT, **SINGLE})))
    assert set(found) == set(JOINT)
    assert found["A-4"] == "署名 1,250筆"
    assert found["A-1"] == "会長・副会長"  # the roles, not the officers' names


def test_a_run_names_them_and_run_json_lists_them(tmp_path):
    rows = [[cid, text] for cid, text in {**JOINT, **SINGLE}.items()]
    src = write_csv(tmp_path / "in.csv", ["受付番号", "意見"], rows)
    res = invoke("run", src, "--out", tmp_path / "out", *model_args())
    assert res.exit_code == 0, res.output
    line = next(ln for ln in res.output.splitlines() if ln.startswith("連名:"))
    assert "5 submissions" in line and "A-4 「署名 1,250筆」" in line and "山本" not in line
    info = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert [j["comment_id"] for j in info["joint_submissions"]] == list(JOINT)
    res = invoke("run", src, "--out", tmp_path / "out2", *model_args(), "--lang", "ja")
    assert any(ln.startswith("連名：5件の提出") for ln in res.output.splitlines()), res.output
