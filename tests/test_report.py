"""The published report (cluster.report): one model, four formats, each escaped for its format."""
from __future__ import annotations

import csv
import dataclasses

import pytest
from openpyxl import load_workbook

from cluster.report import (CANDIDATE_MARK, NO_ANSWER, SAME_INTENT_NOTE, ReportModel, ReportRow, to_html,
                            to_markdown, write_all)

CONFIRMED = "駐輪場の増設を検討してまいります。"
CANDIDATE = "開館時間の延長を検討してまいります。"


@pytest.fixture
def model() -> ReportModel:
    rows = [
        ReportRow(no=1, section="第3章 駐輪場 7頁", summary="駅前の駐輪場を増やしてほしい。", count=8,
                  answer=CONFIRMED, answer_status="confirmed", label="駐輪場・増設", cluster_id="C001"),
        ReportRow(no=2, section="", summary="図書館の開館時間を\n夜まで延長してほしい。", count=3,
                  answer=CANDIDATE, answer_status="candidate", label="図書館", cluster_id="C002"),
        ReportRow(no=3, section="", summary="=SUM(A1:A9) と書かれた意見 | 縦棒 <b>太字</b> *強調*",
                  count=1, answer="", answer_status="none", cluster_id="C003"),
        ReportRow(no=4, section="", summary="<script>alert('x')</script>", count=1,
                  answer="@cmd|' /C calc'!A0", answer_status="confirmed", cluster_id="C004"),
        ReportRow(no=5, section="", summary="-2の意見", count=1, answer="+負担増", answer_status="candidate",
                  cluster_id="C005"),
    ]
    return ReportModel(title="「みどり市 公園と図書館の整備計画（案）」に対する意見募集の結果", n_submitters=12,
                       n_submissions=13, by_channel=[("郵送", 4), ("電子メール", 9)], n_opinions=14, n_excluded=1,
                       rows=rows)


def test_count_lines(model):
    lines = model.count_lines()
    assert lines[0] == "提出者数：12名（提出件数 13件。同一の氏名による提出は1名として計上）"
    assert "郵送 4件" in lines[1] and "電子メール 9件" in lines[1]
    assert "意見総数：14件（同趣旨の意見をまとめて5項目）" in lines
    assert any("1件" in line and "意見を含まない" in line for line in lines)


def test_markdown_table_and_escaping(model):
    md = to_markdown(model)
    lines = md.splitlines()
    assert lines[0].startswith("# ")
    assert SAME_INTENT_NOTE in md
    table = [line for line in lines if line.startswith("| ") and line[2:3].isdigit()]
    rows = [line for line in table if not line.startswith("| 郵送") and not line.startswith("| 電子メール")]
    assert len(rows) == 5
    for line in rows:
        # a row has exactly 5 cells (No., 該当箇所, 概要, 件数, 考え方): escaped | and newlines cannot break it
        assert line.count("|") == 6, line
    row3 = rows[2]
    assert "&#124;" in row3
    assert "<b>" not in md and "&lt;b&gt;" in row3
    assert "<script>" not in md
    assert "図書館の開館時間を<br>夜まで延長してほしい。" in rows[1]


def test_html_escapes_markup(model):
    page = to_html(model)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<b>太字</b>" not in page
    assert page.count("<tr>") == 1 + 5  # opinions: header + 5 (the channels are one count line)
    assert 'lang="ja"' in page


def test_candidates_are_marked_confirmed_are_not(model):
    md = to_markdown(model)
    rows = {int(line.split("|")[1]): line for line in md.splitlines()
            if line.startswith("| ") and line[2:3].isdigit() and "件" not in line.split("|")[1]}
    assert CANDIDATE_MARK in rows[2] and CANDIDATE in rows[2]
    assert CANDIDATE_MARK not in rows[1] and CONFIRMED in rows[1]
    assert NO_ANSWER in rows[3] and CANDIDATE_MARK not in rows[3]
    page = to_html(model)
    assert page.count(CANDIDATE_MARK) == 2  # rows 2 and 5


def _report_rows(ws):
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "No.")
    width = sum(1 for c in range(1, 8) if ws.cell(header, c).value)
    return header, [[ws.cell(r, c) for c in range(1, width + 1)] for r in range(header + 1, ws.max_row + 1)]


