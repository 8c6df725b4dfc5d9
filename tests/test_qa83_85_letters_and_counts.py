"""QA83–QA85 (a first-time user in Japanese, the published formats, the forms letters take):
reasons listed under a claim stay that one opinion, sides taken on two chapters are two, a
two-column TAB table and 「その1」「その2」 give one opinion per item, a closing greeting paragraph
is no part of the last opinion, a URL's 「?」 ends no sentence, a count sheet before the comments is
passed over, namesakes at different addresses are two submitters, and the Japanese help says what
DIR and CLUSTER_ID are.

The letters were written for these tests (an imagined city's plan for its public buildings).
"""
from __future__ import annotations

import re

import pytest

from conftest import invoke, read_csv_rows, split_texts, write_csv, write_workbook


# --- reasons listed under a claim: one opinion ----------------------------------------------------

@pytest.mark.parametrize("letter", [
    "西公民館の廃止に反対です。理由は次の3点です。\n1. 地区内に代わりとなる集会施設がないこと。\n"
    "2. 災害時の指定避難所であること。\n3. 2019年に耐震改修を終えたばかりであること。\n以上の理由から、西公民館の存続を強く求めます。",
    "第4章の図書館と公民館の複合化に賛成します。その理由は以下のとおりです。\n①利用者が相互に行き来することで、両施設の利用が増える。\n"
    "②窓口や管理を一本化でき、経費が削減できる。\n③建物が新しくなり、バリアフリー化が進む。",
    "北体育館を廃止せず、存続させることを求めます。\n理由\n・市北部には他に体育館がない\n・スポーツ少年団が平日夜に毎日使っている\n"
    "・選挙の投票所になっている",
    "東図書館を残してください。なぜなら、\n(1)近隣に3つの小学校があり、子どもが放課後に利用している\n"
    "(2)中央図書館までは車で20分かかり、子どもだけでは行けない\nからです。",
    "統廃合の対象から南児童館を外すべきだと考えます。理由は次のとおりです。\n１．南地区は子育て世帯が増加しており、利用者数は5年間で1.5倍になっている。\n"
    "２．近隣の児童館は定員を超えており、統合すると受け入れられない。",
    "次の理由から計画に反対です。\n1. 費用が高すぎる。\n2. 利用者が少ない。",
    # QA86: a reason that says what should be done, or names a wish, is still a reason
    "第3章の住宅への太陽光発電設備の設置義務化に反対です。理由は次の3点です。\n1. 設置費用が市民の大きな負担になる。\n"
    "2. 北向きの住宅では効果が薄い。\n3. まずは市の公共施設への導入を優先するべきだ。",
    "第4章の緑被率の目標を30％に引き上げてください。\n理由\n・近隣市はすでに30％を目標にしている。\n"
    "・市民アンケートでも緑の保全を望む声が最も多い。\n・目標を高く掲げることが必要だと考える。",
    # a judgement of the draft is the claim the reasons follow
    "第3章の温室効果ガス削減目標は不十分だと考えます。理由は次のとおりです。\n1. 国の目標と同じ水準にとどまっている。\n"
    "2. 近隣の先進自治体は50％以上を掲げている。\n以上から、目標を引き上げていただきたく存じます。",
])
def test_reasons_listed_under_a_claim_are_that_one_opinion(letter):
    assert split_texts(letter) == [letter]


@pytest.mark.parametrize("letter, first", [
    # the items are what is asked (「次の2点を求めます」), each an opinion
    ("以下の理由から、次の2点を求めます。\n1. 駐輪場を増やすこと\n2. 街灯を増やすこと", "駐輪場を増やすこと"),
    # an item that asks is an opinion, reasons announced or not
    ("計画に賛成です。理由は次のとおりです。\n1. 駅前が便利になる。\n2. 駐輪場を増やしてください。", "駅前が便利になる。"),
    # 「次のとおり要望します」: the items (noun phrases) are what is asked, reasons mentioned or not (QA86)
    ("近年の猛暑を踏まえ、以下の理由により、次のとおり要望します。\n1. 公園へのミストシャワーの設置\n2. 街路樹の植栽の拡充",
     "公園へのミストシャワーの設置"),
])
def test_items_that_are_the_requests_stay_opinions(letter, first):
    texts = split_texts(letter)
    assert len(texts) == 3 and texts[1] == first


