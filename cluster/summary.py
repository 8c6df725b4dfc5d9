"""ご意見の概要 drafted from a long opinion: the sentences that state what it asks or says of the draft.

A resident's letter often tells their life first and asks at the end (「私は74歳で、母は認知症で要介護4
です。…ですから、ショートステイの枠を増やしてほしいのです。」). Published whole, or cut to its first
400 characters, the row's summary showed the story (health, family, age: QA47) and hid the request.
Above ``FOCUS_FROM`` characters the draft summary keeps only the sentences that ask, reject, take a
side or point at the draft (``is_claim``), in their order, with the sentence a 「ですから」 claim
refers back to (``draft_summary``, the published summary; --no-mask publishes the text as written);
the rest stays in opinions.csv and the worksheet's 意見一覧, where staff read the whole letter. A shorter
opinion is published as written but for the sentences that tell the writer's or a family member's health
beside its claims (「夫は胃ろうで、痰の吸引も必要です。」, 要配慮個人情報: QA115 found them published). The
grouping compares a letter by its claims only where the sentences left out tell the writer's or their
family's life (``without_story``). An opinion whose every sentence is a claim, or none is, is left as
it is. Staff's own summary (`cluster review summary`) is never touched.
"""
from __future__ import annotations

import re
import unicodedata

from .split import criticises_draft, sentence_asks, split_sentences
from .stance import explicit_polarity

# Shorter opinions are published as written (their reasons are part of the opinion), health told aside.
FOCUS_FROM = 150

# What a sentence says of the draft or asks of its authors besides a request ending
# (``stance.sentence_stance`` reads those): a lack, a doubt, a proposal.
_CLAIM_RE = re.compile(
    r"べき|求め|要望|望みます|望む|提案|"
    r"検討(?:を|して|し(?:て)?(?:ほしい|ください|いただき))|明記|記載(?:して|を|すべき|がな|されていな)|"
    r"書かれていな|書いてあ(?:りませ|らな)|触れられていな|示されていな|示してい(?:な|ませ)|"
    r"不十分|不明確|不明瞭|わかりにく|分かりにく|疑問|納得(?:でき|いかな|がいかな)|再考|見直|"
    r"おかしい|反対|賛成|支持します|評価します")
# Weaker signs, which a sentence about the writer's own life also shows (「娘は…吸引が必要です」):
# a claim only in a sentence that names no one of the family
_WEAK_CLAIM_RE = re.compile(
    r"必要(?:だ|です|である|がある|があります|と(?:考え|思))|問題(?:だ|です|である|がある|があります)|"
    r"(?:計画|素案|原案|本案|条例|指針|方針|要綱)(?:\(案\)|（案）)?(?:案)?(?:で|に)は|"
    r"(?:本|この|今回の|当該)(?:計画|案|素案)|[Pp]\.?\s?\d|\d+\s?(?:ページ|頁)")
_PERSONAL_RE = re.compile(r"私|僕|わたし|うち|我が家|娘|息子|母|父|夫|妻|主人|祖母|祖父|長男|長女|次男|次女|"
                          r"兄|姉|弟|妹|孫")
# quoted words are someone else's (「まずはお母さんだけでも来てください」と言っていただき) or the draft's
_QUOTED_RE = re.compile(r"「[^「」]*」|『[^『』]*』")
# A claim that opens by pointing back at the sentence before it: that sentence is its reason.
_BACK_REFERENCE_RE = re.compile(r"^(?:ですから|だから|なので|ですので|そのため|そのために|それで|そこで|"
                                r"このため|こうしたことから|以上のことから|以上から|つきましては)[、,]?")
# A claim that points back at what the sentence before it names (「私はこの方向性に賛成です。」): that
# sentence says what it is about
_POINTS_BACK_RE = re.compile(r"^(?:私は|私も|ただ[、,]?|でも[、,]?)?(?:(?:この|その|こうした|そうした|こういった)"
                             r"[\u4e00-\u9fff\u30a0-\u30ff]|(?:これ|それ)(?:は|に|を|が|ら))")
# The writer's view or reason right after a claim (「24時間対応してもらえたら、もっと多くの人が救われると思い
# ます。」「…市町村によって差がありすぎるように思います。」「…からです。」): published with it
_VIEW_OR_REASON_RE = re.compile(r"(?:と|ように)(?:思い|考え)(?:ます|ています)|(?:から|ため)(?:です|だ|である)")
_ENDS_SENTENCE = "。．！？!?」』）)"
# 「参考資料として次のページを見てください。」「下記をご覧ください。」: it points at something (a URL, an attachment)
# and asks nothing of the draft; kept alone, QA51 published 「次のページ」 pointing at nothing
_POINTER_RE = re.compile(r"(?:見て|ご覧|御覧|参照|参考に(?:して)?)(?:ください|下さい|いただきたい|頂きたい|ほしい|欲しい|願います)[。．.!！]*$")
# a table pasted as text (「| 指標 | 現状値 | 提案 |」 rows, or cells between tabs): its rows are no sentences, and
# a summary of its claims kept the header row and lost the figures proposed (QA51); published as written
_TABLE_RE = re.compile(r"^[^\n]*\|[^\n|]*\|[^\n]*$|^[^\n\t]*\t[^\n\t]*\t", re.MULTILINE)


