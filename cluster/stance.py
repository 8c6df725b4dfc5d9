"""Reading an opinion's stance from its text.

Three readings, each used to keep opposite opinions out of one row of the published table
(「同趣旨の意見」 must be of the same intent) and to keep a past answer to the opposite request
from being offered:

- ``stance_only``: an opinion that states only a stance (「反対」「断固反対です」「撤回してほしい」,
  「賛成」) with no reason; the grouping gives each polarity its own cluster, as published
  tables do (「反対（理由の記載なし）」).
- ``explicit_polarity``: +1 for 賛成・賛同, -1 for 反対 (negations read: 「賛成できない」 is
  against, 「反対ではない」 neither).
- ``request_polarity``: +1 for an opinion that asks for something (〜してほしい・〜すべき),
  -1 for one that rejects what it names (不要・いらない・やめて・撤去して・廃止して・反対); the
  rejection of a cut or a closure (「減便をやめてほしい」「廃止に反対」) is a request to keep.
  ``rejects`` is its rejection half for one text (past answers penalise the opposite side).
- ``request_directions``: for a closed list of actions with antonyms (値上げ/値下げ, 増便/減便,
  延長/短縮, 拡大/縮小, 増額/減額, 増税/減税, 有料化/無料化, 存続/廃止, 伐採 and 伐採しないで, and a
  price said to be too high or asked lower: 「料金を安くしてほしい」), the direction each one asked for
  goes: two requests (+1 both) can still be opposite (「値上げすべきだ」「値下げしてほしい」).

All read NFKC text with regular expressions or UniDic lemmas; none needs a model.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import numpy as np

# Stance words (UniDic lemmas as produced by Tokenizer.lemmas).
AGAINST = frozenset({"反対", "撤回", "止める", "辞める", "中止", "駄目", "禁止", "廃案", "白紙", "断固",
                     "絶対", "絶対的", "拒否", "許す", "見直す", "見送る"})
SUPPORT = frozenset({"賛成", "大賛成", "支持", "推進", "賛同", "同意", "期待", "歓迎"})
# Stance words that are also plain requests about a thing (「ダイヤを見直してほしい」
# 「路上喫煙を禁止してほしい」「図書館の建設を推進してほしい」): with only these, an opinion is a
# stance on the draft only when everything else it names is the draft's own subject.
_REQUEST_VERBS = frozenset({"見直す", "止める", "辞める", "中止", "見送る", "撤回", "禁止", "許す", "駄目",
                            "推進", "期待", "歓迎"})
# Words that carry no content of their own in a stance-only opinion.
_FILLER = frozenset({"為る", "居る", "有る", "成る", "欲しい", "思う", "考える", "願う", "下さる", "頂く",
                     "呉れる", "致す", "頂ける", "此の", "其の", "其れ", "此れ", "大", "様", "事", "物",
                     "的", "案", "法", "法案", "計画", "改正", "今回", "本", "省令", "政令", "条例",
                     "お願い", "願い", "強い", "全く", "本当", "是非", "一切", "兎に角"})


# A reason is being given, or the text is more than one plain clause.
_REASON_MARK = re.compile(r"ため|為|ので|から|なぜ|何故|理由|[、，,「」『』\"（）()]")
_SENTENCE_END = re.compile(r"[。．！？!?\n]+")
# The draft's title, then the stance: 「…を改正する省令案等に反対です。」 (NFKC text). Only
# names of legal instruments: 「景観を壊す計画に反対」 carries a reason in its modifier.
_TITLE_THEN_STANCE = re.compile(
    r"(?:法律|法|省令|政令|規則|条例|告示)(?:の一部を改正する(?:法律|省令|政令|規則|条例|告示)?)?(?:案)?(?:等|など)?"
    r"(?:に|には|は|を|の)?(?:断固|絶対|強く)?(?:反対|賛成)(?:です|します|致します|いたします|である|だ)?$")
# Parts of speech that make a predicate (a reason or a demand of its own), UniDic pos1.
_PREDICATE_POS = frozenset({"動詞", "形容詞", "形状詞", "副詞"})


def _names_only(text: str, tokenizer) -> bool:
    """True when ``text`` is one clause that names only the object of a stance.

    Either nouns (and particles) plus stance or filler words, or the draft's title followed
    by the stance word. ``tokenizer``: ``cluster.tokenize.Tokenizer``.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    if not text or _REASON_MARK.search(text):
        return False
    clauses = [c for c in _SENTENCE_END.split(text) if c.strip()]
    if len(clauses) != 1:
        return False
    clause = clauses[0].strip()
    if _TITLE_THEN_STANCE.search(clause):
        return True
    stance_and_filler = AGAINST | SUPPORT | _FILLER
    return not any(t.pos1 in _PREDICATE_POS and t.lemma not in stance_and_filler for t in tokenizer(clause))


_SLOGAN_POS = frozenset({"名詞", "接頭辞", "接尾辞", "補助記号", "記号", "空白"})


def _slogan(text: str, tokenizer) -> bool:
    """A noun phrase ending in its stance word, with no predicate: 「汚染土県外使用禁止」
    「#全国配送バラマキ反対」 (a request would say 「…を禁止してほしい」)."""
    toks = [t for t in tokenizer(unicodedata.normalize("NFKC", text).strip()) if t.pos1 not in ("補助記号", "空白")]
    return bool(toks) and all(t.pos1 in _SLOGAN_POS for t in toks) and toks[-1].lemma in AGAINST | SUPPORT


