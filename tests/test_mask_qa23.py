"""Masking and the published summary, found by the QA23 review (cluster.mask); invented sentences."""
from __future__ import annotations

import pytest

from cluster.mask import MASKS, drop_masked_lines, mask_personal_data, only_masks
from cluster.pipeline import report_form


# ------------------------------------------------------------------ a hiragana given name after the known family name
def test_a_hiragana_given_name_after_the_submitters_family_name_is_masked():
    # the 氏名 column holds the family name only: it was masked, the given name under it was published
    masked = mask_personal_data("図書館の開館を朝9時にしてほしい。\n森本 みち代", {"森本"})
    assert "みち代" not in masked and masked.endswith(MASKS["name"])
    masked = mask_personal_data("森本 よし子です。", {"森本"})
    assert "よし子" not in masked and masked.endswith("です。")


@pytest.mark.parametrize("text", ["森本 より", "森本 です。", "公園の件は森本 さんに伝えました。"])
def test_a_particle_or_tail_after_the_masked_family_name_stays(text):
    masked = mask_personal_data(text, {"森本"})
    assert "森本" not in masked
    assert masked.replace(MASKS["name"], "森本") == text


# ------------------------------------------------------------------ a Latin name with contact data after it
@pytest.mark.parametrize("text, secrets", [
    ("公民館の開館時間を延ばしてほしい。\n森田恵 / Megumi Morita　megu.m at example dot jp",
     ["Megumi", "Morita", "megu"]),
    ("以上\nKenta Ogawa, TEL 090-2222-3333", ["Kenta", "Ogawa", "2222"]),
    ("以上\nYuki Hara　yuki.hara@example.jp", ["Yuki", "Hara", "yuki.hara"]),
])
def test_a_latin_name_with_contact_data_after_it_on_its_line_is_masked(text, secrets):
    masked = mask_personal_data(text)
    for s in secrets:
        assert s not in masked


def test_english_closing_words_before_an_address_stay():
    assert mask_personal_data("以上\nBest Regards　taro@example.jp").startswith("以上\nBest Regards")


# ------------------------------------------------------------------ a birth date after 生年月日が
@pytest.mark.parametrize("text, date", [
    ("私は生年月日が1951年2月3日で、来年には免許を返納するつもりです。", "1951年2月3日"),
    ("母は誕生日が昭和10年8月1日なので、もうすぐ90歳になります。", "昭和10年8月1日"),
])
def test_a_birth_date_after_seinengappi_ga_is_masked(text, date):
    masked = mask_personal_data(text)
    assert date not in masked and MASKS["birth"] in masked
    assert "免許" in masked or "90歳" in masked  # the rest of the sentence stays


# ------------------------------------------------------------------ signature lines are nothing but masks
@pytest.mark.parametrize("line", ["［生年月日］生まれ", "マイナンバー：［個人番号］", "個人番号 ［個人番号］"])
def test_birth_date_and_my_number_lines_are_masks_only(line):
    assert only_masks(line)


# ------------------------------------------------------------------ contact sentences anywhere leave the summary
@pytest.mark.parametrize("text, shown", [
    # a contact sentence ending the opinion (with です)
    ("公民館の和室に冷房をつけてください。連絡先は090-1212-3434です。", "公民館の和室に冷房をつけてください。"),
    # asking to be answered, before the opinion, with two numbers
    ("お返事は 090-5656-7878 か 03-1111-2222 にください。図書館の駐車場を広げてください。",
     "図書館の駐車場を広げてください。"),
    ("ご回答は hanako.k@example.jp までお願いします。図書館の駐車場を広げてください。", "図書館の駐車場を広げてください。"),
    # in the middle
    ("図書館の駐車場を広げてください。返信は hanako.k@example.jp にお願いします。土日は満車です。",
     "図書館の駐車場を広げてください。土日は満車です。"),
])
def test_a_sentence_that_only_gives_contact_data_leaves_the_published_summary(text, shown):
    assert report_form(text, set()) == shown


def test_a_self_introduction_by_name_and_a_contact_sentence_leave_the_summary():
    text = "民生委員の島田です。地区のお年寄りから買い物が不便だと聞きます。移動販売車を回してください。電話番号は090-4545-6767です。"
    assert report_form(text, {"島田"}) == "地区のお年寄りから買い物が不便だと聞きます。移動販売車を回してください。"


@pytest.mark.parametrize("text", [
    "連絡は電話 03-1234-5678 まで、平日の午後にお願いします。",  # a sentence with words of its own
    "以前、090-1234-5678 に電話しましたがつながりませんでした。窓口を増やしてください。",
])
def test_a_sentence_that_says_more_than_contact_data_stays(text):
    shown = report_form(text, set())
    assert shown == mask_personal_data(text)


def test_a_text_of_nothing_but_a_contact_sentence_is_kept_whole():
    masked = mask_personal_data("連絡先は090-1212-3434です。")
    assert drop_masked_lines(masked) == masked


# ------------------------------------------------------------------ contact sentences in what the grouping reads
def test_a_contact_sentence_is_no_part_of_the_grouping_text_nor_of_the_labels(tmp_path):
    from conftest import invoke, read_csv_rows, write_csv

    rows = [
        ["R1", "返事は 090-1111-2222 か 092-333-4444 にください。駅前の駐輪場を増やしてください。"],
        ["R2", "駅前の駐輪場が足りないので増設してください。ご回答は taro@example.jp までお願いします。"],
        ["R3", "駅前の駐輪場を増設してほしい。"],
        ["R4", "図書館の開館時間を夜まで延長してほしい。返事は 03-1234-5678 にください。"],
        ["R5", "図書館を夜も開けてほしい。"],
    ]
    src = write_csv(tmp_path / "c.csv", ["受付番号", "ご意見"], rows)
    res = invoke("run", src, "--out", tmp_path / "out", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    words = " ".join(r["label"] + " " + r["keywords"] for r in read_csv_rows(tmp_path / "out" / "clusters.csv"))
    assert "返事" not in words and "回答" not in words and "駐輪場" in words
