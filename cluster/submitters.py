"""Who sent what: the counts and notes about submitters beside 提出者数 (a 氏名 or an organisation on
several submissions, letters signed by several people: 連名), the opinions a submitter sent again
(``--count-repeats``), and 提出者の内訳 by the submitters' attributes (``--attribute-column``).

The report's own figures (提出者数, 提出件数, by kind) are counted in ``report``; the pipeline
prints these lines beside them and writes their findings into run.json."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Callable, Mapping, Sequence

from .io import ORGANISATION, ColumnError, InputError, clean_name, fold_name, person_key
from .records import Opinion, Submission
from .report import ATTRIBUTE_VALUES_LIMIT, attribute_breakdown, attribute_value, kind_key, one_row_per_submission


def find_repeats(opinions: Sequence[Opinion], ok: Sequence[int], group_of, keys: Sequence[str],
                 subs: Sequence[Submission]) -> dict[int, int]:
    """{position in ``ok``: position of the opinion it repeats}: an opinion whose submitter sent an
    exact or near copy of it (the same duplicate group, or the same comparison text ``keys``) in an
    earlier submission. Submitters are compared as 提出者数 counts them (``report.kind_key``: the 氏名
    without spaces, a 団体 by its 団体名); an empty 氏名 or a placeholder (匿名, 市民 …) never matches,
    nor do two opinions of one submission. The first in the input's order is the one counted."""
    who = {s.comment_id: kind_key(s)[1] for s in one_row_per_submission(subs)}
    first: dict[tuple, int] = {}
    out: dict[int, int] = {}
    for j, i in enumerate(ok):
        name = who.get(opinions[i].comment_id, "")
        if not name or name.startswith("#row"):  # no name, or a placeholder: one submitter each
            continue
        by_group, by_text = ("g", name, int(group_of[j])), ("t", name, keys[j])
        earlier = first.get(by_group, first.get(by_text))
        if earlier is not None and opinions[ok[earlier]].comment_id != opinions[i].comment_id:
            out[j] = earlier
            continue
        first.setdefault(by_group, j)
        first.setdefault(by_text, j)
    return out


def repeats_line(opinions: Sequence[Opinion], ok: Sequence[int], repeats: Mapping[int, int], count: str | None,
                 named: bool, limit: int = 5) -> str | None:
    """The run's one line on opinions that repeat one their submitter sent before: counted once
    (``count`` once), counted again with a hint (each), or, asked to count them once without a
    submitter column, that submitters cannot be told apart."""
    if count == "once" and not named:
        return ("--count-repeats once: the input gives no submitter (氏名), so submitters cannot be told apart; "
                "every opinion is counted")
    if not repeats:
        return None
    n = len(repeats)
    if count == "once":
        shown = ", ".join(f"{opinions[ok[j]].opinion_id} (repeats {opinions[ok[first]].opinion_id})"
                          for j, first in list(repeats.items())[:limit])
        return (f"repeats: {n} opinion{'s' if n > 1 else ''} repeat{'' if n > 1 else 's'} an opinion the same "
                f"submitter sent before (exact or near copy), counted once (--count-repeats once; status repeat, "
                f"repeat_of in opinions.csv): {shown}{' …' if n > limit else ''}")
    return (f"note: {n} opinion{'s' if n > 1 else ''} repeat{'' if n > 1 else 's'} an opinion the same submitter "
            f"sent before (exact or near copy) and {'are' if n > 1 else 'is'} counted again; `--count-repeats once` "
            f"counts {'them' if n > 1 else 'it'} once (同一の者から同一内容の意見が複数提出されたものは1件として集計)")


