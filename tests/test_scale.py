"""The scale path at a small scale: parallel tokenizing, blocked grouping, vectorised near duplicates.

Limits are lowered so that a few thousand rows go through the same code as a million do
(benchmarks/bench_scale.py measures the real sizes). All texts are composed here.
"""
from __future__ import annotations

import csv
import random

import numpy as np
import pytest

from cluster import pipeline
from cluster.dedup import _similar, find_duplicates, shingles
from cluster.normalize import comparison_text
from cluster.tokenize import Tokenizer

PLACES = ["駅前", "北口", "南口", "東町", "西町", "中央公園", "市役所前", "商店街", "住宅地", "学校周辺"]
SUBJECTS = ["駐輪場", "自転車レーン", "バス停", "歩道", "街路灯", "横断歩道", "案内標識", "公衆トイレ", "ベンチ"]
ISSUES = ["数が足りない", "老朽化している", "夜間に暗い", "段差が多い", "わかりにくい", "混雑している"]
REQUESTS = ["増やして", "改修して", "見直して", "移設して", "拡充して", "撤去して"]
LETTER = ("図書館の開館時間を延長してください。平日は仕事で行けないため、夜八時まで開けてほしいです。"
          "あわせて、駐車場の台数も増やしてください。")


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)}の{rng.choice(SUBJECTS)}について、{rng.choice(ISSUES)}ので、{rng.choice(REQUESTS)}ほしい。"


def _rows(n: int, seed: int = 3) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        r = rng.random()
        if r < 0.4:
            text = LETTER + rng.choice(["", "\n東町在住　山田", "よろしくお願いします。"])
        elif r < 0.42:
            text = ""
        else:
            text = "".join(_sentence(rng) for _ in range(rng.randint(2, 3)))
        rows.append([f"R{i + 1:05d}", rng.choice(["電子メール", "郵送"]), text])
    return rows


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(pipeline, "GROUP_LIMIT", 300)
    monkeypatch.setattr(pipeline, "BLOCK_SIZE", 120)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 300)


def test_scale_path_keeps_every_row_and_is_deterministic(tmp_path, small_limits):
    rows = _rows(1500)
    src = tmp_path / "comments.csv"
    with open(src, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["受付番号", "提出方法", "ご意見"])
        w.writerows(rows)
    logs: list[str] = []
    res = pipeline.run(src, tmp_path / "a", log=logs.append)
    assert any("blocks" in line for line in logs), logs  # the blocked grouping ran
    assert res.counts["distinct_opinions"] > pipeline.GROUP_LIMIT
    with open(tmp_path / "a" / "opinions.csv", encoding="utf-8-sig", newline="") as fh:
        ops = list(csv.DictReader(fh))
    assert {int(r["row_number"]) for r in ops} == set(range(1, len(rows) + 1))
    assert all(r["cluster_id"] for r in ops if r["status"] == "ok")
    # the form letter and its signed copies are one duplicate group, in one cluster
    letter_rows = [r for r in ops if r["text"].startswith("図書館の開館時間")]
    assert len({r["duplicate_group"] for r in letter_rows}) == 1
    assert len({r["cluster_id"] for r in letter_rows}) == 1
    pipeline.run(src, tmp_path / "b", log=lambda m: None)
    for name in ("opinions.csv", "clusters.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_group_units_is_group_opinions_below_the_limit():
    from cluster.grouping import group_opinions

    rng = random.Random(5)
    texts = sorted({_sentence(rng) for _ in range(120)})
    tok = Tokenizer()
    tokens = [tok.lemmas(t) for t in texts]
    vecs = np.random.default_rng(0).normal(size=(len(texts), 16)).astype(np.float32)
    counts = np.ones(len(texts))
    a = pipeline.group_units(texts, vecs, counts, tokens, limit=len(texts))
    b = group_opinions(texts, vecs, counts=counts, tokens=tokens)
    assert np.array_equal(a, b)
    blocked = pipeline.group_units(texts, vecs, counts, tokens, limit=10, block_size=20)
    assert blocked.shape == (len(texts),) and blocked.min() >= 0


def test_parallel_tokenizing_matches_one_core(monkeypatch):
    rng = random.Random(7)
    texts = [_sentence(rng) for _ in range(700)]
    tok = Tokenizer()
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 10**9)
    serial = pipeline.tokenize_units(texts, texts, tok)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 100)
    parallel = pipeline.tokenize_units(texts, texts, tok, chunk=128)
    assert parallel == serial


def _reference_groups(keys: list[str], threshold=0.7, containment=0.9, num_perm=64) -> list[int]:
    """The per-pair LSH loop the vectorised search replaced (components of verified candidate pairs)."""
    from datasketch import MinHash, MinHashLSH

    uniq = list(dict.fromkeys(keys))
    parent = list(range(len(uniq)))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    cand = [i for i, t in enumerate(uniq) if len(t) >= 20]
    sets = {i: shingles(uniq[i]) for i in cand}
    hashes = MinHash.bulk([[s.encode("utf-8") for s in sorted(sets[i])] for i in cand], num_perm=num_perm, seed=1)
    lsh = MinHashLSH(threshold=min(threshold, 0.5), num_perm=num_perm)
    for i, mh in zip(cand, hashes):
        lsh.insert(i, mh, check_duplication=False)
    for i, mh in zip(cand, hashes):
        for j in lsh.query(mh):
            if j > i and _similar(sets[i], sets[j], threshold, containment):
                a, b = find(i), find(j)
                parent[max(a, b)] = min(a, b)
    root = {t: find(i) for i, t in enumerate(uniq)}
    return [root[k] for k in keys]


def test_vectorised_near_duplicates_match_the_pairwise_loop():
    rng = random.Random(11)
    texts = [LETTER, LETTER + "私も同じ意見です。", LETTER.replace("八時", "九時")]
    texts += ["".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(1500)]
    keys = [comparison_text(t) for t in texts]
    # the components, before chains are split (and without the subject check the loop does not know)
    got = find_duplicates(keys, split_chains=False, subject_check=False).group_of
    ref = _reference_groups(keys)
    # same partition
    pairs = {}
    for g, r in zip(got.tolist(), ref):
        assert pairs.setdefault(g, r) == r
    assert len(set(got.tolist())) == len(set(ref))
    assert got[0] == got[1] == got[2]
