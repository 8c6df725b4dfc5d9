"""Staff decisions as the decisions file keeps them: withdrawals that still name the right
decision after a line is removed by hand, a file saved as Shift_JIS, merged-away cluster ids,
figures that add up, and the messages of `cluster review`.

The comments and past answers below were written for these tests (an imagined draft plan for
a town's library, bicycle parking, a park and community-hall fees).
"""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from cluster import review
from cluster import decisions as decision_log
from cluster.records import Decision
from conftest import cluster_of, invoke, write_csv

HEADER = ["番号", "ご意見"]
ROWS = [
    ["A1", "図書館の開館時間を夜九時まで延長してほしい。"],
    ["A2", "仕事帰りに使えるよう、図書館の開館時間を夜まで延長してください。"],
    ["A3", "図書館の開館時間を延長し、平日の夜も利用できるようにしてほしい。"],
    ["A4", "駅前の駐輪場が不足しているので、駐輪場を増設すべきです。"],
    ["A5", "駅前の駐輪場がいつも満車なので、駐輪場の増設をお願いします。"],
    ["A6", "駐輪場の増設を計画に盛り込んでほしい。駅前の駐輪場が足りない。"],
    ["A7", "公園の桜並木の伐採には反対です。樹木を残してください。"],
    ["A8", "桜並木の伐採はやめて、公園の樹木を保全してください。"],
    ["A9", "公民館の使用料の値上げは市民の負担が大きいので見直してほしい。"],
    ["A10", "公民館使用料の値上げに反対。市民の負担が増える。"],
]
PAST = [
    ["No.", "ご意見の概要", "町の考え方"],
    ["K1", "図書館の開館時間を延長してほしい。", "開館時間の延長については、利用状況を踏まえて検討してまいります。"],
    ["K2", "駐輪場を増やしてほしい。", "駅周辺の駐輪場の増設を検討してまいります。"],
    ["K3", "公民館の使用料を下げてほしい。", ""],  # no answer text: skipped when read
]


def labels(out: Path) -> dict[str, str]:
    with open(out / "clusters.csv", encoding="utf-8-sig", newline="") as fh:
        return {r["cluster_id"]: r["label"] for r in csv.DictReader(fh)}


def lines_of(out: Path) -> list[str]:
    return (out / "decisions.jsonl").read_text(encoding="utf-8").splitlines()