def repeated_organisations_note(subs, blank_rows: Sequence[int] = ()) -> str | None:
    """One line when an organisation (its 団体名) sent more than one submission: 提出者数 counts it once."""
    blank = set(blank_rows)
    keys = [kind_key(s)[1] for s in subs if s.row_number not in blank and s.kind == ORGANISATION and s.organisation]
    counts = Counter(keys)
    if len(counts) == len(keys):
        return None
    shared = sum(1 for c in counts.values() if c > 1)
    return (f"提出者数: {len(keys):,} submissions name {len(counts):,} organisation{'s' if len(counts) > 1 else ''} ({shared:,} "
            f"{'is' if shared == 1 else 'are'} on more than one): an organisation counts once by its name")


def repeated_names_note(subs, blank_rows: Sequence[int] = (), total: bool = True,
                        address_column: str | None = None) -> str | None:
    """One line when submissions share a 氏名: 提出者数 counts a name once, so two people of one
    name are one submitter (QA: 1,700 e-Gov letters under 322 names gave 「提出者数：322名」 unsaid)."""
    blank = set(blank_rows)
    keys = [person_key(s) for s in subs if s.row_number not in blank]
    by_address = (f"two people of one name at different addresses are two: the {address_column} column"
                  if address_column else "two people of one name too")
    named = [k for k in keys if k]
    distinct = len(set(named))
    if distinct == len(named):
        return None
    shared = sum(1 for c in Counter(named).values() if c > 1)
    nameless = len(keys) - len(named)
    # the report counts each submission without a name as one submitter: the line gives its figure
    total = (f"; with the {nameless:,} submission{'s' if nameless > 1 else ''} without a name, one submitter "
             f"each, the report says {distinct + nameless:,}名") if nameless and total else ""
    return (f"提出者数: {len(named):,} submissions name {distinct:,} submitter{'s' if distinct != 1 else ''} ({shared:,} "
            f"{'name is' if shared == 1 else 'names are'} on more than one): submissions under one 氏名 "
            f"count as one submitter ({by_address}){total}; --submitter-column names another column")


def namesakes_note(apart: Mapping[str, int], address_column: str | None, limit: int = 5) -> str | None:
    """One line naming the 氏名 that the 住所 column splits into several people (QA87: staff could not check the
    figure), or None."""
    if not apart:
        return None
    shown = ", ".join(f"{name} ({n})" for name, n in list(apart.items())[:limit])
    more = f" and {len(apart) - limit} more" if len(apart) > limit else ""
    return (f"提出者数: {len(apart):,} name{'s' if len(apart) > 1 else ''} at different addresses in the "
            f"{address_column or '住所'} column count as several people: {shown}{more} (a submission without an "
            "address counts as the name's first person)")


# A submission that carries several people (QA50: a PTA's letter, 「…ほか役員一同」, 「保護者有志 32名」 with its
# list, 「署名 1,250筆を添えて提出します」, 30 names under 「賛同者（連名）」): 提出者数 counts it once, which a city may
# publish as 「うち連名…件」 or 「このほか署名…筆」; staff had to read every letter to find them.
_JOINT_RE = re.compile(r"連名|(?:ほか|他|外)[ \t\u3000]*[\d,，]+[ \t\u3000]*名|有志[ \t\u3000]*[\d,，]+[ \t\u3000]*名"
                       r"|署名[^。\n]{0,6}?[\d,，]+[ \t\u3000]*(?:筆|名|人)|[\d,，]+[ \t\u3000]*筆"
                       r"|(?:役員|会員|保護者|職員|住民|有志|部員)一同|賛同者[ \t\u3000]*[（(]?[\d,，]*[ \t\u3000]*名?[)）]?[ \t\u3000]*[:：]?[ \t\u3000]*$",
                       re.MULTILINE)


# signature lines of two officers or more (「会長 山田太郎」「副会長 佐藤花子」): a letter signed by several people
_OFFICER_LINE_RE = re.compile(r"^[ \t\u3000]*[^\s。、]{0,16}?(会長|副会長|代表|共同代表|委員長|副委員長|理事長|幹事長|部長)"
                              r"[ \t\u3000（(]+[^\s。、）)]+[^。\n]{0,12}$", re.MULTILINE)


