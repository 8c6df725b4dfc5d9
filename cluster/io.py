"""Reading raw comment files and writing safe outputs.

One reader for many formats (CSV, TSV, XLSX, JSON lines) and encodings (UTF-8, UTF-8 with
BOM, CP932). Every data row is kept: stray control characters are stripped and counted,
short rows are padded, long rows keep their extra cells. Bad input raises ``InputError``
with one line that says what to change, naming only options that apply to the file being read
(``FileOptions``: a comment file, a query file, a past-answer table).

Finding the table in what staff export: the header row is found under title rows (or given
with ``header_row``), hidden Excel sheets are skipped, merged cells are filled down in data
rows (not the text column), the cells under a header cell merged over several columns are read
as that column's (「ご意見」 over B:C: one text, joined with line breaks) unless a second header row
gives them sub-headings (「ご意見（要旨）」, 「ご意見（全文）」), a first row that reads like an opinion
makes the file one without a header (columns column1 …), total and note rows under the data
(「合計 1,000件」, 「※…」) are listed, not read, Excel's 「_x000D_」 escapes are decoded, nested JSON is flattened
to dotted names, column names are put on one line and compared without spaces (``clean_name``,
``fold_name``). ``choose_columns`` picks the text, id, channel and submitter columns (never one
column for the text and another role; ``choose_kind_columns`` the columns telling 個人 / 団体 and the 団体名;
JSON lines records that name the text field two ways are read together). For the report counts,
channel spellings are folded to the four standard channels and submitters' names to one key
(placeholders such as 匿名 count as separate people).

Writers escape cells that spreadsheet programs would run as formulas (``escape_cell``;
``unescape_cell`` reads them back), write atomically (temporary file + rename), so a failed run
never leaves a half-written file behind, and with ``cp932`` write 〓 for characters it lacks.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, Mapping, Sequence

TEXT_COLUMN_CANDIDATES = (
    "ご意見", "意見", "御意見", "ご意見の内容", "意見の内容", "意見内容", "本文", "内容",
    "寄せられたご意見", "寄せられた御意見", "ご意見の概要", "意見の概要", "コメント",
    "text", "comment", "comments", "opinion", "body", "content", "message",
    # forms and cards written for children (こども向けパブリックコメント): 「いけん」「いけんを書いてね」
    "いけん", "ごいけん", "いけんをかいてね", "いけんを書いてね", "意見を書いてね", "おねがい", "かんがえ",
    # a meeting's record (QA106: 「発言記録」 was refused as no text column)
    "発言内容", "発言記録", "発言",
)
# Names taken only as the whole column name, never inside a longer one: 「おねがい」 may be a note
# to the reader (「保護者へのおねがい」), 「かんがえ」 the city's answer (「しのかんがえ」).
_EXACT_ONLY_NAMES = frozenset(("おねがい", "かんがえ"))
ID_COLUMN_CANDIDATES = (
    "受付番号", "意見番号", "番号", "No.", "No", "no", "ID", "id", "comment_id", "整理番号",
)
CHANNEL_COLUMN_CANDIDATES = (
    "提出方法", "提出手段", "受付方法", "媒体", "受付媒体", "channel", "提出方法（郵送・持参・FAX・電子メール）",
)
SUBMITTER_COLUMN_CANDIDATES = ("提出者", "氏名", "名前", "お名前", "submitter", "name")
# The kind of submitter, for 提出者数 by 個人 / 団体: a column that tells it (「個人・団体」, values 個人 /
# 団体 / 法人 …) and a column naming the organisation (「団体名」: a filled cell is an organisation's
# submission, counted once by that name). See ``choose_kind_columns``.
KIND_COLUMN_CANDIDATES = (
    "個人・団体", "個人／団体", "個人/団体", "個人団体", "個人・団体の別", "個人団体の別", "個人又は団体", "個人または団体",
    "個人・法人", "個人／法人", "個人/法人", "個人・法人の別", "個人・団体等", "個人・法人・団体",
    "提出者区分", "提出者の区分", "提出者種別", "提出者の種別", "提出者属性", "提出者の属性", "意見提出者区分",
    "submitter type", "submitter kind",
)
# generic names: the kind column only when most of its values are 個人 / 団体-like (区分 may be the
# channel's or the draft's, 種別 an opinion's)
KIND_COLUMN_IF_VALUES = ("区分", "属性", "種別", "分類", "個人・団体区分", "type", "kind")
ORGANISATION_COLUMN_CANDIDATES = (
    "団体名", "法人名", "団体・法人名", "法人・団体名", "団体名・法人名", "法人名・団体名", "団体等名", "法人等名",
    "団体の名称", "法人の名称", "団体名称", "法人名称", "法人等の名称", "団体等の名称", "企業名", "会社名", "事業者名",
    "organization", "organisation", "organization name", "organisation name",
)
# A web form's fields beside each opinion: the place in the draft it concerns and its reason
# (「該当箇所」「意見」「理由」, or numbered 「該当箇所1」「意見1」「該当箇所2」「意見2」 …)
SECTION_COLUMN_CANDIDATES = (
    "該当箇所", "該当個所", "該当ページ", "該当頁", "該当する箇所", "該当部分", "該当項目", "該当章",
    "意見の該当箇所", "意見の対象箇所", "対象箇所", "該当箇所（ページ）", "該当箇所(ページ)",
)
REASON_COLUMN_CANDIDATES = ("理由", "意見の理由", "ご意見の理由", "その理由", "根拠", "理由・根拠", "提案の理由")

# C0/C1 control characters except tab and newlines, plus stray BOMs in the middle of text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe]")
# Invisible format characters a copy-paste leaves inside words and numbers (a zero-width space, a soft
# hyphen, a word joiner, direction marks): stripped and counted with the control characters, so
# 「090\u200b-1234-5678」 is masked and 「佐藤\u200b健」 is 佐藤健 (QA54). The zero-width joiner and
# non-joiner stay (emoji sequences, scripts that need them), and the line and paragraph separators
# (U+2028, U+2029) are line breaks.
_INVISIBLE_RE = re.compile("[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


HEADER_SCAN_ROWS = 10  # the header is looked for in the first non-empty rows (``find_header_row``)


class InputError(ValueError):
    """Bad input: the message is one line that tells the user what to change."""


class ColumnError(InputError):
    """A column option naming no column of the file, or a column that cannot be guessed
    (``guess_column``): the message names the file's columns but not the file, which the caller
    that read it adds (``in_file``) when it has several (QA41: 「unknown text column」 named none)."""

    def in_file(self, name: str) -> "ColumnError":
        return ColumnError(f"{name}: {self}")


@dataclass(frozen=True)
class FileOptions:
    """The command-line options that apply to one kind of input file, for the messages that
    name them. ``None``: the command has no such option for that file (the message then says
    what to change in the file instead). ``text`` is the column whose records ``read_notes``
    checks: the comment or query text, a past-answer table's past opinion."""

    text: str | None = "--text-column"
    id: str | None = "--id-column"
    channel: str | None = "--channel-column"
    submitter: str | None = "--submitter-column"
    kind: str | None = "--kind-column"
    encoding: str | None = "--encoding"
    sheet: str | None = "--sheet"
    header_row: str | None = "--header-row"
    every_sheet: bool = False  # every visible sheet is read (past answers kept as one sheet a year)
    # the header is looked for in this many first non-empty rows (``find_header_row``): a report of
    # this tool fed back as past answers has up to a dozen title, count and note lines above its table
    header_scan_rows: int = HEADER_SCAN_ROWS
    # what the file should be and hold, for the messages on a file that is something else (QA65: an .ods
    # given as past answers was told to 「save the comments as CSV」)
    table: str = "a comment table"
    contents: str = "the comments"


COMMENT_OPTIONS = FileOptions()  # cluster run INPUT
QUERY_OPTIONS = FileOptions(channel=None, submitter=None, kind=None)  # cluster answers --query
PAST_ANSWER_OPTIONS = FileOptions(text="--answer-opinion-column", id="--answer-id-column", channel=None,
                                  submitter=None, kind=None, encoding=None, sheet=None, header_row=None,
                                  every_sheet=True, header_scan_rows=30, table="a past-answer table",
                                  contents="the past answers")  # --answers, PAST
TOPIC_OPTIONS = FileOptions(text=None, id=None, channel=None, submitter=None, kind=None, encoding=None, sheet=None,
                            header_row=None, table="a topics list", contents="the topics")  # cluster run --topics: a file with no options of its own


@dataclass
class Table:
    path: Path
    columns: list[str]
    rows: list[dict[str, str]]
    encoding: str = ""
    format: str = ""
    control_chars_removed: list[int] = field(default_factory=list)  # per row
    # rows of the files read before this one in the same run: messages number rows as opinions.csv does
    # (QA53: a second file's withdrawn rows were named by its own numbers, 26-29 instead of 74-77)
    row_offset: int = 0
    sheet: str = ""  # Excel: the sheet read
    header_row: int = 1  # the row holding the column names (Excel's row number; a CSV's record number)
    header_given: bool = False  # header_row came from the caller (--header-row), not found
    skipped_rows: list[tuple[int, str]] = field(default_factory=list)  # non-empty rows above the header
    notes: list[str] = field(default_factory=list)  # things the user should know (hidden sheets, merges)
    present_keys: list[frozenset[str]] | None = None  # JSON lines: the fields each record had
    text_field_clash: list[int] = field(default_factory=list)  # JSON lines: records with text under two names
    # JSON lines: more exact names of the text field (folded) that read_notes looks for text under,
    # besides the comment text names (a past-answer table's 「意見の要旨」, 「ご意見の要旨」 …)
    text_names: frozenset[str] = frozenset()
    options: FileOptions = COMMENT_OPTIONS  # the options messages about this file name
    other_sheets: list[str] = field(default_factory=list)  # Excel: the visible sheets not read
    # CSV/TSV rows with more fields than the header: row index -> the fields beyond it (see choose_columns)
    extra_fields: dict[int, list[str]] = field(default_factory=dict)
    row_numbers: list[int] = field(default_factory=list)  # each row's number in the file (as header_row)
    line_numbers: list[int] = field(default_factory=list)  # CSV/TSV: the line of the file each row starts on
    delimiter: str = ""  # CSV/TSV: the field separator
    # rows (indices) whose every cell is empty (「,,」): kept, but not submissions in the report counts
    empty_rows: list[int] = field(default_factory=list)
    # comment tables: columns holding values that no role reads (set by choose_columns, said by read_notes)
    unused_columns: list[str] = field(default_factory=list)
    headerless: bool = False  # no header row (said in notes): every row is data, columns column1 …
    # comment tables (set by choose_columns): the opinion fields of a row, in order, as (text column,
    # its 該当箇所 column or None, its reason column or None); empty: the text column alone
    opinion_fields: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    header_rows: int = 1  # 2: a row of sub-headings under header_row is part of the header
    # other names of columns, folded: a sub-heading alone (全文) and with its heading (ご意見 全文)
    column_aliases: dict[str, str] = field(default_factory=dict)
    # rows after the last data row that count the rows (合計 1,000件) or are a note (※…): not read
    footer_rows: list[tuple[int, str]] = field(default_factory=list)
    footer_sheets: list[str] = field(default_factory=list)  # each footer row's sheet, when sheets were joined
    # data rows whose cells repeat the column names (a header repeated at each page break of a PDF
    # converted to Excel): not read
    repeated_header_rows: list[tuple[int, str]] = field(default_factory=list)
    # Excel: the sheets read as one table (same columns: one sheet per channel or per month) and
    # each row's sheet; empty when one sheet was read
    sheets: list[str] = field(default_factory=list)
    row_sheets: list[str] = field(default_factory=list)
    # Excel comment tables: the workbook's other sheets of comments with columns of their own (a web
    # form's export beside the typed-in letters), each read as ``sheet=NAME`` reads it; the run reads
    # each as it reads another input file (see ``pipeline.read_inputs``)
    separate_sheets: list["Table"] = field(default_factory=list)
    # columns the reader added (the sheet of each row, ``SHEET_COLUMN``), not in the file
    added_columns: list[str] = field(default_factory=list)
    # comment tables (set by choose_columns, QA52): text columns of a form's several questions, each
    # column's name the heading of its answers (「第2章について」「その他ご意見」)
    question_columns: list[str] = field(default_factory=list)
    # comment tables (QA52): unused columns of free text (named in full) and of choices (radio/checkbox)
    unread_text_columns: list[str] = field(default_factory=list)
    choice_columns: list[str] = field(default_factory=list)
    unused_text_like: list[str] = field(default_factory=list)

    @property
    def file_columns(self) -> list[str]:
        """The columns as the file names them, for messages: without the ones the reader added
        (シート) or holds extra fields in (``_extra``)."""
        return [c for c in self.columns if c != "_extra" and c not in self.added_columns]

    def __len__(self) -> int:
        return len(self.rows)

    def where(self, indices: Sequence[int]) -> str:
        """Rows (indices into ``rows``) for a message, numbered as ``opinions.csv``'s row_number,
        with where staff find them in the file: 「rows 1, 3 in opinions.csv (lines 2, 5 of the file)」."""
        return rows_where(self.format, indices, self.row_numbers, self.line_numbers, self.row_sheets, self.row_offset)

    def describe(self) -> str:
        """What was read, for the read line: format, encoding or sheet, and where the header was.

        >>> Table(Path("a.csv"), [], [], "utf-8", "csv").describe()
        'csv, utf-8'
        """
        where = f"sheet {self.sheet}" if self.format == "xlsx" and self.sheet else self.encoding
        if self.format == "xlsx" and len(self.sheets) > 1:
            where = f"sheets {', '.join(self.sheets)}, read as one table"
        out = f"{self.format}, {where}" if where else self.format
        if self.header_rows > 1:
            out += (f"; header {'on' if self.header_given else 'found on'} rows {self.header_row}-"
                    f"{self.header_row + self.header_rows - 1} (sub-headings in the second)")
        elif (self.skipped_rows or self.header_given) and not self.headerless:
            out += f"; header {'on' if self.header_given else 'found on'} row {self.header_row}"
        if self.skipped_rows:
            n = len(self.skipped_rows)
            shown = ", ".join(f"row {num} 「{shorten(text)}」" for num, text in self.skipped_rows[:3])
            out += (f"; {n} row{'s' if n > 1 else ''} above it skipped (title): {shown}"
                    + (f" and {n - 3} more" if n > 3 else ""))
        rows_are = "answers" if self.options is PAST_ANSWER_OPTIONS else "submissions"
        if self.repeated_header_rows:
            n = len(self.repeated_header_rows)
            shown = ", ".join(f"row {num}" for num, _ in self.repeated_header_rows[:5])
            why = f"page break{'s' if n > 1 else ''}, " if self.format == "xlsx" else ""
            out += (f"; {n} row{'s' if n > 1 else ''} repeating the header skipped ({why}not {rows_are}): "
                    f"{shown}" + (f" and {n - 5} more" if n > 5 else ""))
        if self.footer_rows:
            n = len(self.footer_rows)
            kinds = {_footer_kind([t]) or "total" for _, t in self.footer_rows}
            what = " and ".join(k for k in ("total", "note") if k in kinds)
            sheet_of = (lambda k: f"sheet {self.footer_sheets[k]} " if k < len(self.footer_sheets) else "")
            shown = ", ".join(f"{sheet_of(k)}row {num} 「{shorten(text)}」"
                              for k, (num, text) in enumerate(self.footer_rows[:3]))
            out += (f"; {n} row{'s' if n > 1 else ''} below the data skipped ({what}, not {rows_are}): {shown}"
                    + (f" and {n - 3} more" if n > 3 else ""))
        return out

    def read_notes(self, text_column: str | None = None) -> list[str]:
        """Lines to print after the read line: sheets skipped, merged cells filled, and (JSON
        lines) records without the chosen text field, which would otherwise become empty rows."""
        notes = list(self.notes)
        if self.unread_text_columns:  # never behind 「and N more」 (QA52: two questions' answers were dropped unseen)
            shown = ", ".join(self.unread_text_columns)
            notes.append(f"warning: column{'s' if len(self.unread_text_columns) > 1 else ''} of free text not read: "
                         f"{shown} (give {self.options.text or '--text-column'} once for each column to read, "
                         "in the order wanted)")
        if self.choice_columns:
            notes.append(f"choice column{'s' if len(self.choice_columns) > 1 else ''} not counted: "
                         f"{', '.join(self.choice_columns)} (answers picked from a list; this run tallies no choices)")
        unused = [c for c in self.unused_columns if c not in self.unread_text_columns and c not in self.choice_columns]
        if unused:
            # columns of free text first, each named: never behind 「and N more」 (QA52)
            unused = sorted(unused, key=lambda c: c not in self.unused_text_like)
            limit = max(6, sum(1 for c in unused if c in self.unused_text_like))
            notes.append(f"column{'s' if len(unused) > 1 else ''} not used: {', '.join(unused[:limit])}"
                         + (f" and {len(unused) - limit} more" if len(unused) > limit else "")
                         + " (only the columns named above are read)")
        option = self.options.text
        if self.present_keys is not None and text_column:
            missing = [i for i, keys in enumerate(self.present_keys, 1) if text_column not in keys]
            # records read as empty whose text is under another name the tool knows (「意見」 and 「ご意見」)
            # exact names only: 「意見の理由」 contains 「意見」 but is not where an opinion is
            names = _TEXT_NAMES | self.text_names
            others = [c for c in self.columns if fold_name(c) in names and c != text_column]
            elsewhere = [(i, [c for c in others if row.get(c, "").strip()]) for i, row in enumerate(self.rows, 1)
                         if not row.get(text_column, "").strip()]
            elsewhere = [(i, names) for i, names in elsewhere if names]
            if missing or elsewhere:
                if missing:
                    have: set[str] = set()
                    for i in missing:
                        have |= self.present_keys[i - 1]
                    fields = [c for c in self.columns if c in have]
                    line = (f"warning: {len(missing)} of {len(self.rows)} records have no {text_column!r} field and "
                            f"are read as empty (records {record_list(missing)}; their fields: "
                            f"{', '.join(fields) or 'none'})")
                else:
                    line = (f"warning: {len(elsewhere)} of {len(self.rows)} records have an empty {text_column!r} "
                            "field and are read as empty")
                if elsewhere:
                    where = Counter(c for _, names in elsewhere for c in names)
                    nums = [i for i, _ in elsewhere]
                    line += (f"; their text is under {', '.join(map(repr, where))}"
                             + (f" (records {record_list(nums)})" if nums != missing else ""))
                    if self.text_field_clash:
                        line += (f", not read together with {text_column!r} because records "
                                 f"{record_list(self.text_field_clash)} have text under both")
                    line += (f": give {option} {where.most_common(1)[0][0]} to read that field instead, "
                             "or use one field name in every record") if option else \
                        ": use one field name in every record"
                else:
                    line += (f"; give {option} or use the same field name in every record" if option else
                             "; use the same field name in every record")
                notes.append(line)
        return notes


def rows_where(fmt: str, indices: Sequence[int], row_numbers: Sequence[int] = (),
               line_numbers: Sequence[int] = (), row_sheets: Sequence[str] = (), offset: int = 0) -> str:
    """See ``Table.where``; JSON lines records are numbered as they are in opinions.csv."""
    n = len(indices)
    if fmt == "jsonl":
        return f"record{'s' if n > 1 else ''} {record_list([i + 1 + offset for i in indices])}"
    out = f"row{'s' if n > 1 else ''} {record_list([i + 1 + offset for i in indices])} in opinions.csv"
    if fmt == "xlsx" and row_sheets and len(row_numbers) > max(indices, default=-1):
        places = [f"sheet {row_sheets[i]} row {row_numbers[i]}" for i in indices[:5]]
        out += f" ({', '.join(places)}{', …' if n > 5 else ''})"
    elif fmt == "xlsx" and len(row_numbers) > max(indices, default=-1):
        out += f" (Excel row{'s' if n > 1 else ''} {record_list([row_numbers[i] for i in indices])})"
    elif fmt != "xlsx":
        lines = line_numbers if len(line_numbers) > max(indices, default=-1) else row_numbers
        if len(lines) > max(indices, default=-1):
            out += f" (line{'s' if n > 1 else ''} {record_list([lines[i] for i in indices])} of the file)"
    return out


def record_list(numbers: Sequence[int], limit: int = 5) -> str:
    """Record numbers for a message: the first ``limit``, then "…"."""
    return ", ".join(map(str, numbers[:limit])) + (", …" if len(numbers) > limit else "")


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``1 opinion``, ``2 opinions`` (messages say 「1 row」, not 「1 row(s)」)."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def shorten(text: str, limit: int = 40) -> str:
    """One line of at most ``limit`` characters (「…」 marks a cut), for messages and tables."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    cut = limit - 1
    while cut > 0 and unicodedata.category(text[cut]).startswith("M"):  # not between a letter and its mark
        cut -= 1
    return text[:cut] + "…"


def strip_controls(text: str) -> tuple[str, int]:
    """Remove control characters and invisible format characters (keep tab/newlines); normalise
    CRLF/CR and the Unicode line and paragraph separators to LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    cleaned, count = _CONTROL_RE.subn("", text)
    cleaned, invisible = _INVISIBLE_RE.subn("", cleaned)
    return cleaned, count + invisible


# A file that is text but for a few broken bytes (a CP932 letter cut mid-character by a mailer or
# an old editor) is read with 〓 for each, and a warning names the lines: refusing the whole file
# leaves staff nothing to do but hunt for bytes. More than this share of broken characters is
# not such a file.
BROKEN_BYTES_SHARE = 0.001
BROKEN_BYTES_MIN = 5
GETA = "〓"
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _line_numbers(text: str, positions: list[int], limit: int = 5) -> str:
    lines = sorted({text.count("\n", 0, p) + 1 for p in positions})
    shown = ", ".join(str(n) for n in lines[:limit])
    return f"line{'s' if len(lines) > 1 else ''} {shown}{' …' if len(lines) > limit else ''}"


def _decode_with_geta(data: bytes, encoding: str) -> tuple[str, list[int]]:
    """``data`` decoded with 〓 for each undecodable byte run, and where they are in the text."""
    text = data.decode(encoding, errors="replace")
    positions = [i for i, ch in enumerate(text) if ch == "\ufffd"]
    return text.replace("\ufffd", GETA), positions


def _few(positions: list[int], text: str) -> bool:
    """A few broken characters in a text, not a text broken throughout (or a scrap of bytes)."""
    return (len(positions) <= max(BROKEN_BYTES_MIN, BROKEN_BYTES_SHARE * len(text))
            and len(positions) <= 0.01 * len(text))


