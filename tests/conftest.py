"""Shared fixtures: a small table of Japanese public comments written for these tests.

All texts are invented for the tests (an imagined 「みどり市 公園と図書館の整備計画（案）」);
nothing is copied from third-party data.
"""
from __future__ import annotations

import csv
import functools
from pathlib import Path

import pytest

# --------------------------------------------------------------------------- texts

# The form-letter campaign: one base letter and seven copies with small edits.
CAMPAIGN_BASE = (
    "みどり公園の樹木伐採計画に反対します。"
    "公園の大きな木は地域の財産であり、夏の日陰として子どもや高齢者に欠かせません。"
    "木を切れば鳥や虫のすみかもなくなります。"
    "伐採をやめて、今ある樹木を残した整備計画に見直してください。"
)
CAMPAIGN = [
    CAMPAIGN_BASE,
    CAMPAIGN_BASE,  # an exact copy
    CAMPAIGN_BASE.replace("財産", "宝物"),  # one word changed
    CAMPAIGN_BASE + "私も毎朝この公園を散歩しています。",  # a sentence added
    CAMPAIGN_BASE.replace("木を切れば鳥や虫のすみかもなくなります。", ""),  # a sentence dropped
    CAMPAIGN_BASE + "\n東町在住　佐藤",  # a signature
    CAMPAIGN_BASE + "\n西町在住　鈴木",  # another signature
    "いつもお世話になっております。\n" + CAMPAIGN_BASE.replace("。", "。 "),  # greeting and spaces
]

PARAPHRASE_PARKING = [
    "駅前の駐輪場が足りません。駐輪場を増設してください。",
    "駅の近くに自転車を置く場所が少ないので、駐輪場を増やしてほしい。",
    "駐輪場が不足しているので、駅前に新しい駐輪場を整備してください。",
]
PARAPHRASE_HOURS = [
    "図書館を夜遅くまで開けてほしい。平日は仕事で行けません。",
    "仕事帰りに図書館を使えるよう、閉館時間を遅くしてください。",
    "図書館の開館時間を延長して、平日の夜も利用できるようにしてほしい。",
]

EMAIL_8_ITEMS = (
    "みどり市 公園緑地課 御中\n"
    "いつもお世話になっております。\n"
    "計画案を拝見し、気になった点を挙げます。\n"
    "１．第2章の人口推計の根拠を示してください。\n"
    "２．公園の照明をLEDに切り替えてください。\n"
    "３．図書館の自習室を増やしてほしい。\n"
    "４．遊具の安全点検の頻度を上げてください。\n"
    "５．公園の駐車場を有料化することには反対です。\n"
    "６．障害のある方も使えるトイレを整備してください。\n"
    "７．図書館の電子書籍サービスを始めてほしい。\n"
    "８．計画の進み具合を毎年公表してください。\n"
    "以上、よろしくお願いいたします。"
)

PHONE = "090-1234-5678"
PHONE_FULL = "０３－１２３４－５６７８"
EMAIL = "taro.yamada@example.jp"
POSTAL = "〒123-4567"
STREET = "みどり市東町1丁目2番3号"
MYNUMBER = "123456789012"

PERSONAL_TEXT = (
    "氏名：山田太郎\n"
    f"電話：{PHONE}\n"
    f"メール：{EMAIL}\n"
    f"{POSTAL} {STREET}\n"
    "公園にドッグランを作ってください。犬の散歩をする人が多いので、柵で囲った広場があると安心です。"
)
PERSONAL_INLINE = (
    f"図書館の予約システムが使いにくいです。会員番号{MYNUMBER}で何度もエラーになりました。"
    f"連絡は{PHONE_FULL}または{EMAIL}までお願いします。"
)