def joint_submissions(subs) -> list[tuple[str, str]]:
    """(comment id, the words that say so) of each submission that says it carries several people:
    連名, 「ほか3名」, 「有志 32名」, 「署名 1,250筆」, 「役員一同」, a 「賛同者」 list, or two officers' signature lines."""
    out = []
    said: dict[str, str] = {}  # a campaign's copies are read once
    for s in subs:
        if s.text not in said:
            said[s.text] = _joint_words(s.text or "")
        if said[s.text] and (not out or out[-1][0] != str(s.comment_id)):  # (a submission over several rows: once)
            out.append((str(s.comment_id), said[s.text]))
    return out


def _joint_words(text: str) -> str:
    """The words of ``text`` that say it carries several people, or ""."""
    text = unicodedata.normalize("NFKC", text)
    m = _JOINT_RE.search(text)
    if m:
        return " ".join(m.group(0).split())
    officers = _OFFICER_LINE_RE.findall(text)
    return "・".join(officers[:3]) if len(officers) >= 2 else ""  # the roles, not the names


def joint_submissions_note(joint: Sequence[tuple[str, str]], limit: int = 10) -> str | None:
    """One line naming the submissions ``joint_submissions`` found, or None."""
    if not joint:
        return None
    shown = ", ".join(f"{cid} 「{words}」" for cid, words in joint[:limit])
    more = f" and {len(joint) - limit} more" if len(joint) > limit else ""
    n = len(joint)
    return (f"連名: {n} submission{'s' if n > 1 else ''} {'say' if n > 1 else 'says'} {'they carry' if n > 1 else 'it carries'} "
            f"several people's names or signatures ({shown}{more}); 提出者数 counts each submission once "
            "(run.json joint_submissions lists them)")


_ROLE_NAMES = {"text": "text", "id": "id", "channel": "channel (提出方法別 counts it)",
               "submitter": "submitter (氏名)", "kind": "kind (個人・団体: 提出者数 is split by it)",
               "organisation": "organisation (団体名)"}


def _attribute_cells(sub: Submission, key: str) -> str:
    """The cell of the column whose folded name is ``key`` among the row's other columns, or ""."""
    return next((v or "" for c, v in sub.extra if fold_name(c) == key), "")


def check_attribute_columns(subs: Sequence[Submission], columns: Sequence[str], read_info: Mapping) -> list[str]:
    """Refuse, with one line, an --attribute-column no input file has (or that is read for another
    role), or one with more different values than 提出者の内訳 can publish (addresses, free text:
    ``report.ATTRIBUTE_VALUES_LIMIT``); else the lines saying what each gives."""
    lines = []
    other = list(dict.fromkeys(c for s in subs for c, _ in s.extra)) if columns else []
    for column in columns:
        key = fold_name(column)
        if not any(fold_name(c) == key for c in other):
            roles = [role for i in (read_info.get("inputs") or [read_info]) for role, name in (i.get("columns") or {}).items()
                     if name and fold_name(str(name)) == key]
            if roles:
                raise InputError(f"--attribute-column {clean_name(column)}: that column is read as the "
                                 f"{_ROLE_NAMES.get(roles[0], roles[0])} column; name a column of the submitters' "
                                 "attributes (年代, 在住・在勤 …)")
            shown = ", ".join(clean_name(c) for c in other) or "(none)"
            raise ColumnError(f"unknown attribute column {clean_name(column)!r}; the input's other columns: {shown}")
        blank = (set(read_info.get("blank_rows", ())) | set(read_info.get("withdrawn_rows", ()))
                 | set(read_info.get("spoken_rows", ())))
        values = [attribute_value(_attribute_cells(s, key))
                  for s in one_row_per_submission([s for s in subs if s.row_number not in blank])]
        distinct = list(dict.fromkeys(v for v in values if v))
        if len(distinct) > ATTRIBUTE_VALUES_LIMIT:
            raise InputError(f"--attribute-column {clean_name(column)}: {len(distinct)} different values; 提出者の内訳 "
                             f"publishes a few categories (at most {ATTRIBUTE_VALUES_LIMIT}: 年代, 在住・在勤, 性別 …), "
                             "not addresses or free text: name a column of categories")
        empty = sum(1 for v in values if not v)
        # (an address typed into the column is shown masked, as the report counts it: QA97 saw it on the screen)
        from .mask import mask_personal_data

        def masked(value: str) -> str:
            return mask_personal_data(value, [])

        shown = list(dict.fromkeys(masked(v) if _personal(v, masked) else v for v in distinct[:8]))
        lines.append(f"--attribute-column {clean_name(column)}: {len(distinct)} value{'s' if len(distinct) != 1 else ''} "
                     f"({', '.join(shown)}{' …' if len(distinct) > 8 else ''})"
                     + (f", {empty} submission{'s' if empty > 1 else ''} without one" if empty else "")
                     + f": the report gives 提出者の内訳（{clean_name(column)}）")
    return lines