def decode_bytes(data: bytes, encoding: str | None = None, name: str = "input",
                 encoding_option: str | None = "--encoding", notes: list[str] | None = None) -> tuple[str, str]:
    """Decode as UTF-8 (with or without BOM) or CP932; refuse binary data. ``encoding_option``:
    the option that gives this file's encoding, named in the error (``None``: there is none).
    A few broken bytes are read as 〓 and ``notes`` gets a warning naming their lines, as it
    does for private-use characters (外字), which other computers show differently."""
    notes = [] if notes is None else notes
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r} (use utf-8, cp932 …)") from None
        except UnicodeDecodeError as exc:
            text, broken = _decode_with_geta(data, encoding)
            if not _few(broken, text):
                raise InputError(f"{name}: not {encoding}: {len(broken)} byte runs cannot be read as {encoding}, "
                                 f"the first at {_line_numbers(text, broken[:1])} (byte {exc.start})") from None
            notes.append(f"warning: {len(broken)} broken byte run{'s' if len(broken) > 1 else ''} read as {GETA} "
                         f"({_line_numbers(text, broken)} of the file); check those rows in the source")
        _note_private_use(text, notes)
        return text, encoding
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text, enc = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: starts as UTF-8 but byte {exc.start + 3} is not UTF-8; "
                             "save it again as CSV UTF-8") from None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's 「Unicode テキスト」 is UTF-16 with a byte order mark (tab-separated).
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts as UTF-16 but is not valid UTF-16; "
                             "save it as CSV UTF-8") from None
        text = text.lstrip("\ufeff")
    elif _looks_utf16_without_bom(data):
        raise InputError(f"{name}: is UTF-16 text without a byte order mark; save it as CSV UTF-8"
                         + (f" or give {encoding_option} utf-16-le" if encoding_option else ""))
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = data.decode("cp932"), "cp932"
            except UnicodeDecodeError:
                # text with a few broken bytes: the encoding that breaks on fewer of them
                tried = [(enc, *_decode_with_geta(data, enc)) for enc in ("utf-8", "cp932")]
                enc, text, broken = min(tried, key=lambda t: len(t[2]))
                if not _few(broken, text):
                    raise InputError(
                        f"{name}: not a text file in UTF-8 or CP932 (Shift_JIS); "
                        "save it as CSV UTF-8" + (f" or give {encoding_option}" if encoding_option else "")
                    ) from None
                label = "UTF-8" if enc == "utf-8" else "CP932 (Shift_JIS)"
                notes.append(f"warning: read as {label}, but {len(broken)} broken byte run"
                             f"{'s' if len(broken) > 1 else ''} became {GETA} ({_line_numbers(text, broken)} "
                             "of the file); check those rows in the source")
    sample = text[:20000]
    if sample:
        # Stray control characters are stripped and counted, but a file made mostly of them
        # (or full of NUL bytes, as images, archives and programs are) is not a table.
        controls = len(_CONTROL_RE.findall(sample))
        nuls = sample.count("\x00")
        if controls / len(sample) > 0.3 or (nuls > 8 and nuls / len(sample) > 0.02):
            raise InputError(f"{name}: looks like binary data, not a comment table")
    _note_private_use(text, notes)
    return text, enc


def _note_private_use(text: str, notes: list[str]) -> None:
    found = [m.start() for m in _PRIVATE_USE.finditer(text)]
    if found:
        notes.append(f"warning: {len(found)} private-use character{'s' if len(found) > 1 else ''} (外字, or bytes "
                     f"no code page defines) at {_line_numbers(text, found)} of the file: other computers show "
                     "them differently or not at all; check those rows in the source")


# What staff mistake for a comment table: the first bytes of other kinds of files.
_OTHER_FILES = ((b"%PDF", "a PDF file"), (b"\xd0\xcf\x11\xe0", "an old Office file (.xls or .doc)"),
                (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"))


def _zip_kind(path: Path) -> str:
    """For a ZIP file: "" when it is a workbook, else what it is (a Word document, an archive)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            # OpenDocument (LibreOffice): a mimetype member names the kind (QA59: an .ods was 「a ZIP
            # archive」, to 「unpack」)
            mimetype = z.read("mimetype")[:100].decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError):
        return ""  # the Excel reader says what is wrong with it
    if any(n.startswith("xl/") for n in names):
        return ""
    if any(n.startswith("word/") for n in names):
        return "a Word document (.docx)"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint file (.pptx)"
    if mimetype.startswith("application/vnd.oasis.opendocument.spreadsheet"):
        return "an OpenDocument spreadsheet (.ods: LibreOffice)"
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        return "an OpenDocument file (LibreOffice)"
    return "a ZIP archive"


# The columns of the CSV outputs of `cluster run` (a folder's earlier outputs caught by `*.csv`): all of them
# (QA62: a web system's export beginning opinion_id,comment_id,row_number was taken for opinions.csv)
_OWN_CSV_HEADERS = (("opinion_id,comment_id,row_number,index,status,duplicate_group", ("text",), "opinions.csv"),
                    ("cluster_id,size,unique_texts,label", ("representative",), "clusters.csv"),
                    ("cluster_id,rank,answer_id,score,past_opinion,answer", (), "answers.csv"))
_OWN_CREATOR = b"<dc:creator>pubcom-cluster</dc:creator>"


def own_output_kind(path: str | os.PathLike) -> str:
    """Which output of this tool ``path`` is (「opinions.csv」「report.xlsx」「worksheet.xlsx」 …), by its
    content, not its name; "" for any other file. A run's outputs lying beside its inputs are caught by
    `cluster run *.csv` (QA60: read as 86 more submissions, the report titled 「answers」)."""
    import zipfile

    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return ""
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                if _OWN_CREATOR not in z.read("docProps/core.xml")[:4000]:
                    return ""
                book = z.read("xl/workbook.xml")
                strings = z.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in z.namelist() else b""
        except (zipfile.BadZipFile, KeyError, OSError):
            return ""
        if b'name="_import"' in book:
            return "worksheet.xlsx"
        # a copy of a report.xlsx that comments were typed into keeps its author (QA62): the report's own
        # column names tell (openpyxl writes text inline; Excel moves it to sharedStrings when it saves)
        heading = "ご意見の概要".encode("utf-8")
        if heading in strings or _sheet_has(path, heading):
            return "report.xlsx"
        return ""
    line = head.split(b"\n", 1)[0]
    for encoding in ("utf-8-sig", "cp932"):  # (--report-encoding cp932 writes the CSVs in CP932)
        try:
            first = line.decode(encoding).strip()
            break
        except UnicodeDecodeError:
            continue
    else:
        return ""
    cells = [c.strip('"') for c in first.split(",")]
    for start, also, name in _OWN_CSV_HEADERS:
        if first.startswith(start) and all(c in cells for c in also):
            return name
    if cells[:1] == ["No."] and "ご意見の概要" in cells and "回答の状態" in cells and "対応区分の内容" in cells:
        return "report.csv"
    return ""


def _sheet_has(path: Path, needle: bytes) -> bool:
    """Whether the first worksheet of the .xlsx ``path`` holds ``needle`` in its first 64 KB."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            sheets = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet") and n.endswith(".xml"))
            if not sheets:
                return False
            with z.open(sheets[0]) as fh:
                return needle in fh.read(1 << 16)
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def _encrypted_office(data: bytes) -> bool:
    """Whether an OLE2 file is an Office document saved with a password (「パスワードを使用して暗号化」):
    Excel then wraps the .xlsx in a stream named EncryptedPackage."""
    return "EncryptedPackage".encode("utf-16-le") in data


_HTML_START_RE = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html|table|head|meta|body)\b", re.I)


def _looks_utf16_without_bom(data: bytes) -> bool:
    """Text saved as UTF-16 with no byte order mark: it holds NUL bytes (the high byte of its
    commas, digits and line ends), which UTF-8 and CP932 text never does, and reads as lines of
    printable UTF-16."""
    sample = data[:4000]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8 or b"\x00" not in sample:
        return False
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        if "\n" in text and printable >= 0.95 * len(text):
            return True
    return False


def _detect_format(path: Path, head: bytes, data: bytes = b"", options: FileOptions | None = None) -> str:
    suffix = path.suffix.lower()
    kind = options or COMMENT_OPTIONS
    if path.name.startswith("~$"):
        raise InputError(f"{path}: is the lock file Excel keeps while {path.name[2:]} is open, not the workbook; "
                         f"give {path.with_name(path.name[2:]).name} itself")
    if head.startswith(b"PK\x03\x04"):
        what = _zip_kind(path)
        if what:
            raise InputError(f"{path}: is {what}, not {kind.table}; "
                             + ("unpack it and give the CSV or Excel file inside" if what == "a ZIP archive"
                                else f"save {kind.contents} as CSV or Excel (.xlsx)"))
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0") and _encrypted_office(data):
        # (QA59: called 「an old Office file」; staff who saved an .xlsx had no hint of the password)
        raise InputError(f"{path}: is protected by a password (encrypted); open it in Excel, remove the password "
                         "(ファイル → 情報 → ブックの保護 → パスワードを使用して暗号化, empty it), save it and run again")
    if suffix == ".xls" and _HTML_START_RE.match(data[:2000] or head):
        # a web system's export: an HTML table under an .xls name, which Excel opens with a warning
        raise InputError(f"{path}: is a web page (HTML) under an .xls name, not an Excel workbook; open it in Excel "
                         "and save it as Excel (.xlsx) or CSV")
    if suffix == ".xls" and not head.startswith(b"\xd0\xcf\x11\xe0") and b"\x00" not in data[:4000]:
        return "csv"  # text under an .xls name (a CSV saved as 「.xls」): read as what it is, and said (read_table)
    if suffix == ".xls":
        raise InputError(f"{path}: old .xls files are not supported; save it as .xlsx or CSV")
    for magic, what in _OTHER_FILES:
        if head.startswith(magic):
            raise InputError(f"{path}: is {what}, not {kind.table}; save {kind.contents} as CSV or Excel (.xlsx)")
    if suffix in (".xlsx", ".xlsm"):
        raise InputError(f"{path}: has an Excel name but is not an .xlsx file")
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".tsv", ".tab"):
        return "tsv"
    return "csv"


@dataclass
class _Raw:
    """What a format reader found, before cleaning."""

    header: list[str]
    rows: list[list[str]]
    header_row: int = 1
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sheet: str = ""
    present_keys: list[frozenset[str]] | None = None
    row_numbers: list[int] | None = None  # each data row's number in the file (as header_row)
    other_sheets: list[str] = field(default_factory=list)
    delimiter: str = ""
    line_numbers: list[int] | None = None  # CSV/TSV: the line of the file each data row starts on
    headerless: bool = False  # no header row: every row is data, the columns are column1 …
    header_rows: int = 1  # 2: a row of sub-headings under the header (see ``_sub_headings``)
    aliases: dict[str, str] = field(default_factory=dict)  # folded other name -> column (sub-headings)
    # Excel (``_read_xlsx(siblings=True)``): each of other_sheets as read alone (``sheet=NAME``),
    # from the workbook already open; None: the sheet cannot be read as a table
    siblings: list[tuple[str, "_Raw | None"]] = field(default_factory=list)
    formula_cells: list[tuple[int, int]] = field(default_factory=list)  # Excel: (row, column) read as formula text
    hidden_rows: set[int] = field(default_factory=set)  # Excel: rows hidden in the sheet


def read_table(path: str | os.PathLike, encoding: str | None = None, sheet: str | None = None,
               fill_merged: bool = False, header_row: int | None = None,
               text_column: str | None = None, options: FileOptions = COMMENT_OPTIONS) -> Table:
    """Read a comment or past-answer table. Raises InputError on anything unreadable.

    The header is the first non-empty row unless rows above the column names look like a title
    (「○○計画（案）に対するご意見一覧」): then the row that looks like column names is the header and
    the rows above it are listed in ``Table.skipped_rows`` (see ``find_header_row``).
    ``header_row`` (1-based: Excel's row number, a CSV's record number) gives it instead.

    Excel: with no ``sheet``, the first visible sheet with data is read (hidden sheets are
    working notes; ``sheet`` may name one). Merged cells in the data rows are filled with the
    range's top-left value (see ``_fill_merged``); ``fill_merged`` fills the text column too
    (``text_column``, else the guessed one): published answer tables merge one 考え方 cell over
    the several opinions it answers.

    ``options``: the command-line options that apply to this file (``COMMENT_OPTIONS``,
    ``QUERY_OPTIONS``, ``PAST_ANSWER_OPTIONS``); messages about it name those and no others.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if path.is_dir():
        report = next((path / name for name in ("report.xlsx", "report.csv") if (path / name).is_file()), None)
        hint = (f" (a run folder: give its {report.name}, {report}, as {options.contents})"
                if report is not None and options is PAST_ANSWER_OPTIONS else "")
        raise InputError(f"{path}: is a folder, not a file{hint}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    fmt = _detect_format(path, data[:8], data, options)
    decode_notes: list[str] = []
    if fmt == "csv" and path.suffix.lower() == ".xls":
        decode_notes.append(f"{path.name}: text under an .xls name, read as CSV (the columns are found as in any CSV)")
    siblings = fmt == "xlsx" and sheet is None and options is COMMENT_OPTIONS
    if fmt == "xlsx":
        # the other visible sheets are read from the workbook already open (openpyxl reads the
        # whole file on each load): see _with_sibling_sheets
        raw = _read_xlsx(path, data, sheet, fill_merged, header_row, text_column, options, siblings=siblings)
        enc = ""  # an .xlsx has no text encoding to report; Table.describe() names the sheet
    else:
        text, enc = decode_bytes(data, encoding, str(path), options.encoding, notes=decode_notes)
        if fmt == "jsonl":
            raw = _read_jsonl(path, text)
            if header_row is not None:
                raw.notes.append(f"{options.header_row or 'header_row'} does not apply to JSON lines "
                                 "(field names are the columns); ignored")
        else:
            raw = _read_delimited(path, text, fmt, header_row, options.header_row,
                                  guess_headerless=options is COMMENT_OPTIONS, scan=options.header_scan_rows)
    table = _table_from_raw(path, raw, fmt, enc, decode_notes, header_row, options)
    if siblings and table.other_sheets:
        def sibling_table(found: _Raw | None) -> Table | None:
            try:
                return _table_from_raw(path, found, fmt, enc, [], header_row, options) if found is not None else None
            except InputError:
                return None

        table = _with_sibling_sheets(table, [(name, sibling_table(found)) for name, found in raw.siblings])
    return table


def _table_from_raw(path: Path, raw: _Raw, fmt: str, enc: str, decode_notes: list[str],
                    header_row: int | None, options: FileOptions) -> Table:
    """The table of what a format reader found (``read_table``'s cleaning: footer rows taken,
    column names made unique, control characters stripped, empty rows noted)."""
    footer: list[tuple[int, str]] = []
    repeated_header: list[tuple[int, str]] = []
    if fmt != "jsonl" and not raw.headerless:
        repeated_header = _take_repeated_headers(raw)
    if fmt != "jsonl" and options in (COMMENT_OPTIONS, QUERY_OPTIONS, PAST_ANSWER_OPTIONS):
        # past answers too: the notes under a published table (「※同趣旨の意見は一つにまとめております。」)
        footer = _take_footer_rows(raw)
    columns, repeated = _unique_columns(raw.header, with_repeats=True)
    notes = ([] if fmt == "xlsx" else decode_notes) + list(raw.notes)
    if repeated:
        shown = "; ".join(f"{name} (read as {', '.join(cols)})" for name, cols in list(repeated.items())[:3])
        opt = options.text
        notes.append(f"warning: column name{'s' if len(repeated) > 1 else ''} used twice: {shown}"
                     + (f"; give {opt} {next(iter(repeated.values()))[1]} to read a second one as the text"
                        if opt else "; rename the columns"))
    present_keys = raw.present_keys
    if present_keys is not None:  # JSON lines: the fields each record had, under the cleaned names
        renamed = dict(zip(raw.header, columns))
        present_keys = [frozenset(renamed.get(k, k) for k in keys) for keys in present_keys]
    numbers = raw.row_numbers or [raw.header_row + k for k in range(1, len(raw.rows) + 1)]
    if fmt == "xlsx":
        notes += _formula_and_hidden_notes(raw, numbers)
    lines = raw.line_numbers or []
    rows: list[dict[str, str]] = []
    removed: list[int] = []
    extra_fields: dict[int, list[str]] = {}
    kept_numbers: list[int] = []
    kept_lines: list[int] = []
    kept_keys: list[frozenset[str]] = []
    empty: list[int] = []  # indices into rows
    for k, raw_row in enumerate(raw.rows):
        if not any(str(v).strip() for v in raw_row if v is not None):
            # every cell empty (「,,」, a blank Excel row): kept as a row, but not a submission
            empty.append(len(rows))
        count = 0
        row: dict[str, str] = {}
        for i, col in enumerate(columns):
            value = raw_row[i] if i < len(raw_row) else ""
            value, n = strip_controls(value)
            count += n
            row[col] = value
        if len(raw_row) > len(columns):  # extra cells are kept, never dropped
            cells = [strip_controls(v) for v in raw_row[len(columns):]]
            count += sum(n for _, n in cells)
            if any(v.strip() for v, _ in cells):
                row["_extra"] = "\t".join(v for v, _ in cells)
                extra_fields[len(rows)] = [v for v, _ in cells]
        rows.append(row)
        removed.append(count)
        kept_numbers.append(numbers[k])
        if k < len(lines):
            kept_lines.append(lines[k])
        if present_keys is not None:
            kept_keys.append(present_keys[k])
    if empty and options is COMMENT_OPTIONS:
        n = len(empty)
        unit = "record" if fmt == "jsonl" else "row"
        notes.append(f"{n} {unit}{'s' if n > 1 else ''} with every cell empty "
                     f"({rows_where(fmt, empty, kept_numbers, kept_lines)}): kept in opinions.csv (status empty), "
                     "not counted as submissions")
    if any("_extra" in r for r in rows) and "_extra" not in columns:
        columns.append("_extra")
        for r in rows:
            r.setdefault("_extra", "")
    skipped = [(n, strip_controls(t)[0]) for n, t in raw.skipped]
    table = Table(path, columns, rows, enc, fmt, removed, sheet=raw.sheet, header_row=raw.header_row,
                  header_given=header_row is not None and fmt != "jsonl", skipped_rows=skipped,
                  notes=notes, present_keys=kept_keys if present_keys is not None else None, options=options,
                  other_sheets=raw.other_sheets, extra_fields=extra_fields, row_numbers=kept_numbers,
                  line_numbers=kept_lines, footer_rows=footer, repeated_header_rows=repeated_header,
                  headerless=raw.headerless,
                  header_rows=raw.header_rows, column_aliases=dict(raw.aliases),
                  delimiter=raw.delimiter, empty_rows=empty)
    return table


# The column that names each row's sheet when several sheets are read as one table.
SHEET_COLUMN = "シート"


def _with_sibling_sheets(first: Table, siblings: Sequence[tuple[str, Table | None]]) -> Table:
    """The comment table with the workbook's other visible sheets that have the same columns
    (one sheet per channel or per month: QA saw two of three sheets dropped without a word),
    read as one table with a column naming each row's sheet (``SHEET_COLUMN``; 提出方法 when
    the table has no channel column and every sheet is named after a channel). Ids that repeat
    across sheets (each sheet numbered from 1) get the sheet's name in front (「FAX-1」). A sheet
    with other columns is named in a note, not read (``--sheet NAME`` reads it alone).

    ``siblings``: each of ``first.other_sheets`` read as ``--sheet NAME`` reads it (None: not a
    table), from the workbook ``first`` was read from (see ``_read_xlsx``)."""
    parts, other, copies, clashes = [first], [], [], []
    contents: dict[str, Counter] = {}

    def content(t: Table) -> Counter:
        return Counter(tuple(v.strip() for v in r.values()) for r in t.rows if any(v.strip() for v in r.values()))

    def copy_named(name: str) -> bool:  # 「郵送（控え）」「コピー」「バックアップ」「旧」「(2)」
        return bool(re.search(r"控|コピー|copy|バックアップ|backup|旧|\(\d\)|（\d）", name, re.I))

    separate: list[Table] = []
    copied: list[tuple[str, str]] = []  # (sheet, the sheet whose texts it repeats)
    why: dict[str, str] = {}  # sheet -> why it is no list of comments (a sheet of other columns)
    row_counts = {name: len(t.rows) for name, t in siblings if t is not None}

    def _rows_of(name: str) -> str:  # (what is passed over is counted, so staff can tell a list left out)
        n = row_counts.get(name, 0)
        return f", {n} row{'s' if n != 1 else ''}" if n else ""

    for name, t in siblings:
        if t is None:
            other.append(name)
            why[name] = "table"
            continue
        if _EXAMPLE_SHEET_RE.search(name):  # 「記入例」 in the columns of the list itself (QA87: counted and published)
            other.append(name)
            why[name] = "name"
            continue
        if [c for c in t.columns if c != "_extra"] != [c for c in first.columns if c != "_extra"] or not t.rows:
            # a sheet of comments with columns of its own is read on its own; a summary, an
            # example or staff's working sheet (概要 and 考え方) is not a list of comments
            kind = _comment_sheet_kind(t, [first, *separate])
            if kind == "comments":
                separate.append(t)
            elif kind.startswith("copy:"):
                copied.append((name, kind[5:]))
            else:
                other.append(name)
                why[name] = kind.split(":", 1)[1]
            continue
        # a sheet that shares rows with one already read: a copy (控え) or the list it was copied
        # from. Only rows of a subset are dropped, never a row only one sheet has (QA: with the
        # 控え sheet first, the real sheet's late letter was dropped as 「a repeat」).
        mine = content(t)
        kept = True
        for k, p in enumerate(parts):
            theirs = contents.get(p.sheet)
            if theirs is None:  # each sheet's rows counted once, not once per later sheet
                theirs = contents[p.sheet] = content(p)
            shared = sum((mine & theirs).values())
            if not shared:
                continue
            if mine == theirs:  # the same rows: keep the one not named as a copy
                if copy_named(p.sheet) and not copy_named(t.sheet):
                    copies.append((p.sheet, t.sheet))
                    parts[k] = t
                else:
                    copies.append((t.sheet, p.sheet))
                kept = False
            elif not (mine - theirs):  # every row of it is in the sheet read
                copies.append((t.sheet, p.sheet))
                kept = False
            elif not (theirs - mine):  # it holds every row of the sheet read, and more
                copies.append((p.sheet, t.sheet))
                parts[k] = t
                kept = False
            else:
                clashes.append((t.sheet, p.sheet, shared))
                kept = False
            break
        if kept:
            parts.append(t)
    if parts[0] is not first:  # the first sheet was a copy of a later one: that one leads
        lead = parts[0]
        lead.notes[:0] = first.notes
        first = lead
    option = first.options.sheet
    for copy, of in copies:
        first.notes.append(f"sheet {copy} not read: every row of it is in sheet {of}, which is read"
                           + (f" ({option} NAME reads one alone)" if option else ""))
    for name, with_, shared in clashes:
        first.notes.append(f"warning: sheet {name} not read: it shares {counted(shared, 'row')} with sheet {with_} but "
                           "each has rows the other lacks; check which sheet is the list of comments"
                           + (f" ({option} NAME reads one alone)" if option else ""))
    for name, of in copied:
        first.notes.append(f"sheet {name} not read: its opinions are those of sheet {of} in other columns"
                           + (f" ({option} NAME reads one alone)" if option else ""))
    if separate:
        first.notes.append(
            f"sheet{'s' if len(separate) > 1 else ''} {', '.join(t.sheet for t in separate)} "
            f"{'have' if len(separate) > 1 else 'has'} other columns: read on "
            f"{'their' if len(separate) > 1 else 'its'} own, as another input file is (columns guessed for each)")
    if other:
        # named by name (集計, 記入例): said plainly; for any other reason a warning (it may hold comments
        # under column names the reader does not know)
        plain = all(why.get(n) in ("name", "empty") for n in other)
        first.notes.append(("" if plain else "warning: ")
                           + f"sheet{'s' if len(other) > 1 else ''} "
                           + ", ".join(f"{n} ({_NOT_READ_WHY[why[n]]}{_rows_of(n)})" if n in why else n for n in other)
                           + " not read: no list of comments"
                           + (f" ({option} NAME reads {'one of them' if len(other) > 1 else 'it'} alone)" if option else ""))
    if len(parts) == 1:
        return dc_replace(first, separate_sheets=separate) if separate else first
    names = [t.sheet for t in parts]
    # the sheets name the channels when most of them are channel names (「電子申請」「郵送」「FAX」 and
    # 「意見交換会」: QA saw the 提出方法別 line vanish over the one sheet named after an event)
    named = sum(normalize_channel(n) in KNOWN_CHANNELS for n in names)
    channels_named = ((named == len(names) or (named >= 2 and 2 * named > len(names)))
                      and guess_column(first.columns, CHANNEL_COLUMN_CANDIDATES, what="channel", required=False) is None)
    column = f"{CHANNEL_COLUMN_CANDIDATES[0]}（シート名）" if channels_named else SHEET_COLUMN
    while column in first.columns:
        column += "_"
    id_col = guess_column(first.columns, ID_COLUMN_CANDIDATES, what="id", required=False)
    prefix_ids = False
    if id_col is not None:
        seen: dict[str, str] = {}
        for t in parts:
            for r in t.rows:
                v = (r.get(id_col) or "").strip()
                if v and seen.setdefault(v, t.sheet) != t.sheet:
                    prefix_ids = True
    columns = list(first.columns) + [column]
    if any("_extra" in t.columns for t in parts) and "_extra" not in columns:
        columns.insert(len(columns) - 1, "_extra")
    rows, removed, numbers, sheets, empty, extra, footer, notes = [], [], [], [], [], {}, [], []
    footer_sheets: list[str] = []
    repeated_header: list[tuple[int, str]] = []
    for t in parts:
        base = len(rows)
        for r in t.rows:
            row = {c: r.get(c, "") for c in columns if c != column}
            row[column] = t.sheet
            if prefix_ids and (row.get(id_col) or "").strip():
                row[id_col] = f"{t.sheet}-{row[id_col].strip()}"
            rows.append(row)
        removed += t.control_chars_removed
        numbers += t.row_numbers
        sheets += [t.sheet] * len(t.rows)
        empty += [base + i for i in t.empty_rows]
        extra.update({base + i: v for i, v in t.extra_fields.items()})
        footer += t.footer_rows
        footer_sheets += [t.sheet] * len(t.footer_rows)  # (QA59: 「row 3 …, row 3 …」 of two sheets)
        repeated_header += t.repeated_header_rows
        notes += t.notes if t is first else [f"sheet {t.sheet}: {n}" for n in t.notes]
    counts = ", ".join(f"{t.sheet} {len(t.rows)}" for t in parts)
    notes.append(f"{len(parts)} sheets with the same columns read as one table ({counts} rows); "
                 + (f"each sheet's name is read as the channel ({column})" if channels_named else
                    f"column {column} names each row's sheet"
                    + (f" (--channel-column {column} counts the sheets as channels in 提出方法別)"
                       if named and first.options is COMMENT_OPTIONS else ""))
                 + (f"; {id_col} repeats across sheets, so each id has its sheet's name in front "
                    f"({next(r[id_col] for r in rows if (r.get(id_col) or '').strip())})" if prefix_ids else ""))
    return dc_replace(first, columns=columns, rows=rows, control_chars_removed=removed, row_numbers=numbers,
                      row_sheets=sheets, sheets=names, empty_rows=empty, extra_fields=extra, footer_rows=footer,
                      footer_sheets=footer_sheets, repeated_header_rows=repeated_header, notes=notes, other_sheets=other, line_numbers=[], separate_sheets=separate,
                      added_columns=[column])


# Why a sheet of a comment workbook is no list of comments, for the line that names it (QA35: 「its columns
# differ from sheet 電子申請's」 for a 集計 sheet, beside a sheet of other columns that was read)
_NOT_READ_WHY = {"name": "a count, example or working sheet by its name", "answer": "a working sheet (a 考え方 or 回答 column)",
                 "notext": "no column of opinions", "nosentences": "no sentences in its opinion column",
                 "empty": "no rows", "table": "not a table"}
# Sheet names of what is not a list of comments: a summary, an example, instructions, staff's
# answers or notes, a table of contents or a cover
_NOT_COMMENTS_SHEET_RE = re.compile(r"集計|合計|統計|記入例|入力例|説明|注意|凡例|回答|考え方|対応|作業|メモ|目次|表紙|"
                                    r"設定|マスタ|summary|example|memo|note|readme", re.I)
# An example of how to fill in the form, however alike its columns (「記入例」「入力例」「見本」)
_EXAMPLE_SHEET_RE = re.compile(r"記入例|入力例|記載例|見本|サンプル|example|sample", re.I)
# Columns of staff's own work on the opinions (their answer): a sheet holding one is a working sheet
_ANSWER_COLUMN_RE = re.compile(r"考え方|回答|対応|見解|答え|answer|response", re.I)
# ... but not a web form's own columns about the reply it received (「回答ID」「回答日時」「回答者」「Response ID」:
# QA97, a LoGoフォーム export beside the typed-in letters was passed over as a working sheet, its submissions lost)
_FORM_META_COLUMN_RE = re.compile(r"回答(?:ID|番号|No|NO|日|時|者|受付|方法|形式|元)|(?:response|answer)\s*(?:id|no|date|time)|"
                                  # where a letter is in the office's handling (未対応・対応中・済), not an answer (QA101)
                                  r"対応(?:状況|状態|日)", re.I)
# a form's own sheet of replies (Googleフォーム: 「フォームの回答 1」, 「Form Responses 1」) is comments, not answers
_FORM_REPLIES_SHEET_RE = re.compile(r"フォーム(?:の)?回答|form\s*responses?", re.I)
# a sheet sharing its rows out to departments, or listing summaries, is staff's (``_comment_sheet_kind``)
_STAFF_COLUMN_RE = re.compile(r"担当課|担当部署|担当部局|所管課|所管部署")
_SUMMARY_NAME_RE = re.compile(r"要旨|概要|要約")


def _is_answer_column(column: str, text_column: str | None) -> bool:
    """A column of staff's answer to each opinion (a working sheet holds one)."""
    return (column != text_column and bool(_ANSWER_COLUMN_RE.search(column))
            and not _FORM_META_COLUMN_RE.search(column))