def write_lines(out: Path, lines: list[str], encoding: str = "utf-8") -> None:
    (out / "decisions.jsonl").write_bytes(("\n".join(lines) + "\n").encode(encoding))


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """One finished run (char-hash model), copied for each test."""
    base = tmp_path_factory.mktemp("made")
    comments = write_csv(base / "comments.csv", HEADER, ROWS)
    past = write_csv(base / "past.csv", PAST[0], PAST[1:])
    out = base / "out"
    res = invoke("run", comments, "--answers", past, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    of = cluster_of(out)
    assert of["A1-1"] == of["A2-1"] == of["A3-1"] != of["A4-1"] == of["A5-1"] == of["A6-1"]
    assert of["A7-1"] == of["A8-1"] != of["A9-1"] == of["A10-1"] != of["A1-1"]
    return base


@pytest.fixture
def project(made, tmp_path):
    shutil.copytree(made, tmp_path / "p")
    base = tmp_path / "p"
    out = base / "out"
    # run.json records the input and past answers by path: point them at the copies
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    info["input"]["path"] = str(base / "comments.csv")
    info["settings"]["answers"] = [str(base / "past.csv")]
    info.pop("cwd", None)
    (out / "run.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")

    def run():
        res = invoke("run", base / "comments.csv", "--answers", base / "past.csv", "--out", out,
                     "--model", "char-hash")
        assert res.exit_code == 0, res.output
        return res

    return {"out": out, "run": run, "of": cluster_of(out)}


# ------------------------------------------------- 1. withdrawals name their decision by its id


def test_each_decision_has_an_id_and_a_withdrawal_names_it(project):
    out, of = project["out"], project["of"]
    review.record_label(out, of["A1-1"], "図書館の開館時間")
    review.record_withdraw(out)
    label, withdraw = (json.loads(line) for line in lines_of(out))
    assert label["id"] and withdraw["id"] and label["id"] != withdraw["id"]
    assert withdraw["value"]["decision_id"] == label["id"] and withdraw["value"]["decision"] == 1


def test_removing_a_line_by_hand_does_not_bring_a_withdrawn_label_back(project):
    """QA: line 8 removed by hand; 「decision 9」 then named the withdrawal itself and the withdrawn
    wrong label was published again, with no warning."""
    out, of = project["out"], project["of"]
    review.record_confirm(out, of["A4-1"])
    review.record_label(out, of["A7-1"], "まちがいラベル")
    review.record_withdraw(out)  # withdraws decision 2, the wrong label
    write_lines(out, lines_of(out)[1:])  # decision 1 removed by hand: the label is now line 1
    res = project["run"]()
    assert "まちがいラベル" not in labels(out).values()
    assert "まちがいラベル" not in (out / "report.md").read_text(encoding="utf-8")
    assert "no longer fit" not in res.output  # named by its id: nothing to warn about
    listed = invoke("review", "list", out)
    assert "[withdrawn]" in listed.output.splitlines()[0] and "withdraws decision 1" in listed.output


def test_a_withdrawal_written_before_ids_is_matched_by_kind_and_opinions_with_a_warning():
    """Old files (no ids): the number no longer fits after a line was removed; the decision with
    the kind and opinions the withdrawal recorded is withdrawn, and the run says so."""
    decisions = [
        Decision("split", ("o6",), "x", "t", {}),
        Decision("label", ("o0", "o1"), "x", "t", {"label": "まちがいラベル"}),
        # recorded as decision 3 when a line above still existed: 3 is now the withdrawal itself
        Decision("withdraw", ("o0", "o1"), "x", "t", {"decision": 3, "kind": "label"}),
    ]
    result = decision_log.apply_decisions({f"o{i}": i for i in range(8)}, np.array([0, 0, 1, 1, 2, 2, 3, 3]), decisions)
    assert result.labels == {}
    (warning,) = [m for m in result.messages if "no longer fit" in m]
    assert "withdrawal 3 names decision 3: withdrew decision 2 (label)" in warning
    assert (result.applied, result.withdrawn_decisions, result.withdrawals) == (1, 1, 1)


def test_a_withdrawal_whose_decision_is_gone_withdraws_nothing_and_warns(project):
    out, of = project["out"], project["of"]
    review.record_label(out, of["A1-1"], "図書館")
    review.record_label(out, of["A7-1"], "桜並木")
    review.record_withdraw(out, 1)
    lines = lines_of(out)
    write_lines(out, lines[1:])  # the withdrawn decision itself removed by hand
    res = project["run"]()
    assert labels(out)[cluster_of(out)["A7-1"]] == "桜並木"  # not withdrawn in its place
    assert "is no longer in decisions.jsonl" in res.output and "nothing withdrawn" in res.output
    listed = invoke("review", "list", out)
    warnings = [line for line in listed.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "decision 2 (withdrawal" in warnings[0]
    assert "withdraws nothing" in listed.output


def test_an_old_file_with_a_line_removed_warns_in_review_list(project):
    """The QA file: ids absent (written before they existed), line 1 removed by hand."""
    out, of = project["out"], project["of"]
    review.record_confirm(out, of["A4-1"])
    review.record_label(out, of["A7-1"], "まちがいラベル")
    review.record_withdraw(out)
    old = []
    for line in lines_of(out):
        obj = json.loads(line)
        obj.pop("id")
        obj["value"].pop("decision_id", None)
        old.append(json.dumps(obj, ensure_ascii=False))
    write_lines(out, old[1:])
    listed = invoke("review", "list", out)
    assert listed.exit_code == 0
    assert "[withdrawn]" in listed.output.splitlines()[0]
    warnings = [line for line in listed.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "withdrawal 2 names decision 2: withdrew decision 1 (label)" in warnings[0]
    res = project["run"]()
    assert "まちがいラベル" not in labels(out).values() and "no longer fit" in res.output


# ------------------------------------------------- 2. a file saved as Shift_JIS (Notepad's ANSI)


def test_a_decisions_file_saved_as_shift_jis_is_named_as_such(project):
    out, of = project["out"], project["of"]
    review.record_label(out, of["A1-1"], "図書館の開館時間")
    review.record_label(out, of["A4-1"], "駐輪場の増設")
    write_lines(out, lines_of(out), encoding="cp932")
    res = invoke("review", "list", out)
    assert res.exit_code != 0
    assert "saved as Shift_JIS" in res.output and "save it as UTF-8" in res.output and "nothing is read" in res.output
    assert "line 1 is not UTF-8" not in res.output
    assert invoke("review", "label", out, of["A7-1"], "桜並木").exit_code != 0  # nothing appended
    assert len((out / "decisions.jsonl").read_bytes().splitlines()) == 2


def test_lines_saved_as_shift_jis_among_utf8_lines_are_named(project):
    out, of = project["out"], project["of"]
    for cid, text in ((of["A1-1"], "図書館"), (of["A4-1"], "駐輪場"), (of["A7-1"], "桜並木")):
        review.record_label(out, cid, text)
    first, second, third = lines_of(out)
    (out / "decisions.jsonl").write_bytes(first.encode("cp932") + b"\n" + second.encode("utf-8") + b"\n"
                                          + third.encode("cp932") + b"\n")
    res = invoke("review", "list", out)
    assert res.exit_code != 0 and "lines 1, 3 were saved as Shift_JIS" in res.output


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_decisions_file_saved_as_utf16_is_named_as_such(project, encoding):
    """QA: saved as Notepad's 「Unicode」 or by PowerShell 5's `>`, the file was 「line 1 is not
    UTF-8 text; fix or remove that line」, which sends staff looking for a broken line."""
    out, of = project["out"], project["of"]
    review.record_label(out, of["A1-1"], "図書館の開館時間")
    review.record_label(out, of["A4-1"], "駐輪場の増設")
    lines = lines_of(out)
    (out / "decisions.jsonl").write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    res = invoke("review", "list", out)
    assert res.exit_code != 0 and "saved as UTF-16" in res.output and "save it as UTF-8" in res.output
    assert "is not UTF-8 text" not in res.output
    assert invoke("review", "label", out, of["A7-1"], "桜並木").exit_code != 0  # nothing appended
    # PowerShell 5's `>>` appends UTF-16 lines to a UTF-8 file
    (out / "decisions.jsonl").write_bytes(lines[0].encode("utf-8") + b"\n" + (lines[1] + "\r\n").encode("utf-16-le"))
    res = invoke("review", "list", out)
    assert res.exit_code != 0 and "line 2 was saved as UTF-16" in res.output, res.output


def test_one_broken_line_is_still_named_by_its_number(project):
    out, of = project["out"], project["of"]
    review.record_label(out, of["A1-1"], "図書館")
    review.record_label(out, of["A4-1"], "駐輪場")
    first, second = lines_of(out)
    (out / "decisions.jsonl").write_bytes(first.encode("utf-8") + b"\n" + second.encode("utf-8")[:-40] + b"\xff}\n")
    res = invoke("review", "list", out)
    assert res.exit_code != 0 and "line 2 is not UTF-8 text" in res.output


# ------------------------------------------------- 3. a cluster id merged away


def test_review_commands_accept_a_merged_away_cluster_id(project):
    out, of = project["out"], project["of"]
    kept, gone = sorted([of["A1-1"], of["A9-1"]])
    assert invoke("review", "merge", out, kept, gone).exit_code == 0
    project["run"]()
    now = cluster_of(out)
    merged = now["A1-1"]
    assert now["A9-1"] == merged and gone not in set(now.values()) - {merged}
    gone = next(c for c in (kept, gone) if c != merged)  # the id the merged row no longer has
    res = invoke("review", "label", out, gone, "開館時間と使用料")
    assert res.exit_code == 0, res.output
    assert f"{gone} (now {merged}:" in res.output
    d = json.loads(lines_of(out)[-1])
    assert d["value"]["cluster"] == merged and set(d["opinion_ids"]) == {"A1-1", "A2-1", "A3-1", "A9-1", "A10-1"}
    res = invoke("review", "merge", out, merged, gone)
    assert res.exit_code != 0 and f"{gone} is now {merged}" in res.output
    assert invoke("review", "answer", out, gone, "--text", "検討してまいります。").exit_code == 0


def test_a_cluster_whose_merge_was_withdrawn_says_so(project):
    out, of = project["out"], project["of"]
    a, b = of["A1-1"], of["A9-1"]
    invoke("review", "merge", out, a, b)
    project["run"]()
    merged = cluster_of(out)["A1-1"]
    gone = b if merged == a else a
    review.record_withdraw(out)
    res = invoke("review", "label", out, gone, "使用料")
    assert res.exit_code != 0 and "withdrawn since" in res.output and "run `cluster run` again" in res.output


# ------------------------------------------------- 4. the run's figures add up


def test_the_decision_counts_add_up():
    """QA: 「9 recorded …; 8 applied; 2 withdrawn or withdrawing」 did not add up."""
    decisions = [
        Decision("label", ("o0",), "x", "t", {"label": "A"}),
        Decision("label", ("o2",), "x", "t", {"label": "B"}),
        Decision("split", ("gone",), "x", "t", {}),
        Decision("withdraw", ("o0",), "x", "t", {"decision": 1, "kind": "label"}),
    ]
    result = decision_log.apply_decisions({"o0": 0, "o1": 1, "o2": 2}, np.array([0, 0, 1]), decisions)
    line = decision_log.decision_counts(decisions, result)
    assert line == "3 recorded (label 2, split 1): 1 applied, 1 no longer apply, 1 withdrawn (by 1 withdrawal)"


# ------------------------------------------------- 5.-8. messages


def test_a_label_says_it_is_published_as_the_rows_heading(project):
    out, of = project["out"], project["of"]
    res = invoke("review", "label", out, of["A4-1"], "駅前駐輪場の増設")
    assert res.exit_code == 0
    assert "published as the row's heading 【駅前駐輪場の増設】 in the report" in res.output
    project["run"]()
    assert "【駅前駐輪場の増設】" in (out / "report.md").read_text(encoding="utf-8")


def test_a_label_with_a_phone_number_is_shown_as_it_is_published(project):
    # QA: the message echoed the phone number the report masks, as if it were published
    out, of = project["out"], project["of"]
    res = invoke("review", "label", out, of["A4-1"], "駐輪場 問合せ0467-55-6666")
    assert res.exit_code == 0
    assert "【駐輪場 問合せ［電話番号］】 (personal data masked)" in res.output
    assert "0467-55-6666" not in res.output


def test_an_answer_by_id_names_the_answers_own_words(project):
    # QA: staff typed an id from a PDF and published the wrong answer; the message showed no text
    out, of = project["out"], project["of"]
    res = invoke("review", "answer", out, of["A4-1"], "--answer-id", "K2")
    assert res.exit_code == 0
    assert "past answer K2 「駅周辺の駐輪場の増設を検討してまいります。」" in res.output


def test_confirming_a_row_names_the_candidate_it_leaves_unconfirmed(project):
    out, of = project["out"], project["of"]
    row = of["A1-1"]
    res = invoke("review", "confirm", out, row)
    assert res.exit_code == 0
    assert "confirms the grouping, not an answer" in res.output
    assert f"cluster review answer {out} {row} --answer-id K1" in res.output
    invoke("review", "answer", out, row, "--answer-id", "K1")
    res = invoke("review", "confirm", out, row)
    assert res.exit_code == 0 and "not an answer" not in res.output


def test_confirming_a_row_names_no_candidate_below_the_reports_threshold(project):
    """QA30: a bus-stop row was offered a bicycle-parking answer scoring 0.00 to confirm."""
    out, of = project["out"], project["of"]
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    info["report_min_score"] = 0.99  # no candidate reaches it
    (out / "run.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    res = invoke("review", "confirm", out, of["A1-1"])
    assert res.exit_code == 0 and "--answer-id" not in res.output, res.output


def test_review_list_shows_the_opinions_of_a_split_and_counts_in_the_singular(project):
    out = project["out"]
    review.record_split(out, ["A8-1"])
    review.record_split(out, ["A1-1", "A2-1", "A3-1", "A4-1", "A5-1", "A6-1"])
    first, second = invoke("review", "list", out).output.splitlines()
    assert "split  A8-1  (1 opinion)" in first
    assert "A1-1 A2-1 A3-1 A4-1 (+2 more)  (6 opinions)" in second


def test_a_past_answer_without_answer_text_is_named_as_such(project):
    out, of = project["out"], project["of"]
    res = invoke("review", "answer", out, of["A9-1"], "--answer-id", "K3")
    assert res.exit_code != 0
    assert "past answer 'K3' has no answer text" in res.output and "past.csv" in res.output
    assert "unknown answer id" not in res.output


def test_one_opinion_is_counted_in_the_singular(project):
    out = project["out"]
    res = invoke("review", "split", out, "A8-1")
    assert res.exit_code == 0 and "1 opinions" not in res.output
    assert "(1 opinion)" in invoke("review", "list", out).output
    assert "1 opinions" not in invoke("review", "undo", out).output


def test_a_moved_opinion_and_its_one_copy_are_counted_in_the_singular(made, tmp_path):
    """A7 and its exact copy: 「its 1 exact or near copy goes with it」, not 「their 1 … copies」."""
    comments = write_csv(tmp_path / "comments.csv", HEADER, ROWS + [["A11", ROWS[6][1]]])
    out = tmp_path / "out"
    assert invoke("run", comments, "--out", out, "--model", "char-hash").exit_code == 0
    of = cluster_of(out)
    res = invoke("review", "move", out, "A7-1", of["A9-1"])
    assert res.exit_code == 0 and "1 exact or near copy goes with it" in res.output


@pytest.mark.parametrize("moved, stays", [("A8-1", "A7-1"), ("A7-1", "A8-1")])
def test_a_label_and_answer_stay_on_their_row_when_half_its_opinions_move_out(project, moved, stays):
    """QA: label and answer a row of two opinions, move one into another row: on the 1:1 tie the
    label and the confirmed answer went with the moved opinion to the other row."""
    out, of = project["out"], project["of"]
    row, library = of["A7-1"], of["A1-1"]
    review.record_label(out, row, "桜並木の保全")
    review.record_answer(out, row, text="桜並木は保全します。")
    review.record_move(out, moved, library)
    project["run"]()
    now = cluster_of(out)
    got = labels(out)
    assert got[now[stays]] == "桜並木の保全" and got[now[moved]] != "桜並木の保全"
    with open(out / "clusters.csv", encoding="utf-8-sig", newline="") as fh:
        status = {r["cluster_id"]: r["answer_status"] for r in csv.DictReader(fh)}
    assert status[now[stays]] == "confirmed" and status[now[moved]] != "confirmed"


def test_an_answer_replaced_by_a_later_one_never_comes_back_after_a_regroup(project):
    """QA: answer a row, answer it again (the later replaces it), re-run with another --seed: the
    regroup split the row and the replaced answer was published on one half."""
    out, of = project["out"], project["of"]
    row = of["A1-1"]
    review.record_answer(out, row, text="旧い回答です。")
    review.record_answer(out, row, text="新しい回答です。")
    res = project["run"]()
    assert "1 replaced by a later one" in res.output
    review.record_split(out, ["A3-1"])  # the row's opinions now lie in two clusters
    project["run"]()
    published = (out / "report.md").read_text(encoding="utf-8")
    assert "旧い回答です。" not in published and "新しい回答です。" in published


def test_a_label_is_one_line_and_a_summary_of_nothing_but_personal_data_is_refused(project):
    out, of = project["out"], project["of"]
    d = review.record_label(out, of["A4-1"], "駅前\n駐輪場")
    assert d.value["label"] == "駅前 駐輪場"
    res = invoke("review", "summary", out, of["A4-1"], "090-1234-5678")
    assert res.exit_code != 0 and "nothing but personal data" in res.output
