"""Name each cluster: c-TF-IDF keywords, the draft section it concerns, page references.

c-TF-IDF (as in BERTopic) treats each cluster as one document: a word scores high when it
is frequent in this cluster and rare across clusters. Words are fugashi compound nouns and
content-word base forms, so labels read 「駐輪場・駅前・不足」, not whole sentences.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .io import TOPIC_OPTIONS, InputError, decode_bytes, guess_column, read_table, strip_controls

_KANJI_NUM = "〇一二三四五六七八九十百"
# what follows a number of pages that is a length, not a reference: 「120ページもあり」「120ページにもわたる」
# 「100ページ以上」「200ページもの」「50ページほど」「80ページの冊子」 (a page named is 「12ページにも誤り」)
_PAGE_LENGTH = (r"\s*(?:も(?:の|あ|な|に|読)|にも(?:わた|およ|及|な)|以上|を超|超|近く|程度|ほど|くらい|ぐらい|余り|あまり"
                r"|弱|強|分|にわた|におよ|に及|ある|あり|の(?:計画|冊子|資料|本|文書|ボリューム|分量))")
# (blanks inside a reference, never a line break: 「第7条⏎第7条の報告…」 is one place twice, not 「第7条第7条」)
_REFERENCE_RES = [
    # (a P of a word or an ID is none: 「Step 3」, a passport's 「P1234567A」 was published as 該当箇所, QA46)
    # (nor a letter's own page counter: 「P.1/2」, QA104: a fax's pages published as 該当箇所)
    re.compile(r"(?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９])(?:P|p|ｐ|Ｐ)\.?[ \t\u3000]*\d{1,4}(?![\dA-Za-z]|[ \t\u3000]*[/／][ \t\u3000]*\d)"
               r"(?:[ \t\u3000]*[-~〜～][ \t\u3000]*\d{1,4}(?![\dA-Za-z]))?"),
    re.compile(r"(?<![全約計\d/／])\d+[ \t\u3000]*(?:[-~〜～][ \t\u3000]*\d+[ \t\u3000]*)?(?:頁|ページ)(?!" + _PAGE_LENGTH + r")(?:[ \t\u3000]*(?:以降|以下|から[ \t\u3000]*\d+[ \t\u3000]*(?:頁|ページ)|[-~〜～][ \t\u3000]*\d+[ \t\u3000]*(?:頁|ページ)?))?"),
    # (not 代表/発表/公表 and a number after them: 「市役所代表 045-…」 is a phone, QA89; nor a phone's 0 after 表)
    re.compile(r"(?:別添|別紙|別表|別図|資料|参考資料|(?<![意地構企略合系版海絵])図|(?<![代発公辞年一])表(?![ \t\u3000]*0\d))[ \t\u3000]*[\d" + _KANJI_NUM
               + r"]+(?:[ \t\u3000]*[-－][ \t\u3000]*\d+)?"),
    # 「附則第2項」: one place, the draft's supplementary provisions (QA33: 「第2項」 alone)
    re.compile(r"附則(?:[ \t\u3000]*第[ \t\u3000]*[\d" + _KANJI_NUM + r"]+[ \t\u3000]*(?:条|項|号)(?:[ \t\u3000]*第?[ \t\u3000]*[\d" + _KANJI_NUM + r"]+[ \t\u3000]*(?:条|項|号))*)?"),
    # a range of articles (「第7条から第9条まで」「第7条～第9条」: QA112 read 第7条 and 第9条, not 第8条)
    re.compile(r"第[ \t\u3000]*[\d" + _KANJI_NUM + r"]+[ \t\u3000]*条(?:の[\d" + _KANJI_NUM + r"]+)?[ \t\u3000]*(?:から|~|～|〜|ないし|乃至)"
               r"[ \t\u3000]*第?[ \t\u3000]*[\d" + _KANJI_NUM + r"]+[ \t\u3000]*条(?:の[\d" + _KANJI_NUM + r"]+)?(?:[ \t\u3000]*まで)?"),
    # (an article's branch number: 「第12条の2」 is another article than 第12条, QA112)
    re.compile(r"第[ \t\u3000]*[\d" + _KANJI_NUM + r"]+[ \t\u3000]*(?:条(?:の[\d" + _KANJI_NUM + r"]+(?![\d" + _KANJI_NUM
               + r"]*[ \t\u3000]*(?:つ|か所|箇所|点|名|人|件|割)))?|章|節|項|款|号|部|編)(?:[ \t\u3000]*第?[ \t\u3000]*[\d" + _KANJI_NUM + r"]+[ \t\u3000]*(?:条|章|節|項|号))*"
               # an item of a 節 (「第4章第1節2」, QA79: published as 第4章第1節)
               r"(?:(?<=節)\d{1,2}(?![\d.]|[頁ページpP年月日件人名%歳回条章節号]))?"),
    re.compile(r"資料編"),
    # an article without its 第 (「3条の所有者の責務」「12条の2の公表」), not 「3条件」「条例」 (QA112)
    # a range without its 第 (「７条から９条まで」)
    re.compile(r"(?<![\d第.東西南北])\d{1,3}[ \t\u3000]*条(?:の\d+)?[ \t\u3000]*(?:から|~|～|〜|ないし|乃至)[ \t\u3000]*\d{1,3}[ \t\u3000]*条"
               r"(?:の\d+)?(?:[ \t\u3000]*まで)?"),
    # (nor a street, 「3条通り」「北3条西5丁目」「市道3条線」, QA117)
    re.compile(r"(?<![\d第.東西南北])\d{1,3}[ \t\u3000]*条(?:の\d+)?(?!件|例|約|理|文|項目|里|網|通|線|[東西南北]|大路|大橋|駅|町|河原)"
               r"(?:[ \t\u3000]*第?[ \t\u3000]*\d+[ \t\u3000]*(?:項|号))*"),
    # the preamble of an ordinance (「前文を短くしてください」); not 「駅前文化センター」, nor a letter's 「前文失礼いたします」
    re.compile(r"(?<![\u4e00-\u9fff々])前文(?![化字庫学明]|失礼|お許し|ごめん|御免|省略)"),
]
# 「同条第3項」: a paragraph of the article cited just before (QA112 published a bare 「第3項」)
_SAME_ARTICLE_BEFORE_RE = re.compile(r"同[ \t\u3000]*条[ \t\u3000]*$")
# a paragraph alone (「第3項」) names no place of the draft without its article (「第3号」 alone stays one: a plan's items)


def without_references(text: str) -> str:
    """``text`` (NFKC) with its page and section references (``_REFERENCE_RES``: 「第4章第4節」「P.35」
    「別添1」) left out, or as it is when nothing else is left. They say where in the draft, not what:
    a past answer's search counted 第・章・節・4 as words no past opinion had (QA51: 「第4章第4節
    ごみの有料化には反対です。」 scored 0.14 against 「ごみの有料化には反対である。」, 0.63 without them)."""
    t = unicodedata.normalize("NFKC", text or "")
    out = t
    for rx in _REFERENCE_RES:
        out = rx.sub(" ", out)
    out = " ".join(out.split()) if out != t else t
    return out if out.strip(" 、。,.:：") else t


# A 番号 label right before a 第…号: an ID number (免許証番号 第…号), not a section of the draft.
_ID_LABEL_BEFORE_RE = re.compile(r"番号\s*(?:[:：]|は|の)?\s*$")
# The name of another law right before a 第…条 (「災害対策基本法第40条」「青葉県防災会議条例第12条」「同法第3条」):
# an article of that law, no place in the draft (QA32: 該当箇所 「第1章 総則、第12条」). The draft itself
# (「本条例第12条」「この条例第7条」「この計画の第3条」「（案）第5条」, a bare 「条例第12条」) and 方法/手法 … (no law)
# stay references. A law's name may hold katakana (「容器包装リサイクル法第11条」, QA40).
_OTHER_LAW_BEFORE_RE = re.compile(
    # (in brackets too: 「地方自治法（第2条関係）」「子どもの権利条約（第12条）」, QA117)
    r"([\u4e00-\u9fff々\u30a1-\u30faー]*)(?:法律|法令|法|条例|規則|規程|施行令|政令|省令|府令|要綱|要領|条約|憲章|協定)\s*の?\s*[（(]?\s*$")
_DRAFT_ITSELF = {"本", "当", "当該"}  # 「本条例第12条」: the draft
_NOT_A_LAW_END = ("方", "手", "用", "寸", "文", "作", "技", "製", "工", "論")  # 方法, 手法, 用法 …: no law


def _other_law_before(text: str, start: int) -> bool:
    """Whether the name of another law stands right before ``start`` (the 第 of a reference)."""
    m = _OTHER_LAW_BEFORE_RE.search(text, max(0, start - 40), start)
    if m is None or not m.group(1) or m.group(1) in _DRAFT_ITSELF:
        return False  # 「条例第12条」「この条例第7条」「本条例第12条」
    return not m.group(1).endswith(_NOT_A_LAW_END)  # 「避難方法の第3章」


def find_references(text: str) -> list[str]:
    """Page and section references: 「7頁」「47頁以降」「別添1」「第3条」「P.12」; a number of pages
    that is a length (「120ページもあり」) is none, nor is a 第…号 with more than 4 digits or after a
    番号 label (「運転免許証番号 第301234567890号」: an ID number) or the name of another law (「災害対策基本法
    第40条」「…条例第12条」; not 「本条例第12条」), and one page written two ways
    (「12ページ」「p.12」) is one reference, as first written."""
    text = unicodedata.normalize("NFKC", text)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for rx in _REFERENCE_RES:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if m.group(0).startswith("第") and (re.search(r"\d{5,}", m.group(0))
                                                or _ID_LABEL_BEFORE_RE.search(text, max(0, m.start() - 12), m.start())):
                continue  # 「運転免許証番号 第301234567890号」: an ID number, no place in the draft
            if (m.group(0).startswith("第") or m.group(0)[0].isdigit()) and _other_law_before(text, m.start()):
                continue  # 「災害対策基本法第40条」「地方自治法2条」: an article of another law
            if m.group(0).startswith("第") and m.group(0).endswith("号") and text[max(0, m.start() - 1):m.start()] in ("発", "収"):
                continue  # 「○町議会発第15号」: a letter's document number (QA33)
            ref = _kanji_to_digits(re.sub(r"\s+", "", m.group(0))).replace("~", "～")
            if re.fullmatch(r"\d+条.*", ref):
                ref = "第" + ref  # 「3条」 as the draft writes it
            ref = re.sub(r"^(第\d+条(?:の\d+)?)(?:から|ないし|乃至|～)(?:第)?(\d+条(?:の\d+)?)(?:まで)?$", r"\1～第\2", ref)
            if re.fullmatch(r"第\d+号", ref) and re.match(r"\s*(?:被保険者|様式|議案)", text[m.end():]):
                continue  # 「第2号被保険者」: a term, no place
            if re.fullmatch(r"第\d+(?:項|款|号)(?:第?\d+(?:項|号))*", ref):
                if _SAME_ARTICLE_BEFORE_RE.search(text, max(0, m.start() - 4), m.start()):
                    # 「同条第3項」: a paragraph of the article cited before it
                    earlier = [r for s_, r in found
                               if s_ < m.start() and _article_key(r) and not r.startswith(("附則", "前文"))]
                    if not earlier:
                        continue
                    ref = _article_key(earlier[-1]) + ref
                elif not ref.endswith("号"):
                    continue  # 「第3項」 alone: no place without its article (「第3号」 alone stays one)
            taken.append((m.start(), m.end()))
            # (the wave dash as the draft writes it: 「28～30頁」, not NFKC's 「28~30頁」, QA79)
            found.append((m.start(), ref))
    out, keys = [], set()
    for _, ref in sorted(found):
        key = reference_key(ref)
        if key not in keys:
            keys.add(key)
            out.append(ref)
    return out


_PAGE_REF_RE = re.compile(r"^(?:[Pp]\.?)?(\d+)(?:[-~〜～](\d+))?(?:頁|ページ)?(以降|以下)?")


def reference_key(ref: str) -> str:
    """One key for one place however it is written: 「12ページ」「p.12」「12頁」「P12」 -> 「p12」."""
    ref = _kanji_to_digits(unicodedata.normalize("NFKC", ref)).replace(" ", "")
    m = _PAGE_REF_RE.match(ref)
    if m and (ref[:1] in "Pp" or "頁" in ref or "ページ" in ref):
        return f"p{m.group(1)}" + (f"-{m.group(2)}" if m.group(2) else "") + ("~" if m.group(3) else "")
    return ref


def merge_references(counts) -> list[str]:
    """A cluster's references, most cited first, from a Counter of the spellings its opinions
    used: one place written two ways is one reference, in its most used spelling."""
    by_key: dict[str, Counter] = {}
    for ref, n in counts.items():
        by_key.setdefault(reference_key(ref), Counter())[ref] += n
    ranked = sorted(by_key.values(), key=lambda c: (-sum(c.values()), min(c, key=lambda r: (-c[r], r))))
    return [min(c, key=lambda r: (-c[r], r)) for c in ranked]


def published_references(references: Sequence[str], opinion_texts: Sequence[str], shown_text: str,
                         limit: int = 2) -> list[str]:
    """The references a report row names: those of ``references`` (most cited first) that the text
    the row shows names, or that more than half of its opinions (copies counted) name; a place one
    opinion of several cited, which the row does not show, would mislead as the row's."""
    shown = {reference_key(r) for r in find_references(shown_text or "")}
    cited: Counter = Counter()
    cache: dict[str, set[str]] = {}
    for text in opinion_texts:
        if text not in cache:
            cache[text] = {reference_key(r) for r in find_references(text)}
        cited.update(cache[text])
    out, seen = [], set()
    for ref in references:
        key = reference_key(ref)
        if key in seen:
            continue
        if key in shown or 2 * cited[key] > len(opinion_texts):
            seen.add(key)
            out.append(ref)
    return without_general_references(out)[:limit]


