"""Write N synthetic raw public comments with a realistic mix (seeded).

Most rows are copies of a few form letters with small edits (a word swapped, a sentence
added or dropped, a signature); the rest are distinct opinions composed from phrase lists,
some with numbered items. All text is generated here; nothing comes from third-party data.

    python benchmarks/generate_comments.py 100000 /tmp/comments_100k.csv --seed 1
"""
from __future__ import annotations

import argparse
import csv
import random

CHANNELS = ["電子メール"] * 6 + ["郵送"] * 2 + ["FAX", "持参"]

FORM_LETTERS = [
    "計画案第3章で示されている東町線の廃止に反対します。東町線は高齢者や高校生にとって欠かせない路線です。"
    "廃止されれば通院や通学に大きな支障が出ます。東町線を現行のまま存続させてください。",
    "駅前広場の再整備計画に賛成します。歩行者が安心して歩ける広場にしてください。"
    "あわせて、自転車の通行区分を明確にしてください。早期の完成を期待しています。",
    "市民会館の建て替えにあたっては、現在の大ホールの客席数を維持してください。"
    "地域の文化団体が発表の場を失わないよう配慮をお願いします。建設費の内訳も公表してください。",
    "コミュニティバスの運賃値上げに反対します。年金生活の高齢者には大きな負担です。"
    "値上げではなく、広告収入などほかの財源を検討してください。",
]
EXTRA_SENTENCES = ["私の家族も毎日利用しています。", "近所の人も同じ意見です。", "よろしくお願いいたします。",
                   "ぜひ市民の声を聞いてください。", "以上です。"]
SIGNATURES = ["東町在住　山田", "西町　佐藤", "北町在住　鈴木", "（南町　高橋）", ""]
SWAPS = [("欠かせない", "なくてはならない"), ("反対します", "強く反対します"), ("配慮", "ご配慮"),
         ("期待しています", "心待ちにしています"), ("大きな", "非常に大きな"), ("検討して", "ご検討")]

PLACES = ["駅前", "北口", "南口", "東町", "西町", "中央公園", "市役所前", "商店街", "住宅地", "学校周辺",
          "川沿い", "旧市街", "新興住宅地", "病院前", "図書館前", "市民体育館"]
SUBJECTS = ["駐輪場", "自転車レーン", "バス停", "コミュニティバス", "歩道", "街路灯", "横断歩道", "案内標識",
            "シェアサイクル", "公衆トイレ", "ベンチ", "植栽", "防犯カメラ", "点字ブロック", "駐車場", "信号機"]
ISSUES = ["数が足りない", "老朽化している", "夜間に暗い", "段差が多い", "わかりにくい", "混雑している",
          "雨の日に使いにくい", "高齢者に使いにくい", "子どもにとって危険", "維持費がかかりすぎる"]
REQUESTS = ["増やして", "改修して", "見直して", "移設して", "拡充して", "早急に整備して", "撤去して",
            "利用者の意見を聞いて", "わかりやすくして", "安全対策を講じて"]


def _form_copy(rng: random.Random, base: str) -> str:
    text = base
    sentences = [s + "。" for s in text.split("。") if s]
    r = rng.random()
    if r < 0.2 and len(sentences) > 2:
        sentences.pop(rng.randrange(1, len(sentences)))
    elif r < 0.4:
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(EXTRA_SENTENCES))
    text = "".join(sentences)
    if rng.random() < 0.3:
        a, b = rng.choice(SWAPS)
        text = text.replace(a, b)
    sig = rng.choice(SIGNATURES)
    return text + ("\n" + sig if sig else "")


def _opinion(rng: random.Random) -> str:
    return (f"{rng.choice(PLACES)}の{rng.choice(SUBJECTS)}について、{rng.choice(ISSUES)}ので、"
            f"{rng.choice(REQUESTS)}ほしい。")


def _distinct(rng: random.Random) -> str:
    n = rng.choice([1, 1, 1, 2, 3])
    if n == 1:
        return _opinion(rng)
    return "\n".join(f"({k}) {_opinion(rng)}" for k in range(1, n + 1))


def generate(n: int, seed: int = 1, form_share: float = 0.9) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    weights = [0.55, 0.25, 0.15, 0.05]
    for i in range(n):
        if rng.random() < form_share:
            text = _form_copy(rng, rng.choices(FORM_LETTERS, weights)[0])
        else:
            text = _distinct(rng)
        if rng.random() < 0.003:
            text = ""
        rows.append([f"S{i + 1:07d}", rng.choice(CHANNELS), text])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of comments")
    ap.add_argument("out", help="CSV file to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--form-share", type=float, default=0.9, help="share of form-letter copies")
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["受付番号", "提出方法", "ご意見"])
        w.writerows(generate(args.n, args.seed, args.form_share))


if __name__ == "__main__":
    main()
