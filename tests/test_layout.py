"""Letters copied out of a PDF or OCR (cluster.layout.repair_layout, applied by the reader): page
numbers and receipt stamps, line breaks at the page's width, 「l.」 for 「1.」, spaced-out kanji.
The texts are invented for these tests (a prefecture's cycling plan)."""
from __future__ import annotations

from cluster.layout import repair_layout
from cluster.pipeline import RunOptions, read_submissions, split_opinions

from conftest import write_csv

# cut every 34 characters, as a PDF's text layer gives it, with a page number and a stamp mid-sentence
WRAPPED = ("令和8年2月7日受付\n"
           "みなと駅の西口には駐輪場がなく、東口の駐輪場まで踏切を渡って回らなければなり\n"
           "ません。朝の踏切はなかなか開かず、電車に乗り遅れることもあります。西口にも\n"
           "駐輪場を\n"
           "- 2 -\n"
           "新設してください。\n"
           "- 3 -")


def test_page_numbers_and_stamps_go_and_the_sentence_is_one_line_again():
    text, fix = repair_layout(WRAPPED)
    assert text == ("みなと駅の西口には駐輪場がなく、東口の駐輪場まで踏切を渡って回らなければなりません。"
                    "朝の踏切はなかなか開かず、電車に乗り遅れることもあります。西口にも駐輪場を新設してください。")
    assert (fix.page_lines, fix.joined) == (3, 3)


def test_items_and_contact_lines_are_never_joined_to_the_line_above():
    letter = ("(1) 県道の自転車通行帯の整備について、計画では五年間で二十キロと\n"
              "なっていますが、通学路の区間を優先して整備を進めてください\n"
              "。現状では車道の端を走るのが怖いです。\n"
              "(2) 駅の駐輪場が足りません。特に中央駅は朝八時には満車になるた\n"
              "め、収容台数を増やしてほしい。\n"
              "以上\n"
              "電話 090-1234-5678")
    text, fix = repair_layout(letter)
    assert text.split("\n") == [
        "(1) 県道の自転車通行帯の整備について、計画では五年間で二十キロとなっていますが、通学路の区間を優先して"
        "整備を進めてください。現状では車道の端を走るのが怖いです。",
        "(2) 駅の駐輪場が足りません。特に中央駅は朝八時には満車になるため、収容台数を増やしてほしい。",
        "以上",
        "電話 090-1234-5678"]
    # a full line without its 。 is not run into the phone line under it
    fax = ("歩道を走る自転車のマナーが悪く、ベルを鳴らして歩行者をどかす人もいます。高齢\n"
           "者や子どもが怖い思いをしています。歩道での通行ルールを守らせてください\n"
           "電話 029-123-4567")
    assert repair_layout(fax)[0].split("\n")[-1] == "電話 029-123-4567"


def test_ocr_ones_and_spaced_kanji_and_names():
    text, fix = repair_layout("l. ヘルメットの購入を補助してください。\n2. 交通安全教室を開いてください。")
    assert text.startswith("1. ヘルメット") and fix.ocr_markers == 1
    text, fix = repair_layout("(l) 路肩を広げてください。\n(2) 歩道を直してください。")
    assert text.startswith("(1) 路肩") and fix.ocr_markers == 1
    # 「l.」 with no 2 under it is left as written
    assert repair_layout("l. だけの行です。\nほかの行です。")[1].ocr_markers == 0
    # spaced kanji are left: closing them up ran a one-kanji given name into the next word
    assert repair_layout("毎日自 転 車で通勤しています。")[0] == "毎日自 転 車で通勤しています。"
    assert repair_layout("氏名：山田 翔\u3000電話は070-0000-0000です。")[0] == "氏名：山田 翔\u3000電話は070-0000-0000です。"


