"""QA96: a prefecture's IT officer runs the tool with the office's own sentence-transformers model
(`pip install ".[st]"`, `cluster run … --model PATH`). The run says which model it used, run.json
records the model's files (not only the name typed), a re-run tells a retrained model in the same
folder from one folder named two ways, nothing is fetched from the hub whatever the environment
says, and a folder that is no model gets its own one line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import invoke, write_csv
from cluster import messages_ja, stance
from cluster.embed import EncoderError, load_encoder

COMMENTS = [
    "ごみ袋の有料化は見送ってほしいです。",
    "ごみ袋の有料化に賛成です。",
    "資源ごみの回収を週二回に増やしてください。",
    "資源ごみの回収回数を増やしてほしい。",
    "粗大ごみを戸別に収集してほしい。",
    "外国人向けにごみの出し方を多言語で案内してください。",
]


def build_model(folder: Path, seed: int = 0) -> Path:
    """A tiny sentence-transformers model (one vector per character), saved like any other."""
    pytest.importorskip("sentence_transformers")
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer as HFTokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import Split

    chars = sorted(set("".join(COMMENTS)))
    vocab = {"[UNK]": 0, **{c: i + 1 for i, c in enumerate(chars)}}
    tokenizer = HFTokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = Split("", "isolated")
    weights = np.random.default_rng(seed).normal(size=(len(vocab), 16)).astype(np.float32)
    SentenceTransformer(modules=[StaticEmbedding(tokenizer, embedding_weights=weights)], device="cpu").save(str(folder))
    return folder


@pytest.fixture
def consultation(tmp_path):
    csv = write_csv(tmp_path / "comments.csv", ["ID", "ご意見"], [[f"R{i:02d}", t] for i, t in enumerate(COMMENTS, 1)])
    return csv, build_model(tmp_path / "office-model")


def test_the_run_names_the_model_and_run_json_records_its_files(consultation, tmp_path):
    csv, model = consultation
    result = invoke("run", csv, "--model", model, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.output.splitlines() if ln.startswith("model: "))
    info = json.loads((tmp_path / "out" / "run.json").read_text("utf-8"))
    found = info["model_info"]
    assert found["kind"] == "sentence-transformers" and found["dim"] == 16
    assert found["folder"] == str(model.resolve()) and len(found["fingerprint"]) == 12
    assert f"({found['kind']}, 16 dimensions" in line and found["fingerprint"] in line
    # the libraries such a model runs on make its vectors what they are
    assert {"sentence-transformers", "torch", "transformers", "tokenizers"} <= set(info["versions"])
    assert messages_ja.translate(line).startswith("モデル：")


def test_the_default_model_run_prints_no_model_line_and_lists_no_torch(tmp_path):
    csv = write_csv(tmp_path / "comments.csv", ["ID", "ご意見"], [[f"R{i:02d}", t] for i, t in enumerate(COMMENTS, 1)])
    result = invoke("run", csv, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert not [ln for ln in result.output.splitlines() if ln.startswith("model: ")]
    info = json.loads((tmp_path / "out" / "run.json").read_text("utf-8"))
    assert info["model_info"]["kind"] == "static" and info["model_info"]["fingerprint"]
    assert "torch" not in info["versions"] and "sentence-transformers" not in info["versions"]


def test_one_folder_named_two_ways_is_one_model_and_a_retrained_one_is_another(consultation, tmp_path, monkeypatch):
    csv, model = consultation
    out = tmp_path / "out"
    assert invoke("run", csv, "--model", model, "--out", out).exit_code == 0
    monkeypatch.chdir(tmp_path)  # the same folder, given relative to where the officer stands
    again = invoke("run", csv, "--model", "office-model", "--out", out)
    assert again.exit_code == 0, again.output
    assert "another model" not in again.output
    build_model(model, seed=1)  # retrained into the same folder
    retrained = invoke("run", csv, "--model", "office-model", "--out", out)
    assert retrained.exit_code == 0, retrained.output
    line = next(ln for ln in retrained.output.splitlines() if "another model" in ln)
    assert "the files of office-model changed since the earlier run" in line
    assert "のファイルが前回から変わっています" in messages_ja.translate(line)


def test_a_folder_that_is_no_model_and_a_file_each_get_their_own_line(tmp_path):
    pytest.importorskip("sentence_transformers")
    csv = write_csv(tmp_path / "comments.csv", ["ID", "ご意見"], [["R01", COMMENTS[0]]])
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "readme.txt").write_text("モデルの説明", encoding="utf-8")
    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b"\0" * 64)
    for given, says in ((notes, "is not a sentence-transformers model (no modules.json or config.json in it)"),
                        (weights, "is a file, not a model folder")):
        with pytest.raises(EncoderError, match=r"^model (folder )?'") as caught:
            load_encoder(str(given))
        assert says in str(caught.value) and "offline" not in str(caught.value)
        assert messages_ja.is_known(str(caught.value))
        result = subprocess.run([sys.executable, "-m", "cluster", "run", str(csv), "--model", str(given),
                                 "--out", str(tmp_path / "out")], capture_output=True, text=True)
        assert result.returncode != 0 and "Traceback" not in result.stderr
        said = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert said[-1] == f"error: {caught.value}" and [ln for ln in said if ln.startswith("error")] == said[-1:]


def test_nothing_is_fetched_from_the_hub_whatever_the_environment_says(monkeypatch):
    """HF_HUB_OFFLINE=0 set by an office image: the tool still reads local files only (QA96: 81 s of
    retries before the error line, and on a PC with internet the model would have been downloaded)."""
    pytest.importorskip("sentence_transformers")
    import httpx

    calls = []

    def no_network(self, request, *args, **kwargs):
        calls.append(str(request.url))
        raise httpx.ConnectError("no network in this test", request=request)

    monkeypatch.setattr(httpx.Client, "send", no_network)
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    with pytest.raises(EncoderError, match="cannot be loaded offline"):
        load_encoder("some-office/no-such-model")
    assert calls == []
    # the calling process's environment is left as it was (a notebook's later downloads still work)
    assert os.environ["HF_HUB_OFFLINE"] == "0" and "TRANSFORMERS_OFFLINE" not in os.environ


def test_an_empty_text_has_no_direction_with_any_model(consultation):
    _, model = consultation
    encoder = load_encoder(str(model))
    rows = encoder.encode(["", "   ", COMMENTS[2]])
    assert not rows[0].any() and not rows[1].any()
    assert abs(float(np.linalg.norm(rows[2])) - 1.0) < 1e-5
    assert "dim=16" in repr(encoder)


@pytest.mark.parametrize("put_off", ["ごみ袋の有料化は見送ってほしいです。", "有料化を見送ってください。",
                                     "有料化は見送るべきです。", "ごみ袋の値上げ（有料化）は見送ってほしいです。",
                                     "計画の実施を見合わせてほしい。"])
def test_a_change_put_off_is_never_grouped_with_its_approval(put_off):
    """QA96: 「有料化は見送ってほしい」 shared a row with 「有料化に賛成」 (read as a request like it)."""
    approval = "ごみ袋の有料化に賛成です。"
    apart = (stance.opposite_directions(put_off, approval)
             or stance.request_stance(put_off) * stance.request_stance(approval) < 0)
    assert apart


def test_the_same_code_installed_or_checked_out_is_one_build(tmp_path):
    """`pip install .` puts the model's build script in cluster/shipped_models/: not the tool's code
    (QA96: a run folder of the checkout said the installed copy was 「another build of the tool」)."""
    import shutil

    root = Path(__file__).resolve().parent.parent
    copy = tmp_path / "site"
    shutil.copytree(root / "cluster", copy / "cluster", ignore=shutil.ignore_patterns("__pycache__", "shipped_models"))
    code = "from cluster.pipeline import build_fingerprint; print(build_fingerprint())"
    env = {**os.environ, "PYTHONPATH": str(copy)}
    before = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=tmp_path).stdout
    (copy / "cluster" / "shipped_models").mkdir(exist_ok=True)
    (copy / "cluster" / "shipped_models" / "build_default_model.py").write_text("print('build')\n", encoding="utf-8")
    after = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=tmp_path).stdout
    assert before.strip() and before == after
    (copy / "cluster" / "extra.py").write_text("X = 1\n", encoding="utf-8")  # the tool's own code does count
    changed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=tmp_path).stdout
    assert changed != before
