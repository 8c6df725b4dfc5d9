"""Mask personal data in everything that is published.

Public comments carry phone numbers, e-mail addresses, postal codes, street addresses,
individual numbers (マイナンバー, 12 digits) and names. Patterns accept full-width and
half-width digits and the many hyphens Japanese text uses, so 「０３－１２３４－５６７８」 is
masked as surely as 「03-1234-5678」. Working files keep the original text for staff; only
the report is masked.

Names are found four ways:

* after a label (氏名：/名前：/お名前：/Name:/提出者：/記入者：/投稿者：/作成者：/回答者：/代表者：/
  申請者：): only the name is replaced, so 「（氏名：斎藤 真一）」 keeps its closing bracket and
  「氏名：山田太郎です」 its 「です」; and in brackets after a kinship word (「娘（あおい）」
  「長男（翔）」 -> 「娘（［氏名］）」; not an age, grade or other common noun: 「娘（小学3年生）」);
* the submitters' own names (the 氏名 column), with any whitespace (half-width, full-width or
  none) where the name splits into family and given name: 「山田 太郎」 also masks 「山田太郎」
  and 「山田　太郎」; the family name alone is masked before a space, the end, 様/さん/です/より;
  a family or given name of 2 or more characters that UniDic tags as a person name (not a
  common word: さくら, 大地; never one character) also standing alone before a closing bracket,
  and not inside a longer word: 「（［住所］　高橋）」「（和子）」「和子より」, not 「佐和子さん」;
  a given name after the masked family name goes with it (UniDic's 人名,名 in kanji or katakana;
  in hiragana where it ends the name, 「［氏名］ よし子」, or alone on its line: 「［氏名］ みち代」);
* names that UniDic (fugashi + unidic-lite, the project's ``Tokenizer``) tags as person names
  (名詞,固有名詞,人名,姓 / 名), never guessed from the characters:
  - a family name followed by a given name (人名,姓 then 人名,名, spaces allowed between),
    anywhere in the text;
  - a line that holds nothing but a person's name (a signature block: 「渡辺 次郎」,
    「（田中一郎）」); a family name alone on a line only in a signature position: the
    letter's last line, after a closing (敬具, 以上 …) or a masked contact line, right before
    a masked contact line (a line of nothing but masked data and labels: 「電話：［電話番号］」),
    or right before a closing line that ends the letter (「山田\n以上」, 「やまだ たろう\n敬具」);
  - a family name introducing or signing the writer or addressing a person: before
    です/と申します/より/拝/様/さん/氏/先生 …, or after 在住/在勤/在学 (「市民の田中です。」,
    「東町在住　佐藤」);
  - a family name (not in hiragana), with a given name or not, that ends the letter after its
    last sentence or blanks (「…持っています。西村」「…まで。 石井」); see ``_final_name_span``.
* names written in hiragana, which UniDic mostly does not tag as names (「やまだ たろう」 reads
  as やま + だ + たろう, 「小林ゆずは」 as 小林 + ゆず + は), only where a letter signs or
  introduces its writer:
  - a line in a signature position (above) made of
    exactly two space-separated hiragana words of 2–6 characters (「やまだ　たろう」), unless it
    reads as a phrase (「よろしく おねがいします」, 「すべりだいが ほしい」, 「とても よかった」) or
    a place (a common noun that is no family name, then a Sino-Japanese common noun that is no
    given name: 「ひまわり こうえん」「みどり としょかん」; see ``_hiragana_place_name``). The
    first word that UniDic reads as another kind of word is still a family name when that
    reading cannot start a phrase (an adjective stem, a verb's imperative, a pronoun + だ:
    「かわい はなこ」「いけ たろう」「ほんだ ゆい」), or, when it can (an adjective, a verb:
    「ながい ひろし」「むかい みどり」), before a word UniDic knows as a given name; an adverb,
    conjunction, pronoun … (とても, また, わたし) or a word for everybody (みんな) never is.
    The second word is no given name when UniDic reads it as an adverb, verb, adjective …
    (「ごみ へらそう」「まってるよ ずっと」「こうえん だいすき」); see ``_hiragana_name_pair``;
  - a signature line of a hiragana family name (2–6 characters, the same family checks) and a
    kanji given name that UniDic reads as a person name, as single characters it cannot
    join, or as one kanji that is a noun (「以上\nまえだ 太郎」「おかだ翔太」「まえだ 柚希」
    「まえだ 凛」「やまだ 空」); not 「ひまわり公園」「すべて 反対」, nor one kanji of a place,
    facility, direction, group, title or note (「さくら 駅」「みどり 町」「ひまわり 組」「たのしみ
    笑」, ``_NOT_GIVEN_KANJI``) or after a time word (「まいにち 雨」);
  - a kanji family name (人名,姓) followed directly by 2–4 hiragana that end a signature line
    (「以上\n小林ゆずは」, 「東町在住　小林ゆずは」) or come before です/と申します/より/拝 in a
    self-introduction (「東町在住の小林ゆずはです。」, 「小学生の母、小林ゆずはです。」), unless
    they start with a particle-like word (「佐藤などです」「山田たちより」); hiragana that start with の/が/を/に/へ/で are a
    name (「小林のあです」「田中にこと申します」) unless UniDic reads them as that particle
    followed by words (「高橋のほうです」「田中でいいです」「田中ではないです」), and so are those
    that start with こと/もの (「田中ことねです」「佐藤ものかです」) unless UniDic reads the noun
    and a word that limits it (「田中ことだけです」; 「田中のことです」 is the particle rule).

  Deliberate choice (privacy first): a 姓+名 pair inside an opinion sentence is masked too,
  so a historical or public figure (「田中角栄元首相の…」) also becomes ［氏名］. Telling a
  public figure from a private person needs knowledge the tool does not have; losing a
  famous name in a published summary costs little, publishing a private person's name
  cannot be undone. A family name alone inside a sentence (「田中地区」, 「高橋の下」) is
  left as written unless one of the contexts above makes it a person, and so is a 姓+名 pair
  followed directly by a noun other than a title (「森田東会館」「中川南公園」「岡田東児童館」 are
  facilities whose names UniDic splits into name-like parts; 「田中太郎議員」 is still masked).

Variant kanji (異体字) of family names that UniDic does not know (髙, 𠮷, 德, 濵, 栁, 𡈽 …, and
the CJK compatibility ideographs) are tagged as their standard form, one code point for one, so
「以上\n髙橋一郎」 is masked like 「高橋一郎」 and the span covers the characters as written; a
submitter's name matches its variants too (「髙橋 一郎」 masks 「高橋一郎」). A hiragana family name
that UniDic cuts out of a run of hiragana is no name (「回答のみの行」: の + みの + 行). Names in
half-width katakana (「ｶﾄｳ ﾀﾛｳ」) or Latin letters (「Ichiro Takahashi」, not 「Best Regards」) are
masked as two words on a signature line, also beside the kanji name and a slash (「田中 誠 /
Makoto Tanaka」); half-width katakana also in brackets that end the letter's last line
(「…してほしい。（西町 ｶﾄｳ ﾀﾛｳ）」).

E-mail addresses written so that robots cannot read them are masked as e-mail addresses
(「taro at example dot jp」「taro(at)example.jp」「taro アットマーク example ドット jp」; a bare
「 at 」 only before a domain ending in a common top-level domain); SNS accounts as ［SNSアカウント］:
a handle (「@midori_taro」, 「X（旧Twitter）@…」) and an ID after an SNS name or LINE and a colon
(「Instagram: midori.t」「LINE ID: midori123」「ラインID：…」), the label kept.

Addresses take what follows the block number: 「３番地の４」, 「1-2-3-101」, a building with its
room (「グリーンハイツ101号室」「コーポ青葉 2F」「３号棟502号室」) or a name ending in a building
word (ハイツ, マンション, 荘 …); hiragana never starts the building (「… 3号 の者です」), and an
address never runs on into the next line. A date of
birth after 生年月日/誕生日 is masked (the label stays); web addresses with a personal path
(``~user``) are masked anywhere, and any URL on a signature or contact line (privacy first);
a URL inside an opinion (the draft, a public page) stays.

A closing that starts a line is a line of its own: 「以上　やまだ たろう」 is read as 「以上」 and a
signature line. A child's name after a kinship word without brackets (「息子の蓮が」「娘・あおいの」;
hiragana that UniDic cuts before the particle that follows, 「娘のひなのを」 ひな + の + を, 「息子・
そうたを」 そう + た + を; any name before an age or school year in brackets, 「娘のさくら（小3）が」,
not a common noun: 「息子の友達（7歳）」; 「娘のおむつを」「娘のことを」 stay), a contact person after a 担当
label and departments (「担当：企画課　木下　電話…」, ``_mask_staff_names``), a name in Latin letters
in brackets after a masked name (「［氏名］ (Yamada Hanako)」),
a name after a title on a business's signature line (「…学習塾　代表　大野」), a family name in brackets
or after 「by」 ending the letter (「…ほしい。（渡部）」「by たなか」) and an SNS profile URL without
https:// (「instagram.com/…」) are masked too; see ``_KIN_FREE_RE``, ``_TITLE_NAME_RE``,
``_mask_final_name_forms`` and ``_SNS_PROFILE_RE``.

Also (QA14): a kana name before an age in brackets (「娘のあかり（5歳）が」; not 「息子のともだち（小3）」),
after 子 only there (「うちの子のゆいと（小2）が」), a school beside a masked child's year (「長男の［氏名］
（［学校名］3年）」), a hiragana name before の and a formal noun (「次女・みさきのために」); a phone number in
kanji numerals (「〇九〇‐一二三四‐五六七八」); a label's department kept and the name after it masked
(「回答者：公園緑地課長 ［氏名］」); a 担当 label after a sentence on the same line, a name after 担当の
(「担当の［氏名］に確認済み」) or between a department and a staff title (「公園緑地課の［氏名］課長」; an
elected 「田中市長」 stays); a family name UniDic reads as a place first introducing the writer after an
address or town (「［住所］の［氏名］です」「南町の［氏名］です」); a number plate (［車両番号］); an SNS ID after
the SNS name and a blank when it has a digit, _ or . (「インスタ ［SNSアカウント］」); a whole date before
生まれ (not 「…生まれ以降」「…生まれの方」); a kanji lot number after 番地 (「十二番地五」). A submitter's name
inside a company name (「㈲阿部商店」「阿部工務店」) is kept.

Also (QA15): a child's one-kanji given name after a kinship word and の before a particle, where UniDic reads
it as a common noun but knows it as a name too (「息子の蒼は」「娘の凛が」; not 「息子の心が」「娘の夢は」
「息子の方が」, ``_KIN_NOT_NAME_KANJI``); a submitter's name with a blank between any two characters
(「山 田 花 子です」「中　島　次　郎」); a relative's given name after the family name the submitter shares
(「義父の［氏名］ 和夫が」 -> 「義父の［氏名］が」); a bank account number after 口座/口座番号/普通/当座 as ［口座番号］
(「普通 ［口座番号］ です」) and an ID number after its label (旅券番号, パスポート番号, 免許証番号, 保険証の記号番号,
被保険者番号, 受給者番号, 基礎年金番号 …, ``_ID_LABELS``) as ［番号］ with its letters, hyphens, 第 and 号
(「運転免許証番号 ［番号］の父です」); a name in Latin letters introduced by an English sentence (「My name is
［氏名］.」「I'm ［氏名］.」, not 「I am Very Happy」); a home in a named building with its room and no block
number (「若葉台団地3号棟205号室在住」「若葉台団地3号棟205に住んで」, 「…1丁目 若葉台団地3号棟205号室」 whole); a postal code with blanks
(「〒 123 - 4567」「〒123 4567」) and the town after it without a block number (「みなと市緑町」); a phone number
with a hyphen at a line's end (「090-1234-⏎5678」); a date before 生 and the writer or a relative (「1985年4月12日生の
母です」「…生です」) and an era's letter with dots (「H30.7.7生まれ」, 「生年月日 S60.1.2」); a kanji lot number
after 番地 or 番 with の/之 (「十五番地の三」「十五番地之三」). An amount (「123456789012円」「…億円」) is no
individual number. Decided here, not asked for: a maiden name after 旧姓 that UniDic tags as a family name
(「旧姓：［氏名］」「旧姓の［氏名］で」; 「旧姓の使用」 stays); a school beside a class, which names a few dozen
children (「みなと市立［学校名］3年2組」「［学校名］1年B組」; a year alone, 「小学校3年生」, stays); a child's nickname
in kana before ちゃん/くん that UniDic tags as a person name (「［氏名］くんと［氏名］ちゃんは」; 「赤ちゃん」
「おばあちゃん」「お兄ちゃん」「ワンちゃん」「ちゃん付け」「ちゃんと」 stay).

Also (QA16): e-mail addresses with blanks around ＠ and the dots, full-width too (「tagu.ken ＠ aoba-mail . jp」,
``_SPACED_EMAIL_RE``; the last label a common top-level domain); a room in a care home or hospital after its name
(「ひだまりホーム［住所］」「あおば苑［住所］」 for 「…3階の302号室」, ``_FACILITY_ROOM_RE``) and a building's two numbers
(「若葉台団地の3-205」); a katakana given name after a family name, which UniDic tags as a name of no kind (「佐々木トメ」,
also after the submitter's masked family name); a submitter's name that stops inside a longer name UniDic reads is
masked to that name's end (「齋藤 榮一」 in 「齋藤榮一郎」, ``_name_end``); a family name before a role (「坂井ドクター」
「上原ヘルパーさん」) or named as staff (「堀という職員」, ``_ROLE_NAME_RE``); a given name called out at the start of a
quoted message (「「由美子、…」」「「けいこ、…」」, ``_VOCATIVE_RE``; kanji only as UniDic tags them, kana by any
reading); initials signing the letter (「（Ｍ・Ｋ）」, a last line 「Y.T」; not 「P.S」); a Latin name after 「by」; a
name after a title in a bracketed heading (「【…町内会 会長 石黒】」). An elected official named by the office and
the family name with 氏/議員 stays (「県議会議員の大川氏」, like 「田中市長」; ``_PUBLIC_OFFICE_BEFORE_RE``).

Also (QA37, letters and faxes that were OCR'd or taken from a PDF): a phone number with letters for digits (O/o for
0, l/I/| for 1) or the kanji 一 for its hyphens (「電話 O9O-l234-5678」「FAX O29(l23)4567」「029一123一4567」,
``_mask_ocr_phones``; 「第一章」「O型」 stay), and a postal code after 〒 written so (「〒l23-4567」, ``_mask_ocr_postal``); a postal code broken after its hyphen by a line break (「〒123-⏎4567」) and
an address broken before or after 丁目 (「…市東町⏎3丁目12番地の5」「…3丁目⏎12番地の5」, ``_ADDRESS_BREAK``); a name after
氏名/名前 … and a blank (「氏名 斎藤」) or after a sender's label (送信者/差出人/発信者, a UniDic name: 「（送信者 松本）」,
``_BLANK_LABEL_NAME_RE``), and a person name among masked items on a contact line (「［住所］ 木村 ［電話番号］」,
``_mask_contact_line_names``).

Also (QA41, opinions written by children): a school named in hiragana, or starting so, beside a class (「みなと小3年2組」
「かわの小4年3組」「わたしはみなと小…」 -> 「わたしは［学校名］3年2組」, ``_kana_school_start``) and a school written whole
before の and a masked name (「東小学校の［氏名］です」; not before 先生); a kana given name before くん/ちゃん/君 that UniDic
does not tag (「たろうくん」「はるとくん」「ひなちゃん」, ``_mask_kana_nicknames``; 「赤ちゃん」「おばあちゃん」「ワンちゃん」「ちゃんと」
「そして君が」 stay); a name after a sibling word in hiragana (いもうと, おとうと, あに, あね, おにいちゃん, おねえちゃん, むすこ,
むすめ) and の with or without a blank, a hiragana common noun too (「いもうとの ひなも」, ``_KANA_KIN``; 「いもうとのために」
stays); a child's name before a bracketed school and class (「息子の大翔（東小2年1組）」「娘のさくら（みなと小3年2組）」); a
self-introduction in hiragana after 名前は/なまえは, ぼくは/わたしは or a class (「ぼくの名前は いとう そうま です」「…4年3組
たかはし りくです」, ``_mask_hiragana_intros``); an ID after 「LINEのIDは」, and after 「IDは」 when an SNS name comes earlier on
the line (``_LATER_ID_RE``; 「ゲームのIDは …」 stays).

Also (QA44, a 多文化共生 plan consulted with foreign residents): an international phone number (「+86 138 1234 5678」
「(+81) 90 2345 6789」「+81-90-…」「0086-138-…」: 8–15 digits, so 「+5%」「+1,000円」 stay; ``_INTL_PHONE_RE``) and a Chinese
mobile number after a phone label (「手机号码13812345678」); a 在留カード番号 (two letters, eight digits, two letters) anywhere,
labelled or not, masked whole (「在留カード番号：［番号］」, ``_RESIDENCE_CARD_RE``); a passport number after a label in any
language (passport, Passport No., 护照号码, 護照號碼, 여권번호, hộ chiếu, passaporte …, ``_PASSPORT_RE``); an address in romaji
(「2-3-4 Minato-cho」「5-6-7 Higashi-machi, Sakura-shi」「Sakura-shi, Minato-cho 2-3-4」, ``_ROMAJI_ADDRESS_RE``) and what
holds a house number after an address label (address:, 주소:, địa chỉ:, endereço:, 住址：); a name after a self-introduction in
Chinese, Korean, Vietnamese, Portuguese, Spanish, Tagalog, Nepali/Hindi or English (「我叫…」「我是…」 with a Chinese family
name, 「제 이름은 …입니다」「저는 …입니다」 with a Korean one, 「My name is … and」「Tôi tên là …」「Meu nome é …」「Ako po si …」
「मेरो नाम … हो」; 「我是中国人」「저는 학생입니다」「I am a mother of two」 stay; ``_mask_foreign_intros``); a chat ID after WeChat/
微信/카카오톡/Zalo … (``_CHAT_ID_RE``); a signature line of a Vietnamese name above a masked contact line or ending the letter
(「Nguyễn Văn Hùng⏎SĐT: ［電話番号］」) and a Korean name signing with 드림 (``_mask_foreign_signatures``).

Also (QA47, long narrative letters to a welfare plan): a name masked once is masked where its family or given
name recurs as a word in the same text (「次男・高橋翔（34歳）…。翔は平日は…」 -> 「次男・［氏名］…。［氏名］は平日は…」,
「長男の健太が…健太がどうなるのか」; not inside a longer word, 「飛翔」「凛々しい」; a part of one or two characters, or in
hiragana, only before a particle, 、, 。 or a bracket; a one-kanji family name, 森 or 林, never alone;
``_mask_recurring``), and ``masked_name_parts`` gives those parts for the other texts of the submission
(``mask_personal_data(..., recurring=…)``); a kanji given name UniDic tags as one that starts a sentence before
は/が/も (「翔は平日は…」, the report's opinion starting after the sentence that named the person whole;
``_TOPIC_GIVEN_RE``); a former address written without 町 or 丁目, the place in kana with も or after の, before a house
number (「さくら市のかもめ台ニュータウン4-3」「さくら市かもめ台4-3」「みなと市ひばり野4番3号」; not 「1-2か所」「3-4月」);
a katakana given name of 2–4 characters, with 子, after a relative's word and a family name, before an age in brackets
or a particle, whatever UniDic makes of it (「母の長谷川ウメ（93歳）」「母の長谷川マツを」「妻の前田ミツ子は」 ->
「妻の［氏名］は」, ``_RELATIVE_KATAKANA_RE``; 「母の田中ケアマネさん」 is no name); katakana + 子 after a family name
as one given name; a given name UniDic starts with a family name (「村井蒼真」: 村井 + 蒼 + 真); in brackets after a kinship
word, a name and its relation to the relative, the relation kept (「娘（大翔の妹）」 -> 「娘（［氏名］の妹）」).

``drop_masked_lines`` then removes from a published summary the lines that held nothing but
personal data (a signature or contact line, also after a closing: 「以上　［氏名］」).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .normalize import _NAME_INTRO_RE, CLOSING_WORDS, CONTACT_LABELS, NAME_LABELS

D = "[0-9０-９]"
HC = r"\-‐－―ー−–—"  # hyphen-like characters seen in phone numbers and postal codes
H = f"[{HC}]"
_KANJI_DIGITS = "一二三四五六七八九十〇"
# Characters of a place name: kanji, katakana and hiragana except particles (は, を, が ...).
_PLACE = "[" + "々〆ヶ\u4e00-\u9fffァ-ヺー" + "".join(
    chr(c) for c in range(ord("ぁ"), ord("ゖ") + 1) if chr(c) not in "はをがにでへとも") + "]"
# ... and が / の / ケ linking two kanji inside a name: 霞が関, 自由が丘, 関ケ原.
_PLACE_OR_LINK = f"(?:{_PLACE}|[がのケヶ](?=[\u4e00-\u9fff]))"

# ... and a place named in hiragana, particles and all (「みなと市」「みずほ県」: QA90 published 「みずほ県みなと市桜台9丁目…」,
# its と read as a particle), starting after a non-hiragana character or a particle
_KANA_PLACE = (r"(?:(?<![ぁ-ゖ])(?![はがをにでへとも])|(?<=[はがをにでへとも]))[ぁ-ゖ](?:(?![はがをにでへも])[ぁ-ゖ]){1,5}"
               r"(?=[都道府県市区町村郡])")

_KD = f"[{_KANJI_DIGITS}]"
# 「３番地の４」: a lot number after 番地 (digits only: 「２番地の一部」 is a sentence).
_LOT_NO = rf"(?:[の之][^\S\n]*{D}+(?![0-9０-９]))"
# A room: 「101号室」「３号棟502号室」「2F」「Ｂ２０１」; written after a building name, digits alone
# too (「グリーンハイツ 101」), but not before a unit or another block number (「約800m」, 「３丁目」).
_ROOM = rf"(?:[A-Za-zＡ-Ｚａ-ｚ]?{D}{{1,5}}[^\S\n]*(?:号棟|号館|番館|棟)(?=[^\S\n]*[A-Za-zＡ-Ｚａ-ｚ]?{D})|[A-Za-zＡ-Ｚａ-ｚ]?{D}{{1,5}}(?:[^\S\n]*(?:号室|号棟|号館|番館|号|室|階|[FＦ]))?(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ%％丁番{HC}]))"
_ROOM_STRICT = rf"(?:[A-Za-zＡ-Ｚａ-ｚ]?{D}{{1,5}}[^\S\n]*(?:号室|号棟|号館|室))"
# A building after the block number: its name (katakana, kanji, Latin letters) before a room
# (「グリーンハイツ101号室」「コーポ山田 2F」) or ending in a word for a building (「みどり荘」
# aside: hiragana is never taken, so 「… 1丁目2番3号 の者です」 keeps its words).
_BUILDING_WORDS = ("ハイツ|マンション|アパート|コーポ|ハイム|メゾン|レジデンス|ビル|タワー|コート|ヒルズ|"
                   "パレス|テラス|ハウス|荘|団地|住宅|寮")
_BUILDING_NAME = ("(?:[ァ-ヺー・･A-Za-zＡ-Ｚａ-ｚ\u4e00-\u9fff々]|[ぁ-ゖ](?<![はをがにでへともやのよ]))"
                  "[ァ-ヺー・･A-Za-zＡ-Ｚａ-ｚ\u4e00-\u9fff々ぁ-ゖ]")
_ADDRESS_TAIL = (
    # 1-2-3-101, 2番1-401-D号
    rf"(?:{H}(?:{D}{{1,5}}(?![0-9０-９])|[A-Za-zＡ-Ｚａ-ｚ](?![A-Za-zＡ-Ｚａ-ｚ]))(?:号室|号|室)?){{0,2}}"
    rf"(?:[^\S\n]*{_ROOM_STRICT}(?:[^\S\n]*{_ROOM})?"
    rf"|[^\S\n]*{_BUILDING_NAME}{{0,19}}?(?:[^\S\n]*{_ROOM}){{1,2}}"
    rf"|[^\S\n]*{_BUILDING_NAME}{{0,15}}?(?:{_BUILDING_WORDS})(?:[^\S\n]*{_ROOM}){{0,2}})?")

# A line break inside an address, where a letter's or PDF's line ended (QA37: 「みどり市東町⏎3丁目12番地の5」,
# 「みどり市東町3丁目⏎12番地の5」): taken only before a block number with a lot (丁目 and 番, 番地, 1-2-3), so a
# town ending a sentence's line and a list's 「1-2」 or a 「1番目」 on the next stay apart.
_NL = r"[^\S\n]*\n[^\S\n]*"
_ADDRESS_BREAK = (rf"(?:{_NL}(?=[{_KANJI_DIGITS}0-9０-９]+丁目[^\S\n]*(?:{D}|{_KD}+番)|{D}+[^\S\n]*番地"
                  rf"|{D}+[^\S\n]*番[^\S\n]*{D}|{D}+{H}{D}+{H}{D}))?")
_BLOCK_BREAK = rf"(?:{_NL}(?={D}+[^\S\n]*番地|{D}+[^\S\n]*番[^\S\n]*{D}|{D}+{H}{D}))?"

MASKS = {
    "email": "［メールアドレス］",
    "phone": "［電話番号］",
    "postal": "［郵便番号］",
    "address": "［住所］",
    "number": "［個人番号］",
    "name": "［氏名］",
    "birth": "［生年月日］",
    "url": "［URL］",
    "sns": "［SNSアカウント］",
    "school": "［学校名］",
    "plate": "［車両番号］",
    "account": "［口座番号］",
    "id": "［番号］",
}

# A date of birth after its label (生年月日 / 誕生日, also 「生年月日が1948年7月7日で」): only the date is
# replaced, the label stays (「生年月日 ［生年月日］」); a date elsewhere (施行日, 令和8年4月1日から) is no personal data.
_NUM = "[0-9０-９〇一二三四五六七八九十]"
_BIRTH_RE = re.compile(
    rf"((?:生年月日|誕生日)[^\S\n]*(?:[:：]|は|が)?[^\S\n]*)"
    rf"((?:(?:{D}{{4}}|(?:明治|大正|昭和|平成|令和|[MTSHRmtshrＭＴＳＨＲ][.．]?)[^\S\n]*(?:{_NUM}{{1,3}}|元))[^\S\n]*年[^\S\n]*)?"
    rf"{_NUM}{{1,2}}[^\S\n]*月[^\S\n]*{_NUM}{{1,3}}[^\S\n]*日(?:生まれ|生)?"
    rf"|(?:{D}{{4}}|(?:[MTSHRＭＴＳＨＲ]|明|大|昭|平|令)[.．]?[^\S\n]?{D}{{1,2}})[^\S\n]*[/／.．{HC}][^\S\n]*{D}{{1,2}}[^\S\n]*[/／.．{HC}][^\S\n]*{D}{{1,2}}(?![0-9０-９])(?:生まれ|生)?)")
# ... and a whole date right before 生まれ (「平成2年5月3日生まれです」「2010年5月3日生まれの娘」); a year alone
# (「2010年生まれ」), a date before other words (「令和7年4月1日から」) and a rule's date (「平成25年4月2日
# 生まれ以降の子ども」「…生まれの方」) stay.
_OTHER_YEAR = (rf"(?:[（(][^\S\n]*(?:(?:明治|大正|昭和|平成|令和)[^\S\n]*(?:{_NUM}{{1,3}}|元)|{D}{{4}})[^\S\n]*年?[^\S\n]*[）)]"
               rf"[^\S\n]*)")
_BORN_DATE_RE = re.compile(
    rf"(?:(?:{D}{{4}}|(?:明治|大正|昭和|平成|令和)[^\S\n]*(?:{_NUM}{{1,3}}|元))[^\S\n]*{_OTHER_YEAR}?[^\S\n]*年[^\S\n]*"
    # the year the other way in brackets (「1958年（昭和33年）6月14日」「昭和33年（1958年）」「1958（昭和33）年」, QA113, QA114)
    rf"{_OTHER_YEAR}?"
    rf"{_NUM}{{1,2}}[^\S\n]*月[^\S\n]*{_NUM}{{1,3}}[^\S\n]*日"
    rf"|(?<![0-9０-９]){D}{{4}}[/／.．]{D}{{1,2}}[/／.．]{D}{{1,2}}"
    # an era's letter and the date in dots: 「H30.7.7生まれ」「S60.1.2生まれ」; 「昭45・3・2生」 (QA113)
    rf"|(?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９])(?:[MTSHRＭＴＳＨＲ]|明|大|昭|平|令)[.．]?[^\S\n]?{D}{{1,2}}[/／.．・･]{D}{{1,2}}[/／.．・･]{D}{{1,2}}(?![0-9０-９])"
    # 生 before the writer or a relative (「1985年4月12日生の母です」「…生です」); 「…日に生まれた娘」 (QA113)
    rf")(?=[^\S\n]*(?:に生まれた(?:ばかりの)?(?=(?:娘|息子|長男|長女|次男|次女|三男|三女|孫|私)(?!たち|達|ら))|生まれ|うまれ|生(?=$|[。、，,\s）)]|です|で[、，,\s]|の(?:母|父|私|妻|夫|娘|息子|長男|長女|次男|次女|三男|三女|"
    rf"子ども|子供|主婦|会社員|男性|女性|者|もの|孫|祖母|祖父)))(?![^\S\n]*(?:以降|以前|以後|から|まで|より|までの|の方|の人|の者|の子|の児童|の生徒|の市民|の全員|が対象|を対象|は対象)))")
# Web addresses: one with a personal path (「https://example.com/~saito」) is masked wherever it
# is; any other only on a signature or contact line (``_mask_signature_urls``): a URL inside an
# opinion usually points to the draft or a public page.
_URL_RE = re.compile(r"(?:https?|ftp)://[^\s<>\"'（）「」『』【】、。，！？]+|www\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+[^\s<>\"'（）「」『』【】、。，！？]*")
_PERSONAL_URL_RE = re.compile(r"[~～〜]|%7[Ee]")
# A profile on an SNS, with or without https:// (「instagram.com/hanako_aoba」「https://x.com/…」): an
# account, masked as ［SNSアカウント］ wherever it is; not the site's own pages (explore, watch …).
_SNS_PROFILE_RE = re.compile(
    r"(?<![A-Za-z0-9.\-/@＠])(?:https?://)?(?:(?:www|m|mobile)\.)?"
    # (a personal blog too: 「https://ameblo.jp/ina-mama-kanako/」, QA113)
    r"(instagram\.com|twitter\.com|x\.com|facebook\.com|fb\.com|tiktok\.com|threads\.net|youtube\.com|note\.com|bsky\.app/profile)"
    r"/(@?[A-Za-z0-9_][A-Za-z0-9_.\-]{1,39})/?(?![A-Za-z0-9_./\-?=&%#])")
# A personal blog, its posts too (「https://ameblo.jp/ina-mama-kanako/entry-1281….html」, QA113, QA119): the writer's account
_BLOG_RE = re.compile(r"(?<![A-Za-z0-9.\-/@＠])(?:https?://)?(?:ameblo\.jp|blog\.goo\.ne\.jp|blog\.livedoor\.jp|[a-z0-9\-]+\.hatenablog\.(?:com|jp))"
                      r"(/(?!(?:entertainment|ranking|official|genre|search|hashtag|topics|news)(?![A-Za-z0-9_\-]))[A-Za-z0-9_\-]+)?"
                      r"(?:/[^\s<>\"'（）「」『』【】、。，]*)?")
# A LINE friend link (「line.me/ti/p/…」「LINE://ti/p/~kudo」, QA81): an account whatever its form.
_LINE_LINK_RE = re.compile(r"(?:(?:https?://)?(?:page\.)?line\.me/(?:ti/p|R/ti/p)/|line://ti/p/)[^\s<>\"'（）「」『』【】、。，]+",
                           re.IGNORECASE)
_SNS_SITE_PAGES = {"explore", "p", "reel", "reels", "stories", "hashtag", "tags", "watch", "share", "sharer", "search",
                   "home", "i", "intent", "about", "help", "settings", "login", "signup", "tv", "channel", "c",
                   "playlist", "results", "shorts", "events", "groups", "pages", "policies", "legal", "privacy",
                   "terms", "notifications", "messages", "accounts", "direct", "feed", "topics", "tag", "index.html"}


def _sns_profile(m: re.Match) -> str:
    site, account = m.group(1), m.group(2)
    if account.lower().rstrip(".") in _SNS_SITE_PAGES or (site == "youtube.com" and not account.startswith("@")):
        return m.group()
    return MASKS["sns"]
# Labels of SNS accounts on a contact line (「X（旧Twitter）：［SNSアカウント］」「LINE ID: …」).
_SNS_LABELS = ("LINE", "Line", "ＬＩＮＥ", "ライン", "ID", "ＩＤ", "アカウント", "ユーザー名", "Twitter", "ツイッター", "旧",
               "Instagram", "インスタグラム", "インスタ", "Facebook", "フェイスブック", "TikTok", "ティックトック",
               "Threads", "YouTube", "Bluesky", "Ｘ")
_URL_LABELS = ("URL", "url", "HP", "Hp", "ホームページ", "ブログ", "Blog", "blog", "Web", "WEB", "web", "SNS",
               "Twitter", "Instagram", "Facebook", "X")

# An e-mail address with its @ and dots spelt out or in brackets. A bare 「 at 」 needs a domain
# that ends in a common top-level domain, so an English 「at the plan.」 stays.
_SP = r"[^\S\n]*"


def _in_brackets(words: str) -> str:
    return rf"[(（\[［<＜{{｛]{_SP}(?:{words}){_SP}[)）\]］>＞}}｝]"


_AT = (rf"(?:{_SP}{_in_brackets('at|AT|At|アット(?:マーク)?|[@＠]')}{_SP}"
       rf"|{_SP}(?:アットマーク|アット){_SP}|[^\S\n]+(?:at|AT)[^\S\n]+)")
_DOT = (rf"(?:{_SP}{_in_brackets('dot|DOT|Dot|ドット|[.．]')}{_SP}"
        rf"|[^\S\n]+(?:dot|DOT)[^\S\n]+|{_SP}ドット{_SP}|[.．])")
_TLD = "(?:jp|JP|com|net|org|info|biz|io|me|co|ne|ac|go|or|ed|lg|gr|edu|gov|uk|us|tv|app|dev|xyz)"
_OBFUSCATED_EMAIL = (rf"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*{_AT}"
                     rf"[A-Za-z0-9][A-Za-z0-9\-]*(?:{_DOT}[A-Za-z0-9][A-Za-z0-9\-]*)*{_DOT}{_TLD}(?![A-Za-z0-9])")
# ... or with blanks around ＠ and the dots, half- or full-width (「tagu.ken ＠ aoba-mail . jp」
# 「ｔａｇｕ＿ｋ ＠ ｅｘａｍｐｌｅ．ｎｅ．ｊｐ」): the last label must be a common top-level domain.
_EMAIL_CHAR = "A-Za-z0-9ａ-ｚＡ-Ｚ０-９"
_SPACED_EMAIL_RE = re.compile(
    rf"(?<![{_EMAIL_CHAR}._%+\-＿．－])[{_EMAIL_CHAR}][{_EMAIL_CHAR}._%+\-＿．％＋－]*{_SP}[@＠]{_SP}"
    rf"[{_EMAIL_CHAR}][{_EMAIL_CHAR}\-－]*(?:{_SP}[.．]{_SP}[{_EMAIL_CHAR}][{_EMAIL_CHAR}\-－]*)*"
    rf"{_SP}[.．]{_SP}([{_EMAIL_CHAR}]+)(?![{_EMAIL_CHAR}])")


def _spaced_email(m: re.Match) -> str:
    tld = unicodedata.normalize("NFKC", m.group(1))
    return MASKS["email"] if re.fullmatch(_TLD, tld) else m.group()


# (not a spreadsheet function written with @, 「@SUM(1+1)」: QA59 published it as an account)
_SNS_HANDLE = r"(?<![A-Za-z0-9._%+\-@＠])[@＠](?![A-Z]{2,12}\()(?=[A-Za-z0-9_]*[A-Za-z])[A-Za-z0-9_]{2,30}(?![A-Za-z0-9_@＠])"
_SNS_NAMES = ("Twitter|twitter|ツイッター|X|Ｘ|Instagram|instagram|インスタグラム|インスタ|Facebook|facebook|"
              "フェイスブック|TikTok|ティックトック|Threads|YouTube|Bluesky")
_ID_WORD = "(?:ID|ＩＤ|Id|id|アイディー|アカウント|ユーザー名)"
_ID_CHARS = r"[A-Za-z0-9Ａ-Ｚａ-ｚ０-９_＿.．\-]"
_ID_ALNUM = "[A-Za-z0-9Ａ-Ｚａ-ｚ０-９_＿]"
_SNS_LABELLED_ID_RE = re.compile(
    rf"((?:(?<![A-Za-zＡ-Ｚａ-ｚ])(?:{_SNS_NAMES})(?:{_SP}[(（]旧{_SP}(?:Twitter|ツイッター){_SP}[)）])?{_SP}(?:の)?{_ID_WORD}?"
    rf"|(?<![A-Za-zＡ-Ｚａ-ｚ])(?:LINE|Line|ＬＩＮＥ)(?:{_SP}(?:の{_SP})?{_ID_WORD})?|(?<![ァ-ヺー])ライン{_SP}(?:の{_SP})?{_ID_WORD})"
    # 「は」 only after a word for an ID: 「LINE IDは …」, not 「Xは2案より…」
    rf"{_SP}(?:[:：]|(?<=[DＤ名トー])は){_SP}[@＠]?)"
    # the ID: 2 or more letters, digits, _ . - with a letter among them, no trailing full stop,
    # not an e-mail address's local part, not followed by a kanji (「X：10件」)
    rf"((?={_ID_CHARS}*[A-Za-zＡ-Ｚａ-ｚ]){_ID_ALNUM}(?:[.．\-]?{_ID_ALNUM})+)"
    rf"(?![@＠]|[.．\-]?{_ID_ALNUM}|[\u4e00-\u9fff])")
# ... and after an SNS name and a blank (「インスタ hanako_k0412」): only an ID with a digit, _ or . in it,
# so 「Instagram Reels」「インスタ では」 stay.
_SNS_BLANK_ID_RE = re.compile(
    r"((?<![A-Za-zＡ-Ｚａ-ｚ])(?:Instagram|instagram|インスタグラム|インスタ|Twitter|twitter|ツイッター|Facebook|facebook|"
    rf"フェイスブック|TikTok|tiktok|ティックトック|Threads|LINE|ＬＩＮＥ|ライン)(?:{_SP}{_ID_WORD})?[^\S\n]+[@＠]?)"
    r"((?=[A-Za-z0-9_.]*[A-Za-z])(?=[A-Za-z0-9_.]*[0-9_])[A-Za-z0-9_][A-Za-z0-9_.]{2,29})(?![A-Za-z0-9_.@＠\-])")
# QA41: 「LINEやってます。IDは yui_0412」: an ID after its label alone, with an SNS name (or LINE) earlier on the
# line; 「IDは」 with no service named stays (a game's or the city's form's ID is no contact).
_LATER_ID_RE = re.compile(
    rf"((?<![A-Za-zＡ-Ｚａ-ｚ]){_ID_WORD}{_SP}(?:[:：]|は){_SP}[@＠]?)"
    rf"((?={_ID_CHARS}*[A-Za-zＡ-Ｚａ-ｚ]){_ID_ALNUM}(?:[.．\-]?{_ID_ALNUM})+)"
    rf"(?![@＠]|[.．\-]?{_ID_ALNUM}|[\u4e00-\u9fff])")
_SNS_NAME_BEFORE_RE = re.compile(
    rf"(?<![A-Za-zＡ-Ｚａ-ｚ])(?:{_SNS_NAMES}|LINE|Line|ＬＩＮＥ|ライン|SNS|ＳＮＳ)(?![A-Za-zＡ-Ｚａ-ｚ])")


# QA89: what identifies a person though the forms above miss it.
# An account written after its service without a colon (「Xのアカウント aya_murakami0412」「ツイッターでyamamori_hiro」
# 「ラインは mihok0412 です」): an ID with a letter and a digit or _ in it
_SNS_LOOSE_ID_RE = re.compile(
    rf"((?<![A-Za-zＡ-Ｚａ-ｚ])(?:{_SNS_NAMES}|LINE|Line|ＬＩＮＥ|ライン)[^\S\n]*(?:[のでは][^\S\n]*)?(?:{_ID_WORD}[^\S\n]*"
    r"(?:[はが][^\S\n]*)?)?[:：]?[^\S\n]*[@＠]?)"
    r"((?=[A-Za-z0-9_.]*[A-Za-z])(?=[A-Za-z0-9_.]*[0-9_])[A-Za-z0-9_][A-Za-z0-9_.]{2,29})(?![A-Za-z0-9_.@＠\-])")
_HONORIFIC = r"(?:さん|様|氏|くん|ちゃん|君|先生)"
# initials before an honorific (「Y.K.さん」「Y・Kさん」; 「JAさん」, no dot, is the co-op)
# (not three letters, 「P.T.A.さん」「H.I.S.さん」, QA93)
_INITIALS_RE = re.compile(rf"(?<![A-Za-zＡ-Ｚａ-ｚ.．・･])[A-ZＡ-Ｚ][.．・･][^\S\n]?[A-ZＡ-Ｚ][.．]?(?![A-ZＡ-Ｚ])"
                          rf"(?=[^\S\n]?{_HONORIFIC})")
# a name in Latin letters before -san (「Suzuki Ichiro-san」「Tanaka-sanに」「Tanaka Hanako san」); not before さん or 様,
# which companies take too (「Google Japanさん」, QA93)
# one word only in a sentence, not quoted as a name of a place (「「Fuji-san」や「Takao-san」」, QA93)
_LATIN_NAME_SAN_RE = re.compile(r"(?<![A-Za-z])(?:[A-Z][a-z]{1,15}[^\S\n]+[A-Z][a-z]{1,15}(?=(?:-san|[^\S\n]san)(?![A-Za-z]))"
                                r"|(?<!「)[A-Z][a-z]{1,15}(?=-san[にもがはとへをや、。]))")
# a foreign name in katakana with its 「・」 before an honorific, after a word that says it is a person (「フィリピン出身の
# マリア・サントスさん」; not 「コカ・コーラさん」「セブン・イレブンさん」, QA93)
_KATAKANA_FULL_NAME_RE = re.compile(
    rf"((?:出身|在住|国籍|友人|知人|隣人|同僚|留学生|実習生|外国人|住民|近所|隣|同級生|先輩|後輩)(?:の|で|である)[^\S\n]?)"
    # (three or four words too: 「ベトナム出身のグエン・ヴァン・アンさん」, QA113)
    rf"(?<![ァ-ヺー・･])[ァ-ヺー]{{2,10}}(?:[・･＝=][ァ-ヺー]{{1,10}}){{1,3}}(?=[^\S\n]?{_HONORIFIC})")
# someone named by a role in a group before 様/さん (「自治会の会計の森様」「班長の佐藤さん」): the role stays
_GROUP_ROLE_NAME_RE = re.compile(
    r"((?:副?会長|会計|書記|役員|理事|監事|幹事|班長|組長|民生委員|児童委員|管理人|大家|店長|院長|園長|副?校長|教頭|主任|係長|"
    r"課長|部長)(?:の|である)[^\S\n]?)"
    # (not who stands by the role: 「会長の奥様」「会長の息子さん」「会計の担当さん」, QA93)
    r"(?![皆各諸貴同御方奥息娘旦主家代担係後前子母父妻夫兄姉弟妹孫])([\u4e00-\u9fff]{1,3})(?=(?:様|さん|氏)(?![\u4e00-\u9fff]))")
# a place's coordinates in Japan (「（35.4437, 139.6380）」) and an IP address (「203.0.113.45」)
_COORDINATES_RE = re.compile(r"(?<![\d.])(?:2\d|3\d|4[0-6])\.\d{3,}[^\S\n]*[,，、][^\S\n]*(?:12[2-9]|1[34]\d|15[0-4])\.\d{3,}(?![\d.])")
_IP_RE = re.compile(r"(?<![\d.])(?=(?:\d+\.)*\d{2,}\.(?:\d+\.)*\d{2,})(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}"
                    r"(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])")


def _mask_loose_identifiers(text: str) -> str:
    """The QA89 forms: an account without a colon, initials, a name in Latin letters or katakana before an
    honorific, a group role's member, a place's coordinates, an IP address."""
    if not text:
        return text
    text = _SNS_LOOSE_ID_RE.sub(lambda m: m.group(1) + MASKS["sns"], text)
    text = _INITIALS_RE.sub(MASKS["name"], text)
    text = _LATIN_NAME_SAN_RE.sub(MASKS["name"], text)
    text = _KATAKANA_FULL_NAME_RE.sub(lambda m: m.group(1) + MASKS["name"], text)
    text = _GROUP_ROLE_NAME_RE.sub(lambda m: m.group(1) + MASKS["name"], text)
    text = _COORDINATES_RE.sub(MASKS["address"], text)
    return _IP_RE.sub(MASKS["id"], text)


def _later_id(m: re.Match) -> str:
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    if _SNS_NAME_BEFORE_RE.search(m.string, max(line_start, m.start() - 40), m.start()):
        return m.group(1) + MASKS["sns"]
    return m.group()


# A bank account number after its label (「口座番号：1234567」「普通 7654321」「当座預金 1234567」): the label
# stays, the number (6–8 digits) goes; 「普通預金で」「普通 3件」 have none.
_ACCOUNT_RE = re.compile(
    rf"((?:口座番号|口座|普通預金|当座預金|普通|当座)[^\S\n]*(?:[:：]|は|の)?[^\S\n]*(?:番号[^\S\n]*(?:[:：]|は)?[^\S\n]*)?)"
    rf"({D}{{6,8}}|{D}{{3,4}}{H}{D}{{3,4}})(?![0-9０-９]|[^\S\n]*(?:円|万|億|千|人|件|回|年|月|日|歳|才|%|％))")
# A ゆうちょ account, 「記号10120 番号12345671」 (QA81: published whole): both numbers, the labels kept.
_YUCHO_RE = re.compile(rf"(記号[^\S\n]*(?:[:：]|は)?[^\S\n]*){D}{{5}}([^\S\n]*[、,，・]?[^\S\n]*番号[^\S\n]*(?:[:：]|は)?[^\S\n]*)"
                       rf"{D}{{6,8}}(?![0-9０-９])")
# An ID number after its label (旅券番号, パスポート番号, 免許証番号, 保険証の記号番号, 被保険者番号, 受給者番号,
# 基礎年金番号 …): the label stays, the number with its letters, hyphens, 第 and 号 goes as ［番号］.
_ID_LABELS = ("運転免許証番号", "免許証番号", "免許番号", "旅券番号", "パスポート番号", "パスポートの番号", "パスポート",
              "被保険者番号", "保険者番号", "保険証番号", "記号番号", "記号・番号", "記号及び番号", "受給者証番号", "受給者番号",
              "受給資格者番号", "基礎年金番号", "年金番号", "診察券番号", "患者番号", "住民票コード", "在留カード番号",
              "手帳番号", "証明書番号", "登録番号", "会員番号",
              # QA89: 「学籍番号 21E3047」「社員番号 K-58213」「身体障害者手帳 第12345号」
              "学籍番号", "学生番号", "学生証番号", "受験番号", "社員番号", "職員番号", "従業員番号", "社員証番号",
              "障害者手帳", "療育手帳", "保健福祉手帳", "介護保険証", "保険証",
              # QA113: 「お客様番号 12-3456-78」「カード番号は2000123456789」「警察の受理番号 第R7-0415号」
              "お客様番号", "顧客番号", "利用者番号", "カード番号", "図書カード番号", "利用者カード番号", "受理番号", "契約番号",
              "整理番号",
              # QA118: 「母子健康手帳の交付番号は R3-1187」「生徒番号 20241183」「児童番号 H-2023-015」
              "交付番号", "生徒番号", "児童番号", "園児番号", "申込番号", "申請番号", "母子手帳の番号", "母子健康手帳の番号")
_ID_NUMBER_RE = re.compile(
    rf"((?:{'|'.join(_ID_LABELS)})[^\S\n]*(?:[:：]|は|の)?[^\S\n]*)"
    rf"((?:第[^\S\n]*)?[A-Za-zＡ-Ｚａ-ｚ]{{0,3}}[^\S\n]?{H}?{D}+(?:[^\S\n]?[{HC}・･]?[^\S\n]?[0-9０-９A-Za-zＡ-Ｚａ-ｚ]+)*"
    rf"(?:[^\S\n]*号)?)"
    # (nor a date: 「保険証は2024年12月2日に…」, QA93)
    rf"(?![0-9０-９]|[^\S\n]*(?:円|万|億|人|件|歳|才|%|％|年|月|日|時|回|か月|ヶ月|カ月))")


def _id_number(m: re.Match) -> str:
    if len(re.findall("[0-9０-９]", m.group(2))) < 4:
        return m.group()  # 「会員番号は3号」: too short to name anyone
    return m.group(1) + MASKS["id"]


# Phones: 0 + area code, separators optional; also (03)1234-5678 and +81. Also run on the OCR-folded copy of
# a text (``_mask_ocr_phones``).
# A time's minutes are no area code (「10:00 0265-22-1111」 had 「00 0265」 masked and 「-22-1111」 left, QA109): a
# number never starts with two digits alone right after 「digit:」 (a label's 「連絡先2:080-…」 does, QA114).
_PHONE_RE = re.compile(
    rf"(?:[+＋][8８][1１][\s{HC}]?|(?<![0-9０-９])(?!(?<=[0-9０-９][:：])[0-9０-９]{{2}}(?![0-9０-９]))[0０])"
    rf"(?:{D}{{1,4}}(?:{H}[^\S\n]*\n[^\S\n]*|[\s{HC}])?[(（]?{D}{{1,4}}[)）]?(?:{H}[^\S\n]*\n[^\S\n]*|[\s{HC}])?{D}{{3,4}}"
    rf"|{D}{{9,10}})(?![0-9０-９])"
    rf"|[(（][0０]{D}{{1,4}}[)）]\s*{D}{{1,4}}{H}{D}{{3,4}}"
)
# Phone numbers as OCR or a PDF's text layer give them (QA37): the letters O/o for 0 and l/I/| for 1
# (「O9O-l234-5678」「O29(l23)4567」), the kanji 一 or a half-width ｰ as the hyphen (「029一123一4567」). The text
# is folded character for character (one for one, so the offsets of a match are those of the original) and
# ``_PHONE_RE`` runs on the copy; a match is taken only where its shape is a phone number's: mostly real digits
# (a letter for at most every second digit), and, when it starts with a letter, after a phone label
# (電話, TEL, FAX, 連絡先, 携帯 …) or written with hyphens or brackets. 「第一章」「O型」「ボール」 never fold into
# ten digits, so they stay.
_OCR_LETTERS = "OoＯｏlIｌＩ|｜"
_OCR_FOLD = str.maketrans({**{c: "0" for c in "OoＯｏ"}, **{c: "1" for c in "lIｌＩ|｜"},
                           **{c: "-" for c in "一ｰ‒─"}})
_OCR_HINT_RE = re.compile(f"[{re.escape(_OCR_LETTERS)}一ｰ‒─]")
_OCR_PHONE_LABEL_RE = re.compile(
    r"(?:電話番号|電話|携帯電話|携帯|連絡先|TEL|Tel|tel|ＴＥＬ|℡|FAX|Fax|fax|ＦＡＸ|ファクス|ファックス|自宅|番号)"
    r"[^\S\n]*[)）】\]］]?[^\S\n]*(?:[:：]|は|を)?[^\S\n]*$")
_LATIN_RE = re.compile("[A-Za-zＡ-Ｚａ-ｚ]")
_PHONE_SEPARATOR_RE = re.compile(f"[{HC}(（)）]")


def _mask_ocr_phones(text: str) -> str:
    if not _OCR_HINT_RE.search(text):
        return text
    folded = text.translate(_OCR_FOLD)
    spans = []
    for m in _PHONE_RE.finditer(folded):
        start, end = m.span()
        raw = text[start:end]
        if raw == m.group():  # nothing folded: the phone pattern itself masks it
            continue
        letters = sum(c in _OCR_LETTERS for c in raw)
        digits = sum(c.isdigit() for c in raw)
        if digits < 6 or letters * 2 > digits:
            continue
        labelled = _OCR_PHONE_LABEL_RE.search(text, max(0, start - 12), start) is not None
        if not labelled:
            if start and _LATIN_RE.match(text, start - 1):
                continue  # inside a word or code: 「ABO9O-…」
            if raw[0] in _OCR_LETTERS and not _PHONE_SEPARATOR_RE.search(m.group()):
                continue
        if _LATIN_RE.match(text, end):
            continue
        if _is_service_number(text, start, end, m.group()):
            continue  # a service's toll-free number the opinion names (as ``_phone``)
        spans.append((start, end))
    for start, end in reversed(spans):
        text = text[:start] + MASKS["phone"] + text[end:]
    return _mask_ocr_postal(text)


# A postal code after 〒 with OCR lookalikes (「〒l23-4567」「〒I23一4567」): the mark makes it a postal
# code whatever the letters; masked here so that the address after it is masked whole as well.
_OCR_POSTAL_RE = re.compile(rf"〒[^\S\n]*{D}{{3}}[^\S\n]*{H}?[^\S\n]*{D}{{4}}(?![0-9０-９])")


def _mask_ocr_postal(text: str) -> str:
    if "〒" not in text:
        return text
    folded = text.translate(_OCR_FOLD)
    spans = [m.span() for m in _OCR_POSTAL_RE.finditer(folded) if text[m.start():m.end()] != m.group()
             and not _LATIN_RE.match(text, m.end())]
    for start, end in reversed(spans):
        text = text[:start] + MASKS["postal"] + text[end:]
    return text


_PATTERNS: list[tuple[str, re.Pattern]] = [
    # Half- or full-width (typed with the IME on): ｔａｒｏ＿ｙ＠ｅｘ－ａｍｐｌｅ．ｊｐ.
    ("email", re.compile(r"[A-Za-z0-9._%+\-ａ-ｚＡ-Ｚ０-９＿．％＋－]+[@＠][A-Za-z0-9\-ａ-ｚＡ-Ｚ０-９－]+"
                         r"(?:[.．][A-Za-z0-9\-ａ-ｚＡ-Ｚ０-９－]+)+")),
    # ... written so that robots cannot read it: 「taro.suzuki at example dot jp」,
    # 「taro(at)example.jp」, 「taro アットマーク example ドット jp」 (see _OBFUSCATED_EMAIL).
    ("email", re.compile(_OBFUSCATED_EMAIL)),
    # SNS accounts: a handle (「@midori_taro」, after 「Twitter:」 or 「X（旧Twitter）」 too); an ID
    # after an SNS name and a colon (「Instagram: midori.t」「LINE ID: midori123」) is
    # _SNS_LABELLED_ID_RE, which keeps the label.
    ("sns", re.compile(_SNS_HANDLE)),
    # A car's number plate: 「品川 500 さ 12-34」「練馬300あ5678」 (not 「資料 10 の 12-15頁」).
    # ... its region in hiragana (「みなと 330 ふ 56-78」「なにわ 300 あ 12-34」, QA81): a blank after the region
    ("plate", re.compile(
        rf"(?:(?<=[はがのもを])|(?<![ぁ-ゖ\u4e00-\u9fff々]))[ぁ-ゖ]{{2,4}}[^\S\n]+{D}{{2,3}}[^\S\n]*(?!の)[あ-ゎを][^\S\n]*"
        rf"(?:{D}{{1,2}}{H}{D}{{2}}|{D}{{4}}|[・･.．]{{1,3}}{D}{{1,3}})(?![0-9０-９{HC}])")),
    ("plate", re.compile(
        rf"(?<![\u4e00-\u9fff々])[\u4e00-\u9fff々]{{1,4}}[^\S\n]*{D}{{2,3}}[^\S\n]*(?!の)[あ-ゎを][^\S\n]*"
        rf"(?:{D}{{1,2}}{H}{D}{{2}}|{D}{{4}}|[・･.．]{{1,3}}{D}{{1,3}})(?![0-9０-９{HC}]|[^\S\n]*(?:頁|ページ|条|項|号|行|番|円|人|件|年|月|日|時|分|%|％))")),
    # 12-digit individual number (with or without separators), before phone numbers.
    # An amount (「123456789012円」「…万円」「…億円」) is none.
    ("number", re.compile(rf"(?<![0-9０-９]){D}{{4}}[\s{HC}]?{D}{{4}}[\s{HC}]?{D}{{4}}(?![0-9０-９]|[^\S\n]*(?:円|万|億|千|ドル|ユーロ))")),
    # ... also broken after its hyphen by a line break (「〒123-⏎4567」, a PDF's or OCR's line, QA37)
    ("postal", re.compile(rf"〒\s*{D}{{3}}[^\S\n]*(?:{H}[^\S\n]*(?:\n[^\S\n]*)?)?{D}{{4}}(?![0-9０-９])")),
    # Phones: 0 + area code, separators optional; also (03)1234-5678 and +81 (``_PHONE_RE``).
    ("phone", _PHONE_RE),
    # A local number without its area code right after a phone label (「電話は 23-5417（市外局番0265）」「ＴＥＬ　７２－８８１５」,
    # QA113), or a number written a digit at a time after one (「携帯 080 5 5 1 8 2 2 7 3」)
    ("phone_local", re.compile(rf"(?:(?<=電話)|(?<=携帯)|(?<=TEL)|(?<=Tel)|(?<=tel)|(?<=ＴＥＬ)|(?<=℡)|(?<=FAX)|(?<=Fax)|"
                               rf"(?<=ＦＡＸ)|(?<=ファクス))(?:番号)?(?:は|[:：.．])?[、，,]?[^\S\n]*"
                               rf"((?:{D}{{2,4}}(?:{H}|[^\S\n]){D}{{4}}|[0０](?:[^\S\n]?{D}){{9,10}}))"
                               # (not an amount, a year or a count: 「携帯は 1000-2000円の補助を」「電話は2020-2024年度で」, QA119)
                               rf"(?![0-9０-９]|{H}{D}|[^\S\n]*(?:円|年|件|人|分|時|回|歳|才|%|％|月|日|度|名|台|枚|本))")),
    # ... with dots, slashes, 「・」 or 「の」 between the parts, the same one twice (「090.4711.2583」「０２６５/７６/５５３２」
    # 「090の6352の1189」, QA113), or blanks around the hyphens (「0265 - 73 - 8821」): 10 or 11 digits (「01/02/2026」 is a date)
    ("phone_parts", re.compile(rf"(?:(?<![0-9０-９.．,，/／])|(?<=TEL\.)|(?<=Tel\.)|(?<=tel\.))(?<![0-9０-９][:：])[0０]{D}{{1,4}}([.．/／・･]|の){D}{{1,4}}\1{D}{{4}}(?![0-9０-９]|[.．/／]{D}|[^\S\n]*[号番])"
                         rf"|(?<![0-9０-９])(?<![0-9０-９][:：])[0０]{D}{{1,4}}[^\S\n]+{H}[^\S\n]+{D}{{1,4}}[^\S\n]+{H}[^\S\n]+{D}{{4}}(?![0-9０-９])")),
    # ... written in kanji numerals (「〇九〇‐一二三四‐五六七八」): with its hyphens, or without them
    # right after a phone label (「電話〇九〇一二三四五六七八」).
    ("phone", re.compile(
        # (a 「・」 or a blank between the parts too, and after 「TEL 」: QA72 「携帯：〇八〇・一一二二・三三四四」)
        rf"(?<![{_KANJI_DIGITS}])〇[〇一二三四五六七八九]{{1,4}}(?:{H}|[・･．.]|[^\S\n])[〇一二三四五六七八九]{{1,4}}"
        rf"(?:{H}|[・･．.]|[^\S\n])[〇一二三四五六七八九]{{3,4}}(?![{_KANJI_DIGITS}])"
        rf"|(?:(?<=電話|携帯|番号)|(?<=連絡先)|(?<=[:：は\s]))〇[〇一二三四五六七八九]{{9,10}}(?![{_KANJI_DIGITS}])"
        # 「（〇四五）二二三―四五六七」「〇九〇の一二三四の五六七八」 (QA81)
        rf"|[(（]〇[〇一二三四五六七八九]{{1,4}}[)）][^\S\n]*[〇一二三四五六七八九]{{1,4}}(?:{H}|[・･．.]|[^\S\n])?"
        rf"[〇一二三四五六七八九]{{3,4}}(?![{_KANJI_DIGITS}])"
        # 「〇四六七（二二）五五六六」 (QA89: a FAX number)
        rf"|(?<![{_KANJI_DIGITS}])〇[〇一二三四五六七八九]{{1,4}}[(（][〇一二三四五六七八九]{{1,4}}[)）][〇一二三四五六七八九]{{3,4}}"
        rf"(?![{_KANJI_DIGITS}])"
        rf"|(?<![{_KANJI_DIGITS}])〇[〇一二三四五六七八九]{{1,4}}の[〇一二三四五六七八九]{{2,4}}の[〇一二三四五六七八九]{{4}}"
        rf"(?![{_KANJI_DIGITS}])")),
    # A bare 123-4567 is a postal code only once phone numbers (045-123-4567) are masked.
    ("postal", re.compile(rf"(?<![0-9０-９{HC}]){D}{{3}}{H}{D}{{4}}(?![0-9０-９{HC}])")),
    # Street addresses: a place name followed by a block number (丁目, 番地, 号 or 1-2-3), with
    # what follows the block: 「３番地の４」, a building and its room (see _ADDRESS_TAIL).
    ("address", re.compile(
        rf"(?:(?:{_KANA_PLACE}|{_PLACE_OR_LINK}{{0,12}}?)[都道府県])?(?:{_KANA_PLACE}|{_PLACE_OR_LINK}{{1,12}}?)[市区町村郡]"
        rf"{_PLACE_OR_LINK}{{0,12}}?{_ADDRESS_BREAK}"
        rf"(?:[{_KANJI_DIGITS}0-9０-９]+丁目{_BLOCK_BREAK}[^\S\n]*(?:(?:{D}+|{_KD}+(?=番))[^\S\n]*(?:番地?|{H})[^\S\n]*{_LOT_NO}?)?"
        rf"(?:{D}+[^\S\n]*号?|{_KD}+号|(?:(?<=番地)|(?<=番))[の之]?{_KD}{{1,4}}(?![\u4e00-\u9fff々]))?"
        rf"|{D}+[^\S\n]*番地?[^\S\n]*{_LOT_NO}?(?:{D}+[^\S\n]*号?)?"
        rf"|{D}+{H}{D}+(?:{H}{D}+)?)"
        rf"{_ADDRESS_TAIL}"
    )),
    # QA47: a town written without 町 or 丁目, in kana with も or after の, before a house number (「さくら市の
    # かもめ台ニュータウン4-3」「さくら市かもめ台4-3」「さくら市みどり野4番3号」): the municipality, the place and
    # the number; not a count or a date after it (「市内の2-3か所」, 「…4-3月」), nor a document's part (「さくら市の資料3-2」).
    ("address_loose", re.compile(
        rf"(?:{_PLACE_OR_LINK}|と(?=[市区町村]))(?:{_PLACE_OR_LINK}|と(?=[市区町村])){{0,11}}?[市区町村](?:の[^\S\n]*)?(?![はをがにでへとやの])"
        rf"(?:[々〆ヶ\u4e00-\u9fffァ-ヺー]|[ぁ-ゖ](?<![はをがにでへとや]))"
        rf"(?:[々〆ヶ\u4e00-\u9fffァ-ヺー・]|[ぁ-ゖ](?<![はをがにでへとや])){{0,15}}?[^\S\n]*"
        rf"(?:{D}+{H}{D}+(?:{H}{D}+)?|{D}+[^\S\n]*番地?[^\S\n]*(?:{_LOT_NO}|{D}+[^\S\n]*号?)?)"
        rf"(?![0-9０-９{HC}]|[^\S\n]*(?:か所|カ所|ヶ所|箇所|月|日|年|歳|人|件|回|時|分|円|割|%|％|頁|ページ|条|項|章|節|番目|位|倍|km|m|キロ))"
        rf"{_ADDRESS_TAIL}")),
    # A home in a named building with its room, the block number left out (「若葉台団地3号棟205号室在住」
    # 「若葉台団地3号棟205に住んでいます」「グリーンハイツ101号室に住む」): a room number names one household.
    ("address", re.compile(
        rf"(?<![ァ-ヺー・･A-Za-zＡ-Ｚａ-ｚ\u4e00-\u9fff々]){_BUILDING_NAME}{{0,15}}?(?:{_BUILDING_WORDS})[^\S\n]*"
        rf"(?:[A-Za-zＡ-Ｚａ-ｚ]?{D}{{1,5}}[^\S\n]*(?:号棟|号館|番館|棟)[^\S\n]*[A-Za-zＡ-Ｚａ-ｚ]?{D}{{1,5}}(?:[^\S\n]*(?:号室|号|室))?(?![0-9０-９])"
        rf"|[A-Za-zＡ-Ｚａ-ｚ]?{D}{{1,5}}[^\S\n]*号室"
        # the building and room as two numbers (「若葉台団地の3-205に住む」)
        rf"|(?:の[^\S\n]*)?{D}{{1,3}}{H}{D}{{2,5}}(?![0-9０-９{HC}]|[^\S\n]*(?:月|日|年|号|頁|条|%|％|人|件|回|時|分|円)))")),
    # A block and lot in kanji numerals joined by ノ (「東町五ノ三ノ十一」「緑町三ノ五」, QA81): a place ending in 町 or
    # 村 with one ノ, any place with two
    ("address", re.compile(
        rf"[\u4e00-\u9fff々]{{1,6}}?(?:[町村][^\S\n]*{_KD}{{1,3}}[ノ－‐][^\S\n]*{_KD}{{1,4}}(?:[ノ－‐]{_KD}{{1,4}})?"
        rf"|[^\S\n]*{_KD}{{1,3}}ノ{_KD}{{1,4}}ノ{_KD}{{1,4}})(?![\u4e00-\u9fff々])")),
    # A rural address whose municipality the writer left out or wrote as 「○○町」: 大字 (or 字),
    # the district and a lot number (「大字西原123番地の4」).
    ("address", re.compile(
        rf"(?:大字|字){_PLACE_OR_LINK}{{1,12}}?{D}+[^\S\n]*番地?[^\S\n]*{_LOT_NO}?(?:{D}+[^\S\n]*号?)?{_ADDRESS_TAIL}"
    )),
    # ... its lot number without 番地 (「大字上野字下原1234」「字下原1234-5」, QA89): three digits or more, or with a
    # hyphen; a 字 inside a word (文字, 数字) is no 字
    ("address", re.compile(
        rf"(?:大字|(?<![\u4e00-\u9fff々])字(?![幕数体画句義面形幅間詰型引源母順音典化号余]))"
        rf"{_PLACE_OR_LINK}{{1,12}}?(?:{D}{{3,}}|{D}+{H}{D}+)(?:{H}{D}+)?(?![0-9０-９])")),
    # 「本町三ー十二ー五」「みどり町3の12の5」: a block's numbers after a town, in kanji or with の (QA113)
    ("address", re.compile(rf"(?:{_KANA_PLACE}|(?<![\u4e00-\u9fff々ヶァ-ヺー])[\u4e00-\u9fff々ヶァ-ヺー]{{1,6}}?)[町村]"
                           rf"(?:{_KD}{{1,3}}[ー－―\-]{_KD}{{1,4}}[ー－―\-]{_KD}{{1,4}}|{D}{{1,3}}の{D}{{1,4}}の{D}{{1,4}})"
                           # (not a landmark the request is about: 「緑町2の3の4の交差点に信号を」, QA119)
                           rf"(?![0-9０-９{_KANJI_DIGITS}]|の?(?:交差点|踏切|公園|バス停|信号|歩道|道路|横断歩道|角地))")),
    # A block and its house number with no town before them (「中央2丁目5番地の2の角」「桜ヶ丘4丁目12番5号の前」, QA113):
    # 丁目 and 番 together name one house; 「駅前3丁目交差点」 stays
    ("address", re.compile(rf"(?<![\u4e00-\u9fff々ヶァ-ヺー])[\u4e00-\u9fff々ヶァ-ヺー]{{1,6}}[0-9０-９{_KANJI_DIGITS}]{{1,3}}丁目"
                           # (丁目 and 番 alone name a block, not a house: 「中央3丁目5番交差点」「東2丁目10番の踏切」, QA119)
                           rf"[^\S\n]*{D}{{1,4}}[^\S\n]*(?:番地(?:[^\S\n]*[の之]?[^\S\n]*{D}{{1,4}}(?:[^\S\n]*号)?)?|番[^\S\n]*[の之]?[^\S\n]*{D}{{1,4}}(?:[^\S\n]*号)?)(?!出口|出入口|線|のりば|乗り場|[0-9０-９])"
                           # in kanji numerals: 「桜ヶ丘四丁目十二番五号」 (or mixed: 「桜ヶ丘4丁目十二番五号」)
                           rf"|(?<![\u4e00-\u9fff々ヶァ-ヺー])[\u4e00-\u9fff々ヶァ-ヺー]{{1,6}}?(?![一壱]丁目[一壱]番地)(?:{_KD}{{1,3}}|{D}{{1,3}})丁目"
                           rf"{_KD}{{1,4}}(?:番地(?:[の之]?{_KD}{{1,4}}号?)?|番[の之]?{_KD}{{1,4}}号?)(?!出口|出入口|線|のりば|乗り場)")),
    # an e-mail address with its @ disguised (「hanako.y★docomo.ne.jp（★を@に変えて）」「kenji1975 あっと gmail.com」
    # 「k.hayashi@@example.jp」, QA113)
    ("email_disguised", re.compile(r"(?<![A-Za-z0-9._%+\-])(?=[0-9._%+\-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9._%+\-]{1,63}[^\S\n]*"
                         r"(★|☆|＠＠|@@|あっと|アットマーク|アット|[(（\[［](?:at|AT|a|あっと|アット)[)）\]］])[^\S\n]*"
                         r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9.\-])")),
]


# A room in a care home or hospital after its name (「ひだまりホーム205号室」「あおば苑3階の302号室」): the room
# tells which resident; the facility's name stays, the floor and room become ［住所］.
_FACILITY_ROOM_RE = re.compile(
    rf"((?:ホーム|苑|園|荘|ハウス|寮|病院|病棟|医院|施設|老健|特養|ホスピス|の里|サ高住)[^\S\n]*(?:の[^\S\n]*)?)"
    rf"(?:{D}{{1,2}}[^\S\n]*(?:階|[FＦ])[^\S\n]*(?:の[^\S\n]*)?)?[A-Za-zＡ-Ｚａ-ｚ]?{D}{{1,5}}[^\S\n]*号?室(?![0-9０-９])")


# ------------------------------------------------------------------ names

# A character of a name: letters of any script (kanji, kana, Latin, full width), ・ and 々,
# never digits, spaces, brackets or punctuation.
_NAME_CHAR = r"(?:[^\W\d_]|[・･])"
# Labels before a name (「（記入者：前田）」); a line of one of them and masked data only is a
# contact line (``only_masks``).
_NAME_LABEL_WORDS = ("氏名", "お名前", "名前", "Name", "NAME", "name", "提出者", "記入者", "投稿者", "作成者",
                     "回答者", "代表者", "申請者")
# A fax's or letter's sender (QA37): a name after them only where UniDic tags it as one (「差出人：公園利用者」 stays).
_SENDER_LABEL_WORDS = ("送信者", "差出人", "発信者")
_LABEL_NAME_RE = re.compile(
    rf"((?:{'|'.join(_NAME_LABEL_WORDS)})\s*[:：]\s*)({_NAME_CHAR}{{1,20}})"
    rf"(?:([^\S\n]+)({_NAME_CHAR}{{1,10}}))?"
    rf"(?:([^\S\n]+)({_NAME_CHAR}{{1,10}}))?"
)
# A department (with a title) before the name after a label: 「回答者：公園緑地課長 山下 智子」「記入者：公園緑地課 中川」.
_LABEL_DEPARTMENT_RE = re.compile(
    r"[^\s:：]{1,20}?(?:課|係|室|部|局|班|グループ|チーム|センター|事務所|支所)"
    r"(?:長補佐|長代理|長|員|主査|主幹|主任|主事|職員)?")
# Words after a name that are not part of it: 「山田太郎です」「田中と申します」「鈴木様より」.
_NAME_TAIL = r"(?:です|でございます|でござる|と申し|ともうし|と言い|といい|より|拝|様|さま|さん|殿|氏|君|くん|ちゃん|先生|せんせい)"
_NAME_TAIL_RE = re.compile(_NAME_TAIL)
_AFTER_SURNAME_RE = re.compile(rf"[^\S\n]*{_NAME_TAIL}")
# Words that start the next contact field, not a given name: 「氏名：山田 電話：…」.
_FIELD_WORD_RE = re.compile(f"(?:{'|'.join(CONTACT_LABELS)})")
# Lines after which a lone family name is a signature.
_CLOSING_RE = re.compile(rf"(?:{'|'.join(CLOSING_WORDS)}|拝|よろしくお願い|宜しくお願い|お願い(?:いた|致)?します)[。．.\s]*$")
# A last line that is only a closing: the line before it is a signature position.
_CLOSING_LINE_RE = re.compile(rf"(?:{'|'.join(CLOSING_WORDS)})(?:です)?[。．.]?")
# A closing that starts a line and a blank after it (「以上　やまだ たろう」): what follows is a
# signature line of its own.
_CLOSING_PREFIX_RE = re.compile(rf"[^\S\n]*(?:{'|'.join(CLOSING_WORDS)})(?:です)?[。．.、]?[^\S\n]+(?=\S)")
_RESIDENT_WORDS = {"在住", "在勤", "在学"}
# Nouns that may follow a person's name directly (「田中太郎議員」); any other noun right after a
# 姓+名 pair makes it part of a place or facility name (「森田東会館」「中川南公園」).
_PERSON_TITLES = {"議員", "市長", "町長", "村長", "区長", "知事", "首相", "大臣", "氏", "先生", "教授", "委員",
                  "委員長", "会長", "社長", "理事長", "代表", "議長", "市議", "県議", "弁護士", "医師", "監督",
                  "選手", "容疑者", "被告", "元", "前", "現"}
_HONORIFICS = {"さん", "様", "さま", "君", "くん", "ちゃん", "氏", "殿"}
_BRACKETS_OPEN = "（(「『【〔［["
_BRACKETS_CLOSE = "）)」』】〕］]"
_SIGN_TAIL = {"より", "拝", "記", "。", "．", "."}

# Hiragana names (UniDic rarely tags them, so these rules look at the characters, and only in
# the places where a letter signs or introduces its writer: hiragana words elsewhere are
# ordinary words far more often than names).
_HIRA = "[ぁ-ゖ]"
_OPEN = "[" + re.escape(_BRACKETS_OPEN) + "]"
_CLOSE = "[" + re.escape(_BRACKETS_CLOSE) + "]"
# A signature line of two space-separated hiragana words: 「やまだ　たろう」「（やまだ たろう）より」.
# Matched against the stripped line, and only a short one: several optional blanks in a row
# would backtrack without end on a long run of spaces.
_HIRAGANA_SIGNATURE_MAX = 24
_HIRAGANA_SIGNATURE_RE = re.compile(
    rf"{_OPEN}?[^\S\n]*({_HIRA}{{2,6}}[^\S\n]+{_HIRA}{{2,6}}?)[^\S\n]*(?:より|拝)?[^\S\n]*{_CLOSE}?(?:より|拝)?[。．.]?")
# A hiragana family name + a kanji given name on a signature line: 「まえだ　太郎」「（おかだ翔太）より」.
_KANJI = "[\u4e00-\u9fff々]"
_HIRAGANA_KANJI_SIGNATURE_RE = re.compile(
    rf"{_OPEN}?[^\S\n]*({_HIRA}{{2,6}}[^\S\n]*{_KANJI}{{1,4}}?)[^\S\n]*(?:より|拝)?[^\S\n]*{_CLOSE}?(?:より|拝)?[。．.]?")
# A name after a label (``_LABEL_NAME_RE``) and a blank alone, as a letter's or fax's form gives it (QA37: 「氏名 斎藤」,
# 「FAX ［電話番号］ （送信者 松本）」): the label starts the line or follows a bracket or a blank, and the name (kanji,
# with a given name after a blank) ends the line, the brackets, or comes before a mask or a contact label.
_CONTACT_LABEL_ALT = "|".join(CONTACT_LABELS)
_BLANK_LABEL_NAME_RE = re.compile(
    rf"(?:^|(?<=[\s{re.escape(_BRACKETS_OPEN)}]))((?:{'|'.join(_NAME_LABEL_WORDS)})[^\S\n]+"
    rf"|(?P<sender>{'|'.join(_SENDER_LABEL_WORDS)})[^\S\n]*[:：]?[^\S\n]*)"
    rf"(?P<name>(?!{_CONTACT_LABEL_ALT}){_KANJI}{{1,4}}(?:[^\S\n]{{1,2}}(?!{_CONTACT_LABEL_ALT}|様|殿|宛)(?:{_KANJI}{{1,4}}|[ァ-ヺー]{{2,6}}|[ぁ-ゖ]{{2,5}}))?)"
    rf"(?=[^\S\n]*(?:$|[{re.escape(_BRACKETS_CLOSE)}]|［|様|殿|さん)|[^\S\n]+(?:{_CONTACT_LABEL_ALT}))", re.MULTILINE)
# One kanji after a hiragana word that is a place, facility, direction, group, title or note,
# never a given name on a signature line: 「さくら 駅」「みどり 町」「ひがし 口」「ひまわり 組」「たのしみ 笑」.
_NOT_GIVEN_KANJI = set(
    "駅町村市区郡県都府道丁目番号通橋館園台丘野川山池沢谷坂島浜港湖寺宮社院堂所署局校庁"
    "店家宅荘寮邸屋舎棟階室課係部班組会団隊科線路口側前後上下中内外方東西南北横脇裏表"
    "様君殿氏宛行拝記著作画文絵筆談述略笑済了完等他共達的用式性化感大小新旧第"
    "雨雪晴曇朝昼夜今日月火水木金土")
_READINGS_NBEST = 20  # paths looked at for the other readings of one word (さくら: 桜, 佐倉 …)
_HIRAGANA_PAIR_HINT_RE = re.compile(rf"{_HIRA}{{2}}(?:[^\S\n]+{_HIRA}{{2}}|[^\S\n]*{_KANJI})")
# ... that is a phrase, not a name: closings written in hiragana (よろしく おねがいします,
# ありがとう ございました), a first word ending in a particle (すべりだいが ほしい, わたしは …),
# a second word ending like a verb or adjective (… ほしい, … ください, … します).
_HIRAGANA_PHRASE_RE = re.compile(
    r"おねが|ねがい|よろし|ありがと|ござい|いじょう|けいぐ|しつれい|おつかれ|おせわ|こんにち|こんばん|おはよ"
    r"|ごめん|すみませ|なさい")
_FAMILY_NOT_A_NAME_RE = re.compile(r"[はがをにでへも]$")
# A first word ending in one of these is a phrase (こころより …, まってるよ …) unless it is a family name.
_FAMILY_PARTICLE_END_RE = re.compile(r"(?:より|から|まで|って|てる|てるよ|ている|ます|です|よね)$")
# Words for everybody that start a phrase (みんな えがお, みなさん げんきで).
_EVERYBODY_WORDS = {"みんな", "みなさん", "みなさま", "ぜんぶ", "ぜんいん"}
_GIVEN_NOT_A_NAME_RE = re.compile(r"(?:ます|ました|ません|です|でした|ください|しい|たい|ない|[をへ])$")
# UniDic tags these as a whole word: a first word that is one of them starts a phrase
# (とても …, ぜひ …, また …, わたし …), not a family name.
_PHRASE_POS = {"副詞", "接続詞", "感動詞", "代名詞", "形容詞", "連体詞", "形状詞", "動詞", "助動詞"}
# Hiragana after a kanji family name that start a phrase, not a given name:
# 「佐藤などです」「山田たちより」「田中じゃないです」「市民の田中だけです」.
_NOT_GIVEN_START = ("から", "まで", "だけ", "など", "ばかり", "のみ", "たち", "ども", "しか", "じゃ", "ほど",
                    "くらい", "ぐらい", "より")
# A particle as the first hiragana: a given name (「小林のあです」「田中にこと申します」) or a phrase
# (「高橋のほうです」「田中でいいです」「佐藤がいいです」「田中ではないです」); UniDic decides, see
# ``_particle_phrase``.
_PARTICLE_START = ("の", "が", "を", "に", "へ", "で")
# ... and こと/もの: a given name (「田中ことねです」「佐藤ものかです」) unless UniDic reads the noun
# こと/もの and a word that limits it (「田中ことだけです」), in ``_particle_phrase``.
_NOUN_START = ("こと", "もの")
_LIMITING_WORDS = {"だけ", "など", "ばかり", "のみ", "しか", "まで", "くらい", "ぐらい", "ほど", "たち", "ども"}
# What the hiragana after that particle may be made of in a phrase: function words (but a
# sentence-final particle never comes before です: 「田中になです」 is a name) and words of two
# or more characters (ほう, こと, ため, いい, ない, せい); a one-character piece (あ, こ) or a
# person name means UniDic found no words there: a name.
_PHRASE_WORD_POS = {"名詞", "代名詞", "形容詞", "形状詞", "動詞", "副詞", "連体詞", "接尾辞", "記号"}
_KANJI_NAME_RE = re.compile(r"[\u4e00-\u9fff々〆ヶ]+")
_HIRA_RUN_RE = re.compile(f"{_HIRA}+")
# What may stand before a self-introduction's family name (blanks and an opening bracket
# aside): the line or sentence start, 私は, or a resident or office word (+ の):
# 「東町在住の」「交通政策課の」「市民の」.
# (and a speaker's label in a meeting's record, 「参加者A：西山町の大河内です。」: QA106 published the name)
# a profession the writer introduces themself by (「小児科医の山口です」「教員の森です」, QA118)
_PROFESSIONS = ("医", "医師", "教員", "教師", "教諭", "看護師", "保育士", "薬剤師", "保健師", "介護士", "介護福祉士", "栄養士",
                "社会福祉士", "主婦", "会社員", "公務員", "学生", "高校生", "大学生", "中学生")
_INTRO_BEFORE = ("。", "．", "！", "？", "!", "?", "、", "，", "：", ":", "私は", "わたしは", "僕は", "ぼくは") + tuple(
    w + tail for w in ("在住", "在勤", "在学", "市民", "区民", "県民", "町民", "村民", "住民", "課", "係", "室", "局",
                       "協会", "団体", "事務所", "町内会", "自治会") + _PROFESSIONS
    for tail in ("", "の"))
_RESIDENT_BEFORE = ("在住", "在勤", "在学", "在住の", "在勤の", "在学の")
_LINE_END_RE = re.compile(f"{_CLOSE}?[。．.]?")
# Names in half-width katakana (「ｶﾄｳ ﾀﾛｳ」, as bank forms ask for them) and in Latin letters
# (「Ichiro Takahashi」, 「TAKAHASHI Ichiro」), which UniDic does not tag: only two words on a
# signature line, or (half-width katakana only) two words in brackets that end the letter's last
# line, after an optional place (「…してほしい。（西町 ｶﾄｳ ﾀﾛｳ）」).
_HWK_WORD = "[ｦ-ﾝ][ｦ-ﾟ]{1,9}"
_HWK_PAIR = f"{_HWK_WORD}[^\\S\\n]{{1,3}}{_HWK_WORD}"
# (accented letters too: 「David Müller」「José Núñez」 were left in the worksheet, QA25)
_LATIN_WORD = "(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{1,15}|[A-ZÀ-ÖØ-Þ]{2,15}|[Ａ-Ｚ][ａ-ｚ]{1,15}|[Ａ-Ｚ]{2,15})"
_SIGN_AROUND = "[^\\S\\n]{0,3}(?:より|拝)?[^\\S\\n]{0,3}"
# ... also beside the name in kanji, masked or not, and a slash: 「田中 誠 / Makoto Tanaka」,
# 「［氏名］ / Makoto Tanaka」, 「Makoto Tanaka／田中 誠」.
_KANJI_NAME_BESIDE = f"(?:［氏名］|{_KANJI}{{1,4}}[^\\S\\n]{{0,2}}{_KANJI}{{1,4}})"
_SLASH = "[^\\S\\n]{0,3}[/／|｜][^\\S\\n]{0,3}"
_OTHER_SCRIPT_SIGNATURE_RE = re.compile(
    f"{_OPEN}?[^\\S\\n]{{0,3}}(?:{_KANJI}{{1,8}}(?:在住)?[^\\S\\n]{{1,3}}|{_KANJI_NAME_BESIDE}{_SLASH})?"
    f"({_HWK_PAIR}|{_LATIN_WORD}[^\\S\\n]{{1,3}}{_LATIN_WORD})(?:{_SLASH}{_KANJI_NAME_BESIDE})?"
    f"{_SIGN_AROUND}{_CLOSE}?(?:より|拝)?[。．.]?")
_HWK_BRACKET_END_RE = re.compile(
    f"{_OPEN}[^\\S\\n]{{0,3}}(?:{_KANJI}{{1,8}}(?:在住)?[^\\S\\n]{{1,3}})?({_HWK_PAIR}){_SIGN_AROUND}{_CLOSE}"
    f"(?:より|拝)?[。．.]?[^\\S\\n]*$")
# Contact data (masked already) after the name on its signature line, after a blank or a separator:
# 「中島亜紀 / Aki Nakajima　［メールアドレス］」「Ichiro Takahashi, TEL ［電話番号］」 (QA23: the Latin name leaked
# when anything followed it)
# (in angle brackets too, as a mailer's From: line writes it: 「Harada Tsuyoshi <［メールアドレス］>」, QA54)
_MASKED_CONTACT_TAIL_RE = re.compile(
    rf"(?:(?:[^\S\n]+|[^\S\n]*[/／|｜,，、][^\S\n]*)(?:(?:{'|'.join(CONTACT_LABELS)})[^\S\n]*[:：]?[^\S\n]*)?"
    rf"[<＜(（]?(?:{'|'.join(re.escape(v) for k, v in MASKS.items() if k != 'name')})[>＞)）]?)+$")
_OTHER_SCRIPT_HINT_RE = re.compile(f"[ｦ-ﾝ][ｦ-ﾟ]|{_LATIN_WORD}[^\\S\\n]{{1,3}}{_LATIN_WORD}")
# Two capitalised English words that end letters are no name: 「Best Regards」「Thank You」.
_ENGLISH_WORDS = {
    "best", "kind", "warm", "warmest", "regards", "thank", "thanks", "you", "sincerely", "yours", "truly",
    "faithfully", "respectfully", "cordially", "good", "luck", "bye", "see", "dear", "all", "hello", "hi",
    "from", "with", "love", "cheers", "wishes", "sent", "my", "iphone", "ipad", "android", "mobile", "mail",
    "the", "and", "for", "of", "to", "in", "on", "a", "an", "is", "it", "no", "yes", "ok", "please",
    "public", "comment", "comments", "city", "japan", "tokyo", "osaka", "ward", "town", "office", "park",
    "station", "school", "library", "plan", "draft", "note", "notes", "end", "fin", "happy", "new", "year",
    "merry", "christmas", "welcome", "tel", "fax", "url", "web", "site", "home", "page", "blog", "email",
    "mr", "mrs", "ms", "dr", "pdf", "word", "excel", "npo", "inc", "ltd", "co", "corp", "team"}

# Variant kanji (異体字) of family names that UniDic does not know, mapped one code point to
# one code point to the standard form it knows (「髙橋」 -> 高橋, 「𠮷田」 -> 吉田), and the CJK
# compatibility ideographs to their canonical form (隆 U+F9DC -> 隆, 塚 U+FA10 -> 塚). Only the
# copy of the text that UniDic tags is mapped: the offsets stay the same, so a name span masks
# the characters as written.
_ITAIJI = str.maketrans({
    "髙": "高", "﨑": "崎", "嵜": "崎", "𠮷": "吉", "德": "徳", "邉": "辺", "邊": "辺",
    "濵": "浜", "濱": "浜", "桒": "桑", "栁": "柳", "桺": "柳", "塜": "塚", "𡈽": "土", "𣘺": "橋",
    "槗": "橋", **{
        chr(c): unicodedata.normalize("NFC", chr(c))
        for c in (*range(0xF900, 0xFB00), *range(0x2F800, 0x2FA20))
        if len(unicodedata.normalize("NFC", chr(c))) == 1 and unicodedata.normalize("NFC", chr(c)) != chr(c)}})
# ... and the other way: each standard character with its variants, for the submitters' names
# (「髙橋 一郎」 in the 氏名 column masks 「高橋一郎」 in the text and the reverse).
_VARIANTS: dict[str, str] = {}
for _v, _s in ((chr(k), v) for k, v in _ITAIJI.items()):
    _VARIANTS[_s] = _VARIANTS.get(_s, _s) + _v

_TOKENIZER = None


@dataclass
class _Tok:
    start: int
    end: int
    surface: str
    pos1: str
    pos2: str
    person: str  # "姓", "名", another 人名 tag, or "" when UniDic does not tag a person name


def _tagged(text: str) -> list[tuple[str, str]]:
    """(surface, raw UniDic feature string) of each word of ``text``."""
    global _TOKENIZER
    if _TOKENIZER is None:
        from .tokenize import Tokenizer

        _TOKENIZER = Tokenizer()
    # The surface and the raw feature string only: the named feature tuple costs more than
    # tagging, and most texts name nobody. Variant kanji are tagged as their standard form.
    words = [(w.surface, w.feature_raw) for w in _TOKENIZER.tagger(text.translate(_ITAIJI))]
    for k in range(len(words) - 1):
        surface, raw = words[k]
        # 「東浜市子ども」 is tagged 東浜 (姓) + 市子 (名) + ども (QA59: 「［氏名］ども・子育て支援事業計画」
        # published); a given name in 子 right before ども is the 子 of 子ども
        if surface.endswith("子") and words[k + 1][0].startswith("ども") and ",固有名詞,人名," in raw:
            fields = raw.split(",")
            fields[1:4] = ["普通名詞", "一般", "*"]
            words[k] = (surface, ",".join(fields))
    return words


def person_name_in(text: str) -> bool:
    """Whether UniDic tags a word of ``text`` as a person name (固有名詞,人名: 姓, 名 or 一般)."""
    return any(",固有名詞,人名," in raw for _, raw in _tagged(text))


def _tokens(text: str, always: bool = False) -> list[_Tok]:
    """UniDic tokens of ``text`` with their offsets (spaces and newlines are dropped); none at all
    when UniDic finds no person name in it, unless ``always``."""
    words = _tagged(text)
    if not always and not any(",人名," in raw for _, raw in words):
        return []
    out = []
    pos = 0
    find = text.translate(_ITAIJI).find  # the surfaces are those of the standard forms
    for surface, raw in words:
        start = find(surface, pos)
        if start < 0:  # never expected: MeCab's surfaces are slices of the input
            continue
        pos = start + len(surface)
        fields = raw.split(",", 4)
        pos1 = fields[0]
        if pos1 == "空白" or not surface.strip():
            continue
        pos2 = fields[1] if len(fields) > 1 else ""
        person = fields[3] if len(fields) > 3 and fields[2] == "人名" else ""
        out.append(_Tok(start, pos, surface, pos1, pos2, person))
    return out


def _name_head(part: str) -> tuple[str, str]:
    """Split 「山田太郎です」 into the name and what follows it (「です」); UniDic decides where
    the name ends, and only a known tail (です, と申します, 様 …) is kept out of the mask, so a
    given name that looks like a particle (田中はな) stays masked."""
    for tok in _tokens(part)[1:]:
        if tok.person in ("姓", "名"):
            continue
        if _NAME_TAIL_RE.match(part, tok.start):
            return part[:tok.start], part[tok.start:]
    return part, ""


def _mask_labelled_name(m: re.Match) -> str:
    label, first, space, second = m.group(1), m.group(2), m.group(3), m.group(4)
    more = (m.group(5) or "") + (m.group(6) or "")
    if second and _LABEL_DEPARTMENT_RE.fullmatch(first) and not any(",人名," in raw for _, raw in _tagged(first)):
        # the department stays, the name after it goes (a given name after it too, unless a field)
        name, tail = _name_head(second)
        rest = more
        if m.group(6) and not tail and not _FIELD_WORD_RE.match(m.group(6)):
            toks = _tokens(name)
            if not any(t.person == "名" for t in toks):
                _, tail2 = _name_head(m.group(6))
                rest = tail2
        return label + first + space + MASKS["name"] + tail + rest
    name, tail = _name_head(first)
    rest = f"{space}{second}" if second else ""
    if second and not tail and not _FIELD_WORD_RE.match(second):
        toks = _tokens(name)
        # A family name alone (「佐藤 花子」) or a name UniDic does not know / Latin
        # (「Taro Suzuki」): the next word is the rest of the name.
        if not any(t.person == "名" for t in toks):
            _, tail2 = _name_head(second)
            rest = tail2
    return label + MASKS["name"] + tail + rest + more


def _blank_labelled_name(m: re.Match) -> str:
    if m.group("sender") and not any(",人名," in raw for _, raw in _tagged(m.group("name"))):
        return m.group()
    return m.group(1) + MASKS["name"]


def name_parts(name: str) -> list[str]:
    """The parts of a submitter's name: where they wrote a space, else where UniDic puts the
    boundary between family and given name (「山田太郎」 -> 山田 / 太郎)."""
    parts = [p for p in re.split(r"\s+", name.strip()) if p]
    if len(parts) == 1:
        toks = _tokens(parts[0])
        if (len(toks) >= 2 and toks[0].person == "姓" and all(t.person == "名" for t in toks[1:])
                and toks[0].start == 0 and toks[-1].end == len(parts[0])):
            cut = toks[1].start
            parts = [parts[0][:cut], parts[0][cut:]]
    return parts


def _variant_pattern(part: str) -> str:
    """``part`` as a pattern in which a kanji with variants matches each of them: 「髙橋」 and
    「高橋」 are one name."""
    out = []
    for c in part:
        forms = _VARIANTS.get(c.translate(_ITAIJI), "")
        out.append(f"[{forms}]" if c in forms else re.escape(c))
    return "".join(out)


# What may follow a submitter's family or given name standing alone (「（［住所］　高橋）」「和子です」):
# a closing bracket, a blank, the end, or a word after a name (です, より, 様 …).
_ALONE_AFTER = rf"(?=[^\S\n]*[{re.escape(_BRACKETS_CLOSE)}]|\s|$|{_NAME_TAIL})"
# ... and what may not come before it: a letter of its script (佐和子 is no 和子, 小高橋 no 高橋).
_SCRIPT_RUNS = (("\u4e00", "\u9fff", "\u4e00-\u9fff々〆ヶ"), ("ぁ", "ゖ", "ぁ-ゖ"), ("ァ", "ヺ", "ァ-ヺー"))


def _name_like_part(part: str) -> bool:
    """Whether one part of a submitter's name (「高橋」「和子」) is a name and no common word: UniDic
    tags all of it as a person name (人名), or as single kanji it cannot join (「六子」: 六 + 子).
    「さくら」「大地」「希望」 (common nouns first) and a one-character part never stand alone."""
    if len(part) < 2:
        return False
    words = [(w, raw.split(",")) for w, raw in _tagged(part)]
    if words and all(len(f) > 3 and f[2] == "人名" for _, f in words):
        return True
    return (len(words) >= 2 and len(part) <= 4 and _KANJI_NAME_RE.fullmatch(part) is not None
            and all(len(w) == 1 for w, _ in words))


@lru_cache(maxsize=4096)
def _submitter_patterns(name: str) -> tuple[re.Pattern, re.Pattern | None, tuple[re.Pattern, ...]]:
    """``(whole, family, alone)``: the whole name however it is spaced; the family name before a
    blank, the end or a word after a name (様, です, より …); and each part of 2 or more characters
    that is a name and no common word (``_name_like_part``) standing alone as a name: before a
    closing bracket too, and not inside a longer word (「（［住所］　高橋）」「（和子）」「和子より」)."""
    parts = name_parts(name)
    if len(parts) == 1 and 3 <= len(parts[0]) <= 6:
        # no boundary found (UniDic knows no 六子): the letter may still space it anywhere (渡辺　六子)
        whole = re.compile(r"[^\S\n]?".join(_variant_pattern(c) for c in parts[0]))
    else:
        # a blank between any two characters too (「山 田 花 子」「中　島　次　郎」): however it is spaced
        whole = re.compile(r"[^\S\n]*".join(r"[^\S\n]{0,2}".join(_variant_pattern(c) for c in p) for p in parts))
    family = None
    if len(parts) > 1 and len(parts[0]) >= 2:
        family = re.compile(_variant_pattern(parts[0]) + rf"(?=\s|$|{_NAME_TAIL})")
    alone = []
    if len(parts) > 1:
        for part in parts:
            if not _name_like_part(part):
                continue
            before = next((chars for lo, hi, chars in _SCRIPT_RUNS if lo <= part[0] <= hi), "")
            behind = f"(?<![{before}])" if before else ""
            alone.append(re.compile(behind + _variant_pattern(part) + _ALONE_AFTER))
    return whole, family, tuple(alone)


def _is_closing_or_contact(line: str) -> bool:
    line = line.strip()
    return bool(_CLOSING_RE.search(line)) or any(mask in line for mask in MASKS.values())


def _unknown_given_name(line: str, core: list[_Tok]) -> bool:
    """A family name then a given name UniDic does not know (「佐藤 柚希」 reads as 佐藤 + 柚 +
    希): after a space anything short that is not punctuation; written together only pieces that
    are names, suffixes or single characters, so 「田中地区」 and 「高橋小学校」 stay."""
    rest = core[1:]
    if any(t.pos1 in ("補助記号", "記号") for t in rest):
        return False
    if line[core[0].end:rest[0].start].strip() == "" and rest[0].start > core[0].end:
        return True  # separated by a space
    if len(rest) == 1 and rest[0].start == core[0].end and _OLD_KATAKANA_GIVEN_RE.fullmatch(rest[0].surface):
        return True  # 「佐々木トメ」 signing the letter, トメ read as a noun (QA32: it labelled a row)
    return all(t.person or t.pos1 == "接尾辞" or len(t.surface) == 1 for t in rest)


def _hiragana_signature_span(line: str) -> tuple[int, int] | None:
    """The two hiragana words of a signature line (「やまだ　たろう」), or None when the line is
    not just two such words or reads as a phrase (「よろしく おねがいします」)."""
    core = line.strip()
    if len(core) > _HIRAGANA_SIGNATURE_MAX:
        return None
    m = _HIRAGANA_SIGNATURE_RE.fullmatch(core)
    if m is None:
        return None
    family, given = m.group(1).split()
    if (_HIRAGANA_PHRASE_RE.search(given) or _GIVEN_NOT_A_NAME_RE.search(given)
            or not _hiragana_name_pair(family, given) or _hiragana_place_name(family, given)):
        return None
    offset = line.index(core)
    return offset + m.start(1), offset + m.end(1)


def _hiragana_family_name(family: str) -> bool:
    """Whether the first hiragana word of a signature line may be a family name before a kanji
    given name: a name or a word UniDic misreads in a form no phrase starts with (see
    ``_hiragana_family_kind``)."""
    return _hiragana_family_kind(family) in ("name", "misread")


@lru_cache(maxsize=4096)
def _hiragana_family_kind(family: str) -> str:
    """What the first hiragana word of a signature line is:

    * "phrase": it starts a phrase, never a family name: a closing (よろしく, ごめんなさい …), a
      word ending in a particle (すべりだいが …, こころより …, まってるよ …), a word for everybody
      (みんな …), an adverb, conjunction, interjection, pronoun or 連体詞 (とても, また, ただ,
      わたし, これで, この), a word of several pieces ending in な or with a conjunction, an
      interjection or a 形状詞 in it (しずかな, またね) unless UniDic also knows it as a family
      name. A verb among several pieces is no sign: UniDic cuts family names so (いけ + だ,
      まつ + うら, こい + け);
    * "misread": UniDic reads it as one word in a form no phrase starts with before a space:
      an adjective stem (かわい 可愛), a verb's imperative (いけ), or as a pronoun + だ (ほんだ):
      a family name;
    * "adjective": an adjective in another form (ながい 長井, あさい, たかい; あかるい …, はやく
      …): a family name only before a word UniDic reads as a given name first (ながい ひろし,
      not やさしい ひかり);
    * "starter": a verb or 形状詞 in another form (むかい 向井, かない, ひらい, すぎ; ささえ …), or
      a word of those kinds UniDic also knows as a family name (くろい 黒井, ひろい 広井): a
      family name only before a word with a given-name reading among its best paths;
    * "name": anything else (やまだ, さとう, まえだ, みんな aside).
    """
    if _HIRAGANA_PHRASE_RE.search(family) or _FAMILY_NOT_A_NAME_RE.search(family):
        return "phrase"
    if family in _EVERYBODY_WORDS:
        return "phrase"
    words = [(w, raw.split(",")) for w, raw in _tagged(family)]
    if len(words) == 1:
        f = words[0][1]
        if f[0] not in _PHRASE_POS:
            return "name"
        if any(r[2] == "人名" and r[3] == "姓" for r in _single_readings(family)):
            return "starter"  # くろい (黒井), ひろい (広井)
        form = f[5] if len(f) > 5 else ""
        if (f[0] == "形容詞" and form.startswith("語幹")) or (f[0] == "動詞" and form.startswith("命令形")):
            return "misread"
        if f[0] == "形容詞":
            return "adjective"
        if f[0] in ("動詞", "形状詞"):
            return "starter"
        return "phrase"
    if words[0][1][0] == "代名詞":
        if len(words) == 2 and words[1][0] == "だ" and words[1][1][0] == "助動詞":
            return "misread"  # ほんだ: ほん + だ (本田)
        return "phrase"  # これで …, いつも …
    if (_FAMILY_PARTICLE_END_RE.search(family) or (words[-1][0] == "な" and words[-1][1][0] == "助動詞")
            or any(f[0] in ("接続詞", "形状詞") or (f[0] == "感動詞" and f[1] != "フィラー") for _, f in words)):
        if not any(r[2] == "人名" and r[3] == "姓" for r in _single_readings(family)):
            return "phrase"
    return "name"


def _verb_stem(word: str) -> bool:
    """A common noun UniDic also reads as a verb and never as a family name: ささえ (支え), たすけ."""
    words = _tagged(word)
    if len(word) < 3 or len(words) != 1 or not words[0][1].startswith("名詞,普通名詞"):
        return False
    readings = _single_readings(word)
    return (any(r[0] == "動詞" for r in readings)
            and not any(r[2] == "人名" and r[3] == "姓" for r in readings))


def _hiragana_name_pair(family: str, given: str) -> bool:
    """Whether two hiragana words on a signature line may be a family and a given name, as far
    as the words themselves tell (the place check is ``_hiragana_place_name``).

    The family word decides first (``_hiragana_family_kind``): a "misread" or "name" word is a
    family name before any word that passes the checks below, a "starter" (むかい, ひろい) only
    before a word with a given-name reading among its best paths (むかい みどり, not ひろい
    こうえん), an "adjective" (ながい) only before a word UniDic reads as a given name first
    (ながい ひろし, not あかるい ひかり). ささえ あい / たすけ あい (支え合い: a noun that is also a
    verb, then あい) are one word. The second word is no given name when UniDic reads it, with
    no name reading, as one adverb, verb, adjective, conjunction or interjection (… ずっと, …
    へらそう, … なさい), as words with a verb, conjunction, interjection or 形状詞 among them or
    ending in に (… またね, … たいせつに), or as one 形状詞 (… だいすき) after a common noun
    that is no family name (こうえん だいすき; まえだ しずか stays a name).

    Measured on the last line of invented letters (the 135 hiragana family names x 87 given
    names of ``_hiragana_place_name``): 279 name pairs were left unmasked before these checks
    (いけ, かわい, ほんだ with every given name), 25 after (the 18 place readings below and
    7 common-noun family names + しずか); 0 of 66 two-word hiragana closings and phrases that
    end letters are masked (11 were)."""
    kind = _hiragana_family_kind(family)
    if kind == "phrase":
        return False
    if given in ("あい", "あう", "あおう") and _verb_stem(family):
        return False  # ささえ あい, たすけ あう: one verb (支え合い), not a name
    words = [(w, raw.split(",")) for w, raw in _tagged(given)]
    if kind == "adjective":  # ながい ひろし (長井), not やさしい ひかり
        return len(words) == 1 and words[0][1][2:4] == ["人名", "名"]
    readings = _single_readings(given)
    if any(r[2] == "人名" for r in readings):
        return kind != "starter" or any(r[3] == "名" for r in readings if r[2] == "人名")
    if kind == "starter":
        return False
    if len(words) == 1:
        f = words[0][1]
        if f[0] in ("副詞", "動詞", "形容詞", "接続詞", "感動詞"):
            return False
        if f[0] == "形状詞":
            first = _tagged(family)
            common = len(first) == 1 and first[0][1].startswith("名詞,普通名詞")
            return not common or any(r[2] == "人名" and r[3] == "姓" for r in _single_readings(family))
        return True
    return not (given.endswith("に") or any(
        (f[0] == "動詞" and len(w) >= 2) or f[0] in ("接続詞", "形状詞")
        or (f[0] == "感動詞" and f[1] != "フィラー") for w, f in words))


@lru_cache(maxsize=4096)
def _single_readings(word: str) -> frozenset[tuple[str, ...]]:
    """(pos1, pos2, pos3, pos4) of every reading UniDic has for ``word`` as one word, among its
    best paths: 「さくら」 is a common noun, a given name, a family name and a place name."""
    _tagged(word)  # builds the tagger
    out = set()
    for path in _TOKENIZER.tagger.nbestToNodeList(word, _READINGS_NBEST):
        if len(path) == 1 and path[0].surface == word:
            out.add(tuple(path[0].feature_raw.split(",", 4)[:4]))
    return frozenset(out)


def _hiragana_place_name(family: str, given: str) -> bool:
    """Whether two hiragana words on a signature line name a place or facility, not a person:
    「ひまわり こうえん」「みどり としょかん」「わかば ようちえん」.

    Both words must say so, because many hiragana given names are common nouns to UniDic too
    (ひなた, つばさ, あかり, ゆめ, うみ, みなと) and some family names as well (はら, みなみ, ほし):

    * the first word is one common noun (ひまわり, みどり, わかば) that UniDic does not also know
      as a family name (さくら, やまだ are 人名,姓 readings: 「さくら こうえん」 stays masked);
    * the second word ends in a Sino-Japanese (漢語) common noun or noun suffix of two or more
      characters (こうえん 公園, としょかん … かん 館, ようちえん … えん 園, えき 駅) and has no
      person-name reading (not こうき, which is a name as well as 好機).

    Measured on the last line of invented letters (135 hiragana family names x 87 given names,
    27 place words x 27 facility words): 18 of the 11,310 name pairs read as a place (the
    given names がく and りく after はら, みなみ, ほし …) and are no longer masked; 354 of the 729
    place pairs are kept (129 before this rule; the rest stay masked: privacy first).
    Sino-Japanese only, because native words are the usual hiragana given names: with any
    common noun, 153 of the 11,310 name pairs would read as a place."""
    first = _tagged(family)
    if len(first) != 1:
        return False
    f = first[0][1].split(",")
    if f[0] != "名詞" or len(f) < 3 or f[2] == "人名":
        return False
    if any(r[2] == "人名" and r[3] == "姓" for r in _single_readings(family)):
        return False
    words = [(w, raw.split(",")) for w, raw in _tagged(given)]
    if any(len(f) > 2 and f[2] == "人名" for _, f in words):
        return False
    last, f = words[-1]
    if len(f) < 2 or not ((f[0] == "名詞" and f[1] == "普通名詞") or (f[0] == "接尾辞" and f[1] == "名詞的")):
        return False
    if len(last) < 2 or len(f) <= 12 or f[12] != "漢":
        return False
    return not any(r[2] == "人名" for r in _single_readings(given))


def _hiragana_kanji_signature_span(line: str) -> tuple[int, int] | None:
    """A signature line of a hiragana family name and a kanji given name (「まえだ　太郎」,
    「おかだ翔太」), or None. The kanji must read as a person name to UniDic (太郎, 彩乃) or as
    single characters it cannot join (柚希: 柚 + 希), so 「ひまわり公園」「さくら 駅」「みどり町」
    「すべて 反対」 stay."""
    core = line.strip()
    if len(core) > _HIRAGANA_SIGNATURE_MAX:
        return None
    m = _HIRAGANA_KANJI_SIGNATURE_RE.fullmatch(core)
    if m is None:
        return None
    name = m.group(1)
    family = _HIRA_RUN_RE.match(name).group()
    given = name[len(family):].strip()
    if not _hiragana_family_name(family):
        return None
    if len(given) == 1 and given in _NOT_GIVEN_KANJI:
        return None  # さくら 駅, みどり 町, ひまわり 園, さくら 通
    words = [(w, raw.split(",")) for w, raw in _tagged(given)]
    is_name = all(len(f) > 2 and f[2] == "人名" for _, f in words)
    unknown = (len(words) >= 2 and len(given) <= 3
               and all(len(w) == 1 and f[0] not in ("接尾辞", "補助記号", "記号") for w, f in words))
    # One kanji UniDic reads as a common noun: a given name on a signature line (まえだ 凛,
    # おかだ 翼, やまだ 光), the place and facility words aside (above).
    first = _tagged(family)
    single = (len(given) == 1 and words[0][1][0] == "名詞"
              and not (len(first) == 1 and first[0][1].startswith("名詞,普通名詞,副詞可能")))
    if not (is_name or unknown or single):
        return None
    offset = line.index(core)
    return offset + m.start(1), offset + m.end(1)


def _hiragana_given_name_end(line: str, tok: _Tok, after: list[_Tok], signature: bool) -> int | None:
    """Where a hiragana given name after the kanji family name ``tok`` ends (「小林ゆずは」), or
    None. Only 2–4 hiragana that end a signature line (``signature``: the line is in a signature
    position) or a line after 在住/在勤/在学, or that come before です/と申します/より/拝 in a
    self-introduction: 「東町在住の小林ゆずはです。」. ``after``: the tokens after ``tok``."""
    if tok.person != "姓" or not _KANJI_NAME_RE.fullmatch(tok.surface):
        return None
    if (len(after) > 1 and after[0].start == tok.end and after[0].surface in ("は", "も")
            and after[0].pos1 == "助詞" and after[1].pos1 in _PHRASE_POS):
        return None  # 「田中はまだです」「鈴木もそうです」: a sentence about the person
    run = _HIRA_RUN_RE.match(line, tok.end)
    if run is None or len(run.group()) < 2 or run.group().startswith(_NOT_GIVEN_START):
        return None
    if _AFTER_SURNAME_RE.match(line, tok.end):
        return None  # 「田中さんです」: the family name alone, the existing rule
    before = line[:tok.start].rstrip()
    if before[-1:] and before[-1] in _BRACKETS_OPEN:
        before = before[:-1].rstrip()
    end = None
    if not before or before.endswith(_INTRO_BEFORE):
        for k in range(2, min(4, len(run.group())) + 1):
            if _NAME_TAIL_RE.match(line, tok.end + k):
                end = tok.end + k
                break
    if end is None and len(run.group()) <= 4 and _LINE_END_RE.fullmatch("".join(line[run.end():].split())):
        if (signature and not before) or before.endswith(_RESIDENT_BEFORE):
            end = run.end()
    if (end is not None and run.group().startswith(_PARTICLE_START + _NOUN_START)
            and _particle_phrase(line[tok.end:], end - tok.end)):
        return None
    return end


def _particle_phrase(rest: str, length: int) -> bool:
    """Whether the ``length`` hiragana at the start of ``rest`` (what follows a kanji family name,
    starting with の/が/を/に/へ/で, or with こと/もの) read as a phrase, not a given name.

    UniDic splits a given name that starts with a particle into the particle and a fragment
    (「小林のあです」: の + あ, 「田中にこと申します」 reads にこ as one word): the hiragana are a
    name unless UniDic reads them as a particle followed only by function words or real words
    of two or more characters (「高橋のほうです」 の + ほう, 「田中でいいです」 で + いい, 「田中では
    ないです」 で + は + ない). Chosen so: a kanji family name (人名,姓) in a self-introduction or
    signature position is already required, and the phrases that fit there (の方, のほう, のこと,
    のため, でいい, がいい, ではない) are particle + word. 「田中の方です」 has a kanji after の and
    is never a candidate. A name UniDic reads as particle + real word (「田中のえるです」: の +
    える) stays unmasked: the price of keeping 「田中のほうです」."""
    words = []
    for surface, raw in _tagged(rest):
        if sum(len(w[0]) for w in words) >= length:
            break
        words.append((surface, raw.split(",")))
    if sum(len(w[0]) for w in words) != length:
        return False  # UniDic reads across the end of the hiragana: no phrase it knows
    first = words[0][1]
    if words[0][0] in _NOUN_START:
        # こと/もの as a noun then a word that limits it (「田中ことだけです」); not こと + ね
        # (「田中ことねです」), もの + か (「佐藤ものかです」), nor こと alone (「田中ことです」: こと,
        # 琴, is a given name too, and no phrase ends a self-introduction so).
        return (first[0] == "名詞" and len(words) > 1
                and all(w in _LIMITING_WORDS for w, _ in words[1:]))
    if first[0] not in ("助詞", "助動詞"):
        return False  # 「にこ」 (副詞), 「にいな」: not a particle at all
    for surface, f in words[1:]:
        if f[0] in ("助詞", "助動詞"):
            if f[1] == "終助詞":
                return False
            continue
        if f[0] == "動詞" and len(f) > 7 and f[7] == "為る":
            continue  # し/す of する: 「田中にしたいです」
        if len(surface) < 2 or f[0] not in _PHRASE_WORD_POS or (len(f) > 2 and f[2] == "人名"):
            return False
    return True


def _other_script_signature_span(line: str, last: bool) -> tuple[int, int] | None:
    """A name in half-width katakana or Latin letters on a signature line (see
    ``_OTHER_SCRIPT_SIGNATURE_RE``), or in half-width katakana in brackets that end the last line."""
    core = line.strip()
    tail = _MASKED_CONTACT_TAIL_RE.search(core)
    if tail is not None and tail.start():  # the name, then its contact data: 「Aki Nakajima　［メールアドレス］」
        core = core[:tail.start()]
    m = _OTHER_SCRIPT_SIGNATURE_RE.fullmatch(core) if len(core) <= 40 else None
    if m is not None:
        if any(w.lower() in _ENGLISH_WORDS for w in unicodedata.normalize("NFKC", m.group(1)).split()):
            return None
        offset = line.index(core)
        return offset + m.start(1), offset + m.end(1)
    if last:
        m = _HWK_BRACKET_END_RE.search(line)
        if m is not None:
            return m.start(1), m.end(1)
    return None


def _line_name_spans(line: str, toks: list[_Tok], after_closing: bool, last: bool) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    # A line that is only a name (a signature): brackets and より/拝 around it allowed.
    core = list(toks)
    while core and core[0].surface in _BRACKETS_OPEN:
        core.pop(0)
    while core and (core[-1].surface in _BRACKETS_CLOSE or core[-1].surface in _SIGN_TAIL):
        core.pop()
    if core and core[0].person == "姓":
        names = [t for t in core if t.person]
        length = core[-1].end - core[0].start
        if len(names) == len(core) and len(core) >= 2 and length <= 16:
            spans.append((core[0].start, core[-1].end))
        elif len(core) == 1 and (last or after_closing):
            spans.append((core[0].start, core[0].end))
        elif (last or after_closing) and length <= 10 and _unknown_given_name(line, core):
            spans.append((core[0].start, core[-1].end))
    if (not spans and core and (last or after_closing) and not re.search(r"[、。，．,.！!？?「」0-9０-９]", line)
            and not re.search(r"内線|電話|携帯|代表|直通|担当|TEL|FAX|ＴＥＬ|ＦＡＸ", line)):
        # 「東原町内会　会員　島袋　光子」: an association and a role, then the name signing the letter, a
        # blank before it (QA35: 光子, which UniDic reads as a noun, was left in one campaign copy)
        for k in range(len(core) - 1, 0, -1):
            t = core[k]
            if t.person == "姓":
                sub = core[k:]
                if (t.start > core[k - 1].end and not line[core[k - 1].end:t.start].strip(" \t\u3000")
                        and len(sub) >= 2 and sub[-1].end - t.start <= 10 and _unknown_given_name(line, sub)):
                    spans.append((t.start, sub[-1].end))
                break
    for i, tok in enumerate(toks):
        if tok.person != "姓":
            continue
        # A hiragana given name UniDic reads as other words, or as a shorter name: 「小林ゆずは」
        # (ゆず + は), 「佐藤はると」 (はる + と).
        hira_end = _hiragana_given_name_end(line, tok, toks[i + 1:i + 3], last or after_closing)
        if hira_end is not None:
            spans.append((tok.start, hira_end))
        j = i + 1
        while j < len(toks) and toks[j].person == "名" and not line[toks[j - 1].end:toks[j].start].strip("\u3000 \t"):
            j += 1
        if (j == i + 1 and j < len(toks) and toks[j].person == "一般" and toks[j].start == tok.end
                and _OLD_KATAKANA_GIVEN_RE.fullmatch(toks[j].surface)):
            j += 1  # a katakana given name UniDic tags as a name of no kind: 「佐々木トメ」
        if j > i + 1 and _HIRA_RUN_RE.fullmatch(tok.surface) and tok.start and _HIRA_RUN_RE.match(line[tok.start - 1]):
            continue  # a hiragana 姓 cut out of a run of hiragana: 「回答のみの行」 (の + みの + 行)
        if j > i + 1:  # family name + given name
            nxt = toks[j] if j < len(toks) else None
            end = toks[j - 1].end
            if (i and toks[i - 1].person == "姓" and toks[i - 1].end == tok.start
                    and _KANJI_NAME_RE.fullmatch(toks[i - 1].surface) and _KANJI_NAME_RE.fullmatch(tok.surface)):
                # a given name UniDic starts with a family name: 「村井蒼真」 (村井 + 蒼 + 真, QA47)
                spans.append((toks[i - 1].start, tok.start))
            if (nxt is not None and nxt.start == end and nxt.pos1 == "名詞" and not nxt.person
                    and nxt.surface not in _PERSON_TITLES):
                after = toks[j + 1] if j + 1 < len(toks) else None
                if after is None or after.surface not in _HONORIFICS:
                    continue  # a place or facility name made of name-like parts, not a person
                end = nxt.end  # a given name UniDic cut in two (「中村敬男さん」: 敬 + 男)
            if (nxt is not None and nxt.start == end and nxt.surface == "子"
                    and re.fullmatch("[ァ-ヺー]+", toks[j - 1].surface)):
                end = nxt.end  # katakana + 子 is one given name: 「前田ミツ子さん」 (QA47)
            spans.append((tok.start, end))
            continue
        prev = toks[i - 1].surface if i else ""
        if _PUBLIC_OFFICE_BEFORE_RE.search(line, 0, tok.start) and _PUBLIC_TAIL_RE.match(line, tok.end):
            continue  # an elected official by title and family name: 「県議会議員の大川氏」, like 「田中市長」
        if hira_end is None and (prev in _RESIDENT_WORDS or _AFTER_SURNAME_RE.match(line, tok.end)):
            spans.append((tok.start, tok.end))
    return spans


_SENTENCE_END = "。．.！？!?"
# An elected official named by the office and the family name (「県議会議員の大川氏」「市長の小林氏」) is public,
# as 「田中市長」 is; a full name is still masked (privacy first).
_PUBLIC_OFFICE_BEFORE_RE = re.compile(
    r"(?:議員|市議|県議|町議|村議|区議|都議|府議|道議|議長|市長|町長|村長|区長|知事|大臣|首相|総理)(?:の|・|[^\S\n])[^\S\n]*$")
_PUBLIC_TAIL_RE = re.compile(r"[^\S\n]*(?:氏|議員)")
_OLD_KATAKANA_GIVEN_RE = re.compile("[ァ-ヺ]{2,3}")


def _final_name_span(line: str, toks: list[_Tok]) -> tuple[int, int] | None:
    """A name signing the letter at the very end of its last line, after the last sentence
    (「…持っています。西村」) or after blanks (「…内線33まで。 石井」「…です。　　斉藤」): the last
    1–3 tokens, all tagged by UniDic as person names, the first a family name (人名,姓) not
    written in hiragana, 8 characters at most, with a sentence end (。！？) or a blank right
    before them. 「…です。以上」「…。市民」「…。東町」 are no person names to UniDic and stay;
    nor are a given name alone (「ありがとう 健太」) or hiragana (「わたしは やまだ」)."""
    end = len(line.rstrip())
    run: list[_Tok] = []
    for tok in reversed(toks):
        if tok.end > end:
            return None
        if tok.person not in ("姓", "名") or len(run) == 3:
            break
        if run and line[tok.end:run[-1].start].strip("\u3000 \t"):
            break
        run.append(tok)
    if not run or run[0].end != end:
        return None
    run.reverse()
    start = run[0].start
    if end - start > 8 or start == 0 or run[0].person != "姓" or _HIRA_RUN_RE.fullmatch(run[0].surface):
        return None  # hiragana are tagged as names too readily: 「わたしは やまだ」「みんな げんき」
    before = line[start - 1]
    if before in _SENTENCE_END or before in "\u3000 \t":
        return start, end
    return None


_CONTACT_AFTER_SENTENCE_RE = re.compile(r"(?<=[。．！？!?])[^\S\n]*(?=【?(?:連絡先|ご連絡先|電話|電話番号|TEL|Tel|ＴＥＬ|住所|氏名|"
                                        r"お名前|名前|メール)(?:[^\S\n]*[:：]|】|は))")


@lru_cache(maxsize=1 << 13)  # campaigns repeat the same letter; the report and the labels mask it both
def _mask_person_names(text: str) -> str:
    """Mask the person names UniDic finds and hiragana names in signatures and
    self-introductions (see the module docstring for the rules)."""
    toks = _tokens(text)
    if (not any(t.person for t in toks) and not _HIRAGANA_PAIR_HINT_RE.search(text)
            and not _OTHER_SCRIPT_HINT_RE.search(text)):
        return text
    # Line by line: a signature is a line of its own.
    lines: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        head = _CLOSING_PREFIX_RE.match(line)
        if head is not None:  # 「以上　やまだ たろう」: the closing, then the signature as a line
            lines.append((start, start + head.end()))
            lines.append((start + head.end(), start + len(line)))
        else:
            lines.append((start, start + len(line)))
        start += len(line) + 1
    nonempty = [k for k, (a, b) in enumerate(lines) if text[a:b].strip()]
    last_line = nonempty[-1] if nonempty else -1
    # The line right before a masked contact line (「やまだ たろう\n電話：［電話番号］」) is in a
    # signature position too, like the line after one.
    before_contact = {k for k, nxt in zip(nonempty, nonempty[1:])
                      if only_masks(text[lines[nxt][0]:lines[nxt][1]])}
    # ... and so is the line right before a closing that ends the letter (「やまだ たろう\n以上」).
    if len(nonempty) >= 2 and _CLOSING_LINE_RE.fullmatch(text[lines[last_line][0]:lines[last_line][1]].strip()):
        before_contact.add(nonempty[-2])
    spans: list[tuple[int, int]] = []
    previous = ""
    i = 0
    for k, (a, b) in enumerate(lines):
        line = text[a:b]
        line_toks = []
        while i < len(toks) and toks[i].start < b:
            if toks[i].end <= b:  # a token never spans lines, but stay safe
                t = toks[i]
                line_toks.append(_Tok(t.start - a, t.end - a, t.surface, t.pos1, t.pos2, t.person))
            i += 1
        if not line.strip():
            continue
        after_closing = _is_closing_or_contact(previous) or k in before_contact
        if any(t.person for t in line_toks):
            spans += [(a + s0, a + e0) for s0, e0 in
                      _line_name_spans(line, line_toks, after_closing, k == last_line)]
            final = _final_name_span(line, line_toks) if k == last_line else None
            if final is not None:
                spans.append((a + final[0], a + final[1]))
        if after_closing or k == last_line:
            for hira in (_hiragana_signature_span(line), _hiragana_kanji_signature_span(line),
                         _other_script_signature_span(line, k == last_line)):
                if hira is not None:
                    spans.append((a + hira[0], a + hira[1]))
        previous = line
    if not spans:
        return text
    merged: list[list[int]] = []
    for s0, e0 in sorted(spans):
        if merged and s0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e0)
        else:
            merged.append([s0, e0])
    for s0, e0 in reversed(merged):
        text = text[:s0] + MASKS["name"] + text[e0:]
    return text


# A child's (or other relative's) name in brackets after the word for them: 「娘（あおい）」
# 「息子（ゆうた）」「長男（翔）」「孫（はると、5歳）」. The word must be a word of its own to UniDic
# (not the 夫 of 工夫, the 孫 of 子孫), and what is in the brackets no age, grade, number or
# other common noun (「娘（小学3年生）」「母（高齢）」「夫（会社員）」「孫（ふたり）」), nor the word's
# own reading (「娘（むすめ）」).
_KIN_READINGS = {
    "娘": "むすめ", "息子": "むすこ", "長男": "ちょうなん", "長女": "ちょうじょ", "次男": "じなん", "次女": "じじょ",
    "三男": "さんなん", "三女": "さんじょ", "末っ子": "すえっこ", "孫娘": "まごむすめ", "孫": "まご", "子ども": "こども",
    "子供": "こども", "こども": "こども", "子": "こ", "甥": "おい", "姪": "めい", "甥っ子": "おいっこ", "姪っ子": "めいっこ",
    "弟": "おとうと", "妹": "いもうと",
    "兄": "あに", "姉": "あね", "妻": "つま", "夫": "おっと", "主人": "しゅじん", "嫁": "よめ",
    # (QA117: 「母の花子は95歳です」「主人の母のトメが」 were published)
    "母": "はは", "父": "ちち", "祖母": "そぼ", "祖父": "そふ", "義母": "ぎぼ", "義父": "ぎふ"}
# QA41: the words a child writes in hiragana for a brother or sister (「いもうとの ひなも」「おとうとの はるとが」); after
# them a hiragana common noun is a name too (ひな, りく), unless a word of the sentence (``_KIN_NOT_NAME_HIRA``):
# a child's text is all hiragana, and a sibling's name the thing it most often names.
_KANA_KIN = {"いもうと": "いもうと", "おとうと": "おとうと", "あに": "あに", "あね": "あね", "おにいちゃん": "おにいちゃん",
             "おねえちゃん": "おねえちゃん", "にいちゃん": "にいちゃん", "ねえちゃん": "ねえちゃん", "むすこ": "むすこ",
             "むすめ": "むすめ"}
_KIN_READINGS.update(_KANA_KIN)
_KIN_NAME_RE = re.compile(
    f"({'|'.join(sorted(_KIN_READINGS, key=len, reverse=True))})((?:さん|ちゃん|くん)?[（(][^\\S\\n]*)"
    # (a family and a given name with a blank between: 「娘（佐藤 エミリー、みどり小3年）」, QA72)
    r"([^\s（）()、，,・/／0-9０-９。「」［］\[\]]{1,10}(?:[ \u3000][^\s（）()、，,・/／0-9０-９。「」［］\[\]]{1,10})?)"
    r"(?=[^\S\n]*(?:[、，,・][^（）()\n]{0,20})?[）)])")
_NOT_NAME_IN_BRACKETS = {"故", "亡", "元", "現", "ふたご", "みつご", "あかちゃん", "ひとりっこ",
                          # what a relative is or has, in hiragana (QA72: 「息子（ひきこもり）」 read as a name)
                          "ひきこもり", "うつ", "ふとうこう", "しょうがいじ", "しょうがいしゃ", "にんぷ", "しんせいじ",
                          "にゅうじ", "ようじ", "ほいくえんじ", "ようちえんじ", "しょうがくせい", "ちゅうがくせい",
                          "こうこうせい", "だいがくせい", "しゃかいじん", "かいしゃいん", "むしょく", "ねたきり",
                          "にんちしょう", "かいご", "ようかいご", "たんしんふにん", "りこん", "べっきょ"}
# 「娘（大翔の妹）」「孫（さくらの弟）」: a name, の and the relation to that person.
_NAME_OF_KIN_RE = re.compile(
    "([^の]{1,6})の(" + "|".join(sorted({*_KIN_READINGS, "母", "父", "祖母", "祖父", "いとこ", "姉妹", "兄弟"}, key=len,
                                          reverse=True)) + ")")


# What a relative is, said in katakana in brackets after the word for them (「子ども（ヤングケアラー）」「母（ヘルパー）」):
# roles and situations, not names. A list, not UniDic's word classes: children's names are made of loanwords too
# (「娘（サマーローズ）」「息子（ライトスター）」, QA70) and of words UniDic knows (サクラ + コ, QA68).
_KIN_ROLE_WORDS = ("ケアラー", "ケア", "ファミリー", "マザー", "ファーザー", "ペアレント", "ヘルパー", "ボランティア",
                   "サポーター", "スタッフ", "ワーカー", "マネジャー", "マネージャー", "ユーザー", "ドライバー", "パート",
                   "アルバイト", "フリーター", "ニート", "ハーフ", "ダブル", "シニア", "ベビー", "キッズ", "ティーン")


def _katakana_common_noun(content: str) -> bool:
    """Whether katakana in brackets after a kinship word says what the relative is (ends with a role word of
    ``_KIN_ROLE_WORDS``: ヤングケアラー, シングルマザー, ヘルパー), not their name."""
    return content.endswith(_KIN_ROLE_WORDS)


_KIN_FULL_NAME_TAIL_RE = re.compile(r"(［氏名］)(?:[^\S\n]*[・･=＝][^\S\n]*[ァ-ヺー]{2,10})+"
                                    r"([^\S\n]*(?:[、，,・･][^（）()\n]{0,20})?[）)])")


def _kin_name(m: re.Match) -> str:
    kin, bracket, content = m.group(1), m.group(2), m.group(3)
    before = _tagged(m.string[max(0, m.start() - 12):m.end(1)])
    if not before or before[-1][0] != kin:
        return m.group()  # 工夫（くふう）, 子孫（しそん）: part of another word
    kana = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in content)
    own = _NAME_OF_KIN_RE.fullmatch(content)
    if own is not None:  # 「娘（大翔の妹）」: the name the relative is told by, the relation word stays (QA47)
        name = own.group(1)
        sub = _KIN_NAME_RE.match(kin + bracket + name + "）")
        if sub is not None and _kin_name(sub) != sub.group():
            return kin + bracket + MASKS["name"] + content[len(name):]
        return m.group()
    if kana == _KIN_READINGS[kin] or content in _NOT_NAME_IN_BRACKETS:
        return m.group()
    # Kana in those brackets are a name, whatever UniDic makes of them (ミオ is a common noun to
    # it), unless a number or a word like ひとり/みんな (副詞可能); kanji are a name unless they
    # hold a common noun of two or more characters (高齢, 会社員, 中学生) or such a word.
    kana_only = re.fullmatch("[ぁ-ゖァ-ヺー]+", content) is not None
    if re.fullmatch("[ァ-ヺー]+", content) and _katakana_common_noun(content):
        return m.group()  # 「子ども（ヤングケアラー）」「母（ボランティア）」: what they are, not a name (QA65)
    for w, raw in _tagged(content):
        f = raw.split(",")
        if len(f) < 3 or f[2] == "人名":
            continue
        if f[1] == "数詞" or f[2] == "副詞可能" or (f[1] == "普通名詞" and len(w) >= 2 and not kana_only):
            return m.group()
    return kin + bracket + MASKS["name"]


# A child's (or other relative's) name without brackets after the word for them and の, ・ or a
# blank, before a particle: 「息子の蓮が」「娘・あおいの」「子ども ゆい のために」 (also after the family
# name masked already: 「子ども ［氏名］ ゆい のために」). Kanji and katakana only where UniDic tags them
# as a person name in the sentence (「娘の学校」「息子の友達」「息子の心が」 stay); 2–4 hiragana unless
# they are a word of the sentence: a formal noun or pronoun (「娘のために」「息子のことが」「息子の
# ほうが」), or, after の or a blank, a common noun that UniDic never reads as a name (「息子のともだち
# と」「子ども ひろばが」; so 「娘のひなたが」 stays too: privacy does not win over every hiragana noun).
_KIN_FREE_RE = re.compile(
    f"({'|'.join(sorted(_KIN_READINGS, key=len, reverse=True))})"
    r"((?:の[^\S\n]*|[・･]|[^\S\n]+)(?:［氏名］[^\S\n]*)?)"
    # (not a kinship word of a chain: 「長男の嫁の由美子さん」 is 嫁's name, QA115)
    f"(?!(?:{'|'.join(sorted(_KIN_READINGS, key=len, reverse=True))})の)"
    r"([ぁ-ゖ]{2,12}|[\u4e00-\u9fff々]{1,3}|[ァ-ヺー]{2,8})")
_KIN_NAME_READING_RE = re.compile(
    f"({'|'.join(sorted(_KIN_READINGS, key=len, reverse=True))})"
    r"((?:の[^\S\n]*|[・･]|[^\S\n]+)(?:［氏名］[^\S\n]*)?)"
    r"[\u4e00-\u9fff々]{1,3}[^\S\n]*[（(][^\S\n]*[ぁ-ゖ]{2,8}[^\S\n]*[）)]")


def _kin_name_reading(m: re.Match) -> str:
    """「息子の［氏名］」 for 「息子の大翔（はると）」; a word UniDic knows as a common noun stays (「息子の学校（ひがし）」)."""
    kanji = re.match(r"[\u4e00-\u9fff々]+", m.group()[len(m.group(1)) + len(m.group(2)):]).group()
    if any(",普通名詞," in raw or not raw.startswith("名詞") for _, raw in _tagged(kanji)):
        return m.group()
    return m.group(1) + m.group(2) + MASKS["name"]


_KIN_PARTICLE = r"(?:ちゃん|くん|さん|君)?(?:が|の|は|を|に|と|も|へ|で|や|から|まで|より|には|とは|にも|とも|では|でも|って)"
_KIN_TAIL_RE = re.compile(rf"(?:ちゃん|くん|さん|君|{_KIN_PARTICLE})")
_KIN_AFTER_RE = re.compile(rf"[^\S\n]*(?:{_KIN_PARTICLE}|[、，,]|[（(](?=[^\S\n]*(?:{re.escape(MASKS['birth'])}|[0-9０-９]{{1,3}}(?:歳|才)?[）)、，,])))")
_KIN_NOT_NAME_HIRA = {
    "こと", "もの", "ため", "ほう", "とき", "ところ", "とこ", "うち", "あと", "まえ", "せい", "おかげ", "ぶん", "よう",
    "まま", "かた", "ほか", "わけ", "はず", "みんな", "みな", "みなさん", "ぜんいん", "ぜんぶ", "たち", "ころ", "なか",
    "そば", "ふたり", "ひとり", "それ", "これ", "あれ", "だれ", "どれ", "なに", "なん", "ども", "など", "だけ", "ばかり",
    "しか", "くらい", "ぐらい", "ほど", "ぶん", "かわり", "ほかに", "いえ", "へや", "からだ", "かお", "こころ", "いのち",
    "ようす", "ともだち", "せんせい", "おもちゃ", "ごはん", "おやつ", "しゅくだい", "べんきょう", "あそび", "がっこう",
    "ようちえん", "ほいくえん", "つもり", "たいちょう", "びょうき", "けが", "ケガ", "しごと", "ほうも",
    "はなし", "こえ", "ふく", "くつ", "かばん", "つくえ", "いす", "ぶかつ", "じゅく", "がくどう", "クラス", "へん", "まね",
    "せい", "ぶんまで", "ほうが", "めんどう", "せわ", "おせわ", "むかえ", "おむかえ", "おもり", "おふろ", "ふとん",
    "じてんしゃ", "ゲーム", "えほん", "ほん", "うた", "え", "て", "あたま", "おなか", "ねつ", "なまえ", "たんじょうび"}
# A particle and a formal noun after a name in one run of hiragana: 「娘・あおいのために」「息子のそうたのことを」.
_KIN_FORMAL_AFTER_RE = re.compile(r"(の|に|と)(?:ため|こと|ほう|よう|ぶん|かわり|おかげ|せい|まえ|あと|ところ|とこ|もの|分)")
_KIN_BEFORE_PARTICLE_RE = re.compile(rf"(?={_KIN_PARTICLE})")


def _kin_hiragana_is_name(kin: str, sep: str, name: str, tail: str) -> bool:
    if name in _KIN_NOT_NAME_HIRA:
        return False
    plain_sep = "・" if "・" in sep or "･" in sep else (" " if not sep.startswith("の") else "の")
    context = kin + plain_sep + name + tail
    offset = len(kin) + len(plain_sep)
    inside, pos = [], 0
    for w, raw in _tagged(context):
        start = context.find(w, pos)
        pos = start + len(w)
        if start < offset and pos > offset or start < offset + len(name) < pos:
            return True  # UniDic reads across the name's edges: no word of the sentence
        if offset <= start and pos <= offset + len(name):
            inside.append((w, raw.split(",")))
    if len(inside) == 1:
        f = inside[0][1]
        if len(f) > 3 and f[2] == "人名":
            return True
        if (f[0] in ("副詞", "動詞", "形容詞", "形状詞", "助詞", "助動詞", "接続詞", "代名詞", "連体詞", "感動詞")
                or (f[0] == "名詞" and (f[1] in ("代名詞", "数詞") or f[2] == "副詞可能"))):
            return False
        if kin in _KANA_KIN and f[0] == "名詞" and f[1] == "普通名詞" and f[2] == "一般":
            return True  # 「いもうとの ひなも」: a child's text, see ``_KANA_KIN``
        return plain_sep == "・" or any(r[2] == "人名" for r in _single_readings(name))
    # pieces (はると: はる + と): a name unless a content word of two or more characters is among them
    if not any(len(w) >= 2 and not (len(f) > 3 and f[2] == "人名")
               and f[0] in ("名詞", "動詞", "形容詞", "形状詞", "副詞", "代名詞") for w, f in inside):
        return True
    return _cut_before_particle(inside)


# The last piece of a name that UniDic cut into words and a particle or auxiliary (「ひなの」: ひな +
# の, 「そうた」: そう + た, 「ここな」: ここ + な): before the particle that follows (を, が …) no phrase
# ends so, while 「すきなのを」 (a 形状詞 + な + の) and 「ためなのに」 (a formal noun) do.
_CUT_CONTENT_POS = {"名詞", "副詞", "代名詞", "記号", "連体詞", "接頭辞"}


def _kin_cut_before_more(kin: str, sep: str, name: str, rest: str) -> bool:
    """Whether ``name``, followed by a particle and more hiragana (``rest``), is a name UniDic cut
    before that particle: 「娘のひなのをみて」 (ひな + の + を), not 「娘のはなしのとおり」 (の + とおり: no
    particle after the pieces)."""
    if not rest or rest[0] not in "をがはにともの":
        return False
    plain_sep = "・" if "・" in sep or "･" in sep else (" " if not sep.startswith("の") else "の")
    context = kin + plain_sep + name + rest
    offset = len(kin) + len(plain_sep)
    inside, nxt, pos = [], None, 0
    for w, raw in _tagged(context):
        start = context.find(w, pos)
        pos = start + len(w)
        if start < offset < pos or start < offset + len(name) < pos:
            return False
        if offset <= start and pos <= offset + len(name):
            inside.append((w, raw.split(",")))
        elif start == offset + len(name):
            nxt = raw.split(",")
            break
    return (nxt is not None and nxt[0] == "助詞" and nxt[1] in ("格助詞", "係助詞")
            and _cut_before_particle(inside))


def _cut_before_particle(inside: list[tuple[str, list[str]]]) -> bool:
    if len(inside) < 2:
        return False
    last, f = inside[-1]
    if not ((f[0] == "助詞" and f[1] in ("格助詞", "終助詞", "準体助詞")) or (f[0] == "助動詞" and last == "た")):
        return False  # not ぶか + つ (部活: a 副助詞), nor …だ, …です
    content = inside[:-1]
    return all(f[0] in _CUT_CONTENT_POS and w not in _KIN_NOT_NAME_HIRA
               and not (f[0] == "名詞" and len(f) > 2 and (f[1] in ("数詞", "代名詞") or f[2] == "副詞可能"))
               for w, f in content)


# An age or school year in brackets right after the word that follows a kinship word: 「娘のさくら（小3）
# が」「息子・そうた（7歳）」「娘の陽菜（年長）」.
_KIN_AGE_RE = re.compile(
    r"[^\S\n]*[（(][^\S\n]*(?:(?:([\u4e00-\u9fff々ァ-ヺーぁ-ゖ]{1,8}?(?:小学校|中学校|高等学校|小学|中学|高校|小|中|高)|［学校名］)|小学?|中学?|高校?)?[0-9０-９一二三四五六七八九十]{1,2}[^\S\n]*"
    r"(?:歳半?|才|さい|年生|ねんせい|年(?:[^\S\n]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2}|[A-Za-zＡ-Ｚａ-ｚ])[^\S\n]*組)?|か月|ヶ月|カ月|ヵ月)?|年少|年中|年長)[^\S\n]*(?:[、，,・][^（）()\n]{0,10})?[）)]")


# Kana words for a person that are no name, before an age in brackets: 「息子のともだち（小3）」.
_PERSON_NOUNS_KANA = {"ともだち", "おともだち", "いとこ", "ふたご", "みつご", "あかちゃん", "こども", "おとうと", "いもうと",
                      "あに", "あね", "おにいちゃん", "おねえちゃん", "まご", "クラス", "クラスメイト", "クラスメート",
                      "チーム", "グループ", "ペット", "いぬ", "ねこ", "イヌ", "ネコ"}
_KANA_WORD_RE = re.compile("[ぁ-ゖァ-ヺー]{2,8}")


def _kin_name_before_age(run: str) -> bool:
    """Whether ``run``, after a kinship word and before an age in brackets, is a name: a person name
    to UniDic, a word it also knows as a given or family name (さくら), kanji without a common noun
    of two or more characters (柚希: 柚 + 希), kana pieces without a content word (はると: はる + と)
    or cut before a particle (ひなの: ひな + の, see ``_cut_before_particle``); not a common noun
    (「娘の友達（7歳）」「息子のともだち（小3）」「息子のクラス（3年）」) nor the kinship word's reading."""
    if run in _KIN_NOT_NAME_HIRA or run in _KIN_READINGS.values() or run in _KIN_READINGS:
        return False
    words = [(w, raw.split(",")) for w, raw in _tagged(run)]
    if all(len(f) > 3 and f[2] == "人名" for _, f in words):
        return True
    if len(words) == 1:
        if _KANA_WORD_RE.fullmatch(run) and run not in _PERSON_NOUNS_KANA:
            f = words[0][1]  # kana before an age are a name (あかり, ひなた), not a pronoun or number
            return not (f[0] != "名詞" or f[1] in ("代名詞", "数詞") or (len(f) > 2 and f[2] == "副詞可能"))
        return any(r[2] == "人名" and r[3] in ("名", "姓") for r in _single_readings(run))
    if _KANJI_NAME_RE.fullmatch(run):  # as 「娘（…）」 does: no common noun of 2 or more kanji, number …
        return not any(len(f) > 2 and (f[1] == "数詞" or f[2] == "副詞可能" or (f[1] == "普通名詞" and len(w) >= 2))
                       for w, f in words)
    return not any(len(w) >= 2 and not (len(f) > 3 and f[2] == "人名")
                   and f[0] in ("名詞", "動詞", "形容詞", "形状詞", "副詞", "代名詞") for w, f in words
                   ) or _cut_before_particle(words)


