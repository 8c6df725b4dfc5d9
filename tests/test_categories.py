"""対応区分: staff class each row (案を修正 / 既に盛り込み済み / 参考 / 反映しない / その他), the report
shows the class in its last column and counts rows and opinions per class above the table.

The comments were written for these tests (an imagined plan for a town's libraries).
"""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from conftest import LIBRARY_HEADER, LIBRARY_ROWS, cluster_of, invoke, read_csv_rows, write_csv
from cluster.categories import DEFAULT_CATEGORIES, find_category, parse_categories, read_categories
from cluster.io import InputError

HEADER, ROWS = LIBRARY_HEADER, LIBRARY_ROWS


def run(tmp_path, *extra, rows=ROWS):
    path = write_csv(tmp_path / "comments.csv", HEADER, rows)
    res = invoke("run", path, "--out", tmp_path / "out", "--model", "char-hash", *extra)
    assert res.exit_code == 0, res.output
    return res


def report_rows(out):
    return read_csv_rows(out / "report.csv")



# ------------------------------------------------------------------ the scheme


def test_a_value_is_found_by_code_dropdown_text_name_or_a_word_only_one_name_holds():
    assert find_category("ａ", DEFAULT_CATEGORIES).code == "A"  # full-width, lower case
    assert find_category("B：ご意見の趣旨が既に案に盛り込まれているもの", DEFAULT_CATEGORIES).code == "B"
    assert find_category("今後の取組の参考とするもの", DEFAULT_CATEGORIES).code == "C"
    assert find_category("参考", DEFAULT_CATEGORIES).code == "C"
    assert find_category("修正", DEFAULT_CATEGORIES).code == "A"
    assert find_category("参考にする", DEFAULT_CATEGORIES).code == "C"  # the word with a verb after it
    assert find_category("その他", DEFAULT_CATEGORIES).code == "E"


def test_a_code_given_with_another_categorys_name_is_refused():
    # a dropdown value edited by hand: the code says A, the name says D (QA: recorded as A, the opposite)
    with pytest.raises(InputError, match="gives the code A .* with the name of D"):
        find_category("A：案に反映しなかったもの", DEFAULT_CATEGORIES)
    assert find_category("A：ご意見を踏まえ", DEFAULT_CATEGORIES).code == "A"  # its own name, shortened
    assert find_category("C 参考", DEFAULT_CATEGORIES).code == "C"


def test_a_word_a_name_negates_or_several_names_hold_is_refused_with_the_choices():
    # 「反映」 would be read as D (案に反映しなかったもの), the opposite of what staff mean
    with pytest.raises(InputError, match="only in D：案に反映しなかったもの, which says the opposite.*A：ご意見を踏まえ"):
        find_category("反映", DEFAULT_CATEGORIES)
    with pytest.raises(InputError, match="only in D"):
        find_category("反映する", DEFAULT_CATEGORIES)
    with pytest.raises(InputError, match="more than one category"):
        find_category("意見", DEFAULT_CATEGORIES)  # in A and B
    for word in ("もの", "その"):  # no kanji or katakana: names no category (「その」 is in E's 「その他」)
        with pytest.raises(InputError, match="not one of this run's categories"):
            find_category(word, DEFAULT_CATEGORIES)
    with pytest.raises(InputError, match="empty"):
        find_category("　", DEFAULT_CATEGORIES)


def test_an_offices_own_categories_are_read_from_lines_in_several_forms():
    found = parse_categories(["記号,区分", "ア,意見を反映し修正するもの", "イ　既に盛り込まれているもの",
                              "ウ：参考とするもの", "", "# コメント行", "エ"])
    assert [(c.code, c.name) for c in found] == [("ア", "意見を反映し修正するもの"), ("イ", "既に盛り込まれているもの"),
                                                 ("ウ", "参考とするもの"), ("エ", "")]
    with pytest.raises(InputError, match="line 2.*also on line 1"):
        parse_categories(["A,修正", "a,参考"])
    with pytest.raises(InputError, match="no short code"):
        parse_categories(["意見を踏まえて案を修正したもの"])
    with pytest.raises(InputError, match="no categories"):
        parse_categories(["", "# なし"])


def test_a_categories_file_in_cp932_is_read(tmp_path):
    path = tmp_path / "区分.txt"
    path.write_bytes("A　計画に反映する\r\nB　今後の参考とする\r\n".encode("cp932"))
    assert [c.code for c in read_categories(path)] == ["A", "B"]
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match="not a text file"):
        read_categories(binary)


