"""QA24 on the review loop: a just-recorded exclude listed as gone, a weak candidate in the
notebook's cluster table, splits that change nothing, run.json's decision figures, and three
messages (the run folder in the re-run hint, where a label was recorded, a worksheet already
imported).

The comments were written for these tests (an imagined draft plan for a town's sports centre,
bus routes and a public pool).
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import openpyxl
import pytest

from cluster import review
from conftest import cluster_of, invoke, read_csv_rows, write_csv

HEADER = ["受付番号", "ご意見"]
POOL = "町民プールの廃止に反対します。子どもたちの水泳の場を残してください。"
ROWS = [
    ["Q1", "体育館の利用時間を夜十時まで延ばしてほしい。"],
    ["Q2", "仕事の後でも使えるよう、体育館の夜間利用の時間を延長してください。"],
    ["Q3", "循環バスの本数を増やしてください。一時間に一本では不便です。"],
    ["Q4", "循環バスの運行本数が少ないので増便をお願いします。"],
    ["Q5", POOL],
    ["Q6", POOL],
    ["Q7", POOL],
    ["Q8", "家の前の側溝が落ち葉で詰まっています。掃除に来てもらえますか。"],
]


@pytest.fixture
def project(tmp_path):
    comments = write_csv(tmp_path / "comments.csv", HEADER, ROWS)
    out = tmp_path / "out"

    def run(*extra):
        res = invoke("run", comments, "--out", out, "--model", "char-hash", *extra)
        assert res.exit_code == 0, res.output
        return res

    run()
    of = cluster_of(out)
    # the grouping these tests rely on: two pairs, the pool campaign alone, the test submission alone
    assert of["Q1-1"] == of["Q2-1"] and of["Q3-1"] == of["Q4-1"] and of["Q1-1"] != of["Q3-1"]
    members = {c: sorted(o for o, k in of.items() if k == c) for c in set(of.values()) if c}
    assert members[of["Q5-1"]] == ["Q5-1", "Q6-1", "Q7-1"] and members[of["Q8-1"]] == ["Q8-1"]
    return {"out": out, "run": run, "dir": tmp_path, "comments": comments}


def listed(out: Path) -> list[str]:
    res = invoke("review", "list", out)
    assert res.exit_code == 0, res.output
    return res.output.splitlines()


def figures(out: Path) -> dict:
    return json.loads((out / "run.json").read_text(encoding="utf-8"))["decisions"]


# ------------------------------------------------- 1. an exclude recorded since the run


def test_an_exclude_recorded_since_the_run_is_listed_as_waiting_not_as_gone(project):
    out = project["out"]
    res = invoke("review", "exclude", out, "Q8-1", "--reason", "計画案と無関係")
    assert res.exit_code == 0, res.output
    (line,) = listed(out)
    assert "(waiting for the next run)" in line and "no longer applies" not in line, line
    table = review.decision_table(out).set_index("n")
    assert table.loc[1, "note"] == "waiting for the next run" and table.loc[1, "in_this_run"] == False  # noqa: E712
    # a label recorded after it on the excluded opinion's row: what the next run will do with it
    assert invoke("review", "label", out, cluster_of(out)["Q8-1"], "試験送信").exit_code == 0
    second = listed(out)[1]
    assert "waiting for the next run, which will not apply it: its opinion is excluded (対象外) by decision 1" \
        in second, second
    res = project["run"]()
    assert "1 applied, 1 no longer apply" in res.output
    first, second = listed(out)
    assert "waiting" not in first and "no longer applies" not in first, first
    assert "(no longer applies: its opinion is excluded (対象外) by decision 1)" in second, second


# ------------------------------------------------- 2. the notebook's top answer


def test_cluster_table_shows_no_top_answer_where_the_report_has_none(project, tmp_path):
    out = project["out"]
    past = tmp_path / "past.csv"
    with open(past, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["No.", "ご意見の概要", "市の考え方"])
        writer.writerow(["P1", "体育館の夜間利用時間を延長してほしい。", "利用状況を踏まえ、夜間開館の延長を検討します。"])
        writer.writerow(["P2", "循環バスを増便してほしい。", "利用者数を見ながら増便を検討します。"])
    project["run"]("--answers", past)
    shown = review.cluster_table(out).set_index("cluster_id")
    assert (shown["answer_status"] == "candidate").any() and shown.loc[shown["answer_status"] == "candidate",
                                                                       "top_answer_id"].ne("").all()
    # a threshold no candidate reaches: the report leaves every 考え方 empty, and so does the table
    project["run"]("--answers", past, "--min-answer-score", "0.99")
    assert read_csv_rows(out / "answers.csv")  # the candidates are still listed in answers.csv
    shown = review.cluster_table(out)
    assert set(shown["answer_status"]) == {"none"}
    assert set(shown["top_answer_id"]) == {""} and set(shown["top_answer"]) == {""}


# ------------------------------------------------- 3. a split that changes nothing


def test_a_split_that_changes_nothing_is_refused_with_one_line(project):
    out = project["out"]
    res = invoke("review", "split", out, "Q6-1")  # a campaign copy: its copies are the whole row
    assert res.exit_code != 0
    (line,) = res.output.strip().splitlines()
    assert line.startswith("error: split of Q6-1 changes nothing: with its 2 copies") and "all of C" in line
    assert f"`cluster review detach {out} Q6-1`" in line, line
    res = invoke("review", "split", out, "Q8-1")  # alone in its row
    assert res.exit_code != 0
    (line,) = res.output.strip().splitlines()
    assert "split of Q8-1 changes nothing: it is all of" in line and "(1 opinion), already a cluster of its own" in line
    assert (out / "decisions.jsonl").read_text(encoding="utf-8") == ""
    # one that takes an opinion from its row is recorded, as before
    assert invoke("review", "split", out, "Q2-1").exit_code == 0


def test_a_pending_withdrawal_of_an_answer_does_not_let_a_split_that_changes_nothing_through(project):
    """QA29: after 「判断を取り消す」 of an answer, a split of a whole campaign row was recorded (and
    later 「did not take effect」); only a withdrawal that may regroup the row's opinions lets it be."""
    out = project["out"]
    of = cluster_of(out)
    assert invoke("review", "answer", out, of["Q2-1"], "--text", "検討します。").exit_code == 0
    assert invoke("review", "undo", out).exit_code == 0  # withdraws the answer, not yet applied
    res = invoke("review", "split", out, "Q6-1")
    assert res.exit_code != 0 and "split of Q6-1 changes nothing" in res.output, res.output


