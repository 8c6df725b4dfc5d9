"""The staff decision log (``DIR/decisions.jsonl``): read, append, withdraw, and re-apply the
decisions on any new grouping (:func:`reshape_opinions` before grouping, :func:`apply_decisions`
after). ``cluster.review`` records them (the verbs the command line and the notebook call).

A decision names the opinions it concerns (never only a cluster number), so it still means
the same after a re-run with another seed, another model or late comments. Decisions are
appended to ``DIR/decisions.jsonl``, one JSON object per line; a run reads them and never
rewrites the file. Recording a decision first checks that the file is readable, so a broken
file is reported (naming the line) and left as it is.

Kinds and what they mean when re-applied (opinion ids -> their duplicate groups, "units"):
- ``merge``  {"groups": [[ids of C1], [ids of C2], ...]}: all these opinions belong together;
  they join the cluster that now holds most of them. A cluster that is now mostly made of one
  group's opinions joins whole (so late comments that landed there follow).
- ``move``   opinion_ids=[X], {"target": [ids of the target cluster]}: X (with its exact and
  near duplicates) joins the cluster that now holds most of the target's opinions.
- ``split``  opinion_ids=[...], {"others": [ids]}: these opinions form a cluster of their own
  (``others``: the opinions of their cluster it took them from, as the last run left it). A split
  that changes nothing (the opinions, with the copies that go with them, are their whole cluster)
  is refused when recorded, unless a decision not yet applied changes that cluster; a run where
  it finds them alone with none of ``others`` left beside them (gone, or an earlier decision took
  them out) counts it as 「did not take effect」.
- ``detach`` opinion_ids=[...]: these opinions are not copies of their duplicate group (the
  near-duplicate detector was wrong). The run takes them out of the group they are in
  before grouping (:func:`detached_opinions`, ``dedup.detach``): each becomes a unit of its
  own, clustered on its own text; those that are copies of each other (exact, or near by the
  detector's own rule) stay one group.
  Exact copies of a detached text that are not named (a late comment) leave with it: the
  decision is about the text. Recording refuses an opinion with an exact copy (after
  normalisation) left in the group: an exact copy is a copy. Merges and confirmations
  recorded before it no longer hold the opinion in the group's cluster: it goes to the
  cluster that now holds most of its grouping cluster-mates (the other units the grouping put
  in its cluster), so a merge the grouping agrees with still holds it. A detach that takes
  nothing out in a run (the opinion is in no duplicate group there) leaves it where earlier
  decisions put it. One (an older version's) that names an exact copy whose other copies the
  earlier run kept in the group no longer applies (``apply_decisions``' ``refused``): the run says
  so with the command naming them all, and never widens it to them unsaid.
- ``exclude`` opinion_ids=[...], {"reason": text}: these opinions are no opinion on the draft
  (a preamble the splitter kept, 「テスト送信です」, a question about the procedure, spam). The
  run takes them out before anything is counted or grouped (:func:`excluded_opinions`): each
  keeps its row in opinions.csv with status ``excluded``, and is in no cluster, no 件数, no
  意見総数 and not in the worksheet; the report says how many staff excluded. The submission
  still counts (提出者数, 提出件数): the person did submit. Only the opinions named are excluded:
  recording refuses one copy of a duplicate group (excluding one letter of a campaign is
  rarely meant; name them all, or ``--with-copies``), and a late comment with the same text is
  counted, with a note naming it. Exclusion wins over every other decision on the same opinion,
  whenever recorded: a merge, move, split, label, summary, answer or confirm applies to the
  rest of its opinions, and one left with none no longer applies (the run says so); moving or
  splitting an opinion excluded by a decision in force is refused when recorded. ``undo``
  brings the opinion back: the next run places it like a late comment.
- ``cut``    opinion_ids=[X], {"before": text}: the splitter left two opinions in one; X is cut
  where ``before`` starts (once in its text, not at its start). Applied on every run right after
  splitting, before fingerprints, exclusions and duplicates (:func:`reshape_opinions`): X keeps
  its id and the text before the cut; the rest becomes opinion ``X.2`` of the same submission
  (``X.3`` when X.2 is taken; a cut of X.2 makes ``X.2.2``), offsets into the submission kept
  right; each is grouped on its own text (two cuts of X recorded without a run between: the
  second cuts the part that holds its text). Decisions recorded on X's uncut text still name X
  (``Fingerprints.earlier``). When X is gone or no longer holds ``before`` once, the run says
  the cut no longer applies.
- ``join``   opinion_ids=[X, Y, ...] (in submission order): the splitter cut one opinion of one
  submission apart (a background paragraph and its request). Applied with the cuts, in the
  order recorded: X holds the submission's text from its start to the last one's end; the
  others (and any greeting row between them) keep their rows in opinions.csv with status
  ``joined``, in no cluster and no count; a decision that names one of them names X (a move or
  split of the request moves the whole letter). Recording refuses opinions of other submissions,
  one that is not ok, and an opinion with content between them that is not named.
- ``label``  {"label": text}: the cluster holding most of opinion_ids gets this label.
- ``summary`` {"summary": text}: that cluster's ご意見の概要 in the report is this staff-written
  text instead of its representative opinion (「同趣旨の意見」 rows are usually summarised).
- ``answer`` {"answer_id": id} or {"text": text}: that cluster's confirmed answer.
- ``category`` {"category": code, "name": what it means}: that cluster's 対応区分 in the report
  (one of the run's categories, ``cluster.categories``), placed like a label.
- ``section`` {"section": text}: that cluster's 該当箇所 in the report is this staff-written
  text (「第4章 観光振興」) instead of the one the run finds (--topics, page references), placed
  like a label.
- ``department`` {"department": text}: the department in charge of that cluster's answer (担当課,
  「道路課」): worksheet.xlsx's 担当課 column, clusters.csv and report.csv show it (the published
  report.xlsx/.md/.html do not), placed like a label.
- ``confirm``: the opinions of the confirmed cluster stay together (re-applied like a merge,
  so a later regrouping cannot break the cluster up; late comments may still join it).
- ``withdraw`` {"decision_id": id, "decision": n}: the decision with that ``id`` (every line
  has one, written when it is recorded; ``n`` is its number then, for people reading the file)
  is no longer applied; the line itself stays, so the file remains the audit trail. Lines
  written before decisions had ids name it by ``n`` (1-based, file order) and its kind and
  opinions; when a line removed or added by hand has shifted the numbers, the decision with
  that kind and those opinions is withdrawn and a warning says so (:func:`resolve_withdrawals`).

Each decision also records a fingerprint of every opinion it names (``value.fingerprints``):
when an id now holds another text (an input without an id column, rows inserted or removed),
the decision follows the text to its new id, or counts the opinion as gone; it never lands on
whatever opinion took over the id. An opinion staff corrected in the input since (a typo, a
comma: ``continuity.find_edits``) is the same opinion: decisions recorded on its earlier text
still name it (``Fingerprints.earlier``, carried in run.json from run to run), and the run
says so once.

``merge``, ``move``, ``split``, ``detach`` and ``confirm`` are applied in the order recorded; ``label``,
``answer`` and ``confirm`` are then resolved on the final grouping, so a label recorded before
a merge follows the merged cluster. When two land on the same cluster, the one whose opinions
make up more of it wins (the later one on a tie): moving one opinion into a labelled cluster
does not carry that opinion's old label along.
A decision whose opinions are all gone is reported in ``AppliedDecisions.messages``; one whose
opinions the tool now reads as none (status ``empty``: 「意見はありません。」) says that instead, and
one naming an opinion the splitter now cuts otherwise follows it (``Fingerprints.recut_now``).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Collection, Mapping, Sequence

import numpy as np

from .io import InputError, counted, shorten
from .records import Decision

KINDS = ("merge", "move", "split", "detach", "exclude", "cut", "join", "label", "summary", "answer", "category",
         "section", "department", "confirm", "withdraw")



# decisions about a whole row (not its opinions): they land on the cluster holding most of theirs
ROW_KINDS = ("label", "summary", "answer", "category", "section", "department", "confirm")



# row decisions whose value is staff's text or choice (not a grouping): replaced, imported, withdrawn alike
TEXT_KINDS = ("answer", "summary", "label", "category", "section", "department")



RESHAPING = ("cut", "join")  # applied to the split opinions, before anything else (:func:`reshape_opinions`)



DECISIONS_FILE = "decisions.jsonl"



class DecisionsError(InputError):
    """The decisions file cannot be read; the message names the line."""



@dataclass(frozen=True)
class StaffDecision(Decision):
    """A decision read from (or appended to) decisions.jsonl, with its stable ``id`` (the line's
    "id" field; '' on lines written before decisions had one). A withdrawal names the decision
    it withdraws by this id, so removing a line by hand cannot make it withdraw another."""

    id: str = ""



def load_decisions(run_dir: str | Path) -> list[Decision]:
    """All decisions in ``run_dir/decisions.jsonl`` (empty list when there is none).

    Raises :class:`DecisionsError` naming the first broken line; the file is never changed.
    A file saved as Shift_JIS (Windows "ANSI", CP932) is named as such: it must be saved as
    UTF-8 again (it is not read as CP932: decisions are appended in UTF-8, and one file of
    two encodings would be broken for every tool).
    """
    path = Path(run_dir) / DECISIONS_FILE
    if not path.exists():
        return []
    out = []
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DecisionsError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):  # an editor may have added a BOM
        data = data[3:]
    _check_utf8(path, data)
    for lineno, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.decode("utf-8"))
            out.append(_decision_from_json(obj))
        except UnicodeDecodeError:
            raise DecisionsError(f"{path}: line {lineno} is not UTF-8 text; fix or remove that line") from None
        except (json.JSONDecodeError, TypeError, KeyError, ValueError) as exc:
            reason = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
            raise DecisionsError(f"{path}: line {lineno} is not a valid decision ({reason}); "
                                 "fix or remove that line") from None
    return out



_SAVE_AS_UTF8 = ("open it in a text editor and save it as UTF-8 (メモ帳: 名前を付けて保存 → 文字コード「UTF-8」); "
                 "until then nothing is read from it or added to it")



def _utf16_lines(data: bytes) -> list[int]:
    """The lines (1-based) saved as UTF-16: Notepad's 「Unicode」, PowerShell 5's ``>`` and ``>>``
    (a byte-order mark, or the zero bytes every ASCII character of UTF-16 carries)."""
    out = []
    for lineno, raw in enumerate(data.split(b"\n"), 1):
        body = raw.strip(b"\r\x00")
        if body.startswith((b"\xff\xfe", b"\xfe\xff")) or (body and body.count(b"\x00") * 3 >= len(body)):
            out.append(lineno)
    return out



def _check_utf8(path: Path, data: bytes) -> None:
    """A file (or several lines of it) saved as UTF-16 (Notepad's 「Unicode」, PowerShell 5) or as
    Shift_JIS/ANSI (CP932), e.g. by Notepad, is one clear error; a single line that is neither
    UTF-8 nor CP932 is left to the line-by-line check."""
    utf16 = _utf16_lines(data)
    if utf16:
        written = sum(1 for raw in data.split(b"\n") if raw.strip(b"\r\x00"))
        if data.startswith((b"\xff\xfe", b"\xfe\xff")) or len(utf16) >= written:
            raise DecisionsError(f"{path}: the file was saved as UTF-16 (Windows 「Unicode」, or PowerShell 5's > or "
                                 f">>), not UTF-8; " + _SAVE_AS_UTF8)
        lines = ", ".join(str(n) for n in utf16[:6]) + (" ..." if len(utf16) > 6 else "")
        raise DecisionsError(f"{path}: line{'s' if len(utf16) > 1 else ''} {lines} {'were' if len(utf16) > 1 else 'was'} "
                             "saved as UTF-16 (PowerShell 5's >> appends so), the rest as UTF-8: type "
                             f"{'those lines' if len(utf16) > 1 else 'it'} again in UTF-8, or remove "
                             f"{'them' if len(utf16) > 1 else 'it'}; until then nothing is read from it or added to it")
    try:
        data.decode("utf-8")
        return
    except UnicodeDecodeError:
        pass
    bad = []
    for lineno, raw in enumerate(data.split(b"\n"), 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            bad.append((lineno, raw))

    def cp932(raw: bytes) -> bool:
        try:
            raw.decode("cp932")
            return True
        except UnicodeDecodeError:
            return False

    if not all(cp932(raw) for _, raw in bad):
        return
    if cp932(data) and len(bad) == sum(1 for raw in data.split(b"\n") if any(b >= 0x80 for b in raw)):
        raise DecisionsError(f"{path}: the file was saved as Shift_JIS (Windows \"ANSI\", CP932), not UTF-8; "
                             + _SAVE_AS_UTF8)
    if len(bad) > 1:
        lines = ", ".join(str(n) for n, _ in bad[:6]) + (" ..." if len(bad) > 6 else "")
        raise DecisionsError(f"{path}: lines {lines} were saved as Shift_JIS (Windows \"ANSI\", CP932), the "
                             "rest as UTF-8 (an editor cannot save such a file as one encoding): type those lines "
                             "again in UTF-8, or remove them; until then nothing is read from it or added to it")



def _str_list(value, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(i, str) for i in value):
        raise ValueError(f"{what} must be a list of strings")
    return value



def _decision_from_json(obj) -> Decision:
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    kind = obj["kind"]
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    ids = _str_list(obj.get("opinion_ids", []), "opinion_ids")
    value = obj.get("value", {})
    if not isinstance(value, dict):
        raise ValueError("value must be an object")
    if kind == "merge" and "groups" in value:
        groups = value["groups"]
        if not isinstance(groups, list):
            raise ValueError("value.groups must be a list of lists of opinion ids")
        for g in groups:
            _str_list(g, "each of value.groups")
    if kind == "move":
        _str_list(value.get("target"), "value.target")
    for key in ("label", "summary", "category", "section", "department"):
        if kind == key and not (isinstance(value.get(key), str) and value[key].strip()):
            raise ValueError(f"value.{key} must be a non-empty string")
    if kind == "answer":
        given = [k for k in ("answer_id", "text") if isinstance(value.get(k), str) and value[k].strip()]
        if not given:
            raise ValueError("value needs answer_id or text")
    if kind == "cut":
        if len(ids) != 1:
            raise ValueError("a cut names exactly one opinion")
        if not (isinstance(value.get("before"), str) and value["before"].strip()):
            raise ValueError("value.before must be a non-empty string")
    if kind == "join" and len(set(ids)) < 2:
        raise ValueError("a join names two or more opinions")
    if kind == "withdraw" and not (isinstance(value.get("decision"), int) and value["decision"] >= 1) \
            and not (isinstance(value.get("decision_id"), str) and value["decision_id"].strip()):
        raise ValueError("value.decision must be the number of the withdrawn decision (1, 2, ...)")
    if "id" in obj and not isinstance(obj["id"], str):
        raise ValueError("id must be a string")
    fps = value.get("fingerprints", {})
    if not isinstance(fps, dict) or not all(isinstance(v, str) for v in fps.values()):
        raise ValueError("value.fingerprints must map opinion ids to strings")
    if not ids and kind not in ("merge", "withdraw"):
        raise ValueError("opinion_ids is empty")
    return StaffDecision(kind=kind, opinion_ids=tuple(ids), by=str(obj.get("by", "")), at=str(obj.get("at", "")),
                         value=value, id=str(obj.get("id") or ""))



def append_decision(run_dir: str | Path, kind: str, opinion_ids: Sequence[str], value: Mapping | None = None,
                    by: str | None = None) -> Decision:
    """Append one decision line (with who and when) to ``run_dir/decisions.jsonl``.

    The existing file is checked first: if a line is broken, :class:`DecisionsError` is raised
    and nothing is appended.
    """
    if kind not in KINDS:
        raise InputError(f"unknown decision kind {kind!r}; one of {', '.join(KINDS)}")
    if not opinion_ids and kind != "withdraw":
        raise InputError("a decision must name the opinions it concerns")
    by = by or _os_user()
    at = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    obj = {"id": new_decision_id(), "kind": kind, "opinion_ids": list(opinion_ids), "value": dict(value or {}),
           "by": by, "at": at}
    decision = _decision_from_json(json.loads(json.dumps(obj)))  # the same checks as on reading
    line = json.dumps(obj, ensure_ascii=False)
    path = Path(run_dir) / DECISIONS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    # Unbuffered, so every byte is written while the lock is held; a failed write (disk full)
    # is cut back off, so the file never keeps half a line.
    with open(path, "a+b", buffering=0) as fh:
        _lock(fh)
        try:
            load_decisions(run_dir)  # under the lock: never append to a broken file
            size = fh.seek(0, os.SEEK_END)
            data = (line + "\n").encode("utf-8")
            if size:  # the last line may lack its newline (hand edit)
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    data = b"\n" + data
            try:
                view = memoryview(data)
                while view:
                    view = view[fh.write(view):]
            except BaseException:
                os.ftruncate(fh.fileno(), size)
                raise
        finally:
            _unlock(fh)
    return decision



def new_decision_id() -> str:
    """A decision's stable identity (12 hex digits, random): a withdrawal names its decision by it."""
    import uuid

    return uuid.uuid4().hex[:12]



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



def text_fingerprint(text: str) -> str:
    """A short hash of an opinion's text (NFKC, whitespace removed) kept with each decision."""
    import unicodedata

    norm = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:12]