# ------------------------------------------------------------------ recorded, re-applied, published


def test_a_category_recorded_for_a_row_is_published_and_counted_and_survives_a_regroup(tmp_path):
    out = tmp_path / "out"
    run(tmp_path)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "対応区分" not in report  # nothing classed: the published table is unchanged
    of = cluster_of(out)
    res = invoke("review", "category", out, of["L1-1"], "参考")
    assert res.exit_code == 0, res.output
    assert "対応区分 C 今後の取組の参考とするもの" in res.output
    assert invoke("review", "category", out, of["L6-1"], "A").exit_code == 0
    run(tmp_path, "--seed", "3")  # another grouping: the decisions name the opinions
    clusters = {r["cluster_id"]: r for r in read_csv_rows(out / "clusters.csv")}
    of = cluster_of(out)
    assert clusters[of["L1-1"]]["category"] == "C"
    assert clusters[of["L6-1"]]["category"] == "A"
    classed = [r for r in report_rows(out) if r["対応区分"]]
    assert sorted(r["対応区分"] for r in classed) == ["A", "C"]
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| 考え方 | 対応区分 |" in report
    size_c = int(clusters[of["L1-1"]]["size"])
    assert f"対応区分C　今後の取組の参考とするもの：1項目（意見 {size_c}件）" in report
    # a class without rows is counted only once every row has a class (QA41: 0 says nothing before)
    assert "対応区分B　ご意見の趣旨が既に案に盛り込まれているもの" not in report
    unclassed = len(clusters) - 2
    assert f"対応区分未記入：{unclassed}項目" in report
    assert f"※対応区分が未記入の項目が{unclassed}件あります" in report
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<th scope="col">対応区分</th>' in html and '<td class="category">C</td>' in html
    sheet = load_workbook(out / "report.xlsx").active
    header = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "No.")
    assert header[-1] == "対応区分" and header[-2] == "考え方"


def test_a_value_that_is_no_category_records_nothing(tmp_path):
    out = tmp_path / "out"
    run(tmp_path)
    res = invoke("review", "category", out, cluster_of(out)["L1-1"], "反映")
    assert res.exit_code != 0
    assert res.output.strip().count("\n") == 0 and "one of: A：" in res.output
    assert "Traceback" not in res.output
    assert not (out / "decisions.jsonl").exists() or (out / "decisions.jsonl").read_text("utf-8").strip() == ""


def test_the_offices_own_categories_are_kept_with_the_run_and_checked(tmp_path):
    out = tmp_path / "out"
    scheme = tmp_path / "categories.csv"
    scheme.write_text("ア,意見を反映し計画を修正するもの\nイ,計画に盛り込み済みのもの\nウ,今後の参考とするもの\n",
                      encoding="utf-8")
    run(tmp_path, "--categories", scheme)
    info = json.loads((out / "run.json").read_text("utf-8"))
    assert info["categories"][0] == ["ア", "意見を反映し計画を修正するもの"]
    of = cluster_of(out)
    assert invoke("review", "category", out, of["L4-1"], "C").exit_code != 0  # the default codes are not this run's
    assert invoke("review", "category", out, of["L4-1"], "ｳ").exit_code == 0  # half-width katakana: ウ
    run(tmp_path, "--categories", scheme)
    assert "対応区分ウ　今後の参考とするもの：1項目" in (out / "report.md").read_text("utf-8")
    # the office changes its list: a recorded code it no longer has is shown as recorded, and said
    scheme.write_text("A,修正\nB,参考\n", encoding="utf-8")
    res = run(tmp_path, "--categories", scheme)
    assert f"対応区分 of 1 row not among this run's categories, shown as recorded: {of['L4-1']} (ウ)" in res.output
    assert [r["対応区分"] for r in report_rows(out) if r["対応区分"]] == ["ウ"]


def test_a_missing_or_broken_categories_file_stops_the_run_before_anything_is_written(tmp_path):
    path = write_csv(tmp_path / "comments.csv", HEADER, ROWS)
    res = invoke("run", path, "--out", tmp_path / "out", "--model", "char-hash", "--categories", tmp_path / "none.txt")
    assert res.exit_code != 0 and "file not found (--categories)" in res.output
    bad = tmp_path / "bad.txt"
    bad.write_text("A,修正\nA,参考\n", encoding="utf-8")
    res = invoke("run", path, "--out", tmp_path / "out", "--model", "char-hash", "--categories", bad)
    assert res.exit_code != 0 and "also on line 1" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "out" / "report.md").exists()


