"""Reading an opinion's stance (cluster.stance) on short opinions written for these tests."""
from __future__ import annotations

from cluster.stance import rejects, request_polarity


def test_request_polarity_reads_requests_and_rejections():
    texts = ["ドッグランを設置してください。",  # asks
             "ドッグランは不要です。",  # rejects
             "ロープウェイはいりません。",
             "この計画には反対です。",  # 反対 is a rejection too
             "駐車場はいらない。その分、遊具を増やしてほしい。",  # both: neither side
             "駐車場の拡張は不要で、バスを増やしてほしい。",  # both in one sentence
             "図書館の蔵書が少ないと感じます。"]  # neither
    assert request_polarity(texts).tolist() == [1, -1, -1, -1, 0, 0, 0]


def test_rejecting_a_cut_is_a_request_to_keep():
    """「減便をやめて」 asks to keep the buses: the opposite of 「バスは不要」, the same side as
    「本数を維持して」."""
    texts = ["バスの減便をやめてほしい。", "東町線の廃止に反対します。", "桜並木の伐採はやめてください。",
             "ごみ袋の有料化はやめるべきだ。", "東町線を廃止してほしい。"]
    assert request_polarity(texts).tolist() == [1, 1, 1, 1, -1]
    # closing a facility is a rejection of it; not closing it is a request to keep it
    closing = ["旧公民館は一日も早く閉鎖し、解体してください。", "旧公民館を閉鎖しないでください。"]
    assert request_polarity(closing).tolist() == [-1, 1]
    assert [rejects(t) for t in texts] == [False, False, False, False, True]


def test_rejects_reads_negations_and_other_uses_of_hantai():
    assert rejects("ドッグランをつくるのは反対です。") and rejects("ロープウェイはいりません。")
    assert not rejects("反対意見も聞いてほしい。") and not rejects("反対ではありませんが、説明が足りません。")
    assert not rejects("ドッグランを設置してください。")


def test_support_for_a_thing_asks_for_it():
    """QA: 「ドッグラン設置に賛成します」 and 「ドッグランはいらないと思う」 shared the 賛成 row: 賛成
    was no request and いらない no 反対, so neither reading kept them apart. 賛成 asks for what it
    names; a negated or conceded 賛成 does not."""
    texts = ["計画案12頁のドッグラン設置に賛成します。", "ドッグランはいらないと思う。",
             "ドッグランの設置に賛成です。犬を飼う家庭が増えています。",
             "ドッグランの設置には賛成できません。",  # no request (explicit_polarity reads it as against)
             "整備そのものには賛成ですが、車道と分離すべきです。"]  # conceded, then a request
    assert request_polarity(texts).tolist() == [1, -1, 1, 0, 1]


def test_support_or_rejection_of_an_action_reads_its_direction():
    """QA: 「体育館を…統合する案に賛成です」 was offered the past answer to 「体育館の統合に反対する」,
    and 「使用料はもっと上げるべき」 shared a row with 「使用料の値上げに反対」."""
    from cluster.stance import opposite_directions, request_directions

    assert request_directions("体育館を2つから1つに統合する案に賛成です。") == {"merge": 1}
    assert request_directions("体育館の統合に反対する。") == {"merge": -1}
    assert request_directions("体育館の統合には賛成できません。") == {"merge": -1}
    assert request_directions("公民館使用料の値上げに賛成します。") == {"price": 1}
    assert opposite_directions("公民館使用料の値上げに反対です。", "使用料はもっと上げるべきです。")
    assert opposite_directions("体育館の統合に賛成です。", "体育館の統合に反対です。")
    assert not opposite_directions("体育館の統合に賛成です。", "図書館の駅前への移転に賛成です。")
    # a 賛成 conceded before the real request still reads the action it supports
    assert request_directions("体育館の統合には賛成ですが、駐車場を広げてください。") == {"merge": 1}


def test_the_grouping_keeps_one_action_asked_both_ways_apart():
    from cluster.grouping import DEFAULTS, _polarity

    texts = ["公民館使用料の値上げに反対です。", "使用料はもっと上げるべきです。", "駅前に駐輪場を増やしてほしい。"]
    pol = _polarity(texts, dict(DEFAULTS))
    # some reading has +1 for one and -1 for the other: the linkage never joins them
    assert any(a * b < 0 for a, b in zip(pol[0], pol[1]))
    assert not any(a * b < 0 for a, b in zip(pol[0], pol[2]))
    assert _polarity(texts, dict(DEFAULTS, direction_apart=False, request_apart=False, opposite_apart=False,
                                 question_apart=False)) is None