def stance_only(tokens: list[list[str]], common_fraction: float = 0.08, max_residual: int = 1,
                texts: list[str] | None = None, tokenizer=None) -> list[str | None]:
    """``"against"``/``"support"`` for opinions that state only a stance, else ``None``.

    ``common_fraction``: lemmas in at least this share of the opinions (and >= 3 of them) are
    the draft's own subject and do not count as a reason. ``texts`` (same order as
    ``tokens``) also admit one-clause opinions that only name what they oppose or support
    (see ``_names_only``); ``tokenizer`` defaults to a new ``Tokenizer``.
    """
    n = len(tokens)
    df: Counter[str] = Counter()
    for toks in tokens:
        df.update(set(toks))
    floor = max(3.0, common_fraction * n)
    common = {w for w, c in df.items() if c >= floor}
    residuals = [set(toks) - AGAINST - SUPPORT - _FILLER - common for toks in tokens]

    def allowed(toks) -> int:
        # a request verb alone names the draft's subject or nothing: 「この計画を見直して」, not
        # 「バスのダイヤを見直して」
        return 0 if set(toks) & (AGAINST | SUPPORT) <= _REQUEST_VERBS else max_residual

    out: list[str | None] = []
    for toks, residual in zip(tokens, residuals):
        s = set(toks)
        against, support = bool(s & AGAINST), bool(s & SUPPORT)
        if s and against != support and len(residual) <= allowed(toks):
            out.append("against" if against else "support")
        else:
            out.append(None)
    if texts is not None:
        if len(texts) != n:
            raise ValueError(f"texts must have one entry per token list ({n}), got {len(texts)}")
        for i, toks in enumerate(tokens):
            s = set(toks)
            against, support = bool(s & AGAINST), bool(s & SUPPORT)
            if out[i] is None and against != support:
                if tokenizer is None:
                    from .tokenize import Tokenizer

                    tokenizer = Tokenizer()
                if (_names_only(texts[i], tokenizer)
                        and (allowed(toks) or not residuals[i] or _slogan(texts[i], tokenizer))):
                    out[i] = "against" if against else "support"
        # the lemma 賛成 is in 「…には賛成できません」 too: the side said in words decides (QA101: it joined the
        # 「…に賛成です」 row, which was then offered the answer thanking for the support)
        found = [i for i, o in enumerate(out) if o is not None]
        for i, side in zip(found, explicit_polarity([texts[i] for i in found])):
            if out[i] == "support" and side < 0:
                out[i] = "against"
            elif out[i] == "against" and side > 0:
                out[i] = "support"
    return out


# Explicit opposite stances: 「…に反対します」 and 「…に賛成します」 never share a row of the
# published table, however alike their words (they name the same object). On the text
# (NFKC): a negated 賛成 is against, a negated 反対 is neither.
_SUPPORT_RE = re.compile(r"賛成|賛同")
_AGAINST_RE = re.compile(r"反対")
# 「賛成とは言えません」「賛成するわけにはいきません」 are against too (QA101: read as support)
# (QA105: 「賛成はできない」「賛成とまでは言えません」 too; not 「賛成することはできます」)
_NOT_SUPPORT_RE = re.compile(r"(?:賛成|賛同)(?:でき|出来|しかね|いたしかね|致しかね|しません|しない|"
                             r"(?:する|だ|である)?(?:とは|とも|とまでは|までは)(?:言え|いえ|思え|思い?ません)|"
                             r"(?:する|は)?(?:わけ|訳)には(?:いき|行き|いか|行か)|(?:する)?(?:こと)?は(?:でき|出来)(?:ない|ません|かね))")
# 「反対はしません」「反対まではしない」: a negated 反対 is neither side (QA101: read as against)
_NOT_AGAINST_RE = re.compile(r"反対(?:では|じゃ|でも)(?:な|あり)|反対(?:は|まで(?:は)?|する(?:つもり|気)は)?(?:しません|しない|ありません)|"
                             r"反対意見|反対の声|反対する人|反対派")
# 「整備そのものには賛成ですが、…すべきです」: a stance conceded before the real request
_CONCEDED_RE = re.compile(r"(?:賛成|賛同|反対)(?:で(?:は)?あります|で(?:は)?ある|です|します|いたします|致します|だ|はする|はします)?"
                          r"(?:が|けれど|けど|ものの)")


def explicit_polarity(texts: list[str]) -> np.ndarray:
    """+1 for a text that says it supports (賛成・賛同), -1 for one that says it opposes
    (反対, or 「賛成できない」), 0 for neither or both. Used to keep opposite stances apart."""
    out = np.zeros(len(texts), dtype=np.int8)
    for i, text in enumerate(texts):
        t = _CONCEDED_RE.sub("", unicodedata.normalize("NFKC", text or ""))
        against = bool(_NOT_SUPPORT_RE.search(t)) or (bool(_AGAINST_RE.search(t)) and not _NOT_AGAINST_RE.search(t))
        support = bool(_SUPPORT_RE.search(_NOT_SUPPORT_RE.sub("", t)))
        if against != support:
            out[i] = -1 if against else 1
    return out


# ---------------------------------------------------------------------------------------
# requests and rejections

# put off (「有料化は見送ってほしい」, QA96: it shared a row with 「有料化に賛成」): a rejection, as やめて is
_PUT_OFF = r"見送って|見送るべき|見送りを|見合わせて|見合わせるべき"
# A change for the worse: rejecting it (「減便をやめて」「廃止に反対」「閉館しないで」) asks to keep
# something, which is a request, not a rejection.
_CUT = (r"(?:廃止|中止|削減|縮小|減便|廃線|閉鎖|休止|統廃合|統合|値上げ|禁止|撤去|有料化|民営化|休館|閉館|廃校|減額|"
        r"打ち切り|打切り|伐採|解体|取り壊し|削除|撤廃)")
_KEEP_RE = re.compile(_CUT + r"(?:の(?:方針|計画|案))?(?:は|を|について(?:は)?|には|に)?"
                      rf"(?:やめて|止めて|やめるべき|止めるべき|反対|撤回|見直|しないで|せず|{_PUT_OFF}|"
                      # 「公表の規定を削除すべきではありません」 asks to keep it (QA114)
                      r"(?:する|す)?べきで(?:は|も)?(?:ない|なく|ありません))|"
                      # a cut asked not to be made, in a verb: 「駐車場を減らさないで」「路線をなくさないで」
                      r"(?:減らさ|なくさ|無くさ|閉め|潰さ|つぶさ|切り捨て|見捨て|削ら|止め|やめ|"
                      # taken off a list or a plan: 「指定避難所から外さないで」 (QA57: read as a rejection)
                      r"外さ|はずさ|除外し|削除し|取り消さ|取消さ|奪わ)ないで")
