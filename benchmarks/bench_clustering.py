"""Same-intent clustering against the official grouping of a real public comment.

Reads ``../shared/data/moe_soil_pubcom/kankyou_pubcom.csv`` (override the data folder with
``CLUSTER_SHARED_DATA``): column 要約 is the ministry's group heading (gold cluster), column
寄せられた御意見の概要 one published opinion (337 rows, 77 groups). Prints ARI and NMI for
``group_opinions`` with the tool choosing k, and baselines measured in the same run:

- char 1-3gram TF-IDF + average-link agglomerative, told the true k;
- the default encoder's cosine + average-link agglomerative, told the true k;
- ``group_opinions`` told the true k (resolution searched until k matches, if reachable).

``group_opinions`` runs with ``word_encoder=encoder.encode`` (the SIF lemma view: what the
pipeline should pass) and without it. A transfer check on the project's own sample
(``data/sample_comments.csv``, written for the project) follows: seven paraphrase groups
known by 受付番号 (listed in commit 31fe5b9); ARI over those 29 submissions while all
submissions are clustered together.

A second real grouping checks that a change is not fitted to MoE alone: the LocalgovFAQ
questions (``../shared/data/localgovfaq``), grouped by the FAQ answer(s) graded 2 for them
(587 questions with such an answer, 304 groups). One group (90 questions about sorting
household waste, all answered by one page) holds most same-group pairs and so decides most of
ARI; the figures are printed with and without it.

Small consultations (most of a town's): random subsets of 15, 30, 60 and 120 opinions of each
grouping (20 draws each, fixed seeds), clustered on their own; mean ARI and pairwise precision
and recall against the gold groups of the subset. ``--no-small`` leaves them out.

``--blocks`` forces the scale path (k-means blocks, ``pipeline.group_units``) onto the same
opinions and prints ARI with and without joining clusters across blocks.

Usage: python benchmarks/bench_clustering.py [--model NAME_OR_PATH] [--seed N] [--curve] [--blocks]
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench_encoders import word_encoder  # noqa: E402


def data_dir() -> Path:
    env = os.environ.get("CLUSTER_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def load_moe():
    import pandas as pd

    path = data_dir() / "moe_soil_pubcom" / "kankyou_pubcom.csv"
    if not path.exists():
        return None, path
    df = pd.read_csv(path, encoding="utf-8-sig")
    df = df.dropna(subset=["寄せられた御意見の概要", "要約"])
    return df, path


def clean(text: str) -> str:
    """Drop the published bullet mark; the tool never sees it in raw input either."""
    text = unicodedata.normalize("NFKC", str(text)).strip()
    return re.sub(r"^[・\-\s]+", "", text)


def collapse_duplicates(texts: list[str]):
    """Unique texts + counts + index of each row's unique text (what the pipeline passes)."""
    uniq: dict[str, int] = {}
    inverse = []
    for t in texts:
        inverse.append(uniq.setdefault(t, len(uniq)))
    counts = np.bincount(inverse, minlength=len(uniq)).astype(float)
    return list(uniq), counts, np.array(inverse)


# Paraphrase groups in data/sample_comments.csv (by 受付番号), as written for the project.
SAMPLE_GROUPS = {
    "駐輪場": "017 037 048 063",
    "自転車レーン": "008 027 032 033",
    "バス増便": "012 014 056 061 065",
    "安全教育": "047 053 058 068",
    "シェアサイクル": "015 049 064 067",
    "市民参加": "025 040 057 066",
    "路線図": "002 031 042 052",
}


def load_sample():
    import csv

    path = REPO / "data" / "sample_comments.csv"
    group = {f"P-{i}": g for g, ids in SAMPLE_GROUPS.items() for i in ids.split()}
    texts, gold = [], []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            text = (row.get("ご意見") or "").strip()
            if text:
                texts.append(text)
                gold.append(group.get(row["受付番号"]))
    return texts, gold


def load_lgfaq():
    """LocalgovFAQ questions and their gold group (the set of FAQ ids graded 2), or None."""
    import json

    base = data_dir() / "localgovfaq"
    if not (base / "queries.json").exists():
        return None
    queries = json.loads((base / "queries.json").read_text(encoding="utf-8"))
    qrels = json.loads((base / "qrels.json").read_text(encoding="utf-8"))
    texts, keys = [], []
    for qid in sorted(qrels):
        answers = tuple(sorted(doc for doc, grade in qrels[qid].items() if grade == 2))
        if answers and qid in queries:
            texts.append(str(queries[qid]))
            keys.append(answers)
    return texts, keys


