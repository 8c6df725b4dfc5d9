"""Staff correct the input file between runs while decisions exist (QA: a city's review over
several days): a typo or a comma fixed in an opinion, a row entered twice deleted, a 受付番号
corrected. The corrected opinion is the same opinion: it keeps its cluster and every decision
that names it, the other clusters stay, and the run says what it did in words that are true.

The comments were written for these tests (an imagined plan for a town's libraries).
"""
from __future__ import annotations

import json

from conftest import LIBRARY_HEADER, LIBRARY_ROWS, cluster_of, invoke, read_csv_rows, write_csv

HEADER = LIBRARY_HEADER
ROWS = LIBRARY_ROWS + [
    ["L9", "図書館の民間委託はやめてください。市が直接運営すべきです。"],  # entered twice
    ["L10", "館内にカフェは不要です。静かに本を読む場所であってほしい。"],
]


def run(tmp_path, rows, *extra):
    path = write_csv(tmp_path / "comments.csv", HEADER, rows)
    res = invoke("run", path, "--out", tmp_path / "out", "--model", "char-hash", *extra)
    assert res.exit_code == 0, res.output
    return res


def edited(rows, rid, text):
    return [[r[0], text] if r[0] == rid else r for r in rows]


def decision_lines(res) -> list[str]:
    return [x for x in res.output.splitlines() if x.startswith("decision ")]


def report_row(out, words: str) -> dict[str, str]:
    rows = [r for r in read_csv_rows(out / "report.csv") if words in "".join(r.values())]
    assert len(rows) == 1, rows
    return rows[0]


def test_a_comma_added_to_a_moved_opinion_keeps_the_move_and_the_clusters(tmp_path):
    out = tmp_path / "out"
    run(tmp_path, ROWS)
    of = cluster_of(out)
    assert invoke("review", "move", out, "L10-1", of["L4-1"]).exit_code == 0  # any other row will do
    run(tmp_path, ROWS)
    before = cluster_of(out)
    assert before["L10-1"] == before["L4-1"]
    res = run(tmp_path, edited(ROWS, "L10", "館内に、カフェは不要です。静かに本を読む場所であってほしい。"))
    after = cluster_of(out)
    assert after == before  # the corrected opinion keeps its place, and nothing else moves
    assert "re-run: earlier opinions changed in the input: 1 corrected (each keeps its cluster): L10-1; " \
           "the other clusters are kept" in res.output
    assert any("still applies to L10-1, whose text was corrected in the input since the last run" in x
               for x in decision_lines(res))
    assert "no longer applies" not in res.output and "is gone" not in res.output
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["grouping"] == "continued"
    # said once: the next run with the same input has nothing to say about it
    res = run(tmp_path, edited(ROWS, "L10", "館内に、カフェは不要です。静かに本を読む場所であってほしい。"))
    assert decision_lines(res) == [] and cluster_of(out) == before


def test_a_decision_follows_an_opinion_corrected_twice_over_several_runs(tmp_path):
    out = tmp_path / "out"
    run(tmp_path, ROWS)
    # (a move: a split of L7-1, alone in its cluster, changes nothing and is refused)
    assert invoke("review", "move", out, "L7-1", cluster_of(out)["L10-1"]).exit_code == 0
    run(tmp_path, ROWS)
    with_ = cluster_of(out)["L7-1"]
    assert sorted(o for o, c in cluster_of(out).items() if c == with_) == ["L10-1", "L7-1"]
    once = edited(ROWS, "L7", "電子図書館を早く導入して下さい。")
    run(tmp_path, once)
    twice = edited(ROWS, "L7", "電子図書館を早期に導入して下さい。")
    res = run(tmp_path, twice)
    of = cluster_of(out)
    assert sorted(o for o, c in of.items() if c == of["L7-1"]) == ["L10-1", "L7-1"]  # still moved
    assert "no longer applies" not in res.output


