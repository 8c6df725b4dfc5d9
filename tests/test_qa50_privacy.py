"""QA50 (a school-reorganisation consultation with joint letters and children's letters): a joint
letter's 名簿 is no opinion and its names are masked; a child's self-introduction under a salutation is
framing and its name masked; a school with a class written with の is masked; a preamble announcing
questions is a greeting row; the signer's furniture under an opinion is a greeting row; a group in the
氏名・団体名 cell is no person's name. All texts are invented for these tests."""
from __future__ import annotations

from types import SimpleNamespace

from conftest import assert_masked, read_csv_rows, run_folder

from cluster.layout import repair_layout
from cluster.mask import mask_personal_data, submitter_person_names
from cluster.normalize import is_greeting_sentence, is_introduction
from cluster.pipeline import submitter_names
from cluster.split import is_name_list, split_submission

ROSTER = ["森 加奈子", "村上 直美", "今井 早苗", "杉山 理恵", "藤井 明美", "大野 里佳", "小松 千尋", "上田 香織",
          "増田 由紀", "河野 優子", "長谷川 舞", "内田 節子"]
ROSTER_LINES = "\n".join("、".join(ROSTER[k:k + 4]) for k in range(0, len(ROSTER), 4))
JOINT_LETTER = ("西中学校保護者有志として、校区再編の案について意見を提出します。\n"
                "（1）通学路に街灯を増やしてください。\n"
                "（2）部活動の送迎バスを出してください。\n\n"
                "西中学校 保護者有志 12名\n（代表）森　加奈子\n【名簿】\n" + ROSTER_LINES)


def test_layout_repair_never_joins_lines_of_names():
    # QA50: the lines of a 名簿 are of one width and were joined as a sentence cut by a page
    text, fix = repair_layout(JOINT_LETTER)
    assert not fix.joined
    assert text == JOINT_LETTER
    assert "上田 香織\n増田 由紀" in text


def test_a_list_of_names_is_no_opinion_with_or_without_heading():
    assert is_name_list("【名簿】\n" + ROSTER_LINES)
    assert is_name_list(ROSTER_LINES)
    assert is_name_list("賛同者（連名）\n森 加奈子\n村上 直美\n今井 早苗")
    assert is_name_list("連名者\n森 加奈子\n村上 直美\n今井 早苗")
    assert not is_name_list("賛成、反対、保留")
    assert not is_name_list("通学路に街灯を増やしてください。")


def test_a_name_in_brackets_after_a_role_is_one_name_and_a_group_is_none():
    assert submitter_person_names("西中学校保護者有志（代表 森 加奈子）") == ["森 加奈子"]
    assert submitter_person_names("川村 ゆうと（保護者 川村 真理）") == ["川村 ゆうと", "川村 真理"]
    assert submitter_person_names("緑町自治会連合会　会長　岡本 浩") == ["岡本 浩"]
    assert submitter_person_names("緑町内会") == []
    assert submitter_person_names("山口 太一") == ["山口 太一"]
    assert "山口 太一" in submitter_person_names("山口 太一（緑小学校保護者）")
    # the cell 「…有志（代表 森 加奈子）」 masks 森 加奈子 whole (QA50: 「［氏名］ 加奈子」 was published)
    names = submitter_names([SimpleNamespace(submitter="西中学校保護者有志（代表 森 加奈子）")])
    assert_masked("西中学校 保護者有志 12名\n（代表）森　加奈子\n森 加奈子、村上 直美", names,
                  secrets=["加奈子", "直美"])
    # QA50 F10: a group in the cell is no person's name: its own text keeps it
    names = submitter_names([SimpleNamespace(submitter="緑町内会")])
    assert mask_personal_data("緑町内会として、校区再編の案に意見を申し上げます。", names).startswith("緑町内会として")


