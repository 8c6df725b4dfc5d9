"""Comparison text, display text and empty opinions (cluster.normalize)."""
from __future__ import annotations

import pytest

from cluster.normalize import comparison_text, content_hash, display_text, is_empty_opinion, is_introduction

OPINION = "公園の遊具を新しくしてください。"


@pytest.mark.parametrize("variant", [
    "公園の遊具を新しくしてください。",
    "公園の遊具を 新しくしてください。",
    "公園の遊具を　新しくしてください 。",
    "\n公園の遊具を\n新しくしてください。\n",
])
def test_spacing_and_punctuation_variants_share_a_key(variant):
    assert comparison_text(variant) == comparison_text(OPINION)


def test_full_width_period_folds_like_maru():
    assert comparison_text("公園の遊具を新しくしてください．") == comparison_text(OPINION)


def test_nfkc_folds_full_width_and_half_width():
    assert comparison_text("ＬＥＤ照明を１００基設置") == comparison_text("LED照明を100基設置")
    assert comparison_text("ｺﾐｭﾆﾃｨﾊﾞｽを増便") == comparison_text("コミュニティバスを増便")
    assert "１" not in comparison_text("第１章")


def test_greetings_and_closing_lines_are_removed():
    letter = ("いつもお世話になっております。\n" + OPINION + "\nどうぞよろしくお願いいたします。")
    assert comparison_text(letter) == comparison_text(OPINION)
    letter = OPINION + "\nご検討をお願いします。"
    assert comparison_text(letter) == comparison_text(OPINION)
    letter2 = "はじめまして。\n" + OPINION + "\n以上です。"
    assert comparison_text(letter2) == comparison_text(OPINION)


def test_closing_with_kana_hodo_is_removed():
    letter = OPINION + "\nご検討のほどよろしくお願いいたします。"
    assert comparison_text(letter) == comparison_text(OPINION)


def test_signature_line_is_removed():
    assert comparison_text(OPINION + "\n東町在住　佐藤") == comparison_text(OPINION)
    assert comparison_text(OPINION + "\n（西町在住 鈴木一郎）") == comparison_text(OPINION)


def test_contact_lines_are_removed():
    letter = ("氏名：山田太郎\n住所：みどり市東町1-2-3\n電話：090-1234-5678\n"
              "メール：taro@example.jp\n" + OPINION)
    key = comparison_text(letter)
    assert key == comparison_text(OPINION)
    for part in ("山田", "090", "example"):
        assert part not in key


def test_words_that_matter_are_kept():
    assert comparison_text("駐輪場を増やしてほしい") != comparison_text("駐輪場を減らしてほしい")
    assert "反対" in comparison_text("いつもお世話になっております。計画に反対します。")


def test_a_sentence_that_merely_mentions_a_name_is_kept():
    text = "公園の名前を市民から募集してほしい。"
    assert comparison_text(text) == "公園の名前を市民から募集してほしい"


@pytest.mark.parametrize("text", ["", "   ", "　\n\t", "特になし", "特になし。", "特にありません。", "なし",
                                  "。。、", "―", "・・・", "意見なし", "　特に　なし　"])
def test_empty_opinions(text):
    assert is_empty_opinion(text)


@pytest.mark.parametrize("text", ["反対", "賛成です。", "特に駐輪場の整備を急いでください。", "なしにしてほしい制度がある。",
                                  OPINION, "ＬＥＤ化"])
def test_real_opinions_are_not_empty(text):
    assert not is_empty_opinion(text)


def test_greeting_only_letter_is_empty():
    assert is_empty_opinion("いつもお世話になっております。\nよろしくお願いいたします。")


def test_display_text_keeps_original_characters():
    text = "ＬＥＤ照明を１００基、　駅前に設置してください。"
    assert display_text(text) == text  # no NFKC, no space removal


def test_display_text_drops_greeting_contact_and_signature():
    letter = ("いつもお世話になっております。\n電話：090-1234-5678\n"
              "公園のトイレを　洋式に改修してください。\n東町在住　佐藤")
    shown = display_text(letter)
    assert shown == "公園のトイレを　洋式に改修してください。"


def test_display_text_keeps_everything_when_nothing_would_be_left():
    assert display_text("よろしくお願いいたします。") == "よろしくお願いいたします。"


