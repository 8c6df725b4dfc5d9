"""Staff review: the verbs that record decisions in a run folder (merge, move, split, label,
answer …, each checked against the run first and said back in plain words), and the notebook's
helpers. What each kind of decision means and how a run re-applies it: :mod:`cluster.decisions`.

Notebook helpers (pandas): :func:`load_run`, :func:`cluster_table`, :func:`cluster_view`,
:func:`duplicate_group_table`, :func:`duplicate_group_view`, :func:`opinion_map`,
:func:`decision_table`, :func:`rerun`, :func:`export_report`.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
import shlex
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Mapping, Sequence

import numpy as np

from .decisions import (DECISIONS_FILE, RESHAPING, ROW_KINDS, TEXT_KINDS, _decision_id, _ids_shown, _when,
                        _withdrawn, append_decision, apply_decisions, cut_text, detached_opinions,
                        excluded_opinions, load_decisions, resolve_withdrawals, text_fingerprint)
from .io import InputError, counted, shorten, unescape_cell
from .records import Decision


def decision_count_rows(run) -> list[tuple[str, int]]:
    """The notebook's decision counts, as the run's line says them and adding up the same way
    (recorded = applied + no longer apply + did not take effect + replaced + withdrawn; the
    ``review undo`` lines apart), then the lines recorded since the run. A run.json written before
    the breakdown gives what it has."""
    run = _as_run(run)
    done = run.info.get("decisions") if isinstance(run.info.get("decisions"), dict) else {}
    get = lambda key: int(done.get(key, 0) or 0)  # noqa: E731
    if "lines" in done:
        rows = [("decisions recorded", get("recorded")), ("applied", get("applied")),
                ("no longer apply", get("no_longer_apply")), ("did not take effect", get("did_not_take_effect")),
                ("replaced by a later one", get("replaced")), ("withdrawn", get("withdrawn")),
                ("withdrawals (undo)", get("withdrawals"))]
    else:
        rows = [("decisions applied", get("applied")), ("no longer apply or did not take effect", get("not_applied"))]
    return rows + [("recorded since the run (waiting for the next run)", run.pending)]


# ------------------------------------------------- verbs over a run folder (CLI, notebook)


def _read_opinions_rows(run_dir) -> list[dict[str, str]]:
    from .io import read_table

    path = Path(run_dir) / "opinions.csv"
    if not Path(run_dir).is_dir():
        raise InputError(f"{run_dir}: no such run folder; run `cluster run INPUT --out {run_dir}` first")
    if not path.exists():
        raise InputError(f"{path}: not found; run `cluster run INPUT --out {run_dir}` first")
    st = path.stat()
    key = (str(path.resolve()), st.st_ino, st.st_mtime_ns, st.st_size)
    if _OPINIONS_CACHE.get("key") == key:
        return _OPINIONS_CACHE["rows"]
    columns, rows = _read_own_csv(path)
    if rows is None:  # not as the run wrote it (another encoding, edited): the full reader
        table = read_table(path)
        columns, rows = table.columns, table.rows
    if "opinion_id" not in columns or "cluster_id" not in columns:
        raise InputError(f"{path}: not an opinions.csv written by cluster run")
    _OPINIONS_CACHE.clear()
    _OPINIONS_CACHE.update(key=key, rows=rows)
    return rows


# One recording reads the run's opinions.csv up to seven times (checks, the lines said); on a
# 30,000-letter consultation each read took 2 s. The latest read is kept while the file is unchanged
# (a re-run writes a new file: another inode, time or size). Callers only read the rows.
_OPINIONS_CACHE: dict = {}


def _read_own_csv(path: Path) -> tuple[list[str], list[dict[str, str]] | None]:
    """opinions.csv as ``cluster run`` writes it (UTF-8 with BOM, one header row), read with the
    csv module: the full reader's cleaning is for files people made. ``(columns, None)``: read it
    with the full reader instead."""
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            columns = next(reader, [])
            rows = []
            for cells in reader:
                if len(cells) != len(columns):
                    return columns, None
                rows.append(dict(zip(columns, cells)))
    except (UnicodeDecodeError, csv.Error):
        return [], None
    return columns, rows


def run_members(run_dir: str | Path) -> tuple[dict[str, list[str]], set[str]]:
    """``({cluster_id: [opinion ids]}, {all opinion ids})`` from the run's opinions.csv."""
    members, all_ids, _ = _run_state(run_dir)
    return members, all_ids


def _run_state(run_dir) -> tuple[dict[str, list[str]], set[str], dict[str, dict[str, str]]]:
    """Clusters' members, all opinion ids, and each opinion's row (one read of opinions.csv)."""
    members: dict[str, list[str]] = {}
    rows = _read_opinions_rows(run_dir)
    row_of = {}
    for row in rows:
        oid = unescape_cell(row["opinion_id"])
        row_of[oid] = row
        cid = unescape_cell(row["cluster_id"])
        if cid:
            members.setdefault(cid, []).append(oid)
    return members, set(row_of), row_of


def _with_fingerprints(row_of: Mapping[str, Mapping[str, str]], value: dict, *id_lists: Sequence[str]) -> dict:
    """``value`` plus the text fingerprint of every opinion the decision names (``row_of``:
    the opinions.csv rows by id, from ``_run_state``)."""
    fps = {}
    for ids in id_lists:
        for i in ids:
            if i in row_of:
                fps[i] = text_fingerprint(unescape_cell(row_of[i].get("text", "")))
    return {**value, "fingerprints": fps}


def copies_of(run_dir, opinion_ids: Sequence[str]) -> int:
    """How many other opinions share a duplicate group with ``opinion_ids`` (they move together).

    Opinions a ``detach`` in force takes out of their group (applied by the next run) move
    without the group, and the group without them."""
    _, _, row_of = _run_state(run_dir)
    detached = _detached_in_force(load_decisions(run_dir), row_of)

    def unit(oid: str) -> tuple | None:  # what moves together with ``oid`` on the next run
        group = row_of[oid].get("duplicate_group", "")
        if not group:
            return None
        return (group, _key(row_of[oid])) if oid in detached else (group,)

    units = {unit(i) for i in opinion_ids if i in row_of} - {None}
    if not units:
        return 0
    return sum(1 for oid in row_of if oid not in opinion_ids and unit(oid) in units)


def _key(row: Mapping[str, str]) -> str:
    """The text duplicates are compared on (what ``find_duplicates`` sees)."""
    from .normalize import comparison_text

    return comparison_text(unescape_cell(row.get("text", "")))


def _detached_in_force(decisions: Sequence[Decision], row_of: Mapping[str, Mapping[str, str]]) -> dict[str, int]:
    """{opinion id of this run: number of the ``detach`` decision in force that takes it out},
    as the next run sees it (:func:`detached_opinions`: ids followed by their text when rows
    shifted in an input without an id column). ``row_of``: the opinions.csv rows by id."""
    clustered = {oid: row for oid, row in row_of.items() if unescape_cell(row.get("cluster_id", ""))}
    fingerprints = {oid: text_fingerprint(unescape_cell(row.get("text", ""))) for oid, row in clustered.items()}
    out: dict[str, int] = {}
    for n, _, ids in detached_opinions(decisions, clustered, fingerprints):
        for i in ids:
            out.setdefault(i, n)
    return out


def lines_read(done) -> int:
    """How many decision lines (withdrawals included) a run read, from run.json's ``decisions``:
    ``lines``; a run.json written before that key counted the lines in ``recorded``."""
    if not isinstance(done, Mapping):
        return 0
    try:
        return int(done.get("lines", done.get("recorded", 0)) or 0)
    except (TypeError, ValueError):
        return 0


def _recorded_by_the_run(run_dir) -> int:
    """How many decision lines the run in ``run_dir`` read (0: none, or no readable run.json)."""
    info = _read_run_info(run_dir, required=False) or {}
    return lines_read(info.get("decisions") if isinstance(info, dict) else None)


def _applied_by_the_run(run_dir, n: int) -> bool:
    """Whether decision ``n`` (1-based) was recorded before the run in ``run_dir`` was made."""
    return _recorded_by_the_run(run_dir) >= n


_TAKES_OUT = ("split", "move", "detach", "exclude")


def _leaving_before_the_run(run_dir, ids: Sequence[str], decisions: Sequence[Decision]
                            ) -> tuple[list[str], list[int]]:
    """The opinions of ``ids`` (a row's) that a split, move, detach or exclusion recorded since the run (not
    withdrawn) takes out of the row at the next run, and those decisions' numbers. A text recorded for the row
    now (an answer, a summary) is meant for what stays (QA83: an answer recorded after a split of half the row
    landed on the half split off)."""
    done, withdrawn, mine = _recorded_by_the_run(run_dir), _withdrawn(decisions), set(ids)
    leaving: dict[str, None] = {}
    numbers = []
    for n, d in enumerate(decisions, 1):
        if n > done and n not in withdrawn and d.kind in _TAKES_OUT:
            taken = [i for i in d.opinion_ids if i in mine]
            if taken:
                leaving.update(dict.fromkeys(taken))
                numbers.append(n)
    return list(leaving), numbers


def _staying(run_dir, ids: Sequence[str], decisions: Sequence[Decision]) -> list[str]:
    """``ids`` without those a decision recorded since the run takes out (all of them when none would stay)."""
    leaving, _ = _leaving_before_the_run(run_dir, ids, decisions)
    kept = [i for i in ids if i not in set(leaving)]
    return kept or list(ids)


def _cluster(members: Mapping[str, list[str]], cluster_id: str,
             decisions: Sequence[Decision] | None = None) -> list[str]:
    """The opinion ids of cluster ``cluster_id``; a cluster merged away by a decision (in
    ``decisions``) is the cluster its opinions are in now (:func:`_cluster_now`)."""
    return members[_cluster_now(members, cluster_id, decisions)]


def _merged_into(members: Mapping[str, list[str]], cluster_id: str,
                 decisions: Sequence[Decision]) -> tuple[str | None, int | None, bool]:
    """``(cluster now holding it, merge decision number, withdrawn)`` for a cluster id a
    ``merge`` named that this run no longer has (``(None, None, False)``: no merge named it).
    A merge in force wins over a withdrawn one, the latest over earlier ones."""
    where = {oid: c for c, ids in members.items() for oid in ids}
    withdrawn = _withdrawn(decisions) if decisions else set()
    found: list[tuple[bool, int, str | None]] = []
    for n, d in enumerate(decisions, 1):
        named = d.value.get("clusters") if d.kind == "merge" else None
        if not isinstance(named, list) or cluster_id not in named:
            continue
        groups = d.value.get("groups") or []
        k = named.index(cluster_id)
        ids = groups[k] if k < len(groups) and isinstance(groups[k], list) else list(d.opinion_ids)
        found.append((n not in withdrawn, n, _current_cluster(where, ids)))
    if not found:
        return None, None, False
    in_force, n, now = max(found, key=lambda f: (f[0], f[1]))
    return now, n, not in_force


def _cluster_now(members: Mapping[str, list[str]], cluster_id: str,
                 decisions: Sequence[Decision] | None = None) -> str:
    """``cluster_id`` as this run has it: itself, or, for a cluster merged away by a decision in
    force (``review merge out C010 C018`` and a re-run: C018 is gone), the cluster its opinions
    are in now (C010). Anything else is one line naming the clusters there are."""
    cluster_id = unicodedata.normalize("NFKC", str(cluster_id)).strip()  # 「Ｃ００３」, as an IME types it
    if cluster_id in members:
        return cluster_id
    if re.fullmatch(r"[Cc]\d+", cluster_id):  # C3 or c003 for C003, as people say and type it
        same = [c for c in members if re.fullmatch(r"C0*" + str(int(cluster_id[1:])), c)]
        if len(same) == 1:
            return same[0]
        cluster_id = cluster_id.upper()
    now, n, withdrawn = _merged_into(members, cluster_id, decisions or [])
    if now is not None and not withdrawn:
        return now
    known = ", ".join(sorted(members)[:8])
    why = ""
    if n is not None and withdrawn:
        why = (f"; it was merged into another cluster by decision {n}, withdrawn since: run `cluster run` again "
               "to get it back")
    elif n is not None:
        why = f"; it was merged by decision {n}, and its opinions are in no cluster now"
    raise InputError(f"unknown cluster {cluster_id!r}{why} (clusters: {known}{' ...' if len(members) > 8 else ''}; "
                     "see cluster_id in clusters.csv)")


def current_cluster_id(run_dir, cluster_id: str) -> str:
    """The id of cluster ``cluster_id`` in the run folder now: a cluster merged away (``review
    merge``, then a run) is the one its opinions joined. Raises InputError for an unknown one."""
    members, _, _ = _run_state(run_dir)
    return _cluster_now(members, cluster_id, load_decisions(run_dir))


# an opinion whose text only points to an attachment (status attachment) is no text to group or reshape
ATTACHMENT_WHY = ("its text only points to an attachment (status attachment): type the attachment's text into "
                  "the input in its place and run again")
REASON_WHY = ("it gives the reasons for another opinion of its submission (status reason: a letter's 意見の理由 under "
              "several 意見の趣旨 items, a form's reason cell, or the writer's own lines over a forwarded campaign text), "
              "no opinion of its own")
# an opinion its submitter sent before too (status repeat, `cluster run --count-repeats once`): counted once
REPEAT_WHY = ("it repeats an opinion its submitter sent before (status repeat, `cluster run --count-repeats once`): "
              "counted once, with the opinion repeat_of in opinions.csv names")


def _not_clustered_why(status: str) -> str:
    """Why an opinion of ``status`` is in no cluster, for a refusal (QA43: 「its status is not ok」 said nothing)."""
    if status == "attachment":
        return ATTACHMENT_WHY
    if status == "reason":
        return REASON_WHY
    if status == "repeat":
        return REPEAT_WHY
    return f"its status is {status}" if status else "its status is not ok"


def _same_spelling(given: str, cluster_id: str) -> bool:
    """Whether ``given`` is ``cluster_id`` typed otherwise (c003, C3, Ｃ００３), no other cluster."""
    given = unicodedata.normalize("NFKC", str(given)).strip()
    return bool(re.fullmatch(r"[Cc]\d+", given) and re.fullmatch(r"C\d+", cluster_id)
                and int(given[1:]) == int(cluster_id[1:]))


def _spelt_as_given(all_ids: set[str], given: str) -> str:
    """The opinion id ``given`` names: itself, or the one id it is in full-width or other case
    (「Ｈ－００１－１」「h-001-1」 for H-001-1, as an IME types them; QA60: refused, while c003 was taken)."""
    if given in all_ids:
        return given
    folded = unicodedata.normalize("NFKC", given).strip()
    if folded in all_ids:
        return folded
    same = [i for i in all_ids if i.casefold() == folded.casefold()]
    return same[0] if len(same) == 1 else given


def _cluster_spelling(members: Mapping[str, list[str]], given: str) -> str:
    """Cluster ``given`` as the run spells it (「Ｃ００３」「c003」「C3」 for C003); an id the run has not
    (merged away since) upper-cased, for ``_cluster_now`` to follow."""
    given = unicodedata.normalize("NFKC", str(given)).strip()
    if given in members:
        return given
    m = re.fullmatch(r"[Cc](\d+)", given)
    if not m:
        return given
    same = [c for c in members if re.fullmatch(r"C0*" + str(int(m.group(1))), c)]
    return same[0] if len(same) == 1 else given.upper()


_CLUSTER_ARGS = ("clusters", "cluster_id")
_OPINION_ARGS = ("opinion_id", "opinion_ids", "item_id")
ID_ARGUMENTS = _CLUSTER_ARGS + _OPINION_ARGS  # a review command's arguments that name clusters or opinions


def as_spelt_in_run(run_dir, arguments: dict) -> dict:
    """A review command's id arguments as the run folder spells them: full-width (as an IME types
    them: 「Ｃ００３」「Ｈ－００１－１」), lower case, or a cluster's number without its zeros (C3). The
    messages then name the ids the run has (QA60: 「recorded label for Ｃ００３ (0 opinions)」 once C003 was
    taken, 「unknown opinion id 'h-001-1'」). Unchanged when the folder cannot be read (the command says why)."""
    try:
        members, all_ids, _ = _run_state(run_dir)
    except (InputError, OSError, ValueError):
        return arguments
    out = dict(arguments)

    def one(key: str, value: str) -> str:
        folded = unicodedata.normalize("NFKC", str(value)).strip()
        if key in _CLUSTER_ARGS or (re.fullmatch(r"[Cc]\d+", folded) and folded not in all_ids):
            return _cluster_spelling(members, value)
        return _spelt_as_given(all_ids, str(value).strip())

    for key in ID_ARGUMENTS:
        value = out.get(key)
        if isinstance(value, str) and value:
            out[key] = one(key, value)
        elif isinstance(value, (tuple, list)):
            out[key] = type(value)(one(key, v) for v in value)
    return out


def _opinions(all_ids: set[str], ids: Sequence[str], clustered: set[str] | None = None,
              row_of: Mapping[str, Mapping[str, str]] | None = None) -> list[str]:
    ids = [_spelt_as_given(all_ids, str(i).strip()) for i in ids if str(i).strip()]
    if not ids:
        raise InputError("name at least one opinion id")
    unknown = [i for i in ids if i not in all_ids]
    if unknown:
        # a submission's id given for an opinion's (「郵送-1」 for 郵送-1-1): name its opinions
        pieces = sorted((i for i in all_ids if i.startswith(unknown[0] + "-")
                         and i[len(unknown[0]) + 1:].split(".")[0].isdigit()),
                        key=lambda i: [int(x) for x in i[len(unknown[0]) + 1:].split(".") if x.isdigit()])
        hint = (f"; {unknown[0]} is a submission: its opinion{'s are' if len(pieces) > 1 else ' is'} "
                f"{', '.join(pieces[:6])}{' …' if len(pieces) > 6 else ''}" if pieces else "")
        raise InputError(f"unknown opinion id {unknown[0]!r}{hint}; see opinion_id in opinions.csv")
    if clustered is not None:
        outside = [i for i in ids if i not in clustered]
        if outside:
            status = (row_of or {}).get(outside[0], {}).get("status", "")
            why = ("its status is excluded: staff excluded it (対象外); `cluster review undo` on that decision "
                   "brings it back" if status == "excluded" else _not_clustered_why(status))
            raise InputError(f"opinion {outside[0]!r} is not in any cluster ({why}); "
                             "only clustered opinions can be moved or split")
    return list(dict.fromkeys(ids))


def record_merge(run_dir, cluster_ids: Sequence[str], by: str | None = None) -> Decision:
    cluster_ids = list(dict.fromkeys(str(c).strip() for c in cluster_ids))
    if len(cluster_ids) < 2:
        raise InputError("merge needs two or more different clusters")
    members, _, row_of = _run_state(run_dir)
    decisions = load_decisions(run_dir)
    now = {c: _cluster_now(members, c, decisions) for c in cluster_ids}
    named = list(cluster_ids)
    cluster_ids = list(dict.fromkeys(now.values()))
    if len(cluster_ids) < 2:
        # 「C003 c003」「C3 C003」: one cluster, spelt twice (QA60: said to be 「merged by an earlier decision」)
        merged = [f"{c} is now {now[c]}" for c in named if now[c] != c and not _same_spelling(c, now[c])]
        if not merged:
            raise InputError("merge needs two or more different clusters")
        raise InputError(f"{' and '.join(merged)} (merged by an earlier decision): nothing left to merge")
    groups = [members[c] for c in cluster_ids]
    ids = [i for g in groups for i in g]
    return append_decision(run_dir, "merge", ids,
                           _with_fingerprints(row_of, {"groups": groups, "clusters": list(cluster_ids)}, ids), by)


def merge_notes(run_dir, cluster_ids: Sequence[str]) -> list[str]:
    """What staff should know before a merge lands: the answer, summary or label one cluster alone
    has now stands for the others' opinions too (``merge_keeps``), two of the clusters hold
    written answers or summaries (the merged cluster keeps one, that of the cluster with more
    opinions), or one holds an explicit 賛成 and another an explicit 反対 (a published row answers
    one stance)."""
    return merge_keeps(run_dir, cluster_ids) + _merge_conflicts(run_dir, cluster_ids)


