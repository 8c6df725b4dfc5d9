"""Structured letters from associations and offices: nested numbering, ministry-style forms,
letterheads, reason bullets, 追伸 and quoted replies (cluster.split, pipeline statuses).

All texts are invented for these tests.
"""
from __future__ import annotations

from cluster.pipeline import _split_pieces
from cluster.split import is_draft_title, is_letter_framing, split_submission


def ok_rows(source: str) -> list[tuple[str, str]]:
    """(heading, text) of the rows published as opinions."""
    return [(heading, piece) for _, _, heading, piece, status in _split_pieces(source, True) if status == "ok"]


def statuses(source: str) -> list[tuple[str, str]]:
    return [(status, piece) for _, _, _, piece, status in _split_pieces(source, True)]


# ------------------------------------------------------------------ nested numbering

NESTED = ("1　基本方針\n"
          "　公園の再整備は、地元の声を聞きながら段階的に進めてほしい。\n\n"
          "2　細目\n"
          "(1)　遊具の更新について\n"
          "　ア　古い滑り台を早めに取り替えてほしい。\n"
          "　イ　幼児向けの砂場に日よけを付けてほしい。\n"
          "(2)　トイレについて\n"
          "　男女別のトイレを設け、おむつ替えの台を置いてほしい。\n"
          "(3)　樹木の管理について\n"
          "　(ア)　落ち葉の清掃を秋に増やしてほしい。\n"
          "　(イ)　倒れそうな桜の木を点検してほしい。")


def test_short_numbered_heading_over_deeper_items_is_their_heading():
    rows = ok_rows(NESTED)
    assert [text.split("\n")[0] for _, text in rows] == [
        "基本方針", "古い滑り台を早めに取り替えてほしい。", "幼児向けの砂場に日よけを付けてほしい。",
        "トイレについて", "落ち葉の清掃を秋に増やしてほしい。", "倒れそうな桜の木を点検してほしい。"]
    # every heading above an item is its heading, outermost first; 「2　細目」 is no row
    assert [heading for heading, _ in rows] == [
        "", "細目 遊具の更新について", "細目 遊具の更新について", "細目",
        "細目 樹木の管理について", "細目 樹木の管理について"]
    assert not any(text in ("細目", "遊具の更新について", "樹木の管理について") for _, text in rows)


def test_numbered_heading_with_its_own_text_stays_an_opinion():
    # 「1. 駐輪場について」 with a sentence of its own under it is an opinion, not a heading
    source = ("1. 駐輪場について\n屋根を付けてほしい。\n(1) 北口は特に狭い。\n(2) 南口も足りない。\n"
              "2. 駐車場を増やしてほしい。")
    got = [s.text_of(source) for s in split_submission(source)]
    assert got[0].startswith("駐輪場について")
    assert got[-1] == "駐車場を増やしてほしい。"


def test_kana_items_with_a_blank_are_cut():
    source = ("(1)　図書館について\n"
              "　ア　開館時間を夜九時まで延ばしてほしい。\n"
              "　イ　学習室の席を増やしてほしい。\n"
              "(2)　体育館の予約をネットでできるようにしてほしい。")
    got = [s.text_of(source) for s in split_submission(source)]
    assert got == ["開館時間を夜九時まで延ばしてほしい。", "学習室の席を増やしてほしい。",
                   "体育館の予約をネットでできるようにしてほしい。"]


def test_a_katakana_word_at_a_line_start_is_no_kana_item():
    source = "アンケートを毎年取ってほしい。\nイベントの案内を早めに出してほしい。"
    assert all(not s.marker for s in split_submission(source))


# ------------------------------------------------------------------ ministry-style forms

FORM = ("意見提出用紙\n\n"
        "【件名】みどり市公共施設再編計画（案）\n\n"
        "【意見1】\n"
        "【該当箇所】第2章 施策2（8頁）\n"
        "【意見内容】\n"
        "市民会館の閉館時期を明記すべきである。\n"
        "【理由】\n"
        "利用団体が移転先を探す時間が必要なため。\n\n"
        "【意見2】\n"
        "【該当箇所】第3章（15頁）\n"
        "【意見内容】\n"
        "跡地の活用方針を住民と協議して決めてほしい。\n"
        "【理由】\n"
        "地域の要望が多様だから。")


def test_form_block_is_one_opinion_with_its_place_as_heading():
    rows = ok_rows(FORM)
    assert [heading for heading, _ in rows] == ["第2章 施策2（8頁）", "第3章（15頁）"]
    first = rows[0][1]
    assert "閉館時期を明記すべき" in first and "移転先を探す時間" in first  # content and reason together
    assert "【意見2】" not in first and "跡地" not in first
    # the form's title and 【件名】 are no opinion
    assert statuses(FORM)[0][0] == "greeting"


