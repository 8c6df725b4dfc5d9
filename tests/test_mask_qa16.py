"""Masking leaks found by the QA16 privacy review (cluster.mask); invented sentences."""
from __future__ import annotations

import pytest

from cluster.mask import MASKS, mask_personal_data
from conftest import assert_masked

NAME = MASKS["name"]

# (text, submitter names, secrets that must be gone, words that must stay)
LEAKS = [
    # a relative's katakana given name after the family name (shared with the submitter or not)
    ("母の佐々木トメ（要介護3）です。", ("佐々木 和子",), ["佐々木", "トメ"], ["母の", "（要介護3）です"]),
    ("母の佐々木トメ（要介護3）です。", (), ["佐々木", "トメ"], ["母の", "（要介護3）です"]),
    # a room in a care facility
    ("母はひだまりホーム205号室に入所しています。", (), ["205"], ["ひだまりホーム", "に入所"]),
    ("母はあおば苑3階の302号室にいます。", (), ["302"], ["あおば苑", "にいます"]),
    ("若葉台団地の3-205に住む者です。", (), ["3-205"], ["に住む者です"]),
    # an e-mail address with blanks around ＠ and the dots
    ("返信は tagu.ken ＠ aoba-mail . jp へ。", (), ["tagu", "aoba-mail"], ["返信は", "へ。"]),
    ("動画を。ｔａｇｕ＿ｋ ＠ ｅｘａｍｐｌｅ．ｎｅ．ｊｐ", (), ["ｔａｇｕ", "ｅｘａｍｐｌｅ"], ["動画を。"]),
    ("メール: hanako.mori ＠ example.com", (), ["hanako", "example"], ["メール"]),
    # a submitter's name inside a longer name: the whole name goes
    ("父の齋藤榮一郎が徘徊します。", ("齋藤 榮一",), ["齋藤", "榮一", "郎"], ["父の", "が徘徊します"]),
    # a name as a vocative at the start of a quoted message
    ("姉から「由美子、お母さんがまた転んだって」と来ました。", (), ["由美子"], ["姉から「", "、お母さんが"]),
    ("母から「けいこ、きょうデイやすむ」と届きました。", (), ["けいこ"], ["母から「", "、きょうデイやすむ"]),
    # a family name with a role after it
    ("往診の坂井ドクターが引退します。", (), ["坂井"], ["往診の", "ドクターが引退"]),
    ("訪問介護の上原ヘルパーさんが辞めました。", (), ["上原"], ["訪問介護の", "ヘルパーさんが"]),
    ("電話に出た堀という職員に切られました。", (), ["堀"], ["電話に出た", "という職員に"]),
    # initials signing the letter
    ("窓口を増やして。（Ｍ・Ｋ）", (), ["Ｍ・Ｋ"], ["窓口を増やして。"]),
    ("紙おむつを。\nY.T", (), ["Y.T"], ["紙おむつを。"]),
    ("以上\nT・K生", (), ["T・K"], ["以上"]),
    # a name after a title in a bracketed heading line
    ("【緑が丘町内会 会長 石黒】\nサロンに補助を。", (), ["石黒"], ["会長", "サロンに補助を。"]),
    # a name in Latin letters after 「by」
    ("英語の案内を増やして。by Kenji Watanabe", (), ["Kenji", "Watanabe"], ["英語の案内"]),
]


@pytest.mark.parametrize("text,names,secrets,kept", LEAKS)
def test_qa16_leak_is_masked(text, names, secrets, kept):
    assert_masked(text, names, secrets, kept)


@pytest.mark.parametrize("text", [
    "県議会議員の大川氏が提案した補助を検討してください。",
    "市長の小林氏の公約です。",
    "田中市長の判断を支持します。",
    "グループホームたかはしのような施設を。",
    "長谷川式認知症スケールで評価します。",
    "市民センター2階の第1会議室で説明会を。",
    "第9期の保険料は6,200円、令和8年度。P.15、28.4%、5,321人。",
    "「ありがとう、助かりました」と言われました。",
    "「お母さん、見て」と言いました。",
    "介護ヘルパーさんが足りません。",
    "在宅ドクターが少ない。",
    "団地の1-2月の行事です。",
    "by the way, 予算は？",
])
def test_qa16_kept(text):
    assert mask_personal_data(text) == text


def test_a_line_of_nothing_but_a_masked_account_or_id_number_is_dropped_from_the_summary():
    from cluster.mask import drop_masked_lines, only_masks

    masked = mask_personal_data("駐輪場を増やしてください。\n口座：普通 7654321\n旅券番号 TK1234567")
    assert only_masks("口座：普通 ［口座番号］") and only_masks("旅券番号 ［番号］")
    assert drop_masked_lines(masked).strip() == "駐輪場を増やしてください。"
    assert not only_masks("口座番号の確認をお願いします")
