"""対応区分: how the answer treats a row of opinions, published next to the 考え方.

Many result documents classify every row and count the rows per class above the table
(「A 意見を踏まえ案を修正したもの 3件、B 既に案に盛り込まれているもの 12件 …」). The classes
differ between offices, so a run takes them from ``--categories FILE`` (one per line: a short
code and what it means, 「A,ご意見を踏まえ案を修正したもの」 or 「ア　…」), else the scheme below,
and keeps them in run.json: ``cluster review category DIR C3 参考`` then checks the value
against the classes of the run it is recorded in.

A value is found by its code (「A」, 「ａ」), by the code in front of its name as a dropdown
shows it (「A：ご意見を…」), by its whole name, or by a word only one name holds (「参考」 → C).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .io import InputError


@dataclass(frozen=True)
class Category:
    code: str  # what the table's 対応区分 column shows (A, B, ア …)
    name: str  # what it means, in the count lines (「今後の参考とするもの」); may be empty

    @property
    def shown(self) -> str:
        """「A：今後の参考とするもの」, as the worksheet's dropdown lists it."""
        return f"{self.code}：{self.name}" if self.name else self.code


DEFAULT_CATEGORIES = (
    Category("A", "ご意見を踏まえ案を修正したもの"),
    Category("B", "ご意見の趣旨が既に案に盛り込まれているもの"),
    Category("C", "今後の取組の参考とするもの"),
    Category("D", "案に反映しなかったもの"),
    Category("E", "その他（ご質問・ご感想など）"),
)

# between a code and its name in a line of a --categories file or a dropdown value
_SEPARATOR_RE = re.compile(r"\s*[,，、:：.．)）\t]\s*|\s+")
MAX_CODE = 6  # a code is short: 「A」「ア」「反映」; a longer first field is a name without a code


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().upper()


def parse_categories(lines: Iterable[str], where: str = "categories") -> tuple[Category, ...]:
    """Categories from lines 「code,name」「code：name」「code name」 or 「code」 alone; blank lines
    and lines starting with # are skipped. A header line 「記号,区分」 is not a category."""
    out: list[Category] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        line = unicodedata.normalize("NFKC", line).strip().strip("\ufeff")
        if not line or line.startswith("#"):
            continue
        parts = _SEPARATOR_RE.split(line, maxsplit=1)
        code, name = (parts[0], parts[1].strip()) if len(parts) == 2 else (line, "")
        if len(code) > MAX_CODE:
            raise InputError(f"{where}, line {number}: 「{line[:30]}」 has no short code in front (「A,ご意見を踏まえ案を"
                             f"修正したもの」); codes are at most {MAX_CODE} characters")
        if not out and _key(code) in ("記号", "区分", "CODE", "対応区分"):
            continue  # a header line
        if _key(code) in seen:
            raise InputError(f"{where}, line {number}: code {code} is also on line {seen[_key(code)]}; give each "
                             "category its own code")
        seen[_key(code)] = number
        out.append(Category(code, name))
    if not out:
        raise InputError(f"{where}: no categories in it; write one per line, e.g. 「A,ご意見を踏まえ案を修正したもの」")
    return tuple(out)