def test_content_hash_is_stable_and_short():
    assert content_hash("公園") == content_hash("公園")
    assert content_hash("公園") != content_hash("図書館")
    assert len(content_hash("公園")) == 12


# Greetings are removed only as whole sentences or lines, never from inside a sentence.

@pytest.mark.parametrize("text, kept", [
    ("敬老パスの対象は現在65歳以上です。これを70歳以上に引き上げないでください。", "現在65歳以上です"),
    ("市役所の窓口対応がよろしくお願いしますの一言もなく不親切でした。", "よろしくお願いしますの一言"),
    ("公園の意見は以上ですが、図書館の意見は別に送ります。", "公園の意見は以上ですが"),
    ("駅前の案を拝見した人は少ないと思います。", "案を拝見した人"),
    ("いつもお世話になっております市民課の対応に感謝しています。", "お世話になっております市民課"),
])
def test_greeting_phrases_inside_a_sentence_are_kept(text, kept):
    assert kept in display_text(text)
    assert kept in comparison_text(text)


def test_a_greeting_sentence_next_to_an_opinion_on_the_same_line_is_removed():
    assert comparison_text("いつもお世話になっております。" + OPINION + "よろしくお願いします。") == comparison_text(OPINION)
    assert display_text(OPINION + "以上です。") == OPINION


def test_a_whole_closing_sentence_goes_and_never_glues_its_neighbours():
    # was 「意見はありがとうございました。」: 「以上です」 cut out of the first sentence
    text = "公園に日陰を作ってほしい。\n意見は以上です。ありがとうございました。"
    assert display_text(text) == "公園に日陰を作ってほしい。"
    assert "意見は" not in comparison_text(text)


def test_greeting_sentences_made_of_several_stock_phrases_are_removed():
    assert comparison_text("計画案を拝見し、気になった点を挙げます。\n" + OPINION) == comparison_text(OPINION)
    assert comparison_text("以上、どうぞよろしくお願いいたします。") == ""


@pytest.mark.parametrize("text", [
    "拝啓　時下ますますご清祥のこととお慶び申し上げます。",
    "新緑の候、貴職におかれましてはますますご清栄のこととお慶び申し上げます。",
    "ご担当者様\nお疲れ様です。",
    "〇〇課　ご担当者様\nいつも大変お世話になっております。",
    "敬具",
    "以下3点について意見を述べます。",
    "お世話になります。",
    # QA27: the writer's standing between the subject and the announcement
    "計画（案）について、東原町の住民として意見を申し上げます。",
    "計画（案）について、一県民として意見を述べます。",
])
def test_salutations_and_seasonal_greetings_are_greetings(text):
    assert is_empty_opinion(text)


def test_words_ending_like_an_addressee_are_not_greetings():
    assert not is_empty_opinion("上記と同様。")
    assert comparison_text("駐輪場の件も同様\n" + OPINION) != comparison_text(OPINION)


def test_form_letters_differing_in_greetings_share_a_key():
    base = "東町線の廃止に反対します。通院に欠かせない路線です。"
    a = "ご担当者様\nお疲れ様です。\n" + base + "\nよろしくお願いいたします。"
    b = "拝啓　時下ますますご清祥のこととお慶び申し上げます。\n" + base + "\n以上です。\n敬具"
    assert comparison_text(a) == comparison_text(b) == comparison_text(base)


@pytest.mark.parametrize("text", [
    "お疲れ様です。原田です。",
    "こども未来課ご担当者様\n\nお疲れ様です。原田です。",
    "いつもお世話になっております。私は村井陽子です。",
    "はじめまして。高木と申します。",
    "お世話になります。森川葵です。",  # 「お世話になります」 is a greeting too, the full name an introduction
    "お世話になります。森川です。",
])
def test_a_greeting_and_the_writers_bare_name_are_an_introduction(text):
    assert is_introduction(text)


@pytest.mark.parametrize("text", [
    "お疲れ様です。反対です。",  # です after an opinion word, not a name
    "計画案に賛成です。",
    "市民として、東町線の廃止には反対です。",
    "森です。",  # a one-character word the masker does not take for a name here
    "お疲れ様です。原田です。駐輪場を増やしてください。",
])
def test_an_opinion_ending_in_desu_is_no_introduction(text):
    assert not is_introduction(text)