def test_reasons_run_into_the_pipeline_as_one_counted_opinion(tmp_path):
    letter = ("西公民館の廃止に反対です。理由は次の3点です。\n1. 地区内に代わりとなる集会施設がないこと。\n"
              "2. 災害時の指定避難所であること。\n3. 耐震改修を終えたばかりであること。")
    rows = [["G1", "電子メール", letter], ["G2", "郵送", "図書館の開館時間を延長してください。"]]
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "提出方法", "ご意見"], rows), "--out", out,
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output
    ok = [r for r in read_csv_rows(out / "opinions.csv") if r["comment_id"] == "G1" and r["status"] == "ok"]
    assert len(ok) == 1 and "耐震改修" in ok[0]["text"] and "廃止に反対" in ok[0]["text"]


# --- sides taken on different parts of the draft -------------------------------------------------

@pytest.mark.parametrize("letter, second", [
    ("第2章の公民館の統廃合に反対です。\n\n第4章の図書館の指定管理には賛成です。", "第4章の図書館の指定管理には賛成です。"),
    ("第2章の施設の統廃合には反対です。地域の集会所がなくなると高齢者の居場所が失われます。\n\n"
     "第4章の複合化については賛成です。図書館と公民館を一つにまとめれば利用しやすくなると思います。",
     "第4章の複合化については賛成です。図書館と公民館を一つにまとめれば利用しやすくなると思います。"),
    ("第2章で統廃合の対象とされている東地区公民館は、老人クラブが週3回利用しております。どうか存続をご検討ください。\n\n"
     "また、第4章の複合化施設については、入口の段差をなくし、手すりを設置していただきたく存じます。",
     "また、第4章の複合化施設については、入口の段差をなくし、手すりを設置していただきたく存じます。"),
])
def test_sides_taken_on_two_chapters_are_two_opinions(letter, second):
    texts = split_texts(letter)
    assert len(texts) == 2 and texts[1] == second


@pytest.mark.parametrize("letter", [
    # the same chapter, or one inside it: one opinion
    "第2章の統廃合に反対です。\n\n第2章第1節にあるとおり、集会所は地域の大切な場所です。",
    # a chapter named as the source of a figure, no side taken in that paragraph
    "計画には賛成です。\n\n第1章の人口推計によれば、利用者は減っていきます。",
])
def test_one_opinion_citing_two_places_stays_one(letter):
    assert split_texts(letter) == [letter]


def test_a_side_taken_then_a_new_point_asking_another_thing_are_two():
    letter = "文化会館の建て替えには賛成です。さらに、市役所本庁舎の窓口の土日開庁も検討してください。"
    assert split_texts(letter) == ["文化会館の建て替えには賛成です。", "さらに、市役所本庁舎の窓口の土日開庁も検討してください。"]


@pytest.mark.parametrize("letter, second", [
    ("第3章の自転車専用レーンの整備には賛成です。一方、第4章の中央公園の樹木を伐採する計画には反対です。",
     "一方、第4章の中央公園の樹木を伐採する計画には反対です。"),
    ("第6章の計画の推進について、市民向けの報告会を毎年開いてください。\n末筆ながら、計画の策定後には地区ごとの説明会を"
     "開催していただきたく存じます。", "末筆ながら、計画の策定後には地区ごとの説明会を開催していただきたく存じます。"),
])
def test_ippou_and_mappitsu_open_a_new_point(letter, second):
    assert split_texts(letter)[1:] == [second]


def test_a_lead_asking_for_the_points_below_is_no_opinion_of_its_own():
    from cluster.split import split_submission

    letter = "第6章の推進体制について、次の2点を求めます。\n1. 環境審議会に公募市民枠を設けること。\n2. 計画の進捗状況を毎年公表すること。"
    segs = split_submission(letter)
    assert [s.closing for s in segs] == [True, False, False]


def test_a_concession_is_no_side_of_its_own():
    letter = "計画には賛成ですが、駐輪場を増やしてください。"
    assert split_texts(letter) == [letter]


