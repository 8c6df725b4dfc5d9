"""Scale: the whole ``cluster run`` on 10k, 100k (and 1M) synthetic comments, against a floor.

For each size the script writes the comments with ``generate_comments.py`` (seeded), runs
``cluster run`` in a child process (best wall time of ``--repeat`` runs, peak RSS of that
child from ``/usr/bin/time -v`` or ``getrusage``), and times the floor measured in the same
run: fugashi (``fugashi.Tagger()``, unidic-lite) tokenizing every comment text on one core.
It prints a markdown table: wall, ratio to the floor, peak memory, rows / opinion rows /
distinct texts / clusters (from ``run.json``), and checks that every input row is in
``opinions.csv``.

``--distinct-heavy N`` adds one more row: N comments of which half are distinct opinions
that are not near-duplicates of each other (several composed sentences each), so the
grouping's scale path (blocks, see ``cluster.pipeline.group_units``) is exercised.

    python benchmarks/bench_scale.py                 # 10k and 100k
    python benchmarks/bench_scale.py --million       # and 1M (several minutes)
    python benchmarks/bench_scale.py --sizes 10000 --repeat 1 --distinct-heavy 20000
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import generate_comments as gen  # noqa: E402

TARGETS = {100_000: (120.0, 4.0), 1_000_000: (1200.0, 16.0)}  # seconds, GB (issue 6)


def write_comments(path: Path, n: int, seed: int) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["受付番号", "提出方法", "ご意見"])
        w.writerows(gen.generate(n, seed))


def write_distinct_heavy(path: Path, n: int, seed: int, distinct_share: float = 0.5) -> None:
    """Half form letters, half opinions of 2-4 composed sentences (rarely near-duplicates)."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        if rng.random() < distinct_share:
            text = "".join(gen._opinion(rng) for _ in range(rng.randint(2, 4)))
        else:
            text = gen._form_copy(rng, rng.choice(gen.FORM_LETTERS))
        rows.append([f"S{i + 1:07d}", rng.choice(gen.CHANNELS), text])
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["受付番号", "提出方法", "ご意見"])
        w.writerows(rows)


def read_texts(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [row[-1] for row in list(csv.reader(fh))[1:]]  # the text is the last column


def fugashi_floor(texts: list[str]) -> float:
    """Seconds for one fugashi Tagger to tokenize every text on one core (nodes materialised)."""
    import fugashi

    tagger = fugashi.Tagger()
    t0 = time.perf_counter()
    for text in texts:
        for word in tagger(text):
            word.surface  # noqa: B018 - touch each node like any consumer does
    return time.perf_counter() - t0


def run_once(csv_path: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in GB) of one ``cluster run`` in a child process."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [str(REPO / ".venv" / "bin" / "cluster"), "run", str(csv_path), "--out", str(out)]
    if not Path(cmd[0]).exists():
        cmd = [sys.executable, "-m", "cluster", "run", str(csv_path), "--out", str(out)]
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    stats = out.with_suffix(".time")
    if timer:
        cmd = [timer, "-v", "-o", str(stats)] + cmd
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"cluster run failed on {csv_path}:\n{proc.stderr[-2000:]}")
    if timer:
        kb = 0
        for line in stats.read_text().splitlines():
            if "Maximum resident set size" in line:
                kb = int(line.rsplit(":", 1)[1])
    else:  # largest child so far (sizes are run in increasing order)
        kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, kb / 1024 / 1024


def check_rows(csv_path: Path, out: Path, n: int) -> dict:
    counts = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]
    with open(out / "opinions.csv", encoding="utf-8-sig", newline="") as fh:
        rows = {r["row_number"] for r in csv.DictReader(fh)}
    counts["all_rows_present"] = len(rows) == n and counts["input_rows"] == n
    return counts


FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木",
          "山口", "松本", "井上", "木村", "林", "斎藤", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川", "山下",
          "中島", "石井", "小川", "前田", "岡田", "長谷川", "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本"]