def _merge_conflicts(run_dir, cluster_ids: Sequence[str]) -> list[str]:
    from .stance import explicit_polarity

    members, _, row_of = _run_state(run_dir)
    decisions = load_decisions(run_dir)
    cluster_ids = list(dict.fromkeys(_cluster_now(members, str(c).strip(), decisions) for c in cluster_ids))
    info = {}
    path = Path(run_dir) / "clusters.csv"
    if path.is_file():  # read as opinions.csv is: a run may have written it in CP932
        from .io import read_table

        info = {unescape_cell(r.get("cluster_id", "")): r for r in read_table(path).rows}
    notes = []
    size = {c: len(members.get(c, [])) for c in cluster_ids}
    # written since the last run too: decisions in force, on the cluster holding most of their opinions
    cluster_of = {oid: c for c, ids in members.items() for oid in ids}
    withdrawn = _withdrawn(decisions)
    pending: dict[str, set[str]] = {"answer": set(), "summary": set()}
    for n, d in enumerate(decisions, 1):
        if d.kind in pending and n not in withdrawn:
            tally = Counter(cluster_of[i] for i in d.opinion_ids if i in cluster_of)
            if tally:
                pending[d.kind].add(tally.most_common(1)[0][0])
    written = {}
    for kind, what, has in (("answer", "answer", lambda r: r.get("answer_status") == "confirmed"),
                            ("summary", "summary (ご意見の概要)",
                             lambda r: bool(unescape_cell(r.get("summary", "")).strip()))):
        holding = [c for c in cluster_ids if (c in info and has(info[c])) or c in pending[kind]]
        written[kind] = holding
        if len(holding) > 1:
            keeps = max(holding, key=lambda c: size[c])
            which = (f"that of {keeps}, which has the most opinions" if sorted(size[c] for c in holding)[-2] < size[keeps]
                     else "the one recorded last (they are the same size)")
            notes.append(f"note: {' and '.join(holding)} each have a written {what}; the merged cluster keeps {which}. "
                         f"Check it after the next run, or write the merged cluster's own")
    # of two categories or sections, the run keeps the decision naming the most of the merged row's
    # opinions, the later on a tie (apply_decisions), not the larger cluster's (QA: on a tie the note
    # named the first cluster's 対応区分 and the run published the other)
    classed = _row_decisions_of(members, decisions, cluster_ids, "category")
    if len({_said("category", d.value) for _, _, d in classed.values()}) > 1:
        keeps = max(classed, key=lambda c: classed[c][:2])
        listed = " and ".join(f"{c} (category (対応区分) {_said('category', d.value)})" for c, (_, _, d) in classed.items())
        notes.append(f"note: {listed} differ; the merged row keeps that of {keeps}. Check it after the next run "
                     "(`cluster review category` records another)")
    for kind, word in (("section", "該当箇所"), ("department", "担当課")):
        held = _row_decisions_of(members, decisions, cluster_ids, kind)
        if len({str(d.value.get(kind) or "") for _, _, d in held.values()}) <= 1:
            continue
        keeps = max(held, key=lambda c: held[c][:2])
        text = str(held[keeps][2].value.get(kind) or "")
        listed = " and ".join(f"{c} ({word} 「{shorten(str(d.value.get(kind) or ''), 30)}」)"
                              for c, (_, _, d) in held.items())
        tie = ", the later on a tie" if any(held[c][0] == held[keeps][0] for c in held if c != keeps) else ""
        notes.append(f"note: {listed} differ; the merged row keeps {keeps}'s 「{shorten(text, 30)}」 (its `{kind}` "
                     f"decision names the most opinions{tie}). Check it after the next run; "
                     f"`cluster review {kind} {run_dir} {keeps} \"…\"` writes another")
    if len(written["answer"]) == 1 and len(written["summary"]) == 1 and written["answer"] != written["summary"]:
        notes.append(f"note: the merged row will show {written['summary'][0]}'s summary with {written['answer'][0]}'s "
                     "answer; check that they go together after the next run")
    # each row's first 賛成 and first 反対 opinion, named, so staff see what stands against what (QA28: a
    # 「…廃止には反対」 on the keep side read as the conflict, while the real one was a 賛成 intruder)
    example: dict[tuple[str, int], str] = {}
    for c in cluster_ids:
        ids = members.get(c, [])
        texts = [unescape_cell(row_of[i].get("text", "")) for i in ids]
        for oid, text, p in zip(ids, texts, explicit_polarity(texts).tolist() if texts else []):
            if p in (1, -1):
                example.setdefault((c, p), f"{oid} 「{shorten(' '.join(text.split()), 24)}」")
    pro = [c for c in cluster_ids if (c, 1) in example]
    con = [c for c in cluster_ids if (c, -1) in example]
    if any(a != b for a in pro for b in con):
        shown = lambda rows, p: ", ".join(f"{c} ({example[(c, p)]})" for c in rows)  # noqa: E731
        notes.append(f"note: {shown(pro, 1)} hold{'s' if len(pro) == 1 else ''} 賛成 and {shown(con, -1)} "
                     f"hold{'s' if len(con) == 1 else ''} 反対 opinions: one row of the published table will answer "
                     "both stances (`cluster review undo` withdraws the merge)")
    return notes


def _row_decisions_of(members: Mapping[str, list[str]], decisions: Sequence[Decision],
                      cluster_ids: Sequence[str], kind: str) -> dict[str, tuple[int, int, Decision]]:
    """``{cluster id: (weight, number, decision)}``: the decision of ``kind`` (category, section, department)
    in force on each of the clusters a merge names (recorded since the last run too), placed as
    :func:`_staff_work` places it; ``weight``: how many of the merged clusters' opinions it names,
    which decides, as :func:`apply_decisions` does, which one the merged row keeps (the later on a
    tie)."""
    cluster_of = {oid: c for c, ids in members.items() for oid in ids}
    mine = {oid for c in cluster_ids for oid in members.get(c, [])}
    withdrawn = _withdrawn(decisions)
    best: dict[str, tuple[int, int, int, Decision]] = {}
    for n, d in enumerate(decisions, 1):
        if d.kind != kind or n in withdrawn:
            continue
        tally = Counter(cluster_of[i] for i in d.opinion_ids if i in cluster_of)
        if not tally:
            continue
        c, k = tally.most_common(1)[0]
        if c in cluster_ids and (k, n) > best.get(c, (0, 0))[:2]:
            best[c] = (k, n, len(set(d.opinion_ids) & mine), d)
    return {c: (w, n, d) for c in cluster_ids if c in best for _, n, w, d in [best[c]]}


def _staff_work(run_dir, members: Mapping[str, list[str]], decisions: Sequence[Decision]) -> dict[str, dict[str, str]]:
    """``{cluster id: {kind: what it says}}``: the answer, summary, label and confirm in force on
    each cluster of the last run (decisions recorded since included), each on the cluster holding
    most of its opinions; of two, the one naming more of them, else the later. ``what it says``
    as a line names it: 「confirmed answer (past answer 4: 「…」)」, 「label 【…】」."""
    cluster_of = {oid: c for c, ids in members.items() for oid in ids}
    withdrawn = _withdrawn(decisions)
    best: dict[tuple[str, str], tuple[int, int, Decision]] = {}
    for n, d in enumerate(decisions, 1):
        if d.kind not in ROW_KINDS or n in withdrawn:
            continue
        tally = Counter(cluster_of[i] for i in d.opinion_ids if i in cluster_of)
        if not tally:
            continue
        c, k = tally.most_common(1)[0]
        if (k, n) > best.get((c, d.kind), (0, 0, None))[:2]:
            best[(c, d.kind)] = (k, n, d)
    out: dict[str, dict[str, str]] = {}
    for (c, kind), (_, _, d) in best.items():
        if kind == "answer":
            text = shorten(str(d.value.get("text") or d.value.get("answer_text") or ""), 30)
            said = (f"past answer {d.value['answer_id']}" + (f": 「{text}」" if text else "")
                    if d.value.get("answer_id") else f"「{text}」")
            what = f"confirmed answer ({said})"
        elif kind == "summary":
            what = f"summary 「{shorten(str(d.value.get('summary') or ''), 30)}」"
        elif kind == "label":
            what = f"label 【{shorten(str(d.value.get('label') or ''), 30)}】"
        elif kind == "category":
            what = f"category (対応区分) {_said(kind, d.value)}"
        elif kind == "section":
            what = f"該当箇所 「{shorten(str(d.value.get('section') or ''), 30)}」"
        elif kind == "department":
            what = f"担当課 「{shorten(str(d.value.get('department') or ''), 30)}」"
        else:
            what = "`confirm`"
        out.setdefault(c, {})[kind] = what
    return out


