"""QA41: a city's こども向けパブリックコメント, opinions written by children in hiragana.

A school named in hiragana before a class, a child's kana given name before くん/ちゃん/君, a name after a
sibling word in hiragana, a child's name before a bracketed school and class, a self-introduction in
hiragana and an ID after 「LINEのIDは」 were published as written. Texts invented for these tests."""
import pytest

from cluster.mask import drop_masked_lines, mask_personal_data


def masked(text: str) -> str:
    return mask_personal_data(text, [])


# --- leaks: each fails without the QA41 rules -------------------------------------------------------

@pytest.mark.parametrize("text, gone, expected", [
    # 1. a school in hiragana (or starting so) before a year and class
    ("さくら小2年1組です。プールをあたらしくして", "さくら小", "［学校名］2年1組です。プールをあたらしくして"),
    ("ひばり小学校5年3組です。", "ひばり小学校", "［学校名］5年3組です。"),
    ("あおば中学校1年4組の意見です", "あおば中学校", "［学校名］1年4組の意見です"),
    ("ぼくはつばさ中2年1組です", "つばさ中", "ぼくは［学校名］2年1組です"),
    ("ことり台小3年2組です", "ことり台小", "［学校名］3年2組です"),
    # ... and a school written whole before の and a masked name
    ("はやて小学校の山本大輔です。", "はやて小学校", None),
])
def test_school_in_hiragana_before_class(text, gone, expected):
    out = masked(text)
    assert gone not in out
    assert "［学校名］" in out
    if expected is not None:
        assert out == expected


@pytest.mark.parametrize("text, name", [
    ("たろうくんと サッカーが したい", "たろう"),
    ("たいがくんが いってた", "たいが"),
    ("ゆうとくんが いってた", "ゆうと"),
    ("そうたくんと あそびたい", "そうた"),
    ("ひなちゃんと こうえんに いきたい", "ひな"),
    ("まさる君と としょかんへ いった", "まさる"),
    ("ぼくはりくくんと いっしょに かえる", "りく"),
    ("ともやくんの いえ", "ともや"),
])
def test_kana_given_name_before_kun_chan(text, name):
    out = masked(text)
    assert name not in out
    assert "［氏名］" in out


@pytest.mark.parametrize("text, name, expected", [
    ("いもうとの ももも ようちえんに いきたいって", "もも", None),
    ("おとうとの りくが こうえんで ころんだ", "りく", "おとうとの ［氏名］が こうえんで ころんだ"),
    ("おねえちゃんの かなが いってた", "かな", None),
    ("あにの ゆうとは ちゅうがくせい", "ゆうと", None),
    ("むすめの ひなたが がっこうに いけない", "ひなた", None),
])
def test_name_after_hiragana_sibling_word(text, name, expected):
    out = masked(text)
    assert name not in out
    assert "［氏名］" in out
    if expected is not None:
        assert out == expected


@pytest.mark.parametrize("text, gone, expected", [
    ("娘のあやね（ひばり小4年2組）が不登校になりました。", ["あやね", "ひばり小"],
     "娘の［氏名］（［学校名］4年2組）が不登校になりました。"),
    ("息子の悠真（西小3年1組）がけがをしました。", ["悠真", "西小"], "息子の［氏名］（［学校名］3年1組）がけがをしました。"),
    ("長女の美月（南中2年3組）も使っています。", ["美月", "南中"], "長女の［氏名］（［学校名］2年3組）も使っています。"),
])
def test_child_name_before_bracketed_school_and_class(text, gone, expected):
    out = masked(text)
    for g in gone:
        assert g not in out
    assert out == expected


@pytest.mark.parametrize("text, gone", [
    ("ぼくの名前は いのうえ そうた です。こうえんを ふやして", ["いのうえ", "そうた"]),
    ("わたしのなまえは こばやし めい です。", ["こばやし", "めい"]),
    ("なまえは おかだ りく といいます", ["おかだ", "りく"]),
    ("わたしのなまえは ほんだ ゆいか です", ["ほんだ", "ゆいか"]),
    ("ひばり小4年3組 なかむら ゆいです。プールが ほしい", ["なかむら", "ゆい", "ひばり小"]),
    ("4年1組の はやし ゆうまです。", ["はやし", "ゆうま", "まです"]),
])
def test_hiragana_self_introduction(text, gone):
    out = masked(text)
    for g in gone:
        assert g not in out
    assert "［氏名］" in out


@pytest.mark.parametrize("text, gone", [
    ("LINEのIDは mio_0725 です。れんらくください", "mio_0725"),
    ("インスタやってるよ。IDは sora.k2016 だよ", "sora.k2016"),
    ("ラインのIDは kaito99 です", "kaito99"),
    ("LINEやってます。IDは hana_77 です", "hana_77"),
])
def test_id_after_sns_name(text, gone):
    out = masked(text)
    assert gone not in out
    assert "［SNSアカウント］" in out


def test_sns_id_sentence_dropped_from_summary_like_a_labelled_one():
    out = drop_masked_lines(masked("LINEのIDは mio_0725 です。プールを あたらしく して"))
    assert out == "プールを あたらしく して"


def test_kids_letter_whole():
    text = ("わたしは さくら小3年1組の たなか みおです。いもうとの ゆずも いってた。"
            "じどうかんを ふやして ほしい。こうたくんと あそべる ひろばが ほしい")
    out = masked(text)
    for g in ("さくら小", "たなか", "みお", "ゆず", "こうた"):
        assert g not in out
    assert "じどうかんを ふやして ほしい" in out


# --- must stay --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "赤ちゃんが いるので ベビーカーで いける みちに して",
    "あかちゃんの へやが ほしい",
    "おばあちゃんと こうえんに いきたい",
    "おじいちゃんが いってた",
    "お兄ちゃんと いっしょに いく",
    "おにいちゃんが ちゅうがくせい",
    "ワンちゃんと さんぽできる こうえん",
    "わんちゃんを つれて いける ばしょ",
    "ねこちゃんが すき",
    "もっとちゃんと せつめいして ほしい",
    "ちゃんと きいて ほしい",
    "ちゃん付けで よばないで",
    "そして君が いちばん",
    "小学校3年生です。としょかんを ふやして",
    "小3です。プールに いきたい",
    "小学校の3年2組の きょうしつが あつい",
    "この小学校は ふるい",
    "ちかくの小学校に プールが ない",
    "みなと小学校の先生は やさしい",
    "いもうとのために こうえんを つくって",
    "いもうとの ために すべりだいを",
    "おとうとの ぶんも おやつを ください",
    "いもうとの ともだちと いっしょに あそびたい きょう",
    "先生の名前は覚えていない",
    "名前は ひみつです",
    "なまえは まだ ないです",
    "ぼくは とても げんき です",
    "わたしは ひまわり ぐみ です",
    "ぼくは しょうがく さんねん です",
    "LINEで連絡できるように してほしい",
    "LINEの相談窓口を つくって",
    "IDは abc123 です",
    "ゲームのIDは neko_22 です",
    "息子の友達（小3年2組）と遊ぶ",
    "こどもの いばしょが ほしい",
])
def test_must_stay(text):
    assert masked(text) == text
