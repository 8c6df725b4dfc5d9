"""QA107: the meeting-record rules (QA106) tempted. A letter's address block (「市：みなと市⏎町：東町」), a form's
fields (「担当課：公園緑地課」「学部：経済学部」), a signature (「防犯部長：佐藤一郎」) or a letter quoting the minutes was
read as the staff speaking and dropped; a participant named by name (「田中：」) fell inside the moderator's turn; the
chair (議長, 座長, 部会長) was no label; fillers and stage notes were cut out of words in every letter (「まあるい」
→ 「るい」, 「（中略）」). The texts were written for these tests."""
from __future__ import annotations

import pytest

from conftest import invoke, read_csv_rows, write_csv
from cluster.normalize import display_text
from cluster.split import split_submission
from cluster.transcript import not_a_submission, speaker_turns

LETTERS = [
    "市：みなと市\n町：東町\n公園の遊具が古くなっているので、新しくしてください。",
    "担当課：公園緑地課\n遊歩道に街灯を付けてください。夜は暗くて危ないです。",
    "区：北区\nごみの収集日を週2回に戻してください。",
    "所管課：都市計画課\n該当箇所：12ページ\n意見：駅前の駐輪場を増やしてください。",
    "希望する教室：パソコン教室\nシニア向けの教室を増やしてください。",
    "学部：経済学部\n大学生の意見として、若者向けの住宅支援を拡充してください。",
    "市：\n計画案の第3章について、公共交通の記述を増やすべきです。",
    "図書館の開館時間を夜9時まで延長してください。\n仕事帰りに寄れません。\n\n住所\n市：みなと市\n町：東町二丁目",
    "東町自治会として、通学路の歩道整備を要望します。\n\n防犯部長：佐藤一郎\n交通部長：鈴木次郎",
    "送付先\n交通政策課：山田様\n都市計画課：佐藤様\nバスの路線図を分かりやすくしてください。",
]


@pytest.mark.parametrize("letter", LETTERS)
def test_a_letter_with_role_words_before_a_colon_is_no_meetings_record(letter):
    assert speaker_turns(letter) is None and not not_a_submission(letter)


def test_a_letter_quoting_the_minutes_is_one_letter():
    letter = ("先日の説明会の議事録を読みました。\n市：財源がないので難しい\nと書かれていましたが、納得できません。\n"
              "住民：バスを増やしてほしい\nという意見が多かったのに無視されています。計画を見直してください。")
    assert speaker_turns(letter) is None
    assert "納得できません" in " ".join(letter[s.start:s.end] for s in split_submission(letter) if not s.closing)


@pytest.mark.parametrize("record, speakers", [
    ("司会：ご意見のある方どうぞ。\n田中：東町の田中です。バスの朝の便を増やしてください。\n事務局：検討します。",
     [("司会：", True), ("田中：", False), ("事務局：", True)]),
    ("田中さん：東町の田中です。バスの朝の便を増やしてください。\n参加者B：賛成です。", [("田中さん：", False), ("参加者B：", False)]),
    ("参加者A：駐輪場を増やしてほしい。\n議長：ほかにございますか。\n参加者B：図書館を夜まで開けてください。\n座長：時間ですので終わります。",
     [("参加者A：", False), ("議長：", True), ("参加者B：", False), ("座長：", True)]),
    ("山田委員：子どもの居場所をもっと作るべきだと思います。\n事務局：検討します。", [("山田委員：", False), ("事務局：", True)]),
    ("部会長：本日の議事は以上です。\n委員：一点だけ。公園を増やしてください。", [("部会長：", True), ("委員：", False)]),
])
def test_a_record_reads_names_and_the_chair_as_speakers(record, speakers):
    assert [(record[t.label_start:t.start], t.staff) for t in speaker_turns(record)] == speakers


def test_a_participant_named_by_name_is_published_without_the_name(tmp_path):
    record = "司会：ご意見のある方どうぞ。\n田中：東町の田中です。バスの朝の便を増やしてください。\n事務局：検討します。"
    comments = write_csv(tmp_path / "説明会.csv", ["番号", "ご意見"], [["M1", record], ["L1", LETTERS[0]]])
    result = invoke("run", comments, "--out", tmp_path / "out", "--model", "char-hash")
    assert result.exit_code == 0, result.output
    ok = [r["text"] for r in read_csv_rows(tmp_path / "out" / "opinions.csv") if r["status"] == "ok"]
    assert any("バスの朝の便を増やしてください" in t for t in ok) and any("遊具" in t for t in ok)
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "田中" not in report and "司会" not in report and "事務局" not in report and "- 提出件数：2件" in report


@pytest.mark.parametrize("text", ["まあるい形のベンチを公園に置いてください。", "うーんと遠くの施設まで行かないといけないので不便です。",
                                  "「あのー、えー」ばかりの職員の説明は聞き取りにくかったです。", "えーっ！と驚きました。値上げには反対です。",
                                  "まあまあの出来なので、もう少し工夫してください。",
                                  "条例案の第3条は「市長は（中略）定めることができる」となっていますが、中略の部分が大事です。",
                                  "会議の場で賛成の人は（挙手）と書かれていましたが、挙手で決めるのはおかしいです。",
                                  "説明が短すぎました（笑）。もっと丁寧にしてください。"])
def test_a_letters_words_that_look_like_fillers_or_stage_notes_stay(text):
    assert display_text(text) == text
