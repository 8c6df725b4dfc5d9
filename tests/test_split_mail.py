"""E-mails pasted whole, item references and mixed numbering (cluster.split, pipeline statuses).

All texts are invented for these tests.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from cluster.cli import main
from cluster.pipeline import _split_pieces
from cluster.split import split_submission
from conftest import model_args, read_csv_rows, write_comments_csv


def texts(source: str) -> list[str]:
    return [s.text_of(source) for s in split_submission(source)]


def statuses(source: str) -> list[tuple[str, str]]:
    return [(status, piece) for _, _, _, piece, status in _split_pieces(source, True)]


def covered(source: str) -> None:
    """Segments go forward, never overlap, and only blanks and markers lie between them."""
    pos = 0
    for seg in split_submission(source):
        assert seg.start >= pos
        gap = source[pos:seg.start]
        assert not gap.strip() or len(gap.strip()) <= 4, (gap, source)
        pos = seg.end
    assert not source[pos:].strip()


# ------------------------------------------------------------------ 1. header block

MAIL = ("From: 森川 葵 <aoi.morikawa@example.org>\n"
        "To: iken@city.example.lg.jp\n"
        "Subject: Re: 緑地整備計画（案）への意見\n"
        "Date: Tue, 7 Apr 2026 09:15:00 +0900\n"
        "\n"
        "お世話になります。\n"
        "北公園の池を埋め立てずに残してください。\n"
        "\n"
        "> 2026/04/02 iken@city.example.lg.jp wrote:\n"
        "> 緑地整備計画（案）への意見を募集しています。\n"
        "> 締切は5月8日です。\n")


def test_mail_header_block_is_a_row_of_its_own_not_an_opinion():
    rows = statuses(MAIL)
    assert [s for s, _ in rows] == ["header", "ok", "quoted"]
    header, body, quoted = (p for _, p in rows)
    assert header.startswith("From:") and header.endswith("+0900")
    assert "Subject: Re: 緑地整備計画（案）への意見" in header  # not a heading over the body
    assert body == "お世話になります。\n北公園の池を埋め立てずに残してください。"
    assert quoted.startswith("> 2026/04/02") and quoted.endswith("締切は5月8日です。")
    assert all(seg.heading == "" for seg in split_submission(MAIL))
    covered(MAIL)


@pytest.mark.parametrize("header", [
    "差出人: 森川 葵\n送信日時: 2026年4月7日 9:15\n宛先: 都市計画課\n件名: 緑地整備計画について\n",
    "件名：緑地整備計画への意見\n日付：2026年4月7日\n",
    "FROM: aoi@example.org\nSUBJECT: 意見\n",
    "From: 森川 葵\n <aoi@example.org>\nTo: iken@example.lg.jp\n",  # a folded header line
])
def test_header_styles(header):
    source = header + "\n北公園の池を埋め立てずに残してください。\n東側の桜並木も残してほしい。"
    rows = statuses(source)
    assert [s for s, _ in rows] == ["header", "ok"]
    assert rows[0][1] == header.strip()
    assert rows[1][1] == "北公園の池を埋め立てずに残してください。\n東側の桜並木も残してほしい。"


def test_header_block_body_still_split_into_items():
    source = ("差出人: 森川 葵\n宛先: 都市計画課\n\nいつもお世話になっております。\n"
              "(1)池を残してください。\n(2)桜並木を残してください。\n以上")
    assert statuses(source) == [("header", "差出人: 森川 葵\n宛先: 都市計画課"),
                                ("greeting", "いつもお世話になっております。"),
                                ("ok", "池を残してください。"), ("ok", "桜並木を残してください。"),
                                ("greeting", "以上")]


def test_self_introduction_after_a_header_block_is_a_greeting():
    source = ("From: 森川 葵 <aoi@example.org>\nDate: Tue, 7 Apr 2026 09:15:00 +0900\n\n"
              "東町在住の森川です。\n1. 池を残してください。\n2. 桜並木を残してください。")
    assert [s for s, _ in statuses(source)] == ["header", "greeting", "ok", "ok"]


@pytest.mark.parametrize("source", [
    "件名：池の保全について\n北公園の池を残してください。",  # one field: a heading, as before
    "日付：4月7日に説明会に参加しました。\n北公園の池を残してください。",
    "北公園の池を残してください。\nFrom: 森川\nTo: 都市計画課",  # not at the top, no Sent:/Date:: text
])
def test_not_a_header_block(source):
    assert all(s == "ok" for s, _ in statuses(source))
    assert "".join(p for _, p in statuses(source)).replace("\n", "") in source.replace("\n", "")


def test_header_with_empty_body_is_one_empty_row():
    source = "From: a@example.org\nTo: iken@example.lg.jp\n\n特になし"
    assert statuses(source) == [("empty", source)]


# ------------------------------------------------------------------ 2. quoted and forwarded text

NOTICE = ("From: みどり市 公園課\nSent: Monday, April 6, 2026\nSubject: 意見募集のお知らせ\n"
          "本市では緑地整備計画（案）への意見を募集します。\n担当：公園課 川口\n")


@pytest.mark.parametrize("rule", [
    "-----Original Message-----",
    "----- Original Message -----",
    "-------- 転送メッセージ --------",
    "--- Forwarded message ---",
    "---------- Forwarded message ---------",
    "----- 元のメッセージ -----",
    "元のメッセージ",
])
def test_forwarded_or_original_message_is_quoted(rule):
    source = f"いつもお世話になっております。\n公園のトイレを改修してほしいです。\n\n{rule}\n{NOTICE}"
    rows = statuses(source)
    assert [s for s, _ in rows] == ["ok", "quoted"]
    assert rows[0][1] == "いつもお世話になっております。\n公園のトイレを改修してほしいです。"
    assert rows[1][1] == f"{rule}\n{NOTICE}".strip()
    covered(source)


def test_outlook_reply_block_without_a_separator_line_is_quoted():
    source = ("公園のトイレを改修してほしいです。\n\n________________________________\n"
              "差出人: みどり市 公園課\n送信日時: 2026年4月6日 10:00\n件名: 意見募集\n本市では意見を募集します。")
    rows = statuses(source)
    assert [s for s, _ in rows] == ["ok", "quoted"]
    assert rows[1][1].startswith("______") and rows[1][1].endswith("本市では意見を募集します。")


def test_interleaved_quotes_between_answers():
    source = ("> 北公園の池は埋め立てて広場にします。\n池は残してください。\n\n"
              "> 駐車場を20台増やします。\n>\n> 有料とします。\n駐車場の有料化には反対です。")
    rows = statuses(source)
    assert rows == [("quoted", "> 北公園の池は埋め立てて広場にします。"), ("ok", "池は残してください。"),
                    ("quoted", "> 駐車場を20台増やします。\n>\n> 有料とします。"),
                    ("ok", "駐車場の有料化には反対です。")]
    covered(source)


def test_a_forward_of_ones_own_opinion_stays_the_opinion():
    # nothing outside the quotation but a greeting: what was forwarded is the submission
    source = "お世話になっております。\n-------- 転送メッセージ --------\n北公園の池を残してください。"
    rows = statuses(source)
    assert any(s == "ok" and "北公園の池を残してください。" in p for s, p in rows)
    assert all(s != "quoted" for s, _ in rows)


def test_quoted_notice_is_not_published(tmp_path):
    rows = [("M-1", "電子メール", "森川 葵",
             "From: 森川 葵 <aoi.morikawa@example.org>\nTo: iken@city.example.lg.jp\n"
             "Subject: Re: 緑地整備計画（案）への意見\n\n北公園の池を埋め立てずに残してください。\n\n"
             "-------- 転送メッセージ --------\n" + NOTICE),
            ("M-2", "郵送", "", "南公園に日陰のベンチを置いてください。")]
    src = write_comments_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(src), "--out", str(out), *model_args()], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    ops = read_csv_rows(out / "opinions.csv")
    by = [(op["comment_id"], op["status"]) for op in ops]
    assert by == [("M-1", "header"), ("M-1", "ok"), ("M-1", "quoted"), ("M-2", "ok")]
    assert all(not op["cluster_id"] for op in ops if op["status"] != "ok")
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "北公園の池を埋め立てずに残してください。" in report
    for leaked in ("川口", "意見募集のお知らせ", "From:", "Subject", "本市では"):
        assert leaked not in report


# ------------------------------------------------------------------ 3. item references


def test_marker_followed_by_about_stays_in_the_text():
    source = "(1)について賛成です。\n(2)については反対です。"
    assert texts(source) == ["(1)について賛成です。", "(2)については反対です。"]
    assert [s.marker for s in split_submission(source)] == ["(1)", "(2)"]


@pytest.mark.parametrize("source,expected", [
    ("①は賛成です。\n②の区間は反対です。", ["①は賛成です。", "②の区間は反対です。"]),
    ("（１）に関して、期間が短すぎます。\n（２）を削除してください。", ["（１）に関して、期間が短すぎます。", "（２）を削除してください。"]),
    ("1.について賛成です。\n2.は見直してください。", ["1.について賛成です。", "2.は見直してください。"]),
    ("(1)、(2)については賛成です。\n(2)は反対です。", ["(1)、(2)については賛成です。", "(2)は反対です。"]),
    ("(1)、(2)については賛成です。\n(3)は反対です。", ["(1)、(2)については賛成です。\n(3)は反対です。"]),  # no list
])
def test_item_references_keep_their_marker(source, expected):
    assert texts(source) == expected


def test_ordinary_items_still_lose_their_marker():
    source = "(1)公園の池を残してほしい。\n(2) はしご車が通れる道にしてほしい。"  # a blank, then text
    assert texts(source) == ["公園の池を残してほしい。", "はしご車が通れる道にしてほしい。"]


# ------------------------------------------------------------------ 4. mixed numbering

FIFTEEN = ["歩道を広げてほしい。", "点字ブロックを直してほしい。", "信号を長くしてほしい。", "屋根をつけてほしい。",
           "ベンチを増やしてほしい。", "トイレを増やしてほしい。", "エレベーターを増やしてほしい。",
           "案内板を直してほしい。", "逆走を取り締まってほしい。", "駐輪場を増やしてほしい。", "街灯を増やしてほしい。",
           "横断歩道を塗り直してほしい。", "スロープをつけてほしい。", "陥没を直してほしい。", "除雪を早くしてほしい。"]
MARKS = ["1. ", "2．", "(3) ", "（４）", "⑤ ", "6、", "七、", "８）", "9 ", "⑩", "11.", "第12 ", "⑬ ", "14) ", "15．"]


def test_mixed_styles_counting_up_are_one_list():
    source = "\n".join(m + t for m, t in zip(MARKS, FIFTEEN))
    assert texts(source) == FIFTEEN


def test_mixed_styles_first_three():
    source = "\n".join(m + t for m, t in zip(MARKS[:3], FIFTEEN[:3]))
    assert texts(source) == FIFTEEN[:3]


def test_circled_list_continued_with_numbers_after_ten():
    circled = "①②③④⑤⑥⑦⑧⑨⑩"
    source = "\n".join(f"{c}{t}" for c, t in zip(circled, FIFTEEN)) + "\n" + "\n".join(
        f"{n}. {t}" for n, t in zip(range(11, 16), FIFTEEN[10:]))
    assert texts(source) == FIFTEEN


@pytest.mark.parametrize("source", [
    "1. 歩道を広げてほしい。\n2. 点字ブロックを直してほしい。\n3 人で並んで歩けません。",  # a quantity
    "2．歩道を広げてほしい。\n(3) 信号を長くしてほしい。",  # no item 1
    "(1) 歩道を広げてほしい。\n見直しの時期は\n3. 5年後とされていますが早めてください。",
])
def test_prose_with_numbers_is_not_joined(source):
    before = texts(source)
    assert len(before) <= 2
    assert not any(t.startswith("5年後") for t in before)


def test_nested_lists_cut_at_the_inner_items_under_their_heading():
    # 「1. 交通について」 only heads the (1) (2) under it: their heading, no opinion of its own
    source = ("1. 交通について\n(1) バスを増やしてほしい。\n(2) 運賃を下げてほしい。\n"
              "2. 道路について\n(1) 歩道を広げてほしい。\n(2) 街灯を増やしてほしい。")
    segs = split_submission(source)
    assert [s.text_of(source) for s in segs] == ["バスを増やしてほしい。", "運賃を下げてほしい。",
                                                 "歩道を広げてほしい。", "街灯を増やしてほしい。"]
    assert [s.heading for s in segs] == ["交通について", "交通について", "道路について", "道路について"]


# ------------------------------------------------------------------ a lone subject line over items

SUBJECT_MAIL = ("件名：緑地整備計画（案）への意見\n\n都市計画課　御中\n\n"
                "いつもお世話になっております。市民の森川葵です。以下のとおり意見を提出します。\n"
                "(1) 北公園の池を残してください。\n(2) 桜並木を伐らないでください。\n\n以上\n森川 葵")


def test_a_lone_subject_line_over_items_is_a_header_not_a_heading():
    segs = split_submission(SUBJECT_MAIL)
    assert segs[0].part == "header" and segs[0].text_of(SUBJECT_MAIL) == "件名：緑地整備計画（案）への意見"
    assert not any(s.heading for s in segs)  # the items would all carry it into one cluster
    assert [s for s, _ in statuses(SUBJECT_MAIL)] == ["header", "greeting", "ok", "ok", "greeting"]
    assert statuses(SUBJECT_MAIL)[2:4] == [("ok", "北公園の池を残してください。"), ("ok", "桜並木を伐らないでください。")]
    covered(SUBJECT_MAIL)


def test_a_lone_subject_line_over_one_opinion_stays_its_heading():
    source = "件名：池の保全について\n\n北公園の池を残してください。\n以上\n森川 葵"
    segs = split_submission(source)
    assert [(s.part, s.closing) for s in segs] == [("", False), ("", True)]  # the opinion, its signature
    assert segs[0].heading == "池の保全について"  # the subject, without its 「件名：」 label
    assert segs[1].text_of(source) == "以上\n森川 葵"


@pytest.mark.parametrize("title", ["件名：総合計画（案）への意見", "第2次○○市総合計画（案）に対する意見",
                                   "【緑地整備計画案についての意見書】"])
def test_a_title_that_only_names_the_draft_is_no_heading(title):
    """QA: 【件名：総合計画（案）への意見】 was printed above the opinion in the report, and the
    grouping read the draft's name in every letter that had such a title."""
    source = f"{title}\n\n北公園の池を残してください。\n\nまた、駅前の駐輪場を増やしてください。"
    segs = split_submission(source)
    # the title is a greeting row (closing), or over several opinions the subject line a header
    assert [(s.text_of(source), bool(s.closing or s.part), s.heading) for s in segs] == [
        (title, True, ""), ("北公園の池を残してください。", False, ""), ("また、駅前の駐輪場を増やしてください。", False, "")]


