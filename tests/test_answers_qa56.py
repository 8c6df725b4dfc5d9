"""QA56: past answers offered to a row as staff read it. A problem asked to go (「待機児童をなくして」) is a
request; more or fewer buses in plain words and 無償化 are directions; the stance penalty reads the
opinion whose sentence matched as well as the representative; a candidate matched by another opinion's
sentence than the one a row shows stands in the report only if it fits the shown one too; a comments
list given as the past answers is named as such."""

from __future__ import annotations

import pytest
from conftest import invoke, read_csv_rows, write_csv

from cluster import load_encoder
from cluster.answers import STANCE_PENALTY, AnswerIndex, group_scores, read_past_answers, suggest_for_clusters
from cluster.messages_ja import is_known
from cluster.records import PastAnswer
from cluster.stance import request_directions, request_stance


@pytest.mark.parametrize("text, stance", [
    ("保育所に申し込んでも入れない。待機児童をなくしてほしい。", 1),
    ("駅前の放置自転車をなくしてください。", 1),
    ("歩道の段差を無くしてほしい。", 1),
    ("赤字のバス路線をなくしてほしい。", -1),  # a service asked to go: a rejection, as before
    ("路線をなくさないでください。", 1),
])
def test_a_problem_asked_to_go_is_a_request(text, stance):
    assert request_stance(text) == stance


@pytest.mark.parametrize("text, directions", [
    ("北部の団地から駅までのバスが1時間に1本しかない。もう少し本数を増やしてもらえないか。", {"service": 1}),
    ("通学時間の便を増やしてください。", {"service": 1}),
    ("昼間の便を減らし、朝夕の通勤時間帯に集中させてはどうか。", {"service": -1}),
    ("本数を減らすのは反対です。", {"service": 1}),
    ("給食費を無償化してほしい。", {"fee": -1}),
    ("不便を減らしてください。", {}),
])
def test_plain_words_for_more_or_fewer_buses_and_free_meals(text, directions):
    assert request_directions(text) == directions


PAST = [
    PastAnswer(answer_id="P1", opinion="公園の駐車場は有料化して管理費に充てるべきだ。",
               answer="公園駐車場の有料化については、他市の事例を踏まえ研究してまいります。"),
    PastAnswer(answer_id="P2", opinion="さくら駅の駐輪場が足りないので増設してほしい。",
               answer="さくら駅周辺の駐輪場は、北口を中心に増設を検討してまいります。"),
    PastAnswer(answer_id="P3", opinion="図書館の開館時間を延長してほしい。",
               answer="平日の開館時間を20時まで延長する方向で検討してまいります。"),
]


@pytest.fixture(scope="module")
def index():
    return AnswerIndex.build(PAST, load_encoder("char-hash"))


def test_the_member_whose_sentence_matched_gives_its_stance(index):
    rep, member = "保育料の値上げには反対です。", "公園駐車場の有料化には反対です。"
    alone = index.search([member], k=3, min_score=0.0)[0]
    unpenalised = group_scores(index, [([rep, member], rep)]).combined[0, index._by_id["P1"]]
    got = {c.answer_id: c for c in suggest_for_clusters(index, {"C1": [rep, member]}, k=3, min_score=0.0)["C1"]}
    # the member rejects what P1 asks for: its score is cut as for the member asked alone
    assert {c.answer_id: c.score for c in alone}["P1"] < 0.5 * unpenalised
    assert got["P1"].score == pytest.approx(STANCE_PENALTY * unpenalised, abs=1e-3)


def test_a_candidate_for_another_member_carries_its_score_on_the_shown_opinion(index):
    rep, member = "駅前の市営駐車場にEV充電器を設置してほしい。", "さくら駅の駐輪場が満車です。増設をお願いします。"
    top = suggest_for_clusters(index, {"C1": [rep, member]}, k=1, min_score=0.0)["C1"][0]
    assert top.answer_id == "P2" and "駐輪場" in top.matched_sentence
    assert top.shown_score is not None and top.shown_score < top.score
    # the representative's own sentence matched: no such score
    own = suggest_for_clusters(index, {"C2": [member, rep]}, k=1, min_score=0.0)["C2"][0]
    assert own.answer_id == "P2" and own.shown_score is None