def test_form_without_opinion_numbers_opens_a_block_at_each_place():
    source = ("【該当箇所】5頁\n【意見内容】バス停にベンチを置いてほしい。\n【理由】高齢者が待つのがつらい。\n"
              "【該当箇所】9頁\n【意見内容】駅の案内表示を大きくしてほしい。\n【理由】読みにくい。")
    segs = split_submission(source)
    assert [s.heading for s in segs] == ["5頁", "9頁"]
    assert all("【理由】" in s.text_of(source) for s in segs)


# ------------------------------------------------------------------ letterheads and greetings

LETTERHEAD = ("みどり市長　様\n\n"
              "令和8年2月3日\n"
              "一般社団法人みどり市商店街連合会\n"
              "会長　木村　正男\n\n"
              "「みどり市中心市街地活性化計画（案）」に対する意見\n\n"
              "　時下ますますご清栄のこととお慶び申し上げます。\n"
              "　標記について、当連合会の意見を下記のとおり提出いたします。\n\n"
              "記\n\n"
              "1　駐車場の無料化\n"
              "　商店街の利用者向けに、市営駐車場の二時間無料化を実施していただきたい。\n"
              "2　空き店舗対策\n"
              "　空き店舗の改装費補助を拡充していただきたい。\n\n"
              "以上")


def test_letterhead_title_and_greeting_over_items_are_no_opinion():
    rows = ok_rows(LETTERHEAD)
    assert len(rows) == 2
    assert rows[0][1].startswith("駐車場の無料化") and rows[1][1].startswith("空き店舗対策")
    assert all(heading == "" for heading, _ in rows)  # the letter's title is no 該当箇所


def test_draft_title_over_items_is_no_heading():
    source = ("みどり市文化振興会\n代表幹事　大野　恵\n\n第3次みどり市文化振興計画（案）への意見\n\n"
              "1　美術館の夜間開館を月に一度実施してください。\n2　市民ギャラリーの利用料を下げてください。")
    rows = ok_rows(source)
    assert [heading for heading, _ in rows] == ["", ""]
    # the letterhead and the title: greeting rows (one cover sheet row since QA33), no opinion
    rows = statuses(source)
    assert [s for s, _ in rows].count("ok") == 2
    assert all(s == "greeting" for s, t in rows if "代表幹事" in t or "への意見" in t)


def test_draft_title_forms():
    assert is_draft_title("「第2次みどり市交通計画（案）」に対する意見")
    assert is_draft_title("みどり市交通計画（案）に関する意見について")
    assert not is_draft_title("第3章（交通）に関する意見")


def test_letter_framing_lines():
    assert is_letter_framing("一般社団法人みどり市商店街連合会\n会長　木村　正男")
    assert is_letter_framing("意見書")
    assert is_letter_framing("記")
    assert is_letter_framing("みどり市の担当者様\n\nいつもお世話になっております。以下、意見です。")
    assert is_letter_framing("子育て支援ネットワークみどり事務局です。計画案について以下のとおり意見を提出します。")
    assert is_letter_framing("みどり大学文学部教授の石井です。専門は地域社会学です。")
    assert not is_letter_framing("市民会館を残してください。")
    assert not is_letter_framing("駐輪場の増設")
    assert not is_letter_framing("反対しているのは市民団体です。")


def test_self_introduction_and_title_over_kanji_items_are_greetings():
    source = ("意見書\n\n子育て支援ネットワークみどり事務局です。計画案について以下のとおり意見を提出します。\n\n"
              "一、保育園の入園申込をオンラインでできるようにすべきである。\n"
              "二、病児保育の定員を増やすべきである。")
    assert [s for s, _ in statuses(source)] == ["greeting", "ok", "ok"]


# ------------------------------------------------------------------ reason bullets

def test_bullets_under_a_request_that_announces_reasons_are_its_reasons():
    source = ("1 図書館の開館時間について\n"
              "次の理由から、平日の開館を夜八時まで延ばすべきです。\n"
              "・勤め帰りに寄れない\n"
              "・学生の自習場所が足りない\n"
              "2 移動図書館について\n"
              "団地への巡回を月二回に増やしてください。")
    got = [s.text_of(source) for s in split_submission(source)]
    assert len(got) == 2
    assert "勤め帰り" in got[0] and "自習場所" in got[0]


def test_bullets_that_are_requests_are_still_cut():
    source = ("公園について次のとおり要望します。\n"
              "・ベンチを増やしてほしい\n"
              "・照明を明るくしてほしい")
    got = [s.text_of(source) for s in split_submission(source)]
    assert got[-2:] == ["ベンチを増やしてほしい", "照明を明るくしてほしい"]


# ------------------------------------------------------------------ 追伸

def test_postscript_after_running_text_is_an_opinion_of_its_own():
    source = ("計画案を拝見しました。第一に、公民館の和室を洋室にしてください。足腰の弱い人が多いからです。"
              "第二に、公民館の駐車場を広げてください。\n追伸　講座の案内を回覧板でも配ってほしいです。")
    rows = ok_rows(source)
    assert len(rows) == 3
    assert rows[-1][1].startswith("追伸")


