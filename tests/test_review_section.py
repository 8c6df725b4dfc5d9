"""The ``section`` decision: staff correct a row's 該当箇所 (the part of the draft it concerns).

Recorded with `cluster review section`, applied on every run like a label (it names the row's
opinions and follows them through re-runs and merges), shown by `review list` / `review show`,
withdrawn by `review undo`, and read from a changed 該当箇所 cell of worksheet.xlsx.
The comments below were written for these tests (an imagined town's tourism and library plan).
"""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from conftest import cluster_of, invoke, read_csv_rows, run_folder, write_csv

HEADER = ["番号", "ご意見"]
ROWS = [
    ["S1", "観光案内所を駅前に設置してほしい。観光客が迷わないようにしてください。"],
    ["S2", "駅前に観光案内所をつくり、観光客への案内を充実させてください。"],
    ["S3", "図書館の開館時間を夜九時まで延長してほしい。"],
    ["S4", "仕事帰りに使えるよう、図書館の開館時間を夜まで延長してください。"],
    ["S5", "公民館の使用料の値上げは市民の負担が大きいので見直してほしい。"],
    ["S6", "公民館使用料の値上げに反対。市民の負担が増える。"],
]
SECTION = "第4章 観光振興"


def _run_folder(tmp_path, rows):
    """A run of ``rows`` into tmp_path/out: (out, a function running it again, opinion -> cluster)."""
    return run_folder(tmp_path, HEADER, rows)


@pytest.fixture
def project(tmp_path):
    out, run, of = _run_folder(tmp_path, ROWS)
    # the grouping this small input gets, checked once so the tests can rely on it
    assert of["S1-1"] == of["S2-1"] != of["S3-1"] == of["S4-1"] != of["S5-1"] == of["S6-1"]
    return {"out": out, "run": run, "of": of}


