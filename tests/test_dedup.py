"""Exact and near duplicates (cluster.dedup) on form letters written for the tests."""
from __future__ import annotations

import random

import numpy as np
import pytest

from cluster.dedup import _near, _similar, _swapped_subject, find_duplicates, shingles
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


# ------------------------------------------------------------------ chaining: coherence and split
# Texts written for these tests. Components of verified pairs chain (A~B, B~C joins A and C);
# a component is one group only if every member is near its centre, otherwise it is split.

_AREAS = ["北町", "南町", "中町", "東台", "西台", "本町", "港町", "緑ヶ丘"]
_THINGS = ["集会所", "児童公園", "ごみ集積所", "通学路", "市営住宅", "図書室", "防災倉庫", "自転車置き場"]
_STATES = ["古くなっている", "狭すぎる", "夜は暗い", "使いにくい", "場所がわかりにくい", "管理が行き届いていない"]
_WANTS = ["建て替えて", "広げて", "明るくして", "見直して", "案内を増やして", "点検して"]


def _pool_sentence(rng: random.Random) -> str:
    return f"{rng.choice(_AREAS)}の{rng.choice(_THINGS)}は{rng.choice(_STATES)}ので、{rng.choice(_WANTS)}ください。"


def _pool_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(_pool_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(n)]


_LIBRARY = ("駅前図書館の廃止計画に反対します。"
            "図書館は子どもたちが放課後に安心して過ごせる数少ない場所です。"
            "高齢者にとっても新聞や雑誌を読みに通える大切な居場所になっています。"
            "廃止ではなく、開館時間の延長や蔵書の充実を検討してください。")
_LIB_SWAPS = [("反対します", "強く反対します"), ("大切な", "かけがえのない"), ("子どもたち", "小学生や中学生"),
              ("検討してください", "ご検討ください"), ("安心して", "安全に"), ("数少ない", "貴重な")]
_LIB_ADDED = ["私も週に三回は利用しています。", "近所の人たちも同じ意見です。", "どうかよろしくお願いいたします。",
              "孫もこの図書館が大好きです。"]
_LIB_SIGNS = ["\n中町在住　田中", "\n（北町　伊藤一郎）", "\n南町三丁目　渡辺", "\n東台　主婦"]


def _edited_copy(base: str, rng: random.Random, swaps, added, signs, n_edits: int) -> str:
    """One copy of a letter with ``n_edits`` independent edits of different kinds."""
    sentences = [s + "。" for s in base.split("。") if s]
    kinds = rng.sample(["swap", "add", "drop", "sign", "greet"], n_edits)
    if "drop" in kinds:
        sentences.pop(rng.randrange(1, len(sentences)))
    if "add" in kinds:
        sentences.insert(rng.randrange(1, len(sentences) + 1), rng.choice(added))
    text = "".join(sentences)
    if "swap" in kinds:
        a, b = rng.choice([s for s in swaps if s[0] in text] or swaps[:1])
        text = text.replace(a, b)
    if "greet" in kinds:
        text = "市長様\n" + text
    if "sign" in kinds:
        text += rng.choice(signs)
    return text


_PREAMBLE = ("市が公表した中央公園再整備基本計画案について意見を述べます。"
             "私は公園の近くに二十年以上住み、子どもの頃から毎日のように公園を利用してきました。"
             "公園は地域の子どもから高齢者までが集まる大切な場所です。")
_BODY_PARKING = ("計画案にある大型駐車場の新設には反対です。"
                 "芝生広場を半分に減らせば、子どもの遊び場がなくなります。"
                 "歩いて来る住民のための公園にしてください。")
_BODY_LIGHTS = ("計画案にある夜間照明の増設には賛成です。"
                "今は夜になると園内が暗く、防犯上の不安があります。"
                "防犯カメラの設置と見回りの強化もお願いします。")
_PARK_SWAPS = [("反対です", "強く反対します"), ("賛成です", "大賛成です"), ("大切な", "かけがえのない"),
               ("お願いします", "お願いいたします"), ("二十年以上", "三十年近く")]


def _two_campaigns(rng: random.Random, n: int = 150) -> tuple[list[str], list[int]]:
    """Two letters with one long preamble, ``n`` copies each (a third unedited), and copies
    that hold both letters (a hybrid joins the two campaigns through containment)."""
    texts, labels = [], []
    for c, body in enumerate([_BODY_PARKING, _BODY_LIGHTS]):
        base = _PREAMBLE + body
        for i in range(n):
            texts.append(base if i % 3 == 0 else
                         _edited_copy(base, rng, _PARK_SWAPS, _LIB_ADDED, _LIB_SIGNS, rng.randint(1, 2)))
            labels.append(c)
    for sign in ["", "\n西台　小林"]:
        texts.append(_PREAMBLE + _BODY_PARKING + _BODY_LIGHTS + sign)
        labels.append(-1)
    return texts, labels