_NAME_BEFORE_AGE_RE = re.compile(
    r"(?:(?<=^)|(?<=[\n、，,。．！？!?「（(・と や\u3000])|(?<=[はがもを][、，,]))"
    f"({'|'.join(sorted(_KIN_READINGS, key=len, reverse=True))})?"
    r"([ぁ-ゖ]{2,6}|[ァ-ヺー]{2,8}|[\u4e00-\u9fff々]{1,3})(?=" + _KIN_AGE_RE.pattern + ")")


def _name_before_age(m: re.Match) -> str:
    kin, run = m.group(1) or "", m.group(2)
    if kin and not _kin_word_alone(m.string, m.start(1), m.end(1), kin):
        return m.group()
    if "ァ" <= run[0] <= "ヺ":
        named = not run.endswith(_KIN_ROLE_WORDS) and run not in _PERSON_NOUNS_KANA
    elif "ぁ" <= run[0] <= "ゖ":
        named = _kin_name_before_age(run)
    else:  # kanji: a person name to UniDic (大翔, 結菜), not 「保育園（年長）」「学童（小1）」
        words = [raw.split(",") for _, raw in _tagged(run)]
        named = bool(words) and all(len(f) > 3 and f[2] == "人名" for f in words)
    return kin + MASKS["name"] if named else m.group()