def test_a_wish_about_what_something_should_be_asks_for_nothing():
    """QA: 「カフェは不要です。図書館は静かに本を読む場所であってほしい。」 read as asking and rejecting
    at once (0), so no reading kept it from 「館内カフェには賛成です」 and the two shared a row."""
    from cluster.grouping import DEFAULTS, _polarity

    texts = ["館内カフェには賛成です。明るい雰囲気になると思います。",
             "カフェは不要です。図書館は静かに本を読む場所であってほしい。",
             "図書館は静かな場所であってほしい。", "公園は誰にでも開かれているべきだ。",
             "図書館を静かな場所にしてほしい。",  # asks for something to be done
             "カフェは不要です。代わりに本を増やしてほしい。"]  # rejects one thing, asks for another
    assert request_polarity(texts).tolist() == [1, -1, 0, 0, 1, 0]
    pol = _polarity(texts[:2], dict(DEFAULTS))
    assert any(a * b < 0 for a, b in zip(pol[0], pol[1]))


def test_the_written_style_of_an_associations_letter_is_a_request():
    """「…の迅速化を図られたい」 asks as 「…してほしい」 does: the splitter read it, the grouping and
    the past-answer stance now read it too (one reading, in stance)."""
    assert request_polarity(["申請手続の迅速化を図られたい。", "補助対象を拡大されたい。",
                             "手続が簡素化されたことは評価する。", "計画の見直しを願いたい。"]).tolist() == [1, 1, 0, 1]


def test_a_verb_asked_not_to_be_done_is_a_rejection_and_a_cut_asked_not_to_be_made_a_request():
    from cluster.stance import request_polarity

    # QA25: 3,200 letters 「…遡及適用は行わないでください」 shared a row with 「…遡及は対象にしてください」
    texts = ["既存設備への遡及適用は行わないでください。",
             "すでに稼働している設備への遡及は対象にしてください。",
             "この森の木を切らないでほしい。",
             "駐車場を減らさないでください。",  # a cut asked not to be made: keep the parking
             "バス路線をなくさないでほしい。",
             "図書館を廃止しないでください。",
             "住民の声を忘れないでください。"]  # asks to keep something in mind
    assert request_polarity(texts).tolist() == [-1, 1, -1, 1, 1, 1, 1]


def test_gathering_a_service_in_one_place_is_the_opposite_of_keeping_it():
    """QA28: 「救急の集約に賛成」 shared the 「救急外来の存続を」 row of a hospital plan's campaign:
    集約 / 一本化 / 閉鎖 of a service read as the opposite of its 存続; gathering opinions or
    information (「意見を集約して」) is no such action."""
    from cluster.stance import opposite_directions, request_directions

    assert request_directions("北病院の救急外来を南病院に集約する案に賛成です。") == {"keep": -1}
    assert request_directions("救急の集約に反対します。救急外来の存続を求めます。") == {"keep": 1}
    assert request_directions("救急の一本化はやめてほしい。") == {"keep": 1}
    assert request_directions("分院を閉鎖しないでほしい。") == {"keep": 1}
    assert opposite_directions("北病院の救急外来を南病院に集約する案に賛成です。", "北病院の救急外来を存続してほしい。")
    assert request_directions("市民の意見を集約してください。") == {}
    assert request_directions("窓口の情報を一元的に集約してほしい。") == {}
    assert not opposite_directions("救急の集約に反対です。", "救急外来を存続してほしい。")


def test_a_rule_made_stricter_or_looser_are_opposite_requests():
    """QA33: 「抑制区域の規制を強化してください」 and 「抑制区域の指定要件を緩和してほしい」 shared a row whose
    summary was the industry's request to relax."""
    from cluster.grouping import DEFAULTS, _polarity
    from cluster.stance import opposite_directions, request_directions

    assert request_directions("抑制区域の規制を強化してください。") == {"strict": 1}
    assert request_directions("規制の緩和には反対です。") == {"strict": 1}
    assert opposite_directions("抑制区域の規制を強化してください。", "抑制区域の指定要件を緩和してほしい。")
    texts = ["抑制区域の規制を強化してください。", "抑制区域の指定要件を緩和してほしい。"]
    pol = _polarity(texts, dict(DEFAULTS))
    assert any(a * b < 0 for a, b in zip(pol[0], pol[1]))