def read_categories(path: str | Path) -> tuple[Category, ...]:
    """``parse_categories`` of a text or CSV file in UTF-8 (with or without BOM) or CP932."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: not a text file; write the categories one per line (「A,…」)")
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{path}: neither UTF-8 nor Shift_JIS (CP932) text")
    return parse_categories(text.splitlines(), str(path))


def to_json(categories: Sequence[Category]) -> list[list[str]]:
    return [[c.code, c.name] for c in categories]


def from_json(value) -> tuple[Category, ...]:
    """The categories a run kept in run.json; the default ones for a run folder older than them."""
    try:
        out = tuple(Category(str(code), str(name)) for code, name in value)
    except (TypeError, ValueError):
        return DEFAULT_CATEGORIES
    return out or DEFAULT_CATEGORIES


def find_category(value: str, categories: Sequence[Category]) -> Category:
    """The category ``value`` names (see the module doc); InputError with the choices otherwise."""
    key = _key(value)
    if not key:
        raise InputError("the category is empty; " + choices(categories))
    by_code = {_key(c.code): c for c in categories}
    if key in by_code:
        return by_code[key]
    parts = _SEPARATOR_RE.split(key, maxsplit=1)
    if len(parts) == 2 and parts[0] in by_code:  # 「A：ご意見を…」 as the dropdown shows it
        return _code_with_name(value, by_code[parts[0]], parts[1], categories)
    named = [c for c in categories if c.name and _key(c.name) == key]
    if named:
        return named[0]
    word = _VERB_END_RE.sub("", key)  # 「参考にする」「修正します」: the word itself
    if not _CONTENT_RE.search(word):  # 「その」「もの」 name no category, whatever names hold them
        raise InputError(f"「{value}」 is not one of this run's categories (対応区分); " + choices(categories))
    holding = [c for c in categories if c.name and _holds(_key(c.name), word)]
    if len(holding) == 1:
        return holding[0]
    if len(holding) > 1:
        raise InputError(f"「{value}」 is in more than one category ({', '.join(c.code for c in holding)}); "
                         "write the code; " + choices(categories))
    negated = [c for c in categories if c.name and word in _key(c.name)]
    if negated:  # 「反映」: only in 「案に反映しなかったもの」, the opposite of what it says
        raise InputError(f"「{value}」 is only in {', '.join(c.shown for c in negated)}, which says the opposite; "
                         "write the code; " + choices(categories))
    raise InputError(f"「{value}」 is not one of this run's categories (対応区分); " + choices(categories))


# 「する」「します」「とする」「にする」 after the word staff mean: 「参考にする」 is 「参考」
_VERB_END_RE = re.compile(r"(?:に|と)?(?:する|します|した|したい)$")
_CONTENT_RE = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ffA-Z0-9]")  # a kanji, katakana, letter or digit


def _code_with_name(value: str, category: Category, name: str, categories: Sequence[Category]) -> Category:
    """「ア：計画案に反映しないもの」: the code, unless the text after it is another category's name
    (a dropdown value edited by hand, or a mistyped code): then the two disagree and neither is
    taken (QA: ア was recorded for エ's name)."""
    def matches(c: Category) -> bool:
        own = _key(c.name)
        return bool(own) and (name == own or name in own or own in name)

    if matches(category):
        return category
    others = [c for c in categories if c is not category and matches(c)]
    if others:
        raise InputError(f"「{value}」 gives the code {category.code} ({category.name}) with the name of "
                         f"{others[0].code} ({others[0].name}); write one of them")
    return category


# a word the name negates right after it: 「反映」 is not 「案に反映しなかったもの」
_NEGATED_RE = re.compile(r"(?:し|でき|され|せ|させ)?(?:な|ず|ぬ)")


def _holds(name: str, word: str) -> bool:
    """Whether ``name`` uses ``word`` as it is, not negated right after it."""
    start = name.find(word)
    while start >= 0:
        if not _NEGATED_RE.match(name, start + len(word)):
            return True
        start = name.find(word, start + 1)
    return False


def choices(categories: Sequence[Category]) -> str:
    return "one of: " + "; ".join(c.shown for c in categories)


def count_lines(rows: Sequence, categories: Sequence[Category]) -> list[str]:
    """The count lines of the report: rows and opinions per category, in the scheme's order, the
    rows without one last (「未記入」). ``rows`` have ``category`` (a code) and ``count``. A category
    without rows is counted (「0項目」) only once every row has one: before that a 0 says nothing
    (QA41: one row classed gave four lines of 「0項目（意見 0件）」)."""
    if not any(getattr(r, "category", "") for r in rows):
        return []
    by_code = {c.code: c for c in categories}
    lines = []
    known = [c.code for c in categories] + sorted({r.category for r in rows if r.category and r.category not in by_code})
    complete = all(r.category for r in rows)
    for code in known:
        mine = [r for r in rows if r.category == code]
        if not mine and (code not in by_code or not complete):
            continue
        name = by_code[code].name if code in by_code else ""
        what = f"{code}　{name}" if name else code
        lines.append(f"対応区分{what}：{len(mine):,}項目（意見 {sum(r.count for r in mine):,}件）")
    missing = [r for r in rows if not r.category]
    if missing:
        lines.append(f"対応区分未記入：{len(missing):,}項目（意見 {sum(r.count for r in missing):,}件）")
    return lines
