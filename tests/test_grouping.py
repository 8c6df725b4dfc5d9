"""Same-intent clustering (cluster.grouping) on small opinion sets written for these tests."""
from __future__ import annotations

import numpy as np
import pytest

from cluster.grouping import choose_representative, group_opinions, sparse_average_linkage
from cluster.stance import stance_only
from cluster.tokenize import Tokenizer

# Four intents on an imagined draft plan for a city library and park (written for the tests).
HOURS = [
    "図書館の開館時間を夜九時まで延長してほしい。",
    "仕事帰りに使えるよう、図書館の開館時間を夜まで延長してください。",
    "図書館の開館時間を延長し、平日の夜も利用できるようにしてほしい。",
]
PARKING = [
    "駅前の駐輪場が不足しているので、駐輪場を増設すべきです。",
    "駅前の駐輪場がいつも満車なので、駐輪場の増設をお願いします。",
    "駐輪場の増設を計画に盛り込んでほしい。駅前の駐輪場が足りない。",
]
TREES = [
    "公園の桜並木の伐採には反対です。樹木を残してください。",
    "公園の桜の木を伐採する計画に反対します。桜並木は残すべきです。",
    "桜並木の伐採はやめて、公園の樹木を保全してください。",
]
FEES = [
    "公民館の使用料の値上げは市民の負担が大きいので見直してほしい。",
    "公民館使用料の値上げに反対。市民の負担が増える。",
]
UNRELATED = [
    "ごみ収集の回数を週三回に戻してほしい。",
    "市役所の窓口の案内表示を多言語にすべきだ。",
]
STANCE = ["反対です。", "断固反対", "この計画には反対です。", "反対反対"]

GROUPS = [HOURS, PARKING, TREES, FEES]


@pytest.fixture(scope="module")
def tok():
    return Tokenizer()


class CharEncoder:
    """A fast stand-in encoder (any encoder must work): hashed char 1-3grams, L2-normalised."""

    name = "test-char-hash"

    def encode(self, texts):
        from sklearn.feature_extraction.text import HashingVectorizer

        vec = HashingVectorizer(analyzer="char", ngram_range=(1, 3), n_features=1024,
                                alternate_sign=False, norm="l2")
        return vec.transform(list(texts)).toarray().astype(np.float32)


@pytest.fixture(scope="module")
def enc():
    return CharEncoder()


def run(texts, enc, tok, counts=None, **params):
    emb = enc.encode(texts)
    lemmas = [tok.lemmas(t) for t in texts]
    return group_opinions(texts, emb, counts=counts, tokens=lemmas, **params)


def corpus():
    texts = [t for grp in GROUPS for t in grp] + UNRELATED + STANCE
    gold = [j for j, grp in enumerate(GROUPS) for _ in grp]
    gold += [100 + i for i in range(len(UNRELATED))] + [200] * len(STANCE)
    return texts, np.array(gold)


def same(labels, idx):
    return len({int(labels[i]) for i in idx}) == 1


def assert_intents_apart(labels, gold):
    """Distinct intents never share a cluster."""
    for a in set(gold.tolist()):
        for b in set(gold.tolist()):
            if a < b:
                la = {int(labels[i]) for i in np.flatnonzero(gold == a)}
                lb = {int(labels[i]) for i in np.flatnonzero(gold == b)}
                assert not (la & lb), (a, b)


def test_paraphrases_together_unrelated_apart(enc, tok):
    texts, gold = corpus()
    labels = run(texts, enc, tok)
    assert labels.dtype.kind == "i" and labels.shape == (len(texts),)
    for g in set(gold.tolist()):
        members = np.flatnonzero(gold == g)
        if g < 100 or g == 200:
            assert same(labels, members), [texts[i] for i in members]
    assert_intents_apart(labels, gold)


def test_labels_are_0_to_k_minus_1_and_ordered_by_size(enc, tok):
    texts, _ = corpus()
    labels = run(texts, enc, tok)
    k = labels.max() + 1
    assert set(labels.tolist()) == set(range(k))
    sizes = np.bincount(labels)
    assert list(sizes) == sorted(sizes, reverse=True)


def test_singletons_allowed_no_noise_label(enc, tok):
    texts, gold = corpus()
    labels = run(texts, enc, tok)
    assert (labels >= 0).all()
    singles = [i for i in range(len(texts)) if np.sum(labels == labels[i]) == 1]
    assert {texts[i] for i in singles} >= set(UNRELATED)