def test_a_tree_felled_or_spared_in_plain_words_are_opposite_requests():
    """QA34: 「危ない木は早めに切ってほしい」 and 「安易に切らず、できる限り残してください」 shared a row
    whose past answer (「できる限り保全」) then stood for the felling requests too."""
    from cluster.stance import opposite_directions, request_directions

    assert request_directions("児童公園の枝が落ちてきました。危ない木は早めに切ってほしい。") == {"felling": 1}
    assert request_directions("公園の木をむやみに切らないでください。") == {"felling": -1}
    # (「残して」 asks to keep it as well: QA57)
    assert request_directions("公園の大木は地域の宝です。安易に切らず、できる限り残してください。") == {"felling": -1, "keep": 1}
    assert request_directions("木を切っているのを見ました。") == {}
    assert opposite_directions("倒れる前に早く伐採してください。", "安易に切らず、できる限り残してください。")


def test_going_at_it_hard_or_holding_back_are_opposite():
    """QA35: 「代執行は本当に危険なものに限定し…」 in the campaign row asking the city to act; 「公表は
    やりすぎ」 with 「公表は確実に実行して」; 「課税情報を使うことには抵抗があります」 with 「積極的に使って」."""
    from cluster.stance import opposite_directions, request_directions

    assert request_directions("代執行は本当に危険なものに限定し、所有者の言い分を聞いてください。") == {"eager": -1}
    assert request_directions("第15条の公表は確実に実行してください。") == {"eager": 1}
    assert opposite_directions("所有者の氏名を公表するのはやりすぎだと思います。", "第15条の公表は確実に実行してください。")
    assert opposite_directions("課税情報を使うことには抵抗があります。", "課税台帳の情報を積極的に使ってください。")
    # both in one text: no reading
    assert request_directions("緑化は積極的に進め、開発は慎重に判断してください。") == {}


def test_a_plea_told_as_what_happened_asks_nothing():
    """QA47: 「…名簿の提供をお願いしても、…出せないと言われます。」 is what happened to the writer; every reader of
    the stance (splitter, summary, grouping, past answers) takes it so."""
    from cluster.stance import request_stance, sentence_stance

    assert sentence_stance("市役所に名簿の提供をお願いしても、本人の同意がない人の情報は出せないと言われます。") == (False, False)
    assert request_stance("レスパイト入院をお願いしましたが、義母は体調を崩しました。") == 0
    assert sentence_stance("名簿の提供をお願いしたい。")[0] and sentence_stance("名簿を提供してください。")[0]


def test_a_support_denied_in_words_is_against_and_an_opposition_denied_is_neither():
    """QA101: 「賛成とは言えません」 was read as support and 「反対はしません」 as against."""
    from cluster.stance import explicit_polarity

    texts = ["この統合案には賛成とは言えません。", "賛成するわけにはいきません。", "賛成することはできません。",
             "反対はしません。", "反対まではしませんが、説明会を開いてください。", "統合案に賛成です。", "統合案に反対です。"]
    assert explicit_polarity(texts).tolist() == [-1, -1, -1, 0, 0, 1, -1]


def test_an_action_joined_to_what_is_rejected_is_rejected_with_it():
    """QA99: 「統合して廃校にすることには賛成できません」 was read as asking for the merger (統合 +1), so the
    past answer to 「統合に賛成」 was offered to it."""
    from cluster.stance import opposite_directions, request_directions

    assert request_directions("東小と西小を統合して廃校にすることには賛成できません。") == {"merge": -1}
    assert request_directions("小学校を統合して廃校にすることに反対です。") == {"merge": -1}
    assert request_directions("統合して廃校にするのはやめてください。") == {"merge": -1}
    # joined to a request, the action is asked for
    assert request_directions("二つの学校を統合して、新しい校舎を建ててほしい。") == {"merge": 1}
    assert request_directions("学校の統合に賛成です。") == {"merge": 1}
    assert opposite_directions("東小と西小を統合して廃校にすることには賛成できません。", "学校の統合に賛成です。")
