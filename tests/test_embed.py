"""Embedding interface: the shipped static model, char-hash, and the sentence-transformers path."""
from __future__ import annotations

import json
import pickle

import numpy as np
import pytest

from cluster.embed import (DEFAULT_MODEL, EncoderError, HashingCharEncoder, StaticEncoder,
                           load_encoder, models_dir)
from cluster.tokenize import Tokenizer

HAVE_DEFAULT = (models_dir() / DEFAULT_MODEL / "config.json").is_file()
needs_default = pytest.mark.skipif(not HAVE_DEFAULT, reason="default model not built")

# Sentences written for these tests (administrative topics, as in public comments).
TEXTS = [
    "駐輪場の数を増やしてほしい。",
    "自転車を停める場所をもっと増やしてください。",
    "図書館の開館時間を延長してほしい。",
    "ごみの収集日を週二回にしてください。",
    "市役所の窓口の待ち時間が長すぎる。",
]


@pytest.fixture(scope="module")
def encoder():
    if not HAVE_DEFAULT:
        pytest.skip("default model not built")
    return load_encoder(None)


def cos(a, b) -> float:
    return float(np.dot(a, b))


@needs_default
def test_shape_dtype_and_unit_rows(encoder):
    emb = encoder.encode(TEXTS)
    assert emb.shape == (len(TEXTS), encoder.dim)
    assert emb.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)
    assert isinstance(encoder.name, str) and encoder.name == DEFAULT_MODEL


@needs_default
def test_paraphrases_closer_than_unrelated(encoder):
    pairs = [
        ("駐輪場の数を増やしてほしい。", "自転車を停める場所をもっと増やしてください。", "図書館の開館時間を延長してほしい。"),
        ("公園に遊具を設置してほしい。", "公園に子供の遊具を置いてください。", "税金の使い道を公開してほしい。"),
        ("バスの本数が少なくて不便です。", "バスの便数を増やしてほしい。", "学校の給食費が高い。"),
        ("この計画に反対します。", "本計画には賛成できません。", "道路の街灯が暗い。"),
    ]
    for a, p, u in pairs:
        ea, ep, eu = encoder.encode([a, p, u])
        assert cos(ea, ep) > cos(ea, eu), (a, p, u)


@needs_default
def test_repeated_texts_and_order(encoder):
    texts = [TEXTS[0], TEXTS[1], TEXTS[0], TEXTS[0], TEXTS[2]]
    emb = encoder.encode(texts)
    np.testing.assert_array_equal(emb[0], emb[2])
    np.testing.assert_array_equal(emb[0], emb[3])
    np.testing.assert_array_equal(emb, encoder.encode(texts))  # deterministic
    np.testing.assert_allclose(emb[[0, 1, 4]], encoder.encode([TEXTS[0], TEXTS[1], TEXTS[2]]), atol=1e-6)
    # Small batches give the same rows as one big batch.
    np.testing.assert_allclose(encoder.encode(texts, batch_size=2), emb, atol=1e-6)


@needs_default
def test_empty_and_unknown_texts(encoder):
    emb = encoder.encode(["", "   ", "。", TEXTS[0], "", "\u0000"])
    assert emb.shape[0] == 6
    assert np.isfinite(emb).all()
    np.testing.assert_array_equal(emb[0], 0)
    np.testing.assert_array_equal(emb[1], 0)
    assert abs(np.linalg.norm(emb[3]) - 1) < 1e-5
    assert encoder.encode([]).shape == (0, encoder.dim)


@needs_default
def test_fullwidth_and_halfwidth_agree(encoder):
    a, b = encoder.encode(["令和５年度の予算", "令和5年度の予算"])
    assert cos(a, b) > 0.999


@needs_default
def test_progress_bar_on_long_input(encoder, capsys):
    texts = [f"意見その{i}について" for i in range(2500)]
    emb = encoder.encode(texts)
    assert emb.shape == (2500, encoder.dim)
    assert "embedding" in capsys.readouterr().err
    encoder.encode(texts, show_progress_bar=False)
    assert capsys.readouterr().err == ""


@needs_default
def test_default_model_files_are_small_and_consistent():
    path = models_dir() / DEFAULT_MODEL
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    total = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
    assert total < 30e6
    vectors = np.load(path / config["vectors"])
    assert vectors.dtype == np.float16 and vectors.shape == (config["rows"], config["dim"])


def test_lookup_ids_matches_token_forms():
    tok = Tokenizer()
    table = {"公園": 0, "開く": 1, "た": 2}
    # 開い (surface) is not in the table: its base form 開く is used; が is skipped.
    assert tok.lookup_ids("公園が開いた", table) == [0, 1, 2]
    assert tok.lookup_ids("", table) == []
    assert pickle.loads(pickle.dumps(tok)).lookup_ids("公園", table) == [0]


def test_static_folder_round_trip(tmp_path):
    """A folder in the static format loads by path; sums of rows, L2-normalised."""
    vectors = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=np.float16)
    np.save(tmp_path / "vectors.npy", vectors)
    (tmp_path / "vocab.tsv").write_text("駅\t0\n公園\t1\n開く\t2\n", encoding="utf-8")
    (tmp_path / "config.json").write_text(json.dumps(
        {"format": "pubcom-static", "version": 1, "name": "tiny", "dim": 3, "rows": 3}), encoding="utf-8")
    enc = load_encoder(str(tmp_path))
    assert isinstance(enc, StaticEncoder) and enc.name == "tiny"
    emb = enc.encode(["駅", "公園が開いた", "ぬ", "駅"])
    np.testing.assert_allclose(emb[0], [1, 0, 0])
    np.testing.assert_allclose(emb[1], np.array([0, 1, 1]) / np.sqrt(2), atol=1e-6)
    np.testing.assert_array_equal(emb[2], 0)
    np.testing.assert_array_equal(emb[3], emb[0])


