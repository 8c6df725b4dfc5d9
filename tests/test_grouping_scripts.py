"""Opinions written in English among Japanese ones: grouped among themselves, by what they ask."""
from __future__ import annotations

import numpy as np
import pytest

from cluster import load_encoder
from cluster.grouping import Background, _latin_lemmas, foreign_script, group_opinions, merge_across_blocks
from cluster.tokenize import Tokenizer

from conftest import cluster_of, invoke, read_csv_rows, write_csv

# Written for the tests: a city's requests, in Japanese and (from residents abroad) in English.
JAPANESE = [
    ["図書館の開館時間を夜九時まで延長してほしい。",
     "仕事帰りに使えるよう、図書館の開館時間を夜まで延長してください。",
     "図書館の開館時間を延長し、平日の夜も利用できるようにしてほしい。"],
    ["駅前の駐輪場が不足しているので、駐輪場を増設すべきです。",
     "駅前の駐輪場がいつも満車なので、駐輪場の増設をお願いします。",
     "駐輪場の増設を計画に盛り込んでほしい。駅前の駐輪場が足りない。"],
    ["公園の桜並木の伐採には反対です。樹木を残してください。",
     "公園の桜の木を伐採する計画に反対します。桜並木は残すべきです。",
     "桜並木の伐採はやめて、公園の樹木を保全してください。"],
]
ENGLISH = [
    ["The garbage sorting rules are too complicated. Please make a simple guide with pictures for garbage sorting.",
     "I cannot understand the garbage sorting rules. A guide to garbage sorting with pictures would help.",
     "Please explain garbage sorting in English; the garbage sorting rules are hard to follow."],
    ["There are not enough daycare places. Please build more daycare centers for working parents.",
     "Please increase daycare places. Working parents cannot find daycare for their babies.",
     "We need more daycare centers; no daycare accepted my son and I had to quit my job."],
    ["The bus runs only once an hour. Please run buses more often in the morning.",
     "Buses are too infrequent. Please run the bus more often so I can get to work.",
     "Please run buses more often; waiting an hour for the next bus is inconvenient."],
]


@pytest.fixture(scope="module")
def encoder():
    try:
        return load_encoder(None)  # the shipped model: the one whose vectors see English-ness
    except Exception:  # noqa: BLE001
        pytest.skip("the shipped default model does not load")


@pytest.fixture(scope="module")
def tok():
    return Tokenizer()


def corpus(others: int = 0):
    """The groups above, after ``others`` unrelated Japanese opinions (gold -1: each its own)."""
    texts = Background.read_texts()[:others] + [t for g in JAPANESE + ENGLISH for t in g]
    gold = np.array([-1 - k for k in range(others)] + [k for k, g in enumerate(JAPANESE + ENGLISH) for _ in g])
    return texts, gold


def grouped(texts, encoder, tok, **extra):
    emb = encoder.encode(texts)
    lemmas = [tok.lemmas(t) for t in texts]
    return group_opinions(texts, emb, tokens=lemmas, word_encoder=encoder.encode,
                          background=Background.load(encoder, tok), **extra), emb, lemmas


def test_foreign_script_is_a_text_written_mostly_in_latin_letters():
    found = foreign_script(["Please run buses more often in the morning.",
                            "IAEAの報告書の内容を計画に反映してください。",
                            "駅にWi-Fiを設置してほしい。Free Wi-Fi spots are useful.",
                            "OK",
                            "Ｐｌｅａｓｅ ｋｅｅｐ ｔｈｅ ｌｉｂｒａｒｙ ｏｐｅｎ ｕｎｔｉｌ ９ ｐｍ．"])
    assert found.tolist() == [True, False, False, False, True]


def test_latin_lemmas_drop_function_words_and_plural_endings():
    assert _latin_lemmas(["Please", "run", "buses", "more", "often", "for", "the", "Libraries", "classes"]) == \
        ["run", "bus", "often", "library", "class"]
    assert _latin_lemmas(["駐輪場", "増設"]) == ["駐輪場", "増設"]


