"""QA89: personal data in forms the masking missed (an ID with letters, a rural lot without 番地, an account
without a colon, initials or a name in Latin letters or katakana before an honorific, a member of a group named
by role, a home's coordinates, an IP address, a FAX number in kanji numerals), and the public text beside them
that stays. The texts were written for these tests."""
from __future__ import annotations

import pytest

from conftest import assert_masked


@pytest.mark.parametrize("text, secret", [
    ("市民病院の診察券番号 A-204518 を受付で大声で呼ばれました。", "204518"),
    ("学籍番号 21E3047 の私は、奨学金の申請書類を出しました。", "21E3047"),
    ("社員番号 K-58213 で登録しています。", "58213"),
    ("身体障害者手帳 第12345号を持っていますが、窓口で手続きが複雑です。", "12345"),
    ("自宅は大字上野字下原1234で、バスがありません。", "下原1234"),
    ("字下原1234-5の畑の前の道を直してください。", "1234-5"),
    ("回覧板をお願いします。FAXは〇四六七（二二）五五六六です。", "五五六六"),
    ("Xのアカウント aya_murakami0412 で子育て情報を発信しています。", "aya_murakami0412"),
    ("ツイッターでyamamori_hiro という名前で地域の情報を載せています。", "yamamori_hiro"),
    ("連絡はLINEで。ラインは mihok0412 です。", "mihok0412"),
    ("子ども食堂を運営している Y.K.さん が、食材の確保に困っています。", "Y.K."),
    ("市の職員 Suzuki Ichiro-san に窓口で丁寧に教わりました。", "Suzuki"),
    ("フィリピン出身のマリア・サントスさんが、日本語の書類に困っています。", "サントス"),
    ("自治会の会計の森様が、会費の集金を一人でしています。", "森様"),
    ("GPSで測ると自宅は（35.4437, 139.6380）で、避難所まで遠いです。", "139.6380"),
    ("電子申請で、自宅のIPアドレス 203.0.113.45 からだと接続が拒否されます。", "203.0.113.45"),
    # QA93: a particle right after -san, one word before it
    ("隣人のSuzuki Ichiro-sanも同じ意見です。", "Suzuki"),
    ("Tanaka-sanに相談したら反対されました。", "Tanaka"),
])
def test_personal_data_in_these_forms_is_masked(text, secret):
    assert_masked(text, secrets=[secret])


@pytest.mark.parametrize("text, kept", [
    ("委員の皆様へ、計画の説明をお願いします。", "委員の皆様"),
    ("文字コード123の表示が崩れます。", "文字コード123"),
    ("JAさんの直売所を駅前に増やしてください。", "JAさん"),
    ("バージョン1.2.3.4のアプリでは申請できません。", "1.2.3.4"),
    ("レオナルド・ダ・ヴィンチの絵を美術館で見たい。", "レオナルド・ダ・ヴィンチ"),
    ("Xで市の情報を見ています。ラインで連絡がほしい。", "Xで市の情報"),
    ("会員番号は3号です。保険証を持参してください。", "会員番号は3号"),
    ("表3の数字は、12頁の記述と合いません。", "表3"),
    # QA93: what the new forms must leave alone
    ("保険証は2024年12月2日に新規発行が停止されました。", "2024年12月2日"),
    ("コカ・コーラさんの自販機を公園に置いてください。", "コカ・コーラさん"),
    ("セブン・イレブンさんの店舗でも証明書を受け取りたい。", "セブン・イレブンさん"),
    ("P.T.A.さんの会合は平日の夜にしてほしい。", "P.T.A.さん"),
    ("H.I.S.さんの窓口でも申請できるようにして。", "H.I.S.さん"),
    ("Google Japanさんと協力して防災アプリを作って。", "Google Japanさん"),
    ("字幕100本以上の動画を市のサイトに載せてください。", "字幕100本"),
    ("会長の奥様と会長の息子さんにもお礼を言いたい。", "会長の奥様と会長の息子さん"),
    ("観光案内では「Fuji-san」や「Takao-san」など山の英語表記を統一してほしい。", "「Fuji-san」や「Takao-san」"),
])
def test_public_text_beside_them_stays(text, kept):
    assert_masked(text, kept=[kept])


def test_a_city_halls_main_number_is_no_table_in_the_draft():
    from cluster.labels import find_references

    refs = find_references("市役所代表 045-123-4567 に電話したが、12頁の表3がわかりにくい。資料02も。")
    assert refs == ["12頁", "表3", "資料02"]
    assert find_references("意図2点と地図2枚について、図3と別図1を見ました。") == ["図3", "別図1"]


def test_a_letters_title_line_is_no_opinion_of_its_own():
    from conftest import split_texts
    from cluster.split import split_submission

    letter = ("放課後児童クラブの待機児童の解消を求める意見\n\n私たちは市内で子育てをしている保護者です。"
              "東小学校区では毎年、放課後児童クラブに入所できない子どもがいます。\nつきましては、定員を増やしてください。")
    segs = split_submission(letter)
    assert [s.closing for s in segs][0] is True and len([s for s in segs if not s.closing]) == 1
    # a first line that is the opinion itself stays one
    assert split_texts("公園を増やしてほしいという意見\n\n駅前に公園がありません。") == [
        "公園を増やしてほしいという意見\n\n駅前に公園がありません。"]
