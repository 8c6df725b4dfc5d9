"""QA48: run folders, decisions and worksheets an older version of the tool wrote, run on by this one.

An older version cut some letters otherwise (「拝啓」 and a signature line stayed in the opinion),
read 「意見はありません。」 as an opinion, let one exact copy be detached alone, and wrote worksheets
whose hidden sheet says nothing of 該当箇所, 対応区分 or 担当課. Each test writes such a folder's
files itself (opinions.csv rows, run.json, decisions.jsonl lines as the older version wrote them)
over a run of this version, then runs again and checks what the run does and says.

The comments were written for these tests (an imagined town's plan for its public facilities).
"""
from __future__ import annotations

import csv
import json
import re

from conftest import cluster_of, invoke, read_csv_rows, write_csv

HEADER = ["受付番号", "提出方法", "氏名", "ご意見"]
STREET_TREES = "商店街の街路樹を伐採しないでください。夏の日陰がなくなり、買い物客が歩けなくなります。"
POOL = "市民プールの利用料金を据え置いてください。子ども連れの家族には負担が大きすぎます。"
BUS = "バス路線の減便に反対します。通院に使っている高齢者が困ります。"
ROWS = [
    ["T-001", "電子メール", "", "中央図書館の開館時間を夜9時まで延長してください。仕事帰りに立ち寄れるようにしてほしいです。"],
    ["T-002", "郵送", "", f"拝啓\n{POOL}\n敬具"],
    ["T-003", "電子メール", "", "駅前の駐輪場を増やしてください。朝はいつも満車で停められません。"],
    ["T-004", "FAX", "", "公園のトイレを洋式に改修してください。高齢者には和式は使いにくいです。"],
    ["T-005", "電子メール", "", "意見はありません。"],
    ["T-006", "郵送", "", f"{BUS}\n\n北町三丁目　山本"],
] + [[f"T-{7 + k:03d}", "電子メール", "", STREET_TREES] for k in range(6)] + [
    ["T-013", "電子メール", "", STREET_TREES.replace("歩けなくなります", "歩けなくなってしまいます")],  # a near copy
]


def fingerprint(text: str) -> str:
    from cluster.decisions import text_fingerprint

    return text_fingerprint(text)


def first_run(tmp_path, *extra):
    comments = write_csv(tmp_path / "comments.csv", HEADER, ROWS)
    out = tmp_path / "out"

    def run(*more):
        res = invoke("run", comments, "--out", out, "--model", "char-hash", *more)
        assert res.exit_code == 0, res.output
        return res

    run(*extra)  # (later runs are given only what the test passes them)
    return out, run


def rewrite_opinions(out, change) -> None:
    """opinions.csv as an older version wrote it: ``change(rows)`` returns the rows."""
    path = out / "opinions.csv"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    rows = change(rows)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def older_run_json(out, decisions_read: int) -> None:
    """run.json as an older version left it: no build recorded, ``decisions_read`` lines applied."""
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    info["versions"].pop("build", None)
    info["decisions"] = {"recorded": decisions_read, "applied": decisions_read, "not_applied": 0}
    info.pop("decision_notes", None)
    (out / "run.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")


def write_decisions(out, lines) -> None:
    with open(out / "decisions.jsonl", "w", encoding="utf-8") as fh:
        for n, (kind, ids, value) in enumerate(lines, 1):
            fh.write(json.dumps({"id": f"old{n:09d}", "kind": kind, "opinion_ids": ids, "value": value,
                                 "by": "企画課", "at": "2026-01-20T10:00:00+00:00"}, ensure_ascii=False) + "\n")


def row(rows, oid):
    return next(r for r in rows if r["opinion_id"] == oid)