# A part of a place: what follows 「附則」 in 「附則第2項」, 「第3条」 in 「第3条第2項」, 「第4章」 in 「第4章3節」 / 「第4章4」
_SUB_PART_RE = re.compile(r"(?:第?\d+(?:条|章|節|項|款|号|部|編)?)+")
# a place that has parts: the supplementary provisions, an article, a chapter … (not a page: 「p.12-14」 is no
# part of 「p.12」)
_HAS_PARTS_RE = re.compile(r"附則|(?:附則)?第\d+(?:条|章|節|項|款|号|部|編)(?:第?\d+(?:条|章|節|項|款|号|部|編)?)*")


def _place_norm(ref: str) -> str:
    return _kanji_to_digits(unicodedata.normalize("NFKC", ref)).replace(" ", "").replace("\u3000", "")


def is_part_of(specific: str, general: str) -> bool:
    """Whether ``specific`` names a part of the place ``general`` names: 「附則第2項」 of 「附則」, 「第3条第2項」
    of 「第3条」, 「第4章3節」 of 「第4章」 (widths, blanks and kanji numerals aside); 「第10条」 is none of
    「第1条」, nor 「p.12-14」 of 「p.12」. ``general`` is a bare reference (a topic name with words, 「第4章
    スポーツ施設」, is none)."""
    g, s = _place_norm(general), _place_norm(specific)
    return (bool(_HAS_PARTS_RE.fullmatch(g)) and len(s) > len(g) and s.startswith(g)
            and bool(_SUB_PART_RE.fullmatch(s[len(g):])))


