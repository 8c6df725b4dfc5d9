"""Name each cluster: c-TF-IDF keywords, the draft section it concerns, page references.

c-TF-IDF (as in BERTopic) treats each cluster as one document: a word scores high when it
is frequent in this cluster and rare across clusters. Words are fugashi compound nouns and
content-word base forms, so labels read 「駐輪場・駅前・不足」, not whole sentences.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .io import TOPIC_OPTIONS, InputError, decode_bytes, guess_column, read_table, strip_controls

_KANJI_NUM = "〇一二三四五六七八九十百"
_REFERENCE_RES = [
    re.compile(r"(?:P|p|ｐ|Ｐ)\.?\s*\d+(?:\s*[-~〜～]\s*\d+)?"),
    re.compile(r"\d+\s*(?:[-~〜～]\s*\d+\s*)?(?:頁|ページ)(?:\s*(?:以降|以下|から\s*\d+\s*(?:頁|ページ)|[-~〜～]\s*\d+\s*(?:頁|ページ)?))?"),
    re.compile(r"(?:別添|別紙|別表|別図|資料|参考資料|図|表)\s*[\d" + _KANJI_NUM + r"]+(?:\s*[-－]\s*\d+)?"),
    re.compile(r"第\s*[\d" + _KANJI_NUM + r"]+\s*(?:条|章|節|項|款|号|部|編)(?:\s*第\s*[\d" + _KANJI_NUM + r"]+\s*(?:条|章|節|項|号))*"),
    re.compile(r"資料編"),
]


def find_references(text: str) -> list[str]:
    """Page and section references: 「7頁」「47頁以降」「別添1」「第3条」「P.12」."""
    text = unicodedata.normalize("NFKC", text)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for rx in _REFERENCE_RES:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), _kanji_to_digits(re.sub(r"\s+", "", m.group(0)))))
    return [ref for _, ref in sorted(found)]


def _kanji_to_digits(ref: str) -> str:
    """第三章 -> 第3章, 第十二条 -> 第12条, so the same section is counted once."""

    def convert(m: re.Match) -> str:
        total, current = 0, 0
        for ch in m.group(0):
            if ch == "十":
                total += (current or 1) * 10
                current = 0
            elif ch == "百":
                total += (current or 1) * 100
                current = 0
            else:
                current = "〇一二三四五六七八九".index(ch)
        return str(total + current)

    return re.sub(r"[〇一二三四五六七八九十百]+", convert, ref)


def ctfidf_keywords(docs_tokens: Sequence[Sequence[str]], doc_cluster: Sequence[int],
                    doc_weight: Sequence[float] | None = None, top_n: int = 6) -> list[list[tuple[str, float]]]:
    """Top keywords per cluster by c-TF-IDF. Clusters are 0..k-1; weights count copies."""
    k = max(doc_cluster) + 1 if len(doc_cluster) else 0
    counts: list[Counter] = [Counter() for _ in range(k)]
    weights = doc_weight if doc_weight is not None else [1.0] * len(docs_tokens)
    for tokens, c, w in zip(docs_tokens, doc_cluster, weights):
        # A word counts once per opinion (presence), weighted by copies: one letter
        # repeating a word five times must not outweigh five people saying it once.
        for tok in set(tokens):
            counts[c][tok] += w
    total = Counter()
    for c in counts:
        total.update(c)
    avg_words = (sum(total.values()) / k) if k else 0.0
    out = []
    for c in counts:
        size = sum(c.values()) or 1.0
        scored = []
        for word, n in c.items():
            tf = n / size
            idf = math.log(1.0 + avg_words / total[word])
            # Prefer words that more than one opinion uses: n >= 2 gets full weight.
            scored.append((word, tf * idf * (1.0 if n >= 2 else 0.7)))
        scored.sort(key=lambda x: (-x[1], x[0]))
        out.append([(w, round(s, 6)) for w, s in scored[:top_n]])
    return out


def make_label(keywords: Sequence[tuple[str, float]], n: int = 3) -> str:
    words: list[str] = []
    for word, _ in keywords:
        # Skip a word contained in one already chosen (駐輪場 after 駅前駐輪場).
        if any(word in w or w in word for w in words):
            continue
        words.append(word)
        if len(words) == n:
            break
    return "・".join(words)


@dataclass(frozen=True)
class Topic:
    name: str
    description: str = ""


_TOPIC_NAMES = ("topic", "トピック", "項目", "章", "節", "見出し", "section", "name")


def read_topics(path: str | Path) -> list[Topic]:
    """Topics (draft sections) from a table (topic[, description]) or a plain text file.

    ``--topics`` has no options of its own (``TOPIC_OPTIONS``): messages about the file say what
    to change in it, never ``--topic-column``, ``--encoding`` or ``--header-row``."""
    path = Path(path)
    if path.suffix.lower() in (".txt", ".md"):
        if not path.is_file():
            raise InputError(f"{path}: file not found")
        # as any input: UTF-8 (BOM or not) or CP932, which Notepad on a Japanese PC writes
        text, _ = decode_bytes(path.read_bytes(), name=str(path), encoding_option=None)
        lines = strip_controls(text)[0].splitlines()
        topics = [Topic(line.strip().lstrip("#-* ").strip()) for line in lines if line.strip()]
    else:
        table = read_table(path, options=TOPIC_OPTIONS)  # --topics has no column or reading options
        name_col = guess_column(table.columns, _TOPIC_NAMES, what="topic", required=False)
        if name_col is None:
            raise InputError(f"{path}: no topic column; head the column of topic names topic (or 見出し, 項目, 章), "
                             f"or list one topic a line in a .txt file (the file has: {', '.join(table.columns)})")
        desc_col = guess_column(table.columns, ("description", "keywords", "説明", "キーワード", "内容"),
                                what="description", required=False)
        topics = [Topic(r[name_col].strip(), (r.get(desc_col, "") if desc_col else "").strip())
                  for r in table.rows if r[name_col].strip()]
    if not topics:
        raise InputError(f"{path}: no topics found")
    return topics


# A chapter and, optionally, a part of it: 第4章 / 第4章4 / 第4章第2節 / 4章 (after NFKC and kanji numerals).
_SECTION_RE = re.compile(r"第?(\d+)章(?:第?(\d+)節?)?")


def _sections(text: str) -> set[tuple[str, str]]:
    """The chapters a text cites, as (chapter, part or "") (「第三章」 -> ("3", ""), 「第4章4」 ->
    ("4", "4")); not a page (「3章12頁」 keeps the chapter only)."""
    text = _kanji_to_digits(unicodedata.normalize("NFKC", text).replace(" ", ""))
    out = set()
    for m in _SECTION_RE.finditer(text):
        part = m.group(2) or ""
        if part and re.match(r"\s*(?:頁|ページ|p|P)", text[m.end(2):]):
            part = ""
        out.add((m.group(1), part))
    return out


def _section_head(name: str) -> tuple[str, str] | None:
    """The section a topic name starts with (「第4章1 …」 -> ("4", "1"), 「第三章 …」 -> ("3", "")),
    or None; a bare number (「1 はじめに」, 「Ⅰ」) is not taken: 「1」 is in too many opinions."""
    name = _kanji_to_digits(unicodedata.normalize("NFKC", name).strip())
    m = _SECTION_RE.match(name) if name.startswith("第") else None
    return (m.group(1), m.group(2) or "") if m else None


def names_reference(section: str, reference: str) -> bool:
    """Whether ``section`` (a topic name) already says ``reference`` (「第３章　公共交通」 / 「第三章 …」
    say 第3章), whatever the width of its digits, its spaces or kanji numerals."""
    def norm(x: str) -> str:
        return _kanji_to_digits(unicodedata.normalize("NFKC", x)).replace(" ", "")
    return norm(reference) in norm(section)


def match_topics(cluster_texts: Sequence[str], cluster_vectors: np.ndarray, topics: Sequence[Topic],
                 encoder, tokenizer) -> list[tuple[str, float]]:
    """Best topic per cluster with a 0..1 score: embedding cosine averaged with word overlap
    (TF-IDF cosine of lemmas of two characters or more); the topic is the one it shares words with most.

    Only a topic that shares a word (content lemma) with the cluster's texts can be its topic;
    a cluster that shares none with any topic gets ``("", 0.0)``. The embedding alone is no
    evidence: a static model's cosine between 「体育館を増やしてほしい」 and 「第5章 文化施設」 is
    as high as that of a real match, and a wrong section in the published table misleads more
    than an empty one. Staff link more clusters by adding words to a topic's description."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    topic_texts = [f"{t.name} {t.description}".strip() for t in topics]
    topic_vecs = encoder.encode(topic_texts)
    emb = np.clip(cluster_vectors @ topic_vecs.T, 0.0, 1.0)
    def analyzer(text: str) -> list[str]:
        # one-character lemmas are mostly the tails of compounds (駐車場 / 広場: 場) and link nothing
        return [w for w in tokenizer.lemmas(text) if len(w) >= 2]

    vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    vec.fit(list(cluster_texts) + topic_texts)
    by_topic = vec.transform(topic_texts)
    if len(topics) > 1:
        # a word every topic has (「第1章 図書館の整備」「第2章 公園の整備」: 整備) tells none of them apart
        in_every = np.asarray((by_topic > 0).sum(axis=0)).ravel() == len(topics)
        by_topic = by_topic.multiply((~in_every).astype(np.float64)[None, :]).tocsr()
    lex = (vec.transform(cluster_texts) @ by_topic.T).toarray()
    score = 0.5 * emb + 0.5 * lex
    # The words decide which topic (staff listed 子ども食堂 under 第4章4; the embedding leaned to
    # 第4章5 経済的支援 for a 補助金 request); the embedding only separates topics the cluster
    # shares words with about equally.
    rank = np.where(lex > 0, lex + 0.1 * emb, -1.0)
    # An opinion that names the topic's own section (「第5章の量の見込みの…」, topic 「第5章 …」)
    # concerns that topic, whatever words it shares with others: its score is 1. 「第4章4」 cited
    # is topic 第4章4, or 第4章 when the topics do not divide the chapter.
    heads = [_section_head(t.name) for t in topics]
    cited_score = np.zeros_like(rank)
    for r, text in enumerate(cluster_texts):
        cited = _sections(text)
        for j, head in enumerate(heads):
            if head is None:
                continue
            chapter, part = head
            if (chapter, part) in cited:
                cited_score[r, j] = 2.0  # the exact section
            elif not part and any(c == chapter for c, _ in cited):
                cited_score[r, j] = 1.5  # its chapter
    named = cited_score > 0
    rank = np.where(named, cited_score + np.maximum(rank, 0.0), rank)
    score = np.where(named, 1.0, score)
    out = []
    for r, row in enumerate(rank):
        best = int(np.argmax(row))
        out.append((topics[best].name, round(float(score[r, best]), 4)) if row[best] >= 0 else ("", 0.0))
    return out
