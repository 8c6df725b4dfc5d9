"""QA38: publishing a run folder all or nothing, Excel's lock files, Ctrl-C and closed pipes,
and the Japanese of the hidden-sheet line.

1. An output that cannot be replaced (report.xlsx open in Excel: here os.replace refuses that one
   target, as Windows does) leaves the previous run whole, run.json included, and says in one line
   which file to close; a read-only output or run folder is said before the clustering.
2. `cluster run *.xlsx` where a workbook is open: its ~$ lock file is skipped with a note.
3. Ctrl-C exits 130 with one line; a reader that stops (`| head -1`) does not fail the run.
4. --lang ja: 「hidden sheet not read: 作業用」 in Japanese.

The comments are invented for these tests (an imagined 「みなみ市 地域交通計画（案）」).
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import cluster
from cluster.messages_ja import is_known, translate

from conftest import invoke, model_args, read_csv_rows, write_csv

HEADER = ["受付番号", "提出方法", "ご意見"]
FIRST = [
    ("1", "電子メール", "コミュニティバスの本数を増やしてください。朝夕は特に混雑しています。"),
    ("2", "郵送", "バスの本数が少なく、通院に不便です。便数を増やしてほしい。"),
    ("3", "FAX", "駅前のバス停に屋根とベンチを付けてください。雨の日に待つのがつらいです。"),
    ("4", "持参", "バス停にベンチがなく、高齢者が立って待っています。ベンチを設置してください。"),
    ("5", "電子メール", "デマンド交通の予約を前日までにしなければならないのは不便です。当日予約を認めてください。"),
    ("6", "郵送", "乗り合いタクシーを当日でも予約できるようにしてほしい。"),
    ("7", "電子メール", "運賃を高齢者と障害者は無料にしてください。"),
]
SECOND = FIRST + [
    ("8", "FAX", "通学の時間帯にバスを増便してください。高校生が乗り切れずに遅刻しています。"),
    ("9", "電子メール", "路線図が分かりにくいので、色分けした地図を作ってください。"),
]


def sha(folder: Path) -> dict[str, str]:
    """name -> sha256 of every file of the folder, hidden ones included."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error")]


@pytest.fixture
def inputs(tmp_path) -> tuple[Path, Path]:
    return (write_csv(tmp_path / "交通計画.csv", HEADER, FIRST),
            write_csv(tmp_path / "交通計画_追加.csv", HEADER, SECOND))


@pytest.fixture
def previous(tmp_path, inputs) -> Path:
    """A run folder of the first input, as staff have it before the next run."""
    out = tmp_path / "結果"
    result = invoke("run", inputs[0], "--out", out, "--no-progress", *model_args())
    assert result.exit_code == 0, result.stderr
    return out


def assert_previous_whole(out: Path, before: dict[str, str]) -> None:
    after = sha(out)
    assert after == before, "changed: " + ", ".join(sorted(k for k in set(before) | set(after)
                                                           if before.get(k) != after.get(k)))
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["completed"] is True
    assert len(read_csv_rows(out / "opinions.csv")) == len(FIRST)  # the first run's opinions, not the second's


def refusing_replace(monkeypatch, target: Path, exc: BaseException | None = None, nth: int | None = None):
    """os.replace refuses to replace ``target`` (Excel holds it open), or raises ``exc`` at the nth
    move of a staged output into the folder."""
    real = os.replace
    moves = {"n": 0}

    def fake(src, dst):
        if ".staging-" in str(src) and ".staging-" not in str(dst):
            moves["n"] += 1
            if nth is not None and moves["n"] == nth:
                raise exc
        if nth is None and Path(dst) == target:
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", fake)


# ------------------------------------------------------------------ 1. all or nothing


@pytest.mark.parametrize("locked", ["report.xlsx", "report.csv", "run.json"])
def test_an_output_that_cannot_be_replaced_leaves_the_previous_run_whole(previous, inputs, monkeypatch, locked):
    """QA38: a locked report.xlsx left opinions.csv, clusters.csv and answers.csv of the new run,
    report.* of the old one and no run.json. Every file replaced is put back, run.json too."""
    before = sha(previous)
    refusing_replace(monkeypatch, previous / locked)
    result = invoke("run", inputs[1], "--out", previous, "--no-progress", *model_args())
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert len(errors(result)) == 1 and result.stderr.strip().splitlines()[-1] == errors(result)[0]
    line = errors(result)[0]
    assert str(previous / locked) in line, line
    assert "close it" in line and "Excel" in line and "run again" in line, line
    assert ".staging-" not in line
    monkeypatch.undo()
    assert_previous_whole(previous, before)
    assert not [p.name for p in previous.iterdir() if p.name.startswith(".")], "staging left behind"
    if locked != "report.xlsx":
        return
    # the file closed, the next run writes the new outputs
    result = invoke("run", inputs[1], "--out", previous, "--no-progress", *model_args())
    assert result.exit_code == 0, result.stderr
    assert len(read_csv_rows(previous / "opinions.csv")) == len(SECOND)
    assert json.loads((previous / "run.json").read_text(encoding="utf-8"))["completed"] is True


