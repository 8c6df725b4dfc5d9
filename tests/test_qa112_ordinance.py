"""QA112: a prefecture's ordinance draft (条例案) commented article by article. Opposite requests on one article shared
a row under the minority's wording (「…責務を努力義務ではなく義務にしてください」 ×5 under 「責務の規定をもっと緩やかにしてほしい」;
「公表の規定は大いに賛成です」 under 「…公表は…削除してください」; 「過料をもっと高くして」 under 「罰則は設けず…」), and a name on a
contact line written on after the opinion was published (「…させてください。連絡先：［住所］ 原田 ［電話番号］」). The texts
were written for these tests."""
import pytest

from cluster.mask import mask_personal_data
from cluster.stance import opposite_directions, request_directions, request_stance


@pytest.mark.parametrize("text, sign", [
    ("3条の所有者の責務を努力義務ではなく義務にしてください。", 1),
    ("第3条第2項の努力義務を、明確な義務規定に変えてほしいです。", 1),
    ("所有者の管理責任をもっと重くすべきです。第3条は努力義務では弱すぎます。", 1),
    ("所有者等の責務（第3条）を義務にして、きちんと管理させてください。", 1),
    ("命令違反の過料をもっと高くしてください。", 1),
    ("空き家の届出を義務化すべきです。", 1),
    ("基準をもっと厳しくしてください。", 1),
    ("所有者の事情に配慮し、責務の規定をもっと緩やかにしてほしい。", -1),
    ("今の努力義務のままにとどめてください。", -1),
    ("第13条の罰則は設けず、支援を中心にしてください。", -1),
    ("第3条第2項の責務を義務規定にするような見直しはやめてください。", -1),
    ("義務化には反対です。", -1),
    ("ルールを厳しくするのはやめてほしい。", -1),
])
def test_a_rule_asked_stricter_or_looser(text, sign):
    assert request_directions(text).get("strict") == sign


@pytest.mark.parametrize("text", [
    "所有者の負担を軽くしてほしい。",  # a burden, not a rule
    "規定を軽くすると困る人がいます。",  # said of the step, not asked
    "届出を義務付けることは負担が大きいと聞きます。",
    "義務に違反した者には指導をしてください。",
])
def test_no_strictness_is_read_where_none_is_asked(text):
    assert "strict" not in request_directions(text)


def test_stricter_and_looser_requests_on_one_article_are_opposite():
    assert opposite_directions("3条の所有者の責務を努力義務ではなく義務にしてください。",
                               "第３条は過度の負担です。責務の規定をもっと緩やかにしてほしい。")
    assert opposite_directions("命令違反の過料をもっと高くしてください。", "罰則は設けず、支援を中心にしてください。")


@pytest.mark.parametrize("text", [
    "第12条の2の公表は、人権上問題があるので削除してください。",
    "前文の第二段落は不要なので削ってください。",
    "この規制は撤廃すべきです。",
])
def test_a_provision_struck_out_is_a_rejection(text):
    assert request_stance(text) == -1


@pytest.mark.parametrize("text, name", [
    ("隣の空き家の木が越境してきて困っています。きちんと管理させてください。連絡先：みなと市北町1-8-12 原田 090-7733-1094",
     "原田"),
    ("管理させてください。 氏名：原田 電話：090-7733-1094", "原田"),
])
def test_a_name_on_a_contact_written_on_after_the_opinion_is_masked(text, name):
    masked = mask_personal_data(text)
    assert name not in masked and "［氏名］" in masked
    assert masked.startswith(text[:10])