def test_a_split_that_changes_nothing_at_run_time_did_not_take_effect(project):
    out = project["out"]
    of = cluster_of(out)
    # Q2-1 moved out first: a split of Q1-1 then leaves it where it is (recorded: the move is not applied yet)
    assert invoke("review", "move", out, "Q2-1", of["Q3-1"]).exit_code == 0
    assert invoke("review", "split", out, "Q1-1").exit_code == 0
    assert "did not take effect" in listed(out)[1]
    res = project["run"]()
    assert re.search(r"decision 2 \(split by [^)]*\) of Q1-1 did not take effect: nothing is left to split it from",
                     res.output), res.output
    assert "2 recorded (move 1, split 1): 1 applied, 1 did not take effect (see above)" in res.output
    assert figures(out)["applied"] == 1 and figures(out)["did_not_take_effect"] == 1
    # and so on the next run, which keeps these clusters
    res = project["run"]()
    assert "1 applied, 1 did not take effect" in res.output


def test_a_split_that_took_effect_still_counts_as_applied_on_a_re_run(project):
    out = project["out"]
    assert invoke("review", "split", out, "Q1-1").exit_code == 0
    project["run"]()
    res = project["run"]()  # Q1-1 is alone now because of the split: that is no split without effect
    assert "1 recorded (split 1): 1 applied" in res.output and "did not take effect" not in res.output


# ------------------------------------------------- 4. run.json's figures add up


