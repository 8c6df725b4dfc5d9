"""What the review notebook (notebooks/review.ipynb) shows staff, in plain Japanese.

The notebook is used by city staff, not programmers: its headings, table columns, counts,
buttons and fields are Japanese (the ids C001, P-001-1 stay as they are). The library's own
tables (``review.cluster_table``, ``review.decision_table`` …) keep their English column names
for scripts; they are renamed here, at display time. The lines the ``review.said_*`` functions
print stay English, but the notebook's controls they name (「Re-run and write the report」 …) are
given by their Japanese names (:func:`staff_wording`).

Also here: keyword highlighting that marks a keyword only where it stands as a word
(:func:`highlight`), and the cluster view that lists as answer candidates only the past answers
scoring at or above the report's threshold (:func:`answer_threshold`, :func:`cluster_html`).
"""
from __future__ import annotations

import html
import json
import os
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Collection, Mapping, Sequence

from .io import shorten
from .messages_ja import KINDS
from .worksheet import STATUS_WORDS, WEAK_FRACTION

# --- the notebook's controls -------------------------------------------------------------------

# tab titles, in the order of the notebook's tabs
TAB_TITLES = ["統合", "移動", "分割", "重複から外す", "対象外", "切り分け", "つなぎ合わせ", "見出し・概要", "該当箇所",
              "担当課", "分類の確定", "過去の回答", "回答を書く", "対応区分", "回答作成シートの取り込み"]
RERUN_BUTTON = "再実行して報告書を作成"
WITHDRAW_BUTTON = "判断を取り消す"
DECISIONS_HEADING = "これまでに記録した判断"
WITH_COPIES = "重複グループ内の同じ文面の意見もすべて含める"

# the English names of the notebook's controls in the lines ``review.notebook_wording`` gives
# (「Re-run and write the report」 below) -> the names the notebook shows them by
CONTROL_NAMES = {
    "Re-run and write the report": RERUN_BUTTON,
    "Withdraw decision": WITHDRAW_BUTTON,
    "Decisions recorded so far": DECISIONS_HEADING,
    "past answer": "過去の回答",
    "write answer": "回答を書く",
    "merge": "統合",
    "move": "移動",
    "split": "分割",
    "detach": "重複から外す",
    "exclude": "対象外",
    "confirm": "分類の確定",
    "with every copy in their duplicate groups": WITH_COPIES,
}
_CONTROL_RE = re.compile("「(" + "|".join(re.escape(k) for k in sorted(CONTROL_NAMES, key=len, reverse=True)) + ")」")


# command-line flags the library's lines name that are fields of the notebook's tabs
FLAG_NAMES = {"(--before TEXT)": "(「後ろの部分の書き出し」 in the 「切り分け」 tab)"}


def staff_wording(line: str) -> str:
    """A line as the notebook shows it: the controls it names (「Withdraw decision」) by their
    Japanese names (「判断を取り消す」), a flag by the field that gives it; the rest of the line is
    left as it is."""
    for flag, field in FLAG_NAMES.items():
        line = line.replace(flag, field)
    return _CONTROL_RE.sub(lambda m: f"「{CONTROL_NAMES[m.group(1)]}」", line)


# --- counts ------------------------------------------------------------------------------------

def counts_table(run):
    """The run's counts, one row each, with Japanese row names (項目 / 件数)."""
    import pandas as pd

    c = run.counts
    done = run.info.get("decisions") or {}
    rows = [("提出（入力ファイルの行）", c.get("input_rows")),
            # a submission typed over several rows (one opinion per row) counts once
            *([("提出件数（複数行にわたる提出は1件）", c["submissions"])] if "submissions" in c else []),
            ("意見（分類対象）", c.get("ok_opinions")),
            ("重複を除いた意見", c.get("distinct_opinions")),
            ("同一・ほぼ同一の文面のグループ", c.get("duplicate_groups")),
            ("　うちグループに入る意見", c.get("opinions_in_duplicate_groups")),
            ("項目（意見のまとまり）", c.get("clusters")),
            ("　うち意見が1件だけの項目", c.get("singleton_clusters")),
            ("意見を含まない提出", c.get("submissions_without_opinions", c.get("rows_without_opinions"))),
            *([("対象外とした意見", c["excluded_opinions"])] if c.get("excluded_opinions") else []),
            # submissions whose opinions are in an attachment the run did not read (status attachment)
            *([("添付ファイルを指すだけの意見（未入力）", c["attachment_opinions"])] if c.get("attachment_opinions") else []),
            # opinions their submitter sent before too, counted once (status repeat, --count-repeats once)
            *([("同一の者からの同一内容の意見（1件として集計）", c["repeat_opinions"])] if c.get("repeat_opinions") else []),
            # 提出者数 by 個人 / 団体, as the report's count line gives it (only with a column telling the kind)
            *[(f"提出者数：{kind}", n) for kind, n in (c.get("submitters_by_kind") or {}).items()],
            *[(f"提出件数：{kind}", n) for kind, n in (c.get("submissions_by_kind") or {}).items()],
            *_decision_rows(done),
            ("次の再実行で反映する判断", run.pending),
            # the published figures as report.md gives them (提出者数, 提出方法別, 意見総数 …), so staff can
            # check the report's header here (QA43)
            *report_count_rows(run.info)]
    return pd.DataFrame(rows, columns=["項目", "件数"]).set_index("項目")


