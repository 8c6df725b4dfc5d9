"""Reliability: no input breaks the readers, the splitter or a run, and no row is lost.

Property-based (hypothesis): arbitrary Unicode, mixed newlines, quoting, BOMs, CP932 round
trips, 1 MB fields, NUL and control bytes, Excel files with merged cells and empty sheets.
Each input either reads with every data row accounted for, or fails with one clear
``InputError`` line. The property functions take no fixtures, so
benchmarks/bench_reliability.py runs them with thousands of examples.
"""
from __future__ import annotations

import csv
import functools
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cluster.io import InputError, read_table, strip_controls
from cluster.split import _HEADING_RE, _INLINE_CIRCLED, _INLINE_PAREN, _MARKERS, _SECTION_LABEL_RE, split_submission

from reliability_strategies import (one_blas_thread,  # noqa: F401 (autouse fixture)
                                    STATS, comment_text, cp932_text, prop_settings, sentence,
                                    structured_submission)



def _one_line(exc: Exception) -> None:
    msg = str(exc)
    assert msg and "\n" not in msg and "Traceback" not in msg, msg


def _expected(value: str) -> str:
    return strip_controls(value)[0]


# ------------------------------------------------------------------ delimited readers

NEWLINES = ["\r\n", "\n", "\r"]