def _comment_sheet_kind(t: Table, read: Sequence[Table]) -> str:
    """What another sheet of a comment workbook with columns of its own holds: ``comments`` (a
    list of submissions: a text column with sentences in it), ``copy:SHEET`` (most of its texts
    are cells of a sheet read: a table for publication made from it) or ``other:WHY`` (``_NOT_READ_WHY``)."""
    if not t.rows:
        return "other:empty"
    if _NOT_COMMENTS_SHEET_RE.search(t.sheet) and not _FORM_REPLIES_SHEET_RE.search(t.sheet):
        return "other:name"
    col = guess_column(t.columns, TEXT_COLUMN_CANDIDATES, what="text", required=False, exclude=_ROLE_NAMES)
    answers = [c for c in t.columns if _is_answer_column(c, col)]
    # a sheet that gives its rows to departments (担当課) or lists summaries (ご意見の要旨) is staff's, answered or not
    # (QA102: a work list with 対応状況 and a 公表用 table retyping the texts were read, their letters counted twice)
    if any(_STAFF_COLUMN_RE.search(c) for c in t.columns) or (col and _SUMMARY_NAME_RE.search(col)):
        return "other:answer"
    # staff's working sheet (No. / ご意見の概要 / 考え方, 氏名 too at times); a sheet of letters typed in with the 氏名
    # of each writer and a 市の考え方 column not yet begun is a list of comments (QA100: such a 郵送 sheet was passed
    # over, its letters missing from the counts; QA101: a working sheet with 氏名, or with one answer written, and a
    # 公表用 table with its 考え方 still blank must stay passed over, or their letters count twice)
    if answers and (any((r.get(c) or "").strip() for r in t.rows for c in answers)
                    or not guess_column(t.columns, SUBMITTER_COLUMN_CANDIDATES, what="submitter", required=False)):
        return "other:answer"
    if col is None:
        return "other:notext"
    texts = [(r.get(col) or "").strip() for r in t.rows]
    texts = [x for x in texts if x]
    wordy = [x for x in texts if len(x) >= 8 and not _NUMBER_RE.match(x)]
    if not wordy or 2 * len(wordy) < len(texts):
        return "other:nosentences"  # counts or codes, not opinions
    for other in read:
        cells = {v.strip() for r in other.rows for v in r.values() if v and v.strip()}
        if 2 * sum(x in cells for x in wordy) >= len(wordy):
            return f"copy:{other.sheet}"
    return "comments"


def clean_name(name: str) -> str:
    """A column name on one line: line breaks and runs of spaces become one space, and none is
    kept next to a Japanese character (「ご意見\n（全文）」 -> 「ご意見（全文）」, 「ご　意　見」 -> 「ご意見」).

    >>> [clean_name(c) for c in ["ご意見\n（全文）", "ご　意　見", " comment  text "]]
    ['ご意見（全文）', 'ご意見', 'comment text']
    """
    text = " ".join(strip_controls(str(name))[0].split())
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)


def _unique_columns(columns: Sequence[str], with_repeats: bool = False):
    """Cleaned column names (``clean_name``), made distinct: a name used again gets 「.1」, 「.2」
    (「ご意見」, 「ご意見.1」); a blank one is 「columnN」. ``with_repeats``: also return
    {name: [the columns it became]} for the names used more than once."""
    out: list[str] = []
    seen: dict[str, int] = {}
    repeats: dict[str, list[str]] = {}
    for i, col in enumerate(columns):
        col = clean_name(col if col is not None else "") or f"column{i + 1}"
        name = col
        if col in seen:
            repeats.setdefault(col, [col])
            while col in seen:
                seen[name] += 1
                col = f"{name}.{seen[name]}"
            repeats[name].append(col)
        seen.setdefault(col, 0)
        out.append(col)
    return (out, repeats) if with_repeats else out


# ---------------------------------------------------------------- rows under the data

# A row under the data that counts them (「合計 1,000件」, 「計,12」) or a note in one cell
# (「※個人情報は削除しています。」, 「注：…」, 「備考：…」) is no submission.
_TOTAL_RE = re.compile(r"^[（(【]?(?:合計|総計|小計|計|総数|件数計|合計件数|総件数)[）)】]?\s*[:：]?\s*"
                       r"[（(]?[0-9,，.]+\s*(?:件|通|人|名)?[）)]?$")
_COUNT_FORMULA_RE = re.compile(r"^=\s*(?:COUNTA?|SUM|SUBTOTAL|ROWS|COUNTIFS?)\s*\(", re.IGNORECASE)
_NOTE_RE = re.compile(r"^(?:[※＊*]|注\s*[0-9]*\s*[:：）)]|[（(]注[0-9]*[）)]|備考\s*[:：])")


def _footer_kind(cells: Sequence[str]) -> str:
    """"total", "note" or "" for the cells of a row below the data (see ``_TOTAL_RE``)."""
    values = [unicodedata.normalize("NFKC", c).strip() for c in cells if c and c.strip()]
    if not values:
        return ""
    if _TOTAL_RE.match(" ".join(values)):
        return "total"
    # a total whose formula was never calculated (a workbook written by a program, not saved by
    # Excel): 「合計」 beside 「=COUNTA(E2:E21)&"件"」
    if (any(_TOTAL_RE.match(v + " 0") for v in values)
            and all(_TOTAL_RE.match(v + " 0") or _COUNT_FORMULA_RE.match(v) for v in values)
            and any(_COUNT_FORMULA_RE.match(v) for v in values)):
        return "total"
    if len(values) == 1 and _NOTE_RE.match(values[0]):
        return "note"
    return ""


def _take_footer_rows(raw: _Raw) -> list[tuple[int, str]]:
    """Take the total and note rows after the last data row out of ``raw`` (rows of empty cells
    between them stay); ``(row number, its cells)`` of each, in file order. Nothing is taken when
    no data row would be left."""
    numbers = raw.row_numbers or [raw.header_row + k for k in range(1, len(raw.rows) + 1)]
    take: list[int] = []
    k = len(raw.rows) - 1
    while k >= 0:
        cells = [str(v) for v in raw.rows[k] if v is not None]
        if any(c.strip() for c in cells):
            if not _footer_kind(cells):
                break
            take.append(k)
        k -= 1
    if not take or k < 0:
        return []
    keep = [i for i in range(len(raw.rows)) if i not in set(take)]
    footer = [(numbers[i], " ".join(_cells([str(v) for v in raw.rows[i] if v is not None]))) for i in sorted(take)]
    raw.rows = [raw.rows[i] for i in keep]
    raw.row_numbers = [numbers[i] for i in keep]
    if raw.line_numbers:
        raw.line_numbers = [raw.line_numbers[i] for i in keep if i < len(raw.line_numbers)]
    return footer


def _take_repeated_headers(raw: _Raw) -> list[tuple[int, str]]:
    """Take the data rows that repeat the column names out of ``raw`` (a PDF converted to Excel
    repeats 「No. ご意見の概要 市の考え方」 at the top of each page): rows with two or more cells, each
    of them a column name of the header (folded, as ``fold_name``; a sub-heading alone too).
    ``(row number, its cells)`` of each, in file order."""
    names = {fold_name(c) for c in raw.header if c and c.strip()} | set(raw.aliases)
    if len(names) < 2:
        return []
    numbers = raw.row_numbers or [raw.header_row + k for k in range(1, len(raw.rows) + 1)]
    take: list[int] = []
    for k, row in enumerate(raw.rows):
        cells = _cells([str(v) for v in row if v is not None])
        if len(cells) >= 2 and all(fold_name(c) in names for c in cells):
            take.append(k)
    if not take or len(take) == len(raw.rows):
        return []
    gone = set(take)
    keep = [i for i in range(len(raw.rows)) if i not in gone]
    out = [(numbers[i], " ".join(_cells([str(v) for v in raw.rows[i] if v is not None]))) for i in take]
    raw.rows = [raw.rows[i] for i in keep]
    raw.row_numbers = [numbers[i] for i in keep]
    if raw.line_numbers:
        raw.line_numbers = [raw.line_numbers[i] for i in keep if i < len(raw.line_numbers)]
    return out


# ---------------------------------------------------------------- finding the header row

# Names seen as column names in comment and answer tables, besides the *_COLUMN_CANDIDATES.
_OTHER_COLUMN_NAMES = (
    "受付日", "受付日時", "提出日", "日付", "年齢", "年代", "性別", "職業", "住所", "居住地", "所在地",
    "連絡先", "電話番号", "メールアドレス", "団体名", "法人名", "所属", "備考", "件名", "項目", "区分",
    "該当箇所", "該当ページ", "該当頁", "頁", "章", "考え方", "市の考え方", "区の考え方", "県の考え方",
    "町の考え方", "村の考え方", "回答", "対応", "対応方針", "出典", "担当課", "date", "note",
    "タイムスタンプ", "timestamp",
)


