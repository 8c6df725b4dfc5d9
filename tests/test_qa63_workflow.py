"""QA63, a city's whole workflow on its 地域公共交通計画（案）: an association's opening (「…自治会長の森です。自治会を
代表して意見を申し上げます。」「…連合会として、会員の意見をとりまとめ提出します。」) and a 拝啓 greeting sharing a line with the
lead-in were counted as opinions; a signature of name, address and TEL, and a letter's date, stayed in the last item;
the pasted 目次's title line was a topic; 「第4章施策1」 gave 第4章 only."""

from __future__ import annotations

import pytest

from cluster.labels import _numbered_part, read_topics
from cluster.normalize import is_greeting_sentence, is_introduction
from cluster.pipeline import _split_pieces


@pytest.mark.parametrize("line", [
    "東浜市浜田町自治会長の森です。",
    "自治会を代表して意見を申し上げます。",
    "東浜市老人クラブ連合会として、会員の意見をとりまとめ提出します。",
])
def test_an_associations_opening_is_an_introduction(line):
    assert is_introduction(line)


def test_a_seasonal_greeting_to_the_staff_is_a_greeting():
    assert is_greeting_sentence("拝啓　寒さ厳しき折、市職員の皆様にはご健勝のこととお喜び申し上げます。")


@pytest.mark.parametrize("text", [
    "市民として、バスを残してほしいという声をまとめて提出します。",  # what they ask is in it
    "寒さ厳しき折、バスを待つのはつらいです。",
])
def test_an_opinion_in_such_words_stays(text):
    assert not is_introduction(text) and not is_greeting_sentence(text)


def test_items_under_an_associations_opening_and_its_signature():
    letter = ("東浜市老人クラブ連合会として、会員の意見をとりまとめ提出します。\n（1）説明会を開いてください。\n（2）文字を大きくしてください。\n"
              "東浜市老人クラブ連合会　会長　近藤義男\n東浜市本町2-1-1　老人福祉センター内　TEL 0297-22-0000")
    assert [(p[3], p[4]) for p in _split_pieces(letter, True)] == [
        ("東浜市老人クラブ連合会として、会員の意見をとりまとめ提出します。", "greeting"), ("説明会を開いてください。", "ok"),
        ("文字を大きくしてください。", "ok"),
        ("東浜市老人クラブ連合会　会長　近藤義男\n東浜市本町2-1-1　老人福祉センター内　TEL 0297-22-0000", "greeting")]


def test_a_greeting_and_lead_in_on_one_line_over_items():
    letter = ("拝啓　寒さ厳しき折、市職員の皆様にはご健勝のこととお喜び申し上げます。東浜市地域公共交通計画（案）について、"
              "以下のとおり意見を申し上げます。\n（1）北浜線の便数を維持してください。\n（2）バス停に屋根を付けてください。\n敬具")
    assert [p[4] for p in _split_pieces(letter, True)] == ["greeting", "ok", "ok", "greeting"]


def test_a_letters_date_under_its_last_item():
    letter = "（1）運賃を据え置いてください。\n（2）高齢者の運賃を引き下げてください。\n令和8年1月20日"
    assert [(p[3], p[4]) for p in _split_pieces(letter, True)][-2:] == [
        ("高齢者の運賃を引き下げてください。", "ok"), ("令和8年1月20日", "greeting")]


TOC = """東浜市地域公共交通計画（案）　目次

第1章　計画の概要 ………………………………………… 1
第4章　施策の展開 ………………………………………… 16
　施策1　路線バスの再編 ……………………………… 17
　施策2　デマンド交通の導入 ………………………… 20
第5章　計画の推進体制 …………………………………… 30
"""


def test_a_pasted_toc_its_title_line_and_numbered_parts(tmp_path):
    path = tmp_path / "章立て.txt"
    path.write_text(TOC, encoding="utf-8")
    names = [t.name for t in read_topics(path)]
    assert names == ["第1章　計画の概要", "第4章　施策の展開", "第4章施策1　路線バスの再編", "第4章施策2　デマンド交通の導入",
                     "第5章　計画の推進体制"]


@pytest.mark.parametrize("name, part", [("施策1　路線バスの再編", "施策1"), ("第4章施策2　デマンド交通の導入", "施策2"),
                                        ("基本目標3 安心", "基本目標3"), ("第4章　施策の展開", ""), ("1　計画策定の趣旨", "")])
def test_a_numbered_part_of_a_topics_name(name, part):
    assert _numbered_part(name) == part


