"""Long letters from organisations (団体): a cover sheet over 「記」, 【意見】/【理由】 under an item
heading, 「意見の趣旨」 then 「意見の理由」, a section heading at the end of an item, items read as
quantities, placeholder names 「○○」 read as bullets, a one-line lead-in over numbered items (QA33).
Invented letters."""
from __future__ import annotations

from cluster.pipeline import _split_pieces


def _ok(letter: str) -> list[str]:
    return [p[3] for p in _split_pieces(letter, True) if p[4] == "ok"]


# --- 1. the cover sheet before 「記」 (addressee, association, contact, title, 前文) is no opinion ----

COVER_LETTER = (
    "△△町議会発第7号\n"
    "令和8年3月2日\n\n"
    "△△市長　様\n\n"
    "××地区町内会連合会\n"
    "会長　佐々木　正\n"
    "（連絡先）事務局　電話　011-222-3333\n\n"
    "「△△市都市公園条例（案）」に対する意見について\n\n"
    "　平素より市政の推進にご尽力いただき、感謝申し上げます。\n"
    "　近年、地区内の公園では利用者同士のトラブルが増えており、役員会で協議を重ねてまいりました。\n"
    "　標記について、下記のとおり意見を提出します。\n\n"
    "記\n\n"
    "1　第4条（利用時間）について\n"
    "　夏季の利用時間を午後8時まで延長していただきたい。\n"
    "2　第7条（行為の禁止）について\n"
    "　ボール遊びを一律に禁止するのではなく、時間帯を区切って認めていただきたい。\n\n"
    "以上\n")


def test_the_cover_sheet_over_ki_is_a_greeting_and_the_items_are_the_opinions():
    pieces = _split_pieces(COVER_LETTER, True)
    ok = [p for p in pieces if p[4] == "ok"]
    assert len(ok) == 2
    assert ok[0][3].startswith("第4条（利用時間）について") and ok[0][3].endswith("延長していただきたい。")
    assert ok[1][3].endswith("認めていただきたい。")
    cover = "".join(p[3] for p in pieces if p[4] != "ok")
    for part in ("△△町議会発第7号", "△△市長　様", "会長　佐々木　正", "電話　011-222-3333", "下記のとおり意見を提出します。"):
        assert part in cover


def test_a_cover_sheet_without_ki_ending_in_the_announcement_is_a_greeting():
    letter = ("令和8年3月5日\n\n"
              "△△市長　様\n\n"
              "一般社団法人△△市造園業協会\n"
              "会長　木村　実\n"
              "電話：011-333-4444　FAX：011-333-4445\n\n"
              "△△市都市公園条例（案）に関する意見\n\n"
              "　当協会は、市内の造園業者28社で構成する団体です。会員の実務の観点から、次のとおり意見を申し上げます。\n\n"
              "第5条について\n"
              "　指定管理者の選定に当たっては、市内業者の実績を評価していただきたい。\n\n"
              "第9条について\n"
              "　樹木の剪定の基準を示していただきたい。\n")
    assert _ok(letter) == ["指定管理者の選定に当たっては、市内業者の実績を評価していただきたい。",
                           "樹木の剪定の基準を示していただきたい。"]


# --- 2. 【意見】 and 【理由】 under one item heading: one opinion with its heading -------------------

LABELLED_LETTER = (
    "1　第5条関係（使用料）\n"
    "【意見】\n"
    "　使用料の減免の対象に子ども会を加えること。\n"
    "【理由】\n"
    "　子ども会は会費だけで運営しており、使用料の負担が大きい。\n"
    "2　第9条関係（指定管理）\n"
    "【意見】\n"
    "　指定管理者の選定結果と評価の内容を公表すること。\n"
    "【理由】\n"
    "　選定の透明性を確保するためである。\n")


def test_opinion_and_reason_labels_under_an_item_heading_are_one_opinion():
    ok = _ok(LABELLED_LETTER)
    assert len(ok) == 2
    assert ok[0].startswith("第5条関係（使用料）") and "子ども会を加えること。" in ok[0] and ok[0].endswith("負担が大きい。")
    assert ok[1].startswith("第9条関係（指定管理）") and ok[1].endswith("確保するためである。")


