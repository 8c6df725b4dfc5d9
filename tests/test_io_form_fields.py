"""A web form's opinion fields (cluster.io.opinion_fields, compose_submission; pipeline._split_parts):
several opinion columns with the place in the draft beside each (「該当箇所1」「意見1」「該当箇所2」「意見2」),
and an opinion with its reason (「意見」「理由」). Reading the first opinion column alone lost the others.
The texts are invented for these tests."""
from __future__ import annotations

import pytest

from cluster.io import compose_submission, numbered_name, opinion_fields
from cluster.pipeline import RunOptions, read_submissions, split_opinions

from conftest import invoke, model_args, read_csv_rows, write_csv, write_workbook

WIDE_HEADER = ["受付番号", "氏名", "該当箇所1", "意見1", "該当箇所2", "意見2", "該当箇所3", "意見3"]
WIDE_ROWS = [
    ["W1", "東野花子", "第2章", "駅前の駐輪場を増やしてください。", "第3章", "コミュニティバスの本数を増やしてください。", "", ""],
    ["W2", "西川一郎", "第3章", "コミュニティバスを夜も走らせてほしい。", "", "", "", ""],
    ["W3", "南田次郎", "第1章", "計画の目的に脱炭素を書き加えてください。", "第4章",
     "(1)自転車レーンを縁石で分けてください。\n(2)交差点の自転車横断帯を青く塗ってください。", "第5章",
     "シェアサイクルのポートを住宅地にも置いてください。"],
    ["W4", "北村三郎", "", "", "", "", "", ""],
]


def test_numbered_names_and_the_fields_of_a_wide_form():
    assert numbered_name("意見①") == ("意見", 1)
    assert numbered_name("該当箇所（２）") == ("該当箇所", 2)
    assert numbered_name("ご意見その3") == ("ご意見", 3)
    assert numbered_name("意見番号") == ("意見番号", None)
    assert opinion_fields(WIDE_HEADER, "意見1", {"受付番号", "氏名"}) == [
        ("意見1", "該当箇所1", None), ("意見2", "該当箇所2", None), ("意見3", "該当箇所3", None)]
    assert opinion_fields(["No", "該当箇所", "ご意見", "理由"], "ご意見", {"No"}) == [("ご意見", "該当箇所", "理由")]
    # the text column alone: nothing changes (its text is the cell as written)
    assert opinion_fields(["受付番号", "ご意見", "受付日", "備考"], "ご意見", {"受付番号"}) == []
    # a column taken by another role is never a field
    assert opinion_fields(["意見番号", "意見", "理由"], "意見", {"意見番号"}) == [("意見", None, "理由")]


def test_compose_keeps_every_cell_and_points_at_each_opinion():
    row = {"該当箇所": "第2章　12頁", "意見": "駐輪場を増やしてください。", "理由": "朝は満車で停められないため。"}
    text, parts = compose_submission(row, [("意見", "該当箇所", "理由")])
    assert text == "【該当箇所】第2章 12頁\n駐輪場を増やしてください。\n【理由】朝は満車で停められないため。"
    (start, end, r_start, r_end, section), = parts
    assert text[start:end] == "駐輪場を増やしてください。" and text[r_start:r_end] == "朝は満車で停められないため。"
    assert section == "第2章 12頁"
    # one reason for two opinion columns: written once, a part of its own at the end
    row = {"意見": "駐輪場を増やしてください。", "意見2": "バスを増やしてください。", "理由": "朝は混むため。"}
    text, parts = compose_submission(row, [("意見", None, "理由"), ("意見2", None, "理由")])
    assert text.count("朝は混むため。") == 1 and text.endswith("【理由】朝は混むため。")
    assert [text[a:b] for a, b, _, _, _ in parts] == ["駐輪場を増やしてください。", "バスを増やしてください。", ""]
    assert text[parts[-1][2]:parts[-1][3]] == "朝は混むため。"


def _read(path, **opts):
    lines: list[str] = []
    subs, info = read_submissions(path, RunOptions(**opts), lines.append)
    return subs, lines


def test_a_wide_web_form_gives_each_opinion_column_its_own_opinions_with_its_place(tmp_path):
    path = write_csv(tmp_path / "form.csv", WIDE_HEADER, WIDE_ROWS)
    subs, lines = _read(path)
    assert any(line.startswith("opinion columns 意見1, 意見2, 意見3") and "該当箇所1, 該当箇所2, 該当箇所3" in line
               for line in lines), lines
    assert not any("not used" in line and "意見2" in line for line in lines), lines
    ops = split_opinions(subs)
    got = [(o.opinion_id, o.status, o.heading, o.text) for o in ops]
    assert got == [
        ("W1-1", "ok", "第2章", "駅前の駐輪場を増やしてください。"),
        ("W1-2", "ok", "第3章", "コミュニティバスの本数を増やしてください。"),
        ("W2-1", "ok", "第3章", "コミュニティバスを夜も走らせてほしい。"),
        ("W3-1", "ok", "第1章", "計画の目的に脱炭素を書き加えてください。"),
        # a field with numbered items is cut as a letter is, each item under the field's place
        ("W3-2", "ok", "第4章", "自転車レーンを縁石で分けてください。"),
        ("W3-3", "ok", "第4章", "交差点の自転車横断帯を青く塗ってください。"),
        ("W3-4", "ok", "第5章", "シェアサイクルのポートを住宅地にも置いてください。"),
        ("W4-1", "empty", "", ""),
    ]
    # offsets point into the submission's text, as for a letter
    text_of = {s.row_number: s.text for s in subs}
    assert all(text_of[o.row_number][o.start:o.end] == o.text for o in ops if o.status == "ok")
    # without splitting, each field is still one opinion (the form kept them apart)
    ops = split_opinions(subs, split=False)
    assert [o.text for o in ops if o.comment_id == "W3"] == [
        "計画の目的に脱炭素を書き加えてください。",
        "(1)自転車レーンを縁石で分けてください。\n(2)交差点の自転車横断帯を青く塗ってください。",
        "シェアサイクルのポートを住宅地にも置いてください。"]


