"""The published result: counts, then No. / ご意見の概要 / 件数 / 考え方.

One report model feeds every format (xlsx, md, html, csv), so they never disagree.
Everything in the report is masked for personal data (see ``mask``) unless the run was
told otherwise, and every cell is safe in its format: CSV cells that would start a formula
get a leading apostrophe, xlsx cells are text cells with Excel's quotePrefix style (never a
formula, no visible apostrophe), Markdown syntax (table, emphasis, links, code) and HTML markup are escaped.
``save_workbook`` writes the xlsx byte-identically for the same content (fixed zip dates).
"""
from __future__ import annotations

import datetime
import html
import io
import os
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from pathlib import Path
from typing import Sequence

from .categories import count_lines as category_lines
from .summary import draft_summary
from .io import (
    INDIVIDUAL,
    ORGANISATION,
    atomic_path,
    escape_cell,
    normalize_channel,
    organisation_key,
    strip_controls,
    person_key,
    write_csv,
    write_text,
)

CANDIDATE_MARK = "【回答案（過去の回答からの候補・未確認）】"
# an answer staff confirmed for another row of this consultation (answer id run:C003)
RUN_CANDIDATE_MARK = "【回答案（今回確定した他の回答からの候補・未確認）】"
NO_ANSWER = "（考え方は未記入）"
SAME_INTENT_NOTE = "同趣旨の意見は一つにまとめております。"
# Under the heading of the table when it has no rows (QA61: an empty table under 「まとめて0項目」)
NO_SUBMISSIONS_NOTE = "ご意見の提出はありませんでした。"
NO_OPINIONS_NOTE = "案に対するご意見はありませんでした。"
SUBMITTERS_UNKNOWN_NOTE = "（氏名の欄がないため、提出者数は数えていません）"
SHARED_NAMES_NOTE = "同一の氏名による提出は1名として計上"
SHARED_NAMES_ADDRESS_NOTE = "同一の氏名・住所による提出は1名として計上"  # a 住所 column tells namesakes apart
# 提出者数 by kind (a 個人・団体 or 団体名 column): an organisation's letters count once, by its name
SHARED_ORGANISATIONS_NOTE = "同一の団体による提出は1団体として計上"
# opinions one submitter sent more than once (--count-repeats once), as ministries publish it
REPEATS_NOTE = "同一の者から同一内容の意見が複数提出されたものは1件として集計しています"
KIND_UNKNOWN = "区分不明"  # a submission whose kind is not given (an empty cell, a file without the column)
# The longest published ご意見の概要 taken from an opinion: an Excel row is at most 409.5 pt
# high, about 20 lines of the 60-wide column, so about 600 characters; 400 leaves room for the
# heading line and keeps the printed table readable. The full text is in opinions.csv.
SUMMARY_LIMIT = 400
# the count line of the texts staff excluded (`cluster review exclude`), after 意見を含まない提出
NOT_OPINIONS_LINE = "案に対するご意見ではないもの（対象外）"
SHORTENED_MARK = "…"
DEFAULT_ANSWER_HEADING = "考え方"
CATEGORY_HEADING = "対応区分"
# the mark of a report that is not final (`cluster run` without --final), above the counts
DRAFT_NOTE = "※作業中の案です（公表版ではありません）。"
DRAFT_PAGE_MARK = "作業中の案（公表版ではありません）"


# submissions whose text only points to an attachment (status attachment), named above the counts
ATTACHMENT_PAGE_MARK = "添付ファイルの意見が未入力の提出あり"


def attachment_line(ids, limit: int = 20) -> str:
    """「※添付ファイルを指すだけの提出が2件あります（受付番号 W-016、W-017）。…」: their opinions are in
    files the run did not read, out of 意見総数 and the table until they are typed into the input."""
    ids = [str(i) for i in ids]
    shown = "、".join(ids[:limit]) + (f" ほか{len(ids) - limit}件" if len(ids) > limit else "")
    return (f"※添付ファイルを指すだけの提出が{len(ids):,}件あります（受付番号 {shown}）。その意見は読み込んでいないため、"
            "意見総数と下表に含まれていません。添付ファイルの内容を入力ファイルに書き写してから公表してください。")


def number_list(numbers, limit: int = 20) -> str:
    """「No. 2、7、12」, the first ``limit`` numbers and 「ほかN件」 after them."""
    shown = "、".join(str(n) for n in numbers[:limit])
    return f"No. {shown}" + (f" ほか{len(numbers) - limit}件" if len(numbers) > limit else "")
# (an English sentence's full stop before a blank too: QA51 cut an English summary mid-sentence)
_SENTENCE_END_RE = re.compile(r"[。．！？!?]」?|\n|(?<=[A-Za-z0-9)\]\"'])\.(?=[ \t])")


@dataclass(frozen=True)
class ReportRow:
    no: int
    section: str  # the part of the draft: topic and page references
    summary: str  # ご意見の概要 (the representative opinion, masked)
    count: int  # opinions in the group
    answer: str  # 考え方
    answer_status: str  # confirmed | candidate | none
    label: str = ""  # a label staff gave the group (automatic keyword labels are not published)
    cluster_id: str = ""
    answer_from_run: bool = False  # the candidate is an answer confirmed for another row of this run
    # the summary was written by staff (never shortened); else it is the representative opinion,
    # published shortened to SUMMARY_LIMIT characters (``published_summary``)
    summary_by_staff: bool = False
    category: str = ""  # 対応区分 staff gave the row (a code of ``ReportModel.categories``), else ""
    campaign_copies: int = 0  # of ``count``: copies of one letter sent by many (a campaign), for the count lines
    department: str = ""  # 担当課 staff assigned (masked): worksheet.xlsx and report.csv only, never published
    # a long representative is published as its claims (``summary.draft_summary``); --no-mask publishes
    # the text as written (shortened only)
    focused: bool = True