def test_a_joint_letter_publishes_neither_its_roster_nor_its_signers(tmp_path):
    rows = [
        ["1", "西中学校保護者有志（代表 森 加奈子）", JOINT_LETTER],
        ["2", "川村 ゆうと（保護者 川村 真理）",
         "みどり市のえらい人へ\nぼくは西中学校1年3組の川村ゆうとです。西中がなくなるのはいやです。西中をなくさないでください。"],
        ["3", "青木 順", "再編の案について3点質問します。\n（1）送迎バスは毎日出ますか。\n（2）体操服は買い直しですか。\n"
                        "（3）給食はどうなりますか。"],
        ["4", "石田 修", "以下、質問です。\n（1）新しい校舎はいつできますか。\n（2）跡地はどうなりますか。"],
        ["5", "緑町自治会連合会　会長　岡本 浩",
         "緑町自治会連合会として意見を提出します。\n一、説明会を緑町でも開いてください。\n"
         "一、跡地を避難所として残してください。\n\n緑町自治会連合会"],
        ["6", "中野 恵", "校区再編に反対します。小規模校のよさを残してください。\n\n賛同者（連名）\n中野 恵\n中野 修一\n安藤 美穂"],
    ]
    out, _, _ = run_folder(tmp_path, ["番号", "氏名", "意見"], rows)
    ops = read_csv_rows(out / "opinions.csv")
    ok = [r for r in ops if r["status"] == "ok"]
    # the roster, the signers' lines and the question preambles are greeting rows, no opinion
    assert not any(n.split()[1] in r["text"] for r in ok for n in ROSTER), [r["text"] for r in ok]
    assert not any("有志" in r["text"] or "賛同者" in r["text"] or "3点質問" in r["text"] or "以下、質問" in r["text"]
                   for r in ok), [r["text"] for r in ok]
    assert not any(r["text"].rstrip().endswith("緑町自治会連合会") for r in ok)
    greeting = " ".join(r["text"] for r in ops if r["status"] == "greeting")
    assert "増田 由紀" in greeting and "3点質問します" in greeting and "以下、質問です" in greeting
    assert sum(1 for r in ok if r["comment_id"] == "1") == 2
    assert sum(1 for r in ok if r["comment_id"] == "3") == 3
    published = "".join((out / name).read_text(encoding="utf-8-sig") for name in ("report.md", "report.csv", "report.html"))
    for secret in [n.split()[1] for n in ROSTER] + ["川村ゆうと", "ゆうと", "加奈子", "西中学校1年3組"]:
        assert secret not in published, secret


def test_a_salutation_to_the_city_is_a_greeting():
    for line in ["みどり市のえらい人へ", "市長さんへ", "きょういくいいんかいのみなさんへ", "教育委員会の皆様へ"]:
        assert is_greeting_sentence(line), line
    assert not is_greeting_sentence("市役所へ")
    assert not is_greeting_sentence("先生に")


def test_a_child_named_after_the_class_is_masked_whatever_the_submitter_cell_says():
    text = "ぼくは西中学校1年3組の川村ゆうとです。西中をなくさないでください。"
    for names in ([], ["川村 真理"]):
        out = mask_personal_data(text, names)
        assert "川村" not in out and "ゆうと" not in out, out
        assert "1年3組の［氏名］です" in out, out
    assert_masked("わたしは2年1組の松田ハナです。", secrets=["松田", "ハナ"])
    assert_masked("3年生の佐々木です。", kept=["3年生"])
    assert_masked("4年2組の代表です。", kept=["代表"])
    assert_masked("3年生の担任です。", kept=["担任"])


def test_a_school_with_a_class_or_year_after_no_is_masked():
    assert_masked("息子が通う緑川小学校の4年2組は9人です。", secrets=["緑川"], kept=["［学校名］の4年2組"])
    assert_masked("娘は桜台小学校の1年生です。", secrets=["桜台"], kept=["［学校名］の1年生"])
    assert_masked("市内小学校の6年生全員に配ってください。", kept=["市内小学校の6年生"])
    assert_masked("各中学校の3年生", kept=["各中学校の3年生"])


def test_question_preambles_are_introductions():
    for line in ["計画案について3点質問します。", "以下、質問です。", "質問があります。", "通学について質問が2点あります。"]:
        assert is_introduction(line), line
    assert not is_introduction("送迎バスは毎日出ますか。")
    assert not is_introduction("質問に答えてください。")


def test_signer_furniture_under_an_opinion_is_a_closing_segment():
    for tail in ["\n\n西中学校 保護者有志 12名\n（代表）森　加奈子", "\n\n賛同者（連名）", "\n\n連名者", "\n\n緑町自治会連合会",
                 "\n\n令和8年2月1日\n緑小学校PTA"]:
        text = "跡地を避難所として残してください。" + tail
        segs = split_submission(text)
        assert [text[s.start:s.end] for s in segs if not s.closing] == ["跡地を避難所として残してください。"], tail
    # an opinion's own last paragraph stays
    text = "跡地を避難所として残してください。\n\n公園もこのまま残してほしいです。"
    assert len([s for s in split_submission(text) if not s.closing]) >= 1
    assert all("公園" not in text[s.start:s.end] for s in split_submission(text) if s.closing)
