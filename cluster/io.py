"""Reading raw comment files and writing safe outputs.

One reader for many formats (CSV, TSV, XLSX, JSON lines) and encodings (UTF-8, UTF-8 with
BOM, CP932). Every data row is kept: stray control characters are stripped and counted,
short rows are padded, long rows keep their extra cells. Bad input raises ``InputError``
with one line that says what to change.

Writers escape cells that spreadsheet programs would run as formulas and write atomically
(temporary file + rename), so a failed run never leaves a half-written file behind.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

TEXT_COLUMN_CANDIDATES = (
    "ご意見", "意見", "御意見", "ご意見の内容", "意見の内容", "意見内容", "本文", "内容",
    "寄せられたご意見", "寄せられた御意見", "ご意見の概要", "意見の概要", "コメント",
    "text", "comment", "comments", "opinion", "body", "content", "message",
)
ID_COLUMN_CANDIDATES = (
    "受付番号", "意見番号", "番号", "No.", "No", "no", "ID", "id", "comment_id", "整理番号",
)
CHANNEL_COLUMN_CANDIDATES = (
    "提出方法", "提出手段", "受付方法", "媒体", "受付媒体", "channel", "提出方法（郵送・持参・FAX・電子メール）",
)
SUBMITTER_COLUMN_CANDIDATES = ("提出者", "氏名", "名前", "お名前", "submitter", "name")

# C0/C1 control characters except tab and newlines, plus stray BOMs in the middle of text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class InputError(ValueError):
    """Bad input: the message is one line that tells the user what to change."""


@dataclass
class Table:
    path: Path
    columns: list[str]
    rows: list[dict[str, str]]
    encoding: str = ""
    format: str = ""
    control_chars_removed: list[int] = field(default_factory=list)  # per row

    def __len__(self) -> int:
        return len(self.rows)


def strip_controls(text: str) -> tuple[str, int]:
    """Remove control characters (keep tab/newlines); normalise CRLF/CR to LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned, count = _CONTROL_RE.subn("", text)
    return cleaned, count


def decode_bytes(data: bytes, encoding: str | None = None, name: str = "input") -> tuple[str, str]:
    """Decode as UTF-8 (with or without BOM) or CP932; refuse binary data."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"{name}: cannot decode as {encoding}: {exc}") from None
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
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = data.decode("cp932"), "cp932"
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: not a text file in UTF-8 or CP932 (Shift_JIS); "
                    "save it as CSV UTF-8 or give --encoding"
                ) from None
    sample = text[:20000]
    if sample:
        # Stray control characters are stripped and counted, but a file made mostly of them
        # (or full of NUL bytes, as images, archives and programs are) is not a table.
        controls = len(_CONTROL_RE.findall(sample))
        nuls = sample.count("\x00")
        if controls / len(sample) > 0.3 or (nuls > 8 and nuls / len(sample) > 0.02):
            raise InputError(f"{name}: looks like binary data, not a comment table")
    return text, enc


def _detect_format(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if suffix in (".xlsx", ".xlsm"):
        raise InputError(f"{path}: has an Excel name but is not an .xlsx file")
    if suffix == ".xls":
        raise InputError(f"{path}: old .xls files are not supported; save it as .xlsx or CSV")
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".tsv", ".tab"):
        return "tsv"
    return "csv"


def read_table(path: str | os.PathLike, encoding: str | None = None, sheet: str | None = None,
               fill_merged: bool = False) -> Table:
    """Read a comment or past-answer table. Raises InputError on anything unreadable.

    ``fill_merged``: in Excel files, give every cell of a merged range the range's value. Published
    answer tables merge one 考え方 cell over the several opinions it answers.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    fmt = _detect_format(path, data[:8])
    if fmt == "xlsx":
        columns, raw_rows = _read_xlsx(path, data, sheet, fill_merged)
        enc = "xlsx"
    else:
        text, enc = decode_bytes(data, encoding, str(path))
        if fmt == "jsonl":
            columns, raw_rows = _read_jsonl(path, text)
        else:
            columns, raw_rows = _read_delimited(path, text, fmt)
    columns = _unique_columns(columns)
    rows: list[dict[str, str]] = []
    removed: list[int] = []
    for raw in raw_rows:
        count = 0
        row: dict[str, str] = {}
        for i, col in enumerate(columns):
            value = raw[i] if i < len(raw) else ""
            value, n = strip_controls(value)
            count += n
            row[col] = value
        if len(raw) > len(columns):  # extra cells are kept, never dropped
            extra, n = strip_controls("\t".join(raw[len(columns):]))
            count += n
            if extra.strip():
                row["_extra"] = extra
        rows.append(row)
        removed.append(count)
    if any("_extra" in r for r in rows) and "_extra" not in columns:
        columns.append("_extra")
        for r in rows:
            r.setdefault("_extra", "")
    return Table(path, columns, rows, enc, fmt, removed)