def test_decisions_follow_opinions_the_splitter_now_cuts_apart_from_a_greeting_or_signature(tmp_path):
    out, run = first_run(tmp_path)
    before = cluster_of(out)
    old_pool, old_bus = f"拝啓\n{POOL}", f"{BUS}\n\n北町三丁目　山本"

    def older_cutting(rows):
        # the older version: 「拝啓」 inside T-002's opinion (T-002-1), 「敬具」 its row 2; T-006's signature in it
        pool = dict(row(rows, "T-002-2"), opinion_id="T-002-1", index="1", start="0", text=old_pool)
        closing = dict(row(rows, "T-002-3"), opinion_id="T-002-2", index="2")
        bus = dict(row(rows, "T-006-1"), text=old_bus, end=str(len(old_bus)))
        kept = [r for r in rows if r["opinion_id"] not in ("T-002-1", "T-002-2", "T-002-3", "T-006-1", "T-006-2")]
        return kept + [pool, closing, bus]

    rewrite_opinions(out, older_cutting)
    older_run_json(out, 2)
    write_decisions(out, [
        ("move", ["T-002-1"], {"target": ["T-003-1"], "cluster": before["T-003-1"],
                               "fingerprints": {"T-002-1": fingerprint(old_pool), "T-003-1": fingerprint(ROWS[2][3])}}),
        ("move", ["T-006-1"], {"target": ["T-001-1"], "cluster": before["T-001-1"],
                               "fingerprints": {"T-006-1": fingerprint(old_bus), "T-001-1": fingerprint(ROWS[0][3])}}),
    ])
    res = run()
    now = cluster_of(out)
    assert now["T-002-2"] == now["T-003-1"]  # the moved letter follows its opinion to its id now
    assert now["T-006-1"] == now["T-001-1"]
    assert "T-002-1 → T-002-2: the tool now cuts its submission differently" in res.output
    assert "T-006-1: the tool now cuts its submission differently" in res.output
    assert "2 applied" in res.output
    assert "its opinions are gone" not in res.output
    assert "earlier opinions changed in the input" not in res.output  # the input did not change
    assert "late comments" not in res.output
    assert "the tool now cuts 2 earlier opinions differently" in res.output
    # the next run applies them without a word about the cutting
    res = run()
    assert "cuts" not in res.output and "2 applied" in res.output
    assert cluster_of(out)["T-002-2"] == cluster_of(out)["T-003-1"]


def test_an_older_detach_of_one_exact_copy_is_not_widened_to_the_other_copies(tmp_path):
    out, run = first_run(tmp_path)
    copies = [f"T-{7 + k:03d}-1" for k in range(6)]
    group = row(read_csv_rows(out / "opinions.csv"), "T-007-1")["duplicate_group"]
    size = int(row(read_csv_rows(out / "opinions.csv"), "T-007-1")["duplicate_count"])
    assert group and size == 7  # six exact copies and one near copy

    def detached_alone(rows):  # the older version took T-007-1 out alone (it read it as a near copy)
        for r in rows:
            if r["duplicate_group"] == group:
                r["duplicate_count"] = str(size - 1)
        r = row(rows, "T-007-1")
        r["duplicate_group"], r["duplicate_count"] = "", "1"
        return rows

    rewrite_opinions(out, detached_alone)
    older_run_json(out, 1)
    write_decisions(out, [("detach", ["T-007-1"], {"fingerprints": {"T-007-1": fingerprint(STREET_TREES)}})])
    res = run()
    rows = read_csv_rows(out / "opinions.csv")
    # not silently widened: every copy stays in the campaign's group, counted as before
    assert {row(rows, c)["duplicate_count"] for c in copies} == {str(size)}
    assert len({row(rows, c)["duplicate_group"] for c in copies}) == 1
    line = next(x for x in res.output.splitlines() if x.startswith("decision 1 "))
    assert "no longer applies: T-007-1 is now an exact copy of T-008-1" in line
    assert f"`cluster review detach {out} T-007-1 T-008-1 T-009-1 T-010-1 T-011-1 T-012-1`" in line
    assert "taken out of their duplicate group" not in res.output
    # a second run still says so (a decision the last run did not apply is not widened on the next one)
    res = run()
    assert "decision 1 (detach by 企画課, 2026-01-20T10:00:00+00:00) no longer applies" in res.output
    assert {row(read_csv_rows(out / "opinions.csv"), c)["duplicate_count"] for c in copies} == {str(size)}
    # the command the line gives is accepted, and takes the six out together (the near copy stays)
    res = invoke("review", "detach", out, *copies)
    assert res.exit_code == 0, res.output
    run()
    rows = read_csv_rows(out / "opinions.csv")
    assert {row(rows, c)["duplicate_count"] for c in copies} == {"6"}
    assert row(rows, "T-013-1")["duplicate_count"] == "1"


def test_an_older_exclusion_of_a_row_now_read_as_empty_is_said_to_be_no_longer_needed(tmp_path):
    out, run = first_run(tmp_path)

    def read_as_opinion(rows):  # the older version read 「意見はありません。」 as an opinion, excluded by staff
        r = row(rows, "T-005-1")
        r["status"] = "excluded"
        return rows

    rewrite_opinions(out, read_as_opinion)
    older_run_json(out, 1)
    write_decisions(out, [("exclude", ["T-005-1"], {"reason": "意見なし",
                                                    "fingerprints": {"T-005-1": fingerprint("意見はありません。")}})])
    res = run()
    line = next(x for x in res.output.splitlines() if x.startswith("decision 1 "))
    assert "it is no longer needed: the tool now reads T-005-1 as having no opinion (status empty" in line
    assert "its opinions are gone" not in res.output
    assert row(read_csv_rows(out / "opinions.csv"), "T-005-1")["status"] == "empty"
    ja = invoke("run", tmp_path / "comments.csv", "--out", out, "--model", "char-hash", "--lang", "ja").output
    assert "もう必要ありません" in ja and "意見のない行" in ja


