"""Staff decisions (cluster.review): recorded by the CLI and the library, re-applied by runs.

The comments and past answers below were written for these tests (an imagined draft plan
for a city library, bicycle parking, a park and community-hall fees).
"""
from __future__ import annotations

import csv
import html
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from cluster import review
from cluster import decisions as decision_log
from cluster.io import InputError
from cluster.records import Decision
from conftest import cluster_of, invoke, read_csv_rows as read_rows, write_csv

HEADER = ["番号", "提出方法", "ご意見"]
ROWS = [
    ["A1", "電子メール", "図書館の開館時間を夜九時まで延長してほしい。"],
    ["A2", "郵送", "仕事帰りに使えるよう、図書館の開館時間を夜まで延長してください。"],
    ["A3", "電子メール", "図書館の開館時間を延長し、平日の夜も利用できるようにしてほしい。"],
    ["A4", "持参", "駅前の駐輪場が不足しているので、駐輪場を増設すべきです。"],
    ["A5", "電子メール", "駅前の駐輪場がいつも満車なので、駐輪場の増設をお願いします。"],
    ["A6", "FAX", "駐輪場の増設を計画に盛り込んでほしい。駅前の駐輪場が足りない。"],
    ["A7", "郵送", "公園の桜並木の伐採には反対です。樹木を残してください。"],
    ["A8", "郵送", "公園の桜並木の伐採には反対です。樹木を残してください。"],
    ["A9", "電子メール", "桜並木の伐採はやめて、公園の樹木を保全してください。"],
    ["A10", "電子メール", "公民館の使用料の値上げは市民の負担が大きいので見直してほしい。"],
    ["A11", "持参", "公民館使用料の値上げに反対。市民の負担が増える。"],
    ["A12", "電子メール", ""],
]
# Late comments: enough about the hall fees that their cluster becomes the largest (C001).
LATE = [
    ["B1", "郵送", "公民館の使用料を値上げしないでください。市民の負担が重くなります。"],
    ["B2", "電子メール", "公民館の使用料の値上げには反対です。負担が大きすぎます。"],
    ["B3", "持参", "公民館使用料の値上げは見直してほしい。市民の負担が増えるから。"],
    ["B4", "電子メール", "使用料の値上げで公民館が使いにくくなる。値上げに反対します。"],
]
PAST = [
    ["No.", "ご意見の概要", "市の考え方"],
    ["K1", "図書館の開館時間を延長してほしい。", "開館時間の延長については、利用状況を踏まえて検討してまいります。"],
    ["K2", "駐輪場を増やしてほしい。", "駅周辺の駐輪場の増設を検討してまいります。"],
    ["K3", "公園の樹木を残してほしい。", "樹木の保全に努めてまいります。"],
]


def inputs_without_ids(tmp_path: Path, rows_with_ids, insert_at: int = 0) -> tuple[Path, Path, Path]:
    """The rows without their id column, and the same with one row inserted at ``insert_at``
    (row-number ids all shift after it); returns (first, shifted, out folder)."""
    header = ["提出方法", "ご意見"]
    rows = [r[1:] for r in rows_with_ids]
    first = write_csv(tmp_path / "first.csv", header, rows)
    extra = [["郵送", "市民プールを残してほしい。"]]
    shifted = write_csv(tmp_path / "shifted.csv", header, rows[:insert_at] + extra + rows[insert_at:])
    return first, shifted, tmp_path / "out"


def clusters(run_dir: Path) -> dict[str, dict]:
    return {r["cluster_id"]: r for r in read_rows(run_dir / "clusters.csv")}


@pytest.fixture
def project(tmp_path):
    """Input files and a finished run folder (char-hash model: no model files needed)."""
    comments = write_csv(tmp_path / "comments.csv", HEADER, ROWS)
    past = write_csv(tmp_path / "past.csv", PAST[0], PAST[1:])
    out = tmp_path / "out"

    def run(input_path=comments, *extra):
        res = invoke("run", input_path, "--answers", past, "--out", out, "--model", "char-hash", *extra)
        assert res.exit_code == 0, res.output
        return res

    run()
    # the expected grouping of this small input, checked once so the tests below can rely on it
    of = cluster_of(out)
    assert of["A1-1"] == of["A2-1"] == of["A3-1"] != of["A4-1"] == of["A5-1"] == of["A6-1"]
    assert of["A7-1"] == of["A8-1"] == of["A9-1"] and of["A10-1"] == of["A11-1"] and of["A12-1"] == ""
    return {"dir": tmp_path, "comments": comments, "past": past, "out": out, "run": run}


def decisions_lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "decisions.jsonl").read_text(encoding="utf-8").splitlines() if line]


# ------------------------------------------------------------------ each kind via the CLI


def test_cli_merge_then_rerun_joins_clusters(project):
    out = project["out"]
    of = cluster_of(out)
    res = invoke("review", "merge", out, of["A1-1"], of["A4-1"], "--by", "山田")
    assert res.exit_code == 0, res.output
    (d,) = decisions_lines(out)
    assert d["kind"] == "merge" and d["by"] == "山田" and d["at"]
    assert set(d["opinion_ids"]) == {f"A{i}-1" for i in range(1, 7)}  # names the opinions, not only ids
    project["run"]()
    of = cluster_of(out)
    assert len({of[f"A{i}-1"] for i in range(1, 7)}) == 1
    assert of["A7-1"] != of["A1-1"]
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    figures = ("recorded", "applied", "not_applied", "withdrawn")  # (run.json has a breakdown too)
    assert {k: info["decisions"][k] for k in figures} == {"recorded": 1, "applied": 1, "not_applied": 0, "withdrawn": 0}


def test_cli_move_split_confirm(project):
    out = project["out"]
    of = cluster_of(out)
    assert invoke("review", "move", out, "A9-1", of["A1-1"]).exit_code == 0
    assert invoke("review", "split", out, "A10-1").exit_code == 0
    assert invoke("review", "confirm", out, of["A4-1"]).exit_code == 0
    kinds = [d["kind"] for d in decisions_lines(out)]
    assert kinds == ["move", "split", "confirm"]
    assert all(d["by"] for d in decisions_lines(out))  # the OS user by default
    project["run"]()
    of = cluster_of(out)
    assert of["A9-1"] == of["A1-1"]
    assert of["A7-1"] == of["A8-1"] != of["A9-1"]
    assert of["A10-1"] != of["A11-1"] and of["A10-1"]
    assert review.cluster_table(out).set_index("cluster_id").loc[of["A4-1"], "confirmed"]


def test_cli_move_takes_the_duplicates_along(project):
    out = project["out"]
    of = cluster_of(out)
    assert invoke("review", "move", out, "A7-1", of["A10-1"]).exit_code == 0
    project["run"]()
    of = cluster_of(out)
    assert of["A7-1"] == of["A8-1"] == of["A10-1"]  # A8 is an exact copy of A7


def test_cli_label_and_answers_reach_outputs_and_report(project):
    out = project["out"]
    of = cluster_of(out)
    assert invoke("review", "label", out, of["A7-1"], "桜並木の保全について").exit_code == 0
    assert invoke("review", "answer", out, of["A4-1"], "--answer-id", "K2").exit_code == 0
    written = "公民館の使用料は、近隣市の水準も踏まえて据え置きます。"
    assert invoke("review", "answer", out, of["A10-1"], "--text", written).exit_code == 0
    project["run"]()
    of = cluster_of(out)
    cl = clusters(out)
    assert cl[of["A7-1"]]["label"] == "桜並木の保全について"
    assert cl[of["A4-1"]]["answer_status"] == "confirmed" and cl[of["A4-1"]]["answer_id"] == "K2"
    assert cl[of["A10-1"]]["answer_status"] == "confirmed"
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "駅周辺の駐輪場の増設を検討してまいります。" in md
    assert written in md
    from openpyxl import load_workbook

    cells = [str(c.value) for row in load_workbook(out / "report.xlsx").active.iter_rows() for c in row if c.value]
    assert any(written in c for c in cells)
    assert any("駅周辺の駐輪場の増設を検討してまいります。" == c for c in cells)  # confirmed: no candidate mark


def test_report_shows_edited_label(project):
    out = project["out"]
    of = cluster_of(out)
    assert invoke("review", "label", out, of["A7-1"], "桜並木の保全について").exit_code == 0
    project["run"]()
    assert "桜並木の保全について" in (out / "report.md").read_text(encoding="utf-8")
    from openpyxl import load_workbook

    cells = [str(c.value) for row in load_workbook(out / "report.xlsx").active.iter_rows() for c in row if c.value]
    assert any("桜並木の保全について" in c for c in cells)


def test_cli_summary_replaces_the_representative_in_the_report_and_follows_a_merge(project):
    """Staff write the ご意見の概要 of a row; the report shows it instead of the representative
    opinion, masked, and it stays on the cluster that holds its opinions after a merge."""
    out = project["out"]
    of = cluster_of(out)
    written = "駅前の駐輪場を増やしてほしい（問い合わせ先 090-1234-5678）。"
    res = invoke("review", "summary", out, of["A4-1"], written, "--by", "山田")
    assert res.exit_code == 0, res.output
    (d,) = decisions_lines(out)
    assert d["kind"] == "summary" and d["value"]["summary"] == written and "A4-1" in d["opinion_ids"]
    assert invoke("review", "merge", out, of["A4-1"], of["A1-1"]).exit_code == 0
    project["run"]()
    of = cluster_of(out)
    assert of["A1-1"] == of["A4-1"]
    assert clusters(out)[of["A4-1"]]["summary"] == written  # working files keep what staff wrote
    assert all(not r["summary"] for cid, r in clusters(out).items() if cid != of["A4-1"])
    table = review.cluster_table(out).set_index("cluster_id")  # the notebook's table shows it too
    assert table.loc[of["A4-1"], "summary"].startswith("駅前の駐輪場を増やしてほしい")
    assert not table.drop(index=of["A4-1"])["summary"].any()
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "駅前の駐輪場を増やしてほしい（問い合わせ先 ［電話番号］）。" in md and "090-1234-5678" not in md
    row = next(line for line in md.splitlines() if "駅前の駐輪場を増やしてほしい（" in line)
    representative = clusters(out)[of["A4-1"]]["representative"]
    assert representative and representative not in row and representative not in md  # replaced, not added to
    # withdrawn: the representative opinion is back
    assert invoke("review", "undo", out, "--decision", "1").exit_code == 0
    project["run"]()
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "問い合わせ先" not in md and not any(r["summary"] for r in clusters(out).values())