def test_deterministic(enc, tok):
    texts, _ = corpus()
    a = run(texts, enc, tok)
    b = run(texts, enc, tok)
    assert np.array_equal(a, b)


def test_input_order_independent(enc, tok):
    texts, _ = corpus()
    base = run(texts, enc, tok)
    rng = np.random.default_rng(7)
    for _ in range(3):
        perm = rng.permutation(len(texts))
        shuffled = run([texts[i] for i in perm], enc, tok)
        # same partition and the same label for the same text
        assert np.array_equal(shuffled, base[perm])


def test_counts_decide_cluster_order(enc, tok):
    texts, gold = corpus()
    counts = np.ones(len(texts))
    counts[np.flatnonzero(gold == 100)] = 50  # one unrelated opinion sent 50 times
    labels = run(texts, enc, tok, counts=counts)
    assert labels[np.flatnonzero(gold == 100)[0]] == 0
    # without counts the largest group by texts comes first
    labels = run(texts, enc, tok)
    assert labels[np.flatnonzero(gold == 200)[0]] == 0  # four stance-only texts


def test_works_without_tokens_and_with_tiny_inputs(enc, tok):
    texts, _ = corpus()
    labels = group_opinions(texts, enc.encode(texts))
    assert labels.shape == (len(texts),) and labels.min() == 0
    assert group_opinions([], np.zeros((0, 4))).shape == (0,)
    assert group_opinions(["一つだけ"], np.ones((1, 4))).tolist() == [0]
    two = ["図書館の開館時間を延長してほしい。", "ごみ収集の回数を増やしてほしい。"]
    assert len(run(two, enc, tok)) == 2


def test_bad_arguments(enc):
    with pytest.raises(ValueError):
        group_opinions(["a", "b"], np.zeros((3, 4)))
    with pytest.raises(TypeError):
        group_opinions(["a", "b"], np.eye(2), thresold=1.0)


def test_threshold_controls_granularity(enc, tok):
    texts, _ = corpus()
    loose = run(texts, enc, tok, threshold=0.5).max() + 1
    strict = run(texts, enc, tok, threshold=6.0).max() + 1
    assert loose <= strict


def test_stance_only_detection(tok):
    opinions = STANCE + ["賛成です。", HOURS[0], TREES[0]]
    st = stance_only([tok.lemmas(t) for t in opinions])
    assert st[: len(STANCE)] == ["against"] * len(STANCE)
    assert st[len(STANCE)] == "support"
    assert st[-2] is None and st[-1] is None  # a reason is given


def test_stance_only_naming_the_object_or_the_draft_title(tok):
    """One clause that only names what is opposed is still 「理由の記載なし」; a reason is not."""
    no_reason = [
        "図書館の民間委託反対",
        "#市民プール廃止反対",
        "中央市立図書館の設置及び管理に関する条例の一部を改正する条例案に反対です。",
        "公民館使用料値上げ絶対反対!",
        "中央公園整備計画に賛成します。",
        "市民プールを廃止して跡地を駐車場にする案に反対",  # names the plan's content, gives no reason
    ]
    with_reason = [
        "図書館の民間委託は、サービスが低下するので反対です。",
        "子どもが困るから条例案に反対です。",
        "桜並木の伐採に反対です。樹木を残してください。",
        "景観を壊す計画に反対",
        "条例案は市民の声を聞いていないので反対",
        "公民館使用料の値上げは高齢者の負担が重くなる。反対。",
    ]
    texts = no_reason + with_reason
    lemmas = [tok.lemmas(t) for t in texts]
    st = stance_only(lemmas, texts=texts, tokenizer=tok)
    assert st[:len(no_reason)] == ["against"] * 4 + ["support", "against"], list(zip(no_reason, st))
    assert st[len(no_reason):] == [None] * len(with_reason), list(zip(with_reason, st[len(no_reason):]))
    # without the texts only the lemma rule applies: the named objects count as reasons
    assert stance_only(lemmas)[:4] == [None] * 4
    with pytest.raises(ValueError):
        stance_only(lemmas, texts=texts[:-1])


