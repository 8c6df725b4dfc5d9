"""Cutting letters into opinions: letters written in paragraphs, scored against opinions marked by hand.

Two sets of 30 invented submissions each (written for the project, no third-party text), in
`benchmarks/data/split/`: `letters_dev.csv` (a city plan: parks, child care, transport) and
`letters_heldout.csv` (a library and community-hall plan, other writers). About half of each
letter holds 2-4 separate requests written as paragraphs or running text (「また、」「次に」「最後に」
or no connective at all), the rest one opinion spread over paragraphs (background, request,
reasons, a restatement), plus greetings, salutations and signatures. `gold_*.csv` marks where each
opinion starts and ends (`kind=opinion`) and fragments of greeting or signature text
(`kind=nonopinion`); the marks were written before the tool was run on the letters. The dev set was
looked at while building the paragraph splitter, the held-out set only scored.

Per submission (the tool's `ok` opinions of `cluster.pipeline.split_opinions`):
  exact       as many opinions as marked, each holding exactly one marked opinion from its start to
              its end, and no greeting or signature text inside any of them
  cut right   the same, greeting or signature text inside tolerated
  under-split one opinion of the tool holds the starts of two marked opinions
  over-split  a marked opinion's start and end fall in different opinions, or an opinion of the
              tool holds no marked start
  greeting in greeting, salutation or signature text inside an opinion

Run: .venv/bin/python benchmarks/bench_split.py
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from cluster.pipeline import RunOptions, read_submissions, split_opinions

DATA = Path(__file__).resolve().parent / "data" / "split"
SETS = {"dev": ("letters_dev.csv", "gold_dev.csv"), "held-out": ("letters_heldout.csv", "gold_heldout.csv")}
_TRAILING = "。．.、，,!！?？」』)）"


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _find(snippet: str, texts: list[str], from_end: bool = False) -> int | None:
    """Index of the first text holding ``snippet`` (or, failing that, one of its 8-character
    windows: a connective or a final 。 the tool dropped still matches)."""
    s = _norm(snippet)
    if from_end:
        s = s.rstrip(_TRAILING)
    if not s:
        return None
    windows = [s] + ([s[i:i + 8] for i in range(len(s) - 8, -1, -1)] if from_end
                     else [s[i:i + 8] for i in range(0, len(s) - 7)])
    for w in windows:
        for k, t in enumerate(texts):
            if w in t:
                return k
    return None


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def score(letters: Path, gold_path: Path) -> dict[str, int]:
    subs, _ = read_submissions(letters, RunOptions(), log=lambda _m: None)
    tool: dict[str, list[str]] = defaultdict(list)
    for op in split_opinions(subs):
        if op.status == "ok":
            tool[op.comment_id].append(_norm(op.text))
    marked: dict[str, list[dict]] = defaultdict(list)
    framing: dict[str, list[str]] = defaultdict(list)
    for g in _read(gold_path):
        if g["kind"] == "opinion":
            marked[g["comment_id"]].append(g)
        else:
            framing[g["comment_id"]].append(_norm(g["start_snippet"]))
    counts = dict.fromkeys(("letters", "several opinions", "exact", "cut right", "cut right, several",
                            "under-split", "over-split", "greeting in"), 0)
    for cid in sorted(set(marked) | set(framing)):
        ops, golds = tool.get(cid, []), marked.get(cid, [])
        starts = [_find(g["start_snippet"], ops) for g in golds]
        ends = [_find(g["end_snippet"], ops, from_end=True) for g in golds]
        under = any(starts.count(k) > 1 for k in set(starts) if k is not None)
        over = any(s is not None and e is not None and s != e for s, e in zip(starts, ends)) or (
            len(ops) > len({s for s in starts if s is not None}))
        greeting = any(f and any(f in t for t in ops) for f in framing.get(cid, []))
        right = not under and not over and len(ops) == len(golds) and None not in starts
        counts["letters"] += 1
        counts["several opinions"] += len(golds) > 1
        counts["cut right"] += right
        counts["cut right, several"] += right and len(golds) > 1
        counts["exact"] += right and not greeting
        counts["under-split"] += under
        counts["over-split"] += over
        counts["greeting in"] += greeting
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is missing", file=sys.stderr)
        return 0
    print("| set | letters | with several opinions | exact | cut right | several, cut right "
          "| under-split | over-split | greeting text inside |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, (letters, gold) in SETS.items():
        c = score(DATA / letters, DATA / gold)
        print(f"| {name} | {c['letters']} | {c['several opinions']} | {c['exact']} | {c['cut right']} | "
              f"{c['cut right, several']} | {c['under-split']} | {c['over-split']} | {c['greeting in']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