def is_claim(sentence: str) -> bool:
    """Whether one sentence asks, rejects, takes a side, or says something of the draft (the
    splitter's reading, ``split.sentence_asks``: a kindness or a plea told in the past asks nothing;
    a wish put as what would help does)."""
    s = _QUOTED_RE.sub("「」", unicodedata.normalize("NFKC", sentence))
    if _POINTER_RE.search(s):
        return False
    if sentence_asks(s) or criticises_draft(s) or explicit_polarity([s])[0] or _CLAIM_RE.search(s):
        return True
    return bool(_WEAK_CLAIM_RE.search(s)) and not _PERSONAL_RE.search(s)


def _personal(sentence: str) -> bool:
    return bool(_PERSONAL_RE.search(unicodedata.normalize("NFKC", sentence)))


# A person's health told beside their family word or the writer's (「夫は胃ろうで、痰の吸引も必要です。」「妻は要介護2で、
# パーキンソン病と診断されております。」): 要配慮個人情報, left out of a short opinion's published text too (QA115)
# (whole words: not 「交通がまひ」「障害物」「耐震診断」「がんばって」「うつくしい」「骨折り」, QA117)
_HEALTH_RE = re.compile(r"要介護|要支援|認知症|胃ろう|胃瘻|痰の吸引|人工透析|透析|(?<!耐震)(?<!健康)(?<!簡易)診断され|病気|"
                        r"[\u4e00-\u9fffァ-ヶー]{1,6}病(?![院棟室床])|(?<![ぁ-ゖ])がん(?![ばじ])|癌|障害(?!物|福祉|者福祉|児福祉|者支援|者雇用|者団体|者施設)|障がい(?!福祉|者支援)|麻痺|"
                        r"寝たきり|入院|手術|余命|難病|うつ病|鬱|発作|後遺症|骨折(?!り)|車いす|車椅子|在宅酸素|ストーマ|医療的ケア|"
                        # a child's condition and a family's situation (QA118: 要配慮個人情報 of a children's plan)
                        r"アレルギー|アトピー|喘息|ぜんそく|自閉|発達障害|ADHD|ＡＤＨＤ|学習障害|ダウン症|てんかん|知的障害|"
                        r"発達の遅れ|言葉の遅れ|不登校|いじめを受け|いじめられ|心療内科|精神科|通院|産後うつ|"
                        r"統合失調症|難聴|全盲|弱視|脳性まひ|ALS|筋ジストロフィー|PTSD|HIV|依存症|義足|人工呼吸器|(?<![A-Za-z])LD(?![A-Za-z])|"
                        r"DV|ＤＶ|暴力を受け|シェルター|生活保護|自己破産|服役|前科")
# what is sensitive even of the writer, name masked (a DV victim's shelter, welfare, a record): the rest of the
# writer's own condition is the context of their request and stays (QA120: 「私は聴覚障害者です。…放送が聞こえません。」
# lost why the broadcast is not heard)
_SITUATION_RE = re.compile(r"DV|ＤＶ|暴力を受け|シェルター|生活保護|自己破産|服役|前科")
# the writer (``_WRITER_RE``), a family member or another person as the one the sentence is about (not 「大丈夫」「私道」)
_WRITER_RE = re.compile(r"(?:^|(?<=[、。\s]))(?:私|わたし|僕|ぼく|自分)(?:は|が|も|の(?!家|前|道|車|町|地域))|(?:^|(?<=[、。\s]))(?:現在|今)は")
_KIN = r"(?:家内|主人|夫|妻|母親?|父親?|義母|義父|祖母|祖父|娘|息子|長男|長女|次男|次女|三男|三女|孫|兄|姉|弟|妹|子ども|子供|うちの子|わが子|我が子)"
_HEALTH_PERSON_RE = re.compile(
    rf"(?:^|(?<=[、。\s]|の)){_KIN}(?:[（(][^）)]{{0,12}}[）)])?(?:は|が|も|の(?!家|前|道|車|町|地域))"
    rf"|{_KIN}[の・][\u4e00-\u9fffぁ-ゖァ-ヺー]{{1,5}}(?:（|\(|は|が|も)"
    r"|うちの[\u4e00-\u9fffぁ-ゖァ-ヺー]{1,5}(?:は|が|も)"
    # another person: a name with an honorific (「鈴木花子さん（82歳）は」「田中翼くんは」「利用者のAさん（40代、統合失調症）」),
    # a neighbour (「隣のおばあさんは」), QA120
    r"|[\u4e00-\u9fffぁ-ゖァ-ヺーA-ZＡ-Ｚ]{1,8}(?:さん|くん|ちゃん|様|氏)(?:[（(][^）)]{0,16}[）)])?(?:は|が|も|、)"
    r"|(?:隣|近所|友人|知人|利用者|同僚|同級生|クラス)の[\u4e00-\u9fffぁ-ゖァ-ヺー]{1,8}(?:は|が|も)")