_SCHOOL_DASH_CLASS_RE = re.compile(
    r"(?<![\u4e00-\u9fff々ァ-ヺーぁ-ゖ])[\u4e00-\u9fff々ァ-ヺーぁ-ゖ]{1,6}?(?:小学校|中学校|小|中)"
    r"(?=[0-9０-９][^\S\n]?[-－ー‐][^\S\n]?[0-9０-９]{1,2}(?:組|の|[、，,。．\s]|$))")
_NURSERY_CLASS_CHILD_RE = re.compile(
    r"([\u4e00-\u9fff々ァ-ヺーぁ-ゖ]{1,10}?(?:保育園|保育所|幼稚園|こども園|子ども園))(の?[^\S\n]*[\u4e00-\u9fff々ァ-ヺーぁ-ゖ]{1,6}?"
    r"(?:組|ぐみ|グミ)[^\S\n]*の[^\S\n]*)([ぁ-ゖ]{2,4}|[ァ-ヺー]{2,6})(?=[^\S\n]*(?:ちゃん|くん)?(?:が|は|も|を|に|と|の|、))")


def _nursery_class_child(m: re.Match) -> str:
    name = m.group(3)
    if name in _PERSON_NOUNS_KANA or name in _NOT_KANA_NICKNAME or name in ("みんな", "こども", "ともだち", "せんせい"):
        return m.group()
    return MASKS["school"] + m.group(2) + MASKS["name"]


