"""Exact and near duplicates (cluster.dedup) on form letters written for the tests."""
from __future__ import annotations

import random

import numpy as np
import pytest

from cluster.dedup import find_duplicates, shingles
from cluster.normalize import comparison_text
from conftest import CAMPAIGN, CAMPAIGN_BASE, PARAPHRASE_HOURS, PARAPHRASE_PARKING


def keys(texts):
    return [comparison_text(t) for t in texts]


def same_group(groups, indices) -> bool:
    return len({int(groups.group_of[i]) for i in indices}) == 1


def test_exact_duplicates_after_normalisation():
    texts = ["駅前に駐輪場を増やしてほしい。", "駅前に駐輪場を増やしてほしい", "駅前に　駐輪場を 増やしてほしい。",
             "駅前に駐輪場を増やしてほしい．", "ｴｷﾏｴ", "エキマエ"]
    g = find_duplicates(keys(texts), near=False)
    assert same_group(g, [0, 1, 2])
    assert same_group(g, [4, 5])
    assert g.group_of[0] != g.group_of[4]


def test_full_width_and_half_width_digits_are_the_same_text():
    g = find_duplicates(keys(["第３条の期間を１０年に短縮してほしい。", "第3条の期間を10年に短縮してほしい。"]), near=False)
    assert g.n_groups == 1
    assert g.sizes.tolist() == [2]


def test_campaign_with_edits_is_one_group():
    others = PARAPHRASE_PARKING + PARAPHRASE_HOURS
    texts = CAMPAIGN + others
    g = find_duplicates(keys(texts))
    campaign = list(range(len(CAMPAIGN)))
    assert same_group(g, campaign)
    group = int(g.group_of[0])
    assert int(g.sizes[group]) == len(CAMPAIGN)
    # nothing else joined the campaign
    assert all(int(g.group_of[i]) != group for i in range(len(CAMPAIGN), len(texts)))


@pytest.mark.parametrize("variant", [
    CAMPAIGN_BASE.replace("財産", "宝物"),  # a word changed
    CAMPAIGN_BASE.replace("子どもや高齢者", "子供やお年寄り"),  # another word changed
    CAMPAIGN_BASE + "私も毎朝この公園を散歩しています。",  # a sentence added
    "私は東町に三十年住んでいます。" + CAMPAIGN_BASE,  # a sentence added in front
    CAMPAIGN_BASE.replace("木を切れば鳥や虫のすみかもなくなります。", ""),  # a sentence dropped
    CAMPAIGN_BASE + "\n東町在住　佐藤",  # a signature
    "みどり市長様\n" + CAMPAIGN_BASE + "\n（西町在住　鈴木花子）",  # an address line and a signature
])
def test_each_kind_of_edit_joins_the_letter(variant):
    g = find_duplicates(keys([CAMPAIGN_BASE, variant]))
    assert g.n_groups == 1, comparison_text(variant)


def test_different_short_opinions_are_not_merged():
    texts = ["駐輪場を増やしてほしい", "駐輪場を減らしてほしい", "駐輪場を増やしてほしい。"]
    g = find_duplicates(keys(texts))
    assert g.group_of[0] == g.group_of[2]
    assert g.group_of[0] != g.group_of[1]


def test_different_letters_on_the_same_topic_are_not_merged():
    texts = [CAMPAIGN_BASE,
             "みどり公園の樹木伐採計画に賛成します。公園の大きな木は落ち葉や見通しの悪さで近所の迷惑になっています。"
             "防犯のためにも伐採を進め、明るい公園に整備してください。"]
    g = find_duplicates(keys(texts))
    assert g.n_groups == 2


def test_groups_numbered_by_size_with_counts():
    texts = (["図書館の開館時間を延長してほしい。"] * 2 + ["駅前の駐輪場を増やしてほしいです。"] * 5
             + ["公園のトイレを洋式にしてほしい。"] + ["遊具の点検を増やしてほしいです。"] * 3)
    g = find_duplicates(keys(texts))
    assert g.sizes.tolist() == [5, 3, 2, 1]
    assert g.group_of[2] == 0 and g.group_of[7] == 3 and g.group_of[8] == 1 and g.group_of[0] == 2
    assert int(g.sizes.sum()) == len(texts)
    assert np.bincount(g.group_of).tolist() == g.sizes.tolist()


def test_ties_in_size_keep_first_appearance_order():
    texts = ["公園のトイレを洋式にしてほしい。", "駅前の駐輪場を増やしてほしい。", "公園のトイレを洋式にしてほしい。",
             "駅前の駐輪場を増やしてほしい。"]
    g = find_duplicates(keys(texts))
    assert g.group_of.tolist() == [0, 1, 0, 1]


def test_representative_is_the_most_common_text():
    edited = CAMPAIGN_BASE.replace("財産", "宝物")
    texts = [edited, CAMPAIGN_BASE + "私も毎朝この公園を散歩しています。", CAMPAIGN_BASE, CAMPAIGN_BASE, CAMPAIGN_BASE]
    g = find_duplicates(keys(texts))
    assert g.n_groups == 1
    rep = int(g.representative[0])
    assert keys(texts)[rep] == comparison_text(CAMPAIGN_BASE)
    assert rep == 2  # the first copy of the most common text


