"""The records that flow through the pipeline. Frozen dataclasses: stages return new ones."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Submission:
    """One input row, whatever it held."""

    row_number: int  # 1-based data row number in the input file
    comment_id: str  # the id column's value, else the row number as text
    text: str  # cleaned text (control characters stripped)
    channel: str = ""  # 郵送 / 持参 / FAX / 電子メール ... when given
    submitter: str = ""  # submitter key when given (counts 提出者数)
    control_chars_removed: int = 0
    extra: tuple[tuple[str, str], ...] = ()  # other columns, kept for the working files
    # a web form's opinion fields composed into ``text`` (io.compose_submission): each one's opinion
    # span, reason span ((-1, -1): none) and 該当箇所; () when the text is one column's cell
    parts: tuple[tuple[int, int, int, int, str], ...] = ()
    # the kind of submitter for 提出者数 by kind (io.submitter_kind): 個人, 団体, a value as written,
    # or "" (no kind column, or an empty cell); ``organisation``: the 団体名 of a 団体's submission,
    # which counts it once however many letters it sent
    kind: str = ""
    organisation: str = ""
    # the 住所 column's cell (io.choose_address_column), when the input has one beside the 氏名: two people of
    # one name at different addresses are two submitters (QA83); never published
    address: str = ""


@dataclass(frozen=True)
class Opinion:
    """One single opinion cut from a submission, with offsets into the submission text."""

    opinion_id: str  # stable: derived from comment_id and the opinion's index
    comment_id: str
    row_number: int
    index: int  # 1-based position within the submission
    text: str  # the opinion as written (original characters)
    start: int  # offsets into Submission.text
    end: int
    heading: str = ""  # 「…について」 heading or item marker context, if any
    status: str = "ok"  # ok | empty | duplicate-of-? (see pipeline)
    channel: str = ""


@dataclass(frozen=True)
class Cluster:
    cluster_id: str
    opinion_ids: tuple[str, ...]
    size: int  # number of opinions (duplicates included)
    representative: str  # opinion_id of the representative opinion
    label: str = ""
    keywords: tuple[str, ...] = ()
    topic: str = ""
    topic_score: float = 0.0
    references: tuple[str, ...] = ()  # 「7頁」「別添1」「第3条」 found in its opinions
    unique_texts: int = 0  # distinct duplicate groups inside
    label_edited: bool = False  # the label comes from a staff decision
    confirmed: bool = False  # staff confirmed this grouping
    summary: str = ""  # ご意見の概要 written by staff (a decision); empty: the representative opinion
    category: str = ""  # 対応区分 staff gave the row (a code of the run's categories), else ""
    section: str = ""  # 該当箇所 staff wrote for the row (a ``section`` decision), else "": the run's own
    # opinions in duplicate groups of dedup.CAMPAIGN_MIN_COPIES or more (a form-letter campaign)
    campaign_copies: int = 0
    department: str = ""  # 担当課 staff assigned the row (a ``department`` decision), else "": not published


@dataclass(frozen=True)
class PastAnswer:
    """One reusable answer from an earlier consultation."""

    answer_id: str
    opinion: str  # past opinion summary (ご意見の概要)
    answer: str  # the answer text (市の考え方)
    source: str = ""  # consultation name / file
    date: str = ""
    department: str = ""


@dataclass(frozen=True)
class AnswerCandidate:
    query_id: str  # cluster_id, or a query row id for `cluster answers`
    rank: int  # 1 = best
    answer_id: str
    score: float
    past_opinion: str
    answer: str
    source: str = ""
    # For a cluster: its sentence that matched this past answer best (the score is the mean
    # of that sentence's score and the whole cluster's). Empty for single-query searches.
    matched_sentence: str = ""
    department: str = ""  # the department that wrote the past answer (担当課), if the table says
    # For a cluster whose matched sentence is another opinion's than the representative (the one the
    # report shows): the score against the representative's own sentences and the whole cluster; None
    # when the representative's sentence matched (or for single queries)
    shown_score: float | None = None


@dataclass(frozen=True)
class Decision:
    """A staff decision, appended to decisions.jsonl. Names the opinions it concerns."""

    kind: str  # merge | move | split | label | answer | confirm
    opinion_ids: tuple[str, ...]
    by: str
    at: str  # ISO time
    value: dict = field(default_factory=dict)  # label text, answer id/text, target cluster ...