def test_run_json_decision_figures_add_up_like_the_printed_line(project):
    out = project["out"]
    of = cluster_of(out)
    assert invoke("review", "label", out, of["Q1-1"], "体育館").exit_code == 0
    assert invoke("review", "label", out, of["Q1-1"], "体育館の夜間利用").exit_code == 0  # replaces the first
    assert invoke("review", "label", out, of["Q3-1"], "循環バス").exit_code == 0
    assert invoke("review", "undo", out).exit_code == 0  # withdraws the third
    res = project["run"]()
    line = "3 recorded (label 3): 1 applied, 1 replaced by a later one, 1 withdrawn (by 1 withdrawal)"
    assert line in res.output, res.output
    got = figures(out)
    assert got["recorded"] == 3 and got["withdrawals"] == 1 and got["lines"] == 4
    assert got["recorded"] == got["applied"] + got["not_applied"] + got["replaced"] + got["withdrawn"]
    assert got["not_applied"] == got["no_longer_apply"] + got["did_not_take_effect"]
    assert (got["applied"], got["replaced"], got["withdrawn"]) == (1, 1, 1)
    # the lines read still tell what was recorded since
    assert review.load_run(out).pending == 0
    assert invoke("review", "label", out, of["Q3-1"], "バス").exit_code == 0
    assert review.load_run(out).pending == 1
    (last,) = [x for x in listed(out) if x.split()[0] == "5"]
    assert "(waiting for the next run)" in last
    # the same figures for the notebook's Counts table (review.decision_count_rows)
    rows = dict(review.decision_count_rows(out))
    assert rows["decisions recorded"] == 3 == sum(rows[k] for k in (
        "applied", "no longer apply", "did not take effect", "replaced by a later one", "withdrawn"))
    assert rows["withdrawals (undo)"] == 1 and rows["recorded since the run (waiting for the next run)"] == 1


# ------------------------------------------------- 5. wording


def test_the_re_run_hint_names_the_run_folder(project):
    out = project["out"]
    # the run's own command (QA98: 「cluster run ... --out out」 left staff to remember the input and options)
    command = f"cluster run {project['comments']} --model char-hash --out {out}"
    res = invoke("review", "label", out, cluster_of(out)["Q1-1"], "体育館")
    assert res.output.strip().endswith(f"run `{command}` again to apply it"), res.output
    res = invoke("review", "undo", out)
    assert f"run `{command}` again to apply it" in res.output and "--out DIR" not in res.output
    # the notebook still says it with its own button
    said = review.notebook_wording(f"recorded label; run `cluster run ... --out {out}` again to apply it")
    assert said.endswith("re-run (「Re-run and write the report」 below) to apply it")


def test_a_label_recorded_in_the_notebook_is_not_said_to_be_from_the_command_line(project):
    out = project["out"]
    row = cluster_of(out)["Q3-1"]
    review.said_label(out, row, "循環バス", by="佐藤")  # as the notebook records it
    res = invoke("review", "label", out, row, "循環バスの増便")
    assert res.exit_code == 0, res.output
    assert f"{row}: replaces the label recorded by 佐藤 on " in res.output and "「循環バス」" in res.output
    assert "command line" not in res.output


def test_a_worksheet_filled_in_place_and_imported_is_kept_as_imported(project):
    out = project["out"]
    sheet = out / "worksheet.xlsx"
    wb = openpyxl.load_workbook(sheet)
    ws = wb.worksheets[0]
    header = next(r for r in range(1, ws.max_row + 1) if "ご意見の概要" in [c.value for c in ws[r]])
    col = [c.value for c in ws[header]].index("ご意見の概要") + 1
    ws.cell(header + 1, col).value = "体育館の夜間利用時間の延長を求める意見"
    wb.save(sheet)
    res = invoke("review", "import", out, sheet)
    assert res.exit_code == 0, res.output
    assert f"run `cluster run {project['comments']} --model char-hash --out {out}` again to apply them" in res.output
    res = project["run"]()
    assert "kept as worksheet.edited-1.xlsx; it was imported already (decision 1): nothing to import again" \
        in res.output, res.output
    assert "import it with" not in res.output
    # one filled in place and not imported is still pointed to the import
    wb = openpyxl.load_workbook(sheet)
    wb.worksheets[0].cell(header + 1, col).value = "体育館の夜間利用の延長"
    wb.save(sheet)
    res = project["run"]()
    assert f"kept as worksheet.edited-2.xlsx; import it with `cluster review import {out} " in res.output
