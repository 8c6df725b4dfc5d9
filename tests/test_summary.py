"""ご意見の概要 of a long letter: its requests, not the life story around them (QA47)."""
from __future__ import annotations

import openpyxl
import pytest
from conftest import invoke, run_folder

from cluster.report import published_summary, ReportRow
from cluster.summary import FOCUS_FROM, draft_summary, is_claim

CARER = ("私は74歳で、母と二人で暮らしています。母は認知症で要介護4です。"
         "毎晩何度も起こされ、私もほとんど眠れません。近くの特養に申し込んでも、ショートステイはいつも二か月先まで埋まっています。"
         "ですから、ショートステイの枠を増やしてほしいのです。"
         "昨年は私自身も腰を痛めて入院し、その間は母を遠くに住む親戚に預けるしかありませんでした。母も私も限界です。"
         "計画案には「介護者支援」という言葉はありますが、具体策が書かれていません。")


def test_a_long_letter_keeps_its_request_and_its_criticism_of_the_draft():
    assert len(CARER) > FOCUS_FROM
    out = draft_summary(CARER)
    assert "ショートステイの枠を増やしてほしいのです。" in out
    assert "具体策が書かれていません。" in out
    # the story is left out: health, age, the hospital stay
    for story in ("要介護4", "74歳", "腰を痛めて入院"):
        assert story not in out


def test_a_claim_opening_with_desukara_keeps_the_sentence_it_refers_to():
    out = draft_summary(CARER)
    assert "ショートステイはいつも二か月先まで埋まっています。ですから、" in out


def test_short_opinions_and_letters_of_claims_only_are_published_as_written():
    short = "母は毎日デイサービスに通っています。ショートステイの枠を増やしてほしい。"
    assert draft_summary(short) == short
    # (but not a family member's health beside the request, QA115: 要配慮個人情報)
    assert draft_summary("母は認知症です。ショートステイの枠を増やしてほしい。") == "ショートステイの枠を増やしてほしい。"
    claims = ("ショートステイの枠を増やしてください。" * 8) + "介護者支援の具体策を計画に明記すべきです。" * 4
    assert len(claims) > FOCUS_FROM and draft_summary(claims) == claims
    story = "私は毎朝六時に起きて母の朝食を作ります。" * 12
    assert draft_summary(story) == story


def test_a_family_member_needing_care_is_not_a_claim_but_a_need_of_the_plan_is():
    assert not is_claim("娘は気管切開をしていて、24時間たんの吸引が必要です。")
    assert is_claim("医療的ケア児を受け入れる事業所の確保が必要です。")
    # words quoted from someone else are not the writer's request
    assert not is_claim("電話したら、「まずはお母さんだけでも来てください」と言っていただき、少し楽になりました。")
    assert is_claim("このような相談の場があることを、もっと広く知らせてください。")


def test_a_staff_summary_is_published_as_written():
    row = ReportRow(no=1, section="", summary=CARER, count=1, answer="", answer_status="none",
                    summary_by_staff=True)
    assert published_summary(row) == CARER
    row = ReportRow(no=1, section="", summary=CARER, count=1, answer="", answer_status="none")
    assert "要介護4" not in published_summary(row)


def test_the_report_publishes_the_request_and_the_worksheet_keeps_the_letter(tmp_path):
    rows = [["1", CARER],
            ["2", "駅前の駐輪場を増やしてください。"],
            ["3", "図書館の開館時間を夜まで延長してほしい。"]]
    out, _, _ = run_folder(tmp_path, ["受付番号", "ご意見"], rows)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "ショートステイの枠を増やしてほしいのです。" in report
    assert "要介護4" not in report and "腰を痛めて入院" not in report
    for name in ("report.csv", "report.html"):
        assert "要介護4" not in (out / name).read_text(encoding="utf-8-sig")
    sheet_text = " ".join(str(c.value) for ws in openpyxl.load_workbook(out / "worksheet.xlsx").worksheets
                          for row in ws.iter_rows() for c in row if c.value)
    assert "要介護4" in sheet_text  # staff read the whole letter where they write the summary
    assert "要介護4" in (out / "opinions.csv").read_text(encoding="utf-8-sig")
    # the main sheet's ご意見の概要 is what the report publishes, and left as it is, the import records nothing
    main = openpyxl.load_workbook(out / "worksheet.xlsx").worksheets[0]
    rows = list(main.iter_rows(values_only=True))
    header = next(r for r in rows if r and "ご意見の概要" in r)
    cells = [r[header.index("ご意見の概要")] for r in rows[rows.index(header) + 1:] if r and r[0]]
    carer = next(c for c in cells if "ショートステイの枠" in str(c))
    assert "要介護4" not in carer and carer in report
    res = invoke("review", "import", str(out), str(out / "worksheet.xlsx"))
    assert res.exit_code == 0, res.output
    assert not (out / "decisions.jsonl").exists() or "summary" not in (out / "decisions.jsonl").read_text(encoding="utf-8")


