"""`cluster run --count-repeats once`: an opinion its submitter sent more than once (the same letter by
e-mail and by post, a web form sent twice) counts once, as ministries publish it:
「同一の者から同一内容の意見が複数提出されたものは1件として集計しています」. The later copies stay in
opinions.csv (status ``repeat``, ``repeat_of`` naming the first) and are in no count of opinions; the
default ``each`` counts every copy and says how many repeat one. Submitters are compared as 提出者数
compares them (spaces aside); an empty 氏名 or 匿名 never matches.

All texts are invented for these tests (an imagined 「みなと市 公園整備計画（案）」)."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from cluster.cli import main
from cluster.messages_ja import is_known, translate
from conftest import write_csv

PARK = "さくら公園の遊具が古くなっています。子どもが安全に遊べるよう、遊具を新しくしてください。"
PARK_NEAR = "さくら公園の遊具が古くなっています。子どもが安全に遊べるように、遊具を早く新しくしてください。"
BIKES = "駅前の駐輪場が足りません。朝は停める場所がないので、駐輪場を増やしてください。"
LIBRARY = "図書館の開館時間を夜9時まで延ばしてください。仕事帰りに本を借りられるようにしてほしいです。"
TOILET = "みどり公園のトイレが汚れています。清掃の回数を増やし、洋式のトイレに替えてください。"

HEADER = ["受付番号", "提出方法", "氏名", "ご意見"]
ROWS = [
    ["1", "電子メール", "山田 太郎", PARK],
    ["2", "郵送", "山田太郎", PARK],  # the same letter by post (the name spaced otherwise): a repeat of 1
    ["3", "電子申請", "山田　太郎", PARK_NEAR],  # a near copy by the same person: a repeat of 1
    ["4", "電子申請", "佐藤花子", PARK],  # the same text by another person: counted
    ["5", "電子申請", "匿名", BIKES],
    ["6", "電子申請", "匿名", BIKES],  # 匿名 is nobody in particular: counted
    ["7", "郵送", "", LIBRARY],
    ["8", "郵送", "", LIBRARY],  # no name: counted
    ["9", "FAX", "鈴木一郎", TOILET],
    ["10", "FAX", "鈴木一郎", LIBRARY],  # the same person on another matter: counted
    ["11", "郵送", "鈴木一郎", TOILET],  # the same person again on the toilets: a repeat of 9
]
REPEATS = {"2-1": "1-1", "3-1": "1-1", "11-1": "9-1"}
NOTE = "同一の者から同一内容の意見が複数提出されたものは1件として集計しています（該当3件）。"


def invoke(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def run(tmp_path: Path, *extra, rows=ROWS, header=HEADER, out="out", name="c.csv") -> tuple[Path, str]:
    path = tmp_path / name
    if not path.exists():
        write_csv(path, header, rows)
    res = invoke("run", path, "--out", tmp_path / out, "--model", "char-hash", *extra)
    assert res.exit_code == 0, res.output
    return tmp_path / out, res.stderr


def opinion_rows(out: Path) -> list[dict]:
    with open(out / "opinions.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def run_info(out: Path) -> dict:
    return json.loads((out / "run.json").read_text(encoding="utf-8"))


def count_line(out: Path, head: str) -> str:
    return next((line for line in (out / "report.md").read_text(encoding="utf-8").splitlines()
                 if line.startswith(f"- {head}")), "")


def test_each_counts_every_copy_and_says_how_many_repeat(tmp_path):
    out, said = run(tmp_path)
    rows = opinion_rows(out)
    assert all(r["status"] == "ok" and r["cluster_id"] and not r["repeat_of"] for r in rows)
    assert count_line(out, "意見総数") == "- 意見総数：11件（同趣旨の意見をまとめて4項目）"
    assert "同一の者から" not in (out / "report.md").read_text(encoding="utf-8")
    info = run_info(out)
    assert info["counts"]["ok_opinions"] == 11 and info["counts"]["repeat_opinions"] == 0
    assert info["settings"]["count_repeats"] == "each"
    assert not any("同一の者から" in line for line in info["report_header"]["counts"])
    notes = [line for line in said.splitlines() if "repeat an opinion the same submitter" in line]
    assert notes == ["note: 3 opinions repeat an opinion the same submitter sent before (exact or near copy) and are "
                     "counted again; `--count-repeats once` counts them once "
                     "(同一の者から同一内容の意見が複数提出されたものは1件として集計)"]


def test_once_counts_a_submitters_copies_once(tmp_path):
    out, said = run(tmp_path, "--count-repeats", "once")
    rows = opinion_rows(out)
    # every input row is still in opinions.csv; the later copies say which opinion they repeat
    assert [r["comment_id"] for r in rows] == [r[0] for r in ROWS]
    repeats = {r["opinion_id"]: r["repeat_of"] for r in rows if r["status"] == "repeat"}
    assert repeats == REPEATS
    assert all(not r["cluster_id"] and not r["duplicate_group"] for r in rows if r["status"] == "repeat")
    # a near copy by the same person (3) is a repeat; the same text by another person (4), 匿名 (5, 6)
    # and no name (7, 8) are not; nor is the same person's opinion on another matter (10)
    assert all(r["status"] == "ok" and r["cluster_id"] for r in rows if r["opinion_id"] not in REPEATS)
    by_id = {r["opinion_id"]: r for r in rows}
    assert by_id["1-1"]["duplicate_count"] == "2" and by_id["4-1"]["duplicate_group"] == by_id["1-1"]["duplicate_group"]
    assert by_id["5-1"]["duplicate_count"] == "2" and by_id["7-1"]["duplicate_count"] == "3"
    # the counts: 意見総数 8, each row's 件数 without the copies; the submissions are all still counted
    assert count_line(out, "意見総数") == "- 意見総数：8件（同趣旨の意見をまとめて4項目）"
    assert count_line(out, "提出者数").startswith("- 提出者数：7名（提出件数 11件")
    assert "意見を含まない提出" not in (out / "report.md").read_text(encoding="utf-8")
    md = (out / "report.md").read_text(encoding="utf-8")
    assert f"- {NOTE}" in md
    counts = sorted(int(m) for m in re.findall(r"\| (\d+) \| （考え方は未記入）", md))
    assert counts == [1, 2, 2, 3]  # 公園 1+4, トイレ 9, 駐輪場 5+6, 図書館 7+8+10 (each run: 4, 2, 2, 3)
    info = run_info(out)
    assert info["counts"]["ok_opinions"] == 8 and info["counts"]["repeat_opinions"] == 3
    assert info["counts"]["status"]["repeat"] == 3 and info["counts"]["rows_without_opinions"] == 0
    assert info["settings"]["count_repeats"] == "once"
    assert NOTE in info["report_header"]["counts"]
    # every format with a header says it
    assert NOTE in (out / "report.html").read_text(encoding="utf-8")
    cells = [c for row in load_workbook(out / "report.xlsx").active.iter_rows(values_only=True) for c in row if c]
    assert NOTE in cells
    line = [s for s in said.splitlines() if s.startswith("repeats:")]
    assert line == ["repeats: 3 opinions repeat an opinion the same submitter sent before (exact or near copy), "
                    "counted once (--count-repeats once; status repeat, repeat_of in opinions.csv): "
                    "2-1 (repeats 1-1), 3-1 (repeats 1-1), 11-1 (repeats 9-1)"]
    assert not any("counted again" in s for s in said.splitlines())


def test_repeats_leave_the_campaign_count(tmp_path):
    """「うち、同一またはほぼ同一の文面で寄せられた意見」 counts the copies of different people only."""
    rows = [[str(k), "電子申請", f"市民{k}号" if k > 2 else "高橋", PARK] for k in range(1, 8)]
    rows[2][2] = "高橋"  # 1, 2 and 3 are one person: 7 copies from 5 people
    out, _ = run(tmp_path, rows=rows)
    assert count_line(out, "うち、") == "- うち、同一またはほぼ同一の文面で寄せられた意見：7件（No. 1：7件）"
    out, _ = run(tmp_path, "--count-repeats", "once", rows=rows, out="once")
    assert count_line(out, "うち、") == "- うち、同一またはほぼ同一の文面で寄せられた意見：5件（No. 1：5件）"
    assert count_line(out, "意見総数") == "- 意見総数：5件（同趣旨の意見をまとめて1項目）"
    assert count_line(out, "同一の者から") == "- 同一の者から同一内容の意見が複数提出されたものは1件として集計しています（該当2件）。"


def test_no_repeats_no_note(tmp_path):
    rows = [r for r in ROWS if r[0] not in ("2", "3", "11")]
    out, said = run(tmp_path, "--count-repeats", "once", rows=rows)
    assert "同一の者から" not in (out / "report.md").read_text(encoding="utf-8")
    assert not any("repeat an opinion" in line or "repeats:" in line for line in said.splitlines()), said
    assert run_info(out)["counts"]["repeat_opinions"] == 0


def test_without_a_submitter_column_once_counts_each(tmp_path):
    rows = [[r[0], r[1], r[3]] for r in ROWS]
    out, said = run(tmp_path, "--count-repeats", "once", rows=rows, header=["受付番号", "提出方法", "ご意見"])
    assert ("--count-repeats once: the input gives no submitter (氏名), so submitters cannot be told apart; "
            "every opinion is counted") in said.splitlines()
    assert all(r["status"] == "ok" for r in opinion_rows(out))
    assert count_line(out, "意見総数") == "- 意見総数：11件（同趣旨の意見をまとめて4項目）"
    # (the default says nothing of it)
    _, said = run(tmp_path, rows=rows, header=["受付番号", "提出方法", "ご意見"], out="each")
    assert not any("repeat an opinion" in line or "repeats:" in line for line in said.splitlines()), said


def test_a_letter_repeating_itself_is_not_a_repeat(tmp_path):
    """Two items of one submission alike are one letter's: only another submission repeats it."""
    letter = f"1. {PARK}\n2. {PARK}"
    out, _ = run(tmp_path, "--count-repeats", "once", rows=[["1", "郵送", "山田太郎", letter],
                                                            ["2", "郵送", "山田太郎", PARK]])
    rows = opinion_rows(out)
    assert [r["status"] for r in rows] == ["ok", "ok", "repeat"]
    assert rows[2]["repeat_of"] == rows[0]["opinion_id"]


