"""QA pass 14: past-answer tables split over rows, per-file column options, opposite directions."""
from __future__ import annotations

import pytest

from cluster.answers import read_past_answers
from cluster.io import InputError
from conftest import write_csv, write_sheet


def write_xlsx(path, header, rows):
    return write_sheet(path, [header, *rows])


# ----------------------------------------------------------------- a cell split over two rows

SPLIT_ROWS = [
    [1, "図書館に自習できる席を増やしてほしい。", "学習席を現在の40席から"],
    [None, None, "80席に増設する計画です。"],
    [2, "公園の遊具を更新してほしい。", "遊具は順次更新しております。"],
]


def test_a_row_without_an_id_continues_the_answer_above(tmp_path):
    path = write_xlsx(tmp_path / "split.xlsx", ["番号", "意見の要旨", "本市の考え方"], SPLIT_ROWS)
    lines = []
    recs, report = read_past_answers(path, log=lines.append)
    assert [r.answer_id for r in recs] == ["1", "2"]
    assert recs[0].answer == "学習席を現在の40席から80席に増設する計画です。"  # mid-sentence: joined directly
    assert recs[1].answer == "遊具は順次更新しております。"
    assert any("joined 1 row" in line and "row 2 to row 1" in line for line in lines)
    assert any("2 answers read" in line for line in lines)
    assert report["files"][0]["joined_rows"] == [2]


def test_with_several_files_the_real_id_keeps_its_number(tmp_path):
    split = write_xlsx(tmp_path / "toshokan.xlsx", ["番号", "意見の要旨", "本市の考え方"], SPLIT_ROWS)
    other = write_csv(tmp_path / "koutsuu.csv", ["No.", "ご意見の概要", "市の考え方"],
                      [["1", "バスを増便してほしい。", "事業者と協議します。"]])
    recs, _ = read_past_answers([split, other], log=None)
    by_id = {r.answer_id: r for r in recs}
    assert set(by_id) == {"toshokan:1", "toshokan:2", "koutsuu:1"}
    assert by_id["toshokan:2"].answer == "遊具は順次更新しております。"


def test_a_continuation_after_a_closed_sentence_starts_a_new_line_and_the_opinion_is_joined_too(tmp_path):
    path = write_csv(tmp_path / "p.csv", ["No.", "ご意見の概要", "市の考え方"], [
        ["1", "駐輪場を増やして", "駅東側に整備します。"],
        ["", "ほしい。", "完成は来年度です。"],
        ["", "", ""],  # a spacer row stays a spacer
        ["2", "歩道を広げてほしい。", "道路改良の際に検討します。"],
    ])
    recs, _ = read_past_answers(path, log=None)
    assert [r.answer_id for r in recs] == ["1", "2"]
    assert recs[0].opinion == "駐輪場を増やしてほしい。"
    assert recs[0].answer == "駅東側に整備します。\n完成は来年度です。"


def test_a_file_without_an_id_column_keeps_its_row_number_ids(tmp_path):
    path = write_csv(tmp_path / "kankyou.csv", ["ご意見の概要", "市の考え方"], [
        ["ごみの分別を分かりやすくしてほしい。", "アプリで案内します。"],
        ["", "ごみ袋の料金は据え置きます。"],
    ])
    recs, _ = read_past_answers(path, log=None)
    assert [r.answer_id for r in recs] == ["kankyou:1", "kankyou:2"]


def test_a_row_number_id_never_takes_an_id_the_file_gives(tmp_path):
    # ids in only one row of three: not a filled id column, so no row is joined
    a = write_csv(tmp_path / "a.csv", ["No.", "ご意見の概要", "市の考え方"], [
        ["", "バス停に屋根をつけてほしい。", "順次設置します。"],
        ["", "ベンチを置いてほしい。", "検討します。"],
        ["2", "運賃を下げてほしい。", "事業者に伝えます。"],
    ])
    b = write_csv(tmp_path / "b.csv", ["No.", "ご意見の概要", "市の考え方"], [["1", "歩道を広げてほしい。", "検討します。"]])
    recs, _ = read_past_answers([a, b], log=None)
    by_id = {r.answer_id: r.opinion for r in recs}
    assert by_id["a:2"] == "運賃を下げてほしい。"
    assert by_id["a:1"] == "バス停に屋根をつけてほしい。"
    assert "ベンチを置いてほしい。" in by_id.values()
    assert len(by_id) == 4 and not any("#" in i for i in by_id)


