"""QA80: organisations' letters whose items are marked ア／イ, 「二　」「1　」 or open with their label (【意見】, 意見：):
each item is the writer's own point, so two of one letter never share a row.

The letters were written for these tests (an imagined city's environment plan).
"""
from __future__ import annotations

import pytest

from conftest import cluster_of, invoke, read_csv_rows, write_csv

OTHERS = [
    ["Z1", "電子メール", "駅前の駐輪場を増設してください。"],
    ["Z2", "郵送", "図書館の開館時間を延長してほしい。"],
    ["Z3", "FAX", "公園のトイレを洋式にしてください。"],
]


@pytest.mark.parametrize("letter", [
    "みなと市PTA連合会\n\n（1）環境学習について\nア　小学校の環境学習で、みなと川の水生生物調査を全校で行ってください。\n"
    "イ　小学校の環境学習で、里山の森林体験を全校で行ってください。\n\n以上",
    "みなと農業協同組合\n\n一　環境学習について\n　小学校の環境学習で、みなと川の水生生物調査を全校で行ってください。\n"
    "二　環境学習について\n　小学校の環境学習で、里山の森林体験を全校で行ってください。\n\n以上",
    "みなと市医師会\n\n【該当箇所】P.30\n【意見】小学校の環境学習で、みなと川の水生生物調査を全校で行ってください。\n"
    "【理由】体験が大切です。\n\n【該当箇所】P.31\n【意見】小学校の環境学習で、里山の森林体験を全校で行ってください。\n"
    "【理由】体験が大切です。\n\n以上",
])
def test_two_items_of_one_letter_never_share_a_row(tmp_path, letter):
    rows = [["L1", "郵送", letter]] + OTHERS
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "提出方法", "ご意見"], rows), "--out", out,
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output
    of = cluster_of(out)
    texts = {r["opinion_id"]: r["text"] for r in read_csv_rows(out / "opinions.csv")}
    water = next(oid for oid, t in texts.items() if "水生生物" in t)
    forest = next(oid for oid, t in texts.items() if "森林体験" in t)
    assert water != forest and of[water] and of[forest]
    assert of[water] != of[forest]
