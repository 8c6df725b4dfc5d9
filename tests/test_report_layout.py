"""The printed and on-screen layout of report.xlsx and worksheet.xlsx (QA as a city's staff
publishing the result): paper, page numbers, font, header block, row heights, print setup."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from cluster.report import ReportModel, ReportRow, write_all

LONG_OPINION = "駅前の駐輪場は朝の時間帯にいつも満車で、通勤や通学の利用者が困っています。" * 43  # 1,591 characters


@pytest.fixture
def report(tmp_path):
    rows = [ReportRow(no=1, section="第3章", summary=LONG_OPINION, count=15, answer="検討します。",
                      answer_status="confirmed", cluster_id="C001"),
            ReportRow(no=2, section="", summary="図書館の開館時間を延長してほしい。", count=2, answer="",
                      answer_status="none", cluster_id="C002")]
    model = ReportModel(title="「みどり市 交通計画（案）」に対する意見募集の結果", n_submitters=17, n_submissions=17,
                        by_channel=[("電子メール", 12), ("郵送", 5)], n_opinions=17, n_excluded=0, rows=rows)
    write_all(model, tmp_path)
    return load_workbook(tmp_path / "report.xlsx")


def _header_row(ws) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "No.")


def _merged_width(ws, cell) -> float:
    """Column-width units a cell shows its text in (its merged range, if any)."""
    from openpyxl.utils import get_column_letter

    for rng in ws.merged_cells.ranges:
        if cell.coordinate in rng:
            return sum(ws.column_dimensions[get_column_letter(c)].width for c in range(rng.min_col, rng.max_col + 1))
    return ws.column_dimensions[cell.column_letter].width


def test_report_xlsx_is_a4_with_page_numbers_and_a_japanese_font(report):
    ws = report.active
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.oddFooter.center.text == "&P / &N"
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                assert cell.font.name == "游ゴシック", cell.coordinate
    assert report._named_styles["Normal"].font.name == "游ゴシック"  # cells typed in later too


def test_report_xlsx_header_block_labels_fit_and_the_channels_are_said_once(report):
    """QA: column A (the No., 6 wide) held 提出方法 and 電子メール: cut off on screen and in print;
    later the channels were printed twice (a count line and a table whose label cell was 66 wide):
    they are one count line across the table's width."""
    from cluster.report import _text_width

    ws = report.active
    header = _header_row(ws)
    assert ws.column_dimensions["A"].width <= 8  # the No. column stays narrow
    for row in ws.iter_rows(max_row=header - 1):
        for cell in row:
            if isinstance(cell.value, str):
                assert _text_width(cell.value) <= _merged_width(ws, cell) or cell.alignment.wrap_text, cell.coordinate
    values = [ws.cell(r, 1).value for r in range(1, header)]
    assert values.count("提出方法別：電子メール 12件、郵送 5件") == 1
    assert "提出方法" not in values and "電子メール" not in values


def test_report_xlsx_rows_fit_their_text_and_excel_row_limit(report):
    """QA: a 1,600-character opinion ran past Excel's 409.5-pt row: cut off on screen and in print.
    It is published shortened; each row is as high as its wrapped text."""
    from cluster.report import SUMMARY_LIMIT, XLSX_LINE_HEIGHT

    ws = report.active
    header = _header_row(ws)
    first, second = header + 1, header + 2
    assert ws.cell(header, 2).value == "該当箇所" and ws.cell(first, 2).value == "第3章"
    assert len(ws.cell(first, 3).value) <= SUMMARY_LIMIT
    height = ws.row_dimensions[first].height
    lines = ws.cell(first, 3).value.count("\n") + 1 + len(ws.cell(first, 3).value) * 2 // 58
    assert 5 * XLSX_LINE_HEIGHT < height <= 409.5 and height >= lines * XLSX_LINE_HEIGHT * 0.9
    assert ws.row_dimensions[second].height is None  # one line: Excel's own height


def test_worksheet_xlsx_prints_landscape_a4_fit_to_width_with_its_header_on_each_page(tmp_path):
    """QA: worksheet.xlsx (13 columns) had no print setup: it printed on many pages, portrait."""
    from cluster.worksheet import MAIN_SHEET, OPINIONS_SHEET, WorksheetUnit, write_worksheet

    model = ReportModel(title="t", n_submitters=2, n_submissions=2, by_channel=[], n_opinions=2, n_excluded=0,
                        rows=[ReportRow(no=1, section="", summary="駐輪場を増やして", count=2, answer="",
                                        answer_status="none", cluster_id="C001")])
    units = [WorksheetUnit("C001", "1-1", 1, LONG_OPINION, "fp1"), WorksheetUnit("C001", "2-1", 1, "短い意見", "fp2")]
    write_worksheet(tmp_path / "worksheet.xlsx", model, units, {}, lambda t: t)
    wb = load_workbook(tmp_path / "worksheet.xlsx")
    main, listing = wb[MAIN_SHEET], wb[OPINIONS_SHEET]
    header = next(r for r in range(1, main.max_row + 1) if main.cell(r, 1).value == "No.")
    for ws, head in ((main, header), (listing, 1)):
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0  # as many pages down as it takes
        assert ws.print_title_rows.replace("$", "") == f"{head}:{head}"
        assert ws.freeze_panes.endswith(str(head + 1))
        assert ws.oddFooter.center.text == "&P / &N"
    assert listing.cell(2, 5).value == LONG_OPINION and listing.cell(2, 5).alignment.wrap_text
    assert listing.cell(3, 5).alignment.wrap_text
    assert listing.row_dimensions[2].height > 10 * 18 and listing.row_dimensions[3].height is None  # as its text
    assert main.cell(1, 1).font.name == "游ゴシック" and main.cell(header, 1).font.bold


def test_html_rows_are_named_by_their_number_and_english_is_marked_english(tmp_path):
    """QA32 (a prefecture's web accessibility rule, JIS X 8341-3): an English opinion had no
    lang="en" (a screen reader read it with Japanese sounds) and No. was a plain cell."""
    from conftest import invoke, write_csv

    path = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], [
        ["1", "図書館の開館時間を夜8時まで延長してほしい。"],
        ["2", "Please add English signs at the bus stops so that visitors can find the right bus."],
        ["3", "Cần có thêm biển báo tiếng Việt ở các trạm xe buýt cho người nước ngoài sinh sống."],
    ])
    out = tmp_path / "out"
    res = invoke("run", path, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count('<th scope="row" class="num">') == 3 and "<tr><td" not in html
    assert '<span lang="en">Please add English signs at the bus stops' in html
    assert html.count('lang="en"') == 1  # the Vietnamese opinion is not marked English


def test_report_xlsx_names_its_title_and_language_in_its_properties(tmp_path):
    """QA32: the workbook had no document title (a web page listing it, a screen reader)."""
    import openpyxl

    from conftest import invoke, write_csv

    path = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], [["1", "図書館の開館時間を夜8時まで延長してほしい。"]])
    res = invoke("run", path, "--out", tmp_path / "out", "--model", "char-hash", "--title", "みどり市図書館計画（案）に対する意見募集の結果")
    assert res.exit_code == 0, res.output
    props = openpyxl.load_workbook(tmp_path / "out" / "report.xlsx").properties
    assert props.title == "みどり市図書館計画（案）に対する意見募集の結果" and props.language == "ja-JP"
