"""Staff decisions: record, validate and re-apply them on any new grouping.

A decision names the opinions it concerns (never only a cluster number), so it still means
the same after a re-run with another seed, another model or late comments. Decisions are
appended to ``DIR/decisions.jsonl``, one JSON object per line; a run reads them and never
rewrites the file.

Kinds and what they mean when re-applied (opinion ids -> their duplicate groups, "units"):
- ``merge``  {"groups": [[ids of C1], [ids of C2], ...]}: all these opinions belong together;
  they join the cluster that now holds most of them.
- ``move``   opinion_ids=[X], {"target": [ids of the target cluster]}: X joins the cluster
  that now holds most of the target's opinions.
- ``split``  opinion_ids=[...]: these opinions form a cluster of their own.
- ``label``  {"label": text}: the cluster holding most of opinion_ids gets this label.
- ``answer`` {"answer_id": id} or {"text": text}: that cluster's confirmed answer.
- ``confirm``: the grouping of opinion_ids is confirmed as is (recorded for the audit trail).
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from .io import InputError
from .records import Decision

KINDS = ("merge", "move", "split", "label", "answer", "confirm")
DECISIONS_FILE = "decisions.jsonl"


class DecisionsError(InputError):
    """The decisions file cannot be read; the message names the line."""


def load_decisions(run_dir: str | Path) -> list[Decision]:
    path = Path(run_dir) / DECISIONS_FILE
    if not path.exists():
        return []
    out = []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DecisionsError(f"{path}: cannot read: {exc}") from None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            out.append(_decision_from_json(obj))
        except (json.JSONDecodeError, TypeError, KeyError, ValueError) as exc:
            raise DecisionsError(f"{path}: line {lineno} is not a valid decision ({exc}); "
                                 "fix or remove that line") from None
    return out


def _decision_from_json(obj) -> Decision:
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    kind = obj["kind"]
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    ids = obj.get("opinion_ids", [])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ValueError("opinion_ids must be a list of strings")
    value = obj.get("value", {})
    if not isinstance(value, dict):
        raise ValueError("value must be an object")
    return Decision(kind=kind, opinion_ids=tuple(ids), by=str(obj.get("by", "")), at=str(obj.get("at", "")),
                    value=value)


def append_decision(run_dir: str | Path, kind: str, opinion_ids: Sequence[str], value: Mapping | None = None,
                    by: str | None = None) -> Decision:
    """Append one decision line (with who and when) to ``run_dir/decisions.jsonl``."""
    if kind not in KINDS:
        raise InputError(f"unknown decision kind {kind!r}; one of {', '.join(KINDS)}")
    if not opinion_ids:
        raise InputError("a decision must name the opinions it concerns")
    by = by or _os_user()
    at = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    decision = Decision(kind=kind, opinion_ids=tuple(opinion_ids), by=by, at=at, value=dict(value or {}))
    line = json.dumps({"kind": kind, "opinion_ids": list(opinion_ids), "value": decision.value, "by": by, "at": at},
                      ensure_ascii=False)
    path = Path(run_dir) / DECISIONS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        _lock(fh)
        try:
            fh.write(line + "\n")
            fh.flush()
        finally:
            _unlock(fh)
    return decision


def _os_user() -> str:
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no user name on some containers
        return os.environ.get("USER", "unknown")


def _lock(fh) -> None:
    try:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
    except ImportError:  # Windows: appends of one short line are atomic enough
        pass


def _unlock(fh) -> None:
    try:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    except ImportError:
        pass


@dataclass
class AppliedDecisions:
    cluster_of_unit: np.ndarray
    labels: dict[int, str] = field(default_factory=dict)  # cluster number -> label
    answers: dict[int, dict] = field(default_factory=dict)  # cluster number -> {"answer_id"|"text"}
    confirmed: set[int] = field(default_factory=set)
    applied: int = 0
    messages: list[str] = field(default_factory=list)  # decisions that no longer apply


def apply_decisions(opinion_unit: Mapping[str, int], cluster_of_unit: np.ndarray,
                    decisions: Sequence[Decision]) -> AppliedDecisions:
    """Re-apply ``decisions`` in order on a grouping of units (duplicate groups)."""
    cl = np.array(cluster_of_unit, dtype=np.int64, copy=True)
    result = AppliedDecisions(cl)
    next_cluster = int(cl.max()) + 1 if len(cl) else 0

    def units_of(ids: Sequence[str]) -> list[int]:
        return sorted({opinion_unit[i] for i in ids if i in opinion_unit})

    def majority_cluster(units: Sequence[int]) -> int:
        tally = Counter(int(cl[u]) for u in units)
        return min(tally, key=lambda c: (-tally[c], c))

    for n, d in enumerate(decisions, 1):
        units = units_of(d.opinion_ids)
        missing = [i for i in d.opinion_ids if i not in opinion_unit]
        what = f"decision {n} ({d.kind} by {d.by or '?'})"
        if d.kind == "merge":
            groups = d.value.get("groups") or [list(d.opinion_ids)]
            all_ids = [i for g in groups for i in g] or list(d.opinion_ids)
            units = units_of(all_ids)
            present_groups = [g for g in groups if units_of(g)]
            if len(present_groups) < 2 and len(set(int(cl[u]) for u in units)) < 2:
                if not units:
                    result.messages.append(f"{what} no longer applies: its opinions are gone")
                    continue
            target = majority_cluster(units)
            for u in units:
                cl[u] = target
        elif d.kind == "move":
            target_units = [u for u in units_of(d.value.get("target", [])) if u not in units]
            if not units or not target_units:
                result.messages.append(f"{what} no longer applies: "
                                       f"{'the opinion is' if not units else 'the target cluster is'} gone")
                continue
            target = majority_cluster(target_units)
            for u in units:
                cl[u] = target
        elif d.kind == "split":
            if not units:
                result.messages.append(f"{what} no longer applies: its opinions are gone")
                continue
            for u in units:
                cl[u] = next_cluster
            next_cluster += 1
        elif d.kind in ("label", "answer", "confirm"):
            if not units:
                result.messages.append(f"{what} no longer applies: its opinions are gone")
                continue
            target = majority_cluster(units)
            if d.kind == "label":
                result.labels[target] = str(d.value.get("label", ""))
            elif d.kind == "answer":
                result.answers[target] = {k: d.value[k] for k in ("answer_id", "text") if d.value.get(k)}
            else:
                result.confirmed.add(target)
        if missing and units:
            result.messages.append(f"{what}: {len(missing)} of its opinions are gone ({', '.join(missing[:5])}); "
                                   "applied to the rest")
        result.applied += 1
    # Labels and answers follow the clusters that still exist after later merges.
    live = set(cl.tolist())
    result.labels = {c: v for c, v in result.labels.items() if c in live}
    result.answers = {c: v for c, v in result.answers.items() if c in live}
    result.confirmed &= live
    return result


# ------------------------------------------------- verbs over a run folder (CLI, notebook)


def run_members(run_dir: str | Path) -> tuple[dict[str, list[str]], set[str]]:
    """``({cluster_id: [opinion ids]}, {all opinion ids})`` from the run's opinions.csv."""
    from .io import read_table

    path = Path(run_dir) / "opinions.csv"
    if not path.exists():
        raise InputError(f"{path}: not found; run `cluster run INPUT --out {run_dir}` first")
    table = read_table(path)
    if "opinion_id" not in table.columns or "cluster_id" not in table.columns:
        raise InputError(f"{path}: not an opinions.csv written by cluster run")
    members: dict[str, list[str]] = {}
    for row in table.rows:
        cid = row["cluster_id"].lstrip("'")
        if cid:
            members.setdefault(cid, []).append(row["opinion_id"].lstrip("'"))
    return members, {r["opinion_id"].lstrip("'") for r in table.rows}