# (受付番号, 提出方法, 氏名, ご意見)
COMMENT_ROWS: list[tuple[str, str, str, str]] = [
    ("A-001", "電子メール", "",
     "(1)中央図書館の開館時間を平日は夜8時まで延長してほしい。\n"
     "(2)図書館の駐車場が狭いので拡張してください。\n"
     "(3)子ども向けの読み聞かせ会を増やしてほしい。"),
    ("A-002", "郵送", "",
     "①公園のトイレを洋式に改修してください。\n②公園の遊具が古くなっているので、点検を増やしてください。"),
    ("A-003", "FAX", "",
     "（１）計画案の第3条にある整備期間が長すぎます。\n（２）7頁の地図が小さくて読めません。拡大した図を載せてください。"),
    ("A-004", "持参", "",
     "一、図書館の蔵書を増やしてほしい。\n二、公園に日陰を作るため樹木を植えてほしい。"),
    ("A-005", "電子メール", "",
     "・駅前広場にベンチを置いてください。\n・駅前広場の照明を明るくしてください。"),
    ("A-006", "郵送", "",
     "公園の整備について\n芝生広場をもっと広くしてほしい。\n"
     "図書館の運営について\n指定管理者制度の導入には反対です。"),
]
COMMENT_ROWS += [(f"A-{7 + i:03d}", "電子メール" if i % 2 else "郵送", "", text)
                 for i, text in enumerate(CAMPAIGN)]  # A-007 .. A-014
COMMENT_ROWS += [
    ("A-015", "電子メール", "", PARAPHRASE_PARKING[0]),
    ("A-016", "FAX", "", PARAPHRASE_PARKING[1]),
    ("A-017", "持参", "", PARAPHRASE_PARKING[2]),
    ("A-018", "電子メール", "", PARAPHRASE_HOURS[0]),
    ("A-019", "郵送", "", PARAPHRASE_HOURS[1]),
    ("A-020", "電子メール", "", PARAPHRASE_HOURS[2]),
    ("A-021", "郵送", "", ""),  # empty row
    ("A-022", "電子メール", "", "特になし"),
    ("A-023", "持参", "", "　 "),  # blanks only
    ("A-024", "電子メール", "山田太郎", PERSONAL_TEXT),
    ("A-025", "電子メール", "", PERSONAL_INLINE),
    ("A-026", "電子メール", "", EMAIL_8_ITEMS),
    ("A-027", "郵送", "", "1.5倍に増える利用者に対応するため、図書館の閲覧席を増やしてください。"),
    ("A-028", "電子メール", "", "=HYPERLINK(\"http://example.com\") 計算式のような書き出しの意見です。"),
]
COMMENT_HEADER = ["受付番号", "提出方法", "氏名", "ご意見"]
CAMPAIGN_IDS = [f"A-{7 + i:03d}" for i in range(len(CAMPAIGN))]


def write_comments_csv(path: Path, rows=None, encoding: str = "utf-8-sig", header=None) -> Path:
    rows = COMMENT_ROWS if rows is None else rows
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header or COMMENT_HEADER)
        writer.writerows(rows)
    return path


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@functools.lru_cache(maxsize=1)
def _default_model_loads() -> bool:
    from cluster import load_encoder

    try:
        load_encoder(None)
    except Exception:  # noqa: BLE001 - the default model is not built yet
        return False
    return True


def model_args() -> list[str]:
    """[] when the shipped default model loads, else the dependency-free char-hash model."""
    return [] if _default_model_loads() else ["--model", "char-hash"]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def comments_csv(tmp_path) -> Path:
    return write_comments_csv(tmp_path / "comments.csv")


@pytest.fixture(scope="session")
def session_comments_csv(tmp_path_factory) -> Path:
    return write_comments_csv(tmp_path_factory.mktemp("input") / "comments.csv")


@pytest.fixture(scope="session")
def past_answers_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("past") / "past_answers.csv"
    rows = [
        ("1", "図書館の開館時間を夜まで延長してほしい。",
         "平日の開館時間を午後8時まで延長する方向で検討してまいります。", "令和5年 図書館計画"),
        ("2", "駅前の駐輪場を増やしてほしい。",
         "駅前の駐輪需要を調査し、駐輪場の増設を検討してまいります。", "令和4年 交通戦略"),
        ("3", "公園の樹木を伐採しないでほしい。",
         "公園の樹木は安全上必要な場合を除き保全する方針です。", "令和3年 緑の基本計画"),
        ("4", "公園のトイレを改修してほしい。",
         "老朽化したトイレから順に洋式化を進めてまいります。", "令和5年 公園計画"),
    ]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["No.", "ご意見の概要", "市の考え方", "出典"])
        writer.writerows(rows)
    return path