# ----------------------------------------------------------------- column options with several files


def _three_files(tmp_path):
    a = write_csv(tmp_path / "koutsuu.csv", ["No.", "ご意見の概要", "市の考え方"],
                  [["1", "バスを増便してほしい。", "事業者と協議します。"]])
    b = write_csv(tmp_path / "kouen.csv", ["番号", "意見の要旨", "本市の考え方", "区分"],
                  [["7", "遊具を更新してほしい。", "順次更新します。", "3"]])
    c = write_csv(tmp_path / "kankyou.csv", ["項目", "意見内容", "回答"],
                  [["ごみ", "分別を分かりやすくしてほしい。", "アプリで案内します。"]])
    return [a, b, c]


def test_a_given_column_applies_to_the_files_that_have_it_and_the_others_are_guessed(tmp_path):
    lines = []
    recs, _ = read_past_answers(_three_files(tmp_path), id_column="番号", opinion_column="意見の要旨", log=lines.append)
    assert {r.answer_id for r in recs} == {"koutsuu:1", "kouen:7", "kankyou:1"}
    assert {r.opinion for r in recs} == {"バスを増便してほしい。", "遊具を更新してほしい。", "分別を分かりやすくしてほしい。"}
    assert any("koutsuu.csv: no column '番号'" in line and "guessed" in line for line in lines)
    assert any("kankyou.csv: no column '意見の要旨'" in line for line in lines)


def test_a_given_column_no_file_has_is_an_error(tmp_path):
    with pytest.raises(InputError, match="unknown answer-id column 'nosuch' in every past-answer file"):
        read_past_answers(_three_files(tmp_path), id_column="nosuch", log=None)
    with pytest.raises(InputError, match="unknown answer-id column 'nosuch'"):  # one file: as before
        read_past_answers(_three_files(tmp_path)[0], id_column="nosuch", log=None)


def test_a_saved_index_with_a_table_is_refused_in_one_line(tmp_path):
    from cluster.answers import AnswerIndex
    from cluster.embed import load_encoder

    files = _three_files(tmp_path)
    recs, _ = read_past_answers(files[0], log=None)
    AnswerIndex.build(recs, load_encoder("char-hash")).save(tmp_path / "idx")
    with pytest.raises(InputError, match="a saved index must be the only --answers"):
        read_past_answers([tmp_path / "idx", files[1]], log=None)


# ----------------------------------------------------------------- opposite directions

from cluster.answers import STANCE_PENALTY, AnswerIndex, reuse_confirmed_answers, suggest_for_clusters  # noqa: E402
from cluster.records import PastAnswer  # noqa: E402
from cluster.stance import opposite_directions, request_directions, request_stance  # noqa: E402


def test_directions_of_a_closed_list_of_actions():
    assert request_directions("公園の樹木を伐採しないでほしい。") == {"felling": -1}
    assert request_directions("公園の樹木を伐採してほしい。") == {"felling": 1}
    assert request_directions("ごみ袋の料金を値上げすべきだ。") == {"price": 1}
    for lower in ("ごみ袋の料金を値下げしてほしい。", "ごみ袋の料金を安くしてほしい。",
                  "ごみ袋の料金が高すぎるので下げてほしい。", "ごみ袋の値上げには反対です。"):
        assert request_directions(lower) == {"price": -1}, lower
    assert request_directions("土日は増便してほしい。") == {"service": 1}
    assert request_directions("バスの減便をやめてほしい。") == {"service": 1}  # rejecting a cut keeps the buses
    assert request_directions("減便されて不便なので、増便してほしい。") == {"service": 1}  # 減便 is not asked for
    assert request_directions("開館時間を短縮すべきだ。") == {"length": -1}
    assert request_directions("東町線の廃止を検討すべきだ。") == {"keep": -1}
    # not asked for: a question, a description, an action of the list named in passing
    assert request_directions("貸出期間を延長することはできますか。") == {}
    assert request_directions("廃止届の出し方を教えてください。") == {}
    assert request_directions("ドッグランを設置してください。") == {}  # 設置/撤去: request_stance reads those
    # both ways in one text: left out
    assert request_directions("平日の便は減便し、休日は増便してほしい。") == {}
    assert opposite_directions("料金を値上げすべきだ。", "料金を下げてほしい。")
    assert not opposite_directions("料金を値上げすべきだ。", "開館時間を延長してほしい。")


