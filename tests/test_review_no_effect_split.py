"""QA58: a split that takes no effect (its opinion is alone already, after a move took the rest of its row)
does not carry the row's answer away: the answer stays with the opinions no decision placed."""

from __future__ import annotations

from conftest import invoke, read_csv_rows, run_folder

from cluster.messages_ja import is_known

A = "デマンド交通を町の全域で運行してください。"
B = "乗合タクシーの予約を当日でも受け付けてほしい。"
OTHER = "駅前の駐輪場を増やしてください。"


def test_a_split_without_effect_leaves_the_answer_where_it_was(tmp_path):
    rows = [["1", A], ["2", B], ["3", A], ["4", B], ["5", OTHER], ["6", OTHER + "屋根もつけてほしい。"]]
    out, run, cluster_of = run_folder(tmp_path, ["受付番号", "ご意見"], rows)
    if cluster_of["2-1"] != cluster_of["1-1"]:  # staff put A and B (two copies each) in one row
        assert invoke("review", "merge", out, cluster_of["1-1"], cluster_of["2-1"]).exit_code == 0
        run()
    now = {r["opinion_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv")}
    row, other = now["1-1"], now["5-1"]
    assert now["2-1"] == now["3-1"] == now["4-1"] == row != other
    assert invoke("review", "answer", out, row, "--text", "デマンド交通の拡充を検討します。").exit_code == 0
    run()
    assert invoke("review", "move", out, "4-1", other).exit_code == 0  # B and its copy leave the row
    assert invoke("review", "split", out, "1-1").exit_code == 0  # recorded before the re-run shows the move
    res = run()
    line = next(x for x in res.output.splitlines() if "did not take effect: nothing is left to split it from" in x)
    assert is_known(line)  # (said in Japanese with --lang ja too)
    clusters = {r["cluster_id"]: r for r in read_csv_rows(out / "clusters.csv")}
    now = {r["opinion_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv")}
    assert clusters[now["1-1"]]["answer_status"] == "confirmed"  # the row of A keeps its answer
    assert clusters[now["4-1"]]["answer_status"] != "confirmed"  # the 駐輪場 row does not take it