# ------------------------------------------------------------------ the worksheet


def _worksheet_cells(path):
    book = load_workbook(path)
    sheet = book["回答作成"]
    header = next(r for r in sheet.iter_rows() if "cluster_id" in [c.value for c in r])
    cols = {c.value: c.column for c in header}
    rows = {sheet.cell(r, cols["cluster_id"]).value: r for r in range(header[0].row + 1, sheet.max_row + 1)}
    return book, sheet, cols, rows


def test_the_worksheet_offers_the_categories_and_its_choices_are_imported(tmp_path):
    out = tmp_path / "out"
    run(tmp_path)
    of = cluster_of(out)
    book, sheet, cols, rows = _worksheet_cells(out / "worksheet.xlsx")
    rule = sheet.data_validations.dataValidation[0]
    assert "C：今後の取組の参考とするもの" in rule.formula1
    sheet.cell(rows[of["L1-1"]], cols["対応区分"]).value = "C：今後の取組の参考とするもの"  # from the dropdown
    sheet.cell(rows[of["L4-1"]], cols["対応区分"]).value = "既に案に盛り込まれている"  # typed by hand
    book.save(tmp_path / "filled.xlsx")
    res = invoke("review", "import", out, tmp_path / "filled.xlsx")
    assert res.exit_code == 0, res.output
    assert "recorded 2 categories (対応区分)" in res.output
    run(tmp_path)
    clusters = {r["cluster_id"]: r["category"] for r in read_csv_rows(out / "clusters.csv")}
    of = cluster_of(out)
    assert clusters[of["L1-1"]] == "C" and clusters[of["L4-1"]] == "B"
    # the next worksheet shows them; importing it unchanged records nothing
    book, sheet, cols, rows = _worksheet_cells(out / "worksheet.xlsx")
    assert sheet.cell(rows[of["L4-1"]], cols["対応区分"]).value == "B：ご意見の趣旨が既に案に盛り込まれているもの"
    res = invoke("review", "import", out, out / "worksheet.xlsx")
    assert "recorded nothing" in res.output


def test_a_worksheet_value_that_is_no_category_stops_the_import_naming_the_row(tmp_path):
    out = tmp_path / "out"
    run(tmp_path)
    of = cluster_of(out)
    book, sheet, cols, rows = _worksheet_cells(out / "worksheet.xlsx")
    sheet.cell(rows[of["L1-1"]], cols["考え方"]).value = "東分館は存続させる方針です。"
    sheet.cell(rows[of["L6-1"]], cols["対応区分"]).value = "検討中"
    book.save(tmp_path / "filled.xlsx")
    res = invoke("review", "import", out, tmp_path / "filled.xlsx")
    assert res.exit_code != 0
    assert f"row {rows[of['L6-1']]} ({of['L6-1']}), column 対応区分" in res.output and "検討中" in res.output
    # two such cells: both named at once, so the department fixes them in one go
    sheet.cell(rows[of["L8-1"]], cols["対応区分"]).value = "対象外"
    book.save(tmp_path / "filled.xlsx")
    res = invoke("review", "import", out, tmp_path / "filled.xlsx")
    assert res.exit_code != 0 and "2 cells of column 対応区分 name no category" in res.output
    assert "検討中" in res.output and "対象外" in res.output and res.output.strip().count("\n") == 0
    assert not (out / "decisions.jsonl").exists() or (out / "decisions.jsonl").read_text("utf-8").strip() == ""


def test_review_show_names_the_category_and_a_short_cluster_id_is_taken(tmp_path):
    out = tmp_path / "out"
    run(tmp_path)
    cid = cluster_of(out)["L1-1"]
    short = "c" + str(int(cid[1:]))  # 「c1」 for C001, as staff type it
    res = invoke("review", "category", out, short, "C")
    assert res.exit_code == 0, res.output
    assert f"recorded category for {cid} (" in res.output
    assert invoke("review", "category", out, cid, "A").exit_code == 0  # replaces it
    shown = invoke("review", "show", out, cid).output
    assert "対応区分: (none); decision 2, recorded since the run, makes it 「A ご意見を踏まえ案を修正したもの」" in shown
    run(tmp_path)
    info = json.loads((out / "run.json").read_text("utf-8"))
    assert info["decisions"]["recorded"] == 2  # the replaced one is counted among the recorded
    shown = invoke("review", "show", out, cid).output
    assert "対応区分: A ご意見を踏まえ案を修正したもの\n" in shown and "recorded since the run" not in shown


