"""`--lang ja` / CLUSTER_LANG=ja: the lines `cluster run` and `cluster review …` print, in Japanese.

Each command is run twice on the same input, in English (the default) and in Japanese; every
Japanese line must be worded by the table of cluster/messages_ja.py (not only its prefix), hold
Japanese the English line does not, and keep every number, id, file name, path, backticked
command and quoted text 「…」 of its English twin verbatim. The inputs are small invented
Japanese comments (and the shipped sample)."""
from __future__ import annotations

import csv
import getpass
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cluster.cli import main
from cluster.messages_ja import is_known, translate, translating

from conftest import model_args

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample_comments.csv"
PAST = ROOT / "data" / "sample_past_answers.csv"

# what must survive: commands in backticks, quoted texts, paths, file names, anything with a digit
TOKENS = re.compile(r"`[^`]*`|「[^」]*」|(?:/[\w.~-]+)+/?|[\w-]+\.(?:csv|xlsx|jsonl|json|md|html|txt)\b"
                    r"|[\w/~+-]*\d[\w./~+-]*")
JAPANESE = re.compile(r"[ぁ-んァ-ン一-龥]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?(?:\+\d\d:\d\d)?")


def _cli(*args, env=None) -> list[str]:
    result = CliRunner().invoke(main, [str(a) for a in args], env=env, prog_name="cluster")
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


def _lines_agree(english: list[str], japanese: list[str], same: dict[str, str] = {}) -> int:
    """Every Japanese line is a known translation of its English twin; returns the lines checked."""
    assert len(english) == len(japanese), (english, japanese)
    for en, ja in zip(english, japanese):
        for theirs, ours in same.items():  # (the Japanese run's folder, named as the English one's)
            ja = ja.replace(theirs, ours)
        english_words = LATIN_WORD.search(TOKENS.sub("", en))
        if not english_words and ja == en:  # nothing English to word (`review show`'s 「   P-008-1  …」)
            continue
        times = iter(TIME.findall(en))  # (the two runs' decisions were recorded seconds apart)
        ja = TIME.sub(lambda m: next(times, m.group()), ja)
        assert is_known(en), f"no Japanese wording for: {en}"
        assert ja == translate(en), (en, ja)  # (the command printed the table's wording)
        assert set(JAPANESE.findall(ja)) - set(en) or not english_words, (en, ja)
        missing = [t.rstrip(".") for t in TOKENS.findall(en) if t.rstrip(".") not in ja]
        assert not missing, (missing, en, ja)
    return len(english)


def test_sample_run_in_japanese(tmp_path):
    en = _cli("run", SAMPLE, "--answers", PAST, "--out", tmp_path / "en", *model_args())
    ja = _cli("run", SAMPLE, "--answers", PAST, "--out", tmp_path / "ja", *model_args(), "--lang", "ja")
    assert _lines_agree(en, ja, {str(tmp_path / "ja"): str(tmp_path / "en")}) >= 11
    assert any(re.fullmatch(r"提出73件を意見105行に分けました（内容のあるもの91件）", line) for line in ja), ja
    assert any(re.fullmatch(r"意見\d+件を\d+項目にまとめました。出力先：.*/ja/", line) for line in ja), ja
    assert en[0].endswith("report.xlsx") and "clusters ->" in en[0]  # English stays the default