def test_a_reason_is_read_with_its_opinion_and_a_list_of_items_keeps_it_as_its_own_row(tmp_path):
    path = write_csv(tmp_path / "form.csv", ["受付番号", "該当箇所", "ご意見", "理由"], [
        ["R1", "第3章", "駅前の駐輪場を増やしてください。", "朝は満車で停められないため。"],
        ["R2", "第4章", "1. 自転車レーンを縁石で分けてください。\n2. 車道の速度を落としてください。",
         "車がすぐ横を通り怖いため。"],
        ["R3", "", "図書館の開館時間を延ばしてください。", "特になし"],
        ["R4", "", "", "公園のトイレが古く、子どもが使いたがらないので改修してほしい。"],
    ])
    subs, lines = _read(path)
    assert any("reason from 理由" in line for line in lines), lines
    got = [(o.opinion_id, o.status, o.heading, o.text) for o in split_opinions(subs)]
    assert got == [
        ("R1-1", "ok", "第3章", "駅前の駐輪場を増やしてください。\n【理由】朝は満車で停められないため。"),
        ("R2-1", "ok", "第4章", "自転車レーンを縁石で分けてください。"),
        ("R2-2", "ok", "第4章", "車道の速度を落としてください。"),
        # a reason under several items names no one of them: kept, neither published nor counted
        ("R2-3", "reason", "理由", "車がすぐ横を通り怖いため。"),
        ("R3-1", "ok", "", "図書館の開館時間を延ばしてください。"),
        ("R3-2", "empty", "理由", "特になし"),
        # an opinion written in the reason field alone is still an opinion
        ("R4-1", "ok", "", "公園のトイレが古く、子どもが使いたがらないので改修してほしい。"),
    ]


def test_a_wide_workbook_runs_end_to_end_with_every_row_and_its_places_in_the_report(tmp_path):
    path = write_workbook(tmp_path / "電子申請.xlsx", {"回答": [WIDE_HEADER, *WIDE_ROWS]})
    out = tmp_path / "out"
    result = invoke("run", path, "--out", out, *model_args())
    assert result.exit_code == 0, result.output
    rows = read_csv_rows(out / "opinions.csv")
    assert [r["opinion_id"] for r in rows] == ["W1-1", "W1-2", "W2-1", "W3-1", "W3-2", "W3-3", "W3-4", "W4-1"]
    assert {r["comment_id"] for r in rows} == {"W1", "W2", "W3", "W4"}  # every row accounted for
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "提出者数：4名" in report or "提出者数：3名" in report
    for place in ("第1章", "第4章", "第5章"):
        assert place in report
    assert "意見総数：7件" in report
    assert "東野" not in report and "南田" not in report


def test_same_input_gives_the_same_files(tmp_path):
    path = write_csv(tmp_path / "form.csv", WIDE_HEADER, WIDE_ROWS)
    outs = []
    for name in ("a", "b"):
        result = invoke("run", path, "--out", tmp_path / name, *model_args())
        assert result.exit_code == 0, result.output
        outs.append([(tmp_path / name / f).read_bytes() for f in ("opinions.csv", "clusters.csv", "report.md")])
    assert outs[0] == outs[1]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_fields_line_is_printed_in_both_languages(tmp_path, lang):
    path = write_csv(tmp_path / "form.csv", ["受付番号", "意見", "理由"],
                     [["1", "駐輪場を増やしてください。", "満車のため。"]])
    result = invoke("run", path, "--out", tmp_path / "o", "--lang", lang, *model_args())
    assert result.exit_code == 0, result.output
    want = "reason from 理由" if lang == "en" else "理由は 理由 から（意見と一緒に【理由】として読みます）"
    assert want in result.output, result.output


def test_nested_json_places_page_numbers_and_no_comment_on_a_subject(tmp_path):
    """QA39: a JSON lines export nesting the places by opinion (「該当箇所」: {"意見1": …}), a 該当ページ
    column of bare numbers (「38」 is page 38), and 「…について特に意見はありません」, which is no opinion."""
    import json

    path = tmp_path / "電子メール.jsonl"
    recs = [{"受付番号": "J1", "意見1": "駅前の駐輪場を増やしてください。", "意見2": "バスの本数を増やしてください。",
             "該当箇所": {"意見1": "第3章", "意見2": "第4章"}},
            {"受付番号": "J2", "意見1": "計画の内容について特に意見はありません。"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    subs, lines = _read(path)
    assert not any("not used" in line for line in lines), lines
    got = [(o.opinion_id, o.status, o.heading) for o in split_opinions(subs)]
    assert got == [("J1-1", "ok", "第3章"), ("J1-2", "ok", "第4章"), ("J2-1", "empty", "")]
    path = write_csv(tmp_path / "form.csv", ["受付番号", "該当ページ", "ご意見"],
                     [["P1", "38", "路線図の色を見分けやすくしてください。"]])
    subs, _ = _read(path)
    op, = split_opinions(subs)
    assert op.heading == "38頁" and "【該当ページ】38\n" in subs[0].text  # the cell as typed in the text


def test_the_columns_line_lists_in_japanese():
    from cluster.messages_ja import translate

    assert translate("opinion columns 意見1, 意見2: each one's opinions in turn; 該当箇所 from 該当箇所1, 該当箇所2") == (
        "意見の列：意見1、意見2（列ごとに別の意見として順に読みます）。該当箇所は 該当箇所1、該当箇所2 から")