@dataclass
class ReportModel:
    title: str
    n_submitters: int
    n_submissions: int
    by_channel: list[tuple[str, int]]
    n_opinions: int
    n_excluded: int  # submissions without an opinion (empty, a greeting only): 意見を含まない提出
    rows: list[ReportRow] = field(default_factory=list)
    masked: bool = True
    # whether any submission named its submitter (a 氏名 column): without one the number of
    # people is not known (n_submitters then counts each submission as one person) and is not printed
    submitters_known: bool = True
    # submissions from input files without a 氏名 column, when another file has one: one person each
    n_from_unnamed_files: int = 0
    n_nameless: int = 0  # submissions with an empty 氏名 in files that have the column: one submitter each
    by_address: bool = False  # submitters told apart by 氏名 and 住所 (a 住所 column, QA83)
    # 提出者数 by kind of submitter (``count_kinds``: (kind, submitters, submissions), 個人 and 団体 first),
    # when a column tells it (個人・団体, 団体名); empty: the line without the split
    by_kind: list[tuple[str, int, int]] = field(default_factory=list)
    # texts staff decided are no opinion on the draft (`cluster review exclude`: a test submission,
    # a question about the procedure, spam): not in 意見総数, counted on a line of their own
    n_not_opinions: int = 0
    # the report to publish (`cluster run --final`): without it every format says it is a draft
    final: bool = False
    answer_heading: str = DEFAULT_ANSWER_HEADING  # the 考え方 column's heading (「県の考え方」 …)
    period: str = ""  # 意見募集期間, when given (`--period`)
    # a 該当箇所 column of its own (with --topics); also shown when any row has a section
    section_column: bool = False
    # the run's 対応区分 (``categories``): a column and count lines once staff classed a row
    categories: tuple = ()
    # ids of the submissions whose text only points to an attachment (status attachment): their
    # opinions are in a file the run did not read, so they are in no row and no count of opinions
    attachment_only: tuple = ()
    # opinions that repeat one their submitter sent before (status repeat, `cluster run --count-repeats
    # once`): counted once, in no row and no count; the count lines say how many
    n_repeats: int = 0
    # 提出者の内訳 by each --attribute-column (``attribute_breakdown``): (column, [(value, submitters)]);
    # submissions instead when no 氏名 column tells submitters apart
    by_attribute: list[tuple[str, list[tuple[str, int]]]] = field(default_factory=list)

    @property
    def has_section_column(self) -> bool:
        return self.section_column or any(r.section for r in self.rows)

    @property
    def has_category_column(self) -> bool:
        return any(r.category for r in self.rows)

    @property
    def opinion_table_title(self) -> str:
        return f"ご意見の概要と{self.answer_heading}"

    def notice_lines(self) -> list[str]:
        """What makes a draft unmistakable, in the title area of every format: a report that is
        not ``final`` is a draft (with its unconfirmed candidates named), and so is a final one
        with rows still without an answer. A final report with every row answered has none."""
        candidates = [r.no for r in self.rows if r.answer_status == "candidate"]
        missing = [r.no for r in self.rows if r.answer_status == "none"]
        lines = []
        if not self.final:
            lines.append(DRAFT_NOTE + ("未確認の回答案を含みます。" if candidates else ""))
            if candidates:
                lines.append(f"※未確認の回答案の項目が{len(candidates)}件あります（{number_list(candidates)}）。")
        if missing:
            lines.append(f"※{self.answer_heading}が未記入の項目が{len(missing)}件あります（{number_list(missing)}）。")
        # the rows still without a 対応区分 are named in a draft; a --final report counts them only
        # (「対応区分未記入：…」 above the table), as README says
        unclassed = [r.no for r in self.rows if not r.category] if self.has_category_column and not self.final else []
        if unclassed:
            lines.append(f"※{CATEGORY_HEADING}が未記入の項目が{len(unclassed)}件あります（{number_list(unclassed)}）。")
        if self.attachment_only:  # draft and --final alike: publishing without them leaves opinions out
            lines.append(attachment_line(self.attachment_only))
        return lines

    def page_header(self) -> str:
        """The xlsx page header and footer mark of a draft (``notice_lines``), else ""."""
        if not self.final:
            return DRAFT_PAGE_MARK
        # a --final report is no draft (no 作業中, as in the other formats); rows still empty are named,
        # and submissions whose opinions are in an attachment not typed in
        marks = []
        if any(r.answer_status == "none" for r in self.rows):
            marks.append(f"{self.answer_heading}が未記入の項目あり")
        if self.attachment_only:
            marks.append(ATTACHMENT_PAGE_MARK)
        return "・".join(marks)

    def _kinds_line(self) -> str:
        """提出者数 by kind: 「提出者数：28（個人 24名、団体 4団体。提出件数 30件）」, an organisation's
        letters counted once (said when some sent more than one); without a 氏名 column the
        submissions by kind: 「提出件数：30件（個人 26件、団体 4件）（氏名の欄がないため、…）」."""
        if not self.submitters_known:
            parts = "、".join(f"{k} {n:,}件" for k, _, n in self.by_kind)
            return f"提出件数：{self.n_submissions:,}件（{parts}）{SUBMITTERS_UNKNOWN_NOTE}"
        parts = "、".join(f"{k} {p:,}{'団体' if k == ORGANISATION else '名'}" for k, p, _ in self.by_kind)
        how = ""
        if any(p < n for k, p, n in self.by_kind if k != ORGANISATION):
            how += f"。{self.shared_names_note}"
        if any(p < n for k, p, n in self.by_kind if k == ORGANISATION):
            how += f"。{SHARED_ORGANISATIONS_NOTE}"
        how += self._one_each(bool(how))
        total = sum(p for _, p, _ in self.by_kind)
        return f"提出者数：{total:,}（{parts}。提出件数 {self.n_submissions:,}件{how}）"

    @property
    def shared_names_note(self) -> str:
        return SHARED_NAMES_ADDRESS_NOTE if self.by_address else SHARED_NAMES_NOTE

    def _one_each(self, noted: bool) -> str:
        """The submissions counted one submitter each: those of a file without a 氏名 column (several
        files, QA26) and, beside another note, those whose 氏名 is blank (so the figure adds up, QA28);
        both in one sentence (QA53: two sentences that differ by one word read as a repetition)."""
        parts = []
        if self.n_from_unnamed_files:
            parts.append(f"氏名の欄がない提出{self.n_from_unnamed_files:,}件")
        if self.n_nameless and (noted or parts):
            parts.append(f"氏名の記載がない提出{self.n_nameless:,}件")
        if not parts:
            return ""
        return f"。{'と'.join(parts)}は{'、それぞれ' if len(parts) > 1 else ''}1件を1名として計上"

    @property
    def merged_any(self) -> bool:
        """Whether a row holds two or more opinions (same intent, or copies of one letter)."""
        return self.n_opinions > len(self.rows)

    def table_notes(self) -> list[str]:
        """The lines over the table: 「※同趣旨の意見は…」 when rows hold several opinions; with no row, that
        there was none (no table is published then)."""
        if not self.rows:
            return [f"※{NO_SUBMISSIONS_NOTE if not self.n_submissions else NO_OPINIONS_NOTE}"]
        return [f"※{SAME_INTENT_NOTE}"] if self.merged_any else []

    def count_lines(self) -> list[str]:
        """The counts above the table; figures with thousands separators (「20,000件」), as published."""
        lines = [f"意見募集期間：{self.period}"] if self.period else []
        if self.by_kind:
            lines.append(self._kinds_line())
        elif self.submitters_known:
            # fewer submitters than submissions: some share a 氏名, counted once (two people of one
            # name too), which the published figure says (QA25: 14,106名 for 29,990件 unexplained)
            how = f"。{self.shared_names_note}" if self.n_submitters < self.n_submissions else ""
            how += self._one_each(bool(how))
            lines += [f"提出者数：{self.n_submitters:,}名（提出件数 {self.n_submissions:,}件{how}）"]
        else:
            lines += [f"提出件数：{self.n_submissions:,}件{SUBMITTERS_UNKNOWN_NOTE}"]
        if self.by_channel:
            lines.append("提出方法別：" + "、".join(f"{c} {n:,}件" for c, n in self.by_channel))
        for column, values in self.by_attribute:
            unit = "名" if self.submitters_known else "件"
            lines.append(f"{'提出者' if self.submitters_known else '提出件数'}の内訳（{column}）："
                         + "、".join(f"{v} {n:,}{unit}" for v, n in values))
        # 「まとめて8項目」 for eight opinions in eight rows says a merge that did not happen (QA61)
        lines.append(f"意見総数：{self.n_opinions:,}件" + (f"（同趣旨の意見をまとめて{len(self.rows):,}項目）"
                                                       if self.merged_any else ""))
        campaigns = [r for r in self.rows if r.campaign_copies]
        if campaigns:
            # published results say how much of the count is one letter sent many times
            # the ten largest by name, in the table's order (QA28: rows of 1,994 and 1,960 copies were
            # left in 「ほか10項目」 while one of 7 was named)
            largest = sorted(sorted(range(len(campaigns)), key=lambda k: -campaigns[k].campaign_copies)[:10])
            rows = "、".join(f"No. {campaigns[k].no}：{campaigns[k].campaign_copies:,}件" for k in largest)
            more = f" ほか{len(campaigns) - 10:,}項目" if len(campaigns) > 10 else ""
            lines.append(f"うち、同一またはほぼ同一の文面で寄せられた意見：{sum(r.campaign_copies for r in campaigns):,}件"
                         f"（{rows}{more}）")
        if self.n_repeats:  # (the copies are in no count above)
            lines.append(f"{REPEATS_NOTE}（該当{self.n_repeats:,}件）。")
        if self.n_excluded:
            lines.append(f"意見を含まない提出：{self.n_excluded:,}件")
        if self.n_not_opinions:
            lines.append(f"{NOT_OPINIONS_LINE}：{self.n_not_opinions:,}件")
        return lines + category_lines(self.rows, self.categories)