def _groups_of(g, idx) -> set[int]:
    return {int(g.group_of[i]) for i in idx}


def test_chained_pool_texts_are_split_and_no_member_is_far_from_its_representative():
    texts = _pool_texts(800, seed=1)
    k = keys(texts)
    # the chain split on its own (the subject check, below, cuts most of these chains first)
    chained = find_duplicates(k, split_chains=False, subject_check=False)
    assert int(chained.sizes[0]) > 200  # the plain components chain (the old behaviour)
    g = find_duplicates(k, subject_check=False)
    assert int(g.sizes[0]) <= 40
    for group, rep in enumerate(g.representative.tolist()):
        centre = shingles(k[rep])
        members = {k[i] for i in np.flatnonzero(g.group_of == group)}
        assert all(_near(shingles(t), centre, 0.7, 0.9) for t in members), k[rep]
    # with it: texts about another place's other facility are not copies, chain or not
    assert int(find_duplicates(k, split_chains=False).sizes[0]) <= 60
    g = find_duplicates(k)
    assert int(g.sizes[0]) <= 40
    for group, rep in enumerate(g.representative.tolist()):
        centre = shingles(k[rep])
        members = {k[i] for i in np.flatnonzero(g.group_of == group)}
        assert all(_near(shingles(t), centre, 0.7, 0.9) for t in members), k[rep]


def test_short_opinions_that_swap_the_subject_are_not_copies():
    """「公園を増やしてほしい。子どもが…」 and 「図書館を増やしてほしい。子どもが…」 share most of
    their shingles but ask for different things; a dropped particle, a typo inside a word, the
    signer's town or a reworded ending still leave copies."""
    tail = "子どもが安全に遊べるようにしてほしいです。"
    swaps = [f"{thing}を増やしてほしい。{tail}" for thing in ("公園", "図書館", "保育園", "駐輪場")]
    kept = [f"公園を増やして欲しい。{tail}", "公園を増やしてほしい。子どもが安全に遊べるようにしてほしい。",
            f"東町在住の者です。公園を増やしてほしい。{tail}", f"西町在住の者です。公園を増やしてほしい。{tail}"]
    g = find_duplicates(keys(swaps + kept))
    assert len({int(x) for x in g.group_of[:4]}) == 4  # four requests
    assert same_group(g, [0, 4, 5])  # the first request and its edited copies
    assert same_group(g, [6, 7])  # one campaign signed from two towns
    assert _swapped_subject("分別の徹底を検討してください。ごみ収集の有料化に反対します",
                            "分別徹底を検討してください。ごみ収集の有料化に反対します") is False
    assert _swapped_subject("不法投棄が増えます。ごみ収集の有料化に反対します",
                            "不せ投棄が増えます。ごみ収集の有料化に反対します") is False
    assert find_duplicates(keys(swaps), subject_check=False).n_groups == 1  # what the shingles alone say
    # one letter signed from different places, or by different people naming themselves
    letter = "{}に住む者として、市民病院の夜間救急の廃止に反対します。救急体制の維持を求めます。"
    towns = [letter.format(t) for t in ("東町", "中央三丁目", "さくら台", "北山田地区", "緑ケ丘団地")]
    signed = [f"私、{n}は、市民病院の夜間救急の廃止に反対します。救急体制の維持を求めます。"
              for n in ("山田太郎", "佐藤花子")]
    g = find_duplicates(keys(towns + signed))
    assert same_group(g, range(5)) and same_group(g, [5, 6])
    for x in keys(swaps + kept):  # one answer for a pair, in either order
        for y in keys(swaps + kept):
            assert _swapped_subject(x, y) == _swapped_subject(y, x)


def test_campaign_of_independently_edited_copies_stays_one_group():
    rng = random.Random(5)
    copies = [_edited_copy(_LIBRARY, rng, _LIB_SWAPS, _LIB_ADDED, _LIB_SIGNS, rng.randint(1, 3)) for _ in range(300)]
    assert _LIBRARY not in copies
    others = _pool_texts(300, seed=2)
    texts = copies + others
    k = keys(texts)
    g = find_duplicates(k)
    assert same_group(g, range(300))
    assert int(g.sizes[g.group_of[0]]) == 300  # nothing else joined
    # the copies are not all pairwise near-duplicates: a rule on pairs (or around a leader
    # with the pair rule) would cut this campaign
    sets = [shingles(t) for t in k[:300]]
    assert any(not _similar(sets[0], s, 0.7, 0.9) for s in sets[1:])
    assert sum(not _similar(a, b, 0.7, 0.9) for a, b in zip(sets[::2], sets[1::2])) >= 10


