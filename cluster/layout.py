"""Repairing the layout of letters typed in from a PDF or a scanner (OCR).

A letter that reached the office on paper is often entered by copying the text out of a PDF or an
OCR program. What comes out keeps the page's layout, not the writer's: a line break every 35–40
characters in the middle of words, a sentence's 「。」 alone on the next line, page numbers
(「- 2 -」) and the office's receipt stamp (「令和8年2月3日受付」) between two halves of a sentence,
and OCR reading 「1.」 as 「l.」. The splitter then takes 「- 2 -」 for a bullet, and the
report shows the breaks. (A few spaces between single kanji, 「自 転 車」, are left: closing them up
joined a one-kanji given name to the next word, 「山田 翔　電話」, which the masker then missed; only a
line spaced out character by character is closed up, see below.)

``repair_layout`` undoes these where the evidence is clear, and only there:

- a line that is only a page number (「- 2 -」「－３－」「2/5」) or a receipt stamp (a date and 受付,
  受理 or 収受) is removed, and so is a fax machine's line (「FAX送信票」「送信日時 …」「送信枚数 2枚」, a page's
  header 「2026/05/13 09:03 FAX 0265-33-1029 サトウ商店 P.02/02」, 「P.1/2」);
- in a text whose lines are cut at one width (two lines or more within two characters of the
  widest such line, which is 20 characters or more), a line that fills the width and does not end
  a sentence is joined to the next unless that one opens an item (「(2)」「2.」「①」「・」) or a
  contact line (電話, 〒, 住所 …) and unless either is a line of names (「小川 由美、中村 美咲、…」, a
  joint letter's 名簿: QA50 glued 「佐野 直子山下 智子」); so is a line a page number or stamp followed
  (the page ended in the sentence); a line holding only closing punctuation (「。」「」。」) is joined to the line
  before it in any text;
- 「l.」「(l)」「I.」 opening a line are read as 1 when a later line opens with 2 in the same style,
  and a kanji 「一」 between two katakana is the long vowel mark (「ル一ル」 → 「ルール」); other OCR kanji for katakana
  (口 二 力 工 夕 卜 八 才, 一 ending a word) are read only into a word the dictionary knows (``_read_look_alikes``), a
  kanji zero after a digit and before a digit or a unit as 0;
- a line with a space after every character is closed up (``_closed_up``), and a short line's break inside a word
  is joined whatever the width (``_word_cut``), never after a line that ends a sentence without 「。」.

QA104 (a town's faxes) led to the fax lines, the look-alikes, the spaced lines and the word cuts; QA105, QA107, QA109
and QA110 tempted them with real letters and narrowed each one.

Anything else (a short line, a paragraph's last line, an address line) is left as it was. The
changes are counted (``LayoutRepair``) so the run can say what it did; the input file is not
touched.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .normalize import CONTACT_LABELS, NAME_LABELS
from .split import is_name_list_line, opens_item

__all__ = ["LayoutRepair", "may_need_repair", "repair_layout"]

_DASHES = "-－‐−ー―—–"
# 「- 2 -」「－３－」「— 12 —」「2/5」「2 / 5」「- 2/5 -」 alone on a line
_PAGE_NUMBER_RE = re.compile(
    rf"^[ \t\u3000]*(?:[{_DASHES}][ \t\u3000]*[0-9０-９]{{1,3}}(?:[ \t\u3000]*[/／][ \t\u3000]*[0-9０-９]{{1,3}})?"
    rf"[ \t\u3000]*[{_DASHES}]|[0-9０-９]{{1,3}}[ \t\u3000]*[/／][ \t\u3000]*[0-9０-９]{{1,3}})[ \t\u3000]*$")
# 「令和8年2月3日受付」「2026年2月3日 受理」「R8.2.3受付」「受付 令和8年2月3日」 alone on a line
_DATE = (r"(?:(?:令和|平成|R|Ｒ)[ \t\u3000]*[0-9０-９元]{1,2}[ \t\u3000]*年|(?:19|20)[0-9]{2}[ \t\u3000]*年)?"
         r"[ \t\u3000]*[0-9０-９]{1,2}[ \t\u3000]*月[ \t\u3000]*[0-9０-９]{1,2}[ \t\u3000]*日"
         r"|(?:R|Ｒ|令和)?[0-9０-９]{1,4}[./．][0-9０-９]{1,2}[./．][0-9０-９]{1,2}")
_STAMP_RE = re.compile(
    rf"^[ \t\u3000]*[（(【\[]?[ \t\u3000]*(?:(?:{_DATE})[ \t\u3000]*(?:受付|受理|収受|到着)(?:済み?)?"
    rf"|(?:受付|受理|収受)(?:日)?[ \t\u3000]*[:：]?[ \t\u3000]*(?:{_DATE}))[ \t\u3000]*[）)】\]]?[ \t\u3000]*$")
# a fax machine's lines (QA104: a town's faxes typed in with their banners; 「FAX送信票⏎送信日時 …」 grouped four
# unrelated faxes by their words and was published): the cover sheet's title, the sending time and page count, a
# page's header (「2026/05/13 09:03 FAX 0265-33-1029 サトウ商店 P.02/02」: a time, then a number or a page counter)
# and a page counter 「P.1/2」「P.01」 alone on a line
_S = r"[ \t\u3000]*"
_PHONE = r"(?:0\d{1,4}[-‐－−ー()（）]\d{1,4}[-‐－−ー)）]\d{3,4}|0\d{9,10}|０[０-９－ー（）()]{9,12})"
_PAGE_OF = rf"(?:[PpＰｐ]{_S}[.．]?{_S}[0-9０-９]{{1,3}}{_S}[/／]{_S}[0-9０-９]{{1,3}}|[PpＰｐ]{_S}[.．]{_S}0[0-9]{{1,2}})"
_NO_WORDS = r"[^。ぁ-ゖ]*"  # the rest of a banner line: numbers, names, no sentence (QA105: 「総枚数 3枚までに…やめてほしい。」)
_TIME = r"[0-9０-９]{1,2}(?:[ \t\u3000]*[:：][ \t\u3000]*[0-9０-９]{2}(?![0-9０-９])|時[0-9０-９]{1,2}分?)(?:[ \t]*(?:AM|PM|am|pm))?"
_EN_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zA-Z]*\.?"
_EN_DATE = rf"(?:[0-9]{{1,2}}[- ]{_EN_MONTH}[- ][0-9]{{4}}|{_EN_MONTH}[- ][0-9]{{1,2}},?[- ][0-9]{{4}})"
_COVER = "|".join(_S.join(w) for w in ("送信票", "送付状", "送信状", "送付書")) + "|送信のご案内"
_FAX_LINE_RE = re.compile(
    rf"^{_S}(?:[(（【■□◆]?{_S}(?:FAX|ＦＡＸ|ファクス|ファックス|ファクシミリ)?{_S}(?:{_COVER})"
    rf"{_S}[)）】]?{_S}(?:[（(][^）)]*[）)])?"
    rf"|(?:送信|受信)(?:日時|日|時刻){_S}[:：]?{_S}(?:{_DATE}|{_EN_DATE}){_S}(?:{_TIME})?[^。ぁ-ゖ]{{0,8}}"
    rf"|(?:送信|受信)?(?:総?枚数|ページ数){_S}[:：]?{_S}[0-9０-９]{{1,2}}{_S}(?:枚|ページ|頁){_S}(?:[（(][^）)]*[）)])?"
    rf"|(?:送信|発信)(?:者|元){_S}[:：]{_NO_WORDS}"
    # (the cover sheet's addressee: 「宛先 みなと市 企画課」, QA110)
    rf"|(?:宛先|あて先|送信先|宛名){_S}[:：]?{_S}[^。\s][^。]{{0,40}}?(?:御中|様|殿|課|係|室|部|局|担当|担当者|市|町|村|県|区)"
    rf"(?:{_S}(?:御中|様|殿))?"
    rf"|(?:FROM|From|ＦＲＯＭ){_S}[:：]?{_S}{_PHONE}{_NO_WORDS}"
    # a page's header: a date and time, then no words but the sender's number, name or page counter
    rf"|(?:{_DATE}|{_EN_DATE}){_S}{_TIME}(?:(?=[^。ぁ-ゖ]*(?:{_PHONE}|{_PAGE_OF}|FAX|ＦＡＸ|FROM|From|[0-9]{{4}}[ -][0-9]{{2}}[ -][0-9]{{4}})){_NO_WORDS}"
    # (the sender's place in kana after FROM and the number: 「… FROM 0465-12-3456 みなと市東町 佐藤」, QA107; not a letter's
    # 「5月10日 9時30分 市役所(0265-…)から電話があると…」, QA109)
    rf"|[^。ぁ-ゖ]*(?:FROM|From|ＦＲＯＭ|FAX|ＦＡＸ){_S}[:：]?{_S}{_PHONE}(?![0-9０-９]|{_S}[にをがはでとへやもの])[^。]*)"
    rf"){_S}$")
# a page counter alone on a line (「P.1/2」「P.01」「No.0123 P.1」「1/2ページ」): a fax's when it is a page's first or last
# line or the text has another fax line (QA109: 「3/12ページ」 between two lines of a letter is the letter's)
_GOES_ON_RE = re.compile(r"^[ \t\u3000]*[にのをでがはともへや]")
_PAGE_COUNTER_RE = re.compile(
    rf"^{_S}(?:(?:No|NO|Ｎｏ)[.．]?{_S}[0-9０-９]{{2,6}}{_S}[PpＰｐ]{_S}[.．]?{_S}[0-9０-９]{{1,3}}(?:{_S}[/／]{_S}[0-9０-９]{{1,3}})?"
    rf"|{_PAGE_OF}|[0-9０-９]{{1,2}}{_S}[/／]{_S}[0-9０-９]{{1,2}}{_S}(?:ページ|頁)){_S}$")
_SENTENCE_END = "。．！？!?」』）)】"
_CLOSING_ONLY_RE = re.compile(r"^[ \t\u3000]*[。．、，」』）)]+[ \t\u3000]*$")
# a line of the signature or contact block: never part of the sentence above it
_CONTACT_LINE_RE = re.compile(
    rf"^[ \t\u3000]*(?:{'|'.join(map(re.escape, NAME_LABELS + CONTACT_LABELS))}|〒|以上|敬具|草々|かしこ|拝啓|謹啓|記$)",
    re.IGNORECASE)
# 「l.」「l．」「(l)」「（l）」「I.」 at a line's start: OCR's reading of 1
_OCR_ONE_RE = re.compile(r"^([ \t\u3000]*)(?:(?P<dot>[lIｌＩ|])(?=[ \t]*[.．])|(?P<open>[(（])[ \t]*(?P<paren>[lIｌＩ|])"
                         r"(?=[ \t]*[)）]))")
_TWO_DOT_RE = re.compile(r"^[ \t\u3000]*[2２][ \t]*[.．]")
_TWO_PAREN_RE = re.compile(r"^[ \t\u3000]*[(（][ \t]*[2２][ \t]*[)）]")


# 一 between two katakana (not before the counters ヶ ヵ ケ カ: 「ドア一ヶ所」)
_KANJI_ONE_IN_KATAKANA_RE = re.compile(r"(?<=[\u30a1-\u30fa])一(?=[\u30a1-\u30f4\u30f7-\u30fa](?<![ヶヵケカ]))")
# OCR's kanji for katakana (「口一タリ一」「コミュ二ティ」「卜イレ」「センタ一に」, QA104): in a run of katakana with such
# kanji (口 二 力 工 夕 卜 八 才, and 一 for ー) in it or beside it, the kanji are read as the katakana only when the run
# then reads as one word the dictionary knows (``_known_katakana_word``): 「レベル一の」「ペット口コミ」「バス二コース」
# 「チーム八チーム」 keep their kanji (QA105: they were published as 「レベルーの」「ペットロコミ」); and the kanji zero
# after a digit (「5〇台」, in the digit's width)
_LOOK_ALIKES = {"口": "ロ", "二": "ニ", "力": "カ", "工": "エ", "夕": "タ", "卜": "ト", "八": "ハ", "才": "オ", "一": "ー"}
_LOOKS = "".join(_LOOK_ALIKES)
_KATAKANA = "\u30a1-\u30f4\u30f7-\u30fa\u30fc"  # (not the counters ヵ ヶ)
# a run of katakana and look-alikes holding at least one of each
_LOOK_ALIKE_RUN_RE = re.compile(rf"[{_KATAKANA}{_LOOKS}]*(?:[{_KATAKANA}][{_LOOKS}]|[{_LOOKS}][{_KATAKANA}])[{_KATAKANA}{_LOOKS}]*")
# (before a digit or a unit only: 「問1〇 問2×」「評価：4〇」 are marks, QA109)
_ZERO_RE = re.compile(r"(?<=[0-9０-９])〇+(?=[0-9０-９]|[台人円件年月日時分秒歳才回個本枚番号階割万千百億%％mｍ]|キロ|メートル)")


def _read_look_alikes(text: str) -> tuple[str, int]:
    """``text`` with the look-alike kanji of its katakana words read as katakana, and how many were."""
    from .tokenize import _shared_tagger

    out, done, last = [], 0, 0
    for m in _LOOK_ALIKE_RUN_RE.finditer(text):
        run = m.group()
        read = "".join(_LOOK_ALIKES.get(c, c) for c in run)
        if read == run:
            continue
        keep = [False] * len(run)
        pos = 0
        for word in _shared_tagger()(read):
            pos += len(word.white_space)
            start, pos = pos, pos + len(word.surface)
            known = (not word.is_unk and len(word.surface) >= 3 and word.feature.pos1 in ("名詞", "副詞", "形状詞")
                     and all("\u30a1" <= c <= "\u30fc" for c in word.surface))
            for k in range(start, min(pos, len(run))):
                keep[k] = known
        after = text[m.end():m.end() + 1]
        if run.endswith("一") and (after in ("ヶ", "ヵ") or "\u4e00" <= after <= "\u9fff"):
            keep[-1] = False  # 「ドア一ヶ所」「メンバー一人」: the numeral before a counter
        fixed = "".join(read[k] if keep[k] and run[k] in _LOOK_ALIKES else run[k] for k in range(len(run)))
        if fixed != run:
            out += [text[last:m.start()], fixed]
            last = m.end()
            done += sum(1 for a, b in zip(run, fixed) if a != b)
    return ("".join(out) + text[last:], done) if done else (text, 0)


_OCR_CHARS_RE = re.compile(f"[〇○{_LOOKS}]")


@dataclass
class LayoutRepair:
    """What ``repair_layout`` changed in one text (or summed over many)."""

    page_lines: int = 0  # page numbers and receipt stamps removed
    fax_lines: int = 0  # a fax machine's banner, cover-sheet and page-counter lines removed
    joined: int = 0  # line breaks inside a sentence joined
    ocr_markers: int = 0  # 「l.」 read as 「1.」
    long_vowels: int = 0  # 「ル一ル」 read as 「ルール」
    look_alikes: int = 0  # 「口」「二」「力」 … read as ロ ニ カ inside katakana words, 〇 as 0 among digits
    spaced_lines: int = 0  # lines with a space after every character (「図 書 館 の …」) closed up

    def __bool__(self) -> bool:
        return bool(self.page_lines or self.fax_lines or self.joined or self.ocr_markers or self.long_vowels
                    or self.look_alikes or self.spaced_lines)

    def add(self, other: "LayoutRepair") -> None:
        self.page_lines += other.page_lines
        self.fax_lines += other.fax_lines
        self.joined += other.joined
        self.ocr_markers += other.ocr_markers
        self.long_vowels += other.long_vowels
        self.look_alikes += other.look_alikes
        self.spaced_lines += other.spaced_lines


def _width(line: str) -> int:
    """The line's width in half-width columns (a kanji is two), as a page lays it out."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.rstrip())