# Stance words only: 中止 and 廃止届 name procedures in a city's FAQ (「水道の使用中止」).
_REJECT_RE = re.compile(r"不要|要らない|いらない|要りません|いりません|必要(?:は|が)?(?:ない|無い|ありません)|やめて|止めて|やめるべき|止めるべき|"
                        rf"{_PUT_OFF}|"
                        r"撤去(?:して|す|を)|廃止(?:して|し[、,]|すべき|を求め|に(?:して|すべき))|なくして|無くして|"
                        # a provision struck out (QA112: 「公表の規定は…削除してください」 shared a row with 「…は大いに賛成です」)
                        r"(?:削除|撤廃)(?:して(?:ほしい|欲しい|ください|下さい|いただ|頂|もらい)|すべき(?!で(?:は|も)?(?:ない|なく|ありません))|"
                        r"を求め(?:ます|る(?!(?:声|意見))))|削って(?:ほしい|欲しい|ください|下さい)|"
                        r"(?:閉鎖|解体|取り壊)(?:して|し[、,]|すべき|を求め)|"
                        r"取りやめ|取り止め|(?:べき|する必要)で(?:は)?(?:ない|ありません)|しないで(?:ほしい|欲しい|ください|下さい)|"
                        # any verb asked not to be done: 「遡及適用は行わないでください」「森を切らないでほしい」
                        # (QA25: 3,200 such letters shared a row with 「…遡及は対象にしてください」); not
                        # 「忘れないで」「諦めないで」, which ask to keep something in mind
                        r"(?<!忘れ)(?<!諦め)(?<!あきらめ)(?<=[ぁ-ゖ])ないで(?:ほしい|欲しい|ください|下さい|いただきたい|頂きたい|もらいたい)")
# the request form of the rejection itself (「やめてください」「不要です」) asks for nothing more
_REJECTION_WITH_ENDING_RE = re.compile(f"(?:{_REJECT_RE.pattern})(?:ほしい|欲しい|ください|下さい|いただきたい|頂きたい|もらいたい)?")
_AGAINST_WORD_RE = re.compile(r"反対(?!意見|の声|派|する人|者)")
_REQUEST_RE = re.compile(r"ほしい|欲しい|ください|下さい|べき|求め|望み|望む|お願い|希望し|いただきたい|頂きたい|もらいたい|"
                         # a letter's 「…を設置していただきたく存じます」 (QA85)
                         r"(?:いただき|頂き|もらい)たく(?=存じ|思い|お願い|願い|、|。|$)|"
                         # an association's 「…するよう（強く）要望いたします」「…を要望します」 (QA40)
                         r"要望(?:いた|致)?し(?:ます|たい)|要望する|"
                         # a child's wish ends on the て-form (QA41): 「公園をつくって(^^)」「もっとふやして！！」「長くして〜」;
                         # after kana only (「子育て」「使い捨て」 are nouns), not 「…ていて」 nor a case particle's
                         # 「について」「として」「に向けて」 (a heading, 「第3条について」)
                         r"(?<=[ぁ-ゖ][てで])(?<!ていて)(?<!でいて)(?<!ついて)(?<!として)(?<!対して)(?<!関して)(?<!よって)"
                         r"(?<!とって)(?<!おいて)(?<!もって)(?<!向けて)(?<!かけて)(?<!わたって)(?<!際して)"
                         r"(?:[ 　〜~ー…!！?？♪☆★]|[(（][^()（）]{0,6}[)）]|[\U0001F300-\U0001FAFF\u2600-\u27BF])*$|"
                         # the written style of an association's letter: 「…を図られたい」「…されたい」「…願いたい」
                         r"(?:られ|され|せられ|願い)たい(?=[。．.!！、，,)）」]|\s|$)|"
                         r"検討して|検討を|"
                         # 「延ばしていただけないでしょうか」「設けてはどうでしょうか」: a request put as a question
                         r"(?:いただけ|頂け|もらえ)(?:ない|ません)(?:でしょう)?か|て(?:は)?(?:どう|いかが)でしょうか|てはどうか|"
                         # 「停留所を作ってもらえると助かります」「参考にしていただければ幸いです」
                         r"(?:もらえる|いただける|頂ける|もらえれば|いただければ|頂ければ)(?:と)?(?:助かり|嬉し|うれし|ありがた|幸い)|"
                         # 「補助があると助かります」「屋根があればありがたい」 (QA27: a second request after
                         # 「また、」 was not cut from the first): a wish put as the help it would be
                         r"(?<=[ぁ-ゖ])(?:と|ば|たら)[、,]?(?:大変|とても|非常に|本当に)?"
                         r"(?:助かり|助かる|嬉しい|うれしい|嬉しく|うれしく|ありがたい|ありがたく|有り難い|幸い)")


# A wish about what something should be (「図書館は静かに本を読む場所であってほしい」「公園は誰にでも開かれて
# いるべきだ」) asks for nothing to be done: beside 「カフェは不要です」 it made the letter read as both
# asking and rejecting, and a row joined it with 「館内カフェには賛成」 (QA).
_WISH_TO_BE_RE = re.compile(r"(?:で|て)(?:あって|いて)(?:ほしい|欲しい|もらいたい|いただきたい|頂きたい|ください|下さい)|"
                            r"[でて](?:ある|いる)べき")


@lru_cache(maxsize=1 << 16)  # the grouping reads each distinct text in several blocks and passes
def _sentence_stances(text: str) -> tuple[bool, bool]:
    """(asks for something, 賛成 included; rejects something, 反対 included) over the sentences
    of ``text``. 「ドッグランの設置に賛成します」 asks for what 「ドッグランはいらない」 rejects (QA: the
    two shared a row); the splitter reads ``sentence_stance``, without 賛成."""
    from .split import split_sentences

    t = unicodedata.normalize("NFKC", text or "")
    asks = rejects_ = False
    for s in split_sentences(t) or [t]:
        a, r = sentence_stance(s)
        if a and not r and _WISH_TO_BE_RE.search(s) and not _REQUEST_RE.search(_WISH_TO_BE_RE.sub("", s)):
            a = False
        asks, rejects_ = asks or a or bool(explicit_polarity([s])[0] > 0), rejects_ or r
    return asks, rejects_


# ---------------------------------------------------------------------------------------
# questions: 「スクールバスは無料ですか。」 asks the city something; 「スクールバスを無料にしてください。」 asks
# it to do something. A published table answers them in different rows (cities file questions
# under their own 対応区分), so the grouping keeps a question apart from a request or a stance
# (QA50: 15 of 24 questions sat in rows of requests; row 1 published a question over 14 requests).