def test_xlsx_has_no_formulas_and_is_readable(model, tmp_path):
    write_all(model, tmp_path)
    wb = load_workbook(tmp_path / "report.xlsx")
    ws = wb.active
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                # formula-like text is a text cell (quotePrefix), never a visible apostrophe
                assert not cell.value.startswith("'"), (cell.coordinate, cell.value)
                assert cell.quotePrefix is (cell.value[0] in "=+-@"), (cell.coordinate, cell.value)
    header, rows = _report_rows(ws)
    assert [c.value for c in ws[header]][:5] == ["No.", "該当箇所", "ご意見の概要", "件数", "考え方"]
    assert len(rows) == 5
    assert [r[0].value for r in rows] == [1, 2, 3, 4, 5]
    assert [r[3].value for r in rows] == [8, 3, 1, 1, 1]  # counts stay numbers
    assert rows[2][2].value.startswith("=SUM(A1:A9)") and rows[2][2].data_type == "s"
    assert rows[3][4].value == "@cmd|' /C calc'!A0" and rows[3][4].data_type == "s"
    assert rows[4][2].value == "-2の意見" and rows[4][2].quotePrefix
    assert rows[0][2].quotePrefix is False  # ordinary text keeps the ordinary style
    for r in rows:
        for cell in (r[2], r[4]):
            assert cell.alignment.wrap_text
    assert ws.column_dimensions["C"].width >= 40
    assert ws.column_dimensions["E"].width >= 40


def test_xlsx_header_row_is_styled_and_printed_on_every_page(model, tmp_path):
    """The table's column names are bold and repeated at the top of each printed page; the blank
    row above them is left plain. QA: panes frozen under the title and counts (row 16) left a
    laptop two or three rows of the table: nothing is frozen."""
    write_all(model, tmp_path)
    ws = load_workbook(tmp_path / "report.xlsx").active
    header, rows = _report_rows(ws)
    assert all(ws.cell(header, c).font.bold for c in range(1, 6))
    assert all(ws.cell(header, c).border.top.style == "thin" for c in range(1, 6))
    assert ws.print_title_rows.replace("$", "") == f"{header}:{header}"
    assert ws.freeze_panes is None
    assert all(ws.cell(header - 1, c).value is None and not ws.cell(header - 1, c).has_style for c in range(1, 6))
    # every opinion row, the last one included, is wrapped and bordered; the header is not wrapped
    assert all(r[c].alignment.wrap_text and r[c].border.left.style == "thin" for r in rows for c in range(5))
    assert not ws.cell(header, 3).alignment.wrap_text
    assert ws.column_dimensions["A"].width < ws.column_dimensions["B"].width
    # the draft section has a column of its own; a staff label heads the opinion
    assert rows[0][1].value == "第3章 駐輪場 7頁"
    assert rows[0][2].value.startswith("【駐輪場・増設】\n駅前")
    assert CANDIDATE_MARK in rows[1][4].value
    assert rows[0][4].value == CONFIRMED


def test_report_csv(model, tmp_path):
    write_all(model, tmp_path)
    data = (tmp_path / "report.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with open(tmp_path / "report.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:6] == ["No.", "該当箇所", "見出し", "ご意見の概要", "件数", "考え方"]
    assert len(rows) == 6
    for row in rows:
        for value in row:
            if value and value[0] in "=+-@":
                pytest.fail(f"unescaped formula cell {value!r}")
    status = [r[6] for r in rows[1:]]
    assert status == ["確定", "候補", "未記入", "確定", "候補"]


def test_write_all_writes_every_format(model, tmp_path):
    paths = write_all(model, tmp_path)
    assert sorted(p.name for p in paths) == ["report.csv", "report.html", "report.md", "report.xlsx"]
    for p in paths:
        assert p.stat().st_size > 0
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == to_markdown(model)


def test_empty_report(tmp_path):
    empty = ReportModel(title="空", n_submitters=0, n_submissions=0, by_channel=[], n_opinions=0, n_excluded=0)
    write_all(empty, tmp_path)
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    # no table under the heading, and the line a city publishes then (QA61: an empty table)
    assert "| No. |" not in md and "※ご意見の提出はありませんでした。" in md and "同趣旨" not in md
    load_workbook(tmp_path / "report.xlsx")


FORMULA_LIKE = ["-5%の予算削減に反対します。", "+αの支援をお願いしたい。", "=1+1 のような計算式は書かないで",
                "@お知らせ欄を増やしてほしい。"]


