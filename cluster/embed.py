"""Sentence embeddings behind one interface.

``load_encoder(None)`` gives the shipped default model (a static word-vector encoder,
numpy only); a path to a folder in that format loads it; ``"char-hash"`` gives a
dependency-free character n-gram hashing encoder; any other name or path gives a
sentence-transformers model (optional extra ``pip install "pubcom-cluster[st]"``).

Every encoder has ``name`` and ``encode(texts, batch_size=..., show_progress_bar=...)``
returning a float32 array (n, dim) with L2-normalised rows (an empty or unknown text
gives a zero row). Repeated texts are encoded once.

The static format (``models/ja-static-v1/``, see ``models/README.md``):

- ``config.json``: ``{"format": "pubcom-static", "version": 1, "name": ..., "dim": ...,
  "rows": ..., "vectors": "vectors.npy", "vocab": "vocab.tsv", ...}``
- ``vectors.npy``: float16 array (rows, dim), one row per word vector.
- ``vocab.tsv``: UTF-8, one ``key<TAB>row`` per line; several keys may share a row.

A text is NFKC-normalised and tokenised with fugashi + unidic-lite; each token is looked up
by surface, else orthographic base form, else lemma (:meth:`cluster.tokenize.Tokenizer.lookup_ids`);
the sentence vector is the sum of the found rows, L2-normalised (the same direction as the mean).
"""
from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import numpy as np

DEFAULT_MODEL = "ja-static-v1"
STATIC_FORMAT = "pubcom-static"
PROGRESS_MIN = 2000  # inputs longer than this show a progress bar unless told not to


class EncoderError(ValueError):
    """A model cannot be loaded; the message says what to do."""


def models_dir() -> Path:
    """Folder holding the shipped models: ``$CLUSTER_MODEL_DIR``, else ``<repo>/models`` in a
    checkout (and an editable install), else the copy ``pip install .`` puts beside the package
    (``cluster.shipped_models``, the same folder installed as package data)."""
    env = os.environ.get("CLUSTER_MODEL_DIR")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parent.parent / "models"
    installed = Path(__file__).resolve().parent / "shipped_models"
    if not (checkout / DEFAULT_MODEL / "config.json").is_file() and (installed / DEFAULT_MODEL / "config.json").is_file():
        return installed
    return checkout