def test_a_re_run_without_the_report_options_keeps_those_of_the_earlier_run(tmp_path):
    # QA: a --final re-run typed without them published the default classes, 考え方 and the file's name
    out = tmp_path / "out"
    scheme = tmp_path / "categories.txt"
    scheme.write_text("ア　意見を反映し計画を修正するもの\nイ　今後の参考とするもの\n", encoding="utf-8")
    run(tmp_path, "--categories", scheme, "--title", "みどり町図書館計画（案）への意見募集の結果",
        "--answer-heading", "町の考え方", "--period", "令和8年6月1日～6月30日")
    assert invoke("review", "category", out, cluster_of(out)["L1-1"], "イ").exit_code == 0
    scheme.unlink()  # the file is gone: the run folder remembers the classes
    res = run(tmp_path, "--final")
    assert "kept from the earlier run in" in res.output and "--answer-heading 町の考え方" in res.output
    report = (out / "report.md").read_text("utf-8")
    assert report.startswith("# みどり町図書館計画（案）への意見募集の結果")
    assert "意見募集期間：令和8年6月1日～6月30日" in report and "| 町の考え方 | 対応区分 |" in report
    assert "対応区分イ　今後の参考とするもの：1項目" in report and "対応区分A" not in report
    # an option given again changes it
    run(tmp_path, "--answer-heading", "考え方")
    assert "| 考え方 | 対応区分 |" in (out / "report.md").read_text("utf-8")


def test_a_re_run_without_the_past_answers_says_so(tmp_path):
    out = tmp_path / "out"
    past = tmp_path / "past.csv"
    past.write_text("No.,ご意見の概要,市の考え方\n1,図書館の開館時間を延長してほしい。,夜8時までの延長を検討します。\n",
                    encoding="utf-8-sig")
    run(tmp_path, "--answers", past)
    res = run(tmp_path)
    assert "the earlier run in" in res.output and "used --answers, this one does not" in res.output


def test_a_late_opinion_joining_a_classed_row_is_named(tmp_path):
    # QA: a late e-mail joined a row classed イ, which grew from 10 to 11 opinions without a word
    out = tmp_path / "out"

    def run_default(rows):  # the shipped model: it groups the late paraphrase with 東分館's row
        res = invoke("run", write_csv(tmp_path / "comments.csv", HEADER, rows), "--out", out)
        assert res.exit_code == 0, res.output
        return res

    run_default(ROWS)
    cid = cluster_of(out)["L1-1"]
    assert invoke("review", "category", out, cid, "C").exit_code == 0
    run_default(ROWS)
    res = run_default(ROWS + [["L9", "東分館の廃止には反対です。"]])
    assert cluster_of(out)["L9-1"] == cid
    assert f"late comments: 1 new distinct opinion: 1 joined earlier clusters ({cid})" in res.output
    assert f"note: 1 late opinion joined {cid}, which has 対応区分 C from before they came" in res.output
    row = next(r for r in report_rows(out) if r["対応区分"] == "C")
    assert row["対応区分の内容"] == "今後の取組の参考とするもの"


def test_late_notes_on_many_classed_rows_are_folded_after_five(tmp_path):
    out = tmp_path / "out"
    run(tmp_path)
    clusters = sorted(set(cluster_of(out).values()))
    assert len(clusters) > 5
    for cid in clusters:
        assert invoke("review", "category", out, cid, "C").exit_code == 0
    run(tmp_path)
    # a late near copy of each letter (a new text in its duplicate group): every classed row takes one
    res = run(tmp_path, rows=ROWS + [[f"M{k}", text + "よろしくお願いします。"] for k, (_, text) in enumerate(ROWS)])
    notes = [x for x in res.output.splitlines() if x.startswith("note: ") and "late opinion" in x]
    assert len(notes) == 6 and notes[-1].startswith(f"note: late opinions also joined {len(clusters) - 5} more rows")
