"""Same-intent clustering: unique opinion texts -> cluster labels, k chosen by the tool.

Method (v1):
1. Texts are put in a canonical order (sha1 of the text) so the result does not depend
   on input order.
2. Hybrid similarity = w * embedding cosine + (1 - w) * lemma TF-IDF cosine (when tokens
   are given), computed only on candidate pairs from k-nearest-neighbour lists of both
   representations (O(n^2 d / chunk) brute kNN in sklearn, O(n k) memory).
3. A kNN graph of edges above a threshold calibrated on the similarity distribution,
   clustered with Louvain (networkx, fixed seed).
4. Labels renumbered so 0 is the largest cluster (count-weighted), ties by canonical order.
"""
from __future__ import annotations

import hashlib

import numpy as np

DEFAULTS = dict(
    n_neighbors=10,
    lexical_weight=0.5,
    threshold=None,  # None: calibrated from the similarity distribution
    threshold_quantile=0.5,
    resolution=1.0,
)


def _canonical_order(texts: list[str]) -> np.ndarray:
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    return np.array(sorted(range(len(texts)), key=lambda i: (keys[i], texts[i], i)), dtype=np.int64)


def _tfidf(tokens: list[list[str]]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=lambda toks: toks, sublinear_tf=True, min_df=1, norm="l2")
    try:
        return vec.fit_transform(tokens)
    except ValueError:  # empty vocabulary
        return None


def _knn(x, k: int) -> np.ndarray:
    from sklearn.neighbors import NearestNeighbors

    nn = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute")
    nn.fit(x)
    _, idx = nn.kneighbors(x)
    return idx


def _pair_sims(emb: np.ndarray, lex, rows: np.ndarray, cols: np.ndarray, w: float) -> np.ndarray:
    s = np.einsum("ij,ij->i", emb[rows], emb[cols])
    if lex is not None:
        a = lex[rows]
        b = lex[cols]
        s_lex = np.asarray(a.multiply(b).sum(axis=1)).ravel()
        s = w * s + (1.0 - w) * s_lex
    return s


def _candidate_pairs(emb, lex, k):
    n = emb.shape[0]
    kk = min(k, n - 1)
    idx = [_knn(emb, kk)]
    if lex is not None:
        idx.append(_knn(lex, kk))
    rows, cols = [], []
    for m in idx:
        r = np.repeat(np.arange(n), m.shape[1])
        c = m.ravel()
        rows.append(r)
        cols.append(c)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    keep = r != c
    r, c = r[keep], c[keep]
    lo, hi = np.minimum(r, c), np.maximum(r, c)
    pairs = np.unique(np.stack([lo, hi], axis=1), axis=0)
    return pairs[:, 0], pairs[:, 1]


def similarity_graph(embeddings: np.ndarray, tokens: list[list[str]] | None = None, *,
                     n_neighbors: int = 10, lexical_weight: float = 0.5):
    """Candidate pairs (i < j) and their hybrid similarity."""
    emb = np.asarray(embeddings, dtype=np.float64)
    norms = np.linalg.norm(emb, axis=1, keepdims=True)
    emb = emb / np.where(norms == 0, 1.0, norms)
    lex = _tfidf(tokens) if tokens is not None and lexical_weight < 1.0 else None
    w = lexical_weight if lex is not None else 1.0
    r, c = _candidate_pairs(emb, lex, n_neighbors)
    s = _pair_sims(emb, lex, r, c, w)
    return r, c, s


def _louvain(n: int, r, c, s, resolution: float, seed: int) -> np.ndarray:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(zip(r.tolist(), c.tolist(), s.tolist()))
    comms = nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=seed)
    labels = np.empty(n, dtype=np.int64)
    for j, comm in enumerate(comms):
        labels[list(comm)] = j
    return labels


def _renumber(labels: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """0 = largest cluster by count weight, then by size, then by first member (canonical order)."""
    uniq = np.unique(labels)
    info = []
    for u in uniq:
        members = np.flatnonzero(labels == u)
        info.append((-float(counts[members].sum()), -len(members), int(members.min()), u))
    info.sort()
    mapping = {u: new for new, (*_, u) in enumerate(info)}
    return np.array([mapping[u] for u in labels], dtype=np.int64)


def group_opinions(texts: list[str], embeddings: np.ndarray, counts: np.ndarray | None = None,
                   tokens: list[list[str]] | None = None, seed: int = 0, **params) -> np.ndarray:
    """Cluster unique opinion texts into same-intent groups; returns a label per text (0..k-1).

    ``counts`` (copies per text) weight the cluster order; ``tokens`` (content-word lemmas)
    add a lexical similarity. Deterministic and independent of input order.
    """
    unknown = set(params) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"unknown grouping parameters: {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    p = {**DEFAULTS, **params}
    n = len(texts)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    embeddings = np.asarray(embeddings)
    if embeddings.shape[0] != n:
        raise ValueError(f"{n} texts but {embeddings.shape[0]} embedding rows")
    counts = np.ones(n) if counts is None else np.asarray(counts, dtype=np.float64)
    if n == 1:
        return np.zeros(1, dtype=np.int64)

    order = _canonical_order(texts)
    emb = embeddings[order]
    toks = [tokens[i] for i in order] if tokens is not None else None
    r, c, s = similarity_graph(emb, toks, n_neighbors=p["n_neighbors"], lexical_weight=p["lexical_weight"])
    tau = p["threshold"]
    if tau is None:
        tau = float(np.quantile(s, p["threshold_quantile"])) if len(s) else 1.0
    keep = s >= tau
    lab_sorted = _louvain(n, r[keep], c[keep], s[keep], p["resolution"], seed)
    lab_sorted = _renumber(lab_sorted, counts[order])
    labels = np.empty(n, dtype=np.int64)
    labels[order] = lab_sorted
    return labels


def choose_representative(indices, embeddings: np.ndarray, counts: np.ndarray | None = None) -> int:
    """The member closest to all others (count-weighted medoid by cosine); returns an index.

    Ties go to the higher count, then the lower index. O(m * dim) via the weighted centroid.
    """
    idx = np.asarray(list(indices), dtype=np.int64)
    if len(idx) == 0:
        raise ValueError("empty cluster")
    if len(idx) == 1:
        return int(idx[0])
    x = np.asarray(embeddings[idx], dtype=np.float64)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = x / np.where(norms == 0, 1.0, norms)
    w = np.ones(len(idx)) if counts is None else np.asarray(counts, dtype=np.float64)[idx]
    # sum_j w_j cos(i, j) = x_i . (sum_j w_j x_j): the weighted medoid under cosine.
    score = x @ (w[:, None] * x).sum(axis=0)
    best = sorted(range(len(idx)), key=lambda j: (-round(float(score[j]), 9), -w[j], idx[j]))[0]
    return int(idx[best])
