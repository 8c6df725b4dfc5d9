"""QA112: an ordinance's articles as places in the draft. 「第12条の2」 (another article than 第12条) was read as 第12条,
「同条第3項」 published as a bare 「第3項」, 「前文」 was no place, 「第7条から第9条まで」 lost 第8条, 「3条の…」 without its 第 was
read only through the topics, and without a topics file the rows came in count order (附則 No. 9, 前文 No. 20). The texts
were written for these tests."""
import pytest

from conftest import invoke, write_csv
from cluster.labels import find_references
from cluster.places import PlaceReader, conflict


@pytest.mark.parametrize("text, refs", [
    ("第12条の2の公表を削除してください。", ["第12条の2"]),
    ("第十二条の二の公表に賛成です。", ["第12条の2"]),
    ("12条の2の公表は行き過ぎです。", ["第12条の2"]),
    ("3条の所有者の責務を義務にしてください。", ["第3条"]),
    ("前文を短くしてください。", ["前文"]),
    ("第7条から第9条までの規定を整理してください。", ["第7条～第9条"]),
    ("第5条\n同条第3項の協議会に自治会の代表を加えてください。", ["第5条", "第5条第3項"]),
    ("第3条の2つの点について意見します。", ["第3条"]),
])
def test_an_ordinances_places(text, refs):
    assert find_references(text) == refs


@pytest.mark.parametrize("text", [
    "同条第3項の協議会に自治会の代表を加えてください。",  # 同条 with no article before it
    "第3項の協議会に自治会の代表を加えてください。",
    "第2号被保険者の保険料が高すぎます。",
    "3条件を満たす人だけに補助するのは不公平です。",
    "三条市との連携を進めてください。",
])
def test_no_place_without_its_article(text):
    assert find_references(text) == []


def test_a_range_of_articles_holds_the_middle_one():
    reader = PlaceReader()
    whole = reader.places("第7条から第9条までの調査の規定を整理してください。")
    assert not conflict(whole, reader.places("第8条の規定により所有者の情報を市町村に渡すのは心配です。"))
    assert conflict(reader.places("第12条の2の公表は削除してください。"), reader.places("第12条の勧告を見直してください。"))


ROWS = [["R1", "郵送", "第10条の立入調査は所有者の同意を得てから行ってください。"],
        ["R2", "郵送", "附則第2項の経過措置は施行後1年で見直してください。"],
        ["R3", "電子メール", "第3条の所有者の責務を義務にしてください。"],
        ["R4", "電子メール", "前文に、空き家は地域の景観の問題でもあるという視点を加えてほしい。"],
        ["R5", "電子メール", "第12条の2の公表の規定は削除してください。"],
        ["R6", "電子メール", "第12条の勧告の前に十分な相談の機会を設けてください。"],
        ["R7", "FAX", "空き家の相談窓口を一つにまとめてください。"]]


def _sections_in_order(tmp_path, *extra):
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["受付番号", "提出方法", "意見"], ROWS), "--out", out,
                 "--model", "char-hash", *extra)
    assert res.exit_code == 0, res.output
    rows = [line.split("|") for line in (out / "report.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and line.split("|")[1].strip().isdigit()]
    return [r[2].strip() for r in rows], res.output


def test_without_topics_an_ordinances_rows_follow_its_articles(tmp_path):
    sections, _ = _sections_in_order(tmp_path)
    assert sections == ["前文", "第3条", "第10条", "第12条", "第12条の2", "附則第2項", ""]


def test_order_count_keeps_count_order(tmp_path):
    sections, _ = _sections_in_order(tmp_path, "--order", "count")
    assert sections[0] == "第10条" and sections != ["前文", "第3条", "第10条", "第12条", "第12条の2", "附則第2項", ""]


def test_an_article_in_brackets_of_its_own_is_what_the_opinion_is_about():
    reader = PlaceReader()
    assert reader.places("県は市町村任せにせず、除却費用を財政的に支援するべきです（第4条関係）。") == {("a", "第4条")}
    assert reader.places("立入調査をする職員は身分証を見せてください（第１０条）。") == {("a", "第10条")}
    # (a page in brackets beside a section is where that section is, no place of its own)
    assert reader.places("第2章第2節（11頁）の数字は古いので直してください。") == {("s", "2", "2")}


def test_an_article_topic_and_its_paragraph_are_one_place(tmp_path):
    topics = tmp_path / "topics.txt"
    topics.write_text("第1条（目的）\n第5条（市町村との連携）\n第10条（立入調査）\n", encoding="utf-8")
    rows = [["R1", "郵送", "第5条第3項の協議会に自治会の代表を加えてください。"],
            ["R2", "郵送", "第10条の立入調査は所有者の同意を得てから行ってください。"]]
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["受付番号", "提出方法", "意見"], rows), "--out", out,
                 "--model", "char-hash", "--topics", topics)
    assert res.exit_code == 0, res.output
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "| 第5条第3項（市町村との連携） |" in md and "第5条（市町村との連携）、" not in md
    assert "| 第10条（立入調査） |" in md