def assert_interrupted_run_left_previous(inputs, previous, before, monkeypatch):
    """A run into ``previous`` stopped by Ctrl-C: exit 130, one line, the previous outputs whole."""
    result = invoke("run", inputs[1], "--out", previous, "--no-progress", *model_args())
    assert result.exit_code == 130
    assert "Traceback" not in result.stderr
    assert errors(result) == ["error: interrupted; the previous outputs are left as they were"]
    monkeypatch.undo()
    assert_previous_whole(previous, before)


def test_ctrl_c_while_the_outputs_move_in_puts_every_file_back(previous, inputs, monkeypatch):
    before = sha(previous)
    refusing_replace(monkeypatch, previous / "report.md", exc=KeyboardInterrupt(), nth=4)
    assert_interrupted_run_left_previous(inputs, previous, before, monkeypatch)


def test_a_read_only_output_is_said_before_the_clustering(previous, inputs, monkeypatch):
    """A report.xlsx that cannot be written (read-only; os.access says so) stops the run before the
    heavy work, with the same line as when it is found locked at the end."""
    import cluster.pipeline as pipeline

    before = sha(previous)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: False if (
        Path(path) == previous / "report.xlsx" and mode & os.W_OK) else real_access(path, mode, *a, **k))
    grouped = []
    real_dups = pipeline.find_duplicates
    monkeypatch.setattr(pipeline, "find_duplicates", lambda *a, **k: grouped.append(1) or real_dups(*a, **k))
    result = invoke("run", inputs[1], "--out", previous, "--no-progress", *model_args())
    assert result.exit_code == 2
    assert not grouped, "the run computed everything before saying the file cannot be written"
    line = errors(result)[0]
    assert len(errors(result)) == 1 and str(previous / "report.xlsx") in line and "close it" in line, line
    monkeypatch.undo()
    assert_previous_whole(previous, before)


def test_a_run_folder_that_cannot_be_written_is_said_before_the_clustering(previous, inputs, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: False if (
        Path(path) == previous and mode & os.W_OK) else real_access(path, mode, *a, **k))
    result = invoke("run", inputs[1], "--out", previous, "--no-progress", *model_args())
    assert result.exit_code == 2
    line = errors(result)[0]
    assert line.startswith(f"error: {previous}: the folder cannot be written"), line
    assert "duplicates:" not in result.stderr


def test_the_staging_folder_is_never_named_when_the_folder_refuses_it(previous, inputs, monkeypatch):
    """QA38: 「error: 結果 第1回/.staging-16064-sbfhtrsr: Operation not permitted」."""
    def refuse(*args, dir=None, prefix="", **kwargs):
        if prefix.startswith(".staging-"):
            raise PermissionError(errno.EPERM, "Operation not permitted", str(Path(dir) / f"{prefix}sbfhtrsr"))
        return real_mkdtemp(*args, dir=dir, prefix=prefix, **kwargs)

    real_mkdtemp = tempfile.mkdtemp
    before = sha(previous)
    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    result = invoke("run", inputs[1], "--out", previous, "--no-progress", *model_args())
    assert result.exit_code == 2
    line = errors(result)[0]
    assert ".staging-" not in line, line
    assert line.startswith(f"error: {previous}: the folder cannot be written"), line
    monkeypatch.undo()
    assert_previous_whole(previous, before)


# ------------------------------------------------------------------ 2. Excel's lock file


def _workbook(path: Path, hidden: dict | None = None) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "電子申請"
    ws.append(HEADER)
    for row in FIRST:
        ws.append(list(row))
    for name, rows in (hidden or {}).items():
        extra = wb.create_sheet(name)
        for row in rows:
            extra.append(list(row))
        extra.sheet_state = "hidden"
    wb.save(path)
    return path


def _lock_file(path: Path) -> Path:
    """What Excel keeps beside an open workbook: 165 bytes holding the user's name."""
    path.write_bytes(b"\x08" + "職員".encode("utf-16-le").ljust(53, b" ") + b"\x00" * 111)
    return path


