"""QA62, a regression hunt on the session's new rules: 「…について意見がありますが、…」 was cut after が; 「次に、
図書館について意見を述べます。」 inside a line kept the heading of the paragraph's first subject; an announcement on a
line of its own over a paragraph, or 「Xについて、以下のとおり…」 over items, lost its subject; 「なお、回答は不要です。」 was
published as an opinion; two event-card files sharing 「特にありません」 under the same numbers, and an anonymous
campaign through two channels, were refused as one file saved twice; a web export whose columns begin
opinion_id,comment_id,row_number was skipped as the tool's own opinions.csv."""

from __future__ import annotations

import openpyxl
import pytest
from conftest import invoke, read_csv_rows, write_csv

from cluster.normalize import is_empty_opinion
from cluster.pipeline import _split_pieces
from cluster.split import split_submission


def _pieces(text):
    return [(text[s.start:s.end], s.heading) for s in split_submission(text)]


@pytest.mark.parametrize("text", [
    "保育所の入所選考について意見がありますが、まず点数の付け方が分かりにくいです。点数表を公開してください。",
    "学童保育の利用料について意見を申し上げますと、月額8,000円は高すぎます。",
    "15ページについて意見ですけれども、保育士の配置基準の記述が国の基準のままです。",
    "みなと市こども未来プラン（令和8～12年度）について意見を述べます。遊び場を増やしてください。",
])
def test_a_sentence_that_goes_on_or_names_the_draft_is_no_heading(text):
    assert _pieces(text) == [(text, "")]


def test_an_announcement_inside_a_line_heads_what_follows_it():
    text = "公園について意見を述べます。遊具を更新してください。次に、図書館について意見を述べます。夜間開館を続けてください。"
    assert _pieces(text) == [("遊具を更新してください。", "公園について"), ("夜間開館を続けてください。", "図書館について")]
    text = ("保育園の延長保育を19時まで延長してください。また、一時預かりについて意見を述べます。"
            "予約が1か月前からしか取れません。前日でも予約できるようにしてください。")
    assert _pieces(text)[1] == ("予約が1か月前からしか取れません。前日でも予約できるようにしてください。", "一時預かりについて")


def test_a_place_in_the_draft_stays_beside_the_announced_subject():
    text = "第3章について\n放課後児童クラブについて意見を述べます。定員を増やしてください。"
    assert _pieces(text) == [("定員を増やしてください。", "第3章について 放課後児童クラブについて")]


@pytest.mark.parametrize("text, body, heading", [
    ("放課後児童クラブについて意見を述べます。\n\n東小学校の児童クラブは定員が足りません。定員を増やしてください。",
     "東小学校の児童クラブは定員が足りません。定員を増やしてください。", "放課後児童クラブについて"),
    ("ひとり親家庭への支援についての要望です。\n児童扶養手当の申請をオンラインでできるようにしてください。",
     "児童扶養手当の申請をオンラインでできるようにしてください。", "ひとり親家庭への支援について"),
])
def test_an_announcement_on_its_own_line_heads_its_paragraph(text, body, heading):
    assert _pieces(text) == [(body, heading)]


def test_items_under_an_announced_subject_take_it():
    text = "保育施設について、以下のとおり意見を述べます。\n一、0歳児の受け入れ枠を増やしてください。\n二、延長保育を20時まで実施してください。"
    made = _split_pieces(text, True)
    assert [(p[2], p[4]) for p in made] == [("", "greeting"), ("保育施設について", "ok"), ("保育施設について", "ok")]
    draft = text.replace("保育施設について", "本計画案について")
    assert [p[2] for p in _split_pieces(draft, True)] == ["", "", ""]


@pytest.mark.parametrize("remark", ["なお、回答は不要です。", "なお、私の氏名は公表しないでください。", "氏名の公表はしないでください。",
                                    "なお、ご不明な点があれば、下記までご連絡ください。"])
def test_a_remark_to_the_office_is_no_opinion(remark):
    assert is_empty_opinion(remark)


@pytest.mark.parametrize("note", ["なお、この件は昨年も要望しました。", "なお、図書館の駐車場も広げてください。"])
def test_a_note_on_the_matter_is_an_opinion_or_part_of_one(note):
    assert not is_empty_opinion(note)


def test_remarks_after_nao_are_not_published(tmp_path):
    comments = write_csv(tmp_path / "c.csv", ["受付番号", "氏名", "ご意見"], [
        ["1", "山田", "児童館の開館時間を19時まで延ばしてください。なお、回答は不要です。"],
        ["2", "佐藤", "病児保育の定員を増やしてください。\nなお、私の氏名は公表しないでください。"]])
    res = invoke("run", comments, "--out", tmp_path / "out", "--model", "char-hash", "--no-progress")
    assert res.exit_code == 0, res.output
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "回答は不要" not in md and "公表しないで" not in md and "- 意見総数：2件" in md


def _run(tmp_path, *files, code=0):
    res = invoke("run", *files, "--out", tmp_path / "out", "--model", "char-hash", "--no-progress")
    assert res.exit_code == code, res.output
    return res.output


