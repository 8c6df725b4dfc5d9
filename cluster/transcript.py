"""What was said at a meeting (住民説明会・公聴会の発言記録), typed in beside the written comments.

A city publishes the opinions spoken at its meetings in the same table as the letters. Staff type the record one row
per turn (「参加者A：えー、朝の便を増やしてもらえないかなと。」), one cell per meeting, with the speaker in a column of its
own, or as a summary (「○ 参加者から、…との意見があった。」). QA106 published the moderator's and staff's turns (「司会：
ほかにございますか。」「事務局：ご意見として承ります。」) and stage notes (「（拍手）」) as opinions; QA107, QA109 and QA110
then found letters taken for records (「市長：お願いがあります。」「市：みなと市」). Here:

- a label is a role and 「：」 with words said after it (``_spoken``): the office's side by role (司会, 事務局, 議長, …課長)
  or a participant's (参加者A, 出席者1, 山田委員, 男性（70代）); inside a record the city, the office's units and names too;
- ``speaker_turns``: a text is a record when two labelled lines or more sit under at most a title line, one of them the
  office's by role or two numbered participants; ``record_groups``: rows typed one turn per row (half of a channel's rows
  labelled, both sides among them, or any label in a channel or file named for a meeting), read through
  ``as_record_text``;
- ``not_a_submission``: a row of only the office's turns or stage notes is no citizen's submission (kept, not counted,
  grouped or published); ``is_staff_speaker`` reads a speaker column; ``reports_an_answer`` a summary's 「市から…と回答した。」;
- ``without_speech_noise``: fillers opening a clause (「えー、」「あのー、」「まあ、」), the room's notes (「（拍手）」「（笑い）」)
  and a summary's frame out of the compared and published text; what the speaker asked stays as said.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Turn", "speaker_turns", "not_a_submission", "without_speech_noise", "is_stage_note", "is_staff_speaker",
           "record_groups", "as_record_row", "as_record_text", "is_meeting_name", "reports_an_answer",
           "without_reporting_frame", "is_speaker_column"]

_S = r"[ \t\u3000]*"
_ID = r"(?:[A-ZＡ-Ｚ0-9０-９①-⑳]{1,3}|[（(][^（）()\n]{1,8}[)）])?"
_KANJI_RUN = r"[\u4e00-\u9fff々ヶァ-ヺー]"
# Labels that say a meeting's record on their own (a row of one turn may open with them): the moderator's and the
# office's side, titles of officials, and the participants' roles with a letter or number, never a name
# (not 会長: a 自治会's chair speaks as a resident, QA110)
_STAFF = (r"(?:司会者?|進行(?:役)?|事務局|説明者|回答者|議長|副議長|座長|委員長|部会長|"
          rf"{_KANJI_RUN}{{0,10}}(?:課長(?:補佐)?|部長|局長|室長|係長|主幹|主査|担当者|市長|町長|村長|区長|知事|副市長|副町長|教育長|"
          r"所長|館長|センター長|支所長))")
_PARTICIPANT = (rf"(?:参加者|出席者|発言者|質問者|意見者|会場|フロア|男性|女性|住民|市民|町民|村民|区民|県民|{_KANJI_RUN}{{0,8}}委員)")
# Labels read as a speaker's only inside a record already known (QA107: 「市：みなと市」「担当課：…」「学部：…」 in a
# letter's address block or a form's fields): the city or a department (「市：」「交通政策課：」), and a name
# (「田中：」「鈴木一郎さん：」) as a participant's
# (and the office's other units: 道路整備部, 教育委員会, 市民センター, QA110)
_WEAK_STAFF = rf"(?:[市町村県区]|職員|市側|行政|{_KANJI_RUN}{{1,10}}(?:課|部|局|室|委員会|センター|事務所|支所|出張所))"
_NAME = r"(?:[\u4e00-\u9fff々ヶ]{1,5}|[ァ-ヺー]{2,8}|[ぁ-ゖ]{2,6})"
_FORM_WORDS = frozenset({"理由", "意見", "要望", "件名", "住所", "氏名", "名前", "電話", "日時", "場所", "所属", "宛先", "送付先",
                         "該当箇所", "質問", "回答", "内容", "概要", "備考", "年齢", "性別", "職業", "連絡先", "提出日", "日付",
                         "担当", "担当課", "所管課", "趣旨", "提案", "要旨", "対象", "期間", "目的", "結論", "補足", "追記", "注"})
_LABEL_END = rf"{_S}{_ID}{_S}(?:さん|様|氏)?{_S}[：:]{_S}"
_LABEL_RE = re.compile(rf"^{_S}(?:(?P<staff>{_STAFF})|(?P<citizen>{_PARTICIPANT}))(?=[ \t\u3000]*{_ID}[ \t\u3000]*(?:さん|様|氏)?[ \t\u3000]*[：:]){_LABEL_END}", re.M)
_WEAK_LABEL_RE = re.compile(rf"^{_S}(?:(?P<staff>{_WEAK_STAFF})|(?P<name>{_NAME})){_LABEL_END}", re.M)
# a turn says something: a sentence's marks, or kana ending its first line (「市：みなと市」「防犯部長：佐藤一郎」
# 「交通政策課：山田様」 are a form's, an address's or a signature's fields)
_SPOKEN_RE = re.compile(r"[。、！？!?]|[ぁ-ゖー][ \t\u3000]*$")


def _spoken(line: str) -> bool:
    return bool(_SPOKEN_RE.search(line.rstrip()))
# 「（拍手）」「（会場笑い）」「（一同笑い）」「（聞き取れず）」: what the record notes of the room, not what was said (not
# 「（中略）」「（挙手）」「（笑）」, which letters write too: QA107)
# (not one a sentence speaks of: 「説明に（拍手）が起きましたが」「（聞き取れず）とありましたが」, QA109)
_STAGE_NOTE_RE = re.compile(r"[（(]{s}(?:会場|場内|一同|会場から)?{s}(?:拍手|笑い|どよめき|ざわめき|聞き取れず|聴取不能|発言不明)"
                            r"(?:あり|が起こる|起こる|多数)?{s}[)）](?![がとをにはのもでや])".replace("{s}", _S))
# fillers opening a clause, a comma or blank after them: 「えー、」「えーと、」「あのー、」「まあ、」「なんか、」 (not 「まあるい」
# 「うーんと遠く」「まあまあ」「えーっ」, nor in quotes 「「あのー、えー」ばかり」: QA107)
# (「あの」「まあ」「なんか」 with a comma only: 「あの 日の 大雨で」 is 「あの日」, QA109)
# (nor one quoted: 「会見で、えー、と言葉を濁して」, QA109)
_FILLER_RE = re.compile(r"(?:(?<=^)|(?<=[、。，．\s：:]))(?:(?:えー+と?|えっと|あのー+|そのー+|うーん|んー)[ー～〜]*"
                        r"(?:[、，][ \t\u3000]*|[ \t\u3000]+)|(?:あの|まあ|まぁ|なんか)[ー～〜]*[、，][ \t\u3000]*)(?![とっ])", re.M)


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
        if m is None or not _spoken(text[m.end():line.end()]):
            continue
        found.append((m, m.group("staff") is not None, strong))
    return found


_NUMBERED_RE = re.compile(r"[A-ZＡ-Ｚ0-9０-９①-⑳][ \t\u3000]*(?:さん|様|氏)?[ \t\u3000]*[：:]")


def speaker_turns(text: str, in_record: bool = False) -> list[Turn] | None:
    """The turns of a meeting's record (see the module): each from its label to the next label; None for a text that
    is no such record. A text is one when it holds two labelled lines or more under at most a title line, one of
    them the moderator's or the office's by role (「司会：」「事務局：」「議長：」「…課長：」) or two participants told
    apart (「参加者A：」「参加者B：」); then the city, a department and names are speakers' labels too (「市：」「田中：」).
    A letter opening 「市長：お願いがあります。」, or a dialogue a letter retells (「市：…⏎市民：…」), is none (QA109).
    ``in_record``: the text is a row of a record typed one turn per row (``record_groups``): one label is enough."""
    if "：" not in text and ":" not in text:
        return None
    found = _labels(text, weak=True)
    if not found:
        return None
    lead = text[:found[0][0].start()].strip()
    if in_record:
        if lead:
            return None
    else:
        # (participants told apart by a letter or number: 「参加者B：」, not 「市民：」 retold in a letter)
        numbered = any(strong and not staff and _NUMBERED_RE.search(m.group()) for m, staff, strong in found)
        speakers = {m.group().strip(" \t\u3000：:") for m, staff, _ in found if not staff}
        if (len(found) < 2 or "\n" in lead or len(lead) > 40 or "。" in lead
                or not (any(staff and strong for _, staff, strong in found) or (numbered and len(speakers) >= 2))):
            return None  # a letter that quotes a meeting (「…議事録を読みました。⏎市：…」) is a letter
    turns = []
    for k, (m, staff, _) in enumerate(found):
        end = found[k + 1][0].start() if k + 1 < len(found) else len(text)
        turns.append(Turn(m.start(), m.end(), end, staff))
    return turns


def is_stage_note(text: str) -> bool:
    """Only stage notes (「（拍手）」「（笑い）（拍手）」), no words said."""
    return bool(text.strip()) and not _STAGE_NOTE_RE.sub("", text).strip(" \t\n\u3000。、")


def not_a_submission(text: str, in_record: bool = False) -> bool:
    """A row holding only the moderator's or staff's turns (「司会：ほかにございますか。」「事務局：ご意見として
    承ります。」) or stage notes (「（拍手）」): no citizen's submission."""
    if is_stage_note(text):
        return True
    turns = speaker_turns(text, in_record)
    if not turns or not all(t.staff for t in turns):
        return False
    before = text[:turns[0].label_start]
    return not before.strip() or is_stage_note(before)