def section_topic(section: str, topic_names) -> str:
    """The topic (of the --topics file's ``topic_names``) a staff-written 該当箇所 (``cluster review
    section``) places its row under when the report follows the draft's order (``--order section``):
    a topic whose name it holds (「第4章 観光振興（12頁）」 -> 第4章 観光振興; widths, blanks and kanji
    numerals aside), else the topic of the section or annex it cites (「第二章」 -> 「第2章 公園の整備」,
    「第4章4」 -> 第4章4, or 第4章, or the chapter's first part; 「別紙2」 -> 「別紙2 指標一覧」), else ""
    (rows under no topic go last). The run's own topic does not count: staff wrote another place."""
    from .labels import _annex_head, _section_head, _sections, find_references, names_reference, reference_key

    section = str(section or "").strip()
    names = [str(n) for n in topic_names]
    if not section or not names:
        return ""
    held = [n for n in names if n.strip() and names_reference(section, n)]
    if held:
        return max(held, key=len)  # 「第4章 観光振興」 over 「第4章」 when both are topics
    cited = _sections(section)
    heads = [_section_head(n) for n in names]
    for wanted in (lambda head: head in cited,  # the exact section
                   lambda head: head[1] == "" and any(c == head[0] for c, _ in cited),  # its chapter
                   lambda head: any(c == head[0] for c, _ in cited)):  # the chapter's first part
        for name, head in zip(names, heads):
            if head is not None and wanted(head):
                return name
    refs = {reference_key(r) for r in find_references(section)}
    return next((n for n, head in zip(names, heads) if head is None and _annex_head(n) in refs), "")


def one_row_per_submission(subs) -> list:
    """The submissions as 提出件数 counts them: one per comment id, in the input's order. A
    submission typed over several rows, one opinion per row (``io.rows_of_one_submission``: the
    rows share their comment id), is its first row, with the 提出方法, 氏名, kind and 団体名 of the
    first of its rows that gives each, and so its other columns' cells (年代 typed on its second row, QA55)."""
    out: dict = {}
    for s in subs:
        first = out.get(s.comment_id)
        if first is None:
            out[s.comment_id] = s
            continue
        fill = {f: getattr(s, f) for f in ("channel", "submitter", "kind", "organisation")
                if not getattr(first, f) and getattr(s, f)}
        had = dict(first.extra)
        if any(v and not had.get(c) for c, v in s.extra):
            later = dict(s.extra)
            fill["extra"] = (tuple((c, v or later.get(c, "")) for c, v in first.extra)
                             + tuple((c, v) for c, v in s.extra if c not in had))
        if fill:
            out[s.comment_id] = dc_replace(first, **fill)
    return list(out.values())


# --attribute-column: 提出者の内訳 (年代, 在住・在勤・在学 …)
ATTRIBUTE_NOT_GIVEN = "記載なし"
ATTRIBUTE_VALUES_LIMIT = 20  # more different values than this is no category (addresses, free text)
_AGE_RE = re.compile(r"(\d{1,3})\s*(?:歳|才)?")
_AGE_GROUP_RE = re.compile(r"(\d{1,2})0\s*(?:歳|才)?\s*代")