def report_count_rows(info: Mapping) -> list[tuple[str, str]]:
    """(「報告書：提出者数」, 「29（個人 25名、団体 4団体。…）」) for each count line above the report's table, and
    its notes (「※添付ファイルを指すだけの提出が…」) as 「報告書の注記1」 …, from run.json's ``report_header``
    ([] for a run folder older than it)."""
    header = info.get("report_header") or {}
    out = [(f"報告書の注記{k}", line) for k, line in enumerate(header.get("notes") or (), 1)]
    for line in header.get("counts") or ():
        name, _, value = str(line).partition("：")
        out.append((f"報告書：{name}", value) if value else ("報告書", name))
    return out


def _decision_rows(done: Mapping) -> list[tuple[str, int]]:
    """The run's decision counts, adding up as the run's line does (記録 = 反映 + 反映できず + 効果なし
    + 置き換え + 取り消し; the 取り消し lines themselves apart). A run.json written before the
    breakdown (no ``lines``) gives what it has."""
    get = lambda key: int(done.get(key, 0) or 0)  # noqa: E731
    if "lines" not in done:
        return [("今回の実行で反映した判断", get("applied")),
                ("反映できなかった判断（対象の意見がない・変化なし）", get("not_applied"))]
    return [("記録した判断（取り消しの行を除く）", get("recorded")),
            ("　今回の実行で反映した判断", get("applied")),
            ("　対象の意見がなく反映できなかった判断", get("no_longer_apply")),
            ("　反映しても変化のなかった判断", get("did_not_take_effect")),
            ("　後の判断に置き換えられた判断", get("replaced")),
            ("　取り消した判断", get("withdrawn")),
            ("取り消しの記録", get("withdrawals"))]


# --- the cluster table -------------------------------------------------------------------------

CLUSTER_COLUMNS = {
    "report_no": "No.",  # the row's number in the report (report.md / report.xlsx)
    "cluster_id": "項目ID",
    "label": "見出し",
    "size": "意見数",
    "unique_texts": "異なる文面（同文・ほぼ同文は1つ）",  # (QA29: 1 here, 「文面3種類」 in the duplicate list)
    "duplicates": "同じ文面の重複",
    "topic": "該当箇所",  # the report's word for the draft section a row concerns (QA26: 分野 read as another thing)
    "summary": "ご意見の概要（職員記入）",
    "department": "担当課",  # set with `cluster review department` or the worksheet's 担当課 column (QA43)
    "answer_status": "回答の状態",
    "top_answer_id": "回答の番号",
    "top_answer": "回答（確定、または回答候補）",
    "confirmed": "分類の確定",
}
# the sort choices: (shown, column)
SORT_OPTIONS = [(CLUSTER_COLUMNS[k], k) for k in ("size", "report_no", "cluster_id", "label", "duplicates",
                                                  "unique_texts", "topic", "answer_status", "confirmed")]


def answer_threshold(run) -> float:
    """The score from which the report shows a past answer as a candidate: the run's
    ``report_min_score`` (run.json), else its ``--min-answer-score``, else the index's default."""
    info = run.info if hasattr(run, "info") else run
    value = info.get("report_min_score")
    if value is None:
        value = (info.get("settings") or {}).get("answer_min_score")
    if value is None:
        from .answers import DEFAULT_MIN_SCORE

        value = DEFAULT_MIN_SCORE
    return float(value)


def cluster_table(run, sort_by: str = "size", descending: bool = True):
    """``review.cluster_table`` sorted, as staff see it: Japanese column names and answer states
    (確定 / 回答案あり / 未記入), ✓ for a confirmed grouping, and no 回答候補 on a row whose best
    past answer scores below the report's threshold (the report shows none there either)."""
    from . import review

    table = review.cluster_table(run)
    if sort_by in table.columns:
        table = table.sort_values(sort_by, ascending=not descending, kind="stable")
    table = table.copy()
    if "top_answer_id" in table.columns and len(run.answers) and "score" in run.answers.columns:
        threshold = answer_threshold(run)
        best = run.answers.sort_values(["cluster_id", "rank"]).drop_duplicates("cluster_id")
        score = dict(zip(best["cluster_id"], best["score"]))
        weak = [(status != "confirmed" and not (score.get(cid, 0.0) >= threshold))
                for cid, status in zip(table["cluster_id"], table.get("answer_status", [""] * len(table)))]
        table.loc[weak, "top_answer_id"] = ""
        if "top_answer" in table.columns:
            table.loc[weak, "top_answer"] = ""
    if "top_answer_id" in table.columns:  # an answer staff wrote has no number (QA29: 「(written)」 was shown)
        table["top_answer_id"] = ["（職員が記入）" if a == "(written)" else a for a in table["top_answer_id"]]
    if "answer_status" in table.columns:
        table["answer_status"] = [STATUS_WORDS.get(s, s) for s in table["answer_status"]]
    if "confirmed" in table.columns:
        table["confirmed"] = ["✓" if v is True or str(v).lower() == "true" else "" for v in table["confirmed"]]
    return table.rename(columns=CLUSTER_COLUMNS)


