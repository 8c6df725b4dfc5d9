"""Rebuild the default embedding model ``models/ja-static-v1/`` (see models/README.md).

    .venv/bin/pip install -e ".[st]" msgpack
    .venv/bin/python models/build_default_model.py

1. Read the chiVe word vectors (20,000 x 300) and their key table from the ``ja-ginza``
   5.3.0 wheel (downloaded with ``pip download --no-deps`` into models/_build/ when missing).
2. Keep only the keys fugashi + unidic-lite can produce as a token's surface, orthographic
   base form or lemma, and the rows they use.
3. Fine-tune the table (sum/mean pooling = torch EmbeddingBag) with sentence-transformers
   losses: CoSENT on JSTS train, MultipleNegativesRanking on the entailment pairs of JSICK
   train and JaNLI train (contradiction / non-entailment pairs with the same premise as hard
   negatives). Tokens come from :meth:`cluster.tokenize.Tokenizer.lookup_ids`, the function
   the shipped encoder uses at inference.
4. Write float16 vectors, the vocab and config.json; print the checks (JSTS valid Spearman,
   a held-out slice of JSICK train, LocalgovFAQ retrieval).

Training data is read from ``../shared/data`` (or ``$CLUSTER_SHARED_DATA``) at build time
only; none of it is written into the model folder except as learned weights.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from cluster.tokenize import Tokenizer  # noqa: E402

WHEEL = "ja_ginza-5.3.0-py3-none-any.whl"
VOCAB_DIR = "ja_ginza/ja_ginza-5.3.0/vocab/"
NAME = "ja-static-v1"


# ----------------------------------------------------------------------------- chiVe
def murmurhash64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, spaCy's ``hash_string`` (seed 1): the keys of ``vocab/key2row``."""
    mask = 0xFFFFFFFFFFFFFFFF
    m, r = 0xC6A4A7935BD1E995, 47
    n = len(data)
    h = (seed ^ (n * m)) & mask
    end = n - n % 8
    for i in range(0, end, 8):
        k = int.from_bytes(data[i:i + 8], "little")
        k = (k * m) & mask
        k ^= k >> r
        k = (k * m) & mask
        h ^= k
        h = (h * m) & mask
    if n % 8:
        h ^= int.from_bytes(data[end:], "little")
        h = (h * m) & mask
    h ^= h >> r
    h = (h * m) & mask
    h ^= h >> r
    return h


def fetch_wheel(build: Path) -> Path:
    wheel = build / WHEEL
    if not wheel.exists():
        build.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "ja-ginza==5.3.0",
                        "-d", str(build)], check=True)
    return wheel


def read_chive(wheel: Path) -> tuple[np.ndarray, dict[str, int]]:
    import msgpack

    with zipfile.ZipFile(wheel) as zf:
        vectors = np.load(io.BytesIO(zf.read(VOCAB_DIR + "vectors")), allow_pickle=False)
        key2row = msgpack.unpackb(zf.read(VOCAB_DIR + "key2row"), strict_map_key=False)
        strings = json.loads(zf.read(VOCAB_DIR + "strings.json"))
    table = {}
    for s in strings:
        row = key2row.get(murmurhash64a(s.encode("utf-8")))
        if row is not None:
            table[s] = int(row)
    print(f"chiVe: vectors {vectors.shape}, {len(key2row):,} keys, {len(table):,} matched to strings")
    return vectors.astype(np.float32), table


FUNCTION_POS = {"助詞", "助動詞", "補助記号", "記号", "空白"}


def prune(table: dict[str, int], tok: Tokenizer, function_rows: set | None = None) -> dict[str, int]:
    """Keep keys that fugashi produces as one token's surface, orthBase or lemma.

    ``function_rows``, when given, receives the rows used only by function words
    (particles, auxiliaries, symbols)."""
    tagger = tok.tagger
    keep = {}
    content_rows, func_rows = set(), set()
    for key, row in table.items():
        if not key or any(c in key for c in "\t\n\r ") or len(key) > 40:
            continue
        nodes = list(tagger(key))
        if len(nodes) != 1:
            continue
        node = nodes[0]
        fields = node.feature_raw.split(",")
        forms = {node.surface} if unicodedata.normalize("NFKC", key) == key else set()
        if len(fields) > 10:
            forms.update((fields[10], fields[7].split("-", 1)[0]))
        if key in forms:
            keep[key] = row
            (func_rows if fields[0] in FUNCTION_POS else content_rows).add(row)
    if function_rows is not None:
        function_rows.update(func_rows - content_rows)
    return keep