def test_char_hash_fallback():
    enc = load_encoder("char-hash")
    assert isinstance(enc, HashingCharEncoder)
    emb = enc.encode(TEXTS + ["", TEXTS[0]])
    assert emb.shape == (len(TEXTS) + 2, enc.dim) and emb.dtype == np.float32
    np.testing.assert_array_equal(emb[0], emb[-1])
    np.testing.assert_array_equal(emb[-2], 0)


def test_missing_default_model(tmp_path, monkeypatch):
    monkeypatch.setenv("CLUSTER_MODEL_DIR", str(tmp_path))
    with pytest.raises(EncoderError, match="default model is missing"):
        load_encoder(None)


def test_broken_static_folder(tmp_path):
    (tmp_path / "config.json").write_text('{"format": "pubcom-static"}', encoding="utf-8")
    with pytest.raises(EncoderError):
        load_encoder(str(tmp_path))


def test_unknown_model_is_a_clear_error(tmp_path, monkeypatch):
    # A name that is no folder here: without sentence-transformers "pip install"; with it, it
    # cannot be loaded offline (a path that is not there: test_a_model_path_that_is_not_there…)
    with pytest.raises(EncoderError, match="pip install|cannot be loaded offline") as err:
        load_encoder("no-such-org/no-such-model")
    assert issubclass(EncoderError, ValueError)
    # the CLI prints one line: the hub library's several-line message used to be cut mid-sentence
    assert "\n" not in str(err.value)
    if "cannot be loaded offline" in str(err.value):
        assert "no such model in the local Hugging Face cache" in str(err.value)


def test_missing_sentence_transformers_says_how_to_install(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.startswith("sentence_transformers"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(EncoderError, match=r'pip install "pubcom-cluster\[st\]"'):
        load_encoder("some-org/some-model")


def test_sentence_transformers_path_with_tiny_local_model(tmp_path):
    pytest.importorskip("sentence_transformers")
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer as HFTokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import Split

    vocab = {"[UNK]": 0, "駐": 1, "輪": 2, "場": 3, "図": 4, "書": 5, "館": 6}
    tokenizer = HFTokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = Split("", "isolated")  # one token per character
    rng = np.random.default_rng(0)
    weights = rng.normal(size=(len(vocab), 8)).astype(np.float32)
    model = SentenceTransformer(modules=[StaticEmbedding(tokenizer, embedding_weights=weights)], device="cpu")
    model.save(str(tmp_path))

    enc = load_encoder(str(tmp_path))
    assert enc.name == str(tmp_path)
    emb = enc.encode(["駐輪場", "図書館", "駐輪場"])
    assert emb.shape == (3, 8) and emb.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(emb[0], emb[2])
    expected = weights[[1, 2, 3]].mean(0)
    np.testing.assert_allclose(emb[0], expected / np.linalg.norm(expected), atol=1e-5)


def test_default_path_needs_no_torch():
    """The shipped model encodes with numpy alone, and a plain install does not ask for torch."""
    import subprocess
    import sys
    import tomllib
    from pathlib import Path

    code = ("import sys; from cluster import load_encoder; "
            "v = load_encoder().encode(['駐輪場を増やしてほしい']); "
            "assert v.shape[0] == 1; print('torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text("utf-8"))["project"]
    assert not [d for d in project["dependencies"] if d.split("=")[0].split(">")[0].strip() in ("torch", "sentence-transformers")]


def test_a_model_path_that_is_not_there_is_one_clear_error(tmp_path):
    """「--model /models/ruri」 mistyped: the message says the folder is missing (not what the
    hub library makes of it as a repository name); an organisation/name stays a model name."""
    from cluster.embed import EncoderError, load_encoder

    for missing in (str(tmp_path / "ruri-v3"), "./no-such-model", "~/no/such/model"):
        with pytest.raises(EncoderError, match="not found"):
            load_encoder(missing)


def test_a_plain_install_carries_the_default_model(tmp_path):
    """`pip install .` (the README's office install) puts the shipped model beside the package, so
    the batch run needs no checkout: a wheel built from the project, unpacked elsewhere and
    imported from there, loads the default model from inside itself (QA38: it looked for
    site-packages/models and stopped)."""
    import os
    import subprocess
    import sys
    import zipfile
    from pathlib import Path

    import shutil

    root = Path(__file__).resolve().parent.parent
    src = tmp_path / "src"  # built from a copy: the build leaves a build/ folder where it runs
    for name in ("cluster", "models"):
        shutil.copytree(root / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, src / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                            "-w", str(tmp_path / "wheel"), str(src)], capture_output=True, text=True)
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {built.stderr.strip()[-200:]}")
    wheel, = (tmp_path / "wheel").glob("*.whl")
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    assert (site / "cluster" / "shipped_models" / "ja-static-v1" / "config.json").is_file()
    env = {k: v for k, v in os.environ.items() if k not in ("CLUSTER_MODEL_DIR", "PYTHONPATH")}
    probe = ("from cluster.embed import load_encoder, models_dir; enc = load_encoder(None); "
             "print(models_dir()); print(enc.encode(['駐輪場を増やしてほしい。']).shape)")
    ran = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {probe}"],
                         capture_output=True, text=True, cwd=tmp_path, env=env)
    assert ran.returncode == 0, ran.stderr
    where, shape = ran.stdout.split("\n")[:2]
    assert Path(where) == site / "cluster" / "shipped_models" and shape.startswith("(1, ")
