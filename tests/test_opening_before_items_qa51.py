"""An opening before a letter's items that asks and says nothing of the draft is no opinion (QA51).

「わたしは八十二歳になります。むかしは川でよく泳いだものです。」 over 「一、川をきれいにしてください。」 was an
opinion of its own and became the published summary of the river row, the request beside it unseen."""
from __future__ import annotations

import pytest

from cluster.pipeline import split_opinions
from cluster.records import Submission

ITEMS = "\n一、川をきれいにしてください。\n一、バスを減らさないでください。車がないと買い物にも行けません。"


def _rows(text):
    return [(o.status, o.text) for o in split_opinions([Submission(row_number=1, comment_id="1", text=text)])]


def test_an_opening_that_tells_only_of_the_writer_is_no_opinion():
    rows = _rows("わたしは八十二歳になります。むかしは川でよく泳いだものです。" + ITEMS)
    assert rows[0] == ("greeting", "わたしは八十二歳になります。むかしは川でよく泳いだものです。")
    assert [t for s, t in rows if s == "ok"] == ["川をきれいにしてください。",
                                                 "バスを減らさないでください。車がないと買い物にも行けません。"]


@pytest.mark.parametrize("opening", [
    "私は計画案には具体策が書かれていないと思います。",  # a criticism of the draft
    "私はなぜ統合を急ぐのか知りたいです。",  # a question
    "私は再編の方向性には反対です。",  # a stance
    "私は駅前に住んでいますが、バスが少なくて困ります。",  # a problem
])
def test_an_opening_that_says_something_stays_an_opinion(opening):
    rows = _rows(opening + ITEMS)
    assert rows[0] == ("ok", opening)


def test_an_opening_that_names_the_section_gives_the_items_their_place():
    text = ("第4章第2節「脱炭素社会の実現」について意見を述べます。\n"
            "1．電気自動車の充電設備を道の駅に整備してください。\n"
            "2．県の公用車を2030年までにすべて電動車にしてください。")
    ops = split_opinions([Submission(row_number=1, comment_id="1", text=text)])
    assert ops[0].status == "greeting"
    assert [o.heading for o in ops if o.status == "ok"] == ["第4章第2節「脱炭素社会の実現」について"] * 2


def test_an_item_on_the_same_section_as_the_one_before_is_placed_there(tmp_path):
    from conftest import invoke, model_args, read_csv_rows, write_csv

    text = ("第4章第3節「生物多様性の保全」について、ニホンジカの食害対策に捕獲目標を入れてください。\n\n"
            "同節の外来種対策で、アレチウリの駆除ボランティアへの支援を明記してください。\n\n"
            "第4章第5節の環境教育について、出前講座の回数目標を設定してほしい。")
    ops = split_opinions([Submission(row_number=1, comment_id="1", text=text)])
    assert [o.heading for o in ops if o.status == "ok"] == ["", "第4章第3節", ""]
    src = write_csv(tmp_path / "in.csv", ["No", "意見"], [["1", text]])
    res = invoke("run", src, "--out", tmp_path / "out", *model_args())
    assert res.exit_code == 0, res.output
    row = next(r for r in read_csv_rows(tmp_path / "out" / "report.csv") if "アレチウリ" in r["ご意見の概要"])
    assert row["該当箇所"] == "第4章第3節"