def current_department(run, cluster_id: str | None) -> str:
    """The 担当課 of row ``cluster_id`` as the run's clusters.csv gives it (the ``department``
    decision in force when the run was made), as the 「担当課」 tab shows it; '' when it has none,
    when the run has no such row, or for a run folder older than the column."""
    cl = run.clusters
    if not cluster_id or not len(cl) or "department" not in cl.columns:
        return ""
    rows = cl.loc[cl["cluster_id"].astype(str) == str(cluster_id), "department"]
    if not len(rows):
        return ""
    import pandas as pd

    value = rows.iloc[0]
    return "" if pd.isna(value) else " ".join(str(value).split())


def cluster_label(cluster_id: str, size, label: str, report_no=None) -> str:
    """A cluster as the dropdowns list it: 「No.3 C001（15件）東町線の存続」 (its No. in the report, when
    the run wrote it: staff holding report.md look a row up by it, QA36)."""
    try:
        no = int(report_no) if report_no is not None and str(report_no).strip() not in ("", "nan", "<NA>") else None
    except (TypeError, ValueError):
        no = None
    return (f"No.{no} " if no is not None else "") + f"{cluster_id}（{size}件）{label}"


# --- decisions and duplicate groups ------------------------------------------------------------

KIND_WORDS = KINDS  # the decision kinds' Japanese names, as the command line's --lang ja says them
DECISION_COLUMNS = {"n": "番号", "kind": "種類", "by": "記録者", "at": "日時", "cluster": "項目ID",
                    "opinions": "意見数", "value": "内容", "in_this_run": "今回の実行に反映",
                    "withdrawn": "取り消し済み", "note": "備考"}


def decision_table(table):
    """``review.decision_table`` as staff see it: Japanese columns and kinds, ✓ for yes, what each
    decision holds in words (「理由：テスト送信」, not JSON), the time on the office clock (not UTC),
    and the notes' usual openings in Japanese, their details after (QA29)."""
    table = table.copy()
    if "kind" in table.columns:
        table["kind"] = [KIND_WORDS.get(k, k) for k in table["kind"]]
    # a withdrawn decision is not in force, whenever it was recorded (QA43: ticked 「今回の実行に反映」 and
    # 「取り消し済み」 both, read as applied)
    gone = [bool(v) for v in table["withdrawn"]] if "withdrawn" in table.columns else [False] * len(table)
    # nor is one the run found no longer applies, or that changed nothing (QA77: ✓ beside 「もう当てはまりません」)
    notes = [str(v) for v in table["note"]] if "note" in table.columns else [""] * len(table)
    idle = [n.startswith(("no longer applies", "not applied")) or "did not take effect" in n for n in notes]
    if "in_this_run" in table.columns:
        table["in_this_run"] = ["✓" if bool(v) and not w and not i else "" for v, w, i
                                in zip(table["in_this_run"], gone, idle)]
    if "withdrawn" in table.columns:
        table["withdrawn"] = ["✓" if w else "" for w in gone]
    if "value" in table.columns:
        table["value"] = [decision_value_words(v) for v in table["value"]]
    if "at" in table.columns:
        table["at"] = [local_time(v) for v in table["at"]]
    if "note" in table.columns:
        table["note"] = [note_words(v) for v in table["note"]]
    return table.rename(columns=DECISION_COLUMNS)


# what a decision holds, by its key in decisions.jsonl (the ones the table shows)
VALUE_WORDS = {"reason": "理由", "before": "切る位置（この言葉の前）", "label": "見出し", "summary": "ご意見の概要",
               "section": "該当箇所", "department": "担当課", "answer_text": "考え方", "text": "考え方",
               "answer_id": "回答番号",
               "category": "対応区分", "name": "対応区分の名前", "decision": "取り消す判断の番号", "kind": "取り消す判断の種類",
               "source": "取り込んだファイル", "duplicate_groups": "重複グループ", "opinions": "意見",
               "into": "移した先"}


def decision_value_words(value) -> str:
    """A decision's value (the JSON ``review.decision_table`` shows) in words: 「理由：テスト送信」."""
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        data = json.loads(value)
    except ValueError:
        return value
    if not isinstance(data, dict):
        return value
    parts = []
    for key, v in data.items():
        if key == "kind":
            v = KIND_WORDS.get(v, v)
        if isinstance(v, list):
            v = "・".join(str(x) for x in v)
        if v in ("", None):
            continue
        parts.append(f"{VALUE_WORDS.get(key, key)}：{shorten(str(v), 60)}")
    return "　".join(parts)


def local_time(at) -> str:
    """An ISO time of decisions.jsonl (UTC) as the office clock shows it: 「2026-11-28 14:50」."""
    from datetime import datetime

    if not isinstance(at, str) or not at.strip():
        return ""
    try:
        when = datetime.fromisoformat(at.strip().replace("Z", "+00:00"))
    except ValueError:
        return at
    if when.tzinfo is not None:
        when = when.astimezone()  # the machine's time zone (Japan on an office PC)
    return when.strftime("%Y-%m-%d %H:%M")


# the openings of the notes the table shows (review._decision_notes), in Japanese
_NOTE_OPENINGS = [
    ("waiting for the next run, which will not apply it", "次の再実行を待っています（ただし反映されない見込みです）"),
    ("waiting for the next run", "次の再実行で反映されます"),
    ("did not take effect", "反映されませんでした"),
    ("no longer applies", "もう当てはまりません"),
]