def _withdrawn(decisions: Sequence[Decision]) -> set[int]:
    """Numbers (1-based, file order) of the decisions a withdrawal withdraws
    (:func:`resolve_withdrawals`)."""
    return {n for targets in resolve_withdrawals(decisions)[0].values() for n in targets}



def _decision_id(d: Decision) -> str:
    return getattr(d, "id", "") or ""



def _short(d: Decision, n: int) -> str:
    return f"decision {n} ({d.kind}{' by ' + d.by if d.by else ''}{', ' + _when(d.at) if d.at else ''})"



def resolve_withdrawals(decisions: Sequence[Decision]) -> tuple[dict[int, list[int]], list[str]]:
    """``({number of a withdraw line: [numbers of the decisions it withdraws]}, warnings)``.

    A withdrawal names its decision by the decision's ``id``. Lines written before decisions had
    one name it by its number (its line among the decisions): that number is checked against
    the kind and opinions the withdrawal recorded, and when it no longer fits (a line removed or
    added by hand) the decision recorded before the withdrawal with that kind and those
    opinions is withdrawn instead (the nearest to the number when several are alike), and a
    warning says so. A withdrawal whose decision cannot be found withdraws nothing, with a
    warning: a withdrawn decision never comes back silently, nor is another one withdrawn."""
    by_id: dict[str, list[int]] = {}
    for n, d in enumerate(decisions, 1):
        if d.kind != "withdraw" and _decision_id(d):
            by_id.setdefault(_decision_id(d), []).append(n)
    targets: dict[int, list[int]] = {}
    refitted: list[str] = []
    warnings: list[str] = []
    for w, d in enumerate(decisions, 1):
        if d.kind != "withdraw":
            continue
        v = d.value
        number = v.get("decision") if isinstance(v.get("decision"), int) else None
        named = f"decision {number}" if number else "its decision"
        wanted = str(v.get("decision_id") or "").strip()
        if wanted:
            found = [n for n in by_id.get(wanted, []) if n < w]
            if found:
                targets[w] = found
            else:
                warnings.append(f"decision {w} (withdrawal{' by ' + d.by if d.by else ''}) withdraws {named} "
                                f"({v.get('kind') or '?'}, id {wanted}), which is no longer in {DECISIONS_FILE} "
                                "(a line removed by hand?): nothing withdrawn by it; check with `cluster review list`")
            continue

        def fits(k: int) -> bool:
            t = decisions[k - 1]
            return (k < w and t.kind != "withdraw" and (not v.get("kind") or t.kind == v["kind"])
                    and (not d.opinion_ids or set(t.opinion_ids) == set(d.opinion_ids))
                    and (not v.get("decision_at") or t.at == v["decision_at"]))

        if number and number <= len(decisions) and fits(number):
            targets[w] = [number]
            continue
        alike = [k for k in range(1, w) if fits(k)]
        if not alike:
            now = (f"now {_short(decisions[number - 1], number)}" if number and number <= len(decisions)
                   else "no longer there")
            warnings.append(f"decision {w} (withdrawal{' by ' + d.by if d.by else ''}) names {named} "
                            f"({v.get('kind') or '?'}), {now}, and no {v.get('kind') or 'decision'} of the same "
                            f"opinions was recorded before it (a line removed or edited by hand?): nothing withdrawn "
                            "by it; check with `cluster review list`")
            continue
        free = [k for k in alike if not any(k in t for t in targets.values())] or alike
        best = min(free, key=lambda k: (abs(k - (number or w)), k))
        targets[w] = [best]
        refitted.append(f"withdrawal {w} names decision {number or '?'}: withdrew decision {best} "
                        f"({decisions[best - 1].kind}" + (f", one of {len(free)} alike" if len(free) > 1 else "")
                        + ")")
    if refitted:
        warnings.insert(0, f"{DECISIONS_FILE}: the decision numbers of {len(refitted)} withdrawal"
                           f"{'s' if len(refitted) != 1 else ''} no longer fit (a line removed or added by hand?); "
                           "each withdraws the decision recorded before it with the same kind and opinions: "
                           + "; ".join(refitted) + " (check with `cluster review list`)")
    return targets, warnings



