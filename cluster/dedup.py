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


def _minhash_signatures(vocab: list[str], flat: np.ndarray, indptr: np.ndarray, num_perm: int) -> np.ndarray:
    """datasketch MinHash values (seed 1) of every text's shingle set, one row per text.

    A MinHash is the element-wise minimum of its elements' permuted hashes, so each distinct
    shingle is hashed once (``MinHash.bulk`` on one-element sets) and a text's signature is
    the minimum over its shingles' rows: the same values as ``MinHash.bulk`` on the texts,
    without hashing each shingle again in every text that holds it.
    """
    from datasketch import MinHash

    single = np.stack([mh.hashvalues for mh in MinHash.generator(
        ([x.encode("utf-8")] for x in vocab), num_perm=num_perm, seed=1)])
    out = np.empty((len(indptr) - 1, num_perm), dtype=single.dtype)
    step = max(1, 4_000_000 // max(num_perm, 1))  # shingle rows per block: bounded memory
    t = 0
    while t < len(out):
        u = int(np.searchsorted(indptr, indptr[t] + step, side="right")) - 1
        u = min(max(u, t + 1), len(out))
        rows = single[flat[indptr[t]:indptr[u]]]
        out[t:u] = np.minimum.reduceat(rows, indptr[t:u] - indptr[t], axis=0)
        t = u
    return out


def _link_near_duplicates(uniques: list[str], uf: _UnionFind, threshold: float,
                          containment: float, num_perm: int, progress) -> None:
    """Union every LSH candidate pair that passes ``_similar``: the groups of a per-pair loop
    over ``datasketch.MinHashLSH.query``, computed with arrays.

    The buckets are those of ``MinHashLSH`` (same bands and rows; a bucket is an exact band of
    MinHash values). For each text, its later candidates not yet in its group are listed
    from the buckets, and their shingle-set intersections and the Jaccard / containment
    rule of ``_similar`` are computed on arrays at once. Groups are connected components,
    so the order in which pairs are verified does not change them.
    """
    from datasketch import MinHashLSH

    candidates = [i for i, t in enumerate(uniques) if len(t) >= 20]
    m = len(candidates)
    if m < 2:
        return
    vocab: dict[str, int] = {}
    indptr = np.zeros(m + 1, dtype=np.int64)
    cols: list[int] = []
    for p, i in enumerate(candidates):
        cols += [vocab.setdefault(x, len(vocab)) for x in shingles(uniques[i])]
        indptr[p + 1] = len(cols)
    flat = np.asarray(cols, dtype=np.int64)  # shingle ids of text p: flat[indptr[p]:indptr[p + 1]]
    del cols
    lengths = np.diff(indptr)
    sizes = lengths.astype(np.float64)
    # Fixed seed: the same input always gives the same signatures and groups.
    hv = _minhash_signatures(list(vocab), flat, indptr, num_perm)
    del vocab
    # Query below the verification threshold: containment pairs have lower Jaccard.
    lsh = MinHashLSH(threshold=min(threshold, 0.5), num_perm=num_perm)  # only for its bands
    bands = []  # per band: bucket of each text, texts sorted by bucket, bucket starts
    for start, end in lsh.hashranges:
        band = np.ascontiguousarray(hv[:, start:end])
        keys = band.view(np.dtype((np.void, band.dtype.itemsize * band.shape[1]))).ravel()
        _, bucket = np.unique(keys, return_inverse=True)
        bucket = bucket.ravel()
        order = np.argsort(bucket, kind="stable")
        starts = np.searchsorted(bucket[order], np.arange(int(bucket.max()) + 2))
        bands.append((bucket, order, starts))
    del hv
    label = np.arange(m)  # current group of each candidate (a member's id)
    members: dict[int, list[int]] = {}  # a label missing here is a group of one (itself)

    def union(p: int, q: int) -> None:
        la, lb = int(label[p]), int(label[q])
        if la == lb:
            return
        uf.union(candidates[p], candidates[q])
        ga, gb = members.pop(la, None) or [la], members.pop(lb, None) or [lb]
        if len(ga) < len(gb):
            la, ga, gb = lb, gb, ga
        label[gb] = la
        ga += gb
        members[la] = ga

    mask = np.zeros(int(flat.max()) + 1, dtype=np.int32)  # 1 on the shingles of text p
    iterator = range(m)
    if progress is not None:
        iterator = progress(iterator, total=m, desc="near duplicates")
    for p in iterator:
        found = []
        for bucket, order, starts in bands:
            b = bucket[p]
            lo, hi = starts[b], starts[b + 1]
            if hi - lo > 1:
                members_b = order[lo:hi]  # ascending: only the part after p is needed
                cut = int(np.searchsorted(members_b, p, side="right"))
                if cut < hi - lo:
                    found.append(members_b[cut:])
        if not found:
            continue
        js = np.concatenate(found) if len(found) > 1 else found[0]
        js = js[label[js] != label[p]]
        if not len(js):
            continue
        if len(found) > 1:
            js = np.unique(js)
        # |shingles(p) & shingles(j)| for every j at once: mark p's shingles, count j's marked
        own = flat[indptr[p]:indptr[p + 1]]
        mask[own] = 1
        lens = lengths[js]
        offsets = np.zeros(len(js), dtype=np.int64)
        np.cumsum(lens[:-1], out=offsets[1:])
        pos = np.arange(int(lens.sum()), dtype=np.int64) + np.repeat(indptr[js] - offsets, lens)
        inter = np.add.reduceat(mask[flat[pos]], offsets).astype(np.float64)
        mask[own] = 0
        sa, sb = sizes[p], sizes[js]
        small, large = np.minimum(sa, sb), np.maximum(sa, sb)
        ok = (inter / (sa + sb - inter) >= threshold) | (
            (small >= 25) & (inter / small >= containment) & (large <= 2.0 * small))
        for q in js[ok].tolist():
            union(p, q)