def test_a_heading_that_names_a_part_of_the_draft_stays_a_heading():
    source = "第3章（計画の目標）に関する意見\n北公園の池を残してください。"
    assert [s.heading for s in split_submission(source)] == ["第3章（計画の目標）に関する意見"]


# ------------------------------------------------------------------ replies: quote first, then the answer


@pytest.mark.parametrize("mark", ["＞ ", "> "])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_quoted_notice_at_the_top_answered_below_is_quoted(mark, gap):
    source = (f"{mark}緑地整備計画（案）へのご意見を募集します。\n{mark}締切：5月8日"
              f"{gap}北公園の池を残してください。\n森川")
    rows = statuses(source)
    assert rows[0] == ("quoted", f"{mark}緑地整備計画（案）へのご意見を募集します。\n{mark}締切：5月8日")
    assert [s for s, _ in rows if s == "ok"] == ["ok"]
    assert "締切" not in [p for s, p in rows if s == "ok"][0]  # not glued onto the opinion


@pytest.mark.parametrize("source", [
    "> 駐輪場を増やしてほしい\n> 駐輪場に屋根を付けてほしい\n\n森川",  # a signature only under them
    "下記を要望します。\n＞ 駐輪場を増やしてほしい\n＞ 駐輪場に屋根を付けてほしい",
    "＞ 駐輪場を増やしてほしい\n＞ 駐輪場に屋根を付けてほしい\n上記についてご検討ください。\n森川 葵",
])
def test_quote_mark_bullets_with_no_answer_under_them_stay_the_writers_items(source):
    rows = [p for s, p in statuses(source) if s == "ok"]
    assert len(rows) == 2 and rows[0] == "駐輪場を増やしてほしい" and rows[1].startswith("駐輪場に屋根を付けてほしい")
    assert "quoted" not in [s for s, _ in statuses(source)]