def withdrawal_warnings(run_dir) -> list[str]:
    """The warnings of :func:`resolve_withdrawals` for the decisions in ``run_dir`` (one line each)."""
    return resolve_withdrawals(load_decisions(run_dir))[1]



class Fingerprints(dict):
    """{opinion id: ``text_fingerprint`` of its text in this run}, and ``earlier``: {opinion id:
    fingerprints of the texts it held before staff corrected it in the input (a typo, a comma;
    ``continuity.find_edits``)}. A decision recorded on the earlier text still names that opinion;
    ``edited_now`` are the ids corrected since the earlier run (said once, in that run).
    ``recut_now``: {earlier id: id now} of the opinions the splitter cuts differently since the
    earlier run (``continuity.find_recuts``; their earlier texts are in ``earlier`` under the id now):
    a decision naming the earlier id follows the opinion, and says so once, in that run."""

    def __init__(self, data=(), earlier: Mapping[str, Collection[str]] | None = None,
                 edited_now: Collection[str] = (), recut_now: Mapping[str, str] | None = None,
                 recut_why: str | None = None, read_otherwise: bool = False) -> None:
        super().__init__(data)
        self.earlier = {k: frozenset(v) for k, v in (earlier or {}).items()}
        self.edited_now = frozenset(edited_now)
        self.recut_now = dict(recut_now or {})
        self.recut_why = recut_why  # why they are cut differently, when not the splitter (--no-split)
        # the input is the earlier run's, byte for byte, and this is another build of the tool: an opinion whose
        # text or id changed is read otherwise by this version, not corrected in the input (QA111)
        self.read_otherwise = read_otherwise
        self._earlier_by_fp: dict[str, str] | None = None

    def earlier_holder(self, fp: str) -> str | None:
        """The id of this run whose earlier texts (a correction, another cutting) include ``fp``."""
        if self._earlier_by_fp is None:
            by: dict[str, str] = {}
            for oid, fps in sorted(self.earlier.items()):
                if oid in self:
                    for f in fps:
                        by.setdefault(f, oid)
            self._earlier_by_fp = by
        return self._earlier_by_fp.get(fp)



def _first_id_by_fingerprint(fingerprints: Mapping[str, str] | None) -> dict[str, str]:
    by_fp: dict[str, str] = {}
    for oid, fp in sorted((fingerprints or {}).items()):
        by_fp.setdefault(fp, oid)
    return by_fp



@dataclass
class _Followed:
    ids: list[str]  # the decision's opinions as they are in this run (or "id (note)" when gone)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (recorded id, id that holds its text now)
    edited: list[str] = field(default_factory=list)  # corrected in the input since the last run
    recut: list[tuple[str, str]] = field(default_factory=list)  # (recorded id, id now): cut differently since
    recut_why: str | None = None



def _follow(ids: Sequence[str], recorded: Mapping[str, str], fingerprints: Mapping[str, str] | None,
            by_fp: Mapping[str, str], known: Mapping[str, object]) -> _Followed:
    """The ids as they are in this run: followed by text when an id changed hands, kept when
    staff corrected the opinion's text in the input (``Fingerprints.earlier``). ``recorded``:
    the decision's fingerprints; ``known``: this run's opinion ids (an id whose text changed and
    cannot be found gets a note). A copy the decision named whose row was deleted from the input
    (its text is under another id the decision names too) is gone, not moved."""
    out = _Followed([])
    earlier = getattr(fingerprints, "earlier", {})
    edited_now = getattr(fingerprints, "edited_now", frozenset())
    recut_now = getattr(fingerprints, "recut_now", {})
    out.recut_why = getattr(fingerprints, "recut_why", None)
    named = set(ids)
    for i in ids:
        fp = recorded.get(i)
        if fingerprints is None or fp is None or fingerprints.get(i) == fp:
            out.ids.append(i)
        elif fp in earlier.get(i, ()):
            out.ids.append(i)
            if i in edited_now:
                out.edited.append(i)
            elif recut_now.get(i) == i:
                out.recut.append((i, i))
        elif i in recut_now and fp in earlier.get(recut_now[i], ()):
            # the splitter cuts its submission differently now (QA48: 「拝啓」 a row of its own): the
            # opinion holding its text, in the same submission, not another letter's copy of it
            out.ids.append(recut_now[i])
            out.recut.append((i, recut_now[i]))
        elif fp in by_fp and i not in known and by_fp[fp] in named:
            out.ids.append(i + " (no longer in the input; a copy of " + by_fp[fp] + ")")
        elif fp in by_fp:
            out.ids.append(by_fp[fp])
            out.moved.append((i, by_fp[fp]))
        elif hasattr(fingerprints, "earlier_holder") and fingerprints.earlier_holder(fp) is not None:
            out.ids.append(fingerprints.earlier_holder(fp))  # (cut differently in an earlier run)
        else:
            out.ids.append(i + " (its text changed)" if i in known else i)
    return out



