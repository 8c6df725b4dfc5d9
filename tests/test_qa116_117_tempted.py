"""QA116 (an ordinance's revision) and QA117 (the session's care-letter and article rules tempted). A provision struck
out with 賛成 shared a row with 「削除しないで…存続を」; 「第15条から第15条の3まで」 was published 「第15条～第15条」, 「第十条乃至
第十二条」 lost 第11条; 附則第1項 and 附則第2項 were one place; 「保険料の引き上げに反対」 and 「据え置いてください」 were read as
nothing, 「引き上げは容認できません」 as accepting it; 「憲法25条」「地方自治法（第2条関係）」「駅前文化センター」「3条通り」 were
places in the draft; 「私道に障害物が…」「交通がまひ」 were read as someone's health and left out of the published text;
「母の花子」 was published; 「…お体を大切にしてください。」 kept a no-comment letter a row. Texts invented for these tests."""
import pytest

from cluster.labels import find_references
from cluster.mask import mask_personal_data
from cluster.normalize import is_empty_opinion
from cluster.pipeline import _article_topic_with_its_part
from cluster.places import PlaceReader, conflict
from cluster.stance import opposite_directions, request_directions
from cluster.summary import draft_summary


def test_a_provision_struck_out_with_a_yes_is_apart_from_keeping_it():
    assert opposite_directions("改正案で第16条を削除することに賛成します。形骸化しています。",
                               "第16条の市民会議は存続させるべきです。")
    assert opposite_directions("第16条は削除してください。", "第16条（市民会議）を削除しないでください。存続を求めます。")


@pytest.mark.parametrize("text, sign", [
    ("第9期介護保険料の引き上げに反対します。保険料を据え置いてください。", -1),
    ("現行の保険料を据え置いてください。", -1),
    ("固定資産税の税率は据え置いてほしい。", -1),
    ("保険料の引き下げを求めます。", -1),
    ("値上げはやむを得ません。", 1),
])
def test_a_premium_raised_kept_or_lowered_in_other_words(text, sign):
    assert request_directions(text).get("price") == sign


@pytest.mark.parametrize("text", [
    "使用料の引き上げは容認できません。",
    "保険料の引き上げはやむを得ないとは思えません。",
    "値上げもやむを得ないと言う人もいますが、私は反対です。",
    "対象年齢の引き上げはやむを得ないと思います。",  # no price
    "保険料は据え置きにすべきではありません。",
])
def test_no_raise_accepted_is_read_where_none_is(text):
    assert request_directions(text).get("price") != 1
    assert "据え置きにすべきではありません" not in text or "price" not in request_directions(text)


@pytest.mark.parametrize("text, refs", [
    ("第15条から第15条の3までの住民投票の規定は別の条例にしてください。", ["第15条～第15条の3"]),
    ("第十条乃至第十二条の規定を整理してください。", ["第10条～第12条"]),
    ("７条から９条までを読みやすくしてください。", ["第7条～第9条"]),
    ("本条例（第5条）の連携の規定に賛成です。", ["第5条"]),
])
def test_ranges_and_the_drafts_own_articles(text, refs):
    assert find_references(text) == refs


@pytest.mark.parametrize("text", [
    "憲法25条を守ってください。", "地方自治法2条の趣旨に反します。", "地方自治法（第2条関係）の趣旨を踏まえてください。",
    "子どもの権利条約（第12条）に基づいて決めてください。", "駅前文化センターの駐車場を広げてください。",
    "前文失礼いたします。バスを増やしてください。", "3条通りの歩道を広げてください。", "北3条西5丁目の交差点に信号を。",
])
def test_no_place_in_the_draft(text):
    assert find_references(text) == [] and PlaceReader().places(text) == frozenset()


def test_a_branch_range_and_the_supplementary_provisions_paragraphs():
    reader = PlaceReader()
    assert reader.places("第15条から第15条の3までの規定は別の条例にしてください。") == {
        ("a", "第15条"), ("a", "第15条の2"), ("a", "第15条の3")}
    assert conflict(reader.places("附則第2項の経過措置は不要です。"), reader.places("附則第1項の施行期日を遅らせてください。"))
    assert not conflict(reader.places("附則の施行期日を遅らせてください。"), reader.places("附則第1項の施行期日を遅らせて。"))


def test_a_topic_heading_after_a_blank_goes_in_brackets():
    assert _article_topic_with_its_part(["第2条 定義", "第2条第1号"]) == ["第2条第1号（定義）"]


@pytest.mark.parametrize("text", [
    "私道に障害物が置かれていて通れません。撤去を指導してください。",
    "私の家の前の道は朝夕の渋滞で交通がまひしています。信号の時間を見直してください。",
    "公園のトイレは車いすでは入れず、大丈夫とは言えません。多目的トイレを設置してください。",
])
def test_no_ones_health_stays_in_the_published_text(text):
    assert draft_summary(text) == text


@pytest.mark.parametrize("text, published", [
    ("母は認知症で、ひとりで外に出てしまいます。そのため、見守りネットワークを充実してください。",
     "見守りネットワークを充実してください。"),
    ("家内は要介護4で寝たきりです。おむつ代の助成を増やしてください。", "おむつ代の助成を増やしてください。"),
])
def test_a_family_members_health_goes_without_a_dangling_connective(text, published):
    assert draft_summary(text) == published


@pytest.mark.parametrize("text, expected", [
    ("母の花子は95歳です。", "母の［氏名］は95歳です。"),
    ("父の一郎と暮らしています。", "父の［氏名］と暮らしています。"),
])
def test_a_parents_name(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", ["母の日にカーネーションを贈ります。", "母の介護をしています。", "祖母の家に行きます。"])
def test_a_parent_without_a_name(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize("text, empty", [
    ("計画案を拝見しました。特に意見はありません。皆様お体を大切にしてください。", True),
    ("特に意見はありません。子どもの体を大切にする施策を進めてください。", False),
])
def test_a_closing_wish_after_a_no_comment(text, empty):
    assert is_empty_opinion(text) is empty


@pytest.mark.parametrize("text, section, shown", [
    ("同条第4項の条例案も含めて公開してください。", "第11条第4項（情報公開）", "第11条第4項の条例案も含めて公開してください。"),
    ("同条第4項の条例案も含めて公開してください。", "", "同条第4項の条例案も含めて公開してください。"),
    ("同条件で募集してください。", "第11条", "同条件で募集してください。"),
])
def test_a_published_same_article_names_the_article(text, section, shown):
    from cluster.normalize import display_text

    assert display_text(text, section) == shown
