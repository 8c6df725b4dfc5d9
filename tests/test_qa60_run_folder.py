"""QA60: the mistakes staff make at the command line and in the run folder over a working week. A run's
own outputs lying beside the inputs were read as comments (`cluster run *.csv`), the same comments saved
as CSV and as Excel were both counted, a past-answers file given as comments too was published; a run
killed while it moved its outputs in left a mix that `review` read; run.json or a decision line removed
by hand were silent; full-width and lower-case ids were refused; a folder that could not be made was
found after the clustering."""

from __future__ import annotations

import os
import shutil
import tempfile

import openpyxl
import pytest
from conftest import invoke, read_csv_rows, write_csv

from cluster.messages_ja import is_known
from cluster.pipeline import recover_interrupted_publish

HEADER = ["受付番号", "提出方法", "氏名", "ご意見"]
ROWS = [
    ["1", "電子メール", "山田太郎", "中央公民館の廃止に反対です。地域の活動の場がなくなります。"],
    ["2", "郵送", "佐藤花子", "中央公民館を残してください。"],
    ["3", "電子メール", "鈴木一郎", "市民プールを夏休みの間だけでも開けてほしい。"],
    ["4", "FAX", "田中次郎", "図書館の開館時間を夜まで延ばしてください。"],
    ["5", "持参", "高橋三郎", "体育館の予約をインターネットでできるようにしてほしい。"],
]


def _run(*args, code=0):
    res = invoke("run", *args, "--model", "char-hash", "--no-progress")
    assert res.exit_code == code, res.output
    assert "Traceback" not in res.output
    return res.output


def _one_line_error(output: str, *parts: str) -> str:
    """The one error line ending ``output`` (what was read before it may be said above it)."""
    line = output.strip().splitlines()[-1]
    assert line.startswith("error: ") and output.count("error: ") == 1, output
    for part in parts:
        assert part in line, line
    assert is_known(line.removeprefix("error: ")), line
    return line


@pytest.fixture()
def folder(tmp_path):
    """A folder of comments with an earlier run's outputs copied beside them, as `--out .` leaves them."""
    comments = write_csv(tmp_path / "電子申請.csv", HEADER, ROWS)
    _run(comments, "--out", tmp_path / "out")
    for name in ("opinions.csv", "clusters.csv", "answers.csv", "report.csv", "report.xlsx"):
        shutil.copy(tmp_path / "out" / name, tmp_path / name)
    shutil.copy(tmp_path / "out" / "worksheet.xlsx", tmp_path / "worksheet_公民館課.xlsx")
    return tmp_path


def test_the_tools_own_outputs_beside_the_inputs_are_skipped(folder):
    inputs = sorted(p for p in folder.iterdir() if p.suffix in (".csv", ".xlsx"))
    output = _run(*inputs, "--out", folder / "again")
    (line,) = [x for x in output.splitlines() if "written by this tool" in x]
    assert line == ("warning: skipped 6 files written by this tool, not comments: answers.csv, clusters.csv, "
                    "opinions.csv, report.csv, report.xlsx, worksheet_公民館課.xlsx (worksheet.xlsx); a filled-in "
                    "worksheet goes in with `cluster review import DIR FILE`")
    assert is_known(line)
    # counted as the first run counted them
    assert read_csv_rows(folder / "again" / "opinions.csv") == read_csv_rows(folder / "out" / "opinions.csv")


@pytest.mark.parametrize("name", ["opinions.csv", "report.xlsx", "worksheet_公民館課.xlsx"])
def test_an_output_alone_is_refused(folder, name):
    output = _run(folder / name, "--out", folder / "again", code=2)
    _one_line_error(output, "is an output of this tool", "not a file of comments")
    assert not (folder / "again").exists()


def test_the_run_folders_own_opinions_csv_as_input_is_refused_not_overwritten(folder):
    before = (folder / "out" / "opinions.csv").read_bytes()
    _one_line_error(_run(folder / "out" / "opinions.csv", "--out", folder / "out", code=2), "is an output of this tool")
    assert (folder / "out" / "opinions.csv").read_bytes() == before


def _as_workbook(rows, path):
    wb = openpyxl.Workbook()
    for row in [HEADER] + rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_the_same_comments_as_csv_and_as_excel_are_refused(tmp_path):
    comments = write_csv(tmp_path / "電子申請.csv", HEADER, ROWS)
    workbook = _as_workbook(ROWS[::-1], tmp_path / "電子申請.xlsx")  # sorted otherwise in Excel
    _one_line_error(_run(comments, workbook, "--out", tmp_path / "out", code=2),
                    "電子申請.xlsx holds 5 of the submissions in 電子申請.csv", "give one of them")
    # an export of day 10 and one of day 30 holding it: refused too
    later = write_csv(tmp_path / "電子申請_30日.csv", HEADER, ROWS + [["6", "電子メール", "伊藤", "駐車場を広げてください。"]])
    _one_line_error(_run(comments, later, "--out", tmp_path / "out", code=2), "holds 5 of the submissions")


def test_a_form_letter_by_post_and_by_mail_is_no_copy_of_a_file(tmp_path):
    letter = "中央公民館の廃止に反対します。地域の活動の場を残してください。"
    mail = write_csv(tmp_path / "電子メール.csv", ["ご意見"], [[letter]] * 6)
    post = write_csv(tmp_path / "郵送.csv", ["ご意見"], [[letter]] * 4)
    _run(mail, post, "--out", tmp_path / "out")
    assert sum(r["status"] == "ok" for r in read_csv_rows(tmp_path / "out" / "opinions.csv")) == 10


