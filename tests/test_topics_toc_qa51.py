"""QA51: a topics file pasted from the draft's 目次 (「第1章 計画の基本的事項 ………… 1」, an indented 「　第1節 …」,
a Word TOC copied with tabs) published its leaders, page numbers and TABs in 該当箇所, lost each 節's chapter and
never used its pages; report.html let a long URL push the 考え方 column off screen; a 考え方 cut for Excel was
said to be 32,767 characters long. Invented texts (a town's 緑の基本計画)."""
from __future__ import annotations

import csv
import re

from conftest import invoke, model_args, read_csv_rows, write_csv

from cluster.labels import _page_range, _section_head, read_topics
from cluster.messages_ja import is_known, translate

TOC = """目　次
第1章 計画の基本的事項 ……………………………… 1
　第1節 計画の目的 …………………………………… 2
　第2節 計画の期間 ‥‥‥‥‥‥‥‥‥‥‥‥‥ 4
第2章 緑の現状と課題 ・・・・・・・・・・・・・・・・ 6
　第1節 公園の現状 ．．．．．．．．．．．．．．． 7
　第2節 街路樹の現状 …. 10
第3章 施策の展開 ………………………………………… 13
　第1節 公園の再整備 ………………………………… 14
　第2節 街路樹の保全と更新 ……………………… 18
資料編 ……………………………………………………… 25
"""

EXPECTED = [
    ("第1章 計画の基本的事項", "1～1頁"), ("第1章第1節 計画の目的", "2～3頁"), ("第1章第2節 計画の期間", "4～5頁"),
    ("第2章 緑の現状と課題", "6～6頁"), ("第2章第1節 公園の現状", "7～9頁"), ("第2章第2節 街路樹の現状", "10～12頁"),
    ("第3章 施策の展開", "13～13頁"), ("第3章第1節 公園の再整備", "14～17頁"),
    ("第3章第2節 街路樹の保全と更新", "18～24頁"), ("資料編", "25～25頁"),
]


def _names_and_pages(topics):
    return [(t.name, t.description) for t in topics]


def test_a_pasted_table_of_contents_reads_as_clean_topics(tmp_path):
    path = tmp_path / "目次.txt"
    path.write_text(TOC, encoding="utf-8")
    said = []
    topics = read_topics(path, log=said.append)
    assert _names_and_pages(topics) == EXPECTED  # no leader, no page number, no 目次 line; 節 under its 章
    assert _section_head(topics[8].name) == ("3", "2") and _page_range(topics[8]) == (18, 24)
    assert said == ["topics: 目次.txt read as a table of contents: 10 topics, 10 with pages (each from its page to "
                    "the page before the next topic's); leaders and page numbers removed from 10 names; 6 第N節 "
                    "named under their chapter (第M章第N節); the 目次 line skipped"]
    assert is_known(said[0]) and translate(said[0]).startswith("該当箇所：目次.txt を目次として読みました。トピック10件")


