"""QA76: the 該当箇所 of opinions that cite the draft, with the draft's sections as topics.

- an item after a 第N節 (「第4章第1節2」) is that item, not the section's first;
- a chapter cited where the topics list only its sections, or a page in no topic's pages, never takes
  a topic outside it;
- 「資料編」 is the topic 資料編;
- a pasted table of contents names its numbered items under their section (「第4章第1節2(1) …」);
- opinions citing different parts of the draft never share a row.

The draft and the opinions were written for these tests (an imagined prefecture's welfare plan).
"""
from __future__ import annotations

import pytest

from conftest import invoke, read_csv_rows, write_csv

from cluster import load_encoder
from cluster.labels import Topic, match_topics, read_topics
from cluster.places import PlaceReader, conflict
from cluster.tokenize import Tokenizer

TOPICS = [
    Topic("第2章第1節 人口・世帯の動向", "7～11頁"),
    Topic("第2章第2節 支援を必要とする人の状況", "12～18頁"),
    Topic("第3章第2節 基本目標と施策体系", "28～30頁 基本目標 現状分析"),
    Topic("第4章第1節1 重層的支援体制整備事業の推進", "31～34頁"),
    Topic("第4章第1節2 相談支援体制の充実", "35～38頁"),
    Topic("第4章第2節 地域福祉の担い手の確保・育成", "39～46頁 ボランティア 民生委員"),
    Topic("資料編 策定経過・県民意識調査票", "81～90頁"),
]


@pytest.fixture(scope="module")
def match():
    encoder, tok = load_encoder("char-hash"), Tokenizer()

    def one(text: str) -> str:
        return match_topics([text], encoder.encode([text]), TOPICS, encoder, tok)[0][0]

    return one


def test_an_item_after_a_section_is_that_item(match):
    assert match("第4章第1節2の記述について、もっと具体的に書いてください。") == "第4章第1節2 相談支援体制の充実"
    assert match("第4章第1節1(1)①の推進員の配置について具体的に書いてください。") == \
        "第4章第1節1 重層的支援体制整備事業の推進"


def test_a_chapter_cited_takes_no_topic_of_another_chapter(match):
    # 「現状分析」 is listed under 第3章第2節: a 第2章 citation still never goes there
    assert match("第二章の現状分析は県全体の平均ばかりで、地域による違いが見えません。") in ("", )


def test_a_page_in_no_topics_pages_takes_no_topic(match):
    assert match("P.95のボランティアの参考資料が見当たりません。") == ""


def test_the_appendix_cited_by_name_is_its_topic(match):
    assert match("資料編に策定経過と委員名簿を載せてください。") == "資料編 策定経過・県民意識調査票"


TOC = """みなと県 地域福祉支援計画（案） 目次

第4章　施策の展開 …………………………… 31
　第1節　包括的な支援体制の整備 ………… 31
　　1　重層的支援体制整備事業の推進 …… 31
　　2　相談支援体制の充実 ………………… 35
　　　(1)　総合相談窓口の設置 …………… 35
　　　(2)　アウトリーチ支援 ……………… 37
　第2節　地域福祉の担い手の確保・育成 … 39
"""


def test_a_table_of_contents_names_its_items_under_their_section(tmp_path):
    path = tmp_path / "目次.txt"
    path.write_text(TOC, encoding="utf-8")
    names = [t.name for t in read_topics(path)]
    assert names == ["第4章　施策の展開", "第4章第1節　包括的な支援体制の整備",
                     "第4章第1節1 重層的支援体制整備事業の推進", "第4章第1節2 相談支援体制の充実",
                     "第4章第1節2(1) 総合相談窓口の設置", "第4章第1節2(2) アウトリーチ支援",
                     "第4章第2節　地域福祉の担い手の確保・育成"]


@pytest.mark.parametrize("a, b, apart", [
    ("第2章第1節について意見です。", "第5章第1節について意見です。", True),
    ("第4章第1節2について。", "第4章第1節について。", False),  # the item lies in the section
    ("第4章について。", "第4章第2節について。", False),
    ("別紙1の表について。", "別紙2の表について。", True),
    ("第2章について。", "別紙2について。", False),  # not comparable: kept as the grouping put them
    ("第2章について。", "駐輪場を増やしてほしい。", False),
    ("別紙1の第6条の運賃について。", "別紙1の運賃表について。", False),  # an annex and the draft's article in it (QA79)
    ("計画は全5章ですが、概要版を作ってください。", "第2章について。", False),  # 「全5章」 counts chapters
    ("北山線の廃止に反対します。理由は第2章第2節の数字が古いからです。", "第4章第1節2について。", False),  # in passing
])
def test_which_citations_conflict(a, b, apart):
    reader = PlaceReader()
    assert conflict(reader.places(a), reader.places(b)) is apart


def test_pages_conflict_through_the_topics_pages():
    reader = PlaceReader(TOPICS)
    assert conflict(reader.places("P.15の表が見にくい。"), reader.places("P.36の図が見にくい。"))
    assert not conflict(reader.places("P.15の表が見にくい。"), reader.places("第2章第2節の表が見にくい。"))


SHAPED = [
    ["S1", "第2章第1節について、単身高齢者世帯の将来推計を市町村別に示してください。"],
    ["S2", "第5章第1節について、推進体制に当事者団体の参加を明記してください。"],
    ["S3", "第4章第4節について、住居確保給付金の周知を強化してください。"],
    ["S4", "第2章第1節について、単身高齢者世帯の推計を地域ごとに示してほしい。"],
    ["S5", "民生委員のなり手不足について、報酬を増やしてください。"],
    ["S6", "民生委員のなり手を増やすため、報酬を引き上げてください。"],
]


