"""A time right before a phone number (QA109, left from session 26): 「10:00 0265-22-1111」 had its minutes read as
the area code, 「00 0265」 masked and 「-22-1111」 published. Texts invented for these tests."""
import pytest

from cluster.mask import mask_personal_data


@pytest.mark.parametrize("text, expected", [
    ("平日10:00 0265-22-1111に電話しても誰も出ませんでした。",
     "平日10:00 ［電話番号］に電話しても誰も出ませんでした。"),
    ("連絡先（受付 10:00〜17:00） 090-1234-5678", "連絡先（受付 10:00〜17:00） ［電話番号］"),
    ("窓口は１０：００　０２６５−２２−１１１１です。", "窓口は１０：００　［電話番号］です。"),
    ("17:30 03-1234-5678まで折り返しをお願いします。", "17:30 ［電話番号］まで折り返しをお願いします。"),
    ("10:00 09012345678", "10:00 ［電話番号］"),
])
def test_a_time_before_a_phone_number_leaves_no_part_of_it(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", [
    "図書館の開館を10:00から9:00に早めてください。",
    "バスの始発 6:05 と最終 22:40 の間が長すぎます。",
])
def test_times_alone_stay(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize("text, expected", [
    # a phone label's colon is no time
    ("TEL:03-1234-5678", "TEL:［電話番号］"),
    ("電話：0265-22-1111（平日のみ）", "電話：［電話番号］（平日のみ）"),
])
def test_a_label_colon_still_opens_a_number(text, expected):
    assert mask_personal_data(text) == expected
