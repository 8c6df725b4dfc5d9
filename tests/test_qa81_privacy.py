"""QA81: personal data of small businesses, elderly letter writers and car owners that reached the published files.

The texts were written for these tests (an imagined city; every name, number and address invented).
"""
from __future__ import annotations

import pytest

from conftest import assert_masked


@pytest.mark.parametrize("text, secrets, kept", [
    # a ゆうちょ account: 記号 and 番号, the labels kept
    ("振込先：ゆうちょ銀行 記号10120 番号12345671", ["10120", "12345671"], ["ゆうちょ銀行 記号", "番号"]),
    # number plates with a region in hiragana, after a particle too
    ("私の車はみなと ３３０ ふ ５６－７８ ですが、変更届をオンライン化してください。", ["５６－７８", "３３０ ふ"],
     ["変更届をオンライン化"]),
    ("駐車場の定期券を簡単に。車はなにわ 300 あ 12-34 です。", ["12-34"], ["駐車場の定期券"]),
    # an address of kanji numerals joined by ノ
    ("買い物に行けません。\nみなと市東町五ノ三ノ十一\n山田", ["五ノ三ノ十一"], ["買い物に行けません"]),
    # a room in a care house
    ("母はケアハウスひまわり荘の305号室に入所しています。", ["305号室"], ["ケアハウスひまわり荘"]),
    # kanji phones with the area code in brackets, or の between the parts
    ("電話は（〇四五）二二三―四五六七です。", ["二二三", "四五六七"], ["電話は"]),
    ("連絡は〇八〇の九八七六の五四三二までお願いします。", ["九八七六", "五四三二"], ["までお願いします"]),
    # LINE friend links
    ("友だち追加はこちら https://line.me/ti/p/Ab3dEf9Xy1 です。", ["Ab3dEf9Xy1"], ["友だち追加はこちら"]),
    ("QR: LINE://ti/p/~kudo.makoto", ["kudo.makoto"], ["QR"]),
    # a child's name with its reading in brackets
    ("息子の大翔（はると）が通う通学路に歩道を。", ["大翔", "はると"], ["通う通学路に歩道を"]),
    ("長女の陽葵（ひまり）と公園に行きます。", ["陽葵", "ひまり"], ["公園に行きます"]),
])
def test_published_texts_leave_no_such_personal_data(text, secrets, kept):
    assert_masked(text, secrets=secrets, kept=kept)


@pytest.mark.parametrize("text", [
    "息子の学校（ひがし）に通う道が暗いです。",  # a common noun with a reading is no name
    "母の病気（しんぞう）は重いです。",
    "予算は 300 万円を超えます。",
    "第一章の三ノ二の記述を直してください。",  # no place before the numbers
    "記号の番号について説明してください。",
])
def test_what_only_looks_like_it_stays(text):
    assert_masked(text, kept=[text.rstrip("。")])