def fold_name(text: str) -> str:
    """A column or field name as the guesses compare it: NFKC, lower case, without spaces or line
    breaks (「ご　意　見」 and 「ご意見」 are one name)."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


@lru_cache(maxsize=1)
def _known_names() -> tuple[frozenset[str], tuple[str, ...]]:
    names = (*TEXT_COLUMN_CANDIDATES, *ID_COLUMN_CANDIDATES, *CHANNEL_COLUMN_CANDIDATES,
             *SUBMITTER_COLUMN_CANDIDATES, *_OTHER_COLUMN_NAMES, *KIND_COLUMN_CANDIDATES,
             *ORGANISATION_COLUMN_CANDIDATES)
    exact = frozenset(fold_name(n) for n in names)
    # a name in hiragana (「いけん」) is known as a whole cell only: 「たいけんがしたい」 is no column name
    return exact, tuple(sorted((n for n in exact if len(n) >= 2 and not _HIRAGANA_RE.match(n)), key=len, reverse=True))


# A cell of a title row: a date or what a heading says (not a column name).
_TITLE_CELL_RE = re.compile(r"(令和|平成|昭和)\s*\d+\s*年|\d{4}\s*年|\d+\s*月\s*\d+\s*日|結果|一覧|について|"
                            r"意見募集|パブリックコメント|提出された")


def _cells(row: Sequence[str]) -> list[str]:
    return [c.strip() for c in row if c and c.strip()]


def _name_like(cell: str) -> bool:
    """A short label, not a sentence, number or date: what a column name looks like."""
    s = fold_name(cell)
    return (0 < len(s) <= 40 and ("\n" not in cell.strip() or len(s) <= 15) and not s.endswith("。")
            and not _NUMBER_RE.match(s.replace(",", "")) and not re.fullmatch(r"[\d/.\-: ]+", s))


def _known_count(cells: Sequence[str], exact: frozenset[str], parts: tuple[str, ...]) -> int:
    """How many cells are column names the tool knows (「ご意見」, or short like 「ご意見（300字以内）」)."""
    n = 0
    for c in cells:
        f = fold_name(c)
        if f in exact or (len(f) <= 15 and any(p in f for p in parts)):
            n += 1
    return n


def find_header_row(rows: Sequence[tuple[int, Sequence[str]]], scan: int = HEADER_SCAN_ROWS) -> int:
    """The number of the row that holds the column names, from (row number, cells) of the
    first non-empty rows.

    The first non-empty row is the header when it holds a column name the tool knows (受付番号,
    提出方法, ご意見 ...). Otherwise, looking at the first ``HEADER_SCAN_ROWS`` rows:

    - a first row that does not look like column names (one cell, as a title row has;
      sentences; numbers) gives way to the row below with the most known names, else to the
      first row of several short labels wider than every row above it;
    - a first row of short unknown labels (a two-cell title 「意見一覧, 令和7年4月」) gives way
      only to a row of labels holding two or more known names: a data row of short words
      (「C001, 駐輪場の意見」) is never taken for the header.

    >>> find_header_row([(1, ["市民意見一覧", "", ""]), (2, ["受付番号", "提出方法", "ご意見"]),
    ...                  (3, ["1", "郵送", "駐輪場を増やしてほしい。"])])
    2
    """
    window = [(n, _cells(r)) for n, r in rows[:scan]]
    window = [(n, c) for n, c in window if c]
    if not window:
        return rows[0][0] if rows else 1
    exact, parts = _known_names()
    first_n, first = window[0]
    second = window[1] if len(window) > 1 else None
    if any(fold_name(c) in exact for c in first):
        # a one-cell title that happens to be a column name (「意見」) above a real header row
        if (len(first) == 1 and second is not None and len(second[1]) >= 2 and all(_name_like(c) for c in second[1])
                and _known_count(second[1], exact, parts) >= 1):
            return second[0]
        return first_n

    def header_like(cells: list[str]) -> bool:
        return len(cells) >= 2 and all(_name_like(c) for c in cells)

    def exact_count(cells: list[str]) -> int:
        return sum(fold_name(c) in exact for c in cells)

    if header_like(first):
        # column names the tool does not know; a row below replaces them only when it holds
        # at least two names it knows (a short two-cell title such as 「意見一覧, 令和7年4月」),
        # or one when the first row reads like a title (a date, 「…の結果」「…一覧」)
        titled = any(_TITLE_CELL_RE.search(fold_name(c)) for c in first)
        for n, cells in window[1:]:
            if header_like(cells) and (exact_count(cells) >= 2
                                       or (titled and _known_count(cells, exact, parts) >= 1)):
                return n
        return first_n
    scored = [(exact_count(c), _known_count(c, exact, parts), len(c), -k, n)
              for k, (n, c) in enumerate(window) if header_like(c) or exact_count(c)]
    if not scored:
        return first_n
    best = max(scored)
    if best[0] or best[1]:
        return best[4]
    widest_above = 0
    for n, cells in window:  # a title above unknown column names: the first row wider than all above
        if n != first_n and header_like(cells) and len(cells) > widest_above:
            return n
        widest_above = max(widest_above, len(cells))
    return first_n


def _split_at_header(path: Path, numbered: list[tuple[int, list[str]]], header_row: int | None,
                     header_option: str | None = "--header-row", scan: int = HEADER_SCAN_ROWS) -> tuple[int, int]:
    """(position in ``numbered``, row number) of the header; ``numbered`` holds the non-empty rows."""
    if header_row is not None:
        for pos, (n, r) in enumerate(numbered):
            if n == header_row and _cells(r):
                return pos, n
        last = max((n for n, _ in numbered), default=0)
        if header_row > last:
            raise InputError(f"{path}: {header_option or 'header_row'} {header_row}: the file has only {last} rows")
        raise InputError(f"{path}: {header_option or 'header_row'} {header_row}: row {header_row} is empty")
    content = [(n, r) for n, r in numbered if _cells(r)]
    n = find_header_row(content, scan) if content else numbered[0][0]
    return next(pos for pos, (m, _) in enumerate(numbered) if m == n), n


_PROMPT_RE = re.compile(r"(ください|下さい|ですか|ますか)[。.]?$|[？?]$|お書き|ご記入|記入欄|入力")
# The start of an opinion, never of a column name: an item heading 「【意見1】」, 「（1）」, 「①」.
_ITEM_START_RE = re.compile(r"^(?:【[^】]*】|〔[^〕]*〕|[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]|[①-⑳]|"
                            r"意見\s*[0-9０-９]+\s*[:：.．、）)】])")


def _reads_like_data(row: Sequence[str]) -> bool:
    """Whether a first row is no header but data: none of its cells is a column name the tool
    knows (ご意見, 受付番号, or short and containing one) and some cell reads as an opinion (a
    sentence, a long text, an item heading such as 【意見1】) or is a number."""
    cells = _cells(row)
    if not cells:
        return False
    items = [c for c in cells if _ITEM_START_RE.match(c)]  # 「【意見1】…」 contains 意見, yet is no name
    rest = [c for c in cells if c not in items]
    exact, parts = _known_names()
    if _known_count(rest, exact, parts):
        return False
    # a form's question as the column name: 「計画案について、ご意見をお聞かせください。」
    if any(_PROMPT_RE.search(c) and any(p in fold_name(c) for p in parts) for c in rest):
        return False
    return bool(items) or any(not _name_like(c) for c in rest)


def _no_header(path: Path, numbered: list[tuple[int, list[str]]], pos: int, header_row: int | None,
               guess: bool, header_option: str | None) -> str | None:
    """The line saying a file is read without a header row (``header_row`` 0, or with ``guess``
    a first row found as the header that reads like data: see ``_reads_like_data``), else None."""
    first = next(((n, r) for n, r in numbered if _cells(r)), None)
    if first is None:
        return None
    if header_row == 0:
        return "no header row (header row 0 given): every row is read as data, in columns column1 …"
    if header_row is not None or not guess or numbered[pos][0] != first[0] or not _reads_like_data(first[1]):
        return None
    return (f"no header row: row {first[0]} 「{shorten(' '.join(_cells(first[1])), 30)}」 reads like an opinion, "
            "not column names, so every row is read as data, in columns column1 …"
            + (f" ({header_option} N names the header row if there is one)" if header_option else ""))


def _sub_headings(header: Sequence[str], below: Sequence[str], after: Sequence[str] | None,
                  spans: Sequence[tuple[int, int]] = ()
                  ) -> tuple[list[str], dict[str, str], list[tuple[int, int]]] | None:
    """A header of two rows: ``below`` (the row under ``header``) holds sub-headings of a column
    group (「ご意見」 over 「要旨」 and 「全文」, the heading merged over them or followed by blank
    cells). Returns (the column names, 「ご意見（要旨）」 …; {folded other name: column}, 「全文」 and
    「ご意見 全文」 alone or with the heading; the groups (first, last column) that have sub-headings),
    or None when ``below`` is no such row.

    It is one when every cell it has is a short label (no number, date or sentence) under a
    group of two or more columns, one of them under a blank heading cell, and the first data
    row (``after``) has a value where it has none (an id, a channel): a data row of short words
    under the header fills those columns too.
    """
    width = max(len(header), len(below))
    head = [(header[c] or "").strip() if c < len(header) else "" for c in range(width)]
    subs = {c: v.strip() for c, v in enumerate(below) if v and v.strip()}
    if not subs or not all(_name_like(v) and len(fold_name(v)) <= 20 and not _ITEM_START_RE.match(v)
                           for v in subs.values()):
        return None
    group_of: dict[int, tuple[int, int]] = {}
    for lo, hi in spans:
        for c in range(lo, hi + 1):
            group_of[c] = (lo, hi)
    c = 0
    while c < width:
        if head[c] and c not in group_of:
            hi = c
            while hi + 1 < width and not head[hi + 1] and hi + 1 not in group_of:
                hi += 1
            if hi > c:
                for k in range(c, hi + 1):
                    group_of[k] = (c, hi)
            c = hi + 1
        else:
            c += 1
    if any(c not in group_of for c in subs) or not any(not head[c] for c in subs):
        return None
    if after is not None and not any((v or "").strip() and c not in subs for c, v in enumerate(after)):
        return None
    names: list[str] = []
    aliases: dict[str, str] = {}
    counts = Counter(fold_name(v) for v in subs.values())
    for c in range(width):
        lo = group_of[c][0] if c in group_of else c
        sub = subs.get(c)
        if not sub:
            names.append(head[c])
            continue
        base = head[lo]
        name = clean_name(base + (sub if sub[0] in "（(【［[" else f"（{sub}）"))
        names.append(name)
        aliases[fold_name(base + sub)] = name
        if counts[fold_name(sub)] == 1:
            aliases[fold_name(sub)] = name
    groups = sorted({group_of[c] for c in subs})
    return names, aliases, groups


def _skipped(numbered: list[tuple[int, list[str]]], pos: int) -> list[tuple[int, str]]:
    return [(n, " ".join(_cells(r))) for n, r in numbered[:pos] if _cells(r)]


# ---------------------------------------------------------------- formats


def _read_delimited(path: Path, text: str, fmt: str, header_row: int | None = None,
                    header_option: str | None = "--header-row", guess_headerless: bool = False,
                    scan: int = HEADER_SCAN_ROWS) -> _Raw:
    if fmt == "tsv":
        delimiter = "\t"
    else:
        first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]  # old Mac files end lines with CR only
        # A .txt or .csv whose header has tabs but no commas is tab-separated.
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        if delimiter == "," and not first.count("\t") and not first.count(",") \
                and fold_name(first) not in _known_names()[0]:
            # a title line above a tab-separated header: look at the first lines with content
            lines = [ln for ln in re.split(r"\r\n|\r|\n", text[:20000])[:HEADER_SCAN_ROWS] if ln.strip()]
            if sum(ln.count("\t") > ln.count(",") for ln in lines) > len(lines) / 2:
                delimiter = "\t"
    # A comment may be long (a whole letter pasted into one cell): the csv module's default
    # limit of 131,072 characters per field would refuse it, so allow any field the file can hold.
    if csv.field_size_limit() < len(text) + 1:
        csv.field_size_limit(min(len(text) + 1, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    lines: list[int] = []  # the line of the file each record starts on (a quoted cell may span lines)
    try:
        for record in reader:
            lines.append(reader.line_num - sum(record_line_breaks(c) for c in record))
            records.append(record)
    except csv.Error as exc:
        raise InputError(_broken_csv_message(path, text, delimiter, records, header_row, header_option,
                                             reader.line_num, exc)) from None
    # Fully empty lines are not rows (a trailing newline, spacing); a row of empty cells is.
    numbered = [(i, r) for i, r in enumerate(records, 1) if r]
    if not numbered:
        raise InputError(f"{path}: no header row")
    pos, n = _split_at_header(path, numbered, header_row, header_option, scan) if header_row != 0 else (0, 0)
    headless = _no_header(path, numbered, pos, header_row, guess_headerless, header_option)
    if headless:
        width = max(len(r) for _, r in numbered)
        return _Raw([""] * width, [r for _, r in numbered], header_row=0, notes=[headless],
                    row_numbers=[m for m, _ in numbered], delimiter=delimiter,
                    line_numbers=[lines[m - 1] for m, _ in numbered], headerless=True)
    header, start, aliases = numbered[pos][1], pos + 1, {}
    if start < len(numbered) and numbered[start][0] == n + 1:
        two = _sub_headings(header, numbered[start][1],
                            numbered[start + 1][1] if start + 1 < len(numbered) else None)
        if two:
            header, aliases, _groups = two
            start += 1
    return _Raw(header, [r for _, r in numbered[start:]], header_row=n,
                skipped=_skipped(numbered, pos), row_numbers=[m for m, _ in numbered[start:]],
                delimiter=delimiter, line_numbers=[lines[m - 1] for m, _ in numbered[start:]],
                header_rows=start - pos, aliases=aliases)


def record_line_breaks(cell: str) -> int:
    """How many line ends a cell holds (CRLF, CR or LF each one), as the CSV reader counts lines."""
    return cell.count("\n") + cell.count("\r") - cell.count("\r\n") if "\n" in cell or "\r" in cell else 0


def _open_quote(text: str, delimiter: str) -> tuple[int, int, int | None, int] | None:
    """Where the CSV reader (``strict``) fails on a quote: ``(line the quoted cell opened on,
    position of its record's start, line of the quote followed by text or None at the end of the
    file, position of the quoted cell's start)``; ``None`` when the text has no such quote."""
    line, i, n = 1, 0, len(text)
    record_start = 0
    at_field_start = True
    while i < n:
        c = text[i]
        if at_field_start and c == '"':
            open_line, open_pos = line, i
            i += 1
            while True:
                if i >= n:
                    return open_line, record_start, None, open_pos
                c = text[i]
                if c == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        i += 2
                        continue
                    i += 1
                    break
                if c == "\r":
                    line += 1
                    if i + 1 < n and text[i + 1] == "\n":
                        i += 1
                elif c == "\n":
                    line += 1
                i += 1
            if i < n and text[i] not in (delimiter, "\r", "\n"):
                return open_line, record_start, line, open_pos
            at_field_start = False
            continue
        if c == delimiter:
            at_field_start = True
        elif c in "\r\n":
            line += 1
            if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            at_field_start = True
            record_start = i + 1
        else:
            at_field_start = False
        i += 1
    return None


def _broken_csv_message(path: Path, text: str, delimiter: str, records: list[list[str]], header_row: int | None,
                        header_option: str | None, line_num: int, exc: Exception) -> str:
    """One line for a CSV the reader refuses: the line the offending quoted cell opened on (where
    staff must look, not the later line where the reader gave up) and its row's first cell."""
    found = _open_quote(text, delimiter)
    if found is None:
        return f"{path}: broken CSV near line {line_num}: {exc} (check for an unclosed quote)"
    open_line, record_start, bad_line, open_pos = found
    where = f"line {open_line}"
    # the row's first cell, named by the header's first column (「受付番号 106」) when the header is above it
    first = re.split(r"\r\n|\r|\n", text[record_start:open_pos + 1], maxsplit=1)[0].split(delimiter)[0]
    first = first.strip().strip('"')
    numbered = [(k, r) for k, r in enumerate(records, 1) if r]
    if first and open_pos > record_start and numbered:
        try:
            pos, _n = _split_at_header(path, numbered, header_row, header_option)
            name = numbered[pos][1][0].strip() if numbered[pos][1] else ""
        except InputError:
            name = ""
        if name and len(numbered) > pos and fold_name(name) != fold_name(first):
            where += f" ({name} {shorten(first, 20)})"
        else:
            where += f" (the row starting 「{shorten(first, 20)}」)"
    if bad_line is None:
        last = open_line + record_line_breaks(text[open_pos:].rstrip("\r\n"))
        return (f"{path}: broken CSV: the quote opened on {where} is never closed"
                + (f", so lines {open_line}-{last} would be one cell" if last > open_line else "")
                + '; close the quote (") where that cell ends, or remove it')
    if bad_line == open_line:
        return (f"{path}: broken CSV: the quoted cell on {where} has a quote (\") followed by more text; "
                'write a quote inside a quoted cell as "" or close the cell before the next separator')
    return (f"{path}: broken CSV: the quote opened on {where} is not closed on that line, so the cell runs on "
            f"to the quote on line {bad_line}, which is followed by more text; close the quote (\") on line "
            f"{open_line} where the cell ends, or remove it")


def _flatten(record: dict, prefix: str = "", out: dict | None = None) -> dict:
    """Nested objects become dotted names: {"body": {"text": …}} -> {"body.text": …}."""
    out = {} if out is None else out
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            _flatten(value, name + ".", out)
        else:
            out.setdefault(name, value)
    return out


def _read_jsonl(path: Path, text: str) -> _Raw:
    stripped = text.lstrip()
    records: list = []
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: broken JSON on line {exc.lineno}: {_json_problem(exc)}; "
                             "fix the file there") from None
    else:
        # Only LF (and CRLF) end a JSON line: str.splitlines() would also cut at U+2028, U+0085
        # and other characters that JSON strings may hold as they are.
        for lineno, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}: line {lineno} is not a whole JSON record: {_json_problem(exc)}; "
                                 "fix or remove that line (the file is not read with a line left out)") from None
    flat = [_flatten({str(k): v for k, v in rec.items()}) if isinstance(rec, dict) else {"text": rec}
            for rec in records]
    columns: list[str] = []
    seen: set[str] = set()
    for rec in flat:
        for key in rec:
            if key not in seen:
                seen.add(key)
                columns.append(key)
    if not columns:
        raise InputError(f"{path}: no records")
    rows = [[_cell_text(rec.get(c)) for c in columns] for rec in flat]
    return _Raw(columns, rows, present_keys=[frozenset(rec) for rec in flat],
                row_numbers=list(range(1, len(rows) + 1)))


def _json_problem(exc: json.JSONDecodeError) -> str:
    """What the JSON parser found and where on its line, without its dangling 「starting at」."""
    msg = re.sub(r"\s+(starting\s+)?at$", "", exc.msg.strip())
    if msg == "Unterminated string":
        return f"the text that starts at column {exc.colno} is never closed with a quote (\"): the line may be cut off"
    what = {"Extra data": "more text after the record", "Expecting value": "a value is missing"}.get(
        msg, msg[:1].lower() + msg[1:])
    return f"{what} at column {exc.colno}"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        # Excel stores a date as a datetime at midnight: show it as the date it is
        if hasattr(value, "hour") and hasattr(value, "date") and not (
                value.hour or value.minute or value.second or value.microsecond):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, list):  # one item per line, never JSON syntax in a report
        return "\n".join(t for t in (_cell_text(v) for v in value) if t)
    if isinstance(value, dict):
        return "\n".join(f"{k}: {t}" if t else str(k) for k, t in ((k, _cell_text(v)) for k, v in value.items()))
    return str(value)


def _has_formulas(data: bytes, member: str | None = None) -> bool:
    """Whether the worksheet ``member`` of the .xlsx (its path in the zip, as openpyxl's
    ``ws._worksheet_path``), or with no ``member`` any worksheet, holds a formula element (<f>)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = [member.lstrip("/")] if member else [
                n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            for name in names:
                with zf.open(name) as fh:
                    tail = b""
                    while chunk := fh.read(1 << 20):
                        if re.search(rb"<(?:\w+:)?f[ >/]", tail + chunk):
                            return True
                        tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    return False


_MERGE_RE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]{1,3}\d+(?::[A-Za-z]{1,3}\d+)?)\"")


def _merged_ranges(data: bytes, ws) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of the sheet's merged ranges, read from its XML
    (openpyxl's read-only mode, used for speed on large files, does not load them)."""
    import zipfile

    from openpyxl.utils.cell import range_boundaries

    member = getattr(ws, "_worksheet_path", None)
    if not member:
        ranges = getattr(ws, "merged_cells", None)
        return [r.bounds for r in ranges.ranges] if ranges is not None else []
    found: list[tuple[int, int, int, int]] = []
    try:
        chunks = _sheet_chunks(data, member)
        tail = b""
        for chunk in chunks:
            buf = tail + chunk
            # <mergeCells> follows the cell data: only look once it has started
            start = buf.find(b"mergeCell")
            if start >= 0:
                rest = buf[max(0, start - 8):] + b"".join(chunks)
                for m in _MERGE_RE.finditer(rest):
                    try:
                        found.append(tuple(range_boundaries(m.group(1).decode())))
                    except (ValueError, TypeError):
                        continue
                break
            tail = chunk[-64:]
    except (zipfile.BadZipFile, OSError, KeyError):
        return []
    return found


def _sheet_chunks(data: bytes, member: str) -> Iterator[bytes]:
    """The XML of worksheet ``member`` of the .xlsx ``data``, 1 MB at a time (a sheet of 100,000 rows
    is never held whole). Raises zipfile's, OSError or KeyError for a broken file."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        with zf.open(member.lstrip("/")) as fh:
            while chunk := fh.read(1 << 20):
                yield chunk


def _fill_merged(grid: list[list], merges: Sequence[tuple[int, int, int, int]], header_row: int,
                 data_rows: set[int], text_col: int | None, fill_text: bool, column_names: Sequence[str],
                 text_cols: frozenset[int] = frozenset()) -> list[str]:
    """Fill merged ranges below the header with their top-left value; returns the lines to print.

    What a city official expects from a merged cell in the comment table: 提出方法「郵送」 or a
    受付番号 merged over two rows means both rows have that value, so those are filled (the
    value goes into the range's first column only; cells beside it stay as they are). The
    comment text is not: copying one text into a second row would count one opinion twice
    (or invent a campaign), so a merge in the text column keeps the text in its first row and
    is reported, to be unmerged by hand if the rows really are separate submissions. With
    ``fill_text`` (published answer tables, where one 考え方 cell answers several opinions)
    every column is filled. Rows that hold nothing but merged-over cells are not data rows
    and stay out. Ranges that start in or above the header (a merged title) are left alone.
    ``text_cols``: more columns read as the text (under a header cell merged over the text's).
    """
    filled: dict[str, int] = {}
    text_ranges: list[str] = []
    for min_col, min_row, _max_col, max_row in merges:
        if max_row <= min_row or min_row <= header_row:
            continue
        col = min_col - 1
        top = grid[min_row - 1] if min_row - 1 < len(grid) else []
        value = top[col] if col < len(top) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        targets = [r for r in range(min_row + 1, max_row + 1) if r in data_rows]
        if not targets:
            continue
        name = column_names[col] if col < len(column_names) else f"column{col + 1}"
        if (col == text_col or col in text_cols) and not fill_text:
            text_ranges.append(f"rows {min_row}-{max_row}")
            continue
        for r in targets:
            row = grid[r - 1]
            if len(row) <= col:
                row.extend([None] * (col + 1 - len(row)))
            row[col] = value
        filled[name] = filled.get(name, 0) + 1
    notes = []
    if filled:
        total = sum(filled.values())
        notes.append(f"merged cells: filled {total} merged range{'s' if total > 1 else ''} with the value of "
                     "their first row (" + ", ".join(f"{k} {v}" for k, v in filled.items()) + ")")
    if text_ranges:
        name = column_names[text_col] if text_col is not None and text_col < len(column_names) else "text"
        notes.append(f"merged cells: {len(text_ranges)} merged range{'s' if len(text_ranges) > 1 else ''} in the "
                     f"text column {name} ({', '.join(text_ranges[:5])}{', …' if len(text_ranges) > 5 else ''}) "
                     "kept in the first row only; if those rows are separate submissions, unmerge and copy the text")
    return notes


def _header_spans(merges: Sequence[tuple[int, int, int, int]], header_row: int, header: list[str]
                  ) -> list[tuple[int, int]]:
    """Header cells merged over several columns (「ご意見」 over B:C): ``(first, last)`` column
    indices (0-based) of each such range whose first cell holds a name and the others none. The
    cells under the others are the named column's own (a long opinion typed on across the merged
    width), so they are read as part of it, never as unnamed columns nor left out."""
    spans = []
    for min_col, min_row, max_col, max_row in merges:
        if max_col <= min_col or not min_row <= header_row <= max_row:
            continue
        lo, hi = min_col - 1, max_col - 1
        if lo >= len(header) or not header[lo].strip():
            continue
        if any(c < len(header) and header[c].strip() for c in range(lo + 1, hi + 1)):
            continue
        spans.append((lo, hi))
    if spans:
        width = max(hi for _lo, hi in spans) + 1
        header.extend([""] * (width - len(header)))
    return sorted(spans)


def _join_spans(row: list[str], spans: Sequence[tuple[int, int]], seps: dict[int, str]) -> list[str]:
    """``row`` with each span's cells joined into its first (non-empty ones, with ``seps[first]``,
    default a line break) and the other cells of the span taken out."""
    out = list(row)
    for lo, hi in sorted(spans, reverse=True):
        if lo >= len(out):
            continue
        parts = [v for v in out[lo:hi + 1] if v and v.strip()]
        out[lo:hi + 1] = [seps.get(lo, "\n").join(parts) if parts else out[lo]]
    return out


def _sheet_grid(ws) -> list[list]:
    """The sheet's cell values, row by row from row 1 (merged-over cells are empty)."""
    return [list(r) for r in ws.iter_rows(values_only=True)]


# Excel writes characters XML cannot hold as 「_xHHHH_」 (a carriage return as 「_x000D_」, a literal
# 「_x」 escaped as 「_x005F_x」); openpyxl leaves them as they are, so a pasted letter read
# 「反対します。_x000D_」 and its copies without the artifact counted as another text.
_EXCEL_ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def decode_excel_escapes(text: str) -> str:
    r"""A cell's text with Excel's 「_xHHHH_」 escapes decoded (「_x000D_」 -> CR, later folded with
    the line break it precedes; 「_x005F_x000D_」 -> the literal 「_x000D_」).

    >>> decode_excel_escapes("反対です。_x000D_\n以上"), decode_excel_escapes("_x005F_x000D_")
    ('反対です。\r\n以上', '_x000D_')
    """
    return _EXCEL_ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _decode_grid_escapes(grid: list[list]) -> int:
    """Decode Excel's escapes in every text cell of ``grid`` in place; how many cells had one."""
    n = 0
    for row in grid:
        for j, v in enumerate(row):
            if isinstance(v, str) and "_x" in v:
                decoded = decode_excel_escapes(v)
                if decoded != v:
                    row[j] = decoded
                    n += 1
    return n


def _with_formula_text(values: list[list], formulas: list[list],
                       filled: list[tuple[int, int]] | None = None) -> list[list]:
    """Cells with no saved result (a formula never calculated, or a comment typed as 「=…」
    by a script) keep their formula text instead of coming out empty: nothing is dropped.
    ``filled`` gets the (row, column) of each such cell, 1-based, to be named (QA59)."""
    out = []
    for i, row in enumerate(values):
        frow = formulas[i] if i < len(formulas) else []
        width = max(len(row), len(frow))
        row = list(row) + [None] * (width - len(row))
        for j in range(width):
            f = frow[j] if j < len(frow) else None
            if row[j] is None and isinstance(f, str) and f.startswith("="):
                row[j] = f
                if filled is not None:
                    filled.append((i + 1, j + 1))
        out.append(row)
    for i, frow in enumerate(formulas[len(values):], len(values)):
        out.append([f if isinstance(f, str) and f.startswith("=") else None for f in frow])
        if filled is not None:
            filled += [(i + 1, j + 1) for j, f in enumerate(frow) if isinstance(f, str) and f.startswith("=")]
    return out


_ROW_TAG_RE = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_NUMBER_RE = re.compile(rb"\br=\"(\d+)\"")
_HIDDEN_ATTR_RE = re.compile(rb"\bhidden=\"(?:1|true)\"")


def _hidden_rows(data: bytes, ws) -> set[int]:
    """The numbers of the rows hidden in the sheet (Excel's 非表示), read from its XML (read-only
    openpyxl does not load row settings)."""
    import zipfile

    member = getattr(ws, "_worksheet_path", None)
    if not member:
        dims = getattr(ws, "row_dimensions", None) or {}
        return {n for n, d in dims.items() if getattr(d, "hidden", False)}
    found: set[int] = set()
    try:
        tail = b""
        for chunk in _sheet_chunks(data, member):
            buf = tail + chunk
            cut = buf.rfind(b"<", max(0, len(buf) - 4096))  # a tag cut at the chunk's end: next time
            head, tail = (buf[:cut], buf[cut:]) if cut > 0 else (buf, b"")
            if b"hidden=" in head:
                for m in _ROW_TAG_RE.finditer(head):
                    if _HIDDEN_ATTR_RE.search(m.group(1)) and (r := _ROW_NUMBER_RE.search(m.group(1))):
                        found.add(int(r.group(1)))
    except (zipfile.BadZipFile, OSError, KeyError):
        return set()
    return found


