"""Exact and near duplicates: form letters, copies with small edits, added or dropped lines.

Exact duplicates share a normalised comparison text (see ``normalize.comparison_text``),
so they collapse with a hash in linear time. Near duplicates among the remaining unique
texts are found with MinHash LSH over character 3-gram shingles (datasketch), which only
compares texts that share LSH buckets, and every candidate pair is verified on the real
shingle sets (``_similar``: Jaccard >= ``threshold``, or the shorter letter nearly inside
the longer one; an exact bound from small shingle bitmaps rules out most failing pairs first). Verified pairs join with union-find, so a campaign of 10^5 copies with
small edits becomes one component without any all-pairs comparison.

Components chain: A~B and B~C join A and C even when A and C share little. Texts composed
from a small pool of phrases (2-4 template sentences) form one component of 33,000
unrelated opinions that way, and two campaigns sharing a long preamble can merge through
a single hybrid or preamble-only copy. So a component is only one duplicate group when it
is **coherent**; the rule, on unique texts weighted by their exact copies:

* The component's *centre* is its most copied text; ties go to the text whose MinHash
  agrees most with the component's consensus signature (per permutation the value held
  by most copies), then to the smallest text. A campaign whose copies were all edited
  independently still has a centre close to the original letter.
* A member is *near* the centre when the pair rule holds with both bounds loosened:
  Jaccard >= ``threshold - 0.25`` or containment >= ``containment - 0.1`` (the same
  length conditions as ``_similar``). Two copies of a letter that were edited
  independently differ from each other by both edits, so the pair rule is too strict
  here; texts that only share a template are far below it (median Jaccard 0.17).
* If every member is near the centre, the component is one group, however many copies.
* Otherwise it is split: members are taken as leaders in a fixed order (most copies,
  then most verified links inside the component, then smallest text); a leader's group
  is every unclaimed member reachable from it over verified pairs (all LSH candidate
  pairs inside the component that pass ``_similar``) without leaving the leader's
  near bound. Every group is thus connected by verified pairs and has no member far from
  its leader; the result depends only on the set of texts, not on their order.

``find_duplicates(..., split_chains=False)`` returns the plain components (what the
per-pair reference loop computes).
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

SHINGLE = 3
# How far a member of a group may be from the group's centre: the pair rule with its
# Jaccard bound lowered by DRIFT_JACCARD and its containment bound by DRIFT_CONTAINMENT.
DRIFT_JACCARD = 0.25
DRIFT_CONTAINMENT = 0.1
# Candidate pairs that the search skipped because both texts were already joined are kept
# (4 bytes each) so that a component found incoherent can be split on all its verified
# pairs; past this many, the split uses the pairs the search verified.
SKIPPED_PAIR_BUDGET = 30_000_000
# Bits per text of the shingle bitmaps that rule out most candidate pairs before their shingle
# sets are intersected (``_may_pass``); 256 bits stay sparse for letters of a few hundred characters.
BITMAP_BITS = 256
# Candidate pairs (with repeats across LSH bands) listed at once by the near-duplicate search:
# about 100 bytes each while a block is checked.
BLOCK_PAIRS = 1_000_000
# Candidate pairs that pass the bitmap bound, verified at once by the near-duplicate search.
VERIFY_WINDOW = 20_000


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


# A short opinion that differs from another by a swapped content word is another request
# (「公園を増やしてほしい。子どもが…」 / 「図書館を増やしてほしい。子どもが…」), however many
# shingles they share: below this length, such pairs are not copies (``_swapped_subject``).
SUBJECT_CHECK_BELOW = 120
SUBJECT_SHARE = 0.08  # of the shorter text: 公園→図書館 in a 25-character request, not 子ども→小学生 in a letter
_PARTICLES = frozenset("をのがはにへでとも")
_CONTENT_CHAR = re.compile(r"[\u3005\u4e00-\u9fff\u30a1-\u30fa\u30fc]")  # kanji (々), katakana
# The signer, not the subject: where they live (東町在住, 中央三丁目に住む), or who they are (山田様).
# A place followed by の names where the subject is (北町の集会所 / 南町の集会所: two requests).
_WHO = re.compile(r"(?:在住|在勤|在学|出身|様)$")
_WHERE = re.compile(r"(?:地区|丁目|団地|住宅|自治会|町内会|ハイツ|マンション|荘|[町市区村台丘])$")
_WORD_OR_CHAR = re.compile(r"[\u3005\u4e00-\u9fff\u30a1-\u30fa\u30fc]+|.", re.S)


def _swapped_subject(a: str, b: str, place_names_subject: bool = True) -> bool:
    """True when texts ``a`` and ``b`` (both shorter than ``SUBJECT_CHECK_BELOW``) differ by
    replacing words of two or more kanji or katakana on both sides, together at least
    ``SUBJECT_SHARE`` of the shorter text: a different subject, not an edit of one letter.
    A signer's name or town added, a word reworded in kana, a sentence added are not swaps;
    in a long form letter a swapped name is a small part and the letters stay copies.
    ``place_names_subject=False``: a place followed by の (東町の公民館 / 川口町の公民館) is no
    swap either: the same request about another town's building (same intent, for the grouping)."""
    if min(len(a), len(b)) >= SUBJECT_CHECK_BELOW:
        return False
    if a > b:  # the alignment depends on the order: one order for a pair, whichever is asked
        a, b = b, a
    # compared word by word: a run of kanji/katakana is one token (公園 / 保育園 differ whole,
    # not by 公 / 保育 around a shared 園), any other character is a token of its own
    ta, tb = _WORD_OR_CHAR.findall(a), _WORD_OR_CHAR.findall(b)
    swapped = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "replace":
            wa = [t for t in ta[i1:i2] if _CONTENT_CHAR.match(t)]
            wb = [t for t in tb[j1:j2] if _CONTENT_CHAR.match(t)]
            after = ta[i2] if i2 < len(ta) else ""
            if all(_WHO.search(t) for t in wa + wb) or ((after != "の" or not place_names_subject)
                                                        and all(_WHERE.search(t) for t in wa + wb)):
                continue  # the signer's town or name (東町在住 / 中央三丁目に住む): one campaign
            if "私" in ta[max(0, i1 - 2):i1] or "私" in tb[max(0, j1 - 2):j1]:
                continue  # 「私、山田太郎は…」: the signer names themself
            if not (i2 < len(ta) and ta[i2] in _PARTICLES and j2 < len(tb) and tb[j2] in _PARTICLES):
                continue  # a subject is followed by a particle (公園を); a signer's name at the end is not
            # characters only one side has: a dropped particle (分別の徹底 / 分別徹底) or a typo
            # inside a word (不法投棄 / 不せ投棄) leaves none or one
            ca, cb = Counter("".join(wa)), Counter("".join(wb))
            only_a, only_b = sum((ca - cb).values()), sum((cb - ca).values())
            if only_a >= 1 and only_b >= 1 and only_a + only_b >= 3:
                swapped += only_a + only_b
    return swapped >= max(3, SUBJECT_SHARE * min(len(a), len(b)))


