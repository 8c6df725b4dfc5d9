"""QA98: a prefecture's 環境基本計画 (a web form's 121 rows and 25 letters, gold groups written first; ARI 0.938).
Three things staff would not publish or follow: a letter of thanks and cheers as an opinion row, the answer written
for a 反対 campaign offered to the 賛成 row, and a request item of a letter moved into the row of questions (then
named in a merge hint)."""
from __future__ import annotations

import numpy as np
import pytest

from cluster.answers import _QUESTION, _SIDE, AnswerIndex, reuse_confirmed_answers, stance_readings, suggest_for_clusters
from cluster.embed import load_encoder
from cluster.grouping import _part_siblings
from cluster.normalize import is_empty_opinion
from cluster.records import PastAnswer
from cluster.stance import question_polarity
from cluster.tokenize import Tokenizer


@pytest.mark.parametrize("text", ["計画づくりお疲れ様です。職員の皆様、頑張ってください。", "職員の皆様、頑張ってください。",
                                  "市の皆さん、これからも頑張ってください。", "いつもありがとうございます。陰ながら応援しています。"])
def test_thanks_and_cheers_alone_are_no_opinion(text):
    assert is_empty_opinion(text)


@pytest.mark.parametrize("text", ["ごみ減量の啓発を頑張ってください。", "脱炭素の取組を頑張ってください。", "頑張ってください。",
                                  "計画に賛成です。頑張ってください。", "職員の皆様、頑張ってください。森林の保全もお願いします。"])
def test_a_cheer_that_names_what_to_do_stays_an_opinion(text):
    assert not is_empty_opinion(text)


CAMPAIGN = ("第4章第1節の太陽光発電の促進区域に、森林や里山を含めることに反対します。大規模なメガソーラーのために山林を"
            "切り開けば、土砂災害の危険が高まり、景観や水源も失われます。森林区域を促進区域から除外し、メガソーラーの立地は"
            "既に開発された土地に限るよう、計画を修正してください。")
APPROVAL = "再エネを拡大するため、太陽光の促進区域を広く設定する案に賛成です。"
SAME_INTENT = "メガソーラーの立地から森林を外してください。山林の開発は土砂災害を招きます。"
ANSWER = "森林区域は原則として促進区域から除外する方向で検討します。"


@pytest.fixture(scope="module")
def tools():
    return load_encoder(), Tokenizer()


APPROVALS = ["第4章第1節の太陽光発電の促進区域の設定に賛成です。再生可能エネルギーを増やすために、森林を含めた適地の確保は"
             "必要だと思います。", "太陽光発電の適地ゾーニングには賛成。県内の再エネ比率を上げるため、着実に進めてほしい。",
             APPROVAL, "メガソーラーの促進区域の設定には賛成します。地域との合意形成を丁寧に行いながら進めてください。"]


def test_an_answer_confirmed_for_one_side_is_not_offered_to_the_other(tools):
    """As a run offers it (no past answers given): the campaign row's copies with their small edits."""
    encoder, tokenizer = tools
    copies = [CAMPAIGN, CAMPAIGN.replace("大規模な", "大きな"), CAMPAIGN.replace("反対します", "強く反対します"),
              CAMPAIGN.replace("土砂災害", "土砂崩れ"), "私は東山町に住んでいます。" + CAMPAIGN]
    rows = {"C001": copies, "C013": APPROVALS, "C030": [SAME_INTENT]}
    index = AnswerIndex.build([PastAnswer(answer_id="run:C001", opinion="\n".join(copies), answer=ANSWER,
                                          source="今回確定した回答")], encoder, tokenizer)
    offered = reuse_confirmed_answers(index, rows, {"C001": {"text": ANSWER}},
                                      representatives={"C001": CAMPAIGN, "C013": APPROVAL, "C030": SAME_INTENT})
    assert [c.answer_id for c in offered["C030"]] == ["run:C001"]
    assert offered["C013"] == []


def test_a_past_answer_to_the_other_side_keeps_a_tenth_of_its_score(tools):
    encoder, tokenizer = tools
    past = [PastAnswer(answer_id="1", opinion="太陽光の促進区域を広く設定する案に賛成です。", answer="再エネの導入を進めます。",
                       source=""),
            PastAnswer(answer_id="2", opinion="東町線の廃止に反対です。", answer="路線は存続させる方向で検討します。", source="")]
    index = AnswerIndex.build(past, encoder, tokenizer)
    against = "太陽光の促進区域を広く設定する案に反対です。"
    found = suggest_for_clusters(index, {"A": [against], "B": ["東町線の存続に賛成です。"]}, k=2, min_score=0.0,
                                 representatives={"A": against, "B": "東町線の存続に賛成です。"})
    score = {(cid, c.answer_id): c.score for cid, cands in found.items() for c in cands}
    # the same words, the other side: the answer to 賛成 is pushed far down for the 反対 row
    assert score.get(("A", "1"), 0.0) < 0.2
    # 「廃止に反対」 and 「存続に賛成」 keep the same line (both ask to keep it): not opposite
    assert score[("B", "2")] >= 0.2
    readings = stance_readings([against, "太陽光の促進区域を広く設定する案に賛成です。"])
    assert readings[0, _SIDE] == -1 and readings[1, _SIDE] == 1


