"""QA44: a city's 多文化共生 plan consultation. Foreign residents wrote in English, Chinese, Korean,
Vietnamese, Portuguese, Tagalog and Nepali; their self-introductions (「我叫王小明，在樱花市住了五年。」
「Meu nome é João, moro em …」) above numbered items were counted and published as opinions, and their
salutations, thanks, sign-offs and contact lines (「Kính gửi Ủy ban thành phố.」「Xin chân thành cảm ơn.」
「감사합니다」「SĐT: …」) stayed in the opinion and drove its grouping. Invented texts."""
from __future__ import annotations

import pytest

from cluster.normalize import comparison_text, is_greeting_sentence, is_introduction
from cluster.pipeline import _split_pieces

INTRODUCTIONS = [
    "My name is Anna Lee.",
    "Hello, I'm Tom Baker from Canada.",
    "I have lived in Sakura City for 5 years.",
    "我叫李明，在樱花市住了三年。",
    "我是林美玲，來自台灣。",
    "제 이름은 박서준입니다.",
    "사쿠라시에 살고 있습니다.",
    "Tôi tên là Lê Văn Bình, thực tập sinh tại nhà máy.",
    "Meu nome é Ana Souza, moro em Minami-machi.",
    "Ako po si Rosa Cruz, nakatira sa Higashi-machi.",
    "मेरो नाम सीता गुरुङ हो।",
]


@pytest.mark.parametrize("intro", INTRODUCTIONS)
def test_a_foreign_self_introduction_is_one(intro):
    assert is_introduction(intro)


@pytest.mark.parametrize("intro", INTRODUCTIONS)
def test_a_foreign_self_introduction_over_numbered_items_is_a_greeting_row(intro):
    text = f"{intro}\n1. Please add more buses.\n2. Please open the library on Sundays."
    pieces = _split_pieces(text, True)
    assert [p[4] for p in pieces] == ["greeting", "ok", "ok"]
    assert pieces[0][3] == intro


@pytest.mark.parametrize("intro, opinion", [
    ("My name is Anna Lee. ", "Please add Vietnamese signs at the station."),
    ("我叫李明，在樱花市住了三年。", "希望增加中文的防灾信息。"),
    ("제 이름은 박서준입니다. ", "의료 통역을 늘려 주세요."),
    ("Tôi tên là Lê Văn Bình. ", "Xin hãy mở lớp tiếng Nhật vào buổi tối."),
    ("Meu nome é Ana Souza, moro em Minami-machi. ", "Precisamos de aulas de japonês à noite."),
    ("Ako po si Rosa Cruz, nakatira sa Higashi-machi.\n", "Kailangan po namin ng interpreter sa ospital."),
    ("मेरो नाम सीता गुरुङ हो।\n", "जापानी भाषा कक्षा थप्नुहोस्।"),
])
def test_a_foreign_self_introduction_at_the_start_is_no_part_of_the_comparison_text(intro, opinion):
    assert comparison_text(intro + opinion) == comparison_text(opinion)
    assert "Lee" not in comparison_text(intro + opinion) and "박서준" not in comparison_text(intro + opinion)


@pytest.mark.parametrize("opinion, key", [
    # sentences about the writer that argue or ask are the opinion, not an introduction
    ("I am a foreigner and I cannot read the notices.", "I am a foreigner and I cannot read the notices"),
    ("I live in Kita-machi and the bus stop is too far.", "I live in Kita-machi and the bus stop is too far"),
    ("我是外国人，租房时被中介拒绝了好几次。", "我是外国人、租房时被中介拒绝了好几次"),
    ("I'm Japanese but my wife cannot read Japanese.", "I'm Japanese but my wife cannot read Japanese"),
])
def test_an_opinion_about_the_writer_stays_after_the_introduction(opinion, key):
    assert not is_introduction(opinion)
    assert comparison_text("My name is Anna Lee. " + opinion) == key


@pytest.mark.parametrize("greeting", [
    "Kính gửi Ủy ban thành phố.", "Xin chân thành cảm ơn.", "Trân trọng.",
    "Best regards, Anna Lee", "Thank you for reading my comment.",
    "此致敬礼", "谢谢！", "謝謝。", "감사합니다.", "박지영 드림",
    "Obrigado.", "Obrigada!", "Atenciosamente,", "Prezados,", "Salamat po.", "धन्यवाद।",
])
def test_a_foreign_salutation_or_closing_is_a_greeting(greeting):
    assert is_greeting_sentence(greeting)