# a decision applied to part of its opinions (``decisions._partly_applied``; QA43: shown in English)
_PARTLY_APPLIED = [
    (re.compile(r"^(\d+) of its opinions (?:is|are) gone \((.*)\); applied to the rest$"),
     r"意見\1件がもうありません（\2）。残りの意見に反映しました"),
    (re.compile(r"^(\d+) of its opinions now (?:has another id|have other ids) \((.*): the input's ids or row order "
                r"changed\); applied to (?:it by its text|them by their text)$"),
     r"意見\1件のIDが変わりました（\2：入力のIDか行の順が変わったため）。本文で見つけて反映しました"),
    (re.compile(r"^(\d+) of its opinions now (?:has another id|have other ids) \((.*): this version of the tool cuts the "
                r"unchanged input otherwise\); applied to (?:it by its text|them by their text)$"),
     r"意見\1件のIDが変わりました（\2：入力は変わっていませんが、このツールのこの版は違う位置で切り分けます）。本文で見つけて反映しました"),
    (re.compile(r"^still applies to (.*), whose texts? (?:was|were) corrected in the input since the last run$"),
     r"前回の実行の後に入力で本文が直された \1 にも引き続き反映しています"),
    (re.compile(r"^still applies to (.*), whose texts? this version of the tool reads otherwise \(the input is "
                r"unchanged\)$"),
     r"入力は変わっていませんが、このツールのこの版が \1 の本文を違うように読みます。引き続き反映しています"),
]


def note_words(note) -> str:
    """A decision's note with its opening in Japanese and the details after it: 「反映されませんでした
    （nothing is left to split them from …）」."""
    if not isinstance(note, str) or not note.strip():
        return ""
    for rx, japanese in _PARTLY_APPLIED:
        if rx.match(note):
            return rx.sub(japanese, note)
    for english, japanese in _NOTE_OPENINGS:
        if note.startswith(english):
            rest = note[len(english):].lstrip(":;, ")
            return f"{japanese}（{rest}）" if rest else japanese
    return note


DUPLICATE_VIEW_COLUMNS = {"opinion_id": "意見ID", "cluster_id": "項目ID", "similarity": "類似度",
                          "exact_copies": "全く同じ文面の数", "text": "ご意見"}


def duplicate_group_view(view, limit: int = 80):
    """``review.duplicate_group_view`` as staff see it (texts shortened, Japanese columns)."""
    view = view.copy()
    if "text" in view.columns:
        view["text"] = view["text"].map(lambda t: shorten(t, limit))
    return view.rename(columns=DUPLICATE_VIEW_COLUMNS)


def duplicate_group_label(r) -> str:
    """A duplicate group as the dropdown lists it (a row of ``review.duplicate_group_table``)."""
    return (f"{r.duplicate_group}（意見{r.size}件、文面{r.distinct_texts}種類、最も低い類似度 "
            f"{r.lowest_similarity:.2f}）項目 {r.clusters}")


def answer_option_label(rank, answer_id, score: float, answer: str, threshold: float) -> str:
    """A past answer in the past-answer tab's list; one below the threshold is marked 参考."""
    weak = "" if score >= threshold else "【参考（しきい値未満）】"
    # an answer staff gave another row of this run (「run:C008」, QA29: meant nothing to staff)
    name = f"今回{str(answer_id)[4:]}に記入した回答" if str(answer_id).startswith("run:") else f"回答{answer_id}"
    return f"{rank}. {weak}{name}　一致度{score:.2f}　{shorten(answer, 50)}"


# --- picking opinions ---------------------------------------------------------------------------