_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff々〆ー]")
# a line's end and a line's start that a page cut inside a Japanese sentence leaves
_JOINABLE_END = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff々〆ー、，,0-9０-９A-Za-zＡ-Ｚａ-ｚ（(「『]$")
_JOINABLE_START = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff々〆ー0-9０-９。、，）)」』]")
# 「To: …」「担当：公園課」: a labelled line (a mail header, a contact line) is no part of a sentence
_LABEL_LINE = re.compile(r"^[ \t\u3000]*[^\s:：。、]{1,12}[:：]")


def _japanese_line(line: str) -> bool:
    """Mostly Japanese: a letter's prose line (not a mail header, a URL or a rule line)."""
    text = line.strip()
    return bool(text) and len(_JAPANESE.findall(text)) * 2 >= len(text)


def _wrap_width(lines: list[str], measure=_width, least: int = 40, near: int = 4) -> int | None:
    """The width the text's lines were cut at, when it has one: two or more lines within ``near``
    of the widest such line, which is ``least`` or more. ``None`` otherwise. (Typed paragraphs of
    one line each end their sentences, so they are not joined.)"""
    widths = [measure(x) for x in lines if _japanese_line(x)]
    if len(widths) < 2:
        return None
    # the widest lines another comes close to (one long paragraph line is no page width)
    for top in sorted(set(widths), reverse=True):
        if top < least:
            return None
        if sum(1 for w in widths if top - near <= w <= top) >= 2:
            return top
    return None