def agglomerative_k(x, k: int) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering

    x = x.toarray() if hasattr(x, "toarray") else np.asarray(x)
    return AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average").fit_predict(x)


# Tiny consultations, written for this benchmark: a paraphrase pair among unrelated requests.
TINY_POOL = ["ドッグランは作らず、今の芝生広場を残してください。", "第1章の基本方針に防災公園としての役割を書いてください。",
             "別添2の樹木管理計画で桜並木の伐採はやめてください。", "図書館の開館時間を延長してほしい。",
             "駅前の駐輪場を増設してください。", "ごみ収集を週3回に戻してほしい。", "市役所の窓口の案内表示を多言語にすべきだ。",
             "公民館の使用料の値上げは見直してほしい。", "バスの本数を増やしてほしい。",
             "子ども医療費の助成を高校生まで広げてください。", "街灯が少なく夜道が暗いので増やしてほしい。",
             "学校のプールを改修してください。", "空き家の管理について所有者への指導を強めてほしい。",
             "防災訓練を休日にも実施してください。", "高齢者の見守り体制を充実させてほしい。", "観光案内所を駅前に設けるべきです。"]
# (pair, words that mark a pool opinion on the pair's own subject: left out of that set)
TINY_PAIRS = [
    (("図書館の開館時間を夜九時まで延長してほしい。", "仕事帰りに使えるよう、図書館を夜まで開けてください。"), ["図書館"]),
    (("駅前の駐輪場がいつも満車なので増設をお願いします。", "駅の自転車置き場が足りないので増やしてほしい。"), ["駐輪", "自転車"]),
    (("公園の桜並木の伐採には反対です。樹木を残してください。", "桜の木を切らずに残してほしい。"), ["桜", "伐採"]),
    (("バスの本数が少なく通院に困っています。便を増やしてください。", "病院へ行くバスが一日三本しかないので増便してほしい。"),
     ["バス"]),
    (("子どもの医療費助成を中学生まで拡大してほしい。", "中学生の医療費も無料にしてください。"), ["医療費"]),
    (("夜道が暗くて危ないので街灯を増やしてください。", "通学路に防犯灯を設置してほしい。"), ["街灯", "夜道"]),
]


def tiny_consultations(enc, tok, background, sizes=(3, 4, 6, 8, 12), draws: int = 40) -> None:
    """Sets of one paraphrase pair and n - 2 unrelated requests: how often the pair is joined,
    and how often any unrelated opinions are (with and without the background)."""
    import random

    from cluster.grouping import group_opinions

    for label, bg in (("with background", background), ("without background", None)):
        rng = random.Random(1)
        for n in sizes:
            joined = wrong = 0
            for _ in range(draws):
                (a, b), words = TINY_PAIRS[rng.randrange(len(TINY_PAIRS))]
                others = [t for t in rng.sample(TINY_POOL, len(TINY_POOL)) if not any(w in t for w in words)][:n - 2]
                texts = [a, b] + others
                lab = group_opinions(texts, enc.encode(texts), tokens=[tok.lemmas(t) for t in texts],
                                     word_encoder=word_encoder(enc), background=bg)
                rest = lab[2:].tolist()
                joined += lab[0] == lab[1]
                wrong += len(set(rest)) < len(rest) or lab[0] in rest or lab[1] in rest
            print(f"{'tiny consultations, ' + str(n) + ' opinions, ' + label:<52} ({draws} sets)  "
                  f"pair joined {joined}/{draws}, unrelated opinions joined {wrong}/{draws}")