# a sentence that ends as a question (「…ですか」「…のでしょうか」「…のか」「…？」); a request put as a question
# (「…していただけないでしょうか」「…してはどうでしょうか」) is read by ``sentence_stance`` first
_QUESTION_END_RE = re.compile(r"(?:(?:です|ます|でしょう|だろう|ません|ない|の|ん|る|た|い)か(?:ね|な)?[。．.]*|[?？][。．.]*)$")
# asking to be told (「跡地はどうなるのか教えてください」「…を知りたい」): a question, not a request
_TELL_ME_RE = re.compile(r"(?:教えて|お教え)(?:ください|下さい|ほしい|欲しい|いただきたい|頂きたい|もらいたい|(?:いただけ|頂け|もらえ)(?:ません|ない)(?:でしょう)?か)"
                         r"|(?:知りたい|お聞きしたい|伺いたい|うかがいたい|お尋ねします)(?:です)?")


# an objection said as the writer's disbelief (「なぜ廃止するのですか。納得できません。」: QA53 put it in a row of
# questions about the site's future)
_OBJECTION_RE = re.compile(r"納得(?:でき|いか|が(?:いか|でき))(?:ない|ません)|理解(?:でき|しがた)(?:ない|ません|い)|"
                           r"おかしい|許せ(?:ない|ません)|疑問(?:です|に思|を感じ|を持)|あり得(?:ない|ません)|ありえ(?:ない|ません)")


# a polite request put as a question (「…していただけないでしょうか」「…してはどうでしょうか」): a request only
_REQUEST_AS_QUESTION_RE = re.compile(r"(?:いただけ|頂け|もらえ|くれ)(?:ない|ません)(?:でしょう)?か|て(?:は)?(?:どう|いかが)(?:でしょう)?か"
                                     r"|(?:ては|たら)どうか|(?:べき|する必要があるの)では(?:ない|ありません)(?:でしょう)?か")


def _question_and_stand(sentence: str) -> tuple[bool, bool]:
    """(asks a question, asks for / rejects something or takes a side) for one NFKC sentence.
    「戸籍抄本を発行して頂きたいのですが、必要な物は何でしょうか？」 does both."""
    s = sentence.strip().rstrip(" 　")
    a, r = sentence_stance(s)
    stands = a or r or bool(explicit_polarity([s])[0]) or bool(_OBJECTION_RE.search(s))
    if _TELL_ME_RE.search(s):
        return True, bool(r or explicit_polarity([s])[0]) or bool(_REQUEST_RE.search(_TELL_ME_RE.sub("", s)))
    if not _QUESTION_END_RE.search(s):
        return False, stands
    if stands and _REQUEST_AS_QUESTION_RE.search(s):
        return False, True
    return True, stands


def sentence_question(sentence: str) -> bool:
    """Whether one NFKC sentence asks the city a question and asks it to do nothing."""
    question, stands = _question_and_stand(sentence)
    return question and not stands


def question_polarity(texts: list[str]) -> np.ndarray:
    """+1 for a text that only asks questions (``sentence_question``), -1 for one that asks for
    something, rejects something or takes a side and asks no question, 0 for both or neither
    (a statement). A question and a request never share a cluster; a statement joins either."""
    from .split import split_sentences

    out = np.zeros(len(texts), dtype=np.int8)
    for i, text in enumerate(texts):
        t = unicodedata.normalize("NFKC", text or "")
        question = stands = False
        for s in split_sentences(t) or [t]:
            q, st = _question_and_stand(s)
            question, stands = question or q, stands or st
        if question != stands:
            out[i] = 1 if question else -1
    return out


# 「名簿の提供をお願いしても、…出せないと言われます。」「お願いしたところ…」: a plea the writer made, told as
# what happened, is no request of the draft's authors (QA47; read here so the splitter, the summary, the
# grouping and the answers' stance all read it alike)
_TOLD_PLEA_RE = re.compile(r"お願い(?:しても|したところ|したら|したが|したとき|した時|した際|しましたが|しましたところ)")


# a problem asked to be made to go (「待機児童をなくしてほしい」「段差を無くして」): a request, as 「…を解消して」 is,
# not the rejection 「路線をなくして」 is (QA56: the past answer 「待機児童を解消してほしい」 was read as its opposite)
_PROBLEM_GONE_RE = re.compile(
    r"(待機児童|段差|放置自転車|渋滞|事故|騒音|格差|差別|偏見|いじめ|無駄|ムダ|混雑|待ち時間|不便|不安|危険|違法駐車|"
    r"路上駐車|ごみ|ゴミ|ポイ捨て|貧困|孤立|孤独|虐待|犯罪|被害|不公平|負担|残業|行列|死角|空白地帯?|空き家|"
    r"バリア|障壁|壁|ハラスメント|パワハラ|セクハラ|ヤングケアラー|不登校|待機|たらい回し|縦割り|不足|遅れ|漏れ|取り残し|"
    # a place or people something is missing for: 「防災無線が聞こえない地域をなくしてほしい」 (QA57)
    r"[ぁ-ゖ]ない(?:地域|場所|所|ところ|人|方|世帯|家庭|子ども|子供|子))"
    r"(?:を|が)?(?:なく|無く)(?=して|す|せ|そう)")


def sentence_stance(sentence: str) -> tuple[bool, bool]:
    """(asks for something, rejects something) for one NFKC sentence (``_sentence_stances``
    without the sentence split: the splitter reads letters sentence by sentence)."""
    s = _TOLD_PLEA_RE.sub("", _NOT_AGAINST_RE.sub("", sentence))
    if "なく" in s or "無く" in s:
        s = _PROBLEM_GONE_RE.sub(r"\1を解消", s)
    if _KEEP_RE.search(s):
        return True, False
    if _REJECT_RE.search(s) or _AGAINST_WORD_RE.search(s):
        # 「駐車場の拡張は不要で、バスを増やしてほしい」 asks for something else too
        return bool(_REQUEST_RE.search(_REJECTION_WITH_ENDING_RE.sub("", s))), True
    return bool(_REQUEST_RE.search(s)), False


def request_polarity(texts: list[str]) -> np.ndarray:
    """+1 for a text that only asks for something, -1 for one that only rejects what it names
    (「ドッグランは不要です」「導入には反対です」), 0 for neither or both
    (「駐車場はいらない。遊具を増やしてほしい」)."""
    out = np.zeros(len(texts), dtype=np.int8)
    for i, text in enumerate(texts):
        asks, rejects_ = _sentence_stances(text)
        if asks != rejects_:
            out[i] = 1 if asks else -1
    return out