def test_stance_only_opinions_naming_the_object_join_the_stance_cluster(enc, tok):
    texts, gold = corpus()
    extra = ["図書館の民間委託反対", "中央市立図書館の設置及び管理に関する条例の一部を改正する条例案に反対です。"]
    labels = run(texts + extra, enc, tok)
    stance_label = labels[np.flatnonzero(gold == 200)[0]]
    assert labels[-1] == labels[-2] == stance_label
    assert all(labels[i] != stance_label for i in np.flatnonzero(gold != 200))


def test_sparse_average_linkage_matches_definition():
    # 0-1-2 tight, 3-4 tight, weak 2-3 link: average link joins the pairs, not across
    rows = np.array([0, 0, 1, 3, 2])
    cols = np.array([1, 2, 2, 4, 3])
    sims = np.array([5.0, 4.0, 5.0, 6.0, 3.0])
    lab = sparse_average_linkage(5, rows, cols, sims, threshold=2.0)
    assert lab[0] == lab[1] == lab[2] and lab[3] == lab[4] and lab[0] != lab[3]
    # 3/(3*2) = 0.5 between the two clusters: merged only with a threshold that low
    lab = sparse_average_linkage(5, rows, cols, sims, threshold=0.5)
    assert len(set(lab.tolist())) == 1


def test_choose_representative_weighted_medoid():
    emb = np.array([[1.0, 0.0], [0.8, 0.6], [0.6, 0.8], [0.0, 1.0]])
    assert choose_representative([0, 1, 2, 3], emb) in (1, 2)
    counts = np.array([1, 1, 1, 100])
    assert choose_representative([0, 1, 2, 3], emb, counts) in (2, 3)
    assert choose_representative([2], emb) == 2
    with pytest.raises(ValueError):
        choose_representative([], emb)


def test_word_encoder_sif_view(enc, tok):
    """With word vectors from the caller's encoder, paraphrases still group and intents stay apart."""
    texts, gold = corpus()
    words = []
    labels = run(texts, enc, tok, word_encoder=lambda ws: (words.extend(ws), enc.encode(ws))[1])
    assert words and words == sorted(set(words))  # each lemma encoded once, in a fixed order
    for g in set(gold.tolist()):
        if g < 100 or g == 200:
            assert same(labels, np.flatnonzero(gold == g))
    for a in range(len(GROUPS)):
        for b in range(a + 1, len(GROUPS)):
            assert labels[np.flatnonzero(gold == a)[0]] != labels[np.flatnonzero(gold == b)[0]]
    # deterministic and input-order independent with the extra view too
    perm = np.random.default_rng(3).permutation(len(texts))
    shuffled = run([texts[i] for i in perm], enc, tok, word_encoder=enc.encode)
    assert np.array_equal(shuffled, labels[perm])
    with pytest.raises(ValueError):
        run(texts, enc, tok, word_encoder=lambda ws: np.zeros((1, 4)))


def test_weights_forms(enc, tok):
    texts, _ = corpus()
    four = run(texts, enc, tok, weights=(1.0, 1.0, 1.0, 0.0))
    three = run(texts, enc, tok, weights=(1.0, 1.0, 0.0))  # (embedding, lemma, char), the older form
    assert np.array_equal(four, three)
    with_char = run(texts, enc, tok, weights=(1.0, 1.0, 1.0, 1.0))
    assert with_char.shape == (len(texts),)
    with pytest.raises(ValueError):
        run(texts, enc, tok, weights=(1.0, 1.0))


def _cut(labels, block_of):
    """What grouping each block on its own gives at best: the whole partition cut by the blocks."""
    pairs = {}
    return np.array([pairs.setdefault((int(a), int(b)), len(pairs)) for a, b in zip(labels, block_of)])


def test_merge_across_blocks_joins_groups_cut_by_a_block_border(enc, tok):
    from cluster.grouping import merge_across_blocks

    texts, gold = corpus()
    emb, lemmas = enc.encode(texts), [tok.lemmas(t) for t in texts]
    whole = group_opinions(texts, emb, tokens=lemmas)
    # every paraphrase group and the stance-only opinions are cut in two by the block border
    block_of = np.ones(len(texts), dtype=np.int64)
    for g in set(gold.tolist()):
        block_of[np.flatnonzero(gold == g)[0]] = 0
    block_of[np.flatnonzero(gold == 200)[:2]] = 0
    cut = _cut(whole, block_of)
    assert len(set(cut.tolist())) > len(set(whole.tolist()))
    joined = merge_across_blocks(texts, emb, cut, block_of, tokens=lemmas)
    assert np.array_equal(joined, whole)  # the same partition, numbered the same way
    # order independent
    perm = np.random.default_rng(1).permutation(len(texts))
    joined_p = merge_across_blocks([texts[i] for i in perm], emb[perm], cut[perm], block_of[perm],
                                   tokens=[lemmas[i] for i in perm])
    assert np.array_equal(joined_p, joined[perm])