def attribute_value(raw) -> str:
    """A submitter's attribute as the breakdown counts it: NFKC and trimmed; an age in years
    (「34」「34歳」「３４才」) as its ten years (「30代」; 「10歳未満」, 「90歳以上」), 「30歳代」 as 「30代」.

    >>> [attribute_value(v) for v in ("34", "３４歳", "7", "95才", "30歳代", "市内在住", " ")]
    ['30代', '30代', '10歳未満', '90歳以上', '30代', '市内在住', '']
    """
    text = " ".join(unicodedata.normalize("NFKC", str(raw or "")).split())
    if (m := _AGE_RE.fullmatch(text)) and int(m[1]) <= 120:
        age = int(m[1])
        return "10歳未満" if age < 10 else "90歳以上" if age >= 90 else f"{age // 10 * 10}代"
    if m := _AGE_GROUP_RE.fullmatch(text):
        return f"{int(m[1]) * 10}代"
    return text


def _age_order(value: str) -> float | None:
    """Where an age group stands among ages (「10歳未満」 first, 「70歳以上」 after 「70代」), else None."""
    if value == "10歳未満":
        return -1
    m = re.fullmatch(r"(\d{1,3})(?:歳|才)?(代|以上|未満)?", value.replace("歳代", "代"))
    if not m or (m[2] is None and not value.endswith("代")):
        return None
    return int(m[1]) + {"代": 0, "以上": 0.5, "未満": -0.5}.get(m[2] or "代", 0)


def attribute_breakdown(values: Sequence[str]) -> list[tuple[str, int]]:
    """(value, how many) of one attribute, one value per submitter (``attribute_value``s, "" for none):
    ages in age order, other values most first (then as they came), 「記載なし」 last."""
    counts = Counter(v or ATTRIBUTE_NOT_GIVEN for v in values)
    first = {v: k for k, v in reversed(list(enumerate(v or ATTRIBUTE_NOT_GIVEN for v in values)))}

    def key(v: str):
        age = _age_order(v)
        return (v == ATTRIBUTE_NOT_GIVEN, age is None, age if age is not None else -counts[v], first[v])

    return [(v, counts[v]) for v in sorted(counts, key=key)]


def count_channels_and_submitters(subs, unknown: str = "不明") -> tuple[Counter, bool, set[str]]:
    """For the report's counts: (submissions per channel, normalised with ``io.normalize_channel``
    and ``unknown`` for none; whether any submission named a channel; the set of submitter keys,
    ``io.person_key``: the name, and the address when given, else one key per row)."""
    channels = [normalize_channel(s.channel) for s in subs]
    by_channel = Counter(c or unknown for c in channels)
    submitters = {person_key(s) or f"#row{s.row_number}" for s in subs}
    return by_channel, any(channels), submitters


def kind_key(sub) -> tuple[str, str]:
    """The key that counts one submitter of a kind once: a 団体 by its 団体名 (``io.organisation_key``)
    when the row names one, else by the 氏名 and 住所 (``io.person_key``), else one key per row."""
    if sub.kind == ORGANISATION and sub.organisation:
        return sub.kind, "団体名:" + organisation_key(sub.organisation)
    return sub.kind, person_key(sub) or f"#row{sub.row_number}"


def count_kinds(subs) -> list[tuple[str, int, int]]:
    """提出者数 by kind of submitter: ``(kind, submitters, submissions)`` for each kind the
    submissions have (``Submission.kind``: 個人 and 団体 first, other values as written by how many,
    ``KIND_UNKNOWN`` for none last); [] when no submission has a kind (no such column)."""
    if not any(s.kind for s in subs):
        return []
    # an organisation that signs a row of unknown kind (a file without the kind column) with the name it
    # gives elsewhere as its 団体名 is that organisation (QA42: counted once as 団体 and again as 区分不明)
    names = {organisation_key(s.organisation or s.submitter) for s in subs
             if s.kind == ORGANISATION and (s.organisation or s.submitter)}

    # a person whose rows of unknown kind have the 氏名 a row of known kind gives is that person, of that kind
    # (QA71: 山田太郎 of the web form, no kind column, and of the letters, 個人, counted in both: 58 for 56)
    known: dict[str, str] = {}
    for s in subs:
        name = person_key(s)
        if s.kind and name and not (s.kind == ORGANISATION and s.organisation):
            known.setdefault(name, s.kind)

    def key(s) -> tuple[str, str]:
        if not s.kind and s.submitter and organisation_key(s.submitter) in names:
            return ORGANISATION, "団体名:" + organisation_key(s.submitter)
        if not s.kind and person_key(s) in known:
            return known[person_key(s)], person_key(s)
        return kind_key(s)

    keys = [key(s) for s in subs]
    submissions = Counter(k for k, _ in keys)
    submitters = Counter(kind for kind, _ in set(keys))
    order = sorted(submissions, key=lambda k: (k not in (INDIVIDUAL, ORGANISATION), k == "",
                                               (INDIVIDUAL, ORGANISATION).index(k) if k in (INDIVIDUAL, ORGANISATION)
                                               else -submissions[k], k))
    return [(k or KIND_UNKNOWN, submitters[k], submissions[k]) for k in order]


def candidate_mark(row: ReportRow) -> str:
    return RUN_CANDIDATE_MARK if row.answer_from_run else CANDIDATE_MARK


def answer_cell(row: ReportRow, heading: str = DEFAULT_ANSWER_HEADING) -> str:
    """The 考え方 cell; an empty one says the column's own heading (QA103: 「（考え方は未記入）」 under 「市の考え方」)."""
    if row.answer_status == "confirmed":
        return row.answer
    if row.answer_status == "candidate":
        return f"{candidate_mark(row)}\n{row.answer}"
    return NO_ANSWER if heading == DEFAULT_ANSWER_HEADING else f"（{heading}は未記入）"


def heading_line(row: ReportRow, with_section: bool = True) -> str:
    """【staff label】（section） or 【section】: what the row is about, above the opinion; only
    【staff label】 when the section has a column of its own (``with_section`` False)."""
    section = row.section if with_section else ""
    if row.label and section:
        return f"【{row.label}】（{section}）"
    if row.label or section:
        return f"【{row.label or section}】"
    return ""