def test_an_opinion_rewritten_beyond_a_correction_is_a_new_opinion(tmp_path):
    out = tmp_path / "out"
    run(tmp_path, ROWS)
    assert invoke("review", "move", out, "L7-1", cluster_of(out)["L10-1"]).exit_code == 0  # (not a split: see above)
    res = run(tmp_path, edited(ROWS, "L7", "駐車場を広くしてください。週末はいつも満車です。"))
    assert any("decision 1 (move" in x and "no longer applies" in x for x in decision_lines(res))
    assert "1 no longer in the input or rewritten (each leaves its cluster): L7-1" in res.output


def test_a_row_entered_twice_and_deleted_is_gone_not_moved(tmp_path):
    out = tmp_path / "out"
    run(tmp_path, ROWS)
    of = cluster_of(out)
    assert of["L8-1"] == of["L9-1"]
    assert invoke("review", "label", out, of["L8-1"], "民間委託に反対").exit_code == 0
    res = run(tmp_path, [r for r in ROWS if r[0] != "L9"])
    lines = decision_lines(res)
    assert any("1 of its opinions is gone (L9-1 (no longer in the input; a copy of L8-1))" in x for x in lines), lines
    assert not any("another id" in x for x in lines)
    assert "1 no longer in the input or rewritten (each leaves its cluster): L9-1" in res.output
    assert report_row(out, "民間委託")["件数"] == "1"


def test_a_corrected_id_is_named_old_to_new(tmp_path):
    out = tmp_path / "out"
    run(tmp_path, ROWS)
    assert invoke("review", "move", out, "L6-1", cluster_of(out)["L10-1"]).exit_code == 0  # (not a split: see above)
    res = run(tmp_path, [["L60", r[1]] if r[0] == "L6" else r for r in ROWS])
    assert any("1 of its opinions now has another id (L6-1 → L60-1: the input's ids or row order changed); "
               "applied to it by its text" in x for x in decision_lines(res))
    of = cluster_of(out)
    assert sorted(o for o, c in of.items() if c == of["L60-1"]) == ["L10-1", "L60-1"]


def test_a_summary_written_after_a_move_stays_on_the_row_the_move_left(tmp_path):
    """QA: move 018-1 out of C005, then write C005's summary and answer before re-running: the
    summary names 018-1 (the last run still listed it in C005). After a regroup the summary
    and answer went with 018-1 to the other row on a tie."""
    out = tmp_path / "out"
    rows = ROWS + [["L11", "電子書籍を導入してほしい。"]]
    run(tmp_path, rows)
    of = cluster_of(out)
    assert of["L8-1"] != of["L6-1"]
    assert invoke("review", "move", out, "L10-1", of["L8-1"]).exit_code == 0
    run(tmp_path, rows)
    of = cluster_of(out)
    home = of["L8-1"]
    assert of["L10-1"] == home
    # move L10 out to the bigger 電子書籍 row, then (no run in between) summarise and answer its old row
    assert invoke("review", "move", out, "L10-1", of["L6-1"]).exit_code == 0
    assert invoke("review", "summary", out, home, "図書館の民間委託をやめ、市が直接運営してほしい。").exit_code == 0
    assert invoke("review", "answer", out, home, "--text", "図書館は引き続き市の直営を基本とします。").exit_code == 0
    for extra in ((), ("--seed", "3")):  # the plain re-run and a regroup
        run(tmp_path, rows, *extra)
        row = report_row(out, "民間委託をやめ、市が直接")
        assert row["件数"] == "2" and "市の直営を基本" in "".join(row.values())
        of = cluster_of(out)
        assert of["L10-1"] == of["L6-1"] != of["L8-1"]


def test_late_copies_of_earlier_letters_are_named_and_keep_the_clusters(tmp_path):
    # a campaign still arriving: copies only, no new text. The run said nothing of them and
    # grouped everything afresh on the grown counts (a fresh grouping could move earlier rows)
    out = tmp_path / "out"
    run(tmp_path, ROWS)
    before = cluster_of(out)
    assert invoke("review", "category", out, before["L1-1"], "C").exit_code == 0
    run(tmp_path, ROWS)
    res = run(tmp_path, ROWS + [["L11", ROWS[0][1]], ["L12", ROWS[0][1]]])
    # a row with staff's work that takes exact copies is named too (QA22: 50 copies, no note)
    assert (f"note: 2 late opinions joined {before['L1-1']}, which has 対応区分 C from before they came (all of them "
            "copies or near-copies of opinions already in it)") in res.output
    assert (f"late comments: 2 new opinions, each a copy of an earlier one, joined their copies' clusters: "
            f"L11-1 → {before['L1-1']}, L12-1 → {before['L1-1']}; the other clusters are kept") in res.output
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["grouping"] == "continued"
    after = cluster_of(out)
    assert all(after[oid] == cid for oid, cid in before.items())