def without_speech_noise(text: str) -> str:
    """``text`` without stage notes and fillers (「えー、朝の便を…（笑い）」 → 「朝の便を…」); a text with neither
    comes back as it is (the same string)."""
    text = without_reporting_frame(text)
    if "（" not in text and "(" not in text and not _FILLER_HINT_RE.search(text):
        return text
    out = _STAGE_NOTE_RE.sub("", text)
    out = _FILLER_RE.sub("", out)
    return out if out.strip() else text


_FILLER_HINT_RE = re.compile(r"えー|ええ|えっと|あの|そのー|まあ|まぁ|うーん|んー|なんか")


# a speaker column beside the text (発言者 / 話者: 「司会」 beside 「それでは始めます。」)
_SPEAKER_COLUMN_RE = re.compile(r"^(?:発言者|話者|発言者名|発言者区分|発言者の区分|speaker)$")


def is_speaker_column(name: str) -> bool:
    """Whether a column's name (folded) says it names each row's speaker in a meeting's record."""
    return bool(_SPEAKER_COLUMN_RE.match(name))


def is_staff_speaker(label: str) -> bool:
    """Whether a speaker column's value (発言者: 「司会」「事務局」「都市計画課」「市」) is the moderator's or the office's
    side: a speaker column says a meeting's record, so the city and a department count as the office (QA108: a
    「都市計画課」 row was published as a citizen's)."""
    label = label.strip()
    return bool(label) and (bool(re.fullmatch(rf"{_STAFF}{_S}{_ID}", label))
                            or bool(re.fullmatch(rf"{_WEAK_STAFF}{_S}{_ID}", label)))