def test_typed_text_comes_back_unchanged():
    for typed in ("駅前の駐輪場を増やしてください。",
                  "駐輪場を増やしてください。\n\nまた、バスの本数を増やしてください。",
                  "1. 駐輪場を増やしてください。\n2. バスの本数を増やしてください。\n3. 歩道を広げてください。",
                  # two typed paragraphs of about the same length: each ends its sentence
                  "駅前の駐輪場は朝七時には満車になり、自転車を停める場所がありません。増設してください。\n"
                  "市役所前のバス停には屋根がなく、雨の日は傘を差して待つしかありません。屋根を付けてください。",
                  "計画案の3.5倍という目標の根拠を示してください。",
                  "受付番号 12 の件です。",
                  # mail headers and a rule line of about one width are no wrapped sentence
                  "From: 森川 葵 <aoi@example.org>\nTo: iken@city.example.lg.jp\nSubject: Re: 緑地整備計画（案）への意見\n\n"
                  "北公園の池を残してください。\n-------- 転送メッセージ --------\nFrom: みどり市 公園課\n"
                  "担当：公園課 川口\n本市では緑地整備計画（案）への意見を募集します。"):
        text, fix = repair_layout(typed)
        assert text is typed and not fix, typed


def test_the_reader_repairs_the_letters_and_says_what_it_did(tmp_path):
    path = write_csv(tmp_path / "letters.csv", ["受付番号", "提出方法", "ご意見"], [
        ["L1", "郵送", WRAPPED],
        ["L2", "FAX", "l. ヘルメットは値段が高く、子どもの分まで買うと家計の負担が大\n"
                     "きい。購入補助をお願いしたい。\n"
                     "2. 高校生の自転車の乗り方が危ないので、学校で交通安全教室を毎\n"
                     "年開いてください。"],
        ["L3", "電子メール", "駅前の駐輪場を増やしてください。"],
    ])
    lines: list[str] = []
    subs, info = read_submissions(path, RunOptions(), lines.append)
    note = next(line for line in lines if line.startswith("page layout undone in 2 rows"))
    assert "3 page number or receipt stamp lines removed" in note and "1 item number read as 1" in note
    assert info["layout_repaired_rows"] == 2
    ops = [(o.opinion_id, o.text) for o in split_opinions(subs) if o.status == "ok"]
    assert ops == [
        ("L1-1", "みなと駅の西口には駐輪場がなく、東口の駐輪場まで踏切を渡って回らなければなりません。"
                 "朝の踏切はなかなか開かず、電車に乗り遅れることもあります。西口にも駐輪場を新設してください。"),
        ("L2-1", "ヘルメットは値段が高く、子どもの分まで買うと家計の負担が大きい。購入補助をお願いしたい。"),
        ("L2-2", "高校生の自転車の乗り方が危ないので、学校で交通安全教室を毎年開いてください。"),
        ("L3-1", "駅前の駐輪場を増やしてください。"),
    ]


def test_the_layout_line_reads_in_japanese():
    from cluster.messages_ja import translate

    line = ("page layout undone in 2 rows (text copied from a PDF or OCR): 4 line breaks inside sentences joined; "
            "3 page number or receipt stamp lines removed (the input file keeps it as it was)")
    assert translate(line) == ("PDF・OCRから写したとみられる2行の書式を直しました：文の途中の改行4か所をつなぐ、"
                               "ページ番号・受付印の行3行を除く（入力ファイルはそのままです）")


def test_ocr_long_vowels_and_half_width_katakana():
    from cluster.messages_ja import translate
    from cluster.normalize import display_text

    text, fix = repair_layout("歩道での通行ル一ルを守らせてください。ドア一ヶ所、バス一台。")
    assert text == "歩道での通行ルールを守らせてください。ドア一ヶ所、バス一台。" and fix.long_vowels == 1
    # half-width katakana stays as sent in opinions.csv and is published full-width
    assert display_text("ﾍﾙﾒｯﾄの購入を補助してください。ﾊﾞｽも") == "ヘルメットの購入を補助してください。バスも"
    line = ("page layout undone in 1 row (text copied from a PDF or OCR): 1 kanji 「一」 in katakana words read as 「ー」 "
            "(「ル一ル」) (the input file keeps it as it was)")
    assert "カタカナ語の中の「一」1か所を「ー」と読む" in translate(line)