@pytest.mark.parametrize("text", [
    "公園にトイレを設置してほしい。\n敬具\n令和8年11月5日",  # a letter's date after its closing (QA)
    "公園にトイレを設置してほしい。\n2026年11月5日（木）",
    "意見\n公園にトイレを設置してほしい。",  # a first line that only labels what follows
    "ご意見：\n公園にトイレを設置してほしい。",
    "【意見】\n公園にトイレを設置してほしい。",
])
def test_a_letters_date_line_and_a_label_line_are_not_published(text):
    assert display_text(text) == "公園にトイレを設置してほしい。"


@pytest.mark.parametrize("text", ["意見が多いです。\n公園にトイレを設置してほしい。", "令和8年11月5日から工事です。",
                                  "工事は令和8年11月5日\nまでに終えてほしい。"])
def test_dates_and_the_word_iken_inside_an_opinion_stay(text):
    assert display_text(text) == text


# ------------------------------------------------------------------ QA: greetings and framing


@pytest.mark.parametrize("preamble", [
    "お疲れ様です。元県職員の渡辺です。",
    "担当者様\n二点意見します。",
    "以下のとおり意見を申し上げます。",
    "次のとおり意見を提出します。",
    "3点、意見を申し上げます。",
    "共働きで二人の子を育てています。\n以下のとおり意見を申し上げます。",
    "先日も送りましたが、書き忘れたことがあるので再度送ります。\n以下のとおり意見を申し上げます。",
    "令和8年11月4日\n子育て支援課御中",
    # a regression QA pass: split off a paragraph letter, these were published as rows
    "先日郵送で意見を出した渡辺です。追加で意見を送ります。",
    "三人の子を育てた経験から申し上げます。",
])
def test_framing_preambles_are_introductions(preamble):
    assert is_introduction(preamble)


@pytest.mark.parametrize("sentence", [
    "一番困っているのは高齢者です。", "保育所が足りません。", "高齢者が多く住んでいます。", "職員の不足です。",
    "駅前に住んでいますが、バスが少なくて困ります。", "反対意見を申し上げます。", "公園について意見します。",
    "バスを追加で走らせてほしいと提出します。", "保育士として働いた経験から、配置基準の見直しを求めます。",
])
def test_opinions_are_no_introductions(sentence):
    assert not is_introduction(sentence)


def test_announcement_opening_a_paragraph_letter_is_not_published():
    letter = "以下のとおり意見を申し上げます。保育所が足りません。定員を増やしてください。"
    assert display_text(letter) == "保育所が足りません。定員を増やしてください。"
    assert comparison_text(letter) == comparison_text("保育所が足りません。定員を増やしてください。")
    letter = "二点意見します。\n保育所が足りません。\n定員を増やしてください。"
    assert display_text(letter) == "保育所が足りません。\n定員を増やしてください。"
    # a letter that is only the announcement is kept whole
    assert display_text("以下のとおり意見を申し上げます。") == "以下のとおり意見を申し上げます。"


@pytest.mark.parametrize("text", [
    "いつも市政へのご尽力ありがとうございます。",
    "いつもご苦労様です。",
    "お忙しいところ恐縮ですが、ご検討のほどよろしくお願いいたします。",
    "どうかよろしくお願い申し上げます。",
    "総合計画（案）について、子育て中の母親として意見を述べさせていただきます。",
    "第2次総合計画（案）を拝見し、意見を提出いたします。",
    "計画案への意見です。",
    "意見は3点です。",
    "図書室について二つお願いがあります。",
    "要望が3点あります。",
    "最後に、このような意見を述べる機会をいただいたことに感謝いたします。",
])
def test_framing_sentences_of_letters_are_no_opinion(text):
    """Opening and closing formulas of letters: staff publish none of them as an opinion."""
    assert is_empty_opinion(text)
    assert is_introduction(text)


@pytest.mark.parametrize("text", ["駐輪場の意見が多いです。", "ご尽力に期待して、バス停に屋根を付けてください。",
                                  "お忙しい中でも相談できる窓口を作ってください。"])
def test_sentences_that_only_start_like_a_formula_are_opinions(text):
    assert not is_empty_opinion(text)


