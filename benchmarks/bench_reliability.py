"""Reliability campaign: thousands of generated inputs and the fault injections, with figures.

    .venv/bin/python benchmarks/bench_reliability.py [--scale 30] [--kills 12] [--rows 400]

1. The property tests of tests/test_reliability*.py with RELIABILITY_SCALE times more
   hypothesis examples (fresh random ones): readers (CSV/TSV/CP932/UTF-8 BOM/JSONL/XLSX),
   splitter, whole runs (every input row in opinions.csv), masking of every published file,
   formula and markup escaping.
2. Faults: a writer raising and "disk full" (ENOSPC) at each of the 8 outputs in turn;
   SIGKILL at each write and each move of the output phase, and at random delays of a real
   `cluster run`; a broken decisions line; N processes appending decisions at once.
3. Determinism: byte-identical outputs from processes with different PYTHONHASHSEED.

Prints one line per check and a summary (inputs tried, rows lost, personal data found).
Uses no data from ../shared/data: every text is generated here or in tests/.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=float, default=30, help="hypothesis examples = test default x SCALE")
    ap.add_argument("--kills", type=int, default=12, help="SIGKILLs at random delays")
    ap.add_argument("--rows", type=int, default=400, help="rows of the input killed at random delays")
    ap.add_argument("--appenders", type=int, default=4, help="processes appending decisions at once")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    os.environ["RELIABILITY_SCALE"] = str(args.scale)
    os.environ["RELIABILITY_RANDOM"] = "1"
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    os.chdir(ROOT)

    import test_reliability as tr  # noqa: E402 - after RELIABILITY_SCALE is set
    import test_reliability_faults as tf
    import test_reliability_privacy as tp
    from reliability_strategies import STATS, sample_rows, write_rows_csv

    failures: list[str] = []
    t_start = time.time()

    def check(name: str, fn, *a) -> None:
        t0 = time.time()
        try:
            fn(*a)
        except BaseException as exc:  # noqa: BLE001 - report and go on
            if isinstance(exc, KeyboardInterrupt):
                raise
            first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
            failures.append(f"{name}: {first}")
            print(f"FAIL {name} ({time.time() - t0:.1f} s): {first}", flush=True)
            if os.environ.get("BENCH_DEBUG"):
                traceback.print_exc()
            return
        print(f"ok   {name} ({time.time() - t0:.1f} s)", flush=True)

    # ------------------------------------------------------------ 1. properties
    print(f"== properties (hypothesis, scale x{args.scale:g}, random examples)", flush=True)
    for name in ("test_delimited_reader_keeps_every_row", "test_cp932_round_trip",
                 "test_jsonl_reader_keeps_every_record", "test_xlsx_reader_merged_cells_and_empty_sheets",
                 "test_splitter_segments_cover_the_text", "test_splitter_on_arbitrary_text",
                 "test_run_keeps_every_row", "test_run_keeps_every_row_cp932"):
        check(name, getattr(tr, name))
    for name in ("test_mask_removes_drawn_personal_data", "test_mask_leaves_plain_opinions_alone",
                 "test_published_files_carry_no_personal_data", "test_no_mask_publishes_as_written_and_is_recorded",
                 "test_escape_cell_property", "test_report_model_escapes_any_text"):
        check(name, getattr(tp, name))

    # ------------------------------------------------------------ 2. faults
    print("== faults", flush=True)
    import cluster.io as cio
    import cluster.report as creport
    from cluster.pipeline import RunOptions, run

    enc = tf._encoder()
    work = Path(tempfile.mkdtemp(prefix="bench-reliability-"))
    small = write_rows_csv(work / "small.csv", sample_rows(40, seed=1))
    small2 = write_rows_csv(work / "small2.csv", sample_rows(45, seed=2))
    big = write_rows_csv(work / "big.csv", sample_rows(args.rows, seed=3))
    finished = work / "finished"
    run(small, finished, RunOptions(), log=lambda m: None, encoder=enc)
    from cluster.review import record_label, run_members

    members, _ = run_members(finished)
    record_label(finished, sorted(members)[0], "公園の樹木", by="bench")
    decisions_bytes = (finished / "decisions.jsonl").read_bytes()
    faults = {"writer_raise": 0, "disk_full": 0, "sigkill_at_point": 0, "sigkill_random": 0,
              "previous_intact": 0, "marked_incomplete": 0, "completed_before_kill": 0,
              "staging_left_after_next_run": 0, "outputs_changed_by_failed_run": 0}

    def fresh(tag: str) -> Path:
        folder = work / tag
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(finished, folder)
        return folder

    def inject_in_process(kind: str) -> None:
        import errno

        for nth in range(1, 9):
            folder = fresh(f"{kind}{nth}")
            before = tf.snapshot(folder)
            make = (lambda p: OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(p))) if kind == "disk_full" \
                else (lambda p: RuntimeError("injected"))
            patched = tf._failing_atomic_path(nth, make)
            saved = cio.atomic_path, creport.atomic_path
            cio.atomic_path = creport.atomic_path = patched
            try:
                run(small2, folder, RunOptions(), log=lambda m: None, encoder=enc)
                raise AssertionError(f"{kind} at output {nth}: the run did not fail")
            except (OSError, RuntimeError):
                pass
            finally:
                cio.atomic_path, creport.atomic_path = saved
            faults[kind] += 1
            if tf.snapshot(folder) != before:
                faults["outputs_changed_by_failed_run"] += 1
                raise AssertionError(f"{kind} at output {nth}: previous outputs changed")
            if tf.hidden(folder):
                raise AssertionError(f"{kind} at output {nth}: left {tf.hidden(folder)}")
            faults["previous_intact"] += 1

    check("writer raising at each of 8 outputs", inject_in_process, "writer_raise")
    check("disk full (ENOSPC) at each of 8 outputs", inject_in_process, "disk_full")

    def after_next_run(folder: Path) -> None:
        run(small2, folder, RunOptions(), log=lambda m: None, encoder=enc)
        info = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        assert info["completed"] is True
        if any(n.startswith(".staging-") for n in tf.hidden(folder)):
            faults["staging_left_after_next_run"] += 1

    def kill_at_points() -> None:
        cases = [("write", n) for n in range(1, 9)] + [("replace", n) for n in range(1, 9)]
        for i in range(0, len(cases), 2):  # two at a time (two cores)
            batch = []
            for mode, nth in cases[i:i + 2]:
                folder = fresh(f"kill-{mode}{nth}")
                batch.append((mode, nth, folder, tf.snapshot(folder),
                              tf.kill_run(mode, nth, small2, folder, tf._model_args())))
            for mode, nth, folder, before, proc in batch:
                proc.communicate(timeout=600)
                faults["sigkill_at_point"] += 1
                assert proc.returncode == -9, f"{mode} {nth}: exit {proc.returncode}"
                tf.check_after_kill(folder, before, decisions_bytes, killed_in_publish=mode == "replace")
                if mode == "replace":
                    assert not (folder / "run.json").exists()
                    faults["marked_incomplete"] += 1
                else:
                    faults["previous_intact"] += 1
                after_next_run(folder)

    check("SIGKILL at each write and each move of the output phase", kill_at_points)

    def kill_random() -> None:
        rng = random.Random(args.seed)
        cluster_bin = str(Path(sys.executable).with_name("cluster"))
        env = dict(os.environ, PYTHONHASHSEED="0")
        base = work / "big-finished"
        t0 = time.time()
        subprocess.run([cluster_bin, "run", str(big), "--out", str(base), "--no-progress", *tf._model_args()],
                       check=True, capture_output=True, env=env)
        full = time.time() - t0
        print(f"     one run of {args.rows} rows: {full:.1f} s; kills drawn in [0.2, {full * 1.05:.1f}] s", flush=True)
        for k in range(args.kills):
            folder = work / f"random{k}"
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(base, folder)
            before = tf.snapshot(folder)
            delay = rng.uniform(0.2, full * 1.05)
            proc = subprocess.Popen([cluster_bin, "run", str(big), "--out", str(folder), "--no-progress",
                                     *tf._model_args()], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                proc.kill()
            proc.communicate()
            faults["sigkill_random"] += 1
            names = tf.visible(folder)
            assert not any(n.endswith(".tmp") for n in names), names
            if proc.returncode == 0:
                faults["completed_before_kill"] += 1
                continue
            assert (folder / "decisions.jsonl").read_bytes() == (base / "decisions.jsonl").read_bytes()
            if not (folder / "run.json").exists():
                faults["marked_incomplete"] += 1
            else:
                now = {n: h for n, h in tf.snapshot(folder).items() if not n.startswith(".")}
                old = {n: h for n, h in before.items() if not n.startswith(".")}
                if now == old:
                    faults["previous_intact"] += 1
                else:  # killed after the new run.json moved in: the new result must be whole
                    info = json.loads((folder / "run.json").read_text(encoding="utf-8"))
                    assert info["completed"] is True and set(info["outputs"]) <= names
                    faults["completed_before_kill"] += 1
            run(big, folder, RunOptions(), log=lambda m: None, encoder=enc)
            if any(n.startswith(".staging-") for n in tf.hidden(folder)):
                faults["staging_left_after_next_run"] += 1

    check(f"SIGKILL at {args.kills} random delays of a {args.rows}-row run", kill_random)

    def broken_decisions() -> None:
        folder = fresh("broken-decisions")
        with open(folder / "decisions.jsonl", "ab") as fh:
            fh.write(b'{"kind": "move", "opinion_ids": ["R-0001-1"]\n')
        before = tf.snapshot(folder)
        proc = subprocess.run([str(Path(sys.executable).with_name("cluster")), "run", str(small2), "--out",
                               str(folder), "--no-progress", *tf._model_args()], capture_output=True, text=True)
        lines = [x for x in proc.stderr.splitlines() if x.startswith("error")]
        assert proc.returncode == 2 and len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert tf.snapshot(folder) == before
        faults["broken_decisions"] = 1

    check("broken decisions line: one error line, nothing changed", broken_decisions)

    def appenders() -> None:
        folder = work / "appends"
        folder.mkdir()
        tf.check_concurrent_appends(folder, 200, processes=args.appenders, timeout=600)
        faults["appenders"] = args.appenders

    check(f"{args.appenders} processes x 200 decision appends", appenders)

    # ------------------------------------------------------------ 3. determinism
    print("== determinism", flush=True)

    def determinism() -> None:
        cluster_bin = str(Path(sys.executable).with_name("cluster"))
        outs = []
        for seed in ("0", "1", "987654321"):
            out = work / f"det{seed}"
            subprocess.run([cluster_bin, "run", str(big), "--out", str(out), "--no-progress", *tf._model_args()],
                           check=True, capture_output=True, env=dict(os.environ, PYTHONHASHSEED=seed))
            outs.append(out)
        for out in outs[1:]:
            for name in tf.COMPARED:
                assert (out / name).read_bytes() == (outs[0] / name).read_bytes(), f"{name} differs"
        STATS["determinism_runs"] += len(outs)

    check("byte-identical outputs, 3 processes, PYTHONHASHSEED 0/1/987654321", determinism)
    shutil.rmtree(work, ignore_errors=True)

    # ------------------------------------------------------------ summary
    s = STATS
    print("\n== RELIABILITY summary")
    print(f"generated reader inputs:        {s['reader_inputs']} ({s['xlsx_inputs']} xlsx), "
          f"{s['reader_rows_checked']} rows checked, {s['reader_input_errors']} refused with one InputError line")
    print(f"splitter inputs:                {s['split_inputs']} ({s['split_segments']} segments checked)")
    print(f"whole runs on generated input:  {s['pipeline_inputs']} ({s['pipeline_rows_checked']} rows; "
          f"{s['pipeline_input_errors']} refused with one line); rows lost: 0 unless listed under failures")
    print(f"masking: {s['mask_texts']} generated texts with personal data, {s['mask_leaks']} leaks; "
          f"{s['privacy_runs']} runs, {s['published_files_checked']} published files checked, "
          f"personal data found in reports: {s['personal_data_found_in_reports']}")
    print(f"markup/formula: {s['markup_models']} generated report models escaped")
    print("faults injected: " + ", ".join(f"{k} {v}" for k, v in faults.items()))
    print(f"decision lines appended concurrently: {s['decision_lines_appended']}; "
          f"determinism runs: {s['determinism_runs']}")
    print(f"time: {time.time() - t_start:.0f} s")
    if failures:
        print(f"\n{len(failures)} FAILED:")
        for f in failures:
            print("  " + f)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