def test_merge_across_blocks_keeps_unrelated_blocks_apart(enc, tok):
    from cluster.grouping import merge_across_blocks

    texts, gold = corpus()
    emb, lemmas = enc.encode(texts), [tok.lemmas(t) for t in texts]
    whole = group_opinions(texts, emb, tokens=lemmas)
    # blocks that cut no group: nothing may be joined across them
    block_of = np.where(np.isin(gold, [0, 1, 100]), 0, 1)
    joined = merge_across_blocks(texts, emb, _cut(whole, block_of), block_of, tokens=lemmas)
    assert np.array_equal(joined, whole)
    # clusters of different intents in different blocks stay apart even when forced into blocks
    block_of = np.arange(len(texts)) % 2
    joined = merge_across_blocks(texts, emb, np.arange(len(texts)), block_of, tokens=lemmas)
    assert_intents_apart(joined, gold)


def test_lemma_view_weighs_a_repeated_subject_word_above_a_thinly_spread_one(tok):
    """Burstiness: 国会 and 時間 each occur in two opinions, but the opinion that names 国会 first
    repeats it; in an opinion that uses both once, 国会 must weigh more (IDF alone ties them)."""
    from cluster.grouping import _tfidf

    texts = [
        "国会で審議すべきだ。国会を通さずに決めるのはおかしい。国会に法案を出してほしい。",
        "説明会の時間を延ばしてほしい。",
        "国会で時間をかけて議論してほしい。",
        "公園の樹木を残してほしい。",
    ]
    lemmas = [tok.lemmas(t) for t in texts]
    assert all(("国会" in ls) == (i in (0, 2)) and ("時間" in ls) == (i in (1, 2)) for i, ls in enumerate(lemmas))
    vocab = sorted({w for ls in lemmas for w in ls})
    plain = _tfidf(lemmas, analyzer=lambda ts: ts).toarray()
    burst = _tfidf(lemmas, analyzer=lambda ts: ts, burstiness=True).toarray()
    both = 2
    # the analyzer sorts the vocabulary, so columns follow `vocab`
    kokkai, jikan = vocab.index("国会"), vocab.index("時間")
    assert plain[both, kokkai] == pytest.approx(plain[both, jikan])
    assert burst[both, kokkai] > burst[both, jikan] * 1.5
    assert np.allclose(np.linalg.norm(burst, axis=1), 1.0)


def test_char_view_counts_half_only_in_larger_corpora(enc, tok):
    """Small corpora keep the char view whole (it steadies their noisy statistics); above
    ``char_half_above`` texts it counts half, as it mostly repeats the lemma view."""
    from cluster.grouping import DEFAULTS, _Views

    texts, _ = corpus()
    lemmas = [tok.lemmas(t) for t in texts]
    emb = enc.encode(texts)

    def char_weight(**params):
        views = _Views(texts, emb, lemmas, {**DEFAULTS, **params}, seed=0)
        return views.views[-1][1]  # the char view comes last

    assert char_weight() == 1.0
    assert char_weight(char_half_above=len(texts) - 1) == 0.5
    assert char_weight(char_half_above=None) == 1.0


def test_explicit_polarity_reads_negation():
    from cluster.stance import explicit_polarity

    texts = ["旧市民会館の解体に反対します。", "旧市民会館の解体に賛成します。", "この案には賛成できません。",
             "反対ではありませんが、説明が足りません。", "賛成の人も反対の人もいると思う。", "開館時間を延長してほしい。",
             "反対意見も聞いたうえで決めてほしい。",
             "自転車レーンの整備には賛成ですが、色を塗るだけでは不十分です。",  # conceded: the request follows
             "計画には反対だけど、やるなら駐車場を増やしてほしい。"]
    assert explicit_polarity(texts).tolist() == [-1, 1, -1, 0, 0, 0, 0, 0, 0]


