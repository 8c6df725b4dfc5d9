"""QA41: a city's こども向けパブリックコメント. Children end a wish on the て-form (「公園をつくって(^^)」), so the
last wish of a card was taken for its closing and neither counted nor published; a child's self-introduction
(「ぼくの名前は いとう そうま です。」「みどり町3丁目に すんでます。」) and a scribe's note (「（保護者が代筆）」) were
read as part of the wish and grouped cards by who wrote them; 「（絵のみ）」 cards were a row. Invented texts."""
from __future__ import annotations

import pytest

from cluster.normalize import comparison_text, is_empty_opinion, is_introduction
from cluster.pipeline import _split_pieces
from cluster.stance import sentence_stance


def test_the_last_wish_of_a_card_is_an_opinion():
    card = ("市長さんと話せる会をひらいてほしい。あと、学童にはいれなかったので、はいれるようにしてほしい。"
            "あと、ブランコとすべりだいがある公園をつくって(^^)")
    pieces = _split_pieces(card, True)
    assert [p[4] for p in pieces] == ["ok", "ok", "ok"]
    assert pieces[2][3] == "あと、ブランコとすべりだいがある公園をつくって(^^)"


@pytest.mark.parametrize("wish", ["公園をつくって(^^)", "夏休みをもっと長くして〜", "としょかんを日曜もあけて",
                                  "本をもっとふやして！！📚", "通学路に信号をつけて"])
def test_a_wish_on_the_te_form_asks(wish):
    assert sentence_stance(wish) == (True, False)


@pytest.mark.parametrize("text", ["第3条について", "子育て", "使い捨て", "雨がふっていて", "将来に向けて", "市民として"])
def test_a_heading_a_noun_or_a_clause_on_te_asks_nothing(text):
    assert sentence_stance(text) == (False, False)


@pytest.mark.parametrize("intro", ["ぼくの名前は いとう そうま です。", "わたしは みなと小3年2組の さとう ゆいです。",
                                   "みどり町3丁目に すんでます。", "小学3年生です。", "中学2年のさとうです。"])
def test_a_childs_self_introduction_is_no_part_of_the_wish(intro):
    assert is_introduction(intro)
    assert comparison_text(intro + "こうえんにボールあそびができる場所がほしい。") == "こうえんにボールあそびができる場所がほしい"


@pytest.mark.parametrize("text", ["一番困るのは小学生です。", "小3の子どもが通学路でこわい思いをしています。"])
def test_a_sentence_about_children_is_no_introduction(text):
    assert not is_introduction(text)


def test_a_scribes_note_is_no_part_of_the_wish():
    assert comparison_text("（保護者が代筆）横断歩道に信号をつけてほしい。") == "横断歩道に信号をつけてほしい"
    assert comparison_text("【聞き取り：職員】児童館をふやしてほしい。") == "児童館をふやしてほしい"


@pytest.mark.parametrize("card", ["（絵のみ）", "絵のみ", "白紙", "（判読不能）", "（絵のみ）こうえんの絵"])
def test_a_card_with_no_words_is_empty(card):
    assert is_empty_opinion(card)


@pytest.mark.parametrize("card", ["絵をかく教室がほしい", "絵本をふやして"])
def test_a_wish_about_pictures_is_an_opinion(card):
    assert not is_empty_opinion(card)


def test_an_organisations_announcement_is_no_opinion():
    from cluster.normalize import is_greeting_sentence

    assert is_greeting_sentence("中央中学校PTAとして意見を提出します。")
    assert not is_greeting_sentence("市として意見を集約してください。")


def test_a_wish_opening_with_ato_is_published_without_it():
    from cluster.normalize import display_text

    assert display_text("あと、学童の時間をながくしてほしい。") == "学童の時間をながくしてほしい。"


@pytest.mark.parametrize("card, wishes", [
    ("いじめられている子を助けてください。あと、ぶかつを もっと じゆうに えらびたい", 2),
    ("ぶかつを もっと じゆうに えらびたい。あと、がくどうの おもちゃを ふやして", 2),
    ("駐輪場を増やしてほしい。屋根もつけてほしい。", 1),
    ("市民として協力したいと思います。公園をふやしてほしい。", 1),
])
def test_a_wish_to_do_something_is_a_point_of_its_own_after_ato(card, wishes):
    assert len([p for p in _split_pieces(card, True) if p[4] == "ok"]) == wishes


def test_a_list_opened_after_a_comma_is_cut_when_it_goes_on_at_a_line_start():
    """QA41: 「山田先生がいってたけど、①…⏎②…」 was one opinion; the clause before ① stays with the first item."""
    pieces = _split_pieces("山田先生がいってたけど、①こうえんをふやして\n②としょかんを日曜もあけて", True)
    assert [p[3] for p in pieces] == ["山田先生がいってたけど、①こうえんをふやして", "としょかんを日曜もあけて"]
    # inside one sentence it is no list
    assert len(_split_pieces("優先順位は、①安全②便利の順です。", True)) == 1