# --- a greeting paragraph closing the letter -------------------------------------------------------

def test_closing_wishes_are_a_greeting_not_the_end_of_the_opinion(tmp_path):
    letter = ("市民会館の廃止案を撤回してください。文化団体の発表の場がなくなります。\n\n"
              "末筆ながら、皆様のますますのご健勝をお祈り申し上げます。")
    assert split_texts(letter) == ["市民会館の廃止案を撤回してください。文化団体の発表の場がなくなります。",
                                   "末筆ながら、皆様のますますのご健勝をお祈り申し上げます。"]
    rows = [["F1", "郵送", letter], ["F2", "郵送", "図書館の開館時間を延長してください。"]]
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "提出方法", "ご意見"], rows), "--out", out,
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output
    status = {r["text"]: r["status"] for r in read_csv_rows(out / "opinions.csv")}
    assert status["末筆ながら、皆様のますますのご健勝をお祈り申し上げます。"] == "greeting"
    assert "ご健勝" not in (out / "report.md").read_text(encoding="utf-8")


# --- tables and labels -----------------------------------------------------------------------------

@pytest.mark.parametrize("letter, items", [
    ("No.\t意見\n1\t第2章の統廃合で廃止される施設の利用者への代替策を示してください。\n2\t複合化施設は駅から徒歩圏内にしてください。",
     ["第2章の統廃合で廃止される施設の利用者への代替策を示してください。", "複合化施設は駅から徒歩圏内にしてください。"]),
    ("以下のとおり意見を提出します。\n番号\tご意見\n1\t市民会館の大ホールは残してください。\n2\t楽屋は文化団体に貸し出してください。",
     ["市民会館の大ホールは残してください。", "楽屋は文化団体に貸し出してください。"]),
])
def test_a_two_column_tab_table_gives_one_opinion_per_row(letter, items):
    from cluster.split import split_submission

    segs = [s for s in split_submission(letter) if not s.closing]
    assert [letter[s.start:s.end] for s in segs] == items
    assert [s.marker for s in segs] == ["1", "2"]


def test_two_cells_without_a_number_head_are_no_table():
    letter = "駐輪場\t意見\n駅前の駐輪場を増やしてください。"
    assert len(split_texts(letter)) == 1


def test_sono_numbers_mark_items():
    letter = ("その1\u3000第3章の施設カルテの築年数が誤っています。確認してください。\n"
              "その2\u3000第4章の複合化の事例として、近隣市の成功例を紹介してください。")
    assert split_texts(letter) == ["第3章の施設カルテの築年数が誤っています。確認してください。",
                                   "第4章の複合化の事例として、近隣市の成功例を紹介してください。"]
    assert len(split_texts("その1つ目の理由は費用です。\nその2点について検討してください。")) == 1


# --- a URL inside a sentence -----------------------------------------------------------------------

def test_a_urls_question_mark_ends_no_sentence():
    from cluster.split import split_sentences

    text = "参考資料として https://example.jp/foodloss/report?year=2025&type=a を計画に掲載してください。次に進みます。"
    assert split_sentences(text) == [
        "参考資料として https://example.jp/foodloss/report?year=2025&type=a を計画に掲載してください。", "次に進みます。"]


def test_a_long_opinion_with_a_url_is_published_from_its_start(tmp_path):
    opinion = ("県の食品ロスのページ https://www.pref.example.jp/kankyo/foodloss/index.html?from=top&lang=ja について、"
               "ページの構成が分かりにくく、必要な情報にたどり着けません。トップページから2回のクリックで計画本文に"
               "たどり着けるように改善してください。あわせてPDFだけでなくHTML版も用意してください。スマートフォンで"
               "読む人が多いので、文字の大きさも見直してください。")
    rows = [["U1", "電子メール", opinion], ["U2", "郵送", "図書館の開館時間を延長してください。"]]
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "提出方法", "ご意見"], rows), "--out", out,
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| 県の食品ロスのページ" in report
    assert not re.search(r"\| from=top", report)


# --- a count sheet before the comments --------------------------------------------------------------