@pytest.mark.parametrize("text, shown", [
    ("また、市民会館の駐車場を広げてください。", "市民会館の駐車場を広げてください。"),
    ("いつもお世話になっております。\n次に、図書室の本を増やしてほしい。", "図書室の本を増やしてほしい。"),
    ("もう一点、バス停に屋根を付けてください。", "バス停に屋根を付けてください。"),
    ("また来年も花火大会を開いてください。", "また来年も花火大会を開いてください。"),
    ("同じく第4章2節では、支線の減便に反対です。", "第4章2節では、支線の減便に反対です。"),  # QA27
])
def test_the_connective_that_opened_a_point_in_its_letter_is_not_published(text, shown):
    """QA: rows of the report opened with 「次に、」「もう一点、」「また、」 once letters were cut."""
    assert display_text(text) == shown


def test_a_seasonal_greeting_with_any_closing_verb_is_a_greeting():
    """QA: 「…ご清栄のこととお慕い申し上げます」 (a writer's own wording) stayed in the worksheet."""
    text = "拝啓　時下ますますご清栄のこととお慕い申し上げます。\n公共交通の運賃補助を導入してください。"
    assert display_text(text) == "公共交通の運賃補助を導入してください。"


@pytest.mark.parametrize("letter, shown", [
    # QA: the published summary was 「前略　私は［郵便番号］ ［住所］ ［電話番号］。…」
    ("前略　私は〒123-4567 みなと市中央1-2-3に住んでいます。電話 090-1234-5678。\n"
     "第5章の森林について、森林環境税の使い道を明らかにしてください。",
     "第5章の森林について、森林環境税の使い道を明らかにしてください。"),
    ("子育て中の母親です。公園に遊具を増やしてください。", "公園に遊具を増やしてください。"),
])
def test_the_published_text_leaves_out_a_leading_self_introduction(letter, shown):
    assert display_text(letter) == shown


@pytest.mark.parametrize("text", [
    "一番困るのは高齢者です。バスを増やしてください。",  # about others, not the writer
    "子育て中の母親です。",  # nothing else: kept whole
])
def test_a_statement_about_others_or_an_introduction_alone_is_kept(text):
    assert display_text(text) == text


def test_a_contact_sentence_and_a_letter_opening_are_an_introduction():
    assert is_introduction("前略　私は〒123-4567 みなと市中央1-2-3に住んでいます。電話 090-1234-5678。")
    assert is_introduction("連絡先：kita.hanako@example.jp")
    assert not is_introduction("電話での問い合わせ窓口を増やしてください。")


def test_who_writes_is_left_out_of_the_comparison_text():
    """QA20: the same request opened by 「○○市在住の会社員です。」 or 「地方に住む高齢者です。」 made
    rows of its own (filler words apart, 14 rows for one request); who writes is no part of it."""
    from cluster.normalize import comparison_text

    request = "駅の近くに駐車場を整備してください。"
    assert comparison_text("みどり市在住の会社員です。" + request) == comparison_text(request)
    assert comparison_text("子育て中の母親です。\n" + request) == comparison_text(request)
    # a statement about others stays, and a text that is only an introduction is kept
    assert comparison_text("一番困るのは高齢者です。" + request).startswith("一番困るのは高齢者です")
    assert comparison_text("子育て中の母親です。") == "子育て中の母親です"


# ------------------------------------------------------------------ QA23
@pytest.mark.parametrize("text", [
    "意見はありません。", "特に意見はありません。", "意見なし", "特にありません。", "特に意見はございません。",
    "要望は特にないです。", "意見等は特にありません", "ご意見はありません。よろしくお願いします。",
    "計画の内容について特に意見はありません。",  # QA39
])
def test_a_stock_no_opinion_is_empty(text):
    assert is_empty_opinion(text)


@pytest.mark.parametrize("text", [
    "反対意見はありません。", "問題はありません。", "駅の駐輪場が足りません。", "第3章については意見はありません。",
])
def test_a_sentence_that_says_something_with_arimasen_is_no_empty_opinion(text):
    assert not is_empty_opinion(text)


def test_display_text_drops_a_leading_introduction_by_name():
    # the masker finds the name (UniDic tags 田中 before です after the role): a self-introduction
    text = "元市職員の田中です。図書館の開館時間を延ばしてください。"
    assert display_text(text) == "図書館の開館時間を延ばしてください。"
    assert display_text("田中です。") == "田中です。"  # nothing else: kept whole