def small_consultations(name: str, texts: list[str], gold: list, enc, tok, seed: int,
                        sizes=(15, 30, 60, 120), draws: int = 20, background=None) -> None:
    """Mean ARI and pairwise precision / recall over random subsets clustered on their own."""
    from sklearn.metrics import adjusted_rand_score as ari

    from cluster.grouping import group_opinions

    emb = enc.encode(texts)
    lemmas = [tok.lemmas(t) for t in texts]
    gold = np.asarray(gold)
    for n in sizes:
        if n >= len(texts):
            continue
        rng = np.random.default_rng(1000 + n)
        scores = []
        for _ in range(draws):
            idx = np.sort(rng.choice(len(texts), n, replace=False))
            first: dict[str, int] = {}
            inverse = np.array([first.setdefault(texts[i], len(first)) for i in idx])
            keep = [int(idx[np.flatnonzero(inverse == u)[0]]) for u in range(len(first))]
            lab = group_opinions([texts[i] for i in keep], emb[keep], counts=np.bincount(inverse).astype(float),
                                 tokens=[lemmas[i] for i in keep], seed=seed, word_encoder=word_encoder(enc),
                                 background=background)
            pred, g = lab[inverse], gold[idx]
            upper = np.triu_indices(n, 1)
            same_pred = (pred[:, None] == pred[None, :])[upper]
            same_gold = (g[:, None] == g[None, :])[upper]
            both = float((same_pred & same_gold).sum())
            scores.append((ari(g, pred), both / max(same_pred.sum(), 1), both / max(same_gold.sum(), 1)))
        a, p, r = np.mean(scores, axis=0)
        print(f"{'small consultations, ' + name + f', {n} opinions':<52} ({draws} draws)  "
              f"mean ARI={a:.3f}  pair precision={p:.2f}  recall={r:.2f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=None, help="encoder name or path (default: the shipped model)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--curve", action="store_true", help="also print ARI over a range of thresholds")
    ap.add_argument("--blocks", action="store_true",
                    help="also force the scale path (k-means blocks) on this small set: ARI with and "
                         "without joining clusters across blocks, and agreement with the unblocked result")
    ap.add_argument("--no-small", action="store_true", help="leave out the small-consultation subsets")
    args = ap.parse_args(argv)

    df, path = load_moe()
    if df is None:
        print(f"SKIP: {path} not found (set CLUSTER_SHARED_DATA to the folder holding moe_soil_pubcom/)")
        return 0

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_rand_score as ari
    from sklearn.metrics import normalized_mutual_info_score as nmi

    from bench_encoders import bench_encoder
    from cluster.grouping import group_opinions
    from cluster.tokenize import Tokenizer

    texts = [clean(t) for t in df["寄せられた御意見の概要"]]
    gold = df["要約"].astype(str).str.strip().factorize()[0]
    k_true = int(gold.max()) + 1
    uniq, counts, inverse = collapse_duplicates(texts)
    print(f"data: {path} ({len(texts)} opinions, {len(uniq)} unique, {k_true} gold groups)")

    try:
        enc = bench_encoder(args.model)
    except Exception as exc:  # a missing default model is reported, not a traceback
        print(f"cannot load encoder {args.model or '(default)'}: {exc}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    emb = enc.encode(uniq)
    t_enc = time.perf_counter() - t0
    tok = Tokenizer()
    t0 = time.perf_counter()
    lemmas = [tok.lemmas(t) for t in uniq]
    t_tok = time.perf_counter() - t0
    print(f"encoder: {getattr(enc, 'name', args.model)} dim={emb.shape[1]} "
          f"(encode {t_enc:.2f}s, tokenize {t_tok:.2f}s)")

    def report(name: str, labels_unique: np.ndarray, note: str = "") -> None:
        pred = np.asarray(labels_unique)[inverse]
        k = len(np.unique(pred))
        print(f"{name:<52} k={k:>3}  ARI={ari(gold, pred):.3f}  NMI={nmi(gold, pred):.3f} {note}")

    # Baselines, told the true k.
    tfidf = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True).fit_transform(uniq)
    report("baseline char1-3 TF-IDF + average-link (true k)", agglomerative_k(tfidf, k_true))
    report("baseline encoder cosine + average-link (true k)", agglomerative_k(emb, k_true))

    # The tool choosing k.
    t0 = time.perf_counter()
    words = word_encoder(enc)  # word vectors for the SIF lemma view, from the same encoder
    # unrelated opinions for consultations under 200 texts, as `cluster run` uses them
    from cluster.grouping import Background

    bg = Background.load(enc, tok)
    lab = group_opinions(uniq, emb, counts=counts, tokens=lemmas, seed=args.seed, word_encoder=words)
    t_group = time.perf_counter() - t0
    report("group_opinions (tool chooses k)", lab, f"[{t_group:.2f}s]")
    lab_nowords = group_opinions(uniq, emb, counts=counts, tokens=lemmas, seed=args.seed)
    report("group_opinions without word_encoder", lab_nowords)
    lab_nostance = group_opinions(uniq, emb, counts=counts, tokens=lemmas, seed=args.seed, stance=False,
                                  word_encoder=words)
    report("group_opinions without stance-only rule", lab_nostance)
    lab_noleks = group_opinions(uniq, emb, counts=counts, tokens=None, seed=args.seed)
    report("group_opinions without lemmas (tool chooses k)", lab_noleks)
    if args.curve:
        for t in (2.0, 2.5, 3.0, 3.5, 4.0):
            report(f"  threshold {t}", group_opinions(uniq, emb, counts=counts, tokens=lemmas, seed=args.seed,
                                                      word_encoder=words, threshold=t))

    if args.blocks:
        # The scale path (above 8,000 distinct texts in a real run) forced onto this set.
        from cluster.pipeline import group_units

        for size in (40, 80, 120):
            for join in (False, True):
                blocked = group_units(uniq, emb, counts, lemmas, seed=args.seed, limit=0, block_size=size,
                                      word_encoder=words, join_blocks=join)
                agree = ari(lab[inverse], blocked[inverse])
                report(f"  blocks of ~{size}, {'joined' if join else 'not joined'} across blocks",
                       blocked, f"(ARI vs unblocked {agree:.3f})")

    # Told the true k, when the method can be steered there.
    try:
        from cluster.grouping import group_opinions_k

        report("group_opinions told the true k", group_opinions_k(uniq, emb, k_true, counts=counts,
                                                                  tokens=lemmas, seed=args.seed,
                                                                  word_encoder=words))
    except ImportError:
        pass

    # A second real grouping: LocalgovFAQ questions grouped by their answer.
    lg = load_lgfaq()
    if lg is None:
        print("SKIP LocalgovFAQ check: ../shared/data/localgovfaq not found")
    else:
        from collections import Counter

        lg_texts, lg_keys = lg
        biggest = Counter(lg_keys).most_common(1)[0][0]
        for name, keep in (("all", [True] * len(lg_keys)), ("without the largest group",
                                                             [k != biggest for k in lg_keys])):
            t = [x for x, k in zip(lg_texts, keep) if k]
            g = [str(x) for x, k in zip(lg_keys, keep) if k]
            u, c, inv = collapse_duplicates(t)
            lab = group_opinions(u, enc.encode(u), counts=c, tokens=[tok.lemmas(x) for x in u], seed=args.seed,
                                 word_encoder=words)
            pred = np.asarray(lab)[inv]
            print(f"{'LocalgovFAQ questions, ' + name:<52} k={len(set(pred.tolist())):>3}  "
                  f"ARI={ari(g, pred):.3f}  NMI={nmi(g, pred):.3f}  ({len(t)} questions, {len(set(g))} groups)")

    if not args.no_small:
        small_consultations("MoE", texts, list(gold), enc, tok, args.seed, background=bg)
        if lg is not None:
            small_consultations("LocalgovFAQ", lg[0], [str(k) for k in lg[1]], enc, tok, args.seed, background=bg)

    tiny_consultations(enc, tok, bg)

    # Transfer check on the project's own sample (not third-party data).
    s_texts, s_gold = load_sample()
    s_lemmas = [tok.lemmas(t) for t in s_texts]
    s_emb = enc.encode(s_texts)
    known = [i for i, g in enumerate(s_gold) if g is not None]
    gold_known = [s_gold[i] for i in known]
    print(f"sample: data/sample_comments.csv ({len(s_texts)} submissions, {len(known)} in "
          f"{len(SAMPLE_GROUPS)} known paraphrase groups)")
    for name, kw in (("group_opinions (tool chooses k)", dict(word_encoder=words, background=bg)),
                     ("group_opinions without background", dict(word_encoder=words)),
                     ("group_opinions without word_encoder", {})):
        lab = group_opinions(s_texts, s_emb, tokens=s_lemmas, seed=args.seed, **kw)
        pred = [int(lab[i]) for i in known]
        print(f"{'sample ' + name:<52} k={len(set(lab.tolist())):>3}  ARI(known groups)={ari(gold_known, pred):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
