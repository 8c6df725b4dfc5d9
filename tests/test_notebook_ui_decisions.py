"""What the review notebook says after a button (cluster.notebook_ui.decision_summary /
error_summary) and the lists it picks opinions from (opinion_options, submission_options …),
on decisions recorded by ``review.said_*`` into a real run folder.

The comments were written for these tests (an imagined town's plan: park trees, the station
car park, the library's hours, bicycle parking).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from cluster import notebook_ui as ui
from cluster import review
from cluster import decisions as decision_log
from cluster.io import InputError
from conftest import cluster_of, invoke, write_csv

HEADER = ["番号", "ご意見"]
TWO_DEMANDS = "私は公園の桜並木の伐採に反対し樹木の保存を求めるとともに、また駅前駐車場の有料化にも反対します。"
LETTER = ("図書館の開館時間について、仕事帰りに立ち寄れないという声が多いと聞きます。\n\n"
          "1. 図書館の開館時間を夜九時まで延長してください。\n2. 駅前の駐輪場を増設してください。")
ROWS = [
    ["N1", TWO_DEMANDS],
    ["N2", "公園の桜並木の伐採には反対です。樹木を残してください。"],
    ["N3", "桜並木の伐採はやめて、公園の樹木を保全してください。"],
    ["N4", "駅前駐車場の有料化に反対します。これまでどおり無料にしてほしい。"],
    ["N5", "駅前駐車場を有料化しないでください。無料のままが良いです。"],
    ["N6", "図書館の開館時間を夜九時まで延長してほしい。"],
    ["N7", LETTER],
    ["N8", "駅前の駐輪場が不足しているので、駐輪場を増設すべきです。"],
    ["N9", "駅前の駐輪場がいつも満車なので、駐輪場の増設をお願いします。"],
]
RERUN = f"再実行（「{ui.RERUN_BUTTON}」）で反映されます。"


@pytest.fixture
def out(tmp_path) -> Path:
    comments = write_csv(tmp_path / "comments.csv", HEADER, ROWS)
    folder = tmp_path / "out"
    res = invoke("run", comments, "--out", folder, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    of = cluster_of(folder)
    # the letter is cut in three pieces by the splitter; N1 is one opinion asking two things
    assert {"N7-1", "N7-2", "N7-3", "N1-1"} <= set(of) and "N1-2" not in of
    return folder


def said(out: Path, fn, *args, **kwargs) -> str:
    """The Japanese line the notebook shows for what ``fn`` (a review.said_* function) recorded."""
    decision, lines = fn(out, *args, by="山田", **kwargs)
    assert lines and lines[0].startswith(("recorded", "withdrew")), lines  # the English lines stay
    run = review.load_run(out)
    number = ui.decision_number(decision_log.load_decisions(out), decision)
    return ui.decision_summary(decision, number, set(run.opinions["opinion_id"]))


def test_a_merge_names_its_clusters_and_its_number(out):
    of = cluster_of(out)
    a, b = of["N2-1"], of["N8-1"]
    assert a != b
    assert said(out, review.said_merge, [a, b]) == f"記録しました（判断1）：{a} と {b} を一つの項目にまとめます。{RERUN}"


def test_move_split_exclude_name_their_opinions(out):
    of = cluster_of(out)
    target = of["N4-1"]
    assert said(out, review.said_move, "N6-1", target) == \
        f"記録しました（判断1）：意見 N6-1 を {target} へ移します（重複グループの意見があれば、いっしょに移ります）。{RERUN}"
    assert said(out, review.said_split, ["N9-1"]).startswith("記録しました（判断2）：意見 N9-1 で新しい項目を作ります")
    line = said(out, review.said_exclude, ["N3-1"], reason="テスト送信")
    assert line == f"記録しました（判断3）：意見 N3-1（1件）を対象外にします（理由：テスト送信）。意見総数には数えません。{RERUN}"


def test_a_cut_names_the_words_and_the_id_of_its_second_part(out):
    assert said(out, review.said_cut, "N1-1", "また駅前駐車場") == \
        f"記録しました（判断1）：意見 N1-1 を「また駅前駐車場」の前で二つの意見に切り分けます（後ろの部分は N1-1.2）。{RERUN}"
    invoke("run", out.parent / "comments.csv", "--out", out, "--model", "char-hash")
    assert "N1-1.2" in cluster_of(out)
    # the second part cut again: its own second part is N1-1.2.2
    assert "（後ろの部分は N1-1.2.2）" in said(out, review.said_cut, "N1-1.2", "有料化")


def test_a_join_and_its_withdrawal(out):
    assert said(out, review.said_join, ["N7-2", "N7-1"]) == \
        f"記録しました（判断1）：意見 N7-1 と N7-2 を一つの意見 N7-1 につなぎ合わせます（1件として数えます）。{RERUN}"
    withdrawals, lines = review.said_withdraw(out, None, by="山田")
    assert lines[0].startswith("withdrew decision 1 (join")
    number = ui.decision_number(decision_log.load_decisions(out), withdrawals[-1])
    assert ui.decision_summary(withdrawals[-1], number) == \
        f"取り消しを記録しました（判断2）：判断1（つなぎ合わせ）を取り消します。{RERUN}"


def test_row_decisions_say_what_the_row_gets(out):
    c = cluster_of(out)["N8-1"]
    assert said(out, review.said_section, c, "第4章　駐輪場の整備") == \
        f"記録しました（判断1）：{c} の該当箇所を「第4章 駐輪場の整備」にします。{RERUN}"
    assert said(out, review.said_label, c, "駅前駐輪場の増設") == \
        f"記録しました（判断2）：{c} の見出しを【駅前駐輪場の増設】にします。{RERUN}"
    assert said(out, review.said_summary, c, "駅前の駐輪場を増やしてほしい。") == \
        f"記録しました（判断3）：{c} のご意見の概要を「駅前の駐輪場を増やしてほしい。」にします。{RERUN}"
    assert said(out, review.said_category, c, "参考") == \
        f"記録しました（判断4）：{c} の対応区分を「C：今後の取組の参考とするもの」にします。{RERUN}"
    assert said(out, review.said_answer, c, text="駐輪場の増設を検討します。") == \
        f"記録しました（判断5）：{c} の考え方（回答）を 「駐輪場の増設を検討します。」 にします。{RERUN}"
    assert said(out, review.said_confirm, c) == \
        f"記録しました（判断6）：{c} の分類をこのまま確定します（回答の確定ではありません）。{RERUN}"


def refusal(fn, *args, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        fn(*args, **kwargs)
    return str(info.value).splitlines()[0]


def test_a_refusal_is_said_in_japanese_first(out):
    msg = refusal(review.said_cut, out, "N1-1", "図書館")
    assert ui.error_summary(msg, "cut") == \
        "エラー：記録しませんでした（切り分け）。入れた言葉は意見 N1-1 の本文にありません（本文から写してください）。"
    msg = refusal(review.said_cut, out, "N1-1", "反対")
    assert ui.error_summary(msg, "cut").endswith("入れた言葉は意見 N1-1 の本文に2回あります。もう少し長く入れてください。")
    msg = refusal(review.said_cut, out, "N1-1", "  ")  # the words left empty: the line names a flag the tab has not
    assert "--before" in msg and ui.error_summary(msg, "cut") == \
        "エラー：記録しませんでした（切り分け）。後ろの部分の書き出しの言葉（本文から写します）を入れてください。"
    assert ui.staff_wording(msg) == "give the text the second part starts with (「後ろの部分の書き出し」 in the 「切り分け」 tab)"
    msg = refusal(review.said_cut, out, "N1-1", "私は公園")
    assert ui.error_summary(msg, "cut").endswith("入れた言葉は意見 N1-1 の先頭です。その前に切り分ける部分がありません。")
    msg = refusal(review.said_join, out, ["N7-1", "N8-1"])
    assert ui.error_summary(msg, "join") == ("エラー：記録しませんでした（つなぎ合わせ）。N7-1 と N8-1 は別の提出の意見です。"
                                             "つなぎ合わせられるのは同じ提出の意見だけです。")
    msg = refusal(review.said_join, out, ["N7-1", "N7-3"])
    assert "間に意見 N7-2 があります" in ui.error_summary(msg, "join")
    msg = refusal(review.said_section, out, "C999", "第1章")
    assert ui.error_summary(msg, "section") == "エラー：記録しませんでした（該当箇所）。項目ID「C999」はこの実行フォルダにありません。"
    msg = refusal(review.said_move, out, "N99-1", cluster_of(out)["N2-1"])
    assert "意見ID「N99-1」はこの実行フォルダにありません" in ui.error_summary(msg, "move")
    # QA29: an answer id of a run without past answers, a decision number that is none, a withdrawal withdrawn
    msg = refusal(review.said_answer, out, cluster_of(out)["N2-1"], answer_id="1")
    assert ui.error_summary(msg, "answer") == ("エラー：記録しませんでした（回答）。回答番号「1」はありません。この実行には"
                                               "過去の回答の表がないので、「回答を書く」で考え方を書いてください。")
    review.said_label(out, cluster_of(out)["N2-1"], "見出し")
    msg = refusal(review.said_withdraw, out, 999)
    assert ui.error_summary(msg, "withdraw").endswith("判断999はありません（番号は1から1まで。「これまでに記録した判断」の表の番号を入れてください）。")
    review.said_withdraw(out, 1)
    msg = refusal(review.said_withdraw, out, 2)
    assert ui.error_summary(msg, "withdraw").endswith(
        "判断2は取り消しの記録です。取り消しを取り消すには、元の判断をもう一度記録してください。")
    # a refusal the notebook has no words for: the English line that follows says why
    assert ui.error_summary("something else went wrong", "merge") == "エラー：記録しませんでした（統合）。理由は次の行のとおりです。"


# --- picking opinions --------------------------------------------------------------------------

def test_a_clusters_opinions_are_listed_with_their_text(out):
    run = review.load_run(out)
    c = cluster_of(out)["N8-1"]
    options = ui.opinion_options(run, c)
    ids = [i for _, i in options]
    assert "N8-1" in ids and "N9-1" in ids and set(ids) == {i for i, k in cluster_of(out).items() if k == c}
    label = dict((i, s) for s, i in options)["N8-1"]
    assert label == "N8-1：駅前の駐輪場が不足しているので、駐輪場を増設すべきです。"
    assert ui.opinion_options(run, None) == [] and ui.opinion_options(run, "C999") == []


def test_long_texts_are_cut_and_ids_sorted_as_numbers():
    assert ui.opinion_label("P-1", "あ" * 50) == "P-1：" + "あ" * 39 + "…"
    assert ui.opinion_label("P-1", "公園", duplicate_group="D001") == "P-1：［重複 D001］公園"
    assert sorted(["P-9-10", "P-9-2", "P-10-1", "P-9-2.2"], key=ui._natural) == ["P-9-2", "P-9-2.2", "P-9-10", "P-10-1"]


def test_the_join_tab_lists_submissions_of_several_opinions(out):
    run = review.load_run(out)
    subs = ui.submission_options(run)
    assert [v for _, v in subs] == ["N7"]  # the one letter the splitter cut
    assert subs[0][0].startswith("N7（意見3件）")
    pieces = ui.submission_opinion_options(run, "N7")
    assert [i for _, i in pieces] == ["N7-1", "N7-2", "N7-3"]
    assert pieces[1][0].startswith("N7-2：図書館の開館時間を夜九時まで延長してください。（C")


def test_the_cut_tab_previews_where_it_cuts(out):
    run = review.load_run(out)
    text = ui.opinion_text(run, "N1-1")
    assert text == TWO_DEMANDS
    assert ui.cut_preview(text, "また駅前駐車場", limit=60) == \
        "前：「私は公園の桜並木の伐採に反対し樹木の保存を求めるとともに、」／後：「また駅前駐車場の有料化にも反対します。」"
    assert "ありません" in ui.cut_preview(text, "図書館")
    assert "2回" in ui.cut_preview(text, "反対")
    assert "先頭" in ui.cut_preview(text, "私は公園")
    # the preview refuses what the library refuses
    for words in ("図書館", "反対", "私は公園"):
        with pytest.raises(InputError):
            review.record_cut(out, "N1-1", words)


def test_picked_and_typed_ids_are_both_used_once():
    assert ui.chosen_ids(("P-1-1", "P-2-1"), "P-2-1, P-3-1、Ｐ-4-1") == ["P-1-1", "P-2-1", "P-3-1", "P-4-1"]
    assert ui.chosen_ids((), "  ") == []


def test_near_copies_of_a_form_letter_are_told_apart_in_the_lists(session_comments_csv, tmp_path):
    from conftest import CAMPAIGN_BASE

    folder = tmp_path / "campaign"
    res = invoke("run", session_comments_csv, "--out", folder, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    run = review.load_run(folder)
    group = run.opinions.loc[run.opinions["opinion_id"] == "A-007-1", "duplicate_group"].iloc[0]
    view = review.duplicate_group_view(run, group)
    members = dict((i, s) for s, i in ui.duplicate_member_options(view))
    assert list(members) == list(view["opinion_id"])  # least similar first, as the table above the list
    # A-010-1 adds a sentence at the end, A-009-1 changes a word: shown from where they depart from the letter
    assert members["A-010-1"].endswith("：みどり公園の樹木…てください。私も毎朝この公園を散歩しています。"), members["A-010-1"]
    assert "：みどり公園の樹木…な木は地域の宝物であり" in members["A-009-1"], members["A-009-1"]
    # the exact copies say so (they cannot be detached alone), and show the letter's start
    assert members["A-008-1"].startswith("A-008-1　類似度1.00（全く同じ文面あり ") \
        and members["A-008-1"].endswith("：" + CAMPAIGN_BASE[:39] + "…")
    cluster = run.opinions.loc[run.opinions["opinion_id"] == "A-010-1", "cluster_id"].iloc[0]
    listed = dict((i, s) for s, i in ui.opinion_options(run, cluster))
    assert listed["A-010-1"] == f"A-010-1：［重複 {group}］みどり公園の樹木…てください。私も毎朝この公園を散歩しています。"