def test_a_reply_with_a_lone_subject_line_and_a_bare_name_above_the_quote():
    source = ("件名：Re: 意見募集\n森川です。\n>> 前回いただいたご意見\n> ご返信ありがとうございます\n"
              "北公園の池を残してください。\n森川葵")
    rows = statuses(source)
    assert [s for s, _ in rows] == ["header", "greeting", "quoted", "ok", "greeting"]
    assert rows[0][1] == "件名：Re: 意見募集" and rows[1][1] == "森川です。"
    assert rows[3][1] == "北公園の池を残してください。" and rows[4][1] == "森川葵"  # the signature
    covered(source)


def test_an_opinion_above_the_quote_of_a_reply_stays_an_opinion():
    source = "件名：Re: 意見募集\n桜並木を伐らないでください。\n> ご意見をお寄せください\n北公園の池を残してください。"
    assert [s for s, _ in statuses(source)] == ["header", "ok", "quoted", "ok"]


def test_a_subject_that_names_the_draft_over_one_opinion_is_a_greeting_row():
    from cluster.pipeline import _split_pieces

    made = _split_pieces("件名：総合計画（案）への意見\n\n駅前の駐輪場を増やしてください。いつも満車です。", split=True)
    assert [(m[4], m[2], m[3]) for m in made] == [
        ("greeting", "", "件名：総合計画（案）への意見"), ("ok", "", "駅前の駐輪場を増やしてください。いつも満車です。")]


