"""QA32: a prefecture's staff member checked the published files against a gold list of personal
data. Staff named before their title after 担当の, a child's family name before a kana given name
and ちゃん with an age in brackets, a name glued into a label's keyword from a signature, and
articles of other laws taken for places in the draft. Invented texts."""
from __future__ import annotations

import pytest

from cluster import labels
from cluster.labels import ctfidf_keywords, find_references, make_label
from cluster.mask import MASKS, drop_masked_lines, mask_personal_data, only_masks

NAME = MASKS["name"]


# 1. a staff member named before the title after 担当の, as after a department
@pytest.mark.parametrize("text, expected", [
    ("担当の佐藤課長は答えました。", f"担当の{NAME}課長は答えました。"),
    ("担当の佐藤課長（内線1234）に聞きました。", f"担当の{NAME}課長（内線{MASKS['phone']}）に聞きました。"),
    ("担当の鈴木係長が説明した。", f"担当の{NAME}係長が説明した。"),
    ("担当の高橋部長に伝えた。", f"担当の{NAME}部長に伝えた。"),
    ("担当の伊藤主査は不在でした。", f"担当の{NAME}主査は不在でした。"),
    ("担当者の田中課長補佐が来た。", f"担当者の{NAME}課長補佐が来た。"),
    ("道路課の斎藤さんに相談した。", f"道路課の{NAME}さんに相談した。"),
    ("防災課の佐藤様から返事が来た。", f"防災課の{NAME}様から返事が来た。"),
])
def test_a_staff_name_before_a_title_or_honorific_is_masked_and_the_title_stays(text, expected):
    masked = mask_personal_data(text)
    if "内線" in text:  # the extension is no phone number of its own: whatever it becomes, the name goes
        assert masked.startswith(f"担当の{NAME}課長（内線") and "佐藤" not in masked
    else:
        assert masked == expected


@pytest.mark.parametrize("text", [
    "担当の課長は答えました。", "担当部署に聞いた。", "市長は説明した。", "課長会議で決まった。",
    "担当の係長に聞いた。", "道路課の課長が来た。", "担当の職員が来た。", "県議会議員の大川氏が述べた。",
])
def test_titles_and_offices_without_a_name_stay(text):
    assert mask_personal_data(text) == text


# 2. a child's family name and kana given name before ちゃん/くん/君/さん, with or without an age
@pytest.mark.parametrize("text, expected", [
    ("保育園で預かっている青木こうちゃん（2歳）は歩けません。", f"保育園で預かっている{NAME}ちゃん（2歳）は歩けません。"),
    ("保育園で預かっている青木こうちゃんのような子", f"保育園で預かっている{NAME}ちゃんのような子"),
    ("近所の佐藤ハルトくん（3歳）も一緒です。", f"近所の{NAME}くん（3歳）も一緒です。"),
    ("同じ組の山田りくくんは車いすです。", f"同じ組の{NAME}くんは車いすです。"),
    ("隣の田中はるとくん（4歳）と逃げた。", f"隣の{NAME}くん（4歳）と逃げた。"),
])
def test_a_childs_family_and_kana_given_name_are_masked_before_the_suffix(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", [
    "近所の鈴木のおばあちゃんが困っている。", "近所の田中おばさんが言った。", "近所の田中ママさんが来た。",
    "近所の佐藤ねえちゃんが来た。", "近所の田中のみなさんに感謝します。", "近所の鈴木はもうちゃんとした。",
    "赤ちゃんのおむつが足りない。",
])
def test_words_for_family_and_people_after_a_family_name_stay(text):
    assert mask_personal_data(text) == text


# 3. labels and keywords never carry a person's name nor masked data
def test_a_family_name_and_a_katakana_given_name_signing_the_letter_are_masked():
    text = "個別避難計画を早く作ってください。\n［住所］\n佐々木トメ\nＴＥＬ／ＦＡＸ　０２３４－２２－１１３３"
    masked = mask_personal_data(text)
    assert "佐々木" not in masked and "トメ" not in masked
    assert only_masks("ＴＥＬ／ＦＡＸ　［電話番号］")  # full-width labels are labels too
    assert drop_masked_lines(masked) == "個別避難計画を早く作ってください。"


@pytest.mark.parametrize("word", ["佐々木トメTEL", "佐々木トメTEL/FAX", "高橋", "佐藤課長"])
def test_a_keyword_holding_a_person_name_is_private(word):
    assert labels.private_keyword(word)


@pytest.mark.parametrize("word", ["駐輪場", "ご高齢", "マイナンバー", "個別避難計画", "避難所", "TEL"])
def test_an_ordinary_keyword_is_not_private(word):
    assert not labels.private_keyword(word)


def test_a_name_is_never_a_label_keyword_the_next_word_takes_its_place():
    docs = [["ご高齢", "佐々木トメTEL", "マイナンバー", "民生委員"], ["ご高齢", "佐々木トメTEL", "マイナンバー"],
            ["駐輪場", "駅前"], ["駐輪場", "不足"]]
    keywords = ctfidf_keywords(docs, [0, 0, 1, 1], top_n=3)
    words = [w for w, _ in keywords[0]]
    assert "佐々木トメTEL" not in words and len(words) == 3 and "民生委員" in words
    assert "佐々木" not in make_label(keywords[0])


# 4. an article of another law is no place in the draft
@pytest.mark.parametrize("text", [
    "青葉県防災会議条例第12条では委員の構成が定められています。",
    "災害対策基本法第40条に基づく計画です。",
    "同法第3条の趣旨に沿ってください。",
    "消防法施行令第5条を守ってください。",
    "災害救助法の第4条により救助します。",
])
def test_an_article_of_another_law_is_no_reference(text):
    assert find_references(text) == []


