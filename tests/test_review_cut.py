"""`cluster review cut` and `cluster review join`: staff fix where the splitter cut a submission.

A cut makes two opinions of one (the first part keeps the id, the rest is ``ID.2``), a join
makes one opinion of the pieces of one letter (the others keep their rows, status ``joined``).
Both are applied on every re-run right after splitting, before anything is counted or grouped.

The comments were written for these tests (an imagined city plan: a park, a car park, the
library and bicycle parking).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import cluster_of, invoke, read_csv_rows as read_rows, write_csv

HEADER = ["番号", "提出方法", "ご意見"]
# one sentence: no splitter cuts it, yet it asks two things
TWO_DEMANDS = "私は公園の桜並木の伐採に反対し樹木の保存を求めるとともに、また駅前駐車場の有料化にも反対します。"
LETTER = ("図書館の開館時間について、仕事帰りに立ち寄れないという声が多いと聞きます。\n\n"
          "1. 図書館の開館時間を夜九時まで延長してください。\n2. 駅前の駐輪場を増設してください。")
ROWS = [
    ["A1", "郵送", TWO_DEMANDS],
    ["A2", "電子メール", "公園の桜並木の伐採には反対です。樹木を残してください。"],
    ["A3", "電子メール", "桜並木の伐採はやめて、公園の樹木を保全してください。"],
    ["A4", "持参", "駅前駐車場の有料化に反対します。これまでどおり無料にしてほしい。"],
    ["A5", "FAX", "駅前駐車場を有料化しないでください。無料のままが良いです。"],
    ["A6", "電子メール", "図書館の開館時間を夜九時まで延長してほしい。"],
    ["A7", "郵送", "仕事帰りに使えるよう、図書館の開館時間を夜まで延長してください。"],
    ["A8", "電子メール", LETTER],
    ["A9", "持参", "駅前の駐輪場が不足しているので、駐輪場を増設すべきです。"],
    ["A10", "電子メール", "駅前の駐輪場がいつも満車なので、駐輪場の増設をお願いします。"],
]
CUT_AT = "また駅前駐車場"


def rows_by_id(out: Path) -> dict[str, dict]:
    return {r["opinion_id"]: r for r in read_rows(out / "opinions.csv")}


def counts(out: Path) -> dict:
    return json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]


def report_lines(out: Path) -> list[str]:
    return [line[2:] for line in (out / "report.md").read_text(encoding="utf-8").splitlines() if line.startswith("- ")]


def sizes(out: Path) -> dict[str, int]:
    return {r["cluster_id"]: int(r["size"]) for r in read_rows(out / "clusters.csv")}


def assert_offsets(out: Path) -> None:
    """Every row of opinions.csv is its submission's text from start to end; every input row is there."""
    texts = {k: row[2] for k, row in enumerate(ROWS, 1)}
    rows = read_rows(out / "opinions.csv")
    for r in rows:
        sub = texts[int(r["row_number"])]
        assert sub[int(r["start"]):int(r["end"])] == r["text"], r
    assert {int(r["row_number"]) for r in rows} == set(texts)


@pytest.fixture
def project(tmp_path):
    comments = write_csv(tmp_path / "comments.csv", HEADER, ROWS)
    out = tmp_path / "out"

    def run(*extra):
        res = invoke("run", comments, "--out", out, "--model", "char-hash", *extra)
        assert res.exit_code == 0, res.output
        return res

    run()
    rows = rows_by_id(out)
    # the splitter's own cut: one opinion with two demands, one letter in three pieces
    assert rows["A1-1"]["text"] == TWO_DEMANDS and "A1-2" not in rows
    assert [rows[f"A8-{k}"]["status"] for k in (1, 2, 3)] == ["ok", "ok", "ok"]
    return {"out": out, "run": run, "comments": comments}