def _unique_columns(columns: Sequence[str]) -> list[str]:
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, col in enumerate(columns):
        col, _ = strip_controls(str(col) if col is not None else "")
        col = col.strip() or f"column{i + 1}"
        if col in seen:
            seen[col] += 1
            col = f"{col}.{seen[col]}"
        else:
            seen[col] = 0
        out.append(col)
    return out


def _read_delimited(path: Path, text: str, fmt: str) -> tuple[list[str], list[list[str]]]:
    if fmt == "tsv":
        delimiter = "\t"
    else:
        first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]  # old Mac files end lines with CR only
        # A .txt or .csv whose header has tabs but no commas is tab-separated.
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    # A comment may be long (a whole letter pasted into one cell): the csv module's default
    # limit of 131,072 characters per field would refuse it, so allow any field the file can hold.
    if csv.field_size_limit() < len(text) + 1:
        csv.field_size_limit(min(len(text) + 1, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(
            f"{path}: broken CSV near line {reader.line_num}: {exc} (check for an unclosed quote)"
        ) from None
    # Fully empty lines are not rows (a trailing newline, spacing); a row of empty cells is.
    rows = [r for r in rows if r]
    if not rows:
        raise InputError(f"{path}: no header row")
    return rows[0], rows[1:]


def _read_jsonl(path: Path, text: str) -> tuple[list[str], list[list[str]]]:
    stripped = text.lstrip()
    records: list = []
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: broken JSON: {exc.msg} at line {exc.lineno}") from None
    else:
        # Only LF (and CRLF) end a JSON line: str.splitlines() would also cut at U+2028, U+0085
        # and other characters that JSON strings may hold as they are.
        for lineno, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}: line {lineno} is not JSON: {exc.msg}") from None
    columns: list[str] = []
    for rec in records:
        if not isinstance(rec, dict):
            rec = {"text": rec}
        for key in rec:
            if key not in columns:
                columns.append(str(key))
    rows = []
    for rec in records:
        if not isinstance(rec, dict):
            rec = {"text": rec}
        rows.append([_cell_text(rec.get(c)) for c in columns])
    if not columns:
        raise InputError(f"{path}: no records")
    return columns, rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


_MERGE_FILL_MAX_BYTES = 30 * 1024 * 1024  # merged ranges need openpyxl's full (slower) mode


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the .xlsx holds a formula element (<f>)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name in zf.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with zf.open(name) as fh:
                        tail = b""
                        while chunk := fh.read(1 << 20):
                            if re.search(rb"<(?:\w+:)?f[ >/]", tail + chunk):
                                return True
                            tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    return False


def _sheet_grid(ws, fill_merged: bool) -> list[list]:
    """The sheet's cell values, row by row, merged ranges filled with their top-left value."""
    if fill_merged:
        for merged in list(ws.merged_cells.ranges):
            value = ws.cell(merged.min_row, merged.min_col).value
            ws.unmerge_cells(str(merged))
            for row in ws.iter_rows(min_row=merged.min_row, max_row=merged.max_row,
                                    min_col=merged.min_col, max_col=merged.max_col):
                for cell in row:
                    cell.value = value
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _with_formula_text(values: list[list], formulas: list[list]) -> list[list]:
    """Cells with no saved result (a formula never calculated, or a comment typed as 「=…」
    by a script) keep their formula text instead of coming out empty: nothing is dropped."""
    out = []
    for i, row in enumerate(values):
        frow = formulas[i] if i < len(formulas) else []
        width = max(len(row), len(frow))
        row = list(row) + [None] * (width - len(row))
        for j in range(width):
            f = frow[j] if j < len(frow) else None
            if row[j] is None and isinstance(f, str) and f.startswith("="):
                row[j] = f
        out.append(row)
    for frow in formulas[len(values):]:
        out.append([f if isinstance(f, str) and f.startswith("=") else None for f in frow])
    return out


def _read_xlsx(path: Path, data: bytes, sheet: str | None, fill_merged: bool = False
               ) -> tuple[list[str], list[list[str]]]:
    import openpyxl

    full = fill_merged and len(data) <= _MERGE_FILL_MAX_BYTES

    def load(data_only: bool):
        try:
            return openpyxl.load_workbook(io.BytesIO(data), read_only=not full, data_only=data_only)
        except Exception as exc:  # openpyxl raises many kinds for broken files
            raise InputError(f"{path}: cannot open as Excel: {exc}") from None

    wb = load(True)
    formula_wb = load(False) if _has_formulas(data) else None
    try:
        if sheet is not None:
            if sheet not in wb.sheetnames:
                raise InputError(f"{path}: no sheet {sheet!r}; sheets: {', '.join(wb.sheetnames)}")
            names = [sheet]
        else:
            names = [ws.title for ws in wb.worksheets]  # not chart sheets
        for name in names:
            values = _sheet_grid(wb[name], full)
            if formula_wb is not None:
                values = _with_formula_text(values, _sheet_grid(formula_wb[name], full))
            values = [r for r in values if any(v is not None and str(v).strip() for v in r)]
            if values:
                header = [_cell_text(v) for v in values[0]]
                while header and not header[-1]:
                    header.pop()
                rows = [[_cell_text(v) for v in r] for r in values[1:]]
                return header, rows
    finally:
        wb.close()
        if formula_wb is not None:
            formula_wb.close()
    raise InputError(f"{path}: the workbook has no data")


def guess_column(columns: Sequence[str], candidates: Iterable[str], given: str | None = None,
                 what: str = "text", required: bool = True) -> str | None:
    """The column to use: ``given`` if it exists, else the first candidate name found."""
    if given is not None:
        if given in columns:
            return given
        raise InputError(
            f"unknown {what} column {given!r}; the file has: {', '.join(columns)}"
        )
    normalized = {unicodedata.normalize("NFKC", c).strip().lower(): c for c in columns}
    for cand in candidates:
        key = unicodedata.normalize("NFKC", cand).strip().lower()
        if key in normalized:
            return normalized[key]
    # Then a column whose name contains a candidate (「ご意見（300字以内）」).
    for cand in candidates:
        key = unicodedata.normalize("NFKC", cand).strip().lower()
        if len(key) < 2:
            continue
        for norm, col in normalized.items():
            if key in norm:
                return col
    if required:
        raise InputError(
            f"cannot guess the {what} column; give --{what}-column (the file has: {', '.join(columns)})"
        )
    return None


# ---------------------------------------------------------------- writing


def escape_cell(value) -> object:
    """Neutralise text that a spreadsheet would run as a formula (numbers pass through)."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in _FORMULA_START and not _NUMBER_RE.match(value):
        return "'" + value
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


def write_csv(path: str | os.PathLike, header: Sequence[str], rows: Iterable[Sequence],
              encoding: str = "utf-8-sig") -> None:
    """CSV for Excel: UTF-8 with BOM, CRLF-free quoting, formula cells escaped, atomic."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding=encoding, newline="", errors="replace" if encoding != "utf-8-sig" else "strict") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow([escape_cell(h) for h in header])
            for row in rows:
                writer.writerow([escape_cell("" if v is None else v) for v in row])


def write_text(path: str | os.PathLike, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def write_json(path: str | os.PathLike, obj) -> None:
    write_text(path, json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n")
