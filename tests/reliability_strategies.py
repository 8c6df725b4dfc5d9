"""Hypothesis strategies and counters shared by tests/test_reliability*.py and
benchmarks/bench_reliability.py.

Every Japanese sentence here was written for these tests (an imagined city's park and
library plan); nothing is copied from third-party data. ``RELIABILITY_SCALE`` (an
environment variable) multiplies the number of generated examples: the default test run uses
a modest number, the benchmark script thousands. ``RELIABILITY_RANDOM=1`` draws new examples
each time instead of hypothesis' derandomized (repeatable) ones.
"""
from __future__ import annotations

import functools
import os
from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
import pytest

STATS: Counter = Counter()  # what the properties checked: examples, rows, personal data found


def examples(default: int) -> int:
    """Examples per property: ``default`` times RELIABILITY_SCALE (1 in the test run; the
    benchmark script sets more)."""
    scale = float(os.environ.get("RELIABILITY_SCALE") or 1)
    return max(1, int(round(default * scale)))


def prop_settings(default: int, **kw) -> settings:
    return settings(max_examples=examples(default), deadline=None, database=None, derandomize=not os.environ.get(
        "RELIABILITY_RANDOM"), suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                      HealthCheck.filter_too_much], **kw)


# ------------------------------------------------------------------ Japanese text

SENTENCES = [
    "図書館の開館時間を平日は夜九時まで延長してください。",
    "公園のトイレが古いので洋式に改修してほしい。",
    "駅前の駐輪場が足りないので増設を求めます。",
    "計画案の第三章にある整備期間は長すぎると思います。",
    "子育て世代が使いやすい遊具を増やしてください。",
    "樹木の伐採には反対です。日陰がなくなってしまいます。",
    "バスの本数を増やし、高齢者も移動しやすい町にしてほしい。",
    "説明会を土日にも開いてください。",
    "ごみの分別ルールをもっと分かりやすく示してほしい。",
    "市民プールの営業期間を延ばしてください。",
    "防災倉庫の場所を地図で公表してください。",
    "ｶﾀｶﾅの案内板は読みにくいので改善してほしい。",
    "ＬＥＤ照明への切り替えを早めてください。",
]
HEADINGS = ["公園の整備について", "図書館の運営について", "【交通】", "第２章に関する意見", "■駐輪場への意見"]
CLOSINGS = ["以上、よろしくお願いいたします。", "よろしくお願いします。", "以上"]
MARKERS = ["(1)", "（２）", "1.", "２．", "①", "②", "一、", "二、", "・", "●", "- ", "第1点 ", "(一)"]

sentence = st.sampled_from(SENTENCES)
# Arbitrary Unicode (no surrogates, which no file can hold), weighted towards the characters
# that break readers: quotes, separators, newlines, control characters, BOMs.
nasty_char = st.sampled_from(list('",\t\r\n\x00\x01\x07\x0b\x0c\x1b\x7f\x85\x9f\ufeff\u2028\u3000 ;=+-@\'|<>&'))
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
piece = st.one_of(sentence, sentence, any_text, nasty_char, st.sampled_from(HEADINGS + CLOSINGS + MARKERS))
comment_text = st.lists(piece, max_size=8).map("".join)

# CP932 round trips: text the code page can hold (Japanese, ASCII, half-width katakana).
cp932_char = st.characters(codec="cp932", exclude_categories=("Cs",), exclude_characters="¢£¬‖−〜")
cp932_text = st.one_of(
    st.lists(st.one_of(sentence, st.text(alphabet=cp932_char, max_size=20)), max_size=6).map("".join),
)


