"""QA66: a prefecture's letters at scale. Items numbered 「2　回復期の…」 (a number, a blank and a word that
starts with a counter's character) are items where the list counts up through them; a title that runs
into 「(1)」 with no stop (「…（案）に対する意見(1) …(2) …」) heads a list."""

from __future__ import annotations

import pytest
from conftest import invoke, read_csv_rows, split_texts, write_csv


@pytest.mark.parametrize("second", ["回復期のリハビリ病床を残してください。", "人工呼吸器をつけた子どもの短期入所を受け入れてほしい。",
                                    "時間外の外来を続けてください。", "台風の時の避難先を示してください。",
                                    "本庁舎の駐車場を広げてください。"])
def test_an_item_starting_with_a_counters_character_is_an_item(second):
    text = f"1　駐車場を増やしてください。\n2　{second}\n3　看護師を増やしてください。"
    assert split_texts(text) == ["駐車場を増やしてください。", second, "看護師を増やしてください。"]


def test_quantities_at_line_starts_stay_a_quantity():
    text = "バスについて\n1 日あたりの本数が少ない。\n2 日に一度しか来ない便もある。"
    assert split_texts(text) == ["1 日あたりの本数が少ない。\n2 日に一度しか来ない便もある。"]


ITEMS = ["県立北部病院の産科病棟の廃止に反対します。", "救急医療体制の縮小を見直してください。",
         "計画の決定前に、北部地域で住民説明会を開催してください。"]


@pytest.mark.parametrize("title", ["県立病院再編整備計画（案）に対する意見", "意見", "救急医療について", "ご要望"])
def test_a_title_running_into_the_first_item_heads_the_list(title):
    text = title + "".join(f"({n}) {item}" for n, item in enumerate(ITEMS, 1))
    assert split_texts(text)[-3:] == ITEMS


@pytest.mark.parametrize("text", ["この計画の意見(1)について賛成です。", "第2章の要望(1)と(2)は同じです。",
                                  "市民の意見(1件)を反映してください。"])
def test_a_reference_after_a_title_word_cuts_nothing(text):
    assert split_texts(text) == [text]


def test_a_campaign_letter_typed_on_one_line_counts_with_its_copies(tmp_path):
    letter = "".join(f"({n}) {item}" for n, item in enumerate(ITEMS, 1))
    rows = [[f"W-{i}", f"山田 {i}", ("県立病院再編整備計画（案）に対する意見" if i % 2 else "") + letter] for i in range(1, 7)]
    src = write_csv(tmp_path / "in.csv", ["受付番号", "氏名", "ご意見"], rows)
    res = invoke("run", src, "--out", tmp_path / "out", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    ok = [r for r in read_csv_rows(tmp_path / "out" / "opinions.csv") if r["status"] == "ok"]
    assert len(ok) == 18 and {r["text"] for r in ok} == set(ITEMS)
    assert sorted(int(r["size"]) for r in read_csv_rows(tmp_path / "out" / "clusters.csv")) == [6, 6, 6]


def test_the_signature_under_a_list_typed_on_one_line_is_no_part_of_its_last_item():
    from cluster.split import split_submission

    text = ("意見を提出します。(1) 産科病棟を存続してください。(2) 救急体制を維持してください。"
            "(3) 説明会を開催してください。\n\n〒996-3908 みどり市緑町1丁目24番11号\n松本 雅人")
    segs = split_submission(text)
    assert [text[s.start:s.end] for s in segs][-2:] == ["説明会を開催してください。",
                                                       "〒996-3908 みどり市緑町1丁目24番11号\n松本 雅人"]
    assert segs[-1].closing and not segs[-2].closing


def test_rows_of_equal_count_keep_the_letters_order(tmp_path):
    """QA66: a campaign's three items, 3,315 copies each, were listed (3), (1), (2): item (3) had more wordings
    (copies with a personal sentence added) and sorted first."""
    base = [f"({n}) {item}" for n, item in enumerate(ITEMS, 1)]
    rows = [[f"W-{i}", "".join(base)] for i in range(1, 9)]
    notes = ["私は北山市に住んで40年になります。", "祖母が北部病院に長く入院していました。", "消防団員として救急搬送の大変さを知っています。"]
    rows += [[f"X-{i}", "".join(base) + note] for i, note in enumerate(notes, 1)]
    src = write_csv(tmp_path / "in.csv", ["受付番号", "ご意見"], rows)
    out = tmp_path / "out"
    assert invoke("run", src, "--out", out).exit_code == 0
    table = [line for line in (out / "report.md").read_text(encoding="utf-8").splitlines() if line[:3] in ("| 1", "| 2", "| 3")]
    assert len(table) == 3 and all("| 11 |" in line for line in table)
    assert [next(k for k, item in enumerate(ITEMS) if item in line) for line in table] == [0, 1, 2]