def report_rows(out: Path) -> list[str]:
    """The table rows of report.md (lines starting with 「| 」 followed by a number)."""
    return [line for line in (out / "report.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and line[2:3].isdigit()]


def row_about(out: Path, word: str) -> str:
    return next(line for line in report_rows(out) if word in line)


def sections(out: Path) -> dict[str, str]:
    return {r["cluster_id"]: r["section"] for r in read_csv_rows(out / "clusters.csv")}


def test_a_section_is_the_rows_published_section_and_no_others(project):
    out, of = project["out"], project["of"]
    res = invoke("review", "section", out, of["S1-1"], SECTION, "--by", "観光課")
    assert res.exit_code == 0, res.output
    assert "recorded section" in res.output and f"該当箇所 「{SECTION}」" in res.output
    line = json.loads((out / "decisions.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert line["kind"] == "section" and line["value"]["section"] == SECTION and line["by"] == "観光課"
    project["run"]()
    assert SECTION in row_about(out, "観光案内所")
    assert all(SECTION not in row for row in report_rows(out) if "観光案内所" not in row)
    for name in ("report.html", "report.csv"):
        assert SECTION in (out / name).read_text(encoding="utf-8-sig")
    cells = [c.value for row in openpyxl.load_workbook(out / "report.xlsx").active.iter_rows() for c in row]
    assert SECTION in cells
    header = list(read_csv_rows(out / "clusters.csv")[0])  # (department, added later, comes after them)
    assert header[header.index("section"):][:3] == ["section", "report_no", "report_section"]
    assert sections(out) == {c: (SECTION if c == of["S1-1"] else "") for c in sections(out)}
    # the notebook's table of rows shows it too, as the report does (QA29: its 該当箇所 column stayed empty)
    from cluster import review

    shown = review.cluster_table(out).set_index("cluster_id")
    assert shown.loc[of["S1-1"], "topic"] == SECTION


def test_a_section_is_masked_in_the_report(project):
    out, of = project["out"], project["of"]
    assert invoke("review", "section", out, of["S3-1"], "第2章 問合せ090-1234-5678").exit_code == 0
    project["run"]()
    row = row_about(out, "図書館")
    assert "第2章" in row and "090-1234-5678" not in row


def test_a_section_survives_a_rerun_and_follows_its_opinions_after_a_merge(project):
    out, of = project["out"], project["of"]
    assert invoke("review", "section", out, of["S1-1"], SECTION).exit_code == 0
    project["run"]()
    project["run"]()  # a second run: still there
    assert SECTION in row_about(out, "観光案内所")
    now = cluster_of(out)
    res = invoke("review", "merge", out, now["S3-1"], now["S1-1"])
    assert res.exit_code == 0, res.output
    project["run"]()
    merged = cluster_of(out)
    assert merged["S1-1"] == merged["S3-1"]
    assert sections(out)[merged["S1-1"]] == SECTION
    held = [row for row in report_rows(out) if SECTION in row]
    assert len(held) == 1 and "| 4 |" in held[0]  # the merged row, of four opinions


def test_an_empty_section_is_refused_with_one_line(project):
    out, of = project["out"], project["of"]
    res = invoke("review", "section", out, of["S1-1"], "  ")
    assert res.exit_code != 0
    assert len([line for line in res.output.splitlines() if line.strip()]) == 1
    assert "empty" in res.output
    assert not (out / "decisions.jsonl").is_file() or "section" not in (out / "decisions.jsonl").read_text("utf-8")


def test_short_ids_list_show_and_undo(project):
    out, of = project["out"], project["of"]
    cid = of["S1-1"]
    short = "c" + str(int(cid[1:]))
    res = invoke("review", "section", out, short, SECTION)
    assert res.exit_code == 0, res.output
    listed = invoke("review", "list", out)
    assert "section" in listed.output and SECTION in listed.output
    shown = invoke("review", "show", out, cid)
    assert "該当箇所" in shown.output and SECTION in shown.output  # recorded since the run
    project["run"]()
    shown = invoke("review", "show", out, cid)
    assert f"該当箇所: {SECTION} (staff)" in shown.output
    undone = invoke("review", "undo", out)
    assert undone.exit_code == 0, undone.output
    assert "section" in undone.output and SECTION in undone.output
    project["run"]()
    assert all(SECTION not in row for row in report_rows(out))
    assert set(sections(out).values()) == {""}


def test_a_changed_section_cell_of_the_worksheet_is_recorded(project, tmp_path):
    out, of = project["out"], project["of"]
    cid = of["S3-1"]
    wb = openpyxl.load_workbook(out / "worksheet.xlsx")
    ws = wb["回答作成"]
    header = next(row for row in ws.iter_rows() if "cluster_id" in [c.value for c in row])
    col = {c.value: c.column for c in header}
    row = next(r for r in range(header[0].row + 1, ws.max_row + 1) if ws.cell(r, col["cluster_id"]).value == cid)
    ws.cell(row, col["該当箇所"]).value = "第3章 図書館"
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    res = invoke("review", "import", out, edited, "--by", "生涯学習課")
    assert res.exit_code == 0, res.output
    assert "1 section" in res.output
    line = json.loads((out / "decisions.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert line["kind"] == "section" and line["value"]["section"] == "第3章 図書館"
    project["run"]()
    assert "第3章 図書館" in row_about(out, "図書館")
    # the unchanged worksheet of the new run records nothing more
    again = invoke("review", "import", out, out / "worksheet.xlsx")
    assert again.exit_code == 0 and "recorded nothing" in again.output


def test_the_worksheet_shades_the_section_column_as_editable_and_says_so(project):
    out = project["out"]
    ws = openpyxl.load_workbook(out / "worksheet.xlsx")["回答作成"]
    header = next(row for row in ws.iter_rows() if "cluster_id" in [c.value for c in row])
    col = {c.value: c.column for c in header}
    rows = range(header[0].row + 1, ws.max_row + 1)
    assert len(rows) == 3

    def fill(r, name):
        cell = ws.cell(r, col[name])
        return cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None

    for r in rows:
        shaded = fill(r, "ラベル")
        assert shaded is not None
        assert fill(r, "該当箇所") == shaded == fill(r, "考え方") == fill(r, "対応区分")
        assert fill(r, "件数") is None and fill(r, "cluster_id") is None  # not imported: not shaded
    instructions = " ".join(str(c.value) for row in ws.iter_rows(max_row=header[0].row - 1) for c in row if c.value)
    listed = instructions.split("（色付きの列）")[0]
    assert "「該当箇所」" in listed and "「ラベル」" in listed


# ------------------------------------------------------------------ merging rows with sections

GUIDE = "観光案内所を駅前に設置してほしい。観光客が迷わないようにしてください。"
UNEVEN_ROWS = [  # the tourism row: 4 opinions, 2 distinct (3 copies); the library row: 3 distinct
    ["S1", GUIDE], ["S1b", GUIDE], ["S1c", GUIDE],
    ["S2", "駅前に観光案内所をつくり、観光客への案内を充実させてください。"],
    ["S3", "図書館の開館時間を夜九時まで延長してほしい。"],
    ["S4", "仕事帰りに使えるよう、図書館の開館時間を夜まで延長してください。"],
    ["S4b", "図書館の開館時間を延長し、平日の夜も使えるようにしてほしい。"],
    ["S5", "公民館の使用料の値上げは市民の負担が大きいので見直してほしい。"],
    ["S6", "公民館使用料の値上げに反対。市民の負担が増える。"],
]


@pytest.fixture
def uneven(tmp_path):
    out, run, of = _run_folder(tmp_path, UNEVEN_ROWS)
    assert of["S1-1"] == of["S1b-1"] == of["S1c-1"] == of["S2-1"] == "C001"
    assert of["S3-1"] == of["S4-1"] == of["S4b-1"] == "C002" and of["S5-1"] == of["S6-1"] == "C003"
    return {"out": out, "run": run}


def test_a_merge_of_rows_with_different_sections_names_the_one_kept_and_how_to_change_it(project):
    out, of = project["out"], project["of"]
    tourism, library = of["S1-1"], of["S3-1"]
    assert invoke("review", "section", out, tourism, SECTION).exit_code == 0
    assert invoke("review", "section", out, library, "第3章 図書館").exit_code == 0
    res = invoke("review", "merge", out, tourism, library)
    assert res.exit_code == 0, res.output
    note = next(line for line in res.output.splitlines() if "該当箇所" in line and "differ" in line)
    # two opinions each: the section recorded later is the one the merged row keeps
    assert f"{tourism} (該当箇所 「{SECTION}」)" in note and f"{library} (該当箇所 「第3章 図書館」)" in note
    assert f"keeps {library}'s 「第3章 図書館」" in note and "the later on a tie" in note
    assert f"cluster review section {out} {library}" in note
    project["run"]()
    merged = cluster_of(out)
    assert merged["S1-1"] == merged["S3-1"]
    assert sections(out)[merged["S1-1"]] == "第3章 図書館"
    # the command the note gives writes the merged row's section (its id retired or not)
    res = invoke("review", "section", out, library, "第5章 その他")
    assert res.exit_code == 0, res.output
    project["run"]()
    assert sections(out)[cluster_of(out)["S1-1"]] == "第5章 その他"


def test_a_merge_of_rows_with_different_categories_names_the_one_the_run_keeps(project):
    """Two 対応区分 on rows of as many opinions: the run keeps the later one, and the note says so
    (it named the first cluster's, by size alone)."""
    out, of = project["out"], project["of"]
    tourism, library = of["S1-1"], of["S3-1"]
    assert invoke("review", "category", out, tourism, "A").exit_code == 0
    assert invoke("review", "category", out, library, "C").exit_code == 0
    res = invoke("review", "merge", out, tourism, library)
    assert res.exit_code == 0, res.output
    note = next(line for line in res.output.splitlines() if "対応区分" in line and "differ" in line)
    assert f"keeps that of {library}" in note
    project["run"]()
    merged = cluster_of(out)["S1-1"]
    assert {r["cluster_id"]: r["category"] for r in read_csv_rows(out / "clusters.csv")}[merged] == "C"


def test_the_section_naming_more_opinions_is_kept_and_the_same_section_says_nothing(uneven):
    out = uneven["out"]
    assert invoke("review", "section", out, "C001", SECTION).exit_code == 0  # 4 opinions
    assert invoke("review", "section", out, "C002", "第3章 図書館").exit_code == 0  # 3 opinions, later
    res = invoke("review", "merge", out, "C001", "C002")
    assert res.exit_code == 0, res.output
    note = next(line for line in res.output.splitlines() if "differ" in line)
    assert f"keeps C001's 「{SECTION}」" in note and "tie" not in note
    uneven["run"]()
    assert sections(out)[cluster_of(out)["S3-1"]] == SECTION
    # two rows with the same staff section: nothing to choose, no note
    assert invoke("review", "section", out, "C003", SECTION).exit_code == 0
    res = invoke("review", "merge", out, cluster_of(out)["S1-1"], "C003")
    assert res.exit_code == 0, res.output
    assert "differ" not in res.output


def test_a_merge_says_which_id_the_merged_row_will_carry(uneven):
    out = uneven["out"]
    # C001 has more opinions (4) but fewer distinct ones (2) than C002 (3): C002 keeps its id
    res = invoke("review", "merge", out, "C001", "C002")
    assert res.exit_code == 0, res.output
    recorded = next(line for line in res.output.splitlines() if line.startswith("recorded merge"))
    assert "the merged row will be C002 after the next run" in recorded
    assert "C001 is still accepted for it" in recorded
    uneven["run"]()
    of = cluster_of(out)
    assert of["S1-1"] == of["S3-1"] == "C002" and "C001" not in of.values()
    shown = invoke("review", "show", out, "C001")  # the retired id still names the merged row
    assert shown.exit_code == 0 and "C002" in shown.output


def test_a_merge_of_as_many_distinct_opinions_says_how_the_id_is_chosen(uneven):
    out = uneven["out"]
    res = invoke("review", "merge", out, "C001", "C003")  # 2 distinct opinions each
    assert res.exit_code == 0, res.output
    recorded = next(line for line in res.output.splitlines() if line.startswith("recorded merge"))
    assert "the merged row will be C001 or C003 after the next run" in recorded
    assert "2 distinct opinions each" in recorded and "either id is still accepted" in recorded
    uneven["run"]()
    of = cluster_of(out)
    assert of["S1-1"] == of["S5-1"] in ("C001", "C003")


def test_a_merge_after_a_move_not_yet_applied_names_no_id(uneven):
    out = uneven["out"]
    assert invoke("review", "move", out, "S4b-1", "C001").exit_code == 0  # C001 would have 3 distinct, C002 2
    res = invoke("review", "merge", out, "C001", "C002")
    assert res.exit_code == 0, res.output
    recorded = next(line for line in res.output.splitlines() if line.startswith("recorded merge"))
    assert "will be C00" not in recorded
    assert "whichever of C001 and C002 has the most distinct opinions" in recorded and "decision 1" in recorded


# ------------------------------------------------------------------ --order section

DRAFT_ROWS = [
    ["P1", "図書館の開館時間を夜九時まで延長してほしい。"],
    ["P2", "仕事帰りに使えるよう、図書館の開館時間を夜まで延長してください。"],
    ["Q1", "公園の遊具が古いので新しくしてほしい。"],
    ["Q2", "公園の古い遊具を点検して、新しい遊具に交換してください。"],
    ["R1", "駅前の駐輪場が足りないので増やしてほしい。"],
    ["R2", "駅前の駐輪場が足りません。駐輪場を増設してください。"],
]


def test_order_section_puts_a_row_under_the_section_staff_wrote(tmp_path, topics_csv):
    comments = write_csv(tmp_path / "comments.csv", HEADER, DRAFT_ROWS)
    out = tmp_path / "out"

    def run_and_order():
        res = invoke("run", comments, "--out", out, "--model", "char-hash", "--topics", topics_csv,
                     "--order", "section")
        assert res.exit_code == 0, res.output
        words = {"開館時間": "library", "遊具": "park", "駐輪場": "station"}  # not in a section
        return [next(name for word, name in words.items() if word in row) for row in report_rows(out)]

    assert run_and_order() == ["library", "park", "station"]  # 第1章, 第2章, 第3章 as the run finds them
    of = cluster_of(out)
    station, library = of["R1-1"], of["P1-1"]
    assert invoke("review", "section", out, station, "第1章 図書館の整備").exit_code == 0
    assert run_and_order() == ["library", "station", "park"]
    # a chapter cited in kanji numerals places the row under that chapter's topic (the rows of one
    # section keep their order)
    assert invoke("review", "section", out, library, "第二章").exit_code == 0
    assert run_and_order() == ["station", "library", "park"]
    assert "| 第二章 |" in row_about(out, "開館時間")  # published as written
    # a section that names no topic of the draft: with the rows without one, last
    assert invoke("review", "section", out, station, "計画全般").exit_code == 0
    assert run_and_order() == ["library", "park", "station"]


def test_the_topic_a_staff_section_names():
    from cluster.report import section_topic

    topics = ["第1章 計画の概要", "第4章 観光振興", "第5章1 子育て支援", "第5章2 高齢者福祉", "別紙2 指標一覧"]
    assert section_topic("第４章　観光振興（12頁）", topics) == "第4章 観光振興"
    assert section_topic("第四章の観光について", topics) == "第4章 観光振興"
    assert section_topic("第5章2", topics) == "第5章2 高齢者福祉"
    assert section_topic("第5章", topics) == "第5章1 子育て支援"  # the chapter's first part
    assert section_topic("別紙2の指標", topics) == "別紙2 指標一覧"
    assert section_topic("計画全般", topics) == "" and section_topic("第4章", []) == ""