def test_earlier_opinions_whose_duplicate_group_joined_another_are_named():
    # QA20: late near-copies joined earlier duplicate groups, and 41 earlier opinions changed rows
    # with their group without a word
    from cluster.continuity import PreviousRun
    from cluster.pipeline import regrouped_copies_line

    prev = PreviousRun(cluster_of={"A1-1": "C001", "A2-1": "C001", "B1-1": "C004"},
                       text_of={"A1-1": "駅に駐車場を作ってほしい。", "A2-1": "駅に駐車場を作ってほしい。",
                                "B1-1": "駅の近くに駐車場を作って。"}, settings={}, model="m")
    # one group now holds A1, A2, B1 and a late near-copy: it goes to C001, B1-1 leaves C004
    pairs = [[("A1-1", "駅に駐車場を作ってほしい。"), ("A2-1", "駅に駐車場を作ってほしい。"),
              ("B1-1", "駅の近くに駐車場を作って。"), ("L1-1", "駅の近くに駐車場を作ってほしい。")]]
    line = regrouped_copies_line(prev, pairs, ["C001"], "out")
    assert line.startswith("note: 1 earlier opinion changes rows with its duplicate group")
    assert "B1-1 (C004 → C001)" in line and "A1-1" not in line
    assert regrouped_copies_line(prev, [pairs[0][:2]], ["C001"], "out") is None


def test_a_row_whose_new_late_texts_outnumber_its_earlier_ones_is_named(tmp_path):
    # QA21: three 病児保育 opinions joined a one-opinion 一時保育 row and were published under its text
    out = tmp_path / "out"

    def run_default(rows):  # the shipped model groups the late e-book requests with L6
        res = invoke("run", write_csv(tmp_path / "c.csv", HEADER, rows), "--out", out)
        assert res.exit_code == 0, res.output
        return res

    run_default(LIBRARY_ROWS)
    late = [["N1", "電子書籍を図書館で借りられるようにしてください。"], ["N2", "電子書籍の貸し出しを早く始めてほしいです。"],
            ["N3", "スマホで読める電子書籍サービスを導入してほしい。"], ["N4", LIBRARY_ROWS[0][1]]]  # N4: a copy of L1
    res = run_default(LIBRARY_ROWS + late)
    # QA21: the late line counted new texts only; copies of earlier letters are counted too
    assert "; 1 copy or near-copy of earlier opinions went to their copies' rows" in res.output
    of = cluster_of(out)
    joined = sorted(oid for oid in ("N1-1", "N2-1", "N3-1") if of[oid] == of["L6-1"])
    assert len(joined) >= 2
    assert (f"note: {len(joined)} new late opinions joined {of['L6-1']}, which had 1 distinct opinion: check that its "
            f"ご意見の概要 still stands for them ({', '.join(joined)}") in res.output


def test_review_list_counts_the_copies_a_move_takes_with_it(tmp_path):
    # QA20: a split that took 1,500 campaign letters was listed as 「(1 opinion)」
    out = tmp_path / "out"
    rows = LIBRARY_ROWS + [["L11", LIBRARY_ROWS[0][1]], ["L12", LIBRARY_ROWS[0][1]]]  # two copies of L1
    run(tmp_path, rows)
    of = cluster_of(out)
    assert invoke("review", "move", out, "L1-1", of["L4-1"]).exit_code == 0
    assert invoke("review", "split", out, "L5-1").exit_code == 0  # (L6-1 is alone: a split of it is refused)
    listed = invoke("review", "list", out).output.splitlines()
    assert "(1 opinion and 2 copies)" in listed[0] and "L1-1" in listed[0]
    assert "(1 opinion)  " in listed[1] and "copies" not in listed[1]  # no copies: as before
