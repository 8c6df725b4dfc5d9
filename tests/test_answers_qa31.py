"""QA pass 31: last time's published result tables fed back as past answers (the tool's own
report, a PDF converted to Excel with its page-break header rows and footnotes, a merged 考え方
cell), and the 「No.5」 staff read in the PDF as an answer id."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from cluster import review
from cluster import decisions as decision_log
from cluster.answers import AnswerIndex, read_past_answers, suggest_for_clusters
from cluster.embed import load_encoder
from cluster.io import InputError, read_table
from cluster.records import PastAnswer
from cluster.report import CANDIDATE_MARK, NO_ANSWER, RUN_CANDIDATE_MARK, ReportModel, ReportRow, write_all
from conftest import invoke, read_csv_rows, write_csv, write_sheet

CONFIRMED = "公民館の使用料は、令和9年度まで据え置きます。"
CANDIDATE = "図書館の開館時間の延長については、利用状況を踏まえて検討してまいります。"


def _report(tmp_path, final=False, heading="考え方"):
    """A report of this tool (all four formats): row 1 confirmed, row 2 a candidate, row 3 without
    an answer; a period and a heading of the user's, so the table starts far below the title."""
    rows = [ReportRow(no=1, section="", summary="公民館の使用料を値上げしないでください。", count=3,
                      answer=CONFIRMED, answer_status="confirmed", cluster_id="C001", campaign_copies=3),
            ReportRow(no=2, section="", summary="図書館を夜8時まで開けてほしい。", count=2,
                      answer="" if final else CANDIDATE, answer_status="none" if final else "candidate",
                      cluster_id="C002"),
            ReportRow(no=3, section="", summary="市民プールを残してほしい。", count=1, answer="",
                      answer_status="none", cluster_id="C003")]
    model = ReportModel(title="みなと市公共施設計画（案）に対する意見募集の結果", n_submitters=6, n_submissions=6,
                        by_channel=[("郵送", 2), ("電子メール", 4)], n_opinions=6, n_excluded=1, rows=rows,
                        final=final, answer_heading=heading, period="令和8年1月10日～2月9日")
    out = tmp_path / ("final" if final else "draft")
    out.mkdir()
    write_all(model, out, log=lambda line: None)
    return out


# ----------------------------------------------------------------- 1. the tool's own report


def test_a_report_csv_of_this_tool_gives_only_its_confirmed_answers(tmp_path):
    """QA31-1: a draft report.csv fed back as past answers made archive entries of 「（考え方は
    未記入）」 and of the 【回答案…未確認】 candidates (older past answers, or never confirmed)."""
    out = _report(tmp_path)
    lines = []
    recs, report = read_past_answers(out / "report.csv", log=lines.append)
    assert [(r.answer_id, r.answer) for r in recs] == [("1", CONFIRMED)]
    said = [line for line in lines if "skipped" in line]
    assert len(said) == 1
    assert "skipped 2 rows without an answer of that consultation" in said[0]
    assert "1 hold an unconfirmed candidate 【回答案…未確認】" in said[0] and "1 「（考え方は未記入）」" in said[0]
    assert report["skipped_ids"] == []  # not rows with an empty answer cell to fill in


def test_the_marks_in_the_answer_cell_are_read_without_the_state_column(tmp_path):
    path = write_csv(tmp_path / "kekka.csv", ["No.", "ご意見の概要", "市の考え方"], [
        ["1", "公民館の使用料を据え置いてほしい。", CONFIRMED],
        ["2", "図書館を夜8時まで開けてほしい。", f"{CANDIDATE_MARK}\n{CANDIDATE}"],
        ["3", "市民プールの開館日を増やしてほしい。", f"{RUN_CANDIDATE_MARK}\n{CANDIDATE}"],
        ["4", "市民プールを残してほしい。", NO_ANSWER],
        ["5", "体育館の空調を直してほしい。", "（県の考え方は未記入）"],
    ])
    lines = []
    recs, _ = read_past_answers(path, log=lines.append)
    assert [r.answer_id for r in recs] == ["1"]
    assert any("skipped 4 rows without an answer of that consultation" in line and "2 hold an unconfirmed" in line
               and "2 「（考え方は未記入）」" in line for line in lines)


