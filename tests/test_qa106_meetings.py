"""QA106: a city's consultation with the opinions spoken at its 住民説明会, typed in as 発言記録 (one row per turn, or one
cell per meeting). The moderator's and staff's turns and stage notes (「司会：…」「事務局：ご意見として承ります。」
「（拍手）」) were published as opinions and counted as submitters, a meeting's cell was cut by topic, not by speaker,
「参加者A：西山町の大河内です。」 was published with the name, and the fillers (「えー、」「あのー、」) stayed in the
summaries. The record was written for these tests."""
from __future__ import annotations

from conftest import invoke, read_csv_rows, write_csv
from cluster.normalize import display_text
from cluster.split import split_submission
from cluster.transcript import not_a_submission, speaker_turns, without_speech_noise

TURNS = [
    ("M-01", "司会：それでは、ご意見、ご質問のある方は挙手をお願いします。"),
    ("M-02", "参加者A：西山町の大河内です。えー、バスの本数なんですけど、あのー、朝の便をもう少し増やしてもらえないかなと。"),
    ("M-03", "事務局：ご意見として承ります。朝の便については事業者と協議してまいります。"),
    ("M-04", "（拍手）"),
    ("M-05", "参加者B：まあ、駅前の駐輪場が足りないので、増やしてほしいです。（笑い）"),
    ("M-06", "交通政策課長：駐輪場については検討します。"),
    ("M-07", "参加者C：先ほどの方と同じですが、朝の便を増やしてください。"),
]
WRITTEN = [("W-01", "朝のバスの便を増やしてください。通勤に間に合いません。"),
           ("W-02", "駅前に駐輪場を増やしてほしい。"),
           ("W-03", "バス停に屋根とベンチを付けてください。")]


def test_a_meetings_turns_are_read_by_their_speakers_labels():
    record = "\n".join(t for _, t in TURNS)
    turns = speaker_turns(record)
    assert [t.staff for t in turns] == [True, False, True, False, True, False]
    assert speaker_turns("理由：朝が混むため。") is None and speaker_turns("担当：企画課 木下") is None
    assert speaker_turns("図書館を延長してください。\n\n市：検討します。") is None  # one label below a letter: no record
    # a row of one turn is the moderator's only in a record typed one turn per row (QA109: a letter opening 「市長：」)
    assert not_a_submission("司会：ほかにございますか。", in_record=True) and not_a_submission("（拍手）")
    assert not not_a_submission("司会：ほかにございますか。")
    assert not not_a_submission("参加者A：朝の便を増やして。") and not not_a_submission("朝の便を増やして。")


def test_fillers_and_stage_notes_leave_what_was_asked():
    said = "えー、バスの本数なんですけど、あのー、朝の便を増やしてもらえないかなと。（笑い）"
    assert without_speech_noise(said) == "バスの本数なんですけど、朝の便を増やしてもらえないかなと。"
    for kept in ("あの店の前にバス停を作ってください。", "なんか変だと思う。"):
        assert without_speech_noise(kept) == kept
    assert display_text("まあ、駅前の駐輪場が足りないので、増やしてほしいです。（笑い）") == "駅前の駐輪場が足りないので、増やしてほしいです。"


def test_a_meetings_cell_is_cut_at_each_participants_turn_and_staff_turns_are_no_opinion():
    record = "第1回住民説明会（5月10日）\n" + "\n".join(t for _, t in TURNS)
    segments = split_submission(record)
    opinions = [record[s.start:s.end] for s in segments if not s.closing]
    assert not any(w in o for o in opinions for w in ("司会", "事務局", "課長", "参加者", "（拍手）"))
    assert any("駐輪場" in o for o in opinions) and sum("朝の便" in o for o in opinions) == 2


def _run(tmp_path, rows):
    comments = write_csv(tmp_path / "comments.csv", ["受付番号", "提出方法", "ご意見"], rows)
    out = tmp_path / "out"
    result = invoke("run", comments, "--out", out, "--model", "char-hash")
    assert result.exit_code == 0, result.output
    return out, result.output


