"""Past answers: read earlier 意見/考え方 tables, index them, suggest answers.

Most answers in a consultation repeat what the city already said somewhere. This module
reads the published answer tables of earlier consultations (``read_past_answers``),
builds a hybrid index over them (``AnswerIndex``) and suggests, for each query text or
each cluster of opinions, the past answers that fit (``suggest_for_clusters``).

Scoring. Four features are computed for every (query, past answer) pair, each in 0..1:

- ``cos_opinion``: embedding cosine of the query and the past opinion. A published row
  often merges several opinions into one cell (numbered items, one per line); each line is
  indexed as well and the best of the whole cell and its lines counts.
- ``cos_answer``: embedding cosine of the query and the answer text.

  With the shipped static model the vectors are pooled by the index (``_Pooler``):
  content words only, IDF-weighted on the archive, the archive's common direction
  removed; other encoders use their own ``encode``.
- ``lex_opinion`` / ``lex_answer``: BM25 (``bm25s``) over fugashi lemmas, divided by the
  best score the query's words could reach in this archive (each query word at its highest
  BM25 weight; a word the archive never uses counts as a rare word). So 1.0 means "every
  word of the query, at full weight", whatever the query's length.

Cosines are rescaled per index so that the typical cosine of two unrelated archive entries
maps to 0 (``(cos - baseline) / (1 - baseline)``, clipped): encoders differ a lot in their
cosine ranges and this keeps scores comparable across encoders and across queries. The
score is the weighted sum of the features raised to ``SCORE_POWER`` (weights sum to 1), hence in 0..1 and comparable
across queries, and ``min_score`` says "no good past answer" below it. Candidates are
ordered by score rounded to 6 decimals, ties broken by ``answer_id`` (deterministic).
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from .io import (PAST_ANSWER_OPTIONS, QUERY_OPTIONS, ColumnError, InputError, counted, fold_name, record_list, atomic_path,
                 choose_columns, field_of_records, guess_column, read_table, shorten, write_csv)
from .records import AnswerCandidate, PastAnswer
from .normalize import is_empty_opinion
from .split import split_sentences, split_submission
from .stance import DIRECTION_ACTIONS, direction_vector, explicit_polarity, question_polarity, request_stance

__all__ = [
    "ANSWER_ID_CANDIDATES", "ANSWER_OPINION_CANDIDATES", "ANSWER_TEXT_CANDIDATES",
    "AnswerIndex", "DEFAULT_WEIGHTS", "DEFAULT_MIN_SCORE", "read_past_answers",
    "fuse", "GroupScores", "stands_in_report", "group_scores", "query_pieces", "search_lemmas", "split_merged_opinion", "suggest_for_clusters",
    "reuse_confirmed_answers",
    "run_answers_query",
]

# ----------------------------------------------------------------- column guesses

ANSWER_ID_CANDIDATES = (
    "No.", "No", "NO", "番号", "回答番号", "整理番号", "項番", "通し番号", "answer_id", "id", "ID",
)
ANSWER_OPINION_CANDIDATES = (
    "ご意見の概要", "御意見の概要", "意見の概要", "寄せられたご意見", "寄せられた御意見", "寄せられた意見",
    "意見の要旨", "ご意見の要旨", "御意見の要旨", "意見要旨", "意見の要約", "ご意見の要約", "意見概要",
    "ご意見", "御意見", "意見", "質問", "ご質問", "opinion", "question", "past_opinion",
)
ANSWER_TEXT_CANDIDATES = (
    "市の考え方", "本市の考え方", "区の考え方", "町の考え方", "村の考え方", "県の考え方", "都の考え方",
    "府の考え方", "道の考え方", "国の考え方", "ご意見に対する考え方", "意見に対する考え方",
    "ご意見に対する市の考え方", "考え方", "回答", "市の回答", "対応", "対応方針", "市の対応",
    "市の見解", "本市の見解", "県の見解", "見解", "意見に対する見解", "ご意見に対する見解",
    "answer", "response",
)
ANSWER_SOURCE_CANDIDATES = ("出典", "案件名", "計画名", "件名", "意見募集案件", "source", "consultation")
ANSWER_DATE_CANDIDATES = ("日付", "公表日", "回答日", "実施日", "date")
ANSWER_DEPARTMENT_CANDIDATES = ("担当課", "所管課", "担当部署", "担当", "所管", "department")

# A column whose name ends like an id, a date, a count or a code (「回答番号」, 「回答No.」, 「考え方ID」,
# 「回答日」, 「意見件数」, 「対応区分」) holds no text, even when it contains an answer or opinion name:
# the answer and past-opinion guesses take such a column only when no other candidate is there.
_NOT_TEXT_END_RE = re.compile(
    r"(番号|番|(?<![a-z])(no\.?|id|code|date)|#|コード|日付|日時|年月日|月日|日|年度|件数|数|順|区分|分類|種別)$")
_NOT_TEXT_NAMES = frozenset(fold_name(c) for c in (*ANSWER_ID_CANDIDATES, *ANSWER_DATE_CANDIDATES))
# The past opinion's exact names: JSON lines fields spelled so are one field (``Table.read_notes``).
_OPINION_NAMES = frozenset(fold_name(c) for c in ANSWER_OPINION_CANDIDATES)


def _not_text_name(column: str) -> bool:
    """Whether a column name reads as an id, date, count or code column, not a text column.

    >>> [_not_text_name(c) for c in ["回答番号", "回答No.", "回答日", "ご意見（No.順）", "回答文", "市の考え方"]]
    [True, True, True, False, False, False]
    """
    name = fold_name(column)
    if name in _NOT_TEXT_NAMES:
        return True
    name = re.sub(r"\([^()]*\)$", "", name).strip()  # 「回答番号（A-）」: the name before a trailing note
    return bool(name) and bool(_NOT_TEXT_END_RE.search(name))


def _guess_text_role(columns: Sequence[str], candidates: Sequence[str], what: str, table=None,
                     label: str = "", option: str | None = None, vote: bool = True) -> tuple[str, bool, list[int]]:
    """The first candidate column that does not read as an id, date, count or code
    (``_not_text_name``), else the first candidate at all (``guess_column``: an ``InputError``
    if none). Returns ``(column, whether it reads as such a column, clashing records)``.

    JSON lines (``table`` read from one): the candidate fields' exact spellings that never hold
    text in the same record are read together as one column (``io.field_of_records``: this
    changes ``table`` and adds a line naming the ``label`` field and ``option`` to its notes);
    the records with text under two spellings are returned and nothing is combined. ``vote``:
    the field most records have is taken (as the comment reader's text), else the first in the
    candidates' order."""
    text_like = [c for c in columns if not _not_text_name(c)]
    if table is not None and table.present_keys is not None:
        others = set(table.columns) - set(text_like)
        col, clash = field_of_records(table, candidates, given=others, what=label, option=option, vote=vote)
        if col is not None:
            return col, False, clash
    else:
        col = guess_column(text_like, candidates, None, required=False)
        if col is not None:
            return col, False, []
    col = guess_column(columns, candidates, None, what=what, header_option=None)
    return col, True, []


def _comment_columns(columns: Sequence[str]) -> list[str]:
    """The columns that make a table a list of comments as received (a text column beside a channel or a
    submitter column: 受付番号, 提出方法, 氏名, ご意見), or []."""
    from .io import CHANNEL_COLUMN_CANDIDATES, SUBMITTER_COLUMN_CANDIDATES, TEXT_COLUMN_CANDIDATES

    def named(candidates) -> list[str]:
        names = {fold_name(c) for c in candidates}
        return [c for c in columns if fold_name(c) in names]

    texts, who = named(TEXT_COLUMN_CANDIDATES), named(CHANNEL_COLUMN_CANDIDATES) + named(SUBMITTER_COLUMN_CANDIDATES)
    return [c for c in columns if c in texts or c in who] if texts and who else []


def _answer_clash_warning(table, answer: str, clash: list[int]) -> str | None:
    """JSON lines whose answer field is spelled two ways and some record fills both: the line
    about the records read without an answer whose answer is under the other spelling."""
    names = {fold_name(c) for c in ANSWER_TEXT_CANDIDATES}
    others = [c for c in table.columns if c != answer and fold_name(c) in names]
    elsewhere = [(i, [c for c in others if row.get(c, "").strip()]) for i, row in enumerate(table.rows, 1)
                 if not row.get(answer, "").strip()]
    elsewhere = [(i, found) for i, found in elsewhere if found]
    if not elsewhere:
        return None
    first = elsewhere[0][1][0]
    where = ", ".join(repr(c) for c in dict.fromkeys(c for _, found in elsewhere for c in found))
    return (f"warning: {len(elsewhere)} of {len(table.rows)} records have no answer under {answer!r} and are "
            f"skipped; their answer is under {where} (records {record_list([i for i, _ in elsewhere])}), "
            f"not read together with {answer!r} because records {record_list(clash)} have an answer under "
            f"both: give --answer-text-column {first} to read that field instead, or use one field name in "
            "every record")


# Fusion weights (cos_opinion, cos_answer, lex_opinion, lex_answer) and the threshold
# below which a candidate is "no good past answer". Tuned on the LocalgovFAQ tuning split
# (benchmarks/bench_answers.py); see BENCHMARKS.md.
DEFAULT_WEIGHTS = (0.20, 0.15, 0.25, 0.40)
DEFAULT_MIN_SCORE = 0.15
# A candidate matched by another opinion's sentence than the one a row shows stands in the report only
# when it scores at least this share of the threshold on the shown opinion (with the whole row) too:
# QA56 saw rows mixing unrelated requests show an answer to a member under the representative's words
# (「駅前の市営駐車場にEV充電器を」 with the answer on 駐輪場, 0.405). On LocalgovFAQ's held-out groups
# (benchmarks, BENCHMARKS.md section 3) 0.5 keeps 97 % of the right candidates of paraphrase clusters
# and halves the wrong ones shown for a representative that does not share its member's answer.
SHOWN_SCORE_SHARE = 0.5


def stands_in_report(candidate: AnswerCandidate, min_score: float) -> bool:
    """Whether ``candidate`` is shown, marked as unconfirmed, in the report (and so first in the
    worksheet and `review show`: QA65 saw them name another candidate than the report)."""
    return candidate.score >= min_score and (candidate.shown_score is None
                                             or candidate.shown_score >= SHOWN_SCORE_SHARE * min_score)
# Each feature is raised to this power before the weighted sum: a soft AND that favours
# one strong match over several weak ones (weights and power chosen together on the tuning part).
SCORE_POWER = 2.0
# Quantile of unrelated-pair cosines that is mapped to 0.
COSINE_BASELINE_QUANTILE = 0.5
# A query word the archive never uses weighs as this quantile of the archive words' best
# BM25 weights in the lexical bound (unmatched, but it was asked).
OOV_QUANTILE = 0.5
# 2: IDF-weighted content-word pooling for static encoders (``_Pooler``), its state saved.
INDEX_FORMAT = 2
INDEX_FILE = "answer_index.npz"
RECORDS_FILE = "records.jsonl"


# ----------------------------------------------------------------- reading


def split_merged_opinion(text: str) -> list[str]:
    """The single opinions of a merged cell (numbered items, else one per line); [] if only one.

    Uses the same splitter as the comments (``split.split_submission``), so a published row
    「①…②…」 is cut exactly as a submission would be.

    >>> split_merged_opinion("①駐輪場を増やしてほしい。②料金を下げてほしい。")
    ['駐輪場を増やしてほしい。', '料金を下げてほしい。']
    """
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    items = [seg.text_of(text).strip() for seg in split_submission(text)]
    if len(items) < 2:  # no item markers: a merged cell often holds one opinion per line
        items = [line.strip() for line in text.split("\n")]
    items = [item for item in items if len(item) >= 4]  # bare markers, one-word headings
    return items if len(items) >= 2 else []


# A report of this tool fed back as past answers (report.csv / report.xlsx, draft or --final): its
# 考え方 cells hold placeholders, not answers of that consultation. A candidate it offered, marked
# 【回答案（過去の回答からの候補・未確認）】 (or 【回答案（今回確定した他の回答からの候補・未確認）】), is an
# older past answer (already in the archive) or one staff never confirmed; 「（考え方は未記入）」 is no
# answer. report.csv says the answer's state in a column of its own (確定 / 候補 / 未記入).
# (``report.CANDIDATE_MARK``, ``report.RUN_CANDIDATE_MARK``, ``report.NO_ANSWER``.)
_DRAFT_CANDIDATE_RE = re.compile(r"^\s*【回答案[^】\n]*未確認[^】\n]*】")
_NO_ANSWER_RE = re.compile(r"^\s*[（(][^（）()\n]{0,20}は未記入[）)]\s*$")
_REPORT_STATE_COLUMN = "回答の状態"
_REPORT_STATES = {"確定": "confirmed", "候補": "candidate", "未記入": "none"}


def _report_answer_state(answer: str, state: str) -> str:
    """"candidate", "none" or "" (an answer) for a row of a report of this tool: its 回答の状態
    (``state``, report.csv) where it has one, else the 考え方 cell's mark."""
    said = _REPORT_STATES.get(state.strip())
    if said == "candidate" or _DRAFT_CANDIDATE_RE.match(answer):
        return "candidate"
    if said == "none" or _NO_ANSWER_RE.match(answer):
        return "none"
    return ""


# The options that name a past-answer table's columns, for messages (source: library only).
_PAST_ROLE_OPTIONS = {"answer": "--answer-text-column", "opinion": PAST_ANSWER_OPTIONS.text,
                      "id": PAST_ANSWER_OPTIONS.id, "source": None}
_PAST_ROLE_NAMES = {"answer": ("answer", "answers"), "opinion": ("past-opinion", "past opinions"),
                    "id": ("id", "ids"), "source": ("source", "sources")}


def _refuse_role_on(role: str, given: str | None, cols: dict, given_roles: dict, columns: list[str],
                    taken: Sequence[str]) -> None:
    """A column given for ``role`` cannot be the column of a role in ``taken`` (answer,
    opinion): the ids, the sources or the past opinions would be the answers themselves.
    One-line ``InputError`` naming the option, the column and which role already has it."""
    if given is None:
        return
    for other in taken:
        if cols.get(other) != given:
            continue
        other_name, other_plural = _PAST_ROLE_NAMES[other]
        other_opt = _PAST_ROLE_OPTIONS[other]
        how = f"given with {other_opt}" if given_roles[other] else \
            f"guessed; give {other_opt} if the {other_plural} are in another column"
        name = _PAST_ROLE_NAMES[role][0]
        option = _PAST_ROLE_OPTIONS[role] or f"{name} column"
        raise InputError(f"{option} {given!r} is the {other_name} column ({how}); the {name.replace('-', ' ')} "
                         f"must come from another column (the file has: {', '.join(columns)})")


def _guess_past_columns(table, id_column, opinion_column, text_column,
                        source_column, warnings: list[str] | None = None) -> tuple[dict, list[str]]:
    """The past-answer table's columns, ``({"answer", "opinion", "id", "source", "date",
    "department": name or None}, [roles guessed])``.

    JSON lines records that spell the past-opinion (or the answer) field two ways, never both
    in one record (「意見」 in some, 「ご意見」 in others), are read together as one column, as
    the comment reader reads their text (a line in ``table.notes`` says so; this changes
    ``table``). When a record fills both, nothing is combined: ``table.text_field_clash`` lists
    those records for ``Table.read_notes`` (past opinion) or a warning is added (answer).

    The answer and past-opinion guesses never take a column named like an id, a date, a count
    or a code (「回答番号」, 「回答No.」, 「回答日」, 「意見件数」: ``_not_text_name``) while another
    candidate is there, as the comment reader never guesses 「意見番号」 for the text; when it is
    the only one it is taken and a warning line is added to ``warnings``.

    Each column serves one role: a column given for the past opinion, the id or the source that
    is the answer column (or, for the id and source, the past-opinion column) is refused with
    one line, as ``io.choose_columns`` refuses an id that is the text column; a guess never lands
    on a column a role already has (it is chosen among the columns left).
    """
    warnings = [] if warnings is None else warnings
    columns = table.columns
    given_roles = {"answer": text_column is not None, "opinion": opinion_column is not None,
                   "id": id_column is not None, "source": source_column is not None}
    guessed = []
    cols: dict[str, str | None] = {}
    # The answer column first: "意見" would otherwise match "ご意見に対する市の考え方".
    # No --header-row for past-answer files: a file without a header is told to add one.
    if text_column is not None:
        cols["answer"] = guess_column(columns, ANSWER_TEXT_CANDIDATES, text_column, what="answer-text",
                                      header_option=None)
    else:
        # 「回答番号」 and 「回答日」 contain 「回答」 but hold numbers and dates: a text column is preferred
        # JSON lines: the answer field is taken in the names' order, not by vote: a 「対応」 field that
        # holds 反映 / 参考 in every record must not win over a 「市の考え方」 left out of a few
        try:
            cols["answer"], not_text, clash = _guess_text_role(columns, ANSWER_TEXT_CANDIDATES, "answer-text", table,
                                                               "answer", _PAST_ROLE_OPTIONS["answer"], vote=False)
        except ColumnError:
            if comments := _comment_columns(columns):  # QA56: a comments list given as the past answers
                raise ColumnError(f"it looks like a list of comments ({', '.join(comments)}), not a table of past "
                                  "answers: it has no answer column (考え方, 回答); give the earlier consultation's "
                                  "published table (ご意見の概要 and 市の考え方) as the past answers") from None
            raise
        if not_text:
            warnings.append(f"warning: the answer column {cols['answer']} reads like an id, date or count column; "
                            "give --answer-text-column if the answers are in another column")
        if clash and (line := _answer_clash_warning(table, cols["answer"], clash)):
            warnings.append(line)
        guessed.append("answer")
        columns = table.columns  # JSON lines: the answer field's spellings read together are one column
    rest = [c for c in columns if c != cols["answer"]]
    if opinion_column is not None:
        cols["opinion"] = guess_column(columns, (), opinion_column, what="answer-opinion")
        _refuse_role_on("opinion", opinion_column, cols, given_roles, columns, ("answer",))
    else:
        cols["opinion"], not_text, clash = _guess_text_role(rest, ANSWER_OPINION_CANDIDATES, "answer-opinion",
                                                            table, "past-opinion", PAST_ANSWER_OPTIONS.text)
        if not_text:
            warnings.append(f"warning: the past-opinion column {cols['opinion']} reads like an id, date or count "
                            f"column; give {PAST_ANSWER_OPTIONS.text} if the past opinions are in another column")
        if clash:
            table.text_field_clash = clash  # Table.read_notes warns about the records read as empty
        guessed.append("opinion")
        columns = table.columns
    rest = [c for c in columns if c not in (cols["answer"], cols["opinion"])]
    if id_column is not None:
        cols["id"] = guess_column(columns, (), id_column, what="answer-id")
        _refuse_role_on("id", id_column, cols, given_roles, columns, ("answer", "opinion"))
    else:
        cols["id"] = guess_column(rest, ANSWER_ID_CANDIDATES, None, what="answer-id", required=False)
        if cols["id"] is not None:
            guessed.append("id")
    rest = [c for c in rest if c != cols["id"]]
    if source_column is not None:
        cols["source"] = guess_column(columns, (), source_column, what="answer-source")
        _refuse_role_on("source", source_column, cols, given_roles, columns, ("answer", "opinion"))
    else:
        cols["source"] = guess_column(rest, ANSWER_SOURCE_CANDIDATES, None, what="answer-source",
                                      required=False)
    rest = [c for c in rest if c != cols["source"]]
    cols["date"] = guess_column(rest, ANSWER_DATE_CANDIDATES, None, what="answer-date", required=False)
    rest = [c for c in rest if c != cols["date"]]
    cols["department"] = guess_column(rest, ANSWER_DEPARTMENT_CANDIDATES, None,
                                      what="answer-department", required=False)
    return cols, guessed


_CONSULTATION_TITLE_RE = re.compile(r"意見募集|パブリックコメント|パブコメ|意見公募|に対する(?:ご|御)?意見|に係る|実施結果")


_YEAR_RE = re.compile(r"(?:令和|平成)\s*(?:\d+|元)\s*年(?:度)?|(?:19|20)\d\d\s*年(?:度)?")


def _consultation_title(rows: Sequence[str]) -> str:
    """The title row above a past-answer table that names its consultation, on one line, with the
    year another title row gives (「実施期間 令和7年6月1日～」) when it has none (QA34: last year's
    answers read as this year's title), else ""."""
    lines = [" ".join(str(row).split()) for row in rows]
    for text in lines:
        if 8 <= len(text) <= 120 and _CONSULTATION_TITLE_RE.search(text):
            if not _YEAR_RE.search(text):
                year = next((m.group() for other in lines if (m := _YEAR_RE.search(other))), "")
                if year:
                    return f"{text}（{''.join(year.split())}）"
            return text
    return ""


def _each_file_once(paths: Sequence[Path], log: Callable[[str], None]) -> list[Path]:
    """``paths`` without a file given again, or a copy of one given before (the same bytes), said
    in one line each: read twice, its answers were all offered under the second name (QA65)."""
    kept: list[Path] = []
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        except OSError:
            digest = None
        first = seen.get(digest) if digest else None
        if first is None:
            if digest:
                seen[digest] = path
            kept.append(path)
        elif first.resolve() == path.resolve():
            log(f"past answers: {path.name} is given twice: read once")
        else:
            log(f"past answers: {path.name} is a copy of {first.name} (the same content): read once, as {first.name}")
    return kept


def read_past_answers(paths, id_column: str | None = None, opinion_column: str | None = None,
                      text_column: str | None = None, source_column: str | None = None,
                      log: Callable[[str], None] | None = print) -> tuple[list[PastAnswer], dict]:
    """Read past-answer tables (CSV/TSV/XLSX/JSONL; UTF-8, UTF-8 BOM, CP932).

    ``paths``: one path or several. Columns are guessed from the usual published headings
    (No. / ご意見の概要 / 市の考え方 / 出典 / 日付 / 担当課) unless given; the guess is logged.
    ``text_column`` is the answer text (市の考え方), ``opinion_column`` the past opinion.
    Answer ids are the id column's value (prefixed with the file stem when several files
    are read, so ids stay unique), else ``<file stem>:<row number>`` (1-based data row).
    Rows with an empty answer are skipped and reported. From a report of this tool fed back
    (report.csv / report.xlsx …) only confirmed answers are read: a row whose 回答の状態 is 候補 or
    未記入, or whose answer is a 【回答案…未確認】 candidate or 「（考え方は未記入）」, is skipped, and
    one line says how many and why.

    Returns ``(records, report)``; ``report`` has ``files`` (per-file columns, encoding,
    counts, ``skipped_candidates`` and ``skipped_unwritten``: such rows' ids), ``rows``,
    ``records``, ``skipped_empty_answer`` (count), ``skipped_ids`` (the ids of rows with an
    empty answer) and ``skipped_report_rows`` (count). Raises ``cluster.io.InputError`` on a file
    that cannot be read or has no answer column, and on a column given for the past opinion,
    the id or the source that is the answer (or past-opinion) column (one line naming the option).
    """

    log = log or (lambda msg: None)
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("no past-answer file given")
    paths = _each_file_once(paths, log)
    for p in paths:
        if p.suffix.lower() in (".md", ".html", ".htm"):
            # (QA78: read as a table, its error quoted a CSS line of report.html)
            beside = [n for n in ("report.xlsx", "report.csv") if (p.parent / n).is_file()]
            raise InputError(f"{p}: a Markdown or HTML report is not read as past answers; give "
                             + (f"{p.parent / beside[0]} beside it (the same table)" if beside else
                                "the report.xlsx or report.csv of that run, or the published table as Excel or CSV"))
    many = len(paths) > 1
    if many:
        for p in paths:
            if AnswerIndex.is_saved_index(p):
                raise InputError(f"{p}: is an index saved by `cluster answers --save-index`; a saved index must be "
                                 "the only --answers (save a new index from all the tables to add one)")
    records: list[PastAnswer] = []
    seen_ids: dict[str, int] = {}
    report: dict = {"files": [], "rows": 0, "records": 0, "skipped_empty_answer": 0, "skipped_ids": [],
                    "skipped_report_rows": 0}
    for path, table, cols, guessed, warnings, sheets in _past_answer_tables(paths, id_column, opinion_column,
                                                                             text_column, source_column, log):
        note = " (guessed)" if guessed else ""
        extra = ""
        if cols["id"]:
            extra += f", id column = {cols['id']}"
        if cols["source"]:
            extra += f", source column = {cols['source']}"
        if cols.get("department"):
            extra += f", department column = {cols['department']}"
        log(f"past answers: {path.name} ({table.describe()}): opinion column = {cols['opinion']}, "
            f"answer column = {cols['answer']}{extra}{note}")
        # (QA56: a past table's 対応区分 went unsaid; a new row's 対応区分 is staff's: `cluster review category`)
        unused = [c for c in table.file_columns if c not in {v for v in cols.values() if v} and c.strip()
                  and not c.startswith("_")]
        if unused:
            log(f"past answers: {path.name}: column{'s' if len(unused) > 1 else ''} not used: {', '.join(unused[:8])}"
                f"{' …' if len(unused) > 8 else ''} (only the columns named above are read)")
        for line in [*warnings, *table.read_notes(cols["opinion"])]:
            log(f"past answers: {path.name}: {line.removeprefix(path.name + ': ')}")  # (a note naming its file)
        # a workbook with a sheet per year (R4, R5 …): ids and the default source name the sheet
        stem = path.stem
        prefix = ":".join(([stem] if many else []) + ([table.sheet] if sheets else []))
        # without a source column, the consultation the table's title row names (「○○計画（案）に対する意見
        # 募集の結果」) says where an answer came from better than a file name (QA31: 「report」 for two years)
        base = _consultation_title([text for _, text in table.skipped_rows]) or _sibling_report_title(path) or stem
        default_source = f"{base} {table.sheet}" if sheets else base
        skipped: list[str] = []
        notes: list[str] = []  # note and footer rows under the table (no answer, no opinion)
        drafts: list[str] = []  # a report of this tool: rows holding a candidate, rows 未記入
        unwritten: list[str] = []
        kept = 0
        state_col = next((c for c in table.columns if fold_name(c) == _REPORT_STATE_COLUMN
                          and c not in cols.values()), None)
        rows, joined = _join_continuation_rows(table.rows, cols)
        if joined:
            shown = ", ".join(f"row {r} to row {to}" for r, to in joined[:10]) + (" ..." if len(joined) > 10 else "")
            log(f"past answers: {path.name}: joined {counted(len(joined), 'row')} without {cols['id']} to the row "
                f"above (a cell split over rows, as in a table converted from PDF): {shown}")
        # a row without an id (``<file>:<row number>``) never takes an id the file gives a row
        explicit = {f"{prefix}:{i}" if prefix else i for i in
                    ((r.get(cols["id"], "") if cols["id"] else "").strip() for _, r in rows) if i}
        for row_number, row in rows:
            raw_id = (row.get(cols["id"], "") if cols["id"] else "").strip()
            if raw_id:
                answer_id = f"{prefix}:{raw_id}" if prefix else raw_id
            else:
                answer_id = f"{prefix or stem}:{row_number}"
                if answer_id in explicit:
                    answer_id = f"{prefix or stem}:row{row_number}"
            if answer_id in seen_ids:
                seen_ids[answer_id] += 1
                answer_id = f"{answer_id}#{seen_ids[answer_id]}"
            else:
                seen_ids[answer_id] = 1
            answer = row.get(cols["answer"], "").strip()
            # (the row's heading 【…】 on a line of its own above the summary: a report.xlsx of this tool, QA78)
            opinion = _HEADING_LINE_RE.sub("", row.get(cols["opinion"], "").strip(), count=1)
            state = _report_answer_state(answer, row.get(state_col, "") if state_col else "") if answer else ""
            if state:
                (drafts if state == "candidate" else unwritten).append(answer_id)
                continue
            if not answer:
                if _is_note_row(raw_id, opinion):  # 「※同趣旨の意見は…」「【問い合わせ先】…」 under the table
                    notes.append(raw_id or opinion)
                else:
                    skipped.append(answer_id)
                continue
            answer = _unwrapped(answer)  # a PDF copy's line breaks inside a sentence (QA65)
            source = row.get(cols["source"], "").strip() if cols["source"] else ""
            records.append(PastAnswer(
                answer_id=answer_id,
                opinion=opinion,
                answer=answer,
                source=source or default_source,
                date=row.get(cols["date"], "").strip() if cols["date"] else "",
                department=row.get(cols["department"], "").strip() if cols["department"] else "",
            ))
            kept += 1
        _check_answer_column(path, table, cols, records[len(records) - kept:])
        report["files"].append({
            "path": str(path), "encoding": table.encoding, "columns": cols,
            "guessed": guessed, "rows": len(table.rows), "records": kept, "skipped_ids": skipped,
            "joined_rows": [n for n, _ in joined], "skipped_candidates": drafts, "skipped_unwritten": unwritten,
        })
        report["rows"] += len(table.rows)
        report["records"] += kept
        report["skipped_empty_answer"] += len(skipped)
        report["skipped_ids"].extend(skipped)
        report["skipped_report_rows"] += len(drafts) + len(unwritten)
        if drafts or unwritten:
            why = []
            if drafts:
                why.append(f"{len(drafts)} hold an unconfirmed candidate 【回答案…未確認】 (an older past answer or "
                           "one never confirmed)")
            if unwritten:
                why.append(f"{len(unwritten)} 「（考え方は未記入）」 (no answer written)")
            both = drafts + unwritten
            shown = ", ".join(both[:10]) + (" ..." if len(both) > 10 else "")
            log(f"past answers: {path.name}: skipped {counted(len(both), 'row')} without an answer of that "
                f"consultation (a report of this tool; {kept} confirmed {'answer' if kept == 1 else 'answers'} read): "
                f"{', '.join(why)}: {shown}")
        if notes:
            shown = "; ".join(f"「{shorten(' '.join(n.split()), 30)}」" for n in notes[:5]) + (" …" if len(notes) > 5 else "")
            log(f"past answers: {path.name}: {counted(len(notes), 'note row')} without an answer skipped "
                f"(notes or a footer under the table): {shown}")
        if skipped:
            shown = ", ".join(skipped[:10]) + (" ..." if len(skipped) > 10 else "")
            hint = (" (merged cells in Excel? unmerge and fill them)" if table.format == "xlsx"
                    else "; fill in their answers to offer them")
            log(f"past answers: {path.name}: skipped {counted(len(skipped), 'row')} with an empty answer: {shown}{hint}")
    if not records:
        why = (" (a report of this tool without a confirmed answer: its candidates are not answers of that "
               "consultation; give the published table, or confirm answers with `cluster review answer` and "
               "write the report again)") if report.get("skipped_report_rows") else ""
        raise InputError(f"no past answers with an answer text in {', '.join(map(str, paths))}{why}")
    log(f"past answers: {counted(len(records), 'answer')} read from {counted(len(paths), 'file')}")
    return records, report


_SENTENCE_CLOSED = tuple("。．.！？!?」）)』")
def _sibling_report_title(path: Path) -> str:
    """The title of this tool's report.md beside a report.csv (the table alone, no title row): what an answer read
    from it cites as its source, not 「report」 (QA78: two years' answers both from 「report」)."""
    md = path.with_suffix(".md")
    if path.suffix.lower() != ".csv" or not md.is_file():
        return ""
    try:
        first = md.read_text(encoding="utf-8").lstrip().splitlines()[0]
    except (OSError, UnicodeDecodeError, IndexError):
        return ""
    return re.sub(r"\\(.)", r"\1", first[2:]).strip() if first.startswith("# ") else ""


# A published row's heading over its summary: 「【公園の遊具】⏎公園に幼児用の遊具を…」
_HEADING_LINE_RE = re.compile(r"^[ \t\u3000]*【[^】\n]{1,40}】[ \t\u3000]*\n(?=[ \t\u3000]*\S)")
# 「※同趣旨の意見は…」「【問い合わせ先】…」「（注）…」: a note or footer row under a published table
_NOTE_ROW_RE = re.compile(r"\s*(?:[※＊*]|【[^】]{0,12}】|[(（]\s*注\s*[)）]|注[：:)）]|問い?合わ?せ先|担当[：:])")


def _is_note_row(raw_id: str, opinion: str) -> bool:
    """A row without an answer that is a note under the table, not an answer left empty: its text
    stands in the id column (no opinion), or its opinion cell opens with a note mark."""
    if raw_id and not opinion:
        return len(raw_id) > 8 or _NOTE_ROW_RE.match(raw_id) is not None
    return not raw_id and _NOTE_ROW_RE.match(opinion) is not None


# a line of a PDF copy ends where the page's line did: 「…受入れ⏎施設の増加を…」 (not after a sentence,
# a colon or a heading's bracket, and not before a line that opens a list item)
_LIST_LINE_RE = re.compile(r"[ \t\u3000]*(?:[・●○■◆◇□※\-－*＊]|[0-9０-９]{1,2}[.．、)）\t\u3000 ]|[(（][0-9０-９一二三四五六七八九十ア-ン]{1,2}[)）]"
                           r"|[①-⑳]|[ア-ンｱ-ﾝ一二三四五六七八九十][.．、\t\u3000 ])")
_WRAP_MIN = 15  # a wrapped line is a full line of the page, not a short one a writer ended


def _unwrapped(answer: str) -> str:
    """``answer`` with the line breaks of a PDF copy inside its sentences removed; breaks after a
    sentence (an answer's own paragraphs) and before list items kept."""
    if "\n" not in answer:
        return answer
    lines = answer.split("\n")
    out = lines[0]
    for before, line in zip(lines, lines[1:]):
        last = before.rstrip()  # the line as the page printed it (not what earlier joins made of it)
        inside = (len(last) >= _WRAP_MIN and not last.endswith(_SENTENCE_CLOSED + tuple("：:】、，,"))
                  and line.strip() and not _LIST_LINE_RE.match(line) and not _LIST_LINE_RE.match(before)
                  # the next line runs on as a page's line does, or ends the sentence (not a short item: QA68)
                  and (len(line.strip()) >= _WRAP_MIN or line.rstrip().endswith(_SENTENCE_CLOSED)))
        if inside:
            # (two Latin words keep the blank the line break stood for)
            blank = " " if last[-1:].isascii() and last[-1:].isalnum() and line.strip()[:1].isascii() else ""
            out = out.rstrip() + blank + line.strip()
        else:
            out = out + "\n" + line
    return out


# an answer column of numbers (件数, No.) or marks, not answers (QA65: 「--answer-text-column 件数」 offered 「4」)
_NOT_AN_ANSWER_RE = re.compile(r"(?:[\s0-9０-９.,，．、()（）○×〇✓\-－]|件|名|項目|番号|No)*")


def _check_answer_column(path: Path, table, cols: dict, records: Sequence[PastAnswer]) -> None:
    """One clear error when the answer column holds numbers or marks rather than answers, naming the
    column that looks like the answers."""
    if not records:
        return
    numbers = sum(1 for r in records if _NOT_AN_ANSWER_RE.fullmatch(r.answer))
    if numbers * 2 <= len(records):
        return
    used = {c for c in cols.values() if c}

    def longest(col: str) -> float:
        values = [str(row.get(col, "") or "").strip() for _, row in ([(0, r) for r in table.rows])]
        values = [v for v in values if v]
        return sum(map(len, values)) / len(values) if values else 0.0

    better = max((c for c in table.columns if c not in used), key=longest, default=None)
    hint = (f"; the answers look like they are in {better!r}: give --answer-text-column {better}"
            if better and longest(better) >= 10 else "")
    raise InputError(f"{path}: the answer column {cols['answer']!r} holds numbers, not answer texts "
                     f"({numbers} of {len(records)} rows, e.g. 「{records[0].answer}」){hint}")


def _join_fragments(before: str, after: str) -> str:
    """``after`` continuing ``before``: joined directly inside a sentence (a PDF line break),
    on a new line after one that is closed."""
    if not before or not after:
        return before or after
    return before + ("\n" if before.endswith(_SENTENCE_CLOSED) else "") + after


def _join_continuation_rows(rows: Sequence[dict], cols: dict) -> tuple[list[tuple[int, dict]], list[tuple[int, int]]]:
    """``[(row number, row)]`` with each continuation row joined to the row above, and the joins
    ``[(row number, joined to row number)]``.

    In a table whose id column is filled (ids in at least half of its non-blank rows), a row
    without an id that is not fully blank continues the row above: a table converted from PDF
    splits a long cell over two rows (「学習席を現在の40席から」 / 「80席に増設する計画です。」). Its
    past-opinion and answer text are appended to that row's (``_join_fragments``); another
    field is taken only where that row's is empty. A table without an id column is read row
    by row (its ids are row numbers)."""
    numbered = [(n, dict(r)) for n, r in enumerate(rows, 1)]
    id_col = cols.get("id")
    if not id_col:
        return numbered, []
    filled = [r for _, r in numbered if any((v or "").strip() for v in r.values())]
    with_id = sum(1 for r in filled if (r.get(id_col) or "").strip())
    if not filled or with_id * 2 < len(filled) or with_id == len(filled):
        return numbered, []
    out: list[tuple[int, dict]] = []
    joined: list[tuple[int, int]] = []
    last = None  # the last row that is not blank (a spacer row between fragments is passed over)
    for n, row in numbered:
        blank = not any((v or "").strip() for v in row.values())
        # a note under the table (「※同趣旨のご意見は…」 with no answer) is no continuation (QA68)
        note = (not (row.get(cols.get("answer")) or "").strip()
                and _is_note_row("", (row.get(cols.get("opinion")) or "").strip()))
        if last is not None and not blank and not note and not (row.get(id_col) or "").strip():
            first_n, first = last
            for key, value in row.items():
                value = (value or "").strip()
                if not value:
                    continue
                if key in (cols.get("answer"), cols.get("opinion")):
                    first[key] = _join_fragments((first.get(key) or "").strip(), value)
                elif not (first.get(key) or "").strip():
                    first[key] = value
            joined.append((n, first_n))
            continue
        out.append((n, row))
        if not blank:
            last = (n, row)
    return out, joined


_GIVEN_ROLE_WHAT = {"id": ("answer-id", PAST_ANSWER_OPTIONS.id), "opinion": ("answer-opinion", PAST_ANSWER_OPTIONS.text),
                    "answer": ("answer-text", "--answer-text-column"), "source": ("answer-source", "source_column")}


def _given_per_file(read: list, given: dict, log) -> list[dict]:
    """The columns given for each file of ``read`` (``[(path, [tables])]``): with several files,
    a given column is used in each file that has it and guessed in the others (one line names
    them); a column no file has is an ``InputError``, as it is with one file."""
    per_file = [dict(given) for _ in read]
    if len(read) < 2:
        return per_file
    from .io import find_column

    for role, name in given.items():
        if name is None:
            continue
        has = [any(find_column(t.columns, name) is not None for t in tables) for _, tables in read]
        what, option = _GIVEN_ROLE_WHAT[role]
        if not any(has):
            listed = "; ".join(f"{p.name} has: {', '.join(tables[0].columns)}" for p, tables in read)
            raise InputError(f"unknown {what} column {name!r} in every past-answer file ({listed})")
        for (path, _), found, cols in zip(read, has, per_file):
            if not found:
                cols[role] = None
                log(f"past answers: {path.name}: no column {name!r} ({option} names a column of "
                    f"{', '.join(p.name for (p, _), f in zip(read, has) if f)}); its {what.split('-', 1)[1]} "
                    "column is guessed")
    return per_file


def _past_answer_tables(paths, id_column, opinion_column, text_column, source_column, log):
    """(path, table, columns, guessed, warnings, several sheets) for every past-answer table: each file,
    and in a workbook every other visible sheet whose columns can be found too (an archive kept
    as one sheet per year or per consultation). A sheet whose columns cannot be found (notes, a
    cover) is named in one line and passed over; one sheet at least must have them. With
    several files, a column given by an option is used in the files that have it and guessed
    in the others (``_given_per_file``)."""
    read = []
    for path in paths:
        table = read_table(path, fill_merged=True, options=PAST_ANSWER_OPTIONS)
        found = [table]
        for name in list(getattr(table, "other_sheets", []) or []):
            try:
                found.append(read_table(path, sheet=name, fill_merged=True, options=PAST_ANSWER_OPTIONS))
            except InputError as exc:
                log(f"past answers: {path.name}: sheet {name} not read ({str(exc).split(': ', 1)[-1]})")
        read.append((path, found))
    given = {"id": id_column, "opinion": opinion_column, "answer": text_column, "source": source_column}
    for (path, found), cols_given in zip(read, _given_per_file(read, given, log)):
        guessed_tables, failures = [], []
        for t in found:
            t.text_names = _OPINION_NAMES  # read_notes: records whose past opinion is under another spelling
            warnings: list[str] = []
            try:
                cols, guessed = _guess_past_columns(t, cols_given["id"], cols_given["opinion"], cols_given["answer"],
                                                    cols_given["source"], warnings)
            except ValueError as exc:
                failures.append((t, exc))
                continue
            guessed_tables.append((t, cols, guessed, warnings))
        if not guessed_tables:  # no sheet (or the one table of a CSV) has the columns
            raise InputError(f"{path}: {failures[0][1]}") from None
        for t, exc in failures:  # a notes or cover sheet among the answer sheets
            why = "one column, a notes or cover page" if len(t.columns) <= 1 else str(exc)
            log(f"past answers: {path.name}: sheet {t.sheet} not read ({why})")
        for t, cols, guessed, warnings in guessed_tables:
            yield path, t, cols, guessed, warnings, len(guessed_tables) > 1


# ----------------------------------------------------------------- the index


def _norm_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _query_text(text: str) -> str:
    """A query as the search reads it: ``_norm_text`` without page and section references
    (``labels.without_references``)."""
    from .labels import without_references

    return without_references(_norm_text(text))


def _answer_key(text: str) -> str:
    """An answer text as candidates compare it: NFKC, without spaces or line breaks."""
    return "".join(_norm_text(text).split())


# An opinion that only rejects what it names (反対, 不要, やめて, 撤去, 廃止して …) and a past
# opinion that only asks for something (or the other way round) are opposite requests: their past
# answer (「設置を検討してまいります」) would answer the opposite of what was asked. Such a candidate
# keeps its place in answers.csv at this share of its score, and so seldom reaches the report.
# A letter that does both (「計画案に反対します。…メガソーラーを規制してください。」) is neither side.
# The same penalty for a past opinion that asks for the same action in the opposite direction
# (``stance.request_directions``: 「値上げすべきだ」 and 「値下げしてほしい」, 「伐採しないでほしい」 and
# 「伐採してほしい」), which ``request_stance`` reads as two requests; when both ask for an action in the
# same direction (「減便をやめてほしい」「減便は不要」), they are not opposite whatever their stances.
# An explicit 賛成 and an explicit 反対 (``stance.explicit_polarity``) are opposite too, as in the grouping (QA98: the
# answer staff wrote for a 3,000-letter campaign 「…促進区域に森林を含めることに反対します。…除外してください。」, a
# letter that both rejects and asks, was offered to the 「…促進区域を広く設定する案に賛成です。」 row at 0.47), unless
# both ask for one action the same way (「廃止に反対」 and 「存続に賛成」 both keep).
STANCE_PENALTY = 0.1  # opposite ``stance.request_stance``: +1 asks, -1 rejects


# A question is not answered by what was written for a request (QA99: 「図書館の開館時間は何時から何時までですか」 was
# offered 「…開館時間の延長を検討します」, written in the same run for the row asking for longer hours): an answer confirmed
# for a row that only asks for something, rejects or takes a side keeps a tenth of its score for a row that only asks
# questions. Not the other way (a FAQ's answer to 「コンビニで住民票は取れますか」 serves 「コンビニで発行できるように」 as
# well), and not for an archive's entries (``AnswerIndex._question``).
_SIDE = 1 + len(DIRECTION_ACTIONS)  # stance_readings' column of the side taken
_QUESTION = 2 + len(DIRECTION_ACTIONS)  # and of the question reading


def stance_readings(texts: Sequence[str], questions: bool = True) -> np.ndarray:
    """(n, 3 + len(DIRECTION_ACTIONS)) int8: each text's ``request_stance``, then its
    ``stance.direction_vector``, its ``stance.explicit_polarity`` (the side it says it takes) and its
    ``stance.question_polarity``; what ``AnswerIndex.stance_adjusted`` compares."""
    out = np.zeros((len(texts), 3 + len(DIRECTION_ACTIONS)), dtype=np.int8)
    for i, text in enumerate(texts):
        out[i, 0] = request_stance(text or "")
        out[i, 1:_SIDE] = direction_vector(text or "")
    if len(texts):
        out[:, _SIDE] = explicit_polarity([t or "" for t in texts])
        if questions:  # (not read for an archive's entries: ``AnswerIndex._question``)
            out[:, _QUESTION] = question_polarity([t or "" for t in texts])
    return out


def _repeated(keys: Sequence[tuple], order_key: np.ndarray) -> np.ndarray:
    """True for each record whose key an earlier record (by ``order_key``) has."""
    out = np.zeros(len(keys), dtype=bool)
    seen: set = set()
    for i in np.argsort(order_key, kind="stable"):
        out[i] = keys[i] in seen
        seen.add(keys[i])
    return out


# UniDic lemma forms of verbs, interrogatives and request phrases that every question or
# opinion uses (「どうすれば良いか教えて欲しい」); the tokenizer's stopwords are written in
# kana (する, ある), so these lemma spellings would pass. Removing them helps BM25 and
# keeps the lexical score about the topic. Bump LEXICAL_VERSION when changing.
SEARCH_STOP_LEMMAS = frozenset(
    "為る 有る 居る 成る 何の 何 何処 何時 どう どんな 如何 教える 知る 貰う 欲しい 出来る 言う 思う "
    "呉れる 下さる 遣る 良い 御 いい 分かる 困る 聞く 見る 行く 来る 掛かる 出す 受ける 頂く 願う".split()
)
LEXICAL_VERSION = 1


def search_lemmas(tokenizer, text: str) -> list[str]:
    """The words BM25 sees: content-word lemmas minus ``SEARCH_STOP_LEMMAS``."""
    return [t for t in tokenizer.lemmas(text) if t not in SEARCH_STOP_LEMMAS]


def _unique(tokens: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for t in tokens:
        if t and t not in seen:
            seen[t] = None
    return list(seen)


class _Lexical:
    """BM25 (bm25s) over lemma lists, with a per-query upper bound so scores fall in 0..1."""

    def __init__(self, docs_tokens: list[list[str]], k1: float = 1.2, b: float = 0.75) -> None:
        import bm25s

        self.n_docs = len(docs_tokens)
        self.retriever = bm25s.BM25(k1=k1, b=b, method="lucene")
        # bm25s needs at least one token somewhere; an empty archive side gets a dummy.
        docs = [list(d) for d in docs_tokens]
        if not any(docs):
            docs = docs + [["\u0000"]]
        self.retriever.index(docs, show_progress=False)
        self.vocab: dict[str, int] = dict(self.retriever.vocab_dict)
        self.max_weight = self._max_weights()
        known = self.max_weight[self.max_weight > 0]
        # A word the archive never uses counts as a rare word: unmatched, but it was asked.
        self.oov_weight = float(np.quantile(known, OOV_QUANTILE)) if known.size else 1.0

    def _max_weights(self) -> np.ndarray:
        """For each vocabulary word, its highest BM25 contribution in any document."""
        n_vocab = max(self.vocab.values()) + 1 if self.vocab else 0
        out = np.zeros(n_vocab)
        scores = getattr(self.retriever, "scores", None) or {}
        data, indptr = scores.get("data"), scores.get("indptr")
        if data is not None and indptr is not None and len(indptr) - 1 <= n_vocab:
            # bm25s keeps a CSC matrix with one column per word (its empty token has none).
            data = np.asarray(data, dtype=np.float64)
            indptr = np.asarray(indptr)
            n_cols = len(indptr) - 1
            nonempty = np.flatnonzero(indptr[1:] > indptr[:-1])
            if data.size and nonempty.size:
                out[nonempty] = np.maximum.reduceat(data, indptr[:-1][nonempty])
            self._n_cols = n_cols
            return out
        # Fallback through the public API (slower, same result).
        self._n_cols = n_vocab
        for word, idx in self.vocab.items():
            if word:
                out[idx] = float(np.max(self.retriever.get_scores([word])))
        return out

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """Normalised BM25 of one query against every document, in 0..1."""
        toks = _unique(query_tokens)
        if not toks:
            return np.zeros(self.n_docs)
        known = [t for t in toks if self.vocab.get(t, self._n_cols) < self._n_cols]
        bound = sum(self.max_weight[self.vocab[t]] for t in known) + self.oov_weight * (len(toks) - len(known))
        if not known or bound <= 0:
            return np.zeros(self.n_docs)
        raw = np.asarray(self.retriever.get_scores(known), dtype=np.float64)[: self.n_docs]
        return np.clip(raw / bound, 0.0, 1.0)


def _cosine_baseline(emb: np.ndarray, other: np.ndarray | None = None,
                     quantile: float = COSINE_BASELINE_QUANTILE, n_pairs: int = 4000) -> float:
    """Typical cosine of two unrelated entries (fixed-seed random pairs ``emb[i]``,
    ``other[j]``, i != j). For answers, ``emb`` is the past opinions (query-like texts)
    and ``other`` the answers: queries are compared with answers, not answers with answers."""
    other = emb if other is None else other
    n = min(emb.shape[0], other.shape[0])
    if n < 3:
        return 0.0
    rng = np.random.default_rng(12345)
    i = rng.integers(0, n, n_pairs)
    j = rng.integers(0, n, n_pairs)
    keep = i != j
    a, b = emb[i[keep]], other[j[keep]]
    nonzero = (np.abs(a).sum(axis=1) > 0) & (np.abs(b).sum(axis=1) > 0)
    cos = np.einsum("ij,ij->i", a[nonzero], b[nonzero])
    if cos.size == 0:
        return 0.0
    return float(min(max(np.quantile(cos, quantile), 0.0), 0.95))


def _rescale(cos: np.ndarray, baseline: float) -> np.ndarray:
    return np.clip((cos - baseline) / (1.0 - baseline), 0.0, 1.0)


def _records_digest(records: Sequence[PastAnswer]) -> str:
    h = hashlib.sha256()
    for r in records:
        h.update(json.dumps(asdict(r), ensure_ascii=False, sort_keys=True).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


# ----------------------------------------------------------------- embedding side

# With a static word-vector encoder (the shipped default) the sentence vectors of the
# archive and the queries are pooled here rather than by ``encoder.encode``: content words
# only (the tokenizer's CONTENT_POS, no numerals, no stopwords or SEARCH_STOP_LEMMAS), each
# word vector weighted by its IDF in the archive (past opinions and answers as documents),
# then the archive's first principal component (the direction every text shares) removed,
# as in SIF (Arora et al. 2017). On the LocalgovFAQ tuning part this lifts the
# question-only embedding Hit@1 from 0.20 (plain mean) to 0.45. Other encoders
# (sentence-transformers, char-hash) keep their own ``encode``.
# Bump EMBED_VERSION when changing the pooling (saved indexes then refuse to load).
EMBED_VERSION = 1
# The common component is removed only from archives with at least this many documents;
# in a handful of texts the first component is a topic, not the shared direction.
POOL_MIN_DOCS_FOR_COMPONENT = 20


def _content_filter() -> Callable[[str, str, str], bool]:
    from .tokenize import CONTENT_POS, stopwords

    stop = stopwords() | SEARCH_STOP_LEMMAS

    def is_content(pos1: str, pos2: str, lemma: str) -> bool:
        return pos1 in CONTENT_POS and lemma not in stop and not (pos2 == "数詞" and pos1 == "名詞")
    return is_content


class _Pooler:
    """IDF-weighted content-word pooling over a static encoder's table, common component removed."""

    def __init__(self, encoder, df_rows, df_counts, n_docs: int, component=None) -> None:
        self.encoder = encoder
        self.df_rows = np.asarray(df_rows, dtype=np.int64)
        self.df_counts = np.asarray(df_counts, dtype=np.int64)
        self.n_docs = int(n_docs)
        self.component = None if component is None or np.size(component) == 0 else \
            np.asarray(component, dtype=np.float32).reshape(-1)
        self.dim = int(encoder.vectors.shape[1])
        # IDF of every table row; a row the archive never uses weighs as a word seen in no document.
        self._idf_default = math.log((self.n_docs + 1) / 0.5)
        self._fit_rows: dict[str, list[int]] = {}
        self._idf = dict(zip(self.df_rows.tolist(),
                             np.log((self.n_docs + 1) / (self.df_counts + 0.5)).tolist()))

    @staticmethod
    def supports(encoder) -> bool:
        return callable(getattr(encoder, "token_rows", None)) and getattr(encoder, "vectors", None) is not None

    @staticmethod
    def content_rows(encoder, texts: Sequence[str]) -> list[list[int]]:
        """Table rows of each text's content words."""
        keep = _content_filter()
        token_rows = encoder.token_rows
        return [[row for row, pos1, pos2, lemma in token_rows(t) if keep(pos1, pos2, lemma)] if t else []
                for t in texts]

    @classmethod
    def fit(cls, encoder, documents: Sequence[str]) -> "_Pooler":
        """Document frequencies and the common component from the archive's documents.

        The documents' rows stay cached (``_fit_rows``) until the caller has embedded them
        (``forget_fit_rows``), so building an index tokenises each text once."""
        unique = list(dict.fromkeys(documents))
        rows_of = dict(zip(unique, cls.content_rows(encoder, unique)))
        rows_per_doc = [rows_of[t] for t in documents]
        counts: dict[int, int] = {}
        for rows in rows_per_doc:
            for r in set(rows):
                counts[r] = counts.get(r, 0) + 1
        keys = sorted(counts)
        pooler = cls(encoder, keys, [counts[k] for k in keys], len(documents))
        if len(documents) >= POOL_MIN_DOCS_FOR_COMPONENT:
            emb = pooler._pool(rows_per_doc, remove_component=False)
            emb = emb[np.abs(emb).sum(axis=1) > 0]
            if emb.shape[0] >= 2:
                # Top right singular vector, from the small (dim x dim) Gram matrix.
                gram = emb.astype(np.float64).T @ emb.astype(np.float64)
                component = np.linalg.eigh(gram)[1][:, -1]
                # Fix the sign so the saved component is reproducible.
                k = int(np.argmax(np.abs(component)))
                pooler.component = (component * np.sign(component[k])).astype(np.float32)
        pooler._fit_rows = rows_of
        return pooler

    def forget_fit_rows(self) -> None:
        self._fit_rows = {}

    def _pool(self, rows_per_text: list[list[int]], remove_component: bool = True) -> np.ndarray:
        from scipy.sparse import csr_matrix

        idf, default = self._idf, self._idf_default
        indptr = np.zeros(len(rows_per_text) + 1, dtype=np.int64)
        np.cumsum([len(r) for r in rows_per_text], out=indptr[1:])
        flat = [r for rows in rows_per_text for r in rows]
        weights = np.array([idf.get(r, default) for r in flat], dtype=np.float32)
        m = csr_matrix((weights, np.asarray(flat, dtype=np.int64), indptr),
                       shape=(len(rows_per_text), self.encoder.vectors.shape[0]))
        out = np.asarray(m @ self.encoder.vectors, dtype=np.float32)
        if remove_component and self.component is not None:
            out -= np.outer(out @ self.component, self.component)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.where(norms > 1e-12, out / np.maximum(norms, 1e-12), 0.0).astype(np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        unique: dict[str, int] = {}
        inverse = np.array([unique.setdefault(t, len(unique)) for t in texts], dtype=np.int64)
        cached = self._fit_rows
        missing = [t for t in unique if t not in cached]
        fresh = dict(zip(missing, self.content_rows(self.encoder, missing)))
        rows = [cached[t] if t in cached else fresh[t] for t in unique]
        return self._pool(rows)[inverse]


@dataclass
class _Query:
    vectors: np.ndarray  # (n, dim) L2-normalised
    tokens: list[list[str]]
    ids: list[str]
    stance: np.ndarray | None = None  # per query: ``stance_readings`` (request stance, then directions)


class AnswerIndex:
    """Hybrid (BM25 + embedding) index over past answers.

    Build with ``AnswerIndex.build(records, encoder)``; search with ``.search(texts)``.
    ``save(path)`` / ``AnswerIndex.load(path, encoder)`` keep the embeddings, so an
    archive is embedded once. ``path`` ending in ``.npz`` is a single file; any other path
    is a directory holding ``answer_index.npz`` and a readable ``records.jsonl``.
    """

    def __init__(self, records, encoder, tokenizer, passage_texts, passage_record, passage_tokens,
                 answer_tokens, opinion_emb, answer_emb, weights=DEFAULT_WEIGHTS,
                 min_score: float = DEFAULT_MIN_SCORE, baselines=None, pooler: "_Pooler | None" = None) -> None:
        self.records: list[PastAnswer] = list(records)
        self.encoder = encoder
        self.encoder_name: str = getattr(encoder, "name", type(encoder).__name__)
        self.tokenizer = tokenizer
        self.passage_texts: list[str] = list(passage_texts)
        self.passage_record = np.asarray(passage_record, dtype=np.int64)
        self.passage_tokens: list[list[str]] = [list(t) for t in passage_tokens]
        self.answer_tokens: list[list[str]] = [list(t) for t in answer_tokens]
        self.opinion_emb = np.asarray(opinion_emb, dtype=np.float32)
        self.answer_emb = np.asarray(answer_emb, dtype=np.float32)
        self.weights = tuple(float(w) for w in weights)
        self.min_score = float(min_score)
        self.pooler = pooler
        self._by_id = {r.answer_id: i for i, r in enumerate(self.records)}
        if len(self._by_id) != len(self.records):
            raise ValueError("answer ids must be unique")
        # Passages of one record are contiguous: record i owns passages starts[i]:starts[i+1].
        self._starts = np.searchsorted(self.passage_record, np.arange(len(self.records)))
        self._lex_opinion = _Lexical(self.passage_tokens)
        self._lex_answer = _Lexical(self.answer_tokens)
        if baselines is None:
            record_opinion = self.opinion_emb[self._starts] if len(self.records) else self.opinion_emb
            baselines = (_cosine_baseline(record_opinion), _cosine_baseline(record_opinion, self.answer_emb))
        self.baselines = (float(baselines[0]), float(baselines[1]))
        self._order_key = np.argsort(np.argsort(np.array([r.answer_id for r in self.records], dtype=object)))
        # the same past opinion and answer read from two archives (a CSV and the workbook it was
        # exported from) is one candidate: the first in answer-id order stands for both
        readings = stance_readings([r.opinion for r in self.records], questions=False)
        self._stance = readings[:, 0].copy()  # request_stance of each past opinion
        self._direction = readings[:, 1:_SIDE].copy()  # its directions (stance.DIRECTION_ACTIONS)
        self._side = readings[:, _SIDE].copy()  # the side it says it takes (stance.explicit_polarity)
        # questions only +1, requests or sides only -1: read for the answers confirmed in this run (``reuse_confirmed_
        # answers``), not for an archive's entries: a FAQ's 「避難場所を教えて」「用紙をください」 ask for information a
        # question wants too (LocalgovFAQ: Hit@1 0.545 → 0.465 when they were read)
        self._question = np.zeros(len(self.records), dtype=np.int8)
        self._same_as_earlier = _repeated(
            [(_norm_text(r.opinion), _norm_text(r.answer)) for r in self.records], self._order_key)
        # one answer text answering several past opinions (a merged 考え方 cell over No.2 and No.3)
        # is one candidate of a query: the best-scoring of its entries stands for it (``_rank``)
        self._answer_key = [_answer_key(r.answer) for r in self.records]

    # ---------------------------------------------------------- building

    @classmethod
    def build(cls, records: Sequence[PastAnswer], encoder, tokenizer=None,
              weights=DEFAULT_WEIGHTS, min_score: float = DEFAULT_MIN_SCORE,
              batch_size: int = 256) -> "AnswerIndex":
        """Index ``records``: tokenise and embed each past opinion (and its lines) and answer."""
        from .tokenize import Tokenizer

        tokenizer = tokenizer or Tokenizer()
        records = list(records)
        passage_texts: list[str] = []
        passage_record: list[int] = []
        for i, rec in enumerate(records):
            whole = _norm_text(rec.opinion)
            passage_texts.append(whole)
            passage_record.append(i)
            for line in split_merged_opinion(whole):
                passage_texts.append(line)
                passage_record.append(i)
        answers = [_norm_text(r.answer) for r in records]
        passage_tokens = [search_lemmas(tokenizer, t) for t in passage_texts]
        answer_tokens = [search_lemmas(tokenizer, t) for t in answers]
        pooler = None
        if _Pooler.supports(encoder):
            pooler = _Pooler.fit(encoder, [_norm_text(r.opinion) for r in records] + answers)
        opinion_emb = _embed(encoder, pooler, passage_texts, batch_size)
        answer_emb = _embed(encoder, pooler, answers, batch_size)
        if pooler is not None:
            pooler.forget_fit_rows()
        return cls(records, encoder, tokenizer, passage_texts, passage_record, passage_tokens,
                   answer_tokens, opinion_emb, answer_emb, weights=weights, min_score=min_score,
                   pooler=pooler)

    def with_records(self, new_records: Sequence[PastAnswer]) -> "AnswerIndex":
        """A new index with ``new_records`` added (only they are embedded); same settings.

        A record whose ``answer_id`` is already indexed replaces the old one.
        """
        new_records = list(new_records)
        replaced = {r.answer_id for r in new_records}
        keep = [i for i, r in enumerate(self.records) if r.answer_id not in replaced]
        records = [self.records[i] for i in keep] + new_records
        p_texts, p_rec, p_tok, p_emb = [], [], [], []
        for new_i, old_i in enumerate(keep):
            lo = self._starts[old_i]
            hi = self._starts[old_i + 1] if old_i + 1 < len(self.records) else len(self.passage_record)
            for p in range(lo, hi):
                p_texts.append(self.passage_texts[p])
                p_rec.append(new_i)
                p_tok.append(self.passage_tokens[p])
                p_emb.append(self.opinion_emb[p])
        fresh_texts, fresh_rec = [], []
        for j, rec in enumerate(new_records):
            whole = _norm_text(rec.opinion)
            for text in [whole] + split_merged_opinion(whole):
                fresh_texts.append(text)
                fresh_rec.append(len(keep) + j)
        fresh_emb = self._embed(fresh_texts) if fresh_texts else np.zeros((0, self.opinion_emb.shape[1]), np.float32)
        p_texts += fresh_texts
        p_rec += fresh_rec
        p_tok += [search_lemmas(self.tokenizer, t) for t in fresh_texts]
        dim = self.opinion_emb.shape[1]
        opinion_emb = np.vstack([np.array(p_emb, dtype=np.float32).reshape(-1, dim), fresh_emb])
        new_answers = [_norm_text(r.answer) for r in new_records]
        answer_emb = np.vstack([self.answer_emb[keep].reshape(-1, dim),
                                self._embed(new_answers) if new_answers else np.zeros((0, dim), np.float32)])
        answer_tokens = [self.answer_tokens[i] for i in keep] + [search_lemmas(self.tokenizer, t) for t in new_answers]
        return AnswerIndex(records, self.encoder, self.tokenizer, p_texts, p_rec, p_tok, answer_tokens,
                           opinion_emb, answer_emb, weights=self.weights, min_score=self.min_score,
                           baselines=self.baselines, pooler=self.pooler)

    def __len__(self) -> int:
        return len(self.records)

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised vectors of ``texts`` as the index embeds them (an empty text: zeros)."""
        return _embed(self.encoder, self.pooler, texts)

    def get(self, answer_id: str) -> PastAnswer | None:
        i = self._by_id.get(answer_id)
        return None if i is None else self.records[i]

    # ---------------------------------------------------------- scoring

    def _query(self, texts: Sequence[str], ids: Sequence[str] | None = None) -> _Query:
        texts = [_query_text(t) for t in texts]
        vectors = self._embed(texts) if texts else np.zeros((0, self.opinion_emb.shape[1]), np.float32)
        tokens = [search_lemmas(self.tokenizer, t) for t in texts]
        ids = [str(i) for i in ids] if ids is not None else [str(i + 1) for i in range(len(texts))]
        if len(ids) != len(texts):
            raise ValueError("query_ids must have one id per query")
        return _Query(vectors, tokens, ids, stance_readings(texts))

    def stance_adjusted(self, scores: np.ndarray, query_stance: np.ndarray) -> np.ndarray:
        """``scores`` (n_queries, n_records) with a past answer to the opposite request scaled by
        ``STANCE_PENALTY``: one side rejects what the other asks for (「ドッグランをつくるのは反対です」
        and a past 「ドッグランを設置してほしい」 share every word but the stance), or both ask for one
        action in opposite directions (「値上げすべきだ」 and 「値下げしてほしい」).

        ``query_stance``: ``stance_readings`` of the queries, or their ``request_stance`` alone (1-D:
        no directions read)."""
        query = np.asarray(query_stance, dtype=np.int8).astype(np.int16)
        if query.ndim == 1:
            query = query[:, None]
        opposite = query[:, :1] * self._stance[None, :].astype(np.int16) < 0
        if query.shape[1] > 1:
            n_directions = self._direction.shape[1]
            against = np.zeros_like(opposite)
            along = np.zeros_like(opposite)
            for a in range(min(query.shape[1] - 1, n_directions)):
                q, r = query[:, 1 + a], self._direction[:, a].astype(np.int16)
                if q.any() and r.any():
                    product = q[:, None] * r[None, :]
                    against |= product < 0
                    along |= product > 0
            if query.shape[1] == _QUESTION + 1:  # the sides and questions read too
                opposite |= query[:, _SIDE:_SIDE + 1] * self._side[None, :].astype(np.int16) < 0
            opposite = against | (opposite & ~along)
            if query.shape[1] == _QUESTION + 1:
                opposite |= (query[:, _QUESTION:] > 0) & (self._question[None, :] < 0)
        return np.where(opposite, scores * STANCE_PENALTY, scores)

    def features(self, vectors: np.ndarray, tokens: list[list[str]]) -> np.ndarray:
        """Feature array (n_queries, n_records, 4): cos_opinion, cos_answer, lex_opinion, lex_answer."""
        n_q, n_r = len(tokens), len(self.records)
        out = np.zeros((n_q, n_r, 4), dtype=np.float64)
        if n_r == 0 or n_q == 0:
            return out
        vectors = np.asarray(vectors, dtype=np.float32)
        cos_p = vectors @ self.opinion_emb.T  # (n_q, n_passages)
        out[:, :, 0] = _rescale(np.maximum.reduceat(cos_p, self._starts, axis=1), self.baselines[0])
        out[:, :, 1] = _rescale(vectors @ self.answer_emb.T, self.baselines[1])
        for q, toks in enumerate(tokens):
            lex_p = self._lex_opinion.scores(toks)
            out[q, :, 2] = np.maximum.reduceat(lex_p, self._starts)
            out[q, :, 3] = self._lex_answer.scores(toks)
        return out

    def score_matrix(self, vectors: np.ndarray, tokens: list[list[str]], weights=None) -> np.ndarray:
        """Fused scores (n_queries, n_records) in 0..1."""
        w = np.asarray(weights if weights is not None else self.weights, dtype=np.float64)
        w = w / w.sum()
        return fuse(self.features(vectors, tokens), w)

    def _rank(self, scores: np.ndarray, k: int | None, min_score: float) -> list[int]:
        """The records to offer, best first: one per answer text (the best-scoring entry of an
        answer that several past opinions share), from ``min_score`` up, at most ``k``."""
        rounded = np.round(scores, 6)
        order = [i for i in np.lexsort((self._order_key, -rounded)) if not self._same_as_earlier[i]]
        seen: set[str] = set()
        distinct = []
        for i in order:
            key = self._answer_key[i]
            if key and key in seen:
                continue
            seen.add(key)
            distinct.append(i)
        order = distinct
        if min_score > 0:
            order = [i for i in order if rounded[i] >= min_score]
        return [int(i) for i in order[: k if k is not None else len(order)]]

    def _candidates(self, query_id: str, scores: np.ndarray, k: int | None, min_score: float,
                    source: str | None = None, matched: Sequence[str] | None = None) -> list[AnswerCandidate]:
        out = []
        for rank, i in enumerate(self._rank(scores, k, min_score), 1):
            rec = self.records[i]
            out.append(AnswerCandidate(query_id=query_id, rank=rank, answer_id=rec.answer_id,
                                       score=round(float(scores[i]), 4), past_opinion=rec.opinion,
                                       answer=rec.answer, source=source if source is not None else rec.source,
                                       matched_sentence=matched[i] if matched is not None else "",
                                       department=rec.department))
        return out

    def search(self, queries: Sequence[str], k: int = 5, query_ids: Sequence[str] | None = None,
               min_score: float | None = 0.0) -> list[list[AnswerCandidate]]:
        """Top ``k`` past answers for each query text.

        ``min_score``: drop candidates scoring below it (``None`` = the index's
        ``min_score``; the default 0.0 keeps the top k whatever their score).
        """
        q = self._query(queries, query_ids)
        return self._search_prepared(q, k, min_score)

    def _search_prepared(self, q: _Query, k: int, min_score: float | None) -> list[list[AnswerCandidate]]:
        threshold = self.min_score if min_score is None else float(min_score)
        scores = self.stance_adjusted(self.score_matrix(q.vectors, q.tokens), q.stance)
        return [self._candidates(qid, scores[n], k, threshold) for n, qid in enumerate(q.ids)]

    # ---------------------------------------------------------- persistence

    def save(self, path) -> Path:
        """Write the index (records, encoder name, embeddings, tokens). Returns the file written."""

        path = Path(path)
        meta = {
            "format": INDEX_FORMAT,
            "lexical_version": LEXICAL_VERSION,
            "encoder": self.encoder_name,
            "weights": list(self.weights),
            "min_score": self.min_score,
            "baselines": list(self.baselines),
            "records_sha256": _records_digest(self.records),
            "records": [asdict(r) for r in self.records],
            "passage_texts": self.passage_texts,
            "passage_tokens": self.passage_tokens,
            "answer_tokens": self.answer_tokens,
            "pooler": None if self.pooler is None else {
                "embed_version": EMBED_VERSION, "n_docs": self.pooler.n_docs,
                "has_component": self.pooler.component is not None,
            },
        }
        pooler_arrays = {}
        if self.pooler is not None:
            pooler_arrays = {
                "pool_df_rows": self.pooler.df_rows, "pool_df_counts": self.pooler.df_counts,
                "pool_component": (self.pooler.component if self.pooler.component is not None
                                   else np.zeros(0, np.float32)),
            }
        if path.suffix.lower() == ".npz":
            target = path
        else:
            path.mkdir(parents=True, exist_ok=True)
            target = path / INDEX_FILE
            with atomic_path(path / RECORDS_FILE) as tmp:
                tmp.write_text("".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in self.records),
                               encoding="utf-8")
        with atomic_path(target) as tmp:
            with open(tmp, "wb") as fh:
                np.savez_compressed(
                    fh, meta=np.array(json.dumps(meta, ensure_ascii=False)),
                    passage_record=self.passage_record, opinion_emb=self.opinion_emb,
                    answer_emb=self.answer_emb, **pooler_arrays,
                )
        return target

    @classmethod
    def load(cls, path, encoder, tokenizer=None) -> "AnswerIndex":
        """Load a saved index; refuses (InputError) when ``encoder.name`` differs from the saved one."""
        from .tokenize import Tokenizer

        path = Path(path)
        target = path / INDEX_FILE if path.is_dir() else path
        if not target.exists():
            raise InputError(f"{path}: no saved answer index here")
        try:
            with np.load(target, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                passage_record = data["passage_record"]
                opinion_emb = data["opinion_emb"]
                answer_emb = data["answer_emb"]
                pool_arrays = {k: data[k] for k in ("pool_df_rows", "pool_df_counts", "pool_component")
                               if k in data.files}
        except Exception as exc:  # zip/format errors of many kinds
            raise InputError(f"{target}: not a saved answer index ({exc.__class__.__name__})") from None
        if meta.get("format") != INDEX_FORMAT:
            raise InputError(
                f"{target}: answer index format {meta.get('format')} is not supported by this version "
                f"(format {INDEX_FORMAT}: the embeddings are pooled differently); rebuild it from the "
                "past-answer tables (cluster answers PAST.csv ... --save-index DIR)"
            )
        name = getattr(encoder, "name", type(encoder).__name__)
        if meta["encoder"] != name:
            raise InputError(
                f"{target}: the answer index was built with model {meta['encoder']!r}, not {name!r}; "
                "load it with that model or rebuild the index"
            )
        pooler = None
        pool_meta = meta.get("pooler")
        if pool_meta is not None:
            if pool_meta.get("embed_version") != EMBED_VERSION or not _Pooler.supports(encoder) \
                    or len(pool_arrays) != 3:
                raise InputError(f"{target}: the answer index's embedding pooling is not the current one; "
                                   "rebuild it from the past-answer tables")
            pooler = _Pooler(encoder, pool_arrays["pool_df_rows"], pool_arrays["pool_df_counts"],
                             pool_meta["n_docs"], pool_arrays["pool_component"])
        records = [PastAnswer(**r) for r in meta["records"]]
        tokenizer = tokenizer or Tokenizer()
        passage_tokens, answer_tokens = meta["passage_tokens"], meta["answer_tokens"]
        if meta.get("lexical_version") != LEXICAL_VERSION:  # words changed: re-tokenise (cheap)
            passage_tokens = [search_lemmas(tokenizer, t) for t in meta["passage_texts"]]
            answer_tokens = [search_lemmas(tokenizer, _norm_text(r.answer)) for r in records]
        return cls(records, encoder, tokenizer, meta["passage_texts"], passage_record,
                   passage_tokens, answer_tokens, opinion_emb, answer_emb,
                   weights=meta["weights"], min_score=meta["min_score"], baselines=meta["baselines"],
                   pooler=pooler)

    @staticmethod
    def is_saved_index(path) -> bool:
        path = Path(path)
        if path.is_dir():
            return (path / INDEX_FILE).exists()
        return path.suffix.lower() == ".npz" and path.exists()


def fuse(features: np.ndarray, weights=DEFAULT_WEIGHTS, power: float = SCORE_POWER) -> np.ndarray:
    """Fused score in 0..1 from features (..., 4) in 0..1: ``sum(w * f ** power)``, w summing to 1."""
    w = np.asarray(weights, dtype=np.float64)
    w = w / w.sum()
    return np.power(np.clip(features, 0.0, 1.0), power) @ w


def _embed(encoder, pooler: "_Pooler | None", texts: Sequence[str], batch_size: int = 256) -> np.ndarray:
    """The pooler's vectors when there is one (static encoders), else ``encoder.encode``."""
    if pooler is not None:
        return pooler.encode(texts)
    return _encode(encoder, texts, batch_size)


def _encode(encoder, texts: Sequence[str], batch_size: int = 256) -> np.ndarray:
    texts = list(texts)
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    # Empty texts embed as zero vectors (no similarity to anything).
    nonempty = [i for i, t in enumerate(texts) if t]
    vecs = None
    if nonempty:
        enc = np.asarray(encoder.encode([texts[i] for i in nonempty]), dtype=np.float32)
        vecs = np.zeros((len(texts), enc.shape[1]), dtype=np.float32)
        vecs[nonempty] = enc
    else:
        dim = np.asarray(encoder.encode(["。"]), dtype=np.float32).shape[1]
        vecs = np.zeros((len(texts), dim), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return np.where(norms > 0, vecs / np.maximum(norms, 1e-12), 0.0).astype(np.float32)


# ----------------------------------------------------------------- clusters

# A cluster is scored as a whole and sentence by sentence. The whole-cluster query (mean
# vector, shared words) of a long letter, or of opinions making several points, matches no
# single past opinion well while one of its sentences may match one closely (on the shipped
# sample a form-letter campaign's right answer scored 0.027 as a group, 0.094 for its best
# sentence). So each sentence ("piece") of the representative and of the GROUP_MEMBERS
# other opinions nearest the cluster's mean is scored like a single query, and a past
# answer's score is the mean of its whole-cluster score and its best piece's score. For a
# one-sentence opinion both are its single-question score, so the index's ``min_score``
# applies to clusters as to single queries. The mean, not the max: on LocalgovFAQ groups
# (benchmarks/bench_answers.py --groups, held-out part) the max lost 6 points of Hit@1 on
# clusters of paraphrases and gave 87% of them a candidate once their right answers were
# removed (single queries: 63%); the mean lost 1-2 points there, gained 5 on letters
# mixing unrelated questions, and gave 68-74%.
GROUP_MEMBERS = 4
# At most this many distinct pieces per cluster (bounds the cost of huge clusters).
GROUP_MAX_PIECES = 24
# A sentence with fewer distinct search words is joined to the next one: 「反対です。」 alone
# would match any past opinion that says 反対, at full lexical weight.
PIECE_MIN_LEMMAS = 3
# Pieces scored per block (the feature array is pieces x records x 4 float64).
_SCORE_BLOCK = 256


def _cluster_query(index: AnswerIndex, texts: Sequence[str], representative: str | None = None,
                   rep_weight: float = 2.0, max_texts: int = 200, min_share: float = 0.2
                   ) -> tuple[np.ndarray, list[str], list[str]]:
    """One query for a cluster: the weighted mean of its opinions' embeddings (the
    representative counted ``rep_weight`` times) and the representative's lemmas plus the
    lemmas shared by at least ``min_share`` of the other opinions. Also returns the
    representative followed by the other opinions, nearest the mean first."""
    texts = [_norm_text(t) for t in texts if t and t.strip()]
    rep = _norm_text(representative) if representative else (texts[0] if texts else "")
    others = [t for t in texts if t != rep][: max_texts]
    all_texts = [rep] + others
    if not rep and not others:
        dim = index.opinion_emb.shape[1]
        return np.zeros(dim, np.float32), [], []
    # searched without their references (``_query_text``); the texts themselves go on to the pieces,
    # whose sentence answers.csv shows as matched
    emb = index._embed([_query_text(t) for t in all_texts])
    weights = np.array([rep_weight] + [1.0] * len(others), dtype=np.float32)
    vec = (emb * weights[:, None]).sum(axis=0)
    norm = np.linalg.norm(vec)
    vec = vec / norm if norm > 0 else vec
    # Rounded so that float noise cannot reorder near-equal members; ties keep input order.
    nearest = np.argsort(-np.round(emb[1:] @ vec, 6), kind="stable")
    central = ([rep] if rep else []) + [others[i] for i in nearest]
    tokens = search_lemmas(index.tokenizer, _query_text(rep)) if rep else []
    if others:
        counts: dict[str, int] = {}
        for t in others:
            for tok in set(search_lemmas(index.tokenizer, _query_text(t))):
                counts[tok] = counts.get(tok, 0) + 1
        need = max(1, math.ceil(min_share * len(others)))
        shared = sorted((tok for tok, c in counts.items() if c >= need), key=lambda t: (-counts[t], t))
        tokens = _unique(tokens + shared[:30])
    return vec.astype(np.float32), tokens, central


def query_pieces(tokenizer, text: str) -> list[tuple[str, list[str]]]:
    """The sentences of ``text`` scored on their own, with their search lemmas (without the
    sentence's page and section references, ``_query_text``).

    Cut with ``split.split_sentences``; greetings and closings (「よろしくお願いします。」)
    are dropped, and a sentence with fewer than ``PIECE_MIN_LEMMAS`` distinct search words
    is joined to the next one (the last to the one before).
    """
    out: list[tuple[str, list[str]]] = []
    pending = ""
    for sentence in split_sentences(_norm_text(text)):
        if is_empty_opinion(sentence):
            continue
        piece = pending + sentence
        tokens = search_lemmas(tokenizer, _query_text(piece))
        if len(_unique(tokens)) < PIECE_MIN_LEMMAS:
            pending = piece
            continue
        out.append((piece, tokens))
        pending = ""
    if pending:
        piece = (out.pop()[0] if out else "") + pending
        tokens = search_lemmas(tokenizer, _query_text(piece))
        if tokens:
            out.append((piece, tokens))
    return out


def _group_pieces(index: AnswerIndex, central: Sequence[str]) -> tuple[list[str], list[list[str]], list[int]]:
    """Distinct pieces of the representative and the ``GROUP_MEMBERS`` nearest opinions, in that order,
    with the position in ``central`` of the opinion each comes from (0: the representative)."""
    texts, tokens, owners = [], [], []
    seen: set[str] = set()
    for n, text in enumerate(central[: 1 + GROUP_MEMBERS]):
        for piece, toks in query_pieces(index.tokenizer, text):
            if piece in seen:  # form letters repeat the same sentences
                continue
            seen.add(piece)
            texts.append(piece)
            tokens.append(toks)
            owners.append(n)
            if len(texts) >= GROUP_MAX_PIECES:
                return texts, tokens, owners
    return texts, tokens, owners


@dataclass
class GroupScores:
    """Scores of clusters against every past answer, each (n_clusters, n_records) in 0..1."""

    whole: np.ndarray  # the cluster as one query (mean vector, shared words)
    sentence: np.ndarray  # its best piece, scored as a single query (= whole when it has no piece)
    matched: np.ndarray  # int: index into pieces[g] of that best piece, -1 when there is none
    pieces: list[list[str]]
    # per piece, the opinion it comes from (an index into ``members[g]``; 0: the representative)
    owners: list[list[int]] = field(default_factory=list)
    members: list[list[str]] = field(default_factory=list)  # the representative and the opinions nearest it
    # the best of the representative's own pieces (= whole when it has none): what the report shows
    rep_sentence: np.ndarray | None = None

    @property
    def shown(self) -> np.ndarray:
        """The cluster's score on what the report shows: the mean of ``whole`` and ``rep_sentence``."""
        rep = self.sentence if self.rep_sentence is None else self.rep_sentence
        return (self.whole + rep) / 2.0

    @property
    def combined(self) -> np.ndarray:
        """The cluster's score: the mean of ``whole`` and ``sentence`` (why: see GROUP_MEMBERS)."""
        return (self.whole + self.sentence) / 2.0


def group_scores(index: AnswerIndex, groups: Sequence[tuple[Sequence[str], str | None]]) -> GroupScores:
    """Score clusters given as ``(texts, representative)`` as a whole and piece by piece.

    Pieces are the sentences of the representative and of the ``GROUP_MEMBERS`` opinions
    nearest the cluster's mean (``query_pieces``), all embedded in one batch and scored in
    blocks; per past answer the best piece counts (the first on ties, so the
    representative's). Deterministic.
    """
    n_r = len(index.records)
    vecs, toks, piece_texts, piece_tokens, piece_owners, members = [], [], [], [], [], []
    for texts, rep in groups:
        vec, tokens, central = _cluster_query(index, texts, rep)
        vecs.append(vec)
        toks.append(tokens)
        p_texts, p_tokens, p_owners = _group_pieces(index, central)
        piece_texts.append(p_texts)
        piece_tokens.append(p_tokens)
        piece_owners.append(p_owners)
        members.append(list(central[: 1 + GROUP_MEMBERS]))
    n_g = len(vecs)
    whole = np.zeros((n_g, n_r))
    for lo in range(0, n_g, _SCORE_BLOCK):
        whole[lo:lo + _SCORE_BLOCK] = index.score_matrix(np.vstack(vecs[lo:lo + _SCORE_BLOCK]),
                                                         toks[lo:lo + _SCORE_BLOCK])
    sentence = whole.copy()
    rep_sentence = whole.copy()
    matched = np.full((n_g, n_r), -1, dtype=np.int32)
    flat = [p for ps in piece_texts for p in ps]
    if flat and n_r:
        flat_vecs = index._embed([_query_text(p) for p in flat])
        flat_tokens = [t for ts in piece_tokens for t in ts]
        bounds = np.concatenate([[0], np.cumsum([len(ps) for ps in piece_texts])])
        g = 0
        while g < n_g:
            # A block of whole clusters, so that each cluster's pieces are reduced in one place.
            end = g + 1
            while end < n_g and bounds[end + 1] - bounds[g] <= _SCORE_BLOCK:
                end += 1
            lo = bounds[g]
            block = index.score_matrix(flat_vecs[lo:bounds[end]], flat_tokens[lo:bounds[end]])
            for j in range(g, end):
                a, b = bounds[j] - lo, bounds[j + 1] - lo
                if a < b:
                    matched[j] = block[a:b].argmax(axis=0)
                    sentence[j] = block[a:b][matched[j], np.arange(n_r)]
                    n_rep = sum(1 for o in piece_owners[j] if o == 0)  # (the representative's pieces come first)
                    if n_rep:
                        rep_sentence[j] = block[a:a + n_rep].max(axis=0)
            g = end
    return GroupScores(whole, sentence, matched, piece_texts, piece_owners, members, rep_sentence)


def group_stance_adjusted(index: AnswerIndex, scored: GroupScores, representatives: Sequence[str]) -> np.ndarray:
    """``scored.combined`` with ``AnswerIndex.stance_adjusted``'s penalty where a past answer asks the
    opposite of the representative (the opinion the report shows) or of the opinion whose sentence it
    matched (QA56: 「公園駐車場の有料化には反対」, a member, matched 「…有料化すべき」 at full score under the
    representative 「保育料の値上げには反対」)."""
    out = index.stance_adjusted(scored.combined, stance_readings(representatives))
    for n in range(len(representatives)):
        owners = scored.owners[n] if n < len(scored.owners) else []
        if not owners or max(owners) == 0:
            continue
        matched = scored.matched[n]
        owner_of = np.where(matched >= 0, np.asarray(owners)[np.clip(matched, 0, None)], 0)
        for o in sorted(set(owner_of.tolist()) - {0}):
            cols = owner_of == o
            member = index.stance_adjusted(scored.combined[n:n + 1], stance_readings([scored.members[n][o]]))[0]
            out[n, cols] = np.minimum(out[n, cols], member[cols])
    return out


def _as_texts(value) -> tuple[list[str], str | None]:
    if isinstance(value, str):
        return [value], value
    if isinstance(value, Mapping):
        texts = list(value.get("texts", []))
        return texts, value.get("representative") or (texts[0] if texts else None)
    texts = list(value)
    return texts, texts[0] if texts else None


def _groups(clusters_texts: Mapping[str, object], representatives: Mapping[str, str] | None
            ) -> tuple[list[str], list[tuple[list[str], str | None]]]:
    ids, groups = [], []
    for cid, value in clusters_texts.items():
        texts, rep = _as_texts(value)
        if representatives and cid in representatives:
            rep = representatives[cid]
        ids.append(str(cid))
        groups.append((texts, rep))
    return ids, groups


def suggest_for_clusters(index: AnswerIndex, clusters_texts: Mapping[str, object], k: int = 3,
                         min_score: float | None = None, representatives: Mapping[str, str] | None = None
                         ) -> dict[str, list[AnswerCandidate]]:
    """Past-answer candidates for each cluster.

    ``clusters_texts``: ``{cluster_id: [texts]}`` with the representative first, or
    ``{cluster_id: {"representative": text, "texts": [...]}}``; ``representatives`` may
    name the representative text separately. Each past answer scores the mean of the
    whole cluster's score (the weighted mean embedding of its opinions and their shared
    lemmas) and its best sentence's among the representative and nearest opinions
    (``group_scores``); a candidate's ``matched_sentence`` names that sentence.
    ``min_score``: ``None`` = the index's threshold, which means for clusters what it means
    for single queries (candidates below it are left out, so a cluster can get none); 0
    keeps all. Returns ``{cluster_id: [AnswerCandidate]}`` in the input's cluster order.
    """
    ids, groups = _groups(clusters_texts, representatives)
    if not ids:
        return {}
    threshold = index.min_score if min_score is None else float(min_score)
    scored = group_scores(index, groups)
    reps = [rep or "" for _, rep in groups]
    scores = group_stance_adjusted(index, scored, reps)
    on_shown = index.stance_adjusted(scored.shown, stance_readings(reps))
    out = {}
    for n, cid in enumerate(ids):
        shown = [scored.pieces[n][m] if m >= 0 else "" for m in scored.matched[n]]
        owners = scored.owners[n]
        cands = index._candidates(cid, scores[n], k, threshold, matched=shown)
        for j, c in enumerate(cands):
            # a candidate another opinion's sentence matched keeps its score on what the report shows
            col = index._by_id[c.answer_id]
            m = scored.matched[n, col]
            if m >= 0 and owners[m] != 0:
                cands[j] = replace(c, shown_score=round(float(on_shown[n, col]), 4))
        out[cid] = cands
    return out


RUN_ANSWER_FACTOR = 1.6  # an answer confirmed in this run is offered from this × the index's threshold


def reuse_confirmed_answers(index: AnswerIndex, clusters_texts: Mapping[str, object],
                            confirmed: Mapping[str, object],
                            candidates: Mapping[str, list[AnswerCandidate]] | None = None,
                            min_score: float | None = None, k: int | None = None,
                            representatives: Mapping[str, str] | None = None
                            ) -> dict[str, list[AnswerCandidate]]:
    """Answer reuse within the run: offer each confirmed answer to the other clusters it fits.

    ``confirmed``: ``{cluster_id: answer}`` where ``answer`` is a past ``answer_id`` in the
    index, a ``PastAnswer``, ``{"answer_id": id}`` or ``{"text": answer_text}`` (a plain
    string that is not an indexed id is taken as answer text). The confirmed answer is
    scored, with the index's scorer, as if it were a past answer whose opinions are the
    confirming cluster's opinions (plus the past opinion when it came from the archive).
    Every other cluster scoring at least ``min_score`` (``None`` = ``RUN_ANSWER_FACTOR`` × the index's) gets it as
    a candidate with source ``今回確定した回答（C3）``; an already listed
    answer gets that note added to its source. Candidates are re-ranked by score; ``k``
    (``None`` = keep all) caps the list, but reused answers are always kept.
    Returns a new ``{cluster_id: [AnswerCandidate]}``.
    """
    # an answer confirmed in this run is scored against a whole row's opinions, which match many
    # rows a little: by default it is offered from RUN_ANSWER_FACTOR × the index's threshold (QA22:
    # one answer offered to 84 of 94 rows, the related at 0.29-0.31, the unrelated at 0.16-0.23)
    threshold = index.min_score * RUN_ANSWER_FACTOR if min_score is None else float(min_score)
    candidates = {str(c): list(v) for c, v in (candidates or {}).items()}
    for cid in clusters_texts:
        candidates.setdefault(str(cid), [])
    pseudo: list[PastAnswer] = []
    origin: dict[str, tuple[str, str]] = {}  # pseudo id -> (confirming cluster, shown answer_id)
    for cid, value in confirmed.items():
        cid = str(cid)
        texts, rep = _as_texts(clusters_texts.get(cid, [])) if cid in clusters_texts else ([], None)
        past: PastAnswer | None = None
        text = None
        if isinstance(value, PastAnswer):
            past = value
        elif isinstance(value, Mapping):
            if value.get("answer_id"):
                past = index.get(str(value["answer_id"]))
                if past is None:
                    raise ValueError(f"cluster {cid}: answer id {value['answer_id']!r} is not in the past answers")
            else:
                text = str(value.get("text", "")).strip()
        else:
            value = str(value)
            past = index.get(value)
            if past is None:
                text = value.strip()
        if past is None and not text:
            continue
        cluster_opinions = "\n".join(_norm_text(t) for t in texts[:50] if t and t.strip())
        if past is not None:
            shown_id = past.answer_id
            opinion = "\n".join(p for p in (past.opinion, cluster_opinions) if p)
            answer = past.answer
        else:
            shown_id = f"run:{cid}"
            opinion = cluster_opinions
            answer = text
        pid = f"\u0000confirmed:{cid}"
        pseudo.append(PastAnswer(answer_id=pid, opinion=opinion, answer=answer,
                                 source=f"今回確定した回答（{cid}）"))
        origin[pid] = (cid, shown_id)
    if not pseudo:
        return candidates
    extended = index.with_records(pseudo)
    cols = [extended._by_id[p.answer_id] for p in pseudo]
    ids, groups = _groups(clusters_texts, representatives)
    if not ids:
        return candidates
    # a confirming cluster's stance is its representative's, as for the cluster asking (not
    # that of any of its opinions, which ``request_stance`` on the joined texts would read)
    stance_of = dict(zip(ids, stance_readings([rep or "" for _, rep in groups])))
    for pid, col in zip((p.answer_id for p in pseudo), cols):
        from_cluster = origin[pid][0]
        if from_cluster in stance_of:
            extended._stance[col] = stance_of[from_cluster][0]
            extended._direction[col] = stance_of[from_cluster][1:_SIDE]
            extended._side[col] = stance_of[from_cluster][_SIDE]
            extended._question[col] = stance_of[from_cluster][_QUESTION]
    scores = extended.stance_adjusted(group_scores(extended, groups).combined,
                                      np.array([stance_of[c] for c in ids], dtype=np.int8))[:, cols]
    out: dict[str, list[AnswerCandidate]] = {}
    for n, cid in enumerate(ids):
        current = {c.answer_id: c for c in candidates.get(cid, [])}
        # an answer already listed under another id (the same text answering another past opinion)
        # is that candidate: one answer text is offered once
        by_text = {_answer_key(c.answer): c.answer_id for c in current.values() if c.answer}
        reused: set[str] = set()
        for j, p in enumerate(pseudo):
            from_cluster, shown_id = origin[p.answer_id]
            if from_cluster == cid:
                continue
            score = round(float(scores[n, j]), 4)
            if score < threshold:
                continue
            note = p.source
            if shown_id not in current and by_text.get(_answer_key(p.answer)) in current:
                shown_id = by_text[_answer_key(p.answer)]
            if shown_id in current:
                old = current[shown_id]
                src = old.source if note in old.source else "; ".join(s for s in (old.source, note) if s)
                current[shown_id] = replace(old, score=max(old.score, score), source=src)
            else:
                past = index.get(shown_id)
                current[shown_id] = AnswerCandidate(
                    query_id=cid, rank=0, answer_id=shown_id, score=score,
                    past_opinion=past.opinion if past is not None else p.opinion,
                    answer=p.answer, source=note, department=past.department if past is not None else "")
            reused.add(shown_id)
        ranked = sorted(current.values(), key=lambda c: (-c.score, c.answer_id))
        if k is not None:
            ranked = [c for i, c in enumerate(ranked) if i < k or c.answer_id in reused]
        out[cid] = [replace(c, rank=r, query_id=cid) for r, c in enumerate(ranked, 1)]
    for cid, v in candidates.items():
        out.setdefault(cid, v)
    return out


# ----------------------------------------------------------------- `cluster answers`


def load_or_build_index(past_paths, encoder, id_column=None, opinion_column=None, text_column=None,
                        log: Callable[[str], None] | None = print, tokenizer=None) -> tuple[AnswerIndex, dict]:
    """A saved index (a ``.npz`` file or a folder holding one) is loaded; tables are read and indexed."""
    if isinstance(past_paths, (str, Path)):
        past_paths = [past_paths]
    past_paths = [Path(p) for p in past_paths]
    log = log or (lambda m: None)
    if len(past_paths) == 1 and AnswerIndex.is_saved_index(past_paths[0]):
        index = AnswerIndex.load(past_paths[0], encoder, tokenizer)
        log(f"past answers: loaded index {past_paths[0]} ({len(index)} answers, model {index.encoder_name})")
        return index, {"records": len(index), "loaded_index": str(past_paths[0])}
    records, report = read_past_answers(past_paths, id_column=id_column, opinion_column=opinion_column,
                                        text_column=text_column, log=log)
    return AnswerIndex.build(records, encoder, tokenizer), report


def run_answers_query(past_paths, query_path, out_path, k: int = 5, text_column: str | None = None,
                      id_column: str | None = None, answer_id_column: str | None = None,
                      answer_opinion_column: str | None = None, answer_text_column: str | None = None,
                      model: str | None = None, min_score: float = 0.0, save_index: str | None = None,
                      encoding: str | None = None, sheet: str | None = None, header_row: int | None = None,
                      log: Callable[[str], None] | None = print) -> dict:
    """``cluster answers PAST --query FILE --out FILE``: top ``k`` past answers per query row.

    ``past_paths``: one or more past-answer tables, or one saved index. Writes a CSV
    (UTF-8 with BOM) with ``query_id, rank, answer_id, score, past_opinion, answer, source, department``;
    ``query_id`` is the id column's value, else the 1-based row number. Empty query rows
    get no candidates (counted). ``save_index``: also save the built index there.
    ``encoding``, ``sheet``, ``header_row``: how to read the query file (``io.read_table``;
    ``--encoding``, ``--sheet``, ``--header-row``), as for a comment file.
    Returns a summary dict. Raises ``cluster.io.InputError`` on bad input.
    """
    from .embed import load_encoder

    log = log or (lambda m: None)
    if k < 1:
        raise InputError(f"-k must be at least 1 (got {k})")
    # The comment reader's column logic (io.choose_columns): an id column that is the text column
    # is refused (given) or dropped (guessed), and JSON lines text spelled two ways is read together.
    table = read_table(query_path, encoding=encoding, sheet=sheet, header_row=header_row, text_column=text_column,
                       options=QUERY_OPTIONS)
    chosen = choose_columns(table, text=text_column, id=id_column)
    text_col, id_col = chosen["text"], chosen["id"]
    log(f"query: {Path(query_path).name} ({table.describe()}): text column = {text_col}"
        + (f", id column = {id_col}" if id_col else "") + ("" if text_column is not None else " (guessed)"))
    for line in table.read_notes(text_col):
        log(f"query: {line}")
    encoder = load_encoder(model)
    index, report = load_or_build_index(past_paths, encoder, id_column=answer_id_column,
                                        opinion_column=answer_opinion_column,
                                        text_column=answer_text_column, log=log)
    if save_index:
        written = index.save(save_index)
        log(f"past answers: index saved to {written}")
    texts, ids = [], []
    empty = 0
    for row_number, row in enumerate(table.rows, 1):
        qid = (row.get(id_col, "").strip() if id_col else "") or str(row_number)
        text = row.get(text_col, "").strip()
        if not text:
            empty += 1
            continue
        texts.append(text)
        ids.append(qid)
    results = index.search(texts, k=k, query_ids=ids, min_score=min_score) if texts else []
    header = ["query_id", "rank", "answer_id", "score", "past_opinion", "answer", "source", "department"]
    rows = [[c.query_id, c.rank, c.answer_id, f"{c.score:.4f}", c.past_opinion, c.answer, c.source, c.department]
            for cands in results for c in cands]
    write_csv(out_path, header, rows)
    log(f"answers: {counted(len(texts), 'query', 'queries')}, {counted(len(rows), 'candidate row')} "
        f"written to {out_path}" + (f"; {counted(empty, 'empty query row')} skipped" if empty else ""))
    return {"queries": len(texts), "empty_queries": empty, "rows": len(rows),
            "past_answers": len(index), "model": index.encoder_name, "past": report}