def request_stance(text: str) -> int:
    """``request_polarity`` of one text: +1 asks for something, -1 only rejects, 0 both or neither."""
    asks, rejects_ = _sentence_stances(text)
    return 0 if asks == rejects_ else (1 if asks else -1)


def rejects(text: str) -> bool:
    """Whether ``text`` rejects what it names, 反対 included (「…の廃止に反対」 rejects nothing:
    it asks to keep)."""
    return _sentence_stances(text)[1]


# ---------------------------------------------------------------------------------------
# directions: the same action asked for in opposite directions

# A small closed list of actions and their antonyms: (action, +1 or -1). Two requests that both
# read +1 with ``request_stance`` can still ask for opposite things: 「ごみ袋の料金を値上げすべきだ」
# and 「…を値下げしてほしい」, 「樹木を伐採してほしい」 and 「伐採しないでほしい」. Only these words, and
# only where the request is made on the word itself (「値下げしてほしい」, 「延長を求めます」, 「伐採に反対」),
# are read: a false opposite would hide the right past answer.
DIRECTION_WORDS: dict[str, tuple[str, int]] = {
    "値上げ": ("price", 1), "値下げ": ("price", -1),
    "増便": ("service", 1), "減便": ("service", -1),
    "延長": ("length", 1), "短縮": ("length", -1),
    "拡大": ("scale", 1), "縮小": ("scale", -1),
    "増額": ("amount", 1), "減額": ("amount", -1),
    "増税": ("tax", 1), "減税": ("tax", -1),
    "有料化": ("fee", 1), "無料化": ("fee", -1), "無償化": ("fee", -1),
    # 「無料にしてほしい」 as 無料化 (QA78: the past answer to it was offered for 「無償化は不要」)
    "無料に": ("fee", -1), "無償に": ("fee", -1), "有料に": ("fee", 1),
    # 「廃止を検討すべき」 reads as a request (+1) as 「存続してほしい」 does. Not 設置/撤去: 撤去 is asked
    # of other things (放置自転車, 粗大ごみ) than 設置 is, and 「撤去して」 is already a rejection.
    "存続": ("keep", 1), "廃止": ("keep", -1),
    # a service gathered in one place closes the others (QA28: 「救急の集約に賛成」 in the 「救急存続」 row)
    "集約化": ("keep", -1), "集約": ("keep", -1), "一本化": ("keep", -1), "閉鎖": ("keep", -1),
    # a provision struck out or kept (QA116: 「第16条を削除することに賛成」 shared a row with 「削除しないで…存続を」)
    "削除": ("keep", -1), "撤廃": ("keep", -1),
    # a rule made stricter or looser (QA33: 「抑制区域の規制を強化して」 and 「…を緩和して」 in one row)
    "強化": ("strict", 1), "厳格化": ("strict", 1), "緩和": ("strict", -1),
    "伐採": ("felling", 1),
    # when a rule starts (QA40: 120 letters asking 「施行期日を3年延期し…」 and 40 saying 「施行の延期には反対です」
    # were one row): put off, or brought forward
    "延期": ("timing", 1), "先送り": ("timing", 1), "前倒し": ("timing", -1),
    # no antonym: 「統合する案に賛成」 / 「統合に反対」 (QA: a 賛成 row offered the past answer to 反対)
    "統廃合": ("merge", 1), "統合": ("merge", 1), "民営化": ("private", 1), "移転": ("relocation", 1),
}
_GATHER_WORDS = frozenset({"集約化", "集約", "一本化"})
_GATHERED_RE = re.compile(r"情報|意見|データ|声|要望|資料|知見|ノウハウ|問い合わせ|相談")
DIRECTION_ACTIONS: tuple[str, ...] = tuple(dict.fromkeys([*(a for a, _ in DIRECTION_WORDS.values()), "eager"]))
_DIRECTION_WORD_RE = re.compile("|".join(sorted(DIRECTION_WORDS, key=len, reverse=True)))
# the word itself asked for: 「値下げしてほしい」「延長を求めます」「存続させて」「設置を検討して」
_DO_TAIL_RE = re.compile(
    r"(?:の(?:方針|計画|案))?(?:を|の)?(?:ぜひ|是非|早急に|強く)?"
    r"(?:して(?!ある|あり|いる|います|おり|きた)|し[、,]|する(?:べき|よう|こと|必要)|すべき|させて|させる(?:べき|よう)|"
    r"(?:求め|望|希望|要望|検討|お願い|実施|進め|図っ|要求)|が(?:必要|望まし)|"
    # 「値上げに賛成」「統合する案に賛成です」 (a negated 賛成 is read by _NOT_TAIL_RE first)
    r"(?:(?:に|と)?する)?(?:(?:案|計画|方針|こと)(?:に|には)|に|には)(?:大)?(?:賛成|賛同)|"
    # 「存続を支持します」 (QA102: read as no way at all, it joined the 「計画案に賛成です」 row of a closure plan)
    r"(?:強く)?支持(?:します|する|いたします|です))")
# the word rejected: 「伐採しないで」「値上げに反対」「減便はやめて」「有料化は不要」
_NOT_TAIL_RE = re.compile(
    r"(?:の(?:方針|計画|案))?(?:は|を|について(?:は)?|には|に|(?:に|と)?する(?:こと|の)?(?:は|に|には)?|も)?"
    r"(?:やめて|止めて|やめるべき|止めるべき|反対|撤回|しないで|せず|不要|いらない|要らない|要りません|いりません|"
    rf"{_PUT_OFF}|"
    rf"{_NOT_SUPPORT_RE.pattern}|"
    r"(?:させる|する)?必要(?:は|が)?(?:ない|無い|ありません)|すべきで(?:は)?(?:ない|ありません)|しないよう|しては(?:いけない|ならない))")
