"""Several input files read as one consultation (one per channel: the web form's export, the
letters typed in by staff, an event's comment cards). QA: a prefecture had to merge three files
by hand, and the merge lost the channels.

The comments were written for these tests (an imagined prefecture's bus plan).
"""
from __future__ import annotations

import json

from cluster.io import read_table
from conftest import invoke, read_csv_rows, write_csv, write_workbook

CAMPAIGN = "みどり台線の廃止に反対します。通院や買い物に欠かせない路線です。現行のまま存続させてください。"


def three_files(tmp_path):
    web = write_csv(tmp_path / "web.csv", ["受付番号", "氏名", "意見"], [
        ["1", "山田太郎", "駅前のバス停に屋根とベンチを設置してほしい。"],
        ["2", "佐藤花子", CAMPAIGN],
        ["3", "鈴木一郎", "デマンド交通の予約を前日ではなく当日でもできるようにしてください。"],
    ])
    letters = write_workbook(tmp_path / "郵送.xlsx", {"意見": [
        ["受付番号", "ご意見"],
        ["1", CAMPAIGN],
        ["2", "バスの運賃を高齢者は100円にしてください。"],
    ]})
    cards = tmp_path / "cards.jsonl"
    cards.write_text("\n".join(json.dumps({"会場": "北公民館", "意見": t}, ensure_ascii=False) for t in [
        "みどり台線の廃止に反対します。通院や買い物に欠かせない路線です。現行のまま存続させて下さい。",
        "バス停の時刻表の文字を大きくしてほしい。",
    ]) + "\n", encoding="utf-8")
    return [web, letters, cards]


