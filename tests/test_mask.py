"""Masking personal data in published text (cluster.mask)."""
from __future__ import annotations

import pytest

from cluster.mask import MASKS, mask_personal_data
from conftest import PERSONAL_INLINE, PERSONAL_TEXT

CASES = [
    # (kind, text with personal data, the personal part)
    ("phone", "連絡先は090-1234-5678です。", "090-1234-5678"),
    ("phone", "連絡先は０３－１２３４－５６７８です。", "０３－１２３４－５６７８"),
    ("phone", "電話は(03)1234-5678までお願いします。", "(03)1234-5678"),
    ("phone", "携帯 09012345678 に連絡ください。", "09012345678"),
    ("phone", "電話は０９０１２３４５６７８です。", "０９０１２３４５６７８"),
    ("email", "メールは taro.yamada@example.jp です。", "taro.yamada@example.jp"),
    ("email", "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏｍ に返信ください。", "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
    ("postal", "〒123-4567 に送ってください。", "〒123-4567"),
    ("postal", "〒１２３－４５６７ に送ってください。", "〒１２３－４５６７"),
    ("address", "住所 さくら市東町1丁目2番3号 の者です。", "さくら市東町1丁目2番3号"),
    ("address", "自宅（さくら市東町1丁目2番3号）の前の道です。", "さくら市東町1丁目2番3号"),
    ("address", "千代田区霞が関1-2-3に住んでいます。", "千代田区霞が関1-2-3"),
    ("address", "みどり市西町２丁目５番地の者です。", "みどり市西町２丁目５番地"),
    ("number", "マイナンバーは123456789012です。", "123456789012"),
    ("number", "個人番号 1234 5678 9012 を書きました。", "1234 5678 9012"),
]


@pytest.mark.parametrize("kind,text,secret", CASES)
def test_each_kind_is_masked(kind, text, secret):
    # exactly the personal part is replaced, the rest of the sentence is kept
    assert mask_personal_data(text) == text.replace(secret, MASKS[kind])


def test_words_before_an_address_are_kept():
    text = "私はさくら市東町1丁目2番3号に住んでいます。"
    assert mask_personal_data(text) == "私は［住所］に住んでいます。"


def test_phone_with_three_digit_area_code():
    text = "TEL 045-123-4567 までお願いします。"
    assert mask_personal_data(text) == "TEL ［電話番号］ までお願いします。"


@pytest.mark.parametrize("text,name", [
    ("氏名：山田太郎\n公園を広くしてほしい。", "山田太郎"),
    ("名前: 佐藤 花子\n図書館を新しくしてほしい。", "花子"),
    ("Name: Taro Suzuki\n駐輪場を増やして。", "Taro"),
    ("お名前：鈴木一郎", "鈴木一郎"),
])
def test_names_after_a_label_are_masked(text, name):
    masked = mask_personal_data(text)
    assert name not in masked
    assert MASKS["name"] in masked
    assert masked.split(MASKS["name"])[0] in text  # the label itself stays


def test_known_submitter_names_are_masked_anywhere():
    masked = mask_personal_data("公園の件は山田太郎が以前にも申し上げました。山田 様へ", names=["山田 太郎", "山田太郎"])
    assert "山田太郎" not in masked
    assert MASKS["name"] in masked


def test_the_fixture_letters_are_masked():
    masked = mask_personal_data(PERSONAL_TEXT)
    for secret in ("山田太郎", "090-1234-5678", "taro.yamada@example.jp", "123-4567", "東町1丁目2番3号"):
        assert secret not in masked
    assert "公園にドッグランを作ってください。" in masked
    masked = mask_personal_data(PERSONAL_INLINE)
    for secret in ("123456789012", "０３－１２３４－５６７８", "taro.yamada@example.jp"):
        assert secret not in masked
    assert "図書館の予約システムが使いにくいです。" in masked


@pytest.mark.parametrize("text", [
    "施行日は2026年10月1日とすべきです。",
    "令和8年4月1日から実施してください。",
    "第3条の規定を見直してください。",
    "計画案の7頁の図が読みにくいです。",
    "47頁以降の資料編は不要です。",
    "使用料を1,234円から2,000円に上げるのは反対です。",
    "利用者が1.5倍になる見込みです。",
    "会議は10時30分から始まります。",
    "参加者は120名、予算は3億5000万円です。",
    "平成30年度の来館者は123,456人でした。",
    "資料は2026-10-01付けで公表されました。",
    "別添1の表2-3を見てください。",
    "国道16号の渋滞対策をお願いします。",
    "公園の遊具を新しくしてください。",
    "",
])
def test_ordinary_text_is_untouched(text):
    assert mask_personal_data(text) == text


def test_masking_is_idempotent():
    once = mask_personal_data(PERSONAL_TEXT)
    assert mask_personal_data(once) == once