def test_opinions_citing_different_sections_never_share_a_row(tmp_path):
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "ご意見"], SHAPED), "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    of = {r["comment_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv")}
    assert len({of["S1"], of["S2"], of["S3"]}) == 3
    assert of["S1"] == of["S4"]  # one section, one request: one row
    assert of["S5"] == of["S6"]


def test_a_row_holding_different_sections_is_parted_and_the_largest_place_keeps_the_rest():
    from cluster.places import part_by_places

    texts = ["第2章第1節について、推計を示してください。", "第5章第1節の推進体制について。",
             "第2章第1節の推計を地域別にしてほしい。", "推計を詳しくしてください。", "第4章第1節2について。"]
    reader = PlaceReader()
    labels, moved = part_by_places([0, 0, 0, 0, 1], [reader.places(t) for t in texts], [1, 5, 1, 1, 1])
    # 第5章第1節 has the most copies: it keeps the row and the opinion citing nothing; 第2章第1節's two leave together
    assert labels[1] == labels[3] == 0 and labels[0] == labels[2] != 0 and labels[4] == 1
    assert moved == [(0, 1), (2, 1)]  # (each moved text, one of the row it left)


def test_the_runs_note_on_rows_kept_apart_has_japanese_wording():
    from cluster.messages_ja import is_known, translate

    line = ("note: 2 opinions citing another part of the draft than the rest of their row kept apart (each part of the "
            "draft its own row): 38-1 → C035 (left C002); 50-1 → C041 (left C002); if two ask the same, "
            "`cluster review merge out C002 C035`")
    assert is_known(line)
    assert "案の別の箇所を挙げている意見2件" in translate(line) and "38-1 → C035（C002 から）" in translate(line)


def test_a_topics_file_says_how_it_was_read_and_what_looks_wrong(tmp_path):
    from cluster.messages_ja import is_known

    path = write_csv(tmp_path / "sections.csv", ["topic", "description"], [
        ["第4章第3節 権利擁護の推進", "47～52頁"], ["第4章第4節 生活困窮者支援", "53～57頁"],
        ["第4章第3節 権利擁護の推進", "53～57頁"],  # pasted again with the next section's pages
        ["第5章 計画の推進", "50～64頁"]])  # pages that run into 第4章's
    said: list[str] = []
    topics = read_topics(path, log=said.append)
    assert [t.name for t in topics] == ["第4章第3節 権利擁護の推進", "第4章第4節 生活困窮者支援", "第5章 計画の推進"]
    assert said[0] == "topics: sections.csv: 3 topics read (3 with pages)"
    assert "lists 「第4章第3節 権利擁護の推進」 twice: the later line is left out (with other pages: 53～57頁; " \
           "the first line's 47～52頁 are used)" in said[1]
    assert any("「第4章第3節 権利擁護の推進」 (47～52頁) and 「第5章 計画の推進」 (50～64頁) share pages" in x for x in said)
    assert all(is_known(x) for x in said), said


def test_a_table_of_contents_line_without_its_page_is_named(tmp_path):
    from cluster.messages_ja import is_known

    path = tmp_path / "目次.txt"
    path.write_text(TOC.replace("　第2節　地域福祉の担い手の確保・育成 … 39", "　第2節　地域福祉の担い手の確保・育成")
                    + "　第3節　権利擁護の推進 ………… 47\n", encoding="utf-8")
    said: list[str] = []
    read_topics(path, log=said.append)
    line = next(x for x in said if "no page number" in x)
    assert "「第4章第2節　地域福祉の担い手の確保・育成」 has no page number" in line and is_known(line)


@pytest.mark.parametrize("ref, listed", [("第2章", True), ("第6章", False), ("P.95", False), ("P.15", True),
                                         ("第4章第1節2", True), ("第4章第6節", False), ("資料編", True)])
def test_a_place_no_topic_covers_is_told_apart(ref, listed):
    from cluster.labels import place_listed

    assert place_listed(ref, TOPICS) is listed


def test_places_that_chain_stay_one_row():
    """QA79: 「第2章と第3章の図が見にくい」 joins 「第2章の図」 and 「第3章の図」: one request."""
    from cluster.places import part_by_places

    reader = PlaceReader()
    texts = ["第2章の図が見にくいです。", "第2章と第3章の図が見にくい。", "第3章の図も見にくいです。"]
    labels, moved = part_by_places([0, 0, 0], [reader.places(t) for t in texts], [1, 1, 1])
    assert list(labels) == [0, 0, 0] and moved == []


def test_a_page_range_cites_every_page_in_it():
    reader = PlaceReader(TOPICS)
    spanning = reader.places("P.28～36の施策について。")  # 第3章第2節 (28～30) and 第4章第1節 (31～38)
    assert not conflict(spanning, reader.places("P.36の図が見にくい。"))
    assert not conflict(spanning, reader.places("第3章第2節について。"))


def test_the_run_counts_the_rows_whose_topic_is_too_weak_to_publish():
    from cluster.messages_ja import is_known, translate

    line = ("topics: 6 more clusters match a topic too weakly to publish it (score under 0.35: the report's 該当箇所 names "
            "no topic for them, clusters.csv keeps it)")
    assert is_known(line) and "ほかに6項目" in translate(line)