def _one_row_model(summary: str, answer: str = "") -> ReportModel:
    row = ReportRow(no=1, section="", summary=summary, count=2, answer=answer,
                    answer_status="confirmed" if answer else "none", cluster_id="C001")
    return ReportModel(title="テスト", n_submitters=2, n_submissions=2, by_channel=[], n_opinions=2,
                       n_excluded=0, rows=[row])


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_xlsx_formula_like_text_is_a_text_cell_without_a_visible_apostrophe(text, tmp_path):
    import zipfile

    write_all(_one_row_model(text, answer=text), tmp_path)
    ws = load_workbook(tmp_path / "report.xlsx").active
    _, rows = _report_rows(ws)
    for cell in (rows[0][1], rows[0][3]):
        assert cell.value == text  # exactly as written: no apostrophe in the value
        assert cell.data_type == "s"
        assert cell.quotePrefix  # Excel's "text that looks like a formula" style (apostrophe hidden)
    with zipfile.ZipFile(tmp_path / "report.xlsx") as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
    # CSV has no cell types: there the apostrophe escape stays.
    with open(tmp_path / "report.csv", encoding="utf-8-sig", newline="") as fh:
        body = list(csv.reader(fh))[1]
    assert body[3] == "'" + text and body[5] == "'" + text


def test_xlsx_is_byte_identical_for_the_same_input(model, tmp_path, monkeypatch):
    import time
    import zipfile

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write_all(model, tmp_path / "a")
    time.sleep(2.1)  # zip entry times have a 2-second resolution, docProps one second
    write_all(model, tmp_path / "b")
    first, second = (tmp_path / "a" / "report.xlsx").read_bytes(), (tmp_path / "b" / "report.xlsx").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a" / "report.xlsx") as z:
        assert len({info.date_time for info in z.infolist()}) == 1
        core = z.read("docProps/core.xml").decode("utf-8")
    wb = load_workbook(tmp_path / "a" / "report.xlsx")
    assert wb.properties.created == wb.properties.modified
    assert wb.properties.created.year < 2000 and wb.properties.created.isoformat()[:4] in core
    for name in ("report.md", "report.html", "report.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_xlsx_time_follows_source_date_epoch(model, tmp_path, monkeypatch):
    import datetime
    import zipfile

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    write_all(model, tmp_path)
    with zipfile.ZipFile(tmp_path / "report.xlsx") as z:
        assert {info.date_time for info in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert load_workbook(tmp_path / "report.xlsx").properties.modified == datetime.datetime(2026, 1, 1)


def test_cp932_report_marks_missing_characters_and_warns(tmp_path, capsys):
    summary = "公園に花壇を😊増やしてほしい。𠮷野町の歩道も直して。"
    write_all(_one_row_model(summary, answer="検討します—以上"), tmp_path, csv_encoding="cp932")
    data = (tmp_path / "report.csv").read_bytes()
    with open(tmp_path / "report.csv", encoding="cp932", newline="") as fh:
        rows = list(csv.reader(fh))
    assert not data.startswith(b"\xef\xbb\xbf")
    assert rows[1][3] == "公園に花壇を〓増やしてほしい。〓野町の歩道も直して。"  # not "?"
    assert "?" not in rows[1][3]
    assert rows[1][5] == "検討します―以上"  # a look-alike the code page has, not a mark
    err = capsys.readouterr().err
    warning = [line for line in err.splitlines() if "report.csv" in line]
    assert len(warning) == 1 and warning[0].startswith("warning: ")
    assert "2 character" in warning[0] and "〓" in warning[0] and "U+1F60A" in warning[0] and "U+20BB7" in warning[0]


def test_cp932_opinions_csv_through_write_csv(tmp_path, capsys):
    from cluster.io import write_csv

    write_csv(tmp_path / "opinions.csv", ["opinion_id", "text"],
              [["P-1", "ベンチを増やして😊😊"], ["P-2", "駐輪場が足りない"], ["P-3", "か\u3099っこうの前"]],
              encoding="cp932")
    with open(tmp_path / "opinions.csv", encoding="cp932", newline="") as fh:
        rows = list(csv.reader(fh))
    assert [r[1] for r in rows[1:]] == ["ベンチを増やして〓〓", "駐輪場が足りない", "がっこうの前"]
    err = capsys.readouterr().err
    assert "opinions.csv" in err and "2 character" in err and err.count("U+1F60A") == 1


def test_utf8_report_keeps_every_character_without_warning(tmp_path, capsys):
    summary = "公園に花壇を😊増やしてほしい。𠮷野町の歩道も直して。"
    write_all(_one_row_model(summary), tmp_path)
    with open(tmp_path / "report.csv", encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh))[1][3] == summary
    assert "warning" not in capsys.readouterr().err


def test_section_heading_does_not_repeat_a_reference_the_topic_already_names(tmp_path):
    from cluster.pipeline import RunOptions, build_report_model
    from cluster.records import Cluster, Opinion, Submission

    text = "第4章の体育館の利用時間を延長してほしい。7頁の表も古い。"
    subs = [Submission(row_number=1, comment_id="1", text=text, channel="郵送")]
    ops = [Opinion(opinion_id="1-1", comment_id="1", row_number=1, index=1, text=text, start=0, end=len(text))]
    cl = Cluster(cluster_id="C001", opinion_ids=("1-1",), size=1, representative="1-1",
                 topic="第4章 スポーツ施設", topic_score=0.6, references=("第4章", "7頁"), unique_texts=1)
    model = build_report_model(subs, ops, [cl], {}, {}, 0.15, RunOptions(), tmp_path / "in.csv")
    assert model.rows[0].section == "第4章 スポーツ施設、7頁"


def test_channel_cells_with_personal_data_are_masked_and_counted_together(tmp_path):
    """A channel cell is free text: an e-mail address or a phone number written in it must not
    reach the published channel table; cells that are the same once masked count together."""
    from cluster.pipeline import RunOptions, build_report_model
    from cluster.records import Cluster, Opinion, Submission

    channels = ["郵送", "メール(tanaka.ichiro@example.jp)", "メール(sato.hanako@example.jp)", "FAX 03-1234-5678"]
    subs, ops = [], []
    for n, channel in enumerate(channels, 1):
        text = f"公園にベンチを{n}基増やしてほしい。"
        subs.append(Submission(row_number=n, comment_id=str(n), text=text, channel=channel))
        ops.append(Opinion(opinion_id=f"{n}-1", comment_id=str(n), row_number=n, index=1, text=text,
                           start=0, end=len(text)))
    cl = Cluster(cluster_id="C001", opinion_ids=tuple(o.opinion_id for o in ops), size=4, representative="1-1",
                 unique_texts=4)
    model = build_report_model(subs, ops, [cl], {}, {}, 0.15, RunOptions(), tmp_path / "in.csv")
    shown = dict(model.by_channel)
    assert shown["郵送"] == 1 and sum(shown.values()) == 4
    text = " ".join(shown) + to_markdown(model)
    assert "example.jp" not in text and "03-1234-5678" not in text
    assert 2 in shown.values()  # the two masked e-mail cells are one line of the table
    unmasked = build_report_model(subs, ops, [cl], {}, {}, 0.15, RunOptions(mask=False), tmp_path / "in.csv")
    assert "FAX 03-1234-5678" in dict(unmasked.by_channel)


def test_xlsx_cell_longer_than_excel_holds_is_cut_with_a_visible_note(tmp_path):
    from cluster.report import XLSX_CELL_LIMIT, XLSX_CUT_MARK

    long_text = "図書館の開館時間を延長してほしい。" * 2500  # 42,500 characters
    # a staff-written summary and an answer are never shortened (an opinion is: see test_report_layout)
    model = _one_row_model(long_text, answer=long_text.replace("図書館", "市民館"))
    model.rows[0] = dataclasses.replace(model.rows[0], summary_by_staff=True)
    write_all(model, tmp_path)
    ws = load_workbook(tmp_path / "report.xlsx").active
    for word in ("図書館", "市民館"):
        cells = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and word in c.value]
        assert len(cells) == 1 and len(cells[0]) <= XLSX_CELL_LIMIT and cells[0].endswith(XLSX_CUT_MARK)
    assert long_text in (tmp_path / "report.md").read_text(encoding="utf-8")  # the full text elsewhere


