"""QA118 (a children's plan: a child's allergy, autism or school refusal, DV and welfare told of oneself, teachers by
given name, a head named before the title, a profession before the writer's name, ID labels) and QA119 (the session's
masking rules tempted: 「スクール・カウンセラーさん」「中央3丁目5番交差点」「緑町2の3の4の交差点に信号を」「携帯は 1000-2000円の
補助を」「料金は普通 1500-2000 ぐらい」「父の畑」「主治医の金が目当て」「Mr. Donut」 were masked). Texts invented for these
tests."""
import pytest

from cluster.mask import mask_personal_data
from cluster.summary import draft_summary


@pytest.mark.parametrize("text, published", [
    ("長女の結衣（4歳）は卵と乳のアレルギーがあります。給食の除去食に対応してください。", "給食の除去食に対応してください。"),
    ("うちの陽翔は自閉スペクトラム症と診断されています。療育の枠を増やしてください。", "療育の枠を増やしてください。"),
    ("私は夫からのDVを受け、子ども2人とシェルターに避難しました。現在は生活保護を受けながら暮らしています。"
     "ひとり親への支援を増やしてください。", "ひとり親への支援を増やしてください。"),
    ("次男の湊（小3）は1年前から不登校です。フリースクールへの補助をお願いします。", "フリースクールへの補助をお願いします。"),
])
def test_a_childs_or_a_familys_sensitive_situation_is_left_out(text, published):
    assert draft_summary(text) == published


@pytest.mark.parametrize("text", [
    "アレルギー対応の給食を増やしてください。",
    "私は認知症サポーターの講座を受けました。講座をもっと開いてください。",
    "私は透析施設の送迎ボランティアをしています。送迎の補助金を出してください。",
])
def test_a_service_named_by_a_condition_stays(text):
    assert draft_summary(text) == text


@pytest.mark.parametrize("text, expected", [
    ("主任保育士のあやか先生には本当にお世話になりました。", "主任保育士の［氏名］先生には本当にお世話になりました。"),
    ("ゆうこ先生が辞めてしまいました。", "［氏名］先生が辞めてしまいました。"),
    ("保育士の美紀先生", "保育士の［氏名］先生"),
    ("こひつじ保育園の菊池園長に感謝状を出してください。", "こひつじ保育園の［氏名］園長に感謝状を出してください。"),
    ("東小の森校長に相談しました。", "東小の［氏名］校長に相談しました。"),
    ("小児科医の山口です。", "小児科医の［氏名］です。"),
    ("教員の森と申します。", "教員の［氏名］と申します。"),
    ("母子健康手帳の交付番号は R3-1187 です。", "母子健康手帳の交付番号は ［番号］ です。"),
    ("生徒番号 20241183 です。", "生徒番号 ［番号］ です。"),
    ("母の和子は95歳です。", "母の［氏名］は95歳です。"),
    ("主治医の宮下先生も賛成しています。", "主治医の［氏名］先生も賛成しています。"),
    ("https://ameblo.jp/ina-mama-kanako/entry-12812345678.html に詳しく書きました。", "［SNSアカウント］ に詳しく書きました。"),
    ("電話番号は、23-5417です。", "電話番号は、［電話番号］です。"),
    ("FAX 23-5417", "FAX ［電話番号］"),
])
def test_more_people_and_numbers_are_masked(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", [
    "スクール・カウンセラーさんを増やしてください。",
    "ソーシャル・ワーカーさんが足りません。",
    "ドン・キホーテさんの出店に反対です。",
    "中央3丁目5番交差点に信号をつけてください。",
    "東2丁目10番の踏切が危ないです。",
    "緑町2の3の4の交差点に信号をつけてください。",
    "子育て支援は市政一丁目一番地だと言っていたはずです。",
    "携帯は 1000-2000円の補助をお願いします。",
    "電話は2020-2024年度で倍増しました。",
    "料金は普通 1500-2000 ぐらいなので高すぎる。",
    "父の畑で採れた野菜を使ってください。",
    "母の愛は偉大です。",
    "主治医の金が目当てだと思われたくない。",
    "Mr. Donut の跡地を公園にしてください。",
    "2011年3月11日に生まれた娘たちの世代に震災を伝えたい。",
    "文書番号0123/456/7890号について説明してください。",
    "ameblo.jp/entertainment のランキングを見ました。",
    "こども食堂「はるちゃん食堂」を続けてください。",
    "新米ママです。", "この先生はとても丁寧です。", "校長の方針に賛成です。", "学生の本分です。",
])
def test_what_only_looks_personal_stays(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize("text", [
    "こども家庭課（045-671-2345）に電話しましたが、つながりません。",
    "保健センターの予約電話（0265-78-4132、平日のみ）はいつも話し中です。",
    "市役所代表 0265-78-4111 に電話してもつながりませんでした。",
    "市役所の代表電話045-671-0000がつながりにくいので、回線を増やしてください。",
])
def test_a_public_offices_number_named_in_a_sentence_stays(text):
    # (QA113, QA118: public numbers were masked; privacy is a person's, not an office's)
    assert mask_personal_data(text) == text


@pytest.mark.parametrize("text, expected", [
    ("自宅（045-123-4567）までご連絡ください。", "自宅（［電話番号］）までご連絡ください。"),
    ("連絡先は福祉課の山田さん 045-123-4567", "連絡先は福祉課の［氏名］さん ［電話番号］"),
    ("町内会代表045-123-4567", "町内会代表［電話番号］"),
    ("相談窓口 08000000000", "相談窓口 ［電話番号］"),  # a mobile is a person's wherever it stands
    ("山田商店（045-123-4567）", "山田商店（［電話番号］）"),
])
def test_a_persons_number_is_still_masked(text, expected):
    assert mask_personal_data(text) == expected
