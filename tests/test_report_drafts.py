"""A report that is not final says so in every format; the published table's columns and title
area (QA by a prefecture's 広報 editor judging the report as something to publish)."""
from __future__ import annotations

import csv

from openpyxl import load_workbook

from cluster.report import NO_ANSWER, ReportModel, ReportRow, write_all

ANSWER = "ご意見を踏まえ、外来種の防除に県民が参加できる仕組みを検討します。"


def _model(statuses, final=False, **kw) -> ReportModel:
    rows = [ReportRow(no=n, section=kw.pop("section", "") if n == 1 else "", summary=f"外来種の駆除に参加したい（{n}）。",
                      count=1, answer=ANSWER if status != "none" else "", answer_status=status, cluster_id=f"C{n:03d}")
            for n, status in enumerate(statuses, 1)]
    return ReportModel(title="○○県環境基本計画（案）に対する意見募集の結果", n_submitters=3, n_submissions=3,
                       by_channel=[("郵送", 1), ("電子メール", 2)], n_opinions=3, n_excluded=0, rows=rows,
                       final=final, **kw)


def _title_area(tmp_path):
    """What each format shows above its table."""
    md = (tmp_path / "report.md").read_text(encoding="utf-8").split("| No.")[0]
    page = (tmp_path / "report.html").read_text(encoding="utf-8").split("<table")[0]
    ws = load_workbook(tmp_path / "report.xlsx").active
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "No.")
    xlsx = "\n".join(str(ws.cell(r, 1).value or "") for r in range(1, header))
    return md, page, xlsx, ws


def test_a_report_that_is_not_final_says_so_in_every_format_and_on_every_printed_page(tmp_path):
    """QA: a draft carried no 作業中 mark, only per-row 【回答案…未確認】 labels (amber in HTML, no
    colour in xlsx): printed, it could pass for the published answer."""
    write_all(_model(["confirmed", "candidate", "none"]), tmp_path)
    md, page, xlsx, ws = _title_area(tmp_path)
    for text in (md, page, xlsx):
        assert "作業中" in text and "未確認の回答案" in text and "No. 2" in text
        assert "未記入の項目が1件" in text and "No. 3" in text
    assert "作業中" in ws.oddHeader.center.text and "作業中" in ws.evenHeader.center.text
    assert "作業中" in ws.oddFooter.left.text and ws.oddFooter.center.text == "&P / &N"
    # the candidate's cell is coloured as in report.html; a missing answer too
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "No.")
    confirmed, candidate, missing = (ws.cell(header + i, 4) for i in (1, 2, 3))
    assert candidate.fill.fgColor.rgb.endswith("FFF2CC") and candidate.font.color.rgb.endswith("8A4B00")
    assert missing.value == NO_ANSWER and missing.fill.fgColor.rgb.endswith("FCE4E4")
    assert confirmed.fill.fill_type is None


def test_a_final_report_with_rows_still_unanswered_says_so_and_one_all_answered_has_no_mark(tmp_path):
    write_all(_model(["confirmed", "none", "none"], final=True), tmp_path)
    md, page, xlsx, ws = _title_area(tmp_path)
    for text in (md, page, xlsx):
        assert "考え方が未記入の項目が2件あります（No. 2、3）" in text
        assert "未確認の回答案" not in text
    assert "未記入" in ws.oddHeader.center.text and "作業中" not in ws.oddHeader.center.text  # QA21: final, no draft
    done = tmp_path / "done"
    done.mkdir()
    write_all(_model(["confirmed"] * 3, final=True), done)
    md, page, xlsx, ws = _title_area(done)
    for text in (md, page, xlsx):
        assert "作業中" not in text and "未記入" not in text and "※考え方" not in text
    assert not ws.oddHeader.center.text and not ws.oddFooter.left.text
    # QA: a printed page of the final report says what it is a page of
    model = _model(["confirmed"] * 3, final=True)
    assert ws.oddHeader.left.text == ws.evenHeader.left.text == model.title.replace("&", "&&")


