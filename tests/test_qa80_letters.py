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


@pytest.mark.parametrize("letter, cover", [
    # a date in kanji numerals over the letterhead
    ("令和八年一月二十六日\nみなと市長　海野　太一　様\nみなと農業協同組合\n代表理事組合長　北村　哲也\n\n"
     "一　農地の保全について\n　遊休農地の解消に向けた具体策を示されたい。\n二　有害鳥獣対策について\n　鳥獣被害対策を位置付けられたい。\n",
     "代表理事組合長"),
    # an officer with a title between the office and the name
    ("みなと市長　海野　太一　殿\n\n2026年（令和8年）1月28日\nみなと県弁護士会\n会長　弁護士　早川　直樹\n\n"
     "1　計画案第5章に、環境影響評価条例の制定に向けた検討を行う旨を明記すべきである。\n"
     "2　計画の進捗状況の評価結果を毎年公表すべきである。\n", "会長　弁護士"),
    # a contact block under its label
    ("1　事業所向けの太陽光発電設備導入補助の上限額を引き上げていただきたい。\n"
     "2　省エネ診断の実施件数目標を引き上げていただきたい。\n\n以上\n\n【本件担当】\nみなと商工会議所　産業振興部　山本　健司\n"
     "TEL 0465-22-3141\n", "産業振興部"),
])
def test_a_letters_cover_and_contact_lines_are_no_opinion(letter, cover):
    from cluster.split import split_submission

    opinions = [letter[s.start:s.end] for s in split_submission(letter) if not s.closing]
    assert len(opinions) == 2, opinions
    assert not any(cover in o for o in opinions)