def _joined(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def merge_keeps(run_dir, cluster_ids: Sequence[str]) -> list[str]:
    """One line per cluster of a merge whose answer, summary or label (the only one among the
    merged clusters) the merged row keeps: it now stands for the other clusters' opinions too."""
    members, _, _ = _run_state(run_dir)
    decisions = load_decisions(run_dir)
    cluster_ids = [c for c in dict.fromkeys(_cluster_now(members, str(c).strip(), decisions) for c in cluster_ids)
                   if c in members]
    work = _staff_work(run_dir, members, decisions)
    lines = []
    for c in cluster_ids:
        kept = [work[c][kind] for kind in TEXT_KINDS
                if kind in work.get(c, {}) and not any(kind in work.get(o, {}) for o in cluster_ids if o != c)]
        if not kept:
            continue
        others = [o for o in cluster_ids if o != c]
        theirs = _joined([f"{o}'s {len(members[o])}" for o in others])
        plural = "" if len(others) == 1 and len(members[others[0]]) == 1 else "s"
        how = ("check it or record another with `cluster review answer`" if "answer" in work[c] and work[c]["answer"] in kept
               else "check it after the next run")
        lines.append(f"{c}'s {_joined(kept)} now stand{'s' if len(kept) == 1 else ''} for {theirs} opinion{plural} "
                     f"too; {how}")
    return lines


def leaving_notes(run_dir, opinion_ids: Sequence[str], target: str | None = None) -> list[str]:
    """For a split or move just recorded: one line per cluster the opinions leave that has a
    confirmed answer, a written summary, a label or a confirm (the opinions no longer get them),
    and for a move into a cluster with a confirmed answer, that the answer now stands for the
    moved opinion too."""
    members, _, row_of = _run_state(run_dir)
    decisions = load_decisions(run_dir)
    work = _staff_work(run_dir, members, decisions)
    ids = [i for i in opinion_ids if i in row_of]
    lines = []
    for c in dict.fromkeys(unescape_cell(row_of[i].get("cluster_id", "")) for i in ids):
        if not c or c == target or not work.get(c):
            continue
        leaving = [i for i in ids if unescape_cell(row_of[i].get("cluster_id", "")) == c]
        who = leaving[0] if len(leaving) == 1 else f"{len(leaving)} opinions ({_ids_shown(leaving)})"
        kinds = [k for k in ("answer", "summary", "label", "category", "section", "department", "confirm")
                 if k in work[c]]
        has = _joined([work[c][k] for k in kinds])
        it = "it" if len(leaving) == 1 else "them"
        if not target:
            then = (f"for a cluster of {'its' if len(leaving) == 1 else 'their'} own, which has no answer yet: check "
                    "both rows after the next run (`cluster review answer` records one)")
        elif "answer" in work.get(target, {}):
            then = f"for {target}, whose {work[target]['answer']} now stands for {it}: check both rows after the next run"
        else:
            then = f"for {target}, which has no confirmed answer yet: check both rows after the next run"
        row = "a confirmed row" if {"answer", "confirm"} & set(kinds) else "a row with staff's text"
        lines.append(f"{who} leave{'s' if len(leaving) == 1 else ''} {c}, {row} ({has}), {then}")
    if target and "answer" in work.get(target, {}) and not lines:
        lines.append(f"{target}'s {work[target]['answer']} now stands for {_joined(ids[:3])}"
                     f"{' and more' if len(ids) > 3 else ''} too; check it or record another with "
                     "`cluster review answer`")
    return lines


def record_move(run_dir, opinion_id: str, cluster_id: str, by: str | None = None) -> Decision:
    members, all_ids, row_of = _run_state(run_dir)
    clustered = {i for ids in members.values() for i in ids}
    _opinions(all_ids, [opinion_id], clustered, row_of)
    decisions = load_decisions(run_dir)
    _refuse_excluded(run_dir, decisions, row_of, [opinion_id], "move")
    named = str(cluster_id).strip()
    cluster_id = _cluster_now(members, named, decisions)
    if opinion_id in members[cluster_id]:
        now = "" if named == cluster_id else f" ({named} is now {cluster_id})"
        raise InputError(f"opinion {opinion_id} is already in cluster {cluster_id}{now}")
    target = [i for i in members[cluster_id] if i != opinion_id]
    value = _with_fingerprints(row_of, {"target": target, "cluster": cluster_id}, [opinion_id], target)
    return append_decision(run_dir, "move", [opinion_id], value, by)


# decisions that change which opinions a cluster holds: one not yet applied may make a split do something
_GROUPING = ("merge", "move", "split", "detach", "exclude", "cut", "join", "withdraw")


def _split_rest(run_dir, members: Mapping[str, list[str]], row_of: Mapping[str, Mapping[str, str]],
                decisions: Sequence[Decision], ids: Sequence[str]) -> list[str]:
    """The opinions a split of ``ids`` takes them away from: the other opinions of their clusters,
    less their exact and near copies (a split takes a duplicate group whole). Empty: the split
    changes nothing, and it is refused with one line saying so, unless a decision not yet applied
    changes those clusters (the run then says whether it took effect)."""
    detached = _detached_in_force(decisions, row_of)
    cell = lambda i, col: unescape_cell(row_of[i].get(col, ""))  # noqa: E731
    clusters = list(dict.fromkeys(cell(i, "cluster_id") for i in ids))
    groups = {cell(i, "duplicate_group") for i in ids if i not in detached} - {""}
    mates = [o for c in clusters for o in members.get(c, [])]
    taken = set(ids) | {o for o in mates if o not in detached and cell(o, "duplicate_group") in groups}
    rest = [o for o in mates if o not in taken]
    if rest or len(clusters) > 1:
        return rest
    done = _recorded_by_the_run(run_dir)
    withdrawn = _withdrawn(decisions)

    def regroups(d: Decision) -> bool:  # a decision that may change who is with these opinions
        if d.kind == "withdraw":  # only the withdrawal of such a decision does (QA29: of an answer, it did not)
            n = d.value.get("decision")
            target = decisions[n - 1] if isinstance(n, int) and 0 < n <= len(decisions) else None
            return target is not None and target.kind in _GROUPING and target.kind != "withdraw" \
                and bool(_names_of(target) & set(mates))
        return d.kind in _GROUPING and bool(_names_of(d) & set(mates))

    if any(n > done and n not in withdrawn and regroups(d) for n, d in enumerate(decisions, 1)):
        return rest  # the next run applies those first: it says whether this split did anything
    (c,) = clusters
    copies = len(taken) - len(ids)
    named = _ids_shown(ids)
    if copies:
        grouped = sorted(groups)
        what = (f"with {'its' if len(ids) == 1 else 'their'} {counted(copies, 'copy', 'copies')} "
                f"(a split takes {_joined(grouped)} whole, every copy of the letter) "
                f"{'it is' if len(ids) == 1 else 'they are'} all of {c} ({counted(len(mates), 'opinion')})")
        instead = (f"; to take one letter out of its duplicate group (not an exact copy) use `cluster review detach "
                   f"{run_dir} {ids[0]}`, to put it into another cluster `cluster review move`")
    else:
        what = (f"{'it is' if len(ids) == 1 else 'they are'} all of {c} ({counted(len(mates), 'opinion')}), already "
                f"a cluster of {'its' if len(ids) == 1 else 'their'} own")
        instead = "; to put it into another cluster use `cluster review move`" if len(ids) == 1 else ""
    raise InputError(f"split of {named} changes nothing: {what}{instead}")


def record_split(run_dir, opinion_ids: Sequence[str], by: str | None = None) -> Decision:
    members, all_ids, row_of = _run_state(run_dir)
    clustered = {i for ids in members.values() for i in ids}
    ids = _opinions(all_ids, list(opinion_ids), clustered, row_of)
    decisions = load_decisions(run_dir)
    _refuse_excluded(run_dir, decisions, row_of, ids, "split")
    rest = _split_rest(run_dir, members, row_of, decisions, ids)
    # the opinions it takes them away from: a run where none of them is left with them says the
    # split did not take effect (an earlier decision took them out)
    return append_decision(run_dir, "split", ids, _with_fingerprints(row_of, {"others": rest}, ids), by)


def record_detach(run_dir, opinion_ids: Sequence[str], by: str | None = None) -> Decision:
    """Take opinions out of their duplicate group: "this opinion is not a copy of the others".

    The next run makes each a unit of its own, clustered on its own text (the group's
    duplicate_count drops by one for each; the cluster's 件数 changes only if the grouping
    places the opinion in another cluster). Refused, with one line: an unknown id, an opinion
    in no cluster or in no duplicate group, one already detached by a decision in force, an
    opinion with an exact copy (after normalisation) left in the group (an exact copy is a
    copy; copies of each other named together leave as a group of their own), or every
    opinion of a group. See :func:`record_detach_with_effect` for the one-line effect too."""
    return record_detach_with_effect(run_dir, opinion_ids, by)[0]


def record_detach_with_effect(run_dir, opinion_ids: Sequence[str], by: str | None = None) -> tuple[Decision, str]:
    """:func:`record_detach`, and :func:`detach_effect` of the recorded decision, on one read
    of opinions.csv (for the CLI and the notebook)."""
    members, all_ids, row_of = _run_state(run_dir)
    clustered = {i for ids in members.values() for i in ids}
    ids = _opinions(all_ids, list(opinion_ids))
    for i in ids:
        if i not in clustered:
            why = _not_clustered_why(row_of[i].get("status", ""))
            raise InputError(f"opinion {i!r} is not in any cluster ({why}); "
                             "only clustered opinions are in duplicate groups")
    pending = _detached_in_force(load_decisions(run_dir), row_of)
    # (one the last run said no longer applies, an older version's detach of one exact copy (QA48),
    # does not stand in the way of the detach that run's line gives)
    said = (_read_run_info(run_dir, required=False) or {}).get("decision_notes")
    if isinstance(said, dict):
        pending = {i: n for i, n in pending.items() if not str(said.get(str(n), "")).startswith("no longer")}
    for i in ids:
        if i in pending:
            when = ("applied by the last run; withdraw it with `cluster review undo` to put it back"
                    if _applied_by_the_run(run_dir, pending[i])
                    else rerun_hint(run_dir))
            raise InputError(f"opinion {i!r} is already detached by decision {pending[i]} ({when})")
    for i in ids:
        if not unescape_cell(row_of[i].get("duplicate_group", "")):
            raise InputError(f"opinion {i!r} is not in a duplicate group (duplicate_group is empty in "
                             "opinions.csv): it is already clustered on its own text; use move or split")
    group_of = {oid: unescape_cell(r.get("duplicate_group", "")) for oid, r in row_of.items()}
    in_group: dict[str, list[str]] = {}
    for oid, g in group_of.items():
        if g:
            in_group.setdefault(g, []).append(oid)
    named = set(ids)
    keys: dict[str, str] = {}
    for g in dict.fromkeys(group_of[i] for i in ids):
        keys.update({oid: _key(row_of[oid]) for oid in in_group[g]})
        if set(in_group[g]) <= named:
            raise InputError(f"that is every opinion of duplicate group {g}; detach only the ones that are "
                             "not copies of the others")
    for i in ids:
        copies = [o for o in in_group[group_of[i]] if o != i and o not in named and keys[o] == keys[i]]
        if copies:
            more = f" and {len(copies) - 1} more" if len(copies) > 1 else ""
            raise InputError(f"opinion {i!r} is an exact copy of {copies[0]}{more} in {group_of[i]} (the same "
                             "text once normalised): an exact copy is a copy and stays in its group; "
                             "name all of them to take copies of each other out together")
    groups = sorted({group_of[i] for i in ids})
    where = sorted({c for c, ops in members.items() for i in ops if i in named})
    value = _with_fingerprints(row_of, {"duplicate_groups": groups, "clusters": where}, ids)
    decision = append_decision(run_dir, "detach", ids, value, by)
    return decision, _detach_effect(row_of, load_decisions(run_dir), decision.opinion_ids)


def detach_effect(run_dir, opinion_ids: Sequence[str]) -> str:
    """What the next run does with detached opinions, in one line (for the CLI and notebook):
    ``A-020-1 leaves D001 (6 -> 5 opinions)``; detaches in force are counted in."""
    _, _, row_of = _run_state(run_dir)
    return _detach_effect(row_of, load_decisions(run_dir), opinion_ids)


def _detach_effect(row_of: Mapping[str, Mapping[str, str]], decisions: Sequence[Decision],
                   opinion_ids: Sequence[str]) -> str:
    detached = _detached_in_force(decisions, row_of)
    size = Counter(unescape_cell(r.get("duplicate_group", "")) for r in row_of.values())
    gone = Counter(unescape_cell(row_of[i].get("duplicate_group", "")) for i in detached if i in row_of)
    parts = []
    for g in sorted({unescape_cell(row_of[i].get("duplicate_group", "")) for i in opinion_ids if i in row_of} - {""}):
        mine = [i for i in opinion_ids if i in row_of and unescape_cell(row_of[i].get("duplicate_group", "")) == g]
        before = size[g] - (gone[g] - sum(1 for i in mine if i in detached))
        shown = " ".join(mine[:3]) + (f" (+{len(mine) - 3})" if len(mine) > 3 else "")
        after = size[g] - gone[g]
        parts.append(f"{shown} {'leaves' if len(mine) == 1 else 'leave'} {g} ({before} -> {after} "
                     f"opinion{'' if after == 1 else 's'})")
    return "; ".join(parts)


def _excluded_in_force(decisions: Sequence[Decision], row_of: Mapping[str, Mapping[str, str]]) -> dict[str, int]:
    """{opinion id of this run: number of the ``exclude`` decision in force that excludes it}, as
    the next run sees it (ids followed by their text). ``row_of``: the opinions.csv rows by id;
    opinions this run already excluded (status excluded) are among them."""
    if not any(d.kind == "exclude" for d in decisions):
        return {}
    known = {oid: row for oid, row in row_of.items()
             if unescape_cell(row.get("cluster_id", "")) or row.get("status") in ("excluded", "attachment")}
    fingerprints = {oid: text_fingerprint(unescape_cell(row.get("text", ""))) for oid, row in known.items()}
    return excluded_opinions(decisions, known, fingerprints)


def _refuse_excluded(run_dir, decisions: Sequence[Decision], row_of: Mapping[str, Mapping[str, str]],
                     ids: Sequence[str], verb: str) -> None:
    """One line when an opinion to move or split is excluded by a decision in force: exclusion
    wins, so the move would do nothing; the exclusion is withdrawn first."""
    pending = _excluded_in_force(decisions, row_of)
    for i in ids:
        if i in pending:
            raise InputError(f"opinion {i!r} is excluded (対象外) by decision {pending[i]}, which wins over any "
                             f"{verb}; withdraw it first (`cluster review undo {run_dir} --decision {pending[i]}`)")


def record_exclude(run_dir, opinion_ids: Sequence[str], reason: str | None = None, by: str | None = None,
                   with_copies: bool = False) -> Decision:
    """Exclude opinions that are no opinion on the draft (a preamble the splitter kept, a test
    submission, a question about the procedure, spam): the next run keeps their rows in
    opinions.csv with status ``excluded`` and leaves them out of the clusters and every count of
    opinions; their submissions still count. ``reason`` is recorded with the decision. A cluster
    id names every opinion of the row, copies included; a submission's id its clustered opinions.

    Refused, with one line: an unknown id; an opinion that is not clustered (status greeting,
    empty ...: it is counted nowhere already), but for one that only points to an attachment
    (status attachment: excluding it says the attachment holds no opinion on the draft, and the
    report's note naming it goes); one already excluded; one of a duplicate group's
    copies without the others (excluding one copy of a campaign letter is rarely meant: name
    them all, or ``with_copies`` takes every opinion of its group along, each named in the
    decision)."""
    members, all_ids, row_of = _run_state(run_dir)
    decisions = load_decisions(run_dir)
    # a row's id stands for all of it, every copy of its letters with it (QA28: a row of 29 self-
    # introductions took 37 opinion ids pulled out of opinions.csv with a script)
    wanted: list[str] = []
    clustered = {i for ids in members.values() for i in ids}
    # an opinion that only points to an attachment is in no cluster, and can be excluded (the attachment
    # holds no opinion on the draft): the note naming it goes then (QA30)
    attached = {oid for oid, row in row_of.items() if row.get("status") == "attachment"}
    for item in (str(i).strip() for i in opinion_ids):
        if item and item not in all_ids and _looks_like_cluster(members, item, decisions):
            wanted += _cluster(members, item, decisions)
            with_copies = True
        elif item and item not in all_ids and (pieces := _submission_opinions(item, clustered | attached)):
            wanted += pieces  # a submission's id (「W-016」, QA30's first try): its clustered opinions
        else:
            wanted.append(item)
    ids = _opinions(all_ids, wanted)
    pending = _excluded_in_force(decisions, row_of)
    for i in ids:
        if i in pending:
            when = ("applied by the last run" if row_of[i].get("status") == "excluded"
                    else rerun_hint(run_dir))
            raise InputError(f"opinion {i!r} is already excluded by decision {pending[i]} ({when}; "
                             f"`cluster review undo {run_dir} --decision {pending[i]}` brings it back)")
    for i in ids:
        if not unescape_cell(row_of[i].get("cluster_id", "")) and i not in attached:
            status = row_of[i].get("status") or "?"
            raise InputError(f"opinion {i!r} has status {status} and is in no cluster: it is not counted as an "
                             "opinion already; only clustered opinions (status ok) can be excluded")
    in_group: dict[str, list[str]] = {}
    for oid, row in row_of.items():
        group = unescape_cell(row.get("duplicate_group", ""))
        if group and unescape_cell(row.get("cluster_id", "")):
            in_group.setdefault(group, []).append(oid)
    named = set(ids)
    for i in list(ids):
        group = unescape_cell(row_of[i].get("duplicate_group", ""))
        others = [o for o in in_group.get(group, []) if o not in named]
        if not others:
            continue
        if with_copies:
            ids += others
            named.update(others)
            continue
        shown = " ".join(others[:6]) + (f" (+{len(others) - 6} more)" if len(others) > 6 else "")
        raise InputError(f"opinion {i!r} is one of {len(in_group[group])} copies in duplicate group {group} (the "
                         f"same letter, counted {len(in_group[group])} times); excluding one copy of it is rarely "
                         f"meant: name the other copies too ({shown}) or add --with-copies to exclude the whole group, or "
                         "use `cluster review detach` if it is not a copy")
    where = sorted({c for c, ops in members.items() for i in ops if i in named})
    value = {"reason": _staff_text(reason)} if _staff_text(reason) else {}
    value = _with_fingerprints(row_of, {**value, "clusters": where}, ids)
    return append_decision(run_dir, "exclude", ids, value, by)


def _submission_opinions(item: str, ids: Collection[str]) -> list[str]:
    """The opinions among ``ids`` of the submission whose id is ``item`` (「W-016」: W-016-1, W-016-2,
    W-016-1.2), in order; [] when ``item`` is no submission's id."""
    def tail(i: str) -> list[int] | None:
        rest = i[len(item) + 1:]
        parts = rest.split(".")
        return [int(p) for p in parts] if i.startswith(item + "-") and all(p.isdigit() for p in parts) else None
    return sorted((i for i in ids if tail(i) is not None), key=tail)


def _looks_like_cluster(members: Mapping[str, list[str]], item: str, decisions: Sequence[Decision]) -> bool:
    """Whether ``item`` names a row of the run (or one a merge took away)."""
    try:
        return bool(_cluster(members, item, decisions))
    except (KeyError, InputError):
        return False


def _opinion_with_content(row_of: Mapping[str, Mapping[str, str]], all_ids: set[str], opinion_id: str,
                          verb: str) -> str:
    """The id of an opinion with status ok (stripped), else one line saying why not."""
    (oid,) = _opinions(all_ids, [opinion_id])
    status = row_of[oid].get("status") or "?"
    if status != "ok":
        why = (" (`cluster review undo` on its exclusion brings it back)" if status == "excluded"
               else f" ({ATTACHMENT_WHY})" if status == "attachment" else "")
        raise InputError(f"opinion {oid!r} has status {status}{why}; only opinions with status ok can be {verb}")
    return oid


def _check_cut(oid: str, text: str, before: str) -> int:
    """Where ``before`` cuts ``text`` (opinion ``oid``), else one line saying why it cannot."""
    if not before:
        raise InputError("give the text the second part starts with (--before TEXT)")
    shown = shorten(before, 20)
    count = text.count(before)
    if count == 0:
        raise InputError(f"「{shown}」 is not in the text of {oid} 「{shorten(text, 40)}」; copy the words from "
                         "opinions.csv")
    if count > 1:
        raise InputError(f"「{shown}」 is {count} times in the text of {oid}; give more of the words the second part "
                         "starts with, so they are there once")
    p = cut_text(text, before)
    if p is None:
        raise InputError(f"「{shown}」 is at the start of {oid}: nothing before it to cut off; give the words the "
                         "second part starts with")
    return p


def record_cut(run_dir, opinion_id: str, before: str, by: str | None = None) -> Decision:
    """Cut opinion ``opinion_id`` in two where ``before`` starts (the splitter left two opinions in
    one): the next run keeps the id for the first part and makes the rest opinion ``ID.2``; both
    are grouped on their own text. Refused, with one line: an unknown id, an opinion that is not
    ok, ``before`` empty, not in its text, in it more than once, or at its start."""
    _, all_ids, row_of = _run_state(run_dir)
    oid = _opinion_with_content(row_of, all_ids, opinion_id, "cut")
    before = _staff_text(before)
    text = unescape_cell(row_of[oid].get("text", ""))
    _check_cut(oid, text, before)
    shown = shorten(before, 20)
    decisions = load_decisions(run_dir)
    withdrawn = _withdrawn(decisions)
    for n, d in enumerate(decisions, 1):
        if d.kind == "cut" and n not in withdrawn and d.opinion_ids == (oid,) and d.value.get("before") == before:
            raise InputError(f"{oid} is already cut before 「{shown}」 by decision {n}"
                             + ("" if _applied_by_the_run(run_dir, n) else f" ({rerun_hint(run_dir)})"))
    cluster = unescape_cell(row_of[oid].get("cluster_id", ""))
    value = _with_fingerprints(row_of, {"before": before, "clusters": [cluster] if cluster else []}, [oid])
    return append_decision(run_dir, "cut", [oid], value, by)


def _refuse_joining_a_cut(run_dir, ids: Sequence[str]) -> None:
    """Two parts of a staff cut (X and X.2) named in a join: the cut is to be withdrawn, not
    joined over (a join would leave the cut in force and pile a second decision on it)."""
    decisions = load_decisions(run_dir)
    withdrawn = _withdrawn(decisions)
    for part in ids:
        for whole in ids:
            if part == whole or not part.startswith(whole + ".") or not part[len(whole) + 1:].split(".")[0].isdigit():
                continue
            # the cut of X that made X.k, or of a part between them (X.2 cut again made X.2.2)
            made = [n for n, d in enumerate(decisions, 1) if d.kind == "cut" and n not in withdrawn
                    and d.opinion_ids and (d.opinion_ids[0] == whole or (part.startswith(d.opinion_ids[0] + ".")
                                                                         and d.opinion_ids[0].startswith(whole)))]
            if made:
                n = made[-1]
                raise InputError(f"{whole} and {part} are the parts of a staff cut (decision {n}); to make them one "
                                 f"opinion again withdraw the cut: `cluster review undo {run_dir} --decision {n}`")


def record_join(run_dir, opinion_ids: Sequence[str], by: str | None = None) -> Decision:
    """Join opinions of one submission the splitter cut apart (a background paragraph and the
    request it leads to): the next run makes the first of them in the submission one opinion, from
    its start to the last one's end; the others keep their rows with status ``joined`` and are
    counted nowhere. Refused, with one line: fewer than two ids, an unknown id, an opinion that is
    not ok, opinions of different submissions, or an opinion with content between them that is not
    named."""
    _, all_ids, row_of = _run_state(run_dir)
    ids = _opinions(all_ids, list(opinion_ids))
    if len(ids) < 2:
        raise InputError("join needs two or more opinions of one submission")
    ids = [_opinion_with_content(row_of, all_ids, i, "joined") for i in ids]
    _refuse_joining_a_cut(run_dir, ids)

    def number(row, key: str) -> int:
        try:
            return int(str(row.get(key, "")).strip())
        except ValueError:
            return 0

    submission = {i: unescape_cell(row_of[i].get("comment_id", "")) for i in ids}
    rows = {i: number(row_of[i], "row_number") for i in ids}
    if len(set(rows.values())) > 1:
        a, b = ids[0], next(i for i in ids if rows[i] != rows[ids[0]])
        if submission[a] == submission[b]:  # a submission typed one opinion per row (io.rows_of_one_submission)
            raise InputError(f"{a} and {b} are on different rows of submission {submission[a]} (rows {rows[a]} and "
                             f"{rows[b]} in opinions.csv); only opinions of one row can be joined: to make them one opinion, put "
                             "the text in one row of the input")
        raise InputError(f"{a} and {b} are opinions of different submissions ({submission[a]}, {submission[b]}); "
                         "only opinions of one submission can be joined")
    ids.sort(key=lambda i: (number(row_of[i], "start"), i))
    lo, hi = number(row_of[ids[0]], "start"), max(number(row_of[i], "end") for i in ids)
    between = [oid for oid, row in row_of.items() if oid not in ids and row.get("status") == "ok"
               and number(row, "row_number") == rows[ids[0]] and lo <= number(row, "start") < hi]
    if between:
        raise InputError(f"{between[0]} lies between them in the submission; name it too to join it, or join only "
                         "pieces next to each other")
    clusters = sorted({unescape_cell(row_of[i].get("cluster_id", "")) for i in ids} - {""})
    value = _with_fingerprints(row_of, {"clusters": clusters}, ids)
    return append_decision(run_dir, "join", ids, value, by)


def _staff_text(text: str | None) -> str:
    """Staff-written text without control characters (a pasted escape sequence, a NUL): they
    cannot be shown in a report and would make Excel refuse the workbook."""
    from .io import strip_controls

    return strip_controls(text or "")[0].strip()


def _record_cluster_text(run_dir, kind: str, cluster_id: str, text: str, by: str | None) -> Decision:
    """A decision that gives cluster ``cluster_id`` a staff-written text (``kind``: label or
    summary), recorded with the cluster's opinions so it follows them through later runs."""
    text = _staff_text(text)
    if kind in ("label", "section", "department"):  # a heading 【…】, a 該当箇所 or 担当課 cell is one line
        text = " ".join(text.split())
    if not text:
        raise InputError(f"the {kind} is empty")
    from .mask import MASKS, mask_personal_data

    if kind == "summary" and not any(ch.isalnum() for ch in _without(mask_personal_data(text), MASKS.values())):
        # QA: 「090-1234-5678」 as a summary published a row of nothing but 「［電話番号］」
        raise InputError("the summary holds nothing but personal data, which the report masks; write what the "
                         "opinions say")
    members, _, row_of = _run_state(run_dir)
    decisions = load_decisions(run_dir)
    cluster_id = _cluster_now(members, cluster_id, decisions)
    ids = _staying(run_dir, members[cluster_id], decisions)
    _refuse_repeat(kind, cluster_id, ids, {kind: text}, members, decisions)
    return append_decision(run_dir, kind, ids, _with_fingerprints(row_of, {kind: text, "cluster": cluster_id}, ids),
                           by)


def _without(text: str, parts) -> str:
    for part in parts:
        text = text.replace(part, "")
    return text


def record_label(run_dir, cluster_id: str, label: str, by: str | None = None) -> Decision:
    return _record_cluster_text(run_dir, "label", cluster_id, label, by)


def record_section(run_dir, cluster_id: str, section: str, by: str | None = None) -> Decision:
    """Write cluster ``cluster_id``'s 該当箇所 for the report (「第4章 観光振興」: replaces the one the
    run finds from --topics and the opinions' page references; masked like every report text).
    Follows the cluster's opinions through later merges, moves and splits, like a label."""
    return _record_cluster_text(run_dir, "section", cluster_id, section, by)


def record_department(run_dir, cluster_id: str, department: str, by: str | None = None) -> Decision:
    """Assign cluster ``cluster_id`` to the department that writes its answer (担当課, 「道路課」):
    shown in worksheet.xlsx's 担当課 column (to filter the rows a department gets), clusters.csv
    and report.csv, not in the published report. Follows the cluster's opinions through later
    merges, moves and splits, like a label."""
    return _record_cluster_text(run_dir, "department", cluster_id, department, by)


def record_summary(run_dir, cluster_id: str, summary: str, by: str | None = None) -> Decision:
    """Write cluster ``cluster_id``'s ご意見の概要 for the report (replaces its representative
    opinion there; the next run masks it like any report text). Follows the cluster's opinions
    through later merges, moves and splits, like a label."""
    return _record_cluster_text(run_dir, "summary", cluster_id, summary, by)


def run_categories(run_dir):
    """The 対応区分 of the run in ``run_dir`` (``--categories``, kept in run.json), else the default ones."""
    from .categories import DEFAULT_CATEGORIES, from_json

    info = _read_run_info(run_dir, required=False)
    return from_json(info["categories"]) if info and info.get("categories") else DEFAULT_CATEGORIES


def record_category(run_dir, cluster_id: str, value: str, by: str | None = None) -> Decision:
    """Give cluster ``cluster_id`` a 対応区分: ``value`` names one of the run's categories by its
    code (A), its name, or a word only one name holds (参考); see ``cluster.categories``. It
    follows the cluster's opinions through later runs, like a label."""
    from .categories import find_category

    category = find_category(_staff_text(value), run_categories(run_dir))
    members, _, row_of = _run_state(run_dir)
    decisions = load_decisions(run_dir)
    cluster_id = _cluster_now(members, cluster_id, decisions)
    ids = _staying(run_dir, members[cluster_id], decisions)
    value_ = {"category": category.code, "name": category.name, "cluster": cluster_id}
    _refuse_repeat("category", cluster_id, ids, value_, members, decisions)
    return append_decision(run_dir, "category", ids, _with_fingerprints(row_of, value_, ids), by)


def _archive_answers(run_dir) -> tuple[dict[str, str] | None, str]:
    """``({answer id: answer text}, '')`` of the past answers the run used: the tables or the saved
    index recorded in run.json (settings "answers", found as :func:`rerun_options` finds them);
    ``({}, '')`` when the run used none, ``(None, why)`` when they cannot be read (moved, say)."""
    archive, why, _ = _archive_answers_and_skipped(run_dir)
    return archive, why


def _archive_answers_and_skipped(run_dir) -> tuple[dict[str, str] | None, str, dict[str, str]]:
    """:func:`_archive_answers` and ``{answer id: file name}`` of the past answers skipped when
    the tables were read (their answer text is empty)."""
    entries, why, skipped = _archive_entries(run_dir)
    return (None if entries is None else {i: answer for i, (_, answer) in entries.items()}), why, skipped


def _archive_entries(run_dir) -> tuple[dict[str, tuple[str, str]] | None, str, dict[str, str]]:
    """:func:`_archive_answers_and_skipped` with each answer's past opinion: ``{answer id:
    (past opinion, answer text)}``."""
    info = _read_run_info(run_dir, required=False)
    settings = (info or {}).get("settings") or {}
    paths = settings.get("answers") or []
    if not paths:
        return {}, "", {}
    try:
        from .answers import INDEX_FILE, RECORDS_FILE, AnswerIndex, read_past_answers

        files = [_resolve_path(p, run_dir, info) for p in paths]
        if len(files) == 1 and AnswerIndex.is_saved_index(files[0]):  # `cluster answers --save-index`
            folder = files[0] if files[0].is_dir() else None
            if folder is not None and (folder / RECORDS_FILE).is_file():
                lines = (folder / RECORDS_FILE).read_text(encoding="utf-8").splitlines()
                records = [json.loads(line) for line in lines if line.strip()]
            else:
                with np.load(folder / INDEX_FILE if folder else files[0], allow_pickle=False) as data:
                    records = json.loads(str(data["meta"]))["records"]
            return {str(r["answer_id"]): (str(r.get("opinion") or ""), str(r.get("answer") or ""))
                    for r in records}, "", {}
        found, report = read_past_answers(files, id_column=settings.get("answer_id_column"),
                                     opinion_column=settings.get("answer_opinion_column"),
                                     text_column=settings.get("answer_text_column"), log=None)
    except (InputError, ValueError, OSError, KeyError, TypeError) as exc:
        return None, (str(exc).splitlines() or [type(exc).__name__])[0], {}
    skipped = {str(i): Path(str(f.get("path", ""))).name for f in (report or {}).get("files", [])
               for i in f.get("skipped_ids", [])}
    return {r.answer_id: (r.opinion, r.answer) for r in found}, "", skipped


# What staff type before the number they read in the published table: 「No.5」「No 5」「番号5」「#5」「5番」
_SHORT_ID_PREFIX_RE = re.compile(r"^(?:no\.?|№|#|整理番号|回答番号|番号)\s*", re.I)


def _short_id(text: str) -> str:
    """The id as staff read it in the published table, without 「No.」 or 「番」: 「No.5」 → 「5」."""
    import unicodedata

    head, sep, last = unicodedata.normalize("NFKC", text).strip().rpartition(":")
    last = _SHORT_ID_PREFIX_RE.sub("", last.strip())
    last = re.sub(r"(?<=\d)\s*番$", "", last).strip()
    return f"{head.strip()}{sep}{last}" if sep else last


def resolve_answer_id(run_dir, answer_id: str) -> tuple[str, str]:
    """``(answer id, note)``: the id as given when answers.csv or the past answers the run used
    have it; else the one past answer whose id ends with it, as staff read it in the published
    table (「5」, 「No.5」 for ``R5_kekka:第1章～第3章:5``), with a line saying which was taken.
    Several such answers: an ``InputError`` listing them (ids and their past opinions' first
    words). No such answer: the id as given (``record_answer`` refuses it)."""
    given = (answer_id or "").strip()
    if not given or given.startswith("run:"):
        return given, ""
    listed = _answer_ids_in_run(run_dir)
    if given in listed:
        return given, ""
    entries, _why, _skipped = _archive_entries(run_dir)
    entries = entries or {}
    if given in entries:
        return given, ""
    import unicodedata

    key = _short_id(given)
    if not key:
        return given, ""
    opinions = {i: opinion for i, (opinion, _) in entries.items()}
    path = Path(run_dir) / "answers.csv"
    if path.exists():
        from .io import read_table

        for row in read_table(path).rows:
            opinions.setdefault(unescape_cell(row.get("answer_id", "")), unescape_cell(row.get("past_opinion", "")))
    found = []
    for i in sorted(set(opinions) | listed):
        if not i or i.startswith("run:"):
            continue
        folded = unicodedata.normalize("NFKC", i)
        if folded == key or folded.endswith(":" + key):
            found.append(i)
    if len(found) == 1:
        return found[0], f"answer id {given!r} read as past answer {found[0]} (the only past answer of this run numbered so)"
    if len(found) > 1:
        shown = "; ".join(f"{i} 「{shorten(' '.join(opinions.get(i, '').split()), 20)}」" for i in found[:8])
        raise InputError(f"answer id {given!r} names {len(found)} past answers: {shown}"
                         + (f" and {len(found) - 8} more" if len(found) > 8 else "")
                         + "; give the whole id")
    return given, ""


def known_answer_ids(run_dir) -> set[str] | None:
    """Answer ids the run can resolve: its answers.csv plus the past answers in run.json (tables or
    a saved index).

    ``None`` when they cannot be listed (e.g. the past-answer files moved)."""
    run_dir = Path(run_dir)
    ids: set[str] = set()
    answers_csv = run_dir / "answers.csv"
    if answers_csv.exists():
        from .io import read_table

        ids |= {unescape_cell(r.get("answer_id", "")) for r in read_table(answers_csv).rows}
    archive, _ = _archive_answers(run_dir)
    return None if archive is None else ids | set(archive)


def past_answer_text(run_dir, answer_id: str) -> str:
    """The text of past answer ``answer_id``: as answers.csv shows it, else from the past answers
    the run used (run.json); '' when it is found in neither."""
    return _answer_text_in_run(run_dir, answer_id) or ((_archive_answers(run_dir)[0] or {}).get(answer_id) or "")


def record_answer(run_dir, cluster_id: str, answer_id: str | None = None, text: str | None = None,
                  by: str | None = None) -> Decision:
    """Confirm a past answer (``answer_id``) or a written ``text`` as the cluster's 考え方.

    The answer's text is recorded too, so the confirmed 考え方 survives a re-run without the
    past-answer files; an answer another cluster of this run confirmed (``run:C…`` in
    answers.csv) is recorded as that text."""
    answer_id = (answer_id or "").strip() or None
    given_text = text is not None
    text = _staff_text(text) or None
    if answer_id and given_text:
        raise InputError("give exactly one of --answer-id or --text")
    if not answer_id and given_text and not text:
        raise InputError("the answer text is empty")
    if text and refers_to_another_row(text):
        raise InputError(f"the answer 「{text}」 only points to another row: published, it would read so, and rows are "
                         "numbered anew when opinions come late; write the answer itself (or --answer-id of a past answer)")
    if not answer_id and not text:
        raise InputError("give exactly one of --answer-id or --text")
    members, _, row_of = _run_state(run_dir)
    decisions = load_decisions(run_dir)
    cluster_id = _cluster_now(members, cluster_id, decisions)
    ids = _staying(run_dir, members[cluster_id], decisions)
    value: dict = {}
    if answer_id:
        answer_id, _ = resolve_answer_id(run_dir, answer_id)  # 「5」「No.5」 as read in the published table
        # the text is recorded with the decision (a later run may be given no --answers): looked up
        # in answers.csv, else in the past answers the run used; an id found in neither is refused
        shown = _answer_text_in_run(run_dir, answer_id)
        listed = shown or answer_id in _answer_ids_in_run(run_dir)
        if answer_id.startswith("run:"):
            if not listed:
                raise InputError(f"unknown answer id {answer_id!r}; see answer_id in answers.csv")
            if not shown:
                raise InputError(f"answer {answer_id!r} has no text in answers.csv; write it with --text")
            value = {"text": shown, "from": answer_id}
        else:
            if not shown:
                archive, why, skipped = _archive_answers_and_skipped(run_dir)
                if archive is None:
                    raise InputError(f"answer id {answer_id!r} is not in answers.csv and the past answers this run "
                                     f"used cannot be read ({why}); write the answer with --text, or run again "
                                     "with --answers PAST")
                if answer_id not in archive and listed:
                    raise InputError(f"past answer {answer_id!r} has no answer text in answers.csv; "
                                     "write it with --text")
                if answer_id not in archive and answer_id in skipped:
                    raise InputError(f"past answer {answer_id!r} has no answer text (its row in {skipped[answer_id]} "
                                     "has an empty answer column, so it was skipped when the past answers were read); "
                                     "write the answer with --text, or fill it in and run again")
                if answer_id not in archive:
                    if not archive:
                        raise InputError(f"unknown answer id {answer_id!r}: this run has no past answers "
                                         "(cluster run --answers PAST); write the answer with --text")
                    raise InputError(f"unknown answer id {answer_id!r}: not in answers.csv nor in the past "
                                     "answers this run used; see answer_id in answers.csv, or write it with --text")
                shown = archive[answer_id]
                if not shown:
                    raise InputError(f"past answer {answer_id!r} has no answer text; write it with --text")
            value = {"answer_id": answer_id, "answer_text": shown}
    else:
        value = {"text": text}
    value["cluster"] = cluster_id
    _refuse_repeat("answer", cluster_id, ids, value, members, decisions)
    return append_decision(run_dir, "answer", ids, _with_fingerprints(row_of, value, ids), by)


# An answer that only points to another row (「同上」「上記と同じ」「No.3と同じ」「〃」): QA88 published 「同上」
_REFERENCE_ANSWER_RE = re.compile(
    r"(?:同上|上に同じ|上記に同じ|上記と同じ|前に同じ|前記に同じ|同前|同左|〃|ゝ|"
    r"(?:(?:No|NO|no|№)\.?|番号|項目)?\s*\d{1,4}\s*(?:番)?(?:の(?:考え方|回答))?(?:と|に)(?:同じ|同様)|"
    r"(?:(?:No|NO|no|№)\.?|番号)?\s*\d{1,4}\s*(?:番)?の?(?:考え方|回答)?を?(?:ご)?参照(?:して(?:ください|下さい))?)"
    r"(?:です|。|．|\.)*")


def refers_to_another_row(text: str) -> bool:
    """Whether an answer only points to another row of the table (「同上」「No.3と同じです。」)."""
    return bool(_REFERENCE_ANSWER_RE.fullmatch(unicodedata.normalize("NFKC", text or "").strip()))


def _answer_ids_in_run(run_dir) -> set[str]:
    path = Path(run_dir) / "answers.csv"
    if not path.exists():
        return set()
    from .io import read_table

    return {unescape_cell(r.get("answer_id", "")) for r in read_table(path).rows}


def _answer_text_in_run(run_dir, answer_id: str) -> str:
    """The answer text answers.csv shows for ``answer_id`` ('' when it is not listed)."""
    path = Path(run_dir) / "answers.csv"
    if not path.exists():
        return ""
    from .io import read_table

    for row in read_table(path).rows:
        if unescape_cell(row.get("answer_id", "")) == answer_id and row.get("answer"):
            return unescape_cell(row["answer"])
    return ""


def _said(d_kind: str, value: Mapping) -> str:
    """What an answer, summary, label or category decision says, as the report would show it."""
    if d_kind in ("summary", "label", "section", "department"):
        return str(value.get(d_kind) or "")
    if d_kind == "category":
        return " ".join(p for p in (str(value.get("category") or ""), str(value.get("name") or "")) if p)
    return str(value.get("text") or value.get("answer_text") or
               (f"past answer {value['answer_id']}" if value.get("answer_id") else ""))


def _recorded_how(n: int, d: Decision) -> str:
    # a line without a source was recorded on the command line or in the notebook: the file does
    # not say which (QA24: one recorded in the notebook was said to be 「on the command line」)
    where = f" from {d.value['source']}" if d.value.get("source") else ""
    by = f" by {d.by}" if d.by else ""
    return f"recorded{where}{by}{' on ' + _when(d.at) if d.at else ''} (decision {n})"


def _text_decisions_in_force(where: Mapping[str, str], decisions: Sequence[Decision]) -> dict:
    """``{(kind, cluster id): (weight, number, decision)}``: for each row and each text kind (answer,
    summary, label …) the decision in force that the run lands on it: of those not withdrawn, on the
    cluster holding most of their opinions now (``where``: opinion id -> cluster id), the one naming
    the most of its opinions, the later on a tie."""
    withdrawn = _withdrawn(decisions)
    held: dict[tuple[str, str], tuple[int, int, Decision]] = {}
    for n, d in enumerate(decisions, 1):
        if d.kind not in TEXT_KINDS or n in withdrawn:
            continue
        target = _current_cluster(where, d.opinion_ids)
        if target is None:
            continue
        weight = sum(1 for i in d.opinion_ids if where.get(i) == target)
        if (d.kind, target) not in held or weight >= held[(d.kind, target)][0]:
            held[(d.kind, target)] = (weight, n, d)
    return held


def _says_the_same(kind: str, old: Mapping, new: Mapping) -> bool:
    """Two values of a text decision that put the same thing in the report: one past answer by its
    id, one 対応区分 by its code, else the same words (spacing aside)."""
    if kind == "answer" and old.get("answer_id") and old.get("answer_id") == new.get("answer_id"):
        return True
    if kind == "category":
        return bool(old.get("category")) and old.get("category") == new.get("category")
    return " ".join(_said(kind, old).split()) == " ".join(_said(kind, new).split())


def _refuse_repeat(kind: str, cluster_id: str, ids: Sequence[str], value: Mapping,
                   members: Mapping[str, list[str]], decisions: Sequence[Decision]) -> None:
    """Refuse a text decision that says what the one in force for that row already says (a button
    pressed twice, a command run again): recorded twice, one ``undo`` would leave the other in force
    while staff believe it gone. A repeat that names more of the row's opinions (the row grew since)
    is recorded: it then follows them all."""
    where = {oid: c for c, m in members.items() for oid in m}
    target = _current_cluster(where, ids)
    held = _text_decisions_in_force(where, decisions)
    if target is None or (kind, target) not in held:
        return
    weight, n, old = held[(kind, target)]
    if weight >= sum(1 for i in ids if where.get(i) == target) and _says_the_same(kind, old.value, value):
        raise InputError(f"{cluster_id} already has this {kind} 「{shorten(_said(kind, value), 30)}」, "
                         f"{_recorded_how(n, old)}: nothing recorded")


def replacement_notes(run_dir, planned: Sequence[tuple[str, str, Sequence[str], Mapping]],
                      decisions: Sequence[Decision], state=None) -> list[str]:
    """One line per cluster for which an ``answer``, ``summary`` or ``label`` about to be recorded (``planned``:
    ``(kind, cluster id as named, opinion ids, value)``) replaces another one in force among
    ``decisions`` (those recorded before it): the later one wins, so a department's answer is
    never overwritten silently. Decisions land on the cluster that holds most of their opinions
    now (opinions.csv); one that names fewer of that cluster's opinions than the one in force does
    not win, and the line says so. ``state``: ``_run_state(run_dir)`` when already read."""
    members, _, _ = state or _run_state(run_dir)
    where = {oid: c for c, ids in members.items() for oid in ids}
    held = _text_decisions_in_force(where, decisions)
    parts: dict[str, list[str]] = {}
    for kind, named, ids, value in planned:
        target = _current_cluster(where, ids)
        if target is None or (kind, target) not in held:
            continue
        weight, n, old = held[(kind, target)]
        before = _said(kind, old.value)
        if _says_the_same(kind, old.value, value):
            continue
        what = kind
        mine = sum(1 for i in ids if where.get(i) == target)
        if mine >= weight:
            line = f"replaces the {what} {_recorded_how(n, old)}: 「{shorten(before, 30)}」"
        else:
            line = (f"does not replace the {what} {_recorded_how(n, old)}, which names more of its opinions "
                    f"({weight} against {mine}): 「{shorten(before, 30)}」 stays")
        label = named if named == target else f"{named} (now {target})"
        parts.setdefault(label, []).append(line)
    return [f"{label}: {'; it also '.join(lines)}" for label, lines in parts.items()]


def overruled_notes(run_dir, items: Sequence[tuple], decisions: Sequence[Decision], state) -> list[str]:
    """For a worksheet imported again: one line per row whose change (``items``: kind, row number,
    cluster id, opinion ids, value) was recorded by an earlier import but is no longer what the row
    gets, another decision recorded since saying otherwise (QA45: file A imported again after file B
    replaced its answer said only 「2 changes recorded before」, and staff A thought theirs stood)."""
    if not items:
        return []
    members, _, _ = state
    where = {oid: c for c, ids in members.items() for oid in ids}
    held = _text_decisions_in_force(where, decisions)
    out = []
    for kind, number, cid, ids, value in items:
        target = _current_cluster(where, ids)
        if target is None or (kind, target) not in held:
            continue
        _, n, now = held[(kind, target)]
        if _says_the_same(kind, now.value, value):
            continue
        out.append(f"row {number} ({cid}): this file's {kind} 「{shorten(_said(kind, value), 30)}」 was imported before, "
                   f"but the {kind} {_recorded_how(n, now)} stands: 「{shorten(_said(kind, now.value), 30)}」; "
                   f"withdrawing that one puts this file's back: `cluster review undo {shlex.quote(str(run_dir))} "
                   f"--decision {n}`")
    return out


def notes_for_recorded(run_dir, decision: Decision) -> list[str]:
    """:func:`replacement_notes` for a decision just recorded (compared with those recorded before it)."""
    if decision.kind not in TEXT_KINDS:
        return []
    decisions = load_decisions(run_dir)
    n = max((k for k, d in enumerate(decisions) if d == decision), default=len(decisions))
    named = str(decision.value.get("cluster", "")).strip()
    notes = replacement_notes(run_dir, [(decision.kind, named, decision.opinion_ids, decision.value)], decisions[:n])
    done = _recorded_by_the_run(run_dir)
    if not any(k > done and d.kind in _TAKES_OUT for k, d in enumerate(decisions[:n], 1)):
        return notes  # nothing recorded since the run takes opinions out of a row (most decisions: no second read)
    members, _, _ = _run_state(run_dir)
    leaving, numbers = _leaving_before_the_run(run_dir, members.get(named, []), decisions[:n])
    if leaving and len(leaving) < len(members.get(named, [])):
        said = ", ".join(str(k) for k in numbers)
        notes.append(f"note: decision{'s' if len(numbers) > 1 else ''} {said}, recorded since the run, "
                     f"take{'' if len(numbers) > 1 else 's'} {len(leaving)} of {named}'s opinions out of the row "
                     f"({', '.join(leaving[:5])}{' …' if len(leaving) > 5 else ''}): this {decision.kind} is recorded "
                     f"for the {len(members[named]) - len(leaving)} that stay{'s' if len(members[named]) - len(leaving) == 1 else ''}")
    return notes


def describe_clusters(run_dir, cluster_ids: Sequence[str], limit: int = 40) -> dict[str, str]:
    """``{cluster id: "C003 (指定管理者制度の導入には反対…, 3 opinions)"}``: each cluster's
    representative opinion, shortened, as the run folder's clusters.csv has it (not masked: for
    the staff member's own terminal), so a mistyped cluster id shows at once."""
    members, _, _ = _run_state(run_dir)
    decisions = None
    rows = {}
    path = Path(run_dir) / "clusters.csv"
    if path.is_file():
        from .io import read_table

        try:
            rows = {unescape_cell(r.get("cluster_id", "")): r for r in read_table(path).rows}
        except (InputError, ValueError, OSError):
            rows = {}
    out = {}
    for named in cluster_ids:
        named = c = str(named).strip()
        if c not in members and re.fullmatch(r"[Cc]\d+", c):  # C3 for C003: named as the run names it
            same = [k for k in members if re.fullmatch(r"C0*" + str(int(c[1:])), k)]
            named = c = same[0] if len(same) == 1 else c
        if c not in members:  # merged away: name the cluster it is now
            decisions = load_decisions(run_dir) if decisions is None else decisions
            now, _, withdrawn = _merged_into(members, c, decisions)
            c = now if now is not None and not withdrawn else c
        row = rows.get(c, {})
        text = shorten(unescape_cell(row.get("representative", "") or ""), limit)
        size = str(row.get("size") or "").strip() or str(len(members.get(c, [])))
        what = f"{text + ', ' if text else ''}{size} opinion{'' if size == '1' else 's'}"
        out[named] = f"{c} ({what})" if c == named else f"{named} (now {c}: {what})"
    return out


def describe_opinions(run_dir, opinion_ids: Sequence[str], limit: int = 30) -> dict[str, str]:
    """``{opinion id: "A9-1 「桜並木の伐採はやめて…」"}`` (opinions.csv's text, shortened)."""
    _, _, row_of = _run_state(run_dir)
    return {i: f"{i} 「{shorten(unescape_cell(row_of[i].get('text', '')), limit)}」" if i in row_of else i
            for i in opinion_ids}


def cluster_of_opinions(run_dir, opinion_ids: Sequence[str]) -> list[str]:
    """The clusters (in opinions.csv) the opinions are in, in the order first named."""
    _, _, row_of = _run_state(run_dir)
    return list(dict.fromkeys(c for c in (unescape_cell(row_of[i].get("cluster_id", "")) for i in opinion_ids
                                          if i in row_of) if c))


def record_confirm(run_dir, cluster_id: str, by: str | None = None) -> Decision:
    members, _, row_of = _run_state(run_dir)
    cluster_id = _cluster_now(members, cluster_id, load_decisions(run_dir))
    ids = members[cluster_id]
    return append_decision(run_dir, "confirm", ids, _with_fingerprints(row_of, {"cluster": cluster_id}, ids), by)


def _answer_rows(run_dir) -> tuple[list[dict], float]:
    """answers.csv's rows and the report's threshold (run.json's ``report_min_score``, else 0), read
    once while the files are unchanged (`review show` asks twice: the candidate and the list)."""
    path = Path(run_dir) / "answers.csv"
    try:
        stat = path.stat()
        info_stat = (Path(run_dir) / "run.json").stat()
    except OSError:
        return [], 0.0
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, info_stat.st_mtime_ns)
    if _ANSWERS_CACHE.get("key") == key:
        return _ANSWERS_CACHE["rows"], _ANSWERS_CACHE["floor"]
    from .io import read_table

    try:
        rows = read_table(path).rows
    except (InputError, ValueError, OSError):
        rows = []
    try:
        floor = float((_read_run_info(run_dir, required=False) or {}).get("report_min_score"))
    except (TypeError, ValueError, InputError):
        floor = 0.0
    _ANSWERS_CACHE.clear()
    _ANSWERS_CACHE.update(key=key, rows=rows, floor=floor)
    return rows, floor