def test_opposite_stances_on_the_same_object_are_never_one_cluster(enc, tok):
    """In a small consultation the shared object (旧市民会館の解体) outweighs the stance: the
    one 賛成 letter joined the 反対 campaign's row. An explicit 賛成 and 反対 stay apart."""
    texts = ["旧市民会館の解体に反対します。地域の文化活動の拠点なので、耐震改修して残してください。",
             "旧市民会館の解体に賛成します。維持費が高すぎるので、跡地は広場にしてください。",
             "ごみ収集を週3回に増やしてください。", "市営住宅の家賃を見直してほしい。",
             "駅前の放置自転車を撤去してほしい。"]
    merged = run(texts, enc, tok, opposite_apart=False)
    assert merged[0] == merged[1]  # without the rule
    labels = run(texts, enc, tok)
    assert labels[0] != labels[1] and len(set(labels.tolist())) == 5


def test_a_request_and_its_rejection_are_never_one_cluster(enc, tok):
    """QA: 「ドッグランを設置してください」 and 「ドッグランは不要です」 shared a row (no 賛成 or 反対
    in either), as did 「乗合タクシーを始めてください」 and 「乗合タクシーの導入には反対です」. A
    request and a rejection of what it asks for stay apart; paraphrases on each side still join."""
    texts = ["中央公園にドッグランを設置してください。", "中央公園にドッグランを設置してほしい。",
             "中央公園へのドッグランの設置は不要です。", "中央公園にドッグランを設置する必要はありません。",
             "予約制の乗合タクシーを始めてください。", "予約制の乗合タクシーはいりません。",
             "ごみ収集を週3回に増やしてください。", "市営住宅の家賃を見直してほしい。", "駅前に駐輪場を増やしてほしい。",
             "図書館の開館時間を延ばしてください。"]
    merged = run(texts, enc, tok, request_apart=False)
    assert merged[0] == merged[1] == merged[3] and merged[4] == merged[5]  # without the rule
    labels = run(texts, enc, tok)
    assert labels[0] == labels[1] and labels[0] not in (labels[2], labels[3]) and labels[4] != labels[5]


def test_a_request_verb_about_a_thing_is_no_stance_on_the_draft(tok):
    """「見直す」「禁止」「推進」 are stance words about the draft (「この計画を見直してください」) but
    also plain requests about a thing: 「バスのダイヤを見直してほしい」 joined the 反対（理由の記載
    なし） row. A slogan without a predicate (「汚染土県外使用禁止」) still states a stance."""
    texts = ["バスのダイヤを見直してほしい。", "市営住宅の家賃を見直してほしい。", "路上喫煙を禁止してほしい。",
             "図書館の建設を推進してほしい。", "この計画を見直してください。", "汚染土県外使用禁止", "断固反対です。"]
    st = stance_only([tok.lemmas(t) for t in texts], texts=texts, tokenizer=tok)
    assert st == [None, None, None, None, "against", "against", "against"]


def test_stance_readings_are_kept_apart_column_by_column():
    """Two readings (columns): a cluster may hold +1 of one and -1 of the other."""
    rows, cols, sims = np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([5.0, 5.0, 5.0])
    lab = sparse_average_linkage(3, rows, cols, sims, 2.0, polarity=np.array([[1, 0], [0, -1], [0, 0]]))
    assert len(set(lab.tolist())) == 1
    lab = sparse_average_linkage(3, rows, cols, sims, 2.0, polarity=np.array([[0, 1], [0, -1], [0, 0]]))
    assert lab[0] != lab[1]


def test_sparse_average_linkage_polarity_veto():
    rows, cols, sims = np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([5.0, 5.0, 5.0])
    assert len(set(sparse_average_linkage(3, rows, cols, sims, 2.0).tolist())) == 1
    lab = sparse_average_linkage(3, rows, cols, sims, 2.0, polarity=np.array([-1, 0, 1]))
    assert lab[0] != lab[2] and len(set(lab.tolist())) == 2


