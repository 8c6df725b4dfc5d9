"""Japanese tokenization with fugashi + unidic-lite.

One ``Tokenizer`` serves labels (c-TF-IDF keywords), past-answer search (BM25) and the
static embedding model, so all of them see the same tokens. A fugashi ``Tagger`` cannot
be pickled; the wrapper creates it lazily, so a ``Tokenizer`` can be sent to worker
processes and each process builds its own tagger.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Mapping

# Parts of speech that carry content (UniDic pos1).
CONTENT_POS = {"名詞", "動詞", "形容詞", "形状詞", "副詞", "接頭辞", "接尾辞", "代名詞", "感動詞", "連体詞"}
# Parts of speech kept as keywords (labels): nouns, verbs, adjectives.
KEYWORD_POS = {"名詞", "動詞", "形容詞", "形状詞"}
# Noun-like pieces that glue into compound nouns: 自転車 + 駐輪場 -> 自転車駐輪場.
_COMPOUND_POS = {"名詞", "接頭辞"}
_COMPOUND_SUFFIX_POS2 = {"名詞的"}


@dataclass(frozen=True)
class Token:
    surface: str
    lemma: str  # dictionary form, UniDic lemma with its "-english" gloss removed
    base: str  # orthographic base form (書字形基本形), falls back to the surface
    pos1: str
    pos2: str


def _clean_lemma(lemma: str | None, fallback: str) -> str:
    if not lemma or lemma == "*":
        return fallback
    # UniDic writes some lemmas with a gloss: "ページ-page", "アール-R".
    head = lemma.split("-", 1)[0]
    return head or fallback


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words that say nothing about an opinion's topic (administrative filler)."""
    text = resources.files("cluster").joinpath("resources/stopwords_ja.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def _shared_tagger():
    """One fugashi Tagger per process, shared by every Tokenizer. A Tagger's memory is never
    given back (fugashi 1.5: about 10 MB each, 120 MB once it has tagged a few hundred texts),
    so a Tagger per run grew a notebook kernel by 130 MB on every re-run and the test suite
    past 40 GB. The tool tags in one thread; worker processes get their own."""
    import fugashi  # imported lazily: workers import it themselves

    return fugashi.Tagger()


class Tokenizer:
    """Callable fugashi wrapper: ``Tokenizer()(text) -> list[Token]``. Picklable."""

    def __init__(self) -> None:
        self._tagger = None

    def __getstate__(self) -> dict:
        return {}

    def __setstate__(self, state: dict) -> None:
        self._tagger = None

    @property
    def tagger(self):
        if self._tagger is None:
            self._tagger = _shared_tagger()
        return self._tagger

    def __call__(self, text: str) -> list[Token]:
        out = []
        for word in self.tagger(text):
            feature = word.feature
            surface = word.surface
            pos1 = getattr(feature, "pos1", None) or ""
            pos2 = getattr(feature, "pos2", None) or ""
            lemma = _clean_lemma(getattr(feature, "lemma", None), surface)
            base = getattr(feature, "orthBase", None)
            base = surface if not base or base == "*" else base
            out.append(Token(surface, lemma, base, pos1, pos2))
        return out

    def surfaces(self, text: str) -> list[str]:
        """All surface forms, the fastest call (no feature parsing)."""
        return [w.surface for w in self.tagger(text)]

    def lookup_ids(self, text: str, table: Mapping[str, int]) -> list[int]:
        """Row ids of the tokens of ``text`` in ``table`` (the static embedding model's keys).

        The text is NFKC-normalised; each token is looked up by its surface, else its
        orthographic base form (書字形基本形), else its lemma (gloss removed); tokens found
        under none of them are skipped. The features are parsed only for tokens whose
        surface is not in the table, which keeps this close to the speed of ``surfaces``.
        Training and inference of the default model both go through this method.
        """
        get = table.get
        out = []
        append = out.append
        for word in self.tagger(unicodedata.normalize("NFKC", text)):
            row = get(word.surface)
            if row is None:
                fields = word.feature_raw.split(",")
                if len(fields) > 10:
                    row = get(fields[10])  # orthBase
                    if row is None:
                        row = get(fields[7].split("-", 1)[0])  # lemma
                if row is None:
                    continue
            append(row)
        return out

    def lemmas(self, text: str, content_only: bool = True, glue_prefixes: bool = False) -> list[str]:
        """Lemmas of content words (NFKC-normalised text), stopwords removed. ``glue_prefixes``: a
        one-character prefix makes another word with the noun after it (新 + 幹線 -> 新幹線, not 幹線).
        An opinion in another script gets its words (``foreign_words``)."""
        text = unicodedata.normalize("NFKC", text)
        if (script := script_of(text)) != "ja":
            return foreign_words(text, script)
        stop = stopwords()
        out = []
        toks = self(text)
        for k, tok in enumerate(toks):
            if content_only and tok.pos1 not in CONTENT_POS:
                continue
            if tok.pos1 == "名詞" and tok.pos2 == "数詞":
                continue
            if tok.lemma in stop:
                continue
            prev = toks[k - 1] if k else None
            if glue_prefixes and prev is not None and prev.pos1 == "接頭辞" and len(prev.surface) == 1 \
                    and tok.pos1 == "名詞":
                out.append(prev.surface + tok.lemma)
                continue
            out.append(tok.lemma)
        return out

    def keywords(self, text: str, nouns_only: bool = False) -> list[str]:
        """Keyword candidates: compound nouns and content-word base forms, stopwords removed.

        Compound nouns are glued from runs of nouns, prefixes and noun-like suffixes, so
        「自転車駐輪場」 stays one keyword instead of 自転 / 車 / 駐輪 / 場.
        """
        text = unicodedata.normalize("NFKC", text)
        if (script := script_of(text)) not in ("ja", "latin") or (script == "latin" and not text.isascii()):
            # Korean, Chinese, Vietnamese …: the tagger glued a Vietnamese sentence into one noun
            return [w for w in foreign_words(text, script) if len(w) > 2 or not w.isascii()]
        stop = stopwords()
        out: list[str] = []
        run: list[Token] = []

        def flush() -> None:
            if not run:
                return
            # A compound never starts with a suffix nor ends with a prefix.
            while run and run[0].pos1 == "接尾辞":
                run.pop(0)
            while run and run[-1].pos1 == "接頭辞":
                run.pop()
            # nor starts or ends with a formal noun: 「このまま存続」 is 存続, not まま存続
            while run and run[0].lemma in _FORMAL_NOUNS:
                run.pop(0)
            while run and run[-1].lemma in _FORMAL_NOUNS:
                run.pop()
            if run:
                word = "".join(t.surface for t in run) if len(run) > 1 else run[0].base
                # one noun is checked by its lemma too: 「…したうえで」 is 上, a stopword, written うえ
                if (word not in stop and word not in _LABEL_STOP and not (len(run) == 1 and run[0].lemma in stop)
                        and not _is_trivial(word) and not _AMOUNT_WORD_RE.fullmatch(word)):
                    out.append(word)
            run.clear()

        for tok in self(text):
            if tok.surface in _LETTER_WORDS:  # 「前略　森林環境税」: the blank between is not seen
                flush()
                continue
            if _is_latin_word(tok.surface):
                # English words are keywords one by one (「IAEA基準」 still glues): an English
                # opinion's nouns made one keyword a sentence long (「Busserviceistooinfrequent」)
                if run and _is_latin_word(run[-1].surface):
                    flush()
                if tok.surface.lower() in ENGLISH_STOPWORDS or tok.surface.lower() in FOREIGN_STOPWORDS:
                    flush()
                    continue
            is_number = tok.pos1 == "名詞" and tok.pos2 == "数詞"
            gluable = (tok.pos1 in _COMPOUND_POS and not is_number and tok.pos2 != "代名詞") or (
                tok.pos1 == "接尾辞" and tok.pos2 in _COMPOUND_SUFFIX_POS2
            )
            if gluable:
                run.append(tok)
                continue
            flush()
            if not nouns_only and tok.pos1 in KEYWORD_POS and tok.pos1 != "名詞":
                if tok.lemma not in stop and tok.base not in stop and not _is_trivial(tok.base):
                    out.append(tok.base)
        flush()
        return out


# The city, prefecture or town that holds the consultation: every opinion to it is about it, so it
# labels nothing (a keyword only: as a lemma it still tells 県外 from 県内 apart in the similarity);
# the formal noun まま (このまま); words of a letter's connectives (次に, そういうわけで, 最後に一点)
# and of the greetings the filter missed (時下ますますご清栄, 末筆ながら): a label of 「わけ・便数・維持」
# or 「公共交通・ご清栄・バス」 tells staff nothing; nor does the formal noun はず or a bare 人 (QA:
# 「保存・はず・中央広場」「人・車・有料化」).
_LABEL_STOP = frozenset({"市", "県", "町", "村", "まま", "侭", "次", "わけ", "訳", "最後", "一点", "二点", "三点",
                         "はず", "筈", "人", "方々", "おそれ", "恐れ", "虞",  # 「…のおそれがある」 (QA83's 「おそれ・…」)
                         "びっくり", "拝啓", "拝啓時下", "時下", "ご清栄", "清栄", "ご清祥", "清祥", "お慶び", "末筆",
                         "ご健勝", "健勝", "ご苦労様", "恐縮", "前略", "謹啓", "草々", "敬具", "敬白", "御中",
                         # the counters of a reference or a date left alone (「第12条第2項」「1年」): QA33's
                         # labels read 「項・事業者・勧告」; the reference itself is in 該当箇所
                         "条", "項", "号", "章", "節", "頁", "款", "編", "年", "月", "日", "件", "回"})
_FORMAL_NOUNS = frozenset({"侭", "為", "事", "程", "通り"})
# a counter with 以上 / 以下 … left of an amount (「100円以上」 without its number): QA83's label 「…・円以上」
_AMOUNT_WORD_RE = re.compile(r"(?:円|人|名|件|回|年|か月|ヶ月|カ月|月|日|歳|才|分|時間|台|kg|km|m|%|％|倍|割|世帯|戸)"
                             r"(?:以上|以下|未満|超|程度|前後|くらい|ぐらい|ほど|余り|あまり|強|弱)")  # not 所 or 物: 保育所, 農産物
# a letter's opening and closing words: never glued to the noun after them into one keyword
_LETTER_WORDS = frozenset({"前略", "拝啓", "謹啓", "草々", "早々", "敬具", "敬白", "謹白", "御中"})


# English function words: never a keyword, and no part of an English opinion's lemmas when
# opinions are compared (``grouping``): every English request shares them
ENGLISH_STOPWORDS = frozenset("""
a about above after again all also am an and any are as at be because been being below between both
but by can could did do does doing don down during each few for from further had has have having he
her here hers him his how i if in into is it its itself just let me more most my no nor not now of
off on once only or other our ours out over own please same she should so some such than thank thanks
that the their theirs them then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your yours s t ll re ve d m cannot
""".split())


# --- opinions written in another language -------------------------------------------------------
# A city's consultation on its plan for foreign residents gets opinions in Korean, Chinese,
# Vietnamese, Portuguese, Nepali, Tagalog … (QA44). The Japanese tagger has nothing for them:
# Korean and Nepali gave no lemmas at all, Vietnamese keywords came out a sentence long
# (「TôimuốncóthêmlớphọctiếngNhật」), Chinese split into odd pieces. Their words are read here
# instead, by script: words between spaces and punctuation (Latin letters of any accent, Devanagari
# …), Korean words less their particle or ending (통역을 -> 통역), Chinese as pairs of characters.

def _in(ch: str, *ranges: tuple[int, int]) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in ranges)