STORY = ("私は会社員で、認知症の母と二人で暮らしています。母は夜中に何度も起きて家の中を歩き回ります。"
         "私もほとんど眠れず、仕事中に倒れそうになったこともあります。先月は母が夜中に家を出てしまい、警察に保護されました。")


def test_a_life_story_is_told_and_a_reasoned_opinion_is_not():
    from cluster.summary import without_story, story_told

    letter = STORY + "近くの施設のショートステイはいつも埋まっています。ショートステイの受け入れ枠を増やしてください。"
    assert story_told(letter)
    assert without_story(letter) == "ショートステイの受け入れ枠を増やしてください。"
    reasoned = ("福島の人々は十年以上にわたり大きな負担を背負ってきました。風評被害もまだ各地で続いています。"
                "除去土壌の再生利用は全国で進めるべきです。福島だけに負担を押しつけるのは公平ではありません。"
                "安全性の根拠となるデータを分かりやすく公開し、国民の理解を得る努力を続けてください。"
                "説明会も各地で開催してほしいと考えます。基準値の考え方も丁寧に説明する必要があります。")
    # its summary leaves the background out, but it tells no one's life: grouped on the whole text
    assert len(reasoned) > FOCUS_FROM and draft_summary(reasoned) != reasoned
    assert not story_told(reasoned) and without_story(reasoned) == reasoned


def test_two_letters_with_one_story_and_two_requests_are_grouped_by_their_requests(tmp_path):
    rows = [["1", STORY + "近くの施設のショートステイはいつも二か月先まで予約で埋まっています。ショートステイの受け入れ枠を増やしてください。"],
            ["2", STORY + "介護のことを相談したくても、窓口は平日の昼間しか開いていません。介護する家族のための相談窓口を夜間や休日にも開いてほしいです。"],
            ["3", "ショートステイの受け入れ枠を増やしてください。"],
            ["4", "ショートステイの枠が足りないので増やしてほしい。"],
            ["5", "介護する家族の相談窓口を夜間や休日にも開いてほしい。"],
            ["6", "家族介護者の相談窓口を休日や夜にも開設してください。"],
            ["7", "駅前の駐輪場を増設してください。"],
            ["8", "図書館の開館時間を延長してほしい。"]]
    out, _, cluster = run_folder(tmp_path, ["受付番号", "ご意見"], rows)
    # (a shared story had put the two letters in one row, apart from the requests they make)
    assert cluster["1-1"] != cluster["2-1"]
    assert cluster["1-1"] == cluster["3-1"] == cluster["4-1"]
    assert cluster["2-1"] == cluster["5-1"] == cluster["6-1"]


def test_no_mask_publishes_a_long_letter_as_written(tmp_path):
    """--no-mask is chosen to publish the opinions as they were sent: no story is left out either."""
    rows = [["1", CARER], ["2", "駅前の駐輪場を増やしてください。"]]
    out, _, _ = run_folder(tmp_path, ["受付番号", "ご意見"], rows, "--no-mask")
    assert "要介護4" in (out / "report.md").read_text(encoding="utf-8")


# Session 19: what the summary kept and left out of QA47's letters, read again.
YOUNG_CARER = ("僕の家は母子家庭で、母は看護師として夜勤もしています。祖母が脳出血で倒れてから、僕が学校から帰ると祖母の"
               "食事やトイレの手伝いをしています。部活はやめました。学校にスクールソーシャルワーカーの人がいると聞きましたが、"
               "週に1回しか来ないそうです。ヤングケアラーが気軽に相談できるように、学校に相談できる人を増やしてほしいです。"
               "あと、同じような立場の人と話せるオンラインの場所があったらいいなと思います。")


def test_a_second_request_put_as_a_wish_stays_in_the_summary():
    out = draft_summary(YOUNG_CARER)
    assert "相談できる人を増やしてほしいです。" in out
    assert "オンラインの場所があったらいいなと思います。" in out
    assert "母子家庭" not in out and "部活" not in out