# a health word naming a service, a course or a facility, not anyone's condition (「認知症サポーターの講座を受けました」
# 「透析施設の送迎ボランティア」, QA119)
_HEALTH_SERVICE_AFTER_RE = re.compile(r"サポーター|施設|講座|カフェ|ボランティア|支援|対策|予防|教室|専門|外来|センター|患者会|"
                                      r"家族会|相談|研修|病棟|病院|ケア(?!が)|事業|サービス")


_CONNECTIVE_RE = re.compile(r"^(?:ですから|だから|なので|ですので|そのため|そのために|それで|そこで|このため|でも|しかし|ですが|"
                            r"それでも|ただ|ところが)[、,]")


def _health_told(sentence: str) -> bool:
    s = unicodedata.normalize("NFKC", sentence)
    if _HEALTH_PERSON_RE.search(s):
        return any(not _HEALTH_SERVICE_AFTER_RE.match(s, m.end()) for m in _HEALTH_RE.finditer(s))
    return bool(_WRITER_RE.search(s) and _SITUATION_RE.search(s))


def draft_summary(text: str, focus_from: int = FOCUS_FROM) -> str:
    """``text`` itself, or, when it is longer than ``focus_from`` characters and holds both claims
    and other sentences, its claims (``is_claim``) joined in order, each with the sentence before
    it when it opens with 「ですから」「そのため」…; a shorter one without the sentences that tell a
    family member's or the writer's health beside its claims."""
    if isinstance(text, str) and len(text) <= focus_from and not _TABLE_RE.search(text) and _HEALTH_RE.search(text):
        sentences = split_sentences(text)
        told = [not is_claim(x) and _health_told(x) for x in sentences]
        if any(told) and not all(told) and any(is_claim(x) for x in sentences):
            out = ""
            for k, x in enumerate(sentences):
                if told[k]:
                    continue
                if k and told[k - 1]:
                    # (its reason left out, a 「そのため、」 would point at nothing, QA117; a whole word with its comma:
                    # not 「だから」 of 「だからこそ」, QA120)
                    x = _CONNECTIVE_RE.sub("", x, count=1)
                if out and out[-1] not in _ENDS_SENTENCE:
                    out += "。"
                out += x
            return out
        return text
    if not isinstance(text, str) or len(text) <= focus_from or _TABLE_RE.search(text):
        return text
    sentences = split_sentences(text)
    claims = [is_claim(s) for s in sentences]
    if not any(claims) or all(claims):
        return text
    keep = list(claims)
    for i, s in enumerate(sentences):
        if not claims[i]:
            continue
        before = sentences[i - 1] if i else ""
        if before and (_BACK_REFERENCE_RE.match(s)
                       or (_POINTS_BACK_RE.match(unicodedata.normalize("NFKC", s)) and not _personal(before))):
            # (not a family member's health, however the claim refers back to it: QA120)
            keep[i - 1] = not _health_told(before)
    for i in range(1, len(sentences)):
        # the reason between two claims, or the writer's view right after one, unless it is their life
        if keep[i] or not claims[i - 1] or _personal(sentences[i]):
            continue
        if (i + 1 < len(sentences) and claims[i + 1]) or _VIEW_OR_REASON_RE.search(sentences[i]):
            keep[i] = True
    kept = [s for s, k in zip(sentences, keep) if k]
    out = ""
    for s in kept:
        if out and out[-1] not in _ENDS_SENTENCE:
            out += "。"
        out += s
    return out


# A life story: at least this many of the sentences ``draft_summary`` leaves out speak of the writer
# or their family (「母は認知症で…」「息子は…」).
STORY_SENTENCES = 2


def story_told(text: str) -> bool:
    """Whether ``draft_summary`` leaves a life story out of ``text`` (``STORY_SENTENCES`` or more
    of the sentences it drops name the writer or their family)."""
    return _claims_of_story(text) is not None


def without_story(text: str) -> str:
    """A letter's claims when it tells a life story around them (``story_told``), else the text itself:
    the text the grouping compares (QA47: letters on short stays, hikikomori and DV had shared a row by
    their stories of mothers and sons). Only stories: the claims alone of the Ministry of the
    Environment's long opinions grouped worse against its own headings (BENCHMARKS.md section 2)."""
    claims = _claims_of_story(text)
    return text if claims is None else claims


def _claims_of_story(text: str) -> str | None:
    """``draft_summary(text)`` when what it leaves out tells a life story, else None."""
    focused = draft_summary(text)
    if focused == text:
        return None
    kept = set(split_sentences(focused))
    dropped = [s for s in split_sentences(text) if s not in kept]
    told = sum(bool(_PERSONAL_RE.search(unicodedata.normalize("NFKC", s))) for s in dropped)
    return focused if told >= STORY_SENTENCES else None
