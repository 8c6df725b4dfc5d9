"""What the review notebook shows staff (cluster.notebook_ui): Japanese names, whole-word
keyword highlighting, and answer candidates split at the report's threshold.

The texts are small ones written for these tests.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from cluster import notebook_ui as ui
from cluster import review
from cluster import decisions as decision_log


def marked(html_text: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html_text)


# --- keyword highlighting ---------------------------------------------------------------------

def test_a_keyword_inside_a_longer_word_is_not_marked():
    text = "子どもの居場所を増やしてほしい。"
    assert marked(ui.highlight(text, ["子", "場所"])) == []  # 子 in 子ども, 場所 in 居場所
    assert marked(ui.highlight(text, ["子ども", "居場所"])) == ["子ども", "居場所"]


def test_a_keyword_standing_as_a_word_is_marked():
    assert marked(ui.highlight("子の送迎が大変です。公園の場所を教えてください。", ["子", "場所"])) == ["子", "場所"]


def test_no_keyword_inside_a_run_of_kanji_or_katakana():
    text = "コミュニティバスとバスの便、駐輪場整備と駐輪場"
    assert marked(ui.highlight(text, ["バス", "駐輪場"])) == ["バス", "駐輪場"]
    assert ui.highlight(text, ["バス", "駐輪場"]).endswith("と<mark>駐輪場</mark>")


def test_the_longest_keyword_wins_and_a_compound_is_marked_whole():
    assert marked(ui.highlight("自転車駐輪場を増設してください。", ["駐輪場", "自転車駐輪場", "増設"])) == \
        ["自転車駐輪場", "増設"]


def test_a_verb_keyword_marks_its_inflected_form():
    assert marked(ui.highlight("図書館の本を増やしてほしい。", ["増やす"])) == ["増やし"]


def test_full_width_text_matches_its_normalised_keyword_and_html_is_escaped():
    out = ui.highlight("<b>ＳＵＭ</b>の頁以降", ["SUM", "頁以降"])
    assert out == "&lt;b&gt;<mark>ＳＵＭ</mark>&lt;/b&gt;の<mark>頁以降</mark>"
    assert ui.highlight("a < b", []) == "a &lt; b"


# --- the controls' names in the library's lines ----------------------------------------------

def test_every_control_the_library_names_has_its_japanese_name():
    named = set()
    for _rx, repl in review._NOTEBOOK_WORDING:
        for name in re.findall(r"「([^」]*)」", repl):
            named |= {"move", "split", "detach"} if name == "\\1" else {name}
    assert named - set(ui.CONTROL_NAMES) == set()


def test_staff_wording_renames_the_controls_and_leaves_the_rest():
    line = review.notebook_wording("recorded label for C002; run `cluster run ... --out DIR` again to apply it")
    assert ui.staff_wording(line) == f"recorded label for C002; re-run (「{ui.RERUN_BUTTON}」 below) to apply it"
    assert ui.staff_wording("「split」 and 「merge it」") == "「分割」 and 「merge it」"


# --- the report's threshold and the candidates --------------------------------------------------

def test_the_threshold_is_the_runs():
    assert ui.answer_threshold({"report_min_score": 0.2}) == 0.2
    assert ui.answer_threshold({"settings": {"answer_min_score": 0.3}}) == 0.3
    from cluster.answers import DEFAULT_MIN_SCORE

    assert ui.answer_threshold({"settings": {"answer_min_score": None}}) == DEFAULT_MIN_SCORE


ANSWERS = pd.DataFrame({
    "cluster_id": ["C001", "C001", "C001", "C002"],
    "rank": [1, 2, 3, 1],
    "answer_id": ["7", "3", "9", "3"],
    "score": [0.31, 0.1, 0.012, 0.02],
    "past_opinion": ["公民館の開館時間を延ばしてほしい。", "図書館の駐車場を広げてほしい。", "ごみの分別を簡単に。",
                     "図書館の駐車場を広げてほしい。"],
    "answer": ["開館時間の延長を検討します。", "駐車場の拡張は予定していません。", "分別は現行どおりとします。",
               "駐車場の拡張は予定していません。"],
    "source": ["", "", "", ""],
    "matched_sentence": ["", "", "", ""],
})


def a_view(answers) -> review.ClusterView:
    return review.ClusterView(
        cluster_id="C001", label="公民館の開館時間", keywords=["公民館", "開館時間"], topic="",
        size=2, opinions=pd.DataFrame({"text": ["公民館の開館時間を夜9時まで延ばしてください。", "公民館を夜も使いたい。"],
                                       "count": [1, 1], "opinion_ids": ["P-001-1", "P-002-1"],
                                       "duplicate_group": ["", ""], "representative": [True, False]}),
        answers=answers.reset_index(drop=True))


def test_the_cluster_view_lists_as_candidates_only_answers_from_the_threshold_up():
    page = ui.cluster_html(a_view(ANSWERS[ANSWERS["cluster_id"] == "C001"]), 0.15)
    candidates, _, reference = page.partition("参考（しきい値未満）")
    assert "<td>0.3100</td>" in candidates and "<td>0.1000</td>" not in candidates
    assert "<td>0.1000</td>" in reference  # from half the threshold up: shown, apart
    assert "0.0120" not in page and "分別は現行どおり" not in page  # below: only counted
    assert "ごく低い過去の回答が1件" in page
    assert "<mark>公民館</mark>の<mark>開館時間</mark>" in page
    for english in ("answer candidates", "opinion ids", "count", "keywords", "distinct"):
        assert english not in page


def test_the_cluster_view_says_when_no_answer_reaches_the_threshold():
    page = ui.cluster_html(a_view(ANSWERS[ANSWERS["cluster_id"] == "C002"]), 0.15)
    assert "<b>回答候補</b>：なし" in page and "参考（しきい値未満）" not in page and "<table><tr><th>順位" not in page
    page = ui.cluster_html(a_view(ANSWERS.iloc[0:0]), 0.15)
    assert "<b>回答候補</b>：なし" in page


def test_a_weak_past_answer_is_marked_in_the_list():
    assert "参考（しきい値未満）" in ui.answer_option_label(2, "3", 0.1, "駐車場の拡張は予定していません。", 0.15)
    assert "参考" not in ui.answer_option_label(1, "7", 0.31, "開館時間の延長を検討します。", 0.15)
    # QA29: an answer of another row of this run, and scores as staff read them
    shown = ui.answer_option_label(1, "run:C008", 0.2624, "定員を40人増やします。", 0.15)
    assert shown.startswith("1. 今回C008に記入した回答　一致度0.26") and "run:" not in shown


# --- the tables --------------------------------------------------------------------------------

def a_run() -> review.RunView:
    clusters = pd.DataFrame({"cluster_id": ["C001", "C002"], "label": ["公民館の開館時間", "図書館の駐車場"],
                             "size": pd.array([2, 1], dtype="Int64"), "unique_texts": pd.array([2, 1], dtype="Int64"),
                             "topic": ["", ""], "answer_status": ["candidate", "none"], "confirmed": ["no", "yes"],
                             "keywords": ["公民館・開館時間", "図書館・駐車場"]})
    opinions = pd.DataFrame({"opinion_id": ["P-001-1", "P-002-1", "P-003-1"], "cluster_id": ["C001", "C001", "C002"],
                             "duplicate_group": ["", "", ""], "status": ["ok", "ok", "ok"],
                             "text": ["公民館の開館時間を夜9時まで延ばしてください。", "公民館を夜も使いたい。",
                                      "図書館の駐車場が狭いです。"]})
    info = {"report_min_score": 0.15, "counts": {"input_rows": 3, "ok_opinions": 3, "distinct_opinions": 3,
                                                 "clusters": 2}, "decisions": {"applied": 0, "not_applied": 0}}
    return review.RunView(Path("out"), info, opinions, clusters, ANSWERS, [])


def test_the_cluster_table_is_in_japanese_and_has_no_candidate_below_the_threshold():
    table = ui.cluster_table(a_run(), "size", True)
    assert list(table.columns) == [ui.CLUSTER_COLUMNS[c] for c in review.cluster_table(a_run()).columns]
    rows = table.set_index("項目ID")
    assert rows.loc["C001", "回答の番号"] == "7" and rows.loc["C001", "回答の状態"] == "回答案あり"
    assert rows.loc["C002", "回答の番号"] == "" and rows.loc["C002", "回答（確定、または回答候補）"] == ""  # 0.02: none
    assert rows.loc["C002", "回答の状態"] == "未記入" and rows.loc["C002", "分類の確定"] == "✓"
    assert list(ui.cluster_table(a_run(), "size", False)["項目ID"]) == ["C002", "C001"]


def test_the_table_and_the_lists_give_the_reports_no_and_its_section():
    """QA36: a staff member holding report.md's 「No. 4」 could not find the row in the notebook, and the
    該当箇所 shown left out the page the report gives (「…見守り、24頁」)."""
    run = a_run()
    run.clusters["topic"] = ["第4章1節 地域の見守り", ""]
    run.clusters["report_no"] = [2, 1]
    run.clusters["report_section"] = ["第4章1節 地域の見守り、24頁", ""]
    rows = ui.cluster_table(run, "report_no", False).set_index("項目ID")
    assert list(rows.index) == ["C002", "C001"] and list(rows["No."]) == [1, 2]
    assert rows.loc["C001", "該当箇所"] == "第4章1節 地域の見守り、24頁"
    assert ui.cluster_label("C001", 2, "公民館の開館時間", 2) == "No.2 C001（2件）公民館の開館時間"
    assert ui.cluster_label("C001", 2, "公民館の開館時間") == "C001（2件）公民館の開館時間"  # an older run folder
    view = review.cluster_view(run, "C001")
    assert view.topic == "第4章1節 地域の見守り、24頁"
    page = ui.cluster_html(a_view(ANSWERS[ANSWERS["cluster_id"] == "C001"]), 0.15)
    assert "<th>出典</th><th>担当課</th>" in page


def test_the_cluster_table_shows_the_department_staff_assigned():
    run = a_run()
    clusters = run.clusters.assign(department=["公民館管理課", ""])
    table = ui.cluster_table(review.RunView(Path("out"), run.info, run.opinions, clusters, run.answers, []))
    assert dict(zip(table["項目ID"], table["担当課"])) == {"C001": "公民館管理課", "C002": ""}
    assert "担当課" not in ui.cluster_table(run).columns  # a run folder older than the column


def test_the_department_tab_shows_the_rows_department_and_none_without_one():
    run = a_run()
    clusters = run.clusters.assign(department=["公民館管理課", ""])
    with_column = review.RunView(Path("out"), run.info, run.opinions, clusters, run.answers, [])
    assert ui.current_department(with_column, "C001") == "公民館管理課"
    assert ui.current_department(with_column, "C002") == ""
    assert ui.current_department(with_column, "C999") == "" and ui.current_department(with_column, None) == ""
    assert ui.current_department(run, "C001") == ""  # a run folder older than the column
    assert "担当課" in ui.TAB_TITLES and ui.TAB_TITLES.index("担当課") == ui.TAB_TITLES.index("該当箇所") + 1


def test_the_counts_have_japanese_row_names():
    counts = ui.counts_table(a_run())
    assert counts.loc["意見（分類対象）", "件数"] == 3 and counts.loc["重複を除いた意見", "件数"] == 3
    assert all(re.search(r"[ぁ-んァ-ン一-龥]", name) for name in counts.index)


def test_the_counts_show_submitters_by_kind_and_attachment_only_opinions():
    run = a_run()
    counts = {**run.info["counts"], "attachment_opinions": 2, "submitters_by_kind": {"個人": 24, "団体": 4},
              "submissions_by_kind": {"個人": 26, "団体": 6}}
    n = ui.counts_table(review.RunView(Path("out"), {**run.info, "counts": counts}, run.opinions, run.clusters,
                                       run.answers, []))["件数"]
    assert n["提出者数：個人"] == 24 and n["提出者数：団体"] == 4 and n["提出件数：団体"] == 6
    assert n["添付ファイルを指すだけの意見（未入力）"] == 2
    assert "提出者数：個人" not in ui.counts_table(run).index  # no column telling the kind: no such rows


def test_the_counts_show_the_reports_figures():
    header = {"notes": ["※作業中の案です（公表版ではありません）。", "※添付ファイルを指すだけの提出が1件あります（受付番号 K-041）。"],
              "counts": ["提出者数：29（個人 25名、団体 4団体。提出件数 62件）", "提出方法別：郵送 20件、電子メール 42件",
                         "意見総数：61件（同趣旨の意見をまとめて20項目）"]}
    run = a_run()
    n = ui.counts_table(review.RunView(Path("out"), {**run.info, "report_header": header}, run.opinions,
                                       run.clusters, run.answers, []))["件数"]
    assert n["報告書：提出者数"] == "29（個人 25名、団体 4団体。提出件数 62件）"
    assert n["報告書：提出方法別"] == "郵送 20件、電子メール 42件" and n["報告書：意見総数"].startswith("61件")
    assert n["報告書の注記2"] == "※添付ファイルを指すだけの提出が1件あります（受付番号 K-041）。"
    assert not any(k.startswith("報告書") for k in ui.counts_table(run).index)  # an older run.json: none


def test_the_decision_counts_add_up_as_the_runs_line():
    # run.json's figures as a run writes them (decision_log.decision_figures): 23 lines, 2 of them undo
    info = {"decisions": {"recorded": 21, "applied": 15, "not_applied": 3, "no_longer_apply": 2,
                          "did_not_take_effect": 1, "replaced": 1, "withdrawn": 2, "withdrawals": 2, "lines": 23}}
    run = a_run()
    counts = ui.counts_table(review.RunView(Path("out"), {**run.info, **info}, run.opinions, run.clusters,
                                            run.answers, []))
    n = counts["件数"]
    assert n["記録した判断（取り消しの行を除く）"] == 21 == sum(n[k] for k in (
        "　今回の実行で反映した判断", "　対象の意見がなく反映できなかった判断", "　反映しても変化のなかった判断",
        "　後の判断に置き換えられた判断", "　取り消した判断"))
    assert n["取り消しの記録"] == 2


def test_the_decision_table_is_in_japanese():
    table = pd.DataFrame([{"n": 1, "kind": "label", "by": "山田", "at": "2026-01-05T10:00", "cluster": "C001",
                           "opinions": 2, "value": "", "in_this_run": True, "withdrawn": False, "note": ""}])
    shown = ui.decision_table(table)
    assert list(shown.columns) == list(ui.DECISION_COLUMNS.values())
    assert shown.iloc[0]["種類"] == "見出し" and shown.iloc[0]["今回の実行に反映"] == "✓" and shown.iloc[0]["取り消し済み"] == ""


def test_the_decision_tables_contents_times_and_notes_read_in_japanese(monkeypatch):
    """QA29: 内容 was raw JSON (「{"reason": "テスト送信"}」), 日時 UTC in ISO form, 備考 English."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    import time

    time.tzset()
    try:
        table = pd.DataFrame([
            {"n": 1, "kind": "exclude", "by": "山田", "at": "2026-11-28T05:50:06+00:00", "cluster": "C015",
             "opinions": 1, "value": json.dumps({"reason": "テスト送信"}, ensure_ascii=False), "in_this_run": False,
             "withdrawn": False, "note": "waiting for the next run"},
            {"n": 2, "kind": "withdraw", "by": "山田", "at": "2026-11-28T06:01:00+00:00", "cluster": "", "opinions": 0,
             "value": json.dumps({"decision": 1, "kind": "detach"}), "in_this_run": False, "withdrawn": False,
             "note": "did not take effect: nothing is left to split them from"}])
        shown = ui.decision_table(table)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert list(shown["内容"]) == ["理由：テスト送信", "取り消す判断の番号：1　取り消す判断の種類：重複から外す"]
    assert list(shown["日時"]) == ["2026-11-28 14:50", "2026-11-28 15:01"]
    assert list(shown["備考"]) == ["次の再実行で反映されます", "反映されませんでした（nothing is left to split them from）"]