def without_general_references(refs: Sequence[str]) -> list[str]:
    """``refs`` (a row's 該当箇所 parts) without a place another of them names a part of: 「附則、附則第2項」 ->
    「附則第2項」, 「第3条、第3条第2項」 -> 「第3条第2項」 (QA40: a reference and a more specific one of the same
    place). Two parts of one place are both kept (「第3条第1項、第3条第2項」); a topic name with words
    (「第4章 スポーツ施設」) stays whatever part is cited beside it."""
    return [r for r in refs if not any(other != r and is_part_of(other, r) for other in refs)]


def _kanji_to_digits(ref: str) -> str:
    """第三章 -> 第3章, 第十二条 -> 第12条, so the same section is counted once."""

    def convert(m: re.Match) -> str:
        total, current = 0, 0
        for ch in m.group(0):
            if ch == "十":
                total += (current or 1) * 10
                current = 0
            elif ch == "百":
                total += (current or 1) * 100
                current = 0
            else:
                current = "〇一二三四五六七八九".index(ch)
        return str(total + current)

    return re.sub(r"[〇一二三四五六七八九十百]+", convert, ref)


@lru_cache(maxsize=1 << 14)
def private_keyword(word: str) -> bool:
    """A keyword no label may carry: one that holds a person name (UniDic: 固有名詞,人名, 「佐々木トメTEL」
    glued from a signature, 「高橋」) or anything the masker masks (a phone number, an address …).
    QA32: a row was labelled 「ご高齢・マイナンバー・佐々木トメTEL」 in clusters.csv, `review show` and the
    notebook, where staff copy labels from."""
    from .mask import MASKS, mask_personal_data, person_name_in

    if person_name_in(word):
        return True
    masked = mask_personal_data(word)
    return masked != word and any(m in masked for m in MASKS.values())


def ctfidf_keywords(docs_tokens: Sequence[Sequence[str]], doc_cluster: Sequence[int],
                    doc_weight: Sequence[float] | None = None, top_n: int = 6) -> list[list[tuple[str, float]]]:
    """Top keywords per cluster by c-TF-IDF. Clusters are 0..k-1; weights count copies. A
    ``private_keyword`` (a person's name, masked data) is never one: the next word takes its place."""
    k = max(doc_cluster) + 1 if len(doc_cluster) else 0
    counts: list[Counter] = [Counter() for _ in range(k)]
    weights = doc_weight if doc_weight is not None else [1.0] * len(docs_tokens)
    for tokens, c, w in zip(docs_tokens, doc_cluster, weights):
        # A word counts once per opinion (presence), weighted by copies: one letter
        # repeating a word five times must not outweigh five people saying it once.
        for tok in set(tokens):
            counts[c][tok] += w
    total = Counter()
    for c in counts:
        total.update(c)
    avg_words = (sum(total.values()) / k) if k else 0.0
    out = []
    for c in counts:
        size = sum(c.values()) or 1.0
        scored = []
        for word, n in c.items():
            tf = n / size
            idf = math.log(1.0 + avg_words / total[word])
            # Prefer words that more than one opinion uses: n >= 2 gets full weight.
            scored.append((word, tf * idf * (1.0 if n >= 2 else 0.7)))
        scored.sort(key=lambda x: (-x[1], x[0]))
        top: list[tuple[str, float]] = []
        for w, s in scored:  # the best words first: only those that could be kept are looked at
            if len(top) == top_n:
                break
            if not private_keyword(w):
                top.append((w, round(s, 6)))
        out.append(top)
    return out


def make_label(keywords: Sequence[tuple[str, float]], n: int = 3) -> str:
    words: list[str] = []
    for word, _ in keywords:
        # Skip a word contained in one already chosen (駐輪場 after 駅前駐輪場).
        if any(word in w or w in word for w in words):
            continue
        words.append(word)
        if len(words) == n:
            break
    return "・".join(words)


@dataclass(frozen=True)
class Topic:
    name: str
    description: str = ""


_TOPIC_NAMES = ("topic", "トピック", "項目", "章", "節", "見出し", "section", "name")