def _natural(opinion_id: str) -> list:
    """P-009-10 after P-009-9, P-012-1.2 after P-012-1 (numbers compared as numbers)."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", str(opinion_id)) if p]


def opinion_label(opinion_id: str, text: str, limit: int = 40, duplicate_group: str = "") -> str:
    """An opinion as the pickers list it: 「P-012-1：駅前の駐輪場が足りません。…」 (its text's first
    ``limit`` characters); one of a duplicate group is marked 「［重複 D001］」."""
    mark = f"［重複 {duplicate_group}］" if duplicate_group else ""
    return f"{opinion_id}：{mark}{shorten(text, limit)}"


def _clean(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def opinion_options(run, cluster_id: str | None, limit: int = 40) -> list[tuple[str, str]]:
    """The opinions of cluster ``cluster_id`` (status ok) as ``(label, opinion_id)`` for a
    Dropdown or SelectMultiple, in id order (P-009-2 before P-009-10)."""
    o = run.opinions
    if not cluster_id or not len(o):
        return []
    rows = o[o["cluster_id"].map(_clean) == cluster_id]
    if "status" in rows.columns:
        rows = rows[rows["status"].map(_clean) == "ok"]
    groups = list(rows["duplicate_group"].map(_clean)) if "duplicate_group" in rows.columns else [""] * len(rows)
    texts = [_clean(t) for t in rows["text"]]
    # near copies of a form letter look alike in their first 40 characters: shown where they differ
    base = {g: Counter(t for t, h in zip(texts, groups) if h == g).most_common(1)[0][0] for g in set(groups) - {""}}
    options = [(opinion_label(i, distinct_part(t, base.get(g, "")), limit, g), str(i))
               for i, t, g in zip(rows["opinion_id"], texts, groups)]
    return sorted(options, key=lambda option: _natural(option[1]))


def distinct_part(text: str, base: str, lead: int = 8, context: int = 6) -> str:
    """``text`` as a list shows it when it is a near copy of ``base`` (its form letter's most
    copied text): its first ``lead`` characters, 「…」 and the text from a few characters before
    where it departs from ``base``, so near copies are told apart in 40 characters. Unchanged
    when it departs early, or not at all (an exact copy)."""
    text = _clean(text)
    same = len(os.path.commonprefix([text, _clean(base)])) if base else 0
    if same <= 2 * lead or same >= len(text):
        return text
    start = max(lead, same - context)
    return f"{text[:lead]}…{text[start:]}"


def duplicate_member_options(view, limit: int = 40) -> list[tuple[str, str]]:
    """The opinions of a duplicate group (``review.duplicate_group_view``: least similar first) as
    the detach tab lists them: 「P-038-1　類似度0.77：計画案第3章で…高齢者や通学する…」 (shown from
    where each departs from the most similar text); one with an exact copy (which cannot be
    detached alone) is marked 「全く同じ文面あり」."""
    texts = [_clean(t) for t in view["text"]]
    sims = [float(x) for x in view["similarity"]]
    base = texts[sims.index(max(sims))] if texts else ""
    out = []
    for oid, sim, copies, text in zip(view["opinion_id"], sims, view["exact_copies"], texts):
        same = f"（全く同じ文面あり {int(copies)}件）" if int(copies) else ""
        out.append((f"{oid}　類似度{sim:.2f}{same}：{shorten(distinct_part(text, base), limit)}", str(oid)))
    return out


def submission_options(run, limit: int = 30) -> list[tuple[str, str]]:
    """The submissions with two or more opinions (status ok), the ones a join can make one, as
    ``(「P-009（意見8件）計画の目的…」, comment_id)``, in the order of the input."""
    o = run.opinions
    if not len(o) or "comment_id" not in o.columns:
        return []
    ok = o[o["status"].map(_clean) == "ok"] if "status" in o.columns else o
    out = []
    for comment_id, rows in ok.groupby(ok["comment_id"].map(_clean), sort=False):
        # a join works within one row: a submission typed one opinion per row (a 受付簿) has nothing to join
        one_row = "row_number" not in rows.columns or rows["row_number"].map(_clean).value_counts().max() >= 2
        if comment_id and len(rows) >= 2 and one_row:
            first = sorted(zip(rows["opinion_id"], rows["text"]), key=lambda r: _natural(r[0]))[0][1]
            out.append((f"{comment_id}（意見{len(rows)}件）{shorten(first, limit)}", comment_id))
    return out


def submission_opinion_options(run, comment_id: str | None, limit: int = 40) -> list[tuple[str, str]]:
    """The opinions (status ok) of submission ``comment_id``, in id order, each with its 項目."""
    o = run.opinions
    if not comment_id or not len(o) or "comment_id" not in o.columns:
        return []
    rows = o[o["comment_id"].map(_clean) == comment_id]
    if "status" in rows.columns:
        rows = rows[rows["status"].map(_clean) == "ok"]
    options = [(f"{opinion_label(i, t, limit)}（{_clean(c) or '項目なし'}）", str(i))
               for i, t, c in zip(rows["opinion_id"], rows["text"], rows["cluster_id"])]
    return sorted(options, key=lambda option: _natural(option[1]))


def opinion_text(run, opinion_id: str | None) -> str:
    """The whole text of opinion ``opinion_id`` ('' when the run has no such opinion)."""
    o = run.opinions
    if not opinion_id or not len(o):
        return ""
    rows = o.loc[o["opinion_id"].astype(str) == str(opinion_id), "text"]
    return _clean(rows.iloc[0]) if len(rows) else ""


def typed_ids(text: str) -> list[str]:
    """Opinion ids typed in a field: separated by blanks, commas or 、 (「P-001-1, P-002-1」)."""
    return [i for i in re.split(r"[\s,、，]+", unicodedata.normalize("NFKC", text or "").strip()) if i]


def chosen_ids(picked: Sequence[str], typed: str) -> list[str]:
    """The opinions a tab acts on: those picked in its list, then those typed in its id field
    (each once, in that order)."""
    return list(dict.fromkeys([*(str(i) for i in picked or ()), *typed_ids(typed)]))


def cut_preview(text: str, before: str, limit: int = 40) -> str:
    """Where a cut before ``before`` splits ``text``, as staff check it before recording
    (「前：…／後：…」), or why it cannot (the library refuses the same cases)."""
    from .decisions import cut_text

    before = (before or "").strip()
    if not before:
        return "切り分ける位置（後ろの部分の書き出しの言葉）を入れてください。"
    count = text.count(before)
    if count == 0:
        return f"「{shorten(before, 20)}」はこの意見の本文にありません（本文から写してください）。"
    if count > 1:
        return f"「{shorten(before, 20)}」は本文に{count}回あります。1回だけ現れるよう、もう少し長く入れてください。"
    p = cut_text(text, before)
    if p is None:
        return f"「{shorten(before, 20)}」は本文の先頭です。その前に切り分ける部分がありません。"
    return f"前：「{shorten(text[:p], limit)}」／後：「{shorten(text[p:], limit)}」"


# --- what was recorded, in Japanese -------------------------------------------------------------

def _ids(ids: Sequence[str], limit: int = 4) -> str:
    ids = [str(i) for i in ids]
    return "、".join(ids[:limit]) + (f" ほか{len(ids) - limit}件" if len(ids) > limit else "")


def _clusters(ids: Sequence[str]) -> str:
    ids = [str(i) for i in ids]
    return " と ".join(ids) if len(ids) <= 2 else "・".join(ids[:-1]) + " と " + ids[-1]


def decision_number(decisions: Sequence, decision) -> int | None:
    """The number (1-based, as in 「これまでに記録した判断」) of ``decision`` among ``decisions``
    (``decisions.load_decisions``), found by its id; None when it is not there."""
    key = getattr(decision, "id", "")
    if not key:
        return None
    return next((n for n, d in enumerate(decisions, 1) if getattr(d, "id", "") == key), None)


def _what(decision, known_ids: Collection[str] = ()) -> str:
    """What ``decision`` will do, in one Japanese sentence (without 「。」)."""
    kind, value, ids = decision.kind, decision.value or {}, list(decision.opinion_ids)
    cluster = _clean(value.get("cluster"))
    if kind == "merge":
        return f"{_clusters(value.get('clusters') or [])} を一つの項目にまとめます"
    if kind == "move":
        return f"意見 {_ids(ids)} を {cluster} へ移します（重複グループの意見があれば、いっしょに移ります）"
    if kind == "split":
        return f"意見 {_ids(ids)} で新しい項目を作ります（重複グループの意見があれば、いっしょに移ります）"
    if kind == "detach":
        groups = "・".join(value.get("duplicate_groups") or []) or "重複グループ"
        return f"意見 {_ids(ids)} を {groups} から外し、自分の文面で分類します"
    if kind == "exclude":
        reason = _clean(value.get("reason"))
        return (f"意見 {_ids(ids)}（{len(ids)}件）を対象外にします{f'（理由：{shorten(reason, 30)}）' if reason else ''}。"
                "意見総数には数えません")
    if kind == "cut":
        oid = ids[0]
        k = 2
        while f"{oid}.{k}" in known_ids:  # as the run numbers the new part
            k += 1
        return (f"意見 {oid} を「{shorten(_clean(value.get('before')), 20)}」の前で二つの意見に切り分けます"
                f"（後ろの部分は {oid}.{k}）")
    if kind == "join":
        return f"意見 {_clusters(ids)} を一つの意見 {ids[0]} につなぎ合わせます（1件として数えます）"
    if kind == "label":
        return f"{cluster} の見出しを【{shorten(_clean(value.get('label')), 40)}】にします"
    if kind == "summary":
        return f"{cluster} のご意見の概要を「{shorten(_clean(value.get('summary')), 40)}」にします"
    if kind == "section":
        return f"{cluster} の該当箇所を「{shorten(_clean(value.get('section')), 40)}」にします"
    if kind == "department":
        return f"{cluster} の担当課を「{shorten(_clean(value.get('department')), 40)}」にします（公表しません）"
    if kind == "category":
        shown = "：".join(p for p in (_clean(value.get("category")), _clean(value.get("name"))) if p)
        return f"{cluster} の対応区分を「{shown}」にします"
    if kind == "answer":
        if value.get("answer_id"):
            said = f"過去の回答 {_clean(value['answer_id'])}「{shorten(_clean(value.get('answer_text')), 30)}」"
        elif value.get("from"):
            said = f"{_clean(value['from']).removeprefix('run:')} の回答「{shorten(_clean(value.get('text')), 30)}」"
        else:
            said = f"「{shorten(_clean(value.get('text')), 30)}」"
        return f"{cluster} の考え方（回答）を {said} にします"
    if kind == "confirm":
        return f"{cluster} の分類をこのまま確定します（回答の確定ではありません）"
    if kind == "withdraw":
        which = KIND_WORDS.get(_clean(value.get("kind")), _clean(value.get("kind")))
        return f"判断{value.get('decision')}（{which}）を取り消します"
    return f"{KIND_WORDS.get(kind, kind)}（意見{len(ids)}件）"


def decision_summary(decision, number: int | None = None, known_ids: Collection[str] = ()) -> str:
    """The Japanese first line the notebook shows after a button: what was recorded and when it
    takes effect (「記録しました（判断12）：C003 と C007 を一つの項目にまとめます。再実行（「再実行して
    報告書を作成」）で反映されます。」). ``decision``: what a ``review.said_*`` function returned;
    ``number``: its number in 「これまでに記録した判断」; ``known_ids``: the run's opinion ids (a
    cut names the id its second part gets)."""
    done = "取り消しを記録しました" if decision.kind == "withdraw" else "記録しました"
    where = f"（判断{number}）" if number else ""
    return f"{done}{where}：{_what(decision, known_ids)}。再実行（「{RERUN_BUTTON}」）で反映されます。"


# what the library says when it refuses, as the notebook says it first (the English line follows)
_ID = r"([^\s;:,()」]+)"  # an opinion or cluster id in the library's lines
_ERRORS = [
    (re.compile(r"unknown opinion id '([^']*)'"), "意見ID「{0}」はこの実行フォルダにありません"),
    (re.compile(r"unknown cluster '([^']*)'"), "項目ID「{0}」はこの実行フォルダにありません"),
    (re.compile(r"is not in the text of " + _ID), "入れた言葉は意見 {0} の本文にありません（本文から写してください）"),
    (re.compile(r"is (\d+) times in the text of " + _ID), "入れた言葉は意見 {1} の本文に{0}回あります。もう少し長く入れてください"),
    (re.compile(r"is at the start of " + _ID), "入れた言葉は意見 {0} の先頭です。その前に切り分ける部分がありません"),
    (re.compile(_ID + r" and " + _ID + r" are opinions of different submissions"),
     "{0} と {1} は別の提出の意見です。つなぎ合わせられるのは同じ提出の意見だけです"),
    (re.compile(_ID + r" lies between them in the submission"), "間に意見 {0} があります。それも選ぶか、隣り合う意見だけを選んでください"),
    (re.compile(r"give the text the second part starts with"), "後ろの部分の書き出しの言葉（本文から写します）を入れてください"),
    (re.compile(r"join needs two or more"), "つなぎ合わせるには、同じ提出の意見を2件以上選んでください"),
    (re.compile(r"merge needs two or more"), "まとめるには、項目を2つ以上選んでください"),
    (re.compile(r"is already in cluster " + _ID), "その意見はすでに {0} にあります"),
    (re.compile(r"split of .* changes nothing"), "分けても変わりません（選んだ意見とその重複だけで、すでに一つの項目です）"),
    (re.compile(r"is an exact copy of"), "全く同じ文面の意見は写しなので、単独では外せません"),
    (re.compile(r"is one of (\d+) copies in duplicate group " + _ID), "重複グループ {1} の写し（{0}件）の一つだけを対象外にはできません"),
    (re.compile(r"the (label|summary|section|department) is empty"), "{0}が空です。入力してください"),
    (re.compile(r"is already (excluded|detached|cut)"), "同じ判断がすでに記録されています"),
    # (QA29: these were 「理由は次の行のとおりです。」 and an English line)
    (re.compile(r"unknown answer id '([^']*)': this run has no past answers"),
     "回答番号「{0}」はありません。この実行には過去の回答の表がないので、「回答を書く」で考え方を書いてください"),
    (re.compile(r"unknown answer id '([^']*)'"), "回答番号「{0}」は、この項目の回答候補にも過去の回答の表にもありません"),
    (re.compile(r"there is no decision (\d+): .* holds no decisions yet"), "判断{0}はありません（まだ判断は記録されていません）"),
    (re.compile(r"there is no decision (\d+) \(decisions 1 to (\d+)"),
     "判断{0}はありません（番号は1から{1}まで。「これまでに記録した判断」の表の番号を入れてください）"),
    (re.compile(r"decision (\d+) is itself a withdrawal"), "判断{0}は取り消しの記録です。取り消しを取り消すには、元の判断をもう一度記録してください"),
    (re.compile(r"decision (\d+) is already withdrawn"), "判断{0}はすでに取り消されています"),
    (re.compile(r"no decision to withdraw"), "取り消せる判断がありません"),
]
_ERROR_WORDS = {"label": "見出し", "summary": "ご意見の概要", "section": "該当箇所", "department": "担当課"}


def error_summary(message: str, kind: str | None = None) -> str:
    """The Japanese first line of a refusal (「エラー：記録しませんでした（切り分け）。…」): what the
    tab tried, and for the common cases why, in Japanese; the library's English line follows it."""
    what = f"（{KIND_WORDS.get(kind, kind)}）" if kind else ""
    for rx, words in _ERRORS:
        m = rx.search(message or "")
        if m:
            groups = [_ERROR_WORDS.get(g, g) for g in m.groups()]
            return f"エラー：記録しませんでした{what}。{words.format(*groups)}。"
    from .messages_ja import is_known, translate

    if message and is_known(message):  # the command line's Japanese wording (QA36: 「the answer text is empty」)
        return f"エラー：記録しませんでした{what}。{translate(message).rstrip('。')}。"
    return f"エラー：記録しませんでした{what}。理由は次の行のとおりです。"