_KANA = ((0x3041, 0x30FA), (0xFF66, 0xFF9D))
_IDEOGRAPH = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_HANGUL = ((0xAC00, 0xD7AF), (0x1100, 0x11FF), (0x3130, 0x318F))
# characters of written Chinese that Japanese text without kana hardly has: the function words, and
# simplified or traditional forms Japanese writes otherwise (语/語, 们, 这, 对/対 …)
_CHINESE_MARKS = frozenset("的了是在我你他她们們这這吗嗎呢吧您很对對没沒还還让讓给給请請说說听聽么麼个個里裡哪怎谢謝"
                           "语课辅导进过关开车东书长见现发样为认识觉该应话读写买卖钱疗译员单县岁时间问门"
                           "醫國學區體廣與從絕訊灣臺實們")


_KANA_RE = re.compile("[\u3041-\u30fa\uff66-\uff9d]")
_IDEOGRAPH_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def script_of(text: str) -> str:
    """The script an opinion is written in: ``ja`` (kana, or kanji as Japanese writes them),
    ``latin`` (at least 20 Latin letters of any accent and more than three per kana or kanji: an
    English or Vietnamese opinion, not a Japanese one naming 「IAEA」), ``hangul``, ``chinese``
    (ideographs with no kana and words only Chinese uses), or ``other`` (Devanagari, Thai …)."""
    kana = len(_KANA_RE.findall(text))
    # most opinions: a quarter of their characters kana, or half kana and kanji: no need to look further
    if kana >= 5 and (4 * kana > len(text) or 2 * (kana + len(_IDEOGRAPH_RE.findall(text))) > len(text)):
        return "ja"
    kana = ideo = latin = hangul = other = marks = 0
    for ch in text:
        if ch.isascii():
            latin += ch.isalpha()
        elif _in(ch, *_KANA):
            kana += 1
        elif _in(ch, *_IDEOGRAPH):
            ideo += 1
            marks += ch in _CHINESE_MARKS
        elif _in(ch, *_HANGUL):
            hangul += 1
        elif ch.isalpha():
            if "LATIN" in unicodedata.name(ch, ""):  # (full-width Ａ too)
                latin += 1
            else:
                other += 1
    japanese = kana + ideo
    if hangul >= 8 and hangul > japanese:
        return "hangul"
    if latin >= 20 and latin > 3 * japanese + hangul + other:
        return "latin"
    if other >= 12 and other > japanese + latin:
        return "other"
    if ideo >= 10 and kana == 0 and marks >= 2:
        return "chinese"
    return "ja"