def _chars(line: str) -> int:
    return len(line.rstrip())


def _full_line(lines: list[str]):
    """A test of whether a line fills the page's width: in display columns (a PDF lays out by
    width) or in characters (a program that wraps by count), whichever the text shows."""
    by_width = _wrap_width(lines)
    by_count = _wrap_width(lines, _chars, least=20, near=2)
    if by_width is None and by_count is None:
        return None
    return lambda line: ((by_width is not None and _width(line) >= by_width - 4)
                         or (by_count is not None and _chars(line) >= by_count - 2))


def _ocr_ones(lines: list[str], fix: LayoutRepair) -> list[str]:
    out = list(lines)
    for k, line in enumerate(lines):
        m = _OCR_ONE_RE.match(line)
        if m is None:
            continue
        later = lines[k + 1:]
        if m.group("dot") and any(_TWO_DOT_RE.match(x) for x in later):
            out[k] = line[:m.start("dot")] + "1" + line[m.end("dot"):]
        elif m.group("paren") and any(_TWO_PAREN_RE.match(x) for x in later):
            out[k] = line[:m.start("paren")] + "1" + line[m.end("paren"):]
        else:
            continue
        fix.ocr_markers += 1
    return out


# a space after every character of a line (QA104: OCR of a fax, 「図 書 館 の 開 館 時 間 を …」, published so): closed
# up when eight or more of the line's pieces and nine in ten are one character, so that 「山田 翔　電話」 (a one-kanji
# given name, which closing up glued to the next word) is never such a line; and a short line of nothing but
# single characters (QA105: a spaced fax's 「佐 藤 花 子」「0 9 0 - 1 2 3 4 - 5 6 7 8」 were published unmasked)
_SPACED_RE = re.compile(r"(?:^|[ \u3000])[^\s][ \u3000]+[^\s][ \u3000]+[^\s](?:[ \u3000]|$)", re.M)
_ONE_CHARACTER = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff々〆ー。、，．！？「」（）：0-9０-９\-－‐−ー]$")


