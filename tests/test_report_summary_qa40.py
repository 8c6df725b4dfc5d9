"""QA40: the published ご意見の概要 of a draft report without a letter's form furniture, and a 該当箇所
without a reference beside a more specific one of the same place.

1. The representative opinion, as ご意見の概要, leaves out a first heading line the row's 該当箇所 shows
   (「第3条について」「第5条関係」「【第7条】」), a leading 「該当箇所：…」「該当ページ：…」 line and the labels
   【意見】〈意見〉「意見：」 at a line start; 【理由】〈理由〉「理由：」 become 「（理由）」 after the opinion's last
   sentence. A heading the 該当箇所 does not show is kept, and so is a text that would be left empty.
2. 該当箇所 「附則、附則第2項」 is 「附則第2項」; 「第3条、第3条第2項」 is 「第3条第2項」.
3. opinions.csv keeps the text as sent.

The comments are invented for these tests (an imagined 政令案 on collecting used batteries).
"""
from __future__ import annotations

from cluster import labels, normalize

from conftest import invoke, model_args, read_csv_rows, write_csv


# looked up when a test runs, so that each test fails on its own without the change
def display_text(text, section=None):
    return normalize.display_text(text, section) if section is not None else normalize.display_text(text)


def without_form_furniture(text):
    return normalize.without_form_furniture(text)


def without_general_references(refs):
    return labels.without_general_references(refs)


def published_references(*args):
    return labels.published_references(*args)

# ------------------------------------------------------------------ 1. the summary text


def test_heading_the_section_shows_and_labels_are_left_out():
    text = ("第3条について\n【意見】\n回収目標の根拠を示すべき\n【理由】\n"
            "現行の目標値は実態とかけ離れており、事業者が達成できないため。")
    assert display_text(text, "第3条") == "回収目標の根拠を示すべき。（理由）現行の目標値は実態とかけ離れており、事業者が達成できないため。"
    # a more specific 該当箇所 shows the heading's place too
    assert display_text(text, "第3条第2項").startswith("回収目標の根拠を示すべき。（理由）")


def test_other_heading_forms_and_labels():
    assert display_text("第5条関係\n＜意見＞\n報告様式を簡素化すべき。\n＜理由＞\n事務負担が大きい。", "第5条") == \
        "報告様式を簡素化すべき。（理由）事務負担が大きい。"
    assert display_text("【第7条】\n意見内容：罰則の適用基準を明確にしてほしい。", "第7条") == "罰則の適用基準を明確にしてほしい。"
    assert display_text("附則について\n〈意見〉施行期日を1年延期してほしい。\n〈理由〉準備期間が足りない。", "附則第2項") == \
        "施行期日を1年延期してほしい。（理由）準備期間が足りない。"
    # a greeting before the heading goes as before, then the heading
    assert display_text("いつもお世話になっております。\n第3条について\n意見：回収目標を公表すべき。\n理由：根拠が不明確。",
                        "第3条") == "回収目標を公表すべき。（理由）根拠が不明確。"


def test_place_label_line_is_left_out():
    assert display_text("該当箇所：第10条\n事業者の報告義務を年1回から半年に1回に改めるべきです。", "第10条") == \
        "事業者の報告義務を年1回から半年に1回に改めるべきです。"
    # whatever the row's 該当箇所, and without one
    assert display_text("該当ページ：12ページ\n図表の出典を明記すべきです。") == "図表の出典を明記すべきです。"
    assert display_text("【該当箇所】\n第10条\n【意見】\n報告義務を改めるべきです。") == "報告義務を改めるべきです。"


def test_reason_inside_a_line_and_sentence_end():
    assert display_text("回収目標を引き上げるべきです。【理由】海外の水準に届かないため。") == \
        "回収目標を引き上げるべきです。（理由）海外の水準に届かないため。"
    # a web form's opinion and reason cells, as the reader composes them
    assert display_text("回収目標の根拠を示すべき\n【理由】現行の目標値は実態とかけ離れているため。") == \
        "回収目標の根拠を示すべき。（理由）現行の目標値は実態とかけ離れているため。"


