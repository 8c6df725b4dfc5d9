"""QA40: an industry's 120 letters asking to put off the draft order's start (「施行期日を3年延期し…よう強く要望
いたします」) and 40 citizens' letters against that (「施行の延期には反対です。…確実に施行してください」) were one
row of the report, 件数 160 under the industry's text. Invented texts."""
from __future__ import annotations

import pytest

from cluster.stance import opposite_directions, request_directions, sentence_stance

PUT_OFF = ("本政令案に対し、容器製造業に携わる事業者として意見を申し上げます。附則に定める施行期日（令和9年4月1日）は、"
           "事業者が回収・再資源化の体制を整えるにはあまりにも短すぎます。特に中小の容器製造事業者は、設備の改修や人員の確保に"
           "少なくとも3年を要します。このまま施行されれば、廃業に追い込まれる事業者も出かねません。つきましては、施行期日を少なくとも"
           "3年延期し、十分な準備期間を設けていただくよう強く要望いたします。")
NOT_PUT_OFF = ("施行の延期には反対です。プラスチックごみによる海洋汚染は待ったなしの問題であり、これ以上対策を先送りすべきでは"
               "ありません。事業者の準備期間はすでに十分にあったはずです。政令案のとおり、令和9年4月1日から確実に施行してください。")
OTHERS = ["システム改修が間に合わないため、施行期日の延期を強くお願いします。", "準備期間が足りません。施行を遅らせてください。",
          "第3条の回収目標の根拠を示してください。", "識別表示は既存のマークと並べてほしい。", "デポジット制度は導入しないでください。",
          "中小事業者への支援を拡充してください。", "海洋プラスチック対策を急いでください。"]


@pytest.mark.parametrize("sentence", ["延期を要望いたします。", "延期していただくよう強く要望いたします。", "制度の見直しを要望します。"])
def test_an_associations_written_request_asks(sentence):
    assert sentence_stance(sentence) == (True, False)


@pytest.mark.parametrize("sentence", ["要望した内容が反映されなかった。", "要望書を提出しました。"])
def test_the_word_request_alone_asks_nothing(sentence):
    assert sentence_stance(sentence) == (False, False)


def test_putting_off_the_start_and_rejecting_that_are_opposite_requests():
    assert request_directions(PUT_OFF) == {"timing": 1}
    assert request_directions(NOT_PUT_OFF) == {"timing": -1}
    assert request_directions("システム改修が間に合わないため、施行期日の延期を強くお願いします。") == {"timing": 1}
    assert opposite_directions(PUT_OFF, NOT_PUT_OFF)
    assert not opposite_directions(PUT_OFF, "準備期間が足りないので、施行を延期してください。")


def test_the_two_campaigns_are_two_rows():
    import numpy as np

    from cluster import load_encoder
    from cluster.grouping import group_opinions
    from cluster.tokenize import Tokenizer

    texts = [PUT_OFF, NOT_PUT_OFF] + OTHERS
    counts = np.array([120, 40] + [1] * len(OTHERS), dtype=float)
    encoder, tokenizer = load_encoder(None), Tokenizer()
    labels = group_opinions(texts, encoder.encode(texts), counts=counts, tokens=[tokenizer.lemmas(t) for t in texts])
    assert labels[0] != labels[1]
    assert labels[0] == labels[2]  # another letter asking to put the start off stays with the campaign
