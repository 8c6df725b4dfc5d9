"""Reliability: a run that fails or is killed never destroys the previous result, never
leaves a half-written report that looks complete; decisions never interleave; outputs are
byte-identical across processes and hash seeds.

Faults injected: a writer raising midway, "disk full" (OSError ENOSPC) on each output in
turn, SIGKILL at chosen points of the output phase (subprocess), a broken decisions line,
two processes appending decisions at once.
"""
from __future__ import annotations

import errno
import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import cluster.io as cio
import cluster.report as creport
from cluster.cli import main
from cluster.pipeline import RunOptions, run

from reliability_strategies import one_blas_thread  # noqa: F401 (autouse fixture: numpy single-threaded)
from reliability_strategies import STATS, sample_rows, shared_encoder as _encoder, write_rows_csv

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ("opinions.csv", "clusters.csv", "answers.csv", "report.xlsx", "report.md", "report.html",
           "report.csv", "run.json")


def _model_args() -> list[str]:
    return [] if getattr(_encoder(), "name", "") != "char-hash" else ["--model", "char-hash"]


def snapshot(folder: Path) -> dict[str, str]:
    """name -> sha256 of every file, hidden ones included."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def visible(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


def hidden(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.startswith(".")}



def _env(**kw) -> dict:
    return dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", **kw)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("faults")
    first = write_rows_csv(d / "comments.csv", sample_rows(40, seed=1))
    second = write_rows_csv(d / "comments2.csv", sample_rows(45, seed=2))
    return first, second


@pytest.fixture(scope="module")
def finished(inputs, tmp_path_factory) -> Path:
    """A complete run folder, with one staff decision recorded."""
    out = tmp_path_factory.mktemp("finished") / "run"
    run(inputs[0], out, RunOptions(), log=lambda m: None, encoder=_encoder())
    from cluster.review import record_label, run_members

    members, _ = run_members(out)
    record_label(out, sorted(members)[0], "公園の樹木", by="tester")
    return out


@pytest.fixture
def previous(finished, tmp_path) -> Path:
    import shutil

    out = tmp_path / "run"
    shutil.copytree(finished, out)
    return out


def _assert_previous_intact(folder: Path, before: dict[str, str]) -> None:
    after = snapshot(folder)
    assert after == before, "previous outputs changed: " + ", ".join(
        sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)))
    info = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert info["completed"] is True


# ------------------------------------------------------------------ a writer raising midway


def _failing_atomic_path(nth: int, exc_factory):
    """atomic_path whose ``nth`` use fails after the temporary file was (partly) written."""
    real = cio.atomic_path
    calls = {"n": 0}

    @contextmanager
    def patched(path):
        with real(path) as tmp:
            yield tmp
            calls["n"] += 1
            if calls["n"] == nth:
                Path(tmp).write_bytes(b"PARTIAL")  # half a file on disk...
                raise exc_factory(path)  # ...then the write fails

    return patched


@pytest.mark.parametrize("nth", [1, 5, 8])  # opinions.csv, report.md, run.json (all 8: the benchmark)
def test_writer_failure_keeps_previous_outputs(nth, previous, inputs, monkeypatch):
    before = snapshot(previous)
    patched = _failing_atomic_path(nth, lambda p: RuntimeError(f"injected failure writing {Path(p).name}"))
    monkeypatch.setattr(cio, "atomic_path", patched)
    monkeypatch.setattr(creport, "atomic_path", patched)
    STATS["faults_writer_raise"] += 1
    with pytest.raises(RuntimeError, match="injected"):
        run(inputs[1], previous, RunOptions(), log=lambda m: None, encoder=_encoder())
    _assert_previous_intact(previous, before)
    assert not hidden(previous), f"staging left behind: {hidden(previous)}"


@pytest.mark.parametrize("nth", [4])  # report.xlsx
def test_disk_full_is_one_line_and_keeps_previous_outputs(nth, previous, inputs, monkeypatch):
    before = snapshot(previous)
    patched = _failing_atomic_path(
        nth, lambda p: OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(p)))
    monkeypatch.setattr(cio, "atomic_path", patched)
    monkeypatch.setattr(creport, "atomic_path", patched)
    STATS["faults_disk_full"] += 1
    result = CliRunner().invoke(main, ["run", str(inputs[1]), "--out", str(previous), *_model_args()])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("error: ")
    assert "Traceback" not in result.stderr
    assert sum(1 for line in lines if line.startswith("error")) == 1
    assert "no space left" in lines[-1].lower()
    assert ".staging-" not in lines[-1], "the message names a hidden staging path instead of the output"
    _assert_previous_intact(previous, before)
    assert not hidden(previous)


def test_failure_while_moving_outputs_never_claims_completion(previous, inputs, monkeypatch):
    """Failing in the middle of moving the staged files: every file already replaced is put back
    and the previous run.json with them, so the folder is the previous run whole (QA38)."""
    before = snapshot(previous)
    real_replace = os.replace
    calls = {"n": 0}

    def flaky_replace(src, dst):
        if ".staging-" in str(src) and ".staging-" not in str(dst):
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(errno.EIO, os.strerror(errno.EIO), str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky_replace)
    STATS["faults_move_failure"] += 1
    with pytest.raises(OSError):
        run(inputs[1], previous, RunOptions(), log=lambda m: None, encoder=_encoder())
    _assert_previous_intact(previous, before)  # (no half-new folder, and no run.json of the new run)
    assert (previous / "decisions.jsonl").read_text(encoding="utf-8").count("\n") == 1
    assert not hidden(previous)
    monkeypatch.setattr(os, "replace", real_replace)
    run(inputs[1], previous, RunOptions(), log=lambda m: None, encoder=_encoder())  # the next run repairs it
    assert json.loads((previous / "run.json").read_text(encoding="utf-8"))["completed"] is True


def test_broken_decisions_line_is_one_line_and_touches_nothing(previous, inputs):
    with open(previous / "decisions.jsonl", "ab") as fh:
        fh.write(b'{"kind": "label", "opinion_ids": ["R-0001-1"], "value": {"label": \n')
    before = snapshot(previous)
    STATS["faults_broken_decisions"] += 1
    result = CliRunner().invoke(main, ["run", str(inputs[1]), "--out", str(previous), *_model_args()])
    assert result.exit_code == 2
    err = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(err) == 1 and "line 2" in err[0] and "decisions.jsonl" in err[0]
    _assert_previous_intact(previous, before)
    # recording another decision on a broken file is refused too, and changes nothing
    result = CliRunner().invoke(main, ["review", "label", str(previous), "C001", "図書館"])
    assert result.exit_code == 2 and snapshot(previous) == before


# ------------------------------------------------------------------ SIGKILL in a real process

_KILLER = textwrap.dedent("""
    import os, signal, sys
    from contextlib import contextmanager
    mode, nth = sys.argv[1], int(sys.argv[2])
    import cluster.io as cio, cluster.report as crep
    count = [0]
    def hit():
        count[0] += 1
        if count[0] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
    if mode == "write":  # killed with a temporary file written but not renamed
        real = cio.atomic_path
        @contextmanager
        def patched(path):
            with real(path) as tmp:
                yield tmp
                hit()
        cio.atomic_path = patched
        crep.atomic_path = patched
    else:  # killed before the nth move of a staged file into the run folder
        real_replace = os.replace
        def patched(src, dst):
            if ".staging-" in str(src) and ".staging-" not in str(dst):
                hit()
            return real_replace(src, dst)
        os.replace = patched
    from cluster.cli import main
    sys.argv = ["cluster"] + sys.argv[3:]
    main()
