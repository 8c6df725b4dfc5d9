"""Same-intent clustering: unique opinion texts -> cluster labels, k chosen by the tool.

Method
------
1. **Canonical order.** Texts are processed in the order of a content hash (sha1), so the
   result does not depend on the input order; labels are mapped back at the end.
2. **Stance-only opinions.** An opinion that only states a stance (「反対」「断固反対です」
   「撤回してほしい」, or 「賛成」) with no reason forms its own cluster per polarity, as the
   published tables do (「反対（理由の記載なし）」). Detected on content lemmas (needs
   ``tokens``): a stance word, no opposite stance word, and at most one remaining lemma once
   stance words, auxiliary verbs and the corpus's most frequent lemmas (the draft's own
   subject, e.g. 除去土壌・再生利用) are set aside. With the texts, two more shapes count
   as naming only the object of the stance, not a reason: one clause of nouns and the stance
   word (「汚染土県外使用禁止」「#全国配送反対」), and the draft's title followed by the
   stance (「…を改正する政令案等に反対です。」). Neither may hold a reason marker
   (ため・ので・から・理由…), a comma or a quotation. Words that are also plain requests
   (見直す・禁止・推進 …) make a stance only about the draft's own subject (``stance.stance_only``).
3. **Hybrid similarity**, each part standardised against random pairs of the same corpus
   (robust z-score, median and MAD: 0 = a typical unrelated pair, so no part dominates and the threshold does not
   depend on the encoder's cosine scale; the lemma view's spread, and from 20 texts on the char
   view's, is never taken below its mean absolute deviation, since the MAD of mostly-identical
   random pairs collapses in a small consultation):
   - embedding cosine after removing the corpus mean and its first principal direction
     (static word-vector means share a large common component); below 200 texts the
     direction is taken together with opinions on other drafts (``Background``): from a
     handful of vectors it would leave them nearly on a line;
   - content-lemma TF-IDF cosine (when ``tokens`` are given), each lemma's IDF also scaled by
     its burstiness (mean count in the opinions that use it): a word an opinion repeats names
     its subject;
   - character 1-3gram TF-IDF cosine (catches shared compounds the tokenizer splits); at half
     weight when a lemma view exists and more than 200 texts are grouped together, where it
     mostly repeats the lemma view (on the scale path each k-means block of about 3,000 texts
     and the join across blocks decide for themselves, so in practice always half there);
   - with ``word_encoder`` (e.g. the encoder's ``encode``) and ``tokens``: SIF sentence
     vectors, the caller's word vectors of the content lemmas weighted a/(a+p(w)) with p(w)
     counted on this consultation, common component removed as above. Measured on the MoE
     set, this view separates same-group pairs better (AUC 0.81 vs 0.75) than the default
     model's sentence vectors, which weigh function words like content words.
   The weighted sum is standardised again on the same random pairs (views correlate).
4. **Average-link agglomerative clustering on a sparse kNN graph.** Candidate pairs are
   the k nearest neighbours under each representation; pairs outside the graph count as
   similarity 0 (= a typical unrelated pair). Clusters are merged while their average
   similarity is at least ``threshold`` standard deviations above a random pair
   (default 3.0 robust SDs: a rule stated on the similarity distribution, not on a cluster count).
   An opinion that says 賛成 and one that says 反対 (``stance.explicit_polarity``: negations
   read) never end in one cluster, however alike their words: in a small consultation the object
   they share outweighs the stance, and a published table never answers both in one row. Nor
   do a request and a rejection (``stance.request_polarity``: 「…を設置してください」 /
   「…は不要です」「…には反対です」), nor a question and a request or stance
   (``stance.question_polarity``: 「…は無料ですか」 / 「…を無料にしてください」; QA50).
   Likewise two short texts that would be copies but for a swapped subject
   (「公園を増やしてほしい。子どもの遊び場が…」 / 「図書館を増やしてほしい。…」, the duplicate
   rule's ``dedup._swapped_subject``) never end in one cluster: the duplicate step has just
   called them two requests, and their shared words would otherwise outweigh the one that differs.
5. Labels are renumbered so 0 is the largest cluster (by copies, then unique texts, then
   the first member in canonical order).

Complexity: brute-force kNN is O(n^2 d) time in chunks with O(n k) memory (sklearn); the
linkage is O(E log E) with E <= 3 n k edges (small-to-large merging of neighbour maps). For
20k unique texts this is seconds to a minute on two cores, and memory stays O(n k + n d).
"""
from __future__ import annotations

import functools
import hashlib
import heapq
from collections import Counter
from typing import Sequence

import numpy as np

from .stance import direction_vector, explicit_polarity, question_polarity, request_polarity, stance_only
from .tokenize import ENGLISH_STOPWORDS, script_of

DEFAULTS = dict(
    threshold=3.0,  # merge while average robust z-similarity >= threshold
    n_neighbors=15,  # kNN lists per representation
    # embedding, SIF-weighted lemma vectors (needs word_encoder), lemma TF-IDF, char TF-IDF;
    # char None = only when there is no lemma view
    weights=(1.0, 1.0, 1.0, 1.0),
    # Above this many texts the char view counts half: it repeats much of the lemma view (both
    # count shared words), and on two real groupings (MoE, LocalgovFAQ questions) full weight
    # scored lower. Smaller corpora keep it whole: their random-pair statistics are noisy and
    # the char view steadies them (a 10-opinion paraphrase group split without it). 200 texts
    # is where the random-pair sample stops being every pair of the corpus.
    char_half_above=200,
    # From this many texts on, the char view's spread too is never taken below its mean absolute
    # deviation (the lemma view's always is; see _Views). Below it, a consultation's few copies
    # and paraphrases are a large share of its pairs and inflate that deviation: ten texts in
    # paraphrase groups of two or three split.
    char_floor_from=20,
    burstiness=True,  # lemma TF-IDF weights also scaled by each lemma's burstiness (see _tfidf)
    remove_components=1,  # principal directions removed from the centred embeddings
    stance=True,  # stance-only opinions get their own clusters
    opposite_apart=True,  # an explicit 賛成 and an explicit 反対 never share a cluster
    request_apart=True,  # a request and a rejection (「…を設置して」/「…は不要」) never share a cluster
    direction_apart=True,  # one action asked both ways (「値上げに反対」/「もっと上げるべき」) neither
    question_apart=True,  # a question (「…は無料ですか」) and a request or stance (「…を無料にして」) neither
    subject_apart=True,  # two short near-copies that swap their subject never share a cluster
    # Two form letters each sent this many times or more (``counts``) never share a cluster: the row
    # would publish one letter's text and count both (QA: 1,500 ride-share letters hidden under a
    # railway campaign's row). Two wordings of one campaign then get two rows, which staff merge
    # with one command. Organised campaigns run to hundreds of copies; a short request repeated by a
    # few dozen people still joins its paraphrases. 0 turns it off.
    campaigns_apart=100,
    n_random_pairs=20000,  # pairs sampled to standardise each similarity
    word_encoder=None,  # callable: list of lemmas -> (n, d) word vectors (e.g. encoder.encode)
    sif_a=1e-3,  # SIF weight a / (a + p(w)), p(w) = lemma frequency in this consultation
    background=None,  # a ``Background``: unrelated opinions that steady a small consultation's statistics
    background_below=200,  # ... used below this many texts (above, the random pairs are a sample)
)