def detached_opinions(decisions: Sequence[Decision], known: Mapping[str, object],
                      fingerprints: Mapping[str, str] | None = None) -> list[tuple[int, str, list[str]]]:
    """The opinions each ``detach`` decision in force takes out of its duplicate group, as
    ``(decision number, description, [opinion ids of this run])`` (followed by their text, like every decision;
    ids no longer in ``known`` are left out). The run applies them before grouping
    (``dedup.detach``); ``apply_decisions`` then counts and reports them."""
    withdrawn = _withdrawn(decisions)
    by_fp = _first_id_by_fingerprint(fingerprints)
    out = []
    for n, d in enumerate(decisions, 1):
        if d.kind != "detach" or n in withdrawn:
            continue
        ids = _follow(d.opinion_ids, d.value.get("fingerprints") or {}, fingerprints, by_fp, known).ids
        out.append((n, f"decision {n} (detach by {d.by or '?'}{', ' + d.at if d.at else ''})",
                    [i for i in dict.fromkeys(ids) if i in known]))
    return out



def excluded_opinions(decisions: Sequence[Decision], known: Mapping[str, object],
                      fingerprints: Mapping[str, str] | None = None) -> dict[str, int]:
    """``{opinion id of this run: number of the exclude decision in force that excludes it}``
    (followed by their text like every decision; ids no longer in ``known``, this run's opinions
    with content, are left out). The run gives them status ``excluded`` before anything is
    counted or grouped; ``apply_decisions`` then counts and reports the decisions."""
    withdrawn = _withdrawn(decisions)
    by_fp = _first_id_by_fingerprint(fingerprints)
    out: dict[str, int] = {}
    for n, d in enumerate(decisions, 1):
        if d.kind != "exclude" or n in withdrawn:
            continue
        ids = _follow(d.opinion_ids, d.value.get("fingerprints") or {}, fingerprints, by_fp, known).ids
        for i in ids:
            if i in known:
                out.setdefault(i, n)
    return out



@dataclass
class Reshaped:
    """What the ``cut`` and ``join`` decisions in force made of the split opinions
    (:func:`reshape_opinions`)."""

    opinions: list  # the opinions (records.Opinion), cut and joined
    earlier: dict[str, set[str]] = field(default_factory=dict)  # id -> fingerprints of its texts before
    applied: dict[int, bool] = field(default_factory=dict)  # decision number -> applied (False: no longer applies)
    messages: list[str] = field(default_factory=list)  # one line per decision that no longer applies
    done: list[str] = field(default_factory=list)  # what the applied ones did ("A1-1 cut in two (A1-1, A1-1.2)")
    named: set[str] = field(default_factory=set)  # every opinion id a cut or join names (withdrawn ones too)
    joined_into: dict[str, str] = field(default_factory=dict)  # id of status joined -> the id that holds its text
    cut_parts: set[str] = field(default_factory=set)  # ids of both parts of every cut applied (X, X.2)
    join_heads: set[str] = field(default_factory=set)  # ids that hold a join's text
    # id -> the number of the last decision line that cut or joined it, or withdrew such a decision
    named_at: dict[str, int] = field(default_factory=dict)

    def touches(self, opinion_id: str) -> bool:
        """Whether a cut or join (in force or withdrawn) names ``opinion_id`` or made it (``X.2``)."""
        # the id itself, or an id it was cut from (X.2 and X.2.2 come from X): each prefix before a dot
        return opinion_id in self.named or any(opinion_id[:k] in self.named
                                               for k, ch in enumerate(opinion_id) if ch == ".")

    def touches_since(self, opinion_id: str, seen: int) -> bool:
        """Whether a cut or join recorded after the first ``seen`` decision lines (or a withdrawal of
        one) names ``opinion_id`` or made it: its text now differs from the earlier run's by that
        decision. One the earlier run already applied leaves it as it was: a change of its text
        since is a correction in the input (QA75: a typo fixed in a cut opinion lost its answer)."""
        return any(self.named_at.get(i, 0) > seen for i in
                   [opinion_id] + [opinion_id[:k] for k, ch in enumerate(opinion_id) if ch == "."])



def _near_copy(a: str, b: str) -> bool:
    """Whether two texts are a form letter's near copies (a word or a sentence edited: ``continuity``'s edit
    ratio, the one a corrected opinion is recognised by)."""
    from .continuity import EDIT_SIMILARITY, _edit_ratio

    return _edit_ratio(a, b) >= EDIT_SIMILARITY



def cut_text(text: str, before: str) -> int | None:
    """Where ``text`` is cut so that its second part starts with ``before``: the position, or None
    when ``before`` is not in it exactly once, or only blanks precede it."""
    before = before.strip()
    if not before or text.count(before) != 1:
        return None
    p = text.find(before)
    return p if text[:p].strip() else None



def _part_status(text: str) -> str:
    """The status of one part of a staff cut: ``greeting`` for a part that only greets or says who
    writes, else ``ok``."""
    from .normalize import is_empty_opinion, is_introduction

    return "greeting" if is_introduction(text) or is_empty_opinion(text) else "ok"



def _cut_done_by_tool(d: Decision, gone: Sequence[str], ops: Sequence, pos: Mapping[str, int]) -> str | None:
    """Why a ``cut`` whose opinion is no longer one is not needed, or None: the tool now reads that
    opinion as having none (a greeting, a fax's banner: status greeting or empty) and an opinion of
    the same submission opens with the words staff cut at (read as this version reads a letter)."""
    from .layout import repair_layout

    if len(gone) != 1 or gone[0] not in pos or ops[pos[gone[0]]].status not in ("greeting", "empty"):
        return None
    before = str(d.value.get("before", "")).strip()
    if not before:
        return None
    was = ops[pos[gone[0]]]
    for words in dict.fromkeys((before, repair_layout(before)[0].strip())):
        for op in ops:
            if op.row_number == was.row_number and op.status == "ok" and op.text.lstrip().startswith(words):
                return (f"the tool now cuts the submission at 「{shorten(words, 20)}」 itself ({gone[0]} is status "
                        f"{was.status} in opinions.csv, {op.opinion_id} opens there)")
        # the words now open the row the tool reads as a greeting (「…について意見を送ります。」 under a fax's
        # banner), and the opinions after it are the submission's own
        after = [op for op in ops if op.row_number == was.row_number and op.status == "ok" and op.start >= was.end]
        if words in was.text and after:
            return (f"the tool now cuts the submission itself: {gone[0]} (with 「{shorten(words, 20)}」) is status "
                    f"{was.status} in opinions.csv, {after[0].opinion_id} the opinion after it")
    return None