# ------------------------------------------------------------------ QA: what a city publishes

MARKDOWN_TEXTS = ["これは*重要*です。__下線__も~~取消~~も`code`も$100と$200も。",
                  "# 見出しではない\n> 引用ではない\n- 箇条ではない\n1. 番号ではない\n+ これも",
                  "[ここ](http://example.com/x_y_z)を見て | 縦棒 \\ 逆斜線"]


def _rendered_text(md: str) -> tuple[str, str]:
    """(the HTML a GitHub-flavoured renderer makes of ``md``, the text a reader sees)."""
    import html as html_module
    import re

    import markdown_it

    rendered = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(md)
    return rendered, html_module.unescape(re.sub(r"<[^>]+>", "", rendered.replace("<br>", "\n")))


def test_markdown_shows_citizens_and_staff_text_as_written():
    """QA: 「*重要*」「__下線__」, backquotes, a leading 「#」「>」「-」 and [text](url) in an
    opinion or an answer became emphasis, headings, lists or links once rendered."""
    rows = [ReportRow(no=i + 1, section="", summary=t, count=1, answer=t, answer_status="confirmed")
            for i, t in enumerate(MARKDOWN_TEXTS)]
    title = "#1 *計画* の_結果_"
    md = to_markdown(ReportModel(title=title, n_submitters=1, n_submissions=1, by_channel=[("- 郵送", 1)],
                                 n_opinions=3, n_excluded=0, rows=rows, final=True))
    rendered, seen = _rendered_text(md)
    for tag in ("<em>", "<strong>", "<s>", "<del>", "<code>", "<a ", "<blockquote>", "<h3", "<ol"):
        assert tag not in rendered, tag
    assert rendered.count("<h1>") == 1 and rendered.count("<li>") == 3  # the title; the count lines
    assert rendered.count("<h2>") == 1  # the table's own heading, as report.html has
    assert rendered.count("<tr>") == 4  # the table: header + 3
    for text in MARKDOWN_TEXTS:
        for line in text.split("\n"):
            assert seen.count(line) == 2, line  # summary and answer, each exactly as written
    assert title in seen and "- 郵送" in seen
    assert "\\*重要\\*" in md and "\\_\\_下線\\_\\_" in md  # readable in the file too