def test_summary_refusals_are_one_line(project):
    out = project["out"]
    of = cluster_of(out)
    res = invoke("review", "summary", out, of["A4-1"], "  \x1b ")
    assert res.exit_code == 2 and "the summary is empty" in res.output and "Traceback" not in res.output
    res = invoke("review", "summary", out, "C999", "概要")
    assert res.exit_code == 2 and "C999" in res.output
    assert not (out / "decisions.jsonl").exists() or not decisions_lines(out)


# ------------------------------------------------------------------ each kind via the library


def test_library_record_functions(project):
    out = project["out"]
    of = cluster_of(out)
    c_lib, c_bike, c_park, c_fee = of["A1-1"], of["A4-1"], of["A7-1"], of["A10-1"]
    review.record_merge(out, [c_lib, c_bike], by="a")
    review.record_move(out, "A9-1", c_fee, by="b")
    review.record_split(out, ["A11-1"], by="c")
    review.record_label(out, c_park, "公園の樹木", by="d")
    review.record_answer(out, c_lib, answer_id="K1", by="e")
    review.record_confirm(out, c_park, by="f")
    decisions = decision_log.load_decisions(out)
    assert [d.kind for d in decisions] == ["merge", "move", "split", "label", "answer", "confirm"]
    assert [d.by for d in decisions] == list("abcdef")
    assert all(isinstance(d, Decision) and d.opinion_ids and d.at for d in decisions)
    run = review.load_run(out)
    assert run.pending == 6
    table = review.decision_table(run)
    assert list(table["kind"]) == [d.kind for d in decisions] and not table["in_this_run"].any()

    result = review.rerun(out)  # the settings recorded in run.json
    of = cluster_of(out)
    assert len({of[f"A{i}-1"] for i in range(1, 7)}) == 1
    assert of["A9-1"] == of["A10-1"] != of["A11-1"]
    cl = clusters(out)
    assert cl[of["A7-1"]]["label"] == "公園の樹木"
    assert cl[of["A1-1"]]["answer_id"] == "K1"
    assert review.load_run(out).pending == 0
    assert result.counts["ok_opinions"] == 11


def test_apply_decisions_on_a_changed_grouping():
    """Decisions name opinions, so they hold when the cluster numbers are shuffled."""
    opinion_unit = {f"o{i}": i for i in range(8)}
    d = [
        Decision("merge", ("o0", "o1", "o2", "o3"), "x", "t", {"groups": [["o0", "o1"], ["o2", "o3"]]}),
        Decision("label", ("o4", "o5"), "x", "t", {"label": "L"}),
        Decision("split", ("o6",), "x", "t", {}),
        Decision("answer", ("o0",), "x", "t", {"text": "回答"}),
        Decision("move", ("o7",), "x", "t", {"target": ["o4", "o5"]}),
        Decision("confirm", ("o2",), "x", "t", {}),
    ]
    for grouping in ([0, 0, 1, 1, 2, 2, 3, 3], [5, 5, 1, 1, 0, 0, 2, 2], [3, 3, 3, 3, 1, 1, 1, 0]):
        res = decision_log.apply_decisions(opinion_unit, np.array(grouping), d)
        cl = res.cluster_of_unit
        assert cl[0] == cl[1] == cl[2] == cl[3]
        assert cl[4] == cl[5] == cl[7] != cl[6]
        assert res.labels == {int(cl[4]): "L"}
        assert res.answers == {int(cl[0]): {"text": "回答"}}
        assert res.confirmed == {int(cl[0])}
        assert res.applied == 6 and res.messages == []


def test_label_recorded_before_a_merge_follows_the_merged_cluster():
    opinion_unit = {"a": 0, "b": 1, "c": 2}
    d = [Decision("label", ("a",), "x", "t", {"label": "A"}),
         Decision("merge", ("a", "b"), "x", "t", {"groups": [["a"], ["b"]]})]
    res = decision_log.apply_decisions(opinion_unit, np.array([0, 1, 2]), d)
    assert res.cluster_of_unit[0] == res.cluster_of_unit[1]
    assert res.labels == {int(res.cluster_of_unit[0]): "A"}


def test_merge_takes_along_late_opinions_of_a_merged_cluster():
    # o9 is a late comment that landed in the cluster of group ["o2", "o3"]
    opinion_unit = {"o0": 0, "o1": 1, "o2": 2, "o3": 3, "o9": 4, "z": 5}
    d = [Decision("merge", ("o0", "o1", "o2", "o3"), "x", "t", {"groups": [["o0", "o1"], ["o2", "o3"]]})]
    res = decision_log.apply_decisions(opinion_unit, np.array([0, 0, 1, 1, 1, 2]), d)
    cl = res.cluster_of_unit
    assert cl[0] == cl[2] == cl[4] != cl[5]


def test_a_split_in_effect_keeps_the_late_opinions_that_joined_it():
    """QA36: a late opinion joined the row a split had made; re-applying the split took the split
    opinions out again into a new row and left the newcomer alone (the run's line said it had joined)."""
    opinion_unit = {"m1": 0, "m2": 1, "s1": 2, "s2": 3, "late": 4}
    d = [Decision("split", ("s1", "s2"), "x", "t", {"others": ["m1", "m2"]})]
    # the split row (1) holds the split opinions and the newcomer; the mates are in row 0
    res = decision_log.apply_decisions(opinion_unit, np.array([0, 0, 1, 1, 1]), d)
    cl = res.cluster_of_unit
    assert cl[2] == cl[3] == cl[4] != cl[0]
    # still with a mate beside them (a fresh grouping joined them again): the split takes them out
    res = decision_log.apply_decisions(opinion_unit, np.array([0, 1, 1, 1, 1]), d)
    cl = res.cluster_of_unit
    assert cl[2] == cl[3] != cl[1] and cl[4] == cl[1]


# ------------------------------------------------------------------ re-runs with changed clustering


def test_decisions_survive_late_comments(project):
    out = project["out"]
    of = cluster_of(out)
    fee = of["A10-1"]
    review.record_label(out, fee, "公民館使用料の値上げについて")
    review.record_answer(out, of["A7-1"], text="樹木は保全します。")
    review.record_move(out, "A3-1", of["A4-1"])
    review.record_split(out, ["A11-1"])
    project["run"]()
    split_id = cluster_of(out)["A11-1"]
    more = write_csv(project["dir"] / "more.csv", HEADER, ROWS + LATE)
    project["run"](more)
    of = cluster_of(out)
    cl = clusters(out)
    assert of["A10-1"] == fee and cl[fee]["label"] == "公民館使用料の値上げについて"
    assert cl[of["A7-1"]]["answer_status"] == "confirmed"
    assert of["A3-1"] == of["A4-1"] != of["A1-1"]
    assert of["A11-1"] == split_id  # a split cluster keeps its id run after run
    assert all(of[f"B{i}-1"] for i in range(1, 5))


def test_a_late_paraphrase_joins_an_earlier_one_text_cluster(project):
    """Late comments: a cluster of one distinct text used to take only its copies, so a late
    paraphrase started a second row for the same request. It joins when the grouping's own
    rule (what a fresh run would do) joins it; the earlier clusters keep their ids."""
    out = project["out"]
    first = write_csv(project["dir"] / "first.csv", HEADER, [r for r in ROWS if r[0] != "A11"])
    shutil.rmtree(out)
    project["run"](first)
    before = cluster_of(out)
    fee = before["A10-1"]
    assert int(clusters(out)[fee]["unique_texts"]) == 1
    res = project["run"](project["comments"])  # A11, the paraphrase, arrives late
    assert f"late comments: 1 new distinct opinion: 1 joined earlier clusters ({fee})\n" in res.output
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["grouping"] == "continued"
    after = cluster_of(out)
    assert after["A11-1"] == fee
    assert all(after[oid] == cid for oid, cid in before.items())  # nothing earlier moved


def test_late_opinions_are_grouped_within_the_whole_consultation(project):
    """Late opinions that fit no earlier cluster were grouped among themselves only, where three
    texts give the similarity's statistics nothing to stand on; they are grouped as a fresh run
    groups them, then joined to earlier clusters by the same rule."""
    out = project["out"]
    before = cluster_of(out)
    late = [["L1", "電子メール", "ごみ収集の回数を週3回に増やしてほしい。"],
            ["L2", "電子メール", "ごみの収集日を増やしてください。夏は臭いがひどい。"],
            ["L3", "郵送", "駅前の駐輪場が足りないので、駐輪場を増やしてほしい。"]]
    grown = write_csv(project["dir"] / "late.csv", HEADER, ROWS + late)
    project["run"](grown)
    after = cluster_of(out)
    assert all(after[oid] == cid for oid, cid in before.items())  # earlier opinions stay
    fresh_out = project["dir"] / "fresh"
    assert invoke("run", grown, "--answers", project["past"], "--out", fresh_out, "--model", "char-hash").exit_code == 0
    fresh = cluster_of(fresh_out)
    new = ["L1-1", "L2-1", "L3-1"]
    # the new opinions are together exactly where a fresh run of the same file puts them together
    assert {(a, b): after[a] == after[b] for a in new for b in new} == \
        {(a, b): fresh[a] == fresh[b] for a in new for b in new}