def shorten(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """``text`` if it has at most ``limit`` characters, else its beginning up to the last sentence
    end (。！？ or a line end) that leaves room for 「…」, followed by 「…」; cut inside a sentence
    only when the first sentence alone is longer than half the limit."""
    if not isinstance(text, str) or len(text) <= limit:
        return text
    room = limit - len(SHORTENED_MARK)
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text, 0, room + 1) if m.end() <= room]
    cut = ends[-1] if ends and ends[-1] >= limit // 2 else _word_cut(text, room)
    return text[:cut].rstrip() + SHORTENED_MARK


# letters of scripts written with spaces between words (Latin of any accent, Greek, Cyrillic, Devanagari, Hangul)
_SPACED_LETTER_RE = re.compile("[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u0400-\u04ff\u0900-\u097f"
                               "\uac00-\ud7af\u0300-\u036f]")


def _word_cut(text: str, cut: int) -> int:
    """``cut`` moved back to a word's start in a text written with spaces (English, Vietnamese,
    Nepali: QA44 cut 「every no…」) and never between a letter and its vowel sign or accent (a
    Devanagari 「न」 without its 「े」)."""
    space = text.rfind(" ", max(0, cut - 20), cut + 1)
    if space > 0 and 0 < cut < len(text) and _SPACED_LETTER_RE.match(text[cut - 1]) and _SPACED_LETTER_RE.match(text[cut]):
        cut = space  # (Japanese has no spaces between words: a cut there stays where the room ends)
    while 0 < cut < len(text) and unicodedata.category(text[cut]).startswith("M"):
        cut -= 1
    return cut


def has_submitter_names(subs) -> bool:
    """Whether the input has a submitter column with something in it (``ReportModel.submitters_known``):
    匿名 or 市民 there still counts each such letter as one submitter."""
    return any(str(s.submitter or "").strip() for s in subs)


def published_summary(row: ReportRow) -> str:
    """ご意見の概要 as published: a staff-written summary as written, the representative opinion
    as its claims when it is long (``summary.draft_summary``: a life story around a request is left
    out) and shortened (``shorten``) so that it fits an Excel row; opinions.csv keeps its full text."""
    if row.summary_by_staff:
        return row.summary
    return shorten(draft_summary(row.summary) if row.focused else row.summary)


def summary_cell(row: ReportRow, with_section: bool = True) -> str:
    head = heading_line(row, with_section)
    summary = published_summary(row)
    return f"{head}\n{summary}" if head else summary


# ------------------------------------------------------------------ writers


def write_all(model: ReportModel, out_dir: Path, csv_encoding: str = "utf-8-sig", log=None) -> list[Path]:
    """Write the four formats; ``log`` (else stderr) names the xlsx cells Excel cannot show whole."""
    paths = [out_dir / "report.xlsx", out_dir / "report.md", out_dir / "report.html", out_dir / "report.csv"]
    for line in tall_cell_lines(write_xlsx(model, paths[0])):
        if log:
            log(line)
        else:
            import sys

            print(f"warning: {line}", file=sys.stderr)
    write_text(paths[1], to_markdown(model))
    write_text(paths[2], to_html(model))
    write_report_csv(model, paths[3], csv_encoding)
    return paths


def write_report_csv(model: ReportModel, path: Path, encoding: str = "utf-8-sig") -> None:
    header = ["No.", "該当箇所", "見出し", "ご意見の概要", "件数", model.answer_heading, "回答の状態", CATEGORY_HEADING,
              f"{CATEGORY_HEADING}の内容", "担当課"]  # 担当課: the working table's, for sorting (not in the other formats)
    meaning = {c.code: c.name for c in model.categories}
    status = {"confirmed": "確定", "candidate": "候補", "none": "未記入"}
    # 考え方 as the other formats show it (a candidate with its 【回答案…未確認】 mark); the status
    # column says the same for filtering
    rows = [[r.no, _clean(r.section), _clean(r.label), _clean(published_summary(r)), r.count,
             _clean(answer_cell(r, model.answer_heading)), status[r.answer_status], _clean(r.category), _clean(meaning.get(r.category, "")),
             _clean(r.department)]
            for r in model.rows]
    if model.final:
        # the table as published: no working columns (QA63: 担当課 and 回答の状態 had to be deleted by hand
        # before posting the CSV the run calls publishable)
        keep = [k for k, name in enumerate(header) if name not in ("回答の状態", "担当課")]
        header, rows = [header[k] for k in keep], [[row[k] for k in keep] for row in rows]
    write_csv(path, header, rows, encoding=encoding)


_MD_SPECIAL = str.maketrans({"|": "&#124;", "[": "&#91;", "]": "&#93;", "`": "&#96;", "\\": "&#92;"})
# emphasis (*重要*, __下線__), strikethrough (~~), math on GitHub ($…$): backslash escapes, which
# read as the text itself in the file; the input's own backslashes are entities by then
_MD_INLINE_RE = re.compile(r"([*_~$])")
# what opens a block at the start of a line (heading, list, quote, rule, setext underline);
# 「>」 is &gt; already
# (a digit cannot be escaped: the 「.」 or 「)」 after it is)
_MD_LINE_START_RE = re.compile(r"^(\s*(?:\d+(?=[.)]))?)([#+=.)-])", re.MULTILINE)


def _clean(text: str) -> str:
    """No control characters in a published cell (Excel refuses them; browsers show garbage).

    Input files are cleaned when read, but labels and answers typed by staff, past answers and
    report titles reach the report by other ways."""
    return strip_controls(text)[0] if isinstance(text, str) else text


XLSX_CELL_LIMIT = 32_767  # characters an Excel cell holds
XLSX_CUT_MARK = "…（Excelのセルの上限を超えるため以下省略。全文は report.md / report.csv）"


def xlsx_text(text, mark: str = XLSX_CUT_MARK):
    """``_clean`` text that fits an Excel cell: a longer text is cut with a visible note
    (``mark``: where the whole text is), never silently (Excel itself would refuse or cut the cell)."""
    text = _clean(text)
    if isinstance(text, str) and len(text) > XLSX_CELL_LIMIT:
        return text[:XLSX_CELL_LIMIT - len(mark)] + mark
    return text


