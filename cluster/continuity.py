"""Keep cluster ids and groups steady across runs into the same folder.

Staff review a run, then late comments arrive and the run is repeated. Two rules:
- Late comments and corrections (the same settings, most earlier opinions still there): the
  earlier opinions keep their clusters, also those staff corrected a little in the input
  (``find_edits``: a typo, a comma); deleted ones leave their clusters; each new opinion (and one
  rewritten beyond an edit) joins the existing cluster it fits (as close to the centroid as the
  cluster's own members are) or, failing that, forms new clusters among the new opinions.
- Any other re-run (another seed or model, most of the input replaced): the grouping is computed afresh
  and each new cluster inherits the id of the earlier cluster that holds most of its
  opinions (or most of whose opinions it holds), so ids staff have seen stay where the
  content stayed.
Under both rules ids are given after staff decisions are applied (``kept_ids``): a cluster keeps
the earlier id of the opinions in it, those the grouping put there before those a decision did,
so a group a ``split`` took out, the target of a ``move`` and a merged cluster keep their ids
on every re-run, and the cluster they took opinions from keeps its own. An id no cluster keeps
is freed and never given again in that folder: new clusters are numbered after the highest id
the folder has ever had (``highest_id_given``: run.json's ``highest_cluster_id``, carried from
run to run; ``assign_ids``), so an id staff saw (a merged-away one that still resolves to the
cluster it joined, one in a worksheet out with the departments) never names an unrelated group.
An opinion counts as "the same" with the same id and the same text, or a text corrected a little
(``find_edits``), or the text of an opinion of the same submission that this version of the splitter
cuts otherwise (``find_recuts``: an older version kept 「拝啓」 or a signature line in it), under the
id that holds it now; an earlier opinion the tool now reads as none (status ``empty``) is said to be
so (``input_changes``' ``read_empty``), not blamed on the input. A cluster that keeps
its id keeps its representative (the ご意見の概要 staff reviewed) while that opinion is still in it.
Staff decisions recorded or withdrawn since do not turn the first rule off: the earlier clusters
are kept and the decisions re-applied on them; what a merge, move or split withdrawn since had
baked into them is undone (``withdrawn_placements``), so a withdrawal changes only what that
decision did. A re-run that does regroup says why in one line (``regroup_reason``).
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Mapping, Sequence

import numpy as np

from .io import InputError, read_table, unescape_cell

_ID_RE = re.compile(r"^C(\d+)$")


@dataclass
class PreviousRun:
    cluster_of: dict[str, str]  # opinion_id -> cluster_id (ok opinions only)
    text_of: dict[str, str]  # opinion_id -> text
    settings: dict
    model: str
    continued: bool = False  # that run itself continued an earlier one (late comments)
    decisions_seen: int = 0  # decision lines that run had read
    representative_of: dict[str, str] = field(default_factory=dict)  # cluster_id -> its representative opinion_id
    highest_id: int = 0  # the number of the highest cluster id the folder ever gave (C018 -> 18)

    # opinion id -> its text in the earlier run, for ids whose text staff edited a little in the
    # input since (``edits``): the same opinion, corrected
    edited: dict[str, str] = field(default_factory=dict)
    # opinion id -> fingerprints of the texts it held before earlier edits (run.json, run to run)
    earlier_texts: dict[str, list[str]] = field(default_factory=dict)
    row_of: dict[str, int] = field(default_factory=dict)  # opinion id -> its submission's row_number
    status_of: dict[str, str] = field(default_factory=dict)  # opinion id -> its status in the earlier run
    group_of: dict[str, str] = field(default_factory=dict)  # opinion id -> its duplicate_group (D001; '' alone)
    # earlier opinion id -> the id of this run's opinion that holds its text, cut differently by the
    # splitter (``find_recuts``: a 「拝啓」 or signature line now a row of its own)
    recut: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # run.json's decision_notes: str(n) -> what it said
    # the SHA-256 of the earlier run's model files (run.json's model_info; none before it was kept)
    model_fingerprint: str | None = None

    def other_model(self, model: str, fingerprint: str | None = None) -> str | None:
        """Why ``model`` is not the model of the earlier run, in words; None when it is. Two runs
        with fingerprints compare the files (one folder named two ways is one model; a model
        retrained into the same folder is another); else the names as given."""
        if self.model_fingerprint and fingerprint:
            if self.model_fingerprint == fingerprint:
                return None
            if self.model == model:
                return f"another model: the files of {model} changed since the earlier run"
        elif self.model == model:
            return None
        return f"another model: {model} instead of {self.model}"

    def same(self, opinion_id: str, text: str) -> bool:
        return self.text_of.get(opinion_id) == text

    def cluster_for(self, opinion_id: str, text: str) -> str | None:
        """The earlier cluster of this opinion: by its id when the id still holds the same text
        (or an edit of it: ``edits``), else by the text (an input without an id column numbers
        rows, so an inserted or removed row shifts every id after it)."""
        if opinion_id in self.cluster_of and (self.same(opinion_id, text) or opinion_id in self.edited):
            return self.cluster_of[opinion_id]
        if self.recut:
            if not hasattr(self, "_recut_from"):
                self._recut_from = {now: before for before, now in self.recut.items()}
            before = self._recut_from.get(opinion_id)
            if before is not None and before in self.cluster_of:
                return self.cluster_of[before]
        if not hasattr(self, "_by_text"):
            by_text: dict[str, str] = {}
            for oid in sorted(self.cluster_of):
                by_text.setdefault(self.text_of.get(oid, ""), self.cluster_of[oid])
            self._by_text = by_text
        return self._by_text.get(text)


# An opinion whose text changed this little (difflib ratio of the normalised texts) is the same
# opinion corrected in the input (a typo, a comma, a truncated sentence completed), not another one.
EDIT_SIMILARITY = 0.8
# Above this many changed ids the input was replaced or renumbered, not corrected: no edit search.
MAX_EDITS_SEARCHED = 2000


def _edit_ratio(a: str, b: str) -> float:
    import difflib
    import unicodedata

    a, b = ("".join(unicodedata.normalize("NFKC", x).split()) for x in (a, b))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < EDIT_SIMILARITY or matcher.quick_ratio() < EDIT_SIMILARITY:
        return 0.0
    return matcher.ratio()


def find_edits(prev: "PreviousRun", current: Mapping[str, str]) -> dict[str, str]:
    """{opinion id: its earlier text} for the opinions staff corrected in the input since the
    earlier run: the id is still there with a text close to its earlier one (``EDIT_SIMILARITY``),
    its earlier text is nowhere in this input (it did not move to another id) and its new text
    was no other earlier opinion's (ids did not shift onto it). Stored on ``prev.edited``.

    QA: adding one comma to a moved opinion dropped the staff's move (「its opinions are gone」)
    and regrouped every cluster; an edited opinion is the same opinion."""
    now_texts = set(current.values())
    before_texts = set(prev.text_of.values())
    changed = [oid for oid, text in prev.text_of.items()
               if oid in current and current[oid] != text and text not in now_texts
               and current[oid] not in before_texts]
    edits = {}
    if len(changed) <= MAX_EDITS_SEARCHED:
        edits = {oid: prev.text_of[oid] for oid in sorted(changed)
                 if _edit_ratio(prev.text_of[oid], current[oid]) >= EDIT_SIMILARITY}
    prev.edited = edits
    return edits


def _containment(a: str, b: str) -> float:
    """How much of the longer of two texts the shorter one is, when the shorter is inside the
    longer (blanks and width aside); 0.0 otherwise."""
    import unicodedata

    a, b = ("".join(unicodedata.normalize("NFKC", x).split()) for x in (a, b))
    short, long_ = sorted((a, b), key=len)
    return len(short) / len(long_) if short and short in long_ else 0.0


def _heading_now(before: str, now: str) -> bool:
    """Whether ``before`` is ``now`` under the sentence that announced its subject (「放課後児童クラブについて意見を
    述べます。」), which the splitter now takes as the opinion's heading: the same opinion, cut otherwise (a run
    folder made before that rule keeps its decisions)."""
    from .split import _announced_topic

    before, now = before.strip(), now.strip()
    if not now or len(now) >= len(before) or not before.endswith(now):
        return False
    m = _announced_topic(before)
    return m is not None and not before[m.end():len(before) - len(now)].strip(" \t\n\u3000")


def find_recuts(prev: "PreviousRun", current: Mapping[str, str], row_of: Mapping[str, int],
                anywhere: bool = False, rows_now: Mapping[int, Sequence[str]] | None = None) -> dict[str, str]:
    """{earlier opinion id: the id of this run's opinion that holds its text}: opinions the splitter
    now cuts differently (QA48: 「拝啓」 or a signature line is now a row of its own, so the letter's
    opinion K-035-1 is now K-035-2, or P-055-1 lost its signature line). The earlier opinion's text
    is nowhere in this input as it was; an opinion of the same submission (``row_of``) whose text is
    new there holds most of it (one inside the other, at least half of the longer) or is an edit
    of it (``EDIT_SIMILARITY``). Ids corrected in the input (``prev.edited``) are left to
    ``find_edits``. ``anywhere``: the earlier text may be another submission's now (a copy of a form
    letter): the earlier run used another --no-split setting, so ids did not shift, the cutting
    changed. ``rows_now``: {row_number: the texts of all its rows now (greetings too)}: an opinion
    ``find_edits`` took for corrected that only lost text which is now a row of its own in the same
    submission (its signature line) was cut differently, not corrected: it moves from
    ``prev.edited`` to the result. Stored on ``prev.recut``."""
    now_texts = set(current.values())
    by_row: dict[int, list[str]] = defaultdict(list)
    for oid in current:
        if oid in row_of:
            by_row[row_of[oid]].append(oid)
    changed = [oid for oid, text in prev.text_of.items()
               if prev.status_of.get(oid, "ok") in ("ok", "excluded") and oid in prev.row_of
               and oid not in prev.edited and current.get(oid) != text and (anywhere or text not in now_texts)]
    out: dict[str, str] = {}
    for oid in sorted(prev.edited):
        before, now = prev.text_of.get(oid, ""), current.get(oid, "")
        rest = [t for t in (rows_now or {}).get(prev.row_of.get(oid, -1), ()) if t.strip() and t != now]
        if now and (_containment(before, now) and any(_containment(before, t) for t in rest) or _heading_now(before, now)):
            out[oid] = oid
    for oid in out:
        prev.edited.pop(oid, None)
    if len(changed) > MAX_EDITS_SEARCHED:
        prev.recut = out
        return out
    taken: set[str] = set(out.values())
    for oid in sorted(changed):
        before = prev.text_of[oid]
        best: tuple | None = None
        for cid in by_row.get(prev.row_of[oid], ()):
            if cid in taken or current[cid] == prev.text_of.get(cid) or (cid != oid and cid in prev.edited):
                continue
            inside = 1.0 if _heading_now(before, current[cid]) else _containment(before, current[cid])
            score = 1.0 + inside if inside >= 0.5 else _edit_ratio(before, current[cid])
            if score >= EDIT_SIMILARITY and (best is None or (score, cid == oid) > best[:2]):
                best = (score, cid == oid, cid)
        if best is not None:
            out[oid] = best[2]
            taken.add(best[2])
    prev.recut = out
    return out


def load_previous(out_dir: Path) -> PreviousRun | None:
    """The earlier completed run in ``out_dir``, or None (first run, or unreadable)."""
    run_json, opinions_csv = out_dir / "run.json", out_dir / "opinions.csv"
    if not (run_json.exists() and opinions_csv.exists()):
        return None
    try:
        info = json.loads(run_json.read_text(encoding="utf-8"))
        if not info.get("completed"):
            return None
        table = read_table(opinions_csv)
    except (InputError, ValueError, OSError):
        return None
    if not {"opinion_id", "cluster_id", "text", "status"} <= set(table.columns):
        return None
    cluster_of, text_of, row_of, status_of, group_of = {}, {}, {}, {}, {}
    for row in table.rows:
        oid = unescape_cell(row["opinion_id"])
        text_of[oid] = unescape_cell(row["text"])
        status_of[oid] = row["status"]
        group_of[oid] = unescape_cell(row.get("duplicate_group") or "")
        if str(row.get("row_number") or "").strip().isdigit():
            row_of[oid] = int(str(row["row_number"]).strip())
        if row["status"] == "ok" and row["cluster_id"]:
            cluster_of[oid] = unescape_cell(row["cluster_id"])
    done = info.get("decisions") or {}
    seen = done.get("lines", done.get("recorded", 0))  # lines read; older run.json: "recorded" counted them
    # the highest id ever given here; a run.json written before it was kept: the earlier run's own
    highest = max([id_number(c) or 0 for c in cluster_of.values()]
                  + [id_number(str(info.get("highest_cluster_id") or "")) or 0])
    earlier = info.get("earlier_texts") if isinstance(info.get("earlier_texts"), dict) else {}
    model_info = info.get("model_info") if isinstance(info.get("model_info"), dict) else {}
    return PreviousRun(cluster_of, text_of, info.get("settings", {}), str(info.get("model", "")),
                       model_fingerprint=model_info.get("fingerprint") or None,
                       continued=info.get("grouping") == "continued", decisions_seen=int(seen or 0),
                       representative_of=_representatives(out_dir / "clusters.csv"), highest_id=highest,
                       earlier_texts={str(k): [str(f) for f in v] for k, v in earlier.items() if isinstance(v, list)},
                       row_of=row_of, status_of=status_of, group_of=group_of,
                       notes={str(k): str(v) for k, v in (info.get("decision_notes") or {}).items()}
                       if isinstance(info.get("decision_notes"), dict) else {})


def cluster_column(clusters_csv: Path, column: str) -> dict[str, str]:
    """{cluster_id: its ``column``} of a run's clusters.csv, rows with a value ({} if unreadable)."""
    try:
        table = read_table(clusters_csv) if clusters_csv.exists() else None
    except (InputError, ValueError, OSError):
        return {}
    if table is None or not {"cluster_id", column} <= set(table.columns):
        return {}
    return {unescape_cell(r["cluster_id"]): unescape_cell(r[column]) for r in table.rows if r.get(column)}