# ----------------------------------------------------------------------------- data
def shared_data() -> Path:
    return Path(os.environ.get("CLUSTER_SHARED_DATA", REPO.parent / "shared" / "data"))


def read_jsts(path: Path) -> list[tuple[str, str, float]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                out.append((d["sentence1"], d["sentence2"], float(d["label"])))
    return out


def read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def nli_triples(rows, a: str, b: str, label: str, pos: str, negs: set[str]):
    """(anchor, positive, hard negative or None) from NLI pairs: a premise's entailed
    hypothesis is its positive, a contradiction / non-entailment of the same premise its hard negative."""
    by_a: dict[str, dict[str, list[str]]] = {}
    for r in rows:
        d = by_a.setdefault(r[a], {"pos": [], "neg": []})
        if r[label] == pos:
            d["pos"].append(r[b])
        elif r[label] in negs:
            d["neg"].append(r[b])
    out = []
    for anchor in sorted(by_a):
        d = by_a[anchor]
        for i, p in enumerate(d["pos"]):
            out.append((anchor, p, d["neg"][i % len(d["neg"])] if d["neg"] else None))
    return out


# ----------------------------------------------------------------------------- numpy eval
def embed_ids(vectors: np.ndarray, id_lists: list[list[int]]) -> np.ndarray:
    out = np.zeros((len(id_lists), vectors.shape[1]), dtype=np.float32)
    for i, ids in enumerate(id_lists):
        if ids:
            out[i] = vectors[ids].sum(0)
    n = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(n > 0, n, 1)


def spearman(a, b) -> float:
    from scipy.stats import spearmanr

    return float(spearmanr(a, b).correlation)


class Checks:
    """JSTS valid Spearman, JSICK held-out AUC (entailment vs neutral), LocalgovFAQ Hit@k."""

    def __init__(self, tok, table, data: Path, jsick_hold) -> None:
        ids = lambda texts: [tok.lookup_ids(t, table) for t in texts]  # noqa: E731
        valid = read_jsts(data / "jsts" / "valid-v1.3.json")
        self.v1, self.v2 = ids([p[0] for p in valid]), ids([p[1] for p in valid])
        self.vy = np.array([p[2] for p in valid])
        hold = [r for r in jsick_hold if r["entailment_label_Ja"] in ("entailment", "neutral")]
        self.h1 = ids([r["sentence_A_Ja"] for r in hold])
        self.h2 = ids([r["sentence_B_Ja"] for r in hold])
        self.hy = np.array([r["entailment_label_Ja"] == "entailment" for r in hold])
        self.faq = None
        faq = data / "localgovfaq"
        if (faq / "corpus.json").exists():
            corpus = json.loads((faq / "corpus.json").read_text(encoding="utf-8"))
            queries = json.loads((faq / "queries.json").read_text(encoding="utf-8"))
            qrels = json.loads((faq / "qrels.json").read_text(encoding="utf-8"))
            doc_ids = sorted(corpus)
            questions = [corpus[d].split("\n", 1)[0].removeprefix("Question:").strip() for d in doc_ids]
            qids = [q for q in sorted(queries) if qrels.get(q)]
            self.faq = (ids(questions), ids([queries[q] for q in qids]),
                        [{doc_ids.index(d) for d, g in qrels[q].items() if g >= 1 and d in corpus} for q in qids])

    def __call__(self, vectors: np.ndarray) -> dict[str, float]:
        from sklearn.metrics import roc_auc_score

        cos = lambda a, b: (embed_ids(vectors, a) * embed_ids(vectors, b)).sum(1)  # noqa: E731
        out = {"jsts_valid_spearman": spearman(cos(self.v1, self.v2), self.vy),
               "jsick_holdout_auc": float(roc_auc_score(self.hy, cos(self.h1, self.h2)))}
        if self.faq:
            docs, qs, gold = self.faq
            sims = embed_ids(vectors, qs) @ embed_ids(vectors, docs).T
            top = np.argsort(-sims, axis=1)[:, :10]
            out["faq_hit1"] = float(np.mean([t[0] in g for t, g in zip(top, gold)]))
            out["faq_hit10"] = float(np.mean([bool(set(t) & g) for t, g in zip(top, gold)]))
        return {k: round(v, 4) for k, v in out.items()}


# ----------------------------------------------------------------------------- training
def train(vectors, tok, table, data: Path, args, checks: Checks | None):
    import torch
    from sentence_transformers.sentence_transformer.losses import CoSENTLoss, MultipleNegativesRankingLoss

    rng = random.Random(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    ids = lambda t: tok.lookup_ids(t, table)  # noqa: E731

    jsts = read_jsts(data / "jsts" / "train-v1.3.json")
    sts = [(ids(a), ids(b), y / 5.0) for a, b, y in jsts]
    nli = []
    if args.mnr_weight > 0:
        jsick = args.jsick_train
        trip = nli_triples(jsick, "sentence_A_Ja", "sentence_B_Ja", "entailment_label_Ja",
                           "entailment", {"contradiction"})
        if args.janli:
            janli = [r for r in read_tsv(data / "janli" / "janli.tsv") if r["split"] == "train"]
            trip += nli_triples(janli, "sentence_A_Ja", "sentence_B_Ja", "entailment_label_Ja",
                                "entailment", {"non-entailment"})
        nli = [(ids(a), ids(p), ids(n) if n is not None else None) for a, p, n in trip]
    print(f"training: {len(sts):,} STS pairs, {len(nli):,} NLI triples")

    # Sparse gradients + lazy Adam: a step touches a few hundred rows, not the whole table.
    emb = torch.nn.EmbeddingBag.from_pretrained(torch.from_numpy(vectors.copy()), freeze=False,
                                                mode="sum", sparse=True)
    cosent = CoSENTLoss(model=None, scale=20.0)
    mnrl = MultipleNegativesRankingLoss(model=None, scale=20.0)
    opt = torch.optim.SparseAdam(list(emb.parameters()), lr=args.lr)

    def bag(lists):
        lens = [len(x) for x in lists]
        flat = torch.tensor([i for x in lists for i in x] or [0], dtype=torch.long)
        offsets = torch.tensor(np.concatenate(([0], np.cumsum(lens)[:-1])), dtype=torch.long)
        return emb(flat, offsets) if sum(lens) else torch.zeros(len(lists), vectors.shape[1])

    for epoch in range(args.epochs):
        t0 = time.time()
        batches = []
        order = list(range(len(sts)))
        rng.shuffle(order)
        batches += [("sts", order[i:i + args.batch_size]) for i in range(0, len(order), args.batch_size)]
        if nli:
            order = list(range(len(nli)))
            rng.shuffle(order)
            batches += [("nli", order[i:i + args.batch_size]) for i in range(0, len(order), args.batch_size)]
        rng.shuffle(batches)
        total = {"sts": 0.0, "nli": 0.0}
        for kind, idx in batches:
            if kind == "sts":
                a = bag([sts[i][0] for i in idx])
                b = bag([sts[i][1] for i in idx])
                y = torch.tensor([sts[i][2] for i in idx], dtype=torch.float32)
                loss = cosent.compute_loss_from_embeddings([a, b], y)
            else:
                rows = [nli[i] for i in idx]
                cols = [bag([r[0] for r in rows]), bag([r[1] for r in rows])]
                with_neg = [r for r in rows if r[2] is not None]
                if with_neg:  # hard negatives join the candidate pool of every anchor
                    cols.append(bag([r[2] for r in with_neg]))
                loss = args.mnr_weight * _mnrl(cols, mnrl)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total[kind] += float(loss.detach())
        msg = f"epoch {epoch + 1}/{args.epochs} {time.time() - t0:.0f}s loss sts {total['sts']:.1f} nli {total['nli']:.1f}"
        if checks is not None and (args.check_every and (epoch + 1) % args.check_every == 0):
            msg += f" {checks(emb.weight.detach().numpy())}"
        print(msg, flush=True)
    return emb.weight.detach().numpy().astype(np.float32)


def _mnrl(cols, loss):
    """sentence-transformers MNRL: anchors vs [positives, hard negatives] (any count of the latter)."""
    return loss.compute_loss_from_embeddings(cols, None)


# ----------------------------------------------------------------------------- output
def write_model(out: Path, vectors: np.ndarray, table: dict[str, int], meta: dict) -> None:
    used = sorted(set(table.values()))
    remap = {old: new for new, old in enumerate(used)}
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "vectors.npy", vectors[used].astype(np.float16))
    with open(out / "vocab.tsv", "w", encoding="utf-8", newline="\n") as fh:
        for key in sorted(table):
            fh.write(f"{key}\t{remap[table[key]]}\n")
    config = {"format": "pubcom-static", "version": 1, "name": NAME, "dim": int(vectors.shape[1]),
              "rows": len(used), "keys": len(table), "vectors": "vectors.npy", "vocab": "vocab.tsv",
              "tokenizer": "fugashi + unidic-lite; NFKC; key = surface, else orthBase, else lemma",
              "pooling": "sum of rows, L2-normalised", **meta}
    (out / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=HERE / NAME)
    p.add_argument("--build", type=Path, default=HERE / "_build")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--mnr-weight", type=float, default=1.0)
    p.add_argument("--no-janli", dest="janli", action="store_false")
    p.add_argument("--function-weight", type=float, default=0.3,
                   help="initial scale of rows used only by particles, auxiliaries and symbols")
    p.add_argument("--holdout", type=int, default=500, help="JSICK train pairs held out for a check")
    p.add_argument("--check-every", type=int, default=0, help="print the checks every N epochs")
    p.add_argument("--raw", action="store_true", help="write the pruned chiVe table without fine-tuning")
    args = p.parse_args(argv)

    data = shared_data()
    if not (data / "jsts" / "train-v1.3.json").exists():
        print(f"training data not found in {data} (set CLUSTER_SHARED_DATA)", file=sys.stderr)
        return 2
    t0 = time.time()
    tok = Tokenizer()
    vectors, table = read_chive(fetch_wheel(args.build))
    function_rows: set[int] = set()
    table = prune(table, tok, function_rows)
    if args.function_weight != 1.0:  # start from a content-word-weighted mean
        rows = sorted(function_rows)
        vectors[rows] *= args.function_weight
        print(f"{len(rows)} function-word rows scaled by {args.function_weight}")
    print(f"pruned to {len(table):,} keys over {len(set(table.values())):,} rows ({time.time() - t0:.0f}s)")

    jsick = read_tsv(data / "jsick" / "train.tsv")
    order = list(range(len(jsick)))
    random.Random(args.seed).shuffle(order)
    hold = {i for i in order[:args.holdout]}
    args.jsick_train = [r for i, r in enumerate(jsick) if i not in hold]
    checks = Checks(tok, table, data, [jsick[i] for i in sorted(hold)])
    raw_scores = checks(vectors)
    print("raw chiVe:", raw_scores)
    meta = {"seed": args.seed, "function_weight": args.function_weight, "raw_chive_scores": raw_scores}
    if not args.raw:
        vectors = train(vectors, tok, table, data, args, checks)
        meta["training"] = {"epochs": args.epochs, "lr": args.lr, "batch_size": args.batch_size,
                            "mnr_weight": args.mnr_weight, "janli": args.janli,
                            "jsick_holdout": args.holdout,
                            "losses": "CoSENT (JSTS train) + MultipleNegativesRanking (JSICK/JaNLI entailment, hard negatives)"}
    # Scores of the shipped (float16) weights.
    meta["scores"] = checks(vectors.astype(np.float16).astype(np.float32))
    print("final:", meta["scores"])
    write_model(args.out, vectors, table, meta)
    size = sum(f.stat().st_size for f in args.out.iterdir())
    print(f"wrote {args.out} ({size / 1e6:.1f} MB) in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