@pytest.mark.parametrize("told", [
    "結局、遠方の病院にレスパイト入院をお願いしましたが、義母は環境が変わって体調を崩してしまいました。",
    "住民票の閲覧制限の手続きを役所でお願いしたとき、窓口で大きな声で事情を聞かれました。",
    "民生委員の村上さんは何度も家に来てくださり、地域のサロンに誘ってくださいました。",
])
def test_a_plea_or_a_kindness_told_as_what_happened_is_no_claim(told):
    assert not is_claim(told)


def test_a_plea_still_asked_is_a_claim():
    assert is_claim("レスパイト入院の受け入れ先を増やしていただくようお願いします。")
    assert is_claim("名簿の提供をお願いしたい。")


def test_support_for_this_direction_keeps_the_sentence_that_names_it():
    text = ("東町の長谷川です。私の家では、母（93歳）が要介護3で、妻と二人で見ています。"
            "母はデイサービスに週3回通っていて、これがあるおかげで私たちも何とかやっていけています。"
            "夜は母が何度も起きるので、妻も私も寝不足が続いています。"
            "計画案に「地域包括ケアシステムの深化」とありますが、これは本当に大切なことだと思います。"
            "私はこの方向性に賛成です。")
    out = draft_summary(text)
    assert out.startswith("計画案に「地域包括ケアシステムの深化」とありますが") and out.endswith("私はこの方向性に賛成です。")
    assert "要介護3" not in out


def test_a_reason_between_two_claims_is_kept_and_a_family_sentence_is_not():
    reason = "相談窓口を一本化しても、その先の支援の担い手が足りなければ意味がありません。"
    text = ("南町の清水です。私は地域で小さな作業所を運営しています。利用者は十二人で、職員は私を入れて三人です。"
            "計画案を読んで、よくまとまっていると思いました。"
            "第4章の、分野ごとの縦割りをなくそうという方向性には大いに賛成します。" + reason +
            "市町村を県が財政面でも後押しして、全市町村で実施できるようにしてください。")
    out = draft_summary(text)
    assert reason in out and "作業所を運営" not in out
    family = "妻は5年前に若年性認知症と診断されました。"
    text2 = text.replace(reason, family)
    assert len(text2) > FOCUS_FROM and family not in draft_summary(text2)


def test_a_criticism_that_the_draft_has_no_concrete_measures_is_kept():
    text = ("私は緑が丘地区で民生委員を12年務めております。担当している世帯は約180世帯です。"
            "私自身も70歳を超え、体力の限界を感じております。後任を探しても誰も引き受けてくれません。"
            "計画案の「担い手の確保」の節には、民生委員の活動の大切さは書かれていますが、負担を減らすための具体策がありません。"
            "県として、民生委員の仕事を整理して減らすことを計画に書き込んでいただきたいと思います。")
    out = draft_summary(text)
    assert out.startswith("計画案の「担い手の確保」の節には") and "70歳" not in out


def test_a_table_pasted_as_text_is_published_as_written():
    # QA51: the summary kept 「…修正を提案します。| 指標 | 現状値 | 提案 |」 and lost the figures proposed
    text = ("第6章の指標と目標値について、下表のとおり修正を提案します。\n\n| 指標 | 現状値(2022) | 案の目標(2030) | 提案 |\n"
            "|------|------|------|------|\n| 温室効果ガス排出量 | 1,450万t | 1,000万t | 850万t |\n"
            "| 再エネ発電量 | 5,200GWh | 7,000GWh | 9,000GWh |\n以上の理由は、国の計画との整合性を図るためです。")
    assert len(text) > FOCUS_FROM and draft_summary(text) == text
    tabbed = text.replace(" | ", "\t").replace("| ", "").replace(" |", "")
    assert draft_summary(tabbed) == tabbed


def test_a_sentence_pointing_at_a_link_is_no_claim():
    assert not is_claim("参考資料として次のページを見てください。")
    assert not is_claim("詳しくは添付の資料をご覧ください。")
    text = ("参考資料として次のページを見てください。https://www.example.org/reports/2024/renewable/comparison.pdf "
            "再エネの導入量を他県と比較すると、本県はまだ伸びしろがあります。国の目標も引き上げられました。"
            "近隣の県では2030年の目標を大きく上回る計画を立てています。第4章第2節の目標をもっと高くしてください。")
    assert len(text) > FOCUS_FROM
    assert draft_summary(text).startswith("第4章第2節の目標をもっと高くしてください。")