def test_a_count_sheet_first_is_passed_over_for_the_comments(tmp_path):
    book = write_workbook(tmp_path / "意見.xlsx", {
        "集計": [["提出方法", "件数"], ["電子メール", 2], ["郵送", 1]],
        "意見一覧": [["受付番号", "提出方法", "ご意見"], ["A1", "電子メール", "図書館の開館時間を延長してください。"],
                  ["A2", "電子メール", "駅前の駐輪場を増やしてください。"], ["A3", "郵送", "公園のトイレを洋式にしてください。"]],
    })
    out = tmp_path / "out"
    res = invoke("run", book, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "sheet 意見一覧" in res.output and "集計" in res.output
    assert [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")] == ["A1", "A2", "A3"]


def test_a_workbook_with_no_comment_sheet_still_says_which_sheets_it_has(tmp_path):
    book = write_workbook(tmp_path / "集計.xlsx", {"集計": [["提出方法", "件数"], ["電子メール", 2]],
                                                 "メモ": [["日付", "件数"], ["1/10", 3]]})
    res = invoke("run", book, "--out", tmp_path / "out", "--model", "char-hash")
    assert res.exit_code != 0
    assert "集計" in res.output and "メモ" in res.output and "Traceback" not in res.output


# --- namesakes at different addresses ----------------------------------------------------------------

def test_namesakes_at_different_addresses_are_two_submitters(tmp_path):
    header = ["受付番号", "提出方法", "氏名", "住所", "ご意見"]
    rows = [["R1", "電子メール", "橋本 誠", "みどり野市中央3丁目5番2号", "駅前の駐輪場を増やしてください。"],
            ["R2", "郵送", "橋本誠", "みどり野市桜ヶ丘2-4-1", "図書館の開館時間を延長してください。"],
            ["R3", "郵送", "橋本　誠", "みどり野市中央3-5-2", "公園のトイレを洋式にしてください。"],
            ["R4", "FAX", "山田 花子", "", "バスの本数を増やしてください。"]]
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", header, rows), "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "address = 住所" in res.output
    report = (out / "report.md").read_text(encoding="utf-8")
    # R1 and R3 write one address two ways: one person; R2 lives elsewhere
    assert "提出者数：3名（提出件数 4件。同一の氏名・住所による提出は1名として計上）" in report
    assert "桜ヶ丘" not in report


def test_without_an_address_column_a_name_counts_once(tmp_path):
    header = ["受付番号", "提出方法", "氏名", "ご意見"]
    rows = [["R1", "電子メール", "橋本 誠", "駅前の駐輪場を増やしてください。"],
            ["R2", "郵送", "橋本誠", "図書館の開館時間を延長してください。"]]
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", header, rows), "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    assert "提出者数：1名（提出件数 2件。同一の氏名による提出は1名として計上）" in (out / "report.md").read_text(encoding="utf-8")


def test_a_repeat_by_a_namesake_elsewhere_is_no_repeat(tmp_path):
    header = ["受付番号", "提出方法", "氏名", "住所", "ご意見"]
    letter = "自転車道を車道から分離してください。"
    rows = [["R1", "電子メール", "橋本 誠", "みどり野市中央3丁目", letter],
            ["R2", "郵送", "橋本 誠", "みどり野市桜ヶ丘2丁目", letter],
            ["R3", "郵送", "橋本 誠", "みどり野市中央3丁目", letter]]
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", header, rows), "--out", out, "--model", "char-hash",
                 "--count-repeats", "once")
    assert res.exit_code == 0, res.output
    status = {r["comment_id"]: r["status"] for r in read_csv_rows(out / "opinions.csv")}
    assert status == {"R1": "ok", "R2": "ok", "R3": "repeat"}


def test_address_key_reads_one_address_written_two_ways():
    from cluster.io import address_key

    assert address_key("〒123-4567 みどり野市北町4丁目18番19号") == address_key("みどり野市北町４－１８－１９")
    assert address_key("みどり野市北町4丁目18-19") != address_key("みどり野市北町4丁目18-20")


# --- Japanese help and lines --------------------------------------------------------------------------

def test_japanese_help_says_what_the_placeholders_are():
    res = invoke("review", "answer", "--help", "--lang", "ja")
    assert res.exit_code == 0
    assert "DIR：実行フォルダ（cluster run の --out" in res.output
    assert "CLUSTER_ID：項目ID" in res.output
    res = invoke("review", "move", "--help", "--lang", "ja")
    assert "OPINION_ID：意見ID" in res.output
    assert "DIR：" not in invoke("run", "--help").output  # English help unchanged


def test_a_cover_sheet_note_is_said_in_japanese():
    from cluster.messages_ja import is_known, translate

    line = "sheet 説明 (「この資料は、…」) skipped: one column, a cover page; read sheet Sheet2 (--sheet NAME reads another)"
    assert is_known(line)
    assert translate(line).startswith("表紙のシート 説明（「この資料は、…」） は読み飛ばしました")


def test_report_html_prints_on_a4_landscape_with_the_header_on_every_page(tmp_path):
    rows = [["H1", "郵送", "図書館の開館時間を延長してください。"], ["H2", "郵送", "駅前の駐輪場を増やしてください。"]]
    out = tmp_path / "out"
    res = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "提出方法", "ご意見"], rows), "--out", out,
                 "--model", "char-hash")
    assert res.exit_code == 0, res.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "@page { size: A4 landscape" in page and "thead { display: table-header-group; }" in page


