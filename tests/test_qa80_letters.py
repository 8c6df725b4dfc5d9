"""QA80: organisations' letters whose items are marked ア／イ, 「二　」「1　」 or open with their label (【意見】, 意見：):
each item is the writer's own point, so two of one letter never share a row.

The letters were written for these tests (an imagined city's environment plan).
"""
from __future__ import annotations

import pytest

from conftest import cluster_of, invoke, read_csv_rows, write_csv

OTHERS = [
    ["Z1", "電子メール", "駅前の駐輪場を増設してください。"],
    ["Z2", "郵送", "図書館の開館時間を延長してほしい。"],
    ["Z3", "FAX", "公園のトイレを洋式にしてください。"],
]


@pytest.mark.parametrize("letter", [
    "みなと市PTA連合会\n\n（1）環境学習について\nア　小学校の環境学習で、みなと川の水生生物調査を全校で行ってください。\n"
    "イ　小学校の環境学習で、里山の森林体験を全校で行ってください。\n\n以上",
    "みなと農業協同組合\n\n一　環境学習について\n　小学校の環境学習で、みなと川の水生生物調査を全校で行ってください。\n"
    "二　環境学習について\n　小学校の環境学習で、里山の森林体験を全校で行ってください。\n\n以上",
    "みなと市医師会\n\n【該当箇所】P.30\n【意見】小学校の環境学習で、みなと川の水生生物調査を全校で行ってください。\n"
    "【理由】体験が大切です。\n\n【該当箇所】P.31\n【意見】小学校の環境学習で、里山の森林体験を全校で行ってください。\n"
    "【理由】体験が大切です。\n\n以上",
])
def test_two_items_of_one_letter_never_share_a_row(tmp_path, letter):
    rows = [["L1", "郵送", letter]] + OTHERS
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "提出方法", "ご意見"], rows), "--out", out,
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output
    of = cluster_of(out)
    texts = {r["opinion_id"]: r["text"] for r in read_csv_rows(out / "opinions.csv")}
    water = next(oid for oid, t in texts.items() if "水生生物" in t)
    forest = next(oid for oid, t in texts.items() if "森林体験" in t)
    assert water != forest and of[water] and of[forest]
    assert of[water] != of[forest]


@pytest.mark.parametrize("letter, cover", [
    # a date in kanji numerals over the letterhead
    ("令和八年一月二十六日\nみなと市長　海野　太一　様\nみなと農業協同組合\n代表理事組合長　北村　哲也\n\n"
     "一　農地の保全について\n　遊休農地の解消に向けた具体策を示されたい。\n二　有害鳥獣対策について\n　鳥獣被害対策を位置付けられたい。\n",
     "代表理事組合長"),
    # an officer with a title between the office and the name
    ("みなと市長　海野　太一　殿\n\n2026年（令和8年）1月28日\nみなと県弁護士会\n会長　弁護士　早川　直樹\n\n"
     "1　計画案第5章に、環境影響評価条例の制定に向けた検討を行う旨を明記すべきである。\n"
     "2　計画の進捗状況の評価結果を毎年公表すべきである。\n", "会長　弁護士"),
    # a contact block under its label
    ("1　事業所向けの太陽光発電設備導入補助の上限額を引き上げていただきたい。\n"
     "2　省エネ診断の実施件数目標を引き上げていただきたい。\n\n以上\n\n【本件担当】\nみなと商工会議所　産業振興部　山本　健司\n"
     "TEL 0465-22-3141\n", "産業振興部"),
])
def test_a_letters_cover_and_contact_lines_are_no_opinion(letter, cover):
    from cluster.split import split_submission

    opinions = [letter[s.start:s.end] for s in split_submission(letter) if not s.closing]
    assert len(opinions) == 2, opinions
    assert not any(cover in o for o in opinions)


TABLE_LETTER = ("みなと市環境政策課　御中\nみなと市第2次環境基本計画（案）に対する意見（みなと建設業協会）\n"
                "当協会の環境委員会で取りまとめた意見を、次の表のとおり提出します。\n\n"
                "No.\t該当頁\t該当箇所\t意見\t理由\n"
                "1\tP.36\t建築物の省エネ化\t市発注工事の総合評価方式に省エネ対応の加点を設けてほしい。\t地元企業が評価されるため。\n"
                "2\tP.42\t建設副産物のリサイクル\t再生砕石の市工事での使用率の目標を示してほしい。\t在庫が滞留しているため。\n"
                "3\tP.52\t騒音・振動\t夜間工事の騒音規制について、緊急工事の扱いを明確にしてほしい。\t作業が止まる事例があったため。\n\n"
                "みなと建設業協会　事務局　TEL 0465-70-1234")


def test_a_letter_typed_as_a_tab_table_gives_one_opinion_a_row():
    from cluster.split import split_submission

    segments = split_submission(TABLE_LETTER)
    opinions = [(s.heading, TABLE_LETTER[s.start:s.end]) for s in segments if not s.closing]
    assert [h for h, _ in opinions] == ["建築物の省エネ化", "建設副産物のリサイクル", "騒音・振動"]
    assert [t.split("\t")[0] for _, t in opinions] == [
        "市発注工事の総合評価方式に省エネ対応の加点を設けてほしい。", "再生砕石の市工事での使用率の目標を示してほしい。",
        "夜間工事の騒音規制について、緊急工事の扱いを明確にしてほしい。"]
    assert opinions[0][1].endswith("地元企業が評価されるため。")  # the reason cell stays with its opinion
    covered = "".join(TABLE_LETTER[s.start:s.end] for s in segments if s.closing)
    assert "御中" in covered and "TEL" in covered and "No.\t該当頁" in covered