def _md_cell(text: str) -> str:
    """Text for a Markdown line or table cell: no markup, link, image or extra column from it.

    HTML is escaped; ``|`` would open a column, ``[``/``]`` a link or image
    (``[x](javascript:…)``, ``![x](http://tracker…)``), a backquote a code span that swallows
    the escapes, a backslash an escape of our own entities: these are HTML entities, which every
    renderer reads in a table cell (``|`` stays ``&#124;``: a ``\\|`` is still a ``|`` to whoever
    counts a row's columns in the file). ``*``, ``_``, ``~`` and ``$`` (emphasis, strikethrough,
    GitHub's math) and a line's leading ``#``, ``-``, ``+``, ``=`` or ``1.`` (a heading, list or
    rule, in the count lines and in renderers that read blocks inside cells) get a backslash."""
    text = html.escape(_clean(text), quote=False).translate(_MD_SPECIAL)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _MD_LINE_START_RE.sub(lambda m: m.group(1) + "\\" + m.group(2), _MD_INLINE_RE.sub(r"\\\1", text))
    return text.replace("\n", "<br>")


def table_columns(model: ReportModel) -> list[str]:
    """The published table's column names: No. / (該当箇所 /) ご意見の概要 / 件数 / 考え方."""
    middle = ["該当箇所"] if model.has_section_column else []
    last = [CATEGORY_HEADING] if model.has_category_column else []
    return ["No.", *middle, "ご意見の概要", "件数", model.answer_heading, *last]


def to_markdown(model: ReportModel) -> str:
    out = [f"# {_md_cell(model.title)}", ""]
    notes = model.notice_lines()
    if notes:
        out += ["  \n".join(f"**{_md_cell(line)}**" for line in notes), ""]
    out += [f"- {_md_cell(line)}" for line in model.count_lines()]  # channel names come from the input
    out += ["", f"## {_md_cell(model.opinion_table_title)}", ""]
    out += [x for note in model.table_notes() for x in (_md_cell(note), "")]
    if not model.rows:
        return "\n".join(out)
    sections = model.has_section_column
    columns = table_columns(model)
    out.append("| " + " | ".join(_md_cell(c) for c in columns) + " |")
    out.append("|" + "|".join("---:" if c in ("No.", "件数") else ":---:" if c == CATEGORY_HEADING else "---"
                              for c in columns) + "|")
    classed = model.has_category_column
    for r in model.rows:
        cells = [str(r.no), *([_md_cell(r.section)] if sections else []), _md_cell(summary_cell(r, not sections)),
                 f"{r.count:,}", _md_cell(answer_cell(r, model.answer_heading)), *([_md_cell(r.category)] if classed else [])]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    return "\n".join(out)


_HTML_STYLE = """
body { font-family: "Yu Gothic", "Hiragino Sans", "Noto Sans CJK JP", sans-serif; margin: 2em; }
table { border-collapse: collapse; width: 100%; min-width: 36em; }
/* QA51: a long URL or leader run wraps anywhere, and a phone scrolls the table, not the page */
th, td { border: 1px solid #666; padding: 0.4em; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; }
.table-scroll { overflow-x: auto; max-width: 100%; }
th { background: #e8eef7; }
td.num, th.num { text-align: right; white-space: nowrap; }
th.num { background: none; font-weight: normal; }
td.category { text-align: center; white-space: nowrap; }
.candidate { color: #8a4b00; }
.section { font-weight: bold; }
.missing { color: #b00020; }
.draft { border: 3px solid #b00020; color: #b00020; font-weight: bold; padding: 0.6em; margin: 1em 0; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
/* QA84: printed as report.xlsx is (A4 landscape), the header row on every page */
@page { size: A4 landscape; margin: 12mm; }
thead { display: table-header-group; }
@media print { body { margin: 0; } tr { page-break-inside: avoid; } .table-scroll { overflow: visible; } }
"""