# a channel or file named for a meeting (「説明会」「説明会_港北区.csv」「意見交換会」): its rows are a record wherever a label is
_MEETING_NAME_RE = re.compile(r"説明会|意見交換会|公聴会|懇談会|タウンミーティング|ワークショップ|対話集会|車座|座談会|意見を聞く会|"
                              r"発言記録|議事録|会議録")


def is_meeting_name(name: str) -> bool:
    """Whether a channel's or a file's name says a meeting (説明会, 意見交換会, 公聴会 …)."""
    return bool(_MEETING_NAME_RE.search(name or ""))


def record_groups(texts: list[str], groups: list[str], meetings: set[str] = frozenset()) -> set[str]:
    """The groups (a channel's rows, or all rows under "") whose rows are a meeting's record: a group named for a meeting
    (``meetings``) with a labelled row; else two labelled rows or more, half of the group's filled rows, with the
    office's side by role and a participant among them (QA109: 15 letters of 453 opening 「市長：」 are no record; QA110:
    two such letters of a channel's three neither)."""
    labelled, staff_rows, citizen_rows, filled = {}, {}, {}, {}
    for text, group in zip(texts, groups):
        if not text.strip():
            continue
        filled[group] = filled.get(group, 0) + 1
        if "：" not in text and ":" not in text:
            continue
        found = _labels(text, weak=True)
        if not found or found[0][0].start() != len(text) - len(text.lstrip()):
            continue
        labelled[group] = labelled.get(group, 0) + 1
        for _, staff, strong in found:
            if staff and strong:
                staff_rows[group] = True
            elif not staff:
                citizen_rows[group] = True
    return {g for g, n in labelled.items()
            if g in meetings or (n >= 2 and 2 * n >= filled[g] and staff_rows.get(g) and citizen_rows.get(g))}