GIVEN = ["太郎", "花子", "一郎", "和子", "誠", "陽子", "大輔", "直美", "拓也", "由美", "翔太", "美咲", "健", "恵子",
         "浩", "裕子", "隆", "久美子", "修", "真由美", "明", "智子", "学", "幸子", "亮", "愛", "剛", "舞", "勇", "彩"]


def write_named(path: Path, n: int, seed: int) -> None:
    """The form-letter mix with a 氏名 column (1,200 names, many letters signed with theirs):
    the names are masked in every published text and kept out of the labels."""
    rng = random.Random(seed)
    rows = gen.generate(n, seed)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["受付番号", "提出方法", "氏名", "ご意見"])
        for row in rows:
            name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
            text = row[2] + (f"\n{name}" if row[2] and rng.random() < 0.3 else "")
            w.writerow([row[0], row[1], name, text])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--million", action="store_true", help="also 1,000,000 comments")
    ap.add_argument("--distinct-heavy", type=int, default=0, metavar="N",
                    help="also N comments with half distinct (non-duplicate) opinions")
    ap.add_argument("--named", type=int, default=0, metavar="N",
                    help="also N comments with a 氏名 column (1,200 submitters' names to mask)")
    ap.add_argument("--repeat", type=int, default=2, help="runs per size; the best wall time counts")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", help="folder for the generated files (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the generated files and run folders")
    args = ap.parse_args()
    sizes = sorted(set(args.sizes + ([1_000_000] if args.million else [])))
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="bench_scale_"))
    work.mkdir(parents=True, exist_ok=True)
    cases = [(f"{n:,}", n, "form") for n in sizes]
    if args.distinct_heavy:
        cases.append((f"{args.distinct_heavy:,} (50 % distinct)", args.distinct_heavy, "distinct"))
    if args.named:
        cases.append((f"{args.named:,} (with 氏名)", args.named, "named"))
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; cores: {os.cpu_count()}",
          file=sys.stderr)
    rows = []
    try:
        for name, n, kind in cases:
            path = work / f"comments_{kind}_{n}.csv"
            if not path.exists():
                print(f"[{name}] writing {path}", file=sys.stderr)
                {"form": write_comments, "distinct": write_distinct_heavy, "named": write_named}[kind](path, n, args.seed)
            texts = read_texts(path)
            floor = fugashi_floor(texts)
            del texts
            print(f"[{name}] fugashi floor {floor:.1f} s", file=sys.stderr)
            best = None
            for k in range(args.repeat):
                wall, gb = run_once(path, work / f"out_{kind}_{n}")
                print(f"[{name}] run {k + 1}: {wall:.1f} s, {gb:.2f} GB", file=sys.stderr)
                if best is None or wall < best[0]:
                    best = (wall, gb)
            counts = check_rows(path, work / f"out_{kind}_{n}", n)
            target = TARGETS.get(n) if kind == "form" else None
            rows.append((name, best[0], floor, best[1], counts, target))
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()
    print(f"\nload average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; best of {args.repeat} run(s)\n")
    print("| comments | wall (s) | fugashi floor, 1 core (s) | wall / floor | peak RSS (GB) | opinion rows "
          "| distinct | clusters | all rows in opinions.csv | target |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for name, wall, floor, gb, c, target in rows:
        tgt = ""
        if target:
            ok = wall <= target[0] and gb <= target[1]
            tgt = f"≤ {target[0]:.0f} s, ≤ {target[1]:.0f} GB: {'met' if ok else 'MISSED'}"
        print(f"| {name} | {wall:.1f} | {floor:.1f} | {wall / floor:.1f} | {gb:.2f} | {c['opinion_rows']:,} "
              f"| {c['distinct_opinions']:,} | {c['clusters']:,} | {'yes' if c['all_rows_present'] else 'NO'} "
              f"| {tgt} |")


if __name__ == "__main__":
    main()