def test_representative_belongs_to_its_group():
    texts = CAMPAIGN + PARAPHRASE_PARKING + PARAPHRASE_HOURS
    g = find_duplicates(keys(texts))
    for group, rep in enumerate(g.representative.tolist()):
        assert g.group_of[rep] == group


def test_deterministic_and_independent_of_shingle_set_order():
    texts = CAMPAIGN + PARAPHRASE_PARKING + PARAPHRASE_HOURS + ["駐輪場を増やしてほしい"] * 3
    a = find_duplicates(keys(texts))
    b = find_duplicates(keys(texts))
    assert a.group_of.tolist() == b.group_of.tolist()
    assert a.sizes.tolist() == b.sizes.tolist()
    assert a.representative.tolist() == b.representative.tolist()


def test_partition_does_not_depend_on_input_order():
    texts = CAMPAIGN + PARAPHRASE_PARKING + PARAPHRASE_HOURS
    order = list(range(len(texts)))
    random.Random(3).shuffle(order)
    a = find_duplicates(keys(texts))
    b = find_duplicates(keys([texts[i] for i in order]))

    def partition(groups, idx):
        out = {}
        for pos, i in enumerate(idx):
            out.setdefault(int(groups.group_of[pos]), set()).add(i)
        return sorted(sorted(s) for s in out.values())

    assert partition(a, range(len(texts))) == partition(b, order)


def test_near_false_only_merges_exact_copies():
    g = find_duplicates(keys([CAMPAIGN_BASE, CAMPAIGN_BASE.replace("財産", "宝物"), CAMPAIGN_BASE]), near=False)
    assert g.group_of.tolist() == [0, 1, 0]


def test_empty_input():
    g = find_duplicates([])
    assert g.n_groups == 0
    assert len(g.group_of) == 0


def test_shingles():
    assert shingles("公園を") == {"公園を"}
    assert shingles("公園を広く") == {"公園を", "園を広", "を広く"}
    assert shingles("") == set()


# ------------------------------------------------------------------ scale

_BASES = [
    CAMPAIGN_BASE,
    "市立図書館の建て替え計画について、現在の場所での建て替えを強く希望します。駅から近く、高齢者や学生が"
    "歩いて通える今の場所が最適です。郊外への移転は利用者を減らすだけです。",
    "ごみ収集の有料化には反対します。家計の負担が増えるうえ、不法投棄が増えるおそれがあります。まずは分別の"
    "徹底や資源回収の拡充など、有料化以外の方法を検討してください。",
]
_SUBJECTS = ["公園", "図書館", "駐輪場", "道路", "学校", "病院", "公民館", "プール", "体育館", "保育所", "バス", "歩道"]
_VERBS = ["を増やしてほしい", "を改修してほしい", "の予算を見直すべきだ", "の利用時間を延ばしてほしい",
          "を廃止しないでほしい", "の案内を分かりやすくしてほしい"]
_PLACES = ["駅前", "東町", "西町", "北地区", "南地区", "中央", "川沿い", "山手"]
_ADVERBS = ["早急に", "計画的に", "段階的に", "十分に", "丁寧に"]
_KANA = "あいうえおかきくけこさしすせそ"


def _edit(text: str, rng: random.Random, n: int = 3) -> str:
    chars = list(text)
    for _ in range(n):
        pos = rng.randrange(len(chars))
        op = rng.randrange(3)
        if op == 0:
            chars[pos] = rng.choice(_KANA)
        elif op == 1:
            chars.insert(pos, rng.choice(_KANA))
        else:
            del chars[pos]
    return "".join(chars)


def test_scale_campaigns_collapse_into_three_groups():
    rng = random.Random(0)
    distinct: set[str] = set()
    while len(distinct) < 500:
        distinct.add(f"{rng.choice(_PLACES)}の{rng.choice(_SUBJECTS)}について、{rng.choice(_ADVERBS)}"
                     f"{rng.choice(_SUBJECTS)}{rng.choice(_VERBS)}。{rng.choice(_PLACES)}{rng.choice(_SUBJECTS)}"
                     f"{rng.choice(_VERBS)}。")
    items = [(i % 3, _edit(_BASES[i % 3], rng)) for i in range(3000)] + [(-1, t) for t in sorted(distinct)]
    rng.shuffle(items)
    g = find_duplicates(keys([t for _, t in items]))
    for campaign in range(3):
        idx = [i for i, (c, _) in enumerate(items) if c == campaign]
        assert same_group(g, idx), f"campaign {campaign} split into several groups"
        assert int(g.sizes[g.group_of[idx[0]]]) == 1000
    assert g.sizes[:3].tolist() == [1000, 1000, 1000]
    # the 500 distinct sentences stay (nearly) apart: at most small groups of near-identical templates
    assert int(g.sizes[3]) <= 5
    assert g.n_groups >= 3 + 400