@pytest.mark.parametrize("kind", decision_log.KINDS)
def test_every_kind_has_a_japanese_word(kind):
    assert kind in ui.KIND_WORDS


def test_a_move_and_a_split_say_what_they_took_where():
    """QA36: the 移動 row showed only its target, the 分割 row an empty 内容."""
    from cluster.review import Decision

    run = a_run()
    run.decisions = [Decision("move", ("P-002-1",), "企画課", "2026-11-28T07:55:43+00:00",
                              {"target": ["P-003-1"], "cluster": "C002"}),
                     Decision("split", ("P-001-1", "P-002-1"), "企画課", "2026-11-28T07:56:00+00:00",
                              {"others": ["P-003-1"]})]
    shown = ui.decision_table(review.decision_table(run))
    assert list(shown["内容"]) == ["意見：P-002-1　移した先：C002", "意見：P-001-1・P-002-1"]


def test_a_decision_applied_to_part_of_its_opinions_is_noted_in_japanese():
    """QA43: the decision table's 備考 read 「1 of its opinions is gone (K-039-2); applied to the rest」."""
    assert ui.note_words("1 of its opinions is gone (K-039-2); applied to the rest") == (
        "意見1件がもうありません（K-039-2）。残りの意見に反映しました")
    assert ui.note_words("still applies to K-1, whose text was corrected in the input since the last run") == (
        "前回の実行の後に入力で本文が直された K-1 にも引き続き反映しています")


