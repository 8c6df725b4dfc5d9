"""The one place the stages are wired together: raw file in, run folder out.

read -> split -> normalise -> duplicates -> embed -> group -> label -> past answers ->
staff decisions -> outputs. Everything is computed in memory first and written at the end,
each file atomically, ``run.json`` last: a run that fails leaves the previous outputs as
they were.
"""
from __future__ import annotations

import errno
import functools
import hashlib
import bisect
import json
import os
import re
import unicodedata
import platform
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field, asdict
from dataclasses import replace as dc_replace
from pathlib import Path
from typing import Callable, Collection, Iterable, Mapping, Sequence

import numpy as np

from . import __version__
from .categories import DEFAULT_CATEGORIES, Category, choices, read_categories
from .categories import to_json as categories_json
from .dedup import CAMPAIGN_MIN_COPIES, campaign_lines, detach, find_duplicates, groups_without
from .continuity import (assign_ids, extend_clusters, find_edits, find_recuts, highest_id_given, id_number, input_changes,
                         is_late_comment_run, kept_ids, late_joining_lines, load_previous, previous_clusters_of_units,
                         regroup_reason, withdrawn_placements)
from .embed import DEFAULT_MODEL, load_encoder, model_identity
from .grouping import DEFAULTS as GROUPING_DEFAULTS
from .grouping import Background, group_opinions, merge_across_blocks, rank_representatives
from .io import (INDIVIDUAL, KNOWN_CHANNELS, ORGANISATION, STANDARD_CHANNELS, ColumnError, InputError, assign_comment_ids,
                 channel_in_name, choose_columns, clean_name, choose_kind_columns, compose_submission, counted, find_column, fold_name,
                 guess_column, is_real_name, organisation_name, own_output_kind, read_table, rows_of_one_submission,
                 person_key, submitter_kind, unescape_cell, write_csv, write_json, choose_address_column,
                 resolve_addresses)
from .labels import (ctfidf_keywords, find_references, place_listed, make_label, match_topics, merge_references, names_reference,
                     published_references, read_topics, without_general_references)
from .layout import LayoutRepair, may_need_repair, repair_layout
from .places import PlaceReader, part_by_places
from .mask import MASKS, drop_masked_lines, mask_personal_data, masked_name_parts, submitter_person_names
from .normalize import (comparison_text, display_text, is_attachment_only, is_empty_opinion, is_form_test,
                        is_introduction, only_greetings, without_date_line)
from .answers import stands_in_report
from .records import AnswerCandidate, Cluster, Opinion, PastAnswer, Submission
from .report import (KIND_UNKNOWN, ReportModel, ReportRow, count_channels_and_submitters, count_kinds,
                     has_submitter_names, kind_key, one_row_per_submission, section_topic, write_all)
from .decisions import (RESHAPING, Fingerprints, apply_decisions, decision_counts, decision_figures, detached_opinions,
                        excluded_opinions, _withdrawn, load_decisions, reshape_opinions, text_fingerprint)
from .review import run_notes
from .split import is_lead_in, is_name_list, names_the_draft, split_sentences, split_submission
from .transcript import (as_record_text, is_meeting_name, is_speaker_column, is_stage_note, is_staff_speaker,
                         not_a_submission, record_groups, reports_an_answer)
from .submitters import (attribute_breakdowns, attributes_with_personal_data, check_attribute_columns, find_repeats,
                         joint_submissions, joint_submissions_note, namesakes_note, repeated_names_note,
                         repeated_organisations_note,
                         repeats_line)
from .stance import sentence_question
from .summary import is_claim, without_story
from .tokenize import Tokenizer
from .worksheet import WorksheetUnit, write_worksheet

CHANNEL_ORDER = [*STANDARD_CHANNELS, "ウェブ", "Web", "電子申請"]  # report order (channels are folded first)
UNKNOWN_CHANNEL = "不明"
_MASK_LABEL_RE = re.compile(r"［[^］]{1,10}］")
_URL_RE = re.compile(r"(?:https?|ftp)://[^\s\"'）)」]+|www\.[^\s\"'）)」]+")


@dataclass
class RunOptions:
    text_column: str | None = None
    # --text-column repeated (QA52): the opinion columns after the first, in the order given
    more_text_columns: tuple[str, ...] = ()
    id_column: str | None = None
    channel_column: str | None = None
    submitter_column: str | None = None
    # the column telling 個人 / 団体 (or naming the 団体: 団体名), for 提出者数 by kind (guessed)
    kind_column: str | None = None
    # --attribute-column (repeatable): columns of the submitters' attributes (年代, 在住・在勤 …) the
    # report breaks 提出者数 down by (「提出者の内訳（年代）：…」); kept for later runs into the folder
    attribute_columns: tuple[str, ...] = ()
    answers: Sequence[str] = ()
    answer_id_column: str | None = None
    answer_opinion_column: str | None = None
    answer_text_column: str | None = None
    topics: str | None = None
    split: bool = True
    model: str | None = None
    seed: int = 0
    encoding: str | None = None
    sheet: str | None = None
    header_row: int | None = None  # the row with the column names (default: found, title rows skipped)
    mask: bool = True
    title: str | None = None
    top_answers: int = 3
    # The report shows a past answer as a candidate from this score up (None: the index's own
    # min_score); answers.csv always lists the top candidates with their scores. Clusters are
    # scored so that their scores read like a single question's (answers.group_scores).
    answer_min_score: float | None = None
    csv_encoding: str = "utf-8-sig"
    near_duplicate_threshold: float = 0.7
    worksheet: bool = True  # worksheet.xlsx: staff write summaries and answers in Excel (worksheet.py)
    # Report row order: "section" = the draft's order (the --topics file's), rows without a topic
    # last; "count" = most opinions first (the cluster ids' order); "auto" = section with --topics.
    order: str = "auto"
    # The report as it will be published: only confirmed answers (worksheet.xlsx and answers.csv
    # keep the candidates), and the run names the rows still without one.
    final: bool = False
    answer_heading: str | None = None  # the report's 考え方 column heading (「県の考え方」); None: 考え方
    period: str | None = None  # 意見募集期間, printed above the counts
    categories: str | None = None  # a file of 対応区分 (「A,ご意見を踏まえ案を修正したもの」 per line); default: categories.py
    # --count-repeats: "each" counts every copy an opinion's submitter sent again (the same letter by
    # e-mail and by post); "once" counts it once (「同一の者から同一内容の意見が複数提出されたものは1件として
    # 集計」): the later copies get status repeat. None: the earlier run's in the folder, else "each".
    count_repeats: str | None = None


@dataclass
class RunResult:
    out_dir: Path
    submissions: list[Submission]
    opinions: list[Opinion]
    clusters: list[Cluster]
    answers: list[AnswerCandidate]
    counts: dict
    files: list[Path] = field(default_factory=list)