def _representatives(clusters_csv: Path) -> dict[str, str]:
    """{cluster_id: representative opinion_id} of an earlier run's clusters.csv ({} if unreadable)."""
    return cluster_column(clusters_csv, "representative_opinion_id")


def previous_clusters_of_units(prev: PreviousRun, unit_opinions: Sequence[Sequence[tuple[str, str]]]
                               ) -> list[str | None]:
    """For each unit ((opinion_id, text) pairs), the earlier cluster most of its opinions had."""
    out: list[str | None] = []
    for pairs in unit_opinions:
        tally = Counter(c for c in (prev.cluster_for(oid, text) for oid, text in pairs) if c is not None)
        out.append(min(tally, key=lambda c: (-tally[c], c)) if tally else None)
    return out


def is_late_comment_run(prev: PreviousRun, model: str, settings: Mapping, unit_prev: Sequence[str | None],
                        opinion_pairs: Sequence[tuple[str, str]], regroup: bool = False, left: bool = False,
                        changes: Mapping[str, object] | None = None, model_fingerprint: str | None = None) -> bool:
    """Same model and grouping settings, every earlier opinion still here, and new ones added,
    or (``left``) earlier clustered opinions excluded since, which leave their clusters alone.

    Also true with nothing new when the earlier run was itself a continuation: the same input
    run again keeps the clusters the late comments were added to (a fresh grouping of the
    grown input would differ), also after decisions were recorded or withdrawn since (the
    pipeline places again what a withdrawn one had placed: ``withdrawn_placements``).
    ``regroup`` turns that off (kept for callers; the pipeline no longer passes it).
    ``changes``: ``input_changes(prev, opinion_pairs)`` when the caller has it already.
    ``model_fingerprint``: the files' fingerprint of ``model`` (``embed.model_identity``).
    """
    keys = ("seed", "split", "near_duplicate_threshold")
    if prev.other_model(model, model_fingerprint) or any(prev.settings.get(k) != settings.get(k) for k in keys):
        return False
    changes = changes if changes is not None else input_changes(prev, opinion_pairs)
    if changes["kept"] * 2 < len(prev.cluster_of):
        return False  # most earlier opinions are gone or rewritten: another input, grouped afresh
    if not any(p is not None for p in unit_prev):
        return False
    # copies of earlier texts arriving late (a campaign still coming in) are late comments too:
    # a fresh grouping of the grown counts could move the earlier rows
    return (any(p is None for p in unit_prev) or left
            or bool(changes["edited"] or changes["gone"] or changes.get("recut") or changes.get("read_empty"))
            or bool(changes.get("arrived")) or (prev.continued and not regroup))