def test_a_report_without_a_confirmed_answer_is_refused_with_the_reason(tmp_path):
    out = _report(tmp_path, final=True)
    for name in ("report.csv", "report.xlsx"):
        (out / name).rename(out / f"only_{name}")
    path = write_csv(tmp_path / "none.csv", ["No.", "ご意見の概要", "考え方", "回答の状態"],
                     [["1", "市民プールを残してほしい。", NO_ANSWER, "未記入"]])
    with pytest.raises(InputError, match="a report of this tool without a confirmed answer"):
        read_past_answers(path, log=None)


# ----------------------------------------------------------------- 2. report.xlsx, draft and final


@pytest.mark.parametrize("final", [False, True])
@pytest.mark.parametrize("heading", ["考え方", "県の考え方"])
def test_the_header_of_report_xlsx_is_found_under_its_title_and_count_lines(tmp_path, final, heading):
    """QA31-2: 「cannot guess the answer-text column; the file has: <the report title>」: the draft's
    title, draft marks, period and count lines are more than the ten rows the header was looked for in."""
    out = _report(tmp_path, final=final, heading=heading)
    ws = load_workbook(out / "report.xlsx").active
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "No.")
    if not final:
        assert len([r for r in range(1, header) if ws.cell(r, 1).value]) >= 10  # the header is beyond the old window
    lines = []
    recs, _ = read_past_answers(out / "report.xlsx", log=lines.append)
    assert [(r.answer_id, r.answer) for r in recs] == [("1", CONFIRMED)]
    assert any(f"header found on row {header}" in line and f"answer column = {heading}" in line for line in lines)
    again, _ = read_past_answers(out / "report.xlsx", text_column=heading, log=None)
    assert [r.answer_id for r in again] == ["1"]


def test_a_comment_table_still_looks_for_its_header_in_the_first_ten_rows(tmp_path):
    rows = [[f"注意書き{n}"] for n in range(12)] + [["受付番号", "ご意見"], ["1", "駐輪場を増やしてほしい。"]]
    path = write_sheet(tmp_path / "c.xlsx", rows)
    assert read_table(path).header_row == 1  # unchanged: the first row, as before


# ----------------------------------------------------------------- 3. header rows at page breaks

PAGED = [
    ["みなと市公共施設計画（案）に対する意見募集の結果", None, None],
    ["No.", "ご意見の概要", "市の考え方"],
    ["1", "公民館の使用料を据え置いてほしい。", CONFIRMED],
    ["No.", "ご意見の概要", "市の考え方"],  # the header again at the top of the PDF's second page
    ["2", "図書館を夜8時まで開けてほしい。", CANDIDATE],
    ["※同趣旨の意見は一つにまとめております。", None, None],
    ["※意見の件数は、1人の方から複数の意見をいただいた場合、それぞれ計上しています。", None, None],
]


def test_a_header_repeated_at_a_page_break_is_no_past_answer(tmp_path):
    """QA31-3: the repeated 「No. ご意見の概要 市の考え方」 became past answer No. (「市の考え方」 to the
    past opinion 「ご意見の概要」) and matched 「市の考え方がわかりません。」 at 0.55."""
    path = write_sheet(tmp_path / "kekka.xlsx", PAGED)
    lines = []
    recs, _ = read_past_answers(path, log=lines.append)
    assert [r.answer_id for r in recs] == ["1", "2"]
    assert all(r.answer != "市の考え方" for r in recs)
    assert any("1 row repeating the header skipped (page break, not answers): row 4" in line for line in lines)


def test_a_header_repeated_in_a_comment_table_is_no_submission_and_is_said(tmp_path):
    path = write_csv(tmp_path / "c.csv", ["受付番号", "提出方法", "ご意見"], [
        ["1", "郵送", "駐輪場を増やしてほしい。"],
        ["受付番号", "提出方法", "ご意見"],  # two exports joined with their headers
        ["2", "FAX", "公園のトイレを直してほしい。"],
    ])
    table = read_table(path)
    assert [r["ご意見"] for r in table.rows] == ["駐輪場を増やしてほしい。", "公園のトイレを直してほしい。"]
    assert table.row_numbers == [2, 4]
    assert "1 row repeating the header skipped (not submissions): row 3" in table.describe()
    sheet = write_sheet(tmp_path / "c.xlsx", [["受付番号", "ご意見"], ["1", "駐輪場を増やしてほしい。"],
                                              ["受付番号", "ご意見"], ["2", "公園のトイレを直してほしい。"]])
    assert len(read_table(sheet).rows) == 2
    assert "(page break, not submissions): row 3" in read_table(sheet).describe()