def test_the_rows_of_a_table_letter_never_share_a_row(tmp_path):
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "提出方法", "ご意見"], [["T1", "郵送", TABLE_LETTER]] + OTHERS),
                 "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    of = cluster_of(out)
    rows = [of[f"T1-{k}"] for k in range(1, 8) if of.get(f"T1-{k}")]
    assert len(rows) == 3 and len(set(rows)) == 3


@pytest.mark.parametrize("preamble", [
    "日頃より地域活動へのご支援をいただき感謝申し上げます。当連合会の理事会で出された意見を取りまとめましたので、提出いたします。",
    "子どもたちの未来に関わる大切な計画ですので、各校PTAから寄せられた声をまとめました。",
    "当会は、くらしと環境をテーマに学習会を続けている消費者団体です。会員の意見を次のとおりまとめました。",
])
def test_a_preamble_that_only_announces_the_items_is_no_opinion(preamble):
    from cluster.split import split_submission

    letter = f"{preamble}\n\n1　集積所に防鳥ネットを配ってください。\n2　街路樹の落ち葉の清掃を支援してください。\n"
    opinions = [letter[s.start:s.end] for s in split_submission(letter) if not s.closing]
    assert opinions == ["集積所に防鳥ネットを配ってください。", "街路樹の落ち葉の清掃を支援してください。"]


def test_a_preamble_that_asks_something_stays_an_opinion():
    from cluster.split import split_submission

    letter = "利用者の声をまとめました。駅前の駐輪場を増設してください。\n\n1　屋根を付けてください。\n2　照明を増やしてください。\n"
    opinions = [letter[s.start:s.end] for s in split_submission(letter) if not s.closing]
    assert opinions[0].endswith("駅前の駐輪場を増設してください。") and len(opinions) == 3


# QA82: what the rules above must not take for a cover, a contact block or an item
@pytest.mark.parametrize("letter, kept", [
    ("令和八年二月一日\n\n【連絡先】\n連絡先が書かれていない相談窓口が多すぎる\n窓口ごとに電話番号を載せて", "窓口ごとに電話番号を載せて"),
    ("第5章について二点意見します。\n【事業一覧】\n事業ごとの予算額を載せてください。\n【問い合わせ先】\n"
     "各事業の問い合わせ先がない\n担当課と電話番号を載せてほしい", "担当課と電話番号を載せてほしい"),
    ("窓口について二点お願いします。\n【受付】\n受付時間を夜7時まで延ばしてほしい\n【担当】\n担当職員を2名以上に\n窓口を一本化して",
     "担当職員を2名以上に"),
    ("みなと市長　様\n\n駅前の環境を守る会\n\n私たちは、駅前再開発の高層マンション計画に反対する住民の会です。\n\n"
     "1　駅前広場の緑地を残してください。\n2　建物の高さを30メートル以下にしてください。", "計画に反対する住民の会です"),
])
def test_a_request_or_a_stance_under_such_a_label_stays_an_opinion(letter, kept):
    from cluster.split import split_submission

    opinions = [letter[s.start:s.end] for s in split_submission(letter) if not s.closing]
    assert any(kept in o for o in opinions), opinions


def test_a_table_rows_cell_wrapped_onto_the_next_line_stays_with_its_row():
    from cluster.split import split_submission

    letter = ("みなと環境ネット\nNo.\t該当箇所\t意見\t理由\n1\t第2章\t保育士の処遇改善を明記してください。\t離職が多い。\n"
              "2\t第3章\t病児保育の施設を増やしてください。\n特に北部地区に一つもないことが問題です。\t通えない。\n"
              "3\t第5章\t評価指標に待機児童数を入れてください。\t")
    segments = split_submission(letter)
    opinions = [letter[s.start:s.end] for s in segments if not s.closing]
    assert [o.split("\t")[0].split("\n")[0] for o in opinions] == [
        "保育士の処遇改善を明記してください。", "病児保育の施設を増やしてください。", "評価指標に待機児童数を入れてください。"]
    assert "特に北部地区に一つもないことが問題です。" in opinions[1] and opinions[1].endswith("通えない。")
    assert letter[segments[0].start:segments[0].end] == "みなと環境ネット" and segments[0].closing


def test_a_list_of_reasons_under_one_request_is_not_held_apart(tmp_path):
    letter = "駅前駐輪場の有料化に反対します。理由は次のとおりです。\nア　学生の負担が増える\nイ　周辺に放置自転車が増える\nウ　商店街の客が減る"
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "提出方法", "ご意見"], [["Q1", "郵送", letter]] + OTHERS),
                 "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "numbered item" not in res.output  # (the reasons ask nothing: no item held apart)


@pytest.mark.parametrize("text", ["・校長　裁量　拡大を\n・部活動　地域移行　早く", "自治会長　任期　2年までに\n任期の長さを見直してください。"])
def test_a_short_request_in_words_apart_is_no_officers_line(text):
    from cluster.split import split_submission

    assert all(not s.closing for s in split_submission(text))