def reshape_opinions(opinions: Sequence, submission_texts: Mapping[int, str],
                     decisions: Sequence[Decision]) -> Reshaped:
    """The split opinions with the staff ``cut`` and ``join`` decisions in force applied, in the
    order recorded (a cut of a part another cut made names that part: ``X.2``).

    ``cut`` X before TEXT: X keeps the text before TEXT (its id, its start), and the text from
    TEXT to X's end becomes opinion ``X.2`` (``X.3`` when X.2 is taken) of the same submission,
    right after X. ``join`` X Y ...: the first of them in the submission keeps the submission's
    text from its start to the last one's end; the others (and rows between them, a greeting
    say) keep their rows with status ``joined``. Only opinions with status ``ok`` are cut or
    joined. An opinion is found by id, or by its text (the decision's fingerprint) when the id
    now holds another text. ``submission_texts``: {row_number: the submission's text}.
    ``earlier``: {id: fingerprints of the texts it held before a cut or join}, so that decisions
    recorded on the uncut text still name it (``Fingerprints.earlier``)."""
    from dataclasses import replace

    out = Reshaped(list(opinions))
    withdrawn = _withdrawn(decisions)
    for n, d in enumerate(decisions, 1):
        if d.kind in RESHAPING:
            out.named.update(d.opinion_ids)
            for i in d.opinion_ids:
                out.named_at[i] = max(out.named_at.get(i, 0), n)
    for n, targets in resolve_withdrawals(decisions)[0].items():  # (an undo puts the text back as it was)
        for t in targets:
            if 0 < t <= len(decisions) and decisions[t - 1].kind in RESHAPING:
                for i in decisions[t - 1].opinion_ids:
                    out.named_at[i] = max(out.named_at.get(i, 0), n)
    for n, d in enumerate(decisions, 1):
        if d.kind not in RESHAPING or n in withdrawn:
            continue
        what = f"decision {n} ({d.kind} by {d.by or '?'}{', ' + d.at if d.at else ''})"
        ops = out.opinions
        pos = {op.opinion_id: k for k, op in enumerate(ops)}
        recorded = d.value.get("fingerprints") or {}
        by_fp: dict[str, str] = {}  # every opinion's fingerprint: only when an id changed hands

        def find(i: str) -> int | None:
            fp = recorded.get(i)
            ok = i in pos and ops[pos[i]].status == "ok"
            if ok and (fp is None or fp in out.earlier.get(i, ()) or text_fingerprint(ops[pos[i]].text) == fp):
                return pos[i]
            if fp is not None:  # the id changed hands: followed by its text
                if not by_fp:
                    by_fp.update(_first_id_by_fingerprint(
                        {op.opinion_id: text_fingerprint(op.text) for op in ops if op.status == "ok"}))
                if fp in by_fp:
                    return pos[by_fp[fp]]
            return pos[i] if ok else None  # corrected in the input since: still that opinion

        found = [find(i) for i in d.opinion_ids]
        gone = [i for i, k in zip(d.opinion_ids, found) if k is None]
        if gone:
            status = {op.opinion_id: op.status for op in ops}
            done_by_tool = _cut_done_by_tool(d, gone, ops, pos) if d.kind == "cut" else None
            if done_by_tool:
                # (QA111: staff cut a fax's banner or a 拝啓 line off; this version does it itself, which is
                # no failure to report)
                out.messages.append(f"{what} no longer applies: it is no longer needed: {done_by_tool}")
                out.applied[n] = False
                continue
            why = "; ".join(f"{i} is {'not an opinion in this run (status ' + status[i] + ')' if i in status else 'gone'}"
                            for i in gone[:3])
            out.messages.append(f"{what} no longer applies: {why}")
            out.applied[n] = False
            continue
        if d.kind == "cut":
            k = found[0]
            before = str(d.value.get("before", ""))
            if not any(cut_text(op.text, before) is not None for op in ops if op.row_number == ops[k].row_number):
                # the words staff cut at, as this version reads the text (QA111: 「またセンタ一の」 after OCR's 一 is
                # read 「センター」 found no place and the labels on the pieces were lost)
                from .layout import repair_layout

                before = repair_layout(before)[0]
            # two cuts of one opinion recorded without a run between: the second cuts the part
            # the first made that holds its text
            for j in [k] + [j for j, o in enumerate(ops) if o.opinion_id.startswith(ops[k].opinion_id + ".")
                            and o.row_number == ops[k].row_number and o.status == "ok"]:
                if cut_text(ops[j].text, before) is not None:
                    k = j
                    break
            op = ops[k]
            p = cut_text(op.text, before)
            if p is None:
                out.messages.append(f"{what} no longer applies: the text of {op.opinion_id} no longer holds "
                                    f"「{shorten(before.strip(), 20)}」 once, after its start")
                out.applied[n] = False
                continue
            # the copies of its text (a campaign's letters) are cut alike, as a move or split takes
            # them along (QA: one copy cut left the rest whole and broke the campaign's group); near copies
            # too, where the words the cut starts at are theirs once (QA77: the near copies of a campaign
            # letter stayed whole and the campaign was published as two rows)
            at = {k: p}
            for j, o in enumerate(ops):
                if j != k and o.status == "ok" and before.strip() in o.text:
                    q = cut_text(o.text, before)
                    if q is not None and (o.text == op.text or _near_copy(o.text, op.text)):
                        at[j] = q
            twins = [j for j in at if j != k]
            near = sum(1 for j in twins if ops[j].text != op.text)
            new_id = ""
            for j in sorted(at, reverse=True):  # from the end: an insertion moves what follows
                one = ops[j]
                m = 2
                while f"{one.opinion_id}.{m}" in pos:
                    m += 1
                part_id = f"{one.opinion_id}.{m}"
                p_j = at[j]
                first = one.text[:p_j].rstrip()
                out.earlier.setdefault(one.opinion_id, set()).add(text_fingerprint(one.text))
                # a part that only says who writes or greets (「民生委員をしております。」 cut off by staff) is
                # a greeting row, as the splitter makes it, not an opinion of its own (QA29)
                ops[j] = replace(one, text=first, end=one.start + len(first), status=_part_status(first))
                ops.insert(j + 1, replace(one, opinion_id=part_id, text=one.text[p_j:], start=one.start + p_j,
                                          status=_part_status(one.text[p_j:])))
                out.cut_parts.update((one.opinion_id, part_id))
                if j == k:
                    new_id = part_id
            also = (f" and its {len(twins)} {'exact ' if not near else ''}cop{'y' if len(twins) == 1 else 'ies'} alike"
                    + (f" ({near} near)" if near else "")) if twins else ""
            out.done.append(f"{op.opinion_id} cut in two ({op.opinion_id}, {new_id}){also}")
        else:
            ks = sorted(dict.fromkeys(found), key=lambda k: (ops[k].start, k))
            rows = {ops[k].row_number for k in ks}
            if len(ks) < 2 or len(rows) > 1:
                out.messages.append(f"{what} no longer applies: its opinions are "
                                    f"{'one opinion now' if len(ks) < 2 else 'in different submissions now'}")
                out.applied[n] = False
                continue
            head = ops[ks[0]]
            start, end = head.start, max(ops[k].end for k in ks)
            text = submission_texts.get(head.row_number, "")[start:end]
            out.earlier.setdefault(head.opinion_id, set()).add(text_fingerprint(head.text))
            ops[ks[0]] = replace(head, text=text, end=end)
            others = [k for k, op in enumerate(ops) if k != ks[0] and op.row_number == head.row_number
                      and (k in ks or (start <= op.start and op.end <= end))]
            for k in others:
                ops[k] = replace(ops[k], status="joined")
                out.joined_into[ops[k].opinion_id] = head.opinion_id
            for gone_id, into in out.joined_into.items():  # (joined before into one joined now)
                if any(ops[k].opinion_id == into for k in others):
                    out.joined_into[gone_id] = head.opinion_id
            out.join_heads.add(head.opinion_id)
            out.done.append(f"{' '.join(ops[k].opinion_id for k in ks)} joined into {head.opinion_id}")
        out.applied[n] = True
    return out



@dataclass
class AppliedDecisions:
    cluster_of_unit: np.ndarray
    labels: dict[int, str] = field(default_factory=dict)  # cluster number -> label
    summaries: dict[int, str] = field(default_factory=dict)  # cluster number -> staff-written summary
    answers: dict[int, dict] = field(default_factory=dict)  # cluster number -> {"answer_id"|"text"}
    categories: dict[int, str] = field(default_factory=dict)  # cluster number -> 対応区分 code
    sections: dict[int, str] = field(default_factory=dict)  # cluster number -> staff-written 該当箇所
    departments: dict[int, str] = field(default_factory=dict)  # cluster number -> 担当課 staff assigned
    confirmed: set[int] = field(default_factory=set)
    applied: int = 0
    not_applied: int = 0  # decisions whose opinions (or target) are all gone, or that changed nothing
    no_effect: int = 0  # of those, moves that changed nothing (the target's opinions joined the moved one's row)
    replaced: int = 0  # labels, summaries, answers whose opinions a later one of the same kind names (mostly)
    withdrawn: int = 0  # withdraw lines and the decisions they withdraw (with the above: every line)
    withdrawn_decisions: int = 0  # decisions withdrawn
    withdrawals: int = 0  # withdraw lines (``review undo``)
    idle_withdrawals: int = 0  # withdraw lines whose decision is not in the file (they withdraw nothing)
    messages: list[str] = field(default_factory=list)  # decisions that no longer apply (fully or partly)
    notes: dict[str, str] = field(default_factory=dict)  # str(n) -> what the run said of decision n (run.json)