_ANSWERS_CACHE: dict = {}


def _candidate_lines(run_dir, cluster_id: str, limit: int = 3) -> list[str]:
    """`review show`'s lines on a row's best past answers in answers.csv, with the evidence staff
    judge them by (QA31: only the top one's id and score were shown): its score, its source, the
    past opinion it answered and the row's sentence that matched it; those below the report's
    threshold are said to be (they are not in the report, but may be the right one)."""
    rows, floor = _answer_rows(run_dir)
    rows = [r for r in rows if unescape_cell(r.get("cluster_id", "")) == cluster_id]
    rows.sort(key=lambda r: int(r.get("rank") or 0) if str(r.get("rank", "")).strip().isdigit() else 99)
    if not rows:
        return []
    out = [f"past answers in answers.csv, best first (`cluster review answer {run_dir} {cluster_id} --answer-id ID` "
           "confirms one):"]
    for r in rows[:limit]:
        try:
            score = float(r.get("score") or 0)
        except ValueError:
            score = 0.0
        source = unescape_cell(r.get("source", "")).strip()
        below = f", below the report's {floor:.2f}" if score < floor else ""
        matched = unescape_cell(r.get("matched_sentence", "")).strip()
        out.append(f"   {unescape_cell(r.get('answer_id', ''))} (score {score:.2f}{below}"
                   + (f"; {shorten(source, 30)}" if source else "") + f"): answered "
                   f"「{shorten(unescape_cell(r.get('past_opinion', '')), 40)}」"
                   + (f"; matched 「{shorten(matched, 30)}」" if matched else ""))
    if len(rows) > limit:
        out.append(f"   … and {len(rows) - limit} more in answers.csv")
    return out


