"""QA40: a ministry's consultation on a draft cabinet order. Business associations wrote their letters in
two sections, 「意見の趣旨」 (what they ask) over 「意見の理由」 (why), numbered 「一　」「二　」 as statutes are;
such a letter was one opinion, the bare section lines were opinions of their own, and each reason was
counted and published as an opinion. A lead line 「意見を2点述べます。」 was published too. Invented texts."""
from __future__ import annotations

import pytest

from conftest import invoke, model_args, read_csv_rows, write_csv

from cluster.pipeline import _split_pieces

GIST_1, GIST_2 = "第七条第一項の報告の頻度を年一回とすること。", "第十一条の識別表示について、既存マークとの併記を認めること。"
REASON_1, REASON_2 = "四半期ごとの報告は事務負担が過大である。", "表示の切替えには包装資材の更新が必要である。"


def letter(gist_label: str, reason_label: str, marks: tuple[str, str]) -> str:
    one, two = marks
    return (f"{gist_label}\n{one}{GIST_1}\n{two}{GIST_2}\n"
            f"{reason_label}\n{one}{REASON_1}\n{two}{REASON_2}")


@pytest.mark.parametrize("text", [
    letter("第1　意見の趣旨", "第2　意見の理由", ("一　", "二　")),
    letter("意見の趣旨", "意見の理由", ("一　", "二　")),
    letter("意見の趣旨", "意見の理由", ("一、", "二、")),
    letter("意見の趣旨", "意見の理由", ("1　", "2　")),
    letter("意見の趣旨", "意見の理由", ("（一）", "（二）")),
    letter("【意見の趣旨】", "【意見の理由】", ("１．", "２．")),
])
def test_the_gist_items_are_the_opinions_and_their_reasons_are_kept_uncounted(text):
    pieces = _split_pieces(text, True)
    assert [(p[3], p[4]) for p in pieces] == [
        (GIST_1, "ok"), (GIST_2, "ok"), (REASON_1, "reason"), (REASON_2, "reason")]
    # the section labels are no 該当箇所: the report would print 「意見の趣旨」 beside every row
    assert [p[2] for p in pieces if p[4] == "ok"] == ["", ""]


def test_a_reason_under_one_gist_is_read_with_it():
    text = "意見の趣旨\n駐輪場の収容台数を増やしてください。\n意見の理由\n駅前の歩道に自転車があふれています。"
    pieces = _split_pieces(text, True)
    assert [p[4] for p in pieces] == ["ok"]
    assert pieces[0][3].startswith("駐輪場の収容台数") and pieces[0][3].endswith("あふれています。")


def test_kanji_numerals_with_a_blank_cut_a_list_but_not_a_quantity():
    items = _split_pieces("一　説明会を各地区で開いてください。\n二　資料を図書館に置いてください。", True)
    assert [p[3] for p in items] == ["説明会を各地区で開いてください。", "資料を図書館に置いてください。"]
    one = "一 日も早く施行してください。\n二 年前の計画と比べてください。"
    assert len([p for p in _split_pieces(one, True) if p[4] == "ok"]) == 1


@pytest.mark.parametrize("lead", ["意見を2点述べます。", "要望を三つ申し上げます。"])
def test_a_line_announcing_the_number_of_opinions_is_no_opinion(lead):
    pieces = _split_pieces(f"{lead}\n1. 登録手数料を引き下げてください。\n2. 報告の頻度を年1回にしてください。", True)
    assert [(p[3], p[4]) for p in pieces][:1] == [(lead, "greeting")]
    assert [p[4] for p in pieces[1:]] == ["ok", "ok"]


def test_the_report_counts_the_gist_items_and_keeps_the_reasons_in_opinions_csv(tmp_path):
    rows = [["A-1", letter("意見の趣旨", "意見の理由", ("一　", "二　"))],
            ["A-2", "第七条の報告は年一回にしてください。"],
            ["A-3", "識別表示は既存のマークと並べて表示できるようにしてほしい。"]]
    src = write_csv(tmp_path / "comments.csv", ["受付番号", "ご意見"], rows)
    out = tmp_path / "out"
    result = invoke("run", src, "--out", out, *model_args())
    assert result.exit_code == 0, result.output
    opinions = read_csv_rows(out / "opinions.csv")
    a1 = [(r["status"], r["text"]) for r in opinions if r["comment_id"] == "A-1"]
    assert a1 == [("ok", GIST_1), ("ok", GIST_2), ("reason", REASON_1), ("reason", REASON_2)]
    assert all(r["cluster_id"] == "" for r in opinions if r["status"] == "reason")
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "意見総数：4件" in report.replace(" ", "")
    assert REASON_1 not in report


@pytest.mark.parametrize("text, place", [
    ("該当箇所：第3条\n意見：回収目標の根拠を示してください。\n理由：目標値の算定方法が不明なため。", "第3条"),
    ("該当ページ：12ページ\n【意見内容】\n図表の出典を明記してください。\n【理由】\n引用元がわからないため。", "12ページ"),
])
def test_a_form_with_colon_labels_is_one_opinion_under_its_place(text, place):
    pieces = _split_pieces(text, True)
    assert [(p[2], p[4]) for p in pieces] == [(place, "ok")]
    assert pieces[0][3].endswith("ため。") and "該当" not in pieces[0][3]


@pytest.mark.parametrize("gist_label, reason_label, blank", [
    ("第1　意見の趣旨", "第2　意見の理由", "\n"), ("第1　意見の趣旨", "第2　意見の理由", ""), ("意見の趣旨", "意見の理由", "\n")])
def test_one_gist_over_its_reason_is_one_opinion(gist_label, reason_label, blank):
    """QA42: 「第1　意見の趣旨」 over one opinion and 「第2　意見の理由」 over its reason gave two rows, the reason
    published as No. 16 of its own."""
    text = (f"{gist_label}\nイノシシの出没が増え危険です。鳥獣被害対策を計画に具体的に書いてください。\n{blank}"
            f"{reason_label}\n当会は長年県内で保全活動を行ってきており、対策の強化が必要と考えます。")
    pieces = [p for p in _split_pieces(text, True) if p[4] != "greeting"]
    assert [p[4] for p in pieces] == ["ok"]
    assert pieces[0][3].startswith("イノシシ") and pieces[0][3].endswith("必要と考えます。")
