"""``--no-split``: one opinion row per submission, spanning the writer's own content
(cluster.pipeline._split_pieces with split=False)."""
from __future__ import annotations

from cluster.pipeline import _split_pieces


def one_row(source: str) -> tuple[int, int, str, str, str]:
    """The one opinion row (or the one empty row); the text around it is in rows of its own."""
    made = _split_pieces(source, False)
    for start, end, _, text, _ in made:
        assert source[start:end] == text  # offsets index the source
    opinions = [m for m in made if m[4] in ("ok", "empty")]
    assert len(opinions) == 1 and all(m[4] in ("greeting", "header", "quoted") for m in made if m not in opinions)
    # nothing the writer sent is missing: every non-blank character is in some row
    covered = set().union(*(range(m[0], m[1]) for m in made))
    assert all(i in covered for i, ch in enumerate(source) if not ch.isspace())
    return opinions[0]


def rows(source: str) -> list[tuple[str, str]]:
    return [(m[4], m[3]) for m in _split_pieces(source, False)]


NOTICE = ("\n\n-----Original Message-----\nFrom: ○○町役場 子育て支援課\nSent: 2026/11/01 10:00\nTo: 町民各位\n"
          "子育て支援計画（案）への意見を募集します。")


def test_quoted_notice_headers_date_and_greeting_fall_outside():
    source = ("From: taro@example.jp\nTo: kosodate@town.example.jp\nSubject: 計画案への意見\nDate: 2026/11/04\n\n"
              "令和8年11月4日\n子育て支援課御中\nお疲れ様です。\n"
              "(1)保育所を増やしてください。\n(2)病児保育を拡充してください。\n以上\n山田太郎" + NOTICE)
    _, _, heading, text, status = one_row(source)
    assert (text, status, heading) == ("(1)保育所を増やしてください。\n(2)病児保育を拡充してください。", "ok", "")


def test_letter_without_items_under_a_subject_line():
    source = ("件名：保育計画への意見\n令和8年11月4日\nお疲れ様です。\n保育所を増やしてください。\n"
              "延長保育も拡充してください。\nよろしくお願いします。\n渡辺" + NOTICE)
    assert one_row(source)[3:] == ("保育所を増やしてください。\n延長保育も拡充してください。", "ok")


def test_leading_greeting_in_the_same_line_and_a_date_under_the_text():
    source = "お疲れ様です。公園を増やしてください。\n令和8年11月4日\n"
    assert one_row(source)[3:] == ("公園を増やしてください。", "ok")


def test_items_and_headings_stay_whole():
    source = "(1)公園を増やしてください。\n(2)遊具を新しくしてください。\n(3)ベンチを置いてください。"
    assert one_row(source) == (0, len(source), "", source, "ok")
    source = "公園について\n遊具を増やしてください。\n図書館について\n開館時間を延ばしてください。"
    assert one_row(source)[3] == source


def test_nothing_to_publish_keeps_the_whole_text_as_empty():
    assert one_row("お世話になっております。") == (0, 12, "", "お世話になっております。", "empty")
    assert one_row("") == (0, 0, "", "", "empty")


def test_real_opinion_starting_like_a_greeting_stays():
    source = "一番困っているのは高齢者です。\n(1)バスを増やしてください。\n(2)停留所に屋根を付けてください。"
    assert one_row(source)[3] == source


def test_the_text_around_the_opinion_keeps_rows_of_its_own():
    """QA: with --no-split the greeting above a letter and its signature were in no row at all."""
    source = "○○町役場 企画財政課 御中\nいつもお世話になっております。\n町営プールを残してください。\n\n山田 花子（東町）"
    assert rows(source) == [("greeting", "○○町役場 企画財政課 御中\nいつもお世話になっております。"),
                            ("ok", "町営プールを残してください。"), ("greeting", "山田 花子（東町）")]
    mail = "From: taro@example.jp\nTo: a@town.example.jp\nSubject: 意見\n\n公園を増やしてください。" + NOTICE
    assert [status for status, _ in rows(mail)] == ["header", "ok", "quoted"]
