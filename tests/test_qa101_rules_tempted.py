"""QA101: inputs written to tempt the session's new reading rules. A town-after-postal-code rule that took the subject
of opinions (「みなと市役所の窓口の…」 → 「［住所］を改善してほしい」), cheers to an addressee the list missed, tests of
the form the reader did not know, 「…には賛成できません」 grouped with 「…に賛成です」, and 「存続に賛成」 with
「廃止に賛成」. The texts were written for these tests."""
from __future__ import annotations

import pytest

from conftest import assert_masked, invoke, read_csv_rows, write_csv
from cluster.io import channel_in_name
from cluster.mask import mask_personal_data
from cluster.normalize import is_empty_opinion, is_form_test


@pytest.mark.parametrize("text, kept", [
    ("〒123-4567 みなと市役所の窓口の対応を改善してほしい。", "みなと市役所の窓口の対応を改善してほしい"),
    ("〒123-4567 東京都の基準と比べて市の保育料は高いです。下げてください。", "東京都の基準と比べて"),
    ("〒123-4567 みなと市内の小学校の統合に反対します", "みなと市内の小学校の統合に反対します"),
    ("〒123-4567 県道の拡幅に反対です", "県道の拡幅に反対です"),
    ("郵便番号〒123-4567の区域の配達が遅れています。", "の区域の配達が遅れています"),
])
def test_what_follows_a_postal_code_keeps_its_subject(text, kept):
    assert_masked(mask_personal_data(text, []), secrets=["123-4567"], kept=[kept])


@pytest.mark.parametrize("text, secret", [
    ("〒123-4567 みなと市緑町に住む者として、緑町の街路灯を増やしてください。", "みなと市緑町に住む"),
    ("〒123-4567 みなと市緑町在住です。", "みなと市緑町在住"),
    ("〒123-4567 東京都港区芝公園から通勤しています。", "芝公園"),
])
def test_where_the_writer_lives_after_a_postal_code_is_masked(text, secret):
    assert_masked(mask_personal_data(text, []), secrets=[secret])


@pytest.mark.parametrize("text", ["図書館の職員の皆様、頑張ってください。", "市長、頑張ってください。", "市長さん、がんばってね。",
                                  "しやくしょのみなさん、がんばってね！"])
def test_a_cheer_to_the_staff_or_the_mayor_is_no_opinion(text):
    assert is_empty_opinion(text)


@pytest.mark.parametrize("text", ["test test", "テストテスト", "試験送信", "動作確認です。", "これはテストです。削除してください。",
                                  "テストです。本番では意見を書きます。"])
def test_more_ways_of_testing_the_form_are_tests(text):
    assert is_empty_opinion(text) and is_form_test(text)


@pytest.mark.parametrize("text", ["テストの点数で進学先が決まるのはおかしい。", "テスト期間中の図書館の開館時間を延長して",
                                  "試験の日程を見直してください。"])
def test_opinions_about_tests_stay_opinions(text):
    assert not is_empty_opinion(text) and not is_form_test(text)


def test_a_side_said_in_words_and_the_way_of_an_action_keep_stances_apart(tmp_path):
    rows = [["1", "市民プールの廃止に賛成です。維持費がかかりすぎます。"], ["2", "市民プールの廃止に賛成します。"],
            ["3", "市民プールの廃止には賛成できません。"], ["4", "市民プールの存続に賛成です。"],
            ["5", "駐輪場を増やしてください。"], ["6", "図書館の開館時間を延長してください。"]]
    out = tmp_path / "out"
    result = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "ご意見"], rows), "--out", out)
    assert result.exit_code == 0, result.output
    cluster = {r["comment_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv")}
    assert cluster["3"] not in (cluster["1"], cluster["2"]) and cluster["4"] not in (cluster["1"], cluster["2"])


@pytest.mark.parametrize("name, channel", [("意見_郵送分", "郵送"), ("環境計画_郵送分", "郵送"), ("FAX分", "FAX"),
                                           # letters typed into a form service by staff (left from QA101)
                                           ("LoGoフォーム_郵送分入力", "郵送"), ("Googleフォーム_FAX分", "FAX"),
                                           ("LoGoフォーム_回答", "電子申請")])
def test_a_batch_named_for_its_channel_counts_under_it(name, channel):
    assert channel_in_name(name) == channel