def test_a_word_toc_copied_with_tabs_and_a_toc_saved_as_csv_read_the_same(tmp_path):
    tabbed = tmp_path / "目次_tab.txt"
    lines = [line for line in TOC.splitlines() if line.strip()]
    # Word's TOC: name, a TAB, the page; 節 lines indented with a full-width blank
    tabbed.write_text("\n".join(re.sub(r" […‥・．][…‥・．. ]*(\d+)$", "\t\\1", line) for line in lines) + "\n",
                      encoding="utf-8")
    assert "\t" in tabbed.read_text(encoding="utf-8")
    assert _names_and_pages(read_topics(tabbed)) == EXPECTED
    saved = tmp_path / "目次.csv"  # the same text saved as .csv: one column headed 目　次 (was refused)
    with open(saved, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([line] for line in lines)
    assert _names_and_pages(read_topics(saved)) == EXPECTED


def test_a_plain_list_of_topics_is_read_as_before(tmp_path):
    path = tmp_path / "topics.txt"
    path.write_text("第1章 計画の目的\n第2章 駐輪場の整備\n別添1 路線図（7頁）\n", encoding="utf-8")
    said = []
    assert _names_and_pages(read_topics(path, log=said.append)) == [
        ("第1章 計画の目的", ""), ("第2章 駐輪場の整備", ""), ("別添1 路線図（7頁）", "")]
    assert said == ["topics: topics.txt: 3 topics read (1 with pages)"]  # (QA76: how it was read, one line)


def test_a_run_with_a_pasted_toc_publishes_clean_sections_under_the_right_節(tmp_path):
    toc = tmp_path / "目次.txt"
    toc.write_text(TOC, encoding="utf-8")
    src = write_csv(tmp_path / "comments.csv", ["受付番号", "ご意見"], [
        ["1", "第3章第2節の街路樹の更新について、伐採する前に住民説明会を開いてください。"],
        ["2", "P.15の図の凡例が小さくて読めません。文字を大きくしてください。"],
        ["3", "第2章第1節に書かれた公園の利用者数の調査方法を教えてください。"],
    ])
    out = tmp_path / "out"
    result = invoke("run", src, "--topics", toc, "--out", out, *model_args())
    assert result.exit_code == 0, result.output
    assert "read as a table of contents: 10 topics, 10 with pages" in result.output
    rows = {r["ご意見の概要"][:6]: r["該当箇所"] for r in read_csv_rows(out / "report.csv")}
    assert rows["第3章第2節"] == "第3章第2節 街路樹の保全と更新"  # an opinion citing 第3章第2節 reaches it
    assert rows["P.15の図"].startswith("第3章第1節 公園の再整備")  # P.15: pages 14～17
    assert rows["第2章第1節"] == "第2章第1節 公園の現状"
    for name in ("report.csv", "report.md", "report.html"):
        text = (out / name).read_text(encoding="utf-8-sig")
        assert "…" not in text and "‥" not in text and "・・" not in text and "\t" not in text, name
        assert "目　次" not in text, name


def test_report_html_wraps_long_strings_and_scrolls_the_table_not_the_page(tmp_path):
    url = "https://example.jp/midori/keikaku/" + "a1b2c3d4" * 18 + "?page=35&lang=ja"
    src = write_csv(tmp_path / "comments.csv", ["受付番号", "ご意見"], [
        ["1", f"参考資料：{url} を見てください。公園の木陰を増やしてください。"],
        ["2", "街路樹の剪定の時期を見直してください。"]])
    out = tmp_path / "out"
    result = invoke("run", src, "--out", out, *model_args())
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    style = page.split("<style>")[1].split("</style>")[0]
    assert "overflow-wrap: anywhere" in style and "word-break: break-word" in style
    assert ".table-scroll { overflow-x: auto;" in style and "min-width" in style  # a phone scrolls the table
    body = page.split("</h2>", 1)[1]
    wrapper = '<div class="table-scroll" role="region" aria-labelledby="opinions" tabindex="0">'  # (keyboard scrolls it)
    assert body.index(wrapper) < body.index("<table") < body.index("</table></div>")
    # the accessibility it had stays
    assert '<html lang="ja">' in page and '<table aria-labelledby="opinions"><caption>' in page
    assert '<th scope="col">' in page and '<th scope="row" class="num">' in page


def test_a_cut_answer_is_said_with_its_real_length(tmp_path):
    from cluster.report import ReportRow, write_all
    from test_report_drafts import _model

    long_answer = "公園の再整備では、樹木の保全を基本とし、伐採は必要最小限とします。" * 1300  # 42,900 characters
    model = _model(["confirmed", "confirmed"], final=True)
    model.rows[1] = ReportRow(no=2, section="", summary="公園の木を残してください。", count=1, answer=long_answer,
                              answer_status="confirmed", cluster_id="C002")
    said = []
    write_all(model, tmp_path, log=said.append)
    assert len(said) == 1 and f"({len(long_answer):,} characters)" in said[0], said
    assert "32,767" not in said[0]