@pytest.mark.parametrize("line", ["マイナンバー：123456789012", "生年月日：昭和40年1月2日", "個人番号: 123456789012"])
def test_my_number_and_birth_date_lines_are_contact_lines(line):
    assert comparison_text("公園を広げてください。\n" + line) == "公園を広げてください"
    assert display_text("公園を広げてください。\n" + line) == "公園を広げてください。"


@pytest.mark.parametrize("text, empty", [
    ("テスト", True), ("test", True), ("ｔｅｓｔ", True), ("テスト送信です。", True), ("あああ", True), ("あ", True),
    ("ｗｗｗ", True),
    ("テスト運用には反対です。", False), ("賛成", False), ("OK", False), ("駅", False),
    # QA29: a form test said in sentences
    ("テスト送信です。表示の確認のため送信しました。", True), ("これは送信テストです。届いているか確認させてください。", True),
    ("動作確認のためのテスト投稿です。", True),
    ("テストです。保育所を増やしてください。", False), ("送信テストの結果を公表してください。", False),
    ("表示の確認のため送信しました。", False),
])
def test_a_test_entry_or_a_key_held_down_is_no_opinion(text, empty):
    # QA25: 「あ」 ×43 and 「テスト」 ×15 were published as rows and counted as form letters
    from cluster.normalize import is_empty_opinion

    assert is_empty_opinion(text) is empty


def test_a_leading_sentence_on_where_the_writer_lives_is_left_out_but_a_statement_about_others_stays():
    # QA25: 「二児の母として秋田県で生活しています。」 opened a published summary
    from cluster.normalize import display_text

    assert display_text("二児の母として秋田県で生活しています。撤去後の土地の原状回復を義務付けてください。") == \
        "撤去後の土地の原状回復を義務付けてください。"
    kept = "障害者も地域で生活しています。グループホームを増やしてください。"
    assert display_text(kept) == kept


@pytest.mark.parametrize("sentence, intro", [
    # QA28: a campaign's senders each opened with who they are; 379 such lines were published as opinions
    ("東町に住む看護師です。", True), ("南町に住む75歳の年金生活者です。", True), ("南町に住む医療職です。", True),
    ("西町で介護の仕事をしています。", True), ("西町で小さな子どもを育てています。", True),
    ("再編計画（案）に賛成する立場から、次の2点を要望します。", True),
    ("一番困るのは東町に住む高齢者です。", False), ("駅の近くに住む高齢者が困っています。", False),
    ("救急医療の仕事をしている人が足りないのが問題です。", False), ("子どもも住んでいます。", False),
])
def test_who_the_writer_is_and_where_they_live_is_an_introduction(sentence, intro):
    assert is_introduction(sentence) is intro


def test_a_campaign_letters_self_introduction_is_no_opinion():
    from cluster.split import split_submission

    letter = ("東町に住む看護師です。\n「○○市立病院再編計画（案）」について、次のとおり意見を提出します。\n"
              "（1）北病院の24時間救急外来を存続させてください。\n（2）小児科と産科の入院病床を削減しないでください。\n以上")
    cut = split_submission(letter)
    opinions = [letter[s.start:s.end] for s in cut if not s.closing]
    assert opinions == ["北病院の24時間救急外来を存続させてください。", "小児科と産科の入院病床を削減しないでください。"]


@pytest.mark.parametrize("text, shown", [
    # QA29: items 1 and 2 of a letter joined by staff published 「…ください。<br>2\\. 現在は…」
    ("土曜日も開所時間を延長してください。\n2. 現在は18時までのため、仕事帰りに間に合いません。",
     "土曜日も開所時間を延長してください。\n現在は18時までのため、仕事帰りに間に合いません。"),
    ("駐輪場を増やしてください。\n（3）屋根も付けてください。", "駐輪場を増やしてください。\n屋根も付けてください。"),
    # a list of the opinion's own keeps its numbers; a number that is no marker stays
    ("次の2点です。\n1. 駐輪場を増やす\n2. 屋根を付ける", "次の2点です。\n1. 駐輪場を増やす\n2. 屋根を付ける"),
    ("駐輪場が足りません。\n3、4年前から満車です。", "駐輪場が足りません。\n3、4年前から満車です。"),
])
def test_an_item_marker_inside_a_joined_opinion_is_not_published(text, shown):
    assert display_text(text) == shown