def test_an_item_leaving_its_letters_row_never_goes_to_the_questions():
    texts = ["プラスチックごみの削減について、県民1人当たりの排出量の数値目標を設定してください。",  # the item that leaves
             "進行管理の指標の達成状況を、毎年県のホームページで公表してください。",  # its sibling
             "第2章10ページの温室効果ガス排出量について、基準年の数値の根拠を教えてください。",
             "温室効果ガスの排出量の基準年はなぜ2013年なのですか。",
             "計画の指標の達成状況を毎年公表してほしい。"]  # another writer's, in the sibling's row
    labels = np.array([0, 0, 2, 2, 0])  # the two items in one row (with 4), the two questions in another
    # the leaving item is more like the questions than like its row (they share 排出量, 数値)
    rows, cols = np.array([0, 0, 0, 0, 1, 1, 2]), np.array([1, 2, 3, 4, 2, 4, 3])
    sims = np.array([1.0, 4.0, 4.0, 0.5, 0.5, 5.0, 5.0])
    polarity = question_polarity(texts)[:, None]
    assert list(polarity[:, 0]) == [-1, -1, 1, 1, -1]
    moved_before = _part_siblings(labels, rows, cols, sims, [(0, 1)], threshold=3.0)
    assert moved_before[0] == moved_before[2]  # without the readings it joins the questions (QA98)
    moved = _part_siblings(labels, rows, cols, sims, [(0, 1)], threshold=3.0, polarity=polarity)
    assert moved[0] not in (moved[1], moved[2]) and moved[1] == moved[4] and moved[2] == moved[3]


# QA99 (a town without an archive; its answers confirmed row by row are offered to the other rows)
LIBRARY_ANSWER = "開館時間の延長や休館日の見直しについて、利用状況を踏まえて検討します。"


def test_a_question_is_not_offered_the_answer_confirmed_for_a_request(tools):
    encoder, tokenizer = tools
    rows = {"C002": ["図書館の開館時間を夜8時まで延長してください。", "図書館の開館時間を延ばしてほしい。"],
            "C005": ["仕事帰りに使えるよう図書館の開館時間を延長してほしい。"],
            "C009": ["図書館の開館時間は何時から何時までですか。"]}
    index = AnswerIndex.build([PastAnswer(answer_id="run:C002", opinion="\n".join(rows["C002"]), answer=LIBRARY_ANSWER,
                                          source="今回確定した回答")], encoder, tokenizer)
    offered = reuse_confirmed_answers(index, rows, {"C002": {"text": LIBRARY_ANSWER}}, min_score=0.1,
                                      representatives={c: t[0] for c, t in rows.items()})
    assert [c.answer_id for c in offered["C005"]] == ["run:C002"]  # the same request in other words
    assert offered["C009"] == []  # the question's row waits for its own answer


def test_a_request_keeps_a_faq_answer_to_the_question_it_turns_on(tools):
    """Not the other way: what a FAQ answers to 「…取れますか」 serves 「…取れるようにしてください」 too."""
    encoder, tokenizer = tools
    faq = "コンビニで住民票の写しは取れますか。"
    index = AnswerIndex.build([PastAnswer(answer_id="F1", opinion=faq, answer="マイナンバーカードがあれば取得できます。",
                                          source="")], encoder, tokenizer)
    request = "コンビニで住民票の写しが取れるようにしてください。"
    plain = suggest_for_clusters(index, {"R": [request]}, k=1, min_score=0.0, representatives={"R": request})
    readings = stance_readings([request, faq])
    assert readings[0, _QUESTION] == -1 and readings[1, _QUESTION] == 1
    assert plain["R"][0].score >= 0.2


def test_a_min_answer_score_below_the_index_threshold_is_said(tmp_path):
    from conftest import invoke, write_csv

    rows = [["1", "図書館の開館時間を夜8時まで延長してください。"], ["2", "図書館の開館時間を延ばしてほしい。"],
            ["3", "駅前の駐輪場を増やしてください。"]]
    out = tmp_path / "out"
    csv = write_csv(tmp_path / "c.csv", ["番号", "ご意見"], rows)
    assert invoke("run", csv, "--out", out, "--model", "char-hash").exit_code == 0
    cluster = next(r["cluster_id"] for r in __import__("conftest").read_csv_rows(out / "opinions.csv") if r["comment_id"] == "3")
    assert invoke("review", "answer", out, cluster, "--text", "駐輪場の増設を検討します。").exit_code == 0
    result = invoke("run", csv, "--out", out, "--model", "char-hash", "--min-answer-score", "0.05")
    assert result.exit_code == 0, result.output
    assert "--min-answer-score 0.05: answers confirmed in this run are offered to other rows from" in result.output