def test_cut_then_rerun_makes_two_opinions_grouped_apart(project):
    out = project["out"]
    before = counts(out)
    res = invoke("review", "cut", out, "A1-1", "--before", CUT_AT, "--by", "山田")
    assert res.exit_code == 0, res.output
    said = res.output.strip().splitlines()
    assert len(said) == 1 and said[0].startswith("recorded cut of A1-1")
    assert "A1-1 「私は公園の桜並木の伐採に反対し" in said[0] and "A1-1.2 「また駅前駐車場の有料化" in said[0]
    # the run's own command, as run.json records it (QA98: not 「cluster run ... --out out」)
    assert f"run `cluster run {project['comments']} --model char-hash --out {out}` again to apply it" in said[0]
    (d,) = [json.loads(x) for x in (out / "decisions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert d["kind"] == "cut" and d["opinion_ids"] == ["A1-1"] and d["value"]["before"] == CUT_AT
    assert set(d["value"]["fingerprints"]) == {"A1-1"}

    res = project["run"]()
    assert "cut or joined by staff decisions: A1-1 cut in two (A1-1, A1-1.2)" in res.output
    assert "1 recorded (cut 1): 1 applied" in res.output
    assert "corrected" not in res.output and "late comments" not in res.output
    rows = rows_by_id(out)
    first, second = rows["A1-1"], rows["A1-1.2"]
    assert first["text"] == "私は公園の桜並木の伐採に反対し樹木の保存を求めるとともに、"
    assert second["text"] == "また駅前駐車場の有料化にも反対します。"
    assert first["status"] == second["status"] == "ok"
    assert (first["comment_id"], first["row_number"], first["channel"]) == \
        (second["comment_id"], second["row_number"], second["channel"])
    assert_offsets(out)
    of = cluster_of(out)
    assert of["A1-1"] and of["A1-1.2"] and of["A1-1"] != of["A1-1.2"]
    assert of["A1-1"] == of["A3-1"] != of["A1-1.2"]  # the first part stays with the other 桜並木 opinions
    after = counts(out)
    assert after["ok_opinions"] == before["ok_opinions"] + 1
    assert after["input_rows"] == before["input_rows"]
    assert sum(sizes(out).values()) == before["ok_opinions"] + 1
    assert any(line.startswith(f"意見総数：{before['ok_opinions'] + 1}件") for line in report_lines(out))


def test_cut_is_stable_over_reruns(project):
    out = project["out"]
    assert invoke("review", "cut", out, "A1-1", "--before", CUT_AT).exit_code == 0
    project["run"]()
    first = (out / "opinions.csv").read_bytes(), (out / "clusters.csv").read_bytes()
    res = project["run"]()
    assert "cut or joined by staff decisions: A1-1 cut in two" in res.output
    assert ((out / "opinions.csv").read_bytes(), (out / "clusters.csv").read_bytes()) == first
    project["run"]()
    assert ((out / "opinions.csv").read_bytes(), (out / "clusters.csv").read_bytes()) == first
    assert_offsets(out)


def test_cut_of_a_part_the_cut_made(project):
    out = project["out"]
    assert invoke("review", "cut", out, "A1-1", "--before", "樹木の保存").exit_code == 0
    project["run"]()
    assert rows_by_id(out)["A1-1.2"]["text"].startswith("樹木の保存を求めるとともに、また")
    res = invoke("review", "cut", out, "A1-1.2", "--before", CUT_AT)
    assert res.exit_code == 0, res.output
    assert "A1-1.2.2 「また駅前駐車場" in res.output
    project["run"]()
    rows = rows_by_id(out)
    assert rows["A1-1"]["text"] == "私は公園の桜並木の伐採に反対し"
    assert rows["A1-1.2"]["text"] == "樹木の保存を求めるとともに、"
    assert rows["A1-1.2.2"]["text"].startswith("また駅前駐車場の有料化")
    assert_offsets(out)


@pytest.mark.parametrize("before, message", [
    ("図書館", "「図書館」 is not in the text of A1-1"),
    ("反対", "「反対」 is 2 times in the text of A1-1"),
    ("私は公園", "「私は公園」 is at the start of A1-1"),
])
def test_cut_refused_in_one_line(project, before, message):
    out = project["out"]
    res = invoke("review", "cut", out, "A1-1", "--before", before)
    assert res.exit_code != 0
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], res.output
    assert not (out / "decisions.jsonl").read_text(encoding="utf-8").strip()


def test_cut_of_an_unknown_opinion_or_twice_refused(project):
    out = project["out"]
    res = invoke("review", "cut", out, "A99-1", "--before", "また")
    assert res.exit_code != 0 and "unknown opinion id 'A99-1'" in res.output
    assert invoke("review", "cut", out, "A1-1", "--before", CUT_AT).exit_code == 0
    res = invoke("review", "cut", out, "A1-1", "--before", CUT_AT)
    assert res.exit_code != 0 and "A1-1 is already cut before 「また駅前駐車場」 by decision 1" in res.output


def test_join_counts_the_letter_once_and_keeps_every_row(project):
    out = project["out"]
    before = counts(out)
    res = invoke("review", "join", out, "A8-2", "A8-1")  # in any order: the first in the letter keeps its id
    assert res.exit_code == 0, res.output
    said = res.output.strip().splitlines()
    assert len(said) == 1 and said[0].startswith("recorded join of A8-1 and A8-2")
    assert "one opinion A8-1 「図書館の開館時間について" in said[0] and "status joined" in said[0]
    assert "again to apply it" in said[0]

    res = project["run"]()
    assert "A8-1 A8-2 joined into A8-1" in res.output and "1 recorded (join 1): 1 applied" in res.output
    rows = rows_by_id(out)
    assert rows["A8-1"]["text"] == LETTER[:LETTER.index("\n2.")]
    assert rows["A8-1"]["status"] == "ok" and rows["A8-2"]["status"] == "joined"
    assert rows["A8-2"]["cluster_id"] == "" and rows["A8-3"]["status"] == "ok"
    assert rows["A8-2"]["text"] == "図書館の開館時間を夜九時まで延長してください。"  # its row stays
    assert_offsets(out)
    after = counts(out)
    assert after["ok_opinions"] == before["ok_opinions"] - 1 and after["status"]["joined"] == 1
    assert after["opinion_rows"] == before["opinion_rows"]
    assert sum(sizes(out).values()) == before["ok_opinions"] - 1
    report = read_rows(out / "report.csv")
    assert sum(int(r["件数"]) for r in report) == before["ok_opinions"] - 1
    assert any(line.startswith(f"意見総数：{before['ok_opinions'] - 1}件") for line in report_lines(out))
    # the letter counts once in its row
    of = cluster_of(out)
    assert list(of.values()).count(of["A8-1"]) == sizes(out)[of["A8-1"]]


def test_join_refused_across_submissions_and_for_no_opinion(project):
    out = project["out"]
    res = invoke("review", "join", out, "A6-1", "A7-1")
    lines = res.output.strip().splitlines()
    assert res.exit_code != 0 and len(lines) == 1
    assert "A6-1 and A7-1 are opinions of different submissions (A6, A7)" in lines[0]
    res = invoke("review", "join", out, "A8-1", "A8-3")
    assert res.exit_code != 0 and "A8-2 lies between them" in res.output
    res = invoke("review", "join", out, "A8-1")
    assert res.exit_code != 0 and "two or more" in res.output
    assert invoke("review", "exclude", out, "A8-3").exit_code == 0
    project["run"]()
    res = invoke("review", "join", out, "A8-2", "A8-3")
    assert res.exit_code != 0 and "opinion 'A8-3' has status excluded" in res.output
    assert sum(1 for line in (out / "decisions.jsonl").read_text(encoding="utf-8").splitlines() if line) == 1


def test_undo_of_a_cut_brings_the_opinion_back_whole(project):
    out = project["out"]
    before = counts(out)
    assert invoke("review", "cut", out, "A1-1", "--before", CUT_AT).exit_code == 0
    project["run"]()
    assert "A1-1.2" in rows_by_id(out)
    res = invoke("review", "undo", out)
    assert res.exit_code == 0 and "withdrew decision 1 (cut of A1-1 before 「また駅前駐車場」 by " in res.output
    listed = invoke("review", "list", out).output
    assert "cut" in listed and "before 「また駅前駐車場」, A1-1" in listed and "[withdrawn]" in listed
    res = project["run"]()
    assert "1 recorded (cut 1): 0 applied, 1 withdrawn (by 1 withdrawal)" in res.output
    rows = rows_by_id(out)
    assert "A1-1.2" not in rows and rows["A1-1"]["text"] == TWO_DEMANDS
    assert counts(out)["ok_opinions"] == before["ok_opinions"]
    assert_offsets(out)


def test_undo_of_a_join(project):
    out = project["out"]
    before = counts(out)
    assert invoke("review", "join", out, "A8-1", "A8-2").exit_code == 0
    project["run"]()
    assert invoke("review", "undo", out).exit_code == 0
    project["run"]()
    rows = rows_by_id(out)
    assert rows["A8-2"]["status"] == "ok" and rows["A8-2"]["cluster_id"]
    assert counts(out)["ok_opinions"] == before["ok_opinions"]
    assert_offsets(out)


def test_a_label_on_the_uncut_opinions_row_still_applies_after_the_cut(project):
    out = project["out"]
    row = cluster_of(out)["A1-1"]
    assert invoke("review", "label", out, row, "桜並木の保存").exit_code == 0
    assert invoke("review", "cut", out, "A1-1", "--before", CUT_AT).exit_code == 0
    res = project["run"]()
    assert "2 recorded (cut 1, label 1): 2 applied" in res.output
    assert not [line for line in res.output.splitlines() if line.startswith("decision 1")]  # not partly either
    of = cluster_of(out)
    labels = {r["cluster_id"]: r["label"] for r in read_rows(out / "clusters.csv")}
    assert labels[of["A1-1"]] == "桜並木の保存" and labels[of["A1-1.2"]] != "桜並木の保存"


def test_a_cut_whose_text_is_gone_no_longer_applies(project, tmp_path):
    out = project["out"]
    assert invoke("review", "cut", out, "A1-1", "--before", CUT_AT).exit_code == 0
    rows = [list(r) for r in ROWS]
    rows[0][2] = "私は公園の桜並木の伐採に反対し、樹木の保存を求めます。"  # corrected: the second demand is gone
    changed = write_csv(tmp_path / "changed.csv", HEADER, rows)
    res = invoke("run", changed, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    said = [line for line in res.output.splitlines() if "decision 1 (cut" in line]
    assert len(said) == 1 and "no longer applies" in said[0] and "「また駅前駐車場」" in said[0]
    assert "1 recorded (cut 1): 0 applied, 1 no longer apply" in res.output
    assert "A1-1.2" not in rows_by_id(out)


def test_decisions_on_a_joined_piece_follow_the_opinion_it_was_joined_into(project):
    out = project["out"]
    row = cluster_of(out)["A8-2"]
    assert invoke("review", "label", out, row, "図書館の開館時間").exit_code == 0
    assert invoke("review", "split", out, "A8-2").exit_code == 0  # the request: a row of its own
    assert invoke("review", "join", out, "A8-1", "A8-2").exit_code == 0
    res = project["run"]()
    assert "3 recorded (join 1, label 1, split 1): 3 applied" in res.output
    assert not [line for line in res.output.splitlines() if line.startswith("decision ")], res.output
    of = cluster_of(out)
    assert of["A8-2"] == "" and of["A8-1"]
    assert [o for o, c in of.items() if c == of["A8-1"]] == ["A8-1"]  # the split took the joined letter along


def test_two_cuts_of_one_opinion_recorded_without_a_run_between(project):
    out = project["out"]
    assert invoke("review", "cut", out, "A1-1", "--before", "樹木の保存").exit_code == 0
    assert invoke("review", "cut", out, "A1-1", "--before", CUT_AT).exit_code == 0
    res = project["run"]()
    assert "2 recorded (cut 2): 2 applied" in res.output
    rows = rows_by_id(out)
    assert [rows[i]["text"] for i in ("A1-1", "A1-1.2", "A1-1.2.2")] == [
        "私は公園の桜並木の伐採に反対し", "樹木の保存を求めるとともに、", "また駅前駐車場の有料化にも反対します。"]
    assert_offsets(out)


def test_a_cut_of_one_copy_cuts_every_exact_copy(tmp_path):
    """QA: cutting one letter of a campaign left the other copies whole, broke the campaign's
    duplicate group and counted the cut letter twice in its row."""
    rows = ROWS + [[f"B{k}", "郵送", TWO_DEMANDS] for k in range(1, 4)]
    comments = write_csv(tmp_path / "comments.csv", HEADER, rows)
    out = tmp_path / "out"
    assert invoke("run", comments, "--out", out, "--model", "char-hash").exit_code == 0
    before = rows_by_id(out)
    assert len({before[i]["duplicate_group"] for i in ("A1-1", "B1-1", "B2-1", "B3-1")}) == 1
    assert invoke("review", "cut", out, "B2-1", "--before", CUT_AT).exit_code == 0
    res = invoke("run", comments, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "B2-1 cut in two (B2-1, B2-1.2) and its 3 exact copies alike" in res.output
    after = rows_by_id(out)
    for i in ("A1-1", "B1-1", "B2-1", "B3-1"):
        assert after[i]["text"] == "私は公園の桜並木の伐採に反対し樹木の保存を求めるとともに、"
        assert after[i + ".2"]["text"] == "また駅前駐車場の有料化にも反対します。"
    # the copies stay one group each way, and nothing is counted twice
    assert len({after[i]["duplicate_group"] for i in ("A1-1", "B1-1", "B2-1", "B3-1")}) == 1
    assert len({after[i + ".2"]["duplicate_group"] for i in ("A1-1", "B1-1", "B2-1", "B3-1")}) == 1
    ok_before = sum(1 for r in before.values() if r["status"] == "ok")
    assert counts(out)["ok_opinions"] == sum(1 for r in after.values() if r["status"] == "ok") == ok_before + 4


def test_both_parts_of_a_cut_in_one_row_are_named(tmp_path):
    """QA: the two halves of a cut landed in one row, which then counted the letter twice, and
    nothing said so."""
    twice = "駅前の駐輪場を増設してください。駅前の駐輪場の増設をお願いします。"
    comments = write_csv(tmp_path / "comments.csv", HEADER, ROWS + [["C1", "郵送", twice]])
    out = tmp_path / "out"
    assert invoke("run", comments, "--out", out, "--model", "char-hash").exit_code == 0
    assert invoke("review", "cut", out, "C1-1", "--before", "駅前の駐輪場の増設を").exit_code == 0
    res = invoke("run", comments, "--out", out, "--model", "char-hash")
    of = cluster_of(out)
    assert of["C1-1"] == of["C1-1.2"]
    assert (f"note: both parts of the cut of C1-1 (C1-1, C1-1.2) are in {of['C1-1']}, where the letter counts twice"
            in res.output)
    assert "both parts of the cut of A" not in res.output


def test_a_submission_id_given_for_an_opinion_names_its_opinions(project):
    """QA: `review cut OUT 郵送-1 …` said only 「unknown opinion id '郵送-1'」."""
    res = invoke("review", "cut", project["out"], "A8", "--before", "駅前")
    assert res.exit_code == 2
    assert res.output.strip() == ("error: unknown opinion id 'A8'; A8 is a submission: its opinions are A8-1, A8-2, "
                                  "A8-3; see opinion_id in opinions.csv")
    res = invoke("review", "split", project["out"], "A99")
    assert res.output.strip() == "error: unknown opinion id 'A99'; see opinion_id in opinions.csv"


def test_a_part_cut_off_that_only_says_who_writes_is_a_greeting_row(tmp_path):
    """QA29: staff cut a self-introduction off a letter; the part became a one-opinion row of its
    own, counted in 意見総数 until excluded. A part that only greets or says who writes is a
    greeting row, as the splitter makes one."""
    letter = "私は民生委員をしている長谷川と申します。\n\n地域で子育て家庭を見守る仕組みとして、子ども食堂への支援を充実させてください。"
    comments = write_csv(tmp_path / "c.csv", HEADER, [["B1", "郵送", letter],
                                                      ["B2", "電子メール", "子ども食堂の運営を町として支援してほしい。"]])
    out = tmp_path / "out"
    assert invoke("run", comments, "--out", out, "--model", "char-hash").exit_code == 0
    assert invoke("review", "cut", out, "B1-1", "--before", "地域で子育て").exit_code == 0
    res = invoke("run", comments, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    rows = rows_by_id(out)
    assert rows["B1-1"]["status"] == "greeting" and rows["B1-1"]["cluster_id"] == ""
    assert rows["B1-1.2"]["status"] == "ok" and rows["B1-1.2"]["cluster_id"]
    assert counts(out)["ok_opinions"] == 2