def _partly_applied(what: str, gone: Sequence[str], moved: Sequence[tuple[str, str]] = (),
                    edited: Sequence[str] = (), recut: Sequence[tuple[str, str]] = (),
                    recut_why: str | None = None, read_otherwise: bool = False) -> list[str]:
    """The lines for a decision applied to part of its opinions: some gone from the input, some
    found again under other ids by their text, some corrected in the input since the last run,
    some that the splitter cuts differently now (``recut``: (recorded id, id now))."""
    out = []
    recut = list(dict.fromkeys(recut))
    if recut:
        shown = ", ".join(a if a == b else f"{a} → {b}" for a, b in recut[:5]) + (" ..." if len(recut) > 5 else "")
        # (or this version reads the letter itself otherwise: a fax's lines, OCR, a meeting's labels; QA111 saw only the first
        # two reasons named after an upgrade)
        why = f" ({recut_why})" if recut_why else (" (a greeting or signature line is a row of its own, a sentence naming the "
                                                   "subject its heading, or the letter read otherwise: a fax's lines, OCR, a "
                                                   "meeting's labels)")
        out.append(f"{what}: {shown}: the tool now cuts {'its submission' if len(recut) == 1 else 'their submissions'} "
                   f"differently{why}; still applies to "
                   f"{'the opinion' if len(recut) == 1 else 'the opinions'}"
                   + (" under its id now" if any(a != b for a, b in recut) else ""))
    if gone:
        out.append(f"{what}: {len(gone)} of its opinions {'is' if len(gone) == 1 else 'are'} gone "
                   f"({', '.join(gone[:5])}{' ...' if len(gone) > 5 else ''}); applied to the rest")
    moved = list(dict.fromkeys(moved))
    if moved:
        pairs = ", ".join(f"{a} → {b}" for a, b in moved[:5]) + (" ..." if len(moved) > 5 else "")
        why = ("this version of the tool cuts the unchanged input otherwise" if read_otherwise
               else "the input's ids or row order changed")
        out.append(f"{what}: {len(moved)} of its opinions now {'has another id' if len(moved) == 1 else 'have other ids'} "
                   f"({pairs}: {why}); applied to "
                   f"{'it by its text' if len(moved) == 1 else 'them by their text'}")
    edited = list(dict.fromkeys(edited))
    if edited:
        out.append(f"{what}: still applies to {', '.join(edited[:5])}{' ...' if len(edited) > 5 else ''}, "
                   f"{'whose text' if len(edited) == 1 else 'whose texts'} "
                   + ("this version of the tool reads otherwise (the input is unchanged)" if read_otherwise else
                      f"{'was' if len(edited) == 1 else 'were'} corrected in the input since the last run"))
    return out