# A table of contents pasted from the draft (QA51): 「第1章 計画の基本的事項 ……………… 1」, a Word TOC's
# 「第1節 計画策定の趣旨<TAB>2」. Leaders: a run of …‥⋯ or of two or more ・･．. (blanks between), a TAB, or
# two blanks; then the page (「12」「P.12」「12頁」, or a front-matter 「ⅱ」) ending the line.
_LEADER = r"(?:[…‥⋯]|[・･．.·]{2,})(?:[ \t\u3000]*[…‥⋯・･．.·])*"
_TOC_PAGE_RE = re.compile(r"(?:[ \t\u3000]*" + _LEADER + r"[ \t\u3000]*|[ \u3000]*\t[ \t\u3000]*|[ \u3000]{2,})"
                          r"(?:(?:[PpＰｐ][.．]?[ \u3000]*)?(?P<page>[0-9０-９]{1,4})(?:[ \u3000]*(?:頁|ページ))?"
                          r"|(?P<roman>[ivxIVXⅰ-ⅿⅠ-Ⅿ]{1,5}))[ \t\u3000]*$")
_TOC_LEADER_END_RE = re.compile(r"[ \t\u3000]*" + _LEADER + r"[ \t\u3000]*$")  # leaders, the page cut off
_TOC_HEADING_RE = re.compile(r"[【\[〔(（<＜]?(?:目次|もくじ|contents|tableofcontents)[】\]〕)）>＞]?", re.I)
_NUM = r"[0-9０-９" + _KANJI_NUM + r"]+"
_TOC_CHAPTER_RE = re.compile(r"第[ \u3000]*" + _NUM + r"[ \u3000]*章")
_TOC_SECTION_RE = re.compile(r"第[ \u3000]*" + _NUM + r"[ \u3000]*節")
# an item under a 第N節 (「2　相談支援体制の充実」) or under such an item (「(1)　総合相談窓口の設置」)
_TOC_ITEM_RE = re.compile(r"([0-9０-９]{1,2}|[(（][0-9０-９]{1,2}[)）])[ \u3000]+(?=\S)")


@dataclass(frozen=True)
class TocReading:
    """How ``read_topics`` read a pasted table of contents (for the run's line)."""
    topics: int
    with_pages: int
    cleaned: int  # names whose leaders or page number were removed
    nested: int  # 第N節 named under their chapter
    heading: bool  # a 目次 line skipped
    without_page: tuple[str, ...] = ()  # headings without a page among those with one
    repeated: tuple[str, ...] = ()  # headings listed again (left out)


def _is_toc_heading(line: str) -> bool:
    """「目次」, or the draft's title before it on the line (「○○計画（案）　目次」: QA63 published it as a 該当箇所)."""
    bare = re.sub(r"\s", "", unicodedata.normalize("NFKC", line))
    return bool(_TOC_HEADING_RE.fullmatch(bare) or (
        re.search(r"(?:目次|もくじ|[【\[〔(（<＜](?:目次|もくじ)[】\]〕)）>＞])$", bare) and not _TOC_PAGE_RE.search(line)))


_DRAFT_TITLE_LINE_RE = re.compile(r"^[^…\.・]{2,60}?(?:（案）|\(案\)|素案|原案|改正案|計画|方針|指針|プラン|ビジョン|戦略|構想|条例|大綱)"
                                  r"(?:（案）|\(案\))?$")


def _is_draft_title_line(line: str) -> bool:
    """The draft's title over its 目次 (「東浜市地域公共交通計画（案）」), no page, no chapter (QA64: published as a 該当箇所)."""
    bare = unicodedata.normalize("NFKC", line).strip()
    return bool(_DRAFT_TITLE_LINE_RE.match(re.sub(r"\s", "", bare))) and not _TOC_PAGE_RE.search(line) and not (
        _TOC_CHAPTER_RE.match(bare) or _TOC_SECTION_RE.match(bare))


def _looks_like_toc(lines: Sequence[str]) -> bool:
    return any(_is_toc_heading(x) or _TOC_PAGE_RE.search(x) or _TOC_LEADER_END_RE.search(x) for x in lines)


def _toc_topics(lines: Sequence[str]) -> tuple[list[Topic], TocReading | None]:
    """Topics from one heading a line, as a pasted 目次 gives them (QA51): leaders and the page number
    leave the name, the page becomes the topic's pages (from its page to the page before the next
    topic's, as a clean file's 「34～41頁」 says), an indented or bare 「第N節」 is named under the 「第M章」
    above it (「第M章第N節 …」, as opinions cite it), a 「目次」 line is skipped. Without any of these the
    topics are the lines as before, and the reading is None."""
    entries: list[tuple[str, int | None]] = []
    cleaned = nested = 0
    heading = False
    chapter = section = item = None
    paged = any(_TOC_PAGE_RE.search(x.strip()) for x in lines)  # a 目次 with pages: its first line may be the title
    for raw in lines:
        if not raw.strip():
            continue
        if _is_toc_heading(raw) or (paged and not entries and not heading and _is_draft_title_line(raw)):
            heading = True
            continue
        indented = raw[:1].isspace()
        name = raw.strip().lstrip("#-* ").strip()
        page = None
        m = _TOC_PAGE_RE.search(name)
        if m and m.start() > 0:
            page = int(unicodedata.normalize("NFKC", m.group("page"))) if m.group("page") else None
            name, cleaned = name[:m.start()].strip(), cleaned + 1
        elif (m := _TOC_LEADER_END_RE.search(name)) and m.start() > 0:
            name, cleaned = name[:m.start()].strip(), cleaned + 1
        name = name.replace("\t", " ")  # (no TAB in a published cell)
        if not name:
            continue
        item_m = _TOC_ITEM_RE.match(name)
        if _TOC_CHAPTER_RE.match(name):
            chapter = _TOC_CHAPTER_RE.match(name).group(0).replace(" ", "").replace("\u3000", "")
            section = item = None
        elif _TOC_SECTION_RE.match(name) or (indented and chapter and _numbered_part(name)):
            # 「第2節 …」, or a part named by a word and a number (「施策1 路線バスの再編」), under its chapter: as
            # opinions cite it, 「第4章施策1」 (QA63: published 「施策1 …、第4章」)
            if chapter:
                name, nested = chapter + name, nested + 1
            m_sec = _TOC_SECTION_RE.match(name[len(chapter or ""):])
            section = (chapter or "") + re.sub(r"[ \u3000]", "", m_sec.group(0)) if chapter and m_sec else None
            item = None
        elif indented and item_m and (section or item):
            # 「2　相談支援体制の充実」 under 第4章第1節, 「(1)　総合相談窓口の設置」 under it: as opinions cite them,
            # 「第4章第1節2」「第4章第1節2(1)」 (QA76: published bare, 「(1)　総合相談窓口の設置」)
            number = unicodedata.normalize("NFKC", item_m.group(1))
            if number.startswith("(") and item:
                name, nested = f"{item}{number} {name[item_m.end():].strip()}", nested + 1
            elif not number.startswith("(") and section:
                item = section + number
                name, nested = f"{item} {name[item_m.end():].strip()}", nested + 1
        elif not indented:
            chapter = section = item = None  # 「資料編」: a 第N節 below it is not the last chapter's
        entries.append((name, page))
    seen: set[str] = set()
    repeated = []
    for name, _ in list(entries):  # a line pasted twice: the first stays, so pages run on from it (QA76)
        key = _topic_key(name)
        if key in seen:
            entries.remove(next(e for e in reversed(entries) if _topic_key(e[0]) == key))
            repeated.append(name)
        seen.add(key)
    if not (cleaned or heading or nested):
        return [Topic(name) for name, _ in entries], None
    topics = []
    for i, (name, page) in enumerate(entries):
        if page is None:
            topics.append(Topic(name))
            continue
        after = next((p for _, p in entries[i + 1:] if p is not None), None)
        last = after - 1 if after is not None and after - 1 >= page else page
        topics.append(Topic(name, f"{page}～{last}頁"))
    reading = TocReading(len(topics), sum(1 for _, p in entries if p is not None), cleaned, nested, heading,
                         tuple(name for k, (name, p) in enumerate(entries) if p is None and k), tuple(repeated))
    return topics, reading