# --- keyword highlighting ----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _tokenizer():
    from .tokenize import Tokenizer

    return Tokenizer()


def highlight(text: str, keywords: Sequence[str], tokenizer=None) -> str:
    """HTML of ``text`` (escaped) with the keywords that stand in it as words marked (<mark>)."""
    text = "" if text is None else str(text)
    if not text or not any(k for k in keywords):
        return html.escape(text)
    out, last = [], 0
    from .tokenize import keyword_spans  # a keyword is marked where it stands as a word (not 子 in 子ども)

    for s, e in keyword_spans(text, keywords, tokenizer or _tokenizer()):
        out.append(html.escape(text[last:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        last = e
    out.append(html.escape(text[last:]))
    return "".join(out)


# --- one cluster -------------------------------------------------------------------------------

_PAST_ANSWER_RE = re.compile(r"\s*\(past answer ([^)]*)\)$")


def _num(x: float) -> str:
    """A threshold as shown: 0.15, 0.075 (not 0.07)."""
    return f"{round(float(x), 4):g}"


def split_candidates(answers, threshold: float):
    """The cluster's past answers: (candidates from the threshold up, 参考 from
    ``WEAK_FRACTION`` × the threshold up, how many score lower and are not shown)."""
    if not len(answers):
        return answers, answers, 0
    score = answers["score"].astype(float)
    strong = answers[score >= threshold]
    weak = answers[(score < threshold) & (score >= threshold * WEAK_FRACTION)]
    return strong, weak, int((score < threshold * WEAK_FRACTION).sum())


def _answer_rows(answers, keywords, e) -> list[str]:
    # 出典 and 担当課 say where and when an answer was given (QA36: a 令和3年 answer was offered without its year)
    parts = ["<table><tr><th>順位</th><th>回答番号</th><th>一致度</th><th>一致した過去の意見</th>"
             "<th>一致したこの項目の文</th><th>過去の回答（考え方）</th><th>出典</th><th>担当課</th></tr>"]
    for a in answers.itertuples():
        matched = str(getattr(a, "matched_sentence", "") or "")  # older runs lack the column
        source, department = (str(getattr(a, k, "") or "") for k in ("source", "department"))
        parts.append(f"<tr><td>{a.rank}</td><td>{e(str(a.answer_id))}</td><td>{float(a.score):.4f}</td>"
                     f"<td style='text-align:left'>{highlight(str(a.past_opinion or ''), keywords)}</td>"
                     f"<td style='text-align:left'>{e(matched)}</td>"
                     f"<td style='text-align:left'>{e(str(a.answer or ''))}</td>"
                     f"<td style='text-align:left'>{e(source if source != 'nan' else '')}</td>"
                     f"<td style='text-align:left'>{e(department if department != 'nan' else '')}</td></tr>")
    parts.append("</table>")
    return parts


def cluster_html(view, threshold: float) -> str:
    """One cluster (a ``review.ClusterView``) as staff see it: its opinions with the keywords
    marked, its confirmed answer, and its answer candidates: those from the report's
    ``threshold`` up as 回答候補, weaker ones from ``WEAK_FRACTION`` of it under
    「参考（しきい値未満）」, the rest only counted."""
    e = html.escape
    parts = [f"<h4>{e(view.cluster_id)} {e(str(view.label or ''))} <small>（意見 {view.size}件、"
             f"異なる文面 {len(view.opinions)}件）</small></h4>"]
    if view.topic:
        parts.append(f"<div>該当箇所：{e(str(view.topic))}</div>")
    if view.keywords:
        parts.append("<div>キーワード：" + "・".join(f"<mark>{e(k)}</mark>" for k in view.keywords) + "</div>")
    parts.append("<table><tr><th>件数</th><th>意見ID</th><th>ご意見（★＝代表として示す意見）</th></tr>")
    for r in view.opinions.itertuples():
        ids = str(r.opinion_ids).split()
        shown = " ".join(ids[:3]) + (f" …（ほか{len(ids) - 3}件）" if len(ids) > 3 else "")
        star = "★ " if r.representative else ""
        parts.append(f"<tr><td style='text-align:right'>{r.count}</td><td>{e(shown)}</td>"
                     f"<td style='text-align:left'>{star}{highlight(r.text, view.keywords)}</td></tr>")
    parts.append("</table>")
    if view.answer_status == "confirmed":
        confirmed = _PAST_ANSWER_RE.sub(lambda m: f"（過去の回答 {m.group(1)}）", str(view.confirmed_answer or ""))
        parts.append(f"<div><b>確定した考え方</b>：{e(confirmed)}</div>")
    strong, weak, hidden = split_candidates(view.answers, threshold)
    if len(strong):
        parts.append(f"<b>回答候補</b>（一致度 {_num(threshold)} 以上：報告書の作業中の案に示されるもの）")
        parts += _answer_rows(strong, view.keywords, e)
    elif len(view.answers):
        parts.append(f"<div><b>回答候補</b>：なし（一致度 {_num(threshold)} 以上の過去の回答はありません）</div>")
    else:
        parts.append("<div><b>回答候補</b>：なし（過去の回答を指定した実行では、ここに候補が示されます）</div>")
    if len(weak):
        parts.append(f"<b>参考（しきい値未満）</b>（一致度 {_num(threshold * WEAK_FRACTION)} 以上 {_num(threshold)} 未満："
                     "一致度が低く、報告書には示されません。使う場合は内容を確かめてください）")
        parts += _answer_rows(weak, view.keywords, e)
    if hidden:
        parts.append(f"<div><small>一致度のごく低い過去の回答が{hidden}件あります"
                     f"（一致度 {_num(threshold * WEAK_FRACTION)} 未満のため表示していません。"
                     "「過去の回答」タブの一覧には出ます）</small></div>")
    return "\n".join(parts)


def count_column_names() -> Mapping[str, str]:
    """Plot labels (column -> shown)."""
    return {"size": "意見数", "cluster_id": "項目ID", "label": "見出し", "unique_texts": CLUSTER_COLUMNS["unique_texts"],
            "opinion_id": "意見ID", "hover": "ご意見"}
