"""End to end through the command line (DESIGN section 3, the fixed contract)."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cluster.cli import main
from conftest import (CAMPAIGN_IDS, COMMENT_ROWS, EMAIL, MYNUMBER, PERSONAL_INLINE, PERSONAL_TEXT,
                      PHONE, PHONE_FULL, POSTAL, model_args, read_csv_rows, write_comments_csv, write_csv)

REPO = Path(__file__).resolve().parent.parent
OPINION_COLUMNS = ["opinion_id", "comment_id", "text", "status", "duplicate_group", "cluster_id"]
CLUSTER_COLUMNS = ["cluster_id", "size", "label", "representative"]
ANSWER_COLUMNS = ["cluster_id", "rank", "answer_id", "score", "past_opinion", "answer"]
OUTPUTS = ["opinions.csv", "clusters.csv", "answers.csv", "report.xlsx", "report.md", "run.json", "decisions.jsonl"]


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def run_cli(input_path, out_dir, *extra):
    result = invoke("run", input_path, "--out", out_dir, *model_args(), *extra)
    assert result.exit_code == 0, result.stderr
    return result


def header_of(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def assert_one_error_line(result):
    """Exit 2; stderr ends with exactly one ``error:`` line (progress lines may precede it)."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert lines[-1] == errors[0]
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def main_run(tmp_path_factory, past_answers_csv, topics_csv):
    """One full run on the fixture table, with past answers and topics."""
    base = tmp_path_factory.mktemp("main_run")
    src = write_comments_csv(base / "comments.csv")
    out = base / "out"
    result = run_cli(src, out, "--answers", past_answers_csv, "--topics", topics_csv)
    return {"input": src, "out": out, "result": result,
            "opinions": read_csv_rows(out / "opinions.csv"), "clusters": read_csv_rows(out / "clusters.csv"),
            "answers": read_csv_rows(out / "answers.csv")}


# ------------------------------------------------------------------ outputs and contract columns


