"""Signature blocks under the last opinion, found by the QA23 review (cluster.split); invented letters."""
from __future__ import annotations

import pytest

from cluster.normalize import comparison_text
from cluster.pipeline import _keyword_text, _split_pieces, report_form
from cluster.split import split_submission


def pieces(text: str) -> list[tuple[str, str]]:
    return [(status, piece) for _, _, _, piece, status in _split_pieces(text, True)]


@pytest.mark.parametrize("text, opinion, signature", [
    # a name line over a birth-date line
    ("公民館の休館日を月曜から火曜に変えてほしい。\n森本 みち代\n昭和30年4月8日生まれ",
     "公民館の休館日を月曜から火曜に変えてほしい。", "森本 みち代\n昭和30年4月8日生まれ"),
    # a name beside its Latin spelling, then an e-mail address on the same line (over 40 characters)
    ("図書館の自習室を増やしてほしい。\n森田恵 / Megumi Morita　megu.m at example dot jp",
     "図書館の自習室を増やしてほしい。", "森田恵 / Megumi Morita　megu.m at example dot jp"),
    # a my-number line at the end of the last numbered item
    ("1. 公園のトイレを洋式にしてほしい。\n2. ベンチを増やしてほしい。\nマイナンバー：987654321098",
     "ベンチを増やしてほしい。", "マイナンバー：987654321098"),
    ("1. 公園のトイレを洋式にしてほしい。\n2. ベンチを増やしてほしい。\n生年月日：平成元年1月9日",
     "ベンチを増やしてほしい。", "生年月日：平成元年1月9日"),
])
def test_a_signature_under_the_last_opinion_is_a_greeting_row(text, opinion, signature):
    got = pieces(text)
    assert ("greeting", signature) == got[-1]
    assert ("ok", opinion) == got[-2]
    assert split_submission(text)[-1].closing
    # neither the published summary nor the text the grouping and the labels read carries it
    for status, piece in got:
        if status == "ok":
            shown = report_form(piece, {"森本"})
            assert "［" not in shown and "生まれ" not in shown and "マイナンバー" not in shown
            for key in (comparison_text(piece), _keyword_text(piece)):
                assert not any(w in key for w in ("生まれ", "Morita", "マイナンバー", "生年月日", "みち代"))


def test_a_line_about_a_birth_year_inside_the_opinion_stays():
    text = "昭和30年生まれの母が免許を返納しました。\nバスの本数を増やしてほしい。"
    assert pieces(text) == [("ok", text)]


def test_a_whole_submission_saying_it_has_no_opinion_is_empty():
    for text in ("意見はありません。", "特に意見はございません。", "意見なし", "特にありません。\n森本"):
        assert [status for status, _ in pieces(text)] == ["empty"], text
    assert pieces("駅の駐輪場が足りません。") == [("ok", "駅の駐輪場が足りません。")]