def toc_line(path, reading: TocReading) -> str:
    """The run's line on a topics file read as a table of contents (QA51)."""
    line = f"topics: {Path(path).name} read as a table of contents: {reading.topics} topics, {reading.with_pages} with pages"
    if reading.with_pages:
        line += " (each from its page to the page before the next topic's)"
    if reading.cleaned:
        line += f"; leaders and page numbers removed from {reading.cleaned} names"
    if reading.nested:
        line += f"; {reading.nested} 第N節 named under their chapter (第M章第N節)"
    if reading.heading:
        line += "; the 目次 line skipped"
    return line


def read_topics(path: str | Path, log=None) -> list[Topic]:
    """Topics (draft sections) from a table (topic[, description]) or a plain text file.

    ``--topics`` has no options of its own (``TOPIC_OPTIONS``): messages about the file say what
    to change in it, never ``--topic-column``, ``--encoding`` or ``--header-row``. A text file, or a
    table of one 目次 column, pasted from the draft's table of contents is read as one
    (``_toc_topics``); ``log`` gets a line saying so."""
    path = Path(path)
    reading = None
    if path.suffix.lower() in (".txt", ".md"):
        if not path.is_file():
            raise InputError(f"{path}: file not found")
        # as any input: UTF-8 (BOM or not) or CP932, which Notepad on a Japanese PC writes
        text, _ = decode_bytes(path.read_bytes(), name=str(path), encoding_option=None)
        lines = strip_controls(text)[0].splitlines()
        topics, reading = _toc_topics(lines)
    else:
        table = read_table(path, options=TOPIC_OPTIONS)  # --topics has no column or reading options
        name_col = guess_column(table.columns, _TOPIC_NAMES, what="topic", required=False)
        single = table.columns[0] if len(table.columns) == 1 else None
        if single is not None and _looks_like_toc([single]):
            # the 目次 saved as .csv: its first line is the header (「目　次」, or a chapter's line)
            topics, reading = _toc_topics([single, *(r[single] for r in table.rows)])
            name_col = None
        elif name_col is None:
            raise InputError(f"{path}: no topic column; head the column of topic names topic (or 見出し, 項目, 章), "
                             f"or list one topic a line in a .txt file (the file has: {', '.join(table.columns)})")
        desc_col = guess_column(table.columns, ("description", "keywords", "説明", "キーワード", "内容"),
                                what="description", required=False)
        if name_col is not None:
            topics = [Topic(r[name_col].strip(), (r.get(desc_col, "") if desc_col else "").strip())
                      for r in table.rows if r[name_col].strip()]
    if not topics:
        raise InputError(f"{path}: no topics found")
    topics, repeated = _without_repeats(topics)
    if reading and log:
        log(toc_line(path, reading))
    elif log:
        paged = sum(1 for t in topics if _page_range(t))
        log(f"topics: {path.name}: {len(topics)} topics read ({paged} with pages)")
    if log:
        for line in _topic_warnings(path, topics, repeated, reading):
            log(line)
    return topics


def _topic_key(name: str) -> str:
    return re.sub(r"\s", "", _kanji_to_digits(unicodedata.normalize("NFKC", name)))


def _without_repeats(topics: Sequence[Topic]) -> tuple[list[Topic], list[tuple[Topic, Topic]]]:
    """The topics with a name listed again left out (a line pasted twice); (kept, left out) pairs."""
    kept: dict[str, Topic] = {}
    repeated = []
    for t in topics:
        key = _topic_key(t.name)
        if key in kept:
            repeated.append((kept[key], t))
        else:
            kept[key] = t
    return list(kept.values()), repeated


def _topic_warnings(path: Path, topics: Sequence[Topic], repeated, reading) -> list[str]:
    """What looks wrong in a topics file (QA76: a section pasted twice with another section's pages took
    P.55 at score 1; a 目次 line without its page gave the section above it pages 39–52; nothing said so)."""
    out = []
    if reading is not None:
        repeated = list(repeated) + [(Topic(name), Topic(name)) for name in reading.repeated]
    for first, again in repeated[:3]:
        other = (f" (with other pages: {_page_text(again)}; the first line's {_page_text(first) or 'none'} are used)"
                 if _page_range(again) != _page_range(first) else "")
        out.append(f"warning: topics: {path.name} lists 「{first.name}」 twice: the later line is left out{other}")
    # (a 目次's pages run from line to line: a heading and the first line under it share its first page)
    ranges = [(t, _page_range(t), _section_head(t.name)) for t in topics] if reading is None else []
    shown = 0
    for i, (a, ra, ha) in enumerate(ranges):
        for b, rb, hb in ranges[i + 1:]:
            if not ra or not rb or ra[1] < rb[0] or rb[1] < ra[0]:
                continue
            if ha and hb and ha[0] == hb[0] and (_within(ha[1], hb[1]) or _within(hb[1], ha[1])):
                continue  # a chapter and its section, a section and its item: nested pages
            if shown < 3:
                out.append(f"warning: topics: {path.name}: 「{a.name}」 ({_page_text(a)}) and 「{b.name}」 ({_page_text(b)}) "
                           "share pages: a page cited there goes to either; correct the pages")
            shown += 1
    if reading is not None and reading.without_page and reading.with_pages:
        names = "、".join(f"「{n}」" for n in reading.without_page[:3])
        out.append(f"warning: topics: {path.name}: {names} {'has' if len(reading.without_page) == 1 else 'have'} no page "
                   "number: the pages from the line above run on past it to the next page given; add the page at the "
                   "line's end")
    return out