@pytest.mark.parametrize("text, ref", [
    ("第12条の書き方が分かりにくい。", "第12条"),
    ("本条例第12条を改めてください。", "第12条"),
    ("この計画の第3条について。", "第3条"),
    ("条例（案）第5条について。", "第5条"),
    ("この条例第7条は不要です。", "第7条"),
])
def test_an_article_of_the_draft_is_a_reference(text, ref):
    assert find_references(text) == [ref]


def test_the_draft_article_beside_another_laws_is_kept_alone():
    assert find_references("災害対策基本法第40条と本条例第2条の関係を書いてください。") == ["第2条"]


def test_a_signature_name_never_reaches_the_keywords_of_its_letter():
    from cluster.pipeline import _keyword_text
    from cluster.tokenize import Tokenizer

    text = ("民生委員の方もご高齢です。個別避難計画を早く作ってください。\n桜川市本町４丁目２－８\n佐々木トメ\n"
            "ＴＥＬ／ＦＡＸ　０２３４－２２－１１３３")
    words = Tokenizer().keywords(_keyword_text(text), nouns_only=True)
    assert "個別避難計画" in words
    assert not any("佐々木" in w or "トメ" in w or "TEL" in w for w in words)


@pytest.mark.parametrize("text, expected", [
    ("訪問介護の上原ヘルパーさんが辞めました。", f"訪問介護の{NAME}ヘルパーさんが辞めました。"),  # the role rule
    ("近所の田中ドクターさんに聞いた。", f"近所の{NAME}ドクターさんに聞いた。"),
])
def test_a_role_in_katakana_after_a_family_name_is_no_given_name(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text, kept, masked", [
    ("県庁（青葉市中央1丁目1番1号）が被災した場合、代替庁舎を定めてください。", "青葉市中央1丁目1番1号", None),
    ("市役所(みどり市本町2-3-4)の駐車場が狭い。", "みどり市本町2-3-4", None),
    ("県立中央病院（青葉市本町3-1）の救急を残してください。", "青葉市本町3-1", None),
    # a home or a person's address in brackets is still masked
    ("私の自宅（青葉市中央1丁目1番1号）の前の道路が冠水します。", None, "青葉市中央1丁目1番1号"),
    ("住所：青葉市中央1丁目1番1号", None, "青葉市中央1丁目1番1号"),
])
def test_a_public_buildings_address_in_brackets_is_kept(text, kept, masked):
    """QA32: 「県庁（青葉市中央1丁目1番1号）」 became 県庁（［住所］） in an opinion and in staff's answer."""
    out = mask_personal_data(text)
    if kept:
        assert kept in out, out
    if masked:
        assert masked not in out and MASKS["address"] in out, out


def test_a_document_number_and_the_supplementary_provisions():
    """QA33: 「○町議会発第15号」 (a letter's number) was a place in the draft, and 「附則第2項」 was 「第2項」."""
    assert find_references("○町議会発第15号　令和8年1月20日") == []
    assert find_references("附則第2項の施行期日を1年延ばしてください。") == ["附則第2項"]
    assert find_references("第2号の規定を削ってください。") == ["第2号"]


def test_an_ordinances_articles_listed_as_topics_are_the_rows_cited_places(tmp_path):
    """QA33: topics listed by article (第1条 … 附則), as an ordinance's draft is, were never a row's
    cited place; 「電気事業法第12条」 must not make a row 第12条's."""
    from conftest import invoke, read_csv_rows, write_csv

    topics = write_csv(tmp_path / "topics.csv", ["topic", "description"], [
        ["第1条 目的", "目的 脱炭素"], ["第12条 指導及び助言", "指導 助言"], ["第15条 罰則", "罰則 過料"], ["附則", "施行期日"]])
    comments = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], [
        ["1", "第12条第2項の指導だけでは事業者は従いません。勧告まで定めてください。"],
        ["2", "第12条の指導と助言に加えて、勧告と公表の規定を置くべきです。"],
        ["4", "附則の施行日が早すぎます。周知の期間を十分に取ってほしい。"],
        ["5", "電気事業法第12条との関係を整理して、太陽光パネルの廃棄の費用を積み立てさせてください。"],
    ])
    out = tmp_path / "out"
    res = invoke("run", comments, "--topics", topics, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    topic = {r["cluster_id"]: r["topic"] for r in read_csv_rows(out / "clusters.csv")}
    of = {r["opinion_id"]: topic[r["cluster_id"]] for r in read_csv_rows(out / "opinions.csv")}
    assert of["1-1"] == of["2-1"] == "第12条 指導及び助言"
    assert of["4-1"] == "附則"
    assert of["5-1"] != "第12条 指導及び助言"  # another law's article


def test_a_name_signing_after_an_association_and_a_role_is_masked():
    """QA35: 「東原町内会　会員　島袋　光子」 (光子, which UniDic reads as a noun) stayed in one campaign copy."""
    assert mask_personal_data("…代執行を行ってください。\n\n東原町内会　会員　島袋　光子") == \
        f"…代執行を行ってください。\n\n東原町内会　会員　{NAME}"
    assert mask_personal_data("担当者：都市計画課計画係　中村　内線123") == f"担当者：都市計画課計画係　{NAME}　内線123"
    # not a sentence, nor a line that is no signature
    assert mask_personal_data("会議の結果、東町　公園　高橋　整備") == "会議の結果、東町　公園　高橋　整備"