def _formula_and_hidden_notes(raw: _Raw, numbers: Sequence[int]) -> list[str]:
    """Lines naming the data rows' cells read as a formula's text (no value was ever calculated: a
    workbook written by a program) and the hidden rows read as submissions (QA59: both silent; 「=ROW()-1」
    became a submission's id, and rows staff had hidden were counted). ``numbers``: the data rows
    (totals under the table taken out)."""
    from openpyxl.utils import get_column_letter

    rows = set(numbers)
    notes = []
    cells = [(r, c) for r, c in raw.formula_cells if r in rows]
    if cells:
        shown = ", ".join(f"{get_column_letter(c)}{r}" for r, c in cells[:8]) + (" …" if len(cells) > 8 else "")
        notes.append(f"warning: {counted(len(cells), 'cell')} ({shown}) "
                     f"{'holds a formula whose value was' if len(cells) == 1 else 'hold formulas whose values were'} "
                     "never calculated (a workbook written by a program, not saved by Excel): read as the formula's "
                     "text; if they are formulas, open the file in Excel, save it and run again")
    hidden = sorted(rows & raw.hidden_rows)
    if hidden:
        notes.append(f"{counted(len(hidden), 'hidden row')} ({'row' if len(hidden) == 1 else 'rows'} "
                     f"{record_list(hidden)}) read and counted as the others: Excel hides them, this tool does not; "
                     "a withdrawn or test row is left out by a ステータス column (取下げ, テスト) or by deleting it")
    return notes


def _has_value(v) -> bool:
    return v is not None and bool(str(v).strip())


def _is_cover(numbered: Sequence[tuple[int, Sequence]]) -> bool:
    """Whether a sheet's non-empty rows look like a cover page (表紙, a title, a date), not a
    table: no row has two cells with a value, and (a one-column table of three rows or more)
    no cell is a column name the tool knows."""
    if any(sum(_has_value(v) for v in row) > 1 for _, row in numbered):
        return False
    exact, _parts = _known_names()
    return len(numbered) < 3 or not any(fold_name(_cell_text(v)) in exact for _, row in numbered for v in row)


def _read_xlsx(path: Path, data: bytes, sheet: str | None, fill_merged: bool = False,
               header_row: int | None = None, text_column: str | None = None,
               options: FileOptions = COMMENT_OPTIONS, siblings: bool = False) -> _Raw:
    """``siblings``: the sheet read also gets the workbook's other visible sheets, each read as
    ``sheet=NAME`` reads it, in ``_Raw.siblings`` (the workbook is loaded once, not once a sheet)."""
    import openpyxl

    def load(data_only: bool):
        try:
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
        except Exception:  # openpyxl raises many kinds for broken files (「File is not a zip file」)
            # said in plain words, not openpyxl's (QA41: a .docx that was no document, a broken .xlsx)
            raise InputError(f"{path}: is not an Excel workbook that can be read (the file is damaged, or is another "
                             "kind of file under this name); open it in the program that made it and save the "
                             "comments as Excel (.xlsx) or CSV") from None

    def formula_grid(ws) -> list[list]:
        """The sheet's cells as formulas (``data_only=False``), parsed again from the workbook
        already open; a second load only if this openpyxl keeps the setting elsewhere."""
        if isinstance(getattr(wb, "_data_only", None), bool):
            wb._data_only = False  # read-only sheets parse on demand with the workbook's setting
            try:
                return _sheet_grid(ws)
            finally:
                wb._data_only = True
        other = load(False)
        try:
            return _sheet_grid(other[ws.title])
        finally:
            other.close()

    wb = load(True)
    try:
        hidden: list[str] = []
        if sheet is not None:
            if sheet not in wb.sheetnames:
                raise InputError(f"{path}: no sheet {sheet!r}; sheets: {', '.join(wb.sheetnames)}")
            names = [sheet]
        else:
            names = []
            for ws in wb.worksheets:  # not chart sheets
                (names if getattr(ws, "sheet_state", "visible") == "visible" else hidden).append(ws.title)
        visible = [ws.title for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
        covers: list[tuple[str, str]] = []  # (sheet, what it holds) passed over as a cover page

        def read_sheet(name: str, skip_cover: bool) -> _Raw | None:
            ws = wb[name]
            grid = _sheet_grid(ws)
            uncalculated: list[tuple[int, int]] = []  # formula cells with no saved value
            if _has_formulas(data, getattr(ws, "_worksheet_path", None)):  # only the sheet read
                grid = _with_formula_text(grid, formula_grid(ws), uncalculated)
            escaped = _decode_grid_escapes(grid)
            numbered = [(i, row) for i, row in enumerate(grid, 1) if any(_has_value(v) for v in row)]
            if not numbered:
                return None
            if skip_cover and _is_cover(numbered):
                covers.append((name, shorten(" ".join(_cell_text(v) for _, r in numbered for v in r if _has_value(v)),
                                             20)))
                return None
            text_rows = [(n, [_cell_text(v) for v in row]) for n, row in numbered]
            pos, n = (_split_at_header(path, text_rows, header_row, options.header_row, options.header_scan_rows)
                      if header_row != 0 else (0, 0))
            headless = _no_header(path, text_rows, pos, header_row, options is COMMENT_OPTIONS, options.header_row)
            if headless:  # every row is data: the header is a row of blank names above the first
                pos, n = -1, text_rows[0][0] - 1
                header = [""] * max(len(r) for _, r in text_rows)
            else:
                header = list(text_rows[pos][1])
            merges = _merged_ranges(data, ws)
            spans = _header_spans(merges, n, header)
            start, last_header, aliases = pos + 1, n, {}
            if not headless and start < len(text_rows) and text_rows[start][0] == n + 1:
                two = _sub_headings(header, text_rows[start][1],
                                    text_rows[start + 1][1] if start + 1 < len(text_rows) else None, spans)
                if two:  # a second header row: a merged heading over sub-headings joins nothing
                    header, aliases, groups = two
                    spans = [sp for sp in spans if not any(lo <= sp[1] and sp[0] <= hi for lo, hi in groups)]
                    start, last_header = start + 1, n + 1
            while not headless and header and not header[-1].strip() and len(header) > max(
                    (hi + 1 for _lo, hi in spans), default=0):
                header.pop()
            nonempty = [m for m, _ in numbered[start:]]
            notes = [headless] if headless else []
            if covers:
                notes.append(f"sheet{'s' if len(covers) > 1 else ''} "
                             + ", ".join(f"{c} (「{what}」)" for c, what in covers)
                             + f" skipped: one column, a cover page; read sheet {name}"
                             + (f" ({options.sheet} NAME reads another)" if options.sheet else ""))
            if hidden:
                notes.append(f"hidden sheet{'s' if len(hidden) > 1 else ''} not read: {', '.join(hidden)} "
                             + ("(every visible sheet is read: unhide one to read it)" if options.every_sheet else
                                f"(read sheet {name}; "
                                + (f"{options.sheet} NAME reads another)" if options.sheet else
                                   "to read another, unhide it and move it before the others)")))
            if escaped:
                notes.append(f"Excel escapes such as _x000D_ (a carriage return) decoded in {counted(escaped, 'cell')}")
            merged_over: set[int] = set()
            text_col: int | None = None
            if merges:
                columns = _unique_columns(header)
                named = _unique_columns(_join_spans(header, spans, {}))  # as the table will have them
                given = (find_column(named, text_column) or aliases.get(fold_name(text_column))
                         if text_column else None)
                text_name = guess_column(named, TEXT_COLUMN_CANDIDATES, given, required=False, exclude=_ROLE_NAMES)
                if text_name:  # its index among the sheet's columns
                    k = named.index(text_name)
                    text_col = [c for c in range(len(columns)) if not any(lo < c <= hi for lo, hi in spans)][k]
                also = frozenset(c for lo, hi in spans if lo == text_col for c in range(lo + 1, hi + 1))
                notes += _fill_merged(grid, merges, last_header, set(nonempty), text_col, fill_merged, columns, also)
                merged_over = {r for _c, lo, _c2, hi in merges for r in range(lo + 1, hi + 1)}
            data_nums = nonempty
            # blank sheet rows among the data are not rows (nor submissions); said, not silent
            # (rows that only a merged cell covers are not counted: the merge note names them)
            present = set(nonempty)
            blank = [m for m in range(last_header + 1, nonempty[-1] + 1) if m not in present and m not in merged_over] \
                if nonempty else []
            if blank and options is COMMENT_OPTIONS:
                notes.append(f"{len(blank)} blank row{'s' if len(blank) > 1 else ''} among the data "
                             f"(row{'s' if len(blank) > 1 else ''} {record_list(blank)}) not read: not submissions")
            rows = [[_cell_text(v) for v in grid[m - 1]] if m - 1 < len(grid) else [] for m in data_nums]
            if spans:
                from openpyxl.utils import get_column_letter

                seps = {lo: "\n" if lo == text_col or any(
                    "\n" in r[c] or "。" in r[c] for r in rows for c in range(lo, min(hi + 1, len(r)))) else " "
                    for lo, hi in spans}
                rows = [_join_spans(r, spans, seps) for r in rows]
                for lo, hi in spans:
                    col_name = clean_name(header[lo])
                    notes.append(f"{col_name} spans columns {get_column_letter(lo + 1)}–{get_column_letter(hi + 1)} "
                                 "(merged header): their cells are read as one "
                                 + ("text, joined with line breaks" if lo == text_col else
                                    f"{col_name}, joined with " + ("line breaks" if seps[lo] == "\n" else "a space")))
                header = _join_spans(header, spans, {})
            return _Raw(header, rows, header_row=n, skipped=_skipped(text_rows, max(pos, 0)), notes=notes, sheet=name,
                        headerless=bool(headless), header_rows=last_header - n + 1, aliases=aliases,
                        formula_cells=uncalculated,
                        hidden_rows=_hidden_rows(data, ws) if options is COMMENT_OPTIONS else set(),
                        row_numbers=data_nums,  # a cover passed over is named in notes already
                        other_sheets=[v for v in visible if v != name and v not in {c for c, _ in covers}])

        def with_siblings(raw: _Raw) -> _Raw:
            if siblings and raw.other_sheets:
                hidden.clear()  # as when each is named: no notes on hidden sheets or covers
                covers.clear()
                for other in raw.other_sheets:
                    try:
                        raw.siblings.append((other, read_sheet(other, skip_cover=False)))
                    except InputError:
                        raw.siblings.append((other, None))
            return raw

        passed: _Raw | None = None  # a first sheet without a column of opinions (a 集計 of counts)
        for name in names:
            raw = read_sheet(name, skip_cover=sheet is None)
            if raw is None:
                continue
            if sheet is None and len(names) > 1 and (not _has_text_column(raw, text_column)
                                                     or _EXAMPLE_SHEET_RE.search(name)):
                # QA83: 「集計」 (提出方法, 件数) before 「意見一覧」 stopped the run; the sheet of comments is read,
                # and the count sheet is named as a sheet not read (with the workbook's other sheets)
                passed = passed or raw
                continue
            return with_siblings(raw)
        if passed is not None:  # no sheet has one: the first, whose error names the others (as before)
            return with_siblings(passed)
        if covers:  # nothing but cover-like sheets: read the first as before
            first = covers[0][0]
            covers.clear()
            raw = read_sheet(first, skip_cover=False)
            if raw is not None:
                return with_siblings(raw)
    finally:
        wb.close()
    if hidden:
        raise InputError(f"{path}: the visible sheets have no data; hidden sheets: {', '.join(hidden)} "
                         + (f"(give {options.sheet} NAME to read one)" if options.sheet else
                            "(unhide the sheet to read)"))
    raise InputError(f"{path}: the workbook has no data")


def _has_text_column(raw: "_Raw", text_column: str | None) -> bool:
    """Whether a sheet read has a column of opinions to read: ``text_column``, or one guessed by its name."""
    if raw.headerless:
        return True
    named = _unique_columns(raw.header)
    if text_column:
        return find_column(named, text_column) is not None or fold_name(text_column) in raw.aliases
    return guess_column(named, TEXT_COLUMN_CANDIDATES, None, required=False, exclude=_ROLE_NAMES) is not None


def _iter_matches(columns: Sequence[str], candidates: Iterable[str],
                  exclude: frozenset[str] = frozenset()) -> Iterator[str]:
    """The columns named like a candidate, best first: an exact name (after NFKC, case folded)
    in the candidates' order, then a name containing one (「ご意見（300字以内）」), except names in
    ``exclude`` (folded; 「意見番号」 contains 「意見」 but is an id). Repeats possible."""
    candidates = tuple(candidates)
    normalized = {fold_name(c): c for c in columns}
    for cand in candidates:
        key = fold_name(cand)
        if key in normalized:
            yield normalized[key]
    for cand in candidates:
        key = fold_name(cand)
        if len(key) < 2 or key in _EXACT_ONLY_NAMES:
            continue
        found = [col for norm, col in normalized.items() if _contains_name(norm, key) and norm not in exclude]
        # 「ご意見（要旨）」 and 「ご意見（全文）」 both contain 「ご意見」: the full text first
        yield from sorted(found, key=_summary_rank)


_HIRAGANA_RE = re.compile(r"^[\u3041-\u309f]+$")
# around a name in hiragana inside a longer one: 「ごいけん」「あなたのいけん」「いけんをかいてね」
_KANA_BEFORE = frozenset("のごお")
_KANA_AFTER = frozenset("をはがのやと")


def _contains_name(name: str, key: str) -> bool:
    """Whether the folded column name ``name`` holds the candidate ``key``. A candidate in hiragana
    (「いけん」) counts only as a word of its own: not inside another word written in hiragana
    (「たいけん」 体験, 「はいけん」, 「いけんばんごう」), only after a non-hiragana character, の, ご or お and
    before one or a particle (を, は, が, の, や, と).

    >>> [_contains_name(n, "いけん") for n in ["いけんを書いてね", "あなたのいけん", "ごいけん", "たいけんしたこと", "いけんばこ"]]
    [True, True, True, False, False]
    """
    if not _HIRAGANA_RE.match(key):
        return key in name
    start = name.find(key)
    while start >= 0:
        before = name[start - 1] if start else ""
        end = start + len(key)
        after = name[end] if end < len(name) else ""
        if ((not before or not _HIRAGANA_RE.match(before) or before in _KANA_BEFORE)
                and (not after or not _HIRAGANA_RE.match(after) or after in _KANA_AFTER)):
            return True
        start = name.find(key, start + 1)
    return False


_FULL_TEXT_RE = re.compile(r"全文|本文|原文|full")
_SUMMARY_RE = re.compile(r"要旨|概要|要約|summary")


def _summary_rank(column: str) -> int:
    """0 for a full-text column name (全文, 本文), 2 for a summary (要旨, 概要), else 1."""
    name = fold_name(column)
    return 0 if _FULL_TEXT_RE.search(name) else 2 if _SUMMARY_RE.search(name) else 1


# Personal data: a column whose name says it holds a phone number, an address or a name is
# never guessed as the id or channel column (「電話番号」 and 「郵便番号」 contain 「番号」).
_PERSONAL_RE = re.compile(
    r"電話|携帯|tel|phone|fax|ファクス|ファックス|ファクシミリ|郵便番号|〒|zip|postal|住所|所在地|address|メール|"
    r"mail|マイナンバー|個人番号|生年月日|誕生日|birth|氏名|名前|なまえ|フリガナ|ふりがな|カナ|name")


def is_personal_column(column: str) -> bool:
    """Whether a column name says it holds personal data (電話番号, 郵便番号, 住所, メールアドレス …).

    >>> [is_personal_column(c) for c in ["電話番号", "ＦＡＸ番号", "〒", "E-mail", "受付番号", "提出方法"]]
    [True, True, True, True, False, False]
    """
    return bool(_PERSONAL_RE.search(fold_name(column)))


def find_column(columns: Sequence[str], given: str | None) -> str | None:
    """The column ``given`` names: exactly, else ignoring spaces, line breaks, width and case
    (``--text-column 'ご意見（全文）'`` finds 「ご意見\n（全文）」, ``ご意見`` finds 「ご　意　見」)."""
    if given is None:
        return None
    if given in columns:
        return given
    key = fold_name(given)
    found = [c for c in columns if fold_name(c) == key]
    return found[0] if len(found) == 1 else None


def _candidate_matches(columns: Sequence[str], candidates: Iterable[str],
                       exclude: frozenset[str] = frozenset()) -> list[str]:
    return list(dict.fromkeys(_iter_matches(columns, candidates, exclude)))


# The text column is found by name (exact, then containing one); these are never it unless given:
# columns named exactly as an id, channel or submitter column (「意見番号」, 「提出方法」).
_TEXT_NAMES = frozenset(fold_name(c) for c in TEXT_COLUMN_CANDIDATES)
_ROLE_NAMES = frozenset(fold_name(c)
                        for c in (*ID_COLUMN_CANDIDATES, *CHANNEL_COLUMN_CANDIDATES, *SUBMITTER_COLUMN_CANDIDATES)
                        ) - _TEXT_NAMES


# (words that ask for writing, not a topic: 「ご質問はありますか」 (はい/いいえ), 「ご要望の分野（複数選択可）」 are choices, QA101)
_FREE_WRITING_RE = re.compile(r"^(?!.*(?:選択|選び|選ん|はい|いいえ|年代|年齢|性別|記入日|日時|日付|記入者|氏名|名前|住所|メール|電話))"
                              r".*(?:お書き|ご記入|記入して|自由に|お聞かせ)")


def guess_column(columns: Sequence[str], candidates: Iterable[str], given: str | None = None,
                 what: str = "text", required: bool = True, option: str | None = None,
                 header_option: str | None = "--header-row", exclude: frozenset[str] = frozenset(),
                 listed: Sequence[str] | None = None) -> str | None:
    """The column to use: ``given`` if it exists, else the first candidate name found (a name
    containing one is not taken when its folded name is in ``exclude``).

    A required column not found, or a ``given`` one the file lacks, is a ``ColumnError`` naming
    ``option`` (default ``--{what}-column``) and, for a file without a header row, ``header_option``
    (``None``: the file's command has none); it lists ``listed`` (default ``columns``: a table's
    ``file_columns`` leave out the ones the reader added)."""
    candidates = tuple(candidates)
    shown = ", ".join(columns if listed is None else listed)
    if given is not None:
        found = find_column(columns, given)
        if found is not None:
            return found
        raise ColumnError(f"unknown {what} column {clean_name(given)!r}; the file has: {shown}")
    for col in _iter_matches(columns, candidates, exclude):
        if what in ("id", "channel", "answer-id") and is_personal_column(col):
            continue  # 「電話番号」 is not an opinion's number
        return col
    if what == "text":
        # a form's question as the column name, asking for free writing without saying 「意見」 (QA100: Googleフォーム's
        # 「計画案について、お気づきの点やご提案を自由にお書きください。」 was refused as a first row of data)
        asking = [c for c in columns if _FREE_WRITING_RE.search(c) and not is_personal_column(c)
                  and fold_name(c) not in exclude]
        if asking:
            return asking[0]
    if required:
        if any(len(c) > 40 or c.rstrip().endswith(("。", "！", "？", "!", "?")) for c in columns):
            # a file without a header: --text-column would turn its first opinion into a name
            raise ColumnError(
                f"cannot guess the {what} column: the first row reads like an opinion, not column names "
                f"(「{shorten(columns[0])}」); add a header row such as {candidates[0] if candidates else 'ご意見'} "
                "above it" + (f" (or give {header_option})" if header_option else ""))
        raise ColumnError(f"cannot guess the {what} column; give {option or f'--{what}-column'} (the file has: {shown})")
    return None


# A web mailer's HTML pasted into a cell (QA49: 「<div>…</div>」「<br>」「&nbsp;」「&#64;」): the tags are
# markup, not prose (「a<b」「<意見>」 are no tags), and an address written 「mari.w&#64;example.jp」 escaped
# the masker. A cell is read as HTML only when it has a known tag or an entity.
_HTML_TAG_NAMES = (r"(?:br|div|p|span|font|b|i|u|strong|em|a|ul|ol|li|table|tbody|thead|tr|td|th|blockquote|"
                   r"html|head|body|meta|style|o:p|hr|h[1-6]|pre|center|sup|sub|img)")
_HTML_TAG_RE = re.compile(r"</?" + _HTML_TAG_NAMES + r"(?:\s[\t\x20-\x3b\x3d\x3f-\x7e]*)?/?>", re.IGNORECASE)
_HTML_BREAK_RE = re.compile(r"<br\s*/?>|</(?:div|p|li|tr|h[1-6]|blockquote|table)>(?:\s*<(?:div|p|li|tr|h[1-6]|blockquote|table)"
                            r"(?:\s[^<>]*)?>)?|<(?:hr)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_MAILER_ENTITY_RE = re.compile(r"&nbsp;|&#[0-9]{2,7};|&#[xX][0-9a-fA-F]{2,6};|&lt;/?" + _HTML_TAG_NAMES
                               + r"(?:\s[\t\x20-\x25\x27-\x3b\x3d\x3f-\x7e]*)?/?&gt;", re.IGNORECASE)
_HTML_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,10});")