def test_two_campaigns_sharing_a_long_preamble_stay_two_groups():
    texts, labels = _two_campaigns(random.Random(7))
    k = keys(texts)
    assert find_duplicates(k, split_chains=False).n_groups == 1  # chained through the hybrids
    g = find_duplicates(k)
    first = _groups_of(g, [i for i, c in enumerate(labels) if c == 0])
    second = _groups_of(g, [i for i, c in enumerate(labels) if c == 1])
    assert len(first) == 1 and len(second) == 1 and first != second
    assert g.sizes[:2].tolist() in ([151, 151], [152, 150], [150, 152], [150, 150])


def test_two_campaigns_of_edited_copies_only_stay_two_groups():
    rng = random.Random(8)
    texts, labels = [], []
    for c, body in enumerate([_BODY_PARKING, _BODY_LIGHTS]):
        for _ in range(120):
            texts.append(_edited_copy(_PREAMBLE + body, rng, _PARK_SWAPS, _LIB_ADDED, _LIB_SIGNS, rng.randint(1, 2)))
            labels.append(c)
    texts.append(_PREAMBLE + _BODY_PARKING + _BODY_LIGHTS)
    labels.append(-1)
    g = find_duplicates(keys(texts))
    first = _groups_of(g, [i for i, c in enumerate(labels) if c == 0])
    second = _groups_of(g, [i for i, c in enumerate(labels) if c == 1])
    assert len(first) == 1 and len(second) == 1 and first != second


def _mixed_texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = _pool_texts(700, seed)
    texts += [_edited_copy(_LIBRARY, rng, _LIB_SWAPS, _LIB_ADDED, _LIB_SIGNS, rng.randint(0, 2)) for _ in range(150)]
    texts += _two_campaigns(rng, 60)[0]
    texts += [CAMPAIGN_BASE] * 3 + CAMPAIGN
    rng.shuffle(texts)
    return texts


def _partition(groups, idx) -> list[list[int]]:
    out: dict[int, set] = {}
    for pos, i in enumerate(idx):
        out.setdefault(int(groups.group_of[pos]), set()).add(i)
    return sorted(sorted(s) for s in out.values())


def test_split_is_deterministic_and_independent_of_input_order():
    texts = _mixed_texts(3)
    a = find_duplicates(keys(texts))
    b = find_duplicates(keys(texts))
    assert a.group_of.tolist() == b.group_of.tolist()
    assert a.sizes.tolist() == b.sizes.tolist()
    assert a.representative.tolist() == b.representative.tolist()
    for seed in (1, 2):
        order = list(range(len(texts)))
        random.Random(seed).shuffle(order)
        c = find_duplicates(keys([texts[i] for i in order]))
        assert _partition(a, range(len(texts))) == _partition(c, order)
        assert sorted(c.sizes.tolist()) == sorted(a.sizes.tolist())