# a price, raised or lowered: 「料金を下げてほしい」「使用料をもっと安くしてほしい」「運賃が高すぎる」
_PRICE = r"(?:料金|運賃|価格|値段|代金|費用|料)"
_PRICE_MOVE_RE = re.compile(_PRICE + r"(?:を|は|も|が)?(?:もっと|少し|少しでも|大幅に)?(?:引き)?(上げ|下げ|安く|高く)")
_PRICE_MOVE_TAIL_RE = re.compile(r"て(?!いる|います|おり|きた)|る(?:べき|よう|こと)|るべき|ろ|し(?:て|ろ)|する(?:べき|よう)|すべき|"
                                 r"なる(?:よう|と)|なら(?:ない|ん)(?:か|でしょうか|のか)")
_PRICE_MOVE_NOT_RE = re.compile(r"(?:る|ること|するの|する|るの|すること)?(?:は|に|には)?(?:反対|やめて|止めて|しないで|ないで)")
# more or fewer buses in plain words (QA56: 「本数を増やしてもらえないか」 was offered the past answer to 「便を減らし…」)
# kept or taken off a list, in plain words (QA57: a campaign asking 「東小学校を指定避難所から外さないで」 was offered
# the past answer to 「…避難所の指定から外してほしい」): 残して / 外さないで keep (+1), 外して / 除外して drop (-1)
_KEEP_WORDS_RE = re.compile(r"(?:外さ|はずさ|除外し|取り消さ|取消さ)ないで|残(?:して|す(?:べき|よう))|残しておいて|"
                            r"残すこと(?:に|には)(?:大)?(?:賛成|賛同)|残すこと(?:を)?(?:支持|希望|求め)")
_DROP_WORDS_RE = re.compile(r"(?<![さ])(?:外し|はずし|除外し|取り消し|取消し)(?:て|、|,)|指定(?:を)?解除(?:して|し、|すべき)")
_SERVICE_MOVE_NOT_RE = re.compile(r"(?:る)?(?:の|こと)?(?:は|に|には)?(?:反対|やめて|止めて)")
_SERVICE_MOVE_RE = re.compile(r"(?<!不)(?:運行本数|運行回数|本数|便数|便)(?:を|は|も|が)?(?:もっと|少し|少しでも|大幅に)?(増や|減ら)(さ|し|す|せ)")
# (a raise of a price, a fee or a tax: 「対象年齢の引き上げ」「定年の引き上げ」 are none, QA117)
_RAISE = rf"(?:値上げ|(?:{_PRICE}|保険料|税|税率|負担額?)(?:の)?(?:一定の|大幅な|若干の)?(?:引き上げ|引上げ|増額))"
# a step accepted rather than asked (「引き上げもやむを得ない」「有料化はやむを得ない」「値上げは当然だ」「削除は妥当です」,
# QA115, QA121): the action's direction, as a request for it would read
_ACCEPTED = (r"(?:も|は|について(?:は|も)?|に(?:は)?)?(?:やむを得(?:ない|ません)|やむをえ(?:ない|ません)|止むを得(?:ない|ません)|"
             r"仕方(?:が)?(?:ない|ありません)|しかた(?:が)?(?:ない|ありません)|やむなし|容認(?:します|する|でき(?:る|ます))|"
             r"当然|妥当|(?:大)?賛成)"
             # (not 「…とは思えません」「容認できません」「賛成できません」)
             r"(?!(?:だ|です)?(?:と|とは|とも)(?:思え|思い?ません|思わない|言え)|でき(?:ない|ません)|(?:とは|と)言えない)")
_RAISE_ACCEPTED_RE = re.compile(_RAISE + _ACCEPTED)
_STEP_ACCEPTED_RE = re.compile(r"(有料化|無料化|無償化|削除|撤廃|廃止|存続|統合|延長|短縮|拡大|縮小|減便|増便)" + _ACCEPTED)
_PRICE_RAISED_RE = re.compile(rf"((?:{_PRICE}|保険料|税|税率)(?:の)?(?:一定の|大幅な|若干の)?)(引き上げ|引上げ|引き下げ|引下げ)")
_PRICE_KEPT_RE = re.compile(rf"(?:{_PRICE}|保険料|税率?)(?:は|を)?(?:現行|今|現在|今)の(?:まま|金額の?まま)(?:に|で)(?:して|据え置|お願い|すべき|ほしい)|"
                            r"据え?置(?:き|く|い)(?:に(?:してほし|してくださ|して(?!は)|すべき(?!で(?:は|も)?(?:ない|なく|ありません)))|として(?:いただ|ほし|くださ)|を(?:求め|希望|お願い)|"
                            r"て(?:ほしい|欲しい|ください|下さい|いただ|頂|もらい)|"
                            r"(?:す|する)?べき(?!で(?:は|も)?(?:ない|なく|ありません)))")
_NARROWED_RE = re.compile(r"(?:対象|範囲|要件|区域|対象者)(?:を|は)?(?:もっと|さらに)?(?:限定|絞)(?:して|すべき|る(?:べき|よう)|り込んで|す(?:べき|る(?:べき|よう)))")
_PRICE_KEPT_NOT_RE = re.compile(r"据え?置(?:き|く)(?:に(?:は)?反対|(?:す|する)?べきで(?:は|も)?(?:ない|なく|ありません)|は(?:反対|困る|認められない))")
_PRICE_HIGH_RE = re.compile(_PRICE + r"(?:が|は|も)?(?:少し|かなり|あまりに(?:も)?|とても)?高(?:すぎ|過ぎ|い(?:ので|から|と思|です))")


# a tree felled or spared in plain words (QA34: 「危ない木は早めに切ってほしい」 and 「安易に切らず、残して
# ください」 shared a row): 切って / 切るべき / 切り倒して ask to fell, 切らないで / 切らず … 残して to spare
_TREE = r"(?:木|樹木|樹|並木|大木|桜|枝|街路樹|巨木|古木)"
_FELL_RE = re.compile(r"(?:" + _TREE + r"(?:を|は|も|の枝を)?(?:早めに|早く|すぐに|安易に|むやみに|簡単に|勝手に|全部|全て)?"
                      r"|(?:安易に|むやみに|簡単に|勝手に|むやみやたらに))"  # 「…宝です。安易に切らず、残して」
                      r"(切ら(?:ない|ず|んで)|切って(?!い|お|しま)|切るべき|切り倒して|切り倒すべき|切除して)")