# function words of the languages foreign residents most often write in besides English: every
# opinion in the language shares them, so they would join unrelated requests
FOREIGN_STOPWORDS = frozenset("""
tôi chúng ta là của và có các những cho không được để với này một rất cần nên thì mà ở trong vào ra khi người
xin hãy vui lòng muốn thêm cũng đã đang sẽ bị từ như nhiều hơn về theo nếu vì nhưng hoặc bạn họ mình em anh chị
de da do das dos o os as e em no na nos nas para por com um uma uns umas que é mais muito eu nós meu minha meus
minhas se não também ao aos à às seu sua seus suas como mas ou gostaria favor ser ter está são foi há isso este
esta pelo pela el la los las y en del al por lo le les un una es
ang ng sa na mga ay at po ko ako kami namin para may si ni hindi din rin lang ito iyon natin tayo sana kung
ka mo niya nila ninyo kayo yung dahil pero rin nang
""".split())
# letters only Vietnamese writes (ơ, ư, đ, ă and the tone marks under or over a vowel: ạ, ả, ấ …);
# Portuguese has â, ê and ô too
_VIETNAMESE_RE = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")
_KOREAN_ENDINGS = tuple(sorted("""
습니다 합니다 입니다 됩니다 있습니다 없습니다 주세요 해주세요 해요 세요 어요 아요 니다 에서는 에서 에게 으로는 으로 로는 까지 부터
처럼 보다 하고 이나 이다 을 를 이 가 은 는 에 의 도 로 과 와 고 서 면 며 게 지 요 다
""".split(), key=len, reverse=True))
_KOREAN_STOP = frozenset("저 제 저는 우리 저희 있 없 것 수 등 및 더 좀 너무 정말 그 이 그리고 하지만 또 또한 감사 감사합니다".split())
# words of any Chinese request (hope, can, because, but, foreign …): pairs of characters to leave out
_CHINESE_STOP = frozenset("希望 可以 能够 能夠 因为 因為 所以 但是 如果 没有 沒有 非常 谢谢 謝謝 建议 建議 觉得 覺得 需要 应该 應該 外国 外國".split())
_CHINESE_FUNCTION = frozenset("的了们們我你他她是在和与與也都很就不吗嗎呢吧把被给給让讓对對为為这這那个個有")