def test_two_events_cards_are_no_copy_of_each_other(tmp_path):
    stock = {1: "特にありません", 2: "賛成です", 3: "特にありません", 5: "特になし", 6: "特にありません"}
    east = write_csv(tmp_path / "意見交換会_東地区.csv", ["番号", "ご意見"],
                     [[str(k), stock.get(k, f"東地区の集会所{k}を改修してほしい。")] for k in range(1, 11)])
    west = write_csv(tmp_path / "意見交換会_西地区.csv", ["番号", "ご意見"],
                     [[str(k), stock.get(k, f"西地区の公園{k}に遊具を増やしてほしい。")] for k in range(1, 11)])
    _run(tmp_path, east, west)


def test_an_anonymous_campaign_through_two_channels_is_no_copy(tmp_path):
    wordings = ["児童館の廃止に反対します。地域の子どもの居場所を守ってください。",
                "児童館を廃止しないでください。子どもたちの大切な居場所です。",
                "児童館の存続を求めます。放課後の居場所がなくなります。"]
    web = write_csv(tmp_path / "web.csv", ["受付番号", "ご意見"], [[str(k), wordings[k % 3]] for k in range(1, 10)])
    post = write_csv(tmp_path / "郵送.csv", ["受付番号", "ご意見"], [[str(k), wordings[k % 3]] for k in range(1, 7)])
    _run(tmp_path, web, post)
    assert sum(r["status"] == "ok" for r in read_csv_rows(tmp_path / "out" / "opinions.csv")) == 15


def test_a_web_export_with_id_columns_like_the_tools_is_read(tmp_path):
    export = write_csv(tmp_path / "web.csv", ["opinion_id", "comment_id", "row_number", "ご意見", "氏名"],
                       [["A1", "1", "1", "学童の定員を増やしてください。", "山田"], ["A2", "2", "2", "児童館を直してください。", "佐藤"]])
    output = _run(tmp_path, export)
    assert "written by this tool" not in output and "is an output of this tool" not in output


def test_comments_typed_into_a_copy_of_a_report_are_read(tmp_path):
    comments = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], [["1", "学童の定員を増やしてください。"]])
    _run(tmp_path, comments)
    wb = openpyxl.load_workbook(tmp_path / "out" / "report.xlsx")
    ws = wb.active
    ws.delete_rows(1, ws.max_row)
    for row in (["受付番号", "氏名", "ご意見"], ["P-1", "鈴木", "保育料を下げてください。"], ["P-2", "田中", "児童館を直してください。"]):
        ws.append(row)
    wb.save(tmp_path / "郵送.xlsx")  # (the author stays pubcom-cluster, as Excel keeps it)
    output = invoke("run", tmp_path / "郵送.xlsx", "--out", tmp_path / "out2", "--model", "char-hash").output
    assert "output of this tool" not in output and "written by this tool" not in output, output
    assert len(read_csv_rows(tmp_path / "out2" / "opinions.csv")) == 2


@pytest.mark.parametrize("text, secret", [
    ("こうえんに いすを ふやしてほしいです。\nみなと小学校 3年 なかむら", "なかむら"),
    ("こんにちは。３年２組のはるとです。こうえんにすべりだいをつくってください。", "はると"),
    ("ぼくは3年2組のたなかはるとです。", "たなかはると"),
])
def test_a_childs_hiragana_name_after_the_class_or_school_is_masked(text, secret):
    from conftest import assert_masked

    assert_masked(text, secrets=[secret])


@pytest.mark.parametrize("text", ["3年2組のみんなです。", "みなと小学校 3年 みんなで", "3年生のみんなでかんがえました。"])
def test_a_common_word_after_the_class_stays(text):
    from cluster.mask import mask_personal_data

    assert mask_personal_data(text) == text


def test_a_folder_made_before_announcements_were_headings_keeps_its_decisions(tmp_path):
    """A run folder the earlier version wrote holds 「放課後児童クラブについて意見を述べます。定員を増やしてください。」 as the
    opinion's text; this version reads the first sentence as its heading: the same opinion, its decisions kept."""
    from test_upgrade_qa48 import rewrite_opinions

    announced = "放課後児童クラブについて意見を述べます。"
    comments = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], [["1", announced + "定員を増やしてください。"],
                                                                      ["2", "病児保育の施設を増やしてください。"]])
    out = tmp_path / "out"

    def run():
        res = invoke("run", comments, "--out", out, "--model", "char-hash", "--no-progress")
        assert res.exit_code == 0, res.output
        return res.output

    run()

    def as_before(rows):
        for r in rows:
            if r["heading"] == "放課後児童クラブについて":
                r["text"], r["heading"], r["start"] = announced + r["text"], "", "0"
        return rows

    rewrite_opinions(out, as_before)
    cid = next(r["cluster_id"] for r in read_csv_rows(out / "opinions.csv") if r["text"].startswith(announced))
    assert invoke("review", "answer", out, cid, "--text", "定員の拡大を検討します。").exit_code == 0
    output = run()
    assert "the tool now cuts 1 earlier opinion differently" in output and "2 applied" not in output
    assert "staff decisions in" in output and "1 applied" in output, output
    assert "定員の拡大を検討します。" in (out / "report.md").read_text(encoding="utf-8")
