"""What was said at a meeting (住民説明会・公聴会の発言記録), typed in beside the written comments.

A city publishes the opinions spoken at its meetings in the same table as the letters. Staff type the
record as one row per turn (「参加者A：えー、朝の便を増やしてもらえないかなと。」) or one cell per meeting,
turn after turn. QA106 published the moderator's and staff's turns (「司会：ほかにございますか。」「事務局：ご意見として
承ります。」) and stage notes (「（拍手）」) as opinions, grouped speakers' turns by their 「参加者A：…えー、」, and
left the fillers in the published summaries. Here:

- ``speaker_turns``: the turns of a text that is such a record: its first line opens with a speaker's label,
  or two lines or more do. A label is a role, not a name: the moderator's or staff's (司会, 事務局, 市,
  …課長, 説明者 …) or a participant's (参加者A, 出席者1, 発言者, 質問者, 住民B, 委員, 男性（70代） …), then 「：」.
- ``not_a_submission``: a row that holds only the moderator's or staff's turns or stage notes is no citizen's
  submission: kept, never counted, grouped or published.
- ``without_speech_noise``: stage notes (「（拍手）」「（笑い）」) and fillers (「えー、」「あのー、」「まあ、」) out
  of the compared and published text; what the speaker asked stays as said.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Turn", "speaker_turns", "not_a_submission", "without_speech_noise", "is_stage_note"]

_S = r"[ \t\u3000]*"
_ID = r"(?:[A-ZＡ-Ｚ0-9０-９①-⑳]{1,3}|[（(][^（）()\n]{1,8}[)）])?"
_KANJI_RUN = r"[\u4e00-\u9fff々ヶァ-ヺー]"
# Labels that say a meeting's record on their own (a row of one turn may open with them): the moderator's and the
# office's side, titles of officials, and the participants' roles with a letter or number, never a name
_STAFF = (r"(?:司会者?|進行(?:役)?|事務局|説明者|回答者|議長|副議長|座長|委員長|部会長|会長|"
          rf"{_KANJI_RUN}{{0,10}}(?:課長(?:補佐)?|部長|局長|室長|係長|主幹|主査|担当者|市長|町長|村長|区長|知事|副市長|副町長|教育長))")
_PARTICIPANT = (rf"(?:参加者|出席者|発言者|質問者|意見者|会場|フロア|男性|女性|住民|市民|町民|村民|区民|県民|{_KANJI_RUN}{{0,8}}委員)")
# Labels read as a speaker's only inside a record already known (QA107: 「市：みなと市」「担当課：…」「学部：…」 in a
# letter's address block or a form's fields): the city or a department (「市：」「交通政策課：」), and a name
# (「田中：」「鈴木一郎さん：」) as a participant's
_WEAK_STAFF = rf"(?:[市町村県区]|職員|市側|行政|{_KANJI_RUN}{{1,10}}課)"
_NAME = r"(?:[\u4e00-\u9fff々ヶ]{1,5}|[ァ-ヺー]{2,8}|[ぁ-ゖ]{2,6})"
_FORM_WORDS = frozenset({"理由", "意見", "要望", "件名", "住所", "氏名", "名前", "電話", "日時", "場所", "所属", "宛先", "送付先",
                         "該当箇所", "質問", "回答", "内容", "概要", "備考", "年齢", "性別", "職業", "連絡先", "提出日", "日付",
                         "担当", "担当課", "所管課", "趣旨", "提案", "要旨", "対象", "期間", "目的", "結論", "補足", "追記", "注"})
_LABEL_END = rf"{_S}{_ID}{_S}(?:さん|様|氏)?{_S}[：:]{_S}"
_LABEL_RE = re.compile(rf"^{_S}(?:(?P<staff>{_STAFF})|(?P<citizen>{_PARTICIPANT}))(?=[ \t\u3000]*{_ID}[ \t\u3000]*(?:さん|様|氏)?[ \t\u3000]*[：:]){_LABEL_END}", re.M)
_WEAK_LABEL_RE = re.compile(rf"^{_S}(?:(?P<staff>{_WEAK_STAFF})|(?P<name>{_NAME})){_LABEL_END}", re.M)
# a turn says something: kana in its first line (「市：みなと市」「防犯部長：佐藤一郎」 are a form's or a signature's fields)
_SPOKEN_RE = re.compile(r"[ぁ-ゖ]")
# 「（拍手）」「（会場笑い）」「（一同笑い）」「（聞き取れず）」: what the record notes of the room, not what was said (not
# 「（中略）」「（挙手）」「（笑）」, which letters write too: QA107)
_STAGE_NOTE_RE = re.compile(r"[（(]{s}(?:会場|場内|一同|会場から)?{s}(?:拍手|笑い|どよめき|ざわめき|聞き取れず|聴取不能|発言不明)"
                            r"(?:あり|が起こる|起こる|多数)?{s}[)）]".replace("{s}", _S))
# fillers opening a clause, a comma or blank after them: 「えー、」「えーと、」「あのー、」「まあ、」「なんか、」 (not 「まあるい」
# 「うーんと遠く」「まあまあ」「えーっ」, nor in quotes 「「あのー、えー」ばかり」: QA107)
_FILLER_RE = re.compile(r"(?:(?<=^)|(?<=[、。，．\s：:]))(?:えー+と?|えっと|あのー+|あの|そのー+|まあ|まぁ|うーん|んー|なんか)"
                        r"[ー～〜]*(?:[、，][ \t\u3000]*|[ \t\u3000]+)", re.M)


@dataclass(frozen=True)
class Turn:
    label_start: int  # the label's first character (「司会：」)
    start: int  # what was said: after the label
    end: int
    staff: bool  # the moderator or the office speaking (司会, 事務局, …課長)


def _labels(text: str, weak: bool) -> list[tuple[re.Match, bool, bool]]:
    """(label, staff, strong) at the start of each line that has one and says something after it; the weak labels
    (the city, a department, a name) when ``weak``."""
    found = []
    for line in re.finditer(r"^.*$", text, re.M):
        m = _LABEL_RE.match(text, line.start(), line.end())
        strong = m is not None
        if m is None and weak:
            m = _WEAK_LABEL_RE.match(text, line.start(), line.end())
            if m is not None and m.group("name") and m.group("name") in _FORM_WORDS:
                m = None
        if m is None or not _SPOKEN_RE.search(text, m.end(), line.end()):
            continue
        found.append((m, m.group("staff") is not None, strong))
    return found


def speaker_turns(text: str) -> list[Turn] | None:
    """The turns of a meeting's record (see the module): each from its label to the next label; None for a text that
    is no such record. A record opens with a speaker's label (a role that says a meeting's record, 「司会：」「参加者A：」,
    and words said after it), or holds two labelled lines or more, one of them such a role, under at most a title
    line; then the city, a department and names are speakers' labels too (「市：」「田中：」)."""
    if "：" not in text and ":" not in text:
        return None
    strong = _labels(text, weak=False)
    if not strong:
        return None
    if strong[0][0].start() > len(text) - len(text.lstrip()):
        found = _labels(text, weak=True)
        lead = text[:found[0][0].start()].strip()
        if len(found) < 2 or "\n" in lead or len(lead) > 40 or "。" in lead:
            return None  # a letter that quotes a meeting (「…議事録を読みました。⏎市：…」) is a letter
    else:
        found = _labels(text, weak=True)
    turns = []
    for k, (m, staff, _) in enumerate(found):
        end = found[k + 1][0].start() if k + 1 < len(found) else len(text)
        turns.append(Turn(m.start(), m.end(), end, staff))
    return turns