def _words(text: str) -> list[str]:
    """Runs of letters and their marks (Devanagari vowel signs, Vietnamese tones) between spaces,
    digits and punctuation."""
    out, cur = [], []
    for ch in text:
        if unicodedata.category(ch)[0] in "LM":
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def foreign_words(text: str, script: str | None = None) -> list[str]:
    """The words of an opinion written in another script (``script_of``), lower case, function
    words out; [] for a Japanese one."""
    script = script or script_of(text)
    text = unicodedata.normalize("NFKC", text)
    if script == "ja":
        return []
    out: list[str] = []
    if script == "latin" and len(_VIETNAMESE_RE.findall(text)) >= 2:
        # Vietnamese writes a word as syllables apart (tiếng Nhật, tiếng Việt: Japanese, Vietnamese):
        # the pairs of syllables are its words, one syllable is shared by unrelated requests
        syl = [w.lower() for w in _words(text)]
        return [f"{a} {b}" for a, b in zip(syl, syl[1:]) if a not in FOREIGN_STOPWORDS and b not in FOREIGN_STOPWORDS]
    for w in _words(text):
        if script == "chinese" or all(_in(ch, *_IDEOGRAPH) for ch in w):
            # no spaces between Chinese words: pairs of characters, none holding a function word
            out += [w[k:k + 2] for k in range(len(w) - 1)
                    if not (set(w[k:k + 2]) & _CHINESE_FUNCTION) and w[k:k + 2] not in _CHINESE_STOP
                    and all(_in(c, *_IDEOGRAPH) for c in w[k:k + 2])]
        elif any(_in(ch, *_HANGUL) for ch in w):
            stem = next((w[:-len(e)] for e in _KOREAN_ENDINGS if w.endswith(e) and len(w) > len(e)), w)
            if len(stem) >= 2 and stem not in _KOREAN_STOP:
                out.append(stem)
        else:
            w = w.lower()
            if w in ENGLISH_STOPWORDS or w in FOREIGN_STOPWORDS or (w.isascii() and len(w) < 2):
                continue
            out.append(w)
    return out


