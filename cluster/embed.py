"""Sentence embeddings behind one interface.

``load_encoder(None)`` gives the shipped default model; a name or path gives a
sentence-transformers model (optional extra). Every encoder has ``name`` and
``encode(texts) -> float32 array (n, dim)`` with L2-normalised rows.

INTERIM: until the default static model lands, ``None`` gives a deterministic
character n-gram hashing encoder.
"""
from __future__ import annotations

import numpy as np


class HashingCharEncoder:
    """Character 1-3gram counts hashed into ``dim`` buckets, TF-weighted, L2-normalised."""

    def __init__(self, dim: int = 2048) -> None:
        self.dim = dim
        self.name = f"char-hash-{dim}"

    def encode(self, texts, batch_size: int = 256, show_progress_bar: bool = False) -> np.ndarray:
        from sklearn.feature_extraction.text import HashingVectorizer

        vec = HashingVectorizer(analyzer="char", ngram_range=(1, 3), n_features=self.dim,
                                alternate_sign=False, norm="l2")
        return vec.transform(list(texts)).astype(np.float32).toarray()


def load_encoder(model: str | None = None):
    if model is None:
        return HashingCharEncoder()
    raise ValueError(f"model {model!r}: sentence-transformers models are not supported yet")
