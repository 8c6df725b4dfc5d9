"""QA72: children's and families' personal data in a 子育て支援計画's comments. A child named before an age or
school year in brackets (with a kinship word right before or none: 「息子ケンジ（小2）」「りお（3さい）は」), a
full name in a kinship bracket with a blank (「娘（佐藤 エミリー、みどり小3年）」) and the school beside it, a
katakana name of several parts, a kanji given name before くん, an English 「My son Minh」, a class teacher's name,
phone numbers in kanji numerals with 「・」 or blanks are masked; a child's condition in brackets
(「息子（ひきこもり）」) is no name."""

from __future__ import annotations

import pytest
from conftest import assert_masked


@pytest.mark.parametrize("text, secrets, kept", [
    ("息子ケンジ（小2）が通う学童の話です。", ["ケンジ"], ["息子", "（小2）"]),
    ("りお（3さい）は自閉スペクトラム症と診断されました。", ["りお"], ["（3さい）は"]),
    ("大翔（小1）と結菜（年長）の二人を育てています。", ["大翔", "結菜"], ["（小1）と", "（年長）"]),
    ("私は、ゆい（5歳）の母です。", ["ゆい"], ["（5歳）の母"]),
    ("娘（佐藤 エミリー、みどり小3年）は卵アレルギーです。", ["佐藤", "エミリー", "みどり小"], ["3年）は卵アレルギー"]),
    ("長女（マリア・サントス・中1）は部活を頑張っています。", ["マリア", "サントス"], ["中1"]),
    ("先生と蓮くんが話していました。", ["蓮"], ["くん"]),
    ("My son Minh is 3 years old.", ["Minh"], ["My son", "is 3 years old"]),
    ("My son, Leo, needs a ramp at the nursery.", ["Leo"], ["needs a ramp"]),
    ("みどり小の担任の松本先生が気にかけてくれます。", ["松本"], ["担任の", "先生が"]),
    ("携帯：〇八〇・一一二二・三三四四", ["一一二二", "三三四四"], ["携帯："]),
    ("TEL 〇八〇一一二二三三四四", ["〇八〇一一二二三三四四"], ["TEL"]),
    ("東中2-3の息子が不登校です。", ["東中"], ["2-3の息子"]),
    ("ひかり保育園のぞう組のみくが泣いて帰ってきます。", ["ひかり保育園", "みく"], ["ぞう組の"]),
    ("さくら保育園 ひまわりぐみの ゆいちゃんが", ["さくら保育園", "ゆい"], ["ひまわりぐみの"]),
])
def test_more_personal_data_of_families_is_masked(text, secrets, kept):
    assert_masked(text, secrets=secrets, kept=kept)


@pytest.mark.parametrize("text", ["息子（ひきこもり）のことで相談できる窓口がほしい。", "娘（うつ）の通院に付き添っています。",
                                  "長男（こうこうせい）は部活で忙しい。", "保育園（年長）の送迎が大変です。",
                                  "学童（小1〜3）を増やしてください。", "こども（3さい）のための遊び場", "My son goes to school.",
                                  "市内の2-3か所に設置してください。", "ひかり保育園のぞう組のみんなが喜びます。"])
def test_what_a_relative_is_and_common_words_before_an_age_stay(text):
    assert_masked(text, kept=[text])