def _page_text(topic: Topic) -> str:
    rng = _page_range(topic)
    return "" if rng is None else f"{rng[0]}～{rng[1]}頁"


# A chapter and, optionally, a part of it: 第4章 / 第4章4 / 第4章第2節 / 4章 (after NFKC and kanji numerals),
# and an item of a 節 numbered after it: 第4章第1節2 (QA76: 「第4章第1節2」 was published as 第4章第1節1)
# (not a count of chapters: 「全5章」「5章立て」「5章構成」, QA79; nor 「第2章 2-1」's 2, a section written 2-1)
_SECTION_RE = re.compile(r"(?<![全計各約総])第?(\d+)章(?!立て|だて|構成)"
                         r"(?:第?(\d+)(?![\d]|[-‐－]\d)(節)?(?:(?<=節)(\d{1,2})(?![\d.]|(?:頁|ページ|[pP年月日件人名%歳回条章節号])))?)?")


def _part_of(m: re.Match) -> str:
    """The part of a chapter a ``_SECTION_RE`` match names: 「1」 (第1節 or 第4章1), 「1-2」 (第1節2), ""."""
    return (m.group(2) or "") + (f"-{m.group(4)}" if m.group(4) else "")


def _sections(text: str) -> set[tuple[str, str]]:
    """The chapters a text cites, as (chapter, part or "") (「第三章」 -> ("3", ""), 「第4章4」 ->
    ("4", "4"), 「第4章第1節2」 -> ("4", "1-2")); not a page (「3章12頁」 keeps the chapter only), nor another
    law's (「建築基準法第3章」)."""
    text = _kanji_to_digits(unicodedata.normalize("NFKC", text).replace(" ", ""))
    out = set()
    for m in _SECTION_RE.finditer(text):
        if _other_law_before(text, m.start()):
            continue  # 「建築基準法第3章」: a chapter of another law
        part = _part_of(m)
        if m.group(2) and not m.group(4) and re.match(r"\s*(?:頁|ページ|p|P)", text[m.end(2):]):
            part = ""
        out.add((m.group(1), part))
    return out


def _section_head(name: str) -> tuple[str, str] | None:
    """The section a topic name starts with (「第4章1 …」 -> ("4", "1"), 「第4章第1節2 …」 -> ("4", "1-2"),
    「第三章 …」 -> ("3", "")), or None; a bare number (「1 はじめに」, 「Ⅰ」) is not taken: 「1」 is in too many
    opinions."""
    name = _kanji_to_digits(unicodedata.normalize("NFKC", name).strip())
    m = _SECTION_RE.match(name) if name.startswith("第") else None
    return (m.group(1), _part_of(m)) if m else None


def _within(part: str, general: str) -> bool:
    """Whether the part 「1-2」 (第1節2) lies in the part ``general`` (「1」, 第1節; or "" for the chapter)."""
    return not general or part == general or part.startswith(general + "-")


_ANNEX_RE = re.compile(r"(?:別添|別紙|別表|別図|参考資料|資料)\s*[\d" + _KANJI_NUM + r"]+")


def _annex_head(name: str) -> str | None:
    """The reference key of the annex a topic name names (「別紙2 指標一覧」, also 「第6章2節 別紙2
    評価指標一覧」 as a table of contents lists it -> 別紙2), or of the article of an ordinance's
    draft it starts with (「第12条 指導及び助言」 -> 第12条, 「附則」 -> 附則), or None."""
    name = unicodedata.normalize("NFKC", name).strip()
    m = _ANNEX_RE.search(name)
    if m:
        return reference_key(m.group(0))
    if name.startswith("資料編"):  # 「資料編 策定経過…」: cited as 「資料編」 (QA76: words chose 第1章 for it)
        return "資料編"
    return _article_key(name)


def _article_key(ref: str) -> str | None:
    """The article a reference or topic name starts with (「第12条第2項」 -> 第12条; 「附則第2項」 ->
    附則): an ordinance's draft is listed and cited by article (QA33: topics 第1条 … 附則)."""
    ref = _kanji_to_digits(unicodedata.normalize("NFKC", ref)).replace(" ", "")
    if ref.startswith("附則"):
        return "附則"
    if ref.startswith("前文"):
        return "前文"
    m = re.match(r"第(\d+)条(の\d+)?", ref)
    return f"第{m.group(1)}条{m.group(2) or ''}" if m else None


_PAGES_RE = re.compile(r"(?:[Pp]\.?\s*(\d+)(?:\s*[-~〜～]\s*[Pp]?\.?\s*(\d+))?"
                       r"|(\d+)(?:\s*(?:頁|ページ))?\s*[-~〜～]\s*(\d+)\s*(?:頁|ページ)|(\d+)\s*(?:頁|ページ))")


def _page_range(topic: Topic) -> tuple[int, int] | None:
    """The pages a topic covers when its name or description gives them (「12～18頁」「p.12-18」
    「26ページ」), as the draft's table of contents does; else None."""
    text = unicodedata.normalize("NFKC", f"{topic.name} {topic.description}")
    m = _PAGES_RE.search(text)
    if not m:
        return None
    lo = int(m.group(1) or m.group(3) or m.group(5))
    hi = int(m.group(2) or m.group(4) or lo)
    return (lo, hi) if lo <= hi else None


def _cited_pages(text: str) -> list[int]:
    """The first page of each page reference of a text (「43頁」「p.12-14」「47頁以降」)."""
    out = []
    for ref in find_references(text):
        m = re.match(r"p(\d+)", reference_key(ref))
        if m:
            out.append(int(m.group(1)))
    return out


def _listed_keywords(topic: Topic) -> set[str]:
    """The words listed in a topic's description (split at spaces and 、，,／/), NFKC and lower case,
    of two characters or more."""
    words = re.split(r"[\s、，,／/]+", unicodedata.normalize("NFKC", topic.description).lower())
    return {w for w in words if len(w) >= 2}