# going at it hard or holding back, whatever the measure (QA35: 「代執行は本当に危険なものに限定し」 and
# 「積極的に」 requests, 「公表はやりすぎ」 and 「確実に実行して」, 「課税情報を使うことには抵抗があります」 and
# 「積極的に使って」 shared rows): an attitude word is read in any sentence, asked for or not
_EAGER_RE = re.compile(r"積極的に|確実に(?:実行|実施|行)|ためらわず|躊躇(?:せず|なく)|厳正に(?:対処|執行|実行)")
_RESTRAINED_RE = re.compile(r"慎重に|慎重な(?:運用|判断|対応|検討)|に限定(?:し|す|して)|に限る(?:べき|よう)|に限って|"
                            r"やりすぎ|やり過ぎ|行き過ぎ|行きすぎ|抵抗があ|最終手段|必要最小限に")


# a rule made stricter or looser in plain words (QA112: 「第3条の責務を努力義務ではなく義務にしてください」 and 「責務の規定を
# もっと緩やかにしてほしい」, 「過料をもっと高くして」 and 「罰則は設けず…」 shared rows of an ordinance's articles)
_RULE = r"(?:規定|規制|責務|責任|義務|罰則|罰金|過料|基準|要件|条件|ルール|制限)"
_TIGHTEN_RE = re.compile(r"(?<!努力)義務(?:規定)?に|(?<!努力)義務化|義務付け|"
                         r"(?:罰則|罰金|過料)(?:の額|の金額)?(?:を|は|も)?(?:もっと|より|さらに)?(?:高く|引き上げ|引上げ|重く)|"
                         + _RULE + r"(?:を|は|も)?(?:もっと|より|さらに)?(?:厳しく|重く)")
_LOOSEN_RE = re.compile(_RULE + r"(?:を|は|も)?(?:もっと|より|さらに)?(?:緩やかに|ゆるやかに|緩く|ゆるく|軽く)")
# said whole: 「努力義務のままでよい」「罰則は設けず」
_LOOSEN_WHOLE_RE = re.compile(r"努力義務(?:の)?まま(?:に(?:して|とどめ|留め|すべき|する)|で(?:よい|良い|いい|構わない|十分)"
                              r"(?![^。]{0,6}(?:とは|とも)(?:思い?ません|思わない|思えない|言えない|言えません)))|"
                              r"努力義務に(?:とどめ|留め)|"
                              r"(?:罰則|罰金|過料)(?:は|を)?(?:設けず[、,]|設けないで(?:ほしい|欲しい|ください|下さい)|"
                              r"(?:なくして|無くして)(?:ほしい|欲しい|ください|下さい)|不要(?:です|だ|と考え|[。]|$))")
# the step asked for: 「義務にしてください」「厳しくすべき」「義務化を求めます」「重くしてもらいたい」「変えてほしい」
_RULE_ASKED_TAIL_RE = re.compile(
    r"(?:して|し|する|す|させて|させ|変えて|変え|改めて|改め|変更して|変更し|て)?"
    r"(?:ほしい|欲しい|ください|下さい|べき(?!で(?:は|も)?(?:ない|なく|ありません))|よう(?!な)|"
    # (not a view reported: 「義務化を求める声もありますが、私は反対です」, QA114)
    r"ことを(?:求め|希望|要望)(?!る(?:声|意見))|を(?:求め|希望|要望|望)(?!る(?:声|意見)|む(?:声|意見))|に(?:大)?賛成|が必要|"
    r"もらいたい|もらえ|いただきたい|いただけ|頂きたい|頂け)")
# 「義務化には反対です」「ルールを厳しくするのはやめてほしい」: the step rejected
_RULE_NOT_TAIL_RE = re.compile(r"(?:して|する|す)?(?:る|ること|の|こと|ような(?:見直し|改正|変更))?(?:は|に|には|を)?"
                               r"(?:反対|やめて|止めて|しないで|不要|見送|慎重に|疑問)|"
                               r"(?:する|す|して)?べきで(?:は|も)?(?:ない|なく|ありません)")


# a view reported, not the writer's (「…という意見」「義務化を求める声もありますが」「値上げに反対する声もありますが」「…と言う人も
# いますが」), right after the words it reports (QA114, QA115, QA121)
_REPORTED_VIEW_RE = re.compile(r"(?:です|だ)?(?:という|との|とする)(?:意見|声|考え|主張)|(?:する|す)べき(?:という|との)|"
                               r"(?:に(?:は)?(?:反対|賛成)|を(?:求め|望))(?:する|る|む)(?:声|意見|方|人|向き)|"
                               r"(?:と|とか)(?:言う|いう|おっしゃる|話す)(?:人|方|声|意見)")


def _rule_direction(sentence: str) -> int:
    """+1 for a rule asked to be stricter, -1 looser, 0 neither or both (QA112)."""
    signs = set()
    for rx, sign in ((_TIGHTEN_RE, 1), (_LOOSEN_RE, -1), (_LOOSEN_WHOLE_RE, -1)):
        for m in rx.finditer(sentence):
            if _REPORTED_VIEW_RE.match(sentence, m.end()):
                continue  # 「罰則は不要という意見には反対です」: another's view, the writer's is unread
            if _RULE_NOT_TAIL_RE.match(sentence, m.end()):
                signs.add(-sign)
            elif rx is _LOOSEN_WHOLE_RE or _RULE_ASKED_TAIL_RE.match(sentence, m.end()):
                signs.add(sign)
            elif (chained := re.match(r"(?:して|し)[、,]", sentence[m.end():])) and \
                    _REQUEST_RE.search(sentence, m.end() + chained.end()):
                signs.add(sign)  # 「義務にして、きちんと管理させてください」
    return next(iter(signs)) if len(signs) == 1 else 0


# an action joined by て to what comes next (「統合して廃校にする…」), not asked for itself (「統合してほしい」)
_CHAINED_RE = re.compile(r"(?:を|に)?(?:して|し[、,])(?!ほしい|欲しい|ください|下さい|くださ|いただ|頂|もら|ある|あり|いる|います|おり|きた)")


# 「廃止して良いとは思いません」「統合してよいのでしょうか」: the step judged wrong (QA105: read as asking for it)
_NOT_GOOD_RE = re.compile(r"^[^。]{0,20}?(?:良い|よい|いい|構わない|かまわない)(?:とは|とも)(?:思い?ません|思わない|思えない|言えない|言えません)"
                          r"|^[^。]{0,20}?(?:良い|よい|いい)(?:の|ん)?で(?:しょう|す)か")


