"""QA73: lines still printed in English under --lang ja (input mistakes, re-run reasons, review mistakes, the
decision list's words) have Japanese wording."""

from __future__ import annotations

import re

import pytest

from cluster.messages_ja import _list_row, is_known, translate

LINES = [
    "in/a.tsv: unknown encoding 'sjiss' (use utf-8, cp932 …)",
    "in/b.jsonl: line 2 is not a whole JSON record: expecting value at column 2; fix or remove that line (the file is not "
    "read with a line left out)",
    "in/t.csv: no topics found",
    "in/k.txt, line 2: code A is also on line 1; give each category its own code",
    "in/空.csv: the file is empty",
    "no header row: row 1 「駐輪場を増やして…」 reads like an opinion, not column names, so every row is read as data, in "
    "columns column1 … (--header-row N names the header row if there is one)",
    "in/~$郵送.xlsx: is the lock file Excel keeps while 郵送.xlsx is open, not the workbook; give 郵送.xlsx itself",
    "in/空ブック.xlsx: the workbook has no data",
    "in/郵送.xlsx: no sheet 'Sheet9'; sheets: 意見, メモ",
    "in/s.csv: cannot guess the text column: the first row reads like an opinion, not column names (「P-002」); add a "
    "header row such as ご意見 above it (or give --header-row)",
    "No such command 'rn'. Did you mean 'run'? (see `python -m cluster --help`)",
    "in: the input file's folder that holds other files and no run of this tool; give a new or empty folder for --out "
    "(e.g. in/out)",
    "model folder '/tmp/nomodel' not found; give the folder of a sentence-transformers model, a model name in the local "
    "Hugging Face cache, or leave --model out for the shipped model",
    "unknown answer id '999': not in answers.csv nor in the past answers this run used; see answer_id in answers.csv, or "
    "write it with --text",
    "unknown answer id '1': this run has no past answers (cluster run --answers PAST); write the answer with --text",
    "unknown opinion id 'P-001'; P-001 is a submission: its opinion is P-001-1; see opinion_id in opinions.csv",
    "in/opinions.csv: not found; run `cluster run INPUT --out in` first",
    "there is no decision -1 (decisions 1 to 1; `cluster review list out` lists them)",
    "decision 11 (join by 道路課, 2026-11-29T02:10:32+00:00) no longer applies: P-009-2 is gone; P-009-3 is gone",
    "re-run: the earlier run's clusters are not kept (most earlier opinions changed: 53 of 56 rewritten or no longer in "
    "the input): all opinions are grouped afresh, so clusters, their opinions and their No. may change; a cluster that "
    "keeps most of its opinions keeps its id",
    "2 distinct opinions cut or joined by staff decisions (cut, join), placed on their own text (and 1 detached from "
    "their duplicate group): 2 joined earlier clusters (C001), 1 form 1 new cluster",
    "the earlier run in out used --answers and --topics, this one does not: no past-answer candidates (answers.csv, the "
    "report's 回答案); no topics or draft sections (該当箇所, the section order); give them again to keep them",
]

# what may stay in Latin letters: ids, paths, options, file and column names, encodings, commands in backticks
_ALLOWED = re.compile(r"`[^`]*`|「[^」]*」|--[\w-]+|[^\s（）：、]*\.(?:csv|tsv|txt|xlsx|jsonl|json)\b|cluster run|"
                      r"expecting value at column \d+|(?<![A-Za-z])(?:utf-8|cp932|column1|N|"
                      r"sentence-transformers|Hugging Face|JSON|Excel|P-\d+(?:-\d+)*|C\d+|PAST|INPUT|run|rn|in|out|"
                      r"answer_id|opinion_id|ID|No)(?![A-Za-z])|'[^']*'|/[\w/]+|\d{4}-\d\d-\d\dT[\d:+]+")


@pytest.mark.parametrize("line", LINES)
def test_the_line_reads_in_japanese(line):
    assert is_known(line)
    rest = _ALLOWED.sub(" ", translate(line))
    assert not re.search(r"[A-Za-z]{3,}", rest), translate(line)


def test_the_decision_lists_words_read_in_japanese():
    assert _list_row("P-005-1  (1 opinion and 14 copies)  by 道路課  x") == "P-005-1  （意見1件と写し14件）  記録者 道路課  x"
    assert _list_row("C001  before 「ており、廃止」, P-038-1  (1 opinion)") == "C001  切る位置 「ており、廃止」, P-038-1  （意見1件）"
    assert _list_row("C012 + C023  x  (no longer applies: P-009-2 is gone; P-009-3 is gone)").endswith(
        "（もう当てはまりません：P-009-2 はもうありません、P-009-3 はもうありません）")