def _english(text: str) -> bool:
    """Whether an opinion is written in English: mostly Latin letters (``grouping.foreign_script``)
    and English function words among them (a Vietnamese or Portuguese one is not marked)."""
    from .grouping import ENGLISH_STOPWORDS, foreign_script

    if not foreign_script([text])[0]:
        return False
    words = re.findall(r"[^\W\d_]+", text.lower())  # whole words: 「có」 is not 「c」
    return sum(len(w) > 1 and w in ENGLISH_STOPWORDS for w in words) >= max(2, len(words) // 10)


def _html_text(text: str) -> str:
    return html.escape(_clean(text)).replace("\n", "<br>")


def to_html(model: ReportModel) -> str:
    e = _html_text
    parts = [
        "<!DOCTYPE html>", '<html lang="ja"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(model.title)}</title><style>{_HTML_STYLE}</style></head><body>",
        # (a landmark a screen reader jumps to when the page is pasted into a city's site template, QA103)
        f"<main><h1>{e(model.title)}</h1>",
    ]
    notes = model.notice_lines()
    if notes:
        parts.append('<div class="draft" role="note">' + "<br>".join(e(line) for line in notes) + "</div>")
    parts.append('<ul aria-label="提出の状況">')
    parts += [f"<li>{e(line)}</li>" for line in model.count_lines()]
    parts.append("</ul>")
    # the table is named by the heading it references (aria-labelledby), for screen readers
    parts.append(f'<h2 id="opinions">{e(model.opinion_table_title)}</h2>')
    parts += [f"<p>{e(note)}</p>" for note in model.table_notes()]
    if not model.rows:
        parts.append("</main></body></html>")
        return "\n".join(parts) + "\n"
    sections = model.has_section_column
    # a caption for screen readers and validators (hidden: the h2 above says it on screen)
    # QA51: a narrow screen scrolls the table alone; a region with a name, focusable, so a keyboard scrolls it too
    parts.append('<div class="table-scroll" role="region" aria-labelledby="opinions" tabindex="0">')
    parts.append(f'<table aria-labelledby="opinions"><caption>{e(model.opinion_table_title)}</caption><thead><tr>'
                 + "".join(f'<th scope="col">{e(c)}</th>' for c in table_columns(model)) + "</tr></thead><tbody>")
    for r in model.rows:
        head = heading_line(r, not sections)
        section = f'<div class="section">{e(head)}</div>' if head else ""
        if r.answer_status == "candidate":
            answer = f'<div class="candidate">{e(candidate_mark(r))}</div>{e(r.answer)}'
        elif r.answer_status == "none":
            answer = f'<div class="missing">{e(answer_cell(r, model.answer_heading))}</div>'
        else:
            answer = e(answer_cell(r, model.answer_heading))
        section_td = f"<td>{e(r.section)}</td>" if sections else ""
        category_td = f'<td class="category">{e(r.category)}</td>' if model.has_category_column else ""
        summary = published_summary(r)
        # an opinion written in English is read out in English (JIS X 8341-3 / WCAG 3.1.2, QA32)
        summary_html = f'<span lang="en">{e(summary)}</span>' if _english(summary) else e(summary)
        # No. names its row for screen readers (th scope=row)
        parts.append(
            f"<tr><th scope=\"row\" class=\"num\">{r.no}</th>{section_td}<td>{section}{summary_html}</td>"
            f"<td class=\"num\">{r.count:,}</td><td>{answer}</td>{category_td}</tr>"
        )
    parts += ["</tbody></table></div>", "</main></body></html>", ""]
    return "\n".join(parts)


# 游ゴシック: the font of Japanese Excel since Office 2016 (and on every Windows since 8.1 and
# macOS), so the file looks as staff expect and prints as it looks on screen; Excel's default
# Calibri has no Japanese glyphs and falls back per character. Row heights below assume it.
XLSX_FONT = "游ゴシック"
XLSX_LINE_HEIGHT = 18.75  # points a line of 11-pt 游ゴシック takes (Excel's default row height with it)
XLSX_MAX_ROW_HEIGHT = 409.5  # Excel's limit
XLSX_PAGE_FOOTER = "&P / &N"  # page number / page count


def xlsx_font(**kw):
    """A font of the workbook's Japanese font (``XLSX_FONT``) with ``kw`` (bold, size …)."""
    from openpyxl.styles import Font

    return Font(name=XLSX_FONT, family=2, charset=128, **kw)  # charset 128: Shift_JIS (Japanese)


def use_japanese_font(wb) -> None:
    """Make ``XLSX_FONT`` the workbook's default font (every unstyled cell and the Normal style,
    which Excel uses for typed-in cells); call it on a new workbook, before any cell is styled."""
    from openpyxl.utils.indexed_list import IndexedList

    default = xlsx_font(size=11)
    wb._fonts = IndexedList([default])  # font 0 is every unstyled cell's
    wb._named_styles["Normal"].font = default


def _page_header_title(title: str, limit: int = 200) -> str:
    """The title for report.xlsx's page header: Excel holds 255 characters there (with the draft mark),
    so a longer title is cut with 「…」 (QA67: cut without a sign), 「&」 doubled (a header code)."""
    escaped = title.replace("&", "&&")
    if len(escaped) <= limit:
        return escaped
    while len(title.replace("&", "&&")) > limit - 1:
        title = title[:-1]
    return title.replace("&", "&&") + "…"


def print_setup(ws, header_row: int | None, landscape: bool = True) -> None:
    """A4, fit to the page width, the header row ``header_row`` on every printed page and frozen
    on screen (None: no table), page numbers 「1 / 3」 in the footer."""
    if header_row is not None:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = XLSX_PAGE_FOOTER
    ws.evenFooter.center.text = XLSX_PAGE_FOOTER


def _text_width(line: str) -> int:
    """Excel column-width units a line takes: 2 for a full-width character, 1 otherwise."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)


def row_lines(cells) -> int:
    """The lines the tallest of ``cells`` ``(text, column width)`` takes, each line of text
    wrapped at the column width."""
    import math

    lines = 1
    for text, width in cells:
        if isinstance(text, str) and text:
            per_line = max(1, int(width) - 2)  # cell padding
            lines = max(lines, sum(max(1, math.ceil(_text_width(t) / per_line)) for t in text.split("\n")))
    return lines


def row_height(cells, line_height: float = XLSX_LINE_HEIGHT) -> float | None:
    """The height (points) a row of wrapped ``cells`` ``(text, column width)`` needs: its tallest
    cell's lines, each line of text wrapped at the column width, at most Excel's 409.5; None
    for one line (Excel's default height)."""
    lines = row_lines(cells)
    if lines == 1:
        return None
    return min(XLSX_MAX_ROW_HEIGHT, round(lines * line_height + 3, 2))


def too_tall(cells, line_height: float = XLSX_LINE_HEIGHT) -> bool:
    """Whether the row needs more than Excel's 409.5 pt: Excel then cuts it on screen and in print."""
    return row_lines(cells) * line_height + 3 > XLSX_MAX_ROW_HEIGHT


@dataclass(frozen=True)
class TallCell:
    """A report.xlsx cell whose text needs a row taller than Excel allows (``write_xlsx``)."""
    no: int
    column: str
    chars: int


def tall_cell_lines(tall: list[TallCell]) -> list[str]:
    """The run's warning lines for ``write_xlsx``'s cut cells, one per row."""
    return [f"report.xlsx: No. {t.no}'s {t.column} ({t.chars:,} characters) needs a row taller than Excel allows "
            f"({XLSX_MAX_ROW_HEIGHT} pt): Excel cuts it on screen and in print; report.html and report.md show it whole"
            for t in tall]


OPINION_TABLE_TITLE = "ご意見の概要と考え方"
_XLSX_WIDTHS = {"No.": 6, "該当箇所": 20, "ご意見の概要": 60, "件数": 7, "考え方": 60}
_XLSX_WIDTHS_WITH_SECTION = {"No.": 6, "該当箇所": 20, "ご意見の概要": 54, "件数": 7, "考え方": 54}
_XLSX_CATEGORY_WIDTH = 10  # 対応区分: a code (A, ア) under a four-character heading
CANDIDATE_FILL = "FFF2CC"  # light amber: an unconfirmed candidate (the html's amber text)
CANDIDATE_FONT_COLOR = "8A4B00"
MISSING_FILL = "FCE4E4"  # light red: no answer yet
DRAFT_COLOR = "B00020"


def write_xlsx(model: ReportModel, path: Path) -> list[TallCell]:
    """Write report.xlsx; returns the cells whose text is taller than an Excel row can be (cut on
    screen and in print: the run names them)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    use_japanese_font(wb)
    ws = wb.active
    ws.title = "意見と考え方"
    thin = Side(style="thin", color="666666")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centred = Alignment(wrap_text=True, vertical="top", horizontal="center")
    header_fill = PatternFill("solid", fgColor="E8EEF7")
    sections = model.has_section_column
    columns = table_columns(model)
    widths = list((_XLSX_WIDTHS_WITH_SECTION if sections else _XLSX_WIDTHS).values())
    if not sections:
        widths = [widths[0], *widths[2:]]
    classed = model.has_category_column
    if classed:
        widths.append(_XLSX_CATEGORY_WIDTH)
    full_width = sum(widths)
    n_columns = len(columns)

    def text_cell(value):
        # The text as written: cells that look like formulas are made text cells below
        # (``_text_cells``), Excel's way, not with a visible apostrophe.
        return xlsx_text(value)

    def block_line(value, **font) -> None:
        """A line of the header block across the table's columns (A is narrow: the No.)."""
        ws.append([text_cell(value)])
        n = ws.max_row
        ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=n_columns)
        ws.cell(n, 1).alignment = Alignment(wrap_text=True, vertical="top")
        if font:
            ws.cell(n, 1).font = xlsx_font(**font)
        size = font.get("size", 11)
        height = row_height([(ws.cell(n, 1).value, full_width * 11 / size)], XLSX_LINE_HEIGHT * size / 11)
        if height:
            ws.row_dimensions[n].height = height

    block_line(model.title, bold=True, size=14)
    for line in model.notice_lines():
        block_line(line, bold=True, color=DRAFT_COLOR)
    for line in model.count_lines():
        block_line(line)
    ws.append([])
    for note in model.table_notes():
        block_line(note)
    ws.append([])
    if model.rows:
        ws.append(columns)
    # after the append: max_row does not count the blank row above, so max_row + 1 before it
    # was that blank row
    header_row = ws.max_row
    for cell in ws[header_row] if model.rows else ():  # (no rows: no table, 「ご意見はありませんでした」 says so)
        cell.font = xlsx_font(bold=True)
        cell.fill = header_fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center")
    candidate_fill = PatternFill("solid", fgColor=CANDIDATE_FILL)
    missing_fill = PatternFill("solid", fgColor=MISSING_FILL)
    candidate_font = xlsx_font(color=CANDIDATE_FONT_COLOR)
    answer_col = columns.index(model.answer_heading) + 1
    count_col = columns.index("件数") + 1
    tall: list[TallCell] = []
    # Cells are styled by row number: ws[ws.max_row] scans the whole sheet for its size on
    # every call, quadratic in the rows (10 s for 6,000 clusters).
    for row_number, r in enumerate(model.rows, header_row + 1):
        written = [r.no, *([r.section] if sections else []), summary_cell(r, not sections), r.count, answer_cell(r, model.answer_heading),
                   *([r.category] if classed else [])]
        values = [text_cell(v) if isinstance(v, str) else v for v in written]
        ws.append(values)
        for column in range(1, n_columns + 1):
            cell = ws.cell(row=row_number, column=column)
            cell.alignment = centred if classed and column == n_columns else wrap
            cell.border = border
        ws.cell(row_number, count_col).number_format = "#,##0"  # 4,500 as published, still a number
        if r.answer_status == "candidate":
            ws.cell(row_number, answer_col).fill = candidate_fill
            ws.cell(row_number, answer_col).font = candidate_font
        elif r.answer_status == "none":
            ws.cell(row_number, answer_col).fill = missing_fill
        cells = [(v, widths[i]) for i, v in enumerate(values) if isinstance(v, str)]
        height = row_height(cells)
        if height:
            ws.row_dimensions[row_number].height = height
        for (text, width), name, whole in zip(cells, [c for c, v in zip(columns, values) if isinstance(v, str)],
                                              [v for v in written if isinstance(v, str)]):
            if too_tall([(text, width)]):
                # the text's own length, not the 32,767 Excel's cell was cut to (QA51)
                tall.append(TallCell(r.no, name, len(_clean(whole))))
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    print_setup(ws, header_row if model.rows else None)
    # No frozen panes: above the table are the title and the counts, which would stay on screen
    # and leave a laptop two or three rows; the header row is printed on every page.
    # the title on every printed page (「&」 starts a header code in Excel: doubled)
    for header in (ws.oddHeader, ws.evenHeader):
        header.left.text = _page_header_title(model.title)
    mark = model.page_header()
    if mark:
        for header in (ws.oddHeader, ws.evenHeader):
            header.center.text = mark
            header.center.color = DRAFT_COLOR
        for footer in (ws.oddFooter, ws.evenFooter):
            footer.left.text = mark
    _text_cells(wb)
    wb.properties.title = _clean(model.title)[:250]  # the document's title (a web page's link, a screen reader)
    wb.properties.language = "ja-JP"
    save_workbook(wb, path)
    return tall


def _looks_like_formula(value: str) -> bool:
    """What the CSV writers escape with an apostrophe (``io.escape_cell``): one rule for both."""
    return escape_cell(value) != value


def _text_cells(wb) -> None:
    """Every string cell stays a string: ``=SUM(…)``, ``-5%の…``, ``+αの…``, ``@cmd`` are
    written as text cells (data type ``s``) with the quotePrefix style, what Excel itself
    does for text typed after an apostrophe: the apostrophe is hidden, shown in the formula
    bar only, and the cell never becomes a formula (openpyxl would make ``=…`` one)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and _looks_like_formula(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def fixed_timestamp() -> datetime.datetime:
    """The time written into xlsx files: ``SOURCE_DATE_EPOCH`` when set (the reproducible-
    builds convention), else 1980-01-01 00:00 (the earliest a zip entry can hold), so the same
    input gives a byte-identical file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        stamp = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).replace(tzinfo=None)
        return max(stamp, _ZIP_EPOCH)
    return _ZIP_EPOCH


_ZIP_EPOCH = datetime.datetime(1980, 1, 1)
_CORE_TIME_RE = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def save_workbook(wb, path: Path) -> None:
    """Save an openpyxl workbook byte-identically for the same content (atomic).

    openpyxl stamps the file with the current time three ways: the workbook's created and
    modified properties (docProps/core.xml; ``save`` always sets modified to now) and every zip
    entry's date. The workbook is written to memory, then every entry is rewritten in the same
    order with a fixed date, fixed attributes and the fixed time in docProps/core.xml."""
    stamp = fixed_timestamp()
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "pubcom-cluster"
    raw = io.BytesIO()
    wb.save(raw)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_TIME_RE.sub(lambda m: m.group(1) + iso + m.group(2), data)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # not the platform's default: the same bytes on Windows
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data, compresslevel=6)
    with atomic_path(path) as tmp:
        tmp.write_bytes(out.getvalue())