def test_a_row_citing_a_numbered_part_gets_it_over_its_chapter(tmp_path):
    from conftest import invoke, read_csv_rows, write_csv

    (tmp_path / "章立て.txt").write_text(TOC, encoding="utf-8")
    comments = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], [
        ["1", "計画案第4章施策1に示された北浜線の減便に反対します。"],
        ["2", "第4章のデマンド交通の区域を西浜町まで広げてください。"],
        ["3", "計画の推進体制に市民を加えてください。"]])
    res = invoke("run", comments, "--out", tmp_path / "out", "--model", "char-hash", "--topics", tmp_path / "章立て.txt")
    assert res.exit_code == 0, res.output
    topic = {r["representative"][:10]: r["topic"] for r in read_csv_rows(tmp_path / "out" / "clusters.csv")}
    assert topic["計画案第4章施策1に"] == "第4章施策1　路線バスの再編"
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "目次" not in md and "第4章施策1　路線バスの再編 |" in md


def test_rows_renumbered_by_a_changed_section_are_named(tmp_path):
    from conftest import invoke, write_csv

    from cluster.messages_ja import is_known

    (tmp_path / "章立て.txt").write_text(TOC, encoding="utf-8")
    comments = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], [
        ["1", "第1章の計画の概要がわかりにくいです。"], ["2", "第4章施策1の北浜線の減便に反対します。"],
        ["3", "第5章の推進体制に市民を加えてください。"]])
    out = tmp_path / "out"

    def run():
        res = invoke("run", comments, "--out", out, "--model", "char-hash", "--topics", tmp_path / "章立て.txt")
        assert res.exit_code == 0, res.output
        return res.output

    assert "another No." not in run()
    from conftest import read_csv_rows

    first = next(r for r in read_csv_rows(out / "clusters.csv") if r["report_no"] == "1")
    assert invoke("review", "section", out, first["cluster_id"], "第5章　計画の推進体制").exit_code == 0
    (line,) = [x for x in run().splitlines() if "another No." in x]
    assert f"{first['cluster_id']} No. 1 → " in line and is_known(line)
    assert "another No." not in run()  # said once


def test_a_new_point_ends_what_a_sentence_announced():
    from cluster.split import split_submission

    text = ("まず、第4章施策3「交通結節点の整備」について意見を述べます。駅前ロータリーを広げてください。\n"
            "次に、施策4の運賃の見直しについて意見を述べます。高齢者の運賃を下げてください。\n"
            "最後に、第3章の目標値について、利用者数の目標を高くしてください。")
    assert [s.heading for s in split_submission(text)] == [
        "第4章施策3「交通結節点の整備」について", "施策4の運賃の見直しについて", ""]
    # under a heading line, a paragraph opening 「また、」 stays in its section
    lined = "第3章について\n目標値が低すぎます。\nまた、評価指標も見直してください。"
    assert [s.heading for s in split_submission(lined)] == ["第3章について"]


def test_late_letters_that_make_a_row_outnumber_another_keep_the_numbers(tmp_path):
    """QA64: within a section the rows were ordered by their counts, so late letters renumbered them."""
    from conftest import invoke, read_csv_rows, write_csv

    (tmp_path / "章立て.txt").write_text(TOC, encoding="utf-8")
    bus = "第4章施策1の北浜線の減便に反対します。"
    stop = "第4章施策1の路線バスの再編で、バス停の位置を駅に近づけてください。"
    early = [["1", bus], ["2", bus], ["3", stop]]
    late = early + [["4", stop], ["5", stop]]
    out = tmp_path / "out"
    for rows in (early, late):
        comments = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], rows)
        res = invoke("run", comments, "--out", out, "--model", "char-hash", "--topics", tmp_path / "章立て.txt")
        assert res.exit_code == 0, res.output
        numbers = {r["representative"][:8]: r["report_no"] for r in read_csv_rows(out / "clusters.csv")}
        if rows is early:
            first = numbers
    assert numbers == first and "another No." not in res.output


def test_the_drafts_title_over_a_toc_without_the_word(tmp_path):
    path = tmp_path / "章立て.txt"
    path.write_text(TOC.replace("　目次", ""), encoding="utf-8")
    assert [t.name for t in read_topics(path)][0] == "第1章　計画の概要"
    plain = tmp_path / "plain.txt"  # a list without pages: every line is a topic, as before
    plain.write_text("公共交通計画\n第1章　計画の概要\n", encoding="utf-8")
    assert [t.name for t in read_topics(plain)] == ["公共交通計画", "第1章　計画の概要"]


def test_an_address_and_phone_on_one_line_sign_a_one_opinion_letter():
    """QA64: 「東浜市本町1-1-20　鈴木　トメ　TEL …」 under a one-opinion letter stayed in the opinion (the name was none
    the masker knew without the 氏名 column); an address and a phone on one line are a signature."""
    letter = ("私は75歳で、昨年運転免許を返納しました。高齢者の運賃割引を拡充してください。\nよろしくお願いします。\n"
              "東浜市本町1-1-20　鈴木　トメ　TEL 0297-22-3344")
    assert [(p[3], p[4]) for p in _split_pieces(letter, True)] == [
        ("私は75歳で、昨年運転免許を返納しました。高齢者の運賃割引を拡充してください。", "ok"),
        ("よろしくお願いします。\n東浜市本町1-1-20　鈴木　トメ　TEL 0297-22-3344", "greeting")]