def _closed_up(line: str, fix: LayoutRepair) -> str:
    if not _SPACED_RE.search(line):
        return line
    pieces = line.split()
    ones = sum(1 for p in pieces if _ONE_CHARACTER.match(p))
    indent = line[:len(line) - len(line.lstrip(" \t\u3000"))]
    if ones == len(pieces) >= 3 and (any(not p.isascii() and not p.isdigit() for p in pieces)
                                     or sum(p.isdigit() for p in pieces) >= 10):  # (a phone number, not 「1 2 3」)
        fix.spaced_lines += 1
        return indent + "".join(pieces)
    if ones < 8 or ones * 10 < len(pieces) * 9:
        return line
    fix.spaced_lines += 1
    # (a Latin word keeps its spaces: 「NPO 法 人」 reads 「NPO法人」)
    return indent + re.sub(r"(?<=[^\x00-\x7f])[ \u3000]+|[ \u3000]+(?=[^\x00-\x7f])", "", line.strip(" \t\u3000"))


_HIRAGANA_RE = re.compile(r"[\u3041-\u3096]")
_SENTENCE_END_FORM_RE = re.compile(r"(?:です|ます|でした|ました|ません|ください|下さい|たい|ほしい|欲しい)$")
_WORD_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞"})


def _word_cut(prev: str, line: str) -> bool:
    """A line break inside a word, whatever the lines' width (QA104: a fax's short lines, 「図書館の移転に反⏎対します。」
    「地区公⏎民館の…」): read together, the lines hold a word of two characters or more across the break."""
    left, right = prev.rstrip(" \t\u3000")[-8:], line.lstrip(" \t\u3000")[:8]
    if not (_JAPANESE.match(left[-1:]) and _JAPANESE.match(right[:1])):
        return False
    if _SENTENCE_END_FORM_RE.search(left):
        return False  # 「八十三才です⏎足が悪いので」: a sentence ended without 「。」 (QA109)
    # the next line goes on in a sentence (kana in it): a name or an address under a line is no such cut (QA105:
    # 「市民の森⏎林一郎」 was read 「市民の森林一郎」 and masked with the 森, 「高橋⏎本町2丁目3番」 glued)
    if not _HIRAGANA_RE.search(line):
        return False
    from .tokenize import _shared_tagger

    pos = 0
    for word in _shared_tagger()(left + right):
        pos += len(word.white_space)
        start, pos = pos, pos + len(word.surface)
        if start < len(left) < pos:
            return len(word.surface) >= 2 and word.feature.pos1 in _WORD_POS
        if pos >= len(left):
            return False
    return False