def _progress_factory(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    def progress(iterable, total=None, desc=None, always=False):
        return tqdm(iterable, total=total, desc=desc, file=sys.stderr, leave=False,
                    disable=not always and total is not None and total < 2000)

    return progress


def _comment_table(path: str | Path, opts: RunOptions):
    table = read_table(path, encoding=opts.encoding, sheet=opts.sheet, header_row=opts.header_row,
                       text_column=opts.text_column)
    if not table.rows:  # a report of no comments is never what was meant: the wrong file or sheet
        where = f", sheet {table.sheet}" if table.sheet else ""
        raise InputError(f"{path}{where}: no rows under the column names ({', '.join(table.columns[:6])}); "
                         "nothing to cluster")
    return table


def read_submissions(path: str | Path, opts: RunOptions, log: Callable[[str], None],
                     table=None, shown: str | None = None) -> tuple[list[Submission], dict]:
    """The submissions of one comment table: the file ``path``, or ``table`` already read from it
    (one sheet of a workbook whose sheets have columns of their own, ``shown`` in messages)."""
    if table is None:
        table = _comment_table(path, opts)
    try:
        text_col, id_col, channel_col, submitter_col = choose_columns(
            table, opts.text_column, opts.id_column, opts.channel_column, opts.submitter_column,
            more_texts=opts.more_text_columns).values()
        used = {"text": text_col, "id": id_col, "channel": channel_col, "submitter": submitter_col}
        # the kind of submitter (個人 / 団体) for 提出者数 by kind: named in the read line when found
        kinds = choose_kind_columns(table, opts.kind_column, used)
        address_col = choose_address_column(table, used)
        # a meeting's record with the speaker in a column of its own (発言者 / 話者: 「司会」 beside 「それでは始めます。」)
        speaker_col = next((c for c in table.unused_columns if is_speaker_column(fold_name(c))), None)
        if speaker_col:
            table.unused_columns = [c for c in table.unused_columns if c != speaker_col]
    except ColumnError as exc:  # a column option or guess that fails names the file (QA41)
        raise exc.in_file(shown or Path(path).name) from None
    if opts.attribute_columns:  # read for 提出者の内訳 (check_attribute_columns), not 「not used」
        attributes = {fold_name(a) for a in opts.attribute_columns}
        table.unused_columns = [c for c in table.unused_columns if fold_name(c) not in attributes]
    cols = table.columns  # after choose_columns: JSON lines fields read together are one column
    kind_col, org_col = kinds["kind"], kinds["organisation"]
    guessed = {"text": opts.text_column is None, "id": opts.id_column is None,
               "channel": opts.channel_column is None, "submitter": opts.submitter_column is None,
               "kind": opts.kind_column is None, "organisation": opts.kind_column is None or kind_col is not None,
               "address": True, "speaker": True}
    used.update({k: v for k, v in kinds.items() if v})
    if address_col:
        used["address"] = address_col
    if speaker_col:  # (QA108: 「column not used: 発言者」 was said of the column that excluded the 司会 rows)
        used["speaker"] = speaker_col
    log(f"read {counted(len(table), 'row')} from {Path(path).name} ({table.describe()}); columns: "
        + ", ".join(f"{k} = {v if v else '(none)'}{' (guessed)' if guessed[k] and v else ''}"
                    for k, v in used.items()))
    for note in table.read_notes(text_col):
        log(note)
    if not opts.attribute_columns and (hint := _attribute_hint(table.unused_columns)):
        log(hint)
    if opts.sheet and table.format != "xlsx":
        log(f"--sheet {opts.sheet} is for Excel files; {Path(path).name} is {table.format or 'not Excel'}, "
            "so it has no sheets (ignored)")
    # distinct ids: a blank id never takes a real one; repeats become 1~2 with a warning, except the
    # rows of one submission typed one opinion per row (a 受付簿: 受付番号 on each of its rows)
    id_values = [row.get(id_col, "") if id_col else "" for row in table.rows]
    fields = table.opinion_fields
    who = [tuple((row.get(c) or "").strip() for c in (channel_col, submitter_col, kind_col, org_col) if c)
           for row in table.rows]
    one_submission = rows_of_one_submission(
        id_values, who,
        [" ".join((row.get(c) or "") for c in ([c for f in fields for c in f if c] if fields else [text_col]))
         for row in table.rows],
        table.row_sheets if len(table.sheets) > 1 and len(table.row_sheets) == len(table.rows) else None,
        blank=table.empty_rows,
    ) if id_col else []
    ids, id_notes = assign_comment_ids(id_values, id_col,
                                       where=table.where,  # opinions.csv's row_number, then the file's place
                                       blank=set(table.empty_rows), one_submission=one_submission)
    for note in id_notes:
        log(note)
    if id_col and (line := _rows_under_an_id_line(id_values, who, table, id_col)):
        log(line)
    if fields:
        log(_fields_line(fields, table.question_columns))
    field_cols = {c for f in fields for c in f if c}
    text_cols = [c for f in fields for c in (f[0], f[2]) if c] if fields else [text_col]  # cells to repair
    repaired, repaired_rows, repairs = {}, 0, LayoutRepair()
    subs = []
    for i, row in enumerate(table.rows):
        row_number = i + 1
        cid = ids[i]
        extra = tuple((c, row[c]) for c in cols
                      if c not in (text_col, id_col, channel_col, submitter_col) and c not in field_cols)
        # the layout of a letter copied out of a PDF or OCR (line breaks mid-sentence, page numbers)
        changed = False
        for c in dict.fromkeys(text_cols):
            cell = row.get(c) or ""
            if not may_need_repair(cell):  # nothing to undo (most web-form texts)
                continue
            if cell not in repaired:  # a campaign's copies are repaired once
                repaired[cell] = repair_layout(cell)
            new, fix = repaired[cell]
            if fix:
                row = {**row, c: new}
                repairs.add(fix)
                changed = True
        repaired_rows += changed
        text, parts = compose_submission(row, fields, table.question_columns) if fields else (row.get(text_col, ""), ())
        subs.append(Submission(
            row_number=row_number, comment_id=cid, text=text, parts=parts,
            channel=(row.get(channel_col, "") or "").strip() if channel_col else "",
            submitter=(row.get(submitter_col, "") or "").strip() if submitter_col else "",
            control_chars_removed=table.control_chars_removed[i], extra=extra,
            address=(row.get(address_col, "") or "").strip() if address_col else "",
            **_kind_of_row(row, kind_col, org_col),
        ))
    if repaired_rows:
        log(_layout_line(repaired_rows, repairs))
    # a meeting's record typed one turn per row (the rows of a channel, or of the file, half of them or more opening
    # with a speaker's label): the moderator's and staff's turns and the stage notes are no citizen's submission
    # (QA106: 「司会：ほかにございますか。」「（拍手）」 were published as opinions), a participant's label is left out
    # (QA108: 「田中：…」 was published with the name); the speaker in a column of its own, its 「都市計画課」「市」 the
    # office's too (QA108)
    # (a channel or the file named for a meeting, 説明会: its rows are a record wherever a label is, QA110)
    meeting_file = is_meeting_name(Path(shown or Path(path).name).stem)
    channels = [s.channel for s in subs]
    records = set() if fields or speaker_col else record_groups(
        [s.text for s in subs], channels, {c for c in set(channels) if meeting_file or is_meeting_name(c)})
    in_record = [s.channel in records for s in subs]
    if records:
        subs = [dc_replace(s, text=t) if r and (t := as_record_text(s.text)) != s.text else s
                for s, r in zip(subs, in_record)]
    blank = set(table.empty_rows)
    spoken = [i for i, sub in enumerate(subs) if i not in blank and (
        is_staff_speaker(table.rows[i].get(speaker_col) or "") if speaker_col else not_a_submission(sub.text, in_record[i]))
        or (speaker_col and is_stage_note(sub.text))]
    if spoken:
        log(f"{counted(len(spoken), 'row')} of a meeting's record {'are' if len(spoken) > 1 else 'is'} the moderator or "
            f"staff speaking or a stage note (「司会：」「事務局：」「（拍手）」: {table.where(spoken)}): kept in opinions.csv "
            "as excluded, not counted, grouped or published")
    withdrawn = _withdrawn_rows(table, set(used.values()) | field_cols)
    if withdrawn:
        column, rows = withdrawn
        values = Counter((table.rows[i].get(column) or "").strip() for i in rows)
        log(f"{counted(len(rows), 'row')} withdrawn or a test by {clean_name(column)} "
            f"({', '.join(f'{v} {n}' for v, n in values.most_common())}: {table.where(rows)}): kept in opinions.csv "
            "as excluded, not counted, grouped or published")
    answer_col = _answer_column_beside(table, set(used.values()))
    if answer_col:
        log(f"warning: {shown or Path(path).name} looks like a table of past answers: its column {answer_col} holds "
            f"answers beside the opinions in {text_col}; its rows are read as this consultation's opinions (counted "
            f"and published); if it holds the answers of an earlier consultation, give it with --answers instead")
    if table.encoding == "cp932":
        lost = [i for i, sub in enumerate(subs) if _LOST_CHARACTER_RE.search(sub.text)]
        if lost:
            log(f"warning: {counted(len(lost), 'row')} of this CP932 file hold 「?」 inside Japanese words "
                f"({table.where(lost)}): Excel saves a character CP932 lacks (𠮷, 髙, an emoji) as 「?」; "
                "check them against the letters, or save the file as 「CSV UTF-8」")
    info = {"columns": used, "format": table.format, "encoding": table.encoding,
            "control_chars_removed": int(sum(table.control_chars_removed)),
            "layout_repaired_rows": repaired_rows,
            "blank_rows": [i + 1 for i in table.empty_rows],  # every cell empty: not a submission
            # a form's status 取下げ / 削除 / テスト (QA52): kept as excluded, not a submission
            "withdrawn_rows": [i + 1 for i in withdrawn[1]] if withdrawn else [],
            # a meeting's moderator or staff speaking, a stage note (「（拍手）」): kept as excluded, not a submission
            "spoken_rows": [i + 1 for i in spoken if not withdrawn or i not in withdrawn[1]],
            # above the header: may name the draft; so may a column that names it on every row (e-Gov's 件名)
            "title_rows": [text for _, text in table.skipped_rows] + _draft_named_in_column(table),
            "footer_rows": [text for _, text in table.footer_rows],  # a total or a note under the data
            # the column names again in the data (a page break of a PDF converted to Excel)
            "repeated_header_rows": [f"row {n}" for n, _ in table.repeated_header_rows]}
    if info["control_chars_removed"]:
        log(f"removed {info['control_chars_removed']} control or invisible characters "
            f"(in {sum(1 for n in table.control_chars_removed if n)} rows; the rows are kept)")
    return subs, info


_CASE_COLUMN_RE = re.compile(r"^(?:案件名|件名|案件|意見募集案件名|募集案件名|案件の名称)$")
_DRAFT_WORD_RE = re.compile(r"案|計画|方針|指針|条例|戦略|構想|ビジョン|プラン|大綱|要綱|規則|政令|省令|告示")


def _draft_named_in_column(table) -> list[str]:
    """The draft's name from a column that gives it on every row (e-Gov's export: 件名 / 案件名 「○○計画（案）」),
    as a title row would name it (「○○計画（案）に対する意見」; ``title_from_rows``); [] when the column's
    cells differ (an e-mail's 件名 is its subject) or name no draft."""
    for column in table.unused_columns:
        if not _CASE_COLUMN_RE.match(fold_name(column)):
            continue
        values = {" ".join((row.get(column) or "").split()) for row in table.rows} - {""}
        if len(values) == 1 and len(table.rows) >= 3 and _DRAFT_WORD_RE.search(value := next(iter(values))):
            return [value if _TITLE_RE.match(value) else f"{value}に対する意見"]
    return []


# column names of the submitters' attributes a published 提出者の内訳 is given by (not 住所: addresses)
_ATTRIBUTE_NAME_RE = re.compile(r"^(?:年代|年齢|性別|居住地|居住区|お住まい|お住い|住まい|在住|在勤|在学|職業|属性|地区|"
                                r"居住地区|お住まいの地区|お住まいの区|市内在住|市内在勤)")


def _attribute_hint(unused: Sequence[str]) -> str | None:
    """A note naming the unused columns that look like the submitters' attributes (年代, お住まい …):
    --attribute-column gives the report 提出者の内訳 by one."""
    found = [c for c in unused if _ATTRIBUTE_NAME_RE.match(fold_name(c))]
    if not found:
        return None
    return (f"note: {', '.join(found[:4])} could give the report 提出者の内訳: "
            f"--attribute-column {_shell_word(clean_name(found[0]))} counts the submitters by it")


def _rows_under_an_id_line(ids: Sequence[str], who: Sequence[Sequence[str]], table, id_col: str) -> str | None:
    """A note on rows without an id right under a row with one (or under such rows) that name no 氏名 or
    提出方法: a 受付簿 with its 受付番号 typed on a submission's first row only (QA55). Each such row is
    read as a submission of its own; the note says how to make them one."""
    blank = set(table.empty_rows)
    sheets = table.row_sheets if len(table.sheets) > 1 and len(table.row_sheets) == len(ids) else None
    under: list[int] = []
    # the row before (blank rows aside, on the same sheet) has an id and names its 氏名 or 提出方法, or is
    # such a row itself; a file without either column says nothing of who wrote a row (no such note)
    above, sheet = False, None
    for k, value in enumerate(ids):
        if k in blank:
            continue
        if sheets is not None and sheets[k] != sheet:
            above, sheet = False, sheets[k]
        if (value or "").strip():
            above = any(who[k])
            continue
        above = above and not any(who[k])
        if above:
            under.append(k)
    if not under:
        return None
    n = len(under)
    return (f"note: {n} row{'s' if n > 1 else ''} without a {clean_name(id_col)} under a row with one, naming no 氏名 or "
            f"提出方法 ({table.where(under)}), {'each counts' if n > 1 else 'counts'} as a submission of its "
            f"own; if {'they continue' if n > 1 else 'it continues'} the submission above (one opinion per row), "
            f"fill in its {clean_name(id_col)} or merge the cells and run again")


def _kind_of_row(row: Mapping[str, str], kind_col: str | None, org_col: str | None) -> dict[str, str]:
    """A row's kind of submitter and organisation (``Submission.kind``, ``.organisation``): the kind
    column's value (io.submitter_kind: 個人, 団体 or as written); without one (or with its cell
    empty), a 団体名 cell that names an organisation makes the row a 団体's, and with a 団体名 column
    alone an empty cell makes it a 個人's. A 団体's organisation is its 団体名, counted once by it."""
    if not kind_col and not org_col:
        return {}
    kind = submitter_kind(row.get(kind_col) or "") if kind_col else ""
    organisation = organisation_name(row.get(org_col) or "") if org_col else ""
    if not kind and org_col:
        kind = ORGANISATION if organisation else (INDIVIDUAL if not kind_col else "")
    return {"kind": kind, "organisation": organisation if kind == ORGANISATION else ""}


# 「?野家」「ベンチを?置いて」: a 「?」 with a Japanese character after it that no question ends
# (「ですか?」「でしょうか?また」 are questions)
_LOST_CHARACTER_RE = re.compile(r"(?:^|(?<=[\u3040-\u30ff\u4e00-\u9fff\s、。「]))(?<![かのねよな])\?"
                                r"(?=[\u3040-\u30ff\u4e00-\u9fff])", re.M)


def _layout_line(rows: int, fix: LayoutRepair) -> str:
    """The read line's note on the page layout undone in letters copied from a PDF or OCR."""
    done = [what for n, what in (
        (fix.joined, f"{counted(fix.joined, 'line break')} inside sentences joined"),
        (fix.page_lines, f"{counted(fix.page_lines, 'page number or receipt stamp line', 'page number or receipt stamp lines')} removed"),
        (fix.fax_lines, f"{counted(fix.fax_lines, 'fax banner line', 'fax banner lines')} removed (「FAX送信票」「送信日時 …」「P.1/2」)"),
        (fix.ocr_markers, f"{counted(fix.ocr_markers, 'item number')} read as 1 (「l.」「(l)」)"),
        (fix.long_vowels, f"{counted(fix.long_vowels, 'kanji 「一」', 'kanji 「一」')} in katakana words read as 「ー」 (「ル一ル」)"),
        (fix.look_alikes, f"{counted(fix.look_alikes, 'look-alike character', 'look-alike characters')} read as katakana or "
                          "digits (「コミュ二ティ」「5〇台」)"),
        (fix.spaced_lines, f"{counted(fix.spaced_lines, 'line')} with a space after every character closed up (「図 書 館」)")) if n]
    return (f"page layout undone in {counted(rows, 'row')} (text copied from a PDF or OCR): " + "; ".join(done)
            + " (the input file keeps it as it was)")


def _fields_line(fields: Sequence[tuple[str, str | None, str | None]], questions: Sequence[str] = ()) -> str:
    """The read line's second line for a form of several opinion fields (io.opinion_fields)."""
    texts = [clean_name(t) for t, _, _ in fields]
    sections = list(dict.fromkeys(clean_name(s) for _, s, _ in fields if s))
    reasons = list(dict.fromkeys(clean_name(r) for _, _, r in fields if r))
    line = (f"opinion columns {', '.join(texts)}: each one's opinions in turn" if len(texts) > 1
            else f"opinion column {texts[0]}")
    if questions and len(texts) > 1:  # a form's questions (QA52)
        line += " (each column's name is the heading of its answers)"
    if sections:
        line += f"; 該当箇所 from {', '.join(sections)}"
    if reasons:
        line += f"; reason from {', '.join(reasons)} (read with its opinion, under 【理由】)"
    return line


# A form system's status column (LoGoフォーム's ステータス, kintone's) and the values that say a row is no
# submission: withdrawn by its sender, deleted, or staff's test (QA52: counted as submissions)
_STATUS_NAME_RE = re.compile(r"^(?:ステータス|状態|状況|処理状況|受付状況|申請状況|対応状況|status)$")
_WITHDRAWN_RE = re.compile(r"取り?下げ|取下|取り?消し|取消|削除|テスト|test|キャンセル|cancel|無効|破棄", re.IGNORECASE)


def _withdrawn_rows(table, used: set) -> tuple[str, list[int]] | None:
    """(the status column, the rows it says were withdrawn, deleted or a test), or None."""
    for column in table.file_columns:
        if column in used or not _STATUS_NAME_RE.match(fold_name(column)):
            continue
        rows = [i for i, r in enumerate(table.rows) if _WITHDRAWN_RE.search((r.get(column) or "").strip())
                and i not in table.empty_rows]
        if rows and len(rows) < len(table.rows):
            return column, rows
    return None


def _answer_column_beside(table, used: set) -> str | None:
    """A column of past answers (市の考え方, 回答 …, as ``answers`` guesses it) beside the opinions of a
    comment table, the run reading neither: a past-answers table given as comments (QA41: read as
    opinions with one line, 「columns not used: 市の考え方」). Its cells must be answers: filled in
    at least half of the rows, most of them a sentence (「回答希望」 of 有 / 無, 「対応」 of 済 are not)."""
    from .answers import ANSWER_TEXT_CANDIDATES, _not_text_name

    # 「特に重要だと思う施策を選んでください（複数回答可）」 is a checkbox question, no answer (QA52)
    free = [c for c in table.file_columns if c not in used and not _not_text_name(c)
            and c not in table.choice_columns and not re.search(r"複数回答|回答可|回答者", fold_name(c))]
    column = guess_column(free, ANSWER_TEXT_CANDIDATES, what="answer-text", required=False)
    if column is None or not table.rows:
        return None
    cells = [(r.get(column) or "").strip() for r in table.rows]
    filled = [c for c in cells if c]
    sentences = [c for c in filled if len(c) >= 15 or "。" in c]
    return column if 2 * len(filled) >= len(cells) and 2 * len(sentences) > len(filled) else None


_ROLE_OPTIONS = (("text_column", "--text-column"), ("id_column", "--id-column"), ("channel_column", "--channel-column"),
                 ("submitter_column", "--submitter-column"), ("kind_column", "--kind-column"))


def _has_column(table, given: str) -> bool:
    """Whether ``table`` has the column an option names (a sub-heading's name too: 全文)."""
    return find_column(table.columns, given) is not None or fold_name(given) in table.column_aliases


def _options_for(table, opts: RunOptions, shown: str, sources, log: Callable[[str], None]) -> RunOptions:
    """``opts`` for one of several input files: a text, id, channel, submitter or kind column option that
    names a column this file lacks while another file has it (「氏名（法人・団体名）」 in the e-Gov export,
    「氏名」 in the typed-in letters; 「いけんを書いてね」 in the web form, 「いけん」 on the school cards) is
    guessed for this file, with a line saying so (QA40, QA41: the run was refused)."""
    changes = {}
    for attr, option in _ROLE_OPTIONS:
        given = getattr(opts, attr)
        if given is None or _has_column(table, given):
            continue
        if any(_has_column(t, given) for _, t, _ in sources):
            changes[attr] = None
            log(f"{shown} has no column {given!r} ({option}): its column is guessed")
    if opts.more_text_columns:  # --text-column repeated (QA52): the columns this file has
        more = tuple(c for c in opts.more_text_columns if _has_column(table, c))
        if more != opts.more_text_columns and any(all(_has_column(t, c) for c in opts.more_text_columns)
                                                  for _, t, _ in sources):
            changes["more_text_columns"] = more
            if changes.get("text_column", opts.text_column) is None:
                changes["more_text_columns"] = ()
    return dc_replace(opts, **changes) if changes else opts


def _check_distinct_inputs(paths: Sequence[Path]) -> None:
    """One file given twice, or two files with the same content (a copy saved under another name),
    would count every submission twice (QA52: read as 34 more submissions, unsaid)."""
    if len(paths) < 2:
        return
    seen: dict[str, Path] = {}
    for path in paths:
        if not path.is_file():
            continue  # (a missing file is said by the reader, with its own message)
        key = _sha256(path)
        if key in seen:
            same = ("is given twice" if path.resolve() == seen[key].resolve()
                    else f"has the same content as {seen[key].name}")
            raise InputError(f"{path.name} {same}: every submission in it would be counted twice; give it once")
        seen[key] = path


def _check_same_submissions(names: Sequence[str], parts: Sequence[Sequence[Submission]]) -> None:
    """Two inputs holding the same submissions (the same id, 氏名 and text), most of the smaller one's:
    the same comments saved twice (as CSV and as Excel, or the web form exported on day 10 and again on
    day 30) would all be counted twice (QA60: 86 submissions for 43, with a note that advised
    --count-repeats once). A form letter sent by post and by e-mail shares one text, not its rows."""
    rows = []
    for part in parts:
        # a text its file holds once: a campaign's three wordings under ids that restart at 1 are no sign of
        # one file saved twice (QA62: refused)
        texts = Counter(s.text.strip() for s in part)
        rows.append({(s.comment_id, s.submitter, s.text.strip()) for s in part if texts[s.text.strip()] == 1})
    for b in range(len(parts)):
        for a in range(b):
            # nor is 「特にありません」 on card 1 of two events (QA62): read only for the rows both files hold (reading
            # every row costs 10 s a 100,000; the few left out of the count below make a refusal rarer, not wrong)
            stock = {row for row in rows[a] & rows[b] if is_empty_opinion(row[2])}
            shared = len(rows[a] & rows[b]) - len(stock)
            smaller = min(len(rows[a]), len(rows[b])) - len(stock)
            if shared >= 3 and 2 * shared >= smaller:
                raise InputError(f"{names[b]} holds {shared} of the submissions in {names[a]} (the same id, name and "
                                 "text): the same comments saved twice (as CSV and as Excel, or exported twice) would "
                                 "all be counted twice; give one of them (the later export, if one holds more)")


def read_inputs(paths: Sequence[str | Path], opts: RunOptions, log: Callable[[str], None],
                previous: Mapping[str, bool] | None = None) -> tuple[list[Submission], dict]:
    """The submissions of one or more input files (one per channel: a web form's CSV, the typed-in
    letters' workbook, an event's JSON lines), read as one consultation. Each file's columns are
    guessed on their own (the column options apply to every file). A file without a channel column
    counts under its file name (郵送.xlsx: 郵送) in 提出方法別. A file whose ids repeat another file's
    has its file name in front of them (「postal-3」), whatever the order the files are given in;
    ``previous`` ({file name: prefixed} of the earlier run in the folder, run.json's ``inputs``)
    keeps each file's ids as they were, so a late file never renames earlier ones. Rows are numbered
    on through the files (opinions.csv's row_number); run.json lists each file with its rows."""
    # (file, table, sheet): a workbook whose other sheets of comments have columns of their own
    # (a web form's export beside the typed-in letters) is read as one input a sheet
    sources = []
    for path in paths:
        table = _comment_table(path, opts)
        sources.append((path, table, table.sheet if table.separate_sheets and len(table.sheets) <= 1 else ""))
        sources += [(path, t, t.sheet) for t in table.separate_sheets]
    if len(sources) == 1:
        return read_submissions(paths[0], opts, log, table=sources[0][1])
    names = _source_names([(Path(p), sheet) for p, _, sheet in sources])
    parts, offset = [], 0
    for path, table, sheet in sources:
        table.row_offset = offset  # its messages number rows as opinions.csv will
        parts.append(read_submissions(path, _options_for(table, opts, _source_shown(path, sheet), sources, log), log,
                                      table=table, shown=_source_shown(path, sheet)))
        offset += len(parts[-1][0])
    sheet_of = [sheet for _, _, sheet in sources]
    paths = [path for path, _, _ in sources]
    _check_same_submissions([_source_shown(p, sh) for p, sh in zip(paths, sheet_of)], [part for part, _ in parts])
    raw = [{s.comment_id for s in part} for part, _ in parts]
    previous = previous or {}
    prefixed = [previous[name] if name in previous else any(raw[k] & raw[j] for j in range(len(raw)) if j != k)
                for k, name in enumerate(names)]
    subs: list[Submission] = []
    info: dict = {"inputs": [], "blank_rows": [], "title_rows": [], "footer_rows": [], "repeated_header_rows": [],
                  "control_chars_removed": 0}
    seen: set[str] = set()
    for k, (path, name, (part, part_info)) in enumerate(zip(paths, names, parts)):
        ids = [s.comment_id for s in part]
        clash = sorted(set(ids) & seen, key=ids.index) if not prefixed[k] else []
        if clash:  # files an earlier run kept apart now share ids: this one takes its name
            prefixed[k] = True
        shown = _source_shown(path, sheet_of[k])
        if prefixed[k]:
            others = [_source_shown(p, sheet_of[j]) for j, p in enumerate(paths) if j != k and raw[k] & raw[j]]
            ids = [f"{name}-{i}" for i in ids]
            log(f"{shown}: ids also in {', '.join(others) or 'an earlier run of another file'}: "
                + (f"its ids have the sheet's name in front ({ids[0]})" if sheet_of[k] else
                   f"its ids have the file's name in front ({ids[0]})"))
        seen.update(ids)
        channel = None
        if not part_info["columns"]["channel"]:
            channel = channel_in_name(sheet_of[k] or name) or sheet_of[k] or name
            # named after a channel already (電子申請, 郵送.xlsx): said, not advised (QA35)
            named = channel in KNOWN_CHANNELS
            log(f"{shown} has no channel column: its {counted(len(part), 'row')} count{'s' if len(part) == 1 else ''} under "
                f"「{channel}」 in 提出方法別 "
                + (f"(the {'sheet' if sheet_of[k] else 'file'}'s name)" if named else
                   "(name the sheet after its channel, e.g. 郵送, or give it a channel column)" if sheet_of[k] else
                   "(name the file after its channel, e.g. 郵送.xlsx, or give it a channel column)"))
        if channel is not None:  # a file's or sheet's name: no personal data to mask (QA52)
            info.setdefault("file_channels", []).append(channel)
        first = len(subs) + 1
        subs += [dc_replace(s, row_number=s.row_number + first - 1, comment_id=i,
                            channel=s.channel if channel is None else channel)
                 for s, i in zip(part, ids)]
        info["blank_rows"] += [n + first - 1 for n in part_info.get("blank_rows", ())]
        info.setdefault("withdrawn_rows", []).extend(n + first - 1 for n in part_info.get("withdrawn_rows", ()))
        info.setdefault("spoken_rows", []).extend(n + first - 1 for n in part_info.get("spoken_rows", ()))
        info["title_rows"] += list(part_info.get("title_rows", ()))
        info["footer_rows"] += list(part_info.get("footer_rows", ()))
        info["repeated_header_rows"] += [f"{_source_shown(path, sheet_of[k])} {where}"
                                         for where in part_info.get("repeated_header_rows", ())]
        info["control_chars_removed"] += part_info.get("control_chars_removed", 0)
        info["inputs"].append({"path": str(path), "name": name, "rows": [first, len(subs)], "prefixed": prefixed[k],
                               **({"sheet": sheet_of[k]} if sheet_of[k] else {}),
                               **{key: part_info[key] for key in ("format", "encoding", "columns")}})
    # 提出者数 by kind: a file without a 個人・団体 (or 団体名) column beside one that has it
    if any(c.get("kind") or c.get("organisation") for c in (i["columns"] for i in info["inputs"])):
        for i in info["inputs"]:
            if not (i["columns"].get("kind") or i["columns"].get("organisation")):
                log(f"{_source_shown(i['path'], i.get('sheet', ''))} has no column telling 個人 or 団体: its "
                    f"{counted(i['rows'][1] - i['rows'][0] + 1, 'row')} count as 「{KIND_UNKNOWN}」 in 提出者数 "
                    "(give it a 個人・団体 column to count them by kind)")
    head = info["inputs"][0]
    info.update(format=head["format"], encoding=head["encoding"], columns=head["columns"])
    files = len(dict.fromkeys(str(p) for p in paths))
    what = (f"{len(paths)} input files" if not any(sheet_of) else
            f"{len(paths)} sheets of {files} file{'s' if files > 1 else ''}" if files == 1 or all(sheet_of) else
            f"{len(paths)} sheets and files")
    log(f"{what} read as one consultation: "
        + ", ".join(f"{_source_shown(i['path'], i.get('sheet', ''))} {counted(i['rows'][1] - i['rows'][0] + 1, 'row')}"
                    for i in info["inputs"])
        + f" (rows {', '.join(f'{a}–{b}' for a, b in (i['rows'] for i in info['inputs']))} of opinions.csv's row_number)")
    return subs, info


def _source_shown(path: str | Path, sheet: str) -> str:
    """An input for a message: the file's name, and the sheet when a workbook is read a sheet at a time."""
    return f"{Path(path).name} (sheet {sheet})" if sheet else Path(path).name


def previous_inputs(out_dir: Path) -> dict[str, bool]:
    """{file name: its ids had the name in front} of the earlier run in ``out_dir`` read from
    several files ({} when there is none)."""
    try:
        info = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    inputs = info.get("inputs") if isinstance(info, dict) else None
    if not inputs and isinstance(info, dict) and isinstance(info.get("input"), dict) and info["input"].get("path"):
        # read from one file: its ids were as typed, and stay so when a late file repeats them (QA75: a
        # second file with the same numbers renamed every earlier opinion, R041-1 to comments-R041-1)
        return {Path(str(info["input"]["path"])).stem: False}
    return {str(i["name"]): bool(i.get("prefixed")) for i in inputs or () if isinstance(i, dict) and "name" in i}


def _source_names(sources: Sequence[tuple[Path, str]]) -> list[str]:
    """Each input's name for ids and channels: a file's stem, or its whole name where two stems match;
    a sheet's name where a workbook is read a sheet at a time (「郵送」: the sheets name the channels),
    with the file's stem in front where two match (「受付-郵送」)."""
    stems = [sheet or p.stem for p, sheet in sources]
    names = [(f"{p.stem}-{sheet}" if sheet else p.name) if stems.count(stem) > 1 else stem
             for (p, sheet), stem in zip(sources, stems)]
    return [name if names.count(name) == 1 else f"{name}-{k}" for k, name in enumerate(names, 1)]


# An opening that speaks of the writer (「わたしは八十二歳になります。むかしは川でよく泳いだものです。」) and
# asks, rejects, questions or complains of nothing: QA51 published it as a row's summary over the
# request beside it (「川をきれいにしてください。」). 「駅前に住んでいますが、バスが少なくて困ります。」 states a
# problem and stays an opinion.
_WRITER_FIRST_RE = re.compile(r"^[ \t\u3000]*(?:私|わたし|僕|ぼく|あたし)(?:は|も|、)")
_PROBLEM_RE = re.compile(r"困|不便|足り|不足|少な|多すぎ|危な|危険|怖|こわ|心配|不安|難し|むずかし|大変|苦し|つら|辛|できな|ない(?:です|。|$)|ません")


def _only_about_the_writer(piece: str) -> bool:
    sentences = split_sentences(piece)
    return (bool(sentences) and bool(_WRITER_FIRST_RE.match(sentences[0]))
            and not any(is_claim(s) or sentence_question(s) or _PROBLEM_RE.search(s) for s in sentences))


def _split_pieces(text: str, split: bool) -> list[tuple[int, int, str, str, str]]:
    """(start, end, heading, text, status) of the opinions in one submission text.

    Without ``split`` (``--no-split``) the one opinion row per submission spans the writer's own
    content: from the first to the last piece the split would publish, so an e-mail header, a
    quoted notice, the closing and signature and a leading greeting or date line fall outside it;
    the text before and after it is a row each (status header, greeting or quoted). When the split
    would publish nothing, the row is the whole text with status empty."""
    segments = split_submission(text)
    pieces = [(s.start, s.end, s.heading, s.closing, s.part) for s in segments]
    # a greeting or self-introduction before numbered items or 「…について」 sections
    # (「交通政策課の山田です。」) is no opinion
    body = [s for s in segments if not s.part]
    intro = (len(body) > 1 and not body[0].marker and not body[0].heading
             and any(s.marker or s.heading for s in body[1:]))
    made = []
    for k, (start, end, heading, closing, part) in enumerate(pieces):
        piece = text[start:end]
        # the closing and signature block after the last item (「以上」, name, address) is no opinion;
        # an e-mail header block or quoted / forwarded text (status header, quoted) neither
        # (「…の両方について意見です。」 over the items announces them, QA33)
        # a joint letter's 名簿 / 連名 list of names is its signature, no opinion (QA50)
        status = part or ("empty" if closing or is_empty_opinion(piece) or is_name_list(piece)
                          # staff's summary of a meeting: 「○ 市から、…と回答した。」 is the office's answer (QA108)
                          or reports_an_answer(piece)
                          or (intro and segments[k] is body[0]
                              and (is_introduction(piece) or is_lead_in(piece) or _only_about_the_writer(piece)))
                          else "ok")
        made.append((start, end, heading, piece, status))
    if not split:
        from .split import own_span  # the span of the writer's own content

        # a letter's 「意見の理由」 items are part of the writer's own content (one row, as they are written)
        published = [k for k, m in enumerate(made) if m[4] in ("ok", "reason")]
        if not published:
            return [(0, len(text), "", text, "empty")]
        first, last = published[0], published[-1]
        start, end = own_span(text, made[first][0], made[last][1], made[first - 1][1] if first else 0,
                              made[first][2])
        # the text around the opinion (header, greeting, signature, quoted notice) keeps a row of
        # its own, as the split keeps it, so no text a citizen sent is missing from opinions.csv
        rows = [(start, end, "", text[start:end], "ok")]
        for lo, hi, after in ((0, start, False), (end, len(text), True)):
            chunk = text[lo:hi]
            left, right = len(chunk) - len(chunk.lstrip(" \t\n\u3000")), len(chunk.rstrip(" \t\n\u3000"))
            if right <= left:
                continue
            parts = {m[4] for m in made if m[0] < hi and m[1] > lo}
            status = "quoted" if after and "quoted" in parts else "header" if "header" in parts else "greeting"
            row = (lo + left, lo + right, "", chunk[left:right], status)
            rows = rows + [row] if after else [row] + rows
        return rows
    if len(made) > 1:
        # Greetings and "I send the following points" before or after the items are not
        # opinions; they stay in opinions.csv (status greeting) so no text is dropped.
        if all(m[4] != "ok" for m in made):
            made = [(0, len(text), "", text, "empty")]
        else:
            made = [(*m[:4], "greeting") if m[4] == "empty" else m for m in made]
            # a courtesy request cut apart from the letter's requests (「…。⏎⏎どうぞご検討ください。」): a greeting
            # there, the opinion only where it is all the submission says (``normalize.strip_greetings``)
            if sum(1 for m in made if m[4] == "ok") > 1:
                made = [(*m[:4], "greeting") if m[4] == "ok" and only_greetings(m[3]) else m for m in made]
            made = _same_place_as_heading(_intro_subject_as_heading(made))
    return made


# 「同節の外来種対策で…」 (the same section as the item before): QA51 published it with no 該当箇所
_SAME_PLACE_RE = re.compile(r"^[ \t\u3000]*(?:また、?)?同(節|章|条|項|款|号|頁|ページ)")


def _same_place_as_heading(made: list) -> list:
    """An item that opens with 「同節」「同章」「同条」… takes as its heading the last such place the items
    before it named (「第4章第3節「生物多様性の保全」について、…」), so its 該当箇所 is that place."""
    out, places = [], []
    for a, b, h, t, st in made:
        m = _SAME_PLACE_RE.match(unicodedata.normalize("NFKC", t)) if st == "ok" and not h else None
        if m:
            unit = "頁" if m.group(1) == "ページ" else m.group(1)
            same = [p for p in places if p.endswith(unit) or (unit == "頁" and re.search(r"頁|ページ|^[Pp]", p))]
            if same:
                h = same[-1]
        if st == "ok":
            places += find_references(f"{h}\n{t}")
        out.append((a, b, h, t, st))
    return out


# 「第4章の観光振興について、以下のとおり意見を申し上げます。」 over items: what they are about
# (QA51: 「第4章第2節「脱炭素社会の実現」について意見を述べます。」 too, a greeting row whose place was lost)
_INTRO_SUBJECT_RE = re.compile(r"^[ \t\u3000]*(?P<s>[^。\n]{2,40}?)(?:について|に関して|に対して|に対する)(?:の)?、?"
                               r"(?:以下|下記|次|(?:ご|私の)?(?:意見|要望|提案)(?:を|です|とし))")


def _intro_subject_as_heading(made: list) -> list:
    """Items under an opening sentence that names a place in the draft (「第4章の観光振興について、以下の
    とおり…」) take it as their heading when they have none, so their 該当箇所 is that place (QA26:
    the opening was a greeting row and its 第4章 was lost; one item was published under 第1章)."""
    first = made[0]
    m = _INTRO_SUBJECT_RE.match(first[3]) if first[4] == "greeting" else None
    # a subject that is not the draft itself heads them too (QA62: 「保育施設について、以下のとおり意見を述べます。」
    # over 一、二: the items were published without it); 「本計画案について、…」 heads nothing
    if m is None or not (find_references(m.group("s")) or not names_the_draft(m.group("s") + "について")):
        return made
    heading = m.group("s") + "について"
    return [first] + [(a, b, heading, t, st) if st == "ok" and not h else (a, b, h, t, st)
                      for a, b, h, t, st in made[1:]]


def _split_parts(text: str, parts, split: bool) -> list[tuple[int, int, str, str, str]]:
    """The opinions of a submission composed from a form's fields (``Submission.parts``): each
    field's text is split on its own (the form already keeps opinions apart), its 該当箇所 the
    heading of what has none, and its reason read with the opinion when the text is one opinion;
    under several items it is a row of its own headed 理由 with status ``reason`` (kept, not an
    opinion: QA39 published 「通院に必要なため」 as one, 該当箇所 「理由」), and with no opinion text
    it is the opinion."""
    made: list[tuple[int, int, str, str, str]] = []
    for start, end, r_start, r_end, section in parts:
        pieces = [(a + start, b + start, h, t, st) for a, b, h, t, st in _split_pieces(text[start:end], split)] \
            if end > start else []
        pieces = [(a, b, f"{section} {h}".strip() if section and h and section not in h else h or section, t, st)
                  for a, b, h, t, st in pieces]
        ok = [k for k, p in enumerate(pieces) if p[4] == "ok"]
        if r_start >= 0:
            if len(ok) == 1 and not is_empty_opinion(text[r_start:r_end]):  # 「特になし」: a row of its own
                a, _, h, _, st = pieces[ok[0]]
                pieces[ok[0]] = (a, r_end, h, text[a:r_end], st)
                pieces = [p for k, p in enumerate(pieces) if k <= ok[0] or p[0] >= r_end]
            else:
                # a reason under several items names no one of them: kept (status reason), neither
                # published nor counted as an opinion of its own; with no opinion text it is the opinion
                reason = text[r_start:r_end]
                status = "empty" if is_empty_opinion(reason) else "reason" if ok else "ok"
                pieces.append((r_start, r_end, "理由" if ok else section, reason, status))
        made += pieces
    return made or [(0, len(text), "", text, "empty")]


def split_opinions(subs: Sequence[Submission], split: bool = True, progress=None) -> list[Opinion]:
    """Every submission yields at least one opinion row; empty ones get status ``empty``. A
    submission typed over several rows (one comment id on consecutive rows, ``io.rows_of_one_submission``)
    numbers its opinions on from row to row (1-1, 1-2, 1-3), each opinion keeping its own row.

    Campaigns repeat identical raw texts, so each distinct text is split once (cached).
    """
    opinions: list[Opinion] = []
    cache: dict[tuple, list[tuple[int, int, str, str, str]]] = {}
    iterator = subs if progress is None else progress(subs, total=len(subs), desc="split")
    numbered: dict[str, int] = {}  # opinions so far of each comment id: a submission typed over several rows numbers on
    for sub in iterator:
        key = (sub.text, sub.parts)
        made = cache.get(key)
        if made is None:
            made = cache[key] = (_split_parts(sub.text, sub.parts, split) if sub.parts
                                 else _split_pieces(sub.text, split))
        for k, (start, end, heading, text, status) in enumerate(made, numbered.get(sub.comment_id, 0) + 1):
            opinions.append(Opinion(
                opinion_id=f"{sub.comment_id}-{k}", comment_id=sub.comment_id, row_number=sub.row_number,
                index=k, text=text, start=start, end=end, heading=heading, status=status, channel=sub.channel,
            ))
        numbered[sub.comment_id] = numbered.get(sub.comment_id, 0) + len(made)
    return opinions


def _keyword_text(text: str) -> str:
    """Text for keywords: personal data and URLs removed, so labels never carry them."""
    return comparison_text(_URL_RE.sub(" ", _MASK_LABEL_RE.sub(" ", drop_masked_lines(mask_personal_data(text)))))


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The submitters' names and their family and given names (2 characters or more): words a
    label must not be made of (a lone surname 「（［住所］　高橋）」 is no person name to UniDic).
    A set lookup per keyword: masking every distinct text with every name would cost
    texts x names regular expressions."""
    from .mask import name_parts

    out: set[str] = set()
    for name in names:
        parts = name_parts(name)
        out.update(p for p in parts if len(p) >= 2)
        out.add("".join(parts))
    return frozenset(out)


_MASK_TOKEN_RE = re.compile("|".join(re.escape(m) for m in MASKS.values()))


def _clustering_text(op: Opinion) -> str:
    """The opinion as the grouping reads it: normalised, without e-mail addresses, phone numbers,
    addresses, SNS accounts and labelled names (the masker's patterns, without its name tagger):
    two letters that only share the shape of a contact line (「taro at example dot jp」,
    「LINE ID: midori」) are not alike."""
    # (and without a sentence that only asks to be answered there: 「返事は［電話番号］にください。」)
    # (a letter telling a life story around its requests: the requests, ``summary.without_story``)
    text = _MASK_TOKEN_RE.sub(" ", drop_masked_lines(mask_personal_data(without_story(op.text), person_names=False)))
    key = comparison_text(text)
    return f"{comparison_text(op.heading)}：{key}" if op.heading else key


# ---------------------------------------------------------------------------------------
# scale: both cores for tokenizing, blocks for grouping many distinct texts

PARALLEL_MIN = 4000  # distinct texts from which tokenizing uses worker processes
GROUP_LIMIT = 8000  # distinct texts grouped in one piece; above it, per block (see group_units)
BLOCK_SIZE = 3000  # target distinct texts per block on the scale path


def _workers() -> int:
    import multiprocessing as mp

    if not sys.platform.startswith("linux") or "fork" not in mp.get_all_start_methods():
        return 1  # spawned workers would re-import everything (and fork is unsafe on macOS)
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:
        n = os.cpu_count() or 1
    return max(1, min(n, 4))


_WORKER_TOKENIZER: Tokenizer | None = None


def _tokenize_chunk(chunk: tuple[list[str], list[str], frozenset[str]]) -> tuple[list[list[str]], list[list[str]]]:
    global _WORKER_TOKENIZER
    if _WORKER_TOKENIZER is None:
        _WORKER_TOKENIZER = Tokenizer()
    tok = _WORKER_TOKENIZER
    texts, kw_texts, names = chunk
    return [tok.lemmas(t) for t in texts], [_keywords(tok, t, names) for t in kw_texts]


def _keywords(tok: Tokenizer, text: str, names: frozenset[str]) -> list[str]:
    return [w for w in tok.keywords(_keyword_text(text), nouns_only=True) if w not in names]


def tokenize_units(texts: Sequence[str], kw_texts: Sequence[str], tokenizer: Tokenizer,
                   progress=None, chunk: int = 1000, names: Iterable[str] = ()
                   ) -> tuple[list[list[str]], list[list[str]]]:
    """Content lemmas of ``texts`` and label keywords of ``kw_texts`` (opinion texts: personal
    data and URLs are removed first, see ``_keyword_text``, and the submitters' ``names`` and
    their parts are no keywords, see ``name_words``), one list per text.

    Many texts are tokenized in worker processes (one fugashi tagger per process; the
    results are the same as on one core and come back in order).
    """
    n = len(texts)
    workers = _workers() if n >= PARALLEL_MIN else 1
    names = name_words(names)
    chunks = [(list(texts[s:s + chunk]), list(kw_texts[s:s + chunk]), names) for s in range(0, n, chunk)]
    lemmas: list[list[str]] = []
    keywords: list[list[str]] = []
    if workers > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(workers) as pool:
            results = pool.imap(_tokenize_chunk, chunks)
            if progress is not None:
                results = progress(results, total=len(chunks), desc=f"tokenizing ({chunk} texts/step)", always=True)
            for lem, kw in results:
                lemmas += lem
                keywords += kw
    else:
        lemmas = [tokenizer.lemmas(t) for t in texts]
        keywords = [_keywords(tokenizer, t, names) for t in kw_texts]
    return lemmas, keywords


def _blocks(vectors: np.ndarray, idx: np.ndarray, block_size: int, seed: int) -> list[np.ndarray]:
    """Cut ``idx`` into blocks of about ``block_size`` similar texts (k-means on the embeddings).

    Blocks still too large are cut again; if k-means cannot cut a set (identical vectors),
    it is cut in order. Each block is sorted, so the blocks do not depend on k-means' labels.
    """
    if len(idx) <= 2 * block_size:
        return [idx]
    from sklearn.cluster import MiniBatchKMeans

    k = int(np.ceil(len(idx) / block_size))
    km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3, max_iter=50)
    lab = km.fit_predict(vectors[idx])
    parts = [np.sort(idx[lab == c]) for c in range(k) if np.any(lab == c)]
    if len(parts) == 1:
        return [idx[s:s + block_size] for s in range(0, len(idx), block_size)]
    out: list[np.ndarray] = []
    for part in parts:
        out += _blocks(vectors, part, block_size, seed) if len(part) < len(idx) else [part]
    return out


# an item marker right before an opinion's start (the splitter cuts the marker off): 「(1) 」「2. 」「①」「・」,
# at a line's start or after a sentence (a list typed on one line)
_ITEM_MARKER_BEFORE = re.compile(
    r"(?:\n|[。．！？!?])[ \t\u3000]*(?:[(（][0-9０-９一二三四五六七八九十a-zａ-ｚア-ソ]{1,2}[)）]|[0-9０-９]{1,2}[.．、)）]|"
    r"[一二三四五六七八九十]{1,2}[、．.]|第[0-9０-９一二三四五六七八九十]{1,2}[、．.に]?|[①-⑳⑴-⒇]|[・●○■◆◇□▪\-－*＊]|"
    # 「二　環境保全型農業について」「1　街路樹」: a number and a blank at a line's start (QA80)
    r"(?<=\n)[ \t\u3000]*(?:[一二三四五六七八九十]{1,2}|[0-9０-９]{1,2})[ \t\u3000])"
    r"[ \t\u3000]*$")
_TABLE_ROW_HEAD = re.compile(r"[ \u3000]*[0-9０-９]{1,3}[.．]?[ \u3000]*\t")
# 「ア　市内の小学校…」「イ．中学校では…」 (QA80: a PTA's items ア and イ were one row, イ published nowhere): items only when
# they ask something; a list of reasons under one request, 「ア　学生の負担が増える」, is not held apart (QA82)
_KANA_ITEM_BEFORE = re.compile(r"(?:\n|[。．！？!?])[ \t\u3000]*[アイウエオカキクケコサシスセソ](?:[.．、)）]|[ \t\u3000])[ \t\u3000]*$")
# an item that opens with its label: 「【意見】熱中症対策を…」「意見：アカミミガメの…」「意見2：…」 (QA80)
_ITEM_LABEL_START = re.compile(r"[ \t\u3000]*(?:【[^】\n]{1,12}】|意見[0-9０-９]*[：:])")


_BODY_HEADING_RE = re.compile(r"\s*(?P<body>[都道府県市区町村国]|[^\s]{1,8}?[都道府県市区町村省庁])の(?:考え方|回答)")


def _other_body_lines(report, heading: str | None) -> list[str]:
    """A warning for each past-answer table whose answer column names another body than the report's
    column (「県の考え方」 under 「市の考え方」): its answers speak for that body (QA65: the 県's LINE
    窓口 offered as the 市's answer)."""
    ours = _BODY_HEADING_RE.match(heading or "")
    if ours is None or not isinstance(report, dict):
        return []
    lines = []
    for f in report.get("files", []):
        theirs = _BODY_HEADING_RE.match(str((f.get("columns") or {}).get("answer") or ""))
        # (by the kind of body: 「本市の考え方」「みなと市の考え方」 are a 市's as 「市の考え方」 is, QA68)
        if theirs is not None and theirs.group("body")[-1] != ours.group("body")[-1]:
            lines.append(f"warning: past answers: {Path(f['path']).name}: its answers are 「{theirs.group(0).strip()}」, "
                         f"this report's column is 「{heading.strip()}」: a candidate from it speaks for another body; "
                         "rewrite it before confirming")
    return lines


def _asks_something(text: str) -> bool:
    """Whether a sentence of ``text`` asks for something or criticises the draft (an item, not a reason)."""
    from .split import criticises_draft, sentence_asks

    return any(sentence_asks(x) or criticises_draft(x) for x in split_sentences(text))


def sibling_pairs(subs: Sequence[Submission], opinions: Sequence[Opinion], ok: Sequence[int],
                  unit_of_ok) -> list[tuple[int, int]]:
    """Pairs of distinct texts (units) that are separate numbered or bulleted items of one submission:
    the writer set them apart, so they never share a row (QA67: 「1. 避難所にWi-Fiを…」「2. 備蓄品に
    乳児用ミルクを…」「3. 要配慮者名簿を…」 under one heading became one row showing only the first, the
    other two requests published nowhere). Items cut from paragraphs are not held apart: a cut
    there may be the splitter's mistake, which the run's note on such rows offers to join."""
    text_of = {s.row_number: s.text for s in subs}
    units_of: dict[str, set[int]] = {}
    for j, i in enumerate(ok):
        op = opinions[i]
        # (a list typed on one line, 「…。(2) …」, too; the text's start counts as a line's)
        before = ("\n" if op.start <= 12 else "") + text_of.get(op.row_number, "")[max(0, op.start - 12):op.start]
        full = text_of.get(op.row_number, "")
        line_head = full[full.rfind("\n", 0, op.start) + 1:op.start]
        if (_ITEM_MARKER_BEFORE.search(before) or _TABLE_ROW_HEAD.match(line_head)  # (a TAB table's row, QA80)
                or ((_KANA_ITEM_BEFORE.search(before) or _ITEM_LABEL_START.match(op.text)) and _asks_something(op.text))):
            units_of.setdefault(op.comment_id, set()).add(int(unit_of_ok[j]))
    pairs = {(a, b) for units in units_of.values() for a in units for b in units if a < b}
    return sorted(pairs)


def group_units(texts: list[str], vectors: np.ndarray, counts: np.ndarray, tokens: list[list[str]],
                seed: int = 0, limit: int | None = None, block_size: int | None = None,
                progress=None, log: Callable[[str], None] | None = None, word_encoder=None,
                join_blocks: bool = True, background=None,
                apart_pairs: Sequence[tuple[int, int]] = (), parted: list[tuple[int, int]] | None = None) -> np.ndarray:
    """``group_opinions`` for any number of distinct texts (``apart_pairs``: see there; on the scale
    path they hold within each block).

    Up to ``limit`` texts this is exactly ``group_opinions`` (so results on ordinary inputs
    do not change). Above it, the texts are first cut into blocks of about ``block_size``
    by k-means on the embeddings, and each block is grouped on its own: the grouping's
    all-pairs neighbour search is then O(n * block_size) instead of O(n^2). A same-intent
    group cut by a block border is joined again afterwards: the same average-link rule runs
    once more with the blocks' clusters as nodes (``grouping.merge_across_blocks``).
    ``background``: a ``grouping.Background`` for small consultations (``group_opinions``).
    """
    limit = GROUP_LIMIT if limit is None else limit
    block_size = BLOCK_SIZE if block_size is None else block_size
    n = len(texts)
    if n <= limit:
        return group_opinions(texts, vectors, counts=counts, tokens=tokens, seed=seed, word_encoder=word_encoder,
                              background=background, apart_pairs=apart_pairs, parted=parted)
    x = np.asarray(vectors, dtype=np.float32)
    blocks = _blocks(x, np.arange(n), block_size, seed)
    # canonical block order (by smallest member), so labels do not depend on k-means numbering
    blocks.sort(key=lambda b: int(b[0]))
    if log is not None:
        log(f"grouping {n} distinct texts in {len(blocks)} blocks (largest {max(len(b) for b in blocks)})")
    labels = np.empty(n, dtype=np.int64)
    block_of = np.empty(n, dtype=np.int64)
    offset = 0
    iterator = blocks if progress is None else progress(blocks, total=len(blocks), desc="grouping blocks", always=True)
    block_position = np.empty(n, dtype=np.int64)
    for j, b in enumerate(blocks):
        block_position[b] = np.arange(len(b))
    for j, b in enumerate(iterator):
        members = set(b.tolist())
        apart = [(int(block_position[a]), int(block_position[c])) for a, c in apart_pairs
                 if a in members and c in members]
        moved: list[tuple[int, int]] = []
        lab = group_opinions([texts[i] for i in b], x[b], counts=np.asarray(counts)[b],
                             tokens=[tokens[i] for i in b], seed=seed, word_encoder=word_encoder,
                             background=background, apart_pairs=apart, parted=moved)
        if parted is not None:
            parted += [(int(b[u]), int(b[v])) for u, v in moved]
        labels[b] = lab + offset
        block_of[b] = j
        offset += int(lab.max()) + 1 if len(lab) else 0
    if not join_blocks:  # only to measure what the join adds (benchmarks)
        return labels
    merged = merge_across_blocks(texts, x, labels, block_of, counts=counts, tokens=tokens, seed=seed,
                                 word_encoder=word_encoder, background=background)
    if log is not None:
        log(f"grouping: {offset} clusters in blocks -> {int(merged.max()) + 1} after joining across blocks")
    return merged


def _apply_detaches(dups, keys: Sequence[str], ids: Sequence[str], decisions, fingerprints,
                    log: Callable[[str], None], threshold: float = 0.7, prev=None, out_dir: Path | str = "out"):
    """Staff ``detach`` decisions: their opinions (and exact copies of their text) leave their
    duplicate groups before grouping (``dedup.detach``: those one decision names that are copies
    of each other, by the run's near-duplicate ``threshold``, stay together). Returns the new groups,
    {position in ``ids``: number of the decision that took it out} and {decision number: why it no
    longer applies}.

    An exact copy not named that the earlier run in the folder (``prev``) already had, and had not
    taken out with the named one, makes the decision no longer apply (QA48: a detach of one of four
    letters an older version read as near copies, exact copies now, took the other three along
    unsaid and changed the published count): recording refuses that detach today, so it is said
    with the command that names them all. Exact copies that came since (late comments) go along,
    and the line says so."""
    if not any(d.kind == "detach" for d in decisions):
        return dups, {}, {}
    position = {oid: j for j, oid in enumerate(ids)}
    in_force = detached_opinions(decisions, position, fingerprints)
    all_named = {i for _, _, named in in_force for i in named}
    members: dict[tuple[int, str], list[int]] = defaultdict(list)  # (group, text) -> positions
    for j, g in enumerate(dups.group_of.tolist()):
        if dups.sizes[g] > 1:
            members[(int(g), keys[j])].append(j)
    earlier_id = {now: before for before, now in prev.recut.items()} if prev is not None else {}
    refused: dict[int, str] = {}
    wanted: dict[int, list[tuple[int, int]]] = defaultdict(list)  # group -> (position, decision)
    for n, what, named in in_force:
        alone = [i for i in named if dups.sizes[dups.group_of[position[i]]] == 1]
        if named and len(alone) == len(named):
            log(f"{what}: {', '.join(alone[:5])}{' ...' if len(alone) > 5 else ''} in no duplicate group "
                "in this run; nothing to take out")
        if prev is not None and prev.text_of:
            applied_before = n <= prev.decisions_seen and not prev.notes.get(str(n), "").startswith("no longer")
            for i in named:
                j = position[i]
                was = prev.group_of.get(earlier_id.get(i, i), "")
                there = [ids[k] for k in members.get((int(dups.group_of[j]), keys[j]), ())
                         if ids[k] not in all_named and prev.status_of.get(ids[k]) == "ok"
                         and not (applied_before and was and prev.group_of.get(ids[k]) == was)]
                if there:
                    whole = int(dups.sizes[dups.group_of[j]]) <= len(there) + 1
                    how = ("they are its whole group, so nothing is taken out" if whole else
                           f"`cluster review detach {out_dir} {i} {' '.join(there)}` takes them all out")
                    refused[n] = (f"{i} is now an exact copy of {', '.join(there[:5])}{' …' if len(there) > 5 else ''} "
                                  f"(the same text once normalised; {'it stays' if len(there) == 1 else 'they stay'} in "
                                  f"its duplicate group), and an exact copy is counted with its copies: {how}, "
                                  f"`cluster review undo {out_dir} --decision {n}` drops this one")
                    break
        if n in refused:
            continue
        for i in named:
            j = position[i]
            if dups.sizes[dups.group_of[j]] > 1:
                wanted[int(dups.group_of[j])].append((j, n))
    taken: dict[int, int] = {}
    if wanted:
        texts = {(g, keys[j]): n for g, pairs in wanted.items() for j, n in pairs}
        for j, g in enumerate(dups.group_of.tolist()):  # exact copies of a detached text go along
            n = texts.get((g, keys[j])) if g in wanted else None
            if n is not None:
                taken[j] = n
    if not taken:
        return dups, {}, refused
    dups = detach(dups, list(keys), sorted(taken), threshold=threshold, batch_of=taken)
    along = [ids[j] for j in sorted(taken) if ids[j] not in all_named]
    log(f"duplicates: {len(taken)} opinion(s) taken out of their duplicate group by staff decisions (detach)"
        + (f", {len(along)} of them exact copies of a detached text that no decision names (late comments): "
           f"{', '.join(along[:5])}{' …' if len(along) > 5 else ''}" if along else ""))
    return dups, taken, refused


def _texts_by_row(opinions) -> dict[int, list[str]]:
    """{row_number: the texts of its opinion rows, whatever their status}."""
    out: dict[int, list[str]] = defaultdict(list)
    for op in opinions:
        out[op.row_number].append(op.text)
    return out


def _earlier_texts(prev, edits: Mapping[str, str], present: set[str],
                   recuts: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """{opinion id: fingerprints of its texts before corrections}: the earlier run's list for ids
    still here, plus the text each id corrected since the earlier run held there, and the texts
    (and their earlier ones) of the opinions the splitter now cuts differently (``recuts``: earlier
    id -> id now), under the id that holds them now."""
    out = {oid: list(fps) for oid, fps in (prev.earlier_texts if prev else {}).items() if oid in present}
    for oid, before in sorted(edits.items()):
        fp = text_fingerprint(before)
        out.setdefault(oid, [])
        if fp not in out[oid]:
            out[oid].append(fp)
    for before_id, now in sorted((recuts or {}).items()):
        for fp in [text_fingerprint(prev.text_of[before_id])] + list(prev.earlier_texts.get(before_id, [])):
            out.setdefault(now, [])
            if fp not in out[now]:
                out[now].append(fp)
    return dict(sorted(out.items()))


def _apply_exclusions(opinions, ok: Sequence[int], decisions, fingerprints, out_dir: Path,
                      log: Callable[[str], None]) -> dict[str, int]:
    """{opinion id: number of the ``exclude`` decision in force that excludes it} among the
    opinions with content (``ok``), followed by their text; one line says how many, and a note
    names an opinion (a late comment) with the same text as an excluded one that no decision
    excludes: it is counted, since only the opinions staff named are excluded."""
    known = {opinions[i].opinion_id: i for i in ok}
    excluded = excluded_opinions(decisions, known, fingerprints)
    if not excluded:
        return {}
    ids = sorted(excluded, key=lambda oid: known[oid])
    log(f"excluded by staff decisions (対象外, not opinions on the draft): {len(ids)} opinion"
        f"{'s' if len(ids) != 1 else ''} ({', '.join(ids[:5])}{' …' if len(ids) > 5 else ''}): "
        "in opinions.csv with status excluded, out of the clusters and the counts of opinions")
    gone_texts = {fingerprints[oid]: excluded[oid] for oid in ids}
    alike = [oid for oid in known if oid not in excluded and fingerprints.get(oid) in gone_texts]
    if alike:
        n = gone_texts[fingerprints[alike[0]]]
        log(f"note: {', '.join(alike[:5])}{' …' if len(alike) > 5 else ''} "
            f"{'has' if len(alike) == 1 else 'have'} the same text as an opinion excluded by decision {n} but "
            f"{'is' if len(alike) == 1 else 'are'} counted (an exclusion names its opinions); exclude "
            f"{'it' if len(alike) == 1 else 'them'} too with `cluster review exclude {out_dir} "
            f"{' '.join(alike[:5])}` if {'it is' if len(alike) == 1 else 'they are'} no opinion on the draft either")
    return excluded


def run(input_path: str | Path | Sequence[str | Path], out_dir: str | Path, options: RunOptions | None = None,
        log: Callable[[str], None] | None = None, progress: bool = False, encoder=None) -> RunResult:
    """Run the whole pipeline on ``input_path`` (one file, or several read as one consultation:
    :func:`read_inputs`) and write the run folder ``out_dir``."""
    opts = options or RunOptions()
    log = log or (lambda msg: print(msg, file=sys.stderr))
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder")
    input_paths = [Path(p) for p in ([input_path] if isinstance(input_path, (str, os.PathLike)) else input_path)]
    if not input_paths:
        raise InputError("no input file given")
    if note := recover_interrupted_publish(out_dir):
        log(note)
    input_paths = _without_lock_files(input_paths, log)
    input_paths = _without_own_outputs(input_paths, log)
    _check_distinct_inputs(input_paths)
    _check_not_answers(input_paths, opts.answers)
    input_path = input_paths[0]
    _check_run_folder(out_dir, input_path)
    _check_writable(out_dir, worksheet=opts.worksheet)  # a read-only report.xlsx is said before the heavy work
    _keep_edited_worksheet(out_dir, log)
    for name in ("report.xlsx", "worksheet.xlsx"):
        # Excel's lock file: the workbook is open (QA60). Windows refuses to replace it, and the run says
        # so; elsewhere it is replaced under the reader's eyes, who keeps seeing the old one
        if (out_dir / f"~${name}").exists() or (out_dir / f"~${name[2:]}").exists():
            log(f"note: {name} in {out_dir} seems open in Excel (its lock file is there): close it and open it again "
                "to see this run's")
    prog = _progress_factory(progress)

    # 0. read everything the run depends on before computing anything; a missing side file is
    # said before a large input is read
    for option, path in ([("--topics", opts.topics), ("--categories", opts.categories)]
                         + [("--answers", a) for a in opts.answers]):
        if path and not Path(path).exists():
            raise InputError(f"{path}: file not found ({option})")
    if line := other_build_line(out_dir):
        log(line)
    read_otherwise = read_otherwise_since(out_dir, input_paths)
    opts, carried_categories = carry_over_report_settings(out_dir, opts, log)
    if opts.count_repeats not in COUNT_REPEATS:  # (not given here nor by the earlier run)
        opts = dc_replace(opts, count_repeats="each")
    categories = (read_categories(opts.categories) if opts.categories
                  else carried_categories or DEFAULT_CATEGORIES)
    subs, read_info = read_inputs(input_paths, opts, log, previous=previous_inputs(out_dir))
    # who of one 氏名 is who, by the 住所 column (QA83, QA87): a blank address is the name's first person
    subs, namesakes = resolve_addresses(subs)
    read_info["namesakes_apart"] = namesakes
    for line in check_attribute_columns(subs, opts.attribute_columns, read_info):
        log(line)
    topics = read_topics(opts.topics, log=log) if opts.topics else None
    if opts.order == "section" and not topics:
        log("--order section without --topics: rows citing an article of the draft (前文, 第N条, 附則) follow the "
            "articles, the others come last in count order; --topics (the draft's sections, in order) orders them all")
    encoder = encoder or load_encoder(opts.model)
    model_name = getattr(encoder, "name", str(opts.model))
    model_info = model_identity(encoder)
    if opts.model not in (None, "", "default", DEFAULT_MODEL):  # staff's own model: say which one this run used
        log(f"model: {model_name} ({model_info['kind']}, {model_info['dim']} dimensions"
            f"{', ' + model_info['folder'] if model_info['folder'] and model_info['folder'] != model_name else ''}"
            f"{', files ' + model_info['fingerprint'] if model_info['fingerprint'] else ''})")
    tokenizer = Tokenizer()
    index = None
    if opts.answers:
        # Past-answer tables, or one index saved by `cluster answers --save-index` (not re-embedded).
        from .answers import load_or_build_index

        index, answers_report = load_or_build_index(
            list(opts.answers), encoder, id_column=opts.answer_id_column, opinion_column=opts.answer_opinion_column,
            text_column=opts.answer_text_column, log=log, tokenizer=tokenizer)
        for line in _other_body_lines(answers_report, opts.answer_heading):
            log(line)
    decisions = load_decisions(out_dir)

    # 1. split and normalise
    opinions = split_opinions(subs, opts.split, progress=prog)
    # staff ``cut`` and ``join`` decisions: where the splitter cut a submission wrongly; applied
    # before anything is fingerprinted, excluded, deduplicated or grouped
    reshaped = (reshape_opinions(opinions, {s.row_number: s.text for s in subs}, decisions)
                if any(d.kind in RESHAPING for d in decisions) else None)
    if reshaped is not None:
        opinions = reshaped.opinions
    withdrawn = set(read_info.get("withdrawn_rows", ()))  # status 取下げ / テスト (QA52): kept, excluded
    spoken = set(read_info.get("spoken_rows", ()))  # a meeting's moderator or staff, a stage note (QA106)
    withdrawn |= spoken
    if withdrawn:
        # (a test row with nothing in it, 「テスト送信です。」, too: the line says they are excluded, QA53)
        opinions = [dc_replace(op, status="excluded") if op.row_number in withdrawn and op.status in ("ok", "empty")
                    else op for op in opinions]
    ok = [i for i, op in enumerate(opinions) if op.status == "ok"]
    n_blank = len(read_info.get("blank_rows", ()))  # every cell empty: kept in opinions.csv, not a submission
    n_over = len(subs) - len(one_row_per_submission(subs))  # rows that go on a submission's first row
    log(f"{len(subs) - n_over - n_blank - len(withdrawn)} submissions"
        f"{f' in {len(subs) - n_blank - len(withdrawn)} rows' if n_over else ''}"
        f"{f' and {n_blank} blank row' + ('s' if n_blank > 1 else '') if n_blank else ''}"
        f"{f' and {len(withdrawn) - len(spoken)} withdrawn' if len(withdrawn) > len(spoken) else ''}"
        f"{f' and {len(spoken)} of a meeting' + chr(39) + 's moderator or staff' if spoken else ''}"
        f" -> {len(opinions)} opinion rows ({len(ok)} with content)")
    # a test of the form (「テスト」, 「テスト送信です。」) is counted as a submission without an opinion, as sent; the
    # run names them, so staff can leave them out (QA100: staff's tests were counted and nothing said so)
    tests = list(dict.fromkeys(op.comment_id for op in sorted(opinions, key=lambda o: o.row_number)
                               if op.status == "empty" and op.row_number not in withdrawn and is_form_test(op.text)))
    if tests:
        log(f"{counted(len(tests), 'submission')} only {'test' if len(tests) > 1 else 'tests'} the form "
            f"(「テスト」「テスト送信です。」): {', '.join(tests[:8])}{' …' if len(tests) > 8 else ''}; counted under "
            "意見を含まない提出 as sent; a status column saying テスト (ステータス, 状態) or deleting the rows leaves them out")
    if reshaped is not None:
        for line in reshaped.messages:
            log(line)
        if reshaped.done:
            log(f"cut or joined by staff decisions: {'; '.join(reshaped.done[:5])}"
                f"{' …' if len(reshaped.done) > 5 else ''}")

    def touched(oid: str) -> bool:  # an opinion a cut or join made or names: staff reshaped it, the input is as it was
        return reshaped is not None and reshaped.touches(oid)

    def reshaped_since(oid: str) -> bool:  # its text changed by a cut or join recorded since the earlier run
        return reshaped is not None and reshaped.touches_since(oid, prev.decisions_seen if prev else 0)

    # the earlier run in this folder: opinions staff corrected in the input since are the same
    # opinions (they keep their clusters and decisions), not new ones
    prev = load_previous(out_dir)
    orphan_highest = _ids_without_a_record(out_dir, log) if prev is None else 0
    if prev is not None and len(decisions) < prev.decisions_seen:
        # (QA60: a line deleted by hand; the merge it recorded came undone without a word)
        gone = prev.decisions_seen - len(decisions)
        log(f"warning: {out_dir / 'decisions.jsonl'} holds {counted(len(decisions), 'line')}, the last run read "
            f"{prev.decisions_seen}: {counted(gone, 'line')} removed by hand? What {'it' if gone == 1 else 'they'} "
            "recorded is no longer applied (`cluster review undo` takes a decision back and keeps the record)")
    edits = find_edits(prev, {opinions[i].opinion_id: opinions[i].text for i in ok
                              if not reshaped_since(opinions[i].opinion_id)}) if prev else {}
    # opinions the splitter now cuts differently (QA48: 「拝啓」 or a signature line a row of its own):
    # the same opinions, under the id that holds their text now (they keep their clusters and decisions)
    recuts = find_recuts(prev, {opinions[i].opinion_id: opinions[i].text for i in ok
                                if not reshaped_since(opinions[i].opinion_id)},
                         {opinions[i].opinion_id: opinions[i].row_number for i in ok},
                         anywhere=prev.settings.get("split", True) != opts.split,
                         rows_now=_texts_by_row(opinions)) if prev else {}
    edits = {oid: text for oid, text in edits.items() if oid not in recuts}
    earlier_texts = _earlier_texts(prev, edits, {opinions[i].opinion_id for i in ok}, recuts)
    # fingerprints of every opinion with content (those staff excluded too: a decision naming one
    # must not follow its text to a copy that is not excluded)
    # (a decision recorded on the text of an opinion before a cut or join still names it)
    before_reshaped = {oid: set(earlier_texts.get(oid, ())) | fps for oid, fps in reshaped.earlier.items()} \
        if reshaped is not None else {}
    fingerprints = (Fingerprints({opinions[i].opinion_id: text_fingerprint(opinions[i].text) for i in ok},
                                 earlier={**earlier_texts, **before_reshaped}, edited_now=edits, recut_now=recuts,
                                 recut_why=("the earlier run used --no-split" if prev.settings.get("split") is False
                                            else "this run uses --no-split") if prev and
                                 prev.settings.get("split", True) != opts.split else None,
                                 read_otherwise=read_otherwise)
                    if decisions else None)
    # staff ``exclude`` decisions: no opinion on the draft; the row stays (status excluded), out of
    # every count of opinions and of the grouping; the submission still counts
    excluded_by = _apply_exclusions(opinions, ok, decisions, fingerprints, out_dir, log) if decisions else {}
    excluded_pairs = [(opinions[i].opinion_id, opinions[i].text) for i in ok if opinions[i].opinion_id in excluded_by]
    if excluded_by:
        for i in ok:
            if opinions[i].opinion_id in excluded_by:
                opinions[i] = dc_replace(opinions[i], status="excluded")
        ok = [i for i in ok if opinions[i].status == "ok"]
    # an opinion whose text only points to an attachment (「別添ファイルのとおり意見を提出します。」): its
    # opinions are in a file the run does not read; the row stays (status attachment), out of the
    # grouping and every count of opinions, and its submission still counts (QA40: two of them were
    # grouped with a real opinion and published as a row of 3). After the exclusions: one staff
    # excluded (対象外, QA30) stays excluded and is not named again.
    attached = [i for i in ok if is_attachment_only(opinions[i].text)]
    for i in attached:
        opinions[i] = dc_replace(opinions[i], status="attachment")
    if attached:
        ok = [i for i in ok if opinions[i].status == "ok"]
    attached_pairs = [(opinions[i].opinion_id, opinions[i].text) for i in attached]
    # an attachment's text typed into a file of its own, on a row with the same id (QA42): that row is
    # the submission, under the attachment row's channel and submitter; the attachment row is no
    # submission of its own (it counted twice) and is no longer named as waiting for its text
    declined: dict[int, int] = {}
    typed = typed_attachments(subs, opinions, attached, read_info, declined)
    if declined:  # same number, unrelated files: said, not merged (QA52)
        id_of = {sub.row_number: sub.comment_id for sub in subs}
        shown = [f"{id_of[a]} / {id_of[t]}" for a, t in sorted(declined.items())]
        log(f"not merged: {', '.join(shown[:5])}{' …' if len(shown) > 5 else ''}: a submission that only points to an "
            "attachment and a row of another file with the same number, both files numbering their records 1..N: "
            "counted as two submissions (to type an attachment's text into another file, name that file 添付…)")
    if typed:
        subs, opinions = _take_over_attachments(subs, opinions, typed)
        read_info["typed_attachment_rows"] = sorted(typed)
        id_of = {sub.row_number: sub.comment_id for sub in subs}
        shown = [f"{id_of[a]} -> {id_of[t]}" for a, t in sorted(typed.items())]
        log(f"{counted(len(typed), 'submission')} that only pointed to an attachment "
            f"{'has its' if len(typed) == 1 else 'have their'} text typed in another file under the same id "
            f"({', '.join(shown[:5])}{' …' if len(shown) > 5 else ''}): counted once, under the first row's "
            "channel and submitter")
        attached = [i for i in attached if opinions[i].row_number not in typed]
    unrelated = {sub.comment_id for sub in subs if sub.row_number in set(declined.values())}
    if note := attachment_note(list(dict.fromkeys(opinions[i].comment_id for i in attached)),
                               [s.comment_id for s in subs if s.comment_id not in unrelated],
                               [f"{i['name']}-" for i in read_info.get("inputs", ()) if i.get("prefixed")]):
        log(note)
    if excluded_by:  # (only then: two passes over every opinion of a million-letter run otherwise)
        excluded_rows = {op.row_number for op in opinions if op.status == "excluded"} - {opinions[i].row_number for i in ok}
        subs_named = [s for s in subs if s.row_number not in excluded_rows]
    else:
        subs_named = subs
    if note := attachment_mention_note(subs_named, {opinions[i].row_number for i in attached} | set(typed)):
        log(note)
    keys = [comparison_text(opinions[i].text) for i in ok]

    # 2. duplicates: exact and near (less the opinions staff detached), then one unit per duplicate group
    dups = find_duplicates(keys, threshold=opts.near_duplicate_threshold, progress=prog)
    dups, detached_by, detach_refused = _apply_detaches(
        dups, keys, [opinions[i].opinion_id for i in ok], decisions, fingerprints, log,
        threshold=opts.near_duplicate_threshold, prev=prev, out_dir=out_dir)
    # an opinion its submitter sent before (an exact or near copy from an earlier submission of the
    # same 氏名: the letter by e-mail and by post): counted once with --count-repeats once (status
    # repeat: kept in opinions.csv, out of the grouping and every count of opinions); said either way
    named = has_submitter_names(subs)
    repeats = find_repeats(opinions, ok, dups.group_of, keys, subs) if named else {}
    repeat_of: dict[int, str] = {}  # opinion index -> the id of the opinion it repeats (status repeat)
    repeat_pairs: list[tuple[str, str]] = []
    if line := repeats_line(opinions, ok, repeats, opts.count_repeats, named):
        log(line)
    if repeats and opts.count_repeats == "once":
        for j, first in repeats.items():
            i = ok[j]
            opinions[i] = dc_replace(opinions[i], status="repeat")
            repeat_of[i] = opinions[ok[first]].opinion_id
            repeat_pairs.append((opinions[i].opinion_id, opinions[i].text))
        keep = [j for j in range(len(ok)) if j not in repeats]
        dups = groups_without(dups, keep, keys)
        new_position = {j: n for n, j in enumerate(keep)}
        detached_by = {new_position[j]: n for j, n in detached_by.items() if j in new_position}
        ok, keys = [ok[j] for j in keep], [keys[j] for j in keep]
    unit_of_ok = dups.group_of
    unit_counts = dups.sizes.astype(np.float64)
    # the submissions each text came in: copies within one letter (five items worded alike) are no
    # campaign 「寄せられた」 by many (QA74: the report's 「うち、同一またはほぼ同一の文面…」 line named them)
    unit_senders: dict[int, set[int]] = defaultdict(set)
    for j, i in enumerate(ok):
        unit_senders[int(unit_of_ok[j])].add(opinions[i].row_number)
    unit_rep = [ok[j] for j in dups.representative]  # opinion index standing for each unit
    unit_texts = [_clustering_text(opinions[i]) for i in unit_rep]
    n_multi = int((dups.sizes > 1).sum())
    log(f"duplicates: {len(ok)} opinions -> {dups.n_groups} distinct "
        f"({n_multi} group{'' if n_multi == 1 else 's'} with copies, largest {int(dups.sizes.max()) if len(dups.sizes) else 0})")

    # 3. embed and group the distinct texts (continuing an earlier run in the same folder)
    unit_pairs: list[list[tuple[str, str]]] = []
    if prev:  # (opinion id, text) per unit: only needed to continue an earlier run
        unit_pairs = [[] for _ in range(dups.n_groups)]
        for j, i in enumerate(ok):
            unit_pairs[unit_of_ok[j]].append((opinions[i].opinion_id, opinions[i].text))
    continued: dict[int, str] = {}
    late = False
    arrivals: list[str] = []  # late runs: the opinions that came since the earlier run
    arrived_ids: set[str] = set()
    replaced: dict[int, str] = {}  # unit -> kind of the withdrawn decision that had placed it
    if unit_texts:
        vectors = np.asarray(encoder.encode(unit_texts, show_progress_bar=progress), dtype=np.float32)
        unit_tokens, kw_tokens = tokenize_units(
            unit_texts, [opinions[i].text for i in unit_rep], tokenizer, progress=prog,
            names=submitter_names(subs))
        # opinions on other drafts that frame a small consultation's embeddings
        small = len(unit_texts) < GROUPING_DEFAULTS["background_below"]
        background = Background.load(encoder, tokenizer) if small else None
        words = functools.partial(encoder.encode, show_progress_bar=False)  # the SIF view's word vectors

        def group(idx: Sequence[int]) -> np.ndarray:
            idx = list(idx)
            at = {u: k for k, u in enumerate(idx)}
            moved: list[tuple[int, int]] = []
            labels = group_units([unit_texts[u] for u in idx], vectors[idx], counts=unit_counts[idx],
                                 tokens=[unit_tokens[u] for u in idx], seed=opts.seed, progress=prog, log=log,
                                 word_encoder=words, background=background,
                                 apart_pairs=[(at[a], at[b]) for a, b in siblings if a in at and b in at], parted=moved)
            parted_units[:] = [(idx[u], idx[v]) for u, v in moved]
            # opinions citing different parts of the draft never share a row (QA76)
            labels, apart = part_by_places(labels, [unit_places[u] for u in idx], unit_counts[idx])
            placed_apart[:] = [(idx[u], idx[v]) for u, v in apart]
            return labels

        siblings = sibling_pairs(subs, opinions, ok, unit_of_ok)
        parted_units: list[tuple[int, int]] = []  # (moved unit, its sibling's unit): the run's note
        place_reader = PlaceReader(topics)
        unit_places = [place_reader.places(opinions[i].text, opinions[i].heading) for i in unit_rep]
        placed_apart: list[tuple[int, int]] = []  # (unit given a row apart for the place it cites, one it left): the note

        unit_prev = previous_clusters_of_units(prev, unit_pairs) if prev else []
        ok_pairs = [(opinions[i].opinion_id, opinions[i].text) for i in ok]
        # opinions excluded since the earlier run are still "there" for continuity: excluding one
        # takes it out of its cluster and regroups nothing (the cluster disappears if it was alone)
        # (so are those that only point to an attachment: one an earlier run clustered leaves its cluster alone)
        # (and the repeats of an opinion of the same submitter, --count-repeats once)
        seen_pairs = ok_pairs + excluded_pairs + attached_pairs + repeat_pairs
        # The earlier run's clusters are kept (late comments, or the same input again after a run
        # that took late comments) whatever decisions were recorded or withdrawn since: decisions
        # are re-applied on them below, and what a withdrawn one had baked into them is undone
        # there, so withdrawing one decision removes that decision's effect and nothing else.
        # an opinion clustered in the earlier run and excluded since: its cluster loses it and nothing
        # else moves (a fresh grouping without it would shift the others: QA saw confirmed rows lose
        # opinions to new unanswered rows)
        excluded_since = bool(prev) and any(oid in prev.cluster_of
                                            for oid, _ in excluded_pairs + attached_pairs + repeat_pairs)
        found = input_changes(prev, seen_pairs, {op.opinion_id: op.text for op in opinions
                                                 if op.status in ("empty", "greeting")}) if prev else None
        late = bool(prev) and is_late_comment_run(prev, model_name, asdict(opts), unit_prev, seen_pairs,
                                                  left=excluded_since, changes=found,
                                                  model_fingerprint=model_info["fingerprint"])
        changes = found if late else {"edited": [], "gone": [], "recut": [], "read_empty": []}
        arrivals = list(found.get("arrived", [])) if late and found else []  # opinions that came since, in order
        arrived_ids = set(arrivals)
        if late and (line := regrouped_copies_line(prev, unit_pairs, unit_prev, str(out_dir))):
            log(line)
        # (an opinion staff cut or joined changed by a decision, not in the input)
        changes = {k: [i for i in changes.get(k, []) if not reshaped_since(i)]
                   for k in ("edited", "gone", "recut", "read_empty")}
        if changes["read_empty"]:
            shown = changes["read_empty"]
            log(f"re-run: the tool now reads {counted(len(shown), 'earlier opinion')} as having no opinion "
                f"(status empty or greeting in opinions.csv), the input unchanged: {', '.join(shown[:5])}"
                f"{' …' if len(shown) > 5 else ''}; {'it leaves its cluster' if len(shown) == 1 else 'each leaves its cluster'}")
        if changes["recut"]:
            shown = [i if prev.recut[i] == i else f"{i} → {prev.recut[i]}" for i in changes["recut"]]
            log(f"re-run: the tool now cuts {counted(len(shown), 'earlier opinion')} differently (a greeting or "
                f"signature line is a row of its own, a sentence naming the subject its heading, or the letter read "
                f"otherwise: a fax's lines, OCR, a meeting's labels): {', '.join(shown[:5])}{' …' if len(shown) > 5 else ''}; "
                f"{'it keeps its cluster' if len(shown) == 1 else 'each keeps its cluster'} and staff decisions")
        if changes["edited"] or changes["gone"]:
            said = []
            for ids, what in ((changes["edited"], "read otherwise (each keeps its cluster)" if read_otherwise
                               else "corrected (each keeps its cluster)"),
                              (changes["gone"], "no longer found (each leaves its cluster)" if read_otherwise
                               else "no longer in the input or rewritten (each leaves its cluster)")):
                if ids:
                    said.append(f"{len(ids)} {what}: {', '.join(ids[:5])}{' …' if len(ids) > 5 else ''}")
            log(f"re-run: earlier opinions {'read otherwise by this version of the tool (the input is unchanged)' if read_otherwise else 'changed in the input'}: "
                f"{'; '.join(said)}; the other clusters are kept")
        if prev and not late and prev.cluster_of:
            why = regroup_reason(prev, model_name, asdict(opts), seen_pairs, model_info["fingerprint"])
            if why:
                log(f"re-run: the earlier run's clusters are not kept ({why}): all opinions are grouped afresh, "
                    "so clusters, their opinions and their No. may change; a cluster that keeps most of its "
                    "opinions keeps its id")
        fresh_grouping: list[np.ndarray] = []

        def fresh_labels() -> np.ndarray:  # the grouping a fresh run would make (computed once)
            if not fresh_grouping:
                fresh_grouping.append(group(range(len(unit_texts))))
            return fresh_grouping[0]

        if late:
            # late comments too: an opinion detached since is placed like a new one, on its own text
            n_new = sum(1 for p in unit_prev if p is None)
            freed = {int(unit_of_ok[j]) for j, n in detached_by.items() if n > prev.decisions_seen}
            for u in freed:
                unit_prev[u] = None
            # a merge, move or split withdrawn since is undone on the earlier clusters: the group a
            # merge had joined into another cluster gets back its own cluster and id; an opinion a
            # move or split had placed goes to the earlier cluster a fresh grouping puts it with
            # (not the one the decision had put it in), else it is placed like a new one
            unit_index = {oid: int(unit_of_ok[j]) for j, (oid, _) in enumerate(ok_pairs)}
            undone, restore = withdrawn_placements(prev, decisions, dict(ok_pairs))
            for oid, kind in undone.items():
                u = unit_index.get(oid)
                if u is not None and unit_prev[u] is not None:
                    replaced.setdefault(u, kind)
            retired = set(prev.cluster_of.values())
            placed_at: dict[int, str | None] = {}
            for u in sorted(replaced):
                back = Counter(restore[o] for o, _ in unit_pairs[u] if o in restore)
                old_id = min(back, key=lambda c: (-back[c], c)) if back else None
                if old_id is not None and old_id not in retired:
                    placed_at[u] = old_id
                    continue
                labels = fresh_labels()
                mates = Counter(unit_prev[v] for v in np.flatnonzero(labels == labels[u]).tolist()
                                if v not in replaced and unit_prev[v] not in (None, unit_prev[u]))
                placed_at[u] = min(mates, key=lambda c: (-mates[c], c)) if mates else None
            for u, cid in placed_at.items():
                unit_prev[u] = cid

            def join(labels, block_of, apart):
                return merge_across_blocks(unit_texts, vectors, labels, block_of, counts=unit_counts,
                                           tokens=unit_tokens, seed=opts.seed, apart=apart,
                                           word_encoder=words, background=background)

            def group_new(idx):
                # the new opinions are grouped within the whole consultation, as a fresh run would:
                # a handful of texts alone gives the similarity's random-pair statistics nothing to
                # stand on (a toilet request and a ごみ収集 request became one cluster)
                fresh = fresh_labels()
                return np.unique(fresh[list(idx)], return_inverse=True)[1].ravel()

            # a newcomer joins an earlier row only where a fresh grouping would put it (computed once
            # and only when there are newcomers: the same input run again needs none)
            fresh = fresh_labels() if any(p is None for p in unit_prev) else None
            unit_cluster, continued = extend_clusters(unit_prev, vectors, unit_counts, group_new, join, fresh=fresh)
            for line in _late_run_lines(prev, unit_prev, unit_pairs, unit_cluster, continued, n_new=n_new, freed=freed,
                                        replaced=replaced, touched=touched, reshaped=reshaped, arrivals=arrivals,
                                        unit_index=unit_index,
                                        changed=bool(changes["edited"] or changes["gone"] or changes["recut"]
                                                     or changes["read_empty"]),
                                        excluded_since=excluded_since,
                                        attached_since=any(oid in prev.cluster_of for oid, _ in attached_pairs),
                                        repeated_since=any(oid in prev.cluster_of for oid, _ in repeat_pairs),
                                        read_otherwise=read_otherwise,
                                        repeated={oid for oid, _ in repeat_pairs}):
                log(line)
        else:
            unit_cluster = group(range(len(unit_texts)))
    else:
        vectors = np.zeros((0, 1), dtype=np.float32)
        unit_tokens, kw_tokens, unit_cluster = [], [], np.zeros(0, dtype=np.int64)

    # 4. staff decisions (recorded by opinion id) re-applied on the new grouping
    opinion_unit = {opinions[i].opinion_id: int(u) for i, u in zip(ok, unit_of_ok)}
    applied = apply_decisions(opinion_unit, unit_cluster, decisions, fingerprints,
                              detached={opinions[ok[j]].opinion_id for j in detached_by}, excluded=excluded_by,
                              reshaped=reshaped.applied if reshaped is not None else None,
                              joined=reshaped.joined_into if reshaped is not None else None,
                              refused=detach_refused,
                              reshaped_from=reshaped.earlier if reshaped is not None else None,
                              # (and the rows the tool itself leaves out, a meeting's moderator or a withdrawn row:
                              # QA111 saw staff's exclusion of a 「司会：」 row said to have lost its opinions)
                              without_opinion={op.opinion_id: (op.status, text_fingerprint(op.text)) for op in opinions
                                               if op.status in ("empty", "greeting")
                                               or (op.status == "excluded" and op.row_number in withdrawn)}
                              if decisions else None)
    grouped, unit_cluster = unit_cluster, applied.cluster_of_unit  # (before and after the decisions)
    # what the run said of each decision (no longer applies, in part), for `cluster review list`
    applied.notes = run_notes((reshaped.messages if reshaped is not None else []) + applied.messages)
    for line in applied.messages:
        log(line)
    if decisions:  # a re-run says what it did with what staff recorded (figures that add up)
        log(f"staff decisions in {out_dir / 'decisions.jsonl'}: {decision_counts(decisions, applied)}")

    # 5. clusters: ordered by opinion count; ids stable for the same input and across re-runs
    members: dict[int, list[int]] = defaultdict(list)
    for u, c in enumerate(unit_cluster.tolist()):
        members[c].append(u)
    # (ties in input order, by the first opinion of each row: QA66 listed a campaign's items (3), (1), (2), as
    # item (3) had more distinct wordings and the others' representatives came from letters far apart)
    first_of_unit: dict[int, int] = {}
    for j, i in enumerate(ok):
        u = int(unit_of_ok[j])
        first_of_unit[u] = min(first_of_unit.get(u, i), i)
    order = sorted(members, key=lambda c: (-unit_counts[members[c]].sum(),
                                           min(first_of_unit.get(u, unit_rep[u]) for u in members[c])))
    cluster_index = {c: n for n, c in enumerate(order)}
    # a cluster keeps the earlier id of the opinions it holds (those the grouping put there first),
    # so the clusters a split, move or merge made keep theirs on every re-run, not only the continued ones
    if late:
        inherited = kept_ids(members, [[p] * int(n) for p, n in zip(unit_prev, unit_counts)], grouped)
    elif prev:
        inherited = kept_ids(members, [[prev.cluster_for(o, t) for o, t in pairs] for pairs in unit_pairs], grouped)
    else:
        inherited = {}
    # new clusters are numbered after the highest id this folder ever gave (kept in run.json), so an
    # id whose cluster is gone (moved away whole, merged away, excluded) never names another group
    given_before = max(highest_id_given(prev, decisions), orphan_highest)
    id_of = assign_ids(order, inherited, reserved=sorted(set(prev.cluster_of.values())) if prev else (),
                       after=given_before)
    cluster_ids = [id_of[c] for c in order]
    # the form-letter campaigns and the rows they went to (two of them in one row: staff check)
    # rows staff merged or confirmed hold their campaigns on purpose: not questioned again (QA22)
    gone = _withdrawn(decisions)
    unit_of_id = {opinions[i].opinion_id: int(unit_of_ok[j]) for j, i in enumerate(ok)} if decisions else {}
    staff_rows = {id_of[int(unit_cluster[unit_of_id[oid]])] for n, d in enumerate(decisions, 1)
                  if d.kind in ("merge", "confirm") and n not in gone for oid in d.opinion_ids if oid in unit_of_id}
    for line in campaign_lines(dups.sizes, [id_of[int(c)] for c in unit_cluster.tolist()],
                               [opinions[i].opinion_id for i in unit_rep], str(out_dir),
                               apart_from=int(GROUPING_DEFAULTS.get("campaigns_apart") or 0), staff_rows=staff_rows):
        log(line)
    highest_given = max([given_before] + [n for n in map(id_number, cluster_ids) if n is not None])
    if replaced:  # what a withdrawn merge, move or split had placed, and where it is now
        kinds = sorted(set(replaced.values()))
        went = [f"{opinions[unit_rep[u]].opinion_id} -> {id_of[int(unit_cluster[u])]}" for u in sorted(replaced)]
        log(f"withdrawn since the earlier run ({' / '.join(kinds)}): {len(went)} distinct opinion"
            f"{'s' if len(went) > 1 else ''} placed again without it ({', '.join(went[:5])}"
            f"{' …' if len(went) > 5 else ''}); the other clusters are kept")

    doc_cluster = [cluster_index[c] for c in unit_cluster.tolist()]
    keywords = ctfidf_keywords(kw_tokens, doc_cluster, unit_counts.tolist())
    rep_ops = []  # per cluster: the opinion (index) shown as its ご意見の概要
    centroids = []
    _, shown = report_maskers(subs, opts)
    ok_text = {opinions[i].opinion_id: opinions[i].text for i in ok} if prev and prev.representative_of else {}
    index_of = {opinions[i].opinion_id: i for i in ok} if ok_text else {}
    for n, c in enumerate(order):
        us = members[c]
        kept = _kept_representative(prev, cluster_ids[n], opinion_unit, us, ok_text) if ok_text else None
        if kept is not None:
            # the row staff reviewed keeps the opinion it showed, that very letter: a late near-copy
            # joining its duplicate group must not put its own wording in the report (QA25)
            rep_ops.append(index_of[prev.representative_of[cluster_ids[n]]])
        else:
            # on the members' rows only (same result: ``us`` is ascending, ties go to the lower index)
            ranked = [us[j] for j in rank_representatives(range(len(us)), vectors[us], unit_counts[us])]
            rep_ops.append(unit_rep[_least_personal(ranked[:REPRESENTATIVE_CHOICES],
                                                    lambda u: shown(opinions[unit_rep[u]].text, row=opinions[unit_rep[u]].row_number),
                                                    unit_counts)
                                    if opts.mask else ranked[0]])
        w = unit_counts[us][:, None]
        v = (vectors[us] * w).sum(axis=0)
        centroids.append(v / (np.linalg.norm(v) or 1.0))
    centroids = np.array(centroids, dtype=np.float32) if centroids else np.zeros((0, vectors.shape[1]))

    # opinion rows per cluster (duplicates included)
    ops_by_cluster: dict[int, list[int]] = defaultdict(list)
    cluster_of_opinion: dict[int, int] = {}
    for j, i in enumerate(ok):
        n = cluster_index[int(unit_cluster[unit_of_ok[j]])]
        ops_by_cluster[n].append(i)
        cluster_of_opinion[i] = n

    # both parts of a staff cut in one row: the letter counts twice in its 件数 (QA); say so
    row_of_id = {opinions[i].opinion_id: (opinions[i].row_number, n) for i, n in cluster_of_opinion.items()}
    for oid, (row, n) in sorted(row_of_id.items()):
        head = _cut_head(oid)
        if head and row_of_id.get(head) == (row, n):
            log(f"note: both parts of the cut of {head} ({head}, {oid}) are in {cluster_ids[n]}, where the letter "
                f"counts twice; `cluster review move {out_dir} {oid} CLUSTER_ID` if it asks something else, or "
                f"`cluster review undo {out_dir} --decision N` to withdraw the cut")
    line = same_letter_line(opinions, cluster_of_opinion, cluster_ids, str(out_dir))
    if line:
        log(line)
    if unit_texts and (line := parted_line(parted_units, opinions, ok, unit_of_ok, cluster_of_opinion, cluster_ids,
                                           str(out_dir))):
        log(line)
    if unit_texts and placed_apart:
        pairs = [(cluster_ids[cluster_of_opinion[unit_rep[u]]], cluster_ids[cluster_of_opinion[unit_rep[v]]],
                  opinions[unit_rep[u]].opinion_id) for u, v in placed_apart
                 if unit_rep[u] in cluster_of_opinion and unit_rep[v] in cluster_of_opinion]
        pairs = [(a, b, oid) for a, b, oid in pairs if a != b]  # (a staff decision put them together again)
        if pairs:
            shown = [f"{oid} → {a} (left {b})" for a, b, oid in pairs]
            log(f"note: {counted(len(pairs), 'opinion')} citing another part of the draft than the rest of "
                f"{'its' if len(pairs) == 1 else 'their'} row kept apart (each part of the draft its own row): "
                f"{'; '.join(shown[:8])}{f' and {len(shown) - 8} more' if len(shown) > 8 else ''}; if two ask the same, "
                f"`cluster review merge {out_dir} {pairs[0][1]} {pairs[0][0]}`")
    topic_matches = None
    if topics and order:  # no cluster (every row empty): nothing to match
        rep_texts = [" ".join(unit_texts[u] for u in members[c][:20]) for c in order]
        # a cited section counts when the row's shown text or most of its opinions cite it
        citing = [(f"{opinions[rep_ops[n]].heading} {opinions[rep_ops[n]].text}", _citing_texts(members[c], unit_texts,
                                                                                               unit_counts))
                  for n, c in enumerate(order)]
        topic_matches = match_topics(rep_texts, centroids, topics, encoder, tokenizer, citing=citing)
        unmatched = sum(1 for name, _ in topic_matches if not name)
        if unmatched:
            log(f"topics: {unmatched} of {len(topic_matches)} clusters share no word with any topic and get none "
                "(add words to a topic's description to link them)")
        # (QA76: the line above counted 2 rows where the report left 8 blank: the others match too weakly)
        weak = sum(1 for name, score in topic_matches if name and score < PUBLISHED_TOPIC_SCORE)
        if weak:
            log(f"topics: {weak} more cluster{'s' if weak > 1 else ''} match a topic too weakly to publish it (score under "
                f"{PUBLISHED_TOPIC_SCORE}: the report's 該当箇所 names no topic for them, clusters.csv keeps it)")

    clusters: list[Cluster] = []
    refs_of: dict[tuple[str, str], list[str]] = {}  # copies share their references
    for n, c in enumerate(order):
        refs = Counter()
        for i in ops_by_cluster[n]:
            key = (opinions[i].heading, opinions[i].text)
            found = refs_of.get(key)
            if found is None:
                # a line apart: the heading 「第7条」 over 「第7条の報告…」 is no 「第7条第7条」
                found = refs_of[key] = find_references(f"{key[0]}\n{key[1]}")
            refs.update(found)
        label = applied.labels.get(c) or make_label(keywords[n])
        topic, topic_score = topic_matches[n] if topic_matches else ("", 0.0)
        clusters.append(Cluster(
            cluster_id=cluster_ids[n],
            opinion_ids=tuple(opinions[i].opinion_id for i in ops_by_cluster[n]),
            size=len(ops_by_cluster[n]),
            representative=opinions[rep_ops[n]].opinion_id,
            label=label,
            keywords=tuple(w for w, _ in keywords[n]),
            topic=topic, topic_score=topic_score,
            references=tuple(merge_references(refs)[:3]),
            unique_texts=len(members[c]),
            campaign_copies=int(sum(unit_counts[u] for u in members[c] if unit_counts[u] >= CAMPAIGN_MIN_COPIES
                                    and len(unit_senders[u]) >= CAMPAIGN_MIN_COPIES)),
            label_edited=c in applied.labels,
            confirmed=c in applied.confirmed,
            summary=applied.summaries.get(c, ""),
            category=applied.categories.get(c, ""),
            section=applied.sections.get(c, ""),
            department=applied.departments.get(c, ""),
        ))

    if line := unknown_category_line(clusters, categories):
        log(line)
    if topics and (uncovered := [(cl.cluster_id, ref) for cl in clusters if not cl.topic and not cl.section
                                 for ref in cl.references[:1] if not place_listed(ref, topics)]):
        # (QA76: 「第6章」「P.95」 of a draft with five chapters and 90 pages were published as 該当箇所 unsaid)
        shown = ", ".join(f"{cid} ({ref})" for cid, ref in uncovered[:6]) + (" …" if len(uncovered) > 6 else "")
        log(f"topics: {counted(len(uncovered), 'row')} cite{'s' if len(uncovered) == 1 else ''} a place no topic covers, "
            f"published as cited in 該当箇所: {shown}; check it is in the draft, or write the row's place with "
            f"`cluster review section {out_dir} ID TEXT`")

    # 6. past answers: candidates per cluster, confirmed answers, reuse within the run
    answer_rows: list[AnswerCandidate] = []
    confirmed: dict[str, dict] = {}
    past_by_id = {r.answer_id: r for r in index.records} if index is not None else {}
    for c, ans in applied.answers.items():
        ans = dict(ans)
        kept = ans.pop("answer_text", "")  # the text staff saw when they confirmed it
        if ans.get("answer_id") and not ans.get("text"):
            record = past_by_id.get(ans["answer_id"])
            if record is None and kept:
                log(f"confirmed answer {ans['answer_id']} for {cluster_ids[cluster_index[c]]} is not in the "
                    "past answers given (--answers); the text recorded with the decision is used")
                ans = {"text": kept}
            elif record is None:
                log(f"confirmed answer {ans['answer_id']} for {cluster_ids[cluster_index[c]]} "
                    "is not in the past answers given (--answers) and no text was recorded with it; "
                    "the cluster is shown without a confirmed answer")
                continue
            else:
                ans["text"] = record.answer
        confirmed[cluster_ids[cluster_index[c]]] = ans
    if late:  # an answer, summary or confirmation from before late opinions joined may not fit them
        rows = [(cluster_ids[cluster_index[c]],
                 [w for w, has in (("a confirmed answer", c in applied.answers),
                                   ("a written summary", bool(applied.summaries.get(c))),
                                   (f"対応区分 {applied.categories.get(c)}", bool(applied.categories.get(c))),
                                   ("a staff confirmation (review confirm)", c in applied.confirmed)) if has],
                 [unit_pairs[u] for u in members[c]]) for c in order]
        for line in late_joining_lines(rows, arrived_ids):
            log(line)
    candidates_by_cluster: dict[str, list[AnswerCandidate]] = {}
    has_past = index is not None and len(index) > 0
    if clusters and (has_past or (confirmed and len(clusters) > 1)):
        from .answers import AnswerIndex, reuse_confirmed_answers, suggest_for_clusters

        texts_by_cluster = {}
        reps = {}
        for n, cl in enumerate(clusters):
            ids = [opinions[unit_rep[u]].text for u in members[order[n]]]
            texts_by_cluster[cl.cluster_id] = ids
            reps[cl.cluster_id] = opinions[rep_ops[n]].text
        if has_past:
            candidates_by_cluster = suggest_for_clusters(index, texts_by_cluster, k=opts.top_answers,
                                                         min_score=0.0, representatives=reps)
        else:
            # no past answers given (a town without an archive): the answers confirmed in this run
            # are still offered to the other rows, scored by an index of those answers alone
            index = AnswerIndex.build(
                [PastAnswer(answer_id=f"run:{cid}", opinion="\n".join(texts_by_cluster[cid][:50]),
                            answer=a.get("text", ""), source="今回確定した回答")
                 for cid, a in confirmed.items() if a.get("text")], encoder, tokenizer)
        if confirmed:
            if opts.answer_min_score is not None and opts.answer_min_score < index.min_score:
                # (QA99: 0.10, 0.05 and 0.01 gave what 0.15 gave, unsaid)
                log(f"--min-answer-score {opts.answer_min_score:g}: answers confirmed in this run are offered to other rows "
                    f"from {index.min_score:g}, the past-answer index's own threshold (below it they fit no row)")
            candidates_by_cluster = reuse_confirmed_answers(
                index, texts_by_cluster, {cid: ({"answer_id": a["answer_id"]} if a.get("answer_id") and has_past else
                                                {"text": a.get("text", "")}) for cid, a in confirmed.items()},
                candidates=candidates_by_cluster, representatives=reps,
                # a --min-answer-score staff set asks for more candidates: the index's own threshold
                min_score=None if opts.answer_min_score is None else max(opts.answer_min_score, index.min_score))
        for cl in clusters:
            answer_rows.extend(candidates_by_cluster.get(cl.cluster_id, []))
    report_min_score = (opts.answer_min_score if opts.answer_min_score is not None
                        else index.min_score if index is not None else 0.0)  # no index: no candidates
    if held := [cl.cluster_id for cl in clusters if cl.cluster_id not in confirmed
                and _held_back(candidates_by_cluster.get(cl.cluster_id), report_min_score)
                and not _report_candidates(candidates_by_cluster, cl.cluster_id, report_min_score)]:
        log(f"past answers: {len(held)} row{'s' if len(held) > 1 else ''} whose best past answer matched another of "
            f"{'their' if len(held) > 1 else 'its'} opinions than the one shown, and fits that one little, "
            f"{'show' if len(held) > 1 else 'shows'} no candidate in the report (answers.csv lists it; the row may mix "
            f"requests: `cluster review show {out_dir} {held[0]}`): {', '.join(held[:8])}{' …' if len(held) > 8 else ''}")

    # a past answer written for another consultation's opinion: its masks (［氏名］) and its quotation of that
    # opinion (「「…」とのご意見について」) would be published again beside opinions that never said it (QA78)
    if index is not None and not opts.final and (carried := [
            cl.cluster_id for cl in clusters if cl.cluster_id not in confirmed
            and any(_CARRIED_OVER_RE.search(c.answer) for c in _report_candidates(candidates_by_cluster, cl.cluster_id,
                                                                                   report_min_score)[:1])]):
        log(f"past answers: {len(carried)} candidate{'s' if len(carried) > 1 else ''} shown in the report "
            f"{'quote' if len(carried) > 1 else 'quotes'} the earlier consultation's opinion or {'hold' if len(carried) > 1 else 'holds'} "
            f"its masked personal data (「…」とのご意見, ［氏名］): adapt {'them' if len(carried) > 1 else 'it'} before "
            f"confirming (`cluster review answer {out_dir} ID --text …`): {', '.join(carried[:8])}{' …' if len(carried) > 8 else ''}")

    # 7. outputs
    counts = _counts(subs, opinions, dups, clusters, read_info)
    numbered_before = _report_numbers(out_dir / "clusters.csv") if prev else {}
    files = _publish(out_dir, lambda stage: _write_outputs(stage, input_path, subs, opinions, ok, unit_of_ok, dups, cluster_of_opinion,
                           cluster_ids, clusters, answer_rows, confirmed, candidates_by_cluster,
                           report_min_score, opts, counts, read_info, model_name,
                           [t.name for t in topics] if topics else None, applied,
                           "continued" if late else "fresh", log, highest_given=highest_given,
                           earlier_texts=earlier_texts, categories=categories, repeat_of=repeat_of,
                           previous_no=numbered_before, model_info=model_info))
    if note := _renumbered_note(numbered_before, _report_numbers(out_dir / "clusters.csv"), out_dir):
        log(note)
    log(f"{counts['ok_opinions']} opinions in {len(clusters)} clusters; wrote {out_dir}/")
    return RunResult(out_dir, subs, opinions, clusters, answer_rows, counts, files)


def _report_numbers(clusters_csv: Path) -> dict[str, str]:
    """{cluster_id: its No. in the report} of a run's clusters.csv ({} when unreadable)."""
    from .continuity import cluster_column

    return cluster_column(clusters_csv, "report_no")


def _renumbered_note(before: Mapping[str, str], now: Mapping[str, str], out_dir: Path) -> str | None:
    """One line when rows of the last run have another No. in the report now (QA63: a 該当箇所 imported from a
    worksheet moved 12 rows of a report in the draft's order, unsaid; the departments had been sent them by No.)."""
    moved = [(cid, before[cid], now[cid]) for cid in sorted(now, key=lambda c: int(now[c]) if now[c].isdigit() else 0)
             if cid in before and before[cid] != now[cid]]
    if not moved:
        return None
    shown = ", ".join(f"{cid} No. {a} → {b}" for cid, a, b in moved[:6]) + (" …" if len(moved) > 6 else "")
    return (f"note: {counted(len(moved), 'row')} of the report {'has' if len(moved) == 1 else 'have'} another No. than in "
            f"the last run ({shown}): a list or a worksheet that names rows by No. names others now; their cluster ids "
            f"stay (`cluster review show {_shell_word(str(out_dir))} ID`)")


def _without_lock_files(paths: list[Path], log: Callable[[str], None]) -> list[Path]:
    """``paths`` less Excel's lock files (~$電子申請.xlsx, there while 電子申請.xlsx is open) whose
    workbook is given too: `cluster run *.xlsx` in a folder where one is open. A lock file given
    without its workbook is still refused by the reader (it names the workbook to give)."""
    def owner(lock: Path) -> Path | None:
        for path in paths:
            if path is lock or path.name.startswith("~$") or path.parent.resolve() != lock.parent.resolve():
                continue
            # Excel: 「~$」 + the name; Office also writes it over a long name's first two characters
            if path.name == lock.name[2:] or (len(path.name) == len(lock.name) and path.name[2:] == lock.name[2:]):
                return path
        return None

    kept = []
    for path in paths:
        workbook = owner(path) if path.name.startswith("~$") else None
        if workbook is None:
            kept.append(path)
        else:
            log(f"note: {path}: Excel's lock file skipped ({workbook.name} itself is read)")
    return kept or paths


def _without_own_outputs(paths: list[Path], log: Callable[[str], None]) -> list[Path]:
    """``paths`` less this tool's own outputs (a run folder's opinions.csv, report.xlsx, a filled-in
    worksheet …, told by their content: ``own_output_kind``), said in one line; refused when no comment
    file is left (QA60: `cluster run *.csv` beside an earlier run's outputs counted every comment three
    times and titled the report 「answers」)."""
    kinds = {path: own_output_kind(path) for path in paths if path.is_file()}
    mine = [path for path in paths if kinds.get(path)]
    if not mine:
        return paths
    theirs = [path for path in paths if not kinds.get(path)]
    shown = [path.name if path.name == kinds[path] else f"{path.name} ({kinds[path]})" for path in mine]
    import_hint = ("; a filled-in worksheet goes in with `cluster review import DIR FILE`"
                   if any(kinds[p] == "worksheet.xlsx" for p in mine) else "")
    if not theirs:
        raise InputError(f"{mine[0]}: is an output of this tool ({kinds[mine[0]]} of a run), not a file of comments; "
                         f"give the files of comments the run read (its run.json names them){import_hint}")
    log(f"warning: skipped {counted(len(mine), 'file')} written by this tool, not comments: {', '.join(shown)}"
        f"{import_hint}")
    return theirs


def _ids_without_a_record(out_dir: Path, log: Callable[[str], None]) -> int:
    """The highest cluster id of a run folder whose outputs are there but whose run.json is not
    (removed by hand), said in one line: the earlier settings and cluster ids cannot be kept, and the
    new ids start after the old ones, so no id written down names another group (QA60: C006 did)."""
    opinions_csv = out_dir / "opinions.csv"
    if (out_dir / "run.json").exists() or not opinions_csv.is_file():
        return 0
    try:
        rows = read_table(opinions_csv).rows
    except (InputError, OSError, ValueError):
        return 0
    highest = max((id_number(unescape_cell(r.get("cluster_id") or "")) or 0 for r in rows), default=0)
    log(f"warning: {out_dir / 'run.json'} is missing (removed by hand?): the earlier run's settings (--title, "
        "--period, --answers …) and its cluster ids cannot be kept; give those options again"
        + (f"; the new cluster ids start after C{highest:03d}, so none names another group" if highest else ""))
    return highest


def _check_not_answers(paths: Sequence[Path], answers: Sequence[str | Path]) -> None:
    """A file given as comments and as --answers: its past answers would be counted and published as
    this consultation's opinions (QA60)."""
    given = {}
    for a in answers:
        if a and Path(a).is_file():
            given[Path(a).resolve()] = Path(a)
            given[_sha256(Path(a))] = Path(a)
    for path in paths:
        if path.is_file() and (path.resolve() in given or _sha256(path) in given):
            raise InputError(f"{path.name} is given as comments and as --answers: its past answers would be counted "
                             "and published as this consultation's opinions; give it with --answers only")


# Files only a run writes (report.md or clusters.csv could be anyone's): a folder holding one of
# them, or a run's staging folder, is a run folder.
RUN_FILES = ("run.json", "opinions.csv", "decisions.jsonl")


def _check_run_folder(out_dir: Path, input_path: Path) -> None:
    """Refuse a folder that holds other files and no run (「--out ~/Documents」, the input's own
    folder): a run replaces report.md and the rest, which there could be someone else's files."""
    if not out_dir.is_dir():
        return
    names = {p.name for p in out_dir.iterdir()}
    if names & set(RUN_FILES) or any(n.startswith(".staging-") for n in names):
        return
    # what Finder and Explorer leave in any folder they open is not someone's work
    if all(n.startswith(".") or n.lower() in ("thumbs.db", "desktop.ini") for n in names):
        return
    where = "the input file's folder" if input_path.resolve().parent == out_dir.resolve() else "a folder"
    raise InputError(f"{out_dir}: {where} that holds other files and no run of this tool; give a new or empty "
                     f"folder for --out (e.g. {out_dir / 'out'})")


def _keep_edited_worksheet(out_dir: Path, log: Callable[[str], None]) -> None:
    """worksheet.xlsx saved after the run that wrote it (staff filled it in where it lay) is
    copied to worksheet.edited-N.xlsx before this run writes a new one: edits are never lost."""
    from .worksheet import import_hint, was_edited

    sheet = out_dir / "worksheet.xlsx"
    if not was_edited(sheet):  # by content: a folder copied without file times (cp -r) is no different
        return
    import shutil

    n = 1
    while (out_dir / f"worksheet.edited-{n}.xlsx").exists():
        n += 1
    kept = out_dir / f"worksheet.edited-{n}.xlsx"
    shutil.copy2(sheet, kept)
    log(f"worksheet.xlsx was filled in where it lay (its cells differ from what the run wrote): kept as {kept.name}; "
        f"{import_hint(out_dir, kept)}")


def _counts(subs, opinions, dups, clusters, read_info) -> dict:
    status = Counter(op.status for op in opinions)
    # a submission whose opinions staff excluded (対象外) had content: it is not 「意見を含まない提出」; nor
    # is one whose opinions are in an attachment (status attachment)
    # (nor one whose opinions repeat its submitter's earlier ones: status repeat, --count-repeats once)
    rows_with_opinion = len({op.row_number for op in opinions
                             if op.status in ("ok", "excluded", "attachment", "repeat")})
    # a submission typed over several rows, one opinion per row, is one submission (io.rows_of_one_submission)
    submissions = one_row_per_submission(subs)
    with_opinion = {op.comment_id for op in opinions if op.status in ("ok", "excluded", "attachment", "repeat")}
    return {
        "input_rows": len(subs),
        "rows_with_opinions": rows_with_opinion,
        "rows_without_opinions": len(subs) - rows_with_opinion,
        **({"submissions": len(submissions),
            "submissions_without_opinions": sum(1 for s in submissions if s.comment_id not in with_opinion)}
           if len(submissions) != len(subs) else {}),
        "opinion_rows": len(opinions),
        "ok_opinions": status.get("ok", 0),
        "excluded_opinions": status.get("excluded", 0),  # staff decided they are no opinion on the draft
        "attachment_opinions": status.get("attachment", 0),  # only point to an attachment the run did not read
        "repeat_opinions": status.get("repeat", 0),  # repeat their submitter's earlier opinion (--count-repeats once)
        "status": dict(sorted(status.items())),
        "distinct_opinions": int(dups.n_groups),
        "duplicate_groups": int((dups.sizes > 1).sum()),
        "opinions_in_duplicate_groups": int(dups.sizes[dups.sizes > 1].sum()),
        "clusters": len(clusters),
        "singleton_clusters": sum(1 for c in clusters if c.size == 1),
        "control_chars_removed": read_info["control_chars_removed"],
        **_kind_counts(subs, read_info),
    }


def _kind_counts(subs, read_info) -> dict:
    """run.json's 提出者数 by kind of submitter, as the report counts it (blank rows aside):
    ``submitters_by_kind`` (None without a 氏名 column: the report then counts submissions) and
    ``submissions_by_kind``; {} when no column tells the kind."""
    blank = set(uncounted_rows(read_info))
    counted = one_row_per_submission([s for s in subs if s.row_number not in blank])
    by_kind = count_kinds(counted)
    if not by_kind:
        return {}
    return {"submitters_by_kind": {k: p for k, p, _ in by_kind} if has_submitter_names(counted) else None,
            "submissions_by_kind": {k: n for k, _, n in by_kind}}


def _citing_texts(units: Sequence[int], unit_texts: Sequence[str], unit_counts, limit: int = 200
                  ) -> list[tuple[str, float]]:
    """A cluster's distinct texts with their copies, the ``limit`` most copied (the rest as one
    text that cites nothing, so that "more than half of its opinions" still counts them all)."""
    ranked = sorted(units, key=lambda u: (-unit_counts[u], u))
    out = [(unit_texts[u], float(unit_counts[u])) for u in ranked[:limit]]
    rest = float(sum(unit_counts[u] for u in ranked[limit:]))
    return out + ([("", rest)] if rest else [])


def _number_list(numbers: Sequence[int], limit: int = 20) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (f" … ({len(numbers)} in all)" if len(numbers) > limit else "")


# An answer that quotes the opinion it answered (「「…」とのご意見について」「…とのご指摘」) or holds a mask (［氏名］)
_CARRIED_OVER_RE = re.compile(r"」\s*(?:との|という)\s*(?:ご|御)?(?:意見|指摘|要望|提案|質問)|［(?:氏名|住所|電話番号|メールアドレス|学校名)］")


def _held_back(candidates, min_score: float) -> bool:
    """Whether a row's best candidate stands by its score but not on the opinion the row shows."""
    top = (candidates or [None])[0]
    return top is not None and top.score >= min_score and not stands_in_report(top, min_score)


def _report_candidates(candidates_by_cluster, cluster_id: str, min_score: float) -> list[AnswerCandidate]:
    """The candidates good enough to stand, marked as unconfirmed, in the report (``stands_in_report``)."""
    return [c for c in candidates_by_cluster.get(cluster_id) or [] if stands_in_report(c, min_score)]


def _channel_key(channel: str) -> tuple:
    return (CHANNEL_ORDER.index(channel) if channel in CHANNEL_ORDER else len(CHANNEL_ORDER),
            channel == UNKNOWN_CHANNEL, channel)


def submitter_names(subs) -> set[str]:
    """The submitters' names (氏名 column), masked wherever they appear in the report: the people a
    cell names (「…有志（代表 小川 由美）」 -> 「小川 由美」), no group's name (``mask.submitter_person_names``)."""
    return {n for s in subs if is_real_name(s.submitter) for n in submitter_person_names(s.submitter) if is_real_name(n)}


def report_form(text: str, names, section: str | None = None, recurring: Iterable[str] = ()) -> str:
    """An opinion as the report and the worksheet show it: display text, masked, without the
    lines that held only personal data (a signature, a contact line); ``section``: the row's
    該当箇所, for its ご意見の概要 (``display_text``); ``recurring``: names masked elsewhere in the
    same submission, masked here too where they recur (``mask.masked_name_parts``)."""
    return without_date_line(drop_masked_lines(mask_personal_data(display_text(text, section), names,
                                                                  recurring=recurring)))


def report_maskers(subs, opts: RunOptions) -> tuple[Callable[[str], str], Callable[..., str]]:
    """``(mask, shown)``: ``mask`` masks a text for the report (the submitters' names too);
    ``shown(text, section=None, row=None)`` turns an opinion into its report form (``report_form``);
    ``row``: its submission's row number, whose whole text names the people the opinion may name
    again by a given name alone (QA47: 「次男・高橋翔（34歳）…」 in one opinion, 「翔を…」 in the next)."""
    if not opts.mask:
        return (lambda t: t), (lambda t, section=None, row=None: display_text(t, section))
    names = submitter_names(subs)
    text_of_row = {s.row_number: s.text for s in subs}

    @functools.lru_cache(maxsize=4096)  # (the report asks once per row shown: its representative's letter)
    def named_in(row: int) -> tuple[str, ...]:
        whole = text_of_row.get(row, "")
        return tuple(masked_name_parts(whole, mask_personal_data(whole, names))) if whole else ()

    return ((lambda t: mask_personal_data(t, names)),
            (lambda t, section=None, row=None: report_form(t, names, section, named_in(row) if row is not None else ())))


_TITLE_RE = re.compile(r"^(.+?)(?:に対する|についての|への).*(?:意見|コメント)")
# 「…計画（案）意見一覧」「…（案）パブリックコメント意見一覧」: a draft's name right before the list (QA59)
_DRAFT_TITLE_RE = re.compile(r"^(.+?(?:（案）|\(案\)))[\s・]*(?:パブリック・?コメント|パブコメ)?[\s・]*(?:ご|御)?"
                             r"(?:意見|コメント)")


def title_from_rows(rows: Sequence[str]) -> str:
    """The report title from a title row above the table that names the draft
    (「第3次…計画（案）に対する意見一覧」 -> 「第3次…計画（案）に対する意見募集の結果」), else ""."""
    for row in rows:
        m = _TITLE_RE.match(" ".join(row.split())) or _DRAFT_TITLE_RE.match(" ".join(row.split()))
        if m and len(m.group(1)) >= 4:
            return f"{m.group(1).strip('「」 ')}に対する意見募集の結果"
    return ""


# The report shows a cluster's representative opinion: among the few most central ones, the one
# with the least personal data masked (a QA pass found 「私は北区に住む［氏名］と申します…連絡先：
# ［電話番号］」 published as a row's ご意見の概要 while a plain copy of the request sat beside it).
def _kept_representative(prev, cluster_id: str, opinion_unit: dict[str, int], units: Sequence[int],
                         text_of: dict[str, str]) -> int | None:
    """The unit of the representative ``cluster_id`` had in the earlier run, when that opinion
    (same id, same text) is still in the cluster: re-runs and late comments do not change a
    row's ご意見の概要 under staff's eyes."""
    oid = prev.representative_of.get(cluster_id)
    u = opinion_unit.get(oid) if oid else None
    if u is None or u not in set(units):
        return None
    return u if oid in text_of and prev.same(oid, text_of[oid]) else None


REPRESENTATIVE_CHOICES = 5


def _least_personal(ranked: Sequence[int], shown: Callable[[int], str], counts: Sequence[int] | None = None) -> int:
    """The first of ``ranked`` with the fewest masks in its report form (the first without any
    ends the search: most are, and masking costs a tokenizer pass). With ``counts`` (copies per
    unit) only units with at least half the copies of the first are weighed: a campaign's letters
    signed with a masked phone number must not give their row's summary to a lone opinion that
    happens to hold no personal data (QA44: 15 letters asking for medical interpreters were
    published under a Japanese-class opinion)."""
    if counts is not None:
        ranked = [u for u in ranked if 2 * counts[u] >= counts[ranked[0]]]
    if len(ranked) == 1:
        return ranked[0]
    best, fewest = ranked[0], None
    for u in ranked:
        text = shown(u)
        n = sum(text.count(m) for m in MASKS.values())
        if fewest is None or n < fewest:
            best, fewest = u, n
        if n == 0:
            break
    return best


# A weaker topic match stays in clusters.csv, out of the report. Raised from 0.25 after two QA passes: in QA40
# the three rows published with a topic scored 0.27-0.34 all had the wrong article (周知, 環境教育, an off-topic
# request), those from 0.5 up were right but two; QA27 had a bear sighting under 通学路 at 0.32. The project's
# sample has one right topic at 0.37, none between 0.25 and 0.35.
PUBLISHED_TOPIC_SCORE = 0.35


def _cut_head(opinion_id: str) -> str | None:
    """The opinion a staff cut made ``opinion_id`` from (「P-3-1.2」 -> 「P-3-1」), else None."""
    head, dot, tail = opinion_id.rpartition(".")
    return head if dot and tail.isdigit() else None


def parted_line(parted_units: Sequence[tuple[int, int]], opinions: Sequence[Opinion], ok: Sequence[int], unit_of_ok,
                cluster_of_opinion: Mapping[int, int], cluster_ids: Sequence[str], run_dir: str,
                limit: int = 5) -> str | None:
    """One line naming the numbered items the grouping moved out of the row their sibling item is in
    (``grouping._part_siblings``): two items of one letter never share a row, so an item that says
    its sibling's request again gets a row of its own, which staff merge (QA68)."""
    if not parted_units:
        return None
    by_unit: dict[int, list[int]] = defaultdict(list)
    for j, i in enumerate(ok):
        by_unit[int(unit_of_ok[j])].append(i)
    shown: list[str] = []
    merges: list[tuple[str, str]] = []
    for moved, partner in parted_units:
        letters = {opinions[i].comment_id: i for i in by_unit.get(partner, [])}
        pair = next(((i, letters[opinions[i].comment_id]) for i in by_unit.get(moved, [])
                     if opinions[i].comment_id in letters), None)
        if pair is None or pair[0] not in cluster_of_opinion or pair[1] not in cluster_of_opinion:
            continue
        a, b = (cluster_ids[cluster_of_opinion[pair[0]]], cluster_ids[cluster_of_opinion[pair[1]]])
        if a == b:  # (a staff decision put them together again)
            continue
        shown.append(f"{opinions[pair[0]].opinion_id} → {a} (its letter's {opinions[pair[1]].opinion_id} is in {b})")
        merges.append((b, a))
    if not shown:
        return None
    more = f" and {len(shown) - limit} more" if len(shown) > limit else ""
    return (f"note: {counted(len(shown), 'numbered item')} of a letter kept out of the row its letter's other item is in "
            f"(one writer's items never share a row): {'; '.join(shown[:limit])}{more}; if one says the other's request "
            f"again, `cluster review merge {run_dir} {merges[0][0]} {merges[0][1]}`")


def same_letter_line(opinions: Sequence[Opinion], cluster_of_opinion: Mapping[int, int],
                     cluster_ids: Sequence[str], run_dir: str, limit: int = 5) -> str | None:
    """One line naming the rows that hold two or more opinions of one submission: each counts in
    the row's 件数, which is right for two requests of one letter on one subject, and wrong when
    the splitter cut one opinion apart or two different requests were grouped (QA: a letter
    counted twice in a campaign's row). A staff cut's two parts are named on a line of their own."""
    by_letter: dict[tuple[int, str], list[str]] = defaultdict(list)
    for i, n in sorted(cluster_of_opinion.items()):  # (by comment id: a submission may span rows)
        by_letter[(n, opinions[i].comment_id)].append(opinions[i].opinion_id)
    for ids in by_letter.values():  # the second part of a staff cut beside its first: said on its own line
        ids[:] = [oid for oid in ids if _cut_head(oid) not in ids]
    found = sorted((n, ids) for (n, _), ids in by_letter.items() if len(ids) > 1)
    if not found:
        return None
    shown = "; ".join(f"{cluster_ids[n]} ({', '.join(ids)})" for n, ids in found[:limit])
    more = f" and {len(found) - limit} more" if len(found) > limit else ""
    row_of = {op.opinion_id: op.row_number for op in opinions}
    # a join works within one row: opinions of a submission typed one per row are not offered it (QA55)
    first = next((ids for _, ids in found if len({row_of.get(i) for i in ids}) == 1), None)
    join = (f"if one opinion was cut apart, `cluster review join {run_dir} {' '.join(first)}`; " if first else "")
    return (f"note: {len(found)} row{'s hold' if len(found) > 1 else ' holds'} two or more opinions of one submission, "
            f"each counted in its 件数: {shown}{more}; {join}if they ask different things, `cluster review move` one")


def _late_run_lines(prev, unit_prev, unit_pairs, unit_cluster, continued, *, n_new: int, freed, replaced,
                    touched: Callable[[str], bool], reshaped, arrivals: Sequence[str], unit_index: Mapping[str, int],
                    changed: bool, excluded_since: bool, attached_since: bool = False,
                    repeated_since: bool = False, repeated: Collection[str] = (),
                    read_otherwise: bool = False) -> list[str]:
    """What a run that keeps the earlier run's clusters says of the opinions it placed: late
    comments and where they went, opinions staff cut, joined or put back, exclusions withdrawn,
    copies of earlier letters; or that the clusters are kept. ``unit_prev``: each unit's earlier
    cluster id (None: placed in this run); ``continued``: this run's cluster -> the earlier id."""
    out: list[str] = []
    if n_new:
        # opinions staff had excluded, back since the exclusion was withdrawn: no late comments
        recut = sum(1 for u, p in enumerate(unit_prev) if p is None and u not in freed and unit_pairs[u]
                    and any(touched(o) for o, _ in unit_pairs[u]))
        back = sum(1 for u, p in enumerate(unit_prev) if p is None and u not in freed and unit_pairs[u]
                   and not any(touched(o) for o, _ in unit_pairs[u])
                   and all(o not in prev.cluster_of and prev.text_of.get(o) == t for o, t in unit_pairs[u]))
        also = f" (and {len(freed)} detached from their duplicate group)" if freed else ""
        placed = [u for u, p in enumerate(unit_prev) if p is None and u not in replaced]
        joined = sum(1 for u in placed if int(unit_cluster[u]) in continued)
        fresh = len({int(unit_cluster[u]) for u in placed} - set(continued))
        into = sorted({continued[int(unit_cluster[u])] for u in placed if int(unit_cluster[u]) in continued})
        where = ", ".join(p for p in (
            f"{joined} joined earlier clusters ({', '.join(into[:6])}{' …' if len(into) > 6 else ''})"
            if joined else "",
            f"{len(placed) - joined} form {fresh} new cluster{'s' if fresh != 1 else ''}"
            if len(placed) > joined else "") if p) or "none placed"
        if recut:
            others = [f"{n_new - back - recut} late comments" if n_new - back - recut > 0 else "",
                      f"{back} no longer excluded: an exclusion withdrawn" if back else ""]
            others = "; ".join(o for o in others if o)
            # name only what happened: a cut applied, a join applied, or one withdrawn (undo)
            how = {"cut" if o in reshaped.cut_parts else "join" if o in reshaped.join_heads else "undo"
                   for u, was in enumerate(unit_prev) if was is None and u not in freed
                   for o, _ in unit_pairs[u] if touched(o)}
            how_kinds = [k for k in ("cut", "join", "undo") if k in how]
            verbs = {"cut": "cut", "join": "joined", "undo": "put back"}
            out.append(f"{recut} distinct opinion{'s' if recut != 1 else ''} "
                       f"{' or '.join(verbs[k] for k in how_kinds)} by staff "
                       f"decisions ({', '.join(how_kinds)}), placed on {'its' if recut == 1 else 'their'} own text"
                       f"{' (and ' + others + ')' if others else ''}{also}: {where}")
        elif back == n_new:
            out.append(f"{back} distinct opinion{'s' if back != 1 else ''} no longer excluded (an exclusion "
                       f"withdrawn){also}: {where}")
        else:
            back_too = f" (and {back} no longer excluded: an exclusion withdrawn)" if back else ""
            # copies of earlier letters came too: counted, so the line adds up to what arrived
            copies_in = [o for o in arrivals
                         if o in unit_index and unit_prev[unit_index[o]] is not None]
            copies_too = (f"; {len(copies_in)} cop{'ies' if len(copies_in) != 1 else 'y'} or near-cop"
                          f"{'ies' if len(copies_in) != 1 else 'y'} of earlier opinions went to their copies' "
                          "rows" if copies_in else "")
            # (the input as the earlier run read it, another build: no comment came late, this version reads some
            # letters otherwise, a fax without its banner; QA111 was told of a late comment)
            out.append(f"{'opinions read anew by this version of the tool (the input is unchanged)' if read_otherwise else 'late comments'}: "
                       f"{n_new - back} new distinct opinion{'s' if n_new - back != 1 else ''}"
                       f"{back_too}{also}: {where}{copies_too}")
    elif arrivals:  # copies of earlier texts only: their copies' rows
        went = [f"{oid} → {continued.get(int(unit_cluster[unit_index[oid]]), '?')}"
                for oid in arrivals if oid in unit_index]
        # (late repeats of an opinion their submitter sent before, --count-repeats once: in no cluster)
        again = [oid for oid in arrivals if oid in repeated]
        if again:
            many = len(again) != 1
            out.append(f"late comments: {len(again)} new opinion{'s' if many else ''}, "
                       f"{'each a repeat' if many else 'a repeat'} of an opinion {'their' if many else 'its'} submitter "
                       f"sent before, counted once (--count-repeats once): "
                       f"{', '.join(again[:6])}{' …' if len(again) > 6 else ''}; the other clusters are kept")
        if went or not again:
            out.append(f"late comments: {len(went)} new opinion{'s' if len(went) != 1 else ''}, "
                       f"{'each a copy' if len(went) != 1 else 'a copy'} of an earlier one, joined "
                       f"{'their' if len(went) != 1 else 'its'} copies' cluster{'s' if len(went) != 1 else ''}: "
                       f"{', '.join(went[:6])}{' …' if len(went) > 6 else ''}; the other clusters are kept")
    elif changed:
        pass  # said above
    elif excluded_since and not prev.continued:
        # (an opinion the earlier run grouped that now only points to an attachment, status attachment,
        # or repeats one of its submitter's, status repeat)
        which = ("that only point to an attachment" if attached_since else
                 "counted once as repeats of their submitter's (--count-repeats once)" if repeated_since else
                 "excluded since the earlier run")
        out.append(f"opinions {which}"
                   " leave its clusters; the other clusters are kept"
                   + (f"; {len(freed)} opinion{'s' if len(freed) > 1 else ''} detached from their duplicate group "
                      "since are placed on their own text" if freed else ""))
    else:
        out.append("same opinions as the earlier run, which kept the clusters of the run before it: its clusters are kept"
                   + (f"; {len(freed)} opinion{'s' if len(freed) > 1 else ''} detached from their duplicate group "
                      "since are placed on their own text" if freed else ""))
    return out


def regrouped_copies_line(prev, unit_pairs, unit_prev, run_dir: str, limit: int = 5) -> str | None:
    """One line for the earlier opinions that change rows because their duplicate group grew into
    another: a late near-copy like two earlier groups joins them into one group (one row), which
    goes to the row most of its opinions had (QA: 41 earlier opinions moved without a word)."""
    moved = []
    for pairs, now in zip(unit_pairs, unit_prev):
        if now is None:
            continue
        for oid, text in pairs:
            before = prev.cluster_for(oid, text)
            if before is not None and before != now:
                moved.append((oid, before, now))
    if not moved:
        return None
    rows = sorted({(b, n) for _, b, n in moved})
    shown = ", ".join(f"{oid} ({b} → {n})" for oid, b, n in moved[:limit]) + (" …" if len(moved) > limit else "")
    return (f"note: {len(moved)} earlier opinion{'s' if len(moved) != 1 else ''} change{'s' if len(moved) == 1 else ''} "
            f"rows with {'its' if len(moved) == 1 else 'their'} duplicate group, which late near-copies joined to a "
            f"group of another row ({len(rows)} row{'s' if len(rows) != 1 else ''}): {shown}; `cluster review detach "
            f"{run_dir} ID …` takes them out of the joined group (each is then placed on its own text)")


def _shell_word(text: str) -> str:
    """``text`` as typed on a command line: quoted only when the shell would split or read it."""
    import shlex

    return shlex.quote(text) if re.search(r"[\s'\"$`\\|&;<>()*?#~!{}\[\]]", text) or not text else text


# What staff set once for the consultation's report (not choices of the analysis): a re-run into
# the same folder without them keeps them, so a report is never published under another title,
# heading or list of 対応区分 by a command typed without them (QA: a --final re-run dropped all four).
CARRIED_SETTINGS = (("title", "--title"), ("period", "--period"), ("answer_heading", "--answer-heading"),
                    ("count_repeats", "--count-repeats"))
COUNT_REPEATS = ("each", "once")  # --count-repeats: "each" (the default) says nothing when carried


def carry_over_report_settings(out_dir: Path, opts: RunOptions, log) -> tuple[RunOptions, tuple | None]:
    """``(opts, categories)``: ``opts`` with the report settings of the earlier run in ``out_dir``
    that this run does not give (``CARRIED_SETTINGS``), and that run's 対応区分 when it had its own
    and this run gives no --categories (else None). Says what it kept, and which of the earlier
    run's side files (--answers, --topics) this run goes without."""
    import json

    from .categories import from_json

    # --attribute-column "": no 提出者の内訳, and none kept from the earlier run
    cleared = bool(opts.attribute_columns) and not any(c.strip() for c in opts.attribute_columns)
    if any(not c.strip() for c in opts.attribute_columns):
        opts = dc_replace(opts, attribute_columns=tuple(c for c in opts.attribute_columns if c.strip()))
    try:
        info = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
        settings = dict(info.get("settings") or {})
    except (OSError, ValueError, AttributeError, TypeError):
        return opts, None
    kept, changes = [], {}
    for name, flag in CARRIED_SETTINGS:
        before = settings.get(name)
        if not getattr(opts, name) and isinstance(before, str) and before.strip() and \
                not (name == "answer_heading" and before == "考え方") and \
                not (name == "count_repeats" and before not in COUNT_REPEATS[1:]):
            changes[name] = before
            kept.append(f"{flag} {_shell_word(before)}")
    categories = None
    if not opts.categories and info.get("categories"):
        earlier = from_json(info["categories"])
        if earlier != DEFAULT_CATEGORIES:
            categories = earlier
            # (from the third run on the earlier run had them carried too: no file name to show, QA48)
            source = settings.get("categories")
            kept.append(f"--categories {_shell_word(str(source)) + ' ' if source else ''}"
                        f"({'、'.join(c.code for c in earlier)})")
    before = settings.get("attribute_columns")
    if not cleared and not opts.attribute_columns and isinstance(before, list) and before and all(isinstance(c, str) for c in before):
        changes["attribute_columns"] = tuple(before)
        kept.append(" ".join(f"--attribute-column {_shell_word(c)}" for c in before))
    if kept:
        log(f"kept from the earlier run in {out_dir}: {', '.join(kept)} (give an option to change it)")
    missing = [flag for name, flag in (("answers", "--answers"), ("topics", "--topics"))
               if settings.get(name) and not getattr(opts, name)]
    if missing:
        log(f"note: the earlier run in {out_dir} used {' and '.join(missing)}, this one does not: "
            + "; ".join({"--answers": "no past-answer candidates (answers.csv, the report's 回答案)",
                         "--topics": "no topics or draft sections (該当箇所, the section order)"}[m] for m in missing)
            + "; give them again to keep them")
    return (dc_replace(opts, **changes) if changes else opts), categories


def unknown_category_line(clusters: Sequence[Cluster], categories: Sequence[Category]) -> str | None:
    """One line for the rows whose recorded 対応区分 the run's categories no longer hold (the
    --categories file changed since): the report shows them as recorded."""
    known = {c.code for c in categories}
    stale = [cl for cl in clusters if cl.category and cl.category not in known]
    if not stale:
        return None
    rows = ", ".join(f"{cl.cluster_id} ({cl.category})" for cl in stale[:8]) + (" …" if len(stale) > 8 else "")
    return (f"対応区分 of {len(stale)} row{'s' if len(stale) > 1 else ''} not among this run's categories, shown as "
            f"recorded: {rows}; record others with `cluster review category` ({choices(categories)})")


def published_topic(cl: Cluster) -> str:
    return cl.topic if cl.topic and cl.topic_score >= PUBLISHED_TOPIC_SCORE else ""


# 「別添のとおり。」「添付ファイルを参照してください。」: the opinion is in a file the run did not read
_ATTACHMENT_ONLY_RE = re.compile(
    r"^[^。\n]{0,20}?(?:別添|別紙|添付|添付ファイル|添付資料|同封|別送)(?:の|した)?(?:ファイル|資料|書面|文書)?"
    r"(?:の|を|に)?(?:とおり|通り|参照|ご参照|ご覧|ご確認|記載|のとおり)")


_ATTACHMENT_FILE_RE = re.compile(r"添付|別紙|別添|attach", re.IGNORECASE)


def _plain_numbers(ids: Sequence[str]) -> bool:
    """Ids that are a system's record numbers 1..N (kintone, Microsoft Forms), not ids staff gave."""
    return bool(ids) and all(re.fullmatch(r"[1-9][0-9]{0,5}", i) for i in ids) and \
        max(int(i) for i in ids) <= 2 * len(ids)


def typed_attachments(subs, opinions, attached: Sequence[int], read_info: Mapping,
                      declined: dict[int, int] | None = None) -> dict[int, int]:
    """``{row of a submission that only points to an attachment: row of its text typed in}``: a row
    of another input file with the same id in the file (both files having an id column), holding
    an opinion. A row named by two such rows, or an id found in two other files, is left alone.

    Only where it is clearly meant (QA52: kintone's record 10 and a Microsoft Forms response 10 of
    another person were merged): the other file's name or its columns say 添付 / 別紙 / attachment, or
    the ids are not both files' plain record numbers 1..N. A match left alone so goes into ``declined``."""
    if not attached:
        return {}
    inputs = [i for i in read_info.get("inputs", ()) if isinstance(i, dict) and "rows" in i]
    if len(inputs) < 2:
        return {}

    firsts = [i["rows"][0] for i in inputs]  # (files follow each other in the row numbering)

    def source(row: int):
        k = bisect.bisect_right(firsts, row) - 1
        return k if k >= 0 and row <= inputs[k]["rows"][1] else None

    def raw(sub) -> str:  # the id as its file has it, without the file's name in front
        i = inputs[source(sub.row_number)]
        prefix = f"{i['name']}-"
        return sub.comment_id[len(prefix):] if i.get("prefixed") and sub.comment_id.startswith(prefix) else sub.comment_id

    with_id = {k for k, i in enumerate(inputs) if (i.get("columns") or {}).get("id")}
    holding = {op.row_number for op in opinions if op.status == "ok"}
    by_raw: dict[str, list[int]] = defaultdict(list)
    for sub in subs:
        if sub.row_number in holding and source(sub.row_number) in with_id:
            by_raw[raw(sub)].append(sub.row_number)
    out: dict[int, int] = {}
    sub_of = {sub.row_number: sub for sub in subs}
    raw_ids: dict[int, list[str]] = defaultdict(list)
    for sub in subs:
        raw_ids[source(sub.row_number)].append(raw(sub))

    def meant(k: int, j: int) -> bool:
        said = " ".join([inputs[j].get("name", ""), Path(inputs[j].get("path", "")).name,
                         *(str(c) for c in (inputs[j].get("columns") or {}).values() if c)])
        return bool(_ATTACHMENT_FILE_RE.search(said)) or not (_plain_numbers(raw_ids[k]) and _plain_numbers(raw_ids[j]))

    for row in dict.fromkeys(opinions[i].row_number for i in attached):
        sub = sub_of[row]
        k = source(row)
        if k not in with_id:
            continue
        found = [r for r in by_raw.get(raw(sub), ()) if source(r) != k]
        if len(found) == 1 and found[0] not in out.values():
            if meant(k, source(found[0])):
                out[row] = found[0]
            elif declined is not None:
                declined[row] = found[0]
    return out


def _take_over_attachments(subs, opinions, typed: Mapping[int, int]):
    """The rows of ``typed``'s texts take the channel, submitter and kind of the rows whose
    attachment they are (a file of typed-in attachments counted under its own name)."""
    subs = list(subs)
    at = {sub.row_number: k for k, sub in enumerate(subs)}
    channel_of = {}
    for a, t in typed.items():
        first, text = subs[at[a]], subs[at[t]]
        subs[at[t]] = dc_replace(text, channel=first.channel or text.channel,
                                 submitter=text.submitter or first.submitter, kind=text.kind or first.kind,
                                 organisation=text.organisation or first.organisation)
        channel_of[t] = subs[at[t]].channel
    opinions = [dc_replace(op, channel=channel_of[op.row_number]) if op.row_number in channel_of else op
                for op in opinions]
    return subs, opinions


def uncounted_rows(read_info: Mapping) -> list[int]:
    """Rows that are no submission of their own: blank rows (every cell empty) and rows that only
    pointed to an attachment whose text is typed in another file (``typed_attachments``)."""
    return (list(read_info.get("blank_rows", ())) + list(read_info.get("typed_attachment_rows", ()))
            + list(read_info.get("withdrawn_rows", ())) + list(read_info.get("spoken_rows", ())))


def attachment_note(comment_ids: Sequence[str], all_ids: Sequence[str] = (), prefixes: Sequence[str] = ()) -> str | None:
    """One line naming the submissions whose text only points to an attachment (「別添のとおり」), the
    opinions of status attachment: their opinions are in files the run did not read (QA: 「意見は
    ありません。別添のとおり。」 was published as an opinion, and the attachment was never mentioned).
    The text goes into the same row, or into a row of another file with the same id, which
    ``typed_attachments`` takes as the submission; a row of another file with the same id that it did
    not take (``all_ids``, which then carries the file's name in front, 「添付-L-20」) is a new
    submission and is named (QA42: counted twice)."""
    found = list(comment_ids)
    if not found:
        return None
    shown = ", ".join(found[:8]) + (" …" if len(found) > 8 else "")
    line = (f"{len(found)} submission{'s' if len(found) > 1 else ''} only point{'' if len(found) > 1 else 's'} to an "
            f"attachment (「別添のとおり」): {shown}; their opinions are in files this run does not read: type "
            "each one's text into its own row of the file it came from, or into another file's row under the same id, to "
            "count and group them")
    def raw(cid: str) -> str:  # the id as its file has it, without the file's name in front
        return next((cid[len(p):] for p in prefixes if cid.startswith(p)), cid)

    named, wanted = set(found), {raw(i) for i in found}
    again = [i for i in all_ids if i not in named and raw(i) in wanted]
    if again:
        line += (f" (rows of another file with the same ids, {', '.join(again[:4])}{' …' if len(again) > 4 else ''}, "
                 "are new submissions, counted twice)")
    return line


def attachment_mention_note(subs, attached_rows: Collection[int] = ()) -> str | None:
    """One line naming the short submissions that point to an attachment and say something too
    (「別紙のとおり、第3条の削除を求めます。」): counted as written, and what the attachment adds is in a
    file the run did not read. Those of ``attached_rows`` (status attachment) are named above."""
    found = []
    for s in subs:
        if s.row_number in attached_rows:
            continue
        text = " ".join(str(s.text or "").split())
        if 0 < len(text) <= 60 and any(_ATTACHMENT_ONLY_RE.search(part.strip())
                                       for part in re.split(r"[。\n]", text) if part.strip()):
            found.append(s.comment_id)
    if not found:
        return None
    shown = ", ".join(found[:8]) + (" …" if len(found) > 8 else "")
    one = len(found) == 1
    return (f"{len(found)} submission{'' if one else 's'} also point{'s' if one else ''} to an attachment "
            f"(「別紙のとおり、…」): {shown}; {'its' if one else 'their'} own words are counted, what the attachment adds "
            "is in a file this run does not read")


def _article_topic_with_its_part(parts: list[str]) -> list[str]:
    """A topic naming an article with its heading (「第5条（市町村との連携）」) and the one paragraph or item of it a
    row cites (「第5条第3項」) as one place, 「第5条第3項（市町村との連携）」 (QA112: 「第5条（市町村との連携）、第5条第3項」
    said the article twice)."""
    from .labels import _article_key, _kanji_to_digits

    out = list(parts)
    for k, part in enumerate(parts):
        norm = _kanji_to_digits(unicodedata.normalize("NFKC", part)).strip()
        head = re.match(r"(第\d+条(?:の\d+)?)\s*([（(].+[）)]|\s.+)$", norm)
        if head is None:
            continue
        finer = [r for r in parts if r != part and _article_key(r) == head[1] and r != head[1]]
        if len(finer) == 1:
            # (the topic's heading as the file writes it: 「（市町村との連携）」, not NFKC's brackets)
            own = re.match(r"\s*第[\d０-９〇一二三四五六七八九十百]+条(?:の[\d０-９〇一二三四五六七八九十百]+)?\s*", part)
            words = part[own.end():].strip() if own else head[2].strip()
            # (a heading after a blank in brackets: 「第2条第1号（定義）」, not 「第2条第1号 定義」, QA116)
            out[k] = finer[0] + words if words.startswith(("（", "(")) else f"{finer[0]}（{words}）"
            out.remove(finer[0])
            break
    return out


def _article_order(cl: Cluster) -> tuple[int, int, int] | None:
    """Where a row stands in an ordinance's order by the article it cites (staff's 該当箇所 first, else its
    most cited reference): 前文, 第N条 (第N条のM after it), 附則; None for a row citing no article."""
    from .labels import _article_key, find_references

    refs = list(find_references(cl.section)) if cl.section else list(cl.references)
    for ref in refs:
        key = _article_key(ref)
        if key == "前文":
            return (0, 0, 0)
        if key == "附則":
            return (2, 0, 0)
        if key and (m := re.fullmatch(r"第(\d+)条(?:の(\d+))?", key)):
            return (1, int(m[1]), int(m[2] or 0))
    return None


def report_order(clusters: Sequence[Cluster], topic_names: Sequence[str], order: str = "auto",
                 previous_no: Mapping[str, str] | None = None) -> list[Cluster]:
    """The report's rows: in the draft's order (the topics file's) when there are topics, as
    published tables follow the draft's sections, rows whose topic is not published last;
    else as the clusters come (most opinions first). Within a section the clusters keep their order;
    the rows of the last run (``previous_no``: cluster id -> its No. then) keep theirs, before new ones
    (QA64: late letters that made one row outnumber another renumbered both)."""
    if order not in ("auto", "section", "count"):
        raise ValueError(f"order must be auto, section or count, got {order!r}")
    before = {cid: int(no) for cid, no in (previous_no or {}).items() if str(no).isdigit()}
    if order != "count" and not topic_names:
        # an ordinance's rows in the order of its articles without a topics file (QA112: 附則 was No. 9, 前文
        # No. 20): when half the rows or more cite an article, or staff asked for the draft's order
        keys = [_article_order(cl) for cl in clusters]
        if order == "section" or 2 * sum(k is not None for k in keys) >= len(clusters) > 0:
            ranked = sorted(range(len(clusters)), key=lambda n: (keys[n] or (3, 0, 0),
                                                                  before.get(clusters[n].cluster_id, len(clusters) + 1)))
            return [clusters[n] for n in ranked]
    if order == "count" or not topic_names:
        return list(clusters)
    place = {name: i for i, name in reversed(list(enumerate(topic_names)))}

    def key(cl: Cluster) -> tuple:
        section = place.get(section_topic(cl.section, topic_names) if cl.section else published_topic(cl), len(place))
        return section, before.get(cl.cluster_id, len(clusters) + 1)

    return sorted(clusters, key=key)  # (sorted is stable: new rows of a section stay in the clusters' order)


def build_report_model(subs, opinions, clusters, confirmed, candidates_by_cluster, report_min_score: float,
                       opts: RunOptions, input_path: Path, blank_rows: Sequence[int] = (),
                       title_rows: Sequence[str] = (), topic_names: Sequence[str] = (),
                       categories: Sequence[Category] = DEFAULT_CATEGORIES,
                       unnamed_rows: Sequence[tuple[int, int]] = (),
                       file_channels: Collection[str] = (),
                       previous_no: Mapping[str, str] | None = None) -> ReportModel:
    """The published report's content. ``unnamed_rows``: the row ranges (first, last) of input
    files without a 氏名 column, when another file has one (their submissions count one person each,
    which the 提出者数 line says)."""
    mask, summary_of = report_maskers(subs, opts)
    # a submission all of whose opinions staff excluded still counts (提出者数, 提出件数: the person
    # did submit) and had content: it is counted in the 対象外 line, not as 「意見を含まない提出」; one that
    # only points to an attachment (status attachment) too: its opinions are in a file not read
    # (or whose opinions repeat the submitter's earlier ones: status repeat, counted once)
    # (by comment id: a submission typed over several rows has an opinion if one of its rows does)
    with_opinion = {op.comment_id for op in opinions if op.status in ("ok", "excluded", "attachment", "repeat")}
    blank = set(blank_rows)  # rows whose every cell is empty (「,,」): in opinions.csv, not submissions
    counted = one_row_per_submission([s for s in subs if s.row_number not in blank])
    by_channel, has_channels, submitter_keys = count_channels_and_submitters(counted, UNKNOWN_CHANNEL)
    op_by_id = {op.opinion_id: op for op in opinions}
    rows = []
    for n, cl in enumerate(report_order(clusters, topic_names, opts.order, previous_no), 1):
        rep = op_by_id[cl.representative]
        section_parts = []
        if published_topic(cl):
            section_parts.append(cl.topic)
        # the references the row shows or most of its opinions name (not one opinion's of several);
        # a reference the topic name already says (topic 「第4章 スポーツ施設」, reference 「第4章」) is not repeated
        shown_text = cl.summary or f"{rep.heading} {rep.text}"
        refs = published_references(cl.references, [f"{op_by_id[i].heading} {op_by_id[i].text}"
                                                     for i in cl.opinion_ids if i in op_by_id], shown_text)
        section_parts += [r for r in refs if not any(names_reference(part, r) for part in section_parts)]
        section_parts = without_general_references(section_parts)  # not 「附則、附則第2項」 (QA40)
        section_parts = _article_topic_with_its_part(section_parts)  # not 「第5条（…）、第5条第3項」 (QA112)
        # else the citizen's own heading (「駐輪場について」), unless it names a person: 「【父・梅田清に
        # ついて】」「【緑が丘町内会 会長 石黒】」 are no place in the draft (QA: published in 該当箇所)
        own_heading = rep.heading if rep.heading and mask(rep.heading) == rep.heading else ""
        # staff's own (`cluster review section`), else the topic and references, else the heading
        section = cl.section or "、".join(section_parts) or own_heading
        ans = confirmed.get(cl.cluster_id)
        from_run = False
        if ans:
            text, status = ans.get("text", ""), "confirmed"
        else:
            cands = [] if opts.final else _report_candidates(candidates_by_cluster, cl.cluster_id, report_min_score)
            text, status = (cands[0].answer, "candidate") if cands else ("", "none")
            from_run = bool(cands) and cands[0].answer_id.startswith("run:")
        # staff-written, or the representative (without a heading line its 該当箇所 shows: QA40)
        summary = mask(cl.summary) if cl.summary else summary_of(rep.text, section, rep.row_number)
        rows.append(ReportRow(no=n, section=mask(section), summary=summary, count=cl.size,
                              answer=mask(text), answer_status=status,
                              label=mask(cl.label) if cl.label_edited else "",
                              cluster_id=cl.cluster_id, answer_from_run=from_run, summary_by_staff=bool(cl.summary),
                              category=cl.category, campaign_copies=cl.campaign_copies, focused=opts.mask,
                              department=mask(cl.department)))
    # --title is published as staff typed it (QA59: a plan's name in it was masked as a person's)
    title = opts.title or title_from_rows(title_rows) or f"「{input_path.stem}」に対する意見募集の結果"
    # a channel cell is free text: 「メール(tanaka@…)」「持参（佐藤花子）」 are published masked, and
    # values that become the same once masked are counted together
    masked_channels: Counter = Counter()
    # (a row typed in for an attachment has the attachment row's 氏名: ``typed_attachments``)
    n_unnamed_files = sum(1 for sub in counted if any(a <= sub.row_number <= b for a, b in unnamed_rows)
                          and not person_key(sub))
    for channel, n in by_channel.items():
        # a channel named after its file (「Microsoft Forms」) is staff's word, not a citizen's: QA52 had it 「［氏名］」
        masked_channels[channel if channel in CHANNEL_ORDER or channel == UNKNOWN_CHANNEL or channel in file_channels
                        else mask(channel)] += n
    # 提出者数 by kind (a 個人・団体 or 団体名 column): a kind written otherwise is free text, published masked
    # (values that become the same once masked are counted together, as channels are)
    merged: dict[str, list[int]] = {}
    for k, p, n in count_kinds(counted):
        shown = merged.setdefault(k if k in (INDIVIDUAL, ORGANISATION, KIND_UNKNOWN) else mask(k), [0, 0])
        shown[0], shown[1] = shown[0] + p, shown[1] + n
    by_kind = [(k, p, n) for k, (p, n) in merged.items()]
    n_nameless = sum(1 for sub in counted if not person_key(sub)) - n_unnamed_files
    if by_kind:  # a 団体 counted by its 団体名 has a name
        n_nameless = sum(1 for sub in counted if kind_key(sub)[1].startswith("#row")
                         and not any(a <= sub.row_number <= b for a, b in unnamed_rows))
    return ReportModel(
        title=opts.title or mask(title), n_submitters=len(submitter_keys), n_submissions=len(counted),
        by_address=any(sub.address for sub in counted),
        by_channel=sorted(masked_channels.items(), key=lambda x: _channel_key(x[0])) if has_channels else [],
        n_opinions=sum(cl.size for cl in clusters), n_excluded=sum(1 for sub in counted if sub.comment_id not in with_opinion), rows=rows,
        n_not_opinions=sum(1 for op in opinions if op.status == "excluded" and op.row_number not in blank),
        attachment_only=tuple(dict.fromkeys(op.comment_id for op in opinions
                                            if op.status == "attachment" and op.row_number not in blank)),
        n_repeats=sum(1 for op in opinions if op.status == "repeat"),
        masked=opts.mask, submitters_known=has_submitter_names(counted) or not counted,  # (none: 0名, QA61)
        by_attribute=attribute_breakdowns(counted, opts.attribute_columns, has_submitter_names(counted), mask),
        n_from_unnamed_files=n_unnamed_files, n_nameless=n_nameless, by_kind=by_kind,
        final=opts.final, answer_heading=(opts.answer_heading or "").strip() or "考え方",
        period=mask(opts.period.strip()) if opts.period else "", section_column=bool(topic_names),
        categories=tuple(categories),
    )


_WORKER_NAMES: frozenset = frozenset()


def _shown_chunk(texts: list[str]) -> list[str]:
    return [report_form(t, _WORKER_NAMES) for t in texts]


def shown_texts(texts: Sequence[str], names, mask: bool = True, chunk: int = 1000) -> list[str]:
    """The report form of many opinion texts (``report_form``), masked on every core from
    ``PARALLEL_MIN`` texts up: the worksheet lists every distinct opinion."""
    global _WORKER_NAMES
    if not mask:
        return [display_text(t) for t in texts]
    _WORKER_NAMES = frozenset(names)  # read by the forked workers
    workers = _workers() if len(texts) >= PARALLEL_MIN else 1
    chunks = [list(texts[s:s + chunk]) for s in range(0, len(texts), chunk)]
    if workers > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(workers) as pool:
            return [t for part in pool.imap(_shown_chunk, chunks) for t in part]
    return [t for part in map(_shown_chunk, chunks) for t in part]


def worksheet_units(opinions, dup_of_opinion, cluster_of_opinion, cluster_ids, clusters,
                    shown_all: Callable[[list[str]], list[str]]) -> list[WorksheetUnit]:
    """Every distinct text of every cluster (clusters in report order, then most copies
    first): the first opinion holding it, its number of copies, its report form
    (``shown_all`` turns the list of texts into their report forms)."""
    by_unit: dict[tuple[str, int], list[int]] = {}
    for i, c in cluster_of_opinion.items():
        by_unit.setdefault((cluster_ids[c], dup_of_opinion[i]), []).append(i)
    order = {cl.cluster_id: n for n, cl in enumerate(clusters)}
    keys = sorted(by_unit, key=lambda k: (order.get(k[0], len(order)), -len(by_unit[k]), min(by_unit[k])))
    firsts = [opinions[min(by_unit[key])] for key in keys]
    shown = shown_all([op.text for op in firsts])
    # the heading an opinion was written under (「児童館について」) says what it is about: a row's opinions
    # may come from different headings (QA59: 意見一覧 lost the subjects)
    headed = [k for k, op in enumerate(firsts) if (op.heading or "").strip()]
    for k, head in zip(headed, shown_all([firsts[k].heading for k in headed]) if headed else []):
        if head.strip():
            shown[k] = f"【{head.strip()}】\n{shown[k]}"
    return [WorksheetUnit(cid, first.opinion_id, len(by_unit[(cid, g)]), text, text_fingerprint(first.text))
            for (cid, g), first, text in zip(keys, firsts, shown)]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def build_fingerprint() -> str:
    """A short fingerprint of this build of the tool: the SHA-256 of the package's source files
    (their paths and contents, in path order), 12 hex digits. The package version stays 0.1.0
    from commit to commit (QA48: three builds wrote 「0.1.0」 alike), so run.json records this too
    and a run into a folder another build wrote says so. The same code gives the same value."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        # (``pip install .`` copies the model's build script into shipped_models/: not the tool's code,
        # and the same code installed or checked out is one build)
        if "__pycache__" in rel or rel.startswith("shipped_models/"):
            continue
        digest.update(rel.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def _completed_run_info(out_dir: Path) -> dict | None:
    """run.json of the completed earlier run in ``out_dir``, or None."""
    try:
        info = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) and info.get("completed") else None


def other_build_line(out_dir: Path) -> str | None:
    """The run's one line when the earlier run in ``out_dir`` was written by another build of the
    tool (run.json's ``versions.build``; none in a folder an older version wrote): its report
    and groups may differ from the earlier ones for the same input and decisions."""
    info = _completed_run_info(out_dir)
    if info is None:
        return None
    versions = info.get("versions") if isinstance(info.get("versions"), dict) else {}
    before, now = versions.get("build"), build_fingerprint()
    if before == now:
        return None
    return (f"note: the earlier run in {out_dir} was written by another build of the tool "
            f"({'build ' + str(before) if before else 'an older version, which recorded no build'}; this one is "
            f"build {now}): the report may differ from the earlier one for the same input and decisions")


def read_otherwise_since(out_dir: Path, input_paths: Sequence[Path]) -> bool:
    """Whether the earlier run in ``out_dir`` read these very input files (the same SHA-256 each) with
    another build of the tool: an opinion whose text or id changed since is then read otherwise by
    this version, not corrected in the input (QA111 was told 17 times that staff had corrected it)."""
    info = _completed_run_info(out_dir)
    if info is None:
        return False
    versions = info.get("versions") if isinstance(info.get("versions"), dict) else {}
    if versions.get("build") == build_fingerprint():
        return False
    recorded = info.get("inputs") if isinstance(info.get("inputs"), list) else [info.get("input")]
    before = sorted(str(i.get("sha256")) for i in recorded if isinstance(i, dict) and i.get("sha256"))
    try:
        now = sorted(_sha256(Path(p)) for p in input_paths)
    except OSError:
        return False
    return bool(before) and before == now


def _versions(sentence_transformers: bool = False) -> dict:
    """The versions that make the outputs what they are: the libraries a sentence-transformers model
    runs on (torch, transformers, tokenizers) only in a run that used one."""
    from importlib.metadata import PackageNotFoundError, version

    out = {"pubcom-cluster": __version__, "build": build_fingerprint(), "python": platform.python_version()}
    packages = ["numpy", "scikit-learn", "fugashi", "unidic-lite", "datasketch", "bm25s", "pandas", "openpyxl"]
    if sentence_transformers:
        packages += ["sentence-transformers", "torch", "transformers", "tokenizers"]
    for pkg in packages:
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


def _remove_abandoned_staging(out_dir: Path) -> None:
    """Remove staging folders left by runs that were killed (their process is gone)."""
    import shutil

    for stage in out_dir.glob(".staging-*"):
        parts = stage.name.split("-")
        pid = int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None
        if pid is not None and pid != os.getpid() and _process_alive(pid):
            continue  # another run is writing into this folder right now
        shutil.rmtree(stage, ignore_errors=True)


def recover_interrupted_publish(out_dir: str | Path) -> str | None:
    """Put back the outputs of the last complete run when a run was killed (power cut, Task Manager)
    while it moved its outputs in: the old run.json and every file replaced so far wait in its staging
    folder's ``previous`` (``_swap_in``), and the folder has no run.json. Returns the line saying so,
    or None (QA60: a kill at the 14th rename left four new outputs and four old ones, and `review show`
    read the mix without a word)."""
    import shutil

    out_dir = Path(out_dir)
    if not out_dir.is_dir() or (out_dir / "run.json").exists():
        return None
    for stage in sorted(out_dir.glob(".staging-*")):
        parts = stage.name.split("-")
        pid = int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None
        if pid is None or (pid != os.getpid() and _process_alive(pid)):
            continue  # a run writing into this folder right now
        previous = stage / "previous"
        if not (previous / "run.json").is_file():
            continue
        for kept in sorted(previous.iterdir()):
            if kept.is_file() and kept.name in OUTPUT_FILES:
                os.replace(kept, out_dir / kept.name)
        shutil.rmtree(stage, ignore_errors=True)
        return (f"note: the last run into {out_dir} was stopped while it replaced its outputs: the outputs of the "
                "run before it are put back")
    return None


def _process_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


# Every file a run replaces in its folder (decisions.jsonl is never rewritten by a run).
OUTPUT_FILES = ("opinions.csv", "clusters.csv", "answers.csv", "report.xlsx", "report.md", "report.html",
                "report.csv", "worksheet.xlsx", "run.json")
_KEPT = "the previous outputs are kept as they were"
# a file another program holds (Excel on Windows: a sharing violation is EACCES), one marked
# read-only or immutable: the user can close or unlock it
_LOCKED_ERRNOS = {errno.EACCES, errno.EPERM, errno.EBUSY, getattr(errno, "ETXTBSY", errno.EBUSY)}


def _cannot_replace(path: Path) -> InputError:
    return InputError(f"{path}: cannot be replaced (is it open in another program, e.g. Excel?); close it and run "
                      f"again ({_KEPT})")


def _folder_not_writable(out_dir: Path, why: str = "") -> InputError:
    return InputError(f"{out_dir}: the folder cannot be written ({why or 'permission denied'}); choose another --out "
                      f"folder or make it writable, and run again ({_KEPT})")


def _check_writable(out_dir: Path, worksheet: bool = True) -> None:
    """Before any heavy work: refuse a run folder, or an output in it, that the run could not replace
    in the end (a report.xlsx marked read-only; on Windows one open in Excel is refused later, when
    it is replaced, and every file is put back as it was)."""
    if not out_dir.is_dir():
        _check_creatable(out_dir)
        return
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise _folder_not_writable(out_dir)
    for name in OUTPUT_FILES:
        if name == "worksheet.xlsx" and not worksheet:
            continue
        path = out_dir / name
        if path.exists() and not os.access(path, os.W_OK):
            raise _cannot_replace(path)


def _check_creatable(out_dir: Path) -> None:
    """A new run folder whose parent cannot be written is said before the heavy work (QA60: said after
    the whole clustering, as if earlier outputs had been kept). Probed by making a folder there and
    removing it: an access check says nothing of a folder marked immutable, or of root."""
    import tempfile

    parent = out_dir.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return  # (a file in the way: mkdir says so, in the run's own words)
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".cluster-probe-", dir=parent))
    except OSError as exc:
        raise InputError(f"{out_dir}: the folder cannot be made in {parent} ({exc.strerror or 'permission denied'}); "
                         "choose another --out folder, or one you can write in") from None


def _publish(out_dir: Path, write) -> list[Path]:
    """Write every output into a staging folder, then move them into ``out_dir``, all or nothing.

    The old run.json goes first and the new one comes last, so a run killed midway never
    leaves a folder that claims to be complete; a failure while writing leaves the previous
    outputs untouched, and so does a failure (or Ctrl-C) while moving them in: each file
    replaced is kept aside until every new one is in place, and put back otherwise
    (:func:`_swap_in`). A file that cannot be replaced (open in Excel) is named in one line.
    """
    import shutil
    import tempfile

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_staging(out_dir)
        stage = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=out_dir))
    except OSError as exc:
        if exc.errno in _LOCKED_ERRNOS or exc.errno == errno.EROFS:
            raise _folder_not_writable(out_dir, exc.strerror or "") from None
        raise
    keep_stage: list[bool] = []  # True when old files could not be put back and wait in the stage
    try:
        staged = write(stage)
        decisions_path = out_dir / "decisions.jsonl"
        if not decisions_path.exists():
            try:
                decisions_path.touch()  # staff decisions go here; a run never rewrites it
            except OSError as exc:
                if exc.errno in _LOCKED_ERRNOS or exc.errno == errno.EROFS:
                    raise _folder_not_writable(out_dir, exc.strerror or "") from None
                raise
        return _swap_in(out_dir, stage, staged, keep_stage) + [decisions_path]
    finally:
        if not keep_stage:
            shutil.rmtree(stage, ignore_errors=True)


def _swap_in(out_dir: Path, stage: Path, staged: Sequence[Path], keep_stage: list[bool]) -> list[Path]:
    """Move the staged files into ``out_dir``, keeping each file they replace aside (a hard link,
    else the file itself moved) in ``stage/previous`` until all are in place.

    On any failure or interruption every file already replaced is put back and the old run.json
    restored; a target that could not be replaced because it is locked raises one line naming it.
    Returns the files in place."""
    previous = stage / "previous"
    previous.mkdir()
    aside: dict[str, str] = {}  # name -> "link" (the target still holds the old file) or "moved" (it is gone)
    placed: list[str] = []
    current = out_dir / "run.json"
    # Excel workbooks first (the files most likely open), run.json last
    order = sorted(staged, key=lambda p: (p.name == "run.json", not p.name.endswith(".xlsx"), p.name))
    try:
        old_run = out_dir / "run.json"
        if old_run.exists():  # no run.json while the files change: the folder never claims a mixed run
            _set_aside(old_run, previous, aside)
            if aside["run.json"] == "link":
                old_run.unlink()
                aside["run.json"] = "moved"
        for path in order:
            current = out_dir / path.name
            if path.name != "run.json" and current.exists():
                _set_aside(current, previous, aside)
            os.replace(path, current)
            placed.append(path.name)
    except BaseException as exc:
        lost = _put_back(out_dir, previous, aside, placed)
        if lost:  # (the old files could not all go back: they stay where the user can find them)
            kept = out_dir / f"previous outputs {os.getpid()}"
            try:
                os.replace(previous, kept)
            except OSError:
                kept = previous
                keep_stage.append(True)
            raise InputError(f"{current}: could not be replaced, and {', '.join(lost)} could not be put back: the "
                             f"previous {'one is' if len(lost) == 1 else 'ones are'} in {kept}") from None
        if isinstance(exc, OSError) and exc.errno in _LOCKED_ERRNOS:
            raise _cannot_replace(current) from None
        raise
    return [out_dir / p.name for p in order]


def _set_aside(target: Path, previous: Path, aside: dict[str, str]) -> None:
    keep = previous / target.name
    try:
        os.link(target, keep)  # the target stays in place until the new file replaces it
        aside[target.name] = "link"
    except OSError:  # no hard links here (FAT, some network shares): move the old file aside
        os.replace(target, keep)
        aside[target.name] = "moved"


def _put_back(out_dir: Path, previous: Path, aside: dict[str, str], placed: list[str]) -> list[str]:
    """Undo :func:`_swap_in`; the names of old files that could not be put back."""
    import shutil

    lost = []
    for name in set(placed) | {n for n, how in aside.items() if how == "moved"}:
        target = out_dir / name
        try:
            if name in aside:
                try:
                    os.replace(previous / name, target)
                except OSError:  # (a rename refused: its bytes written over the new file)
                    shutil.copyfile(previous / name, target)
            elif name in placed:
                target.unlink()  # a new output the folder did not hold before
        except OSError:
            if name in aside:
                lost.append(name)
    return sorted(lost)


def _write_outputs(out_dir, input_path, subs, opinions, ok, unit_of_ok, dups, cluster_of_opinion, cluster_ids,
                   clusters, answer_rows, confirmed, candidates_by_cluster, report_min_score, opts, counts,
                   read_info, model_name, topic_names, applied, grouping, log=None,
                   highest_given: int = 0, earlier_texts: Mapping[str, list[str]] | None = None,
                   categories: Sequence[Category] = DEFAULT_CATEGORIES,
                   repeat_of: Mapping[int, str] | None = None,
                   previous_no: Mapping[str, str] | None = None, model_info: Mapping | None = None) -> list[Path]:
    files = []
    has_topics = topic_names is not None
    dup_label = {}
    width = max(3, len(str(counts["duplicate_groups"])))
    for g, size in enumerate(dups.sizes.tolist()):
        if size > 1:
            dup_label[g] = f"D{g + 1:0{width}d}"
    dup_of_opinion = {i: int(unit_of_ok[j]) for j, i in enumerate(ok)}

    # repeat_of: the opinion (its id) an opinion of status repeat repeats (--count-repeats once)
    repeat_of = repeat_of or {}
    header = ["opinion_id", "comment_id", "row_number", "index", "status", "duplicate_group", "duplicate_count",
              "repeat_of", "cluster_id", "channel", "heading", "start", "end", "text"]
    rows = []
    for i, op in enumerate(opinions):
        g = dup_of_opinion.get(i)
        rows.append([op.opinion_id, op.comment_id, op.row_number, op.index, op.status,
                     dup_label.get(g, "") if g is not None else "",
                     int(dups.sizes[g]) if g is not None else "", repeat_of.get(i, ""),
                     cluster_ids[cluster_of_opinion[i]] if i in cluster_of_opinion else "",
                     op.channel, op.heading, op.start, op.end, op.text])
    write_csv(out_dir / "opinions.csv", header, rows, encoding=opts.csv_encoding); files.append(out_dir / "opinions.csv")

    model = build_report_model(subs, opinions, clusters, confirmed, candidates_by_cluster, report_min_score, opts,
                               input_path, blank_rows=uncounted_rows(read_info),
                               title_rows=read_info.get("title_rows", ()), topic_names=topic_names or (),
                               categories=categories,
                               unnamed_rows=[tuple(i["rows"]) for i in read_info.get("inputs", ())
                                             if not (i.get("columns") or {}).get("submitter")],
                               file_channels=frozenset(read_info.get("file_channels", ())), previous_no=previous_no)
    # (the command line's last line says whether the report may be published yet: QA103)
    counts["report_rows"] = len(model.rows)
    counts["report_rows_answered"] = sum(1 for r in model.rows if r.answer_status == "confirmed")
    if log and opts.attribute_columns:
        blank = set(uncounted_rows(read_info))
        counted = one_row_per_submission([s for s in subs if s.row_number not in blank])
        if note := attributes_with_personal_data(counted, opts.attribute_columns, model.submitters_known,
                                                 report_maskers(subs, opts)[0]):
            log(note)
    # where each row stands in the report: its No. and the 該当箇所 the report shows (masked), so
    # clusters.csv and the report agree on both (QA35: a topic of score 0.17 in clusters.csv, none published)
    in_report = {r.cluster_id: r for r in model.rows}
    header = ["cluster_id", "size", "unique_texts", "label", "label_edited", "confirmed", "keywords", "topic",
              "topic_score", "references", "representative", "representative_opinion_id", "answer_status",
              "answer_id", "summary", "category", "campaign_copies", "section", "report_no", "report_section",
              "department"]
    op_by_id = {op.opinion_id: op for op in opinions}
    rows = []
    for cl in clusters:
        ans = confirmed.get(cl.cluster_id)
        cands = _report_candidates(candidates_by_cluster, cl.cluster_id, report_min_score)
        status = "confirmed" if ans else ("candidate" if cands else "none")
        answer_id = (ans.get("answer_id") or "(written)") if ans else (cands[0].answer_id if cands else "")
        rows.append([cl.cluster_id, cl.size, cl.unique_texts, cl.label, "yes" if cl.label_edited else "",
                     "yes" if cl.confirmed else "", "・".join(cl.keywords), cl.topic,
                     f"{cl.topic_score:.4f}" if has_topics else "", " ".join(cl.references),
                     op_by_id[cl.representative].text, cl.representative, status, answer_id, cl.summary,
                     cl.category, cl.campaign_copies, cl.section,
                     in_report[cl.cluster_id].no if cl.cluster_id in in_report else "",
                     in_report[cl.cluster_id].section if cl.cluster_id in in_report else "", cl.department])
    write_csv(out_dir / "clusters.csv", header, rows, encoding=opts.csv_encoding); files.append(out_dir / "clusters.csv")

    header = ["cluster_id", "rank", "answer_id", "score", "past_opinion", "answer", "source", "matched_sentence",
              "department"]
    rows = [[a.query_id, a.rank, a.answer_id, f"{a.score:.4f}", a.past_opinion, a.answer, a.source,
             a.matched_sentence, a.department] for a in answer_rows]
    write_csv(out_dir / "answers.csv", header, rows, encoding=opts.csv_encoding); files.append(out_dir / "answers.csv")

    # the 住所 column that tells namesakes apart (QA83), as the read line named it
    address_column = (((read_info.get("columns") or {}).get("address") or "住所")
                      if any(s.address for s in subs) else None)
    if model.by_kind:
        # an organisation counts by its 団体名; the 氏名 note is about the others
        for note in (repeated_names_note([s for s in one_row_per_submission(subs)
                                          if not (s.kind == ORGANISATION and s.organisation)],
                                         uncounted_rows(read_info), total=False, address_column=address_column),
                     repeated_organisations_note(one_row_per_submission(subs), uncounted_rows(read_info))):
            if log and note:
                log(note)
    elif log and (note := repeated_names_note(one_row_per_submission(subs), uncounted_rows(read_info),
                                              address_column=address_column)):
        log(note)
    if log and (note := namesakes_note(read_info.get("namesakes_apart") or {}, address_column)):
        log(note)
    joint = joint_submissions(subs)
    if log and (note := joint_submissions_note(joint)):
        log(note)
    if log and opts.final:
        open_rows = [r.no for r in model.rows if r.answer_status != "confirmed"]
        done = len(model.rows) - len(open_rows)
        log(f"final report: {done} of {len(model.rows)} rows {'has' if done == 1 else 'have'} a confirmed answer"
            + (f"; still without one: No. {_number_list(open_rows)}" if open_rows else ""))
    if log and not opts.title and not title_from_rows(read_info.get("title_rows", ())):
        log(f"report title {model.title} is made from the file name; "
            "--title \"○○計画（案）に対する意見募集の結果\" gives the whole heading")
    files += write_all(model, out_dir, csv_encoding=opts.csv_encoding, log=log)
    if opts.worksheet:
        mask, _ = report_maskers(subs, opts)
        names = submitter_names(subs)
        units = worksheet_units(opinions, dup_of_opinion, cluster_of_opinion, cluster_ids, clusters,
                                lambda texts: shown_texts(texts, names, opts.mask))
        write_worksheet(out_dir / "worksheet.xlsx", model, units, candidates_by_cluster, mask, log=log,
                        min_score=report_min_score)
        files.append(out_dir / "worksheet.xlsx")


    settings = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(opts).items()}
    settings["answers"] = [str(p) for p in opts.answers]
    run_info = {
        "tool": "pubcom-cluster",
        "cwd": str(Path.cwd()),
        "input": {"path": str(input_path), "absolute_path": str(input_path.resolve()), "sha256": _sha256(input_path), "format": read_info["format"],
                  "encoding": read_info["encoding"], "columns": read_info["columns"],
                  # rows of the file that are no submission (not in opinions.csv): accounted for here
                  "title_rows": list(read_info.get("title_rows", ())),
                  "footer_rows": list(read_info.get("footer_rows", ())),
                  "repeated_header_rows": list(read_info.get("repeated_header_rows", ()))},
        **({"inputs": [{**i, "absolute_path": str(Path(i["path"]).resolve()), "sha256": _sha256(Path(i["path"]))}
                       for i in read_info["inputs"]]} if read_info.get("inputs") else {}),
        "settings": settings,
        "model": model_name,
        # which model exactly (embed.model_identity): a re-run compares the files' fingerprint, not the name
        **({"model_info": dict(model_info)} if model_info else {}),
        "grouping": grouping,
        # the highest cluster id this folder ever gave (carried from run to run): new clusters are
        # numbered after it, so no id is given twice (continuity.highest_id_given)
        "highest_cluster_id": f"C{highest_given:03d}" if highest_given else None,
        # fingerprints of the texts an opinion held before staff corrected it in the input (carried
        # from run to run): a decision recorded on an earlier text still finds it
        "earlier_texts": dict(earlier_texts or {}),
        # the 対応区分 staff choose from (`cluster review category` checks a value against them)
        "categories": categories_json(categories),
        "versions": _versions((model_info or {}).get("kind") == "sentence-transformers"),
        "counts": counts,
        "joint_submissions": [{"comment_id": cid, "says": words} for cid, words in joint],
        "decisions": decision_figures(applied),  # the figures of the line the run logs, adding up the same way
        # what the run said of each decision that no longer applies or applies in part (`review list`)
        "decision_notes": applied.notes,
        "masked": opts.mask,
        "report_min_score": report_min_score,
        # the lines above the report's table as published (its notes, then 提出者数, 提出方法別, 意見総数 …):
        # the notebook's counts show them without reading report.md back
        "report_header": {"notes": model.notice_lines(), "counts": model.count_lines()},
        "outputs": sorted([p.name for p in files] + ["decisions.jsonl", "run.json"]),
        "completed": True,
    }
    write_json(out_dir / "run.json", run_info); files.append(out_dir / "run.json")
    return files