def names_reference(section: str, reference: str) -> bool:
    """Whether ``section`` (a topic name) already says ``reference`` (「第３章　公共交通」 / 「第三章 …」
    say 第3章), whatever the width of its digits, its spaces or kanji numerals."""
    def norm(x: str) -> str:
        return _kanji_to_digits(unicodedata.normalize("NFKC", x)).replace(" ", "")
    return norm(reference) in norm(section)


def _topics_cited(text: str, heads, annexes, pages) -> dict[int, float]:
    """The topics one text cites, with how exactly: 2.0 its section, annex or one of its pages,
    1.5 its chapter (the topics do not divide it)."""
    out: dict[int, float] = {}
    cited = _sections(text)
    found = find_references(text) if any(annexes) else []  # (not another law's article: find_references)
    refs = {reference_key(ref) for ref in found} | {k for k in map(_article_key, found) if k}
    cited_pages = _cited_pages(text) if any(pages) else []
    exact = {head for head in heads if head is not None} & cited
    for j, head in enumerate(heads):
        if annexes[j] and annexes[j] in refs:
            out[j] = 2.0
        if pages[j] and any(pages[j][0] <= p <= pages[j][1] for p in cited_pages):
            out[j] = 2.0
        if head is None:
            continue
        chapter, part = head
        if (chapter, part) in cited:
            out[j] = 2.0  # the exact section
        elif part and any(c == chapter and p and _within(p, part) and (c, p) not in exact for c, p in cited):
            out[j] = max(out.get(j, 0.0), 1.8)  # the section an item cited lies in (第4章第1節2 -> 第4章第1節)
        elif not part and any(c == chapter for c, _ in cited):
            out[j] = max(out.get(j, 0.0), 1.5)  # its chapter
    return out


def _cited_topics(citing: tuple[str, Sequence[tuple[str, float]]], heads, annexes, pages) -> dict[int, float]:
    """The topics a row cites: those the text it shows cites, or more than half of its opinions
    (copies counted); a section one opinion of several names, which the row does not show, would
    mislead as the row's (QA: an IC-card row under 第4章6節 for one member's 障害者割引)."""
    shown, members = citing
    out = dict(_topics_cited(shown, heads, annexes, pages)) if shown else {}
    total = sum(w for _, w in members)
    weight: Counter = Counter()
    best: dict[int, float] = {}
    for text, w in members:
        for j, v in _topics_cited(text, heads, annexes, pages).items():
            weight[j] += w
            best[j] = max(best.get(j, 0.0), v)
    for j, v in best.items():
        if 2 * weight[j] > total:
            out[j] = max(out.get(j, 0.0), v)
    return out


def _places_cited(citing: tuple[str, Sequence[tuple[str, float]]]) -> tuple[set[tuple[str, str]], list[int]]:
    """The chapters and sections, and the pages, a row cites: those of the text it shows, or of more than
    half of its opinions (copies counted)."""
    shown, members = citing
    sections, pages = set(_sections(shown)), list(_cited_pages(shown)) if shown else []
    if not sections and not pages and members:
        total = sum(w for _, w in members)
        sec_weight: Counter = Counter()
        page_weight: Counter = Counter()
        for text, w in members:
            for key in _sections(text):
                sec_weight[key] += w
            for page in set(_cited_pages(text)):
                page_weight[page] += w
        sections = {key for key, w in sec_weight.items() if 2 * w > total}
        pages = [page for page, w in page_weight.items() if 2 * w > total]
    return sections, pages


def _inside_places(head, page_range, places) -> bool:
    """Whether a topic (its section head, its pages) lies inside a place a row cites: a topic of a cited
    chapter (or of a cited section), or one whose pages hold a cited page. A topic with neither head nor
    pages cannot be placed and is not."""
    sections, pages = places
    if head is not None and any(c == head[0] and _within(head[1], p) for c, p in sections):
        return True
    return bool(page_range and pages and any(page_range[0] <= p <= page_range[1] for p in pages))


def place_listed(reference: str, topics: Sequence[Topic]) -> bool:
    """Whether the topics cover the place ``reference`` names (a topic of its chapter, a topic whose pages hold
    its page, the annex or article itself); a reference of another kind (「図3」) counts as covered."""
    sections = _sections(reference)
    if sections:
        heads = [_section_head(t.name) for t in topics]
        return any(h and any(c == h[0] and (_within(h[1], p) or _within(p, h[1])) for c, p in sections) for h in heads)
    pages = _cited_pages(reference)
    if pages:
        ranges = [r for r in map(_page_range, topics) if r]
        return not ranges or any(r[0] <= pages[0] <= r[1] for r in ranges)
    key = reference_key(reference)
    if _ANNEX_RE.fullmatch(unicodedata.normalize("NFKC", reference).replace(" ", "")) or key == "資料編":
        return any(_annex_head(t.name) == key for t in topics)
    return True


# A part of the draft named by a word and a number (「施策1 路線バスの再編」「基本目標2」「取組3」), as a TOC lists them
_NUMBERED_PART_RE = re.compile(r"^(?:第[0-9]{1,2}章)?[ \u3000]*([\u4e00-\u9fff\u30a0-\u30ff]{1,6}?)([0-9]{1,2})(?![0-9])")


def _numbered_part(name: str) -> str:
    """「施策1」 of 「施策1 路線バスの再編」 or 「第4章施策1 …」; "" for a 第N章/節/条 or a plain number."""
    m = _NUMBERED_PART_RE.match(unicodedata.normalize("NFKC", name).strip())
    return "" if m is None or m.group(1).startswith("第") else m.group(1) + m.group(2)


def _cite_numbered_parts(topics: Sequence["Topic"], citing, cited_score: np.ndarray) -> None:
    """A row citing 「施策1」 (「第4章施策1の路線バスの再編について」) is about the topic 「施策1 …」, when one topic
    alone is so named; over the chapter it sits in (QA63: 「第4章施策1」 gave 第4章 only). Cited when the text
    the row shows names it, or more than half of its opinions do."""
    parts = [_numbered_part(t.name) for t in topics]
    named = Counter(p for p in parts if p)
    for j, part in enumerate(parts):
        if not part or named[part] > 1:
            continue
        rx = re.compile(re.escape(part) + r"(?![0-9])")
        for r, (shown, members) in enumerate(citing):
            total = sum(c for _, c in members) or 1.0
            if rx.search(unicodedata.normalize("NFKC", shown)) or 2 * sum(
                    c for t, c in members if rx.search(unicodedata.normalize("NFKC", t))) > total:
                cited_score[r, j] = max(cited_score[r, j], 3.0)  # over the chapter it is part of