# --- a text recorded for a row a split recorded since the run takes opinions out of ------------------

def test_an_answer_recorded_after_a_split_is_for_the_opinions_that_stay(tmp_path):
    from conftest import run_folder

    header = ["受付番号", "ご意見"]
    rows = [["A1", "東分館を廃止する案には反対です。東分館を残してください。"],
            ["A2", "東分館の廃止はやめてほしい。東分館を残してください。"],
            ["A3", "東分館の廃止案には反対です。地域のために東分館を残してください。"],
            ["A4", "東分館の廃止に反対します。東分館を残してください。"],
            ["B1", "図書館の開館時間を夜八時まで延長してほしい。"],
            ["B2", "駅前の駐輪場を増やしてください。"]]
    out, run, of = run_folder(tmp_path, header, rows)
    row = of["A1-1"]
    assert of["A2-1"] == of["A3-1"] == of["A4-1"] == row
    res = invoke("review", "split", out, "A2-1", "A3-1", "A4-1")
    assert res.exit_code == 0, res.output
    res = invoke("review", "answer", out, row, "--text", "東分館は当面存続します。")
    assert res.exit_code == 0, res.output
    assert "takes 3 of" in res.output and "recorded for the 1 that stays" in res.output
    run()
    answer_of = {r["cluster_id"]: r for r in read_csv_rows(out / "clusters.csv")}
    now = {r["opinion_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv")}
    assert now["A1-1"] != now["A2-1"] == now["A3-1"] == now["A4-1"]
    report = (out / "report.md").read_text(encoding="utf-8")
    # confirmed on the row that stays (the half split off may show it as a candidate only)
    answered = [line for line in report.splitlines() if line.endswith("| 東分館は当面存続します。 |")]
    assert len(answered) == 1
    assert "東分館を廃止する案には反対です" in answered[0]
    assert answer_of[now["A1-1"]]["answer_status"] == "confirmed"


# --- label words --------------------------------------------------------------------------------------

def test_an_amount_left_without_its_number_and_osore_are_no_keywords():
    from cluster.tokenize import Tokenizer

    words = Tokenizer().keywords("駐輪場の利用料金を月100円以上にすると、利用者が減るおそれがあります。講習は年1回以上にしてください。")
    assert "駐輪場" in words and "利用料金" in words
    assert not {"円以上", "回以上", "おそれ"} & set(words)


# --- QA87: who of one name is who ----------------------------------------------------------------------

def _report_of(tmp_path, *inputs, extra=()):
    out = tmp_path / "out"
    res = invoke("run", *inputs, "--out", out, "--model", "char-hash", *extra)
    assert res.exit_code == 0, res.output
    return res, (out / "report.md").read_text(encoding="utf-8"), out