_NAMED_CHILD_SCHOOL_RE = re.compile(
    # (also after the masked name inside the brackets: 「娘（［氏名］、みどり小3年）」, QA72)
    r"((?:［氏名］[^\S\n]*[（(]|[（(][^\S\n]*［氏名］[^\S\n]*[、，,・])[^\S\n]*)"
    r"[\u4e00-\u9fff々ァ-ヺーぁ-ゖ]{1,8}?(?:小学校|中学校|高等学校|小学|中学|高校|小|中|高)"
    r"(?=[^\S\n]*[0-9０-９一二三四五六七八九十]{1,2}[^\S\n]*(?:年生|年)?[^\S\n]*[）)、，,・])")


def _kin_word_alone(text: str, start: int, end: int, kin: str) -> bool:
    """The kinship word is a word of its own to UniDic (not the 子 of 親子); a hiragana sibling word may be
    several (お + にい + ちゃん), starting where it starts."""
    before = _tagged(text[max(0, start - 12):end])
    if not before:
        return False
    if before[-1][0] == kin:
        return True
    if kin not in _KANA_KIN:
        return False
    tail = ""
    for w, _ in reversed(before):
        tail = w + tail
        if len(tail) >= len(kin):
            return tail == kin
    return False


_KIN_FAMILY_LEFT_RE = re.compile(
    f"({'|'.join(sorted(_KIN_READINGS, key=len, reverse=True))})の({_KANJI}{{1,3}})[ \u3000]{{1,2}}{re.escape(MASKS['name'])}")