def test_a_past_answers_file_given_as_comments_too_is_refused(tmp_path):
    comments = write_csv(tmp_path / "電子申請.csv", HEADER, ROWS)
    past = write_csv(tmp_path / "過去の考え方.csv", ["ご意見の概要", "市の考え方"],
                     [["公民館を残してほしい。", "地域の拠点として維持します。"]] * 2)
    _one_line_error(_run(comments, past, "--answers", past, "--out", tmp_path / "out", code=2),
                    "過去の考え方.csv is given as comments and as --answers")


def _killed_while_moving_in(out, new_content: bytes = b"new") -> None:
    """The folder as a run killed while moving its outputs in leaves it (pipeline._swap_in): run.json and
    the files replaced so far aside in the staging folder, the new ones in place, no run.json."""
    stage = out / ".staging-999999999-x"
    (stage / "previous").mkdir(parents=True)
    os.replace(out / "run.json", stage / "previous" / "run.json")
    for name in ("report.xlsx", "answers.csv"):
        os.link(out / name, stage / "previous" / name)
        (out / f"{name}.new").write_bytes(new_content)
        os.replace(out / f"{name}.new", out / name)


def test_a_run_killed_while_moving_its_outputs_in_is_put_back(tmp_path):
    comments = write_csv(tmp_path / "電子申請.csv", HEADER, ROWS)
    out = tmp_path / "out"
    _run(comments, "--out", out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    _killed_while_moving_in(out)
    res = invoke("review", "show", out, "C001")
    assert res.exit_code == 0, res.output
    assert ("note: the last run into " + str(out) + " was stopped while it replaced its outputs: the outputs of the run "
            "before it are put back") in res.output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not list(out.glob(".staging-*"))
    assert recover_interrupted_publish(out) is None  # nothing more to do
    # a run finds it the same way
    _killed_while_moving_in(out)
    assert "were put back" not in (output := _run(comments, "--out", out)) and "are put back" in output


def test_run_json_removed_by_hand_is_said_and_no_id_names_another_group(tmp_path):
    comments = write_csv(tmp_path / "電子申請.csv", HEADER, ROWS)
    out = tmp_path / "out"
    _run(comments, "--out", out, "--title", "東浜市公共施設再編計画（案）に対する意見募集の結果")
    old_ids = {r["cluster_id"] for r in read_csv_rows(out / "clusters.csv")}
    (out / "run.json").unlink()
    output = _run(comments, "--out", out)
    (line,) = [x for x in output.splitlines() if "is missing" in x]
    assert line.startswith(f"warning: {out / 'run.json'} is missing (removed by hand?)") and is_known(line)
    assert not old_ids & {r["cluster_id"] for r in read_csv_rows(out / "clusters.csv")}


def test_a_decision_line_removed_by_hand_is_said(tmp_path):
    comments = write_csv(tmp_path / "電子申請.csv", HEADER, ROWS)
    out = tmp_path / "out"
    _run(comments, "--out", out)
    for cid, label in (("C001", "公民館"), ("C002", "プール")):
        assert invoke("review", "label", out, cid, label).exit_code == 0
    _run(comments, "--out", out)
    lines = (out / "decisions.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (out / "decisions.jsonl").write_text(lines[1], encoding="utf-8")
    (line,) = [x for x in _run(comments, "--out", out).splitlines() if "removed by hand" in x]
    assert "holds 1 line, the last run read 2: 1 line removed by hand?" in line and is_known(line)
    assert not any("removed by hand" in x for x in _run(comments, "--out", out).splitlines())  # said once


def test_ids_typed_full_width_or_in_lower_case(tmp_path):
    comments = write_csv(tmp_path / "電子申請.csv", HEADER, [[f"H-00{k}", *r[1:]] for k, r in enumerate(ROWS, 1)])
    out = tmp_path / "out"
    _run(comments, "--out", out)
    of = {r["opinion_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv") if r["cluster_id"]}
    target = next(c for o, c in of.items() if c != of["H-003-1"])
    full_width = target.translate(str.maketrans("C0123456789", "Ｃ０１２３４５６７８９"))
    res = invoke("review", "move", out, "ｈ－００３－１", full_width)
    assert res.exit_code == 0 and f"recorded move of H-003-1 「" in res.output and f"into {target} (" in res.output, \
        res.output
    res = invoke("review", "label", out, target.lower(), "見出し")
    assert res.exit_code == 0 and f"recorded label for {target} (" in res.output, res.output
    res = invoke("review", "merge", out, target, target.lower())
    assert res.exit_code == 2 and "merge needs two or more different clusters" in res.output, res.output


def test_a_folder_that_cannot_be_made_is_said_before_the_work(tmp_path, monkeypatch):
    comments = write_csv(tmp_path / "電子申請.csv", HEADER, ROWS)

    def refused(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    output = _run(comments, "--out", tmp_path / "locked" / "new", code=2)
    _one_line_error(output, "the folder cannot be made in", "(Operation not permitted)")
    assert "previous outputs" not in output


def test_a_report_open_in_excel_is_noted(tmp_path):
    comments = write_csv(tmp_path / "電子申請.csv", HEADER, ROWS)
    out = tmp_path / "out"
    _run(comments, "--out", out)
    (out / "~$report.xlsx").write_bytes(b"\x00" * 165)
    (line,) = [x for x in _run(comments, "--out", out).splitlines() if "seems open in Excel" in x]
    assert is_known(line)