_CLUSTERS_CACHE: dict = {}


def _cluster_rows(run_dir) -> dict[str, dict]:
    """clusters.csv's rows by cluster id ({} without the file), read once while the file is unchanged
    (`review show` and `review confirm` ask several times: the row, its candidate, its answer).
    Raises InputError on a file that cannot be read (read as opinions.csv is: CP932 too)."""
    path = Path(run_dir) / "clusters.csv"
    try:
        stat = path.stat()
    except OSError:
        return {}
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if _CLUSTERS_CACHE.get("key") != key:
        from .io import read_table

        rows = {unescape_cell(r.get("cluster_id", "")): r for r in read_table(path).rows}
        _CLUSTERS_CACHE.clear()
        _CLUSTERS_CACHE.update(key=key, rows=rows)
    return _CLUSTERS_CACHE["rows"]


def _published_summary(run_dir, number: str) -> str:
    """Row No. ``number``'s ご意見の概要 as the run's report.csv publishes it, or ""."""
    if not number:
        return ""
    from .io import read_table

    try:
        rows = read_table(Path(run_dir) / "report.csv").rows
    except (InputError, ValueError, OSError):
        return ""
    row = next((r for r in rows if str(r.get("No.", "")).strip() == number), {})
    return unescape_cell(row.get("ご意見の概要", ""))


def _report_candidate_id(run_dir, cluster_id: str) -> str | None:
    """The past answer the run's report shows as ``cluster_id``'s candidate (clusters.csv's answer_id),
    "" when it shows none, None when clusters.csv does not say."""
    try:
        row = _cluster_rows(run_dir).get(cluster_id)
    except (InputError, ValueError, OSError):
        return None
    if row is None or "answer_status" not in row:
        return None
    return unescape_cell(row.get("answer_id", "")) if str(row.get("answer_status", "")).strip() == "candidate" else ""


def unconfirmed_candidate(run_dir, cluster_id: str) -> tuple[str, float, str] | None:
    """``(answer_id, score, answer text)`` of cluster ``cluster_id``'s top past-answer candidate in
    answers.csv when no answer decision in force names the cluster and the candidate reaches the
    report's threshold (run.json's ``report_min_score``), else None. ``review confirm``
    names it: confirming a row confirms its grouping, not the candidate shown beside it."""
    decisions = load_decisions(run_dir)
    withdrawn = _withdrawn(decisions)
    if any(d.kind == "answer" and n not in withdrawn and str(d.value.get("cluster", "")).strip() == cluster_id
           for n, d in enumerate(decisions, 1)):
        return None
    # only a candidate the report would show (QA30: a bus-stop row was offered a bicycle-parking
    # answer scoring 0.00 to confirm)
    rows, floor = _answer_rows(run_dir)
    # the one the report shows (clusters.csv's answer_id): not always the first (QA65: a candidate matched
    # by another opinion than the row's is held back, ``answers.stands_in_report``)
    shown = _report_candidate_id(run_dir, cluster_id)
    if shown == "":
        return None
    for row in rows:
        if unescape_cell(row.get("cluster_id", "")) == cluster_id and (
                unescape_cell(row.get("answer_id", "")) == shown if shown else str(row.get("rank", "")).strip() == "1"):
            try:
                score = float(row.get("score") or 0)
            except ValueError:
                score = 0.0
            if score < floor - 5e-5:  # answers.csv rounds scores to 4 places
                return None
            return unescape_cell(row.get("answer_id", "")), score, unescape_cell(row.get("answer", ""))
    return None


def record_withdraw(run_dir, decision: int | None = None, by: str | None = None) -> Decision:
    """Withdraw decision number ``decision`` (1-based, as in decision_table; default: the
    latest one still in force). A ``withdraw`` line is appended; nothing is erased."""
    decisions = load_decisions(run_dir)
    withdrawn = _withdrawn(decisions)
    in_force = [n for n, d in enumerate(decisions, 1) if d.kind != "withdraw" and n not in withdrawn]
    if decision is None:
        if not in_force:
            raise InputError(f"{Path(run_dir) / DECISIONS_FILE}: no decision to withdraw")
        decision = in_force[-1]
    if not decisions:
        raise InputError(f"there is no decision {decision}: {Path(run_dir) / DECISIONS_FILE} holds no decisions yet")
    if not 1 <= decision <= len(decisions):
        raise InputError(f"there is no decision {decision} (decisions 1 to {len(decisions)}; "
                         f"`cluster review list {run_dir}` lists them)")
    if decisions[decision - 1].kind == "withdraw":
        raise InputError(f"decision {decision} is itself a withdrawal; record the decision again instead")
    if decision in withdrawn:
        raise InputError(f"decision {decision} is already withdrawn")
    target = decisions[decision - 1]
    # named by its id (lines removed by hand cannot make it withdraw another); a decision
    # recorded before decisions had ids is named by its number, kind, opinions and time
    which = {"decision_id": _decision_id(target)} if _decision_id(target) else {"decision_at": target.at}
    return append_decision(run_dir, "withdraw", list(target.opinion_ids),
                           {"decision": decision, **which, "kind": target.kind}, by)


def withdraw_import(run_dir, source: str | Path, by: str | None = None) -> list[Decision]:
    """Withdraw every decision still in force that ``cluster review import`` recorded from the
    worksheet file named ``source`` (by its file name, as the decisions record it): a wrong
    department file is taken back in one step, not one ``undo`` per cell."""
    name = Path(source).name
    decisions = load_decisions(run_dir)
    withdrawn = _withdrawn(decisions)
    targets = [n for n, d in enumerate(decisions, 1)
               if d.kind in TEXT_KINDS and n not in withdrawn
               and d.value.get("source") == name]
    # several files of that name imported (two departments' 「worksheet.xlsx」): the file's content decides
    contents = {decisions[n - 1].value.get("source_sha1") for n in targets}
    if len(contents) > 1:
        path = Path(source)
        if not path.is_file():
            raise InputError(f"{len(contents)} different files named {name} were imported; give the path of the one "
                             "to withdraw (its content tells them apart), or withdraw with --decision N")
        sha1 = hashlib.sha1(path.read_bytes()).hexdigest()[:12]
        targets = [n for n in targets if decisions[n - 1].value.get("source_sha1") == sha1]
        if not targets:
            raise InputError(f"{path}: not one of the {len(contents)} files named {name} imported here "
                             "(changed since?); withdraw with --decision N (`cluster review list` numbers them)")
    if not targets:
        sources = sorted({str(d.value["source"]) for n, d in enumerate(decisions, 1)
                          if d.value.get("source") and n not in withdrawn and d.kind != "withdraw"})
        raise InputError(f"no decision in force was imported from {name}"
                         + (f" (imported files: {', '.join(sources)})" if sources else " (nothing was imported)"))
    return [record_withdraw(run_dir, n, by) for n in targets]


def _note_of(line: str) -> tuple[int, str] | None:
    """``(n, what it says)`` of a line a run logs about decision ``n`` (「decision 3 (move by 山田,
    …) no longer applies: its opinions are gone」 -> ``(3, "no longer applies: its opinions are gone")``)."""
    m = re.match(r"decision (\d+) \([^)]*\)\s*(.*)", line)
    if not m:
        return None
    said = m.group(2).lstrip(": ")
    k = said.find("did not take effect")
    return int(m.group(1)), said[k:] if k > 0 else said


def run_notes(lines: Sequence[str]) -> dict[str, str]:
    """``{str(n): what the run said about decision n}`` from the lines a run logs (kept in run.json
    for ``cluster review list``): decisions that no longer apply, apply in part or changed nothing."""
    out: dict[str, str] = {}
    for line in lines:
        if (found := _note_of(line)) is not None:
            n, said = found
            out[str(n)] = f"{out[str(n)]}; {said}" if str(n) in out else said
    return out


def _list_notes(run_dir, decisions: Sequence[Decision]) -> dict[int, str]:
    """``{decision number: why it no longer applies (or applies in part)}`` for ``review list``: what
    the last run said (run.json) about the decisions it read, and for those recorded since (or a run
    folder older than the record) the decisions applied again on the clusters as the run left them
    (:func:`_decision_notes`; no regrouping)."""
    try:
        info = _read_run_info(run_dir, required=False) if decisions else None
    except InputError:  # a broken run.json: the list itself still shows
        info = None
    if not isinstance(info, dict):
        return {}
    recorded = lines_read(info.get("decisions"))
    said = info.get("decision_notes") if isinstance(info.get("decision_notes"), dict) else None
    notes: dict[int, str] = {}
    if said is None or recorded < len(decisions):
        try:
            notes = _decision_notes(load_run(run_dir))
        except (InputError, ValueError, OSError, ImportError):
            notes = {}
    if said is not None:
        notes = {n: v for n, v in notes.items() if n > recorded}
        notes.update({int(n): str(v) for n, v in said.items() if str(n).isdigit() and int(n) <= recorded})
    return notes


def _joined_clusters_now(run_dir, decisions: Sequence[Decision], withdrawn: Collection[int],
                         state=None) -> dict[int, str]:
    """``{decision number: the cluster its opinions are in now}`` for the merges and joins in force
    that the run in ``run_dir`` applied and that named two or more clusters (they are one now).
    ``state``: ``_run_state(run_dir)`` when the caller has read it (None: read here)."""
    if not any(d.kind in ("merge", "join") for d in decisions):
        return {}
    try:
        members, _, _ = state or _run_state(run_dir)
    except (InputError, ValueError, OSError):
        return {}
    where = {oid: c for c, ids in members.items() for oid in ids}
    applied = _recorded_by_the_run(run_dir)  # run.json read once, not once per decision
    out = {}
    for n, d in enumerate(decisions, 1):
        named = d.value.get("clusters")
        if d.kind not in ("merge", "join") or n in withdrawn or not isinstance(named, list) or len(named) < 2 \
                or n > applied:
            continue
        c = _current_cluster(where, sorted(_names_of(d)))
        if c is not None:
            out[n] = c
    return out


def _copies_too(d: Decision, row_of: Mapping[str, Mapping[str, str]]) -> str:
    """「 and 1,499 copies」: the copies a move or split takes with its opinions (their duplicate
    groups move whole), as the last run counted them (QA20: 「(1 opinion)」 for 1,500 letters)."""
    if d.kind not in ("move", "split"):
        return ""
    groups: dict[str, list[int]] = {}
    for oid in d.opinion_ids:
        row = row_of.get(oid)
        group = unescape_cell(row.get("duplicate_group", "")) if row else ""
        if group:
            try:
                total = int(str(row.get("duplicate_count") or "1"))
            except ValueError:
                total = 1
            groups.setdefault(group, [total, 0])[1] += 1
    copies = sum(max(0, total - named) for total, named in groups.values())
    return f" and {copies:,} cop{'ies' if copies != 1 else 'y'}" if copies else ""


def decision_lines(run_dir) -> list[str]:
    """One line per recorded decision for the command line (``cluster review list``): number,
    kind, cluster, what it says (the opinions a split, move or detach names), who and when, and
    whether it was withdrawn. A withdrawal names the decision it withdraws as numbered now. A
    decision that no longer applies (or applies in part) ends with why, as the run said it
    (「(no longer applies: its opinions are gone)」)."""
    decisions = load_decisions(run_dir)
    withdrawals, _ = resolve_withdrawals(decisions)
    withdrawn = {n for targets in withdrawals.values() for n in targets}
    notes = _list_notes(run_dir, decisions)
    # opinions.csv read once for both: the clusters merges made, the copies moves and splits take
    try:
        state = _run_state(run_dir) if any(d.kind in ("merge", "join", "move", "split") for d in decisions) else None
    except (InputError, ValueError, OSError):
        state = None
    now = _joined_clusters_now(run_dir, decisions, withdrawn, state) if state else {}
    row_of = state[2] if state else {}
    lines = []
    for n, d in enumerate(decisions, 1):
        where = d.value.get("clusters") or d.value.get("cluster") or ""
        where = " + ".join(where) if isinstance(where, list) else str(where)
        if n in now:  # a merge or join the run applied: its clusters are one now
            where += f" (now {now[n]})"
        if d.kind == "move" and where:
            where = f"into {where}"
        if d.kind == "withdraw":
            said = (f"withdraws decision {', '.join(map(str, withdrawals[n]))}" if n in withdrawals
                    else "withdraws nothing (its decision is not in the file)")
        else:
            said = (d.value.get("summary") or d.value.get("label") or d.value.get("text") or d.value.get("answer_id")
                    or _said(d.kind, d.value) or "")
        if d.kind == "exclude":
            said = d.value.get("reason") or ""
        if d.kind == "cut":
            said = f"before 「{d.value.get('before', '')}」"
        shown = shorten(str(said), 40) if said and d.kind != "withdraw" else str(said)
        if d.kind in ("split", "move", "detach", "exclude", "cut", "join") and d.opinion_ids:  # the opinions are what it is about
            shown = ", ".join(p for p in (shown, _ids_shown(d.opinion_ids)) if p)
        parts = [f"{n:>4}", d.kind, where, shown,
                 f"({counted(len(d.opinion_ids), 'opinion')}{_copies_too(d, row_of)})" if d.opinion_ids else "",
                 (f"from {d.value['source']}" + (f" ({d.value['source_sha1'][:6]})" if d.value.get("source_sha1") else ""))
                 if d.value.get("source") else "",
                 f"by {d.by}" if d.by else "", d.at or "", "[withdrawn]" if n in withdrawn else "",
                 f"({notes[n]})" if n in notes and n not in withdrawn else ""]
        lines.append("  ".join(p for p in parts if p))
    return lines


def _names_of(d: Decision) -> set[str]:
    """Every opinion id a decision names: its opinions, a merge's groups, a move's target."""
    ids = set(d.opinion_ids)
    for g in d.value.get("groups") or []:
        if isinstance(g, list):
            ids.update(str(i) for i in g)
    if isinstance(d.value.get("target"), list):
        ids.update(str(i) for i in d.value["target"])
    return ids


