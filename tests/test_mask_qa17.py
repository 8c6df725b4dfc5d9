"""Masking found by the QA17 campaign review (cluster.mask); invented sentences."""
from __future__ import annotations

import pytest

from cluster.mask import MASKS, mask_personal_data


@pytest.mark.parametrize("text, kept", [
    # a neighbourhood's association named as the writer is no household's address
    ("私たち東町三丁目町内会は、遊具の存置を求めます。", "東町三丁目町内会"),
    ("緑が丘2丁目自治会として、桜並木の保存を求めます。", "緑が丘2丁目自治会"),
    ("本町一丁目の子ども会では、公園で毎年夏祭りをしています。", "本町一丁目の子ども会"),
])
def test_a_neighbourhood_association_keeps_its_name(text, kept):
    assert kept in mask_personal_data(text)


@pytest.mark.parametrize("text, secret", [
    # ... but the writer's home in that neighbourhood, or a lot number, is still masked
    ("私は東町三丁目に住んでいます。町内会の役員です。", "東町三丁目"),
    ("東町三丁目5番2号　町内会長", "5番2号"),
    ("住所：東町三丁目町内会館", "東町三丁目"),
])
def test_a_home_in_that_neighbourhood_is_still_masked(text, secret):
    masked = mask_personal_data(text)
    assert secret not in masked and MASKS["address"] in masked


def test_a_contact_request_ending_an_opinion_is_left_out_of_the_published_summary():
    # QA19: 「…進めてください。連絡先：［電話番号］」 and 「回答は［メールアドレス］までお願いします。」 were
    # published; opinions.csv keeps them (the report form only drops them)
    from cluster.pipeline import report_form

    assert report_form("駅のバリアフリー化を早く進めてください。連絡先：090-1234-5678", set()) == \
        "駅のバリアフリー化を早く進めてください。"
    assert report_form("デマンドタクシーの導入を望みます。回答は yamada@example.jp までお願いします。", set()) == \
        "デマンドタクシーの導入を望みます。"
    # a number the opinion talks about stays, masked
    kept = report_form("市の窓口 03-1234-5678 がいつも話し中です。回線を増やしてください。", set())
    assert kept == "市の窓口 ［電話番号］ がいつも話し中です。回線を増やしてください。"
    # a text that is only a contact request is kept whole (nothing else to publish)
    assert report_form("連絡先：090-1234-5678", set()) == "連絡先：［電話番号］"