def _not_swapped(texts: list[str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For pairs of text indices: False where ``_swapped_subject`` holds."""
    keep = np.ones(len(a), dtype=bool)
    for k, (i, j) in enumerate(zip(a.tolist(), b.tolist())):
        if _swapped_subject(texts[i], texts[j]):
            keep[k] = False
    return keep


def _near(a: set[str], b: set[str], threshold: float, containment: float) -> bool:
    """Within a group's bound of its centre: ``_similar`` with both bounds loosened."""
    return _similar(a, b, threshold - DRIFT_JACCARD, containment - DRIFT_CONTAINMENT)


def _rule(inter, sa, sb, threshold: float, containment: float):
    """``_similar`` on arrays: intersections and set sizes (floats) of many pairs at once."""
    small, large = np.minimum(sa, sb), np.maximum(sa, sb)
    return (inter / (sa + sb - inter) >= threshold) | (
        (small >= 25) & (inter / small >= containment) & (large <= 2.0 * small))


def _shingle_bitmaps(flat: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """A bitmap of BITMAP_BITS bits per text, the bit of each of its shingles set: word w of
    text p is ``bitmaps[w, p]`` (one contiguous row per word, for fast gathers)."""
    m = len(indptr) - 1
    bits = np.zeros((m, BITMAP_BITS), dtype=bool)
    bit_of_shingle = (flat * 2654435761 >> 16) % BITMAP_BITS  # spreads consecutive shingle ids
    bits[np.repeat(np.arange(m), np.diff(indptr)), bit_of_shingle] = True
    return np.ascontiguousarray(np.ascontiguousarray(np.packbits(bits, axis=1)).view(np.uint64).T)


_BITS_IN_BYTE = np.array([b.bit_count() for b in range(256)], dtype=np.int64)


def _popcount(words: np.ndarray) -> np.ndarray:
    """Set bits of each uint64."""
    if hasattr(np, "bitwise_count"):  # numpy >= 2.0
        return np.bitwise_count(words)
    return _BITS_IN_BYTE[words.view(np.uint8)].reshape(-1, 8).sum(axis=1)


def _may_pass(bitmaps: np.ndarray, sizes: np.ndarray, a, b: np.ndarray, threshold: float,
              containment: float) -> np.ndarray:
    """False for pairs (a, b) that cannot pass ``_rule``, judged from the shingle bitmaps alone.

    A bit set in one text's bitmap and not in the other's stands for at least one shingle of
    that text outside the intersection, so ``size - such bits`` bounds the intersection from
    above. ``_rule`` only grows with the intersection (also in floating point), so a pair that
    fails on the bound fails on the real count: an exact pre-filter. Most LSH candidates of
    texts composed from shared phrases fail here.
    """
    only_a = np.zeros(len(b), dtype=np.int64)
    only_b = np.zeros(len(b), dtype=np.int64)
    for word in bitmaps:  # one row per 64 bits: contiguous gathers
        in_a, in_b = word[a], word[b]
        only_a += _popcount(in_a & ~in_b)
        only_b += _popcount(in_b & ~in_a)
    bound = np.minimum(sizes[a] - only_a, sizes[b] - only_b)
    return _rule(bound, sizes[a], sizes[b], threshold, containment)


def _verify_pairs(entries: list, matrix, bitmaps: np.ndarray, sizes: np.ndarray, threshold: float,
                  containment: float):
    """For each (p, js) in ``entries``, in order: (p, the js that pass ``_rule`` with p), when
    any do. Shingles are intersected only for the pairs ``_may_pass`` keeps."""
    start = 0
    while start < len(entries):
        # chunks of about BLOCK_PAIRS pairs: bounded memory
        end, n_pairs = start, 0
        while end < len(entries) and (end == start or n_pairs + len(entries[end][1]) <= BLOCK_PAIRS):
            n_pairs += len(entries[end][1])
            end += 1
        chunk = entries[start:end]
        lengths = [len(js) for _, js in chunk]
        a = np.repeat(np.array([p for p, _ in chunk], dtype=np.int64), lengths)
        b = np.concatenate([js for _, js in chunk]).astype(np.int64)
        ok = _may_pass(bitmaps, sizes, a, b, threshold, containment)
        idx = np.flatnonzero(ok)
        ok[idx] = _rule(_intersections(matrix, a[idx], b[idx]), sizes[a[idx]], sizes[b[idx]], threshold, containment)
        offsets = np.r_[0, np.cumsum(lengths)]
        for k in np.unique(np.repeat(np.arange(len(chunk)), lengths)[ok]).tolist():
            p, js = chunk[k]
            yield p, js[ok[offsets[k]:offsets[k + 1]]]
        start = end


def _candidate_pairs(bands: list, m: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (p, j) with lo <= p < hi and j > p that share a bucket in some band, once, sorted
    by p then j. ``bands``: per band, the texts sorted by bucket (ascending inside a bucket),
    each text's place in that order and how many texts follow it in its bucket."""
    codes = []
    for order, place, later in bands:
        count = later[lo:hi]
        total = int(count.sum())
        if not total:
            continue
        run_start = np.cumsum(count) - count  # where each text's run of later texts begins
        at = np.arange(total, dtype=np.int64) + np.repeat(place[lo:hi] + 1 - run_start, count)
        codes.append(np.repeat(np.arange(hi - lo, dtype=np.int64), count) * m + order[at])
    if not codes:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    codes = np.sort(np.concatenate(codes), kind="stable")  # merges the sorted runs of the bands
    codes = codes[np.r_[True, codes[1:] != codes[:-1]]]
    return codes // m + lo, codes % m


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
                    num_perm: int = 64, near: bool = True, progress=None,
                    split_chains: bool = True, subject_check: bool = True) -> DuplicateGroups:
    """Group ``keys`` (normalised comparison texts) into exact and near duplicate groups.

    ``threshold`` is the Jaccard similarity of character 3-gram sets at which two texts are
    the same letter; short texts (< 20 characters) must match exactly, since a one-word
    change there changes the meaning (「増やして」 / 「減らして」). Components of verified
    pairs that are not coherent around a centre are split (see the module docstring);
    ``split_chains=False`` keeps the plain components. ``subject_check``: short texts that
    differ by a swapped content word are not copies (``_swapped_subject``).
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
    search = None
    centre = np.zeros(len(uniques), dtype=bool)  # centres and leaders: representatives on ties
    if near and len(uniques) > 1:
        search = _link_near_duplicates(uniques, uf, threshold, containment, num_perm, progress,
                                       keep=split_chains, subject_check=subject_check)
    root = np.array([uf.find(s) for s in range(len(uniques))], dtype=np.int64)
    # 3. components that are not coherent around a centre are split
    if search is not None:
        copies = np.bincount(slot, minlength=len(uniques))
        leader, centres = _split_chains(search, copies[search.candidates], threshold, containment)
        moved = np.flatnonzero(leader >= 0)
        root[search.candidates[moved]] = search.candidates[leader[moved]]
        centre[search.candidates[centres]] = True
        centre[search.candidates[np.unique(leader[moved])]] = True
    text_root = root[slot]
    # 4. number groups by size (desc), then by first appearance: stable for the same input
    counts = Counter(text_root.tolist())
    first_seen: dict[int, int] = {}
    for i, r in enumerate(text_root.tolist()):
        first_seen.setdefault(r, i)
    order = sorted(counts, key=lambda r: (-counts[r], first_seen[r]))
    number = {r: g for g, r in enumerate(order)}
    group_of = np.array([number[r] for r in text_root.tolist()], dtype=np.int64)
    sizes = np.array([counts[r] for r in order], dtype=np.int64)
    representative = _representatives(keys, group_of, len(order), centre[slot])
    return DuplicateGroups(group_of, sizes, representative)


def detach(dups: DuplicateGroups, keys: list[str], positions, threshold: float = 0.7,
           containment: float = 0.9, batch_of: Mapping[int, int] | None = None) -> DuplicateGroups:
    """``dups`` with the texts at ``positions`` taken out of their groups (a staff decision:
    "this opinion is not a copy of its group").

    The texts taken out of one group that are copies of each other, exact or near (the
    detector's own rule, ``find_duplicates`` with ``threshold`` and ``containment``, run on
    them alone), form a group of their own: staff who take a second campaign's letters out of
    the first keep their count. ``batch_of`` (position -> the decision that took it out; the
    pipeline gives exact copies of a text the same one) keeps texts taken out by different
    decisions apart: each decision says its texts are not copies of the others. Each other one is alone. The groups are numbered again by
    size, then by first appearance (as ``find_duplicates`` numbers them), and every group that
    keeps its representative keeps it, so the groups nobody touched stand for the same text.
    """
    taken = sorted({int(p) for p in positions})
    if not taken:
        return dups
    old = dups.group_of
    # one key per new group: untouched members keep their group, the detached ones are
    # grouped by (their old group, their group among the texts taken out of it)
    leaving: dict[tuple[int, int], list[int]] = {}
    for p in taken:
        leaving.setdefault((int(old[p]), batch_of.get(p, 0) if batch_of else 0), []).append(p)
    key_of: list[tuple] = [(int(g),) for g in old.tolist()]
    for g, batch in leaving:
        members = leaving[g, batch]
        among = find_duplicates([keys[p] for p in members], threshold=threshold, containment=containment)
        for p, sub in zip(members, among.group_of.tolist()):
            key_of[p] = (g, batch, int(sub))
    group_of, sizes, order = _numbered_by_size(key_of)
    fresh = _representatives(keys, group_of, len(order))
    representative = np.empty(len(order), dtype=np.int64)
    for g, k in enumerate(order):
        kept = int(dups.representative[k[0]])
        representative[g] = kept if len(k) == 1 and key_of[kept] == k else fresh[g]
    return DuplicateGroups(group_of, sizes, representative)


def _numbered_by_size(key_of: Sequence) -> tuple[np.ndarray, np.ndarray, list]:
    """Groups given by one key per text, numbered by size, then by first appearance (as
    ``find_duplicates`` numbers them): (group of each text, sizes, the keys in group order)."""
    counts = Counter(key_of)
    first_seen: dict = {}
    for i, k in enumerate(key_of):
        first_seen.setdefault(k, i)
    order = sorted(counts, key=lambda k: (-counts[k], first_seen[k]))
    number = {k: g for g, k in enumerate(order)}
    group_of = np.array([number[k] for k in key_of], dtype=np.int64)
    sizes = np.array([counts[k] for k in order], dtype=np.int64)
    return group_of, sizes, order


def groups_without(dups: DuplicateGroups, keep: Sequence[int], keys: Sequence[str]) -> DuplicateGroups:
    """``dups`` on the texts at positions ``keep`` (ascending) alone: the groups numbered again by
    size, then by first appearance; a group whose representative stays keeps it, else the most
    common text left stands for it."""
    group_of, sizes, order = _numbered_by_size(dups.group_of[list(keep)].tolist())
    position = {int(j): n for n, j in enumerate(keep)}
    fresh = _representatives([keys[j] for j in keep], group_of, len(order))
    representative = np.array([position.get(int(dups.representative[g]), int(fresh[k])) for k, g in enumerate(order)],
                              dtype=np.int64)
    return DuplicateGroups(group_of, sizes, representative)


def _representatives(keys: list[str], group_of: np.ndarray, n_groups: int,
                     centre: np.ndarray | None = None) -> np.ndarray:
    """The most common exact text of each group; on a tie the group's centre (or leader, which
    always has the most copies), else the first seen."""
    tallies: list[Counter] = [Counter() for _ in range(n_groups)]
    first: list[dict[str, int]] = [{} for _ in range(n_groups)]
    preferred: list[str | None] = [None] * n_groups
    for i, (key, g) in enumerate(zip(keys, group_of.tolist())):
        tallies[g][key] += 1
        first[g].setdefault(key, i)
        if centre is not None and centre[i]:
            preferred[g] = key
    rep = np.empty(n_groups, dtype=np.int64)
    for g in range(n_groups):
        best = min(tallies[g], key=lambda k: (-tallies[g][k], k != preferred[g], first[g][k]))
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


@dataclass
class _Search:
    """What the near-duplicate search leaves for the coherence check (candidate texts only)."""

    candidates: np.ndarray  # unique-text index of candidate p (p = rank of the text in sorted order)
    flat: np.ndarray  # shingle ids of p: flat[indptr[p]:indptr[p + 1]]
    indptr: np.ndarray
    n_shingles: int  # size of the shingle vocabulary
    bitmaps: np.ndarray  # shingle bitmap of each p (``_shingle_bitmaps``)
    signatures: np.ndarray  # MinHash values (uint32), one row per p
    component: np.ndarray  # component (a member's p) of each p
    linked: list  # (p, later candidates of p that passed _similar)
    skipped: list  # (p, later candidates of p not verified: already in p's component)
    complete: bool  # every skipped pair was kept
    texts: list | None  # text of each p (None: no subject check)


def _rows(flat: np.ndarray, indptr: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shingle ids of the texts ``idx`` one after another, and where each text starts."""
    lens = indptr[idx + 1] - indptr[idx]
    offsets = np.zeros(len(idx), dtype=np.int64)
    np.cumsum(lens[:-1], out=offsets[1:])
    pos = np.arange(int(lens.sum()), dtype=np.int64) + np.repeat(indptr[idx] - offsets, lens)
    return flat[pos], offsets


def _shingle_matrix(flat: np.ndarray, indptr: np.ndarray, n_shingles: int):
    """Texts x shingles, 1 where the text holds the shingle (sparse)."""
    from scipy.sparse import csr_matrix

    return csr_matrix((np.ones(len(flat), dtype=np.int32), flat, indptr), shape=(len(indptr) - 1, n_shingles))


def _intersections(matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """|shingles(a) & shingles(b)| of the pairs (a, b), as floats."""
    if not len(a):
        return np.zeros(0, dtype=np.float64)
    return np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1), dtype=np.float64).ravel()


def _link_near_duplicates(uniques: list[str], uf: _UnionFind, threshold: float,
                          containment: float, num_perm: int, progress, keep: bool = False,
                          subject_check: bool = True):
    """Union every LSH candidate pair that passes ``_similar``: the groups of a per-pair loop
    over ``datasketch.MinHashLSH.query``, computed with arrays.

    The buckets are those of ``MinHashLSH`` (same bands and rows; a bucket is an exact band of
    MinHash values). Texts are taken in order; each one's later candidates not yet in its group
    are verified with the Jaccard / containment rule of ``_similar``. What does not depend on
    the groups found so far is computed for blocks of texts at once: the candidate pairs and
    an exact bound that rules out most of them (``_may_pass``); the shingle intersections of
    the remaining pairs are computed for windows of them at once. Groups are connected components,
    so the order in which pairs are verified does not change them. With ``keep`` the pairs
    that passed and the candidate pairs skipped (already in one group) are returned with
    the signatures, for ``_split_chains``.
    """
    from datasketch import MinHashLSH

    # Texts in sorted order: the pairs verified (and kept) depend only on the set of texts.
    candidates = sorted((i for i, t in enumerate(uniques) if len(t) >= 20), key=uniques.__getitem__)
    m = len(candidates)
    if m < 2:
        return None
    texts = [uniques[i] for i in candidates]  # text of candidate p
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
    n_shingles = len(vocab)
    # Fixed seed: the same input always gives the same signatures and groups.
    hv = _minhash_signatures(list(vocab), flat, indptr, num_perm)
    del vocab
    # Query below the verification threshold: containment pairs have lower Jaccard.
    lsh = MinHashLSH(threshold=min(threshold, 0.5), num_perm=num_perm)  # only for its bands
    bands = []  # per band: texts sorted by bucket, each text's place there, later texts in its bucket
    for start, end in lsh.hashranges:
        band = np.ascontiguousarray(hv[:, start:end])
        keys = band.view(np.dtype((np.void, band.dtype.itemsize * band.shape[1]))).ravel()
        _, bucket = np.unique(keys, return_inverse=True)
        bucket = bucket.ravel()
        order = np.argsort(bucket, kind="stable")  # ascending text inside each bucket
        starts = np.searchsorted(bucket[order], np.arange(int(bucket.max()) + 2))
        place = np.empty(m, dtype=np.int64)
        place[order] = np.arange(m)
        bands.append((order, place, starts[bucket + 1] - place - 1))
    listed = np.cumsum(sum(later for _, _, later in bands))  # candidates listed up to each text
    signatures = hv.astype(np.uint32) if keep else None  # datasketch values are < 2**32
    del hv
    label = np.arange(m)  # current group of each candidate (a member's id)
    members: dict[int, list[int]] = {}  # a label missing here is a group of one (itself)
    linked: list = []
    skipped: list = []
    budget = SKIPPED_PAIR_BUDGET if keep else 0

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

    bitmaps = _shingle_bitmaps(flat, indptr)
    matrix = _shingle_matrix(flat, indptr, n_shingles)
    block_end = 0
    iterator = range(m)
    if progress is not None:
        iterator = progress(iterator, total=m, desc="near duplicates")
    for p in iterator:
        if p == block_end:
            # The candidates of the next texts and the bitmap bound of each pair, at once: neither
            # depends on the groups found so far. Blocks are cut by pairs listed (bounded memory).
            block_start = p
            listed_before = int(listed[p - 1]) if p else 0
            block_end = max(p + 1, int(np.searchsorted(listed, listed_before + BLOCK_PAIRS, side="right")))
            pair_p, pair_j = _candidate_pairs(bands, m, block_start, block_end)
            hopeful = np.flatnonzero(_may_pass(bitmaps, sizes, pair_p, pair_j, threshold, containment))
            pair_start = np.searchsorted(pair_p, np.arange(block_start, block_end + 1))
            passes = np.zeros(len(pair_p), dtype=bool)
            window_end = p
        if p == window_end:
            # The next VERIFY_WINDOW hopeful pairs (at least all of p's) that are not in one group
            # yet are verified at once. Groups only merge, so every pair verified below is among
            # them; a window ends early enough that few of them join a group before their turn.
            first = int(np.searchsorted(hopeful, pair_start[p - block_start]))
            last = first + VERIFY_WINDOW
            if last < len(hopeful):
                window_end = max(p + 1, int(pair_p[hopeful[last]]))
                last = int(np.searchsorted(hopeful, pair_start[window_end - block_start]))
            else:
                window_end = block_end
            idx = hopeful[first:last]
            idx = idx[label[pair_p[idx]] != label[pair_j[idx]]]
            qa, qb = pair_p[idx], pair_j[idx]
            passes[idx] = _rule(_intersections(matrix, qa, qb), sizes[qa], sizes[qb], threshold, containment)
            if subject_check:
                ok_idx = idx[passes[idx]]
                passes[ok_idx] = _not_swapped(texts, pair_p[ok_idx], pair_j[ok_idx])
        a, b = pair_start[p - block_start], pair_start[p - block_start + 1]
        if a == b:
            continue
        js, ok = pair_j[a:b], passes[a:b]
        # Pairs already in one group are not verified (kept for _split_chains); a group of one
        # (no entry in members) has no later member.
        if int(label[p]) in members:
            same = label[js] == label[p]
            if same.any():
                if keep:
                    if budget >= int(same.sum()):
                        skipped.append((p, js[same].astype(np.int32)))
                        budget -= len(skipped[-1][1])
                    else:
                        budget = -1
                js, ok = js[~same], ok[~same]
        if not ok.any():
            continue
        if keep:
            linked.append((p, js[ok]))
        for q in js[ok].tolist():
            union(p, q)
    if not keep:
        return None
    return _Search(np.asarray(candidates, dtype=np.int64), flat, indptr, n_shingles, bitmaps, signatures,
                   label, linked, skipped, budget >= 0, texts if subject_check else None)


def _consensus_agreement(signatures: np.ndarray, comp: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """For each text: on how many permutations its MinHash equals its component's consensus,
    the value held by most copies of the component (ties: the smallest value)."""
    agree = np.zeros(len(comp), dtype=np.int64)
    n_comp = int(comp.max()) + 1 if len(comp) else 0
    for k in range(signatures.shape[1]):
        vals = signatures[:, k]
        o = np.lexsort((vals, comp))
        c, v = comp[o], vals[o]
        start = np.flatnonzero(np.r_[True, (c[1:] != c[:-1]) | (v[1:] != v[:-1])])
        run_w, run_c, run_v = np.add.reduceat(weight[o], start), c[start], v[start]
        best = np.lexsort((run_v, -run_w, run_c))
        first = best[np.r_[True, run_c[best][1:] != run_c[best][:-1]]]
        mode = np.zeros(n_comp, dtype=vals.dtype)
        mode[run_c[first]] = run_v[first]
        agree += vals == mode[comp]
    return agree


def _split_chains(search: _Search, copies: np.ndarray, threshold: float,
                  containment: float) -> tuple[np.ndarray, np.ndarray]:
    """The leader (a candidate p) of each candidate in a split component (-1 elsewhere), and
    the centres of the components kept whole.

    Coherence check on every component of three or more texts (two linked texts are
    always near each other): centre and near bound as in the module docstring, computed
    for all components at once. Only incoherent components are split, on their verified
    pairs: the pairs the search kept, and the skipped candidate pairs verified here.
    """
    m = len(search.candidates)
    leader = np.full(m, -1, dtype=np.int64)
    none = np.zeros(0, dtype=np.int64)
    flat, indptr, comp_of = search.flat, search.indptr, search.component
    sizes = np.diff(indptr).astype(np.float64)
    members = np.bincount(comp_of, minlength=m)
    P = np.flatnonzero(members[comp_of] >= 3)
    if not len(P):
        return leader, none
    _, comp = np.unique(comp_of[P], return_inverse=True)
    comp = comp.ravel()
    weight = copies[P].astype(np.float64)
    agree = _consensus_agreement(search.signatures[P], comp, weight)
    # centre: most copies, then most agreement with the consensus, then smallest text (p)
    o = np.lexsort((P, -agree, -weight, comp))
    centre = P[o[np.r_[True, comp[o][1:] != comp[o][:-1]]]]  # one per component, in order
    # |shingles(member) & shingles(centre)| for every member at once: codes component * V + shingle
    V = np.int64(search.n_shingles)
    c_rows, _ = _rows(flat, indptr, centre)
    c_codes = np.sort(np.repeat(np.arange(len(centre), dtype=np.int64), sizes[centre].astype(np.int64)) * V
                      + c_rows)
    m_rows, m_off = _rows(flat, indptr, P)
    m_codes = np.repeat(comp.astype(np.int64), sizes[P].astype(np.int64)) * V + m_rows
    pos = np.minimum(np.searchsorted(c_codes, m_codes), len(c_codes) - 1)
    inter = np.add.reduceat((c_codes[pos] == m_codes).astype(np.int64), m_off).astype(np.float64)
    near = _rule(inter, sizes[P], sizes[centre[comp]], threshold - DRIFT_JACCARD,
                 containment - DRIFT_CONTAINMENT)
    bad = np.zeros(len(centre), dtype=bool)
    bad[comp[~near]] = True
    if not bad.any():
        return leader, centre
    split = np.zeros(m, dtype=bool)
    split[P[bad[comp]]] = True
    # verified pairs inside the split components
    pa, pb = [], []
    for p, qs in search.linked:
        if split[p]:
            pa.append(np.full(len(qs), p, dtype=np.int64))
            pb.append(qs.astype(np.int64))
    for p, qs in _verify_pairs([(p, qs) for p, qs in search.skipped if split[p]],
                               _shingle_matrix(flat, indptr, search.n_shingles), search.bitmaps, sizes,
                               threshold, containment):
        if search.texts is not None:
            qs = qs[_not_swapped(search.texts, np.full(len(qs), p, dtype=np.int64), qs.astype(np.int64))]
        pa.append(np.full(len(qs), p, dtype=np.int64))
        pb.append(qs.astype(np.int64))
    a = np.concatenate(pa) if pa else np.zeros(0, dtype=np.int64)
    b = np.concatenate(pb) if pb else np.zeros(0, dtype=np.int64)
    src, dst = np.concatenate([a, b]), np.concatenate([b, a])
    o = np.argsort(src, kind="stable")
    src, dst = src[o], dst[o]
    adj_start = np.searchsorted(src, np.arange(m + 1))
    degree = np.diff(adj_start)
    # Leaders, component by component: most copies, then most verified pairs, then smallest
    # text. A leader claims the unclaimed members it reaches over verified pairs without
    # leaving its near bound, while such a claim holds at least half of the component's
    # unclaimed copies (a dominant letter: one of two campaigns joined by a hybrid copy);
    # after the first leader that falls short, leaders claim only what they reach inside
    # the pair rule (texts composed from shared phrases are near-duplicates pairwise only).
    S = np.flatnonzero(split)
    w_all = copies.astype(np.float64)
    order = S[np.lexsort((S, -degree[S], -w_all[S], comp_of[S]))]
    unclaimed = np.bincount(comp_of[S], weights=w_all[S], minlength=m)
    dominant = np.ones(m, dtype=bool)
    loose = (threshold - DRIFT_JACCARD, containment - DRIFT_CONTAINMENT)
    sets: dict[int, set] = {}

    def shingle_set(p: int) -> set:
        s = sets.get(p)
        if s is None:
            s = sets[p] = set(flat[indptr[p]:indptr[p + 1]].tolist())
        return s

    def reach(lead: int, bound: tuple[float, float]) -> list[int]:
        own, t, c = shingle_set(lead), bound[0], bound[1]
        seen, stack, out = {lead}, [lead], [lead]
        while stack:
            u = stack.pop()
            for v in dst[adj_start[u]:adj_start[u + 1]].tolist():
                if v in seen or leader[v] >= 0:
                    continue
                seen.add(v)
                other = shingle_set(v)
                inter_v = len(own & other)
                small, large = sorted((len(own), len(other)))
                if (inter_v / (len(own) + len(other) - inter_v) >= t
                        or (small >= 25 and inter_v / small >= c and large <= 2.0 * small)):
                    out.append(v)
                    stack.append(v)
        return out

    for lead in order.tolist():
        if leader[lead] >= 0:
            continue
        k = int(comp_of[lead])
        group = None
        if dominant[k]:
            group = reach(lead, loose)
            if w_all[group].sum() < 0.5 * unclaimed[k]:
                dominant[k] = False
                group = None
        if group is None:
            group = reach(lead, (threshold, containment))
        leader[group] = lead
        unclaimed[k] -= w_all[group].sum()
    return leader, centre[~bad]


# Groups of at least this many copies are named in the run's output as campaigns (組織的な意見).
CAMPAIGN_MIN_COPIES = 5


def campaign_lines(sizes, cluster_of_group, opinion_of_group, run_dir: str,
                   min_copies: int = CAMPAIGN_MIN_COPIES, limit: int = 8, notes: int = 5,
                   apart_from: int = 0, staff_rows: Collection[str] = ()) -> list[str]:
    """Lines for the run's output about the form-letter campaigns: the groups of ``min_copies``
    or more copies, largest first, each with the cluster it went to, then each cluster that holds
    two or more of them (two wordings of one campaign, or two campaigns joined: QA saw a
    30-copy letter published under another campaign's wording, with nothing in the output to say
    so). ``cluster_of_group`` and ``opinion_of_group``: a cluster id and one opinion id per group."""
    big = [g for g in range(len(sizes)) if int(sizes[g]) >= min_copies]
    if not big:
        return []
    big.sort(key=lambda g: (-int(sizes[g]), g))
    shown = ", ".join(f"{int(sizes[g])}{' copies' if k == 0 else ''} → {cluster_of_group[g]}"
                      for k, g in enumerate(big[:limit]))
    more = f" and {len(big) - limit} more" if len(big) > limit else ""
    lines = [f"campaigns (groups of {min_copies} or more copies): {shown}{more}"]
    # the grouping never joins two of these (grouping's campaigns_apart): two wordings of one
    # campaign are two rows, which staff join
    large = [cluster_of_group[g] for g in big if apart_from and int(sizes[g]) >= apart_from]
    if len(set(large)) > 1:
        rows = list(dict.fromkeys(large))
        lines.append(f"note: form letters sent {apart_from} times or more are never grouped together, only by staff "
                     f"(rows {', '.join(rows[:8])}{' …' if len(rows) > 8 else ''}); two that ask the same are joined "
                     f"with `cluster review merge {run_dir} ROW ROW` (their ids)")
    by_cluster: dict[str, list[int]] = {}
    for g in big:
        by_cluster.setdefault(cluster_of_group[g], []).append(g)
    # the rows holding two, the one whose second campaign is largest first: two big campaigns in one
    # row is what hides a demand; a few notes in full, the rest on one line (QA: 118 notes at 20,000
    # letters buried the one that mattered)
    several = sorted(((cid, groups) for cid, groups in by_cluster.items() if len(groups) > 1 and cid not in staff_rows),
                     key=lambda cg: (-int(sizes[cg[1][1]]), cg[0]))
    for cid, groups in several[:notes]:
        copies = " + ".join(str(int(sizes[g])) for g in groups[:6]) + (" + …" if len(groups) > 6 else "")
        named = ", ".join(opinion_of_group[g] for g in groups[:4]) + (" …" if len(groups) > 4 else "")
        lines.append(f"note: {cid} holds {len(groups)} campaigns of different wording ({copies} copies: {named}); "
                     f"check that they ask the same (`cluster review split {run_dir} {opinion_of_group[groups[1]]}` "
                     "gives one its own row, its copies with it)")
    if len(several) > notes:
        rest = [cid for cid, _ in several[notes:]]
        lines.append(f"note: {len(rest)} more rows hold campaigns of different wording, with smaller second "
                     f"campaigns: {', '.join(rest[:12])}{' …' if len(rest) > 12 else ''} "
                     "(clusters.csv: campaign_copies; `cluster review show` lists a row's texts)")
    return lines