def _unknown_id(run_dir, item: str, members: Mapping[str, list[str]], all_ids: set[str],
                decisions: Sequence[Decision]) -> InputError:
    """One line for an id that is neither a cluster nor an opinion of the run: a submission's id
    names its opinions (:func:`_opinions`), a cluster merged away says so (:func:`_cluster_now`),
    else the ids closest to it."""
    import difflib

    try:
        _opinions(all_ids, [item])
    except InputError as exc:
        if "is a submission" in str(exc):
            return exc
    if re.fullmatch(r"[Cc]\d+", item):
        try:
            _cluster_now(members, item.upper(), decisions)
        except InputError as exc:
            return exc
    close = difflib.get_close_matches(item, sorted(members) + sorted(all_ids), n=4, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return InputError(f"unknown id {item!r}: no cluster or opinion of {Path(run_dir).name} has it{hint} "
                      "(see cluster_id in clusters.csv, opinion_id in opinions.csv)")


def show_lines(run_dir, item: str, limit: int = 20) -> list[str]:
    """What staff need about one cluster or one opinion of the run folder, on one screen
    (``cluster review show``). A cluster: its size, label, summary, the answer (confirmed, or the top
    candidate marked as one), its opinions (one line per distinct text, copies counted) and the
    decisions that name it or its opinions, numbered as ``review list`` numbers them. An opinion: its
    text, status, cluster and the decisions that name it. Raises InputError for an unknown id."""
    item = str(item).strip()
    if not item:
        raise InputError("give a cluster id (C3) or an opinion id (see clusters.csv, opinions.csv)")
    members, all_ids, row_of = _run_state(run_dir)
    decisions = load_decisions(run_dir)
    listed = decision_lines(run_dir)
    withdrawals, _ = resolve_withdrawals(decisions)

    def naming(ids: set[str], cluster: str | None = None) -> list[str]:
        chosen = set()
        for n, d in enumerate(decisions, 1):
            if d.kind == "withdraw":
                continue
            where = d.value.get("clusters") or d.value.get("cluster") or []
            where = where if isinstance(where, list) else [where]
            if _names_of(d) & ids or (cluster is not None and cluster in where):
                chosen.add(n)
        chosen |= {w for w, targets in withdrawals.items() if set(targets) & chosen}
        return [listed[n - 1] for n in sorted(chosen)] or ["   (none)"]

    if item in all_ids and item not in members:
        row = row_of[item]
        cluster = unescape_cell(row.get("cluster_id", ""))
        status = row.get("status") or "?"
        group = unescape_cell(row.get("duplicate_group", ""))
        copies = int(row.get("duplicate_count") or 0) if str(row.get("duplicate_count") or "").isdigit() else 0
        where = describe_clusters(run_dir, [cluster])[cluster] if cluster else "no cluster"
        if status == "joined":  # its text is part of the opinion a join made: say which, and where that is
            withdrawn = _withdrawn(decisions)
            heads = [(n, d.opinion_ids[0]) for n, d in enumerate(decisions, 1)
                     if d.kind == "join" and n not in withdrawn and item in d.opinion_ids[1:]]
            if heads and heads[-1][1] in row_of:
                n, head = heads[-1]
                there = unescape_cell(row_of[head].get("cluster_id", ""))
                where = f"no cluster: joined into {head} by decision {n}" + (f" (in {there})" if there else "")
        first = unescape_cell(row.get("repeat_of", ""))
        if status == "repeat" and first:  # counted once with the opinion its submitter sent first
            there = unescape_cell(row_of[first].get("cluster_id", "")) if first in row_of else ""
            where = f"no cluster: a repeat of {first}" + (f" (in {there})" if there else "")
        lines = [f"opinion {item} (submission {unescape_cell(row.get('comment_id', ''))}), status {status}, "
                 f"in {where}" + (f"; duplicate group {group} ({copies} copies)" if group else "")]
        lines += ["text: " + line for line in unescape_cell(row.get("text", "")).splitlines() if line.strip()]
        # a part a staff cut made (X.2) is named by the cut of X
        ids = {item} | {item[:k] for k, ch in enumerate(item) if ch == "."}
        lines.append(f"decisions naming {item}:")
        return lines + naming(ids)

    if re.fullmatch(r"[Cc]\d+", item) and item not in members:  # C3 for C003, as people say it
        item = next((c for c in members if re.fullmatch(r"C0*" + str(int(item[1:])), c)), item.upper())
    cluster = _cluster_now(members, item, decisions) if item in members or re.fullmatch(r"C\d+", item) \
        else None
    if cluster is None:
        raise _unknown_id(run_dir, item, members, all_ids, decisions)
    ids = members[cluster]
    row = _cluster_rows(run_dir).get(cluster, {})
    named = item if item == cluster else f"{item} (now {cluster})"
    distinct = str(row.get("unique_texts") or "").strip()
    number = str(row.get("report_no") or "").strip()  # its No. in the report (runs since the fourteenth session)
    lines = [f"{named}{f' (No. {number})' if number else ''}: {counted(len(ids), 'opinion')}" + (f" ({distinct} distinct, copies and near-copies counted once)" if distinct else "")
             + (", confirmed" if str(row.get("confirmed", "")).strip().lower() in ("yes", "true", "1") else "")]
    # a label, summary or answer recorded since the run: the run's files do not have it yet
    try:
        done = _recorded_by_the_run(run_dir)
    except InputError:
        done = 0
    where = {oid: c for c, members_ in members.items() for oid in members_}
    withdrawn = _withdrawn(decisions)
    pending = {d.kind: (n, d) for n, d in enumerate(decisions, 1)
               if n > done and n not in withdrawn and d.kind in TEXT_KINDS
               and _current_cluster(where, d.opinion_ids) == cluster}

    def since(kind: str) -> str:
        if kind not in pending:
            return ""
        n, d = pending[kind]
        return (f"; decision {n}, recorded since the run, makes it 「{shorten(_said(kind, d.value), 60)}」 "
                "on the next `cluster run`")

    label = unescape_cell(row.get("label", ""))
    lines.append(f"label: {label or '(none)'}" + (" (staff)" if row.get("label_edited") == "yes" else
                                                  " (made from keywords)" if label else "") + since("label"))
    summary = unescape_cell(row.get("summary", ""))
    # what the report publishes for it (QA69: the opinion as sent was shown, its greeting and story included)
    shown_summary = _published_summary(run_dir, number) or unescape_cell(row.get("representative", ""))
    lines.append((f"summary: {shorten(summary, 120)}" if summary else
                  f"summary: (none: the report shows the representative opinion "
                  f"「{shorten(' '.join(shown_summary.split()), 60)}」)") + since("summary"))
    status = str(row.get("answer_status", "")).strip()
    if status == "confirmed":
        try:
            aid, text = _confirmed_answers(load_run(run_dir)).get(cluster, (unescape_cell(row.get("answer_id", "")), ""))
        except (InputError, ValueError, OSError, ImportError):
            aid, text = unescape_cell(row.get("answer_id", "")), ""
        said = "written by staff" if aid in ("", "(written)") else f"past answer {aid}"
        lines.append(f"answer: confirmed, {said}" + (f" 「{shorten(text, 100)}」" if text else ""))
    elif (candidate := unconfirmed_candidate(run_dir, cluster)) is not None:
        aid, score, text = candidate
        lines.append(f"answer: none confirmed; candidate: past answer {aid} (score {score:.2f}) "
                     f"「{shorten(text, 80)}」")
    else:
        lines.append("answer: none confirmed, no candidate")
    lines[-1] += since("answer")
    if status != "confirmed":
        lines += _candidate_lines(run_dir, cluster)
    code = unescape_cell(row.get("category", ""))
    name = next((c.name for c in run_categories(run_dir) if c.code == code), "") if code else ""
    lines.append(f"対応区分: {' '.join(p for p in (code, name) if p) or '(none)'}" + since("category"))
    section = unescape_cell(row.get("section", ""))
    shown = unescape_cell(row.get("report_section", "")) if "report_section" in row else None
    lines.append(f"該当箇所: {section} (staff)" if section else
                 "該当箇所: (none by staff: the report shows the topic and page references the run finds)" if shown is None
                 else f"該当箇所: 「{shown}」 as the run found it (none by staff)" if shown else
                 "該当箇所: none found by the run (none by staff)")
    lines[-1] += since("section")
    department = unescape_cell(row.get("department", ""))  # runs before the department decision: no column
    lines.append(f"担当課: {department or '(none)'}" + since("department"))
    # one line per distinct text (a campaign's copies counted, not listed)
    shown: dict[str, list[str]] = {}
    for oid in ids:
        group = unescape_cell(row_of[oid].get("duplicate_group", ""))
        shown.setdefault(group or oid, []).append(oid)
    lines.append("opinions:")
    for k, same in enumerate(shown.values()):
        if k == limit:
            lines.append(f"   … and {len(shown) - limit} more distinct texts (opinions.csv, cluster_id {cluster})")
            break
        also = f" (+{len(same) - 1} cop{'y' if len(same) == 2 else 'ies'})" if len(same) > 1 else ""
        lines.append(f"   {same[0]}{also}  {shorten(unescape_cell(row_of[same[0]].get('text', '')), 50)}")
    lines.append(f"decisions naming {cluster}{' or ' + item if item != cluster else ''} or its opinions:")
    return lines + naming(set(ids), cluster)


# ------------------------------------------------------------------ notebook helpers


def _read_run_info(run_dir, required: bool = True) -> dict | None:
    path = Path(run_dir) / "run.json"
    if not path.exists():
        if required:
            raise InputError(f"{path}: not found; run `cluster run INPUT --out {run_dir}` first")
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None


def _repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def _resolve_path(path: str | Path, run_dir: str | Path, info: Mapping | None = None) -> Path:
    """A path recorded in run.json: as written, else from the folder the run was made in
    (``cwd`` when recorded), the run folder's parent, or the repository root."""
    p = Path(path).expanduser()
    if p.is_absolute():
        if p.exists():
            return p
        raise InputError(f"{p}: recorded in {Path(run_dir) / 'run.json'} but not found")
    bases = []
    if info and info.get("cwd"):
        bases.append(Path(info["cwd"]))
    run_dir = Path(run_dir).resolve()
    bases += [Path.cwd(), run_dir.parent, run_dir.parent.parent, _repo_root()]
    for base in bases:
        if (base / p).exists():
            return (base / p).resolve()
    raise InputError(f"{p}: recorded in {run_dir / 'run.json'} but not found from {', '.join(map(str, bases[:3]))}; "
                     "give the input path")


@dataclass
class RunView:
    """A run folder loaded for review: the outputs as pandas DataFrames (ids kept as text)."""

    run_dir: Path
    info: dict
    opinions: "object"  # pandas.DataFrame, one row per opinion
    clusters: "object"  # pandas.DataFrame, one row per cluster
    answers: "object"  # pandas.DataFrame, answer candidates
    decisions: list[Decision]

    @property
    def counts(self) -> dict:
        return dict(self.info.get("counts", {}))

    @property
    def model(self) -> str | None:
        """The model setting the run used (what ``load_encoder`` takes)."""
        return (self.info.get("settings") or {}).get("model") or None

    @property
    def pending(self) -> int:
        """Decision lines recorded after this run was made (applied by the next run)."""
        done = self.info.get("decisions") or {}
        if "lines" in done or "recorded" in done:
            return max(0, len(self.decisions) - lines_read(done))
        return max(0, len(self.decisions) - int(done.get("applied", 0)) - int(done.get("not_applied", 0)))

    def cluster_ids(self) -> list[str]:
        return list(self.clusters["cluster_id"])


def _read_frame(path: Path):
    import pandas as pd

    if not path.exists():
        return pd.DataFrame()
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for col in ("opinion_id", "comment_id", "cluster_id", "answer_id", "representative_opinion_id",
                "duplicate_group", "text", "label", "summary", "representative", "answer", "past_opinion"):
        if col in df.columns:
            df[col] = df[col].map(unescape_cell)
    for col in ("size", "unique_texts", "rank", "row_number", "index", "duplicate_count", "start", "end"):
        if col in df.columns:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    for col in ("score", "topic_score"):
        if col in df.columns:
            df[col] = pd.to_numeric(df[col], errors="coerce")
    return df


def load_run(run_dir: str | Path = "out") -> RunView:
    """Load a run folder (opinions, clusters, answers, run.json, decisions) for review."""
    run_dir = Path(run_dir)
    info = _read_run_info(run_dir)
    try:
        opinions = _read_frame(run_dir / "opinions.csv")
        clusters = _read_frame(run_dir / "clusters.csv")
        answers = _read_frame(run_dir / "answers.csv")
    except UnicodeDecodeError:
        raise InputError(f"{run_dir}: the CSV outputs are not UTF-8 (run made with --report-encoding cp932?)") \
            from None
    return RunView(run_dir, info, opinions, clusters, answers, load_decisions(run_dir))


def _as_run(run) -> RunView:
    return run if isinstance(run, RunView) else load_run(run)


def decision_table(run) -> "object":
    """One row per recorded decision: n, kind, by, at, cluster, opinions, value, in_this_run, withdrawn."""
    import pandas as pd

    run = _as_run(run)
    first_pending = len(run.decisions) - run.pending
    rows = []
    withdrawals, _ = resolve_withdrawals(run.decisions)
    withdrawn = {n for targets in withdrawals.values() for n in targets}
    notes = _decision_notes(run)
    for n, d in enumerate(run.decisions, 1):
        value = {k: v for k, v in d.value.items()
                 if k not in ("groups", "target", "others", "cluster", "clusters", "fingerprints", "decision_id",
                              "decision_at")}
        if n in withdrawals:  # the decision it withdraws, as numbered now
            value["decision"] = withdrawals[n][0] if len(withdrawals[n]) == 1 else withdrawals[n]
        if d.kind in ("move", "split") and not value:  # what it took where (QA36: an empty 内容 in the notebook)
            value["opinions"] = list(d.opinion_ids[:5]) + (["…"] if len(d.opinion_ids) > 5 else [])
            if d.kind == "move" and d.value.get("cluster"):
                value["into"] = d.value["cluster"]
        where = d.value.get("clusters") or d.value.get("cluster") or ""
        rows.append({"n": n, "kind": d.kind, "by": d.by, "at": d.at,
                     "cluster": " + ".join(where) if isinstance(where, list) else where,
                     "opinions": len(d.opinion_ids),
                     "value": json.dumps(value, ensure_ascii=False) if value else "",
                     "in_this_run": n <= first_pending, "withdrawn": n in withdrawn,
                     "note": notes.get(n, "")})
    return pd.DataFrame(rows, columns=["n", "kind", "by", "at", "cluster", "opinions", "value", "in_this_run",
                                       "withdrawn", "note"])


def _decision_notes(run: RunView) -> dict[int, str]:
    """``{decision number: what the run folder says about it}`` for the decisions that no longer
    apply (their opinions are gone or excluded), apply in part, or changed nothing: the decisions
    applied again on the clusters as the run left them (the lines a run logs, for the table)."""
    ops = run.opinions
    if ops.empty or not run.decisions:
        return {}
    try:
        # (an opinion that only points to an attachment can be excluded too)
        known = (set(ops.loc[ops["status"].isin(["ok", "excluded", "attachment"]), "opinion_id"])
                 if "status" in ops.columns else set(ops["opinion_id"]))
        excluded = excluded_opinions(run.decisions, dict.fromkeys(known))
        # an exclude recorded since the run: its opinions are still clustered here, and the next run
        # takes them out before grouping; so here too (QA24: it was listed as 「no longer applies」)
        clustered = ops[(ops["cluster_id"] != "") & ~ops["opinion_id"].isin(list(excluded))]
        unit_key = clustered["duplicate_group"].where(clustered["duplicate_group"] != "", clustered["opinion_id"])
        units = {k: u for u, k in enumerate(dict.fromkeys(unit_key))}
        numbers = {c: k for k, c in enumerate(dict.fromkeys(clustered["cluster_id"]))}
        opinion_unit = {o: units[k] for o, k in zip(clustered["opinion_id"], unit_key)}
        cluster_of_unit = np.zeros(len(units), dtype=np.int64)
        for k, c in zip(unit_key, clustered["cluster_id"]):
            cluster_of_unit[units[k]] = numbers[c]
        applied = apply_decisions(opinion_unit, cluster_of_unit, run.decisions, excluded=excluded)
    except Exception:  # noqa: BLE001 - a note column is no reason for the table to fail
        return {}
    notes: dict[int, str] = {}
    for line in applied.messages:
        if (found := _note_of(line)) is not None:
            notes.setdefault(*found)
    # a decision recorded since the run has not been applied yet: what the clusters as they are now
    # say of it is what to expect, never that it 「no longer applies」 (QA24)
    withdrawn = _withdrawn(run.decisions)
    for n in range(len(run.decisions) - run.pending + 1, len(run.decisions) + 1):
        if run.decisions[n - 1].kind == "withdraw" or n in withdrawn:
            continue
        said = notes.get(n, "")
        if not said:
            notes[n] = "waiting for the next run"
        elif said.startswith("no longer applies"):
            notes[n] = "waiting for the next run, which will not apply it" + said[len("no longer applies"):]
    return notes


def _current_cluster(members_of: Mapping[str, str], ids: Sequence[str]) -> str | None:
    tally = Counter(members_of[i] for i in ids if members_of.get(i))
    return min(tally, key=lambda c: (-tally[c], c)) if tally else None


def _confirmed_answers(run: RunView) -> dict[str, tuple[str, str]]:
    """``{cluster id: (answer_id or "(written)", text)}`` of the rows the run confirmed an answer
    for (clusters.csv's answer_status), as the report has it: of the answer decisions the run
    applied (withdrawn ones left out) on the cluster holding most of their opinions, the one
    naming more of its opinions, the later on a tie, that agrees with the run's answer_id."""
    cl = run.clusters
    if cl.empty or "answer_status" not in cl.columns:
        return {}
    status = dict(zip(cl["cluster_id"], cl["answer_status"]))
    recorded_id = dict(zip(cl["cluster_id"], cl["answer_id"])) if "answer_id" in cl.columns else {}
    of = dict(zip(run.opinions["opinion_id"], run.opinions["cluster_id"]))
    withdrawn = _withdrawn(run.decisions)
    applied = len(run.decisions) - run.pending
    past = {}
    if not run.answers.empty:
        past = dict(zip(run.answers["answer_id"], run.answers["answer"]))
    best: dict[str, tuple[int, int, Decision]] = {}
    for n, d in enumerate(run.decisions[:applied], 1):
        if d.kind != "answer" or n in withdrawn:
            continue
        c = _current_cluster(of, d.opinion_ids)
        if c is None or status.get(c) != "confirmed":
            continue
        aid = str(d.value.get("answer_id") or "")
        want = str(recorded_id.get(c, "") or "")
        if want and want != (aid or "(written)"):
            continue  # not the answer the run confirmed (the run's answer_id names it)
        weight = sum(1 for i in d.opinion_ids if of.get(i) == c)
        if (weight, n) >= best.get(c, (0, 0, None))[:2]:
            best[c] = (weight, n, d)
    out = {}
    for c, (_, _, d) in best.items():
        aid = str(d.value.get("answer_id") or "")
        text = str(d.value.get("text") or past.get(aid) or d.value.get("answer_text") or "")
        out[c] = (aid or "(written)", text)
    return out


def cluster_table(run) -> "object":
    """Clusters with label, size, duplicates, topic, top answer and review state (sortable)."""
    import pandas as pd

    run = _as_run(run)
    cl = run.clusters.copy()
    if cl.empty:
        return pd.DataFrame(columns=["cluster_id", "label", "size", "unique_texts", "duplicates", "topic",
                                     "summary", "answer_status", "top_answer_id", "top_answer", "confirmed"])
    cl["duplicates"] = (cl["size"] - cl["unique_texts"]).astype("Int64")
    top = {}
    if not run.answers.empty:
        # the candidate the report shows: from its threshold up, none for a row without one (QA24:
        # a row the report left （考え方は未記入） showed a weaker candidate here)
        shown = run.answers
        try:
            floor = float(run.info.get("report_min_score"))
        except (TypeError, ValueError):
            floor = None
        if floor is not None and "score" in shown.columns:
            shown = shown[shown["score"] >= floor - 5e-5]  # answers.csv rounds scores to 4 places
        if "answer_status" in cl.columns:
            shown = shown[shown["cluster_id"].isin(set(cl.loc[cl["answer_status"] == "candidate", "cluster_id"]))]
        best = shown.sort_values(["cluster_id", "rank"]).drop_duplicates("cluster_id")
        top = {r.cluster_id: (r.answer_id, r.answer) for r in best.itertuples()}
    top.update(_confirmed_answers(run))  # a confirmed row shows its confirmed answer, as the report does
    cl["top_answer_id"] = [top.get(c, ("", ""))[0] for c in cl["cluster_id"]]
    cl["top_answer"] = [shorten(top.get(c, ("", ""))[1], 60) for c in cl["cluster_id"]]
    if "confirmed" in cl.columns:  # as the run applied them (a withdrawn confirm is no confirm)
        cl["confirmed"] = [str(v).strip().lower() in ("yes", "true", "1") for v in cl["confirmed"]]
    else:  # a run folder older than the column: the confirms in force
        of = dict(zip(run.opinions["opinion_id"], run.opinions["cluster_id"]))
        withdrawn = _withdrawn(run.decisions)
        confirmed = {_current_cluster(of, d.opinion_ids) for n, d in enumerate(run.decisions, 1)
                     if d.kind == "confirm" and n not in withdrawn}
        cl["confirmed"] = [c in confirmed for c in cl["cluster_id"]]
    if "report_section" in cl.columns and "topic" in cl.columns:
        # the 該当箇所 the report shows (staff's, or the topic with its page references: QA36 saw 「第4章1節 …」
        # here and 「第4章1節 …、24頁」 in report.md)
        cl["topic"] = cl["report_section"].fillna("").astype(str)
    elif "section" in cl.columns and "topic" in cl.columns:  # the 該当箇所 staff set wins, as in the report (QA29)
        staff = cl["section"].fillna("").astype(str).str.strip()
        cl["topic"] = staff.where(staff != "", cl["topic"])
    if "report_no" in cl.columns:  # the row's No. in the report, as staff read it there (QA36)
        cl["report_no"] = pd.to_numeric(cl["report_no"], errors="coerce").astype("Int64")
    if "summary" in cl.columns:  # staff-written ご意見の概要 (run folders older than the summary decision lack it)
        cl["summary"] = [shorten(str(t) if isinstance(t, str) else "", 60) for t in cl["summary"]]
    if "department" in cl.columns:  # the 担当課 staff assigned (`cluster review department`, the worksheet)
        cl["department"] = cl["department"].fillna("").astype(str)
    cols = ["report_no", "cluster_id", "label", "size", "unique_texts", "duplicates", "topic", "summary", "department",
            "answer_status", "top_answer_id", "top_answer", "confirmed"]
    return cl[[c for c in cols if c in cl.columns]]


def highlight(text: str, keywords: Sequence[str]) -> str:
    """HTML of ``text`` with the keywords marked (<mark>); everything else escaped."""
    words = sorted({k for k in keywords if k}, key=len, reverse=True)
    if not words:
        return html.escape(text)
    rx = re.compile("|".join(re.escape(w) for w in words))
    out, last = [], 0
    for m in rx.finditer(text):
        out.append(html.escape(text[last:m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


@dataclass
class ClusterView:
    """One cluster: its opinions (duplicates collapsed, with counts) and answer candidates."""

    cluster_id: str
    label: str
    keywords: list[str]
    topic: str
    size: int
    opinions: "object"  # DataFrame: text, count, opinion_ids, duplicate_group, representative
    answers: "object"  # DataFrame: rank, answer_id, score, past_opinion, answer, source, matched_sentence
    confirmed_answer: str = ""
    answer_status: str = ""

    def to_html(self) -> str:
        e = html.escape
        parts = [f"<h4>{e(self.cluster_id)} {e(self.label)} <small>({counted(self.size, 'opinion')}, "
                 f"{len(self.opinions)} distinct)</small></h4>"]
        if self.topic:
            parts.append(f"<div>topic: {e(self.topic)}</div>")
        if self.keywords:
            parts.append("<div>keywords: " + "・".join(f"<mark>{e(k)}</mark>" for k in self.keywords) + "</div>")
        parts.append("<table><tr><th>count</th><th>opinion ids</th><th>text</th></tr>")
        for r in self.opinions.itertuples():
            ids = r.opinion_ids.split()
            shown = " ".join(ids[:3]) + (f" … (+{len(ids) - 3})" if len(ids) > 3 else "")
            star = "★ " if r.representative else ""
            parts.append(f"<tr><td style='text-align:right'>{r.count}</td><td>{e(shown)}</td>"
                         f"<td style='text-align:left'>{star}{highlight(r.text, self.keywords)}</td></tr>")
        parts.append("</table>")
        if self.answer_status == "confirmed":
            parts.append(f"<div><b>confirmed answer</b>: {e(self.confirmed_answer)}</div>")
        if len(self.answers):
            parts.append("<b>answer candidates</b><table><tr><th>rank</th><th>answer_id</th><th>score</th>"
                         "<th>matched past opinion</th><th>our sentence that matched</th><th>answer</th></tr>")
            for a in self.answers.itertuples():
                # runs written before group-level scoring have no matched_sentence column
                matched = str(getattr(a, "matched_sentence", "") or "")
                parts.append(f"<tr><td>{a.rank}</td><td>{e(str(a.answer_id))}</td><td>{a.score:.3f}</td>"
                             f"<td style='text-align:left'>{highlight(a.past_opinion, self.keywords)}</td>"
                             f"<td style='text-align:left'>{e(matched)}</td>"
                             f"<td style='text-align:left'>{e(a.answer)}</td></tr>")
            parts.append("</table>")
        else:
            parts.append("<div>no answer candidates (run with --answers PAST)</div>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()


def cluster_view(run, cluster_id: str) -> ClusterView:
    """The opinions and answer candidates of one cluster (``run``: a folder or a RunView)."""
    import pandas as pd

    run = _as_run(run)
    row = run.clusters[run.clusters["cluster_id"] == cluster_id]
    if row.empty:
        known = ", ".join(run.cluster_ids()[:8])
        raise InputError(f"unknown cluster {cluster_id!r} (clusters: {known}{' ...' if len(run.clusters) > 8 else ''})")
    c = row.iloc[0]
    ops = run.opinions[run.opinions["cluster_id"] == cluster_id]
    rep = c.get("representative_opinion_id", "")
    groups = []
    key = ops["duplicate_group"].where(ops["duplicate_group"] != "", ops["opinion_id"])
    for _, g in ops.groupby(key, sort=False):
        ids = list(g["opinion_id"])
        groups.append({"text": g["text"].iloc[0], "count": len(g), "opinion_ids": " ".join(ids),
                       "duplicate_group": g["duplicate_group"].iloc[0], "representative": rep in ids})
    opinions = pd.DataFrame(groups, columns=["text", "count", "opinion_ids", "duplicate_group", "representative"])
    opinions = opinions.sort_values(["representative", "count"], ascending=[False, False], kind="stable")
    answers = run.answers[run.answers["cluster_id"] == cluster_id] if not run.answers.empty else run.answers
    answers = answers.drop(columns=["cluster_id"], errors="ignore").sort_values("rank") if len(answers) else \
        pd.DataFrame(columns=["rank", "answer_id", "score", "past_opinion", "answer", "source", "matched_sentence"])
    status = c.get("answer_status", "")
    confirmed = ""
    if status == "confirmed":  # the answer the run confirmed (not a withdrawn or later-recorded one)
        aid, text = _confirmed_answers(run).get(cluster_id, ("", ""))
        confirmed = (f"{text} (past answer {aid})" if aid and aid != "(written)" else text) if text else \
            (f"(past answer {aid})" if aid and aid != "(written)" else "")
    return ClusterView(cluster_id=cluster_id, label=c.get("label", ""),
                       keywords=[k for k in str(c.get("keywords", "")).split("・") if k],
                       # the 該当箇所 the report shows, pages included (QA36), where the run wrote it
                       topic=(c.get("report_section") if isinstance(c.get("report_section"), str) else
                              "" if "report_section" in c else c.get("topic", "")),
                       size=int(c["size"]), opinions=opinions.reset_index(drop=True),
                       answers=answers.reset_index(drop=True), confirmed_answer=confirmed, answer_status=status)


def _group_similarity(texts: Sequence[str]) -> tuple[list[str], list[float], list[int]]:
    """Per text of one duplicate group: its comparison key, its character 3-gram Jaccard
    similarity to the group's most copied key (the first seen on a tie) and how many others
    share its key exactly."""
    from .dedup import shingles
    from .normalize import comparison_text

    keys = [comparison_text(t) for t in texts]
    tally = Counter(keys)
    centre = min(tally, key=lambda k: (-tally[k], keys.index(k)))
    base = shingles(centre)
    sims = []
    for k in keys:
        sh = shingles(k)
        union = len(sh | base)
        sims.append(round(len(sh & base) / union, 3) if union else 1.0)
    return keys, sims, [tally[k] - 1 for k in keys]


def duplicate_group_table(run) -> "object":
    """One row per duplicate group (exact and near copies): duplicate_group, size, distinct_texts,
    clusters, lowest_similarity (character 3-gram Jaccard of its least similar member to the
    most copied text). Sorted by lowest_similarity: a group the detector may have joined
    wrongly comes first."""
    import pandas as pd

    run = _as_run(run)
    ops = run.opinions
    rows = []
    if len(ops) and "duplicate_group" in ops.columns:
        for g, part in ops[ops["duplicate_group"] != ""].groupby("duplicate_group", sort=True):
            keys, sims, _ = _group_similarity(list(part["text"]))
            rows.append({"duplicate_group": g, "size": len(part), "distinct_texts": len(set(keys)),
                         "clusters": " ".join(sorted(set(part["cluster_id"]) - {""})),
                         "lowest_similarity": min(sims)})
    table = pd.DataFrame(rows, columns=["duplicate_group", "size", "distinct_texts", "clusters", "lowest_similarity"])
    return table.sort_values(["lowest_similarity", "duplicate_group"], kind="stable").reset_index(drop=True)


def duplicate_group_view(run, group_id: str) -> "object":
    """The opinions of duplicate group ``group_id`` (D001 ...), one row each: opinion_id,
    cluster_id, similarity (to the most copied text), exact_copies (others with the same text
    once normalised: those cannot be detached alone) and text, least similar first. The
    candidates for ``record_detach`` are at the top."""
    run = _as_run(run)
    ops = run.opinions
    part = ops[ops["duplicate_group"] == str(group_id).strip()] if "duplicate_group" in ops.columns else ops[:0]
    if part.empty:
        groups = sorted(set(ops["duplicate_group"]) - {""}) if "duplicate_group" in ops.columns else []
        raise InputError(f"unknown duplicate group {group_id!r} (groups: {', '.join(groups[:8]) or 'none'}"
                         f"{' ...' if len(groups) > 8 else ''}; see duplicate_group in opinions.csv)")
    _, sims, copies = _group_similarity(list(part["text"]))
    view = part[["opinion_id", "cluster_id"]].copy()
    view["similarity"], view["exact_copies"], view["text"] = sims, copies, list(part["text"])
    return view.sort_values(["similarity", "exact_copies"], kind="stable").reset_index(drop=True)


def opinion_map(run, encoder=None, max_points: int = 20000, seed: int = 0) -> "object":
    """2-D coordinates (TruncatedSVD of the embeddings) of the clustered opinions.

    Columns: opinion_id, cluster_id, label, text, x, y. ``encoder`` defaults to
    ``load_encoder(model recorded in run.json)``; at most ``max_points`` opinions are drawn
    (a seeded sample)."""
    import pandas as pd

    run = _as_run(run)
    ops = run.opinions[run.opinions["cluster_id"] != ""].copy()
    if len(ops) > max_points:
        ops = ops.sample(max_points, random_state=seed)
    if encoder is None:
        from .embed import load_encoder

        encoder = load_encoder(run.model)
    labels = dict(zip(run.clusters["cluster_id"], run.clusters["label"])) if len(run.clusters) else {}
    ops["label"] = ops["cluster_id"].map(labels).fillna("")
    if len(ops) == 0:
        return pd.DataFrame(columns=["opinion_id", "cluster_id", "label", "text", "x", "y"])
    from .normalize import comparison_text

    vectors = np.asarray(encoder.encode([comparison_text(t) for t in ops["text"]]), dtype=np.float64)
    xy = np.zeros((len(ops), 2))
    if len(ops) > 2 and vectors.shape[1] > 2:
        from sklearn.decomposition import TruncatedSVD

        centred = vectors - vectors.mean(axis=0)
        xy = TruncatedSVD(n_components=2, random_state=seed).fit_transform(centred)
    elif vectors.shape[1] >= 2:
        xy = vectors[:, :2]
    ops["x"], ops["y"] = xy[:, 0], xy[:, 1]
    return ops[["opinion_id", "cluster_id", "label", "text", "x", "y"]].reset_index(drop=True)


def rerun_options(run_dir: str | Path):
    """The :class:`cluster.pipeline.RunOptions` recorded in ``run_dir/run.json`` and the input path."""
    from dataclasses import fields

    from .pipeline import RunOptions

    info = _read_run_info(run_dir)
    settings = dict(info.get("settings") or {})
    known = {f.name for f in fields(RunOptions)}
    opts = RunOptions(**{k: v for k, v in settings.items() if k in known})
    opts.answers = tuple(str(_resolve_path(p, run_dir, info)) for p in (opts.answers or ()))
    if opts.topics:
        opts.topics = str(_resolve_path(opts.topics, run_dir, info))
    # (a workbook read a sheet at a time is one path: its sheets are read again as they were)
    inputs = list(dict.fromkeys(i.get("path", "") for i in info.get("inputs") or () if isinstance(i, dict)))
    if len(inputs) > 1:  # several files read as one consultation
        return opts, [_resolve_path(p, run_dir, info) for p in inputs]
    input_path = _resolve_path((info.get("input") or {}).get("path", ""), run_dir, info)
    return opts, input_path


def rerun(run_dir: str | Path = "out", input_path: str | Path | None = None, log: Callable[[str], None] | None = None,
          encoder=None, **overrides):
    """Run the pipeline again into ``run_dir`` with the settings recorded in its run.json.

    The decisions in ``run_dir/decisions.jsonl`` are applied and report.* rewritten.
    ``input_path`` replaces the recorded input (e.g. with late comments added); keyword
    ``overrides`` replace settings (``seed=1``, ``model="char-hash"`` ...)."""
    from .pipeline import run as run_pipeline

    opts, recorded_input = rerun_options(run_dir)
    for k, v in overrides.items():
        if not hasattr(opts, k):
            raise InputError(f"unknown run setting {k!r}")
        setattr(opts, k, v)
    return run_pipeline(input_path or recorded_input, run_dir, opts, log=log or (lambda m: None), encoder=encoder)


REPORT_FILES = ("report.xlsx", "report.md", "report.html", "report.csv")


def export_report(run_dir: str | Path, dest: str | Path, allow_unmasked: bool = False) -> list[Path]:
    """Copy the published report files (masked) of a run into the folder ``dest``.

    Refuses a run made with ``--no-mask`` unless ``allow_unmasked``."""
    run_dir, dest = Path(run_dir), Path(dest)
    info = _read_run_info(run_dir)
    if info.get("completed") is not True:
        raise InputError(f"{run_dir}: the run did not complete (run.json); run `cluster run` again before exporting")
    if not info.get("masked", True) and not allow_unmasked:
        raise InputError(f"{run_dir}: the report was written without masking personal data (--no-mask); "
                         "re-run with masking before publishing")
    if dest.resolve() == run_dir.resolve():
        raise InputError("export the report to another folder than the run folder")
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for name in REPORT_FILES:
        src = run_dir / name
        if src.exists():
            from .io import atomic_path

            with atomic_path(dest / name) as tmp:  # an export cut short never leaves half a file
                shutil.copyfile(src, tmp)
            out.append(dest / name)
    if not out:
        raise InputError(f"{run_dir}: no report files; run `cluster run` first")
    return out


# ------------------------------------------------- what a recorded decision says (CLI, notebook)
#
# ``said_*`` record a decision as ``record_*`` do and return it with the lines staff read: the
# clusters and opinions it names with their text shortened (a mistyped id shows at once), what it
# does, the answer, summary or label it replaces, and "run again to apply it". The command line
# prints them; the notebook prints them through :func:`notebook_wording`.

RERUN_HINT = "run `cluster run ... --out DIR` again to apply it"


def rerun_hint(run_dir=None, them: bool = False) -> str:
    """「run `cluster run data/comments.csv --answers past.csv --out out` again to apply it」: the run's own
    command as its run.json records it (QA98: staff had to remember the input and options behind
    「cluster run ... --out out」); 「...」 and DIR only when no run is known."""
    command = rerun_command(run_dir) if run_dir is not None else None
    shown = command or f"cluster run ... --out {run_dir if run_dir is not None else 'DIR'}"
    return f"run `{shown}` again to apply {'them' if them else 'it'}"


# the `cluster run` option of each setting run.json records; the folder keeps attribute_columns,
# count_repeats and answer_heading for later runs itself, and top_answers and the near-duplicate
# threshold have no option
_RUN_OPTIONS = {"text_column": "--text-column", "more_text_columns": "--text-column", "id_column": "--id-column",
                "channel_column": "--channel-column", "submitter_column": "--submitter-column",
                "kind_column": "--kind-column", "answers": "--answers", "answer_id_column": "--answer-id-column",
                "answer_opinion_column": "--answer-opinion-column", "answer_text_column": "--answer-text-column",
                "answer_min_score": "--min-answer-score", "topics": "--topics", "order": "--order",
                "model": "--model", "seed": "--seed", "encoding": "--encoding", "sheet": "--sheet",
                "header_row": "--header-row", "title": "--title", "period": "--period", "categories": "--categories",
                "csv_encoding": "--report-encoding"}
_RUN_SWITCHES = {"split": "--no-split", "mask": "--no-mask", "worksheet": "--no-worksheet", "final": "--final"}
_PATH_SETTINGS = frozenset({"answers", "topics", "categories"})


def _model_shown(model: str, made_in: Path | None, here: bool) -> str:
    """A --model that names a folder where the run was made, as the shell can reach it from here (QA105:
    「--model ./mymodel」 from another folder was not found); a model's name (char-hash, a hub name) as it is."""
    if here or made_in is None or Path(model).is_absolute() or not (made_in / model).exists():
        return model
    return str(made_in / model)


def rerun_command(run_dir) -> str | None:
    """The `cluster run` command that made ``run_dir`` (its inputs and the options that differ from
    the defaults, from run.json), paths as recorded when the shell is where the run was made, else
    absolute. None when the folder has no readable run.json."""
    import shlex
    from dataclasses import fields

    from .pipeline import RunOptions

    try:
        info = _read_run_info(run_dir, required=False)
    except InputError:
        return None
    if not isinstance(info, dict) or not isinstance(info.get("settings"), dict):
        return None
    made_in = Path(info["cwd"]) if isinstance(info.get("cwd"), str) else None
    here = made_in is None or made_in.resolve() == Path.cwd().resolve()

    def path(p) -> str:
        shown = str(p) if here or Path(p).is_absolute() else str(made_in / p)
        return f"./{shown}" if shown.startswith("-") else shown  # (「-意見.csv」 is no option, QA105)

    inputs = [i.get("path") for i in info.get("inputs") or () if isinstance(i, dict)]
    if not inputs and isinstance(info.get("input"), dict):
        inputs = [info["input"].get("path")]
    inputs = [p for p in dict.fromkeys(inputs) if isinstance(p, str) and p]
    if not inputs:
        return None
    words = ["cluster", "run", *(path(p) for p in inputs)]
    defaults = {f.name: f.default for f in fields(RunOptions)}
    settings = info["settings"]
    for key, option in _RUN_OPTIONS.items():
        value = settings.get(key)
        if value in (None, "", [], ()) or (key in defaults and value == defaults[key]):
            continue
        for v in value if isinstance(value, (list, tuple)) else [value]:
            words += [option, path(v) if key in _PATH_SETTINGS
                      else _model_shown(str(v), made_in, here) if key == "model" else str(v)]
    for key, switch in _RUN_SWITCHES.items():
        if key in settings and key in defaults and settings[key] != defaults[key]:
            words.append(switch)
    words += ["--out", str(run_dir)]
    return " ".join(shlex.quote(w) for w in words)


def _n(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def recorded_line(decision: Decision, what: str = "", copies: int = 0, effect: str = "", run_dir=None) -> str:
    """``recorded KIND WHAT[; N copies go with it][: EFFECT]; run … --out RUN_DIR again to apply it``."""
    named = "it" if len(decision.opinion_ids) == 1 else "them"
    also = (f"; {_n(copies, 'exact or near copy').replace('copys', 'copies')} "
            f"{'goes' if copies == 1 else 'go'} with {named}") if copies else ""
    what = what or f"({_n(len(decision.opinion_ids), 'opinion')})"
    return f"recorded {decision.kind} {what}{also}{': ' + effect if effect else ''}; {rerun_hint(run_dir)}"


def _said_with_notes(run_dir, decision: Decision, line: str) -> tuple[Decision, list[str]]:
    return decision, [line] + notes_for_recorded(run_dir, decision)


def _named(run_dir, cluster_id: str) -> str:
    return next(iter(describe_clusters(run_dir, [cluster_id]).values()))


def _pending_merge_of(run_dir, cluster_ids: Sequence[str]) -> tuple[int, Decision] | None:
    """A merge in force, not yet applied by a run, that already joins every one of ``cluster_ids``."""
    members, _, _ = _run_state(run_dir)
    decisions = load_decisions(run_dir)
    now = {_cluster_now(members, c, decisions) for c in cluster_ids}
    withdrawn = _withdrawn(decisions)
    for n, d in reversed(list(enumerate(decisions, 1))):
        if d.kind == "merge" and n not in withdrawn and not _applied_by_the_run(run_dir, n) \
                and now <= set(d.value.get("clusters") or []):
            return n, d
    return None


def _merge_survivor(run_dir, cluster_ids: Sequence[str], recorded: int | None = None) -> tuple[str | None, str]:
    """``(id, words)``: the id the merged row of ``cluster_ids`` carries after the next run, and how
    the recorded line says it. The run joins the merged clusters into the one holding the most
    distinct opinions (units: a duplicate group counts once; opinions a move, split or detach in
    force placed do not count, as :func:`apply_decisions` tallies them), and that cluster keeps its
    id (``continuity.keep_ids``); the others' ids are retired and still name the merged row. The
    id is None when it cannot be known: a tie (the next run's grouping decides), or a decision
    recorded since the last run (``recorded``: the line number of this merge, left out) that
    changes these clusters before the merge applies."""
    members, _, row_of = _run_state(run_dir)
    decisions = load_decisions(run_dir)
    cluster_ids = [c for c in dict.fromkeys(_cluster_now(members, str(c).strip(), decisions) for c in cluster_ids)
                   if c in members]
    if len(cluster_ids) < 2:
        return None, ""
    rule = "of the merged clusters, the one with the most distinct opinions keeps its id"
    either = "either id is" if len(cluster_ids) == 2 else "each of their ids is"
    mine = {oid for c in cluster_ids for oid in members[c]}
    withdrawn = _withdrawn(decisions)
    done = _recorded_by_the_run(run_dir)
    for n, d in enumerate(decisions, 1):
        if n <= done or n == recorded or n in withdrawn or d.kind not in _GROUPING:
            continue
        target = d.value.get("target") if isinstance(d.value.get("target"), list) else []
        if d.kind == "withdraw" or mine & (set(d.opinion_ids) | {str(i) for i in target}):
            return None, (f"the merged row will keep the id of whichever of {_joined(cluster_ids)} has the most "
                          f"distinct opinions when the next run applies it (decision {n}, not yet applied, changes "
                          f"them first; {either} still accepted for it)")
    detached = _detached_in_force(decisions, row_of)

    def unit(oid: str) -> str:
        group = unescape_cell(row_of[oid].get("duplicate_group", "")) if oid in row_of else ""
        return group if group and oid not in detached else "opinion " + oid

    placed = {unit(i) for n, d in enumerate(decisions, 1)
              if n <= done and n not in withdrawn and d.kind in ("move", "split", "detach")
              for i in d.opinion_ids if i in mine}
    units = {c: {unit(i) for i in members[c]} for c in cluster_ids}
    counted = {c: len(units[c] - placed) for c in cluster_ids}
    if not any(counted.values()):
        counted = {c: len(units[c]) for c in cluster_ids}
    top = max(counted.values())
    best = [c for c in cluster_ids if counted[c] == top]
    if len(best) == 1:
        others = [c for c in cluster_ids if c != best[0]]
        return best[0], (f"the merged row will be {best[0]} after the next run ({rule}; "
                         f"{_joined(others)} {'is' if len(others) == 1 else 'are'} still accepted for it)")
    return None, (f"the merged row will be {' or '.join(best)} after the next run ({rule}, and they have "
                  f"{_n(top, 'distinct opinion')} each: the run's grouping picks; {either} still accepted for it)")


def said_merge(run_dir, cluster_ids: Sequence[str], by: str | None = None) -> tuple[Decision, list[str]]:
    cluster_ids = [str(c).strip() for c in cluster_ids]
    twice = _pending_merge_of(run_dir, cluster_ids) if len(set(cluster_ids)) >= 2 else None
    decision = record_merge(run_dir, cluster_ids, by)
    named = list(describe_clusters(run_dir, cluster_ids).values())
    survives = "" if twice is not None else _merge_survivor(run_dir, cluster_ids, len(load_decisions(run_dir)))[1]
    line = recorded_line(decision, "of " + ", ".join(named[:-1]) + " and " + named[-1], effect=survives,
                         run_dir=run_dir)
    again = []
    if twice is not None:
        n, d = twice
        again = [f"note: {_joined(list(dict.fromkeys(cluster_ids)))} were already merged by decision {n} (by "
                 f"{d.by or '?'}{', ' + _when(d.at) if d.at else ''}, not yet applied): this merge changes nothing; "
                 f"`cluster review undo {run_dir} --decision {len(load_decisions(run_dir))}` withdraws it"]
    return decision, [line] + again + merge_notes(run_dir, cluster_ids)


def said_move(run_dir, opinion_id: str, cluster_id: str, by: str | None = None) -> tuple[Decision, list[str]]:
    # (as the run spells them: the notebook's typed 「Ｋ－０１６－１」 or 「k-016-1」 was recorded as typed and never
    # applied, QA77; the command line spells its arguments so before calling)
    spelt = as_spelt_in_run(run_dir, {"opinion_id": str(opinion_id).strip(), "cluster_id": cluster_id})
    opinion_id, cluster_id = spelt["opinion_id"], spelt["cluster_id"]
    decision = record_move(run_dir, opinion_id, cluster_id, by)
    source = describe_clusters(run_dir, cluster_of_opinions(run_dir, [opinion_id]))
    line = recorded_line(decision, f"of {describe_opinions(run_dir, [opinion_id])[opinion_id]}"
                                   f"{' from ' + ', '.join(source.values()) if source else ''} into "
                                   f"{_named(run_dir, cluster_id)}", copies_of(run_dir, [opinion_id]), run_dir=run_dir)
    return decision, [line] + leaving_notes(run_dir, [opinion_id], decision.value.get("cluster"))


def _some_opinions(run_dir, ids: Sequence[str]) -> str:
    named = list(describe_opinions(run_dir, ids[:3]).values()) + ([f"and {len(ids) - 3} more"] if len(ids) > 3 else [])
    return ", ".join(named)


def said_split(run_dir, opinion_ids: Sequence[str], by: str | None = None) -> tuple[Decision, list[str]]:
    decision = record_split(run_dir, opinion_ids, by)
    ids = list(decision.opinion_ids)
    source = describe_clusters(run_dir, cluster_of_opinions(run_dir, ids))
    line = recorded_line(decision, f"of {_some_opinions(run_dir, ids)}"
                                   f"{' from ' + ', '.join(source.values()) if source else ''} "
                                   "into a cluster of their own", copies_of(run_dir, ids), run_dir=run_dir)
    return decision, [line] + leaving_notes(run_dir, ids)


def said_detach(run_dir, opinion_ids: Sequence[str], by: str | None = None) -> tuple[Decision, list[str]]:
    decision, effect = record_detach_with_effect(run_dir, opinion_ids, by)
    # (the effect names the opinions and their group: opinions.csv is read once, a large file too)
    return decision, [f"recorded detach ({_n(len(decision.opinion_ids), 'opinion')}): {effect} in duplicate_count; "
                      f"run `{rerun_command(run_dir) or f'cluster run ... --out {run_dir}'}` again: it is then clustered on its own text, and the "
                      "cluster's 件数 changes only if the grouping places it in another cluster "
                      "(use `cluster review move` or `split` to take it out of the cluster)"]


def said_exclude(run_dir, opinion_ids: Sequence[str], reason: str | None = None, with_copies: bool = False,
                 by: str | None = None) -> tuple[Decision, list[str]]:
    decision = record_exclude(run_dir, opinion_ids, reason=reason, by=by, with_copies=with_copies)
    ids = list(decision.opinion_ids)
    source = describe_clusters(run_dir, cluster_of_opinions(run_dir, ids))
    why = f" ({decision.value['reason']})" if decision.value.get("reason") else ""
    return decision, [f"recorded exclude of {_some_opinions(run_dir, ids)}"
                      f"{' from ' + ', '.join(source.values()) if source else ''}{why}: "
                      f"{'it is' if len(ids) == 1 else 'they are'} no opinion on the draft (対象外), counted apart "
                      f"from 意見総数; {rerun_hint(run_dir)}"]


def said_cut(run_dir, opinion_id: str, before: str, by: str | None = None) -> tuple[Decision, list[str]]:
    decision = record_cut(run_dir, opinion_id, before, by)
    (oid,) = decision.opinion_ids
    _, _, row_of = _run_state(run_dir)
    text = unescape_cell(row_of[oid].get("text", ""))
    p = cut_text(text, decision.value["before"])
    first, second = (" ".join(t.split()) for t in (text[:p], text[p:]))
    j = 2
    while f"{oid}.{j}" in row_of:  # (as the run numbers the new part)
        j += 1
    source = cluster_of_opinions(run_dir, [oid])
    return decision, [recorded_line(decision, f"of {oid}{' in ' + ', '.join(source) if source else ''}",
                                    effect=f"{oid} 「{shorten(first, 25)}」 and {oid}.{j} 「{shorten(second, 25)}」 "
                                           "become two opinions, each grouped on its own text", run_dir=run_dir)]


def said_cuts(run_dir, opinion_id: str, befores: Sequence[str], by: str | None = None) -> list[str]:
    """Several cuts of one opinion at once (QA47: staff cutting a long letter into its three requests had
    to run the whole consultation again between two cuts, the second part's id not existing yet). Every
    ``before`` is checked on the opinion's text before any is recorded; they are recorded in text order, so
    the run cuts the part each falls in: ``ID``, ``ID.2``, ``ID.2.2`` …"""
    if len(befores) == 1:
        return said_cut(run_dir, opinion_id, befores[0], by)[1]
    _, all_ids, row_of = _run_state(run_dir)
    oid = _opinion_with_content(row_of, all_ids, opinion_id, "cut")
    text = unescape_cell(row_of[oid].get("text", ""))
    points: dict[int, str] = {}
    for before in befores:
        before = _staff_text(before)
        p = _check_cut(oid, text, before)
        shown = shorten(before, 20)
        if p in points:
            raise InputError(f"「{shorten(points[p], 20)}」 and 「{shown}」 cut {oid} at the same place; give each cut once")
        points[p] = before
    j = 2
    while f"{oid}.{j}" in row_of:  # (as the run numbers the new parts)
        j += 1
    lines, part, start = [], oid, 0
    ordered = sorted(points)
    source = cluster_of_opinions(run_dir, [oid])
    for k, p in enumerate(ordered):
        decision = record_cut(run_dir, oid, points[p], by)
        made = f"{oid}.{j}" if k == 0 else f"{part}.2"
        first, second = (" ".join(t.split()) for t in (text[start:p], text[p:]))
        lines.append(recorded_line(decision, f"of {oid}{' in ' + ', '.join(source) if source else ''}",
                                   effect=f"{part} 「{shorten(first, 25)}」 and {made} 「{shorten(second, 25)}」 "
                                          "become two opinions, each grouped on its own text", run_dir=run_dir))
        part, start = made, p
    return lines


def said_join(run_dir, opinion_ids: Sequence[str], by: str | None = None) -> tuple[Decision, list[str]]:
    decision = record_join(run_dir, opinion_ids, by)
    ids = list(decision.opinion_ids)
    _, _, row_of = _run_state(run_dir)
    texts = [unescape_cell(row_of[i].get("text", "")) for i in ids]
    joined = " ".join(" ".join(texts).split())
    rest = _joined(ids[1:])
    return decision, [recorded_line(decision, f"of {_joined(ids)}",
                                    effect=f"one opinion {ids[0]} 「{shorten(joined, 40)}」, counted once; {rest} "
                                           f"{'keeps its row' if len(ids) == 2 else 'keep their rows'} with status "
                                           "joined", run_dir=run_dir)]


def said_label(run_dir, cluster_id: str, text: str, by: str | None = None) -> tuple[Decision, list[str]]:
    from .mask import mask_personal_data

    decision = record_label(run_dir, cluster_id, text, by)
    # the heading as it is published: masked like every report text (the screen is no report)
    published = mask_personal_data(decision.value["label"])
    masked = " (personal data masked)" if published != decision.value["label"] else ""
    return _said_with_notes(run_dir, decision, recorded_line(
        decision, f"for {_named(run_dir, cluster_id)}",
        effect=f"it is published as the row's heading 【{published}】{masked} in the report", run_dir=run_dir))


def said_summary(run_dir, cluster_id: str, text: str, by: str | None = None) -> tuple[Decision, list[str]]:
    decision = record_summary(run_dir, cluster_id, text, by)
    return _said_with_notes(run_dir, decision, recorded_line(
        decision, f"for {_named(run_dir, cluster_id)}",
        effect=f"ご意見の概要 「{shorten(' '.join(decision.value['summary'].split()), 60)}」", run_dir=run_dir))


def said_category(run_dir, cluster_id: str, value: str, by: str | None = None) -> tuple[Decision, list[str]]:
    decision = record_category(run_dir, cluster_id, value, by)
    return _said_with_notes(run_dir, decision, recorded_line(
        decision, f"for {_named(run_dir, cluster_id)}",
        effect=f"対応区分 {_said('category', decision.value)} in the report", run_dir=run_dir))


def said_section(run_dir, cluster_id: str, text: str, by: str | None = None) -> tuple[Decision, list[str]]:
    from .mask import mask_personal_data

    decision = record_section(run_dir, cluster_id, text, by)
    published = mask_personal_data(decision.value["section"])  # as it is published: masked
    masked = " (personal data masked)" if published != decision.value["section"] else ""
    return _said_with_notes(run_dir, decision, recorded_line(
        decision, f"for {_named(run_dir, cluster_id)}",
        effect=f"該当箇所 「{shorten(published, 60)}」{masked} in the report", run_dir=run_dir))


def said_department(run_dir, cluster_id: str, text: str, by: str | None = None) -> tuple[Decision, list[str]]:
    decision = record_department(run_dir, cluster_id, text, by)
    return _said_with_notes(run_dir, decision, recorded_line(
        decision, f"for {_named(run_dir, cluster_id)}",
        effect=f"担当課 「{shorten(decision.value['department'], 60)}」 in worksheet.xlsx, clusters.csv and report.csv "
               "(the published report does not show it)", run_dir=run_dir))


def said_answer(run_dir, cluster_id: str, answer_id: str | None = None, text: str | None = None,
                by: str | None = None) -> tuple[Decision, list[str]]:
    taken = ""
    if answer_id and answer_id.strip() and text is None:
        answer_id, taken = resolve_answer_id(run_dir, answer_id)
    decision = record_answer(run_dir, cluster_id, answer_id=answer_id, text=text, by=by)
    # the answer's own words, so a mistyped answer id shows before it is published
    said = decision.value.get("answer_text") or decision.value.get("text") or ""
    source = f"past answer {decision.value['answer_id']}" if decision.value.get("answer_id") else \
        f"answer of {decision.value['from']}" if decision.value.get("from") else "its 考え方"
    decision, lines = _said_with_notes(run_dir, decision, recorded_line(
        decision, f"for {_named(run_dir, cluster_id)}", effect=f"{source} 「{shorten(' '.join(said.split()), 60)}」", run_dir=run_dir))
    if (note := _not_a_candidate_note(run_dir, str(decision.value.get("cluster", cluster_id)),
                                      decision.value.get("answer_id"))):
        lines.append(note)
    return decision, ([taken] if taken else []) + lines


def _not_a_candidate_note(run_dir, cluster_id: str, answer_id: str | None) -> str | None:
    """A note when a confirmed past answer is none of the row's candidates in answers.csv (QA56: an id
    typed wrong published 待機児童's answer under a row on デマンド交通); None when it is one, or the row has none."""
    path = Path(run_dir) / "answers.csv"
    if not answer_id or answer_id.startswith("run:") or not path.exists():
        return None
    from .io import read_table

    rows = [r for r in read_table(path).rows if unescape_cell(r.get("cluster_id", "")) == cluster_id]
    if not rows or any(unescape_cell(r.get("answer_id", "")) == answer_id for r in rows):
        return None
    best = rows[0]
    return (f"note: past answer {answer_id} is none of {cluster_id}'s candidates in answers.csv (its best: "
            f"{unescape_cell(best.get('answer_id', ''))} 「{shorten(' '.join(unescape_cell(best.get('past_opinion', '')).split()), 30)}」); "
            "check the id before publishing")


def said_confirm(run_dir, cluster_id: str, by: str | None = None) -> tuple[Decision, list[str]]:
    decision = record_confirm(run_dir, cluster_id, by)
    lines = [recorded_line(decision, f"of {_named(run_dir, cluster_id)}", run_dir=run_dir)]
    named = str(decision.value.get("cluster", cluster_id))
    if (candidate := unconfirmed_candidate(run_dir, named)) is not None:
        answer_id, score, said = candidate
        lines.append(f"note: this confirms the grouping, not an answer: {named}'s 考え方 candidate (past answer "
                     f"{answer_id}, score {score:.2f}, 「{shorten(' '.join(said.split()), 40)}」) is still unconfirmed "
                     f"and --final leaves the row without one; `cluster review answer {run_dir} {named} "
                     f"--answer-id {answer_id}` confirms it")
    elif not _has_answer(run_dir, named):
        lines.append(f"note: this confirms the grouping, not an answer: {named} has no 考え方 yet, so --final "
                     f"publishes it without one; `cluster review answer {run_dir} {named} --text \"…\"` writes it")
    return decision, lines


def _has_answer(run_dir, cluster_id: str) -> bool:
    """Whether an answer decision in force names ``cluster_id``, or the run confirmed one for it."""
    decisions = load_decisions(run_dir)
    withdrawn = _withdrawn(decisions)
    if any(d.kind == "answer" and n not in withdrawn and str(d.value.get("cluster", "")).strip() == cluster_id
           for n, d in enumerate(decisions, 1)):
        return True
    try:
        row = _cluster_rows(run_dir).get(cluster_id, {})
    except (InputError, ValueError, OSError):
        return True  # (cannot tell: say nothing)
    return str(row.get("answer_status", "")).strip() == "confirmed"


def said_withdraw(run_dir, decision: int | None = None, imported: str | Path | None = None,
                  by: str | None = None) -> tuple[list[Decision], list[str]]:
    """Withdraw decision number ``decision`` (default: the latest in force), or all imported from
    the worksheet ``imported``; the lines name each decision withdrawn (kind, cluster, what it said)."""
    withdrawals = withdraw_import(run_dir, imported, by) if imported else [record_withdraw(run_dir, decision, by)]
    decisions = load_decisions(run_dir)
    lines = []
    for w in withdrawals:
        n = w.value["decision"]
        target = decisions[n - 1]
        where = target.value.get("clusters") or target.value.get("cluster") or ""
        where = " + ".join(where) if isinstance(where, list) else str(where)
        said = _said(target.kind, target.value) if target.kind in TEXT_KINDS else ""
        if target.kind in RESHAPING:  # the opinions it cut or joined: they are whole or apart again
            where = " + ".join(target.opinion_ids) + (f" before 「{shorten(str(target.value.get('before', '')), 20)}」"
                                                      if target.kind == "cut" else "")
        lines.append(f"withdrew decision {n} ({target.kind}{' of ' + where if where else ''}"
                     f"{' 「' + shorten(' '.join(said.split()), 40) + '」' if said else ''} by {target.by or '?'}"
                     f"{', ' + target.at if target.at else ''})")
    lines.append(rerun_hint(run_dir, them=len(withdrawals) > 1))
    return withdrawals, lines + _undone_cut_notes(run_dir, decisions, [w.value["decision"] for w in withdrawals])


def _undone_cut_notes(run_dir, decisions: Sequence[Decision], numbers: Sequence[int]) -> list[str]:
    """A note per withdrawn cut of X whose second part (X.2) later decisions in force name: the next
    run has no X.2, so they no longer apply (the run says so too; said here, when staff can still act)."""
    withdrawn = _withdrawn(decisions)
    out = []
    for n in numbers:
        cut = decisions[n - 1]
        if cut.kind != "cut" or not cut.opinion_ids:
            continue
        whole = cut.opinion_ids[0]
        if any(d.kind == "cut" and k not in withdrawn and d.opinion_ids[:1] == (whole,)
               for k, d in enumerate(decisions, 1)):
            continue  # another cut of it stays in force: it still has a second part
        naming = [(k, d, sorted(i for i in _names_of(d) if i.startswith(whole + ".")))
                  for k, d in enumerate(decisions, 1) if k != n and d.kind != "withdraw" and k not in withdrawn]
        naming = [(k, d, parts) for k, d, parts in naming if parts]
        if not naming:
            continue
        parts = sorted({p for _, _, ps in naming for p in ps})
        which = ", ".join(f"{k} ({d.kind})" for k, d, _ in naming[:6]) + (" …" if len(naming) > 6 else "")
        out.append(f"warning: decision{'s' if len(naming) > 1 else ''} {which} name{'' if len(naming) > 1 else 's'} "
                   f"{_joined(parts)}, made by this cut: without the cut the next run has no {parts[0]}, so "
                   f"{'they no longer apply' if len(naming) > 1 else 'it no longer applies'} (record "
                   f"{'them' if len(naming) > 1 else 'it'} again on {whole}, or withdraw "
                   f"{'them' if len(naming) > 1 else 'it'} with `cluster review undo {run_dir} --decision "
                   f"{naming[0][0] if len(naming) == 1 else 'N'}`)")
    return out


# the notebook has its own controls for what the command line does with a flag or a command
_NOTEBOOK_WORDING = [
    (re.compile(r"run `cluster run [^`]*` again"), "re-run (「Re-run and write the report」 below)"),
    (re.compile(r"run `cluster run` again"), "re-run (「Re-run and write the report」 below)"),
    (re.compile(r"`cluster review undo [^`]*--decision (\d+)`"), r"「Withdraw decision」 \1 below"),
    (re.compile(r"`cluster review undo`"), "「Withdraw decision」 below"),
    (re.compile(r"`cluster review list[^`]*`"), "the table 「Decisions recorded so far」"),
    (re.compile(r"`cluster review answer [^`]*--answer-id ([^`\s]+)`"), r"the 「past answer」 tab (answer \1)"),
    (re.compile(r"`cluster review answer`"), "the 「past answer」 or 「write answer」 tab"),
    (re.compile(r"`cluster review (move|split|detach)`"), r"the 「\1」 tab"),
    (re.compile(r"`split`"), "「split」"),
    (re.compile(r"add --with-copies"), "tick 「with every copy in their duplicate groups」"),
    (re.compile(r"--with-copies"), "「with every copy in their duplicate groups」"),
    (re.compile(r"give exactly one of --answer-id or --text"),
     "choose a past answer in the list (or type its id), or write the answer in the 「write answer」 tab"),
    (re.compile(r"(?:write (?:it|the answer) )?with --text"), "write it in the 「write answer」 tab"),
    (re.compile(r"--decision N"), "its number in 「Withdraw decision」"),
    (re.compile(r"--final"), "the final report"),
]


def notebook_wording(line: str) -> str:
    """A command-line message as the notebook says it: its buttons and tabs instead of the flags
    and commands (``--with-copies`` -> tick 「with every copy …」, ``cluster review undo … --decision
    3`` -> 「Withdraw decision」 3 below)."""
    for rx, repl in _NOTEBOOK_WORDING:
        line = rx.sub(repl, line)
    return line