def _write(path: Path, header, rows, encoding="utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


PARKING = "駅前の駐輪場が足りません。駐輪場を増やしてください。"
LIBRARY = "図書館の開館時間を延長してほしい。平日は仕事で行けません。"
TREES = "みどり公園の木を残してください。夏の日陰として欠かせません。"
BUS = "コミュニティバスの本数を増やしてください。"
LETTER = "みどり公園の樹木伐採計画に反対します。木を残した整備計画に見直してください。"


def _small_inputs(tmp_path: Path) -> list[list]:
    """A CP932 file with an unused column and duplicates, one with a title row, an empty row and a
    repeated id, a campaign with topics, two files read as one consultation, and a file whose text
    column cannot be guessed."""
    d = tmp_path / "in"
    d.mkdir()
    cp932 = _write(d / "郵送分.csv", ["番号", "メモ", "ご意見"],
                   [["1", "x", PARKING], ["2", "", LIBRARY], ["3", "", TREES], ["4", "", BUS], ["5", "", PARKING],
                    ["6", "", PARKING]], encoding="cp932")
    titled = d / "titled.csv"
    titled.write_text("みどり市 公園整備計画（案）に対する意見一覧\n番号,氏名,ご意見\n1,山田,"
                      f"{PARKING}\n1,佐藤,{LIBRARY}\n,,\n3,,\n4,鈴木,{TREES}\n5,,{BUS}\n", encoding="utf-8")
    campaign = _write(d / "camp.csv", ["ID", "氏名", "本文"],
                      [[str(i), "", LETTER + ("" if i % 2 else "私も毎朝散歩しています。")] for i in range(1, 9)]
                      + [["9", "", LIBRARY], ["10", "", BUS]])
    topics = _write(d / "topics.csv", ["topic", "description"], [["第1章 公園", "公園 樹木 伐採 日陰"],
                                                                  ["第2章 図書館", "図書館 開館時間"]])
    nothing = _write(d / "bad.csv", ["a", "b"], [["1", "2"]])
    return [[cp932], [titled, "--order", "section"], [campaign, "--topics", topics], [cp932, campaign],
            [d / "missing.csv"], [nothing], [cp932, "--text-column", "本文"], [cp932, "--encoding", "utf-8"]]


def test_small_runs_in_japanese(tmp_path):
    checked = 0
    for k, args in enumerate(_small_inputs(tmp_path)):
        out_en, out_ja = tmp_path / f"en{k}", tmp_path / f"ja{k}"
        en = _cli("run", *args, "--out", out_en, "--model", "char-hash")
        ja = _cli("run", *args, "--out", out_ja, "--model", "char-hash", "--lang", "ja")
        checked += _lines_agree(en, ja, {str(out_ja): str(out_en)})
    assert checked >= 40, checked


def test_late_comments_and_env(tmp_path, monkeypatch):
    rows = [[str(i + 1), t] for i, t in enumerate([PARKING, LIBRARY, TREES, BUS, PARKING])]
    first = _write(tmp_path / "comments.csv", ["受付番号", "ご意見"], rows)
    late = _write(tmp_path / "comments_late.csv", ["受付番号", "ご意見"],
                  rows + [["6", "ごみ収集の回数を増やしてください。"], ["7", "街灯を増やしてほしい。"]])
    for out in ("en", "ja"):
        _cli("run", first, "--out", tmp_path / out, "--model", "char-hash")
    en = _cli("run", late, "--out", tmp_path / "en", "--model", "char-hash")
    ja = _cli("run", late, "--out", tmp_path / "ja", "--model", "char-hash", env={"CLUSTER_LANG": "ja"})
    _lines_agree(en, ja, {str(tmp_path / "ja"): str(tmp_path / "en")})
    assert "追加の意見：新しい意見（重複をまとめて）2件：2件で新しい項目2つ" in ja, ja
    # the option wins over the environment, and one invocation's --lang does not stay for the next
    assert _cli("run", tmp_path / "none.csv", "--out", tmp_path / "x", "--lang", "en", env={"CLUSTER_LANG": "ja"}) \
        == [f"error: {tmp_path / 'none.csv'}: file not found"]
    assert _cli("run", tmp_path / "none.csv", "--out", tmp_path / "x") == [f"error: {tmp_path / 'none.csv'}: file not found"]


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "run"
    _cli("run", SAMPLE, "--answers", PAST, "--out", out, *model_args())
    return out


def test_review_lines_in_japanese(sample_run, tmp_path):
    en_dir, ja_dir = tmp_path / "en", tmp_path / "ja"
    shutil.copytree(sample_run, en_dir)
    shutil.copytree(sample_run, ja_dir)
    with open(en_dir / "opinions.csv", encoding="utf-8-sig", newline="") as fh:
        ok = [r for r in csv.DictReader(fh) if r["status"] == "ok"]
    with open(en_dir / "clusters.csv", encoding="utf-8-sig", newline="") as fh:
        c1, c2, c3, c4, c5 = [r["cluster_id"] for r in csv.DictReader(fh)][:5]
    alone = {c: [r["opinion_id"] for r in ok if r["cluster_id"] == c and not r["duplicate_group"]] for c in (c2, c3)}
    copies = [r["opinion_id"] for r in ok if r["duplicate_group"]]
    text = {r["opinion_id"]: r["text"] for r in ok}
    commands = [
        ["department", c4, "交通政策課"], ["department", c5, "道路課"],  # rows of two departments merged: a note
        ["merge", c4, c5], ["merge", c4, c5], ["move", alone[c2][0], c3], ["split", *alone[c3][:2]],
        ["exclude", alone[c2][1], "--reason", "テスト送信"], ["exclude", copies[0]],
        ["label", c1, "東町線の存続"], ["summary", c1, "東町線を存続させてほしい。"],
        ["answer", c2, "--answer-id", "1"], ["answer", c3, "--text", "ご意見として承ります。"], ["answer", c3],
        ["confirm", c1], ["category", c1, "A"], ["section", c1, "第3章 公共交通"], ["department", c1, "交通政策課"],
        ["department", c1, " "], ["detach", copies[1]],
        ["undo"], ["undo", "--decision", "1"], ["move", "P-999-9", c1], ["confirm", "C999"], ["merge", c1],
        ["list"],
        # refused: each says why in Japanese
        ["exclude", alone[c2][1]], ["label", c1, " "], ["undo", "--decision", "999"], ["undo", "--decision", "1"],
        ["join", alone[c3][2]], ["cut", alone[c3][2], "--before", text[alone[c3][2]][:5]],
        ["cut", alone[c3][2], "--before", "本文にない言葉"], ["detach", alone[c3][2]],
    ]
    checked = 0
    for command in commands:
        kind, rest = command[0], command[1:]
        en = _cli("review", kind, en_dir, *rest)
        ja = _cli("review", kind, ja_dir, *rest, "--lang", "ja")
        checked += _lines_agree(en, ja, {str(ja_dir): str(en_dir)})
    assert checked >= 45, checked
    en = _cli("run", SAMPLE, "--answers", PAST, "--out", en_dir, *model_args())
    ja = _cli("run", SAMPLE, "--answers", PAST, "--out", ja_dir, *model_args(), "--lang", "ja")
    _lines_agree(en, ja, {str(ja_dir): str(en_dir)})
    assert any(line.startswith("職員の判断（") for line in ja), ja


def test_translate_keeps_what_it_does_not_know():
    line = "grouping took 3.5 s for C001 (see `cluster review show out C001`)"
    assert translate(line) == line and not is_known(line)
    assert translate("error: " + line) == "エラー：" + line  # the prefix only; the rest as it was
    assert translate("warning: 1 番号 value used by more than one row: 7 (rows 2, 3 in opinions.csv); the repeats "
                     "are read as 7~2 (is 番号 the id column? --id-column names another)") == (
        "警告：番号の同じ値が複数の行にあります（1件）：7（opinions.csv の row_number 2, 3）。2つ目以降は 7~2 として読みます"
        "（番号はIDの列ですか？ 別の列なら --id-column で指定してください）")
    said = []
    translating(said.append)("91 opinions in 32 clusters; wrote out/")
    assert said == ["意見91件を32項目にまとめました。出力先：out/"]


def test_usage_errors_in_japanese(tmp_path):
    """click's usage errors, in one Japanese line too: also one found before --lang is read."""
    assert _cli("review", "merge", tmp_path, "C001", "--bogus", "--lang", "ja") == [
        "エラー：--bogus というオプションはありません（`cluster review merge --help` を参照）"]
    assert _cli("run", "--out", tmp_path / "x", "--lang", "ja") == [
        "エラー：引数 'INPUT...' がありません（`cluster run --help` を参照）"]
    assert _cli("run", "a.csv", "--out", tmp_path / "x", "--order", "x", env={"CLUSTER_LANG": "ja"}) == [
        "エラー：--order の値 'x' は使えません。使える値：'auto', 'section', 'count'（`cluster run --help` を参照）"]
    assert _cli("run", "a.csv", "--out", tmp_path / "x", "--order", "x") == [
        "error: Invalid value for '--order': 'x' is not one of 'auto', 'section', 'count'. (see `cluster run --help`)"]


def test_late_and_id_warnings_keep_their_ids():
    said = translate("note: 2 late opinions joined C001, which has 対応区分 C and a confirmed answer from before they "
                     "came (all of them copies or near-copies of opinions already in it): check it still fits them "
                     "(M0-1, M2-1)")
    assert said == ("注：追加の意見2件が C001 に入りました。C001 の対応区分 C・確定した回答は、追加の前に記録したものです"
                    "（どれも、すでにある意見の写し・ほぼ写しです）。追加の意見にも合うか確かめてください（M0-1, M2-1）")
    assert translate("3 rows without a 受付番号 are numbered by their place: FAX-3 (sheet FAX row 4), 電子メール-1 "
                     "(sheet 電子メール row 2) and 4 more") == (
        "受付番号のない3行は、表の中の位置で番号を付けました：FAX-3 (シート FAX の4行目), 電子メール-1 "
        "(シート 電子メール の2行目)、ほか4行")


@pytest.mark.parametrize("line", [
    # QA30: lines staff met in English, and one that sent them to the wrong row
    "warning: sheets FAX (no column of opinions), 集計 (a count, example or working sheet by its name) not read: no list "
    "of comments (--sheet NAME reads one of them alone)",
    "sheet 集計 (a count, example or working sheet by its name) not read: no list of comments (--sheet NAME reads it alone)",
    "sheet 集計 (a count, example or working sheet by its name, 2 rows) not read: no list of comments (--sheet NAME reads it "
    "alone)",
    "1 submission only points to an attachment (「別添のとおり」): W-016; their opinions are in files this run does "
    "not read: type each one's text into its own row of the file it came from, or into another file's row under the "
    "same id, to count and group them",
    "1 submission only points to an attachment (「別添のとおり」): L-20; their opinions are in files this run does "
    "not read: type each one's text into its own row of the file it came from, or into another file's row under the "
    "same id, to count and group them (rows of "
    "another file with the same ids, 添付-L-20, are new submissions, counted twice)",
    "error: split of W-010-4 W-011-1 changes nothing: they are all of C006 (2 opinions), already a cluster of their own",
    # QA43: the reason of a letter's 意見の趣旨 items, refused with 「its status is not ok」 half in English
    "error: opinion 'K-039-3' is not in any cluster (it gives the reasons for another opinion of its submission (status "
    "reason: a letter's 意見の理由 under several 意見の趣旨 items, a form's reason cell, or the writer's own lines over a "
    "forwarded campaign text), no opinion of its own); only clustered opinions can be moved or split",
    "error: opinion 'K-039-3' is not in any cluster (it gives the reasons for another opinion of its submission (status "
    "reason: a letter's 意見の理由 under several 意見の趣旨 items, a form's reason cell, or the writer's own lines over a "
    "forwarded campaign text), no opinion of its own); only clustered opinions are in duplicate groups",
    "error: opinion 'P-070-2' is not in any cluster (its status is greeting); only clustered opinions can be moved or "
    "split",
    "error: past answer '3' has no answer text (its row in 前回の考え方.csv has an empty answer column, so it was "
    "skipped when the past answers were read); write the answer with --text, or fill it in and run again",
    "error: 「Z」 is not one of this run's categories (対応区分); one of: A：修正したもの; B：盛り込み済み",
    "error: 存在しない.xlsx: no such file",
    "note: C001 (W-0018-1 「救急の集約に賛成です。」) holds 賛成 and C024 (W-0105-1 「北病院の救急廃止には反対です。」) holds 反対 "
    "opinions: one row of the published table will answer both stances (`cluster review undo` withdraws the merge)",
    # QA31 / QA32 (fourteenth session)
    "提出者数: 42 submissions name 41 submitters (1 name is on more than one): submissions under one 氏名 count as one "
    "submitter (two people of one name too); with the 30 submissions without a name, one submitter each, the report "
    "says 71名; --submitter-column names another column",
    "error: 教育委員会.csv comes after --answers and has an answer column (本市の考え方): it would be read as comments; "
    "give each past-answer file its own --answers (--answers 前回.xlsx --answers 教育委員会.csv), or name the comment "
    "files before --answers",
    "report.* are NOT masked (--no-mask): check them before publishing; keep inside the office: opinions.csv, "
    "clusters.csv, answers.csv (the text as sent, personal data included)",
    # QA34: notes on the rows a merge, move or import touches
    "would record nothing from ws_公園緑地課.xlsx (18 rows unchanged, 12 changes recorded before)",
    "C003's confirmed answer (past answer report:12: 「公園の樹木は、できる限り保全い…」) now stands for C026's 1 opinion "
    "too; check it or record another with `cluster review answer`",
    "R8-064-1 leaves C022, a confirmed row (confirmed answer (past answer report:3: 「公共施設のLED化については…」)), "
    "for a cluster of its own, which has no answer yet: check both rows after the next run (`cluster review answer` "
    "records one)",
    "2 opinions (R8-1-1, R8-2-1) leave C005, a row with staff's text (label 【熱中症】 and summary 「涼しい場所を」), for "
    "C009, which has no confirmed answer yet: check both rows after the next run",
    "C015: replaces the category recorded from ws_廃棄物対策課.xlsx by 廃棄物対策課 on 2026-11-28 16:53 (decision 12): "
    "「B 盛り込み済み」",
    "   1  category  C020  B 盛り込み済み  (1 opinion)  from ws_環境政策課.xlsx (46d3f3)  by 環境政策課  "
    "2026-11-28T07:53:39+00:00",
    # QA52: web-form exports (an option's and a row's names kept as they are)
    "warning: columns of free text not read: 第2章について, その他ご意見 (give --text-column once for each column to "
    "read, in the order wanted)",
    "2 rows withdrawn or a test by ステータス (取下げ 1, テスト 1: rows 3, 5 in opinions.csv (lines 4, 6 of the file)): "
    "kept in opinions.csv as excluded, not counted, grouped or published",
])
def test_lines_staff_met_in_english_are_japanese(line):
    ja = translate(line)
    assert is_known(line) and JAPANESE.search(ja.split("：", 1)[-1]) and ja != line
    missing = [t.rstrip(".") for t in TOKENS.findall(line) if t.rstrip(".") not in ja]
    assert not missing, (missing, ja)


def test_a_row_number_of_opinions_csv_is_named_as_its_column():
    """QA30: 「opinions.csv の11行目」 sent staff to the 11th line; it is the row_number 11."""
    ja = translate("1 row with every cell empty (row 11 in opinions.csv (line 17 of the file)): kept in opinions.csv "
                   "(status empty), not counted as submissions")
    assert "row_number 11" in ja and "11行目" not in ja


def test_the_lines_of_the_file_are_in_japanese_brackets():
    """A half-width 「(ファイルの4, 6行目)」 in a Japanese line; its brackets are Japanese ones."""
    ja = translate("warning: 1 受付番号 value used by more than one row: 2 (rows 3, 5 in opinions.csv (lines 4, 6 of "
                   "the file)); the repeats are read as 2~2 … (is 受付番号 the id column? --id-column names another)")
    assert "（ファイルの4, 6行目）" in ja and "(ファイル" not in ja, ja


def test_a_workbook_read_a_sheet_at_a_time_in_japanese(tmp_path):
    """A web form's sheet and a typed-in letters' sheet with columns of their own (read as two inputs)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "電子申請"
    for row in (["受付番号", "受付日時", "ご意見"], ["E-1", "1月10日", "図書館の開館時間を夜8時まで延長してほしい。"],
                ["E-2", "1月11日", "駅前の駐輪場を増やしてください。"]):
        ws.append(row)
    ws = wb.create_sheet("郵送・FAX")
    for row in (["No.", "提出方法", "氏名", "意見内容"], ["1", "郵送", "佐藤花子", "図書館を夜遅くまで開けてほしいです。"],
                ["1", "FAX", "", "公園にトイレを設置してください。"]):
        ws.append(row)
    wb.save(tmp_path / "受付.xlsx")
    en = _cli("run", tmp_path / "受付.xlsx", "--out", tmp_path / "en", "--model", "char-hash")
    ja = _cli("run", tmp_path / "受付.xlsx", "--out", tmp_path / "ja", "--model", "char-hash", "--lang", "ja")
    assert _lines_agree(en, ja, {str(tmp_path / "ja"): str(tmp_path / "en")}) >= 8
    assert any(line.startswith("2つのシート・ファイルを1つの意見募集として読みました：受付.xlsx（シート 電子申請） 2行") for line in ja), ja

# --- `cluster review show` and `cluster answers`

SHOW_ROWS = [["1", PARKING], ["2", PARKING], ["3", PARKING], ["4", LIBRARY], ["5", "図書館を夜遅くまで開けてほしい。"],
             ["6", TREES], ["7", BUS], ["8", "1. ごみ収集の回数を増やしてください。\n2. 街灯を増やしてほしい。"]]
PAST_ROWS = [["1", "駅前の駐輪場が足りないので増やしてほしい。", "駐輪場の増設を検討してまいります。"],
             ["2", "図書館の開館時間を延長してほしい。", "開館時間の延長を検討してまいります。"],
             ["3", "公園のトイレを改修してほしい。", ""]]


def _clusters(out: Path) -> dict[str, str]:
    with open(out / "opinions.csv", encoding="utf-8-sig", newline="") as fh:
        return {r["opinion_id"]: r["cluster_id"] for r in csv.DictReader(fh)}


def test_review_show_in_japanese(tmp_path):
    comments = _write(tmp_path / "comments.csv", ["受付番号", "ご意見"], SHOW_ROWS)
    past = _write(tmp_path / "past.csv", ["No.", "ご意見の概要", "市の考え方"], PAST_ROWS)
    dirs = {"en": tmp_path / "en" / "run", "ja": tmp_path / "ja" / "run"}  # (one name: `show` names the folder)
    same = {str(dirs["ja"]): str(dirs["en"])}
    for d in dirs.values():
        _cli("run", comments, "--answers", past, "--out", d, "--model", "char-hash")
    where = _clusters(dirs["en"])
    assert where == _clusters(dirs["ja"])
    parking, library, trees, bus = where["1-1"], where["4-1"], where["6-1"], where["7-1"]
    short = "C" + str(int(library[1:]))  # C3 for C003, as people type it

    def both(*args, env=None) -> list[str]:
        en = _cli(*[dirs["en"] if a == "DIR" else a for a in args])  # (English: CLUSTER_LANG only for the other)
        ja = _cli(*[dirs["ja"] if a == "DIR" else a for a in args], *([] if env else ["--lang", "ja"]), env=env)
        _lines_agree(en, ja, same)
        return ja

    said = []
    for item in (parking, "1-1", short, "6-1", "A1-1"):
        said += both("review", "show", "DIR", item)
    said += both("review", "show", "DIR", parking, env={"CLUSTER_LANG": "ja"})
    for decision in (["label", parking, "駐輪場の増設"], ["summary", parking, "駐輪場を増やしてほしい。"],
                     ["answer", parking, "--answer-id", "1"], ["category", parking, "A"],
                     ["section", parking, "第2章 自転車"], ["department", parking, "道路課"], ["merge", trees, bus],
                     ["exclude", "8-2"]):
        both("review", decision[0], "DIR", *decision[1:])
    said += both("review", "show", "DIR", parking) + both("review", "show", "DIR", "8-2")
    for d in dirs.values():
        _cli("run", comments, "--answers", past, "--out", d, "--model", "char-hash")
    both("review", "confirm", "DIR", parking)
    for item in (parking, trees, bus, "8-2", "2-1"):
        said += both("review", "show", "DIR", item)
    assert len(said) >= 60, len(said)
    number = next(r["report_no"] for r in csv.DictReader(open(dirs["ja"] / "clusters.csv", encoding="utf-8-sig"))
                  if r["cluster_id"] == parking)
    for wording in (f"{parking}（報告書の No. {number}）：件数3件（同文・ほぼ同文の意見を1件と数えると1件）",
                    "ご意見の概要：駐輪場を増やしてほしい。", "見出し：駐輪場の増設（職員が記入）",
                    "該当箇所：第2章 自転車（職員が記入）", "対応区分：（なし）", "担当課：道路課", "担当課：（なし）",
                    "   （なし）",
                    "本文：" + PARKING, "8-2 に関する判断：", f"{parking} とその意見に関する判断："):
        assert wording in said, (wording, said)
    patterns = [r"考え方（回答）：確定済み（過去の回答 1）「駐輪場の増設を検討してまいります。」",
                r"考え方（回答）：未確定。回答候補：過去の回答 2（一致度 0\.\d\d）「開館時間の延長を検討してまいります。」",
                r"意見 1-1（提出 1）：状態 ok（有効な意見）、項目 C\d+（.*、意見3件）。重複グループ D\d+（同文意見3件）",
                r"意見 8-2（提出 8）：状態 excluded（対象外）、どの項目にも入っていません",
                r"   1-1（同文意見 \+2件）  " + PARKING,
                r"ID 'A1-1' は run のどの項目・意見にもありません.*",
                r"見出し：.*。判断1（前回の実行のあとに記録）により、次の `cluster run` で「駐輪場の増設」になります",
                r"C\d+（現在は C\d+）(?:（報告書の No\. \d+）)?：件数\d+件.*"]
    for pattern in patterns:
        assert any(re.fullmatch(pattern, line.removeprefix("エラー：")) for line in said), (pattern, said)
    # no English word left over, but the names staff meet in the files (status ok, cluster_id; past, the past
    # answers' file, named as their source) and the OS user
    kept = re.compile(r"`[^`]*`|\b(?:ID|No|ok|excluded|cluster_id|opinion_id|run|root|past|%s)\b" % re.escape(getpass.getuser()))
    assert not [line for line in said if LATIN_WORD.search(TOKENS.sub("", kept.sub("", line)))], said


def test_answers_in_japanese(tmp_path):
    past = _write(tmp_path / "past.csv", ["No.", "ご意見の概要", "市の考え方"], PAST_ROWS)
    query = _write(tmp_path / "query.csv", ["番号", "ご意見"], [["1", PARKING], ["2", ""], ["3", LIBRARY]])
    en = _cli("answers", past, "--query", query, "--out", tmp_path / "en.csv", "-k", "2", "--model", "char-hash")
    ja = _cli("answers", past, "--query", query, "--out", tmp_path / "ja.csv", "-k", "2", "--model", "char-hash",
              "--lang", "ja")
    assert _lines_agree(en, ja, {"ja.csv": "en.csv"}) >= 4
    assert f"過去の回答の候補：意見2件について、候補4行を {tmp_path / 'ja.csv'} に書き出しました（空の行1行は飛ばしました）" \
        in ja, ja
    assert "検索する意見：query.csv（csv, utf-8）：本文の列 = ご意見、IDの列 = 番号（推定）" in ja, ja
    with open(tmp_path / "ja.csv", encoding="utf-8-sig", newline="") as fh:  # the file keeps its English columns
        assert next(csv.reader(fh))[:4] == ["query_id", "rank", "answer_id", "score"]
    env = _cli("answers", past, "--query", query, "--out", tmp_path / "env.csv", "--model", "char-hash",
               env={"CLUSTER_LANG": "ja"})
    assert env and all(JAPANESE.search(line) for line in env), env
    assert _cli("answers", past, "--query", query, "--out", tmp_path / "x.csv", "-k", "0", "--lang", "ja") == [
        "エラー：-k には1以上を指定してください"]
    assert _cli("answers", past, "--out", tmp_path / "x.csv", "--lang", "ja") == [
        "エラー：--query を指定してください（`cluster answers --help` を参照）"]


def test_a_broken_decisions_file_is_named_in_japanese(tmp_path):
    comments = _write(tmp_path / "comments.csv", ["受付番号", "ご意見"], SHOW_ROWS)
    out = tmp_path / "out"
    _cli("run", comments, "--out", out, "--model", "char-hash")
    (out / "decisions.jsonl").write_text('{"kind": "label"\n', encoding="utf-8")
    en = _cli("review", "show", out, "1-1")
    ja = _cli("review", "show", out, "1-1", "--lang", "ja")
    _lines_agree(en, ja)
    assert ja[0].startswith(f"エラー：{out / 'decisions.jsonl'}：1行目は判断の記録として読めません（"), ja
    (out / "decisions.jsonl").write_bytes('{"kind": "label", "by": "山田"}\n'.encode("cp932"))
    en, ja = _cli("review", "list", out), _cli("review", "list", out, "--lang", "ja")
    _lines_agree(en, ja)
    assert "Shift_JIS（Windows の \"ANSI\"、CP932）で保存されています" in ja[0], ja


@pytest.mark.parametrize("line", [
    # decisions.jsonl, worksheet cells, late-run regrouping: rarer lines, each in Japanese
    "error: out/decisions.jsonl: lines 3, 4 were saved as UTF-16 (PowerShell 5's >> appends so), the rest as UTF-8: "
    "type those lines again in UTF-8, or remove them; until then nothing is read from it or added to it",
    "error: out/decisions.jsonl: line 2 is not UTF-8 text; fix or remove that line",
    "row 5 (C003): 考え方 was emptied; nothing recorded (withdraw a decision with `cluster review undo`)",
    "error: worksheet.xlsx, row 4, column 考え方 holds a formula (=A1&B1); type the text itself",
    "error: worksheet.xlsx, row 7: cluster 'C099' is not one of this worksheet's clusters (was the row copied from "
    "another worksheet?)",
    "error: worksheet.xlsx, row 8: cluster C004 appears twice (also row 6); keep one row",
    "error: worksheet.xlsx, row 4 (C003), column 対応区分: 「Z」 is not one of this run's categories (対応区分); nothing "
    "recorded; one of: A：修正したもの; B：盛り込み済み",
    "error: 回答.xlsx: not a worksheet written by `cluster run` (sheet '回答作成' or its hidden sheet is missing); use the "
    "worksheet.xlsx from the run folder",
    "re-run: earlier opinions changed in the input: 2 corrected (each keeps its cluster): 3-1, 4-1; 1 no longer in the "
    "input or rewritten (each leaves its cluster): 5-1; the other clusters are kept",
    "withdrawn since the earlier run (merge / move): 2 distinct opinions placed again without it (P-001-1 -> C001, "
    "P-002-1 -> C004); the other clusters are kept",
    "worksheet.xlsx was filled in where it lay (its cells differ from what the run wrote): kept as "
    "worksheet.edited-1.xlsx; import it with `cluster review import out out/worksheet.edited-1.xlsx`",
    "note: 2 earlier opinions change rows with their duplicate group, which late near-copies joined to a group of "
    "another row (1 row): P-1-1 (C001 → C003), P-2-1 (C001 → C003); `cluster review detach out ID …` takes them out "
    "of the joined group (each is then placed on its own text)",
    "   3  move  into C002  P-1-1  (1 opinion)  by 山田  2026-01-01T00:00:00+00:00  (no longer applies: its opinions "
    "are gone)",
    "past answers: index saved to out/index",
    "error: opinion 'P-009-1' has status greeting; only opinions with status ok can be joined",
    "error: unknown id 'C99': no cluster or opinion of out has it; did you mean C009, C019? (see cluster_id in "
    "clusters.csv, opinion_id in opinions.csv)",
    # QA52: web-form exports
    "choice columns not counted: 計画案全体についてどう思いますか, 年代 (answers picked from a list; this run tallies "
    "no choices)",
    "not merged: 台帳-10 / フォーム-10: a submission that only points to an attachment and a row of another file with "
    "the same number, both files numbering their records 1..N: counted as two submissions (to type an attachment's "
    "text into another file, name that file 添付…)",
    "32 submissions and 2 withdrawn -> 37 opinion rows (33 with content)",
    "opinion columns 第2章について, その他ご意見: each one's opinions in turn (each column's name is the heading of its "
    "answers)",
    # QA51: a topics file pasted from the draft's 目次
    "topics: 目次.txt read as a table of contents: 20 topics, 20 with pages (each from its page to the page before the "
    "next topic's); leaders and page numbers removed from 20 names; 12 第N節 named under their chapter (第M章第N節); "
    "the 目次 line skipped",
    "topics: 章立て.txt read as a table of contents: 8 topics, 0 with pages; 3 第N節 named under their chapter (第M章第N節)",
])
def test_rarer_lines_are_japanese(line):
    ja = translate(line)
    assert is_known(line) and ja != line, ja
    body = ja.split("：", 1)[-1] if ja.startswith(("エラー：", "注：")) else ja
    names = r"\b(?:ID|UTF|ANSI|PowerShell|Windows|Shift_JIS|CP|cluster_id|opinion_id|status|ok|greeting|out|index|worksheet)\b"  # (names, kept)
    assert not LATIN_WORD.search(re.sub(names, "", TOKENS.sub("", body))), ja
    missing = [t.rstrip(".") for t in TOKENS.findall(line) if t.rstrip(".") not in ja]
    assert not missing, (missing, ja)


@pytest.mark.parametrize("line", [
    # QA31: past answers read from a published table and from this tool's own report
    "past answers: R5.xlsx (xlsx, sheet 第1章; header found on row 5; 1 row above it skipped (title): row 1 「○○計画（案）"
    "に対する意見募集の結果」; 1 row repeating the header skipped (page break, not answers): row 14; 2 rows below the data "
    "skipped (note, not answers): row 19 「※同趣旨の意見は一つにまとめております。」, row 20 「※件数は…」): opinion column = "
    "ご意見の概要, answer column = 市の考え方, id column = No. (guessed)",
    "past answers: R5.xlsx: merged cells: filled 2 merged ranges with the value of their first row (市の考え方 2)",
    "past answers: R5.xlsx: joined 1 row without No. to the row above (a cell split over rows, as in a table converted "
    "from PDF): row 11 to row 10",
    "past answers: report.csv: skipped 34 rows without an answer of that consultation (a report of this tool; 0 confirmed "
    "answers read): 22 hold an unconfirmed candidate 【回答案…未確認】 (an older past answer or one never confirmed), 12 "
    "「（考え方は未記入）」 (no answer written): report:1, report:2 ...",
    "error: no past answers with an answer text in out/report.csv (a report of this tool without a confirmed answer: its "
    "candidates are not answers of that consultation; give the published table, or confirm answers with `cluster review "
    "answer` and write the report again)",
    "error: answer id '5' names 2 past answers: R5:5 「保育所の…」; R6:5 「公園の…」; give the whole id",
    "answer id 'No.5' read as past answer R5:第1章:5 (the only past answer of this run numbered so)",
    "read 2 rows from rep.csv (csv, utf-8; 1 row repeating the header skipped (not submissions): row 3); columns: text = "
    "ご意見 (guessed), id = 受付番号 (guessed), channel = (none), submitter = (none)",
])
def test_past_answer_lines_of_published_tables_are_japanese(line):
    ja = translate(line)
    assert is_known(line) and ja != line
    assert not LATIN_WORD.search(re.sub(r"(?<![A-Za-z])(?:csv|xlsx|utf|No|ID|PDF|report|out)(?![A-Za-z])", "", TOKENS.sub("", ja))), ja
    missing = [t.rstrip(".") for t in TOKENS.findall(line) if t.rstrip(".") not in ja]
    assert not missing, (missing, ja)
