"""A town's letter of bullets under an opening that names the draft's chapter, closed by a line for
all of them (QA26: the chapter was lost and the closing was published with the last bullet).
Invented letters."""
from __future__ import annotations

from cluster.pipeline import _split_pieces

LETTER = ("第4章の観光振興について、以下のとおり意見を申し上げます。\n"
          "・道の駅の売店：地元の野菜や加工品をもっと置いてほしい\n"
          "・案内看板：駅から観光地までの看板が少なく分かりにくい\n"
          "・駐車場：桜の時期は満車で路上駐車が多い\n"
          "以上の点を計画に盛り込んでいただきたい。")


def test_the_items_take_the_chapter_the_opening_names_and_the_closing_line_is_its_own_row():
    pieces = _split_pieces(LETTER, True)
    assert [p[4] for p in pieces] == ["greeting", "ok", "ok", "ok", "greeting"]
    assert [p[2] for p in pieces if p[4] == "ok"] == ["第4章の観光振興について"] * 3
    assert pieces[3][3] == "駐車場：桜の時期は満車で路上駐車が多い"
    assert pieces[4][3] == "以上の点を計画に盛り込んでいただきたい。"


def test_an_opening_that_names_no_place_in_the_draft_gives_no_heading():
    letter = "計画案について、以下のとおり意見を申し上げます。\n1. 駅前に駐輪場を増やしてください。\n2. 図書館の開館時間を延ばしてください。"
    assert [p[2] for p in _split_pieces(letter, True) if p[4] == "ok"] == ["", ""]


def test_a_line_summing_up_a_numbered_list_is_no_part_of_its_last_item():
    letter = "1. 駅前に駐輪場を増やしてください。\n2. 図書館の開館時間を延ばしてください。\n以上の2点を要望します。"
    pieces = _split_pieces(letter, True)
    assert [p[3] for p in pieces if p[4] == "ok"] == ["駅前に駐輪場を増やしてください。", "図書館の開館時間を延ばしてください。"]
    # one item and a sentence after it: the sentence is the item's own (no list to sum up)
    one = "駅前に駐輪場を増やしてください。\n以上の理由から、駐輪場の増設を求めます。"
    assert [p[4] for p in _split_pieces(one, True)] == ["ok"]
