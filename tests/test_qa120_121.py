"""QA120 (a disability plan: a third person's diagnosis published, a family member's kept when worded otherwise, the
writer's own disability removed though it was the request's reason, 「だからこそ」 cut to 「こそ」) and QA121 (a fee
ordinance: 「有料化はやむを得ない」「値上げは当然」「削除は妥当」 read as nothing, 「値上げに反対する声もありますが、私は引き上げに
賛成です」 as against, 「据え置くべきではない」「存続させる必要はない」「対象を限定して」 as nothing). Texts invented for these tests."""
import pytest

from cluster.stance import opposite_directions, request_directions
from cluster.summary import draft_summary


@pytest.mark.parametrize("text, published", [
    ("近所に住む鈴木花子さん（82歳）は認知症で、足も悪く一人暮らしです。個別避難計画を早くつくってください。",
     "個別避難計画を早くつくってください。"),
    ("隣のおばあさんは認知症で、よく道に迷っています。見守りネットワークを広げてください。", "見守りネットワークを広げてください。"),
    ("クラスの田中翼くんはてんかんの発作があります。看護師を配置してください。", "看護師を配置してください。"),
    ("夫（58歳）は若年性認知症です。相談窓口を増やしてください。", "相談窓口を増やしてください。"),
    ("小学3年の娘がてんかんを持っています。看護師を配置してください。", "看護師を配置してください。"),
    ("息子はLDで、読み書きが苦手です。支援員を増やしてください。", "支援員を増やしてください。"),
    ("私は夫からのDVを受け、シェルターに避難しました。ひとり親への支援を増やしてください。", "ひとり親への支援を増やしてください。"),
])
def test_another_persons_condition_and_a_writers_sensitive_situation_go(text, published):
    assert draft_summary(text) == published


@pytest.mark.parametrize("text", [
    "私は聴覚障害者です。災害のときの防災無線の放送が聞こえません。文字で情報を出してください。",
    "私は車いすです。だからこそ、計画の策定委員に当事者を入れてください。",
    "担当の佐藤さんは親切でした。窓口を増やしてください。",
])
def test_the_writers_own_condition_stays_as_the_requests_reason(text):
    assert draft_summary(text) == text


@pytest.mark.parametrize("text, action, sign", [
    ("駐車場の有料化はやむを得ない。", "fee", 1),
    ("使われていない団体登録料の規定なので削除は妥当です。", "keep", -1),
    ("団体登録料の規定を削除すべきではない。", "keep", 1),
    ("値上げに反対する声もありますが、私は引き上げに賛成です。", "price", 1),
    ("他市と比べて安すぎるので、値上げは当然だと思います。", "price", 1),
    ("体育館の使用料は据え置くべきではないと考えます。", "price", 1),
    ("団体登録料を存続させる必要はありません。", "keep", -1),
    ("減免の対象が広すぎます。対象を限定してください。", "scale", -1),
    ("値上げ幅が大きすぎます。体育館の料金は現行のままにしてください。", "price", -1),
])
def test_steps_accepted_refused_or_kept(text, action, sign):
    assert request_directions(text).get(action) == sign


@pytest.mark.parametrize("text", ["駐車場の有料化はやむを得ないとは思えない。", "統合には賛成できません。"])
def test_no_acceptance_read_where_refused(text):
    assert 1 not in request_directions(text).values()


def test_the_fee_rows_kept_apart():
    assert opposite_directions("使われていない団体登録料の規定なので削除は妥当です。", "団体登録料の規定を削除すべきではない。")
    assert opposite_directions("値上げに反対する声もありますが、私は引き上げに賛成です。",
                               "引き上げを求める声もあるようですが、私は体育館使用料の引き上げに反対です。")
    assert opposite_directions("減免の対象が広すぎます。対象を限定してください。", "減免の対象を拡大してください。")
    assert not opposite_directions("代執行は本当に危険なものに限定し、所有者の言い分を聞いてください。", "減免の対象を拡大してください。")