def test_a_withdrawn_decision_is_not_ticked_as_applied():
    table = pd.DataFrame([{"n": 1, "kind": "merge", "by": "山田", "at": "2026-01-05T10:00", "cluster": "C001",
                           "opinions": 2, "value": "", "in_this_run": True, "withdrawn": True, "note": ""},
                          {"n": 2, "kind": "label", "by": "山田", "at": "2026-01-05T10:01", "cluster": "C002",
                           "opinions": 1, "value": "", "in_this_run": True, "withdrawn": False, "note": ""}])
    shown = ui.decision_table(table)
    assert list(shown[ui.DECISION_COLUMNS["in_this_run"]]) == ["", "✓"]
    assert list(shown[ui.DECISION_COLUMNS["withdrawn"]]) == ["✓", ""]



def test_a_decision_that_no_longer_applies_or_changed_nothing_is_not_ticked_as_in_this_run():
    """QA77: 「今回の実行に反映 ✓」 beside 「もう当てはまりません」 read as applied."""
    rows = [{"n": n, "kind": "move", "by": "山田", "at": "2026-01-05T10:00", "cluster": "C001", "opinions": 1,
             "value": "", "in_this_run": True, "withdrawn": False, "note": note}
            for n, note in enumerate(["", "no longer applies: its opinions are gone",
                                      "did not take effect: the opinions of its target cluster are now in the cluster",
                                      "not applied: B11-2, named with its text before a cut or join"], 1)]
    shown = ui.decision_table(pd.DataFrame(rows))
    assert list(shown["今回の実行に反映"]) == ["✓", "", "", ""]