def _reference_split(keys_: list[str], threshold=0.7, containment=0.9, num_perm=64,
                     subject_check: bool = True) -> list[int]:
    """The rule of cluster.dedup written per pair and per member: components of all verified LSH
    candidate pairs; a component is one group if every member is near its centre, otherwise
    leaders claim what they reach over verified pairs (loose bound while the claim holds half
    of the unclaimed copies, then the pair rule)."""
    from collections import Counter

    from datasketch import MinHash, MinHashLSH

    count = Counter(keys_)
    uniq = list(count)
    cand = [t for t in uniq if len(t) >= 20]
    sets = {t: shingles(t) for t in cand}
    sigs = dict(zip(cand, MinHash.bulk([[s.encode("utf-8") for s in sorted(sets[t])] for t in cand],
                                       num_perm=num_perm, seed=1)))
    lsh = MinHashLSH(threshold=min(threshold, 0.5), num_perm=num_perm)
    for t in cand:
        lsh.insert(t, sigs[t], check_duplication=False)
    links: dict[str, set] = {t: set() for t in cand}
    for t in cand:
        for u in lsh.query(sigs[t]):
            if (u != t and _similar(sets[t], sets[u], threshold, containment)
                    and not (subject_check and _swapped_subject(t, u))):
                links[t].add(u)
                links[u].add(t)
    group = {t: t for t in uniq}
    seen: set = set()
    for t in sorted(cand):
        if t in seen:
            continue
        comp, stack = [t], [t]
        seen.add(t)
        while stack:
            for u in links[stack.pop()]:
                if u not in seen:
                    seen.add(u)
                    comp.append(u)
                    stack.append(u)
        if len(comp) < 3:  # two linked texts: the most copied one, then the first seen
            for u in comp:
                group[u] = min(comp, key=lambda x: (-count[x], keys_.index(x)))
            continue
        consensus = []
        for k in range(num_perm):
            weight = Counter()
            for u in comp:
                weight[int(sigs[u].hashvalues[k])] += count[u]
            consensus.append(min(weight, key=lambda v: (-weight[v], v)))
        agree = {u: sum(int(sigs[u].hashvalues[k]) == consensus[k] for k in range(num_perm)) for u in comp}
        centre = min(comp, key=lambda u: (-count[u], -agree[u], u))
        if all(_near(sets[u], sets[centre], threshold, containment) for u in comp):
            for u in comp:
                group[u] = centre
            continue
        members = set(comp)
        claimed: set = set()
        unclaimed = sum(count[u] for u in comp)
        dominant = True
        for lead in sorted(comp, key=lambda u: (-count[u], -len(links[u] & members), u)):
            if lead in claimed:
                continue

            def reach(rule, lead=lead, claimed=claimed):
                out, stack = [lead], [lead]
                visited = {lead}
                while stack:
                    for v in links[stack.pop()]:
                        if v not in visited and v not in claimed:
                            visited.add(v)
                            if rule(sets[v], sets[lead], threshold, containment):
                                out.append(v)
                                stack.append(v)
                return out

            got = reach(_near) if dominant else None
            if got is not None and sum(count[u] for u in got) < 0.5 * unclaimed:
                dominant, got = False, None
            if got is None:
                got = reach(_similar)
            for u in got:
                group[u] = lead
                claimed.add(u)
            unclaimed -= sum(count[u] for u in got)
    return [group[t] for t in keys_]  # the text each text's group is formed around


@pytest.mark.parametrize("seed, subject_check", [(3, False), (4, False), (3, True)])
def test_split_matches_the_per_member_reference(seed, subject_check):
    texts = _mixed_texts(seed)
    k = keys(texts)
    got = find_duplicates(k, subject_check=subject_check)
    plain = find_duplicates(k, split_chains=False, subject_check=subject_check)
    assert got.n_groups > plain.n_groups + (0 if subject_check else 50)  # the split is exercised
    ref = _reference_split(k, subject_check=subject_check)
    label = {t: n for n, t in enumerate(dict.fromkeys(ref))}
    assert _partition(got, range(len(k))) == _partition(
        type("G", (), {"group_of": np.asarray([label[t] for t in ref])})(), range(len(k)))
    # each group's representative is the centre / leader it is formed around
    for group, rep in enumerate(got.representative.tolist()):
        assert k[rep] == ref[rep]


