"""QA67: the published outputs as a city publishes them. A letter's separately numbered requests are
never one row (the report showed only the first, the others published nowhere); a Markdown heading
「# …について」 is a heading without its 「#」; a citizen's 「> 引用：…」 of the draft stays with the
opinion; TEXT starting with 「- 」 is accepted by `review summary`; `review confirm` on a row without
an answer says so."""

from __future__ import annotations

import pytest
from conftest import invoke, read_csv_rows, split_texts, write_csv

from cluster.messages_ja import is_known

ITEMS = ["避難所にWi-Fiを整備してください", "備蓄品に乳児用ミルクを加えてください", "要配慮者名簿を毎年更新してください"]
OTHERS = [["A-03", "駅前の駐輪場が足りません。増設をお願いします。"], ["A-04", "公用車を電気自動車に切り替えてください。"],
          ["A-05", "通学路に防犯カメラを設置してください。"], ["A-06", "市民プールを夏休み期間は午後8時まで開けてください。"]]


def _letters(tmp_path, heading: str):
    body = "\n".join(f"{n}. {t}" for n, t in enumerate(ITEMS, 1))
    rows = [["A-01", f"{heading}\n{body}" if heading else body], ["A-02", body], *OTHERS]
    return write_csv(tmp_path / "in.csv", ["受付番号", "ご意見"], rows)