def as_record_text(text: str) -> str:
    """A text of a meeting's record (a row or a cell of a group ``record_groups`` found) as ``speaker_turns`` reads it
    alone: a row of one turn without a participant's label (「参加者1：」, a name 「田中：」 — QA108 published it), the
    city's side read as 「事務局：」; in a cell of several turns each name becomes 「発言者1：」「発言者2：」 (QA110: a cell of
    names and 「市：」 was published whole, the names with it) and the city's side 「事務局：」."""
    found = _labels(text, weak=True)
    if len(found) < 2 or "\n" not in text.strip():
        return as_record_row(text)
    names: dict[str, int] = {}
    out, last = [], 0
    for m, staff, strong in found:
        if strong:
            continue
        if staff:
            label = "事務局："
        else:
            label = f"発言者{names.setdefault(m.group('name'), len(names) + 1)}："
        out += [text[last:m.start()], label]
        last = m.end()
    return "".join(out) + text[last:] if out else text


def as_record_row(text: str) -> str:
    """A row of a record typed one turn per row (``record_groups``): a participant's label (「参加者1：」, a name
    「田中：」 — QA108 published it) left out, the city's side (「市：」「都市計画課：」) read as 「事務局：」; the
    moderator's and the office's rows keep their label (``not_a_submission`` reads it)."""
    found = _labels(text.split("\n", 1)[0], weak=True)
    if not found or found[0][0].start() != len(text) - len(text.lstrip()):
        return text
    m, staff, strong = found[0]
    if staff:
        return text if strong else "事務局：" + text[m.end():]
    return text[m.end():]


# staff's summary of a meeting (QA108): 「○ 市から、…と回答した。」 reports the office's answer, no citizen's opinion;
# 「○ 参加者から、公園を増やしてほしいとの意見があった。」 frames one, the frame no part of it
_ANSWER_REPORTED_RE = re.compile(
    r"^[ \t\u3000]*(?:[○◯●・※\-－][ \t\u3000]*)?(?:市|町|村|県|区|事務局|当局|担当課?|説明者|[\u4e00-\u9fff]{1,10}課長?)"
    r"(?:から|より|は|が|の)[、，]?[^\n]*(?:と|旨|との)?(?:回答|説明|答え|返答)"
    r"(?:した|しました|た|ました|があった|がありました|を行った|を行いました|であった|でした|だった)[。．]?[ \t\u3000]*$")
_OPINION_REPORTED_RE = re.compile(
    r"^(?P<lead>[ \t\u3000]*(?:[○◯●・※\-－][ \t\u3000]*)?(?:(?:複数の)?(?:参加者|出席者|住民|市民|町民|区民|委員|会場)"
    r"[A-ZＡ-Ｚ0-9０-９]{0,3}|(?:[0-9０-９]{2}代の?)?(?:男性|女性|高齢者|方)|参加者の方)"
    r"(?:の方)?(?:から|より)[、，]?[ \t\u3000]*)(?P<said>[^\n]+?)(?P<tail>(?:と|との|という)(?:ご?意見|ご?要望|ご?質問|声|発言|指摘)"
    r"(?:が|も)?(?:あった|ありました|出た|出ました|出された|出されました)[。．]?)[ \t\u3000]*$", re.M)


def reports_an_answer(text: str) -> bool:
    """A line of staff's summary that reports the office's answer (「○ 市から、…と回答した。」)."""
    return bool(_ANSWER_REPORTED_RE.match(text.strip()))


def without_reporting_frame(text: str) -> str:
    """「○ 参加者から、公園を増やしてほしいとの意見があった。」 → 「公園を増やしてほしい。」: what was asked, without the summary's
    frame (QA108: the frame grouped a ward's requests on parks, vacant houses and trees in one row)."""
    if "から" not in text and "より" not in text:
        return text
    return _OPINION_REPORTED_RE.sub(lambda m: m["said"].rstrip("、，") + "。", text)