def test_short_near_copies_that_swap_their_subject_are_never_one_cluster(enc, tok):
    """The duplicate step calls 「公園を増やしてほしい。…」 and 「図書館を増やしてほしい。…」 two
    requests (a swapped subject); the grouping put the three back in one row, their shared
    words outweighing the one that differs. A paraphrase of one of them still joins it."""
    texts = ["体育館を増やしてほしい。子どもの遊び場が足りない。",
             "公園を増やしてほしい。子どもの遊び場が足りない。",
             "図書館を増やしてほしい。子どもの遊び場が足りない。",
             "バスの本数を増やしてほしい。通勤の時間帯に不便です。",
             "バスの便数を増やしてください。通勤の時間帯が特に不便です。",
             "市役所の駐車場を広げてほしい。", "ごみ収集を週3回に増やしてください。"]
    merged = run(texts, enc, tok, subject_apart=False)
    assert merged[0] == merged[1] == merged[2]  # without the rule
    labels = run(texts, enc, tok)
    assert len({int(labels[i]) for i in (0, 1, 2)}) == 3
    assert labels[3] == labels[4]  # not near copies of each other: the rule leaves them alone


def test_sparse_average_linkage_cannot_link_is_inherited_by_merged_clusters():
    # 0-1 and 2-3 are close; 1 may never share a cluster with 2, so 0-1 and 2-3 stay two clusters
    rows, cols = np.array([0, 0, 0, 1, 1, 2]), np.array([1, 2, 3, 2, 3, 3])
    sims = np.array([9.0, 5.0, 5.0, 5.0, 5.0, 9.0])
    assert len(set(sparse_average_linkage(4, rows, cols, sims, 2.0).tolist())) == 1
    lab = sparse_average_linkage(4, rows, cols, sims, 2.0, cannot=[(1, 2)])
    assert lab[0] == lab[1] and lab[2] == lab[3] and lab[0] != lab[2]


def test_near_copies_that_swap_only_a_place_may_share_a_cluster(enc, tok):
    """「東町の公民館を残してほしい」 and 「川口町の公民館を残してほしい」: another town's building, the
    same request. The duplicate step keeps them apart (another building), the grouping may not
    keep them apart for that reason (a town's campaign was cut in two rows)."""
    from cluster.grouping import _subject_swaps

    texts = ["東町の公民館を残してほしい。地域の集まりに欠かせません。",
             "川口町の公民館を残してほしい。地域の集まりに欠かせません。",
             "公園を増やしてほしい。子どもの遊び場が足りない。", "図書館を増やしてほしい。子どもの遊び場が足りない。"]
    rows, cols = np.array([0, 2]), np.array([1, 3])
    assert _subject_swaps(texts, rows, cols) == [(2, 3)]
    others = ["ごみ収集を週3回に増やしてください。", "市営住宅の家賃を見直してほしい。",
              "駅前の駐輪場が狭いので拡張を検討してほしい。", "路線バスの本数が少なく通勤に使えない。",
              "子育て支援センターの土曜開館を希望します。", "市のホームページが見づらいので改善してください。"]
    labels = run(texts + others, enc, tok)
    assert labels[0] == labels[1] and labels[2] != labels[3]


def test_one_shared_word_does_not_join_a_small_towns_unrelated_requests(enc, tok):
    """Twelve requests of a town, nearly all ending in 〜てほしい. The lemma view's random pairs are
    then a spike (they share only 欲しい) whose MAD is near zero, and one shared lemma (館, 小)
    used to outweigh every other view: 窓口 and 図書館 requests joined the 公民館 campaign, and the
    pool joined the school-route signals."""
    texts = ["東町の公民館を残してほしい。地域の集まりに欠かせません。",
             "川口町の公民館を残してほしい。地域の集まりに欠かせません。",
             "東小のプールを直してほしい。子どもが泳げません。",
             "東小学校の通学路に信号を付けてほしい。", "西小学校の通学路に信号を付けてほしい。",
             "南小学校の通学路に信号を付けてほしい。", "ごみの分別ルールをわかりやすくしてほしい。",
             "道路の街灯を増やしてほしい。夜道が暗くて怖い。", "役場の窓口の待ち時間を短くしてほしい。",
             "駅前に駐輪場を作ってほしい。", "図書館の開館時間を延長してほしい。", "町営バスの本数を増やしてほしい。"]
    labels = run(texts, enc, tok)
    assert labels[0] == labels[1]  # the 公民館 requests
    assert labels[3] == labels[4] == labels[5]  # the school-route signals
    assert labels[2] != labels[3]  # the pool is another request
    assert labels[0] not in {labels[i] for i in (8, 10)}  # 窓口, 図書館 are not the 公民館 campaign


# ---------------------------------------------------------------------------------------
# the background for small consultations


