"""Masking leaks found by the QA14 privacy review (cluster.mask); invented sentences."""
from __future__ import annotations

import pytest

from cluster.mask import MASKS, mask_personal_data

NAME = MASKS["name"]

# (text, secret that must be gone, words that must stay)
LEAKS = [
    # children's names after a kinship word
    ("妹のあかり（4歳）が転びました。", "あかり", ["妹の", "（4歳）が"]),
    ("娘のひなた（6歳）がよく遊びます。", "ひなた", ["娘の", "（6歳）"]),
    ("次男の健太（西小2年）が通っています。", "健太", ["次男の"]),
    ("次男の健太（西小2年）が通っています。", "西小", ["次男の"]),
    ("うちの子のゆいと（小2）が喜びます。", "ゆいと", ["うちの子の", "（小2）"]),
    ("長女・かえでのために日陰がほしい。", "かえで", ["長女・", "のために"]),
    ("息子・みなとのために砂場を。", "みなと", ["息子・", "のために"]),
    # a phone number in kanji numerals
    ("連絡先は〇八〇‐九八七六‐五四三二です。", "九八七六", ["連絡先は", "です"]),
    ("電話番号は〇四六七‐二二‐三三四四です。", "三三四四", ["電話番号は"]),
    # staff names and contacts
    ("ベンチを置きます。担当：道路課　中村　電話 0467-11-2222", "中村", ["ベンチを置きます。", "道路課"]),
    ("回答者：道路課長 森田 陽子", "陽子", ["道路課長"]),
    ("回答者：道路課長 森田 陽子", "森田", []),
    ("記入者：道路課 中村 ０４６７－１１－２２２２", "中村", ["道路課"]),
    ("記入者：道路課 中村 ０４６７－１１－２２２２", "２２２２", ["道路課"]),
    ("担当の中村（内線2345）に伝えました。", "中村", ["担当の", "内線"]),
    ("担当の中村に伝えました。", "中村", ["担当の", "に伝えました"]),
    ("道路課の小川課長にお願いしました。", "小川", ["道路課の", "課長に"]),
    # a self-introduction after an address
    ("みどり市西町4-5-6の佐藤です。歩道を広げてください。", "佐藤", ["です。歩道"]),
    ("西町の佐藤です。歩道を広げてください。", "佐藤", ["西町の", "です。"]),
    ("みどり市西町4-5-6の山口です。歩道を広げてください。", "山口", ["です。歩道"]),
    ("北町の山口です。歩道を広げてください。", "山口", ["北町の", "です。歩道"]),
    # car plates, an SNS id after a blank, a date of birth before 生まれ
    ("駐車場に練馬 300 あ 56-78 がいつも停まっている。", "56-78", ["駐車場に", "がいつも"]),
    ("インスタ midori_t0101 で発信中です。", "midori_t0101", ["インスタ", "で発信中"]),
    ("昭和58年7月9日生まれです。", "7月9日", ["生まれです"]),
    ("2015年3月4日生まれの息子がいます。", "3月4日", ["生まれの息子"]),
]


@pytest.mark.parametrize("text,secret,kept", LEAKS)
def test_qa14_leak_is_masked(text, secret, kept):
    out = mask_personal_data(text)
    assert secret not in out, out
    for word in kept:
        assert word in out, out


@pytest.mark.parametrize("text,names,expected", [
    # the whole address goes, kanji lot number too
    ("みどり市西町四丁目八番地三に住んでいます。", [], "［住所］に住んでいます。"),
    # a company is no person, even when a submitter gave only that family name
    ("㈲小野商店の前の道が暗い。", ["小野"], "㈲小野商店の前の道が暗い。"),
    ("㈱小野建設が工事をしています。", ["小野"], "㈱小野建設が工事をしています。"),
    ("小野工務店さんの車です。", ["小野"], "小野工務店さんの車です。"),
    ("小野です。", ["小野"], "［氏名］です。"),
    # the department after a label stays, the name goes
    ("記入者：道路課 中村", [], "記入者：道路課 ［氏名］"),
    ("回答者：道路課長 森田 陽子", [], "回答者：道路課長 ［氏名］"),
    ("氏名：岡部 花子", [], "氏名：［氏名］"),
])
def test_qa14_false_masks(text, names, expected):
    assert mask_personal_data(text, names) == expected


@pytest.mark.parametrize("text", [
    "施行は令和7年4月1日からです。",
    "2025年度の予算は1,200万円、利用者は12,345人です（7頁、第3条第2項）。",
    "国道16号とさくら大橋の間です。",
    "娘の友達（7歳）も遊びます。",
    "息子のともだち（小3）も来ます。",
    "娘のために日陰がほしい。",
    "担当の課に伝えました。",
    "田中市長の判断を支持します。",
    "2010年生まれの子がいます。",
    "インスタ では見ました。",
    "Instagram Reels で見ました。",
    "資料 10 の 12-15頁を見てください。",
    "平成25年4月2日生まれ以降の子どもが対象です。",
    "平成25年4月2日生まれの方が対象です。",
    "二〇二五年の計画です。",
    "総務課長の説明を聞きました。",
])
def test_qa14_stays(text):
    assert mask_personal_data(text) == text