def test_report_csv_marks_a_candidate_answer_as_the_other_formats_do(model, tmp_path):
    """QA: an unconfirmed candidate sat in report.csv's 考え方 as if it were the city's answer."""
    write_all(model, tmp_path)
    with open(tmp_path / "report.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    assert rows[1][5] == f"{CANDIDATE_MARK}\n{CANDIDATE}" and rows[1][6] == "候補"
    assert rows[0][5] == CONFIRMED and rows[2][5] == NO_ANSWER  # as report.md / report.xlsx show them
    assert rows[4][5].startswith(CANDIDATE_MARK)
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert all(r[5].replace("\n", "<br>") in md for r in rows[:3])  # (rows 4, 5: escaped in each format)


def test_html_tables_have_head_body_column_headers_and_a_name(model):
    page = to_html(model)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert '<html lang="ja">' in page
    assert page.count("<thead>") == page.count("</thead>") == 1 and page.count("<tbody>") == 1
    assert page.count('<th scope="col">') == 5 and "<th>" not in page
    assert 'aria-labelledby="opinions"' in page and '<h2 id="opinions">' in page  # named by its heading
    assert "<caption>ご意見の概要と考え方</caption>" in page  # QA: and a caption, for validators and readers
    body, head = page.split("<tbody>")[1].split("</tbody>")[0], page.split("<thead>")[1].split("</thead>")[0]
    assert body.count("<tr>") == 5 and "ご意見の概要" in head and "該当箇所" in head


def test_without_a_submitter_column_the_number_of_submitters_is_not_claimed(model, tmp_path):
    """QA: with no 氏名 column 「提出者数：15名」 equalled the submissions: a number nobody counted."""
    from cluster.records import Submission
    from cluster.report import SUBMITTERS_UNKNOWN_NOTE, has_submitter_names

    unknown = dataclasses.replace(model, submitters_known=False)
    assert unknown.count_lines()[0] == f"提出件数：13件{SUBMITTERS_UNKNOWN_NOTE}"
    assert "提出者数：" not in unknown.count_lines()[0] and "名" not in unknown.count_lines()[0].split("（")[0]
    write_all(unknown, tmp_path)
    for name in ("report.md", "report.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "提出件数：13件" in text and "12名" not in text, name
    ws = load_workbook(tmp_path / "report.xlsx").active
    assert any(str(c.value).startswith("提出件数：13件") for row in ws.iter_rows() for c in row)
    assert model.count_lines()[0] == "提出者数：12名（提出件数 13件。同一の氏名による提出は1名として計上）"  # a 氏名 column: as before
    assert not has_submitter_names([Submission(1, "1", "x"), Submission(2, "2", "y")])
    assert has_submitter_names([Submission(1, "1", "x"), Submission(2, "2", "y", submitter="山田 太郎")])


def test_a_long_opinion_is_published_shortened_at_a_sentence_end_a_staff_summary_never(tmp_path):
    """QA: a 1,600-character representative opinion was cut off in report.xlsx (an Excel row is
    at most 409.5 pt); the README said report.md shortened it with 「…」, the code printed it whole."""
    from cluster.report import SUMMARY_LIMIT, shorten

    sentence = "駅前の駐輪場は朝の時間帯にいつも満車で、通勤や通学の利用者が困っています。"  # 37 characters
    long_text = sentence * 43  # 1,591 characters
    short = shorten(long_text)
    assert len(short) <= SUMMARY_LIMIT and short.endswith("。…") and long_text.startswith(short[:-1])
    assert shorten(sentence) == sentence
    one_sentence = "あ" * 1000 + "。"
    assert len(shorten(one_sentence)) == SUMMARY_LIMIT and shorten(one_sentence).endswith("…")
    staff = ReportRow(no=2, section="", summary=long_text, count=1, answer="", answer_status="none",
                      summary_by_staff=True)
    opinion = ReportRow(no=1, section="第3章", summary=long_text, count=5, answer="", answer_status="none")
    model = ReportModel(title="t", n_submitters=6, n_submissions=6, by_channel=[], n_opinions=6, n_excluded=0,
                        rows=[opinion, staff])
    write_all(model, tmp_path)
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert f"| 1 | 第3章 | {short} |" in md and f"| 2 |  | {long_text} |" in md
    assert f"<td>第3章</td><td>{short}</td>" in (tmp_path / "report.html").read_text("utf-8")
    with open(tmp_path / "report.csv", encoding="utf-8-sig", newline="") as fh:
        assert [r[3] for r in list(csv.reader(fh))[1:]] == [short, long_text]
    _, rows = _report_rows(load_workbook(tmp_path / "report.xlsx").active)
    assert rows[0][1].value == "第3章" and rows[0][2].value == short and rows[1][2].value == long_text


def test_the_campaign_line_names_the_ten_largest_campaign_rows():
    """QA28: rows of 1,994 and 1,960 copies were hidden in 「ほか10項目」 while a row of 7 was named."""
    from cluster.report import ReportModel, ReportRow

    copies = [7, 6, 6, 6, 6, 6, 6, 6, 6, 6, 1994, 6, 1960]
    rows = [ReportRow(no=k + 1, section="", summary=f"意見{k}です。", count=n, answer="", answer_status="none",
                      campaign_copies=n) for k, n in enumerate(copies)]
    model = ReportModel(title="t", n_submitters=4000, n_submissions=4000, by_channel=[], n_opinions=sum(copies),
                        n_excluded=0, rows=rows, n_nameless=3)
    line = next(x for x in model.count_lines() if x.startswith("うち、"))
    assert "No. 11：1,994件" in line and "No. 13：1,960件" in line and "No. 1：7件" in line and "ほか3項目" in line
    assert line.index("No. 1：") < line.index("No. 11：") < line.index("No. 13：")  # in the table's order
    # every submitter counted, none named: nothing to explain
    assert model.count_lines()[0] == "提出者数：4,000名（提出件数 4,000件）"


def test_submissions_without_a_name_are_said_beside_shared_names():
    """QA28: the report's 1,570名 was one more than the run's 1,569 submitters: the submission
    without a 氏名 counts as one submitter, which the line now says."""
    from cluster.report import ReportModel

    model = ReportModel(title="t", n_submitters=3, n_submissions=4, by_channel=[], n_opinions=4, n_excluded=0,
                        rows=[], n_nameless=1)
    assert model.count_lines()[0] == ("提出者数：3名（提出件数 4件。同一の氏名による提出は1名として計上。"
                                      "氏名の記載がない提出1件は1件を1名として計上）")


def test_count_lines_write_thousands_with_separators():
    # QA20: 「20000件」 in the report while published results (and the terminal) write 20,000
    from cluster.report import ReportModel, ReportRow

    rows = [ReportRow(no=1, section="", summary="鉄道の廃止に反対です。", count=21477, answer="", answer_status="none",
                      campaign_copies=3000)]
    model = ReportModel(title="t", n_submitters=12345, n_submissions=20000, by_channel=[("電子メール", 20000)],
                        n_opinions=21477, n_excluded=1000, rows=rows)
    lines = model.count_lines()
    assert lines[:3] == ["提出者数：12,345名（提出件数 20,000件。同一の氏名による提出は1名として計上）", "提出方法別：電子メール 20,000件",
                         "意見総数：21,477件（同趣旨の意見をまとめて1項目）"]
    assert "うち、同一またはほぼ同一の文面で寄せられた意見：3,000件（No. 1：3,000件）" in lines
    assert "意見を含まない提出：1,000件" in lines
