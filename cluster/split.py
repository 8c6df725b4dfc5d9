"""Cut one submission into single opinions.

Submissions often hold several opinions: numbered items ((1), 1., ①, ⑴, （１）, 一、, 第一に,
「1　…」, 意見1：/【意見1】, (ア)/（ア）/ア． counting ア イ ウ エ オ カ キ ク ケ コ), bullet lists
(・, ●, -), or 「…について」 headings on their own line followed by the opinion. After the last item, a closing (「以上、よろしくお願いいたします。」, or
「以上」「敬具」 with the name / address / phone block under it) becomes a segment of its own
marked ``closing`` (the pipeline keeps it as a row with status ``greeting``); so does a signature
under the last item (lines the masker turns into nothing but masks: 「原田恵子（はらだ けいこ）」
「小川智也　みどり市東町5-6-7　電話…」), with any closing line (「よろしくお願いいたします。」) above it.
Each opinion keeps offsets into the submission text, so staff can always see where it
came from. ``split_sentences`` cuts one opinion into sentences (for past-answer matching). Numbering must look like a list (two or more items counting up from one) before
it splits anything: a sentence that starts with 「1.5倍」 is not an item, unless the dot items
around it count through its number (「1．４月入所で…」 over 「2．…」「3．…」); styles mixed in one list
(「1.」「2．」「(3)」「⑩」「11.」) count as one list while the numbers count up line after line.
A marker followed directly by 「について」「は」「の」 … (「(1)について賛成です。」) refers to an item
of the draft: the opinion is cut there, but the marker stays in its text.

Nested numbering (「1」 over 「(1)」 over 「ア」 over 「(ア)」; a style's depth is the order it first
appears in): an item that is only one short line right above deeper items (「２　各論」,
「(3) エコドライブの推進について」) heads them: it is their ``heading`` (joined after the headings above
it, 「各論 電動トラック等の導入支援について」), no opinion of its own. Bullets under a lead sentence that
asks for something and announces its reasons (「次の理由から…を急ぐべきです。」) are that opinion's
reasons, not opinions. A 「追伸」「P.S.」 line starts an opinion of its own. A ministry-style form
(「【意見1】」 or 「【該当箇所】」 opening each block, then 「【意見内容】」「【理由】」) gives one opinion
per block, the 該当箇所 text its heading. A letterhead, title and greeting over the items (addressee
「…知事　様」, date, association, 「会長　氏名」, 「記」, 「意見書」, the title naming the draft) are a
``closing`` segment (a greeting row), see ``is_letter_framing``. An association's cover sheet is one
such segment: everything above a line 「記」, or the letterhead (addressee, 「○○町議会発第15号」, association,
officer, contact lines, title) with the 前文 under it up to 「…下記のとおり意見を提出します。」 (``_cover_end``).
「【意見】」「【理由】」 (「〈意見〉」「＜理由＞」「意見：」「理由：」) under an item heading are parts of one opinion,
no headings; a heading line right over another heading heads it (never an opinion of its own); under
「第2　意見の理由」 each item is one opinion, its own (1)(2) included (``_merge_reason_items``). A 「○」
before another 「○」 (「○○商工会議所」) or before 「県知事」「町議会」 is a placeholder name, no bullet.

Letters without numbering (paragraphs, or one run of text), and the text under a 「…について」
heading, are read sentence by sentence (``_split_paragraphs``): a sentence that opens a new point
(「また、」「次に」「最後に」「もうひとつは、」…) and asks for something else, or a paragraph that asks for
something and shares no word with the requests before it, or whose requests name other things than
the opinion's requests name (「…コーディネーターを全市町村に配置し…」 under 「…事業所を…確保してください。」,
though both speak of 医療的ケア児), starts a new opinion (so does a line opening with 「また」 without a
comma that objects to another subject). A criticism of the draft (「計画案には「介護者支援」とありますが、
具体策が書かれていません。」) and support for its direction (「この方向性に賛成です。」) are opinions as requests
are; a kindness or an event told in the past (「…サロンに誘ってくださいました。」) asks nothing. The story
paragraphs before a request are its background and go with it; a generic plea (「どうか県民の声に耳を傾けて
ください。」) asks nothing of its own and ends no opinion; the greetings before the first and after the last
are ``closing`` segments, and so is a line announcing the opinion (「…について意見を申し上げます。」) over one;
a self-introduction that opens the writer's story in its paragraph (「私は74歳で、母と二人で暮らしています。
母は…」) stays the story's start.

E-mails pasted whole: a header block at the top (From:/To:/Subject:/Date:/件名：/差出人： … lines)
becomes a segment marked ``part="header"``, and so does a lone 「件名：…」「Subject: …」 first line over a
text of several items (over one opinion it stays the opinion's heading); quoted lines (「> …」「＞ …」「>> …」, with the
「… wrote:」 line above them) and everything from a forwarded or original message on (「-----Original Message-----」
「-------- 転送メッセージ --------」「--- Forwarded message ---」「元のメッセージ」, Lotus Notes'
「----- Forwarded by … on … -----」, or a From:/Sent: block further down) become segments marked
``part="quoted"``. The rest is split as usual. When nothing but quotation would be left, the
quotation is the submission and is split. An attribution line need not say 「wrote」: 「〇〇市 交通政策課 様 の
メッセージ：」 and 「2026年1月10日(土) 9:00 〇〇市 交通政策課:」 over 「>」 lines are one too. A forward under a note
that only points to it (「下記の意見に賛同します。」「宛先を間違えたので転送します。」, the writer's name) is the
opinion: its separator and From:/Date:/Subject: lines are a header, the note and the organiser's lines over a
campaign text (「会員の皆様へ」「以下の文面で…送ってください。」) greeting rows. A mail's furniture is a
``closing`` segment (a greeting row) wherever it stands: a mobile footer (「Sent from my iPhone」「iPhoneから送信」
「Get Outlook for iOS」), a signature framed by rule lines (「━━━━」 or 「-- 」 over company, department, 〒,
TEL, URL) and a confidentiality notice (「本メールは機密情報を含む場合があります。…」「This e-mail … confidential
…」): QA49 saw one company's block make five unrelated mails a campaign and its notice the summary.
Some writers list their own points as 「> …」 lines. Without a sign of e-mail (a header block, a
forward, an attribution line, nested 「>>」 or bare 「>」 lines) and without the writer's own text
answering between two 「>」 blocks or under the last one, or the city's reply under the writer's
text (「> 山田様」「> お問い合わせありがとうございます。」「> …受け付けております。」「> …課」), 「>」 lines
are bullets, not quotation
(a signature, 「以上」 or a line summing up the list under them is no answer). In a reply (text
quoted, the writer's own text besides), a lone 「件名：…」 first line is its header, and a chunk
that only greets or gives the writer's name (「小林です。」 above the quoted lines) is a greeting.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from .normalize import CLOSING_WORDS, FOREIGN_CLOSING_LINE_RE, is_empty_opinion, is_introduction
from .transcript import Turn, is_stage_note, speaker_turns

_KANJI_NUM = "一二三四五六七八九十"
_KANA_NUM = "アイウエオカキクケコ"  # 「(ア)」「イ．」: item markers in the order of the kana table
_KANA_MARK = _KANA_NUM + "ｱｲｳｴｵｶｷｸｹｺ"  # (half-width too, as old systems and faxes typed in give them)
_CIRCLED_KANA = "㋐㋑㋒㋓㋔㋕㋖㋗㋘㋙"  # 「㋐…㋑…」 count like ア イ ウ
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"  # 「Ⅰ．…Ⅱ．…」 (one character each)
_ROMAN_SMALL = "ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ"
_ROMAN_LETTERS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGIT = "".join(chr(c) for c in range(0x2474, 0x2488))  # ⑴⑵ … ⒇ (one character each)
_Z2H = str.maketrans("０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ",
                     "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# 「1 日あたり…」「3　年後に…」: a number before a blank and a counter word is a quantity, not an item.
# 「3　条例の運用に当たり…」「1　本市の…」「2　点検体制…」: a word that starts with a counter's character is
# no counter (QA33: item 3 of a council's letter was read as 「3 条」 and joined to item 2)
_COUNTER_AFTER_SPACE = re.compile(
    r"[ 　]*(日|月|年|人|名|件|回|時|分|秒|週|点|頁|ページ|円|割|台|個|本|歳|才|階|万|千|百|億|%|％|倍|度|"
    r"km|ｋｍ|m|ｍ|kg|ｋｇ|g|丁目|番|号|章|条|節|項|つ|か所|箇所|ヶ所|カ所)"
    r"(?<!条(?=例))(?<!本(?=[市町村県区庁計案件]))(?<!日(?=本))(?<!人(?=[口材権員])|点(?=検))(?<!分(?=[野析]))"
    r"(?<!個(?=[人別]))(?<!年(?=[金齢]))(?<!名(?=称))(?<!度(?=合))"
)

# Item markers at the start of a line. Each style is counted separately.
_MARKERS = [
    ("paren", re.compile(r"[(（]\s*([0-9０-９]{1,2})\s*[)）]")),
    ("dot", re.compile(r"([0-9０-９]{1,2})\s*[.．、)）](?![0-9０-９])")),
    ("circled", re.compile(f"([{_CIRCLED}])")),
    ("paren_digit", re.compile(f"([{_PAREN_DIGIT}])")),
    ("kanji", re.compile(f"([{_KANJI_NUM}]{{1,2}})\\s*[、．.]")),
    ("kanji_paren", re.compile(f"[(（]([{_KANJI_NUM}]{{1,2}})[)）]")),
    # 「一　第七条第一項の…」「二　第十一条の…」: a kanji numeral and a blank, as statutes and ministry-style
    # letters number their points (QA40: such a letter was one opinion; 「一 日も早く」 is a quantity, see
    # _COUNTER_AFTER_SPACE)
    ("kanji_space", re.compile(f"([{_KANJI_NUM}]{{1,2}})[ 　]+(?=\\S)")),
    # 「第1に」「第一に、」「第2点目：」; 「第1章」「第3条」 are references, not items
    ("dai", re.compile(f"第\\s*([0-9０-９{_KANJI_NUM}]{{1,2}})\\s*(?:(?:に|点目?|項目)\\s*[、，,．.:：　 ]?|[、．.:：　 ])")),
    # 「その1　…」「その２：…」 (QA85: such a letter was one opinion)
    ("sono", re.compile(f"その\\s*([0-9０-９{_KANJI_NUM}]{{1,2}})\\s*[、，．.:：　 ]")),
    # 「1　駐輪場を…」「2 屋根を…」: a number and a blank (not 「1 日あたり」, see _COUNTER_AFTER_SPACE)
    ("space", re.compile(r"([0-9０-９]{1,2})[ 　]+(?=\S)")),
    # 「Ⅰ．…」「Ⅱ　…」「II．…」: a Roman numeral with a stop or a blank after it (「Ⅱ期計画」 is no item);
    # before the letters, so 「I．」 over 「II．」 is the first of them
    ("roman", re.compile(f"([{_ROMAN}{_ROMAN_SMALL}]|[IVXＩＶＸ]{{1,4}}(?=\\s*[.．]))\\s*[.．、]?[ 　]*(?<=[.．、 　])")),
    # 「(a)…(b)…」「Ａ．…Ｂ．…」 (a letter counts as its place in the alphabet)
    ("alpha_paren", re.compile(r"[(（]([a-zａ-ｚ])[)）]")),
    ("alpha_dot", re.compile(r"([A-ZＡ-Ｚ])\s*[.．](?![A-Za-zＡ-Ｚａ-ｚ0-9０-９])")),
    # 「(ア)…(イ)…」「（ア）」「ア．…イ．…」 (ア イ ウ エ オ カ キ ク ケ コ count like 1 … 10)
    ("kana_paren", re.compile(f"[(（]\\s*([{_KANA_MARK}])\\s*[)）]")),
    ("kana_dot", re.compile(f"([{_KANA_MARK}])\\s*[.．]")),
    ("circled_kana", re.compile(f"([{_CIRCLED_KANA}])")),
    # 「ア　車両購入補助の…」「イ　申請手続を…」: a kana and a blank (a katakana word has no blank after one kana)
    ("kana_space", re.compile(f"([{_KANA_MARK}])[ 　]+(?=\\S)")),
    # 「○○商工会議所」「○○県知事」「○町議会」: a placeholder name, no bullet (QA33: its first 「○」 was cut off)
    ("bullet", re.compile(r"([・●■◆□◇▪\*＊•★☆◎▲▼▶►]|○(?![○〇◯×△]|[県市町村区郡][知長議役庁立]))\s*")),
    ("dash", re.compile(r"([-－ー―‐])\s+")),
]
# 「> 駐輪場を増やしてほしい」: a bullet only where _mail_parts found the 「>」 lines are no quotation
_QUOTE_BULLET = ("bullet", re.compile(r"([>＞])[ \t\u3000]*"))
# 「8.15頁の…」: a dot item whose text starts with a digit looks like a decimal; it counts as
# an item only when it continues a dot list (the previous item was number N - 1).
_DOT_BEFORE_DIGIT = re.compile(r"([0-9０-９]{1,2})\s*[.．](?=[0-9０-９])")
_HEADING_RE = re.compile(
    r"^\s*(?:[【\[［■◆●〈<＜「『]|[#＃]{1,4}(?=[ \t\u3000]))?\s*(?P<h>[^\s。！？!?「」『』](?:[^\n。！？!?「」『』]|「[^」\n。]{1,30}」|『[^』\n。]{1,30}』){0,39}?(について|に関して|に関する(ご)?意見|に対する(ご)?意見|への(ご)?意見))\s*[】\]］〉>＞」』]?\s*[:：]?\s*$"
)
# 「意見1：…」「【意見1】…」「＜要望２＞」 (the label may stand alone on its line, the text below it)
_LABEL_RE = re.compile(
    rf"[【\[［〈<＜(（]?\s*(?:ご?意見|要望|提案|質問)\s*([0-9０-９]{{1,2}}|[{_KANJI_NUM}]{{1,2}}|[{_CIRCLED}])\s*"
    r"(?:[】\]］〉>＞)）]\s*[:：.．、]?|[:：.．、]|[ 　]|$)\s*"
)
# 「件名：」 before a heading: the letter's subject line (the heading is what follows it)
_SUBJECT_LABEL_RE = re.compile(r"^(?:件名|Subject|タイトル|表題|題名)[ \t\u3000]*[:：][ \t\u3000]*", re.IGNORECASE)
# A title that names the draft: 「第2次○○市総合計画（案）に対する意見」「計画案への意見」「条例改正案についての意見書」
_DRAFT_TITLE_RE = re.compile(
    r"(?:案|計画|方針|指針|条例|戦略|構想|ビジョン|プラン|大綱|要綱|改正|施策)[)）」』]{0,2}(?:等|など)?[ \t\u3000]*"
    r"(?:へ|に対する|に関する|について|についての|に対して)?の?[ \t\u3000]*(?:ご)?(?:意見|コメント|提言|要望)(?:書)?"
    r"(?:について|の件)?$")
# ... unless it names a part of the draft: 「第3章（計画の目標）に関する意見」 is a section heading
_PART_OF_DRAFT_RE = re.compile(r"第[ \t\u3000]*[0-9０-９一二三四五六七八九十]+[ \t\u3000]*[章条節項款部編]|頁|ページ|別添|別紙|別表|資料")


# 「条例案の第12条と基本計画の42頁の両方について意見です。」: one line over numbered items that only
# announces them (QA33: it was published as an opinion of its own)
_LEAD_IN_LINE_RE = re.compile(
    r"[^。\n]{1,60}(?:について|に関して|に対して|に対する|への)(?:の)?[、，,]?(?:ご|私の)?(?:意見|要望|提案|質問)(?:等|など)?"
    r"(?:が(?:あります|ございます)|です|でございます|を(?:申し上げ|述べ|提出し|送り|お送りし)(?:ます|ました))[。．.！!]?")


# 「まず、放課後児童クラブについて意見を述べます。定員が…」 at a line's start: the sentence names what the
# paragraph is about, as a 「…について」 heading line does (QA59: dropped as a stock sentence, the published
# summary lost its subject, and a letter of three such paragraphs was one opinion)
_ANNOUNCED_TOPIC_RE = re.compile(
    r"[ \t\u3000]*(?:(?P<c>まず|次に|つぎに|最後に|さいごに|また|それから|続いて|第[一二三四五六1-6１-６]に|"
    r"[一二三四五六1-6１-６](?:点|つ)目(?:は|として|に)?)[、，,]?[ \t\u3000]*)?(?:(?:私|わたし|当会|本会)は[、，,]?)?"
    r"(?P<h>(?:[^。．\n、，,「」『』]|「[^」\n。]{1,30}」|『[^』\n。]{1,30}』){2,40}?について)(?:の)?[、，,]?(?:私の|ご)?(?:意見|要望|提案)"
    r"(?:を(?:述べ|申し上げ)(?:ます|させていただきます|させて頂きます)|です|があります|がございます)"
    # the sentence ends there: 「…について意見がありますが、まず…」 goes on, and is no heading (QA62: cut after が)
    r"(?:[。．.!！]|(?=[ \t\u3000]*$))")
# ... unless what it names is the draft itself (「本計画案について意見を述べます。」: every letter says so)
_THE_DRAFT_RE = re.compile(r"(?:素案|原案|改正案|案|計画|方針|指針|条例|戦略|構想|ビジョン|プラン|大綱|要綱)"
                           r"(?:[（(][^（）()]{1,20}[)）])?[)）」』]?"
                           r"(?:等|全体|全般)?について$")


def names_the_draft(subject: str) -> bool:
    """「本計画案について」「…プラン（令和8～12年度）について」: a subject that is the draft itself (no part of it),
    or the points the letter makes (「以下3点について」)."""
    subject = subject.strip()
    return bool(_THE_DRAFT_RE.search(subject)) and not _PART_OF_DRAFT_RE.search(subject) or bool(
        _POINTS_ANNOUNCED_RE.search(subject))


def _announced_topic(line: str) -> re.Match | None:
    """The 「（まず、）Xについて意見を述べます。」 sentence opening ``line`` when X is not the draft itself."""
    m = _ANNOUNCED_TOPIC_RE.match(line)
    # 「以下3点について意見を述べます。」 announces the items under it, naming nothing
    return None if m is None or names_the_draft(m.group("h")) else m


_POINTS_ANNOUNCED_RE = re.compile(r"^(?:以下|下記|次|これから|今から|いくつか|幾つか)|(?:[0-9０-９一二三四五六七八九十]+|いくつ|幾つ|複数)\s*"
                                  r"(?:点|つ|項目|件|か所|箇所)(?:の(?:こと|事項|点))?について$")


def is_lead_in(text: str) -> bool:
    """「…の両方について意見です。」: a line that announces the opinions under it, nothing more."""
    return bool(_LEAD_IN_LINE_RE.fullmatch(text.strip(" \t\n\u3000")))


def is_draft_title(heading: str) -> bool:
    """「総合計画（案）に対する意見」: a heading that only names the draft the letter is about."""
    h = heading.strip()
    return bool(_DRAFT_TITLE_RE.search(h)) and not _PART_OF_DRAFT_RE.search(h)


_SECTION_LABEL_RE = re.compile(r"^\s*[【\[［](?P<h>[^】\]］\n]{1,30})[】\]］]\s*$")
# 「第9条関係（所有者等の調査）」「第15条第2項関係」「附則関係」 alone on a line: a heading over the text under
# it, as 「…について」 is (QA35: without a number or brackets it ended the opinion above it)
_ARTICLE_HEADING_RE = re.compile(
    r"^[ \t\u3000]*(?P<h>(?:第[ \t\u3000]*[0-9０-９一二三四五六七八九十百]+[ \t\u3000]*条(?:の[0-9０-９一二三四五六七八九十]+)?"
    r"(?:第[0-9０-９一二三四五六七八九十]+項)?|附則(?:第[0-9０-９一二三四五六七八九十]+項)?)関係"
    r"(?:[ \t\u3000]*[（(][^）)\n]{1,30}[）)])?)[ \t\u3000]*$")
# 「【意見】」「〈意見〉」「意見：」 and 「【理由】」「＜理由＞」「理由：」 at the start of a line: the parts of one
# opinion under its item heading, no heading and no cut of their own (QA33: the item heading, its
# 【意見】 and its 【理由】 were three rows; the report read 「第15条について」 alone)
_OR_OPINION = r"(?:ご)?意見(?:の)?(?:内容|要旨|概要)?|要望(?:事項|内容)?|提案(?:の)?(?:内容)?"
_OR_REASON = r"(?:意見の|要望の|提案の|その)?理由(?:等)?|根拠"
_OPINION_REASON_LABEL_RE = re.compile(
    rf"[ \t\u3000]*(?:[【\[［〈<＜《〔(（][ \t\u3000]*(?:(?P<o>{_OR_OPINION})|(?P<r>{_OR_REASON}))[ \t\u3000]*"
    rf"[】\]］〉>＞》〕)）](?![ \t\u3000]*について)[ \t\u3000]*[:：]?"
    rf"|(?:(?P<o2>{_OR_OPINION})|(?P<r2>{_OR_REASON}))[ \t\u3000]*[:：])")


def _opinion_reason_labels(text: str, lines: list[tuple[int, int]]) -> dict[int, str]:
    """Line index -> "opinion" or "reason" of the 【意見】/【理由】 labels of ``text``, when it holds both
    kinds (a letter of 【意見】 labels alone keeps them as headings); else {}."""
    out = {}
    for idx, (s, e) in enumerate(lines):
        m = _OPINION_REASON_LABEL_RE.match(text, s, e)
        if m:
            out[idx] = "opinion" if (m.group("o") or m.group("o2")) else "reason"
    return out if set(out.values()) == {"opinion", "reason"} else {}


def _split_labelled(text: str, seg: Segment, lines: list[tuple[int, int]], labels: dict[int, str]) -> list[Segment]:
    """``seg`` (an item, or the text under a heading) holding 【意見】 and 【理由】 labels: one opinion,
    cut again only where an 【意見】 label follows a 【理由】 (a second opinion under the same heading).
    [] when ``seg`` holds no label."""
    inside = [(idx, kind) for idx, kind in sorted(labels.items()) if seg.start <= lines[idx][0] < seg.end
              or lines[idx][0] <= seg.start < lines[idx][1]]
    if not inside:
        return []
    cuts, reason_seen = [], False
    for idx, kind in inside:
        if kind == "reason":
            reason_seen = True
        elif reason_seen:
            cuts.append(lines[idx][0])
            reason_seen = False
    out, start = [], seg.start
    for k, cut in enumerate(cuts + [seg.end]):
        piece = _trimmed(text, start, min(cut, seg.end), seg.heading, seg.marker if k == 0 else "")
        if piece.end > piece.start:
            out.append(piece)
        start = cut
    return out
# A marker followed directly by one of these refers to an item of the draft (「(1)について賛成です。」
# 「②は反対です。」「(1)、(2)については…」): the opinion is cut there, but the marker stays in its text.
_REFERENCE_AFTER = re.compile(
    rf"(?:\s*(?:[、，,・～〜~]|及び|および|と|や|から)\s*[(（]?\s*[0-9０-９{_KANJI_NUM}{_CIRCLED}{_PAREN_DIGIT}]{{1,2}}\s*[)）]?)*"
    r"(?:について|に関し|に関する|に対し|に対する|に係る|に記載|は|の|が|を|では|から|まで)"
)
# Inline sequences: 「①…②…」 or 「…。(2)…」 inside one line. These find the candidates; which of
# them start an item is decided by ``_inline_items`` (「計画案の①と②に賛成」 holds none).
_INLINE_CIRCLED = re.compile(f"[{_CIRCLED}]")
# also after a title word with no stop before the list (QA66: 「…（案）に対する意見(1) …(2) …」 was one opinion)
_INLINE_PAREN = re.compile(r"(?:(?<=^)|(?<=[。．！？!?\s、])|(?<=意見|要望|提案|質問|提言|要旨)|(?<=について))"
                           r"[(（]\s*([0-9０-９]{1,2})\s*[)）](?![のにでをはがとへや])")
# Where an inline item can open a list: the start of the text or of a line, a blank, a sentence end
# or a closing bracket (「意見は三つです。①…」). The first item must stand there; the next ones may
# also follow a separator 「、」 (「①駐輪場の増設、②バスの増便」), for circled numbers the end of a
# predicate (「①駐輪場を増やす②料金を下げる」) or a word (「①公園②図書館」), but only as the next
# number of the list: 「計画案の①と②に…」「優先順位は①②③の順」「資料③参照」 cut nothing.
_INLINE_TITLE_WORDS = ("意見", "要望", "提案", "質問", "提言", "要旨", "について")
_INLINE_STRONG_BEFORE = frozenset("。．！？!?」』）)】〕")
_INLINE_SEPARATOR_BEFORE = frozenset("、，,")
_INLINE_PARTICLE_BEFORE = frozenset("のはがをにでやへも")
# After the marker: no item text. Nothing, another marker, punctuation (「①〜③」「①、②」「①・②」).
_INLINE_NO_TEXT_AFTER = re.compile(
    rf"[ \t\u3000]*(?:$|\n|[{_CIRCLED}{_PAREN_DIGIT}]|[(（]\s*[0-9０-９]{{1,2}}\s*[)）]|[、，,。．.・～〜~：:)）」』\-－―])")
# After the marker: a reference to an item, not an item's text (「①と②に」「③には」「①の順」「②を」
# 「資料③参照」); a particle followed by kana (「②もっと」「②にぎわいを」) starts an item's text.
_INLINE_REFERENCE_AFTER = re.compile(
    r"[ \t\u3000]*(?:を|[のはがにとでもやへか](?![ぁ-ゖ])|[にとでのか][はもの]|から|まで|より|について|に関|に対|"
    r"参照|参考|番目|の(?:とおり|通り|順|ように|よう))")


@dataclass(frozen=True)
class Segment:
    start: int  # offsets into the submission text, marker excluded (kept for 「(1)について…」)
    end: int
    heading: str = ""  # the 「…について」 heading the opinion sits under, if any
    marker: str = ""  # "(1)", "①", "・" ...
    # the closing and signature block after the last item (「以上」「敬具」, name, address); also a
    # greeting or self-introduction set apart by quotation in a reply (「小林です。」 above the 「>」 lines)
    closing: bool = False
    part: str = ""  # "header" (an e-mail header block) or "quoted" (quoted or forwarded text); "" for the body

    def text_of(self, source: str) -> str:
        return source[self.start:self.end]


def _number(token: str) -> int | None:
    token = token.translate(_Z2H)
    if token in _CIRCLED:  # checked first: "①".isdigit() is True in Python
        return _CIRCLED.index(token) + 1
    if token in _PAREN_DIGIT:
        return _PAREN_DIGIT.index(token) + 1
    if len(token) == 1 and token in _KANA_MARK:
        return _KANA_NUM.index(unicodedata.normalize("NFKC", token)) + 1
    if token in _CIRCLED_KANA:
        return _CIRCLED_KANA.index(token) + 1
    if token in _ROMAN:
        return _ROMAN.index(token) + 1
    if token in _ROMAN_SMALL:
        return _ROMAN_SMALL.index(token) + 1
    if token.translate(_Z2H) in _ROMAN_LETTERS and len(token) > 1:  # 「I」 alone is a letter here (see the roman style)
        return _ROMAN_LETTERS.index(token.translate(_Z2H)) + 1
    if len(token) == 1 and token.isascii() and token.isalpha():
        return ord(token.lower()) - ord("a") + 1
    if re.fullmatch(r"[0-9]+", token):
        return int(token)
    if all(ch in _KANJI_NUM for ch in token):
        if token == "十":
            return 10
        if token.startswith("十"):
            return 10 + _KANJI_NUM.index(token[1]) + 1
        if len(token) == 1:
            return _KANJI_NUM.index(token) + 1
    return None


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_list(numbers: list[int | None]) -> bool:
    """Two or more items that count up from one (numbering may restart under a heading), or three
    or more that count up one by one from elsewhere (「⑨…⑩…⑪…」: a list continued from a page
    before, QA54)."""
    nums = [n for n in numbers if n is not None]
    if len(nums) >= 3 and len(nums) == len(numbers) and all(b == a + 1 for a, b in zip(nums, nums[1:])):
        return True
    if len(nums) < 2 or 1 not in nums:
        return False
    ups = sum(1 for a, b in zip(nums, nums[1:]) if b == a + 1)
    return ups >= max(1, (len(nums) - 1) // 2)


_LONE_CR_RE = re.compile(r"\r(?!\n)")


def split_submission(text: str) -> list[Segment]:
    """Segments of ``text``, one per opinion. A text without structure is one segment.

    E-mail header blocks and quoted or forwarded text are segments of their own (``part``).
    A lone carriage return (old Mac line ends; the readers turn them into line breaks already) is a
    line break here too, so that a heading never spans one: the offsets stay those of ``text``."""
    if "\r" in text:
        text = _LONE_CR_RE.sub("\n", text)
    turns = speaker_turns(text)
    if turns is not None:
        return _spoken(text, turns)
    table = _tab_table(text)
    if table is not None:
        return table
    title = _LETTER_TITLE_RE.match(text)
    if title is not None and not is_draft_title(title.group("t").strip()):  # (a title naming the draft: as before)
        return _titled(text, title)
    return _segments(text)


def _spoken(text: str, turns: list[Turn]) -> list[Segment]:
    """A meeting's record (``transcript.speaker_turns``): each participant's turn cut as a text of its own, its
    label (「参加者A：」) left out; the moderator's and staff's turns, stage notes and the lines above the first
    turn (the record's title, date) are ``closing`` segments (QA106)."""
    out = []
    lead = _trimmed(text, 0, turns[0].label_start)
    if lead.end > lead.start:
        out.append(replace(lead, closing=True))
    for turn in turns:
        said = text[turn.start:turn.end]
        if turn.staff or is_stage_note(said) or not said.strip():
            seg = _trimmed(text, turn.label_start, turn.end)
            if seg.end > seg.start:
                out.append(replace(seg, closing=True))
            continue
        out += [replace(s, start=s.start + turn.start, end=s.end + turn.start) for s in _segments(said)]
    return out


def _segments(text: str) -> list[Segment]:
    return _contact_blocks_closed(text, _headed_by_their_announcement(text, _split_submission(text)))


# A letter's title on its first line, a blank line under it (「放課後児童クラブの待機児童の解消を求める意見」「…に関する
# 要望書」「…の移設について（要望）」「…に向けた提言」)
_LETTER_TITLE_RE = re.compile(r"[ \t\u3000]*(?![^\n]*[:：])(?![^\n]*という(?:ご?意見|要望))(?P<t>[^\n。．！？!?]{4,60}(?:を求める|に関する|についての|に対する|への|に向けた|の)?"
                              r"(?:ご?意見|意見書|要望|要望書|要請|要請書|提言|提言書|陳情|陳情書|嘆願書|請願|請願書)"
                              r"|[^\n。．！？!?]{4,60}について[（(](?:要望|意見|提言|お願い)[)）])[ \t\u3000]*(?=\n[ \t\u3000]*\n)")


def _titled(text: str, title: re.Match) -> list[Segment]:
    """The segments of a letter under a title line: the rest is cut on its own (so a 拝啓 under the title opens it). A
    title the letter's opinions say again (they share a word with it and ask something: QA91's campaign 「…待機児童の解消
    を求める意見」) is a ``closing`` segment, its name; one they do not say (「コミュニティバスの増便を求める意見⏎⏎駅前の駐輪場も…」) goes
    with the first opinion (QA92: it was dropped), and with no opinion under it, it is the opinion."""
    start = title.end()
    while start < len(text) and text[start] in " \t\u3000\n":
        start += 1
    rest = [Segment(s.start + start, s.end + start, s.heading, s.marker, s.closing, s.part)
            for s in _segments(text[start:])] if text[start:].strip() else []
    head = _trimmed(text, title.start("t"), title.end("t"))
    opinions = [k for k, s in enumerate(rest) if not s.closing and not s.part]
    if not opinions:
        return [head] + rest
    said = "".join(text[rest[k].start:rest[k].end] for k in opinions)
    if _terms(text[head.start:head.end]) & _terms(said) and any(sentence_asks(s) for s in split_sentences(said)):
        return [replace(head, closing=True)] + rest
    k = opinions[0]
    if k == 0:  # the title and the first opinion as one
        return [Segment(head.start, rest[0].end, rest[0].heading, rest[0].marker)] + rest[1:]
    return [head] + rest


# A letter typed as a table, its cells apart by TABs, under a header naming the opinion's column (QA80: 「No.⇥該当頁⇥
# 該当箇所⇥意見⇥理由」 over three numbered rows was one opinion, none of its requests readable in the table)
_TABLE_OPINION_HEADS = ("意見", "ご意見", "意見内容", "意見の内容", "ご意見の内容", "意見・提案", "要望")
_TABLE_PLACE_HEADS = ("該当箇所", "該当部分", "該当ページ", "該当頁", "項目", "箇所", "頁", "ページ")


# the number column's head of a table pasted from Excel (「No.⇥意見」: two columns, QA85)
_TABLE_NUMBER_HEADS = ("No.", "No", "NO.", "NO", "no.", "No．", "番号", "項番", "通番", "№", "整理番号", "意見番号")


def _table_head(line: str) -> bool:
    """A TAB table's header line naming an opinion column: three columns or more, or the number and the opinion."""
    cells = [c.strip(" \u3000") for c in line.split("\t")]
    if not any(c in _TABLE_OPINION_HEADS for c in cells):
        return False
    return len(cells) >= 3 or (len(cells) == 2 and unicodedata.normalize("NFKC", cells[0]) in _TABLE_NUMBER_HEADS)


def _names_only_lines(text: str) -> bool:
    """Short lines without a sentence that ask nothing (「みなと環境ネット」 over a table, QA82): a letterhead."""
    lines = [x.strip(" \t\u3000") for x in text.split("\n") if x.strip(" \t\u3000")]
    return bool(lines) and len(lines) <= 4 and all(len(x) <= 30 and "。" not in x and _only_names(x) for x in lines)


def _tab_table(text: str) -> list[Segment] | None:
    """The segments of a submission holding a TAB table of opinions (a header line with an opinion column, then two
    or more rows whose first cell is a number): each row is an opinion from its opinion cell to the row's end (its
    reason cell with it), under the row's place cell as heading; the text above the header and below the rows is
    split as any text, its opinions kept, and the header is a greeting row. None for any other text."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    head = next((k for k, (_, _, line) in enumerate(lines) if _table_head(line)), None)
    if head is None:
        return None
    cells = [c.strip(" \u3000") for c in lines[head][2].split("\t")]
    col = next(k for k, c in enumerate(cells) if c in _TABLE_OPINION_HEADS)
    place = next((cells.index(h) for h in _TABLE_PLACE_HEADS if h in cells and cells.index(h) != col), None)
    rows: list[int] = []
    row_end: dict[int, int] = {}  # a row's last line: a cell wrapped onto the next lines goes with it (QA82)
    for k in range(head + 1, len(lines)):
        start, end, line = lines[k]
        parts = line.split("\t")
        if re.fullmatch(r"[ \u3000]*[0-9０-９]{1,3}[.．]?[ \u3000]*", parts[0]) and len(parts) > col:
            rows.append(k)
            row_end[k] = k
        elif rows and line.strip(" \t\u3000") and row_end[rows[-1]] == k - 1:
            row_end[rows[-1]] = k
        else:
            break
    if len(rows) < 2:
        return None
    out: list[Segment] = []
    before = text[:lines[head][0]]
    if before.strip():  # (the letter's title and 「次の表のとおり提出します。」 over the table: its cover)
        out += [Segment(seg.start, seg.end, seg.heading, seg.marker, seg.closing or is_letter_framing(
                    before[seg.start:seg.end]) or bool(_ANNOUNCE_BELOW_RE.search(before[seg.start:seg.end]))
                    or _names_only_lines(before[seg.start:seg.end]), seg.part)
                for seg in _split_submission(before)]
    out.append(Segment(lines[head][0], lines[head][1], closing=True))
    for k in rows:
        start, _, line = lines[k]
        end = lines[row_end[k]][1]
        parts = line.split("\t")
        at = start + sum(len(p) + 1 for p in parts[:col])
        heading = parts[place].strip(" \u3000") if place is not None and place < len(parts) else ""
        body = _trimmed(text, at, end)
        if body.end > body.start:
            out.append(Segment(body.start, body.end, heading, parts[0].strip(" \u3000")))
    after_start = lines[row_end[rows[-1]]][1] + 1
    if after_start < len(text) and text[after_start:].strip():
        for seg in _split_submission(text[after_start:]):
            out.append(Segment(seg.start + after_start, seg.end + after_start, seg.heading, seg.marker,
                               seg.closing or bool(is_letter_framing(text[after_start + seg.start:after_start + seg.end])),
                               seg.part))
    return out


def _contact_blocks_closed(text: str, segments: list[Segment]) -> list[Segment]:
    """A segment under a contact label (「【本件担当】」「【連絡先】」 read as its heading) holding only short lines, the
    office and person to ask, is the letter's closing (QA80: 「［氏名］　産業振興部　［氏名］」 published as a row)."""
    out = []
    for seg in segments:
        body = text[seg.start:seg.end]
        lines = [x.strip(" \t\u3000") for x in body.split("\n") if x.strip(" \t\u3000")]
        if (not seg.closing and seg.heading and _CONTACT_LABEL_RE.fullmatch(seg.heading.strip(" \t\u3000【】[]（）()"))
                and 0 < len(lines) <= 3 and all(len(x) <= 40 and "。" not in x and _only_names(x) for x in lines)):
            seg = Segment(seg.start, seg.end, seg.heading, seg.marker, True, seg.part)
        out.append(seg)
    return out


def _headed_by_their_announcement(text: str, segments: list[Segment]) -> list[Segment]:
    """A segment a paragraph cut opened with 「次に、図書館について意見を述べます。…」 takes that subject as its
    heading, in place of the one an earlier announcement gave the paragraph (QA62: the 図書館 request was filed
    under 「公園について」; a heading that names a place in the draft, 第3章, is kept beside it)."""
    out = []
    for seg in segments:
        m = None if seg.closing or seg.part else _announced_topic(text[seg.start:seg.end])
        body = _trimmed(text, seg.start + m.end(), seg.end) if m else None
        if m is None or body.end <= body.start:
            out.append(seg)
            continue
        heading = m.group("h")
        if seg.heading and seg.heading != heading and _PART_OF_DRAFT_RE.search(seg.heading):
            heading = f"{seg.heading} {heading}"
        out.append(Segment(body.start, body.end, heading, seg.marker, seg.closing, seg.part))
    return out


def _split_submission(text: str) -> list[Segment]:
    parts, quote_bullets = _mail_parts(text)
    if not parts:
        return _without_furniture(text, _split_top(text, quote_bullets))
    out: list[Segment] = []
    bodies = [(start, end) for start, end, part in parts if not part and text[start:end].strip()]
    replying = len(bodies) > 1 and any(part == "quoted" for _, _, part in parts)
    for start, end, part in parts:
        if part == "closing":  # a mail's furniture: footer, framed signature, confidentiality notice
            seg = _trimmed(text, start, end)
            if seg.end > seg.start:
                out.append(Segment(seg.start, seg.end, closing=True))
            continue
        if part:
            seg = _trimmed(text, start, end)
            if seg.end > seg.start:
                out.append(Segment(seg.start, seg.end, part=part))
            continue
        chunk = text[start:end]
        if not chunk.strip():
            continue
        if replying and _is_signature_only(chunk):
            # the writer's name and address under the quoted notice of a reply: no opinion
            seg = _trimmed(text, start, end)
            out.append(Segment(seg.start, seg.end, closing=True))
            continue
        if replying and is_introduction(chunk) and any(
                s != start and not is_empty_opinion(text[s:e]) and not is_introduction(text[s:e]) for s, e in bodies):
            # 「小林です。」 above the quoted lines of a reply: a greeting, no opinion (kept as such a row)
            seg = _trimmed(text, start, end)
            out.append(Segment(seg.start, seg.end, closing=True))
            continue
        split = _split_top(chunk, quote_bullets) if not out else _split_body(chunk, quote_bullets)
        for seg in split:
            if seg.end > seg.start:
                out.append(Segment(seg.start + start, seg.end + start, seg.heading, seg.marker, seg.closing,
                                   seg.part))
    return _without_furniture(text, out) if out else [Segment(0, len(text))]


def _without_furniture(text: str, segments: list[Segment]) -> list[Segment]:
    """``segments`` with the signer's furniture at the end of an opinion (「…\n\n東小学校 保護者有志 32名\n
    （代表）小川　由美」 over its 【名簿】, 「…\n\n賛同者（連名）」) cut off as a ``closing`` segment of its own
    (QA50: it was published with the opinion; ``_furniture_block``)."""
    out: list[Segment] = []
    for seg in segments:
        body = text[seg.start:seg.end]
        cut = -1 if seg.closing or seg.part or "\n\n" not in body else _furniture_block(body)
        if cut <= 0:
            out.append(seg)
            continue
        head = _trimmed(text, seg.start, seg.start + cut, seg.heading, seg.marker)
        tail = _trimmed(text, seg.start + cut, seg.end)
        out += [head, Segment(tail.start, tail.end, closing=True)]
    return out


# 「件名：…」「Subject: …」 alone on the first line (no other header field under it)
_SUBJECT_LINE_RE = re.compile(r"[ \t\u3000]*(?:件名|Subject)[ \t\u3000]*[:：]", re.IGNORECASE)


def _split_top(text: str, quote_bullets: bool = False) -> list[Segment]:
    """``_split_body``, but a lone subject line at the top (「件名：計画案への意見」) over a text
    that splits into several pieces is a ``header`` segment, not a heading over every item: the
    items would all carry the subject into clustering and fall into one cluster, and a greeting
    under it would not read as the preamble it is. Over one opinion it stays its heading."""
    first = len(text) - len(text.lstrip(" \t\n\u3000"))
    line_end = text.find("\n", first)
    if line_end < 0 or not _SUBJECT_LINE_RE.match(text, first):
        return _split_body(text, quote_bullets)
    rest = _split_body(text[line_end:], quote_bullets)
    if sum(1 for s in rest if not s.closing) < 2:  # one opinion (and maybe its signature)
        return _split_body(text, quote_bullets)
    head = _trimmed(text, first, line_end)
    return [Segment(head.start, head.end, part="header")] + [
        Segment(s.start + line_end, s.end + line_end, s.heading, s.marker, s.closing, s.part) for s in rest]


def _split_body(text: str, quote_bullets: bool = False) -> list[Segment]:
    """``split_submission`` without the e-mail parts (``quote_bullets``: 「> …」 lines are bullets)."""
    markers = _MARKERS + [_QUOTE_BULLET] if quote_bullets else _MARKERS
    if not text.strip():
        return [Segment(0, len(text))]
    lines = _lines(text)
    cover = _cover_end(text, lines)
    if cover:
        # a letter's cover sheet (addressee, association, contact, title, the 前文 up to 「記」): no opinion
        head = _trimmed(text, 0, cover)
        rest = [Segment(x.start + cover, x.end + cover, x.heading, x.marker, x.closing, x.part)
                for x in _split_body(text[cover:], quote_bullets) if x.end > x.start]
        return [Segment(head.start, head.end, closing=True)] + rest
    form = _split_form(text, lines)
    if form:
        return form
    # 1. classify lines
    headings: dict[int, str] = {}
    heading_body: dict[int, int] = {}  # a heading sentence's line -> where its text goes on in the line
    announced = False  # the last heading was a sentence announcing the subject (not a heading line)
    marked: dict[str, list[tuple[int, int, int | None, str]]] = {}
    before_digit: list[tuple[int, int, int | None, str]] = []  # 「8.15頁…」 lines, see _DOT_BEFORE_DIGIT
    # 「2　回復期の…」「2　人工呼吸器の…」 between 「1　…」 and 「3　…」: read as a quantity (「2 回」「2 人」)
    # unless the list counts up through it (QA66: such letters were one opinion)
    counter_like: dict[str, list[tuple[int, int, int | None, str]]] = {}
    labelled = _opinion_reason_labels(text, lines)  # 【意見】【理由】: parts of one opinion, no cuts
    bare_sections = _bare_sections(text, lines)  # 「意見の趣旨」 … 「意見の理由」 lines: section headings
    for idx, (s, e) in enumerate(lines):
        line = text[s:e]
        stripped = line.lstrip(" \t\u3000")
        lead = len(line) - len(stripped)
        if not stripped or idx in labelled:
            continue
        if _PS_RE.match(stripped):  # 「追伸　説明会を…」: an afterthought, an opinion of its own
            marked.setdefault("ps", []).append((idx, s + lead, None, ""))
            continue
        lm = _LABEL_RE.match(stripped)
        if lm and (len(stripped) > lm.end() or _has_text_after(text, lines, idx)):
            marked.setdefault("label", []).append(
                (idx, s + lead + lm.end(), _number(lm.group(1)), lm.group(0).strip()))
            continue
        hm = (_HEADING_RE.match(line) or _SECTION_LABEL_RE.match(line) or _ARTICLE_HEADING_RE.match(line)
              or (bare_sections and _BARE_SECTION_RE.match(line)))
        # 「1. 歩道について」 is an item of a list, not a heading over the next item
        numbered = any(rx.match(stripped) for style, rx in _MARKERS if style not in ("bullet", "dash"))
        am = None if hm or numbered else _announced_topic(line)
        # on a line of its own it may announce the items under it (「…第4条と…10頁の両方について意見です。」,
        # a lead-in): a heading over a paragraph, or when it opens a point of a sequence (「まず、」「次に、」)
        if am and (line[am.end():].strip(" \t\u3000") or (_has_text_after(text, lines, idx) and (
                am.group("c") or not _items_follow(text, lines, idx)))):
            headings[idx] = am.group("h")
            heading_body[idx] = s + am.end() if line[am.end():].strip(" \t\u3000") else e  # where its text starts
            announced = True
            continue
        if announced and not hm and not numbered and _NEW_POINT_RE.match(stripped):
            # 「最後に、第3章の目標値について、…」 after 「次に、施策4の…について意見を述べます。⏎…」: a new point
            # ends what the sentence announced (QA63: it took that heading); a heading line's section goes on
            headings[idx], heading_body[idx] = "", s + lead
            announced = False
            continue
        if hm and not numbered and idx + 1 < len(lines) and _has_text_after(text, lines, idx):
            announced = False
            headings[idx] = _SUBJECT_LABEL_RE.sub("", hm.group("h").strip())  # 「件名：駐輪場について」
            m = _DOT_BEFORE_DIGIT.match(stripped)
            if m:  # 「１．12ページの現状分析について」: an item if the list around it counts up to it
                before_digit.append((idx, s + lead + m.end(), _number(m.group(1)), m.group(0).strip()))
            continue
        for style, rx in markers:
            m = rx.match(stripped)
            if m and style in ("space", "kanji_space") and _COUNTER_AFTER_SPACE.match(stripped, m.start(1) + len(m.group(1))):
                if len(stripped) > m.end():  # an item only where the list around it counts up to it
                    counter_like.setdefault(style, []).append((idx, s + lead + m.end(), _number(m.group(1)),
                                                               m.group(0).strip()))
                continue
            if m and len(stripped) > m.end():
                number = (None if style in ("bullet", "dash") else 1 if style == "roman" and m.group(1) in "IＩ"
                          else _number(m.group(1)))
                # 「(1)について賛成です。」: a reference to item (1) of the draft, kept in the text
                keep = (number is not None and not m.group(0)[-1].isspace()
                        and _REFERENCE_AFTER.match(stripped, m.end()) is not None)
                marked.setdefault(style, []).append((idx, s + lead + (0 if keep else m.end()), number,
                                                     m.group(0).strip()))
                break
        else:
            m = _DOT_BEFORE_DIGIT.match(stripped)
            if m:
                before_digit.append((idx, s + lead + m.end(), _number(m.group(1)), m.group(0).strip()))
    for style, items in counter_like.items():
        taken = {idx for its in marked.values() for idx, *_ in its}
        merged = sorted(marked.get(style, []) + [it for it in items if it[0] not in taken])
        numbers = [n for _, _, n, _ in merged]
        # (fewer than the list's other items: 「1　人暮らし…⏎2　人目の子…⏎3　世代同居…」 counts people, QA68)
        if (marked.get(style) and len(merged) - len(marked[style]) < len(marked[style])
                and all(b == a + 1 for a, b in zip(numbers, numbers[1:]))):
            marked[style] = merged
    # 2. keep marker styles that form a list
    boundaries: dict[int, tuple[int, str]] = {}  # line index -> (text start, marker)
    style_of: dict[int, str] = {}  # line index -> marker style (its level in a nested list)
    # 「追伸」 that asks for something (「追伸　寒くなりましたのでご自愛ください。」 asks for nothing new)
    ps_lines = [item for item in marked.pop("ps", []) if _ps_asks(text, lines, item[0])]
    for style, items in marked.items():
        if style == "dot" and before_digit:
            items = _continue_list(items, before_digit)
        if style in ("bullet", "dash"):
            ok = len(items) >= 2
        elif style == "kanji" and len(items) >= 2 and all(n == 1 for _, _, n, _ in items):
            ok = True  # 「一、…⏎一、…」: a letter's 一つ書き, each 「一、」 an item (QA49)
        else:
            ok = _is_list([n for _, _, n, _ in items])
        if ok:
            for idx, start, _, marker in items:
                boundaries.setdefault(idx, (start, marker))
                style_of.setdefault(idx, style)
    for idx, start, _, marker in _mixed_style_runs(marked, before_digit):
        boundaries.setdefault(idx, (start, marker))
        style_of[idx] = "mixed"  # 「1.」「2．」「(3)」: one list, one level
    for idx in boundaries:  # 「１．12ページの…について」 read as an item of the list, not a heading
        headings.pop(idx, None)
    reasons_listed = _drop_reason_bullets(text, lines, boundaries, style_of, headings)
    if not boundaries and not headings:
        if ps_lines:  # 「追伸」 under a letter without items: the letter, then the afterthought
            cut = lines[ps_lines[0][0]][0]
            head = _split_body(text[:cut], quote_bullets)
            tail = _trimmed(text, cut, len(text))
            if head and head[-1].closing:
                return head + [tail]
            return head + _cut_closing(text, [tail])
        inline = None if reasons_listed else _split_inline(text)
        if inline:
            return inline
        whole = _cut_signature(text, _trimmed(text, 0, len(text)))
        if reasons_listed:  # the reasons' lines are no items of their own, inline or elliptic
            return _split_paragraphs(text, whole[0]) + whole[1:]
        return (_split_labelled(text, whole[0], lines, labelled) or _split_elliptic_lines(text, whole[0])
                or _split_paragraphs(text, whole[0])) + whole[1:]
    first_cut = min(set(boundaries) | set(headings))
    for idx, start, _, marker in ps_lines:
        if idx > first_cut:
            boundaries[idx] = (start, marker)
            style_of[idx] = "ps"
    _merge_reason_items(text, lines, boundaries, style_of)
    # an item that is only a short heading line over deeper items (「１　家庭部門の対策」 over
    # 「（１）…」「（２）…」): a heading for them, no opinion of its own
    heading_items = _heading_items(text, lines, boundaries, style_of, headings)
    # 3. cut: headings open a section, markers open an item
    segments: list[Segment] = []
    cut_lines = sorted(set(boundaries) | set(headings))
    first_line = cut_lines[0]
    if first_line > 0:  # preamble before the first item
        pre = _trimmed(text, 0, lines[first_line][0])
        if pre.end > pre.start:
            # a letterhead, title and greeting over the items (「○○県知事　様」, the date, the
            # association and its 「会長　氏名」, 「記」): no opinion
            framing = is_letter_framing(text[pre.start:pre.end])
            segments.append(Segment(pre.start, pre.end, closing=framing))
    heading = ""
    levels: dict[str, int] = {}  # marker style -> depth, in the order the styles first appear
    for idx in sorted(boundaries):
        levels.setdefault(style_of.get(idx, ""), len(levels))
    stack: list[tuple[int, str]] = []  # (depth, heading) of the heading items above the current item
    carry = ""  # a heading line with nothing under it but the next heading: it heads what follows (QA33)
    carry_from: int | None = None  # where that line starts (a 「…について」 heading's own text)
    for k, idx in enumerate(cut_lines):
        end = lines[cut_lines[k + 1]][0] if k + 1 < len(cut_lines) else len(text)
        if idx in headings:
            heading = " ".join(h for h in (carry, headings[idx]) if h)
            stack = []
            body_start = heading_body.get(idx, lines[idx][1])
            if carry_from is not None and idx not in heading_body:
                # the heading line carried over stays in the text (no text is lost); under a sentence that
                # announces the subject (「第3章について⏎放課後児童クラブについて意見を述べます。…」) both are the heading
                body_start = carry_from
            carry, carry_from = "", None
            seg = _trimmed(text, body_start, end, heading=heading)
            if is_draft_title(heading) and (seg.end > seg.start or k + 1 < len(cut_lines)):
                # 「総合計画（案）に対する意見」「件名：計画案への意見」: the letter's title names the draft,
                # as every letter would; a greeting row, no heading over its opinions (the report would
                # print it above each, and the grouping would read it in every one)
                heading = ""
                title = _trimmed(text, lines[idx][0], lines[idx][1])
                segments.append(Segment(title.start, title.end, closing=True))
                if seg.end > seg.start:
                    body = _trimmed(text, body_start, end)
                    if k + 1 < len(cut_lines) and is_letter_framing(text[body.start:body.end]):
                        # 「時下ますます…下記のとおり意見を提出します。⏎記」 under the title, over the items
                        segments.append(Segment(body.start, body.end, closing=True))
                    else:
                        segments.extend(_split_paragraphs(text, body))
            elif seg.end > seg.start:  # heading with its own text under it (paragraphs may hold several)
                segments.extend(_split_labelled(text, seg, lines, labelled) or _split_paragraphs(text, seg))
            elif k + 1 < len(cut_lines) and cut_lines[k + 1] in headings and not is_draft_title(heading):
                # 「第5条について⏎第2項について⏎…」: no opinion of its own, it heads the next section
                carry, carry_from = heading, lines[idx][0]
            elif k + 1 == len(cut_lines) or cut_lines[k + 1] in headings:
                # nothing at all under it: the heading is all the writer said
                segments.append(_trimmed(text, lines[idx][0], lines[idx][1]))
            continue
        start, marker = boundaries[idx]
        depth = levels.get(style_of.get(idx, ""), 0)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if idx in heading_items:
            stack.append((depth, heading_items[idx]))
            continue
        full = " ".join(h for h in [heading] + [h for _, h in stack] if h)
        seg = _trimmed(text, start, end, heading=full, marker=marker)
        if (k + 1 < len(cut_lines) and cut_lines[k + 1] in headings and seg.end > seg.start
                and _is_heading_line(text[seg.start:seg.end])):
            # 「1　条例（案）について」 right over a 「第5条について」 section: it heads it, no opinion (QA33)
            carry = " ".join(h for h in [h for _, h in stack] + [text[seg.start:seg.end]] if h)
            continue
        if seg.end > seg.start:
            segments.extend(_split_labelled(text, seg, lines, labelled) or [seg])
    segments = segments or [_trimmed(text, 0, len(text))]
    if segments[-1].closing:  # the greeting under a section's last paragraph, cut already
        return segments
    return _gist_and_reasons(text, _cut_closing(text, segments) if len(segments) > 1
                             else _cut_signature(text, segments[0]))


# A letter in two sections, 「意見の趣旨」 (what is asked) over 「意見の理由」 (why): the heading of each
# section, on a line of its own (「第1　意見の趣旨」 heads its items too, see ``_heading_items``)
_GIST_LABEL = r"(?:意見の|ご意見の)?(?:趣旨|要旨)|意見の概要"
_BARE_SECTION_RE = re.compile(
    rf"[ \t\u3000]*[【\[［〈<＜■◆●]?[ \t\u3000]*(?P<h>{_GIST_LABEL}|(?:意見の|その)?理由)[ \t\u3000]*[】\]］〉>＞]?[ \t\u3000]*[:：]?[ \t\u3000]*$")
_GIST_HEADING_RE = re.compile(rf"(?:{_GIST_LABEL})")


def _bare_sections(text: str, lines: list[tuple[int, int]]) -> bool:
    """``text`` has a gist line and a reason line of its own (「意見の趣旨」 … 「意見の理由」)."""
    kinds = {_REASON_SECTION_RE.fullmatch(m.group("h")) is not None
             for s, e in lines if (m := _BARE_SECTION_RE.match(text, s, e))}
    return kinds == {True, False}


def _gist_and_reasons(text: str, segments: list[Segment]) -> list[Segment]:
    """Items under a 「意見の理由」 section give the reasons of the items under 「意見の趣旨」 (QA40: a
    business association's ten reasons were counted and published as opinions). Under one gist item
    they are read with it (one opinion); under several they name no one item and become ``reason``
    segments (kept, neither published nor counted), as a web form's reason cell under several items is.
    The 「意見の趣旨」 label leaves the headings: it says nothing about the opinion."""
    def parts(seg):
        return [h for h in seg.heading.split(" ") if h]

    def label_of(seg) -> str:  # 「第1　意見の趣旨⏎第七条の…」: the label opens the item's own text
        first = text[seg.start:seg.end].split("\n", 1)[0]
        m = _BARE_SECTION_RE.fullmatch(first)
        return m.group("h") if m else ""

    reasons = [k for k, seg in enumerate(segments) if not seg.closing and not seg.part
               and (any(_REASON_SECTION_RE.fullmatch(h) for h in parts(seg))
                    or _REASON_SECTION_RE.fullmatch(label_of(seg)))]
    gist = [k for k, seg in enumerate(segments) if not seg.closing and not seg.part and k not in reasons
            and (any(_GIST_HEADING_RE.fullmatch(h) for h in parts(seg)) or _GIST_HEADING_RE.fullmatch(label_of(seg)))]
    if not reasons or not gist:
        return segments
    out = list(segments)
    for k in gist:
        out[k] = replace(out[k], heading=" ".join(h for h in parts(out[k]) if not _GIST_HEADING_RE.fullmatch(h)))
        if _GIST_HEADING_RE.fullmatch(label_of(out[k])):  # the label line opens it: the opinion starts below
            body = _trimmed(text, text.index("\n", out[k].start), out[k].end)
            out[k] = replace(out[k], start=body.start)
    if len(gist) == 1 and all(k > gist[0] for k in reasons) and reasons == list(range(gist[0] + 1, reasons[-1] + 1)):
        one = out[gist[0]]
        out[gist[0]] = replace(one, end=out[reasons[-1]].end)
        return [seg for k, seg in enumerate(out) if k not in reasons]
    if len(gist) >= 2:
        for k in reasons:
            out[k] = replace(out[k], part="reason")
    return out


# The fields of a ministry-style form: 【意見1】⏎【該当箇所】…⏎【意見内容】…⏎【理由】…
# (or 「該当箇所：第3条⏎意見：…⏎理由：…」, the labels without brackets and with a colon: QA40)
_FORM_FIELD_RE = re.compile(
    r"[ \t\u3000]*(?P<open>[【\[［〔])?[ \t\u3000]*(?:(?P<place>(?:意見の)?該当(?:する)?(?:箇所|個所|部分|ページ|頁|項目|章)|該当箇所等|ページ|頁|箇所)"
    r"|(?P<content>(?:ご)?意見(?:の)?(?:内容|要旨|概要)?|提案(?:の)?内容|内容|要旨)"
    r"|(?P<reason>(?:意見の|その)?理由|根拠|理由等))[ \t\u3000]*(?(open)[】\]］〕][ \t\u3000]*[:：]?|[:：])[ \t\u3000]*")


def _split_form(text: str, lines: list[tuple[int, int]]) -> list[Segment]:
    """A form of blocks (「【意見1】」 or 「【該当箇所】」 opening each, then 「【意見内容】」「【理由】」):
    one opinion per block, its content and reason together, the 【該当箇所】 text its heading (the
    report's 該当箇所). [] when ``text`` is no such form."""
    fields = []  # (line index, kind, text after the label on the line)
    labels = []  # line indexes of 【意見N】
    for idx, (s, e) in enumerate(lines):
        line = text[s:e]
        m = _FORM_FIELD_RE.match(line)
        if m:
            fields.append((idx, m.lastgroup, line[m.end():].strip(" \t\u3000")))
            continue
        lm = _LABEL_RE.match(line.lstrip(" \t\u3000"))
        if lm and _number(lm.group(1)) is not None:
            labels.append(idx)
    kinds = {k for _, k, _ in fields}
    if not ("place" in kinds and kinds & {"content", "reason"}) and not (labels and {"content", "reason"} <= kinds):
        return []
    starts = labels if labels and (len(labels) > 1 or labels[0] < min(i for i, _, _ in fields)) else \
        [i for i, k, _ in fields if k == "place"]
    if not starts:
        return []
    out: list[Segment] = []
    pre = _trimmed(text, 0, lines[starts[0]][0])
    if pre.end > pre.start:
        out.append(Segment(pre.start, pre.end, closing=is_letter_framing(text[pre.start:pre.end])))
    for k, idx in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else len(lines)
        end = lines[starts[k + 1]][0] if k + 1 < len(starts) else len(text)
        body_line = idx + 1 if idx in labels else idx
        if idx in labels:  # 「【意見1】本文…」: text beside the label starts the opinion
            s, e = lines[idx]
            lm = _LABEL_RE.match(text, s + len(text[s:e]) - len(text[s:e].lstrip(" \t\u3000")))
            if lm and text[lm.end():e].strip():
                body_line = idx
        heading = ""
        for f_idx, kind, after in fields:
            if idx <= f_idx < stop and kind == "place":
                heading = after or next((text[s2:e2].strip(" \t\u3000") for s2, e2 in lines[f_idx + 1:stop]
                                         if text[s2:e2].strip()), "")
                if f_idx == body_line and after:  # the place line starts the block: it is the heading
                    body_line += 1
                break
        start = lines[body_line][0] if body_line < len(lines) else end
        if idx in labels and body_line == idx:
            start = lm.end()
        seg = _trimmed(text, start, end, heading=heading,
                       marker=text[lines[idx][0]:lines[idx][1]].strip() if idx in labels else "")
        if seg.end > seg.start:
            out.append(seg)
    if len(out) < 1:
        return []
    return _cut_closing(text, out)


# 「追伸　…」「P.S. …」「追記：…」 at the start of a line: an afterthought, a new opinion
_PS_RE = re.compile(r"(?:追伸|追記|二伸|P\.?[ \t]?S\.?)(?:[ \t\u3000:：、，,．.]|$)", re.IGNORECASE)
# A lead sentence that announces the reasons listed under it (「次のような理由から…を急ぐべきです。」)
_REASONS_LEAD_RE = re.compile(r"理由|背景|根拠|事情|観点から|ため[、，,]")
_HEADING_ITEM_MAX = 40


# A wish said as what the writer wants to do, at the end of a sentence (「ぶかつを じゆうに えらびたい」
# 「犬をかいたい！」, QA41's children): for cutting a letter, a request of its own
_WISH_END_RE = re.compile(r"(?<![にと]し)たい(?:です|なあ|な|よ)?[ 　〜~ー…!！♪☆★。．]*(?:[(（][^()（）]{0,6}[)）])?[ 　。．]*$")


# 「駅のエレベーターの設置が必要です。」「…大きくすることが必要です。」: a request said as what is needed, for cutting a
# letter (QA92: two such requests were one opinion); not 「必要はありません」 nor 「不必要」, nor what someone needs
# (「娘は気管切開をしていて、24時間たんの吸引が必要です。」: a sentence with a topic は is a story)
_NEEDED_RE = re.compile(r"^[^は]*(?<!不)(?:が|も)(?:ぜひ|是非|早急に|早期に|絶対に)?必要(?:です|だ|である|(?:だ|である)?と(?:考え|思い)ます|では"
                        r"ないでしょうか)[。．.!！]*$")


def sentence_asks(sentence: str) -> bool:
    """``sentence`` asks for or rejects something (``stance.sentence_stance``, which reads the
    written style of an association's letter too: 「…を図られたい」「…されたい」), or wishes to do it."""
    from .normalize import nfkc
    from .stance import sentence_stance

    text = nfkc(sentence).strip()
    # 「…サロンに誘ってくださいました。」: what someone did for the writer, told in the past (QA47)
    if _PAST_KINDNESS_RE.search(text):
        return False
    return any(sentence_stance(text)) or bool(_WISH_END_RE.search(text) or _WISH_IF_RE.search(text)
                                               or _SUPPORTS_RE.search(text) or _ELLIPTIC_REQUEST_RE.match(text)
                                               or _NEEDED_RE.search(text))


def _split_elliptic_lines(text: str, seg: Segment) -> list[Segment]:
    """Two or more lines, each one short request with its verb left out (「バス停に屋根を。⏎終バスの延長
    を。」): one opinion per line, as a list without markers (QA49: it stayed one opinion); else []."""
    from .normalize import nfkc

    spans = [(s, e) for s, e in _lines(text[seg.start:seg.end]) if text[seg.start + s:seg.start + e].strip()]
    if len(spans) < 2 or not all(_ELLIPTIC_REQUEST_RE.match(nfkc(text[seg.start + s:seg.start + e]).strip())
                                 for s, e in spans):
        return []
    return [_trimmed(text, seg.start + s, seg.start + e, seg.heading) for s, e in spans]


# 「バス停に屋根を。」「終バスの延長を！」: a request with its verb left out (QA49)
_ELLIPTIC_REQUEST_RE = re.compile(r"[^。．.!！?？\n]{2,30}を[ 　]*[。．.!！]+$")


# 「…来てくださり、…誘ってくださいました。」: a kindness told, no request
# 「…役所でお願いしたとき、…聞こえてしまいました。」「…入院をお願いしましたが、…崩してしまいました。」: what
# happened, told in the past, asks nothing now (QA47)
_PAST_KINDNESS_RE = re.compile(r"(?:ました|でした)[。．.!！]*$")
# 「…話せる場所があったらいいなと思います。」: a wish, said as what would help (QA47)
_WISH_IF_RE = re.compile(r"(?:あったら|あれば|できたら|できれば|なったら|なれば)(?:いい|良い|よい|助かる|うれしい|嬉しい)"
                         r"(?:な|のに)?(?:と(?:思い|思って)(?:ます|います|おります))?[。．.!！]*$")
# 「私はこの方向性に賛成です。」「…という方向性には大いに賛成します。」: support for the draft is an opinion
# (QA47: it stayed in one row with the request in the next paragraph)
_SUPPORTS_RE = re.compile(r"(?:方向性|考え方|趣旨|理念|方向)(?:に|には|にも)[、，,]?(?:大いに|全面的に|基本的に|心から)?賛成(?:です|します|いたします|致します|でございます)"
                          r"[。．.!！]*$")
# A criticism of the draft: it lacks something or says it unclearly (「計画案には「介護者支援」という言葉は出てき
# ますが、具体的に何をするのかが書かれていません。」): an opinion without a request ending (QA47)
_CRITICISM_RE = re.compile(
    r"(?:計画案|計画|素案|原案|本案|案|記述|記載|文言|表現)[^。]{0,60}?"
    r"(?:書かれて(?:いません|いない|おりません)|記載(?:が|は)?(?:ありません|ない|されていません|されていない)"
    r"|触れられて(?:いません|いない)|触れて(?:いません|いない)|示されて(?:いません|いない)|見当たりません"
    r"|具体(?:策|性|的な(?:中身|内容|取組|取り組み))?(?:が|は)?(?:ありません|ない|見えません|乏しい)|不十分|不明確"
    r"|(?:分かり|わかり)(?:ません|にくい)|曖昧|あいまい)")


def criticises_draft(sentence: str) -> bool:
    """``sentence`` says the draft lacks something or says it unclearly (``_CRITICISM_RE``)."""
    from .normalize import nfkc

    return bool(_CRITICISM_RE.search(nfkc(sentence)))


# The things a request names: 「X の Y を」「Y も」 (「ショートステイの枠を」「医療的ケア児等コーディネーターを」
# 「企業向けの啓発も」); the words of what it asks for, not of its reasons.
# 「公園の遊具に」「X の Y は」: the words of a の-chain before any particle too
_OBJECT_RE = re.compile(r"((?:[\u4e00-\u9fff\u3005\u30a0-\u30ffー]+の)+[\u4e00-\u9fff\u3005\u30a0-\u30ffー]+)(?=[をにはがもでや])"
                        r"|([\u4e00-\u9fff\u3005\u30a0-\u30ffー]+)(?:を|も(?=[^、。]*(?:ください|下さい|ほしい|欲しい|たい|願い|求め)))")
_GENERIC_OBJECTS = frozenset("こと もの ため 点 方 何 事 物 全体 対策 取組 取り組み 支援 検討 配慮 対応 整備 充実 推進 強化 確保 "
                             "改善 拡充 実施 計画 計画案 案 県 市 国 内容 具体策 方向性 地域 住民 市民 県民 意見 要望".split())


def _objects(sentence: str) -> set[str]:
    """Words of what ``sentence`` asks for (``_OBJECT_RE``), without the generic ones."""
    from .normalize import nfkc

    out = set()
    for m in _OBJECT_RE.finditer(nfkc(sentence)):
        out.update(w for w in (m.group(1) or m.group(2)).split("の") if len(w) >= 2 and w not in _GENERIC_OBJECTS)
    return out


def _same_object(mine: set[str], theirs: set[str]) -> bool:
    """Some word of ``mine`` is one of ``theirs`` or ends one (耐震改修 / 改修: the same thing, more
    precisely; 医療的ケア児等コーディネーター / 医療的ケア児: another thing of the same people)."""
    return any(a.endswith(b) or b.endswith(a) for a in mine for b in theirs)


def _ps_asks(text: str, lines: list[tuple[int, int]], idx: int) -> bool:
    """The 「追伸」 paragraph from line ``idx`` (to a blank line) asks for something."""
    from .normalize import _sentences

    stop = next((j for j in range(idx + 1, len(lines)) if not text[lines[j][0]:lines[j][1]].strip()), len(lines))
    chunk = text[lines[idx][0]:lines[stop - 1][1]]
    return any(not is_empty_opinion(p) and sentence_asks(p.strip()) for p in _sentences(chunk))


def _drop_reason_bullets(text: str, lines: list[tuple[int, int]], boundaries: dict[int, tuple[int, str]],
                         style_of: dict[int, str], headings: dict[int, str]) -> bool:
    """Items under a lead that asks for something and announces its reasons are the reasons of that one
    opinion, not opinions: their boundaries go (in place). Bullets under any mention of reasons
    (「次のような理由から、充電設備の整備を急ぐべきです。⏎・…⏎・…」); a numbered list when the lead says the
    reasons follow (「…廃止に反対です。理由は次の3点です。⏎1. …⏎2. …」「…残してください。なぜなら、⏎(1)…」, or
    「理由」 alone on the line above, QA85: each reason was a published row) and takes a side or asks.
    Returns whether it took any: the reasons are then no inline or elliptic items either."""
    cuts = sorted(set(boundaries) | set(headings))
    k, dropped = 0, False
    while k < len(cuts):
        idx = cuts[k]
        style = style_of.get(idx)
        if style is None or (k and style_of.get(cuts[k - 1]) == style):
            k += 1
            continue
        above_lines = [text[s:e].strip(" \t\u3000") for s, e in reversed(lines[:idx]) if text[s:e].strip()][:2]
        above = above_lines[0] if above_lines else ""
        if _REASON_LABEL_RE.fullmatch(above) and len(above_lines) > 1:  # 「理由」 on its own line
            lead, announced = above_lines[1], True
        else:
            lead, announced = above, bool(_REASONS_ANNOUNCED_RE.search(above))
        bullets = style in ("bullet", "dash") and above and _REASONS_LEAD_RE.search(above) and sentence_asks(above)
        lead_sentences = split_sentences(lead) if announced or _BACKGROUND_ANNOUNCED_RE.search(lead) else []
        reasons = (announced and not _POINTS_ASKED_RE.search(lead)
                   and any(sentence_asks(t) or _states_stance(t) or criticises_draft(t) or _JUDGED_RE.search(t)
                           for t in lead_sentences))
        # the problems or background of a request that follows the list (「問題点は以下のとおりです。⏎・…⏎⏎計画の見直しを
        # 求めます。」, QA92: each problem was a row, the request glued to the last)
        background = not (bullets or reasons) and bool(_BACKGROUND_ANNOUNCED_RE.search(lead)) \
            and not any(sentence_asks(t) for t in lead_sentences)
        if not (bullets or reasons or background):
            k += 1
            continue
        run = []
        while k < len(cuts) and style_of.get(cuts[k]) == style:
            run.append(cuts[k])
            k += 1
        if background:
            after = [text[s:e] for s, e in lines[run[-1] + 1:]]
            if k < len(cuts) or not any(sentence_asks(t) for line in after for t in split_sentences(line)):
                continue  # (the list is the letter's points, or nothing asks after it)
        # items that ask: opinions (under announced reasons only an item ending in a request: a reason may say
        # 「…を優先するべきだ」 or 「…を望む声が多い」, QA86)
        asking = (lambda t: bool(_ENDS_ASKING_RE.search(t.strip()))) if reasons else sentence_asks
        if any(asking(text[boundaries[i][0]:lines[i][1]]) for i in run if i in boundaries):
            continue
        for i in run:
            boundaries.pop(i, None)
            style_of.pop(i, None)
        dropped = True
    return dropped


# the lead of a list says its items are the reasons (「理由は次の3点です。」「以下の理由によります。」「なぜなら、」)
_REASONS_ANNOUNCED_RE = re.compile(
    r"理由(?:は|として(?:は)?)[、，,]?(?:次|以下|下記)|(?:次|以下|下記)の(?:ような|とおりの)?(?:[0-9０-９一二三四五六七八九]+(?:つの|点の))?"
    r"理由(?:が|を|は|に|から|により|です|。|$)|なぜ(?:なら(?:ば)?|かと言うと|かというと)[、，,]?\s*$|というのも[、，,]?\s*$|根拠は(?:次|以下)")
# the lead of a list of problems or background (「問題点は以下のとおりです。」「背景として次の点があります。」)
_BACKGROUND_ANNOUNCED_RE = re.compile(r"(?:問題点?|課題|背景|現状|懸念(?:点)?|経緯|事情)(?:は|として|について|には)?[、，,]?"
                                      r"[^。\n]{0,12}?(?:以下|次|下記)の?(?:とおり|通り|点|こと|ような|ようなこと)")
# 「…から、次の2点を求めます。」: the items are what is asked, each an opinion
_POINTS_ASKED_RE = re.compile(r"(?:点|事項|(?:次|以下|下記)のこと)を(?:求め|要望|要求|お願い|提案|提言)"
                              r"|(?:次|以下|下記)の?(?:とおり|通り)[、，,]?(?:要望|要求|お願い|提案|提言|求め)")
# 「…は不十分だと考えます。」「…は問題です。」: a judgement of the draft, a claim its reasons can follow (QA86)
_JUDGED_RE = re.compile(r"(?:不十分|不適切|不要|問題|疑問|遺憾|不安|心配|懸念)(?:だと|であると)?(?:考え|思い|感じ)?(?:ます|です|である|だ)[。．]?$")
# a principle said as what ought to be (「命に関わる水道は、公共の責任で運営されるべきです。」): no thing asked for by name
# (not 「…を配るべきです」 nor 「…の設置が必要です」, requests: QA92)
_OUGHT_ONLY_RE = re.compile(r"^[^を]*べき(?:だ|である|です|でしょう|と(?:考え|思い)ます)?[。．.!！]*$")
# an item that ends asking (「…してください。」「…を求めます。」): a request, though listed under reasons
_ENDS_ASKING_RE = re.compile(r"(?:ください|下さい|ほしい|欲しい|求めます|求める|願います|お願い(?:いた|致)?します|"
                             r"(?:いただき|頂き|もらい)たい(?:です)?|たく存じます|してはどうか)[。．.!！]*$")
_REASON_LABEL_RE = re.compile(r"[【\[［〈<＜(（]?[ \t\u3000]*(?:その|主な)?理由(?:は)?[ \t\u3000]*[】\]］〉>＞)）]?[:：]?")


# 「第2　意見の理由」「理由」 over items: each item under it gives the reasons of one opinion
_REASON_SECTION_RE = re.compile(r"[【\[［〈<＜]?[ \t\u3000]*(?:意見の|要望の|提案の|その)?理由(?:等)?[ \t\u3000]*[】\]］〉>＞]?")


def _merge_reason_items(text: str, lines: list[tuple[int, int]], boundaries: dict[int, tuple[int, str]],
                        style_of: dict[int, str]) -> None:
    """Under an item that only reads 「意見の理由」 (a letter written as 「第1　意見の趣旨」 1, 2, 3 … then
    「第2　意見の理由」 1, 2, 3 …), each item gives the reasons of one opinion: its own numbered
    paragraphs (「(1)」「(2)」) are no opinions, their boundaries go (in place). QA33: a bar
    association's six reasons were 17 rows, one under the heading of the article above it."""
    order = sorted(boundaries)
    depth: dict[str, int] = {}
    for idx in order:
        depth.setdefault(style_of.get(idx, ""), len(depth))
    for k, idx in enumerate(order[:-1]):
        nxt = next((j for j in order[k + 1:] if j in boundaries), None)
        if idx not in boundaries or nxt is None:
            continue
        body = text[boundaries[idx][0]:lines[nxt][0]].strip(" \t\n\u3000")
        own, child = depth[style_of.get(idx, "")], depth[style_of.get(nxt, "")]
        if child <= own or not _REASON_SECTION_RE.fullmatch(body):
            continue
        for j in order[k + 1:]:
            if j not in boundaries:
                continue
            level = depth[style_of.get(j, "")]
            if level <= own:
                break
            if level > child:
                boundaries.pop(j, None)
                style_of.pop(j, None)


def _is_heading_line(body: str) -> bool:
    """One short line without a sentence end that asks for nothing (「各論」「第3条関係（定義）」)."""
    return not ("\n" in body or len(body) > _HEADING_ITEM_MAX or _SENTENCE_MARK_RE.search(body) or sentence_asks(body))


def _heading_items(text: str, lines: list[tuple[int, int]], boundaries: dict[int, tuple[int, str]],
                   style_of: dict[int, str], headings: dict[int, str]) -> dict[int, str]:
    """Items (line index -> heading) that only head the deeper items right under them: one short
    line without a sentence end (「2　各論」「(3) エコドライブの推進について」), the next item of a
    style first met after this one's (「（１）」 under 「１」, 「ア」 under 「（１）」)."""
    order = sorted(boundaries)
    depth: dict[str, int] = {}
    for idx in order:
        depth.setdefault(style_of.get(idx, ""), len(depth))
    out = {}
    for k, idx in enumerate(order[:-1]):
        nxt = order[k + 1]
        if any(idx < h < nxt for h in headings) or style_of.get(nxt) == "ps":
            continue
        if depth[style_of.get(nxt, "")] <= depth[style_of.get(idx, "")]:
            continue
        start = boundaries[idx][0]
        body = text[start:lines[nxt][0]].strip(" \t\n\u3000")
        if body and "\n" not in body and len(body) <= 80 and _ANNOUNCE_BELOW_RE.search(body):
            # 「（2）第22条の財政支援について、次のとおり拡充を求めます。」 over ア／イ: it announces them (QA35)
            out[idx] = body
            continue
        if (not body or "\n" in body or len(body) > _HEADING_ITEM_MAX or _SENTENCE_MARK_RE.search(body)
                or sentence_asks(body) or not any(ch.isalpha() for ch in body)):
            continue  # (a heading has words: 「2.0」 is a number, the line no heading of 「(2)」, bench_reliability)
        out[idx] = body
    return out


# A line of a letterhead: an association (「一般社団法人みなと県トラック協会」「みなと商工会議所」), 「記」,
# the title 「意見書」 or a form's 「【件名】…」 (its officer: ``_LETTERHEAD_OFFICER_RE``)
_ORG_LINE_RE = re.compile(
    r"(?:(?:一般|公益)(?:社団|財団)法人|NPO法人|特定非営利活動法人|社会福祉法人|学校法人|株式会社|有限会社|合同会社)\S*"
    r"|\S{0,30}(?:協会|会議所|会|組合|事務局|団体|会社|商店|大学|研究所|法人|センター)"
    r"(?:[ \t\u3000]*\S{0,12}(?:支部|事務局|部会|本部))?")
_FORM_TITLE_RE = re.compile(r"(?:ご)?意見(?:書|提出様式|提出用紙|提出書|様式)|記|(?:パブリック・?コメント|意見募集)(?:への)?(?:意見)?"
                            r"|[【\[［](?:件名|表題|題名|氏名|住所|提出者|団体名|所属)[】\]］].*")


def is_letter_framing(text: str) -> bool:
    """Every line or sentence of ``text`` frames a letter: greetings and self-introductions
    (``normalize.is_introduction``), a date, an addressee (「○○県知事　様」), a letterhead (an
    association's name, 「会長　氏名」), 「記」, a title (「意見書」, 「○○計画（案）への意見」)."""
    from .normalize import _sentences, is_date_line, is_greeting_sentence

    parts = [p.strip(" \t\n\u3000") for p in _sentences(text)]
    parts = [p for p in parts if p]
    if not parts:
        return False
    # 「【本件担当】⏎みなと商工会議所　産業振興部　山本　健司」: a contact label and the lines under it (QA80)
    if _CONTACT_LABEL_RE.fullmatch(parts[0]) and len(parts) <= 4 and all(
            len(p) <= 40 and "。" not in p and _only_names(p) for p in parts[1:]):
        return True
    for p in parts:
        bare = p.strip("「」『』")
        if is_greeting_sentence(p) or is_date_line(p) or is_introduction(p) or is_draft_title(bare):
            continue
        if _OPINIONS_GATHERED_RE.search(p) and not sentence_asks(p) and not criticises_draft(p):
            continue  # 「…理事会で出された意見を取りまとめましたので、提出いたします。」 (QA80: published as an opinion)
        if _ORG_INTRO_RE.fullmatch(p) and not re.search(r"反対|賛成|求め|要望|撤回|中止|見直", p):
            continue  # 「当会は、…学習会を続けている消費者団体です。」: who writes (not 「…計画に反対する住民の会です。」, QA82)
        if _THANKS_OPENING_RE.match(p) and is_empty_opinion(p):
            continue  # 「日頃より地域活動へのご支援をいただき感謝申し上げます。」 over the items
        if len(p) <= _HEADING_ITEM_MAX and not _SENTENCE_MARK_RE.search(p) and (
                _ORG_LINE_RE.fullmatch(p) or _officer_line(p) or _FORM_TITLE_RE.fullmatch(p)):
            continue
        if len(p) <= 80 and "。" not in p and (
                _LETTER_DATE_RE.fullmatch(p) or _DOC_NUMBER_RE.fullmatch(p) or _is_contact_line(p)
                or _officer_line(p)):  # 「2026年（令和8年）2月9日」, 「…発第15号」, contact (QA33)
            continue
        return False
    return True


def _only_names(line: str) -> bool:
    """A contact block's line names an office, a person, a number: it asks, complains or takes a side in nothing
    (QA82: 「窓口ごとに電話番号を載せて」 under 【連絡先】, 「担当職員を2名以上に」 under 【担当】 were dropped as contacts)."""
    return not (sentence_asks(line) or criticises_draft(line) or _REQUEST_TAIL_RE.search(line)
                or re.search(r"反対|賛成|ない|すぎ|欲しい|ほしい|困", line))


_REQUEST_TAIL_RE = re.compile(r"(?:て|で|に|を|べき|たい|ください|下さい|願い|ように)[ \t\u3000]*$")
_ORG_INTRO_RE = re.compile(r"[ \t\u3000]*(?:当会|当協会|当団体|当法人|当組合|当連合会|当連合|当クラブ|私たち|わたしたち|我々)"
                           r"(?:は|、)[^。！？\n]{0,60}(?:団体|会|組織|法人|組合|協会|連合会|グループ|クラブ|NPO)(?:です|である)[。．]?")
_THANKS_OPENING_RE = re.compile(r"[ \t\u3000]*(?:日頃|日ごろ|平素|常日頃|いつも)")
# A sentence saying the opinions that follow were gathered or are submitted: 「会員の意見を次のとおりまとめました。」
# 「各校PTAから寄せられた声をまとめました。」「…出された意見を取りまとめましたので、提出いたします。」
_OPINIONS_GATHERED_RE = re.compile(r"(?:意見|声|要望|提言|提案)[^。！？\n]{0,16}?(?:を|は)?[^。！？\n]{0,6}?(?:取り|とり)?まとめ(?:まし|た)"
                                   r"|(?:意見|要望|提言)[^。！？\n]{0,24}?(?:提出|申し述べ|申し上げ)(?:いた|致)?(?:し)?ます")
_CONTACT_LABEL_RE = re.compile(r"[【\[［(（]?[ \t\u3000]*(?:本件)?(?:担当|連絡先|問い?合わ?せ先|お問い?合わ?せ先?)(?:者)?[ \t\u3000]*"
                               r"[】\]］)）]?[ \t\u3000]*[:：]?")
# A cover sheet over an association's items (QA33: 15 such parts of 8 letters were published as
# opinions): 「記」 alone on a line ends it; without one, the letterhead lines at the top (date, document
# number, addressee, association, officer, contact, title) and a 前文 that ends announcing the items
# (「…下記のとおり意見を提出します。」「…次のとおり意見を申し上げます。」).
_KI_LINE_RE = re.compile(r"[ \t\u3000]*記[ \t\u3000]*")
_ADDRESSEE_RE = re.compile(r"[^。\n]{1,40}[ \t\u3000]*(?:様|殿|御中)")
_DOC_NUMBER_RE = re.compile(r"[^\s。]{0,30}第[ \t\u3000]*[0-9０-９一二三四五六七八九十百]+[ \t\u3000]*号")  # 「○○町議会発第15号」
# 「2026年（令和8年）2月9日」 too (``is_date_line`` reads the plain forms)
_LETTER_DATE_RE = re.compile(r"(?=.*月)(?=.*日)[0-9０-９〇一二三四五六七八九十元令和平成昭和西暦年月日（）() \t\u3000]{5,30}")
_CONTACT_WORD_RE = re.compile(r"電話|TEL|Tel|FAX|Fax|ファクス|E-?mail|e-?mail|メール|〒|連絡先|担当|事務局")
_LETTERHEAD_ORG_RE = re.compile(r"[^\s。、]{0,40}(?:研究室|研究科|学部|学科|議会|委員会|連合会|協議会|[課室部局])")
# its officer and name (「会長　山本　一郎」「○○研究室 准教授 田中」)
_LETTERHEAD_OFFICER_RE = re.compile(
    # (「○○大学法学部　准教授　松田　健太郎」: the association and the title may stand apart, QA35)
    r"(?:[^\s。、]{0,12}|[^\s。、]{2,20}[ \t\u3000]+)(?:会長|会頭|議長|組合長|理事長|代表理事|代表幹事|代表取締役|代表者?|事務局長|委員長|支部長|社長|所長|"
    r"学長|准教授|教授|院長|校長|部長|課長|室長|局長|理事)[ \t\u3000]+\S{1,6}(?:[ \t\u3000]+\S{1,6}){0,2}")  # (「会長　弁護士　早川　直樹」, QA80)
_ANNOUNCE_BELOW_RE = re.compile(r"(?:下記|次|以下)の?(?:表の?)?(?:とおり|通り|事項|点)[^。\n]{0,30}"
                                r"(?:意見|要望|提言|提案|求め|申し|提出|述べ)[^。\n]{0,20}[。．][ \t\u3000]*$")


def _officer_line(line: str) -> bool:
    """「会長　山本　一郎」「会長　弁護士　早川　直樹」: an officer and a name; not a short request in words apart
    (「校長　裁量　拡大を」「自治会長　任期　2年までに」, QA82)."""
    return bool(_LETTERHEAD_OFFICER_RE.fullmatch(line)) and _only_names(line) and not re.search(r"[0-9０-９]", line)


def _letterhead_kind(line: str) -> str:
    """"strong" for an addressee, an officer's name or a document number, "weak" for any other line of a
    letterhead (date, association, contact, title), "" for a line of the letter's text."""
    from .normalize import is_date_line

    core = line.strip(" \t\u3000")
    if _width(core) > 100 or "。" in core:
        return ""
    if (_ADDRESSEE_RE.fullmatch(core) or _DOC_NUMBER_RE.fullmatch(core)
            or _officer_line(core)):
        return "strong"
    if is_draft_title(core.strip("「」『』")) or is_draft_title(core):
        return "weak"
    if _width(core) > 80:
        return ""
    if (is_date_line(core) or _LETTER_DATE_RE.fullmatch(core) or _ORG_LINE_RE.fullmatch(core)
            or _LETTERHEAD_ORG_RE.fullmatch(core) or _is_contact_line(core) or _FORM_TITLE_RE.fullmatch(core)):
        return "weak"
    return ""


def _is_contact_line(core: str) -> bool:
    """「電話　012-345-6789」「E-mail：…@…」「（連絡先）産業振興課　担当：佐藤」: a letterhead's contact line."""
    return bool(_CONTACT_WORD_RE.search(core)) and (
        bool(re.search(r"[0-9０-９@＠]", core)) or bool(re.match(r"[（(](?:連絡先|担当|事務局)", core)))


def opens_item(line: str) -> bool:
    """``line`` starts with an item marker of any style the splitter cuts at (「(2)」「2.」「②」「・」
    「一、」「ア．」「【意見2】」): the layout repair never joins it to the line above."""
    stripped = line.lstrip(" \t\u3000")
    return any(rx.match(stripped) for _, rx in _MARKERS) or bool(_LABEL_RE.match(stripped))


# QA50: the signers of a joint letter under it, a 名簿 / 連名 / 賛同者 list: 「小川 由美、中村 美咲、…」
# lines or one name a line, with or without a heading (「【名簿】」「賛同者（連名）」「連名者（32名）」).
# A name: a family name in kanji, then a given name in kanji, hiragana or katakana.
_NAME_ITEM = r"[\u4e00-\u9fff々ヶ]{1,4}[ \u3000]?(?:[\u4e00-\u9fff々]{1,3}|[ぁ-ゖ]{2,5}|[ァ-ヺー]{2,5})"
_NAME_SEP = r"[ \t\u3000]*[、，,・／/][ \t\u3000]*"
_NAME_LIST_LINE_RE = re.compile(rf"[ \t\u3000]*(?P<n>{_NAME_ITEM}(?:{_NAME_SEP}{_NAME_ITEM})*)[ \t\u3000]*[、，,]?[ \t\u3000]*")
_NAME_LIST_HEADING_RE = re.compile(
    r"[ \t\u3000]*[【\[［〈<＜(（■◆●]?[ \t\u3000]*(?:連名者?|賛同者|署名者|呼びかけ人|会員|有志|参加者|提出者)?"
    r"(?:名簿|一覧|連名|[（(]連名[）)])?[ \t\u3000]*[】\]］〉>＞)）]?"
    r"(?:[ \t\u3000]*[（(]?[ \t\u3000]*(?:計|以下)?[0-9０-９]{1,4}[ \t\u3000]*名[ \t\u3000]*[）)]?)?[ \t\u3000]*[:：]?[ \t\u3000]*")


def is_name_list_line(line: str) -> bool:
    """``line`` is two or more names separated by 「、」 (「小川 由美、中村 美咲」): a 名簿's line, which the
    layout repair never joins to the next as if a page had cut a sentence (QA50)."""
    m = _NAME_LIST_LINE_RE.fullmatch(line)
    return m is not None and len(re.split(_NAME_SEP, m.group("n"))) >= 2


def is_name_list(text: str) -> bool:
    """``text`` is only a list of people's names (a joint letter's 名簿, 連名 or 賛同者 list), with or
    without its heading: no opinion, a greeting row as the signature is (QA50: a 32-name 名簿 was
    published as an opinion row). Three names or more; without a heading most of them written
    「姓 名」 with a blank, so that a line of words (「賛成、反対、保留」) is no list."""
    lines = [x for x in text.split("\n") if x.strip(" \t\u3000")]
    headed = bool(lines) and _NAME_LIST_HEADING_RE.fullmatch(lines[0]) is not None and bool(
        re.search(r"名簿|連名|賛同者|署名者|呼びかけ人|一覧|名", lines[0]))
    names: list[str] = []
    for line in lines[1:] if headed else lines:
        m = _NAME_LIST_LINE_RE.fullmatch(line)
        if m is None:
            return False
        names += re.split(_NAME_SEP, m.group("n"))
    if len(names) < 3:
        return False
    return headed or sum(1 for n in names if re.search(r"[ \u3000]", n)) * 2 > len(names)


def _starts_item(line: str) -> bool:
    """``line`` opens a numbered item or a 「…について」 section (no draft's title)."""
    stripped = line.lstrip(" \t\u3000")
    if any(rx.match(stripped) for style, rx in _MARKERS if style not in ("bullet", "dash")):
        return True
    if _OPINION_REASON_LABEL_RE.match(line):
        return True
    hm = _HEADING_RE.match(line) or _SECTION_LABEL_RE.match(line) or _ARTICLE_HEADING_RE.match(line)
    return bool(hm) and not is_draft_title(hm.group("h"))


def _cover_end(text: str, lines: list[tuple[int, int]]) -> int:
    """End of a letter's cover sheet at the top of ``text`` (0 when there is none): up to a line 「記」
    with text above and below it, or the letterhead lines (with an addressee, an officer's name or a
    document number among them) and the 前文 under them up to the sentence that announces the items."""
    filled = [k for k, (s, e) in enumerate(lines) if text[s:e].strip()]
    if len(filled) < 2:
        return 0
    for k in filled[1:-1]:
        s, e = lines[k]
        if _KI_LINE_RE.fullmatch(text, s, e):
            return e
    strong, head_end = False, None
    for k in filled:
        kind = _letterhead_kind(text[lines[k][0]:lines[k][1]])
        if not kind:
            break
        strong = strong or kind == "strong"
        head_end = k
    if head_end is None or not strong or head_end == filled[-1]:
        return 0
    # the 前文 under it, up to the sentence announcing the items; without one, the letterhead and the
    # greeting lines right under it (「いつもお世話になっております。」)
    for k in filled:
        if k <= head_end:
            continue
        line = text[lines[k][0]:lines[k][1]]
        if _starts_item(line):
            break
        if _ANNOUNCE_BELOW_RE.search(line):
            return lines[k][1] if k != filled[-1] else 0
    for k in filled:
        if k <= head_end:
            continue
        if not is_letter_framing(text[lines[k][0]:lines[k][1]]):
            break
        head_end = k
    return lines[head_end][1] if head_end != filled[-1] else 0


# ---------------------------------------------------------------------------------------
# Letters written in paragraphs, without numbering: 「公園の遊具を…更新してください。⏎⏎また、駐車場が
# 狭く…拡張してほしいです。」 holds two opinions; 「東町線を残してください。⏎⏎高齢者が…困ります。⏎⏎
# どうか東町線を残してください。」 one, with its reasons.

# A blank line ends a paragraph; without blank lines, a line indented with a full-width space
# (the Japanese paragraph indent) after a line that ends a sentence starts one.
_BLANK_LINE_RE = re.compile(r"\n[ \t\u3000]*\n")
_INDENT_RE = re.compile(r"(?<=[。．！？!?」』）)])[ \t]*\n(?=\u3000|[ ]{1,4}\S)")
# A paragraph that opens a new point: 「また、」「次に」「もう一点」「二点目として」「最後に」「それから」
# (「もうひとつは、…」: QA47)
_NEW_POINT_RE = re.compile(
    r"[ \t\u3000]*(?:また|次に|つぎに|それから|さらに|更に|加えて|あわせて|併せて|最後に|さいごに|それと|あと|"
    r"ほかに|他に|その他|そのほか|別件で?|続いて|なお|尚|一方(?:で)?|末筆(?:ながら|では(?:ございますが|ありますが))|"
    r"もう(?:一|1|ひと)(?:点|つ)(?:は|として|目(?:は|として)?)?|[二三四五六2-6２-６](?:点|つ)目(?:として|は|に)?|"
    r"(?:一|1|１)(?:点|つ)目(?:として|は|に)?|まず|第[一二三四五六1-6１-６](?:に|点))"
    r"(?:[、，,\s]|(?<=目)|(?<=点)|(?<=に))")
# The point said again at the end of a letter (「改めて、東町線の存続を強くお願いします。」): no new opinion.
_RESTATE_RE = re.compile(r"改めて|あらためて|重ねて|(?:繰り返し|くりかえし)(?:に|ますが|ですが|て?(?:お願い|申し上げ|求め))|再度|もう一度|以上の(?:理由|こと)|以上から|以上により|よって|"
                         r"そういうわけで|というわけで|ですので|ですから|だから|そのため|したがって|従って|どうか|何卒|なにとぞ|"
                         r"ぜひ|是非|強く(?:お願い|要望|求め|希望|要請|願)|切に(?:お願い|願)|"
                         # 「また、移転するにしても、…場所にしてください」: a fallback for the same request
                         r"にしても|としても|"
                         # 「噴水の水を止めないでください。⏎⏎せめて7月と8月だけでも運転してください。」 (QA74)
                         r"せめて|少なくとも|最低でも|最低限|(?:それ|これ|全面的な.{0,6})が(?:無理|難しい|困難|できない)|"
                         r"無理(?:なら|であれば|な場合)|難しければ|難しい(?:なら|場合)|代わりに|代替(?:として|案として)")
# A paragraph opening with a fallback (「せめて…」「少なくとも…」) softens the request above it, unless it names things of its
# own: 「…延長してください。⏎⏎せめて市民プールのシャワーは無料に戻してください。」 is a second request (QA82).
_FALLBACK_OPENING_RE = re.compile(r"[ \t\u3000]*(?:せめて|少なくとも|最低でも|最低限)")


def _restates(paragraph: str, said: str) -> bool:
    """Whether ``paragraph`` says the request in ``said`` again or softens it (``_RESTATE_RE``); a fallback opening
    counts only when the paragraph names no common noun (UniDic 普通名詞・一般) that ``said`` does not."""
    if not _RESTATE_RE.search(paragraph):
        return False
    if not _FALLBACK_OPENING_RE.match(paragraph) or _RESTATE_RE.search(_FALLBACK_OPENING_RE.sub("", paragraph, count=1)):
        return True
    from .mask import _tagged

    def nouns(text: str) -> set[str]:
        return {w for w, raw in _tagged(text) if raw.startswith("名詞,普通名詞,一般") and len(w) >= 2}

    return not (nouns(paragraph) - nouns(said))


# Words of two characters shared by requests on unrelated things: no sign of one subject.
_COMMON_BIGRAMS = frozenset(
    "検討 必要 計画 市民 本市 今後 早急 実施 対応 利用 意見 要望 希望 場合 現在 以上 状況 地域 住民 行政 "
    "市役 役所 整備 改善 充実 推進 強化 確保 支援 取組 取り組 配慮 理解 説明 問題 安心 安全 生活 環境 "
    "子供 子ども 高齢 自分 私達 方針 施策 事業 予算 財政 各種 方法 内容 部分 確認 実現 期待 考え "
    "お願 願い 思い 感じ 大変 非常 本当 是非 ぜひ 時間 日本 全体 一部 以下 以外 程度 "
    "一度 最後 一点 二点 三点 今回 前回 次回 先日".split())
# Words of a stance, said of any subject: 「伐採に反対」 and 「有料化にも反対」 share no subject
_STANCE_BIGRAMS = frozenset("反対 賛成 中止 撤回 廃止 見直 再考 要求 存続 維持 継続 拡充 導入 新設 増設".split())
_TERM_RE = re.compile(r"[\u4e00-\u9fff\u3005\u30a0-\u30ffー]{2,}")


def _terms(text: str) -> set[str]:
    """Character bigrams of the kanji and katakana words of ``text``: what it is about."""
    out = set()
    for word in _TERM_RE.findall(unicodedata.normalize("NFKC", text)):  # (「ｺﾝｾｯｼｮﾝ」 as 「コンセッション」, QA90)
        out.update(word[i:i + 2] for i in range(len(word) - 1))
    return out - _COMMON_BIGRAMS


def _shares_a_word(texts: list[str], others: list[str]) -> bool:
    """Some kanji or katakana word of ``texts`` is one of ``others``' words, or holds one or is
    held in one (改修 / 耐震改修). Words sharing only a prefix (自転車保険 / 自転車通行帯: the
    consultation's subject) are not the same thing (QA37: 「また、自転車保険に入っていない中高生が…。
    保険加入の周知を…」 stayed in the 通行帯 opinion)."""
    mine = {w for t in texts for w in _TERM_RE.findall(t) if len(w) >= 2}
    theirs = {w for t in others for w in _TERM_RE.findall(t) if len(w) >= 2}
    return any(a in b or b in a for a in mine for b in theirs)


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    body = text[start:end]
    rx = _BLANK_LINE_RE if _BLANK_LINE_RE.search(body) else _INDENT_RE
    out, pos = [], 0
    for m in rx.finditer(body):
        out.append((start + pos, start + m.start()))
        pos = m.end()
    out.append((start + pos, end))
    spans = [_trimmed(text, s, e) for s, e in out]
    return [(seg.start, seg.end) for seg in spans if seg.end > seg.start]


# A line that opens with a place in the draft (「第5章の…」「p.12の…」「別紙2の…」) starts a point of
# its own, as a paragraph does: 「第4章の…明記してください。⏎第5章の…公表してください。」
_SECTION_LEAD_RE = re.compile(
    r"[ \t\u3000]*(?:第[0-9０-９一二三四五六七八九十]+(?:章|節|条|項|編|部)|[pPｐＰ][.．]?[ \u3000]?[0-9０-９]+|"
    r"[0-9０-９]+[ \u3000]?(?:頁|ページ)|(?:別紙|別添|別表|資料)[ \u3000]?[0-9０-９一二三四五六七八九十]+)")


def _units(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, opens a paragraph) of the sentences of ``text[start:end]``: the first of a
    paragraph, or one that starts a line naming a place in the draft (``_SECTION_LEAD_RE``)."""
    from .normalize import _sentences

    out = []
    for ps, pe in _paragraphs(text, start, end):
        pos, first = ps, True
        for piece in _sentences(text[ps:pe]):
            seg = _trimmed(text, pos, pos + len(piece))
            pos += len(piece)
            if seg.end > seg.start:
                line_start = seg.start > ps and text[ps:seg.start].rstrip(" \t\u3000").endswith("\n")
                out.append((seg.start, seg.end, first or bool(line_start and _SECTION_LEAD_RE.match(text, seg.start))))
                first = False
    return out


# 「また」 opening a line without a comma (「また駐車場の…」; not 「または」「またの機会に」)
_BARE_MATA_RE = re.compile(r"[ \t\u3000]*また(?=[\u4e00-\u9fff\u30a0-\u30ff「『（(])")
# A plea that asks nothing of its own: to be heard, to consider, to reconsider (「どうか県民の声に耳を傾けて
# ください。」「慎重にご検討ください。」「計画の再考をお願いします。」); it names no subject of its own.
_PLEA_ADVERB = (r"(?:どうか|どうぞ|何卒|なにとぞ|ぜひとも|是非とも|ぜひ|是非|改めて|あらためて|今一度|いま一度|もう一度|"
                r"重ねて|十分に?|充分に?|慎重に|真摯に|前向きに|しっかり(?:と)?|よく)[、,\s]*")
_PLEA_TAIL = (r"(?:ください|下さい|くださいますよう(?:お願い(?:いた|致)?し?ます|お願い申し上げます)?|"
              r"(?:いただき|頂き|もらい)たい(?:です)?|(?:ほし|欲し)い(?:です)?|"
              r"(?:いただけ|頂け)ますよう(?:お願い(?:いた|致)?し?ます|お願い申し上げます)|"
              r"(?:を)?(?:(?:よろしく|宜しく)?お願い(?:いた|致)?し?ます|お願い申し上げます|願います|求めます))")
_GENERIC_PLEA_RE = re.compile(
    rf"^(?:{_PLEA_ADVERB})*(?:"
    # 「県民の声に耳を傾けてください」「市民の意見を聞いてほしい」「住民の思いを受け止めてください」
    r"(?:(?:私たち|私達|わたしたち|我々|県民|市民|町民|村民|区民|住民|地域住民|地域|地元|利用者|現場|国民)(?:の|の皆さんの)?)?"
    r"(?:声|意見|思い|想い|願い|気持ち|訴え)(?:に|を)[、,\s]*(?:{adv})*"
    r"(?:耳を(?:傾け|かたむけ)|聞い|聴い|きい|受け止め|受けとめ|くみ取っ|汲み取っ|汲み取り|反映し|反映させ)て"
    r"(?:ください|下さい|(?:いただき|頂き|もらい)たい(?:です)?|(?:ほし|欲し)い(?:です)?|いただけますよう(?:お願い(?:いた|致)?し?ます)?)"
    # 「慎重にご検討ください」「十分なご配慮をお願いします」「計画の再考をお願いします」「ご理解ください」
    r"|(?:(?:本?計画(?:案)?|本案|この(?:計画|案)|案)の)?(?:十分な|充分な|慎重な|前向きな|真摯な|格別の|特段の|賢明な)?"
    r"(?:ご|御)?(?:検討|配慮|考慮|善処|再考|再検討|理解|判断|英断)(?:の(?:程|ほど))?"
    rf"(?:を|して)?(?:{_PLEA_TAIL}|(?:され|せられ)たい)"
    r")[。．.!！]*$".replace("{adv}", _PLEA_ADVERB))


def _is_generic_plea(sentence: str) -> bool:
    """「どうか県民の声に耳を傾けてください。」: a plea to be heard or to reconsider, naming nothing."""
    from .normalize import nfkc

    return bool(_GENERIC_PLEA_RE.match(nfkc(sentence).strip(" \t\n\u3000")))


def _at_line_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip(" \t\u3000")


# 「…について意見を申し上げます。」「計画案への意見です。」: the letter announces its opinion
_ANNOUNCES_RE = re.compile(r"意見|コメント|要望|提言|提案")


_FORMAL_OPENING_RE = re.compile(r"[ \t\u3000]*(?:拝啓|謹啓|前略)")


def _cut_lead_lines(text: str, seg: Segment, units: list[tuple[int, int, bool]], lead: int) -> list[Segment]:
    """``[seg]``, or, when its first ``lead`` sentences (greetings, introductions) fill whole lines
    over the rest and one of them announces the opinion (「…について意見を申し上げます。」, a title
    naming the draft) or they open with 拝啓 (a formal letter's opening), those lines as a ``closing``
    segment and the rest. A salutation alone (「いつもお世話になっております。」) stays with a
    letter's one opinion."""
    if not lead or lead >= len(units) or not _at_line_start(text, units[lead][0]):
        return [seg]
    # 拝啓 and the season's greeting (「拝啓　時下ますますご清祥の…」): a formal letter's opening,
    # never part of its opinion (QA: published as the first line of the row's ご意見の概要)
    if not (any(_ANNOUNCES_RE.search(text[s:e]) for s, e, _ in units[:lead])
            or _FORMAL_OPENING_RE.match(text, units[0][0])):
        return [seg]
    rest = Segment(units[lead][0], seg.end, seg.heading, seg.marker)
    if is_empty_opinion(text[rest.start:rest.end]):
        return [seg]
    return [Segment(units[0][0], units[lead - 1][1], closing=True), rest]


def _question_request_cut(unit_text: list[str], asks: list[bool], lead: int) -> int | None:
    """The sentence where a letter's questions end and its requests start (or its requests end and its
    questions start), when that sentence opens a new point (「また、」「あわせて」) and neither side holds the
    other kind; else None."""
    from .stance import sentence_question

    if not any(_NEW_POINT_RE.match(t) for t in unit_text[lead + 1:]):  # (most letters: read nothing more)
        return None
    question = [sentence_question(t) for t in unit_text]
    request = [a and not q for a, q in zip(asks, question)]
    for k in range(lead + 1, len(unit_text)):
        if not _NEW_POINT_RE.match(unit_text[k]):
            continue
        before, after = range(lead, k), range(k, len(unit_text))
        questions_first = any(question[j] for j in before) and not any(request[j] for j in before)
        questions_last = any(question[j] for j in after) and not any(request[j] for j in after)
        if (questions_first and any(request[j] for j in after) and not any(question[j] for j in after)) or (
                questions_last and any(request[j] for j in before) and not any(question[j] for j in before)):
            return k
    return None


# 「第4章の複合化には賛成です。」: a stance taken, which the request reading does not count as asking
_STANCE_END_RE = re.compile(r"(?:賛成|反対)(?:です|します|いたします|致します|であります|だ)?[。．.!！]*$")
# a place in the draft named anywhere (read further only then: most letters name none)
_PLACE_HINT_RE = re.compile(r"第[0-9０-９一二三四五六七八九十]+[章節条編部]|頁|ページ|[pPｐＰ][.．]?[ \u3000]?[0-9０-９]|別[紙添表]|資料")


def _states_stance(sentence: str) -> bool:
    from .normalize import nfkc

    return bool(_STANCE_END_RE.search(nfkc(sentence).strip(" \t\n\u3000")))


def _place_cut(units: list[tuple[int, int, bool]], unit_text: list[str], claims: list[bool], lead: int) -> int | None:
    """The first sentence of a paragraph (or of a line naming a place, ``_units``) that opens with another
    part of the draft than the opinion so far opened with (``places.conflict``: 第2章 and 第4章; not 第2章
    and 第2章第1節), when the sentences before it and from it each ask, reject or take a side; else None.
    QA82: 「第2章の公民館の統廃合に反対です。⏎⏎第4章の図書館の指定管理には賛成です。」 was one opinion (a side
    taken is no request, so the paragraph rule never looked at it)."""
    opening = [k for k in range(lead + 1, len(units)) if units[k][2]]
    if not opening or not any(_PLACE_HINT_RE.search(unit_text[k]) for k in opening):
        return None
    from .places import PlaceReader, conflict

    reader = PlaceReader()
    opened = reader.places(unit_text[lead])
    for k in opening:
        here = reader.places(unit_text[k])
        if not opened:
            opened = here  # the first place named at a paragraph's start is what the opinion is about
        elif here and conflict(opened, here) and any(claims[lead:k]) and any(claims[k:]):
            return k
    return None


def _split_paragraphs(text: str, seg: Segment) -> list[Segment]:
    """``seg`` (a letter, or a section under a heading, without numbering) cut into one segment
    per opinion when it holds separate requests; else ``[seg]``.

    Read sentence by sentence; a request is a sentence that asks for or rejects something
    (``stance.sentence_stance``). Once the current opinion holds a request, a new one starts

    - at a sentence that opens a new point (「また、」「次に」「もう一点」「最後に」…) and asks for
      something itself, unless it only says the point again (「改めて…お願いします」 about what
      the opinion's requests name);
    - at such a sentence that asks for nothing when the request after it names other things than
      the opinion's requests (「それと、職場の理解がないと介護離職はなくなりません。企業向けの啓発も…」);
    - at such a sentence that asks for nothing (「また、駐車場が狭く…。」) when the next request
      names nothing the opinion's requests name (「また、高齢者の通院が…。東町線の存続を…」 stays);
    - at a paragraph without a connective whose words (kanji and katakana) share nothing with the
      paragraphs of the opinion's requests, or whose requests name things (``_objects``: 「Xを」
      「XのYに」) none of whose words is one the opinion's requests name or ends one (the words of a
      consultation's subject, 介護 or 医療的ケア児, are in most paragraphs); the paragraphs since the
      last request go with it (the background of the next request) unless they share more words
      with the opinion's requests than with its paragraph; a paragraph that says the request again
      (``_RESTATE_RE``: 「どうか」「ですから」) is never cut off;
    - at a line that opens with 「また」 and no comma (「…保存を求めます。⏎また駐車場の有料化にも
      反対です。」) when that line asks for something itself and names nothing the opinion's
      requests name: ordinary prose starts lines with 「また」 too, so less than that stays.

    A generic plea (「どうか県民の声に耳を傾けてください。」「慎重にご検討ください。」「計画の再考を
    お願いします。」, ``_is_generic_plea``) asks nothing of its own: it neither ends an opinion nor
    counts as its request. A criticism of the draft (``criticises_draft``) counts as a request.

    Greeting and self-introduction sentences before the first opinion, and greeting sentences
    after the last, are segments of their own, marked ``closing`` (status ``greeting``). Over a
    letter of one opinion, the greeting and introduction lines at its top (「…について意見を申し上げ
    ます。」 on a line of its own) are one too; a greeting inside the first line stays."""
    units = _units(text, seg.start, seg.end)
    if len(units) < 2:
        return [seg]

    unit_text = [text[s:e] for s, e, _ in units]
    framing = [is_empty_opinion(t) for t in unit_text]  # greetings (「ご検討のほどお願いします」) ask nothing
    # a criticism of the draft (「…具体的に何をするのかが書かれていません。」) is an opinion as a request is
    crit = [not f and criticises_draft(t) for t, f in zip(unit_text, framing)]
    # a side taken on something named (「文化会館の建て替えには賛成です。」) is an opinion as a request is (QA85)
    asks = [not f and not _is_generic_plea(t) and (c or sentence_asks(t) or _states_stance(t))
            for t, f, c in zip(unit_text, framing, crit)]
    objects = [_objects(t) if a else set() for t, a in zip(unit_text, asks)]
    lead = 0
    while lead < len(units) - 1 and (framing[lead] or is_introduction(unit_text[lead])
                                     or is_letter_framing(unit_text[lead])):
        lead += 1
    if lead and not units[lead][2] and not asks[lead]:
        # 「私は74歳で、母（96歳）と二人で暮らしています。母は認知症で要介護4です。」: the introduction
        # opens the writer's story, which goes on in its paragraph: it is that story's start, no
        # greeting row of its own (QA47); greetings before it still are
        first = max(k for k in range(lead + 1) if units[k][2])
        while first < lead and (framing[first] or (is_letter_framing(unit_text[first])
                                                   and not is_introduction(unit_text[first]))):
            first += 1
        lead = first
    if (cut := _question_request_cut(unit_text, asks, lead)) is None:
        cut = _place_cut(units, unit_text, asks, lead)
    if cut is not None:
        # 「…備蓄食料は何日分ですか。また、アレルギー対応の食品を備蓄してください。」: a question and a request,
        # the second opening a new point, are two opinions (QA57: the table answers them in two rows)
        return (_split_paragraphs(text, Segment(seg.start, units[cut - 1][1], seg.heading, seg.marker))
                + _split_paragraphs(text, Segment(units[cut][0], seg.end, seg.heading, seg.marker)))
    if sum(asks) < 2:
        # a paragraph of greetings after the one request (「末筆ながら、皆様のご健勝をお祈り申し上げます。」): a
        # greeting row, as after several (QA85: it was published as the end of the opinion)
        end = len(units)
        while end - 1 > lead and framing[end - 1]:
            end -= 1
        if end < len(units) and units[end][2] and any(asks[lead:end]):
            head = Segment(seg.start, units[end - 1][1], seg.heading, seg.marker)
            return _cut_lead_lines(text, head, units[:end], lead) + [Segment(units[end][0], seg.end, closing=True)]
        return _cut_lead_lines(text, seg, units, lead)
    tail = len(units)
    while tail - 1 > lead and not asks[tail - 1] and (framing[tail - 1] or _is_trailer_line(unit_text[tail - 1])):
        tail -= 1
    terms = [_terms(t) for t in unit_text]
    # paragraph of each unit, and its words
    para_of, para_terms = [], []
    for k, (_, _, opens) in enumerate(units):
        if opens or not para_terms:
            para_terms.append(set())
        para_of.append(len(para_terms) - 1)
        para_terms[-1] |= terms[k]

    def next_request(i: int) -> int | None:
        return next((k for k in range(i, tail) if asks[k]), None)

    def other_thing(ks: list[int], named: set[str]) -> bool:
        """The sentences ``ks`` (from a new paragraph or point to its request) ask for something
        the opinion's requests (naming ``named``) do not: their requests name things (``_objects``)
        or criticise the draft, and no word of theirs is one of ``named`` or ends one."""
        if not named or not any(objects[k] or crit[k] for k in ks):
            return False
        words = {w for k in ks for w in _TERM_RE.findall(unicodedata.normalize("NFKC", unit_text[k])) if len(w) >= 2}
        return not _same_object(words, named)

    chunks: list[list[int]] = []
    request_objects: set[str] = set()  # what the current opinion's request sentences name
    request_terms: set[str] = set()  # words of the current opinion's request sentences
    request_paras: set[int] = set()  # paragraphs holding them (none: no request yet)
    for i in range(lead, tail):
        new_chunk: list[int] | None = None
        if chunks and request_paras:
            nxt = next_request(i)
            if nxt is not None and _NEW_POINT_RE.match(unit_text[i]):
                # 「最後にもう一度お願いします。西小学校を残してください。」: up to a request that names something
                named = next((k for k in range(nxt, tail) if asks[k] and terms[k]), nxt)
                related = bool(set().union(*terms[i:named + 1]) & request_terms)
                restated = related and _RESTATE_RE.search("".join(unit_text[i:named + 1]))
                # 「それと、職場の理解がないと介護離職はなくなりません。企業向けの啓発も…」: a reason, then a
                # request for another thing (QA47: 介護 was in both, and it stayed in the opinion above)
                if (asks[i] and not restated) or (not asks[i] and (not (related and _shares_a_word(
                        [unit_text[k] for k in range(i, named + 1)],
                        [unit_text[k] for c in chunks[-1:] for k in c if asks[k]]))
                        or (not restated and other_thing(list(range(i, named + 1)), request_objects)))):
                    new_chunk = []
            elif (nxt is not None and units[i][2] and para_of[nxt] == para_of[i]
                  and para_terms[para_of[i]]):
                mine = set().union(*(para_terms[p] for p in request_paras))
                para_ks = [k for k in range(i, tail) if para_of[k] == para_of[i]]
                para_text = "".join(unit_text[k] for k in para_ks)
                # 「そういうわけで、便数の維持を強くお願いします。」 says the request again in other words;
                # a paragraph whose requests name another thing than the opinion's (「…コーディネーターを全市町村
                # に配置し…」 under 「…事業所を…確保してください。」) is another opinion, though the letter's
                # subject words (医療的ケア児, 介護) are in both (QA47)
                said_so_far = "".join(unit_text[k] for c in chunks[-1:] for k in c)
                # a paragraph whose only claim names nothing (「命に関わる水道は、公共の責任で運営されるべきです。」) argues for
                # the request before it; it starts no opinion by sharing no word (QA90: a campaign's copies written in
                # paragraphs were cut in three, its copies without blank lines not)
                # (nor, when it speaks of what the letter spoke of, by naming a thing of its own: 「水道」 argues for
                # 「水道事業の民営化をやめてください。」 (QA97 saw it cut as a second opinion); an argument often shares no word with
                # its request either, 「子育て世帯の負担は軽くされるべきです。」 under 「給食費を無償にしてください。」, QA101)
                naming = [k for k in para_ks if asks[k] and (crit[k] or not _OUGHT_ONLY_RE.search(unit_text[k]))]
                ought = [k for k in para_ks if asks[k] and k not in naming]
                if ought and _shares_a_word([para_text], [unit_text[k] for c in chunks for k in c]):
                    ought = []
                if not _restates(para_text, said_so_far) and (
                        (not para_terms[para_of[i]] & mine and naming)
                        or other_thing(naming + ought, request_objects)):
                    new_chunk = []
                    # whole paragraphs since the last request: the background of this one, unless
                    # they share more words with the opinion's requests than with this paragraph
                    while not asks[chunks[-1][-1]]:
                        p = para_of[chunks[-1][-1]]
                        block = [k for k in chunks[-1] if para_of[k] == p]
                        if (len(block) == len(chunks[-1]) or any(asks[k] for k in block)
                                or len(para_terms[p] & request_terms) > len(para_terms[p] & para_terms[para_of[i]])):
                            break
                        new_chunk = block + new_chunk
                        del chunks[-1][-len(block):]
            if (new_chunk is None and asks[i] and _BARE_MATA_RE.match(unit_text[i])
                    and _at_line_start(text, units[i][0]) and not (terms[i] & request_terms) - _STANCE_BIGRAMS
                    and not _RESTATE_RE.search(unit_text[i])):
                # 「また駐車場の有料化にも反対です。」 on a line of its own: a second request, another subject
                # (「反対」 in both is no shared subject)
                new_chunk = []
        if new_chunk is not None:
            chunks.append(new_chunk + [i])
            request_terms, request_paras, request_objects = set(), set(), set()
        elif not chunks:
            chunks.append([i])
        else:
            chunks[-1].append(i)
        if asks[i]:
            request_terms |= terms[i]
            request_paras.add(para_of[i])
            if not _OUGHT_ONLY_RE.search(unit_text[i]):  # (「公共の責任で運営されるべき」 names no thing asked for)
                request_objects |= objects[i]
    if len(chunks) < 2:
        return _cut_lead_lines(text, seg, units, lead)
    out = [Segment(units[0][0], units[lead - 1][1], closing=True)] if lead else []
    for k, chunk in enumerate(chunks):
        # whole paragraphs of thanks or cheers between two opinions (「職員の皆様、頑張ってください。」): a greeting
        # row of their own (QA101: published in front of the next opinion)
        first = 0
        while k and first < len(chunk) - 1 and framing[chunk[first]]:
            first += 1
        if first and units[chunk[first]][2]:
            out.append(Segment(units[chunk[0]][0], units[chunk[first - 1]][1], closing=True))
            chunk = chunk[first:]
        last = len(chunk)
        while k < len(chunks) - 1 and last > 1 and framing[chunk[last - 1]]:
            last -= 1
        trailing = last < len(chunk) and units[chunk[last]][2]
        kept = chunk[:last] if trailing else chunk
        out.append(Segment(units[kept[0]][0], units[kept[-1]][1], seg.heading, seg.marker if k == 0 else ""))
        if trailing:
            out.append(Segment(units[chunk[last]][0], units[chunk[-1]][1], closing=True))
    if tail < len(units):
        out.append(Segment(units[tail][0], units[-1][1], closing=True))
    return out


def _mixed_style_runs(marked, before_digit):
    """Numbered items of mixed styles that count up line after line from 1 (「1.」「2．」「(3)」
    「（４）」「⑤」「6、」「七、」…, or ①…⑩ then 「11.」「12.」): one list, though no single style
    forms one. Only a run of two styles or more, starting at 1, each next item exactly one more."""

    cands = sorted([(idx, start, n, marker, style) for style, items in marked.items()
                    if style not in ("bullet", "dash", "label", "kana_paren", "kana_dot", "kana_space", "ps")
                    for idx, start, n, marker in items]
                   + [(*item, "dot") for item in before_digit])
    out, run = [], []
    last_of_style: dict[str, int | None] = {}  # the number of each style's item met last

    def close(run):
        if len(run) >= 2 and run[0][2] == 1 and len({c[4] for c in run}) >= 2:
            out.extend(c[:4] for c in run)

    for cand in cands:
        # 「(1)」「(2)」 under item 2, then 「3」: item 3 continues its own list (「1」「2」 above), it is no
        # 「(3)」 of a mixed run (QA33: it took the heading of item 2 and its sub-items' level)
        own = (cand[4] != run[-1][4] and cand[2] is not None
               and last_of_style.get(cand[4]) == cand[2] - 1) if run else False
        last_of_style[cand[4]] = cand[2]
        if run and not own and cand[2] is not None and run[-1][2] is not None and cand[2] == run[-1][2] + 1:
            run.append(cand)
        else:
            close(run)
            run = [cand]
    close(run)
    return out


def _continue_list(items, candidates):
    """Dot items plus the candidate lines (「1．４月入所で…」, a number before a digit) that carry
    the next number of the list, or that open it: the candidates just above the first dot item
    number 1, 2 … up to the item's number less one (「1．４月…」 over 「2．…」「3．…」). Candidates
    alone (「1.5倍に…」, a list of decimals) add nothing."""
    items = sorted(items)
    if not items:
        return items
    first_idx, _, first_number, _ = items[0]
    if first_number is not None and first_number > 1:
        above = sorted(c for c in candidates if c[0] < first_idx)[-(first_number - 1):]
        if [n for _, _, n, _ in above] == list(range(1, first_number)):
            items = sorted(items + above)
    for cand in candidates:
        if cand in items:
            continue
        idx, _, number, _ = cand
        before = [n for i, _, n, _ in items if i < idx]
        if number is not None and before and before[-1] == number - 1:
            items = sorted(items + [cand])
    return items


# A line that closes the letter: 「以上」「敬具」「以上、よろしくお願いいたします。」
_CLOSING_LINE_RE = re.compile(rf"^[ \t\u3000]*({'|'.join(CLOSING_WORDS)})(?![のにでをはがとへやもより])")
# A line of the signature block under it: name, address, postcode, phone, e-mail (short, no sentence)
_TRAILER_LINE_MAX = 40
_SENTENCE_MARK_RE = re.compile(r"[。！？!?]|[．.](?![0-9０-９A-Za-zＡ-Ｚａ-ｚ])(?!$)")
# ... and nothing that reads like an opinion or an afterthought (「追伸」「駐輪場は屋根付きで」)
_OPINION_WORD_RE = re.compile(
    r"追伸|追記|なお|尚、|PS|P\.S|ほし|欲し|くださ|下さ|べき|反対|賛成|思|考え|要望|希望|困|です|ます|でした|ません|たい"
)


def _is_trailer_line(line: str) -> bool:

    core = line.strip(" \t\u3000")
    if not core or is_empty_opinion(core):  # blank, a greeting, or a 「電話：…」 contact line
        return True
    return (_width(core) <= _TRAILER_LINE_MAX and not _SENTENCE_MARK_RE.search(core)
            and not _OPINION_WORD_RE.search(core))


def _width(line: str) -> float:
    """Length in full-width characters: a half-width one counts half. The limit was set for Japanese
    lines; 「中島亜紀 / Aki Nakajima　aki.n at example dot com」 (44 characters) is a short signature line
    (QA23: it stayed with the opinion above it)."""
    return sum(0.5 if ch.isascii() or "\uff61" <= ch <= "\uff9f" else 1.0 for ch in line)


# a line that refers back to the whole list: 「以上の点を…」「上記について…」「これらを…」 (not a request
# of its own after it: 「なお、駐輪場の件も検討願います」)
_LIST_SUM_LINE_RE = re.compile(r"[ \t\u3000]*(?:以上|上記|右記|前記|これら)(?:の|に|を|について|、)")


def _cut_closing(text: str, segments: list[Segment]) -> list[Segment]:
    """The closing after the last item is not part of it: 「以上、よろしくお願いいたします。」 on its
    own lines, or a closing line (「以上」「敬具」) with the signature block under it (name, address,
    phone, e-mail). The cut part stays as a segment of its own, marked ``closing``."""

    last = segments[-1]
    body = text[last.start:last.end]
    cut = body.rfind("\n")
    while cut > 0 and is_empty_opinion(body[cut:]):
        prev = body.rfind("\n", 0, cut)
        if prev <= 0 or not is_empty_opinion(body[prev:]):
            break
        cut = prev
    if cut <= 0 or not is_empty_opinion(body[cut:]) or is_empty_opinion(body[:cut]):
        cut = -1
    for block in (_closing_block(body), _signature_block(body), _furniture_block(body)):
        if block > 0 and (cut < 0 or block < cut) and not is_empty_opinion(body[:block]):
            cut = block
    if last.marker and sum(1 for seg in segments if seg.marker) >= 2:
        # a line under the last item that sums up the list (「以上の点を計画に盛り込んでいただきたい。」
        # 「上記についてご検討ください。」) asks for every item, not the last one (QA26: it was published
        # as part of the third bullet)
        head_end = cut if cut > 0 else len(body)
        k = body.rfind("\n", 0, head_end)
        if k > 0 and _LIST_SUM_LINE_RE.match(body[k + 1:head_end]) and not is_empty_opinion(body[:k]):
            cut = k
    if cut <= 0:
        return segments
    head = _trimmed(text, last.start, last.start + cut, last.heading, last.marker)
    tail = _trimmed(text, last.start + cut, last.end)
    return segments[:-1] + [head, Segment(tail.start, tail.end, closing=True)]


def _cut_signature(text: str, seg: Segment) -> list[Segment]:
    """A one-opinion letter's signature block (name, address, phone lines, a 「以上」 above them)
    is a ``closing`` segment of its own, as under a list: short letters of one campaign signed
    by different people are then copies, and their contact lines are no part of the opinion.
    Closing lines alone (「よろしくお願いします。」) stay with the opinion."""
    body = text[seg.start:seg.end]
    if "\n" not in body:
        return [seg]
    cut = max(_closing_block(body), _signature_block(body))
    furniture = _furniture_block(body)  # 「…\n\n南台地区自治会連合会」 (QA50)
    if furniture > 0 and (cut <= 0 or furniture < cut):
        cut = furniture
    if cut <= 0 or not body[:cut].strip():
        return [seg]
    # a signature under no opinion (「特にありません。\n森本」) is cut too: both pieces are then no
    # opinion and the submission one empty row (QA23: the name made it an opinion, status ok)
    head = _trimmed(text, seg.start, seg.start + cut, seg.heading, seg.marker)
    tail = _trimmed(text, seg.start + cut, seg.end)
    return [head, Segment(tail.start, tail.end, closing=True)]


def _closing_block(body: str) -> int:
    """Offset of the line break before the last closing line (「以上」「敬具」, or 「Best regards,」
    「Xin chân thành cảm ơn.」, on a line that is only a closing) when every line after it belongs to a
    signature block; else -1."""

    starts = [0] + [i + 1 for i, ch in enumerate(body) if ch == "\n"]
    for k in range(len(starts) - 1, 0, -1):
        line_end = starts[k + 1] - 1 if k + 1 < len(starts) else len(body)
        line = body[starts[k]:line_end]
        # or one in another language (「Xin chân thành cảm ơn.」「Best regards,」「박지영 드림」, QA44)
        if (_CLOSING_LINE_RE.match(line) or FOREIGN_CLOSING_LINE_RE.match(line)) and is_empty_opinion(line):
            rest = body[line_end:].split("\n")
            return starts[k] - 1 if all(_is_trailer_line(r) for r in rest) else -1
    return -1


# QA50: a signer's furniture under the opinion, after a blank line: the group (「東小学校 保護者有志 32名」
# 「南台地区自治会連合会」「北山小学校PTA」), a 名簿's heading with its names elsewhere (「賛同者（連名）」「連名者」),
# the date, the representative (「（代表）小川　由美」)
_SIGNER_GROUP_RE = re.compile(
    r"[^。、！？!?\n]{0,30}?(?:町内会|自治会|連合会|協議会|PTA|ＰＴＡ|有志|の会|組合|協会|法人|委員会|後援会|保護者会|"
    r"育成会|子ども会|老人会|婦人会|団体|一同)"
    r"(?:[ \t\u3000]*(?:[0-9０-９]{1,4}[ \t\u3000]*名|(?:役員|会員|保護者)?一同))?[ \t\u3000]*")


def _furniture_block(body: str) -> int:
    """Offset of the blank line before the signer's furniture that ends ``body`` (see
    ``_SIGNER_GROUP_RE``): every line after it a group, a 名簿's heading, a date, a closing or a
    signed line; else -1."""
    k = body.rfind("\n\n")
    if k <= 0 or not body[:k].strip(" \t\n\u3000"):
        return -1
    from .normalize import is_date_line

    lines = [x for x in body[k:].split("\n") if x.strip(" \t\u3000")]
    if not lines:
        return -1
    unsigned = []
    for line in lines:
        if _OPINION_WORD_RE.search(line) or _SENTENCE_MARK_RE.search(line) or _width(line.strip()) > _TRAILER_LINE_MAX:
            return -1
        if not (_SIGNER_GROUP_RE.fullmatch(line) or (_NAME_LIST_HEADING_RE.fullmatch(line) and "名" in line
                or re.search(r"連名|賛同者|署名者", line) and _NAME_LIST_HEADING_RE.fullmatch(line))
                or is_date_line(line) or is_empty_opinion(line)):
            unsigned.append(line)
    if unsigned:
        from .mask import MASKS, mask_personal_data

        if not all(MASKS["name"] in mask_personal_data(line) for line in unsigned):
            return -1
    if not any(_SIGNER_GROUP_RE.fullmatch(x) or re.search(r"名簿|連名|賛同者|署名者", x) for x in lines):
        return -1  # a name and a date alone: the signature rules' (``_signature_block``)
    return k


def _is_signature_only(chunk: str) -> bool:
    """Every line of ``chunk`` is blank, a closing (「以上」「よろしくお願いします。」) or, once
    masked, nothing but masks (「松本翔太 shota.m@example.ne.jp」); at least one is the latter."""
    from .mask import mask_personal_data, only_masks

    lines = [line for line in chunk.split("\n") if line.strip()]
    if not lines or len(lines) > 6:
        return False
    masked = [mask_personal_data(line) for line in lines]
    return any(only_masks(m) for m in masked) and all(
        only_masks(m) or is_empty_opinion(line) for line, m in zip(lines, masked))


def _signature_block(body: str) -> int:
    """Offset of the line break before the signature that ends ``body``: its last lines are the
    writer's name, address, phone or e-mail (lines the masker turns into nothing but masks:
    「原田恵子（はらだ けいこ）」「小川智也　みどり市東町5-6-7　電話…」), with closing lines
    (「よろしくお願いいたします。」) and blank lines among or above them; else -1."""

    lines = body.split("\n")
    k = len(lines)
    while k > 1 and _is_trailer_line(lines[k - 1]):  # cheap test first: short lines, no sentence
        k -= 1
    if k == len(lines) or all(is_empty_opinion(line) for line in lines[k:]):
        return -1  # nothing but blank or closing lines: the caller cuts those
    from .mask import MASKS, mask_personal_data, only_masks  # only for a letter that may end in a signature

    NAME_MASK = MASKS["name"]

    # the masker takes a name's reading in brackets (「（むらい ようこ）」) with the name
    masked = mask_personal_data(body).split("\n")
    if len(masked) != len(lines):
        return -1
    j = len(lines)
    contact = (MASKS["address"], MASKS["phone"], MASKS["email"], MASKS["postal"])

    def signed(m: str) -> bool:  # 「［氏名］」, or a short line with a name: 「東町 主婦 ［氏名］」「高校二年 ［氏名］」
        return only_masks(m) or NAME_MASK in m

    def contact_line(m: str) -> bool:  # 「［住所］　老人福祉センター内　TEL ［電話番号］」 (QA63: glued to the last item)
        return any(c in m for c in contact) and "。" not in m and len(m) <= 60

    from .normalize import is_date_line

    while j > k and (is_empty_opinion(lines[j - 1]) or signed(masked[j - 1]) or contact_line(masked[j - 1])
                     or is_date_line(lines[j - 1])):
        j -= 1
    def addressed(m: str) -> bool:  # 「［住所］　鈴木　トメ　TEL ［電話番号］」: an address and a phone, a signature by itself
        return contact_line(m) and (MASKS["address"] in m or MASKS["postal"] in m) and (
            MASKS["phone"] in m or MASKS["email"] in m)

    # a signature has a name (its contact lines go with it), or an address with a phone on one line; a letter's
    # date (「令和8年1月20日」) under its last item too. A phone line alone is left to the closing rules (a foreign
    # name the masker does not know)
    if j == len(lines) or not any(signed(m) or addressed(m) or is_date_line(line)
                                  for m, line in zip(masked[j:], lines[j:])):
        return -1
    return sum(len(line) + 1 for line in lines[:j]) - 1


# E-mail header fields. A header block is two or more such lines, one of them an address or
# date field (a lone 「件名：…について」 line stays a heading over the text).
_HEADER_FIELD_RE = re.compile(
    r"(?P<k>From|To|Cc|Bcc|Reply-To|Date|Sent|Subject|差出人|送信者|宛先|送信日時|日時|日付|件名)[ \t\u3000]*[:：]",
    re.IGNORECASE)
_ADDRESS_FIELDS = {"from", "to", "cc", "bcc", "reply-to", "date", "sent", "差出人", "送信者", "宛先", "送信日時",
                   "日時", "日付"}
_FROM_FIELDS = {"from", "差出人", "送信者"}
_DATE_FIELDS = {"date", "sent", "送信日時", "日時", "日付"}
# 「-----Original Message-----」「-------- 転送メッセージ --------」「---------- Forwarded message ---------」,
# Lotus Notes' 「----- Forwarded by 山田/市役所 on 2026/10/01 10:00 -----」 (dashes both sides: not prose)
_FORWARD_RE = re.compile(
    r"[ \t\u3000]*[-－―—_=＿]*[ \t\u3000]*(?:original message|forwarded message|begin forwarded message|"
    r"転送メッセージ|転送されたメッセージ|元のメッセージ|オリジナルメッセージ)[ \t\u3000]*[-－―—_=＿]*[ \t\u3000]*[:：]?[ \t\u3000]*$"
    r"|[ \t\u3000]*[-－―—]{3,}[ \t\u3000]*forwarded by[ \t\u3000].*[-－―—]{3,}[ \t\u3000]*$",
    re.IGNORECASE)
_RULE_RE = re.compile(r"[ \t\u3000]*[-－―—_=＿]{5,}[ \t\u3000]*$")  # Outlook's line above a From:/Sent: block
_QUOTE_LINE_RE = re.compile(r"[ \t\u3000]*[>＞]")  # Japanese mailers quote with a full-width 「＞」 too
# the writer's words right under a quotation that refer back to it: the quoted lines are the draft's words
# (and argues with it: 「とありますが」; 「とありましたので」 under the city's own notice sends the opinion, QA68)
_CITES_BACK_RE = re.compile(r"[ \t\u3000]*(?:と(?:あり|ある|書(?:いて|かれて)|記(?:載|述)さ?れて|の記(?:載|述)|述べられて"
                            r"|されて|なって|のこと)[^\n、。]{0,8}?(?:が|けど|けれど(?:も)?)[、，,]|について(?:は|、|，))")
# The writer's line above announcing what follows from the draft: 「計画案12頁に次の記載があります。」「…の記述を引用します：」 (QA74)
_CITES_AHEAD_RE = re.compile(r"(?:次の|以下の?|下記の?)(?:ような|ように)?(?:記載|記述|文言|一文|文章|説明|表現|とおり|通り|ように)"
                             r"[^\n。]{0,12}?(?:あり|書かれ|記され|記載され|なって)[^\n]{0,8}[。：:]?[ \t\u3000]*$"
                             r"|(?:記載|記述|本文|文言)[^\n。]{0,10}?(?:引用|抜粋)[^\n]{0,8}[。：:]?[ \t\u3000]*$")
_CITATION_LABEL_RE = re.compile(r"[ \t\u3000]*[>＞]+[ \t\u3000]*(?:引用|原文|素案|計画案|案の?(?:本文|記述)|本文)[ \t\u3000]*[:：（(]")


def _cites_the_draft(text: str, lines, blocks) -> bool:
    """Whether 「>」 blocks are the writer quoting the draft: every block is labelled as a quotation of
    it (「> 引用：…」「> 素案：…」) or the writer's next line refers back to it (「とありますが、…」)."""
    if not blocks:
        return False
    n = len(lines)

    def line(i: int) -> str:
        return text[lines[i][0]:lines[i][1]]

    for first, last in blocks:
        after = next((line(i) for i in range(last + 1, n) if line(i).strip()), "")
        before = next((line(i) for i in range(first - 1, -1, -1) if line(i).strip()), "")
        if not (_CITATION_LABEL_RE.match(line(first)) or (after and _CITES_BACK_RE.match(after))
                or (before and _CITES_AHEAD_RE.search(before))):
            return False
    return True
# Quoting only a mailer does: a quote inside a quote (「>>」「> >」「＞＞」) or a quoted blank line (a bare 「>」)
_MAILER_QUOTE_RE = re.compile(r"[ \t\u3000]*[>＞][ \t\u3000]*(?:[>＞]|$)")
# The line above quoted lines: 「2026/04/01 pubcom@example.jp wrote:」「… <a@example.jp>:」「…さんは書きました：」
_ATTRIBUTION_RE = re.compile(r"(?:wrote|書きました|書き込みました|書いています)[ \t\u3000]*[:：]?[ \t\u3000]*$"
                             r"|[>＞][ \t\u3000]*[:：][ \t\u3000]*$"
                             # 「〇〇市 交通政策課 様 のメッセージ：」「…さんからのメール:」 (QA49)
                             r"|(?:の|から(?:の)?)[ \t\u3000]*(?:メッセージ|メール)[ \t\u3000]*[:：][ \t\u3000]*$"
                             # 「2026年1月10日(土) 9:00 〇〇市 交通政策課:」: a date, a time, a sender, a colon (QA49)
                             r"|^[ \t\u3000]*(?:on[ \t]+)?(?:[0-9]{4}[年/.\-][0-9]{1,2}[月/.\-][0-9]{1,2}日?|(?:令和|平成)[0-9元]{1,2}年)"
                             r"[^\n]{0,20}?[0-9]{1,2}[:：][0-9]{2}[^\n。]{1,60}[:：][ \t\u3000]*$", re.IGNORECASE)
_MAIL_HINT_RE = re.compile(r"^[ \t\u3000]*[>＞]|[:：]|message|メッセージ|forwarded|から送信|sent from|outlook|"
                           r"機密|秘密|confidential|誤って|[━─═＝=\-－―—_＿*＊~〜]{8,}|^[ \t]*(?:--|－－)[ \t]*$", re.IGNORECASE | re.MULTILINE)
# A mobile mailer's footer line (QA49: four unrelated mails grouped by 「Sent from my Android」)
_MOBILE_FOOTER_RE = re.compile(
    r"[ \t\u3000]*(?i:sent\s+from\s+(?:my\s+)?[\w.\- ]{1,30}?|get\s+outlook\s+for\s+\w+|outlook\s+for\s+(?:ios|android)"
    r"|sent\s+(?:with|via)\s+[\w.\- ]{1,30}?"
    r"|(?:my\s+)?(?:iphone|ipad|android|galaxy|xperia|aquos|arrows|docomo|au|softbank|ドコモ|ソフトバンク|スマホ|スマートフォン|携帯)"
    r"[ \t\u3000]*(?:から|より)[ \t\u3000]*送信(?:しました|されました)?)[ \t\u3000。.]*$")
# a line of rule characters framing a signature block (「━━━━━━━━」「-----------」「＝＝＝＝＝」)
# (and the mailers' 「-- 」 line over a signature)
_SIG_RULE_RE = re.compile(r"[ \t\u3000]*(?:[━─═＝=\-－―—_＿*＊~〜☆★◆◇■□・…]{8,}|--|－－)[ \t\u3000]*$")
# a company signature's lines: contact, address, web, company or department (「株式会社みなと物流　総務部」)
_SIG_LINE_RE = re.compile(r"(?i:tel|fax|phone|mobile|e-?mail|mail|url|https?://|www\.)|[〒@＠]|電話|携帯|内線|ファックス|"
                          r"株式会社|有限会社|合同会社|（株）|\(株\)|㈱|法人|協会|組合|事務所|事務局|本社|支店|営業所|[部課室係]$")
# A confidentiality notice under a company mail (「本メールは機密情報を含む場合があります。…」「This e-mail is
# confidential…」): its words, two of which (or one in a line that opens as one does) make a notice
_DISCLAIMER_WORD_RE = re.compile(
    r"機密|秘密情報|守秘|誤って(?:受信|届|送信)|誤送信|送信者(?:に|へ)(?:ご連絡|連絡|お知らせ|ご通知)|(?:破棄|削除)(?:して|し、|の上|願)|"
    r"(?:無断|許可なく)[^。\n]{0,20}(?:複製|転載|転送|開示|使用|利用)|開示することを禁|宛先(?:以外|の方以外)|"
    r"(?i:confidential|privileged|intended\s+recipient|delete\s+(?:this|the)\s+(?:e-?mail|message)|notify\s+the\s+sender|"
    r"disclaimer|unauthori[sz]ed)")
_DISCLAIMER_OPEN_RE = re.compile(r"[ \t\u3000]*[※【\[(（]?[ \t\u3000]*(?:本メール|このメール|本電子メール|この電子メール|当メール|"
                                 r"注意|ご注意|免責|(?i:this\s+(?:e-?mail|message)|the\s+information|if\s+you|disclaimer|confidential))")


def _is_disclaimer(line: str) -> bool:
    words = {m.group(0)[:4] for m in _DISCLAIMER_WORD_RE.finditer(line)}
    # one word is enough only when it speaks of secrecy and the line opens as a notice does:
    # 「このメールに書いた住所は削除してください。」 is a request, no notice
    return len(words) >= 2 or (len(words) == 1 and bool(_DISCLAIMER_OPEN_RE.match(line))
                               and bool(re.search(r"機密|秘密|守秘|(?i:confidential|privileged)", line)))


# What a writer puts over a forwarded message when it is what they send (「下記の意見に賛同します。」
# 「先ほどの意見、宛先を間違えたので転送します。」「以下のとおりです。」): the forward is the opinion
_FORWARD_POINTER_RE = re.compile(
    r"[^。\n]{0,40}(?:(?:下記|以下|上記|次|転送|添付)の?[^。\n]{0,20}(?:賛同|同意|賛成|同じ|同感)"
    r"|転送(?:します|いたします|致します|させていただきます|させて頂きます|しました|いたしました)"
    r"|(?:下記|以下|次)の(?:とおり|通り)|(?:下記|以下|次)の(?:ご?意見|メール|内容|文面))[^。\n]{0,20}[。．！!]?")
# The organiser's lines over a campaign text (「会員の皆様へ」「以下の文面で市へ意見を送ってください。」)
_CAMPAIGN_LEAD_RE = re.compile(r"[^\n]{0,40}(?:以下|下記|次)の(?:文面|文章|文|内容|例文|文例)(?:で|を|のとおり)")


def _clutter_kinds(text: str, lines: list[tuple[int, int]], kinds: list[str], top: int) -> None:
    """Mark as "closing" (a greeting row, no opinion) the mail's furniture among the body lines:
    a mobile footer (「Sent from my iPhone」「iPhoneから送信」), a signature framed by rule lines
    (「━━━━」 company, department, 〒, TEL, URL 「━━━━」) and a confidentiality notice
    (「本メールは機密情報を含む場合があります。…」「This e-mail … confidential …」). QA49: a company's
    identical block under different opinions made them one campaign, and the notice its summary."""
    n = len(lines)

    def line(i: int) -> str:
        return text[lines[i][0]:lines[i][1]]

    for i in range(top, n):
        if kinds[i]:
            continue
        ln = line(i)
        if _MOBILE_FOOTER_RE.fullmatch(ln) or (ln.strip() and _is_disclaimer(ln)):
            kinds[i] = "closing"
    i = top
    while i < n:
        if kinds[i] or not _SIG_RULE_RE.match(line(i)):
            i += 1
            continue
        j = i + 1
        while j < n and not kinds[j] and not _SIG_RULE_RE.match(line(j)):
            j += 1
        inside = [line(k) for k in range(i + 1, j) if line(k).strip()]
        closed = j < n and _SIG_RULE_RE.match(line(j)) and not kinds[j]
        rest_empty = all(kinds[k] or not line(k).strip() for k in range(j, n))
        if inside and len(inside) <= 10 and sum(1 for x in inside if _SIG_LINE_RE.search(x)) >= 1 and (
                closed or rest_empty) and not any(re.search(r"(?:ください|下さい|ほしい|欲しい|願います|反対|賛成)", x)
                                                  for x in inside):
            end = j + 1 if closed else j
            kinds[i:end] = ["closing"] * (end - i)
            i = end
        else:
            i = j if j > i + 1 else i + 1
    # blank lines between two closing lines join them
    for i in range(top, n):
        if not kinds[i] and not line(i).strip():
            a = next((k for k in range(i - 1, top - 1, -1) if line(k).strip()), None)
            b = next((k for k in range(i + 1, n) if line(k).strip()), None)
            if a is not None and b is not None and kinds[a] == "closing" and kinds[b] == "closing":
                kinds[i] = "closing"


def _forward_as_opinion(text: str, lines: list[tuple[int, int]], kinds: list[str], top: int, j: int) -> None:
    """A forward from line ``j`` on under a note that only points to it (「下記の意見に賛同します。」
    「宛先を間違えたので転送します。」, the writer's name): the forwarded message's body is the opinion
    (its separator and From:/Date:/Subject: lines a header, the note a greeting row). QA49: only the
    note was published and a campaign forwarded so was counted short. An organiser's campaign text
    (「以下の文面で市へ意見を送ってください。」 over it) forwarded under the writer's own lines that ask
    nothing themselves (「私の娘も北山線で高校に通っています。」) is the opinion too, those lines its reason
    (status reason: kept, not counted; QA49 counted 5 of a campaign of 8)."""
    from .mask import mask_personal_data, only_masks

    n = len(lines)

    def line(i: int) -> str:
        return text[lines[i][0]:lines[i][1]]

    own = [i for i in range(top, j) if line(i).strip() and not kinds[i]]
    pointed = False
    noted: list[int] = []
    for i in own:
        ln = line(i).strip()
        if _FORWARD_POINTER_RE.fullmatch(ln) or _FORWARD_POINTER_RE.fullmatch("".join(ln.split())):
            pointed = True
        elif not (is_empty_opinion(ln) or only_masks(mask_personal_data(ln))):
            noted.append(i)
    if not (pointed or noted):
        return
    h = j
    if _FORWARD_RE.match(line(h)) or _RULE_RE.match(line(h)):
        h += 1
    end, keys, count = _header_run(text, lines, h)
    if not count:
        return
    body = [i for i in range(end, n) if line(i).strip()]
    if not body:
        return
    # the organiser's lines over a campaign text (「会員の皆様へ」「以下の文面で…送ってください。」)
    lead = next((i for i in body[:3] if _CAMPAIGN_LEAD_RE.match(line(i))), None)
    campaign = lead is not None and any(i > lead for i in body)
    # (a greeting among the lines, 「よろしくお願いします。」, asks nothing: QA53 lost a forwarded copy to one)
    if noted and not (campaign and not any((sentence_asks(s) or criticises_draft(s)) and not is_empty_opinion(s)
                                           for i in noted for s in split_sentences(line(i)))):
        return
    for i in own:
        kinds[i] = "reason" if i in noted else "closing"
    kinds[j:end] = ["header"] * (end - j)
    kinds[end:] = [""] * (n - end)
    if campaign:
        kinds[end:lead + 1] = ["closing"] * (lead + 1 - end)


def _header_run(text: str, lines: list[tuple[int, int]], i: int) -> tuple[int, set[str], int]:
    """(end line, field names, number of fields) of the header lines from line ``i`` on
    (a folded line, starting with a space or tab, continues the field above it)."""
    keys: set[str] = set()
    count, j = 0, i
    while j < len(lines):
        line = text[lines[j][0]:lines[j][1]]
        m = _HEADER_FIELD_RE.match(line)
        if m:
            keys.add(m.group("k").lower())
            count += 1
        elif not (count and line[:1] in (" ", "\t") and line.strip()):
            break
        j += 1
    return j, keys, count


def _mail_parts(text: str) -> tuple[list[tuple[int, int, str]], bool]:
    """(start, end, part) regions of an e-mail pasted whole, in order and covering ``text``:
    part "header", "quoted" or "" (the body); [] when there is nothing of the kind. The flag is
    True when 「> …」 lines are left in the body as the writer's own bullets."""
    if not _MAIL_HINT_RE.search(text):
        return [], False
    lines = _lines(text)
    n = len(lines)
    kinds = [""] * n

    def line(i: int) -> str:
        return text[lines[i][0]:lines[i][1]]

    top = 0
    while top < n and not line(top).strip():
        top += 1
    end, keys, count = _header_run(text, lines, top)
    if count >= 2 and keys & _ADDRESS_FIELDS:
        kinds[top:end] = ["header"] * (end - top)
        top = end
    elif top < n and _FORWARD_RE.match(line(top)):
        # a mail that opens with 「-----Original Message-----」 and its From:/件名: lines, nothing written
        # above: the writer's own mail pasted whole, its body the opinion (QA26: the separator and
        # 「件名: 意見」 were published as the start of ご意見の概要)
        end, keys, count = _header_run(text, lines, top + 1)
        if count and keys & _FROM_FIELDS:
            kinds[top:end] = ["header"] * (end - top)
            top = end
    # a forwarded or original message (or a From: + Sent:/Date: block, as Outlook quotes): quoted to the end
    for j in range(top, n):
        if not _FORWARD_RE.match(line(j)):
            _, keys, count = _header_run(text, lines, j)
            if count < 2 or not keys & _FROM_FIELDS or not keys & _DATE_FIELDS:
                continue
            k = j - 1
            while k >= top and not line(k).strip():
                k -= 1
            if k >= top and _RULE_RE.match(line(k)):
                j = k
        kinds[j:] = ["quoted"] * (n - j)
        _forward_as_opinion(text, lines, kinds, top, j)
        break
    _clutter_kinds(text, lines, kinds, top)
    # 「> …」 blocks (blank lines between them included), each with the 「… wrote:」 line above it
    mail_context = any(kinds)  # a header block or a forwarded message
    mailer_quoting = False  # an attribution line, 「>>」 or a bare 「>」: surely a mailer's quotation
    blocks: list[tuple[int, int]] = []
    j = top
    while j < n:
        if kinds[j] or not _QUOTE_LINE_RE.match(line(j)):
            j += 1
            continue
        k = last = j
        while k < n and not kinds[k] and (_QUOTE_LINE_RE.match(line(k)) or not line(k).strip()):
            if line(k).strip():
                last = k
                mailer_quoting = mailer_quoting or bool(_MAILER_QUOTE_RE.match(line(k))
                                                        or _ATTRIBUTION_RE.search(line(k)))
            k += 1
        first = j
        a = j - 1
        while a >= top and not kinds[a] and not line(a).strip():
            a -= 1
        if a >= top and not kinds[a] and _ATTRIBUTION_RE.search(line(a)):
            first = a
            mailer_quoting = True
        blocks.append((first, last))
        j = last + 1
    # Without any of that, 「>」 lines are a quotation only in a reply: the writer's own text
    # answers between two blocks, or follows a single quoted line (one line is no list).
    # Else they are the writer's own points listed with 「>」 as a bullet.
    replied = [_is_own_text(text, lines, kinds, a_last + 1, b_first)
               for (_, a_last), (b_first, _) in zip(blocks, blocks[1:])]
    quote_lines = sum(1 for f, last in blocks for i in range(f, last + 1) if _QUOTE_LINE_RE.match(line(i)))
    if quote_lines == 1 and blocks:
        replied.append(_is_own_text(text, lines, kinds, blocks[0][1] + 1, n))
    # The writer's own words after the last block answer it: a reply that quotes (the city's notice
    # at the top, then the opinion). Not a signature, 「以上」, or a line summing up the list above.
    if blocks and not any(replied):
        replied.append(_answers_after(text, lines, kinds, blocks[-1][1] + 1, n))
    # A reply written above the quoted notice (the writer's text first, a blank line, then the
    # city's own announcement under 「>」): the lines read as the notice, not as the writer's
    # points, which a lead-in (「次のとおりです。」「以下：」) would introduce without a blank line.
    if blocks and not any(replied) and _is_own_text(text, lines, kinds, top, blocks[0][0]):
        above = [line(i) for i in range(top, blocks[0][0]) if line(i).strip()]
        replied.append(not line(blocks[0][0] - 1).strip() and not _LEAD_IN_RE.search(above[-1])
                       and any(_NOTICE_RE.search(line(i)) for f, last in blocks for i in range(f, last + 1)))
    quoting = mail_context or mailer_quoting or any(replied)
    if quoting and not mail_context and not mailer_quoting and _cites_the_draft(text, lines, blocks):
        quoting = False  # 「> 引用：市は財政が厳しい⏎とありますが、…」: the writer quotes the draft (QA67)
    if quoting:
        for first, last in blocks:
            kinds[first:last + 1] = ["quoted"] * (last + 1 - first)
    if "quoted" in kinds:
        body = "\n".join(line(i) for i in range(n) if not kinds[i])
        if is_empty_opinion(body):  # nothing but quotation: it is what the submitter sent
            kinds = ["" if k == "quoted" else k for k in kinds]
    # 「>」 lines left in the body with no mailer's sign on them are the writer's bullets
    quote_bullets = bool(blocks) and not mailer_quoting and not any(kinds[f] for f, _ in blocks)
    # 「件名：Re: 意見募集」 alone on the first line of a reply or forward is its header, not a heading
    first = next((i for i in range(n) if line(i).strip()), n)
    if ("quoted" in kinds and first < n and not kinds[first] and _SUBJECT_LINE_RE.match(line(first))
            and _is_own_text(text, lines, kinds[:first] + ["header"] + kinds[first + 1:], 0, n)):
        kinds[first] = "header"
    if not any(k and k != "closing" for k in kinds) and (
            all(k == "closing" or not line(i).strip() for i, k in enumerate(kinds))):
        kinds = ["" for _ in kinds]  # nothing but furniture: leave the text to the usual split
    if not any(kinds):
        return [], quote_bullets
    out: list[tuple[int, int, str]] = []
    for i in range(n):
        if out and out[-1][2] == kinds[i]:
            continue
        if out:
            out[-1] = (out[-1][0], lines[i][0], out[-1][2])
        out.append((lines[i][0], len(text), kinds[i]))
    return out, quote_bullets


# A line after 「>」 items that sums them up or closes the list, not an answer to a quotation:
# 「以上の2点を要望します。」「上記についてご検討ください。」
_LIST_SUMMARY_RE = re.compile(r"[ \t\u3000]*(?:以上|上記|右記|前記|これら)"
                              r"|.*(?:検討|善処|対応)[^。\n]{0,12}(?:ください|下さい|願い)")


def _answers_after(text: str, lines: list[tuple[int, int]], kinds: list[str], i: int, j: int) -> bool:
    """Lines ``i`` to ``j`` (exclusive) hold the writer's own words answering the 「>」 lines above
    them: not only greetings, a signature (lines the masker turns into nothing but masks: 「岡田」)
    or a line summing up a list (「以上の2点を要望します。」)."""
    own = [k for k in range(i, j) if not kinds[k] and text[lines[k][0]:lines[k][1]].strip()
           and not is_empty_opinion(text[lines[k][0]:lines[k][1]])
           and not _LIST_SUMMARY_RE.match(text, lines[k][0], lines[k][1])]
    if not own:
        return False
    from .mask import mask_personal_data, only_masks  # only for 「>」 lines with text after them

    chunk = text[lines[i][0]:lines[j - 1][1]]
    masked = mask_personal_data(chunk).split("\n")
    if len(masked) != j - i:
        masked = [mask_personal_data(text[s:e]) for s, e in lines[i:j]]
    return any(not only_masks(masked[k - i]) for k in own)


# Words of the city's own notice (意見募集のお知らせ), not of a citizen listing points
_NOTICE_RE = re.compile(r"ご意見を(?:お寄せ|募集|お待ち)|意見(?:を)?募集|募集(?:期間|します|しています|いたします)|締切|締め切り"
                        r"|提出期限|お問い?合わ?せ(?:先|は)|問合せ先|担当[:：]|(?:課|係|室|センター)(?:です|でございます)[。．]"
                        r"|パブリック・?コメント"
                        # the city's reply: 「お問い合わせありがとうございます」「…受け付けております」, a
                        # salutation to the writer (「> 山田様」) or the department signing (「> …対策課」)
                        r"|お問い?合わ?せ(?:いただき)?[、，,]?(?:誠に)?ありがとう|ご(?:連絡|質問|照会)(?:いただき)?[、，,]?(?:誠に)?ありがとう"
                        r"|受け?付けて(?:おり|い)ます"
                        r"|^[ \t\u3000]*[>＞][ \t\u3000]*[^\n。、>＞]{1,15}様[ \t\u3000]*$"
                        r"|^[ \t\u3000]*[>＞][ \t\u3000]*[^\n。、>＞]{1,30}(?:課|係|室|センター|事務局)[ \t\u3000]*$")


_LEAD_IN_RE = re.compile(r"(?:次の|以下の?|下記の?)(?:とおり|通り)|[:：][ \t\u3000]*$")


def _is_own_text(text: str, lines: list[tuple[int, int]], kinds: list[str], i: int, j: int) -> bool:
    """Lines ``i`` to ``j`` (exclusive) hold the writer's own words (not header, quotation, greeting)."""
    own = "\n".join(text[s:e] for (s, e), kind in zip(lines[i:j], kinds[i:j]) if not kind)
    return bool(own.strip()) and not is_empty_opinion(own)


def _items_follow(text: str, lines: list[tuple[int, int]], idx: int) -> bool:
    """Whether the next line with text after line ``idx`` opens a numbered item or a section: a sentence
    over them announces them (a lead-in), one over a paragraph heads it."""
    for s, e in lines[idx + 1:]:
        if text[s:e].strip():
            return _starts_item(text[s:e])
    return False


def _has_text_after(text: str, lines: list[tuple[int, int]], idx: int) -> bool:
    for s, e in lines[idx + 1:]:
        if text[s:e].strip():
            return True
    return False


def _inline_items(text: str, rx: re.Pattern, words: bool) -> list[tuple[re.Match, bool]]:
    """The matches of ``rx`` in ``text`` that start an item, each with whether its marker stays in
    the item's text (「①は賛成です。②は反対です。」: references to items of the draft, cut as on
    separate lines). A marker inside a sentence is no item (「計画案の①と②に賛成ですが、③には反対
    です。」「優先順位は①②③の順で」「図表②のとおり」「資料③参照」); see ``_INLINE_STRONG_BEFORE``.
    ``words``: a marker right after a predicate or a word may continue the list (circled numbers)."""
    items: list[tuple[re.Match, bool]] = []
    last: int | None = None
    # 「先生がいってたけど、①公園をふやして⏎②図書館を…」: a list opened after a comma, taken only when a later
    # item stands at a line start or after a sentence end (「優先順位は、①安全②便利の順」 cuts nothing)
    opened_after_comma, confirmed = False, False
    for m in rx.finditer(text):
        number = _number(m.group(1) if m.groups() else m.group(0))
        if number is None or _INLINE_NO_TEXT_AFTER.match(text, m.end()):
            continue
        reference = _INLINE_REFERENCE_AFTER.match(text, m.end()) is not None
        before = text[:m.start()].rstrip(" \t\u3000")
        prev = before[-1:]
        if not prev or prev == "\n" or prev in _INLINE_STRONG_BEFORE:
            items.append((m, reference))
            confirmed = confirmed or bool(items[:-1])
            last = number
            continue
        if number == 1 and not items and not reference and (prev in _INLINE_SEPARATOR_BEFORE or prev in "：:"):
            items.append((m, False))
            opened_after_comma = True
            last = number
            continue
        if number == 1 and not items and not reference and before.endswith(_INLINE_TITLE_WORDS):
            items.append((m, False))  # 「…（案）に対する意見(1) …」: the title, then the list
            last = number
            continue
        if len(before) < m.start() and not reference:  # set apart by a blank: 「意見　①…」
            items.append((m, False))
            last = number
            continue
        if reference or last is None or number != last + 1:
            continue  # inside a sentence: an item only as the next number of a list already begun
        if prev in _INLINE_SEPARATOR_BEFORE or (
                words and prev not in _INLINE_PARTICLE_BEFORE and prev not in _CIRCLED + _PAREN_DIGIT):
            items.append((m, False))
            last = number
    if opened_after_comma and not confirmed:
        return []
    return items


def _split_inline(text: str) -> list[Segment]:
    """「①…②…」 or 「(1)…。(2)…」 within running text."""
    for rx in (_INLINE_CIRCLED, _INLINE_PAREN):
        items = _inline_items(text, rx, words=rx is _INLINE_CIRCLED)
        numbers = [_number(m.group(1) if m.groups() else m.group(0)) for m, _ in items]
        if len(items) < 2 or not _is_list(numbers):
            continue
        out = []
        first = items[0][0].start()
        # 「先生がいってたけど、①…」: the clause before a list opened after a comma is part of its first item
        joined = text[:first].rstrip(" \t\u3000")[-1:] in _INLINE_SEPARATOR_BEFORE
        if text[:first].strip() and not joined:
            pre = _trimmed(text, 0, first)
            if pre.end > pre.start:
                out.append(pre)
        for k, (m, keep) in enumerate(items):
            end = items[k + 1][0].start() if k + 1 < len(items) else len(text)
            start = 0 if k == 0 and joined else m.start() if keep else m.end()
            seg = _trimmed(text, start, end, marker=m.group(0).strip())
            if seg.end > seg.start:
                # the last item of a list typed on one line keeps no signature block under it (QA66)
                out += _cut_signature(text, seg) if k + 1 == len(items) else [seg]
        return out
    return []


def _trimmed(text: str, start: int, end: int, heading: str = "", marker: str = "") -> Segment:
    chunk = text[start:end]
    left = len(chunk) - len(chunk.lstrip(" \t\n\u3000"))
    right = len(chunk.rstrip(" \t\n\u3000"))
    if right <= left:
        return Segment(start, start, heading, marker)
    return Segment(start + left, start + right, heading, marker)


# A sentence ends at 。．！？!? or at a "." that no ASCII letter or digit follows (NFKC turns
# 「．」 into "."; 1.5 and example.jp stay whole), with any closing bracket after it, or at a
# line break. An end inside 「…」『…』（…） belongs to a quotation, not to the writer's sentence.
_SENTENCE_END = set("。．！？!?")
_CLOSERS = set("」』）)】〕")
_OPEN_CLOSE = {"「": "」", "『": "』", "（": "）", "(": ")"}


def _is_full_stop(text: str, i: int) -> bool:
    return i + 1 >= len(text) or not text[i + 1].isascii() or not text[i + 1].isalnum()


_URL_RE = re.compile(r"(?:https?|ftp)://[!-~]+", re.IGNORECASE)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each stripped, blank ones dropped.

    Items are cut first with ``split_submission`` (so 「①…②…」 gives one piece per item
    even without 。), then each item at sentence ends and line breaks.

    >>> split_sentences("東町線を残してください。「廃止？」と聞いて驚きました。\\n以上")
    ['東町線を残してください。', '「廃止？」と聞いて驚きました。', '以上']
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for seg in split_submission(text):
        item = seg.text_of(text)
        start, expect = 0, []
        # a URL's 「?」「!」 (「…/report?year=2025&type=a」) ends no sentence (QA84: the summary began mid-URL)
        in_url = {j for m in _URL_RE.finditer(item) for j in range(m.start(), m.end() - 1)}
        i = 0
        while i < len(item):
            ch = item[i]
            if i in in_url and ch != "\n":
                i += 1
                continue
            if ch in _OPEN_CLOSE:
                expect.append(_OPEN_CLOSE[ch])
            elif expect and ch == expect[-1]:
                expect.pop()
            elif ch == "\n" or (not expect and (ch in _SENTENCE_END or (ch == "." and _is_full_stop(item, i)))):
                end = i + 1
                while end < len(item) and (item[end] in _CLOSERS or item[end] in _SENTENCE_END):
                    end += 1
                out.append(item[start:end])
                start, i = end, end
                if ch == "\n":
                    expect = []  # an unclosed bracket does not run over a line break
                continue
            i += 1
        out.append(item[start:])
    return [s for s in (p.strip(" \t\n\u3000") for p in out) if s]


def own_span(text: str, start: int, end: int, floor: int = 0, heading: str = "") -> tuple[int, int]:
    """The writer's own content from ``start`` (the first opinion's text) to ``end`` (the last
    one's end), as one span (``--no-split``): widened back to the line the first opinion starts on
    (its marker 「(1)」, or the 「…について」 heading above it), never before ``floor`` (the end of the
    piece before it); leading greeting sentences and a date line (「お疲れ様です。」「令和8年11月4日」)
    and a closing, signature or date under the text (「以上」, the name) left out. Whitespace trimmed."""
    from .normalize import _sentences, is_date_line, is_greeting_sentence

    line_start = text.rfind("\n", 0, start) + 1
    if heading:
        pos = text.rfind(heading, floor, start)
        if pos >= 0:
            line_start = text.rfind("\n", 0, pos) + 1
    seg = _trimmed(text, max(line_start, floor), end)
    start, end = seg.start, seg.end

    def framing(sentence: str) -> bool:
        return not sentence.strip() or is_greeting_sentence(sentence) or is_date_line(sentence)

    parts = _sentences(text[start:end])
    k = 0
    # (not the sentence naming the opinion's subject, 「まず、放課後児童クラブについて意見を述べます。」: QA97, the row
    # published 「定員を増やしてください。」 about nothing)
    while (k < len(parts) - 1 and framing(parts[k]) and not all(framing(p) for p in parts[k + 1:])
           and not (heading and heading in parts[k])):
        start += len(parts[k])
        k += 1
    for _ in range(3):  # a closing over a signature, a date under a closing …
        cut = _cut_closing(text, [_trimmed(text, start, end)])
        if len(cut) > 1:
            end = cut[0].end
        parts = _sentences(text[start:end])
        while len(parts) > 1 and framing(parts[-1]) and not all(framing(p) for p in parts[:-1]):
            end -= len(parts.pop())
    seg = _trimmed(text, start, end)
    return seg.start, seg.end