# The duplicate rule's defaults (``dedup.find_duplicates``): a pair this alike that swaps its
# subject is two requests (``_subject_swaps``).
NEAR_COPY_JACCARD = 0.7
NEAR_COPY_CONTAINMENT = 0.9

def _canonical_order(texts: list[str]) -> np.ndarray:
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    return np.array(sorted(range(len(texts)), key=lambda i: (keys[i], texts[i], i)), dtype=np.int64)


# ---------------------------------------------------------------------------------------
# similarity


def _normalise_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1.0, norms)


def _prepare_embeddings(embeddings: np.ndarray, remove_components: int,
                        reference: np.ndarray | None = None) -> np.ndarray:
    """Rows minus their mean and their top principal directions, L2-normalised.

    ``reference``: background rows (``Background``), centred on the rows' mean too; the
    principal directions then come from the rows and the background together. Only the rows
    are returned.
    """
    x = np.asarray(embeddings, dtype=np.float64)
    n_own = len(x)
    mean = x.mean(axis=0, keepdims=True)
    if reference is not None and len(reference):
        x = np.vstack([x, np.asarray(reference, dtype=np.float64)])
    x = x - mean
    n, d = x.shape
    if remove_components and n > remove_components + 1:
        if d > 512 and n < d:
            # Few texts, wide vectors (the 2,048-wide char-hash model, large transformers): the
            # same directions from the n x n Gram matrix; the d x d eigh took 1.7 s for 10 texts.
            vals, u = np.linalg.eigh(x @ x.T)
            u = u[:, ::-1][:, :remove_components]
            v = (x.T @ u).T
            v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
        else:
            # Top principal directions from the d x d scatter matrix: O(n d^2), not an n x d SVD.
            vals, vecs = np.linalg.eigh(x.T @ x)
            v = vecs[:, ::-1][:, :remove_components].T
        v = v * np.where(v[:, :1] < 0, -1.0, 1.0)  # fixed sign (not that it matters for a projection)
        x = x - (x @ v.T) @ v
    return _normalise_rows(x[:n_own])


def _sif_embeddings(tokens, word_encoder, a: float, fit_rows: int | None = None) -> np.ndarray | None:
    """SIF sentence vectors (Arora et al. 2017) from the caller's word vectors.

    Each content lemma is encoded once by ``word_encoder`` and weighted by a / (a + p(w)),
    p(w) its frequency among the lemmas of this consultation, so words every opinion uses
    (the draft's own subject) count little and rarer concern words count more; the common
    component is removed later with the sentence embeddings' recipe (_prepare_embeddings).
    ``fit_rows``: only the first rows are the consultation and count for p(w); the rest (a
    ``Background``) get vectors weighted by the consultation's frequencies.
    """
    counts: Counter[str] = Counter()
    for toks in tokens[:fit_rows]:  # frequencies of this consultation (the first rows)
        counts.update(toks)
    if not counts:
        return None
    vocab = sorted({w for toks in tokens for w in toks})
    vecs = np.asarray(word_encoder(vocab), dtype=np.float64)
    if vecs.ndim != 2 or vecs.shape[0] != len(vocab):
        raise ValueError(f"word_encoder must return one row per word ({len(vocab)}), got shape {vecs.shape}")
    total = float(sum(counts.values()))
    weight = np.array([a / (a + counts[w] / total) for w in vocab])
    index = {w: i for i, w in enumerate(vocab)}
    from scipy import sparse

    rows, cols, vals = [], [], []
    for i, toks in enumerate(tokens):
        for w in toks:
            j = index[w]
            rows.append(i)
            cols.append(j)
            vals.append(weight[j])
    bag = sparse.csr_matrix((vals, (rows, cols)), shape=(len(tokens), len(vocab)))
    return np.asarray(bag @ vecs)