def test_opinion_and_reason_labels_under_a_heading_line_in_other_styles():
    letter = ("第5条について\n"
              "〈意見〉\n"
              "　使用料の減免の対象に子ども会を加えていただきたい。\n"
              "＜理由＞\n"
              "　子ども会は会費だけで運営しており、使用料の負担が大きいためです。\n"
              "　また、他市では既に減免の対象としています。\n\n"
              "第9条について\n"
              "意見：指定管理者の選定結果を公表していただきたい。\n"
              "理由：選定の透明性を確保するためです。\n")
    ok = [p for p in _split_pieces(letter, True) if p[4] == "ok"]
    assert [p[2] for p in ok] == ["第5条について", "第9条について"]
    assert ok[0][3].startswith("〈意見〉") and ok[0][3].endswith("減免の対象としています。")
    assert ok[1][3].startswith("意見：") and ok[1][3].endswith("確保するためです。")


def test_a_heading_alone_is_never_an_opinion_of_its_own():
    for letter in (LABELLED_LETTER, "第5条について\n【意見】\n　子ども会を減免の対象に加えること。\n【理由】\n　負担が大きいため。\n"):
        for text in _ok(letter):
            assert "\n" in text.strip(), text  # a heading line and what it heads, never the heading alone


# --- 3. 「意見の趣旨」 (1)(2)(3) then 「意見の理由」 (1)(2)(3): each reason item whole, its own heading --

PURPORT_LETTER = (
    "第1　意見の趣旨\n"
    "1　第3条の「利用者」の定義を明確にすべきである。\n"
    "2　第8条の休館日を条例で定めるべきである。\n"
    "3　第12条の使用の不許可の理由を申請者に書面で示すべきである。\n"
    "第2　意見の理由\n"
    "1　第3条（定義）について\n"
    "　現行の定義では、市外からの利用者が含まれるのかが不明確である。\n"
    "2　第8条（休館日）について\n"
    "(1)　休館日が規則に委ねられると、利用者の予見可能性が損なわれる。\n"
    "(2)　したがって、休館日の基本は条例で定めるべきである。\n"
    "3　第12条（使用の不許可）について\n"
    "　不許可の理由が示されなければ、申請者は不服を申し立てることができない。\n\n"
    "以上\n")


def test_each_reason_item_is_one_piece_under_its_own_article():
    pieces = _split_pieces(PURPORT_LETTER, True)
    reasons = [p for p in pieces if "意見の理由" in p[2]]
    assert len(reasons) == 3
    assert reasons[1][3].startswith("第8条（休館日）について") and reasons[1][3].endswith("条例で定めるべきである。")
    assert "第8条" not in reasons[2][2] and reasons[2][3].startswith("第12条（使用の不許可）について")
    # the reasons of three 趣旨 items name no one of them: kept (status reason), not counted (QA40)
    assert [p[4] for p in reasons] == ["reason"] * 3
    assert [p[3][:6] for p in pieces if p[4] == "ok"] == ["第3条の「利", "第8条の休館", "第12条の使"]


# --- 4. a heading line at the end of an item belongs to what follows it ---------------------------

def test_a_heading_with_a_quotation_starts_the_next_opinion():
    letter = ("第4条について\n"
              "【意見】\n"
              "　開園時間を延長していただきたい。\n"
              "【理由】\n"
              "　夕方に利用したい人が多いためです。\n\n"
              "基本計画（案）12頁「花壇の整備」について\n"
              "【意見】\n"
              "　花壇の管理を地元の団体に委託していただきたい。\n")
    ok = [p for p in _split_pieces(letter, True) if p[4] == "ok"]
    assert len(ok) == 2
    assert ok[0][3].endswith("多いためです。")
    assert ok[1][2] == "基本計画（案）12頁「花壇の整備」について" and ok[1][3].endswith("委託していただきたい。")