def test_bitmap_bound_never_rejects_a_pair_that_passes():
    """``_may_pass`` is an exact pre-filter: every pair ``_rule`` accepts on the real
    intersection gets through, around both bounds and both branches of the rule."""
    from cluster.dedup import _may_pass, _rule, _shingle_bitmaps

    rng = np.random.default_rng(0)
    sets = []
    for _ in range(400):
        base = np.sort(rng.choice(3000, size=int(rng.integers(5, 400)), replace=False))
        sets.append(base)
        for keep in (0.95, 0.85, 0.75, 0.6):  # copies sharing much of it, some with extra shingles
            kept = base[rng.random(len(base)) < keep]
            extra = rng.choice(3000, size=int(rng.integers(0, 1 + len(base) // 3)), replace=False)
            sets.append(np.unique(np.concatenate([kept, extra])))
    sets = [s for s in sets if len(s)]
    indptr = np.r_[0, np.cumsum([len(s) for s in sets])]
    flat = np.concatenate(sets).astype(np.int64)
    bitmaps = _shingle_bitmaps(flat, indptr)
    sizes = np.diff(indptr).astype(np.float64)
    a = np.repeat(np.arange(len(sets)), 6)
    b = np.clip(a + np.tile(np.arange(-2, 4), len(sets)), 0, len(sets) - 1)
    inter = np.array([len(np.intersect1d(sets[x], sets[y])) for x, y in zip(a, b)], dtype=np.float64)
    for threshold, containment in ((0.7, 0.9), (0.45, 0.8)):
        passes = _rule(inter, sizes[a], sizes[b], threshold, containment)
        hopeful = _may_pass(bitmaps, sizes, a, b, threshold, containment)
        assert passes.any() and not passes.all()
        assert not (passes & ~hopeful).any()
        assert (~hopeful).sum() > 0.5 * (~passes).sum()  # and it does rule out most failing pairs


def test_blocks_and_windows_of_the_search_do_not_change_the_groups(monkeypatch):
    """Candidate pairs are listed in blocks and verified in windows; tiny ones give the same result."""
    from cluster import dedup

    k = keys(_mixed_texts(4))
    expected = [find_duplicates(k), find_duplicates(k, split_chains=False)]
    monkeypatch.setattr(dedup, "BLOCK_PAIRS", 40)
    monkeypatch.setattr(dedup, "VERIFY_WINDOW", 3)
    got = [find_duplicates(k), find_duplicates(k, split_chains=False)]
    for e, g in zip(expected, got):
        assert g.group_of.tolist() == e.group_of.tolist()
        assert g.representative.tolist() == e.representative.tolist()


def test_campaign_lines_name_each_campaign_and_rows_holding_two():
    """QA17: four campaigns and two wordings of one: the run said only 「7 groups with copies,
    largest 250」, and a 30-copy letter was published under another wording with no word."""
    import numpy as np

    from cluster.dedup import campaign_lines

    sizes = np.array([250, 150, 30, 30, 4, 1])
    lines = campaign_lines(sizes, ["C001", "C002", "C004", "C004", "C006", "C007"],
                           ["R1-1", "R2-1", "R5-1", "R6-1", "R7-1", "R8-1"], "out")
    assert lines[0] == "campaigns (groups of 5 or more copies): 250 copies → C001, 150 → C002, 30 → C004, 30 → C004"
    assert len(lines) == 2 and lines[1].startswith("note: C004 holds 2 campaigns of different wording "
                                                   "(30 + 30 copies: R5-1, R6-1)")
    assert "`cluster review split out R6-1`" in lines[1]
    assert campaign_lines(np.array([4, 2, 1]), ["C001", "C002", "C003"], ["a", "b", "c"], "out") == []


def test_campaign_notes_put_the_largest_second_campaign_first_and_fold_the_rest():
    """QA20: at 20,000 letters 118 notes of rows holding several wordings buried the one that
    mattered (3,000 railway letters and 1,500 ride-share letters in one row)."""
    import numpy as np

    from cluster.dedup import campaign_lines

    # rows C010..C019 each hold two small campaigns (9 + 6); C001 holds 3,000 + 1,500
    sizes = [9, 6] * 10 + [3000, 1500]
    clusters = [f"C0{10 + k // 2}" for k in range(20)] + ["C001", "C001"]
    lines = campaign_lines(np.array(sizes), clusters, [f"R{k}-1" for k in range(22)], "out")
    notes = [x for x in lines if x.startswith("note:")]
    assert notes[0].startswith("note: C001 holds 2 campaigns of different wording (3000 + 1500 copies")
    assert len(notes) == 6  # five in full, then one line for the other six rows
    assert notes[-1].startswith("note: 6 more rows hold campaigns of different wording") and "C015" in notes[-1]


def test_campaign_line_says_large_campaigns_have_rows_of_their_own():
    """Two form letters each sent 100 times or more never share a row (grouping's campaigns_apart):
    two wordings of one campaign are two rows, and the run says how to join them."""
    import numpy as np

    from cluster.dedup import campaign_lines

    lines = campaign_lines(np.array([3000, 1500, 40]), ["C001", "C002", "C003"], ["R1-1", "R2-1", "R3-1"], "out",
                           apart_from=100)
    assert lines[1] == ("note: form letters sent 100 times or more are never grouped together, only by staff (rows "
                        "C001, C002); two that ask the same are joined with `cluster review merge out ROW ROW` (their ids)")
    # QA22: a row staff merged holds its campaigns on purpose and is not questioned again
    sizes, rows = np.array([600, 250, 40]), ["C001", "C001", "C003"]
    assert any("C001 holds 2 campaigns" in x for x in campaign_lines(sizes, rows, ["a", "b", "c"], "out"))
    assert not any("C001 holds" in x for x in campaign_lines(sizes, rows, ["a", "b", "c"], "out", staff_rows={"C001"}))
    assert len(campaign_lines(np.array([3000, 40]), ["C001", "C002"], ["R1-1", "R2-1"], "out", apart_from=100)) == 1