def decode_html_text(text: str) -> str:
    r"""A text cell with a web mailer's HTML read as plain text: 「<br>」 and 「</div><div>」 are line
    breaks, other tags go, entities are decoded (「&nbsp;」 a blank, 「&#64;」 「@」, 「&lt;div&gt;」 is
    markup escaped twice and goes too); text with no tag and no entity is returned as it is.

    >>> decode_html_text("1.&nbsp;終バス<br>2.&nbsp;屋根")
    '1. 終バス\n2. 屋根'
    >>> decode_html_text("a<b と c>d")
    'a<b と c>d'
    >>> decode_html_text("駐車台数が&lt;150台&gt;では足りません。手すり&amp;おむつ台を。")
    '駐車台数が<150台>では足りません。手すり&おむつ台を。'
    """
    if "<" not in text and "&" not in text:
        return text
    import html as _html

    # entities alone are read as a mailer's only when they are ones a mailer writes (「&nbsp;」「&#64;」) or
    # escape its tags (「&lt;div&gt;」): 「&lt;script&gt; は文字として…」 writes of an entity, and stays as written;
    # the other entities of a form's export that escapes what was typed (「&lt;150台&gt;」「手すり&amp;おむつ台」,
    # QA54) are decoded when what they give holds nothing like a tag
    if not (_HTML_TAG_RE.search(text) or _MAILER_ENTITY_RE.search(text)):
        if not _HTML_ENTITY_RE.search(text):
            return text
        decoded = _HTML_ENTITY_RE.sub(lambda m: _html.unescape(m.group(0)), text).replace("\u00a0", " ")
        # (an 「&amp;」 beside it: the export escaped every 「&」 typed, so 「&lt;script&gt;」 was 「<script>」 as typed,
        # not an entity written out: QA74 published 「ベンチ&amp;テーブル」)
        return text if re.search(r"<[A-Za-z!/][^<>]*>", decoded) and "&amp;" not in text else decoded

    for _ in range(2):  # 「&lt;div&gt;」: markup escaped once more
        text = _HTML_BREAK_RE.sub("\n", text)
        text = _HTML_TAG_RE.sub("", text)
        if not _HTML_ENTITY_RE.search(text):
            break
        text = _html.unescape(text).replace("\u00a0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def _decode_html_cells(table: Table, column: str) -> None:
    """Decode HTML residue in the text column's cells (``decode_html_text``) and say how many cells held it."""
    changed = 0
    for row in table.rows:
        value = row.get(column)
        if value and ("<" in value or "&" in value):
            new = decode_html_text(value)
            if new != value:
                row[column] = new
                changed += 1
    if changed:
        table.notes.append(f"HTML from a mailer (<br>, <div>, &nbsp; …) read as plain text in {counted(changed, 'cell')}")


# Web-form exports (QA52: Google Forms, Microsoft Forms, LoGoフォーム): a form asks several questions, each
# answered in a column of its own named after the question; some are free text, some choices.
_PROSE_CHAR_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ー、。「」！？（）・]")
_CHOICE_SPLIT_RE = re.compile(r"\s*[,;；]\s*")
# a question whose answers are an opinion: 「第2章について」「その他ご意見」「…についてご意見をお聞かせください」
_QUESTION_TEXT_RE = re.compile(r"意見|について|提案|要望|感想|自由記述|自由記入|お聞かせ|お書き|ご記入|その他")
# a question whose answers are picked from a list: 「どう思いますか」「選んでください（複数回答可）」
_CHOICE_QUESTION_RE = re.compile(r"[か？?]$|ください|選択|選んで|回答可|当てはまる|あてはまる|教えて|すべて|全て")
# not an opinion of the submitter: staff's answer or notes, a summary (要旨 beside 全文)
_NOT_OPINION_NAME_RE = re.compile(r"考え方|回答|対応|返答|備考|メモ|担当|処理|要旨|概要|要約|summary")
_SECTION_NAME_RE = re.compile(r"箇所|個所|該当|ページ|頁")
_REASON_NAME_RE = re.compile(r"理由|根拠")
# a 該当箇所 value: 「第4章 施策5」「P.25」「12ページ」「基本目標2」
_SECTION_VALUE_RE = re.compile(r"^(?:第\s*[0-9０-９一二三四五六七八九十百]+\s*[章節条項部編款]|[PpＰｐ]\s*[.．]?\s*[0-9０-９]|"
                               r"[0-9０-９]+\s*(?:ページ|頁|章)|基本目標|基本方針|施策|目標|全体|計画全体)")


def _column_cells(table: Table, column: str) -> list[str]:
    return [c for c in ((r.get(column) or "").strip() for r in table.rows) if c]


def _prose(cell: str) -> bool:
    """A sentence someone wrote: ten characters or more, most of them Japanese (not a date or an address)."""
    return len(cell) >= 10 and 5 * len(_PROSE_CHAR_RE.findall(cell)) >= 3 * len(cell)


def _question_name(column: str) -> str:
    """A form's question without its trailing marks (【必須】, （任意）, a note on the next line)."""
    name = clean_name(column).split(" ※")[0]
    return re.sub(r"(?:\s*(?:【[^】]*】|（[^）]*）|\([^)]*\)))+$", "", name).strip()


def column_kind(table: Table, column: str) -> str:
    """``"text"`` for a column of free text (sentences, most of them different), ``"choice"`` for a
    form's question answered from a list (a radio or checkbox column: its answers, split at 「,」「;」,
    repeat), else ``""``."""
    filled = _column_cells(table, column)
    if len(filled) < 2:
        return ""
    pieces = [p for c in filled for p in _CHOICE_SPLIT_RE.split(c) if p]
    seen = Counter(pieces)
    if (len(seen) >= 2 and 5 * sum(n for n in seen.values() if n > 1) >= 4 * len(pieces)
            and (_CHOICE_QUESTION_RE.search(_question_name(column)) or _CHOICE_QUESTION_RE.search(clean_name(column)))):
        return "choice"
    prose = [c for c in filled if _prose(c)]
    # most of them different; or, as a form's answers go, the same courtesy lines and a campaign pasted
    # several times among five different texts or more (QA53: two question columns, 16 different answers
    # of 24, were left unread and unwarned)
    distinct = len(set(prose))
    if len(prose) >= 2 and 5 * len(prose) >= len(filled) and (5 * distinct >= 4 * len(prose) or distinct >= 5
                                                              or 2 * distinct >= len(prose)):
        return "text"
    return ""


def section_like_column(table: Table, column: str) -> bool:
    """A 該当箇所 column by its name (箇所, 該当, ページ) or its values (「第4章 施策5」「P.25」; QA52)."""
    if _SECTION_NAME_RE.search(fold_name(column)):
        return True
    filled = _column_cells(table, column)
    short = [c for c in filled if len(c) <= 30 and _SECTION_VALUE_RE.match(c)]
    return bool(filled) and 5 * len(short) >= 3 * len(filled)


def _prose_total(table: Table, column: str) -> int:
    return sum(len(_PROSE_CHAR_RE.findall(c)) for c in _column_cells(table, column))


def _choices_only(table: Table, column: str) -> bool:
    """A column of answers picked from a list, whatever its name: four answers or more, most of them repeated,
    none a sentence."""
    filled = _column_cells(table, column)
    if len(filled) < 4 or any(_prose(c) for c in filled):
        return False
    pieces = [p for c in filled for p in _CHOICE_SPLIT_RE.split(c) if p]
    seen = Counter(pieces)
    return len(seen) >= 2 and 5 * sum(n for n in seen.values() if n > 1) >= 4 * len(pieces)


def _longest_text_candidate(table: Table, guessed: str) -> str:
    """QA52 (LoGo): of the columns whose names contain a text name (「ご意見の対象となる箇所…」, 「…に対する
    ご意見をご記入ください。【必須】」), the one with the longest texts, not a 該当箇所 or reason column."""
    if _choices_only(table, guessed):
        # 「ご意見の分野」 answered from a list beside 「自由にお書きください」 (left from QA101: the list was read as the
        # opinions): the column of free writing
        writing = [c for c in table.columns if c != guessed and not is_personal_column(c)
                   and (_FREE_WRITING_RE.search(c) or c in _candidate_matches(table.columns, TEXT_COLUMN_CANDIDATES, _ROLE_NAMES))
                   and not _choices_only(table, c) and column_kind(table, c) == "text"]
        if writing:
            return max(writing, key=lambda c: _prose_total(table, c))
    if fold_name(guessed) in _TEXT_NAMES:  # an exact name (ご意見, 意見, 本文) stays the guess
        return guessed
    found = [c for c in _candidate_matches(table.columns, TEXT_COLUMN_CANDIDATES, _ROLE_NAMES)
             if not section_like_column(table, c) and not _REASON_NAME_RE.search(fold_name(c))
             and not is_personal_column(c) and _summary_rank(c) <= _summary_rank(guessed)]
    if not found:
        return guessed
    best = max(found, key=lambda c: _prose_total(table, c))
    if section_like_column(table, guessed) or _prose_total(table, best) > _prose_total(table, guessed):
        return best
    return guessed


def question_heading(column: str) -> str:
    """The 該当箇所 a form's question gives its answers: the question without 「について」「ご意見を
    お聞かせください」 (「第2章「…」について」 → 「第2章「…」」); "" for 「その他ご意見」 (no place in the draft).

    >>> question_heading("基本目標1「切れ目ない支援」についてご意見をお聞かせください"), question_heading("その他ご意見")
    ('基本目標1「切れ目ない支援」', '')
    """
    name = _question_name(column)
    name = re.sub(r"(?:について|に関して|に対して|に対する)?(?:の|、)?(?:ご意見|御意見|意見|ご感想|感想|ご提案|提案)?"
                  r"(?:を|が|は|など)?(?:あれば|ありましたら|ございましたら)?、?"
                  r"(?:お聞かせ|お書き|ご記入|記入|お寄せ|自由にお書き)?(?:ください|下さい)?[。．]?$", "", name)
    return "" if not name or name.startswith(("その他", "そのほか", "全体")) else name


def _question_columns(table: Table, text_col: str, taken: Collection[str]) -> list[str]:
    """The free-text question columns of a form beside the guessed text column (QA52), in the file's
    order, the text column among them; [] when there is no other."""
    others = [c for c in table.file_columns
              if c != text_col and c not in taken and not is_personal_column(c)
              and _QUESTION_TEXT_RE.search(fold_name(c)) and not _NOT_OPINION_NAME_RE.search(fold_name(c))
              and not section_like_column(table, c) and not _REASON_NAME_RE.search(fold_name(c))
              and not is_kind_column_name(c) and not is_organisation_column_name(c)
              and numbered_name(c)[1] is None and column_kind(table, c) == "text"]
    if not others or numbered_name(text_col)[1] is not None:
        return []
    return [c for c in table.file_columns if c == text_col or c in others]


def _has_names(table: Table, column: str) -> bool:
    """Whether a submitter column holds names (Microsoft Forms' 名前 is empty or 「anonymous」: QA52)."""
    return any(fold_name(c) not in ("anonymous", "匿名", "-", "ー", "なし") for c in _column_cells(table, column))


def choose_columns(table: Table, text: str | None = None, id: str | None = None, channel: str | None = None,
                   submitter: str | None = None, more_texts: Sequence[str] = ()) -> dict[str, str | None]:
    """The comment table's columns, ``{"text", "id", "channel", "submitter": name or None}``:
    each one given (``--text-column`` …) or guessed (see ``guess_column``). A query table
    (``cluster answers --query``) is chosen the same way; it uses the text and id only.
    Messages name the options of ``table.options``.

    JSON lines (no ``text`` given): the text field is the one most records have, and when
    records name it differently (「意見」 in most, 「ご意見」 in a few) the names are read together
    as one text column (see ``_text_field_of_records``; this changes ``table``).

    The text column cannot also be the id, channel or submitter column: naming it for one of
    them is refused (``InputError``: the ids, the channel counts or the submitter count would be
    the opinions themselves), and a guess that lands on it (「提出者のご意見」 looks like both a
    text and a submitter column) is dropped: that column is the text.

    ``more_texts`` (``--text-column`` repeated): more opinion columns after ``text``, in that order,
    each one's name the heading of its answers; without ``text``, a form's several free-text
    questions beside the guessed column are read so (``table.question_columns``, QA52).
    """
    opts = table.options
    # a sub-heading names its column alone or with its heading (全文, ご意見 全文: 「ご意見（全文）」)
    text, id, channel, submitter = (
        table.column_aliases.get(fold_name(g), g) if g is not None and find_column(table.columns, g) is None else g
        for g in (text, id, channel, submitter))
    if text is None and table.headerless:
        # no column names to go by: the text is the column with the most text in it
        text = max(table.columns, key=lambda c: sum(len(r.get(c) or "") for r in table.rows
                                                   if not _NUMBER_RE.match((r.get(c) or "").strip())))
    if text is None and table.present_keys is not None:
        text_col = _text_field_of_records(table, given={id, channel, submitter} - {None})
    else:
        try:
            text_col = guess_column(table.columns, TEXT_COLUMN_CANDIDATES, text, what="text", option=opts.text,
                                    header_option=opts.header_row, exclude=_ROLE_NAMES, listed=table.file_columns)
        except InputError as exc:
            if table.format == "xlsx" and table.sheet and table.other_sheets:
                # a cover page or a summary sheet read first: say which sheet, and the others
                raise ColumnError(f"{exc}; read sheet {table.sheet!r}, the workbook's other sheets: "
                                 f"{', '.join(table.other_sheets)}"
                                 + (f" (give {opts.sheet} NAME to read another)" if opts.sheet else "")) from None
            raise
        if text is None and not table.headerless and opts is COMMENT_OPTIONS:
            text_col = _longest_text_candidate(table, text_col)
    more = [guess_column(table.columns, (), g, what="text", option=opts.text, listed=table.file_columns)
            for g in more_texts]
    _join_extra_fields(table, text_col)
    if opts is COMMENT_OPTIONS:
        _decode_html_cells(table, text_col)
    chosen: dict[str, str | None] = {"text": text_col}
    for what, candidates, given in (("id", ID_COLUMN_CANDIDATES, id),
                                    ("channel", CHANNEL_COLUMN_CANDIDATES, channel),
                                    ("submitter", SUBMITTER_COLUMN_CANDIDATES, submitter)):
        # 「提出者区分」 contains 「提出者」 but tells the kind of submitter (choose_kind_columns)
        kinds = frozenset(fold_name(c) for c in table.columns if is_kind_column_name(c)
                          or is_organisation_column_name(c)) if what == "submitter" else frozenset()
        col = guess_column(table.columns, candidates, given, what=what, required=False, exclude=kinds,
                           listed=table.file_columns)
        if what == "submitter" and given is None and col is not None and not _has_names(table, col):
            # an empty 名前 beside 「お名前（任意）」 that holds the names: the one with names (QA52)
            col = next((c for c in _candidate_matches(table.columns, candidates, kinds)
                        if c != text_col and _has_names(table, c)), col)
        if col is not None and col == text_col:
            if given is not None:
                text_opt = opts.text or "the text column option"
                how = f"given with {text_opt}" if text is not None else \
                    f"guessed; give {text_opt} if the opinions are in another column"
                raise InputError(f"{getattr(opts, what) or what + ' column'} {given!r} is the text column ({how}); "
                                 f"the {what} must come from another column (the file has: {', '.join(table.file_columns)})")
            col = None
        chosen[what] = col
    if opts is COMMENT_OPTIONS and chosen["channel"]:
        values = [r.get(chosen["channel"], "") for r in table.rows]
        _note_unknown_values(table, chosen["channel"], unknown_channels(values), "the known channels", KNOWN_CHANNELS)
        _note_read_as(table, chosen["channel"], values)
    if opts is COMMENT_OPTIONS:
        taken = set(chosen.values()) - {None, text_col}
        for c in more:
            if c in taken or c == text_col:
                raise InputError(f"{opts.text or 'text column'} {c!r} is named twice or is the id, channel or "
                                 f"submitter column (the file has: {', '.join(table.file_columns)})")
        if more:
            table.question_columns = list(dict.fromkeys([text_col, *more]))
        elif text is None and not table.headerless and table.present_keys is None:
            table.question_columns = _question_columns(table, text_col, taken)
        table.opinion_fields = opinion_fields(table.columns, text_col, taken, texts=table.question_columns)
        for c in table.question_columns:
            if c != text_col:
                _decode_html_cells(table, c)
        used = set(chosen.values()) | {"_extra"} | {c for f in table.opinion_fields for c in f if c}
        table.unused_columns = [c for c in table.columns if c not in used
                                and any((r.get(c) or "").strip() for r in table.rows)]
        kinds = {c: column_kind(table, c) for c in table.unused_columns if c in table.file_columns}
        # (JSON lines: a field under another name has a warning of its own; staff's answers or notes,
        # 市の考え方, are no citizen's text: they stay in the not-used line, there never cut short)
        table.unread_text_columns = [c for c, k in kinds.items() if k == "text" and not is_personal_column(c)
                                     and not _NOT_OPINION_NAME_RE.search(fold_name(c))
                                     and table.present_keys is None]
        table.unused_text_like = [c for c, k in kinds.items() if k == "text"]
        table.choice_columns = [c for c, k in kinds.items() if k == "choice"]
    return chosen


# ---------------------------------------------------------------- the kind of submitter (個人 / 団体)

# 「個人・団体の別」「個人又は法人」「法人・個人」, not 「個人情報」 nor a name (「個人・団体名」)
_KIND_NAME_RE = re.compile(r"個人.{0,4}(?:団体|法人|企業|事業者)|(?:団体|法人|企業).{0,4}個人|"
                           r"^(?:意見)?提出者の?(?:区分|種別|属性|別)")
_ORGANISATION_NAME_RE = re.compile(r"団体名|法人名|団体の名称|法人の名称|団体等の名称|法人等の名称|企業名|会社名|事業者名")
# a column naming a person as well (「氏名・団体名」) is the submitter column, not the organisation's
_PERSON_NAME_RE = re.compile(r"氏名|名前|提出者|代表者|個人|担当者")


def is_kind_column_name(column: str) -> bool:
    """Whether a column's name says it tells the kind of submitter (個人 / 団体), whatever its values.

    >>> [is_kind_column_name(c) for c in ["個人・団体", "個人／団体の別", "提出者区分", "区分", "個人情報", "団体名"]]
    [True, True, True, False, False, False]
    """
    name = fold_name(column)
    if name in _KIND_NAMES:
        return True
    return bool(_KIND_NAME_RE.search(name)) and not name.endswith(("名", "名称")) and "氏名" not in name


def is_organisation_column_name(column: str) -> bool:
    """Whether a column's name says it holds the name of the submitting organisation (団体名, 法人名 …),
    not a person's too (「氏名・団体名」 is the submitter column).

    >>> [is_organisation_column_name(c) for c in ["団体名", "団体・法人名", "法人名（団体の場合）", "氏名・団体名", "氏名"]]
    [True, True, True, False, False]
    """
    name = fold_name(column)
    if name in _ORGANISATION_NAMES:
        return True
    return bool(_ORGANISATION_NAME_RE.search(name)) and not _PERSON_NAME_RE.search(name)


_KIND_NAMES = frozenset(fold_name(c) for c in KIND_COLUMN_CANDIDATES)
_KIND_IF_VALUES_NAMES = frozenset(fold_name(c) for c in KIND_COLUMN_IF_VALUES)
_ORGANISATION_NAMES = frozenset(fold_name(c) for c in ORGANISATION_COLUMN_CANDIDATES)

INDIVIDUAL, ORGANISATION = "個人", "団体"
KNOWN_KINDS = (INDIVIDUAL, ORGANISATION)
_INDIVIDUAL_VALUES = frozenset({
    "個人", "個人の方", "個人として", "一般個人", "個人（一般）", "一般", "市民", "県民", "区民", "町民", "村民", "都民",
    "道民", "府民", "住民", "私人", "個人等", "individual", "person", "personal", "private", "privateperson",
    # in kana (QA42: 「こじん」「ｺｼﾞﾝ」 were counted as kinds of their own)
    "こじん", "コジン", "しみん", "シミン",
})
_ORGANISATION_VALUES = frozenset({
    "団体", "法人", "企業", "事業者", "事業所", "会社", "組合", "協会", "npo", "npo法人", "nga", "ngo",
    "法人・団体", "団体・法人", "法人等", "団体等", "法人・団体等", "団体・法人等", "企業・団体", "団体・企業",
    "法人その他の団体", "法人その他団体", "自治会", "町内会", "行政機関", "自治体", "地方公共団体", "業界団体",
    "事業者団体", "経済団体", "organization", "organisation", "company", "corporation", "corporate", "group",
    "business",
    "だんたい", "ダンタイ", "ほうじん", "ホウジン", "きぎょう", "キギョウ",
})
# a value ending so names an organisation of that kind (「特定非営利活動法人」「商店街振興組合」「○○協議会」)
_ORGANISATION_ENDINGS = ("法人", "団体", "組合", "協会", "会社", "企業", "事業者", "会議所", "連合会", "協議会",
                         "連盟", "自治会", "町内会", "商店会", "商工会")
# a check box or a choice number before the value: 「■個人」「☑団体」「1.個人」「①個人」
_KIND_MARK_RE = re.compile(r"^(?:[■□☑☒✓✔●○◯◉・\-]|\d{1,2}[.)．：:]|[①-⑳])\s*")


def _note_unknown_values(table, column: str, unknown: Counter, known_what: str, known: Sequence[str]) -> None:
    """One read note for the values of ``column`` that are none of ``known`` (channels, kinds of submitter):
    counted as written, the five commonest named."""
    if not unknown:
        return
    shown = ", ".join(f"「{shorten(v, 20)}」 {counted(k, 'row')}" for v, k in unknown.most_common(5))
    line = (f"{column}: {counted(len(unknown), 'value')} not among {known_what} ({', '.join(known)}), counted as "
            f"written: {shown}" + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""))
    if line not in table.notes:
        table.notes.append(line)


def channels_read_as(values: Iterable[str]) -> Counter:
    """(value as written, the channel counted) for the values that count under another word
    (「ホームページ」 -> 電子申請, 「窓口」 -> 持参), with how many rows have each; a spelling of the
    channel's own name (ＦＡＸ, 電子 申請) and a note in brackets after it are not named."""
    out: Counter = Counter()
    for v in values:
        found = normalize_channel(v)
        if found not in KNOWN_CHANNELS:
            continue
        written = " ".join(unicodedata.normalize("NFKC", v or "").split())
        m = _CHANNEL_NOTE_RE.match(written)
        bare = m.group(1) if m and normalize_channel(m.group(1)) == found else written
        if _channel_key(bare) != _channel_key(found):
            out[(written, found)] += 1
    return out


def _note_read_as(table, column: str, values: Iterable[str]) -> None:
    """One read note naming the channel values counted under another word (QA47: 「ホームページ」 was
    counted as 電子申請 and nothing said so)."""
    read_as = channels_read_as(values)
    if not read_as:
        return
    shown = ", ".join(f"「{shorten(v, 20)}」 as {c} ({counted(k, 'row')})" for (v, c), k in read_as.most_common(5))
    line = f"{column}: counted under the standard channels: {shown}" + (
        f" and {len(read_as) - 5} more" if len(read_as) > 5 else "")
    if line not in table.notes:
        table.notes.append(line)


def submitter_kind(value: str) -> str:
    """個人 or 団体 for the values that say one of them (法人, 企業, 事業者, 組合, NPO法人, 「一般社団法人」 …
    are 団体; 市民, 一般 are 個人), a note in brackets aside (「団体（NPO法人）」); else the value as
    written (NFKC, spaces folded), "" for an empty cell (``unknown_kinds`` names the others).

    >>> [submitter_kind(v) for v in ["個人", "団体", "法人", "ＮＰＯ法人", "企業", "■個人", "団体（自治会）", "学生", " "]]
    ['個人', '団体', '団体', '団体', '団体', '個人', '団体', '学生', '']
    """
    text = " ".join(unicodedata.normalize("NFKC", value or "").split())
    text = re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)
    if not text:
        return ""
    for candidate in (text, _KIND_MARK_RE.sub("", text)):
        m = _CHANNEL_NOTE_RE.match(candidate)
        for form in (candidate, m.group(1) if m else None):
            if not form:
                continue
            key = "".join(form.split()).lower()
            if key in _INDIVIDUAL_VALUES:
                return INDIVIDUAL
            if key in _ORGANISATION_VALUES or (key.endswith(_ORGANISATION_ENDINGS) and "個人" not in key):
                return ORGANISATION
    return text