def test_the_report_holds_back_an_answer_to_another_member(tmp_path):
    past = write_csv(tmp_path / "past.csv", ["No.", "ご意見の概要", "市の考え方"],
                     [[p.answer_id, p.opinion, p.answer] for p in PAST])
    rows = [["1", "駅前の市営駐車場にEV充電器を設置してほしい。"],
            ["2", "駅前の市営駐車場にEV充電器を設置してほしい。急速充電器が望ましいです。"],
            ["3", "駅前の市営駐車場にEV充電器を設置してほしい。"],
            ["4", "さくら駅の駐輪場が満車です。駐輪場の増設をお願いします。"]]
    src = write_csv(tmp_path / "in.csv", ["受付番号", "ご意見"], rows)
    out = tmp_path / "out"

    def run():
        res = invoke("run", src, "--out", out, "--model", "char-hash", "--answers", past, "--no-worksheet")
        assert res.exit_code == 0, res.output
        return res, {r["cluster_id"]: r for r in read_csv_rows(out / "clusters.csv")}

    _, clusters = run()
    ev = next(c for c, r in clusters.items() if "EV" in r["representative"])
    bikes = next(c for c, r in clusters.items() if "駐輪場" in r["representative"])
    assert clusters[bikes]["answer_status"] == "candidate" and clusters[bikes]["answer_id"] == "P2"
    # staff (or the grouping) put the 駐輪場 request in the EV charger's row: the row shows the EV words
    invoke("review", "move", out, "4-1", ev)
    res, clusters = run()
    top = next(a for a in read_csv_rows(out / "answers.csv") if a["cluster_id"] == ev and a["rank"] == "1")
    assert top["answer_id"] == "P2" and float(top["score"]) >= 0.15  # answers.csv keeps it
    assert clusters[ev]["answer_status"] == "none"  # the report does not offer it under the EV words
    line = next(x for x in res.output.splitlines() if "matched another of its opinions" in x)
    assert f"`cluster review show {out} {ev}`): {ev}" in line and is_known(line)


def test_a_comments_list_given_as_past_answers_is_named(tmp_path):
    src = write_csv(tmp_path / "comments.csv", ["受付番号", "提出方法", "ご意見"],
                    [["1", "郵送", "バスを増やしてください。"], ["2", "FAX", "駐輪場を増やしてほしい。"]])
    with pytest.raises(Exception) as err:
        read_past_answers(src, log=None)
    assert "looks like a list of comments (提出方法, ご意見), not a table of past answers" in str(err.value)
    res = invoke("answers", src, "--query", src, "--out", tmp_path / "x.csv")
    assert res.exit_code != 0 and "looks like a list of comments" in res.output and "Traceback" not in res.output
    assert is_known(res.output.strip().splitlines()[-1].removeprefix("error: "))


def test_confirming_an_answer_that_is_no_candidate_of_the_row_is_noted(tmp_path):
    from cluster.review import _not_a_candidate_note

    write_csv(tmp_path / "answers.csv", ["cluster_id", "rank", "answer_id", "score", "past_opinion", "answer"],
              [["C001", "1", "P2", "0.37", "さくら駅の駐輪場が足りないので増設してほしい。", "増設を検討します。"],
               ["C002", "1", "P3", "0.41", "図書館の開館時間を延長してほしい。", "延長します。"]])
    line = _not_a_candidate_note(tmp_path, "C001", "P3")
    assert line == ("note: past answer P3 is none of C001's candidates in answers.csv (its best: P2 "
                    "「さくら駅の駐輪場が足りないので増設してほしい。」); check the id before publishing")
    assert is_known(line.removeprefix("note: "))
    assert _not_a_candidate_note(tmp_path, "C001", "P2") is None  # a candidate of the row
    assert _not_a_candidate_note(tmp_path, "C003", "P2") is None  # a row without candidates


def test_a_past_tables_unread_columns_are_named(tmp_path):
    past = write_csv(tmp_path / "past.csv", ["No.", "ご意見の概要", "市の考え方", "対応区分"],
                     [[p.answer_id, p.opinion, p.answer, "A"] for p in PAST])
    lines: list[str] = []
    read_past_answers(past, log=lines.append)
    line = next(x for x in lines if "not used" in x)
    assert line == "past answers: past.csv: column not used: 対応区分 (only the columns named above are read)"
    assert is_known(line)
