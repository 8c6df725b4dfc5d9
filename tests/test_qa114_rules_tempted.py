"""QA114: the session's new rules tempted. A phone after a label ending in a digit (「連絡先2:080-…」) was published
since the time-minutes rule; 「義務化すべきではありません」 and reported views (「義務化を求める声もありますが、私は反対です」)
were read as asking for a stricter rule; 「努力義務のままでは実効性がありません」「罰則なくして…」「罰則を設けずに放置するのは
問題です」 as asking for a looser one; 「削除してしまうと…」 and 「削除を求める意見には反対です」 as rejections; ratings beside a
domain (「4.5★google.com」), a lot number (「地番は012の345の6789」), a city's founding date, a subway exit (「栄3丁目1番出口」)
and 「松本医師会」 were masked; some personal forms were still published. Texts invented for these tests."""
import pytest

from cluster.mask import mask_personal_data
from cluster.stance import opposite_directions, request_directions, request_stance


@pytest.mark.parametrize("text, expected", [
    ("説明会を開いてください。連絡先2:080-1234-5678", "説明会を開いてください。連絡先2:［電話番号］"),
    ("電話1：090-4711-2583", "電話1：［電話番号］"),
    ("TEL.090.4711.2583", "TEL.［電話番号］"),
    ("hanako.y(a)docomo.ne.jp まで", "［メールアドレス］ まで"),
    ("昭和33年（1958年）6月14日生まれの母と暮らしています。", "［生年月日］生まれの母と暮らしています。"),
    ("1958（昭和33）年6月14日生まれです。", "［生年月日］生まれです。"),
    ("平成21年11月3日に生まれたばかりの孫がいます。", "［生年月日］に生まれたばかりの孫がいます。"),
    ("桜ヶ丘4丁目十二番五号の前の道路が狭いです。", "［住所］の前の道路が狭いです。"),
    ("説明会を開いてください。連絡先は〒123-4567 みなと市北町1-8-12 原田 090-7733-1094",
     "説明会を開いてください。連絡先は［郵便番号］ ［住所］ ［氏名］ ［電話番号］"),
    ("説明会を開いてください。【連絡先】みなと市北町1-8-12 原田 090-7733-1094",
     "説明会を開いてください。【連絡先】［住所］ ［氏名］ ［電話番号］"),
])
def test_personal_data_in_the_tempting_forms_is_masked(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", [
    "口コミ評価は4.5★google.comで確認できます。",
    "評価3.8☆tabelog.com の店です。",
    "地番は012の345の6789です。",
    "みなと市は昭和30年4月1日に生まれました。",
    "地下鉄栄3丁目1番出口の階段が急です。",
    "松本医師会の意見も聞いてください。",
    "連絡先は市役所の窓口です。",
    "10:00 から 17:00 まで開けてください。",
])
def test_what_only_looks_personal_stays(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize("text, sign", [
    ("義務化すべきではありません。", -1),
    ("規制を厳しくすべきではない。", -1),
    ("罰則を重くするべきではないと考えます。", -1),
    ("第5条の事業者の責務は努力義務のままにしてください。", -1),
    ("努力義務のままでよいと思います。", -1),
    ("罰則は設けず、啓発で対応してください。", -1),
    ("義務化すべきです。", 1),
])
def test_a_rule_should_not_be_stricter(text, sign):
    assert request_directions(text).get("strict") == sign


@pytest.mark.parametrize("text", [
    "義務化を求める声もありますが、私は反対です。",
    "罰則を重くすることを求める意見もあるが、反対だ。",
    "努力義務のままでは実効性がありません。",
    "努力義務のままでよいとは思いません。",
    "罰則なくして実効性は確保できません。",
    "罰則を設けずに放置するのは問題です。",
    "罰則は不要という意見には反対です。",
])
def test_no_direction_is_read_from_a_view_reported_or_argued(text):
    assert "strict" not in request_directions(text)


def test_should_not_be_stricter_is_no_opposite_of_against_it():
    assert not opposite_directions("義務化すべきではありません。", "義務化には反対です。")


@pytest.mark.parametrize("text, stance", [
    ("第9条の公表の規定を削除してしまうと、違反が野放しになります。", 0),
    ("第5条の削除を求める意見には反対です。", 0),
    ("公表の規定を削除すべきではありません。", 1),  # asks to keep it
    ("第12条の2の公表を削除してください。", -1),
    ("この規制は撤廃すべきです。", -1),
])
def test_deleting_a_provision(text, stance):
    assert request_stance(text) == stance
