"""Masking leaks found by the QA15 privacy review (cluster.mask); invented sentences."""
from __future__ import annotations

import pytest

from cluster.labels import find_references
from cluster.mask import MASKS, mask_personal_data
from conftest import assert_masked

NAME = MASKS["name"]

# (text, submitter names, secrets that must be gone, words that must stay)
LEAKS = [
    # a child's given name after a kinship word, no age
    ("息子の蒼は市民病院で治療中です。", (), ["蒼"], ["息子の", "は市民病院で治療中"]),
    ("息子の蒼が遊んでいます。", (), ["蒼"], ["息子の", "が遊んで"]),
    ("娘の凛は毎日通っています。", (), ["凛"], ["娘の", "は毎日"]),
    # the submitter's name with a blank between every character
    ("山 田 花 子です。保育所を増やして。", ("山田 花子",), ["山 田", "花 子"], ["です。保育所"]),
    ("山\u3000田\u3000花\u3000子です。", ("山田 花子",), ["山\u3000田", "花\u3000子"], ["です。"]),
    ("一時預かりを増やしてください。\n中 島 次 郎", ("中島 次郎",), ["中 島", "次 郎"], ["一時預かり"]),
    # account and ID numbers after their labels
    ("口座はみどり銀行本店 普通 7654321 です。", (), ["7654321"], ["口座は", "普通", "です。"]),
    ("口座番号：1234567", (), ["1234567"], ["口座番号"]),
    ("旅券番号TK1234567で届を出しました。", (), ["1234567"], ["旅券番号", "で届を"]),
    ("パスポート番号 AB9876543 です。", (), ["9876543"], ["パスポート番号"]),
    ("保険証の記号番号 12345678-90 の子どもです。", (), ["12345678"], ["保険証の記号番号", "の子どもです"]),
    ("運転免許証番号 第301234567890号の父です。", (), ["301234567890"], ["運転免許証番号", "の父です"]),
    ("受給者番号は0012345です。", (), ["0012345"], ["受給者番号は", "です。"]),
    # a name in Latin letters in an English sentence
    ("My name is Kenji Watanabe. 英語の案内を増やしてください。", (), ["Kenji", "Watanabe"], ["My name is", "英語の案内"]),
    # a home in a 団地 with its room
    ("保育所を増やして。若葉台団地3号棟205号室在住です。", (), ["205"], ["在住です"]),
    ("若葉町1丁目 若葉台団地3号棟205号室", (), ["205", "若葉台"], []),
    # a postal code written with blanks
    ("〒 123 - 4567 みなと市緑町", (), ["4567", "緑町"], []),
    ("〒123 4567", (), ["4567"], []),
    # a relative's full name sharing the submitter's family name
    ("義父の安藤 和夫が農家です。", ("安藤 亮",), ["安藤", "和夫"], ["義父の", "が農家です"]),
    # a phone number cut by a line break
    ("連絡先 090-1234-\n5678", (), ["5678", "1234"], ["連絡先"]),
    ("連絡先 090-\n1234-5678", (), ["5678", "1234"], ["連絡先"]),
    # dates of birth
    ("保育所を。1985年4月12日生の母です。", (), ["4月12日"], ["の母です"]),
    ("H30.7.7生まれの次女がいます。", (), ["30.7.7"], ["生まれの次女"]),
    ("S60.1.2生まれです。", (), ["60.1.2"], ["生まれです"]),
    # a lot number in kanji after 番地
    ("本町二丁目十五番地の三に住んでいます。", (), ["十五番地の三", "の三"], ["に住んでいます"]),
    ("緑町三丁目十五番地之三に住んでいます。", (), ["之三"], ["に住んでいます"]),
]


@pytest.mark.parametrize("text,names,secrets,kept", LEAKS)
def test_qa15_leak_is_masked(text, names, secrets, kept):
    assert_masked(text, names, secrets, kept)


@pytest.mark.parametrize("text", [
    "息子の学校が遠いです。",
    "娘の友達と遊びます。",
    "息子の心が傷つきました。",
    "娘の話を聞いてください。",
    "息子の部屋は狭い。",
    "予算は123456789012円です。",
    "事業費は1,200万円、年間利用者12,345人、第3条、7頁。",
    "口座振替の普通預金で払えるようにしてください。",
    "令和8年度予算 12億円を計上。",
    "山本知事と木下議員と田中市長に要望します。",
    "2030年度までに県立中央病院を建て替えて。",
    "私は38才です。",
])
def test_qa15_kept(text):
    assert mask_personal_data(text) == text


def test_an_amount_in_yen_is_no_individual_number():
    for text in ("予算は123456789012円", "総額123456789012万円の計画", "1234 5678 9012億円"):
        assert MASKS["number"] not in mask_personal_data(text), text


def test_a_licence_number_is_no_draft_reference():
    assert find_references("運転免許証番号 第301234567890号の父です。") == []
    assert find_references("免許証番号 第1234号") == []
    assert find_references("第3号の規定に反対です。") == ["第3号"]
    assert find_references("第12345号") == []


# not promised by the QA list, decided here (README): a maiden name, a school beside a class, a child's nickname
EXTRA = [
    ("私（旧姓：小野寺）は転入者です。", ["小野寺"], ["旧姓：", "）は転入者"]),
    ("旧姓の長谷部で手続きしました。", ["長谷部"], ["旧姓の", "で手続き"]),
    ("息子はみなと市立桜ヶ丘小学校3年2組です。", ["桜ヶ丘"], ["息子は", "3年2組です"]),
    ("娘は東中1年B組です。", ["東中"], ["娘は", "1年B組"]),
    ("近所のたっくんとけんちゃんは遊ぶ場所がありません。", ["たっ", "けん"], ["近所の", "遊ぶ場所"]),
    ("さっちゃんが転びました。", ["さっ"], ["が転びました"]),
]


@pytest.mark.parametrize("text,secrets,kept", EXTRA)
def test_qa15_maiden_name_class_and_nickname(text, secrets, kept):
    assert_masked(text, (), secrets, kept)


@pytest.mark.parametrize("text", [
    "旧姓の使用を認めてください。",
    "ちゃん付けで呼ぶのはやめてほしい。",
    "赤ちゃんとおばあちゃんが使える公園に。",
    "お兄ちゃんやお姉ちゃんと遊べる場所を。",
    "うちのワンちゃんも入れるように。",
    "小学校3年生の娘がいます。",
    "3年2組の保護者です。",
])
def test_qa15_extra_kept(text):
    assert mask_personal_data(text) == text


def test_a_room_after_a_building_number_without_goshitsu_is_masked():
    out = mask_personal_data("みなと市若葉町の若葉台団地3号棟205に住んでいます。団地の集会所で")
    assert "205" not in out and "に住んでいます" in out and "団地の集会所で" in out, out
    assert mask_personal_data("市営住宅3号棟の集会所を直して。") == "市営住宅3号棟の集会所を直して。"