# QA102: a second pass on the corrected rules
@pytest.mark.parametrize("text, kept", [
    ("〒123-4567 みなと市立図書館の開館時間を20時まで延長してください。", "みなと市立図書館の開館時間を20時まで延長してください"),
    ("〒123-4567 駅前の駐輪場を200台分増やしてください。", "駅前の駐輪場を200台分増やしてください"),
    ("〒123-4567 みなと市役所に住民票を取りに行くのが大変です。", "みなと市役所に住民票を取りに行くのが大変です"),
    ("〒123-4567 みなと市に住宅の補助を求めます。", "みなと市に住宅の補助を求めます"),
    ("〒123-4567 市内在住の高校生への支援をお願いします。", "市内在住の高校生への支援"),
])
def test_a_sentence_after_a_postal_code_is_no_address_for_a_number_or_a_word_of_living_in_it(text, kept):
    assert_masked(mask_personal_data(text, []), secrets=["123-4567"], kept=[kept])


@pytest.mark.parametrize("text, secret", [
    ("〒123-4567 みなと市緑町1-2-3", "緑町1-2-3"), ("〒123-4567 東京都港区芝公園4丁目2番8号", "芝公園4丁目"),
    ("〒123-4567 みなと市緑町で生まれ育ちました。", "みなと市緑町"),
])
def test_an_address_after_a_postal_code_is_still_masked(text, secret):
    assert_masked(mask_personal_data(text, []), secrets=[secret])


@pytest.mark.parametrize("text, empty", [
    ("送信テストです。削除をお願いします。", True), ("テスト送信です。問題なければ削除してください。", True),
    ("動作確認のため送信しました。", True), ("建設反対の皆さん、頑張ってください！", False), ("教育長、頑張ってください。", True),
    ("動作確認をしっかりしてから運用してください。", False),
])
def test_tests_and_cheers_a_second_time(text, empty):
    assert is_empty_opinion(text) is empty


def test_keeping_the_pool_said_as_support_is_not_the_plans_support(tmp_path):
    rows = [["1", "計画案に賛成です。"], ["2", "全面的に賛成です。"], ["3", "存続を支持します。"], ["4", "プールを残すことに賛成です。"],
            ["5", "市民プールの存続に賛成です。"], ["6", "市民プールの廃止に賛成です。"]]
    out = tmp_path / "out"
    result = invoke("run", write_csv(tmp_path / "c.csv", ["番号", "ご意見"], rows), "--out", out)
    assert result.exit_code == 0, result.output
    cluster = {r["comment_id"]: r["cluster_id"] for r in read_csv_rows(out / "opinions.csv")}
    assert cluster["3"] != cluster["1"] and cluster["4"] != cluster["1"] and cluster["6"] not in (cluster["3"], cluster["4"])


@pytest.mark.parametrize("between", ["職員の皆様、頑張ってください。", "いつもありがとうございます。"])
def test_a_paragraph_of_cheers_between_two_requests_is_no_part_of_either(between):
    """Left from QA101: a cheer or thanks paragraph between two requests was published in front of the second."""
    from cluster.split import split_submission

    text = f"図書館の開館時間を延長してください。\n\n{between}\n\n駅前に駐輪場を増やしてほしい。"
    cut = [(text[s.start:s.end], s.closing) for s in split_submission(text)]
    assert cut == [("図書館の開館時間を延長してください。", False), (between, True), ("駅前に駐輪場を増やしてほしい。", False)]


def test_a_list_of_choices_named_with_iken_is_not_read_over_the_free_writing_beside_it(tmp_path):
    """Left from QA101: 「ご意見の分野」 (picked from a list) was read as the opinions, 「…自由にお書きください。」 left unread."""
    rows = [[str(k), area, text] for k, (area, text) in enumerate([
        ("交通", "バスの本数を増やしてください。"), ("福祉", "高齢者の見守りを強化してほしい。"),
        ("交通", "駅前に駐輪場を作ってください。"), ("交通", "道路の段差をなくしてほしいです。"),
        ("福祉", "子ども食堂への支援をお願いします。")], 1)]
    comments = write_csv(tmp_path / "form.csv", ["回答ID", "ご意見の分野", "計画案について自由にお書きください。"], rows)
    result = invoke("run", comments, "--out", tmp_path / "out", "--model", "char-hash")
    assert result.exit_code == 0, result.output
    assert "text = 計画案について自由にお書きください。 (guessed)" in result.output
    texts = {r["text"] for r in read_csv_rows(tmp_path / "out" / "opinions.csv")}
    assert "バスの本数を増やしてください。" in texts and "交通" not in texts