def test_decisions_move_to_new_cluster_ids_in_a_fresh_folder(project):
    """Decisions copied to a new run folder, input grown: the cluster numbers all change."""
    out = project["out"]
    of = cluster_of(out)
    old_fee = of["A10-1"]
    review.record_label(out, old_fee, "公民館使用料の値上げについて")
    review.record_merge(out, [of["A1-1"], of["A7-1"]])
    fresh = project["dir"] / "fresh"
    fresh.mkdir()
    shutil.copyfile(out / "decisions.jsonl", fresh / "decisions.jsonl")
    more = write_csv(project["dir"] / "more.csv", HEADER, ROWS + LATE)
    res = invoke("run", more, "--out", fresh, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    of = cluster_of(fresh)
    assert of["A10-1"] != old_fee  # the grown fee cluster is now the largest ...
    assert clusters(fresh)[of["A10-1"]]["label"] == "公民館使用料の値上げについて"  # ... the label followed
    assert of["A1-1"] == of["A2-1"] == of["A7-1"] == of["A9-1"]


def test_decisions_survive_another_seed(project):
    out = project["out"]
    of = cluster_of(out)
    review.record_merge(out, [of["A7-1"], of["A10-1"]])
    review.record_label(out, of["A1-1"], "図書館の開館時間")
    project["run"](project["comments"], "--seed", "7")
    of = cluster_of(out)
    assert of["A7-1"] == of["A9-1"] == of["A10-1"] == of["A11-1"]
    assert clusters(out)[of["A1-1"]]["label"] == "図書館の開館時間"


def test_decision_that_no_longer_applies_is_reported_not_dropped(project):
    out = project["out"]
    of = cluster_of(out)
    review.record_label(out, of["A10-1"], "公民館の使用料")
    review.record_label(out, of["A1-1"], "図書館")
    before = (out / "decisions.jsonl").read_bytes()
    fewer = write_csv(project["dir"] / "fewer.csv", HEADER, [r for r in ROWS if r[0] not in ("A10", "A11")])
    res = invoke("run", fewer, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "decision 1 (label" in res.output and "no longer applies" in res.output
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    figures = ("recorded", "applied", "not_applied", "withdrawn")  # (run.json has a breakdown too)
    assert {k: info["decisions"][k] for k in figures} == {"recorded": 2, "applied": 1, "not_applied": 1, "withdrawn": 0}
    assert (out / "decisions.jsonl").read_bytes() == before  # kept for a later run with those opinions
    notes = review.decision_table(out).set_index("n")["note"]  # the notebook's table says so too
    assert "no longer applies" in notes[1] and notes[2] == ""
    # ... and applies again when the opinions come back
    project["run"]()
    assert clusters(out)[cluster_of(out)["A10-1"]]["label"] == "公民館の使用料"


def test_partly_gone_decision_is_reported():
    res = decision_log.apply_decisions({"a": 0, "b": 1}, np.array([0, 1]),
                                 [Decision("split", ("a", "gone-1"), "x", "t", {})])
    assert res.applied == 1 and any("gone-1" in m for m in res.messages)


# ------------------------------------------------------------------ broken files and bad ids


@pytest.mark.parametrize("bad", ["{not json", '{"kind": "shout", "opinion_ids": ["A1-1"]}',
                                 '{"kind": "label", "opinion_ids": ["A1-1"], "value": {}}',
                                 '["label"]', '{"kind": "move", "opinion_ids": ["A1-1"]}'])
def test_broken_decisions_line_is_one_clear_error_and_left_untouched(project, bad):
    out = project["out"]
    review.record_confirm(out, cluster_of(out)["A1-1"])
    with open(out / "decisions.jsonl", "a", encoding="utf-8") as fh:
        fh.write(bad + "\n")
    before = (out / "decisions.jsonl").read_bytes()
    outputs_before = {p.name: p.read_bytes() for p in out.iterdir()}
    res = invoke("run", project["comments"], "--out", out, "--model", "char-hash")
    assert res.exit_code == 2
    err = res.output.strip().splitlines()
    assert err[-1].startswith("error:") and "line 2" in err[-1] and "decisions.jsonl" in err[-1]
    assert "Traceback" not in res.output
    # recording another decision on a broken file is refused too
    res = invoke("review", "label", out, cluster_of(out)["A1-1"], "図書館")
    assert res.exit_code == 2 and "line 2" in res.output and "Traceback" not in res.output
    assert (out / "decisions.jsonl").read_bytes() == before
    assert {p.name: p.read_bytes() for p in out.iterdir()} == outputs_before
    with pytest.raises(decision_log.DecisionsError, match="line 2"):
        decision_log.load_decisions(out)


def test_decision_appended_after_a_line_without_newline(project):
    out = project["out"]
    review.record_confirm(out, cluster_of(out)["A1-1"])
    path = out / "decisions.jsonl"
    path.write_bytes(path.read_bytes().rstrip(b"\n"))  # a hand edit dropped the last newline
    review.record_confirm(out, cluster_of(out)["A4-1"])
    assert len(decision_log.load_decisions(out)) == 2


@pytest.mark.parametrize("args, message", [
    (["label", "{out}", "C999", "名前"], "unknown cluster 'C999'"),
    (["merge", "{out}", "C001", "C999"], "unknown cluster 'C999'"),
    (["merge", "{out}", "C001"], "two or more"),
    (["move", "{out}", "Z9-1", "C001"], "unknown opinion id 'Z9-1'"),
    (["move", "{out}", "A12-1", "C001"], "not in any cluster"),
    (["split", "{out}", "A1-1", "nope"], "unknown opinion id 'nope'"),
    (["answer", "{out}", "C001", "--answer-id", "K99"], "unknown answer id 'K99'"),
    (["answer", "{out}", "C001"], "exactly one of --answer-id or --text"),
    (["label", "{out}", "C001", "  "], "the label is empty"),
    (["confirm", "{missing}", "C001"], "no such run folder"),
])
def test_bad_ids_give_clear_errors(project, args, message):
    out = project["out"]
    args = [a.format(out=out, missing=project["dir"] / "missing") for a in args]
    res = invoke("review", *args)
    assert res.exit_code == 2, res.output
    assert message in res.output and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1
    assert (out / "decisions.jsonl").read_text(encoding="utf-8") == ""
    with pytest.raises(InputError):
        review.record_label(out, "C999", "x")


# ------------------------------------------------------------------ notebook helpers


def test_notebook_helpers(project, tmp_path):
    out = project["out"]
    run = review.load_run(out)
    assert run.counts["ok_opinions"] == 11 and run.model == "char-hash"
    table = review.cluster_table(run)
    assert {"cluster_id", "label", "size", "duplicates", "topic", "top_answer"} <= set(table.columns)
    assert int(table["size"].sum()) == 11
    park = cluster_of(out)["A7-1"]
    view = review.cluster_view(run, park)
    assert view.size == 3 and len(view.opinions) == 2  # the exact copies are collapsed ...
    assert sorted(view.opinions["count"]) == [1, 2]  # ... with their count
    assert "<mark>" in view.to_html()
    lib = review.cluster_view(out, cluster_of(out)["A1-1"])
    assert list(lib.answers["answer_id"])[:1] == ["K1"] and "past_opinion" in lib.answers.columns
    # staff see which of their sentences matched the past opinion
    matched = lib.answers["matched_sentence"].iloc[0]
    assert matched and matched in " ".join(lib.opinions["text"])
    assert html.escape(matched) in lib.to_html()
    # a run folder written before matched_sentence existed still renders
    old_run = tmp_path / "old_run"
    shutil.copytree(out, old_run)
    rows = read_rows(old_run / "answers.csv")
    write_csv(old_run / "answers.csv", [c for c in rows[0] if c != "matched_sentence"],
              [[v for c, v in r.items() if c != "matched_sentence"] for r in rows])
    old_view = review.cluster_view(old_run, cluster_of(out)["A1-1"])
    assert "matched_sentence" not in old_view.answers.columns and "K1" in old_view.to_html()
    with pytest.raises(InputError, match="unknown cluster"):
        review.cluster_view(run, "C999")
    m = review.opinion_map(run)
    assert len(m) == 11 and {"x", "y", "text", "cluster_id"} <= set(m.columns)
    assert review.highlight("<b>駐輪場</b>", ["駐輪場"]) == "&lt;b&gt;<mark>駐輪場</mark>&lt;/b&gt;"
    files = review.export_report(out, tmp_path / "publish")
    assert sorted(p.name for p in files) == sorted(review.REPORT_FILES)


# ------------------------------------------------------------------ found by a QA pass (2026-11-27)


def test_decisions_follow_their_text_when_rows_shift_in_an_input_without_ids(tmp_path):
    """No id column: opinion ids are row numbers; a row inserted on top shifts them all."""
    first, shifted, out = inputs_without_ids(tmp_path, ROWS)
    assert invoke("run", first, "--out", out, "--model", "char-hash").exit_code == 0
    of = cluster_of(out)
    library = of["1-1"]  # 図書館の開館時間
    review.record_label(out, library, "図書館の開館時間")
    review.record_answer(out, library, text="開館時間の延長を検討します。")
    res = invoke("run", shifted, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    of = cluster_of(out)
    cl = clusters(out)
    pool = of["1-1"]  # the inserted row took id 1-1
    assert cl[pool]["label"] != "図書館の開館時間" and cl[pool]["answer_status"] != "confirmed"
    assert cl[of["2-1"]]["label"] == "図書館の開館時間" and cl[of["2-1"]]["answer_status"] == "confirmed"
    assert "now have other ids" in res.output


def test_moving_an_opinion_into_a_labelled_cluster_keeps_that_clusters_label_and_answer(project):
    out = project["out"]
    of = cluster_of(out)
    review.record_label(out, of["A1-1"], "図書館の開館時間")
    review.record_answer(out, of["A1-1"], text="開館時間の延長を検討します。")
    review.record_split(out, ["A11-1"])
    project["run"]()
    of = cluster_of(out)
    review.record_label(out, of["A11-1"], "使用料")
    review.record_answer(out, of["A11-1"], text="使用料は据え置きます。")
    res = invoke("review", "move", out, "A11-1", of["A1-1"])
    assert res.exit_code == 0, res.output
    run = project["run"]()
    of = cluster_of(out)
    cl = clusters(out)[of["A1-1"]]
    assert of["A11-1"] == of["A1-1"] and cl["label"] == "図書館の開館時間"
    assert "開館時間の延長を検討します。" in (out / "report.md").read_text(encoding="utf-8")
    assert "使用料は据え置きます。" not in (out / "report.md").read_text(encoding="utf-8")
    assert "not applied" in run.output


def test_moving_an_opinion_into_its_own_cluster_is_refused(project):
    out = project["out"]
    of = cluster_of(out)
    path = out / "decisions.jsonl"
    before = path.read_bytes() if path.exists() else b""
    res = invoke("review", "move", out, "A2-1", of["A1-1"])
    assert res.exit_code != 0 and "already in cluster" in res.output
    assert (path.read_bytes() if path.exists() else b"") == before


def test_empty_answer_text_is_named_as_such(project):
    out = project["out"]
    res = invoke("review", "answer", out, cluster_of(out)["A1-1"], "--text", "  ")
    assert res.exit_code != 0 and "the answer text is empty" in res.output


def test_undo_withdraws_the_latest_decision_and_the_next_run_drops_it(project):
    out = project["out"]
    of = cluster_of(out)
    res = invoke("review", "undo", out, "--decision", "1")  # nothing recorded yet
    assert res.exit_code != 0 and "holds no decisions yet" in res.output and "1 to 0" not in res.output
    review.record_merge(out, [of["A1-1"], of["A4-1"]])
    review.record_label(out, of["A7-1"], "公園の樹木")
    res = invoke("review", "undo", out, "--decision", "1")
    assert res.exit_code == 0 and "withdrew decision 1 (merge" in res.output
    project["run"]()
    of = cluster_of(out)
    assert of["A1-1"] != of["A4-1"]  # the merge is no longer applied
    assert clusters(out)[of["A7-1"]]["label"] == "公園の樹木"  # the label still is
    kinds = [d["kind"] for d in decisions_lines(out)]
    assert kinds == ["merge", "label", "withdraw"]  # nothing erased
    assert invoke("review", "undo", out, "--decision", "1").exit_code != 0  # already withdrawn
    res = invoke("review", "undo", out)  # the latest in force: the label
    assert res.exit_code == 0 and "withdrew decision 2 (label" in res.output
    assert "no decision to withdraw" in invoke("review", "undo", out).output
    table = review.decision_table(review.load_run(out))
    assert list(table["withdrawn"]) == [True, True, False, False]


def test_confirmed_answer_survives_a_run_without_the_past_answers(project):
    out = project["out"]
    of = cluster_of(out)
    review.record_answer(out, of["A4-1"], answer_id="K2")
    res = invoke("run", project["comments"], "--out", out, "--model", "char-hash")  # no --answers
    assert res.exit_code == 0, res.output
    assert "the text recorded with the decision is used" in res.output
    assert clusters(out)[cluster_of(out)["A4-1"]]["answer_status"] == "confirmed"
    assert "駅周辺の駐輪場の増設を検討してまいります。" in (out / "report.md").read_text(encoding="utf-8")


def test_an_answer_confirmed_in_this_run_is_recorded_as_its_text(project):
    """answers.csv offers other clusters' confirmed answers as run:C… ids; picking one records
    its text (a run:C… id is no past answer, and the next run used to stop on it)."""
    out = project["out"]
    of = cluster_of(out)
    review.record_answer(out, of["A10-1"], text="使用料の改定は慎重に検討します。")
    project["run"]()
    of = cluster_of(out)
    rows = read_rows(out / "answers.csv")
    offered = [r for r in rows if r["answer_id"].startswith("run:")]
    if not offered:  # make the offer explicit for the library's view of answers.csv
        with open(out / "answers.csv", "a", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerow([of["A1-1"], 9, f"run:{of['A10-1']}", "0.5", "", "使用料の改定は慎重に検討します。",
                                     "", ""])
        offered = [{"cluster_id": of["A1-1"], "answer_id": f"run:{of['A10-1']}"}]
    d = review.record_answer(out, offered[0]["cluster_id"], answer_id=offered[0]["answer_id"])
    assert d.value["text"] == "使用料の改定は慎重に検討します。" and "answer_id" not in d.value
    project["run"]()
    assert clusters(out)[offered[0]["cluster_id"]]["answer_status"] == "confirmed"


def test_confirm_keeps_its_cluster_together_but_not_opinions_moved_before_it():
    opinion_unit = {"a": 0, "b": 1, "c": 2, "d": 3}
    d = [Decision("move", ("c",), "x", "t", {"target": ["d"]}),
         Decision("confirm", ("a", "b", "c"), "x", "t", {})]
    res = decision_log.apply_decisions(opinion_unit, np.array([0, 1, 1, 2]), d)  # a regrouping split a from b
    cl = res.cluster_of_unit
    assert cl[0] == cl[1] != cl[2] and cl[2] == cl[3]


def test_the_same_input_after_late_comments_keeps_the_continued_clusters(project):
    out = project["out"]
    more = write_csv(project["dir"] / "more.csv", HEADER, ROWS + LATE)
    project["run"](more)
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert info["grouping"] == "continued"
    before = cluster_of(out)
    res = project["run"](more)
    assert "its clusters are kept" in res.output
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["grouping"] == "continued"
    assert cluster_of(out) == before
    # a merge applied on the continued clusters, then withdrawn: the next run regroups without it
    review.record_merge(out, [before["A1-1"], before["A4-1"]])
    project["run"](more)
    assert cluster_of(out)["A1-1"] == cluster_of(out)["A4-1"]
    review.record_withdraw(out)
    res = project["run"](more)
    # regrouped afresh, or the continued clusters with the withdrawn merge undone: either way not merged
    assert cluster_of(out)["A1-1"] != cluster_of(out)["A4-1"]


def test_a_merge_recorded_after_a_move_does_not_pull_the_moved_opinion_back():
    # 8 was in cluster A with 1 and 10; staff moved 8 to cluster B, then merged A with C,
    # both before re-running, so the merge still lists 8 among A's opinions
    opinion_unit = {"1": 0, "8": 1, "10": 2, "5": 3, "6": 4, "7": 5}
    d = [Decision("move", ("8",), "x", "t", {"target": ["5"]}),
         Decision("merge", ("1", "8", "10", "6", "7"), "x", "t", {"groups": [["1", "8", "10"], ["6", "7"]]})]
    res = decision_log.apply_decisions(opinion_unit, np.array([0, 0, 0, 1, 2, 2]), d)
    cl = res.cluster_of_unit
    assert cl[1] == cl[3]  # 8 stays with 5
    assert cl[0] == cl[2] == cl[4] == cl[5] != cl[1]  # the merge joined A's rest with C


def test_cluster_ids_are_kept_when_rows_shift_in_an_input_without_ids(tmp_path):
    first, shifted, out = inputs_without_ids(tmp_path, ROWS, insert_at=4)
    assert invoke("run", first, "--out", out, "--model", "char-hash").exit_code == 0
    by_text = {r["text"]: r["cluster_id"] for r in read_rows(out / "opinions.csv") if r["cluster_id"]}
    assert invoke("run", shifted, "--out", out, "--model", "char-hash").exit_code == 0
    after = {r["text"]: r["cluster_id"] for r in read_rows(out / "opinions.csv") if r["cluster_id"]}
    assert {t: after[t] for t in by_text} == by_text


# ------------------------------------------------------------------ detach: one letter out of a form-letter group

# An invented campaign against closing a sports-centre pool: near-identical letters, and one
# letter that copies the campaign text and adds a request of its own (the near-duplicate
# detector puts it into the campaign's group: the campaign text is nearly all inside it).
POOL = ("市民体育館のプールを廃止する案に反対します。プールは子どもの水泳教室や高齢者の健康づくりに"
        "欠かせない施設です。廃止せずに改修して使い続けてください。")
POOL_LETTERS = [
    ["P1", "郵送", POOL],
    ["P2", "郵送", POOL],  # an exact copy
    ["P3", "FAX", POOL.replace("欠かせない", "なくてはならない")],
    ["P4", "電子メール", POOL + "\nよろしくお願いします。"],  # an exact copy once normalised
    ["P5", "郵送", POOL.replace("改修して", "")],
    ["P6", "電子メール", POOL.replace("子ども", "小学生")],
]
# one opinion: the letter adds its own request in the same paragraph, with no 「また、」 (with one,
# or in a paragraph of its own, the splitter would cut it off as a second opinion)
OWN_REQUEST = ["X1", "電子メール", POOL + "体育館の駐車場も狭いので、台数を増やしてください。"]
POOL_ROWS = ROWS + POOL_LETTERS + [OWN_REQUEST]


def rows_by_id(out: Path) -> dict[str, dict]:
    return {r["opinion_id"]: r for r in read_rows(out / "opinions.csv")}


def report_counts(out: Path) -> dict[str, int]:
    """件数 of each published row (report.csv, rows in the order of clusters.csv), by cluster id."""
    report = read_rows(out / "report.csv")
    ids = [r["cluster_id"] for r in read_rows(out / "clusters.csv")]
    assert [int(r["No."]) for r in report] == list(range(1, len(ids) + 1))
    return {cid: int(r["件数"]) for cid, r in zip(ids, report)}


@pytest.fixture
def pool(tmp_path):
    comments = write_csv(tmp_path / "comments.csv", HEADER, POOL_ROWS)
    out = tmp_path / "out"

    def run(input_path=comments, *extra):
        res = invoke("run", input_path, "--out", out, "--model", "char-hash", *extra)
        assert res.exit_code == 0, res.output
        return res

    run()
    by_id = rows_by_id(out)
    group = by_id["P1-1"]["duplicate_group"]
    # the detector's mistake these tests correct: the letter with its own request is a "copy"
    assert group and all(by_id[f"P{i}-1"]["duplicate_group"] == group for i in range(1, 7))
    assert by_id["X1-1"]["duplicate_group"] == group and by_id["X1-1"]["duplicate_count"] == "7"
    return {"dir": tmp_path, "comments": comments, "out": out, "run": run, "group": group}


def test_cli_detach_takes_one_letter_out_of_its_form_letter_group(pool):
    out, group = pool["out"], pool["group"]
    before = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]
    campaign = cluster_of(out)["P1-1"]
    unique_before = int(clusters(out)[campaign]["unique_texts"])
    res = invoke("review", "detach", out, "X1-1", "--by", "山田")
    assert res.exit_code == 0, res.output
    assert f"X1-1 leaves {group} (7 -> 6 opinions)" in res.output and "on its own text" in res.output
    (d,) = decisions_lines(out)
    assert d["kind"] == "detach" and d["opinion_ids"] == ["X1-1"] and d["by"] == "山田"
    assert set(d["value"]["fingerprints"]) == {"X1-1"} and d["value"]["duplicate_groups"] == [group]
    res = pool["run"]()
    assert "1 opinion(s) taken out of their duplicate group" in res.output
    by_id = rows_by_id(out)
    assert by_id["X1-1"]["duplicate_group"] == "" and by_id["X1-1"]["duplicate_count"] == "1"
    assert all(by_id[f"P{i}-1"]["duplicate_group"] == group and by_id[f"P{i}-1"]["duplicate_count"] == "6"
               for i in range(1, 7))
    counts = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]
    assert counts["distinct_opinions"] == before["distinct_opinions"] + 1
    assert counts["opinions_in_duplicate_groups"] == before["opinions_in_duplicate_groups"] - 1
    assert counts["ok_opinions"] == before["ok_opinions"]
    # clustered on its own text: it stays with the campaign it quotes, now as a text of its own
    of = cluster_of(out)
    home = of["X1-1"]
    assert home == of["P1-1"] == campaign
    assert int(clusters(out)[home]["unique_texts"]) == unique_before + 1
    assert report_counts(out)[campaign] == 7
    view = review.cluster_view(out, home)
    mine = view.opinions[view.opinions["opinion_ids"] == "X1-1"]
    assert len(mine) == 1 and int(mine["count"].iloc[0]) == 1 and "駐車場" in mine["text"].iloc[0]
    assert sum(report_counts(out).values()) == counts["ok_opinions"]
    table = review.decision_table(review.load_run(out))
    assert list(table["kind"]) == ["detach"] and group in table["value"].iloc[0]
    assert table["cluster"].iloc[0] == campaign and not table["withdrawn"].iloc[0]
    # the decision holds on the next run too, and the outputs are the same
    first = (out / "opinions.csv").read_bytes(), (out / "clusters.csv").read_bytes()
    pool["run"]()
    assert ((out / "opinions.csv").read_bytes(), (out / "clusters.csv").read_bytes()) == first


def test_a_detached_letter_moves_alone_and_the_report_counts_follow(pool):
    """Before detach, move took the whole form-letter group along; now the one letter moves."""
    out = pool["out"]
    of = cluster_of(out)
    campaign, library = of["P1-1"], of["A1-1"]
    counts = report_counts(out)
    assert counts[campaign] == 7
    assert invoke("review", "detach", out, "X1-1").exit_code == 0
    res = invoke("review", "move", out, "X1-1", library)
    assert res.exit_code == 0 and "exact or near cop" not in res.output  # the group stays behind
    pool["run"]()
    of = cluster_of(out)
    assert of["X1-1"] == of["A1-1"] != of["P1-1"]
    after = report_counts(out)
    assert after[of["P1-1"]] == 6 and after[of["A1-1"]] == counts[library] + 1
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "| 6 |" in md
    assert int(clusters(out)[of["P1-1"]]["size"]) == 6


def test_a_detached_letter_is_placed_on_its_own_text_when_late_comments_arrive(pool):
    out = pool["out"]
    campaign = cluster_of(out)["P1-1"]
    assert invoke("review", "detach", out, "X1-1").exit_code == 0
    more = write_csv(pool["dir"] / "more.csv", HEADER, POOL_ROWS + LATE)
    res = pool["run"](more)
    assert "(and 1 detached from their duplicate group)" in res.output
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["grouping"] == "continued"
    of = cluster_of(out)
    assert of["P1-1"] == campaign and rows_by_id(out)["X1-1"]["duplicate_group"] == ""
    # placed by the grouping's own rule, as a fresh run places it: it stays with the campaign it
    # quotes, as a text of its own (no longer one of the group's copies)
    assert of["X1-1"] == campaign and report_counts(out)[campaign] == 7
    view = review.cluster_view(out, campaign)
    assert int(view.opinions.loc[view.opinions["opinion_ids"] == "X1-1", "count"].iloc[0]) == 1


def test_a_detach_follows_its_text_when_a_row_is_inserted_in_an_input_without_ids(tmp_path):
    first, shifted, out = inputs_without_ids(tmp_path, POOL_ROWS)
    assert invoke("run", first, "--out", out, "--model", "char-hash").exit_code == 0
    letter = f"{len(POOL_ROWS)}-1"  # the last row: the letter with its own request
    previous = f"{len(POOL_ROWS) - 1}-1"  # a campaign letter, whose id the letter takes after the insert
    by_id = rows_by_id(out)
    assert "駐車場" in by_id[letter]["text"] and by_id[letter]["duplicate_group"]
    assert invoke("review", "detach", out, letter).exit_code == 0
    res = invoke("run", shifted, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "1 of its opinions now has another id" in res.output  # (one opinion: singular)
    by_id = rows_by_id(out)
    moved = f"{len(POOL_ROWS) + 1}-1"
    assert "駐車場" in by_id[moved]["text"] and by_id[moved]["duplicate_group"] == ""
    assert by_id[letter]["duplicate_group"] and by_id[letter]["duplicate_count"] == "6"  # not the old id's holder
    assert by_id[letter]["text"] == POOL_ROWS[-2][2] and previous in by_id
    # and again on the same input
    assert invoke("run", shifted, "--out", out, "--model", "char-hash").exit_code == 0
    assert rows_by_id(out)[moved]["duplicate_group"] == ""


def test_withdrawing_a_detach_restores_the_group(pool):
    out, group = pool["out"], pool["group"]
    assert invoke("review", "detach", out, "X1-1").exit_code == 0
    pool["run"]()
    assert rows_by_id(out)["X1-1"]["duplicate_group"] == ""
    res = invoke("review", "undo", out)
    assert res.exit_code == 0 and "withdrew decision 1 (detach" in res.output
    pool["run"]()
    by_id = rows_by_id(out)
    assert by_id["X1-1"]["duplicate_group"] == group and by_id["X1-1"]["duplicate_count"] == "7"
    assert by_id["P1-1"]["duplicate_count"] == "7"
    assert [d["kind"] for d in decisions_lines(out)] == ["detach", "withdraw"]
    assert list(review.decision_table(review.load_run(out))["withdrawn"]) == [True, False]
    # withdrawn: the opinion can be detached again
    assert invoke("review", "detach", out, "X1-1").exit_code == 0


@pytest.mark.parametrize("ids, message", [
    (["nope"], "unknown opinion id 'nope'"),
    (["A1-1"], "'A1-1' is not in a duplicate group"),
    (["A12-1"], "'A12-1' is not in any cluster"),
    (["P2-1"], "'P2-1' is an exact copy of P1-1 and 1 more"),
    (["P4-1"], "'P4-1' is an exact copy of P1-1 and 1 more"),  # the same text once normalised
    (["P1-1", "P2-1"], "'P1-1' is an exact copy of P4-1"),
    (["P1-1", "P2-1", "P3-1", "P4-1", "P5-1", "P6-1", "X1-1"], "every opinion of duplicate group"),
])
def test_detach_refusals_are_one_line(pool, ids, message):
    out = pool["out"]
    res = invoke("review", "detach", out, *ids)
    assert res.exit_code == 2, res.output
    assert message in res.output and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1
    assert (out / "decisions.jsonl").read_text(encoding="utf-8") == ""


def test_detaching_twice_is_refused_and_copies_of_each_other_leave_together(pool):
    out, group = pool["out"], pool["group"]
    assert invoke("review", "detach", out, "X1-1").exit_code == 0
    res = invoke("review", "detach", out, "X1-1")
    assert res.exit_code == 2 and "already detached by decision 1" in res.output
    # the three exact copies, named together, leave as a group of their own
    d = review.record_detach(out, ["P1-1", "P2-1", "P4-1"])
    assert review.detach_effect(out, d.opinion_ids) == f"P1-1 P2-1 P4-1 leave {group} (6 -> 3 opinions)"
    pool["run"]()
    by_id = rows_by_id(out)
    copies = {by_id[f"P{i}-1"]["duplicate_group"] for i in (1, 2, 4)}
    rest = {by_id[f"P{i}-1"]["duplicate_group"] for i in (3, 5, 6)}
    assert len(copies) == 1 and len(rest) == 1 and copies != rest and "" not in copies | rest
    assert {by_id[f"P{i}-1"]["duplicate_count"] for i in (1, 2, 3, 4, 5, 6)} == {"3"}
    assert by_id["X1-1"]["duplicate_group"] == ""


def test_duplicate_group_helpers_show_the_odd_letter_first(pool):
    out, group = pool["out"], pool["group"]
    table = review.duplicate_group_table(out)
    row = table.set_index("duplicate_group").loc[group]
    assert row["size"] == 7 and row["distinct_texts"] == 5 and row["lowest_similarity"] < 1
    view = review.duplicate_group_view(out, group)
    assert view["opinion_id"].iloc[0] == "X1-1" and view["exact_copies"].iloc[0] == 0
    assert dict(zip(view["opinion_id"], view["exact_copies"]))["P2-1"] == 2
    with pytest.raises(InputError, match="unknown duplicate group"):
        review.duplicate_group_view(out, "D999")


def test_near_copies_of_each_other_named_together_leave_as_one_group(pool):
    """A second, slightly edited letter taken out of the campaign's group keeps its count: the
    three one-edit variants are near copies of each other by the detector's own rule."""
    out, group = pool["out"], pool["group"]
    d = review.record_detach(out, ["P3-1", "P5-1", "P6-1"])
    assert review.detach_effect(out, d.opinion_ids) == f"P3-1 P5-1 P6-1 leave {group} (7 -> 4 opinions)"
    pool["run"]()
    by_id = rows_by_id(out)
    variants = {by_id[f"P{i}-1"]["duplicate_group"] for i in (3, 5, 6)}
    assert len(variants) == 1 and "" not in variants and group not in variants
    assert {by_id[f"P{i}-1"]["duplicate_count"] for i in (3, 5, 6)} == {"3"}
    assert {by_id[i]["duplicate_count"] for i in ("P1-1", "P2-1", "P4-1", "X1-1")} == {"4"}


def test_dedup_detach_groups_near_copies_among_the_detached_only():
    from cluster.dedup import DuplicateGroups, detach

    letter = "市民体育館のプールを廃止する案に反対します。改修して使い続けてください。"
    other = "図書館の開館時間を平日も夜九時まで延ばしてください。仕事帰りに寄れるようにしてほしいです。"
    keys = [letter, letter.replace("改修して", "直して"), other, other.replace("仕事帰り", "勤め帰り"),
            other + "よろしく", "短い意見です"]
    dups = DuplicateGroups(np.zeros(6, dtype=np.int64), np.array([6]), np.array([0]))
    out = detach(dups, keys, [2, 3, 5])  # two near copies of each other, and one short text
    assert out.group_of[2] == out.group_of[3] != out.group_of[5]
    assert out.group_of[0] == out.group_of[1] == out.group_of[4] == 0  # the rest keeps its group and number
    assert out.sizes.tolist() == [3, 2, 1] and out.representative[0] == 0
    # a stricter threshold: the two edited letters are no longer copies of each other
    strict = detach(dups, keys, [2, 3], threshold=0.99, containment=1.0)
    assert strict.group_of[2] != strict.group_of[3]
    # taken out by two decisions: each decision says its letter is not a copy of the other
    apart = detach(dups, keys, [2, 3], batch_of={2: 1, 3: 2})
    assert apart.group_of[2] != apart.group_of[3] and apart.sizes.tolist() == [4, 1, 1]


def test_dedup_detach_keeps_the_other_groups_and_their_representatives():
    from cluster.dedup import DuplicateGroups, detach

    keys = ["a", "b", "a", "c", "x", "d", "d", "x"]
    # group 0: a b a c x x (rep 0), group 1: d d (rep 5)
    dups = DuplicateGroups(np.array([0, 0, 0, 0, 0, 1, 1, 0]), np.array([6, 2]), np.array([0, 5]))
    out = detach(dups, keys, [4, 7])  # the two copies of x leave together
    assert out.group_of.tolist() == [0, 0, 0, 0, 1, 2, 2, 1]
    assert out.sizes.tolist() == [4, 2, 2] and out.representative.tolist() == [0, 4, 5]
    out = detach(dups, keys, [0])  # the representative leaves: the group's most copied text stands for it
    assert out.group_of.tolist() == [2, 0, 0, 0, 0, 1, 1, 0]
    assert out.sizes.tolist() == [5, 2, 1] and out.representative.tolist() == [4, 5, 0]
    assert detach(dups, keys, []) is dups


def test_a_confirm_recorded_before_a_detach_does_not_hold_the_letter():
    # units after the run's detach: 0, 1 = the campaign, 2 = the detached letter (grouped elsewhere)
    opinion_unit = {"p1": 0, "p2": 1, "x": 2, "o": 3}
    d = [Decision("confirm", ("p1", "p2", "x"), "s", "t", {}), Decision("detach", ("x",), "s", "t", {})]
    res = decision_log.apply_decisions(opinion_unit, np.array([0, 0, 1, 1]), d)
    assert res.cluster_of_unit.tolist() == [0, 0, 1, 1] and res.applied == 2
    # without the detach, the confirmation keeps the letter with the campaign
    res = decision_log.apply_decisions(opinion_unit, np.array([0, 0, 1, 1]), d[:1])
    assert res.cluster_of_unit[2] == 0


def test_a_letter_detached_after_a_merge_stays_with_the_campaign_in_the_merged_cluster(pool):
    """Merge the campaign's cluster into another, then detach a letter the grouping keeps with
    the campaign: it stays in the merged cluster (not alone under the cluster the merge emptied)."""
    out = pool["out"]
    of = cluster_of(out)
    assert invoke("review", "merge", out, of["P1-1"], of["A1-1"]).exit_code == 0
    assert invoke("review", "detach", out, "X1-1").exit_code == 0
    pool["run"]()
    of = cluster_of(out)
    assert rows_by_id(out)["X1-1"]["duplicate_group"] == ""
    assert of["X1-1"] == of["P1-1"] == of["A1-1"]
    assert report_counts(out)[of["P1-1"]] == 7 + 3


def test_apply_decisions_detach_follows_the_grouping_cluster_mates():
    # units 0, 1: the campaign; 2: the detached letter, grouped with the campaign (cluster 0);
    # 3-6: another cluster (1). The merge joins cluster 0 into 1, the detach must not empty it.
    opinion_unit = {"p1": 0, "p2": 1, "x": 2, "o1": 3, "o2": 4, "o3": 5, "o4": 6}
    d = [Decision("merge", ("p1", "p2", "x", "o1", "o2", "o3", "o4"), "s", "t",
                  {"groups": [["p1", "p2", "x"], ["o1", "o2", "o3", "o4"]]}),
         Decision("detach", ("x",), "s", "t", {})]
    grouping = np.array([0, 0, 0, 1, 1, 1, 1])
    assert decision_log.apply_decisions(opinion_unit, grouping, d[:1]).cluster_of_unit.tolist() == [1] * 7
    assert decision_log.apply_decisions(opinion_unit, grouping, d, detached={"x"}).cluster_of_unit.tolist() == [1] * 7
    # grouped elsewhere than the campaign: it goes where its own grouping cluster-mates are
    grouping = np.array([0, 0, 2, 1, 1, 1, 2])
    d2 = [Decision("merge", ("p1", "p2", "x", "o1", "o2", "o3"), "s", "t",
                   {"groups": [["p1", "p2", "x"], ["o1", "o2", "o3"]]}), d[1]]
    cl = decision_log.apply_decisions(opinion_unit, grouping, d2, detached={"x"}).cluster_of_unit
    assert cl[2] == cl[6] == 2 and cl[0] == cl[3]


def test_a_detach_this_run_did_not_apply_leaves_an_earlier_move_alone():
    # y was detached in an earlier run; in this one it is in no duplicate group (its copy is
    # gone), so the run took nothing out: the move recorded for it still holds
    opinion_unit = {"y": 0, "a1": 1, "a2": 2, "b1": 3, "b2": 4}
    d = [Decision("move", ("y",), "s", "t", {"target": ["b1", "b2"]}), Decision("detach", ("y",), "s", "t", {})]
    grouping = np.array([0, 0, 0, 1, 1])
    cl = decision_log.apply_decisions(opinion_unit, grouping, d, detached=set()).cluster_of_unit
    assert cl.tolist() == [1, 0, 0, 1, 1]


def test_a_move_then_a_detach_the_run_cannot_apply_keeps_the_move(tmp_path):
    """End to end: the letter is moved (its group with it), then detached; the campaign's
    letters are then gone from the input, so the letter is in no duplicate group and the
    detach takes nothing out: the move still holds."""
    comments = write_csv(tmp_path / "comments.csv", HEADER, POOL_ROWS)
    out = tmp_path / "out"
    assert invoke("run", comments, "--out", out, "--model", "char-hash").exit_code == 0
    library = cluster_of(out)["A1-1"]
    assert invoke("review", "move", out, "X1-1", library).exit_code == 0
    assert invoke("review", "detach", out, "X1-1").exit_code == 0
    fewer = write_csv(tmp_path / "fewer.csv", HEADER, ROWS + [OWN_REQUEST])
    res = invoke("run", fewer, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "in no duplicate group in this run" in res.output
    assert cluster_of(out)["X1-1"] == cluster_of(out)["A1-1"]


def test_detach_helpers_follow_the_detached_text_after_rows_shift(tmp_path):
    first, shifted, out = inputs_without_ids(tmp_path, POOL_ROWS)
    assert invoke("run", first, "--out", out, "--model", "char-hash").exit_code == 0
    letter = f"{len(POOL_ROWS)}-1"
    assert invoke("review", "detach", out, letter).exit_code == 0
    assert invoke("run", shifted, "--out", out, "--model", "char-hash").exit_code == 0
    moved = f"{len(POOL_ROWS) + 1}-1"  # the letter's id now; its old id holds a campaign letter
    by_id = rows_by_id(out)
    group = by_id[letter]["duplicate_group"]
    assert "駐車場" in by_id[moved]["text"] and group and by_id[letter]["duplicate_count"] == "6"
    assert review.copies_of(out, [letter]) == 5  # it moves with its group: it is not detached
    with pytest.raises(InputError, match="already detached by decision 1") as err:
        review.record_detach(out, [moved])
    assert "again" not in str(err.value) and "applied" in str(err.value)
    d = review.record_detach(out, [letter])  # the campaign letter now under the old id
    assert list(d.opinion_ids) == [letter]
    assert review.detach_effect(out, d.opinion_ids) == f"{letter} leaves {group} (6 -> 5 opinions)"
    assert review.copies_of(out, [letter]) == 0


def test_already_detached_says_run_again_only_while_it_is_pending(pool):
    out = pool["out"]
    assert invoke("review", "detach", out, "P1-1", "P2-1", "P4-1").exit_code == 0
    res = invoke("review", "detach", out, "P1-1")
    assert res.exit_code == 2 and "already detached by decision 1" in res.output and "again" in res.output
    pool["run"]()
    assert rows_by_id(out)["P1-1"]["duplicate_count"] == "3"  # a group of their own now
    res = invoke("review", "detach", out, "P1-1")
    assert res.exit_code == 2 and "already detached by decision 1" in res.output
    assert "again" not in res.output and "applied" in res.output


def test_cli_detach_reads_opinions_once(pool, monkeypatch):
    calls = []
    real = review._read_own_csv  # the file is parsed once (later calls find it in the cache)
    monkeypatch.setattr(review, "_read_own_csv", lambda path: calls.append(1) or real(path))
    res = invoke("review", "detach", pool["out"], "X1-1")
    assert res.exit_code == 0 and f"X1-1 leaves {pool['group']} (7 -> 6 opinions)" in res.output
    assert len(calls) == 1


def test_cli_detach_message_says_when_the_count_changes(pool):
    res = invoke("review", "detach", pool["out"], "X1-1")
    assert res.exit_code == 0
    assert "apart from the group" not in res.output
    assert "duplicate_count" in res.output and "件数" in res.output and "move" in res.output


def test_duplicate_group_view_unescapes_the_text(tmp_path):
    # a letter starting with "=" is written "'=..." to opinions.csv; one starting with a
    # full-width "＝" is the same text once normalised, so the two are exact copies
    letters = [["Q1", "郵送", "＝" + POOL], ["Q2", "郵送", "=" + POOL], ["Q3", "郵送", POOL.replace("子ども", "小学生")]]
    comments = write_csv(tmp_path / "comments.csv", HEADER, ROWS + letters)
    out = tmp_path / "out"
    assert invoke("run", comments, "--out", out, "--model", "char-hash").exit_code == 0
    group = rows_by_id(out)["Q1-1"]["duplicate_group"]
    assert group and rows_by_id(out)["Q2-1"]["text"].startswith("'=")
    view = review.duplicate_group_view(out, group).set_index("opinion_id")
    assert view.loc["Q2-1", "text"] == "=" + POOL
    assert view.loc["Q1-1", "exact_copies"] == view.loc["Q2-1", "exact_copies"] == 1
    with pytest.raises(InputError, match="exact copy"):
        review.record_detach(out, ["Q2-1"])
    row = review.duplicate_group_table(out).set_index("duplicate_group").loc[group]
    assert row["distinct_texts"] == 2


def test_merge_names_what_the_merged_row_will_lose_or_mix(project):
    """Two clusters with written answers: the merged row keeps one, and the other used to vanish
    without a word. A 賛成 cluster merged into a 反対 one: one published row then answers both."""
    out = project["out"]
    rows = ROWS + [["A13", "郵送", "公園の桜並木の伐採に賛成します。見通しが良くなり、防犯上も安心です。"]]
    project["run"](write_csv(project["dir"] / "more.csv", HEADER, rows))
    of = cluster_of(out)
    assert of["A13-1"] != of["A7-1"]
    for cid, text in ((of["A1-1"], "開館時間は検討します。"), (of["A4-1"], "駐輪場は増設します。")):
        assert invoke("review", "answer", out, cid, "--text", text).exit_code == 0
    project["run"](project["dir"] / "more.csv")
    of = cluster_of(out)
    res = invoke("review", "merge", out, of["A1-1"], of["A4-1"])
    assert res.exit_code == 0, res.output
    assert f"{of['A1-1']} and {of['A4-1']} each have a written answer" in res.output
    quiet = invoke("review", "merge", out, of["A1-1"], of["A10-1"])
    assert "note:" not in quiet.output
    mixed = invoke("review", "merge", out, of["A7-1"], of["A13-1"])
    # each side named by an opinion, so staff see what stands against what (QA28)
    assert re.search(rf"{of['A13-1']} \(A13-1 「[^」]*賛成[^」]*」\) holds 賛成 and {of['A7-1']} \(A\d+-1 「[^」]*」\) "
                     r"holds 反対", mixed.output), mixed.output
    assert len(decisions_lines(out)) == 5  # the notes warn; the merges are recorded


def test_a_candidate_from_an_answer_confirmed_in_this_run_is_marked_as_such(project):
    """An answer staff wrote for one row is offered to others (run:C…); the report called it a
    past answer (「過去の回答からの候補」), which it is not."""
    from cluster.report import CANDIDATE_MARK, RUN_CANDIDATE_MARK

    out = project["out"]
    of = cluster_of(out)
    review.record_answer(out, of["A1-1"], text="図書館と公民館の利用時間と使用料は、市民の負担を踏まえて見直します。")
    project["run"](project["comments"], "--min-answer-score", "0")
    of = cluster_of(out)
    top = {r["cluster_id"]: r["answer_id"] for r in read_rows(out / "answers.csv") if r["rank"] == "1"}
    assert top[of["A10-1"]] == f"run:{of['A1-1']}" and top[of["A4-1"]] == "K2"
    rows = {line.split(" | ")[1]: line for line in (out / "report.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and " | " in line and "候補" in line}
    hall = next(line for text, line in rows.items() if "公民館" in text)
    parking = next(line for text, line in rows.items() if "駐輪場" in text)
    assert RUN_CANDIDATE_MARK in hall and CANDIDATE_MARK not in hall
    assert CANDIDATE_MARK in parking and RUN_CANDIDATE_MARK not in parking


def test_late_opinions_joining_a_cluster_with_a_confirmed_answer_are_named(project):
    """Late comments joined the row whose answer staff had already written, and the run only
    said how many joined earlier clusters: the answer may not fit them. The run names them."""
    out = project["out"]
    of = cluster_of(out)
    review.record_answer(out, of["A10-1"], text="使用料の改定は慎重に検討します。")
    review.record_answer(out, of["A1-1"], text="開館時間は検討します。")
    project["run"]()
    of = cluster_of(out)
    res = project["run"](write_csv(project["dir"] / "more.csv", HEADER, ROWS + LATE))
    after = cluster_of(out)
    joined = [f"B{i}-1" for i in range(1, 5) if after[f"B{i}-1"] == of["A10-1"]]
    assert joined  # the hall-fee comments join the hall-fee row
    note = next(line for line in res.output.splitlines() if line.startswith("note:"))
    assert f"joined {of['A10-1']}, which has a confirmed answer from before they came" in note
    assert all(i in note for i in joined)
    assert sum(line.startswith("note:") and "another No." not in line  # (renumbered rows: a note of their own)
               for line in res.output.splitlines()) == 1  # not the library row's


def test_merge_notes_see_decisions_recorded_since_the_last_run(project):
    """Answers and summaries written but not yet applied by a run were not seen (the notes read
    clusters.csv only); a summary from one cluster and an answer from the other went unremarked."""
    out = project["out"]
    of = cluster_of(out)
    assert invoke("review", "answer", out, of["A1-1"], "--text", "開館時間は検討します。").exit_code == 0
    assert invoke("review", "answer", out, of["A4-1"], "--text", "駐輪場は増設します。").exit_code == 0
    res = invoke("review", "merge", out, of["A1-1"], of["A4-1"])
    assert f"{of['A1-1']} and {of['A4-1']} each have a written answer" in res.output
    assert invoke("review", "summary", out, of["A7-1"], "桜並木の保全を求める意見").exit_code == 0
    mixed = invoke("review", "merge", out, of["A10-1"], of["A7-1"])
    assert "note:" not in mixed.output  # a summary alone: nothing to mix
    assert invoke("review", "answer", out, of["A10-1"], "--text", "使用料は据え置きます。").exit_code == 0
    mixed = invoke("review", "merge", out, of["A10-1"], of["A7-1"])
    assert f"show {of['A7-1']}'s summary with {of['A10-1']}'s answer" in mixed.output


def test_answers_confirmed_in_this_run_are_offered_without_a_past_answer_file(tmp_path):
    """A town with no archive of past answers: the answer staff wrote for one row was offered to
    the others only when --answers was given."""
    comments = write_csv(tmp_path / "comments.csv", HEADER, ROWS)
    out = tmp_path / "out"

    def run():
        res = invoke("run", comments, "--out", out, "--model", "char-hash")
        assert res.exit_code == 0, res.output

    run()
    assert read_rows(out / "answers.csv") == []
    of = cluster_of(out)
    review.record_answer(out, of["A1-1"], text="図書館と公民館の利用時間と使用料は、市民の負担を踏まえて見直します。")
    run()
    of = cluster_of(out)
    rows = read_rows(out / "answers.csv")
    assert [(r["cluster_id"], r["answer_id"]) for r in rows if r["rank"] == "1"] == [(of["A10-1"], f"run:{of['A1-1']}")]
    assert "今回確定した他の回答からの候補" in (out / "report.md").read_text(encoding="utf-8")


# ------------------------------------------------- past answers outside answers.csv, notes, echoes


def drop_answer_rows(out: Path, answer_id: str) -> None:
    """answers.csv without the rows of ``answer_id`` (a past answer among no cluster's top three)."""
    with open(out / "answers.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    column = rows[0].index("answer_id")
    write_csv(out / "answers.csv", rows[0], [r for r in rows[1:] if r[column] != answer_id])


def test_a_past_answer_outside_answers_csv_is_recorded_with_its_text_from_the_archive(project):
    out = project["out"]
    of = cluster_of(out)
    drop_answer_rows(out, "K3")
    res = invoke("review", "answer", out, of["A1-1"], "--answer-id", "K3")
    assert res.exit_code == 0, res.output
    (d,) = decisions_lines(out)
    assert d["value"]["answer_id"] == "K3" and d["value"]["answer_text"] == "樹木の保全に努めてまいります。"
    res = invoke("run", project["comments"], "--out", out, "--model", "char-hash")  # no --answers
    assert res.exit_code == 0, res.output
    assert "no text was recorded" not in res.output
    assert clusters(out)[cluster_of(out)["A1-1"]]["answer_status"] == "confirmed"
    assert "樹木の保全に努めてまいります。" in (out / "report.md").read_text(encoding="utf-8")


def test_a_past_answer_is_looked_up_in_a_saved_index_and_an_unknown_id_is_refused(project):
    tmp, out = project["dir"], project["out"]
    index = tmp / "archive_index"
    res = invoke("answers", project["past"], "--query", project["comments"], "--out", tmp / "sugg.csv",
                 "--model", "char-hash", "--save-index", index)
    assert res.exit_code == 0, res.output
    res = invoke("run", project["comments"], "--answers", index, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output  # the saved index is the run's archive
    of = cluster_of(out)
    drop_answer_rows(out, "K3")
    assert invoke("review", "answer", out, of["A1-1"], "--answer-id", "K3").exit_code == 0
    assert decisions_lines(out)[-1]["value"]["answer_text"] == "樹木の保全に努めてまいります。"
    res = invoke("review", "answer", out, of["A1-1"], "--answer-id", "K99")
    assert res.exit_code == 2 and "unknown answer id 'K99'" in res.output
    assert len(res.output.strip().splitlines()) == 1 and len(decisions_lines(out)) == 1


def test_a_past_answer_found_nowhere_is_refused_when_the_archive_is_gone(project):
    out = project["out"]
    of = cluster_of(out)
    drop_answer_rows(out, "K3")
    project["past"].rename(project["dir"] / "moved.csv")
    res = invoke("review", "answer", out, of["A1-1"], "--answer-id", "K3")
    assert res.exit_code == 2, res.output
    assert "K3" in res.output and "--text" in res.output and len(res.output.strip().splitlines()) == 1
    assert not decisions_lines(out)
    # one listed in answers.csv is still recorded with its text
    assert invoke("review", "answer", out, of["A4-1"], "--answer-id", "K2").exit_code == 0
    assert decisions_lines(out)[-1]["value"]["answer_text"] == "駅周辺の駐輪場の増設を検討してまいります。"


def test_an_answer_or_summary_replacing_another_is_named(project):
    out = project["out"]
    of = cluster_of(out)
    bike = of["A4-1"]
    res = invoke("review", "answer", out, bike, "--text", "駐輪場を増設します。", "--by", "建設課")
    assert res.exit_code == 0 and "replaces" not in res.output
    res = invoke("review", "answer", out, bike, "--answer-id", "K2", "--by", "企画課")
    assert res.exit_code == 0, res.output
    note = [line for line in res.output.splitlines() if "replaces" in line]
    assert len(note) == 1 and note[0].startswith(f"{bike}: replaces the answer recorded")
    assert "建設課" in note[0] and "「駐輪場を増設します。」" in note[0]
    recorded = len(decisions_lines(out))
    # the same answer again (a command run twice): refused, so that one undo cannot leave a twin in force
    res = invoke("review", "answer", out, bike, "--answer-id", "K2")
    assert res.exit_code == 2 and "replaces" not in res.output
    assert f"{bike} already has this answer" in res.output and "nothing recorded" in res.output
    assert len(decisions_lines(out)) == recorded
    assert invoke("review", "summary", out, bike, "駐輪場の増設を求める意見").exit_code == 0
    res = invoke("review", "summary", out, bike, "駅前の駐輪場を増やしてほしいという意見" * 3)
    assert res.exit_code == 0 and f"{bike}: replaces the summary recorded" in res.output
    assert "「駐輪場の増設を求める意見」" in res.output
    # a withdrawn one is replaced by nothing
    assert invoke("review", "undo", out).exit_code == 0
    assert invoke("review", "undo", out).exit_code == 0
    assert "replaces" not in invoke("review", "summary", out, bike, "駐輪場について").output
    project["run"]()
    assert clusters(out)[cluster_of(out)["A4-1"]]["answer_id"] == "K2"  # the later one still wins


def test_review_commands_echo_the_clusters_they_name(project):
    out = project["out"]
    of = cluster_of(out)
    cl = clusters(out)
    lib, bike, park, fee = of["A1-1"], of["A4-1"], of["A7-1"], of["A10-1"]

    def shown(cid: str) -> str:
        from cluster.io import shorten

        return f"{cid} ({shorten(cl[cid]['representative'], 40)}, {cl[cid]['size']} opinions)"

    res = invoke("review", "merge", out, lib, bike)
    assert res.exit_code == 0 and f"{shown(lib)} and {shown(bike)}" in res.output, res.output
    res = invoke("review", "move", out, "A9-1", fee)
    assert res.exit_code == 0 and shown(fee) in res.output and "桜並木の伐採はやめて" in res.output
    assert shown(park) in res.output  # where it comes from
    res = invoke("review", "split", out, "A11-1")
    assert res.exit_code == 0 and "公民館使用料の値上げに反対" in res.output and shown(fee) in res.output
    for args in (["label", park, "桜"], ["summary", park, "桜並木"], ["answer", park, "--answer-id", "K3"],
                 ["confirm", park]):
        res = invoke("review", args[0], out, *args[1:])
        assert res.exit_code == 0 and shown(park) in res.output, (args, res.output)
        lines = res.output.strip().splitlines()
        # A9-1's move out of the row, recorded since the run, is said under a text recorded for the row (QA83)
        assert len(lines) == 1 or (len(lines) == 2 and "takes 1 of" in lines[1] and "(A9-1)" in lines[1]), lines


def test_a_row_keeps_its_representative_when_late_comments_join_it(project):
    """QA: a late letter became the ご意見の概要 of a row whose answer staff had confirmed; the
    published summary changed under them. A cluster that keeps its id keeps its representative."""
    out = project["out"]
    before = {r["cluster_id"]: r["representative_opinion_id"] for r in read_rows(out / "clusters.csv")}
    of = cluster_of(out)
    project["run"](write_csv(project["dir"] / "more.csv", HEADER, ROWS + LATE))
    after = {r["cluster_id"]: r for r in read_rows(out / "clusters.csv")}
    hall = of["A10-1"]
    assert int(after[hall]["size"]) > sum(1 for c in of.values() if c == hall)  # late comments joined it
    assert after[hall]["representative_opinion_id"] == before[hall]
    assert all(after[c]["representative_opinion_id"] == rep for c, rep in before.items() if c in after)


def test_a_run_says_what_it_did_with_the_recorded_decisions(project):
    """QA: a re-run after two `review answer` decisions printed nothing about them."""
    out = project["out"]
    of = cluster_of(out)
    review.record_answer(out, of["A1-1"], text="開館時間は検討します。")
    review.record_label(out, of["A4-1"], "駐輪場")
    res = project["run"]()
    assert f"staff decisions in {out / 'decisions.jsonl'}: 2 recorded (answer 1, label 1): 2 applied" in res.output
    review.record_withdraw(out)  # `review undo`: the latest decision (the label)
    res = project["run"]()
    # the figures add up: recorded = applied + withdrawn (decision_log.decision_counts, test_review_decisions.py)
    assert "2 recorded (answer 1, label 1): 1 applied, 1 withdrawn (by 1 withdrawal)" in res.output


# ------------------------------------------------- QA: a confirmed answer handed to other opinions


def test_merge_says_which_answer_and_label_the_merged_row_keeps(project):
    """QA: `review merge` joined 電気料金 opinions to the row confirmed with the メガソーラー
    answer, and neither the command nor the next run said a word."""
    out = project["out"]
    of = cluster_of(out)
    library, hall = of["A1-1"], of["A10-1"]
    assert invoke("review", "answer", out, library, "--answer-id", "K1").exit_code == 0
    assert invoke("review", "label", out, library, "図書館の開館時間").exit_code == 0
    res = invoke("review", "merge", out, library, hall)
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if "now stand" in x)
    assert line == (f"{library}'s confirmed answer (past answer K1: 「開館時間の延長については、利用状況を踏まえて検討してまいり…」) "
                    f"and label 【図書館の開館時間】 now stand for {hall}'s 2 opinions too; check it or record another "
                    "with `cluster review answer`")
    assert line in review.merge_notes(out, [library, hall])  # the notebook's merge tab prints these
    # nothing kept: nothing said
    quiet = invoke("review", "merge", out, of["A4-1"], of["A7-1"])
    assert quiet.exit_code == 0 and "now stand" not in quiet.output


def test_split_and_move_out_of_a_confirmed_row_say_the_opinion_leaves_it(project):
    """QA: `review split` took an opinion out of a cluster that had `confirm`, without a word."""
    out = project["out"]
    of = cluster_of(out)
    library, parking, hall = of["A1-1"], of["A4-1"], of["A10-1"]
    assert invoke("review", "confirm", out, parking).exit_code == 0
    assert invoke("review", "answer", out, library, "--text", "開館時間は検討します。").exit_code == 0
    res = invoke("review", "split", out, "A5-1")
    assert res.exit_code == 0, res.output
    assert (f"A5-1 leaves {parking}, a confirmed row (`confirm`), for a cluster of its own, which has no answer yet"
            in res.output)
    res = invoke("review", "move", out, "A2-1", hall)
    assert (f"A2-1 leaves {library}, a confirmed row (confirmed answer (「開館時間は検討します。」)), for {hall}, "
            "which has no confirmed answer yet") in res.output
    res = invoke("review", "move", out, "A11-1", library)
    assert (f"{library}'s confirmed answer (「開館時間は検討します。」) now stands for A11-1 too; check it or record "
            "another with `cluster review answer`") in res.output
    plain = invoke("review", "move", out, "A9-1", hall)
    assert plain.exit_code == 0 and "leaves" not in plain.output and "now stands" not in plain.output


# ------------------------------------------------------------------ found by a QA pass (qa14e)


def test_a_second_move_into_the_cluster_a_first_move_took_an_opinion_from_takes_effect():
    # B = {b1, m}, A = {a1, a2, x}; staff moved m (a B opinion) into A, then x (an A opinion) into B,
    # both before re-running: B's opinions recorded by the second move still name m
    opinion_unit = {"a1": 0, "a2": 1, "x": 2, "b1": 3, "m": 4}
    d = [Decision("move", ("m",), "x", "t", {"target": ["a1", "a2", "x"], "cluster": "C001"}),
         Decision("move", ("x",), "x", "t", {"target": ["b1", "m"], "cluster": "C002"})]
    res = decision_log.apply_decisions(opinion_unit, np.array([0, 0, 0, 1, 1]), d)
    cl = res.cluster_of_unit
    assert cl[4] == cl[0] == cl[1]  # m went to A
    assert cl[2] == cl[3] != cl[0]  # x went to B, although B's recorded opinions are split 1:1
    assert res.applied == 2 and res.not_applied == 0 and not res.messages


def test_a_move_into_a_cluster_an_earlier_move_emptied_still_takes_the_opinion_out():
    # b1 (B's only opinion) moved into A, then x (an A opinion) into B: x leaves A for a row of its own
    opinion_unit = {"a1": 0, "x": 1, "b1": 2}
    d = [Decision("move", ("b1",), "x", "t", {"target": ["a1", "x"], "cluster": "C001"}),
         Decision("move", ("x",), "x", "t", {"target": ["b1"], "cluster": "C002"})]
    res = decision_log.apply_decisions(opinion_unit, np.array([0, 0, 1]), d)
    cl = res.cluster_of_unit
    assert cl[2] == cl[0] != cl[1]
    assert res.applied == 2 and not res.messages


def test_a_move_that_changes_nothing_is_reported_not_counted_as_applied():
    # A and B merged, then x (an A opinion) moved into B, both before re-running: x stays in the merged row
    opinion_unit = {"a1": 0, "x": 1, "b1": 2}
    d = [Decision("merge", ("a1", "x", "b1"), "x", "t", {"groups": [["a1", "x"], ["b1"]], "clusters": ["C001", "C002"]}),
         Decision("move", ("x",), "x", "t", {"target": ["b1"], "cluster": "C002"})]
    res = decision_log.apply_decisions(opinion_unit, np.array([0, 0, 1]), d)
    assert res.applied == 1 and res.not_applied == 1
    assert any("decision 2 (move" in m and "did not take effect" in m and "C002" in m for m in res.messages), res.messages
    assert "1 did not take effect" in decision_log.decision_counts(d, res)
    # a re-run whose grouping already has x with B's opinions: applied, quietly
    again = decision_log.apply_decisions(opinion_unit, np.array([0, 0, 0]), d)
    assert again.applied == 2 and not again.messages


def test_the_views_show_the_answer_and_confirm_the_report_uses_not_a_withdrawn_one(project):
    out = project["out"]
    of = cluster_of(out)
    hall, park, lib = of["A10-1"], of["A7-1"], of["A1-1"]
    review.record_answer(out, hall, text="採用する回答Xです。")
    review.record_answer(out, hall, text="取り消した回答Yです。")
    review.record_withdraw(out)
    review.record_confirm(out, park)
    review.record_withdraw(out)
    review.record_answer(out, lib, answer_id="K1")
    project["run"]()
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "採用する回答Xです。" in report and "取り消した回答Yです。" not in report
    view = review.cluster_view(out, hall)
    assert view.answer_status == "confirmed" and "採用する回答X" in view.confirmed_answer
    assert "取り消した回答Y" not in view.to_html()
    table = review.cluster_table(out).set_index("cluster_id")
    assert not table.loc[park, "confirmed"]  # the confirm was withdrawn
    assert "採用する回答X" in table.loc[hall, "top_answer"] and table.loc[hall, "top_answer_id"] == "(written)"
    assert table.loc[lib, "top_answer_id"] == "K1" and "開館時間の延長" in table.loc[lib, "top_answer"]


def test_the_notebook_says_what_the_command_line_says_in_its_own_words(project):
    out = project["out"]
    of = cluster_of(out)
    lib, bikes, park = of["A1-1"], of["A4-1"], of["A7-1"]
    _, lines = review.said_move(out, "A9-1 ", lib)
    said = [review.notebook_wording(line) for line in lines]
    assert "A9-1 「桜並木の伐採はやめて" in said[0] and f"from {park} (" in said[0] and f"into {lib} (" in said[0]
    assert "re-run (「Re-run and write the report」 below)" in said[0] and "cluster run" not in said[0]
    _, lines = review.said_answer(out, lib, answer_id="K1")
    assert "past answer K1 「開館時間の延長" in lines[0]
    _, lines = review.said_answer(out, lib, text="開館時間は夜八時までとします。")
    assert any("replaces the answer" in line and "decision 2" in line for line in lines), lines
    # a merge recorded twice says so; an action naming a merged-away cluster names the one it is now
    review.said_merge(out, [lib, bikes])
    _, lines = review.said_merge(out, [bikes, lib])
    assert any("already merged by decision 4" in line for line in lines), lines
    assert "「Withdraw decision」 5 below" in review.notebook_wording(" ".join(lines))
    project["run"]()
    gone = lib if lib not in cluster_of(out).values() else bikes
    _, lines = review.said_label(out, gone, "開館時間と駐輪場")
    assert f"{gone} (now " in lines[0]
    _, lines = review.said_confirm(out, park)
    assert "1 opinions" not in " ".join(lines)
    # errors name the notebook's controls, not the command line's flags
    with pytest.raises(InputError) as exc:
        review.said_answer(out, park)
    assert "--answer-id" not in review.notebook_wording(str(exc.value))
    assert "tick 「with every copy" in review.notebook_wording("name all of them or add --with-copies to exclude")
    assert review.notebook_wording("withdraw it first (`cluster review undo out --decision 1`)") == \
        "withdraw it first (「Withdraw decision」 1 below)"
    with pytest.raises(InputError, match="name at least one opinion id"):
        review.said_move(out, " ", park)  # the id box left empty