def test_a_data_row_that_only_mentions_a_column_name_stays(tmp_path):
    path = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], [["1", "ご意見"], ["2", "駐輪場を増やしてほしい。"]])
    assert len(read_table(path).rows) == 2  # one cell only: an opinion reading 「ご意見」, not a header


# ----------------------------------------------------------------- 4. notes under the table


def test_notes_under_a_past_answer_table_are_notes_not_rows_without_an_answer(tmp_path):
    """QA31-4: 「skipped 2 rows with an empty answer: …:※同趣旨の意見は… (merged cells in Excel? …)」."""
    path = write_sheet(tmp_path / "kekka.xlsx", PAGED)
    lines = []
    _, report = read_past_answers(path, log=lines.append)
    assert report["skipped_ids"] == [] and not any("empty answer" in line for line in lines)
    assert any("2 rows below the data skipped (note, not answers): row 6 「※同趣旨の意見は一つにまとめております。」"
               in line for line in lines)


# ----------------------------------------------------------------- 5. one merged answer, one candidate

MERGED = "待機児童の解消に向けて、北部地区に認可保育所2か所を整備します。小規模保育事業所の整備も進めます。"


def test_an_answer_shared_by_several_past_opinions_is_one_candidate(tmp_path):
    """QA31-5: a merged 考え方 over No.2 and No.3 filled two of the three candidate slots."""
    path = write_sheet(tmp_path / "kekka.xlsx", [
        ["No.", "ご意見の概要", "市の考え方"],
        ["1", "公民館の使用料を据え置いてほしい。", CONFIRMED],
        ["2", "保育所に入れない待機児童が多い。保育所を増やしてほしい。", MERGED],
        ["3", "0歳から2歳の保育所の受け皿が足りない。保育所を増やしてほしい。", None],
        ["4", "保育士の給与を上乗せしてほしい。", "保育士の確保については、宿舎借り上げ支援を実施しております。"],
    ], merges=["C3:C4"])
    recs, _ = read_past_answers(path, log=None)
    assert [r.answer for r in recs].count(MERGED) == 2  # both past opinions stay in the archive
    index = AnswerIndex.build(recs, load_encoder("char-hash"))
    [found] = index.search(["保育所を増やしてほしい。待機児童が多いです。"], k=3)
    assert [c.answer for c in found].count(MERGED) == 1
    assert len({c.answer for c in found}) == len(found) == 3
    scores = {c.answer_id: c.score for c in index.search(["保育所を増やしてほしい。待機児童が多いです。"], k=5)[0]}
    assert found[0].answer == MERGED and found[0].answer_id in ("2", "3") and found[0].score == max(scores.values())
    by_cluster = suggest_for_clusters(index, {"C1": ["保育所を増やしてほしい。", "待機児童をなくしてほしい。"]}, k=3,
                                      min_score=0)
    assert [c.answer for c in by_cluster["C1"]].count(MERGED) == 1


# ----------------------------------------------------------------- 6. 「No.5」 as staff read it