def unknown_kinds(values: Iterable[str]) -> Counter:
    """The kind values (as ``submitter_kind`` gives them) that are neither 個人 nor 団体, with how
    many rows have each; empty values are not counted."""
    return Counter(k for k in (submitter_kind(v) for v in values) if k and k not in KNOWN_KINDS)


def organisation_name(value: str) -> str:
    """A 団体名 cell as the organisation's name, "" when it names none (empty, 「なし」「該当なし」「個人」 …)."""
    text = " ".join(unicodedata.normalize("NFKC", value or "").split())
    key = "".join(text.split()).lower()
    if not key or key in NO_NAME or key in ("該当なし", "特になし", "無", "なし(個人)", "個人のため無し"):
        return ""
    return text


def organisation_key(name: str) -> str:
    """The key that counts one organisation once: NFKC with every space removed (「みどり 自治会」 and
    「みどり自治会」 are one organisation)."""
    return "".join(unicodedata.normalize("NFKC", name or "").split()).lower()


def _mostly_kinds(table: Table, column: str) -> bool:
    """Whether more than half of a column's filled cells are 個人 / 団体-like values."""
    values = [r.get(column) or "" for r in table.rows if (r.get(column) or "").strip()]
    return bool(values) and sum(submitter_kind(v) in KNOWN_KINDS for v in values) * 2 > len(values)


def choose_kind_columns(table: Table, kind: str | None = None, taken: Mapping[str, str | None] | None = None
                        ) -> dict[str, str | None]:
    """The comment table's columns that tell the kind of submitter: ``{"kind": …, "organisation": …}``
    (each a column name or None), for 提出者数 by 個人 / 団体.

    ``kind`` (``--kind-column``) names the kind column, or the organisation column when its name is
    one (「団体名」); else the kind column is guessed by its name (「個人・団体」「個人／団体の別」
    「提出者区分」, ``is_kind_column_name``), or a generic name (区分, 属性, 種別) whose values are
    mostly 個人 / 団体 / 法人 …; the organisation column by its name (団体名, 法人名, 団体・法人名 …).
    ``taken`` (``choose_columns``'s: the text, id, channel and submitter columns) are never either. Values that are
    neither 個人 nor 団体 are named in ``table.notes`` (counted as written), and the columns found
    are no longer among ``table.unused_columns``."""
    roles = {col: role for role, col in (taken or {}).items() if col}
    free = [c for c in table.columns if c not in roles and c != "_extra"]
    chosen: dict[str, str | None] = {"kind": None, "organisation": None}
    if kind is not None:
        given = table.column_aliases.get(fold_name(kind), kind) if find_column(table.columns, kind) is None else kind
        col = guess_column(table.columns, (), given, what="kind", required=False, listed=table.file_columns)
        if col in roles:
            raise InputError(f"{table.options.kind or '--kind-column'} {kind!r} is the {roles[col]} column; "
                             f"the kind of submitter must come from another column (the file has: {', '.join(table.file_columns)})")
        chosen["organisation" if is_organisation_column_name(col) and not is_kind_column_name(col) else "kind"] = col
    else:
        named = [c for c in free if is_kind_column_name(c)]
        named.sort(key=lambda c: fold_name(c) not in _KIND_NAMES)  # an exact name first
        generic = [c for c in free if fold_name(c) in _KIND_IF_VALUES_NAMES and _mostly_kinds(table, c)]
        chosen["kind"] = (named or generic or [None])[0]
    if chosen["organisation"] is None:
        orgs = [c for c in free if c != chosen["kind"] and is_organisation_column_name(c)]
        orgs.sort(key=lambda c: fold_name(c) not in _ORGANISATION_NAMES)
        chosen["organisation"] = orgs[0] if orgs else None
    if chosen["kind"]:
        _note_unknown_values(table, chosen["kind"], unknown_kinds(r.get(chosen["kind"], "") for r in table.rows),
                             "the known kinds of submitter", KNOWN_KINDS)
    used = {c for c in chosen.values() if c}
    table.unused_columns = [c for c in table.unused_columns if c not in used]
    return chosen


# 「意見1」「意見（２）」「意見②」「ご意見その3」「opinion_4」: a name and the number of its field
_NUMBERED_NAME_RE = re.compile(r"^(?P<stem>.*?\D)[ _\-]?(?:\((?P<a>\d{1,2})\)|(?:その|no\.?|#)?(?P<b>\d{1,2}))$")


def numbered_name(column: str) -> tuple[str, int | None]:
    """(folded name without its number, the number or None) of a column name.

    >>> numbered_name("意見①"), numbered_name("該当箇所（２）"), numbered_name("ご意見")
    (('意見', 1), ('該当箇所', 2), ('ご意見', None))
    """
    name = fold_name(column)
    m = _NUMBERED_NAME_RE.match(name)
    if m is None:
        return name, None
    return m.group("stem"), int(m.group("a") or m.group("b"))


def opinion_fields(columns: Sequence[str], text_col: str, taken: Collection[str] = (), texts: Sequence[str] = ()
                   ) -> list[tuple[str, str | None, str | None]]:
    """The opinion fields of a comment table, in order: ``(text column, 該当箇所 column, reason
    column)``, or [] when the text column stands alone (no numbered siblings, no 該当箇所 or reason
    column).

    A web form often asks for several opinions, each in its own column with the place in the draft
    beside it (「該当箇所1」「意見1」「該当箇所2」「意見2」), or for an opinion and its reason
    (「意見」「理由」). Reading the first column alone would lose the rest: the text column's numbered
    siblings (its name with another number) are more opinions of the same submission, and a
    該当箇所 or reason column with the same number (or without one, for a single text column, or
    for all of them) belongs to each. Columns in ``taken`` (the id, channel, submitter) are never
    fields.

    ``texts``: the opinion columns, in order, when they are a form's several questions or given
    (``--text-column`` repeated, QA52): read in turn, with the unnumbered 該当箇所 and reason columns.
    A 該当箇所 or reason column is also one whose name holds 箇所 / 該当ページ or 理由 / 根拠
    (「ご意見の対象となる箇所（章・ページなど）」「ご意見の理由（任意）」, QA52)."""
    question_texts = list(texts)
    stem, number = numbered_name(text_col)
    free = [c for c in columns if c not in taken and c != text_col and c not in question_texts]
    texts = {number: text_col}
    if question_texts:
        texts = {k: c for k, c in enumerate(question_texts, 1)}
    for c in free if not question_texts else ():
        s, n = numbered_name(c)
        if s == stem and n is not None and n not in texts:
            texts[n] = c
    if None in texts and len(texts) > 1:  # 「意見」 and 「意見2」: the unnumbered one is the first
        texts[0] = texts.pop(None)

    number_of_text = {fold_name(c): n for n, c in texts.items()}

    def role_columns(candidates: Sequence[str], contained: re.Pattern) -> dict[int | None, str]:
        names = {fold_name(c) for c in candidates}
        found: dict[int | None, str] = {}
        for c in free:
            if c in texts.values():
                continue
            s, n = numbered_name(c)
            if s in names or (fold_name(c) in names and n is None):
                found.setdefault(n if s in names else None, c)
                continue
            if n is None and contained.search(fold_name(c)) and None not in found:
                found[None] = c  # 「ご意見の理由（任意）」 (QA52)
                continue
            # JSON lines nested by opinion: {"該当箇所": {"意見1": "第3章", "意見2": …}} → 該当箇所.意見1
            head, dot, tail = fold_name(c).partition(".")
            if dot and head in names and tail in number_of_text:
                found.setdefault(number_of_text[tail], c)
        return found

    sections = role_columns(SECTION_COLUMN_CANDIDATES, _SECTION_ROLE_RE)
    reasons = role_columns(REASON_COLUMN_CANDIDATES, _REASON_ROLE_RE)
    if len(texts) == 1 and not sections and not reasons:
        return []
    keys = sorted(texts, key=lambda n: -1 if n is None else n)
    single = len(keys) == 1
    fields = []
    for n in keys:
        # a numbered 該当箇所 goes with the opinion of its number; an unnumbered one with every opinion
        section = sections.get(n) if n is not None and n in sections else sections.get(None)
        reason = reasons.get(n) if n is not None and n in reasons else reasons.get(None)
        if single and section is None and len(sections) == 1:
            section = next(iter(sections.values()))
        if single and reason is None and len(reasons) == 1:
            reason = next(iter(reasons.values()))
        fields.append((texts[n], section, reason))
    return fields


# QA52 (LoGo): 該当箇所 and reason columns named as a form's questions
_SECTION_ROLE_RE = re.compile(r"箇所|個所|該当ページ|該当頁|該当章|該当項目")
_REASON_ROLE_RE = re.compile(r"理由|根拠")
_BARE_PAGE_RE = re.compile(r"^[0-9０-９]{1,4}(?:[-－~～〜][0-9０-９]{1,4})?$")
_PAGE_COLUMN_RE = re.compile(r"ページ|頁|page")


# One opinion field of a composed submission: the span of the opinion's text, the span of its own
# reason (or (-1, -1)), and its 該当箇所 (one line; "" when none).
OpinionPart = tuple[int, int, int, int, str]


def compose_submission(row: Mapping[str, str], fields: Sequence[tuple[str, str | None, str | None]],
                       headed: Collection[str] = ()) -> tuple[str, tuple[OpinionPart, ...]]:
    """A row of several opinion fields as one submission text and the opinion parts in it.

    Each field's block is its 該当箇所 line (「【該当箇所1】第2章」, the column's name in brackets),
    its opinion text as written and its reason under 「【理由】」; blocks are separated by a blank
    line, empty fields left out. A 該当箇所 or reason column shared by several opinion fields is
    written once: the 該当箇所 at the top (it is every part's), the reason at the end (a part of its
    own, as a letter's reason under several items). Nothing a cell holds is left out of the text.
    A text column in ``headed`` (a form's question, QA52) has its name in brackets above its
    answer (「【第2章について】」) and gives it its 該当箇所 (``question_heading``) when no 該当箇所 cell does.
    """
    shared = Counter(c for f in fields for c in f[1:] if c)

    def value(col: str | None) -> str:
        return (row.get(col) or "") if col else ""

    def one_line(text: str) -> str:
        return " ".join(text.split())

    # blocks: (text, opinion span, reason span, 該当箇所), spans relative to the block; (0, 0) none
    blocks: list[tuple[str, tuple[int, int] | None, tuple[int, int] | None, str]] = []
    for c in dict.fromkeys(f[1] for f in fields):
        if c and shared[c] > 1 and value(c).strip():
            blocks.append((f"【{c}】{one_line(value(c))}", None, None, ""))
    for text_col, section_col, reason_col in fields:
        text, section = value(text_col), one_line(value(section_col))
        own_section = section if section_col and shared[section_col] == 1 else ""
        if section_col and _BARE_PAGE_RE.match(section) and _PAGE_COLUMN_RE.search(fold_name(section_col)):
            section = f"{section}頁"  # 該当ページ 「38」: the draft's page 38, as the 該当箇所 (QA39)
        reason = value(reason_col) if reason_col and shared[reason_col] == 1 and value(reason_col).strip() else ""
        head = f"【{section_col}】{own_section}\n" if own_section else ""
        if text_col in headed:
            head = f"【{clean_name(text_col)}】\n" + head
            section = section or question_heading(text_col)
        if not text.strip() and not reason:
            if own_section:  # a place with no opinion: kept in the text, no part
                blocks.append((head.rstrip("\n"), None, None, ""))
            continue
        body = head + text
        span = (len(head), len(body))
        reason_span = None
        if reason:
            body += ("\n【理由】" if text.strip() else "【理由】") + reason
            reason_span = (len(body) - len(reason), len(body))
        blocks.append((body, span, reason_span, section))
    for c in dict.fromkeys(f[2] for f in fields):
        if c and shared[c] > 1 and value(c).strip():  # one reason for several opinions: a part of its own
            body = "【理由】" + value(c)
            blocks.append((body, (len(body), len(body)), (len("【理由】"), len(body)), ""))
    out, parts, pos = [], [], 0
    for body, span, reason_span, section in blocks:
        if out:
            out.append("\n\n")
            pos += 2
        out.append(body)
        if span is not None:
            r = (pos + reason_span[0], pos + reason_span[1]) if reason_span else (-1, -1)
            parts.append((pos + span[0], pos + span[1], *r, section))
        pos += len(body)
    return "".join(out), tuple(parts)


def _join_extra_fields(table: Table, text_col: str) -> None:
    """CSV/TSV rows with more fields than the header (an unquoted comma in an opinion:
    「1,公園に、ベンチが,ほしい。」): when the text is the last column, the extra fields are its
    own text cut at the comma, so they are joined back into it with the separator; otherwise
    they stay in the ``_extra`` column. Either way one line in ``table.notes`` names the rows."""
    if not table.extra_fields:
        return
    n = len(table.extra_fields)
    where = table.where(sorted(table.extra_fields))
    real = [c for c in table.columns if c != "_extra"]
    sep = table.delimiter or ","
    shown = "a tab" if sep == "	" else f"{sep!r}"
    if table.format in ("csv", "tsv") and real and real[-1] == text_col:
        for i, cells in table.extra_fields.items():
            row = table.rows[i]
            row[text_col] = sep.join([row.get(text_col, ""), *cells])
            row.pop("_extra", None)
        table.columns = real
        table.extra_fields = {}
        table.notes.append(f"warning: {n} row{'s' if n > 1 else ''} {'have' if n > 1 else 'has'} more fields than "
                           f"the header ({where}): the text column {text_col} is the last one, so the extra fields "
                           f"were joined back into its text with {shown} (an unquoted {shown} in the text?)")
    else:
        table.notes.append(f"warning: {n} row{'s' if n > 1 else ''} {'have' if n > 1 else 'has'} cells beyond the "
                           f"header's columns ({where}): they are not read as text (kept as column _extra); "
                           + ("quote text that holds the separator, or name the column in the header"
                              if table.format in ("csv", "tsv") else "name the column in the header"))
        table.extra_fields = {}  # said once


def _text_field_of_records(table: Table, given: set[str] = frozenset()) -> str:
    """JSON lines: the text field when none is given.

    Fields are named by whoever wrote each record, so one file can hold 「意見」 in most
    records and 「ご意見」 in a few (a form changed mid-campaign, two systems merged). Of the
    fields named exactly as a text column, the one most records have is taken (the usual name
    order breaks ties); a field that only contains such a name (「意見の理由」, 「提出内容」) is
    considered only when no field has an exact name, and a field named as an id, channel or
    submitter column (「意見番号」) never is: empty submissions often leave the text field out,
    so those are in more records than it. When the other names the
    tool knows as text fields (``TEXT_COLUMN_CANDIDATES``, exact names only) never hold text in
    the same record as it, they are one field spelled differently: their text is moved into
    it and those columns removed, with one line saying so; nothing is read as empty that had
    an opinion. When some record has text under two of the names, which one is the opinion
    is not clear: nothing is combined, ``table.text_field_clash`` lists those records, and
    ``read_notes`` warns about records whose text is under the other name. Fields ``given``
    for another role (``--submitter-column コメント``) are not text fields here.
    """
    main, clash = field_of_records(table, TEXT_COLUMN_CANDIDATES, given, _ROLE_NAMES, what="text",
                                   option=table.options.text)
    if clash:
        table.text_field_clash = clash
    if main is None:
        return guess_column(table.columns, TEXT_COLUMN_CANDIDATES, what="text", option=table.options.text,
                            header_option=table.options.header_row, exclude=_ROLE_NAMES)
    return main


def field_of_records(table: Table, candidates: Sequence[str], given: Iterable[str] = frozenset(),
                     exclude: frozenset[str] = frozenset(), what: str = "text", option: str | None = None,
                     vote: bool = True) -> tuple[str | None, list[int]]:
    """JSON lines: the field of a role named in ``candidates`` (see ``_text_field_of_records``),
    with its other exact spellings read together; ``(field or None, records with text under
    two spellings)``.

    Fields in ``given`` are left out (another role has them) and a field that only contains a
    candidate name is not taken when its folded name is in ``exclude``. With ``vote`` the
    field most records have is taken, else the first in the candidates' order (as
    ``guess_column``), except that fields read together are named after the one most records
    have. Reading them together changes ``table`` (the other spellings' columns are removed)
    and adds one line to ``table.notes`` naming the ``what`` field and ``option``; nothing is
    combined when a record has text under two of the spellings (those records are returned).
    """
    given = set(given)
    matches = [c for c in _candidate_matches(table.columns, candidates, exclude) if c not in given]
    names = frozenset(fold_name(c) for c in candidates)
    spellings = [c for c in matches if fold_name(c) in names]
    # The vote is held among the exact names: a field that only contains one (「意見番号」,
    # 「意見の理由」) is in more records when empty submissions leave the text field out.
    voters = spellings or matches
    if len(voters) < 2:
        return (voters[0] if voters else None), []
    keys = table.present_keys or []
    present = {c: sum(c in k for k in keys) for c in voters}
    main = max(voters, key=present.__getitem__)  # the first of the most present: ties in name order
    if len(spellings) < 2:
        return (main if vote else voters[0]), []
    with_text = [[c for c in spellings if row.get(c, "").strip()] for row in table.rows]
    clash = [i for i, names in enumerate(with_text, 1) if len(names) > 1]
    if clash:
        return (main if vote else voters[0]), clash
    others = [c for c in spellings if c != main]
    moved: dict[str, list[int]] = {c: [] for c in others}
    for i, (row, names) in enumerate(zip(table.rows, with_text), 1):
        if names and names[0] != main:
            row[main] = row[names[0]]
            moved[names[0]].append(i)
        for c in others:
            row.pop(c, None)
    drop = set(others)
    table.present_keys = [frozenset((k - drop) | ({main} if k & set(spellings) else set())) for k in keys]
    table.columns = [c for c in table.columns if c not in drop]
    moved = {c: nums for c, nums in moved.items() if nums}  # a name that never held text: nothing to say
    if moved:
        table.notes.append(
            f"the records name the {what} field {len(moved) + 1} ways: {main!r} in {present[main]} records, "
            + ", ".join(f"{c!r} in {len(n)} (record{'s' if len(n) > 1 else ''} {record_list(n)})"
                        for c, n in moved.items())
            + f"; read together as the {what} column {main!r}"
            + (f" ({option} NAME reads one field only)" if option else ""))
    return main, []


# ---------------------------------------------------------------- comment ids


def rows_of_one_submission(values: Sequence[str], who: Sequence[Sequence[str]], texts: Sequence[str],
                           row_sheets: Sequence[str] | None = None, blank: Collection[int] = ()) -> list[list[int]]:
    """Runs of rows (0-based indices, two or more each) that are one submission typed over several
    rows, one opinion per row, as a 受付簿 or 意見整理表 is kept (or a 受付番号 cell merged over the
    rows, filled down by the reader): the id ``values`` repeat on consecutive rows of one sheet
    and nowhere else, the rows' ``who`` (channel, 氏名, kind, 団体名 …, one tuple per row) never
    disagree where both are filled, and their ``texts`` differ. Any other repeat (apart in the
    file, another 氏名 or 提出方法, the same text twice) is left to ``assign_comment_ids``'s warning:
    it may be a wrong id column or a row typed twice. ``blank``: rows whose every cell is empty (a CSV's
    「,,」 line), which do not part a submission's rows (QA55).

    >>> rows_of_one_submission(["1", "1", "1", "2", "3", "3"], [("山田",), ("",), ("山田",), ("佐藤",), ("鈴木",), ("高橋",)],
    ...                        ["図書館を…", "駐輪場を…", "公民館を…", "図書館を…", "駐輪場を…", "公民館を…"])
    [[0, 1, 2]]
    """
    rows_of: dict[str, list[int]] = {}
    for k, v in enumerate(values):
        if (v or "").strip():
            rows_of.setdefault(v.strip(), []).append(k)
    runs = []
    blank = set(blank)
    for rows in rows_of.values():
        if len(rows) < 2 or any(k not in blank for k in range(rows[0], rows[-1] + 1) if k not in rows):
            continue
        if row_sheets is not None and len({row_sheets[k] for k in rows if k < len(row_sheets)}) > 1:
            continue
        width = max(len(who[k]) for k in rows)
        if any(len({who[k][c] for k in rows if c < len(who[k]) and who[k][c]}) > 1 for c in range(width)):
            continue
        said = [texts[k].strip() for k in rows if texts[k].strip()]
        if len(said) != len(set(said)):
            continue
        runs.append(rows)
    return sorted(runs)


def one_submission_line(runs: Sequence[Sequence[int]], ids: Sequence[str], column: str | None,
                        where: Callable[[Sequence[int]], str]) -> str:
    """The run's line on ``rows_of_one_submission``: which ids span rows, and how they count."""
    shown = "; ".join(f"{ids[rows[0]]} on {where(rows)}" for rows in runs[:5])
    more = f" and {len(runs) - 5} more" if len(runs) > 5 else ""
    n = len(runs)
    first = runs[0]
    numbered = ", ".join(f"{ids[first[0]]}-{k}" for k in range(1, min(len(first), 3) + 1))
    return (f"{column or 'id'}: {n} submission{'s' if n > 1 else ''} typed over several rows, one opinion per row, "
            f"{'each counts' if n > 1 else 'counts'} once in 提出件数 and 提出者数, its opinions numbered on "
            f"({numbered}{' …' if len(first) > 3 else ''}): {shown}{more}")


