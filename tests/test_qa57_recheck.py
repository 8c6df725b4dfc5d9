"""QA57 (a re-check on the merged code, a city's 地域防災計画（案）): a question and a request that opens a new
point are two opinions; 「…から外さないで」 asks to keep, 「…から外して」 to drop, and they are opposites; a
problem asked to go (「トイレ不足をなくして」「聞こえない地域をなくして」) is a request."""

from __future__ import annotations

import pytest
from conftest import split_texts

from cluster.stance import opposite_directions, request_directions, request_stance


@pytest.mark.parametrize("text, pieces", [
    ("地域の備蓄倉庫について質問します。備蓄食料は何日分用意されているのですか。また、アレルギー対応の食品を備蓄してください。",
     ["地域の備蓄倉庫について質問します。備蓄食料は何日分用意されているのですか。", "また、アレルギー対応の食品を備蓄してください。"]),
    ("避難所のトイレの数は足りているのでしょうか。あわせて、簡易トイレを増やしてください。",
     ["避難所のトイレの数は足りているのでしょうか。", "あわせて、簡易トイレを増やしてください。"]),
    ("駐輪場を増やしてください。また、駐輪場の料金はいくらになる予定ですか。",
     ["駐輪場を増やしてください。", "また、駐輪場の料金はいくらになる予定ですか。"]),
])
def test_a_question_and_a_request_opening_a_new_point_are_two_opinions(text, pieces):
    assert split_texts(text) == pieces


@pytest.mark.parametrize("text", [
    "公園はいつ完成するのですか。また、遊具は何種類ですか。",  # questions only
    "備蓄食料は何日分ですか。アレルギー対応の食品も備蓄してください。",  # no new point opened
])
def test_no_cut_without_both_kinds_and_a_new_point(text):
    assert len(split_texts(text)) == 1


def test_kept_on_a_list_or_taken_off_it():
    keep, drop = "東小学校を指定避難所から外さないでください。", "東小学校を避難所の指定から外してほしい。"
    assert request_stance(keep) == 1 and request_directions(keep) == {"keep": 1}
    assert request_directions(drop) == {"keep": -1}
    assert opposite_directions(keep, drop)
    assert request_directions("西小学校を残してください。") == {"keep": 1}


@pytest.mark.parametrize("text", ["避難所のトイレ不足をなくしてほしい。", "防災無線が聞こえない地域をなくしてほしい。"])
def test_a_problem_asked_to_go_is_a_request(text):
    assert request_stance(text) == 1