def test_postscript_after_the_last_numbered_item_is_cut():
    source = ("1. 歩道の段差をなくしてください。\n2. 点字ブロックを補修してください。\n"
              "追伸　説明会の資料を事前にホームページに載せてください。")
    got = [s.text_of(source) for s in split_submission(source)]
    assert got == ["歩道の段差をなくしてください。", "点字ブロックを補修してください。",
                   "追伸　説明会の資料を事前にホームページに載せてください。"]


# ------------------------------------------------------------------ a quoted reply without attribution

def test_quoted_reply_of_the_city_without_attribution_line_is_quoted():
    source = ("公園のトイレを洋式にしてほしいです。\n\n"
              "> 木村様\n"
              "> お問い合わせありがとうございます。\n"
              "> 意見は3月10日まで受け付けております。\n"
              "> みどり市公園緑地課")
    got = statuses(source)
    assert got[0] == ("ok", "公園のトイレを洋式にしてほしいです。")
    assert [s for s, _ in got[1:]] == ["quoted"]


def test_writer_points_under_a_lead_in_stay_bullets():
    source = "要望は次のとおりです。\n> 駐輪場を増やしてほしい\n> 歩道を広げてほしい"
    got = statuses(source)
    assert ("ok", "駐輪場を増やしてほしい") in got and ("ok", "歩道を広げてほしい") in got


# ------------------------------------------------------------------ paragraphs in the written style

def test_paragraph_with_a_written_style_request_after_また_is_cut():
    source = ("計画案12頁の届出制度について、対象を大規模店舗に限定していただきたい。\n\n"
              "また、計画案14頁の助成金について、審査期間の短縮を図られたい。")
    got = [s.text_of(source) for s in split_submission(source)]
    assert len(got) == 2 and got[1].startswith("また、")


def test_bullets_that_ask_under_a_reasons_lead_are_still_cut():
    source = ("次の理由から、公園の改修を求めます。\n"
              "・ベンチを増やしてほしい\n"
              "・照明を明るくしてほしい")
    got = [s.text_of(source) for s in split_submission(source)]
    assert got[-2:] == ["ベンチを増やしてほしい", "照明を明るくしてほしい"]


def test_postscript_that_asks_nothing_stays_with_the_letter():
    source = "1. 歩道の段差をなくしてください。\n2. 点字ブロックを補修してください。\n追伸　寒い日が続きますね。"
    got = [s.text_of(source) for s in split_submission(source)]
    assert len([g for g in got if "追伸" in g and g.startswith("追伸")]) == 0


def test_a_formal_opening_over_a_one_opinion_letter_is_a_greeting_row():
    # QA: 「拝啓　時下…」 was published as the first line of the row's ご意見の概要
    letter = ("拝啓　時下ますますご清祥のこととお喜び申し上げます。\n"
              "計画の進み具合が分かるよう、成果指標を具体的な数値で設定し、毎年公表してください。\n敬具\n高木 英子")
    assert ok_rows(letter) == [("", "計画の進み具合が分かるよう、成果指標を具体的な数値で設定し、毎年公表してください。")]
    # a salutation without 拝啓 stays with the letter's one opinion, and so does a greeting inside its line
    assert len(ok_rows("いつもお世話になっております。\nバスの本数を増やしてください。")) == 1
    assert ok_rows("いつもお世話になっております。\nバスの本数を増やしてください。")[0][1].startswith("いつも")
    inline = "拝啓　新緑の候、ますますご清祥のこととお喜び申し上げます。バスの本数を増やしてください。\n敬具"
    assert ok_rows(inline)[0][1].startswith("拝啓")


def test_an_announcement_of_the_items_is_no_opinion():
    # QA20: 「意見は次のとおりです。」 over numbered items was counted in 252 letters, and published
    for lead in ("意見は次のとおりです。", "私の意見は以下の3点です。", "要望は下記のとおり。"):
        letter = f"{lead}\n1.駅にエレベーターを設置してください。\n2.バスの本数を増やしてください。"
        assert [text for _, text in ok_rows(letter)] == ["駅にエレベーターを設置してください。", "バスの本数を増やしてください。"]
        assert ("greeting", lead) in statuses(letter)
    # a stance stated that way is an opinion
    assert ok_rows("意見は次のとおり反対です。\n理由は負担が増えるからです。")


def test_an_occupation_introduction_over_items_is_no_opinion():
    # QA22: 「農業を営んでいます。」 over numbered items was counted (12 letters: a published row of 12)
    for lead in ("農業を営んでいます。", "漁業に従事しております。", "みどり市で小さな工務店を経営しています。",
                 "みどり市の自治会長をしております。"):
        letter = f"{lead}\n1. 太陽光発電の補助を増やしてください。\n2. 風力発電の説明会を開いてください。"
        assert [text for _, text in ok_rows(letter)] == ["太陽光発電の補助を増やしてください。",
                                                          "風力発電の説明会を開いてください。"], lead
    # what an institution runs is no introduction of the writer
    from cluster.normalize import is_introduction

    assert not is_introduction("市が事業を経営しています。") and not is_introduction("一番困るのは高齢者です。")
