"""Item markers inside a line: 「①…。②…」 written on one line is a list and is cut, but circled or
parenthesised numbers used inside a sentence (「計画案の①と②に賛成ですが、③には反対です。」
「優先順位は①②③の順で」「図表②のとおり」「資料③参照」) are references, not item markers: the
sentence stays one opinion with its numbers (QA: 「計画案の」 was published as an opinion).
Invented texts."""
from __future__ import annotations

import pytest

from cluster.pipeline import _split_pieces
from cluster.split import split_submission


def _texts(text: str) -> list[str]:
    return [s.text_of(text) for s in split_submission(text)]


def _ok(text: str) -> list[str]:
    return [p[3] for p in _split_pieces(text, True) if p[4] == "ok"]


# --- numbers used inside a sentence: one opinion, numbers kept --------------------------------------

@pytest.mark.parametrize("text", [
    "計画案の①と②に賛成ですが、③には反対です。",
    "優先順位は①②③の順でお願いします。",
    "①と②に賛成です。",
    "計画案の ①と ②に賛成です。",
    "①〜③の順で整備してください。",
    "図表②のとおり駐輪場を整備してください。",
    "資料③参照のとおり、歩道の幅が足りません。",
    "①の案に賛成です。",
    "計画案の(1)と(2)に賛成ですが、(3)には反対です。",
    "優先順位は(1)(2)(3)の順でお願いします。",
])
def test_numbers_inside_a_sentence_stay_one_opinion(text):
    assert _texts(text) == [text]
    rows = _split_pieces(text, True)
    assert [(p[3], p[4]) for p in rows] == [(text, "ok")]


def test_a_sentence_with_markers_after_a_comma_is_not_cut():
    # 「、」 separates items only of a list begun at a sentence start: here 「①」 sits in the sentence
    for text in ("駐輪場は、①駅前に増やし、②屋根を付けてほしい。",
                 "駐輪場は、(1)駅前に増やし、(2)屋根を付けてほしい。"):
        assert _texts(text) == [text]


def test_a_reference_after_the_first_item_stays_in_it():
    text = "①駐輪場を増やしてほしい。資料②参照。②バスを増やしてほしい。"
    assert _ok(text) == ["駐輪場を増やしてほしい。資料②参照。", "バスを増やしてほしい。"]


def test_parenthesised_numbers_in_order_of_preference_are_no_items():
    text = "賛成です。(1)(2)の順でお願いします。(2)バスを増やしてほしい。"
    assert _texts(text) == [text]


def test_four_rows_give_four_opinions():
    # the QA file: four submissions, one opinion each except the two-item list
    rows = ["計画案の①と②に賛成ですが、③には反対です。", "①〜③の順で整備してください。",
            "優先順位は①②③の順でお願いします。", "①駐輪場を増やしてください。\n②バスを増便してください。"]
    counts = [len(_ok(r)) for r in rows]
    assert counts == [1, 1, 1, 2]


# --- real inline lists are still cut ----------------------------------------------------------------

def test_inline_list_on_one_line_is_cut():
    text = "①駐輪場を増やしてほしい。②バスの本数を増やしてほしい。③歩道を広げてほしい。"
    segs = split_submission(text)
    assert [s.text_of(text) for s in segs] == [
        "駐輪場を増やしてほしい。", "バスの本数を増やしてほしい。", "歩道を広げてほしい。"]
    assert [s.marker for s in segs] == ["①", "②", "③"]
    assert len(_ok(text)) == 3


@pytest.mark.parametrize("text,expected", [
    ("意見は二つです。①駐輪場を増やしてほしい。②バスを増やしてほしい。",
     ["意見は二つです。", "駐輪場を増やしてほしい。", "バスを増やしてほしい。"]),
    ("①駐輪場を増やす②料金を下げる", ["駐輪場を増やす", "料金を下げる"]),
    ("①駐輪場の増設、②バスの増便、③歩道の拡幅", ["駐輪場の増設、", "バスの増便、", "歩道の拡幅"]),
    ("①公園②図書館③駅前", ["公園", "図書館", "駅前"]),
    ("(1)駐輪場を増やしてほしい。(2)バスを増やしてほしい。", ["駐輪場を増やしてほしい。", "バスを増やしてほしい。"]),
])
def test_inline_lists_still_split(text, expected):
    assert _texts(text) == expected


def test_item_references_on_one_line_keep_their_numbers():
    # 「①は…。②は…」: items of the draft named at sentence starts, cut as on separate lines,
    # each with its number (before, 「は賛成です。」 lost it)
    text = "①は賛成です。②は反対です。"
    segs = split_submission(text)
    assert [s.text_of(text) for s in segs] == ["①は賛成です。", "②は反対です。"]
    assert [s.marker for s in segs] == ["①", "②"]


def test_no_text_is_lost():
    # every character is in a segment or is the dropped marker just before one
    for text in ("計画案の①と②に賛成ですが、③には反対です。", "優先順位は①②③の順でお願いします。",
                 "①駐輪場を増やしてほしい。②バスの本数を増やしてほしい。③歩道を広げてほしい。"):
        rebuilt = ""
        for s in split_submission(text):
            piece = s.text_of(text)
            rebuilt += piece if piece.startswith(s.marker) else s.marker + piece
        assert rebuilt == text
