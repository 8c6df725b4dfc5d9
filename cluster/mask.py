"""Mask personal data in everything that is published.

Public comments carry phone numbers, e-mail addresses, postal codes, street addresses,
individual numbers (マイナンバー, 12 digits) and names written as 「氏名：…」. Patterns
accept full-width and half-width digits and the many hyphens Japanese text uses, so
「０３－１２３４－５６７８」 is masked as surely as 「03-1234-5678」. Working files keep
the original text for staff; only the report is masked.
"""
from __future__ import annotations

import re
from typing import Iterable

D = "[0-9０-９]"
HC = r"\-‐－―ー−–—"  # hyphen-like characters seen in phone numbers and postal codes
H = f"[{HC}]"
_KANJI_DIGITS = "一二三四五六七八九十〇"
# Characters of a place name: kanji, katakana and hiragana except particles (は, を, が ...).
_PLACE = "[" + "々〆ヶ\u4e00-\u9fffァ-ヺー" + "".join(
    chr(c) for c in range(ord("ぁ"), ord("ゖ") + 1) if chr(c) not in "はをがにでへとも") + "]"
# ... and が / の / ケ linking two kanji inside a name: 霞が関, 自由が丘, 関ケ原.
_PLACE_OR_LINK = f"(?:{_PLACE}|[がのケヶ](?=[\u4e00-\u9fff]))"

MASKS = {
    "email": "［メールアドレス］",
    "phone": "［電話番号］",
    "postal": "［郵便番号］",
    "address": "［住所］",
    "number": "［個人番号］",
    "name": "［氏名］",
}

_PATTERNS: list[tuple[str, re.Pattern]] = [
    # Half- or full-width (typed with the IME on): ｔａｒｏ＿ｙ＠ｅｘ－ａｍｐｌｅ．ｊｐ.
    ("email", re.compile(r"[A-Za-z0-9._%+\-ａ-ｚＡ-Ｚ０-９＿．％＋－]+[@＠][A-Za-z0-9\-ａ-ｚＡ-Ｚ０-９－]+"
                         r"(?:[.．][A-Za-z0-9\-ａ-ｚＡ-Ｚ０-９－]+)+")),
    # 12-digit individual number (with or without separators), before phone numbers.
    ("number", re.compile(rf"(?<![0-9０-９]){D}{{4}}[\s{HC}]?{D}{{4}}[\s{HC}]?{D}{{4}}(?![0-9０-９])")),
    ("postal", re.compile(rf"〒\s*{D}{{3}}{H}?{D}{{4}}")),
    # Phones: 0 + area code, separators optional; also (03)1234-5678 and +81.
    ("phone", re.compile(
        rf"(?:[+＋][8８][1１][\s{HC}]?|(?<![0-9０-９])[0０])"
        rf"(?:{D}{{1,4}}[\s{HC}]?[(（]?{D}{{1,4}}[)）]?[\s{HC}]?{D}{{3,4}}|{D}{{9,10}})(?![0-9０-９])"
        rf"|[(（][0０]{D}{{1,4}}[)）]\s*{D}{{1,4}}{H}{D}{{3,4}}"
    )),
    # A bare 123-4567 is a postal code only once phone numbers (045-123-4567) are masked.
    ("postal", re.compile(rf"(?<![0-9０-９{HC}]){D}{{3}}{H}{D}{{4}}(?![0-9０-９{HC}])")),
    # Street addresses: a place name followed by a block number (丁目, 番地, 号 or 1-2-3).
    ("address", re.compile(
        rf"(?:{_PLACE_OR_LINK}{{0,12}}?[都道府県])?{_PLACE_OR_LINK}{{1,12}}?[市区町村郡]"
        rf"{_PLACE_OR_LINK}{{0,12}}?"
        rf"(?:[{_KANJI_DIGITS}0-9０-９]+丁目\s*(?:{D}+\s*(?:番地?|{H})\s*)?(?:{D}+\s*号?)?"
        rf"|{D}+\s*番地?\s*(?:{D}+\s*号?)?"
        rf"|{D}+{H}{D}+(?:{H}{D}+)?)"
    )),
    ("name", re.compile(r"((?:氏名|名前|お名前|Name|NAME|name|提出者)\s*[:：]\s*)([^\s、。,，\n]{1,20}(?:[ 　][^\s、。,，\n]{1,10})?)")),
]


def mask_personal_data(text: str, names: Iterable[str] = ()) -> str:
    """Replace personal data with labels such as ［電話番号］; ``names`` are known submitters."""
    if not text:
        return text
    for kind, rx in _PATTERNS:
        if kind == "name":
            text = rx.sub(lambda m: m.group(1) + MASKS["name"], text)
        else:
            text = rx.sub(MASKS[kind], text)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, MASKS["name"])
        # Also the family name alone when written with a space: 「山田 太郎」 -> 山田
        parts = re.split(r"[\s\u3000]+", name)
        if len(parts) > 1 and len(parts[0]) >= 2:
            text = re.sub(re.escape(parts[0]) + r"(?=[\s\u3000]|$|様|さん)", MASKS["name"], text)
    return text
