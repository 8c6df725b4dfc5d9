"""`cluster review exclude`: staff mark texts that are no opinion on the draft (a test
submission, a question about the procedure, spam). The next run keeps their rows in
opinions.csv with status `excluded`, clusters and counts the rest, and the report says how
many were excluded; the submissions still count.

The comments were written for these tests (an imagined draft plan for a city library,
bicycle parking and a park).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from cluster import review
from cluster import decisions as decision_log
from cluster.records import Decision
from cluster.report import NOT_OPINIONS_LINE
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
    ["A10", "電子メール", "家の前の側溝が落ち葉で詰まっています。掃除に来てもらえますか。"],
    ["A11", "電子メール", "意見の提出は電子メールでもよろしいでしょうか。締切は何日ですか。"],
    ["A12", "電子メール", ""],
]
LATE = [
    ["B1", "郵送", "図書館の開館時間を延ばして、夜も本を借りられるようにしてほしい。"],
    ["B2", "電子メール", "駅前の駐輪場を増やしてください。いつも停められません。"],
]


def rows_by_id(out: Path) -> dict[str, dict]:
    return {r["opinion_id"]: r for r in read_rows(out / "opinions.csv")}


def sizes(out: Path) -> dict[str, int]:
    return {r["cluster_id"]: int(r["size"]) for r in read_rows(out / "clusters.csv")}


def decisions_lines(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "decisions.jsonl").read_text(encoding="utf-8").splitlines() if x]


def count_lines(out: Path) -> list[str]:
    return [line[2:] for line in (out / "report.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("- ")]


@pytest.fixture
def project(tmp_path):
    comments = write_csv(tmp_path / "comments.csv", HEADER, ROWS)
    out = tmp_path / "out"

    def run(input_path=comments, *extra):
        res = invoke("run", input_path, "--out", out, "--model", "char-hash", *extra)
        assert res.exit_code == 0, res.output
        return res

    run()
    of = cluster_of(out)
    assert of["A1-1"] == of["A2-1"] == of["A3-1"] != of["A4-1"] == of["A5-1"] == of["A6-1"]
    assert of["A7-1"] == of["A8-1"] == of["A9-1"] and of["A10-1"] and of["A12-1"] == ""
    # the test submission is a row of its own
    assert [o for o, c in of.items() if c == of["A10-1"]] == ["A10-1"]
    return {"dir": tmp_path, "comments": comments, "out": out, "run": run}


def test_an_excluded_opinion_keeps_its_row_and_leaves_the_clusters_and_counts(project):
    out = project["out"]
    before = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]
    lines_before = count_lines(out)
    test_row = cluster_of(out)["A10-1"]
    res = invoke("review", "exclude", out, "A10-1", "A11-1", "--reason", "テスト送信・手続きの質問", "--by", "山田")
    assert res.exit_code == 0, res.output
    assert "recorded exclude of A10-1 「家の前の側溝が落ち葉で詰まっています。掃除に来てもらえます…」, A11-1 「意見の提出は電子メールでもよろしいでしょうか。締切は何日で…」" in res.output
    assert "(テスト送信・手続きの質問)" in res.output and "対象外" in res.output
    (d,) = decisions_lines(out)
    assert d["kind"] == "exclude" and d["opinion_ids"] == ["A10-1", "A11-1"] and d["by"] == "山田"
    assert d["value"]["reason"] == "テスト送信・手続きの質問" and set(d["value"]["fingerprints"]) == {"A10-1", "A11-1"}
    listed = invoke("review", "list", out).output
    assert "exclude" in listed and "テスト送信・手続きの質問, A10-1 A11-1" in listed and "(2 opinions)" in listed

    res = project["run"]()
    assert "excluded by staff decisions (対象外, not opinions on the draft): 2 opinions (A10-1, A11-1)" in res.output
    assert "staff decisions in" in res.output and "1 recorded (exclude 1): 1 applied" in res.output
    rows = rows_by_id(out)
    assert rows["A10-1"]["status"] == rows["A11-1"]["status"] == "excluded"
    assert rows["A10-1"]["cluster_id"] == rows["A11-1"]["cluster_id"] == ""
    assert rows["A10-1"]["text"] == "家の前の側溝が落ち葉で詰まっています。掃除に来てもらえますか。"  # every input row still appears
    assert len(rows) == len(ROWS)
    # a cluster that lost all its opinions is gone
    assert test_row not in sizes(out) or cluster_of(out).get("A1-1") == test_row
    assert sum(sizes(out).values()) == before["ok_opinions"] - 2
    after = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]
    assert after["ok_opinions"] == before["ok_opinions"] - 2 and after["excluded_opinions"] == 2
    assert after["input_rows"] == before["input_rows"]
    assert after["rows_without_opinions"] == before["rows_without_opinions"]
    # the report: 意見総数 without them, 提出件数 unchanged, a line of its own
    lines = count_lines(out)
    assert lines[0] == lines_before[0] and lines[1] == lines_before[1]  # 提出件数, 提出方法別
    assert lines[2].startswith(f"意見総数：{before['ok_opinions'] - 2}件")
    assert f"{NOT_OPINIONS_LINE}：2件" in lines
    assert lines.index("意見を含まない提出：1件") < lines.index(f"{NOT_OPINIONS_LINE}：2件")
    assert f"{NOT_OPINIONS_LINE}：2件" in (out / "report.html").read_text(encoding="utf-8")
    xlsx = openpyxl.load_workbook(out / "report.xlsx").active
    cells = [str(c.value) for row in xlsx.iter_rows() for c in row if c.value]
    assert any(NOT_OPINIONS_LINE in c and "2件" in c for c in cells)
    report_csv = read_rows(out / "report.csv")
    assert sum(int(r["件数"]) for r in report_csv) == before["ok_opinions"] - 2
    assert not any("送信テスト" in r["ご意見の概要"] for r in report_csv)
    # not in the worksheet
    wb = openpyxl.load_workbook(out / "worksheet.xlsx")
    texts = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert not any("テスト送信です" in t or "A10-1" == t for t in texts)


def test_a_submission_whose_only_opinion_is_excluded_still_counts(project):
    """The person did submit: 提出件数 and 提出方法別 stay, and it is not 「意見を含まない提出」."""
    out = project["out"]
    before = count_lines(out)
    assert invoke("review", "exclude", out, "A10-1").exit_code == 0
    project["run"]()
    lines = count_lines(out)
    assert lines[0] == before[0] and lines[1] == before[1]
    assert "意見を含まない提出：1件" in before and "意見を含まない提出：1件" in lines  # A12 only
    assert f"{NOT_OPINIONS_LINE}：1件" in lines


def test_undo_brings_the_opinion_back(project):
    out = project["out"]
    before_sizes = sizes(out)
    assert invoke("review", "exclude", out, "A11-1").exit_code == 0
    project["run"]()
    assert rows_by_id(out)["A11-1"]["status"] == "excluded"
    res = invoke("review", "undo", out)
    assert res.exit_code == 0 and "withdrew decision 1 (exclude" in res.output
    res = project["run"]()
    assert "no longer excluded" in res.output and "late comments" not in res.output
    assert "re-run: the earlier run's clusters are not kept" not in res.output
    assert "1 recorded (exclude 1): 0 applied, 1 withdrawn (by 1 withdrawal)" in res.output
    row = rows_by_id(out)["A11-1"]
    assert row["status"] == "ok" and row["cluster_id"]
    assert sum(sizes(out).values()) == sum(before_sizes.values())
    assert not any(NOT_OPINIONS_LINE in line for line in count_lines(out))
    assert "[withdrawn]" in invoke("review", "list", out).output


def test_an_exclusion_survives_a_rerun_with_late_comments(project):
    out, tmp = project["out"], project["dir"]
    assert invoke("review", "exclude", out, "A10-1").exit_code == 0
    project["run"]()
    of = cluster_of(out)
    library, parking = of["A1-1"], of["A4-1"]
    late = write_csv(tmp / "late.csv", HEADER, ROWS + LATE + [["B3", "電子メール", "家の前の側溝が落ち葉で詰まっています。掃除に来てもらえますか。"]])
    res = project["run"](late)
    assert "re-run: the earlier run's clusters are not kept" not in res.output
    rows = rows_by_id(out)
    assert rows["A10-1"]["status"] == "excluded" and rows["A10-1"]["cluster_id"] == ""
    # only the named opinion is excluded: a late copy of its text is counted, and named
    assert rows["B3-1"]["status"] == "ok"
    assert "note: B3-1 has the same text as an opinion excluded by decision 1 but is counted" in res.output
    assert f"cluster review exclude {out} B3-1" in res.output
    of = cluster_of(out)
    assert of["A1-1"] == library and of["A4-1"] == parking  # the earlier clusters are kept
    assert of["B1-1"] == library and of["B2-1"] == parking
    assert f"{NOT_OPINIONS_LINE}：1件" in count_lines(out)


def test_an_exclusion_follows_its_text_when_rows_shift_in_an_input_without_ids(tmp_path):
    header = ["提出方法", "ご意見"]
    rows = [r[1:] for r in ROWS]
    first = write_csv(tmp_path / "first.csv", header, rows)
    shifted = write_csv(tmp_path / "shifted.csv", header, [["郵送", "市民プールを残してほしい。"]] + rows)
    out = tmp_path / "out"
    assert invoke("run", first, "--out", out, "--model", "char-hash").exit_code == 0
    test_id = next(oid for oid, r in rows_by_id(out).items() if r["text"] == "家の前の側溝が落ち葉で詰まっています。掃除に来てもらえますか。")
    assert invoke("review", "exclude", out, test_id).exit_code == 0
    res = invoke("run", shifted, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    by_text = {r["text"]: r for r in rows_by_id(out).values()}
    assert by_text["家の前の側溝が落ち葉で詰まっています。掃除に来てもらえますか。"]["status"] == "excluded" and by_text["家の前の側溝が落ち葉で詰まっています。掃除に来てもらえますか。"]["opinion_id"] != test_id
    assert rows_by_id(out)[test_id]["status"] == "ok"  # the row that took the old id is not excluded
    assert f"({test_id} → {by_text['家の前の側溝が落ち葉で詰まっています。掃除に来てもらえますか。']['opinion_id']}: the input's ids or row order changed); " \
           "applied to it by its text" in res.output


def test_unknown_or_uncounted_opinions_are_one_clear_line(project):
    out = project["out"]
    for args, message in [(["A99-1"], "unknown opinion id 'A99-1'; see opinion_id in opinions.csv"),
                          (["A12-1"], "opinion 'A12-1' has status empty and is in no cluster")]:
        res = invoke("review", "exclude", out, *args)
        assert res.exit_code == 2, res.output
        assert res.output.startswith("error: ") and message in res.output
        assert len(res.output.strip().splitlines()) == 1 and "Traceback" not in res.output
    assert decisions_lines(out) == []
    assert invoke("review", "exclude", out, "A10-1").exit_code == 0
    again = invoke("review", "exclude", out, "A10-1")
    assert again.exit_code == 2 and "already excluded by decision 1 (run `cluster run" in again.output
    project["run"]()
    again = invoke("review", "exclude", out, "A10-1")
    assert again.exit_code == 2 and "already excluded by decision 1 (applied by the last run" in again.output
    moved = invoke("review", "move", out, "A10-1", cluster_of(out)["A1-1"])
    assert moved.exit_code == 2 and "its status is excluded" in moved.output


def test_one_copy_of_a_duplicate_group_is_refused_unless_all_are_named(project):
    """Excluding one letter of a campaign is rarely meant: A7 and A8 are the same letter."""
    out = project["out"]
    res = invoke("review", "exclude", out, "A7-1")
    assert res.exit_code == 2
    assert "opinion 'A7-1' is one of 2 copies in duplicate group" in res.output and "A8-1" in res.output
    assert "--with-copies" in res.output and decisions_lines(out) == []
    res = invoke("review", "exclude", out, "A7-1", "--with-copies", "--reason", "重複送信")
    assert res.exit_code == 0, res.output
    assert decisions_lines(out)[0]["opinion_ids"] == ["A7-1", "A8-1"]
    project["run"]()
    rows = rows_by_id(out)
    assert rows["A7-1"]["status"] == rows["A8-1"]["status"] == "excluded"
    assert rows["A9-1"]["status"] == "ok" and rows["A9-1"]["cluster_id"]


def test_exclusion_wins_over_a_move_recorded_before_it_and_refuses_one_after(project):
    out = project["out"]
    of = cluster_of(out)
    library = of["A1-1"]
    assert invoke("review", "move", out, "A11-1", library).exit_code == 0
    assert invoke("review", "exclude", out, "A11-1").exit_code == 0
    res = project["run"]()
    assert "decision 1 (move by" in res.output
    assert "no longer applies: its opinion is excluded (対象外) by decision 2" in res.output
    assert "2 recorded (exclude 1, move 1): 1 applied, 1 no longer apply" in res.output
    assert rows_by_id(out)["A11-1"]["status"] == "excluded"
    assert sizes(out)[cluster_of(out)["A1-1"]] == 3
    # recorded after the exclusion (before the run applies it): refused, naming the undo
    assert invoke("review", "exclude", out, "A9-1").exit_code == 0
    res = invoke("review", "move", out, "A9-1", library)
    assert res.exit_code == 2 and "excluded (対象外) by decision 3, which wins over any move" in res.output
    assert f"cluster review undo {out} --decision 3" in res.output
    res = invoke("review", "split", out, "A9-1")
    assert res.exit_code == 2 and "wins over any split" in res.output


def test_a_merge_label_and_answer_apply_to_the_rest_of_their_opinions(project):
    out = project["out"]
    of = cluster_of(out)
    library, park = of["A1-1"], of["A9-1"]
    assert invoke("review", "label", out, library, "図書館の開館時間").exit_code == 0
    assert invoke("review", "merge", out, library, park).exit_code == 0
    assert invoke("review", "exclude", out, "A1-1").exit_code == 0
    res = project["run"]()
    assert "no longer applies" not in res.output
    of = cluster_of(out)
    assert of["A2-1"] == of["A9-1"] and of["A1-1"] == ""
    row = next(r for r in read_rows(out / "clusters.csv") if r["cluster_id"] == of["A2-1"])
    assert row["label"] == "図書館の開館時間" and int(row["size"]) == 5


def test_apply_decisions_with_an_excluded_opinion():
    """Library level: the exclusion counts as applied; a split of only excluded opinions no
    longer applies; a merge holds the rest (one whose other side was excluded merges nothing)."""
    unit = {"a": 0, "b": 1, "c": 2}  # "x" is excluded: in no unit
    grouping = np.array([0, 1, 2])
    decisions = [Decision("merge", ("a", "x"), "", "", {"groups": [["a"], ["x"]]}),
                 Decision("split", ("x",), "", "", {}),
                 Decision("merge", ("a", "b"), "", "", {"groups": [["a"], ["b"]]}),
                 Decision("exclude", ("x",), "", "", {})]
    applied = decision_log.apply_decisions(unit, grouping, decisions, excluded={"x": 4})
    assert applied.applied == 3 and applied.not_applied == 1  # the split
    assert applied.cluster_of_unit[0] == applied.cluster_of_unit[1] != applied.cluster_of_unit[2]
    assert any("decision 2 (split" in m and "excluded (対象外) by decision 4" in m for m in applied.messages)
    gone = decision_log.apply_decisions(unit, grouping, [Decision("exclude", ("y",), "", "", {})], excluded={})
    assert gone.not_applied == 1 and "no longer applies: its opinions are gone" in gone.messages[0]


def test_the_final_report_counts_them_and_is_otherwise_unchanged(project):
    out = project["out"]
    of = cluster_of(out)
    assert invoke("review", "answer", out, of["A1-1"], "--text", "開館時間の延長を検討します。").exit_code == 0
    assert invoke("review", "exclude", out, "A10-1").exit_code == 0
    res = project["run"](project["comments"], "--final")
    assert "final report: 1 of" in res.output
    report = read_rows(out / "report.csv")  # (a --final report.csv has no 回答の状態 column)
    assert [r["考え方"] for r in report].count("開館時間の延長を検討します。") == 1
    assert all(r["考え方"] in ("開館時間の延長を検討します。", "（考え方は未記入）") for r in report)
    assert f"{NOT_OPINIONS_LINE}：1件" in count_lines(out)
    assert sum(int(r["件数"]) for r in report) == sum(sizes(out).values())


def test_excluding_opinions_moves_no_other_opinion(project):
    """QA: after an exclusion the run grouped everything afresh without the excluded opinions,
    and opinions of two confirmed rows moved into new unanswered rows (「3 applied」, nothing
    else said). The earlier clusters are kept; only the excluded opinions leave them."""
    out = project["out"]
    before = cluster_of(out)
    assert invoke("review", "exclude", out, "A10-1", "A11-1").exit_code == 0
    res = project["run"]()
    assert "opinions excluded since the earlier run leave its clusters; the other clusters are kept" in res.output
    after = cluster_of(out)
    assert {k: v for k, v in before.items() if k not in ("A10-1", "A11-1")} == \
        {k: v for k, v in after.items() if k not in ("A10-1", "A11-1")}
    res = project["run"]()  # the same again: nothing moves, nothing to say about the exclusion
    assert cluster_of(out) == after and "opinions excluded since" not in res.output


def test_a_cluster_id_excludes_its_whole_row_with_every_copy(project):
    """QA28: a row of 29 self-introductions needed 37 opinion ids pulled out of opinions.csv by a
    script; `review exclude` now takes the row's id."""
    out = project["out"]
    of = cluster_of(out)
    row = of["A7-1"]  # the 桜並木 row: two copies of one letter and a paraphrase
    res = invoke("review", "exclude", out, row.lower(), "--reason", "案に対する意見ではない")  # c003 as typed
    assert res.exit_code == 0, res.output
    assert sorted(decisions_lines(out)[0]["opinion_ids"]) == ["A7-1", "A8-1", "A9-1"]
    project["run"]()
    rows = rows_by_id(out)
    assert {rows[o]["status"] for o in ("A7-1", "A8-1", "A9-1")} == {"excluded"}
    assert rows["A1-1"]["status"] == "ok" and rows["A1-1"]["cluster_id"]
    res = invoke("review", "exclude", out, "C999")
    assert res.exit_code == 2 and "unknown opinion id 'C999'" in res.output
    # QA30: a submission's id (its 番号), the natural first try, names its opinions
    res = invoke("review", "exclude", out, "A10", "--reason", "案と関係のない要望")
    assert res.exit_code == 0, res.output
    assert decisions_lines(out)[-1]["opinion_ids"] == ["A10-1"]