def test_a_mail_opening_with_its_own_original_message_header_is_a_header_and_its_body():
    # QA26: 「-----Original Message----- 件名: 意見」 was published as the start of ご意見の概要
    from cluster.pipeline import _split_pieces

    text = ("-----Original Message-----\nFrom: 前田 敏夫\n件名: 意見\n\n"
            "高齢者が気軽に運動できる場所がありません。町民体育館に高齢者向けの時間帯を設けてください。")
    pieces = _split_pieces(text, True)
    assert [p[4] for p in pieces] == ["header", "ok"]
    assert pieces[1][3].startswith("高齢者が気軽に") and "件名" not in pieces[1][3]
    # written above a forwarded message, the writer's text stays the opinion and the rest is quoted
    above = "体育館の開館時間を延ばしてください。\n" + text
    assert [p[4] for p in _split_pieces(above, True)][0] == "ok"


def test_an_english_letters_salutation_and_closing_are_no_part_of_the_opinion():
    from cluster.normalize import display_text, is_greeting_sentence
    from cluster.pipeline import _split_pieces

    text = ("Dear Planning Division,\nPlease provide the plan in English and easy Japanese.\n"
            "Best regards,\nJames Miller")
    pieces = _split_pieces(text, True)
    ok = [p[3] for p in pieces if p[4] == "ok"]
    assert len(ok) == 1 and "Best regards" not in ok[0]
    assert display_text(ok[0]) == "Please provide the plan in English and easy Japanese."
    assert is_greeting_sentence("Kind regards,") and is_greeting_sentence("Thank you for your consideration.")
    assert not is_greeting_sentence("Thank you for building the park.")