@pytest.mark.parametrize("others", [0, 60])
def test_english_opinions_are_grouped_by_their_request_not_by_their_language(encoder, tok, others):
    texts, gold = corpus(others)
    labels, _, _ = grouped(texts, encoder, tok)
    english = np.flatnonzero(gold >= len(JAPANESE))
    # no cluster holds English opinions of two requests (the shipped model's vectors of any two
    # English texts are close: without grouping them apart they all were one row)
    for c in set(labels[english].tolist()):
        assert len(set(gold[english][labels[english] == c].tolist())) == 1, c
    # nor an English and a Japanese opinion
    assert not set(labels[english].tolist()) & set(np.delete(labels, english).tolist())
    # a request written three times in English with the same words is one row
    assert len(set(labels[english][gold[english] == len(JAPANESE)].tolist())) == 1
    # the Japanese paraphrase groups are grouped as without the English ones
    alone, _, _ = grouped(list(np.delete(np.array(texts, dtype=object), english)), encoder, tok)
    ours = np.flatnonzero((gold >= 0) & (gold < len(JAPANESE)))
    japanese = np.delete(labels, english)
    pairs = set(zip(alone[ours].tolist(), japanese[ours].tolist()))
    assert len(pairs) == len(set(alone[ours].tolist())) == len(set(japanese[ours].tolist())) == len(JAPANESE)


def test_clusters_of_both_scripts_in_other_blocks_are_never_joined(encoder, tok):
    texts, gold = corpus()
    whole, emb, lemmas = grouped(texts, encoder, tok)
    # every text its own cluster, alternately in two blocks: only same-script clusters may join
    block_of = np.arange(len(texts)) % 2
    joined = merge_across_blocks(texts, emb, np.arange(len(texts)), block_of, tokens=lemmas,
                                 word_encoder=encoder.encode)
    english = gold >= len(JAPANESE)
    for c in set(joined.tolist()):
        members = joined == c
        assert len(set(english[members].tolist())) == 1, [texts[i] for i in np.flatnonzero(members)]
        if english[members].all():
            assert len(set(gold[members].tolist())) == 1, [texts[i] for i in np.flatnonzero(members)]


def test_a_run_publishes_english_requests_in_rows_of_their_own(tmp_path, encoder):
    rows = [[f"J-{k}", t] for k, t in enumerate((t for g in JAPANESE for t in g), 1)]
    rows += [[f"E-{k}", t] for k, t in enumerate((t for g in ENGLISH for t in g), 1)]
    src = write_csv(tmp_path / "comments.csv", ["受付番号", "ご意見"], rows)
    result = invoke("run", src, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    where = cluster_of(tmp_path / "out")
    opinions = {r["opinion_id"]: r["text"] for r in read_csv_rows(tmp_path / "out" / "opinions.csv")}
    english_clusters = {where[o] for o, t in opinions.items() if foreign_script([t])[0]}
    japanese_clusters = {where[o] for o, t in opinions.items() if not foreign_script([t])[0]}
    assert len(english_clusters) >= len(ENGLISH) and not english_clusters & japanese_clusters
    garbage = {where[o] for o, t in opinions.items() if "garbage" in t}
    assert len(garbage) == 1 and not garbage & {where[o] for o, t in opinions.items() if "bus" in t.lower()}


def test_comparison_text_keeps_the_space_between_latin_words():
    from cluster.normalize import comparison_text

    assert comparison_text("Please run  buses\nmore often. Route 3 is slow.") == "Please run buses more often。Route 3 is slow"
    assert comparison_text("IAEA の 基準 と Wi-Fi を 整備") == "IAEAの基準とWi-Fiを整備"  # Japanese: no blanks


def test_english_keywords_are_words_one_by_one_without_function_words(tok):
    words = tok.keywords("Bus service is too infrequent; please run more buses during rush hour.")
    assert "service" in words and "infrequent" in words and "hour" in words
    assert not {"is", "too", "please", "more"} & set(words)
    assert all(" " not in w and len(w) < 15 for w in words)  # no sentence glued into one keyword
    assert "IAEA基準" in tok.keywords("IAEA基準を満たすよう求めます。")


def test_a_consultation_written_all_in_english_is_grouped_with_every_view(encoder, tok):
    from cluster.grouping import _Views, DEFAULTS

    texts = [t for g in ENGLISH for t in g]
    emb, lemmas = encoder.encode(texts), [tok.lemmas(t) for t in texts]
    views = _Views(texts, emb, lemmas, {**DEFAULTS, "word_encoder": encoder.encode}, 0)
    assert views.foreign is None and views.script() is None  # no second script to keep apart
    labels = group_opinions(texts, emb, tokens=lemmas, word_encoder=encoder.encode)
    gold = np.array([k for k, g in enumerate(ENGLISH) for _ in g])
    for c in set(labels.tolist()):  # still no row of two requests
        assert len(set(gold[labels == c].tolist())) == 1