def test_a_lock_file_given_with_its_workbook_is_skipped_with_a_note(tmp_path):
    """`cluster run *.xlsx` while 電子申請.xlsx is open: the shell gives ~$電子申請.xlsx too. Without
    its workbook, the lock file is still refused, naming the workbook to give."""
    book = _workbook(tmp_path / "電子申請.xlsx")
    lock = _lock_file(tmp_path / "~$電子申請.xlsx")
    other = _workbook(tmp_path / "郵送.xlsx")
    result = invoke("run", other, lock, "--out", tmp_path / "refused", "--no-progress", *model_args())
    assert result.exit_code == 2
    assert "is the lock file Excel keeps while 電子申請.xlsx is open" in errors(result)[0]
    out = tmp_path / "out"
    result = invoke("run", lock, book, "--out", out, "--no-progress", *model_args())
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "~$電子申請.xlsx" in line]
    assert len(notes) == 1 and notes[0].startswith("note: ") and "lock file skipped" in notes[0], notes
    assert "電子申請.xlsx itself is read" in notes[0]
    assert len(read_csv_rows(out / "opinions.csv")) == len(FIRST)
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert Path(info["input"]["path"]).name == "電子申請.xlsx"
    assert "~$" not in json.dumps(info.get("inputs", []), ensure_ascii=False)


# ------------------------------------------------------------------ 3. Ctrl-C and a reader that stops


def test_ctrl_c_during_a_run_exits_130_with_one_line(previous, inputs, monkeypatch):
    import cluster.pipeline as pipeline

    before = sha(previous)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "find_duplicates", interrupted)
    assert_interrupted_run_left_previous(inputs, previous, before, monkeypatch)


def test_a_closed_stdout_after_the_outputs_are_written_is_no_failure(inputs, tmp_path, monkeypatch):
    import click

    import cluster.cli as cli

    real_echo = click.echo

    def closed_stdout(message=None, err=False, **kwargs):
        if not err:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")
        return real_echo(message, err=err, **kwargs)

    monkeypatch.setattr(cli.click, "echo", closed_stdout)
    out = tmp_path / "out"
    result = invoke("run", inputs[0], "--out", out, "--no-progress", *model_args())
    assert result.exit_code == 0, result.stderr
    assert not errors(result)
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["completed"] is True


def test_piping_a_run_into_head_exits_0_with_the_outputs_written(inputs, tmp_path):
    """`cluster run … 2>&1 | head -1`: the reader stops after the first line (QA38: exit 2)."""
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(Path(cluster.__file__).resolve().parents[1]))
    proc = subprocess.Popen([sys.executable, "-m", "cluster", "run", str(inputs[0]), "--out", str(out),
                             "--no-progress", *model_args()],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    first = proc.stdout.readline()
    proc.stdout.close()  # what head -1 does
    assert proc.wait(timeout=300) == 0
    assert first.decode("utf-8").startswith("read 7 rows from 交通計画.csv")
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["completed"] is True


# ------------------------------------------------------------------ 4. --lang ja


@pytest.mark.parametrize("line, japanese", [
    ("hidden sheet not read: 作業用 (read sheet 電子申請; --sheet NAME reads another)",
     "非表示のシートは読んでいません：作業用（シート 電子申請 を読みました。--sheet NAME で別のシートを読めます）"),
    ("hidden sheets not read: 作業用, 控え (read sheet 電子申請; to read another, unhide it and move it before the "
     "others)", "非表示のシートは読んでいません：作業用, 控え（シート 電子申請 を読みました。別のシートを読むには、"
                "再表示してほかのシートより前に移してください）"),
    ("hidden sheet not read: 作業用 (every visible sheet is read: unhide one to read it)",
     "非表示のシートは読んでいません：作業用（表示されているシートをすべて読みました。読むには再表示してください）"),
])
def test_the_hidden_sheet_line_is_japanese(line, japanese):
    assert is_known(line)
    assert translate(line) == japanese


@pytest.mark.parametrize("line", [
    "error: 結果/report.xlsx: cannot be replaced (is it open in another program, e.g. Excel?); close it and run again "
    "(the previous outputs are kept as they were)",
    "error: 結果: the folder cannot be written (permission denied); choose another --out folder or make it writable, "
    "and run again (the previous outputs are kept as they were)",
    "note: 令和8年 意見/~$電子申請.xlsx: Excel's lock file skipped (電子申請.xlsx itself is read)",
])
def test_the_new_lines_are_japanese(line):
    assert is_known(line)
    said = translate(line)
    assert not any(w in said for w in ("cannot", "folder", "skipped")), said


def test_a_run_under_lang_ja_says_the_hidden_sheet_in_japanese(tmp_path):
    book = _workbook(tmp_path / "電子申請2.xlsx", hidden={"作業用": [["メモ"], ["集計は金曜までに"]]})
    result = invoke("run", book, "--out", tmp_path / "out", "--lang", "ja", "--no-progress", *model_args())
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "作業用" in line]
    assert lines == ["非表示のシートは読んでいません：作業用（シート 電子申請 を読みました。"
                     "--sheet NAME で別のシートを読めます）"], lines