def attribute_breakdowns(counted: Sequence[Submission], columns: Sequence[str], submitters_known: bool,
                         mask: Callable[[str], str]) -> list[tuple[str, list[tuple[str, int]]]]:
    """提出者の内訳 by each of ``columns``: one value per submitter as 提出者数 counts them (``kind_key``;
    each submission when no 氏名 tells them apart), a submitter's first value given. A value holding
    personal data (``mask`` changes it: a name or an address typed into the column) is no category: it
    counts as 記載なし (``attributes_with_personal_data`` names them for the run's line, QA55)."""
    out = []
    for column in columns:
        values = _attribute_values(counted, column, submitters_known)
        out.append((clean_name(column), attribute_breakdown([v if v and not _personal(v, mask) else "" for v in values])))
    return out


# a place as an attribute's value (「東浜市」「北部地区」「市内在住」): a name the masking reads as a family name
# (東浜, 高橋) in it is the place's (QA58: 12 submitters of 東浜市 were counted as 記載なし)
_PLACE_VALUE_RE = re.compile(r"(?:市|町|村|区|郡|県|都|府|道|地区|地域|校区|在住|在勤|在学|市内|市外|県内|県外)$")
_NAME_MASK_RE = re.compile(r"［氏名］")


def _personal(value: str, mask: Callable[[str], str]) -> bool:
    """Whether an attribute value holds personal data the report would mask (not a place's name)."""
    masked = mask(value)
    if masked == value:
        return False
    only_names = "［" not in _NAME_MASK_RE.sub("", masked)  # (an address or a phone number is masked otherwise)
    return not (only_names and _PLACE_VALUE_RE.search(value))


def _attribute_values(counted: Sequence[Submission], column: str, submitters_known: bool) -> list[str]:
    key = fold_name(column)
    per: dict = {}
    for s in counted:
        who = kind_key(s) if submitters_known else s.comment_id
        value = attribute_value(_attribute_cells(s, key))
        if not per.get(who):
            per[who] = value
    return list(per.values())


def attributes_with_personal_data(counted: Sequence[Submission], columns: Sequence[str], submitters_known: bool,
                                  mask: Callable[[str], str]) -> str | None:
    """One warning line when cells of an --attribute-column hold personal data (counted as 記載なし)."""
    found = [(clean_name(c), n) for c in columns
             if (n := sum(1 for v in _attribute_values(counted, c, submitters_known) if v and _personal(v, mask)))]
    if not found:
        return None
    shown = ", ".join(f"{c} {n}" for c, n in found)
    return (f"warning: --attribute-column cells holding personal data (a name, an address, a phone number) are counted as "
            f"記載なし in 提出者の内訳: {shown}; check those cells in the input")