_ENGLISH_HONORIFIC_RE = re.compile(r"((?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Dr)\.?[^\S\n]+)(?!Donut|Children|Bean|Max|Sunday|Brain)"
                                   r"[A-Z][a-z]+(?:[^\S\n]+[A-Z][a-z]+)?(?![A-Za-z])")


def _kin_family_left(m: re.Match) -> str:
    """「甥の吉川 ［氏名］」 -> 「甥の［氏名］」 when UniDic reads the kanji as a name."""
    words = _tagged(m.group(2))
    if words and all(",人名," in raw for _, raw in words):
        return m.group(1) + "の" + MASKS["name"]
    return m.group()


def _kin_free_name(m: re.Match) -> str:
    kin, sep, run = m.group(1), m.group(2), m.group(3)
    text = m.string
    if not _kin_word_alone(text, m.start(1), m.end(1), kin):
        return m.group()  # part of another word (親子, 様子)
    age = _KIN_AGE_RE.match(text, m.end())
    if age is not None:  # 「娘のさくら（小3）が」: a name, whatever UniDic calls it
        return kin + sep + MASKS["name"] if _kin_name_before_age(run) else m.group()
    if kin == "子":
        return m.group()  # 「子の」 alone names a child only before an age: 「うちの子のゆいと（小2）が」
    if "ぁ" <= run[0] <= "ゖ":
        if m.end() < len(text) and "ぁ" <= text[m.end()] <= "ゖ":
            return m.group()  # a longer run of hiragana: a phrase
        for n in range(min(4, len(run)), 1, -1):
            name, tail = run[:n], run[n:]
            if tail:
                formal = _KIN_FORMAL_AFTER_RE.match(tail)
                if formal is not None:  # 「次女・みさきのために」: the name, の and a formal noun
                    if name not in _KIN_READINGS.values() and _kin_hiragana_is_name(kin, sep, name, formal.group(1)):
                        return kin + sep + MASKS["name"] + tail
                    continue
                if not _KIN_TAIL_RE.fullmatch(tail):
                    # more hiragana after the particle (「娘のひなのをみていると」): only a name that
                    # UniDic cut before that particle (``_cut_before_particle``)
                    if _kin_cut_before_more(kin, sep, name, text[m.start(3) + n:m.start(3) + n + 8]):
                        return kin + sep + MASKS["name"] + tail
                    continue
            elif not _KIN_AFTER_RE.match(text, m.end()) or not text[m.end():m.end() + 1].isspace():
                continue
            elif kin in _KANA_KIN and n > 2 and run[-1] in "がをはにへで":
                continue  # 「おとうとの はるとが がくどうに」: the name before が, not が read as the name's end
            if _kin_hiragana_is_name(kin, sep, name, tail):
                return kin + sep + MASKS["name"] + tail
        return m.group()
    # kanji or katakana: the whole run, before a particle, tagged as a person name in the sentence
    if m.end() < len(text) and (_KANJI_NAME_RE.match(text[m.end()]) or "ァ" <= text[m.end()] <= "ー"):
        return m.group()
    if not _KIN_AFTER_RE.match(text, m.end()) or run in _KIN_READINGS:
        return m.group()
    plain_sep = "の" if sep.startswith("の") else "・"
    context = kin + plain_sep + run + text[m.end():m.end() + 4]
    offset, pos, inside = len(kin) + len(plain_sep), 0, []
    for w, raw in _tagged(context):
        start = context.find(w, pos)
        pos = start + len(w)
        if offset <= start < offset + len(run):
            if pos > offset + len(run):
                return m.group()
            inside.append(raw.split(","))
    if inside and all(len(f) > 3 and f[2] == "人名" for f in inside):
        return kin + sep + MASKS["name"]
    # a katakana given name UniDic knows alone but reads as a word here (「妻のハナとともに」, QA115: 花)
    if (2 <= len(run) <= 4 and all("ァ" <= ch <= "ー" for ch in run) and len(_tagged(run)) == 1
            and ",人名,名" in _tagged(run)[0][1]):
        return kin + sep + MASKS["name"]
    # two or three kanji UniDic reads as a word here but knows as a given name alone (「母の和子は95歳です」, QA119)
    if (2 <= len(run) <= 3 and _KANJI_NAME_RE.fullmatch(run)
            and any(r[2] == "人名" and r[3] == "名" for r in _single_readings(run))):
        return kin + sep + MASKS["name"]
    if kin in ("母", "父", "祖母", "祖父", "義母", "義父") and len(run) == 1:
        return m.group()  # 「父の畑」「母の愛」 (QA119): a parent's one-kanji given name is too often a word
    # one kanji that UniDic reads as a common noun here but knows as a given name (「息子の蒼は」「娘の凛が」),
    # unless it is a word a sentence says of a person (「息子の心が」「娘の夢は」「息子の方が」)
    if (len(run) == 1 and len(inside) == 1 and inside[0][0] == "名詞" and inside[0][1] == "普通名詞"
            and run not in _KIN_NOT_NAME_KANJI
            and any(r[2] == "人名" and r[3] in ("名", "姓") for r in _single_readings(run))):
        return kin + sep + MASKS["name"]
    return m.group()


# One kanji after a kinship word that is a word about the person, not a given name, though UniDic knows
# it as one too.
_KIN_NOT_NAME_KANJI = set("心夢方命声体分事件代頃時中前後上下家部歯手足目顔頭熱絵服靴席番話友恋口血肌髪背腕胸気力色形姿味音"
                          "為物者人子親兄姉弟妹孫嫁婿夫妻父母祖側番組歌字作句文詩書名顔傷病薬力技腕性格癖趣")


# A name after a title on a business's signature line: 「青葉そろばん教室　代表　西川」「株式会社…　代表取締役
# 緑川 進」「NPO法人…　理事長：野口 和子」. The title starts the line or follows a blank (the
# organisation's name before it), a blank or colon follows it and the name ends the line; a single
# word is a name only where UniDic tags it as one, or as single characters (「代表　質問」「…の代表
# 一同」 stay).
_TITLE_WORDS = ("代表取締役社長", "代表取締役", "取締役社長", "代表理事", "代表社員", "代表者", "代表", "社長", "店主", "店長",
                "院長", "理事長", "園長", "校長", "会長", "所長", "館長", "事務局長", "委員長", "支配人", "オーナー", "塾長",
                "教室長", "室長", "施設長", "センター長", "住職", "組合長", "自治会長", "町内会長", "代表幹事", "世話人")
_TITLE_NAME_RE = re.compile(
    # (「（代表）小川　由美」: the title in brackets, QA50)
    rf"^([^\S\n]*(?:[【［\[（(][^\S\n]*)?(?:[^\n。．！？!?]{{1,30}}?[^\S\n]+)?(?:{'|'.join(_TITLE_WORDS)})"
    r"(?:[^\S\n]*[:：][^\S\n]*|[^\S\n]+|[^\S\n]*[】］\]）)][^\S\n]*))"
    rf"({_KANJI}{{1,4}}(?:[^\S\n]{{0,2}}{_KANJI}{{1,4}}|{_HIRA}{{2,4}})?|{_KANJI}{{1,4}}[^\S\n]{{1,2}}{_HIRA}{{2,4}})"
    r"([^\S\n]*(?:より|拝)?[^\S\n]*(?:[】］\]）)][^\S\n]*)?)$", re.MULTILINE)


# A writer introduced by their profession (「小児科医の山口です。」「教員の森です。」「看護師の西と申します。」): the word
# after の is a family name UniDic knows alone, though it reads 山口 as a place there (QA118)
_PROFESSION_INTRO_RE = re.compile(
    r"((?:^|(?<=[。．！？!?、\s「（(]))(?:私は)?[\u4e00-\u9fff]{0,4}(?:"
    + "|".join(sorted(_PROFESSIONS + ("職員", "園長", "校長", "代表"), key=len, reverse=True)) + r")の)"
    r"([\u4e00-\u9fff]{1,3})(?=[^\S\n]*(?:です|と申します|でございます|と言います))", re.MULTILINE)


def _profession_intro(m: re.Match) -> str:
    name = m.group(2)
    if any(r[2] == "人名" and r[3] == "姓" for r in _single_readings(name)):
        return m.group(1) + MASKS["name"]
    return m.group()


def _titled_name(m: re.Match) -> str:
    words = _tagged(m.group(2))
    if not any(",人名," in raw for _, raw in words) and not (
            len(words) >= 2 and all(len(w) == 1 for w, _ in words)):
        return m.group()
    return m.group(1) + MASKS["name"] + m.group(3)


# A contact person after a 担当 label, on a contact line: 「担当：企画課　木下　電話［電話番号］」「担当者 総務部
# 総務課 山本 太郎」「ご担当：木下（企画課）」. The label starts the line or follows a blank or bracket and
# a colon or blank follows it; departments (…課, …係, …室 …) may come first; the name is kanji UniDic
# tags as a person name (人名), a given name after a blank too, so 「担当：企画課」「担当：未定」
# 「担当：市」 stay.
_KIN_PARTICLE_SIMPLE = "(?:が|の|は|を|に|と|も|へ|で|から|まで|より)"
_STAFF_LABEL_RE = re.compile(
    r"(?:(?<=[\s（(【\[［、，,/／|｜。．！？!?])|^)(?:ご)?担当(?:者|者名|課|部署)?[^\S\n]*(?:[:：]|(?=[^\S\n]))[^\S\n]*",
    re.MULTILINE)
_DEPARTMENT_RE = re.compile(
    r"[^\s:：（）()、，,。「」［］]{1,20}?(?:課|係|室|部|局|班|グループ|チーム|センター|事務所|支所)(?:[^\S\n]+|(?=[\u4e00-\u9fff]))")
_STAFF_NAME_RE = re.compile(rf"({_KANJI}{{1,4}})(?:([^\S\n]{{1,2}})({_KANJI}{{1,4}}))?(?![\u4e00-\u9fff々ぁ-ゖァ-ヺー])")


# A staff member named inside a sentence: after 担当の (「担当の中川に確認済み」「担当の中川（内線1234）」, also
# before a title: 「担当の佐藤課長は」「担当の佐藤係長（内線1234）」), or before a title or さん/様/氏 after a
# department and の or a blank (「公園緑地課の斎藤課長に」「…課 斎藤係長」「道路課の斎藤さん」). Only a name
# UniDic tags as one (「担当の課長は」 stays); an elected official with a title (「田中市長」) is a public figure
# and stays. The name is the shortest run of kanji before the title (QA32: 「担当の佐藤課長は」 read 佐藤課長
# as the name, no person name to UniDic, and kept 佐藤).
_STAFF_TITLES = ("課長補佐", "課長代理", "副課長", "課長", "係長", "部長", "次長", "室長", "局長", "所長", "主査", "主幹",
                 "主任", "主事", "参事", "技師", "保健師", "職員", "担当者", "担当")
_STAFF_TITLE = f"(?:{'|'.join(_STAFF_TITLES)})"
_ROLES_BEFORE_NAME = ("課長", "係長", "部長", "室長", "所長", "主任", "主治医", "医師", "顧問", "校長", "教頭", "園長", "院長",
                      "看護師", "保健師", "相談員", "ケアマネ", "ケアマネジャー", "ヘルパー", "民生委員", "コーチ", "監督")
_STAFF_IN_SENTENCE_RE = re.compile(
    rf"(?:(?<=(?<!ご)担当の)|(?<=担当者の))({_KANJI}{{1,4}}?)"
    rf"(?=[^\S\n]?{_STAFF_TITLE}|[^\S\n]*(?:[（(]|さん|様|氏|{_KIN_PARTICLE_SIMPLE}))"
    rf"|(?<=[課係室部局所班]の)({_KANJI}{{1,4}}?)(?=[^\S\n]?{_STAFF_TITLE}|[^\S\n]*(?:さん|様|氏))"
    rf"|(?<=[課係室部局所班][^\S\n])({_KANJI}{{1,4}}?)(?=[^\S\n]?{_STAFF_TITLE}|[^\S\n]*(?:さん|様|氏))"
    # a child's teacher (「担任の松本先生」「副担任の森先生」「園長の田村先生」: names the class, QA72)
    rf"|(?<=担任の)({_KANJI}{{1,4}}?)(?=[^\S\n]?(?:先生|教諭|さん))"
    # a person named after their role and の (「課長の岡部からも」「主治医の宮下先生」「顧問の原先生」, QA113)
    # (one kanji only before a title: 「主治医の金が目当て」 is money, QA119)
    rf"|(?:{'|'.join(f'(?<={r}の)' for r in _ROLES_BEFORE_NAME)})({_KANJI}{{1,4}}?(?=[^\S\n]?(?:先生|教諭|医師|さん|様|氏|Dr))"
    rf"|{_KANJI}{{2,4}}?(?=[^\S\n]?(?:{_KIN_PARTICLE_SIMPLE})))"
    # a doctor or teacher by name (「宮下先生に言われました」「宮下Dr.も」)
    rf"|(?<![\u4e00-\u9fff々])({_KANJI}{{1,4}}?)(?=先生|医師(?!会|団|数|不足)|Dr[.．]?|ドクター)"
    # a head named before the title (「こひつじ保育園の菊池園長に」「東小の森校長に」, QA118)
    rf"|(?<=の)({_KANJI}{{1,3}}?)(?=(?:園長|校長|教頭|院長|館長|施設長|理事長)(?:先生|さん)?(?:に|が|は|の|から|と|へ|を|も|、))")


def _staff_in_sentence(m: re.Match) -> str:
    name = m.group(m.lastindex)
    words = _tagged(name)
    if words and all(",人名," in raw for _, raw in words) and ",人名,姓" in words[0][1]:
        return MASKS["name"]
    # before 先生 a given name too (「保育士の美紀先生」, QA118); one kanji UniDic reads as a word here but knows as
    # a family name alone (「東小の森校長」)
    if m.lastindex >= 4 and words and all(",人名," in raw for _, raw in words):
        return MASKS["name"]
    if m.lastindex == 7 and len(name) == 1 and any(r[2] == "人名" and r[3] == "姓" for r in _single_readings(name)):
        return MASKS["name"]
    return m.group()


# a teacher's given name in kana before 先生 (「主任保育士のあやか先生」「ゆうこ先生が」「ミキ先生」, QA118)
_KANA_TEACHER_RE = re.compile(r"(?:^|(?<=[のはがもと、。\s「（(]))(?!この|その|あの|どの|みんな|みな|おとな|わたし|ぼく)"
                              r"([ぁ-ゖ]{2,4}|[ァ-ヺー]{2,5})(?=先生|せんせい)", re.MULTILINE)
# a child's name before ママ / パパ, a parent's nickname (「ゆいママです」「陽翔ママより」, QA118)
_CHILD_PARENT_NICK_RE = re.compile(r"(?:^|(?<=[。、\s「（(]))([ぁ-ゖ]{2,4}|[\u4e00-\u9fff]{1,3})(?=(?:ママ|パパ)(?:です|より|と申します|[。、\s]|$))",
                                   re.MULTILINE)


def _kana_teacher(m: re.Match) -> str:
    pos = {r[0] for r in _single_readings(m.group(1))}
    return m.group() if pos & {"代名詞", "連体詞", "副詞", "形容詞", "動詞"} else MASKS["name"]


def _child_parent_nick(m: re.Match) -> str:
    name = m.group(1)
    if "ぁ" <= name[0] <= "ゖ":
        return _kana_teacher(m)
    return MASKS["name"] if any(r[2] == "人名" for r in _single_readings(name)) else m.group()


def _mask_staff_names(text: str) -> str:
    text = _STAFF_IN_SENTENCE_RE.sub(_staff_in_sentence, text)
    if "先生" in text or "せんせい" in text:
        text = _KANA_TEACHER_RE.sub(_kana_teacher, text)
    if "ママ" in text or "パパ" in text:
        text = _CHILD_PARENT_NICK_RE.sub(_child_parent_nick, text)
    if "担当" not in text:
        return text
    spans = []
    for label in _STAFF_LABEL_RE.finditer(text):
        pos = label.end()
        while (dept := _DEPARTMENT_RE.match(text, pos)) is not None:
            pos = dept.end()
        m = _STAFF_NAME_RE.match(text, pos)
        if m is None or not all(",人名," in raw for _, raw in _tagged(m.group(1))):
            continue
        end = m.end(1)
        if m.group(3) and all(",人名,名" in raw for _, raw in _tagged(m.group(3))):
            end = m.end(3)
        spans.append((m.start(1), end))
    for start, end in reversed(spans):
        text = text[:start] + MASKS["name"] + text[end:]
    return text


# A family name alone in brackets that ends the letter after its last sentence (「…ほしい。(渡部)」),
# and a name after 「by」 ending the letter (「…ほしい。by たなか」).
_BRACKETED_FINAL_NAME_RE = re.compile(
    rf"(?:(?<=[。．.！？!?\s])|^)([(（][^\S\n]*)({_KANJI}{{1,4}})([^\S\n]*[)）])[^\S\n]*\s*$")
_BY_NAME_RE = re.compile(
    rf"(?<![A-Za-z])((?:by|By|BY)[^\S\n]+)({_HIRA}{{2,6}}(?:[^\S\n]+{_HIRA}{{2,6}})?|{_KANJI}{{1,4}}(?:[^\S\n]?{_KANJI}{{1,4}})?"
    rf"|{_LATIN_WORD}(?:[^\S\n]+{_LATIN_WORD}){{0,2}})"
    r"([^\S\n]*[。．.]?)\s*$")


# A self-introduction after an address or a town (「［住所］の山口です」「南町の山口です」): a family name
# that UniDic reads as a place first (山口, 福田 …) but knows as a family name too.
_PLACE_INTRO_RE = re.compile(
    rf"(?:(?<=［住所］の)|(?<=[町市区村目]の))({_KANJI}{{1,4}})(?=[^\S\n]*(?:です|と申します|と申し|でございます|より|拝)"
    rf"(?![\u4e00-\u9fffぁ-ゖ]*(?:から|まで|に|へ|の)))")


def _place_intro(m: re.Match) -> str:
    before = m.string[:m.start()].rsplit("\n", 1)[-1]
    head = re.split(r"[。．！？!?、，,（）()\s：:]", before)[-1]  # the words since the sentence (or a speaker's label) began
    if not (head.startswith("［住所］") or re.fullmatch(rf"{_PLACE}{{1,12}}?(?:[町市区村]|丁目)の", head)):
        return m.group()
    name = m.group(1)
    words = _tagged(name)
    if len(words) == 1 and any(r[2] == "人名" and r[3] == "姓" for r in _single_readings(name)):
        return MASKS["name"]
    return m.group()


# A family name before a carer's or doctor's role (「坂井ドクター」「上原ヘルパーさん」) or named as staff
# (「堀という職員」): kanji that UniDic knows as a family name, read as a place or a noun first or not.
_ROLE_NAME_RE = re.compile(
    rf"(?<![\u4e00-\u9fff々〆ヶ])({_KANJI}{{1,3}})(?=(?:ドクター|ヘルパー|ケアマネ|ナース|ワーカー|看護師|保健師|相談員)"
    rf"|という(?:職員|人|方|者|看護師|医師|ヘルパー|ケアマネ|担当|男性|女性|係|先生))")


def _role_name(m: re.Match) -> str:
    name = m.group(1)
    words = _tagged(name)
    if words and all(",人名," in raw for _, raw in words) and ",人名,姓" in words[0][1]:
        return MASKS["name"]
    if len(words) == 1 and any(r[2] == "人名" and r[3] == "姓" for r in _single_readings(name)):
        return MASKS["name"]
    return m.group()


# A name called out at the start of a quoted message (「由美子、お母さんが…」「けいこ、きょうデイやすむ」): a word
# that UniDic knows as a given name, before 、 or ！ (「お母さん、」「ありがとう、」 are no names to it).
_VOCATIVE_RE = re.compile(r"(?<=[「『])([\u4e00-\u9fff々ぁ-ゖァ-ヺー]{2,5})(?=[、，,！!][^\S\n]*[^」』\s])")


def _vocative(m: re.Match) -> str:
    name = m.group(1)
    words = _tagged(name)
    if len(words) == 1 and ",人名,名" in words[0][1]:
        return MASKS["name"]
    if (len(words) == 1 and not _KANJI_NAME_RE.search(name)  # kana UniDic reads as a word first: けいこ
            and any(r[2] == "人名" and r[3] == "名" for r in _single_readings(name))):
        return MASKS["name"]
    return m.group()


# Initials signing the letter (「…増やして。（Ｍ・Ｋ）」, a last line 「Y.T」「T・K生」).
_INITIALS_END_RE = re.compile(
    r"(?:(?<=[。．.！？!?\n])(?<![A-Za-zＡ-Ｚａ-ｚ][.．])|^)([^\S\n]*[(（]?[^\S\n]*)((?![PＰ][.．][^\S\n]?[SＳ])[A-ZＡ-Ｚ][.．・･][^\S\n]?[A-ZＡ-Ｚ][.．]?)"
    r"(?=[^\S\n]*(?:生|より|拝)?[^\S\n]*[)）]?[^\S\n]*\s*$)")


def _mask_final_name_forms(text: str) -> str:
    text = _PLACE_INTRO_RE.sub(_place_intro, text)
    text = _ROLE_NAME_RE.sub(_role_name, text)
    if "「" in text or "『" in text:
        text = _VOCATIVE_RE.sub(_vocative, text)
    text = _INITIALS_END_RE.sub(lambda m: m.group(1) + MASKS["name"], text)
    m = _BRACKETED_FINAL_NAME_RE.search(text)
    if m is not None:
        words = _tagged(m.group(2))
        if words and all(raw.split(",")[2:3] == ["人名"] for _, raw in words) and ",人名,姓" in words[0][1]:
            text = text[:m.start(2)] + MASKS["name"] + text[m.end(2):]
    m = _BY_NAME_RE.search(text)
    if m is not None:
        name, is_name = m.group(2), False
        if re.match("[A-Za-zＡ-Ｚａ-ｚ]", name):  # 「by Kenji Watanabe」; not 「by The Way」
            words = [w.lower() for w in re.findall("[A-Za-z]+", unicodedata.normalize("NFKC", name))]
            is_name = bool(words) and not any(w in _ENGLISH_WORDS or w in _NOT_LATIN_NAME for w in words)
        elif _HIRA_RUN_RE.match(name):
            parts = name.split()
            is_name = (_hiragana_family_kind(parts[0]) in ("name", "misread") if len(parts) == 1
                       else _hiragana_name_pair(*parts) and not _hiragana_place_name(*parts))
        else:
            is_name = any(",人名," in raw for _, raw in _tagged(name))
        if is_name:
            text = text[:m.start(2)] + MASKS["name"] + text[m.end(2):]
    return text


# A block without a lot number that the sentence goes on to name as a place (「本町1丁目の交差点に
# 信号機を」「東町二丁目付近」): a neighbourhood the opinion is about, where thousands live, not a
# household's address. It stays; with a lot number (1丁目2番) or on its own it is masked.
_BLOCK_ONLY_RE = re.compile(rf"[{_KANJI_DIGITS}0-9０-９]+丁目")
_PLACE_WORD_AFTER_RE = re.compile(r"[^\S\n]*(?:(?:の|に|で)?[^\S\n]*(?:交差点|付近|周辺|近辺|界隈|辺り|あたり|踏切|歩道|道路|"
                                  r"通り|の坂|坂道|公園|バス停|信号|"
                                  # the road works a 自治会's list asks for (QA70: 「東町1丁目の市道の舗装を」 lost its place)
                                  r"市道|町道|村道|県道|国道|農道|生活道路|私道|側溝|水路|用水路|排水路|街灯|防犯灯|"
                                  r"カーブミラー|ガードレール|横断歩道|路肩|舗装|電柱|ごみ集積所|ゴミ集積所|ごみステーション|"
                                  r"消火栓|防火水槽|空き地|空き家|空家)"
                                  # the neighbourhood's own association, named as the writer (QA: 「私たち
                                  # 東町三丁目町内会は、遊具の存置を求めます」 became 「［住所］町内会は」)
                                  r"|(?:の)?[^\S\n]*(?:町内会|自治会|子ども会|子供会|老人会|婦人会|商店会|振興会|連合会)"
                                  # a facility of the neighbourhood: 「東町3丁目の市営住宅の集会所を」
                                  r"|の[^\S\n]*(?:市営住宅|県営住宅|都営住宅|町営住宅|公営住宅|団地|集会所|公民館|商店街|駅|"
                                  r"小学校|中学校|保育園|保育所|幼稚園|こども園|児童館|病院|地区|自治会|町内会))")
