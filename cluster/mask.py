"""Mask personal data in everything that is published.

Public comments carry phone numbers, e-mail addresses, postal codes, street addresses,
individual numbers (マイナンバー, 12 digits) and names. Patterns accept full-width and
half-width digits and the many hyphens Japanese text uses, so 「０３－１２３４－５６７８」 is
masked as surely as 「03-1234-5678」. Working files keep the original text for staff; only
the report is masked.

Names are found three ways:

* after a label (氏名：/名前：/お名前：/Name:/提出者：): only the name is replaced, so
  「（氏名：斎藤 真一）」 keeps its closing bracket and 「氏名：山田太郎です」 its 「です」;
* the submitters' own names (the 氏名 column), with any whitespace (half-width, full-width or
  none) where the name splits into family and given name: 「山田 太郎」 also masks 「山田太郎」
  and 「山田　太郎」; the family name alone is masked before a space, the end, 様/さん/です/より;
* names that UniDic (fugashi + unidic-lite, the project's ``Tokenizer``) tags as person names
  (名詞,固有名詞,人名,姓 / 名), never guessed from the characters:
  - a family name followed by a given name (人名,姓 then 人名,名, spaces allowed between),
    anywhere in the text;
  - a line that holds nothing but a person's name (a signature block: 「渡辺 次郎」,
    「（田中一郎）」); a family name alone on a line only as the letter's last line or after a
    closing (敬具, 以上 …) or a masked contact line;
  - a family name introducing or signing the writer or addressing a person: before
    です/と申します/より/拝/様/さん/氏/先生 …, or after 在住/在勤/在学 (「市民の田中です。」,
    「東町在住　佐藤」).

  Deliberate choice (privacy first): a 姓+名 pair inside an opinion sentence is masked too,
  so a historical or public figure (「田中角栄元首相の…」) also becomes ［氏名］. Telling a
  public figure from a private person needs knowledge the tool does not have; losing a
  famous name in a published summary costs little, publishing a private person's name
  cannot be undone. A family name alone inside a sentence (「田中地区」, 「高橋の下」) is
  left as written unless one of the contexts above makes it a person, and so is a 姓+名 pair
  followed directly by a noun other than a title (「森田東会館」「中川南公園」「岡田東児童館」 are
  facilities whose names UniDic splits into name-like parts; 「田中太郎議員」 is still masked).

``drop_masked_lines`` then removes from a published summary the lines that held nothing but
personal data (a signature or contact line).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .normalize import CLOSING_WORDS, CONTACT_LABELS, NAME_LABELS

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
]


# ------------------------------------------------------------------ names

# A character of a name: letters of any script (kanji, kana, Latin, full width), ・ and 々,
# never digits, spaces, brackets or punctuation.
_NAME_CHAR = r"(?:[^\W\d_]|[・･])"
_LABEL_NAME_RE = re.compile(
    rf"((?:氏名|名前|お名前|Name|NAME|name|提出者)\s*[:：]\s*)({_NAME_CHAR}{{1,20}})"
    rf"(?:([^\S\n]+)({_NAME_CHAR}{{1,10}}))?"
)
# Words after a name that are not part of it: 「山田太郎です」「田中と申します」「鈴木様より」.
_NAME_TAIL = r"(?:です|でございます|でござる|と申し|と言い|といい|より|拝|様|さま|さん|殿|氏|君|くん|ちゃん|先生)"
_NAME_TAIL_RE = re.compile(_NAME_TAIL)
_AFTER_SURNAME_RE = re.compile(rf"[^\S\n]*{_NAME_TAIL}")
# Words that start the next contact field, not a given name: 「氏名：山田 電話：…」.
_FIELD_WORD_RE = re.compile(f"(?:{'|'.join(CONTACT_LABELS)})")
# Lines after which a lone family name is a signature.
_CLOSING_RE = re.compile(rf"(?:{'|'.join(CLOSING_WORDS)}|拝|よろしくお願い|宜しくお願い|お願い(?:いた|致)?します)[。．.\s]*$")
_RESIDENT_WORDS = {"在住", "在勤", "在学"}
# Nouns that may follow a person's name directly (「田中太郎議員」); any other noun right after a
# 姓+名 pair makes it part of a place or facility name (「森田東会館」「中川南公園」).
_PERSON_TITLES = {"議員", "市長", "町長", "村長", "区長", "知事", "首相", "大臣", "氏", "先生", "教授", "委員",
                  "委員長", "会長", "社長", "理事長", "代表", "議長", "市議", "県議", "弁護士", "医師", "監督",
                  "選手", "容疑者", "被告", "元", "前", "現"}
_HONORIFICS = {"さん", "様", "さま", "君", "くん", "ちゃん", "氏", "殿"}
_BRACKETS_OPEN = "（(「『【〔［["
_BRACKETS_CLOSE = "）)」』】〕］]"
_SIGN_TAIL = {"より", "拝", "記", "。", "．", "."}

_TOKENIZER = None


@dataclass
class _Tok:
    start: int
    end: int
    surface: str
    pos1: str
    pos2: str
    person: str  # "姓", "名", another 人名 tag, or "" when UniDic does not tag a person name


def _tokens(text: str) -> list[_Tok]:
    """UniDic tokens of ``text`` with their offsets (spaces and newlines are dropped); none at all
    when UniDic finds no person name in it."""
    global _TOKENIZER
    if _TOKENIZER is None:
        from .tokenize import Tokenizer

        _TOKENIZER = Tokenizer()
    # The surface and the raw feature string only: the named feature tuple costs more than
    # tagging, and most texts name nobody.
    words = [(w.surface, w.feature_raw) for w in _TOKENIZER.tagger(text)]
    if not any(",人名," in raw for _, raw in words):
        return []
    out = []
    pos = 0
    find = text.find
    for surface, raw in words:
        start = find(surface, pos)
        if start < 0:  # never expected: MeCab's surfaces are slices of the input
            continue
        pos = start + len(surface)
        fields = raw.split(",", 4)
        pos1 = fields[0]
        if pos1 == "空白" or not surface.strip():
            continue
        pos2 = fields[1] if len(fields) > 1 else ""
        person = fields[3] if len(fields) > 3 and fields[2] == "人名" else ""
        out.append(_Tok(start, pos, surface, pos1, pos2, person))
    return out


def _name_head(part: str) -> tuple[str, str]:
    """Split 「山田太郎です」 into the name and what follows it (「です」); UniDic decides where
    the name ends, and only a known tail (です, と申します, 様 …) is kept out of the mask, so a
    given name that looks like a particle (田中はな) stays masked."""
    for tok in _tokens(part)[1:]:
        if tok.person in ("姓", "名"):
            continue
        if _NAME_TAIL_RE.match(part, tok.start):
            return part[:tok.start], part[tok.start:]
    return part, ""


def _mask_labelled_name(m: re.Match) -> str:
    label, first, space, second = m.group(1), m.group(2), m.group(3), m.group(4)
    name, tail = _name_head(first)
    rest = f"{space}{second}" if second else ""
    if second and not tail and not _FIELD_WORD_RE.match(second):
        toks = _tokens(name)
        # A family name alone (「佐藤 花子」) or a name UniDic does not know / Latin
        # (「Taro Suzuki」): the next word is the rest of the name.
        if not any(t.person == "名" for t in toks):
            _, tail2 = _name_head(second)
            rest = tail2
    return label + MASKS["name"] + tail + rest


def _split_submitter(name: str) -> list[str]:
    """The parts of a submitter's name: where they wrote a space, else where UniDic puts the
    boundary between family and given name (「山田太郎」 -> 山田 / 太郎)."""
    parts = [p for p in re.split(r"\s+", name.strip()) if p]
    if len(parts) == 1:
        toks = _tokens(parts[0])
        if (len(toks) >= 2 and toks[0].person == "姓" and all(t.person == "名" for t in toks[1:])
                and toks[0].start == 0 and toks[-1].end == len(parts[0])):
            cut = toks[1].start
            parts = [parts[0][:cut], parts[0][cut:]]
    return parts


@lru_cache(maxsize=4096)
def _submitter_patterns(name: str) -> tuple[re.Pattern, re.Pattern | None]:
    parts = _split_submitter(name)
    whole = re.compile(r"[^\S\n]*".join(re.escape(p) for p in parts))
    family = None
    if len(parts) > 1 and len(parts[0]) >= 2:
        family = re.compile(re.escape(parts[0]) + rf"(?=\s|$|{_NAME_TAIL})")
    return whole, family


def _is_closing_or_contact(line: str) -> bool:
    line = line.strip()
    return bool(_CLOSING_RE.search(line)) or any(mask in line for mask in MASKS.values())


def _unknown_given_name(line: str, core: list[_Tok]) -> bool:
    """A family name then a given name UniDic does not know (「佐藤 柚希」 reads as 佐藤 + 柚 +
    希): after a space anything short that is not punctuation; written together only pieces that
    are names, suffixes or single characters, so 「田中地区」 and 「高橋小学校」 stay."""
    rest = core[1:]
    if any(t.pos1 in ("補助記号", "記号") for t in rest):
        return False
    if line[core[0].end:rest[0].start].strip() == "" and rest[0].start > core[0].end:
        return True  # separated by a space
    return all(t.person or t.pos1 == "接尾辞" or len(t.surface) == 1 for t in rest)


def _line_name_spans(line: str, toks: list[_Tok], after_closing: bool, last: bool) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    # A line that is only a name (a signature): brackets and より/拝 around it allowed.
    core = list(toks)
    while core and core[0].surface in _BRACKETS_OPEN:
        core.pop(0)
    while core and (core[-1].surface in _BRACKETS_CLOSE or core[-1].surface in _SIGN_TAIL):
        core.pop()
    if core and core[0].person == "姓":
        names = [t for t in core if t.person]
        rest = [t for t in core if not t.person]
        length = core[-1].end - core[0].start
        if len(names) == len(core) and len(core) >= 2 and length <= 16:
            spans.append((core[0].start, core[-1].end))
        elif len(core) == 1 and (last or after_closing):
            spans.append((core[0].start, core[0].end))
        elif (last or after_closing) and length <= 10 and _unknown_given_name(line, core):
            spans.append((core[0].start, core[-1].end))
    for i, tok in enumerate(toks):
        if tok.person != "姓":
            continue
        j = i + 1
        while j < len(toks) and toks[j].person == "名" and not line[toks[j - 1].end:toks[j].start].strip("\u3000 \t"):
            j += 1
        if j > i + 1:  # family name + given name
            nxt = toks[j] if j < len(toks) else None
            end = toks[j - 1].end
            if (nxt is not None and nxt.start == end and nxt.pos1 == "名詞" and not nxt.person
                    and nxt.surface not in _PERSON_TITLES):
                after = toks[j + 1] if j + 1 < len(toks) else None
                if after is None or after.surface not in _HONORIFICS:
                    continue  # a place or facility name made of name-like parts, not a person
                end = nxt.end  # a given name UniDic cut in two (「中村敬男さん」: 敬 + 男)
            spans.append((tok.start, end))
            continue
        prev = toks[i - 1].surface if i else ""
        if prev in _RESIDENT_WORDS or _AFTER_SURNAME_RE.match(line, tok.end):
            spans.append((tok.start, tok.end))
    return spans


@lru_cache(maxsize=1 << 13)  # campaigns repeat the same letter; the report and the labels mask it both
def _mask_person_names(text: str) -> str:
    """Mask the person names UniDic finds (see the module docstring for the rules)."""
    toks = _tokens(text)
    if not any(t.person for t in toks):
        return text
    # Line by line: a signature is a line of its own.
    lines: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    nonempty = [k for k, (a, b) in enumerate(lines) if text[a:b].strip()]
    last_line = nonempty[-1] if nonempty else -1
    spans: list[tuple[int, int]] = []
    previous = ""
    i = 0
    for k, (a, b) in enumerate(lines):
        line = text[a:b]
        line_toks = []
        while i < len(toks) and toks[i].start < b + 1:
            if toks[i].end <= b:  # a token never spans lines, but stay safe
                t = toks[i]
                line_toks.append(_Tok(t.start - a, t.end - a, t.surface, t.pos1, t.pos2, t.person))
            i += 1
        if not line.strip():
            continue
        if any(t.person for t in line_toks):
            spans += [(a + s0, a + e0) for s0, e0 in
                      _line_name_spans(line, line_toks, _is_closing_or_contact(previous), k == last_line)]
        previous = line
    if not spans:
        return text
    merged: list[list[int]] = []
    for s0, e0 in sorted(spans):
        if merged and s0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e0)
        else:
            merged.append([s0, e0])
    for s0, e0 in reversed(merged):
        text = text[:s0] + MASKS["name"] + text[e0:]
    return text


def mask_personal_data(text: str, names: Iterable[str] = (), person_names: bool = True) -> str:
    """Replace personal data with labels such as ［電話番号］; ``names`` are known submitters.

    ``person_names`` also masks the names UniDic tags as person names (signatures,
    self-introductions, 姓+名 anywhere); see the module docstring."""
    if not text:
        return text
    for kind, rx in _PATTERNS:
        text = rx.sub(MASKS[kind], text)
    text = _LABEL_NAME_RE.sub(_mask_labelled_name, text)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        whole, family = _submitter_patterns(name)
        text = whole.sub(MASKS["name"], text)
        if family is not None:
            text = family.sub(MASKS["name"], text)
    if person_names:
        text = _mask_person_names(text)
    return text


# What may stand next to masked data on a contact or signature line: labels, separators, brackets.
_CONTACT_FILLER_RE = re.compile(
    rf"({'|'.join(CONTACT_LABELS + NAME_LABELS)}|〒|[:：()（）・/／,，、\-－\s\u3000])")


def drop_masked_lines(text: str) -> str:
    """The published summary without lines that held nothing but personal data.

    After masking, a signature or contact line reads 「［氏名］　［郵便番号］ ［住所］　電話 ［電話番号］」:
    it says nothing about the opinion, so the report leaves it out (``opinions.csv`` keeps
    the original). A line with any other word stays; a text made only of such lines is kept.
    """
    lines = text.split("\n")
    marks = set(MASKS.values())

    def only_masks(line: str) -> bool:
        rest = line
        if not any(m in rest for m in marks):
            return False
        for m in marks:
            rest = rest.replace(m, "")
        return not _CONTACT_FILLER_RE.sub("", rest).strip()

    kept = [line for line in lines if not only_masks(line)]
    if not any(line.strip() for line in kept):
        return text
    out = "\n".join(kept)
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", out).strip("\n \u3000")
