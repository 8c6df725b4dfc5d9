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

import re
import unicodedata

from .labels import (_annex_head, _article_key, _other_law_before, _page_range, _section_head, _sections, _within,
                     find_references, reference_key)

Place = tuple  # ("s", chapter, part) | ("a", article) | ("x", annex) | ("t", topic index)
# 「（第4条関係）」「（第１０条）」「(第3条第2項について)」: brackets holding an article and nothing else
_ARTICLE_MARK_RE = re.compile(r"[(]\s*((?:条例案)?第\d+条(?:の\d+)?(?:第\d+(?:項|号))*)\s*(?:関係|関連|について|に関して|参照)?\s*[)]")
LEAD = 30  # characters of the first sentence a place the opinion is about is named in


def _cited_page_spans(text: str) -> list[int]:
    """Every page a text cites, each page of a range too (「28～30頁」: 28, 29, 30; at most 50 a range)."""
    out: list[int] = []
    for ref in find_references(text):
        m = re.match(r"p(\d+)(?:-(\d+))?", reference_key(ref))
        if m:
            lo = int(m.group(1))
            hi = int(m.group(2) or lo)
            out += list(range(lo, min(hi, lo + 50) + 1)) if hi >= lo else [lo]
    return out


class PlaceReader:
    """Reads the places of texts against the draft's topics (``labels.Topic``; none: sections and
    annexes only, pages are then not comparable)."""

    def __init__(self, topics: Sequence | None = None):
        topics = list(topics or ())
        self.heads = [_section_head(t.name) for t in topics]
        self.annexes = [_annex_head(t.name) for t in topics]
        self.pages = [_page_range(t) for t in topics]

    def places(self, text: str, heading: str = "") -> frozenset:
        """The places the opinion is about: those its heading names, and those its first sentence opens with
        (within ``LEAD`` characters: 「第2章第1節について、…」「P.15の表が…」). A place named later in passing, as the
        source of a figure (「…第2章第2節（11頁）の数字は古い」), is not what the opinion is about (QA79: two copies
        of a campaign that cited it so were taken out of the campaign's row)."""
        text = unicodedata.normalize("NFKC", text or "")
        lead = re.split(r"(?<=[。！？!?\n])", text.lstrip(), maxsplit=1)[0][:LEAD]
        # an article named in brackets of its own says what the opinion is about wherever it stands
        # (「…財政的に支援するべきです（第4条関係）。」, QA112: left in the row of 第7条～第9条)
        # (not after another law's name: 「地方自治法（第2条関係）の趣旨」, QA117)
        marked = " ".join(m.group(1) for m in _ARTICLE_MARK_RE.finditer(text) if not _other_law_before(text, m.start(1)))
        return self._places(heading) | self._places(lead) | self._places(marked)

    def _places(self, text: str) -> frozenset:
        if not text.strip():
            return frozenset()
        out: set = {("s", c, p) for c, p in _sections(text)}
        for ref in find_references(text):
            span = re.fullmatch(r"第(\d+)条(?:の(\d+))?～第(\d+)条(?:の(\d+))?", ref)
            if span and int(span[1]) == int(span[3]) and span[4] and int(span[2] or 1) < int(span[4]) <= 50:
                # 「第15条から第15条の3まで」: 第15条, 第15条の2, 第15条の3 (QA116)
                first = int(span[2] or 1)
                out.update(("a", f"第{span[1]}条" + (f"の{k}" if k > 1 else "")) for k in range(first, int(span[4]) + 1))
            elif span and int(span[1]) < int(span[3]) <= int(span[1]) + 50:
                # a range cites each of its articles (「第7条から第9条まで」: 第8条 too)
                out.update(("a", f"第{k}条") for k in range(int(span[1]), int(span[3]) + 1))
            elif ref.startswith("附則"):
                # (each paragraph of the supplementary provisions its own place: 「附則第1項の施行期日」 and
                # 「附則第2項の経過措置」 were one row, QA116)
                out.add(("a", re.match(r"附則(?:第\d+項)?", ref).group()))
            elif _article_key(ref):
                out.add(("a", _article_key(ref)))  # an article of the draft (第6条, 第12条の2, 前文)
            elif ref.startswith(("別", "資料", "参考")):
                out.add(("x", reference_key(ref)))  # an annex (別紙1, 資料編): its articles are no other place
        if any(self.pages):
            for page in _cited_page_spans(text):
                for j, rng in enumerate(self.pages):
                    if rng and rng[0] <= page <= rng[1]:
                        head = self.heads[j]
                        out.add(("s", head[0], head[1]) if head else ("x", self.annexes[j]) if self.annexes[j]
                                else ("t", j))
        return frozenset(out)


def _same_place(a: Place, b: Place) -> bool | None:
    """True: one lies inside the other; False: different places of one kind; None: not comparable."""
    if a[0] != b[0]:
        return None
    if a[0] == "s":
        return a[1] == b[1] and (_within(a[2], b[2]) or _within(b[2], a[2]))
    if a[0] == "a" and "附則" in (a[1][:2], b[1][:2]):
        return a[1].startswith(b[1]) or b[1].startswith(a[1])  # 附則 holds 附則第2項; 附則第1項 is not 附則第2項
    return a[1] == b[1]


def conflict(p: frozenset, q: frozenset) -> bool:
    """Whether two opinions citing ``p`` and ``q`` cite different parts of the draft (see the module)."""
    if not p or not q:
        return False
    verdicts = [_same_place(a, b) for a in p for b in q]
    return not any(v for v in verdicts) and any(v is False for v in verdicts)


def part_by_places(labels: np.ndarray, places: Sequence[frozenset], counts: Sequence[float]
                   ) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """``labels`` with no cluster holding opinions that cite conflicting places: in each such cluster the
    citing texts are joined where their places agree (a chain too: 「第2章」, 「第2章と第3章」, 「第3章」); the
    group with the most copies stays with the texts citing nothing, each other group becomes a cluster of
    its own. Returns the new labels and, for each text moved, (the text, one text of the cluster it left)."""
    labels = np.asarray(labels).copy()
    members: dict[int, list[int]] = defaultdict(list)
    for u, lab in enumerate(labels.tolist()):
        if places[u]:
            members[lab].append(u)
    next_label = int(labels.max()) + 1 if len(labels) else 0
    moved: list[tuple[int, int]] = []
    for lab in sorted(members):
        citing = members[lab]
        if len(citing) < 2:
            continue
        # (compared once per distinct set of places: a campaign's thousand copies cite a handful)
        keys = list(dict.fromkeys(places[u] for u in citing))
        root = list(range(len(keys)))

        def find(k: int) -> int:
            while root[k] != k:
                root[k] = root[root[k]]
                k = root[k]
            return k

        for a in range(len(keys)):
            for b in range(a + 1, len(keys)):
                if not conflict(keys[a], keys[b]):
                    root[find(a)] = find(b)
        index = {key: k for k, key in enumerate(keys)}
        groups: dict[int, list[int]] = defaultdict(list)
        for u in citing:
            groups[find(index[places[u]])].append(u)
        if len(groups) < 2:
            continue
        ranked = sorted(groups.values(), key=lambda g: (-sum(float(counts[u]) for u in g), min(g)))
        stayed = ranked[0][0]
        for g in ranked[1:]:
            labels[g] = next_label
            next_label += 1
            moved += [(u, stayed) for u in g]
    return labels, sorted(moved)
