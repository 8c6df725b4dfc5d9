"""Past-answer retrieval on LocalgovFAQ (Amagasaki city FAQ), read from ../shared/data.

Past opinion = the FAQ "Question:" part, answer = the "Answer:" part of corpus.json;
queries.json are the queries; relevant = qrels grade >= 1. Reports Hit@1/5/10 and MRR for
BM25 alone, embedding alone and the hybrid, on a fixed split: queries whose id is
divisible by 3 are the tuning part (used to choose fusion weights and power with
--tune), the others the held-out test part. Each row shows the tuning part, the test
part and all queries. Also reports how well the top-1 score separates right
from wrong top-1 answers across queries (ROC AUC), i.e. whether a threshold works.

    .venv/bin/python benchmarks/bench_answers.py [--model NAME] [--tune]
    .venv/bin/python benchmarks/bench_answers.py --groups [--model NAME]
    .venv/bin/python benchmarks/bench_answers.py --sample
    .venv/bin/python benchmarks/bench_answers.py --confidence

``--groups`` measures cluster-level scoring (``cluster.answers.group_scores``) on
multi-sentence queries built at run time from the LocalgovFAQ queries: a letter of one query
and 2-4 unrelated ones (their right answers taken out of the ranking: they stand for
sentences the archive has no answer to), a letter of 2-4 queries with the same right
answer, and the same queries as one cluster of separate opinions. Whole-cluster scoring,
the best sentence (max-pooling) and their max and mean are compared: Hit@1/5 and, at the
index's ``min_score``, the share of groups whose right top-1 answer is kept, the share kept
at all, and the share given a candidate once their right answers are removed. ``--sample``
prints, for each cluster of the shipped sample with a known right answer, its score before
and now and whether the report shows it. ``--confidence`` prints the AUC of signals for "no
good past answer" (top-1 of each query as is vs. with its right answers removed).

Data path: ``Path(repo)/../shared/data`` or the ``CLUSTER_SHARED_DATA`` environment
variable. Skips with a message when the data is absent.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cluster.answers import DEFAULT_WEIGHTS, SCORE_POWER, AnswerIndex, fuse, group_scores  # noqa: E402
from bench_encoders import bench_encoder  # noqa: E402
from cluster.records import PastAnswer  # noqa: E402


def data_dir() -> Path:
    env = os.environ.get("CLUSTER_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def load_localgovfaq(folder: Path):
    corpus = json.loads((folder / "corpus.json").read_text(encoding="utf-8"))
    queries = json.loads((folder / "queries.json").read_text(encoding="utf-8"))
    qrels = json.loads((folder / "qrels.json").read_text(encoding="utf-8"))
    records = []
    for doc_id, text in corpus.items():
        q, _, a = text.partition("\nAnswer:")
        q = q.removeprefix("Question:").strip()
        records.append(PastAnswer(answer_id=str(doc_id), opinion=q, answer=a.strip()))
    qids = [q for q in queries if any(g >= 1 for g in qrels.get(q, {}).values())]
    relevant = {q: {d for d, g in qrels[q].items() if g >= 1} for q in qids}
    return records, [queries[q] for q in qids], qids, relevant


def metrics(scores: np.ndarray, answer_ids: list[str], relevant: list[set[str]]) -> dict:
    ids = np.array(answer_ids, dtype=object)
    order_key = np.argsort(np.argsort(ids))
    hits = {1: 0, 3: 0, 5: 0, 10: 0}
    mrr = 0.0
    top_scores, top_right = [], []
    for n, rel in enumerate(relevant):
        rounded = np.round(scores[n], 6)
        order = np.lexsort((order_key, -rounded))[:10]
        ranked = [ids[i] for i in order]
        first = next((r for r, a in enumerate(ranked, 1) if a in rel), None)
        for cut in hits:
            hits[cut] += int(first is not None and first <= cut)
        mrr += 1.0 / first if first else 0.0
        top_scores.append(scores[n][order[0]])
        top_right.append(ranked[0] in rel)
    n = max(len(relevant), 1)
    out = {f"hit@{c}": hits[c] / n for c in hits}
    out["mrr@10"] = mrr / n
    out["top1_auc"] = auc(np.array(top_scores), np.array(top_right))
    out["_top"] = (np.array(top_scores), np.array(top_right))
    return out


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    pos, neg = scores[labels], scores[~labels]
    if not len(pos) or not len(neg):
        return float("nan")
    ranks = np.argsort(np.argsort(np.concatenate([pos, neg]))) + 1
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def rrf(features: np.ndarray, use: list[int], k: int = 60) -> np.ndarray:
    out = np.zeros(features.shape[:2])
    for f in use:
        ranks = np.argsort(np.argsort(-features[:, :, f], axis=1, kind="stable"), axis=1) + 1
        out += 1.0 / (k + ranks)
    return out


def fused(features: np.ndarray, w, power: float = SCORE_POWER) -> np.ndarray:
    return fuse(features, w, power)


def fast_hits(scores: np.ndarray, rel_mask: np.ndarray) -> tuple[float, float, float]:
    """Hit@1, Hit@5, MRR@10 from the rank of the best relevant entry (ties count in its
    favour; used only for the grid search, the reported figures come from ``metrics``)."""
    s = np.round(scores, 6)
    best = np.where(rel_mask, s, -np.inf).max(axis=1)
    rank = (s > best[:, None]).sum(axis=1) + 1
    return float((rank <= 1).mean()), float((rank <= 5).mean()), float(np.where(rank <= 10, 1.0 / rank, 0).mean())


def _sentence(text: str) -> str:
    return text if text.endswith(("。", "？", "?", "！", "!")) else text + "。"


def build_groups(queries: list[str], qids: list[str], relevant: dict, seed: int = 0) -> dict:
    """Multi-sentence test groups, as ``{mode: [(texts, representative, gold, excluded, split_qid)]}``."""
    rng = np.random.default_rng(seed)
    n = len(qids)
    rel = [relevant[q] for q in qids]
    out: dict[str, list] = {"single query": [], "letter: query + 2-4 unrelated": [],
                            "letter: 2-4 queries, same answer": [], "cluster: 2-4 queries, same answer": []}
    for i in range(n):
        out["single query"].append(([queries[i]], queries[i], rel[i], set(), qids[i]))
        k = int(rng.integers(2, 5))
        noise: list[int] = []
        while len(noise) < k:
            j = int(rng.integers(0, n))
            if j != i and j not in noise and not (rel[j] & rel[i]):
                noise.append(j)
        parts = [i] + noise
        rng.shuffle(parts)
        letter = "".join(_sentence(queries[j]) for j in parts)
        excluded = set().union(*(rel[j] for j in noise)) - rel[i]
        out["letter: query + 2-4 unrelated"].append(([letter], letter, rel[i], excluded, qids[i]))
    by_doc: dict[str, list[int]] = {}
    for i in range(n):
        for d in sorted(rel[i]):
            by_doc.setdefault(d, []).append(i)
    for d in sorted(by_doc, key=lambda x: (len(x), x)):
        members = by_doc[d]
        if len(members) < 2:
            continue
        k = min(len(members), int(rng.integers(2, 5)))
        pick = [members[j] for j in rng.choice(len(members), size=k, replace=False)]
        gold = set().union(*(rel[j] for j in pick))
        split_qid = min((qids[j] for j in pick), key=int)
        letter = "".join(_sentence(queries[j]) for j in pick)
        out["letter: 2-4 queries, same answer"].append(([letter], letter, gold, set(), split_qid))
        texts = [queries[j] for j in pick]
        out["cluster: 2-4 queries, same answer"].append((texts, texts[0], gold, set(), split_qid))
    return out


def groups_report(index: AnswerIndex, queries, qids, relevant) -> None:
    ids = [r.answer_id for r in index.records]
    pos = {a: i for i, a in enumerate(ids)}
    thr = index.min_score
    print(f"\ngroup scoring; held-out = split qid % 3 != 0; 'kept' = at or above the threshold: the index's "
          f"min_score {thr:.2f} unless the row says otherwise; the last three columns are on the held-out part\n")
    print("| groups | n (held-out) | scoring | Hit@1 | Hit@5 | Hit@1 all | Hit@5 all "
          "| right top-1 kept | top-1 kept | no-answer given a candidate |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for mode, groups in build_groups(queries, qids, relevant).items():
        test = np.array([int(g[4]) % 3 != 0 for g in groups])
        pairs = [(g[0], g[1]) for g in groups]
        gold = [g[2] for g in groups]
        t0 = time.perf_counter()
        scored = group_scores(index, pairs)
        elapsed = time.perf_counter() - t0
        variants = [
            ("whole cluster, report from 0.02 (before)", scored.whole, 0.02),
            ("whole cluster", scored.whole, thr),
            ("best sentence (max-pooling)", scored.sentence, thr),
            ("max(whole, best sentence)", np.maximum(scored.whole, scored.sentence), thr),
            ("mean(whole, best sentence) (default)", scored.combined, thr),
        ]
        for name, scores, cut in variants:
            scores = scores.copy()
            rel_mask = np.zeros(scores.shape, dtype=bool)
            for n, g in enumerate(groups):
                scores[n, [pos[d] for d in g[3] if d in pos]] = -1.0  # no answer to those sentences
                rel_mask[n, [pos[d] for d in g[2] if d in pos]] = True
            idx = np.flatnonzero(test)
            m = metrics(scores[idx], ids, [gold[i] for i in idx])
            a = metrics(scores, ids, gold)
            s = scores[idx]
            top = s.max(axis=1)
            best_right = np.where(rel_mask[idx], s, -1).max(axis=1)
            best_wrong = np.where(rel_mask[idx], -1, s).max(axis=1)
            right_kept = np.mean((best_right > best_wrong) & (top >= cut))
            print(f"| {mode} | {test.sum()} | {name} | {m['hit@1']:.3f} | {m['hit@5']:.3f} | {a['hit@1']:.3f} "
                  f"| {a['hit@5']:.3f} | {right_kept:.1%} | {np.mean(top >= cut):.1%} | {np.mean(best_wrong >= cut):.1%} |")
        print(f"<!-- {mode}: {len(groups)} groups scored in {elapsed:.1f}s -->")


# The right past answer (data/sample_past_answers.csv No.) of the shipped sample's opinions,
# by opinion id; opinions without one clear answer are left out. A cluster's right answer is
# the one most of its opinions have.
SAMPLE_RIGHT = {
    **{f"P-{n:03d}-1": "4" for n in (1, 5, 7, 13, 16, 22, 24, 34, 35, 38, 46, 55, 60, 72, 73)},
    **dict.fromkeys(["P-009-4", "P-017-1", "P-019-2", "P-037-1", "P-048-1", "P-063-1"], "1"),
    **dict.fromkeys(["P-008-1", "P-009-5", "P-026-2", "P-027-1", "P-032-1", "P-033-1"], "2"),
    **dict.fromkeys(["P-012-1", "P-014-1", "P-056-1", "P-061-1", "P-065-1"], "3"),
    **dict.fromkeys(["P-047-1", "P-053-1", "P-058-1", "P-068-1"], "5"),
    **dict.fromkeys(["P-015-1", "P-049-1", "P-064-1", "P-067-1"], "6"),
    **dict.fromkeys(["P-025-1", "P-040-1", "P-057-1", "P-066-1"], "7"),
    **dict.fromkeys(["P-002-1", "P-031-1", "P-042-1", "P-052-1"], "8"),
    **dict.fromkeys(["P-009-8", "P-041-1", "P-051-2", "P-054-1"], "9"),
    "P-026-4": "10", "P-029-4": "11", "P-011-1": "12",
}


def sample_report() -> int:
    """Each sample cluster with a right answer: its score before (whole cluster, report from
    0.02) and now (``suggest_for_clusters``, report from the index's min_score)."""
    import csv
    import tempfile
    from collections import Counter

    import cluster.answers as answers
    from cluster.pipeline import RunOptions, run

    seen = []
    scorer = answers.group_scores

    def spy(index, groups):  # the run's own cluster scores, so both columns rank the same clusters
        scored = scorer(index, groups)
        seen.append((index, scored))
        return scored

    answers.group_scores = spy
    try:
        with tempfile.TemporaryDirectory() as tmp:
            result = run(REPO / "data" / "sample_comments.csv", tmp,
                         RunOptions(answers=[str(REPO / "data" / "sample_past_answers.csv")]), log=lambda m: None)
            with open(Path(tmp) / "clusters.csv", encoding="utf-8-sig") as fh:
                shown = {r["cluster_id"]: (r["answer_status"], r["answer_id"]) for r in csv.DictReader(fh)}
    finally:
        answers.group_scores = scorer
    index, scored = seen[0]
    ids = [r.answer_id for r in index.records]
    print(f"shipped sample: {len(result.clusters)} clusters; threshold before 0.02 on the whole-cluster score, "
          f"now the index's min_score {index.min_score:.2f}\n")
    print("| cluster | opinions | right answer | before: rank, score | before: in report | now: rank, score "
          "| now: in report | matched sentence |")
    print("|---|---|---|---|---|---|---|---|")
    totals = Counter()
    for n, cl in enumerate(result.clusters):
        labels = Counter(SAMPLE_RIGHT[o] for o in cl.opinion_ids if o in SAMPLE_RIGHT)
        if not labels or labels.most_common(1)[0][1] * 2 <= len(cl.opinion_ids):
            totals.update({"other": 1, "other before": int(scored.whole[n].max() >= 0.02),
                           "other now": int(shown[cl.cluster_id][0] == "candidate")})
            continue
        right = labels.most_common(1)[0][0]
        col = ids.index(right)
        row = []
        for scores, cut in ((scored.whole[n], 0.02), (scored.combined[n], index.min_score)):
            rank = 1 + int(np.sum(np.round(scores, 6) > round(float(scores[col]), 6)))
            row.append((rank, float(scores[col]), rank == 1 and scores[col] >= cut))
        now_shown = shown[cl.cluster_id] == ("candidate", right)
        assert now_shown == row[1][2], cl.cluster_id  # the report agrees with the scores
        m = scored.matched[n, col]
        sentence = scored.pieces[n][m] if m >= 0 else ""
        totals.update({"clusters": 1, "before": int(row[0][2]), "now": int(row[1][2]),
                       "top1 before": int(row[0][0] == 1), "top1 now": int(row[1][0] == 1)})
        print(f"| {cl.cluster_id} | {cl.size} | {right} | {row[0][0]}, {row[0][1]:.3f} | {'yes' if row[0][2] else 'no'} "
              f"| {row[1][0]}, {row[1][1]:.3f} | {'yes' if now_shown else 'no'} | {sentence[:40]} |")
    print(f"\n{totals['clusters']} clusters with a right answer: ranked first {totals['top1 before']} before, "
          f"{totals['top1 now']} now; shown in the report {totals['before']} before, {totals['now']} now.\n"
          f"{totals['other']} clusters without one right answer given a candidate in the report: "
          f"{totals['other before']} before, {totals['other now']} now")
    return 0


def confidence_report(index: AnswerIndex, feats: np.ndarray, ids: list[str], rel: list[set[str]],
                      tokens: list[list[str]], tune: np.ndarray) -> None:
    """Signals for "is the top candidate a real answer" (BENCHMARKS §3): AUC of each on the
    top-1 candidate, answerable (as is) vs no-answer (the query's relevant entries removed);
    logistic regressions fitted on the tuning part, checked on the held-out part."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scores = fused(feats, DEFAULT_WEIGHTS, SCORE_POWER)
    pos = {a: i for i, a in enumerate(ids)}
    opinion_words = [set() for _ in ids]
    for toks, r in zip(index.passage_tokens, index.passage_record):
        opinion_words[r] |= set(toks)

    def signals(s: np.ndarray, f: np.ndarray, toks: list[str]) -> list[float]:
        order = np.argsort(-s, kind="stable")
        top, valid = order[0], s[np.isfinite(s)]
        words = list(dict.fromkeys(toks))
        share = float(np.mean([w in opinion_words[top] for w in words])) if words else 0.0
        return [s[top], s[top] - s[order[1]], s[top] - s[order[1:10]].mean(),
                (s[top] - valid.mean()) / (valid.std() + 1e-9), f[top, 2], f[top, 0], share]

    names = ["fused top-1 score (current)", "margin top-1 - top-2", "margin top-1 - mean(top-2..10)",
             "z-score of top-1 over the archive", "lex_opinion alone", "cos_opinion alone",
             "share of the query's search lemmas in the top past opinion"]
    answerable, no_answer = [], []
    for i in range(len(scores)):
        removed = np.array([pos[d] for d in rel[i] if d in pos], dtype=np.int64)
        s2 = scores[i].copy()
        s2[removed] = -np.inf
        answerable.append(signals(scores[i], feats[i], tokens[i]))
        no_answer.append(signals(s2, feats[i], tokens[i]))
    x = np.r_[np.array(answerable), np.array(no_answer)]
    y = np.r_[np.ones(len(scores), bool), np.zeros(len(scores), bool)]
    part = np.r_[tune, tune]
    print("\n| signal (top-1 candidate) | tune AUC | held-out AUC |\n|---|---|---|")
    for k, name in enumerate(names):
        print(f"| {name} | {auc(x[part, k], y[part]):.3f} | {auc(x[~part, k], y[~part]):.3f} |")
    for name, cols in (("logistic: top-1 + margin to mean(2..10) + z", [0, 2, 3]),
                       ("logistic: all the signals above", list(range(len(names))))):
        scaler = StandardScaler().fit(x[part][:, cols])
        model = LogisticRegression().fit(scaler.transform(x[part][:, cols]), y[part])
        p = model.decision_function(scaler.transform(x[:, cols]))
        print(f"| {name} | {auc(p[part], y[part]):.3f} | {auc(p[~part], y[~part]):.3f} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None, help="encoder (default: the shipped model)")
    ap.add_argument("--tune", action="store_true", help="grid-search fusion weights on the tuning part")
    ap.add_argument("--groups", action="store_true",
                    help="measure cluster-level scoring on multi-sentence groups built from the queries")
    ap.add_argument("--confidence", action="store_true",
                    help="AUC of signals for 'no good past answer' (top-1 answerable vs answers removed)")
    ap.add_argument("--sample", action="store_true",
                    help="before/after cluster scores on the shipped sample (no LocalgovFAQ needed)")
    args = ap.parse_args()
    if args.sample:
        return sample_report()
    folder = data_dir() / "localgovfaq"
    if not (folder / "corpus.json").exists():
        print(f"SKIP: LocalgovFAQ not found at {folder} (set CLUSTER_SHARED_DATA)")
        return 0
    records, queries, qids, relevant = load_localgovfaq(folder)
    encoder = bench_encoder(args.model)
    print(f"LocalgovFAQ: {len(records)} FAQ entries, {len(queries)} queries with a grade>=1 answer; "
          f"model {encoder.name}")
    t0 = time.perf_counter()
    index = AnswerIndex.build(records, encoder)
    t1 = time.perf_counter()
    q = index._query(queries, qids)
    feats = index.features(q.vectors, q.tokens)
    t2 = time.perf_counter()
    print(f"index built in {t1 - t0:.1f}s; {len(queries)} queries scored in {t2 - t1:.1f}s "
          f"(cosine baselines {index.baselines[0]:.3f} / {index.baselines[1]:.3f})")
    if args.groups:
        groups_report(index, queries, qids, relevant)
        return 0
    tune = np.array([int(qid) % 3 == 0 for qid in qids])
    test = ~tune
    rel = [relevant[qid] for qid in qids]
    ids = [r.answer_id for r in records]
    if args.confidence:
        confidence_report(index, feats, ids, rel, q.tokens, tune)
        return 0

    def report(name: str, scores: np.ndarray) -> dict:
        parts = {}
        for part, mask in (("tune", tune), ("test", test), ("all", np.ones_like(test))):
            idx = np.flatnonzero(mask)
            parts[part] = metrics(scores[idx], ids, [rel[i] for i in idx])
        t, m, a = parts["tune"], parts["test"], parts["all"]
        print(f"| {name} | {t['hit@1']:.3f} | {t['hit@5']:.3f} | {m['hit@1']:.3f} | {m['hit@5']:.3f} "
              f"| {m['hit@10']:.3f} | {m['mrr@10']:.3f} | {m['top1_auc']:.3f} | {a['hit@1']:.3f} | {a['hit@5']:.3f} |")
        return parts

    weights, power = DEFAULT_WEIGHTS, SCORE_POWER
    if args.tune:
        best = None
        grid = np.round(np.arange(0, 1.0001, 0.05), 2)
        tidx = np.flatnonzero(tune)
        pos = {a: i for i, a in enumerate(ids)}
        trel = np.zeros((len(tidx), len(ids)), dtype=bool)
        for n, qi in enumerate(tidx):
            trel[n, [pos[d] for d in rel[qi] if d in pos]] = True
        for p in (1.0, 1.5, 2.0, 2.5, 3.0):
            fp = np.power(np.clip(feats[tidx], 0, 1), p)
            for w in itertools.product(grid, repeat=3):
                if sum(w) > 1 + 1e-9:
                    continue
                w = (*w, round(1 - sum(w), 2))
                h1, h5, mrr = fast_hits(fp @ np.asarray(w), trel)
                key = h1 + h5 + mrr
                if best is None or key > best[0] + 1e-12:
                    best = (key, tuple(float(x) for x in w), p)
        weights, power = best[1], best[2]
        m = metrics(fused(feats[tidx], weights, power), ids, [rel[i] for i in tidx])
        print(f"tuned on {tune.sum()} queries: weights (cos_opinion, cos_answer, lex_opinion, lex_answer) = "
              f"{weights}, power {power}; tuning part hit@1 {m['hit@1']:.3f} hit@5 {m['hit@5']:.3f}")
    print(f"\ntuning part: {tune.sum()} queries (qid % 3 == 0); test part: {test.sum()} queries "
          f"(qid % 3 != 0); 'all' = all {len(qids)} queries\n")
    print("| method | tune Hit@1 | tune Hit@5 | Hit@1 | Hit@5 | Hit@10 | MRR@10 | top-1 AUC | Hit@1 all | Hit@5 all |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    report("BM25 on question (lemmas)", feats[:, :, 2])
    report("BM25 question + BM25 answer", fused(feats, (0, 0, 0.5, 0.5)))
    report("embedding: question", feats[:, :, 0])
    report("embedding: question + answer", fused(feats, (0.5, 0.5, 0, 0)))
    report(f"hybrid weighted {tuple(weights)}, linear", fused(feats, weights, 1.0))
    report("RRF (4 signals, k=60)", rrf(feats, [0, 1, 2, 3]))
    label = "(default)" if (tuple(weights), power) == (tuple(DEFAULT_WEIGHTS), SCORE_POWER) else "(tuned)"
    report(f"hybrid weighted {tuple(weights)}, power {power} {label}", fused(feats, weights, power))
    # what `cluster answers` and a run rank by: opposite requests (one side rejects what the other
    # asks for: stance.request_stance) at answers.STANCE_PENALTY of their score
    report(f"  + stance penalty ({int((np.asarray(q.stance)[:, 0] < 0).sum())} rejecting queries, "
           f"{int((index._stance < 0).sum())} rejecting entries)",
           index.stance_adjusted(fused(feats, weights, power), q.stance))
    # Threshold behaviour. An answerable query should get its right answer above min_score;
    # a query with no past answer should get nothing. Every query here has an answer, so
    # "no past answer" is simulated by removing the query's relevant entries: its top-1 is
    # then its best wrong entry.
    hyb = fused(feats, weights, power)
    pos = {a: i for i, a in enumerate(ids)}
    for part, mask in (("tuning", tune), ("test", test)):
        tidx = np.flatnonzero(mask)
        rel_mask = np.zeros((len(tidx), len(ids)), dtype=bool)
        for n, qi in enumerate(tidx):
            rel_mask[n, [pos[d] for d in rel[qi] if d in pos]] = True
        s = hyb[tidx]
        best_wrong = np.where(rel_mask, -1, s).max(axis=1)
        top_right = np.where(rel_mask, s, -1).max(axis=1) > best_wrong
        top_score = s.max(axis=1)
        both = auc(np.r_[top_score, best_wrong], np.r_[np.ones(len(s), bool), np.zeros(len(s), bool)])
        print(f"\nthreshold ({part} part; 'no answer' = the query with its relevant entries removed; "
              f"AUC top-1 score answerable vs not: {both:.3f})\n")
        print("| min_score | right top-1 kept | wrong top-1 kept | no-answer queries given a candidate |")
        print("|---|---|---|---|")
        for thr in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
            kept = top_score >= thr
            print(f"| {thr:.2f} | {np.mean(kept & top_right):.1%} | {np.mean(kept & ~top_right):.1%} "
                  f"| {np.mean(best_wrong >= thr):.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