def is_stage_note(text: str) -> bool:
    """Only stage notes (「（拍手）」「（笑い）（拍手）」), no words said."""
    return bool(text.strip()) and not _STAGE_NOTE_RE.sub("", text).strip(" \t\n\u3000。、")


def not_a_submission(text: str) -> bool:
    """A row holding only the moderator's or staff's turns (「司会：ほかにございますか。」「事務局：ご意見として
    承ります。」) or stage notes (「（拍手）」): no citizen's submission."""
    if is_stage_note(text):
        return True
    turns = speaker_turns(text)
    if not turns or not all(t.staff for t in turns):
        return False
    before = text[:turns[0].label_start]
    return not before.strip() or is_stage_note(before)


def without_speech_noise(text: str) -> str:
    """``text`` without stage notes and fillers (「えー、朝の便を…（笑い）」 → 「朝の便を…」); a text with neither
    comes back as it is (the same string)."""
    if "（" not in text and "(" not in text and not _FILLER_HINT_RE.search(text):
        return text
    out = _STAGE_NOTE_RE.sub("", text)
    out = _FILLER_RE.sub("", out)
    return out if out.strip() else text


_FILLER_HINT_RE = re.compile(r"えー|ええ|えっと|あの|そのー|まあ|まぁ|うーん|んー|なんか")
