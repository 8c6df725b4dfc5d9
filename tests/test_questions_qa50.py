"""Questions and requests on one subject are different rows (QA50, a city's school consolidation plan).

「スクールバスは無料ですか。」 asks the city something; 「スクールバスを無料にしてください。」 asks it to do
something. Cities answer them in different rows (questions under their own 対応区分), and a row that
published a question over fourteen requests hid the requests from whoever wrote its 考え方."""
from __future__ import annotations

import pytest
from conftest import invoke, model_args, read_csv_rows, write_csv

from cluster.stance import question_polarity, sentence_question


@pytest.mark.parametrize("text", [
    "スクールバスは無料ですか。",
    "統合後の通学距離は何kmになるのですか",
    "跡地はどうなるのか教えてください。",
    "1学級の人数は何人くらいになりますか？",
    "制服は新しくなるのですか。買い直しが必要か教えてください。",
    "対応窓口の営業時間と申請に必要なものを教えて頂けないでしょうか？",
])
def test_questions(text):
    assert question_polarity([text])[0] == 1


@pytest.mark.parametrize("text", [
    "スクールバスを無料にしてください。",
    "統合の時期を延ばしていただけないでしょうか。",  # a polite request put as a question
    "跡地に児童館を設けてはどうでしょうか。",
    "北山小の統合に反対です。",
    "再編の方向性に賛成します。",
])
def test_requests_and_stances(text):
    assert question_polarity([text])[0] == -1


@pytest.mark.parametrize("text", [
    "児童が減っています。",  # a statement joins either
    "スクールバスは運行されますか？運行してほしいです。",  # both
    "戸籍抄本を発行して頂きたいのですが、手続きに必要な物は何でしょうか？",
])
def test_statements_and_texts_doing_both(text):
    assert question_polarity([text])[0] == 0


def test_a_rhetorical_request_is_no_question():
    assert not sentence_question("計画を見直していただけないでしょうか。")
    assert sentence_question("跡地の活用方法は決まっているのですか。")


QUESTIONS = ["スクールバスは無料ですか。", "スクールバスの利用は無料になるのですか。", "スクールバスに料金はかかるのですか。",
             "スクールバスの運賃は無料ですか？"]
REQUESTS = ["スクールバスを無料にしてください。", "スクールバスの利用は無料にしてほしい。", "スクールバスの料金は無料にすべきです。",
            "スクールバスの運賃を無料にしてください。"]
OTHERS = ["跡地に児童館をつくってください。", "通学路に歩道を整備してほしい。", "統合後も地域の行事を続けてほしい。",
          "説明会を土日にも開いてください。"]


def test_a_run_publishes_questions_and_requests_in_different_rows(tmp_path):
    rows = [[str(i), t] for i, t in enumerate(QUESTIONS + REQUESTS + OTHERS, 1)]
    src = write_csv(tmp_path / "in.csv", ["No", "意見"], rows)
    res = invoke("run", src, "--out", tmp_path / "out", *model_args())
    assert res.exit_code == 0, res.output
    ops = {r["text"]: r["cluster_id"] for r in read_csv_rows(tmp_path / "out" / "opinions.csv")}
    assert not {ops[t] for t in QUESTIONS} & {ops[t] for t in REQUESTS}