def _is_latin_word(surface: str) -> bool:
    return surface.isascii() and surface.isalpha()


def _is_trivial(word: str) -> bool:
    """One kana, digits or symbols only: never a useful keyword."""
    if len(word) <= 1 and not ("\u4e00" <= word <= "\u9fff"):
        return True
    return all(not ch.isalnum() or ch.isdigit() for ch in word)



# --- keywords found as words in a text ---------------------------------------------------------

def char_script(ch: str) -> str:
    """kanji / katakana / other: a keyword is not a word inside a longer run of kanji or katakana."""
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch in "々〆ヶ":
        return "kanji"
    if "\u30a1" <= ch <= "\u30fa" or ch in "ーヽヾ" or "\uff66" <= ch <= "\uff9f":
        return "katakana"
    return "other"


def keyword_spans(text: str, keywords, tokenizer: "Tokenizer", heads: bool = False) -> list[tuple[int, int]]:
    """``(start, end)`` of each keyword found as a word (``keyword_hits``)."""
    return [(s, e) for s, e, _ in keyword_hits(text, keywords, tokenizer, heads)]


def keyword_hits(text: str, keywords, tokenizer: "Tokenizer", heads: bool = False) -> list[tuple[int, int, str]]:
    """``(start, end, keyword)`` in ``text`` of the keywords standing as words (NFKC): the span starts and ends
    where the tokenizer cuts the (NFKC-normalised) text and not inside a longer run of kanji or
    katakana (「子」 is no word in 「子ども」, nor 「場所」 in 「居場所」, 「幹線」 in 「新幹線」 or
    「通学」 in 「通学路」); a verb or adjective keyword (its base form, 「増やす」) is found in its
    inflected form (「増やし」). ``heads``: a keyword that ends a compound at a token boundary is
    found too (「定期券」 in 「通学定期券」, 「バス」 in 「コミュニティバス」: Japanese compounds end in
    what they are) after a modifier of two characters or more (「幹線」 is no word in 「新幹線」), never
    one that starts or sits inside a compound. Longest first, no overlaps."""
    import re

    chars, origin = [], []
    for i, ch in enumerate(text):  # NFKC one character at a time: each maps back to its own
        for k, c in enumerate(unicodedata.normalize("NFKC", ch)):
            chars.append(c)
            origin.append(i if k == 0 else None)
    norm = "".join(chars)
    origin.append(len(text))
    starts, ends, pos = set(), set(), 0
    base_spans: dict[str, list[tuple[int, int]]] = {}
    for tok in tokenizer(norm):
        s = norm.find(tok.surface, pos)
        if s < 0 or not tok.surface:
            continue
        e = s + len(tok.surface)
        starts.add(s)
        ends.add(e)
        if tok.base != tok.surface:
            base_spans.setdefault(tok.base, []).append((s, e))
        pos = e
    words = sorted({unicodedata.normalize("NFKC", k) for k in keywords if k and k.strip()}, key=len, reverse=True)
    found: list[tuple[int, int, str]] = []
    taken = [False] * len(norm)

    def glued(a: str, b: str) -> bool:
        return char_script(a) != "other" and char_script(a) == char_script(b)

    def whole(s: int, e: int) -> bool:
        if s not in starts or e not in ends or origin[s] is None or origin[e] is None:
            return False
        if s > 0 and glued(norm[s - 1], norm[s]):
            run = s - 1
            while run > 0 and glued(norm[run - 1], norm[run]):
                run -= 1
            # the head of a compound, after a modifier of two characters or more (not 「新」 of 新幹線)
            if not heads or s - run < 2:
                return False
        if e < len(norm) and glued(norm[e - 1], norm[e]):
            return False
        return not any(taken[s:e])

    for w in words:
        spans = [(m.start(), m.start() + len(w)) for m in re.finditer(re.escape(w), norm)]
        spans += base_spans.get(w, [])
        for s, e in sorted(set(spans)):
            if whole(s, e):
                found.append((s, e, w))
                taken[s:e] = [True] * (e - s)
    return sorted((origin[s], origin[e], w) for s, e, w in found)