PAST = [PastAnswer("1", "公園の樹木を伐採しないでほしい。", "緑の保全に努めてまいります。"),
        PastAnswer("2", "ごみ袋の料金を値上げすべきだ。", "手数料の見直しを検討してまいります。"),
        PastAnswer("3", "バスの減便は不要です。", "運行本数の維持に努めます。")]


@pytest.fixture(scope="module")
def direction_index():
    from cluster.embed import load_encoder

    return AnswerIndex.build(PAST, load_encoder("char-hash"))


@pytest.mark.parametrize("query, past, opposite", [
    ("公園の樹木を伐採してほしい。", 0, True),
    ("公園の樹木を伐採しないでほしい。", 0, False),
    ("ごみ袋の料金を値下げしてほしい。", 1, True),
    ("ごみ袋の料金を安くしてほしい。", 1, True),
    ("ごみ袋の料金が高すぎるので下げてほしい。", 1, True),
    ("ごみ袋の料金を値上げしてほしい。", 1, False),
    ("ごみ袋を大きくしてほしい。", 1, False),  # no direction: not penalised
    # the same direction (keep the buses) read as opposite stances: not opposite
    ("バスの減便をやめてほしい。", 2, False),
    ("バスの減便をしてほしい。", 2, True),
])
def test_a_past_opinion_asking_the_opposite_direction_gets_the_stance_penalty(direction_index, query, past, opposite):
    q = direction_index._query([query])
    plain = direction_index.score_matrix(q.vectors, q.tokens)
    adjusted = direction_index.stance_adjusted(plain, q.stance)
    assert adjusted[0, past] == pytest.approx(plain[0, past] * (STANCE_PENALTY if opposite else 1.0))
    found = {c.answer_id: c.score for c in direction_index.search([query], k=3)[0]}
    assert found[str(past + 1)] == pytest.approx(round(float(adjusted[0, past]), 4), abs=1e-4)
    # a 1-D stance (request_stance alone) still works: no directions read
    assert direction_index.stance_adjusted(plain, q.stance[:, 0]).shape == plain.shape


def test_clusters_and_reused_answers_read_the_representative_direction(direction_index):
    clusters = {"C1": ["ごみ袋の料金を値上げすべきだ。ごみが減ります。"],
                "C2": ["ごみ袋の料金を値下げしてほしい。家計が苦しいです。"],
                "C3": ["ごみ袋の料金を値上げしてほしい。ごみ減量になります。"]}
    assert request_stance(clusters["C1"][0]) == request_stance(clusters["C2"][0]) == 1
    out = suggest_for_clusters(direction_index, clusters, k=3, min_score=0.0)
    score = {cid: {c.answer_id: c.score for c in v}["2"] for cid, v in out.items()}
    assert score["C2"] < score["C3"] * STANCE_PENALTY * 1.5
    reused = reuse_confirmed_answers(direction_index, clusters, {"C1": {"text": "手数料を改定します。"}}, min_score=0.0)
    got = {cid: {c.answer_id: c.score for c in reused[cid]}.get("run:C1", 0.0) for cid in ("C2", "C3")}
    assert got["C3"] > 0.1 and got["C2"] < got["C3"] * STANCE_PENALTY * 1.5