def _chain_end(rest: str) -> int:
    """-1 when what follows an action joined by て rejects the whole (QA99: 「統合して廃校にすることには
    賛成できません」 was read as asking for the merger), else 0."""
    if explicit_polarity([rest])[0] < 0 or _NOT_GOOD_RE.search(rest):
        return -1
    asks, rejects_ = sentence_stance(rest)
    return -1 if rejects_ and not asks else 0


def _sentence_directions(sentence: str) -> list[tuple[str, int]]:
    """(action, +1 / -1) for each direction word of one NFKC sentence that is asked for or rejected."""
    out: list[tuple[str, int]] = [("price", -1)] if _PRICE_HIGH_RE.search(sentence) else []
    eager, restrained = bool(_EAGER_RE.search(sentence)), bool(_RESTRAINED_RE.search(sentence))
    if eager != restrained:
        out.append(("eager", 1 if eager else -1))
    if rule := _rule_direction(sentence):
        out.append(("strict", rule))
    # a raise accepted (「保険料の一定の引き上げもやむを得ない」, said rather than asked) or a price asked to stay
    # (「据え置きにしてください」), QA115: both sat in the row of a campaign against the raise
    if (accepted := _RAISE_ACCEPTED_RE.search(sentence)) and not _REPORTED_VIEW_RE.match(sentence, accepted.end()):
        out.append(("price", 1))
    elif _PRICE_KEPT_RE.search(sentence):
        out.append(("price", -1))
    elif _PRICE_KEPT_NOT_RE.search(sentence):
        out.append(("price", 1))  # 「据え置くべきではない」「据え置きに反対します」 (QA121)
    if _NARROWED_RE.search(sentence):
        out.append(("scale", -1))  # 「減免の対象を限定してください」 against 「…を拡大してください」 (QA121)
    for m in _STEP_ACCEPTED_RE.finditer(sentence):
        if not _REPORTED_VIEW_RE.match(sentence, m.end()):
            out.append(DIRECTION_WORDS[m.group(1)])
    asks, rejects_ = sentence_stance(sentence)
    if not (asks or rejects_ or explicit_polarity([sentence])[0] or "支持" in sentence):  # 「…に賛成です」「…を支持します」
        return out
    # a price raised or lowered in other words (「保険料の引き上げに反対します」, QA117: read as nothing)
    scan = _PRICE_RAISED_RE.sub(lambda m: m.group(1) + ("値上げ" if "上" in m.group(2) else "値下げ"), sentence)
    if re.search(rf"{_PRICE}|保険料|値上げ|値下げ", scan):  # 「値上げに反対する声もありますが、私は引き上げに賛成です」
        scan = re.sub(r"引き?上げ(?=に|は|を|も|が)", "値上げ", re.sub(r"引き?下げ(?=に|は|を|も|が)", "値下げ", scan))
    for m in _DIRECTION_WORD_RE.finditer(scan):
        action, sign = DIRECTION_WORDS[m.group()]
        if action == "keep" and m.group() in _GATHER_WORDS and _GATHERED_RE.search(scan[max(0, m.start() - 10):m.start()]):
            continue  # 「意見を集約して」「情報を一本化して」: gathering, not closing a service
        tail = scan[m.end():]
        if _REPORTED_VIEW_RE.match(tail):
            continue  # 「値上げに反対する声もありますが」: another's view (QA121)
        chained = _CHAINED_RE.match(tail)
        if _NOT_TAIL_RE.match(tail):
            out.append((action, -sign))
        elif chained and _chain_end(tail[chained.end():]) < 0:
            out.append((action, -sign))  # 「統合して廃校にすることには賛成できません」: the chain's end rejects it
        elif _DO_TAIL_RE.match(tail):
            out.append((action, sign))
    for m in _FELL_RE.finditer(sentence):
        out.append(("felling", -1 if m.group(1).startswith("切ら") else 1))
    keep, drop = bool(_KEEP_WORDS_RE.search(sentence)), bool(_DROP_WORDS_RE.search(sentence))
    if keep != drop:
        out.append(("keep", 1 if keep else -1))
    for m in _SERVICE_MOVE_RE.finditer(sentence):
        sign = 1 if m.group(1) == "増や" else -1
        tail = sentence[m.end(1):]
        out.append(("service", -sign if tail.startswith("さない") or _SERVICE_MOVE_NOT_RE.match(sentence, m.end())
                    else sign))
    for m in _PRICE_MOVE_RE.finditer(sentence):
        sign = 1 if m.group(1) in ("上げ", "高く") else -1
        tail = sentence[m.end():]
        if _PRICE_MOVE_NOT_RE.match(tail):
            out.append(("price", -sign))
        elif _PRICE_MOVE_TAIL_RE.match(tail):
            out.append(("price", sign))
    return out


def request_directions(text: str) -> dict[str, int]:
    """``{action: +1 or -1}``: the direction ``text`` asks an action of ``DIRECTION_WORDS`` to go
    (「値上げすべきだ」 price +1; 「値下げしてほしい」「料金が高すぎるので下げてほしい」 price -1;
    「伐採してほしい」 felling +1, 「伐採しないでほしい」 felling -1). An action asked both ways in
    one text is left out."""
    return dict(_directions(text or ""))


@lru_cache(maxsize=1 << 16)
def _directions(text: str) -> tuple[tuple[str, int], ...]:
    from .split import split_sentences

    t = unicodedata.normalize("NFKC", text)
    seen: dict[str, set[int]] = {}
    for s in split_sentences(t) or [t]:
        for action, sign in _sentence_directions(s):
            seen.setdefault(action, set()).add(sign)
    return tuple((a, next(iter(signs))) for a, signs in seen.items() if len(signs) == 1)


def direction_vector(text: str) -> np.ndarray:
    """``request_directions`` as an int8 vector over ``DIRECTION_ACTIONS`` (0: not asked)."""
    found = dict(_directions(text or ""))
    return np.array([found.get(a, 0) for a in DIRECTION_ACTIONS], dtype=np.int8)


def opposite_directions(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` ask for one action of ``DIRECTION_WORDS`` in opposite directions."""
    da, db = request_directions(a), request_directions(b)
    return any(da[k] * db[k] < 0 for k in da.keys() & db.keys())