def test_centring_a_handful_of_vectors_on_a_background_keeps_their_geometry():
    """Three vectors minus their mean and principal direction lie on a line (cosines ±1);
    with a background the direction comes from more texts and the rows keep their angles."""
    from cluster.grouping import _prepare_embeddings

    rng = np.random.default_rng(0)
    own, background = rng.normal(size=(3, 20)), rng.normal(size=(50, 20))
    alone = _prepare_embeddings(own, remove_components=1)
    assert np.allclose(np.abs(alone @ alone.T), 1.0)
    framed = _prepare_embeddings(own, remove_components=1, reference=background)
    assert framed.shape == (3, 20)
    cos = framed @ framed.T
    assert np.all(np.abs(cos[np.triu_indices(3, 1)]) < 0.9)


def test_background_opinions_ship_with_the_package():
    from cluster.grouping import Background

    texts = Background.read_texts()
    assert len(texts) >= 200 and len(set(texts)) == len(texts)
    assert all("ください" in t or "ほしい" in t or "。" in t for t in texts[:20])


@pytest.mark.parametrize("texts", [
    ["図書館の開館時間を夜九時まで延長してほしい。", "仕事帰りに使えるよう、図書館を夜まで開けてください。",
     "ドッグランは作らず、今の芝生広場を残してください。", "第1章の基本方針に防災公園としての役割を書いてください。"],
    ["子どもの医療費助成を中学生まで拡大してほしい。", "中学生の医療費も無料にしてください。",
     "ドッグランは作らず、今の芝生広場を残してください。", "第1章の基本方針に防災公園としての役割を書いてください。"],
])
def test_a_four_opinion_consultation_joins_its_paraphrase_pair_with_the_background(tok, texts):
    """A town's four opinions: the two that ask the same were apart, because the embedding's
    common direction was taken from four vectors. With the background they join; the
    unrelated two stay on their own."""
    from cluster.embed import load_encoder
    from cluster.grouping import Background

    model = load_encoder()
    emb, lemmas = model.encode(texts), [tok.lemmas(t) for t in texts]
    alone = group_opinions(texts, emb, tokens=lemmas, word_encoder=model.encode)
    assert alone[0] != alone[1]  # without the background
    labels = group_opinions(texts, emb, tokens=lemmas, word_encoder=model.encode,
                            background=Background.load(model, tok))
    assert labels[0] == labels[1] and len(set(labels.tolist())) == 3


def test_two_large_campaigns_never_share_a_cluster(enc, tok):
    """QA20: a railway campaign (3,000 letters) and a ride-share one (1,500) were one row, which
    published the railway text and counted both. Two form letters each sent 100 times or more
    stay apart; a large campaign still takes a small group of the same request."""
    texts, _ = corpus()
    a, b = texts.index(TREES[0]), texts.index(TREES[1])
    alone = run(texts, enc, tok)
    assert alone[a] == alone[b]  # the same request: grouped when no counts say otherwise
    counts = np.ones(len(texts))
    counts[a], counts[b] = 3000, 1500
    apart = run(texts, enc, tok, counts=counts)
    assert apart[a] != apart[b]
    assert run(texts, enc, tok, counts=counts, campaigns_apart=0)[a] == run(texts, enc, tok, counts=counts,
                                                                              campaigns_apart=0)[b]
    counts[b] = 40  # a few dozen copies of a paraphrase: still the campaign's row
    small = run(texts, enc, tok, counts=counts)
    assert small[a] == small[b]


def test_merge_across_blocks_keeps_two_large_campaigns_apart(enc, tok):
    # a large input is grouped block by block: the join across blocks keeps campaigns apart too
    from cluster.grouping import merge_across_blocks

    texts, gold = corpus()
    emb, lemmas = enc.encode(texts), [tok.lemmas(t) for t in texts]
    a, b = texts.index(TREES[0]), texts.index(TREES[1])
    block_of = np.zeros(len(texts), dtype=np.int64)
    block_of[b] = 1
    cut = _cut(group_opinions(texts, emb, tokens=lemmas), block_of)
    joined = merge_across_blocks(texts, emb, cut, block_of, tokens=lemmas)
    assert joined[a] == joined[b]
    counts = np.ones(len(texts))
    counts[a], counts[b] = 3000, 1500
    joined = merge_across_blocks(texts, emb, cut, block_of, counts=counts, tokens=lemmas)
    assert joined[a] != joined[b]
