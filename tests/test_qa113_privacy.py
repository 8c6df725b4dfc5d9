"""QA113: personal data in forms the masker missed: phone numbers with dots, slashes, 「・」 or 「の」 between their parts
or blanks around the hyphens, birth dates with the era's year in brackets or 「・」 between the parts or 「…日に生まれた娘」,
a person named after their role (「課長の岡部から」「主治医の宮下先生」) or as a doctor or teacher (「宮下先生に」), a block
and house number with no town before them (「中央2丁目5番地の2の角」). Texts invented for these tests."""
import pytest

from cluster.mask import mask_personal_data


@pytest.mark.parametrize("text, expected", [
    ("平日18時以降なら090.4711.2583（携帯）に連絡ください。", "平日18時以降なら［電話番号］（携帯）に連絡ください。"),
    ("携帯090・4711・2583まで。", "携帯［電話番号］まで。"),
    ("携帯は090の6352の1189です。", "携帯は［電話番号］です。"),
    ("電話０２６５/７６/５５３２", "電話［電話番号］"),
    ("なお私の自宅は0265 - 73 - 8821です。", "なお私の自宅は［電話番号］です。"),
])
def test_phone_numbers_with_other_separators(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", [
    "2026.05.13に説明会がありました。",
    "01/02/2026",  # (eight digits: a date, no phone number)
    "資料の0.12.1234版を見ました。",
    "令和7年4月1日に施行されます。",
    "2010年4月2日以降に生まれた子が対象です。",
    "令和2年4月2日に生まれた子から対象にしてください。",
])
def test_dates_and_versions_stay(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize("text, expected", [
    ("私は1958年（昭和33年）6月14日生まれの主婦です。", "私は［生年月日］生まれの主婦です。"),
    ("私は昭45・3・2生で、まだ対象外です。", "私は［生年月日］生で、まだ対象外です。"),
    ("平成21年11月3日に生まれた娘が春から高校に通います。", "［生年月日］に生まれた娘が春から高校に通います。"),
])
def test_birth_dates(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("後日課長の岡部からも連絡がありませんでした。", "後日課長の［氏名］からも連絡がありませんでした。"),
    ("主治医の宮下先生も賛成しています。", "主治医の［氏名］先生も賛成しています。"),
    ("顧問の原先生に相談しました。", "顧問の［氏名］先生に相談しました。"),
    ("宮下先生に言われました。", "［氏名］先生に言われました。"),
])
def test_people_named_by_role(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", [
    "課長の判断で決まったそうです。", "先生の数を増やしてください。", "校長の方針に賛成です。", "中学校の先生が足りません。",
    "医師の数が足りません。", "田中市長の方針に賛成です。",
])
def test_roles_without_a_name_stay(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize("text, expected", [
    ("中央2丁目5番地の2の角の空き地を公園にしてください。", "［住所］の角の空き地を公園にしてください。"),
    ("桜ヶ丘4丁目12番5号の前の道路が狭いです。", "［住所］の前の道路が狭いです。"),
    ("みどり市桜ヶ丘4丁目12番5号", "［住所］"),
])
def test_a_block_and_house_number_without_a_town(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", ["駅前3丁目交差点に信号をつけてください。", "本町1丁目の公園を広げてください。"])
def test_a_block_alone_stays(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize("text, expected", [
    ("桜ヶ丘四丁目十二番五号の前の道路が狭いです。", "［住所］の前の道路が狭いです。"),
    ("連絡は hanako.y★docomo.ne.jp （★を@に変えてください）まで。", "連絡は ［メールアドレス］ （★を@に変えてください）まで。"),
    ("メールアドレス：kenji1975 あっと gmail.com", "メールアドレス：［メールアドレス］"),
    ("返信は k.hayashi@@example.jp へ", "返信は ［メールアドレス］ へ"),
    ("foo (at) example.com までどうぞ", "［メールアドレス］ までどうぞ"),
])
def test_kanji_block_numbers_and_disguised_email(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", ["評価は★5つです。", "三丁目の公園を広げてください。", "詳しくは www.city.example.jp をご覧ください。"])
def test_stars_and_public_sites_stay(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize("text, expected", [
    ("電話は 23-5417（市外局番0265）です。", "電話は ［電話番号］（市外局番0265）です。"),
    ("ＴＥＬ　７２－８８１５", "ＴＥＬ　［電話番号］"),
    ("私の携帯 080 5 5 1 8 2 2 7 3 に連絡ください。", "私の携帯 ［電話番号］ に連絡ください。"),
    ("本町三ー十二ー五に住んでいます。", "［住所］に住んでいます。"),
    ("みどり町3の12の5", "［住所］"),
    ("普通口座 1234-567", "普通口座 ［口座番号］"),
    ("お客様番号 12-3456-78", "お客様番号 ［番号］"),
    ("カード番号は2000123456789です。", "カード番号は［番号］です。"),
    ("警察の受理番号 第R7-0415号", "警察の受理番号 ［番号］"),
    ("私のブログ https://ameblo.jp/ina-mama-kanako/ に載せています。", "私のブログ ［SNSアカウント］ に載せています。"),
    ("甥の吉川 拓海（25）が手伝ってくれます。", "甥の［氏名］（25）が手伝ってくれます。"),
    ("妻の恵美子（S52.8.19生）と暮らしています。", "妻の［氏名］（［生年月日］生）と暮らしています。"),
    ("Mr. Takashi Morita にも相談しました。", "Mr. ［氏名］ にも相談しました。"),
    ("ベトナム出身のグエン・ヴァン・アンさんが困っています。", "ベトナム出身の［氏名］さんが困っています。"),
])
def test_the_leftover_forms(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", [
    "電話は1日3回までにしてください。", "携帯は2台あります。", "電話で10-20分待たされました。", "みどり町3の1の広場を広げて。",
    "普通 3件の相談がありました。", "整理番号は3番です。", "スポーツ・センターの開館時間を延ばして。",
])
def test_what_stays_beside_them(text):
    assert mask_personal_data(text) == text