def _cluster(members: Mapping[str, list[str]], cluster_id: str) -> list[str]:
    if cluster_id not in members:
        known = ", ".join(sorted(members)[:8])
        raise InputError(f"unknown cluster {cluster_id!r} (clusters: {known}{' ...' if len(members) > 8 else ''})")
    return members[cluster_id]


def _opinions(all_ids: set[str], ids: Sequence[str]) -> list[str]:
    unknown = [i for i in ids if i not in all_ids]
    if unknown:
        raise InputError(f"unknown opinion id {unknown[0]!r}; see opinion_id in opinions.csv")
    return list(ids)


def record_merge(run_dir, cluster_ids: Sequence[str], by: str | None = None) -> Decision:
    if len(cluster_ids) < 2:
        raise InputError("merge needs two or more clusters")
    members, _ = run_members(run_dir)
    groups = [_cluster(members, c) for c in cluster_ids]
    return append_decision(run_dir, "merge", [i for g in groups for i in g],
                           {"groups": groups, "clusters": list(cluster_ids)}, by)


def record_move(run_dir, opinion_id: str, cluster_id: str, by: str | None = None) -> Decision:
    members, all_ids = run_members(run_dir)
    _opinions(all_ids, [opinion_id])
    target = [i for i in _cluster(members, cluster_id) if i != opinion_id]
    if not target:
        raise InputError(f"cluster {cluster_id} holds only {opinion_id}: nothing to move it to")
    return append_decision(run_dir, "move", [opinion_id], {"target": target, "cluster": cluster_id}, by)


def record_split(run_dir, opinion_ids: Sequence[str], by: str | None = None) -> Decision:
    _, all_ids = run_members(run_dir)
    return append_decision(run_dir, "split", _opinions(all_ids, opinion_ids), {}, by)


def record_label(run_dir, cluster_id: str, label: str, by: str | None = None) -> Decision:
    if not label.strip():
        raise InputError("the label is empty")
    members, _ = run_members(run_dir)
    return append_decision(run_dir, "label", _cluster(members, cluster_id),
                           {"label": label.strip(), "cluster": cluster_id}, by)


def record_answer(run_dir, cluster_id: str, answer_id: str | None = None, text: str | None = None,
                  by: str | None = None) -> Decision:
    if bool(answer_id) == bool(text):
        raise InputError("give exactly one of --answer-id or --text")
    members, _ = run_members(run_dir)
    value = {"answer_id": answer_id} if answer_id else {"text": text}
    value["cluster"] = cluster_id
    return append_decision(run_dir, "answer", _cluster(members, cluster_id), value, by)


def record_confirm(run_dir, cluster_id: str, by: str | None = None) -> Decision:
    members, _ = run_members(run_dir)
    return append_decision(run_dir, "confirm", _cluster(members, cluster_id), {"cluster": cluster_id}, by)