def test_a_record_typed_one_turn_per_row_counts_and_publishes_the_participants_only(tmp_path):
    out, said = _run(tmp_path, [[i, "郵送", t] for i, t in WRITTEN] + [[i, "説明会", t] for i, t in TURNS])
    assert "4 rows of a meeting's record are the moderator or staff speaking or a stage note" in said
    from cluster.messages_ja import is_known

    assert all(is_known(line) for line in said.splitlines() if "meeting" in line)
    rows = read_csv_rows(out / "opinions.csv")
    assert {r["comment_id"] for r in rows} == {i for i, _ in WRITTEN + TURNS}  # every row accounted for
    status = {r["comment_id"]: r["status"] for r in rows}
    assert all(status[i] != "ok" for i in ("M-01", "M-03", "M-04", "M-06"))
    report = (out / "report.md").read_text(encoding="utf-8")
    # the three participants' turns are submissions of 説明会; the moderator's and staff's rows none
    assert "- 提出件数：6件" in report and "- 提出方法別：郵送 3件、説明会 3件" in report and "- 意見総数：6件" in report
    for word in ("司会", "事務局", "（拍手）", "参加者", "大河内", "えー", "あのー", "（笑い）"):
        assert word not in report, word
    assert "意見を含まない提出" not in report


def test_a_record_typed_one_cell_per_meeting_publishes_each_participants_opinion(tmp_path):
    record = "\n".join(t for _, t in TURNS)
    out, _ = _run(tmp_path, [[i, "郵送", t] for i, t in WRITTEN] + [["M", "説明会", record]])
    ok = [r for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"]
    assert len([r for r in ok if r["comment_id"] == "M"]) == 3
    report = (out / "report.md").read_text(encoding="utf-8")
    for word in ("司会", "事務局", "課長：", "参加者", "大河内", "えー、", "（拍手）"):
        assert word not in report, word


def test_a_speakers_self_introduction_after_the_label_is_masked():
    from cluster.mask import mask_personal_data

    assert mask_personal_data("参加者A：西山町の大河内です。") == "参加者A：西山町の［氏名］です。"
    assert mask_personal_data("委員：市民の田中です。") == "委員：市民の［氏名］です。"


def test_a_record_with_the_speaker_in_a_column_of_its_own(tmp_path):
    comments = write_csv(tmp_path / "説明会.csv", ["番号", "発言者", "発言記録"],
                         [["1", "司会", "それでは、ご意見のある方はどうぞ。"], ["2", "参加者A", "朝の便を増やしてください。"],
                          ["3", "事務局", "ご意見として承ります。"], ["4", "参加者B", "駅前に駐輪場を増やしてほしい。"]])
    result = invoke("run", comments, "--out", tmp_path / "out", "--model", "char-hash")
    assert result.exit_code == 0, result.output
    assert "text = 発言記録 (guessed)" in result.output  # (QA106: refused as no text column)
    status = {r["comment_id"]: r["status"] for r in read_csv_rows(tmp_path / "out" / "opinions.csv")}
    assert status == {"1": "excluded", "2": "ok", "3": "excluded", "4": "ok"}
    assert "- 提出件数：2件" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_a_letters_seasonal_greeting_after_haikei_is_no_part_of_the_published_opinion():
    """QA106 (a written letter): 「拝啓　寒さ厳しき折、皆様いかがお過ごしでしょうか。」 was published over the request."""
    letter = "拝啓　寒さ厳しき折、皆様いかがお過ごしでしょうか。\n西山地区は坂が多く、予約制の乗合タクシーを走らせてください。"
    assert display_text(letter) == "西山地区は坂が多く、予約制の乗合タクシーを走らせてください。"
    assert display_text("このバス路線はいかがでしょうか。") == "このバス路線はいかがでしょうか。"
