"""The places in the draft an opinion cites, and rows that must not mix them.

A published table is read by the part of the draft each row concerns (該当箇所). Opinions that
each name another part (「第2章第1節について…」「第5章第1節の推進体制に…」) are different rows
even when they ask alike: QA76 saw six such opinions in one row, published under one section
at score 1, five of their requests hidden behind another opinion's summary.

A place is a chapter and its part (「第4章第1節2」 -> ("4", "1-2")), an annex or article
(「別紙2」「第12条」), or, when the topics give page ranges, the topic a cited page lies in.
Two opinions' places conflict when each cites some place, every pair of their places can be
compared (the same kind) and none lies inside the other. An opinion citing nothing conflicts
with none.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Sequence

import numpy as np

from .labels import (_annex_head, _article_key, _cited_pages, _page_range, _section_head, _sections, _within,
                     find_references, reference_key)

Place = tuple  # ("s", chapter, part) | ("a", key) | ("t", topic index)


class PlaceReader:
    """Reads the places of texts against the draft's topics (``labels.Topic``; none: sections and
    annexes only, pages are then not comparable)."""

    def __init__(self, topics: Sequence | None = None):
        topics = list(topics or ())
        self.heads = [_section_head(t.name) for t in topics]
        self.annexes = [_annex_head(t.name) for t in topics]
        self.pages = [_page_range(t) for t in topics]

    def places(self, text: str) -> frozenset:
        out: set = {("s", c, p) for c, p in _sections(text)}
        for ref in find_references(text):
            key = reference_key(ref)
            if ref.startswith(("別", "資料", "参考", "附則")) or _article_key(ref):
                out.add(("a", _article_key(ref) or key))
        if any(self.pages):
            for page in _cited_pages(text):
                for j, rng in enumerate(self.pages):
                    if rng and rng[0] <= page <= rng[1]:
                        head = self.heads[j]
                        out.add(("s", head[0], head[1]) if head else ("a", self.annexes[j]) if self.annexes[j]
                                else ("t", j))
        return frozenset(out)


def _same_place(a: Place, b: Place) -> bool | None:
    """True: one lies inside the other; False: different places of one kind; None: not comparable."""
    if a[0] != b[0]:
        return None
    if a[0] == "s":
        return a[1] == b[1] and (_within(a[2], b[2]) or _within(b[2], a[2]))
    return a[1] == b[1]


def conflict(p: frozenset, q: frozenset) -> bool:
    """Whether two opinions citing ``p`` and ``q`` cite different parts of the draft (see the module)."""
    if not p or not q:
        return False
    verdicts = [_same_place(a, b) for a in p for b in q]
    return not any(v for v in verdicts) and any(v is False for v in verdicts)


def part_by_places(labels: np.ndarray, places: Sequence[frozenset], counts: Sequence[float]) -> tuple[np.ndarray, list[int]]:
    """``labels`` with no cluster holding opinions that cite conflicting places: in each such cluster
    the citing texts are put in groups of compatible places (most copies first); the group with the
    most copies stays with the texts citing nothing, each other group becomes a cluster of its own.
    Returns the new labels and the texts moved."""
    labels = np.asarray(labels).copy()
    members: dict[int, list[int]] = defaultdict(list)
    for u, lab in enumerate(labels.tolist()):
        if places[u]:
            members[lab].append(u)
    next_label = int(labels.max()) + 1 if len(labels) else 0
    moved: list[int] = []
    for lab in sorted(members):
        citing = members[lab]
        if len(citing) < 2:
            continue
        groups: list[list[int]] = []
        for u in sorted(citing, key=lambda u: (-float(counts[u]), u)):
            home = next((g for g in groups if not any(conflict(places[u], places[v]) for v in g)), None)
            if home is None:
                groups.append([u])
            else:
                home.append(u)
        if len(groups) < 2:
            continue
        groups.sort(key=lambda g: (-sum(float(counts[u]) for u in g), min(g)))
        for g in groups[1:]:
            labels[g] = next_label
            next_label += 1
            moved += g
    return labels, sorted(moved)