# ... unless the opinion says the writer lives there (「東町3丁目の団地在住です」「…の市営住宅に住む者です」)
# or the line is a contact or label line (「住所：東町3丁目の市営住宅」).
_HOME_AFTER_RE = re.compile(r"[^\n、，,。．！？!?]{0,8}?(?:在住|在勤|に住む|に住ん|に住み|に住まい|に暮ら|に居住|の者|のもの(?:です|でございます)|に住所)")
_ADDRESS_LABEL_BEFORE_RE = re.compile(rf"(?:{'|'.join(CONTACT_LABELS + NAME_LABELS)}|〒|自宅|現住所|所在地)")


# A public building's address in brackets after its name (「県庁（青葉市中央1丁目1番1号）」「市役所(…)」) is
# published anyway and names no one (QA32: masked in an opinion and in staff's answer); 「自宅（…）」 is not.
_PUBLIC_BUILDING_BEFORE_RE = re.compile(
    r"(?:県庁|都庁|道庁|府庁|市役所|区役所|町役場|村役場|役場|役所|本庁舎|庁舎|合同庁舎|支所|出張所|総合支所|"
    r"公民館|市民会館|県民会館|文化会館|図書館|体育館|市民センター|コミュニティセンター|保健センター|保健所|"
    r"消防署|消防本部|警察署|交番|県立[^\s（(]{1,12}|市立[^\s（(]{1,12}|町立[^\s（(]{1,12}|村立[^\s（(]{1,12})"
    r"[^\S\n]*[（(]$")


def _address_or_place(m: re.Match) -> str:
    if _PUBLIC_BUILDING_BEFORE_RE.search(m.string, max(0, m.start() - 24), m.start()):
        return m.group()
    if _BLOCK_ONLY_RE.search(m.group()) and m.group().endswith("丁目"):
        place = _PLACE_WORD_AFTER_RE.match(m.string, m.end())
        line_start = m.string.rfind("\n", 0, m.start()) + 1
        if (place is not None and not _HOME_AFTER_RE.match(m.string, place.end())
                and not _ADDRESS_LABEL_BEFORE_RE.search(m.string, line_start, m.start())):
            return m.group()
    return _per_line(m, "address")


def _per_line(m: re.Match, kind: str) -> str:
    """The mask of ``kind`` for each line that ``m`` spans (QA37: an address or postal code broken by a line
    break, 「みどり市東町⏎3丁目12番地の5」 -> 「［住所］⏎［住所］」): the text keeps its lines, which the splitter
    counts against the original's to find a letter's signature block."""
    return "\n".join([MASKS[kind]] * (m.group().count("\n") + 1))


# A toll-free or navigation-dial number (0120, 0570) that the opinion names as a service's
# (「相談窓口のフリーダイヤル0120-…」, about a hotline) is kept; given as one's own contact
# (「電話は0120-…です」) it is masked like any number. Not 0800: written without hyphens it
# cannot be told from a mobile number (080-0…).
_SERVICE_NUMBER_RE = re.compile(r"[0０][1１][2２][0０]|[0０][5５][7７][0０]")
_SERVICE_WORD_RE = re.compile(r"(?:フリーダイヤル|フリーダイアル|フリーコール|ナビダイヤル|窓口|ダイヤル|ホットライン|"
                              r"コールセンター|センター|相談|専用)(?:の|は|：|:)?[^\S\n]*$")


# ... but not one that ends a line with nothing before it but a label (「フリーダイヤル 0120-…」
# under a business's signature): that line is a contact line, the number the writer's own.
_PHONE_LABEL_ONLY_RE = re.compile(
    r"[^\S\n]*(?:[(（【\[［<＜]?[^\S\n]*(?:フリーダイヤル|フリーダイアル|フリーコール|ナビダイヤル|ダイヤル|"
    r"ホットライン|電話番号|電話|携帯|連絡先|代表|直通|TEL|Tel|tel|ＴＥＬ|℡|FD|ＦＤ|Free|FREE|free|Phone|PHONE)"
    r"[^\S\n]*[)）】\]］>＞]?[^\S\n]*[:：]?[^\S\n]*)+")
_LINE_REST_EMPTY_RE = re.compile(r"[^\S\n]*[)）】\]］>＞]?[^\S\n]*[。．.]?[^\S\n]*(?:\n|$)")


# A public office's number named in a sentence, right after the office (「こども家庭課（045-671-2345）に電話しましたが」
# 「保健センターの予約電話（0265-78-4132、…）」「市役所代表 0265-78-4111 に」, QA113, QA118): public, kept; not on a contact
# line of its own, nor after anything else (「自宅（045-…）」, 「福祉課 山田 045-…」)
_OFFICE_BEFORE_NUMBER_RE = re.compile(
    r"(?:[\u4e00-\u9fff]{1,8}(?:課|係|室|センター|窓口|市役所|区役所|町役場|村役場|役所|役場|事務所|保健所|支所|相談所|図書館|公民館)"
    # (「代表」 of an office, not an association's: 「町内会代表 045-…」 is a person's)
    r"|(?:市役所|区役所|役所|役場|県庁|庁舎|[市区町村])(?:の)?代表(?:電話|番号)?|代表(?:電話|番号))"
    r"(?:の(?:電話番号|電話|番号|予約電話|相談電話|代表番号)(?:は)?)?[^\S\n]*[（(]?[^\S\n]*$")


_MOBILE_RE = re.compile(r"[(（]?[0０][5789５７８９][0０]")


def _is_service_number(text: str, start: int, end: int, number: str) -> bool:
    """``number`` at ``text[start:end]`` is a service's toll-free or navigation-dial number the
    opinion names (kept), or a public office's named right after it in a sentence (kept), not one on a
    contact line of its own (「フリーダイヤル 0120-…」: masked)."""
    line_start = text.rfind("\n", 0, start) + 1
    # (a landline: a mobile or IP number, 090 / 080 / 070 / 050, is a person's wherever it stands)
    if not _MOBILE_RE.match(number) and _OFFICE_BEFORE_NUMBER_RE.search(text, max(line_start, start - 24), start) and not (
            _LINE_REST_EMPTY_RE.match(text, end) and _PHONE_LABEL_ONLY_RE.fullmatch(text, line_start, start)):
        return True
    if not (_SERVICE_NUMBER_RE.match(number) and _SERVICE_WORD_RE.search(text[max(0, start - 16):start])):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return not (_LINE_REST_EMPTY_RE.match(text, end) and _PHONE_LABEL_ONLY_RE.fullmatch(text, line_start, start))


def _phone(m: re.Match) -> str:
    return m.group() if _is_service_number(m.string, m.start(), m.end(), m.group()) else MASKS["phone"]


_DOCUMENT_WORD_RE = re.compile(r"資料|計画|表|図|別紙|参考|条例|規則|要綱|報告|調査|データ|ページ|第|版|議案|統計|白書|指針|方針|章|節")


def _loose_address(m: re.Match) -> str:
    return m.group() if _DOCUMENT_WORD_RE.search(m.group()) else _address_or_place(m)


_PHONE_WORD_BEFORE_RE = re.compile(r"(?:電話|携帯|TEL|Tel|tel|ＴＥＬ|℡|連絡先|番号|FAX|ファクス)[^\n]{0,6}$")


def _phone_parts(m: re.Match) -> str:
    """A phone number with dots, slashes, 「・」 or 「の」 between its parts: 10 or 11 digits (「01/02/2026」 is a
    date); with 「の」 or 「・」 only after a phone word (「地番は012の345の6789」 is none, QA114)."""
    if not 10 <= len(re.findall("[0-9０-９]", m.group())) <= 11:
        return m.group()
    if m.group(1) and m.group(1) in "の・･" and not _PHONE_WORD_BEFORE_RE.search(m.string, max(0, m.start() - 12), m.start()):
        return m.group()
    return _phone(m)


_MAIL_WORD_RE = re.compile(r"メール|[Mm]ail|MAIL|アドレス|[@＠]|アット|あっと")


def _email_disguised(m: re.Match) -> str:
    """An address with its @ written as a star only where the line speaks of mail (「★を@に変えて」, 「メール：…」):
    「口コミ評価は4.5★google.comで」「A+★amazon.co.jp」 are ratings (QA114)."""
    if m.group(1) in "★☆":
        start = m.string.rfind("\n", 0, m.start()) + 1
        end = m.string.find("\n", m.end())
        line = m.string[start:end if end >= 0 else len(m.string)]
        if not _MAIL_WORD_RE.search(line.replace(m.group(), " ")):
            return m.group()
    return MASKS["email"]


_REPLACE = {"address": _address_or_place, "email_disguised": _email_disguised,
            "phone_local": lambda m: m.group().replace(m.group(1), MASKS["phone"]), "address_loose": _loose_address, "phone": _phone,
            "phone_parts": _phone_parts,
            "postal": lambda m: _per_line(m, "postal")}


# What follows a postal code on its line is an address, whatever the town is written as
# (「〒321-0101 ○○町本郷二丁目5番地の3」, 「〒690-0001 みなと［住所］」): a run with a block number in
# it, or the words the address pattern left before its mask.
_TOWN_CHAR = "(?:[々〆ヶ\u4e00-\u9fffァ-ヺーぁ-ゖ](?<![はをがにでへもや]))"
_AFTER_POSTAL_RE = re.compile(
    # (a place's name, then its block and lot: not a sentence that has a number in it, 「…図書館の開館時間を20時まで
    # 延長して」, QA102: the whole opinion was masked)
    rf"({re.escape(MASKS['postal'])}[^\S\n]*)(?:(?:{_TOWN_CHAR}|[○◯●◎×＊*・･\-－]){{0,30}}?(?:[0-9０-９]|[{_KANJI_DIGITS}]+丁目)"
    rf"(?:[0-9０-９\-－‐―−ー{_KANJI_DIGITS}十]|の|之|ノ|丁目|番地?|号|棟|室|階)*"
    rf"|[^\s［］]{{1,20}}{re.escape(MASKS['address'])}"
    # a town without a block number (「〒123-4567 みなと市緑町」): the place name up to the blank or the end,
    rf"|(?![のとや]){_TOWN_CHAR}{{0,12}}?[都道府県市区町村郡]{_TOWN_CHAR}{{0,12}}(?=\s|$)"
    # or, as short as can be, up to words that say the writer lives there (QA97: 「〒123-4567 みなと市緑町に住む者として、
    # …」; not 「みなと市役所の窓口の…」「東京都の基準と比べて…」, QA101: the row lost its subject)
    rf"|(?![のとや]){_TOWN_CHAR}{{0,12}}?[都道府県市区町村郡]{_TOWN_CHAR}{{0,12}}?"
    # (not 「…に住民票を」「…に住宅の補助を」「市内在住の高校生への支援」「市営住宅で暮らす世帯」, QA102)
    rf"(?=に住(?:んで|まい|む者|む私)|に在住(?:の者|です|して)|在住(?:の者|です|しています|。|、|\s|$)|"
    rf"(?:に|で)暮らして(?:い|お)|から(?:市役所へ|職場へ|会社へ)?通(?:って|勤|学)|の者です|の者として|に居住|"
    rf"で生まれ育|に引っ越し|の住民として|です[。．]?\s*$))")


# Up to this many submitters, every name's patterns are tried on every text; above it only the
# names whose opening characters occur in the text (``_names_in``).
NAMES_INDEX_FROM = 64
_names_seen: list = [None, 0, frozenset()]  # (the names object last given, its size, its names)


def _known_names(names: Iterable[str]) -> frozenset[str]:
    """The submitters' names (2 characters or more), remembered for the collection the report
    passes with every text: a set of 100,000 names is not rebuilt per text."""
    if names is _names_seen[0] and isinstance(names, (set, frozenset, list, tuple)) and len(names) == _names_seen[1]:
        return _names_seen[2]
    known = frozenset(n.strip() for n in names if n and len(n.strip()) >= 2)
    if isinstance(names, (set, frozenset, list, tuple)):
        _names_seen[:] = [names, len(names), known]
    return known


@lru_cache(maxsize=4)
def _name_index(names: frozenset[str]) -> dict[str, frozenset[str]]:
    """{two opening characters: names}: those of the whole name and of each part of 2 or more
    characters, variant kanji folded (a name can only match where they occur, blanks aside)."""
    index: dict[str, set[str]] = {}
    for name in names:
        parts = name_parts(name)
        keys = {"".join(parts).translate(_ITAIJI)[:2]} | {p.translate(_ITAIJI)[:2] for p in parts if len(p) >= 2}
        for key in keys:
            index.setdefault(key, set()).add(name)
    return {k: frozenset(v) for k, v in index.items()}


def _names_in(text: str, names: Iterable[str]) -> frozenset[str]:
    """The submitters' names that may occur in ``text``: all of them for a few, else those the
    index finds (a report of 100,000 named letters tried 300,000 patterns on every row)."""
    known = _known_names(names)
    if len(known) < NAMES_INDEX_FROM:
        return known
    index = _name_index(known)
    flat = re.sub(r"\s+", "", text).translate(_ITAIJI)
    found: set[str] = set()
    for i in range(len(flat) - 1):
        hit = index.get(flat[i:i + 2])
        if hit:
            found |= hit
    return frozenset(found)


# A company named after its owner is no person: 「㈲阿部商店」「株式会社山田建設」「阿部工務店」 keep the name.
_COMPANY_BEFORE_RE = re.compile(r"(?:㈲|㈱|㈾|[（(][有株合][)）]|有限会社|株式会社|合同会社|合資会社)[^\S\n]?$")
_COMPANY_AFTER_RE = re.compile(r"(?:商店|商会|商事|建設|工務店|工業|産業|興業|物産|不動産|製作所|運送|運輸|電機|電器|設備|食品|"
                               r"酒店|米店|書店|薬局|医院|歯科|クリニック|株式会社|有限会社|商店街)")


def _name_end(text: str, start: int, end: int) -> int:
    """Where the name matched at ``text[start:end]`` ends: a match that stops inside a longer name UniDic
    reads (the submitter 「齋藤 榮一」 in 「齋藤榮一郎」) runs to the end of that name."""
    if end >= len(text) or not re.match(r"[\u4e00-\u9fff々ァ-ヺー]", text[end]):
        return end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    for tok in _tokens(text[line_start:line_end]):
        a, b = tok.start + line_start, tok.end + line_start
        if a < end < b:
            return b if tok.person in ("名", "姓") else end
    return end


def _sub_submitter_name(rx: re.Pattern, text: str) -> str:
    spans = []
    for m in rx.finditer(text):
        if _name_unless_company(m) == m.group() or (spans and m.start() < spans[-1][1]):
            continue
        spans.append((m.start(), _name_end(text, m.start(), m.end())))
    for start, end in reversed(spans):
        text = text[:start] + MASKS["name"] + text[end:]
    return text


def _name_unless_company(m: re.Match) -> str:
    if (_COMPANY_BEFORE_RE.search(m.string, max(0, m.start() - 6), m.start())
            or _COMPANY_AFTER_RE.match(m.string, m.end())):
        return m.group()
    return MASKS["name"]


# A name in Latin letters that an English sentence introduces (「My name is Kenji Watanabe.」「I'm Kenji.」):
# one to three capitalised words, not all of them English words (「I am Very Happy」 aside: 「very」 is no name
# either, so it is listed).
_ENGLISH_INTRO_RE = re.compile(
    # (and a relative named after the word for them: 「My son Minh is 3 years old.」, QA72)
    rf"(?<![A-Za-z])((?:[Mm]y[^\S\n]+name[^\S\n]+is|[Nn]ame[^\S\n]*[:：]|I[^\S\n]+am|I['’]m|This[^\S\n]+is"
    rf"|[Mm]y[^\S\n]+(?:(?:little|older|younger|elder|baby)[^\S\n]+)?(?:son|daughter|child|kid|boy|girl|grandson|"
    rf"granddaughter|grandchild|brother|sister|husband|wife|mother|father|mom|mum|dad)[,，]?)[^\S\n]+)"
    rf"({_LATIN_WORD}(?:[^\S\n]+{_LATIN_WORD}){{0,2}})(?![A-Za-zＡ-Ｚａ-ｚ])")
_NOT_LATIN_NAME = {"very", "so", "not", "really", "glad", "sorry", "writing", "living", "here", "there", "also", "still",
                   "concerned", "worried", "against", "interested", "just", "one", "two", "mother", "father", "parent",
                   "resident", "student", "teacher", "foreign", "foreigner", "japanese", "english", "american",
                   "chinese", "korean", "vietnamese", "filipino", "brazilian", "nepali", "indian", "member", "user"}


def _english_intro(m: re.Match) -> str:
    words = [w.lower() for w in re.findall("[A-Za-z]+", unicodedata.normalize("NFKC", m.group(2)))]
    if not words or any(w in _ENGLISH_WORDS or w in _NOT_LATIN_NAME for w in words):
        return m.group()
    return m.group(1) + MASKS["name"]


# A maiden name after 旧姓 (「旧姓：小野寺」「旧姓の長谷部で」「旧姓は…」): kanji UniDic tags as a family name.
_MAIDEN_NAME_RE = re.compile(rf"(旧姓[^\S\n]*(?:[:：]|は|の|、|，)?[^\S\n]*)({_KANJI}{{1,4}})(?![\u4e00-\u9fff々])")


def _maiden_name(m: re.Match) -> str:
    words = _tagged(m.group(2))
    if words and all(",人名," in raw for _, raw in words) and ",人名,姓" in words[0][1]:
        return m.group(1) + MASKS["name"]
    return m.group()


# A school beside a class (「桜ヶ丘小学校3年2組」「東中1年B組」): the class names a few dozen children, the
# school with it tells who the child is. The school becomes ［学校名］, 「…市立」 and the class stay.
_SCHOOL_CLASS_RE = re.compile(
    r"((?:市立|区立|町立|村立|県立|都立|府立|道立|国立|私立)?)"
    r"((?<![\u4e00-\u9fff々ァ-ヺーヶ])[\u4e00-\u9fff々ァ-ヺーヶ]{1,10}?(?:小学校|中学校|高等学校|義務教育学校|高校|小学|中学|小|中|高))"
    r"(?=[^\S\n]*[0-9０-９一二三四五六][^\S\n]*年[^\S\n]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2}|[A-Za-zＡ-Ｚａ-ｚ]|[ぁ-ゖァ-ヺ\u4e00-\u9fff]{1,3}?)[^\S\n]*組)")


# ... and written with の, a class or a year (「南台小学校の5年1組」「北山小学校の2年生」): as much as the
# bracketed 「（北山小3年）」 tells (QA50); a school no name picks out (「市内小学校の6年生」「各中学校の3年生」) stays.
_SCHOOL_NO_CLASS_RE = re.compile(
    r"((?:市立|区立|町立|村立|県立|都立|府立|道立|国立|私立)?)"
    r"((?<![\u4e00-\u9fff々ァ-ヺーヶ])[\u4e00-\u9fff々ァ-ヺーヶ]{1,10}?(?:小学校|中学校|高等学校|義務教育学校|高校|小学|中学|小|中|高))"
    r"(?=[^\S\n]*の[^\S\n]*[0-9０-９一二三四五六][^\S\n]*年[^\S\n]*(?:生|(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2}|"
    r"[A-Za-zＡ-Ｚａ-ｚ])[^\S\n]*組))")
_NO_SCHOOL_NAME = {"市内", "町内", "村内", "区内", "県内", "都内", "府内", "道内", "全", "各", "同", "本", "当", "他", "両", "近隣",
                   "地元", "公立", "新", "旧", "近所", "地域", "全国", "一般", "普通", "附属", "付属"}


def _school_no_class(m: re.Match) -> str:
    name = re.sub(r"(?:小学校|中学校|高等学校|義務教育学校|高校|小学|中学|小|中|高)$", "", m.group(2))
    if not name or name in _NO_SCHOOL_NAME or name.endswith(("立", "内")):
        return m.group()
    return _school_class(m)


_CLASS_AHEAD = (r"(?=[^\S\n]*[0-9０-９一二三四五六][^\S\n]*年[^\S\n]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2}|[A-Za-zＡ-Ｚａ-ｚ]"
                r"|[ぁ-ゖァ-ヺ\u4e00-\u9fff]{1,3}?)[^\S\n]*組)")
_SCHOOL_WORDS = "(?:小学校|中学校|高等学校|義務教育学校|高校|小学|中学|小|中|高)"
# QA41: a school named in hiragana, or starting so (「みなと小3年2組」「かわの小4年3組」「あさひが丘小」), before a class;
# the run of hiragana is cut after the writer's words (「わたしはみなと小…」: わたし + は), see ``_kana_school_start``.
_KANA_SCHOOL_CLASS_RE = re.compile(
    rf"(?<![ぁ-ゖ])([ぁ-ゖ][ぁ-ゖ\u4e00-\u9fff々ァ-ヺーヶ]{{1,11}}?{_SCHOOL_WORDS})"
    # (with の too, before a class or a year: 「みなみ小の5年3組」, QA53, as 「南台小学校の5年1組」 is)
    rf"(?:{_CLASS_AHEAD}|(?=[^\S\n]*の[^\S\n]*[0-9０-９一二三四五六][^\S\n]*年[^\S\n]*(?:生|(?:[0-9０-９]{{1,2}}|"
    rf"[一二三四五六七八九十]{{1,2}}|[A-Za-zＡ-Ｚａ-ｚ])[^\S\n]*組)))")
# ... and a school (kanji or hiragana) written whole, 小学校/中学校/高校, before の and a masked name: 「みなと小学校の
# ［氏名］です」「東中学校の［氏名］くん」 (a teacher, 「…小学校の［氏名］先生」, leaves the school as written).
_SCHOOL_BEFORE_NAME_RE = re.compile(
    r"(?<![ぁ-ゖ\u4e00-\u9fff々ァ-ヺーヶ])([ぁ-ゖ\u4e00-\u9fff々ァ-ヺーヶ]{1,12}?(?:小学校|中学校|高等学校|義務教育学校|高校))"
    r"(?=[^\S\n]*の[^\S\n]*［氏名］(?![^\S\n]*(?:先生|せんせい|校長|教頭|教諭|副校長|主事|養護)))")
_KANA_SCHOOL_NOT_POS = {"代名詞", "連体詞", "形容詞", "動詞", "副詞", "接続詞", "感動詞", "助動詞"}


def _kana_school_start(name: str) -> int | None:
    """Where a school's own name starts in ``name`` (the characters before 小/中/学校 …, from a run of
    hiragana on): after the last particle は/が/を/に/で/も/へ that ends the writer's words (「わたしはみなと」 ->
    3 + 1), not a が that links to a kanji (「あさひが丘」); None when what is left is no
    name: nothing, one hiragana, a pronoun, 連体詞, adjective, verb … (「この」「ちかくの」「ぼくの」) or a noun
    such as うち/まえ/みんな (副詞可能)."""
    words, pos = [], 0
    for w, raw in _tagged(name):
        at = name.find(w, pos)
        if at < 0:
            return None
        pos = at + len(w)
        words.append((at, pos, w, raw.split(",")))
    cut = 0
    for a, b, w, f in words:
        if f[0] != "助詞" or b >= len(name) or w not in ("は", "が", "を", "に", "で", "も", "へ"):
            continue  # の/と/や are inside names as often (「かわの」「ことり台」: こ + と + り台)
        if w == "が" and _KANJI_NAME_RE.match(name[b]):
            continue
        cut = b
    rest = [x for x in words if x[0] >= cut]
    left = name[cut:]
    if not left or (len(left) < 2 and not _KANJI_NAME_RE.fullmatch(left)):
        return None
    if _KANJI_NAME_RE.search(left):  # 「ことり台」 (ことり an adverb to UniDic): only the first word may say no name
        rest = rest[:1] if rest[0][3][0] != "副詞" else []
    for a, b, w, f in rest:
        if f[0] in _KANA_SCHOOL_NOT_POS or (f[0] == "名詞" and len(f) > 2 and f[2] in ("副詞可能", "形状詞可能")
                                           or len(f) > 1 and f[1] in ("代名詞", "数詞")):
            return None
    return cut


def _kana_school_class(m: re.Match) -> str:
    school = m.group(1)
    name = school[:len(school) - len(re.search(f"{_SCHOOL_WORDS}$", school).group())]
    cut = _kana_school_start(name)
    if cut is None:
        return m.group()
    return school[:cut] + MASKS["school"]


def _school_before_name(m: re.Match) -> str:
    school = m.group(1)
    name = school[:len(school) - len(re.search("(?:小学校|中学校|高等学校|義務教育学校|高校)$", school).group())]
    if not name:
        return m.group()
    cut = _kana_school_start(name) if re.match("[ぁ-ゖ]", name) else 0
    if cut is None:
        return m.group()
    return school[:cut] + MASKS["school"]


def _school_class(m: re.Match) -> str:
    school = m.group(2)
    # 「市立」 written before the school's own name: keep it (「みなと市立［学校名］3年2組」)
    for prefix in ("市立", "区立", "町立", "村立", "県立", "都立", "府立", "道立", "国立", "私立"):
        if prefix in school[:-2]:
            head = school[:school.index(prefix) + 2]
            return m.group(1) + head + MASKS["school"]
    return m.group(1) + MASKS["school"]


# A child's nickname in kana before ちゃん/くん (「たっくん」「けんちゃん」「さっちゃん」): kana UniDic tags as a person
# name right before the suffix; 「赤ちゃん」「おばあちゃん」「お兄ちゃん」「ワンちゃん」「ちゃん付け」 are no names to it.
_NICKNAME_SUFFIXES = {"ちゃん", "くん", "チャン", "クン"}




# what a place named like a nickname is (「はるちゃん食堂」「まなちゃんハウス」, QA118): no child's name
_NICKNAMED_PLACE = "食堂|ハウス|カフェ|クラブ|ひろば|広場|文庫|農園|まつり|祭り|教室|の家|ランド|サロン|ルーム|キッチン"
_NICKNAMED_PLACE_RE = re.compile(_NICKNAMED_PLACE)


def _mask_nicknames(text: str) -> str:
    if not any(w in text for w in _NICKNAME_SUFFIXES):
        return text
    spans = []
    toks = _tokens(text)
    for tok, nxt in zip(toks, toks[1:]):
        # (a kanji given name too: 「蓮くん」, QA72)
        if (tok.person and nxt.surface in _NICKNAME_SUFFIXES and nxt.start == tok.end
                and not _NICKNAMED_PLACE_RE.match(text, nxt.end)  # 「はるちゃん食堂」 (QA118)
                and re.fullmatch("[ぁ-ゖァ-ヺー]{1,4}|[\u4e00-\u9fff々]{1,2}", tok.surface)
                and not (tok.start and re.match("[ぁ-ゖァ-ヺー]", text[tok.start - 1])
                         and text[tok.start - 1] not in "のとやもはがにをへで")):
            spans.append((tok.start, tok.end))
    for start, end in reversed(spans):
        text = text[:start] + MASKS["name"] + text[end:]
    return text


# QA41: a child's given name in kana before くん/ちゃん/君 that UniDic does not tag as a person name (「たろうくんと」:
# たろう a common noun; 「はるとくん」「そうまくん」: pieces, くん read as a verb): 2–5 hiragana or 2–6 katakana, the
# whole run of kana or the kana after a particle (「ぼくはたろうくんと」), unless a word for family, people or
# animals (``_NOT_KANA_GIVEN``: 「おばあちゃん」「お兄ちゃん」 … and 「赤ちゃん」 are no kana run), a pronoun, a
# conjunction or 連体詞 (「そして君が」), or the adverb ちゃんと (「もっとちゃんと」). Before 君, which is also
# a pronoun, a word UniDic reads as an adverb, verb or adjective is no name either.
# 「みーちゃん」 too; not a place named so (「はるちゃん食堂」「まなちゃんハウス」, QA118)
_KANA_NICKNAME_RE = re.compile("([ぁ-ゖ][ぁ-ゖー]{1,6}|[ァ-ヺー]{2,8})(くん|ちゃん|君|クン|チャン)"
                               f"(?!{_NICKNAMED_PLACE})")
_NICKNAME_NOT_POS = {"代名詞", "接続詞", "連体詞", "感動詞", "助動詞"}
_NICKNAME_NOT_POS_KIMI = _NICKNAME_NOT_POS | {"副詞", "動詞", "形容詞", "形状詞"}
_NOT_KANA_NICKNAME = {"いぬ", "ねこ", "うさぎ", "うさ", "くま", "ぶた", "さる", "おさる", "とり", "ねずみ", "かめ",
                      "こども", "あかちゃん", "おとうと", "いもうと", "ともだち", "おともだち", "せんせい", "みなさん",
                      "ネコ", "イヌ", "クマ", "ウサギ", "にゃんこ", "わんこ", "ワンコ", "ニャンコ", "おにいさ", "おねえさ",
                      "ひよこ", "こいぬ", "こねこ", "ぞう", "きりん", "ぱんだ", "パンダ", "りす", "かえる", "ぼうや", "ぼっちゃ"}


def _kana_nickname_start(text: str, m: re.Match, toks: list[_Tok]) -> int | None:
    run, suffix = m.group(1), m.group(2)
    start, end = m.start(1), m.end(1)
    if start and re.match("[ぁ-ゖァ-ヺー]", text[start - 1]):
        return None  # inside a longer run of kana: a phrase, or a name the other rules tell
    # the run may hold the writer's words first: take the kana after the last particle UniDic reads
    words = [t for t in toks if start <= t.start < end]
    if (words and start and _KANJI_NAME_RE.match(text[start - 1]) and words[0].pos1 == "助詞"
            and words[0].start == start and end - words[0].end >= 2):
        start = words[0].end  # 「鈴木のおばあちゃん」「田中とけんたくん」: a particle after a kanji noun
    for t in reversed(words):
        if t.pos1 == "助詞" and t.surface in ("は", "が", "を", "に", "で", "も", "へ") and t.end < end and end - t.end >= 2:
            start = t.end
            break
    if not 2 <= end - start <= (5 if "ぁ" <= run[0] <= "ゖ" else 6):
        return None
    name = text[start:end]
    bare = name[1:] if name[0] in "お" and len(name) > 2 else name
    if (name in _NOT_KANA_GIVEN or bare in _NOT_KANA_GIVEN or name in _NOT_KANA_NICKNAME or bare in _NOT_KANA_NICKNAME
            or name.startswith(("さん", "くん", "ちゃん", "さま", "たち")) or name[-1] in "をはへにで"
            and "ぁ" <= name[0] <= "ゖ"):  # not が/や: たいが, ともや
        return None
    # the suffix must be a word of its own: not the adverb ちゃんと (「もっとちゃんと」), nor 君 read as the pronoun
    for t in toks:
        if t.start <= m.start(2) < t.end and (t.end > m.end(2) or t.pos1 == "代名詞"):
            return None
    inside = [t for t in toks if start <= t.start < end]
    if not inside or inside[0].start != start:
        return None
    bad = _NICKNAME_NOT_POS_KIMI if suffix == "君" else _NICKNAME_NOT_POS
    words = [t for t in inside if t.end <= end]
    if len(inside) == 1 and inside[0].end == end:
        t = inside[0]
        if t.pos1 in bad or t.pos2 in ("代名詞", "数詞"):
            return None
        if suffix == "君" and t.pos1 == "名詞" and ",副詞可能," in _tagged(name)[0][1]:
            return None  # 「あした君と」: a time word, then the pronoun
        if (len(name) >= 4 and t.pos1 == "名詞" and t.pos2 == "普通名詞"
                and not any(r[2] == "人名" for r in _single_readings(name))):
            return None  # 「けいさつくん」「おひさまちゃん」: a word of four kana or more with no name reading
    elif suffix == "君" and (any(t.pos1 in bad for t in words) or all(t.pos1 == "助詞" for t in words)
                            or (words and words[-1].pos2 == "終助詞")):
        return None  # 「でも君たちは」「ごめんね君」
    return start


def _mask_kana_nicknames(text: str) -> str:
    if not any(w in text for w in ("くん", "ちゃん", "君", "クン", "チャン")):
        return text
    found = [m for m in _KANA_NICKNAME_RE.finditer(text)]
    if not found:
        return text
    toks = _tokens(text, always=True)
    spans = []
    for m in found:
        start = _kana_nickname_start(text, m, toks)
        if start is not None:
            spans.append((start, m.end(1)))
    for start, end in reversed(spans):
        text = text[:start] + MASKS["name"] + text[end:]
    return text


# QA41: a child introducing themself in hiragana: a family and a given name, blank-separated, before です/といいます …
# after 名前は/なまえは (「ぼくの名前は いとう そうま です」), ぼくは/わたしは or a class (「…4年3組 たかはし りくです」
# 「…3年2組の さとう ゆいです」); the two words as on a signature line (``_hiragana_name_pair``, not a place), no number
# among them (「しょうがく さんねん」) nor a kindergarten's class (「ひまわり ぐみ」). After 名前は one word alone too
# (「なまえは ゆいです」), unless UniDic reads it as one word of a phrase or a common noun with no name reading
# (「名前は ひみつです」).
_NAME_WORD = "(?:お?名前|お?なまえ)"
_INTRO_TAIL = r"(?=[^\S\n]*(?:です|だよ|といいます|と言います|っていいます|って言います|と申します|ともうします|でした))"
_HIRAGANA_INTRO_RE = re.compile(
    rf"((?:(?:(?:ぼく|僕|わたし|私|おれ|俺|あたし|うち)の[^\S\n]*)?{_NAME_WORD}[^\S\n]*(?:は|[:：])"
    rf"|(?:ぼく|僕|わたし|私|おれ|俺|あたし)は|(?:組|年生|[0-9０-９]くみ|ねんせい)[^\S\n]*の?|［学校名］[^\S\n]*の?)[^\S\n]*)"
    rf"([ぁ-ゖ]{{2,6}})[ \u3000]{{1,2}}([ぁ-ゖ]{{1,6}}?){_INTRO_TAIL}")
