"""QA47: long narrative letters to a 地域福祉支援計画 consultation.

A name masked once stayed where its parts recurred (「次男・［氏名］（34歳）…。翔は平日は…」), a former address
written without 町 or 丁目 was published (「さくら市のかもめ台ニュータウン4-3」), a katakana given name after a
relative's word and the family name was published when UniDic reads it as a common noun (「母の長谷川ウメ（93歳）」),
and two masks were cut wrong (「妻の［氏名］子は」, 「娘（［氏名］）」 for 「娘（大翔の妹）」). Texts invented for
these tests."""
import pytest

from cluster.mask import mask_personal_data, masked_name_parts


def masked(text: str, names=()) -> str:
    return mask_personal_data(text, list(names))


# --- a. a name's parts where they recur in the same text ---------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("重度の障害のある次男・村井蒼真（29歳）と暮らしています。蒼真は平日は作業所に通い、蒼真が帰ると夕食です。",
     "重度の障害のある次男・［氏名］（29歳）と暮らしています。［氏名］は平日は作業所に通い、［氏名］が帰ると夕食です。"),
    ("長男の悠斗は40歳になりました。親が亡くなったあと悠斗がどうなるのか心配です。",
     "長男の［氏名］は40歳になりました。親が亡くなったあと［氏名］がどうなるのか心配です。"),
    # a one-kanji given name, as a word of its own only
    ("次女（凛）は高校生です。放課後、凛の居場所がありません。",
     "次女（［氏名］）は高校生です。放課後、［氏名］の居場所がありません。"),
    # the family name recurs too, before a particle
    ("夫の須藤誠一は昨年倒れました。須藤の家では私ひとりが介護しています。",
     "夫の［氏名］は昨年倒れました。［氏名］の家では私ひとりが介護しています。"),
])
def test_recurring_name_parts_are_masked(text, expected):
    assert masked(text) == expected


@pytest.mark.parametrize("text, kept", [
    # not inside a longer word
    ("次男・村井翔（29歳）と暮らしています。飛翔という名の作業所に通っています。", "飛翔という"),
    ("次女（凛）は高校生です。凛々しい先生に相談しました。", "凛々しい先生"),
    # a one-kanji family name is a word too often (森, 林): not masked on its own
    ("森 由香里です。森の中の施設に母がいます。", "森の中の施設"),
    # a family name that UniDic reads as a place where it recurs stays a place
    ("夫の千葉誠一は倒れました。千葉の施設に入りました。", "千葉の施設"),
])
def test_recurrence_only_as_a_word(text, kept):
    out = masked(text, ["森 由香里"])
    assert kept in out
    assert "［氏名］" in out


def test_masked_name_parts_of_another_text():
    """The parts masked in one text of a submission, to mask in another (the report shows an opinion from its
    request on, without the sentence that named the person whole)."""
    first = "次男・村井蒼真（29歳）と暮らしています。"
    parts = masked_name_parts(first, masked(first))
    assert "蒼真" in parts
    assert mask_personal_data("ある日、蒼真が言いました。", recurring=parts) == "ある日、［氏名］が言いました。"


def test_given_name_starting_a_sentence():
    # the report's opinion may start after the sentence that named the person whole
    assert masked("翔は平日は市内の事業所に通っています。グループホームを増やしてください。") == \
        "［氏名］は平日は市内の事業所に通っています。グループホームを増やしてください。"
    for kept in ("希望は、計画に書くことです。", "明日は晴れます。", "県は計画を見直してください。"):
        assert masked(kept) == kept


# --- b. a former address without 町 or 丁目 --------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("元の住所はみなと市のうみねこ台ニュータウン5-2です。",
     "元の住所は［住所］です。"),
    ("以前はみなと市かもめ台7-1に住んでいました。", "以前は［住所］に住んでいました。"),
    ("私はみなと市ひばり野2-5-8に住んでいます。", "私は［住所］に住んでいます。"),
    ("実家はみなと市ひばり野4番3号です。", "実家は［住所］です。"),
])
def test_address_without_town_word(text, expected):
    assert masked(text) == expected


@pytest.mark.parametrize("text", [
    "市町村ごとに1-2か所は設けてください。",
    "みなと市の計画では3-4月に説明会があります。",
    "みなと市の第2期計画4-3ページを見ました。",
])
def test_counts_and_pages_stay(text):
    assert masked(text) == text


# --- c. a katakana given name after a relative's word and the family name ----------------------------------

@pytest.mark.parametrize("given", ["ウメ", "マツ", "カメ", "トメ", "ツル", "キク"])
def test_katakana_given_name_after_relative(given):
    assert masked(f"私の家では、母の小野寺{given}（93歳）が要介護3です。") == "私の家では、母の［氏名］（93歳）が要介護3です。"
    assert masked(f"祖母の小野寺{given}を介護しています。") == "祖母の［氏名］を介護しています。"


def test_katakana_given_name_after_submitters_family_name():
    assert masked("母の小野寺ウメ（93歳）が要介護3です。", ["小野寺 和夫"]) == "母の［氏名］（93歳）が要介護3です。"


def test_care_word_after_family_name_is_no_given_name():
    out = masked("母の小野寺ケアマネさんに相談しました。")
    assert "ケアマネさん" in out


# --- d. masks cut right ----------------------------------------------------------------------------------

def test_katakana_given_name_with_ko():
    assert masked("妻の前田ミツ子は一昨年から入所しています。") == "妻の［氏名］は一昨年から入所しています。"


def test_relation_in_brackets_stays():
    assert masked("娘（大翔の妹）はいつも我慢ばかりしています。") == "娘（［氏名］の妹）はいつも我慢ばかりしています。"
    assert masked("娘（高校の先輩）が来ました。") == "娘（高校の先輩）が来ました。"


def test_facility_name_stays():
    text = "母は特養ひまわり荘に入所しています。"
    assert masked(text) == text


def test_a_given_name_named_in_one_opinion_is_masked_in_the_next_opinion_of_the_letter(tmp_path):
    """The report masks each opinion on its own: 「翔」 alone in the letter's second item was published
    although the first item named 「高橋翔」 (QA47)."""
    from conftest import run_folder

    letter = ("次男・高橋翔（34歳）は就職に失敗してから、10年間ほとんど家から出ていません。\n\n"
              "1. ひきこもりの相談窓口を市町村ごとに置いてください。\n"
              "2. いずれは翔を受け入れてくれる就労の場を増やしてほしいです。")
    out, _, _ = run_folder(tmp_path, ["受付番号", "ご意見"], [["1", letter], ["2", "駅前の駐輪場を増設してください。"]])
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "いずれは［氏名］を受け入れてくれる就労の場を増やしてほしいです。" in report
    assert "翔" not in report
    assert "いずれは翔を" in (out / "opinions.csv").read_text(encoding="utf-8-sig")  # the working file keeps it
