"""Comparison text: what two opinions must share to count as the same words.

The original text is always kept; this only builds the key used for duplicate detection
and embedding. NFKC folds full-width digits and letters, spaces are removed (Japanese does
not need them and form letters differ in them), stock greetings and closing lines go, and
a trailing signature line (「東町在住　山田」) is dropped.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_GREETINGS = [
    r"いつも(大変)?お世話になって(おり|い)ます[。．]?",
    r"お世話になって(おり|い)ます[。．]?",
    r"はじめまして[。．、]?",
    r"初めまして[。．、]?",
    r"(以下|下記)の(とおり|通り)(、)?意見を(提出|申し上げ)(いた)?します[。．]?",
    r"意見を(提出|申し上げ)(いた)?します[。．]?",
    r"^[^\n。]{0,30}(について|に対して|に対し)、?(以下の|次の)?(とおり|通り)?、?(意見|コメント)を(述べ|提出し|提出いたし|申し上げ|送り|お送りし)ます[。．]?",
    r"以上(、)?(どうぞ)?(よろしく|宜しく)お願い(いた|致)?し?ます[。．]?",
    r"(どうぞ)?(よろしく|宜しく)お願い(いた|致)?し?ます[。．]?",
    r"ご?検討(の程|のほど)?(を)?(よろしく|宜しく)?お願い(いた|致)?し?ます[。．]?",
    r"以上です[。．]?",
    r"^[^\n。]{0,30}(御中|様|殿)\s*$",
    r"(計画案|案|素案|資料)を拝見し(まし)?た?[、。]?",
    r"(以下|下記|次)の?\s*[0-9一二三四五六七八九十]*\s*(点|項目|件)?(について|に関して|を|の)?、?\s*(ご?意見|コメント)?を?(申し上げ|述べ|提出|挙げ|送り|お送りし)(いた|致)?(し)?ます[。．]?",
    r"気にな(った|る)点を(挙げ|述べ|申し上げ)ます[。．]?",
    r"^以上[。．]?$",
]
_GREETING_RE = re.compile("|".join(f"(?:{g})" for g in _GREETINGS), re.MULTILINE)
# A short last line that names a person or place, not a sentence: 「東町在住　山田」「（山田太郎）」
_SIGNATURE_RE = re.compile(
    r"\n\s*[（(]?[^\n。．！？!?]{0,20}(在住|在勤|在学|より|拝|氏名|名前)[^\n。．！？!?]{0,12}[）)]?\s*$"
)
# Contact lines that head a letter: personal data, never part of the opinion.
_CONTACT_LINE_RE = re.compile(
    r"^\s*(氏名|名前|お名前|住所|ご住所|電話|電話番号|TEL|Tel|FAX|メール|E-?mail|e-?mail|連絡先|年齢|性別|職業|所属)\s*[:：].*$",
    re.MULTILINE,
)
_SPACE_RE = re.compile(r"\s+")
_PUNCT_FOLD = str.maketrans({"!": "！", "?": "？"})
# After NFKC, 「．」 and 「，」 are "." and ","; fold them to 。 and 、 except inside numbers (1.5, 1,234).
_PERIOD_RE = re.compile(r"(?<![0-9A-Za-z])\.|\.(?![0-9A-Za-z])")  # keep 1.5, example.jp
_COMMA_RE = re.compile(r"(?<![0-9]),|,(?![0-9])")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# Campaigns repeat the same texts many times: both functions below are cached (bounded).
_CACHE_SIZE = 1 << 17


@lru_cache(maxsize=_CACHE_SIZE)
def comparison_text(text: str) -> str:
    """Normalised text for duplicate keys and embeddings (original kept elsewhere)."""
    text = nfkc(text).replace("\r\n", "\n")
    text = _CONTACT_LINE_RE.sub("", text)
    text = _SIGNATURE_RE.sub("", text)
    text = _GREETING_RE.sub("", text)
    text = text.translate(_PUNCT_FOLD)
    text = _COMMA_RE.sub("、", _PERIOD_RE.sub("。", text))
    text = _SPACE_RE.sub("", text)
    return text.strip("、。 ")


def display_text(text: str) -> str:
    """Text for the published table: the opinion without greetings, contact lines and signature.

    Original characters are kept (no NFKC); when nothing would be left, the text is kept whole.
    """
    original = text.replace("\r\n", "\n").strip()
    text = _CONTACT_LINE_RE.sub("", original)
    text = _SIGNATURE_RE.sub("", "\n" + text)
    text = _GREETING_RE.sub("", text)
    text = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text).strip(" \n\u3000、")
    return text if any(ch.isalnum() for ch in text) else original


def content_hash(text: str, length: int = 12) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


@lru_cache(maxsize=_CACHE_SIZE)
def is_empty_opinion(text: str) -> bool:
    """Nothing to cluster: blank, punctuation only, or a stock 'no comment'."""
    key = comparison_text(text)
    if not key or not any(ch.isalnum() for ch in key):
        return True
    return key in {"特になし", "特にありません", "なし", "ありません", "意見なし", "特に意見はありません", "とくになし"}