def match_topics(cluster_texts: Sequence[str], cluster_vectors: np.ndarray, topics: Sequence[Topic],
                 encoder, tokenizer, citing: Sequence[tuple[str, Sequence[tuple[str, float]]]] | None = None
                 ) -> list[tuple[str, float]]:
    """Best topic per cluster with a 0..1 score: embedding cosine averaged with word overlap
    (TF-IDF cosine of lemmas of two characters or more); the topic is the one it shares words with most.

    Only a topic that shares a word (content lemma) with the cluster's texts can be its topic;
    a cluster that shares none with any topic gets ``("", 0.0)``. The embedding alone is no
    evidence: a static model's cosine between 「体育館を増やしてほしい」 and 「第5章 文化施設」 is
    as high as that of a real match, and a wrong section in the published table misleads more
    than an empty one. Staff link more clusters by adding words to a topic's description.

    A section, annex or page a row cites (「第4章2節」「別紙2」「43頁」, pages as the topics give them:
    「第3章 … 12～18頁」) makes that topic the row's with score 1, when the text the row shows cites
    it or more than half of its opinions do. ``citing``: per cluster, (the text it shows, [(each
    distinct opinion text, its copies)]); by default each ``cluster_texts`` entry alone."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if citing is None:  # each cluster's text is all it says
        citing = [(text, [(text, 1.0)]) for text in cluster_texts]
    topic_texts = [f"{t.name} {t.description}".strip() for t in topics]
    topic_vecs = encoder.encode(topic_texts)
    emb = np.clip(cluster_vectors @ topic_vecs.T, 0.0, 1.0)
    def analyzer(text: str) -> list[str]:
        # one-character lemmas are mostly the tails of compounds (駐車場 / 広場: 場) and link nothing;
        # a one-character prefix makes another word (新幹線 is no 幹線: QA saw it under 路線バス)
        return [w for w in tokenizer.lemmas(text, glue_prefixes=True) if len(w) >= 2]

    vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    vec.fit(list(cluster_texts) + topic_texts)
    by_topic = vec.transform(topic_texts)
    if len(topics) > 1:
        # a word every topic has (「第1章 図書館の整備」「第2章 公園の整備」: 整備) tells none of them apart
        in_every = np.asarray((by_topic > 0).sum(axis=0)).ravel() == len(topics)
        by_topic = by_topic.multiply((~in_every).astype(np.float64)[None, :]).tocsr()
    lex = (vec.transform(cluster_texts) @ by_topic.T).toarray()
    # The words staff listed for a topic, found as written in the cluster's text (「外来種」「PM2.5」
    # 「食品ロス」): the tokenizer cuts them (外来 + 種, PM + 2.5) and a topic sharing two everyday
    # words (県民, 参加) outweighed them. A keyword listed under k topics counts 1/k.
    listed = [_listed_keywords(t) for t in topics]
    listed_in = Counter(k for words in listed for k in words)
    # A listed word counts where it stands as a word (「幹線」 is none in 「新幹線」, nor 「通学」 in
    # 「通学路」: QA saw out-of-scope opinions given a section by such a piece).
    from .tokenize import keyword_hits

    every_listed = set(listed_in)
    hits = np.zeros_like(lex)
    for r, text in enumerate(cluster_texts):
        folded = unicodedata.normalize("NFKC", text).lower()
        present = {w for _, _, w in keyword_hits(folded, [k for k in every_listed if k in folded], tokenizer,
                                                 heads=True)} if every_listed else set()
        for j, words in enumerate(listed):
            hits[r, j] = sum(1.0 / listed_in[k] for k in words if k in present)
    lex_or_listed = lex + 0.5 * hits
    score = np.where(hits > 0, np.maximum(0.5 * emb + 0.5 * lex, np.minimum(1.0, 0.4 + 0.1 * hits)),
                     0.5 * emb + 0.5 * lex)
    # The words decide which topic (staff listed 子ども食堂 under 第4章4; the embedding leaned to
    # 第4章5 経済的支援 for a 補助金 request); the embedding only separates topics the cluster
    # shares words with about equally.
    rank = np.where(lex_or_listed > 0, lex_or_listed + 0.1 * emb, -1.0)
    # An opinion that names the topic's own section (「第5章の量の見込みの…」, topic 「第5章 …」)
    # concerns that topic, whatever words it shares with others: its score is 1. 「第4章4」 cited
    # is topic 第4章4, or 第4章 when the topics do not divide the chapter.
    heads = [_section_head(t.name) for t in topics]
    # a topic named by an annex or the like (「別紙2 指標一覧」): cited as 「別紙2」
    annexes = [_annex_head(t.name) for t in topics]
    pages = [_page_range(t) for t in topics]
    cited_score = np.zeros_like(rank)
    for r in range(len(cluster_texts)):
        for j, score_j in _cited_topics(citing[r], heads, annexes, pages).items():
            cited_score[r, j] = score_j
    # A chapter cited where the topics divide it (a form's question 「第3章について」 over every answer, QA53):
    # its sections the row shares words with are cited as much, so the words pick 第3章第2節 over 第3章
    sections_of: dict[str, list[int]] = {}
    for j, h in enumerate(heads):
        if h and h[1]:
            sections_of.setdefault(h[0], []).append(j)
    for r in range(len(cluster_texts)):
        for j in list(np.flatnonzero(cited_score[r] > 0)):
            h = heads[j]
            if h and not h[1]:
                for k in sections_of.get(h[0], ()):
                    if lex_or_listed[r, k] > 0 and cited_score[r, k] < cited_score[r, j]:
                        cited_score[r, k] = cited_score[r, j]
    _cite_numbered_parts(topics, citing, cited_score)
    # A place cited that no topic is (a chapter the topics list only by its sections, 「第4章第1節」 over its
    # items 1 and 2, a page in no topic's pages): the words pick among the topics inside it, never one
    # outside it (QA76: 「第二章の現状分析…」 under 第3章第2節, 「P.95」 beside 第4章第1節2)
    for r in range(len(cluster_texts)):
        if (cited_score[r] > 0).any():
            continue
        places = _places_cited(citing[r])
        if not places[0] and not places[1]:
            continue
        inside = np.array([_inside_places(heads[j], pages[j], places) for j in range(len(topics))])
        for k in np.flatnonzero(inside & (lex_or_listed[r] > 0)):
            cited_score[r, k] = 1.2
        rank[r, ~inside] = -1.0
    named = cited_score > 0
    rank = np.where(named, cited_score + np.maximum(rank, 0.0), rank)
    score = np.where(named, 1.0, score)
    out = []
    for r, row in enumerate(rank):
        best = int(np.argmax(row))
        out.append((topics[best].name, round(float(score[r, best]), 4)) if row[best] >= 0 else ("", 0.0))
    return out