_HIRAGANA_NAME_ALONE_RE = re.compile(rf"({_NAME_WORD}[^\S\n]*(?:は|[:：])[^\S\n]*)([ぁ-ゖ]{{2,6}}?){_INTRO_TAIL}")


_KANA_YEAR_RE = re.compile("(?:いち|に|さん|よ|よん|ご|ろく|なな|しち|はち|きゅう|く|じゅう)(?:ねん(?:せい)?|さい)")


def _hiragana_intro(m: re.Match) -> str:
    family, given = m.group(2), m.group(3)
    if (len(given) < 2 or given.endswith("ぐみ") or _KANA_YEAR_RE.fullmatch(given) or not _hiragana_name_pair(family, given)
            or _hiragana_place_name(family, given)):
        return m.group()
    if any(raw.split(",")[1] in ("数詞", "助数詞可能") or ",助数詞," in raw for _, raw in _tagged(family + given)):
        return m.group()
    return m.group(1) + MASKS["name"]


def _hiragana_name_alone(m: re.Match) -> str:
    name = m.group(2)
    words = [(w, raw.split(",")) for w, raw in _tagged(name)]
    readings = _single_readings(name)
    if len(words) == 1:
        f = words[0][1]
        if f[0] in _PHRASE_POS or (f[0] == "名詞" and f[1] != "固有名詞" and not any(r[2] == "人名" for r in readings)):
            return m.group()
    elif any(f[0] in ("動詞", "形容詞", "形状詞", "接続詞", "代名詞") for _, f in words):
        return m.group()
    return m.group(1) + MASKS["name"]


# QA50: a child after the class, the family name in kanji and the given name in any script, no blank needed
# (「ぼくは北山小学校4年2組の田中そうたです。」「3年生の山本ハルトです」): the family name must read as one to UniDic
# (姓), so 「4年2組の代表です」「3年生の担任です」 stay.
_CLASS_NAME_INTRO_RE = re.compile(
    r"((?:[0-9０-９一二三四五六][^\S\n]*年[^\S\n]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2}|[A-Za-zＡ-Ｚａ-ｚ])[^\S\n]*組"
    r"|年生)[^\S\n]*の?[^\S\n]*)"
    rf"([\u4e00-\u9fff々]{{1,3}}[^\S\n]{{0,2}}(?:[ぁ-ゖー]{{1,6}}|[ァ-ヺー]{{2,6}}|[\u4e00-\u9fff々]{{1,3}})){_INTRO_TAIL}")


def _class_name_intro(m: re.Match) -> str:
    words = _tagged(m.group(2))
    if not words or ",人名,姓," not in words[0][1]:
        return m.group()
    return m.group(1) + MASKS["name"]


# QA62: a child's given name alone in hiragana after the class (「３年２組のはるとです」「ぼくは3年2組のたなかはるとです」),
# and a child's signature line, the school and year before a hiragana name (「みなと小学校 3年 なかむら」); a word UniDic
# reads as a common one stays (「3年2組のみんなです」), as after 名前は
_CLASS_HIRAGANA_INTRO_RE = re.compile(
    r"((?:[0-9０-９一二三四五六][^\S\n]*年[^\S\n]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2}|[A-Za-zＡ-Ｚａ-ｚ])[^\S\n]*組"
    r"|年生)[^\S\n]*の?[^\S\n]*)"
    rf"([ぁ-ゖー]{{2,8}}?){_INTRO_TAIL}")
_SCHOOL_YEAR_SIGNATURE_RE = re.compile(
    r"(?m)^([^\S\n]*(?:\S*(?:小学校|中学校|義務教育学校|高等学校|高校|小|中)|［学校名］)[^\S\n]*[0-9０-９一二三四五六][^\S\n]*年(?:生)?"
    r"(?:[^\S\n]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})[^\S\n]*組)?[^\S\n]+)([ぁ-ゖー]{2,8})[^\S\n]*$")


def _signed_hiragana_name(m: re.Match) -> str:
    """A hiragana word after the school and year on a line of its own: a name unless it holds a particle or
    a predicate (「みんなで」「がんばります」), or is one common word UniDic knows no name reading of."""
    if any(raw.split(",")[0] in ("助詞", "助動詞", "動詞", "形容詞", "形状詞", "接続詞", "副詞")
           for _, raw in _tagged(m.group(2))):
        return m.group()
    return _hiragana_name_alone(m)


# QA69: a child's signature line written all in hiragana, the school, the class and the name
# (「みどりしょうがっこう 4ねん3くみ やまだ そうた」「3ねん2くみ さとう はると」): the school becomes ［学校名］
# (a class names a few dozen children) and a family and a given name, as on any signature line
# (``_hiragana_name_pair``), ［氏名］
_KANA_CLASS_SIGNATURE_RE = re.compile(
    r"(?m)(?:^|(?<=[。．！？!?]))([^\S\n]*)(?:([ぁ-ゖー\u4e00-\u9fff々]{1,12}?(?:しょうがっこう|ちゅうがっこう|しょう|ちゅう|小学校|中学校|小|中))"
    r"[^\S\n]*)?"
    r"([0-9０-９一二三四五六][^\S\n]*ねん(?:せい)?(?:[^\S\n]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})[^\S\n]*くみ)?[^\S\n]+)"
    # (family and given name with a blank between, or written as one word: 「たかはしれん」, QA70; an age after it)
    r"(?:([ぁ-ゖー]{2,6})[ \u3000]{1,2}([ぁ-ゖー]{2,6})|([ぁ-ゖー]{4,9}))"
    r"([^\S\n]*[（(][^\S\n]*[0-9０-９]{1,2}[^\S\n]*(?:さい|歳|才)[^\S\n]*[）)])?[^\S\n]*$")


_PREDICATE_POS = ("動詞", "形容詞", "形状詞", "感動詞")


def _kana_class_signature(m: re.Match) -> str:
    family, given, whole = m.group(4), m.group(5), m.group(6)
    if whole is not None:
        # one word after the class: a name when it splits into a family and a given name (「たかはしれん」), not a
        # word or phrase (「ありがとう」「がんばります」「みんなだいすき」)
        words = _tagged(whole)
        if (len(words) == 1 or any(raw.split(",")[0] == "感動詞" for _, raw in words)
                or words[-1][1].split(",")[0] in ("形状詞", "形容詞")  # 「みんなだいすき」
                or re.search("(?:ます|です|ました|ね|よ|たい|だよ)$", whole)
                or not any(_hiragana_name_pair(whole[:k], whole[k:]) and not _hiragana_place_name(whole[:k], whole[k:])
                           for k in range(2, len(whole) - 1))):
            return m.group()
    elif not (_hiragana_name_pair(family, given) and not _hiragana_place_name(family, given)):
        # under a school and a class two hiragana words are a child's name unless the second says something
        # (「みんなで がんばろう」「ずっと だいすき」); UniDic reads many names as words (おおた + に, QA70)
        if not m.group(2) or any(raw.split(",")[0] in _PREDICATE_POS for _, raw in _tagged(given)) \
                or re.search("(?:ます|です|ね|よ)$", given):
            return m.group()
    return m.group(1) + (MASKS["school"] + " " if m.group(2) else "") + m.group(3) + MASKS["name"] + (m.group(7) or "")


def _mask_hiragana_intros(text: str) -> str:
    # (a class signature in hiragana, 「4ねん3くみ やまだ そうた」, is masked before: ``_KANA_CLASS_SIGNATURE_RE``)
    if "年" in text:
        text = _CLASS_NAME_INTRO_RE.sub(_class_name_intro, text)
        text = _CLASS_HIRAGANA_INTRO_RE.sub(_hiragana_name_alone, text)
        text = _SCHOOL_YEAR_SIGNATURE_RE.sub(_signed_hiragana_name, text)
    text = _HIRAGANA_INTRO_RE.sub(_hiragana_intro, text)
    if "名前" in text or "なまえ" in text:
        text = _HIRAGANA_NAME_ALONE_RE.sub(_hiragana_name_alone, text)
    return text


# A child's family name and kana given name before ちゃん/くん/君/さん (「青木こうちゃん（2歳）」「佐藤ハルトくん」
# 「山田りくくん」): a kanji family name UniDic tags as one, then 2–5 hiragana or 2–6 katakana, whatever UniDic
# reads in them (こう is a symbol to it, ハルト a place, りく a noun), then the suffix; the age after it stays.
# QA32: 「預かっている青木こうちゃん（2歳）」 stayed whole while 「青木こうちゃんのような」 (a line's start) was
# masked. Not a word for family or people (「鈴木のおばあちゃん」「田中ママさん」「佐藤ねえちゃん」「田中のみなさん」),
# a loanword for a role (「上原ヘルパーさん」, the role rule's),
# an honorific of the family name itself (「佐藤さんのももちゃん」), an adverb (「鈴木はもうちゃんと」) or a verb.
_KANA_GIVEN_RE = re.compile("([ぁ-ゖー]{2,5}?|[ァ-ヺー]{2,6}?)(ちゃん|くん|君|さん|チャン|クン)"
                            # (not a place named so: 「はるちゃん食堂」, QA118)
                            f"(?!{_NICKNAMED_PLACE})")
_NOT_KANA_GIVEN = {"ばあ", "じい", "ばば", "じじ", "おば", "おじ", "にい", "ねえ", "あに", "あね", "かあ", "とう", "あか",
                   "おばあ", "おじい", "おにい", "おねえ", "おかあ", "おとう", "おばば", "おじじ", "おっ", "ちび",
                   "おちび", "ぼっ", "おぼっ", "みな", "みんな", "ママ", "パパ", "ババ", "ジジ", "ワン", "ニャン", "わん",
                   "にゃん", "おまわり", "おいしゃ", "おくさ", "おじょう", "おこ", "こども", "あんちゃ", "ねー", "にー",
                   "かー", "とー", "ばー", "じー", "おばー", "おじー", "おにー", "おねー", "おかー", "おとー", "おひめ",
                   "ひめ", "おうじ", "ぼく", "あたし", "わたし", "おれ", "あなた"}
_KANA_GIVEN_LEAD = "のがとはもにをやへで"
_KANA_GIVEN_BAD_POS = {"動詞", "助動詞", "形容詞", "副詞", "接続詞", "感動詞", "代名詞", "連体詞"}


def _mask_kana_given_names(text: str) -> str:
    if not any(w in text for w in ("ちゃん", "くん", "君", "さん", "チャン", "クン")):
        return text
    toks = _tokens(text)
    starts = {t.start: t for t in toks}
    spans = []
    loanwords: dict[int, bool] = {}  # a loanword common noun read as one: 「上原ヘルパーさん」「田中ママさん」
    for tok in toks:
        if tok.person != "姓" or not _KANJI_NAME_RE.fullmatch(tok.surface):
            continue
        m = _KANA_GIVEN_RE.match(text, tok.end)
        if m is not None and not loanwords:
            pos, standard = 0, text.translate(_ITAIJI)
            for surface, raw in _tagged(text):
                at = standard.find(surface, pos)
                pos = at + len(surface) if at >= 0 else pos
                fields = raw.split(",")
                loanwords[at] = len(fields) > 12 and fields[1] == "普通名詞" and fields[12] == "外"
        if m is None:
            continue
        run = m.group(1)
        if (run in _NOT_KANA_GIVEN or (run[0] in _KANA_GIVEN_LEAD and run[1:] in _NOT_KANA_GIVEN)
                or run.startswith(("さん", "くん", "ちゃん", "さま", "たち"))):
            continue
        inside = [t for t in toks if m.start(1) <= t.start < m.end(1)]
        after = starts.get(m.end(1))
        if (after is None or after.pos1 in _KANA_GIVEN_BAD_POS - {"動詞"}  # 「はると|くん」: くん read as a verb
                or any(t.pos1 in _KANA_GIVEN_BAD_POS for t in inside) or (inside and inside[-1].end > m.end(1))
                or any(loanwords.get(t.start) for t in inside)):
            continue
        spans.append((tok.start, m.end(1)))
    for start, end in reversed(spans):
        text = text[:start] + MASKS["name"] + text[end:]
    return text


# A given name right after a masked family name (a relative who shares the submitter's: 「義父の安藤 和夫が」
# -> 「義父の［氏名］ 和夫が」): kanji UniDic tags as a given name in the sentence are the rest of the name.
# A given name in hiragana (and a kanji, 「よし子」) only where it ends the name: before the line's end,
# a closing bracket or です/より/様 … (「石井 よし子」 signing the letter became 「［氏名］ よし子」, QA23);
# 「［氏名］ より」 is no name to UniDic and stays.
_MASKED_THEN_GIVEN_RE = re.compile(rf"{re.escape(MASKS['name'])}([^\S\n]{{0,2}})({_KANJI}{{1,4}}|[ァ-ヺ]{{2,3}}(?![ァ-ヺー])"
                                   rf"|{_HIRA}{{2,4}}{_KANJI}?(?=[^\S\n]*(?:\n|$|{_CLOSE}|{_NAME_TAIL})))")


def _masked_then_given(m: re.Match) -> str:
    given = m.group(2)
    context = given + m.string[m.end():m.end() + 3]
    words = _tagged(context)
    pos, inside = 0, []
    for w, raw in words:
        if pos >= len(given):
            break
        inside.append(raw)
        pos += len(w)
    if pos == len(given) and inside and all(",人名,名" in raw or (",人名,一般" in raw and _OLD_KATAKANA_GIVEN_RE.fullmatch(given))
                                            for raw in inside):
        return MASKS["name"]
    if words and _HIRA_RUN_RE.match(given) and _alone_on_line(m) and _hiragana_given_alone(given, words[0][1]):
        return MASKS["name"]  # 「［氏名］ みち代」 alone on its line: a signature, whatever UniDic reads in it
    return m.group()


# Hiragana after the masked family name that are no given name: 「［氏名］ ほか」「［氏名］ ら一同」
_NOT_GIVEN_ALONE = _NOT_GIVEN_START + ("ほか", "いちどう", "いっか", "さま", "さん", "くん", "ちゃん", "です", "でした")
_LINE_FRAME_CHARS = " \t\u3000" + _BRACKETS_OPEN + _BRACKETS_CLOSE


def _alone_on_line(m: re.Match) -> bool:
    """The match is the whole of its line but for blanks and brackets."""
    text = m.string
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    end = len(text) if end < 0 else end
    return not text[start:m.start()].strip(_LINE_FRAME_CHARS) and not text[m.end():end].strip(_LINE_FRAME_CHARS)


def _hiragana_given_alone(given: str, first_raw: str) -> bool:
    """A hiragana given name (「みち代」「しずゑ」) on a line of its own after the masked family name,
    unless it is a word after a name (ほか, たち, さん …) or a phrase (UniDic's first word an adverb,
    a verb …: 「［氏名］ よろしく」)."""
    if given.startswith(_NOT_GIVEN_ALONE) or _GIVEN_NOT_A_NAME_RE.search(given):
        return False
    return first_raw.split(",", 1)[0] not in _PHRASE_POS | {"助詞", "接尾辞"}


# A family name (with a given name) among masked items on a contact line (QA37: 「［住所］ 木村 ［電話番号］」,
# 「電話 ［電話番号］ 佐藤」, 「［電話番号］（木村）」), anywhere in the letter: the line holds nothing else but masks,
# contact labels, brackets and separators, and every word left on it is one that UniDic tags as a person name.
_CONTACT_LINE_ITEM_RE = re.compile(
    rf"(?P<mask>{'|'.join(re.escape(v) for k, v in MASKS.items() if k != 'name')})|{re.escape(MASKS['name'])}"
    rf"|(?:{'|'.join(CONTACT_LABELS + _NAME_LABEL_WORDS + _SENDER_LABEL_WORDS)}|自宅|勤務先|〒)(?:は)?"
    # (「【連絡先】…」「連絡先は…」, QA114)
    rf"|[:：()（）<>＜＞・/／,，、【】{HC}\s\u3000]+"
    rf"|(?P<word>{_KANJI}{{1,4}}?)(?:様|殿)?(?![\u4e00-\u9fff々])")


def _contact_line_name_spans(line: str) -> list[tuple[int, int]]:
    pos, words, masked = 0, [], False
    while pos < len(line):
        m = _CONTACT_LINE_ITEM_RE.match(line, pos)
        if m is None or m.end() == pos:
            return []  # anything else: a sentence, not a contact line
        masked = masked or m.group("mask") is not None
        if m.group("word"):
            words.append(m.span("word"))
        pos = m.end()
    if not masked or not words or len(words) > 2:
        return []
    if len(words) == 2 and line[words[0][1]:words[1][0]].strip(" \t\u3000"):
        return []  # two words apart: a family and a given name only side by side
    for a, b in words:
        tagged = _tagged(line[a:b])
        if not tagged or not all(",人名," in raw for _, raw in tagged):
            return []
    return [(words[0][0], words[-1][1])]


def _mask_contact_line_names(text: str) -> str:
    if "［" not in text:
        return text
    out = []
    for line in text.split("\n"):
        if "［" in line and any(v in line for k, v in MASKS.items() if k != "name"):
            # a contact written on after the last sentence is a line of its own (QA112: 「…させてください。連絡先：
            # ［住所］ 原田 ［電話番号］」 published the name)
            cut = [0] + [m.start() for m in _CONTACT_AFTER_SENTENCE_RE.finditer(line)]
            for start in reversed(cut):
                part = line[start:]
                for a, b in reversed(_contact_line_name_spans(part)):
                    part = part[:a] + MASKS["name"] + part[b:]
                line = line[:start] + part
        out.append(line)
    return "\n".join(out)


# ------------------------------------------------------------------ foreign forms (QA44)
# Personal data written the way foreign residents write it: international phone numbers, the 在留カード番号
# (two letters, eight digits, two letters), passport numbers after a label in any language, addresses in romaji
# and self-introductions in Chinese, Korean, Vietnamese, Portuguese, Spanish, Tagalog, Nepali/Hindi and English;
# chat IDs after WeChat/微信/KakaoTalk/Zalo …. Every pattern is guarded by a cheap test and has no unbounded
# nested repetition, so texts without these forms cost a few substring tests.
_FW = "0-9０-９"
# 「+86 138 1234 5678」「(+81) 90 2345 6789」「+81-90-…」「0086-138-…」: a country code then groups of digits
# separated by one blank, hyphen or dot; 8–15 digits in all (E.164), so 「+5%」「+1,000円」「+2026」 stay. After 00
# only a country code that is one (00 + 86 …) and a separator: 「0012 3456 7890」 is an individual number.
_CC00 = "(?:1|7|2[07]|3[0-469]|4[0-9]|5[1-8]|6[0-6]|8[12469]|85[2356]|880|886|9[0-58]|97[1-7])"
_INTL_PHONE_RE = re.compile(
    rf"(?<![A-Za-z0-9._%\-+＋])(?:[(（][^\S\n]?)?(?:[+＋][^\S\n]?(?=[1-9１-９])|(?<![0-9０-９])[0０][0０](?={_CC00}(?:[^\S\n]|[\-‐－])))"
    rf"[{_FW}][{_FW}()（）\-‐－.]*(?:[^\S\n][(（]?[{_FW}][{_FW}()（）\-‐－.]*){{0,6}}")
_INTL_PHONE_TRAIL = ".-‐－"
# A Chinese mobile number (11 digits from 13–19) after a phone label: 「手机号码13812345678」.
_CN_MOBILE_RE = re.compile(
    r"((?:手机号码|手機號碼|手机号|手机|手機|联系电话|聯絡電話|电话号码|电话|電話|[Pp]hone|[Mm]obile|[Cc]ell|TEL|Tel|tel)"
    r"[^\S\n]*[:：]?[^\S\n]*)(1[3-9][0-9](?:[^\S\n\-]?[0-9]{4}){2})(?![0-9])")

_CN_MOBILE_HINTS = ("手机", "手機", "电话", "電話", "联系", "聯絡", "hone", "obile", "ell", "TEL", "Tel", "tel")


def _intl_phone(m: re.Match) -> str:
    s = m.group()
    opens = s.count("(") + s.count("（")
    end = len(s)
    # a full stop, hyphen or closing bracket (one the number did not open) after the number is not part of it
    while end and (s[end - 1] in _INTL_PHONE_TRAIL
                   or s[end - 1] in ")）" and s[:end].count(")") + s[:end].count("）") > opens):
        end -= 1
    body = s[:end]
    digits = sum(c.isdigit() for c in body)
    if unicodedata.normalize("NFKC", body.lstrip("(（ \t\u3000")).startswith("00"):
        ok = 10 <= digits <= 17
    else:
        ok = 8 <= digits <= 15 and body.count(".") != 1  # 「+12.345678」 is a figure
    if not ok:
        return s
    return MASKS["phone"] + s[end:]


# 在留カード番号 (and 特別永住者証明書): two capital letters, eight digits, two capital letters, anywhere, with or
# without its label (「在留卡号码：CD87654321EF」「Thẻ cư trú: EF11223344GH」「AB12345678CD の者です」).
_RESIDENCE_CARD_RE = re.compile(
    r"(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])[A-ZＡ-Ｚ]{2}[^\S\n]?[0-9０-９]{8}[^\S\n]?[A-ZＡ-Ｚ]{2}(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])")
_EIGHT_DIGITS_RE = re.compile("[0-9０-９]{8}")
# A passport number after its label in any language (「passport TZ1234567」「Passport No. E12345678」「护照号码：E12345678」
# 「여권번호 M12345678」「số hộ chiếu B1234567」「passaporte nº FA123456」): one or two letters and 6–8 digits (a
# letter after them too: 「P1234567A」) or 7–9 digits; the label stays. 「passport office」「my passport expired in
# 2026」 have none.
_PASSPORT_LABEL = ("(?:(?<![A-Za-z])(?:[Pp]assport|PASSPORT|[Pp]assaporte|[Pp]asaporte|[Pp]asseport|[Pp]aspor|[Hh]ộ chiếu|"
                   "[Hh]o chieu)|旅券|パスポート|护照|護照|여권|राहदानी|पासपोर्ट)")
_PASSPORT_RE = re.compile(
    rf"({_PASSPORT_LABEL}(?:[^\S\n]*(?:[Nn]o\.?|NO\.?|[Nn]umber|[Nn]um\.?|#|№|[Nn][º°]\.?|número|numero|번호|号码|號碼|"
    rf"号|號|番号|の番号|số|nombor|नम्बर|नंबर))?[^\S\n]*(?:[:：#]|は|는|:)?[^\S\n]*)"
    r"([A-Z]{1,2}[^\S\n]?[0-9]{6,8}[A-Z]?|[0-9]{7,9})(?![A-Za-z0-9])")
# substrings that any label holds: a few ``in`` tests cost less than one search with look-behinds
_PASSPORT_HINTS = ("assport", "ASSPORT", "asaporte", "assaporte", "asseport", "aspor", "chiếu", "chieu", "旅券", "パスポート",
                   "护照", "護照", "여권", "राहदानी", "पासपोर्ट")


def _mask_foreign_ids(text: str) -> str:
    if _EIGHT_DIGITS_RE.search(text):
        text = _RESIDENCE_CARD_RE.sub(MASKS["id"], text)
    if any(w in text for w in _PASSPORT_HINTS):
        text = _PASSPORT_RE.sub(lambda m: m.group(1) + MASKS["id"], text)
    return text


def _mask_intl_phones(text: str) -> str:
    if "+" in text or "＋" in text or "00" in text or "００" in text:
        text = _INTL_PHONE_RE.sub(_intl_phone, text)
    if any(w in text for w in _CN_MOBILE_HINTS):
        text = _CN_MOBILE_RE.sub(lambda m: m.group(1) + MASKS["phone"], text)
    return text


# Addresses in romaji: a block number (「2-3-4」, 「8-9-10」) before a place name ending -cho/-machi/-chome/-ku/-shi/
# -gun/-mura (「2-3-4 Minato-cho」「5-6-7 Higashi-machi, Sakura-shi」), a room before it and the city or ward
# after it go too (「Room 203, 2-3-4 Minato-cho, Sakura City」); the other order (「Sakura-shi, Minato-cho 2-3-4」);
# and whatever holds a number after an address label (address:, 주소:, địa chỉ:, endereço:, 住址：). A date
# (「2026-10-01」) is no block number, 「2-3 times」 has no place after it.
_ROMAJI_LOWER = "a-zāēīōūâêîôû"
_ROMAJI_SUFFIX = "(?:chōme|chome|chou|chō|cho|machi|mura|gun|ku|shi|son)"
_ROMAJI_PLACE = rf"[A-Z][{_ROMAJI_LOWER}]{{1,20}}(?:[ \-][A-Z][{_ROMAJI_LOWER}]{{1,20}})?-{_ROMAJI_SUFFIX}(?![A-Za-z])"
_ROMAJI_CITY = rf"[A-Z][{_ROMAJI_LOWER}]{{1,20}}[^\S\n]+(?:City|Ward|Town|Village|Prefecture|Pref\.|Shi|Ku)(?![A-Za-z])"
_ROMAJI_ANY = f"(?:{_ROMAJI_PLACE}|{_ROMAJI_CITY})"
_ROMAJI_BLOCK = (rf"(?<![0-9\-‐－])(?!(?:19|20)[0-9]{{2}}[\-‐－][0-9]{{1,2}}[\-‐－][0-9]{{1,2}}(?![0-9]))"
                 rf"[0-9]{{1,4}}(?:[\-‐－][0-9]{{1,4}}){{1,3}}(?![0-9\-‐－])")
_ROMAJI_CHOME = rf"[0-9]{{1,2}}[\-‐－]?[Cc]h[oō]u?me(?![A-Za-z])"
_ROMAJI_ADDRESS_RE = re.compile(
    rf"(?:(?<![A-Za-z])(?:Room|Rm\.?|Apt\.?|Apartment|Unit|#)[^\S\n]?[A-Z]?[0-9]{{1,5}}[,，]?[^\S\n]*)?"
    rf"(?:{_ROMAJI_BLOCK}|{_ROMAJI_CHOME}[,，]?[^\S\n]*[0-9]{{1,4}}(?:[\-‐－][0-9]{{1,4}}){{0,2}})[,，]?[^\S\n]+{_ROMAJI_PLACE}"
    rf"(?:[,，]?[^\S\n]+{_ROMAJI_ANY}){{0,3}}"
    rf"|(?:{_ROMAJI_ANY}[,，]?[^\S\n]+){{0,3}}{_ROMAJI_PLACE}[,，]?[^\S\n]*(?:{_ROMAJI_CHOME}[,，]?[^\S\n]*)?{_ROMAJI_BLOCK}")
_ROMAJI_HINT_RE = re.compile(rf"[a-z]-{_ROMAJI_SUFFIX}(?![A-Za-z])")
_ADDRESS_LABEL_VALUE_RE = re.compile(
    r"((?<![A-Za-z\-])(?:[Hh]ome[^\S\n]+address|[Aa]ddress|ADDRESS|주소|[Đđ]ịa chỉ|[Ee]ndereço|[Mm]orada|[Dd]irección|[Dd]ireccion|"
    r"[Tt]irahan|[Aa]lamat|住址|地址|ठेगाना)[^\S\n]*[:：][^\S\n]*)"
    r"([^\n。；;]{1,80}?)(?=[.．。](?:[^\S\n]|$)|[;；\n]|$)")
_ADDRESS_LABEL_HINT_RE = re.compile(r"(?:ddress|DDRESS|주소|ịa chỉ|ndereço|orada|irecci|irahan|lamat|住址|地址|ठेगाना)[^\S\n]*[:：]")


# a house or block number, not a floor or an ordinal (「city hall, 1st floor」)
_ADDRESS_NUMBER_RE = re.compile(r"(?<![0-9０-９])[0-9０-９]+(?![0-9０-９]|[^\S\n]*(?:st|nd|rd|th|[Ff]loor|[FＦ]\b|階))")


def _address_label_value(m: re.Match) -> str:
    value = m.group(2)
    if not _ADDRESS_NUMBER_RE.search(value) or value.strip() == MASKS["address"]:
        return m.group()
    return m.group(1) + MASKS["address"]


def _mask_romaji_addresses(text: str) -> str:
    if "-" in text and _ROMAJI_HINT_RE.search(text):
        text = _ROMAJI_ADDRESS_RE.sub(MASKS["address"], text)
    if (":" in text or "：" in text) and _ADDRESS_LABEL_HINT_RE.search(text):
        text = _ADDRESS_LABEL_VALUE_RE.sub(_address_label_value, text)
    return text


# Chat IDs after WeChat/微信/KakaoTalk/카카오톡/Zalo/WhatsApp/Viber/QQ (「微信号 wangxm_88」「WeChat: wang.xm」「카카오톡
# 아이디: minsu88」): after a colon or a word for an ID any ID, after a blank alone one with a digit, _ or .
# (「WeChat pay」「Zalo group」 stay); a number there is a phone and is masked as one before.
_CHAT_NAMES = (r"(?<![A-Za-z])(?:WeChat|Wechat|wechat|WECHAT|KakaoTalk|Kakaotalk|Kakao|kakao|Zalo|zalo|ZALO|WhatsApp|"
               r"Whatsapp|Viber|viber|QQ|Skype|skype|Telegram|Messenger)|微信|카카오톡|카톡|위챗")
_CHAT_ID_WORD = r"(?:[^\S\n]*(?:ID|ＩＤ|Id|id|아이디|号|號|账号|帳號|番号|No\.?))"
_CHAT_ID_RE = re.compile(
    rf"((?:{_CHAT_NAMES})(?P<word>{_CHAT_ID_WORD})?(?P<sep>[^\S\n]*[:：][^\S\n]*|[^\S\n]+|(?<=[DＤ号號])[^\S\n]*(?:は|는)?[^\S\n]*)[@＠]?)"
    r"(?P<id>(?=[A-Za-z0-9_.\-]*[A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9_.\-]{2,29})(?![A-Za-z0-9_.\-@＠])")
_CHAT_HINTS = ("WeChat", "Wechat", "wechat", "WECHAT", "akao", "alo", "ALO", "WhatsApp", "Whatsapp", "iber", "QQ", "kype",
               "Telegram", "Messenger", "微信", "카카오톡", "카톡", "위챗")


def _chat_id(m: re.Match) -> str:
    ident = m.group("id").rstrip(".-")
    labelled = m.group("word") or ":" in m.group("sep") or "：" in m.group("sep")
    if not labelled and not re.search("[0-9_.]", ident):
        return m.group()
    if not re.search("[0-9]", ident) and ident.lower() in _ENGLISH_WORDS | {"pay", "group", "please", "only"}:
        return m.group()
    return m.group(1) + MASKS["sns"] + m.group("id")[len(ident):]


def _mask_chat_ids(text: str) -> str:
    if any(w in text for w in _CHAT_HINTS):
        text = _CHAT_ID_RE.sub(_chat_id, text)
    return text


# Self-introductions in other languages. Latin-script names: capitalised words (Vietnamese and Portuguese letters
# too), a lowercase particle between them (da, de, dos, van …); the name ends at the first word that is not
# capitalised (「My name is Nguyen Van An and …」).
_LAT_L = "A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ"
_LAT_NAME = (rf"[{_LAT_L}][{_LAT_L}'’\-]{{0,20}}(?:[^\S\n]+(?:(?:da|de|do|dos|das|del|della|di|van|von|bin|binti|y)[^\S\n]+)?"
             rf"[{_LAT_L}][{_LAT_L}'’\-]{{0,20}}){{0,4}}")
_LATIN_INTROS = ("[Mm]y[^\\S\\n]+name[^\\S\\n]+is", "[Tt]ôi[^\\S\\n]+tên[^\\S\\n]+là", "[Tt]ên[^\\S\\n]+(?:của[^\\S\\n]+)?tôi[^\\S\\n]+là",
                 "[Mm]eu[^\\S\\n]+nome[^\\S\\n]+é", "[Mm]e[^\\S\\n]+chamo", "[Cc]hamo-me", "[Mm]e[^\\S\\n]+llamo",
                 "[Mm]i[^\\S\\n]+nombre[^\\S\\n]+es", "[Aa]ko[^\\S\\n]+(?:po[^\\S\\n]+)?(?:ay[^\\S\\n]+)?si",
                 "[Aa]ng[^\\S\\n]+pangalan[^\\S\\n]+ko[^\\S\\n]+(?:po[^\\S\\n]+)?ay", "[Nn]ama[^\\S\\n]+saya",
                 "[Jj]e[^\\S\\n]+m['’]appelle", "[Mm]on[^\\S\\n]+nom[^\\S\\n]+est")
_LATIN_INTRO_RE = re.compile(rf"(?<![A-Za-z])((?:{'|'.join(_LATIN_INTROS)})[^\S\n]+)({_LAT_NAME})")
_LATIN_INTRO_HINTS = ("name is", "tên", "Tên", "nome é", "chamo", "llamo", "nombre es", "ko si", "ko po", "ko ay", "pangalan",
                      "ama saya", "appelle", "nom est")
_NAME_PARTICLES = {"da", "de", "do", "dos", "das", "del", "della", "di", "van", "von", "bin", "binti", "y"}


def _latin_intro(m: re.Match) -> str:
    name = m.group(2)
    words = [(w.start(), w.end(), w.group()) for w in re.finditer(r"\S+", name)]
    end = 0
    for start, stop, word in words:
        if word in _NAME_PARTICLES:
            continue
        if not word[0].isupper() or word.lower() in _NOT_LATIN_NAME:
            break
        end = stop
    if not end or words[0][2].lower() in _ENGLISH_WORDS:
        return m.group()
    return m.group(1) + MASKS["name"] + name[end:]


# Chinese: after 我叫/我的名字是/我名叫 two to four Han characters before punctuation, a blank, the end or 来自/在/住;
# after 我是 only a name with a common Chinese family name first, not a noun for a person (「我是中国人」「我是学生」
# 「我是留学生」「我是一名…」「我是韩国人」 stay).
_CN_SURNAMES = set(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林高罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于"
    "蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍"
    "史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯"
    "岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管"
    "柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連麦麥褚娄婁窦竇戚岑景宫宮费費卜冷"
    "晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏佘池查麻苑迟遲邝鄺黃")
_CN_PERSON_NOUN_END = set("人生者员員师師工民家妈媽爸亲親儿兒女子友长長士")
_CN_AFTER = r"(?=[，,。．.！!？?、；;：:（(\s]|$|来自|來自|从|從|在|住|今年|，)"
_CN_INTRO_RE = re.compile(rf"(我叫|我名叫|我的名字(?:是|叫)|我是)([\u4e00-\u9fff]{{2,4}}?){_CN_AFTER}")


