"""A submission whose text only points to an attachment (「別添ファイルのとおり意見を提出します。」) has
status ``attachment`` (QA40): kept in opinions.csv, neither grouped nor counted in 意見総数 nor published
as a row; its submission still counts; the run and the report (draft and --final) name it by id.

All texts are invented for these tests (an imagined 「みどり市 ペットの飼育に関する条例（案）」)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cluster.cli import main
from conftest import write_csv

HEADER = ["受付番号", "提出方法", "該当箇所", "ご意見"]
ROWS = [
    # QA40: two texts that only point to the attachment, under 第7条, beside a real opinion on 第7条
    ["W-1", "電子申請", "第7条", "別添ファイルのとおり意見を提出します。"],
    ["W-2", "電子申請", "第7条", "別添ファイルのとおり意見を提出します。"],
    ["W-3", "電子申請", "第7条", "第7条の罰則（5万円以下の過料）は重すぎます。注意喚起にとどめてください。"],
    ["P-1", "郵送", "", "添付ファイルを参照してください。"],
    ["P-2", "郵送", "", "意見は別紙のとおりです。"],
    ["P-3", "郵送", "", "別紙のとおり、第3条の削除を求めます。"],
    ["W-4", "電子申請", "", "犬の散歩でふんを放置する人への指導を強めてください。"],
    ["W-5", "電子申請", "", "特に意見はありません。"],
]
ATTACHED = {"W-1", "W-2", "P-1", "P-2"}


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def run(tmp_path: Path, rows=ROWS, out="out", *extra) -> tuple[Path, str]:
    path = write_csv(tmp_path / "c.csv", HEADER, rows)
    res = invoke("run", path, "--out", tmp_path / out, "--model", "char-hash", *extra)
    assert res.exit_code == 0, res.output
    return tmp_path / out, res.output


def opinion_rows(out: Path) -> list[dict]:
    with open(out / "opinions.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("text, only", [
    ("別添ファイルのとおり意見を提出します。", True),
    ("添付ファイルを参照してください。", True),
    ("意見は別紙のとおりです。", True),
    ("別添のとおり。", True),
    ("意見はありません。別添のとおり。", True),  # (QA: it was published as an opinion)
    ("第7条について、別添ファイルのとおり意見を提出します。", True),  # names a place, argues nothing
    ("いつもお世話になっております。\n別紙のとおり意見を提出いたします。\nよろしくお願いいたします。", True),
    ("詳細は添付資料をご覧ください。", True),
    ("意見書を添付します。", True),
    ("別紙のとおり、第3条の削除を求めます。", False),  # argues something
    ("第3条の削除に反対です。詳細は別添のとおりです。", False),
    ("別紙のとおり賛成です。", False),
    ("別紙2の指標一覧に生物多様性の指標を追加してください。", False),  # a part of the draft
    ("添付ファイルの3ページ目の図が間違っています。", False),
    ("意見はありません。", False),  # empty, not an attachment
])
def test_a_text_that_only_points_to_an_attachment_is_told(text, only):
    from cluster.normalize import is_attachment_only

    assert is_attachment_only(text) is only


def test_an_attachment_only_opinion_is_kept_out_of_the_grouping(tmp_path):
    out, said = run(tmp_path)
    rows = opinion_rows(out)
    status = {r["comment_id"]: r["status"] for r in rows}
    # every input row is in opinions.csv; the four that only point to an attachment have status attachment
    assert set(status) == {r[0] for r in ROWS}
    assert {c for c, s in status.items() if s == "attachment"} == ATTACHED
    assert all(not r["cluster_id"] for r in rows if r["status"] == "attachment")
    # the opinion that also argues something stays an opinion, grouped and published
    assert status["P-3"] == "ok" and next(r for r in rows if r["comment_id"] == "P-3")["cluster_id"]
    # the row on 第7条 is the real opinion alone (QA40: No.12, 件数 3, with two attachment texts in it)
    with open(out / "report.csv", encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    assert sum(int(r["件数"]) for r in table) == 3
    seventh = next(r for r in table if "罰則" in r["ご意見の概要"])
    assert int(seventh["件数"]) <= 2  # W-3, and P-3 when the grouping puts it there; never the attachments
    assert not any("別添" in r["ご意見の概要"] or "添付ファイル" in r["ご意見の概要"] for r in table)
    with open(out / "clusters.csv", encoding="utf-8-sig", newline="") as f:
        assert sum(int(r["size"]) for r in csv.DictReader(f)) == 3
    # the run names them in one line, and the one that also argues in another
    line = next(x for x in said.splitlines() if "only point" in x)
    assert line.startswith("4 submissions only point to an attachment") and ": W-1, W-2, P-1, P-2;" in line
    also = next(x for x in said.splitlines() if "also points" in x)
    assert also.startswith("1 submission also points to an attachment") and ": P-3;" in also


def test_an_attachment_only_submission_still_counts_as_a_submission(tmp_path):
    out, _ = run(tmp_path)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "提出件数：8件" in report
    assert "提出方法別：郵送 3件、電子申請 5件" in report
    assert "意見総数：3件" in report  # (第7条 and 第3条 are two rows: different articles, QA76)
    assert "意見を含まない提出：1件" in report  # W-5 alone: an attachment holds opinions
    counts = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]
    assert counts["attachment_opinions"] == 4 and counts["status"]["attachment"] == 4
    assert counts["ok_opinions"] == 3 and counts["rows_without_opinions"] == 1


def test_the_draft_names_them_above_its_counts(tmp_path):
    out, _ = run(tmp_path)
    report = (out / "report.md").read_text(encoding="utf-8")
    note = "※添付ファイルを指すだけの提出が4件あります（受付番号 W-1、W-2、P-1、P-2）。"
    assert note in report and report.index(note) < report.index("提出件数：")
    assert "※作業中の案です" in report
    html = (out / "report.html").read_text(encoding="utf-8")
    assert note in html and html.index(note) < html.index("提出件数：")


def test_a_final_report_names_them_too(tmp_path):
    from openpyxl import load_workbook

    out, _ = run(tmp_path, ROWS, "out", "--final")
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "※作業中の案です" not in report
    assert "※添付ファイルを指すだけの提出が4件あります（受付番号 W-1、W-2、P-1、P-2）。" in report
    ws = load_workbook(out / "report.xlsx").active
    assert "添付ファイル" in (ws.oddHeader.center.text or "")
    # typed into the input, they are opinions and the note goes
    typed = [[i, c, s, "第7条の過料は重すぎるので削除してください。" if i in ATTACHED else t] for i, c, s, t in ROWS]
    out, said = run(tmp_path, typed, "typed", "--final")
    assert "添付ファイルを指すだけ" not in (out / "report.md").read_text(encoding="utf-8")
    assert "only point" not in said
    assert not any(r["status"] == "attachment" for r in opinion_rows(out))


def test_a_rerun_keeps_them_and_the_clusters(tmp_path):
    out, _ = run(tmp_path)
    first = {name: (out / name).read_bytes() for name in ("opinions.csv", "clusters.csv", "report.md")}
    _, said = run(tmp_path)
    assert {name: (out / name).read_bytes() for name in first} == first
    assert "4 submissions only point to an attachment" in said
    # a late submission that only points to an attachment moves no cluster and is named
    clusters = {r["opinion_id"]: r["cluster_id"] for r in opinion_rows(out) if r["cluster_id"]}
    _, said = run(tmp_path, ROWS + [["W-6", "電子申請", "", "添付資料をご確認ください。"]])
    rows = opinion_rows(out)
    assert {r["opinion_id"]: r["cluster_id"] for r in rows if r["cluster_id"]} == clusters
    assert next(r for r in rows if r["comment_id"] == "W-6")["status"] == "attachment"
    assert "5 submissions only point to an attachment" in said and "W-6" in said


def test_review_refuses_to_group_them_and_excludes_them(tmp_path):
    out, _ = run(tmp_path)
    cluster = next(r["cluster_id"] for r in opinion_rows(out) if r["comment_id"] == "W-3")
    for args in (("move", out, "W-1-1", cluster), ("cut", out, "W-1-1", "--before", "意見"),
                 ("join", out, "W-1-1", "W-3-1"), ("detach", out, "W-1-1")):
        res = invoke("review", *args)
        assert res.exit_code != 0 and "only points to an attachment" in res.output, (args, res.output)
    # staff who opened the attachment and found no opinion on the draft exclude it (対象外), by opinion
    # or submission id: it is counted apart and no longer named (QA30)
    assert invoke("review", "exclude", out, "W-1-1", "--reason", "添付なし").exit_code == 0
    res = invoke("review", "exclude", out, "P-1")
    assert res.exit_code == 0, res.output
    res = invoke("review", "exclude", out, "P-1-1")
    assert res.exit_code != 0 and "already excluded" in res.output
    _, said = run(tmp_path)
    status = {r["comment_id"]: r["status"] for r in opinion_rows(out)}
    assert status["W-1"] == status["P-1"] == "excluded" and status["W-2"] == status["P-2"] == "attachment"
    assert "2 submissions only point to an attachment (「別添のとおり」): W-2, P-2;" in said
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "※添付ファイルを指すだけの提出が2件あります（受付番号 W-2、P-2）。" in report
    assert "案に対するご意見ではないもの（対象外）：2件" in report and "意見総数：3件" in report


def test_the_new_lines_are_japanese():
    from cluster import review
    from cluster.messages_ja import _ATTACHMENT_WHY, is_known, translate

    assert _ATTACHMENT_WHY == review.ATTACHMENT_WHY
    for line in ["1 submission also points to an attachment (「別紙のとおり、…」): P-3; its own words are counted, what "
                 "the attachment adds is in a file this run does not read",
                 f"error: opinion 'W-1-1' is not in any cluster ({review.ATTACHMENT_WHY}); only clustered opinions "
                 "can be moved or split",
                 f"error: opinion 'W-1-1' has status attachment ({review.ATTACHMENT_WHY}); only opinions with status ok "
                 "can be cut",
                 "opinions that only point to an attachment leave its clusters; the other clusters are kept"]:
        ja = translate(line)
        assert is_known(line) and "添付ファイル" in ja and "attachment (" not in ja, ja
    assert "添付ファイルを指すだけ" in translate("opinion W-1-1 (submission W-1), status attachment, in no cluster")


def test_a_folder_whose_earlier_run_grouped_them_keeps_its_clusters(tmp_path):
    # a run folder written before status attachment (QA40's): W-1 and W-2 were grouped with W-3; the
    # run takes them out of that row and moves nothing else
    out, _ = run(tmp_path)
    rows = opinion_rows(out)
    seventh = next(r["cluster_id"] for r in rows if r["comment_id"] == "W-3")
    for r in rows:
        if r["comment_id"] in ("W-1", "W-2"):
            r["status"], r["cluster_id"] = "ok", seventh
    with open(out / "opinions.csv", "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    clusters = {r["opinion_id"]: r["cluster_id"] for r in rows if r["cluster_id"] and r["comment_id"] not in ("W-1", "W-2")}
    _, said = run(tmp_path)
    assert "opinions that only point to an attachment leave its clusters; the other clusters are kept" in said
    rows = opinion_rows(out)
    assert {r["opinion_id"]: r["cluster_id"] for r in rows if r["cluster_id"]} == clusters
    assert {r["comment_id"] for r in rows if r["status"] == "attachment"} == ATTACHED


def test_the_attachments_text_typed_into_another_file_under_its_id_counts_once(tmp_path):
    """QA42: the attachments' texts typed into a late file under the same ids were new submissions (提出件数
    130 for 127) and counted under the late file's name, the attachment note unchanged. The typed row is now
    the submission, under the attachment row's channel and submitter; the attachment row is not named again."""
    letters = write_csv(tmp_path / "郵送.csv", ["受付番号", "氏名", "ご意見"], [
        ["L-20", "森山一郎", "別添のとおり意見を提出します。"], ["L-21", "北村良子", "駅前の駐輪場を増やしてください。"],
        ["L-22", "東野次郎", "別添ファイルを参照してください。"]])
    late = write_csv(tmp_path / "添付.csv", ["受付番号", "ご意見"], [["L-20", "里山の保全を計画に書いてください。"]])
    result = CliRunner().invoke(main, ["run", str(letters), str(late), "--out", str(tmp_path / "out"),
                                       "--model", "char-hash"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    said = result.output.splitlines()
    line = next(x for x in said if "text typed in another file" in x)
    assert "郵送-L-20 -> 添付-L-20" in line and "counted once" in line
    waiting = next(x for x in said if "only points to an attachment" in x)  # L-22's text is still missing
    assert "郵送-L-22" in waiting and "L-20" not in waiting
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "提出者数：3名（提出件数 3件）" in report  # was 4: the typed row counted again, a submitter unnamed
    assert "提出方法別：郵送 3件\n" in report  # not 「添付 1件」
    assert "意見総数：2件" in report and "里山の保全" in report
    assert "郵送-L-22" in report and "郵送-L-20" not in report  # the note above the counts names L-22 only
    rows = {r["comment_id"]: r for r in csv.DictReader(open(tmp_path / "out" / "opinions.csv", encoding="utf-8-sig"))}
    assert rows["添付-L-20"]["channel"] == "郵送" and rows["添付-L-20"]["status"] == "ok"
    assert rows["郵送-L-20"]["status"] == "attachment"  # kept: every row accounted for


def test_an_attachment_row_is_not_paired_with_a_row_of_a_file_without_ids(tmp_path):
    # a file without an id column numbers its rows: its row 1 is no submission's id
    letters = write_csv(tmp_path / "郵送.csv", ["受付番号", "ご意見"], [
        ["1", "別添のとおり意見を提出します。"], ["2", "駅前の駐輪場を増やしてください。"]])
    cards = write_csv(tmp_path / "会場.csv", ["ご意見"], [["里山の保全を計画に書いてください。"]])
    result = CliRunner().invoke(main, ["run", str(letters), str(cards), "--out", str(tmp_path / "out"),
                                       "--model", "char-hash"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "text typed in another file" not in result.output
    assert "提出件数 3件" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8") or \
        "提出件数：3件" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")