def test_what_is_kept():
    # a heading the 該当箇所 does not show says what the opinion is about: kept
    text = "第3条について\n回収目標を引き上げるべき。"
    assert display_text(text, "第5条") == text
    assert display_text(text, "") == text
    assert display_text("第3条の回収目標について\n引き上げるべき。", "第3条") == "第3条の回収目標について\n引き上げるべき。"
    # without the row's 該当箇所 (the worksheet's list of opinions) a heading stays, the labels go
    assert display_text("第3条について\n【意見】\n回収目標を引き上げるべき。") == "第3条について\n回収目標を引き上げるべき。"
    # a sentence that starts with the word is no label; nothing left: the text as it was
    assert display_text("回収目標を引き上げるべき。\n理由は、海外の水準に届かないからです。") == \
        "回収目標を引き上げるべき。\n理由は、海外の水準に届かないからです。"
    assert display_text("該当ページ：12ページ") == "該当ページ：12ページ"
    assert without_form_furniture("【意見】") == "【意見】"
    # a heading line alone, without an opinion under it, stays
    assert display_text("第3条について", "第3条") == "第3条について"


# ------------------------------------------------------------------ 2. 該当箇所


def test_general_reference_beside_a_specific_one():
    assert without_general_references(["附則", "附則第2項"]) == ["附則第2項"]
    assert without_general_references(["第3条", "第3条第2項"]) == ["第3条第2項"]
    assert without_general_references(["第4章", "第4章3節"]) == ["第4章3節"]
    assert without_general_references(["第三条", "第3条第2項"]) == ["第3条第2項"]
    # other places, two parts of one place, a page range, a topic name with words: kept
    assert without_general_references(["第1条", "第10条"]) == ["第1条", "第10条"]
    assert without_general_references(["第3条第1項", "第3条第2項"]) == ["第3条第1項", "第3条第2項"]
    assert without_general_references(["p.12", "p.12-14"]) == ["p.12", "p.12-14"]
    assert without_general_references(["第4章 スポーツ施設", "第4章3節"]) == ["第4章 スポーツ施設", "第4章3節"]


def test_published_references_keep_the_specific_one():
    texts = ["附則の施行期日を延ばしてください。附則第2項の経過措置も短い。",
             "附則第2項の施行期日は延期すべきです。"]
    assert published_references(["附則", "附則第2項"], texts, texts[0]) == ["附則第2項"]


# ------------------------------------------------------------------ end to end

HEADER = ["受付番号", "ご意見"]
ROWS = [
    ("1", "第3条について\n【意見】\n回収目標の根拠を示すべきである。\n【理由】\n"
          "現行の目標値は実態とかけ離れており、事業者が達成できる見込みがないため。"),
    ("2", "該当箇所：第10条\n事業者の報告義務を年1回から半年に1回に改めるべきです。報告の頻度が低いと、回収の実態が分かりません。"),
    ("3", "附則第2項について\n〈意見〉\n施行期日を1年延期してほしい。\n〈理由〉\n中小事業者が準備する時間が足りないから。"),
    ("4", "附則の経過措置の期間が短すぎます。施行期日を延ばしてください。"),
    ("5", "附則第2項の施行期日は延期すべきです。準備期間が必要です。"),
]


def table_rows(report_md: str) -> list[list[str]]:
    lines = report_md.split("| No.", 1)[1].splitlines()[2:]
    return [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines if line.startswith("|")]


def test_run_report_summary_and_section(tmp_path):
    source = write_csv(tmp_path / "政令案.csv", HEADER, ROWS)
    topics = tmp_path / "topics.txt"
    topics.write_text("第3条\n第10条\n附則\n", encoding="utf-8")
    out = tmp_path / "out"
    # --no-split: each submission is one opinion, its heading line in its text
    result = invoke("run", source, "--out", out, "--topics", topics, "--no-split", "--no-progress", *model_args())
    assert result.exit_code == 0, result.stderr
    report = (out / "report.md").read_text(encoding="utf-8")
    rows = {r[2].split("。")[0]: r for r in table_rows(report)}
    assert rows["回収目標の根拠を示すべきである"][1] == "第3条"
    assert rows["回収目標の根拠を示すべきである"][2] == ("回収目標の根拠を示すべきである。（理由）現行の目標値は実態とかけ離れており、"
                                                "事業者が達成できる見込みがないため。")
    assert rows["事業者の報告義務を年1回から半年に1回に改めるべきです"][1] == "第10条"
    assert rows["施行期日を1年延期してほしい"][1] == "附則第2項"  # not 「附則、附則第2項」
    assert rows["施行期日を1年延期してほしい"][2] == "施行期日を1年延期してほしい。（理由）中小事業者が準備する時間が足りないから。"
    for furniture in ("【意見】", "【理由】", "〈意見〉", "〈理由〉", "該当箇所：", "について<br>", "附則、附則第2項"):
        assert furniture not in report
    # opinions.csv keeps the text as sent
    sent = {r["comment_id"]: r["text"] for r in read_csv_rows(out / "opinions.csv")}
    assert sent["1"].startswith("第3条について\n【意見】\n")
    assert sent["2"].startswith("該当箇所：第10条\n")