def apply_decisions(opinion_unit: Mapping[str, int], cluster_of_unit: np.ndarray,
                    decisions: Sequence[Decision], fingerprints: Mapping[str, str] | None = None,
                    detached: Collection[str] | None = None,
                    excluded: Mapping[str, int] | None = None,
                    reshaped: Mapping[int, bool] | None = None,
                    joined: Mapping[str, str] | None = None,
                    refused: Mapping[int, str] | None = None,
                    without_opinion: Mapping[str, tuple[str, str]] | None = None,
                    reshaped_from: Mapping[str, Collection[str]] | None = None) -> AppliedDecisions:
    """Re-apply ``decisions`` on a grouping of units (duplicate groups); see the module doc.

    ``fingerprints``: {opinion id: text_fingerprint(text)} of this run; with it, an opinion
    named by a decision is found by its text when its id now holds another text.
    ``detached``: the opinion ids this run took out of their duplicate group (``detach``
    decisions, before grouping); a detach that took nothing out (the opinion is in no
    duplicate group in this run) leaves the opinion where earlier decisions put it. ``None``:
    every opinion a detach names was taken out.
    ``excluded``: {opinion id: number of its exclude decision} of the opinions this run excluded
    (:func:`excluded_opinions`; they are in no unit). Exclusion wins: the other decisions apply
    to the rest of their opinions, and one left with none no longer applies.
    ``reshaped``: {number of a cut or join decision: applied} as :func:`reshape_opinions` (run
    before, on the split opinions) left them; they are only counted here. ``None``: applied.
    ``joined``: {opinion id of status joined: the opinion that holds its text now}: a decision
    naming a joined opinion names the one it was joined into.
    ``refused``: {number of a detach decision: why it no longer applies} (the pipeline's
    ``_apply_detaches``: it names one exact copy of a group whose other copies stay).
    ``without_opinion``: {opinion id: (status, fingerprint of its text)} of this run's rows the tool
    reads as holding no opinion (``empty``, ``greeting`` …): a decision naming one, its text as
    recorded, says so instead of 「its opinions are gone」 (QA48: an older version's exclusion of
    「意見はありません。」, which the tool now reads as ``empty`` itself).
    ``reshaped_from``: {opinion id: fingerprints of its texts before a cut or join} (``Reshaped.earlier``):
    a label, answer … recorded on those texts only was written for a row the opinions made before
    staff reshaped them; grouped anew on their new text, it is not applied to a row where they are
    few among others (QA75: an answer written for a one-opinion row became the answer of the
    8-opinion campaign row the joined opinion went to).
    """
    without_opinion = dict(without_opinion or {})
    read_otherwise = bool(getattr(fingerprints, "read_otherwise", False))

    def no_opinion_now(ids: Sequence[str], recorded: Mapping[str, str]) -> list[str]:
        """The ids of ``ids`` that are rows without an opinion now, with the text recorded."""
        return [i for i in dict.fromkeys(ids) if i in without_opinion
                and recorded.get(i) in (None, without_opinion[i][1])]

    def read_as(ids: Sequence[str]) -> str:
        kinds = sorted({without_opinion[i][0] for i in ids})
        return (f"the tool now reads {', '.join(ids[:5])}{' …' if len(ids) > 5 else ''} as having no opinion "
                f"(status {' / '.join(kinds)} in opinions.csv)")
    excluded = dict(excluded or {})
    cl = np.array(cluster_of_unit, dtype=np.int64, copy=True)
    grouped = cl.copy()  # the grouping's own clusters, before any decision
    result = AppliedDecisions(cl)
    next_cluster = int(cl.max()) + 1 if len(cl) else 0
    deferred: list[tuple[str, Decision, list[str], int]] = []  # (what, decision, its opinions, its number)
    by_fp = _first_id_by_fingerprint(fingerprints)
    withdrawals, warnings = resolve_withdrawals(decisions)
    withdrawn = {n for targets in withdrawals.values() for n in targets}
    result.messages.extend(warnings)
    result.withdrawn = sum(1 for n, d in enumerate(decisions, 1) if d.kind == "withdraw" or n in withdrawn)
    result.withdrawals = sum(1 for d in decisions if d.kind == "withdraw")
    result.idle_withdrawals = result.withdrawals - len(withdrawals)
    result.withdrawn_decisions = len(withdrawn)
    relocated: set[int] = set()  # units placed by a move, split or detach: a later confirm leaves them there
    moved_by: dict[int, int] = {}  # unit -> number of the last move, split or detach that placed it
    origin: dict[int, int] = {}  # a unit a move took elsewhere in this pass -> the cluster it left

    def units_of(ids: Sequence[str]) -> list[int]:
        return sorted({opinion_unit[i] for i in ids if i in opinion_unit})

    def units_of_ordered(ids: Sequence[str]) -> list[int]:  # in the order the ids are listed
        return list(dict.fromkeys(opinion_unit[i] for i in ids if i in opinion_unit))

    def majority_cluster(units: Sequence[int]) -> int:
        tally = Counter(int(cl[u]) for u in units)
        return min(tally, key=lambda c: (-tally[c], c))

    def place(units_: Sequence[int]) -> None:
        relocated.update(units_)
        for u in units_:
            moved_by[u] = n

    def no_effect(units_: Sequence[int], message: str) -> None:
        """A move or split that changed nothing: said, counted as 「did not take effect」, and its
        opinions stay where they are (a later confirm leaves them there)."""
        result.messages.append(message)
        result.not_applied += 1
        result.no_effect += 1
        # (a later confirm leaves them there, but they were not placed: a row's label or answer still
        # goes where they are; QA58: a split with no effect left a moved pair to carry C013's answer)
        relocated.update(units_)

    # the opinions a later decision takes elsewhere (move, split, detach): a move's target named by
    # them no longer says where it is. A re-run starts from the last run's clusters, where they sit
    # already moved: QA34 saw a move whose two target opinions had parted flip between the two rows
    # on every plain re-run (a tie broken by where the moved opinion stood).
    moved_later: list[set[str]] = [set() for _ in range(len(decisions) + 2)]
    for m in range(len(decisions), 0, -1):
        d_m = decisions[m - 1]
        moved_later[m - 1] = set(moved_later[m])
        if d_m.kind in ("move", "split", "detach") and m not in withdrawn:
            moved_later[m - 1].update(d_m.opinion_ids)

    for n, d in enumerate(decisions, 1):
        if d.kind == "withdraw" or n in withdrawn:
            continue
        what = f"decision {n} ({d.kind} by {d.by or '?'}{', ' + d.at if d.at else ''})"
        if d.kind in RESHAPING:  # applied before grouping (reshape_opinions), which said what did not apply
            if reshaped is None or reshaped.get(n, False):
                result.applied += 1
            else:
                result.not_applied += 1
            continue
        if refused and n in refused:
            result.messages.append(f"{what} no longer applies: {refused[n]}")
            result.not_applied += 1
            continue
        recorded = d.value.get("fingerprints") or {}
        moved: list[tuple[str, str]] = []
        edited: list[str] = []
        recut: list[tuple[str, str]] = []
        recut_why: list[str] = []

        def present(ids: Sequence[str]) -> list[str]:
            """The ids as they are in this run: followed by text when the id changed hands."""
            followed = _follow(ids, recorded, fingerprints, by_fp, opinion_unit)
            moved.extend(followed.moved)
            edited.extend(followed.edited)
            recut.extend(followed.recut)
            if followed.recut_why:
                recut_why[:] = [followed.recut_why]
            if joined:
                return list(dict.fromkeys(joined.get(i, i) for i in followed.ids))
            return followed.ids

        ids = present(d.opinion_ids)
        if d.kind == "exclude":
            out = [i for i in dict.fromkeys(ids) if i in excluded]
            gone = [i for i in dict.fromkeys(ids) if i not in excluded]
            empty_now = no_opinion_now(gone, recorded)
            if not out and empty_now and len(empty_now) == len(gone):
                result.messages.append(f"{what} no longer applies: it is no longer needed: {read_as(empty_now)}, "
                                       f"so {'it is' if len(empty_now) == 1 else 'they are'} left out of the clusters "
                                       "and the counts without an exclusion")
                result.not_applied += 1
                continue
            if not out:
                result.messages.append(f"{what} no longer applies: its opinions are gone")
                result.not_applied += 1
                continue
            result.messages += _partly_applied(what, gone, moved, edited, recut, *recut_why, read_otherwise=read_otherwise)
            result.applied += 1
            continue
        if d.kind == "merge":
            groups = [present(g) for g in (d.value.get("groups") or []) if g] or [ids]
            ids = list(dict.fromkeys(ids + [i for g in groups for i in g]))
        if excluded:  # exclusion wins: the decision is about the rest of its opinions
            out = [i for i in ids if i in excluded]
            if out:
                ids = [i for i in ids if i not in excluded]
                if d.kind == "merge":
                    groups = [[i for i in g if i not in excluded] for g in groups]
                if not units_of(ids):
                    by = sorted({excluded[i] for i in out})
                    result.messages.append(
                        f"{what} no longer applies: {'its opinion is' if len(out) == 1 else 'its opinions are'} "
                        f"excluded (対象外) by decision {', '.join(map(str, by))}")
                    result.not_applied += 1
                    continue
        missing = [i for i in ids if i not in opinion_unit]
        units = units_of(ids)
        empty_now = no_opinion_now(missing, recorded)
        if not units and empty_now and len(empty_now) == len(missing):
            result.messages.append(f"{what} no longer applies: {read_as(empty_now)}, in no cluster")
            result.not_applied += 1
            continue
        if not units:
            result.messages.append(f"{what} no longer applies: its opinions are gone")
            result.not_applied += 1
            continue
        if d.kind == "merge":
            # opinions a move or split recorded earlier took out stay out: the merge names them
            # only because it was recorded on the clusters as the last run left them
            units = [u for u in units if u not in relocated] or units
            groups = [[i for i in g if i in opinion_unit and opinion_unit[i] not in relocated] or g for g in groups]
            present_groups = [g for g in (units_of(g) for g in groups) if g]
            if len(present_groups) < 2:
                result.messages.append(f"{what} no longer applies in full: only one of the merged clusters' "
                                       "opinions are left")
            target = majority_cluster(units)
            joining = set(units)
            for g in present_groups:  # a cluster now made mostly of one group's opinions joins whole
                home = majority_cluster(g)
                home_units = np.flatnonzero(cl == home)
                if home != target and 2 * len(set(g) & set(home_units.tolist())) >= len(home_units):
                    joining.update(home_units.tolist())
            for u in joining:
                cl[u] = target
        elif d.kind == "move":
            target_ids = [i for i in present(d.value.get("target", [])) if i not in excluded]
            staying = [i for i in target_ids if i not in moved_later[n]]
            target_units = [u for u in units_of(staying or target_ids) if u not in units]
            if not target_units:
                result.messages.append(f"{what} no longer applies: the target cluster's opinions are gone")
                result.not_applied += 1
                continue
            # the target is named by its opinions as the last run left them: those an earlier move,
            # split or detach of this pass took elsewhere no longer say where it is (they vote for
            # the cluster they left, if none is left in it); a tie goes to the cluster of the target
            # opinion staff's row listed first (not away from where the moved opinion stands: a re-run
            # starts with it already moved, and the move flipped it back and forth)
            pairs = ([(u, int(cl[u])) for u in target_units if u not in relocated]
                     or [(u, origin[u]) for u in target_units if u in origin]
                     or [(u, int(cl[u])) for u in target_units])
            tally = Counter(c for _, c in pairs)
            here = {int(cl[u]) for u in units}
            rank = {u: k for k, u in enumerate(units_of_ordered(staying or target_ids))}
            first: dict[int, int] = {}
            for u, c in pairs:
                first[c] = min(first.get(c, len(rank)), rank.get(u, len(rank)))
            target = min(tally, key=lambda c: (-tally[c], first.get(c, len(rank)), c))
            if here == {target} and {int(grouped[u]) for u in units} != \
                    {Counter(int(grouped[u]) for u in target_units).most_common(1)[0][0]}:
                named = d.value.get("cluster")
                no_effect(units, f"{what} of {_ids_shown(ids)}{' into ' + str(named) if named else ''} did not take "
                                 f"effect: the opinions of its target cluster are now in the cluster "
                                 f"{'it is' if len(ids) == 1 else 'they are'} in (an earlier decision joined them)")
                continue
            for u in units:
                if int(cl[u]) != target:
                    origin.setdefault(u, int(cl[u]))
                cl[u] = target
            place(units)
        elif d.kind == "split":
            current = int(cl[units[0]])
            already = np.flatnonzero(cl == current).tolist() == units  # (re-runs keep their cluster id)
            others = d.value.get("others")
            if already and isinstance(others, list):
                # already alone: on a re-run because it was applied before (its cluster-mates are where
                # the grouping put them, out of its cluster); or because they are gone or an earlier
                # decision of this pass took them out, and then this split changed nothing
                rest = [u for u in units_of([str(i) for i in others if str(i) not in excluded]) if u not in units]
                if not [u for u in rest if u not in relocated]:
                    no_effect(units, f"{what} of {_ids_shown(ids)} did not take effect: nothing is left to split "
                                     f"{'it' if len(ids) == 1 else 'them'} from (the other opinions of "
                                     f"{'its' if len(ids) == 1 else 'their'} cluster are gone, or an earlier "
                                     "decision took them out)")
                    continue
            if not already and isinstance(others, list) and all(int(cl[u]) == current for u in units) \
                    and all(int(grouped[v]) == current for v in np.flatnonzero(cl == current).tolist()):
                # apart from every cluster-mate it was split from, with late opinions the run placed
                # beside it: in effect already, and the newcomers stay with it (QA36: a split re-applied
                # on a re-run with a late file took the opinions out again and left the newcomer alone).
                # Not when an earlier decision of this pass put them together (QA75: a merge, then a split
                # of the opinions one merged row held, recorded before a run: the split was ignored)
                mates = [u for u in units_of([str(i) for i in others if str(i) not in excluded]) if u not in units]
                if not any(int(cl[u]) == current for u in mates):
                    already = True
            if not already:
                for u in units:
                    origin.setdefault(u, int(cl[u]))
                    cl[u] = next_cluster
                next_cluster += 1
            place(units)
        elif d.kind == "detach":
            # the run already made these opinions units of their own (dedup.detach); a merge or
            # confirm recorded before, on the cluster their group was in, no longer holds them:
            # each goes where most of its grouping cluster-mates (the other units the grouping
            # put in its cluster) are now, so it follows a merge the grouping agrees with
            taken = units if detached is None else units_of([i for i in ids if i in detached])
            named = set(units)
            for u in taken:
                mates = [int(v) for v in np.flatnonzero(grouped == grouped[u]) if int(v) not in named]
                cl[u] = majority_cluster(mates) if mates else grouped[u]
            place(taken)
        if d.kind == "confirm":  # the confirmed opinions stay together (but not those moved away
            keep = [u for u in units if u not in relocated]  # by a move or split recorded earlier)
            if keep:
                target = majority_cluster(keep)
                for u in keep:
                    cl[u] = target
        if d.kind in ROW_KINDS:
            deferred.append((what, d, [i for i in ids if i in opinion_unit], n))
        if empty_now:
            missing = [i for i in missing if i not in empty_now]
            result.messages.append(f"{what}: {read_as(empty_now)}; applied to the rest")
        result.messages += _partly_applied(what, missing, moved, edited, recut, *recut_why, read_otherwise=read_otherwise)
        result.applied += 1
    # Labels, summaries, answers and confirmations land on the cluster that finally holds most of their
    # opinions, so they follow merges, moves and splits recorded before or after them. Two on
    # one cluster: the one covering more of its opinions wins (the later one on a tie).
    # One that a later decision of its kind replaced (the later names most of its opinions: staff
    # answered the same row again, or the row it became) never applies again, wherever a new
    # grouping puts its opinions (QA: after a --seed regroup a replaced answer was published on half
    # of the row and the newest one lost).
    superseded = set()
    for k, (_, d, ids, _) in enumerate(deferred):
        if d.kind == "confirm" or not ids:
            continue
        mine = set(ids)
        if any(later.kind == d.kind and 2 * len(mine & set(later_ids)) > len(mine)
               for _, later, later_ids, _ in deferred[k + 1:]):
            superseded.add(k)
    result.replaced = len(superseded)
    result.applied -= len(superseded)
    winner: dict[tuple[str, int], tuple[int, str, Decision]] = {}
    opinions_in: Counter | None = None  # opinions per cluster, counted when a decision on reshaped opinions needs it
    for k, (what, d, ids, number) in enumerate(deferred):
        if k in superseded:
            continue
        # the row is where its opinions are that no move or split placed: not one recorded later
        # (QA: half of a row's two opinions moved out, and its label and answer went with the moved
        # one on a tie), nor one recorded earlier, before a re-run showed its effect, which the
        # decision names only because the last run still listed them in the row (QA: move 018-1
        # out of C005, then write C005's summary: after a regroup the summary went with 018-1)
        units = units_of(ids)
        stayed = ([u for u in units if u not in moved_by] or [u for u in units if moved_by[u] < number]
                  or units)
        target = majority_cluster(stayed)
        weight = sum(1 for i in ids if cl[opinion_unit[i]] == target)
        recorded = d.value.get("fingerprints") or {}
        named = list(d.opinion_ids)
        if (reshaped_from or joined) and ids and named and all(
                i in (joined or {}) or recorded.get(i) in (reshaped_from or {}).get(i, ()) for i in named):
            # (opinions, copies included: a campaign's row is many opinions of one text)
            if opinions_in is None:
                opinions_in = Counter(int(cl[u]) for u in opinion_unit.values())
            in_row = opinions_in[target]
            others = in_row - sum(1 for i in set(ids) if int(cl[opinion_unit[i]]) == target)
        else:
            others = 0
        if others > len(set(ids)):
            result.messages.append(
                f"{what} not applied: {_ids_shown(named)}, named with {'its' if len(named) == 1 else 'their'} text "
                f"before a cut or join, {'was' if len(named) == 1 else 'were'} grouped again on the new text and now "
                f"{'sits' if len(named) == 1 else 'sit'} in a row with {others} other opinion{'s' if others != 1 else ''}, "
                f"which the {d.kind} was not written for: record it for that row, or take "
                f"{'it' if len(named) == 1 else 'them'} out with `cluster review split` and record it again")
            result.applied -= 1
            result.not_applied += 1
            continue
        key = (d.kind, target)
        if key in winner:
            held_weight, held_what, held = winner[key]
            loser, other = ((what, d), (held_what, held)) if held_weight > weight else ((held_what, held), (what, d))
            # a newer decision on the same (grown) cluster replaces the older one quietly
            if held_weight != weight and not set(loser[1].opinion_ids) <= set(other[1].opinion_ids):
                result.messages.append(f"{loser[0]} not applied: its opinions joined a cluster whose own "
                                       f"{d.kind} ({other[0].split(' (')[0]}) covers more of it")
            if held_weight > weight:
                continue
        winner[key] = (weight, what, d)
    for (kind, target), (_, _, d) in sorted(winner.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if kind == "label":
            result.labels[target] = str(d.value.get("label", "")).strip()
        elif kind == "summary":
            result.summaries[target] = str(d.value.get("summary", "")).strip()
        elif kind == "category":
            result.categories[target] = str(d.value.get("category", "")).strip()
        elif kind == "section":
            result.sections[target] = str(d.value.get("section", "")).strip()
        elif kind == "department":
            result.departments[target] = str(d.value.get("department", "")).strip()
        elif kind == "answer":
            result.answers[target] = {k: d.value[k] for k in ("answer_id", "text", "answer_text")
                                      if d.value.get(k)}
        else:
            result.confirmed.add(target)
    return result



def decision_counts(decisions: Sequence[Decision], applied: AppliedDecisions) -> str:
    """What a run did with the recorded decisions, in figures that add up: ``9 recorded (label 2,
    merge 1, ...): 8 applied, 1 withdrawn (by 1 withdrawal)``; recorded = applied + no longer
    apply + withdrawn, and the withdrawals (``review undo`` lines) are counted apart. A run
    logs it after ``staff decisions in DIR/decisions.jsonl:``."""
    kinds = Counter(d.kind for d in decisions if d.kind != "withdraw")
    recorded = sum(kinds.values())
    figures = [f"{applied.applied} applied"]
    if applied.not_applied - applied.no_effect:
        figures.append(f"{applied.not_applied - applied.no_effect} no longer apply")
    if applied.no_effect:
        figures.append(f"{applied.no_effect} did not take effect (see above)")
    if applied.replaced:
        figures.append(f"{applied.replaced} replaced by a later one")
    if applied.withdrawn_decisions:
        figures.append(f"{applied.withdrawn_decisions} withdrawn")
    line = (f"{recorded} recorded" + (f" ({', '.join(f'{k} {c}' for k, c in sorted(kinds.items()))})" if kinds else "")
            + ": " + ", ".join(figures))
    working = applied.withdrawals - applied.idle_withdrawals
    if working:
        line += f" (by {counted(working, 'withdrawal')})"
    if applied.idle_withdrawals:
        line += (f"; {counted(applied.idle_withdrawals, 'withdrawal')} "
                 f"{'withdraws' if applied.idle_withdrawals == 1 else 'withdraw'} nothing (see above)")
    return line



def decision_figures(applied: AppliedDecisions) -> dict[str, int]:
    """run.json's ``decisions``: the figures of :func:`decision_counts`, which add up the same way:
    recorded = applied + not_applied + replaced + withdrawn, not_applied = no_longer_apply +
    did_not_take_effect, and the withdrawals (``review undo`` lines) apart; ``lines`` = recorded +
    withdrawals, the lines the run read (a later line was recorded since)."""
    recorded = applied.applied + applied.not_applied + applied.replaced + applied.withdrawn_decisions
    return {"recorded": recorded, "applied": applied.applied, "not_applied": applied.not_applied,
            "no_longer_apply": applied.not_applied - applied.no_effect, "did_not_take_effect": applied.no_effect,
            "replaced": applied.replaced, "withdrawn": applied.withdrawn_decisions,
            "withdrawals": applied.withdrawals, "lines": recorded + applied.withdrawals}



def _when(at: str) -> str:
    """An ISO time as staff read it: 2026-11-27 13:20."""
    return at[:16].replace("T", " ") if at else ""



def _ids_shown(ids: Sequence[str], limit: int = 4) -> str:
    """``A1-1 A2-1 A3-1`` or ``A1-1 A2-1 A3-1 A4-1 (+5 more)``."""
    ids = list(ids)
    return " ".join(ids[:limit]) + (f" (+{len(ids) - limit} more)" if len(ids) > limit else "")