def _tfidf(docs, analyzer, ngram_range=(1, 1), burstiness: bool = False):
    """TF-IDF rows (sublinear tf, l2); with ``burstiness`` each term's weight is also multiplied
    by its mean count in the texts that use it (cf / df, Church & Gale 1995).

    A lemma that an opinion repeats once it uses it (国会, モニタリング, 東京電力) names what the
    opinion is about; a lemma spread thinly over many opinions (考える, 必要) does not. IDF alone
    cannot tell them apart when their document frequencies are equal.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    vec = TfidfVectorizer(analyzer=analyzer, ngram_range=ngram_range, sublinear_tf=True,
                          norm=None if burstiness else "l2", lowercase=False)
    try:
        x = vec.fit_transform(docs).tocsr()
    except ValueError:  # empty vocabulary
        return None
    if burstiness:
        counts = x.copy()
        # sublinear tf is 1 + log(count): recover each count to get the collection frequency
        counts.data = np.rint(np.exp(counts.data / vec.idf_[counts.indices] - 1.0))
        cf = np.asarray(counts.sum(axis=0)).ravel()
        df = np.bincount(counts.indices, minlength=x.shape[1])
        x = normalize(x.multiply((cf / np.maximum(df, 1))[None, :]).tocsr())
    return x


def _knn(x, k: int) -> np.ndarray:
    from sklearn.neighbors import NearestNeighbors

    from sklearn import config_context

    nn = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute")
    nn.fit(x)
    with config_context(working_memory=128):  # MB per chunk of the n x n distance pass
        _, idx = nn.kneighbors(x)
    return idx


def _pair_cos(x, rows: np.ndarray, cols: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    out = np.empty(len(rows))
    for s in range(0, len(rows), chunk):
        r, c = rows[s:s + chunk], cols[s:s + chunk]
        if isinstance(x, np.ndarray):
            out[s:s + chunk] = np.einsum("ij,ij->i", x[r], x[c])
        else:
            out[s:s + chunk] = np.asarray(x[r].multiply(x[c]).sum(axis=1)).ravel()
    return out


def _random_pairs(n: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    if n * (n - 1) // 2 <= m:
        r, c = np.triu_indices(n, 1)
        return r, c
    r = rng.integers(0, n, size=m)
    c = rng.integers(0, n - 1, size=m)
    c = np.where(c >= r, c + 1, c)
    return r, c




# The lemma view's spread never taken below this for a pair with a text in another script, which
# that view alone judges: on this consultation's scale (its Japanese pairs share almost no lemma)
# one shared word put two requests in one row (QA44: 「Japanese classes …」 with 「Letters from school
# … read Japanese」; Korean requests about a hospital and hate speech). Paraphrases in English share
# 0.59-0.88 of their weighted words, different requests mostly below 0.4, so from the default
# threshold (3.0 spreads) two foreign texts share a row from a cosine of about 0.45.
FOREIGN_SPREAD = 0.15


def foreign_script(texts: list[str]) -> np.ndarray:
    """Which texts are written in another script than Japanese (``tokenize.script_of``): English,
    Vietnamese or Portuguese in Latin letters (at least 20, more than three per kana or kanji: a
    Japanese opinion naming 「IAEA」 or 「Wi-Fi」 is not), Korean, Chinese, Nepali …"""
    return np.array([script_of(t) != "ja" for t in texts], dtype=bool)


def _latin_lemmas(tokens: list[str]) -> list[str]:
    """A foreign-script text's lemmas for the lemma view: lower case, English function words out,
    a plural's s off (buses/bus, schools/school), so shared requests show as shared words."""
    out = []
    for t in tokens:
        w = t.lower()
        if w in ENGLISH_STOPWORDS or (w.isascii() and len(w) < 2):
            continue
        if w.isascii() and w.isalpha() and len(w) > 3:
            if w.endswith("ies"):
                w = w[:-3] + "y"
            elif w.endswith(("ses", "xes", "ches", "shes")):
                w = w[:-2]
            elif w.endswith("s") and not w.endswith("ss"):
                w = w[:-1]
        out.append(w)
    return out


_MEAN_ABS_TO_SD = (np.pi / 2) ** 0.5  # a normal distribution's SD / its mean absolute deviation


def _robust_scale(s: np.ndarray) -> tuple[float, float]:
    """Median and MAD-based SD (falls back to the SD when most values tie, e.g. TF-IDF zeros)."""
    mu = float(np.median(s))
    sd = 1.4826 * float(np.median(np.abs(s - mu)))
    if sd < 1e-9:
        sd = float(s.std())
    return mu, sd


def _weights(w) -> tuple:
    w = tuple(w)
    if len(w) == 3:  # (embedding, lemma, char): the form before the SIF view existed
        w = (w[0], 1.0, w[1], w[2])
    if len(w) != 4:
        raise ValueError(f"weights must be (embedding, sif, lemma, char), got {w}")
    return tuple(None if x is None else float(x) for x in w)


class Background:
    """Opinions on other drafts, written for this project (``resources/background_opinions.txt``,
    240 opinions on 30 policy areas), that give a small consultation's embeddings a frame.

    The dense views (embedding, SIF) remove the corpus mean and its top principal direction,
    the component all sentence vectors share. Taken from a handful of vectors this leaves
    them almost on a line: in four-opinion sets of one paraphrase pair and two unrelated
    requests (``benchmarks/bench_clustering.py``, tiny consultations) the pair was joined in 4
    of 40 sets, and unrelated opinions in 9. Below ``background_below`` texts the direction is
    taken from the consultation and the background together (both centred on the
    consultation's mean): the pair was then joined in 22 of 40 sets, unrelated opinions in 2.
    Everything else (the mean, IDF, SIF word frequencies, the random pairs that set each
    view's scale) stays the consultation's own: built on the union, a single-draft
    consultation's own words looked rare and its opinions alike.
    """

    def __init__(self, texts: list[str], embeddings: np.ndarray, tokens: list[list[str]]) -> None:
        self.texts = list(texts)
        self.embeddings = np.asarray(embeddings, dtype=np.float64)
        self.tokens = [list(t) for t in tokens]

    @staticmethod
    def read_texts() -> list[str]:
        from importlib import resources

        raw = resources.files("cluster").joinpath("resources/background_opinions.txt").read_text(encoding="utf-8")
        return [line.strip() for line in raw.splitlines() if line.strip()]

    @classmethod
    def load(cls, encoder, tokenizer=None) -> "Background":
        """The background embedded with ``encoder`` and lemmatised with ``tokenizer``."""
        if tokenizer is None:
            from .tokenize import Tokenizer

            tokenizer = Tokenizer()
        texts = cls.read_texts()
        return cls(texts, np.asarray(encoder.encode(texts), dtype=np.float64), [tokenizer.lemmas(t) for t in texts])