def input_changes(prev: PreviousRun, opinion_pairs: Sequence[tuple[str, str]],
                  no_opinion: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """The earlier run's clustered opinions by what became of them in this input: ``kept`` (a
    count: the same text under its id or another), ``edited`` (corrected: ``find_edits``) and
    ``gone`` (deleted, or rewritten beyond an edit). Edited ones keep their clusters, gone ones
    leave them; the other clusters are kept. ``no_opinion``: {opinion id: its text} of this run's rows
    the tool reads as holding no opinion (``empty``, ``greeting``): an earlier opinion there with the
    same text is ``read_empty`` (the input did not change: the tool reads it otherwise; it leaves its
    cluster too)."""
    current = dict(opinion_pairs)
    no_opinion = no_opinion or {}
    # texts now under an id that held another text (or none): where a text went when ids shifted;
    # a deleted copy's text is still under its twin's id, which is no shift
    shifted = {text for oid, text in current.items() if prev.text_of.get(oid) != text}
    prev_texts = set(prev.text_of.values())
    kept, edited, gone, recut, read_empty = 0, [], [], [], []
    for oid in sorted(prev.cluster_of):
        before = prev.text_of.get(oid)
        if current.get(oid) == before or before in shifted:
            kept += 1
        elif oid in prev.edited and oid in current:
            edited.append(oid)
        elif prev.recut.get(oid) in current:
            recut.append(oid)
        elif oid in no_opinion and no_opinion[oid] == before:
            read_empty.append(oid)
        else:
            gone.append(oid)
    # opinions that came since: an id the earlier run did not have, holding a text it did not
    # have or one more copy of a text it had (an id shifted onto an earlier text is no arrival)
    extra = Counter(current.values())
    extra.subtract(Counter(prev.text_of.values()))
    arrived = []
    recut_to = set(prev.recut.values())
    for oid, text in opinion_pairs:
        if oid not in prev.text_of and oid not in recut_to and (text not in prev_texts or extra[text] > 0):
            arrived.append(oid)
            extra[text] -= 1
    return {"kept": kept + len(edited) + len(recut), "edited": edited, "gone": gone, "arrived": arrived,
            "recut": recut, "read_empty": read_empty}


def regroup_reason(prev: PreviousRun, model: str, settings: Mapping,
                   opinion_pairs: Sequence[tuple[str, str]], model_fingerprint: str | None = None) -> str | None:
    """Why a re-run cannot keep the earlier run's clusters (None: nothing stops it).

    The reasons ``is_late_comment_run`` checks, in words for the run's one line: another
    model or grouping setting, or earlier opinions edited or gone from the input.
    """
    other = prev.other_model(model, model_fingerprint)
    if other:
        return other
    keys = {"seed": "--seed", "split": "--no-split", "near_duplicate_threshold": "the near-duplicate threshold"}
    changed = [opt for k, opt in keys.items() if prev.settings.get(k) != settings.get(k)]
    if "--no-split" in changed:
        # say which run used it and how to keep the clusters (QA48: 「--no-split」 alone read as this run's)
        changed[changed.index("--no-split")] = (
            "the earlier run used --no-split, this one does not; give --no-split again to keep them"
            if prev.settings.get("split") is False else "this run uses --no-split, the earlier one did not")
    if changed:
        return f"other grouping settings: {', '.join(changed)}"
    current = dict(opinion_pairs)
    gone = sum(1 for oid in prev.cluster_of if oid not in current)
    changed = sum(1 for oid in prev.cluster_of if oid in current and current[oid] != prev.text_of.get(oid))
    if gone + changed == len(prev.cluster_of):
        # not one earlier opinion is here as it was: the folder held another consultation's run
        return (f"another input: none of the earlier run's {len(prev.cluster_of)} opinions is in it as it was; "
                "this folder's earlier outputs are replaced (use another --out to keep them)")
    changes = input_changes(prev, opinion_pairs)
    if changes["kept"] * 2 < len(prev.cluster_of):
        rewritten = len(changes["gone"])
        return (f"most earlier opinions changed: {rewritten} of {len(prev.cluster_of)} rewritten or no longer in "
                "the input")
    return None


def withdrawn_placements(prev: PreviousRun, decisions: Sequence, text_of: Mapping[str, str]
                         ) -> tuple[dict[str, str], dict[str, str]]:
    """Opinions the earlier run's clusters hold where a grouping decision withdrawn since put them.

    The earlier run's opinions.csv shows its clusters after the decisions it applied, so a
    merge, move or split withdrawn since is baked into them; continuing them as they are would
    keep the withdrawn decision's effect. Returns ({opinion id: kind of the withdrawn decision}
    for the opinions to place again, on their own text, as late comments are placed;
    {opinion id: the cluster id it had before a withdrawn merge} so a group the merge had
    joined into another cluster can get its old id back). Withdrawn labels, summaries,
    answers and confirmations change no cluster: nothing to place again. A detach withdrawn
    puts the opinion back into its duplicate group, which already follows the group's cluster.
    ``decisions``: this run's decisions.jsonl (``Decision``s; withdrawals resolved to the decisions
    they name by ``decisions.resolve_withdrawals``); ``text_of``: {opinion id: text} of this run's
    opinions.
    """
    from .decisions import resolve_withdrawals  # (decisions reads no continuity: no import cycle)

    seen = prev.decisions_seen
    targets = resolve_withdrawals(decisions)[0]  # {withdraw line number: [numbers it withdraws]}
    before = {n for line, ns in targets.items() if line <= seen for n in ns}
    since = sorted({n for line, ns in targets.items() if line > seen for n in ns})
    freed: dict[str, str] = {}
    restore: dict[str, str] = {}

    def earlier(oid: str) -> str | None:
        return prev.cluster_for(oid, text_of[oid]) if oid in text_of else None

    def home(ids: Sequence[str]) -> str | None:
        tally = Counter(c for c in map(earlier, ids) if c is not None)
        return min(tally, key=lambda c: (-tally[c], _id_sort_key(c))) if tally else None

    for n in since:
        if n > seen or n in before or n < 1:  # never applied by the earlier run: nothing baked in
            continue
        d = decisions[n - 1]
        if d.kind == "merge":
            groups = [list(g) for g in (d.value.get("groups") or []) if g] or [list(d.opinion_ids)]
            recorded = list(d.value.get("clusters") or [])
            by_home: dict[str, list[int]] = defaultdict(list)
            for g, ids in enumerate(groups):
                h = home(ids)
                if h is not None:
                    by_home[h].append(g)
            for h, gs in by_home.items():
                if len(gs) < 2:
                    continue
                # the group that gave the merged cluster its id stays, else the largest one there
                keep = next((g for g in gs if g < len(recorded) and recorded[g] == h), None)
                if keep is None:
                    keep = max(gs, key=lambda g: (sum(1 for i in groups[g] if earlier(i) == h), -g))
                for g in gs:
                    if g == keep:
                        continue
                    for oid in groups[g]:
                        if earlier(oid) == h:
                            freed[oid] = "merge"
                            if g < len(recorded) and recorded[g] and recorded[g] != h:
                                restore[oid] = str(recorded[g])
        elif d.kind == "move":
            moved = set(d.opinion_ids)
            target = home([i for i in d.value.get("target", []) if i not in moved])
            for oid in d.opinion_ids:
                if target is not None and earlier(oid) == target:
                    freed[oid] = "move"
        elif d.kind == "split":
            for oid in d.opinion_ids:
                if earlier(oid) is not None:
                    freed[oid] = "split"
    return freed, restore


def _fresh_agreement(labels: np.ndarray, fresh: np.ndarray) -> dict[int, int]:
    """{fresh label: the earlier cluster holding most of that fresh cluster's earlier units}, for
    the fresh clusters whose earlier units are mostly (more than half) one earlier cluster's."""
    tally: dict[int, Counter] = defaultdict(Counter)
    for u, lab in enumerate(labels.tolist()):
        if lab >= 0:
            tally[int(fresh[u])][lab] += 1
    out = {}
    for f, votes in tally.items():
        lab, n = votes.most_common(1)[0]
        if 2 * n > sum(votes.values()):
            out[f] = lab
    return out


def extend_clusters(unit_prev: Sequence[str | None], vectors: np.ndarray, counts: np.ndarray,
                    group_new, join=None, fresh: np.ndarray | None = None) -> tuple[np.ndarray, dict[int, str]]:
    """Late comments: earlier units keep their cluster; new units join one or form new ones.

    ``group_new(indices) -> labels`` clusters the new units that fit no existing cluster.
    ``join(labels, block_of, apart) -> labels`` (``grouping.merge_across_blocks``) then lets
    each of those new clusters join an earlier cluster when the grouping's own average-link
    rule would have joined them (a paraphrase of a one-text cluster, which the centroid test
    only opens to copies); ``apart`` keeps the earlier clusters from joining each other.
    ``fresh``: the labels a fresh grouping of every unit gives. With it, a newcomer joins an
    earlier cluster only where the fresh grouping puts it with that cluster's units (most of the
    earlier units it shares a fresh cluster with are that cluster's): a large, varied cluster,
    whose least typical member is far from its centroid, admitted a new topic by the centroid
    test alone (QA: 49 電動キックボード opinions into the 自転車専用レーン campaign's row, which a
    fresh run kept apart).
    Returns unit labels and {label: earlier cluster id} for the labels that continue one.
    """
    old_ids = sorted({p for p in unit_prev if p is not None}, key=_id_sort_key)
    label_of_old = {cid: n for n, cid in enumerate(old_ids)}
    labels = np.full(len(unit_prev), -1, dtype=np.int64)
    members = defaultdict(list)
    for u, p in enumerate(unit_prev):
        if p is not None:
            labels[u] = label_of_old[p]
            members[labels[u]].append(u)
    # Each cluster admits a newcomer as close to its centroid as its own least typical member.
    centroids, admit = [], []
    for n in range(len(old_ids)):
        us = members[n]
        v = (vectors[us] * counts[us, None]).sum(axis=0)
        v = v / (np.linalg.norm(v) or 1.0)
        centroids.append(v)
        sims = vectors[us] @ v
        admit.append(float(sims.min()) if len(us) > 1 else 1.01)  # singletons only take copies
    new_units = [u for u, p in enumerate(unit_prev) if p is None]
    agree = _fresh_agreement(labels, fresh) if fresh is not None else None
    leftover = []
    if centroids:
        sims = vectors[new_units] @ np.array(centroids).T
        for row, u in zip(sims, new_units):
            best = int(np.argmax(row))
            if row[best] >= admit[best] and (agree is None or agree.get(int(fresh[u])) == best):
                labels[u] = best
            else:
                leftover.append(u)
    else:
        leftover = new_units
    if leftover:
        sub = np.asarray(group_new(leftover), dtype=np.int64)
        labels[leftover] = sub + len(old_ids)
        if agree is not None and old_ids:
            # each new cluster joins the earlier cluster the fresh grouping puts most of its units with
            joined = labels.copy()
            for lab in np.unique(sub + len(old_ids)).tolist():
                units = np.flatnonzero(labels == lab)
                votes = Counter(agree[int(fresh[u])] for u in units.tolist() if int(fresh[u]) in agree)
                if votes:
                    target, n = votes.most_common(1)[0]
                    if 2 * n > len(units):
                        joined[units] = target
            return joined, {n: cid for cid, n in label_of_old.items()}
        if join is not None and old_ids:
            old = labels < len(old_ids)
            joined = np.asarray(join(labels, (~old).astype(np.int64), np.where(old, labels, -1)), dtype=np.int64)
            # the label now holding each earlier cluster (one earlier cluster per label: apart)
            continued = {int(joined[members[n][0]]): cid for cid, n in label_of_old.items() if members[n]}
            return joined, continued
    return labels, {n: cid for cid, n in label_of_old.items()}


def keep_ids(earlier: Mapping[int, Sequence[str | None]],
             own: Mapping[int, Sequence[str | None]] | None = None) -> dict[int, str]:
    """Which earlier cluster id each cluster keeps, after staff decisions were applied.

    ``earlier``: for each cluster, the earlier cluster id of each of its opinions (None: an
    opinion the earlier run did not have, or one placed again). A cluster may keep an earlier
    id when most of its opinions had it, or when most of that earlier cluster's opinions (those
    still here) are in it: the target of a ``move`` (one opinion of its own and one moved in),
    a group a ``split`` took out, a merge of two equal groups. ``own``: the same for the
    opinions the grouping (or the continued earlier clusters) put in each cluster, before the
    decisions: the cluster built on an earlier one's own opinions keeps its id first, so the
    cluster a split or move took opinions from keeps its id, and a moved opinion does not take
    its old cluster's id along. An id goes to one cluster; one not kept is freed.
    """
    here = Counter(cid for ids in earlier.values() for cid in ids if cid is not None)
    candidates = []
    for c, ids in earlier.items():
        tally = Counter(cid for cid in ids if cid is not None)
        mine = Counter(cid for cid in (own or {}).get(c, ()) if cid is not None)
        for cid, n in tally.items():
            # or half of its opinions, and the half the grouping itself kept together: the target of
            # a move whose other opinion an earlier move took out (a 1:1 tie would free the id)
            if (2 * n > len(ids) or 2 * n > here[cid]
                    or (2 * n >= len(ids) and mine[cid] and 2 * mine[cid] >= here[cid])):
                candidates.append((-mine[cid], -n, c, cid))
    taken: dict[int, str] = {}
    used: set[str] = set()
    for _, _, c, cid in sorted(candidates, key=lambda x: (x[0], x[1], x[2], _id_sort_key(x[3]))):
        if c not in taken and cid not in used:
            taken[c] = cid
            used.add(cid)
    return taken


def kept_ids(members: Mapping[int, Sequence[int]], earlier_of_unit: Sequence[Sequence[str | None]],
             grouped: Sequence[int]) -> dict[int, str]:
    """``keep_ids`` for the pipeline's clusters: ``members`` {cluster: its units} after the
    decisions; ``earlier_of_unit``: per unit, the earlier cluster id of each of its opinions;
    ``grouped``: each unit's cluster before the decisions (the grouping, or the continued
    earlier clusters), the same numbers for a cluster the decisions kept."""
    earlier = {c: [cid for u in us for cid in earlier_of_unit[u]] for c, us in members.items()}
    own = {c: [cid for u in us if int(grouped[u]) == c for cid in earlier_of_unit[u]]
           for c, us in members.items()}
    return keep_ids(earlier, own)


def _id_sort_key(cid: str) -> tuple:
    m = _ID_RE.match(cid)
    return (0, int(m.group(1)), cid) if m else (1, 0, cid)


def id_number(cid: str) -> int | None:
    """The number of a cluster id (``C018`` -> 18), None for anything else."""
    m = _ID_RE.match(str(cid).strip())
    return int(m.group(1)) if m else None


def highest_id_given(prev: PreviousRun | None, decisions: Sequence = ()) -> int:
    """The number of the highest cluster id the run folder has given (0: none yet): the earlier
    run's ``highest_id`` (its run.json's ``highest_cluster_id``, else its own largest id), and any
    id a recorded ``merge`` names (a folder whose run.json predates ``highest_cluster_id`` still
    keeps a merged-away id, which ``review`` resolves to the cluster it joined, from a new group).
    New clusters are numbered after it: an id is never given twice in one folder. A first run
    (no earlier run here) numbers from C001 whatever decisions.jsonl holds."""
    if prev is None:
        return 0
    top = prev.highest_id
    for d in decisions:
        if getattr(d, "kind", None) != "merge":
            continue
        named = (getattr(d, "value", None) or {}).get("clusters")
        if isinstance(named, list):
            top = max([top] + [id_number(str(c)) or 0 for c in named])
    return top


def assign_ids(order: Sequence[int], inherited: Mapping[int, str], reserved: Sequence[str] = (),
               after: int = 0) -> dict[int, str]:
    """Ids for clusters in ``order``: inherited ones kept, new ones numbered after the largest of
    those, ``reserved`` and ``after`` (the highest id number the folder ever gave)."""
    used = list(inherited.values()) + list(reserved)
    top = max([n for n in map(id_number, used) if n is not None] + [int(after or 0)])
    width = max(3, len(str(top + len(order))))
    ids, nxt = {}, top
    for c in order:
        if c in inherited:
            ids[c] = inherited[c]
        else:
            nxt += 1
            ids[c] = f"C{nxt:0{width}d}"
    return ids


def late_joining_lines(rows: Sequence[tuple[str, Sequence[str], Sequence[Sequence[tuple[str, str]]]]],
                       arrived: Collection[str], shown: int = 5) -> list[str]:
    """The notes of a late run on the rows late opinions joined. ``rows``: (cluster id, what staff
    gave it — 「a confirmed answer」, 「対応区分 C」 …, its units' (opinion id, text) pairs) per row;
    ``arrived``: the opinion ids that came since the earlier run (exact copies too).

    A row with staff's work is named whenever late opinions joined it (the answer may not fit
    them); a row without is named when its new texts outnumber its earlier ones (its ご意見の概要
    is still an earlier one: QA21 saw 3 病児保育 opinions published under a 一時保育 row's text).
    Rows that took new texts come first, ``shown`` in full, the rest on one line (QA20: 41 notes,
    most about copies, hid a new topic pushed into a row)."""
    notes: list[tuple[int, str, str]] = []  # (new texts, cluster id, line)
    for cid, written, units in rows:
        # a copy: in a duplicate group that already had an opinion in the earlier run
        texts, copies, before = [], [], 0
        for pairs in units:
            came = [oid for oid, _ in pairs if oid in arrived]
            had = len(came) < len(pairs)
            before += had
            (copies if had else texts).extend(came)
        new = texts + copies
        if not written:
            if before and len(texts) > max(1, before):
                notes.append((len(texts), cid,
                              f"note: {len(texts)} new late opinions joined {cid}, which had {before} distinct "
                              f"opinion{'s' if before > 1 else ''}: check that its ご意見の概要 still stands for them "
                              f"({', '.join(texts[:5])}{' …' if len(texts) > 5 else ''}; `cluster review split` gives "
                              "them a row)"))
            continue
        if new and before:
            copied = (f" ({'all' if not texts else len(copies)} of them copies or near-copies of opinions already "
                      "in it)" if copies and len(new) > 1 else
                      " (a copy or near-copy of an opinion already in it)" if copies else "")
            notes.append((len(texts), cid,
                          f"note: {len(new)} late opinion{'s' if len(new) > 1 else ''} joined {cid}, which has "
                          f"{' and '.join(written)} from before they came{copied}: check it still fits them "
                          f"({', '.join(new[:5])}{' …' if len(new) > 5 else ''})"))
    notes.sort(key=lambda x: (-x[0], x[1]))
    lines = [line for _, _, line in notes[:shown]]
    if len(notes) > shown:
        rest = [cid for _, cid, _ in notes[shown:]]
        lines.append(f"note: late opinions also joined {len(rest)} more rows with staff's work or new texts: "
                     f"{', '.join(rest[:12])}{' …' if len(rest) > 12 else ''} (`cluster review show` lists a row's "
                     "opinions)")
    return lines