def test_an_address_left_blank_or_written_otherwise_is_the_same_person(tmp_path):
    header = ["受付番号", "提出方法", "氏名", "住所", "ご意見"]
    rows = [["R1", "電子メール", "林 直子", "みなと市若葉町2-4-6", "駅前の駐輪場を増やしてください。"],
            ["R2", "郵送", "林 直子", "", "図書館の開館時間を延長してください。"],
            ["R3", "郵送", "林 直子", "若葉町二丁目四番六号 グリーンハイツ101号室", "公園のトイレを洋式にしてください。"],
            ["R4", "郵送", "林 直子", "〒123-4567 みなと市若葉町2-4-6", "バスの本数を増やしてください。"],
            ["R5", "FAX", "小林 進", "みなと市旭町1-2", "街灯を増やしてください。"],
            ["R6", "FAX", "小林 進", "みなと市旭町1-23", "歩道を広げてください。"]]
    res, report, _ = _report_of(tmp_path, write_csv(tmp_path / "c.csv", header, rows))
    # 林 直子: one person however her address is written; 小林 進: 旭町1-2 and 1-23 are two
    assert "提出者数：3名（提出件数 6件。同一の氏名・住所による提出は1名として計上）" in report
    assert "1 name at different addresses" in res.output and "小林 進 (2)" in res.output


def test_a_file_without_the_address_column_counts_by_the_name(tmp_path):
    web = write_csv(tmp_path / "web.csv", ["受付番号", "氏名", "住所", "ご意見"],
                    [["W1", "石井 聡", "みなと市東町1-1-1", "駅前の駐輪場を増やしてください。"],
                     ["W2", "鈴木 一郎", "みなと市北町1-2-3", "図書館の開館時間を延長してください。"],
                     ["W3", "鈴木 一郎", "みなと市南町5-6-7", "図書館の開館時間を延長してください。"]])
    post = write_csv(tmp_path / "郵送.csv", ["番号", "氏名", "ご意見"],
                     [["1", "石井 聡", "駅前の駐輪場を増やしてください。"], ["2", "山田 花子", "公園を増やしてください。"]])
    res, report, out = _report_of(tmp_path, web, post, extra=("--count-repeats", "once"))
    # 石井 聡 by post is the web's 石井 聡 (a repeat of his opinion); the two 鈴木 一郎 are two people
    assert "提出者数：4名（提出件数 5件。同一の氏名・住所による提出は1名として計上）" in report
    status = {r["comment_id"]: r["status"] for r in read_csv_rows(out / "opinions.csv")}
    assert status["1"] == "repeat" and status["W1"] == "ok"
    assert not any(r["status"] == "repeat" for r in read_csv_rows(out / "opinions.csv") if r["comment_id"] == "W3")


def test_resolve_addresses_numbers_the_people_of_a_name():
    from cluster.io import person_key, resolve_addresses
    from cluster.records import Submission

    subs = [Submission(1, "a", "x", submitter="鈴木 一郎", address="北町1-2-3"),
            Submission(2, "b", "x", submitter="鈴木一郎", address="南町5-6-7"),
            Submission(3, "c", "x", submitter="鈴木　一郎", address=""),
            Submission(4, "d", "x", submitter="山田 花子", address="東町1"),
            Submission(5, "e", "x", submitter="", address="東町1")]
    out, apart = resolve_addresses(subs)
    assert [s.address for s in out] == ["1", "2", "1", "", ""]
    assert apart == {"鈴木 一郎": 2}
    assert len({person_key(s) for s in out[:3]}) == 2


@pytest.mark.parametrize("order", [("記入例", "意見一覧"), ("意見一覧", "記入例")])
def test_an_example_sheet_with_the_same_columns_is_not_read(tmp_path, order):
    sheets = {"記入例": [["受付番号", "氏名", "ご意見"], ["例", "市民 太郎", "（記入例）○○公園について、ベンチを増やしてください。"]],
              "意見一覧": [["受付番号", "氏名", "ご意見"], ["A1", "山田 花子", "図書館の開館時間を延長してください。"],
                       ["A2", "佐藤 次郎", "駅前の駐輪場を増やしてください。"]]}
    book = write_workbook(tmp_path / "意見.xlsx", {name: sheets[name] for name in order})
    res, report, out = _report_of(tmp_path, book)
    assert [r["comment_id"] for r in read_csv_rows(out / "opinions.csv")] == ["A1", "A2"]
    assert "記入例" in res.output and "（記入例）" not in report