_ADDRESSEE_END_RE = re.compile(r"(?:御中|様|殿|各位|あて|宛)$")
_ADDRESS_END_RE = re.compile(r"[0-9０-９一二三四五六七八九十〇]+(?:号|番地|番)$")


def may_need_repair(text: str) -> bool:
    """Whether ``repair_layout`` could change ``text`` (a quick test: most web-form texts are one line)."""
    return "\n" in text or bool(_OCR_CHARS_RE.search(text)) or bool(_SPACED_RE.search(text))


def repair_layout(text: str) -> tuple[str, LayoutRepair]:
    """``text`` with the page layout of a PDF or OCR copy undone (see the module), and what changed.
    A text with none of it comes back unchanged (the same string)."""
    fix = LayoutRepair()
    if not may_need_repair(text):
        return text, fix
    lines = text.split("\n")
    kept: list[str] = []
    page_break_after: set[int] = set()  # kept lines a page number or stamp followed: a page ended there
    banners = [bool(_FAX_LINE_RE.match(line)) for line in lines]  # (each line matched once)
    filled = [k for k, line in enumerate(lines) if line.strip()]
    for k, line in enumerate(lines):
        goes_on = bool(_GOES_ON_RE.match(lines[k + 1] if k + 1 < len(lines) else ""))
        fax = banners[k] or bool(
            _PAGE_COUNTER_RE.match(line) and (any(banners) or k in (filled[0], filled[-1]))
            # (「No.123 P.5⏎に書かれた数値が…」: the sentence goes on under it, QA109)
            and not goes_on)
        # (「3/4⏎の人が…」: a fraction the sentence goes on under is no page number, QA110)
        if fax or (_PAGE_NUMBER_RE.match(line) and not goes_on) or _STAMP_RE.match(line):
            if fax:
                fix.fax_lines += 1
            else:
                fix.page_lines += 1
            if kept:
                page_break_after.add(len(kept) - 1)
            continue
        kept.append(line)
    kept = _ocr_ones(kept, fix)
    # (a spaced line the sentence goes on under, 「本 町 三 丁 目⏎のバス停を…」, is the sentence's: left, QA109)
    lines = [x if k + 1 < len(kept) and _GOES_ON_RE.match(kept[k + 1]) and len(x.split()) < 8 else _closed_up(x, fix)
             for k, x in enumerate(kept)]
    is_full = _full_line(lines)
    out: list[str] = []
    broken = False  # the last line in ``out`` ended where a page did
    for k, line in enumerate(lines):
        prev = out[-1] if out else ""
        if out and _CLOSING_ONLY_RE.match(line) and prev.strip():
            out[-1] = prev.rstrip(" \t\u3000") + line.strip(" \t\u3000")  # 「…ください⏎。」
            fix.joined += 1
            continue
        full = is_full is not None and is_full(prev)
        if (prev.strip() and line.strip()
                and _JOINABLE_END.search(prev.rstrip(" \t\u3000")) and _JOINABLE_START.match(line.lstrip(" \t\u3000"))
                and _japanese_line(prev) and not opens_item(line)
                # 「小川 由美、中村 美咲、…」: a 名簿's lines are a list, no sentence a page cut (QA50)
                and not is_name_list_line(prev) and not is_name_list_line(line)
                # 「…日の出町1丁目33番13号⏎山口 英代」: an address line over the name, no sentence cut (QA90)
                and not _ADDRESS_END_RE.search(prev.rstrip(" \t\u3000"))
                # 「みなと市 交通政策課 御中」 over the letter (QA109: glued when a fax line under it was taken out)
                and not _ADDRESSEE_END_RE.search(prev.rstrip(" \t\u3000"))
                # a line that ends a sentence without 「。」 (「…増やしてください⏎…」: QA110, an older resident's lines)
                and (not _SENTENCE_END_FORM_RE.search(prev.rstrip(" \t\u3000"))
                     or line.lstrip(" \t\u3000")[:1] in "。．、，」』）)")
                and not any(rx.match(x) for rx in (_CONTACT_LINE_RE, _LABEL_LINE) for x in (line, prev))
                and (full or broken or _word_cut(prev, line))):
            out[-1] = prev.rstrip(" \t\u3000") + line.lstrip(" \t\u3000")
            fix.joined += 1
            broken = k in page_break_after
            continue
        out.append(line)
        broken = k in page_break_after
    joined = "\n".join(out)
    # 「ル一ル」「ポ一ト」: OCR's kanji 一 for the long vowel mark inside a katakana word
    closed, n = _KANJI_ONE_IN_KATAKANA_RE.subn("ー", joined)
    fix.long_vowels = n
    closed, fix.look_alikes = _read_look_alikes(closed)
    # (in the digit's width: 「１〇時」 → 「１０時」)
    closed, zeros = _ZERO_RE.subn(lambda m: ("０" if "０" <= closed[m.start() - 1] <= "９" else "0") * len(m.group()), closed)
    fix.look_alikes += zeros
    return (closed if fix else text), fix