def test_a_numbered_section_heading_is_not_glued_to_the_item_above():
    letter = ("1　条例（案）について\n"
              "(1)　第4条について\n"
              "　開園時間を延長していただきたい。\n"
              "(2)　第7条について\n"
              "　ボール遊びの禁止を見直していただきたい。\n\n"
              "2　基本計画（案）について\n"
              "(1)　第3章について\n"
              "　公園の新設の目標を示していただきたい。\n")
    ok = [p for p in _split_pieces(letter, True) if p[4] == "ok"]
    assert [p[3].split("\n")[-1].strip() for p in ok] == [
        "開園時間を延長していただきたい。", "ボール遊びの禁止を見直していただきたい。", "公園の新設の目標を示していただきたい。"]
    assert ok[0][2] == "条例（案）について" and ok[2][2] == "基本計画（案）について"


# --- 5. an item that starts with 「条例」 is an item, not the quantity 「3 条」 ---------------------

def test_an_item_starting_with_jourei_is_not_read_as_a_quantity():
    letter = ("1　第4条の開園時間を延長すること。\n"
              "2　第7条のボール遊びの禁止を見直すこと。\n"
              "3　条例の施行に当たり、町内会への説明会を開催すること。\n"
              "4　第12条の使用料を据え置くこと。\n")
    assert _ok(letter) == ["第4条の開園時間を延長すること。", "第7条のボール遊びの禁止を見直すこと。",
                           "条例の施行に当たり、町内会への説明会を開催すること。", "第12条の使用料を据え置くこと。"]


def test_numbered_sub_items_do_not_run_into_the_next_item_of_the_list_above():
    # 「(1)(2)」 under item 2, then item 3: item 3 continues its own list, it is no 「(3)」
    letter = ("1　第3条について\n"
              "　定義を明確にすべきである。\n"
              "2　第8条について\n"
              "(1)　休館日が分からないと困る。\n"
              "(2)　休館日を条例で定めるべきである。\n"
              "3　第12条について\n"
              "　不許可の理由を書面で示すべきである。\n")
    ok = [p for p in _split_pieces(letter, True) if p[4] == "ok"]
    assert ok[-1][3].startswith("第12条について") and ok[-1][2] == ""


# --- 6. a placeholder name 「○○」 is no bullet: the text is as sent --------------------------------

def test_a_placeholder_name_keeps_its_circles():
    pieces = _split_pieces(COVER_LETTER.replace("××地区", "○○地区").replace("△△市長", "○○市長"), True)
    text = "".join(p[3] for p in pieces)
    assert "○○地区町内会連合会" in text and "○○市長　様" in text
    letter = "○○公園の遊具を新しくしてください。\n○○駅前の駐輪場を増やしてください。"
    assert "".join(_ok(letter)).startswith("○○公園の遊具")
    # a real bullet list stays a list
    assert _ok("○ 公園の遊具を新しくしてください。\n○ 駅前の駐輪場を増やしてください。") == [
        "公園の遊具を新しくしてください。", "駅前の駐輪場を増やしてください。"]


def test_a_council_letter_keeps_its_placeholder_numbers_and_names():
    letter = ("○○町議会発第3号\n"
              "令和8年3月2日\n\n"
              "○○県知事　様\n\n"
              "○○町議会\n"
              "議長　山田　一\n\n"
              "記\n\n"
              "1　第4条の開園時間を延長すること。\n"
              "2　第7条のボール遊びの禁止を見直すこと。\n")
    pieces = _split_pieces(letter, True)
    assert [p[4] for p in pieces].count("ok") == 2
    assert pieces[0][3].startswith("○○町議会発第3号") and pieces[0][4] == "greeting"


# --- 7. a one-line lead-in over an individual's numbered items is no opinion -----------------------

def test_a_lead_in_line_over_numbered_items_is_a_greeting():
    letter = "都市公園条例案の第4条と基本計画の10頁の両方について意見です。\n1 開園時間を延ばしてください。\n2 10頁の花壇の計画を具体的にしてください。"
    pieces = _split_pieces(letter, True)
    assert [p[4] for p in pieces] == ["greeting", "ok", "ok"]


