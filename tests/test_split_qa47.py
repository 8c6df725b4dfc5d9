"""QA47 (a prefecture's welfare plan): long unnumbered letters telling the writer's life, with one
or more requests, were one opinion each; a heading 「意見」 over numbered items and a thank-you letter
were published as opinions. Texts invented for the tests."""
from __future__ import annotations

import pytest

from cluster.normalize import is_empty_opinion, is_introduction
from cluster.pipeline import _split_pieces


def _ok(text: str) -> list[str]:
    return [piece for _, _, _, piece, status in _split_pieces(text, True) if status == "ok"]


def _rows(text: str) -> list[tuple[str, str]]:
    return [(status, piece) for _, _, _, piece, status in _split_pieces(text, True)]


STORY = ("私は68歳で、夫（80歳）と二人で暮らしています。夫はパーキンソン病で要介護3です。\n\n"
         "夜中に何度もトイレに付き添うので、私もほとんど眠れません。デイサービスは週2回しか使えません。\n\n"
         "ですから、デイサービスの回数を増やせるようにしてほしいのです。\n\n")


def test_a_criticism_of_the_draft_after_a_request_is_an_opinion_of_its_own():
    text = STORY + "計画案には「家族介護者の支援」とありますが、何をするのかが書かれていません。"
    assert _ok(text) == [STORY.strip(), "計画案には「家族介護者の支援」とありますが、何をするのかが書かれていません。"]


def test_the_introduction_opening_the_story_stays_with_it():
    # the first sentence introduces the writer and the story goes on in its paragraph: no greeting row
    text = STORY + "計画案には「家族介護者の支援」とありますが、何をするのかが書かれていません。"
    assert [status for status, _ in _rows(text)] == ["ok", "ok"]


def test_paragraphs_asking_for_other_things_of_the_same_people_are_two_opinions():
    # both paragraphs name 難病の子ども and ask to 配置: their requests name other things (施設 / 相談員)
    first = ("難病の子どもが通える児童発達支援の施設は、県内にまだ少ししかありません。"
             "看護師を配置する施設への補助を増やし、難病の子どもを受け入れる施設を各圏域に必ず確保してください。")
    second = "難病の子ども専門の相談員を全市町村に配置し、親がどこに相談すればよいか分かるようにしてください。"
    assert _ok(first + "\n\n" + second) == [first, second]


def test_story_paragraphs_before_a_request_go_with_it():
    first = "駅前の図書館に、車いすで使える机を置いてください。"
    # the story names neither request's words: it is the next request's background, not the last's tail
    story = "私の息子は脳性まひがあり、毎週末は家で過ごすことが多いです。夫は単身赴任中です。"
    second = "公民館の送迎バスを土日にも走らせてほしいです。"
    assert _ok(first + "\n\n" + story + "\n\n" + second) == [first, story + "\n\n" + second]


@pytest.mark.parametrize("text", [
    # the next paragraph only gives the request's reasons
    "障害者のグループホームを増やしてください。\n\n"
    "重度の人が入れるところが足りません。親が年をとって、家で見られなくなる家庭が増えています。",
    # the request said again, in other words, after the reasons
    "東町線のバスを残してください。\n\n"
    "東町線がなくなると、私たち高齢者は病院に通えなくなります。\n\n"
    "東町線の存続をお願いします。",
])
def test_a_paragraph_continuing_the_same_request_is_not_cut(text):
    assert len(_ok(text)) == 1


def test_one_of_two_announced_requests_after_another():
    text = ("県にお願いしたいことは二つです。"
            "ひとつは、介護する家族が休めるよう、夜間の見守りサービスを計画にきちんと書いてほしいということです。"
            "もうひとつは、相談窓口で話を最後まで聞いて、たらい回しにしない仕組みを作ってほしいということです。")
    assert len(_ok(text)) == 2
    assert _ok(text)[1].startswith("もうひとつは、")


def test_a_kindness_told_in_the_past_is_no_request():
    # 「…誘ってくださいました。」 is what someone did: the letter's one request stays whole
    text = ("妻を亡くしてから、私はしばらく家から出られませんでした。\n\n"
            "民生委員の方が何度も家に来てくださり、公民館の食事会に誘ってくださいました。\n\n"
            "歩いて行ける場所に、高齢者が集まれるサロンを増やしてください。")
    assert _ok(text) == [text]


def test_support_for_the_draft_and_a_request_in_another_paragraph_are_two_opinions():
    praise = "計画案に「地域で支え合う仕組みづくり」とありますが、私はこの方向性に賛成です。"
    request = "ただ一つだけ。介護保険料がまた上がると聞きます。保険料が上がらないよう、国に働きかけてほしいと思います。"
    assert _ok(praise + "\n\n" + request) == [praise, request]


@pytest.mark.parametrize("heading", ["意見", "意見：", "意見です。", "意見を送ります。",
                                     "お世話になります。北川です。\n計画案について2点意見します。"])
def test_a_heading_over_numbered_items_is_no_opinion(heading):
    text = heading + "\n1．移動販売車への補助を続けてください。\n2．民生委員の活動費を上げてください。"
    rows = _rows(text)
    assert rows[0] == ("greeting", heading)
    assert [piece for status, piece in rows if status == "ok"] == [
        "移動販売車への補助を続けてください。", "民生委員の活動費を上げてください。"]


@pytest.mark.parametrize("text", ["意見", "意見：", "意見です。", "意見を送ります。", "計画案について3点意見します。"])
def test_heading_lines_are_introductions(text):
    assert is_introduction(text)


@pytest.mark.parametrize("text", [
    "特に意見はありませんが、県の皆さんいつもありがとうございます。",
    "いつもありがとうございます。計画づくりお疲れ様です。",
    "民生委員の方には、父のことで本当によくしていただきました。心から感謝しております。",
])
def test_a_thank_you_letter_is_no_opinion(text):
    assert is_empty_opinion(text)
    assert [status for status, _ in _rows(text)] == ["empty"]


@pytest.mark.parametrize("text", [
    "ひとり親家庭の支援を計画に盛り込んでいただきありがとうございます。",  # praises what the draft does
    "いつもありがとうございます。移動販売車への補助を続けてください。",
    "福祉避難所が足りません。いつもありがとうございます。",
])
def test_thanks_with_an_opinion_is_an_opinion(text):
    assert not is_empty_opinion(text)