def test_outputs_exist_with_contract_columns(main_run):
    out = main_run["out"]
    for name in OUTPUTS:
        assert (out / name).is_file(), name
    for name, columns in (("opinions.csv", OPINION_COLUMNS), ("clusters.csv", CLUSTER_COLUMNS),
                          ("answers.csv", ANSWER_COLUMNS)):
        header = header_of(out / name)
        missing = [c for c in columns if c not in header]
        assert not missing, (name, missing)
        assert (out / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
    assert not list(out.glob(".*.tmp"))


def test_guessed_columns_are_printed(main_run):
    err = main_run["result"].stderr
    assert "ご意見" in err and "guessed" in err
    assert "受付番号" in err


def test_every_input_row_appears_in_opinions(main_run):
    opinions = main_run["opinions"]
    ids = {op["comment_id"] for op in opinions}
    assert ids == {row[0] for row in COMMENT_ROWS}
    # empty rows too, with a status other than ok
    for cid in ("A-021", "A-022", "A-023"):
        rows = [op for op in opinions if op["comment_id"] == cid]
        assert len(rows) == 1
        assert rows[0]["status"] != "ok"
        assert rows[0]["cluster_id"] == ""


def test_opinion_ids_unique_and_stable(main_run):
    ids = [op["opinion_id"] for op in main_run["opinions"]]
    assert len(ids) == len(set(ids))
    assert all(i for i in ids)


def test_cluster_id_empty_iff_not_ok(main_run):
    clusters = {c["cluster_id"]: c for c in main_run["clusters"]}
    for op in main_run["opinions"]:
        if op["status"] == "ok":
            assert op["cluster_id"] in clusters, op
        else:
            assert op["cluster_id"] == "", op
            assert op["duplicate_group"] == "", op


def test_cluster_sizes_match_opinions(main_run):
    sizes: dict[str, int] = {}
    for op in main_run["opinions"]:
        if op["cluster_id"]:
            sizes[op["cluster_id"]] = sizes.get(op["cluster_id"], 0) + 1
    clusters = main_run["clusters"]
    assert {c["cluster_id"]: int(c["size"]) for c in clusters} == sizes
    listed = [int(c["size"]) for c in clusters]
    assert listed == sorted(listed, reverse=True)  # ordered by size
    assert all(c["label"] and c["representative"] for c in clusters)
    texts = {op["text"] for op in main_run["opinions"]}
    assert all(c["representative"] in texts for c in clusters)


def test_multi_opinion_submissions_are_split(main_run):
    by_comment: dict[str, list[dict]] = {}
    for op in main_run["opinions"]:
        by_comment.setdefault(op["comment_id"], []).append(op)
    ok = {cid: [op for op in ops if op["status"] == "ok"] for cid, ops in by_comment.items()}
    expected = {"A-001": 3, "A-002": 2, "A-003": 2, "A-004": 2, "A-005": 2, "A-006": 2, "A-026": 8, "A-027": 1}
    assert {cid: len(ok[cid]) for cid in expected} == expected
    assert ok["A-001"][0]["text"] == "中央図書館の開館時間を平日は夜8時まで延長してほしい。"
    # the greeting before the eight items and the closing after them are kept as rows, not clustered
    assert len(by_comment["A-026"]) == 10
    assert {op["status"] for op in by_comment["A-026"]} == {"ok", "greeting"}


def test_campaign_is_one_duplicate_group(main_run):
    opinions = main_run["opinions"]
    campaign = [op for op in opinions if op["comment_id"] in CAMPAIGN_IDS]
    # two letters are signed 「東町在住　佐藤」: their signature lines are greeting rows, no opinion
    assert [op["text"] for op in campaign if op["status"] != "ok"] == ["東町在住\u3000佐藤", "西町在住\u3000鈴木"]
    groups = {op["duplicate_group"] for op in campaign if op["status"] == "ok"}
    assert len(groups) == 1
    (group,) = groups
    assert group
    members = [op for op in opinions if op["duplicate_group"] == group]
    assert sorted(op["comment_id"] for op in members) == sorted(CAMPAIGN_IDS)
    assert {op["duplicate_count"] for op in members} == {str(len(CAMPAIGN_IDS))}
    assert len({op["cluster_id"] for op in members}) == 1  # duplicates share a cluster
    # the run names the campaign and the row it went to
    assert (f"campaigns (groups of 5 or more copies): {len(CAMPAIGN_IDS)} copies → {members[0]['cluster_id']}"
            in main_run["result"].output)
    # clusters.csv and the report say how much of the row's count is the one letter
    cluster = next(c for c in main_run["clusters"] if c["cluster_id"] == members[0]["cluster_id"])
    assert cluster["campaign_copies"] == str(len(CAMPAIGN_IDS))
    assert {c["campaign_copies"] for c in main_run["clusters"] if c is not cluster} == {"0"}
    report = (main_run["out"] / "report.md").read_text(encoding="utf-8")
    line = next(x for x in report.splitlines() if "同一またはほぼ同一の文面" in x)
    no = re.fullmatch(rf"- うち、同一またはほぼ同一の文面で寄せられた意見：{len(CAMPAIGN_IDS)}件（No\. (\d+)：{len(CAMPAIGN_IDS)}件）",
                      line).group(1)
    row = next(r for r in read_csv_rows(main_run["out"] / "report.csv") if r["No."] == no)
    assert "伐採" in row["ご意見の概要"] and int(row["件数"]) >= len(CAMPAIGN_IDS)


def test_no_unescaped_formula_cells(main_run):
    out = main_run["out"]
    formula = re.compile(r"^[=+\-@]")
    number = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
    for name in ("opinions.csv", "clusters.csv", "answers.csv", "report.csv"):
        with open(out / name, encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for value in row:
                    assert not (formula.match(value) and not number.match(value)), (name, value)
    texts = [op["text"] for op in main_run["opinions"]]
    assert any(t.startswith("'=HYPERLINK") for t in texts)  # the formula-like opinion is there, escaped


def test_run_json(main_run):
    info = json.loads((main_run["out"] / "run.json").read_text(encoding="utf-8"))
    assert info["completed"] is True
    assert info["input"]["sha256"] == hashlib.sha256(main_run["input"].read_bytes()).hexdigest()
    assert info["model"]
    assert info["versions"]["pubcom-cluster"]
    assert "python" in info["versions"]
    settings = info["settings"]
    assert settings["seed"] == 0 and settings["split"] is True
    assert settings["answers"] and settings["topics"]
    counts = info["counts"]
    assert counts["input_rows"] == len(COMMENT_ROWS)
    assert counts["opinion_rows"] == len(main_run["opinions"])
    assert counts["ok_opinions"] == sum(op["status"] == "ok" for op in main_run["opinions"])
    assert counts["clusters"] == len(main_run["clusters"])


def test_answers_gives_candidates(main_run):
    answers = main_run["answers"]
    assert answers
    cluster_ids = {c["cluster_id"] for c in main_run["clusters"]}
    by_cluster: dict[str, list[dict]] = {}
    for a in answers:
        assert a["cluster_id"] in cluster_ids
        assert a["answer"] and a["answer_id"]
        assert 0.0 <= float(a["score"]) <= 1.0 + 1e-9
        by_cluster.setdefault(a["cluster_id"], []).append(a)
    for rows in by_cluster.values():
        assert [int(a["rank"]) for a in rows] == list(range(1, len(rows) + 1))
        scores = [float(a["score"]) for a in rows]
        assert scores == sorted(scores, reverse=True)
    # clear cases: the parking paraphrases get the parking answer, the opening hours the library answer
    cluster_of = {op["opinion_id"]: op["cluster_id"] for op in main_run["opinions"]}
    assert by_cluster[cluster_of["A-015-1"]][0]["answer_id"] == "2"
    assert by_cluster[cluster_of["A-001-1"]][0]["answer_id"] == "1"
    # the report shows them as candidates, not as answers
    md = (main_run["out"] / "report.md").read_text(encoding="utf-8")
    assert "候補" in md
    statuses = {c["answer_status"] for c in main_run["clusters"]}
    assert "candidate" in statuses and "confirmed" not in statuses


def test_topics_fill_the_topic_column(main_run, topics_csv):
    names = {row["topic"] for row in read_csv_rows(topics_csv)}
    clusters = main_run["clusters"]
    assert all(c["topic"] in names | {""} for c in clusters)
    assert all(0.0 <= float(c["topic_score"]) <= 1.0 for c in clusters)
    assert any(c["topic"] for c in clusters) and any(not c["topic"] for c in clusters)
    # a cluster gets a topic only when it shares a word with it (the embedding alone is no evidence)
    # or names its section (第2章); 「整備」, in every topic's name, tells none of them apart
    topic_words = {row["topic"]: row["description"].split() + re.findall(r"[一-龥ァ-ヶー]{2,}|第.章", row["topic"])
                   for row in read_csv_rows(topics_csv)}
    topic_words = {t: [w for w in words if w != "整備"] for t, words in topic_words.items()}
    texts = {}
    for op in main_run["opinions"]:
        texts.setdefault(op["cluster_id"], []).append(op["heading"] + op["text"])  # 「図書館の運営について」
    for c in clusters:
        if c["topic"]:
            assert any(w in t for w in topic_words[c["topic"]] for t in texts[c["cluster_id"]]), c
    campaign_cluster = next(op["cluster_id"] for op in main_run["opinions"] if op["comment_id"] == CAMPAIGN_IDS[0])
    assert next(c for c in clusters if c["cluster_id"] == campaign_cluster)["topic"] == "第2章 公園の整備"


def test_report_has_no_personal_data(main_run):
    md = (main_run["out"] / "report.md").read_text(encoding="utf-8")
    for secret in (PHONE, PHONE_FULL, EMAIL, POSTAL, "123-4567", MYNUMBER, "山田太郎"):
        assert secret not in md, secret


def test_labels_are_not_made_of_personal_data(main_run):
    for cluster in main_run["clusters"]:
        words = cluster["label"] + "・" + cluster["keywords"]
        for part in ("taro", "yamada", "example", "東町", "丁目", "山田"):
            assert part not in words, (cluster["cluster_id"], words)


def test_a_submitters_lone_surname_never_becomes_a_label(tmp_path):
    """QA: 「（北町2-3-4　高橋）」 under a letter from 高橋 和子 left 高橋 in the keyword text."""
    rows = [("L-1", "郵送", "高橋 和子", "駅前の駐輪場を増やしてほしい。高橋\n（北町2-3-4　高橋）"),
            ("L-2", "郵送", "高橋 和子", "駐輪場の台数を増やしてください。高橋より"),
            ("L-3", "電子メール", "", "駅前の駐輪場がいつも満車です。増設してほしい。")]
    src = write_comments_csv(tmp_path / "c.csv", [(a, b, c, d.replace("\\n", "\n")) for a, b, c, d in rows])
    run_cli(src, tmp_path / "out")
    for cluster in read_csv_rows(tmp_path / "out" / "clusters.csv"):
        assert "高橋" not in cluster["label"] + cluster["keywords"], cluster


def test_personal_data_is_masked_in_the_report_only(tmp_path):
    rows = [("B-1", "電子メール", "山田太郎", PERSONAL_TEXT), ("B-2", "郵送", "", PERSONAL_INLINE)]
    src = write_comments_csv(tmp_path / "personal.csv", rows)
    run_cli(src, tmp_path / "masked")
    md = (tmp_path / "masked" / "report.md").read_text(encoding="utf-8")
    for secret in (PHONE_FULL, EMAIL, MYNUMBER):
        assert secret not in md, secret
    # the masked number stays in its sentence; the sentence that only asks to be contacted
    # (「連絡は［電話番号］または［メールアドレス］までお願いします。」) is no part of the published opinion
    assert "図書館の予約システムが使いにくいです。会員番号［番号］で何度もエラーになりました。 |" in md
    assert "連絡は" not in md and "［メールアドレス］" not in md
    # working files keep the original for staff
    opinions = (tmp_path / "masked" / "opinions.csv").read_text(encoding="utf-8-sig")
    assert PHONE_FULL in opinions and EMAIL in opinions
    run_cli(src, tmp_path / "unmasked", "--no-mask")
    assert PHONE_FULL in (tmp_path / "unmasked" / "report.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------ options and inputs


def test_no_split_gives_one_opinion_per_row(tmp_path):
    src = write_comments_csv(tmp_path / "c.csv")
    run_cli(src, tmp_path / "out", "--no-split")
    rows = read_csv_rows(tmp_path / "out" / "opinions.csv")
    # one opinion (or empty) row per submission; signatures and greetings around it are rows of their own
    opinions = [op for op in rows if op["status"] in ("ok", "empty")]
    assert [op["comment_id"] for op in opinions] == [row[0] for row in COMMENT_ROWS]
    assert {op["status"] for op in rows} - {"ok", "empty"} <= {"greeting", "header", "quoted"}
    a001 = opinions[0]
    assert "(1)" in a001["text"] and "(3)" in a001["text"]


def test_cp932_input_without_id_column(tmp_path):
    rows = [(text,) for *_, text in COMMENT_ROWS]
    src = write_comments_csv(tmp_path / "sjis.csv", rows, encoding="cp932", header=["ご意見"])
    result = run_cli(src, tmp_path / "out")
    assert "cp932" in result.stderr
    opinions = read_csv_rows(tmp_path / "out" / "opinions.csv")
    # no id column: comment_id is the 1-based row number
    assert {op["comment_id"] for op in opinions} == {str(i) for i in range(1, len(rows) + 1)}
    assert opinions[0]["text"] == "中央図書館の開館時間を平日は夜8時まで延長してほしい。"
    info = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert info["input"]["encoding"] == "cp932"


def test_text_column_override(tmp_path):
    rows = [("1", "要約だけの列", "公園のトイレを洋式にしてほしい。"), ("2", "要約", "図書館の蔵書を増やしてほしい。")]
    src = write_comments_csv(tmp_path / "c.csv", rows, header=["番号", "ご意見", "本文全体"])
    run_cli(src, tmp_path / "out", "--text-column", "本文全体")
    opinions = read_csv_rows(tmp_path / "out" / "opinions.csv")
    assert [op["text"] for op in opinions] == [r[2] for r in rows]


def test_without_answers_the_answers_file_has_only_its_header(tmp_path):
    src = write_comments_csv(tmp_path / "c.csv", COMMENT_ROWS[:6])
    run_cli(src, tmp_path / "out")
    assert header_of(tmp_path / "out" / "answers.csv")[:6] == ANSWER_COLUMNS
    assert read_csv_rows(tmp_path / "out" / "answers.csv") == []
    clusters = read_csv_rows(tmp_path / "out" / "clusters.csv")
    assert all(c["topic"] == "" for c in clusters)


def test_determinism_in_process(main_run, tmp_path, past_answers_csv, topics_csv):
    src = write_comments_csv(tmp_path / "comments.csv")
    run_cli(src, tmp_path / "again", "--answers", past_answers_csv, "--topics", topics_csv)
    for name in ("opinions.csv", "clusters.csv", "answers.csv"):
        assert (tmp_path / "again" / name).read_bytes() == (main_run["out"] / name).read_bytes(), name


def _cli_command() -> list[str]:
    script = Path(sys.executable).parent / "cluster"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cluster"]


def test_determinism_across_processes_and_hash_seeds(main_run, tmp_path, past_answers_csv, topics_csv):
    src = write_comments_csv(tmp_path / "comments.csv")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    proc = subprocess.run(
        [*_cli_command(), "run", str(src), "--out", str(tmp_path / "sub"), *model_args(),
         "--answers", str(past_answers_csv), "--topics", str(topics_csv)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for name in ("opinions.csv", "clusters.csv"):
        assert (tmp_path / "sub" / name).read_bytes() == (main_run["out"] / name).read_bytes(), name


def test_real_exit_code_and_one_stderr_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "cluster", "run", str(tmp_path / "missing.csv"),
                           "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "missing.csv" in lines[0]
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ bad input


@pytest.fixture
def previous_run(main_run, tmp_path) -> Path:
    """A copy of a finished run folder, to check a failed run leaves it as it was."""
    out = tmp_path / "previous"
    shutil.copytree(main_run["out"], out)
    return out


def _binary(tmp_path: Path) -> Path:
    path = tmp_path / "scan.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    return path


@pytest.mark.parametrize("case", ["missing", "unknown_column", "binary", "broken_csv", "empty"])
def test_bad_input_exit_2_one_line_outputs_intact(case, tmp_path, previous_run):
    before = snapshot(previous_run)
    good = write_comments_csv(tmp_path / "good.csv", COMMENT_ROWS[:5])
    if case == "missing":
        args = [tmp_path / "nothing.csv"]
    elif case == "unknown_column":
        args = [good, "--text-column", "存在しない列"]
    elif case == "binary":
        args = [_binary(tmp_path)]
    elif case == "broken_csv":
        broken = tmp_path / "broken.csv"
        broken.write_text('受付番号,ご意見\n1,"閉じていない\n2,次\n', encoding="utf-8")
        args = [broken]
    else:
        empty = tmp_path / "empty.csv"
        empty.write_bytes(b"")
        args = [empty]
    result = invoke("run", *args, "--out", previous_run, *model_args())
    assert_one_error_line(result)
    if case == "unknown_column":
        assert "存在しない列" in result.stderr and "ご意見" in result.stderr
    assert snapshot(previous_run) == before


def test_broken_decisions_file(tmp_path, previous_run):
    decisions = previous_run / "decisions.jsonl"
    decisions.write_text('{"kind": "merge", "opinion_ids": ["A-001-1"]\nこれはJSONではない\n', encoding="utf-8")
    before = snapshot(previous_run)
    good = write_comments_csv(tmp_path / "good.csv")
    result = invoke("run", good, "--out", previous_run, *model_args())
    assert_one_error_line(result)
    assert "decisions.jsonl" in result.stderr
    assert snapshot(previous_run) == before


def test_bad_answers_and_topics_files(tmp_path, previous_run):
    before = snapshot(previous_run)
    good = write_comments_csv(tmp_path / "good.csv", COMMENT_ROWS[:5])
    assert_one_error_line(invoke("run", good, "--out", previous_run, *model_args(),
                                 "--answers", tmp_path / "no_answers.csv"))
    assert_one_error_line(invoke("run", good, "--out", previous_run, *model_args(), "--topics", _binary(tmp_path)))
    assert snapshot(previous_run) == before


@pytest.mark.slow  # tries sentence-transformers (imports torch)
def test_unknown_model_is_one_error_line(tmp_path):
    good = write_comments_csv(tmp_path / "good.csv", COMMENT_ROWS[:5])
    result = invoke("run", good, "--out", tmp_path / "out", "--model", str(tmp_path / "no_such_model"))
    assert_one_error_line(result)


# ------------------------------------------------------------------ help


@pytest.mark.parametrize("args", [
    [], ["run"], ["answers"], ["review"], ["review", "merge"], ["review", "move"], ["review", "split"],
    ["review", "label"], ["review", "answer"], ["review", "confirm"],
])
def test_help(args):
    result = invoke(*args, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout
    # every command says what it does: a description line after the usage line
    body = result.stdout.split("\n\n", 2)
    assert len(body) >= 2 and body[1].strip()


@pytest.mark.parametrize("args, message", [
    (["run", "{dir}", "--out", "{dir}/o"], "Invalid value for 'INPUT...'"),
    (["run", "{file}", "--out", "{file}"], "Invalid value for '--out'"),
    (["run", "{file}", "--out", "{dir}/o", "--min-answer-score", "abc"], "'abc' is not a valid float"),
    (["run", "{file}", "--out", "{dir}/o", "--no-such-option"], "No such option '--no-such-option'"),
    (["bogus"], "No such command 'bogus'"),
])
def test_usage_errors_are_one_line(tmp_path, args, message):
    """click's usage errors (usage, hint, blank line, error) come out as the tool's one line."""
    data = tmp_path / "in.csv"
    data.write_text("ご意見\n公園にベンチを増やしてほしい。\n", encoding="utf-8")
    result = CliRunner().invoke(main, [a.format(dir=tmp_path, file=data) for a in args])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.output
    assert "--help`" in lines[0]


def test_a_folder_with_other_files_and_no_run_is_refused(tmp_path):
    """--out pointing at a folder of someone's files (or the input's own folder) would replace
    any report.md there: refused in one line, nothing written; run folders and empty ones work."""
    data = tmp_path / "in.csv"
    data.write_text("ご意見\n公園にベンチを増やしてほしい。\n図書館の開館時間を延長してほしい。\n", encoding="utf-8")
    (tmp_path / "report.md").write_text("職員のメモ", encoding="utf-8")
    (tmp_path / "memo.txt").write_text("メモ", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(data), "--out", str(tmp_path), "--model", "char-hash"])
    assert result.exit_code == 2 and "holds other files and no run of this tool" in result.output
    assert "the input file's folder" in result.output
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == "職員のメモ"
    assert not (tmp_path / "opinions.csv").exists()
    (tmp_path / "empty").mkdir()
    (tmp_path / "cluttered").mkdir()
    for clutter in (".DS_Store", "Thumbs.db", "desktop.ini"):  # left by Finder and Explorer
        (tmp_path / "cluttered" / clutter).write_bytes(b"\0")
    for out in (tmp_path / "empty", tmp_path / "new", tmp_path / "cluttered"):
        for _ in range(2):  # an empty or new folder, then the same folder again (a run folder now)
            result = CliRunner().invoke(main, ["run", str(data), "--out", str(out), "--model", "char-hash"])
            assert result.exit_code == 0, result.output


def test_a_closed_stderr_pipe_does_not_stop_the_run(tmp_path):
    """`cluster run … 2>&1 | head -1`: the reader stops after one line; the run still writes
    its outputs instead of stopping at its second message."""
    import os
    import subprocess
    import sys

    data = tmp_path / "in.csv"
    data.write_text("ご意見\n公園にベンチを増やしてほしい。\n図書館の開館時間を延長してほしい。\n", encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody reads: every write to stderr fails with EPIPE
    try:
        subprocess.run([sys.executable, "-m", "cluster", "run", str(data), "--out", str(tmp_path / "out"),
                        "--model", "char-hash"], stderr=write_end, stdout=subprocess.DEVNULL, timeout=300)
    finally:
        os.close(write_end)
    assert (tmp_path / "out" / "run.json").exists() and (tmp_path / "out" / "report.md").exists()


def test_a_file_with_column_names_and_no_rows_is_refused(tmp_path):
    data = tmp_path / "in.csv"
    data.write_text("受付番号,ご意見\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(data), "--out", str(tmp_path / "out"), "--model", "char-hash"])
    assert result.exit_code == 2 and not (tmp_path / "out").exists()
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("error: ") and "no rows under the column names (受付番号, ご意見)" in lines[-1]


def test_bare_command_shows_its_help():
    for args in ([], ["review"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0 and result.output.startswith("Usage:")


def test_run_help_lists_the_contract_options():
    text = invoke("run", "--help").stdout
    for option in ("--out", "--text-column", "--id-column", "--channel-column", "--answers", "--answer-id-column",
                   "--answer-opinion-column", "--answer-text-column", "--no-split", "--model", "--seed", "--topics"):
        assert option in text, option


def test_the_title_row_above_the_table_names_the_report(tmp_path):
    """An export headed 「…計画（案）に対する意見一覧」 above its column names: the published title
    came from the file name (「comments」に対する意見募集の結果); the title row names the draft."""
    from cluster.pipeline import title_from_rows

    path = tmp_path / "comments.csv"
    path.write_text("第3次みどり市子ども・子育て支援計画（案）に対する意見一覧,,\n受付番号,提出方法,ご意見\n"
                    "1,郵送,学童保育の定員を増やしてほしい。\n2,FAX,病児保育の施設を増やしてください。\n", encoding="utf-8")
    run_cli(path, tmp_path / "out")
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# 第3次みどり市子ども・子育て支援計画（案）に対する意見募集の結果\n")
    run_cli(path, tmp_path / "given", "--title", "意見募集の結果")
    assert (tmp_path / "given" / "report.md").read_text(encoding="utf-8").startswith("# 意見募集の結果\n")
    assert title_from_rows(["2026年10月1日"]) == "" and title_from_rows(["意見一覧"]) == ""
    assert title_from_rows(["「駅前広場整備計画（素案）」についての御意見"]) == "駅前広場整備計画（素案）に対する意見募集の結果"


def test_the_run_line_counts_submissions_as_the_report_does(tmp_path):
    """A CSV row with every cell empty is in opinions.csv but is no submission; the run's line
    said 「3 submissions」 while the report said 提出件数 2件."""
    path = tmp_path / "comments.csv"
    path.write_text("番号,ご意見\n1,公園にベンチがほしい。\n,\n2,図書館を増やしてほしい。\n", encoding="utf-8")
    result = run_cli(path, tmp_path / "out")
    assert "2 submissions and 1 blank row -> 3 opinion rows (2 with content)" in result.output
    # no 氏名 column: the number of submitters is not known, so it is not printed as 2名
    assert "提出件数：2件（氏名の欄がないため" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


SECTIONED = [("1", "ドッグランは作らず、今の芝生広場を残してください。"), ("2", "ドッグランは作らず、今の芝生広場を残してください。"),
             ("3", "ドッグランは作らずに、今の芝生広場を残してください。"), ("4", "第1章の基本方針に防災公園としての役割を書いてください。"),
             ("5", "別添2の樹木管理計画で桜並木の伐採はやめてください。")]
SECTION_TOPICS = "topic,description\n第1章 基本方針,防災 理念\n第3章 整備計画,ドッグラン 芝生広場\n別添2 樹木管理計画,伐採 桜 樹木\n"


def test_report_rows_follow_the_drafts_sections_when_topics_are_given(tmp_path):
    """Published tables follow the draft's order; the largest cluster (第3章) used to come first."""
    src = write_comments_csv(tmp_path / "c.csv", SECTIONED, header=["番号", "ご意見"])
    topics = tmp_path / "topics.csv"
    topics.write_text(SECTION_TOPICS, encoding="utf-8")
    run_cli(src, tmp_path / "out", "--topics", topics)
    sections = [r["該当箇所"] for r in read_csv_rows(tmp_path / "out" / "report.csv")]
    assert sections == ["第1章 基本方針", "第3章 整備計画", "別添2 樹木管理計画"]
    run_cli(src, tmp_path / "count", "--topics", topics, "--order", "count")
    by_count = read_csv_rows(tmp_path / "count" / "report.csv")
    assert by_count[0]["該当箇所"] == "第3章 整備計画" and by_count[0]["件数"] == "3"
    clusters = read_csv_rows(tmp_path / "out" / "clusters.csv")  # the cluster ids keep their size order
    assert clusters[0]["topic"] == "第3章 整備計画"


def test_a_section_cited_by_one_copy_of_a_row_is_not_published_as_the_rows(tmp_path):
    """QA27: a row was published under 「第4章6節」 because one of its opinions named it, while the
    row shows (and most of its letters make) a request the topics file lists under 第4章5節."""
    ic = "ICカードで乗れるバスを増やしてください。路線バスでもICカードが使えると便利です。"
    rows = [("1", ic), ("2", ic),
            ("3", "第4章6節について、障害者割引をICカードでも受けられるようにしてください。"),
            ("4", "駅のエレベーターを増やしてください。")]
    src = write_comments_csv(tmp_path / "c.csv", rows, header=["番号", "ご意見"])
    topics = tmp_path / "topics.csv"
    topics.write_text("topic,description\n第4章5節 運賃・ICカード,ICカード 運賃\n"
                      "第4章6節 移動支援,障害者 高齢者 エレベーター\n", encoding="utf-8")
    out = tmp_path / "out"
    run_cli(src, out, "--topics", topics)
    ids = {r["opinion_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv")}
    if ids["3-1"] != ids["1-1"]:  # staff put it in the IC-card row
        assert invoke("review", "move", out, "3-1", ids["1-1"]).exit_code == 0
        run_cli(src, out, "--topics", topics)
    table = read_csv_rows(out / "report.csv")
    row = next(r for r in table if r["件数"] == "3")
    assert row["該当箇所"] == "第4章5節 運賃・ICカード"


def test_topics_with_no_opinion_to_match_are_no_error(tmp_path):
    src = write_comments_csv(tmp_path / "c.csv", [("1", ""), ("2", "")], header=["番号", "ご意見"])
    topics = tmp_path / "topics.csv"
    topics.write_text(SECTION_TOPICS, encoding="utf-8")
    run_cli(src, tmp_path / "out", "--topics", topics)
    assert [r["status"] for r in read_csv_rows(tmp_path / "out" / "opinions.csv")] == ["empty", "empty"]


def test_a_title_made_from_the_file_name_is_named(tmp_path):
    src = write_comments_csv(tmp_path / "iken.csv", SECTIONED[:2], header=["番号", "ご意見"])
    result = run_cli(src, tmp_path / "out")
    assert ("report title 「iken」に対する意見募集の結果 is made from the file name; "
            "--title \"○○計画（案）に対する意見募集の結果\" gives the whole heading") in result.output
    result = run_cli(src, tmp_path / "titled", "--title", "緑が丘公園再整備計画（案）に対する意見募集の結果")
    assert "made from the file name" not in result.output


def test_a_long_summary_written_by_staff_is_published_whole(tmp_path):
    """A representative opinion is shortened to fit an Excel row; what staff wrote never is."""
    # (every sentence asks: a long letter's story would be left out of its summary, test_summary.py)
    long_opinion = "芝生広場を残してほしい。" + "子どもが走り回れる場所を市内にもっと増やしてください。" * 30
    src = write_comments_csv(tmp_path / "c.csv", [("1", long_opinion)], header=["番号", "ご意見"])
    run_cli(src, tmp_path / "out")
    shown = read_csv_rows(tmp_path / "out" / "report.csv")[0]["ご意見の概要"]
    assert shown.endswith("…") and len(shown) <= 401
    summary = "芝生広場の存続を求める意見。" + "利用者の声として、子どもの遊び場が市内に少ないことが挙げられています。" * 12
    assert len(summary) > 401
    assert invoke("review", "summary", str(tmp_path / "out"), "C001", summary).exit_code == 0
    run_cli(src, tmp_path / "out")
    assert read_csv_rows(tmp_path / "out" / "report.csv")[0]["ご意見の概要"] == summary


def test_the_published_representative_is_one_without_personal_data_when_there_is_one(tmp_path):
    """The most central opinion of a row was 「私は北区に住む［氏名］と申します…連絡先：［電話番号］」;
    among the most central few, the report now shows the one with the least personal data masked."""
    rows = [("1", "私は北区に住む山本花子と申します。図書館の開館時間を延長してください。夜も利用したいです。"
                  "連絡先：03-9876-5432"),
            ("2", "開館時間の延長に賛成です。平日夜間も開けてください。\n以上\n髙橋 一郎（緑が丘市東町4-5-6）"),
            ("3", "図書館の開館時間を延長してください。"),
            ("4", "ごみの分別ルールをわかりやすくしてほしい。"), ("5", "駅前に駐輪場を作ってほしい。")]
    src = write_comments_csv(tmp_path / "c.csv", rows, header=["番号", "ご意見"])
    run_cli(src, tmp_path / "out")
    ops = {r["opinion_id"]: r for r in read_csv_rows(tmp_path / "out" / "opinions.csv")}
    assert ops["1-1"]["cluster_id"] == ops["3-1"]["cluster_id"]  # the rows the test is about share a row
    report = read_csv_rows(tmp_path / "out" / "report.csv")
    row = next(r for r in report if "開館時間" in r["ご意見の概要"])
    assert "［" not in row["ご意見の概要"], row["ご意見の概要"]
    run_cli(src, tmp_path / "plain", "--no-mask")  # unmasked: the most central one, whatever it holds
    assert any("開館時間" in r["ご意見の概要"] for r in read_csv_rows(tmp_path / "plain" / "report.csv"))


def test_the_final_report_has_confirmed_answers_only_and_names_the_rest(tmp_path, past_answers_csv):
    """A QA pass: no option gave the report to publish, without unconfirmed candidates."""
    src = write_comments_csv(tmp_path / "comments.csv")
    out = tmp_path / "out"
    run_cli(src, out, "--answers", past_answers_csv, "--min-answer-score", "0")
    report = read_csv_rows(out / "report.csv")
    assert any(r["回答の状態"] == "候補" for r in report)  # the working report shows candidates
    first = report[0]
    cid = read_csv_rows(out / "clusters.csv")[0]["cluster_id"]
    assert invoke("review", "answer", out, cid, "--text", "ご意見を踏まえ、検討してまいります。").exit_code == 0
    result = run_cli(src, out, "--answers", past_answers_csv, "--min-answer-score", "0", "--final")
    final = read_csv_rows(out / "report.csv")
    # the published table: no working columns (QA63), no candidate, the confirmed answer in its row
    assert "回答の状態" not in final[0] and "担当課" not in final[0]
    assert [r["考え方"] for r in final].count("ご意見を踏まえ、検討してまいります。") == 1
    assert not any("【回答案" in r["考え方"] for r in final)
    assert "【回答案" not in (out / "report.md").read_text(encoding="utf-8")
    assert f"final report: 1 of {len(final)} rows has a confirmed answer; still without one: No. 2," in result.output
    assert read_csv_rows(out / "answers.csv")  # the candidates stay where staff work
    assert first["件数"] == final[0]["件数"]


def test_a_letters_date_above_its_masked_address_and_name_is_not_published():
    """「敬具⏎令和8年11月5日⏎〒… 住所⏎氏名」: once the address and name are masked away, the date
    was left as the published opinion's last line (QA)."""
    from cluster.pipeline import report_form

    text = ("子どもが安心して遊べるよう遊具を更新してください。\n敬具\n令和8年11月5日\n"
            "〒123-4567 あおば市緑町四丁目5番地の6 グリーンハイツ203号室\n山田 花子")
    assert report_form(text, {"山田 花子"}) == "子どもが安心して遊べるよう遊具を更新してください。"
    assert report_form("令和8年11月5日から工事です。", set()) == "令和8年11月5日から工事です。"


def test_the_grouping_reads_opinions_without_their_contact_data():
    """Two requests whose only shared characters were a contact line's (「… at example dot jp」,
    「LINE ID: …」) shared a row (QA); the grouping now reads neither."""
    from cluster.pipeline import _clustering_text
    from cluster.records import Opinion

    def text_of(text: str) -> str:
        return _clustering_text(Opinion(opinion_id="1-1", comment_id="1", row_number=1, index=1, status="ok",
                                        text=text, start=0, end=len(text)))

    shown = text_of("ゴミ集積所の管理をお願いします。返信は taro.suzuki at example dot jp まで。電話090-1234-5678")
    assert "ゴミ集積所の管理をお願いします" in shown
    assert "example" not in shown and "1234" not in shown and "suzuki" not in shown
    assert "midori" not in text_of("公園の草刈りを増やして。X(旧Twitter) @midori_taro、LINE ID: midori123")


@pytest.mark.parametrize("option", ["--answers", "--topics"])
def test_a_missing_side_file_is_said_before_the_input_is_read(tmp_path, option):
    """QA: a mistyped --answers path was reported only after the whole input had been read."""
    src = write_comments_csv(tmp_path / "c.csv")
    result = invoke("run", src, "--out", tmp_path / "out", *model_args(), option, tmp_path / "nai.csv")
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [f"error: {tmp_path / 'nai.csv'}: file not found ({option})"]
    assert not (tmp_path / "out").exists()


def test_sheet_given_for_a_csv_is_said_to_be_ignored(tmp_path):
    src = write_comments_csv(tmp_path / "c.csv")
    result = run_cli(src, tmp_path / "out", "--sheet", "意見")
    assert "--sheet 意見 is for Excel files; c.csv is csv, so it has no sheets (ignored)" in result.output


def test_a_second_run_with_topics_into_the_same_folder_keeps_rows_and_topics(tmp_path):
    """A re-run keeps each row's representative; the first version of that skipped the row's
    centroid, and a re-run with --topics failed on the topic match."""
    src = write_comments_csv(tmp_path / "c.csv", SECTIONED, header=["番号", "ご意見"])
    topics = tmp_path / "topics.csv"
    topics.write_text(SECTION_TOPICS, encoding="utf-8")
    run_cli(src, tmp_path / "out", "--topics", topics)
    first = read_csv_rows(tmp_path / "out" / "clusters.csv")
    run_cli(src, tmp_path / "out", "--topics", topics)
    again = read_csv_rows(tmp_path / "out" / "clusters.csv")
    assert [(r["cluster_id"], r["topic"], r["representative_opinion_id"]) for r in again] == \
        [(r["cluster_id"], r["topic"], r["representative_opinion_id"]) for r in first]


def test_submissions_under_one_name_are_said_to_count_as_one_submitter(tmp_path):
    # QA: 1,700 letters under 322 names printed 「提出者数：322名」 with no word on why
    rows = [["1", "山田 花子", "図書館の開館時間を延長してください。"], ["2", "山田　花子", "駐輪場を増やしてほしい。"],
            ["3", "川村 健", "公園にベンチを置いてください。"]]
    path = write_csv(tmp_path / "c.csv", ["番号", "氏名", "ご意見"], rows)
    res = invoke("run", path, "--out", tmp_path / "out", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "提出者数: 3 submissions name 2 submitters (1 name is on more than one)" in res.output
    assert "提出者数：2名（提出件数 3件。同一の氏名による提出は1名として計上）" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    rows[1][1] = "山田 太郎"
    res = invoke("run", write_csv(tmp_path / "d.csv", ["番号", "氏名", "ご意見"], rows), "--out", tmp_path / "o2",
                 "--model", "char-hash")
    assert "submissions name" not in res.output


def test_a_submission_that_only_points_to_an_attachment_is_named(tmp_path):
    # QA: 「意見はありません。別添のとおり。」 was published as an opinion; the attachment never mentioned
    rows = [["1", "別添のとおり。"], ["2", "添付ファイルを参照してください。"],
            ["3", "別紙2の指標一覧に生物多様性の指標を追加してください。"], ["4", "駅前に駐輪場を増やしてほしい。"]]
    res = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "ご意見"], rows), "--out", tmp_path / "out",
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if "attachment" in x)
    assert line.startswith("2 submissions only point to an attachment") and ": 1, 2;" in line
    # QA30: once staff excluded one of them (対象外), it is not named again
    assert invoke("review", "exclude", tmp_path / "out", "1-1", "--reason", "添付ファイルのみ").exit_code == 0
    res = invoke("run", tmp_path / "c.csv", "--out", tmp_path / "out", "--model", "char-hash")
    line = next(x for x in res.output.splitlines() if "attachment" in x)
    assert line.startswith("1 submission only points to an attachment") and ": 2;" in line


def test_a_heading_that_names_a_person_is_no_place_in_the_draft(tmp_path):
    # QA: 「【緑が丘町内会 会長 ［氏名］】」 and 「父・［氏名］について」 were published in 該当箇所
    rows = [["1", "石黒 一郎", "【緑が丘町内会 会長 石黒】\nサロン活動に補助をお願いします。"],
            ["2", "", "【父・梅田清について】\n父は一人暮らしです。見守りを増やしてください。"],
            ["3", "", "駐輪場について\n屋根が壊れたままで雨の日は自転車が濡れます。修理をお願いします。"]]
    path = write_csv(tmp_path / "c.csv", ["番号", "氏名", "ご意見"], rows)
    res = invoke("run", path, "--out", tmp_path / "out", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    report = (tmp_path / "out" / "report.csv").read_text(encoding="utf-8-sig")
    assert "［氏名］" not in report and "町内会" not in report
    assert "駐輪場について" in report  # the citizen's own plain heading still names the subject


def test_a_row_holding_two_opinions_of_one_letter_is_named(tmp_path):
    # one letter asks the same thing twice in two items: both count in the row's 件数; the run says
    # so, with the command that makes them one opinion if the splitter cut one apart (a letter of
    # one row, T2, and one alone in its row, T3, are not named)
    rows = [
        ["T1", "1. 東分館の廃止に反対です。歩いて行ける図書館を残してください。\n"
               "2. 東分館の廃止には反対です。歩いて行ける図書館を残してください。"],
        ["T2", "東分館の廃止に反対です。東分館を残してください。"],
        ["T3", "東分館を閉館しないでください。"],
        ["T4", "図書館の開館時間を夜八時まで延長してほしい。"],
        ["T5", "電子書籍の貸出サービスを始めてほしい。"],
    ]
    src = write_comments_csv(tmp_path / "c.csv", rows, header=["受付番号", "ご意見"])
    out = tmp_path / "out"
    res = run_cli(src, out)
    ops = {r["opinion_id"]: r for r in read_csv_rows(out / "opinions.csv")}
    assert ops["T1-1"]["cluster_id"] == ops["T1-2"]["cluster_id"]
    cid = ops["T1-1"]["cluster_id"]
    line = next(x for x in res.output.splitlines() if "opinions of one submission" in x)
    assert f"{cid} (T1-1, T1-2)" in line and f"cluster review join {out} T1-1 T1-2" in line
    assert "T2" not in line and "T3" not in line