def test_rerun_keeps_the_setting(tmp_path):
    out, _ = run(tmp_path, "--count-repeats", "once")
    again, said = run(tmp_path)  # the same folder, the option not given
    assert "kept from the earlier run in" in said and "--count-repeats once" in said
    assert run_info(again)["settings"]["count_repeats"] == "once"
    assert {r["opinion_id"] for r in opinion_rows(again) if r["status"] == "repeat"} == set(REPEATS)
    # the notebook's re-run (review.rerun: the settings recorded in run.json)
    from cluster.review import rerun

    rerun(out, model="char-hash")
    assert run_info(out)["settings"]["count_repeats"] == "once"
    assert count_line(out, "同一の者から") == f"- {NOTE}"
    # given again, the option wins and is kept from then on
    out, said = run(tmp_path, "--count-repeats", "each")
    assert all(r["status"] == "ok" for r in opinion_rows(out))
    out, said = run(tmp_path)
    assert not any(line.startswith("kept from") and "--count-repeats" in line for line in said.splitlines())
    assert run_info(out)["settings"]["count_repeats"] == "each"
    assert all(r["status"] == "ok" for r in opinion_rows(out))


def test_deterministic(tmp_path):
    a, _ = run(tmp_path, "--count-repeats", "once", out="a")
    b, _ = run(tmp_path, "--count-repeats", "once", out="b")
    for name in ("opinions.csv", "clusters.csv", "report.md", "report.html", "report.csv", "report.xlsx"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def _lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_japanese_wording(tmp_path):
    path = write_csv(tmp_path / "c.csv", HEADER, ROWS)
    plain = write_csv(tmp_path / "plain.csv", ["受付番号", "ご意見"], [[r[0], r[3]] for r in ROWS])
    for k, args in enumerate(([path, "--count-repeats", "once"], [path], [plain, "--count-repeats", "once"])):
        en = _lines(invoke("run", *args, "--out", tmp_path / f"en{k}", "--model", "char-hash"))
        ja = _lines(invoke("run", *args, "--out", tmp_path / f"ja{k}", "--model", "char-hash", "--lang", "ja"))
        assert len(en) == len(ja)
        ours = [(e, j) for e, j in zip(en, ja) if "repeat" in e]
        assert len(ours) == 1, en
        (e, j), = ours
        assert is_known(e) and j == translate(e)
        assert not re.search(r"[A-Za-z]{3,}", re.sub(r"`[^`]*`|--count-repeats \w+|opinions\.csv|status|repeat_of|repeat",
                                                      "", j)), j
        for token in re.findall(r"\d[\w-]*", e):
            assert token in j, (token, e, j)
    assert translate(
        "repeats: 3 opinions repeat an opinion the same submitter sent before (exact or near copy), counted once "
        "(--count-repeats once; status repeat, repeat_of in opinions.csv): 2-1 (repeats 1-1), 3-1 (repeats 1-1)"
    ) == ("同一の者が前に提出した意見と同じ・ほぼ同じ意見が3件あり、1件として数えます（--count-repeats once。"
          "opinions.csv の status は repeat、repeat_of は同じ内容の最初の意見）：2-1（1-1 と同じ）、3-1（1-1 と同じ）")
    assert translate(
        "note: 3 opinions repeat an opinion the same submitter sent before (exact or near copy) and are counted again; "
        "`--count-repeats once` counts them once (同一の者から同一内容の意見が複数提出されたものは1件として集計)"
    ) == ("注：同一の者が前に提出した意見と同じ・ほぼ同じ意見が3件あり、それぞれ件数に数えています。`--count-repeats once` "
          "で1件として数えます（同一の者から同一内容の意見が複数提出されたものは1件として集計）")
    assert translate("--count-repeats once: the input gives no submitter (氏名), so submitters cannot be told apart; "
                     "every opinion is counted") == (
        "--count-repeats once：入力に提出者（氏名）がないため、同一の者からの提出か判断できません。意見はそれぞれ数えます")


def test_review_says_why_a_repeat_is_in_no_cluster(tmp_path):
    out, _ = run(tmp_path, "--count-repeats", "once")
    en = invoke("review", "move", out, "2-1", "C001")
    assert en.exit_code == 2 and "status repeat" in en.stderr and "repeat_of" in en.stderr, en.stderr
    ja = invoke("review", "move", out, "2-1", "C001", "--lang", "ja")
    assert "同一の者が前に提出した意見と同じ・ほぼ同じ意見です（status repeat" in ja.stderr, ja.stderr
    ja = invoke("review", "exclude", out, "2-1", "--lang", "ja")
    assert "status repeat（同一の者からの同一内容の意見）" in ja.stderr, ja.stderr
    # `review show` names the opinion it is counted with, and where that one is
    first = next(r["cluster_id"] for r in opinion_rows(out) if r["opinion_id"] == "1-1")
    shown = invoke("review", "show", out, "2-1")
    assert f"status repeat, in no cluster: a repeat of 1-1 (in {first})" in shown.output, shown.output
    shown = invoke("review", "show", out, "2-1", "--lang", "ja")
    assert f"同一の者が前に提出した 1-1 と同じ内容として1件に数えています。1-1 は {first} にあります" in shown.output, shown.output
    # a re-run that turns it on in a folder grouped without it: the repeats leave their clusters
    each, _ = run(tmp_path, out="later")
    _, said = run(tmp_path, "--count-repeats", "once", out="later")
    assert ("opinions counted once as repeats of their submitter's (--count-repeats once) leave its clusters; "
            "the other clusters are kept") in said.splitlines()
    assert translate("opinions counted once as repeats of their submitter's (--count-repeats once) leave its "
                     "clusters; the other clusters are kept").startswith("同一の者からの同一内容の意見として1件に数えた意見")


def test_a_late_repeat_is_named_and_counted_once(tmp_path):
    out, _ = run(tmp_path, "--count-repeats", "once")
    late = ROWS + [["12", "郵送", "佐藤 花子", PARK]]  # 佐藤花子 (4) again, by post
    _, said = run(tmp_path, rows=late, name="late.csv")
    line = ("late comments: 1 new opinion, a repeat of an opinion its submitter sent before, counted once "
            "(--count-repeats once): 12-1; the other clusters are kept")
    assert line in said.splitlines(), said
    assert translate(line) == ("追加の意見：新しい意見1件は同一の者が前に提出した意見と同じ内容で、1件として数えます"
                               "（--count-repeats once）：12-1。ほかの項目はそのままです")
    assert {r["opinion_id"]: r["repeat_of"] for r in opinion_rows(out) if r["status"] == "repeat"} == \
        {**REPEATS, "12-1": "4-1"}
    assert count_line(out, "意見総数") == "- 意見総数：8件（同趣旨の意見をまとめて4項目）"
    assert count_line(out, "同一の者から") == "- 同一の者から同一内容の意見が複数提出されたものは1件として集計しています（該当4件）。"