def test_with_sections_the_table_has_a_section_column_an_answer_heading_and_a_period(tmp_path):
    """QA: published tables have a 該当箇所 column; the answer column is 「県の考え方」; the
    consultation period heads the counts; report.md has the h2 heading report.html has."""
    model = _model(["confirmed"] * 3, final=True, section="第5章 自然共生社会、別紙2", answer_heading="県の考え方",
                   period="令和8年1月10日～2月9日", section_column=True)
    write_all(model, tmp_path)
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| No. | 該当箇所 | ご意見の概要 | 件数 | 県の考え方 |" in md
    assert "| 1 | 第5章 自然共生社会、別紙2 | 外来種の駆除に参加したい（1）。 | 1 |" in md
    assert "| 2 |  | 外来種" in md
    assert "## ご意見の概要と県の考え方" in md and "- 意見募集期間：令和8年1月10日～2月9日" in md
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<th scope="col">該当箇所</th>' in page and '<th scope="col">県の考え方</th>' in page
    assert "<td>第5章 自然共生社会、別紙2</td>" in page and "意見募集期間" in page
    ws = load_workbook(tmp_path / "report.xlsx").active
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "No.")
    assert [ws.cell(header, c).value for c in range(1, 6)] == ["No.", "該当箇所", "ご意見の概要", "件数", "県の考え方"]
    assert ws.cell(header + 1, 2).value == "第5章 自然共生社会、別紙2"
    assert ws.cell(header + 1, 3).value == "外来種の駆除に参加したい（1）。"  # no 【…】 repeating the column
    with open(tmp_path / "report.csv", encoding="utf-8-sig", newline="") as fh:
        assert "県の考え方" in next(csv.reader(fh))  # QA: report.csv kept 考え方
    # the channels once (a count line), no table without a total beside it
    assert md.count("電子メール") == 1 and "| 提出方法 |" not in md
    assert "意見総数：3件\n" in md  # three opinions, three rows: nothing merged (QA61)
    # without sections and topics: today's four columns
    plain = tmp_path / "plain"
    plain.mkdir()
    write_all(_model(["confirmed"] * 3, final=True), plain)
    assert "| No. | ご意見の概要 | 件数 | 考え方 |" in (plain / "report.md").read_text(encoding="utf-8")
    with open(plain / "report.csv", encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh))[:2] == ["No.", "該当箇所"]  # report.csv always has it


def test_a_cell_taller_than_an_excel_row_is_named_in_the_run_output(tmp_path):
    """QA: a 1,085-character 考え方 was cut in report.xlsx on screen and in print with no warning."""
    long_answer = "ご意見ありがとうございます。外来種の防除については、市町村や関係団体と連携して取り組みます。" * 24
    model = _model(["confirmed", "confirmed"], final=True)
    model.rows[1] = ReportRow(no=2, section="", summary="外来種の駆除に参加したい。", count=1, answer=long_answer,
                              answer_status="confirmed", cluster_id="C002")
    said = []
    write_all(model, tmp_path, log=said.append)
    assert len(said) == 1
    assert "No. 2" in said[0] and "考え方" in said[0] and f"{len(long_answer):,}" in said[0]
    assert "report.html" in said[0] and "409.5" in said[0]


def test_run_options_reach_the_report_and_order_section_without_topics_is_said(tmp_path):
    """--answer-heading and --period reach the report; --final names what is still missing;
    QA: --order section without --topics fell back to count order without a word."""
    from conftest import invoke, write_csv

    comments = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"],
                         [("1", "外来種の駆除に県民が参加できる仕組みを作ってください。"),
                          ("2", "PM2.5の測定地点を増やしてください。")])
    out = tmp_path / "out"
    res = invoke("run", comments, "--out", out, "--model", "char-hash", "--order", "section", "--final",
                 "--answer-heading", "県の考え方", "--period", "令和8年1月10日～2月9日")
    assert res.exit_code == 0, res.output
    assert "--order section without --topics: rows citing an article" in res.output
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "県の考え方 |" in md and "- 意見募集期間：令和8年1月10日～2月9日" in md
    assert "※県の考え方が未記入の項目が" in md and "作業中" not in md.split("※県の考え方")[0]
