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
# the moderator's and the office's side
_STAFF = (r"(?:司会者?|進行(?:役)?|事務局|説明者|回答者|職員|市側|行政|[市町村県区]|"
          r"[^\s：:。、「」（）()]{0,12}(?:課長(?:補佐)?|部長|局長|室長|係長|主幹|主査|担当者|市長|町長|村長|区長|知事|"
          r"副市長|副町長|教育長|[課部局室係]))")
# the citizens' side: a role with a letter or number, never a name
_PARTICIPANT = (r"(?:参加者|出席者|発言者|質問者|意見者|住民|市民|町民|村民|区民|県民|委員|会場|フロア|男性|女性)")
_LABEL_RE = re.compile(rf"^{_S}(?:(?P<staff>{_STAFF})|(?P<citizen>{_PARTICIPANT}))"
                       rf"{_S}{_ID}{_S}(?:さん|氏)?{_S}[：:]{_S}", re.M)
# 「（拍手）」「（会場笑い）」「（一同笑い）」「（聞き取れず）」: what the record notes of the room, not what was said
_STAGE_NOTE_RE = re.compile(r"[（(]{s}(?:会場|場内|一同|会場から)?{s}(?:拍手|笑い|笑|どよめき|ざわめき|騒然|沈黙|間|"
                            r"聞き取れず|聴取不能|不明瞭|発言不明|中略|略|以下略|挙手)(?:あり|が起こる|起こる|多数)?{s}[)）]"
                            .replace("{s}", _S))
# fillers at the start of a clause: 「えー、」「えーと」「あのー、」「まあ、」「なんか、」 (「あの店」 is a word: only
# 「あの」 with a comma or blank after it)
_FILLER_RE = re.compile(r"(?:(?<=^)|(?<=[、。，．\s「：:]))(?:えー+と?|ええと|えっと|あのー+|あの(?=[、，\s])|そのー+|まあ|まぁ|"
                        r"うーん|うーんと|んー|なんか(?=[、，])|ええ(?=[、，]))[ー～〜]*[、，]?[ \t\u3000]*", re.M)


@dataclass(frozen=True)
class Turn:
    label_start: int  # the label's first character (「司会：」)
    start: int  # what was said: after the label
    end: int
    staff: bool  # the moderator or the office speaking (司会, 事務局, …課長)


def _labels(text: str) -> list[re.Match]:
    return list(_LABEL_RE.finditer(text))


def speaker_turns(text: str) -> list[Turn] | None:
    """The turns of a meeting's record (see the module): each from its label to the next label; None for
    a text that is no such record (its first line has no speaker's label and fewer than two lines do)."""
    if "：" not in text and ":" not in text:
        return None
    found = _labels(text)
    if not found:
        return None
    first_line = len(text) - len(text.lstrip())
    if found[0].start() > first_line and len(found) < 2:
        return None
    turns = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        turns.append(Turn(m.start(), m.end(), end, m.group("staff") is not None))
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