def _cn_intro(m: re.Match) -> str:
    intro, name = m.group(1), m.group(2)
    if intro == "我是" and (name[0] not in _CN_SURNAMES or name[-1] in _CN_PERSON_NOUN_END or "国" in name
                            or "國" in name):
        return m.group()
    return intro + MASKS["name"]


# Korean: after 제 이름은 a name before 입니다/이에요/예요/이고/라고 …; after 저는 only three syllables (four with a
# two-syllable family name) starting with a common family name, not a noun for a person (「저는 학생입니다」
# 「저는 유학생입니다」「저는 한국인입니다」 stay).
_KO_SURNAMES = set("김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변"
                   "염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉")
_KO_COMPOUND = ("남궁", "황보", "제갈", "선우", "독고", "사공", "서문")
_KO_NOUNS = {"유학생", "대학생", "고등학생", "중학생", "초등학생", "회사원", "연구원", "공무원", "외국인", "한국인", "중국인", "일본인",
             "미국인", "이주민", "귀화인", "실습생", "연수생", "노동자", "근로자", "간호사", "주부", "선생님", "어머니", "아버지",
             "엄마", "아빠", "대표", "직원", "사장", "학부모"}
_KO_NOUN_END = ("국인", "학생", "사원", "무원", "구원", "호사", "습생", "수생", "동자", "로자", "모님", "머니", "버지")
_KO_TAIL = r"(?=[^\S\n]*(?:입니다|이에요|예요|이고|이며|이라고|라고|입니당|[.,!?。、]|$))"
_KO_INTRO_RE = re.compile(rf"(제[^\S\n]*이름은[^\S\n]*|저는[^\S\n]+|나는[^\S\n]+)([가-힣]{{2,5}}?){_KO_TAIL}")


def _ko_intro(m: re.Match) -> str:
    intro, name = m.group(1), m.group(2)
    if not intro.startswith("제"):
        compound = name[:2] in _KO_COMPOUND
        if (len(name) != (4 if compound else 3) or not (compound or name[0] in _KO_SURNAMES)
                or name in _KO_NOUNS or name.endswith(_KO_NOUN_END)):
            return m.group()
    elif name in _KO_NOUNS:
        return m.group()
    return intro + MASKS["name"]


# Nepali / Hindi: 「मेरो नाम राम हो」「मेरा नाम … है」: the words between the intro and हो/है.
_DEV = "[\u0900-\u0963\u0966-\u097F]"
_DEV_INTRO_RE = re.compile(rf"((?:मेरो|मेरा)[^\S\n]+नाम[^\S\n]+)({_DEV}+(?:[^\S\n]+{_DEV}+){{0,3}}?)(?=[^\S\n]+(?:हो|है)(?!{_DEV}))")


def _mask_foreign_intros(text: str) -> str:
    if any(w in text for w in _LATIN_INTRO_HINTS):
        text = _LATIN_INTRO_RE.sub(_latin_intro, text)
    if "我" in text:
        text = _CN_INTRO_RE.sub(_cn_intro, text)
    if "이름은" in text or "저는" in text or "나는" in text:
        text = _KO_INTRO_RE.sub(_ko_intro, text)
    if "नाम" in text:
        text = _DEV_INTRO_RE.sub(lambda m: m.group(1) + MASKS["name"], text)
    return text


# A signature line in Latin letters with Vietnamese (or other accented) letters, three to five words too
# (「Nguyễn Văn Hùng」「Võ Thị Lan Anh」, above 「SĐT: ［電話番号］」 or ending the letter), and a Korean name
# signing with 드림/올림 (「박지영 드림」): the existing Latin signature rule takes two words without Vietnamese letters.
_SIGN_WORD = f"[{_LAT_L}][{_LAT_L}'’\\-]{{0,20}}"
_LATIN_SIGNATURE_LINE_RE = re.compile(rf"[^\S\n]*({_SIGN_WORD}(?:[^\S\n]+{_SIGN_WORD}){{1,4}})[^\S\n]*[.,]?[^\S\n]*")
_VIET_MIDDLE = {"văn", "thị", "van", "thi", "đức", "hữu", "công", "quang"}
_KO_SIGN_RE = re.compile(r"^([^\S\n]*)([가-힣]{2,4})([^\S\n]*(?:드림|올림|배상)[.。]?[^\S\n]*)$", re.MULTILINE)
_MASK_TOKEN_RE = re.compile("|".join(re.escape(v) for v in MASKS.values()))


def _latin_signature_name(line: str) -> tuple[int, int] | None:
    m = _LATIN_SIGNATURE_LINE_RE.fullmatch(line)
    if m is None:
        return None
    words = m.group(1).split()
    if any(not w[0].isupper() or w.lower() in _ENGLISH_WORDS or w.lower() in _NOT_LATIN_NAME for w in words):
        return None
    if not (any(not w.isascii() for w in words) or any(w.lower() in _VIET_MIDDLE for w in words)):
        return None
    return m.span(1)


def _mask_foreign_signatures(text: str) -> str:
    if ("드림" in text or "올림" in text or "배상" in text) and _KO_SIGN_RE.search(text):
        text = _KO_SIGN_RE.sub(lambda m: m.group(1) + MASKS["name"] + m.group(3)
                               if m.group(2)[0] in _KO_SURNAMES and len(m.group(2)) >= 3 else m.group(), text)
    if "\n" not in text:
        return text
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(filled):
        if k == 0:
            continue  # a letter's first line is its greeting or heading
        last = k == len(filled) - 1
        if not last and not _MASK_TOKEN_RE.search(lines[filled[k + 1]]):
            continue
        span = _latin_signature_name(lines[i])
        if span is not None:
            lines[i] = lines[i][:span[0]] + MASKS["name"] + lines[i][span[1]:]
    return "\n".join(lines)


# QA47 (long narrative letters): a katakana given name after a relative's word and the family name, whatever
# UniDic makes of it (「母の長谷川ウメ（93歳）」: ウメ, マツ, カメ are common nouns to it, トメ and ハナ names),
# with 子 when it ends the name (「妻の前田ミツ子は」 -> 「妻の［氏名］は」). The family name must be one UniDic tags
# as such (or the submitter's, masked already), the katakana 2–4 characters before an age in brackets or a
# particle; a care word after the family name (「母の田中ヘルパーさん」, ``_NOT_KATAKANA_GIVEN``) is no name.
_RELATIVE_WORDS = ("曾祖母", "曽祖母", "曾祖父", "曽祖父", "祖母", "祖父", "義母", "義父", "実母", "実父", "養母", "養父", "母親",
                   "父親", "伯母", "叔母", "伯父", "叔父", "義姉", "義妹", "義兄", "義弟", "母", "父", "妻", "夫", "姉", "妹",
                   "兄", "弟", "娘", "息子", "長男", "長女", "次男", "次女", "三男", "三女", "孫", "主人", "嫁", "姑", "舅",
                   "家内", "おば", "おじ")
_RELATIVE_KATAKANA_RE = re.compile(
    rf"(?<![\u4e00-\u9fff々])((?:{'|'.join(_RELATIVE_WORDS)})(?:の|、|・|[^\S\n])[^\S\n]?)"
    rf"({re.escape(MASKS['name'])}|{_KANJI}{{1,4}})[^\S\n]?([ァ-ヺ][ァ-ヺー]{{1,3}}子?)(?![ァ-ヺー])"
    rf"(?=[（(][^\S\n]*[0-9０-９]{{1,3}}[^\S\n]*歳|は|が|の|さん|さま|様|と|を|も|に|へ|、|。|）|\)|$)")
_NOT_KATAKANA_GIVEN = {"ヘルパー", "ケア", "ケアマネ", "ホーム", "クリニック", "センター", "ハウス", "ドクター", "ナース", "サン",
                       "チャン", "クン", "ママ", "パパ", "グループ", "ファミリー", "サロン", "カフェ", "ストア", "ビル"}


def _relative_katakana(m: re.Match) -> str:
    family, given = m.group(2), m.group(3)
    if given in _NOT_KATAKANA_GIVEN or given.rstrip("子") in _NOT_KATAKANA_GIVEN:
        return m.group()
    if family != MASKS["name"]:
        head = m.group(1)
        pos = 0
        for w, raw in _tagged(head + family):
            if pos == len(head):
                if w != family or ",人名,姓" not in raw:
                    return m.group()
                break
            pos += len(w)
        else:
            return m.group()
    return m.group(1) + MASKS["name"]


# QA47: a name masked once in a text is masked where its parts recur as words in that text (「次男・高橋翔
# （34歳）…。翔は平日は…」 -> 「次男・［氏名］…。［氏名］は平日は…」, 「長男の健太が…健太がどうなるのか」). The parts are the
# family and given name UniDic finds in what was masked (or the masked word whole when it is one word: a child's
# name after a kinship word); a recurrence counts only as a word of its own: not after or before a character of
# its script (「翔」 in 「飛翔」, 「健太」 in 「健太郎」) and, for a part of one or two characters or in hiragana, only
# before a particle, 、, 。 or a bracket (「翔は」「翔が」「翔（」).
_RECUR_PARTICLE = r"(?:さん|ちゃん|くん|君|は|が|の|も|に|を|と|へ|で|や|から|まで|より|、|，|。|．|[（(）)」』])"


def _script_class(c: str) -> str:
    if "\u4e00" <= c <= "\u9fff" or c in "々〆ヶ":
        return "k"
    if "ぁ" <= c <= "ゖ":
        return "h"
    if "ァ" <= c <= "ヺ" or c == "ー":
        return "t"
    return ""


def _masked_spans(original: str, masked: str) -> list[tuple[str, str]] | None:
    """(mask, original text) of each mask in ``masked``, found by laying the text between the masks over
    ``original``; None when they do not lie over it (two masks side by side: which took what is unknown)."""
    pieces = _MASK_TOKEN_RE.split(masked)
    tokens = _MASK_TOKEN_RE.findall(masked)
    if not original.startswith(pieces[0]):
        return None
    pos, out = len(pieces[0]), []
    for k, token in enumerate(tokens):
        literal = pieces[k + 1]
        if not literal and k + 1 < len(tokens):
            return None
        if k + 1 == len(tokens):
            end = len(original) - len(literal)
            if end <= pos or not original.endswith(literal):
                return None
        else:
            end = original.find(literal, pos + 1)
            if end < 0:
                return None
        out.append((token, original[pos:end]))
        pos = end + len(literal)
    return out


def _name_parts_of(name: str) -> list[str]:
    """The family and given name in a masked name (「高橋翔」 -> 高橋, 翔; 「健太」 -> 健太); a family name of one
    kanji (森, 林) is left out."""
    name = re.sub(r"\s+", "", name).strip("（）()「」")
    if not name or len(name) > 12 or not all(_script_class(c) for c in name):
        return []
    toks = _tokens(name, always=True)
    if len(toks) >= 2 and toks[0].person == "姓" and toks[0].end < len(name):
        family, given = toks[0].surface, name[toks[0].end:]
        return [family, given] if len(family) > 1 else [given]
    if len(name) == 1 and len(toks) == 1 and toks[0].person == "姓":
        return []  # a one-kanji family name is too often a word as well: 森, 林, 原, 東
    return [name]


# QA50: the 氏名・団体名 cell of a group's or a child's letter names a group and a person: 「東小学校保護者有志（代表
# 小川 由美）」「田中 そうた（保護者 田中 恵子）」「南台地区自治会連合会　会長　原島 昇」. Read as one name it was cut
# on its blanks, and 「小川 由美」 in the letter was masked 「［氏名］ 由美」; the group itself (「北山町内会」) was
# masked as a person in its own text (「［氏名］として意見を申し上げます」).
_GROUP_WORDS_RE = re.compile(
    r"町内会|自治会|連合会|協議会|PTA|ＰＴＡ|有志|の会|組合|協会|法人|株式会社|有限会社|合同会社|[㈱㈲]|[（(][株有][）)]|"
    r"委員会|後援会|保護者会|育成会|子ども会|老人会|婦人会|団体|一同|事務所|事務局|学校|クラブ|センター|商店|研究会|連絡会")
_CELL_ROLE = "|".join(sorted(set(_TITLE_WORDS) | {"保護者", "代筆", "記入者", "連絡先", "担当", "担当者", "副会長"}, key=len,
                             reverse=True))
_CELL_ROLE_NAME_RE = re.compile(
    rf"(?:^|[（(【\[［]|[^\S\n])[^\S\n]*(?:{_CELL_ROLE})[^\S\n]*[:：]?[^\S\n]*"
    rf"(?P<name>[^\s（()）【】\[\]［］:：、，,]{{1,8}}(?:[^\S\n]{{1,2}}[^\s（()）【】\[\]［］:：、，,]{{1,8}})?)[^\S\n]*(?:[）)】\]］]|$)")


def submitter_person_names(cell: str) -> list[str]:
    """The people's names in a 氏名・団体名 cell: a name after a role (代表, 会長, 保護者 …) in brackets or after a
    blank is one name (「東小学校保護者有志（代表 小川 由美）」 -> 「小川 由美」); what is left is a name too unless it
    names a group (町内会, 自治会, PTA, 有志, …の会, 連合会, 株式会社 …: no person's name, QA50). A plain cell
    (「山田 太郎」) is itself."""
    cell = (cell or "").strip()
    found = [m.group("name") for m in _CELL_ROLE_NAME_RE.finditer(cell)]
    if not found:  # 「山田 太郎（北小学校）」: the group in brackets is the person's, the person still a name
        outside = re.sub(r"[（(][^（()）]*[）)]", " ", cell).strip(" \u3000")
        if not outside or _GROUP_WORDS_RE.search(outside):
            return []
        return [cell] if outside == cell else [cell, outside]
    rest = _CELL_ROLE_NAME_RE.sub(" ", cell).strip(" \u3000")
    rest = re.sub(r"[（(][^（()）]*[）)]", " ", rest).strip(" \u3000")  # a bracket left holds no role's name
    if rest and not _GROUP_WORDS_RE.search(rest):
        found.insert(0, rest)
    return [n for n in found if n]


def masked_name_parts(original: str, masked: str) -> list[str]:
    """The names (family and given name apart) that masking ``original`` into ``masked`` hid, to mask where
    they recur (in this text, or given to ``mask_personal_data(..., recurring=…)`` for another text of the same
    submission)."""
    if MASKS["name"] not in masked:
        return []
    spans = _masked_spans(original, masked)
    if not spans:
        return []
    parts: list[str] = []
    for token, hidden in spans:
        if token == MASKS["name"]:
            parts += [p for p in _name_parts_of(hidden) if p not in parts]
    return parts


def _mask_recurring(text: str, parts: Iterable[str]) -> str:
    parts = sorted({p for p in parts if p and p not in _RECUR_STOP}, key=len, reverse=True)
    if not parts:
        return text
    out = []
    for k, piece in enumerate(_MASK_TOKEN_SPLIT_RE.split(text)):
        if k % 2 == 0 and piece:
            piece = _recur_pattern(tuple(parts)).sub(_recur_one, piece)
        out.append(piece)
    return "".join(out)


# Words that never stand for a person however they were masked (a masked 「母」 would be a mistake elsewhere).
_RECUR_STOP = set(_KIN_READINGS) | set(_RELATIVE_WORDS) | {"私", "僕", "自分", "本人", "家族"}


@lru_cache(maxsize=1 << 10)
def _recur_pattern(parts: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(p) for p in parts))


def _recur_one(m: re.Match) -> str:
    part, s = m.group(), m.string
    cls = _script_class(part[0])
    before = s[m.start() - 1] if m.start() else ""
    after = s[m.end()] if m.end() < len(s) else ""
    if before and _script_class(before) == _script_class(part[0]) and _script_class(part[0]):
        return part
    if cls == "k" and _script_class(part[-1]) == "k" and after and _script_class(after) == "k":
        return part
    if cls == "t" and after and _script_class(after) == "t":
        return part
    if (len(part) <= 2 or cls == "h") and not _RECUR_AFTER_RE.match(s, m.end()):
        return part
    if cls == "k":  # a family name that is a place too, read as the place here: 「千葉の施設」「上野の公園」
        words = _tagged(s[m.start():m.end() + 4])
        if words and words[0][0] == part and ",地名," in words[0][1]:
            return part
    return MASKS["name"]


_RECUR_AFTER_RE = re.compile(_RECUR_PARTICLE)
# ... and a given name that starts a sentence as its subject or topic (「翔は平日は…」「健太が…」): a report shows an
# opinion from its request on, without the sentence that named the person whole (「次男・高橋翔（34歳）と…」). Kanji
# only, one word that UniDic tags as a given name (人名,名) in the sentence, before は/が/も/には/とは and not before
# another noun (「大和は」 as a place is tagged a name too: privacy first).
_TOPIC_GIVEN_RE = re.compile(r"(?:^|(?<=[。．！？!?\n「『]))[^\S\n]*([\u4e00-\u9fff々]{1,4})(?=は|が|も|には|とは)")


def _mask_topic_given_names(text: str) -> str:
    if not _TOPIC_GIVEN_RE.search(text):
        return text

    def one(m: re.Match) -> str:
        word = m.group(1)
        sentence = text[m.start(1):m.end(1) + 8]
        toks = _tokens(sentence, always=True)
        if not toks or toks[0].surface != word or toks[0].person != "名":
            return m.group()
        return m.group()[:m.start(1) - m.start()] + MASKS["name"]

    return _TOPIC_GIVEN_RE.sub(one, text)


_MASK_TOKEN_SPLIT_RE = re.compile("(" + "|".join(re.escape(v) for v in MASKS.values()) + ")")


def mask_personal_data(text: str, names: Iterable[str] = (), person_names: bool = True,
                       recurring: Iterable[str] = ()) -> str:
    """Replace personal data with labels such as ［電話番号］; ``names`` are known submitters.

    ``person_names`` also masks the names UniDic tags as person names (signatures,
    self-introductions, 姓+名 anywhere); see the module docstring. A name masked in the text is
    masked where its family or given name recurs as a word (QA47); ``recurring``: more such parts,
    those masked in the rest of the same submission (``masked_name_parts``)."""
    if not text:
        return text
    original = text
    text = _BIRTH_RE.sub(lambda m: m.group(1) + MASKS["birth"], text)
    text = _BORN_DATE_RE.sub(MASKS["birth"], text)
    text = _SNS_PROFILE_RE.sub(_sns_profile, text)
    text = _URL_RE.sub(lambda m: MASKS["url"] if _PERSONAL_URL_RE.search(m.group()) else m.group(), text)
    text = _mask_foreign_ids(text)  # before the labels: 「在留カード番号：GH99887766IJ」 whole
    text = _ID_NUMBER_RE.sub(_id_number, text)
    text = _YUCHO_RE.sub(lambda m: m.group(1) + MASKS["account"] + m.group(2) + MASKS["account"], text)
    # (a hyphened number only after 口座 or 預金: 「料金は普通 1500-2000 ぐらい」 is a range, QA119)
    text = _ACCOUNT_RE.sub(lambda m: m.group() if re.search(f"[{HC}]", m.group(2)) and not re.search("口座|預金", m.group(1))
                           else m.group(1) + MASKS["account"], text)
    text = _LINE_LINK_RE.sub(MASKS["sns"], text)
    if "blog" in text or "ameblo" in text:
        text = _BLOG_RE.sub(lambda m: MASKS["sns"] if m.group(1) or "hatenablog" in m.group() else m.group(), text)
    if "@" in text or "＠" in text:
        text = _SPACED_EMAIL_RE.sub(_spaced_email, text)
    text = _mask_intl_phones(text)
    text = _mask_ocr_phones(text)
    for kind, rx in _PATTERNS:
        text = rx.sub(_REPLACE[kind] if kind in _REPLACE else MASKS[kind], text)
    text = _mask_romaji_addresses(text)
    text = _mask_chat_ids(text)
    text = _FACILITY_ROOM_RE.sub(lambda m: m.group(1) + MASKS["address"], text)
    text = _AFTER_POSTAL_RE.sub(lambda m: m.group(1) + MASKS["address"], text)
    text = _SNS_LABELLED_ID_RE.sub(lambda m: m.group(1) + MASKS["sns"], text)
    text = _SNS_BLANK_ID_RE.sub(lambda m: m.group(1) + MASKS["sns"], text)
    text = _mask_loose_identifiers(text)
    if any(w in text for w in ("ID", "ＩＤ", "Id", "id", "アイディー", "アカウント", "ユーザー名")):
        text = _LATER_ID_RE.sub(_later_id, text)
    text = _LABEL_NAME_RE.sub(_mask_labelled_name, text)
    text = _BLANK_LABEL_NAME_RE.sub(_blank_labelled_name, text)
    text = _KIN_NAME_RE.sub(_kin_name, text)
    # 「娘（エミリー・スミス）」: the family name after the given one goes too (QA70: 「娘（［氏名］・スミス）」)
    text = _KIN_FULL_NAME_TAIL_RE.sub(lambda m: m.group(1) + m.group(2), text)
    # every whole name first, then the parts alone: 「高橋 和子」's family name must not take the
    # 高橋 of another submitter's 「高橋 一郎」 before that name is masked whole
    known = [_submitter_patterns(n) for n in sorted(_names_in(text, names), key=len, reverse=True)]
    for whole, _, _ in known:
        text = _sub_submitter_name(whole, text)
    for _, family, alone in known:
        if family is not None:
            text = _sub_submitter_name(family, text)
        for part in alone:
            text = _sub_submitter_name(part, text)
    if known:  # a relative's given name after the family name the submitter shares: 「義父の［氏名］ 和夫が」
        text = _MASKED_THEN_GIVEN_RE.sub(_masked_then_given, text)
    if person_names:  # after the submitters' names: 「子ども ［氏名］ ゆい のために」
        text = _RELATIVE_KATAKANA_RE.sub(_relative_katakana, text)  # 「母の長谷川ウメ（93歳）」
        # a relative's name with its reading in brackets: 「息子の大翔（はると）」 (QA81: published whole)
        text = _KIN_NAME_READING_RE.sub(_kin_name_reading, text)
        text = _KIN_FREE_RE.sub(_kin_free_name, text)
        # an English name after Mr./Ms. (QA113; not 「Mr. Donut」「Mr.Children」, QA119)
        text = _ENGLISH_HONORIFIC_RE.sub(lambda m: m.group(1) + MASKS["name"], text)
        # a child named before an age or school year in brackets, right after the kinship word or with none
        # (「息子ケンジ（小2）が」「りお（3さい）は」「大翔（小1）と結菜（年長）」, QA72)
        if "ねん" in text:  # (a class signature's family and given name first: 「3ねん2くみ さとう はると（10さい）」)
            text = _KANA_CLASS_SIGNATURE_RE.sub(_kana_class_signature, text)
        text = _NAME_BEFORE_AGE_RE.sub(_name_before_age, text)
    # the school beside a masked child's year tells who the child is: 「長男の［氏名］（東小3年）」
    text = _NAMED_CHILD_SCHOOL_RE.sub(lambda m: m.group(1) + MASKS["school"], text)
    # a school and its class as 「東中2-3」, and a nursery's class with the child after it (「ひかり保育園のぞう組の
    # みくが」): a class names a few dozen children (QA72)
    text = _SCHOOL_DASH_CLASS_RE.sub(MASKS["school"], text)
    text = _NURSERY_CLASS_CHILD_RE.sub(_nursery_class_child, text)
    if person_names:
        text = _mask_foreign_intros(text)
        # the child's kana given name whole before UniDic's shorter one: 「田中はるとくん」 (はる + と)
        text = _mask_kana_given_names(text)
        text = _mask_hiragana_intros(text)
        text = _mask_person_names(text)
        text = _TITLE_NAME_RE.sub(_titled_name, text)
        text = _PROFESSION_INTRO_RE.sub(_profession_intro, text)
        text = _mask_staff_names(text)
        text = _mask_final_name_forms(text)
        text = _mask_contact_line_names(text)
        text = _mask_foreign_signatures(text)
    text = _KANA_SCHOOL_CLASS_RE.sub(_kana_school_class, text)
    text = _SCHOOL_CLASS_RE.sub(_school_class, text)
    if "の" in text:
        text = _SCHOOL_NO_CLASS_RE.sub(_school_no_class, text)
    if "［氏名］" in text:
        text = _SCHOOL_BEFORE_NAME_RE.sub(_school_before_name, text)
    if person_names:
        text = _ENGLISH_INTRO_RE.sub(_english_intro, text)
        text = _MAIDEN_NAME_RE.sub(_maiden_name, text)
        text = _mask_nicknames(text)
        text = _mask_kana_nicknames(text)
    text = _mask_name_with_reading_lines(text)
    text = _READING_AFTER_NAME_RE.sub(_reading_after_name, text)
    text = _mask_signature_urls(text)
    if person_names and (MASKS["name"] in text or recurring):
        # 「次男・［氏名］（34歳）…。翔は平日は」: the parts of a name masked once, where they recur
        text = _mask_recurring(text, [*masked_name_parts(original, text), *recurring])
    if person_names:
        text = _mask_topic_given_names(text)
        # the family name left before a given name masked after a kinship word (「甥の吉川 ［氏名］（25）」, QA113)
        if MASKS["name"] in text:
            text = _KIN_FAMILY_LEFT_RE.sub(_kin_family_left, text)
    return text


# A line of a name and its reading in brackets, the reading in two words (「渡辺　六子（わたなべ　むつこ）」)
# or already masked as a name: a signature, whatever UniDic makes of the kanji.
_NAME_WITH_READING_LINE_RE = re.compile(
    "^([ \u3000]*)[\u3005\u4e00-\u9fff]{1,5}[ \u3000]?[\u3005\u4e00-\u9fff]{1,5}[ \u3000]*"
    "[（(][ \u3000]*(?:[ぁ-ゖァ-ヺー]{1,8}[ \u3000]+[ぁ-ゖァ-ヺー]{1,8}|［氏名］)[ \u3000]*[）)][ \u3000]*$")


def _mask_name_with_reading_lines(text: str) -> str:
    """Such a line where a signature stands: the last line, or above contact lines only (masked
    data), not a place and its reading in the middle of a letter."""
    if "（" not in text and "(" not in text:
        return text
    lines = text.split("\n")
    for k, line in enumerate(lines):
        m = _NAME_WITH_READING_LINE_RE.match(line)
        if m and all(not rest.strip() or any(v in rest for v in MASKS.values()) for rest in lines[k + 1:]):
            lines[k] = m.group(1) + MASKS["name"]
    return "\n".join(lines)


# A name's reading in brackets right after it (「村井陽子（むらい ようこ）」) is the name again, and so is
# the name in Latin letters (「山田花子 (Yamada Hanako)」「［氏名］（YAMADA Hanako）」), one to three
# words, not all of them English words (「［氏名］ (PDF)」 stays).
_LATIN_NAME_WORD = "(?:[A-ZＡ-ＺÀ-ÖØ-Þ][a-zａ-ｚß-öø-ÿ]{1,15}|[A-ZＡ-ＺÀ-ÖØ-Þ]{2,15})"
_READING_AFTER_NAME_RE = re.compile(
    "［氏名］[ \u3000]*[（(][ \u3000]*(?:[ぁ-ゖァ-ヺｦ-ﾟー・･ 　]{2,}|［氏名］"
    f"|({_LATIN_NAME_WORD}(?:[ \u3000,.，．]{{1,3}}{_LATIN_NAME_WORD}){{0,2}}))[ \u3000]*[）)]")


def _reading_after_name(m: re.Match) -> str:
    latin = m.group(1)
    if latin and all(w.lower() in _ENGLISH_WORDS for w in re.findall("[A-Za-z]+", unicodedata.normalize("NFKC", latin))):
        return m.group()
    return MASKS["name"]


def _mask_signature_urls(text: str) -> str:
    """Mask the web addresses of a signature or contact block: a line that holds nothing but
    URLs, their labels (HP：, ブログ：) and masked data, when it holds masked data itself or the
    line before or after it is a closing (以上, 敬具 …) or a line of masked data only
    (「［氏名］」, 「メール：［メールアドレス］」)."""
    if "://" not in text and "www." not in text:
        return text
    lines = text.split("\n")
    nonempty = [k for k, line in enumerate(lines) if line.strip()]
    out = list(lines)
    for n, k in enumerate(nonempty):
        line = lines[k]
        if not _URL_RE.search(line):
            continue
        marked = _URL_RE.sub(MASKS["url"], line)
        if not only_masks(marked):
            continue
        near = [lines[nonempty[j]] for j in (n - 1, n + 1) if 0 <= j < len(nonempty)]
        if (any(m in line for m in MASKS.values())
                or any(only_masks(x) or _CLOSING_LINE_RE.fullmatch(x.strip()) or x.strip() in ("--", "-- ", "――")
                       for x in near)):
            out[k] = marked
    return "\n".join(out)


# What may stand next to masked data on a contact or signature line: labels, separators, brackets.
_CONTACT_FILLER_RE = re.compile(
    rf"({'|'.join(CONTACT_LABELS + NAME_LABELS + _NAME_LABEL_WORDS + _SENDER_LABEL_WORDS + _URL_LABELS + _SNS_LABELS)}"
    rf"|Phone|PHONE|phone|Mobile|MOBILE|Mail|MAIL|E-Mail|From|FROM|生年月日|誕生日|〒"
    # 「［生年月日］生まれ」: a signature's birth-date line (QA23: it kept the signature with the opinion)
    rf"|生まれ"
    # the labels of account and ID numbers (［口座番号］, ［番号］): 「口座：普通 ［口座番号］」
    rf"|口座番号|口座|普通預金|普通|当座|旅券番号|パスポート番号|免許証番号|運転免許証番号|被保険者番号|記号番号|受給者番号|番号"
    rf"|[:：()（）<>＜＞・/／,，、\-－\s\u3000])")


def only_masks(line: str) -> bool:
    """A line that holds masked data and nothing else but labels, separators and brackets:
    「電話：［電話番号］」, 「［氏名］　［郵便番号］ ［住所］」."""
    if not any(m in line for m in MASKS.values()):
        return False
    rest = line
    for m in MASKS.values():
        rest = rest.replace(m, "")
    # labels in full-width letters too: 「ＴＥＬ／ＦＡＸ　［電話番号］」 (QA32: it stayed, and labelled a row 「TEL」)
    return not _CONTACT_FILLER_RE.sub("", unicodedata.normalize("NFKC", rest)).strip()


def _closing_prefix_end(line: str) -> int:
    m = _CLOSING_PREFIX_RE.match(line)
    return m.end() if m else 0


# what a contact request says besides the masked data (「回答は［メールアドレス］までお願いします。」
# 「電話番号は［電話番号］です。」「返事は［電話番号］か［電話番号］にください。」)
_CONTACT_REQUEST_RE = re.compile(r"ご?連絡先?|ご?回答|ご?返信|ご?返答|ご?返事|お返事|お知らせ|私の|わたしの|"
                                 r"または|もしくは|"  # longer first
                                 r"です|でございます|まで|は|を|に|へ|で|の|宛て?|か|"  # の: 「LINEのIDは［SNSアカウント］です。」
                                 r"お願い(?:いた)?します|お願い申し上げます|ください|下さい|[。．.!！]")
_SENTENCE_TAIL_RE = re.compile(r"(?<=[。．！？!?])")


def _is_contact_sentence(sentence: str) -> bool:
    """A sentence that holds masked data and only gives it or asks to be answered there."""
    if not any(m in sentence for m in MASKS.values()):
        return False
    rest = sentence
    for m in MASKS.values():
        rest = rest.replace(m, "")
    return not _CONTACT_FILLER_RE.sub("", _CONTACT_REQUEST_RE.sub("", rest)).strip()


def _without_contact_sentences(line: str) -> str:
    """``line`` without its sentences that hold masked data and only a contact request around it,
    wherever they stand: 「…進めてください。連絡先：［電話番号］」 keeps 「…進めてください。」, and
    「返事は［電話番号］にください。駐輪場を…」 keeps 「駐輪場を…」 (QA23: a leading or middle contact
    sentence was published). A line of nothing but such sentences becomes empty."""
    parts = [p for p in _SENTENCE_TAIL_RE.split(line) if p]
    kept = [p for p in parts if not _is_contact_sentence(p)]
    return line if len(kept) == len(parts) else "".join(kept).strip(" \u3000")


def _without_leading_name_introduction(lines: list[str]) -> list[str]:
    """``lines`` without the sentences at the start of the first that only give the writer's masked
    name (``normalize._NAME_INTRO_RE``: 「［氏名］です。」「民生委員の［氏名］です。」), as long as
    something follows them."""
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return lines
    parts = [p for p in _SENTENCE_TAIL_RE.split(lines[first]) if p]
    k = 0
    while k < len(parts) and _NAME_INTRO_RE.match(parts[k].strip(" \u3000")):
        k += 1
    if not k or (k == len(parts) and not any(line.strip() for line in lines[first + 1:])):
        return lines
    return lines[:first] + ["".join(parts[k:]).lstrip(" \u3000")] + lines[first + 1:]


def drop_masked_lines(text: str) -> str:
    """The published summary without lines that held nothing but personal data.

    After masking, a signature or contact line reads 「［氏名］　［郵便番号］ ［住所］　電話 ［電話番号］」:
    it says nothing about the opinion, so the report leaves it out (``opinions.csv`` keeps
    the original). A line with any other word stays; a text made only of such lines is kept.
    """
    lines = text.split("\n")
    # a closing and the signature on one line (「以上　［氏名］」) goes too
    kept = [line for line in lines if not only_masks(line[_closing_prefix_end(line):])]
    # a sentence that only gives contact data or asks to be answered there goes as well, wherever
    # it stands (「…連絡先：［電話番号］」, 「ご回答は［メールアドレス］までお願いします。…」); a line
    # left empty by it goes with it
    kept = [short for line in kept
            if (short := _without_contact_sentences(line)) or not line.strip()]
    # the writer's name introduction opening the summary (「民生委員の［氏名］です。」): display_text drops
    # it when the tagger finds the name; the submitter's own name (the 氏名 column) is only masked here
    kept = _without_leading_name_introduction(kept)
    while kept and not kept[-1].strip():
        kept.pop()
    if not any(line.strip() for line in kept):
        return text
    if len(kept) < len(lines):
        # a separator left at the end once the signature under it is gone (「--」「――」「＊＊＊」)
        while kept and not any(ch.isalnum() for ch in kept[-1]):
            kept.pop()
    out = "\n".join(kept)
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", out).strip("\n \u3000")
