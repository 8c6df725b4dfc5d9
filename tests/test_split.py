"""Cutting a submission into opinions (cluster.split)."""
from __future__ import annotations

import re

import pytest

from cluster.split import split_submission
from conftest import EMAIL_8_ITEMS


def texts(source: str) -> list[str]:
    return [s.text_of(source) for s in split_submission(source)]


def markers(source: str) -> list[str]:
    return [s.marker for s in split_submission(source)]


CASES = {
    "paren": ("(1)公園のトイレを洋式にしてほしい。\n(2)遊具を新しくしてほしい。\n(3)ベンチを増やしてほしい。",
              ["公園のトイレを洋式にしてほしい。", "遊具を新しくしてほしい。", "ベンチを増やしてほしい。"]),
    "dot": ("1. 図書館の蔵書を増やしてほしい。\n2. 自習室を作ってほしい。",
            ["図書館の蔵書を増やしてほしい。", "自習室を作ってほしい。"]),
    "circled": ("①駐輪場を増やしてほしい。\n②駐輪場に屋根を付けてほしい。\n③防犯カメラを置いてほしい。",
                ["駐輪場を増やしてほしい。", "駐輪場に屋根を付けてほしい。", "防犯カメラを置いてほしい。"]),
    "fullwidth_paren": ("（１）整備期間が長すぎます。\n（２）地図が小さくて読めません。",
                        ["整備期間が長すぎます。", "地図が小さくて読めません。"]),
    "kanji": ("一、公園に日陰を作ってほしい。\n二、噴水を残してほしい。\n三、芝生を広げてほしい。",
              ["公園に日陰を作ってほしい。", "噴水を残してほしい。", "芝生を広げてほしい。"]),
    "bullet": ("・駅前広場にベンチを置いてください。\n・駅前広場の照明を明るくしてください。",
               ["駅前広場にベンチを置いてください。", "駅前広場の照明を明るくしてください。"]),
    "black_bullet": ("● 歩道を広げてほしい。\n● 街路樹を残してほしい。",
                     ["歩道を広げてほしい。", "街路樹を残してほしい。"]),
    "dash": ("- 体育館の冷房を整備してほしい。\n- 体育館の予約を簡単にしてほしい。",
             ["体育館の冷房を整備してほしい。", "体育館の予約を簡単にしてほしい。"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_numbered_and_bullet_lists(name):
    source, expected = CASES[name]
    assert texts(source) == expected


def test_markers_are_recorded():
    assert markers(CASES["paren"][0]) == ["(1)", "(2)", "(3)"]
    assert markers(CASES["circled"][0]) == ["①", "②", "③"]
    assert markers(CASES["fullwidth_paren"][0]) == ["（１）", "（２）"]


def test_indented_items_with_continuation_lines():
    source = ("　(1) 公園のトイレについて。\n　　古くて暗いので改修してほしい。\n"
              "　(2) 遊具について。\n　　安全点検を増やしてほしい。")
    assert texts(source) == ["公園のトイレについて。\n　　古くて暗いので改修してほしい。",
                             "遊具について。\n　　安全点検を増やしてほしい。"]


def test_about_headings_on_their_own_line():
    source = ("公園の整備について\n芝生広場をもっと広くしてほしい。\n"
              "図書館の運営について\n指定管理者制度の導入には反対です。\n職員の専門性が失われます。")
    segs = split_submission(source)
    assert [s.text_of(source) for s in segs] == [
        "芝生広場をもっと広くしてほしい。",
        "指定管理者制度の導入には反対です。\n職員の専門性が失われます。",
    ]
    assert [s.heading for s in segs] == ["公園の整備について", "図書館の運営について"]


def test_about_headings_in_quotation_brackets():
    source = "「子育て支援について」\n保育園の待機児童を解消してください。\n『高齢者福祉について』\nデイサービスの送迎範囲を広げてください。"
    segs = split_submission(source)
    assert [s.text_of(source) for s in segs] == ["保育園の待機児童を解消してください。", "デイサービスの送迎範囲を広げてください。"]
    assert [s.heading for s in segs] == ["子育て支援について", "高齢者福祉について"]
    quoted = "「公園について」の意見です。遊具を増やしてください。"  # a quotation inside a sentence
    assert texts(quoted) == [quoted]


def test_heading_with_numbered_items_under_it():
    source = ("【駐輪場について】\n(1)台数を増やしてほしい。\n(2)屋根を付けてほしい。\n"
              "【図書館について】\n(1)開館時間を延長してほしい。\n(2)蔵書を増やしてほしい。")
    segs = split_submission(source)
    assert [s.text_of(source) for s in segs] == [
        "台数を増やしてほしい。", "屋根を付けてほしい。", "開館時間を延長してほしい。", "蔵書を増やしてほしい。"]
    assert [s.heading for s in segs] == ["駐輪場について"] * 2 + ["図書館について"] * 2


def test_section_labels_in_brackets():
    source = "【総論】\n計画の方向性に賛成です。\n【各論】\n駐輪場の整備を急いでください。"
    segs = split_submission(source)
    assert [s.text_of(source) for s in segs] == ["計画の方向性に賛成です。", "駐輪場の整備を急いでください。"]
    assert [s.heading for s in segs] == ["総論", "各論"]


def test_a_sentence_about_something_is_not_a_heading():
    # 「…について、」 followed by the opinion on the same line is a sentence, not a heading.
    source = "公園の整備について、芝生広場を広くしてほしい。\n遊具も増やしてほしい。"
    assert texts(source) == [source]


def test_inline_circled_numbers_in_one_line():
    source = "意見は三つあります。①公園のトイレを直してほしい。②遊具を増やしてほしい。③ベンチを置いてほしい。"
    segs = split_submission(source)
    assert [s.text_of(source) for s in segs] == [
        "意見は三つあります。", "公園のトイレを直してほしい。", "遊具を増やしてほしい。", "ベンチを置いてほしい。"]
    assert [s.marker for s in segs] == ["", "①", "②", "③"]


def test_inline_parenthesised_numbers():
    source = "次の二点です。(1)駐輪場を増やしてほしい。(2)駐輪場に屋根を付けてほしい。"
    assert texts(source)[-2:] == ["駐輪場を増やしてほしい。", "駐輪場に屋根を付けてほしい。"]


@pytest.mark.parametrize("source", [
    "1.5倍に利用者が増えると見込まれます。\n図書館の閲覧席を増やしてください。",
    "1.5倍に増える利用者に対応するため、図書館の閲覧席を増やしてください。",
    "2.5％の値上げには反対です。\n3.0％以内にとどめるべきです。",
])
def test_decimal_numbers_are_not_items(source):
    assert texts(source) == [source]


def test_an_item_whose_text_starts_with_a_number_continues_the_list():
    # 「３．15頁の…」 reads like the decimal 3.15; after items 1 and 2 it is item 3
    source = "１．路線図を見やすくしてください。\n２．バスの本数を増やしてください。\n３．15頁の予算の見込みを示してください。"
    assert texts(source) == ["路線図を見やすくしてください。", "バスの本数を増やしてください。",
                             "15頁の予算の見込みを示してください。"]


def test_a_number_that_skips_the_sequence_stays_in_the_previous_item():
    source = "１．路線図を見やすくしてください。\n２．バスの本数を、\n５．15倍にしてほしいわけではありません。"
    assert texts(source) == ["路線図を見やすくしてください。", "バスの本数を、\n５．15倍にしてほしいわけではありません。"]


@pytest.mark.parametrize("source", [
    "(1)の点について、もう少し詳しく説明してください。(1)の内容は分かりにくいです。",
    "計画案の(1)の点と(2)の点には賛成です。早く進めてください。",
    "計画案の(1)の点には賛成です。\n(1)の点を早く進めてください。",
])
def test_references_to_items_are_not_split(source):
    assert texts(source) == [source]


def test_a_single_numbered_line_is_not_a_list():
    source = "(2)の方針には反対です。\n理由は費用がかかりすぎるからです。"
    assert texts(source) == [source]


def test_text_without_structure_is_one_segment():
    source = "公園の遊具を増やしてほしい。子どもが多い地域なので、ぜひお願いします。\n以上です。"
    segs = split_submission(source)
    assert len(segs) == 1
    assert segs[0].heading == "" and segs[0].marker == ""
    assert segs[0].text_of(source) == source


def test_surrounding_blanks_are_trimmed():
    source = "\n　 公園を広くしてほしい。 \n\n"
    assert texts(source) == ["公園を広くしてほしい。"]


@pytest.mark.parametrize("source", ["", "   ", "\n\n"])
def test_empty_text_gives_one_segment(source):
    segs = split_submission(source)
    assert len(segs) == 1
    assert segs[0].text_of(source).strip() == ""


def test_eight_item_email_with_full_width_numbers_and_greeting():
    segs = split_submission(EMAIL_8_ITEMS)
    items = [s for s in segs if s.marker]
    assert len(items) == 8
    assert [s.marker for s in items] == [f"{n}．" for n in "１２３４５６７８"]
    item_texts = [s.text_of(EMAIL_8_ITEMS) for s in items]
    assert item_texts[0] == "第2章の人口推計の根拠を示してください。"
    assert item_texts[4] == "公園の駐車場を有料化することには反対です。"
    assert item_texts[7].startswith("計画の進み具合を毎年公表してください。")
    # The greeting preamble and the closing line are kept as their own pieces, without markers.
    assert len(segs) == 10
    assert segs[-1].marker == "" and segs[-1].text_of(EMAIL_8_ITEMS).startswith("以上")
    assert segs[0].marker == ""
    preamble = segs[0].text_of(EMAIL_8_ITEMS)
    assert "お世話になっております" in preamble
    assert "１．" not in preamble


ALL_SOURCES = [src for src, _ in CASES.values()] + [
    EMAIL_8_ITEMS,
    "公園の整備について\n芝生広場をもっと広くしてほしい。\n図書館の運営について\n指定管理者制度の導入には反対です。",
    "【総論】\n計画の方向性に賛成です。\n【各論】\n駐輪場の整備を急いでください。",
    "意見は三つあります。①公園のトイレを直してほしい。②遊具を増やしてほしい。③ベンチを置いてほしい。",
    "前置きです。\r\n(1)一つ目。\r\n(2)二つ目。",
    "1.5倍に利用者が増えると見込まれます。\n図書館の閲覧席を増やしてください。",
    "　(1) 公園のトイレについて。\n　　古くて暗い。\n　(2) 遊具について。",
    "拝啓　新緑の候\n1. 駐輪場を増やしてほしい。\n2. 屋根を付けてほしい。\n\n以上\n\n〒111-2222\n佐々木 花子",
    "【意見１】\n駐輪場を増やしてほしい。\n【意見２】\n屋根を付けてほしい。",
    "⑴駐輪場を増やしてほしい。\n⑵屋根を付けてほしい。\n敬具\n山田太郎",
    "第一に駐輪場を増やしてほしい。\n第二に屋根を付けてほしい。",
    "1　駐輪場を増やしてほしい。\n2　屋根を付けてほしい。",
]


@pytest.mark.parametrize("source", ALL_SOURCES)
def test_offsets_point_into_the_source(source):
    segs = split_submission(source)
    assert segs
    last_end = 0
    for seg in segs:
        assert 0 <= seg.start <= seg.end <= len(source)
        assert seg.start >= last_end  # in order, never overlapping
        assert source[seg.start:seg.end] == seg.text_of(source)
        text = seg.text_of(source)
        assert text == text.strip(" \t\n\u3000")  # trimmed
        assert text  # no empty opinion pieces from a non-empty source
        last_end = seg.end


@pytest.mark.parametrize("source", ALL_SOURCES)
def test_no_opinion_text_is_lost(source):
    """Everything outside the segments is markers, headings, and blanks."""
    segs = split_submission(source)
    covered = set()
    for seg in segs:
        covered.update(range(seg.start, seg.end))
    left_over = "".join(ch for i, ch in enumerate(source) if i not in covered)
    for seg in segs:
        left_over = left_over.replace(seg.marker, "", 1).replace(seg.heading, "", 1)
    assert re.sub(r"[\s\u3000【】：:]", "", left_over) == ""


# Closing lines and the signature block after the last item

LETTER = ("拝啓　時下ますますご清祥のこととお慶び申し上げます。\n"
          "1. 図書館の開館時間を延ばしてほしい。\n2. 閲覧席に電源を付けてほしい。\n\n以上\n\n"
          "〒111-2222\nみどり市北町4-5-6\n佐々木 花子\n電話：080-1111-2222\nメール：hanako@example.jp")


def test_signature_block_after_a_closing_line_is_cut_from_the_last_item():
    segs = split_submission(LETTER)
    got = [s.text_of(LETTER) for s in segs]
    assert got[1:3] == ["図書館の開館時間を延ばしてほしい。", "閲覧席に電源を付けてほしい。"]
    assert got[3].startswith("以上") and got[3].endswith("hanako@example.jp")
    assert [s.closing for s in segs] == [True, False, False, True]  # the greeting over the items too
    assert len(segs) == 4


def test_keigu_and_name_after_the_last_item_are_cut():
    source = "(1)公民館の予約をネットでできるようにしてほしい。\n(2)利用料を据え置いてほしい。\n敬具\n山田太郎"
    got = texts(source)
    assert got == ["公民館の予約をネットでできるようにしてほしい。", "利用料を据え置いてほしい。", "敬具\n山田太郎"]


@pytest.mark.parametrize("after", [
    "追伸　駐輪場の件も検討してください。",
    "駐輪場は屋根付きにしてほしい",
    "なお、駐輪場の件も検討願います",
])
def test_opinion_text_after_a_closing_line_stays_in_the_item(after):
    source = "(1)公民館の予約をネットでできるようにしてほしい。\n(2)利用料を据え置いてほしい。\n以上\n" + after
    segs = split_submission(source)
    assert not any(s.closing and after in s.text_of(source) for s in segs)
    assert after in segs[-1].text_of(source)


# More numbering styles

MORE_STYLES = {
    "paren_digit": "⑴駐輪場を増やしてほしい。\n⑵駐輪場に屋根を付けてほしい。\n⑶防犯灯を増やしてほしい。",
    "digit_ideographic_space": "1　駐輪場を増やしてほしい。\n2　駐輪場に屋根を付けてほしい。\n3　防犯灯を増やしてほしい。",
    "digit_ascii_space": "１ 駐輪場を増やしてほしい。\n２ 駐輪場に屋根を付けてほしい。\n３ 防犯灯を増やしてほしい。",
    "dai_digit": "第1に駐輪場を増やしてほしい。\n第2に駐輪場に屋根を付けてほしい。\n第3に防犯灯を増やしてほしい。",
    "dai_kanji": "第一に駐輪場を増やしてほしい。\n第二に、駐輪場に屋根を付けてほしい。\n第三に、防犯灯を増やしてほしい。",
    "label_colon": "意見1：駐輪場を増やしてほしい。\n意見2：駐輪場に屋根を付けてほしい。\n意見3：防犯灯を増やしてほしい。",
    "label_bracket": "【意見1】駐輪場を増やしてほしい。\n【意見2】駐輪場に屋根を付けてほしい。\n【意見3】防犯灯を増やしてほしい。",
    "alpha_paren": "(a)駐輪場を増やしてほしい。\n(b)駐輪場に屋根を付けてほしい。\n(c)防犯灯を増やしてほしい。",
    "alpha_dot": "Ａ．駐輪場を増やしてほしい。\nＢ．駐輪場に屋根を付けてほしい。\nＣ．防犯灯を増やしてほしい。",
    "label_own_line": "【意見１】\n駐輪場を増やしてほしい。\n【意見２】\n駐輪場に屋根を付けてほしい。\n【意見３】\n防犯灯を増やしてほしい。",
}


@pytest.mark.parametrize("name", sorted(MORE_STYLES))
def test_more_numbering_styles(name):
    assert texts(MORE_STYLES[name]) == ["駐輪場を増やしてほしい。", "駐輪場に屋根を付けてほしい。", "防犯灯を増やしてほしい。"]


def test_label_items_are_items_not_headings():
    segs = split_submission(MORE_STYLES["label_own_line"])
    assert [s.heading for s in segs] == ["", "", ""]
    assert [s.marker for s in segs] == ["【意見１】", "【意見２】", "【意見３】"]


def test_preamble_announcing_the_points_before_items():
    source = "以下3点について意見を述べます。\n" + MORE_STYLES["paren_digit"]
    assert texts(source)[0] == "以下3点について意見を述べます。"
    assert len(texts(source)) == 4


@pytest.mark.parametrize("source", [
    "1 日あたりの利用者が少なすぎます。\n2 年後に見直すべきです。",
    "1 日あたりの利用者が少なすぎます。",
    "3　年後の見直しを明記してください。\n1　か所だけでも駐輪場を増やしてください。",
    "意見1つ目は駐輪場です。\n意見2つ目は照明です。",
    "A.I.を使った案内を導入してください。\nB.C.G.の接種会場も示してください。",
])
def test_quantities_and_references_at_line_start_are_not_items(source):
    assert texts(source) == [source]


def test_sides_taken_on_two_chapters_are_two_opinions_not_numbered_items():
    # 「第1章」「第2章」 at a line's start number no list, but each line takes a side on another chapter
    segs = split_submission("第1章の方針に賛成です。\n第2章の方針に反対です。")
    assert [s.marker for s in segs] == ["", ""]
    assert texts("第1章の方針に賛成です。\n第2章の方針に反対です。") == ["第1章の方針に賛成です。", "第2章の方針に反対です。"]


def test_pipeline_keeps_greeting_and_signature_rows_with_status_greeting():
    from cluster.pipeline import _split_pieces

    made = _split_pieces(LETTER, True)
    assert [m[4] for m in made] == ["greeting", "ok", "ok", "greeting"]
    assert made[0][3].startswith("拝啓") and "佐々木 花子" in made[3][3]
    source = "ご担当者様\nお疲れ様です。\n⑴駐輪場を増やしてほしい。\n⑵駐輪場に屋根を付けてほしい。\n敬具\n山田太郎"
    made = _split_pieces(source, True)
    assert [(m[3], m[4]) for m in made] == [
        ("ご担当者様\nお疲れ様です。", "greeting"), ("駐輪場を増やしてほしい。", "ok"),
        ("駐輪場に屋根を付けてほしい。", "ok"), ("敬具\n山田太郎", "greeting")]


@pytest.mark.parametrize("source,expected", [
    ("1. 歩道について\n2. 街灯について\n3. 公園について", ["歩道について", "街灯について", "公園について"]),
    ("⑴ 歩道について\n⑵ 街灯について\n⑶ 公園について", ["歩道について", "街灯について", "公園について"]),
    ("1. 歩道について\n狭い。\n2. 街灯について\n3. 公園について\n汚い。",
     ["歩道について\n狭い。", "街灯について", "公園について\n汚い。"]),
    ("(1) 歩道を広げる\n(2) 街灯について\n(3) 公園について", ["歩道を広げる", "街灯について", "公園について"]),
])
def test_numbered_items_that_end_in_about_are_items_not_headings(source, expected):
    assert texts(source) == expected


def test_a_heading_with_nothing_under_it_keeps_its_text():
    source = "公園の整備について\n芝生広場を広くしてほしい。\n図書館について\n図書館の運営について\n反対です。"
    joined = "".join(texts(source))
    assert "図書館について" in joined and "芝生広場を広くしてほしい。" in joined and "反対です。" in joined


@pytest.mark.parametrize("source,preamble_status", [
    ("お疲れ様です。交通政策課の山田です。\n1. バスの本数を増やしてほしい。\n2. 運賃を下げてほしい。", "greeting"),
    ("拝見しました。\n1. バスの本数を増やしてほしい。\n2. 運賃を下げてほしい。", "greeting"),
    ("市民の田中と申します。以下の2点について意見を述べます。\n1. 朝を増便してほしい。\n2. 夜も増便を。", "greeting"),
    ("■山田太郎より\n1. バスの本数を増やしてほしい。\n2. 運賃を下げてほしい。", "greeting"),  # the sender's line
    ("東町　佐藤花子より\n1. 朝を増便してほしい。\n2. 夜も増便を。", "greeting"),
    # who writes, without a name (a QA pass found 「北地区の住民です。」 published as an opinion)
    ("お世話になっております。北地区の住民です。\n１　バス停に屋根を付けてほしい。\n２　駅にエレベーターを。", "greeting"),
    ("子育て中の母親です。\n(1) 保育園を増やしてほしい。\n(2) 病児保育を始めてほしい。", "greeting"),
    ("バスをよく使う高齢者です。\n1. 朝を増便してほしい。\n2. 夜も増便を。", "greeting"),
    ("三児の母の清水です。\n1. 保育園を増やしてほしい。\n2. 病児保育を始めてほしい。", "greeting"),
    ("はじめまして、市民の竹内です。\n1. 朝を増便してほしい。\n2. 夜も増便を。", "greeting"),
    ("はじめまして、反対です。\n1. 朝の減便に反対です。\n2. 夜の減便も反対です。", "ok"),
    # a preamble that says something is an opinion
    ("駅前の駐輪場より公園を優先してほしい。\n1. 芝生を広げてほしい。\n2. 遊具を直してほしい。", "ok"),
    ("駐輪場が足りません。\n1. 駅前に増設してほしい。\n2. 屋根を付けてほしい。", "ok"),
    ("バスの本数が不便です。\n1. 朝を増便してほしい。\n2. 夜も増便を。", "ok"),
    ("東町線の存続希望です。\n(1) 朝の便を残してほしい。\n(2) 夜の便も残してほしい。", "ok"),
    ("駅前の駐輪場不足です。\n1. 増設してほしい。\n2. 屋根を付けてほしい。", "ok"),
    ("一番困っているのは高齢者です。\n1. 朝を増便してほしい。\n2. 夜も増便を。", "ok"),  # about others
])
def test_a_self_introduction_before_numbered_items_is_a_greeting(source, preamble_status):
    from cluster.pipeline import _split_pieces

    made = _split_pieces(source, True)
    assert made[0][4] == preamble_status
    assert [m[4] for m in made[1:]] == ["ok", "ok"]


# E-mail quotation: full-width 「＞」, Lotus Notes forwards, and 「>」 used as a bullet


def parts(source: str) -> list[tuple[str, str]]:
    return [(s.part, s.text_of(source)) for s in split_submission(source)]


def test_full_width_quote_marks_with_an_attribution_line_are_quoted():
    source = ("2026年10月1日 みどり市公園課さんは書きました：\n"
              "＞ 北公園の池は埋め立てて多目的広場にします。\n＞ 駐車場を20台増やします。\n\n"
              "池は埋め立てずに残してください。")
    assert parts(source) == [("quoted", source[:source.index("\n\n")]), ("", "池は埋め立てずに残してください。")]


@pytest.mark.parametrize("nested", ["＞＞", "> >", "＞ ＞", ">>"])
def test_nested_quote_marks_are_quoted_without_an_attribution_line(nested):
    # a quote inside a quote is a mailer's doing, never a bullet
    source = (f"{nested} 説明会は10月5日に開きます。\n{nested[0]} 説明会には参加できません。\n\n"
              "夜の説明会も開いてください。")
    assert [p for p, _ in parts(source)] == ["quoted", ""]
    assert parts(source)[1][1] == "夜の説明会も開いてください。"


def test_full_width_quotes_interleaved_with_answers():
    source = ("＞ 北公園の池は埋め立てます。\n池は残してください。\n"
              "＞ 駐車場を有料にします。\n有料化には反対です。")
    assert parts(source) == [("quoted", "＞ 北公園の池は埋め立てます。"), ("", "池は残してください。"),
                             ("quoted", "＞ 駐車場を有料にします。"), ("", "有料化には反対です。")]


FORWARDED = "佐藤/市民課\n2026/09/30 17:12\n宛先: 山田/市役所\n件名: 意見募集\n本市では緑地整備計画（案）への意見を募集します。"


@pytest.mark.parametrize("rule", [
    "----- Forwarded by 山田/市役所 on 2026/10/01 10:00 -----",
    "----- Forwarded by Yamada Taro/Shiyakusho/Midori on 2026/10/01 10:00 AM -----",
    "-----Original Message-----",
    "-----元のメッセージ-----",
    "転送メッセージ",
])
def test_forward_separators_start_the_quoted_part(rule):
    source = f"公園のトイレを改修してほしいです。\n\n{rule}\n\n{FORWARDED}"
    assert parts(source) == [("", "公園のトイレを改修してほしいです。"), ("quoted", f"{rule}\n\n{FORWARDED}")]


def test_forwarded_by_in_a_sentence_is_not_a_separator():
    source = "公園のトイレを改修してほしいです。\n前回の意見は forwarded by 山田 として届いたそうです。"
    assert all(p == "" for p, _ in parts(source))


def test_the_citys_notice_quoted_under_a_reply_is_quoted():
    """A reply written above the quoted notice, with no 「…wrote:」 line: the notice's lines were
    published as a citizen's opinion and 「締切は12月1日です。」 joined another row."""
    source = ("開館時間を延長してください。\n\n> 緑が丘市企画課です。ご意見をお寄せください。\n> 締切は12月1日です。"
              "\n\n松本翔太 shota.m@example.ne.jp")
    assert [p for p, _ in parts(source)][:2] == ["", "quoted"]
    assert parts(source)[1][1] == "> 緑が丘市企画課です。ご意見をお寄せください。\n> 締切は12月1日です。"
    from cluster.pipeline import _split_pieces  # and the writer's signature under it is no opinion

    assert [p[4] for p in _split_pieces(source, True)] == ["ok", "quoted", "greeting"]
    # the writer's own points under a lead-in stay the writer's, even with a deadline word in them
    for own in ("要望は次のとおりです。\n> 駅前に駐輪場を増やしてほしい。\n> 工事の締切を守ってほしい。\n以上",
                "要望は次のとおりです。\n\n> 駅前に駐輪場を増やしてほしい。\n> 工事の締切を守ってほしい。\n\n山田",
                "駐輪場について。\n\n> 駅前に駐輪場を増やしてほしい。\n> 屋根を付けてほしい。"):
        assert [t for p, t in parts(own) if p == "quoted"] == [], own


@pytest.mark.parametrize("mark", [">", "＞", "> ", "＞　"])
def test_quote_marks_used_as_bullets_are_the_writers_items(mark):
    points = ["駐輪場を増やしてほしい", "駐輪場に屋根を付けてほしい", "防犯カメラを置いてほしい"]
    source = "\n".join(mark + p for p in points)
    assert parts(source) == [("", p) for p in points]
    assert markers(source) == [mark.strip(" \u3000")] * 3


def test_quote_mark_bullets_after_an_introduction_and_before_a_closing():
    source = ("駅前広場について意見します。\n> ベンチを置いてほしい\n\n> 照明を明るくしてほしい\n"
              "> 植え込みを低くして見通しを良くしてほしい\n以上")
    assert parts(source) == [("", "駅前広場について意見します。"), ("", "ベンチを置いてほしい"),
                             ("", "照明を明るくしてほしい"), ("", "植え込みを低くして見通しを良くしてほしい"),
                             ("", "以上")]


def test_quote_mark_bullets_followed_by_the_writers_summary_are_not_a_reply():
    source = "> 駐輪場を増やしてほしい\n> 駐輪場に屋根を付けてほしい\n以上の2点を要望します。"
    assert all(p == "" for p, _ in parts(source))
    assert texts(source) == texts(source.replace("> ", "・"))  # split as 「・」 bullets are
    assert texts(source)[0] == "駐輪場を増やしてほしい"


def test_quote_mark_bullets_under_a_header_block_are_the_body():
    # the header is an e-mail, but nothing else is left: the 「>」 lines are what was sent
    source = ("From: 森川 葵 <aoi@example.org>\nTo: iken@city.example.lg.jp\n\n"
              "> 駐輪場を増やしてほしい\n> 駐輪場に屋根を付けてほしい")
    assert parts(source) == [("header", "From: 森川 葵 <aoi@example.org>\nTo: iken@city.example.lg.jp"),
                             ("", "駐輪場を増やしてほしい"), ("", "駐輪場に屋根を付けてほしい")]


@pytest.mark.parametrize("source,quoted", [
    # a single quoted line answered: one line is no list
    ("> 北公園の池は埋め立てて広場にします。\n池は残してください。", "> 北公園の池は埋め立てて広場にします。"),
    # the attribution line quoted along with the text
    ("池を残してください。\n\n> 2026/04/02 iken@city.example.lg.jp wrote:\n> 意見を募集しています。\n> 締切は5月8日です。",
     "> 2026/04/02 iken@city.example.lg.jp wrote:\n> 意見を募集しています。\n> 締切は5月8日です。"),
    # a quoted blank line (a bare 「>」)
    ("池を残してください。\n\n> 意見を募集しています。\n>\n> 締切は5月8日です。", "> 意見を募集しています。\n>\n> 締切は5月8日です。"),
])
def test_real_quotations_stay_quoted(source, quoted):
    assert ("quoted", quoted) in parts(source)


@pytest.mark.parametrize("source", [
    "お疲れ様です。原田です。\n1. 病児保育を北部にも置いてほしい。\n2. 子ども食堂に補助を出してほしい。",
    "福祉課ご担当者様\n\nお疲れ様です。村井です。\n\n(1) 病児保育を北部にも置いてほしい。\n(2) 子ども食堂に補助を出してほしい。",
])
def test_a_greeting_with_the_writers_bare_name_before_items_is_a_greeting(source):
    from cluster.pipeline import _split_pieces

    assert [m[4] for m in _split_pieces(source, True)] == ["greeting", "ok", "ok"]


@pytest.mark.parametrize("preamble", [
    "市民として、東町線の廃止には反対です。",
    "お疲れ様です。駐輪場が足りないです。",
])
def test_a_preamble_saying_something_in_desu_stays_an_opinion(preamble):
    from cluster.pipeline import _split_pieces

    source = preamble + "\n1. 朝の便を残してほしい。\n2. 夜の便も残してほしい。"
    assert [m[4] for m in _split_pieces(source, True)] == ["ok", "ok", "ok"]


# A signature after the last item, with or without a closing line above it

@pytest.mark.parametrize("tail", [
    "よろしくお願いいたします。\n村井陽子（むらい ようこ）",
    "よろしくお願いいたします。\n村井陽子\n携帯：080-1111-2222",
    "ありがとうございました。\n\n村井 陽子",
    "村井陽子　みどり市西町2-3-4　電話0467-11-2233",
])
def test_a_signature_under_the_last_item_is_cut_as_the_closing(tail):
    source = "1. 病児保育を北部にも置いてほしい。\n2. 子ども食堂に補助を出してほしい。\n\n" + tail
    segs = split_submission(source)
    assert [s.text_of(source) for s in segs] == [
        "病児保育を北部にも置いてほしい。", "子ども食堂に補助を出してほしい。", tail]
    assert [s.closing for s in segs] == [False, False, True]


@pytest.mark.parametrize("tail", [
    "中央公園",  # a place, not a name
    "遊具も新しく",
    "よろしくお願いいたします。\nベンチ増設も",
])
def test_a_last_line_that_is_no_signature_stays_in_the_last_item(tail):
    source = "1. 病児保育を北部にも置いてほしい。\n2. 子ども食堂に補助を出してほしい。\n" + tail
    segs = split_submission(source)
    assert tail.split("\n")[-1] in segs[-1].text_of(source) and not segs[-1].closing


def test_greeting_and_full_name_before_items_is_a_greeting():
    from cluster.pipeline import _split_pieces

    source = "お世話になります。森川葵です。\n1. 学童保育の定員を増やしてほしい。\n2. 病児保育を町内に作ってほしい。"
    assert [m[4] for m in _split_pieces(source, True)] == ["greeting", "ok", "ok"]


def test_a_line_of_only_nitsuite_is_no_heading():
    """A stray carriage return before 「について」 made 「について」 a heading with nothing before it,
    and the reliability bench found the character lost between segments. A heading names
    something: the line stays in the item above it."""
    text = "(1)図書館の開館時間を延長してください。\n(2)駐輪場を増やしてください。\n\rについて\n(3)公園に日陰がほしい。\n"
    segs = split_submission(text)
    assert [s.marker for s in segs] == ["(1)", "(2)", "(3)"] and all(s.heading == "" for s in segs)
    assert "について" in segs[1].text_of(text)


# ------------------------------------------------------------------ QA: digits after a marker, kana markers


def test_numbered_item_whose_text_starts_with_a_digit():
    source = "１．12ページの現状分析について、人口の数字が古いです。\n２．保育士の確保策を示してください。\n３．延長保育を拡充してください。"
    assert texts(source) == ["12ページの現状分析について、人口の数字が古いです。", "保育士の確保策を示してください。",
                             "延長保育を拡充してください。"]
    source = "1．４月入所で保育所に入れない子が多いです。\n2．一時預かりを増やしてください。\n3．病児保育を拡充してください。"
    assert texts(source) == ["４月入所で保育所に入れない子が多いです。", "一時預かりを増やしてください。", "病児保育を拡充してください。"]
    # the first item's line reads like a 「…について」 heading: still an item of the list
    source = "１．12ページの現状分析について\n人口の数字が古いです。\n２．保育士の確保策を示してください。"
    assert texts(source) == ["12ページの現状分析について\n人口の数字が古いです。", "保育士の確保策を示してください。"]


def test_decimals_at_line_start_are_no_items():
    assert texts("1.5倍に増やしてください。") == ["1.5倍に増やしてください。"]
    decimals = "1.5倍に増やしてください。\n2.0倍でも足りません。\n3.5倍が妥当です。"
    assert texts(decimals) == [decimals]
    # 「1.5倍」 under item 1 does not open item 1 again
    source = "1. 駐輪場を増やしてください。\n1.5倍に増やしてください。\n2. 屋根を付けてください。"
    assert texts(source) == ["駐輪場を増やしてください。\n1.5倍に増やしてください。", "屋根を付けてください。"]


@pytest.mark.parametrize("marks", [("(ア)", "(イ)", "(ウ)", "(エ)"), ("（ア）", "（イ）", "（ウ）", "（エ）"),
                                   ("ア．", "イ．", "ウ．", "エ．")])
def test_katakana_item_markers(marks):
    items = ["公園を増やしてください。", "遊具を新しくしてください。", "トイレを洋式にしてください。", "ベンチを置いてください。"]
    source = "\n".join(m + t for m, t in zip(marks, items))
    assert texts(source) == items
    assert markers(source) == list(marks)


def test_katakana_words_at_line_start_are_no_items():
    source = "アイスの販売を認めてください。\nイベントを増やしてください。"
    assert texts(source) == [source]
    source = "(ア)公園を増やしてください。\n(ウ)遊具を新しくしてください。"  # no count from ア
    assert texts(source) == [source]


# ------------------------------------------------------------------ QA: greetings and framing are no opinions


def _statuses(source: str) -> list[tuple[str, str]]:
    from cluster.pipeline import _split_pieces

    return [(status, piece) for _, _, _, piece, status in _split_pieces(source, True)]


ITEMS = "\n(1)公園を増やしてください。\n(2)遊具を新しくしてください。"


@pytest.mark.parametrize("preamble", [
    "お疲れ様です。元県職員の渡辺です。",
    "担当者様\n二点意見します。",
    "以下のとおり意見を申し上げます。",
    "共働きで二人の子を育てています。\n以下のとおり意見を申し上げます。",
    "先日も送りましたが、書き忘れたことがあるので再度送ります。\n以下のとおり意見を申し上げます。",
    "令和8年11月4日\n子育て支援課御中",
])
def test_greeting_and_framing_before_items(preamble):
    assert _statuses(preamble + ITEMS) == [("greeting", preamble), ("ok", "公園を増やしてください。"),
                                           ("ok", "遊具を新しくしてください。")]


def test_greeting_before_about_sections():
    source = "お疲れ様です。元県職員の渡辺です。\n公園について\n遊具を増やしてください。\n図書館について\n開館時間を延ばしてください。"
    assert [s for s, _ in _statuses(source)] == ["greeting", "ok", "ok"]


@pytest.mark.parametrize("preamble", ["一番困っているのは高齢者です。", "保育所が足りません。",
                                      "駅前に住んでいますが、バスが少なくて困ります。"])
def test_opinion_before_items_stays_an_opinion(preamble):
    assert _statuses(preamble + ITEMS)[0] == ("ok", preamble)


def test_the_signature_under_a_one_opinion_letter_is_no_part_of_it():
    """QA: five short letters of one text signed by different people (name, address, phone)
    were not copies, and the signature stayed in the opinion. Like the last item of a list, a
    one-opinion letter's signature block is a closing segment; closing words alone stay."""
    from cluster.pipeline import _split_pieces

    letter = "旧公民館は廃止してほしい。維持費がかかります。\n〒321-0101 那珂川町本郷二丁目5番地の3\n山本一郎　電話 0287-55-1234"
    pieces = [(text, status) for _, _, _, text, status in _split_pieces(letter, True)]
    assert pieces == [("旧公民館は廃止してほしい。維持費がかかります。", "ok"),
                      ("〒321-0101 那珂川町本郷二丁目5番地の3\n山本一郎　電話 0287-55-1234", "greeting")]
    assert [s for _, _, _, _, s in _split_pieces("バスを増やしてほしい。\n以上\n田中 花子", True)] == ["ok", "greeting"]
    kept = "図書館の開館時間を延長してほしい。\nよろしくお願いします。"
    assert [(t, s) for _, _, _, t, s in _split_pieces(kept, True)] == [(kept, "ok")]
    two_lines = "駅前の駐輪場が足りません。\n増設してください。"
    assert [(t, s) for _, _, _, t, s in _split_pieces(two_lines, True)] == [(two_lines, "ok")]


# Letters written in paragraphs, without numbering (cluster.split._split_paragraphs)

PARAGRAPH_LETTER = """市長様

いつもお世話になっております。

中央公園の遊具が古くなっているので、早めに更新してください。子どもがけがをしないか心配です。

また、市民会館の駐車場が狭く、休日はいつも満車です。拡張を検討してほしいです。

最後に、駅のトイレを洋式にしてください。高齢の母が使えません。

よろしくお願いします。
山田花子"""


def test_a_paragraph_letter_of_three_requests_is_three_opinions():
    segs = split_submission(PARAGRAPH_LETTER)
    opinions = [s.text_of(PARAGRAPH_LETTER) for s in segs if not s.closing]
    assert opinions == [
        "中央公園の遊具が古くなっているので、早めに更新してください。子どもがけがをしないか心配です。",
        "また、市民会館の駐車場が狭く、休日はいつも満車です。拡張を検討してほしいです。",
        "最後に、駅のトイレを洋式にしてください。高齢の母が使えません。",
    ]
    closings = [s.text_of(PARAGRAPH_LETTER) for s in segs if s.closing]
    assert closings == ["市長様\n\nいつもお世話になっております。", "よろしくお願いします。\n山田花子"]


def test_the_paragraph_letter_gives_three_ok_rows_and_greeting_rows_in_the_pipeline():
    from cluster.pipeline import _split_pieces

    made = _split_pieces(PARAGRAPH_LETTER, split=True)
    assert [m[4] for m in made] == ["greeting", "ok", "ok", "ok", "greeting"]
    assert "".join(m[3] for m in made if m[4] == "ok").count("ください") == 2


def test_one_opinion_with_its_reasons_and_a_restatement_stays_one():
    letter = ("東町線を残してください。\n\n東町線は高齢者の通院に欠かせません。廃止されると、病院に行けなくなる"
              "人がたくさんいます。\n\n最後に、改めて東町線の存続を強くお願いします。")
    assert texts(letter) == [letter]


def test_a_second_request_on_the_same_subject_without_a_connective_stays_with_the_first():
    letter = ("図書館の開館時間を延ばしてください。\n\n仕事帰りに寄れるよう、図書館は夜8時まで開けてほしいです。")
    assert texts(letter) == [letter]


def test_a_request_on_another_subject_without_a_connective_is_cut():
    letter = ("図書館の開館時間を夜8時まで延ばしてください。\n\n"
              "駅前の駐輪場に屋根を付けてほしいです。雨の日は自転車が濡れてしまいます。")
    assert texts(letter) == ["図書館の開館時間を夜8時まで延ばしてください。",
                             "駅前の駐輪場に屋根を付けてほしいです。雨の日は自転車が濡れてしまいます。"]


def test_a_wish_put_as_the_help_it_would_be_is_a_request_of_its_own():
    """QA27: 「また、通学定期代も高いので補助があると助かります。」 stayed in the bus request before it."""
    letter = ("高校2年生の娘が毎日バスで通学しています。通学の時間帯だけでもバスを増やしてください。"
              "また、通学定期代も高いので補助があると助かります。")
    assert texts(letter) == ["高校2年生の娘が毎日バスで通学しています。通学の時間帯だけでもバスを増やしてください。",
                             "また、通学定期代も高いので補助があると助かります。"]


def test_background_paragraph_goes_with_the_request_it_explains():
    letter = ("中央公園の遊具を更新してください。\n\n"
              "駐輪場は朝七時にはいつも満車で、歩道に自転車があふれています。\n\n"
              "駐輪場の台数を増やしてほしいです。")
    assert texts(letter) == ["中央公園の遊具を更新してください。",
                             "駐輪場は朝七時にはいつも満車で、歩道に自転車があふれています。\n\n"
                             "駐輪場の台数を増やしてほしいです。"]


def test_indented_paragraphs_without_blank_lines_are_paragraphs():
    letter = ("　中央公園の遊具を更新してください。古くて危ないです。\n"
              "　次に、市民プールの営業期間を九月まで延ばしてほしいです。\n"
              "　よろしくお願いします。")
    segs = split_submission(letter)
    assert [(s.text_of(letter), s.closing) for s in segs] == [
        ("中央公園の遊具を更新してください。古くて危ないです。", False),
        ("次に、市民プールの営業期間を九月まで延ばしてほしいです。", False),
        ("よろしくお願いします。", True)]


def test_a_paragraph_letter_with_one_request_stays_one_opinion():
    letter = ("私は東町に住んで三十年になります。\n\n近所の高齢者は皆、バスで病院に通っています。\n\n"
              "東町線の本数を減らさないでください。")
    assert texts(letter) == [letter]


def test_a_campaign_letter_with_its_own_request_after_a_connective_is_two_opinions():
    """The campaign's text is counted with its copies; the writer's own request is an opinion."""
    from cluster.pipeline import _split_pieces

    campaign = "市民体育館のプールを廃止する案に反対します。プールは子どもの水泳教室に欠かせない施設です。廃止せずに改修してください。"
    made = _split_pieces(campaign + "あわせて、体育館の駐車場が狭いので、台数を増やしてください。", split=True)
    assert [(m[4], m[3]) for m in made] == [
        ("ok", campaign), ("ok", "あわせて、体育館の駐車場が狭いので、台数を増やしてください。")]


def test_a_reason_that_opens_with_mata_stays_with_its_request():
    letter = ("東町線を残してください。\n\nまた、高齢者の通院が困難になります。東町線の存続をお願いします。")
    assert texts(letter) == [letter]


def test_the_greetings_of_a_one_paragraph_letter_of_two_requests_are_cut():
    letter = ("市長様、いつもお世話になっております。砂場に猫のふんが多いので、ネットをかけてください。"
              "また、緑が丘から市役所へ行くバスがありません。直通のバスを走らせてください。よろしくお願いします。")
    segs = split_submission(letter)
    assert [(s.text_of(letter), s.closing) for s in segs] == [
        ("市長様、いつもお世話になっております。", True),
        ("砂場に猫のふんが多いので、ネットをかけてください。", False),
        ("また、緑が丘から市役所へ行くバスがありません。直通のバスを走らせてください。", False),
        ("よろしくお願いします。", True)]


def test_a_request_put_as_a_question_counts_as_a_request():
    letter = ("コミュニティバスを朝夕は増便してください。\n\n"
              "加えて、路線を南町の住宅団地内まで延ばしていただけないでしょうか。")
    assert len(texts(letter)) == 2


@pytest.mark.parametrize("signature", ["東町 主婦 伊藤 美穂", "高校二年 宮本 陽菜", "北区自治会 会員 遠藤 博"])
def test_a_signature_line_with_a_role_beside_the_name_is_cut(signature):
    letter = f"中央公園に屋根付きの遊び場をつくってください。\n夏は遊具が熱くなって触れません。\n{signature}"
    segs = split_submission(letter)
    assert [(s.text_of(letter), s.closing) for s in segs] == [
        ("中央公園に屋根付きの遊び場をつくってください。\n夏は遊具が熱くなって触れません。", False), (signature, True)]


# A second QA pass (a town's letters): restatements and fallbacks are no new opinion

@pytest.mark.parametrize("letter", [
    "北線のバスを今の六本のまま残してください。\n\n朝夕は高校生と通院の高齢者で満席です。\n\nそういうわけで、便数の維持を強くお願いします。",
    "西小学校の統合には反対です。\n\n最後にもう一度お願いします。西小学校を残してください。",
    "町営バスの減便には反対です。\n\nですので、今の便数を維持するよう、お願いいたします。",
    "図書室の移転には反対です。今の場所なら学校帰りに寄れます。\n\nまた、移転するにしても、子どもが歩いて行ける場所にしてください。",
])
def test_a_request_said_again_at_the_end_stays_with_the_opinion(letter):
    assert texts(letter) == [letter]


def test_a_new_request_after_a_restated_one_is_still_cut():
    letter = ("北線のバスを残してください。\n\nそういうわけで、便数の維持をお願いします。\n\n"
              "それと、役場の駐車場を広げてほしいです。")
    assert texts(letter)[-1] == "それと、役場の駐車場を広げてほしいです。" and len(texts(letter)) == 2


def test_an_announcement_of_the_requests_is_a_greeting_and_a_request_put_as_thanks_is_a_request():
    letter = ("図書室について二つお願いがあります。まず、移転後も今と同じくらいの本の数を置いてください。"
              "次に、プールの前にもバスの停留所を作ってもらえると助かります。")
    segs = split_submission(letter)
    assert [(s.text_of(letter), s.closing) for s in segs] == [
        ("図書室について二つお願いがあります。", True), ("まず、移転後も今と同じくらいの本の数を置いてください。", False),
        ("次に、プールの前にもバスの停留所を作ってもらえると助かります。", False)]


def test_where_to_send_the_reply_is_no_part_of_the_last_item():
    # QA: 「ご回答は…へお送りいただけると幸いです」 was published inside item 2's row
    letter = ("1) 駐輪場の整備時期を明記してください。\n2) 自転車レーンの路線の選定理由を示してください。\n"
              "ご回答は kita.hanako@example.jp へお送りいただけると幸いです。")
    segs = split_submission(letter)
    assert [(s.text_of(letter), s.closing) for s in segs] == [
        ("駐輪場の整備時期を明記してください。", False), ("自転車レーンの路線の選定理由を示してください。", False),
        ("ご回答は kita.hanako@example.jp へお送りいただけると幸いです。", True)]


def test_a_request_about_the_reply_form_of_an_opinion_is_still_an_opinion():
    letter = "1) 回答は市のホームページで公表してください。\n2) 説明会を夜にも開いてください。"
    assert texts(letter) == ["回答は市のホームページで公表してください。", "説明会を夜にも開いてください。"]


def test_lines_that_each_name_another_chapter_are_opinions_of_their_own():
    # QA: a FAX's two lines, one request on 第4章 and one on 第5章, were one row of the table
    letter = "第4章の施策について、数値目標を明記してください。\n第5章の進捗管理は毎年公表してください。"
    assert texts(letter) == ["第4章の施策について、数値目標を明記してください。", "第5章の進捗管理は毎年公表してください。"]
    # the same point said on the next line about the same thing stays one opinion
    same = "第4章の施策について、数値目標を明記してください。\n第4章の目標の達成状況も毎年公表してください。"
    assert texts(same) == [same]


# A third QA pass (a prefecture's campaign letters in paragraphs): pleas, a bare 「また」, the introduction line

@pytest.mark.parametrize("plea", [
    "どうか市民の声に耳を傾けてください。", "市民の意見をしっかり聞いてほしいです。", "慎重にご検討ください。",
    "十分なご配慮をお願いします。", "計画の再考をお願いいたします。",
])
def test_a_paragraph_of_a_generic_plea_does_not_end_the_opinion(plea):
    letter = ("市の案では、駅前広場の拡張のため、中央図書館を郊外へ移すとされています。"
              "図書館は学校帰りの子どもや高齢者が毎日使う場所です。\n\n"
              f"{plea}\n\n"
              "私は図書館の移転に反対し、今の場所で建て替えることを求めます。")
    assert texts(letter) == [letter]


def test_a_plea_that_names_its_own_subject_is_still_a_request():
    letter = ("中央図書館の開館時間を夜八時まで延ばしてください。\n\n"
              "駅前の駐輪場に屋根を付けることも、ご検討ください。")
    assert len(texts(letter)) == 2


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_line_opening_with_mata_without_a_comma_and_its_own_objection_is_cut(gap):
    letter = ("北線のバスは高校生の通学に欠かせません。\n"
              f"私は北線の減便に反対し、今の便数を維持することを求めます。{gap}"
              "また役場の駐車場の有料化にも反対です。車で手続きに来る人の負担になります。")
    assert texts(letter) == [
        "北線のバスは高校生の通学に欠かせません。\n私は北線の減便に反対し、今の便数を維持することを求めます。",
        "また役場の駐車場の有料化にも反対です。車で手続きに来る人の負担になります。"]


@pytest.mark.parametrize("line", [
    "また高校生の通学にも欠かせない路線です。",  # a reason, no request of its own
    "また北線の終バスの時刻も繰り上げないでください。",  # a request on the same subject
    "または、北線の代わりに乗合タクシーを走らせてください。",  # 「または」 is no 「また」
])
def test_a_line_opening_with_mata_without_a_comma_stays_when_it_asks_nothing_new(line):
    letter = f"北線のバスの減便に反対し、今の便数を維持することを求めます。\n{line}"
    assert texts(letter) == [letter]


def test_an_introduction_line_over_a_letter_of_one_opinion_is_a_greeting():
    from cluster.pipeline import _split_pieces

    body = ("市の案では、中央図書館を郊外へ移すとされています。\n"
            "私は図書館の移転に反対し、今の場所で建て替えることを求めます。")
    for intro in ("中央図書館再整備計画（案）について意見を申し上げます。",
                  "中央図書館再整備計画（案）について、意見を申し上げます。"):
        made = _split_pieces(f"{intro}\n{body}", True)
        assert [(m[4], m[3]) for m in made] == [("greeting", intro), ("ok", body)]
    # a salutation alone stays with the one opinion, as before
    kept = f"いつもお世話になっております。\n{body}"
    assert [(m[4], m[3]) for m in _split_pieces(kept, True)] == [("ok", kept)]
