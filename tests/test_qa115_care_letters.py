"""QA115: a town's 介護保険事業計画 consultation, letters of elderly residents and family carers. A short letter's
sentences on a named family member's health were published (「夫は胃ろうで、痰の吸引も必要です。」, 要配慮個人情報), some
family given names were (「妻のハナとともに」「長男の嫁の由美子さんが」), a letter accepting the premium's raise
(「引き上げもやむを得ない」) and one asking it to stay (「据え置きとしていただきたい」) sat in the row of a campaign against
the raise, and 「…特に意見はありません。皆様お体を大切に。」 became a row. The texts were written for these tests."""
import pytest

from conftest import invoke, write_csv
from cluster.mask import mask_personal_data
from cluster.normalize import is_empty_opinion
from cluster.stance import opposite_directions, request_directions
from cluster.summary import draft_summary


@pytest.mark.parametrize("text, published", [
    ("夫の高野利夫（八十四歳、要介護5）を自宅で介護しております。夫は胃ろうで、痰の吸引も必要です。"
     "医療的ケアの必要な人も入れる特養を増やしてください。", "医療的ケアの必要な人も入れる特養を増やしてください。"),
    ("妻は要介護2で、パーキンソン病と診断されております。デイサービスの送迎時間を延ばしてください。",
     "デイサービスの送迎時間を延ばしてください。"),
])
def test_a_family_members_health_is_left_out_of_a_short_opinions_summary(text, published):
    assert draft_summary(text) == published


@pytest.mark.parametrize("text", [
    "認知症カフェを各地区に作ってください。",  # health words, no one's health
    "障害のある人も使えるトイレを増やしてください。",
    "母は毎日デイサービスに通っています。送迎の時間を早めてほしい。",  # a family member, no health
    "夫は要介護3です。",  # nothing asked: left as written
])
def test_other_short_opinions_are_published_as_written(text):
    assert draft_summary(text) == text


def test_the_report_does_not_publish_the_health_of_a_named_husband(tmp_path):
    rows = [["P1", "郵送", "夫は胃ろうで、痰の吸引も必要です。医療的ケアの必要な人も入れる特養を増やしてください。"],
            ["P2", "郵送", "紙おむつの支給を続けてください。"]]
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["受付番号", "提出方法", "意見"], rows), "--out", out,
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output
    for name in ("report.md", "report.csv", "report.html"):
        published = (out / name).read_text(encoding="utf-8-sig")
        assert "胃ろう" not in published and "医療的ケアの必要な人も入れる特養を増やしてください" in published
    assert "胃ろう" in (out / "opinions.csv").read_text(encoding="utf-8-sig")  # staff read the whole letter


@pytest.mark.parametrize("text, expected", [
    ("妻のハナとともに、年金で細々と暮らしております。", "妻の［氏名］とともに、年金で細々と暮らしております。"),
    ("長男の嫁の由美子さんが毎日来てくれます。", "長男の嫁の［氏名］さんが毎日来てくれます。"),
    ("息子の嫁の真由美さんに頼っています。", "息子の嫁の［氏名］さんに頼っています。"),
])
def test_family_given_names(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", ["妻のケアをしています。", "娘のピアノ教室の送迎が大変です。"])
def test_katakana_words_after_a_kinship_word_stay(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize("text, sign", [
    ("保険料の一定の引き上げもやむを得ないと考えます。", 1),
    ("値上げは仕方ないと思います。", 1),
    ("せめて今回は据え置きとしていただきたい。", -1),
    ("第10期は保険料を据え置くべきです。", -1),
])
def test_a_raise_accepted_or_a_premium_kept(text, sign):
    assert request_directions(text).get("price") == sign


def test_a_raise_accepted_is_apart_from_the_campaign_against_it():
    assert opposite_directions("保険料の一定の引き上げもやむを得ないと考えます。", "介護保険料の値上げに反対します。")
    assert not opposite_directions("せめて今回は据え置きとしていただきたい。", "介護保険料の値上げに反対します。")
    assert "price" not in request_directions("値上げもやむを得ないという声もあるが、反対だ。")


@pytest.mark.parametrize("text, empty", [
    ("いつもありがとうございます。計画案を拝見しました。特に意見はありません。皆様お体を大切に。", True),
    ("特に意見はありません。職員の皆様もご自愛ください。", True),
    ("計画案を拝見しました。移動販売を続けてください。特に意見はありません。", False),
])
def test_no_comment_among_courtesies(text, empty):
    assert is_empty_opinion(text) is empty
