"""QA78: last year's published table as this year's past answers.

- an answer to the opposite request never stands in the report (answers.csv keeps it, far down);
- the row's heading 【…】 of the tool's own report.xlsx is no part of the past opinion.

The texts were written for these tests (an imagined city's child-care plan).
"""
from __future__ import annotations

import pytest

from conftest import invoke, read_csv_rows, write_csv

from cluster import load_encoder
from cluster.answers import AnswerIndex, read_past_answers
from cluster.records import PastAnswer

PAST = [
    PastAnswer(answer_id="5", opinion="公園に幼児用の遊具を増やしてください。",
               answer="幼児向け遊具の設置を公園緑地課と連携して進めてまいります。"),
    PastAnswer(answer_id="9", opinion="北部地区に児童館を新設してほしい。",
               answer="北部地区への児童館の新設について検討してまいります。"),
]


@pytest.fixture(scope="module")
def index():
    return AnswerIndex.build(PAST, load_encoder("char-hash"))


@pytest.mark.parametrize("query, past", [
    ("公園に遊具を増やさないでください。", "5"),
    ("北部地区に児童館は必要ありません。", "9"),
])
def test_an_answer_to_the_opposite_request_stays_below_the_reports_threshold(index, query, past):
    found = {c.answer_id: c.score for c in index.search([query], k=2, min_score=0.0)[0]}
    assert found[past] < 0.15  # the report shows a candidate from 0.15
    same = {c.answer_id: c.score for c in index.search([PAST[int(past == "9")].opinion], k=2, min_score=0.0)[0]}
    assert same[past] > 0.5  # the same request as the past one still finds it


def test_the_heading_line_of_the_tools_own_report_is_no_part_of_the_past_opinion(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["No.", "ご意見の概要", "件数", "考え方"])
    ws.append([1, "【公園の遊具】\n公園に幼児用の遊具を増やしてください。", 3, "幼児向け遊具の設置を進めてまいります。"])
    ws.append([2, "【児童館】 北部地区に児童館を新設してほしい。", 1, "児童館の新設について検討してまいります。"])
    path = tmp_path / "report.xlsx"
    wb.save(path)
    records, _ = read_past_answers(path)
    assert [r.opinion for r in records] == ["公園に幼児用の遊具を増やしてください。",
                                            "【児童館】 北部地区に児童館を新設してほしい。"]


def test_a_run_shows_no_candidate_answering_the_opposite_request(tmp_path):
    past = write_csv(tmp_path / "past.csv", ["No.", "ご意見の概要", "市の考え方"],
                     [[p.answer_id, p.opinion, p.answer] for p in PAST])
    comments = write_csv(tmp_path / "c.csv", ["番号", "ご意見"],
                         [["A1", "公園に遊具を増やさないでください。ボール遊びの広場が減ります。"],
                          ["A2", "北部地区に児童館を新設してください。"]])
    out = tmp_path / "out"
    res = invoke("run", comments, "--answers", past, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "児童館の新設について検討してまいります" in report
    assert "幼児向け遊具の設置" not in report
    kept = [r for r in read_csv_rows(out / "answers.csv") if r["answer_id"].endswith("5")]
    assert kept and all(float(r["score"]) < 0.15 for r in kept)


@pytest.mark.parametrize("text, directions", [
    ("学校給食費を無料にしてほしい。", {"fee": -1}),
    ("駐車場を有料にすべきだ。", {"fee": 1}),
    ("学校給食費の無償化は不要だと思います。", {"fee": 1}),
    ("無料になったのでうれしい。", {}),
])
def test_free_of_charge_in_plain_words_is_a_fee_direction(text, directions):
    from cluster.stance import request_directions

    assert request_directions(text) == directions


def test_the_answer_to_free_meals_is_not_offered_to_free_meals_are_not_needed():
    index = AnswerIndex.build([PastAnswer(answer_id="4", opinion="学校給食費を無料にしてほしい。",
                                          answer="学校給食費は保護者負担とされており、無償化は考えておりません。")],
                              load_encoder("char-hash"))
    found = index.search(["学校給食費の無償化は不要だと思います。"], k=1, min_score=0.0)[0]
    assert found and found[0].score < 0.15


def test_a_candidate_quoting_the_earlier_opinion_or_holding_its_masks_is_named(tmp_path):
    past = write_csv(tmp_path / "past.csv", ["No.", "ご意見の概要", "市の考え方"], [
        ["13", "通学路の交差点にガードレールを整備してほしい。",
         "「息子の［氏名］（小2）が通う通学路」とのご指摘の箇所を含め、ガードレールの設置を進めます。"],
        ["14", "保育士の給料を上げてください。", "保育士の処遇改善に取り組んでまいります。"]])
    comments = write_csv(tmp_path / "c.csv", ["番号", "ご意見"],
                         [["A1", "通学路の交差点にガードレールを整備してください。"], ["A2", "保育士の給料を上げてほしい。"]])
    out = tmp_path / "out"
    res = invoke("run", comments, "--answers", past, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if "quotes the earlier consultation's opinion" in x)
    row = next(r["cluster_id"] for r in read_csv_rows(out / "opinions.csv") if r["comment_id"] == "A1")
    assert line.endswith(f": {row}")
    from cluster.messages_ja import is_known, translate

    assert is_known(line) and "前の意見募集の意見を引用" in translate(line)
    final = invoke("run", comments, "--answers", past, "--out", tmp_path / "fin", "--model", "char-hash", "--final")
    assert "quotes the earlier consultation's opinion" not in final.output  # (--final shows no candidate)


def test_answers_read_from_the_tools_report_csv_cite_its_consultation(tmp_path):
    comments = write_csv(tmp_path / "c.csv", ["番号", "ご意見"], [["A1", "公園に幼児用の遊具を増やしてください。"]])
    out = tmp_path / "y1"
    assert invoke("run", comments, "--out", out, "--model", "char-hash",
                  "--title", "みなと市子育て支援計画（案）に対する意見募集の結果").exit_code == 0
    row = read_csv_rows(out / "opinions.csv")[0]["cluster_id"]
    assert invoke("review", "answer", out, row, "--text", "幼児向け遊具を増やします。").exit_code == 0
    assert invoke("run", comments, "--out", out, "--model", "char-hash", "--final").exit_code == 0
    records, _ = read_past_answers(out / "report.csv")
    assert [(r.answer, r.source) for r in records] == [
        ("幼児向け遊具を増やします。", "みなと市子育て支援計画（案）に対する意見募集の結果")]


def test_a_markdown_or_html_report_is_refused_naming_the_table_beside_it(tmp_path):
    from cluster.messages_ja import is_known

    comments = write_csv(tmp_path / "c.csv", ["番号", "ご意見"], [["A1", "公園に幼児用の遊具を増やしてください。"]])
    out = tmp_path / "y1"
    assert invoke("run", comments, "--out", out, "--model", "char-hash").exit_code == 0
    for name in ("report.md", "report.html"):
        res = invoke("run", comments, "--answers", out / name, "--out", tmp_path / "y2", "--model", "char-hash")
        assert res.exit_code == 2
        (line,) = [x for x in res.output.splitlines() if x.startswith("error:")]
        assert line.endswith(f"give {out / 'report.xlsx'} beside it (the same table)") and is_known(line)
