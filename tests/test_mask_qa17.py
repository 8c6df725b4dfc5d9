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