@pytest.fixture
def run_with_two_tables(tmp_path):
    comments = write_csv(tmp_path / "comments.csv", ["受付番号", "ご意見"], [
        ["A1", "図書館の開館時間を夜8時まで延長してほしい。"],
        ["A2", "図書館を夜遅くまで開けてほしい。"],
        ["A3", "駅前の駐輪場を増やしてほしい。"],
    ])
    kekka = write_csv(tmp_path / "R5_kekka.csv", ["No.", "ご意見の概要", "市の考え方"], [
        ["1", "公園の樹木を残してほしい。", "樹木の保全に努めてまいります。"],
        ["5", "図書館の開館時間を延長してほしい。", "開館時間の延長については、利用状況を踏まえて検討してまいります。"],
    ])
    kyoiku = write_csv(tmp_path / "kyoiku.csv", ["No.", "ご意見の概要", "市の考え方"], [
        ["1", "学校給食費を無償にしてほしい。", "給食費は、第3子以降を無償としております。"],
    ])
    out = tmp_path / "out"
    res = invoke("run", comments, "--answers", kekka, "--answers", kyoiku, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    cluster = next(r["cluster_id"] for r in read_csv_rows(out / "opinions.csv") if r["comment_id"] == "A1")
    return out, cluster


@pytest.mark.parametrize("typed", ["5", "No.5", "No. 5", "ｎｏ．５"])
def test_a_short_answer_id_naming_one_past_answer_is_taken_and_said(run_with_two_tables, typed):
    """QA31-6: `--answer-id 5` was refused; only R5_kekka:5 worked."""
    out, cluster = run_with_two_tables
    res = invoke("review", "answer", out, cluster, "--answer-id", typed)
    assert res.exit_code == 0, res.output
    assert f"answer id {typed!r} read as past answer R5_kekka:5" in res.output
    d = decision_log.load_decisions(out)[-1]
    assert d.value["answer_id"] == "R5_kekka:5" and "開館時間の延長" in d.value["answer_text"]


def test_a_short_answer_id_naming_several_is_refused_with_them_listed(run_with_two_tables):
    out, cluster = run_with_two_tables
    with pytest.raises(InputError) as err:
        review.said_answer(out, cluster, answer_id="No.1")
    message = str(err.value)
    assert "names 2 past answers" in message
    assert "R5_kekka:1 「公園の樹木を残してほしい。」" in message and "kyoiku:1 「学校給食費を無償にしてほしい。」" in message
    assert not (out / "decisions.jsonl").exists() or not decision_log.load_decisions(out)


def test_an_unknown_short_answer_id_is_still_refused(run_with_two_tables):
    out, cluster = run_with_two_tables
    with pytest.raises(InputError, match="unknown answer id '9'"):
        review.record_answer(out, cluster, answer_id="9")


def test_the_candidate_marks_this_reader_skips_are_the_reports_own():
    from cluster.answers import _DRAFT_CANDIDATE_RE, _NO_ANSWER_RE

    assert _DRAFT_CANDIDATE_RE.match(CANDIDATE_MARK) and _DRAFT_CANDIDATE_RE.match(RUN_CANDIDATE_MARK)
    assert _NO_ANSWER_RE.match(NO_ANSWER)
    assert not _NO_ANSWER_RE.match("考え方は未記入の項目について、順次公表します。")


def test_a_tables_title_row_is_its_answers_source(tmp_path):
    """QA31: without a 出典 column the source was the file name (「report」 for two years' reports);
    the title row above the table names the consultation."""
    path = write_sheet(tmp_path / "r5.xlsx", [
        ["みなと市子ども計画（案）に対する意見募集の結果"],
        ["No.", "ご意見の概要", "市の考え方"],
        ["1", "学童保育の定員を増やしてほしい。", "定員の拡大を検討してまいります。"],
    ])
    records, _ = read_past_answers([path], log=None)
    assert [r.source for r in records] == ["みなと市子ども計画（案）に対する意見募集の結果"]
    # no title row: the file's name, as before
    plain = write_csv(tmp_path / "r6.csv", ["No.", "ご意見の概要", "市の考え方"],
                      [["1", "公園のトイレを直してほしい。", "順次改修してまいります。"]])
    assert [r.source for r in read_past_answers([plain], log=None)[0]] == ["r6"]


def test_a_repeated_header_row_is_accounted_for_in_run_json(tmp_path):
    """Every row of the input is accounted for: a header repeated in the data is named in run.json
    beside the title and footer rows, as it is in the read line."""
    import json

    path = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], [
        ["1", "駐輪場を増やしてほしい。"], ["受付番号", "ご意見"], ["2", "公園のトイレを直してほしい。"]])
    out = tmp_path / "out"
    res = invoke("run", path, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert info["input"]["repeated_header_rows"] == ["row 3"]
    assert len(read_csv_rows(out / "opinions.csv")) == 2
    late = write_csv(tmp_path / "late.csv", ["受付番号", "ご意見"], [["L1", "図書館を夜まで開けてほしい。"]])
    res = invoke("run", path, late, "--out", tmp_path / "out2", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    info = json.loads((tmp_path / "out2" / "run.json").read_text(encoding="utf-8"))
    assert info["input"]["repeated_header_rows"] == ["c.csv row 3"]


def test_the_year_of_the_consultation_goes_with_its_title(tmp_path):
    """QA34: last year's answers read 「○○計画（案）に対する意見募集の結果」 as their source, like this
    year's title; the period row above the table gives the year."""
    path = write_sheet(tmp_path / "r7.xlsx", [
        ["○○市環境基本計画（案）に対する意見募集の結果"],
        ["実施期間　令和7年6月1日～6月30日"],
        ["No.", "ご意見の概要", "市の考え方"],
        ["1", "公園の木を残してほしい。", "できる限り保全いたします。"],
    ])
    records, _ = read_past_answers([path], log=None)
    assert [r.source for r in records] == ["○○市環境基本計画（案）に対する意見募集の結果（令和7年）"]