class _Views:
    """The representations of one corpus and their standardised pair similarity."""

    def __init__(self, texts, embeddings, tokens, p, seed):
        w_emb, w_sif, w_lem, w_chr = _weights(p["weights"])
        bg = p["background"]
        if not (bg is not None and len(texts) < p["background_below"] and bg.texts
                and np.shape(bg.embeddings)[1:] == np.shape(embeddings)[1:]):
            bg = None
        prepare = functools.partial(_prepare_embeddings, remove_components=p["remove_components"])
        self.views = []  # (matrix, weight, mean, std)
        self.lemma_view: int | None = None  # its index in self.views
        # Opinions written in another script (English, mostly): the embedding, SIF and char views
        # see the script, not the request (the shipped model puts any two English texts at cosine
        # 0.5–0.7, far above a random Japanese pair: QA had 41 English opinions on six requests in
        # one row). A pair with such a text is judged by its shared lemmas alone, on the lemma
        # view's scale for this consultation; the other views' scales come from the other pairs.
        # (a consultation written all in English is one script: every view, as for Japanese)
        foreign = foreign_script(texts)
        self.foreign = foreign if foreign.any() and not foreign.all() else None
        if tokens is not None and foreign.any():
            tokens = [_latin_lemmas(t) if f else t for t, f in zip(tokens, foreign)]
        parts = [(prepare(embeddings, reference=bg.embeddings if bg else None), w_emb, "embedding")]
        if tokens is not None and w_sif > 0 and p["word_encoder"] is not None:
            n = len(texts)
            # the background's SIF vectors weigh its words by this consultation's frequencies
            x = _sif_embeddings(list(tokens) + (bg.tokens if bg else []), p["word_encoder"], float(p["sif_a"]),
                                fit_rows=n)
            if x is not None:
                parts.append((prepare(x[:n], reference=x[n:] if bg else None), w_sif, "sif"))
        lemma_view = tokens is not None and w_lem > 0
        if lemma_view:
            parts.append((_tfidf(tokens, analyzer=lambda toks: toks, burstiness=bool(p["burstiness"])), w_lem,
                          "lemma"))
        if w_chr is None:
            w_chr = 0.0 if lemma_view else 1.0
        elif lemma_view and p["char_half_above"] is not None and len(texts) > p["char_half_above"]:
            w_chr *= 0.5
        if w_chr > 0:
            parts.append((_tfidf(texts, analyzer="char", ngram_range=(1, 3)), w_chr, "char"))
        n = len(texts)
        rr, cc = _random_pairs(n, p["n_random_pairs"], seed=12345)
        mixed = self._mixed(rr, cc)
        if mixed is not None and (~mixed).any():
            native_pairs = ~mixed
        else:
            native_pairs, mixed = slice(None), None
        total = np.zeros(len(rr))
        for x, w, kind in parts:
            if x is None or w <= 0:
                continue
            s_all = _pair_cos(x, rr, cc)
            s = s_all if kind == "lemma" else s_all[native_pairs]
            mu, sd = _robust_scale(s)
            if kind == "lemma" or (kind == "char" and len(texts) >= p["char_floor_from"]):
                # The lemma view's spread is never taken below its mean absolute deviation
                # (scaled to an SD). Its random pairs are mostly a spike (they share nothing, or
                # only a word every opinion uses, such as ほしい) plus a tail, and the MAD measures
                # the spike alone: in a town's 12-request consultation it came out 50 times below
                # the SD, so one shared word (時間, 小) outweighed every other view and joined
                # unrelated requests. The plain SD would overcorrect: among the pairs of a
                # ten-text consultation, its few copies and paraphrases inflate it. The char view
                # gets the same floor from ``char_floor_from`` texts on (BENCHMARKS.md section 2).
                sd = max(sd, _MEAN_ABS_TO_SD * float(np.mean(np.abs(s - mu))))
            if not np.isfinite(sd) or sd < 1e-9:
                continue  # a constant view says nothing
            if kind == "lemma":
                self.lemma_view = len(self.views)
            self.views.append((x, float(w), mu, sd))
            total += w * (s_all - mu) / sd
        # The weighted sum is standardised again on the same random pairs: correlated views
        # (all measure the same thing in part) would otherwise widen its spread, and the
        # threshold keeps one meaning (robust SDs above a random pair) whatever the views.
        self.mu, self.sd = _robust_scale(total[native_pairs]) if self.views else (0.0, 1.0)
        if not np.isfinite(self.sd) or self.sd < 1e-9:
            self.sd = 1.0

    def candidate_pairs(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        n = self.views[0][0].shape[0] if self.views else 0
        kk = min(k, n - 1)
        rows, cols = [], []
        for x, _, _, _ in self.views:
            idx = _knn(x, kk)
            rows.append(np.repeat(np.arange(n), idx.shape[1]))
            cols.append(idx.ravel())
        r = np.concatenate(rows)
        c = np.concatenate(cols)
        keep = r != c
        lo, hi = np.minimum(r[keep], c[keep]), np.maximum(r[keep], c[keep])
        key = np.unique(lo.astype(np.int64) * n + hi)
        return key // n, key % n

    def _mixed(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray | None:
        """Which pairs hold a foreign-script text (``None``: the corpus has none)."""
        if self.foreign is None:
            return None
        return self.foreign[rows] | self.foreign[cols]

    def combine(self, view_sims: list[np.ndarray], mixed: np.ndarray | None) -> np.ndarray:
        """The standardised similarity of pairs from each view's cosine (in ``self.views`` order);
        ``mixed``: which pairs hold a foreign-script text (judged by the lemma view alone)."""
        s = np.zeros(len(view_sims[0]) if view_sims else 0)
        for sim, (_, w, mu, sd) in zip(view_sims, self.views):
            s += w * (sim - mu) / sd
        s = (s - self.mu) / self.sd
        if mixed is not None and mixed.any():
            if self.lemma_view is None:
                s[mixed] = 0.0
            else:
                _, _, mu, sd = self.views[self.lemma_view]
                s[mixed] = (view_sims[self.lemma_view][mixed] - mu) / max(sd, FOREIGN_SPREAD)
        return s

    def script(self) -> np.ndarray | None:
        """A reading the linkage keeps apart (+1 a foreign-script text, -1 the others), or ``None``."""
        return None if self.foreign is None else np.where(self.foreign, 1, -1)

    def similarity(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return self.combine([_pair_cos(x, rows, cols) for x, _, _, _ in self.views], self._mixed(rows, cols))


# ---------------------------------------------------------------------------------------
# clustering


def sparse_average_linkage(n: int, rows: np.ndarray, cols: np.ndarray, sims: np.ndarray,
                           threshold: float, sizes: np.ndarray | None = None,
                           polarity: np.ndarray | None = None, apart: np.ndarray | None = None,
                           cannot: list[tuple[int, int]] | None = None) -> np.ndarray:
    """Average-link agglomeration on a sparse similarity graph (missing pairs = 0).

    Merges the pair of clusters with the highest average pair similarity while it is at
    least ``threshold``. Ties go to the lower node ids, so the result is deterministic.
    O(E log E) time with small-to-large merging of neighbour maps. ``sizes``: members
    behind each node (nodes that are clusters already); ``sims`` are then the average
    similarities between the nodes' members. ``polarity``: +1 / -1 / 0 per node
    (``explicit_polarity``); a cluster holding +1 never merges with one holding -1.
    ``apart``: a tag per node (-1 = none); two clusters with different tags never merge
    (late comments: the earlier clusters stay as they were). ``cannot``: pairs of nodes whose
    clusters never merge (``_subject_swaps``).
    """
    size = [1] * n if sizes is None else [int(x) for x in sizes]
    banned: dict[int, set[int]] = {}
    for a, b in cannot or ():
        if a != b:
            banned.setdefault(a, set()).add(b)
            banned.setdefault(b, set()).add(a)
    # one bit per stance reading (a column of a 2-D ``polarity``): a cluster may not hold +1
    # and -1 of the same reading
    pol = np.zeros((n, 1), dtype=np.int64) if polarity is None else np.asarray(polarity, dtype=np.int64).reshape(n, -1)
    bits = 1 << np.arange(pol.shape[1], dtype=np.int64)
    has_pos = ((pol > 0) @ bits).tolist()
    has_neg = ((pol < 0) @ bits).tolist()
    tag = [-1] * n if apart is None else [int(x) for x in apart]
    nbr: list[dict[int, float]] = [dict() for _ in range(n)]
    for a, b, s in zip(rows.tolist(), cols.tolist(), sims.tolist()):
        if a == b:
            continue
        s *= size[a] * size[b]  # the neighbour maps hold sums over member pairs
        nbr[a][b] = nbr[a].get(b, 0.0) + s
        nbr[b][a] = nbr[b].get(a, 0.0) + s
    heap = []
    for a in range(n):
        for b, s in nbr[a].items():
            avg = s / (size[a] * size[b])
            if a < b and avg >= threshold:
                heap.append((-avg, a, b))
    heapq.heapify(heap)
    parent = list(range(n))
    alive = [True] * n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or b not in nbr[a]:
            continue
        avg = nbr[a][b] / (size[a] * size[b])
        if abs(avg + neg) > 1e-12:
            continue  # stale entry
        if avg < threshold:
            continue
        if (has_pos[a] & has_neg[b]) or (has_neg[a] & has_pos[b]):
            continue  # opposite stances (the flags only grow: this pair never merges)
        if tag[a] >= 0 and tag[b] >= 0 and tag[a] != tag[b]:
            continue  # kept apart (tags never change once set: this pair never merges)
        if b in banned.get(a, ()):
            continue  # a member of one may not share a cluster with a member of the other
        # merge the smaller neighbour map into the larger; keep the lower id as the name
        keep, gone = (a, b) if len(nbr[a]) >= len(nbr[b]) else (b, a)
        del nbr[keep][gone]
        del nbr[gone][keep]
        for c, s in nbr[gone].items():
            nbr[keep][c] = nbr[keep].get(c, 0.0) + s
            d = nbr[c]
            d[keep] = d.get(keep, 0.0) + s
            del d[gone]
        nbr[gone] = {}
        alive[gone] = False
        parent[gone] = keep
        size[keep] += size[gone]
        has_pos[keep] |= has_pos[gone]
        has_neg[keep] |= has_neg[gone]
        tag[keep] = max(tag[keep], tag[gone])
        for c in banned.pop(gone, ()):  # the merged cluster inherits both members' bans
            banned[c].discard(gone)
            banned[c].add(keep)
            banned.setdefault(keep, set()).add(c)
        for c, s in nbr[keep].items():
            avg = s / (size[keep] * size[c])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(keep, c), max(keep, c)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    return np.array([find(i) for i in range(n)], dtype=np.int64)


def _subject_swaps(texts: list[str], rows: np.ndarray, cols: np.ndarray) -> list[tuple[int, int]]:
    """Candidate pairs of short texts that the duplicate rule would call copies but for a
    swapped subject (``dedup._swapped_subject``): the duplicate step kept them apart as two
    requests, so the grouping must not put them back together. A swapped place (東町の公民館 /
    川口町の公民館) is another building but the same request: those may share a cluster."""
    from .dedup import SUBJECT_CHECK_BELOW, _similar, _swapped_subject, shingles

    short = np.array([20 <= len(t) < SUBJECT_CHECK_BELOW for t in texts])  # dedup's near-copy range
    lengths = np.array([len(t) for t in texts])
    a, b = np.minimum(rows, cols), np.maximum(rows, cols)
    keep = (a != b) & short[a] & short[b]
    keep &= np.maximum(lengths[a], lengths[b]) <= 2 * np.minimum(lengths[a], lengths[b])  # else no copy
    if not keep.any():
        return []
    pairs = np.unique(np.stack([a[keep], b[keep]], axis=1), axis=0)
    sets: dict[int, set[str]] = {}
    out = []
    for i, j in pairs.tolist():
        si = sets.get(i) or sets.setdefault(i, shingles(texts[i]))
        sj = sets.get(j) or sets.setdefault(j, shingles(texts[j]))
        if (_similar(si, sj, NEAR_COPY_JACCARD, NEAR_COPY_CONTAINMENT)
                and _swapped_subject(texts[i], texts[j], place_names_subject=False)):
            out.append((i, j))
    return out


def _renumber(labels: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """0 = most copies, then most unique texts, then the first member (canonical order)."""
    info = {}
    for i, u in enumerate(labels.tolist()):
        c, m, first = info.get(u, (0.0, 0, i))
        info[u] = (c + float(counts[i]), m + 1, min(first, i))
    ordered = sorted(info, key=lambda u: (-info[u][0], -info[u][1], info[u][2]))
    mapping = {u: new for new, u in enumerate(ordered)}
    return np.array([mapping[u] for u in labels.tolist()], dtype=np.int64)


def _check(texts, embeddings, counts, tokens, params):
    unknown = set(params) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"unknown grouping parameters {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    n = len(texts)
    emb = np.asarray(embeddings)
    if emb.ndim != 2 or emb.shape[0] != n:
        raise ValueError(f"embeddings must be a 2-D array with one row per text ({n}), got shape {emb.shape}")
    counts = np.ones(n) if counts is None else np.asarray(counts, dtype=np.float64)
    if counts.shape != (n,):
        raise ValueError(f"counts must have one value per text ({n}), got shape {counts.shape}")
    if tokens is not None and len(tokens) != n:
        raise ValueError(f"tokens must have one list per text ({n}), got {len(tokens)}")
    return emb, counts


def _polarity(texts: list[str], p: dict) -> np.ndarray | None:
    """The stance readings kept apart by the linkage: one column per reading switched on."""
    columns = []
    if p["opposite_apart"]:
        columns.append(explicit_polarity(texts))
    if p["request_apart"]:
        columns.append(request_polarity(texts))
    if p.get("question_apart"):
        columns.append(question_polarity(texts))
    if p.get("direction_apart"):
        columns.extend(np.stack([direction_vector(t) for t in texts], axis=1))  # one column per action
    return np.stack(columns, axis=1) if columns else None


def _with_script(polarity: np.ndarray | None, script: np.ndarray | None) -> np.ndarray | None:
    """The stance readings plus the script one: an English and a Japanese opinion never share a row."""
    if script is None:
        return polarity
    return script[:, None] if polarity is None else np.column_stack([polarity, script])


# the largest campaigns kept apart from each other (pairs grow with the square of their number)
CAMPAIGNS_APART_MAX = 300


def _campaign_pairs(counts: np.ndarray | None, p: dict) -> list[tuple[int, int]]:
    """Every pair of the texts (or clusters) holding a form letter of ``campaigns_apart`` copies or
    more, the ``CAMPAIGNS_APART_MAX`` largest of them: they never share a cluster."""
    least = int(p.get("campaigns_apart") or 0)
    if counts is None or least <= 0:
        return []
    big = np.flatnonzero(np.asarray(counts) >= least)
    if len(big) < 2:
        return []
    big = big[np.argsort(-np.asarray(counts)[big], kind="stable")][:CAMPAIGNS_APART_MAX]
    big = sorted(big.tolist())
    return [(a, b) for k, a in enumerate(big) for b in big[k + 1:]]


def _way(text: str) -> tuple:
    """The way a text asks each two-way action (``stance.direction_vector``), as a key."""
    return tuple(int(x) for x in direction_vector(text))


def _group_sorted(texts, emb, tokens, p, seed, threshold, counts=None, apart_pairs=(), parted=None):
    """Cluster texts already in canonical order; returns raw (unordered) labels. ``apart_pairs``:
    pairs of positions that never share a cluster (``group_opinions``)."""
    n = len(texts)
    labels = np.full(n, -1, dtype=np.int64)
    rest = np.arange(n)
    if p["stance"] and tokens is not None:
        st = stance_only(tokens, texts=texts)
        # 「(1) 東町線の廃止に反対します。(2) 運賃の値上げに反対します。」: one writer's two stances are two
        # opinions; the later one is grouped on its words (QA68: a campaign's two items were one row)
        for a, b in sorted((min(q), max(q)) for q in apart_pairs):
            if a != b and st[a] is not None and st[a] == st[b]:
                st[b] = None
        # one group per side and per way of an action with two ways: 「プールの廃止に賛成」 and 「存続に賛成」 are both
        # 賛成 and ask opposite things (QA101: one row)
        key_of = {i: (s, _way(texts[i])) for i, s in enumerate(st) if s}
        for j, key in enumerate(sorted(set(key_of.values()))):
            labels[[i for i, k in key_of.items() if k == key]] = n + j  # ids above any node id
        rest = np.flatnonzero(labels < 0)
    m = len(rest)
    if m == 1:
        labels[rest] = rest
    elif m > 1:
        sub_texts = [texts[i] for i in rest]
        sub_tokens = [tokens[i] for i in rest] if tokens is not None else None
        views = _Views(sub_texts, emb[rest], sub_tokens, p, seed)
        if not views.views:
            sub = np.arange(m)
        else:
            r, c = views.candidate_pairs(p["n_neighbors"])
            s = views.similarity(r, c)
            polarity = _with_script(_polarity(sub_texts, p), views.script())
            cannot = _subject_swaps(sub_texts, r, c) if p["subject_apart"] else []
            cannot += _campaign_pairs(counts[rest] if counts is not None else None, p)
            sub = sparse_average_linkage(m, r, c, s, threshold, polarity=polarity, cannot=cannot)
            if len(apart_pairs):
                at = {int(i): k for k, i in enumerate(rest)}
                moved: list[tuple[int, int]] = []
                sub = _part_siblings(sub, r, c, s, [(at[a], at[b]) for a, b in apart_pairs if a in at and b in at],
                                     threshold, moved, polarity=polarity, cannot=cannot)
                if parted is not None:
                    parted += [(int(rest[x]), int(rest[y])) for x, y in moved]
        labels[rest] = rest[sub]
    return labels


def _part_siblings(labels: np.ndarray, rows: np.ndarray, cols: np.ndarray, sims: np.ndarray,
                   pairs: Sequence[tuple[int, int]], threshold: float,
                   parted: list[tuple[int, int]] | None = None, polarity: np.ndarray | None = None,
                   cannot: Sequence[tuple[int, int]] = ()) -> np.ndarray:
    """``labels`` (each a member's node id) with no cluster holding both nodes of a pair in ``pairs``:
    of two such nodes the one less similar to the rest of its cluster (mean pair similarity, missing
    pairs 0) leaves it for the cluster it is most similar to on average, if that reaches ``threshold``
    and holds none of its pairs, else for a cluster of its own (also when the writer said one thing
    twice: an extra row staff merge is better than a request published nowhere; ``parted`` collects
    the pairs for the run's note). Not a constraint inside the linkage: there a forbidden merge also
    keeps apart the opinions each of the two had gathered (QA67: the sample's 駐輪場 paraphrases fell
    into two rows around one letter's two 駐輪場 items). The cluster it goes to keeps the linkage's
    own rules: none holding the other side of a reading of ``polarity`` (a request never joins the
    questions, QA98) or a ``cannot`` partner."""
    labels = np.asarray(labels).copy()
    sim: dict[int, dict[int, float]] = {}
    for a, b, x in zip(rows.tolist(), cols.tolist(), sims.tolist()):
        if a != b:
            sim.setdefault(a, {})[b] = x
            sim.setdefault(b, {})[a] = x
    partners: dict[int, set[int]] = {}
    for a, b in pairs:
        if a != b:
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)

    pol = None if polarity is None else np.asarray(polarity, dtype=np.int64).reshape(len(labels), -1)
    for a, b in cannot:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)

    def other_side(node: int, members) -> bool:
        if pol is None:
            return False
        signs = pol[node]
        return bool(((signs[None, :] * pol[members]) < 0).any())

    def mean_to(node: int, members) -> float:
        others = [o for o in members if o != node]
        return sum(sim.get(node, {}).get(o, 0.0) for o in others) / len(others) if others else 0.0

    for a, b in sorted({(min(p), max(p)) for p in pairs if p[0] != p[1]}):
        if labels[a] != labels[b]:
            continue
        members = np.flatnonzero(labels == labels[a]).tolist()
        leaving = a if (mean_to(a, members), -a) < (mean_to(b, members), -b) else b
        best, best_score = None, threshold
        for lab in sorted({int(labels[o]) for o in sim.get(leaving, {})} - {int(labels[leaving])}):
            there = np.flatnonzero(labels == lab).tolist()
            if partners.get(leaving, set()) & set(there) or other_side(leaving, there):
                continue
            score = mean_to(leaving, there + [leaving])
            if score >= best_score:
                best, best_score = lab, score
        # (a label is a member's node id, as the linkage gives them: the cluster left keeps one of its own)
        stay = [o for o in members if o != leaving]
        if labels[leaving] == leaving:
            labels[stay] = min(stay)
        labels[leaving] = leaving if best is None else best
        if parted is not None:
            parted.append((leaving, b if leaving == a else a))
    return labels


def group_opinions(texts: list[str], embeddings: np.ndarray, counts: np.ndarray | None = None,
                   tokens: list[list[str]] | None = None, seed: int = 0,
                   apart_pairs: Sequence[tuple[int, int]] = (), parted: list[tuple[int, int]] | None = None,
                   **params) -> np.ndarray:
    """Cluster unique opinion texts into same-intent groups; returns a label per text (0..k-1).

    ``embeddings``: one row per text from any encoder. ``counts``: copies behind each unique
    text (orders the clusters; label 0 has the most copies). ``tokens``: content-word lemmas
    per text (``Tokenizer().lemmas``) for the lexical similarity and stance detection.
    ``params``: see ``DEFAULTS`` (``threshold`` in standard deviations above a random pair).
    The number of clusters is chosen by the threshold; singletons are kept. Deterministic and
    independent of input order (``seed`` is accepted for API symmetry; nothing is random).
    ``apart_pairs``: pairs of text indices that never share a cluster (the separate items one
    writer numbered: ``pipeline.sibling_pairs``); ``parted``, if given, collects ``(moved, partner)``
    for each text moved out of its partner's cluster.
    """
    emb, counts = _check(texts, embeddings, counts, tokens, params)
    p = {**DEFAULTS, **params}
    n = len(texts)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    order = _canonical_order(texts)
    sorted_texts = [texts[i] for i in order]
    sorted_tokens = [list(tokens[i]) for i in order] if tokens is not None else None
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    apart = [(int(position[a]), int(position[b])) for a, b in apart_pairs]
    moved: list[tuple[int, int]] = []
    lab = _group_sorted(sorted_texts, emb[order], sorted_tokens, p, seed, float(p["threshold"]), counts=counts[order],
                        apart_pairs=apart, parted=moved)
    if parted is not None:
        parted += [(int(order[x]), int(order[y])) for x, y in moved]
    lab = _renumber(lab, counts[order])
    labels = np.empty(n, dtype=np.int64)
    labels[order] = lab
    return labels


def group_opinions_k(texts: list[str], embeddings: np.ndarray, k: int, counts=None, tokens=None,
                     seed: int = 0, **params) -> np.ndarray:
    """Like ``group_opinions`` but aims at ``k`` clusters (bisection on the threshold).

    For benchmarks against a known grouping; returns the closest k reachable.
    """
    lo, hi = -2.0, 12.0  # low threshold -> few clusters
    best = None
    for _ in range(30):
        mid = (lo + hi) / 2
        lab = group_opinions(texts, embeddings, counts, tokens, seed, **{**params, "threshold": mid})
        kk = int(lab.max()) + 1 if len(lab) else 0
        if best is None or abs(kk - k) < abs(best[0] - k):
            best = (kk, lab)
        if kk == k:
            break
        if kk < k:
            lo = mid
        else:
            hi = mid
    return best[1]


# ---------------------------------------------------------------------------------------
# blocks


def merge_across_blocks(texts: list[str], embeddings: np.ndarray, labels: np.ndarray, block_of: np.ndarray,
                        counts: np.ndarray | None = None, tokens: list[list[str]] | None = None,
                        seed: int = 0, apart: np.ndarray | None = None, **params) -> np.ndarray:
    """Join clusters found in separate blocks when the same rule would have joined them.

    Large inputs are grouped block by block (``pipeline.group_units``); a same-intent group
    cut by a block border would stay two clusters. This step runs the average-link rule
    once more with clusters as nodes, on cluster pairs from different blocks: the average
    similarity of two clusters is exact here, because each view's pair similarity is a dot
    product of unit rows, so its average over A x B is the dot product of A's and B's mean
    rows. Candidates are each cluster's nearest clusters by the mean rows of the dense
    views (embedding, SIF), O(k^2 d) for k clusters.
    Stance-only clusters (same polarity) of different blocks are joined directly.
    ``apart``: a tag per text (-1 = none), the same for all texts of a cluster; clusters with
    different tags are never joined (late comments: the earlier clusters, one tag each, take
    new clusters in but never join each other).
    Returns labels 0..k-1 ordered like ``group_opinions``'.
    """
    emb, counts = _check(texts, embeddings, counts, tokens, params)
    p = {**DEFAULTS, **params}
    labels = np.asarray(labels, dtype=np.int64)
    block_of = np.asarray(block_of, dtype=np.int64)
    n = len(texts)
    if n == 0:
        return labels.copy()
    order = _canonical_order(texts)
    texts_s = [texts[i] for i in order]
    tokens_s = [list(tokens[i]) for i in order] if tokens is not None else None
    lab_s, block_s, emb_s = labels[order], block_of[order], emb[order]
    # compact cluster ids in canonical order of their first member
    _, first, node = np.unique(lab_s, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first))
    node = rank[node]
    k = int(node.max()) + 1
    size = np.bincount(node, minlength=k)
    node_block = np.empty(k, dtype=np.int64)
    node_block[node] = block_s
    parent = np.arange(k)
    node_tag = np.full(k, -1, dtype=np.int64)
    if apart is not None:
        node_tag[node] = np.asarray(apart, dtype=np.int64)[order]
    # stance-only clusters: same polarity across blocks is one cluster
    stance_node = np.zeros(k, dtype=bool)
    if p["stance"] and tokens_s is not None:
        st = np.array([f"{s}{_way(t)}" if s else "" for s, t in zip(stance_only(tokens_s, texts=texts_s), texts_s)])
        for pol in sorted(set(st.tolist()) - {""}):  # a side, and the way of a two-way action (``_group_sorted``)
            nodes = np.unique(node[st == pol])
            # only clusters made wholly of stance-only opinions of this polarity
            nodes = [u for u in nodes.tolist() if np.all(st[node == u] == pol)]
            tagged = [u for u in nodes if node_tag[u] >= 0]
            free = [u for u in nodes if node_tag[u] < 0]
            if free:  # tagged clusters stay as they are; the untagged join the first of them
                parent[free] = min(tagged) if tagged else min(free)
                stance_node[free] = True
            stance_node[tagged] = True
    rest = np.flatnonzero(~stance_node)
    if len(rest) > 1 and len(np.unique(node_block[rest])) > 1:
        keep = np.isin(node, rest)
        idx = np.flatnonzero(keep)
        sub_node = np.searchsorted(rest, node[idx])
        views = _Views([texts_s[i] for i in idx], emb_s[idx],
                       [tokens_s[i] for i in idx] if tokens_s is not None else None, p, seed)
        if views.views:
            from scipy import sparse

            m = len(rest)
            member = sparse.csr_matrix((np.ones(len(idx)), (sub_node, np.arange(len(idx)))), shape=(m, len(idx)))
            member = sparse.diags(1.0 / np.asarray(member.sum(axis=1)).ravel()) @ member
            means = [(member @ x) for x, _, _, _ in views.views]
            means = [np.asarray(mx) if not sparse.issparse(mx) else mx.tocsr() for mx in means]
            kk = min(int(p["n_neighbors"]), m - 1)
            rows, cols = [], []
            # Candidates from the dense views (a k x k search over 300-d means is cheap; over
            # sparse TF-IDF means it is not); every view still scores the candidate pairs.
            dense = [mx for mx in means if not sparse.issparse(mx)] or means
            for mx in dense:
                nn = _knn(mx, kk)  # cosine: the direction of the mean row
                rows.append(np.repeat(np.arange(m), nn.shape[1]))
                cols.append(nn.ravel())
            r, c = np.concatenate(rows), np.concatenate(cols)
            ok = (r != c) & (node_block[rest][r] != node_block[rest][c])  # other blocks only
            lo, hi = np.minimum(r[ok], c[ok]), np.maximum(r[ok], c[ok])
            key = np.unique(lo.astype(np.int64) * m + hi)
            r, c = key // m, key % m
            # a dot product of mean rows; a cluster mostly of foreign-script texts counts as one
            mixed = script = None
            if views.foreign is not None:
                share = np.asarray(member @ views.foreign.astype(float)).ravel()
                script = np.where(share >= 0.5, 1, -1)
                mixed = (script[r] > 0) | (script[c] > 0)
            s = views.combine([_pair_cos(mx, r, c) for mx in means], mixed)
            polarity = _polarity([texts_s[i] for i in idx], p)
            if polarity is not None:  # a block's cluster holds one side of each reading at most
                unit_pol = polarity.astype(np.int64)
                polarity = np.zeros((m, unit_pol.shape[1]), dtype=np.int64)
                np.add.at(polarity, sub_node, unit_pol)
                polarity = np.sign(polarity)
            polarity = _with_script(polarity, script)  # a cluster of each script stays apart, as in a block
            # the largest copy count in each cluster: two clusters each holding a campaign stay apart
            biggest = np.zeros(k)
            np.maximum.at(biggest, node, counts[order])
            merged = sparse_average_linkage(m, r, c, s, float(p["threshold"]), sizes=size[rest],
                                            polarity=polarity, apart=node_tag[rest] if apart is not None else None,
                                            cannot=_campaign_pairs(biggest[rest], p))
            parent[rest] = rest[merged]
    out = parent[node]
    out = _renumber(out, counts[order])
    result = np.empty(n, dtype=np.int64)
    result[order] = out
    return result


def choose_representative(indices, embeddings: np.ndarray, counts: np.ndarray | None = None) -> int:
    """The count-weighted medoid of a cluster under cosine similarity; returns an index.

    Maximises sum_j w_j cos(x_i, x_j) = x_i . (sum_j w_j x_j), so O(m d). Ties go to the
    higher count, then the lower index.
    """
    return rank_representatives(indices, embeddings, counts)[0]


def rank_representatives(indices, embeddings: np.ndarray, counts: np.ndarray | None = None) -> list[int]:
    """The cluster's indices, best representative first (``choose_representative``'s order)."""
    idx = np.asarray(list(indices), dtype=np.int64)
    if len(idx) == 0:
        raise ValueError("choose_representative needs at least one index")
    if len(idx) == 1:
        return [int(idx[0])]
    x = _normalise_rows(np.asarray(embeddings, dtype=np.float64)[idx])
    w = np.ones(len(idx)) if counts is None else np.asarray(counts, dtype=np.float64)[idx]
    score = x @ (w[:, None] * x).sum(axis=0)
    order = sorted(range(len(idx)), key=lambda j: (-round(float(score[j]), 9), -w[j], int(idx[j])))
    return [int(idx[j]) for j in order]