def test_an_earlier_opinion_now_read_as_empty_is_not_blamed_on_the_input(tmp_path):
    out, run = first_run(tmp_path)
    cid = cluster_of(out)["T-004-1"]

    def read_as_opinion(rows):
        r = row(rows, "T-005-1")
        r["status"], r["cluster_id"] = "ok", cid
        return rows

    rewrite_opinions(out, read_as_opinion)
    res = run()
    assert "earlier opinions changed in the input" not in res.output
    assert "the tool now reads 1 earlier opinion as having no opinion" in res.output
    assert "T-005-1" in res.output


def test_categories_kept_from_the_third_run_on_are_not_quoted_as_a_file(tmp_path):
    categories = tmp_path / "区分.txt"
    categories.write_text("ア,意見を反映し計画を修正するもの\nイ,既に計画に盛り込まれているもの\nウ,今後の参考とするもの\n",
                          encoding="utf-8")
    out, run = first_run(tmp_path, "--categories", categories)
    assert "--categories " + str(categories) in run().output  # the second run names the file
    for lang in ("en", "ja"):
        said = run("--lang", lang).output
        line = next(x for x in said.splitlines() if "--categories" in x)
        assert "--categories (ア、イ、ウ)" in line, line
        assert "'" not in line, line


def test_an_earlier_no_split_run_is_named_with_how_to_keep_it_and_ids_are_not_blamed(tmp_path):
    out, _ = first_run(tmp_path, "--no-split")
    write_decisions(out, [("summary", ["T-006-1"], {"summary": "バスの減便に反対", "cluster": cluster_of(out)["T-006-1"],
                                                    "fingerprints": {"T-006-1": fingerprint(BUS)}})])
    res = invoke("run", tmp_path / "comments.csv", "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "the earlier run used --no-split, this one does not; give --no-split again to keep them" in res.output
    assert "the input's ids or row order changed" not in res.output
    ja = invoke("run", tmp_path / "comments.csv", "--out", out, "--model", "char-hash", "--no-split",
                "--lang", "ja").output
    assert "今回は --no-split を使っていますが、前回は使っていません" in ja


def test_run_json_records_the_build_and_a_folder_of_another_build_is_named(tmp_path):
    out, run = first_run(tmp_path)
    build = json.loads((out / "run.json").read_text(encoding="utf-8"))["versions"]["build"]
    assert re.fullmatch(r"[0-9a-f]{12}", build)
    res = run()
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["versions"]["build"] == build
    assert "another build" not in res.output  # the same build: nothing said
    older_run_json(out, 0)
    res = run()
    assert ("the earlier run in" in res.output and "was written by another build of the tool (an older version, "
            f"which recorded no build; this one is build {build})" in res.output)


def test_an_older_worksheet_names_the_cells_it_cannot_read(tmp_path):
    import openpyxl

    out, run = first_run(tmp_path)
    path = tmp_path / "older.xlsx"
    wb = openpyxl.load_workbook(out / "worksheet.xlsx")
    hidden = wb["_import"]
    for r in range(hidden.max_row, 0, -1):  # an older version's hidden sheet: no 該当箇所, 対応区分, 担当課
        if hidden.cell(r, 1).value in ("section", "category", "department"):
            hidden.delete_rows(r)
    ws = wb["回答作成"]
    header_row = next(r for r in range(1, 10) if ws.cell(r, 2).value == "cluster_id")
    col = {ws.cell(header_row, c).value: c for c in range(1, ws.max_column + 1)}
    ws.cell(header_row + 1, col["該当箇所"]).value = "第2章 公園"
    ws.cell(header_row + 1, col["担当課"]).value = "公園緑地課"
    cid = ws.cell(header_row + 1, col["cluster_id"]).value
    wb.save(path)
    res = invoke("review", "import", out, path, "--dry-run")
    assert res.exit_code == 0, res.output
    assert f"column 該当箇所: this worksheet (written by an older version) does not say what it showed there" in res.output
    assert f"({cid}) 「第2章 公園」" in res.output
    assert f"`cluster review section {out} {cid} '第2章 公園'`" in res.output
    assert "column 担当課:" in res.output and "公園緑地課" in res.output
