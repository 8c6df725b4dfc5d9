"""Exact and near duplicates: form letters, copies with small edits, added or dropped lines.

Exact duplicates share a normalised comparison text (see ``normalize.comparison_text``),
so they collapse with a hash in linear time. Near duplicates among the remaining unique
texts are found with MinHash LSH over character 3-gram shingles (datasketch), which only
compares texts that share LSH buckets, and every candidate pair is verified on the real
shingle sets. Pairs join with union-find, so a campaign of 10^5 copies with small edits
becomes one group without any all-pairs comparison.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

SHINGLE = 3


@dataclass
class DuplicateGroups:
    """``group_of[i]`` is the group index of text i; groups are numbered by size (0 = largest)."""

    group_of: np.ndarray  # int, one per input text
    sizes: np.ndarray  # copies per group
    representative: np.ndarray  # index of the text that stands for each group

    @property
    def n_groups(self) -> int:
        return len(self.sizes)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    if len(text) <= k:
        return {text} if text else set()
    return {text[i:i + k] for i in range(len(text) - k + 1)}


def _similar(a: set[str], b: set[str], threshold: float, containment: float) -> bool:
    """Jaccard above ``threshold``, or one letter nearly inside the other (a line added)."""
    if not a or not b:
        return False
    inter = len(a & b)
    small, large = sorted((len(a), len(b)))
    if inter / (len(a) + len(b) - inter) >= threshold:
        return True
    # A copy with a sentence added: almost all of the shorter one is in the longer one,
    # and the shorter one is a real letter, not a short phrase that many texts contain.
    return small >= 25 and inter / small >= containment and large <= 2.0 * small


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller index is the root, so results do not depend on pair order.
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def find_duplicates(keys: list[str], threshold: float = 0.7, containment: float = 0.9,
                    num_perm: int = 64, near: bool = True, progress=None) -> DuplicateGroups:
    """Group ``keys`` (normalised comparison texts) into exact and near duplicate groups.

    ``threshold`` is the Jaccard similarity of character 3-gram sets at which two texts are
    the same letter; short texts (< 20 characters) must match exactly, since a one-word
    change there changes the meaning (「増やして」 / 「減らして」).
    """
    n = len(keys)
    # 1. exact duplicates: one slot per distinct key, in order of first appearance
    slot_of_key: dict[str, int] = {}
    slot = np.empty(n, dtype=np.int64)
    for i, key in enumerate(keys):
        slot[i] = slot_of_key.setdefault(key, len(slot_of_key))
    uniques = list(slot_of_key)
    uf = _UnionFind(len(uniques))
    # 2. near duplicates among distinct keys
    if near and len(uniques) > 1:
        _link_near_duplicates(uniques, uf, threshold, containment, num_perm, progress)
    root = np.array([uf.find(s) for s in range(len(uniques))], dtype=np.int64)
    text_root = root[slot]
    # 3. number groups by size (desc), then by first appearance: stable for the same input
    counts = Counter(text_root.tolist())
    first_seen: dict[int, int] = {}
    for i, r in enumerate(text_root.tolist()):
        first_seen.setdefault(r, i)
    order = sorted(counts, key=lambda r: (-counts[r], first_seen[r]))
    number = {r: g for g, r in enumerate(order)}
    group_of = np.array([number[r] for r in text_root.tolist()], dtype=np.int64)
    sizes = np.array([counts[r] for r in order], dtype=np.int64)
    representative = _representatives(keys, group_of, len(order))
    return DuplicateGroups(group_of, sizes, representative)


def _representatives(keys: list[str], group_of: np.ndarray, n_groups: int) -> np.ndarray:
    """The most common exact text of each group (first seen wins a tie)."""
    tallies: list[Counter] = [Counter() for _ in range(n_groups)]
    first: list[dict[str, int]] = [{} for _ in range(n_groups)]
    for i, (key, g) in enumerate(zip(keys, group_of.tolist())):
        tallies[g][key] += 1
        first[g].setdefault(key, i)
    rep = np.empty(n_groups, dtype=np.int64)
    for g in range(n_groups):
        best = min(tallies[g], key=lambda k: (-tallies[g][k], first[g][k]))
        rep[g] = first[g][best]
    return rep


def _link_near_duplicates(uniques: list[str], uf: _UnionFind, threshold: float,
                          containment: float, num_perm: int, progress) -> None:
    from datasketch import MinHash, MinHashLSH

    candidates = [i for i, t in enumerate(uniques) if len(t) >= 20]
    if len(candidates) < 2:
        return
    sets = {i: shingles(uniques[i]) for i in candidates}
    encoded = [[s.encode("utf-8") for s in sorted(sets[i])] for i in candidates]
    # Fixed seed: the same input always gives the same signatures and groups.
    hashes = MinHash.bulk(encoded, num_perm=num_perm, seed=1)
    # Query below the verification threshold: containment pairs have lower Jaccard.
    lsh = MinHashLSH(threshold=min(threshold, 0.5), num_perm=num_perm)
    for i, mh in zip(candidates, hashes):
        lsh.insert(i, mh, check_duplication=False)
    iterator = zip(candidates, hashes)
    if progress is not None:
        iterator = progress(iterator, total=len(candidates), desc="near duplicates")
    for i, mh in iterator:
        for j in lsh.query(mh):
            if j <= i or uf.find(i) == uf.find(j):
                continue
            if _similar(sets[i], sets[j], threshold, containment):
                uf.union(i, j)