@pytest.fixture(scope="session")
def topics_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("topics") / "topics.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["topic", "description"])
        writer.writerows([
            ("第1章 図書館の整備", "図書館 開館時間 蔵書 閲覧席 自習室 電子書籍 読み聞かせ"),
            ("第2章 公園の整備", "公園 樹木 伐採 遊具 トイレ 芝生 日陰 ドッグラン"),
            ("第3章 駅前の整備", "駅前 駐輪場 自転車 広場 ベンチ 照明"),
        ])
    return path


# Shared by the review, worksheet and re-run tests (CLI runs into a folder, then its CSVs read back).
def split_texts(text: str) -> list[str]:
    """The texts of the segments ``split_submission`` cuts ``text`` into, in order."""
    from cluster.split import split_submission

    return [text[s.start:s.end] for s in split_submission(text)]


def write_csv(path: Path, header, rows) -> Path:
    return write_comments_csv(path, rows, header=header)


def assert_masked(text: str, names=(), secrets=(), kept=()) -> None:
    """``mask_personal_data(text, names)`` leaves none of ``secrets`` and every one of ``kept``."""
    from cluster.mask import mask_personal_data

    out = mask_personal_data(text, names)
    for secret in secrets:
        assert secret not in out, out
    for word in kept:
        assert word in out, out


def write_sheet(path: Path, rows, merges=(), hidden=()) -> Path:
    """An Excel file of ``rows`` (the first is the header, or a title above it) on a sheet 意見一覧,
    with the cell ranges ``merges`` merged and the rows ``hidden`` (numbers) hidden. A formula
    (「=ROW()」) is saved with no calculated value, as a form system's export is."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "意見一覧"
    for row in rows:
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    for number in hidden:
        ws.row_dimensions[number].hidden = True
    wb.save(path)
    return path


def invoke(*args):
    """``cluster ARGS`` in-process (click's runner), exceptions raised rather than caught."""
    from click.testing import CliRunner

    from cluster.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def cluster_of(out: Path) -> dict[str, str]:
    """opinion_id -> cluster_id in the run folder's opinions.csv."""
    return {r["opinion_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv")}


def write_workbook(path: Path, sheets: dict) -> Path:
    """An Excel file with one sheet per entry of ``sheets`` ({sheet name: rows, the header first})."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


# A town's library plan (imagined): opinions several review tests share
LIBRARY_HEADER = ["受付番号", "ご意見"]
LIBRARY_ROWS = [
    ["L1", "東分館を廃止する案には反対です。東分館を残してください。"],
    ["L2", "東分館の廃止はやめてほしい。歩いて行ける図書館がなくなります。"],
    ["L3", "東分館を閉館しないでください。地域の居場所です。"],
    ["L4", "図書館の開館時間を夜八時まで延長してほしい。"],
    ["L5", "仕事帰りに使えるよう、図書館の開館時間を延長してください。"],
    ["L6", "電子書籍の貸出サービスを始めてほしい。"],
    ["L7", "電子図書館を早く導入してください。"],
    ["L8", "図書館の民間委託はやめてください。市が直接運営すべきです。"],
]


def run_folder(tmp_path: Path, header, rows, *extra):
    """A run of ``rows`` (char-hash model) into tmp_path/out: (out, a function running it again,
    opinion -> cluster of the first run)."""
    comments = write_csv(tmp_path / "comments.csv", header, rows)
    out = tmp_path / "out"

    def run():
        res = invoke("run", comments, "--out", out, "--model", "char-hash", *extra)
        assert res.exit_code == 0, res.output
        return res

    run()
    return out, run, cluster_of(out)