@st.composite
def structured_submission(draw) -> str:
    """A submission in one of the shapes people write: numbered items, bullets, headings,
    inline ①②, greetings and closings, with stray Unicode in between."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["いつもお世話になっております。", "みどり市 公園緑地課 御中", ""])))
    style = draw(st.sampled_from(["paren", "dot", "circled", "kanji", "bullet", "heading", "inline", "mixed"]))
    n = draw(st.integers(1, 5))
    for k in range(1, n + 1):
        body = draw(st.one_of(sentence, comment_text.filter(lambda t: "\n" not in t and "\r" not in t)))
        if style == "paren":
            lines.append(f"({k}){body}")
        elif style == "dot":
            lines.append(f"{chr(ord('０') + k)}．{body}")
        elif style == "circled":
            lines.append("①②③④⑤"[k - 1] + body)
        elif style == "kanji":
            lines.append("一二三四五"[k - 1] + "、" + body)
        elif style == "bullet":
            lines.append(draw(st.sampled_from(["・", "●", "- "])) + body)
        elif style == "heading":
            lines.append(draw(st.sampled_from(HEADINGS)))
            lines.append(body)
        elif style == "inline":
            lines.append(("①②③④⑤"[k - 1]) + body)
        else:
            lines.append(draw(st.sampled_from(MARKERS + HEADINGS + ["", "　"])) + body)
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(st.sampled_from(["", "　", "  ", draw(comment_text)])))
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(CLOSINGS)))
    joiner = "" if style == "inline" else "\n"
    text = joiner.join(lines)
    if draw(st.integers(0, 5)) == 0:  # leading/trailing blanks
        text = draw(st.sampled_from(["\n", "　", " \n"])) + text + draw(st.sampled_from(["\n", "\n\n", "　"]))
    return text


# ------------------------------------------------------------------ personal data


def _fullwidth(s: str) -> str:
    return s.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))


digits = lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n)  # noqa: E731


@st.composite
def phone(draw) -> str:
    kind = draw(st.sampled_from(["mobile", "tokyo", "area", "paren", "plain", "intl", "spaced", "paren2"]))
    if kind == "mobile":
        s = f"0{draw(st.sampled_from(['70', '80', '90']))}-{draw(digits(4))}-{draw(digits(4))}"
    elif kind == "tokyo":
        s = f"03-{draw(digits(4))}-{draw(digits(4))}"
    elif kind == "area":
        s = f"0{draw(digits(3))}-{draw(digits(2))}-{draw(digits(4))}"
    elif kind == "paren":
        s = f"(0{draw(digits(2))}){draw(digits(3))}-{draw(digits(4))}"
    elif kind == "plain":
        s = f"0{draw(st.sampled_from(['70', '80', '90']))}{draw(digits(8))}"
    elif kind == "spaced":
        s = f"090 {draw(digits(4))} {draw(digits(4))}"
    elif kind == "paren2":
        s = f"03（{draw(digits(4))}）{draw(digits(4))}"
    else:
        s = f"{draw(st.sampled_from(['+', '＋']))}81-90-{draw(digits(4))}-{draw(digits(4))}"
    return _fullwidth(s) if draw(st.booleans()) else s


@st.composite
def email(draw) -> str:
    local = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._", min_size=1, max_size=12)
                 .filter(lambda s: s[0] not in "._" and s[-1] not in "._"))
    domain = draw(st.sampled_from(["example.jp", "mail.example.com", "city.example.lg.jp", "ex-ample.ne.jp"]))
    address = f"{local}@{domain}"
    if draw(st.integers(0, 3)) == 0:  # typed with the IME in full width
        address = address.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    return address


@st.composite
def postal(draw) -> str:
    s = f"〒{draw(digits(3))}-{draw(digits(4))}"
    return _fullwidth(s) if draw(st.booleans()) else s


@st.composite
def mynumber(draw) -> str:
    s = draw(digits(12))
    if draw(st.booleans()):
        s = f"{s[:4]} {s[4:8]} {s[8:]}"
    return _fullwidth(s) if draw(st.booleans()) else s


FAMILY = ["山田", "佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "中村", "小林", "加藤"]
GIVEN = ["太郎", "花子", "一郎", "由美", "健太", "さくら", "翔", "美咲"]


@st.composite
def person_name(draw) -> str:
    sep = draw(st.sampled_from(["", " ", "　"]))
    return draw(st.sampled_from(FAMILY)) + sep + draw(st.sampled_from(GIVEN))


@st.composite
def address(draw) -> str:
    city = draw(st.sampled_from(["みどり市", "青葉区", "桜町", "東京都港区", "北海道札幌市中央区"]))
    town = draw(st.sampled_from(["東町", "本町", "霞が関", "緑ケ丘", "中央"]))
    block = draw(st.sampled_from(["1丁目2番3号", "三丁目4番地", "5-6-7", "12番地", "２丁目３－４"]))
    return city + town + block


@st.composite
def personal_comment(draw) -> tuple[str, dict[str, str], str]:
    """(comment text, {kind: value embedded}, submitter name) in Japanese sentences."""
    items = {
        "phone": draw(phone()), "email": draw(email()), "postal": draw(postal()),
        "number": draw(mynumber()), "name": draw(person_name()), "address": draw(address()),
    }
    label = draw(st.sampled_from(["氏名：", "名前：", "Name: ", "お名前：", "氏名:"]))
    parts = [
        draw(sentence),
        f"{label}{items['name']}",
        draw(st.sampled_from([f"電話は{items['phone']}です。", f"連絡先：{items['phone']}",
                              f"TEL {items['phone']}、平日の昼にお願いします。"])),
        draw(st.sampled_from([f"メール：{items['email']}", f"返信は{items['email']}までお願いします。"])),
        f"住所：{items['postal']} {items['address']}",
        draw(st.sampled_from([f"個人番号は{items['number']}です。", f"マイナンバー{items['number']}"])),
        draw(sentence),
    ]
    order = draw(st.permutations(range(1, 6)))
    body = [parts[0]] + [parts[i] for i in order] + [parts[6]]
    sep = draw(st.sampled_from(["\n", "。", "　", " "]))
    submitter = items["name"] if draw(st.booleans()) else ""
    if submitter and draw(st.booleans()):  # the known submitter also signs the letter
        body.append(draw(st.sampled_from([f"{submitter}より", f"（{submitter}）", f"\n{submitter}", f"{submitter}様"])))
    return sep.join(body), items, submitter


# ------------------------------------------------------------------ fixed inputs for whole runs


def sample_rows(n: int, seed: int = 0) -> list[tuple[str, str, str, str]]:
    """(受付番号, 提出方法, 氏名, ご意見) rows: numbered items, duplicates, personal data,
    formula-like and markup-like text, empty rows. Deterministic for a seed."""
    import random

    rng = random.Random(seed)
    channels = ["郵送", "持参", "FAX", "電子メール"]
    rows = []
    for i in range(n):
        kind = rng.randrange(8)
        name = rng.choice(FAMILY) + rng.choice(GIVEN) if rng.random() < 0.4 else ""
        if kind == 0:
            k = rng.randrange(2, 5)
            text = "\n".join(f"({j + 1}){rng.choice(SENTENCES)}" for j in range(k))
        elif kind == 1:
            text = SENTENCES[0] + SENTENCES[5]  # a campaign letter
        elif kind == 2:
            tel = f"0{rng.choice(['80', '90'])}-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"
            text = (f"{rng.choice(SENTENCES)}\n氏名：{name or '高橋健太'}\n電話：{tel}\n"
                    f"メール：user{i}@example.jp\n〒{rng.randrange(100, 999)}-{rng.randrange(1000, 9999)} "
                    f"みどり市東町{rng.randrange(1, 9)}丁目{rng.randrange(1, 20)}番{rng.randrange(1, 30)}号")
        elif kind == 3:
            text = rng.choice(["=1+2 " , "@SUM(A1) ", "-公園 ", "+図書館 "]) + rng.choice(SENTENCES)
        elif kind == 4:
            text = rng.choice(["<script>alert(1)</script>", "| 列 | 表 |", "[リンク](javascript:alert(1))",
                               '<img src=x onerror="alert(1)">']) + rng.choice(SENTENCES)
        elif kind == 5:
            text = rng.choice(["", "　", "特になし"])
        else:
            text = "".join(rng.sample(SENTENCES, rng.randrange(1, 4)))
        rows.append((f"R-{i + 1:04d}", rng.choice(channels), name, text))
    return rows


def write_rows_csv(path, rows, encoding: str = "utf-8-sig"):
    import csv

    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["受付番号", "提出方法", "氏名", "ご意見"])
        writer.writerows(rows)
    return path


@functools.lru_cache(maxsize=1)
def shared_encoder():
    """One encoder for all reliability runs: the shipped model, or char-hash if it is missing."""
    from cluster import load_encoder

    try:
        return load_encoder(None)
    except Exception:  # noqa: BLE001
        return load_encoder("char-hash")


@pytest.fixture(scope="module", autouse=True)
def one_blas_thread():
    """Two cores shared with other jobs: multi-threaded BLAS spin-waits (eigh of 300x300 took 2 s
    instead of 0.02 s), so the reliability suites run numpy single-threaded. Imported by each
    suite (an autouse fixture applies to the modules that import it)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        yield