def _unique(texts) -> tuple[list[str], np.ndarray]:
    """Unique texts in first-seen order and, per input, the index of its unique text."""
    index: dict[str, int] = {}
    inverse = np.empty(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        if text is None:
            text = ""
        elif not isinstance(text, str):
            text = str(text)
        j = index.get(text)
        if j is None:
            j = index[text] = len(index)
        inverse[i] = j
    return list(index), inverse


def _normalize_rows(x: np.ndarray) -> np.ndarray:
    norms = np.sqrt(np.einsum("ij,ij->i", x, x))
    np.divide(x, norms[:, None], out=x, where=norms[:, None] > 0)
    return x


def _show_bar(show_progress_bar, n: int) -> bool:
    if show_progress_bar is None:
        return n > PROGRESS_MIN
    return bool(show_progress_bar)


class StaticEncoder:
    """Static word-vector sentence encoder (numpy only); see the module docstring for the format."""

    def __init__(self, path: str | os.PathLike) -> None:
        path = Path(path)
        config_file = path / "config.json"
        try:
            config = json.loads(config_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise EncoderError(f"{path}: no config.json, not a static model folder") from None
        except (OSError, ValueError) as exc:
            raise EncoderError(f"{config_file}: cannot read the model config ({exc})") from None
        if config.get("format") != STATIC_FORMAT:
            raise EncoderError(f"{config_file}: format is {config.get('format')!r}, expected {STATIC_FORMAT!r}")
        try:
            vectors = np.load(path / config.get("vectors", "vectors.npy"), allow_pickle=False)
            vocab: dict[str, int] = {}
            with open(path / config.get("vocab", "vocab.tsv"), encoding="utf-8") as fh:
                for line in fh:
                    key, _, row = line.rstrip("\n").rpartition("\t")
                    vocab[key] = int(row)
        except (OSError, ValueError) as exc:
            raise EncoderError(f"{path}: cannot read the model files ({exc})") from None
        if vectors.ndim != 2 or (vocab and max(vocab.values()) >= vectors.shape[0]):
            raise EncoderError(f"{path}: vectors and vocab do not match")
        self.path = path
        self.config = config
        self.name = str(config.get("name") or path.name)
        # float32 in memory: summing float16 rows would lose precision and speed.
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.vocab = vocab
        self.dim = int(self.vectors.shape[1])
        from .tokenize import Tokenizer

        self.tokenizer = Tokenizer()

    def __repr__(self) -> str:
        return f"StaticEncoder(name={self.name!r}, rows={self.vectors.shape[0]}, dim={self.dim})"

    def token_ids(self, text: str) -> list[int]:
        """Row ids of the text's tokens (the same function is used to train the model)."""
        return self.tokenizer.lookup_ids(text, self.vocab)

    def token_rows(self, text: str) -> list[tuple[int, str, str, str]]:
        """``(row, pos1, pos2, lemma)`` of each token of ``text`` found in the table.

        The same rows as :meth:`token_ids` (surface, else orthographic base form, else
        lemma), with the UniDic part of speech and lemma, so callers can weight or drop
        tokens (content words only, IDF weights) and pool ``self.vectors`` themselves.
        """
        import unicodedata

        get = self.vocab.get
        out = []
        for word in self.tokenizer.tagger(unicodedata.normalize("NFKC", text)):
            fields = word.feature_raw.split(",", 11)  # the fields up to orthBase suffice
            row = get(word.surface)
            if row is None and len(fields) > 10:
                row = get(fields[10])
                if row is None:
                    row = get(fields[7].split("-", 1)[0])
            if row is None:
                continue
            lemma = fields[7].split("-", 1)[0] if len(fields) > 7 and fields[7] != "*" else word.surface
            out.append((row, fields[0], fields[1] if len(fields) > 1 else "", lemma or word.surface))
        return out

    def _encode_unique(self, texts: list[str]) -> np.ndarray:
        from scipy.sparse import csr_matrix

        lookup = self.tokenizer.lookup_ids
        vocab = self.vocab
        lengths = np.empty(len(texts), dtype=np.int64)
        ids: list[int] = []
        for i, text in enumerate(texts):
            row = lookup(text, vocab)
            lengths[i] = len(row)
            ids += row
        # Sum of rows as a sparse (texts x rows) count matrix times the table: no
        # (tokens x dim) intermediate, several times faster than gather + np.add.reduceat.
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        counts = csr_matrix((np.ones(len(ids), dtype=np.float32), np.asarray(ids, dtype=np.int32), indptr),
                            shape=(len(texts), self.vectors.shape[0]))
        out = np.ascontiguousarray(counts @ self.vectors, dtype=np.float32)
        return _normalize_rows(out)

    def encode(self, texts, batch_size: int = 1024, show_progress_bar: bool | None = None,
               **kwargs) -> np.ndarray:
        if isinstance(texts, str):
            texts = [texts]
        unique, inverse = _unique(list(texts))
        if not unique:
            return np.zeros((0, self.dim), dtype=np.float32)
        step = max(int(batch_size or 1024), 1)
        chunks = range(0, len(unique), step)
        if _show_bar(show_progress_bar, len(unique)):
            from tqdm.auto import tqdm

            chunks = tqdm(chunks, desc=f"embedding ({self.name})", unit="batch", file=sys.stderr)
        parts = [self._encode_unique(unique[i:i + step]) for i in chunks]
        emb = parts[0] if len(parts) == 1 else np.concatenate(parts)
        return emb[inverse]


class HashingCharEncoder:
    """Character 1-3gram counts hashed into ``dim`` buckets, TF-weighted, L2-normalised.

    Dependency-free fallback (``load_encoder("char-hash")``); much weaker than the default.
    """

    def __init__(self, dim: int = 2048) -> None:
        self.dim = dim
        self.name = f"char-hash-{dim}"

    def encode(self, texts, batch_size: int = 256, show_progress_bar: bool | None = None,
               **kwargs) -> np.ndarray:
        from sklearn.feature_extraction.text import HashingVectorizer

        if isinstance(texts, str):
            texts = [texts]
        unique, inverse = _unique(list(texts))
        if not unique:
            return np.zeros((0, self.dim), dtype=np.float32)
        vec = HashingVectorizer(analyzer="char", ngram_range=(1, 3), n_features=self.dim,
                                alternate_sign=False, norm="l2")
        emb = vec.transform(unique).astype(np.float32).toarray()
        return emb[inverse]


class SentenceTransformerEncoder:
    """Any sentence-transformers model by name or local path (never downloaded here: every file is
    read with ``local_files_only``, whatever ``HF_HUB_OFFLINE`` says, and the process's environment
    is left as it was)."""

    progress_min = 200  # a transformer takes seconds per hundred texts on an office PC: show a bar early

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise EncoderError(
                f"model {model!r} needs sentence-transformers, which is not installed: "
                'pip install "pubcom-cluster[st]" (or use the default model: no --model)'
            ) from None
        folder = Path(model).expanduser()
        if folder.is_file():
            raise EncoderError(f"model {model!r} is a file, not a model folder; give the folder that holds the "
                               "model's files (modules.json, config.json …), or no --model for the shipped model")
        if folder.is_dir() and not any((folder / name).is_file() for name in ("modules.json", "config.json")):
            raise EncoderError(f"model folder {model!r} is not a sentence-transformers model (no modules.json or "
                               "config.json in it); give the folder the model was saved to, or no --model for the "
                               "shipped model")
        _quiet_transformers()
        try:
            self.model = SentenceTransformer(model, device="cpu", local_files_only=True)
        except Exception as exc:  # hub/offline/file errors come in many types
            why = " ".join(f"{type(exc).__name__}: {exc}".split())
            why = why if len(why) <= 300 else why[:299] + "…"
            if folder.is_dir():  # the files are here: the trouble is in them, not the network
                raise EncoderError(f"model folder {model!r} cannot be read: {why}") from None
            if isinstance(exc, OSError):
                why = "no folder of that name here and no such model in the local Hugging Face cache (nothing is downloaded)"
            raise EncoderError(
                f"model {model!r} cannot be loaded offline: {why}; "
                "give a local folder of a sentence-transformers model, a name already in the "
                "local Hugging Face cache, or no --model for the shipped model"
            ) from None
        self.name = model
        self.folder = folder.resolve() if folder.is_dir() else _cached_folder(model)
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(get_dim() or 0)

    def __repr__(self) -> str:
        return f"SentenceTransformerEncoder(name={self.name!r}, dim={self.dim})"

    def encode(self, texts, batch_size: int = 32, show_progress_bar: bool | None = None,
               **kwargs) -> np.ndarray:
        if isinstance(texts, str):
            texts = [texts]
        unique, inverse = _unique(list(texts))
        if not unique:
            return np.zeros((0, self.dim), dtype=np.float32)
        show = len(unique) > self.progress_min if show_progress_bar is None else bool(show_progress_bar)
        emb = self.model.encode(unique, batch_size=batch_size, show_progress_bar=show,
                                convert_to_numpy=True, normalize_embeddings=False)
        emb = _normalize_rows(np.asarray(emb, dtype=np.float32).reshape(len(unique), -1))
        emb[[i for i, text in enumerate(unique) if not text.strip()]] = 0.0  # as every encoder: no text, no direction
        return emb[inverse]


def _quiet_transformers() -> None:
    """No 「Loading weights: 100%」 bar from transformers on every run: the run prints its own lines."""
    try:
        from transformers.utils import logging as transformers_logging
    except ImportError:
        return
    transformers_logging.disable_progress_bar()


def _cached_folder(name: str) -> Path | None:
    """The local Hugging Face cache's folder of model ``name`` (a snapshot), if it is there."""
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    for probe in ("modules.json", "config.json"):
        found = try_to_load_from_cache(name, probe)
        if isinstance(found, str):
            return Path(found).parent
    return None


def model_identity(encoder) -> dict:
    """What run.json records of the model a run used, and what tells two runs' models apart:
    ``{"name", "kind", "dim", "folder", "fingerprint"}``. The fingerprint is the SHA-256 of the
    model folder's files (their paths and contents), 12 hex digits: a model retrained into the same
    folder is another model, one folder named two ways (「./m」, 「/home/…/m」) the same one."""
    if isinstance(encoder, StaticEncoder):
        kind, folder = "static", Path(encoder.path).resolve()
    elif isinstance(encoder, SentenceTransformerEncoder):
        kind, folder = "sentence-transformers", encoder.folder
    elif isinstance(encoder, HashingCharEncoder):
        kind, folder = "char-hash", None
    else:
        kind, folder = type(encoder).__name__, None
    return {"name": str(getattr(encoder, "name", "")), "kind": kind, "dim": int(getattr(encoder, "dim", 0) or 0),
            "folder": str(folder) if folder else None,
            "fingerprint": _folder_fingerprint(str(folder)) if folder else None}


def _folder_fingerprint(folder: str) -> str | None:
    root = Path(folder)
    try:
        files = sorted(p for p in root.rglob("*") if p.is_file() and not any(
            part.startswith(".") or part == "__pycache__" for part in p.relative_to(root).parts))
        stats = [(p, p.stat()) for p in files]
        listing = tuple((p.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns) for p, st in stats)
    except OSError:
        return None
    return _files_fingerprint(folder, listing)


@functools.lru_cache(maxsize=8)
def _files_fingerprint(folder: str, listing: tuple) -> str | None:
    """(cached by the files' names, sizes and times: a model file rewritten is read again)"""
    import hashlib

    digest = hashlib.sha256()
    try:
        for rel, _, _ in listing:
            digest.update(rel.encode("utf-8") + b"\0")
            with open(Path(folder) / rel, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
            digest.update(b"\0")
    except OSError:
        return None
    return digest.hexdigest()[:12]


def _is_static_dir(path: Path) -> bool:
    config = path / "config.json"
    if not config.is_file():
        return False
    try:
        return json.loads(config.read_text(encoding="utf-8")).get("format") == STATIC_FORMAT
    except (OSError, ValueError):
        return False


def load_encoder(model: str | os.PathLike | None = None):
    """An encoder: ``None`` = the shipped default; ``"char-hash"``; a static model folder;
    else a sentence-transformers model name or path."""
    if model is None or str(model) in ("", "default", DEFAULT_MODEL):
        path = models_dir() / DEFAULT_MODEL
        if not (path / "config.json").is_file():
            raise EncoderError(
                f"the default model is missing: {path} (set CLUSTER_MODEL_DIR to the folder holding "
                f"{DEFAULT_MODEL}/, rebuild it with models/build_default_model.py, or use --model char-hash)"
            )
        return StaticEncoder(path)
    name = str(model)
    if name == "char-hash" or name.startswith("char-hash-"):
        dim = name.rpartition("-")[2]
        return HashingCharEncoder(int(dim)) if dim.isdigit() else HashingCharEncoder()
    path = Path(name).expanduser()
    if path.is_dir() and _is_static_dir(path):
        return StaticEncoder(path)
    # a path that is not there (「/models/ruri」「./ruri」「C:\\models」): say so, not what the hub
    # library makes of it as a model name
    looks_like_path = path.is_absolute() or name.startswith((".", "~")) or "\\" in name or name.count("/") > 1
    if looks_like_path and not path.exists():
        raise EncoderError(f"model folder {name!r} not found; give the folder of a sentence-transformers model, "
                           "a model name in the local Hugging Face cache, or leave --model out for the shipped model")
    return SentenceTransformerEncoder(name)