""")


def kill_run(mode: str, nth: int, input_path: Path, out: Path, extra=()) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _KILLER, mode, str(nth), "run", str(input_path),
                             "--out", str(out), "--no-progress", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(PYTHONHASHSEED="0"), cwd=ROOT)


def check_after_kill(folder: Path, before: dict[str, str], decisions: bytes, killed_in_publish: bool) -> None:
    """What a SIGKILL may leave: the previous result untouched, or no run.json at all."""
    names = visible(folder)
    assert not any(n.endswith(".tmp") for n in names)
    if not killed_in_publish:
        now = {k: v for k, v in snapshot(folder).items() if not k.startswith(".")}
        assert now == {k: v for k, v in before.items() if not k.startswith(".")}
    elif (folder / "run.json").exists():
        info = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        assert info["completed"] is True
        assert set(info["outputs"]) <= names
    assert (folder / "decisions.jsonl").read_bytes() == decisions, "a run changed decisions.jsonl"


KILL_CASES = [("replace", 8)]  # killed just before run.json moves in (SIGKILL while writing: the benchmark)


@pytest.fixture(scope="module")
def killed(finished, inputs, tmp_path_factory):
    """Run folders (copies of a finished run) whose next run was SIGKILLed at KILL_CASES."""
    import shutil

    out = []
    for mode, nth in KILL_CASES:
        folder = tmp_path_factory.mktemp(f"killed-{mode}{nth}") / "run"
        shutil.copytree(finished, folder)
        out.append((mode, nth, folder, snapshot(folder), kill_run(mode, nth, inputs[1], folder, _model_args())))
    for *_, proc in out:
        proc.communicate(timeout=300)
        STATS["faults_sigkill"] += 1
    return out


def test_sigkill_midway_keeps_previous_or_marks_incomplete(killed, finished):
    for mode, nth, folder, before, proc in killed:
        assert proc.returncode == -9, f"{mode} {nth}: not killed ({proc.returncode})"
        check_after_kill(folder, before, (finished / "decisions.jsonl").read_bytes(),
                         killed_in_publish=mode == "replace")
        if mode == "replace":
            assert not (folder / "run.json").exists(), "killed while publishing but run.json claims a result"


def test_next_run_cleans_staging_left_by_a_killed_run(killed, inputs):
    for mode, nth, folder, before, proc in killed:
        run(inputs[1], folder, RunOptions(), log=lambda m: None, encoder=_encoder())
        assert json.loads((folder / "run.json").read_text(encoding="utf-8"))["completed"] is True
    leftovers = {f"{m}{n}": hidden(folder) for m, n, folder, _, _ in killed}
    assert not any(leftovers.values()), f"the next run must clean what SIGKILL left: {leftovers}"


# ------------------------------------------------------------------ decisions from two processes


def _append_many(run_dir: str, who: str, n: int) -> None:
    from cluster.decisions import append_decision

    for i in range(n):
        # long lines (several KB, beyond one atomic pipe write) make interleaving visible
        append_decision(run_dir, "label", [f"{who}-{i}-1"], {"label": f"{who}の見出し{i}：" + "公園" * 700}, by=who)


def check_concurrent_appends(run_dir: Path, n: int = 200, processes: int = 2, timeout: float = 120) -> None:
    """``processes`` processes append ``n`` decisions each at once: every line whole, none lost or reordered."""
    ctx = multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork")
    whos = [f"職員{chr(ord('A') + i)}" for i in range(processes)]
    procs = [ctx.Process(target=_append_many, args=(str(run_dir), who, n)) for who in whos]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout)
        assert p.exitcode == 0
    lines = (run_dir / "decisions.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b""
    objs = [json.loads(line) for line in lines[:-1]]
    assert len(objs) == processes * n
    for who in whos:
        mine = [o["value"]["label"].split("：")[0] for o in objs if o["by"] == who]
        assert mine == [f"{who}の見出し{i}" for i in range(n)], "lost or reordered appends"
    from cluster.decisions import load_decisions

    assert len(load_decisions(run_dir)) == processes * n
    STATS["decision_lines_appended"] += processes * n


def test_two_processes_append_decisions_without_interleaving(tmp_path):
    check_concurrent_appends(tmp_path, 200)


def test_disk_full_while_appending_a_decision_leaves_no_half_line(tmp_path, monkeypatch):
    import builtins

    import cluster.decisions as decision_log

    decision_log.append_decision(tmp_path, "label", ["A-1-1"], {"label": "公園"}, by="職員A")
    before = (tmp_path / "decisions.jsonl").read_bytes()

    class HalfWrite:
        """A file whose writes stop half-way with ENOSPC, as on a full disk."""

        def __init__(self, fh):
            self._fh = fh

        def write(self, data):
            self._fh.write(bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "decisions.jsonl"))

        def __getattr__(self, name):
            return getattr(self._fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._fh.close()

    monkeypatch.setattr(decision_log, "open", lambda *a, **k: HalfWrite(builtins.open(*a, **k)), raising=False)
    with pytest.raises(OSError):
        decision_log.append_decision(tmp_path, "label", ["A-2-1"], {"label": "図書館" * 500}, by="職員B")
    monkeypatch.undo()
    STATS["faults_decision_disk_full"] += 1
    assert (tmp_path / "decisions.jsonl").read_bytes() == before
    decision_log.append_decision(tmp_path, "label", ["A-3-1"], {"label": "駅前"}, by="職員A")
    assert [d.value["label"] for d in decision_log.load_decisions(tmp_path)] == ["公園", "駅前"]


# ------------------------------------------------------------------ determinism across processes

COMPARED = ("opinions.csv", "clusters.csv", "answers.csv", "report.md", "report.csv", "report.html")


def test_byte_identical_across_processes_and_hash_seeds(inputs, tmp_path):
    past = tmp_path / "past.csv"
    past.write_text("No.,ご意見の概要,市の考え方\n1,図書館の開館時間を延長してほしい。,延長を検討します。\n"
                    "2,駐輪場を増やしてほしい。,増設を検討します。\n3,樹木を残してほしい。,保全に努めます。\n",
                    encoding="utf-8")
    seed = "4242" if os.environ.get("PYTHONHASHSEED") != "4242" else "99"
    sub_out, here_out = tmp_path / "subprocess", tmp_path / "here"
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("cluster")), "run", str(inputs[0]), "--out", str(sub_out),
         "--answers", str(past), "--no-progress", *_model_args()],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(PYTHONHASHSEED=seed), cwd=ROOT)
    # meanwhile, the same run in this process (another hash seed: pytest's own, or random)
    from cluster.pipeline import RunOptions as Opts

    run(inputs[0], here_out, Opts(answers=(str(past),)), log=lambda m: None, encoder=_encoder())
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    for name in COMPARED:
        assert (sub_out / name).read_bytes() == (here_out / name).read_bytes(), f"{name} differs"
    STATS["determinism_runs"] += 2