def _write_delimited(path: Path, header, rows, encoding: str, newline: str, delimiter: str,
                     quoting=csv.QUOTE_MINIMAL) -> None:
    """CSV as Excel and other programs write it: a field is quoted when it holds the
    separator, a quote or any line break (csv.writer leaves a bare CR unquoted when the line
    end is LF, which no reader can tell from a line end), or always with QUOTE_ALL."""
    def cell(value: str) -> str:
        if quoting == csv.QUOTE_ALL or any(ch in value for ch in (delimiter, '"', "\r", "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    # a row of one empty field is written "" (as the csv module does): a blank line is not a row
    lines = [delimiter.join(cell(v) for v in row) if row != [""] else '""' for row in [header, *rows]]
    path.write_bytes("".join(line + newline for line in lines).encode(encoding))


def _read_or_refused_as_binary(path: Path):
    """``read_table(path)``, or ``None`` when it refuses the file with one "binary" error line."""
    STATS["reader_inputs"] += 1
    try:
        return read_table(path)
    except InputError as exc:
        _one_line(exc)
        STATS["reader_input_errors"] += 1
        assert "binary" in str(exc), str(exc)
        return None


def check_delimited_rows(texts, ids_numeric, encoding, newline, delimiter, quoting) -> None:
    header = ["番号", "ご意見", "提出方法"]
    rows = [[str(i + 1) if ids_numeric else f"A-{i + 1:03d}", t, "電子メール"] for i, t in enumerate(texts)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("comments.tsv" if delimiter == "\t" else "comments.csv")
        _write_delimited(path, header, rows, encoding, newline, delimiter, quoting)
        table = _read_or_refused_as_binary(path)
        if table is None:  # only a file made mostly of control characters may be refused
            assert len(re.findall(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe]", "".join(texts))) > 0
            return
        assert table.columns[:3] == header
        assert len(table.rows) == len(rows), "a data row was lost or invented"
        for want, got in zip(rows, table.rows):
            assert got["番号"] == want[0]
            assert got["ご意見"] == _expected(want[1])
            assert got["提出方法"] == "電子メール"
        STATS["reader_rows_checked"] += len(rows)


@prop_settings(60)
@given(texts=st.lists(comment_text, min_size=1, max_size=12), ids_numeric=st.booleans(),
       encoding=st.sampled_from(["utf-8", "utf-8-sig"]), newline=st.sampled_from(NEWLINES),
       delimiter=st.sampled_from([",", "\t"]), quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_delimited_reader_keeps_every_row(texts, ids_numeric, encoding, newline, delimiter, quoting):
    check_delimited_rows(texts, ids_numeric, encoding, newline, delimiter, quoting)


@prop_settings(40)
@given(texts=st.lists(cp932_text, min_size=1, max_size=10), newline=st.sampled_from(NEWLINES),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_cp932_round_trip(texts, newline, quoting):
    # Japanese CP932 files (Excel's 「CSV」) come back character for character.
    texts = [sentence_prefix + t for sentence_prefix, t in zip(["図書館について："] * len(texts), texts)]
    check_delimited_rows(texts, True, "cp932", newline, ",", quoting)


def test_huge_field_one_megabyte(tmp_path):
    big = ("公園の樹木を残してください。" * 80_000)[:1_000_000]
    for encoding in ("utf-8-sig", "cp932"):
        path = tmp_path / f"big-{encoding}.csv"
        _write_delimited(path, ["番号", "ご意見"], [["1", big], ["2", "短い意見です。"], ["3", big + "\x00"]],
                         encoding, "\r\n", ",")
        table = read_table(path)
        assert [len(r["ご意見"]) for r in table.rows] == [1_000_000, 7, 1_000_000]
        assert table.control_chars_removed == [0, 0, 1]


def test_huge_field_with_unclosed_quote_is_one_line(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text('番号,ご意見\n1,"' + "閉じていない引用符" * 200_000 + "\n2,次の行\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    _one_line(info.value)
    assert "quote" in str(info.value)


def test_old_mac_cr_only_file_with_tabs_in_text(tmp_path):
    # CR-only line ends: the header is still the first line when guessing the separator.
    path = tmp_path / "mac.csv"
    rows = [["1", "意見\tタブ\tを\t含む\t本文"], ["2", "駐輪場を増やして\tほしい。"]]
    _write_delimited(path, ["番号", "ご意見"], rows, "cp932", "\r", ",")
    table = read_table(path)
    assert [r["ご意見"] for r in table.rows] == [r[1] for r in rows]


@pytest.mark.parametrize("payload", [
    b"\x00" * 4000,
    bytes(range(256)) * 40,
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20,
    "ご意見\n".encode() + b"\x00\x01\x02\x03" * 1000,
    b"\xef\xbb\xbf" + "ご意見\n".encode() + b"\xff\xfe\x00\x81",  # a BOM, then not UTF-8
    b"\xff\xfe" + "ご意見\n公園".encode("utf-16-le")[:-1],  # UTF-16 cut in the middle of a character
])
def test_binary_input_is_one_clear_line(tmp_path, payload):
    path = tmp_path / "comments.csv"
    path.write_bytes(payload)
    with pytest.raises(InputError) as info:
        read_table(path)
    _one_line(info.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_excel_unicode_text_utf16_with_bom(tmp_path, encoding):
    # Excel's 「Unicode テキスト」: UTF-16 with a byte order mark, tab-separated.
    path = tmp_path / "comments.txt"
    body = "番号\tご意見\r\n1\t公園のトイレを洋式にしてください。\r\n2\t\"図書館は\t夜まで\"\r\n"
    data = body.encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff").encode(encoding) + data
    path.write_bytes(data)
    table = read_table(path)
    assert table.columns == ["番号", "ご意見"]
    assert [r["ご意見"] for r in table.rows] == ["公園のトイレを洋式にしてください。", "図書館は\t夜まで"]


@prop_settings(40)
@given(records=st.lists(st.fixed_dictionaries(
    {"ご意見": st.one_of(comment_text, st.none(), st.integers(), st.floats(allow_nan=False), st.booleans(),
                      st.lists(sentence, max_size=2))},
    optional={"番号": st.integers(0, 10**6), "備考": comment_text}), min_size=1, max_size=10),
    as_array=st.booleans())
def test_jsonl_reader_keeps_every_record(records, as_array):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "comments.jsonl"
        if as_array:
            path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        else:
            path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
        table = _read_or_refused_as_binary(path)
        if table is None:
            return
        assert len(table.rows) == len(records)
        for rec, row in zip(records, table.rows):
            if isinstance(rec["ご意見"], str):
                assert row["ご意見"] == _expected(rec["ご意見"])
        STATS["reader_rows_checked"] += len(records)


# ------------------------------------------------------------------ Excel

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: E402

xlsx_text = comment_text.map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t))
xlsx_value = st.one_of(xlsx_text, xlsx_text, st.none(), st.integers(-10**9, 10**9),
                       st.floats(allow_nan=False, allow_infinity=False, width=32), st.booleans())


@st.composite
def workbook_spec(draw):
    return {
        "empty_sheets_before": draw(st.integers(0, 2)),
        "blank_rows_before": draw(st.integers(0, 2)),
        "rows": draw(st.lists(st.tuples(st.one_of(st.none(), st.integers(1, 9999)), xlsx_value, xlsx_value),
                              min_size=0, max_size=12)),
        "merges": draw(st.lists(st.tuples(st.integers(0, 11), st.integers(1, 3), st.integers(0, 2), st.integers(0, 2)),
                                max_size=3)),
        "sheet_after": draw(st.booleans()),
    }


def _blank(v) -> bool:
    return v is None or not str(v).strip()


def check_xlsx(spec) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws0 = wb.active
    sheets = [ws0]
    for k in range(spec["empty_sheets_before"]):
        sheets.append(wb.create_sheet(f"空{k}"))
    data = wb.create_sheet("意見") if spec["empty_sheets_before"] else ws0
    if data is not ws0:
        ws0.title = "表紙"  # an empty first sheet
    for _ in range(spec["blank_rows_before"]):
        data.append([])
    data.append(["番号", "ご意見", "備考"])
    first_data_row = data.max_row + 1
    rows = [list(r) for r in spec["rows"]]
    for r in rows:
        data.append(r)
    # merged cells inside the data area: openpyxl keeps only the top-left value
    for start, height, c0, width in spec["merges"]:
        if not rows or start >= len(rows):
            continue
        r1 = start
        r2 = min(len(rows) - 1, start + height - 1)
        c1, c2 = c0, min(2, c0 + width)
        if r1 == r2 and c1 == c2:
            continue
        try:
            data.merge_cells(start_row=first_data_row + r1, end_row=first_data_row + r2,
                             start_column=c1 + 1, end_column=c2 + 1)
        except ValueError:
            continue
        for i in range(r1, r2 + 1):
            for j in range(c1, c2 + 1):
                if (i, j) != (r1, c1):
                    rows[i][j] = None
    if spec["sheet_after"]:
        wb.create_sheet("別シート").append(["別", "の", "表"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "comments.xlsx"
        wb.save(path)
        STATS["reader_inputs"] += 1
        STATS["xlsx_inputs"] += 1
        table = read_table(path)
        assert table.columns[:3] == ["番号", "ご意見", "備考"]
        kept = [r for r in rows if not all(_blank(v) for v in r)]  # fully blank sheet rows are not rows
        assert len(table.rows) == len(kept), "a spreadsheet row was lost or invented"
        for want, got in zip(kept, table.rows):
            if isinstance(want[1], str):
                assert got["ご意見"] == _expected(want[1])
            if isinstance(want[0], int) and not isinstance(want[0], bool):
                assert got["番号"] == str(want[0])
        STATS["reader_rows_checked"] += len(kept)


@prop_settings(25)
@given(spec=workbook_spec())
def test_xlsx_reader_merged_cells_and_empty_sheets(spec):
    check_xlsx(spec)


def test_xlsx_with_only_empty_sheets_is_one_line(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.create_sheet("空")
    wb.active["B3"] = "   "
    path = tmp_path / "empty.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as info:
        read_table(path)
    _one_line(info.value)


def test_broken_xlsx_is_one_line(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    with pytest.raises(InputError) as info:
        read_table(path)
    _one_line(info.value)


# ------------------------------------------------------------------ splitter


def _bare_marker(s: str) -> bool:
    """Only item markers (one or several: 「(2)\t(3)」 left by empty inline items) and blanks."""
    s = s.strip(" \t\u3000")
    while s:
        for rx in [rx for _, rx in _MARKERS] + [_INLINE_CIRCLED, _INLINE_PAREN]:
            m = rx.match(s)
            if m and m.end() > 0:
                s = s[m.end():].lstrip(" \t\u3000")
                break
        else:
            return False
    return True


def _heading_line(line: str, heading: str) -> bool:
    """A numbered item that is only a heading over deeper items (「2　各論」 over (1)(2)): its text
    is kept as the next opinion's heading, not lost."""
    words = line.strip(" \t\u3000")
    for _ in range(3):  # its marker (or markers) first
        for rx in [rx for _, rx in _MARKERS] + [_INLINE_CIRCLED, _INLINE_PAREN]:
            m = rx.match(words)
            if m and m.end() > 0:
                words = words[m.end():].lstrip(" \t\u3000")
                break
    return bool(words) and words in heading


def _allowed_gap(gap: str, marker: str, heading: str = "") -> bool:
    """Text between segments: blanks, item markers and heading lines only (a heading-only item's
    text is in the next opinion's ``heading``)."""
    if marker:
        k = gap.rfind(marker)
        if k >= 0 and not gap[k + len(marker):].strip():
            gap = gap[:k]
    for line in re.split(r"\r\n|\r|\n", gap):
        if not line.strip():
            continue
        if _HEADING_RE.match(line) or _SECTION_LABEL_RE.match(line) or _bare_marker(line):
            continue
        if heading and _heading_line(line, heading):
            continue
        return False
    return True


def check_segments(text: str) -> None:
    segs = split_submission(text)
    STATS["split_inputs"] += 1
    STATS["split_segments"] += len(segs)
    assert segs, "no segment at all"
    pos = 0
    for seg in segs:
        assert 0 <= seg.start <= seg.end <= len(text), (seg, len(text))
        assert seg.start >= pos, f"segments overlap or go backwards: {segs}"
        assert seg.text_of(text) == text[seg.start:seg.end]
        gap = text[pos:seg.start]
        assert _allowed_gap(gap, seg.marker, seg.heading), f"text lost between segments: {gap!r} in {text!r} -> {segs}"
        pos = seg.end
    tail = text[pos:]
    assert _allowed_gap(tail, ""), f"text lost after the last segment: {tail!r} in {text!r}"
    # (all segments may be blank only when the text is nothing but markers: the gap checks above)


@prop_settings(100)
@given(text=structured_submission())
def test_splitter_segments_cover_the_text(text):
    check_segments(text)


@prop_settings(100)
@given(text=comment_text)
def test_splitter_on_arbitrary_text(text):
    check_segments(text)


@pytest.mark.parametrize("text", [
    "",
    "　\n\n　",
    "①",
    "(1)\n(2)",
    "(1)　\n(2) 駐輪場を増やしてください。",
    "公園の整備について\n",
    "公園の整備について\n図書館について\n開館時間を延ばしてほしい。",
    "①公園②図書館③駅前",
    "1.5倍に増える利用者に対応してください。\n2.0の計画との違いを示してください。",
    "・\n・ベンチを増やして\n・",
    "(1)照明を明るく\r\n(2)トイレを洋式に\r\n以上、よろしくお願いいたします。",
    "一、樹木を残す\n二、\n三、遊具を増やす",
    "(1)図書館の開館時間を延長してください。(2)\t(0)",
    "①公園を広く②\u3000③",
    "(1)\n\n(2)\x0c",
    "0\rについて\n0",  # found by the reliability benchmark: a lone CR inside a heading line
])
def test_splitter_edge_cases(text):
    check_segments(text)


# ------------------------------------------------------------------ whole runs: every row in opinions.csv


@functools.lru_cache(maxsize=1)
def _encoder():
    from cluster import load_encoder

    try:
        return load_encoder(None)
    except Exception:  # noqa: BLE001 - default model not built: the dependency-free one
        return load_encoder("char-hash")


def _read_opinions(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def check_run_keeps_rows(texts, fmt: str) -> None:
    from cluster.pipeline import RunOptions, run

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if fmt == "xlsx":
            from openpyxl import Workbook

            wb = Workbook()
            wb.active.append(["ご意見", "提出方法"])
            for t in texts:
                wb.active.append([ILLEGAL_CHARACTERS_RE.sub("", t), "郵送"])  # a channel: no row is blank
            path = tmp / "in.xlsx"
            wb.save(path)
        elif fmt == "jsonl":
            path = tmp / "in.jsonl"
            path.write_text("".join(json.dumps({"ご意見": t}, ensure_ascii=False) + "\n" for t in texts),
                            encoding="utf-8")
        else:
            path = tmp / "in.csv"
            _write_delimited(path, ["ご意見"], [[t] for t in texts], fmt, "\r\n", ",")
        STATS["pipeline_inputs"] += 1
        try:
            run(path, tmp / "out", RunOptions(), log=lambda m: None, encoder=_encoder())
        except InputError as exc:
            _one_line(exc)
            STATS["pipeline_input_errors"] += 1
            assert "binary" in str(exc)
            assert not (tmp / "out" / "run.json").exists()
            return
        ops = _read_opinions(tmp / "out" / "opinions.csv")
        got = {int(r["row_number"]) for r in ops}
        assert got == set(range(1, len(texts) + 1)), f"rows lost: {set(range(1, len(texts) + 1)) - got}"
        assert {r["comment_id"] for r in ops} == {str(i) for i in range(1, len(texts) + 1)}
        assert len({r["opinion_id"] for r in ops}) == len(ops)
        for r in ops:
            assert (r["status"] == "ok") == bool(r["cluster_id"])
        info = json.loads((tmp / "out" / "run.json").read_text(encoding="utf-8"))
        assert info["completed"] is True and info["counts"]["input_rows"] == len(texts)
        STATS["pipeline_rows_checked"] += len(texts)


@prop_settings(10)
@given(texts=st.lists(st.one_of(comment_text, structured_submission()), min_size=1, max_size=10),
       fmt=st.sampled_from(["utf-8-sig", "utf-8", "xlsx", "jsonl"]))
def test_run_keeps_every_row(texts, fmt):
    check_run_keeps_rows(texts, fmt)


@prop_settings(6)
@given(texts=st.lists(cp932_text, min_size=1, max_size=8))
def test_run_keeps_every_row_cp932(texts):
    check_run_keeps_rows(["意見：" + t for t in texts], "cp932")