def test_a_heading_line_right_over_another_heading_heads_it():
    letter = ("第5条について\n"
              "第2項について\n"
              "　使用料の減免の対象に子ども会を加えていただきたい。\n")
    # its line stays in the text of what it heads (no text is lost)
    assert [(p[2], p[3]) for p in _split_pieces(letter, True) if p[4] == "ok"] == [
        ("第5条について 第2項について", "第5条について\n第2項について\n　使用料の減免の対象に子ども会を加えていただきたい。")]
    letter = ("1　条例（案）について\n"
              "第5条について\n"
              "　使用料の減免の対象に子ども会を加えていただきたい。\n"
              "2　計画（案）について\n"
              "第3章について\n"
              "　公園の新設の目標を示していただきたい。\n")
    assert [(p[2], p[3]) for p in _split_pieces(letter, True) if p[4] == "ok"] == [
        ("条例（案）について 第5条について", "使用料の減免の対象に子ども会を加えていただきたい。"),
        ("計画（案）について 第3章について", "公園の新設の目標を示していただきたい。")]


# --- QA35: a plain 「第N条関係（…）」 line heads the text under it ----------------------------------

ARTICLE_LINES = (
    "△△市長　様\n\n△△県行政書士会\n会長　川口　誠\n\n　標記条例案について、下記のとおり意見を提出いたします。\n\n記\n\n"
    "第6条関係（所有者の責務）\n【意見】\n　所有者への周知の方法を具体的に定められたい。\n【理由】\n　遠方に住む所有者が多いため。\n\n"
    "第11条第2項関係\n【意見】\n　立入調査の前に所有者へ通知する規定を設けられたい。\n【理由】\n　財産権への配慮が必要である。\n\n"
    "附則関係\n【意見】\n　施行日を半年遅らせ、周知期間を設けられたい。\n【理由】\n　準備が間に合わない。\n\n以上\n")


def test_a_plain_article_heading_line_heads_the_text_under_it():
    """QA35: 「第15条関係（公表）」 alone on a line (no number, no brackets) ended the opinion above it,
    so each opinion carried the next one's article and its 該当箇所 was wrong."""
    pieces = [p for p in _split_pieces(ARTICLE_LINES, True) if p[4] == "ok"]
    assert [p[2] for p in pieces] == ["第6条関係（所有者の責務）", "第11条第2項関係", "附則関係"]
    assert [p[3].splitlines()[0] for p in pieces] == ["【意見】"] * 3
    assert all("関係" not in p[3] for p in pieces)  # no next heading glued to an opinion's end


def test_an_association_and_a_title_apart_on_the_letterhead_are_no_opinion():
    """QA35: 「○○大学法学部　准教授　松田　健太郎」 under the addressee was published as an opinion, and
    a campaign copy signed 「東原町内会　会員　島袋　光子」 kept its signature in the opinion."""
    letter = "○○市長　様\n\n△△大学法学部　准教授　川上　健一\n\n　第一に、第2条の定義を見直してください。\n\n" \
             "　第二に、第20条の審議会に法律家を加えてください。"
    assert _ok(letter) == ["第2条の定義を見直してください。", "第20条の審議会に法律家を加えてください。"]
    signed = "○○市長様\n\n　条例案第16条の代執行について、市が速やかに代執行を行ってください。\n\n東原町内会　会員　島袋　光子"
    assert _ok(signed) == ["条例案第16条の代執行について、市が速やかに代執行を行ってください。"]


def test_an_item_that_announces_the_items_under_it_heads_them():
    """QA35: 「（2）第22条の財政支援について、次のとおり拡充を求めます。」 over ア／イ was an opinion of its
    own, and its 第22条 went to the row of the opinion it joined."""
    letter = ("（1）第5条について、所有者への通知を文書で行ってください。\n"
              "（2）第22条の財政支援について、次のとおり拡充を求めます。\n"
              "ア　解体費の補助の上限を100万円に引き上げること。\n"
              "イ　改修して賃貸する場合にも補助の対象とすること。\n")
    pieces = [p for p in _split_pieces(letter, True) if p[4] == "ok"]
    assert [p[3] for p in pieces] == ["第5条について、所有者への通知を文書で行ってください。",
                                      "解体費の補助の上限を100万円に引き上げること。",
                                      "改修して賃貸する場合にも補助の対象とすること。"]
    assert pieces[1][2] == pieces[2][2] == "第22条の財政支援について、次のとおり拡充を求めます。"
