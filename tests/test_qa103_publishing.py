"""QA103: the city's web-publishing officer put the published files on the website. A run without --final ended with
「publish report.xlsx, report.md, report.html or report.csv」 (a draft full of 【回答案】 could have gone online), and an
empty answer cell read 「（考え方は未記入）」 under the heading 「市の考え方」. The texts were written for these tests."""
from __future__ import annotations

from conftest import invoke, write_csv


def _last_line(tmp_path, *extra, folder="out"):
    comments = write_csv(tmp_path / "comments.csv", ["受付番号", "ご意見"],
                         [["1", "図書館の開館時間を延長してください。"], ["2", "体育館にエアコンを付けてください。"]])
    out = tmp_path / folder
    result = invoke("run", comments, "--out", out, "--model", "char-hash", *extra)
    assert result.exit_code == 0, result.output
    return out, result.output.strip().splitlines()[-1]


def test_the_run_says_a_drafts_report_is_for_review_and_a_final_one_whether_it_may_be_published(tmp_path):
    """QA103: a run without --final ended with 「publish report.xlsx, report.md, report.html or report.csv」, and so did a
    --final run with no answer confirmed: a draft full of 【回答案】 could have gone on the website."""
    from cluster.messages_ja import is_known, translate

    out, line = _last_line(tmp_path)
    assert line.startswith("report.xlsx, report.md, report.html and report.csv are a draft for review")
    assert "publish the report of a run with --final" in line and is_known(line)
    assert "公表するのは --final を付けて実行した報告書です" in translate(line)
    out, line = _last_line(tmp_path, "--final")
    assert line.startswith("publish report.xlsx, report.md, report.html or report.csv (personal data masked) once 2 rows "
                           "without a confirmed answer have one") and is_known(line)
    for row in ("C001", "C002"):
        assert invoke("review", "answer", out, row, "--text", "ご意見として承ります。").exit_code == 0
    out, line = _last_line(tmp_path, "--final")
    assert line.startswith("publish report.xlsx, report.md, report.html or report.csv (personal data masked); keep inside")


def test_an_empty_answer_cell_says_the_columns_own_heading(tmp_path):
    out, _ = _last_line(tmp_path, "--answer-heading", "市の考え方")
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| 市の考え方 |" in report and "（市の考え方は未記入）" in report and "（考え方は未記入）" not in report
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "（市の考え方は未記入）" in html
    out, _ = _last_line(tmp_path, folder="default")  # (the heading is kept for later runs into one folder)
    assert "（考え方は未記入）" in (out / "report.md").read_text(encoding="utf-8")


def test_the_html_report_has_one_main_landmark_around_its_content(tmp_path):
    """QA103: a city's page template adds its own header and menu; the report's content is its <main>."""
    from html.parser import HTMLParser

    out, _ = _last_line(tmp_path)
    html = (out / "report.html").read_text(encoding="utf-8")

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.open, self.inside_main = [], []

        def handle_starttag(self, tag, attrs):
            if tag in ("h1", "h2", "table", "ul"):
                self.inside_main.append((tag, "main" in self.open))
            self.open.append(tag)

        def handle_endtag(self, tag):
            while self.open and self.open.pop() != tag:
                pass

    tags = Tags()
    tags.feed(html)
    assert html.count("<main>") == 1 == html.count("</main>")
    assert {t for t, _ in tags.inside_main} == {"h1", "h2", "table", "ul"} and all(inside for _, inside in tags.inside_main)
    assert '<ul aria-label="提出の状況">' in html