def test_three_files_are_one_consultation_with_every_row_and_its_channel(tmp_path):
    files = three_files(tmp_path)
    out = tmp_path / "out"
    res = invoke("run", *files, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    rows = read_csv_rows(out / "opinions.csv")
    # every row of every file, numbered on through the files; the three files' ids repeat each other's
    # (the cards have no id column: row numbers), so each carries its file's name
    assert sorted({r["comment_id"] for r in rows}) == sorted(["web-1", "web-2", "web-3", "郵送-1", "郵送-2",
                                                              "cards-1", "cards-2"])
    assert sorted({int(r["row_number"]) for r in rows}) == [1, 2, 3, 4, 5, 6, 7]
    assert "郵送.xlsx: ids also in web.csv, cards.jsonl: its ids have the file's name in front (郵送-1)" in res.output
    assert "cards.jsonl has no channel column: its 2 rows count under 「cards」" in res.output
    assert "3 input files read as one consultation: web.csv 3 rows, 郵送.xlsx 2 rows, cards.jsonl 2 rows" in res.output
    report = (out / "report.md").read_text(encoding="utf-8")
    # a file named after its channel counts under it; 「web」 is the web form (電子申請)
    assert "提出方法別：郵送 2件、電子申請 3件、cards 2件" in report
    # web.csv names its submitters, the other two files have no 氏名 column: one person each, said
    assert "提出者数：7名（提出件数 7件。氏名の欄がない提出4件は1件を1名として計上）" in report
    # the campaign letter sent through three channels is one duplicate group
    campaign = [r for r in rows if "みどり台線" in r["text"]]
    assert len(campaign) == 3 and len({r["duplicate_group"] for r in campaign}) == 1 and campaign[0]["duplicate_group"]
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert [(i["name"], i["rows"], i["format"]) for i in info["inputs"]] == [
        ("web", [1, 3], "csv"), ("郵送", [4, 5], "xlsx"), ("cards", [6, 7], "jsonl")]
    assert all(len(i["sha256"]) == 64 for i in info["inputs"])


def test_a_rerun_from_the_run_folder_reads_all_the_files_again(tmp_path):
    from cluster.review import rerun, rerun_options

    files = three_files(tmp_path)
    out = tmp_path / "out"
    assert invoke("run", *files, "--out", out, "--model", "char-hash").exit_code == 0
    first = (out / "opinions.csv").read_bytes()
    _, inputs = rerun_options(out)
    assert [p.name for p in inputs] == ["web.csv", "郵送.xlsx", "cards.jsonl"]
    rerun(out)
    assert (out / "opinions.csv").read_bytes() == first  # the same three files, the same rows


def test_one_file_runs_as_before(tmp_path):
    web = three_files(tmp_path)[0]
    out = tmp_path / "out"
    res = invoke("run", web, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "input files read as one consultation" not in res.output
    assert "inputs" not in json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")] == ["1", "2", "3"]


def test_a_missing_second_file_is_one_error_line(tmp_path):
    web = three_files(tmp_path)[0]
    res = invoke("run", web, tmp_path / "nothere.csv", "--out", tmp_path / "out", "--model", "char-hash")
    assert res.exit_code != 0
    assert "nothere.csv" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "out" / "opinions.csv").exists()


HEADER = ["受付番号", "ご意見"]


def test_sheets_named_mostly_after_channels_are_the_channels(tmp_path):
    # QA: one sheet named after an event (意見交換会) made the 提出方法別 line vanish
    path = write_workbook(tmp_path / "all.xlsx", {
        "電子申請": [HEADER, ["W1", "駅前のバス停に屋根を設置してほしい。"]],
        "郵送": [HEADER, ["L1", "バスの運賃を高齢者は100円にしてください。"]],
        "FAX": [HEADER, ["F1", "バス停の時刻表の文字を大きくしてほしい。"]],
        "意見交換会": [HEADER, ["K1", "デマンド交通の予約を当日でもできるようにしてください。"]],
    })
    out = tmp_path / "out"
    res = invoke("run", path, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "each sheet's name is read as the channel" in res.output
    assert "提出方法別：郵送 1件、FAX 1件、電子申請 1件、意見交換会 1件" in (out / "report.md").read_text(encoding="utf-8")


def test_sheets_named_after_months_or_only_partly_after_channels_are_not(tmp_path):
    months = read_table(write_workbook(tmp_path / "m.xlsx", {
        "4月": [HEADER, ["1", "駅前のバス停に屋根を設置してほしい。"]],
        "5月": [HEADER, ["2", "バスの運賃を高齢者は100円にしてください。"]],
    }))
    assert any("column シート names each row's sheet" in n and "--channel-column" not in n for n in months.notes)
    half = read_table(write_workbook(tmp_path / "h.xlsx", {
        "郵送": [HEADER, ["1", "駅前のバス停に屋根を設置してほしい。"]],
        "5月分": [HEADER, ["2", "バスの運賃を高齢者は100円にしてください。"]],
    }))
    assert any("column シート names each row's sheet (--channel-column シート counts the sheets as channels" in n
               for n in half.notes)


def test_late_comments_come_as_one_more_file(tmp_path):
    web, letters, cards = three_files(tmp_path)
    out = tmp_path / "out"
    assert invoke("run", web, letters, "--out", out, "--model", "char-hash").exit_code == 0
    before = {r["opinion_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv")}
    res = invoke("run", web, letters, cards, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "late comments:" in res.output
    after = {r["opinion_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv")}
    assert {k: after[k] for k in before} == before  # the earlier files' ids and rows stay as they were
    # the campaign copy on a card joins its copies' row
    campaign = {after[k] for k, r in ((r["opinion_id"], r) for r in read_csv_rows(out / "opinions.csv"))
                if "みどり台線" in r["text"]}
    assert len(campaign) == 1


def test_ids_do_not_depend_on_the_order_of_the_files_nor_change_when_a_late_file_comes(tmp_path):
    web = write_csv(tmp_path / "web.csv", ["受付番号", "意見"], [
        ["1", "駅前のバス停に屋根とベンチを設置してほしい。"], ["2", CAMPAIGN]])
    hearing = write_csv(tmp_path / "hearing.csv", ["番号", "意見"], [
        ["H1", "バス停の時刻表の文字を大きくしてほしい。"], ["H2", CAMPAIGN]])
    late = write_csv(tmp_path / "late.csv", ["受付番号", "意見"], [
        ["1", "デマンド交通の予約を当日でもできるようにしてください。"]])
    out = tmp_path / "out"
    assert invoke("run", web, hearing, "--out", out, "--model", "char-hash").exit_code == 0
    first = sorted(r["opinion_id"] for r in read_csv_rows(out / "opinions.csv"))
    assert first == ["1-1", "2-1", "H1-1", "H2-1"]  # no id repeats: none has a file name in front
    # the late file repeats web.csv's id 1: it takes its name, web.csv keeps its ids
    assert invoke("run", late, hearing, web, "--out", out, "--model", "char-hash").exit_code == 0
    ids = sorted(r["opinion_id"] for r in read_csv_rows(out / "opinions.csv"))
    assert ids == sorted(first + ["late-1-1"])
    # in a new folder, given in any order, the same files give the same ids
    a, b = tmp_path / "a", tmp_path / "b"
    assert invoke("run", web, late, "--out", a, "--model", "char-hash").exit_code == 0
    assert invoke("run", late, web, "--out", b, "--model", "char-hash").exit_code == 0
    assert sorted(r["opinion_id"] for r in read_csv_rows(a / "opinions.csv")) == \
        sorted(r["opinion_id"] for r in read_csv_rows(b / "opinions.csv")) == ["late-1-1", "web-1-1", "web-2-1"]


def test_a_second_past_answer_file_typed_after_answers_is_refused_not_read_as_comments(tmp_path, comments_csv,
                                                                                        past_answers_csv):
    """QA31: `cluster run new.csv --answers a.xlsx b.csv` read b.csv (a past-answer table) as comments:
    its 10 answers were counted as submissions under 提出方法別 「b 10件」."""
    other = write_csv(tmp_path / "教育委員会の回答.csv", ["整理番号", "意見の要旨", "本市の考え方"],
                      [["1", "学童保育の定員を増やしてほしい。", "定員の拡大を検討してまいります。"]])
    out = tmp_path / "out"
    res = invoke("run", comments_csv, "--answers", past_answers_csv, other, "--out", out, "--model", "char-hash")
    assert res.exit_code != 0
    assert res.output.count("\n") == 1 and "Traceback" not in res.output
    assert ("教育委員会の回答.csv comes after --answers and has an answer column (本市の考え方): it would be read as "
            "comments; give each past-answer file its own --answers (--answers past_answers.csv --answers "
            "教育委員会の回答.csv)") in res.output
    assert not out.exists()
    # each with its own --answers: both read as past answers
    res = invoke("run", comments_csv, "--answers", past_answers_csv, "--answers", other, "--out", out,
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "past answers: 5 answers read from 2 files" in res.output
    # a late comment file after --answers (no answer column) is read as comments, as before
    late = write_csv(tmp_path / "late.csv", ["受付番号", "ご意見"], [["L-1", "公園にベンチを増やしてください。"]])
    res = invoke("run", comments_csv, "--answers", past_answers_csv, late, "--out", tmp_path / "out2",
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert any(r["comment_id"] == "L-1" for r in read_csv_rows(tmp_path / "out2" / "opinions.csv"))