def assign_comment_ids(values: Sequence[str], column: str | None = None,
                       row_numbers: Sequence[int] | None = None,
                       option: str | None = "--id-column",
                       where: Callable[[Sequence[int]], str] | None = None,
                       row_sheets: Sequence[str] | None = None,
                       blank: Collection[int] = (),
                       one_submission: Sequence[Sequence[int]] = ()) -> tuple[list[str], list[str]]:
    """One distinct id per row from the id column's ``values`` (``column``: its name, for the
    messages); ``(ids, lines to print)``.

    A row without an id gets its row number (1-based, in ``values``), unless that is an id
    another row has in the column: then 「row3」, so a blank id never takes a real one. A
    repeated id keeps the first row's id and the repeats become 「1~2」, 「1~3」 (never an id the
    file uses), with one warning line naming them. ``row_numbers``: the rows' numbers in the
    file, for the messages; ``where`` (``Table.where``): names rows (0-based indices) as
    opinions.csv numbers them, with their place in the file, instead.

    Several Excel sheets read as one table (``row_sheets``: each row's sheet; by default the
    sheets of the table whose ``where`` is given): a row without an id gets its sheet's name and
    its row number on that sheet, as ids repeated across sheets do (「FAX-6」, else 「FAX-row6」),
    so staff find it on the sheet it came from, not at its place in the joined table. With an id
    ``column``, such ids look typed: one line names the rows numbered by their place and their ids
    (the first 10, 「and N more」), with the moved ones' line when there is one; ``blank``: rows whose
    every cell is empty, said elsewhere as no submission, not named again.

    ``one_submission`` (``rows_of_one_submission``): runs of rows that are one submission; they
    keep the id they share (no 「1~2」, no warning), and one line says how they count.

    >>> assign_comment_ids(["1", "", "2", "1"], "番号")[0]
    ['1', 'row2', '2', '1~2']
    >>> assign_comment_ids(["", "FAX-1", ""], row_sheets=["郵送", "FAX", "FAX"])[0]
    ['郵送-1', 'FAX-1', 'FAX-2']
    """
    if row_sheets is None:
        table = getattr(where, "__self__", None)
        if isinstance(table, Table) and len(table.sheets) > 1 and len(table.row_sheets) == len(values):
            row_sheets = table.row_sheets
    sheets = list(row_sheets) if row_sheets and len(set(row_sheets)) > 1 else None
    real = [(v or "").strip() for v in values]
    taken = {v for v in real if v}
    used: set[str] = set()
    numbers = list(row_numbers) if row_numbers is not None else list(range(1, len(real) + 1))
    if where is None:
        def where(indices: Sequence[int]) -> str:
            return f"rows {record_list([numbers[i] for i in indices])}"

    def free(base: str) -> str:
        k = 2
        while f"{base}~{k}" in taken or f"{base}~{k}" in used:
            k += 1
        return f"{base}~{k}"

    ids: list[str] = []
    first_row: dict[str, int] = {}
    repeats: dict[str, list[int]] = {}  # 0-based indices of the rows that use each repeated id
    moved: list[int] = []
    moved_rows: list[int] = []  # their indices
    on_sheet: Counter = Counter()  # rows so far on each sheet
    shared = {k for rows in one_submission for k in rows[1:]}  # rows that go on their first row's submission
    for k, v in enumerate(real):
        if sheets is not None:
            on_sheet[sheets[k]] += 1
        if v and k in shared:
            ids.append(v)
            continue
        if v:
            if v in used:
                cid = free(v)
                repeats.setdefault(v, [first_row[v]]).append(k)
            else:
                cid = v
                first_row[v] = k
        else:
            # the 1-based row number: in the table, or on the row's sheet after its name (FAX-6)
            front, number = (f"{sheets[k]}-", on_sheet[sheets[k]]) if sheets is not None else ("", k + 1)
            cid = f"{front}{number}"
            if cid in taken or cid in used:
                cid = f"{front}row{number}"
                if cid in taken or cid in used:
                    cid = free(cid)
                moved.append(cid)
                moved_rows.append(k)
        used.add(cid)
        ids.append(cid)
    notes = []
    name = column or "id"
    if one_submission:
        notes.append(one_submission_line(one_submission, ids, column, where))
    if repeats:
        shown = "; ".join(f"{v} ({where(rows)})" for v, rows in list(repeats.items())[:5])
        notes.append(f"warning: {len(repeats)} {name} value{'s' if len(repeats) > 1 else ''} used by more than one "
                     f"row: {shown}{'; …' if len(repeats) > 5 else ''}; the repeats are read as "
                     f"{next(iter(repeats))}~2 …" + (f" (is {name} the id column? {option} names another)"
                                                     if option else ""))
    # the rows numbered by their place (not moved): an id column exists, so they look like typed
    # ids (「FAX-3」) unless said; one line with the moved ones, each row named once
    moved_set = set(moved_rows)
    # (rows whose every cell is empty, ``blank``, are said once already, as no submission: QA30)
    placed = [k for k, v in enumerate(real) if not v and k not in moved_set and k not in blank] if column else []
    if placed:
        table = getattr(where, "__self__", None)
        table = table if isinstance(table, Table) and len(table.rows) == len(real) else None

        def place(k: int) -> str:
            if table is not None:
                if table.format == "jsonl":
                    return f"record {k + 1}"
                if table.format == "xlsx" and len(table.row_numbers) > k:
                    return (f"sheet {table.row_sheets[k]} row {table.row_numbers[k]}" if sheets is not None
                            and len(table.row_sheets) > k else f"Excel row {table.row_numbers[k]}")
                lines = table.line_numbers if len(table.line_numbers) > k else table.row_numbers
                return f"line {lines[k]} of the file" if len(lines) > k else ""
            if sheets is not None:
                return f"sheet {sheets[k]}" + (f" row {numbers[k]}" if row_numbers is not None else "")
            return f"row {numbers[k]}" if row_numbers is not None else ""

        shown = ", ".join(ids[k] + (f" ({place(k)})" if place(k) else "") for k in placed[:10])
        more = f" and {len(placed) - 10} more" if len(placed) > 10 else ""
        line = (f"{len(placed)} row{'s' if len(placed) > 1 else ''} without a {name} "
                f"{'are' if len(placed) > 1 else 'is'} numbered by {'their' if len(placed) > 1 else 'its'} "
                f"place: {shown}{more}")
        notes.append(line)
    if moved and sheets is not None:
        notes.append(f"{len(moved)} row{'s' if len(moved) > 1 else ''} without a {name} read as "
                     f"{record_list(moved)} ({where(moved_rows)}): "
                     f"{'their row numbers on their sheets are' if len(moved) > 1 else 'its row number on its sheet is'}"
                     f" another row's {name}")
    elif moved:
        notes.append(f"{len(moved)} row{'s' if len(moved) > 1 else ''} without a {name} read as "
                     f"{record_list(moved)}: {'their row numbers are' if len(moved) > 1 else 'its row number is'} "
                     f"another row's {name}")
    if placed and moved:  # one line for the rows without an id
        notes[-2:] = [f"{notes[-2]}; {notes[-1]}"]
    return ids, notes


# ---------------------------------------------------------------- writing


def escape_cell(value) -> object:
    """Neutralise text that a spreadsheet would run as a formula (numbers pass through)."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in _FORMULA_START and not _NUMBER_RE.match(value):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """Undo ``escape_cell`` on a cell read back from a CSV this tool wrote ("'=..." -> "=...")."""
    if value[:1] == "'" and value[1:2] and value[1] in _FORMULA_START:
        return value[1:]
    return value


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it over ``path`` only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp_path, 0o666 & ~umask)  # mkstemp makes 0600; outputs are shared documents
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


# A character the CSV's code page (--report-encoding cp932) cannot hold becomes 〓 (geta, the
# mark Japanese print uses for a missing character), never a silent "?"; a look-alike the code
# page has is used first (— -> ―), and decomposed kana are composed (か+゛ -> が).
GETA = "〓"
_CODEPAGE_LOOKALIKE = str.maketrans({"\u2014": "\u2015"})


def codepage_text(value, encoding: str, lost: list[str]):
    """``value`` with the characters ``encoding`` lacks replaced by 〓 (appended to ``lost``)."""
    if not isinstance(value, str):
        return value
    try:
        value.encode(encoding)
        return value
    except UnicodeEncodeError:
        pass
    out = []
    for ch in unicodedata.normalize("NFC", value.translate(_CODEPAGE_LOOKALIKE)):
        if _VARIATION_SELECTOR_RE.match(ch):  # 「葛󠄀」: the kanji stays, its glyph variant goes (no 〓 after it)
            continue
        try:
            ch.encode(encoding)
            out.append(ch)
        except UnicodeEncodeError:
            lost.append(ch)
            out.append(GETA)
    return "".join(out)


def write_csv(path: str | os.PathLike, header: Sequence[str], rows: Iterable[Sequence],
              encoding: str = "utf-8-sig") -> None:
    """CSV for Excel: UTF-8 with BOM, CRLF-free quoting, formula cells escaped, atomic.

    In another encoding (cp932) characters it lacks are written as 〓, with a warning on stderr."""
    lost: list[str] = []
    fit = (lambda v: v) if encoding.lower().replace("_", "-") in ("utf-8-sig", "utf-8", "utf8") else (
        lambda v: codepage_text(v, encoding, lost))
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow([fit(escape_cell(h)) for h in header])
            for row in rows:
                writer.writerow([fit(escape_cell("" if v is None else v)) for v in row])
    if lost:
        import sys

        examples = ", ".join(f"{ch} U+{ord(ch):04X}" for ch in dict.fromkeys(lost))
        examples = examples if len(examples) <= 60 else examples[:60].rsplit(", ", 1)[0] + ", …"
        print(f"warning: {Path(path).name}: {len(lost)} character(s) not in {encoding} written as {GETA} "
              f"({examples})", file=sys.stderr)


def write_text(path: str | os.PathLike, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def write_json(path: str | os.PathLike, obj) -> None:
    write_text(path, json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


# ---------------------------------------------------------------- counting channels and submitters

STANDARD_CHANNELS = ("郵送", "持参", "FAX", "電子メール")
_DASHES_RE = re.compile(r"[\u2010-\u2015\u2212\u30fc\uff70-]")  # hyphens, minus, 「ー」 in 「E‐mail」
_LATIN_DASH_RE = re.compile(r"(?<![\u30a1-\u30fa])[\u2010-\u2015\u2212\u30fc\uff70-]")
_CHANNEL_VARIANTS = {
    "郵送": ("郵送", "郵便", "郵送提出", "郵便による提出", "郵送による提出", "はがき", "ハガキ", "封書",
             "post", "postal", "postalmail", "letter", "bypost"),
    "持参": ("持参", "窓口", "窓口持参", "窓口へ持参", "窓口に持参", "持ち込み", "持込", "直接持参", "来庁",
             "walkin", "inperson", "counter", "handdelivered", "handdelivery", "bringin"),
    "FAX": ("fax", "ファクス", "ファックス", "ファクシミリ", "fax送信", "ファクス送信", "ファックス送信", "facsimile"),
    "電子メール": ("電子メール", "メール", "email", "eメール", "mail", "電子メール送信", "メール送信"),
    # a web form: the fifth channel the report lists (pipeline.CHANNEL_ORDER), one spelling
    "電子申請": ("電子申請", "web", "online", "website", "webform", "onlineform", "internet", "ウェブ", "ウェブサイト",
             "webサイト", "ホームページ", "インターネット", "オンライン", "電子申請システム", "フォーム", "webフォーム",
             "ウェブフォーム", "オンラインフォーム", "forms", "googleforms", "microsoftforms", "ウェブ申請", "web申請", "オンライン申請", "電子申込",
             # the form services' own names, as their exports are named (QA100: 「Googleフォーム_環境計画」「LoGoフォーム_回答」
             # were channels of their own); not kintone, a database staff type letters into too
             "googleフォーム", "グーグルフォーム", "logoフォーム", "logoform", "ロゴフォーム", "graffer", "グラファー",
             "etumo", "電子申請サービス", "microsoftフォーム", "msforms", "formrun",
             # a ministry's consultation: e-Gov (電子政府の総合窓口), its export named after it (QA25)
             "egov", "e-gov", "イーガブ", "電子政府の総合窓口", "電子政府", "egovパブリックコメント",
             "e-govパブリック・コメント", "パブリック・コメント(e-gov)"),
}
# the channels the report names as such; any other value is counted as written, and said
KNOWN_CHANNELS = (*STANDARD_CHANNELS, "電子申請")


def _channel_key(text: str) -> str:
    key = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    # 「e-mail」「Eーmail」, but not the long vowel of a katakana word beside Latin letters (「LoGoフォーム」: QA53
    # counted it under its own name, not 電子申請)
    return _LATIN_DASH_RE.sub("", key) if re.search(r"[a-z]", key) else key


_CHANNEL_MAP = {_channel_key(v): std for std, variants in _CHANNEL_VARIANTS.items() for v in variants}


_CHANNEL_NOTE_RE = re.compile(r"^(.+?)\s*(?:\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|「[^「」]*」|〔[^〔〕]*〕|<[^<>]*>)$")


def normalize_channel(value: str) -> str:
    """One spelling per channel for 提出方法別: NFKC, whitespace folded, and the known variants
    (ＦＡＸ, ファクス, E-mail, Eメール, 郵便, 窓口, Post, Walk-in, In person ...) mapped to
    郵送 / 持参 / FAX / 電子メール, and a web form (Web, Online, ウェブ, ホームページ) to 電子申請.
    Anything else is kept as written after NFKC, without the spaces next to Japanese characters;
    "" stays "" (``unknown_channels`` names the values that are not a known channel).

    A standard channel followed by a note in brackets is that channel (「持参（窓口）」 -> 持参).

    >>> [normalize_channel(v) for v in ["ＦＡＸ", "ファックス", "E-mail", "郵便", "窓口", " 電子申請 ", "持参（窓口）",
    ...                                 "Post", "Walk-in", "Online form"]]
    ['FAX', 'FAX', '電子メール', '郵送', '持参', '電子申請', '持参', '郵送', '持参', '電子申請']
    """
    text = " ".join(unicodedata.normalize("NFKC", value or "").split())
    text = re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)  # 「電子 申請」 -> 「電子申請」
    if not text:
        return ""
    found = _CHANNEL_MAP.get(_channel_key(text))
    if found is None:
        # a standard channel with a note in brackets: 「持参（窓口）」, 「FAX(夜間)」, 「郵送【はがき】」
        m = _CHANNEL_NOTE_RE.match(text)
        found = _CHANNEL_MAP.get(_channel_key(m.group(1))) if m else None
    return found or text


def channel_in_name(name: str) -> str:
    """The channel a file or sheet name starts or ends with (「e-Gov意見」「郵送分」「電子メール_2月」 -> 電子申請,
    郵送, 電子メール), else the name as ``normalize_channel`` gives it. QA40: 「e-Gov意見.csv」 was counted
    under 「e-Gov意見」 rather than 電子申請."""
    found = normalize_channel(name)
    if found in KNOWN_CHANNELS or not found:
        return found
    key = _channel_key(found)
    bare = key[:-1] if key.endswith("分") else key  # 「意見_郵送分」: the 分 of a batch (QA101: a channel of its own)
    # a batch named anywhere in the name wins over the tool staff typed it into (QA101: 「LoGoフォーム_郵送分入力」
    # holds letters that came by post, typed into the form, and was counted as 電子申請)
    for variant in sorted(_CHANNEL_MAP, key=len, reverse=True):
        if (len(variant) >= 2 and _CHANNEL_MAP[variant] != "電子申請"
                # (not 「郵送分析」「メール分類」: 分 opening a word, QA105)
                and re.search(re.escape(variant) + r"分(?![析類担布野割散科館室署岐量別解裂配業])", key)):
            return _CHANNEL_MAP[variant]
    for variant in sorted(_CHANNEL_MAP, key=len, reverse=True):
        if len(variant) >= 2 and (key.startswith(variant) or key.endswith(variant) or bare.endswith(variant)):
            return _CHANNEL_MAP[variant]
    return found


def unknown_channels(values: Iterable[str]) -> Counter:
    """The channel values (as ``normalize_channel`` gives them) that are not a known channel
    (``KNOWN_CHANNELS``), with how many rows have each; empty values are not counted."""
    return Counter(c for c in (normalize_channel(v) for v in values) if c and c not in KNOWN_CHANNELS)


# What people write in a 氏名 field instead of a name: not a person, never masked as one, and
# every such row counts as its own submitter.
NO_NAME = frozenset({"匿名", "無記名", "名無し", "なし", "無し", "不明", "非公開", "未記入", "記入なし", "省略",
                     "市民", "県民", "区民", "町民", "村民", "住民", "個人", "一市民", "一住民", "-", "ー", "―",
                     "*", "×", "n/a", "anonymous"})  # compared after NFKC, spaces removed, lower case


def is_real_name(name: str) -> bool:
    """False for an empty 氏名 or a placeholder such as 匿名 or 市民 (see ``NO_NAME``)."""
    key = "".join(unicodedata.normalize("NFKC", name or "").split())
    return bool(key) and key.lower() not in NO_NAME


@lru_cache(maxsize=1 << 16)  # (called for each submission by every count; names repeat)
def submitter_key(name: str) -> str:
    """The key that counts one submitter once: NFKC with every space removed, so 「山田 太郎」,
    「山田　太郎」 and 「山田太郎」 are one person; a variant kanji as the masking reads it (「山﨑」 is
    山崎, 「𠮷田」 吉田, 「髙橋」 高橋: a typed-in letter and the web form spell one name both ways, QA54)
    and without variation selectors (「葛󠄀西」 is 葛西). "" for no name or a placeholder (匿名, 市民 …)."""
    if not is_real_name(name):
        return ""
    from .mask import _ITAIJI

    key = "".join(unicodedata.normalize("NFKC", _INVISIBLE_RE.sub("", name or "")).split()).translate(_ITAIJI)
    return _VARIATION_SELECTOR_RE.sub("", key) if _VARIATION_SELECTOR_RE.search(key) else key


_VARIATION_SELECTOR_RE = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")

# a submitter's address column (not お住まいの地区, an attribute: see pipeline._ATTRIBUTE_NAME_RE)
_ADDRESS_NAME_RE = re.compile(r"^(?:ご|御)?(?:現)?(?:住所|所在地)(?:[・/／](?:所在地|住所))?(?:[（(][^)）]*[)）])?[0-9１-９]?$")


def choose_address_column(table: "Table", taken: Mapping[str, str | None]) -> str | None:
    """The column of the submitters' addresses (住所, ご住所, 所在地, 住所（市町村名まで）), when the table has a
    submitter column: it tells two people of one name apart for 提出者数 (QA83: 10 namesakes at different
    addresses were counted as one each). None when there is none; the column found is no longer unused."""
    if not taken.get("submitter"):
        return None
    used = {c for c in taken.values() if c}
    found = next((c for c in table.columns if c not in used and _ADDRESS_NAME_RE.match(fold_name(c))), None)
    if found:
        table.unused_columns = [c for c in table.unused_columns if c != found]
    return found


def address_key(address: str) -> str:
    """An address as compared for 提出者数: NFKC, no spaces, no postal code, kanji numerals of its block and lot as
    digits, 丁目/番地/番/号 and dashes as 「-」 (「北町4丁目18番19号」, 「北町四丁目十八番十九号」 and 「〒123-4567 北町4-18-19」
    are one address)."""
    text = "".join(unicodedata.normalize("NFKC", address or "").split())
    text = re.sub(r"〒?\d{3}[-‐－―−ー]\d{4}|〒\d{7}", "", text)
    text = _KANJI_BLOCK_RE.sub(lambda m: str(_kanji_number(m.group(1))) + m.group(2), text)
    text = re.sub(r"(?<=\d)[‐－―−–ー-]+(?=\d)", "-", text)
    text = re.sub(r"(?<=\d)(?:丁目|番地の?|番の?|号の?|の|ノ)(?=\d)", "-", text)
    text = re.sub(r"(?<=\d)(?:丁目|番地|番|号)(?![室棟館\d])", "", text)
    return text.strip("-")


_KANJI_DIGITS = "〇一二三四五六七八九"
_KANJI_BLOCK_RE = re.compile(r"([〇一二三四五六七八九十百千]+)(丁目|番地|番|号|の|ノ|[‐－―−ー-](?=[〇一二三四五六七八九十\d]))")


def _kanji_number(text: str) -> int:
    """「十八」 18, 「二〇五」 205, 「百二」 102 (the numbers of an address)."""
    if all(ch in _KANJI_DIGITS for ch in text):
        return int("".join(str(_KANJI_DIGITS.index(ch)) for ch in text))
    total, digit = 0, 0
    for ch in text:
        if ch in _KANJI_DIGITS:
            digit = _KANJI_DIGITS.index(ch)
        else:
            total += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            digit = 0
    return total + digit


_ADDRESS_CORE_RE = re.compile(r"[^\d\-]{2,3}\d+(?:-\d+)+")  # 「葉町2-4-6」: the town's last characters and its numbers


def _same_address(a: str, b: str) -> bool:
    """Two ``address_key``s of one place: the same town and block and lot, or one inside the other (the city left
    out, a building added) where the shorter one does not end or start inside a number (北町1-2 is not in 北町1-23)."""
    short, long_ = sorted((a, b), key=len)
    core_a, core_b = _ADDRESS_CORE_RE.search(a), _ADDRESS_CORE_RE.search(b)
    if core_a and core_b and core_a.group(0) == core_b.group(0):
        return True  # the town and its block and lot (「みなと市若葉町2-4-6」, 「若葉町2-4-6グリーンハイツ101号室」)
    at = long_.find(short)
    if at < 0 or not short:
        return False
    end = at + len(short)
    return not (end < len(long_) and long_[end].isdigit() and short[-1].isdigit()) and not (
        at > 0 and long_[at - 1].isdigit() and short[0].isdigit())


def resolve_addresses(subs: Sequence) -> tuple[list, dict[str, int]]:
    """``subs`` with each ``address`` set to who the submission is among the people of its 氏名: "" when the
    name's submissions give one address or none (counted by the name, as without the column), else the number
    of its address (「1」, 「2」 …), one address written two ways (``_same_address``) one number; a submission
    without an address (a blank cell, or a file without the column) is the name's first person (QA87: each was
    counted as a person more). Also {name: how many people it is} for the names kept apart."""
    if not any(s.address for s in subs):  # no 住所 column (most inputs): names alone, as before
        return list(subs), {}
    by_name: dict[str, list[int]] = {}
    for k, s in enumerate(subs):
        key = submitter_key(s.submitter)
        if key:
            by_name.setdefault(key, []).append(k)
    out = list(subs)
    apart: dict[str, int] = {}
    key_of = {k: address_key(subs[k].address) for ks in by_name.values() for k in ks}
    for ks in by_name.values():
        keys = list(dict.fromkeys(key_of[k] for k in ks if key_of[k]))
        parent = {a: a for a in keys}

        def root(a: str) -> str:
            while parent[a] != a:
                a = parent[a]
            return a

        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if _same_address(a, b) and root(a) != root(b):
                    parent[root(b)] = root(a)
        people = list(dict.fromkeys(root(a) for a in keys))  # in input order
        if len(people) > 1:
            apart[subs[ks[0]].submitter.strip()] = len(people)
        for k in ks:
            mine = key_of[k]
            said = str(people.index(root(mine)) + 1) if len(people) > 1 and mine else "1" if len(people) > 1 else ""
            if said != subs[k].address:
                out[k] = dc_replace(subs[k], address=said)
    for k, s in enumerate(out):  # no name: an address tells no one apart
        if s.address and not submitter_key(s.submitter):
            out[k] = dc_replace(s, address="")
    return out, apart


def person_key(sub) -> str:
    """The key that counts one submitter once: the 氏名 (``submitter_key``), and which of the name's people it is
    when their addresses tell them apart (``resolve_addresses``); "" for no name."""
    key = submitter_key(sub.submitter)
    address = getattr(sub, "address", "")
    return f"{key}@{address}" if key and address else key