@pytest.mark.parametrize("heading", ["防災計画について", "# 防災計画について", ""])
def test_a_letters_numbered_requests_are_never_one_row(tmp_path, heading):
    src = _letters(tmp_path, heading)
    out = tmp_path / "out"
    res = invoke("run", src, "--out", out)
    assert res.exit_code == 0, res.output
    of = {r["text"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"}
    assert len({of[t] for t in ITEMS}) == 3  # three rows, each with its two copies
    report = (out / "report.md").read_text(encoding="utf-8")
    assert all(t in report for t in ITEMS)
    assert "# 防災計画について" not in report and "\\# 防災" not in report


def test_items_of_one_letter_part_without_splitting_the_paraphrases_around_them():
    import numpy as np

    from cluster.grouping import _part_siblings

    # 0 and 1 are one writer's items; 2 and 3 paraphrase 0; 1 is most like 4
    rows = np.array([0, 0, 0, 1, 2, 1, 2, 3])
    cols = np.array([1, 2, 3, 2, 3, 4, 4, 4])
    sims = np.array([3.5, 6.0, 5.5, 3.2, 6.2, 3.8, 1.0, 0.5])
    labels = np.array([0, 0, 0, 0, 4])  # (a label is a member's id, as the linkage gives them)
    got = _part_siblings(labels, rows, cols, sims, [(0, 1)], threshold=3.0)
    assert got[0] == got[2] == got[3] and got[1] == got[4] and got[1] != got[0]
    alone = _part_siblings(labels, rows, cols, sims * np.array([1, 1, 1, 1, 1, 0, 1, 1]), [(1, 0)], threshold=3.0)
    assert len({alone[1], alone[0], alone[4]}) == 3  # nowhere to go: a row of its own
    assert set(alone.tolist()) <= set(range(5))  # labels stay member ids
    first = _part_siblings(labels, rows, cols, sims, [(0, 2)], threshold=3.0)  # the label's holder leaves
    assert first[1] == first[2] == first[3] != first[0] and set(first.tolist()) <= set(range(5))


@pytest.mark.parametrize("text", [
    "> 引用：市は財政が厳しい\nとありますが、ふるさと納税の返礼品を見直して財源を確保してください。",
    "> 市は財政が厳しい\nとありますが、ふるさと納税の返礼品を見直してください。",
])
def test_a_quotation_of_the_draft_stays_with_the_opinion(text):
    assert split_texts(text) == [text]


def test_a_mailers_quotation_is_still_quoted():
    from cluster.split import split_submission

    text = "> 意見募集のお知らせ\n> 期間は2月9日まで\n\nバスを増やしてください。"
    assert [s.part for s in split_submission(text)] == ["quoted", ""]


def test_review_texts_may_start_with_a_dash_and_confirm_names_a_missing_answer(tmp_path):
    src = write_csv(tmp_path / "in.csv", ["受付番号", "ご意見"], OTHERS)
    out = tmp_path / "out"
    assert invoke("run", src, "--out", out, "--model", "char-hash").exit_code == 0
    res = invoke("review", "summary", out, "C001", "- 駐輪場の増設")
    assert res.exit_code == 0 and "「- 駐輪場の増設」" in res.output
    res = invoke("review", "confirm", out, "C002")
    note = next(x for x in res.output.splitlines() if x.startswith("note:"))
    assert "C002 has no 考え方 yet, so --final publishes it without one" in note and is_known(note.removeprefix("note: "))
    invoke("review", "answer", out, "C003", "--text", "検討してまいります。")
    assert "no 考え方 yet" not in invoke("review", "confirm", out, "C003").output


def test_a_long_title_is_cut_with_a_mark_in_the_printed_page_header(tmp_path):
    from openpyxl import load_workbook

    title = "みなと市" + "地域公共交通" * 40 + "計画（案）に対する意見募集の結果"
    src = write_csv(tmp_path / "in.csv", ["受付番号", "ご意見"], OTHERS)
    assert invoke("run", src, "--out", tmp_path / "out", "--model", "char-hash", "--title", title).exit_code == 0
    ws = load_workbook(tmp_path / "out" / "report.xlsx").worksheets[0]
    header = ws.oddHeader.left.text
    assert header.endswith("…") and title.startswith(header[:-1]) and len(header) <= 200
    assert ws["A1"].value == title  # the sheet's own title row is whole


def test_a_campaign_letters_two_stances_are_two_rows(tmp_path):
    letter = "(1) 東町線の廃止に反対します。(2) バス運賃の値上げに反対します。(3) バス停に屋根とベンチを設置してください。"
    rows = [[f"W-{i}", letter] for i in range(1, 13)] + OTHERS
    src = write_csv(tmp_path / "in.csv", ["受付番号", "ご意見"], rows)
    out = tmp_path / "out"
    assert invoke("run", src, "--out", out).exit_code == 0
    of = {r["text"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"}
    assert of["東町線の廃止に反対します。"] != of["バス運賃の値上げに反対します。"]  # (QA68: one row of 24, 東町線 unpublished)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "東町線の廃止に反対します。" in report and "バス運賃の値上げに反対します。" in report


def test_items_kept_apart_are_named_for_staff_to_merge(tmp_path):
    """The project's sample: 「2. 駅前の駐輪場が足りません。…」 and 「3. …駐輪場に防犯カメラを…」 of P-019 no longer
    share the 駐輪場 row; the run names the one moved, and staff who think it one request merge it back."""
    from pathlib import Path

    sample = Path(__file__).resolve().parent.parent / "data" / "sample_comments.csv"
    out = tmp_path / "out"
    res = invoke("run", sample, "--out", out)
    of = {r["opinion_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"}
    assert of["P-019-2"] != of["P-019-3"] and of["P-019-2"] == of["P-017-1"]  # the 駐輪場 paraphrases stay one row
    line = next(x for x in res.output.splitlines() if "kept out of the row" in x)
    assert f"P-019-3 → {of['P-019-3']} (its letter's P-019-2 is in {of['P-019-2']})" in line
    assert is_known(line.removeprefix("note: "))
    assert invoke("review", "merge", out, of["P-019-2"], of["P-019-3"]).exit_code == 0
    res = invoke("run", sample, "--out", out)
    of = {r["opinion_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"}
    assert of["P-019-2"] == of["P-019-3"] and "P-019-3 →" not in res.output  # staff's merge stands