@pytest.mark.parametrize("sentence", [
    "Thank you for the multilingual notices, but please add Vietnamese.",
    "감사합니다. 의료 통역을 늘려 주세요.",
    "谢谢市政府，但是希望增加中文信息。",
])
def test_thanks_with_a_request_is_no_greeting(sentence):
    assert not is_greeting_sentence(sentence)
    key = comparison_text(f"Dear Sir/Madam,\n{sentence}\nBest regards, Anna Lee")  # the sign-off goes, the request stays
    assert key == comparison_text(sentence)
    assert any(word in key for word in ("Vietnamese", "통역", "中文"))


@pytest.mark.parametrize("text, opinion", [
    ("Dear Sir/Madam,\nThank you for the multilingual notices, but please add Vietnamese.\nBest regards, Anna Lee",
     "Thank you for the multilingual notices, but please add Vietnamese."),
    ("감사합니다. 의료 통역을 늘려 주세요.", "의료 통역을 늘려 주세요."),
    ("Prezados,\nPrecisamos de aulas de japonês à noite.\nAtenciosamente,", "Precisamos de aulas de japonês à noite."),
    ("Kính gửi Ủy ban thành phố.\nXin hãy mở lớp tiếng Nhật vào buổi tối.\nXin chân thành cảm ơn.",
     "Xin hãy mở lớp tiếng Nhật vào buổi tối."),
    ("希望增加中文的防灾信息。\n此致\n敬礼", "希望增加中文的防灾信息。"),
    ("Kailangan po namin ng interpreter sa ospital. Salamat po.", "Kailangan po namin ng interpreter sa ospital."),
    ("जापानी भाषा कक्षा थप्नुहोस्।\nधन्यवाद।", "जापानी भाषा कक्षा थप्नुहोस्।"),
])
def test_a_foreign_greeting_leaves_the_comparison_text(text, opinion):
    assert comparison_text(text) == comparison_text(opinion)


@pytest.mark.parametrize("contact", [
    "SĐT: 080-1200-3400", "Số điện thoại: 080-1200-3400", "电话：+86 138 0000 0000", "聯絡電話：090-0000-1111",
    "연락처: 010-0000-1111", "주소: 1-2-3 Kita-machi", "Contact: +81 90-0000-1111", "Telefone: +55 11 90000-1111",
    "Cell: +63 917 000 1111", "फोन: 090-0000-1111",
])
def test_a_foreign_contact_line_leaves_the_comparison_text(contact):
    assert comparison_text("Please add more buses.\n" + contact) == "Please add more buses"


def test_a_foreign_closing_and_signature_under_one_opinion_is_a_greeting_row():
    letter = ("Kính gửi Ủy ban thành phố.\nXin hãy bố trí thông dịch viên y tế tiếng Việt tại bệnh viện.\n"
              "Xin chân thành cảm ơn.\nNguyễn Văn An\nSĐT: 080-0000-1111")
    pieces = _split_pieces(letter, True)
    assert [p[4] for p in pieces] == ["ok", "greeting"]
    assert pieces[1][3] == "Xin chân thành cảm ơn.\nNguyễn Văn An\nSĐT: 080-0000-1111"


def test_a_korean_sign_off_and_address_under_the_last_item_is_a_greeting_row():
    letter = ("1. 저녁에 일본어 교실을 열어 주세요.\n2. 병원에 의료 통역이 필요합니다.\n"
              "박지영 드림\n주소: 5-6-7 Higashi-machi\n전화 070-0000-1111")
    pieces = _split_pieces(letter, True)
    assert [p[4] for p in pieces] == ["ok", "ok", "greeting"]
    assert pieces[1][3] == "병원에 의료 통역이 필요합니다."


def test_thanks_before_a_request_keeps_the_request():
    pieces = _split_pieces("감사합니다. 의료 통역을 늘려 주세요.", True)
    assert [p[4] for p in pieces] == ["ok"]
    assert "의료 통역을 늘려 주세요." in pieces[0][3]
    assert comparison_text(pieces[0][3]) == "의료 통역을 늘려 주세요"  # (the spaces between Korean words kept)
